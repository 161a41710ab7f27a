// SPDX-License-Identifier: LGPL-2.1-or-later
/* pure parsers: pool names, sizes, aligns, modes */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <uuid/uuid.h>
#include "core/private.h"

DAXPOOL_EXPORT bool daxpool_is_uuid(const char *str)
{
	uuid_t u;

	return str && strlen(str) == 36 && uuid_parse(str, u) == 0;
}

DAXPOOL_EXPORT int daxpool_name_check(const char *name, const char **why)
{
	const char *rule =
			"a pool name is 1 to 63 characters of A-Z a-z 0-9 . _ -, "
			"not starting with '.' or '-', and not a UUID";
	const char *dummy;
	size_t len, i;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (!name || !*name) {
		*why = "empty name; a pool name is 1 to 63 characters of A-Z a-z 0-9 . _ -";
		return -EINVAL;
	}
	len = strlen(name);
	if (len > DAXPOOL_NAME_MAX) {
		*why = "name longer than 63 characters";
		return -EINVAL;
	}
	if (name[0] == '.' || name[0] == '-') {
		*why = "name starts with '.' or '-'; a pool name must start with A-Z a-z 0-9 or _";
		return -EINVAL;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (!(isascii(c) &&
				    (isalnum(c) || c == '.' || c == '_' ||
						    c == '-'))) {
			*why = rule;
			return -EINVAL;
		}
	}
	if (daxpool_is_uuid(name)) {
		*why = "name parses as a UUID; pools may be named by uuid, so a name must not look like one";
		return -EINVAL;
	}
	return 0;
}

static int parse_suffixed(const char *str, uint64_t *bytes)
{
	uint64_t val = 0, mult = 1;
	const char *p = str;
	int shift = 0;

	if (!str || !isdigit((unsigned char)*p))
		return -EINVAL;
	for (; isdigit((unsigned char)*p); p++) {
		unsigned d = (unsigned)(*p - '0');

		if (val > (UINT64_MAX - d) / 10)
			return -ERANGE;
		val = val * 10 + d;
	}
	switch (toupper((unsigned char)*p)) {
	case '\0':
		break;
	case 'K':
		shift = 10;
		p++;
		break;
	case 'M':
		shift = 20;
		p++;
		break;
	case 'G':
		shift = 30;
		p++;
		break;
	case 'T':
		shift = 40;
		p++;
		break;
	default:
		return -EINVAL;
	}
	/* accept 4K, 4KB, 4KiB alike */
	if (shift && (strcasecmp(p, "iB") == 0 || strcasecmp(p, "B") == 0))
		p += strlen(p);
	if (*p != '\0')
		return -EINVAL;
	mult <<= shift;
	if (val > UINT64_MAX / mult)
		return -ERANGE;
	*bytes = val * mult;
	return 0;
}

DAXPOOL_EXPORT int daxpool_parse_size(const char *str, uint64_t *bytes)
{
	uint64_t v;
	int rc = parse_suffixed(str, &v);

	if (rc)
		return rc;
	/* page granularity, and room left to round up without overflow */
	if (v == 0)
		return -EINVAL;
	if (v > (1ULL << 56))
		return -ERANGE;
	*bytes = v;
	return 0;
}

DAXPOOL_EXPORT int daxpool_parse_align(const char *str, uint64_t *bytes)
{
	uint64_t v;
	int rc = parse_suffixed(str, &v);

	if (rc)
		return rc;
	if (v != SZ_4K && v != SZ_2M && v != SZ_1G)
		return -EINVAL;
	*bytes = v;
	return 0;
}

DAXPOOL_EXPORT int daxpool_parse_mode(const char *str, unsigned int *mode)
{
	unsigned long v = 0;
	const char *p;

	if (!str || !*str || strlen(str) > 5)
		return -EINVAL;
	for (p = str; *p; p++) {
		if (*p < '0' || *p > '7')
			return -EINVAL;
		v = v * 8 + (unsigned)(*p - '0');
	}
	if (v > 07777)
		return -ERANGE;
	*mode = (unsigned int)v;
	return 0;
}

/*
 * A plain decimal number up to MAX: digits only. strtoul would take
 * " 0", "+0" and "-4294967296" (which wraps to 0: root) and would clamp or
 * wrap what does not fit; an id or a node number must mean what it says.
 */
int dp_parse_uint(const char *str, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	const char *p;

	if (!str || !*str)
		return -EINVAL;
	for (p = str; *p; p++) {
		unsigned int d = (unsigned int)(*p - '0');

		if (*p < '0' || *p > '9')
			return -EINVAL;
		if (v > (max - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

DAXPOOL_EXPORT const char *daxpool_state_name(enum daxpool_state state)
{
	/* the words daxpool list prints: never change one */
	switch (state) {
	case DAXPOOL_STATE_ACTIVE:
		return "active";
	case DAXPOOL_STATE_DISABLED:
		return "disabled";
	case DAXPOOL_STATE_INACTIVE:
		return "inactive";
	case DAXPOOL_STATE_MISSING:
		return "missing";
	case DAXPOOL_STATE_INCOMPLETE:
		return "incomplete";
	case DAXPOOL_STATE_CONFLICT:
		return "conflict";
	case DAXPOOL_STATE_UNSUPPORTED:
		return "unsupported";
	}
	return NULL;
}

DAXPOOL_EXPORT const char *daxpool_type_name(enum daxpool_type type)
{
	switch (type) {
	case DAXPOOL_TYPE_PMEM:
		return "pmem";
	case DAXPOOL_TYPE_RAM:
		return "ram";
	}
	return NULL;
}

const char *dp_type_name(enum daxpool_type type)
{
	const char *name = daxpool_type_name(type);

	return name ? name : "unknown";
}

enum daxpool_type dp_type_parse(const char *s)
{
	if (s && strcmp(s, "pmem") == 0)
		return DAXPOOL_TYPE_PMEM;
	if (s && strcmp(s, "ram") == 0)
		return DAXPOOL_TYPE_RAM;
	return 0;
}

void dp_fmt_size(char *buf, size_t len, uint64_t v)
{
	const char *unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	int i = 0;

	while (v >= 1024 && (v % 1024) == 0 && i < 4) {
		v /= 1024;
		i++;
	}
	snprintf(buf, len, "%llu %s", (unsigned long long)v, unit[i]);
}
