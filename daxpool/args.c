// SPDX-License-Identifier: GPL-2.0-only
/* what the small verbs share: option parsing, lookup, printing a pool */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include "builtin.h"

int verb_args(int argc, char **argv, const char *verb, const char *usage,
		int nargs)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	/* '+': stop at the first operand, so a mode like -0 is not an option */
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage, stdout);
			return 1;
		}
		cli_error(verb, argv[optind - 1], "unknown option");
		fputs(usage, stderr);
		return -1;
	}
	if (argc - optind != nargs) {
		cli_error(verb, "arguments", "expected %d, got %d", nargs, argc - optind);
		fputs(usage, stderr);
		return -1;
	}
	return 0;
}

struct daxpool_pool *find_pool(struct daxpool_ctx *ctx, const char *verb,
		const char *id)
{
	struct daxpool_pool *pool;
	int rc = daxpool_pool_find(ctx, id, &pool);

	if (rc)
		cli_error(verb, id, "%s",
				rc == -EINVAL ? "invalid pool name" :
						"no such pool");
	return pool;
}

void cli_warning(struct daxpool_ctx *ctx, const char *verb, const char *what)
{
	const char *w = daxpool_get_warning(ctx);

	if (w && *w)
		fprintf(stderr, "daxpool %s: %s: warning: %s\n", verb, what, w);
}

int print_pool(struct daxpool_ctx *ctx, const char *id)
{
	struct daxpool_pool *pool;
	struct json_object *o;

	daxpool_invalidate(ctx);
	if (daxpool_pool_find(ctx, id, &pool))
		return 0;
	o = pool_to_json(pool, false, false);
	json_print(o);
	json_object_put(o);
	return 0;
}
