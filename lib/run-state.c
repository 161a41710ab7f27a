// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Per-pool state that lives only until the next boot: RUNDIR/KIND/UUID
 * (the marker of a change under way, the grants a pool's node has made).
 * Read by the udev helper too, so it only names paths and makes
 * directories; the callers read and write.
 */
#include <stdio.h>
#include <sys/stat.h>
#include "config.h"
#include "private.h"

int dp_run_path(const char *kind, const char *uuid, bool make_dir, char *buf,
		size_t len)
{
	int n;

	if (!daxpool_is_uuid(uuid))
		return -1;
	/* 0755 whatever root's umask: ordinary users read these states */
	if (make_dir) {
		if (mkdir(DAXPOOL_RUNDIR, 0755) == 0)
			chmod(DAXPOOL_RUNDIR, 0755);
		n = snprintf(buf, len, "%s/%s", DAXPOOL_RUNDIR, kind);
		if (n < 0 || (size_t)n >= len)
			return -1;
		if (mkdir(buf, 0755) == 0)
			chmod(buf, 0755);
	}
	n = snprintf(buf, len, "%s/%s/%s", DAXPOOL_RUNDIR, kind, uuid);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}
