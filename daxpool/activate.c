// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxpool activate: make the host match the media and the registry (every
 * boot, from daxpool-activate.service) and say per pool what was done;
 * then apply CONFDIR/pools.conf, the pools the host should have.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "builtin.h"

/* the findings about UUID (or about REGION, for uuid NULL) as word lists */
static void words(struct daxpool_report *report, const char *uuid,
		const char *region, struct json_object *o)
{
	struct json_object *did = json_object_new_array();
	struct json_object *left = json_object_new_array();
	struct daxpool_finding *f;

	daxpool_finding_foreach (report, f) {
		const char *fu = daxpool_finding_get_uuid(f);
		const char *fr = daxpool_finding_get_region(f);

		bool mine = uuid ?
				fu && strcmp(fu, uuid) == 0 :
				!fu && fr && region && strcmp(fr, region) == 0;

		if (!mine)
			continue;
		if (daxpool_finding_get_repaired(f))
			json_object_array_add(did,
					json_object_new_string(
							daxpool_finding_get_action(
									f)));
		else
			json_object_array_add(left,
					json_object_new_string(
							daxpool_finding_get_problem(
									f)));
	}
	json_object_object_add(o, "actions", did);
	json_object_object_add(o, "problems", left);
}

static bool seen(struct json_object *arr, const char *key, const char *val)
{
	size_t i;

	for (i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *v;

		if (json_object_object_get_ex(json_object_array_get_idx(arr, i),
				    key, &v) &&
				v &&
				strcmp(json_object_get_string(v), val) == 0)
			return true;
	}
	return false;
}

struct activate_args {
	bool no_apply;
};

static const struct cli_option activate_options[] = {
	OPT_FLAG(0, "no-apply", struct activate_args, no_apply,
			"do not apply " DAXPOOL_CONFDIR "/pools.conf"),
	OPT_END(),
};

/*
 * CONFDIR/pools.conf, if there is one, applied as 'daxpool apply' does
 * (no prune), once the pools that exist are up: its report is one more
 * object of the array, whose actions are the changes done.
 * Returns: 0, or 1 when the file was bad or did not fully apply.
 */
static int apply_conf(struct daxpool_ctx *ctx, struct json_object *arr)
{
	struct json_object *o, *result, *actions, *problems, *changes, *c, *v;
	struct apply_outcome outcome;
	char path[512];
	size_t i;
	int rc;

	snprintf(path, sizeof(path), "%s/pools.conf", daxpool_get_confdir(ctx));
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return 0;
	rc = apply_run(ctx, "activate", path, false, false, &result, &outcome);
	actions = json_object_new_array();
	if (result && json_object_object_get_ex(result, "changes", &changes))
		for (i = 0; i < json_object_array_length(changes); i++) {
			c = json_object_array_get_idx(changes, i);
			if (json_object_object_get_ex(c, "done", &v) &&
					json_object_get_boolean(v) &&
					json_object_object_get_ex(
							c, "action", &v))
				json_object_array_add(
						actions, json_object_get(v));
		}
	problems = json_object_new_array();
	for (i = 0; i < outcome.differ; i++)
		json_object_array_add(
				problems, json_object_new_string("differ"));
	for (i = 0; i < outcome.repair; i++)
		json_object_array_add(problems,
				json_object_new_string("needs-repair"));
	if (outcome.failed)
		json_object_array_add(
				problems, json_object_new_string("failed"));
	o = json_object_new_object();
	json_object_object_add(o, "pool", NULL);
	json_object_object_add(o, "state", NULL);
	json_object_object_add(o, "actions", actions);
	json_object_object_add(o, "problems", problems);
	json_object_object_add(o, "apply", result);
	json_object_array_add(arr, o);
	return rc ? 1 : 0;
}

static int cmd_activate(int argc, char **argv, struct daxpool_ctx *ctx)
{
	struct daxpool_report *report = NULL;
	struct activate_args a = { 0 };
	struct daxpool_finding *f;
	struct daxpool_pool *pool;
	struct json_object *arr, *o;
	int first, rc, applied = 0;

	rc = cli_parse(&verb_activate, argc, argv, &a, &first);
	if (rc)
		return rc > 0 ? 0 : 1;
	rc = daxpool_activate(ctx, &report);
	if (!report) {
		cli_error("activate", "activate", "%s", daxpool_get_error(ctx));
		return 1;
	}
	/* regions that could not be made again (CXL), and other asides */
	cli_warning(ctx, "activate", "activate");
	arr = json_object_new_array();
	/* the pools as activate left them, read once under its lock */
	daxpool_pool_foreach (ctx, pool) {
		o = json_object_new_object();
		json_object_object_add(o, "pool",
				json_object_new_string(
						daxpool_pool_get_name(pool)));
		json_object_object_add(o, "uuid",
				json_object_new_string(
						daxpool_pool_get_uuid(pool)));
		json_object_object_add(o, "state",
				json_object_new_string(pool_state(pool)));
		words(report, daxpool_pool_get_uuid(pool), NULL, o);
		json_object_array_add(arr, o);
	}
	/* what is no pool any more (rolled back, destroyed), and the regions */
	daxpool_finding_foreach (report, f) {
		const char *uuid = daxpool_finding_get_uuid(f);
		const char *region = daxpool_finding_get_region(f);

		if (uuid ? seen(arr, "uuid", uuid) :
			   !region || seen(arr, "region", region))
			continue;
		o = json_object_new_object();
		json_object_object_add(o, "pool",
				uuid && daxpool_finding_get_pool(f) ?
						json_object_new_string(
								daxpool_finding_get_pool(
										f)) :
						NULL);
		json_object_object_add(o, uuid ? "uuid" : "region",
				json_object_new_string(uuid ? uuid : region));
		json_object_object_add(o, "state",
				uuid ? json_object_new_string("gone") : NULL);
		words(report, uuid, region, o);
		json_object_array_add(arr, o);
	}
	if (!a.no_apply)
		applied = apply_conf(ctx, arr);
	json_print(arr);
	json_object_put(arr);
	daxpool_report_free(report);
	if (rc == -EIO) {
		cli_error("activate", "repair",
				"some repairs failed; see 'daxpool check'");
		return 1;
	}
	return applied;
}

const struct cli_verb verb_activate = {
	.name = "activate",
	.fn = cmd_activate,
	.summary = "bring the host's pools up from their media (at boot)",
	.operands = "",
	.min_operands = 0,
	.max_operands = 0,
	.in_order = true,
	.description = "Rebuilds the registry from the media copies, finishes or rolls back\n"
		       "changes cut short, enables disabled pools, re-creates ram pools on\n"
		       "their recorded ranges and lets udev apply owners, modes and links.\n"
		       "Then applies " DAXPOOL_CONFDIR
		       "/pools.conf as 'daxpool apply' does, if it\n"
		       "exists.\n"
		       "Prints what it did per pool as a JSON array; safe to run at any time.\n",
	.options = activate_options,
};
