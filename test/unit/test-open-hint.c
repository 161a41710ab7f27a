// SPDX-License-Identifier: GPL-2.0-only
/*
 * The open-by-name hint (core/hint.c): what proves that a remembered pool's
 * record is unchanged. The held record file proves it with fstat; once it
 * has, the registry's change counter proves it again without a call, until
 * the counter moves. The counter here is the test's own: the real one is
 * root's, under /run.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/hint.h"
#include "store/registry.h"
#include "quiet-log.h"
#include "tap.h"

static const char uuid[] = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

static struct daxpool_record sample(const char *name)
{
	struct daxpool_record r = {
		.uuid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
		.type = DAXPOOL_TYPE_PMEM,
		.size = 64ULL << 20,
		.align = 2ULL << 20,
		.owner = "alice",
		.group = "dba",
		.mode = 0600,
		.region = "region1",
		.created = 1764100000,
	};

	snprintf(r.name, sizeof(r.name), "%s", name);
	return r;
}

/* dp_registry_read_held: the record, and the very file it came from */
static void held_read(struct daxpool_ctx *ctx)
{
	struct daxpool_record r = sample("db"), back;
	struct stat st, again;
	char path[512];
	const char *why;
	int fd = -1;

	ok(dp_registry_write(ctx, &r) == 0, "record written");
	dp_record_path(ctx->confdir, uuid, path, sizeof(path));
	ok(dp_registry_read_held(path, &back, &fd, &st, &why) == 0 &&
					strcmp(back.name, "db") == 0 && fd >= 0,
			"read, and its file held");
	ok(stat(path, &again) == 0 && again.st_ino == st.st_ino &&
					again.st_size == st.st_size,
			"the fstat given is the file's");
	close(fd);
	fd = -1;
	dp_record_path(ctx->confdir, "11111111-2222-3333-4444-555555555555",
			path, sizeof(path));
	ok(dp_registry_read_held(path, &back, &fd, &st, &why) == -ENOENT &&
					fd == -1,
			"a missing record holds nothing");
}

static void counter(struct daxpool_ctx *ctx)
{
	struct daxpool_record r = sample("db"), back;
	struct dp_open_hint h;
	uint64_t count = 7;
	struct stat st;
	char path[512];
	const char *why;
	bool by_count;
	int fd;

	dp_hint_init(&h);
	dp_record_path(ctx->confdir, uuid, path, sizeof(path));
	dp_registry_read_held(path, &back, &fd, &st, &why);
	dp_hint_set(&h, &back, "dax0.1", 0, fd, &st);
	ok(h.rec_fd == fd && strcmp(h.name, "db") == 0,
			"hint made from the held record");
	/* the test's counter, as if mapped: a private registry maps none */
	h.gen = &count;
	h.gen_tried = true;
	ok(dp_hint_matches(&h, ctx->confdir, "db", &by_count) && !by_count,
			"second open: proven by the held record");
	ok(dp_hint_matches(&h, ctx->confdir, "db", &by_count) && by_count,
			"third open: by the counter alone");
	ok(dp_hint_matches(&h, ctx->confdir, uuid, &by_count) && by_count,
			"by uuid too");
	ok(!dp_hint_matches(&h, ctx->confdir, "other", &by_count),
			"another name is not the hint's");
	count++;
	ok(dp_hint_matches(&h, ctx->confdir, "db", &by_count) && !by_count,
			"a moved counter: the record proves it again");
	ok(dp_hint_matches(&h, ctx->confdir, "db", &by_count) && by_count,
			"... and the counter holds it from then on");
	{
		int i, fstats = 0;

		for (i = 0; i < 64; i++)
			if (dp_hint_matches(&h, ctx->confdir, "db",
					    &by_count) &&
					!by_count)
				fstats++;
		ok(fstats == 2, "a still counter is checked against the record every 32nd open (%d of 64)",
				fstats);
	}
	/* a rename: the record replaced, the counter moved (registry.c) */
	r = sample("db2");
	dp_registry_write(ctx, &r);
	count++;
	ok(!dp_hint_matches(&h, ctx->confdir, "db", &by_count),
			"a renamed pool's hint fails once the counter moved");
	dp_hint_reset(&h);
	ok(h.gen == &count && h.gen_tried, "a reset keeps the counter");
	dp_registry_read_held(path, &back, &fd, &st, &why);
	dp_hint_set(&h, &back, "dax0.1", 0, fd, &st);
	ok(dp_hint_matches(&h, ctx->confdir, "db2", &by_count) && !by_count,
			"the new hint is proven by its record first");
	/* a counter never mapped: every open is proven by the record */
	dp_hint_reset(&h);
	h.gen = NULL;
	dp_registry_read_held(path, &back, &fd, &st, &why);
	dp_hint_set(&h, &back, "dax0.1", 0, fd, &st);
	dp_hint_matches(&h, ctx->confdir, "db2", &by_count);
	ok(dp_hint_matches(&h, ctx->confdir, "db2", &by_count) && !by_count,
			"without a counter, never by count");
	dp_registry_remove(ctx, uuid);
	ok(!dp_hint_matches(&h, ctx->confdir, "db2", &by_count),
			"a removed record ends the hint");
	dp_hint_free(&h);
}

int main(void)
{
	char dir[] = "/tmp/daxpool-unit-XXXXXX";
	struct daxpool_ctx *ctx;

	ok(mkdtemp(dir) != NULL, "temp dir");
	daxpool_new(&ctx);
	daxpool_set_log_fn(ctx, tap_quiet_log);
	snprintf(ctx->confdir, sizeof(ctx->confdir), "%s/etc/daxpool", dir);
	held_read(ctx);
	counter(ctx);
	daxpool_unref(ctx);
	return tap_done();
}
