// SPDX-License-Identifier: GPL-2.0-only
/* daxpool check [--repair] [NAME...]: findings as a JSON array */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "builtin.h"

struct check_args {
	bool repair;
};

static const struct cli_option check_options[] = {
	OPT_FLAG('r', "repair", struct check_args, repair,
			"do what is safe: finish or roll back cut-short changes, rebuild lost records and media copies"),
	OPT_END(),
};

static struct json_object *str_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static struct json_object *finding_to_json(
		struct daxpool_finding *f, bool repair)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(
			o, "pool", str_or_null(daxpool_finding_get_pool(f)));
	json_object_object_add(
			o, "uuid", str_or_null(daxpool_finding_get_uuid(f)));
	json_object_object_add(o, "region",
			str_or_null(daxpool_finding_get_region(f)));
	json_object_object_add(o, "problem",
			json_object_new_string(daxpool_finding_get_problem(f)));
	json_object_object_add(o, "detail",
			json_object_new_string(daxpool_finding_get_detail(f)));
	json_object_object_add(o, "repair",
			str_or_null(daxpool_finding_get_repair(f)));
	if (repair) {
		json_object_object_add(o, "repaired",
				json_object_new_boolean(
						daxpool_finding_get_repaired(
								f)));
		if (daxpool_finding_get_failure(f))
			json_object_object_add(o, "failure",
					json_object_new_string(
							daxpool_finding_get_failure(
									f)));
	}
	return o;
}

static int cmd_check(int argc, char **argv, struct daxpool_ctx *ctx)
{
	struct daxpool_report *report = NULL;
	struct check_args a = { 0 };
	struct daxpool_finding *f;
	struct json_object *arr;
	unsigned int flags;
	int first, rc, left = 0;

	rc = cli_parse(&verb_check, argc, argv, &a, &first);
	if (rc)
		return rc > 0 ? 0 : 1;
	flags = a.repair ? DAXPOOL_CHECK_REPAIR : 0;
	rc = daxpool_check(ctx, (const char *const *)(argv + first), flags,
			&report);
	if (!report) {
		cli_error("check", flags ? "repair" : "check", "%s",
				daxpool_get_error(ctx));
		return 2;
	}
	arr = json_object_new_array();
	daxpool_finding_foreach (report, f) {
		json_object_array_add(arr, finding_to_json(f, flags));
		/* a held conflict still waits for its rename */
		if (!daxpool_finding_get_repaired(f) ||
				strcmp(daxpool_finding_get_problem(f),
						"conflict") == 0)
			left++;
	}
	json_print(arr);
	json_object_put(arr);
	daxpool_report_free(report);
	if (rc == -EIO)
		cli_error("check", "repair",
				"some repairs failed (see \"failure\")");
	return left ? 1 : 0;
}

const struct cli_verb verb_check = {
	.name = "check",
	.fn = cmd_check,
	.summary = "find, and with --repair mend, what disagrees",
	.operands = "[NAME|UUID...]",
	.max_operands = -1,
	.description = "Compares the registry, the media copies and the kernel and prints what\n"
		       "disagrees as a JSON array; exit 0 when nothing is left to repair.\n",
	.options = check_options,
};
