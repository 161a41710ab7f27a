// SPDX-License-Identifier: GPL-2.0-only
/* daxpool rename OLD NEW */
#include <stdio.h>
#include "builtin.h"

static int cmd_rename(int argc, char **argv, struct daxpool_ctx *ctx)
{
	struct daxpool_pool *pool;
	const char *why, *newname;
	int first, rc = cli_parse(&verb_rename, argc, argv, NULL, &first);

	if (rc)
		return rc > 0 ? 0 : 1;
	newname = argv[first + 1];
	if (daxpool_name_check(newname, &why)) {
		cli_error("rename", newname, "invalid name: %s", why);
		return 1;
	}
	pool = find_pool(ctx, "rename", argv[first]);
	if (!pool)
		return 1;
	if (daxpool_pool_rename(pool, newname)) {
		cli_error("rename", argv[first], "%s", daxpool_get_error(ctx));
		return 1;
	}
	cli_warning(ctx, "rename", argv[first]);
	return print_pool(ctx, newname);
}

const struct cli_verb verb_rename = {
	.name = "rename",
	.fn = cmd_rename,
	.summary = "rename a pool",
	.operands = "OLD|UUID NEW",
	.min_operands = 2,
	.max_operands = 2,
	.in_order = true,
	.description = "Renames a pool: its registry record, its namespace label and its\n"
		       "/dev/daxpool link. uuid, data and placement stay; allowed while the\n"
		       "pool is in use (the label then follows once it is idle).\n",
};
