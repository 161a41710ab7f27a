// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The registry's change counter: see generation.h. It lives in /run, not
 * beside the records: it only has to outlive the processes that read it,
 * and it is written without a sync. The writer maps it before the change
 * (so a full /run fails the change, not the count) and bumps it right
 * after the record's rename or unlink, before the directory's sync; a
 * reader takes the count before it proves its record (hint.c), never
 * after, so a change is at worst seen one open late.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "config.h"
#include "store/generation.h"

#define GENERATION_PATH DAXPOOL_RUNDIR "/generation"
/* one page: the first eight bytes count, the rest is what mmap maps */
#define GENERATION_SIZE 4096

/* a private registry (tests, a second root) has no shared counter */
static bool default_registry(const char *confdir)
{
	return strcmp(confdir, DAXPOOL_CONFDIR) == 0;
}

/* a new file's page given real storage: no SIGBUS from a full tmpfs */
static int fill(int fd)
{
	static const char zero[GENERATION_SIZE];
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	if (st.st_size >= GENERATION_SIZE)
		return 0;
	if (pwrite(fd, zero, sizeof(zero), 0) != (ssize_t)sizeof(zero))
		return errno ? -errno : -ENOSPC;
	/* readable by everyone whatever root's umask */
	return fchmod(fd, 0644) < 0 ? -errno : 0;
}

static int open_counter(const char *confdir, uint64_t **gen)
{
	void *page;
	int fd, rc;

	*gen = NULL;
	if (!default_registry(confdir))
		return 0;
	if (mkdir(DAXPOOL_RUNDIR, 0755) == 0)
		chmod(DAXPOOL_RUNDIR, 0755);
	fd = open(GENERATION_PATH, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
			0644);
	rc = fd < 0 ? -errno : fill(fd);
	if (!rc) {
		page = mmap(NULL, GENERATION_SIZE, PROT_READ | PROT_WRITE,
				MAP_SHARED, fd, 0);
		if (page == MAP_FAILED)
			rc = -errno;
		else
			*gen = page;
	}
	if (fd >= 0)
		close(fd);
	return rc;
}

int dp_generation_open(struct daxpool_ctx *ctx, uint64_t **gen)
{
	int rc = open_counter(ctx->confdir, gen);

	if (rc)
		return dp_fail(ctx, -rc, "cannot count the change in %s: %s",
				GENERATION_PATH, strerror(-rc));
	return 0;
}

void dp_generation_bump(uint64_t *gen)
{
	/* two changes may bump at once (activate beside a CLI change) */
	if (gen)
		__atomic_add_fetch(gen, 1, __ATOMIC_SEQ_CST);
}

void dp_generation_close(uint64_t *gen)
{
	if (gen)
		munmap(gen, GENERATION_SIZE);
}

void dp_generation_touch(struct daxpool_ctx *ctx)
{
	uint64_t *gen;
	int rc = open_counter(ctx->confdir, &gen);

	if (rc)
		err(ctx, "cannot make %s: %s\n", GENERATION_PATH,
				strerror(-rc));
	dp_generation_bump(gen);
	dp_generation_close(gen);
}

const uint64_t *dp_generation_map(const char *confdir)
{
	struct stat st;
	void *gen;
	int fd;

	if (!default_registry(confdir))
		return NULL;
	fd = open(GENERATION_PATH, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	/* a counter anyone else could hold still would hide changes */
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_uid != 0 ||
			(st.st_mode & 022) || st.st_size < GENERATION_SIZE) {
		close(fd);
		return NULL;
	}
	gen = mmap(NULL, GENERATION_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	return gen == MAP_FAILED ? NULL : gen;
}

void dp_generation_unmap(const uint64_t *gen)
{
	if (gen)
		munmap((void *)gen, GENERATION_SIZE);
}
