// SPDX-License-Identifier: GPL-2.0-only
/*
 * The file of 'daxpool apply', read. json-c parses it (strict, UTF-8
 * checked) and gives the values; a second pass over the text json-c has
 * accepted finds where each pool and each of its keys start, so that an
 * error names its line, and refuses what json-c lets by: a key given
 * twice (json-c keeps the last), NaN and Infinity, control characters in
 * strings. Numbers are read from their text, so one that does not fit is
 * refused, not clamped. Nothing is returned until every pool is checked:
 * a bad file changes nothing.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "apply-file.h"

#define DEPTH_MAX 32 /* json-c's own default */
/* a pool has 20 keys it may give: past this, one is unknown or twice */
#define KEYS_MAX 32
#define NODE_MAX 99999 /* as daxpool create --numa-node */

/* where a key of a pool object is, and its value */
struct spot_key {
	const char *raw; /* the key as written, without its quotes */
	size_t raw_len;
	size_t off, len; /* its value's bytes in the text */
};

struct spot_pool {
	size_t off; /* its '{' */
	unsigned int n; /* keys seen; those past KEYS_MAX are not kept */
	struct spot_key keys[KEYS_MAX];
};

/* the second pass: where the pools and their keys are */
struct scan {
	const char *text, *p, *end;
	struct spot_pool *pools;
	size_t n, cap;
	struct apply_error *err;
};

static int fail_at(struct apply_error *err, const char *text, size_t off,
		bool column, const char *fmt, ...)
		__attribute__((format(printf, 5, 6)));

/* the line of byte OFF of TEXT, and its column in *COL */
static unsigned int line_of(const char *text, size_t off, unsigned int *col)
{
	const char *start = text;
	unsigned int line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (text[i] == '\n') {
			line++;
			start = text + i + 1;
		}
	*col = (unsigned int)(text + off - start) + 1;
	return line;
}

static int fail_at(struct apply_error *err, const char *text, size_t off,
		bool column, const char *fmt, ...)
{
	va_list args;

	err->line = line_of(text, off, &err->column);
	if (!column)
		err->column = 0;
	va_start(args, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, args);
	va_end(args);
	return -EINVAL;
}

static int bad(struct scan *s, const char *why)
{
	return fail_at(s->err, s->text, (size_t)(s->p - s->text), true,
			"invalid JSON: %s", why);
}

static void ws(struct scan *s)
{
	while (s->p < s->end &&
			(*s->p == ' ' || *s->p == '\t' || *s->p == '\n' ||
					*s->p == '\r'))
		s->p++;
}

static int string(struct scan *s)
{
	for (s->p++; s->p < s->end && *s->p != '"'; s->p++) {
		if ((unsigned char)*s->p < 0x20)
			return bad(s, "a control character in a string");
		if (*s->p == '\\' && ++s->p >= s->end)
			break;
	}
	if (s->p >= s->end)
		return bad(s, "a string is not closed");
	s->p++;
	return 0;
}

static int value(struct scan *s, int depth);

static int number(struct scan *s)
{
	const char *start = s->p;

	while (s->p < s->end &&
			(isdigit((unsigned char)*s->p) || *s->p == '-' ||
					*s->p == '+' || *s->p == '.' ||
					*s->p == 'e' || *s->p == 'E'))
		s->p++;
	if (s->p == start || (s->p < s->end && isalpha((unsigned char)*s->p)))
		return bad(s, "not a JSON value (NaN and Infinity are not JSON)");
	return 0;
}

static int literal(struct scan *s, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
		return bad(s, "not a JSON value (NaN and Infinity are not JSON)");
	s->p += n;
	return 0;
}

/* an object or an array at s->p; a pool object's keys go into POOL */
static int container(struct scan *s, int depth, struct spot_pool *pool)
{
	char close = *s->p == '{' ? '}' : ']';
	const char *k;

	s->p++;
	ws(s);
	if (s->p < s->end && *s->p == close) {
		s->p++;
		return 0;
	}
	for (;;) {
		struct spot_key *key = NULL;

		if (close == '}') {
			if (s->p >= s->end || *s->p != '"')
				return bad(s, "a key is not a string");
			k = s->p;
			if (string(s))
				return -EINVAL;
			if (pool && pool->n++ < KEYS_MAX) {
				key = &pool->keys[pool->n - 1];
				key->raw = k + 1;
				key->raw_len = (size_t)(s->p - k) - 2;
			}
			ws(s);
			if (s->p >= s->end || *s->p != ':')
				return bad(s, "a key without ':'");
			s->p++;
			ws(s);
		}
		if (key)
			key->off = (size_t)(s->p - s->text);
		if (value(s, depth + 1))
			return -EINVAL;
		if (key)
			key->len = (size_t)(s->p - s->text) - key->off;
		ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			ws(s);
			continue;
		}
		if (s->p < s->end && *s->p == close) {
			s->p++;
			return 0;
		}
		return bad(s, "a value is not followed by ',' or a closing bracket");
	}
}

static int value(struct scan *s, int depth)
{
	if (depth > DEPTH_MAX)
		return bad(s, "nested too deep");
	if (s->p >= s->end)
		return bad(s, "a value is missing");
	switch (*s->p) {
	case '"':
		return string(s);
	case '{':
	case '[':
		return container(s, depth, NULL);
	case 't':
		return literal(s, "true");
	case 'f':
		return literal(s, "false");
	case 'n':
		return literal(s, "null");
	default:
		return number(s);
	}
}

/* the array of pools at s->p: each a pool object whose keys are noted */
static int pools_array(struct scan *s)
{
	s->p++;
	ws(s);
	if (s->p < s->end && *s->p == ']') {
		s->p++;
		return 0;
	}
	for (;;) {
		struct spot_pool *pool;

		if (s->p >= s->end || *s->p != '{')
			return fail_at(s->err, s->text,
					(size_t)(s->p - s->text), false,
					"pool #%zu is not a JSON object",
					s->n + 1);
		if (s->n == s->cap) {
			size_t cap = s->cap ? 2 * s->cap : 16;
			struct spot_pool *p =
					realloc(s->pools, cap * sizeof(*p));

			if (!p)
				return -ENOMEM;
			s->pools = p;
			s->cap = cap;
		}
		pool = &s->pools[s->n++];
		pool->off = (size_t)(s->p - s->text);
		pool->n = 0;
		if (container(s, 1, pool))
			return -EINVAL;
		ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			ws(s);
			continue;
		}
		if (s->p < s->end && *s->p == ']') {
			s->p++;
			return 0;
		}
		return bad(s, "a pool is not followed by ',' or ']'");
	}
}

static const char shape[] =
		"a file is a JSON array of pools, or an object {\"pools\": [...]}";

/* the file's outer shape: [ pools ] or { "pools": [ pools ] } */
static int top(struct scan *s)
{
	bool seen = false;

	ws(s);
	if (s->p < s->end && *s->p == '[')
		return pools_array(s);
	if (s->p >= s->end || *s->p != '{')
		return fail_at(s->err, s->text, (size_t)(s->p - s->text), false,
				"%s", shape);
	s->p++;
	ws(s);
	while (s->p < s->end && *s->p == '"') {
		size_t off = (size_t)(s->p - s->text);

		if (string(s))
			return -EINVAL;
		if ((size_t)(s->p - s->text) - off != 7 ||
				memcmp(s->text + off, "\"pools\"", 7) != 0 ||
				seen)
			return fail_at(s->err, s->text, off, false,
					"%s key %.*s: %s",
					seen ? "a second" : "an unknown",
					(int)((size_t)(s->p - s->text) - off),
					s->text + off, shape);
		seen = true;
		ws(s);
		if (s->p < s->end && *s->p == ':')
			s->p++;
		ws(s);
		if (s->p >= s->end || *s->p != '[')
			return fail_at(s->err, s->text,
					(size_t)(s->p - s->text), false,
					"\"pools\" is not an array: %s", shape);
		if (pools_array(s))
			return -EINVAL;
		ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			ws(s);
		}
	}
	if (!seen)
		return fail_at(s->err, s->text, (size_t)(s->p - s->text), false,
				"no \"pools\": %s", shape);
	return 0;
}

/* the checks of one pool's values */
struct check {
	const char *text;
	struct apply_error *err;
	apply_resolve_fn resolve;
	void *arg;
	const struct spot_pool *spot;
	char who[96]; /* "pool 'db'", or "pool #3" before its name is known */
	/* lines counted so far: the pools come in the text's order, so the
	 * whole file is counted once, not once a pool */
	size_t counted_to;
	unsigned int lines;
};

/* the line of byte OFF, at or after the last one asked for */
static unsigned int line_next(struct check *c, size_t off)
{
	for (; c->counted_to < off; c->counted_to++)
		if (c->text[c->counted_to] == '\n')
			c->lines++;
	return c->lines;
}

static int fail_key(struct check *c, const struct spot_key *k, const char *fmt,
		...) __attribute__((format(printf, 3, 4)));

static int fail_key(
		struct check *c, const struct spot_key *k, const char *fmt, ...)
{
	char why[200];
	va_list args;

	va_start(args, fmt);
	vsnprintf(why, sizeof(why), fmt, args);
	va_end(args);
	return fail_at(c->err, c->text, k ? k->off : c->spot->off, false,
			"%s: %s", c->who, why);
}

/* S for a message: in quotes, what is not printable ASCII as \xNN, cut */
static const char *shown(const char *s, size_t len, char *buf, size_t size)
{
	size_t n = 0, i;

	buf[n++] = '"';
	for (i = 0; i < len && n + 8 < size; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			buf[n++] = (char)c;
		else
			n += (size_t)snprintf(buf + n, size - n, "\\x%02x", c);
	}
	if (i < len)
		n += (size_t)snprintf(buf + n, size - n, "...");
	snprintf(buf + n, size - n, "\"");
	return buf;
}

/* a JSON string's text, refused if it hides a NUL (json-c keeps \u0000) */
static const char *text_of(struct json_object *v)
{
	const char *s = json_object_get_string(v);

	return strlen(s) == (size_t)json_object_get_string_len(v) ? s : NULL;
}

/* a number's own digits, as written: json-c would clamp what is too big */
static const char *digits_of(struct check *c, const struct spot_key *k,
		char *buf, size_t size)
{
	if (k->len >= size)
		return NULL;
	memcpy(buf, c->text + k->off, k->len);
	buf[k->len] = '\0';
	return buf;
}

/* a value that may be a string or a number: its text, NULL if neither */
static const char *text_or_digits(struct check *c, const struct spot_key *k,
		struct json_object *v, char *buf, size_t size)
{
	if (json_object_is_type(v, json_type_string))
		return text_of(v);
	if (json_object_is_type(v, json_type_int))
		return digits_of(c, k, buf, size);
	return NULL;
}

static int take_name(struct check *c, const struct spot_key *k,
		struct json_object *v, struct apply_want *w)
{
	const char *s = json_object_is_type(v, json_type_string) ? text_of(v) :
								   NULL;
	const char *why;
	char b[96];

	if (!s)
		return fail_key(c, k, "\"name\" must be a string");
	if (daxpool_name_check(s, &why))
		return fail_key(c, k, "invalid name %s: %s",
				shown(s, strlen(s), b, sizeof(b)), why);
	snprintf(w->name, sizeof(w->name), "%s", s);
	return 0;
}

static int take_size(struct check *c, const struct spot_key *k,
		struct json_object *v, struct apply_want *w)
{
	char buf[32], b[96];
	const char *s = text_or_digits(c, k, v, buf, sizeof(buf));
	int rc;

	if (!s && !json_object_is_type(v, json_type_string))
		return fail_key(c, k,
				"\"size\" must be a number of bytes or a string such as \"2G\"");
	rc = s ? daxpool_parse_size(s, &w->size) : -EINVAL;
	if (rc)
		return fail_key(c, k,
				"invalid size %s: %s; bytes, or a number with a K, M, G or T suffix (as 'daxpool list' prints without -u)",
				s ? shown(s, strlen(s), b, sizeof(b)) : "\"\"",
				rc == -ERANGE ? "larger than 64 PiB" :
						"not a size");
	return 0;
}

static int take_type(struct check *c, const struct spot_key *k,
		struct json_object *v, struct apply_want *w)
{
	const char *s = json_object_is_type(v, json_type_string) ? text_of(v) :
								   NULL;
	char names[64] = "", b[96];
	int t;

	/* the words the library has a name for: it may know more kinds */
	for (t = 1; t < 32; t++) {
		const char *name = daxpool_type_name((enum daxpool_type)t);

		if (!name)
			continue;
		if (s && strcmp(s, name) == 0) {
			w->type = (enum daxpool_type)t;
			return 0;
		}
		snprintf(names + strlen(names), sizeof(names) - strlen(names),
				"%s%s", names[0] ? " or " : "", name);
	}
	return fail_key(c, k, "invalid type %s: use %s",
			s ? shown(s, strlen(s), b, sizeof(b)) :
			    "(not a string)",
			names);
}

/* what a region's name may be: sysfs's names, like a pool's characters */
static bool region_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n >= APPLY_STR_MAX || s[0] == '.')
		return false;
	for (i = 0; i < n; i++)
		if (!isascii((unsigned char)s[i]) ||
				!(isalnum((unsigned char)s[i]) || s[i] == '.' ||
						s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

static int take_region(struct check *c, const struct spot_key *k,
		struct json_object *v, struct apply_want *w)
{
	const char *s = json_object_is_type(v, json_type_string) ? text_of(v) :
								   NULL;
	char b[96];

	if (!v)
		return 0;
	if (!s || !region_ok(s))
		return fail_key(c, k,
				"invalid region %s: a region's name such as \"region0\", or null",
				s ? shown(s, strlen(s), b, sizeof(b)) :
				    "(not a string)");
	snprintf(w->region, sizeof(w->region), "%s", s);
	return 0;
}

static int take_node(struct check *c, const struct spot_key *k,
		struct json_object *v, struct apply_want *w)
{
	char buf[32];
	const char *s;
	long n;
	char *end;

	if (!v)
		return 0;
	s = json_object_is_type(v, json_type_int) ?
			digits_of(c, k, buf, sizeof(buf)) :
			NULL;
	if (s) {
		errno = 0;
		n = strtol(s, &end, 10);
		if (!errno && !*end && n >= -1 && n <= NODE_MAX) {
			w->numa_node = (int)n;
			return 0;
		}
	}
	return fail_key(c, k,
			"invalid numa_node: a node's number, or -1 for any");
}

static int take_align(struct check *c, const struct spot_key *k,
		struct json_object *v, struct apply_want *w)
{
	char buf[32];
	const char *s;

	if (!v)
		return 0;
	s = text_or_digits(c, k, v, buf, sizeof(buf));
	if (!s || daxpool_parse_align(s, &w->align))
		return fail_key(c, k,
				"invalid align: 4K, 2M or 1G, in bytes or with the suffix");
	return 0;
}

static int take_account(struct check *c, const struct spot_key *k,
		struct json_object *v, struct apply_want *w, bool group)
{
	const char *what = group ? "group" : "owner";
	char *out = group ? w->group : w->owner;
	char buf[32], b[96];
	const char *s;

	if (!v)
		return 0;
	s = text_or_digits(c, k, v, buf, sizeof(buf));
	if (!s || !*s || strlen(s) >= APPLY_STR_MAX)
		return fail_key(c, k,
				"invalid %s: a name, or a number, of at most %d bytes",
				what, APPLY_STR_MAX - 1);
	if (c->resolve(c->arg, group, s, group ? &w->gid : &w->uid))
		return fail_key(c, k, "unknown %s %s", what,
				shown(s, strlen(s), b, sizeof(b)));
	snprintf(out, APPLY_STR_MAX, "%s", s);
	return 0;
}

static int take_mode(struct check *c, const struct spot_key *k,
		struct json_object *v, struct apply_want *w)
{
	unsigned int mode;
	const char *s;
	char b[96];

	if (!v)
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return fail_key(c, k,
				"mode must be a string of octal digits such as \"0660\" (a JSON number is ambiguous)");
	s = text_of(v);
	if (!s || daxpool_parse_mode(s, &mode))
		return fail_key(c, k,
				"invalid mode %s: use octal digits, at most 07777",
				s ? shown(s, strlen(s), b, sizeof(b)) : "\"\"");
	w->mode = (int)mode;
	return 0;
}

typedef int (*take_fn)(struct check *c, const struct spot_key *k,
		struct json_object *v, struct apply_want *w);

static int take_owner(struct check *c, const struct spot_key *k,
		struct json_object *v, struct apply_want *w)
{
	return take_account(c, k, v, w, false);
}

static int take_group(struct check *c, const struct spot_key *k,
		struct json_object *v, struct apply_want *w)
{
	return take_account(c, k, v, w, true);
}

/*
 * The keys a pool may give, in the order they are checked; NULL: one
 * that 'daxpool list' prints of the live pool, taken and ignored.
 */
static const struct {
	const char *key;
	take_fn take;
	bool nullable;
} keys[] = {
	{ "name", take_name, false },
	{ "size", take_size, false },
	{ "type", take_type, false },
	{ "region", take_region, true },
	{ "numa_node", take_node, true },
	{ "align", take_align, true },
	{ "owner", take_owner, true },
	{ "group", take_group, true },
	{ "mode", take_mode, true },
	{ "uuid", NULL, true },
	{ "chardev", NULL, true },
	{ "path", NULL, true },
	{ "state", NULL, true },
	{ "namespace", NULL, true },
	{ "label", NULL, true },
	{ "namespace_size", NULL, true },
	{ "requested_size", NULL, true },
	{ "created", NULL, true },
	{ "cxl_region", NULL, true },
	{ "cxl_memdevs", NULL, true },
};
#define N_KEYS (sizeof(keys) / sizeof(keys[0]))

static bool key_is(const struct spot_key *k, const char *key)
{
	return k->raw_len == strlen(key) &&
			memcmp(k->raw, key, k->raw_len) == 0;
}

/* one pool: its object PO, found at SPOT, into W */
static int check_pool(struct check *c, size_t index, struct json_object *po,
		struct apply_want *w)
{
	const struct spot_key *at[N_KEYS] = { NULL };
	unsigned int i, j, n = c->spot->n < KEYS_MAX ? c->spot->n : KEYS_MAX;
	struct json_object *v;
	char b[96];
	size_t t;
	int rc;

	memset(w, 0, sizeof(*w));
	w->type = DAXPOOL_TYPE_PMEM;
	w->numa_node = -1;
	w->mode = -1;
	w->line = line_next(c, c->spot->off);
	snprintf(c->who, sizeof(c->who), "pool #%zu", index + 1);
	/* its name for the messages, if it has a good one */
	if (json_object_object_get_ex(po, "name", &v) &&
			json_object_is_type(v, json_type_string) &&
			text_of(v) && daxpool_name_check(text_of(v), NULL) == 0)
		snprintf(c->who, sizeof(c->who), "pool '%s'", text_of(v));
	/* every key known, and given once */
	for (i = 0; i < n; i++) {
		const struct spot_key *k = &c->spot->keys[i];

		for (t = 0; t < N_KEYS && !key_is(k, keys[t].key); t++)
			;
		if (t == N_KEYS)
			return fail_key(c, k,
					"unknown key %s (daxpool-apply(1) lists the keys)",
					shown(k->raw, k->raw_len, b,
							sizeof(b)));
		for (j = 0; j < i; j++)
			if (key_is(&c->spot->keys[j], keys[t].key))
				return fail_key(c, k, "key \"%s\" given twice",
						keys[t].key);
		at[t] = k;
	}
	if (c->spot->n > KEYS_MAX)
		return fail_key(c, NULL, "more keys than a pool has");
	if (!at[0])
		return fail_key(c, NULL, "no \"name\"");
	for (t = 0; t < N_KEYS; t++) {
		if (!keys[t].take || !at[t])
			continue;
		if (!json_object_object_get_ex(po, keys[t].key, &v))
			return fail_key(c, at[t], "key \"%s\" not found",
					keys[t].key);
		if (!v && !keys[t].nullable)
			return fail_key(c, at[t], "\"%s\" must not be null",
					keys[t].key);
		rc = keys[t].take(c, at[t], v, w);
		if (rc)
			return rc;
	}
	if (!at[1])
		return fail_key(c, NULL, "no \"size\"");
	/* list prints both: the region says where, its node follows */
	if (w->region[0])
		w->numa_node = -1;
	return 0;
}

/* json-c's reading: strict, UTF-8 checked; its errors with their place */
static struct json_object *parse_json(
		const char *text, size_t len, struct apply_error *err)
{
	struct json_tokener *tok = json_tokener_new_ex(DEPTH_MAX);
	enum json_tokener_error e;
	struct json_object *o;
	size_t end;

	if (!tok) {
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return NULL;
	}
	json_tokener_set_flags(
			tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, text, (int)len);
	e = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (o) {
		/* json-c stops after the value: only white space may follow */
		while (end < len && strchr(" \t\r\n", text[end]))
			end++;
		if (end == len)
			return o;
		json_object_put(o);
		fail_at(err, text, end, true,
				"invalid JSON: something follows the pools");
		return NULL;
	}
	if (e == json_tokener_continue || e == json_tokener_success)
		fail_at(err, text, len, true,
				"invalid JSON: the file ends too soon");
	else
		fail_at(err, text, end, true, "invalid JSON: %s",
				json_tokener_error_desc(e));
	return NULL;
}

/* the pools of the outer value: the array, or what "pools" holds */
static struct json_object *pools_of(struct json_object *o)
{
	struct json_object *arr;

	if (json_object_is_type(o, json_type_array))
		return o;
	if (json_object_object_get_ex(o, "pools", &arr))
		return arr;
	return NULL;
}

int apply_file_parse(const char *text, size_t len, apply_resolve_fn resolve,
		void *arg, struct apply_file *file, struct apply_error *err)
{
	struct scan s = {
		.text = text, .p = text, .end = text + len, .err = err
	};
	struct check c = { .text = text,
		.err = err,
		.resolve = resolve,
		.arg = arg,
		.lines = 1 };
	struct json_object *o, *arr;
	const char *nul;
	size_t i, j;
	int rc;

	memset(file, 0, sizeof(*file));
	memset(err, 0, sizeof(*err));
	if (len > APPLY_FILE_MAX)
		return fail_at(err, text, 0, false,
				"larger than %d MiB: not a file of pools",
				APPLY_FILE_MAX >> 20);
	nul = memchr(text, '\0', len);
	if (nul)
		return fail_at(err, text, (size_t)(nul - text), true,
				"invalid JSON: a NUL byte");
	o = parse_json(text, len, err);
	if (!o)
		return -EINVAL;
	rc = top(&s);
	arr = pools_of(o);
	if (!rc && (!arr || json_object_array_length(arr) != s.n))
		rc = fail_at(err, text, 0, false, "%s", shape);
	if (!rc && s.n > APPLY_POOLS_MAX)
		rc = fail_at(err, text, s.pools[APPLY_POOLS_MAX].off, false,
				"more than %d pools: not a file of one host's pools",
				APPLY_POOLS_MAX);
	if (!rc && s.n) {
		file->pools = calloc(s.n, sizeof(*file->pools));
		if (!file->pools)
			rc = -ENOMEM;
	}
	for (i = 0; !rc && i < s.n; i++) {
		c.spot = &s.pools[i];
		rc = check_pool(&c, i, json_object_array_get_idx(arr, i),
				&file->pools[i]);
		file->n++;
		/* one name, one pool */
		for (j = 0; !rc && j < i; j++)
			if (strcmp(file->pools[j].name, file->pools[i].name) ==
					0)
				rc = fail_at(err, text, c.spot->off, false,
						"%s: named twice (first at line %u)",
						c.who, file->pools[j].line);
	}
	json_object_put(o);
	free(s.pools);
	if (rc) {
		apply_file_free(file);
		if (rc == -ENOMEM)
			snprintf(err->msg, sizeof(err->msg), "out of memory");
		return rc;
	}
	memset(err, 0, sizeof(*err));
	return 0;
}

void apply_file_free(struct apply_file *file)
{
	free(file->pools);
	file->pools = NULL;
	file->n = 0;
}
