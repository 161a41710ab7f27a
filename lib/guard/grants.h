/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_GRANTS_H_
#define _DAXPOOL_GRANTS_H_
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>
#include "core/private.h"

#define DP_GRANTS_MAX 32

/* the owners, groups and "anyone" a pool's node has admitted since boot */
struct dp_grants {
	uid_t uids[DP_GRANTS_MAX];
	gid_t gids[DP_GRANTS_MAX];
	int nuids, ngids;
	bool other;
};

/* before the node's owner, group or mode change: keep what it admits now */
void dp_grants_remember(const char *uuid, const char *devpath);
/* what NODE admits now, and what it admitted since boot */
void dp_grants_load(
		const char *uuid, const struct stat *node, struct dp_grants *g);
/* the pool is gone: nothing to remember */
void dp_grants_forget(const char *uuid);
/* could thread TID's credentials have opened the node? (root: always) */
bool dp_grants_admit(const struct dp_grants *g, int tid);
#endif
