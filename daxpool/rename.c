// SPDX-License-Identifier: GPL-2.0-only
/* daxpool rename OLD NEW */
#include <stdio.h>
#include <unistd.h>
#include "builtin.h"

static const char rename_usage[] =
	"usage: daxpool rename OLD|UUID NEW\n"
	"\n"
	"Renames a pool: its registry record, its namespace label and its\n"
	"/dev/daxpool link. uuid, data and placement stay; allowed while the\n"
	"pool is in use (the label then follows once it is idle).\n";

int cmd_rename(int argc, char **argv, struct daxpool_ctx *ctx)
{
	struct daxpool_pool *pool;
	const char *why, *newname;
	int rc = verb_args(argc, argv, "rename", rename_usage, 2);

	if (rc)
		return rc > 0 ? 0 : 1;
	newname = argv[optind + 1];
	if (daxpool_name_check(newname, &why)) {
		cli_error("rename", newname, "invalid name: %s", why);
		return 1;
	}
	pool = find_pool(ctx, "rename", argv[optind]);
	if (!pool)
		return 1;
	if (daxpool_pool_rename(pool, newname)) {
		cli_error("rename", argv[optind], "%s", daxpool_get_error(ctx));
		return 1;
	}
	cli_warning(ctx, "rename", argv[optind]);
	return print_pool(ctx, newname);
}
