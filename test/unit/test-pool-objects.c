// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pool objects stay valid for the life of their context: a loop that
 * changes each pool it visits must neither read freed memory (run it under
 * ASan) nor lose its place. Uses a registry of its own in a temporary
 * directory (pools with no device: the changes then touch no kernel
 * object); needs root, as every change does, and skips otherwise.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "store/registry.h"
#include "tap.h"

#define N 5

int main(void)
{
	char dir[] = "/tmp/daxpool-objects.XXXXXX";
	struct daxpool_pool *p, *kept;
	struct daxpool_ctx *ctx;
	int i, seen = 0, failed = 0;

	if (geteuid() != 0) {
		printf("1..0 # SKIP changes need root\n");
		return 0;
	}
	if (!mkdtemp(dir) || daxpool_new(&ctx) < 0)
		return 1;
	snprintf(ctx->confdir, sizeof(ctx->confdir), "%s/etc", dir);
	snprintf(ctx->lockfile, sizeof(ctx->lockfile), "%s/lock", dir);
	/* the changes keep their CDI specs here, not in the host's /run/cdi */
	snprintf(ctx->cdidir, sizeof(ctx->cdidir), "%s/cdi", dir);
	for (i = 0; i < N; i++) {
		struct daxpool_record r = { .type = DAXPOOL_TYPE_PMEM,
			.size = 1 << 20,
			.align = 2 << 20,
			.mode = 0600 };

		snprintf(r.name, sizeof(r.name), "pool%d", i);
		snprintf(r.uuid, sizeof(r.uuid),
				"%08d-2222-3333-4444-555555555555", i);
		snprintf(r.owner, sizeof(r.owner), "root");
		snprintf(r.group, sizeof(r.group), "root");
		failed |= dp_registry_write(ctx, &r) != 0;
	}
	ok(!failed, "%d records written", N);

	ok(daxpool_pool_find(ctx, "pool2", &kept) == 0 && kept,
			"found by name");
	ok(kept && daxpool_pool_get_state(kept) == DAXPOOL_STATE_MISSING,
			"a pmem pool no namespace carries is missing");
	daxpool_pool_foreach (ctx, p) {
		seen++;
		failed |= daxpool_pool_set_mode(p, 0640) != 0;
	}
	ok(seen == N, "the loop visited every pool once while changing each (%d)",
			seen);
	ok(!failed, "every change succeeded (%s)", daxpool_get_error(ctx));
	ok(kept && daxpool_pool_get_mode(kept) == 0640 &&
					strcmp(daxpool_pool_get_name(kept),
							"pool2") == 0,
			"a pool pointer taken before the changes shows them afterwards");

	ok(daxpool_pool_rename(kept, "renamed") == 0,
			"rename through the kept pointer");
	ok(strcmp(daxpool_pool_get_name(kept), "renamed") == 0,
			"the same object carries the new name");
	ok(daxpool_pool_find(ctx, "renamed", &p) == 0 && p == kept,
			"and is what find returns");

	ok(daxpool_pool_destroy(kept, NULL) == 0, "destroy through it");
	p = kept;
	ok(daxpool_pool_find(ctx, "renamed", &p) == -ENOENT && !p,
			"gone from the list: -ENOENT, and NULL in *pool");
	ok(daxpool_pool_find(ctx, "-bad", &p) == -EINVAL && !p,
			"a name that breaks the rules: -EINVAL");
	ok(strcmp(daxpool_pool_get_uuid(kept),
			   "00000002-2222-3333-4444-555555555555") == 0,
			"yet the object is still readable until the context goes");
	seen = 0;
	daxpool_pool_foreach (ctx, p)
		seen++;
	ok(seen == N - 1, "the others are all still listed (%d)", seen);
	p = daxpool_pool_get_next(kept);
	ok(p && daxpool_pool_get_next(p) != kept,
			"get_next from the destroyed pool goes on to a live one");

	daxpool_pool_foreach (ctx, p)
		daxpool_pool_destroy(p, NULL);
	daxpool_unref(ctx);
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (system(cmd) != 0)
			return 1;
	}
	return tap_done();
}
