// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A registry record as JSON text, and reading one file of it. Pure and
 * read-only, so the udev helper links just this and the parsers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>
#include "store/json-flat.h"
#include "store/registry.h"

#define RECORD_VERSION 1
#define RECORD_MAX (64 * 1024)

static const char *const intent_names[] = {
	[DP_INTENT_NONE] = "",
	[DP_INTENT_CREATE] = "create",
	[DP_INTENT_DESTROY] = "destroy",
};

const char *dp_intent_name(enum dp_intent intent)
{
	if ((unsigned int)intent >=
			sizeof(intent_names) / sizeof(intent_names[0]))
		return "";
	return intent_names[intent];
}

int dp_intent_parse(const char *name, enum dp_intent *intent)
{
	size_t i;

	for (i = 0; i < sizeof(intent_names) / sizeof(intent_names[0]); i++)
		if (strcmp(name, intent_names[i]) == 0) {
			*intent = (enum dp_intent)i;
			return 0;
		}
	return -EINVAL;
}

static char *encode(const struct daxpool_record *rec, int flags)
{
	struct json_object *o = json_object_new_object();
	char mode[8];
	char *out;

	if (!o)
		return NULL;
	snprintf(mode, sizeof(mode), "%04o", rec->mode);
	json_object_object_add(
			o, "version", json_object_new_int(RECORD_VERSION));
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

int dp_json_get_str(struct json_object *o, const char *key, char *buf,
		size_t len, bool required, const char **why)
{
	struct json_object *v;
	const char *s;

	if (!json_object_object_get_ex(o, key, &v)) {
		if (!required) {
			buf[0] = '\0';
			return 0;
		}
		*why = "a required field is missing";
		return -EINVAL;
	}
	if (!json_object_is_type(v, json_type_string)) {
		*why = "a field that must be a string is not";
		return -EINVAL;
	}
	s = json_object_get_string(v);
	if (strlen(s) >= len) {
		*why = "a field is too long";
		return -EINVAL;
	}
	strcpy(buf, s);
	return 0;
}

int dp_json_get_int(struct json_object *o, const char *key, int64_t *val,
		const char **why)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
			!json_object_is_type(v, json_type_int)) {
		*why = "a required number is missing or not a number";
		return -EINVAL;
	}
	errno = 0;
	*val = json_object_get_int64(v);
	if (errno) {
		*why = "a number is out of range";
		return -EINVAL;
	}
	return 0;
}

int dp_json_flat_parse(const char *text, int64_t version,
		struct json_object **out, const char **why)
{
	int64_t got;
	struct json_tokener *tok;
	struct json_object *o;
	int rc = -EINVAL;

	*out = NULL;
	/* json-c is lenient; what we read must be exactly what we write */
	if (dp_json_flat_check(text, strlen(text), why)) {
		static __thread char damaged[160];

		snprintf(damaged, sizeof(damaged), "damaged JSON (%s)", *why);
		*why = damaged;
		return -EINVAL;
	}
	tok = json_tokener_new();
	if (!tok)
		return -ENOMEM;
	o = json_tokener_parse_ex(tok, text, (int)strlen(text));
	if (!o || json_tokener_get_error(tok) != json_tokener_success ||
			tok->char_offset != (int)strlen(text)) {
		/* trailing whitespace is fine, anything else is damage */
		const char *rest = text + (o ? tok->char_offset : 0);

		while (o &&
				(*rest == ' ' || *rest == '\n' ||
						*rest == '\t' || *rest == '\r'))
			rest++;
		if (!o || *rest) {
			*why = "not valid JSON (truncated or damaged)";
			goto out;
		}
	}
	if (!json_object_is_type(o, json_type_object)) {
		*why = "not a JSON object";
		goto out;
	}
	if (dp_json_get_int(o, "version", &got, why))
		goto out;
	if (got != version) {
		*why = "unknown version";
		goto out;
	}
	*out = o;
	o = NULL;
	rc = 0;
out:
	if (o)
		json_object_put(o);
	json_tokener_free(tok);
	return rc;
}

int dp_record_decode(
		const char *text, struct daxpool_record *rec, const char **why)
{
	struct json_object *o;
	const char *dummy;
	char type[16], mode[8], intent[16];
	int64_t size, align, created, conflict = 0;
	struct json_object *v;
	unsigned int m;
	int rc;

	if (!why)
		why = &dummy;
	memset(rec, 0, sizeof(*rec));
	rc = dp_json_flat_parse(text, RECORD_VERSION, &o, why);
	if (rc)
		return rc;
	rc = -EINVAL;
	if (dp_json_get_str(o, "name", rec->name, sizeof(rec->name), true,
			    why) ||
			dp_json_get_str(o, "uuid", rec->uuid, sizeof(rec->uuid),
					true, why) ||
			dp_json_get_str(o, "type", type, sizeof(type), true,
					why) ||
			dp_json_get_str(o, "owner", rec->owner,
					sizeof(rec->owner), true, why) ||
			dp_json_get_str(o, "group", rec->group,
					sizeof(rec->group), true, why) ||
			dp_json_get_str(o, "mode", mode, sizeof(mode), true,
					why) ||
			dp_json_get_str(o, "region", rec->region,
					sizeof(rec->region), false, why) ||
			dp_json_get_str(o, "intent", intent, sizeof(intent),
					false, why) ||
			dp_json_get_str(o, "ranges", rec->ranges,
					sizeof(rec->ranges), false, why) ||
			dp_json_get_str(o, "region_range", rec->region_range,
					sizeof(rec->region_range), false,
					why) ||
			dp_json_get_str(o, "cxl", rec->cxl, sizeof(rec->cxl),
					false, why) ||
			dp_json_get_int(o, "size", &size, why) ||
			dp_json_get_int(o, "align", &align, why) ||
			dp_json_get_int(o, "created", &created, why))
		goto out;
	if (json_object_object_get_ex(o, "conflict", &v) &&
			(dp_json_get_int(o, "conflict", &conflict, why) ||
					(conflict != 0 && conflict != 1))) {
		*why = "conflict must be 0 or 1";
		goto out;
	}
	rec->conflict = conflict == 1;
	if (daxpool_name_check(rec->name, NULL)) {
		*why = "invalid pool name";
		goto out;
	}
	if (!daxpool_is_uuid(rec->uuid) ||
			(rec->cxl[0] && !daxpool_is_uuid(rec->cxl))) {
		*why = "invalid uuid";
		goto out;
	}
	rec->type = dp_type_parse(type);
	if (!rec->type) {
		*why = "unknown pool type";
		goto out;
	}
	if (size <= 0 ||
			(align != (int64_t)SZ_4K && align != (int64_t)SZ_2M &&
					align != (int64_t)SZ_1G)) {
		*why = "invalid size or align";
		goto out;
	}
	if (daxpool_parse_mode(mode, &m)) {
		*why = "invalid mode";
		goto out;
	}
	if (!rec->owner[0] || !rec->group[0]) {
		*why = "empty owner or group";
		goto out;
	}
	if (dp_intent_parse(intent, &rec->intent)) {
		*why = "unknown intent";
		goto out;
	}
	rec->size = (uint64_t)size;
	rec->align = (uint64_t)align;
	rec->mode = m;
	rec->created = created;
	rc = 0;
out:
	json_object_put(o);
	return rc;
}

int dp_record_path(const char *confdir, const char *uuid, char *buf, size_t len)
{
	if ((size_t)snprintf(buf, len, "%s/pools/%s.json", confdir, uuid) >=
			len)
		return -ENAMETOOLONG;
	return 0;
}

int dp_read_small_file(const char *path, char **text, const char **why)
{
	char *buf;
	ssize_t n;
	size_t off = 0;
	int fd, rc;

	*text = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		*why = strerror(errno);
		return -errno;
	}
	buf = malloc(RECORD_MAX + 1);
	if (!buf) {
		close(fd);
		*why = "out of memory";
		return -ENOMEM;
	}
	while ((n = read(fd, buf + off, RECORD_MAX - off)) > 0)
		off += (size_t)n;
	rc = n < 0 ? -errno : 0;
	close(fd);
	if (rc) {
		*why = strerror(-rc);
	} else if (off >= RECORD_MAX) {
		*why = "file too large";
		rc = -EFBIG;
	} else {
		buf[off] = '\0';
		if (memchr(buf, '\0', off)) {
			*why = "file holds NUL bytes";
			rc = -EINVAL;
		}
	}
	if (rc)
		free(buf);
	else
		*text = buf;
	return rc;
}

int dp_registry_read_file(
		const char *path, struct daxpool_record *rec, const char **why)
{
	char *text;
	int rc = dp_read_small_file(path, &text, why);

	if (!rc)
		rc = dp_record_decode(text, rec, why);
	free(text);
	return rc;
}
