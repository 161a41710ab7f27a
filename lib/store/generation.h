/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_GENERATION_H_
#define _DAXPOOL_GENERATION_H_
/*
 * The registry's change counter (generation.c): one page,
 * RUNDIR/generation, whose first eight bytes root adds one to after every
 * write or removal of a pool's record. A process that has it mapped knows
 * in one memory read that no record changed since it last looked, where a
 * held record costs a system call. Only the default registry has one.
 */
#include <stdint.h>
#include "core/private.h"

/* after a record was written or removed: tell every open-by-name hint */
void dp_generation_bump(struct daxpool_ctx *ctx);

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
