// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-zero DEV [ROUNDS [nopmem2]]: daxpool's zeroing (non-temporal stores, threads)
 * against libpmem2's memset with non-temporal flags (PMDK, the library an
 * application would reach for), in as many threads as daxpool uses, each
 * side mapping the device itself every round; and against plain memset on
 * a mapping faulted in once. Prints "zero DAXPOOL PMEM2 MEMSET" in MiB/s
 * (best of ROUNDS; PMEM2 0 with "nopmem2": libpmem2 1.12 dies of a NULL
 * dereference on a dax device outside the nvdimm bus, such as hmem's).
 */
#include <fcntl.h>
#include <libpmem2.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "daxdev.h"
#include "core/private.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct slice {
	pmem2_memset_fn set;
	char *at;
	size_t len;
};

static void *set_slice(void *arg)
{
	struct slice *s = arg;

	s->set(s->at, 0, s->len, PMEM2_F_MEM_NONTEMPORAL);
	return NULL;
}

/* pmem2's own mapping of the device, zeroed by NTHREADS threads */
static int pmem2_zero(int fd, int nthreads)
{
	struct pmem2_config *cfg = NULL;
	struct pmem2_source *src = NULL;
	struct pmem2_map *map = NULL;
	struct slice sl[16];
	pthread_t tid[16];
	size_t size, each;
	int i, rc;

	rc = pmem2_config_new(&cfg);
	if (!rc)
		rc = pmem2_source_from_fd(&src, fd);
	if (!rc)
		rc = pmem2_config_set_required_store_granularity(
				cfg, PMEM2_GRANULARITY_PAGE);
	if (!rc)
		rc = pmem2_map_new(&map, cfg, src);
	if (rc) {
		pmem2_perror("pmem2");
		return -1;
	}
	size = pmem2_map_get_size(map);
	each = size / (size_t)nthreads;
	for (i = 0; i < nthreads; i++) {
		sl[i].set = pmem2_get_memset_fn(map);
		sl[i].at = (char *)pmem2_map_get_address(map) +
				(size_t)i * each;
		sl[i].len = i == nthreads - 1 ? size - (size_t)i * each : each;
		pthread_create(&tid[i], NULL, set_slice, &sl[i]);
	}
	for (i = 0; i < nthreads; i++)
		pthread_join(tid[i], NULL);
	pmem2_map_delete(&map);
	pmem2_source_delete(&src);
	pmem2_config_delete(&cfg);
	return 0;
}

int main(int argc, char **argv)
{
	struct daxpool_ctx *ctx;
	uint64_t size, align;
	double t0, t_zero, t_memset, t_pmem2, mib;
	int fd, rounds = argc > 2 ? atoi(argv[2]) : 3, i, nthreads;
	bool pmem2 = !(argc > 3 && strcmp(argv[3], "nopmem2") == 0);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
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
	p = fd < 0 ? NULL :
		     dp_map_aligned(fd, size, align, PROT_READ | PROT_WRITE,
				     &resv, &resv_len);
	if (!p) {
		perror(argv[1]);
		return 1;
	}
	/* fault the mapping in once so neither side pays for it */
	memset(p, 1, size);
	mib = (double)size / (1 << 20);
	/* as many threads as dp_zero_device starts (zero.c) */
	nthreads = (int)(size / (256ULL << 20));
	nthreads = nthreads > ncpu ? (int)ncpu : nthreads;
	nthreads = nthreads > 16 ? 16 : nthreads < 1 ? 1 : nthreads;
	t_zero = t_memset = t_pmem2 = 1e9;
	/* the order turns each round: under emulation whatever else the
	 * guest does lands on whoever runs, so nobody always goes first */
	for (i = 0; i < rounds * 3; i++) {
		int who = (i + i / 3) % 3;
		double t;

		t0 = now();
		if (who == 0 &&
				dp_zero_device(ctx, argv[1], size, align, NULL,
						NULL))
			return 1;
		if (who == 1)
			memset(p, 0, size);
		if (who == 2 && pmem2 && pmem2_zero(fd, nthreads))
			return 1;
		t = now() - t0;
		if (who == 0)
			t_zero = t < t_zero ? t : t_zero;
		else if (who == 1)
			t_memset = t < t_memset ? t : t_memset;
		else if (pmem2)
			t_pmem2 = t < t_pmem2 ? t : t_pmem2;
	}
	printf("zeroing %.0f MiB in %d threads, best of %d: daxpool %.0f MiB/s, pmem2_memset non-temporal %.0f MiB/s, memset (mapped once) %.0f MiB/s\n",
			mib, nthreads, rounds, mib / t_zero, mib / t_pmem2,
			mib / t_memset);
	printf("zero %.0f %.0f %.0f\n", mib / t_zero,
			pmem2 ? mib / t_pmem2 : 0.0, mib / t_memset);
	munmap(resv, resv_len);
	close(fd);
	daxpool_unref(ctx);
	return 0;
}
