// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The exact JSON a registry record may be, checked before json-c reads it:
 * one object of plain keys whose values are strings or integers, nothing
 * else. json-c is lenient where a root program that parses files at boot
 * must not be: it takes comments and single quotes, keeps the last of two
 * equal keys, cuts a string at \u0000 and clamps numbers that do not fit.
 * Pure and small, with a unit test and a fuzzer of its own.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include "store/registry.h"

#define MAX_KEYS 32
#define KEY_MAX 32

struct lex {
	const char *p, *end;
	const char *why;
};

static void ws(struct lex *l)
{
	while (l->p < l->end &&
			(*l->p == ' ' || *l->p == '\t' || *l->p == '\n' ||
					*l->p == '\r'))
		l->p++;
}

static int fail(struct lex *l, const char *why)
{
	l->why = why;
	return -EINVAL;
}

static int hex4(const char *p, unsigned int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		char c = p[i];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned int)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/* a string; a key (KEY non-NULL) must be plain: [a-z_], copied to KEY */
static int string(struct lex *l, char *key)
{
	size_t n = 0;

	if (l->p >= l->end || *l->p != '"')
		return fail(l, "a string or key is not in double quotes");
	l->p++;
	while (l->p < l->end && *l->p != '"') {
		unsigned char c = (unsigned char)*l->p;

		if (key) {
			if (!((c >= 'a' && c <= 'z') || c == '_') ||
					n + 1 >= KEY_MAX)
				return fail(l, "a key is not a plain lower-case word");
			key[n++] = (char)c;
			l->p++;
			continue;
		}
		if (c < 0x20)
			return fail(l, "a control character in a string");
		if (c == '\\') {
			unsigned int u;

			if (l->end - l->p < 2)
				return fail(l, "a string is cut short");
			switch (l->p[1]) {
			case '"':
			case '\\':
			case '/':
			case 'b':
			case 'f':
			case 'n':
			case 'r':
			case 't':
				l->p += 2;
				continue;
			case 'u':
				if (l->end - l->p < 6 || hex4(l->p + 2, &u))
					return fail(l, "a bad \\u escape");
				if (u == 0)
					return fail(l, "a NUL character (\\u0000) in a string");
				l->p += 6;
				continue;
			default:
				return fail(l, "an unknown escape in a string");
			}
		}
		l->p++;
	}
	if (l->p >= l->end)
		return fail(l, "a string is not closed");
	if (key) {
		if (n == 0)
			return fail(l, "an empty key");
		key[n] = '\0';
	}
	l->p++;
	return 0;
}

/* an integer that fits int64: no sign but '-', no fraction, no exponent */
static int integer(struct lex *l)
{
	bool neg = false;
	uint64_t v = 0, lim;

	if (l->p < l->end && *l->p == '-') {
		neg = true;
		l->p++;
	}
	if (l->p >= l->end || *l->p < '0' || *l->p > '9')
		return fail(l, "a value is neither a string nor an integer");
	if (*l->p == '0' && l->p + 1 < l->end && l->p[1] >= '0' &&
			l->p[1] <= '9')
		return fail(l, "a number with a leading zero");
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	while (l->p < l->end && *l->p >= '0' && *l->p <= '9') {
		unsigned int d = (unsigned int)(*l->p - '0');

		if (v > (lim - d) / 10)
			return fail(l, "a number out of range");
		v = v * 10 + d;
		l->p++;
	}
	if (l->p < l->end && (*l->p == '.' || *l->p == 'e' || *l->p == 'E'))
		return fail(l, "a number that is not an integer");
	return 0;
}

int dp_json_flat_check(const char *text, size_t len, const char **why)
{
	char keys[MAX_KEYS][KEY_MAX];
	struct lex l = { text, text + len, NULL };
	const char *dummy;
	int n = 0, i;

	if (!why)
		why = &dummy;
	ws(&l);
	if (l.p >= l.end || *l.p != '{') {
		*why = "not a JSON object";
		return -EINVAL;
	}
	l.p++;
	ws(&l);
	if (l.p < l.end && *l.p == '}') {
		l.p++;
		goto tail;
	}
	for (;;) {
		if (n == MAX_KEYS) {
			*why = "too many fields";
			return -EINVAL;
		}
		if (string(&l, keys[n]))
			goto bad;
		for (i = 0; i < n; i++)
			if (strcmp(keys[i], keys[n]) == 0) {
				*why = "a key appears twice";
				return -EINVAL;
			}
		n++;
		ws(&l);
		if (l.p >= l.end || *l.p != ':') {
			fail(&l, "a key without ':' and a value");
			goto bad;
		}
		l.p++;
		ws(&l);
		if ((l.p < l.end && *l.p == '"') ? string(&l, NULL) :
						   integer(&l))
			goto bad;
		ws(&l);
		if (l.p < l.end && *l.p == ',') {
			l.p++;
			ws(&l);
			continue;
		}
		if (l.p < l.end && *l.p == '}') {
			l.p++;
			break;
		}
		fail(&l, "a field is not followed by ',' or '}'");
		goto bad;
	}
tail:
	ws(&l);
	if (l.p != l.end) {
		*why = "something follows the object";
		return -EINVAL;
	}
	return 0;
bad:
	*why = l.why;
	return -EINVAL;
}
