// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: a slot of a region's media copy, as activate reads it as root
 * from a disk that may be damaged or come from anywhere. The input is
 * tried twice: as the raw slot (headers of every kind), and as a payload
 * under a header with correct checksums (so the record lines are reached).
 * No crash, leak or undefined behaviour; a good slot's records encode
 * again to a slot that decodes to the same records.
 */
#include "fuzz-common.h"
#include "backend/media-format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SLOT (DP_MEDIA_HEADER + 70000)

static void roundtrip(const struct dp_media_slot *s)
{
	struct dp_media_slot again;
	uint8_t *buf;

	if (s->state != DP_SLOT_GOOD)
		return;
	buf = malloc(SLOT);
	FUZZ_ASSERT(buf);
	FUZZ_ASSERT(dp_media_slot_encode(s->recs, s->nrecs, s->generation, buf,
				    SLOT) == 0);
	dp_media_slot_decode(buf, SLOT, &again);
	FUZZ_ASSERT(again.state == DP_SLOT_GOOD && again.nrecs == s->nrecs &&
			again.generation == s->generation);
	FUZZ_ASSERT(s->nrecs == 0 ||
			memcmp(again.recs, s->recs,
					s->nrecs * sizeof(*s->recs)) == 0);
	free(again.recs);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dp_media_slot s;
	uint8_t *buf;
	uint32_t v, n = 0;
	uint64_t plen = size;
	size_t i;

	if (size > 65536)
		return 0;
	buf = calloc(1, SLOT);
	FUZZ_ASSERT(buf);
	memcpy(buf, data, size);
	dp_media_slot_decode(buf,
			size < DP_MEDIA_HEADER ? DP_MEDIA_HEADER : size, &s);
	roundtrip(&s);
	free(s.recs);

	memset(buf, 0, SLOT);
	memcpy(buf, DP_MEDIA_MAGIC, 8);
	v = DP_MEDIA_VERSION;
	memcpy(buf + 8, &v, 4);
	v = DP_MEDIA_HEADER;
	memcpy(buf + 12, &v, 4);
	memcpy(buf + 24, &plen, 8);
	memcpy(buf + DP_MEDIA_HEADER, data, size);
	v = dp_crc32c(0, data, size);
	memcpy(buf + 32, &v, 4);
	for (i = 0; i < size; i++)
		n += data[i] == '\n';
	memcpy(buf + 36, &n, 4);
	v = dp_crc32c(0, buf, 60);
	memcpy(buf + 60, &v, 4);
	dp_media_slot_decode(buf, SLOT, &s);
	roundtrip(&s);
	free(s.recs);
	free(buf);
	return 0;
}
