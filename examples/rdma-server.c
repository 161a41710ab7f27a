// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * rdma-server POOL ADDR PORT
 *
 * Serve a daxpool pool over RDMA: open it by name, register all of it (a
 * long-term pin, which device-DAX allows), accept one rdma_cm connection and
 * hand the client the pool's address, length and rkey in the accept's
 * private data. The client writes a pattern into the pool with RDMA WRITE and
 * disconnects; the server then checks the pattern in its own mapping.
 * Exit status 0 only if the pattern is there.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <daxpool/libdaxpool-rdma.h>
#include "rdma-common.h"

int main(int argc, char **argv)
{
	struct rdma_addrinfo hints = { .ai_flags = RAI_PASSIVE,
		.ai_port_space = RDMA_PS_TCP };
	struct rdma_conn_param param = { .responder_resources = 1,
		.initiator_depth = 1 };
	struct rdma_event_channel *ch;
	struct rdma_cm_id *listen_id, *id;
	struct rdma_cm_event *ev;
	struct rdma_addrinfo *ai;
	struct daxpool_ctx *ctx;
	struct daxpool_map *map;
	struct pool_info info;
	struct ibv_pd *pd;
	struct ibv_cq *cq;
	struct ibv_mr *mr;
	uint32_t seed;
	uint8_t *pool;
	size_t i, bad = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: rdma-server POOL ADDR PORT\n");
		return 2;
	}

	/* 1. the pool, by name, as whoever we are */
	if (daxpool_new(&ctx) < 0)
		return 1;
	map = daxpool_map_open(ctx, argv[1], O_RDWR);
	if (!map) {
		fprintf(stderr, "%s: %s\n", argv[1], daxpool_get_error(ctx));
		return 1;
	}
	pool = daxpool_map_get_addr(map);
	if (daxpool_map_get_size(map) < PATTERN_LEN) {
		fprintf(stderr, "%s: smaller than %u bytes\n", argv[1],
				PATTERN_LEN);
		return 1;
	}
	seed = (uint32_t)time(NULL) ^ (uint32_t)getpid();
	memset(pool, 0, PATTERN_LEN);

	/* 2. listen with rdma_cm */
	if (rdma_getaddrinfo(argv[2], argv[3], &hints, &ai)) {
		perror("rdma_getaddrinfo");
		return 1;
	}
	ch = rdma_create_event_channel();
	if (!ch || rdma_create_id(ch, &listen_id, NULL, RDMA_PS_TCP) ||
			rdma_bind_addr(listen_id, ai->ai_src_addr) ||
			rdma_listen(listen_id, 1)) {
		perror("listen");
		return 1;
	}
	printf("listening on %s:%s, pool %s\n", argv[2], argv[3], argv[1]);
	fflush(stdout);

	/* 3. a client: register the pool on its device, make a QP, accept */
	if (expect_event(ch, RDMA_CM_EVENT_CONNECT_REQUEST, &ev))
		return 1;
	id = ev->id;
	rdma_ack_cm_event(ev);
	pd = ibv_alloc_pd(id->verbs);
	if (!pd) {
		perror("ibv_alloc_pd");
		return 1;
	}
	mr = daxpool_map_reg_mr(map, pd,
			IBV_ACCESS_LOCAL_WRITE | IBV_ACCESS_REMOTE_WRITE |
					IBV_ACCESS_REMOTE_READ);
	if (!mr) {
		char why[256];
		int err = errno;

		fprintf(stderr, "register %s: %s\n", argv[1],
				daxpool_rdma_strerror(err, why, sizeof(why),
						daxpool_map_get_size(map)));
		return 1;
	}
	cq = make_qp(id, pd);
	if (!cq)
		return 1;
	info.addr = htobe64((uintptr_t)pool);
	info.len = htobe64(mr->length);
	info.rkey = htobe32(mr->rkey);
	info.seed = htobe32(seed);
	param.private_data = &info;
	param.private_data_len = sizeof(info);
	if (rdma_accept(id, &param)) {
		perror("rdma_accept");
		return 1;
	}
	if (expect_event(ch, RDMA_CM_EVENT_ESTABLISHED, &ev))
		return 1;
	rdma_ack_cm_event(ev);

	/* 4. the client disconnects when it is done */
	if (expect_event(ch, RDMA_CM_EVENT_DISCONNECTED, &ev))
		return 1;
	rdma_ack_cm_event(ev);

	/* 5. the pattern must be in the pool's own memory */
	for (i = 0; i < PATTERN_LEN; i++)
		bad += pool[i] != pattern_byte(seed, i);
	if (bad)
		printf("pool %s: %zu of %u bytes differ from the pattern\n",
				argv[1], bad, PATTERN_LEN);
	else
		printf("pool %s: the client's %u-byte pattern is in the pool\n",
				argv[1], PATTERN_LEN);

	/* the registration holds the pool until daxpool_map_dereg_mr */
	rdma_destroy_qp(id);
	ibv_destroy_cq(cq);
	daxpool_map_dereg_mr(map, mr);
	ibv_dealloc_pd(pd);
	rdma_destroy_id(id);
	rdma_destroy_id(listen_id);
	rdma_destroy_event_channel(ch);
	rdma_freeaddrinfo(ai);
	daxpool_map_close(map);
	daxpool_unref(ctx);
	return bad ? 1 : 0;
}
