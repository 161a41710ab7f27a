/* SPDX-License-Identifier: GPL-2.0-only */
/* test programs: a dax device's attributes from sysfs */
#ifndef _DAXPOOL_TEST_DAXDEV_H_
#define _DAXPOOL_TEST_DAXDEV_H_
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ATTR of /dev/daxX.Y (or daxX.Y) from /sys/bus/dax/devices; 0 if absent */
static inline uint64_t daxdev_attr(const char *dev, const char *attr)
{
	const char *base = strrchr(dev, '/') ? strrchr(dev, '/') + 1 : dev;
	char path[256], buf[64];
	uint64_t v = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/bus/dax/devices/%s/%s", base, attr);
	f = fopen(path, "r");
	if (f && fgets(buf, sizeof(buf), f))
		v = strtoull(buf, NULL, 0);
	if (f)
		fclose(f);
	return v;
}
#endif
