/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Forged mapping names for the in-use tests (host and VM): a regular file
 * whose line in /proc/PID/maps is longer than 4 KiB and has the path of a
 * device right after its first 4095 bytes, where a scanner that reads
 * lines into a 4 KiB buffer starts its next "line".
 */
#ifndef _DAXPOOL_TEST_FORGE_H_
#define _DAXPOOL_TEST_FORGE_H_
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* 4 KiB of the regular file PATH (made if need be), mapped; NULL if not */
static inline void *forge_map_file(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	void *p;

	if (fd < 0)
		return NULL;
	if (ftruncate(fd, 4096) < 0) {
		close(fd);
		return NULL;
	}
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

/* the column at which /proc/self/maps prints the path of the mapping at ADDR */
static inline int forge_maps_column(const void *addr)
{
	char line[8192];
	unsigned long start;
	FILE *f = fopen("/proc/self/maps", "re");
	int col = -1;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-", &start) == 1 &&
				start == (uintptr_t)addr && strchr(line, '/')) {
			col = (int)(strchr(line, '/') - line);
			break;
		}
	if (f)
		fclose(f);
	return col;
}

/*
 * Make the directories of CWD/aaa.../DEVDIR so that, printed at column COL,
 * "/DEVDIR/DEVFILE" follows the line's first 4095 bytes; the file's path is
 * left in PATH (at least 4200 bytes). 0, or -1 with errno.
 */
static inline int forge_long_path(const char *cwd, int col, const char *devdir,
		const char *devfile, char *path, size_t size)
{
	size_t want = (size_t)(4095 - col), len;

	if (col <= 0 || size < 4200 || strlen(cwd) + 2 >= want) {
		errno = EINVAL;
		return -1;
	}
	snprintf(path, size, "%s", cwd);
	for (len = strlen(path); len + 1 < want;) {
		size_t seg = want - len - 1;

		seg = seg > 200 ? 200 : seg;
		if (want - len - 1 - seg == 1)
			seg--; /* never leave room for an empty name */
		path[len++] = '/';
		memset(path + len, 'a', seg);
		len += seg;
		path[len] = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST)
			return -1;
	}
	snprintf(path + len, size - len, "/%s", devdir);
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		return -1;
	len = strlen(path);
	snprintf(path + len, size - len, "/%s", devfile);
	return 0;
}
#endif
