/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_LOOKUP_LINK_H_
#define _DAXPOOL_LOOKUP_LINK_H_
#include "core/private.h"

/*
 * Where pool ID (a name or uuid) is, from its /dev/daxpool link, its
 * device's sysfs and its one record, without enumerating anything: 0 with
 * ctx->hint filled in (the caller still proves the node it opens), or -1
 * when this way cannot tell and the full lookup must.
 */
int dp_lookup_link(struct daxpool_ctx *ctx, const char *id);
#endif
