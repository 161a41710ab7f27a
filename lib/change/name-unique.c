// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A name is free only if no pool anywhere has it: not in the registry, and
 * not in the media copy of any region, registered here or not (a moved
 * NVDIMM, an /etc that was lost).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "backend/media.h"
#include "store/registry.h"

struct want {
	const char *name;
	const char *except; /* the pool being renamed */
	const char *where;
};

static int in_registry(struct daxpool_ctx *ctx,
		const struct daxpool_record *rec, void *arg)
{
	struct want *w = arg;

	(void)ctx;
	if (strcmp(rec->name, w->name) != 0 ||
			(w->except && strcmp(rec->uuid, w->except) == 0))
		return 0;
	w->where = "registered in " DAXPOOL_CONFDIR;
	return 1;
}

static int on_media(struct daxpool_ctx *ctx, int load_rc, struct dp_media *m,
		void *arg)
{
	const struct dp_media_slot *s = dp_media_current_slot(m);
	static __thread char where[96];
	struct want *w = arg;
	size_t i;

	(void)ctx;
	if (load_rc)
		return 0;
	for (i = 0; i < s->nrecs; i++)
		if (strcmp(s->recs[i].name, w->name) == 0 &&
				(!w->except ||
						strcmp(s->recs[i].uuid,
								w->except) !=
								0)) {
			snprintf(where, sizeof(where), "on the media of %s",
					m->region);
			w->where = where;
			return 1;
		}
	return 0;
}

int dp_name_free(struct daxpool_ctx *ctx, const char *name, const char *except)
{
	struct want w = { name, except, NULL };

	if (dp_registry_foreach(ctx, in_registry, &w) == 1 ||
			dp_media_foreach(ctx, on_media, &w) == 1)
		return dp_fail(ctx, EEXIST,
				"a pool named '%s' already exists (%s)", name,
				w.where);
	return 0;
}
