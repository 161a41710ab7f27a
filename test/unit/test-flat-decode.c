// SPDX-License-Identifier: GPL-2.0-only
/* the strict flat JSON reader: escapes, keys, buffer sizes, int64 limits,
 * and json-c as the reference on every value it accepts */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/json-flat.h"
#include "../fuzz/flat-vs-json-c.h"
#include "tap.h"

/* the string field "a" of JSON into BUF of LEN bytes */
static int str_a(const char *json, char *buf, size_t len, const char **why)
{
	struct dp_flat f;
	int rc = dp_flat_read(json, strlen(json), &f, why);

	return rc ? rc : dp_flat_str(&f, "a", buf, len, true, why);
}

static int int_a(const char *json, int64_t *v, const char **why)
{
	struct dp_flat f;
	int rc = dp_flat_read(json, strlen(json), &f, why);

	return rc ? rc : dp_flat_int(&f, "a", v, why);
}

static const struct {
	const char *json, *want;
} escapes_table[] = {
	{ "{\"a\": \"plain\"}", "plain" },
	{ "{\"a\": \"\"}", "" },
	{ "{\"a\": \"\\\" \\\\ \\/\"}", "\" \\ /" },
	{ "{\"a\": \"\\b\\f\\n\\r\\t\"}", "\b\f\n\r\t" },
	{ "{\"a\": \"\\u0041\\u007f\"}", "A\x7f" },
	{ "{\"a\": \"\\u0080\\u00e9\\u07FF\"}", "\xc2\x80\xc3\xa9\xdf\xbf" },
	{ "{\"a\": \"\\u0800\\uFfFf\"}", "\xe0\xa0\x80\xef\xbf\xbf" },
	{ "{\"a\": \"\\ud83d\\ude00\"}", "\xf0\x9f\x98\x80" },
	{ "{\"a\": \"\\uD800\\uDC00\\uDBFF\\uDFFF\"}",
			"\xf0\x90\x80\x80\xf4\x8f\xbf\xbf" },
	{ "{\"a\": \"x\\\\u0041\"}", "x\\u0041" },
	/* json-c 0.16 reads this pair as U+FFFD (flat-vs-json-c.h) */
	{ "{\"a\": \"\\ud837\\udeee\"}", "\xf0\x9d\xbb\xae" },
	{ "{\"a\": \"\\udbf7\\udfff\"}", "\xf4\x8d\xbf\xbf" },
	/* ... but passes the same character raw */
	{ "{\"a\": \"\xf0\x9d\xbd\xed\"}", "\xf0\x9d\xbd\xed" },
	/* raw bytes pass as they are, as json-c passes them */
	{ "{\"a\": \"caf\xc3\xa9 \xff\x7f\"}", "caf\xc3\xa9 \xff\x7f" },
};

static void escapes(void)
{
	static const char *const refused[] = {
		"{\"a\": \"\\ud83d\"}",
		"{\"a\": \"\\ud83dx\"}",
		"{\"a\": \"\\ud83d\\n\"}",
		"{\"a\": \"\\ud83d\\u0041\"}",
		"{\"a\": \"\\ud83d\\ud83d\\ude00\"}",
		"{\"a\": \"\\ude00\"}",
		"{\"a\": \"\\ude00\\ud83d\"}",
		"{\"a\": \"\\ud83d\\\\ude00\"}",
		"{\"a\": \"\\ud83d\\ude0\"}",
		"{\"a\": \"\\u0000\"}",
		"{\"a\": \"\\u00g0\"}",
		"{\"a\": \"\\u00e\"}",
		"{\"a\": \"\\U0041\"}",
		"{\"a\": \"\\a\"}",
		"{\"a\": \"\\'\"}",
		"{\"a\": \"\\\"}",
		"{\"a\": \"a\tb\"}",
		"{\"a\": \"a\x1f\"}",
	};
	char buf[64];
	const char *why;
	size_t i;

	for (i = 0; i < sizeof(escapes_table) / sizeof(escapes_table[0]); i++) {
		why = NULL;
		ok(str_a(escapes_table[i].json, buf, sizeof(buf), &why) == 0 &&
						strcmp(buf, escapes_table[i].want) ==
								0,
				"%s unescapes (%s)", escapes_table[i].json,
				why ? why : "ok");
	}
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		why = NULL;
		ok(str_a(refused[i], buf, sizeof(buf), &why) == -EINVAL &&
						why && *why,
				"%s is refused: %s", refused[i],
				why ? why : "no reason");
	}
	why = NULL;
	str_a("{\"a\": \"\\udc00\"}", buf, sizeof(buf), &why);
	ok(why && strstr(why, "lone surrogate"),
			"a lone surrogate is called one: %s", why ? why : "");
}

/* a string of N 'x' spelt \u0078, and its field into LEN bytes */
static int escaped_x(size_t n, char *buf, size_t len, const char **why)
{
	char *json = malloc(n * 6 + 16);
	size_t i, off;
	int rc;

	off = (size_t)sprintf(json, "{\"a\": \"");
	for (i = 0; i < n; i++)
		off += (size_t)sprintf(json + off, "\\u0078");
	sprintf(json + off, "\"}");
	rc = str_a(json, buf, len, why);
	free(json);
	return rc;
}

static void sizes(void)
{
	static char big[60001];
	char buf[8], *json;
	const char *why;
	size_t n = sizeof(big) - 1;

	ok(str_a("{\"a\": \"abcdefg\"}", buf, 8, &why) == 0 &&
					strcmp(buf, "abcdefg") == 0,
			"7 bytes fit 8");
	why = NULL;
	ok(str_a("{\"a\": \"abcdefgh\"}", buf, 8, &why) == -EINVAL && why &&
					strcmp(why, "a field is too long") ==
							0 &&
					strlen(buf) < 8,
			"8 bytes do not fit 8, and BUF stays a C string: %s",
			why ? why : "");
	ok(str_a("{\"a\": \"\"}", buf, 1, &why) == 0 && !buf[0],
			"an empty string fits 1 byte");
	ok(str_a("{\"a\": \"\\u00e9\\u00e9\\u00e9\"}", buf, 7, &why) == 0 &&
					strcmp(buf, "\xc3\xa9\xc3\xa9\xc3\xa9") ==
							0,
			"the unescaped length counts: 3 x 2 bytes fit 7");
	ok(str_a("{\"a\": \"\\u00e9\\u00e9\\u00e9\"}", buf, 6, &why) == -EINVAL,
			"and do not fit 6");
	ok(str_a("{\"a\": \"\\ud83d\\ude00\\ud83d\\ude00\"}", buf, 8, &why) ==
					-EINVAL,
			"a pair cut by the end of BUF is too long");
	ok(escaped_x(sizeof(big) - 1, big, sizeof(big), &why) == 0 &&
					strspn(big, "x") == n && !big[n],
			"%zu escaped bytes fill %zu", n, sizeof(big));
	ok(escaped_x(sizeof(big), big, sizeof(big), &why) == -EINVAL,
			"one more is too long");
	json = malloc(n + 16);
	sprintf(json, "{\"a\": \"%s\"}", big);
	ok(str_a(json, big, sizeof(big), &why) == 0 && strlen(big) == n,
			"%zu raw bytes too", n);
	free(json);
}

static void keys(void)
{
	static const char *const refused[] = {
		"{\"a\": 1, \"a\": 1}",
		"{\"a\": 1, \"b\": \"x\", \"a\": \"y\"}",
		"{\"A\": 1}",
		"{\"a1\": 1}",
		"{\"\": 1}",
		"{\"\\u0061\": 1}",
		"{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": 1}",
	};
	const char *text = "{\"version\": 1, \"zzz\": \"x\", \"a\": \"y\", "
			   "\"n\": 5}";
	char buf[8], many[1024];
	struct dp_flat f;
	const char *why;
	int64_t v;
	size_t i, off;

	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		why = NULL;
		ok(dp_flat_read(refused[i], strlen(refused[i]), &f, &why) ==
								-EINVAL &&
						why,
				"%s is refused: %s", refused[i],
				why ? why : "no reason");
	}
	ok(dp_flat_read("{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": 1}", 38, &f,
			   &why) == 0,
			"a key of 31 letters is fine");
	ok(dp_flat_parse(text, 1, &f, &why) == 0 && f.n == 4 &&
					strcmp(f.field[1].key, "zzz") == 0,
			"fields in the order of the text");
	ok(dp_flat_str(&f, "a", buf, sizeof(buf), true, &why) == 0 &&
					strcmp(buf, "y") == 0 &&
					dp_flat_has(&f, "zzz") &&
					!dp_flat_has(&f, "b"),
			"an unknown key is there and in nobody's way");
	why = NULL;
	ok(dp_flat_str(&f, "b", buf, sizeof(buf), true, &why) == -EINVAL &&
					strcmp(why, "a required field is missing") ==
							0,
			"a missing required string: %s", why ? why : "");
	ok(dp_flat_str(&f, "b", buf, sizeof(buf), false, &why) == 0 && !buf[0],
			"a missing optional string is empty");
	why = NULL;
	ok(dp_flat_str(&f, "n", buf, sizeof(buf), false, &why) == -EINVAL &&
					strcmp(why, "a field that must be a string is not") ==
							0,
			"an integer is not a string: %s", why ? why : "");
	why = NULL;
	ok(dp_flat_int(&f, "a", &v, &why) == -EINVAL &&
					strcmp(why, "a required number is missing or not a number") ==
							0,
			"a string is not an integer: %s", why ? why : "");
	ok(dp_flat_int(&f, "m", &v, &why) == -EINVAL,
			"a missing integer is refused");
	off = (size_t)sprintf(many, "{");
	for (i = 0; i < DP_FLAT_MAX_FIELDS; i++)
		off += (size_t)sprintf(many + off, "%s\"k%c%c\": %zu",
				i ? ", " : "", 'a' + (int)(i % 26),
				'a' + (int)(i / 26), i);
	sprintf(many + off, "}");
	ok(dp_flat_read(many, strlen(many), &f, &why) == 0 &&
					f.n == DP_FLAT_MAX_FIELDS,
			"%d fields are fine", DP_FLAT_MAX_FIELDS);
	sprintf(many + off, ", \"x\": 1}");
	why = NULL;
	ok(dp_flat_read(many, strlen(many), &f, &why) == -EINVAL && why &&
					strcmp(why, "too many fields") == 0,
			"one more is too many: %s", why ? why : "");
}

static void integers(void)
{
	static const struct {
		const char *json;
		int64_t want;
	} good[] = {
		{ "{\"a\": 0}", 0 },
		{ "{\"a\": -0}", 0 },
		{ "{\"a\": 1}", 1 },
		{ "{\"a\": -1}", -1 },
		{ "{\"a\":9223372036854775807}", INT64_MAX },
		{ "{\"a\": -9223372036854775808 }", INT64_MIN },
		{ "{\"a\": -9223372036854775807}", -INT64_MAX },
		{ "{\"a\": 4611686018427387904}", 4611686018427387904LL },
	};
	static const char *const refused[] = {
		"{\"a\": 9223372036854775808}",
		"{\"a\": -9223372036854775809}",
		"{\"a\": 18446744073709551616}",
		"{\"a\": 007}",
		"{\"a\": -01}",
		"{\"a\": +1}",
		"{\"a\": -}",
		"{\"a\": 1.0}",
		"{\"a\": 1e3}",
		"{\"a\": 1E3}",
		"{\"a\": 0x10}",
		"{\"a\": true}",
		"{\"a\": null}",
		"{\"a\": NaN}",
	};
	const char *why;
	int64_t v;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ok(int_a(good[i].json, &v, &why) == 0 && v == good[i].want,
				"%s reads %lld", good[i].json,
				(long long)good[i].want);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		why = NULL;
		ok(int_a(refused[i], &v, &why) == -EINVAL && why,
				"%s is refused: %s", refused[i],
				why ? why : "no reason");
	}
}

static void versions(void)
{
	struct dp_flat f;
	const char *why;

	ok(dp_flat_parse("{\"version\": 3}", 3, &f, &why) == 0,
			"the version asked for");
	why = NULL;
	ok(dp_flat_parse("{\"version\": 2}", 3, &f, &why) == -EINVAL &&
					strcmp(why, "unknown version") == 0,
			"another version: %s", why ? why : "");
	why = NULL;
	ok(dp_flat_parse("{\"version\": \"3\"}", 3, &f, &why) == -EINVAL && why,
			"a version as a string: %s", why ? why : "");
	why = NULL;
	ok(dp_flat_parse("{\"a\": 1}", 3, &f, &why) == -EINVAL && why,
			"no version: %s", why ? why : "");
	why = NULL;
	ok(dp_flat_parse("{\"version\": 3, \"version\": 3}", 3, &f, &why) ==
							-EINVAL &&
					strcmp(why, "damaged JSON (a key appears twice)") ==
							0,
			"damage says what it is: %s", why ? why : "");
	why = NULL;
	ok(dp_flat_parse("[3]", 3, &f, &why) == -EINVAL &&
					strcmp(why, "damaged JSON (not a JSON object)") ==
							0,
			"not an object: %s", why ? why : "");
}

/* json-c reads every value the strict reader accepts as it does */
static void reference(void)
{
	static const char *const more[] = {
		"{}",
		" {\"a\" : 1 , \"b\":\"\"}\n\n",
		"{\"version\": 1, \"name\": \"db0\", \"size\": 67108864, "
		"\"owner\": \"\\u00e9l\\u00e8ve\", \"ranges\": "
		"\"0x100000000-0x103ffffff\"}",
		"{\"a\": -9223372036854775808, \"b\": 9223372036854775807, "
		"\"c\": -0}",
		"{\"s\": \"\\ud800\\udc00\\u0001\\u001f\\u0020\\/\\\\\"}",
		"{\"a\": \"\xe2\x82\xac\", \"b\": \"\xc0\x80\"}",
	};
	size_t i, n = sizeof(escapes_table) / sizeof(escapes_table[0]);
	const char *d;

	for (i = 0; i < n; i++) {
		d = flat_vs_json_c(escapes_table[i].json);
		ok(!d, "json-c agrees on %s%s%s", escapes_table[i].json,
				d ? ": " : "", d ? d : "");
	}
	for (i = 0; i < sizeof(more) / sizeof(more[0]); i++) {
		d = flat_vs_json_c(more[i]);
		ok(!d && dp_json_flat_check(more[i], strlen(more[i]), NULL) == 0,
				"json-c agrees on %s%s%s", more[i],
				d ? ": " : "", d ? d : "");
	}
}

int main(void)
{
	escapes();
	sizes();
	keys();
	integers();
	versions();
	reference();
	return tap_done();
}
