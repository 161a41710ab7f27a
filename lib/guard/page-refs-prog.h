/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_PAGE_REFS_PROG_H_
#define _DAXPOOL_PAGE_REFS_PROG_H_
/* The argument of the BPF program (page-refs.bpf.c), in and out. */
#include <linux/types.h>

#define DP_REFS_FAULT 1 /* a struct page could not be read */

/* where the kernel keeps its struct pages, and their layout (from its BTF
 * and kallsyms, page-refs.c): the program itself needs neither */
struct dp_page_layout {
	__u64 vmemmap_sym; /* address of vmemmap_base; 0: the fixed base */
	__u64 head_mask; /* PG_head in flags; 0: no compound heads */
	__u32 page_size; /* sizeof(struct page) */
	__u32 refcount_off; /* offsetof(struct page, _refcount) */
};

struct dp_page_refs_args {
	/* in */
	struct dp_page_layout layout;
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
	__u64 refcount_off;
	__u64 head; /* the PG_head bit, 0: none */
	__u64 pfn, end, step;
	__s32 idle, min_ref, max_ref;
	__u32 flags;
	__u64 units, busy, busy_pages, first_busy_pfn;
};

#endif
