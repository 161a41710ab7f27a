/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_JOURNAL_H_
#define _DAXPOOL_JOURNAL_H_
/*
 * The change journal: the one place that orders a durable change, so that
 * a power cut at any moment leaves something activate can finish or undo
 * (Documentation/design.md, "The ordering rule of a change").
 *
 * A change with an intent (create, destroy):
 *   dp_journal_begin   the record with its intent to the registry (cut
 *                      VERB:intent-etc), then to the kind's own copy, the
 *                      media copy of pmem (cut VERB:intent-media)
 *   dp_journal_step    each step in the kernel or on the device, its cut
 *                      after it
 *   dp_journal_commit  the media copy (the truth) first, then the registry,
 *                      each with its cut
 *   dp_journal_abort   what was done, undone in reverse
 * A change to a committed record (chown, chmod, rename):
 *   dp_journal_write   the media copy (cut VERB:media), then the registry
 *                      (cut VERB:etc); refused, the media copy goes back
 *   dp_journal_step    (rename: the label)
 * A change cut short, settled by check: dp_journal_settle_plan decides from
 * the intent and the copies, dp_journal_drop finishes or rolls back.
 *
 * Every durable write of a change is made inside one of these, and each
 * is followed by its cut point (cut-point.h); the registry and the media
 * copy trace a write made anywhere else as unjournaled.
 */
#include <stdbool.h>
#include "util/cut-point.h"
#include "core/private.h"

enum dp_change {
	DP_CHANGE_CREATE,
	DP_CHANGE_DESTROY,
	DP_CHANGE_CHOWN,
	DP_CHANGE_CHMOD,
	DP_CHANGE_RENAME,
	DP_CHANGE_SETTLE, /* check's repair of a change cut short: no cuts */
};

struct dp_journal {
	struct daxpool_ctx *ctx;
	struct daxpool_pool *pool;
	enum dp_change change;
	struct daxpool_record old; /* the record when the change began */
	/* what of the change is durable: what an abort has to undo */
	bool etc_done, media_done, kernel_done;
	enum dp_point step; /* the step under way */
	bool passed; /* its point passed already, half-way through it */
};

/* a change of POOL (its ops, its ctx) about to start: nothing written yet */
void dp_journal_init(struct dp_journal *j, struct daxpool_pool *pool,
		enum dp_change change);

/*
 * The record of intent of a create or a destroy, the registry first,
 * then the kind's own copy (none for ram).
 *
 * Returns: 0, or -errno with the error set: then dp_journal_abort().
 */
int dp_journal_begin(struct dp_journal *j);

/* a step of a change: it may call dp_journal_halfway(J) */
typedef int (*dp_step_fn)(struct dp_journal *j, void *arg);

/*
 * A step in the kernel or on the device: FN(J, ARG) does it, and POINT
 * follows it, or falls half-way through it where FN says so (zeroing). A
 * step that gave the record something the kernel decided (a ram pool's
 * ranges) writes it to the registry before its point: the registry is
 * the only copy that says where such memory is.
 *
 * Returns: 0, or FN's -errno (the kernel left as it was, the backend's
 * contract), or the registry's: then dp_journal_abort().
 */
int dp_journal_step(struct dp_journal *j, enum dp_point point, dp_step_fn fn,
		void *arg);

/* inside a long step: the step's point is here, and not after it */
void dp_journal_halfway(struct dp_journal *j);

/*
 * The change done: a create's record without intent, a destroy's record
 * gone; the media copy first (the truth), then the registry.
 *
 * Returns: 0, or -errno with the error set (a create: then
 * dp_journal_abort(); a destroy cannot go back once its memory is gone).
 */
int dp_journal_commit(struct dp_journal *j);

/*
 * A committed record changed in POOL: the media copy first, then the
 * registry. A registry that refuses puts the old record back on the media.
 *
 * Returns: 0, or -errno with the error set, the change undone.
 */
int dp_journal_write(struct dp_journal *j);

/*
 * Undo what the change made durable, in reverse: a create's device
 * released and its records dropped; a destroy's intent taken back from
 * both copies (its memory still there); a rewrite's media copy back to
 * the old record.
 *
 * Returns: 0, or the -errno of a create's device that could not be
 * released: then it and its record of intent stay, for check to roll back
 * once nothing holds it, and the caller says so.
 */
int dp_journal_abort(struct dp_journal *j);

/* what settles a change cut short (check, activate) */
enum dp_settle {
	DP_SETTLE_NONE, /* no change was cut short */
	DP_SETTLE_ROLL_BACK, /* a create: its memory may not be zeroed */
	DP_SETTLE_FINISH, /* a destroy that reached the truth */
	DP_SETTLE_DROP_INTENT, /* an intent the truth never got: the
				* registry takes the truth's record */
};

/*
 * Decide from a pool's registry record ETC and its media record MEDIA
 * (NULL where the copy lacks it): the media copy is the truth where the
 * pool is on one, the registry otherwise; the truth's intent is replayed.
 *
 * Returns: what to do (pure).
 */
enum dp_settle dp_journal_settle_plan(const struct daxpool_record *etc,
		const struct daxpool_record *media);

/*
 * One repair of check's (a record re-registered, a media copy rewritten, a
 * device enabled or relabeled): FN(ARG) inside a settling change, so its
 * durable writes are the journal's. No cut points: a cut here is one more
 * change cut short, and the next check settles it alike.
 *
 * Returns: what FN returns.
 */
int dp_journal_repair(struct daxpool_ctx *ctx, int (*fn)(void *arg), void *arg);

/*
 * Finish a destroy or roll back a create cut short (or drop a pool whose
 * memory is gone): with RELEASE, POOL's device is released under the same
 * proof as destroy's (quiesce.c: the node may have been open long enough
 * for its owner to map or pin it); then its record leaves the copy that
 * KEEPER keeps on MEDIA_REGION (NULL: it is on none), then the registry
 * (IN_ETC).
 *
 * Returns: 0, or -errno with the error set, at the first step refused.
 */
int dp_journal_drop(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		const struct dp_backend *keeper, const char *media_region,
		bool in_etc, bool release);

#endif
