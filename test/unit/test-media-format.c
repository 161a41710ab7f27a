// SPDX-License-Identifier: GPL-2.0-only
/* the media copy's bytes: checksums, slots, damage and foreign versions */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "backend/media-format.h"
#include "tap.h"

#define SLOT (64 * 1024)

static struct daxpool_record rec(int i)
{
	struct daxpool_record r = {
		.type = DAXPOOL_TYPE_PMEM,
		.size = 64ULL << 20,
		.align = 2ULL << 20,
		.owner = "alice",
		.group = "dba",
		.mode = 0640,
		.region = "region1",
		.created = 1764100000 + i,
	};

	snprintf(r.name, sizeof(r.name), "pool%d", i);
	snprintf(r.uuid, sizeof(r.uuid), "%08d-2222-3333-4444-555555555555", i);
	return r;
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4); /* little-endian host, as the format is */
}

/* a header field changed, with a header checksum that agrees */
static void set_field(uint8_t *b, int off, uint32_t v)
{
	put32(b + off, v);
	put32(b + 60, dp_crc32c(0, b, 60));
}

int main(void)
{
	struct daxpool_record recs[3] = { rec(0), rec(1), rec(2) };
	struct dp_media_slot s[2];
	uint8_t *a = malloc(SLOT), *b = malloc(SLOT);

	ok(dp_crc32c(0, "123456789", 9) == 0xE3069283, "CRC-32C check value");
	recs[1].intent = DP_INTENT_CREATE;

	ok(dp_media_slot_encode(recs, 3, 7, a, SLOT) == 0,
			"three records encode");
	ok(memcmp(a, "DAXPOOLM", 8) == 0, "the slot starts with the magic");
	dp_media_slot_decode(a, SLOT, &s[0]);
	ok(s[0].state == DP_SLOT_GOOD && s[0].generation == 7 &&
					s[0].nrecs == 3,
			"and decode: good, generation 7, three records");
	ok(s[0].nrecs == 3 && memcmp(s[0].recs, recs, sizeof(recs)) == 0,
			"the records round-trip exactly (intent included)");
	ok(strchr((char *)a + DP_MEDIA_HEADER, '\n') &&
					strstr((char *)a + DP_MEDIA_HEADER,
							"\"name\":\"pool0\""),
			"the payload is one JSON line per record, readable by hand");

	memcpy(b, a, SLOT);
	b[DP_MEDIA_HEADER + 5] ^= 1;
	dp_media_slot_decode(b, SLOT, &s[1]);
	ok(s[1].state == DP_SLOT_DAMAGED && strstr(s[1].why, "payload"),
			"a flipped payload bit: damaged (payload checksum)");
	free(s[1].recs);
	memcpy(b, a, SLOT);
	b[17] ^= 0x40;
	dp_media_slot_decode(b, SLOT, &s[1]);
	ok(s[1].state == DP_SLOT_DAMAGED && strstr(s[1].why, "header"),
			"a flipped generation bit: damaged (header checksum)");
	memcpy(b, a, SLOT);
	set_field(b, 8, 2);
	dp_media_slot_decode(b, SLOT, &s[1]);
	ok(s[1].state == DP_SLOT_FOREIGN,
			"format version 2: foreign, never ours to write");
	memset(b, 0, SLOT);
	dp_media_slot_decode(b, SLOT, &s[1]);
	ok(s[1].state == DP_SLOT_BLANK, "zeroes: blank");
	memcpy(b, a, SLOT);
	set_field(b, 36, 100000);
	dp_media_slot_decode(b, SLOT, &s[1]);
	ok(s[1].state == DP_SLOT_DAMAGED,
			"a record count the payload cannot hold: damaged");
	memcpy(b, a, SLOT);
	set_field(b, 36, 2);
	dp_media_slot_decode(b, SLOT, &s[1]);
	ok(s[1].state == DP_SLOT_DAMAGED,
			"a record count that disagrees with the lines: damaged");

	ok(dp_media_slot_encode(recs, 2, 8, b, SLOT) == 0,
			"generation 8 in the other slot");
	dp_media_slot_decode(b, SLOT, &s[1]);
	ok(dp_media_current(s) == 1, "the higher generation is current");
	s[1].state = DP_SLOT_DAMAGED;
	ok(dp_media_current(s) == 0,
			"a damaged newer slot: the older good one");
	s[0].state = DP_SLOT_BLANK;
	ok(dp_media_current(s) == -1, "no good slot: none");
	free(s[0].recs);
	free(s[1].recs);

	ok(dp_media_slot_encode(recs, 3, 1, a, DP_MEDIA_HEADER + 300) ==
					-ENOSPC,
			"more records than the payload holds: ENOSPC");
	ok(dp_media_slot_encode(NULL, 0, 1, a, SLOT) == 0,
			"an empty copy encodes");
	dp_media_slot_decode(a, SLOT, &s[0]);
	ok(s[0].state == DP_SLOT_GOOD && s[0].nrecs == 0,
			"and is good with no records");
	free(s[0].recs);

	/* a writer writes up to the next 4 KiB past the payload: encoding
	 * costs that much, not the slot's megabytes */
	memset(a, 0xff, SLOT);
	ok(dp_media_slot_encode(recs, 3, 2, a, SLOT) == 0,
			"three records encode into a dirty buffer");
	{
		size_t plen = (size_t)a[24] | (size_t)a[25] << 8;
		size_t i, end = DP_MEDIA_HEADER * 2, zero = 0, kept = 0;

		for (i = DP_MEDIA_HEADER + plen; i < end; i++)
			zero += a[i] == 0;
		for (i = end; i < SLOT; i++)
			kept += a[i] == 0xff;
		ok(plen > 0 && plen < DP_MEDIA_HEADER &&
						zero == end - DP_MEDIA_HEADER - plen,
				"zeroed from the payload's end to the 4 KiB boundary");
		ok(kept == SLOT - end, "and not a byte beyond it");
	}
	dp_media_slot_decode(a, DP_MEDIA_HEADER * 2, &s[0]);
	ok(s[0].state == DP_SLOT_GOOD && s[0].nrecs == 3,
			"what a reader reads of it decodes: good, three records");
	free(s[0].recs);
	free(a);
	free(b);
	return tap_done();
}
