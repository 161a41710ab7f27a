// SPDX-License-Identifier: GPL-2.0-only
/* daxpool chmod MODE NAME */
#include <stdio.h>
#include <unistd.h>
#include "builtin.h"

static const char chmod_usage[] =
	"usage: daxpool chmod MODE NAME|UUID\n"
	"\n"
	"Changes the mode (octal, at most 07777) of a pool's device; allowed\n"
	"while it is in use. udev applies it to the node now and at every boot.\n";

int cmd_chmod(int argc, char **argv, struct daxpool_ctx *ctx)
{
	struct daxpool_pool *pool;
	unsigned int mode;
	int rc = verb_args(argc, argv, "chmod", chmod_usage, 2);

	if (rc)
		return rc > 0 ? 0 : 1;
	if (daxpool_parse_mode(argv[optind], &mode)) {
		cli_error("chmod", argv[optind], "invalid mode: use octal digits, at most 07777");
		return 1;
	}
	pool = find_pool(ctx, "chmod", argv[optind + 1]);
	if (!pool)
		return 1;
	if (daxpool_pool_set_mode(pool, mode)) {
		cli_error("chmod", argv[optind + 1], "%s", daxpool_get_error(ctx));
		return 1;
	}
	cli_warning(ctx, "chmod", argv[optind + 1]);
	return print_pool(ctx, argv[optind + 1]);
}
