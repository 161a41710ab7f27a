/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_BACKEND_H_
#define _DAXPOOL_BACKEND_H_
#include "core/private.h"
#include "backend/media-format.h"

/*
 * What a kind of memory must do to hold pools: the one door between the
 * core and a backend (Documentation/design.md, "Adding a backend").
 *
 * The core drives every flow: create.c and change.c (validation, the
 * admin lock, zeroing, ownership), the journal (journal.c: which record
 * is written when), check (what is wrong, and its repair). It reaches a
 * backend only through this table, and never asks which kind a pool is:
 * it asks the backend a question (keeps_copy, needs_records), or finds an
 * optional op unset (the kind cannot: ram has no label to rewrite).
 *
 * A backend knows its kernel objects and what it keeps of its own: pmem
 * its media copy on each region (media.c), which nobody outside
 * lib/backend/ reads or writes but through the copy ops below. It calls
 * no part above it: what it must know of the other pools (ram: which
 * devices are pools'), the core reads from the registry and hands it.
 * Only where a device is told apart from sysfs alone (util/identify.c,
 * for open by name and udev) is the kind of a device read, since that is
 * the device's identity.
 */

/* the registry's records, read by the core for a backend that asks */
struct dp_recorded {
	const struct daxpool_record *recs;
	size_t n;
};

/*
 * What place chose, for provision: the backend's own (pmem: the region;
 * ram: the dax region), opaque to the core, which hands it on and gives
 * it back to placement_free whatever the outcome.
 */
struct dp_placement {
	void *chosen;
};

/* one copy a kind keeps, as read (LOAD_RC: 0, or -errno with m->why set);
 * a non-zero return stops the walk and is its result */
typedef int (*dp_copy_fn)(struct daxpool_ctx *ctx, int load_rc,
		struct dp_media *m, void *arg);

struct dp_backend {
	enum daxpool_type type;

	/* ------------------------------------------ what the core asks */
	/*
	 * The kind keeps its own copy of each record, and that copy is the
	 * truth (pmem: the media copy on each region; /etc/daxpool follows
	 * it). The copy ops below are set; else they are NULL, and the
	 * registry is the only copy.
	 */
	bool keeps_copy;
	/*
	 * place, provision and enable want the registry's records (ram: a
	 * device spanning its region is free space unless it is a pool's);
	 * else they get none
	 */
	bool needs_records;

	/* ------------------------------------------------ making a pool */
	/*
	 * Choose where a new pool goes (rec.region), counting whatever the
	 * kind keeps beside it, before any record or device is written; the
	 * choice goes into PL for provision. On failure PL holds nothing.
	 */
	int (*place)(struct daxpool_ctx *ctx,
			const struct daxpool_create_args *args,
			const struct dp_recorded *others,
			struct daxpool_pool *pool, struct dp_placement *pl);
	/*
	 * Make a device for pool->rec (name, uuid, align, region set) of at
	 * least args->size usable bytes where PL says; on success pool's
	 * kernel fields are filled; on failure nothing is left
	 */
	int (*provision)(struct daxpool_ctx *ctx,
			const struct daxpool_create_args *args,
			const struct dp_recorded *others,
			struct daxpool_pool *pool, struct dp_placement *pl);
	/* let go of what place chose (PL may hold nothing) */
	void (*placement_free)(struct dp_placement *pl);

	/* ----------------------------------------- its kernel objects */
	/* fill the kernel-side fields of a pool whose record is loaded */
	void (*refresh)(struct daxpool_ctx *ctx, struct daxpool_pool *pool);
	/* remove the device; the caller has proved it unused */
	int (*release)(struct daxpool_ctx *ctx, struct daxpool_pool *pool);
	/* bring a pool's device up again (activate); NULL: it cannot */
	int (*enable)(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
			const struct dp_recorded *others);
	/*
	 * activate, before any pool is brought up: make again the regions
	 * of the kind that no kernel makes at boot (CXL regions the OS
	 * made, from their recipes: cxl.c); what cannot be made is a
	 * warning. NULL: every region of the kind comes back by itself.
	 * Returns: how many were made.
	 */
	int (*regions_up)(struct daxpool_ctx *ctx);
	/* write rec.name where the kernel keeps it; the caller proved it
	 * unused; NULL: the kernel keeps no name */
	int (*relabel)(struct daxpool_ctx *ctx, struct daxpool_pool *pool);
	/*
	 * Is NAME a pool's other than EXCEPT (a uuid, or NULL) where the kind
	 * keeps names beside the registry (pmem: a media copy, of a region
	 * registered here or not)? Then WHERE says where. NULL: nowhere.
	 */
	bool (*name_taken)(struct daxpool_ctx *ctx, const char *name,
			const char *except, char *where, size_t len);

	/* ------------------------------- its own copy (keeps_copy only) */
	/*
	 * pool->rec into its copy, or out of it: the journal's writes. Each
	 * returns 0 or -errno with the error set.
	 */
	int (*store)(struct daxpool_ctx *ctx, struct daxpool_pool *pool);
	int (*forget)(struct daxpool_ctx *ctx, struct daxpool_pool *pool);
	/* FN for each copy the kind keeps (check reads them) */
	int (*copies_foreach)(
			struct daxpool_ctx *ctx, dp_copy_fn fn, void *arg);
	/* check's repairs: REC into the copy on REGION (made if there is none),
	 * UUID out of it (the copy goes once empty) */
	int (*copy_put)(struct daxpool_ctx *ctx, const char *region,
			const struct daxpool_record *rec);
	int (*copy_drop)(struct daxpool_ctx *ctx, const char *region,
			const char *uuid);
	/* RECS into the copy M (as copies_foreach gave it); BOTH: into both
	 * of its slots when the other is no better */
	int (*copy_rewrite)(struct daxpool_ctx *ctx, const struct dp_media *m,
			const struct daxpool_record *recs, size_t n, bool both);
	/* the copy M removed: it holds no pool */
	int (*copy_delete)(struct daxpool_ctx *ctx, const struct dp_media *m);
};

/*
 * backend.c: the backends built in, in one table (NULL after the last);
 * each kind's is chosen once per pool object and kept in pool->ops.
 */
extern const struct dp_backend *const dp_backends[];
/* the backend of a kind of pool, NULL for one not built in */
const struct dp_backend *dp_backend_get(enum daxpool_type type);

#endif
