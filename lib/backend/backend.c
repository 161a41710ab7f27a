// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The core's choice of backend for a kind of pool (as libndctl picks a
 * DIMM's ops once and keeps them on the object): pool objects carry it in
 * pool->ops, so no flow asks a pool's type again.
 */
#include "backend/backend.h"

const struct dp_backend *dp_backend_get(enum daxpool_type type)
{
	switch (type) {
	case DAXPOOL_TYPE_PMEM:
		return &dp_backend_pmem;
	case DAXPOOL_TYPE_RAM:
		return &dp_backend_ram;
	default:
		return NULL;
	}
}
