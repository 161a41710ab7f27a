// SPDX-License-Identifier: GPL-2.0-only
/* registry records: encoding, damage detection, atomic files */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "store/json-flat.h"
#include "store/registry.h"
#include "quiet-log.h"
#include "tap.h"

static struct daxpool_record sample(void)
{
	struct daxpool_record r = {
		.name = "db0",
		.uuid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
		.type = DAXPOOL_TYPE_PMEM,
		.size = 64ULL << 20,
		.align = 2ULL << 20,
		.owner = "alice",
		.group = "dba",
		.mode = 0660,
		.region = "region1",
		.created = 1764100000,
	};
	return r;
}

static void roundtrip(void)
{
	struct daxpool_record r = sample(), back;
	char *text = dp_record_encode(&r);
	const char *why = NULL;

	ok(text && strstr(text, "\"mode\": \"0660\""),
			"mode encoded as octal text");
	ok(dp_record_decode(text, &back, &why) == 0, "decodes what it encoded");
	ok(memcmp(&r, &back, sizeof(r)) == 0, "round trip is exact");
	free(text);
	r.intent = DP_INTENT_CREATE;
	text = dp_record_encode(&r);
	ok(text && strstr(text, "\"intent\": \"create\""),
			"the intent is spelt on disk as it always was");
	ok(dp_record_decode(text, &back, &why) == 0 &&
					back.intent == DP_INTENT_CREATE,
			"intent survives a round trip");
	free(text);
}

static void damage(void)
{
	struct daxpool_record r = sample(), back;
	char *text = dp_record_encode(&r), *cut;
	const char *why;
	size_t len = strlen(text), i;
	struct {
		const char *from, *to;
	} edits[] = {
		{ "\"db0\"", "\"-bad\"" },
		{ "\"db0\"", "42" },
		{ "\"pmem\"", "\"disk\"" },
		{ "\"0660\"", "\"0999\"" },
		{ "\"0660\"", "660" },
		{ "\"alice\"", "\"\"" },
		{ "3f2504e0-4f89", "zzzz" },
		{ "\"version\": 1", "\"version\": 7" },
		{ "\"size\": 67108864", "\"size\": -4" },
		{ "\"size\": 67108864", "\"size\": \"big\"" },
		{ "\"align\": 2097152", "\"align\": 4097" },
		{ "\"region\"", "\"intent\": \"dance\", \"region\"" },
	};
	int bad_prefixes = 0;

	/* every truncation of a record must be detected, never half-read */
	for (i = 0; i < len - 1; i++) {
		cut = strndup(text, i);
		why = NULL;
		if (dp_record_decode(cut, &back, &why) != 0 && why)
			bad_prefixes++;
		free(cut);
	}
	ok(bad_prefixes == (int)len - 1, "all %zu truncations refused (%d)",
			len - 1, bad_prefixes);
	ok(dp_record_decode("", &back, &why) != 0, "empty text refused");
	ok(dp_record_decode("[1,2]", &back, &why) != 0, "array refused");
	ok(dp_record_decode("{}", &back, &why) != 0, "empty object refused");
	cut = malloc(len + 8);
	snprintf(cut, len + 8, "%s}junk", text);
	ok(dp_record_decode(cut, &back, &why) != 0, "trailing junk refused");
	snprintf(cut, len + 8, "%s\n\n", text);
	ok(dp_record_decode(cut, &back, &why) == 0,
			"trailing newlines accepted");
	free(cut);
	for (i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		char buf[4096], *at = strstr(text, edits[i].from);

		if (!at) {
			ok(0, "edit %zu applies", i);
			continue;
		}
		snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(at - text), text,
				edits[i].to, at + strlen(edits[i].from));
		why = NULL;
		ok(dp_record_decode(buf, &back, &why) == -EINVAL && why,
				"damaged field %zu (%s -> %s) refused: %s", i,
				edits[i].from, edits[i].to, why ? why : "");
	}
	free(text);
}

static int count_cb(struct daxpool_ctx *ctx, const struct daxpool_record *rec,
		void *arg)
{
	(void)ctx;
	(void)rec;
	(*(int *)arg)++;
	return 0;
}

static void files(void)
{
	char dir[] = "/tmp/daxpool-unit-XXXXXX", path[512];
	struct daxpool_record r = sample(), r2 = sample(), back;
	struct daxpool_ctx *ctx;
	const char *why;
	struct stat st;
	int n = 0, fd;

	ok(mkdtemp(dir) != NULL, "temp dir");
	daxpool_new(&ctx);
	daxpool_set_log_fn(ctx, tap_quiet_log);
	snprintf(ctx->confdir, sizeof(ctx->confdir), "%s/etc/daxpool", dir);
	umask(077); /* a strict root umask must not hide the registry */
	ok(dp_registry_write(ctx, &r) == 0, "record written");
	snprintf(path, sizeof(path), "%s/pools", ctx->confdir);
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0755,
			"registry directory is 0755 despite umask 077");
	snprintf(path, sizeof(path), "%s/pools/%s.json", ctx->confdir, r.uuid);
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644,
			"record is world-readable, owner-writable (0644)");
	ok(dp_registry_read_file(path, &back, &why) == 0 &&
					strcmp(back.name, "db0") == 0,
			"record reads back");
	r.mode = 0640;
	ok(dp_registry_write(ctx, &r) == 0 &&
					dp_registry_read_file(path, &back,
							&why) == 0 &&
					back.mode == 0640,
			"rewrite replaces the record");
	snprintf(r2.uuid, sizeof(r2.uuid), "%s",
			"11111111-2222-3333-4444-555555555555");
	snprintf(r2.name, sizeof(r2.name), "%s", "db1");
	dp_registry_write(ctx, &r2);
	/* a damaged file, a misnamed file and a temp file must be passed over */
	snprintf(path, sizeof(path),
			"%s/pools/99999999-2222-3333-4444-555555555555.json",
			ctx->confdir);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	ok(fd >= 0 && write(fd, "{\"version\": 1, \"na", 18) == 18,
			"damaged file planted");
	close(fd);
	snprintf(path, sizeof(path),
			"%s/pools/aaaaaaaa-2222-3333-4444-555555555555.json",
			ctx->confdir);
	{
		char *t = dp_record_encode(&r);

		fd = open(path, O_WRONLY | O_CREAT, 0644);
		ok(fd >= 0 && write(fd, t, strlen(t)) == (ssize_t)strlen(t),
				"misnamed file planted");
		close(fd);
		free(t);
	}
	snprintf(path, sizeof(path), "%s/pools/.%s.json.tmp", ctx->confdir,
			r.uuid);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	close(fd);
	ok(dp_registry_foreach(ctx, count_cb, &n) == 0 && n == 2,
			"foreach yields the 2 good records and skips the rest (%d)",
			n);
	ok(dp_registry_remove(ctx, r.uuid) == 0, "record removed");
	n = 0;
	dp_registry_foreach(ctx, count_cb, &n);
	ok(n == 1, "one record left");
	ok(dp_registry_remove(ctx, r.uuid) == 0, "removing twice is fine");
	snprintf(ctx->confdir, sizeof(ctx->confdir), "%s/none", dir);
	n = 0;
	ok(dp_registry_foreach(ctx, count_cb, &n) == 0 && n == 0,
			"a missing registry is an empty one");
	daxpool_unref(ctx);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	ok(system(path) == 0, "cleanup");
}

/* what json-c would take and a record must not be: each was accepted */
static void strict(void)
{
	static const char *const bad[][2] = {
		{ "\"name\": \"db0\"", "\"name\": \"db0\\u0000x\"" },
		{ "\"name\": \"db0\"", "\"name\": \"db0\", \"name\": \"db1\"" },
		{ "\"size\": 67108864", "\"size\": 99999999999999999999" },
		{ "\"size\": 67108864", "\"size\": -99999999999999999999" },
		{ "\"size\": 67108864", "\"size\": 6.7e7" },
		{ "\"size\": 67108864", "\"size\": 067108864" },
		{ "\"size\": 67108864", "\"size\": +67108864" },
		{ "\"name\": \"db0\"", "/* c */ \"name\": \"db0\"" },
		{ "\"name\": \"db0\"", "\"name\": \"db0\" // c\n" },
		{ "\"name\": \"db0\"", "\"name\": 'db0'" },
		{ "\"name\": \"db0\"", "'name': \"db0\"" },
		{ "\"name\": \"db0\"", "\"name\": \"db0\", " },
		{ "\"name\": \"db0\"", "\"name\": \"d\tb0\"" },
		{ "\"name\": \"db0\"", "\"name\": null" },
		{ "\"name\": \"db0\"", "\"name\": [\"db0\"]" },
		{ "\"name\": \"db0\"", "\"na\\u006de\": \"db0\"" },
		{ "\"owner\": \"alice\"", "\"owner\": \"alice\\ud800\"" },
	};
	struct daxpool_record r = sample(), back;
	char *text = dp_record_encode(&r), buf[2048];
	const char *why;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *at = text ? strstr(text, bad[i][0]) : NULL;

		if (!at) {
			ok(0, "case %zu: '%s' is in the encoded record", i,
					bad[i][0]);
			continue;
		}
		snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(at - text), text,
				bad[i][1], at + strlen(bad[i][0]));
		why = NULL;
		ok(dp_record_decode(buf, &back, &why) == -EINVAL && why,
				"refused: case %zu (%s)", i,
				why ? why : "no reason");
	}
	snprintf(buf, sizeof(buf), "%s", text);
	ok(dp_json_flat_check(buf, strlen(buf), NULL) == 0,
			"what we write passes");
	snprintf(buf, sizeof(buf), "{\"a\": \"\\\"\\\\\\/\\n\\u00e9\"}");
	ok(dp_json_flat_check(buf, strlen(buf), NULL) == 0,
			"escapes other than \\u0000 are fine in values");
	snprintf(buf, sizeof(buf),
			"{\"a\": -9223372036854775808, \"b\": 9223372036854775807}");
	ok(dp_json_flat_check(buf, strlen(buf), NULL) == 0,
			"the int64 limits themselves are fine");
	free(text);
}

int main(void)
{
	strict();
	roundtrip();
	damage();
	files();
	return tap_done();
}
