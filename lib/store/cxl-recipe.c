// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * CXL region recipes on disk: one file per region, ID.json, written
 * durably in two homes, CONFDIR/cxl-regions (/etc/daxpool, beside the
 * pools' records) and STATEDIR/cxl-regions (/var/lib/daxpool), so that a
 * lost or restored /etc does not lose what makes a region again. Read
 * from either; a copy missing from one home is written again from the
 * other (dp_cxl_recipe_heal). Their text: cxl-recipe-format.c.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/cxl-recipe.h"
#include "store/registry.h"
#include "util/cut-point.h"

#define RECIPES "cxl-regions"

static const char *home(struct daxpool_ctx *ctx, int i)
{
	return i == 0 ? ctx->confdir : ctx->statedir;
}

static int read_in(const char *base, const char *id, struct dp_cxl_recipe *r,
		const char **why)
{
	char path[PATH_MAX], *text;
	int rc;

	snprintf(path, sizeof(path), "%s/%s/%s.json", base, RECIPES, id);
	rc = dp_read_small_file(path, &text, why);
	if (rc)
		return rc;
	rc = dp_cxl_recipe_decode(text, r, why);
	free(text);
	if (!rc && strcmp(r->id, id) != 0) {
		*why = "the id does not match the file name";
		rc = -EINVAL;
	}
	return rc;
}

int dp_cxl_recipe_read(struct daxpool_ctx *ctx, const char *id,
		struct dp_cxl_recipe *r, const char **why)
{
	int rc;

	memset(r, 0, sizeof(*r));
	if (!daxpool_is_uuid(id)) {
		*why = "invalid id";
		return -EINVAL;
	}
	rc = read_in(home(ctx, 0), id, r, why);
	if (rc) {
		const char *why0 = *why;
		int rc1 = read_in(home(ctx, 1), id, r, why);

		/* /etc's damage says more than the second home's absence */
		if (rc1 && rc != -ENOENT)
			*why = why0;
		else
			rc = rc1;
	}
	return rc;
}

int dp_cxl_recipe_write(struct daxpool_ctx *ctx, const struct dp_cxl_recipe *r)
{
	char name[64], *text;
	int i, rc = 0;

	dp_durable_write(ctx, "cxl-recipe");
	text = dp_cxl_recipe_encode(r);
	if (!text)
		return dp_fail(ctx, ENOMEM, "out of memory");
	snprintf(name, sizeof(name), "%s.json", r->id);
	for (i = 0; i < 2 && !rc; i++)
		rc = dp_registry_put(ctx, home(ctx, i), RECIPES, name, text);
	free(text);
	return rc;
}

int dp_cxl_recipe_remove(struct daxpool_ctx *ctx, const char *id)
{
	char name[64];
	int i, rc = 0;

	dp_durable_write(ctx, "cxl-recipe");
	snprintf(name, sizeof(name), "%s.json", id);
	/* the second home last: a recipe half removed is still one */
	for (i = 1; i >= 0 && !rc; i--)
		rc = dp_registry_unput(ctx, home(ctx, i), RECIPES, name);
	return rc;
}

static int visible_json(const struct dirent *d)
{
	size_t len = strlen(d->d_name);

	return d->d_name[0] != '.' && len > 5 &&
			strcmp(d->d_name + len - 5, ".json") == 0;
}

static bool known(const struct dp_cxl_recipe *rs, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(rs[i].id, id))
			return true;
	return false;
}

/* the recipes of BASE that *RS lacks, appended (*CAP grows) */
static int load_from(struct daxpool_ctx *ctx, const char *base,
		struct dp_cxl_recipe **rs, size_t *n, size_t *cap)
{
	char dir[PATH_MAX];
	struct dirent **list;
	int i, count, rc = 0;

	snprintf(dir, sizeof(dir), "%s/%s", base, RECIPES);
	count = scandir(dir, &list, visible_json, alphasort);
	if (count < 0)
		return errno == ENOENT ? 0 : -errno;
	for (i = 0; i < count; i++) {
		char id[64];
		const char *why = "";
		size_t len = strlen(list[i]->d_name) - 5;

		snprintf(id, sizeof(id), "%.*s", (int)len, list[i]->d_name);
		free(list[i]);
		if (rc || known(*rs, *n, id))
			continue;
		if (*n == *cap) {
			size_t more = *cap ? *cap * 2 : 8;
			void *p = realloc(*rs, more * sizeof(**rs));

			if (!p) {
				rc = -ENOMEM;
				continue;
			}
			*rs = p;
			*cap = more;
		}
		if (daxpool_is_uuid(id) &&
				read_in(base, id, &(*rs)[*n], &why) == 0)
			(*n)++;
		else
			err(ctx, "skipping CXL region recipe %s/%s.json: %s\n",
					dir, id,
					daxpool_is_uuid(id) ?
							why :
							"not named by an id");
	}
	free(list);
	return rc;
}

int dp_cxl_recipe_load(
		struct daxpool_ctx *ctx, struct dp_cxl_recipe **rs, size_t *n)
{
	size_t cap = 0;
	int i, rc = 0;

	*rs = NULL;
	*n = 0;
	for (i = 0; i < 2 && !rc; i++)
		rc = load_from(ctx, home(ctx, i), rs, n, &cap);
	return rc;
}

int dp_cxl_recipe_heal(struct daxpool_ctx *ctx)
{
	struct dp_cxl_recipe *rs = NULL, r;
	size_t i, n = 0;
	int rc = dp_cxl_recipe_load(ctx, &rs, &n);

	for (i = 0; !rc && i < n; i++) {
		const char *why;

		if (read_in(home(ctx, 0), rs[i].id, &r, &why) ||
				read_in(home(ctx, 1), rs[i].id, &r, &why) ||
				memcmp(&r, &rs[i], sizeof(r)) != 0)
			rc = dp_cxl_recipe_write(ctx, &rs[i]);
	}
	free(rs);
	return rc;
}
