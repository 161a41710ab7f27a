// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Pools: the registry's records joined with what the kernel has. Create and
 * destroy run here so that every multi-step change follows one pattern:
 * admin lock, record of intent, kernel change, commit or roll back.
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

static int resolve_owner(struct daxpool_ctx *ctx, const char *in, char *out,
		size_t len, uid_t *uid)
{
	struct passwd *pw;

	errno = 0;
	pw = getpwnam(in);
	if (!pw) {
		unsigned long v;

		if (dp_parse_uint(in, DP_ID_MAX, &v) == 0)
			pw = getpwuid((uid_t)v);
	}
	if (!pw)
		return dp_fail(ctx, EINVAL, "unknown owner '%s'", in);
	if (strlen(pw->pw_name) >= len)
		return dp_fail(ctx, EINVAL, "owner name '%s' is too long", pw->pw_name);
	snprintf(out, len, "%s", pw->pw_name);
	*uid = pw->pw_uid;
	return 0;
}

static int resolve_group(struct daxpool_ctx *ctx, const char *in, char *out,
		size_t len, gid_t *gid)
{
	struct group *gr;

	gr = getgrnam(in);
	if (!gr) {
		unsigned long v;

		if (dp_parse_uint(in, DP_ID_MAX, &v) == 0)
			gr = getgrgid((gid_t)v);
	}
	if (!gr)
		return dp_fail(ctx, EINVAL, "unknown group '%s'", in);
	if (strlen(gr->gr_name) >= len)
		return dp_fail(ctx, EINVAL, "group name '%s' is too long", gr->gr_name);
	snprintf(out, len, "%s", gr->gr_name);
	*gid = gr->gr_gid;
	return 0;
}

static int validate_create(struct daxpool_ctx *ctx,
		const struct daxpool_create_args *args, struct daxpool_record *rec,
		uid_t *uid, gid_t *gid)
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
		return dp_fail(ctx, EINVAL, "mode must be octal, at most 07777");
	rc = resolve_owner(ctx, args->owner ? args->owner : "root", rec->owner,
			sizeof(rec->owner), uid);
	if (!rc)
		rc = resolve_group(ctx, args->group ? args->group : "root",
				rec->group, sizeof(rec->group), gid);
	if (rc)
		return rc;
	if (geteuid() != 0)
		return dp_fail(ctx, EPERM, "creating pools needs root");
	rec->type = DAXPOOL_TYPE_PMEM;
	rec->size = args->size;
	rec->created = (int64_t)time(NULL);
	return 0;
}

DAXPOOL_EXPORT int daxpool_pool_create(struct daxpool_ctx *ctx,
		const struct daxpool_create_args *args, struct daxpool_pool **out)
{
	const struct dp_backend *be;
	struct daxpool_pool *pool, *p;
	uuid_t uuid;
	char dev[96];
	uid_t uid;
	gid_t gid;
	int rc;

	dp_clear_error(ctx);
	pool = calloc(1, sizeof(*pool));
	if (!pool)
		return dp_fail(ctx, ENOMEM, "out of memory");
	pool->ctx = ctx;
	rc = validate_create(ctx, args, &pool->rec, &uid, &gid);
	if (rc)
		goto out_free;
	be = dp_backend_get(pool->rec.type);
	rc = dp_admin_lock(ctx);
	if (rc)
		goto out_free;
	daxpool_invalidate(ctx);
	daxpool_pool_foreach(ctx, p)
		if (strcmp(p->rec.name, pool->rec.name) == 0) {
			rc = dp_fail(ctx, EEXIST, "a pool named '%s' already exists",
					pool->rec.name);
			goto out_unlock;
		}
	uuid_generate(uuid);
	uuid_unparse_lower(uuid, pool->rec.uuid);
	/* intent first: a crash from here on leaves a record to recover from */
	snprintf(pool->rec.intent, sizeof(pool->rec.intent), "create");
	rc = dp_registry_write(ctx, &pool->rec);
	if (rc)
		goto out_unlock;
	rc = be->provision(ctx, args, pool);
	if (rc)
		goto out_record;
	snprintf(dev, sizeof(dev), "/dev/%s", pool->chardev);
	if (!args->no_zero) {
		rc = dp_zero_device(ctx, dev, pool->dev_size, pool->rec.align,
				args->progress, args->progress_arg);
		if (rc)
			goto out_release;
	}
	/* committed only now: udev hands the device to its owner from here on */
	pool->rec.intent[0] = '\0';
	rc = dp_registry_write(ctx, &pool->rec);
	if (rc)
		goto out_release;
	rc = dp_apply_ownership(ctx, pool);
	if (rc)
		goto out_release;
	daxpool_invalidate(ctx);
	dp_admin_unlock(ctx);
	if (out)
		*out = daxpool_pool_find(ctx, pool->rec.uuid);
	free(pool);
	return 0;

out_release:
	if (be->release(ctx, pool) < 0) {
		/*
		 * The namespace stays: so must the record of intent, the only
		 * thing that says whose it is and that it was never committed.
		 */
		err(ctx, "pool %s (%s): rolling back the create failed; its namespace and record of intent are kept\n",
				pool->rec.name, pool->rec.uuid);
		dp_warn(ctx, "the half-made pool '%s' could not be rolled back: it stays root-only, as 'incomplete'; remove it with 'daxpool destroy %s'",
				pool->rec.name, pool->rec.uuid);
		if (pool->rec.intent[0] == '\0') {
			snprintf(pool->rec.intent, sizeof(pool->rec.intent), "create");
			dp_registry_write(ctx, &pool->rec);
		}
		goto out_unlock;
	}
out_record:
	dp_registry_remove(ctx, pool->rec.uuid);
out_unlock:
	daxpool_invalidate(ctx);
	dp_admin_unlock(ctx);
out_free:
	free(pool);
	return rc;
}

DAXPOOL_EXPORT int daxpool_pool_destroy(struct daxpool_pool *pool,
		pid_t **holders, int *nholders)
{
	struct daxpool_ctx *ctx = pool->ctx;
	struct daxpool_record rec = pool->rec;
	const struct dp_backend *be;
	struct daxpool_pool *cur;
	struct dp_quiesce q = { .fd = -1, .guard = -1 };
	struct dp_holders h = { .n = 0 };
	int rc;

	dp_clear_error(ctx);
	if (holders)
		*holders = NULL;
	if (nholders)
		*nholders = 0;
	if (geteuid() != 0)
		return dp_fail(ctx, EPERM, "destroying pools needs root");
	rc = dp_admin_lock(ctx);
	if (rc)
		return rc;
	/* look again under the lock: the caller's view may be stale */
	daxpool_invalidate(ctx);
	cur = daxpool_pool_find(ctx, rec.uuid);
	if (!cur) {
		rc = dp_fail(ctx, ENOENT, "no such pool");
		goto out;
	}
	be = dp_backend_get(cur->rec.type);
	if (!be) {
		rc = dp_fail(ctx, ENOTSUP, "unsupported pool type");
		goto out;
	}
	rc = dp_quiesce(ctx, cur, &q, &h);
	if (rc) {
		if (rc == -EBUSY && holders && nholders && h.n) {
			*holders = dp_holders_pids(&h);
			*nholders = *holders ? h.n : 0;
		}
		goto out;
	}
	snprintf(cur->rec.intent, sizeof(cur->rec.intent), "destroy");
	rc = dp_registry_write(ctx, &cur->rec);
	if (rc) {
		dp_quiesce_end(&q, false);
		goto out;
	}
	dp_quiesce_drop_fd(&q);
	rc = be->release(ctx, cur);
	if (rc) {
		/* the kernel refused before changing anything: undo the intent */
		dp_quiesce_end(&q, false);
		cur->rec.intent[0] = '\0';
		dp_registry_write(ctx, &cur->rec);
		goto out;
	}
	dp_quiesce_end(&q, true);
	dp_grants_forget(rec.uuid);
	rc = dp_registry_remove(ctx, rec.uuid);
out:
	dp_holders_free(&h);
	daxpool_invalidate(ctx);
	dp_admin_unlock(ctx);
	return rc;
}

/* root, the admin lock, and a fresh look at the pool; NULL with *rc set */
static struct daxpool_pool *begin_change(struct daxpool_pool *pool,
		const char *what, int *rc)
{
	struct daxpool_ctx *ctx = pool->ctx;
	char uuid[37];
	struct daxpool_pool *cur;

	dp_clear_error(ctx);
	snprintf(uuid, sizeof(uuid), "%s", pool->rec.uuid);
	if (geteuid() != 0) {
		*rc = dp_fail(ctx, EPERM, "%s pools needs root", what);
		return NULL;
	}
	*rc = dp_admin_lock(ctx);
	if (*rc)
		return NULL;
	daxpool_invalidate(ctx);
	cur = daxpool_pool_find(ctx, uuid);
	if (!cur) {
		*rc = dp_fail(ctx, ENOENT, "no such pool");
		dp_admin_unlock(ctx);
		return NULL;
	}
	if (cur->rec.intent[0]) {
		*rc = dp_fail(ctx, EBUSY, "an earlier %s of this pool did not finish",
				cur->rec.intent);
		dp_admin_unlock(ctx);
		return NULL;
	}
	return cur;
}

static int end_change(struct daxpool_ctx *ctx, int rc)
{
	daxpool_invalidate(ctx);
	dp_admin_unlock(ctx);
	return rc;
}

/* nothing moves, so owner and mode change even while the pool is in use */
DAXPOOL_EXPORT int daxpool_pool_set_owner(struct daxpool_pool *pool,
		const char *owner, const char *group)
{
	struct daxpool_ctx *ctx = pool->ctx;
	struct daxpool_record rec;
	struct daxpool_pool *cur;
	uid_t uid;
	gid_t gid;
	int rc;

	dp_clear_error(ctx);
	rec = pool->rec;
	if (owner && (rc = resolve_owner(ctx, owner, rec.owner, sizeof(rec.owner), &uid)))
		return rc;
	if (group && (rc = resolve_group(ctx, group, rec.group, sizeof(rec.group), &gid)))
		return rc;
	cur = begin_change(pool, "changing", &rc);
	if (!cur)
		return rc;
	snprintf(cur->rec.owner, sizeof(cur->rec.owner), "%s", rec.owner);
	snprintf(cur->rec.group, sizeof(cur->rec.group), "%s", rec.group);
	rc = dp_registry_write(ctx, &cur->rec);
	if (!rc)
		rc = dp_apply_ownership(ctx, cur);
	return end_change(ctx, rc);
}

DAXPOOL_EXPORT int daxpool_pool_set_mode(struct daxpool_pool *pool,
		unsigned int mode)
{
	struct daxpool_ctx *ctx = pool->ctx;
	struct daxpool_pool *cur;
	int rc;

	dp_clear_error(ctx);
	if (mode > 07777)
		return dp_fail(ctx, EINVAL, "mode must be octal, at most 07777");
	cur = begin_change(pool, "changing", &rc);
	if (!cur)
		return rc;
	cur->rec.mode = mode;
	rc = dp_registry_write(ctx, &cur->rec);
	if (!rc)
		rc = dp_apply_ownership(ctx, cur);
	return end_change(ctx, rc);
}

/*
 * The registry's name is the pool's name from the moment it is written:
 * udev, list and open by name all read it. The kernel only rewrites a
 * label while the namespace is disabled, which would revoke a user's
 * mapping, so an idle pool's label is renamed now and a busy pool keeps
 * the old label name until 'daxpool rename NAME NAME' finds it idle.
 */
DAXPOOL_EXPORT int daxpool_pool_rename(struct daxpool_pool *pool,
		const char *name)
{
	struct daxpool_ctx *ctx = pool->ctx;
	const struct dp_backend *be;
	struct daxpool_pool *cur, *p;
	const char *why;
	int rc;

	dp_clear_error(ctx);
	if (daxpool_name_check(name, &why))
		return dp_fail(ctx, EINVAL, "invalid name '%s': %s", name, why);
	cur = begin_change(pool, "renaming", &rc);
	if (!cur)
		return rc;
	daxpool_pool_foreach(ctx, p)
		if (p != cur && strcmp(p->rec.name, name) == 0) {
			rc = dp_fail(ctx, EEXIST, "a pool named '%s' already exists", name);
			return end_change(ctx, rc);
		}
	be = dp_backend_get(cur->rec.type);
	snprintf(cur->rec.name, sizeof(cur->rec.name), "%s", name);
	rc = dp_registry_write(ctx, &cur->rec);
	if (rc)
		return end_change(ctx, rc);
	if (be && be->relabel && strcmp(cur->label, name) != 0) {
		struct dp_quiesce q;
		struct dp_holders h;

		if (dp_quiesce(ctx, cur, &q, &h) == 0) {
			dp_quiesce_drop_fd(&q);
			rc = be->relabel(ctx, cur);
			if (rc) {
				dp_warn(ctx, "renamed, but the namespace label keeps its old name: %s",
						ctx->error);
				ctx->error[0] = '\0';
				rc = 0;
			}
			/* re-created or not, the node is opened again */
			dp_quiesce_end(&q, false);
		} else {
			/* the label waits; the holders are named, as destroy names them */
			char busy[sizeof(ctx->error)];

			snprintf(busy, sizeof(busy), "%s", ctx->error);
			ctx->error[0] = '\0';
			dp_warn(ctx, "%s: renamed, but the pool is in use, so its namespace label keeps the old name '%s' until 'daxpool rename %s %s' runs while it is idle",
					busy, cur->label, name, name);
		}
		dp_holders_free(&h);
	}
	/* the device may have been re-created: look again before udev */
	{
		char uuid[37];

		snprintf(uuid, sizeof(uuid), "%s", cur->rec.uuid);
		daxpool_invalidate(ctx);
		cur = daxpool_pool_find(ctx, uuid);
		if (cur)
			rc = dp_apply_ownership(ctx, cur);
	}
	return end_change(ctx, rc);
}
