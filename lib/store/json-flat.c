// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The exact JSON a registry record or a CXL recipe may be, and its reader:
 * one object of plain keys whose values are strings or integers, nothing
 * else. json-c is lenient where a root program that parses files at boot
 * must not be: it takes comments and single quotes, keeps the last of two
 * equal keys, cuts a string at \u0000, clamps numbers that do not fit and
 * turns a lone surrogate into U+FFFD. One lexer checks every byte and
 * notes each field as it goes, and the same code unescapes a string, so
 * reading a record needs no JSON library: json-c's first parse costs
 * milliseconds, in the udev helper and in each process that opens a pool.
 * Pure, allocation-free, with a unit test and a fuzzer of its own.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "store/json-flat.h"

struct lex {
	const char *p, *end;
	const char *why;
};

/* where a string goes unescaped: at most CAP bytes of BUF; N counts all */
struct sink {
	char *buf;
	size_t cap, n;
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

static void put(struct sink *s, unsigned int c)
{
	if (!s)
		return;
	if (s->n < s->cap)
		s->buf[s->n] = (char)c;
	s->n++;
}

static void put_utf8(struct sink *s, unsigned int u)
{
	if (u < 0x80) {
		put(s, u);
	} else if (u < 0x800) {
		put(s, 0xc0 | u >> 6);
		put(s, 0x80 | (u & 0x3f));
	} else if (u < 0x10000) {
		put(s, 0xe0 | u >> 12);
		put(s, 0x80 | (u >> 6 & 0x3f));
		put(s, 0x80 | (u & 0x3f));
	} else {
		put(s, 0xf0 | u >> 18);
		put(s, 0x80 | (u >> 12 & 0x3f));
		put(s, 0x80 | (u >> 6 & 0x3f));
		put(s, 0x80 | (u & 0x3f));
	}
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

static bool in(unsigned int u, unsigned int lo, unsigned int hi)
{
	return u >= lo && u <= hi;
}

/* \uXXXX at l->p, or a surrogate pair of two: the code point into *U */
static int unicode(struct lex *l, unsigned int *u)
{
	unsigned int lo;

	if (l->end - l->p < 6 || hex4(l->p + 2, u))
		return fail(l, "a bad \\u escape");
	if (*u == 0)
		return fail(l, "a NUL character (\\u0000) in a string");
	l->p += 6;
	if (!in(*u, 0xd800, 0xdfff))
		return 0;
	/* half a pair has no UTF-8; json-c would make it U+FFFD */
	if (*u >= 0xdc00 || l->end - l->p < 6 || l->p[0] != '\\' ||
			l->p[1] != 'u' || hex4(l->p + 2, &lo) ||
			!in(lo, 0xdc00, 0xdfff))
		return fail(l, "a lone surrogate (\\uD800-\\uDFFF) in a string");
	*u = 0x10000 + ((*u - 0xd800) << 10) + (lo - 0xdc00);
	l->p += 6;
	return 0;
}

/* a key: plain [a-z_], copied to KEY */
static int key(struct lex *l, char *key)
{
	size_t n = 0;

	if (l->p >= l->end || *l->p != '"')
		return fail(l, "a string or key is not in double quotes");
	for (l->p++; l->p < l->end && *l->p != '"'; l->p++) {
		char c = *l->p;

		if (!((c >= 'a' && c <= 'z') || c == '_') ||
				n + 1 >= DP_FLAT_KEY_MAX)
			return fail(l, "a key is not a plain lower-case word");
		key[n++] = c;
	}
	if (l->p >= l->end)
		return fail(l, "a string is not closed");
	if (n == 0)
		return fail(l, "an empty key");
	key[n] = '\0';
	l->p++;
	return 0;
}

/* a string value, checked and, given OUT, unescaped into it */
static int string(struct lex *l, struct sink *out)
{
	l->p++; /* the '"' the caller saw */
	while (l->p < l->end && *l->p != '"') {
		unsigned int c = (unsigned char)*l->p;

		if (c < 0x20)
			return fail(l, "a control character in a string");
		if (c != '\\') {
			put(out, c);
			l->p++;
			continue;
		}
		if (l->end - l->p < 2)
			return fail(l, "a string is cut short");
		switch (l->p[1]) {
		case '"':
		case '\\':
		case '/':
			c = (unsigned char)l->p[1];
			break;
		case 'b':
			c = '\b';
			break;
		case 'f':
			c = '\f';
			break;
		case 'n':
			c = '\n';
			break;
		case 'r':
			c = '\r';
			break;
		case 't':
			c = '\t';
			break;
		case 'u':
			if (unicode(l, &c))
				return -EINVAL;
			put_utf8(out, c);
			continue;
		default:
			return fail(l, "an unknown escape in a string");
		}
		put(out, c);
		l->p += 2;
	}
	if (l->p >= l->end)
		return fail(l, "a string is not closed");
	l->p++;
	return 0;
}

/* an integer that fits int64: no sign but '-', no fraction, no exponent */
static int integer(struct lex *l, int64_t *val)
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
	/* 2^63 does not fit int64 until negated: -(v - 1) - 1 */
	*val = neg && v ? -(int64_t)(v - 1) - 1 : (int64_t)v;
	return 0;
}

/* one field, its key checked against those before it */
static int field(struct lex *l, struct dp_flat *f)
{
	struct dp_flat_field *v = &f->field[f->n];
	unsigned int i;

	if (key(l, v->key))
		return -EINVAL;
	for (i = 0; i < f->n; i++)
		if (strcmp(f->field[i].key, v->key) == 0)
			return fail(l, "a key appears twice");
	ws(l);
	if (l->p >= l->end || *l->p != ':')
		return fail(l, "a key without ':' and a value");
	l->p++;
	ws(l);
	v->str = NULL;
	v->num = 0;
	if (l->p < l->end && *l->p == '"') {
		v->str = l->p;
		if (string(l, NULL))
			return -EINVAL;
		v->str_len = (size_t)(l->p - v->str);
	} else if (integer(l, &v->num)) {
		return -EINVAL;
	}
	f->n++;
	return 0;
}

static int object(struct lex *l, struct dp_flat *f)
{
	f->n = 0;
	ws(l);
	if (l->p >= l->end || *l->p != '{')
		return fail(l, "not a JSON object");
	l->p++;
	ws(l);
	if (l->p < l->end && *l->p == '}') {
		l->p++;
		goto tail;
	}
	for (;;) {
		if (f->n == DP_FLAT_MAX_FIELDS)
			return fail(l, "too many fields");
		if (field(l, f))
			return -EINVAL;
		ws(l);
		if (l->p < l->end && *l->p == ',') {
			l->p++;
			ws(l);
			continue;
		}
		if (l->p < l->end && *l->p == '}') {
			l->p++;
			break;
		}
		return fail(l, "a field is not followed by ',' or '}'");
	}
tail:
	ws(l);
	if (l->p != l->end)
		return fail(l, "something follows the object");
	return 0;
}

int dp_flat_read(const char *text, size_t len, struct dp_flat *f,
		const char **why)
{
	struct lex l = { text, text + len, NULL };

	if (object(&l, f)) {
		if (why)
			*why = l.why;
		return -EINVAL;
	}
	return 0;
}

int dp_json_flat_check(const char *text, size_t len, const char **why)
{
	struct dp_flat f;

	return dp_flat_read(text, len, &f, why);
}

static const struct dp_flat_field *find(
		const struct dp_flat *f, const char *key)
{
	unsigned int i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->field[i].key, key) == 0)
			return &f->field[i];
	return NULL;
}

bool dp_flat_has(const struct dp_flat *f, const char *key)
{
	return find(f, key) != NULL;
}

int dp_flat_str(const struct dp_flat *f, const char *key, char *buf, size_t len,
		bool required, const char **why)
{
	const struct dp_flat_field *v = find(f, key);
	struct sink out = { buf, len - 1, 0 };
	struct lex l;

	if (!v) {
		if (!required) {
			buf[0] = '\0';
			return 0;
		}
		*why = "a required field is missing";
		return -EINVAL;
	}
	if (!v->str) {
		*why = "a field that must be a string is not";
		return -EINVAL;
	}
	/* checked when F was read: this pass only unescapes */
	l = (struct lex){ v->str, v->str + v->str_len, NULL };
	string(&l, &out);
	if (out.n > out.cap) {
		buf[out.cap] = '\0';
		*why = "a field is too long";
		return -EINVAL;
	}
	buf[out.n] = '\0';
	return 0;
}

int dp_flat_int(const struct dp_flat *f, const char *key, int64_t *val,
		const char **why)
{
	const struct dp_flat_field *v = find(f, key);

	if (!v || v->str) {
		*why = "a required number is missing or not a number";
		return -EINVAL;
	}
	*val = v->num;
	return 0;
}

int dp_flat_parse(const char *text, int64_t version, struct dp_flat *f,
		const char **why)
{
	int64_t got;

	if (dp_flat_read(text, strlen(text), f, why)) {
		static __thread char damaged[160];

		snprintf(damaged, sizeof(damaged), "damaged JSON (%s)", *why);
		*why = damaged;
		return -EINVAL;
	}
	if (dp_flat_int(f, "version", &got, why))
		return -EINVAL;
	if (got != version) {
		*why = "unknown version";
		return -EINVAL;
	}
	return 0;
}
