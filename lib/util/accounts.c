// SPDX-License-Identifier: LGPL-2.1-or-later
/* owners and groups: a name or a number in, the name and id out */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include "core/private.h"

/* passwd and group differ only in their struct: one lookup for both */
static bool lookup(enum dp_account kind, const char *name, bool by_id,
		unsigned int id, const char **found, unsigned int *found_id)
{
	if (kind == DP_ACCOUNT_OWNER) {
		struct passwd *pw = by_id ? getpwuid(id) : getpwnam(name);

		if (pw) {
			*found = pw->pw_name;
			*found_id = pw->pw_uid;
		}
		return pw != NULL;
	}
	struct group *gr = by_id ? getgrgid(id) : getgrnam(name);

	if (gr) {
		*found = gr->gr_name;
		*found_id = gr->gr_gid;
	}
	return gr != NULL;
}

int dp_resolve_account(struct daxpool_ctx *ctx, enum dp_account kind,
		const char *in, char *out, size_t len, unsigned int *id)
{
	const char *what = kind == DP_ACCOUNT_OWNER ? "owner" : "group";
	const char *name;
	unsigned long v;
	bool ok;

	errno = 0;
	/* a name first: a user may be called "1000" */
	ok = lookup(kind, in, false, 0, &name, id);
	if (!ok && dp_parse_uint(in, DP_ID_MAX, &v) == 0)
		ok = lookup(kind, NULL, true, (unsigned int)v, &name, id);
	if (!ok)
		return dp_fail(ctx, EINVAL, "unknown %s '%s'", what, in);
	if (strlen(name) >= len)
		return dp_fail(ctx, EINVAL, "%s name '%s' is too long", what,
				name);
	snprintf(out, len, "%s", name);
	return 0;
}
