// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check's planner: from what was read (check-view.h) to the findings, in
 * the order of the report, each with the step that repairs it. For pmem
 * pools the media copy is the truth; the registry follows it. A change cut
 * short is finished (destroy) or rolled back (create: the device may not
 * be zeroed). Nothing that is not daxpool's is ever touched: a namespace
 * is only released when a record of intent carries its uuid.
 *
 * Pure: no I/O, no context, no libndctl (test/unit/test-check-plan.c).
 * Where what comes next depends on a repair's outcome (a pool removed, a
 * record rewritten), the planner stops; the executor applies the steps so
 * far, records their outcomes, and the planner goes on, planning the pool
 * it stopped at again from its start, now knowing them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check/check-plan.h"
#include "change/journal.h"
#include "store/registry.h"

/* the stages, in the order they come */
enum { AT_REGIONS, AT_POOLS, AT_CONFLICTS, AT_COPIES, AT_NAMES, AT_DONE };

/* what a part of a pool's planning says: besides 0 (go on) and -errno */
#define NEXT_POOL 1 /* nothing more to look at for this pool */
#define WAITS 2 /* stopped for the outcome of a step */

static bool repairing(const struct dp_check_view *v)
{
	return v->repair || v->activate;
}

const struct daxpool_record *dp_check_best(const struct dp_check_pool *e)
{
	return e->in_media ? &e->media : &e->etc;
}

static const struct dp_check_device *device(
		const struct dp_check_view *v, const struct dp_check_pool *e)
{
	static const struct dp_check_device none = {
		.state = DAXPOOL_STATE_UNSUPPORTED,
	};

	return e->dev >= 0 ? &v->devs[e->dev] : &none;
}

/* the index of the kernel view read for E's uuid (FROM_REGISTRY: with the
 * registry's record), or -1 */
static int device_of(const struct dp_check_view *v,
		const struct dp_check_pool *e, bool from_registry)
{
	const char *uuid = dp_check_best(e)->uuid;
	size_t i;

	for (i = 0; i < v->ndevs; i++)
		if (v->devs[i].from_registry == from_registry &&
				strcmp(v->devs[i].uuid, uuid) == 0)
			return (int)i;
	return -1;
}

static bool account_exists(
		const struct dp_check_view *v, const char *name, bool group)
{
	size_t i;

	for (i = 0; i < v->naccounts; i++)
		if (v->accounts[i].group == group &&
				strcmp(v->accounts[i].name, name) == 0)
			return v->accounts[i].exists;
	return false;
}

static bool is_broken(const struct dp_check_plan *p, const char *region)
{
	size_t i;

	for (i = 0; i < p->nbroken; i++)
		if (strcmp(p->broken[i], region) == 0)
			return true;
	return false;
}

static bool copy_foreign(const struct dp_media *m)
{
	return m->slot[0].state == DP_SLOT_FOREIGN ||
			m->slot[1].state == DP_SLOT_FOREIGN;
}

static bool copy_blank(const struct dp_media *m)
{
	return m->current < 0 && m->slot[0].state == DP_SLOT_BLANK &&
			m->slot[1].state == DP_SLOT_BLANK;
}

/* ------------------------------------------------------ findings, steps */

static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
	size_t want = *cap ? *cap * 2 : 16;
	void *more;

	if (n < *cap)
		return 0;
	more = realloc(*arr, want * size);
	if (!more)
		return -ENOMEM;
	*arr = more;
	*cap = want;
	return 0;
}

static int add(const struct dp_check_view *v, struct dp_check_plan *p,
		const struct dp_check_pool *e, const char *region,
		enum dp_problem problem, enum dp_action action, const char *fmt,
		...) __attribute__((format(printf, 7, 8)));

/* a finding about pool E (or, E NULL, about REGION's copy): its index */
static int add(const struct dp_check_view *v, struct dp_check_plan *p,
		const struct dp_check_pool *e, const char *region,
		enum dp_problem problem, enum dp_action action, const char *fmt,
		...)
{
	struct daxpool_finding *f;
	va_list ap;

	if (grow((void **)&p->f, &p->capf, p->nf, sizeof(*p->f)))
		return -ENOMEM;
	f = &p->f[p->nf];
	memset(f, 0, sizeof(*f));
	if (e) {
		const struct daxpool_record *r = dp_check_best(e);
		const struct dp_check_device *d = device(v, e);

		snprintf(f->pool, sizeof(f->pool), "%s", r->name);
		snprintf(f->uuid, sizeof(f->uuid), "%s", r->uuid);
		snprintf(f->region, sizeof(f->region), "%s",
				d->region[0] ? d->region : r->region);
	}
	if (region)
		snprintf(f->region, sizeof(f->region), "%s", region);
	f->problem = problem;
	f->action = action;
	f->repair = dp_repair_text(problem, action);
	va_start(ap, fmt);
	vsnprintf(f->detail, sizeof(f->detail), fmt, ap);
	va_end(ap);
	return (int)p->nf++;
}

/* a step that repairs finding F (-1: none), or NULL */
static struct dp_check_step *step(
		struct dp_check_plan *p, enum dp_step_kind kind, int f)
{
	struct dp_check_step *s;

	if (grow((void **)&p->step, &p->capstep, p->nstep, sizeof(*p->step)))
		return NULL;
	s = &p->step[p->nstep++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->finding = f;
	s->dev = -1;
	return s;
}

/* the outcome of the last step: 1 done, 0 failed, WAITS while unknown */
static int outcome(const struct dp_check_plan *p)
{
	size_t k = p->nstep - 1;

	if (k >= p->nresult)
		return WAITS;
	return p->result[k].rc == 0;
}

/*
 * The step that repairs finding F (or F, an error, passed on), if this run
 * repairs: one on device DEV or copy COPY that nothing later depends on
 */
static int plan_fix(const struct dp_check_view *v, struct dp_check_plan *p,
		int f, enum dp_step_kind kind, int dev, size_t copy)
{
	struct dp_check_step *s;

	if (f < 0 || !repairing(v))
		return f < 0 ? f : 0;
	s = step(p, kind, f);
	if (!s)
		return -ENOMEM;
	s->dev = dev;
	s->copy = copy;
	return 0;
}

/*
 * Every copy of E's record gone, and (RELEASE) its device with it, under
 * the same proof as destroy's: a destroy cut short may have left the node
 * open long enough for its owner to map or pin it.
 */
static int plan_remove(struct dp_check_plan *p, struct dp_check_pool *e, int f,
		bool release)
{
	struct dp_check_step *s = step(p, DP_STEP_REMOVE, f);
	int done;

	if (!s)
		return -ENOMEM;
	s->rec = *dp_check_best(e);
	s->dev = e->dev;
	s->release = release;
	s->in_media = e->in_media;
	s->in_etc = e->in_etc;
	snprintf(s->region, sizeof(s->region), "%s", e->media_region);
	s->copy_kind = e->media_kind;
	done = outcome(p);
	if (done == 1)
		e->in_etc = e->in_media = false;
	return done == WAITS ? WAITS : 0;
}

/* the registry record the media says, keeping the host's CONFLICT mark */
static int plan_register(const struct dp_check_view *v, struct dp_check_plan *p,
		struct dp_check_pool *e, int f, bool conflict)
{
	struct dp_check_step *s;
	int done;

	if (!repairing(v))
		return 0;
	s = step(p, DP_STEP_REGISTRY_WRITE, f);
	if (!s)
		return -ENOMEM;
	s->rec = e->media;
	s->rec.conflict = conflict;
	done = outcome(p);
	if (done == 1) {
		e->etc = s->rec;
		e->in_etc = true;
	}
	return done == WAITS ? WAITS : 0;
}

/* E's registry record into the copy that D's kind keeps on D's region */
static int plan_media_put(const struct dp_check_view *v,
		struct dp_check_plan *p, struct dp_check_pool *e, int f,
		const struct dp_check_device *d)
{
	struct dp_check_step *s;
	int done;

	if (!repairing(v))
		return 0;
	s = step(p, DP_STEP_MEDIA_PUT, f);
	if (!s)
		return -ENOMEM;
	s->rec = e->etc;
	snprintf(s->region, sizeof(s->region), "%s", d->region);
	s->copy_kind = d->kind;
	done = outcome(p);
	if (done == 1) {
		e->media = e->etc;
		e->media.conflict = false;
		e->in_media = true;
		snprintf(e->media_region, sizeof(e->media_region), "%s",
				d->region);
		e->media_kind = d->kind;
	}
	return done == WAITS ? WAITS : 0;
}

/* ------------------------------------------------------------- the pools */

static struct dp_check_pool *pool_for(struct dp_check_pool **pools, size_t *n,
		size_t *cap, const char *uuid)
{
	struct dp_check_pool *e;
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*pools)[i].etc.uuid, uuid) == 0 ||
				strcmp((*pools)[i].media.uuid, uuid) == 0)
			return &(*pools)[i];
	if (grow((void **)pools, cap, *n, sizeof(**pools)))
		return NULL;
	e = &(*pools)[(*n)++];
	memset(e, 0, sizeof(*e));
	e->dev = -1;
	return e;
}

/* a second region that claims a pool loses to the first */
static int take_copy(const struct dp_check_copy *c,
		struct dp_check_pool **pools, size_t *n, size_t *cap)
{
	const struct dp_media_slot *cur = dp_media_current_slot(&c->m);
	size_t i;

	for (i = 0; !c->load_rc && i < cur->nrecs; i++) {
		struct dp_check_pool *e =
				pool_for(pools, n, cap, cur->recs[i].uuid);

		if (!e)
			return -ENOMEM;
		if (e->in_media)
			continue;
		e->media = cur->recs[i];
		e->in_media = true;
		snprintf(e->media_region, sizeof(e->media_region), "%s",
				c->m.region);
		e->media_kind = c->kind;
	}
	return 0;
}

int dp_check_pools(const struct dp_check_view *v, struct dp_check_pool **pools,
		size_t *n)
{
	size_t i, cap = 0;
	int rc = 0;

	*pools = NULL;
	*n = 0;
	for (i = 0; i < v->nrecs; i++) {
		struct dp_check_pool *e =
				pool_for(pools, n, &cap, v->recs[i].uuid);

		if (!e) {
			rc = -ENOMEM;
			break;
		}
		e->etc = v->recs[i];
		e->in_etc = true;
		e->was_registered = !v->recs[i].conflict;
	}
	for (i = 0; !rc && i < v->ncopies; i++)
		rc = take_copy(&v->copies[i], pools, n, &cap);
	if (rc) {
		free(*pools);
		*pools = NULL;
		*n = 0;
	}
	return rc;
}

/* is R the pool ID names (by name or uuid)? */
static bool record_named(const struct daxpool_record *r, const char *id)
{
	return r->uuid[0] &&
			(strcmp(r->name, id) == 0 ||
					strcasecmp(r->uuid, id) == 0);
}

static bool is_named(const struct dp_check_pool *e, const char *id)
{
	return (e->in_etc && record_named(&e->etc, id)) ||
			(e->in_media && record_named(&e->media, id));
}

/* named, and looked at in this run (perhaps removed by a repair since) */
static bool was_named(const struct dp_check_pool *e, const char *id)
{
	return e->selected &&
			(record_named(&e->etc, id) ||
					record_named(&e->media, id));
}

bool dp_check_selected(
		const struct dp_check_view *v, const struct dp_check_pool *e)
{
	const char *const *n;

	if (!v->names)
		return true;
	for (n = v->names; *n; n++)
		if (is_named(e, *n))
			return true;
	return false;
}

bool dp_check_claim_foreign(
		const struct dp_check_pool *e, const struct dp_check_device *d)
{
	return e->in_media && d->namespace[0] &&
			strcmp(d->region, e->media_region) != 0;
}

/*
 * A region's copy speaks for the pools on that region only: a copy that
 * names a pool whose namespace is on another region (an NVDIMM from
 * elsewhere, or forged) is not believed for it.
 */
static int foreign_claim(const struct dp_check_view *v, struct dp_check_plan *p,
		struct dp_check_pool *e)
{
	const struct dp_check_device *d = device(v, e);
	int f;

	if (!dp_check_claim_foreign(e, d))
		return 0;
	f = add(v, p, e, e->media_region, DP_PROBLEM_MEDIA_MISMATCH,
			DP_ACTION_NONE,
			"the media copy on %s names pool %s, whose namespace is on %s: that record is not believed",
			e->media_region, e->media.uuid, d->region);
	if (f < 0)
		return f;
	e->in_media = false;
	if (!e->in_etc)
		return NEXT_POOL;
	e->dev = device_of(v, e, true);
	return 0;
}

/* a change cut short: destroy is finished, create rolled back */
static int settle_intent(const struct dp_check_view *v, struct dp_check_plan *p,
		struct dp_check_pool *e)
{
	const struct daxpool_record *r = dp_check_best(e);
	const struct dp_check_device *d = device(v, e);
	int f, rc = 0;

	/* the journal replays the truth's intent (journal.c) */
	switch (dp_journal_settle_plan(e->in_etc ? &e->etc : NULL,
			e->in_media ? &e->media : NULL)) {
	case DP_SETTLE_FINISH:
		f = add(v, p, e, NULL, DP_PROBLEM_DESTROY_CUT,
				DP_ACTION_FINISH_DESTROY,
				"a destroy of '%s' was cut short%s", r->name,
				d->namespace[0] ?
						"; its namespace is still there" :
						"");
		break;
	case DP_SETTLE_ROLL_BACK:
		f = add(v, p, e, NULL, DP_PROBLEM_CREATE_CUT,
				DP_ACTION_ROLL_BACK,
				"a create of '%s' was cut short%s", r->name,
				!d->namespace[0] ?
						" before its namespace was made" :
						!d->chardev[0] ?
						"; its namespace was labeled but never got a device-dax info block (a raw namespace)" :
						"; its device may not be zeroed");
		break;
	default:
		return 0; /* an intent only the registry has is stale */
	}
	if (f < 0)
		return f;
	if (repairing(v))
		rc = plan_remove(p, e, f, true);
	return rc ? rc : NEXT_POOL;
}

static const char *differs(const struct daxpool_record *a,
		const struct daxpool_record *b, char *buf, size_t len)
{
	size_t off = 0;

#define DIFF(cond, ...) \
	do { \
		if ((cond) && off < len) \
			off += (size_t)snprintf( \
					buf + off, len - off, __VA_ARGS__); \
	} while (0)
	buf[0] = '\0';
	DIFF(strcmp(a->name, b->name), "%sname '%s' -> '%s'", off ? ", " : "",
			a->name, b->name);
	DIFF(strcmp(a->owner, b->owner), "%sowner %s -> %s", off ? ", " : "",
			a->owner, b->owner);
	DIFF(strcmp(a->group, b->group), "%sgroup %s -> %s", off ? ", " : "",
			a->group, b->group);
	DIFF(a->mode != b->mode, "%smode %04o -> %04o", off ? ", " : "",
			a->mode, b->mode);
	DIFF(a->size != b->size || a->align != b->align || a->type != b->type,
			"%ssize, align or type", off ? ", " : "");
	DIFF(a->created != b->created, "%screated", off ? ", " : "");
	DIFF(a->intent != b->intent, "%sintent '%s' -> '%s'", off ? ", " : "",
			dp_intent_name(a->intent), dp_intent_name(b->intent));
#undef DIFF
	return buf[0] ? buf : NULL;
}

/* the registry and the media copies: the media wins */
static int settle_copies(const struct dp_check_view *v, struct dp_check_plan *p,
		struct dp_check_pool *e)
{
	const struct dp_check_device *d = device(v, e);
	char buf[400];
	const char *diff;
	int f;

	if (e->in_media && !e->in_etc) {
		f = add(v, p, e, NULL, DP_PROBLEM_UNREGISTERED,
				DP_ACTION_REGISTER,
				"'%s' is on the media of %s but not in " DAXPOOL_CONFDIR,
				e->media.name, e->media_region);
		return f < 0 ? f : plan_register(v, p, e, f, false);
	}
	if (e->in_media &&
			(diff = differs(&e->etc, &e->media, buf,
					 sizeof(buf)))) {
		f = add(v, p, e, NULL, DP_PROBLEM_STALE,
				DP_ACTION_UPDATE_REGISTRY,
				"the registry disagrees with the media of %s: %s",
				e->media_region, diff);
		return f < 0 ? f : plan_register(v, p, e, f, e->etc.conflict);
	}
	if (!e->in_media && e->in_etc && d->media_copy && d->namespace[0] &&
			!is_broken(p, d->region)) {
		f = add(v, p, e, NULL, DP_PROBLEM_MEDIA_MISSING,
				DP_ACTION_WRITE_MEDIA,
				"'%s' is registered but not on the media of %s",
				e->etc.name, d->region);
		return f < 0 ? f : plan_media_put(v, p, e, f, d);
	}
	return 0;
}

/*
 * Known to a media copy, a missing pool may be on a region that is late
 * or pulled: only check --repair drops it. Known to the registry alone (a
 * pmem pool), it was destroyed while this registry was elsewhere (an old
 * backup): were it alive, its region's copy would bring it back anyway.
 */
static int settle_missing(const struct dp_check_view *v,
		struct dp_check_plan *p, struct dp_check_pool *e)
{
	const struct dp_check_device *d = device(v, e);
	bool gone = !e->in_media && d->media_copy && !d->missing_why[0];
	int f;

	if (d->missing_why[0])
		f = add(v, p, e, NULL, DP_PROBLEM_MISSING,
				DP_ACTION_DROP_RECORD,
				"no device carries '%s': %s", e->etc.name,
				d->missing_why);
	else
		f = add(v, p, e, NULL, DP_PROBLEM_MISSING,
				DP_ACTION_DROP_RECORD,
				gone ? "no namespace and no media copy carries the uuid of '%s': it was destroyed" :
				       "no device carries '%s' (pmem: no namespace has its uuid; ram: its region is gone)",
				e->etc.name);
	if (f < 0)
		return f;
	if (v->repair || (gone && repairing(v)))
		return plan_remove(p, e, f, false);
	return 0;
}

static int settle_device(const struct dp_check_view *v, struct dp_check_plan *p,
		struct dp_check_pool *e)
{
	const struct dp_check_device *d = device(v, e);
	int rc = 0;

	if (d->state == DAXPOOL_STATE_MISSING)
		return settle_missing(v, p, e);
	if (d->state == DAXPOOL_STATE_DISABLED && d->can_enable)
		rc = plan_fix(v, p,
				add(v, p, e, NULL, DP_PROBLEM_DISABLED,
						DP_ACTION_ENABLE,
						"the device of '%s' (%s) is not enabled",
						e->etc.name,
						d->namespace[0] ? d->namespace :
								  d->chardev),
				DP_STEP_ENABLE, e->dev, 0);
	/* a ram pool after a boot: its region came back as one device */
	if (!rc && d->state == DAXPOOL_STATE_INACTIVE && d->can_enable)
		rc = plan_fix(v, p,
				add(v, p, e, NULL, DP_PROBLEM_INACTIVE,
						DP_ACTION_RECREATE,
						"'%s' has no device since the last boot (ranges %s of %s)",
						e->etc.name, e->etc.ranges,
						e->etc.region),
				DP_STEP_ENABLE, e->dev, 0);
	if (!rc && d->can_relabel && d->label[0] &&
			strcmp(d->label, e->etc.name) != 0 && !e->etc.conflict)
		rc = plan_fix(v, p,
				add(v, p, e, NULL, DP_PROBLEM_LABEL,
						DP_ACTION_RELABEL,
						"the namespace label of '%s' says '%s'",
						e->etc.name, d->label),
				DP_STEP_RELABEL, e->dev, 0);
	return rc;
}

static int check_accounts(const struct dp_check_view *v,
		struct dp_check_plan *p, const struct dp_check_pool *e)
{
	bool owner = account_exists(v, e->etc.owner, false);
	bool group = account_exists(v, e->etc.group, true);
	int f;

	if (owner && group)
		return 0;
	f = add(v, p, e, NULL, DP_PROBLEM_OWNER_UNKNOWN, DP_ACTION_NONE,
			"%s '%s' does not exist on this host: the pool stays root-only until it does, or 'daxpool chown' names another",
			owner ? "group" : "user",
			owner ? e->etc.group : e->etc.owner);
	return f < 0 ? f : 0;
}

static int plan_pool(const struct dp_check_view *v, struct dp_check_plan *p,
		struct dp_check_pool *e)
{
	int rc;

	e->selected = dp_check_selected(v, e);
	if (!e->selected)
		return 0;
	e->dev = device_of(v, e, false);
	rc = foreign_claim(v, p, e);
	if (!rc)
		rc = settle_intent(v, p, e);
	if (!rc)
		rc = settle_copies(v, p, e);
	if (!rc && !e->in_etc)
		rc = NEXT_POOL;
	if (!rc)
		rc = settle_device(v, p, e);
	if (!rc && e->in_etc)
		rc = check_accounts(v, p, e);
	return rc == NEXT_POOL ? 0 : rc;
}

static void truncate_steps(struct dp_check_plan *p, size_t n)
{
	while (p->nstep > n)
		free(p->step[--p->nstep].recs);
}

/* each pool in turn; one that waited is planned again from its start */
static int plan_pools(const struct dp_check_view *v, struct dp_check_plan *p)
{
	int rc;

	for (; p->next < p->npools; p->next++) {
		if (p->resume) {
			p->pools[p->next] = p->mark;
			p->nf = p->mark_f;
			truncate_steps(p, p->mark_step);
		} else {
			p->mark = p->pools[p->next];
			p->mark_f = p->nf;
			p->mark_step = p->nstep;
		}
		rc = plan_pool(v, p, &p->pools[p->next]);
		p->resume = rc == WAITS;
		if (rc)
			return rc;
	}
	return 0;
}

/* ------------------------------------------------------------ conflicts */

/*
 * Two pools that want one name: the one registered here keeps it (else
 * the older one); the others stay root-only, without a link, until they
 * are renamed by uuid.
 */
static bool wins(const struct dp_check_pool *a, const struct dp_check_pool *b)
{
	const struct daxpool_record *ra = dp_check_best(a);
	const struct daxpool_record *rb = dp_check_best(b);

	if (a->was_registered != b->was_registered)
		return a->was_registered;
	if (ra->created != rb->created)
		return ra->created < rb->created;
	return strcmp(ra->uuid, rb->uuid) < 0;
}

static bool contends(const struct dp_check_pool *e)
{
	return (e->in_etc || e->in_media) &&
			dp_check_best(e)->intent == DP_INTENT_NONE;
}

/* the last pool that wins E's name from it, or NULL */
static const struct dp_check_pool *rival(
		const struct dp_check_plan *p, const struct dp_check_pool *e)
{
	const struct dp_check_pool *winner = NULL;
	size_t j;

	for (j = 0; j < p->npools; j++) {
		const struct dp_check_pool *o = &p->pools[j];

		if (o != e && contends(o) &&
				strcmp(dp_check_best(o)->name,
						dp_check_best(e)->name) == 0 &&
				wins(o, e))
			winner = o;
	}
	return winner;
}

static int settle_conflict(const struct dp_check_view *v,
		struct dp_check_plan *p, struct dp_check_pool *e)
{
	const struct dp_check_pool *winner = rival(p, e);
	const struct daxpool_record *r = dp_check_best(e);
	struct dp_check_step *s;
	int f;

	if (winner && !(e->in_etc && e->etc.conflict)) {
		f = add(v, p, e, NULL, DP_PROBLEM_CONFLICT, DP_ACTION_HOLD,
				"pool %s wants the name '%s' of pool %s; rename it with 'daxpool rename %s NEWNAME'",
				r->uuid, r->name, dp_check_best(winner)->uuid,
				r->uuid);
		if (f < 0 || !repairing(v) || !e->in_etc)
			return f < 0 ? f : 0;
		e->etc.conflict = true;
		s = step(p, DP_STEP_REGISTRY_WRITE, f);
		if (!s)
			return -ENOMEM;
		s->rec = e->etc;
	} else if (e->in_etc && e->etc.conflict) {
		f = add(v, p, e, NULL, DP_PROBLEM_CONFLICT, DP_ACTION_NONE,
				"'%s' is held root-only without a link: another pool has its name; rename it with 'daxpool rename %s NEWNAME'",
				e->etc.name, e->etc.uuid);
		if (f < 0)
			return f;
	}
	return 0;
}

static int plan_conflicts(
		const struct dp_check_view *v, struct dp_check_plan *p)
{
	size_t i;
	int rc;

	for (i = 0; i < p->npools; i++) {
		if (!contends(&p->pools[i]) || !p->pools[i].selected)
			continue;
		rc = settle_conflict(v, p, &p->pools[i]);
		if (rc)
			return rc;
	}
	return 0;
}

/* -------------------------------------------------------- media copies */

/* the first finding that the copy on REGION is rebuilt from the registry */
static int rebuild_finding(const struct dp_check_plan *p, const char *region)
{
	size_t i;

	for (i = 0; i < p->nf; i++)
		if (strcmp(p->f[i].region, region) == 0 && !p->f[i].uuid[0] &&
				p->f[i].action == DP_ACTION_REWRITE_MEDIA)
			return (int)i;
	return -1;
}

/* what the registry knows of REGION's pools now, for its copy */
static struct daxpool_record *region_records(const struct dp_check_view *v,
		const struct dp_check_plan *p, const char *region, size_t *n)
{
	struct daxpool_record *recs = calloc(p->npools + 1, sizeof(*recs));
	size_t i;

	*n = 0;
	for (i = 0; recs && i < p->npools; i++) {
		const struct dp_check_pool *e = &p->pools[i];

		if (e->in_etc && strcmp(device(v, e)->region, region) == 0 &&
				e->etc.intent == DP_INTENT_NONE)
			recs[(*n)++] = e->etc;
	}
	return recs;
}

/* REGION's copy from the registry's RECS (the step's, or freed) */
static int plan_rebuild(const struct dp_check_view *v, struct dp_check_plan *p,
		size_t i, struct daxpool_record *recs, size_t n)
{
	const struct dp_media *m = &v->copies_after[i].m;
	int f = rebuild_finding(p, m->region), rc = 0;
	struct dp_check_step *s;

	if (copy_blank(m)) {
		f = add(v, p, NULL, m->region, DP_PROBLEM_MEDIA_BLANK,
				DP_ACTION_REWRITE_MEDIA,
				"the media copy on %s (namespace %s) was never written",
				m->region, m->ns);
		rc = f < 0 ? f : 0;
	}
	if (!rc && repairing(v)) {
		s = step(p, DP_STEP_REBUILD_COPY, f);
		if (s) {
			s->copy = i;
			s->recs = recs;
			s->nrecs = n;
			return 0;
		}
		rc = -ENOMEM;
	}
	free(recs);
	return rc;
}

/* a copy with no pool to keep: removed, or (damaged) left be */
static int plan_empty_copy(const struct dp_check_view *v,
		struct dp_check_plan *p, size_t i)
{
	const struct dp_media *m = &v->copies_after[i].m;
	int f = rebuild_finding(p, m->region);

	if (m->current < 0 && !copy_blank(m)) {
		/* damaged, and nothing here to rebuild it from: leave it be */
		if (f >= 0)
			p->f[f].repair = NULL;
		return 0;
	}
	return plan_fix(v, p,
			add(v, p, NULL, m->region, DP_PROBLEM_MEDIA_UNUSED,
					DP_ACTION_REMOVE_MEDIA,
					"%s holds a media copy (namespace %s) but no pool",
					m->region, m->ns),
			DP_STEP_REMOVE_COPY, -1, i);
}

/*
 * Copies that exist but hold nothing (made, then cut before a pool came),
 * or nothing good: as they are once the pools are settled
 */
static int plan_copy(const struct dp_check_view *v, struct dp_check_plan *p,
		size_t i)
{
	const struct dp_check_copy *c = &v->copies_after[i];
	struct daxpool_record *recs;
	size_t n;

	if (c->load_rc || copy_foreign(&c->m))
		return 0;
	if (c->m.current >= 0 && dp_media_current_slot(&c->m)->nrecs > 0)
		return 0;
	recs = region_records(v, p, c->m.region, &n);
	if (!recs)
		return -ENOMEM;
	if (n > 0 && c->m.current < 0)
		return plan_rebuild(v, p, i, recs, n);
	free(recs);
	return n == 0 ? plan_empty_copy(v, p, i) : 0;
}

/* ------------------------------------------------------------ regions */

/* neither slot good: rewritten from the registry once the pools are settled */
static int plan_no_good_slot(const struct dp_check_view *v,
		struct dp_check_plan *p, size_t i)
{
	const struct dp_media *m = &v->copies[i].m;

	if (p->nbroken < sizeof(p->broken) / sizeof(p->broken[0]))
		snprintf(p->broken[p->nbroken++], sizeof(p->broken[0]), "%s",
				m->region);
	return add(v, p, NULL, m->region, DP_PROBLEM_MEDIA_DAMAGED,
			DP_ACTION_REWRITE_MEDIA,
			"neither slot of the media copy on %s (namespace %s) is good (slot 0: %s; slot 1: %s)",
			m->region, m->ns, m->slot[0].why, m->slot[1].why);
}

/* a copy with one good slot and one bad: the bad one from the good one */
static int plan_bad_slot(const struct dp_check_view *v, struct dp_check_plan *p,
		size_t i)
{
	const struct dp_media *m = &v->copies[i].m;
	int bad = !m->current;

	return plan_fix(v, p,
			add(v, p, NULL, m->region, DP_PROBLEM_MEDIA_DAMAGED,
					DP_ACTION_REWRITE_SLOT,
					"slot %d of the media copy on %s (namespace %s) is %s (%s); slot %d is good",
					bad, m->region, m->ns,
					m->slot[bad].state == DP_SLOT_BLANK ?
							"blank" :
							"damaged",
					m->slot[bad].why, m->current),
			DP_STEP_REWRITE_SLOT, -1, i);
}

static int plan_region(const struct dp_check_view *v, struct dp_check_plan *p,
		size_t i)
{
	const struct dp_media *m = &v->copies[i].m;
	int f;

	if (v->copies[i].load_rc)
		f = add(v, p, NULL, m->region, DP_PROBLEM_MEDIA_UNREADABLE,
				DP_ACTION_NONE,
				"the media copy on %s cannot be read: %s",
				m->region, m->why);
	else if (v->names) /* region findings only when the whole host is checked */
		f = 0;
	else if (copy_foreign(m))
		f = add(v, p, NULL, m->region, DP_PROBLEM_MEDIA_FOREIGN,
				DP_ACTION_NONE,
				"%s (namespace %s) holds a media copy daxpool cannot read (%s); it is never written",
				m->region, m->ns,
				m->slot[m->slot[0].state == DP_SLOT_FOREIGN ? 0 :
									      1]
						.why);
	else if (copy_blank(m)) /* made, then cut before its first write */
		f = 0;
	else if (m->current < 0)
		f = plan_no_good_slot(v, p, i);
	else if (!dp_media_healthy(m))
		f = plan_bad_slot(v, p, i);
	else
		f = 0;
	return f < 0 ? f : 0;
}

static int plan_regions(const struct dp_check_view *v, struct dp_check_plan *p)
{
	size_t i;
	int rc = dp_check_pools(v, &p->pools, &p->npools);

	for (i = 0; !rc && i < v->ncopies; i++)
		rc = plan_region(v, p, i);
	return rc;
}

static int plan_copies(const struct dp_check_view *v, struct dp_check_plan *p)
{
	size_t i;
	int rc = 0;

	for (i = 0; !rc && i < v->ncopies_after; i++)
		rc = plan_copy(v, p, i);
	return rc;
}

/* a NAME that no pool looked at had, then or now */
static const char *unknown_name(
		const struct dp_check_view *v, const struct dp_check_plan *p)
{
	const char *const *n;
	size_t i;

	for (n = v->names; n && *n; n++) {
		for (i = 0; i < p->npools; i++)
			if (was_named(&p->pools[i], *n))
				break;
		if (i == p->npools)
			return *n;
	}
	return NULL;
}

int dp_check_plan(const struct dp_check_view *v, struct dp_check_plan *p)
{
	int rc = 0;

	p->wait = DP_PLAN_DONE;
	if (p->stage == AT_REGIONS && !(rc = plan_regions(v, p)))
		p->stage = AT_POOLS;
	if (p->stage == AT_POOLS && !(rc = plan_pools(v, p)))
		p->stage = AT_CONFLICTS;
	if (p->stage == AT_CONFLICTS && !(rc = plan_conflicts(v, p)))
		p->stage = v->names ? AT_NAMES : AT_COPIES;
	/* the copies as the repairs of the pools left them */
	if (p->stage == AT_COPIES && !v->reread) {
		p->wait = DP_PLAN_REREAD;
		return 0;
	}
	if (p->stage == AT_COPIES && !(rc = plan_copies(v, p)))
		p->stage = AT_NAMES;
	if (p->stage == AT_NAMES) {
		p->unknown = unknown_name(v, p);
		p->stage = AT_DONE;
	}
	if (rc == WAITS) {
		p->wait = DP_PLAN_RESULTS;
		return 0;
	}
	return rc;
}

void dp_check_plan_free(struct dp_check_plan *p)
{
	truncate_steps(p, 0);
	free(p->step);
	free(p->f);
	free(p->result);
	free(p->pools);
	memset(p, 0, sizeof(*p));
}
