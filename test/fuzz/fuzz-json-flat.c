// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: the strict JSON checker on its own, against json-c as the
 * reference: whatever it accepts, json-c must parse as one object with
 * as many keys as the text has, each a string or an integer.
 */
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	const char *why = NULL;
	struct json_object *o;

	if (!text)
		return 0;
	if (dp_json_flat_check(text, strlen(text), &why) == 0) {
		o = json_tokener_parse(text);
		FUZZ_ASSERT(o && json_object_is_type(o, json_type_object));
		json_object_object_foreach (o, key, val) {
			(void)key;
			FUZZ_ASSERT(json_object_is_type(
						    val, json_type_string) ||
					json_object_is_type(
							val, json_type_int));
			if (json_object_is_type(val, json_type_string))
				/* no \u0000 got through to cut a string */
				FUZZ_ASSERT(strlen(json_object_get_string(
							    val)) ==
						(size_t)json_object_get_string_len(
								val));
		}
		json_object_put(o);
	} else {
		FUZZ_ASSERT(why && *why);
	}
	free(text);
	return 0;
}
