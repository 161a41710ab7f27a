/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_MEDIA_H_
#define _DAXPOOL_MEDIA_H_
#include <stddef.h>
#include <stdint.h>
#include "core/private.h"

/*
 * The media copy: each labeled region that holds pmem pools keeps their
 * records in a small raw namespace of its own, labeled DP_MEDIA_LABEL (a
 * name no pool can have). Two slots, each a header and a payload; a write
 * goes to the slot that is not current, so a power cut leaves the other
 * one good. Documentation/daxpool-media.txt is the byte-level reference.
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

/* one region's copy, as found on the media (media.c) */
struct ndctl_region;
struct ndctl_namespace;
struct dp_media {
	char region[64];
	char ns[64]; /* the namespace that holds it; "" for none */
	char uuid[37]; /* that namespace's uuid */
	struct dp_media_slot slot[2];
	int current; /* the slot to believe, -1 for none */
	char why[200]; /* why it could not be read at all */
};

/*
 * Find and read REGION's copy (enabling its namespace if it is disabled:
 * it is daxpool's own): 0, -ENOENT when the region has none, or -errno
 * with m->why set when it cannot be read.
 */
int dp_media_load(struct daxpool_ctx *ctx, struct ndctl_region *region,
		struct dp_media *m);
void dp_media_free(struct dp_media *m);
/* a good copy whose other slot is not damaged, blank or foreign */
bool dp_media_healthy(const struct dp_media *m);
/* write RECS as the next generation into the slot that is not current;
 * refuses a foreign copy */
int dp_media_store(struct daxpool_ctx *ctx, struct dp_media *m,
		const struct daxpool_record *recs, size_t n);
/* a new, empty copy on REGION (a 1-alignment raw namespace) */
int dp_media_create(struct daxpool_ctx *ctx, struct ndctl_region *region,
		struct dp_media *m);
/* remove the copy's namespace: the region holds no pools any more */
int dp_media_delete(struct daxpool_ctx *ctx, struct dp_media *m);
/* REGION's copy namespace, or NULL */
struct ndctl_namespace *dp_media_namespace(struct ndctl_region *region);
struct ndctl_region *dp_media_region(struct daxpool_ctx *ctx, const char *name);

/*
 * What the changes use: put REC (by uuid) into, or drop UUID from, the
 * copy on the region named REGION. put makes the copy if the region has
 * none; drop removes it once empty. Both refuse a copy that is damaged or
 * foreign (check --repair first), with the error set.
 */
int dp_media_put(struct daxpool_ctx *ctx, const char *region,
		const struct daxpool_record *rec);
int dp_media_drop(
		struct daxpool_ctx *ctx, const char *region, const char *uuid);

/* FN for every region that has a copy (LOAD_RC: dp_media_load's result);
 * stops at the first non-zero return and returns it */
typedef int (*dp_media_fn)(struct daxpool_ctx *ctx, int load_rc,
		struct dp_media *m, void *arg);
int dp_media_foreach(struct daxpool_ctx *ctx, dp_media_fn fn, void *arg);
/* the records of M's current slot (none when it has no good slot) */
const struct dp_media_slot *dp_media_current_slot(const struct dp_media *m);
#endif
