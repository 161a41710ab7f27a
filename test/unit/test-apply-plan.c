// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxpool apply's two pure parts, from tables: the file's reader (list's
 * own output accepted, each mistake refused with its line) and the
 * planner (every action, the size rule, what differs, what needs a
 * repair, prune against extra, the order of the steps, and that the plan
 * made against the host it leaves is empty).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apply-file.h"
#include "apply-plan.h"
#include "tap.h"

/* the tables set a few fields over HAVE's and WANT's defaults */
#pragma GCC diagnostic ignored "-Woverride-init"

#define G (1ULL << 30)
#define M (1ULL << 20)

/* the accounts of the tests' host */
static const struct {
	const char *name;
	unsigned int id;
	bool group;
} accounts[] = {
	{ "root", 0, false },
	{ "alice", 1000, false },
	{ "bob", 1001, false },
	{ "root", 0, true },
	{ "dba", 500, true },
	{ "users", 100, true },
};

static int resolve(void *arg, bool group, const char *name, unsigned int *id)
{
	size_t i;

	(void)arg;
	for (i = 0; i < sizeof(accounts) / sizeof(accounts[0]); i++)
		if (accounts[i].group == group &&
				strcmp(accounts[i].name, name) == 0) {
			*id = accounts[i].id;
			return 0;
		}
	/* a number that names an account */
	for (i = 0; i < sizeof(accounts) / sizeof(accounts[0]); i++) {
		char num[16];

		snprintf(num, sizeof(num), "%u", accounts[i].id);
		if (accounts[i].group == group && strcmp(num, name) == 0) {
			*id = accounts[i].id;
			return 0;
		}
	}
	return -ENOENT;
}

static int parse(const char *text, struct apply_file *f, struct apply_error *e)
{
	return apply_file_parse(text, strlen(text), resolve, NULL, f, e);
}

/* what 'daxpool list -v' prints, as one host would */
static const char list_output[] =
		"[\n"
		"  {\n"
		"    \"name\": \"db\",\n"
		"    \"uuid\": \"6f1c2b7e-3a52-4c1e-9d0f-5b8e2a41c7d3\",\n"
		"    \"type\": \"pmem\",\n"
		"    \"size\": 2147483648,\n"
		"    \"align\": 2097152,\n"
		"    \"region\": \"region0\",\n"
		"    \"chardev\": \"dax0.1\",\n"
		"    \"path\": \"/dev/daxpool/db\",\n"
		"    \"owner\": \"alice\",\n"
		"    \"group\": \"dba\",\n"
		"    \"mode\": \"0660\",\n"
		"    \"numa_node\": 0,\n"
		"    \"state\": \"active\",\n"
		"    \"namespace\": \"namespace0.1\",\n"
		"    \"label\": \"db\",\n"
		"    \"namespace_size\": 2164260864,\n"
		"    \"requested_size\": 2147483648,\n"
		"    \"created\": 1733500000,\n"
		"    \"cxl_region\": \"region4\",\n"
		"    \"cxl_memdevs\": [\n"
		"      1234,\n"
		"      5678\n"
		"    ]\n"
		"  },\n"
		"  {\n"
		"    \"name\": \"scratch\",\n"
		"    \"uuid\": \"0b9d5a3c-81e4-4f27-a6b2-d3c90e7f1a58\",\n"
		"    \"type\": \"ram\",\n"
		"    \"size\": 1073741824,\n"
		"    \"align\": 2097152,\n"
		"    \"region\": null,\n"
		"    \"chardev\": null,\n"
		"    \"path\": \"/dev/daxpool/scratch\",\n"
		"    \"owner\": \"root\",\n"
		"    \"group\": \"root\",\n"
		"    \"mode\": \"0600\",\n"
		"    \"numa_node\": 1,\n"
		"    \"state\": \"inactive\"\n"
		"  }\n"
		"]\n";

static void test_list_output(void)
{
	struct apply_error e;
	struct apply_file f;
	const struct apply_want *w;
	int rc = parse(list_output, &f, &e);

	ok(rc == 0 && f.n == 2, "daxpool list -v's own output is a file (%s)",
			rc ? e.msg : "two pools");
	if (rc || f.n != 2)
		return;
	w = &f.pools[0];
	ok(strcmp(w->name, "db") == 0 && w->size == 2 * G &&
					w->type == DAXPOOL_TYPE_PMEM &&
					w->align == 2 * M &&
					strcmp(w->region, "region0") == 0 &&
					w->numa_node == -1 && w->uid == 1000 &&
					w->gid == 500 &&
					strcmp(w->owner, "alice") == 0 &&
					w->mode == 0660 && w->line == 2,
			"db: every key read; the node ignored beside the region; line 2");
	w = &f.pools[1];
	ok(strcmp(w->name, "scratch") == 0 && w->type == DAXPOOL_TYPE_RAM &&
					w->region[0] == '\0' &&
					w->numa_node == 1 && w->mode == 0600 &&
					w->line == 27,
			"scratch: region null is any, its node kept; line 27");
	apply_file_free(&f);
}

static void test_shapes(void)
{
	struct apply_error e;
	struct apply_file f;
	int rc;

	rc = parse("{\"pools\": [{\"name\": \"a\", \"size\": \"64M\"}]}", &f,
			&e);
	ok(rc == 0 && f.n == 1 && f.pools[0].size == 64 * M &&
					f.pools[0].type == DAXPOOL_TYPE_PMEM &&
					f.pools[0].mode == -1 &&
					f.pools[0].align == 0 &&
					f.pools[0].owner[0] == '\0' &&
					f.pools[0].numa_node == -1,
			"{\"pools\": [...]} is a file; what is not given stays unset");
	apply_file_free(&f);
	rc = parse(" [ ] \n", &f, &e);
	ok(rc == 0 && f.n == 0, "an empty array is a file of no pools");
	rc = parse("[{\"name\": \"n\", \"size\": 4096, \"owner\": 1000, "
		   "\"group\": \"500\", \"align\": \"1G\", \"numa_node\": 3, "
		   "\"type\": \"ram\"}]",
			&f, &e);
	ok(rc == 0 && f.n == 1 && f.pools[0].uid == 1000 &&
					f.pools[0].gid == 500 &&
					strcmp(f.pools[0].owner, "1000") == 0 &&
					f.pools[0].align == G &&
					f.pools[0].numa_node == 3,
			"ids as numbers and strings, align with a suffix, a node");
	apply_file_free(&f);
	rc = parse("[{\"name\": \"n\", \"size\": 4096, \"owner\": null, "
		   "\"mode\": null, \"align\": null, \"numa_node\": null}]",
			&f, &e);
	ok(rc == 0 && f.pools[0].owner[0] == '\0' && f.pools[0].mode == -1 &&
					f.pools[0].numa_node == -1,
			"null is not given, for the keys that may be left out");
	apply_file_free(&f);
}

/* a file that is refused: on which line, and with what words */
struct bad_case {
	const char *text;
	unsigned int line, column;
	const char *words;
};

static const struct bad_case bad_cases[] = {
	{ "[\n{\"name\": \"db\",\n \"size\": \"1G\",\n \"mode\": \"0999\"}]", 4,
			0,
			"pool 'db': invalid mode \"0999\": use octal digits, at most 07777" },
	{ "[\n{\"name\": \"db\", \"size\": \"1G\",\n \"mode\": 660}]", 3, 0,
			"pool 'db': mode must be a string of octal digits" },
	{ "[{\"name\": \"db\",\n\"size\": \"2.00 GiB\"}]", 2, 0,
			"pool 'db': invalid size \"2.00 GiB\"" },
	{ "[{\"name\": \"db\",\n\"size\": 99999999999999999999}]", 2, 0,
			"larger than 64 PiB" },
	{ "[{\"name\": \"db\",\n\"size\": 0}]", 2, 0, "not a size" },
	{ "[{\"name\": \"db\",\n\"size\": -4096}]", 2, 0, "not a size" },
	{ "[{\"name\": \"db\",\n\"size\": 1e9}]", 2, 0,
			"\"size\" must be a number of bytes" },
	{ "[{\"name\": \"db\", \"size\": 4096},\n\n {\"name\": \"db\", \"size\": 4096}]",
			3, 0, "pool 'db': named twice (first at line 1)" },
	{ "[\n {\"name\": \"db\", \"size\": 4096,\n  \"colour\": 1}]", 3, 0,
			"pool 'db': unknown key \"colour\"" },
	{ "[\n {\"name\": \"db\",\n  \"size\": 4096, \"size\": 8192}]", 3, 0,
			"pool 'db': key \"size\" given twice" },
	{ "[\n {\"name\": \"db\", \"size\": 4096,\n  \"owner\": \"carol\"}]", 3,
			0, "pool 'db': unknown owner \"carol\"" },
	{ "[\n {\"name\": \"db\", \"size\": 4096,\n  \"group\": 4242}]", 3, 0,
			"pool 'db': unknown group \"4242\"" },
	{ "[\n {\"name\": \"db\", \"size\": 4096,\n  \"type\": \"cxl\"}]", 3, 0,
			"invalid type \"cxl\": use pmem or ram" },
	{ "[\n {\"name\": \"db\", \"size\": 4096,\n  \"align\": \"8K\"}]", 3, 0,
			"invalid align" },
	{ "[\n {\"name\": \"db\", \"size\": 4096,\n  \"region\": \"../x\"}]", 3,
			0, "invalid region" },
	{ "[\n {\"name\": \"db\", \"size\": 4096,\n  \"numa_node\": -2}]", 3, 0,
			"invalid numa_node" },
	{ "[\n {\"name\": \"db\", \"size\": 4096,\n  \"numa_node\": \"1\"}]", 3,
			0, "invalid numa_node" },
	{ "[\n {\"name\": \"-db\", \"size\": 4096}]", 2, 0,
			"pool #1: invalid name \"-db\"" },
	{ "[\n {\"name\": \"d\\u0000b\", \"size\": 4096}]", 2, 0,
			"\"name\" must be a string" },
	{ "[\n {\"name\": null, \"size\": 4096}]", 2, 0,
			"\"name\" must not be null" },
	{ "[\n {\"size\": 4096}]", 2, 0, "pool #1: no \"name\"" },
	{ "[\n {\"name\": \"db\"}]", 2, 0, "pool 'db': no \"size\"" },
	{ "[\n {\"name\": \"db\", \"size\": 4096},\n 7]", 3, 0,
			"pool #2 is not a JSON object" },
	{ "\n\n\"pools\"", 3, 0, "a file is a JSON array of pools" },
	{ "{\"pool\": []}", 1, 0, "an unknown key \"pool\"" },
	{ "{\"pools\": [], \"pools\": []}", 1, 0, "a second key \"pools\"" },
	{ "{\"pools\": {}}", 1, 0, "\"pools\" is not an array" },
	{ "{}", 1, 0, "no \"pools\"" },
	/* JSON itself: line and column */
	{ "[\n {\"name\": \"db\", \"size\": 4096}\n ,, ]", 3, 3,
			"invalid JSON" },
	{ "[\n {\"name\": \"db\",\n \"size\": 4096 /* c */}]", 3, 15,
			"invalid JSON" },
	{ "[\n {\"name\": 'db', \"size\": 4096}]", 2, 11, "invalid JSON" },
	{ "[\n {\"name\": \"db\", \"size\": 4096}", 2, 30,
			"the file ends too soon" },
	{ "[] []", 1, 4, "invalid JSON" },
	{ "[\n {\"name\": \"db\", \"size\": NaN}]", 2, 25,
			"NaN and Infinity are not JSON" },
	{ "[\n {\"name\": \"d\tb\", \"size\": 4096}]", 2, 13,
			"a control character in a string" },
	{ "[\n {\"name\": \"d\xff\", \"size\": 4096}]", 2, 0, "invalid JSON" },
	{ "", 1, 1, "the file ends too soon" },
};

static void test_bad_files(void)
{
	struct apply_error e;
	struct apply_file f;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];

		rc = parse(c->text, &f, &e);
		ok(rc == -EINVAL && f.n == 0 && !f.pools && e.line == c->line &&
						(!c->column || e.column == c->column) &&
						strstr(e.msg, c->words),
				"refused at line %u:%u (want %u:%u): %s",
				e.line, e.column, c->line, c->column, e.msg);
	}
	/* a NUL byte, which a C string cannot carry */
	rc = apply_file_parse("[\n\0]", 4, resolve, NULL, &f, &e);
	ok(rc == -EINVAL && e.line == 2 && strstr(e.msg, "NUL"),
			"a NUL byte, at line %u: %s", e.line, e.msg);
}

/* the host's pools: an active pmem pool of alice:dba 0660, 2G on region0 */
#define HAVE(n, ...) \
	{ \
		.name = n, .uuid = "uuid-" n, .type = DAXPOOL_TYPE_PMEM, \
		.size = 2 * G, .requested_size = 2 * G, .align = 2 * M, \
		.region = "region0", .numa_node = 0, .owner = "alice", \
		.group = "dba", .uid_known = true, .gid_known = true, \
		.uid = 1000, .gid = 500, .mode = 0660, \
		.state = DAXPOOL_STATE_ACTIVE, __VA_ARGS__ \
	}

/* a pool of the file: its name and size, the rest as given */
#define WANT(n, sz, ...) \
	{ \
		.name = n, .size = sz, .type = DAXPOOL_TYPE_PMEM, \
		.numa_node = -1, .mode = -1, __VA_ARGS__ \
	}

/* the plan in a line: "create:a chown(o):b chmod:b destroy:c |
 * differ:y.size | repair:z=incomplete | extra:e | same:s" */
static const char *summary(const struct apply_plan *p)
{
	static char buf[1024];
	size_t i, n = 0;

#define PUT(...) n += (size_t)snprintf(buf + n, sizeof(buf) - n, __VA_ARGS__)
	buf[0] = '\0';
	for (i = 0; i < p->n_steps; i++) {
		const struct apply_step *s = &p->steps[i];

		PUT("%s", apply_action_name(s->action));
		if (s->action == APPLY_CHOWN)
			PUT("(%s%s)", s->owner ? "o" : "", s->group ? "g" : "");
		PUT(":%s ", apply_step_name(s));
	}
	PUT("|");
	for (i = 0; i < p->n_differ; i++)
		PUT(" differ:%s.%s", p->differ[i].want->name, p->differ[i].key);
	for (i = 0; i < p->n_repair; i++)
		PUT(" repair:%s=%s", p->repair[i]->name,
				daxpool_state_name(p->repair[i]->state));
	for (i = 0; i < p->n_extra; i++)
		PUT(" extra:%s", p->extra[i]->name);
	for (i = 0; i < p->n_unchanged; i++)
		PUT(" same:%s", p->unchanged[i]->name);
#undef PUT
	return buf;
}

struct plan_case {
	const char *what;
	struct apply_want want[4];
	size_t n_want;
	struct apply_have have[4];
	size_t n_have;
	bool prune;
	const char *plan;
};

static const struct plan_case plan_cases[] = {
	{ "nothing wanted, nothing there", {}, 0, {}, 0, false, "|" },
	{ "missing pools are created, in the file's order",
			{ WANT("b", G), WANT("a", G, .type = DAXPOOL_TYPE_RAM) },
			2, {}, 0, false, "create:b create:a |" },
	{ "the same pool is left alone",
			{ WANT("a", 2 * G, .owner = "alice", .uid = 1000,
					.group = "dba", .gid = 500, .mode = 0660,
					.align = 2 * M, .region = "region0") },
			1, { HAVE("a") }, 1, false, "| same:a" },
	{ "the size asked for at create is the same size",
			{ WANT("a", 2 * G - 4096) }, 1,
			{ HAVE("a", .requested_size = 2 * G - 4096) }, 1, false,
			"| same:a" },
	{ "the rounded size is the same size", { WANT("a", 2 * G) }, 1,
			{ HAVE("a", .requested_size = 2 * G - 4096) }, 1, false,
			"| same:a" },
	{ "another size differs, and nothing else is done to the pool",
			{ WANT("a", G, .mode = 0600) }, 1, { HAVE("a") }, 1,
			false, "| differ:a.size" },
	{ "type, align and region differ, each reported",
			{ WANT("a", 2 * G, .type = DAXPOOL_TYPE_RAM, .align = G,
					.region = "region1") },
			1, { HAVE("a") }, 1, false,
			"| differ:a.type differ:a.align differ:a.region" },
	{ "the node differs only where no region is given",
			{ WANT("a", 2 * G, .numa_node = 1),
					WANT("b", 2 * G, .numa_node = -1),
					WANT("c", 2 * G, .numa_node = 0) },
			3, { HAVE("a"), HAVE("b"), HAVE("c") }, 3, false,
			"| differ:a.numa_node same:b same:c" },
	{ "owner alone, group alone, both, and a mode",
			{ WANT("a", 2 * G, .owner = "bob", .uid = 1001),
					WANT("b", 2 * G, .group = "users",
							.gid = 100),
					WANT("c", 2 * G, .owner = "1001",
							.uid = 1001,
							.group = "root",
							.gid = 0, .mode = 0600),
					WANT("d", 2 * G, .mode = 0640) },
			4, { HAVE("a"), HAVE("b"), HAVE("c"), HAVE("d") }, 4,
			false,
			"chown(o):a chown(g):b chown(og):c chmod:c chmod:d |" },
	{ "an owner that does not resolve on the host is changed",
			{ WANT("a", 2 * G, .owner = "alice", .uid = 1000) }, 1,
			{ HAVE("a", .owner = "gone", .uid_known = false) }, 1,
			false, "chown(o):a |" },
	{ "owners compared as ids: \"1000\" is alice",
			{ WANT("a", 2 * G, .owner = "1000", .uid = 1000) }, 1,
			{ HAVE("a") }, 1, false, "| same:a" },
	{ "incomplete, conflict and missing pools need a repair",
			{ WANT("a", 2 * G, .mode = 0600), WANT("b", 2 * G),
					WANT("c", 2 * G) },
			3,
			{ HAVE("a", .state = DAXPOOL_STATE_INCOMPLETE),
					HAVE("b", .state = DAXPOOL_STATE_CONFLICT),
					HAVE("c", .state = DAXPOOL_STATE_MISSING) },
			3, false,
			"| repair:a=incomplete repair:b=conflict repair:c=missing" },
	{ "disabled and inactive pools are compared as they are",
			{ WANT("a", 2 * G, .mode = 0600), WANT("b", 2 * G) }, 2,
			{ HAVE("a", .state = DAXPOOL_STATE_DISABLED),
					HAVE("b", .state = DAXPOOL_STATE_INACTIVE) },
			2, false, "chmod:a | same:b" },
	{ "a conflict's loser beside the pool of the name",
			{ WANT("a", 2 * G, .mode = 0600) }, 1,
			{ HAVE("a", .uuid = "u1",
					  .state = DAXPOOL_STATE_CONFLICT),
					HAVE("a", .uuid = "u2") },
			2, false, "chmod:a | repair:a=conflict" },
	{ "pools the file does not name are extra", { WANT("a", 2 * G) }, 1,
			{ HAVE("a"), HAVE("x"),
					HAVE("y", .state = DAXPOOL_STATE_INCOMPLETE) },
			3, false, "| extra:x extra:y same:a" },
	{ "with --prune they are destroyed, unless they need a repair",
			{ WANT("a", 2 * G) }, 1,
			{ HAVE("a"), HAVE("x"),
					HAVE("y", .state = DAXPOOL_STATE_INCOMPLETE) },
			3, true, "destroy:x | repair:y=incomplete same:a" },
	{ "creates, then owners and modes, then destroys",
			{ WANT("m", 2 * G, .mode = 0600), WANT("n", G),
					WANT("o", 2 * G, .owner = "bob",
							.uid = 1001),
					WANT("p", G) },
			4, { HAVE("d"), HAVE("m"), HAVE("o") }, 3, true,
			"create:n create:p chmod:m chown(o):o destroy:d |" },
	{ "a name twice in the wants: the first counts",
			{ WANT("a", G), WANT("a", 2 * G) }, 2, {}, 0, false,
			"create:a |" },
};

/* the host after the plan, as the library would leave it */
static size_t simulate(const struct apply_plan *p, const struct apply_have *in,
		size_t n, struct apply_have *out)
{
	size_t i, j, m = 0;

	for (j = 0; j < n; j++)
		out[m++] = in[j];
	for (i = 0; i < p->n_steps; i++) {
		const struct apply_step *s = &p->steps[i];
		const struct apply_want *w = s->want;
		struct apply_have *h = NULL;
		uint64_t align;

		for (j = 0; s->have && j < m; j++)
			if (strcmp(out[j].uuid, s->have->uuid) == 0)
				h = &out[j];
		switch (s->action) {
		case APPLY_CREATE:
			align = w->align ? w->align : 2 * M;
			out[m++] = (struct apply_have){
				.name = w->name,
				.uuid = w->name,
				.type = w->type,
				.size = (w->size + align - 1) / align * align,
				.requested_size = w->size,
				.align = align,
				.region = w->region[0] ? w->region : "region0",
				.numa_node = w->numa_node >= 0 ? w->numa_node :
								 0,
				.owner = w->owner[0] ? w->owner : "root",
				.group = w->group[0] ? w->group : "root",
				.uid_known = true,
				.gid_known = true,
				.uid = w->owner[0] ? w->uid : 0,
				.gid = w->group[0] ? w->gid : 0,
				.mode = w->mode >= 0 ? (unsigned int)w->mode :
						       0600,
				.state = DAXPOOL_STATE_ACTIVE,
			};
			break;
		case APPLY_CHOWN:
			if (s->owner) {
				h->uid = w->uid;
				h->uid_known = true;
			}
			if (s->group) {
				h->gid = w->gid;
				h->gid_known = true;
			}
			break;
		case APPLY_CHMOD:
			h->mode = (unsigned int)w->mode;
			break;
		case APPLY_DESTROY:
			*h = out[--m];
			break;
		}
	}
	return m;
}

/* a host's worth of pools is read with each one's line; one more is not */
static void test_many(void)
{
	size_t n, cap = (APPLY_POOLS_MAX + 1) * 48 + 8, len;
	struct apply_file f;
	struct apply_error e;
	char *text = malloc(cap);
	int rc;

	if (!text)
		return;
	for (n = APPLY_POOLS_MAX; n <= APPLY_POOLS_MAX + 1; n++) {
		size_t i;

		len = (size_t)snprintf(text, cap, "[\n");
		for (i = 0; i < n; i++)
			len += (size_t)snprintf(text + len, cap - len,
					" {\"name\": \"p%zu\", \"size\": 4096}%s\n",
					i, i + 1 < n ? "," : "");
		snprintf(text + len, cap - len, "]\n");
		rc = parse(text, &f, &e);
		if (n == APPLY_POOLS_MAX)
			ok(rc == 0 && f.n == n && f.pools[n - 1].line == n + 1,
					"%zu pools, the last on line %zu", n,
					n + 1);
		else
			ok(rc == -EINVAL && e.line == n + 1 &&
							strstr(e.msg, "more than"),
					"%zu pools: refused at the one too many (%u: %s)",
					n, e.line, e.msg);
		apply_file_free(&f);
	}
	free(text);
}

static void test_plans(void)
{
	struct apply_have after[16];
	struct apply_plan p, again;
	size_t i, n;

	for (i = 0; i < sizeof(plan_cases) / sizeof(plan_cases[0]); i++) {
		const struct plan_case *c = &plan_cases[i];

		ok(apply_plan_make(c->want, c->n_want, c->have, c->n_have,
				   c->prune, &p) == 0 &&
						strcmp(summary(&p), c->plan) ==
								0,
				"%s: '%s'", c->what, summary(&p));
		/* the plan made again against what it leaves: no step */
		n = simulate(&p, c->have, c->n_have, after);
		ok(apply_plan_make(c->want, c->n_want, after, n, c->prune,
				   &again) == 0 &&
						again.n_steps == 0,
				"%s: a second run changes nothing ('%s')",
				c->what, summary(&again));
		apply_plan_free(&again);
		apply_plan_free(&p);
	}
}

/* the JSON of a plan: every key in its place, with its value */
static void test_json(void)
{
	static const struct apply_want want[] = {
		WANT("new", 64 * M, .type = DAXPOOL_TYPE_RAM, .mode = 0600),
		WANT("x", 2 * G, .owner = "bob", .uid = 1001, .mode = 0640),
		WANT("y", G),
	};
	static const struct apply_have have[] = { HAVE("x"), HAVE("y"),
		HAVE("old") };
	static const char expect[] =
			"{\"file\":\"pools.conf\",\"dry_run\":false,"
			"\"changes\":["
			"{\"action\":\"create\",\"name\":\"new\",\"type\":\"ram\","
			"\"size\":67108864,\"region\":null,\"numa_node\":-1,"
			"\"align\":null,\"owner\":null,\"group\":null,"
			"\"mode\":\"0600\",\"done\":true,\"error\":null},"
			"{\"action\":\"chown\",\"name\":\"x\",\"uuid\":\"uuid-x\","
			"\"owner\":\"bob\",\"group\":null,\"done\":false,"
			"\"error\":\"no space\"},"
			"{\"action\":\"chmod\",\"name\":\"x\",\"uuid\":\"uuid-x\","
			"\"mode\":\"0640\",\"done\":false,\"error\":null},"
			"{\"action\":\"destroy\",\"name\":\"old\","
			"\"uuid\":\"uuid-old\",\"done\":false,\"error\":null}],"
			"\"differ\":[{\"name\":\"y\",\"uuid\":\"uuid-y\","
			"\"key\":\"size\",\"file\":1073741824,"
			"\"host\":2147483648}],"
			"\"needs_repair\":[],\"extra\":[],\"unchanged\":[]}";
	struct json_object *o;
	struct apply_plan p;
	const char *s;

	apply_plan_make(want, 3, have, 3, true, &p);
	o = apply_plan_json(&p, "pools.conf", false, 1, "no space");
	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	ok(strcmp(s, expect) == 0, "the plan's JSON, key by key: %s", s);
	json_object_put(o);
	apply_plan_free(&p);
}

int main(void)
{
	test_many();
	test_list_output();
	test_shapes();
	test_bad_files();
	test_plans();
	test_json();
	return tap_done();
}
