/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_IDENTIFY_H_
#define _DAXPOOL_IDENTIFY_H_
#include <stddef.h>
#include <sys/types.h>
#include "core/private.h"

#define DP_RANGES_MAX 512

/*
 * Which pool a device-dax device can be, from sysfs alone: read-only, so
 * that libdaxpool's open by name (any user) and the udev helper (at boot)
 * share it. A pmem pool is known by its namespace's uuid; a ram pool by
 * its exact physical ranges, in order. This is the one place that tells
 * the kinds of device apart (a kind whose devices look different from
 * these says so here); its callers ask what a device carries (a uuid, or
 * ranges), and compare its kind with a record's.
 */
struct dp_identity {
	enum daxpool_type type; /* 0: neither kind */
	/* the uuid the device carries (pmem: its namespace's); "" for none:
	 * then ranges, or (not root) nothing, identify it */
	char uuid[37];
	char ranges[DP_RANGES_MAX]; /* ram: "0xSTART-0xEND,..." */
	char devname[32]; /* the device's own name: daxX.Y */
};

/* DEVDIR: the device's sysfs directory (/sys/bus/dax/devices/daxX.Y or
 * /sys/dev/char/MAJ:MIN); 0, or -1 when it is no pool's kind of device */
int dp_identify(const char *devdir, struct dp_identity *id);
/*
 * A ram device's ranges are readable by root only, so root also notes,
 * when it makes a ram pool's device (create, activate), which device that
 * is: RUNDIR/ram/UUID says "daxX.Y MAJ:MIN" until the next boot. Read:
 * 0 with the device's name and number, or -1.
 */
int dp_ram_binding_read(
		const char *uuid, char *chardev, size_t len, dev_t *rdev);
/* the first line of a sysfs (or /run) file, without its newline: false
 * if it cannot be read or is empty; _at reads PATH under DIRFD */
bool dp_read_line(const char *path, char *buf, size_t len);
bool dp_read_line_at(int dirfd, const char *path, char *buf, size_t len);
/* append "0xSTART-0xEND" (END inclusive) to RANGES; -1 if it is full */
int dp_ranges_add(char *ranges, size_t len, unsigned long long start,
		unsigned long long end);
#endif
