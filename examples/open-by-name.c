// SPDX-License-Identifier: GPL-2.0-only
/*
 * open-by-name POOL: open a pool by name as an ordinary user, write a
 * message at its start and read it back. Build:
 *   cc open-by-name.c $(pkg-config --cflags --libs libdaxpool)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <daxpool/libdaxpool.h>

int main(int argc, char **argv)
{
	struct daxpool_ctx *ctx;
	struct daxpool_map *map;
	char msg[64], back[64];
	char *base;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: %s POOL\n", argv[0]);
		return 1;
	}
	if (daxpool_new(&ctx) < 0)
		return 1;
	map = daxpool_map_open(ctx, argv[1], O_RDWR);
	if (!map) {
		/* ENOENT: no such pool; EACCES: its mode does not admit us */
		fprintf(stderr, "%s: %s (%s)\n", argv[1], strerror(errno),
				daxpool_get_error(ctx));
		daxpool_unref(ctx);
		return 1;
	}
	base = daxpool_map_get_addr(map);
	snprintf(msg, sizeof(msg), "hello from pid %d", (int)getpid());
	/* device-DAX has no write(2): the mapping is the only way in */
	memcpy(base, msg, strlen(msg) + 1);
	printf("pool %s: %zu bytes, align %zu, mapped at %p\n", argv[1],
			daxpool_map_get_size(map), daxpool_map_get_align(map),
			(void *)base);
	memcpy(back, base, sizeof(back));
	back[sizeof(back) - 1] = '\0';
	printf("read back: %s\n", back);
	rc = strcmp(back, msg) != 0;
	daxpool_map_close(map);
	daxpool_unref(ctx);
	return rc;
}
