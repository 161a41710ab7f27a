/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The report of check and activate (check-report.c): its findings, and the
 * problems and actions they name. daxpool-check(1) lists every problem.
 */
#ifndef _DAXPOOL_CHECK_H_
#define _DAXPOOL_CHECK_H_
#include "core/private.h"

/* what a finding is about, as daxpool-check(1) lists them */
enum dp_problem {
	DP_PROBLEM_CREATE_CUT,
	DP_PROBLEM_DESTROY_CUT,
	DP_PROBLEM_MISSING,
	DP_PROBLEM_UNREGISTERED,
	DP_PROBLEM_STALE,
	DP_PROBLEM_MEDIA_MISSING,
	DP_PROBLEM_MEDIA_DAMAGED,
	DP_PROBLEM_MEDIA_BLANK,
	DP_PROBLEM_MEDIA_UNUSED,
	DP_PROBLEM_MEDIA_FOREIGN,
	DP_PROBLEM_MEDIA_UNREADABLE,
	DP_PROBLEM_MEDIA_MISMATCH,
	DP_PROBLEM_DISABLED,
	DP_PROBLEM_INACTIVE,
	DP_PROBLEM_LABEL,
	DP_PROBLEM_CONFLICT,
	DP_PROBLEM_OWNER_UNKNOWN,
	DP_PROBLEM_COUNT
};

/* what a repair does about it, in one word */
enum dp_action {
	DP_ACTION_NONE, /* daxpool leaves it alone */
	DP_ACTION_ROLL_BACK,
	DP_ACTION_FINISH_DESTROY,
	DP_ACTION_DROP_RECORD,
	DP_ACTION_REGISTER,
	DP_ACTION_UPDATE_REGISTRY,
	DP_ACTION_WRITE_MEDIA,
	DP_ACTION_REWRITE_SLOT,
	DP_ACTION_REWRITE_MEDIA,
	DP_ACTION_REMOVE_MEDIA,
	DP_ACTION_ENABLE,
	DP_ACTION_RECREATE,
	DP_ACTION_RELABEL,
	DP_ACTION_HOLD,
	DP_ACTION_COUNT
};

/* "media-damaged": the word the report and the JSON give */
const char *dp_problem_name(enum dp_problem problem);
/* "rewrite-slot"; NULL for DP_ACTION_NONE */
const char *dp_action_name(enum dp_action action);
/* what the repair does, in words; NULL for none */
const char *dp_repair_text(enum dp_problem problem, enum dp_action action);

struct daxpool_finding {
	struct daxpool_finding *next;
	char pool[DAXPOOL_NAME_MAX + 1]; /* "" for none */
	char uuid[37];
	char region[64];
	enum dp_problem problem;
	enum dp_action action;
	const char *repair; /* dp_repair_text's, or NULL: nothing daxpool may do */
	char detail[512];
	bool repaired;
	char failed[512]; /* why the repair failed */
};

struct daxpool_report {
	struct daxpool_ctx *ctx;
	struct daxpool_finding *f; /* an array, each linked to the next */
	size_t n;
};

struct dp_check_plan;
/* a report with no findings yet, holding a reference on CTX; NULL: ENOMEM */
struct daxpool_report *dp_report_new(struct daxpool_ctx *ctx);
/*
 * The plan's findings move into REPORT, each marked with its repair's
 * outcome; -EIO if a repair failed, else 0
 */
int dp_report_take(struct daxpool_report *report, struct dp_check_plan *plan);
#endif
