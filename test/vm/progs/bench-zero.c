// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-zero DEV: daxpool's zeroing (non-temporal stores, threads) against
 * plain memset on the same device-DAX mapping; prints MiB/s of each.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "daxdev.h"
#include "private.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct daxpool_ctx *ctx;
	uint64_t size, align;
	double t0, t_zero, t_memset, mib;
	int fd, rounds = argc > 2 ? atoi(argv[2]) : 3, i;
	void *p, *resv;
	size_t resv_len;

	if (argc < 2 || !strrchr(argv[1], '/')) {
		fprintf(stderr, "usage: bench-zero /dev/daxX.Y [rounds]\n");
		return 1;
	}
	size = daxdev_attr(argv[1], "size");
	align = daxdev_attr(argv[1], "align");
	daxpool_new(&ctx);
	fd = open(argv[1], O_RDWR);
	p = fd < 0 ? NULL : dp_map_aligned(fd, size, align, PROT_READ | PROT_WRITE,
			&resv, &resv_len);
	if (!p) {
		perror(argv[1]);
		return 1;
	}
	/* fault the mapping in once so neither side pays for it */
	memset(p, 1, size);
	mib = (double)size / (1 << 20);
	t_zero = t_memset = 1e9;
	for (i = 0; i < rounds; i++) {
		double t;

		t0 = now();
		if (dp_zero_device(ctx, argv[1], size, align, NULL, NULL))
			return 1;
		t = now() - t0;
		t_zero = t < t_zero ? t : t_zero;
		t0 = now();
		memset(p, 0, size);
		t = now() - t0;
		t_memset = t < t_memset ? t : t_memset;
	}
	printf("zeroing %.0f MiB, best of %d: daxpool %.0f MiB/s (%.3f s), memset %.0f MiB/s (%.3f s), ratio %.2f\n",
			mib, rounds, mib / t_zero, t_zero, mib / t_memset, t_memset,
			t_memset / t_zero);
	munmap(resv, resv_len);
	close(fd);
	daxpool_unref(ctx);
	return 0;
}
