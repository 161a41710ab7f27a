// SPDX-License-Identifier: GPL-2.0-only
/*
 * check's planner, from tables: a host as check-read.c reads it goes in;
 * the findings (in the report's order) and the repair steps (in the order
 * they are applied, with the outcome each case gives them) come out. A
 * case for every finding daxpool-check(1) lists, and for what lies between
 * them: which copy wins, which pool keeps a name, which pools NAMES picks,
 * and what a repair's outcome changes further on.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check/check-plan.h"
#include "store/registry.h"
#include "tap.h"

#define U1 "11111111-1111-4111-8111-111111111111"
#define U2 "22222222-2222-4222-8222-222222222222"
#define U3 "33333333-3333-4333-8333-333333333333"
#define U4 "abcdef00-1111-4111-8111-0123456789ab"

enum mode { CHECK, REPAIR, ACTIVATE };
enum kind { PMEM, RAM, UNKNOWN_KIND };

/* a record: what is not given is a pmem pool of alice:dba, 0600, on region0 */
struct trec {
	const char *name, *uuid, *region, *owner, *group, *intent;
	unsigned int mode;
	long created;
	enum kind kind;
	bool conflict;
};

enum shape {
	HEALTHY, /* both slots good, slot 1 current */
	SLOT1_DAMAGED, /* slot 0 good */
	SLOT0_BLANK, /* slot 1 good */
	NONE_GOOD, /* both damaged */
	NEVER_WRITTEN, /* both blank */
	FOREIGN, /* slot 0 of another format version */
	UNREADABLE,
};

struct tcopy {
	const char *region;
	enum shape shape;
	struct trec recs[3]; /* its current slot's */
};

/* a device: unless given, active on region0 as namespace0.1, dax0.1 */
struct tdev {
	const char *uuid;
	enum kind kind;
	enum daxpool_state state;
	const char *region, *ns, *chardev, *label;
	bool from_registry;
};

struct tcase {
	const char *name;
	enum mode mode;
	const char *names[3];
	struct trec etc[4];
	struct tcopy copies[3];
	bool after_given; /* else the copies read again are those read first */
	struct tcopy after[3];
	struct tdev devs[4];
	const char *gone[3]; /* accounts (users or groups) that do not exist */
	const char *fail; /* one character a step: 'x' fails, else done */
	const char *want;
};

/* ------------------------------------------------------------- building */

static struct daxpool_record record(const struct trec *t)
{
	struct daxpool_record r = {
		.type = t->kind == PMEM	       ? DAXPOOL_TYPE_PMEM :
				t->kind == RAM ? DAXPOOL_TYPE_RAM :
						 (enum daxpool_type)7,
		.size = 64ULL << 20,
		.align = 2ULL << 20,
		.mode = t->mode ? t->mode : 0600,
		.created = t->created ? t->created : 100,
		.conflict = t->conflict,
	};

	snprintf(r.name, sizeof(r.name), "%s", t->name);
	snprintf(r.uuid, sizeof(r.uuid), "%s", t->uuid);
	snprintf(r.owner, sizeof(r.owner), "%s", t->owner ? t->owner : "alice");
	snprintf(r.group, sizeof(r.group), "%s", t->group ? t->group : "dba");
	snprintf(r.region, sizeof(r.region), "%s",
			t->region ? t->region : "region0");
	if (dp_intent_parse(t->intent ? t->intent : "", &r.intent))
		abort(); /* a case spelled an intent no record can have */
	if (t->kind == RAM)
		snprintf(r.ranges, sizeof(r.ranges), "0x100000000-0x10fffffff");
	return r;
}

static const struct {
	enum dp_slot_state s0, s1;
	const char *why0, *why1;
	int current;
} shapes[] = {
	[HEALTHY] = { DP_SLOT_GOOD, DP_SLOT_GOOD, NULL, NULL, 1 },
	[SLOT1_DAMAGED] = { DP_SLOT_GOOD, DP_SLOT_DAMAGED, NULL,
			"payload checksum mismatch", 0 },
	[SLOT0_BLANK] = { DP_SLOT_BLANK, DP_SLOT_GOOD, "no daxpool header",
			NULL, 1 },
	[NONE_GOOD] = { DP_SLOT_DAMAGED, DP_SLOT_DAMAGED,
			"header checksum mismatch", "payload checksum mismatch",
			-1 },
	[NEVER_WRITTEN] = { DP_SLOT_BLANK, DP_SLOT_BLANK, "no daxpool header",
			"no daxpool header", -1 },
	[FOREIGN] = { DP_SLOT_FOREIGN, DP_SLOT_GOOD,
			"written by a daxpool of another format version", NULL,
			1 },
	[UNREADABLE] = { DP_SLOT_BLANK, DP_SLOT_BLANK, NULL, NULL, -1 },
};

static size_t copies(
		const struct tcopy *t, size_t max, struct dp_check_copy **out)
{
	struct dp_check_copy *c = calloc(max, sizeof(*c));
	size_t n, i;

	for (n = 0; n < max && t[n].region; n++) {
		struct dp_media *m = &c[n].m;

		c[n].kind = DAXPOOL_TYPE_PMEM; /* the kind that keeps copies */
		snprintf(m->region, sizeof(m->region), "%s", t[n].region);
		snprintf(m->ns, sizeof(m->ns), "namespace%c.0",
				t[n].region[strlen(t[n].region) - 1]);
		m->slot[0].state = shapes[t[n].shape].s0;
		m->slot[1].state = shapes[t[n].shape].s1;
		m->slot[0].why = shapes[t[n].shape].why0;
		m->slot[1].why = shapes[t[n].shape].why1;
		m->current = shapes[t[n].shape].current;
		if (t[n].shape == UNREADABLE) {
			c[n].load_rc = -ENXIO;
			snprintf(m->why, sizeof(m->why), "cannot enable %s: %s",
					m->ns, strerror(ENXIO));
		}
		if (m->current < 0)
			continue;
		m->slot[m->current].recs =
				calloc(3, sizeof(struct daxpool_record));
		for (i = 0; i < 3 && t[n].recs[i].uuid; i++)
			m->slot[m->current].recs[i] = record(&t[n].recs[i]);
		m->slot[m->current].nrecs = i;
	}
	*out = c;
	return n;
}

static const char * or (const char *s, const char *dflt)
{
	return s ? s : dflt;
}

static size_t devices(
		const struct tdev *t, size_t max, struct dp_check_device **out)
{
	struct dp_check_device *d = calloc(max, sizeof(*d));
	size_t n;

	for (n = 0; n < max && t[n].uuid; n++) {
		bool gone = t[n].state == DAXPOOL_STATE_MISSING ||
				t[n].state == DAXPOOL_STATE_INACTIVE;

		snprintf(d[n].uuid, sizeof(d[n].uuid), "%s", t[n].uuid);
		d[n].from_registry = t[n].from_registry;
		d[n].kind = t[n].kind == PMEM	 ? DAXPOOL_TYPE_PMEM :
				t[n].kind == RAM ? DAXPOOL_TYPE_RAM :
						   (enum daxpool_type)7;
		d[n].media_copy = t[n].kind == PMEM;
		d[n].can_enable = t[n].kind != UNKNOWN_KIND;
		d[n].can_relabel = t[n].kind == PMEM;
		d[n].state = t[n].kind == UNKNOWN_KIND ?
				DAXPOOL_STATE_UNSUPPORTED :
				t[n].state;
		snprintf(d[n].region, sizeof(d[n].region), "%s",
				or (t[n].region, "region0"));
		snprintf(d[n].namespace, sizeof(d[n].namespace), "%s",
				or (t[n].ns, gone || t[n].kind != PMEM ? "" : "namespace0.1"));
		snprintf(d[n].chardev, sizeof(d[n].chardev), "%s",
				or (t[n].chardev, gone ? "" : "dax0.1"));
		snprintf(d[n].label, sizeof(d[n].label), "%s",
				or (t[n].label, ""));
	}
	*out = d;
	return n;
}

/* every owner and group the records name; those in GONE do not exist */
static void add_account(struct dp_check_view *v, const struct tcase *c,
		const char *name, bool group)
{
	struct dp_check_account *a = &v->accounts[v->naccounts++];
	size_t i;

	snprintf(a->name, sizeof(a->name), "%s", name);
	a->group = group;
	a->exists = true;
	for (i = 0; i < 3 && c->gone[i]; i++)
		if (strcmp(c->gone[i], name) == 0)
			a->exists = false;
}

static void accounts(struct dp_check_view *v, const struct tcase *c)
{
	size_t i, j;

	v->accounts = calloc(2 * (v->nrecs + 9), sizeof(*v->accounts));
	for (i = 0; i < v->nrecs; i++) {
		add_account(v, c, v->recs[i].owner, false);
		add_account(v, c, v->recs[i].group, true);
	}
	for (i = 0; i < v->ncopies; i++) {
		const struct dp_media_slot *s =
				dp_media_current_slot(&v->copies[i].m);

		for (j = 0; j < s->nrecs; j++) {
			add_account(v, c, s->recs[j].owner, false);
			add_account(v, c, s->recs[j].group, true);
		}
	}
}

static void build(const struct tcase *c, struct dp_check_view *v)
{
	size_t i;

	memset(v, 0, sizeof(*v));
	v->names = c->names[0] ? c->names : NULL;
	v->repair = c->mode == REPAIR;
	v->activate = c->mode == ACTIVATE;
	v->recs = calloc(4, sizeof(*v->recs));
	for (i = 0; i < 4 && c->etc[i].uuid; i++)
		v->recs[v->nrecs++] = record(&c->etc[i]);
	v->ncopies = copies(c->copies, 3, &v->copies);
	v->ndevs = devices(c->devs, 4, &v->devs);
	accounts(v, c);
}

static void unbuild(struct dp_check_view *v)
{
	size_t i;

	for (i = 0; i < v->ncopies; i++)
		dp_media_free(&v->copies[i].m);
	for (i = 0; i < v->ncopies_after; i++)
		dp_media_free(&v->copies_after[i].m);
	free(v->copies);
	free(v->copies_after);
	free(v->recs);
	free(v->devs);
	free(v->accounts);
}

/* ------------------------------------------------------------ rendering */

static const char *short_uuid(const char *uuid)
{
	return strcmp(uuid, U1) == 0	      ? "U1" :
			strcmp(uuid, U2) == 0 ? "U2" :
			strcmp(uuid, U3) == 0 ? "U3" :
			strcmp(uuid, U4) == 0 ? "U4" :
						uuid;
}

static size_t render_step(char *buf, size_t len, const struct dp_check_view *v,
		const struct dp_check_step *s)
{
	static const char *const kinds[] = {
		[DP_STEP_REWRITE_SLOT] = "rewrite-slot",
		[DP_STEP_REMOVE] = "remove",
		[DP_STEP_REGISTRY_WRITE] = "registry-write",
		[DP_STEP_MEDIA_PUT] = "media-put",
		[DP_STEP_ENABLE] = "enable",
		[DP_STEP_RELABEL] = "relabel",
		[DP_STEP_REMOVE_COPY] = "remove-copy",
		[DP_STEP_REBUILD_COPY] = "rebuild-copy",
	};
	size_t off = (size_t)snprintf(buf, len, "> %s", kinds[s->kind]);
	size_t i;

	switch (s->kind) {
	case DP_STEP_REWRITE_SLOT:
		off += snprintf(buf + off, len - off, " %s",
				v->copies[s->copy].m.region);
		break;
	case DP_STEP_REMOVE:
		off += snprintf(buf + off, len - off, " %s%s%s%s%s",
				short_uuid(s->rec.uuid),
				s->release ? " release" : "",
				s->in_media ? " media@" : "",
				s->in_media ? s->region : "",
				s->in_etc ? " registry" : "");
		break;
	case DP_STEP_REGISTRY_WRITE:
	case DP_STEP_MEDIA_PUT:
		off += snprintf(buf + off, len - off, " %s '%s' %s %04o%s%s%s",
				short_uuid(s->rec.uuid), s->rec.name,
				s->rec.owner, s->rec.mode,
				s->rec.conflict ? " conflict" : "",
				s->kind == DP_STEP_MEDIA_PUT ? " @" : "",
				s->kind == DP_STEP_MEDIA_PUT ? s->region : "");
		break;
	case DP_STEP_ENABLE:
	case DP_STEP_RELABEL:
		off += snprintf(buf + off, len - off, " %s%s",
				short_uuid(v->devs[s->dev].uuid),
				v->devs[s->dev].from_registry ?
						" (registry's)" :
						"");
		break;
	case DP_STEP_REMOVE_COPY:
	case DP_STEP_REBUILD_COPY:
		off += snprintf(buf + off, len - off, " %s",
				v->copies_after[s->copy].m.region);
		for (i = 0; i < s->nrecs; i++)
			off += snprintf(buf + off, len - off, "%s%s",
					i ? "," : " from ", s->recs[i].name);
		break;
	}
	return off;
}

static void render(char *buf, size_t len, const struct dp_check_view *v,
		const struct dp_check_plan *p)
{
	size_t off = 0, i;

	buf[0] = '\0';
	for (i = 0; i < p->nf; i++) {
		const struct daxpool_finding *f = &p->f[i];
		const char *action = dp_action_name(f->action);

		off += snprintf(buf + off, len - off,
				"#%zu %s%s%s%s %s %s: %s\n", i,
				dp_problem_name(f->problem), action ? "/" : "",
				action ? action : "",
				action && !f->repair ? " (no repair)" : "",
				f->uuid[0] ? short_uuid(f->uuid) : "-",
				f->region[0] ? f->region : "-", f->detail);
	}
	for (i = 0; i < p->nstep; i++) {
		off += render_step(buf + off, len - off, v, &p->step[i]);
		off += snprintf(buf + off, len - off, " for #%d: %s\n",
				p->step[i].finding,
				p->result[i].rc ? "fails" : "done");
	}
	if (p->unknown)
		snprintf(buf + off, len - off, "unknown %s\n", p->unknown);
}

/* ------------------------------------------------------------- running */

/* the problems the cases found, of those the planner can name */
static bool seen[DP_PROBLEM_COUNT];
/* steps on a record's copy, and those that did not name the kind
 * keeping it */
static int on_copy, unkept;

/* the executor's part: each step's outcome as the case says */
static void apply(const struct tcase *c, struct dp_check_plan *p)
{
	p->result = realloc(p->result, (p->nstep + 1) * sizeof(*p->result));
	for (; p->nresult < p->nstep; p->nresult++) {
		bool fails = c->fail && strlen(c->fail) > p->nresult &&
				c->fail[p->nresult] == 'x';

		p->result[p->nresult].rc = fails ? -EIO : 0;
	}
}

static void run(const struct tcase *c)
{
	static char got[16384];
	struct dp_check_plan p = { .f = NULL };
	struct dp_check_view v;
	int rc, rounds = 0;
	size_t i;

	build(c, &v);
	do {
		rc = dp_check_plan(&v, &p);
		apply(c, &p);
		if (!rc && p.wait == DP_PLAN_REREAD) {
			v.ncopies_after = copies(
					c->after_given ? c->after : c->copies,
					3, &v.copies_after);
			v.reread = true;
		}
	} while (!rc && p.wait != DP_PLAN_DONE && ++rounds < 100);
	render(got, sizeof(got), &v, &p);
	for (i = 0; i < p.nf; i++)
		seen[p.f[i].problem] = true;
	/* every copy here is pmem's: the executor finds its backend by it */
	for (i = 0; i < p.nstep; i++)
		if (p.step[i].kind == DP_STEP_MEDIA_PUT ||
				(p.step[i].kind == DP_STEP_REMOVE &&
						p.step[i].in_media)) {
			on_copy++;
			unkept += p.step[i].copy_kind != DAXPOOL_TYPE_PMEM;
		}
	ok(rc == 0 && p.wait == DP_PLAN_DONE && strcmp(got, c->want) == 0, "%s",
			c->name);
	if (strcmp(got, c->want) != 0)
		printf("# got:\n%s# want:\n%s", got, c->want);
	dp_check_plan_free(&p);
	unbuild(&v);
}

/* ---------------------------------------------------------------- cases */

#define DB0(...) \
	{ \
		.name = "db0", .uuid = U1, __VA_ARGS__ \
	}
#define ACTIVE_DB0 \
	{ \
		.uuid = U1, .label = "db0" \
	}

static const struct tcase cases[] = {
	{
			.name = "nothing to find: a pool that all agree on",
			.mode = REPAIR,
			.etc = { DB0() },
			.copies = { { "region0", HEALTHY, { DB0() } } },
			.devs = { ACTIVE_DB0 },
			.want = "",
	},
	/* ------------------------------------------ the copies, first look */
	{
			.name = "media-unreadable",
			.mode = REPAIR,
			.copies = { { "region1", UNREADABLE } },
			.want = "#0 media-unreadable - region1: the media copy on region1 cannot be read: cannot enable namespace1.0: No such device or address\n",
	},
	{
			.name = "media-unreadable: said even when NAMES are checked",
			.names = { "db0" },
			.etc = { DB0() },
			.copies = { { "region0", HEALTHY, { DB0() } },
					{ "region1", UNREADABLE } },
			.devs = { ACTIVE_DB0 },
			.want = "#0 media-unreadable - region1: the media copy on region1 cannot be read: cannot enable namespace1.0: No such device or address\n",
	},
	{
			.name = "media-foreign: never written",
			.mode = REPAIR,
			.copies = { { "region1", FOREIGN } },
			.want = "#0 media-foreign - region1: region1 (namespace namespace1.0) holds a media copy daxpool cannot read (written by a daxpool of another format version); it is never written\n",
	},
	{
			.name = "media-damaged: a slot, rewritten from the good one",
			.mode = REPAIR,
			.etc = { DB0() },
			.copies = { { "region0", SLOT1_DAMAGED, { DB0() } } },
			.devs = { ACTIVE_DB0 },
			.want = "#0 media-damaged/rewrite-slot - region0: slot 1 of the media copy on region0 (namespace namespace0.0) is damaged (payload checksum mismatch); slot 0 is good\n"
				"> rewrite-slot region0 for #0: done\n",
	},
	{
			.name = "media-damaged: a blank slot beside a good one",
			.mode = REPAIR,
			.fail = "x",
			.etc = { DB0() },
			.copies = { { "region0", SLOT0_BLANK, { DB0() } } },
			.devs = { ACTIVE_DB0 },
			.want = "#0 media-damaged/rewrite-slot - region0: slot 0 of the media copy on region0 (namespace namespace0.0) is blank (no daxpool header); slot 1 is good\n"
				"> rewrite-slot region0 for #0: fails\n",
	},
	{
			.name = "media-damaged: no good slot, rebuilt from the registry once the pools are settled",
			.mode = REPAIR,
			.etc = { DB0(),
					{ .name = "db1",
							.uuid = U2,
							.region = "region0" },
					{ .name = "db2",
							.uuid = U3,
							.intent = "create" } },
			.copies = { { "region0", NONE_GOOD } },
			.devs = { ACTIVE_DB0, { .uuid = U2, .label = "db1" },
					{ .uuid = U3, .label = "db2" } },
			.want = "#0 media-damaged/rewrite-media - region0: neither slot of the media copy on region0 (namespace namespace0.0) is good (slot 0: header checksum mismatch; slot 1: payload checksum mismatch)\n"
				"#1 create-cut/roll-back U3 region0: a create of 'db2' was cut short; its device may not be zeroed\n"
				"> remove U3 release registry for #1: done\n"
				"> rebuild-copy region0 from db0,db1 for #0: done\n",
	},
	{
			.name = "media-damaged: no good slot, and nothing to rebuild it from",
			.mode = REPAIR,
			.copies = { { "region0", NONE_GOOD } },
			.want = "#0 media-damaged/rewrite-media (no repair) - region0: neither slot of the media copy on region0 (namespace namespace0.0) is good (slot 0: header checksum mismatch; slot 1: payload checksum mismatch)\n",
	},
	{
			.name = "media-damaged: a pool the repair drops is not rebuilt into it",
			.mode = REPAIR,
			.etc = { DB0(), { .name = "db1", .uuid = U2 } },
			.copies = { { "region0", NONE_GOOD } },
			.devs = { { .uuid = U1, .state = DAXPOOL_STATE_MISSING },
					{ .uuid = U2, .label = "db1" } },
			.want = "#0 media-damaged/rewrite-media - region0: neither slot of the media copy on region0 (namespace namespace0.0) is good (slot 0: header checksum mismatch; slot 1: payload checksum mismatch)\n"
				"#1 missing/drop-record U1 region0: no namespace and no media copy carries the uuid of 'db0': it was destroyed\n"
				"> remove U1 registry for #1: done\n"
				"> rebuild-copy region0 from db1 for #0: done\n",
	},
	{
			.name = "media-blank: written from the registry",
			.etc = { DB0() },
			.copies = { { "region0", NEVER_WRITTEN } },
			.devs = { ACTIVE_DB0 },
			.want = "#0 media-missing/write-media U1 region0: 'db0' is registered but not on the media of region0\n"
				"#1 media-blank/rewrite-media - region0: the media copy on region0 (namespace namespace0.0) was never written\n",
	},
	{
			.name = "media-blank: gone once its pool is put there",
			.mode = REPAIR,
			.etc = { DB0() },
			.copies = { { "region0", NEVER_WRITTEN } },
			.after_given = true,
			.after = { { "region0", HEALTHY, { DB0() } } },
			.devs = { ACTIVE_DB0 },
			.want = "#0 media-missing/write-media U1 region0: 'db0' is registered but not on the media of region0\n"
				"> media-put U1 'db0' alice 0600 @region0 for #0: done\n",
	},
	{
			.name = "media-blank: rewritten when its pool could not be put there",
			.mode = REPAIR,
			.fail = "x",
			.etc = { DB0() },
			.copies = { { "region0", NEVER_WRITTEN } },
			.devs = { ACTIVE_DB0 },
			.want = "#0 media-missing/write-media U1 region0: 'db0' is registered but not on the media of region0\n"
				"#1 media-blank/rewrite-media - region0: the media copy on region0 (namespace namespace0.0) was never written\n"
				"> media-put U1 'db0' alice 0600 @region0 for #0: fails\n"
				"> rebuild-copy region0 from db0 for #1: done\n",
	},
	{
			.name = "media-unused: a copy that holds no pool",
			.mode = REPAIR,
			.copies = { { "region1", HEALTHY } },
			.want = "#0 media-unused/remove-media - region1: region1 holds a media copy (namespace namespace1.0) but no pool\n"
				"> remove-copy region1 for #0: done\n",
	},
	{
			.name = "media-unused: a copy made, then cut before its first write",
			.copies = { { "region1", NEVER_WRITTEN } },
			.want = "#0 media-unused/remove-media - region1: region1 holds a media copy (namespace namespace1.0) but no pool\n",
	},
	{
			.name = "media-unused: left empty once the repair dropped its last pool",
			.mode = REPAIR,
			.etc = { DB0() },
			.copies = { { "region0", HEALTHY } },
			.devs = { { .uuid = U1,
					.state = DAXPOOL_STATE_MISSING } },
			.want = "#0 missing/drop-record U1 region0: no namespace and no media copy carries the uuid of 'db0': it was destroyed\n"
				"#1 media-unused/remove-media - region0: region0 holds a media copy (namespace namespace0.0) but no pool\n"
				"> remove U1 registry for #0: done\n"
				"> remove-copy region0 for #1: done\n",
	},
	{
			.name = "media-unused: not while the registry still has its pool",
			.etc = { DB0() },
			.copies = { { "region0", HEALTHY } },
			.devs = { { .uuid = U1,
					.state = DAXPOOL_STATE_MISSING } },
			.want = "#0 missing/drop-record U1 region0: no namespace and no media copy carries the uuid of 'db0': it was destroyed\n",
	},
	/* ---------------------------------------------- changes cut short */
	{
			.name = "create-cut: before its namespace was made",
			.mode = REPAIR,
			.etc = { DB0(.intent = "create") },
			.copies = { { "region0", HEALTHY,
					{ DB0(.intent = "create") } } },
			.devs = { { .uuid = U1,
					.state = DAXPOOL_STATE_MISSING } },
			.want = "#0 create-cut/roll-back U1 region0: a create of 'db0' was cut short before its namespace was made\n"
				"> remove U1 release media@region0 registry for #0: done\n",
	},
	{
			.name = "create-cut: a raw namespace",
			.mode = ACTIVATE,
			.etc = { DB0(.intent = "create") },
			.copies = { { "region0", HEALTHY,
					{ DB0(.intent = "create") } } },
			.devs = { { .uuid = U1,
					.state = DAXPOOL_STATE_DISABLED,
					.chardev = "" } },
			.want = "#0 create-cut/roll-back U1 region0: a create of 'db0' was cut short; its namespace was labeled but never got a device-dax info block (a raw namespace)\n"
				"> remove U1 release media@region0 registry for #0: done\n",
	},
	{
			.name = "create-cut: a device that may not be zeroed",
			.etc = { DB0(.intent = "create") },
			.devs = { ACTIVE_DB0 },
			.want = "#0 create-cut/roll-back U1 region0: a create of 'db0' was cut short; its device may not be zeroed\n",
	},
	{
			.name = "destroy-cut: its namespace still there",
			.mode = REPAIR,
			.etc = { DB0(.intent = "destroy") },
			.copies = { { "region0", HEALTHY,
					{ DB0(.intent = "destroy") } } },
			.devs = { ACTIVE_DB0 },
			.want = "#0 destroy-cut/finish-destroy U1 region0: a destroy of 'db0' was cut short; its namespace is still there\n"
				"> remove U1 release media@region0 registry for #0: done\n",
	},
	{
			.name = "destroy-cut: its namespace gone, the record left",
			.mode = ACTIVATE,
			.etc = { DB0(.intent = "destroy") },
			.devs = { { .uuid = U1,
					.state = DAXPOOL_STATE_MISSING } },
			.want = "#0 destroy-cut/finish-destroy U1 region0: a destroy of 'db0' was cut short\n"
				"> remove U1 release registry for #0: done\n",
	},
	{
			.name = "destroy-cut: the media's intent speaks, not the registry's",
			.mode = REPAIR,
			.etc = { DB0() },
			.copies = { { "region0", HEALTHY,
					{ DB0(.intent = "destroy") } } },
			.devs = { ACTIVE_DB0 },
			.want = "#0 destroy-cut/finish-destroy U1 region0: a destroy of 'db0' was cut short; its namespace is still there\n"
				"> remove U1 release media@region0 registry for #0: done\n",
	},
	{
			.name = "destroy-cut: a release that fails leaves the pool out of the rebuilt copy",
			.mode = REPAIR,
			.fail = "x",
			.etc = { DB0(.intent = "destroy"),
					{ .name = "db1", .uuid = U2 } },
			.copies = { { "region0", NONE_GOOD } },
			.devs = { ACTIVE_DB0, { .uuid = U2, .label = "db1" } },
			.want = "#0 media-damaged/rewrite-media - region0: neither slot of the media copy on region0 (namespace namespace0.0) is good (slot 0: header checksum mismatch; slot 1: payload checksum mismatch)\n"
				"#1 destroy-cut/finish-destroy U1 region0: a destroy of 'db0' was cut short; its namespace is still there\n"
				"> remove U1 release registry for #1: fails\n"
				"> rebuild-copy region0 from db1 for #0: done\n",
	},
	/* ------------------------------------------ registry against media */
	{
			.name = "unregistered: written from the media, then looked at",
			.mode = REPAIR,
			.copies = { { "region0", HEALTHY,
					{ DB0(.owner = "ghost") } } },
			.devs = { { .uuid = U1,
					.label = "db0",
					.state = DAXPOOL_STATE_DISABLED } },
			.gone = { "ghost" },
			.want = "#0 unregistered/register U1 region0: 'db0' is on the media of region0 but not in /etc/daxpool\n"
				"#1 disabled/enable U1 region0: the device of 'db0' (namespace0.1) is not enabled\n"
				"#2 owner-unknown U1 region0: user 'ghost' does not exist on this host: the pool stays root-only until it does, or 'daxpool chown' names another\n"
				"> registry-write U1 'db0' ghost 0600 for #0: done\n"
				"> enable U1 for #1: done\n",
	},
	{
			.name = "unregistered: nothing more said until it is registered",
			.copies = { { "region0", HEALTHY,
					{ DB0(.owner = "ghost") } } },
			.devs = { { .uuid = U1,
					.label = "db0",
					.state = DAXPOOL_STATE_DISABLED } },
			.gone = { "ghost" },
			.want = "#0 unregistered/register U1 region0: 'db0' is on the media of region0 but not in /etc/daxpool\n",
	},
	{
			.name = "unregistered: its registering fails",
			.mode = ACTIVATE,
			.fail = "x",
			.copies = { { "region0", HEALTHY,
					{ DB0(.owner = "ghost") } } },
			.devs = { { .uuid = U1,
					.label = "db0",
					.state = DAXPOOL_STATE_DISABLED } },
			.gone = { "ghost" },
			.want = "#0 unregistered/register U1 region0: 'db0' is on the media of region0 but not in /etc/daxpool\n"
				"> registry-write U1 'db0' ghost 0600 for #0: fails\n",
	},
	{
			.name = "stale: each field that differs, the registry's first",
			.mode = REPAIR,
			.etc = { DB0() },
			.copies = { { "region0", HEALTHY,
					{ DB0(.owner = "oracle",
							.mode = 0660) } } },
			.devs = { ACTIVE_DB0 },
			.want = "#0 stale/update-registry U1 region0: the registry disagrees with the media of region0: owner alice -> oracle, mode 0600 -> 0660\n"
				"> registry-write U1 'db0' oracle 0660 for #0: done\n",
	},
	{
			.name = "stale: every field",
			.etc = { { .name = "old",
					.uuid = U1,
					.group = "staff",
					.created = 7,
					.intent = "create",
					.kind = RAM } },
			.copies = { { "region0", HEALTHY,
					{ DB0(.owner = "oracle",
							.mode = 0640) } } },
			.devs = { { .uuid = U1, .label = "db0" } },
			.want = "#0 stale/update-registry U1 region0: the registry disagrees with the media of region0: name 'old' -> 'db0', owner alice -> oracle, group staff -> dba, mode 0600 -> 0640, size, align or type, created, intent 'create' -> ''\n"
				"#1 label/relabel U1 region0: the namespace label of 'old' says 'db0'\n",
	},
	{
			.name = "stale: the registry's conflict mark is kept",
			.mode = REPAIR,
			.etc = { DB0(.conflict = true, .mode = 0640) },
			.copies = { { "region0", HEALTHY, { DB0() } } },
			.devs = { ACTIVE_DB0 },
			.want = "#0 stale/update-registry U1 region0: the registry disagrees with the media of region0: mode 0640 -> 0600\n"
				"#1 conflict U1 region0: 'db0' is held root-only without a link: another pool has its name; rename it with 'daxpool rename " U1
				" NEWNAME'\n"
				"> registry-write U1 'db0' alice 0600 conflict for #0: done\n",
	},
	{
			.name = "stale: rewritten, the label follows the media's name",
			.mode = REPAIR,
			.etc = { { .name = "old", .uuid = U1 } },
			.copies = { { "region0", HEALTHY, { DB0() } } },
			.devs = { ACTIVE_DB0 },
			.want = "#0 stale/update-registry U1 region0: the registry disagrees with the media of region0: name 'old' -> 'db0'\n"
				"> registry-write U1 'db0' alice 0600 for #0: done\n",
	},
	{
			.name = "stale: not rewritten, the label is the registry's to judge",
			.mode = REPAIR,
			.fail = "x.",
			.etc = { { .name = "old",
					.uuid = U1,
					.owner = "ghost" } },
			.copies = { { "region0", HEALTHY, { DB0() } } },
			.devs = { ACTIVE_DB0 },
			.gone = { "ghost" },
			.want = "#0 stale/update-registry U1 region0: the registry disagrees with the media of region0: name 'old' -> 'db0', owner ghost -> alice\n"
				"#1 label/relabel U1 region0: the namespace label of 'old' says 'db0'\n"
				"#2 owner-unknown U1 region0: user 'ghost' does not exist on this host: the pool stays root-only until it does, or 'daxpool chown' names another\n"
				"> registry-write U1 'db0' alice 0600 for #0: fails\n"
				"> relabel U1 for #1: done\n",
	},
	{
			.name = "media-missing: written into its region's copy",
			.mode = REPAIR,
			.etc = { DB0() },
			.devs = { ACTIVE_DB0 },
			.want = "#0 media-missing/write-media U1 region0: 'db0' is registered but not on the media of region0\n"
				"> media-put U1 'db0' alice 0600 @region0 for #0: done\n",
	},
	{
			.name = "media-missing: not for a ram pool",
			.mode = REPAIR,
			.etc = { { .name = "r0",
					.uuid = U1,
					.kind = RAM,
					.region = "region5" } },
			.devs = { { .uuid = U1,
					.kind = RAM,
					.region = "region5" } },
			.want = "",
	},
	{
			.name = "media-mismatch: a copy speaks only for its own region",
			.mode = REPAIR,
			.etc = { DB0() },
			.copies = { { "region1", HEALTHY,
					{ DB0(.owner = "mallory") } } },
			.devs = { ACTIVE_DB0,
					{ .uuid = U1,
							.label = "db0",
							.from_registry =
									true } },
			.want = "#0 media-mismatch U1 region1: the media copy on region1 names pool " U1
				", whose namespace is on region0: that record is not believed\n"
				"#1 media-missing/write-media U1 region0: 'db0' is registered but not on the media of region0\n"
				"> media-put U1 'db0' alice 0600 @region0 for #1: done\n",
	},
	{
			.name = "media-mismatch: a pool the registry does not know is left alone",
			.mode = REPAIR,
			.copies = { { "region1", HEALTHY, { DB0() } } },
			.devs = { ACTIVE_DB0 },
			.want = "#0 media-mismatch U1 region1: the media copy on region1 names pool " U1
				", whose namespace is on region0: that record is not believed\n",
	},
	{
			.name = "two copies claim a pool: the first region's wins",
			.mode = REPAIR,
			.etc = { DB0() },
			.copies = { { "region0", HEALTHY, { DB0() } },
					{ "region1", HEALTHY,
							{ DB0(.owner = "mallory") } } },
			.devs = { ACTIVE_DB0 },
			.want = "",
	},
	/* ------------------------------------------------------ the kernel */
	{
			.name = "missing: a pmem pool only the registry knows was destroyed",
			.mode = ACTIVATE,
			.etc = { DB0() },
			.devs = { { .uuid = U1,
					.state = DAXPOOL_STATE_MISSING } },
			.want = "#0 missing/drop-record U1 region0: no namespace and no media copy carries the uuid of 'db0': it was destroyed\n"
				"> remove U1 registry for #0: done\n",
	},
	{
			.name = "missing: a pool a copy knows, dropped by check --repair",
			.mode = REPAIR,
			.etc = { DB0(.owner = "ghost") },
			.copies = { { "region0", HEALTHY,
					{ DB0(.owner = "ghost"),
							{ .name = "db1",
									.uuid = U2 } } } },
			.devs = { { .uuid = U1, .state = DAXPOOL_STATE_MISSING },
					{ .uuid = U2, .label = "db1" } },
			.gone = { "ghost" },
			.want = "#0 missing/drop-record U1 region0: no device carries 'db0' (pmem: no namespace has its uuid; ram: its region is gone)\n"
				"#1 unregistered/register U2 region0: 'db1' is on the media of region0 but not in /etc/daxpool\n"
				"> remove U1 media@region0 registry for #0: done\n"
				"> registry-write U2 'db1' alice 0600 for #1: done\n",
	},
	{
			.name = "missing: a pool a copy knows, kept by activate",
			.mode = ACTIVATE,
			.etc = { DB0(.owner = "ghost") },
			.copies = { { "region0", HEALTHY,
					{ DB0(.owner = "ghost") } } },
			.devs = { { .uuid = U1,
					.state = DAXPOOL_STATE_MISSING } },
			.gone = { "ghost" },
			.want = "#0 missing/drop-record U1 region0: no device carries 'db0' (pmem: no namespace has its uuid; ram: its region is gone)\n"
				"#1 owner-unknown U1 region0: user 'ghost' does not exist on this host: the pool stays root-only until it does, or 'daxpool chown' names another\n",
	},
	{
			.name = "missing: a ram pool whose region is gone",
			.mode = ACTIVATE,
			.etc = { { .name = "r0",
					.uuid = U1,
					.kind = RAM,
					.region = "region5" } },
			.devs = { { .uuid = U1,
					.kind = RAM,
					.state = DAXPOOL_STATE_MISSING,
					.region = "region5" } },
			.want = "#0 missing/drop-record U1 region5: no device carries 'r0' (pmem: no namespace has its uuid; ram: its region is gone)\n",
	},
	{
			.name = "missing: a drop that fails still looks at the accounts",
			.mode = REPAIR,
			.fail = "x",
			.etc = { DB0(.group = "gone") },
			.devs = { { .uuid = U1,
					.state = DAXPOOL_STATE_MISSING } },
			.gone = { "gone" },
			.want = "#0 missing/drop-record U1 region0: no namespace and no media copy carries the uuid of 'db0': it was destroyed\n"
				"#1 owner-unknown U1 region0: group 'gone' does not exist on this host: the pool stays root-only until it does, or 'daxpool chown' names another\n"
				"> remove U1 registry for #0: fails\n",
	},
	{
			.name = "disabled: a namespace",
			.mode = REPAIR,
			.etc = { DB0() },
			.copies = { { "region0", HEALTHY, { DB0() } } },
			.devs = { { .uuid = U1,
					.label = "db0",
					.state = DAXPOOL_STATE_DISABLED } },
			.want = "#0 disabled/enable U1 region0: the device of 'db0' (namespace0.1) is not enabled\n"
				"> enable U1 for #0: done\n",
	},
	{
			.name = "disabled: a ram pool's device",
			.etc = { { .name = "r0",
					.uuid = U1,
					.kind = RAM,
					.region = "region5" } },
			.devs = { { .uuid = U1,
					.kind = RAM,
					.region = "region5",
					.state = DAXPOOL_STATE_DISABLED,
					.chardev = "dax5.1" } },
			.want = "#0 disabled/enable U1 region5: the device of 'r0' (dax5.1) is not enabled\n",
	},
	{
			.name = "inactive: a ram pool after a boot",
			.mode = ACTIVATE,
			.etc = { { .name = "r0",
					.uuid = U1,
					.kind = RAM,
					.region = "region5" } },
			.devs = { { .uuid = U1,
					.kind = RAM,
					.region = "region5",
					.state = DAXPOOL_STATE_INACTIVE } },
			.want = "#0 inactive/recreate U1 region5: 'r0' has no device since the last boot (ranges 0x100000000-0x10fffffff of region5)\n"
				"> enable U1 for #0: done\n",
	},
	{
			.name = "label: a rename of a pool in use",
			.mode = REPAIR,
			.fail = "x",
			.etc = { DB0() },
			.copies = { { "region0", HEALTHY, { DB0() } } },
			.devs = { { .uuid = U1, .label = "old" } },
			.want = "#0 label/relabel U1 region0: the namespace label of 'db0' says 'old'\n"
				"> relabel U1 for #0: fails\n",
	},
	{
			.name = "a kind this build lacks: only its copies and accounts",
			.mode = REPAIR,
			.etc = { DB0(.kind = UNKNOWN_KIND, .owner = "ghost") },
			.devs = { { .uuid = U1, .kind = UNKNOWN_KIND } },
			.gone = { "ghost" },
			.want = "#0 owner-unknown U1 region0: user 'ghost' does not exist on this host: the pool stays root-only until it does, or 'daxpool chown' names another\n",
	},
	/* -------------------------------------------------------- accounts */
	{
			.name = "owner-unknown: a user",
			.etc = { DB0(.owner = "ghost") },
			.copies = { { "region0", HEALTHY,
					{ DB0(.owner = "ghost") } } },
			.devs = { ACTIVE_DB0 },
			.gone = { "ghost" },
			.want = "#0 owner-unknown U1 region0: user 'ghost' does not exist on this host: the pool stays root-only until it does, or 'daxpool chown' names another\n",
	},
	{
			.name = "owner-unknown: a group",
			.etc = { DB0(.group = "ghosts") },
			.copies = { { "region0", HEALTHY,
					{ DB0(.group = "ghosts") } } },
			.devs = { ACTIVE_DB0 },
			.gone = { "ghosts" },
			.want = "#0 owner-unknown U1 region0: group 'ghosts' does not exist on this host: the pool stays root-only until it does, or 'daxpool chown' names another\n",
	},
	/* ------------------------------------------------------- conflicts */
	{
			.name = "conflict: the pool registered here keeps the name",
			.mode = REPAIR,
			.etc = { DB0(.created = 500) },
			.copies = { { "region0", HEALTHY,
					{ DB0(.created = 500),
							{ .name = "db0",
									.uuid = U2,
									.created = 1 } } } },
			.devs = { ACTIVE_DB0, { .uuid = U2, .label = "db0" } },
			.want = "#0 unregistered/register U2 region0: 'db0' is on the media of region0 but not in /etc/daxpool\n"
				"#1 conflict/hold U2 region0: pool " U2
				" wants the name 'db0' of pool " U1
				"; rename it with 'daxpool rename " U2
				" NEWNAME'\n"
				"> registry-write U2 'db0' alice 0600 for #0: done\n"
				"> registry-write U2 'db0' alice 0600 conflict for #1: done\n",
	},
	{
			.name = "conflict: else the older one",
			.etc = { { .name = "db0", .uuid = U2, .created = 200 },
					DB0() },
			.devs = { { .uuid = U2, .label = "db0" }, ACTIVE_DB0 },
			.want = "#0 media-missing/write-media U2 region0: 'db0' is registered but not on the media of region0\n"
				"#1 media-missing/write-media U1 region0: 'db0' is registered but not on the media of region0\n"
				"#2 conflict/hold U2 region0: pool " U2
				" wants the name 'db0' of pool " U1
				"; rename it with 'daxpool rename " U2
				" NEWNAME'\n",
	},
	{
			.name = "conflict: ties go to the lower uuid",
			.mode = REPAIR,
			.etc = { { .name = "db0", .uuid = U2 }, DB0() },
			.copies = { { "region0", HEALTHY,
					{ { .name = "db0", .uuid = U2 },
							DB0() } } },
			.devs = { { .uuid = U2, .label = "db0" }, ACTIVE_DB0 },
			.want = "#0 conflict/hold U2 region0: pool " U2
				" wants the name 'db0' of pool " U1
				"; rename it with 'daxpool rename " U2
				" NEWNAME'\n"
				"> registry-write U2 'db0' alice 0600 conflict for #0: done\n",
	},
	{
			.name = "conflict: held, until it is renamed by uuid",
			.mode = REPAIR,
			.etc = { DB0(),
					{ .name = "db0",
							.uuid = U2,
							.conflict = true } },
			.devs = { ACTIVE_DB0, { .uuid = U2, .label = "db1" } },
			.want = "#0 media-missing/write-media U1 region0: 'db0' is registered but not on the media of region0\n"
				"#1 media-missing/write-media U2 region0: 'db0' is registered but not on the media of region0\n"
				"#2 conflict U2 region0: 'db0' is held root-only without a link: another pool has its name; rename it with 'daxpool rename " U2
				" NEWNAME'\n"
				"> media-put U1 'db0' alice 0600 @region0 for #0: done\n"
				"> media-put U2 'db0' alice 0600 conflict @region0 for #1: done\n",
	},
	{
			.name = "conflict: a pool whose change was cut short wants no name",
			.mode = REPAIR,
			.fail = "x",
			.etc = { DB0(.intent = "destroy"),
					{ .name = "db0",
							.uuid = U2,
							.created = 200 } },
			.devs = { ACTIVE_DB0, { .uuid = U2, .label = "db0" } },
			.want = "#0 destroy-cut/finish-destroy U1 region0: a destroy of 'db0' was cut short; its namespace is still there\n"
				"#1 media-missing/write-media U2 region0: 'db0' is registered but not on the media of region0\n"
				"> remove U1 release registry for #0: fails\n"
				"> media-put U2 'db0' alice 0600 @region0 for #1: done\n",
	},
	{
			.name = "conflict: not with a pool the repair dropped",
			.mode = REPAIR,
			.etc = { DB0() },
			.copies = { { "region1", HEALTHY,
					{ { .name = "db0",
							.uuid = U2,
							.region = "region1" } } } },
			.devs = { { .uuid = U1, .state = DAXPOOL_STATE_MISSING },
					{ .uuid = U2,
							.region = "region1",
							.label = "db0" } },
			.want = "#0 missing/drop-record U1 region0: no namespace and no media copy carries the uuid of 'db0': it was destroyed\n"
				"#1 unregistered/register U2 region1: 'db0' is on the media of region1 but not in /etc/daxpool\n"
				"> remove U1 registry for #0: done\n"
				"> registry-write U2 'db0' alice 0600 for #1: done\n",
	},
	{
			.name = "conflict: with a pool that is only on the media, no hold",
			.etc = { DB0() },
			.copies = { { "region1", HEALTHY,
					{ { .name = "db0",
							.uuid = U2,
							.region = "region1" } } } },
			.devs = { { .uuid = U1, .state = DAXPOOL_STATE_MISSING },
					{ .uuid = U2,
							.region = "region1",
							.label = "db0" } },
			.want = "#0 missing/drop-record U1 region0: no namespace and no media copy carries the uuid of 'db0': it was destroyed\n"
				"#1 unregistered/register U2 region1: 'db0' is on the media of region1 but not in /etc/daxpool\n"
				"#2 conflict/hold U2 region1: pool " U2
				" wants the name 'db0' of pool " U1
				"; rename it with 'daxpool rename " U2
				" NEWNAME'\n",
	},
	/* ---------------------------------------------------------- NAMES */
	{
			.name = "NAMES: only that pool, and no region's copy",
			.mode = REPAIR,
			.names = { "db1" },
			.etc = { DB0(.owner = "ghost"),
					{ .name = "db1", .uuid = U2 } },
			.copies = { { "region0", SLOT1_DAMAGED,
					{ DB0(.owner = "ghost"),
							{ .name = "db1",
									.uuid = U2,
									.mode = 0644 } } } },
			.devs = { { .uuid = U2, .label = "db1" } },
			.gone = { "ghost" },
			.want = "#0 stale/update-registry U2 region0: the registry disagrees with the media of region0: mode 0600 -> 0644\n"
				"> registry-write U2 'db1' alice 0644 for #0: done\n",
	},
	{
			.name = "NAMES: a uuid, in capitals",
			.names = { "ABCDEF00-1111-4111-8111-0123456789AB" },
			.etc = { DB0(.owner = "ghost"),
					{ .name = "db1",
							.uuid = U4,
							.owner = "ghost" } },
			.devs = { { .uuid = U4, .label = "db1" } },
			.gone = { "ghost" },
			.want = "#0 media-missing/write-media U4 region0: 'db1' is registered but not on the media of region0\n"
				"#1 owner-unknown U4 region0: user 'ghost' does not exist on this host: the pool stays root-only until it does, or 'daxpool chown' names another\n",
	},
	{
			.name = "NAMES: a name no pool has",
			.names = { "db0", "nope" },
			.etc = { DB0() },
			.devs = { ACTIVE_DB0 },
			.want = "#0 media-missing/write-media U1 region0: 'db0' is registered but not on the media of region0\n"
				"unknown nope\n",
	},
	{
			.name = "NAMES: the media's name picks the pool",
			.names = { "new" },
			.etc = { DB0() },
			.copies = { { "region0", HEALTHY,
					{ { .name = "new", .uuid = U1 } } } },
			.devs = { { .uuid = U1, .label = "new" } },
			.want = "#0 stale/update-registry U1 region0: the registry disagrees with the media of region0: name 'db0' -> 'new'\n"
				"#1 label/relabel U1 region0: the namespace label of 'db0' says 'new'\n",
	},
	{
			.name = "NAMES: the registry's old name is still the pool's while not repaired",
			.names = { "db0" },
			.etc = { DB0() },
			.copies = { { "region0", HEALTHY,
					{ { .name = "new", .uuid = U1 } } } },
			.devs = { { .uuid = U1, .label = "new" } },
			.want = "#0 stale/update-registry U1 region0: the registry disagrees with the media of region0: name 'db0' -> 'new'\n"
				"#1 label/relabel U1 region0: the namespace label of 'db0' says 'new'\n",
	},
	{
			.name = "NAMES: a name the repair took from the pool is not found",
			.mode = REPAIR,
			.names = { "db0" },
			.etc = { DB0() },
			.copies = { { "region0", HEALTHY,
					{ { .name = "new", .uuid = U1 } } } },
			.devs = { { .uuid = U1, .label = "new" } },
			.want = "#0 stale/update-registry U1 region0: the registry disagrees with the media of region0: name 'db0' -> 'new'\n"
				"> registry-write U1 'new' alice 0600 for #0: done\n"
				"unknown db0\n",
	},
	{
			.name = "NAMES: a pool the repair dropped was still found",
			.mode = REPAIR,
			.names = { "db0" },
			.etc = { DB0(.intent = "destroy") },
			.devs = { ACTIVE_DB0 },
			.want = "#0 destroy-cut/finish-destroy U1 region0: a destroy of 'db0' was cut short; its namespace is still there\n"
				"> remove U1 release registry for #0: done\n",
	},
	/* ---------------------------------------------- outcomes in a row */
	{
			.name = "steps in order across pools that each wait for an outcome",
			.mode = REPAIR,
			.fail = ".x.",
			.copies = { { "region0", HEALTHY,
					{ DB0(),
							{ .name = "db1",
									.uuid = U2,
									.owner = "ghost" },
							{ .name = "db2",
									.uuid = U3,
									.group = "gone" } } } },
			.devs = { ACTIVE_DB0, { .uuid = U2, .label = "db1" },
					{ .uuid = U3, .label = "db1" } },
			.gone = { "ghost", "gone" },
			.want = "#0 unregistered/register U1 region0: 'db0' is on the media of region0 but not in /etc/daxpool\n"
				"#1 unregistered/register U2 region0: 'db1' is on the media of region0 but not in /etc/daxpool\n"
				"#2 unregistered/register U3 region0: 'db2' is on the media of region0 but not in /etc/daxpool\n"
				"#3 label/relabel U3 region0: the namespace label of 'db2' says 'db1'\n"
				"#4 owner-unknown U3 region0: group 'gone' does not exist on this host: the pool stays root-only until it does, or 'daxpool chown' names another\n"
				"> registry-write U1 'db0' alice 0600 for #0: done\n"
				"> registry-write U2 'db1' ghost 0600 for #1: fails\n"
				"> registry-write U3 'db2' alice 0600 for #2: done\n"
				"> relabel U3 for #3: done\n",
	},
};

/* each problem has a case here, and its entry in daxpool-check(1) */
static void every_problem(const char *manpage)
{
	static char text[65536];
	FILE *f = fopen(manpage, "r");
	size_t len = f ? fread(text, 1, sizeof(text) - 1, f) : 0;
	char entry[64];
	int i;

	if (f)
		fclose(f);
	text[len] = '\0';
	for (i = 0; i < DP_PROBLEM_COUNT; i++) {
		snprintf(entry, sizeof(entry), "\n`%s`::\n",
				dp_problem_name(i));
		ok(seen[i], "a case finds %s", dp_problem_name(i));
		ok(strstr(text, entry), "%s lists %s", manpage,
				dp_problem_name(i));
	}
}

int main(int argc, char **argv)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run(&cases[i]);
	ok(on_copy > 0 && unkept == 0,
			"each of the %d steps on a record's copy names the kind that keeps it (%d do not)",
			on_copy, unkept);
	if (argc > 1)
		every_problem(argv[1]);
	return tap_done();
}
