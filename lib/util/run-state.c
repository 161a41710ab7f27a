// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * State that lives only until the next boot: RUNDIR/KIND/NAME (per pool by
 * uuid: the marker of a change under way, the grants a pool's node has
 * made; per region or kernel: what was learned of it this boot). Read by
 * the udev helper too, so it only names paths and makes directories;
 * run-write.c writes.
 */
#include <ctype.h>
#include <stdio.h>
#include <sys/stat.h>
#include "config.h"
#include "core/private.h"

/* a device's or a fixed name: never a path, never hidden */
static bool plain_name(const char *name)
{
	const char *c;

	if (!name[0] || name[0] == '.')
		return false;
	for (c = name; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '.' && *c != '_' &&
				*c != '-')
			return false;
	return true;
}

int dp_run_file(const char *kind, const char *name, bool make_dir, char *buf,
		size_t len)
{
	int n;

	if (!plain_name(name))
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
	n = snprintf(buf, len, "%s/%s/%s", DAXPOOL_RUNDIR, kind, name);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

int dp_run_path(const char *kind, const char *uuid, bool make_dir, char *buf,
		size_t len)
{
	if (!daxpool_is_uuid(uuid))
		return -1;
	return dp_run_file(kind, uuid, make_dir, buf, len);
}
