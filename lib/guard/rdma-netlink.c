// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The user RDMA memory regions the kernel tracks (what `rdma resource show
 * mr` prints), asked over the RDMA netlink family: the owner's pid, the
 * length and, for a caller with CAP_NET_ADMIN, the address. Plain netlink
 * rather than a library: libdaxpool should not pull in libibverbs or
 * libmnl for one dump.
 */
#include <errno.h>
#include <linux/netlink.h>
#include <rdma/rdma_netlink.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "guard/inuse.h"

#define BUFSZ 65536

struct nl {
	int fd;
	unsigned int seq;
	char *buf;
};

static int nl_send(struct nl *nl, unsigned int cmd, const uint32_t *dev_index)
{
	struct {
		struct nlmsghdr h;
		struct nlattr a;
		uint32_t v;
	} req;
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };

	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = NLMSG_LENGTH(0);
	req.h.nlmsg_type = RDMA_NL_GET_TYPE(RDMA_NL_NLDEV, cmd);
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.h.nlmsg_seq = ++nl->seq;
	if (dev_index) {
		req.a.nla_type = RDMA_NLDEV_ATTR_DEV_INDEX;
		req.a.nla_len = NLA_HDRLEN + sizeof(uint32_t);
		req.v = *dev_index;
		req.h.nlmsg_len = NLMSG_LENGTH(NLA_HDRLEN + sizeof(uint32_t));
	}
	if (sendto(nl->fd, &req, req.h.nlmsg_len, 0, (struct sockaddr *)&to,
			    sizeof(to)) < 0)
		return -errno;
	return 0;
}

/* attributes of a message or a nest: calls FN for each, stops on non-zero */
typedef int (*attr_fn)(const struct nlattr *a, void *arg);

static int for_each_attr(const void *data, size_t len, attr_fn fn, void *arg)
{
	const char *p = data, *end = p + len;
	int rc;

	while (p + NLA_HDRLEN <= end) {
		const struct nlattr *a = (const struct nlattr *)p;

		if (a->nla_len < NLA_HDRLEN || p + a->nla_len > end)
			return -EBADMSG;
		rc = fn(a, arg);
		if (rc)
			return rc;
		p += NLA_ALIGN(a->nla_len);
	}
	return 0;
}

static const void *attr_data(const struct nlattr *a)
{
	return (const char *)a + NLA_HDRLEN;
}

static size_t attr_len(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

static uint64_t attr_uint(const struct nlattr *a)
{
	uint64_t v64 = 0;
	uint32_t v32 = 0;

	if (attr_len(a) >= 8) {
		memcpy(&v64, attr_data(a), 8);
		return v64;
	}
	if (attr_len(a) >= 4)
		memcpy(&v32, attr_data(a), 4);
	return v32;
}

/* receives the whole dump, calling FN for the attributes of each message */
static int nl_dump(struct nl *nl, attr_fn fn, void *arg)
{
	for (;;) {
		ssize_t got = recv(nl->fd, nl->buf, BUFSZ, 0);
		struct nlmsghdr *h;
		int n;

		if (got < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		n = (int)got;
		for (h = (struct nlmsghdr *)nl->buf; NLMSG_OK(h, n);
				h = NLMSG_NEXT(h, n)) {
			int rc;

			if (h->nlmsg_seq != nl->seq)
				continue;
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);

				return e->error;
			}
			rc = for_each_attr(NLMSG_DATA(h), NLMSG_PAYLOAD(h, 0),
					fn, arg);
			if (rc < 0)
				return rc;
		}
	}
}

struct devs {
	uint32_t idx[64];
	int n;
};

static int dev_attr(const struct nlattr *a, void *arg)
{
	struct devs *d = arg;

	if ((a->nla_type & NLA_TYPE_MASK) == RDMA_NLDEV_ATTR_DEV_INDEX &&
			d->n < 64)
		d->idx[d->n++] = (uint32_t)attr_uint(a);
	return 0;
}

struct mrs {
	struct dp_mr *list;
	int n, cap;
	struct dp_mr cur;
	bool kernel;
};

static int mr_field(const struct nlattr *a, void *arg)
{
	struct mrs *m = arg;

	switch (a->nla_type & NLA_TYPE_MASK) {
	case RDMA_NLDEV_ATTR_RES_PID:
		m->cur.pid = (pid_t)attr_uint(a);
		break;
	case RDMA_NLDEV_ATTR_RES_IOVA:
		m->cur.iova = attr_uint(a);
		m->cur.has_iova = 1;
		break;
	case RDMA_NLDEV_ATTR_RES_MRLEN:
		m->cur.len = attr_uint(a);
		break;
	case RDMA_NLDEV_ATTR_RES_KERN_NAME:
		m->kernel = true;
		break;
	}
	return 0;
}

static int mr_entry(const struct nlattr *a, void *arg)
{
	struct mrs *m = arg;
	int rc;

	if ((a->nla_type & NLA_TYPE_MASK) != RDMA_NLDEV_ATTR_RES_MR_ENTRY)
		return 0;
	memset(&m->cur, 0, sizeof(m->cur));
	m->kernel = false;
	rc = for_each_attr(attr_data(a), attr_len(a), mr_field, m);
	if (rc < 0)
		return rc;
	if (m->kernel)
		return 0; /* the kernel's own: no process pins through it */
	if (m->n == m->cap) {
		int cap = m->cap ? m->cap * 2 : 16;
		struct dp_mr *l = realloc(m->list, sizeof(*l) * (size_t)cap);

		if (!l)
			return -ENOMEM;
		m->list = l;
		m->cap = cap;
	}
	m->list[m->n++] = m->cur;
	return 0;
}

static int mr_table(const struct nlattr *a, void *arg)
{
	if ((a->nla_type & NLA_TYPE_MASK) != RDMA_NLDEV_ATTR_RES_MR)
		return 0;
	return for_each_attr(attr_data(a), attr_len(a), mr_entry, arg);
}

int dp_rdma_list_mrs(struct dp_mr **out, int *nout)
{
	struct sockaddr_nl me = { .nl_family = AF_NETLINK };
	struct nl nl = { .seq = 0 };
	struct devs devs = { .n = 0 };
	struct mrs m = { .list = NULL };
	int i, rc;

	*out = NULL;
	*nout = 0;
	nl.fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_RDMA);
	if (nl.fd < 0)
		/* no RDMA core in this kernel: nothing can be registered */
		return errno == EPROTONOSUPPORT ? 0 : -errno;
	nl.buf = malloc(BUFSZ);
	rc = nl.buf ? 0 : -ENOMEM;
	if (!rc && bind(nl.fd, (struct sockaddr *)&me, sizeof(me)) < 0)
		rc = -errno;
	if (!rc)
		rc = nl_send(&nl, RDMA_NLDEV_CMD_GET, NULL);
	if (!rc)
		rc = nl_dump(&nl, dev_attr, &devs);
	for (i = 0; !rc && i < devs.n; i++) {
		rc = nl_send(&nl, RDMA_NLDEV_CMD_RES_MR_GET, &devs.idx[i]);
		if (!rc)
			rc = nl_dump(&nl, mr_table, &m);
	}
	close(nl.fd);
	free(nl.buf);
	if (rc) {
		free(m.list);
		return rc;
	}
	*out = m.list;
	*nout = m.n;
	return 0;
}
