// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Namespace sizing for pmem pools. A devdax namespace in map=pmem mode
 * keeps an 8K info block and 64 bytes of struct page per 4K page in front
 * of the data, the data starts aligned to the dax align, and the end is cut
 * down to it. The user asks for usable bytes, so daxpool absorbs all that;
 * pmem.c still checks the device the kernel really made.
 */
#include "core/private.h"
#include "backend/pmem.h"

#define INFO_BLOCK (8192ULL)
#define STRUCT_PAGE (64ULL)

uint64_t dp_pmem_usable(uint64_t start, uint64_t ns_size, uint64_t align)
{
	uint64_t npfns, offset, end, data_end;

	if (align < SZ_4K)
		align = SZ_4K;
	if (ns_size <= INFO_BLOCK)
		return 0;
	npfns = (ns_size - INFO_BLOCK) / SZ_4K;
	/* the data starts at least 2M-aligned, even for 4K pools (seen: 256M
	 * namespace, 4K align, 250M usable) */
	offset = ALIGN_UP(start + INFO_BLOCK + STRUCT_PAGE * npfns,
				 align > SZ_2M ? align : SZ_2M) -
			start;
	end = start + ns_size;
	data_end = (end / align) * align;
	if (data_end <= start + offset)
		return 0;
	return data_end - (start + offset);
}

/*
 * The smallest namespace (a multiple of the region's alignment) whose
 * usable size is at least SIZE rounded up to ALIGN. Usable size is not
 * monotonic in the namespace size (the data start jumps by a whole data
 * alignment now and then), so walk up one region alignment at a time, but
 * start where the struct pages alone rule out anything smaller: usable <=
 * (ns - 8K) * 63/64 + 64. That leaves a handful of steps (about 130 for 1G
 * pools) whatever the size, where walking from the data size took seconds
 * for petabytes. 0 when it cannot be held at all.
 */
uint64_t dp_pmem_namespace_size(
		uint64_t size, uint64_t align, uint64_t region_align)
{
	uint64_t want, ns, lb;

	if (!region_align)
		region_align = SZ_16M;
	if (align < SZ_4K)
		align = SZ_4K;
	if (size > (1ULL << 60))
		return 0;
	want = ALIGN_UP(size, align);
	lb = want > 64 ? (want - 64) / 63 * 64 + INFO_BLOCK : 0;
	ns = lb / region_align * region_align;
	if (ns < region_align)
		ns = region_align;
	/* assume an aligned start; the real start is checked once allocated */
	while (dp_pmem_usable(0, ns, align) < want)
		ns += region_align;
	return ns;
}
