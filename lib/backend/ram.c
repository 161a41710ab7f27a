// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The ram backend: a pool is one dax sub-device of a dynamic dax region
 * (soft-reserved "hmem" memory, CXL RAM), carved with libdaxctl. The
 * kernel brings such a region back at every boot as one device spanning
 * it, so the registry keeps the pool's exact physical ranges and activate
 * re-creates the device on them. Its contents are volatile. Which devices
 * are pools' it tells by the ranges the registry records, which the core
 * reads and hands it (needs_records).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <daxctl/libdaxctl.h>
#include "config.h"
#include "backend/backend.h"
#include "backend/cxl.h"
#include "util/identify.h"
#include "guard/inuse.h"
#include "guard/quiesce.h"

/* the region's device directory (hmem.0), whichever libdaxctl reports */
static void region_dir(struct daxctl_region *region, char *buf, size_t len)
{
	const char *path = daxctl_region_get_path(region);
	size_t n = strlen(path);

	if (n >= 11 && strcmp(path + n - 11, "/dax_region") == 0)
		n -= 11;
	snprintf(buf, len, "%s%.*s",
			path[0] == '/' && strncmp(path, "/sys/", 5) ?
					"/sys/devices" :
					"",
			(int)n, path);
}

/* its device's name, as /proc/iomem lists it */
static const char *region_base(
		struct daxctl_region *region, char *buf, size_t len)
{
	const char *slash;

	region_dir(region, buf, len);
	slash = strrchr(buf, '/');
	return slash ? slash + 1 : buf;
}

/* dynamic regions have "create"; static ones (nvdimm devdax) do not */
static bool dynamic(struct daxctl_region *region)
{
	char dir[PATH_MAX], p[PATH_MAX + 32];

	region_dir(region, dir, sizeof(dir));
	snprintf(p, sizeof(p), "%s/dax_region/create", dir);
	return access(p, F_OK) == 0;
}

static void region_name(struct daxctl_region *region, char *buf, size_t len)
{
	snprintf(buf, len, "dax_region%d", daxctl_region_get_id(region));
}

/* --region as daxctl names it: "0", "dax_region0", or its device ("hmem.0") */
static bool region_matches(struct daxctl_region *region, const char *want)
{
	char name[32], id[16], dir[PATH_MAX];

	region_name(region, name, sizeof(name));
	snprintf(id, sizeof(id), "%d", daxctl_region_get_id(region));
	return strcmp(want, name) == 0 || strcmp(want, id) == 0 ||
			strcmp(want, region_base(region, dir, sizeof(dir))) ==
			0;
}

/* the first mapping of any device of REGION: where it surely lies */
static bool some_mapping(struct daxctl_region *region, unsigned long long *at)
{
	struct daxctl_mapping *m;
	struct daxctl_dev *dev;

	daxctl_dev_foreach (region, dev)
		daxctl_mapping_foreach (dev, m) {
			*at = daxctl_mapping_get_start(m);
			return true;
		}
	return false;
}

/* /run/daxpool/regions/BASE: a region's range, as learned this boot */
static void remember(
		const char *base, unsigned long long s, unsigned long long e)
{
	char path[PATH_MAX], text[64];

	if (geteuid() != 0 ||
			dp_run_file("regions", base, true, path, sizeof(path)))
		return;
	snprintf(text, sizeof(text), "0x%llx-0x%llx\n", s, e);
	dp_run_write(path, text, 0644);
}

/* what remember() kept, if it still fits: its size, and every device in it
 * (a region removed and made again elsewhere under the same name is not) */
static bool recall(struct daxctl_region *region, const char *base,
		unsigned long long *start, unsigned long long *end)
{
	unsigned long long size = daxctl_region_get_size(region), s, e;
	struct daxctl_mapping *m;
	struct daxctl_dev *dev;
	char path[PATH_MAX];
	bool ok;
	FILE *f;

	if (dp_run_file("regions", base, false, path, sizeof(path)) ||
			!(f = fopen(path, "re")))
		return false;
	ok = fscanf(f, "0x%llx-0x%llx", &s, &e) == 2 && e > s &&
			e - s + 1 == size;
	fclose(f);
	daxctl_dev_foreach (region, dev)
		daxctl_mapping_foreach (dev, m)
			ok = ok && daxctl_mapping_get_start(m) >= s &&
					daxctl_mapping_get_end(m) <= e;
	if (ok) {
		*start = s;
		*end = e;
	}
	return ok;
}

/*
 * The range its devices cover end to end, when they cover it all: at
 * every boot the kernel brings the region back as one device spanning it
 * (every kernel, whatever /proc/iomem says)
 */
static bool spanned(struct daxctl_region *region, unsigned long long *start,
		unsigned long long *end)
{
	unsigned long long size = daxctl_region_get_size(region), total = 0;
	unsigned long long lo = ~0ULL, hi = 0;
	struct daxctl_mapping *m;
	struct daxctl_dev *dev;

	daxctl_dev_foreach (region, dev)
		daxctl_mapping_foreach (dev, m) {
			unsigned long long s = daxctl_mapping_get_start(m);
			unsigned long long e = daxctl_mapping_get_end(m);

			lo = s < lo ? s : lo;
			hi = e > hi ? e : hi;
			total += e - s + 1;
		}
	if (!total || total != size || hi - lo + 1 != size)
		return false;
	*start = lo;
	*end = hi;
	return true;
}

/*
 * The region's physical range, its identity in the record (a region that
 * comes back under another number is still found). Where the region's
 * devices span it (at boot, before any carving) they say it; else
 * /proc/iomem (root only) has it as a resource of the region's size on
 * 6.1 (named after the region's device, hmem.0) and 6.12 ("Soft
 * Reserved"), but not from 7.0 on (soft-reserved ranges moved to a
 * private tree); else what daxpool learned earlier this boot, kept in
 * /run/daxpool/regions (the range of a region cannot change while it
 * exists).
 */
static bool region_range(struct daxctl_region *region,
		unsigned long long *start, unsigned long long *end)
{
	unsigned long long size = daxctl_region_get_size(region), at = 0, s, e;
	char line[256], dir[PATH_MAX], name[128];
	const char *base = region_base(region, dir, sizeof(dir));
	bool inside = some_mapping(region, &at);
	int by_name = 0, soft = 0;
	FILE *f;

	if (spanned(region, start, end)) {
		remember(base, *start, *end);
		return true;
	}
	f = fopen("/proc/iomem", "re");
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, " %llx-%llx : %127[^\n]", &s, &e, name) != 3 ||
				e <= s || e - s + 1 != size)
			continue;
		if (inside && at >= s && at <= e) {
			*start = s;
			*end = e;
			by_name = soft = 2; /* found: stop looking */
			break;
		}
		if (!inside && strcmp(name, base) == 0 && !by_name) {
			*start = s;
			*end = e;
			by_name = 1;
		} else if (!inside && !by_name &&
				strcmp(name, "Soft Reserved") == 0) {
			if (!soft++) {
				*start = s;
				*end = e;
			}
		}
	}
	if (f)
		fclose(f);
	if (by_name || soft == 1 || soft == 2) {
		remember(base, *start, *end);
		return true;
	}
	return recall(region, base, start, end);
}

/* where the region is, for cxl.c: its device (a CXL RAM region's dax
 * region is under it) and physical address (root only); DIR holds the path */
static struct dp_cxl_where region_where(
		struct daxctl_region *region, char *dir, size_t len)
{
	struct dp_cxl_where w = { 0, dir };
	unsigned long long s, e;

	region_dir(region, dir, len);
	if (region_range(region, &s, &e))
		w.start = s;
	return w;
}

static void dev_ranges(struct daxctl_dev *dev, char *buf, size_t len)
{
	struct daxctl_mapping *m;

	buf[0] = '\0';
	daxctl_mapping_foreach (dev, m)
		if (dp_ranges_add(buf, len, daxctl_mapping_get_start(m),
				    daxctl_mapping_get_end(m)))
			break;
}

static struct daxctl_dev *find_dev(struct daxpool_ctx *ctx, const char *ranges,
		struct daxctl_region **in)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev;
	char have[DP_RANGES_MAX];

	if (!ranges[0] || !dp_daxctl(ctx))
		return NULL;
	daxctl_region_foreach (dp_daxctl(ctx), region) {
		if (!dynamic(region))
			continue;
		daxctl_dev_foreach (region, dev) {
			if (!daxctl_dev_get_size(dev))
				continue;
			dev_ranges(dev, have, sizeof(have));
			if (strcmp(have, ranges) == 0) {
				if (in)
					*in = region;
				return dev;
			}
		}
	}
	return NULL;
}

/* the dynamic region whose physical range is RANGE ("0xS-0xE"), else by NAME */
static struct daxctl_region *find_region(
		struct daxpool_ctx *ctx, const char *range, const char *name)
{
	struct daxctl_region *region;
	unsigned long long s, e;
	char have[48];

	if (!dp_daxctl(ctx))
		return NULL;
	daxctl_region_foreach (dp_daxctl(ctx), region) {
		if (!dynamic(region))
			continue;
		/* by its range where it can be read (root), else by name */
		if (range[0] && region_range(region, &s, &e)) {
			have[0] = '\0';
			dp_ranges_add(have, sizeof(have), s, e);
			if (strcmp(have, range) == 0)
				return region;
		} else if (region_matches(region, name)) {
			return region;
		}
	}
	return NULL;
}

/* root's note of the pool's device for this boot: see identify.h */
static void bind(struct daxpool_pool *pool)
{
	char path[256], node[96];
	struct stat st;
	FILE *f;

	if (dp_run_path("ram", pool->rec.uuid, true, path, sizeof(path)))
		return;
	snprintf(node, sizeof(node), "/dev/%s", pool->chardev);
	if (stat(node, &st) < 0)
		return;
	f = fopen(path, "we");
	if (!f)
		return;
	fprintf(f, "%s %u:%u\n", pool->chardev, major(st.st_rdev),
			minor(st.st_rdev));
	fchmod(fileno(f), 0644);
	fclose(f);
}

static void unbind(const char *uuid)
{
	char path[256];

	if (!dp_run_path("ram", uuid, false, path, sizeof(path)))
		unlink(path);
}

/* not root: the ranges cannot be read, root's note says which device */
static bool bound_dev(struct daxpool_pool *pool)
{
	char path[PATH_MAX], buf[64], want[32];
	dev_t rdev;

	if (dp_ram_binding_read(pool->rec.uuid, pool->chardev,
			    sizeof(pool->chardev), &rdev))
		return false;
	snprintf(want, sizeof(want), "%u:%u", major(rdev), minor(rdev));
	snprintf(path, sizeof(path), "/sys/bus/dax/devices/%s/dev",
			pool->chardev);
	if (!dp_read_line(path, buf, sizeof(buf)) || strcmp(buf, want) != 0) {
		pool->chardev[0] = '\0';
		return false;
	}
	snprintf(path, sizeof(path), "/sys/bus/dax/devices/%s/size",
			pool->chardev);
	if (dp_read_line(path, buf, sizeof(buf)))
		pool->dev_size = strtoull(buf, NULL, 0);
	snprintf(path, sizeof(path), "/sys/bus/dax/devices/%s/driver",
			pool->chardev);
	pool->state = access(path, F_OK) == 0 ? DAXPOOL_STATE_ACTIVE :
						DAXPOOL_STATE_DISABLED;
	return true;
}

static void ram_refresh(struct daxpool_ctx *ctx, struct daxpool_pool *pool)
{
	struct daxctl_region *region = NULL;
	struct daxctl_dev *dev = find_dev(ctx, pool->rec.ranges, &region);
	struct dp_cxl_where w;
	char dir[PATH_MAX];

	pool->chardev[0] = pool->namespace[0] = pool->label[0] = '\0';
	pool->dev_size = pool->ns_size = 0;
	pool->numa_node = -1;
	snprintf(pool->region, sizeof(pool->region), "%s", pool->rec.region);
	if (!dev && geteuid() != 0 && bound_dev(pool))
		return;
	if (!dev) {
		/* its region is here: the pool waits to be re-created */
		region = find_region(
				ctx, pool->rec.region_range, pool->rec.region);
		pool->state = region ? DAXPOOL_STATE_INACTIVE :
				       DAXPOOL_STATE_MISSING;
		if (region)
			w = region_where(region, dir, sizeof(dir));
		dp_cxl_refresh(ctx, pool, region ? &w : NULL);
		return;
	}
	w = region_where(region, dir, sizeof(dir));
	dp_cxl_refresh(ctx, pool, &w);
	region_name(region, pool->region, sizeof(pool->region));
	snprintf(pool->chardev, sizeof(pool->chardev), "%s",
			daxctl_dev_get_devname(dev));
	pool->dev_size = daxctl_dev_get_size(dev);
	pool->numa_node = daxctl_dev_get_target_node(dev);
	pool->state = daxctl_dev_is_enabled(dev) ? DAXPOOL_STATE_ACTIVE :
						   DAXPOOL_STATE_DISABLED;
}

static bool online_as_ram(struct daxctl_dev *dev)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);

	return mem && daxctl_memory_is_online(mem) > 0;
}

/* the ranges of the ram pools the registry records (OTHERS, the core's) */
struct known {
	char (*ranges)[DP_RANGES_MAX];
	size_t n;
};

static void collect(const struct dp_recorded *others, struct known *k)
{
	size_t i;

	for (i = 0; others && i < others->n; i++) {
		const struct daxpool_record *rec = &others->recs[i];
		void *more;

		if (rec->type != DAXPOOL_TYPE_RAM || !rec->ranges[0])
			continue;
		more = realloc(k->ranges, (k->n + 1) * sizeof(*k->ranges));
		if (!more)
			return;
		k->ranges = more;
		snprintf(k->ranges[k->n++], DP_RANGES_MAX, "%s", rec->ranges);
	}
}

static bool is_pool(const struct known *k, const char *ranges)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (strcmp(k->ranges[i], ranges) == 0)
			return true;
	return false;
}

/*
 * What a region offers: refused for kmem; the boot-time device that spans
 * it all (no pool's) counts as free space, to be shrunk when carving. The
 * largest free extent is what a new device can get in one range.
 */
struct offer {
	bool kmem;
	struct daxctl_dev *whole; /* the spanning device to shrink, or NULL */
	unsigned long long largest;
};

static int cmp_ull(const void *a, const void *b)
{
	const unsigned long long *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

static void look_at(struct daxctl_region *region,
		const struct dp_recorded *others, struct offer *o)
{
	unsigned long long rs, re, pos, (*used)[2] = NULL;
	struct known k = { NULL, 0 };
	struct daxctl_dev *dev;
	size_t n = 0, i;
	char ranges[DP_RANGES_MAX];

	memset(o, 0, sizeof(*o));
	collect(others, &k);
	daxctl_dev_foreach (region, dev) {
		struct daxctl_mapping *m;

		if (online_as_ram(dev))
			o->kmem = true;
		if (!daxctl_dev_get_size(dev))
			continue;
		dev_ranges(dev, ranges, sizeof(ranges));
		if (daxctl_dev_get_size(
				    dev) == daxctl_region_get_size(region) &&
				!is_pool(&k, ranges)) {
			o->whole = dev;
			continue;
		}
		daxctl_mapping_foreach (dev, m) {
			void *more = realloc(used, (n + 1) * sizeof(*used));

			if (!more)
				break;
			used = more;
			used[n][0] = daxctl_mapping_get_start(m);
			used[n++][1] = daxctl_mapping_get_end(m);
		}
	}
	free(k.ranges);
	if (!region_range(region, &rs, &re)) {
		/* where it lies is unknown (7.x, carved by someone else before
		 * daxpool saw it this boot): what the kernel can still give, in
		 * as many ranges as it takes, and the record keeps them all */
		o->largest = daxctl_region_get_available_size(region);
		free(used);
		return;
	}
	qsort(used, n, sizeof(*used), cmp_ull);
	for (pos = rs, i = 0; i <= n; i++) {
		unsigned long long next = i < n ? used[i][0] : re + 1;

		if (next > pos && next - pos > o->largest)
			o->largest = next - pos;
		if (i < n && used[i][1] + 1 > pos)
			pos = used[i][1] + 1;
	}
	free(used);
}

/*
 * What place chose: the dax region, and the libdaxctl context it lives
 * in, held so that the region stays valid to look at
 */
struct ram_placement {
	struct daxctl_ctx *dctx;
	struct daxctl_region *region;
};

static void ram_placement_free(struct dp_placement *pl)
{
	struct ram_placement *rp = pl->chosen;

	if (rp) {
		daxctl_unref(rp->dctx);
		free(rp);
	}
	pl->chosen = NULL;
}

static int ram_place(struct daxpool_ctx *ctx,
		const struct daxpool_create_args *args,
		const struct dp_recorded *others, struct daxpool_pool *pool,
		struct dp_placement *pl)
{
	struct daxctl_region *region, *best = NULL;
	unsigned long long want, best_ext = 0, biggest = 0;
	const char *kmem = NULL, *fixed = NULL;
	char name[32], biggest_in[32] = "", have[32], need[32];
	char dir[PATH_MAX];
	struct dp_cxl_where w;
	struct ram_placement *rp;
	bool named = false;
	int rc;

	pl->chosen = NULL;
	if (!dp_daxctl(ctx))
		return dp_fail(ctx, ENXIO, "cannot open libdaxctl");
	daxctl_region_foreach (dp_daxctl(ctx), region) {
		struct offer o;

		if (args->region && !region_matches(region, args->region))
			continue;
		named = true;
		region_name(region, name, sizeof(name));
		if (!dynamic(region)) {
			fixed = "static";
			continue;
		}
		if (args->numa_node >= 0) {
			struct daxctl_dev *dev = daxctl_dev_get_first(region);

			if (!dev ||
					daxctl_dev_get_target_node(dev) !=
							args->numa_node)
				continue;
		}
		look_at(region, others, &o);
		if (o.kmem) {
			kmem = "kmem";
			continue;
		}
		want = ALIGN_UP(args->size, pool->rec.align);
		want = ALIGN_UP(want,
				daxctl_region_get_align(region) ?
						daxctl_region_get_align(
								region) :
						SZ_2M);
		if (o.largest > biggest || !biggest_in[0]) {
			biggest = o.largest;
			snprintf(biggest_in, sizeof(biggest_in), "%s", name);
		}
		if (o.largest < want)
			continue;
		if (!best || o.largest < best_ext) {
			best = region;
			best_ext = o.largest;
		}
	}
	if (best) {
		rp = malloc(sizeof(*rp));
		if (!rp)
			return dp_fail(ctx, ENOMEM, "out of memory");
		rp->dctx = daxctl_ref(dp_daxctl(ctx));
		rp->region = best;
		pl->chosen = rp;
		region_name(best, pool->rec.region, sizeof(pool->rec.region));
		/* on a CXL region the OS made: its recipe, before the pool */
		w = region_where(best, dir, sizeof(dir));
		rc = dp_cxl_keep(ctx, &w, pool);
		if (rc)
			ram_placement_free(pl);
		return rc;
	}
	if (args->region && !named)
		return dp_fail(ctx, ENOENT,
				"no dax region '%s' (see 'daxctl list -R')",
				args->region);
	if (biggest_in[0]) {
		dp_fmt_size(need, sizeof(need), args->size);
		dp_fmt_size(have, sizeof(have), biggest);
		return dp_fail(ctx, ENOSPC,
				"no free extent large enough for %s in %s (largest free extent: %s in %s)",
				need,
				args->region ? args->region :
					       "any dynamic dax region",
				have, biggest_in);
	}
	if (kmem)
		return dp_fail(ctx, EBUSY,
				"%s's memory is online as System RAM (kmem): it cannot be carved into pools; give it back with 'daxctl reconfigure-device --mode=devdax --force' first",
				args->region ? args->region :
					       "the dynamic dax region");
	if (fixed)
		return dp_fail(ctx, EINVAL,
				"%s is a static dax region (an nvdimm namespace's): it cannot be carved; use --type pmem for pmem regions",
				args->region ? args->region :
					       "the only dax region");
	if (args->numa_node >= 0)
		return dp_fail(ctx, ENODEV,
				"no dynamic dax region on NUMA node %d",
				args->numa_node);
	return dp_fail(ctx, ENODEV,
			"no dynamic dax region found (soft-reserved or CXL RAM; see 'daxctl list -R')");
}

/* the region place chose, found again by its name RNAME should the
 * context have been dropped since */
static struct daxctl_region *placed_region(struct daxpool_ctx *ctx,
		const struct dp_placement *pl, const char *rname)
{
	const struct ram_placement *rp = pl->chosen;
	struct daxctl_ctx *dctx = dp_daxctl(ctx);

	if (rp && dctx && rp->dctx == dctx)
		return rp->region;
	return find_region(ctx, "", rname);
}

/* the region's boot-time device, no pool's, gives its space back */
static int shrink_whole(struct daxpool_ctx *ctx, struct daxctl_dev *dev)
{
	struct dp_target t = { 0 };
	struct dp_holders h = { .n = 0 };
	const char *name = daxctl_dev_get_devname(dev);
	char node[64];
	struct stat st;
	int rc;

	snprintf(node, sizeof(node), "/dev/%s", name);
	if (stat(node, &st) == 0) {
		t.rdev = st.st_rdev;
		rc = dp_idle_check(ctx, name, &t, &h);
		dp_holders_free(&h);
		if (rc) {
			char why[sizeof(ctx->error)];

			snprintf(why, sizeof(why), "%s", ctx->error);
			return dp_fail(ctx, rc == -EBUSY ? EBUSY : -rc,
					"%s (the device spanning the region, no pool's): %s: daxpool will not shrink it",
					name, why);
		}
	}
	if (daxctl_dev_is_enabled(dev) && (rc = daxctl_dev_disable(dev)) < 0)
		return dp_fail(ctx, -rc, "cannot disable %s: %s", name,
				strerror(-rc));
	rc = daxctl_dev_set_size(dev, 0);
	if (rc < 0)
		return dp_fail(ctx, -rc, "cannot shrink %s: %s", name,
				strerror(-rc));
	return 0;
}

/* a carve that failed gives the spanning device its region back */
static void regrow(struct daxpool_ctx *ctx, const char *rname, const char *name)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev;

	dp_ndctl_reset(ctx);
	region = find_region(ctx, "", rname);
	if (!region)
		return;
	daxctl_dev_foreach (region, dev)
		if (strcmp(daxctl_dev_get_devname(dev), name) == 0) {
			if (daxctl_dev_set_size(dev,
					    daxctl_region_get_size(region)) ==
					0)
				daxctl_dev_enable_devdax(dev);
			return;
		}
}

/* every one of RANGES is free in REGION (the device WHOLE will be shrunk) */
static int ranges_free(struct daxpool_ctx *ctx, struct daxctl_region *region,
		struct daxctl_dev *whole, const char *ranges)
{
	char copy[DP_RANGES_MAX], *tok, *save = NULL;
	struct daxctl_mapping *m;
	struct daxctl_dev *dev;

	snprintf(copy, sizeof(copy), "%s", ranges);
	for (tok = strtok_r(copy, ",", &save); tok;
			tok = strtok_r(NULL, ",", &save)) {
		unsigned long long s, e;

		if (sscanf(tok, "0x%llx-0x%llx", &s, &e) != 2)
			return dp_fail(ctx, EINVAL,
					"bad range '%s' in the record", tok);
		daxctl_dev_foreach (region, dev) {
			if (dev == whole || !daxctl_dev_get_size(dev))
				continue;
			daxctl_mapping_foreach (dev, m)
				if (daxctl_mapping_get_start(m) <= e &&
						daxctl_mapping_get_end(m) >= s)
					return dp_fail(ctx, EBUSY,
							"the range %s is no longer free: %s holds it",
							tok,
							daxctl_dev_get_devname(
									dev));
		}
	}
	return 0;
}

/* the region's seed with ALIGN, then SIZE bytes or the exact RANGES */
static int carve(struct daxpool_ctx *ctx, struct daxctl_region *region,
		const struct dp_recorded *others, uint64_t align, uint64_t size,
		const char *ranges, char *got, size_t got_len)
{
	char rname[32], copy[DP_RANGES_MAX], *tok, *save = NULL, whole[32] = "";
	struct daxctl_dev *dev;
	struct offer o;
	int rc;

	region_name(region, rname, sizeof(rname));
	look_at(region, others, &o);
	if (o.kmem)
		return dp_fail(ctx, EBUSY,
				"%s's memory is online as System RAM (kmem)",
				rname);
	if (ranges && (rc = ranges_free(ctx, region, o.whole, ranges)))
		return rc;
	if (o.whole) {
		rc = shrink_whole(ctx, o.whole);
		if (rc)
			return rc;
		snprintf(whole, sizeof(whole), "%s",
				daxctl_dev_get_devname(o.whole));
	}
	dev = daxctl_region_get_dev_seed(region);
	if (!dev) {
		/* a region whose device spanned it all has no seed: ask for one */
		rc = daxctl_region_create_dev(region);
		if (rc < 0) {
			rc = dp_fail(ctx, -rc, "%s: cannot make a device: %s",
					rname, strerror(-rc));
			goto out;
		}
		dp_ndctl_reset(ctx);
		region = find_region(ctx, "", rname);
		dev = region ? daxctl_region_get_dev_seed(region) : NULL;
	}
	if (!dev) {
		rc = dp_fail(ctx, ENXIO, "%s has no seed device", rname);
		goto out;
	}
	rc = daxctl_dev_set_align(dev, align);
	if (rc < 0) {
		rc = dp_fail(ctx, -rc, "%s does not support align %llu: %s",
				rname, (unsigned long long)align,
				strerror(-rc));
		goto out;
	}
	if (!ranges) {
		rc = daxctl_dev_set_size(dev, size);
		if (rc < 0)
			rc = dp_fail(ctx, -rc,
					"%s refused a device of %llu bytes: %s",
					rname, (unsigned long long)size,
					strerror(-rc));
	} else {
		snprintf(copy, sizeof(copy), "%s", ranges);
		for (tok = strtok_r(copy, ",", &save); tok && !rc;
				tok = strtok_r(NULL, ",", &save)) {
			unsigned long long s, e;

			if (sscanf(tok, "0x%llx-0x%llx", &s, &e) != 2) {
				rc = dp_fail(ctx, EINVAL,
						"bad range '%s' in the record",
						tok);
				break;
			}
			rc = daxctl_dev_set_mapping(dev, s, e);
			if (rc < 0)
				rc = dp_fail(ctx, -rc,
						"%s: the range %s is no longer free (%s)",
						rname, tok, strerror(-rc));
		}
	}
	if (!rc) {
		rc = daxctl_dev_enable_devdax(dev);
		if (rc < 0)
			rc = dp_fail(ctx, -rc, "cannot enable %s: %s",
					daxctl_dev_get_devname(dev),
					strerror(-rc));
	}
	dev_ranges(dev, got, got_len);
	if (!rc && ranges && strcmp(got, ranges) != 0)
		rc = dp_fail(ctx, EIO, "%s came up on %s, not on %s",
				daxctl_dev_get_devname(dev), got, ranges);
	if (rc) {
		/* give the space back: nothing half-made stays */
		if (daxctl_dev_is_enabled(dev))
			daxctl_dev_disable(dev);
		daxctl_dev_set_size(dev, 0);
	}
out:
	if (rc && whole[0])
		regrow(ctx, rname, whole);
	/* libdaxctl keeps each device's mappings as first read: the device
	 * shrunk and the one made would show their old ranges */
	dp_ndctl_reset(ctx);
	return rc;
}

static int ram_provision(struct daxpool_ctx *ctx,
		const struct daxpool_create_args *args,
		const struct dp_recorded *others, struct daxpool_pool *pool,
		struct dp_placement *pl)
{
	struct daxctl_region *region = placed_region(ctx, pl, pool->rec.region);
	unsigned long long s, e;
	uint64_t size = ALIGN_UP(args->size, pool->rec.align);
	int rc;

	if (!region)
		return dp_fail(ctx, ENODEV, "region %s went away",
				pool->rec.region);
	if (daxctl_region_get_align(region))
		size = ALIGN_UP(size, daxctl_region_get_align(region));
	pool->rec.region_range[0] = '\0';
	if (region_range(region, &s, &e))
		dp_ranges_add(pool->rec.region_range,
				sizeof(pool->rec.region_range), s, e);
	rc = carve(ctx, region, others, pool->rec.align, size, NULL,
			pool->rec.ranges, sizeof(pool->rec.ranges));
	if (rc)
		return rc;
	ram_refresh(ctx, pool);
	if (pool->state != DAXPOOL_STATE_ACTIVE)
		return dp_fail(ctx, ENXIO,
				"the new device did not come up (state %s)",
				daxpool_state_name(pool->state));
	bind(pool);
	return 0;
}

static int ram_release(struct daxpool_ctx *ctx, struct daxpool_pool *pool)
{
	struct daxctl_region *region = NULL;
	struct daxctl_dev *dev;
	int rc;

	unbind(pool->rec.uuid);
	dev = find_dev(ctx, pool->rec.ranges, &region);
	if (!dev)
		return 0; /* not re-created since boot: nothing to free */
	if (daxctl_dev_is_enabled(dev) && (rc = daxctl_dev_disable(dev)) < 0)
		return dp_fail(ctx, -rc, "cannot disable %s: %s",
				daxctl_dev_get_devname(dev), strerror(-rc));
	rc = daxctl_dev_set_size(dev, 0);
	if (rc < 0)
		rc = dp_fail(ctx, -rc, "cannot free the ranges of %s: %s",
				daxctl_dev_get_devname(dev), strerror(-rc));
	else
		daxctl_region_destroy_dev(
				region, dev); /* the seed stays: fine */
	dp_ndctl_reset(ctx);
	return rc < 0 ? rc : 0;
}

/* activate: an inactive pool comes back on exactly its recorded ranges */
static int ram_enable(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		const struct dp_recorded *others)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev;
	char got[DP_RANGES_MAX];

	int rc;

	dev = find_dev(ctx, pool->rec.ranges, NULL);
	if (dev) {
		rc = daxctl_dev_enable_devdax(dev);
		dp_ndctl_reset(ctx);
		if (rc < 0)
			return dp_fail(ctx, -rc, "cannot enable it: %s",
					strerror(-rc));
	} else {
		region = find_region(
				ctx, pool->rec.region_range, pool->rec.region);
		if (!region)
			return dp_fail(ctx, ENODEV,
					"its region (%s, %s) is not there",
					pool->rec.region,
					pool->rec.region_range);
		rc = carve(ctx, region, others, pool->rec.align, 0,
				pool->rec.ranges, got, sizeof(got));
		if (rc)
			return rc;
	}
	ram_refresh(ctx, pool);
	bind(pool);
	return 0;
}

static int ram_regions_up(struct daxpool_ctx *ctx)
{
	return dp_cxl_regions_up(ctx, "ram");
}

const struct dp_backend dp_backend_ram = {
	.type = DAXPOOL_TYPE_RAM,
	/* the registry is the only copy; its ranges tell pools' devices */
	.needs_records = true,
	.place = ram_place,
	.provision = ram_provision,
	.placement_free = ram_placement_free,
	.refresh = ram_refresh,
	.release = ram_release,
	.enable = ram_enable,
	.regions_up = ram_regions_up,
};
