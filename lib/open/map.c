// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Open by name: what applications call, as ordinary users. Everything it
 * reads (registry, sysfs) is world-readable; the kernel enforces the
 * device's mode at open(). The shared lock tells destroy the pool is in use.
 *
 * Opening must cost about what open+mmap of the device costs, whatever the
 * number of pools: the first open follows the pool's /dev/daxpool link
 * (lookup-link.c) and enumerates nothing; a context then remembers where
 * the pool was and only re-proves it: the registry record is the same
 * file, and the device opened carries the pool's uuid.
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
#include "util/identify.h"
#include "open/lookup-link.h"
#include "guard/quiesce.h"
#include "store/registry.h"

struct daxpool_map {
	struct daxpool_ctx *ctx;
	/* 1 for the open, 1 for each long-term pin (daxpool_map_pin) */
	int refs;
	void *addr;
	void *resv;
	size_t resv_len;
	size_t size;
	size_t align;
	int fd;
	char name[DAXPOOL_NAME_MAX + 1];
	char uuid[37];
};

/*
 * The device of the held sysfs directory is still there (a removed
 * device's directory has no attributes). A size not read yet is read
 * here, after the open: the read is then the proof.
 */
static bool device_lives(struct dp_open_hint *h)
{
	struct stat st;
	char num[32];

	if (h->size)
		return fstatat(h->sysfs_fd, "size", &st, 0) == 0;
	if (!dp_read_line_at(h->sysfs_fd, "size", num, sizeof(num)))
		return false;
	h->size = strtoull(num, NULL, 0);
	return h->size > 0;
}

/*
 * Is the open node the pool's device? identify.c says which pool the
 * node's sysfs device can be (a pmem namespace's uuid, a ram device's
 * ranges). On the first open the directory is also kept open; later opens
 * only check that it still exists and owns the node. BY_COUNT (no record
 * changed since the hint was last proven) spares the node's fstat: while
 * the device lives its node's name leads to it alone, unless root replaced
 * the node by hand.
 */
static bool node_is_pool(struct daxpool_ctx *ctx, int fd, bool by_count)
{
	struct dp_identity id;
	char path[64];
	struct stat st;

	if (by_count && ctx->hint.sysfs_fd >= 0 && ctx->hint.size &&
			device_lives(&ctx->hint))
		return true;
	if (fstat(fd, &st) < 0 || !S_ISCHR(st.st_mode))
		return false;
	if (ctx->hint.sysfs_fd >= 0) {
		if (st.st_rdev == ctx->hint.rdev && device_lives(&ctx->hint))
			return true;
		dp_hint_device(&ctx->hint, -1, 0);
	}
	snprintf(path, sizeof(path), "/sys/dev/char/%u:%u", major(st.st_rdev),
			minor(st.st_rdev));
	if (dp_identify(path, &id) < 0)
		return false;
	if (id.uuid[0]) {
		if (strcasecmp(id.uuid, ctx->hint.uuid) != 0)
			return false;
	} else if (id.ranges[0]) {
		if (!ctx->hint.ranges[0] ||
				strcmp(id.ranges, ctx->hint.ranges) != 0)
			return false;
	} else {
		/* its ranges are root's to read: root's note of its device */
		char name[64];
		dev_t rdev;

		if (dp_ram_binding_read(ctx->hint.uuid, name, sizeof(name),
				    &rdev) ||
				rdev != st.st_rdev)
			return false;
	}
	dp_hint_device(&ctx->hint, open(path, O_PATH | O_DIRECTORY | O_CLOEXEC),
			st.st_rdev);
	return ctx->hint.size ||
			(ctx->hint.sysfs_fd >= 0 && device_lives(&ctx->hint));
}

/* EBUSY: a destroy or rename holds the pool for a moment */
static int fail_changing(struct daxpool_ctx *ctx, const char *name)
{
	return dp_fail(ctx, EBUSY, "pool '%s' is being changed", name);
}

/* the slow way: registry and kernel, as daxpool list sees them */
static int lookup(struct daxpool_ctx *ctx, const char *id)
{
	struct daxpool_record now;
	struct daxpool_pool *pool;
	const char *why;
	char path[512];
	struct stat st;
	int rc, fd = -1;

	dp_hint_reset(&ctx->hint);
	daxpool_invalidate(ctx);
	rc = daxpool_pool_find(ctx, id, &pool);
	if (rc)
		return dp_fail(ctx, -rc,
				rc == -EINVAL ? "invalid pool name" :
						"no such pool");
	if (pool->state != DAXPOOL_STATE_ACTIVE || !pool->chardev[0]) {
		/* on its way out (or to a new label): busy, not absent */
		bool going = pool->rec.intent == DP_INTENT_DESTROY;

		if (going || dp_quiesce_marked(pool->rec.uuid))
			return fail_changing(ctx, id);
		return dp_fail(ctx, ENOENT, "pool '%s' is %s", id,
				daxpool_state_name(pool->state));
	}
	/* the hint holds the record it was made from: read it once more,
	 * held, and see that a rename did not come in between */
	if (dp_record_path(ctx->confdir, pool->rec.uuid, path, sizeof(path)) ||
			dp_registry_read_held(path, &now, &fd, &st, &why))
		return dp_fail(ctx, ENOENT, "pool '%s' has no registry record",
				id);
	if (strcmp(now.name, pool->rec.name) != 0 ||
			strcasecmp(now.uuid, pool->rec.uuid) != 0) {
		close(fd);
		return dp_fail(ctx, ENOENT,
				"pool '%s' changed while opening it", id);
	}
	dp_hint_set(&ctx->hint, &now, pool->chardev, pool->dev_size, fd, &st);
	daxpool_invalidate(ctx);
	return 0;
}

/* open the remembered device and prove it is the pool; -ESTALE if not */
static int open_device(struct daxpool_ctx *ctx, int flags, bool by_count)
{
	char dev[96];
	int fd, e;

	snprintf(dev, sizeof(dev), "/dev/%s", ctx->hint.chardev);
	fd = open(dev, flags | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		if (e == ENOENT || e == ENXIO || e == ENODEV)
			return -ESTALE;
		/* a destroy or rename has closed the node for a moment */
		if (e == EACCES && dp_quiesce_marked(ctx->hint.uuid))
			return fail_changing(ctx, ctx->hint.name);
		return dp_fail(ctx, e, "cannot open %s: %s", dev, strerror(e));
	}
	if (!node_is_pool(ctx, fd, by_count)) {
		close(fd);
		return -ESTALE;
	}
	return fd;
}

static struct daxpool_map *map_open(
		struct daxpool_ctx *ctx, const char *name, int flags)
{
	struct daxpool_map *map;
	int prot, e, fd = -ESTALE;
	bool by_count;

	if (!ctx || !name || (flags != O_RDWR && flags != O_RDONLY)) {
		errno = EINVAL;
		return NULL;
	}
	dp_clear_error(ctx);
	if (!daxpool_is_uuid(name) && daxpool_name_check(name, NULL)) {
		dp_fail(ctx, EINVAL, "invalid pool name");
		errno = EINVAL;
		return NULL;
	}
	if (dp_hint_matches(&ctx->hint, ctx->confdir, name, &by_count))
		fd = open_device(ctx, flags, by_count);
	/* first use, or the pool changed: its link leads to it directly */
	if (fd == -ESTALE && !ctx->error[0] && dp_lookup_link(ctx, name) == 0)
		fd = open_device(ctx, flags, false);
	if (fd < 0 && fd != -ESTALE && ctx->error[0]) {
		errno = -fd;
		return NULL;
	}
	if (fd < 0) {
		/* no link, or not this pool's: the full lookup, and once more */
		e = lookup(ctx, name);
		if (e == 0) {
			fd = open_device(ctx, flags, false);
			if (fd == -ESTALE)
				fd = dp_fail(ctx, ENOENT,
						"the device of pool '%s' changed while opening it",
						name);
		} else {
			fd = e;
		}
		if (fd < 0) {
			errno = -fd;
			return NULL;
		}
	}
	map = calloc(1, sizeof(*map));
	if (!map) {
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	map->ctx = daxpool_ref(ctx);
	map->refs = 1;
	map->fd = fd;
	map->size = (size_t)ctx->hint.size;
	map->align = (size_t)ctx->hint.align;
	snprintf(map->name, sizeof(map->name), "%s", ctx->hint.name);
	snprintf(map->uuid, sizeof(map->uuid), "%s", ctx->hint.uuid);
	/*
	 * The shared lock only lets a destroy find library users quickly; the
	 * /proc scan and the kernel's page count decide. Anyone who can open
	 * the node can also lock it exclusively, so a lock held elsewhere means
	 * "being changed" only when daxpool's own marker says so.
	 */
	if (flock(fd, LOCK_SH | LOCK_NB) < 0) {
		e = errno;
		if (e == EWOULDBLOCK && dp_quiesce_marked(map->uuid)) {
			e = EBUSY;
			fail_changing(ctx, name);
			goto fail;
		}
		if (e != EWOULDBLOCK) {
			dp_fail(ctx, e, "cannot lock pool '%s': %s", name,
					strerror(e));
			goto fail;
		}
	}
	prot = PROT_READ | (flags == O_RDWR ? PROT_WRITE : 0);
	map->addr = dp_map_aligned(fd, map->size, map->align, prot, &map->resv,
			&map->resv_len);
	if (!map->addr) {
		e = errno;
		dp_fail(ctx, e, "cannot map pool '%s': %s", name, strerror(e));
		goto fail;
	}
	return map;
fail:
	close(fd);
	daxpool_unref(map->ctx);
	free(map);
	errno = e;
	return NULL;
}

DAXPOOL_EXPORT struct daxpool_map *daxpool_map_open(
		struct daxpool_ctx *ctx, const char *name, int flags)
{
	struct daxpool_map *map;
	int e;

	if (!ctx) {
		errno = EINVAL;
		return NULL;
	}
	pthread_mutex_lock(&ctx->lock);
	map = map_open(ctx, name, flags);
	e = errno;
	pthread_mutex_unlock(&ctx->lock);
	errno = e;
	return map;
}

DAXPOOL_EXPORT void *daxpool_map_get_addr(struct daxpool_map *m)
{
	return m->addr;
}
DAXPOOL_EXPORT size_t daxpool_map_get_size(struct daxpool_map *m)
{
	return m->size;
}
DAXPOOL_EXPORT size_t daxpool_map_get_align(struct daxpool_map *m)
{
	return m->align;
}
DAXPOOL_EXPORT int daxpool_map_get_fd(struct daxpool_map *m)
{
	return m->fd;
}
DAXPOOL_EXPORT const char *daxpool_map_get_name(struct daxpool_map *m)
{
	return m->name;
}
DAXPOOL_EXPORT const char *daxpool_map_get_uuid(struct daxpool_map *m)
{
	return m->uuid;
}

static void map_free(struct daxpool_map *map)
{
	if (map->fd >= 0)
		close(map->fd);
	daxpool_unref(map->ctx);
	free(map);
}

DAXPOOL_EXPORT void daxpool_map_pin(struct daxpool_map *map)
{
	if (map)
		__atomic_add_fetch(&map->refs, 1, __ATOMIC_ACQ_REL);
}

DAXPOOL_EXPORT void daxpool_map_unpin(struct daxpool_map *map)
{
	if (map && __atomic_sub_fetch(&map->refs, 1, __ATOMIC_ACQ_REL) == 0)
		map_free(map);
}

/*
 * The mapping goes; the hold on the pool (the fd and its shared lock) stays
 * while a long-term pin may still reach the pool's pages: destroying the
 * pool under a pin frees memory a NIC can still write. A process that has
 * nothing pinned at all (VmPin 0) holds nothing, whatever we counted: its
 * registrations were released behind our back (plain ibv_dereg_mr), so
 * the map goes whole. (Not to be raced with daxpool_map_unpin of the same
 * map from another thread.)
 */
DAXPOOL_EXPORT void daxpool_map_close(struct daxpool_map *map)
{
	if (!map)
		return;
	munmap(map->resv, map->resv_len);
	map->addr = NULL;
	if (__atomic_load_n(&map->refs, __ATOMIC_ACQUIRE) > 1 &&
			dp_proc_status_num(0, "VmPin") == 0)
		__atomic_store_n(&map->refs, 1, __ATOMIC_RELEASE);
	daxpool_map_unpin(map);
}
