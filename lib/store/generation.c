// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The registry's change counter: see generation.h. It lives in /run, not
 * beside the records: it only has to outlive the processes that read it,
 * and it is written without a sync. Bumped after the record's rename or
 * unlink, so a reader that sees the old count either read the old record
 * before the change or checks in the same moment as it; a reader takes
 * the count before it proves its record (hint.c), never after.
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
#define DP_GENERATION_SIZE 4096

/* a private registry (tests, a second root) has no shared counter */
static bool default_registry(const char *confdir)
{
	return strcmp(confdir, DAXPOOL_CONFDIR) == 0;
}

void dp_generation_bump(struct daxpool_ctx *ctx)
{
	uint64_t *gen;
	struct stat st;
	int fd;

	if (!default_registry(ctx->confdir))
		return;
	if (mkdir(DAXPOOL_RUNDIR, 0755) == 0)
		chmod(DAXPOOL_RUNDIR, 0755);
	fd = open(GENERATION_PATH, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
			0644);
	if (fd < 0 || fstat(fd, &st) < 0 ||
			(st.st_size < DP_GENERATION_SIZE &&
					ftruncate(fd, DP_GENERATION_SIZE) < 0))
		goto fail;
	gen = mmap(NULL, DP_GENERATION_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
			fd, 0);
	if (gen == MAP_FAILED)
		goto fail;
	/* two changes may bump at once (activate beside a CLI change) */
	__atomic_add_fetch(gen, 1, __ATOMIC_SEQ_CST);
	munmap(gen, DP_GENERATION_SIZE);
	close(fd);
	return;
fail:
	/* readers keep trusting what they saw until a bump works: say so */
	err(ctx, "cannot count a change in %s: %s\n", GENERATION_PATH,
			strerror(errno));
	if (fd >= 0)
		close(fd);
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
			(st.st_mode & 022) || st.st_size < DP_GENERATION_SIZE) {
		close(fd);
		return NULL;
	}
	gen = mmap(NULL, DP_GENERATION_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	return gen == MAP_FAILED ? NULL : gen;
}

void dp_generation_unmap(const uint64_t *gen)
{
	if (gen)
		munmap((void *)gen, DP_GENERATION_SIZE);
}
