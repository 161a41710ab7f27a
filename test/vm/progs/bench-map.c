// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-map POOL [N]: daxpool_map_open + daxpool_map_close against
 * open + aligned mmap + munmap + close of the same device, N times each
 * in one process ("repeat"), and once each in N new processes ("first":
 * daxpool_new + the first map_open of a context, which must not
 * enumerate the host's pools). Prints "repeat LIB_US RAW_US" and
 * "first LIB_US RAW_US": means in microseconds.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <daxpool/libdaxpool.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* what an application does without libdaxpool: the aligned placement
 * device-DAX needs, then the mapping */
static int raw_open(const char *dev, size_t size, size_t align)
{
	int fd = open(dev, O_RDWR);
	void *p = mmap(NULL, size + align, PROT_NONE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(p, size + align);
	p = mmap((void *)(((unsigned long)p + align - 1) & ~(align - 1)), size,
			PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
	if (fd < 0 || p == MAP_FAILED) {
		perror(dev);
		return -1;
	}
	munmap(p, size);
	close(fd);
	return 0;
}

static int lib_open(struct daxpool_ctx *ctx, const char *name)
{
	struct daxpool_map *map = daxpool_map_open(ctx, name, O_RDWR);

	if (!map) {
		fprintf(stderr, "map_open %s: %s (%s)\n", name, strerror(errno),
				daxpool_get_error(ctx));
		return -1;
	}
	daxpool_map_close(map);
	return 0;
}

/* one run in a new process: its time in seconds, or -1 */
static double in_child(const char *name, const char *dev, size_t size,
		size_t align, int lib)
{
	int pfd[2], status;
	double t = -1;
	pid_t pid;

	if (pipe(pfd) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		struct daxpool_ctx *ctx;
		double t0 = now();
		int rc;

		if (lib)
			rc = daxpool_new(&ctx) < 0 ? -1 : lib_open(ctx, name);
		else
			rc = raw_open(dev, size, align);
		t0 = rc ? -1 : now() - t0;
		if (write(pfd[1], &t0, sizeof(t0)) != sizeof(t0))
			_exit(1);
		_exit(rc ? 1 : 0);
	}
	close(pfd[1]);
	if (pid < 0 || read(pfd[0], &t, sizeof(t)) != sizeof(t))
		t = -1;
	close(pfd[0]);
	if (pid > 0)
		waitpid(pid, &status, 0);
	return t;
}

int main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[2]) : 1000, i;
	double t0, t_lib, t_raw, f_lib = 0, f_raw = 0;
	struct daxpool_ctx *ctx;
	struct daxpool_map *map;
	char dev[64], fdpath[64];
	size_t size, align;
	ssize_t len;

	if (argc < 2 || n <= 0 || daxpool_new(&ctx) < 0)
		return 1;
	map = daxpool_map_open(ctx, argv[1], O_RDWR);
	if (!map) {
		perror(argv[1]);
		return 1;
	}
	size = daxpool_map_get_size(map);
	align = daxpool_map_get_align(map);
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d",
			daxpool_map_get_fd(map));
	len = readlink(fdpath, dev, sizeof(dev) - 1);
	dev[len > 0 ? len : 0] = '\0';
	daxpool_map_close(map);

	t0 = now();
	for (i = 0; i < n; i++)
		if (lib_open(ctx, argv[1]))
			return 1;
	t_lib = now() - t0;
	t0 = now();
	for (i = 0; i < n; i++)
		if (raw_open(dev, size, align))
			return 1;
	t_raw = now() - t0;
	printf("repeat %.1f %.1f\n", t_lib * 1e6 / n, t_raw * 1e6 / n);

	/* alternate, so that neither side gets the warmer caches */
	for (i = 0; i < 20; i++) {
		double a = in_child(argv[1], dev, size, align, 1);
		double b = in_child(argv[1], dev, size, align, 0);

		if (a < 0 || b < 0)
			return 1;
		f_lib += a;
		f_raw += b;
	}
	printf("first %.1f %.1f\n", f_lib * 1e6 / 20, f_raw * 1e6 / 20);
	daxpool_unref(ctx);
	return 0;
}
