// SPDX-License-Identifier: GPL-2.0-only
/*
 * page-refs DEV: what the kernel's own page counts say of dax device DEV
 * ("dax1.0"), as libdaxpool's destroy reads them; one JSON line:
 * {"units":N,"busy":N,"busy_bytes":N,"idle":N,"min":N,"max":N} or
 * {"error":-E,"why":"..."}. For the VM tests and the benchmark.
 *
 * page-refs -s DEV: the /proc scan alone (who has DEV open or mapped), the
 * benchmark's peer: {"holders":N}.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "guard/inuse.h"
#include "guard/page-refs.h"

static int scan_only(const char *dev)
{
	struct dp_target t = { 0 };
	struct dp_holders h;
	char node[128];
	struct stat st;

	snprintf(node, sizeof(node), "/dev/%s", dev);
	if (stat(node, &st) < 0) {
		perror(node);
		return 1;
	}
	t.rdev = st.st_rdev;
	dp_scan_holders(&t, &h);
	printf("{\"holders\":%d,\"error\":%d}\n", h.n, h.error);
	dp_holders_free(&h);
	return h.error ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct dp_page_refs r;
	char why[256] = "";
	const char *dev;
	int rc;

	if (argc == 3 && strcmp(argv[1], "-s") == 0) {
		dev = strncmp(argv[2], "/dev/", 5) == 0 ? argv[2] + 5 : argv[2];
		return scan_only(dev);
	}
	if (argc != 2) {
		fprintf(stderr, "usage: page-refs [-s] DEV\n");
		return 2;
	}
	dev = strncmp(argv[1], "/dev/", 5) == 0 ? argv[1] + 5 : argv[1];
	struct dp_page_reader *pr;

	rc = dp_page_reader_new(&pr, why, sizeof(why));
	if (!rc)
		rc = dp_page_refs_read(pr, dev, &r, why, sizeof(why));
	dp_page_reader_free(pr);
	if (rc) {
		printf("{\"error\":%d,\"why\":\"%s\"}\n", rc, why);
		return 1;
	}
	printf("{\"units\":%llu,\"busy\":%llu,\"busy_bytes\":%llu,\"first_busy\":%llu,\"idle\":%d,\"min\":%d,\"max\":%d}\n",
			(unsigned long long)r.units, (unsigned long long)r.busy,
			(unsigned long long)r.busy_bytes,
			(unsigned long long)r.first_busy, r.idle, r.min_ref,
			r.max_ref);
	return 0;
}
