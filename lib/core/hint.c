// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The open-by-name hint (hint.h): where the last map_open found its pool.
 * The record the hint was made from is held open: a rename, chown, chmod
 * or destroy replaces or removes the file (link count 0), and an edit in
 * place changes its mtime, so fstat of it proves the record unchanged.
 * Cheaper still is the registry's change counter (store/generation.h):
 * once fstat has proven the record at a count, the same count later
 * proves it again in one memory read.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/hint.h"
#include "store/generation.h"
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
	const uint64_t *gen = h->gen;
	bool tried = h->gen_tried;

	if (h->sysfs_fd >= 0)
		close(h->sysfs_fd);
	if (h->rec_fd >= 0)
		close(h->rec_fd);
	dp_hint_init(h);
	h->gen = gen;
	h->gen_tried = tried;
}

void dp_hint_free(struct dp_open_hint *h)
{
	dp_hint_reset(h);
	dp_generation_unmap(h->gen);
	dp_hint_init(h);
}

void dp_hint_set(struct dp_open_hint *h, const struct daxpool_record *rec,
		const char *chardev, uint64_t size, int rec_fd,
		const struct stat *rec_st)
{
	dp_hint_reset(h);
	h->rec_fd = rec_fd;
	h->rec_mtime_ns = mtime_ns(rec_st);
	snprintf(h->name, sizeof(h->name), "%s", rec->name);
	snprintf(h->uuid, sizeof(h->uuid), "%s", rec->uuid);
	snprintf(h->chardev, sizeof(h->chardev), "%s", chardev);
	snprintf(h->ranges, sizeof(h->ranges), "%s", rec->ranges);
	h->size = size;
	h->align = rec->align;
}

bool dp_hint_matches(struct dp_open_hint *h, const char *confdir,
		const char *id, bool *by_count)
{
	struct stat st;
	uint64_t count = 0;

	*by_count = false;
	if (!h->uuid[0] || h->rec_fd < 0 ||
			(strcmp(h->name, id) != 0 &&
					strcasecmp(h->uuid, id) != 0))
		return false;
	/* every 32nd open the record proves it anyway: a counter frozen by
	 * hand (its file removed) is trusted for a few opens, not for good */
	if (h->gen_valid &&
			__atomic_load_n(h->gen, __ATOMIC_ACQUIRE) ==
					h->gen_seen &&
			++h->counted % 32 != 0) {
		*by_count = true;
		return true;
	}
	/* mapped on the second open: a process that opens once pays nothing */
	if (!h->gen_tried) {
		h->gen = dp_generation_map(confdir);
		h->gen_tried = true;
	}
	/* the count before the proof: a change after it moves the count */
	if (h->gen)
		count = __atomic_load_n(h->gen, __ATOMIC_ACQUIRE);
	if (fstat(h->rec_fd, &st) < 0 || st.st_nlink == 0 ||
			mtime_ns(&st) != h->rec_mtime_ns)
		return false;
	h->gen_seen = count;
	h->gen_valid = h->gen != NULL;
	return true;
}

void dp_hint_device(struct dp_open_hint *h, int sysfs_fd, dev_t rdev)
{
	/* the size was that device's: a device that replaced it (root
	 * re-made the namespace by hand) may have another */
	if (h->sysfs_fd >= 0 && h->sysfs_fd != sysfs_fd) {
		close(h->sysfs_fd);
		h->size = 0;
	}
	h->sysfs_fd = sysfs_fd;
	h->rdev = rdev;
}
