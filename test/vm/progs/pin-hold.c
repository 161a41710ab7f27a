// SPDX-License-Identifier: GPL-2.0-only
/*
 * pin-hold: hold or pin a pool in every way the in-use scan must see, for
 * the VM tests of destroy's refusal.
 *
 *   pin-hold raw-mr DEV          ibv_reg_mr of a plain mapping, then munmap+close
 *   pin-hold lib-mr NAME [plain] daxpool_map_reg_mr, then daxpool_map_close;
 *                                released with daxpool_map_dereg_mr (or, with
 *                                plain, ibv_dereg_mr)
 *   pin-hold uring DEV           io_uring fixed buffer of a mapping, then munmap+close
 *   pin-hold anon-mr BYTES [unmap]  an MR on anonymous memory (kept mapped,
 *                                or unmapped with unmap): not the pool
 *   pin-hold vmsplice DEV        vmsplice pages of a mapping into a pipe,
 *                                then munmap+close: only the pipe holds them
 *   pin-hold rings N DEV         N-1 io_uring rings with a 4 KiB anonymous
 *                                buffer each, and an Nth over the pool
 *   pin-hold remap DEV           ibv_reg_mr of a mapping, then anonymous
 *                                memory mapped at the same address
 *   pin-hold fork-mr DEV         raw-mr, then hand the registration to a
 *                                child and exit: the pid printed is the
 *                                child's, which never mapped the pool
 *   pin-hold map DEV             a plain mapping, every page touched, fd closed
 *   pin-hold many-maps N         map N files of its own (./m.I): makes every
 *                                scan of /proc slow, for tests that must
 *                                catch a destroy in the middle
 *   pin-hold thread-exit DEV     map, close the fd, let the main thread exit
 *                                while another thread keeps the mapping
 *   pin-hold forge-deleted DEV   as any user: map a file whose path, cut at
 *                                " (deleted)", names a link to DEV
 *   pin-hold forge-long DEV      as any user: map a file whose maps line is
 *                                longer than 4 KiB and ends in DEV's path
 *
 * Prints one JSON line {"ok":..,"pid":N,...} once it holds. Then: SIGUSR1
 * writes a pattern over the pool through a fresh mapping (DEV or NAME) and
 * reads it back ("round N: ... 0 wrong"); the first SIGTERM releases the
 * pin ("released"), the second exits. Exit 77: this kernel cannot do it.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include "daxdev.h"
#include "rdma-prog.h"
#include "../../forge.h"

static sigset_t sigs;
static const char *target; /* DEV or NAME, for the write rounds */
static int by_name;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* DEV mapped at its alignment; NULL after saying why */
static uint8_t *map_dev(const char *dev, size_t *size, int close_fd, int *fdp)
{
	uint64_t align = daxdev_attr(dev, "align");
	uint8_t *area, *want, *p;
	int fd;

	*size = daxdev_attr(dev, "size");
	align = align ? align : 2 << 20;
	fd = open(dev, O_RDWR);
	if (fd < 0) {
		say("{\"ok\":false,\"stage\":\"open\",\"errno\":%d}", errno);
		return NULL;
	}
	area = mmap(NULL, *size + align, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	want = (uint8_t *)(((uintptr_t)area + align - 1) &
			~(uintptr_t)(align - 1));
	p = mmap(want, *size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
			fd, 0);
	if (p == MAP_FAILED) {
		say("{\"ok\":false,\"stage\":\"mmap\",\"errno\":%d}", errno);
		return NULL;
	}
	if (close_fd)
		close(fd);
	else if (fdp)
		*fdp = fd;
	return p;
}

static void write_round(unsigned int round)
{
	struct daxpool_ctx *ctx = NULL;
	struct daxpool_map *map = NULL;
	size_t i, n = 0, bad = 0;
	uint8_t *p;

	if (by_name) {
		map = rdma_prog_map(target, &ctx);
		p = map ? daxpool_map_get_addr(map) : NULL;
		n = map ? daxpool_map_get_size(map) : 0;
	} else {
		p = map_dev(target, &n, 1, NULL);
	}
	if (!p) {
		say("round %u: cannot map %s", round, target);
		return;
	}
	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 7 + round);
	for (i = 0; i < n; i++)
		bad += p[i] != (uint8_t)(i * 7 + round);
	say("round %u: wrote and read back %zu bytes, %zu wrong", round, n,
			bad);
	if (map) {
		daxpool_map_close(map);
		daxpool_unref(ctx);
	} else {
		munmap(p, n);
	}
}

/* write rounds until SIGTERM */
static void serve(void)
{
	unsigned int round = 0;
	int sig;

	while (sigwait(&sigs, &sig) == 0 && sig == SIGUSR1)
		write_round(++round);
}

/* what raw_mr does once the registration is made and the pool unmapped */
enum after_mr {
	KEEP, /* nothing of the pool is mapped or open now */
	REMAP, /* anonymous memory at the registration's addresses */
	HANDOFF, /* the registration goes to a child; this process exits */
};

static int raw_mr(const char *dev, enum after_mr after)
{
	struct ibv_pd *pd = rdma_prog_pd(NULL);
	struct ibv_mr *mr;
	pid_t holder = getpid();
	size_t size;
	uint8_t *p;

	if (!pd || !(p = map_dev(dev, &size, 1, NULL)))
		return 1;
	mr = ibv_reg_mr(pd, p, size,
			IBV_ACCESS_LOCAL_WRITE | IBV_ACCESS_REMOTE_WRITE);
	if (!mr) {
		say("{\"ok\":false,\"stage\":\"ibv_reg_mr\",\"errno\":%d}",
				errno);
		return 2;
	}
	munmap(p, size);
	if (after == REMAP &&
			mmap(p, size, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
					-1, 0) == MAP_FAILED)
		return 1;
	if (after == HANDOFF) {
		/* the child inherits the registration; the parent that made
		 * it (and whose pinned-memory count it is) goes away */
		holder = fork();
		if (holder < 0)
			return 1;
		if (holder > 0) {
			say("{\"ok\":true,\"pid\":%d,\"size\":%zu}",
					(int)holder, size);
			_exit(0);
		}
	} else {
		say("{\"ok\":true,\"pid\":%d,\"size\":%zu}", (int)holder, size);
	}
	serve();
	ibv_dereg_mr(mr);
	say("released");
	return 0;
}

static int lib_mr(const char *name, int plain)
{
	struct ibv_pd *pd = rdma_prog_pd(NULL);
	struct daxpool_ctx *ctx;
	struct daxpool_map *map;
	struct ibv_mr *mr;
	size_t size;

	if (!pd || !(map = rdma_prog_map(name, &ctx)))
		return 1;
	mr = daxpool_map_reg_mr(map, pd,
			IBV_ACCESS_LOCAL_WRITE | IBV_ACCESS_REMOTE_WRITE);
	if (!mr) {
		say("{\"ok\":false,\"stage\":\"daxpool_map_reg_mr\",\"errno\":%d}",
				errno);
		return 2;
	}
	size = daxpool_map_get_size(map);
	daxpool_map_close(map);
	say("{\"ok\":true,\"pid\":%d,\"size\":%zu}", (int)getpid(), size);
	serve();
	if (plain)
		ibv_dereg_mr(mr);
	else
		daxpool_map_dereg_mr(map, mr);
	say("released");
	daxpool_unref(ctx);
	return 0;
}

static int anon_mr(size_t size, int unmap)
{
	struct ibv_pd *pd = rdma_prog_pd(NULL);
	struct ibv_mr *mr;
	void *p;

	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!pd || p == MAP_FAILED)
		return 1;
	memset(p, 1, size);
	mr = ibv_reg_mr(pd, p, size, IBV_ACCESS_LOCAL_WRITE);
	if (!mr) {
		say("{\"ok\":false,\"stage\":\"ibv_reg_mr\",\"errno\":%d}",
				errno);
		return 2;
	}
	if (unmap)
		munmap(p, size);
	say("{\"ok\":true,\"pid\":%d,\"size\":%zu}", (int)getpid(), size);
	serve();
	ibv_dereg_mr(mr);
	say("released");
	return 0;
}

/* pages of the pool referenced by a pipe, and by nothing else */
static int splice_pages(const char *dev)
{
	int pipefd[2];
	struct iovec iov;
	size_t size;
	uint8_t *p;
	ssize_t n;
	char buf[4096];

	if (pipe(pipefd) < 0 || !(p = map_dev(dev, &size, 1, NULL)))
		return 1;
	memset(p, 0x5a, 16 * 4096);
	iov.iov_base = p;
	iov.iov_len = 16 * 4096;
	n = vmsplice(pipefd[1], &iov, 1, 0);
	if (n <= 0) {
		say("{\"ok\":false,\"stage\":\"vmsplice\",\"errno\":%d}",
				errno);
		return 2;
	}
	munmap(p, size);
	say("{\"ok\":true,\"pid\":%d,\"size\":%zd}", (int)getpid(), n);
	serve();
	/* the pages stayed readable through the pipe */
	n = read(pipefd[0], buf, sizeof(buf));
	say("released: read %zd bytes from the pipe, first 0x%02x", n,
			n > 0 ? (uint8_t)buf[0] : 0);
	close(pipefd[0]);
	close(pipefd[1]);
	return 0;
}

static int ring_with(void *addr, size_t len)
{
	struct io_uring_params params;
	struct iovec iov = { addr, len };
	int ring;

	memset(&params, 0, sizeof(params));
	ring = (int)syscall(__NR_io_uring_setup, 4, &params);
	if (ring < 0)
		return -1;
	if (syscall(__NR_io_uring_register, ring, IORING_REGISTER_BUFFERS, &iov,
			    1) < 0)
		return -2;
	return ring;
}

/* N-1 decoy rings of anonymous memory, then one over the pool */
static int rings(int n, const char *dev)
{
	size_t size;
	uint8_t *p;
	int i, r;

	for (i = 0; i < n - 1; i++) {
		void *a = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		memset(a, 1, 4096);
		if (ring_with(a, 4096) < 0) {
			say("{\"ok\":false,\"stage\":\"io_uring decoy\",\"errno\":%d}",
					errno);
			return 77;
		}
	}
	if (!(p = map_dev(dev, &size, 1, NULL)))
		return 1;
	r = ring_with(p, size);
	if (r == -1) {
		say("{\"ok\":false,\"stage\":\"io_uring_setup\",\"errno\":%d}",
				errno);
		return 77;
	}
	if (r < 0) {
		say("{\"ok\":false,\"stage\":\"IORING_REGISTER_BUFFERS\",\"errno\":%d}",
				errno);
		return errno == EOPNOTSUPP || errno == EFAULT ? 77 : 2;
	}
	munmap(p, size);
	say("{\"ok\":true,\"pid\":%d,\"size\":%zu}", (int)getpid(), size);
	serve();
	syscall(__NR_io_uring_register, r, IORING_UNREGISTER_BUFFERS, NULL, 0);
	say("released");
	return 0;
}

static void *keeper(void *arg)
{
	int sig;

	(void)arg;
	while (sigwait(&sigs, &sig) == 0 && sig != SIGTERM)
		;
	exit(0);
}

static int thread_exit(const char *dev)
{
	pthread_t t;
	size_t size;

	if (!map_dev(dev, &size, 1, NULL))
		return 1;
	if (pthread_create(&t, NULL, keeper, NULL))
		return 1;
	say("{\"ok\":true,\"pid\":%d,\"size\":%zu}", (int)getpid(), size);
	pthread_exit(NULL);
}

static int forged(void *p)
{
	if (!p) {
		say("{\"ok\":false,\"stage\":\"map-file\",\"errno\":%d}",
				errno);
		return 1;
	}
	say("{\"ok\":true,\"pid\":%d,\"size\":4096}", (int)getpid());
	serve();
	return 0;
}

/* ./l -> DEV, and the file "./l (deleted)/f": cut at " (deleted)" its
 * path is the link to the device */
static int forge_deleted(const char *dev)
{
	if (symlink(dev, "l") < 0 || mkdir("l (deleted)", 0700) < 0)
		return forged(NULL);
	return forged(forge_map_file("l (deleted)/f"));
}

/* a maps line cut by a 4 KiB line buffer right before "/dev/daxX.Y" */
static int forge_long(const char *dev)
{
	char cwd[256], path[4200];
	void *probe;

	if (!getcwd(cwd, sizeof(cwd)) || !(probe = forge_map_file("probe")) ||
			forge_long_path(cwd, forge_maps_column(probe), "dev",
					strrchr(dev, '/') ?
							strrchr(dev, '/') + 1 :
							dev,
					path, sizeof(path)) < 0)
		return forged(NULL);
	return forged(forge_map_file(path));
}

int main(int argc, char **argv)
{
	int rc = 1, sig;

	if (argc < 3) {
		fprintf(stderr, "usage: pin-hold raw-mr|uring|map|thread-exit|vmsplice|remap|fork-mr DEV | rings N DEV | lib-mr NAME [plain] | anon-mr BYTES [unmap] | many-maps N | forge-deleted|forge-long DEV\n");
		return 1;
	}
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGUSR1);
	sigaddset(&sigs, SIGTERM);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	target = argv[2];
	if (strcmp(argv[1], "raw-mr") == 0)
		rc = raw_mr(argv[2], KEEP);
	else if (strcmp(argv[1], "lib-mr") == 0) {
		by_name = 1;
		rc = lib_mr(argv[2], argc > 3 && strcmp(argv[3], "plain") == 0);
	} else if (strcmp(argv[1], "uring") == 0)
		rc = rings(1, argv[2]);
	else if (strcmp(argv[1], "anon-mr") == 0)
		rc = anon_mr(strtoull(argv[2], NULL, 0), argc > 3);
	else if (strcmp(argv[1], "many-maps") == 0) {
		long i, n = strtol(argv[2], NULL, 0);
		char name[32];

		for (i = 0; i < n; i++) {
			snprintf(name, sizeof(name), "m.%ld", i);
			if (!forge_map_file(name))
				return forged(NULL);
		}
		say("{\"ok\":true,\"pid\":%d,\"size\":%ld}", (int)getpid(), n);
	} else if (strcmp(argv[1], "map") == 0) {
		size_t size;

		volatile uint8_t *m = map_dev(argv[2], &size, 1, NULL);
		size_t i;

		rc = m ? 0 : 1;
		/* fault every page in: folio-mapping kernels count a mapping then */
		for (i = 0; m && i < size; i += 4096)
			(void)m[i];
		if (!rc)
			say("{\"ok\":true,\"pid\":%d,\"size\":%zu}",
					(int)getpid(), size);
	} else if (strcmp(argv[1], "thread-exit") == 0)
		rc = thread_exit(argv[2]);
	else if (strcmp(argv[1], "forge-deleted") == 0)
		rc = forge_deleted(argv[2]);
	else if (strcmp(argv[1], "forge-long") == 0)
		rc = forge_long(argv[2]);
	else if (strcmp(argv[1], "vmsplice") == 0)
		rc = splice_pages(argv[2]);
	else if (strcmp(argv[1], "rings") == 0 && argc > 3) {
		target = argv[3];
		rc = rings(atoi(argv[2]), argv[3]);
	} else if (strcmp(argv[1], "remap") == 0)
		rc = raw_mr(argv[2], REMAP);
	else if (strcmp(argv[1], "fork-mr") == 0)
		rc = raw_mr(argv[2], HANDOFF);
	if (rc)
		return rc;
	/* released: stay (RDMA device open) until told to go */
	while (sigwait(&sigs, &sig) == 0 && sig != SIGTERM)
		;
	return 0;
}
