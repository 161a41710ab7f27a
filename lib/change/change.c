// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Changes to existing pools: destroy, owner, mode and rename. Each takes
 * the admin lock, looks at the pool afresh, and leaves either the change
 * done or nothing changed; the journal (journal.c) orders their writes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "backend/backend.h"
#include "cdi/cdi.h"
#include "guard/grants.h"
#include "change/journal.h"
#include "guard/quiesce.h"
#include "backend/cxl.h"
#include "store/registry.h"

/* the device goes; the door stays shut once it is gone */
static int release(struct dp_journal *j, void *arg)
{
	struct dp_quiesce *q = arg;
	int rc;

	dp_quiesce_drop_fd(q);
	rc = j->pool->ops->release(j->ctx, j->pool);
	dp_quiesce_end(q, rc == 0);
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
	struct dp_journal j;
	bool withdrawn = false;
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
	/* no container started from here on is given the pool */
	withdrawn = true;
	rc = dp_cdi_withdraw(ctx, rec.uuid);
	if (rc) {
		rc = dp_fail(ctx, -rc,
				"its CDI spec cannot be withdrawn: %s; nothing done",
				strerror(-rc));
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
	dp_journal_init(&j, cur, DP_CHANGE_DESTROY);
	rc = dp_journal_begin(&j);
	if (rc) {
		dp_quiesce_end(&q, false);
		dp_journal_abort(&j);
		goto out;
	}
	rc = dp_journal_step(&j, DP_CUT_DESTROY_RELEASED, release, &q);
	if (rc) {
		/* the kernel refused before changing anything: undo the intent */
		dp_journal_abort(&j);
		goto out;
	}
	dp_grants_forget(rec.uuid);
	rc = dp_journal_commit(&j);
	if (rc)
		dp_warn(ctx, "the pool's memory is released, but its records are not all gone; 'daxpool check --repair' finishes the destroy");
	/* the last pool of a CXL region the OS made: it is not made again */
	else if (rec.cxl[0])
		dp_cxl_recipes_tidy(ctx);
out:
	dp_holders_free(&h);
	daxpool_invalidate(ctx);
	/* refused or undone: offered again as it is now */
	if (withdrawn && rc)
		dp_cdi_sync_uuid(ctx, rec.uuid);
	dp_admin_unlock(ctx);
	return rc;
}

/* the label's name written while the pool is idle (quiesced) */
static int relabel(struct dp_journal *j, void *arg)
{
	(void)arg;
	return j->pool->ops->relabel(j->ctx, j->pool);
}

/* that write as the journal's step, run by dp_quiesce_run */
static int relabel_step(
		struct daxpool_ctx *ctx, struct daxpool_pool *pool, void *arg)
{
	(void)ctx;
	(void)pool;
	return dp_journal_step(arg, DP_CUT_RENAME_LABEL, relabel, NULL);
}

/* root, the admin lock, and a fresh look at the pool; NULL with *rc set */
static struct daxpool_pool *begin_change(
		struct daxpool_pool *pool, const char *what, int *rc)
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
	if (cur->rec.intent != DP_INTENT_NONE) {
		*rc = dp_fail(ctx, EBUSY,
				"an earlier %s of this pool did not finish",
				dp_intent_name(cur->rec.intent));
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
DAXPOOL_EXPORT int daxpool_pool_set_owner(
		struct daxpool_pool *pool, const char *owner, const char *group)
{
	struct daxpool_ctx *ctx = pool->ctx;
	struct daxpool_record rec;
	struct daxpool_pool *cur;
	struct dp_journal j;
	uid_t uid;
	gid_t gid;
	int rc;

	dp_clear_error(ctx);
	rec = pool->rec;
	if (owner &&
			(rc = dp_resolve_owner(ctx, owner, rec.owner,
					 sizeof(rec.owner), &uid)))
		return rc;
	if (group &&
			(rc = dp_resolve_group(ctx, group, rec.group,
					 sizeof(rec.group), &gid)))
		return rc;
	cur = begin_change(pool, "changing", &rc);
	if (!cur)
		return rc;
	dp_journal_init(&j, cur, DP_CHANGE_CHOWN);
	snprintf(cur->rec.owner, sizeof(cur->rec.owner), "%s", rec.owner);
	snprintf(cur->rec.group, sizeof(cur->rec.group), "%s", rec.group);
	rc = dp_journal_write(&j);
	if (!rc) {
		rc = dp_apply_ownership(ctx, cur);
		dp_cdi_sync_pool(ctx, cur);
	}
	return end_change(ctx, rc);
}

DAXPOOL_EXPORT int daxpool_pool_set_mode(
		struct daxpool_pool *pool, unsigned int mode)
{
	struct daxpool_ctx *ctx = pool->ctx;
	struct daxpool_pool *cur;
	struct dp_journal j;
	int rc;

	dp_clear_error(ctx);
	if (mode > 07777)
		return dp_fail(ctx, EINVAL,
				"mode must be octal, at most 07777");
	cur = begin_change(pool, "changing", &rc);
	if (!cur)
		return rc;
	dp_journal_init(&j, cur, DP_CHANGE_CHMOD);
	cur->rec.mode = mode;
	rc = dp_journal_write(&j);
	if (!rc) {
		rc = dp_apply_ownership(ctx, cur);
		dp_cdi_sync_pool(ctx, cur);
	}
	return end_change(ctx, rc);
}

/*
 * The registry's name is the pool's name from the moment it is written:
 * udev, list and open by name all read it. The kernel only rewrites a
 * label while the namespace is disabled, which would revoke a user's
 * mapping, so an idle pool's label is renamed now and a busy pool keeps
 * the old label name until 'daxpool rename NAME NAME' finds it idle.
 */
DAXPOOL_EXPORT int daxpool_pool_rename(
		struct daxpool_pool *pool, const char *name)
{
	struct daxpool_ctx *ctx = pool->ctx;
	const struct dp_backend *be;
	struct daxpool_pool *cur;
	struct dp_journal j;
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
	/* neither name is offered while the label may be rewritten */
	rc = dp_cdi_withdraw(ctx, cur->rec.uuid);
	if (rc)
		return end_change(ctx,
				dp_fail(ctx, -rc,
						"its CDI spec cannot be withdrawn: %s; nothing done",
						strerror(-rc)));
	dp_journal_init(&j, cur, DP_CHANGE_RENAME);
	snprintf(cur->rec.name, sizeof(cur->rec.name), "%s", name);
	/* renamed by uuid, a pool that lost a name conflict is itself again */
	cur->rec.conflict = false;
	rc = dp_journal_write(&j);
	if (rc) {
		dp_cdi_sync_uuid(ctx, cur->rec.uuid);
		return end_change(ctx, rc);
	}
	if (be && be->relabel && strcmp(cur->label, name) != 0) {
		struct dp_holders h = { .n = 0 };
		bool ran;

		/* re-created or not, the node is opened again */
		rc = dp_quiesce_run(
				ctx, cur, relabel_step, &j, false, &h, &ran);
		if (ran && rc) {
			dp_warn(ctx, "renamed, but the namespace label keeps its old name: %s",
					ctx->error);
			ctx->error[0] = '\0';
		} else if (!ran) {
			/* the label waits; the holders are named, as destroy names them */
			char busy[sizeof(ctx->error)];

			snprintf(busy, sizeof(busy), "%s", ctx->error);
			ctx->error[0] = '\0';
			dp_warn(ctx, "%s: renamed, but the pool is in use, so its namespace label keeps the old name '%s' until 'daxpool rename %s %s' runs while it is idle",
					busy, cur->label, name, name);
		}
		rc = 0;
		dp_holders_free(&h);
	}
	/* the device may have been re-created: look again before udev */
	{
		char uuid[37];

		snprintf(uuid, sizeof(uuid), "%s", cur->rec.uuid);
		daxpool_invalidate(ctx);
		if (daxpool_pool_find(ctx, uuid, &cur) == 0) {
			rc = dp_apply_ownership(ctx, cur);
			dp_cdi_sync_pool(ctx, cur);
		}
	}
	return end_change(ctx, rc);
}
