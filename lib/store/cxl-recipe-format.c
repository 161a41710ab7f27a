// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A CXL region recipe as JSON text (pure): one flat object, read as
 * strictly as a pool's record (json-flat.c, no json-c), written with
 * json-c. The targets are one string, "SERIAL@DPA+SIZE" per position,
 * space apart, so that the object stays flat.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "store/cxl-recipe.h"
#include "store/json-flat.h"

#define RECIPE_VERSION 1

static void add_int(struct json_object *o, const char *key, uint64_t v)
{
	json_object_object_add(o, key, json_object_new_int64((int64_t)v));
}

char *dp_cxl_recipe_encode(const struct dp_cxl_recipe *r)
{
	struct json_object *o = json_object_new_object();
	char targets[DP_CXL_MAX_WAYS * 64] = "";
	size_t off = 0;
	char *out;
	unsigned int i;

	if (!o)
		return NULL;
	for (i = 0; i < r->ways && i < DP_CXL_MAX_WAYS; i++)
		off += (size_t)snprintf(targets + off, sizeof(targets) - off,
				"%s0x%" PRIx64 "@0x%" PRIx64 "+0x%" PRIx64,
				i ? " " : "", r->t[i].serial, r->t[i].dpa,
				r->t[i].dpa_size);
	add_int(o, "version", RECIPE_VERSION);
	json_object_object_add(o, "id", json_object_new_string(r->id));
	json_object_object_add(o, "mode", json_object_new_string(r->mode));
	add_int(o, "ways", r->ways);
	add_int(o, "granularity", r->granularity);
	add_int(o, "size", r->size);
	add_int(o, "hpa", r->hpa);
	add_int(o, "window_start", r->window_start);
	add_int(o, "window_size", r->window_size);
	json_object_object_add(o, "targets", json_object_new_string(targets));
	out = strdup(json_object_to_json_string_ext(
			o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED));
	json_object_put(o);
	return out;
}

/* "SERIAL@DPA+SIZE ..." into R's targets; exactly R->ways of them */
static int parse_targets(const char *s, struct dp_cxl_recipe *r)
{
	unsigned int i;

	for (i = 0; i < r->ways; i++) {
		char *end;

		if (i && *s++ != ' ')
			return -EINVAL;
		errno = 0;
		r->t[i].serial = strtoull(s, &end, 0);
		if (errno || end == s || *end != '@')
			return -EINVAL;
		s = end + 1;
		r->t[i].dpa = strtoull(s, &end, 0);
		if (errno || end == s || *end != '+')
			return -EINVAL;
		s = end + 1;
		r->t[i].dpa_size = strtoull(s, &end, 0);
		if (errno || end == s || !r->t[i].dpa_size)
			return -EINVAL;
		s = end;
	}
	return *s ? -EINVAL : 0;
}

static bool power_of_two(uint64_t v)
{
	return v && !(v & (v - 1));
}

int dp_cxl_recipe_decode(
		const char *text, struct dp_cxl_recipe *r, const char **why)
{
	struct dp_flat f;
	char targets[DP_CXL_MAX_WAYS * 64];
	int64_t ways, gran, size, hpa, wstart, wsize;

	memset(r, 0, sizeof(*r));
	if (dp_flat_parse(text, RECIPE_VERSION, &f, why))
		return -EINVAL;
	if (dp_flat_str(&f, "id", r->id, sizeof(r->id), true, why) ||
			dp_flat_str(&f, "mode", r->mode, sizeof(r->mode), true,
					why) ||
			dp_flat_str(&f, "targets", targets, sizeof(targets),
					true, why) ||
			dp_flat_int(&f, "ways", &ways, why) ||
			dp_flat_int(&f, "granularity", &gran, why) ||
			dp_flat_int(&f, "size", &size, why) ||
			dp_flat_int(&f, "hpa", &hpa, why) ||
			dp_flat_int(&f, "window_start", &wstart, why) ||
			dp_flat_int(&f, "window_size", &wsize, why))
		return -EINVAL;
	if (!daxpool_is_uuid(r->id)) {
		*why = "invalid id";
		return -EINVAL;
	}
	if (strcmp(r->mode, "pmem") != 0 && strcmp(r->mode, "ram") != 0) {
		*why = "mode is neither pmem nor ram";
		return -EINVAL;
	}
	if (ways < 1 || ways > DP_CXL_MAX_WAYS || gran < 256 ||
			!power_of_two((uint64_t)gran) || size <= 0 ||
			wsize <= 0 || wstart < 0 || hpa < 0) {
		*why = "ways, granularity, size or window out of range";
		return -EINVAL;
	}
	r->ways = (unsigned int)ways;
	r->granularity = (unsigned int)gran;
	r->size = (uint64_t)size;
	r->hpa = (uint64_t)hpa;
	r->window_start = (uint64_t)wstart;
	r->window_size = (uint64_t)wsize;
	if (parse_targets(targets, r)) {
		*why = "targets are not one SERIAL@DPA+SIZE per way";
		return -EINVAL;
	}
	return 0;
}

bool dp_cxl_recipe_same_targets(
		const struct dp_cxl_recipe *a, const struct dp_cxl_recipe *b)
{
	unsigned int i;

	if (a->ways != b->ways || strcmp(a->mode, b->mode) != 0)
		return false;
	for (i = 0; i < a->ways; i++)
		if (a->t[i].serial != b->t[i].serial ||
				a->t[i].dpa != b->t[i].dpa ||
				a->t[i].dpa_size != b->t[i].dpa_size)
			return false;
	return true;
}
