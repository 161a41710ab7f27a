// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The change journal (journal.h): the ordering rule of a durable change,
 * written once. The verbs (create.c, change.c) say which change and which
 * steps; the order of the writes, the cut point after each, and what an
 * abort undoes are decided here and nowhere else.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "backend/backend.h"
#include "change/journal.h"
#include "guard/quiesce.h"
#include "store/registry.h"

/* each change: its intent and the points of its record's writes */
static const struct change {
	const char *verb; /* VERB:start, traced before a rewrite */
	enum dp_intent intent; /* NONE: a committed record rewritten */
	enum dp_point etc, media; /* the intent, or the new record */
	enum dp_point commit_media, commit_etc;
} changes[] = {
	[DP_CHANGE_CREATE] = { "create", DP_INTENT_CREATE,
			DP_CUT_CREATE_INTENT_ETC, DP_CUT_CREATE_INTENT_MEDIA,
			DP_CUT_CREATE_COMMIT_MEDIA, DP_CUT_CREATE_COMMIT_ETC },
	/* nothing is left to cut after a destroy's last record is gone */
	[DP_CHANGE_DESTROY] = { "destroy", DP_INTENT_DESTROY,
			DP_CUT_DESTROY_INTENT_ETC, DP_CUT_DESTROY_INTENT_MEDIA,
			DP_CUT_DESTROY_MEDIA_DROPPED, DP_POINT_NONE },
	[DP_CHANGE_CHOWN] = { "chown", DP_INTENT_NONE, DP_CUT_CHOWN_ETC,
			DP_CUT_CHOWN_MEDIA, DP_POINT_NONE, DP_POINT_NONE },
	[DP_CHANGE_CHMOD] = { "chmod", DP_INTENT_NONE, DP_CUT_CHMOD_ETC,
			DP_CUT_CHMOD_MEDIA, DP_POINT_NONE, DP_POINT_NONE },
	[DP_CHANGE_RENAME] = { "rename", DP_INTENT_NONE, DP_CUT_RENAME_ETC,
			DP_CUT_RENAME_MEDIA, DP_POINT_NONE, DP_POINT_NONE },
	/* a cut in a repair is one more change cut short, settled alike */
	[DP_CHANGE_SETTLE] = { "settle", DP_INTENT_NONE, DP_POINT_NONE,
			DP_POINT_NONE, DP_POINT_NONE, DP_POINT_NONE },
};

/* the journal's own writes: the registry and the media copy know them */
static const struct dp_journal *enter(struct dp_journal *j)
{
	const struct dp_journal *outer = j->ctx->journal;

	j->ctx->journal = j;
	return outer;
}

static void leave(struct dp_journal *j, const struct dp_journal *outer)
{
	j->ctx->journal = outer;
}

/* the kind's own copy of the record (pmem: the media copy), if it keeps one */
static int put_media(struct dp_journal *j)
{
	const struct dp_backend *be = j->pool->ops;

	return be && be->keeps_copy ? be->store(j->ctx, j->pool) : 0;
}

static int drop_media(struct dp_journal *j)
{
	const struct dp_backend *be = j->pool->ops;

	return be && be->keeps_copy ? be->forget(j->ctx, j->pool) : 0;
}

/*
 * A create's intent in the registry, where udev and every look at the
 * pools see it (the new device root-only until the commit). It must be
 * seen, not kept: on a kind that keeps its own copy, the copy's intent,
 * synced next and before the kernel is touched, is what a cut from there
 * on is settled by (dp_journal_settle_plan reads the truth first; a
 * registry that lacks the record then only has it put back or dropped);
 * and before that copy is written nothing was made to undo. So the
 * registry's rename is not made durable (its file is: whole or absent).
 * A destroy's intent stays synced: a pool whose region is absent has it
 * in the registry only.
 */
static int etc_intent(struct dp_journal *j)
{
	const struct dp_backend *be = j->pool->ops;

	if (j->change == DP_CHANGE_CREATE && be && be->keeps_copy)
		return dp_registry_write_unsynced(j->ctx, &j->pool->rec);
	return dp_registry_write(j->ctx, &j->pool->rec);
}

void dp_journal_init(struct dp_journal *j, struct daxpool_pool *pool,
		enum dp_change change)
{
	memset(j, 0, sizeof(*j));
	j->ctx = pool->ctx;
	j->pool = pool;
	j->change = change;
	j->old = pool->rec;
	j->step = DP_POINT_NONE;
}

int dp_journal_begin(struct dp_journal *j)
{
	const struct change *c = &changes[j->change];
	const struct dp_journal *outer;
	int rc;

	if (c->intent == DP_INTENT_NONE)
		return -EINVAL;
	outer = enter(j);
	j->pool->rec.intent = c->intent;
	rc = etc_intent(j);
	if (!rc) {
		j->etc_done = true;
		dp_cut(c->etc);
		rc = put_media(j);
	}
	if (!rc) {
		j->media_done = true;
		dp_cut(c->media);
	}
	leave(j, outer);
	return rc;
}

int dp_journal_step(struct dp_journal *j, enum dp_point point, dp_step_fn fn,
		void *arg)
{
	const struct dp_journal *outer = enter(j);
	struct daxpool_record before;
	int rc;

	/* bytes, padding too: any field the step sets is a change */
	memcpy(&before, &j->pool->rec, sizeof(before));
	j->step = point;
	j->passed = false;
	rc = fn(j, arg);
	if (!rc) {
		j->kernel_done = true;
		if (memcmp(&before, &j->pool->rec, sizeof(before)) != 0)
			rc = dp_registry_write(j->ctx, &j->pool->rec);
	}
	if (!rc && !j->passed)
		dp_cut(point);
	j->step = DP_POINT_NONE;
	leave(j, outer);
	return rc;
}

void dp_journal_halfway(struct dp_journal *j)
{
	if (j->passed)
		return;
	j->passed = true;
	dp_cut(j->step);
}

int dp_journal_commit(struct dp_journal *j)
{
	const struct change *c = &changes[j->change];
	bool destroy = c->intent == DP_INTENT_DESTROY;
	const struct dp_journal *outer = enter(j);
	int rc;

	if (destroy) {
		rc = drop_media(j);
	} else {
		/* udev hands the device to its owner from here on */
		j->pool->rec.intent = DP_INTENT_NONE;
		rc = put_media(j);
	}
	if (!rc) {
		dp_cut(c->commit_media);
		rc = destroy ? dp_registry_remove(j->ctx, j->pool->rec.uuid) :
			       dp_registry_write(j->ctx, &j->pool->rec);
	}
	if (!rc)
		dp_cut(c->commit_etc);
	leave(j, outer);
	return rc;
}

int dp_journal_write(struct dp_journal *j)
{
	const struct change *c = &changes[j->change];
	const struct dp_journal *outer;
	char point[64];
	int rc;

	if (c->intent != DP_INTENT_NONE)
		return -EINVAL;
	snprintf(point, sizeof(point), "%s:start", c->verb);
	dp_trace_point(point);
	outer = enter(j);
	rc = put_media(j);
	if (!rc) {
		j->media_done = true;
		dp_cut(c->media);
		rc = dp_registry_write(j->ctx, &j->pool->rec);
	}
	if (!rc) {
		j->etc_done = true;
		dp_cut(c->etc);
	}
	leave(j, outer);
	if (rc)
		dp_journal_abort(j);
	return rc;
}

/* a create undone: device, media copy, registry; what was made only */
static int roll_back(struct dp_journal *j)
{
	struct daxpool_pool *pool = j->pool;
	int rc;

	if (j->kernel_done) {
		rc = pool->ops->release(j->ctx, pool);
		if (rc < 0) {
			/*
			 * The namespace stays: so must the record of intent,
			 * the only thing that says whose it is and that it was
			 * never committed.
			 */
			if (pool->rec.intent == DP_INTENT_NONE) {
				pool->rec.intent = DP_INTENT_CREATE;
				put_media(j);
				dp_registry_write(j->ctx, &pool->rec);
			}
			return rc;
		}
	}
	if (j->media_done)
		drop_media(j);
	if (j->etc_done)
		dp_registry_remove(j->ctx, pool->rec.uuid);
	return 0;
}

int dp_journal_abort(struct dp_journal *j)
{
	const struct change *c = &changes[j->change];
	const struct dp_journal *outer = enter(j);
	int rc = 0;

	switch (c->intent) {
	case DP_INTENT_CREATE:
		rc = roll_back(j);
		break;
	case DP_INTENT_DESTROY:
		/*
		 * The kernel changed nothing: the intent leaves both copies,
		 * whichever it reached (a write that failed may have)
		 */
		if (!j->kernel_done) {
			j->pool->rec.intent = DP_INTENT_NONE;
			put_media(j);
			dp_registry_write(j->ctx, &j->pool->rec);
		}
		break;
	case DP_INTENT_NONE:
		/* the registry refused (a read-only /etc): so does the change */
		if (j->media_done && !j->etc_done) {
			j->pool->rec = j->old;
			put_media(j);
		}
		break;
	}
	leave(j, outer);
	return rc;
}

enum dp_settle dp_journal_settle_plan(const struct daxpool_record *etc,
		const struct daxpool_record *media)
{
	const struct daxpool_record *truth = media ? media : etc;

	if (!truth)
		return DP_SETTLE_NONE;
	switch (truth->intent) {
	case DP_INTENT_CREATE:
		return DP_SETTLE_ROLL_BACK;
	case DP_INTENT_DESTROY:
		return DP_SETTLE_FINISH;
	case DP_INTENT_NONE:
		break;
	}
	return etc && etc->intent != DP_INTENT_NONE ? DP_SETTLE_DROP_INTENT :
						      DP_SETTLE_NONE;
}

int dp_journal_repair(struct daxpool_ctx *ctx, int (*fn)(void *arg), void *arg)
{
	struct daxpool_pool none = { .ctx = ctx };
	const struct dp_journal *outer;
	struct dp_journal j;
	int rc;

	dp_journal_init(&j, &none, DP_CHANGE_SETTLE);
	outer = enter(&j);
	rc = fn(arg);
	leave(&j, outer);
	return rc;
}

static int release_op(
		struct daxpool_ctx *ctx, struct daxpool_pool *pool, void *arg)
{
	(void)arg;
	return pool->ops->release(ctx, pool);
}

int dp_journal_drop(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		const struct dp_backend *keeper, const char *media_region,
		bool in_etc, bool release)
{
	const struct dp_backend *be = pool->ops;
	const struct dp_journal *outer;
	struct dp_journal j;
	int rc = 0;

	dp_journal_init(&j, pool, DP_CHANGE_SETTLE);
	j.ctx = ctx;
	outer = enter(&j);
	if (release && be) {
		struct dp_holders h = { .n = 0 };

		rc = dp_quiesce_run(
				ctx, pool, release_op, NULL, true, &h, NULL);
		dp_holders_free(&h);
	}
	if (!rc && media_region)
		rc = keeper && keeper->keeps_copy ?
				keeper->copy_drop(ctx, media_region,
						pool->rec.uuid) :
				dp_fail(ctx, ENOTSUP,
						"no backend keeps the copy on %s",
						media_region);
	if (!rc && in_etc)
		rc = dp_registry_remove(ctx, pool->rec.uuid);
	leave(&j, outer);
	return rc;
}
