/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_CHECK_H_
#define _DAXPOOL_CHECK_H_
#include "private.h"

struct daxpool_finding {
	struct daxpool_finding *next;
	char pool[DAXPOOL_NAME_MAX + 1]; /* "" for none */
	char uuid[37];
	char region[64];
	char problem[32];
	char action[32]; /* one word for what repair does; "" if none */
	char detail[512];
	char repair[256]; /* "" when nothing daxpool may do */
	bool repaired;
	char failed[512]; /* why the repair failed */
};

struct daxpool_report {
	struct daxpool_ctx *ctx;
	struct daxpool_finding *first, *last;
};
#endif
