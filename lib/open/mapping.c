// SPDX-License-Identifier: LGPL-2.1-or-later
/* aligned mappings: device-dax refuses an mmap address not aligned to its align */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include "core/private.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

/*
 * Find a free range of size + align, release it, and map the device at the
 * aligned address inside it. MAP_FIXED_NOREPLACE makes that safe against
 * another thread taking the hole meanwhile (then we try again); mapping
 * into a hole is cheaper than splitting a reservation. Kernels before 4.17
 * ignore the flag and treat the address as a hint: then a misplaced
 * mapping is undone and the reservation is split after all.
 */
void *dp_map_aligned(int fd, uint64_t size, uint64_t align, int prot,
		void **resv, size_t *resv_len)
{
	uint64_t slack = align > SZ_4K ? align : 0;
	uint8_t *area, *want, *got;
	int tries;

	for (tries = 0; tries < 8; tries++) {
		area = mmap(NULL, size + slack, PROT_NONE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
				0);
		if (area == MAP_FAILED)
			return NULL;
		want = (uint8_t *)ALIGN_UP(
				(uintptr_t)area, slack ? slack : SZ_4K);
		munmap(area, size + slack);
		got = mmap(want, size, prot, MAP_SHARED | MAP_FIXED_NOREPLACE,
				fd, 0);
		if (got == want) {
			*resv = got;
			*resv_len = (size_t)size;
			return got;
		}
		if (got != MAP_FAILED)
			munmap(got, size);
		else if (errno != EEXIST)
			return NULL;
	}
	/* a busy address space: reserve and map into the reservation */
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
