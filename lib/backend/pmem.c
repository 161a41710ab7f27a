// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The pmem backend: a pool is one devdax namespace on a labeled region.
 * Name and uuid live in the namespace label, so they survive reboots.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>
#include <ndctl/libndctl.h>
#include <linux/ndctl.h>
#include <daxctl/libdaxctl.h>
#include "backend/backend.h"
#include "util/cut-point.h"
#include "backend/media.h"
#include "backend/pmem.h"
#include "backend/cxl.h"

static struct ndctl_namespace *find_namespace(
		struct daxpool_ctx *ctx, const char *uuid_str)
{
	struct ndctl_ctx *nctx = dp_ndctl(ctx);
	struct ndctl_namespace *ndns;
	struct ndctl_region *region;
	struct ndctl_bus *bus;
	uuid_t want, got;

	if (!nctx || uuid_parse(uuid_str, want))
		return NULL;
	ndctl_bus_foreach (nctx, bus)
		ndctl_region_foreach (bus, region)
			ndctl_namespace_foreach (region, ndns) {
				ndctl_namespace_get_uuid(ndns, got);
				if (uuid_compare(want, got) == 0)
					return ndns;
			}
	return NULL;
}

static struct daxctl_dev *namespace_daxdev(struct ndctl_namespace *ndns)
{
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	struct daxctl_region *dregion;
	struct daxctl_dev *dev;

	if (!dax)
		return NULL;
	dregion = ndctl_dax_get_daxctl_region(dax);
	if (!dregion)
		return NULL;
	daxctl_dev_foreach (dregion, dev)
		if (daxctl_dev_get_size(dev))
			return dev;
	return NULL;
}

/* where the region is, for cxl.c: its physical address (root only) */
static struct dp_cxl_where region_where(struct ndctl_region *region)
{
	unsigned long long start = ndctl_region_get_resource(region);
	struct dp_cxl_where w = { start == ULLONG_MAX ? 0 : start, NULL };

	return w;
}

/* the pool as NDNS, its namespace (NULL: none carries its uuid), shows it */
static void read_pool(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		struct ndctl_namespace *ndns)
{
	struct dp_cxl_where w;
	struct daxctl_dev *dev;

	pool->chardev[0] = pool->namespace[0] = pool->label[0] = '\0';
	pool->dev_size = pool->ns_size = 0;
	pool->numa_node = -1;
	snprintf(pool->region, sizeof(pool->region), "%s", pool->rec.region);
	if (!ndns) {
		pool->state = DAXPOOL_STATE_MISSING;
		dp_cxl_refresh(ctx, pool, NULL);
		return;
	}
	w = region_where(ndctl_namespace_get_region(ndns));
	dp_cxl_refresh(ctx, pool, &w);
	snprintf(pool->region, sizeof(pool->region), "%s",
			ndctl_region_get_devname(
					ndctl_namespace_get_region(ndns)));
	snprintf(pool->namespace, sizeof(pool->namespace), "%s",
			ndctl_namespace_get_devname(ndns));
	snprintf(pool->label, sizeof(pool->label), "%s",
			ndctl_namespace_get_alt_name(ndns) ?
					ndctl_namespace_get_alt_name(ndns) :
					"");
	pool->ns_size = ndctl_namespace_get_size(ndns);
	pool->numa_node = ndctl_namespace_get_numa_node(ndns);
	dev = namespace_daxdev(ndns);
	if (!dev) {
		pool->state = DAXPOOL_STATE_DISABLED;
		return;
	}
	snprintf(pool->chardev, sizeof(pool->chardev), "%s",
			daxctl_dev_get_devname(dev));
	pool->dev_size = daxctl_dev_get_size(dev);
	pool->state = daxctl_dev_is_enabled(dev) ? DAXPOOL_STATE_ACTIVE :
						   DAXPOOL_STATE_DISABLED;
}

static void pmem_refresh(struct daxpool_ctx *ctx, struct daxpool_pool *pool)
{
	read_pool(ctx, pool, find_namespace(ctx, pool->rec.uuid));
}

static bool region_matches(struct ndctl_region *region, const char *want)
{
	const char *name = ndctl_region_get_devname(region);
	char num[32];

	snprintf(num, sizeof(num), "%u", ndctl_region_get_id(region));
	return strcmp(want, name) == 0 || strcmp(want, num) == 0;
}

static bool region_supports_align(struct ndctl_region *region, uint64_t align)
{
	struct ndctl_dax *dax = ndctl_region_get_dax_seed(region);
	int i, n;

	if (!dax)
		return false;
	n = ndctl_dax_get_num_alignments(dax);
	if (n <= 0) /* old kernels: 4K and 2M always work */
		return align <= SZ_2M;
	for (i = 0; i < n; i++)
		if (ndctl_dax_get_supported_alignment(dax, i) == align)
			return true;
	return false;
}

/*
 * Every namespace takes a label slot on each DIMM of its region, and the
 * label area runs out long before a large region's space does (256 KiB
 * of labels hold one or two thousand, by label version). A pool needs
 * one, a region's first pool one more for its media copy, and one is kept
 * free so that a pool can still be renamed (the kernel writes the new
 * label before it frees the old). The fewest free slots on any DIMM of
 * REGION; ULONG_MAX: unknown.
 */
static unsigned long free_label_slots(
		struct ndctl_region *region, const char **dimm)
{
	unsigned long least = ULONG_MAX;
	struct ndctl_mapping *mapping;

	ndctl_mapping_foreach (region, mapping) {
		struct ndctl_dimm *d = ndctl_mapping_get_dimm(mapping);
		unsigned long n = d ? ndctl_dimm_get_available_labels(d) :
				      ULONG_MAX;

		if (n < least) {
			least = n;
			*dimm = ndctl_dimm_get_devname(d);
		}
	}
	return least;
}

static int fail_labels_full(struct daxpool_ctx *ctx,
		struct ndctl_region *region, const char *dimm)
{
	struct ndctl_namespace *ndns;
	unsigned int used = 0;

	ndctl_namespace_foreach (region, ndns)
		if (ndctl_namespace_get_size(ndns))
			used++;
	return dp_fail(ctx, ENOSPC,
			"%s has free space but no free namespace label: the label area of %s is full (%u namespaces, and one slot is kept for renaming a pool); destroy a pool there or choose another region",
			ndctl_region_get_devname(region), dimm, used);
}

/* best fit: the usable region with the smallest largest-extent that fits */
static int pick_region(struct daxpool_ctx *ctx,
		const struct daxpool_create_args *args, uint64_t align,
		struct ndctl_region **out, uint64_t *ns_size)
{
	struct ndctl_region *region, *best = NULL;
	uint64_t best_ext = 0, best_ns = 0, biggest = 0;
	const char *labelless = NULL, *noalign = NULL, *biggest_in = NULL;
	const char *on_ram = NULL;
	struct ndctl_region *nolabels = NULL;
	const char *full_dimm = NULL;
	struct ndctl_bus *bus;
	bool named = false, candidate = false;

	ndctl_bus_foreach (dp_ndctl(ctx), bus)
		ndctl_region_foreach (bus, region) {
			uint64_t ext, need;
			unsigned long labels, need_labels = 2;
			const char *dimm = NULL;

			if (args->region &&
					!region_matches(region, args->region))
				continue;
			named = true;
			if (ndctl_region_get_type(region) !=
					ND_DEVICE_REGION_PMEM)
				continue;
			if (args->numa_node >= 0 &&
					ndctl_region_get_numa_node(region) !=
							args->numa_node)
				continue;
			if (ndctl_region_get_nstype(region) !=
					ND_DEVICE_NAMESPACE_PMEM) {
				labelless = ndctl_region_get_devname(region);
				continue;
			}
			/* ramdax (7.x): labels on memmap= RAM, gone at power-off */
			if (strcmp(ndctl_bus_get_provider(bus), "ramdax") ==
					0) {
				on_ram = ndctl_region_get_devname(region);
				continue;
			}
			if (!ndctl_region_is_enabled(region) ||
					ndctl_region_get_ro(region))
				continue;
			if (!region_supports_align(region, align)) {
				noalign = ndctl_region_get_devname(region);
				continue;
			}
			candidate = true;
			need = dp_pmem_namespace_size(args->size, align,
					ndctl_region_get_align(region));
			/* a region's first pool brings its media copy */
			if (!dp_media_namespace(region)) {
				need += ndctl_region_get_align(region) ?
						ndctl_region_get_align(region) :
						SZ_16M;
				need_labels++;
			}
			ext = ndctl_region_get_max_available_extent(region);
			if (ext == ULLONG_MAX)
				ext = ndctl_region_get_available_size(region);
			if (ext > biggest || !biggest_in) {
				biggest = ext;
				biggest_in = ndctl_region_get_devname(region);
			}
			if (ext < need)
				continue;
			labels = free_label_slots(region, &dimm);
			if (labels < need_labels) {
				nolabels = region;
				full_dimm = dimm;
				continue;
			}
			if (!best || ext < best_ext) {
				best = region;
				best_ext = ext;
				best_ns = need;
			}
		}
	if (best) {
		*out = best;
		*ns_size = best_ns;
		return 0;
	}
	if (args->region && !named)
		return dp_fail(ctx, ENOENT,
				"no region '%s' (see 'ndctl list -R')",
				args->region);
	if (on_ram && !candidate)
		return dp_fail(ctx, EINVAL,
				"%s is ordinary RAM (a ramdax region on memmap= memory): its labels and data do not survive a power cycle, and a pmem pool must; use --type ram on a dynamic dax region for memory that may be lost",
				on_ram);
	if (labelless && !candidate)
		return dp_fail(ctx, EINVAL,
				"%s has no namespace labels (a label-less region cannot be divided into pools); initialise its labels with 'ndctl init-labels' (this erases the region)",
				labelless);
	if (noalign && !candidate)
		return dp_fail(ctx, EINVAL, "%s does not support align %llu",
				noalign, (unsigned long long)align);
	if (nolabels)
		return fail_labels_full(ctx, nolabels, full_dimm);
	if (candidate) {
		char want[32], have[32];

		dp_fmt_size(want, sizeof(want), args->size);
		dp_fmt_size(have, sizeof(have), biggest);
		return dp_fail(ctx, ENOSPC,
				"no free extent large enough for %s in %s (largest free extent: %s in %s)",
				want,
				args->region ? args->region :
					       "any labeled pmem region",
				have, biggest_in);
	}
	if (args->numa_node >= 0)
		return dp_fail(ctx, ENODEV,
				"no labeled pmem region on NUMA node %d",
				args->numa_node);
	return dp_fail(ctx, ENODEV,
			"no labeled pmem region found (see 'ndctl list -R')");
}

/*
 * Size the namespace for where the kernel put it: the usable part depends
 * on the physical start, known only once the label allocated space.
 */
static int size_namespace(struct daxpool_ctx *ctx, struct ndctl_region *region,
		struct ndctl_namespace *ndns, uint64_t *ns_size, uint64_t align,
		uint64_t want)
{
	uint64_t ralign = ndctl_region_get_align(region);
	const char *rname = ndctl_region_get_devname(region);
	int rc, tries;

	if (!ralign)
		ralign = SZ_16M;
	for (tries = 0; tries < 128; tries++) {
		unsigned long long start;

		rc = ndctl_namespace_set_size(ndns, *ns_size);
		if (rc == -ENOSPC && tries)
			return dp_fail(ctx, ENOSPC,
					"%s: not enough free space for the pool and its metadata",
					rname);
		if (rc)
			return dp_fail(ctx, -rc,
					"%s refused a namespace of %llu bytes: %s",
					rname, (unsigned long long)*ns_size,
					strerror(-rc));
		start = ndctl_namespace_get_resource(ndns);
		if (start == ULLONG_MAX ||
				dp_pmem_usable(start, *ns_size, align) >= want)
			return 0;
		*ns_size += ralign;
	}
	return dp_fail(ctx, ENOSPC, "%s: cannot place an aligned pool", rname);
}

static int try_namespace(struct daxpool_ctx *ctx, struct ndctl_region *region,
		struct daxpool_pool *pool, uint64_t *ns_size, uint64_t want,
		struct ndctl_namespace **made)
{
	struct ndctl_namespace *ndns = ndctl_region_get_namespace_seed(region);
	const char *rname = ndctl_region_get_devname(region);
	struct ndctl_dax *dax;
	uuid_t uuid;
	int rc;

	if (!ndns || !ndctl_namespace_is_configuration_idle(ndns))
		return dp_fail(ctx, EBUSY, "%s has no idle namespace seed",
				rname);
	dp_durable_write(ctx, "namespace");
	uuid_parse(pool->rec.uuid, uuid);
	rc = ndctl_namespace_set_uuid(ndns, uuid);
	if (!rc)
		rc = ndctl_namespace_set_alt_name(ndns, pool->rec.name);
	if (rc) {
		ndctl_namespace_delete(ndns);
		return dp_fail(ctx, -rc, "%s: cannot label a namespace: %s",
				rname, strerror(-rc));
	}
	rc = size_namespace(ctx, region, ndns, ns_size, pool->rec.align, want);
	if (rc) {
		ndctl_namespace_delete(ndns);
		return rc;
	}
	/* the label is written (name, uuid, size), no devdax info block yet */
	dp_cut(DP_CUT_CREATE_NAMESPACE_LABELED);
	ndctl_namespace_set_enforce_mode(ndns, NDCTL_NS_MODE_DEVDAX);
	dax = ndctl_region_get_dax_seed(region);
	if (!dax) {
		ndctl_namespace_delete(ndns);
		return dp_fail(ctx, ENXIO, "%s has no dax seed", rname);
	}
	/*
	 * the info block gets the pool's uuid too: ndctl list -N shows the
	 * info block's, and an administrator should see one uuid per pool
	 */
	rc = ndctl_dax_set_uuid(dax, uuid);
	if (!rc)
		rc = ndctl_dax_set_location(dax, NDCTL_PFN_LOC_PMEM);
	if (!rc)
		rc = ndctl_dax_set_align(dax, pool->rec.align);
	if (!rc)
		rc = ndctl_dax_set_namespace(dax, ndns);
	if (!rc)
		rc = ndctl_dax_enable(dax);
	if (rc) {
		/* the name before the delete: the delete frees NDNS */
		char nsname[64];

		snprintf(nsname, sizeof(nsname), "%s",
				ndctl_namespace_get_devname(ndns));
		ndctl_dax_set_namespace(dax, NULL);
		ndctl_namespace_disable_invalidate(ndns);
		ndctl_namespace_delete(ndns);
		return dp_fail(ctx, -rc,
				"%s: cannot enable device-dax on %s: %s", rname,
				nsname, strerror(-rc));
	}
	*made = ndns;
	return 0;
}

static int release_namespace(
		struct daxpool_ctx *ctx, struct ndctl_namespace *ndns)
{
	const char *name = ndctl_namespace_get_devname(ndns);
	int rc;

	dp_durable_write(ctx, "namespace");
	rc = ndctl_namespace_disable_safe(ndns);
	if (rc)
		return dp_fail(ctx, -rc, "cannot disable %s: %s", name,
				strerror(-rc));
	ndctl_namespace_set_enforce_mode(ndns, NDCTL_NS_MODE_RAW);
	rc = ndctl_namespace_delete(ndns);
	if (rc)
		return dp_fail(ctx, -rc, "cannot delete %s: %s", name,
				strerror(-rc));
	return 0;
}

/*
 * What place chose: the region, and the libndctl context it lives in,
 * held so that the region stays valid to look at
 */
struct pmem_placement {
	struct ndctl_ctx *nctx;
	struct ndctl_region *region;
};

static void pmem_placement_free(struct dp_placement *pl)
{
	struct pmem_placement *pp = pl->chosen;

	if (pp) {
		ndctl_unref(pp->nctx);
		free(pp);
	}
	pl->chosen = NULL;
}

static int pmem_place(struct daxpool_ctx *ctx,
		const struct daxpool_create_args *args,
		const struct dp_recorded *others, struct daxpool_pool *pool,
		struct dp_placement *pl)
{
	struct ndctl_region *region = NULL;
	struct pmem_placement *pp;
	struct dp_cxl_where w;
	uint64_t ns_size = 0;
	int rc;

	(void)others;
	pl->chosen = NULL;
	if (!dp_ndctl(ctx))
		return dp_fail(ctx, ENXIO, "cannot open libndctl");
	rc = pick_region(ctx, args, pool->rec.align, &region, &ns_size);
	if (rc)
		return rc;
	pp = malloc(sizeof(*pp));
	if (!pp)
		return dp_fail(ctx, ENOMEM, "out of memory");
	pp->nctx = ndctl_ref(dp_ndctl(ctx));
	pp->region = region;
	pl->chosen = pp;
	snprintf(pool->rec.region, sizeof(pool->rec.region), "%s",
			ndctl_region_get_devname(region));
	/* on a CXL region the OS made: its recipe, before any pool is there */
	w = region_where(region);
	rc = dp_cxl_keep(ctx, &w, pool);
	if (rc)
		pmem_placement_free(pl);
	return rc;
}

/*
 * The region place chose, RNAME. The context is dropped in between when a
 * region's first pool brings its media copy (media.c makes the namespace,
 * then reads it anew): the region is then found again by its name.
 */
static struct ndctl_region *placed_region(struct daxpool_ctx *ctx,
		const struct dp_placement *pl, const char *rname)
{
	const struct pmem_placement *pp = pl->chosen;
	struct ndctl_ctx *nctx = dp_ndctl(ctx);

	if (pp && nctx && pp->nctx == nctx)
		return pp->region;
	return dp_media_region(ctx, rname);
}

/* 0 if POOL, as read, is up with WANT usable bytes in whole aligns; else
 * why not: -ENXIO (not up) or -ENOSPC (too small, or not in whole aligns) */
static int pool_not_up(const struct daxpool_pool *pool, uint64_t want)
{
	if (pool->state != DAXPOOL_STATE_ACTIVE)
		return -ENXIO;
	if (pool->dev_size < want || pool->dev_size % pool->rec.align)
		return -ENOSPC;
	return 0;
}

static int pmem_provision(struct daxpool_ctx *ctx,
		const struct daxpool_create_args *args,
		const struct dp_recorded *others, struct daxpool_pool *pool,
		struct dp_placement *pl)
{
	uint64_t want = ALIGN_UP(args->size, pool->rec.align);
	struct ndctl_namespace *ndns = NULL;
	struct ndctl_region *region;
	const char *rname = pool->rec.region;
	uint64_t ns_size;
	int rc;

	(void)others;
	region = placed_region(ctx, pl, rname);
	if (!region)
		return dp_fail(ctx, ENODEV, "region %s went away", rname);
	ns_size = dp_pmem_namespace_size(args->size, pool->rec.align,
			ndctl_region_get_align(region));
	rc = try_namespace(ctx, region, pool, &ns_size, want, &ndns);
	if (rc) {
		dp_ndctl_reset(ctx); /* the kernel may have changed */
		return rc;
	}
	/*
	 * Read back from the namespace just made, not by a new walk of every
	 * namespace (which made each create cost more with each pool on the
	 * region). What NDNS holds is what the setters wrote; the dax device
	 * is found by the namespace's holder, read anew, and its daxctl
	 * region is read the first time it is asked for. That holds as long
	 * as nothing asks for that dax device's daxctl region, or deletes a
	 * dax device, between the context's reset (pool_create's invalidate,
	 * or a media copy made) and here: libdaxctl would keep what it read.
	 */
	read_pool(ctx, pool, ndns);
	if (pool_not_up(pool, want)) {
		/* before undoing a create, a fresh look: never a good pool
		 * lost to a stale list */
		dp_ndctl_reset(ctx);
		pmem_refresh(ctx, pool);
	}
	rc = pool_not_up(pool, want);
	if (!rc)
		return 0;
	if (rc == -ENXIO)
		rc = dp_fail(ctx, ENXIO,
				"%s: the new device did not come up (state %s)",
				rname, daxpool_state_name(pool->state));
	else
		rc = dp_fail(ctx, ENOSPC,
				"%s: the kernel gave %llu usable bytes, not %llu",
				rname, (unsigned long long)pool->dev_size,
				(unsigned long long)want);
	ndns = find_namespace(ctx, pool->rec.uuid);
	if (ndns)
		release_namespace(ctx, ndns);
	dp_ndctl_reset(ctx);
	return rc;
}

/* the region that holds the pool now, else the one it was made on */
static const char *pool_region(struct daxpool_pool *pool)
{
	return pool->region[0] ? pool->region : pool->rec.region;
}

/*
 * A pool whose region is not here (pulled, not yet up) can only change in
 * the registry: say so, since its media copy wins when the region returns.
 */
static bool region_absent(struct daxpool_ctx *ctx, struct daxpool_pool *pool)
{
	if (dp_ndctl(ctx) && dp_media_region(ctx, pool_region(pool)))
		return false;
	if (pool->rec.intent != DP_INTENT_CREATE)
		dp_warn(ctx, "region '%s' of pool '%s' is not present: only the registry changed, and the pool's media copy there wins when the region returns",
				pool_region(pool), pool->rec.name);
	return pool->rec.intent != DP_INTENT_CREATE;
}

static int pmem_store(struct daxpool_ctx *ctx, struct daxpool_pool *pool)
{
	if (region_absent(ctx, pool))
		return 0;
	return dp_media_put(ctx, pool_region(pool), &pool->rec);
}

static int pmem_forget(struct daxpool_ctx *ctx, struct daxpool_pool *pool)
{
	if (region_absent(ctx, pool))
		return 0;
	return dp_media_drop(ctx, pool_region(pool), pool->rec.uuid);
}

static int pmem_release(struct daxpool_ctx *ctx, struct daxpool_pool *pool)
{
	struct ndctl_namespace *ndns;
	int rc;

	if (!dp_ndctl(ctx))
		return dp_fail(ctx, ENXIO, "cannot open libndctl");
	ndns = find_namespace(ctx, pool->rec.uuid);
	if (!ndns)
		return 0; /* already gone: the record is all that is left */
	rc = release_namespace(ctx, ndns);
	dp_ndctl_reset(ctx);
	return rc;
}

static int pmem_enable(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		const struct dp_recorded *others)
{
	struct ndctl_namespace *ndns;
	int rc;

	(void)others;
	if (!dp_ndctl(ctx))
		return dp_fail(ctx, ENXIO, "cannot open libndctl");
	ndns = find_namespace(ctx, pool->rec.uuid);
	rc = ndns ? ndctl_namespace_enable(ndns) : -ENOENT;
	if (rc < 0)
		dp_fail(ctx, -rc, "cannot enable %s: %s",
				ndns ? ndctl_namespace_get_devname(ndns) :
				       pool->rec.name,
				strerror(-rc));
	/*
	 * libndctl re-reads the region's namespaces and dax devices on an
	 * enable, but keeps the daxctl region each dax device had when first
	 * looked at, with its (then empty) device list: the pool would still
	 * look disabled
	 */
	dp_ndctl_reset(ctx);
	return rc < 0 ? rc : 0;
}

/*
 * The label's name can only be written while the namespace is disabled;
 * the devdax info block stays, so enabling brings the same pool back with
 * the same data in the same place.
 */
static int pmem_relabel(struct daxpool_ctx *ctx, struct daxpool_pool *pool)
{
	struct ndctl_namespace *ndns;
	const char *name;
	int rc, rc2;

	if (!dp_ndctl(ctx))
		return dp_fail(ctx, ENXIO, "cannot open libndctl");
	ndns = find_namespace(ctx, pool->rec.uuid);
	if (!ndns)
		return dp_fail(ctx, ENOENT,
				"no namespace carries the pool's uuid");
	name = ndctl_namespace_get_devname(ndns);
	dp_durable_write(ctx, "namespace");
	rc = ndctl_namespace_disable_safe(ndns);
	if (rc)
		return dp_fail(ctx, -rc, "cannot disable %s: %s", name,
				strerror(-rc));
	rc = ndctl_namespace_set_alt_name(ndns, pool->rec.name);
	rc2 = ndctl_namespace_enable(ndns);
	dp_ndctl_reset(ctx);
	if (rc2 < 0)
		return dp_fail(ctx, -rc2, "cannot enable %s again: %s", name,
				strerror(-rc2));
	if (rc)
		return dp_fail(ctx, -rc, "cannot write the label of %s: %s",
				name, strerror(-rc));
	return 0;
}

static int pmem_regions_up(struct daxpool_ctx *ctx)
{
	return dp_cxl_regions_up(ctx, "pmem");
}

const struct dp_backend dp_backend_pmem = {
	.type = DAXPOOL_TYPE_PMEM,
	/* the media copy of each region is the truth */
	.keeps_copy = true,
	.place = pmem_place,
	.provision = pmem_provision,
	.placement_free = pmem_placement_free,
	.refresh = pmem_refresh,
	.release = pmem_release,
	.enable = pmem_enable,
	.relabel = pmem_relabel,
	.name_taken = dp_media_name_taken,
	.regions_up = pmem_regions_up,
	.store = pmem_store,
	.forget = pmem_forget,
	.copies_foreach = dp_media_foreach,
	.copy_put = dp_media_put,
	.copy_drop = dp_media_drop,
	.copy_rewrite = dp_media_rewrite,
	.copy_delete = dp_media_delete,
};
