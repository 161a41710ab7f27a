// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Quiesce a pool: make sure nobody holds it, and close the door so that
 * nobody starts to while its device is removed or re-created.
 *
 * Look first without touching anything, so that a busy pool is refused
 * with nothing changed. Only an idle pool gets its door closed (the marker,
 * then mode 0) and is looked at again: whoever slipped in before the door
 * shut is seen by the second look. The door must never stay shut by
 * mistake: every path out of here restores the mode, and a guardian
 * process, which outlives a killed daxpool, restores it when daxpool dies
 * before saying that it is done.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "config.h"
#include "quiesce.h"

/* only async-signal-safe calls: the caller may have threads */
static void __attribute__((noreturn)) guardian(int sock, const char *dev,
		dev_t rdev, mode_t mode, const char *marker)
{
	struct stat st;
	ssize_t n;
	char c;

	setsid();
	/* nothing of the caller's may stay open here, the device least of all */
	if (sock > 0)
		syscall(SYS_close_range, 0U, (unsigned int)sock - 1, 0U);
	syscall(SYS_close_range, (unsigned int)sock + 1, ~0U, 0U);
	do
		n = read(sock, &c, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1) {
		/* daxpool died with the door shut: open it again */
		unlink(marker);
		if (stat(dev, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == rdev)
			chmod(dev, mode);
	}
	_exit(0);
}

/* a process that is not our child (no SIGCHLD, no zombie for the caller) */
static int start_guardian(struct dp_quiesce *q)
{
	int sv[2], status;
	pid_t child;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return -errno;
	child = fork();
	if (child < 0) {
		int e = errno;

		close(sv[0]);
		close(sv[1]);
		return -e;
	}
	if (child == 0) {
		if (fork() == 0)
			guardian(sv[1], q->dev, q->rdev, q->mode, q->marker);
		_exit(0);
	}
	close(sv[1]);
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	q->guard = sv[0];
	return 0;
}

static void stop_guardian(struct dp_quiesce *q)
{
	if (q->guard < 0)
		return;
	send(q->guard, "k", 1, MSG_NOSIGNAL);
	close(q->guard);
	q->guard = -1;
}

static int write_marker(struct dp_quiesce *q, const char *uuid)
{
	char tmp[200], text[32];
	int fd, len;

	if (dp_run_path("quiesce", uuid, true, q->marker, sizeof(q->marker)))
		return -EINVAL;
	snprintf(tmp, sizeof(tmp), "%s.tmp", q->marker);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		q->marker[0] = '\0';
		return -errno;
	}
	fchmod(fd, 0644);
	len = snprintf(text, sizeof(text), "%d\n", (int)getpid());
	if (write(fd, text, (size_t)len) != len || close(fd) < 0 ||
	    rename(tmp, q->marker) < 0) {
		int e = errno ? errno : EIO;

		unlink(tmp);
		q->marker[0] = '\0';
		return -e;
	}
	return 0;
}

static int busy(struct daxpool_ctx *ctx, struct dp_holders *h)
{
	if (h->error)
		return dp_fail(ctx, -h->error, "cannot tell whether it is in use: %s; nothing changed",
				h->error_why);
	return dp_fail(ctx, EBUSY, "pool is busy (%s)",
			h->n ? h->list[0].why : "in use through libdaxpool");
}

int dp_quiesce(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		struct dp_quiesce *q, struct dp_holders *h)
{
	struct dp_target t;
	struct stat st;
	int rc;

	memset(q, 0, sizeof(*q));
	memset(h, 0, sizeof(*h));
	q->fd = q->guard = -1;
	q->mode = (mode_t)-1;
	if (!pool->chardev[0])
		return 0;	/* no device: nothing can hold it */
	snprintf(q->dev, sizeof(q->dev), "/dev/%s", pool->chardev);
	q->fd = open(q->dev, O_RDONLY | O_CLOEXEC);
	if (q->fd < 0 || fstat(q->fd, &st) < 0) {
		rc = dp_fail(ctx, errno, "cannot open %s: %s", q->dev, strerror(errno));
		goto fail;
	}
	q->rdev = t.rdev = st.st_rdev;
	dp_grants_load(pool->rec.uuid, &st, &t.grants);
	/* library users hold a shared lock: theirs is the quickest answer */
	if (flock(q->fd, LOCK_EX | LOCK_NB) < 0) {
		rc = errno;
		dp_scan_holders(&t, h);
		rc = rc == EWOULDBLOCK ? busy(ctx, h)
				       : dp_fail(ctx, rc, "cannot lock %s: %s", q->dev, strerror(rc));
		goto fail;
	}
	if (dp_scan_holders(&t, h) != 0) {
		rc = busy(ctx, h);
		goto fail;
	}
	/* idle: close the door, then look again */
	rc = write_marker(q, pool->rec.uuid);
	if (rc) {
		rc = dp_fail(ctx, -rc, "cannot write %s/quiesce: %s", DAXPOOL_RUNDIR,
				strerror(-rc));
		goto fail;
	}
	q->mode = st.st_mode & 07777;
	rc = start_guardian(q);
	if (rc) {
		rc = dp_fail(ctx, -rc, "cannot start the guardian of %s: %s", q->dev,
				strerror(-rc));
		goto fail;
	}
	if (fchmod(q->fd, 0) < 0) {
		rc = dp_fail(ctx, errno, "cannot close %s to new users: %s", q->dev,
				strerror(errno));
		goto fail;
	}
	dp_holders_free(h);
	if (dp_scan_holders(&t, h) != 0) {
		rc = busy(ctx, h);
		goto fail;
	}
	return 0;
fail:
	dp_quiesce_end(q, false);
	return rc;
}

void dp_quiesce_drop_fd(struct dp_quiesce *q)
{
	if (q->fd >= 0)
		close(q->fd);
	q->fd = -1;
}

void dp_quiesce_end(struct dp_quiesce *q, bool gone)
{
	if (q->marker[0])
		unlink(q->marker);
	q->marker[0] = '\0';
	if (!gone && q->mode != (mode_t)-1) {
		struct stat st;

		if (q->fd >= 0)
			fchmod(q->fd, q->mode);
		else if (stat(q->dev, &st) == 0 && S_ISCHR(st.st_mode) &&
			 st.st_rdev == q->rdev)
			chmod(q->dev, q->mode);
	}
	q->mode = (mode_t)-1;
	stop_guardian(q);
	dp_quiesce_drop_fd(q);
}
