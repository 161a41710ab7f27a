// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Quiesce a pool: make sure nobody holds it, and close the door so that
 * nobody starts to while its device is removed or re-created.
 *
 * Look first without touching anything, so that a busy pool is refused
 * with nothing changed. Only an idle pool gets its door closed (the marker,
 * then owner and group root, then mode 0: its owner can no longer chmod it
 * open again) and is looked at again: whoever slipped in before the door
 * shut is seen by the second look. With the door shut, no fd open and no
 * mapping left, nothing can take a new reference to a page, so the second
 * look's page count stays true until the device is gone.
 *
 * A look is the /proc scan (inuse.c: who has the node open or mapped, by
 * device number) and the kernel's own page count (page-refs.c). The count
 * decides; the scan names holders, and its pin rules (pins.c) decide only
 * where the count cannot be read.
 *
 * The door must never stay shut by mistake: every path out of here
 * restores owner, group and mode, and a guardian process, which outlives a
 * killed daxpool, restores them when daxpool dies before saying that it is
 * done, unless the pool's record by then says it is being destroyed: such
 * a node stays root-only until check or activate finishes the destroy.
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
#include "guard/page-refs.h"
#include "guard/quiesce.h"
#include "store/registry.h"

/* does the record file at PATH say that a destroy is under way? Reads with
 * plain system calls: the guardian may only use async-signal-safe ones */
static bool record_says_destroy(const char *path)
{
	static const char key[] = "\"intent\"";
	const char *want = dp_intent_name(DP_INTENT_DESTROY);
	size_t len = strlen(want);
	char buf[8192];
	ssize_t n = 0, r;
	const char *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	while (n < (ssize_t)sizeof(buf) - 1 &&
			(r = read(fd, buf + n, sizeof(buf) - 1 - (size_t)n)) >
					0)
		n += r;
	close(fd);
	buf[n] = '\0';
	p = memmem(buf, (size_t)n, key, sizeof(key) - 1);
	if (!p)
		return false;
	p += sizeof(key) - 1;
	while (*p == ' ' || *p == ':' || *p == '\t' || *p == '\n')
		p++;
	/* the value as the record codec spells it, quoted */
	return p[0] == '"' && strncmp(p + 1, want, len) == 0 &&
			p[1 + len] == '"';
}

/* only async-signal-safe calls: the caller may have threads */
static void __attribute__((noreturn))
guardian(int sock, const struct dp_quiesce *q)
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
		/* daxpool died with the door shut: open it again, unless the
		 * destroy got as far as its durable intent; the marker goes
		 * last (dp_quiesce_end says why) */
		if (!record_says_destroy(q->record) && stat(q->dev, &st) == 0 &&
				S_ISCHR(st.st_mode) && st.st_rdev == q->rdev &&
				chown(q->dev, q->uid, q->gid) == 0)
			chmod(q->dev, q->mode);
		unlink(q->marker);
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
			guardian(sv[1], q);
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
	char text[48];
	int rc;

	if (dp_run_path("quiesce", uuid, true, q->marker, sizeof(q->marker)))
		return -EINVAL;
	snprintf(text, sizeof(text), "%d %llu\n", (int)getpid(),
			dp_proc_start_time((int)getpid()));
	rc = dp_run_write(q->marker, text, 0644);
	if (rc)
		q->marker[0] = '\0';
	return rc;
}

static int busy(struct daxpool_ctx *ctx, struct dp_holders *h)
{
	if (h->error)
		return dp_fail(ctx, -h->error,
				"cannot tell whether it is in use: %s; nothing changed",
				h->error_why);
	return dp_fail(ctx, EBUSY, "pool is busy (%s)",
			h->n ? h->list[0].why : "in use through libdaxpool");
}

/* holders found by fd or mapping come first; the pin rules' suspects
 * after them, and only they are left when the count clears the pool */
static int direct_holders(struct dp_holders *h)
{
	int i, n = 0;

	for (i = 0; i < h->n; i++)
		if (!h->list[i].pin) {
			struct dp_holder t = h->list[n];

			h->list[n++] = h->list[i];
			h->list[i] = t;
		}
	return n;
}

/*
 * The kernel's count of DEV's pages, with the reader Q loaded once (its
 * first failure is said once, as a warning); -errno where it cannot be read
 */
static int count(struct daxpool_ctx *ctx, struct dp_quiesce *q, const char *dev,
		struct dp_page_refs *refs)
{
	char why[256];
	int rc;

	if (!q->reader && !q->reader_rc) {
		q->reader_rc = dp_page_reader_new(&q->reader, why, sizeof(why));
		if (q->reader_rc)
			dp_warn(ctx, "the kernel's page counts cannot be read (%s): deciding by /proc alone, which cannot see every reference (daxpool-destroy(1))",
					why);
	}
	if (q->reader_rc)
		return q->reader_rc;
	rc = dp_page_refs_read(q->reader, dev, refs, why, sizeof(why));
	if (rc)
		dp_warn(ctx, "the kernel's page counts of %s cannot be read (%s): deciding by /proc alone, which cannot see every reference (daxpool-destroy(1))",
				dev, why);
	return rc;
}

/* one look at DEV: 0 idle, or -EBUSY / -errno with the reason in ctx */
static int look(struct daxpool_ctx *ctx, struct dp_quiesce *q, const char *dev,
		const struct dp_target *t, struct dp_holders *h)
{
	struct dp_page_refs refs;

	dp_holders_free(h);
	dp_scan_holders(t, h);
	if (h->error)
		return busy(ctx, h);
	/* an open fd or a mapping is enough: no need to count */
	if (direct_holders(h))
		return busy(ctx, h);
	if (count(ctx, q, dev, &refs)) {
		/* no kernel count: the /proc rules decide, pins included */
		return h->n ? busy(ctx, h) : 0;
	}
	if (!refs.busy) {
		/* whatever the pin rules suspected, it is not this pool */
		h->n = 0;
		return 0;
	}
	return dp_fail(ctx, EBUSY,
			"pool is busy (pages of the pool are still referenced: %llu of its %llu pages or compound pages, %llu bytes from physical address 0x%llx; %s%s)",
			(unsigned long long)refs.busy,
			(unsigned long long)refs.units,
			(unsigned long long)refs.busy_bytes,
			(unsigned long long)refs.first_busy,
			h->n ? "perhaps " : "no process found that holds them",
			h->n ? h->list[0].why : "");
}

int dp_idle_check(struct daxpool_ctx *ctx, const char *dev,
		const struct dp_target *t, struct dp_holders *h)
{
	struct dp_quiesce q = { .fd = -1, .guard = -1 };
	int rc = look(ctx, &q, dev, t, h);

	dp_page_reader_free(q.reader);
	return rc;
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
		return 0; /* no device: nothing can hold it */
	dp_record_path(ctx->confdir, pool->rec.uuid, q->record,
			sizeof(q->record));
	snprintf(q->dev, sizeof(q->dev), "/dev/%s", pool->chardev);
	q->fd = open(q->dev, O_RDONLY | O_CLOEXEC);
	if (q->fd < 0 || fstat(q->fd, &st) < 0) {
		rc = dp_fail(ctx, errno, "cannot open %s: %s", q->dev,
				strerror(errno));
		goto fail;
	}
	q->rdev = t.rdev = st.st_rdev;
	dp_grants_load(pool->rec.uuid, &st, &t.grants);
	/* library users hold a shared lock: theirs is the quickest answer */
	if (flock(q->fd, LOCK_EX | LOCK_NB) < 0) {
		rc = errno;
		dp_scan_holders(&t, h);
		rc = rc == EWOULDBLOCK ? busy(ctx, h) :
					 dp_fail(ctx, rc, "cannot lock %s: %s",
							 q->dev, strerror(rc));
		goto fail;
	}
	rc = look(ctx, q, pool->chardev, &t, h);
	if (rc)
		goto fail;
	/* idle: close the door, then look again */
	rc = write_marker(q, pool->rec.uuid);
	if (rc) {
		rc = dp_fail(ctx, -rc, "cannot write %s/quiesce: %s",
				DAXPOOL_RUNDIR, strerror(-rc));
		goto fail;
	}
	q->mode = st.st_mode & 07777;
	q->uid = st.st_uid;
	q->gid = st.st_gid;
	rc = start_guardian(q);
	if (rc) {
		rc = dp_fail(ctx, -rc, "cannot start the guardian of %s: %s",
				q->dev, strerror(-rc));
		goto fail;
	}
	/* root's first, so that its owner cannot chmod it open again */
	if (fchown(q->fd, 0, 0) < 0 || fchmod(q->fd, 0) < 0) {
		rc = dp_fail(ctx, errno, "cannot close %s to new users: %s",
				q->dev, strerror(errno));
		goto fail;
	}
	rc = look(ctx, q, pool->chardev, &t, h);
	if (rc)
		goto fail;
	return 0;
fail:
	dp_quiesce_end(q, false);
	return rc;
}

int dp_quiesce_run(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		dp_quiesced_op op, void *arg, bool goes, struct dp_holders *h,
		bool *ran)
{
	struct dp_quiesce q;
	int rc = dp_quiesce(ctx, pool, &q, h);

	if (ran)
		*ran = !rc;
	if (rc)
		return rc;
	dp_quiesce_drop_fd(&q);
	rc = op(ctx, pool, arg);
	dp_quiesce_end(&q, goes && !rc);
	return rc;
}

void dp_quiesce_drop_fd(struct dp_quiesce *q)
{
	if (q->fd >= 0)
		close(q->fd);
	q->fd = -1;
}

/*
 * The door opens before the marker goes: a map_open in between finds the
 * node closed and the marker still there, and says EBUSY, not EACCES.
 */
void dp_quiesce_end(struct dp_quiesce *q, bool gone)
{
	if (!gone && q->mode != (mode_t)-1) {
		struct stat st;

		if (q->fd >= 0) {
			if (fchown(q->fd, q->uid, q->gid) == 0)
				fchmod(q->fd, q->mode);
		} else if (stat(q->dev, &st) == 0 && S_ISCHR(st.st_mode) &&
				st.st_rdev == q->rdev &&
				chown(q->dev, q->uid, q->gid) == 0) {
			chmod(q->dev, q->mode);
		}
	}
	if (q->marker[0])
		unlink(q->marker);
	q->marker[0] = '\0';
	q->mode = (mode_t)-1;
	stop_guardian(q);
	dp_quiesce_drop_fd(q);
	dp_page_reader_free(q->reader);
	q->reader = NULL;
}
