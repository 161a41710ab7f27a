// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A name is free only if no pool anywhere has it: not in the registry, and
 * nowhere a backend keeps names beside it (pmem: the media copy of any
 * region, registered here or not: a moved NVDIMM, an /etc that was lost).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "backend/backend.h"
#include "store/registry.h"

struct want {
	const char *name;
	const char *except; /* the pool being renamed */
};

static int in_registry(struct daxpool_ctx *ctx,
		const struct daxpool_record *rec, void *arg)
{
	struct want *w = arg;

	(void)ctx;
	return strcmp(rec->name, w->name) == 0 &&
			(!w->except || strcmp(rec->uuid, w->except) != 0);
}

int dp_name_free(struct daxpool_ctx *ctx, const char *name, const char *except)
{
	const struct dp_backend *const *be;
	struct want w = { name, except };
	const char *found = NULL;
	char where[96];

	if (dp_registry_foreach(ctx, in_registry, &w) == 1)
		found = "registered in " DAXPOOL_CONFDIR;
	for (be = dp_backends; !found && *be; be++)
		if ((*be)->name_taken &&
				(*be)->name_taken(ctx, name, except, where,
						sizeof(where)))
			found = where;
	if (found)
		return dp_fail(ctx, EEXIST,
				"a pool named '%s' already exists (%s)", name,
				found);
	return 0;
}
