// SPDX-License-Identifier: GPL-2.0-only
/* the udev helper's output for one pool record: see udev-env.h */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "udev-env.h"

/* a user or group name safe to hand to udev's OWNER= / GROUP= */
static bool safe_word(const char *s)
{
	if (!*s || *s == '-')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
			return false;
	return true;
}

int dp_udev_env(const struct daxpool_record *rec, const char *dev_uuid,
		bool closed, bool accounts_known, char *out, size_t len,
		const char **why)
{
	int n;

	if (strcasecmp(rec->uuid, dev_uuid) != 0 ||
			!daxpool_is_uuid(rec->uuid)) {
		*why = "the record is not this device's";
		return -1;
	}
	if (daxpool_name_check(rec->name, NULL) || !safe_word(rec->owner) ||
			!safe_word(rec->group) || rec->mode > 07777) {
		*why = "the record names something udev must not be handed";
		return -1;
	}
	/* a destroy or rename under way closed the node (mode 0): leave it */
	if (rec->intent != DP_INTENT_NONE && closed) {
		*why = "the pool is mid-change";
		return -1;
	}
	/*
	 * Root-only, said outright rather than left to the node's past (a
	 * change event keeps what the node had): mid-create (maybe not zeroed
	 * yet), held for a name conflict (no link until renamed), or an owner
	 * or group this host lacks (udev would skip OWNER= but apply MODE=)
	 */
	if (rec->intent != DP_INTENT_NONE || rec->conflict || !accounts_known) {
		*why = rec->intent != DP_INTENT_NONE ?
				"the pool is mid-change" :
				rec->conflict ?
				"the pool is held for a name conflict" :
				"its owner or group does not exist on this host";
		n = snprintf(out, len, "DAXPOOL_HOLD=1\nDAXPOOL_UUID=%s\n",
				rec->uuid);
		return n < 0 || (size_t)n >= len ? -1 : 1;
	}
	/* a destroy or rename under way has closed the node: keep it so */
	n = snprintf(out, len,
			"DAXPOOL_NAME=%s\nDAXPOOL_UUID=%s\nDAXPOOL_OWNER=%s\n"
			"DAXPOOL_GROUP=%s\nDAXPOOL_MODE=%04o\n",
			rec->name, rec->uuid, rec->owner, rec->group,
			closed ? 0 : rec->mode);
	if (n < 0 || (size_t)n >= len) {
		*why = "output too long";
		return -1;
	}
	return 0;
}
