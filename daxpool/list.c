// SPDX-License-Identifier: GPL-2.0-only
/* daxpool list: pools as a JSON array */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "builtin.h"

struct list_args {
	bool human, verbose;
};

static const struct cli_option list_options[] = {
	OPT_FLAG('u', "human", struct list_args, human,
			"sizes as text (\"2.00 GiB\") instead of bytes"),
	OPT_FLAG('v', "verbose", struct list_args, verbose,
			"add namespace, sizes and creation time"),
	OPT_END(),
};

static int cmd_list(int argc, char **argv, struct daxpool_ctx *ctx)
{
	struct list_args a = { 0 };
	struct json_object *arr;
	struct daxpool_pool *pool;
	int first, i, rc;

	rc = cli_parse(&verb_list, argc, argv, &a, &first);
	if (rc)
		return rc > 0 ? 0 : 1;
	arr = json_object_new_array();
	if (first == argc) {
		daxpool_pool_foreach (ctx, pool)
			json_object_array_add(arr,
					pool_to_json(pool, a.human, a.verbose));
	}
	for (i = first; i < argc; i++) {
		pool = find_pool(ctx, "list", argv[i]);
		if (!pool) {
			rc = 1;
			continue;
		}
		json_object_array_add(
				arr, pool_to_json(pool, a.human, a.verbose));
	}
	json_print(arr);
	json_object_put(arr);
	return rc;
}

const struct cli_verb verb_list = {
	.name = "list",
	.fn = cmd_list,
	.summary = "list pools as JSON",
	.operands = "[NAME|UUID...]",
	.max_operands = -1,
	.options = list_options,
};
