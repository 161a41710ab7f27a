/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_PAGE_REFS_PROG_H_
#define _DAXPOOL_PAGE_REFS_PROG_H_
/* The argument of the BPF program (page-refs.bpf.c), in and out. */
#include <linux/types.h>

#define DP_REFS_FAULT 1 /* a struct page could not be read */
#define DP_REFS_NO_HEAD 2 /* the kernel has no PG_head: every page read */

struct dp_page_refs_args {
	/* in */
	__u64 pfn; /* the first page frame */
	__u64 pages; /* page frames from there */
	__u64 step; /* page frames in one compound page (the align) */
	__s32 idle;
	__u32 pad;
	/* out */
	__u64 units, busy, busy_pages, first_busy_pfn;
	__s32 min_ref, max_ref;
	__u32 flags;
	__u32 pad2;
};
/*
 * The walk's state lives in the program's global data (a map), not on its
 * stack: the verifier follows every stack value through bpf_loop's
 * callback and gives up on counters it cannot bound, and it lets a
 * program write its context only at fixed offsets, so the results are
 * copied there once at the end. Each loader has its own copy.
 */
struct dp_page_refs_walk {
	__u64 map; /* the struct page of pfn 0 */
	__u64 size; /* sizeof(struct page) in this kernel */
	__u64 head; /* the PG_head bit, 0: none */
	__u64 pfn, end, step;
	__s32 idle, min_ref, max_ref;
	__u32 flags;
	__u64 units, busy, busy_pages, first_busy_pfn;
};

#endif
