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
	"usage: daxpool create NAME --size SIZE [--region REGION] [--numa-node N]\n"
	"                      [--align 4K|2M|1G] [--owner USER] [--group GROUP]\n"
	"                      [--mode OCTAL] [--no-zero]\n"
	"\n"
	"  -s, --size SIZE     usable size, with K/M/G/T suffixes (powers of two)\n"
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
	struct daxpool_create_args args = { .numa_node = -1, .mode = -1 };
	struct daxpool_pool *pool = NULL;
	const char *size_str = NULL, *why;
	unsigned int mode;
	char *end;
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":s:r:N:a:o:g:m:h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			size_str = optarg;
			rc = daxpool_parse_size(optarg, &args.size);
			if (rc) {
				cli_error("create", "--size", "invalid size '%s': %s", optarg,
					rc == -ERANGE ? "too large" :
					"use a positive number of bytes with an optional K, M, G or T suffix");
				return 1;
			}
			break;
		case 'r':
			args.region = optarg;
			break;
		case 'N':
			/* digits only: strtol would wrap 4294967296 to node 0 */
			errno = 0;
			args.numa_node = (int)strtol(optarg, &end, 10);
			if (errno || *end || !*optarg || strspn(optarg, "0123456789") != strlen(optarg) ||
			    strlen(optarg) > 5 || args.numa_node < 0) {
				cli_error("create", "--numa-node", "invalid node '%s'", optarg);
				return 1;
			}
			break;
		case 'a':
			if (daxpool_parse_align(optarg, &args.align)) {
				cli_error("create", "--align", "invalid align '%s': use 4K, 2M or 1G", optarg);
				return 1;
			}
			break;
		case 'o':
			args.owner = optarg;
			break;
		case 'g':
			args.group = optarg;
			break;
		case 'm':
			if (daxpool_parse_mode(optarg, &mode)) {
				cli_error("create", "--mode", "invalid mode '%s': use octal digits, at most 07777", optarg);
				return 1;
			}
			args.mode = (int)mode;
			break;
		case 'Z':
			args.no_zero = true;
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
	args.name = argv[optind];
	if (daxpool_name_check(args.name, &why)) {
		cli_error("create", args.name[0] ? args.name : "''", "invalid name: %s", why);
		return 1;
	}
	if (!size_str) {
		cli_error("create", args.name, "--size is required");
		return 1;
	}
	if (isatty(STDERR_FILENO) && args.size >= (1ULL << 30) && !args.no_zero) {
		args.progress = progress;
		args.progress_arg = (void *)args.name;
	}
	rc = daxpool_pool_create(ctx, &args, &pool);
	if (rc) {
		cli_error("create", args.name, "%s", daxpool_get_error(ctx));
		return 1;
	}
	cli_warning(ctx, "create", args.name);
	if (pool) {
		struct json_object *o = pool_to_json(pool, false, false);

		json_print(o);
		json_object_put(o);
	}
	return 0;
}
