// SPDX-License-Identifier: GPL-2.0-only
/* what the small verbs share: lookup, warnings, printing a pool, busy
 * pools' holders, zeroing's progress */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
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

char *holders_text(struct daxpool_holders *holders)
{
	struct daxpool_holder *first = daxpool_holders_get_first(holders), *h;
	char *text = NULL;
	size_t len;
	FILE *f;

	f = open_memstream(&text, &len);
	if (!f)
		return NULL;
	if (first)
		fprintf(f, "; held by pid%s",
				daxpool_holder_get_next(first) ? "s" : "");
	daxpool_holder_foreach (holders, h)
		fprintf(f, "%s%d", h == first ? " " : ", ",
				(int)daxpool_holder_get_pid(h));
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

void cli_progress(uint64_t done, uint64_t total, void *arg)
{
	const struct cli_progress *p = arg;
	int pct = total ? (int)(done * 100 / total) : 100;

	fprintf(stderr, "\rdaxpool %s: zeroing %s: %3d%%", p->verb, p->name,
			pct);
	if (done >= total)
		fputc('\n', stderr);
}
