// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The backends built in, and the core's choice among them for a kind of
 * pool (as libndctl picks a DIMM's ops once and keeps them on the
 * object): pool objects carry it in pool->ops, so no flow asks a pool's
 * type again. A new kind of memory is one more line here.
 */
#include "backend/backend.h"

extern const struct dp_backend dp_backend_pmem;
extern const struct dp_backend dp_backend_ram;

const struct dp_backend *const dp_backends[] = {
	&dp_backend_pmem,
	&dp_backend_ram,
	NULL,
};

const struct dp_backend *dp_backend_get(enum daxpool_type type)
{
	const struct dp_backend *const *be;

	for (be = dp_backends; *be; be++)
		if ((*be)->type == type)
			return *be;
	return NULL;
}
