// SPDX-License-Identifier: GPL-2.0-only
/*
 * The change journal on the host: intents as records spell them, the
 * table of cut points, and the order of every change's writes. A fake
 * backend keeps the "media copy" in memory and a registry of its own
 * lives in a temporary directory, so no kernel object is touched; at each
 * cut point the test notes what both copies hold, which is what a power
 * cut there would leave.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "backend/backend.h"
#include "change/journal.h"
#include "store/registry.h"
#include "quiet-log.h"
#include "tap.h"

#define UUID "3f2504e0-4f89-11d3-9a0c-0305e82c3301"

static struct daxpool_ctx *ctx;
static char etcdir[128];
static char events[4096];

/* the fake kind's own copy, and what its ops are to refuse */
static struct {
	bool present;
	struct daxpool_record rec;
} media;
static bool refuse_store, refuse_release;

static void note(const char *s)
{
	size_t len = strlen(events);

	snprintf(events + len, sizeof(events) - len, "%s%s", len ? " " : "", s);
}

/* "owner+intent+ranges", or "0" for no record */
static const char *summary(
		const struct daxpool_record *r, char *buf, size_t len)
{
	if (!r)
		return "0";
	snprintf(buf, len, "%s%s%s%s", r->owner,
			r->intent != DP_INTENT_NONE ? "+" : "",
			dp_intent_name(r->intent),
			r->ranges[0] ? "+ranges" : "");
	return buf;
}

static const char *etc_state(char *buf, size_t len)
{
	struct daxpool_record r;
	char path[400];
	const char *why;

	dp_record_path(etcdir, UUID, path, sizeof(path));
	return summary(dp_registry_read_file(path, &r, &why) == 0 ? &r : NULL,
			buf, len);
}

/* every point passed: what both copies hold there */
static void observe(const char *point)
{
	char a[1024], b[1024], s[2200];

	if (strchr(point, ':') && !strstr(point, ":start") &&
			strncmp(point, "unjournaled:", 12) != 0) {
		snprintf(s, sizeof(s), "%s{etc=%s media=%s}", point,
				etc_state(a, sizeof(a)),
				summary(media.present ? &media.rec : NULL, b,
						sizeof(b)));
		note(s);
	} else {
		note(point);
	}
}

static int fake_store(struct daxpool_ctx *c, struct daxpool_pool *pool)
{
	char buf[1024], s[1100];

	if (refuse_store) {
		note("store-refused");
		return dp_fail(c, EIO, "the fake media refused");
	}
	media.present = true;
	media.rec = pool->rec;
	snprintf(s, sizeof(s), "store(%s)",
			summary(&pool->rec, buf, sizeof(buf)));
	note(s);
	return 0;
}

static int fake_forget(struct daxpool_ctx *c, struct daxpool_pool *pool)
{
	(void)c;
	(void)pool;
	media.present = false;
	note("forget");
	return 0;
}

static int fake_provision(struct daxpool_ctx *c,
		const struct daxpool_create_args *args,
		const struct dp_recorded *others, struct daxpool_pool *pool,
		struct dp_placement *pl)
{
	(void)c;
	(void)args;
	(void)others;
	(void)pl;
	/* a kind with no copy of its own learns where its memory is */
	if (!pool->ops->keeps_copy)
		snprintf(pool->rec.ranges, sizeof(pool->rec.ranges),
				"0x100000000-0x103ffffff");
	note("provision");
	return 0;
}

static int fake_release(struct daxpool_ctx *c, struct daxpool_pool *pool)
{
	(void)pool;
	if (refuse_release) {
		note("release-refused");
		return dp_fail(c, EBUSY, "the fake kernel refused");
	}
	note("release");
	return 0;
}

static int fake_relabel(struct daxpool_ctx *c, struct daxpool_pool *pool)
{
	(void)c;
	(void)pool;
	note("relabel");
	return 0;
}

/* check's repair: a record out of the copy on a region */
static int fake_copy_drop(
		struct daxpool_ctx *c, const char *region, const char *uuid)
{
	char s[200];

	(void)c;
	if (strcmp(uuid, media.rec.uuid) == 0)
		media.present = false;
	snprintf(s, sizeof(s), "copy-drop(%s)", region);
	note(s);
	return 0;
}

static const struct dp_backend fake_pmem = {
	.type = DAXPOOL_TYPE_PMEM,
	.keeps_copy = true,
	.copy_drop = fake_copy_drop,
	.store = fake_store,
	.forget = fake_forget,
	.provision = fake_provision,
	.release = fake_release,
	.relabel = fake_relabel,
};

/* a kind whose registry record is its only copy (ram) */
static const struct dp_backend fake_ram = {
	.type = DAXPOOL_TYPE_RAM,
	.provision = fake_provision,
	.release = fake_release,
};

static int provision(struct dp_journal *j, void *arg)
{
	(void)arg;
	return j->pool->ops->provision(j->ctx, NULL, NULL, j->pool, NULL);
}

/* zeroing: its point half-way through; ARG non-NULL: it fails at the end */
static int zero(struct dp_journal *j, void *arg)
{
	note("zero");
	dp_journal_halfway(j);
	dp_journal_halfway(j); /* once only */
	if (arg) {
		note("zero-failed");
		return dp_fail(j->ctx, EIO, "the fake zeroing failed");
	}
	return 0;
}

static int release(struct dp_journal *j, void *arg)
{
	(void)arg;
	return j->pool->ops->release(j->ctx, j->pool);
}

static int relabel(struct dp_journal *j, void *arg)
{
	(void)arg;
	return j->pool->ops->relabel(j->ctx, j->pool);
}

static void reset(const struct dp_backend *be, struct daxpool_pool *pool,
		bool committed)
{
	struct daxpool_record r = { .type = be->type,
		.size = 1 << 26,
		.align = 2 << 20,
		.mode = 0600,
		.created = 1764100000 };

	snprintf(r.name, sizeof(r.name), "db0");
	snprintf(r.uuid, sizeof(r.uuid), UUID);
	snprintf(r.owner, sizeof(r.owner), "alice");
	snprintf(r.group, sizeof(r.group), "dba");
	memset(pool, 0, sizeof(*pool));
	pool->ctx = ctx;
	pool->ops = be;
	pool->rec = r;
	snprintf(ctx->confdir, sizeof(ctx->confdir), "%s", etcdir);
	dp_registry_remove(ctx, UUID);
	media.present = false;
	if (committed) {
		dp_registry_write(ctx, &r);
		if (be->keeps_copy) {
			media.present = true;
			media.rec = r;
		}
	}
	refuse_store = refuse_release = false;
	dp_clear_error(ctx);
	events[0] = '\0';
}

static void is(const char *what, const char *want)
{
	ok(strcmp(events, want) == 0, "%s", what);
	if (strcmp(events, want) != 0)
		printf("#   got:  %s\n#   want: %s\n", events, want);
}

static void intents(void)
{
	enum dp_intent i = DP_INTENT_DESTROY;
	struct daxpool_record r;
	const char *why = NULL;
	char text[512];

	ok(strcmp(dp_intent_name(DP_INTENT_NONE), "") == 0 &&
					strcmp(dp_intent_name(DP_INTENT_CREATE),
							"create") == 0 &&
					strcmp(dp_intent_name(DP_INTENT_DESTROY),
							"destroy") == 0,
			"intents are spelt \"\", \"create\", \"destroy\"");
	ok(strcmp(dp_intent_name((enum dp_intent)42), "") == 0,
			"a value out of range has no name");
	ok(dp_intent_parse("create", &i) == 0 && i == DP_INTENT_CREATE &&
					dp_intent_parse("destroy", &i) == 0 &&
					i == DP_INTENT_DESTROY &&
					dp_intent_parse("", &i) == 0 &&
					i == DP_INTENT_NONE,
			"each name parses to its intent, \"\" to none");
	i = DP_INTENT_CREATE;
	ok(dp_intent_parse("dance", &i) == -EINVAL &&
					dp_intent_parse("Create", &i) ==
							-EINVAL &&
					dp_intent_parse("destroy ", &i) ==
							-EINVAL &&
					i == DP_INTENT_CREATE,
			"an unknown name is refused and changes nothing");
	snprintf(text, sizeof(text),
			"{\"version\": 1, \"name\": \"db0\", \"uuid\": \"" UUID
			"\", \"type\": \"pmem\", \"size\": 67108864, \"align\": 2097152, \"owner\": \"alice\", \"group\": \"dba\", \"mode\": \"0600\", \"region\": \"region0\", \"created\": 1, \"intent\": \"%s\"}",
			"destroy");
	ok(dp_record_decode(text, &r, &why) == 0 &&
					r.intent == DP_INTENT_DESTROY,
			"a record on disk with intent \"destroy\" decodes to it");
	memcpy(strstr(text, "destroy"), "dastroy", 7);
	why = NULL;
	ok(dp_record_decode(text, &r, &why) == -EINVAL && why &&
					strcmp(why, "unknown intent") == 0,
			"an unknown intent in a record is refused: %s",
			why ? why : "no reason");
}

static void points(void)
{
	int i, k, bad = 0, dup = 0;

	for (i = 0; i < DP_POINT_COUNT; i++) {
		const char *n = dp_point_name((enum dp_point)i);
		const char *colon = n ? strchr(n, ':') : NULL;

		if (!n || !colon || colon == n || !colon[1] ||
				strchr(colon + 1, ':') || strchr(n, ' '))
			bad++;
		for (k = 0; n && k < i; k++)
			if (strcmp(n, dp_point_name((enum dp_point)k)) == 0)
				dup++;
	}
	ok(bad == 0, "every cut point has a name VERB:STEP (%d have not)", bad);
	ok(dup == 0, "no two cut points share a name (%d do)", dup);
	ok(!dp_point_name(DP_POINT_NONE) &&
					!dp_point_name((enum dp_point)(
							DP_POINT_COUNT + 5)),
			"no name outside the table");
}

enum zeroing { NO_ZERO, ZERO, ZERO_FAILS };

/* a create or a destroy as the verbs run it: the intent, the kernel's
 * step, (a create) its zeroing, and with COMMIT the commit */
static int run(struct dp_journal *j, struct daxpool_pool *pool,
		enum dp_change change, enum zeroing zeroing, bool commit)
{
	bool create = change == DP_CHANGE_CREATE;
	int rc;

	dp_journal_init(j, pool, change);
	rc = dp_journal_begin(j);
	if (!rc)
		rc = dp_journal_step(j,
				create ? DP_CUT_CREATE_PROVISIONED :
					 DP_CUT_DESTROY_RELEASED,
				create ? provision : release, NULL);
	if (!rc && zeroing != NO_ZERO)
		rc = dp_journal_step(j, DP_CUT_CREATE_ZEROING, zero,
				zeroing == ZERO_FAILS ? "fail" : NULL);
	if (!rc && commit)
		rc = dp_journal_commit(j);
	return rc;
}

static void create(void)
{
	struct daxpool_pool pool;
	struct dp_journal j;
	int rc;

	reset(&fake_pmem, &pool, false);
	rc = run(&j, &pool, DP_CHANGE_CREATE, ZERO, true);
	ok(rc == 0, "a create commits");
	is("create: intent to /etc then the media, the kernel, commit on the media then /etc",
			"create:intent-etc{etc=alice+create media=0} store(alice+create) "
			"create:intent-media{etc=alice+create media=alice+create} provision "
			"create:provisioned{etc=alice+create media=alice+create} zero "
			"create:zeroing{etc=alice+create media=alice+create} store(alice) "
			"create:commit-media{etc=alice+create media=alice} "
			"create:commit-etc{etc=alice media=alice}");

	reset(&fake_pmem, &pool, false);
	rc = run(&j, &pool, DP_CHANGE_CREATE, ZERO_FAILS, true);
	ok(rc == -EIO && dp_journal_abort(&j) == 0,
			"a failed zeroing aborts the create");
	observe("create:end");
	is("create rolled back: the device, then the media copy, then /etc",
			"create:intent-etc{etc=alice+create media=0} store(alice+create) "
			"create:intent-media{etc=alice+create media=alice+create} provision "
			"create:provisioned{etc=alice+create media=alice+create} zero "
			"create:zeroing{etc=alice+create media=alice+create} zero-failed "
			"release forget create:end{etc=0 media=0}");

	reset(&fake_pmem, &pool, false);
	refuse_store = true;
	dp_journal_init(&j, &pool, DP_CHANGE_CREATE);
	ok(dp_journal_begin(&j) == -EIO && dp_journal_abort(&j) == 0,
			"a media copy that refuses the intent aborts the create");
	observe("create:end");
	is("the intent leaves /etc; the media copy that never took it is left alone",
			"create:intent-etc{etc=alice+create media=0} store-refused "
			"create:end{etc=0 media=0}");

	/* committed, then its ownership failed, and the device stays */
	reset(&fake_pmem, &pool, false);
	rc = run(&j, &pool, DP_CHANGE_CREATE, NO_ZERO, true);
	events[0] = '\0';
	refuse_release = true;
	ok(rc == 0 && dp_journal_abort(&j) == -EBUSY,
			"a create whose device cannot be released says so");
	observe("create:end");
	is("and its record of intent comes back, the media copy first",
			"release-refused store(alice+create) "
			"create:end{etc=alice+create media=alice+create}");

	reset(&fake_ram, &pool, false);
	rc = run(&j, &pool, DP_CHANGE_CREATE, NO_ZERO, true);
	ok(rc == 0, "a create of a kind with no copy of its own commits");
	is("its ranges reach /etc, its only copy, before the cut after the kernel",
			"create:intent-etc{etc=alice+create media=0} "
			"create:intent-media{etc=alice+create media=0} provision "
			"create:provisioned{etc=alice+create+ranges media=0} "
			"create:commit-media{etc=alice+create+ranges media=0} "
			"create:commit-etc{etc=alice+ranges media=0}");
}

static void destroy(void)
{
	struct daxpool_pool pool;
	struct dp_journal j;

	reset(&fake_pmem, &pool, true);
	ok(run(&j, &pool, DP_CHANGE_DESTROY, NO_ZERO, true) == 0,
			"a destroy finishes");
	observe("destroy:end");
	is("destroy: intent to /etc then the media, the kernel, the media copy then /etc",
			"destroy:intent-etc{etc=alice+destroy media=alice} store(alice+destroy) "
			"destroy:intent-media{etc=alice+destroy media=alice+destroy} release "
			"destroy:released{etc=alice+destroy media=alice+destroy} forget "
			"destroy:media-dropped{etc=alice+destroy media=0} "
			"destroy:end{etc=0 media=0}");

	reset(&fake_pmem, &pool, true);
	refuse_release = true;
	ok(run(&j, &pool, DP_CHANGE_DESTROY, NO_ZERO, false) == -EBUSY &&
					dp_journal_abort(&j) == 0,
			"a destroy the kernel refuses aborts");
	observe("destroy:end");
	is("and its intent leaves the media copy, then /etc",
			"destroy:intent-etc{etc=alice+destroy media=alice} store(alice+destroy) "
			"destroy:intent-media{etc=alice+destroy media=alice+destroy} "
			"release-refused store(alice) destroy:end{etc=alice media=alice}");
}

static void rewrite(void)
{
	struct daxpool_pool pool;
	struct dp_journal j;
	char bad[200];
	FILE *f;

	reset(&fake_pmem, &pool, true);
	dp_journal_init(&j, &pool, DP_CHANGE_CHOWN);
	snprintf(pool.rec.owner, sizeof(pool.rec.owner), "bob");
	ok(dp_journal_write(&j) == 0, "a chown is written");
	is("chown: the media copy, then /etc",
			"chown:start store(bob) chown:media{etc=alice media=bob} "
			"chown:etc{etc=bob media=bob}");

	reset(&fake_pmem, &pool, true);
	snprintf(bad, sizeof(bad), "%s/../not-a-dir", etcdir);
	f = fopen(bad, "w");
	if (f)
		fclose(f);
	dp_journal_init(&j, &pool, DP_CHANGE_CHMOD);
	snprintf(ctx->confdir, sizeof(ctx->confdir), "%s", bad);
	pool.rec.mode = 0640;
	ok(dp_journal_write(&j) < 0 && pool.rec.mode == 0600 &&
					media.rec.mode == 0600,
			"a registry that refuses refuses the change");
	is("and the media copy gets the old record back",
			"chmod:start store(alice) chmod:media{etc=alice media=alice} "
			"store(alice)");
	snprintf(ctx->confdir, sizeof(ctx->confdir), "%s", etcdir);

	reset(&fake_pmem, &pool, true);
	dp_journal_init(&j, &pool, DP_CHANGE_RENAME);
	snprintf(pool.rec.owner, sizeof(pool.rec.owner), "carol");
	ok(dp_journal_write(&j) == 0 &&
					dp_journal_step(&j, DP_CUT_RENAME_LABEL,
							relabel, NULL) == 0,
			"a rename is written, then its label");
	is("rename: the media copy, /etc, then the label",
			"rename:start store(carol) rename:media{etc=alice media=carol} "
			"rename:etc{etc=carol media=carol} relabel "
			"rename:label{etc=carol media=carol}");

	reset(&fake_pmem, &pool, true);
	dp_journal_init(&j, &pool, DP_CHANGE_CHOWN);
	ok(dp_journal_begin(&j) == -EINVAL, "a chown has no intent to begin");
	dp_journal_init(&j, &pool, DP_CHANGE_CREATE);
	ok(dp_journal_write(&j) == -EINVAL,
			"a create is not a rewrite of a record");
	is("and neither wrote anything", "");
}

static void unjournaled(void)
{
	struct daxpool_pool pool;

	reset(&fake_pmem, &pool, false);
	dp_registry_write(ctx, &pool.rec);
	dp_registry_remove(ctx, UUID);
	is("a write of the registry outside the journal is traced twice",
			"unjournaled:registry unjournaled:registry");

	reset(&fake_pmem, &pool, true);
	ok(dp_journal_drop(ctx, &pool, NULL, NULL, true, false) == 0,
			"check drops a pool's records");
	observe("drop:end");
	is("through the journal", "drop:end{etc=0 media=alice}");

	reset(&fake_pmem, &pool, true);
	ok(dp_journal_drop(ctx, &pool, &fake_pmem, "region0", true, false) == 0,
			"check drops a pool's records from its copy too");
	observe("drop:end");
	is("through the backend that keeps the copy, then /etc",
			"copy-drop(region0) drop:end{etc=0 media=0}");

	reset(&fake_pmem, &pool, true);
	ok(dp_journal_drop(ctx, &pool, &fake_ram, "region0", true, false) ==
					-ENOTSUP,
			"a copy on a region no backend keeps is refused");
	observe("drop:end");
	is("and /etc keeps the record", "drop:end{etc=alice media=alice}");
}

static void settle(void)
{
	struct daxpool_record none = { .intent = DP_INTENT_NONE },
			      create = { .intent = DP_INTENT_CREATE },
			      destroy = { .intent = DP_INTENT_DESTROY };
	static const char *const names[] = { "nothing", "roll back", "finish",
		"drop the intent" };
	const struct {
		const struct daxpool_record *etc, *media;
		enum dp_settle want;
		const char *what;
	} cases[] = {
		{ &create, NULL, DP_SETTLE_ROLL_BACK, "create in /etc only" },
		{ &create, &create, DP_SETTLE_ROLL_BACK, "create in both" },
		{ NULL, &create, DP_SETTLE_ROLL_BACK,
				"create on the media only" },
		{ &create, &none, DP_SETTLE_DROP_INTENT,
				"create committed on the media, not in /etc" },
		{ &destroy, &destroy, DP_SETTLE_FINISH, "destroy in both" },
		{ &destroy, NULL, DP_SETTLE_FINISH,
				"destroy of a pool on no media copy" },
		{ &none, &destroy, DP_SETTLE_FINISH,
				"destroy on the media, an older /etc" },
		{ &destroy, &none, DP_SETTLE_DROP_INTENT,
				"destroy that never reached the media" },
		{ &none, &none, DP_SETTLE_NONE, "committed" },
		{ &none, NULL, DP_SETTLE_NONE, "committed, /etc only" },
		{ NULL, NULL, DP_SETTLE_NONE, "no record" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum dp_settle got = dp_journal_settle_plan(
				cases[i].etc, cases[i].media);

		ok(got == cases[i].want, "settle %s: %s (%s)", cases[i].what,
				names[cases[i].want], names[got]);
	}
}

int main(void)
{
	char dir[] = "/tmp/daxpool-journal-XXXXXX", cmd[64];

	/* this process's points go to the observer only */
	unsetenv("DAXPOOL_CUT_TRACE");
	unsetenv("DAXPOOL_CUT_AT");
	intents();
	points();
	settle();
	if (!mkdtemp(dir) || daxpool_new(&ctx) < 0)
		return 1;
	daxpool_set_log_fn(ctx, tap_quiet_log);
	snprintf(etcdir, sizeof(etcdir), "%s/etc", dir);
	dp_point_observer = observe;
	create();
	destroy();
	rewrite();
	unjournaled();
	dp_point_observer = NULL;
	daxpool_unref(ctx);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ok(system(cmd) == 0, "cleanup");
	return tap_done();
}
