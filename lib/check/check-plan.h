/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * check's plan: the findings, in the order the report gives them, and the
 * steps that repair them, in the order they are applied. check-plan.c
 * makes it from a view alone; check-repair.c applies its steps.
 */
#ifndef _DAXPOOL_CHECK_PLAN_H_
#define _DAXPOOL_CHECK_PLAN_H_
#include "check/check.h"
#include "check/check-view.h"

enum dp_step_kind {
	DP_STEP_REWRITE_SLOT, /* copies[copy]: its bad slot from the good one */
	/* every copy of a pool's record gone (its device first, if release) */
	DP_STEP_REMOVE,
	DP_STEP_REGISTRY_WRITE, /* rec into the registry */
	DP_STEP_MEDIA_PUT, /* rec into the copy on region */
	DP_STEP_ENABLE, /* the device of devs[dev] (ram: re-created) */
	DP_STEP_RELABEL, /* rec.name into devs[dev]'s label, once it is idle */
	DP_STEP_REMOVE_COPY, /* copies_after[copy]'s namespace */
	/* copies_after[copy] written from recs, twice if one slot is bad */
	DP_STEP_REBUILD_COPY,
};

struct dp_check_step {
	enum dp_step_kind kind;
	int finding; /* whose repair it is; -1: nobody's, its outcome unsaid */
	int dev; /* index into view.devs; -1: none */
	size_t copy;
	bool release; /* REMOVE: the device too, under destroy's proof */
	bool in_media, in_etc; /* REMOVE: the copies of the record there are */
	char region[64]; /* REMOVE: the media copy's; MEDIA_PUT: where it goes */
	enum daxpool_type copy_kind; /* REMOVE, MEDIA_PUT: whose copy it is */
	struct daxpool_record rec;
	struct daxpool_record *recs; /* REBUILD_COPY: the plan's own */
	size_t nrecs;
};

/* what the executor says a step did */
struct dp_check_result {
	int rc; /* 0 or -errno */
	char why[512]; /* for a failed repair: the context's error */
};

/* why dp_check_plan returned */
enum dp_plan_wait {
	DP_PLAN_DONE,
	DP_PLAN_RESULTS, /* apply the steps and record their results */
	DP_PLAN_REREAD, /* apply the steps, then read copies_after */
};

/* one pool, as the registry and the media copies have it */
struct dp_check_pool {
	struct daxpool_record etc, media;
	bool in_etc, in_media;
	bool was_registered; /* in the registry, unheld, before this run */
	char media_region[64]; /* the region whose copy holds it */
	enum daxpool_type media_kind; /* the kind that keeps that copy */
	bool selected;
	int dev; /* its kernel view in view.devs; -1: not looked at */
};

struct dp_check_plan {
	struct daxpool_finding *f; /* the report's findings, in its order */
	size_t nf, capf;
	struct dp_check_step *step; /* in the order they are applied */
	size_t nstep, capstep;
	struct dp_check_result *result; /* the executor's, of step[0..nresult) */
	size_t nresult, capresult;
	enum dp_plan_wait wait;
	const char *unknown; /* a NAME no pool had: the check fails, ENOENT */
	/* the planner's own: where it goes on */
	int stage;
	size_t next;
	struct dp_check_pool *pools;
	size_t npools;
	bool resume; /* pools[next] was cut short for a step's outcome */
	struct dp_check_pool mark; /* pools[next] as it was before */
	size_t mark_f, mark_step;
	/* regions whose copy has no good slot: rebuilt whole, not per pool */
	char broken[16][64];
	size_t nbroken;
};

/*
 * Plan what VIEW calls for, from where PLAN (zeroed at first) stopped:
 * it stops when what comes next depends on the outcome of a step it
 * planned (plan->wait says what it needs), and is called again once the
 * executor has recorded it. Pure: no I/O, no context. 0 or -ENOMEM.
 */
int dp_check_plan(const struct dp_check_view *view, struct dp_check_plan *plan);
void dp_check_plan_free(struct dp_check_plan *plan);

/* the pools VIEW's registry and copies speak of: the registry's first */
int dp_check_pools(const struct dp_check_view *view,
		struct dp_check_pool **pools, size_t *n);
/* the record that speaks for POOL: the media's, where it has one */
const struct daxpool_record *dp_check_best(const struct dp_check_pool *pool);
/* POOL is one that VIEW's names ask about (all, without names) */
bool dp_check_selected(const struct dp_check_view *view,
		const struct dp_check_pool *pool);
/*
 * A copy speaks only for its own region's pools: POOL's media record is
 * not believed when DEV, its device, lives on another region
 */
bool dp_check_claim_foreign(const struct dp_check_pool *pool,
		const struct dp_check_device *dev);

/*
 * check-repair.c: apply the steps PLAN has not applied yet, in order, and
 * record their outcomes in it: 0, or -ENOMEM before any is applied
 */
int dp_check_repair(struct daxpool_ctx *ctx, struct dp_check_host *h,
		struct dp_check_plan *plan);
#endif
