// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Open by name in constant time: udev's /dev/daxpool/NAME link names the
 * device, the device says which pool it can be (identify.c: a namespace
 * uuid; for a ram device the uuid udev noted for it), and that pool's
 * record is read by its uuid. Nothing is enumerated, so the cost does not
 * grow with the number of pools.
 *
 * The link is only a lead. map.c still proves the opened node is the pool
 * (node_is_pool), and a link that is missing, late (a rename's change
 * event not yet run) or names another pool sends map.c to the full
 * lookup, which is what decides "no such pool" and "being changed".
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "util/identify.h"
#include "open/lookup-link.h"
#include "guard/quiesce.h"
#include "store/registry.h"

/* what udev stored for the device (the helper's DAXPOOL_UUID): the lead
 * for a ram device, whose ranges only root may read */
static bool udev_noted_uuid(dev_t rdev, char uuid[37])
{
	static const char key[] = "E:DAXPOOL_UUID=";
	char path[64], line[128];
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/run/udev/data/c%u:%u", major(rdev),
			minor(rdev));
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, key, sizeof(key) - 1) == 0 &&
				daxpool_is_uuid(line + sizeof(key) - 1)) {
			memcpy(uuid, line + sizeof(key) - 1, 36);
			uuid[36] = '\0';
			found = true;
		}
	}
	fclose(f);
	return found;
}

/* the record of UUID, its file kept open (*FD) for the hint */
static bool read_record(struct daxpool_ctx *ctx, const char *uuid,
		struct daxpool_record *rec, int *fd, struct stat *st)
{
	char path[512];
	const char *why;

	if (dp_record_path(ctx->confdir, uuid, path, sizeof(path)) ||
			dp_registry_read_held(path, rec, fd, st, &why))
		return false;
	if (strcasecmp(rec->uuid, uuid) != 0) {
		close(*fd);
		*fd = -1;
		return false;
	}
	return true;
}

int dp_lookup_link(struct daxpool_ctx *ctx, const char *id)
{
	struct daxpool_record rec;
	struct dp_identity ident;
	struct stat st, rec_st;
	char path[64 + DAXPOOL_NAME_MAX], num[32], uuid[37];
	bool by_uuid = daxpool_is_uuid(id);
	uint64_t size = 0;
	int sysfs_fd, rec_fd = -1;

	/* by uuid: its record first, then the link of the name it gives */
	if (by_uuid && !read_record(ctx, id, &rec, &rec_fd, &rec_st))
		return -1;
	snprintf(path, sizeof(path), "/dev/daxpool/%s",
			by_uuid ? rec.name : id);
	if (stat(path, &st) < 0 || !S_ISCHR(st.st_mode))
		goto fail_rec;
	snprintf(path, sizeof(path), "/sys/dev/char/%u:%u", major(st.st_rdev),
			minor(st.st_rdev));
	/* held before it is read: a device that goes meanwhile leaves it
	 * stale, and map.c then looks again the slow way */
	sysfs_fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (sysfs_fd < 0)
		goto fail_rec;
	if (dp_identify(path, &ident) < 0)
		goto fail;
	if (ident.uuid[0])
		snprintf(uuid, sizeof(uuid), "%s", ident.uuid);
	else if (!udev_noted_uuid(st.st_rdev, uuid))
		goto fail;
	if (by_uuid ? strcasecmp(uuid, id) != 0 :
		      !read_record(ctx, uuid, &rec, &rec_fd, &rec_st))
		goto fail;
	/* what the full lookup would call busy, held or another pool's */
	if (rec.type != ident.type || rec.intent != DP_INTENT_NONE ||
			rec.conflict || dp_quiesce_marked(rec.uuid) ||
			(!by_uuid && strcmp(rec.name, id) != 0))
		goto fail;
	/*
	 * The dax device's usable size: a namespace's device keeps its
	 * directory, and map.c reads it there after the open, as the proof
	 * that the device opened is still this one. A ram device's directory
	 * is not kept: read it now.
	 */
	if (!ident.uuid[0]) {
		if (!dp_read_line_at(sysfs_fd, "size", num, sizeof(num)))
			goto fail;
		size = strtoull(num, NULL, 0);
	}
	/* the hint takes the record's file */
	dp_hint_set(&ctx->hint, &rec, ident.devname, size, rec_fd, &rec_st);
	/*
	 * A namespace's uuid identified it: map.c need only see that the
	 * device is still there. udev's note on a ram device is only a lead:
	 * map.c proves that one with its ranges, or root's binding note.
	 */
	if (ident.uuid[0]) {
		dp_hint_device(&ctx->hint, sysfs_fd, st.st_rdev);
	} else {
		close(sysfs_fd);
	}
	return 0;
fail:
	close(sysfs_fd);
fail_rec:
	if (rec_fd >= 0)
		close(rec_fd);
	return -1;
}
