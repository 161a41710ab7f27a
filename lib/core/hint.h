/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_HINT_H_
#define _DAXPOOL_HINT_H_
/*
 * Where the last map_open found its pool (hint.c): the context keeps one,
 * and the next open of the same name only re-proves it: the record file is
 * unchanged and the device still carries the pool's uuid.
 */
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <daxpool/libdaxpool.h>

struct daxpool_record;

struct dp_open_hint {
	char name[DAXPOOL_NAME_MAX + 1];
	char uuid[37];
	char chardev[64];
	uint64_t size, align;
	char ranges[512]; /* ram: the device's ranges, as recorded */
	int rec_fd; /* its registry record, held open */
	int64_t rec_mtime_ns;
	dev_t rdev;
	int sysfs_fd; /* the dax device's sysfs directory */
};

/* an empty hint (no descriptors) */
void dp_hint_init(struct dp_open_hint *h);
/* forget the pool, closing what the hint held */
void dp_hint_reset(struct dp_open_hint *h);
/*
 * Remember REC's pool (its record under CONFDIR) at CHARDEV, SIZE bytes,
 * holding the record file open.
 *
 * Returns: true, or false (the hint empty) if the record is gone.
 */
bool dp_hint_set(struct dp_open_hint *h, const char *confdir,
		const struct daxpool_record *rec, const char *chardev,
		uint64_t size);
/*
 * Returns: true if ID (a name or uuid) is the hint's pool and its record
 * file is still the one the hint was made from.
 */
bool dp_hint_matches(const struct dp_open_hint *h, const char *id);
/* the device found for the hint: its sysfs directory (taken) and number */
void dp_hint_device(struct dp_open_hint *h, int sysfs_fd, dev_t rdev);

#endif
