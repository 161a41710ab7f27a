// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A registry record read from its JSON text, and one file of it. Pure,
 * read-only and free of json-c (the strict reader of json-flat.c), so the
 * udev helper links just this, json-flat.c and the parsers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "store/json-flat.h"
#include "store/registry.h"

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

int dp_record_decode(
		const char *text, struct daxpool_record *rec, const char **why)
{
	struct dp_flat f;
	const char *dummy;
	char type[16], mode[8], intent[16];
	int64_t size, align, created, conflict = 0;
	unsigned int m;

	if (!why)
		why = &dummy;
	memset(rec, 0, sizeof(*rec));
	if (dp_flat_parse(text, DP_RECORD_VERSION, &f, why))
		return -EINVAL;
	if (dp_flat_str(&f, "name", rec->name, sizeof(rec->name), true, why) ||
			dp_flat_str(&f, "uuid", rec->uuid, sizeof(rec->uuid),
					true, why) ||
			dp_flat_str(&f, "type", type, sizeof(type), true,
					why) ||
			dp_flat_str(&f, "owner", rec->owner, sizeof(rec->owner),
					true, why) ||
			dp_flat_str(&f, "group", rec->group, sizeof(rec->group),
					true, why) ||
			dp_flat_str(&f, "mode", mode, sizeof(mode), true,
					why) ||
			dp_flat_str(&f, "region", rec->region,
					sizeof(rec->region), false, why) ||
			dp_flat_str(&f, "intent", intent, sizeof(intent), false,
					why) ||
			dp_flat_str(&f, "ranges", rec->ranges,
					sizeof(rec->ranges), false, why) ||
			dp_flat_str(&f, "region_range", rec->region_range,
					sizeof(rec->region_range), false,
					why) ||
			dp_flat_str(&f, "cxl", rec->cxl, sizeof(rec->cxl),
					false, why) ||
			dp_flat_int(&f, "size", &size, why) ||
			dp_flat_int(&f, "align", &align, why) ||
			dp_flat_int(&f, "created", &created, why))
		return -EINVAL;
	if (dp_flat_has(&f, "conflict") &&
			(dp_flat_int(&f, "conflict", &conflict, why) ||
					(conflict != 0 && conflict != 1))) {
		*why = "conflict must be 0 or 1";
		return -EINVAL;
	}
	rec->conflict = conflict == 1;
	if (daxpool_name_check(rec->name, NULL)) {
		*why = "invalid pool name";
		return -EINVAL;
	}
	if (!daxpool_is_uuid(rec->uuid) ||
			(rec->cxl[0] && !daxpool_is_uuid(rec->cxl))) {
		*why = "invalid uuid";
		return -EINVAL;
	}
	rec->type = dp_type_parse(type);
	if (!rec->type) {
		*why = "unknown pool type";
		return -EINVAL;
	}
	if (size <= 0 ||
			(align != (int64_t)SZ_4K && align != (int64_t)SZ_2M &&
					align != (int64_t)SZ_1G)) {
		*why = "invalid size or align";
		return -EINVAL;
	}
	if (daxpool_parse_mode(mode, &m)) {
		*why = "invalid mode";
		return -EINVAL;
	}
	if (!rec->owner[0] || !rec->group[0]) {
		*why = "empty owner or group";
		return -EINVAL;
	}
	if (dp_intent_parse(intent, &rec->intent)) {
		*why = "unknown intent";
		return -EINVAL;
	}
	rec->size = (uint64_t)size;
	rec->align = (uint64_t)align;
	rec->mode = m;
	rec->created = created;
	return 0;
}

int dp_record_path(const char *confdir, const char *uuid, char *buf, size_t len)
{
	if ((size_t)snprintf(buf, len, "%s/pools/%s.json", confdir, uuid) >=
			len)
		return -ENAMETOOLONG;
	return 0;
}

/*
 * FD's text (ST: its fstat). A regular file's read that returns its size
 * is its end: one read, not a second one to see nothing more.
 */
static int read_small_fd(
		int fd, const struct stat *st, char **text, const char **why)
{
	size_t off = 0;
	char *buf;
	ssize_t n;

	*text = NULL;
	buf = malloc(RECORD_MAX + 1);
	if (!buf) {
		*why = "out of memory";
		return -ENOMEM;
	}
	while ((n = read(fd, buf + off, RECORD_MAX - off)) > 0) {
		off += (size_t)n;
		if (S_ISREG(st->st_mode) && off == (size_t)st->st_size)
			break;
	}
	if (n < 0) {
		*why = strerror(errno);
		free(buf);
		return -errno;
	}
	if (off >= RECORD_MAX) {
		*why = "file too large";
		free(buf);
		return -EFBIG;
	}
	buf[off] = '\0';
	if (memchr(buf, '\0', off)) {
		*why = "file holds NUL bytes";
		free(buf);
		return -EINVAL;
	}
	*text = buf;
	return 0;
}

/* PATH's text, and (HELD) the file kept open with its fstat */
static int read_small(const char *path, char **text, int *held, struct stat *st,
		const char **why)
{
	struct stat own;
	int fd, rc;

	*text = NULL;
	if (!st)
		st = &own;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		*why = strerror(errno);
		return -errno;
	}
	if (fstat(fd, st) < 0) {
		rc = -errno;
		*why = strerror(errno);
	} else {
		rc = read_small_fd(fd, st, text, why);
	}
	if (rc || !held)
		close(fd);
	else
		*held = fd;
	return rc;
}

int dp_read_small_file(const char *path, char **text, const char **why)
{
	return read_small(path, text, NULL, NULL, why);
}

int dp_registry_read_held(const char *path, struct daxpool_record *rec, int *fd,
		struct stat *st, const char **why)
{
	char *text;
	int rc = read_small(path, &text, fd, st, why);

	if (!rc) {
		rc = dp_record_decode(text, rec, why);
		if (rc) {
			close(*fd);
			*fd = -1;
		}
	}
	free(text);
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
