// SPDX-License-Identifier: GPL-2.0-only
/* the udev helper's KEY=VALUE output for a record: only what udev may take */
#include <string.h>
#include "udev-env.h"
#include "tap.h"

#define UUID "3f2504e0-4f89-11d3-9a0c-0305e82c3301"

static struct daxpool_record good(void)
{
	struct daxpool_record r = { .type = DAXPOOL_TYPE_PMEM,
		.size = 1 << 26,
		.align = 2 << 20,
		.mode = 0660 };

	strcpy(r.name, "db0");
	strcpy(r.uuid, UUID);
	strcpy(r.owner, "oracle");
	strcpy(r.group, "dba");
	return r;
}

int main(void)
{
	struct daxpool_record r = good();
	const char *why = NULL;
	char out[512];

	ok(dp_udev_env(&r, UUID, false, true, out, sizeof(out), &why) == 0 &&
					strcmp(out,
							"DAXPOOL_NAME=db0\nDAXPOOL_UUID=" UUID
							"\nDAXPOOL_OWNER=oracle\n"
							"DAXPOOL_GROUP=dba\nDAXPOOL_MODE=0660\n") ==
							0,
			"a pool's five lines");
	ok(dp_udev_env(&r, "3F2504E0-4F89-11D3-9A0C-0305E82C3301", false, true,
			   out, sizeof(out), &why) == 0,
			"the device's uuid in capitals matches");
	ok(dp_udev_env(&r, UUID, true, true, out, sizeof(out), &why) == 0 &&
					strstr(out, "DAXPOOL_MODE=0000\n"),
			"a node closed for a change stays 0000");
	ok(dp_udev_env(&r, "11111111-2222-3333-4444-555555555555", false, true,
			   out, sizeof(out), &why) == -1,
			"another device's record: nothing");
	strcpy(r.owner, "a\nDAXPOOL_MODE=0777");
	ok(dp_udev_env(&r, UUID, false, true, out, sizeof(out), &why) == -1,
			"an owner that would inject a line: nothing");
	r = good();
	strcpy(r.group, "-rf");
	ok(dp_udev_env(&r, UUID, false, true, out, sizeof(out), &why) == -1,
			"a group that looks like an option: nothing");
	r = good();
	strcpy(r.name, "../../x");
	ok(dp_udev_env(&r, UUID, false, true, out, sizeof(out), &why) == -1,
			"a name that is a path: nothing (it becomes a link)");
	r = good();
	r.intent = DP_INTENT_CREATE;
	ok(dp_udev_env(&r, UUID, false, true, out, sizeof(out), &why) == 1 &&
					strncmp(out, "DAXPOOL_HOLD=1\n", 15) ==
							0 &&
					!strstr(out, "NAME"),
			"mid-create (maybe not zeroed): held root-only, no name, no link");
	ok(dp_udev_env(&r, UUID, true, true, out, sizeof(out), &why) == -1,
			"mid-destroy with the node closed: left closed");
	r = good();
	r.conflict = true;
	ok(dp_udev_env(&r, UUID, false, true, out, sizeof(out), &why) == 1 &&
					strstr(out, "DAXPOOL_HOLD=1\n") &&
					!strstr(out, "NAME"),
			"held for a name conflict: root-only, no link");
	r = good();
	ok(dp_udev_env(&r, UUID, false, false, out, sizeof(out), &why) == 1 &&
					strstr(out, "DAXPOOL_HOLD=1\n") &&
					!strstr(out, "OWNER"),
			"an owner or group this host lacks: held root-only (udev would still apply MODE)");
	ok(dp_udev_env(&r, UUID, false, true, out, 40, &why) == -1,
			"too small a buffer: nothing");
	return tap_done();
}
