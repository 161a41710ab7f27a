// SPDX-License-Identifier: GPL-2.0-only
/*
 * zero-revoke DEV: daxpool's zeroing of DEV, with the device taken away
 * (unbound from device_dax) after the first chunk: every later store
 * faults with SIGBUS, as a poisoned pmem page would (an emulated NVDIMM
 * cannot be poisoned). The zeroing must return EIO naming the offset, and
 * the process must live. Binds the device again before it exits.
 * Prints {"rc":N,"error":"...","alive":true}.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "daxdev.h"
#include "core/private.h"

static const char *name;
static int revoked;

static void write_sys(const char *path, const char *what)
{
	int fd = open(path, O_WRONLY);

	if (fd >= 0) {
		if (write(fd, what, strlen(what)) < 0)
			perror(path);
		close(fd);
	}
}

static void first_chunk(uint64_t done, uint64_t total, void *arg)
{
	(void)done;
	(void)total;
	(void)arg;
	if (revoked++)
		return;
	write_sys("/sys/bus/dax/drivers/device_dax/unbind", name);
}

int main(int argc, char **argv)
{
	struct daxpool_ctx *ctx;
	uint64_t size, align;
	int rc;

	if (argc != 2 || daxpool_new(&ctx) < 0)
		return 1;
	name = strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1];
	size = daxdev_attr(argv[1], "size");
	align = daxdev_attr(argv[1], "align");
	rc = dp_zero_device(ctx, argv[1], size, align ? align : 2 << 20,
			first_chunk, NULL);
	printf("{\"rc\":%d,\"error\":\"%s\",\"alive\":true}\n", rc,
			daxpool_get_error(ctx));
	fflush(stdout);
	write_sys("/sys/bus/dax/drivers/device_dax/bind", name);
	daxpool_unref(ctx);
	return 0;
}
