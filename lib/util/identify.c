// SPDX-License-Identifier: LGPL-2.1-or-later
/* device-dax device → the pool it can be: see identify.h */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <sys/sysmacros.h>
#include "util/identify.h"

bool dp_read_line_at(int dirfd, const char *path, char *buf, size_t len)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 || len < 2 ? -1 : read(fd, buf, len - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return buf[0];
}

bool dp_read_line(const char *path, char *buf, size_t len)
{
	return dp_read_line_at(AT_FDCWD, path, buf, len);
}

/*
 * realpath() of a sysfs device link, in one readlink: sysfs's links are
 * relative and lead through real directories only, so their ".." can be
 * walked as text. realpath would lstat every component (a dozen calls),
 * and open by name and coldplug run this for every device.
 */
static bool sysfs_realpath(const char *path, char *real, size_t len)
{
	char target[PATH_MAX], *seg, *save = NULL;
	size_t used;
	ssize_t n = readlink(path, target, sizeof(target) - 1);

	if (n <= 0 || target[0] == '/')
		return realpath(path, real) != NULL;
	target[n] = '\0';
	if (strlen(path) >= len)
		return false;
	/* start from the link's directory */
	snprintf(real, len, "%s", path);
	*strrchr(real, '/') = '\0';
	for (seg = strtok_r(target, "/", &save); seg;
			seg = strtok_r(NULL, "/", &save)) {
		used = strlen(real);
		if (strcmp(seg, "..") == 0) {
			char *slash = strrchr(real, '/');

			if (!slash || slash == real)
				return false;
			*slash = '\0';
		} else if (strcmp(seg, ".") != 0) {
			if (used + 1 + strlen(seg) >= len)
				return false;
			real[used] = '/';
			strcpy(real + used + 1, seg);
		}
	}
	return strncmp(real, "/sys/devices/", 13) == 0;
}

int dp_ranges_add(char *ranges, size_t len, unsigned long long start,
		unsigned long long end)
{
	size_t used = strlen(ranges);
	int n;

	n = snprintf(ranges + used, len - used, "%s0x%llx-0x%llx",
			used ? "," : "", start, end);
	return n < 0 || (size_t)n >= len - used ? -1 : 0;
}

/* a pmem pool's device: its parent is the nvdimm dax device of a namespace */
static bool pmem_uuid(const char *real, struct dp_identity *id)
{
	char path[PATH_MAX + 32], ns[64];
	const char *slash = strrchr(real, '/');

	if (!slash)
		return false;
	snprintf(path, sizeof(path), "%.*s/namespace", (int)(slash - real),
			real);
	if (!dp_read_line(path, ns, sizeof(ns)) || strchr(ns, '/') ||
			strncmp(ns, "namespace", 9) != 0)
		return false;
	snprintf(path, sizeof(path), "/sys/bus/nd/devices/%s/uuid", ns);
	if (dp_read_line(path, id->uuid, sizeof(id->uuid)) &&
			daxpool_is_uuid(id->uuid))
		return true;
	id->uuid[0] = '\0'; /* a uuid, or none: see identify.h */
	return false;
}

/* a dynamic region's device: its ranges, mapping0, mapping1, ... */
static bool ram_ranges(const char *real, struct dp_identity *id)
{
	char path[PATH_MAX + 64], a[32], b[32];
	int i;

	for (i = 0;; i++) {
		unsigned long long start, end;
		char *ea, *eb;

		snprintf(path, sizeof(path), "%s/mapping%d/start", real, i);
		if (!dp_read_line(path, a, sizeof(a)))
			break;
		snprintf(path, sizeof(path), "%s/mapping%d/end", real, i);
		if (!dp_read_line(path, b, sizeof(b)))
			return false;
		start = strtoull(a, &ea, 0);
		end = strtoull(b, &eb, 0);
		if (*ea || *eb || end < start ||
				dp_ranges_add(id->ranges, sizeof(id->ranges),
						start, end))
			return false;
	}
	return i > 0;
}

int dp_ram_binding_read(
		const char *uuid, char *chardev, size_t len, dev_t *rdev)
{
	char path[PATH_MAX], line[96], name[64];
	unsigned int maj, min;

	if (dp_run_path("ram", uuid, false, path, sizeof(path)) ||
			!dp_read_line(path, line, sizeof(line)) ||
			sscanf(line, "%63s %u:%u", name, &maj, &min) != 3 ||
			strncmp(name, "dax", 3) != 0 || strchr(name, '/') ||
			strlen(name) >= len)
		return -1;
	snprintf(chardev, len, "%s", name);
	*rdev = makedev(maj, min);
	return 0;
}

static bool access_mapping(const char *real)
{
	char path[PATH_MAX + 16];

	snprintf(path, sizeof(path), "%s/mapping0", real);
	return access(path, F_OK) == 0;
}

int dp_identify(const char *devdir, struct dp_identity *id)
{
	char real[PATH_MAX];
	const char *base;

	memset(id, 0, sizeof(*id));
	if (!sysfs_realpath(devdir, real, sizeof(real)))
		return -1;
	base = strrchr(real, '/') + 1;
	if (strlen(base) >= sizeof(id->devname))
		return -1;
	memcpy(id->devname, base, strlen(base) + 1);
	if (pmem_uuid(real, id)) {
		id->type = DAXPOOL_TYPE_PMEM;
		return 0;
	}
	/* ranges unreadable (not root): still a ram device, ranges unknown */
	if (ram_ranges(real, id) || access_mapping(real)) {
		id->type = DAXPOOL_TYPE_RAM;
		return 0;
	}
	memset(id, 0, sizeof(*id));
	return -1;
}
