// SPDX-License-Identifier: LGPL-2.1-or-later
/* aligned mappings: device-dax refuses an mmap address not aligned to its align */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include "private.h"

void *dp_map_aligned(int fd, uint64_t size, uint64_t align, int prot)
{
	uint64_t slack = align > SZ_4K ? align : 0;
	uint8_t *area, *want, *got;

	/* reserve size + align of address space, then map into it aligned */
	area = mmap(NULL, size + slack, PROT_NONE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (area == MAP_FAILED)
		return NULL;
	want = (uint8_t *)ALIGN_UP((uintptr_t)area, slack ? slack : SZ_4K);
	got = mmap(want, size, prot, MAP_SHARED | MAP_FIXED, fd, 0);
	if (got == MAP_FAILED) {
		int e = errno;

		munmap(area, size + slack);
		errno = e;
		return NULL;
	}
	if (want > area)
		munmap(area, (size_t)(want - area));
	if (area + size + slack > want + size)
		munmap(want + size, (size_t)(area + size + slack - (want + size)));
	return got;
}
