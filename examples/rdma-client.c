// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * rdma-client ADDR PORT
 *
 * The other half of rdma-server: connect, take the pool's address, length
 * and rkey from the accept's private data, RDMA WRITE a pattern into the
 * pool, RDMA READ it back and compare, then disconnect to tell the server it
 * is done. Plain libibverbs and librdmacm: the client needs no libdaxpool.
 */
#include <netdb.h>
#include <stdlib.h>
#include "rdma-common.h"

/* post one signaled WR and wait for its completion */
static int post_and_wait(struct rdma_cm_id *id, struct ibv_cq *cq,
		enum ibv_wr_opcode op, struct ibv_mr *mr, void *buf,
		uint64_t raddr, uint32_t rkey)
{
	struct ibv_sge sge = {
		.addr = (uintptr_t)buf, .length = PATTERN_LEN, .lkey = mr->lkey
	};
	struct ibv_send_wr wr = {
		.sg_list = &sge, .num_sge = 1, .opcode = op,
		.send_flags = IBV_SEND_SIGNALED,
		.wr.rdma = { .remote_addr = raddr, .rkey = rkey },
	}, *bad;
	struct ibv_wc wc;
	int n;

	if (ibv_post_send(id->qp, &wr, &bad)) {
		perror("ibv_post_send");
		return -1;
	}
	while ((n = ibv_poll_cq(cq, 1, &wc)) == 0)
		;
	if (n < 0 || wc.status != IBV_WC_SUCCESS) {
		fprintf(stderr, "%s failed: %s\n",
				op == IBV_WR_RDMA_WRITE ? "RDMA WRITE" :
							  "RDMA READ",
				n < 0 ? "poll" : ibv_wc_status_str(wc.status));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct rdma_addrinfo hints = { .ai_port_space = RDMA_PS_TCP }, *ai;
	struct rdma_conn_param param = { .responder_resources = 1,
		.initiator_depth = 1 };
	struct rdma_event_channel *ch;
	struct rdma_cm_event *ev;
	struct rdma_cm_id *id;
	struct pool_info info;
	struct ibv_pd *pd;
	struct ibv_cq *cq;
	struct ibv_mr *mr;
	uint64_t raddr;
	uint32_t rkey, seed;
	uint8_t *out, *in;
	size_t i;
	int rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: rdma-client ADDR PORT\n");
		return 2;
	}

	/* 1. resolve the server's address and route */
	if (rdma_getaddrinfo(argv[1], argv[2], &hints, &ai)) {
		perror("rdma_getaddrinfo");
		return 1;
	}
	ch = rdma_create_event_channel();
	if (!ch || rdma_create_id(ch, &id, NULL, RDMA_PS_TCP) ||
			rdma_resolve_addr(id, NULL, ai->ai_dst_addr, 2000) ||
			expect_event(ch, RDMA_CM_EVENT_ADDR_RESOLVED, &ev))
		return 1;
	rdma_ack_cm_event(ev);
	if (rdma_resolve_route(id, 2000) ||
			expect_event(ch, RDMA_CM_EVENT_ROUTE_RESOLVED, &ev))
		return 1;
	rdma_ack_cm_event(ev);

	/* 2. a QP, and local buffers to write from and read into */
	pd = ibv_alloc_pd(id->verbs);
	cq = pd ? make_qp(id, pd) : NULL;
	if (!cq)
		return 1;
	out = calloc(2, PATTERN_LEN);
	in = out + PATTERN_LEN;
	mr = out ? ibv_reg_mr(pd, out, 2 * PATTERN_LEN,
				   IBV_ACCESS_LOCAL_WRITE) :
		   NULL;
	if (!mr) {
		perror("ibv_reg_mr");
		return 1;
	}

	/* 3. connect; the accept brings the pool's coordinates */
	if (rdma_connect(id, &param) ||
			expect_event(ch, RDMA_CM_EVENT_ESTABLISHED, &ev))
		return 1;
	if (ev->param.conn.private_data_len < sizeof(info)) {
		fprintf(stderr, "no pool info from the server\n");
		return 1;
	}
	memcpy(&info, ev->param.conn.private_data, sizeof(info));
	rdma_ack_cm_event(ev);
	raddr = be64toh(info.addr);
	rkey = be32toh(info.rkey);
	seed = be32toh(info.seed);
	printf("pool at 0x%llx, %llu bytes, rkey 0x%x\n",
			(unsigned long long)raddr,
			(unsigned long long)be64toh(info.len), rkey);

	/* 4. write the pattern into the pool, read it back, compare */
	for (i = 0; i < PATTERN_LEN; i++)
		out[i] = pattern_byte(seed, i);
	if (post_and_wait(id, cq, IBV_WR_RDMA_WRITE, mr, out, raddr, rkey) ==
					0 &&
			post_and_wait(id, cq, IBV_WR_RDMA_READ, mr, in, raddr,
					rkey) == 0) {
		rc = memcmp(out, in, PATTERN_LEN) != 0;
		printf("%u bytes written and read back: %s\n", PATTERN_LEN,
				rc ? "MISMATCH" : "same");
	}

	/* 5. disconnecting tells the server we are done */
	rdma_disconnect(id);
	if (expect_event(ch, RDMA_CM_EVENT_DISCONNECTED, &ev) == 0)
		rdma_ack_cm_event(ev);
	rdma_destroy_qp(id);
	ibv_destroy_cq(cq);
	ibv_dereg_mr(mr);
	free(out);
	ibv_dealloc_pd(pd);
	rdma_destroy_id(id);
	rdma_destroy_event_channel(ch);
	rdma_freeaddrinfo(ai);
	return rc;
}
