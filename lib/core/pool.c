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
#include "backend/backend.h"
#include "guard/quiesce.h"
#include "store/registry.h"

/* at the context's end only: pool objects stay valid until then */
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

static struct daxpool_pool *by_uuid(struct daxpool_ctx *ctx, const char *uuid)
{
	struct daxpool_pool *p;

	for (p = ctx->pools; p; p = p->next)
		if (strcmp(p->rec.uuid, uuid) == 0)
			return p;
	return NULL;
}

static void insert_by_name(struct daxpool_ctx *ctx, struct daxpool_pool *pool)
{
	struct daxpool_pool **pp;

	for (pp = &ctx->pools;
			*pp && strcmp((*pp)->rec.name, pool->rec.name) < 0;
			pp = &(*pp)->next)
		;
	pool->next = *pp;
	*pp = pool;
}

/*
 * A record as the registry has it now: the pool object of that uuid is
 * refreshed in place (an application may hold a pointer to it across any
 * change), or made and put in name order.
 */
static int add_record(struct daxpool_ctx *ctx, const struct daxpool_record *rec,
		void *arg)
{
	struct daxpool_pool *pool = by_uuid(ctx, rec->uuid), *next;
	(void)arg;
	if (!pool) {
		pool = calloc(1, sizeof(*pool));
		if (!pool)
			return -ENOMEM;
		pool->rec = *rec;
		insert_by_name(ctx, pool);
	}
	/* everything but the list link is what the registry and kernel say now */
	next = pool->next;
	memset(pool, 0, sizeof(*pool));
	pool->next = next;
	pool->ctx = ctx;
	pool->live = true;
	pool->rec = *rec;
	pool->numa_node = -1;
	snprintf(pool->path, sizeof(pool->path), "/dev/daxpool/%s", rec->name);
	pool->ops = dp_backend_get(rec->type);
	pool->state = DAXPOOL_STATE_UNSUPPORTED;
	if (pool->ops)
		pool->ops->refresh(ctx, pool);
	if (rec->intent != DP_INTENT_NONE)
		pool->state = DAXPOOL_STATE_INCOMPLETE;
	else if (rec->conflict)
		pool->state = DAXPOOL_STATE_CONFLICT;
	return 0;
}

struct daxpool_pool *dp_pool_adopt(
		struct daxpool_ctx *ctx, struct daxpool_pool *pool)
{
	struct daxpool_pool *have = by_uuid(ctx, pool->rec.uuid);

	if (have) {
		struct daxpool_pool *next = have->next;

		*have = *pool;
		have->next = next;
		free(pool);
		pool = have;
	} else {
		insert_by_name(ctx, pool);
	}
	pool->ctx = ctx;
	pool->live = true;
	snprintf(pool->path, sizeof(pool->path), "/dev/daxpool/%s",
			pool->rec.name);
	return pool;
}

/* a pool that is no longer there keeps its object, out of the list */
static void unlive(struct daxpool_ctx *ctx)
{
	struct daxpool_pool *p;

	for (p = ctx->pools; p; p = p->next)
		p->live = false;
}

static void load_pools(struct daxpool_ctx *ctx)
{
	if (ctx->pools_loaded)
		return;
	unlive(ctx);
	dp_registry_foreach(ctx, add_record, NULL);
	ctx->pools_loaded = true;
}

int dp_pools_take(struct daxpool_ctx *ctx, const struct daxpool_record *recs,
		size_t n)
{
	size_t i;
	int rc = 0;

	unlive(ctx);
	for (i = 0; i < n && !rc; i++)
		rc = add_record(ctx, &recs[i], NULL);
	/* short of memory: the next look reads the registry itself */
	ctx->pools_loaded = rc == 0;
	return rc;
}

static struct daxpool_pool *first_live(struct daxpool_pool *p)
{
	while (p && !p->live)
		p = p->next;
	return p;
}

/* the next look at pools rereads registry and kernel; objects stay valid */
DAXPOOL_EXPORT void daxpool_invalidate(struct daxpool_ctx *ctx)
{
	ctx->pools_loaded = false;
	dp_ndctl_reset(ctx);
}

DAXPOOL_EXPORT struct daxpool_pool *daxpool_pool_get_first(
		struct daxpool_ctx *ctx)
{
	load_pools(ctx);
	return first_live(ctx->pools);
}

/* from any pool, even one that went away meanwhile: the list never loses
 * an object, so a loop that changes its pools goes on where it was */
DAXPOOL_EXPORT struct daxpool_pool *daxpool_pool_get_next(
		struct daxpool_pool *pool)
{
	load_pools(pool->ctx);
	return first_live(pool->next);
}

DAXPOOL_EXPORT int daxpool_pool_find(struct daxpool_ctx *ctx, const char *id,
		struct daxpool_pool **pool)
{
	struct daxpool_pool *p;
	bool by_uuid;

	if (pool)
		*pool = NULL;
	if (!ctx || !id || !pool)
		return -EINVAL;
	by_uuid = daxpool_is_uuid(id);
	if (!by_uuid && daxpool_name_check(id, NULL))
		return -EINVAL;
	/* a pool held for a name conflict answers to its uuid only */
	daxpool_pool_foreach (ctx, p)
		if (by_uuid ? strcasecmp(p->rec.uuid, id) == 0 :
			      !p->rec.conflict && strcmp(p->rec.name, id) == 0) {
			*pool = p;
			return 0;
		}
	return -ENOENT;
}

DAXPOOL_EXPORT const char *daxpool_pool_get_name(struct daxpool_pool *p)
{
	return p->rec.name;
}
DAXPOOL_EXPORT const char *daxpool_pool_get_uuid(struct daxpool_pool *p)
{
	return p->rec.uuid;
}
DAXPOOL_EXPORT enum daxpool_type daxpool_pool_get_type(struct daxpool_pool *p)
{
	return p->rec.type;
}
DAXPOOL_EXPORT const char *daxpool_pool_get_type_name(struct daxpool_pool *p)
{
	return dp_type_name(p->rec.type);
}
DAXPOOL_EXPORT uint64_t daxpool_pool_get_align(struct daxpool_pool *p)
{
	return p->rec.align;
}
DAXPOOL_EXPORT const char *daxpool_pool_get_region(struct daxpool_pool *p)
{
	return p->region;
}
DAXPOOL_EXPORT const char *daxpool_pool_get_cxl_region(struct daxpool_pool *p)
{
	return p->cxl_region;
}
DAXPOOL_EXPORT uint64_t daxpool_pool_get_cxl_serial(
		struct daxpool_pool *p, unsigned int position)
{
	return position < p->cxl_ways ? p->cxl_serial[position] : 0;
}
DAXPOOL_EXPORT const char *daxpool_pool_get_chardev(struct daxpool_pool *p)
{
	return p->chardev;
}
DAXPOOL_EXPORT const char *daxpool_pool_get_path(struct daxpool_pool *p)
{
	return p->path;
}
DAXPOOL_EXPORT const char *daxpool_pool_get_owner(struct daxpool_pool *p)
{
	return p->rec.owner;
}
DAXPOOL_EXPORT const char *daxpool_pool_get_group(struct daxpool_pool *p)
{
	return p->rec.group;
}
DAXPOOL_EXPORT unsigned int daxpool_pool_get_mode(struct daxpool_pool *p)
{
	return p->rec.mode;
}
DAXPOOL_EXPORT int daxpool_pool_get_numa_node(struct daxpool_pool *p)
{
	return p->numa_node;
}
DAXPOOL_EXPORT enum daxpool_state daxpool_pool_get_state(struct daxpool_pool *p)
{
	return p->state;
}
DAXPOOL_EXPORT const char *daxpool_pool_get_namespace(struct daxpool_pool *p)
{
	return p->namespace;
}
DAXPOOL_EXPORT const char *daxpool_pool_get_label(struct daxpool_pool *p)
{
	return p->label;
}
DAXPOOL_EXPORT uint64_t daxpool_pool_get_requested_size(struct daxpool_pool *p)
{
	return p->rec.size;
}
DAXPOOL_EXPORT uint64_t daxpool_pool_get_namespace_size(struct daxpool_pool *p)
{
	return p->ns_size;
}
DAXPOOL_EXPORT int64_t daxpool_pool_get_created(struct daxpool_pool *p)
{
	return p->rec.created;
}
DAXPOOL_EXPORT struct daxpool_ctx *daxpool_pool_get_ctx(struct daxpool_pool *p)
{
	return p->ctx;
}

/* the usable size the device really has; the request while it is absent */
DAXPOOL_EXPORT uint64_t daxpool_pool_get_size(struct daxpool_pool *p)
{
	return p->dev_size ? p->dev_size : p->rec.size;
}
