/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_CXL_REGION_H_
#define _DAXPOOL_CXL_REGION_H_
/*
 * CXL regions, through the kernel's region sysfs (/sys/bus/cxl): which
 * CXL region a pmem or dax region sits on, its recipe read from the
 * kernel, and the region made again from a recipe. Not libcxl: Debian
 * 12's (ndctl 76.1) cannot make RAM regions, and the sysfs sequence is
 * the kernel's documented ABI (Documentation/ABI/testing/sysfs-bus-cxl).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "store/cxl-recipe.h"

/*
 * The CXL region (regionN) that the device at sysfs path PATH (an nvdimm
 * region, a dax region or device) descends from.
 * Returns: 0 with its name in NAME; -ENOENT when it is no CXL region's.
 */
int dp_cxl_region_of(const char *path, char *name, size_t len);
/*
 * The same for a region whose physical address START is known: an
 * nvdimm region made for a CXL pmem region sits on the nvdimm bridge, not
 * under the CXL region, and shares only its address with it.
 * Returns: 0 with its name in NAME; -ENOENT.
 */
int dp_cxl_region_at(uint64_t start, char *name, size_t len);

/*
 * The recipe of the committed CXL region NAME, read from the kernel;
 * R->id is the region's uuid (pmem) or left as the caller set it (ram,
 * which has none).
 * Returns: 0; -ENODEV if it is not committed; -errno with ctx's error.
 */
int dp_cxl_region_read(struct daxpool_ctx *ctx, const char *name,
		struct dp_cxl_recipe *r);

/*
 * The committed region whose targets are R's (the same memdevs, by serial,
 * at the same positions and device addresses), if the kernel has one.
 * Returns: 0 with its name in NAME; -ENOENT.
 */
int dp_cxl_region_find(const struct dp_cxl_recipe *r, char *name, size_t len);

/*
 * Make R's region: a root decoder of R's window, an endpoint decoder of
 * each memdev (by serial), at the same device addresses, committed and
 * bound. On failure nothing of it is left.
 * Returns: 0 with its name in NAME; -ENODEV when a memdev (ctx's error
 * names its serial) or the window is absent; -EADDRINUSE when a device's
 * capacity is no longer where R says; another -errno; the error is set.
 */
int dp_cxl_region_make(struct daxpool_ctx *ctx, const struct dp_cxl_recipe *r,
		char *name, size_t len);

/*
 * Has the committed region NAME's consumer come up: its nvdimm region
 * bound (pmem), its dax region there (ram)?
 * Returns: whether it has.
 */
bool dp_cxl_region_consumed(const char *name, const char *mode);

/*
 * Which of R's memdevs are there and ready for a region: listed by the
 * kernel with their endpoint port, and for pmem their nvdimm bound.
 * Returns: a mask by position (bit I: position I's memdev is ready).
 */
unsigned int dp_cxl_memdevs_present(const struct dp_cxl_recipe *r);
#endif
