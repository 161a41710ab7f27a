// SPDX-License-Identifier: GPL-2.0-only
/* daxpool list: pools as a JSON array */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "builtin.h"

static const char list_usage[] =
	"usage: daxpool list [NAME|UUID...] [-u|--human] [-v|--verbose]\n"
	"\n"
	"  -u, --human     sizes as text (\"2.00 GiB\") instead of bytes\n"
	"  -v, --verbose   add namespace, sizes and creation time\n";

int cmd_list(int argc, char **argv, struct daxpool_ctx *ctx)
{
	static const struct option opts[] = {
		{ "human", no_argument, NULL, 'u' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool human = false, verbose = false;
	struct json_object *arr;
	struct daxpool_pool *pool;
	int c, i, rc = 0;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "uvh", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			human = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			fputs(list_usage, stdout);
			return 0;
		default:
			cli_error("list", argv[optind - 1], "unknown option");
			fputs(list_usage, stderr);
			return 1;
		}
	}
	arr = json_object_new_array();
	if (optind == argc) {
		daxpool_pool_foreach(ctx, pool)
			json_object_array_add(arr, pool_to_json(pool, human, verbose));
	}
	for (i = optind; i < argc; i++) {
		pool = find_pool(ctx, "list", argv[i]);
		if (!pool) {
			rc = 1;
			continue;
		}
		json_object_array_add(arr, pool_to_json(pool, human, verbose));
	}
	json_print(arr);
	json_object_put(arr);
	return rc;
}
