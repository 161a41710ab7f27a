// SPDX-License-Identifier: GPL-2.0-only
/* what the small verbs share: lookup, warnings, printing a pool */
#include <errno.h>
#include <stdio.h>
#include "builtin.h"

struct daxpool_pool *find_pool(
		struct daxpool_ctx *ctx, const char *verb, const char *id)
{
	struct daxpool_pool *pool;
	int rc = daxpool_pool_find(ctx, id, &pool);

	if (rc)
		cli_error(verb, id, "%s",
				rc == -EINVAL ? "invalid pool name" :
						"no such pool");
	return pool;
}

void cli_warning(struct daxpool_ctx *ctx, const char *verb, const char *what)
{
	const char *w = daxpool_get_warning(ctx);

	if (w && *w)
		fprintf(stderr, "daxpool %s: %s: warning: %s\n", verb, what, w);
}

int print_pool(struct daxpool_ctx *ctx, const char *id)
{
	struct daxpool_pool *pool;
	struct json_object *o;

	daxpool_invalidate(ctx);
	if (daxpool_pool_find(ctx, id, &pool))
		return 0;
	o = pool_to_json(pool, false, false);
	json_print(o);
	json_object_put(o);
	return 0;
}
