// SPDX-License-Identifier: GPL-2.0-only
/* daxpool create: parse, hand to libdaxpool, print the pool */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "builtin.h"

struct create_args {
	uint64_t size, align;
	const char *region, *owner, *group;
	enum daxpool_type type;
	long node;
	unsigned int mode;
	bool no_zero;
};

static int parse_type(const char *verb, const char *what, const char *arg,
		void *value)
{
	enum daxpool_type *type = value;

	if (strcmp(arg, "pmem") == 0) {
		*type = DAXPOOL_TYPE_PMEM;
	} else if (strcmp(arg, "ram") == 0) {
		*type = DAXPOOL_TYPE_RAM;
	} else {
		cli_error(verb, what, "invalid type '%s': use pmem or ram",
				arg);
		return -EINVAL;
	}
	return 0;
}

static int parse_node(const char *verb, const char *what, const char *arg,
		void *value)
{
	long *node = value;
	char *end;

	/* digits only: strtol would wrap 4294967296 to node 0 */
	errno = 0;
	*node = strtol(arg, &end, 10);
	if (errno || *end || !*arg ||
			strspn(arg, "0123456789") != strlen(arg) ||
			strlen(arg) > 5 || *node < 0) {
		cli_error(verb, what, "invalid node '%s'", arg);
		return -EINVAL;
	}
	return 0;
}

static const struct cli_option create_options[] = {
	OPT_SIZE('s', "size", struct create_args, size, "SIZE",
			"usable size, with K/M/G/T suffixes (powers of two)",
			.required = true),
	OPT_CALLBACK('t', "type", struct create_args, type, enum daxpool_type,
			parse_type, "TYPE",
			"pmem (a labeled pmem region; default) or ram (a dynamic dax region: soft-reserved or CXL RAM)",
			.values = "pmem ram"),
	OPT_STRING('r', "region", struct create_args, region, "REGION",
			"carve from this region (default: best fit)"),
	OPT_CALLBACK('N', "numa-node", struct create_args, node, long,
			parse_node, "N",
			"only consider regions on NUMA node N"),
	OPT_ALIGN('a', "align", struct create_args, align, "ALIGN",
			"mapping alignment: 4K, 2M (default) or 1G",
			.values = "4K 2M 1G"),
	OPT_STRING('o', "owner", struct create_args, owner, "USER",
			"owner of the pool's device (default root)"),
	OPT_STRING('g', "group", struct create_args, group, "GROUP",
			"group of the pool's device (default root)"),
	OPT_MODE('m', "mode", struct create_args, mode, "OCTAL",
			"mode of the pool's device (default 0600)"),
	OPT_FLAG(0, "no-zero", struct create_args, no_zero,
			"do not zero the pool before handing it out"),
	OPT_END(),
};

static int cmd_create(int argc, char **argv, struct daxpool_ctx *ctx)
{
	struct create_args a = {
		.type = DAXPOOL_TYPE_PMEM,
		.node = -1,
		.mode = 0600,
	};
	struct daxpool_pool *pool = NULL;
	struct cli_progress progress;
	struct daxpool_create *req;
	const char *why, *name;
	int i, rc;

	rc = cli_parse(&verb_create, argc, argv, &a, &i);
	if (rc)
		return rc > 0 ? 0 : 1;
	name = argv[i];
	if (daxpool_name_check(name, &why)) {
		cli_error("create", name[0] ? name : "''", "invalid name: %s",
				why);
		return 1;
	}
	/* daxpool_parse_size() refuses 0: a size of 0 was not given */
	if (!a.size) {
		cli_error("create", name, "--size is required");
		return 1;
	}
	if (daxpool_create_new(ctx, name, a.size, &req)) {
		cli_error("create", name, "%s", daxpool_get_error(ctx));
		return 1;
	}
	/* every value was checked above: the setters cannot refuse them */
	daxpool_create_set_type(req, a.type);
	daxpool_create_set_region(req, a.region);
	daxpool_create_set_numa_node(req, (int)a.node);
	if (a.align)
		daxpool_create_set_align(req, a.align);
	daxpool_create_set_owner(req, a.owner);
	daxpool_create_set_group(req, a.group);
	daxpool_create_set_mode(req, a.mode);
	daxpool_create_set_zero(req, !a.no_zero);
	progress = (struct cli_progress){ "create", name };
	if (isatty(STDERR_FILENO) && a.size >= (1ULL << 30) && !a.no_zero)
		daxpool_create_set_progress(req, cli_progress, &progress);
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

const struct cli_verb verb_create = {
	.name = "create",
	.fn = cmd_create,
	.summary = "create a named pool",
	.operands = "NAME",
	.min_operands = 1,
	.max_operands = 1,
	.too_few = "a pool NAME is required",
	.too_many = "exactly one pool NAME is required",
	.options = create_options,
};
