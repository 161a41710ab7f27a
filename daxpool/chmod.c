// SPDX-License-Identifier: GPL-2.0-only
/* daxpool chmod MODE NAME */
#include <stdio.h>
#include "builtin.h"

static int cmd_chmod(int argc, char **argv, struct daxpool_ctx *ctx)
{
	struct daxpool_pool *pool;
	unsigned int mode;
	int first, rc = cli_parse(&verb_chmod, argc, argv, NULL, &first);

	if (rc)
		return rc > 0 ? 0 : 1;
	if (daxpool_parse_mode(argv[first], &mode)) {
		cli_error("chmod", argv[first],
				"invalid mode: use octal digits, at most 07777");
		return 1;
	}
	pool = find_pool(ctx, "chmod", argv[first + 1]);
	if (!pool)
		return 1;
	if (daxpool_pool_set_mode(pool, mode)) {
		cli_error("chmod", argv[first + 1], "%s",
				daxpool_get_error(ctx));
		return 1;
	}
	cli_warning(ctx, "chmod", argv[first + 1]);
	return print_pool(ctx, argv[first + 1]);
}

const struct cli_verb verb_chmod = {
	.name = "chmod",
	.fn = cmd_chmod,
	.summary = "change a pool's mode",
	.operands = "MODE NAME|UUID",
	.min_operands = 2,
	.max_operands = 2,
	.in_order = true,
	.description = "Changes the mode (octal, at most 07777) of a pool's device; allowed\n"
		       "while it is in use. udev applies it to the node now and at every boot.\n",
};
