// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: the strict JSON reader on its own, against json-c as the
 * reference: whatever it accepts, json-c must parse as one object with the
 * same keys, each string the same byte for byte and each integer equal
 * (flat-vs-json-c.h); and a string read into a buffer of any size is a C
 * string that stays inside it, refused exactly when it does not fit.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz-common.h"
#include "flat-vs-json-c.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* KEY of F, whose full value is FULL, into a malloc'd buffer of LEN bytes
 * (so that ASan sees a byte written past it) */
static void into(const struct dp_flat *f, const char *key, const char *full,
		size_t len)
{
	char *buf = malloc(len);
	const char *why = NULL;
	int rc;

	FUZZ_ASSERT(buf);
	rc = dp_flat_str(f, key, buf, len, true, &why);
	FUZZ_ASSERT(rc == (strlen(full) < len ? 0 : -EINVAL));
	FUZZ_ASSERT(strnlen(buf, len) < len);
	FUZZ_ASSERT(rc || strcmp(buf, full) == 0);
	FUZZ_ASSERT(!rc || (why && strcmp(why, "a field is too long") == 0));
	free(buf);
}

static void sizes(const char *text)
{
	static char full[65536]; /* unescaping never makes a string longer */
	const char *why = NULL;
	struct dp_flat f;
	unsigned int i;
	size_t len, n;

	FUZZ_ASSERT(dp_flat_read(text, strlen(text), &f, &why) == 0);
	for (i = 0; i < f.n; i++) {
		if (!f.field[i].str)
			continue;
		FUZZ_ASSERT(dp_flat_str(&f, f.field[i].key, full, sizeof(full),
					    true, &why) == 0);
		n = strlen(full);
		for (len = 1; len <= n + 1 && len <= 16; len++)
			into(&f, f.field[i].key, full, len);
		into(&f, f.field[i].key, full, n ? n : 1);
		into(&f, f.field[i].key, full, n + 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	const char *why = NULL, *differs;

	if (!text)
		return 0;
	if (dp_json_flat_check(text, strlen(text), &why) == 0) {
		differs = flat_vs_json_c(text);
		if (differs)
			fprintf(stderr, "json-c reads it otherwise: %s\n",
					differs);
		FUZZ_ASSERT(!differs);
		sizes(text);
	} else {
		FUZZ_ASSERT(why && *why);
	}
	free(text);
	return 0;
}
