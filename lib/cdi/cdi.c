// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The pools' CDI specs kept in step with the pools (cdi.h): which pool is
 * offered, and its file written, removed, or left over from a pool that
 * is gone. The text is cdi-spec.c's. /run is a tmpfs that a boot empties
 * (activate writes them all again), so a spec is replaced by a rename,
 * for readers, and never synced.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "cdi/cdi.h"
#include "cdi/cdi-spec.h"
#include "guard/quiesce.h"
#include "store/registry.h"

int dp_cdi_spec_path(struct daxpool_ctx *ctx, const char *uuid, char *buf,
		size_t len)
{
	int n;

	if (!daxpool_is_uuid(uuid))
		return -EINVAL;
	n = snprintf(buf, len, "%s/" DP_CDI_PREFIX "%s.json", ctx->cdidir,
			uuid);
	return n < 0 || (size_t)n >= len ? -EINVAL : 0;
}

/*
 * Why POOL is not offered now, or NULL when it is: then what its spec
 * says is in SPEC (its files' paths in FILES). LOUD: the reason is one
 * an administrator would not guess (the name, the owner), worth a line
 * at info level rather than debug.
 */
static const char *not_offered(struct daxpool_pool *pool,
		struct dp_cdi_pool *spec,
		char files[DP_CDI_FILES_MAX][DP_CDI_PATH_MAX], bool *loud)
{
	struct stat st;
	char dev[96];
	int i, n;

	*loud = false;
	if (pool->rec.intent != DP_INTENT_NONE)
		return "a change of it is incomplete";
	if (pool->rec.conflict)
		return "another pool has its name";
	if (pool->state != DAXPOOL_STATE_ACTIVE || !pool->chardev[0])
		return "it is not active";
	if (dp_quiesce_marked(pool->rec.uuid))
		return "a change of it is under way";
	*loud = true;
	if (!dp_cdi_name_ok(pool->rec.name))
		return "a CDI device name begins and ends with a letter or digit";
	*loud = false;
	snprintf(dev, sizeof(dev), "/dev/%s", pool->chardev);
	if (stat(dev, &st) < 0 || !S_ISCHR(st.st_mode))
		return "its device has no node";
	n = dp_cdi_open_files(pool->ctx->confdir, pool->rec.uuid,
			pool->rec.type, major(st.st_rdev), minor(st.st_rdev),
			files);
	if (n < 0)
		return "its uuid is not one";
	/* a bind mount of a file that is not there fails the container */
	if (access(files[0], F_OK) < 0)
		return "its record is not there";
	*spec = (struct dp_cdi_pool){ .name = pool->rec.name,
		.chardev = pool->chardev,
		.major = major(st.st_rdev),
		.minor = minor(st.st_rdev) };
	/*
	 * The notes of a ram device only speed open by name up (udev's) or
	 * let a user who cannot read the device's ranges prove it (root's):
	 * one not written yet is left out, and the next sync adds it
	 */
	for (i = 0; i < n; i++) {
		if (i > 0 && access(files[i], F_OK) < 0) {
			dbg(pool->ctx, "pool %s: %s is not there: not in its CDI spec\n",
					pool->rec.name, files[i]);
			continue;
		}
		spec->files[spec->nfiles++] = files[i];
	}
	return NULL;
}

static int fail_write(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		const char *path, int rc)
{
	err(ctx, "pool %s: cannot write its CDI spec %s: %s\n", pool->rec.name,
			path, strerror(-rc));
	dp_warn(ctx, "pool '%s' is not offered to containers: cannot write %s: %s",
			pool->rec.name, path, strerror(-rc));
	return rc;
}

static int remove_spec(struct daxpool_ctx *ctx, const char *path)
{
	int e;

	if (unlink(path) == 0 || errno == ENOENT || errno == ENOTDIR)
		return 0;
	e = errno;
	err(ctx, "cannot remove the CDI spec %s: %s\n", path, strerror(e));
	dp_warn(ctx, "cannot remove the CDI spec %s: %s", path, strerror(e));
	return -e;
}

/* TEXT as the file at PATH, unless it says that already */
static int put_spec(struct daxpool_ctx *ctx, const char *path, const char *text)
{
	struct stat st;
	const char *why;
	char *have = NULL;
	bool same;

	/* made 0755 whatever root's umask: every runtime reads it */
	if (mkdir(ctx->cdidir, 0755) == 0)
		chmod(ctx->cdidir, 0755);
	else if (errno != EEXIST)
		return -errno;
	/*
	 * Root writes there by fixed names, and a runtime gives containers
	 * what a spec there says: a directory anyone else may write to (made
	 * by another tool, or a link) is not used at all
	 */
	if (lstat(ctx->cdidir, &st) < 0)
		return -errno;
	if (!S_ISDIR(st.st_mode) || st.st_uid != 0 || (st.st_mode & 022)) {
		err(ctx, "%s is not a directory only root may write to: no CDI spec written there\n",
				ctx->cdidir);
		return -EPERM;
	}
	/* a boot's activate or a chown that changes nothing writes nothing,
	 * so a runtime that watches the directory is not woken for it */
	same = dp_read_small_file(path, &have, &why) == 0 &&
			strcmp(have, text) == 0;
	free(have);
	return same ? 0 : dp_run_write(path, text, 0644);
}

int dp_cdi_sync_pool(struct daxpool_ctx *ctx, struct daxpool_pool *pool)
{
	char files[DP_CDI_FILES_MAX][DP_CDI_PATH_MAX], path[PATH_MAX];
	struct dp_cdi_pool spec = { .nfiles = 0 };
	const char *why;
	char *text;
	bool loud;
	int rc;

	if (geteuid() != 0 ||
			dp_cdi_spec_path(ctx, pool->rec.uuid, path,
					sizeof(path)))
		return 0;
	why = not_offered(pool, &spec, files, &loud);
	if (why) {
		if (loud)
			info(ctx, "pool %s is not offered to containers: %s\n",
					pool->rec.name, why);
		else
			dbg(ctx, "pool %s is not offered to containers: %s\n",
					pool->rec.name, why);
		return remove_spec(ctx, path);
	}
	rc = dp_cdi_spec_encode(&spec, &text);
	if (rc)
		return fail_write(ctx, pool, path, rc);
	rc = put_spec(ctx, path, text);
	free(text);
	return rc ? fail_write(ctx, pool, path, rc) : 0;
}

int dp_cdi_withdraw(struct daxpool_ctx *ctx, const char *uuid)
{
	char path[PATH_MAX];

	if (geteuid() != 0 || dp_cdi_spec_path(ctx, uuid, path, sizeof(path)))
		return 0;
	return remove_spec(ctx, path);
}

int dp_cdi_sync_uuid(struct daxpool_ctx *ctx, const char *uuid)
{
	struct daxpool_pool *pool;
	char id[37];

	if (geteuid() != 0)
		return 0;
	/* the caller's pool object is refreshed in place: keep the uuid */
	snprintf(id, sizeof(id), "%s", uuid);
	daxpool_invalidate(ctx);
	if (daxpool_pool_find(ctx, id, &pool) == 0)
		return dp_cdi_sync_pool(ctx, pool);
	return dp_cdi_withdraw(ctx, id);
}

/* NAME (a file of ours) is the spec of a pool that is offered */
static bool wanted(struct daxpool_ctx *ctx, const char *name)
{
	char files[DP_CDI_FILES_MAX][DP_CDI_PATH_MAX], uuid[37];
	struct dp_cdi_pool spec = { .nfiles = 0 };
	struct daxpool_pool *pool;
	const char *rest = name + strlen(DP_CDI_PREFIX);
	bool loud;

	if (strlen(rest) != 36 + 5 || strcmp(rest + 36, ".json") != 0)
		return false;
	memcpy(uuid, rest, 36);
	uuid[36] = '\0';
	/* by its uuid as its record spells it: a file of another spelling
	 * would offer the pool twice, which CDI refuses as a conflict */
	return daxpool_is_uuid(uuid) &&
			daxpool_pool_find(ctx, uuid, &pool) == 0 &&
			strcmp(pool->rec.uuid, uuid) == 0 &&
			!not_offered(pool, &spec, files, &loud);
}

/* the files of ours that no pool is offered for; 0 or the first -errno */
static int sweep(struct daxpool_ctx *ctx)
{
	char path[PATH_MAX];
	struct dirent *e;
	int rc = 0, r;
	DIR *d = opendir(ctx->cdidir);

	if (!d) {
		if (errno == ENOENT)
			return 0;
		rc = -errno;
		dp_warn(ctx, "cannot read %s: %s", ctx->cdidir, strerror(-rc));
		return rc;
	}
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, DP_CDI_PREFIX, strlen(DP_CDI_PREFIX)) !=
						0 ||
				wanted(ctx, e->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", ctx->cdidir, e->d_name);
		r = remove_spec(ctx, path);
		if (!rc)
			rc = r;
	}
	closedir(d);
	return rc;
}

/* every spec, the pools read again first (REREAD) or as loaded */
static int sync_all(struct daxpool_ctx *ctx, bool reread)
{
	char error[sizeof(ctx->error)];
	struct daxpool_pool *pool;
	int rc, r;

	if (geteuid() != 0)
		return 0;
	/* whatever went wrong here, the caller's own error stays its own */
	snprintf(error, sizeof(error), "%s", ctx->error);
	rc = dp_admin_lock(ctx);
	if (rc) {
		dp_warn(ctx, "the pools' CDI specs are not updated: %s",
				ctx->error);
		snprintf(ctx->error, sizeof(ctx->error), "%s", error);
		return rc;
	}
	if (reread)
		daxpool_invalidate(ctx);
	daxpool_pool_foreach (ctx, pool) {
		r = dp_cdi_sync_pool(ctx, pool);
		if (!rc)
			rc = r;
	}
	r = sweep(ctx);
	if (!rc)
		rc = r;
	dp_admin_unlock(ctx);
	return rc;
}

int dp_cdi_sync_all(struct daxpool_ctx *ctx)
{
	return sync_all(ctx, true);
}

int dp_cdi_sync_held(struct daxpool_ctx *ctx)
{
	return sync_all(ctx, false);
}
