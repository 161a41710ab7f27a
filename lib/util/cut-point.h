/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_CUT_POINT_H_
#define _DAXPOOL_CUT_POINT_H_
/*
 * The moments a power cut is tested at: every one there is, named once
 * (cut-point.c). The journal passes a point after each durable step of a
 * change; the media copy and a backend pass the few that fall inside one
 * (a copy's namespace made, a label written before its info block). No
 * other name can be cut at, and the power-cut test (cuts/10-every-step.sh)
 * takes its list from here (test/vm/progs/cut-points.c), so a new point
 * is a new phase of it, whose outcome the test must be told.
 */
#include "core/private.h"

/* in the order of the power-cut test's phases: the order a create, chown,
 * chmod, rename and destroy pass them; an emptied media copy last */
enum dp_point {
	DP_CUT_CREATE_INTENT_ETC,
	DP_CUT_MEDIA_NAMESPACE,
	DP_CUT_MEDIA_FIRST_SLOT,
	DP_CUT_CREATE_INTENT_MEDIA,
	DP_CUT_CREATE_NAMESPACE_LABELED,
	DP_CUT_CREATE_PROVISIONED,
	DP_CUT_CREATE_ZEROING,
	DP_CUT_CREATE_COMMIT_MEDIA,
	DP_CUT_CREATE_COMMIT_ETC,
	DP_CUT_CHOWN_MEDIA,
	DP_CUT_CHOWN_ETC,
	DP_CUT_CHMOD_MEDIA,
	DP_CUT_CHMOD_ETC,
	DP_CUT_RENAME_MEDIA,
	DP_CUT_RENAME_ETC,
	DP_CUT_RENAME_LABEL,
	DP_CUT_DESTROY_INTENT_ETC,
	DP_CUT_DESTROY_INTENT_MEDIA,
	DP_CUT_DESTROY_RELEASED,
	DP_CUT_DESTROY_MEDIA_DROPPED,
	DP_CUT_MEDIA_EMPTIED,
	DP_POINT_COUNT,
	/* a step with no cut after it: what a cut there would leave is the
	 * finished change (a destroy's last record gone) */
	DP_POINT_NONE = DP_POINT_COUNT,
};

/*
 * "VERB:STEP", the name the tests and DAXPOOL_CUT_AT use.
 *
 * Returns: the point's name; NULL for DP_POINT_NONE or a value out of range.
 */
const char *dp_point_name(enum dp_point point);

/* a moment the power-cut tests may stop at (cut-point.c says how);
 * DP_POINT_NONE passes nothing */
void dp_cut(enum dp_point point);

/* only traced, never cut: where a timed step starts (VERB:start), or a
 * phase that only the benchmark times (time:...) */
void dp_trace_point(const char *point);

/*
 * Every durable write (a registry record, a media copy's slot or
 * namespace) says so first: one the journal is not making is traced as
 * "unjournaled:WHAT", which the power-cut test fails on.
 */
void dp_durable_write(struct daxpool_ctx *ctx, const char *what);

/* host unit tests: called with every point passed or traced, in order
 * (the trace file is root's, in a -Dcut_points=true build only) */
extern void (*dp_point_observer)(const char *point);

#endif
