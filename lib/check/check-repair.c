// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check's executor: applies the steps check-plan.c planned, in their
 * order, and records what each did for the planner and the report. Every
 * repair check and activate make is called from here, and from nowhere
 * else in check.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "backend/backend.h"
#include "cdi/cdi.h"
#include "check/check-plan.h"
#include "change/journal.h"
#include "guard/quiesce.h"
#include "store/registry.h"

/* the backend that keeps the copy C: C was read through it */
static const struct dp_backend *keeper(const struct dp_check_copy *c)
{
	return dp_backend_get(c->kind);
}

/*
 * The registry's records as they are now: those the view read, until a
 * step may have written the registry; then read again, once until the
 * next such step (an enable writes none: a boot that re-creates every ram
 * pool reads the registry once, not once a pool)
 */
static struct dp_recorded registry_now(
		struct daxpool_ctx *ctx, struct dp_check_host *h)
{
	struct dp_recorded r = { h->view.recs, h->view.nrecs };

	if (!h->written)
		return r;
	if (!h->now_read) {
		free(h->now);
		h->now = NULL;
		h->nnow = 0;
		/* as the backend always went on with what could be read */
		h->now_read = dp_registry_load(ctx, &h->now, &h->nnow) == 0;
	}
	r.recs = h->now;
	r.n = h->nnow;
	return r;
}

/* POOL's device up again; a backend that asks gets the registry's records
 * as they are now */
static int enable(struct daxpool_ctx *ctx, struct dp_check_host *h,
		struct daxpool_pool *pool)
{
	struct dp_recorded others = { NULL, 0 };

	if (pool->ops->needs_records)
		others = registry_now(ctx, h);
	return pool->ops->enable(ctx, pool, &others);
}

static int relabel_op(
		struct daxpool_ctx *ctx, struct daxpool_pool *pool, void *arg)
{
	(void)arg;
	return pool->ops->relabel(ctx, pool);
}

/* POOL's label rewritten to its name once it is proved idle (quiesce.c) */
static int relabel_when_idle(struct daxpool_ctx *ctx, struct daxpool_pool *pool)
{
	struct dp_holders h = { .n = 0 };
	int rc = dp_quiesce_run(ctx, pool, relabel_op, NULL, false, &h, NULL);

	dp_holders_free(&h);
	return rc;
}

/*
 * Every copy of the record gone, and (release) the device first, under
 * destroy's proof: the journal finishes or rolls back the change
 */
static int remove_pool(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		const struct dp_check_step *s)
{
	struct daxpool_pool none = { .ctx = ctx };

	if (!pool)
		pool = &none; /* no device was looked at: records only */
	pool->rec = s->rec;
	return dp_journal_drop(ctx, pool,
			s->in_media ? dp_backend_get(s->copy_kind) : NULL,
			s->in_media ? s->region : NULL, s->in_etc, s->release);
}

static int apply(struct daxpool_ctx *ctx, struct dp_check_host *h,
		const struct dp_check_step *s)
{
	const struct dp_check_view *v = &h->view;
	struct daxpool_pool *pool = s->dev >= 0 ? &h->pools[s->dev] : NULL;
	const struct dp_check_copy *c;

	switch (s->kind) {
	case DP_STEP_REWRITE_SLOT:
		c = &v->copies[s->copy];
		return keeper(c)->copy_rewrite(ctx, &c->m,
				dp_media_current_slot(&c->m)->recs,
				dp_media_current_slot(&c->m)->nrecs, false);
	case DP_STEP_REMOVE: {
		/* no container is given a pool on its way out */
		int rc = dp_cdi_withdraw(ctx, s->rec.uuid);

		return rc ? dp_fail(ctx, -rc,
					    "its CDI spec cannot be withdrawn: %s",
					    strerror(-rc)) :
			    remove_pool(ctx, pool, s);
	}
	case DP_STEP_REGISTRY_WRITE:
		/* a record mended may name it otherwise, or lose a conflict:
		 * sync_all offers it again as it ends up */
		dp_cdi_withdraw(ctx, s->rec.uuid);
		return dp_registry_write(ctx, &s->rec);
	case DP_STEP_MEDIA_PUT:
		return dp_backend_get(s->copy_kind)
				->copy_put(ctx, s->region, &s->rec);
	case DP_STEP_ENABLE:
		return enable(ctx, h, pool);
	case DP_STEP_RELABEL:
		/* nor one whose device may be made again; sync_all puts it back */
		dp_cdi_withdraw(ctx, pool->rec.uuid);
		return relabel_when_idle(ctx, pool);
	case DP_STEP_REMOVE_COPY:
		c = &v->copies_after[s->copy];
		return keeper(c)->copy_delete(ctx, &c->m);
	case DP_STEP_REBUILD_COPY:
		c = &v->copies_after[s->copy];
		return keeper(c)->copy_rewrite(
				ctx, &c->m, s->recs, s->nrecs, true);
	}
	return -EINVAL;
}

/* a step as the journal runs it: its writes are the journal's */
struct applying {
	struct daxpool_ctx *ctx;
	struct dp_check_host *h;
	const struct dp_check_step *s;
};

static int apply_one(void *arg)
{
	struct applying *a = arg;

	/* every step but an enable may write the registry */
	if (a->s->kind != DP_STEP_ENABLE) {
		a->h->written = true;
		a->h->now_read = false;
	}
	return apply(a->ctx, a->h, a->s);
}

/*
 * The outcome of step K. A failed repair says why: the context's error,
 * which is then cleared for the next one. A step that repairs no finding
 * leaves the error as it is.
 */
static void record(struct daxpool_ctx *ctx, struct dp_check_plan *p, size_t k,
		int rc)
{
	struct dp_check_result *r = &p->result[k];

	r->rc = rc;
	r->why[0] = '\0';
	if (!rc || p->step[k].finding < 0)
		return;
	snprintf(r->why, sizeof(r->why), "%s",
			ctx->error[0] ? ctx->error : strerror(-rc));
	dp_clear_error(ctx);
}

int dp_check_repair(struct daxpool_ctx *ctx, struct dp_check_host *h,
		struct dp_check_plan *p)
{
	struct dp_check_result *more;

	if (p->nstep > p->capresult) {
		more = realloc(p->result, p->nstep * sizeof(*more));
		if (!more)
			return -ENOMEM;
		p->result = more;
		p->capresult = p->nstep;
	}
	for (; p->nresult < p->nstep; p->nresult++) {
		struct applying a = { ctx, h, &p->step[p->nresult] };

		record(ctx, p, p->nresult,
				dp_journal_repair(ctx, apply_one, &a));
	}
	return 0;
}
