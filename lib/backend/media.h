/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_MEDIA_H_
#define _DAXPOOL_MEDIA_H_
/*
 * The media copy on a region, read and written (media.c): the pmem
 * backend's own. Everything outside lib/backend/ reaches it through the
 * backend's ops (backend.h); the copy as data is media-format.h.
 */
#include "backend/backend.h"
#include "backend/media-format.h"

struct ndctl_region;
struct ndctl_namespace;

/*
 * Find and read REGION's copy (enabling its namespace if it is disabled:
 * it is daxpool's own): 0, -ENOENT when the region has none, or -errno
 * with m->why set when it cannot be read.
 */
int dp_media_load(struct daxpool_ctx *ctx, struct ndctl_region *region,
		struct dp_media *m);
/* write RECS as the next generation into the slot that is not current;
 * refuses a foreign copy */
int dp_media_store(struct daxpool_ctx *ctx, struct dp_media *m,
		const struct daxpool_record *recs, size_t n);
/* a new, empty copy on REGION (a 1-alignment raw namespace) */
int dp_media_create(struct daxpool_ctx *ctx, struct ndctl_region *region,
		struct dp_media *m);
/* remove the copy's namespace: the region holds no pools any more */
int dp_media_delete(struct daxpool_ctx *ctx, const struct dp_media *m);
/* REGION's copy namespace, or NULL */
struct ndctl_namespace *dp_media_namespace(struct ndctl_region *region);
struct ndctl_region *dp_media_region(struct daxpool_ctx *ctx, const char *name);

/*
 * What the changes use: put REC (by uuid) into, or drop UUID from, the
 * copy on the region named REGION. put makes the copy if the region has
 * none; drop removes it once empty. Both refuse a copy that is damaged or
 * foreign (check --repair first), with the error set.
 */
int dp_media_put(struct daxpool_ctx *ctx, const char *region,
		const struct daxpool_record *rec);
int dp_media_drop(
		struct daxpool_ctx *ctx, const char *region, const char *uuid);

/*
 * What check's repairs use: RECS written into the copy M (as
 * dp_media_foreach read it, which is left as it was); BOTH: into both
 * slots, when the other one is no better.
 *
 * Returns: 0, or -errno with the error set.
 */
int dp_media_rewrite(struct daxpool_ctx *ctx, const struct dp_media *m,
		const struct daxpool_record *recs, size_t n, bool both);

/* FN for every region that has a copy (LOAD_RC: dp_media_load's result);
 * stops at the first non-zero return and returns it */
int dp_media_foreach(struct daxpool_ctx *ctx, dp_copy_fn fn, void *arg);

/*
 * Is NAME the name of a pool other than EXCEPT (a uuid, or NULL) in the
 * copy of any region? Then WHERE says which.
 *
 * Returns: true if it is.
 */
bool dp_media_name_taken(struct daxpool_ctx *ctx, const char *name,
		const char *except, char *where, size_t len);
#endif
