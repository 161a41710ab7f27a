/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reg-mr: map a file or device and register the mapping for RDMA with a
 * plain (non-ODP) ibv_reg_mr, the long-term pin that device-DAX allows and
 * filesystem-DAX refuses.
 *
 *   reg-mr [-d IBDEV] [-r] [-H] PATH LEN
 *
 *   -d IBDEV  use this RDMA device (default: the first one)
 *   -r        open and map read-only (default: read-write)
 *   -H        hold: after a successful registration, keep the mapping and
 *             the registration until SIGTERM/SIGINT or end of stdin
 *   LEN       bytes to map and register; K, M, G suffixes (powers of two)
 *
 * Prints one JSON object on stdout:
 *   {"ok":true|false,"stage":"...","errno":N,"error":"...","len":N,
 *    "usec":N,"device":"..."}
 * usec is the time ibv_reg_mr took. Exit status: 0 registered, 2 the
 * registration failed (errno tells why), 1 anything before it failed
 * (stage tells which step).
 */
#include <errno.h>
#include <fcntl.h>
#include <infiniband/verbs.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

static const char *dev_name = "";

static void report(int ok, const char *stage, int err, size_t len, long usec)
{
	printf("{\"ok\":%s,\"stage\":\"%s\",\"errno\":%d,\"error\":\"%s\","
	       "\"len\":%zu,\"usec\":%ld,\"device\":\"%s\"}\n",
			ok ? "true" : "false", stage, err,
			err ? strerror(err) : "", len, usec, dev_name);
	fflush(stdout);
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'G':
	case 'g':
		v <<= 10; /* fall through */
	case 'M':
	case 'm':
		v <<= 10; /* fall through */
	case 'K':
	case 'k':
		v <<= 10;
		end++;
		break;
	case '\0':
		break;
	default:
		return -1;
	}
	if (*end != '\0' || v == 0)
		return -1;
	*out = (size_t)v;
	return 0;
}

static long usec_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000000L +
			(t1.tv_nsec - t0->tv_nsec) / 1000L;
}

static void usage(void)
{
	fprintf(stderr, "usage: reg-mr [-d IBDEV] [-r] [-H] PATH LEN\n");
	exit(1);
}

int main(int argc, char **argv)
{
	const char *want = NULL;
	int readonly = 0, hold = 0, opt, fd, n, i, err;
	size_t len;
	void *addr;
	struct ibv_device **list;
	struct ibv_device *dev = NULL;
	struct ibv_context *ctx;
	struct ibv_pd *pd;
	struct ibv_mr *mr;
	struct timespec t0;
	long usec;

	while ((opt = getopt(argc, argv, "d:rH")) != -1) {
		switch (opt) {
		case 'd':
			want = optarg;
			break;
		case 'r':
			readonly = 1;
			break;
		case 'H':
			hold = 1;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 2 || parse_size(argv[optind + 1], &len))
		usage();

	fd = open(argv[optind], readonly ? O_RDONLY : O_RDWR);
	if (fd < 0) {
		report(0, "open", errno, len, 0);
		return 1;
	}
	addr = mmap(NULL, len, PROT_READ | (readonly ? 0 : PROT_WRITE),
			MAP_SHARED, fd, 0);
	if (addr == MAP_FAILED) {
		report(0, "mmap", errno, len, 0);
		return 1;
	}

	list = ibv_get_device_list(&n);
	if (!list) {
		report(0, "ibv_get_device_list", errno, len, 0);
		return 1;
	}
	for (i = 0; i < n; i++)
		if (!want || strcmp(ibv_get_device_name(list[i]), want) == 0) {
			dev = list[i];
			break;
		}
	if (!dev) {
		report(0, "device", ENODEV, len, 0);
		return 1;
	}
	dev_name = ibv_get_device_name(dev);
	ctx = ibv_open_device(dev);
	if (!ctx) {
		report(0, "ibv_open_device", errno ? errno : EIO, len, 0);
		return 1;
	}
	pd = ibv_alloc_pd(ctx);
	if (!pd) {
		report(0, "ibv_alloc_pd", errno ? errno : EIO, len, 0);
		return 1;
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	errno = 0;
	mr = ibv_reg_mr(pd, addr, len,
			IBV_ACCESS_LOCAL_WRITE | IBV_ACCESS_REMOTE_READ |
					IBV_ACCESS_REMOTE_WRITE);
	err = errno;
	usec = usec_since(&t0);
	if (!mr) {
		report(0, "ibv_reg_mr", err ? err : EIO, len, usec);
		ibv_dealloc_pd(pd);
		ibv_close_device(ctx);
		ibv_free_device_list(list);
		return 2;
	}
	report(1, "ibv_reg_mr", 0, len, usec);

	if (hold) {
		sigset_t set;
		int sig;

		/* Wait for a signal or for stdin to close, whichever first. */
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigaddset(&set, SIGINT);
		sigprocmask(SIG_BLOCK, &set, NULL);
		if (fork() == 0) {
			char c;

			prctl(PR_SET_PDEATHSIG, SIGKILL);
			while (read(0, &c, 1) > 0)
				;
			kill(getppid(), SIGTERM);
			_exit(0);
		}
		sigwait(&set, &sig);
	}

	ibv_dereg_mr(mr);
	ibv_dealloc_pd(pd);
	ibv_close_device(ctx);
	ibv_free_device_list(list);
	munmap(addr, len);
	close(fd);
	return 0;
}
