/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The strict reader (json-flat.c) against json-c as the reference, shared
 * by the unit test and the fuzzer: on a text the checker accepts, both
 * see the same keys, each string byte for byte and each integer equal.
 */
#ifndef _DAXPOOL_FLAT_VS_JSON_C_H_
#define _DAXPOOL_FLAT_VS_JSON_C_H_
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include "store/json-flat.h"

/*
 * json-c 0.16 (Debian 12's) bends an escaped surrogate pair into U+FFFD
 * when the character's low 16 bits would themselves be a surrogate
 * (cp & 0xF800 == 0xD800: U+1D800..U+1DFFF, U+2D800.., up to U+10D800..;
 * found by the fuzzer, then swept over every high half); the strict
 * reader decodes it as RFC 8259 says. Raw bytes pass both unchanged, so
 * both sides are bent alike (S, NUL-ended, in place) before they are
 * compared again.
 */
/* the character of a 4-byte UTF-8 sequence at R, or 0 if there is none */
static inline unsigned long utf8_4(const unsigned char *r)
{
	if ((r[0] & 0xf8) != 0xf0 || (r[1] & 0xc0) != 0x80 ||
			(r[2] & 0xc0) != 0x80 || (r[3] & 0xc0) != 0x80)
		return 0;
	return ((unsigned long)(r[0] & 0x07) << 18) |
			((unsigned long)(r[1] & 0x3f) << 12) |
			((unsigned long)(r[2] & 0x3f) << 6) | (r[3] & 0x3f);
}

static inline void bend_like_json_c(char *s)
{
	unsigned char *r = (unsigned char *)s, *w = r;

	while (*r) {
		if ((utf8_4(r) & 0xf800) == 0xd800) {
			*w++ = 0xef;
			*w++ = 0xbf;
			*w++ = 0xbd;
			r += 4;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

static inline bool same_string(const char *flat, struct json_object *v)
{
	static char a[65536], b[65536];
	size_t n = (size_t)json_object_get_string_len(v);

	if (strlen(flat) == n && !memcmp(flat, json_object_get_string(v), n))
		return true;
	if (n >= sizeof(b) || memchr(json_object_get_string(v), 0, n))
		return false;
	snprintf(a, sizeof(a), "%s", flat);
	memcpy(b, json_object_get_string(v), n + 1);
	bend_like_json_c(a);
	bend_like_json_c(b);
	return strcmp(a, b) == 0;
}

/* field I of F, as json-c's V: NULL if the same, else what differs */
static inline const char *flat_field_vs_json_c(
		const struct dp_flat *f, unsigned int i, struct json_object *v)
{
	static char buf[65536]; /* unescaping never makes a string longer */
	const char *key = f->field[i].key, *why;
	int64_t n;

	if (!f->field[i].str) {
		if (!json_object_is_type(v, json_type_int) ||
				dp_flat_int(f, key, &n, &why) ||
				n != json_object_get_int64(v))
			return "another integer";
		return NULL;
	}
	if (!json_object_is_type(v, json_type_string) ||
			dp_flat_str(f, key, buf, sizeof(buf), true, &why))
		return "another type, or a string json-flat cannot read";
	if (!same_string(buf, v))
		return "another string";
	return NULL;
}

/* Returns: NULL when they agree or the checker refuses TEXT, else what
 * differs */
static inline const char *flat_vs_json_c(const char *text)
{
	const char *differs = NULL, *why;
	struct json_object *o, *v;
	struct dp_flat f;
	unsigned int i;

	if (dp_flat_read(text, strlen(text), &f, &why))
		return NULL;
	o = json_tokener_parse(text);
	if (!o || !json_object_is_type(o, json_type_object))
		differs = "json-c reads no object";
	else if (json_object_object_length(o) != (int)f.n)
		differs = "another number of keys";
	for (i = 0; !differs && i < f.n; i++)
		if (!json_object_object_get_ex(o, f.field[i].key, &v))
			differs = "a key json-c does not have";
		else
			differs = flat_field_vs_json_c(&f, i, v);
	json_object_put(o);
	return differs;
}
#endif
