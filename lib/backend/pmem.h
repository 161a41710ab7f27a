/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_PMEM_H_
#define _DAXPOOL_PMEM_H_
#include <stdint.h>

/* sizing a devdax namespace (pmem-size.c, pure, unit tested) */
/* usable bytes of a devdax namespace at physical start */
uint64_t dp_pmem_usable(uint64_t start, uint64_t ns_size, uint64_t align);
/* smallest namespace, a multiple of region_align, that gives size at an
 * aligned start */
uint64_t dp_pmem_namespace_size(
		uint64_t size, uint64_t align, uint64_t region_align);
#endif
