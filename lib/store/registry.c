// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The registry: one JSON record per pool under CONFDIR/pools/UUID.json.
 * It lives in /etc because udev reads it at early boot; every update is
 * write-temp, fsync, rename, fsync-dir so a crash leaves old or new, never
 * half a file (a record that a durable copy elsewhere stands for skips
 * the last: dp_registry_write_unsynced).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/cut-point.h"
#include "store/generation.h"
#include "store/registry.h"

static int pools_dir(struct daxpool_ctx *ctx, char *buf, size_t len)
{
	if ((size_t)snprintf(buf, len, "%s/pools", ctx->confdir) >= len)
		return -ENAMETOOLONG;
	return 0;
}

/* a rename or unlink is durable only once its directory is synced */
static int sync_dir_of(struct daxpool_ctx *ctx, const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int e = 0;

	if (fd < 0 || fsync(fd) < 0)
		e = errno;
	if (fd >= 0)
		close(fd);
	if (e)
		return dp_fail(ctx, e, "cannot sync registry directory %s: %s",
				dir, strerror(e));
	return 0;
}

/* 0755 whatever root's umask: ordinary users must read the registry */
static int mkdir_public(const char *dir)
{
	if (mkdir(dir, 0755) == 0)
		return chmod(dir, 0755) < 0 ? -errno : 0;
	return errno == EEXIST ? 0 : -errno;
}

static int mkdir_p(const char *dir)
{
	char tmp[PATH_MAX];
	char *p;
	int rc;

	snprintf(tmp, sizeof(tmp), "%s", dir);
	for (p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		rc = mkdir_public(tmp);
		if (rc)
			return rc;
		*p = '/';
	}
	return mkdir_public(tmp);
}

/* the registry on a read-only root (an image, a stateless node) */
static int read_only(struct daxpool_ctx *ctx, const char *dir, const char *base)
{
	return dp_fail(ctx, EROFS,
			"%s is on a read-only file system: daxpool keeps the registry of pools there (udev reads it at boot); remount it read-write, or mount a writable file system on %s",
			dir, base);
}

/*
 * TEXT as BASE/SUB/NAME; SYNC_DIR: the rename made durable too; COUNT
 * (a pool's record): the change counter, bumped as soon as it is renamed
 */
static int put(struct daxpool_ctx *ctx, const char *base, const char *sub,
		const char *name, const char *text, bool sync_dir,
		uint64_t *count)
{
	char dir[PATH_MAX], path[PATH_MAX + 300], tmp[PATH_MAX + 300];
	size_t len = strlen(text), off = 0;
	int fd, rc;

	if ((size_t)snprintf(dir, sizeof(dir), "%s/%s", base, sub) >=
			sizeof(dir))
		return dp_fail(ctx, ENAMETOOLONG, "registry path too long");
	rc = mkdir_p(dir);
	if (rc == -EROFS)
		return read_only(ctx, dir, base);
	if (rc)
		return dp_fail(ctx, -rc,
				"cannot create registry directory %s: %s", dir,
				strerror(-rc));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	/* mkostemp's template: a hidden temp file beside the file */
	snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, name);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		rc = errno;
		if (rc == EROFS)
			return read_only(ctx, dir, base);
		return dp_fail(ctx, rc, "cannot write registry %s: %s", dir,
				strerror(rc));
	}
	/* the text, then its newline */
	while (off <= len) {
		ssize_t n = off < len ? write(fd, text + off, len - off) :
					write(fd, "\n", 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n < 0 ? errno : EIO;
			goto fail;
		}
		off += (size_t)n;
	}
	if (fchmod(fd, 0644) < 0 || fsync(fd) < 0) {
		rc = errno;
		goto fail;
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		rc = errno;
		unlink(tmp);
		return dp_fail(ctx, rc, "cannot commit registry file %s: %s",
				path, strerror(rc));
	}
	dp_generation_bump(count);
	return sync_dir ? sync_dir_of(ctx, dir) : 0;
fail:
	close(fd);
	unlink(tmp);
	return dp_fail(ctx, rc, "cannot write registry file %s: %s", path,
			strerror(rc));
}

int dp_registry_put(struct daxpool_ctx *ctx, const char *base, const char *sub,
		const char *name, const char *text)
{
	return put(ctx, base, sub, name, text, true, NULL);
}

/* BASE/SUB/NAME removed; COUNT as for put */
static int unput(struct daxpool_ctx *ctx, const char *base, const char *sub,
		const char *name, uint64_t *count)
{
	char dir[PATH_MAX], path[PATH_MAX + 300];
	int rc;

	if ((size_t)snprintf(dir, sizeof(dir), "%s/%s", base, sub) >=
			sizeof(dir))
		return dp_fail(ctx, ENAMETOOLONG, "registry path too long");
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (unlink(path) < 0 && errno != ENOENT) {
		rc = errno;
		if (rc == EROFS)
			return read_only(ctx, dir, base);
		return dp_fail(ctx, rc, "cannot remove registry file %s: %s",
				path, strerror(rc));
	}
	dp_generation_bump(count);
	return sync_dir_of(ctx, dir);
}

int dp_registry_unput(struct daxpool_ctx *ctx, const char *base,
		const char *sub, const char *name)
{
	return unput(ctx, base, sub, name, NULL);
}

static int write_record(struct daxpool_ctx *ctx,
		const struct daxpool_record *rec, bool sync_dir)
{
	char name[64], *text;
	uint64_t *count;
	int rc;

	dp_durable_write(ctx, "registry");
	rc = dp_generation_open(ctx, &count);
	if (rc)
		return rc;
	text = dp_record_encode(rec);
	if (!text) {
		dp_generation_close(count);
		return dp_fail(ctx, ENOMEM, "out of memory");
	}
	snprintf(name, sizeof(name), "%s.json", rec->uuid);
	rc = put(ctx, ctx->confdir, "pools", name, text, sync_dir, count);
	free(text);
	dp_generation_close(count);
	return rc;
}

int dp_registry_write(struct daxpool_ctx *ctx, const struct daxpool_record *rec)
{
	return write_record(ctx, rec, true);
}

int dp_registry_write_unsynced(
		struct daxpool_ctx *ctx, const struct daxpool_record *rec)
{
	return write_record(ctx, rec, false);
}

int dp_registry_remove(struct daxpool_ctx *ctx, const char *uuid)
{
	char name[64];
	uint64_t *count;
	int rc;

	dp_durable_write(ctx, "registry");
	rc = dp_generation_open(ctx, &count);
	if (rc)
		return rc;
	snprintf(name, sizeof(name), "%s.json", uuid);
	rc = unput(ctx, ctx->confdir, "pools", name, count);
	dp_generation_close(count);
	return rc;
}

static int json_name_filter(const struct dirent *d)
{
	size_t len = strlen(d->d_name);

	return d->d_name[0] != '.' && len > 5 &&
			strcmp(d->d_name + len - 5, ".json") == 0;
}

int dp_registry_foreach(struct daxpool_ctx *ctx, dp_record_fn fn, void *arg)
{
	char dir[PATH_MAX], path[PATH_MAX + 300];
	struct dirent **list;
	int i, n, rc = 0;

	if (pools_dir(ctx, dir, sizeof(dir)))
		return -ENAMETOOLONG;
	n = scandir(dir, &list, json_name_filter, alphasort);
	if (n < 0) {
		if (errno == ENOENT)
			return 0;
		rc = errno;
		err(ctx, "cannot read registry %s: %s\n", dir, strerror(rc));
		return -rc;
	}
	for (i = 0; i < n; i++) {
		struct daxpool_record rec;
		const char *why = "";
		size_t len = strlen(list[i]->d_name);
		int rc2;

		snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name);
		rc2 = dp_registry_read_file(path, &rec, &why);
		if (rc2 == -ENOENT) {
			/* a destroy removed it since the directory was read */
		} else if (rc2 < 0) {
			err(ctx, "skipping registry record %s: %s\n", path,
					why);
		} else if (strncmp(list[i]->d_name, rec.uuid, len - 5) != 0 ||
				len - 5 != strlen(rec.uuid)) {
			err(ctx, "skipping registry record %s: uuid does not match the file name\n",
					path);
		} else if (!rc) {
			rc = fn(ctx, &rec, arg);
		}
		free(list[i]);
	}
	free(list);
	return rc;
}

struct loading {
	struct daxpool_record **recs;
	size_t *n, cap;
};

static int load_one(struct daxpool_ctx *ctx, const struct daxpool_record *rec,
		void *arg)
{
	struct loading *l = arg;

	(void)ctx;
	if (*l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		void *more = realloc(*l->recs, cap * sizeof(**l->recs));

		if (!more)
			return -ENOMEM;
		*l->recs = more;
		l->cap = cap;
	}
	(*l->recs)[(*l->n)++] = *rec;
	return 0;
}

int dp_registry_load(struct daxpool_ctx *ctx, struct daxpool_record **recs,
		size_t *n)
{
	struct loading l = { recs, n, 0 };

	*recs = NULL;
	*n = 0;
	return dp_registry_foreach(ctx, load_one, &l);
}
