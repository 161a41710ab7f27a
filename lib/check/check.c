// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check and activate: compare the registry, the media copies and the
 * kernel, say what disagrees, and (asked to) put it right. Under the admin
 * lock this file reads the host (check-read.c), has the planner say what
 * disagrees and how to repair it (check-plan.c), applies the repairs
 * (check-repair.c) and hands back the report (check-report.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check/check-plan.h"
#include "backend/backend.h"
#include "backend/cxl.h"
#include "cdi/cdi.h"
#include "store/cxl-recipe.h"
#include "store/generation.h"
#include "store/registry.h"

/* private: activate repairs all but drops records of missing pools */
#define DAXPOOL_CHECK_ACTIVATE (1U << 31)
#define REPAIR (DAXPOOL_CHECK_REPAIR | DAXPOOL_CHECK_ACTIVATE)

/*
 * Plan, apply what was planned, and plan on knowing what it did, until
 * everything is planned; the copies are read again once the pools are
 * settled (one that cannot be read is left out)
 */
static int settle(struct daxpool_ctx *ctx, struct dp_check_host *h,
		struct dp_check_plan *plan)
{
	int rc = dp_check_read(ctx, h);

	if (rc)
		return dp_fail(ctx, -rc, "cannot read the pools: %s",
				strerror(-rc));
	do {
		rc = dp_check_plan(&h->view, plan);
		if (!rc)
			rc = dp_check_repair(ctx, h, plan);
		if (!rc && plan->wait == DP_PLAN_REREAD)
			dp_check_reread(ctx, h);
	} while (!rc && plan->wait != DP_PLAN_DONE);
	return rc ? dp_fail(ctx, -rc, "out of memory") : 0;
}

/*
 * activate: the regions no kernel makes at boot (CXL regions the OS made)
 * come first, so that the pools on them are found like any other
 */
static void regions_up(struct daxpool_ctx *ctx)
{
	const struct dp_backend *const *be;
	int made = 0;

	for (be = dp_backends; *be; be++)
		if ((*be)->regions_up)
			made += (*be)->regions_up(ctx);
	/* libndctl and libdaxctl must see the new regions */
	if (made)
		daxpool_invalidate(ctx);
}

/*
 * Once the pools are settled: a pool on a CXL region whose recipe was
 * lost with /etc has it kept again (NEED: some pool is on one, as the
 * walk of the pools for their ownership found); a copy missing from one
 * home is written again from the other; a recipe no pool names any more
 * goes. A host without CXL pays a few directory reads.
 */
static void cxl_recipes_settle(struct daxpool_ctx *ctx, bool need)
{
	struct daxpool_pool *pool;

	if (dp_admin_lock(ctx))
		return;
	/* a lost or restored /etc gets its recipes back from /var/lib */
	if (dp_cxl_recipe_heal(ctx))
		ctx->error[0] = '\0';
	if (need)
		daxpool_pool_foreach (ctx, pool)
			if (dp_cxl_rekeep(ctx, pool))
				ctx->error[0] = '\0';
	dp_cxl_recipes_tidy(ctx);
	dp_admin_unlock(ctx);
}

/*
 * The context's pools once a repairing run is settled, still under its
 * lock. Nothing applied: the registry and the kernel are as they were
 * read, so the list is made from the records read, on the contexts of
 * libndctl and libdaxctl already walked (the one walk and the one read of
 * the registry of a boot that finds every pool up). A repair may have
 * written the registry: it is read again; the walk is kept, since every
 * backend op that changes the kernel drops those contexts itself.
 */
static void pools_after(struct daxpool_ctx *ctx, int rc,
		struct dp_check_host *h, const struct dp_check_plan *plan)
{
	if (!rc && plan->nresult == 0 &&
			dp_pools_take(ctx, h->view.recs, h->view.nrecs) == 0)
		return;
	if (rc)
		daxpool_invalidate(ctx); /* what was read may be partial */
	else
		ctx->pools_loaded = false;
}

static int check_names(struct daxpool_ctx *ctx, const char *const *names)
{
	const char *const *n;

	for (n = names; n && *n; n++)
		if (!daxpool_is_uuid(*n) && daxpool_name_check(*n, NULL))
			return dp_fail(ctx, EINVAL, "invalid pool name '%s'",
					*n);
	return 0;
}

static int run(struct daxpool_ctx *ctx, const char *const *names,
		unsigned int flags, struct daxpool_report **report)
{
	struct dp_check_host h = { .pools = NULL };
	struct dp_check_plan plan = { .f = NULL };
	struct daxpool_report *r;
	int rc;

	*report = NULL;
	dp_clear_error(ctx);
	rc = check_names(ctx, names);
	if (rc)
		return rc;
	if ((flags & REPAIR) && geteuid() != 0)
		return dp_fail(ctx, EPERM, "repairing pools needs root");
	r = dp_report_new(ctx);
	if (!r)
		return dp_fail(ctx, ENOMEM, "out of memory");
	h.view.names = names;
	h.view.repair = flags & DAXPOOL_CHECK_REPAIR;
	h.view.activate = flags & DAXPOOL_CHECK_ACTIVATE;
	rc = dp_admin_lock(ctx);
	if (!rc) {
		daxpool_invalidate(ctx);
		rc = settle(ctx, &h, &plan);
		if (flags & REPAIR)
			pools_after(ctx, rc, &h, &plan);
		dp_admin_unlock(ctx);
	}
	if (!rc && plan.unknown)
		rc = dp_fail(ctx, ENOENT,
				"no pool '%s' in the registry or on any media",
				plan.unknown);
	if (!rc)
		rc = dp_report_take(r, &plan);
	dp_check_plan_free(&plan);
	dp_check_host_free(&h);
	if (rc && rc != -EIO) {
		daxpool_report_free(r);
		return rc;
	}
	*report = r;
	return rc;
}

DAXPOOL_EXPORT int daxpool_check(struct daxpool_ctx *ctx,
		const char *const *names, unsigned int flags,
		struct daxpool_report **report)
{
	int rc;

	if (report)
		*report = NULL;
	if (!ctx || !report || (flags & ~DAXPOOL_CHECK_REPAIR))
		return ctx ? dp_fail(ctx, EINVAL, "invalid arguments") :
			     -EINVAL;
	rc = run(ctx, names && *names ? names : NULL, flags, report);
	/* the specs follow what the repairs made, and come back if lost */
	if (flags & DAXPOOL_CHECK_REPAIR)
		dp_cdi_sync_all(ctx);
	return rc;
}

DAXPOOL_EXPORT int daxpool_activate(
		struct daxpool_ctx *ctx, struct daxpool_report **report)
{
	char said[sizeof(ctx->warning)] = "";
	struct daxpool_pool *pool;
	bool locked;
	int rc;

	if (report)
		*report = NULL;
	if (!ctx || !report)
		return ctx ? dp_fail(ctx, EINVAL, "invalid arguments") :
			     -EINVAL;
	/*
	 * The regions first, in the same hold of the lock as the pools; what
	 * regions_up warns of is kept aside, since every step clears warnings.
	 * The lock is held to the end, so that the pools as the run left
	 * them are still the host's when the specs are written from them.
	 */
	locked = geteuid() == 0 && dp_admin_lock(ctx) == 0;
	if (locked) {
		dp_clear_error(ctx);
		regions_up(ctx);
		snprintf(said, sizeof(said), "%s", ctx->warning);
	}
	rc = run(ctx, NULL, DAXPOOL_CHECK_ACTIVATE, report);
	if (!rc || rc == -EIO) {
		bool on_cxl = false;

		/* owners, modes and links: udev, for every pool that lacks them */
		daxpool_pool_foreach (ctx, pool) {
			on_cxl |= pool->rec.cxl[0] && pool->cxl_region[0];
			if (pool->chardev[0] &&
					pool->rec.intent == DP_INTENT_NONE &&
					!dp_ownership_ok(pool) &&
					dp_apply_ownership(ctx, pool) < 0)
				dp_clear_error(ctx);
		}
		cxl_recipes_settle(ctx, on_cxl);
	}
	/* a boot starts with an empty /run: every offered pool's spec, with
	 * udev's notes of the devices made above */
	if (locked && (!rc || rc == -EIO))
		dp_cdi_sync_held(ctx);
	else
		dp_cdi_sync_all(ctx);
	/* the change counter is there from boot on, for open by name */
	if (locked) {
		dp_generation_touch(ctx);
		dp_admin_unlock(ctx);
	}
	if (said[0])
		dp_warn(ctx, "%s", said);
	return rc;
}
