/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_QUIESCE_H_
#define _DAXPOOL_QUIESCE_H_
/*
 * Quiescing a pool before its device goes away (destroy) or is re-created
 * (the relabel step of rename): nobody may hold it, and nobody may start
 * to while the kernel is at work.
 */
#include <stdbool.h>
#include <sys/types.h>
#include "guard/inuse.h"
#include "guard/page-refs.h"
#include "core/private.h"

struct dp_quiesce {
	int fd; /* the device, locked exclusively; -1 */
	dev_t rdev;
	mode_t mode; /* the node's mode before; (mode_t)-1 if untouched */
	uid_t uid; /* and its owner and group */
	gid_t gid;
	int guard; /* socket to the guardian process; -1 */
	char dev[96];
	char marker[160]; /* the "change under way" marker; "" if none */
	char record[320]; /* the pool's registry record, for the guardian */
	struct dp_page_reader *reader; /* loaded once for both looks */
	int reader_rc; /* -errno: the count cannot be read here */
};

/*
 * 0 when nobody holds the pool: nobody has its node open or mapped, and
 * the kernel's own count of every page of it is at its idle value (or,
 * where the count cannot be read, the /proc rules of inuse.c and pins.c
 * find no holder; a warning says so). The node is then closed (owner and
 * group root, mode 0, so not even its owner can reopen it), a marker says
 * a change is under way (map_open reports EBUSY, the udev helper keeps the
 * node closed), and a guardian process restores owner, group and mode if
 * this process dies before dp_quiesce_end(), unless the pool's record says
 * a destroy was under way. -EBUSY with the holders in H, and nothing
 * changed; another -errno if the pool could not be looked at.
 */
int dp_quiesce(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		struct dp_quiesce *q, struct dp_holders *h);
/* let go of our own fd: it must not keep the device from going */
void dp_quiesce_drop_fd(struct dp_quiesce *q);
/* the change is over; unless the device is GONE its mode comes back */
void dp_quiesce_end(struct dp_quiesce *q, bool gone);

/* one kernel operation on a quiesced pool (see dp_quiesce_run) */
typedef int (*dp_quiesced_op)(
		struct daxpool_ctx *ctx, struct daxpool_pool *pool, void *arg);

/*
 * Quiesce POOL, drop our own fd so it cannot keep the device, run OP,
 * end. With GOES the door stays shut when OP succeeds: the device is gone.
 * *RAN tells whether OP ran (a quiesce that failed left all as it was).
 * Returns: OP's result; -EBUSY with the holders in H (the caller frees
 * them), or another -errno from the quiesce, when OP did not run.
 */
int dp_quiesce_run(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		dp_quiesced_op op, void *arg, bool goes, struct dp_holders *h,
		bool *ran);

/*
 * The proof on its own, for a device that is no pool's (a region's
 * spanning device): 0 when nothing opens, maps or references DEV
 * ("dax1.0", node RDEV); -EBUSY (holders in H) or -errno, with the reason
 * in ctx's error.
 */
int dp_idle_check(struct daxpool_ctx *ctx, const char *dev,
		const struct dp_target *t, struct dp_holders *h);

/* quiesce-mark.c (read-only, shared with the udev helper): is a change
 * of pool UUID under way, by a process that is still alive? */
bool dp_quiesce_marked(const char *uuid);
#endif
