/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_BACKEND_H_
#define _DAXPOOL_BACKEND_H_
#include "core/private.h"

/*
 * What a kind of memory must do to hold pools. The core drives the flow
 * (create.c and change.c: validation, locking, zeroing, ownership; the
 * journal, journal.c: the records and their order); a backend only knows
 * its kernel objects.
 */
struct dp_backend {
	enum daxpool_type type;
	/*
	 * choose where a new pool goes (rec.region), counting whatever the
	 * kind keeps beside it; before any record or device is written
	 */
	int (*place)(struct daxpool_ctx *ctx,
			const struct daxpool_create_args *args,
			struct daxpool_pool *pool);
	/*
	 * keep pool->rec where the kind keeps its own copy of it (pmem: the
	 * media copy on its region), or forget it there; NULL: the registry
	 * is the only copy
	 */
	int (*store)(struct daxpool_ctx *ctx, struct daxpool_pool *pool);
	int (*forget)(struct daxpool_ctx *ctx, struct daxpool_pool *pool);
	/* fill the kernel-side fields of a pool whose record is loaded */
	void (*refresh)(struct daxpool_ctx *ctx, struct daxpool_pool *pool);
	/*
	 * make a device for pool->rec (name, uuid, align, region set) of at
	 * least args->size usable bytes; on success pool's kernel fields are
	 * filled; on failure nothing is left
	 */
	int (*provision)(struct daxpool_ctx *ctx,
			const struct daxpool_create_args *args,
			struct daxpool_pool *pool);
	/* remove the device; the caller has proved it unused */
	int (*release)(struct daxpool_ctx *ctx, struct daxpool_pool *pool);
	/* bring a disabled pool's device up again (activate) */
	int (*enable)(struct daxpool_ctx *ctx, struct daxpool_pool *pool);
	/* write rec.name where the kernel keeps it; the caller proved it unused */
	int (*relabel)(struct daxpool_ctx *ctx, struct daxpool_pool *pool);
};

/* backend.c: the backend of a kind of pool, NULL for one not built in;
 * a pool object keeps its own in pool->ops */
const struct dp_backend *dp_backend_get(enum daxpool_type type);
extern const struct dp_backend dp_backend_pmem;
extern const struct dp_backend dp_backend_ram;

#endif
