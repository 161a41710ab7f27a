// SPDX-License-Identifier: GPL-2.0-only
/* daxpool chown OWNER[:GROUP] NAME */
#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include "builtin.h"

static const char chown_usage[] =
	"usage: daxpool chown OWNER[:GROUP] NAME|UUID\n"
	"       daxpool chown :GROUP NAME|UUID\n"
	"\n"
	"Changes the owner and/or group of a pool's device; allowed while it is\n"
	"in use. udev applies it to the node now and at every boot.\n";

int cmd_chown(int argc, char **argv, struct daxpool_ctx *ctx)
{
	char spec[160], *colon, *owner, *group = NULL;
	struct daxpool_pool *pool;
	int rc = verb_args(argc, argv, "chown", chown_usage, 2);

	if (rc)
		return rc > 0 ? 0 : 1;
	snprintf(spec, sizeof(spec), "%s", argv[optind]);
	owner = spec;
	colon = strchr(spec, ':');
	if (colon) {
		*colon = '\0';
		group = colon + 1;
	}
	if ((!*owner && (!group || !*group)) || (group && !*group)) {
		cli_error("chown", argv[optind], "give OWNER, OWNER:GROUP or :GROUP");
		return 1;
	}
	pool = find_pool(ctx, "chown", argv[optind + 1]);
	if (!pool)
		return 1;
	if (daxpool_pool_set_owner(pool, *owner ? owner : NULL, group)) {
		cli_error("chown", argv[optind + 1], "%s", daxpool_get_error(ctx));
		return 1;
	}
	cli_warning(ctx, "chown", argv[optind + 1]);
	return print_pool(ctx, argv[optind + 1]);
}
