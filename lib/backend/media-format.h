/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_MEDIA_FORMAT_H_
#define _DAXPOOL_MEDIA_FORMAT_H_
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/private.h"

/*
 * The media copy: each labeled region that holds pmem pools keeps their
 * records in a small raw namespace of its own, labeled DP_MEDIA_LABEL (a
 * name no pool can have). Two slots, each a header and a payload; a write
 * goes to the slot that is not current, so a power cut leaves the other
 * one good. Documentation/daxpool-media.txt is the byte-level reference.
 *
 * This header is the copy as data, pure: its bytes' codec and a copy as
 * read, which check's planner and the unit tests use. Reading and writing
 * it on a region is the pmem backend's alone (media.h).
 */
#define DP_MEDIA_LABEL ".daxpool-meta"
#define DP_MEDIA_MAGIC "DAXPOOLM"
#define DP_MEDIA_VERSION 1
#define DP_MEDIA_HEADER 4096

enum dp_slot_state {
	DP_SLOT_BLANK, /* no magic: never written, or wiped */
	DP_SLOT_GOOD,
	DP_SLOT_DAMAGED, /* ours, but a checksum or a record is wrong */
	DP_SLOT_FOREIGN, /* a version this daxpool does not know */
};

struct dp_media_slot {
	enum dp_slot_state state;
	uint64_t generation;
	const char *why; /* static text, for DAMAGED and FOREIGN */
	struct daxpool_record *recs; /* GOOD: malloc'd */
	size_t nrecs;
};

/* pure, unit tested and fuzzed */
uint32_t dp_crc32c(uint32_t crc, const void *buf, size_t len);
/*
 * One slot's bytes (header and payload) for RECS at GENERATION into BUF of
 * SLOT_LEN bytes, zero-filled from the payload's end to the next 4 KiB
 * boundary (what a writer writes; the rest of BUF is left alone, so a
 * large slot costs only what it holds); 0 or -ENOSPC.
 */
int dp_media_slot_encode(const struct daxpool_record *recs, size_t n,
		uint64_t generation, uint8_t *buf, size_t slot_len);
/* read one slot; GOOD slots get their records (free them) */
void dp_media_slot_decode(
		const uint8_t *buf, size_t slot_len, struct dp_media_slot *out);
/* the slot to read: the good one of the higher generation, or -1 */
int dp_media_current(const struct dp_media_slot slot[2]);

/*
 * One region's copy, as found on the media (media.c reads it); the pmem
 * backend hands it to check as data (struct dp_backend's copies_foreach)
 */
struct dp_media {
	char region[64];
	char ns[64]; /* the namespace that holds it; "" for none */
	char uuid[37]; /* that namespace's uuid */
	struct dp_media_slot slot[2];
	int current; /* the slot to believe, -1 for none */
	char why[200]; /* why it could not be read at all */
};

/* pure accessors of a copy read (media-format.c) */
void dp_media_free(struct dp_media *m);
/* a good copy whose other slot is not damaged, blank or foreign */
bool dp_media_healthy(const struct dp_media *m);
/* the records of M's current slot (none when it has no good slot) */
const struct dp_media_slot *dp_media_current_slot(const struct dp_media *m);
#endif
