// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-reg-mr: how long a plain ibv_reg_mr takes on a pool, against the
 * same amount of anonymous 4K memory and of hugetlbfs 2M memory.
 *
 *   bench-reg-mr POOL REPS [MIB]
 *
 * MIB: register that much of each (default: the whole pool).
 * The anonymous and huge memory is touched first, so that every variant
 * pins memory that is already there. Prints one line per kind with the
 * minimum, median and maximum of REPS registrations (each deregistered
 * before the next), the ratios of the pool's median to the others', and
 * "reg POOL ANON HUGE": the three medians in microseconds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "rdma-prog.h"

#define MAX_REPS 64

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* median of REPS registrations of [addr, addr+len), in microseconds */
static double bench(const char *what, struct ibv_pd *pd,
		struct daxpool_map *map, void *addr, size_t len, int reps)
{
	int access = IBV_ACCESS_LOCAL_WRITE | IBV_ACCESS_REMOTE_WRITE |
			IBV_ACCESS_REMOTE_READ;
	double t[MAX_REPS] = { 0 }, t0;
	struct ibv_mr *mr;
	int i;

	for (i = 0; i < reps; i++) {
		t0 = rdma_prog_now_us();
		mr = map ? daxpool_map_reg_mr_range(map, pd, 0, len, access) :
			   ibv_reg_mr(pd, addr, len, access);
		t[i] = rdma_prog_now_us() - t0;
		if (!mr) {
			printf("%-28s registration failed: %s\n", what,
					strerror(errno));
			return 0;
		}
		if (map)
			daxpool_map_dereg_mr(map, mr);
		else
			ibv_dereg_mr(mr);
	}
	qsort(t, reps, sizeof(t[0]), cmp_double);
	printf("%-28s %zu MiB: min %8.0f us  median %8.0f us  max %8.0f us  (%d reps)\n",
			what, len >> 20, t[0], t[reps / 2], t[reps - 1], reps);
	return t[reps / 2];
}

int main(int argc, char **argv)
{
	struct daxpool_ctx *ctx;
	struct daxpool_map *map;
	double pool_us, anon_us, huge_us;
	struct ibv_pd *pd;
	size_t len;
	void *anon, *huge;
	int reps;

	if (argc < 3 || argc > 4 || (reps = atoi(argv[2])) < 1 ||
			reps > MAX_REPS) {
		fprintf(stderr, "usage: bench-reg-mr POOL REPS (1..%d) [MIB]\n",
				MAX_REPS);
		return 1;
	}
	map = rdma_prog_map(argv[1], &ctx);
	if (!map)
		return 1;
	pd = rdma_prog_pd(NULL);
	if (!pd)
		return 1;
	len = argc > 3 ? (size_t)atoi(argv[3]) << 20 :
			 daxpool_map_get_size(map);
	printf("pool %s: %zu MiB, align %zu KiB; registering %zu MiB of each kind\n",
			argv[1], daxpool_map_get_size(map) >> 20,
			daxpool_map_get_align(map) >> 10, len >> 20);
	pool_us = bench("pool (device-DAX)", pd, map, NULL, len, reps);

	anon = mmap(NULL, len, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (anon == MAP_FAILED)
		return 1;
	madvise(anon, len, MADV_NOHUGEPAGE); /* really 4K pages */
	memset(anon, 1, len);
	anon_us = bench("anonymous 4K", pd, NULL, anon, len, reps);
	munmap(anon, len);

	huge = mmap(NULL, len, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
	if (huge == MAP_FAILED) {
		printf("hugetlbfs 2M: mmap failed: %s (nr_hugepages?)\n",
				strerror(errno));
		huge_us = 0;
	} else {
		memset(huge, 1, len);
		huge_us = bench("hugetlbfs 2M", pd, NULL, huge, len, reps);
		munmap(huge, len);
	}
	if (anon_us > 0 && huge_us > 0)
		printf("the pool's median is %.2fx that of anonymous 4K, %.2fx that of hugetlbfs 2M\n",
				pool_us / anon_us, pool_us / huge_us);
	/* for scripts/bench: the three medians */
	printf("reg %.0f %.0f %.0f\n", pool_us, anon_us, huge_us);
	daxpool_map_close(map);
	daxpool_unref(ctx);
	return 0;
}
