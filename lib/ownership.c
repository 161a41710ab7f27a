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
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include "grants.h"
#include "private.h"

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

static void sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
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
	int waited;
	bool ok;

	if (!pool->chardev[0])
		return 0;	/* no device now: udev applies it when one comes */
	ok = wanted(pool, &w);
	if (!ok && !pool->rec.conflict)
		dp_warn(ctx, "owner '%s' or group '%s' does not exist: the pool is kept root-only",
				pool->rec.owner, pool->rec.group);
	snprintf(dev, sizeof(dev), "/dev/%s", pool->chardev);
	/* whoever the node admits now may have pinned it: remember them */
	dp_grants_remember(pool->rec.uuid, dev);
	if (udev_running() && trigger_change(pool->chardev) == 0) {
		for (waited = 0; waited < UDEV_WAIT_MS; waited += 20) {
			if (node_matches(pool, &w))
				return 0;
			sleep_ms(20);
		}
		dp_warn(ctx, "udev did not apply owner, group and mode to %s within %d s (is 80-daxpool.rules installed?); applied them directly",
				dev, UDEV_WAIT_MS / 1000);
	} else {
		dp_warn(ctx, "udev is not running: applied owner, group and mode to %s directly; there is no /dev/daxpool/%s link and a reboot needs udev to restore them",
				dev, pool->rec.name);
	}
	if (chown(dev, w.uid, w.gid) < 0 || chmod(dev, w.mode) < 0)
		return dp_fail(ctx, errno, "cannot set owner and mode of %s: %s",
				dev, strerror(errno));
	return 0;
}
