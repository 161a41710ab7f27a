// SPDX-License-Identifier: GPL-2.0-only
/* pool objects as JSON, and error lines, shared by the verbs */
#include <stdarg.h>
#include <stdio.h>
#include "builtin.h"

void cli_error(const char *verb, const char *what, const char *fmt, ...)
{
	va_list args;

	fprintf(stderr, "daxpool %s: %s: ", verb, what);
	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fputc('\n', stderr);
}

static struct json_object *size_json(uint64_t v, bool human)
{
	const char *unit[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
	double d = (double)v;
	char buf[48];
	int i = 0;

	if (!human)
		return json_object_new_int64((int64_t)v);
	while (d >= 1024 && i < 5) {
		d /= 1024;
		i++;
	}
	if (i == 0)
		snprintf(buf, sizeof(buf), "%llu B", (unsigned long long)v);
	else
		snprintf(buf, sizeof(buf), "%.2f %s", d, unit[i]);
	return json_object_new_string(buf);
}

const char *pool_state(struct daxpool_pool *pool)
{
	const char *name = daxpool_state_name(daxpool_pool_get_state(pool));

	/* a library newer than this CLI may know states it does not */
	return name ? name : "unknown";
}

struct json_object *pool_to_json(
		struct daxpool_pool *pool, bool human, bool verbose)
{
	struct json_object *o = json_object_new_object();
	const char *s;
	char mode[8];

	snprintf(mode, sizeof(mode), "%04o", daxpool_pool_get_mode(pool));
	json_object_object_add(o, "name",
			json_object_new_string(daxpool_pool_get_name(pool)));
	json_object_object_add(o, "uuid",
			json_object_new_string(daxpool_pool_get_uuid(pool)));
	json_object_object_add(o, "type",
			json_object_new_string(
					daxpool_pool_get_type_name(pool)));
	json_object_object_add(o, "size",
			size_json(daxpool_pool_get_size(pool), human));
	json_object_object_add(o, "align",
			size_json(daxpool_pool_get_align(pool), human));
	s = daxpool_pool_get_region(pool);
	json_object_object_add(
			o, "region", s[0] ? json_object_new_string(s) : NULL);
	s = daxpool_pool_get_chardev(pool);
	json_object_object_add(
			o, "chardev", s[0] ? json_object_new_string(s) : NULL);
	json_object_object_add(o, "path",
			json_object_new_string(daxpool_pool_get_path(pool)));
	json_object_object_add(o, "owner",
			json_object_new_string(daxpool_pool_get_owner(pool)));
	json_object_object_add(o, "group",
			json_object_new_string(daxpool_pool_get_group(pool)));
	json_object_object_add(o, "mode", json_object_new_string(mode));
	json_object_object_add(o, "numa_node",
			json_object_new_int(daxpool_pool_get_numa_node(pool)));
	json_object_object_add(
			o, "state", json_object_new_string(pool_state(pool)));
	if (verbose) {
		s = daxpool_pool_get_namespace(pool);
		json_object_object_add(o, "namespace",
				s[0] ? json_object_new_string(s) : NULL);
		s = daxpool_pool_get_label(pool);
		json_object_object_add(o, "label",
				s[0] ? json_object_new_string(s) : NULL);
		json_object_object_add(o, "namespace_size",
				size_json(daxpool_pool_get_namespace_size(pool),
						human));
		json_object_object_add(o, "requested_size",
				size_json(daxpool_pool_get_requested_size(pool),
						human));
		json_object_object_add(o, "created",
				json_object_new_int64(daxpool_pool_get_created(
						pool)));
		/* on a CXL region the OS made: the region, its memdevs */
		if (daxpool_pool_get_cxl_serial(pool, 0)) {
			struct json_object *serials = json_object_new_array();
			unsigned int i;
			uint64_t sn;

			s = daxpool_pool_get_cxl_region(pool);
			json_object_object_add(o, "cxl_region",
					s[0] ? json_object_new_string(s) :
					       NULL);
			for (i = 0; (sn = daxpool_pool_get_cxl_serial(pool, i));
					i++)
				json_object_array_add(serials,
						json_object_new_uint64(sn));
			json_object_object_add(o, "cxl_memdevs", serials);
		}
	}
	return o;
}

void json_print(struct json_object *obj)
{
	/* an empty list is "[]", not json-c's pretty "[\n]" */
	if (json_object_is_type(obj, json_type_array) &&
			json_object_array_length(obj) == 0) {
		printf("[]\n");
		return;
	}
	printf("%s\n",
			json_object_to_json_string_ext(obj,
					JSON_C_TO_STRING_PRETTY |
							JSON_C_TO_STRING_SPACED |
							JSON_C_TO_STRING_NOSLASHESCAPE));
}
