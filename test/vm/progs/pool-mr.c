// SPDX-License-Identifier: GPL-2.0-only
/*
 * pool-mr: register a pool through libdaxpool-rdma, as the VM tests need.
 *
 *   pool-mr [-o OFFSET -l LEN] [-O] [-H] NAME
 *
 *   -o, -l  daxpool_map_reg_mr_range (bytes) instead of the whole pool
 *   -O      ask for IBV_ACCESS_ON_DEMAND (which must be refused)
 *   -H      hold: keep map and MR; on SIGUSR1 write a pattern through the
 *           mapping and read it back, printing the result; on SIGTERM
 *           deregister, close the map, print "closed", and stay (with
 *           the RDMA device and PD still open) until the next SIGTERM
 *
 * Prints {"ok":..,"errno":N,"error":"..","size":N,"mr_length":N,"pid":N}.
 * Exit status: 0 registered, 2 the registration failed, 1 setup failed.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include "rdma-prog.h"

/* write a pattern over the whole mapping and read it back */
static void write_read(struct daxpool_map *map, unsigned int round)
{
	uint8_t *p = daxpool_map_get_addr(map);
	size_t i, n = daxpool_map_get_size(map), bad = 0;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(i + round);
	for (i = 0; i < n; i++)
		bad += p[i] != (uint8_t)(i + round);
	printf("round %u: wrote and read back %zu bytes, %zu wrong\n", round, n,
			bad);
	fflush(stdout);
}

static sigset_t sigs;

static void hold(struct daxpool_map *map)
{
	unsigned int round = 0;
	int sig;

	while (sigwait(&sigs, &sig) == 0 && sig == SIGUSR1)
		write_read(map, ++round);
}

int main(int argc, char **argv)
{
	int opt,
			access = IBV_ACCESS_LOCAL_WRITE |
			IBV_ACCESS_REMOTE_WRITE | IBV_ACCESS_REMOTE_READ,
			holding = 0, range = 0, err = 0;
	size_t off = 0, len = 0;
	struct daxpool_ctx *ctx;
	struct daxpool_map *map;
	struct ibv_pd *pd;
	struct ibv_mr *mr;
	char why[256] = "";

	while ((opt = getopt(argc, argv, "o:l:OH")) != -1) {
		switch (opt) {
		case 'o':
			off = strtoull(optarg, NULL, 0);
			range = 1;
			break;
		case 'l':
			len = strtoull(optarg, NULL, 0);
			range = 1;
			break;
		case 'O':
			access |= IBV_ACCESS_ON_DEMAND;
			break;
		case 'H':
			holding = 1;
			break;
		default:
			return 1;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "usage: pool-mr [-o OFFSET -l LEN] [-O] [-H] NAME\n");
		return 1;
	}
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGUSR1);
	sigaddset(&sigs, SIGTERM);
	if (holding) /* before the pool is ours: no signal may kill us unseen */
		sigprocmask(SIG_BLOCK, &sigs, NULL);
	map = rdma_prog_map(argv[optind], &ctx);
	if (!map)
		return 1;
	pd = rdma_prog_pd(NULL);
	if (!pd)
		return 1;
	mr = range ? daxpool_map_reg_mr_range(map, pd, off, len, access) :
		     daxpool_map_reg_mr(map, pd, access);
	if (!mr) {
		err = errno;
		daxpool_rdma_strerror(err, why, sizeof(why),
				range ? len : daxpool_map_get_size(map));
	}
	printf("{\"ok\":%s,\"errno\":%d,\"error\":\"%s\",\"size\":%zu,"
	       "\"mr_length\":%zu,\"pid\":%d}\n",
			mr ? "true" : "false", err, why,
			daxpool_map_get_size(map), mr ? mr->length : 0,
			(int)getpid());
	fflush(stdout);
	if (!mr) {
		rdma_prog_pd_free(pd);
		daxpool_map_close(map);
		daxpool_unref(ctx);
		return 2;
	}
	if (holding)
		hold(map);
	ibv_dereg_mr(mr);
	daxpool_map_close(map);
	printf("closed\n");
	fflush(stdout);
	if (holding)
		while (sigwait(&sigs, &opt) == 0 && opt != SIGTERM)
			;
	rdma_prog_pd_free(pd);
	daxpool_unref(ctx);
	return 0;
}
