// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The media copy's bytes (media-format.h, Documentation/daxpool-media.txt):
 * a slot is a 4 KiB header and a payload of registry records, one per
 * line; and what a copy read says (its current slot, its health). Pure:
 * no I/O, so the unit test, the fuzzer and check's planner use it directly.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "backend/media-format.h"
#include "store/registry.h"

/* header fields, little-endian, at these offsets */
#define H_MAGIC 0 /* 8 bytes */
#define H_VERSION 8 /* u32 */
#define H_HEADER_LEN 12 /* u32: DP_MEDIA_HEADER */
#define H_GENERATION 16 /* u64 */
#define H_PAYLOAD_LEN 24 /* u64 */
#define H_PAYLOAD_CRC 32 /* u32 */
#define H_NRECS 36 /* u32 */
#define H_CRC 60 /* u32: crc32c of bytes 0..59 */
#define H_USED 64

/* CRC-32C (Castagnoli, reflected 0x82F63B78), as iSCSI and ext4 use */
uint32_t dp_crc32c(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	int k;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0x82F63B78U & (0U - (crc & 1)));
	}
	return ~crc;
}

static void put_le(uint8_t *p, uint64_t v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, int bytes)
{
	uint64_t v = 0;
	int i;

	for (i = bytes - 1; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

int dp_media_slot_encode(const struct daxpool_record *recs, size_t n,
		uint64_t generation, uint8_t *buf, size_t slot_len)
{
	size_t i, end, off = DP_MEDIA_HEADER;

	if (slot_len <= DP_MEDIA_HEADER || n > UINT32_MAX)
		return -ENOSPC;
	/* not the whole slot (megabytes): only what gets written */
	memset(buf, 0, DP_MEDIA_HEADER);
	for (i = 0; i < n; i++) {
		char *line = dp_record_encode_line(&recs[i]);
		size_t len;

		if (!line)
			return -ENOMEM;
		len = strlen(line);
		if (len + 1 > slot_len - off) {
			free(line);
			return -ENOSPC;
		}
		memcpy(buf + off, line, len);
		buf[off + len] = '\n';
		off += len + 1;
		free(line);
	}
	end = ALIGN_UP(off, DP_MEDIA_HEADER);
	memset(buf + off, 0, (end < slot_len ? end : slot_len) - off);
	memcpy(buf + H_MAGIC, DP_MEDIA_MAGIC, 8);
	put_le(buf + H_VERSION, DP_MEDIA_VERSION, 4);
	put_le(buf + H_HEADER_LEN, DP_MEDIA_HEADER, 4);
	put_le(buf + H_GENERATION, generation, 8);
	put_le(buf + H_PAYLOAD_LEN, off - DP_MEDIA_HEADER, 8);
	put_le(buf + H_PAYLOAD_CRC,
			dp_crc32c(0, buf + DP_MEDIA_HEADER,
					off - DP_MEDIA_HEADER),
			4);
	put_le(buf + H_NRECS, n, 4);
	put_le(buf + H_CRC, dp_crc32c(0, buf, H_CRC), 4);
	return 0;
}

static void damaged(struct dp_media_slot *out, const char *why)
{
	out->state = DP_SLOT_DAMAGED;
	out->why = why;
	free(out->recs);
	out->recs = NULL;
	out->nrecs = 0;
}

/* the payload's lines, each one record; false if any is not */
static bool decode_payload(const char *p, size_t len, size_t nrecs,
		struct dp_media_slot *out)
{
	char line[8192];
	size_t off = 0;

	out->recs = calloc(nrecs ? nrecs : 1, sizeof(*out->recs));
	if (!out->recs)
		return false;
	while (off < len) {
		const char *nl = memchr(p + off, '\n', len - off);
		size_t l = nl ? (size_t)(nl - (p + off)) : len - off;
		const char *why;

		if (!nl || l == 0 || l >= sizeof(line) || out->nrecs == nrecs)
			return false;
		memcpy(line, p + off, l);
		line[l] = '\0';
		if (memchr(line, '\0', l) ||
				dp_record_decode(line, &out->recs[out->nrecs],
						&why) < 0)
			return false;
		out->nrecs++;
		off += l + 1;
	}
	return out->nrecs == nrecs;
}

void dp_media_slot_decode(
		const uint8_t *buf, size_t slot_len, struct dp_media_slot *out)
{
	uint64_t plen;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (slot_len < DP_MEDIA_HEADER ||
			memcmp(buf + H_MAGIC, DP_MEDIA_MAGIC, 8) != 0) {
		out->state = DP_SLOT_BLANK;
		out->why = "no daxpool header";
		return;
	}
	if (get_le(buf + H_CRC, 4) != dp_crc32c(0, buf, H_CRC))
		return damaged(out, "header checksum mismatch");
	if (get_le(buf + H_VERSION, 4) != DP_MEDIA_VERSION) {
		out->state = DP_SLOT_FOREIGN;
		out->why = "written by a daxpool of another format version";
		return;
	}
	for (i = H_NRECS + 4; i < DP_MEDIA_HEADER; i++)
		if (buf[i] && (i < H_CRC || i >= H_USED))
			return damaged(out,
					"header has bytes where none belong");
	plen = get_le(buf + H_PAYLOAD_LEN, 8);
	if (get_le(buf + H_HEADER_LEN, 4) != DP_MEDIA_HEADER ||
			plen > slot_len - DP_MEDIA_HEADER)
		return damaged(out, "header describes an impossible payload");
	if (get_le(buf + H_PAYLOAD_CRC, 4) !=
			dp_crc32c(0, buf + DP_MEDIA_HEADER, plen))
		return damaged(out, "payload checksum mismatch");
	/* a record line is far longer than 32 bytes: bounds the allocation */
	if (get_le(buf + H_NRECS, 4) > plen / 32)
		return damaged(out, "header counts more records than fit");
	out->state = DP_SLOT_GOOD;
	out->generation = get_le(buf + H_GENERATION, 8);
	if (!decode_payload((const char *)buf + DP_MEDIA_HEADER, plen,
			    get_le(buf + H_NRECS, 4), out))
		damaged(out, "a record in the payload is not valid");
}

int dp_media_current(const struct dp_media_slot slot[2])
{
	if (slot[0].state == DP_SLOT_GOOD && slot[1].state == DP_SLOT_GOOD)
		return slot[1].generation > slot[0].generation ? 1 : 0;
	if (slot[0].state == DP_SLOT_GOOD)
		return 0;
	if (slot[1].state == DP_SLOT_GOOD)
		return 1;
	return -1;
}

void dp_media_free(struct dp_media *m)
{
	int i;

	for (i = 0; i < 2; i++) {
		free(m->slot[i].recs);
		m->slot[i].recs = NULL;
		m->slot[i].nrecs = 0;
	}
}

bool dp_media_healthy(const struct dp_media *m)
{
	return m->current >= 0 && m->slot[!m->current].state == DP_SLOT_GOOD;
}

const struct dp_media_slot *dp_media_current_slot(const struct dp_media *m)
{
	static const struct dp_media_slot none;

	return m->current >= 0 ? &m->slot[m->current] : &none;
}
