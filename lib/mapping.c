// SPDX-License-Identifier: LGPL-2.1-or-later
/* aligned mappings: device-dax refuses an mmap address not aligned to its align */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include "private.h"

/*
 * Reserve size + align of address space and map the device into it at an
 * aligned address. The reservation is handed back whole (*resv, *resv_len)
 * and unmapped in one call later: trimming it now would cost two more
 * system calls on every open.
 */
void *dp_map_aligned(int fd, uint64_t size, uint64_t align, int prot,
		void **resv, size_t *resv_len)
{
	uint64_t slack = align > SZ_4K ? align : 0;
	uint8_t *area, *want, *got;

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
	*resv = area;
	*resv_len = (size_t)(size + slack);
	return got;
}
