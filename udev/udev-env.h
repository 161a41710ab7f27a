/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _DAXPOOL_UDEV_ENV_H_
#define _DAXPOOL_UDEV_ENV_H_
#include <stdbool.h>
#include <stddef.h>
#include "store/registry.h"

/*
 * What the udev helper prints for the device whose namespace carries
 * DEV_UUID, given the pool record REC: the KEY=VALUE lines, into OUT.
 * 0 with the pool's lines; 1 with DAXPOOL_HOLD=1 (and *why) when the
 * device must be root-only without a link (mid-create, held for a name
 * conflict, or an owner or group that ACCOUNTS_KNOWN says this host
 * lacks); -1 with *why when it must be left as it is (the record does not
 * fit the device or names something udev must not be handed, or a change
 * closed the node). CLOSED: a destroy or rename is under way, so the mode
 * is 0000. Pure: unit tested and fuzzed.
 */
int dp_udev_env(const struct daxpool_record *rec, const char *dev_uuid,
		bool closed, bool accounts_known, char *out, size_t len,
		const char **why);
#endif
