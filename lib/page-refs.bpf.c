// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Read the reference count that the kernel keeps in each struct page of a
 * physical range: the proof that nothing (a mapping, a GUP pin, a pipe
 * after vmsplice, an RDMA registration in any process) references a
 * pool's memory before it is released.
 *
 * A BPF_PROG_TYPE_SYSCALL program, run on demand by root through
 * BPF_PROG_TEST_RUN; it reads kernel memory with bpf_probe_read_kernel and
 * changes nothing. The struct page layout comes from the running kernel's
 * BTF (CO-RE), the virtual memory map's base from kallsyms (x86-64's
 * vmemmap_base: the map moves with KASLR). A compound page (device-DAX
 * carves one per align unit) keeps its count in its head: one read per
 * head; order-0 pages are read one by one.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "page-refs-prog.h"

/* the few fields read, matched by name against the kernel's BTF */
typedef struct {
	int counter;
} atomic_t;

/* flags is the first word of every kernel's struct page (an unsigned long,
 * a memdesc_flags_t wrapping one from 6.18): read by place, not by type */
struct page {
	atomic_t _refcount;
} __attribute__((preserve_access_index));

enum pageflags {
	PG_head = 0,
};

/* absent where the kernel does not randomize its memory map: then the
 * map starts where x86-64 with 4-level page tables puts it */
extern const void vmemmap_base __ksym __weak;
#define VMEMMAP_START_L4 0xffffea0000000000UL

/* the walk's state (page-refs-prog.h says why it is global data) */
struct dp_page_refs_walk walk_state;

static long one(__u32 i, void *data)
{
	struct dp_page_refs_walk *w = &walk_state;
	struct page *pg;
	unsigned long flags = 0;
	__u64 span = 1;
	int ref = 0;

	if (w->pfn >= w->end)
		return 1;
	pg = (struct page *)(w->map + w->pfn * w->size);
	if (bpf_probe_read_kernel(&flags, sizeof(flags), pg) ||
			bpf_core_read(&ref, sizeof(ref),
					&pg->_refcount.counter)) {
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

	if (!&vmemmap_base)
		base = VMEMMAP_START_L4;
	else if (bpf_probe_read_kernel(&base, sizeof(base), &vmemmap_base)) {
		a->flags = DP_REFS_FAULT;
		return 0;
	}
	__builtin_memset(w, 0, sizeof(*w));
	w->map = base;
	w->size = bpf_core_type_size(struct page);
	if (bpf_core_enum_value_exists(enum pageflags, PG_head))
		w->head = 1UL << bpf_core_enum_value(enum pageflags, PG_head);
	else
		w->flags |= DP_REFS_NO_HEAD;
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
