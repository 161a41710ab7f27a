// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-map POOL [N]: daxpool_map_open + daxpool_map_close against
 * open + mmap + munmap + close of the same device, N times each.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <daxpool/libdaxpool.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[2]) : 1000, i, fd;
	struct daxpool_ctx *ctx;
	struct daxpool_map *map;
	double t0, t_lib, t_raw;
	char dev[64];
	size_t size, align;
	void *p;

	if (argc < 2 || daxpool_new(&ctx) < 0)
		return 1;
	/* the first open in a context looks the pool up in registry and kernel */
	t0 = now();
	map = daxpool_map_open(ctx, argv[1], O_RDWR);
	printf("first map_open in a new context: %.1f us\n", (now() - t0) * 1e6);
	if (!map) {
		perror(argv[1]);
		return 1;
	}
	size = daxpool_map_get_size(map);
	align = daxpool_map_get_align(map);
	{
		char fdpath[64];
		ssize_t len;

		snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", daxpool_map_get_fd(map));
		len = readlink(fdpath, dev, sizeof(dev) - 1);
		dev[len > 0 ? len : 0] = '\0';
	}
	daxpool_map_close(map);

	t0 = now();
	for (i = 0; i < n; i++) {
		map = daxpool_map_open(ctx, argv[1], O_RDWR);
		if (!map) {
			fprintf(stderr, "map_open #%d: %s (%s)\n", i, strerror(errno),
					daxpool_get_error(ctx));
			return 1;
		}
		daxpool_map_close(map);
	}
	t_lib = now() - t0;

	t0 = now();
	for (i = 0; i < n; i++) {
		fd = open(dev, O_RDWR);
		/* the same aligned placement the library needs for device-DAX */
		p = mmap(NULL, size + align, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		munmap(p, size + align);
		p = mmap((void *)(((unsigned long)p + align - 1) & ~(align - 1)), size,
				PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
		if (fd < 0 || p == MAP_FAILED) {
			perror(dev);
			return 1;
		}
		munmap(p, size);
		close(fd);
	}
	t_raw = now() - t0;
	printf("%d x map_open+close: %.1f us each; open+mmap+munmap+close: %.1f us each; ratio %.2f (goal <= 1.2)\n",
			n, t_lib * 1e6 / n, t_raw * 1e6 / n, t_lib / t_raw);
	daxpool_unref(ctx);
	return 0;
}
