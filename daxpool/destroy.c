// SPDX-License-Identifier: GPL-2.0-only
/* daxpool destroy: each name on its own; busy pools are left untouched */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "builtin.h"

static int destroy_one(struct daxpool_ctx *ctx, const char *id)
{
	struct daxpool_holders *holders = NULL;
	struct daxpool_pool *pool;
	char *held;
	int rc;

	daxpool_invalidate(ctx);
	pool = find_pool(ctx, "destroy", id);
	if (!pool)
		return 1;
	rc = daxpool_pool_destroy(pool, &holders);
	/* how it was decided (the kernel's count could not be read, ...) */
	cli_warning(ctx, "destroy", id);
	if (rc == -EBUSY) {
		held = holders_text(holders);
		fprintf(stderr, "daxpool destroy: %s: %s%s\n", id,
				daxpool_get_error(ctx), held ? held : "");
		free(held);
		daxpool_holders_free(holders);
		return 1;
	}
	if (rc) {
		cli_error("destroy", id, "%s", daxpool_get_error(ctx));
		return 1;
	}
	fprintf(stderr, "daxpool destroy: %s: destroyed\n", id);
	return 0;
}

static int cmd_destroy(int argc, char **argv, struct daxpool_ctx *ctx)
{
	int first, i, rc, failed = 0;

	rc = cli_parse(&verb_destroy, argc, argv, NULL, &first);
	if (rc)
		return rc > 0 ? 0 : 1;
	for (i = first; i < argc; i++)
		failed |= destroy_one(ctx, argv[i]);
	return failed;
}

const struct cli_verb verb_destroy = {
	.name = "destroy",
	.fn = cmd_destroy,
	.summary = "destroy pools that nobody uses",
	.operands = "NAME|UUID...",
	.min_operands = 1,
	.max_operands = -1,
	.too_few = "at least one pool NAME is required",
	.description = "Destroys each pool that no process has open or mapped; a busy pool\n"
		       "is refused with the PIDs of its holders and left as it was.\n",
};
