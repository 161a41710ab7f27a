/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_CDI_H_
#define _DAXPOOL_CDI_H_
/*
 * The CDI specs of the pools, kept in step with them (cdi.c): one file
 * per offered pool in the transient CDI directory (ctx->cdidir,
 * /run/cdi, which podman, containerd and CRI-O read as /var/run/cdi),
 * named daxpool.io-pool-UUID.json, so that a rename rewrites one file and
 * a pool's file is found without reading any. A pool is offered while it
 * is active, with its device, and nothing is under way or held: no intent
 * in its record, no name conflict, no change's marker, and a name CDI
 * takes.
 *
 * Only root writes them, under the admin lock; everywhere else these do
 * nothing. A spec that cannot be written never fails the change it
 * follows (which is done): it becomes the change's warning and a log line.
 * One that cannot be withdrawn stops a destroy or rename before it
 * begins. The directory is used only while only root may write to it.
 */
#include "core/private.h"

/* the file name's beginning: every file of ours in the directory has it */
#define DP_CDI_PREFIX "daxpool.io-pool-"

/*
 * Where the spec of pool UUID lives: CDIDIR/daxpool.io-pool-UUID.json.
 *
 * Returns: 0, or -EINVAL for a bad uuid or a short buffer.
 */
int dp_cdi_spec_path(struct daxpool_ctx *ctx, const char *uuid, char *buf,
		size_t len);

/*
 * POOL's spec written (atomically, 0644) if the pool is offered, removed
 * if not.
 *
 * Returns: 0, or -errno (the warning set) when it could not be written
 * or removed.
 */
int dp_cdi_sync_pool(struct daxpool_ctx *ctx, struct daxpool_pool *pool);

/*
 * Pool UUID no longer offered, before a change that may take its device
 * away or give it another name (destroy, rename, a repair's release or
 * relabel): no container started from here on is given it.
 *
 * Returns: 0 (also when there was no spec), or -errno (the warning set).
 */
int dp_cdi_withdraw(struct daxpool_ctx *ctx, const char *uuid);

/*
 * After a change that may have failed or been refused: pool UUID looked
 * at afresh, its spec written or removed as it is now.
 *
 * Returns: what dp_cdi_sync_pool returns; 0 when the pool is gone and
 * its spec too.
 */
int dp_cdi_sync_uuid(struct daxpool_ctx *ctx, const char *uuid);

/*
 * Every pool's spec as the pools are now, and the files of ours that no
 * pool is offered for any more removed (only names with DP_CDI_PREFIX;
 * other vendors' specs are left alone): activate and check --repair, so
 * that a boot, whose /run is empty, or a spec lost or left behind, comes
 * right.
 *
 * Returns: 0, or the first -errno (the warning set).
 */
int dp_cdi_sync_all(struct daxpool_ctx *ctx);
/*
 * The same from the context's pools as they are loaded, for a caller that
 * has held the admin lock since it loaded them (activate): no second read
 * of the registry and the kernel.
 *
 * Returns: as dp_cdi_sync_all.
 */
int dp_cdi_sync_held(struct daxpool_ctx *ctx);

#endif
