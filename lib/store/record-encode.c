// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A registry record written as JSON text (pure), with json-c. Apart from
 * record.c, which reads records without json-c, so that what only reads
 * them (the udev helper) does not link a JSON library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "store/registry.h"

static char *encode(const struct daxpool_record *rec, int flags)
{
	struct json_object *o = json_object_new_object();
	char mode[8];
	char *out;

	if (!o)
		return NULL;
	snprintf(mode, sizeof(mode), "%04o", rec->mode);
	json_object_object_add(
			o, "version", json_object_new_int(DP_RECORD_VERSION));
	json_object_object_add(o, "name", json_object_new_string(rec->name));
	json_object_object_add(o, "uuid", json_object_new_string(rec->uuid));
	json_object_object_add(o, "type",
			json_object_new_string(dp_type_name(rec->type)));
	json_object_object_add(
			o, "size", json_object_new_int64((int64_t)rec->size));
	json_object_object_add(
			o, "align", json_object_new_int64((int64_t)rec->align));
	json_object_object_add(o, "owner", json_object_new_string(rec->owner));
	json_object_object_add(o, "group", json_object_new_string(rec->group));
	json_object_object_add(o, "mode", json_object_new_string(mode));
	json_object_object_add(
			o, "region", json_object_new_string(rec->region));
	json_object_object_add(
			o, "created", json_object_new_int64(rec->created));
	if (rec->intent != DP_INTENT_NONE)
		json_object_object_add(o, "intent",
				json_object_new_string(
						dp_intent_name(rec->intent)));
	if (rec->conflict)
		json_object_object_add(o, "conflict", json_object_new_int(1));
	if (rec->ranges[0])
		json_object_object_add(o, "ranges",
				json_object_new_string(rec->ranges));
	if (rec->region_range[0])
		json_object_object_add(o, "region_range",
				json_object_new_string(rec->region_range));
	if (rec->cxl[0])
		json_object_object_add(
				o, "cxl", json_object_new_string(rec->cxl));
	out = strdup(json_object_to_json_string_ext(o, flags));
	json_object_put(o);
	return out;
}

char *dp_record_encode(const struct daxpool_record *rec)
{
	return encode(rec, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED);
}

char *dp_record_encode_line(const struct daxpool_record *rec)
{
	return encode(rec, JSON_C_TO_STRING_PLAIN);
}
