// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Pools: the registry's records joined with what the kernel has, and their
 * getters. The changes live in create.c and change.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include "backend.h"
#include "quiesce.h"
#include "registry.h"

void dp_pools_free(struct daxpool_ctx *ctx)
{
	struct daxpool_pool *p = ctx->pools, *next;

	for (; p; p = next) {
		next = p->next;
		free(p);
	}
	ctx->pools = NULL;
	ctx->pools_loaded = false;
}

static int add_record(struct daxpool_ctx *ctx, const struct daxpool_record *rec,
		void *arg)
{
	struct daxpool_pool *pool, **pp;
	const struct dp_backend *be = dp_backend_get(rec->type);

	(void)arg;
	pool = calloc(1, sizeof(*pool));
	if (!pool)
		return -ENOMEM;
	pool->ctx = ctx;
	pool->rec = *rec;
	pool->numa_node = -1;
	snprintf(pool->path, sizeof(pool->path), "/dev/daxpool/%s", rec->name);
	if (be)
		be->refresh(ctx, pool);
	else
		snprintf(pool->state, sizeof(pool->state), "unsupported");
	if (rec->intent[0])
		snprintf(pool->state, sizeof(pool->state), "incomplete");
	/* keep the list sorted by name: list output is stable */
	for (pp = &ctx->pools; *pp && strcmp((*pp)->rec.name, rec->name) < 0;
	     pp = &(*pp)->next)
		;
	pool->next = *pp;
	*pp = pool;
	return 0;
}

static void load_pools(struct daxpool_ctx *ctx)
{
	if (ctx->pools_loaded)
		return;
	dp_registry_foreach(ctx, add_record, NULL);
	ctx->pools_loaded = true;
}

DAXPOOL_EXPORT void daxpool_invalidate(struct daxpool_ctx *ctx)
{
	dp_pools_free(ctx);
	dp_ndctl_reset(ctx);
}

DAXPOOL_EXPORT struct daxpool_pool *daxpool_pool_get_first(struct daxpool_ctx *ctx)
{
	load_pools(ctx);
	return ctx->pools;
}

DAXPOOL_EXPORT struct daxpool_pool *daxpool_pool_get_next(struct daxpool_pool *pool)
{
	return pool->next;
}

DAXPOOL_EXPORT struct daxpool_pool *daxpool_pool_find(struct daxpool_ctx *ctx,
		const char *id)
{
	struct daxpool_pool *pool;
	bool by_uuid = daxpool_is_uuid(id);

	if (!by_uuid && daxpool_name_check(id, NULL)) {
		errno = EINVAL;
		return NULL;
	}
	daxpool_pool_foreach(ctx, pool)
		if (by_uuid ? strcasecmp(pool->rec.uuid, id) == 0
			    : strcmp(pool->rec.name, id) == 0)
			return pool;
	errno = ENOENT;
	return NULL;
}

DAXPOOL_EXPORT const char *daxpool_pool_get_name(struct daxpool_pool *p) { return p->rec.name; }
DAXPOOL_EXPORT const char *daxpool_pool_get_uuid(struct daxpool_pool *p) { return p->rec.uuid; }
DAXPOOL_EXPORT enum daxpool_type daxpool_pool_get_type(struct daxpool_pool *p) { return p->rec.type; }
DAXPOOL_EXPORT const char *daxpool_pool_get_type_name(struct daxpool_pool *p) { return dp_type_name(p->rec.type); }
DAXPOOL_EXPORT uint64_t daxpool_pool_get_align(struct daxpool_pool *p) { return p->rec.align; }
DAXPOOL_EXPORT const char *daxpool_pool_get_region(struct daxpool_pool *p) { return p->region; }
DAXPOOL_EXPORT const char *daxpool_pool_get_chardev(struct daxpool_pool *p) { return p->chardev; }
DAXPOOL_EXPORT const char *daxpool_pool_get_path(struct daxpool_pool *p) { return p->path; }
DAXPOOL_EXPORT const char *daxpool_pool_get_owner(struct daxpool_pool *p) { return p->rec.owner; }
DAXPOOL_EXPORT const char *daxpool_pool_get_group(struct daxpool_pool *p) { return p->rec.group; }
DAXPOOL_EXPORT unsigned int daxpool_pool_get_mode(struct daxpool_pool *p) { return p->rec.mode; }
DAXPOOL_EXPORT int daxpool_pool_get_numa_node(struct daxpool_pool *p) { return p->numa_node; }
DAXPOOL_EXPORT const char *daxpool_pool_get_state(struct daxpool_pool *p) { return p->state; }
DAXPOOL_EXPORT const char *daxpool_pool_get_namespace(struct daxpool_pool *p) { return p->namespace; }
DAXPOOL_EXPORT const char *daxpool_pool_get_label(struct daxpool_pool *p) { return p->label; }
DAXPOOL_EXPORT uint64_t daxpool_pool_get_requested_size(struct daxpool_pool *p) { return p->rec.size; }
DAXPOOL_EXPORT uint64_t daxpool_pool_get_namespace_size(struct daxpool_pool *p) { return p->ns_size; }
DAXPOOL_EXPORT int64_t daxpool_pool_get_created(struct daxpool_pool *p) { return p->rec.created; }
DAXPOOL_EXPORT struct daxpool_ctx *daxpool_pool_get_ctx(struct daxpool_pool *p) { return p->ctx; }

/* the usable size the device really has; the request while it is absent */
DAXPOOL_EXPORT uint64_t daxpool_pool_get_size(struct daxpool_pool *p)
{
	return p->dev_size ? p->dev_size : p->rec.size;
}

