// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Pools on CXL regions that the OS made. The pools themselves are pmem or
 * ram pools (a CXL pmem region is an nvdimm region, a CXL RAM region a dax
 * region); what CXL adds is the region under them, which no kernel up to
 * 7.3 makes again at boot. So: when a pool is first put on such a region,
 * its recipe is kept (place); activate makes the region again from it
 * before the pools come up (regions_up); and a pool whose region is not
 * there says why (refresh).
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include "backend/backend.h"
#include "backend/cxl.h"
#include "backend/cxl-region.h"
#include "store/registry.h"

/* the CXL region under W, if any */
static int region_under(const struct dp_cxl_where *w, char *name, size_t len)
{
	/* a host without CXL pays one look, not a walk up each device */
	if (access("/sys/bus/cxl/devices", F_OK) != 0)
		return -ENOENT;
	if (w->start && dp_cxl_region_at(w->start, name, len) == 0)
		return 0;
	return w->path ? dp_cxl_region_of(w->path, name, len) : -ENOENT;
}

int dp_cxl_keep(struct daxpool_ctx *ctx, const struct dp_cxl_where *where,
		struct daxpool_pool *pool)
{
	struct dp_cxl_recipe r = { .ways = 0 }, *rs = NULL;
	char name[32];
	size_t i, n = 0;
	int rc;

	pool->rec.cxl[0] = '\0';
	if (region_under(where, name, sizeof(name)))
		return 0;
	rc = dp_cxl_region_read(ctx, name, &r);
	if (rc)
		return rc;
	rc = dp_cxl_recipe_load(ctx, &rs, &n);
	if (rc) {
		free(rs);
		return dp_fail(ctx, -rc, "cannot read the CXL region recipes");
	}
	/* one recipe per region, known by its memdevs and their shares (a
	 * ram region has no uuid; one made again by hand has another) */
	for (i = 0; i < n; i++)
		if (dp_cxl_recipe_same_targets(&rs[i], &r))
			break;
	if (i < n)
		snprintf(r.id, sizeof(r.id), "%s", rs[i].id);
	if (!r.id[0]) {
		uuid_t u;

		uuid_generate(u);
		uuid_unparse(u, r.id);
	}
	if (i == n || memcmp(&rs[i], &r, sizeof(r)) != 0)
		rc = dp_cxl_recipe_write(ctx, &r);
	free(rs);
	if (!rc)
		snprintf(pool->rec.cxl, sizeof(pool->rec.cxl), "%s", r.id);
	return rc;
}

/* "0xd0001 (position 0), ..." of the memdevs of R that are absent */
static void absent_serials(const struct dp_cxl_recipe *r, unsigned int mask,
		char *buf, size_t len)
{
	size_t off = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < r->ways && off < len; i++)
		if (!(mask & (1U << i)))
			off += (size_t)snprintf(buf + off, len - off,
					"%s0x%" PRIx64 " (position %u)",
					off ? ", " : "", r->t[i].serial, i);
}

static unsigned int all_ways(const struct dp_cxl_recipe *r)
{
	return r->ways >= 32 ? ~0U : (1U << r->ways) - 1;
}

void dp_cxl_refresh(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		const struct dp_cxl_where *where)
{
	struct dp_cxl_recipe r;
	const char *why = "";
	char absent[160];
	unsigned int i, mask;

	pool->cxl_region[0] = pool->missing_why[0] = '\0';
	pool->cxl_ways = 0;
	if (where)
		region_under(where, pool->cxl_region, sizeof(pool->cxl_region));
	if (!pool->rec.cxl[0])
		return;
	if (dp_cxl_recipe_read(ctx, pool->rec.cxl, &r, &why)) {
		if (pool->state == DAXPOOL_STATE_MISSING)
			snprintf(pool->missing_why, sizeof(pool->missing_why),
					"its CXL region's recipe %s cannot be read: %s",
					pool->rec.cxl, why);
		return;
	}
	for (i = 0; i < r.ways && i < 16; i++)
		pool->cxl_serial[i] = r.t[i].serial;
	pool->cxl_ways = i;
	if (pool->state != DAXPOOL_STATE_MISSING)
		return;
	if (!dp_cxl_region_find(&r, pool->cxl_region, sizeof(pool->cxl_region)))
		return;
	mask = dp_cxl_memdevs_present(&r);
	absent_serials(&r, mask, absent, sizeof(absent));
	if (mask != all_ways(&r))
		snprintf(pool->missing_why, sizeof(pool->missing_why),
				"its CXL region is not there: memdev %s is absent",
				absent);
	else
		snprintf(pool->missing_why, sizeof(pool->missing_why),
				"its CXL region is not there yet: 'daxpool activate' makes it again from its recipe");
}

static bool referenced(const struct dp_recorded *recs, const char *id)
{
	size_t i;

	for (i = 0; recs && i < recs->n; i++)
		if (!strcmp(recs->recs[i].cxl, id))
			return true;
	return false;
}

/* a region's consumer (pmem: its nvdimm region, with the namespaces of
 * its labels) is probed asynchronously: wait for it, 5 s at most */
static void wait_consumer(const char *region, const char *mode)
{
	int i;

	for (i = 0; i < 50 && !dp_cxl_region_consumed(region, mode); i++)
		usleep(100 * 1000);
}

/*
 * cxl_pci probes its devices asynchronously, after udev has settled: at
 * boot a memdev may come a moment after activate starts. Wait for those
 * the recipes to be made need, 10 s at most (a memdev that is really
 * gone costs a boot that much).
 */
static void wait_memdevs(
		const struct dp_cxl_recipe *rs, const int *st, size_t n)
{
	int tries;
	size_t i;

	for (tries = 0; tries < 100; tries++) {
		for (i = 0; i < n; i++)
			if (!st[i] &&
					dp_cxl_memdevs_present(&rs[i]) !=
							all_ways(&rs[i]))
				break;
		if (i == n)
			return;
		usleep(100 * 1000);
	}
}

int dp_cxl_regions_up(struct daxpool_ctx *ctx, const char *mode)
{
	struct dp_cxl_recipe *rs = NULL;
	enum { PENDING, DONE, LATER };
	int *st;
	size_t i, n = 0;
	int made = 0;
	bool progress = true;

	/* from both homes: a lost /etc does not hide a recipe */
	if (dp_cxl_recipe_load(ctx, &rs, &n) || !n) {
		free(rs);
		return 0;
	}
	st = calloc(n, sizeof(*st));
	if (!st) {
		free(rs);
		return 0;
	}
	for (i = 0; i < n; i++) {
		char name[32];

		/*
		 * Every recipe, not only those the registry names: an old
		 * /etc may lack a pool that the region's media copy holds.
		 * A region firmware made, or one made already, is left alone.
		 */
		if (strcmp(rs[i].mode, mode) != 0 ||
				!dp_cxl_region_find(&rs[i], name, sizeof(name)))
			st[i] = DONE;
	}
	wait_memdevs(rs, st, n);
	/*
	 * A device hands its capacity out in order, so regions sharing a
	 * memdev come back in the order they were made: a region whose
	 * capacity is not next yet waits for a later round.
	 */
	while (progress) {
		progress = false;
		for (i = 0; i < n; i++) {
			char name[32], absent[160];
			unsigned int mask;
			int rc;

			if (st[i] == DONE)
				continue;
			mask = dp_cxl_memdevs_present(&rs[i]);
			if (mask != all_ways(&rs[i])) {
				absent_serials(&rs[i], mask, absent,
						sizeof(absent));
				dp_warn(ctx, "CXL %s region %s is not made again: memdev %s is absent; its pools stay missing",
						rs[i].mode, rs[i].id, absent);
				st[i] = DONE;
				continue;
			}
			rc = dp_cxl_region_make(
					ctx, &rs[i], name, sizeof(name));
			if (rc == -EADDRINUSE) {
				st[i] = LATER;
				ctx->error[0] = '\0';
				continue;
			}
			st[i] = DONE;
			if (rc) {
				dp_warn(ctx, "%s; its pools stay missing",
						ctx->error);
				ctx->error[0] = '\0';
				continue;
			}
			info(ctx, "made CXL %s region %s again as %s\n",
					rs[i].mode, rs[i].id, name);
			wait_consumer(name, mode);
			made++;
			progress = true;
		}
	}
	for (i = 0; i < n; i++)
		if (st[i] == LATER) {
			/* once more, for its message: nothing fits it now */
			char name[32];

			if (dp_cxl_region_make(ctx, &rs[i], name, sizeof(name)))
				dp_warn(ctx, "CXL %s region %s no longer fits its memdevs: %s; nothing of it was made, its pools stay missing",
						rs[i].mode, rs[i].id,
						ctx->error);
			else
				made++;
			ctx->error[0] = '\0';
		}
	free(st);
	free(rs);
	return made;
}

int dp_cxl_rekeep(struct daxpool_ctx *ctx, const struct daxpool_pool *pool)
{
	struct dp_cxl_recipe r;
	const char *why;
	int rc;

	if (!pool->rec.cxl[0] || !pool->cxl_region[0] ||
			dp_cxl_recipe_read(ctx, pool->rec.cxl, &r, &why) !=
					-ENOENT)
		return 0;
	rc = dp_cxl_region_read(ctx, pool->cxl_region, &r);
	/* under the id the records name (a region made again by hand has
	 * another uuid; the next replay gives it this one) */
	snprintf(r.id, sizeof(r.id), "%s", pool->rec.cxl);
	if (!rc)
		rc = dp_cxl_recipe_write(ctx, &r);
	return rc;
}

void dp_cxl_recipes_tidy(struct daxpool_ctx *ctx)
{
	struct dp_cxl_recipe *rs = NULL;
	struct daxpool_record *recs = NULL;
	struct dp_recorded named;
	size_t i, n = 0, nrecs = 0;

	if (dp_cxl_recipe_load(ctx, &rs, &n) || !n ||
			dp_registry_load(ctx, &recs, &nrecs)) {
		free(rs);
		free(recs);
		return;
	}
	named.recs = recs;
	named.n = nrecs;
	for (i = 0; i < n; i++) {
		char name[32];

		/* while its region is absent, its pools may be in its media
		 * copy only: the recipe is what brings them back */
		if (referenced(&named, rs[i].id) ||
				dp_cxl_region_find(&rs[i], name, sizeof(name)))
			continue;
		if (dp_cxl_recipe_remove(ctx, rs[i].id) == 0)
			info(ctx, "CXL region %s (%s) holds no pool: its recipe is dropped, it is not made again at boot\n",
					name, rs[i].id);
		else
			ctx->error[0] = '\0';
	}
	free(recs);
	free(rs);
}
