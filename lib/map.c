// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Open by name: what applications call, as ordinary users. Everything it
 * reads (registry, sysfs) is world-readable; the kernel enforces the
 * device's mode at open(). The shared lock tells destroy the pool is in use.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "private.h"

struct daxpool_map {
	struct daxpool_ctx *ctx;
	void *addr;
	size_t size;
	size_t align;
	int fd;
	char name[DAXPOOL_NAME_MAX + 1];
	char uuid[37];
};

/* the node we opened must be the pool's device, not whatever a stale name points at */
static int check_node(int fd, const char *chardev)
{
	char path[128], buf[32];
	unsigned int maj, min;
	struct stat st;
	FILE *f;
	int n;

	if (fstat(fd, &st) < 0 || !S_ISCHR(st.st_mode))
		return -ENODEV;
	snprintf(path, sizeof(path), "/sys/bus/dax/devices/%s/dev", chardev);
	f = fopen(path, "re");
	if (!f)
		return -ENODEV;
	n = fgets(buf, sizeof(buf), f) ? sscanf(buf, "%u:%u", &maj, &min) : 0;
	fclose(f);
	if (n != 2 || major(st.st_rdev) != maj || minor(st.st_rdev) != min)
		return -ENODEV;
	return 0;
}

DAXPOOL_EXPORT struct daxpool_map *daxpool_map_open(struct daxpool_ctx *ctx,
		const char *name, int flags)
{
	struct daxpool_pool *pool;
	struct daxpool_map *map;
	char dev[96];
	int prot, e;

	if (!ctx || !name || (flags != O_RDWR && flags != O_RDONLY)) {
		errno = EINVAL;
		return NULL;
	}
	dp_clear_error(ctx);
	daxpool_invalidate(ctx);
	pool = daxpool_pool_find(ctx, name);
	if (!pool) {
		e = errno;
		dp_fail(ctx, e, e == EINVAL ? "invalid pool name" : "no such pool");
		errno = e;
		return NULL;
	}
	if (strcmp(pool->state, "active") != 0 || !pool->chardev[0]) {
		dp_fail(ctx, ENOENT, "pool '%s' is %s", name, pool->state);
		errno = ENOENT;
		return NULL;
	}
	map = calloc(1, sizeof(*map));
	if (!map) {
		errno = ENOMEM;
		return NULL;
	}
	map->ctx = daxpool_ref(ctx);
	map->size = (size_t)pool->dev_size;
	map->align = (size_t)pool->rec.align;
	snprintf(map->name, sizeof(map->name), "%s", pool->rec.name);
	snprintf(map->uuid, sizeof(map->uuid), "%s", pool->rec.uuid);
	snprintf(dev, sizeof(dev), "/dev/%s", pool->chardev);
	map->fd = open(dev, flags | O_CLOEXEC);
	if (map->fd < 0) {
		e = errno;
		dp_fail(ctx, e, "cannot open %s: %s", dev, strerror(e));
		goto fail;
	}
	if (check_node(map->fd, pool->chardev)) {
		e = ENOENT;
		dp_fail(ctx, e, "%s is not the device of pool '%s'", dev, name);
		goto fail;
	}
	if (flock(map->fd, LOCK_SH | LOCK_NB) < 0) {
		e = errno == EWOULDBLOCK ? EBUSY : errno;
		dp_fail(ctx, e, "pool '%s' is being changed", name);
		goto fail;
	}
	prot = PROT_READ | (flags == O_RDWR ? PROT_WRITE : 0);
	map->addr = dp_map_aligned(map->fd, map->size, map->align, prot);
	if (!map->addr) {
		e = errno;
		dp_fail(ctx, e, "cannot map %s: %s", dev, strerror(e));
		goto fail;
	}
	return map;
fail:
	if (map->fd >= 0)
		close(map->fd);
	daxpool_unref(map->ctx);
	free(map);
	errno = e;
	return NULL;
}

DAXPOOL_EXPORT void *daxpool_map_get_addr(struct daxpool_map *m) { return m->addr; }
DAXPOOL_EXPORT size_t daxpool_map_get_size(struct daxpool_map *m) { return m->size; }
DAXPOOL_EXPORT size_t daxpool_map_get_align(struct daxpool_map *m) { return m->align; }
DAXPOOL_EXPORT int daxpool_map_get_fd(struct daxpool_map *m) { return m->fd; }
DAXPOOL_EXPORT const char *daxpool_map_get_name(struct daxpool_map *m) { return m->name; }
DAXPOOL_EXPORT const char *daxpool_map_get_uuid(struct daxpool_map *m) { return m->uuid; }

DAXPOOL_EXPORT void daxpool_map_close(struct daxpool_map *map)
{
	if (!map)
		return;
	munmap(map->addr, map->size);
	close(map->fd);
	daxpool_unref(map->ctx);
	free(map);
}
