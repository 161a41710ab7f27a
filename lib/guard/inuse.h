/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_INUSE_H_
#define _DAXPOOL_INUSE_H_
/*
 * Who holds a pool's device: processes that have it open, map it, or may
 * still pin its pages long-term after letting go of both (see pins.c).
 */
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "guard/grants.h"

/* the pool's device, and who could ever have opened it */
struct dp_target {
	dev_t rdev;
	struct dp_grants grants;
};

struct dp_holder {
	pid_t pid;
	bool pin; /* found by the pin rules (pins.c), not by fd or map */
	char why[160]; /* "pid 12 maps it", for the busy message */
};

struct dp_holders {
	struct dp_holder *list;
	int n, cap;
	/* the scan could not look everywhere: refuse, never guess idle */
	int error; /* -errno */
	char error_why[160];
};

/* one mapping of a process, as /proc/PID/maps lists it */
struct dp_vma {
	uint64_t start, end;
	int pool; /* it maps the pool's device */
};

/* what pins.c needs to know of one process */
struct dp_proc {
	pid_t pid;
	int tid; /* a live thread: its maps and status are the process's */
	struct dp_vma *vmas;
	int nvmas;
	/* io_uring instances (their fdinfo lists registered buffers), all */
	int *io_uring_fds, *io_uring_tids;
	int nio_uring, cap_io_uring;
	int dma_fd; /* a VFIO or iommufd fd: pins daxpool cannot list */
	int uverbs_fd; /* an RDMA device fd: registrations may hang on it */
	/* its pinned memory (VmPin) */
	long long vmpin_kib;
};

/*
 * Every process that holds the pool's device, in H (dp_holders_free frees
 * it): it has the device open or mapped, or it has long-term pins that
 * cannot be attributed to other memory while its credentials could have
 * opened the device. Looks at every thread's fds and at every mapping by
 * device number, so neither the path text nor a mount namespace can hide
 * a holder or invent one. Gives up (h->error) when it cannot finish within
 * a few seconds or cannot read a process it must.
 */
int dp_scan_holders(const struct dp_target *t, struct dp_holders *h);
void dp_holders_free(struct dp_holders *h);
int dp_holders_add(struct dp_holders *h, pid_t pid, const char *fmt, ...)
		__attribute__((format(printf, 3, 4)));
/* holders.c: H as the list daxpool_pool_destroy hands its caller, NULL
 * when H names nobody; 0 or -ENOMEM */
struct daxpool_holders;
int dp_holders_export(const struct dp_holders *h, struct daxpool_holders **out);

/* pins.c: long-term pins of P that cannot be attributed to other memory */
struct dp_pin_scan;
struct dp_pin_scan *dp_pin_scan_new(void);
void dp_pin_scan_free(struct dp_pin_scan *ps);
/* 1 (and a reason in WHY) when P has long-term pins that cannot be
 * attributed to memory other than the pool by their addresses; 0 if not */
int dp_pins_hold(struct dp_pin_scan *ps, const struct dp_proc *p, char *why,
		size_t len);

/* rdma-netlink.c: every user RDMA memory region the kernel tracks */
struct dp_mr {
	pid_t pid; /* 0: unknown */
	uint64_t iova, len;
	int has_iova;
};
/* 0 and *mrs (malloc'd) with *n entries; -errno when it cannot ask */
int dp_rdma_list_mrs(struct dp_mr **mrs, int *n);
#endif
