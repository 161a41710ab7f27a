// SPDX-License-Identifier: LGPL-2.1-or-later
/* the admin lock: one daxpool change at a time on a host */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include "core/private.h"

int dp_admin_lock(struct daxpool_ctx *ctx)
{
	int fd;

	if (ctx->admin_depth++ > 0)
		return 0;
	fd = open(ctx->lockfile, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
			0600);
	if (fd < 0) {
		int e = errno;

		ctx->admin_depth--;
		return dp_fail(ctx, e, "cannot open lock %s: %s%s",
				ctx->lockfile, strerror(e),
				e == EACCES ? " (daxpool changes need root)" :
					      "");
	}
	while (flock(fd, LOCK_EX) < 0) {
		int e = errno;

		if (e == EINTR)
			continue;
		close(fd);
		ctx->admin_depth--;
		return dp_fail(ctx, e, "cannot lock %s: %s", ctx->lockfile,
				strerror(e));
	}
	ctx->admin_fd = fd;
	return 0;
}

void dp_admin_unlock(struct daxpool_ctx *ctx)
{
	if (ctx->admin_depth == 0 || --ctx->admin_depth > 0)
		return;
	close(ctx->admin_fd);
	ctx->admin_fd = -1;
}

/*
 * For a program that reads the pools, decides and changes several of them
 * (daxpool apply): no other daxpool change comes in between. The library's
 * own changes take the lock again inside, which only counts.
 */
DAXPOOL_EXPORT int daxpool_lock(struct daxpool_ctx *ctx)
{
	if (!ctx)
		return -EINVAL;
	dp_clear_error(ctx);
	return dp_admin_lock(ctx);
}

DAXPOOL_EXPORT void daxpool_unlock(struct daxpool_ctx *ctx)
{
	if (ctx)
		dp_admin_unlock(ctx);
}
