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

static bool node_matches(struct daxpool_pool *pool, uid_t uid, gid_t gid,
		bool want_link)
{
	char dev[96], link[PATH_MAX], target[PATH_MAX];
	struct stat st;

	snprintf(dev, sizeof(dev), "/dev/%s", pool->chardev);
	if (stat(dev, &st) < 0 || st.st_uid != uid || st.st_gid != gid ||
	    (st.st_mode & 07777) != pool->rec.mode)
		return false;
	if (!want_link)
		return true;
	snprintf(link, sizeof(link), "/dev/daxpool/%s", pool->rec.name);
	return realpath(link, target) && strcmp(target, dev) == 0;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

int dp_apply_ownership(struct daxpool_ctx *ctx, struct daxpool_pool *pool)
{
	struct passwd *pw = getpwnam(pool->rec.owner);
	struct group *gr = getgrnam(pool->rec.group);
	char dev[96];
	int waited;

	if (!pool->chardev[0])
		return 0;	/* no device now: udev applies it when one comes */
	if (!pw || !gr)
		return dp_fail(ctx, EINVAL, "owner '%s' or group '%s' no longer exists",
				pool->rec.owner, pool->rec.group);
	snprintf(dev, sizeof(dev), "/dev/%s", pool->chardev);
	/* whoever the node admits now may have pinned it: remember them */
	dp_grants_remember(pool->rec.uuid, dev);
	if (udev_running() && trigger_change(pool->chardev) == 0) {
		for (waited = 0; waited < UDEV_WAIT_MS; waited += 20) {
			if (node_matches(pool, pw->pw_uid, gr->gr_gid, true))
				return 0;
			sleep_ms(20);
		}
		dp_warn(ctx, "udev did not apply owner, group and mode to %s within %d s (is 80-daxpool.rules installed?); applied them directly",
				dev, UDEV_WAIT_MS / 1000);
	} else {
		dp_warn(ctx, "udev is not running: applied owner, group and mode to %s directly; there is no /dev/daxpool/%s link and a reboot needs udev to restore them",
				dev, pool->rec.name);
	}
	if (chown(dev, pw->pw_uid, gr->gr_gid) < 0 || chmod(dev, pool->rec.mode) < 0)
		return dp_fail(ctx, errno, "cannot set owner and mode of %s: %s",
				dev, strerror(errno));
	return 0;
}
