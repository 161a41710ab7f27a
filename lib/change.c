// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Changes to existing pools: destroy, owner, mode and rename. Each takes
 * the admin lock, looks at the pool afresh, and leaves either the change
 * done or nothing changed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "backend.h"
#include "grants.h"
#include "quiesce.h"
#include "registry.h"

/* a destroy that changed nothing in the kernel takes its intent back */
static void undo_intent(struct daxpool_ctx *ctx, const struct dp_backend *be,
		struct daxpool_pool *pool)
{
	pool->rec.intent[0] = '\0';
	if (be->store)
		be->store(ctx, pool);
	dp_registry_write(ctx, &pool->rec);
}

/*
 * A change to a committed pool's record: the media copy (the truth) first,
 * then the registry; a crash between them is settled by activate, which
 * takes the media's side. STEP names the cut points.
 */
static int write_record(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		const struct daxpool_record *old, const char *step)
{
	const struct dp_backend *be = pool->ops;
	char point[64];
	int rc;

	snprintf(point, sizeof(point), "%s:start", step);
	dp_trace_point(point);
	rc = be && be->store ? be->store(ctx, pool) : 0;
	if (rc)
		return rc;
	snprintf(point, sizeof(point), "%s:media", step);
	dp_cut_point(point);
	rc = dp_registry_write(ctx, &pool->rec);
	if (rc) {
		/* the registry refused (a read-only /etc): so does the change */
		pool->rec = *old;
		if (be && be->store)
			be->store(ctx, pool);
		return rc;
	}
	snprintf(point, sizeof(point), "%s:etc", step);
	dp_cut_point(point);
	return rc;
}

DAXPOOL_EXPORT int daxpool_pool_destroy(
		struct daxpool_pool *pool, struct daxpool_holders **holders)
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
	if (geteuid() != 0)
		return dp_fail(ctx, EPERM, "destroying pools needs root");
	rc = dp_admin_lock(ctx);
	if (rc)
		return rc;
	/* look again under the lock: the caller's view may be stale */
	daxpool_invalidate(ctx);
	if (daxpool_pool_find(ctx, rec.uuid, &cur)) {
		rc = dp_fail(ctx, ENOENT, "no such pool");
		goto out;
	}
	be = cur->ops;
	if (!be) {
		rc = dp_fail(ctx, ENOTSUP, "unsupported pool type");
		goto out;
	}
	rc = dp_quiesce(ctx, cur, &q, &h);
	if (rc) {
		/* without memory for the list, -EBUSY still says it all */
		if (rc == -EBUSY && holders)
			dp_holders_export(&h, holders);
		goto out;
	}
	/* from here a crash finishes the destroy at the next activate */
	snprintf(cur->rec.intent, sizeof(cur->rec.intent), "destroy");
	rc = dp_registry_write(ctx, &cur->rec);
	if (!rc) {
		dp_cut_point("destroy:intent-etc");
		rc = be->store ? be->store(ctx, cur) : 0;
	}
	if (rc) {
		dp_quiesce_end(&q, false);
		undo_intent(ctx, be, cur);
		goto out;
	}
	dp_cut_point("destroy:intent-media");
	dp_quiesce_drop_fd(&q);
	rc = be->release(ctx, cur);
	if (rc) {
		/* the kernel refused before changing anything: undo the intent */
		dp_quiesce_end(&q, false);
		undo_intent(ctx, be, cur);
		goto out;
	}
	dp_quiesce_end(&q, true);
	dp_cut_point("destroy:released");
	dp_grants_forget(rec.uuid);
	rc = be->forget ? be->forget(ctx, cur) : 0;
	if (!rc) {
		dp_cut_point("destroy:media-dropped");
		rc = dp_registry_remove(ctx, rec.uuid);
	}
	if (rc)
		dp_warn(ctx, "the pool's memory is released, but its records are not all gone; 'daxpool check --repair' finishes the destroy");
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
	if (daxpool_pool_find(ctx, uuid, &cur)) {
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
	struct daxpool_record rec, old;
	struct daxpool_pool *cur;
	uid_t uid;
	gid_t gid;
	int rc;

	dp_clear_error(ctx);
	rec = pool->rec;
	if (owner && (rc = dp_resolve_owner(ctx, owner, rec.owner, sizeof(rec.owner), &uid)))
		return rc;
	if (group && (rc = dp_resolve_group(ctx, group, rec.group, sizeof(rec.group), &gid)))
		return rc;
	cur = begin_change(pool, "changing", &rc);
	if (!cur)
		return rc;
	old = cur->rec;
	snprintf(cur->rec.owner, sizeof(cur->rec.owner), "%s", rec.owner);
	snprintf(cur->rec.group, sizeof(cur->rec.group), "%s", rec.group);
	rc = write_record(ctx, cur, &old, "chown");
	if (!rc)
		rc = dp_apply_ownership(ctx, cur);
	return end_change(ctx, rc);
}

DAXPOOL_EXPORT int daxpool_pool_set_mode(struct daxpool_pool *pool,
		unsigned int mode)
{
	struct daxpool_ctx *ctx = pool->ctx;
	struct daxpool_record old;
	struct daxpool_pool *cur;
	int rc;

	dp_clear_error(ctx);
	if (mode > 07777)
		return dp_fail(ctx, EINVAL, "mode must be octal, at most 07777");
	cur = begin_change(pool, "changing", &rc);
	if (!cur)
		return rc;
	old = cur->rec;
	cur->rec.mode = mode;
	rc = write_record(ctx, cur, &old, "chmod");
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
	struct daxpool_record old;
	struct daxpool_pool *cur;
	const char *why;
	int rc;

	dp_clear_error(ctx);
	if (daxpool_name_check(name, &why))
		return dp_fail(ctx, EINVAL, "invalid name '%s': %s", name, why);
	cur = begin_change(pool, "renaming", &rc);
	if (!cur)
		return rc;
	rc = dp_name_free(ctx, name, cur->rec.uuid);
	if (rc)
		return end_change(ctx, rc);
	be = cur->ops;
	old = cur->rec;
	snprintf(cur->rec.name, sizeof(cur->rec.name), "%s", name);
	/* renamed by uuid, a pool that lost a name conflict is itself again */
	cur->rec.conflict = false;
	rc = write_record(ctx, cur, &old, "rename");
	if (rc)
		return end_change(ctx, rc);
	if (be && be->relabel && strcmp(cur->label, name) != 0) {
		struct dp_quiesce q;
		struct dp_holders h;

		if (dp_quiesce(ctx, cur, &q, &h) == 0) {
			dp_quiesce_drop_fd(&q);
			rc = be->relabel(ctx, cur);
			if (!rc)
				dp_cut_point("rename:label");
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
		if (daxpool_pool_find(ctx, uuid, &cur) == 0)
			rc = dp_apply_ownership(ctx, cur);
	}
	return end_change(ctx, rc);
}
