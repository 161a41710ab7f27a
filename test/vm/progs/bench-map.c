// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-map POOL [N]: daxpool_map_open + daxpool_map_close against
 * open + aligned mmap + munmap + close of the same device, N times each
 * in one process ("repeat"), and once each in N new processes ("first":
 * daxpool_new + the first map_open of a context, which must not
 * enumerate the host's pools). Prints "repeat LIB_US RAW_US", "first
 * LIB_US RAW_US" and "warm LIB_US RAW_US" (means in microseconds; warm is
 * a new context's first open in a process where the library has already
 * run), and "faults LIB RAW": the mean minor page faults of one first
 * open, which under TCG cost about what a system call does and which
 * strace does not show.
 *
 * bench-map POOL --trace: a first map_open in a new context, a second and
 * a third in that context, and one open+mmap of the device, each between
 * marker calls (write(-1, "first-begin", ...) ... "first-end"), for
 * strace -T: what each open spends its system calls on.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <daxpool/libdaxpool.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* what an application does without libdaxpool: the aligned placement
 * device-DAX needs, then the mapping */
static int raw_open(const char *dev, size_t size, size_t align)
{
	int fd = open(dev, O_RDWR);
	void *p = mmap(NULL, size + align, PROT_NONE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(p, size + align);
	p = mmap((void *)(((unsigned long)p + align - 1) & ~(align - 1)), size,
			PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
	if (fd < 0 || p == MAP_FAILED) {
		perror(dev);
		return -1;
	}
	munmap(p, size);
	close(fd);
	return 0;
}

static int lib_open(struct daxpool_ctx *ctx, const char *name)
{
	struct daxpool_map *map = daxpool_map_open(ctx, name, O_RDWR);

	if (!map) {
		fprintf(stderr, "map_open %s: %s (%s)\n", name, strerror(errno),
				daxpool_get_error(ctx));
		return -1;
	}
	daxpool_map_close(map);
	return 0;
}

static long minor_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

enum { RAW, LIB, WARM };

/* one first open: a new context's map_open (the context is left to the
 * process's exit, as the timed part always did), or the device's open */
static int first_open(const char *name, const char *dev, size_t size,
		size_t align, int lib)
{
	struct daxpool_ctx *ctx;

	if (lib == RAW)
		return raw_open(dev, size, align);
	return daxpool_new(&ctx) < 0 ? -1 : lib_open(ctx, name);
}

/* one run in a new process: its time in seconds (-1 if it failed) and
 * its minor page faults */
struct run {
	double t;
	long faults;
};

static struct run in_child(const char *name, const char *dev, size_t size,
		size_t align, int lib)
{
	struct run r = { -1, 0 };
	int pfd[2], status;
	pid_t pid;

	if (pipe(pfd) < 0)
		return r;
	pid = fork();
	if (pid == 0) {
		long f0;
		double t0;
		int rc = 0;

		/* WARM: the library has run once in this process (its pages
		 * faulted in); what is timed is a new context's first open */
		if (lib == WARM)
			rc = first_open(name, dev, size, align, LIB);
		f0 = minor_faults();
		t0 = now();
		rc = rc ? rc : first_open(name, dev, size, align, lib);
		r.t = rc ? -1 : now() - t0;
		r.faults = minor_faults() - f0;
		if (write(pfd[1], &r, sizeof(r)) != sizeof(r))
			_exit(1);
		_exit(rc ? 1 : 0);
	}
	close(pfd[1]);
	if (pid < 0 || read(pfd[0], &r, sizeof(r)) != sizeof(r))
		r.t = -1;
	close(pfd[0]);
	if (pid > 0)
		waitpid(pid, &status, 0);
	return r;
}

/* a line in strace's output that cannot be mistaken for the opens' calls */
static void marker(const char *what)
{
	if (write(-1, what, strlen(what)) >= 0)
		abort();
}

int main(int argc, char **argv)
{
	bool trace = argc > 2 && strcmp(argv[2], "--trace") == 0;
	int n = argc > 2 && !trace ? atoi(argv[2]) : 1000, i;
	double t0, t_lib, t_raw, f_lib = 0, f_raw = 0, f_warm = 0;
	long flt_lib = 0, flt_raw = 0;
	struct daxpool_ctx *ctx;
	struct daxpool_map *map;
	char dev[64], fdpath[64];
	size_t size, align;
	ssize_t len;

	if (argc < 2 || n <= 0 || daxpool_new(&ctx) < 0)
		return 1;
	map = daxpool_map_open(ctx, argv[1], O_RDWR);
	if (!map) {
		perror(argv[1]);
		return 1;
	}
	size = daxpool_map_get_size(map);
	align = daxpool_map_get_align(map);
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d",
			daxpool_map_get_fd(map));
	len = readlink(fdpath, dev, sizeof(dev) - 1);
	dev[len > 0 ? len : 0] = '\0';
	daxpool_map_close(map);
	if (trace) {
		struct daxpool_ctx *fresh;

		marker("first-begin");
		i = daxpool_new(&fresh) < 0 ? -1 : lib_open(fresh, argv[1]);
		marker("first-end");
		/* the second open maps the change counter, once */
		marker("second-begin");
		i |= i ? 0 : lib_open(fresh, argv[1]);
		marker("second-end");
		marker("reopen-begin");
		i |= i ? 0 : lib_open(fresh, argv[1]);
		marker("reopen-end");
		marker("raw-begin");
		i |= raw_open(dev, size, align);
		marker("raw-end");
		return i ? 1 : 0;
	}

	t0 = now();
	for (i = 0; i < n; i++)
		if (lib_open(ctx, argv[1]))
			return 1;
	t_lib = now() - t0;
	t0 = now();
	for (i = 0; i < n; i++)
		if (raw_open(dev, size, align))
			return 1;
	t_raw = now() - t0;
	printf("repeat %.1f %.1f\n", t_lib * 1e6 / n, t_raw * 1e6 / n);

	/* alternate, so that neither side gets the warmer caches */
	for (i = 0; i < 20; i++) {
		struct run a = in_child(argv[1], dev, size, align, LIB);
		struct run b = in_child(argv[1], dev, size, align, RAW);
		struct run c = in_child(argv[1], dev, size, align, WARM);

		if (a.t < 0 || b.t < 0 || c.t < 0)
			return 1;
		f_warm += c.t;
		f_lib += a.t;
		f_raw += b.t;
		flt_lib += a.faults;
		flt_raw += b.faults;
	}
	printf("first %.1f %.1f\n", f_lib * 1e6 / 20, f_raw * 1e6 / 20);
	printf("faults %.1f %.1f\n", flt_lib / 20.0, flt_raw / 20.0);
	printf("warm %.1f %.1f\n", f_warm * 1e6 / 20, f_raw * 1e6 / 20);
	daxpool_unref(ctx);
	return 0;
}
