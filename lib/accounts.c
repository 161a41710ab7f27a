// SPDX-License-Identifier: LGPL-2.1-or-later
/* owners and groups: a name or a number in, the name and id out */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include "private.h"

int dp_resolve_owner(struct daxpool_ctx *ctx, const char *in, char *out,
		size_t len, uid_t *uid)
{
	struct passwd *pw;

	errno = 0;
	pw = getpwnam(in);
	if (!pw) {
		unsigned long v;

		if (dp_parse_uint(in, DP_ID_MAX, &v) == 0)
			pw = getpwuid((uid_t)v);
	}
	if (!pw)
		return dp_fail(ctx, EINVAL, "unknown owner '%s'", in);
	if (strlen(pw->pw_name) >= len)
		return dp_fail(ctx, EINVAL, "owner name '%s' is too long", pw->pw_name);
	snprintf(out, len, "%s", pw->pw_name);
	*uid = pw->pw_uid;
	return 0;
}

int dp_resolve_group(struct daxpool_ctx *ctx, const char *in, char *out,
		size_t len, gid_t *gid)
{
	struct group *gr;

	gr = getgrnam(in);
	if (!gr) {
		unsigned long v;

		if (dp_parse_uint(in, DP_ID_MAX, &v) == 0)
			gr = getgrgid((gid_t)v);
	}
	if (!gr)
		return dp_fail(ctx, EINVAL, "unknown group '%s'", in);
	if (strlen(gr->gr_name) >= len)
		return dp_fail(ctx, EINVAL, "group name '%s' is too long", gr->gr_name);
	snprintf(out, len, "%s", gr->gr_name);
	*gid = gr->gr_gid;
	return 0;
}
