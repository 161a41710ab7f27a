// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The open-by-name hint (hint.h): where the last map_open found its pool.
 * The record the hint was made from is held open: a rename, chown, chmod
 * or destroy replaces or removes the file (link count 0), and an edit in
 * place changes its mtime, so fstat of it is the cheapest proof there is.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/hint.h"
#include "store/registry.h"

static int64_t mtime_ns(const struct stat *st)
{
	return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

void dp_hint_init(struct dp_open_hint *h)
{
	memset(h, 0, sizeof(*h));
	h->sysfs_fd = h->rec_fd = -1;
}

void dp_hint_reset(struct dp_open_hint *h)
{
	if (h->sysfs_fd >= 0)
		close(h->sysfs_fd);
	if (h->rec_fd >= 0)
		close(h->rec_fd);
	dp_hint_init(h);
}

static bool keep_record(
		struct dp_open_hint *h, const char *confdir, const char *uuid)
{
	char path[512];
	struct stat st;

	if (dp_record_path(confdir, uuid, path, sizeof(path)))
		return false;
	h->rec_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (h->rec_fd < 0 || fstat(h->rec_fd, &st) < 0)
		return false;
	h->rec_mtime_ns = mtime_ns(&st);
	return true;
}

bool dp_hint_set(struct dp_open_hint *h, const char *confdir,
		const struct daxpool_record *rec, const char *chardev,
		uint64_t size)
{
	dp_hint_reset(h);
	if (!keep_record(h, confdir, rec->uuid)) {
		dp_hint_reset(h);
		return false;
	}
	snprintf(h->name, sizeof(h->name), "%s", rec->name);
	snprintf(h->uuid, sizeof(h->uuid), "%s", rec->uuid);
	snprintf(h->chardev, sizeof(h->chardev), "%s", chardev);
	snprintf(h->ranges, sizeof(h->ranges), "%s", rec->ranges);
	h->size = size;
	h->align = rec->align;
	return true;
}

bool dp_hint_matches(const struct dp_open_hint *h, const char *id)
{
	struct stat st;

	if (!h->uuid[0] || h->rec_fd < 0 ||
			(strcmp(h->name, id) != 0 &&
					strcasecmp(h->uuid, id) != 0))
		return false;
	return fstat(h->rec_fd, &st) == 0 && st.st_nlink > 0 &&
			mtime_ns(&st) == h->rec_mtime_ns;
}

void dp_hint_device(struct dp_open_hint *h, int sysfs_fd, dev_t rdev)
{
	if (h->sysfs_fd >= 0 && h->sysfs_fd != sysfs_fd)
		close(h->sysfs_fd);
	h->sysfs_fd = sysfs_fd;
	h->rdev = rdev;
}
