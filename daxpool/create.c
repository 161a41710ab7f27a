// SPDX-License-Identifier: GPL-2.0-only
/* daxpool create: parse, hand to libdaxpool, print the pool */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "builtin.h"

static const char create_usage[] =
		"usage: daxpool create NAME --size SIZE [--type pmem|ram] [--region REGION]\n"
		"                      [--numa-node N]\n"
		"                      [--align 4K|2M|1G] [--owner USER] [--group GROUP]\n"
		"                      [--mode OCTAL] [--no-zero]\n"
		"\n"
		"  -s, --size SIZE     usable size, with K/M/G/T suffixes (powers of two)\n"
		"  -t, --type TYPE     pmem (a labeled pmem region; default) or ram (a\n"
		"                      dynamic dax region: soft-reserved or CXL RAM)\n"
		"  -r, --region REGION carve from this region (default: best fit)\n"
		"  -N, --numa-node N   only consider regions on NUMA node N\n"
		"  -a, --align ALIGN   mapping alignment: 4K, 2M (default) or 1G\n"
		"  -o, --owner USER    owner of the pool's device (default root)\n"
		"  -g, --group GROUP   group of the pool's device (default root)\n"
		"  -m, --mode OCTAL    mode of the pool's device (default 0600)\n"
		"      --no-zero       do not zero the pool before handing it out\n";

static void progress(uint64_t done, uint64_t total, void *arg)
{
	const char *name = arg;
	int pct = total ? (int)(done * 100 / total) : 100;

	fprintf(stderr, "\rdaxpool create: zeroing %s: %3d%%", name, pct);
	if (done >= total)
		fputc('\n', stderr);
}

int cmd_create(int argc, char **argv, struct daxpool_ctx *ctx)
{
	static const struct option opts[] = {
		{ "size", required_argument, NULL, 's' },
		{ "type", required_argument, NULL, 't' },
		{ "region", required_argument, NULL, 'r' },
		{ "numa-node", required_argument, NULL, 'N' },
		{ "align", required_argument, NULL, 'a' },
		{ "owner", required_argument, NULL, 'o' },
		{ "group", required_argument, NULL, 'g' },
		{ "mode", required_argument, NULL, 'm' },
		{ "no-zero", no_argument, NULL, 'Z' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct daxpool_pool *pool = NULL;
	struct daxpool_create *req;
	const char *size_str = NULL, *why, *name, *region = NULL, *owner = NULL;
	const char *group = NULL;
	unsigned int mode = 0600;
	uint64_t size = 0, align = 0;
	enum daxpool_type type = DAXPOOL_TYPE_PMEM;
	bool zero = true;
	long node = -1;
	char *end;
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":s:t:r:N:a:o:g:m:h", opts,
				NULL)) != -1) {
		switch (c) {
		case 's':
			size_str = optarg;
			rc = daxpool_parse_size(optarg, &size);
			if (rc) {
				cli_error("create", "--size", "invalid size '%s': %s", optarg,
					rc == -ERANGE ? "too large" :
					"use a positive number of bytes with an optional K, M, G or T suffix");
				return 1;
			}
			break;
		case 't':
			if (strcmp(optarg, "pmem") == 0) {
				type = DAXPOOL_TYPE_PMEM;
			} else if (strcmp(optarg, "ram") == 0) {
				type = DAXPOOL_TYPE_RAM;
			} else {
				cli_error("create", "--type",
						"invalid type '%s': use pmem or ram",
						optarg);
				return 1;
			}
			break;
		case 'r':
			region = optarg;
			break;
		case 'N':
			/* digits only: strtol would wrap 4294967296 to node 0 */
			errno = 0;
			node = strtol(optarg, &end, 10);
			if (errno || *end || !*optarg || strspn(optarg, "0123456789") != strlen(optarg) ||
			    strlen(optarg) > 5 || node < 0) {
				cli_error("create", "--numa-node", "invalid node '%s'", optarg);
				return 1;
			}
			break;
		case 'a':
			if (daxpool_parse_align(optarg, &align)) {
				cli_error("create", "--align", "invalid align '%s': use 4K, 2M or 1G", optarg);
				return 1;
			}
			break;
		case 'o':
			owner = optarg;
			break;
		case 'g':
			group = optarg;
			break;
		case 'm':
			if (daxpool_parse_mode(optarg, &mode)) {
				cli_error("create", "--mode", "invalid mode '%s': use octal digits, at most 07777", optarg);
				return 1;
			}
			break;
		case 'Z':
			zero = false;
			break;
		case 'h':
			fputs(create_usage, stdout);
			return 0;
		case ':':
			cli_error("create", argv[optind - 1], "needs a value");
			fputs(create_usage, stderr);
			return 1;
		default:
			cli_error("create", argv[optind - 1], "unknown option");
			fputs(create_usage, stderr);
			return 1;
		}
	}
	if (optind != argc - 1) {
		cli_error("create", "arguments", optind >= argc ?
				"a pool NAME is required" : "exactly one pool NAME is required");
		fputs(create_usage, stderr);
		return 1;
	}
	name = argv[optind];
	if (daxpool_name_check(name, &why)) {
		cli_error("create", name[0] ? name : "''", "invalid name: %s", why);
		return 1;
	}
	if (!size_str) {
		cli_error("create", name, "--size is required");
		return 1;
	}
	if (daxpool_create_new(ctx, name, size, &req)) {
		cli_error("create", name, "%s", daxpool_get_error(ctx));
		return 1;
	}
	/* every value was checked above: the setters cannot refuse them */
	daxpool_create_set_type(req, type);
	daxpool_create_set_region(req, region);
	daxpool_create_set_numa_node(req, (int)node);
	if (align)
		daxpool_create_set_align(req, align);
	daxpool_create_set_owner(req, owner);
	daxpool_create_set_group(req, group);
	daxpool_create_set_mode(req, mode);
	daxpool_create_set_zero(req, zero);
	if (isatty(STDERR_FILENO) && size >= (1ULL << 30) && zero)
		daxpool_create_set_progress(req, progress, (void *)name);
	rc = daxpool_create_run(req, &pool);
	daxpool_create_free(req);
	if (rc) {
		cli_error("create", name, "%s", daxpool_get_error(ctx));
		/* a failure can leave something to clean up: say what */
		cli_warning(ctx, "create", name);
		return 1;
	}
	cli_warning(ctx, "create", name);
	if (pool) {
		struct json_object *o = pool_to_json(pool, false, false);

		json_print(o);
		json_object_put(o);
	}
	return 0;
}
