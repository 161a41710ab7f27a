/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_GENERATION_H_
#define _DAXPOOL_GENERATION_H_
/*
 * The registry's change counter (generation.c): one page,
 * RUNDIR/generation, whose first eight bytes root adds one to as soon as
 * a pool's record is renamed into place or removed. A process that has it
 * mapped knows in one memory read that no record changed since it last
 * looked, where a held record costs a system call. Only the default
 * registry has one.
 */
#include <stdint.h>
#include "core/private.h"

/*
 * Before a record is written or removed: the counter, mapped writable,
 * into *GEN (NULL for a private registry, which has none). A change that
 * cannot be counted is not made: readers would go on trusting the old.
 *
 * Returns: 0, or -errno with the error set.
 */
int dp_generation_open(struct daxpool_ctx *ctx, uint64_t **gen);
/* right after the rename or unlink: one more (NULL: nothing) */
void dp_generation_bump(uint64_t *gen);
/* unmap what dp_generation_open mapped (NULL is fine) */
void dp_generation_close(uint64_t *gen);
/*
 * Open, bump and close: activate's mark that the counter exists from boot
 * on (and that the kernel may have changed); a failure is only logged,
 * since every change that follows opens it again or fails.
 */
void dp_generation_touch(struct daxpool_ctx *ctx);

/*
 * Map the counter of the registry in CONFDIR read-only, if root made it.
 *
 * Returns: the counter, or NULL (no counter: a private registry, none
 * made yet, or a file that is not root's alone).
 */
const uint64_t *dp_generation_map(const char *confdir);
/* undo dp_generation_map (NULL is fine) */
void dp_generation_unmap(const uint64_t *gen);

#endif
