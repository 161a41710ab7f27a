// SPDX-License-Identifier: GPL-2.0-only
/*
 * The backend table as the core relies on it (lib/backend/backend.h): one
 * backend a kind, each with the ops every flow calls, and the copy ops
 * set exactly when the kind says it keeps a copy of its own; then a name
 * taken in the registry, as create and rename are told of it through
 * dp_name_free, which asks each backend too. What a third kind of memory
 * must fill in is checked here before any VM runs it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "backend/backend.h"
#include "store/registry.h"
#include "tap.h"

#define UUID "5a1e0000-1111-4222-8333-444455556666"

static void table(void)
{
	const struct dp_backend *pmem = dp_backend_get(DAXPOOL_TYPE_PMEM);
	const struct dp_backend *ram = dp_backend_get(DAXPOOL_TYPE_RAM);
	const struct dp_backend *const *be, *const *other;
	int n = 0;

	for (be = dp_backends; *be; be++) {
		const struct dp_backend *b = *be;
		const char *name = dp_type_name(b->type);
		bool copy_ops = b->store && b->forget && b->copies_foreach &&
				b->copy_put && b->copy_drop &&
				b->copy_rewrite && b->copy_delete;
		bool no_copy_ops = !b->store && !b->forget &&
				!b->copies_foreach && !b->copy_put &&
				!b->copy_drop && !b->copy_rewrite &&
				!b->copy_delete;
		struct dp_placement empty = { NULL };
		bool twice = false;

		n++;
		ok(name != NULL, "backend %d has a kind with a name (%s)", n,
				name ? name : "none");
		for (other = dp_backends; other != be; other++)
			twice |= (*other)->type == b->type;
		ok(!twice && dp_backend_get(b->type) == b,
				"%s: the only backend of its kind, and the one chosen for it",
				name);
		ok(b->place && b->provision && b->placement_free &&
						b->refresh && b->release,
				"%s: place, provision, placement_free, refresh and release are set",
				name);
		ok(b->keeps_copy ? copy_ops : no_copy_ops,
				"%s: the copy ops are set exactly when it keeps a copy (%s)",
				name,
				b->keeps_copy ? "it does" : "it does not");
		b->placement_free(&empty);
		ok(empty.chosen == NULL,
				"%s: an empty placement is let go of harmlessly",
				name);
	}
	ok(n >= 2, "pmem and ram are built in (%d backends)", n);
	ok(!dp_backend_get((enum daxpool_type)0) &&
					!dp_backend_get((enum daxpool_type)42),
			"no backend for a kind not built in");
	/* what today's kinds answer, which the flows count on */
	ok(pmem && pmem->keeps_copy && !pmem->needs_records,
			"pmem keeps its own copy, the truth, and needs no records");
	ok(ram && !ram->keeps_copy && ram->needs_records && !ram->relabel,
			"ram keeps none, is handed the records, and has no label");
}

static void names(struct daxpool_ctx *ctx, const char *etc)
{
	struct daxpool_record r = { .type = DAXPOOL_TYPE_PMEM,
		.size = 1 << 26,
		.align = 2 << 20,
		.mode = 0600 };
	char want[200];

	snprintf(r.name, sizeof(r.name), "backends-test-pool");
	snprintf(r.uuid, sizeof(r.uuid), UUID);
	snprintf(r.owner, sizeof(r.owner), "root");
	snprintf(r.group, sizeof(r.group), "root");
	snprintf(ctx->confdir, sizeof(ctx->confdir), "%s", etc);
	ok(dp_registry_write(ctx, &r) == 0,
			"a record in a registry of its own");
	dp_clear_error(ctx);
	snprintf(want, sizeof(want),
			"a pool named '%s' already exists (registered in %s)",
			r.name, DAXPOOL_CONFDIR);
	ok(dp_name_free(ctx, r.name, NULL) == -EEXIST &&
					strcmp(daxpool_get_error(ctx), want) ==
							0,
			"a registered name is taken: %s",
			daxpool_get_error(ctx));
	dp_clear_error(ctx);
	ok(dp_name_free(ctx, r.name, UUID) == 0,
			"but not for the pool that has it (a rename)");
	ok(dp_name_free(ctx, "backends-test-other", NULL) == 0,
			"a name no pool has is free");
	dp_registry_remove(ctx, UUID);
}

int main(void)
{
	char dir[] = "/tmp/daxpool-backends-XXXXXX", etc[64], cmd[64];
	struct daxpool_ctx *ctx;

	unsetenv("DAXPOOL_CUT_TRACE");
	unsetenv("DAXPOOL_CUT_AT");
	table();
	if (!mkdtemp(dir) || daxpool_new(&ctx) < 0)
		return 1;
	snprintf(etc, sizeof(etc), "%s/etc", dir);
	names(ctx, etc);
	daxpool_unref(ctx);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ok(system(cmd) == 0, "cleanup");
	return tap_done();
}
