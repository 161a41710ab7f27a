// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: registry records, as the udev helper reads them at boot (as
 * root) and libdaxpool reads them as any user. Whatever the input: no
 * crash, no leak, no undefined behaviour; and a record that decodes is
 * one the strict checker accepts, that encodes again and decodes to the
 * same, and whose udev output is only safe KEY=VALUE lines. CXL region
 * recipes share the strict reader: the same input is read as one too.
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz-common.h"
#include "store/cxl-recipe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_recipe(const char *text)
{
	struct dp_cxl_recipe r, again;
	const char *why = NULL;
	char *enc;

	if (dp_cxl_recipe_decode(text, &r, &why) != 0) {
		FUZZ_ASSERT(why && *why);
		return;
	}
	FUZZ_ASSERT(dp_json_flat_check(text, strlen(text), &why) == 0);
	enc = dp_cxl_recipe_encode(&r);
	FUZZ_ASSERT(enc && dp_cxl_recipe_decode(enc, &again, &why) == 0);
	FUZZ_ASSERT(memcmp(&r, &again, sizeof(r)) == 0);
	free(enc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct daxpool_record rec, again;
	const char *why = NULL;
	char *text = fuzz_text(data, size), *enc, env[512];

	if (!text)
		return 0;
	if (dp_record_decode(text, &rec, &why) == 0) {
		FUZZ_ASSERT(dp_json_flat_check(text, strlen(text), &why) == 0);
		enc = dp_record_encode(&rec);
		FUZZ_ASSERT(enc && dp_record_decode(enc, &again, &why) == 0);
		FUZZ_ASSERT(memcmp(&rec, &again, sizeof(rec)) == 0);
		free(enc);
		if (dp_udev_env(&rec, rec.uuid, false, true, env, sizeof(env),
				    &why) >= 0)
			FUZZ_ASSERT(fuzz_env_is_safe(env));
	} else {
		FUZZ_ASSERT(why && *why);
	}
	fuzz_recipe(text);
	free(text);
	return 0;
}
