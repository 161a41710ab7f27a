// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: the size, align, mode, name and id parsers against
 * independent reference checks written another way (sscanf and plain
 * loops), so that the two must agree on every input.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* decimal digits, then K, M, G or T (any case, then B or iB in any
 * case), more than 0 and at most 2^56 bytes */
static int ref_size(const char *s, uint64_t *out)
{
	unsigned long long n = 0;
	const char *p = s;
	unsigned int shift = 0;
	size_t digits = 0;

	while (isdigit((unsigned char)*p)) {
		if (n > (~0ULL - 9) / 10)
			return -ERANGE;
		n = n * 10 + (unsigned)(*p - '0');
		p++;
		digits++;
	}
	if (!digits)
		return -EINVAL;
	switch (*p) {
	case 'K':
	case 'k':
		shift = 10;
		p++;
		break;
	case 'M':
	case 'm':
		shift = 20;
		p++;
		break;
	case 'G':
	case 'g':
		shift = 30;
		p++;
		break;
	case 'T':
	case 't':
		shift = 40;
		p++;
		break;
	}
	if (shift && (strcasecmp(p, "iB") == 0 || strcasecmp(p, "B") == 0))
		p += strlen(p);
	if (*p)
		return -EINVAL;
	if (n == 0)
		return -EINVAL;
	if (shift && n > (~0ULL >> shift))
		return -ERANGE;
	if ((n << shift) > (1ULL << 56))
		return -ERANGE;
	*out = n << shift;
	return 0;
}

static bool ref_name(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 63 || s[0] == '.' || s[0] == '-' ||
			daxpool_is_uuid(s))
		return false;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '.' &&
				s[i] != '_' && s[i] != '-')
			return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] > 127)
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size);
	uint64_t a = 0, b = 0;
	unsigned int m = 0, rm = 0;
	unsigned long id = 0;
	char tail;
	int ra, rb;

	if (!s)
		return 0;
	ra = daxpool_parse_size(s, &a);
	rb = ref_size(s, &b);
	/* both refuse, or both give the same bytes */
	FUZZ_ASSERT((ra != 0) == (rb != 0));
	if (ra == 0)
		FUZZ_ASSERT(a == b);
	if (daxpool_parse_align(s, &a) == 0)
		FUZZ_ASSERT(a == 4096 || a == (2 << 20) || a == (1 << 30));
	ra = daxpool_parse_mode(s, &m);
	rb = (strlen(s) >= 1 && strlen(s) <= 5 &&
			     strspn(s, "01234567") == strlen(s) &&
			     sscanf(s, "%o%c", &rm, &tail) == 1 &&
			     rm <= 07777) ?
			0 :
			-1;
	FUZZ_ASSERT((ra == 0) == (rb == 0));
	if (ra == 0)
		FUZZ_ASSERT(m == rm);
	FUZZ_ASSERT((daxpool_name_check(s, NULL) == 0) == ref_name(s));
	if (dp_parse_uint(s, DP_ID_MAX, &id) == 0)
		FUZZ_ASSERT(strspn(s, "0123456789") == strlen(s) &&
				id <= DP_ID_MAX && strtoul(s, NULL, 10) == id);
	free(s);
	return 0;
}
