/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The strict reader (json-flat.c) against json-c as the reference, shared
 * by the unit test and the fuzzer: on a text the checker accepts, both
 * see the same keys, each string byte for byte and each integer equal.
 */
#ifndef _DAXPOOL_FLAT_VS_JSON_C_H_
#define _DAXPOOL_FLAT_VS_JSON_C_H_
#include <string.h>
#include <json-c/json.h>
#include "store/json-flat.h"

/*
 * json-c 0.16 (Debian 12's) bends a surrogate pair whose high half is
 * \ud836 or \ud837 (U+1D800 to U+1DFFF, UTF-8 F0 9D A0..BF xx) into
 * U+FFFD; the strict reader decodes it as RFC 8259 says. S (NUL-ended,
 * in place) as json-c would have it.
 */
static inline void as_json_c_bends(char *s)
{
	unsigned char *r = (unsigned char *)s, *w = r;

	while (*r) {
		if (r[0] == 0xf0 && r[1] == 0x9d && r[2] >= 0xa0 &&
				r[2] <= 0xbf && r[3]) {
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
	as_json_c_bends(buf);
	if (strlen(buf) != (size_t)json_object_get_string_len(v) ||
			memcmp(buf, json_object_get_string(v), strlen(buf)))
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
