// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Creating a pool: the request (an opaque object with setters, so that it
 * can grow without breaking the ABI), then its steps under the admin
 * lock: a place, the device and its zeroing, told to the journal, which
 * orders the record of intent, the commit and the roll back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include "backend/backend.h"
#include "cdi/cdi.h"
#include "change/journal.h"
#include "store/registry.h"

static int validate_create(struct daxpool_ctx *ctx,
		const struct daxpool_create_args *args,
		struct daxpool_record *rec, uid_t *uid, gid_t *gid)
{
	const char *why;
	int rc;

	memset(rec, 0, sizeof(*rec));
	if (daxpool_name_check(args->name, &why))
		return dp_fail(ctx, EINVAL, "invalid name '%s': %s",
				args->name ? args->name : "", why);
	snprintf(rec->name, sizeof(rec->name), "%s", args->name);
	if (args->size == 0)
		return dp_fail(ctx, EINVAL, "size must be greater than 0");
	if (args->size > (1ULL << 56))
		return dp_fail(ctx, ERANGE, "size is too large");
	rec->align = args->align ? args->align : SZ_2M;
	if (rec->align != SZ_4K && rec->align != SZ_2M && rec->align != SZ_1G)
		return dp_fail(ctx, EINVAL, "align must be 4K, 2M or 1G");
	rec->mode = args->mode < 0 ? 0600 : (unsigned int)args->mode;
	if (args->mode > 07777)
		return dp_fail(ctx, EINVAL,
				"mode must be octal, at most 07777");
	rc = dp_resolve_owner(ctx, args->owner ? args->owner : "root",
			rec->owner, sizeof(rec->owner), uid);
	if (!rc)
		rc = dp_resolve_group(ctx, args->group ? args->group : "root",
				rec->group, sizeof(rec->group), gid);
	if (rc)
		return rc;
	if (geteuid() != 0)
		return dp_fail(ctx, EPERM, "creating pools needs root");
	if (!dp_backend_get(args->type))
		return dp_fail(ctx, ENOTSUP,
				"pools of type '%s' are not supported",
				dp_type_name(args->type));
	rec->type = args->type;
	rec->size = args->size;
	rec->created = (int64_t)time(NULL);
	return 0;
}

/* what the steps of a create need beyond the pool */
struct create_steps {
	const struct daxpool_create_args *args;
	const struct dp_recorded *others; /* for a backend that asks */
	struct dp_placement *placed; /* what place chose */
	struct dp_journal *j;
};

static int provision(struct dp_journal *j, void *arg)
{
	struct create_steps *cs = arg;

	return j->pool->ops->provision(
			j->ctx, cs->args, cs->others, j->pool, cs->placed);
}

/* the zeroing's progress: the step's cut point falls half-way through */
static void zero_progress(uint64_t done, uint64_t total, void *arg)
{
	struct create_steps *cs = arg;

	if (cs->args->progress)
		cs->args->progress(done, total, cs->args->progress_arg);
	if (done * 2 >= total)
		dp_journal_halfway(cs->j);
}

static int zero(struct dp_journal *j, void *arg)
{
	struct create_steps *cs = arg;
	struct daxpool_pool *pool = j->pool;
	char dev[96];

	cs->j = j;
	snprintf(dev, sizeof(dev), "/dev/%s", pool->chardev);
	return dp_zero_device(j->ctx, dev, pool->dev_size, pool->rec.align,
			zero_progress, cs);
}

/*
 * Every copy of the record first says "create", then the device is made
 * where place chose and zeroed, then the media copy (the truth) and the
 * registry commit it (journal.c orders it). A crash before the media
 * commit rolls back at the next activate.
 */
static int journaled_create(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		struct create_steps *cs)
{
	struct dp_journal j;
	uuid_t uuid;
	int rc;

	uuid_generate(uuid);
	uuid_unparse_lower(uuid, pool->rec.uuid);
	/* intent first: a crash from here on leaves a record to recover from */
	dp_journal_init(&j, pool, DP_CHANGE_CREATE);
	rc = dp_journal_begin(&j);
	if (!rc)
		rc = dp_journal_step(
				&j, DP_CUT_CREATE_PROVISIONED, provision, cs);
	if (!rc && !cs->args->no_zero)
		rc = dp_journal_step(&j, DP_CUT_CREATE_ZEROING, zero, cs);
	if (!rc)
		rc = dp_journal_commit(&j);
	if (!rc)
		rc = dp_apply_ownership(ctx, pool);
	if (rc && dp_journal_abort(&j) < 0) {
		err(ctx, "pool %s (%s): rolling back the create failed; its namespace and record of intent are kept\n",
				pool->rec.name, pool->rec.uuid);
		dp_warn(ctx, "the half-made pool '%s' could not be rolled back: it stays root-only, as 'incomplete'; remove it with 'daxpool destroy %s' or 'daxpool check --repair' once nothing holds it",
				pool->rec.name, pool->rec.uuid);
	}
	return rc;
}

static int pool_create(struct daxpool_ctx *ctx,
		const struct daxpool_create_args *args,
		struct daxpool_pool **out)
{
	const struct dp_backend *be;
	struct daxpool_pool *pool;
	struct daxpool_record *recs = NULL;
	struct dp_recorded others = { NULL, 0 };
	struct dp_placement placed = { NULL };
	struct create_steps cs = {
		.args = args, .others = &others, .placed = &placed
	};
	uid_t uid;
	gid_t gid;
	int rc;

	dp_clear_error(ctx);
	/* "time:" points only time the phases (scripts/bench), no cut */
	dp_trace_point("time:create:begin");
	pool = calloc(1, sizeof(*pool));
	if (!pool)
		return dp_fail(ctx, ENOMEM, "out of memory");
	pool->ctx = ctx;
	rc = validate_create(ctx, args, &pool->rec, &uid, &gid);
	if (rc)
		goto out_free;
	be = pool->ops = dp_backend_get(pool->rec.type);
	rc = dp_admin_lock(ctx);
	if (rc)
		goto out_free;
	/* a fresh look, kept until provision: pmem reads its new pool back
	 * from it (pmem.c says what must not happen in between) */
	daxpool_invalidate(ctx);
	rc = dp_name_free(ctx, pool->rec.name, NULL);
	if (rc)
		goto out_unlock;
	dp_trace_point("time:create:validated");
	/* for a backend that asks (it reads no registry itself): what could
	 * be read, as it always went on with */
	if (be->needs_records)
		dp_registry_load(ctx, &recs, &others.n);
	others.recs = recs;
	rc = be->place(ctx, args, &others, pool, &placed);
	if (!rc) {
		dp_trace_point("time:create:placed");
		rc = journaled_create(ctx, pool, &cs);
		/* what place chose served provision: let go of it, whatever
		 * came of the create */
		be->placement_free(&placed);
	}
	free(recs);
	if (rc)
		goto out_unlock;
	dp_trace_point("time:create:udev");
	/* committed, with its owner: offered to containers from here on */
	dp_cdi_sync_pool(ctx, pool);
	daxpool_invalidate(ctx);
	dp_admin_unlock(ctx);
	/* as provisioning found it: no new walk of every pool and device */
	if (out)
		*out = dp_pool_adopt(ctx, pool);
	else
		free(pool);
	return 0;

out_unlock:
	daxpool_invalidate(ctx);
	dp_admin_unlock(ctx);
out_free:
	free(pool);
	return rc;
}

struct daxpool_create {
	struct daxpool_ctx *ctx;
	struct daxpool_create_args args;
	char name[DAXPOOL_NAME_MAX + 1];
	char region[64];
	char owner[64];
	char group[64];
};

DAXPOOL_EXPORT int daxpool_create_new(struct daxpool_ctx *ctx, const char *name,
		uint64_t size, struct daxpool_create **request)
{
	struct daxpool_create *req;
	const char *why;

	if (request)
		*request = NULL;
	if (!ctx || !request)
		return -EINVAL;
	dp_clear_error(ctx);
	if (!name || daxpool_name_check(name, &why))
		return dp_fail(ctx, EINVAL, "invalid name '%s': %s",
				name ? name : "", name ? why : "none given");
	req = calloc(1, sizeof(*req));
	if (!req)
		return dp_fail(ctx, ENOMEM, "out of memory");
	req->ctx = daxpool_ref(ctx);
	snprintf(req->name, sizeof(req->name), "%s", name);
	req->args.name = req->name;
	req->args.size = size;
	req->args.type = DAXPOOL_TYPE_PMEM;
	req->args.numa_node = -1;
	req->args.mode = -1;
	*request = req;
	return 0;
}

DAXPOOL_EXPORT void daxpool_create_free(struct daxpool_create *req)
{
	if (!req)
		return;
	daxpool_unref(req->ctx);
	free(req);
}

DAXPOOL_EXPORT int daxpool_create_set_type(
		struct daxpool_create *req, enum daxpool_type type)
{
	/* a kind this build has a backend for */
	if (!req || !dp_backend_get(type))
		return -EINVAL;
	req->args.type = type;
	return 0;
}

/* a copy of S in BUF, NULL for NULL; -EINVAL if it does not fit */
static int set_string(char *buf, size_t len, const char **field, const char *s)
{
	if (s && strlen(s) >= len)
		return -EINVAL;
	if (s)
		snprintf(buf, len, "%s", s);
	*field = s ? buf : NULL;
	return 0;
}

DAXPOOL_EXPORT int daxpool_create_set_region(
		struct daxpool_create *req, const char *region)
{
	return req ? set_string(req->region, sizeof(req->region),
				     &req->args.region, region) :
		     -EINVAL;
}

DAXPOOL_EXPORT int daxpool_create_set_owner(
		struct daxpool_create *req, const char *owner)
{
	return req ? set_string(req->owner, sizeof(req->owner),
				     &req->args.owner, owner) :
		     -EINVAL;
}

DAXPOOL_EXPORT int daxpool_create_set_group(
		struct daxpool_create *req, const char *group)
{
	return req ? set_string(req->group, sizeof(req->group),
				     &req->args.group, group) :
		     -EINVAL;
}

DAXPOOL_EXPORT int daxpool_create_set_numa_node(
		struct daxpool_create *req, int node)
{
	if (!req || node < -1)
		return -EINVAL;
	req->args.numa_node = node;
	return 0;
}

DAXPOOL_EXPORT int daxpool_create_set_align(
		struct daxpool_create *req, uint64_t align)
{
	if (!req || (align != SZ_4K && align != SZ_2M && align != SZ_1G))
		return -EINVAL;
	req->args.align = align;
	return 0;
}

DAXPOOL_EXPORT int daxpool_create_set_mode(
		struct daxpool_create *req, unsigned int mode)
{
	if (!req || mode > 07777)
		return -EINVAL;
	req->args.mode = (int)mode;
	return 0;
}

DAXPOOL_EXPORT int daxpool_create_set_zero(
		struct daxpool_create *req, bool zero)
{
	if (!req)
		return -EINVAL;
	req->args.no_zero = !zero;
	return 0;
}

DAXPOOL_EXPORT int daxpool_create_set_progress(struct daxpool_create *req,
		daxpool_progress_fn progress, void *arg)
{
	if (!req)
		return -EINVAL;
	req->args.progress = progress;
	req->args.progress_arg = arg;
	return 0;
}

DAXPOOL_EXPORT int daxpool_create_run(
		struct daxpool_create *req, struct daxpool_pool **pool)
{
	if (pool)
		*pool = NULL;
	if (!req)
		return -EINVAL;
	return pool_create(req->ctx, &req->args, pool);
}
