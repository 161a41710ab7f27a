/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_JSON_FLAT_H_
#define _DAXPOOL_JSON_FLAT_H_
/*
 * The strict flat JSON of records and recipes (json-flat.c, pure): one
 * object of plain lower-case keys, each once, whose values are strings or
 * int64; checked byte by byte and read without a JSON library.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DP_FLAT_MAX_FIELDS 32
#define DP_FLAT_KEY_MAX 32

struct dp_flat_field {
	char key[DP_FLAT_KEY_MAX];
	/* a string: its text in the JSON, quotes and escapes and all, which
	 * dp_flat_str() unescapes; NULL for an integer */
	const char *str;
	size_t str_len;
	int64_t num; /* an integer's value */
};

/* the fields of one object, in the order of the text; they point into
 * the text, which must outlive them */
struct dp_flat {
	unsigned int n;
	struct dp_flat_field field[DP_FLAT_MAX_FIELDS];
};

/*
 * Whether TEXT (LEN bytes) is one such object and nothing json-c would
 * bend (comments, single quotes, \u0000, a lone surrogate, clamped
 * numbers).
 * Returns: 0, or -EINVAL with a reason in *WHY (WHY may be NULL).
 */
int dp_json_flat_check(const char *text, size_t len, const char **why);

/*
 * TEXT (LEN bytes) checked as dp_json_flat_check() does, and its fields
 * into F.
 * Returns: 0, or -EINVAL with a reason in *WHY (WHY may be NULL).
 */
int dp_flat_read(const char *text, size_t len, struct dp_flat *f,
		const char **why);

/*
 * TEXT (a C string) checked as dp_json_flat_check() does, its fields into
 * F, and its "version" field an integer equal to VERSION.
 * Returns: 0, or -EINVAL with *WHY set ("damaged JSON (REASON)" when the
 * text is not such an object, "unknown version").
 */
int dp_flat_parse(const char *text, int64_t version, struct dp_flat *f,
		const char **why);

/*
 * Whether F has a field KEY.
 * Returns: true if it has.
 */
bool dp_flat_has(const struct dp_flat *f, const char *key);

/*
 * The string field KEY of F, unescaped (UTF-8), into BUF of LEN > 0
 * bytes with its NUL; a missing field that is not REQUIRED is "".
 * Returns: 0, or -EINVAL with *WHY set: missing, not a string, or too
 * long for BUF.
 */
int dp_flat_str(const struct dp_flat *f, const char *key, char *buf, size_t len,
		bool required, const char **why);

/*
 * The integer field KEY of F into *VAL.
 * Returns: 0, or -EINVAL with *WHY set when it is missing or a string.
 */
int dp_flat_int(const struct dp_flat *f, const char *key, int64_t *val,
		const char **why);
#endif
