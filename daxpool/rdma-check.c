// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxpool rdma-check: can this user pin this pool for RDMA? Maps the pool
 * by name as the caller, registers all of it with a plain ibv_reg_mr on an
 * RDMA device and reports how long that took.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <daxpool/libdaxpool-rdma.h>
#include "builtin.h"

struct rdma_check_args {
	const char *device;
};

static const struct cli_option rdma_check_options[] = {
	OPT_STRING('d', "device", struct rdma_check_args, device, "IBDEV",
			"the RDMA device, as ibv_devices names it (default: the first one)"),
	OPT_END(),
};

static struct ibv_device *pick_device(
		struct ibv_device **list, int n, const char *want)
{
	int i;

	if (n == 0) {
		cli_error("rdma-check", "device",
				"no RDMA device found; load "
				"rdma_rxe and add a link, or check ibv_devices");
		return NULL;
	}
	if (!want)
		return list[0];
	for (i = 0; i < n; i++)
		if (strcmp(ibv_get_device_name(list[i]), want) == 0)
			return list[i];
	fprintf(stderr, "daxpool rdma-check: %s: unknown RDMA device; there is",
			want);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s %s", i ? "," : "",
				ibv_get_device_name(list[i]));
	fputs(" (see ibv_devices)\n", stderr);
	return NULL;
}

static long usec_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000000L +
			(t1.tv_nsec - t0->tv_nsec) / 1000L;
}

/* register the whole map on DEV and print the verdict; 0 when it worked */
static int check(struct daxpool_map *map, struct ibv_device *dev, bool rw)
{
	const char *name = daxpool_map_get_name(map);
	struct ibv_context *ibctx;
	struct ibv_pd *pd = NULL;
	struct ibv_mr *mr = NULL;
	struct json_object *o;
	struct timespec t0;
	char why[256];
	long usec;
	int err = 0;

	ibctx = ibv_open_device(dev);
	if (!ibctx) {
		cli_error("rdma-check", ibv_get_device_name(dev),
				"cannot open: %s",
				strerror(errno ? errno : EIO));
		return 1;
	}
	pd = ibv_alloc_pd(ibctx);
	if (!pd) {
		cli_error("rdma-check", ibv_get_device_name(dev),
				"cannot allocate a protection domain: %s",
				strerror(errno ? errno : EIO));
		ibv_close_device(ibctx);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	mr = daxpool_map_reg_mr(map, pd,
			rw ? IBV_ACCESS_LOCAL_WRITE | IBV_ACCESS_REMOTE_WRITE |
							IBV_ACCESS_REMOTE_READ :
			     IBV_ACCESS_REMOTE_READ);
	if (!mr)
		err = errno;
	usec = usec_since(&t0);

	o = json_object_new_object();
	json_object_object_add(o, "name", json_object_new_string(name));
	json_object_object_add(o, "device",
			json_object_new_string(ibv_get_device_name(dev)));
	json_object_object_add(o, "ok", json_object_new_boolean(mr != NULL));
	json_object_object_add(
			o, "access", json_object_new_string(rw ? "rw" : "ro"));
	json_object_object_add(o, "size",
			json_object_new_int64(
					(int64_t)daxpool_map_get_size(map)));
	json_object_object_add(o, "mr_length",
			json_object_new_int64(mr ? (int64_t)mr->length : 0));
	json_object_object_add(o, "usec", json_object_new_int64(usec));
	if (!mr) {
		daxpool_rdma_strerror(err, why, sizeof(why),
				daxpool_map_get_size(map));
		json_object_object_add(o, "errno", json_object_new_int(err));
		json_object_object_add(o, "error", json_object_new_string(why));
		cli_error("rdma-check", name, "cannot register for RDMA: %s",
				why);
	}
	json_print(o);
	json_object_put(o);

	if (mr)
		daxpool_map_dereg_mr(map, mr);
	ibv_dealloc_pd(pd);
	ibv_close_device(ibctx);
	return mr ? 0 : 1;
}

static int cmd_rdma_check(int argc, char **argv, struct daxpool_ctx *ctx)
{
	struct ibv_device **list = NULL, *dev;
	struct rdma_check_args a = { 0 };
	struct daxpool_map *map;
	const char *id;
	bool rw = true;
	int first, n = 0, rc;

	rc = cli_parse(&verb_rdma_check, argc, argv, &a, &first);
	if (rc)
		return rc > 0 ? 0 : 1;
	id = argv[first];
	rc = 1;

	map = daxpool_map_open(ctx, id, O_RDWR);
	if (!map && errno == EACCES) {
		rw = false;
		map = daxpool_map_open(ctx, id, O_RDONLY);
	}
	if (!map) {
		cli_error("rdma-check", id, "%s", daxpool_get_error(ctx));
		return 1;
	}
	/* NULL (ENOSYS: no ib_uverbs) means no device as much as n == 0 does */
	list = ibv_get_device_list(&n);
	dev = pick_device(list, list ? n : 0, a.device);
	if (dev)
		rc = check(map, dev, rw);
	if (list)
		ibv_free_device_list(list);
	daxpool_map_close(map);
	return rc;
}

const struct cli_verb verb_rdma_check = {
	.name = "rdma-check",
	.fn = cmd_rdma_check,
	.summary = "check that a pool can be registered for RDMA",
	.operands = "NAME|UUID",
	.min_operands = 1,
	.max_operands = 1,
	.too_few = "exactly one pool NAME is required",
	.too_many = "exactly one pool NAME is required",
	.description = "Maps the pool as the calling user and registers all of it for RDMA\n"
		       "(a plain, long-term ibv_reg_mr) on IBDEV, or the first RDMA device.\n"
		       "A pool the user may only read is registered for remote reads.\n",
	.options = rdma_check_options,
};
