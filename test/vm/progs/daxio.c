// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxio: reach a device-DAX node the only way it allows (mmap) for the VM
 * scenarios, and hold pools open through libdaxpool or behind its back.
 *   daxio fill DEV BYTE | check DEV BYTE | hold DEV | hold-fd DEV
 *   daxio any DEV BYTE     exit 0 if any byte of DEV is BYTE (old bytes
 *                          that must not show), 1 if none, 2 if unreadable
 *   daxio map NAME ro|rw [hold|write]
 *   daxio map NAME rw pattern SEED | map NAME ro verify SEED
 *                          each 8-byte word a function of its offset and
 *                          SEED: an interleave put back in another order
 *                          or granularity reads back wrong
 *   daxio map-again NAME [NAME...]
 *   daxio threads NAME THREADS ROUNDS   THREADS threads share one context,
 *                                each opening, reading and closing NAME
 *                                ROUNDS times
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "daxdev.h"
#include <daxpool/libdaxpool.h>

static uint8_t *map_dev(const char *dev, int flags, uint64_t *size, int *fdp)
{
	uint64_t align = daxdev_attr(dev, "align");
	uint8_t *area, *want, *p;
	int fd;

	*size = daxdev_attr(dev, "size");
	if (!align)
		align = 2 << 20;
	fd = open(dev, flags);
	if (fd < 0) {
		fprintf(stderr, "daxio: open %s: %s\n", dev, strerror(errno));
		exit(1);
	}
	area = mmap(NULL, *size + align, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	want = (uint8_t *)(((uintptr_t)area + align - 1) &
			~(uintptr_t)(align - 1));
	p = mmap(want, *size, PROT_READ | (flags == O_RDWR ? PROT_WRITE : 0),
			MAP_SHARED | MAP_FIXED, fd, 0);
	if (p == MAP_FAILED) {
		fprintf(stderr, "daxio: mmap %s: %s\n", dev, strerror(errno));
		exit(1);
	}
	*fdp = fd;
	return p;
}

static int check(const uint8_t *p, uint64_t size, int byte)
{
	uint64_t i;

	for (i = 0; i < size; i++)
		if (p[i] != byte) {
			printf("mismatch at %llu: 0x%02x, want 0x%02x\n",
					(unsigned long long)i, p[i], byte);
			return 1;
		}
	printf("all %llu bytes are 0x%02x\n", (unsigned long long)size, byte);
	return 0;
}

static uint64_t word_at(uint64_t off, uint64_t seed)
{
	return (off * 0x9e3779b97f4a7c15ULL) ^ seed;
}

static int pattern(uint8_t *p, size_t n, uint64_t seed, bool write)
{
	uint64_t *w = (uint64_t *)p;
	size_t i;

	for (i = 0; i < n / 8; i++) {
		if (write) {
			w[i] = word_at(i * 8, seed);
		} else if (w[i] != word_at(i * 8, seed)) {
			printf("pattern mismatch at offset %zu\n", i * 8);
			return 1;
		}
	}
	printf("%s the pattern of seed %llu over %zu bytes\n",
			write ? "wrote" : "verified", (unsigned long long)seed,
			n);
	return 0;
}

static int cmd_map(int argc, char **argv)
{
	struct daxpool_ctx *ctx;
	struct daxpool_map *map;
	/* anything but rw and ro goes through as O_WRONLY, which must be refused */
	int flags = strcmp(argv[3], "rw") == 0	   ? O_RDWR :
			strcmp(argv[3], "ro") == 0 ? O_RDONLY :
						     O_WRONLY;
	const char *then = argc > 4 ? argv[4] : "";

	if (daxpool_new(&ctx) < 0)
		return 1;
	map = daxpool_map_open(ctx, argv[2], flags);
	if (!map) {
		int e = errno;

		printf("{\"ok\":false,\"errno\":%d,\"error\":\"%s\"}\n", e,
				strerror(e));
		/* out before exit: a sanitizer may end the process without
		 * flushing (LeakSanitizer under strace does) */
		fflush(stdout);
		daxpool_unref(ctx);
		return 2;
	}
	printf("{\"ok\":true,\"name\":\"%s\",\"uuid\":\"%s\",\"size\":%zu,\"align\":%zu,\"aligned\":%s,\"pid\":%d}\n",
			daxpool_map_get_name(map), daxpool_map_get_uuid(map),
			daxpool_map_get_size(map), daxpool_map_get_align(map),
			((uintptr_t)daxpool_map_get_addr(map) %
					daxpool_map_get_align(map)) ?
					"false" :
					"true",
			(int)getpid());
	fflush(stdout);
	if ((strcmp(then, "pattern") == 0 || strcmp(then, "verify") == 0) &&
			argc > 5) {
		if (pattern(daxpool_map_get_addr(map),
				    daxpool_map_get_size(map),
				    strtoull(argv[5], NULL, 0),
				    strcmp(then, "pattern") == 0))
			return 3;
	} else if (strcmp(then, "write") == 0) {
		uint8_t *p = daxpool_map_get_addr(map);
		size_t n = daxpool_map_get_size(map);

		memset(p, 0x5a, n);
		if (check(p, n, 0x5a))
			return 3;
	} else if (strcmp(then, "hold") == 0) {
		pause();
	}
	daxpool_map_close(map);
	daxpool_unref(ctx);
	return 0;
}

/*
 * open and close NAME three times, wait for a line on stdin, then open
 * NAMES again in the same context: a context must not remember a pool
 * that changed. The third open is proven by the registry's change
 * counter alone (the second one maps it), so what comes after the line
 * tests that every change moves the counter.
 */
static int cmd_map_again(int argc, char **argv)
{
	struct daxpool_ctx *ctx;
	struct daxpool_map *map;
	char line[64];
	int i, n;

	if (daxpool_new(&ctx) < 0)
		return 1;
	for (i = 2; i < argc; i++) {
		for (n = i == 2 ? 3 : 1; n > 0; n--) {
			map = daxpool_map_open(ctx, argv[i], O_RDONLY);
			if (!map || n == 1)
				break;
			daxpool_map_close(map);
		}
		printf("{\"name\":\"%s\",\"ok\":%s,\"errno\":%d}\n", argv[i],
				map ? "true" : "false", map ? 0 : errno);
		fflush(stdout);
		daxpool_map_close(map);
		if (i == 2 && !fgets(line, sizeof(line), stdin))
			break;
	}
	daxpool_unref(ctx);
	return 0;
}

struct round_trip {
	struct daxpool_ctx *ctx;
	const char *name;
	int rounds, failed;
	int first_errno;
};

static void *open_close(void *arg)
{
	struct round_trip *rt = arg;
	int i;

	for (i = 0; i < rt->rounds; i++) {
		struct daxpool_map *map =
				daxpool_map_open(rt->ctx, rt->name, O_RDONLY);
		volatile uint8_t *p;

		if (!map) {
			if (!rt->failed++)
				rt->first_errno = errno;
			continue;
		}
		p = daxpool_map_get_addr(map);
		(void)p[daxpool_map_get_size(map) - 1];
		daxpool_map_close(map);
	}
	return NULL;
}

/* many threads, one context: map_open must be safe to call concurrently */
static int cmd_threads(char **argv)
{
	int n = atoi(argv[3]), rounds = atoi(argv[4]), i, failed = 0, e = 0;
	struct round_trip *rt = calloc((size_t)n, sizeof(*rt));
	pthread_t *t = calloc((size_t)n, sizeof(*t));
	struct daxpool_ctx *ctx;

	if (!rt || !t || n <= 0 || daxpool_new(&ctx) < 0)
		return 1;
	for (i = 0; i < n; i++) {
		rt[i] = (struct round_trip){ ctx, argv[2], rounds, 0, 0 };
		if (pthread_create(&t[i], NULL, open_close, &rt[i]))
			return 1;
	}
	for (i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		failed += rt[i].failed;
		if (!e)
			e = rt[i].first_errno;
	}
	daxpool_unref(ctx);
	free(rt);
	free(t);
	printf("{\"ok\":%s,\"opens\":%d,\"failed\":%d,\"errno\":%d}\n",
			failed ? "false" : "true", n * rounds, failed, e);
	return failed ? 2 : 0;
}

int main(int argc, char **argv)
{
	uint64_t size;
	uint8_t *p;
	int fd;

	if (argc >= 4 && strcmp(argv[1], "map") == 0)
		return cmd_map(argc, argv);
	if (argc == 5 && strcmp(argv[1], "threads") == 0)
		return cmd_threads(argv);
	if (argc >= 3 && strcmp(argv[1], "map-again") == 0)
		return cmd_map_again(argc, argv);
	if (argc == 4 && strcmp(argv[1], "fill") == 0) {
		p = map_dev(argv[2], O_RDWR, &size, &fd);
		memset(p, (int)strtol(argv[3], NULL, 0), size);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "check") == 0) {
		p = map_dev(argv[2], O_RDONLY, &size, &fd);
		return check(p, size, (int)strtol(argv[3], NULL, 0));
	}
	if (argc == 4 && strcmp(argv[1], "any") == 0) {
		int fd2 = open(argv[2], O_RDONLY);

		if (fd2 < 0)
			return 2; /* map_dev would exit 1: that is "none" */
		close(fd2);
		p = map_dev(argv[2], O_RDONLY, &size, &fd);
		if (memchr(p, (int)strtol(argv[3], NULL, 0), size)) {
			printf("%s holds 0x%02lx\n", argv[2],
					strtol(argv[3], NULL, 0));
			return 0;
		}
		return 1;
	}
	if (argc == 3 && strcmp(argv[1], "hold") == 0) {
		p = map_dev(argv[2], O_RDONLY, &size, &fd);
		close(fd); /* only the mapping holds it now */
		printf("holding %s mapped, pid %d\n", argv[2], (int)getpid());
		fflush(stdout);
		pause();
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "hold-fd") == 0) {
		fd = open(argv[2], O_RDONLY);
		if (fd < 0)
			return 1;
		printf("holding %s open, pid %d\n", argv[2], (int)getpid());
		fflush(stdout);
		pause();
		return 0;
	}
	fprintf(stderr, "usage: daxio fill|check|any DEV BYTE | hold|hold-fd DEV | map NAME ro|rw [hold|write]\n");
	return 1;
}
