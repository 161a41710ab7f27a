/* SPDX-License-Identifier: GPL-2.0-only */
/* RDMA test programs: a pool mapped by name, a protection domain, a clock */
#ifndef _DAXPOOL_TEST_RDMA_PROG_H_
#define _DAXPOOL_TEST_RDMA_PROG_H_
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <daxpool/libdaxpool-rdma.h>

/* NAME mapped read-write through libdaxpool, or NULL after saying why */
static inline struct daxpool_map *rdma_prog_map(
		const char *name, struct daxpool_ctx **ctx)
{
	struct daxpool_map *map;

	if (daxpool_new(ctx) < 0)
		return NULL;
	map = daxpool_map_open(*ctx, name, O_RDWR);
	if (!map)
		fprintf(stderr, "%s: %s\n", name, daxpool_get_error(*ctx));
	return map;
}

/* NULL after saying why on stderr; the device stays open until exit */
static inline struct ibv_pd *rdma_prog_pd(const char *want)
{
	struct ibv_device **list;
	struct ibv_context *ctx;
	struct ibv_pd *pd;
	int i, n = 0;

	list = ibv_get_device_list(&n);
	for (i = 0; list && i < n; i++)
		if (!want || strcmp(ibv_get_device_name(list[i]), want) == 0)
			break;
	if (!list || i == n) {
		fprintf(stderr, "no RDMA device %s\n", want ? want : "at all");
		return NULL;
	}
	ctx = ibv_open_device(list[i]);
	pd = ctx ? ibv_alloc_pd(ctx) : NULL;
	if (!pd)
		fprintf(stderr, "%s: %s\n", ibv_get_device_name(list[i]),
				strerror(errno ? errno : EIO));
	ibv_free_device_list(list);
	return pd;
}

/* the PD and its device (a sanitizer build counts them as leaks) */
static inline void rdma_prog_pd_free(struct ibv_pd *pd)
{
	struct ibv_context *ctx = pd ? pd->context : NULL;

	if (pd)
		ibv_dealloc_pd(pd);
	if (ctx)
		ibv_close_device(ctx);
}

static inline double rdma_prog_now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}
#endif
