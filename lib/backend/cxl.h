/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_CXL_H_
#define _DAXPOOL_CXL_H_
/*
 * Pools on CXL regions the OS made (cxl.c): the pmem and ram backends
 * call these for the regions they carve.
 */
#include "backend/backend.h"

/* where a region is: its physical address (0: unknown, as it is to
 * users other than root) and its sysfs path (NULL: none) */
struct dp_cxl_where {
	uint64_t start;
	const char *path;
};

/*
 * POOL is to go on the region at WHERE: if that is a CXL region, keep its
 * recipe (once per region) and name it in rec.cxl; else clear rec.cxl.
 * Returns: 0, or -errno with the error set.
 */
int dp_cxl_keep(struct daxpool_ctx *ctx, const struct dp_cxl_where *where,
		struct daxpool_pool *pool);

/*
 * POOL's CXL fields from its recipe and the kernel: the region at WHERE
 * (NULL when the pool has no device), its memdevs' serials, and for a
 * MISSING pool why its region is not there.
 */
void dp_cxl_refresh(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		const struct dp_cxl_where *where);

/*
 * activate: make again every CXL region of MODE ("pmem", "ram") that has
 * a recipe and that the kernel does not have, in the order their capacity
 * was handed out; a region that cannot be made is a warning (its pools
 * stay missing) and nothing of it is left.
 * Returns: how many regions were made.
 */
int dp_cxl_regions_up(struct daxpool_ctx *ctx, const char *mode);

/*
 * POOL is on a CXL region and names a recipe that is not kept (a lost
 * /etc, its record brought back from the media copy): keep it again,
 * from the kernel, under the same id.
 * Returns: 0, or -errno with the error set.
 */
int dp_cxl_rekeep(struct daxpool_ctx *ctx, const struct daxpool_pool *pool);

/*
 * Drop each recipe that no registry record names and whose region is
 * there (so its media copy was read, and holds no pool): its last pool
 * was destroyed, and the region must not come back at boot.
 */
void dp_cxl_recipes_tidy(struct daxpool_ctx *ctx);
#endif
