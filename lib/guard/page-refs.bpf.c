// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Read the reference count that the kernel keeps in each struct page of a
 * physical range: the proof that nothing (a mapping, a GUP pin, a pipe
 * after vmsplice, an RDMA registration in any process) references a
 * pool's memory before it is released.
 *
 * A BPF_PROG_TYPE_SYSCALL program, run on demand by root through
 * BPF_PROG_TEST_RUN; it reads kernel memory with bpf_probe_read_kernel and
 * changes nothing. Where the struct pages are and how they are laid out
 * comes in its argument (page-refs.c reads it from the kernel's BTF and
 * kallsyms once per boot), so loading it needs no BTF work. A compound
 * page (device-DAX carves one per align unit) keeps its count in its head:
 * one read per head; order-0 pages are read one by one.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "guard/page-refs-prog.h"

/* where the kernel does not randomize its memory map, x86-64 with 4-level
 * page tables puts it here */
#define VMEMMAP_START_L4 0xffffea0000000000UL

/* the walk's state (page-refs-prog.h says why it is global data) */
struct dp_page_refs_walk walk_state;

static long one(__u32 i, void *data)
{
	struct dp_page_refs_walk *w = &walk_state;
	unsigned long pg, flags = 0;
	__u64 span = 1;
	int ref = 0;

	if (w->pfn >= w->end)
		return 1;
	pg = w->map + w->pfn * w->size;
	/* flags is the first word of every kernel's struct page */
	if (bpf_probe_read_kernel(&flags, sizeof(flags), (void *)pg) ||
			bpf_probe_read_kernel(&ref, sizeof(ref),
					(void *)(pg + w->refcount_off))) {
		w->flags |= DP_REFS_FAULT;
		return 1;
	}
	if (w->head && (flags & w->head) && w->step > 1)
		span = w->step;
	if (w->units == 0 || ref < w->min_ref)
		w->min_ref = ref;
	if (w->units == 0 || ref > w->max_ref)
		w->max_ref = ref;
	w->units++;
	/* a tail page's own count is 0; its references are its head's */
	if (ref > w->idle) {
		if (!w->busy)
			w->first_busy_pfn = w->pfn;
		w->busy++;
		w->busy_pages += span;
	}
	w->pfn += span;
	return 0;
}

SEC("syscall")
int page_refs(struct dp_page_refs_args *a)
{
	struct dp_page_refs_walk *w = &walk_state;
	unsigned long base = 0;
	__u64 pages = a->pages;

	if (!a->layout.vmemmap_sym)
		base = VMEMMAP_START_L4;
	else if (bpf_probe_read_kernel(&base, sizeof(base),
				 (void *)a->layout.vmemmap_sym)) {
		a->flags = DP_REFS_FAULT;
		return 0;
	}
	__builtin_memset(w, 0, sizeof(*w));
	w->map = base;
	w->size = a->layout.page_size;
	w->refcount_off = a->layout.refcount_off;
	w->head = a->layout.head_mask;
	w->pfn = a->pfn;
	w->end = a->pfn + pages;
	w->step = a->step;
	w->idle = a->idle;
	/* bpf_loop runs at most 1 << 23 times: the caller splits larger ranges */
	bpf_loop(pages > (1U << 23) ? (1U << 23) : (__u32)pages, one, NULL, 0);
	if (w->pfn < w->end)
		w->flags |= DP_REFS_FAULT;
	a->units = w->units;
	a->busy = w->busy;
	a->busy_pages = w->busy_pages;
	a->first_busy_pfn = w->first_busy_pfn;
	a->min_ref = w->min_ref;
	a->max_ref = w->max_ref;
	a->flags = w->flags;
	return 0;
}

/* GPL: the kernel lends bpf_probe_read_kernel to GPL-compatible programs
 * only; this file is LGPL-2.1-or-later, which may be conveyed as GPL */
char LICENSE[] SEC("license") = "GPL";
