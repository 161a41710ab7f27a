// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The report of check and activate: its findings and their getters, and
 * the one table of the words a finding's problem, action and repair are
 * given in (daxpool-check(1) lists them).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check/check-plan.h"

static const char *const problems[DP_PROBLEM_COUNT] = {
	[DP_PROBLEM_CREATE_CUT] = "create-cut",
	[DP_PROBLEM_DESTROY_CUT] = "destroy-cut",
	[DP_PROBLEM_MISSING] = "missing",
	[DP_PROBLEM_UNREGISTERED] = "unregistered",
	[DP_PROBLEM_STALE] = "stale",
	[DP_PROBLEM_MEDIA_MISSING] = "media-missing",
	[DP_PROBLEM_MEDIA_DAMAGED] = "media-damaged",
	[DP_PROBLEM_MEDIA_BLANK] = "media-blank",
	[DP_PROBLEM_MEDIA_UNUSED] = "media-unused",
	[DP_PROBLEM_MEDIA_FOREIGN] = "media-foreign",
	[DP_PROBLEM_MEDIA_UNREADABLE] = "media-unreadable",
	[DP_PROBLEM_MEDIA_MISMATCH] = "media-mismatch",
	[DP_PROBLEM_DISABLED] = "disabled",
	[DP_PROBLEM_INACTIVE] = "inactive",
	[DP_PROBLEM_LABEL] = "label",
	[DP_PROBLEM_CONFLICT] = "conflict",
	[DP_PROBLEM_OWNER_UNKNOWN] = "owner-unknown",
};

static const struct {
	const char *name, *repair;
} actions[DP_ACTION_COUNT] = {
	[DP_ACTION_ROLL_BACK] = { "roll-back",
			"roll the create back (its memory may not be zeroed)" },
	[DP_ACTION_FINISH_DESTROY] = { "finish-destroy", "finish the destroy" },
	[DP_ACTION_DROP_RECORD] = { "drop-record",
			"drop its records (its memory is gone)" },
	[DP_ACTION_REGISTER] = { "register",
			"write its registry record from the media copy" },
	[DP_ACTION_UPDATE_REGISTRY] = { "update-registry",
			"rewrite the registry record from the media copy" },
	[DP_ACTION_WRITE_MEDIA] = { "write-media",
			"write its record into the media copy of its region" },
	[DP_ACTION_REWRITE_SLOT] = { "rewrite-slot",
			"rewrite it from the good slot" },
	[DP_ACTION_REWRITE_MEDIA] = { "rewrite-media",
			"rewrite it from the registry" },
	[DP_ACTION_REMOVE_MEDIA] = { "remove-media",
			"remove the empty media copy" },
	[DP_ACTION_ENABLE] = { "enable", "enable its device" },
	[DP_ACTION_RECREATE] = { "recreate",
			"re-create its device on its recorded ranges" },
	[DP_ACTION_RELABEL] = { "relabel",
			"write the name into the namespace label while the pool is idle" },
	[DP_ACTION_HOLD] = { "hold",
			"keep it root-only and without a link until it is renamed by uuid" },
};

const char *dp_problem_name(enum dp_problem problem)
{
	return (unsigned int)problem < DP_PROBLEM_COUNT ? problems[problem] :
							  NULL;
}

const char *dp_action_name(enum dp_action action)
{
	return (unsigned int)action < DP_ACTION_COUNT ? actions[action].name :
							NULL;
}

const char *dp_repair_text(enum dp_problem problem, enum dp_action action)
{
	/* a copy never written has nothing to rewrite */
	if (problem == DP_PROBLEM_MEDIA_BLANK &&
			action == DP_ACTION_REWRITE_MEDIA)
		return "write it from the registry";
	return (unsigned int)action < DP_ACTION_COUNT ? actions[action].repair :
							NULL;
}

struct daxpool_report *dp_report_new(struct daxpool_ctx *ctx)
{
	struct daxpool_report *r = calloc(1, sizeof(*r));

	if (r)
		r->ctx = daxpool_ref(ctx);
	return r;
}

int dp_report_take(struct daxpool_report *r, struct dp_check_plan *p)
{
	bool failed = false;
	size_t i;

	for (i = 0; i < p->nresult; i++) {
		const struct dp_check_result *res = &p->result[i];
		int f = p->step[i].finding;

		if (f < 0)
			continue;
		if (res->rc == 0) {
			p->f[f].repaired = true;
			continue;
		}
		snprintf(p->f[f].failed, sizeof(p->f[f].failed), "%s",
				res->why);
		failed = true;
	}
	for (i = 0; i + 1 < p->nf; i++)
		p->f[i].next = &p->f[i + 1];
	r->f = p->f;
	r->n = p->nf;
	p->f = NULL;
	p->nf = p->capf = 0;
	return failed ? -EIO : 0;
}

/*
 * The report's exports (libdaxpool(3)). daxpool_report_free frees a report
 * and its findings (NULL is fine). Returns: the first finding, the next
 * one, or NULL at the end; a getter's string, or NULL where the finding has
 * none (no pool, no region, no repair, no failure); whether it was repaired.
 */
DAXPOOL_EXPORT void daxpool_report_free(struct daxpool_report *report)
{
	if (!report)
		return;
	free(report->f);
	daxpool_unref(report->ctx);
	free(report);
}

DAXPOOL_EXPORT struct daxpool_finding *daxpool_report_get_first(
		struct daxpool_report *r)
{
	return r && r->n ? &r->f[0] : NULL;
}

DAXPOOL_EXPORT struct daxpool_finding *daxpool_finding_get_next(
		struct daxpool_finding *f)
{
	return f ? f->next : NULL;
}

static const char *or_null(const char *s)
{
	return s[0] ? s : NULL;
}

DAXPOOL_EXPORT const char *daxpool_finding_get_pool(struct daxpool_finding *f)
{
	return or_null(f->pool);
}
DAXPOOL_EXPORT const char *daxpool_finding_get_uuid(struct daxpool_finding *f)
{
	return or_null(f->uuid);
}
DAXPOOL_EXPORT const char *daxpool_finding_get_region(struct daxpool_finding *f)
{
	return or_null(f->region);
}
DAXPOOL_EXPORT const char *daxpool_finding_get_problem(
		struct daxpool_finding *f)
{
	return dp_problem_name(f->problem);
}
DAXPOOL_EXPORT const char *daxpool_finding_get_detail(struct daxpool_finding *f)
{
	return f->detail;
}
DAXPOOL_EXPORT const char *daxpool_finding_get_repair(struct daxpool_finding *f)
{
	return f->repair;
}
DAXPOOL_EXPORT const char *daxpool_finding_get_action(struct daxpool_finding *f)
{
	return dp_action_name(f->action);
}
DAXPOOL_EXPORT bool daxpool_finding_get_repaired(struct daxpool_finding *f)
{
	return f->repaired;
}
DAXPOOL_EXPORT const char *daxpool_finding_get_failure(
		struct daxpool_finding *f)
{
	return or_null(f->failed);
}
