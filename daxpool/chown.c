// SPDX-License-Identifier: GPL-2.0-only
/* daxpool chown OWNER[:GROUP] NAME */
#include <stdio.h>
#include <string.h>
#include "builtin.h"

static int cmd_chown(int argc, char **argv, struct daxpool_ctx *ctx)
{
	char spec[160], *colon, *owner, *group = NULL;
	struct daxpool_pool *pool;
	int first, rc = cli_parse(&verb_chown, argc, argv, NULL, &first);

	if (rc)
		return rc > 0 ? 0 : 1;
	snprintf(spec, sizeof(spec), "%s", argv[first]);
	owner = spec;
	colon = strchr(spec, ':');
	if (colon) {
		*colon = '\0';
		group = colon + 1;
	}
	if ((!*owner && (!group || !*group)) || (group && !*group)) {
		cli_error("chown", argv[first],
				"give OWNER, OWNER:GROUP or :GROUP");
		return 1;
	}
	pool = find_pool(ctx, "chown", argv[first + 1]);
	if (!pool)
		return 1;
	if (daxpool_pool_set_owner(pool, *owner ? owner : NULL, group)) {
		cli_error("chown", argv[first + 1], "%s",
				daxpool_get_error(ctx));
		return 1;
	}
	cli_warning(ctx, "chown", argv[first + 1]);
	return print_pool(ctx, argv[first + 1]);
}

const struct cli_verb verb_chown = {
	.name = "chown",
	.fn = cmd_chown,
	.summary = "change a pool's owner and group",
	.operands = "OWNER[:GROUP] NAME|UUID\n:GROUP NAME|UUID",
	.min_operands = 2,
	.max_operands = 2,
	.in_order = true,
	.description = "Changes the owner and/or group of a pool's device; allowed while it is\n"
		       "in use. udev applies it to the node now and at every boot.\n",
};
