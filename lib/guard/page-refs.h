/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_PAGE_REFS_H_
#define _DAXPOOL_PAGE_REFS_H_
/*
 * The kernel's own reference count of a pool's pages, read from its
 * struct pages (see page-refs.c; why this decides a destroy:
 * Documentation/design.md, "What decides a destroy").
 */
#include <stddef.h>
#include <stdint.h>

/* what the count says of a range of pages */
struct dp_page_refs {
	uint64_t units; /* pages and compound heads read */
	uint64_t busy; /* of them referenced beyond idle */
	uint64_t busy_bytes; /* the memory those cover */
	uint64_t first_busy; /* physical address of the first busy one */
	int idle; /* the count of a page nobody references */
	int min_ref, max_ref;
};

/* the loaded BPF reader: loading costs most of a read, so load it once */
struct dp_page_reader;

/*
 * Load the reader into the kernel. 0 and *PR; -errno when the kernel's
 * count cannot be read here (no BPF, no BTF, lockdown), with the reason
 * in WHY.
 */
int dp_page_reader_new(struct dp_page_reader **pr, char *why, size_t len);
void dp_page_reader_free(struct dp_page_reader *pr);

/*
 * Read the count of every page (one per compound page) of the physical
 * ranges of dax device DEV ("dax1.0"). 0 and R filled; -errno (reason in
 * WHY) when a page cannot be read or DEV names no range.
 */
int dp_page_refs_read(struct dp_page_reader *pr, const char *dev,
		struct dp_page_refs *r, char *why, size_t len);
/* the same for the physical range START, SIZE; STEP is the device's align */
int dp_page_refs_range(struct dp_page_reader *pr, uint64_t start, uint64_t size,
		uint64_t step, struct dp_page_refs *r, char *why, size_t len);
#endif
