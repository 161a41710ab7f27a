/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_CXL_RECIPE_H_
#define _DAXPOOL_CXL_RECIPE_H_
/*
 * What it takes to make a CXL region again, identically, after a reboot
 * (no kernel up to 7.3 re-assembles a region the OS made): kept as
 * cxl-regions/ID.json under CONFDIR and STATEDIR when a pool is first put
 * on the region.
 * Memdevs are known by serial number (their names change between boots),
 * the root decoder by the window it decodes (its start and size).
 */
#include <stdbool.h>
#include <stdint.h>
#include "core/private.h"

#define DP_CXL_MAX_WAYS 16

struct dp_cxl_target {
	uint64_t serial; /* the memdev's */
	uint64_t dpa; /* where its share starts in the memdev (dpa_resource) */
	uint64_t dpa_size;
};

struct dp_cxl_recipe {
	char id[40]; /* the region's uuid (pmem), or one daxpool gave it (ram) */
	char mode[8]; /* "pmem" or "ram" */
	unsigned int ways, granularity;
	uint64_t size;
	uint64_t hpa; /* where it was in the window (ram pools keep ranges) */
	uint64_t window_start, window_size; /* the root decoder's */
	struct dp_cxl_target t[DP_CXL_MAX_WAYS]; /* by position */
};

/*
 * pure: a recipe to its JSON text (malloc'd), and back
 * Returns: the text, NULL without memory; 0 or -EINVAL with *WHY set.
 */
char *dp_cxl_recipe_encode(const struct dp_cxl_recipe *r);
int dp_cxl_recipe_decode(
		const char *text, struct dp_cxl_recipe *r, const char **why);

/* pure: A and B name the same memdevs at the same positions, device
 * addresses and sizes, in the same mode (so one region).
 * Returns: whether they do */
bool dp_cxl_recipe_same_targets(
		const struct dp_cxl_recipe *a, const struct dp_cxl_recipe *b);

/* cxl-regions/ID.json of CONFDIR, else of STATEDIR, into R. Returns: 0,
 * or -errno (-ENOENT: no such recipe; -EINVAL: damaged) with *WHY set */
int dp_cxl_recipe_read(struct daxpool_ctx *ctx, const char *id,
		struct dp_cxl_recipe *r, const char **why);

/* recipes in the registry; each returns 0 or -errno with the error set */
int dp_cxl_recipe_write(struct daxpool_ctx *ctx, const struct dp_cxl_recipe *r);
int dp_cxl_recipe_remove(struct daxpool_ctx *ctx, const char *id);
/*
 * Every readable recipe of either home, once, into *RS (malloc'd, *N of
 * them; the caller frees); a file that cannot be read is reported and
 * skipped.
 * Returns: 0, or -errno.
 */
int dp_cxl_recipe_load(
		struct daxpool_ctx *ctx, struct dp_cxl_recipe **rs, size_t *n);
/*
 * Each recipe that one home lacks (or holds otherwise) written there
 * again from the other: a lost or restored /etc gets its recipes back.
 * Returns: 0, or -errno with the error set.
 */
int dp_cxl_recipe_heal(struct daxpool_ctx *ctx);
#endif
