// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Owner, group, mode and the /dev/daxpool/NAME link come from udev (our
 * rule and helper), at every boot and hot-add. After a change we ask udev
 * to look again and wait, bounded, for the node to show it; where no udev
 * runs we set owner, group and mode ourselves and say so.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include "guard/grants.h"
#include "core/private.h"

#define UDEV_WAIT_MS 10000

/* the control socket outlives a stopped udevd, so ask whether it answers */
static bool udev_running(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	bool up;

	if (fd < 0)
		return false;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "/run/udev/control");
	up = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
	close(fd);
	return up;
}

static int trigger_change(const char *chardev)
{
	char path[128];
	int fd, rc = 0;

	snprintf(path, sizeof(path), "/sys/bus/dax/devices/%s/uevent", chardev);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, "change", 6) != 6)
		rc = -errno;
	close(fd);
	return rc;
}

/* what udev is to give the node: the record's, or root-only when held */
struct want {
	uid_t uid;
	gid_t gid;
	mode_t mode;
	bool link;
};

static bool wanted(struct daxpool_pool *pool, struct want *w)
{
	struct passwd *pw = getpwnam(pool->rec.owner);
	struct group *gr = getgrnam(pool->rec.group);

	/* held (a name conflict, an owner this host lacks): as the rule does */
	if (pool->rec.conflict || !pw || !gr) {
		*w = (struct want){ 0, 0, 0600, false };
		return false;
	}
	*w = (struct want){ pw->pw_uid, gr->gr_gid, pool->rec.mode, true };
	return true;
}

static bool node_matches(struct daxpool_pool *pool, const struct want *w)
{
	char dev[96], link[PATH_MAX], target[PATH_MAX];
	struct stat st;

	snprintf(dev, sizeof(dev), "/dev/%s", pool->chardev);
	if (stat(dev, &st) < 0 || st.st_uid != w->uid || st.st_gid != w->gid ||
			(st.st_mode & 07777) != w->mode)
		return false;
	if (!w->link)
		return true;
	snprintf(link, sizeof(link), "/dev/daxpool/%s", pool->rec.name);
	return realpath(link, target) && strcmp(target, dev) == 0;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/*
 * Watch what udev changes (the node's owner and mode, the links under
 * /dev/daxpool, made with a rename) before asking it to act, so that the
 * wait ends as udev does rather than at the next tick of a poll. The
 * watches are hints: the loop below still wakes every 50 ms to look.
 */
static int watch_udev(const char *dev)
{
	int in = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);

	if (in < 0)
		return -1;
	inotify_add_watch(in, dev, IN_ATTRIB);
	inotify_add_watch(in, "/dev/daxpool", IN_CREATE | IN_MOVED_TO);
	inotify_add_watch(in, "/dev", IN_CREATE); /* /dev/daxpool itself */
	return in;
}

static bool wait_for_udev(
		struct daxpool_pool *pool, const struct want *w, int in)
{
	long end = now_ms() + UDEV_WAIT_MS;
	char buf[4096];

	while (!node_matches(pool, w)) {
		struct pollfd pfd = { .fd = in, .events = POLLIN };
		long left = end - now_ms();

		if (left <= 0)
			return false;
		if (in < 0 || poll(&pfd, 1, left < 50 ? (int)left : 50) < 0)
			usleep(20000);
		while (in >= 0 && read(in, buf, sizeof(buf)) > 0)
			; /* only the wake-up matters */
	}
	return true;
}

bool dp_ownership_ok(struct daxpool_pool *pool)
{
	struct want w;

	wanted(pool, &w);
	return node_matches(pool, &w);
}

int dp_apply_ownership(struct daxpool_ctx *ctx, struct daxpool_pool *pool)
{
	struct want w;
	char dev[96];
	int in;
	bool ok, up;

	if (!pool->chardev[0])
		return 0; /* no device now: udev applies it when one comes */
	ok = wanted(pool, &w);
	if (!ok && !pool->rec.conflict)
		dp_warn(ctx, "owner '%s' or group '%s' does not exist: the pool is kept root-only",
				pool->rec.owner, pool->rec.group);
	snprintf(dev, sizeof(dev), "/dev/%s", pool->chardev);
	/* whoever the node admits now may have pinned it: remember them */
	dp_grants_remember(pool->rec.uuid, dev);
	up = udev_running();
	in = up ? watch_udev(dev) : -1;
	if (up && trigger_change(pool->chardev) == 0) {
		bool done = wait_for_udev(pool, &w, in);

		if (in >= 0)
			close(in);
		if (done)
			return 0;
		dp_warn(ctx, "udev did not apply owner, group and mode to %s within %d s (is 80-daxpool.rules installed?); applied them directly",
				dev, UDEV_WAIT_MS / 1000);
	} else {
		if (in >= 0)
			close(in);
		dp_warn(ctx, "udev is not running: applied owner, group and mode to %s directly; there is no /dev/daxpool/%s link and a reboot needs udev to restore them",
				dev, pool->rec.name);
	}
	if (chown(dev, w.uid, w.gid) < 0 || chmod(dev, w.mode) < 0)
		return dp_fail(ctx, errno,
				"cannot set owner and mode of %s: %s", dev,
				strerror(errno));
	return 0;
}
