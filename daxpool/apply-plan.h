/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The planner of 'daxpool apply': a pure function from the pools a file
 * wants and the pools the host has to the steps that make the host hold
 * the file (create, chown, chmod, and with --prune destroy), and what it
 * will not change (a pool that differs, one that needs a repair). The
 * executor (apply.c) reads the host, resolves its owners and groups to
 * ids, and carries the steps out; the unit test feeds tables.
 */
#ifndef _DAXPOOL_APPLY_PLAN_H_
#define _DAXPOOL_APPLY_PLAN_H_
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <json-c/json.h>
#include <daxpool/libdaxpool.h>
#include "apply-file.h"

/* a pool on the host, as the executor read it */
struct apply_have {
	const char *name, *uuid;
	enum daxpool_type type;
	uint64_t size, requested_size, align;
	const char *region; /* "": not known */
	int numa_node; /* -1: not known */
	const char *owner, *group; /* names */
	bool uid_known, gid_known; /* false: no such account on this host */
	unsigned int uid, gid;
	unsigned int mode;
	enum daxpool_state state;
};

enum apply_action {
	APPLY_CREATE,
	APPLY_CHOWN,
	APPLY_CHMOD,
	APPLY_DESTROY,
};

struct apply_step {
	enum apply_action action;
	const struct apply_want *want; /* NULL for a destroy */
	const struct apply_have *have; /* NULL for a create */
	bool owner, group; /* a chown: which of the two it changes */
};

/* a key on which a pool of the file and the host's pool disagree */
struct apply_differ {
	const struct apply_want *want;
	const struct apply_have *have;
	const char *key; /* "type", "size", "align", "region", "numa_node" */
};

/* the plan; its pointers point into the wants and haves it was made of */
struct apply_plan {
	struct apply_step *steps; /* creates, then chown/chmod, then destroys */
	size_t n_steps;
	struct apply_differ *differ;
	size_t n_differ;
	const struct apply_have **repair; /* in a state apply leaves alone */
	size_t n_repair;
	const struct apply_have **extra; /* not in the file, left (no prune) */
	size_t n_extra;
	const struct apply_want **unchanged; /* holds already */
	size_t n_unchanged;
};

/*
 * Whether apply leaves a pool in STATE to check --repair and activate
 * (incomplete, conflict, missing, and any state it does not know).
 * Returns: true if so.
 */
bool apply_needs_repair(enum daxpool_state state);

/*
 * The plan that makes the host's pools HAVE (N_HAVE) hold WANT (N_WANT),
 * and with PRUNE lose the pools WANT does not name.
 * Returns: 0 with the plan in *PLAN (apply_plan_free() frees it), or
 * -ENOMEM with *PLAN empty.
 */
int apply_plan_make(const struct apply_want *want, size_t n_want,
		const struct apply_have *have, size_t n_have, bool prune,
		struct apply_plan *plan);

/* Frees what apply_plan_make() gave. Returns: nothing. */
void apply_plan_free(struct apply_plan *plan);

/* Returns: "create", "chown", "chmod" or "destroy", as the JSON says */
const char *apply_action_name(enum apply_action action);

/* Returns: the name of the pool that step S changes */
const char *apply_step_name(const struct apply_step *s);

/*
 * A key that differs as the JSON of daxpool-apply(1)'s "differ": name,
 * uuid, key, and the file's and the host's values.
 * Returns: a new JSON object.
 */
struct json_object *apply_differ_json(const struct apply_differ *d);

/*
 * The plan as daxpool-apply(1)'s JSON: FILE as given, DRY_RUN, and each
 * step's "done" (the first DONE steps were done) and "error" (ERROR, for
 * step DONE when it is not NULL: the step that failed).
 * Returns: a new JSON object, or NULL when memory ran out.
 */
struct json_object *apply_plan_json(const struct apply_plan *plan,
		const char *file, bool dry_run, size_t done, const char *error);
#endif
