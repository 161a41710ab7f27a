/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_HINT_H_
#define _DAXPOOL_HINT_H_
/*
 * Where the last map_open found its pool (hint.c): the context keeps one,
 * and the next open of the same name only re-proves it: no record changed
 * (the registry's change counter, or the held record file), and the
 * device is still there.
 */
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <daxpool/libdaxpool.h>

struct daxpool_record;

struct dp_open_hint {
	char name[DAXPOOL_NAME_MAX + 1];
	char uuid[37];
	char chardev[64];
	uint64_t size; /* 0: not read yet (map.c reads it after the open) */
	uint64_t align;
	char ranges[512]; /* ram: the device's ranges, as recorded */
	int rec_fd; /* its registry record, held open */
	int64_t rec_mtime_ns;
	dev_t rdev;
	int sysfs_fd; /* the dax device's sysfs directory */
	/* the count of changes when the record was last proven unchanged */
	uint64_t gen_seen;
	bool gen_valid;
	unsigned int counted; /* opens proven by the count alone */
	/* the context's mapping of the change counter: kept across pools */
	const uint64_t *gen;
	bool gen_tried;
};

/* an empty hint (no descriptors) */
void dp_hint_init(struct dp_open_hint *h);
/* forget the pool, closing what the hint held (the counter stays) */
void dp_hint_reset(struct dp_open_hint *h);
/* dp_hint_reset, and the counter unmapped: the context goes */
void dp_hint_free(struct dp_open_hint *h);
/*
 * Remember REC's pool at CHARDEV, SIZE bytes (0: unknown yet). REC_FD is
 * the record file REC was read from (dp_registry_read_held), with its
 * fstat REC_ST; the hint takes the descriptor.
 */
void dp_hint_set(struct dp_open_hint *h, const struct daxpool_record *rec,
		const char *chardev, uint64_t size, int rec_fd,
		const struct stat *rec_st);
/*
 * Is ID (a name or uuid) the hint's pool, and its record still the one
 * the hint was made from? *BY_COUNT: true when the change counter alone
 * said so (no record changed at all since the last proof).
 *
 * Returns: true if the hint still holds.
 */
bool dp_hint_matches(struct dp_open_hint *h, const char *confdir,
		const char *id, bool *by_count);
/* the device found for the hint: its sysfs directory (taken) and number;
 * dropping or replacing a held directory forgets its device's size */
void dp_hint_device(struct dp_open_hint *h, int sysfs_fd, dev_t rdev);

#endif
