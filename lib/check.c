// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check and activate: compare the registry, the media copies and the
 * kernel, say what disagrees, and (asked to) put it right. For pmem pools
 * the media copy is the truth; the registry follows it. A change cut short
 * is finished (destroy) or rolled back (create: the device may not be
 * zeroed). Nothing that is not daxpool's is ever touched: a namespace is
 * only released when a record of intent carries its uuid.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ndctl/libndctl.h>
#include "backend.h"
#include "check.h"
#include "journal.h"
#include "media.h"
#include "quiesce.h"
#include "registry.h"

/* one pool as each copy and the kernel see it */
struct entry {
	struct daxpool_record etc, media;
	bool in_etc, in_media;
	bool was_registered; /* in the registry, unheld, before this run */
	char media_region[64]; /* the region whose copy holds it */
	struct daxpool_pool pool; /* kernel view, from the backend */
	bool selected;
};

struct scan {
	struct daxpool_ctx *ctx;
	struct daxpool_report *report;
	unsigned int flags;
	const char *const *names;
	struct entry *e;
	size_t n, cap;
	bool failed; /* a repair was tried and failed */
	/* regions whose copy has no good slot: rebuilt whole, not per pool */
	char broken[16][64];
	size_t nbroken;
};

static bool is_broken(const struct scan *s, const char *region)
{
	size_t i;

	for (i = 0; i < s->nbroken; i++)
		if (strcmp(s->broken[i], region) == 0)
			return true;
	return false;
}

/* private: activate repairs all but drops records of missing pools */
#define DAXPOOL_CHECK_ACTIVATE (1U << 31)
#define REPAIR (DAXPOOL_CHECK_REPAIR | DAXPOOL_CHECK_ACTIVATE)

static struct entry *entry_for(struct scan *s, const char *uuid)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->e[i].etc.uuid, uuid) == 0 ||
				strcmp(s->e[i].media.uuid, uuid) == 0)
			return &s->e[i];
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct entry *e = realloc(s->e, cap * sizeof(*e));

		if (!e)
			return NULL;
		s->e = e;
		s->cap = cap;
	}
	memset(&s->e[s->n], 0, sizeof(s->e[s->n]));
	return &s->e[s->n++];
}

static int take_etc(struct daxpool_ctx *ctx, const struct daxpool_record *rec,
		void *arg)
{
	struct entry *e = entry_for(arg, rec->uuid);

	(void)ctx;
	if (!e)
		return -ENOMEM;
	e->etc = *rec;
	e->in_etc = true;
	e->was_registered = !rec->conflict;
	return 0;
}

static struct daxpool_finding *add(struct scan *s, const struct entry *e,
		const char *region, const char *problem, const char *action,
		const char *repair, const char *fmt, ...)
		__attribute__((format(printf, 7, 8)));

static struct daxpool_finding *add(struct scan *s, const struct entry *e,
		const char *region, const char *problem, const char *action,
		const char *repair, const char *fmt, ...)
{
	struct daxpool_finding *f = calloc(1, sizeof(*f));
	const struct daxpool_record *r;
	va_list ap;

	if (!f)
		return NULL;
	if (e) {
		r = e->in_media ? &e->media : &e->etc;
		snprintf(f->pool, sizeof(f->pool), "%s", r->name);
		snprintf(f->uuid, sizeof(f->uuid), "%s", r->uuid);
		snprintf(f->region, sizeof(f->region), "%s",
				e->pool.region[0] ? e->pool.region : r->region);
	}
	if (region)
		snprintf(f->region, sizeof(f->region), "%s", region);
	snprintf(f->problem, sizeof(f->problem), "%s", problem);
	snprintf(f->action, sizeof(f->action), "%s", action ? action : "");
	snprintf(f->repair, sizeof(f->repair), "%s", repair ? repair : "");
	va_start(ap, fmt);
	vsnprintf(f->detail, sizeof(f->detail), fmt, ap);
	va_end(ap);
	if (s->report->last)
		s->report->last->next = f;
	else
		s->report->first = f;
	s->report->last = f;
	return f;
}

/* the outcome of a repair, on its finding */
static void done(struct scan *s, struct daxpool_finding *f, int rc)
{
	if (!f)
		return;
	if (rc == 0) {
		f->repaired = true;
		return;
	}
	snprintf(f->failed, sizeof(f->failed), "%s",
			s->ctx->error[0] ? s->ctx->error : strerror(-rc));
	s->failed = true;
	dp_clear_error(s->ctx);
}

/* ---------------------------------------------------------------- media */

static int take_media(struct daxpool_ctx *ctx, int load_rc, struct dp_media *m,
		void *arg)
{
	struct scan *s = arg;
	const struct dp_media_slot *cur = dp_media_current_slot(m);
	struct daxpool_finding *f;
	bool repair = s->flags & REPAIR;
	size_t i;
	int bad, rc;

	if (load_rc) {
		add(s, NULL, m->region, "media-unreadable", NULL, NULL,
				"the media copy on %s cannot be read: %s",
				m->region, m->why);
		return 0;
	}
	for (i = 0; i < cur->nrecs; i++) {
		struct entry *e = entry_for(s, cur->recs[i].uuid);

		if (!e)
			return -ENOMEM;
		if (e->in_media)
			continue; /* a second region claims it: the first wins */
		e->media = cur->recs[i];
		e->in_media = true;
		snprintf(e->media_region, sizeof(e->media_region), "%s",
				m->region);
	}
	if (s->names)
		return 0; /* region findings only when the whole host is checked */
	if (m->slot[0].state == DP_SLOT_FOREIGN ||
			m->slot[1].state == DP_SLOT_FOREIGN) {
		add(s, NULL, m->region, "media-foreign", NULL, NULL,
				"%s (namespace %s) holds a media copy daxpool cannot read (%s); it is never written",
				m->region, m->ns,
				m->slot[m->slot[0].state == DP_SLOT_FOREIGN ? 0 :
									      1]
						.why);
		return 0;
	}
	if (m->current < 0 && m->slot[0].state == DP_SLOT_BLANK &&
			m->slot[1].state == DP_SLOT_BLANK) {
		/* made, then cut before its first write: settled below */
		return 0;
	}
	if (m->current < 0) {
		if (s->nbroken < sizeof(s->broken) / sizeof(s->broken[0]))
			snprintf(s->broken[s->nbroken++], sizeof(s->broken[0]),
					"%s", m->region);
		add(s, NULL, m->region, "media-damaged", "rewrite-media",
				"rewrite it from the registry",
				"neither slot of the media copy on %s (namespace %s) is good (slot 0: %s; slot 1: %s)",
				m->region, m->ns, m->slot[0].why,
				m->slot[1].why);
		return 0; /* rewritten once the registry is known */
	}
	if (dp_media_healthy(m))
		return 0;
	bad = !m->current;
	f = add(s, NULL, m->region, "media-damaged", "rewrite-slot",
			"rewrite it from the good slot",
			"slot %d of the media copy on %s (namespace %s) is %s (%s); slot %d is good",
			bad, m->region, m->ns,
			m->slot[bad].state == DP_SLOT_BLANK ? "blank" :
							      "damaged",
			m->slot[bad].why, m->current);
	if (repair) {
		rc = dp_media_store(ctx, m, cur->recs, cur->nrecs);
		done(s, f, rc);
	}
	return 0;
}

/* --------------------------------------------------------------- pools */

static void refresh(struct scan *s, struct entry *e)
{
	const struct daxpool_record *r = e->in_media ? &e->media : &e->etc;

	memset(&e->pool, 0, sizeof(e->pool));
	e->pool.ctx = s->ctx;
	e->pool.rec = *r;
	e->pool.numa_node = -1;
	e->pool.ops = dp_backend_get(r->type);
	e->pool.state = DP_STATE_UNSUPPORTED;
	if (e->pool.ops)
		e->pool.ops->refresh(s->ctx, &e->pool);
}

/* is E the pool ID names (by name or uuid, in either copy)? */
static bool record_named(const struct daxpool_record *r, const char *id)
{
	return r->uuid[0] &&
			(strcmp(r->name, id) == 0 ||
					strcasecmp(r->uuid, id) == 0);
}

static bool is_named(const struct entry *e, const char *id)
{
	return (e->in_etc && record_named(&e->etc, id)) ||
			(e->in_media && record_named(&e->media, id));
}

/* named, and looked at in this run (perhaps removed by a repair since) */
static bool was_named(const struct entry *e, const char *id)
{
	return e->selected &&
			(record_named(&e->etc, id) ||
					record_named(&e->media, id));
}

static bool selected(struct scan *s, const struct entry *e)
{
	const char *const *n;

	if (!s->names)
		return true;
	for (n = s->names; *n; n++)
		if (is_named(e, *n))
			return true;
	return false;
}

/*
 * every copy of the record gone, and the device with it; the device only
 * under the same proof as destroy's (quiesce.c): a destroy cut short may
 * have left the node open long enough for its owner to map or pin it
 */
static int remove_pool(struct scan *s, struct entry *e, bool release)
{
	const struct daxpool_record *r = e->in_media ? &e->media : &e->etc;
	int rc;

	e->pool.rec = *r;
	rc = dp_journal_drop(s->ctx, &e->pool,
			e->in_media ? e->media_region : NULL, e->in_etc,
			release);
	if (!rc)
		e->in_etc = e->in_media = false;
	return rc;
}

/* a change cut short: destroy is finished, create rolled back */
static bool settle_intent(struct scan *s, struct entry *e)
{
	const struct daxpool_record *r = e->in_media ? &e->media : &e->etc;
	struct daxpool_finding *f;

	switch (dp_journal_settle_plan(e->in_etc ? &e->etc : NULL,
			e->in_media ? &e->media : NULL)) {
	case DP_SETTLE_FINISH:
		f = add(s, e, NULL, "destroy-cut", "finish-destroy",
				"finish the destroy",
				"a destroy of '%s' was cut short%s", r->name,
				e->pool.namespace[0] ?
						"; its namespace is still there" :
						"");
		break;
	case DP_SETTLE_ROLL_BACK:
		f = add(s, e, NULL, "create-cut", "roll-back",
				"roll the create back (its memory may not be zeroed)",
				"a create of '%s' was cut short%s", r->name,
				!e->pool.namespace[0] ?
						" before its namespace was made" :
						!e->pool.chardev[0] ?
						"; its namespace was labeled but never got a device-dax info block (a raw namespace)" :
						"; its device may not be zeroed");
		break;
	default:
		return false; /* an intent only the registry has is stale */
	}
	if (s->flags & REPAIR)
		done(s, f, remove_pool(s, e, true));
	return true;
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

/* the registry record the media says, keeping the host's conflict mark */
static int register_from_media(struct scan *s, struct entry *e, bool conflict)
{
	struct daxpool_record rec = e->media;
	int rc;

	rec.conflict = conflict;
	rc = dp_registry_write(s->ctx, &rec);
	if (!rc) {
		e->etc = rec;
		e->in_etc = true;
	}
	return rc;
}

static void settle_copies(struct scan *s, struct entry *e)
{
	bool repair = s->flags & REPAIR;
	const struct dp_backend *be = e->pool.ops;
	struct daxpool_finding *f;
	char buf[400];
	const char *d;

	if (e->in_media && !e->in_etc) {
		f = add(s, e, NULL, "unregistered", "register",
				"write its registry record from the media copy",
				"'%s' is on the media of %s but not in " DAXPOOL_CONFDIR,
				e->media.name, e->media_region);
		if (repair)
			done(s, f, register_from_media(s, e, false));
	} else if (e->in_media &&
			(d = differs(&e->etc, &e->media, buf, sizeof(buf)))) {
		f = add(s, e, NULL, "stale", "update-registry",
				"rewrite the registry record from the media copy",
				"the registry disagrees with the media of %s: %s",
				e->media_region, d);
		if (repair)
			done(s, f, register_from_media(s, e, e->etc.conflict));
	} else if (!e->in_media && e->in_etc && be && be->store &&
			e->pool.namespace[0] && !is_broken(s, e->pool.region)) {
		f = add(s, e, NULL, "media-missing", "write-media",
				"write its record into the media copy of its region",
				"'%s' is registered but not on the media of %s",
				e->etc.name, e->pool.region);
		if (repair) {
			int rc = dp_media_put(s->ctx, e->pool.region, &e->etc);

			if (!rc) {
				e->media = e->etc;
				e->media.conflict = false;
				e->in_media = true;
				snprintf(e->media_region,
						sizeof(e->media_region), "%s",
						e->pool.region);
			}
			done(s, f, rc);
		}
	}
}

static void settle_device(struct scan *s, struct entry *e)
{
	const struct dp_backend *be = e->pool.ops;
	bool repair = s->flags & REPAIR;
	struct daxpool_finding *f;

	if (e->pool.state == DP_STATE_MISSING) {
		/*
		 * Known to a media copy, the pool may be on a region that is
		 * late or pulled: only check --repair drops it. Known to the
		 * registry alone (a pmem pool), it was destroyed while this
		 * registry was elsewhere (an old backup): were it alive, its
		 * region's copy would bring it back anyway.
		 */
		bool gone = !e->in_media && be && be->store;

		f = add(s, e, NULL, "missing", "drop-record",
				"drop its records (its memory is gone)",
				gone ? "no namespace and no media copy carries the uuid of '%s': it was destroyed" :
				       "no device carries '%s' (pmem: no namespace has its uuid; ram: its region is gone)",
				e->etc.name);
		if ((s->flags & DAXPOOL_CHECK_REPAIR) ||
				(gone && (s->flags & REPAIR)))
			done(s, f, remove_pool(s, e, false));
		return;
	}
	if (e->pool.state == DP_STATE_DISABLED && be && be->enable) {
		f = add(s, e, NULL, "disabled", "enable", "enable its device",
				"the device of '%s' (%s) is not enabled",
				e->etc.name,
				e->pool.namespace[0] ? e->pool.namespace :
						       e->pool.chardev);
		if (repair)
			done(s, f, be->enable(s->ctx, &e->pool));
	}
	/* a ram pool after a boot: its region came back as one device */
	if (e->pool.state == DP_STATE_INACTIVE && be && be->enable) {
		f = add(s, e, NULL, "inactive", "recreate",
				"re-create its device on its recorded ranges",
				"'%s' has no device since the last boot (ranges %s of %s)",
				e->etc.name, e->etc.ranges, e->etc.region);
		if (repair)
			done(s, f, be->enable(s->ctx, &e->pool));
	}
	if (be && be->relabel && e->pool.label[0] &&
			strcmp(e->pool.label, e->etc.name) != 0 &&
			!e->etc.conflict) {
		f = add(s, e, NULL, "label", "relabel",
				"write the name into the namespace label while the pool is idle",
				"the namespace label of '%s' says '%s'",
				e->etc.name, e->pool.label);
		if (repair) {
			struct dp_quiesce q;
			struct dp_holders h = { .n = 0 };
			int rc = dp_quiesce(s->ctx, &e->pool, &q, &h);

			if (!rc) {
				dp_quiesce_drop_fd(&q);
				rc = be->relabel(s->ctx, &e->pool);
				dp_quiesce_end(&q, false);
			}
			dp_holders_free(&h);
			done(s, f, rc);
		}
	}
}

static void check_accounts(struct scan *s, struct entry *e)
{
	bool owner = getpwnam(e->etc.owner) != NULL;
	bool group = getgrnam(e->etc.group) != NULL;

	if (owner && group)
		return;
	add(s, e, NULL, "owner-unknown", NULL, NULL,
			"%s '%s' does not exist on this host: the pool stays root-only until it does, or 'daxpool chown' names another",
			owner ? "group" : "user",
			owner ? e->etc.group : e->etc.owner);
}

/*
 * Two pools that want one name: the one registered here keeps it (else
 * the older one); the others stay root-only, without a link, until they
 * are renamed by uuid.
 */
static const struct daxpool_record *best(const struct entry *e)
{
	return e->in_media ? &e->media : &e->etc;
}

static bool registered(const struct entry *e)
{
	return e->was_registered;
}

static bool wins(const struct entry *a, const struct entry *b)
{
	if (registered(a) != registered(b))
		return registered(a);
	if (best(a)->created != best(b)->created)
		return best(a)->created < best(b)->created;
	return strcmp(best(a)->uuid, best(b)->uuid) < 0;
}

static void settle_conflicts(struct scan *s)
{
	bool repair = s->flags & REPAIR;
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		struct entry *e = &s->e[i], *winner = NULL;
		struct daxpool_finding *f;

		if (!(e->in_etc || e->in_media) || !e->selected ||
				best(e)->intent != DP_INTENT_NONE)
			continue;
		for (j = 0; j < s->n; j++) {
			struct entry *o = &s->e[j];

			if (o != e && (o->in_etc || o->in_media) &&
					best(o)->intent == DP_INTENT_NONE &&
					strcmp(best(o)->name, best(e)->name) ==
							0 &&
					wins(o, e))
				winner = o;
		}
		if (winner && !(e->in_etc && e->etc.conflict)) {
			f = add(s, e, NULL, "conflict", "hold",
					"keep it root-only and without a link until it is renamed by uuid",
					"pool %s wants the name '%s' of pool %s; rename it with 'daxpool rename %s NEWNAME'",
					best(e)->uuid, best(e)->name,
					best(winner)->uuid, best(e)->uuid);
			if (repair && e->in_etc) {
				e->etc.conflict = true;
				done(s, f, dp_registry_write(s->ctx, &e->etc));
			}
		} else if (e->in_etc && e->etc.conflict) {
			add(s, e, NULL, "conflict", NULL, NULL,
					"'%s' is held root-only without a link: another pool has its name; rename it with 'daxpool rename %s NEWNAME'",
					e->etc.name, e->etc.uuid);
		}
	}
}

/* copies that exist but hold nothing: made, then cut before a pool came */
static int settle_media_copies(struct daxpool_ctx *ctx, int load_rc,
		struct dp_media *m, void *arg)
{
	struct scan *s = arg;
	const struct dp_media_slot *cur = dp_media_current_slot(m);
	struct daxpool_record *recs;
	struct daxpool_finding *f;
	size_t i, n = 0;
	bool blank;

	if (load_rc || m->slot[0].state == DP_SLOT_FOREIGN ||
			m->slot[1].state == DP_SLOT_FOREIGN)
		return 0;
	if (m->current >= 0 && cur->nrecs > 0)
		return 0;
	blank = m->current < 0 && m->slot[0].state == DP_SLOT_BLANK &&
			m->slot[1].state == DP_SLOT_BLANK;
	/* what the registry knows of this region's pools */
	recs = calloc(s->n + 1, sizeof(*recs));
	if (!recs)
		return -ENOMEM;
	for (i = 0; i < s->n; i++)
		if (s->e[i].in_etc &&
				strcmp(s->e[i].pool.region, m->region) == 0 &&
				s->e[i].etc.intent == DP_INTENT_NONE)
			recs[n++] = s->e[i].etc;
	for (f = s->report->first; f; f = f->next)
		if (strcmp(f->region, m->region) == 0 && !f->uuid[0] &&
				strcmp(f->action, "rewrite-media") == 0)
			break;
	if (n == 0 && (m->current >= 0 || blank)) {
		f = add(s, NULL, m->region, "media-unused", "remove-media",
				"remove the empty media copy",
				"%s holds a media copy (namespace %s) but no pool",
				m->region, m->ns);
		if (s->flags & REPAIR)
			done(s, f, dp_media_delete(ctx, m));
	} else if (n == 0) {
		/* damaged, and nothing here to rebuild it from: leave it be */
		if (f)
			snprintf(f->repair, sizeof(f->repair), "%s", "");
	} else if (m->current < 0) {
		if (blank)
			f = add(s, NULL, m->region, "media-blank",
					"rewrite-media",
					"write it from the registry",
					"the media copy on %s (namespace %s) was never written",
					m->region, m->ns);
		if (s->flags & REPAIR) {
			int rc = dp_media_store(ctx, m, recs, n);

			/* both slots: the other one is no better */
			if (!rc && !dp_media_healthy(m))
				rc = dp_media_store(ctx, m, recs, n);
			done(s, f, rc);
		}
	}
	free(recs);
	return 0;
}

/*
 * A region's copy speaks for the pools on that region only: a copy that
 * names a pool whose namespace is on another region (an NVDIMM from
 * elsewhere, or forged) is not believed for it. True if nothing is left
 * to look at.
 */
static bool foreign_claim(struct scan *s, struct entry *e)
{
	if (!e->in_media || !e->pool.namespace[0] ||
			strcmp(e->pool.region, e->media_region) == 0)
		return false;
	add(s, e, e->media_region, "media-mismatch", NULL, NULL,
			"the media copy on %s names pool %s, whose namespace is on %s: that record is not believed",
			e->media_region, e->media.uuid, e->pool.region);
	e->in_media = false;
	if (!e->in_etc)
		return true;
	refresh(s, e);
	return false;
}

static int scan(struct scan *s)
{
	size_t i;
	int rc;

	rc = dp_registry_foreach(s->ctx, take_etc, s);
	if (!rc)
		rc = dp_media_foreach(s->ctx, take_media, s);
	if (rc)
		return dp_fail(s->ctx, -rc, "cannot read the pools: %s",
				strerror(-rc));
	for (i = 0; i < s->n; i++) {
		struct entry *e = &s->e[i];

		e->selected = selected(s, e);
		if (!e->selected)
			continue;
		refresh(s, e);
		if (foreign_claim(s, e))
			continue;
		if (settle_intent(s, e))
			continue;
		settle_copies(s, e);
		if (!e->in_etc)
			continue;
		settle_device(s, e);
		if (e->in_etc)
			check_accounts(s, e);
	}
	settle_conflicts(s);
	if (!s->names)
		dp_media_foreach(s->ctx, settle_media_copies, s);
	return 0;
}

static int run(struct daxpool_ctx *ctx, const char *const *names,
		unsigned int flags, struct daxpool_report **report)
{
	struct scan s = { .ctx = ctx, .flags = flags, .names = names };
	const char *const *n;
	int rc;

	*report = NULL;
	dp_clear_error(ctx);
	for (n = names; n && *n; n++)
		if (!daxpool_is_uuid(*n) && daxpool_name_check(*n, NULL))
			return dp_fail(ctx, EINVAL, "invalid pool name '%s'",
					*n);
	if ((flags & REPAIR) && geteuid() != 0)
		return dp_fail(ctx, EPERM, "repairing pools needs root");
	s.report = calloc(1, sizeof(*s.report));
	if (!s.report)
		return dp_fail(ctx, ENOMEM, "out of memory");
	s.report->ctx = daxpool_ref(ctx);
	rc = dp_admin_lock(ctx);
	if (!rc) {
		daxpool_invalidate(ctx);
		rc = scan(&s);
		if (flags & REPAIR)
			daxpool_invalidate(ctx);
		dp_admin_unlock(ctx);
	}
	for (n = names; !rc && n && *n; n++) {
		size_t i;
		bool found = false;

		for (i = 0; i < s.n && !found; i++)
			found = was_named(&s.e[i], *n);
		if (!found)
			rc = dp_fail(ctx, ENOENT,
					"no pool '%s' in the registry or on any media",
					*n);
	}
	free(s.e);
	if (rc) {
		daxpool_report_free(s.report);
		return rc;
	}
	*report = s.report;
	return s.failed ? -EIO : 0;
}

DAXPOOL_EXPORT int daxpool_check(struct daxpool_ctx *ctx,
		const char *const *names, unsigned int flags,
		struct daxpool_report **report)
{
	if (report)
		*report = NULL;
	if (!ctx || !report || (flags & ~DAXPOOL_CHECK_REPAIR))
		return ctx ? dp_fail(ctx, EINVAL, "invalid arguments") :
			     -EINVAL;
	return run(ctx, names && *names ? names : NULL, flags, report);
}

DAXPOOL_EXPORT int daxpool_activate(
		struct daxpool_ctx *ctx, struct daxpool_report **report)
{
	struct daxpool_pool *pool;
	int rc;

	if (report)
		*report = NULL;
	if (!ctx || !report)
		return ctx ? dp_fail(ctx, EINVAL, "invalid arguments") :
			     -EINVAL;
	rc = run(ctx, NULL, DAXPOOL_CHECK_ACTIVATE, report);
	if (rc && rc != -EIO)
		return rc;
	/* owners, modes and links: udev, for every pool that lacks them */
	daxpool_pool_foreach (ctx, pool)
		if (pool->chardev[0] && pool->rec.intent == DP_INTENT_NONE &&
				!dp_ownership_ok(pool) &&
				dp_apply_ownership(ctx, pool) < 0)
			dp_clear_error(ctx);
	return rc;
}

DAXPOOL_EXPORT void daxpool_report_free(struct daxpool_report *report)
{
	struct daxpool_finding *f, *next;

	if (!report)
		return;
	for (f = report->first; f; f = next) {
		next = f->next;
		free(f);
	}
	daxpool_unref(report->ctx);
	free(report);
}

DAXPOOL_EXPORT struct daxpool_finding *daxpool_report_get_first(
		struct daxpool_report *r)
{
	return r ? r->first : NULL;
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
	return f->problem;
}
DAXPOOL_EXPORT const char *daxpool_finding_get_detail(struct daxpool_finding *f)
{
	return f->detail;
}
DAXPOOL_EXPORT const char *daxpool_finding_get_repair(struct daxpool_finding *f)
{
	return or_null(f->repair);
}
DAXPOOL_EXPORT const char *daxpool_finding_get_action(struct daxpool_finding *f)
{
	return or_null(f->action);
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
