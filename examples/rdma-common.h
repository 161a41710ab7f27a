/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What rdma-server and rdma-client agree on. */
#ifndef _DAXPOOL_EXAMPLE_RDMA_COMMON_H_
#define _DAXPOOL_EXAMPLE_RDMA_COMMON_H_
#include <endian.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <rdma/rdma_cma.h>

/* bytes the client writes at the start of the pool */
#define PATTERN_LEN (1u << 20)

/* the server's accept carries this as private data (big-endian) */
struct pool_info {
	uint64_t addr; /* the pool's address in the server */
	uint64_t len; /* the registered length: the whole pool */
	uint32_t rkey;
	uint32_t seed; /* the pattern of this run */
};

/* byte I of the pattern: a seed per run, so old data never passes */
static inline uint8_t pattern_byte(uint32_t seed, size_t i)
{
	return (uint8_t)((i * 2654435761u + seed) >> 13);
}

/* a CQ and an RC QP on ID with room for one work request; the CQ, or NULL */
static inline struct ibv_cq *make_qp(struct rdma_cm_id *id, struct ibv_pd *pd)
{
	struct ibv_qp_init_attr attr = {
		.cap = { .max_send_wr = 1,
				.max_recv_wr = 1,
				.max_send_sge = 1,
				.max_recv_sge = 1 },
		.qp_type = IBV_QPT_RC,
	};

	attr.send_cq = attr.recv_cq =
			ibv_create_cq(id->verbs, 2, NULL, NULL, 0);
	if (!attr.send_cq || rdma_create_qp(id, pd, &attr)) {
		perror("create qp");
		return NULL;
	}
	return attr.send_cq;
}

/* wait for the next event on CH; 0 if it is WANT (then *ev must be acked) */
static inline int expect_event(struct rdma_event_channel *ch,
		enum rdma_cm_event_type want, struct rdma_cm_event **ev)
{
	if (rdma_get_cm_event(ch, ev)) {
		perror("rdma_get_cm_event");
		return -1;
	}
	if ((*ev)->event != want) {
		fprintf(stderr, "got %s (status %d), wanted %s\n",
				rdma_event_str((*ev)->event), (*ev)->status,
				rdma_event_str(want));
		rdma_ack_cm_event(*ev);
		return -1;
	}
	return 0;
}
#endif
