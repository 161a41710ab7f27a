// SPDX-License-Identifier: GPL-2.0-only
/* CXL region recipes: their JSON, its damage, and their files */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "store/cxl-recipe.h"
#include "quiet-log.h"
#include "tap.h"

static struct dp_cxl_recipe two_way(void)
{
	struct dp_cxl_recipe r = {
		.id = "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
		.mode = "pmem",
		.ways = 2,
		.granularity = 256,
		.size = 512ULL << 20,
		.hpa = 0x1090000000ULL,
		.window_start = 0x1090000000ULL,
		.window_size = 4ULL << 30,
		.t = {
			{ .serial = 0xd0001, .dpa = 0x10000000, .dpa_size = 256ULL << 20 },
			{ .serial = 0xd0003, .dpa = 0, .dpa_size = 256ULL << 20 },
		},
	};
	return r;
}

static void roundtrip(void)
{
	struct dp_cxl_recipe r = two_way(), back;
	char *text = dp_cxl_recipe_encode(&r);
	const char *why = NULL;

	ok(text && strstr(text, "\"targets\": \"0xd0001@0x10000000+0x10000000 0xd0003@0x0+0x10000000\""),
			"targets are SERIAL@DPA+SIZE by position");
	ok(dp_cxl_recipe_decode(text, &back, &why) == 0,
			"decodes what it encoded");
	ok(memcmp(&r, &back, sizeof(r)) == 0, "round trip is exact");
	ok(dp_cxl_recipe_same_targets(&r, &back), "same targets as itself");
	back.t[1].dpa = 0x10000000;
	ok(!dp_cxl_recipe_same_targets(&r, &back),
			"another device address is another region");
	back = r;
	back.t[1].dpa_size = 512ULL << 20;
	ok(!dp_cxl_recipe_same_targets(&r, &back),
			"more capacity at the same address is another region");
	back = r;
	back.t[0].serial = 0xd0003;
	back.t[1].serial = 0xd0001;
	ok(!dp_cxl_recipe_same_targets(&r, &back),
			"swapped positions are another region");
	back = r;
	snprintf(back.mode, sizeof(back.mode), "ram");
	ok(!dp_cxl_recipe_same_targets(&r, &back),
			"the same capacity as ram is another region");
	free(text);
}

/* each is a recipe with one thing wrong: each must be refused, with why */
static void damage(void)
{
	static const char *const from[][2] = {
		{ "\"ways\": 2", "\"ways\": 3" },
		{ "\"ways\": 2", "\"ways\": 0" },
		{ "\"ways\": 2", "\"ways\": 17" },
		{ "\"granularity\": 256", "\"granularity\": 300" },
		{ "\"granularity\": 256", "\"granularity\": 128" },
		{ "\"mode\": \"pmem\"", "\"mode\": \"dram\"" },
		{ "\"id\": \"3f2504e0", "\"id\": \"zf2504e0" },
		{ "+0x10000000 0xd0003", "+0x0 0xd0003" },
		{ "0xd0003@0x0+0x10000000", "0xd0003@0x0+0x10000000 " },
		{ "0xd0003@0x0", "0xd0003@" },
		{ "0xd0001@", "0xd0001#" },
		{ "\"size\": 536870912", "\"size\": 0" },
		{ "\"version\": 1", "\"version\": 2" },
		{ "\"hpa\": ", "\"hpa_\": " },
	};
	struct dp_cxl_recipe r = two_way(), back;
	char *text = dp_cxl_recipe_encode(&r);
	size_t i;

	for (i = 0; i < sizeof(from) / sizeof(from[0]); i++) {
		const char *at = strstr(text, from[i][0]);
		const char *why = NULL;
		char bad[2048];
		int rc;

		if (!at) {
			ok(0, "recipe text has '%s'", from[i][0]);
			continue;
		}
		snprintf(bad, sizeof(bad), "%.*s%s%s", (int)(at - text), text,
				from[i][1], at + strlen(from[i][0]));
		rc = dp_cxl_recipe_decode(bad, &back, &why);
		ok(rc == -EINVAL && why && *why, "'%s' is refused (%s)",
				from[i][1], why ? why : "no reason");
	}
	ok(dp_cxl_recipe_decode("{\"version\": 1}", &back,
			   &(const char *){ NULL }) == -EINVAL,
			"a recipe without its fields is refused");
	free(text);
}

static void files(void)
{
	char dir[] = "/tmp/daxpool-unit-XXXXXX", path[512];
	struct dp_cxl_recipe r = two_way(), one = two_way(), back, *rs = NULL;
	struct daxpool_ctx *ctx;
	const char *why = NULL;
	struct stat st;
	size_t n = 0;
	FILE *f;

	ok(mkdtemp(dir) != NULL, "temp dir");
	daxpool_new(&ctx);
	daxpool_set_log_fn(ctx, tap_quiet_log);
	snprintf(ctx->confdir, sizeof(ctx->confdir), "%s/etc/daxpool", dir);
	snprintf(ctx->statedir, sizeof(ctx->statedir), "%s/var/lib/daxpool",
			dir);
	ok(dp_cxl_recipe_load(ctx, &rs, &n) == 0 && n == 0,
			"no recipes where there is no directory");
	free(rs);
	ok(dp_cxl_recipe_write(ctx, &r) == 0, "recipe written");
	snprintf(path, sizeof(path), "%s/cxl-regions/%s.json", ctx->confdir,
			r.id);
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644,
			"as CONFDIR/cxl-regions/ID.json, 0644");
	ok(dp_cxl_recipe_read(ctx, r.id, &back, &why) == 0 &&
					memcmp(&r, &back, sizeof(r)) == 0,
			"reads back by id");
	snprintf(one.id, sizeof(one.id), "%s",
			"11111111-2222-3333-4444-555555555555");
	one.ways = 1;
	ok(dp_cxl_recipe_write(ctx, &one) == 0, "a second recipe written");
	/* a damaged one, and one under another file name, are passed over */
	snprintf(path, sizeof(path),
			"%s/cxl-regions/99999999-2222-3333-4444-555555555555.json",
			ctx->confdir);
	f = fopen(path, "w");
	ok(f && fputs("{\"version\": 1, \"id\": ", f) >= 0, "damage planted");
	if (f)
		fclose(f);
	ok(dp_cxl_recipe_load(ctx, &rs, &n) == 0 && n == 2,
			"load yields the 2 good recipes (%zu)", n);
	free(rs);
	snprintf(path, sizeof(path),
			"%s/cxl-regions/aaaaaaaa-2222-3333-4444-555555555555.json",
			ctx->confdir);
	{
		char *t = dp_cxl_recipe_encode(&one);

		f = fopen(path, "w");
		ok(f && fputs(t, f) >= 0, "misnamed recipe planted");
		if (f)
			fclose(f);
		free(t);
	}
	ok(dp_cxl_recipe_read(ctx, "aaaaaaaa-2222-3333-4444-555555555555",
			   &back, &why) == -EINVAL,
			"a recipe under another id's name is refused");
	/* /etc lost: the second home has them, and gives them back */
	snprintf(path, sizeof(path), "rm -rf %s/cxl-regions", ctx->confdir);
	ok(system(path) == 0, "/etc's recipes lost");
	ok(dp_cxl_recipe_read(ctx, r.id, &back, &why) == 0 &&
					memcmp(&r, &back, sizeof(r)) == 0,
			"a recipe reads from /var/lib without /etc");
	ok(dp_cxl_recipe_heal(ctx) == 0, "heal");
	snprintf(path, sizeof(path), "%s/cxl-regions/%s.json", ctx->confdir,
			r.id);
	ok(stat(path, &st) == 0, "heal wrote /etc's copy again");
	snprintf(path, sizeof(path), "%s/cxl-regions/%s.json", ctx->statedir,
			r.id);
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644,
			"the second home's copy is there, 0644");
	ok(dp_cxl_recipe_remove(ctx, r.id) == 0 &&
					dp_cxl_recipe_read(ctx, r.id, &back,
							&why) == -ENOENT,
			"recipe removed from both homes");
	ok(dp_cxl_recipe_remove(ctx, r.id) == 0, "removing twice is fine");
	daxpool_unref(ctx);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	ok(system(path) == 0, "cleanup");
}

int main(void)
{
	roundtrip();
	damage();
	files();
	return tap_done();
}
