// SPDX-License-Identifier: GPL-2.0-only
/*
 * apply's planner: what to do so that the host holds the file, decided
 * from what was read and nothing else (no account lookups, no sysfs), so
 * that its unit test is a table. Apply only adds and mends: a pool whose
 * kind, size or place differs is reported, never resized, moved or
 * recreated; a pool in the middle of a repair is left to check and
 * activate; a destroy is planned only for --prune.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apply-plan.h"

bool apply_needs_repair(enum daxpool_state state)
{
	switch (state) {
	case DAXPOOL_STATE_ACTIVE:
	case DAXPOOL_STATE_DISABLED:
	case DAXPOOL_STATE_INACTIVE:
		return false;
	default:
		return true;
	}
}

static void add_differ(struct apply_plan *plan, const struct apply_want *w,
		const struct apply_have *h, const char *key)
{
	plan->differ[plan->n_differ++] = (struct apply_differ){
		.want = w, .have = h, .key = key
	};
}

/* the keys on which W and H disagree, into the plan. Returns: how many */
static size_t compare(struct apply_plan *plan, const struct apply_want *w,
		const struct apply_have *h)
{
	size_t before = plan->n_differ;

	if (w->type != h->type)
		add_differ(plan, w, h, "type");
	/* a create rounds the size up: either of the two is the file's */
	if (w->size != h->size && w->size != h->requested_size)
		add_differ(plan, w, h, "size");
	if (w->align && w->align != h->align)
		add_differ(plan, w, h, "align");
	if (w->region[0] && strcmp(w->region, h->region) != 0)
		add_differ(plan, w, h, "region");
	/* the node says where only when the region does not */
	if (!w->region[0] && w->numa_node >= 0 && h->numa_node >= 0 &&
			w->numa_node != h->numa_node)
		add_differ(plan, w, h, "numa_node");
	return plan->n_differ - before;
}

static void add_step(struct apply_plan *plan, enum apply_action action,
		const struct apply_want *w, const struct apply_have *h)
{
	plan->steps[plan->n_steps++] = (struct apply_step){
		.action = action,
		.want = w,
		.have = h,
	};
}

/* the host's pool of W's name that apply may look at; repairs noted */
static const struct apply_have *match(struct apply_plan *plan,
		const struct apply_want *w, const struct apply_have *have,
		size_t n_have)
{
	const struct apply_have *good = NULL;
	size_t j;

	for (j = 0; j < n_have; j++) {
		if (strcmp(have[j].name, w->name) != 0)
			continue;
		/* a conflict's loser has the name too: it waits for a rename */
		if (apply_needs_repair(have[j].state))
			plan->repair[plan->n_repair++] = &have[j];
		else if (!good)
			good = &have[j];
	}
	return good;
}

static bool wanted(
		const struct apply_want *want, size_t n_want, const char *name)
{
	size_t i;

	for (i = 0; i < n_want; i++)
		if (strcmp(want[i].name, name) == 0)
			return true;
	return false;
}

static bool named(
		const struct apply_have *have, size_t n_have, const char *name)
{
	size_t j;

	for (j = 0; j < n_have; j++)
		if (strcmp(have[j].name, name) == 0)
			return true;
	return false;
}

int apply_plan_make(const struct apply_want *want, size_t n_want,
		const struct apply_have *have, size_t n_have, bool prune,
		struct apply_plan *plan)
{
	size_t i, j;

	memset(plan, 0, sizeof(*plan));
	/* at most a create, or a chown and a chmod, a pool; five keys */
	plan->steps = calloc(2 * n_want + n_have + 1, sizeof(*plan->steps));
	plan->differ = calloc(5 * n_want + 1, sizeof(*plan->differ));
	plan->repair = calloc(n_have + 1, sizeof(*plan->repair));
	plan->extra = calloc(n_have + 1, sizeof(*plan->extra));
	plan->unchanged = calloc(n_want + 1, sizeof(*plan->unchanged));
	if (!plan->steps || !plan->differ || !plan->repair || !plan->extra ||
			!plan->unchanged) {
		apply_plan_free(plan);
		return -ENOMEM;
	}
	/* the pools that are missing, first and in the file's order */
	for (i = 0; i < n_want; i++)
		if (!wanted(want, i, want[i].name) &&
				!named(have, n_have, want[i].name))
			add_step(plan, APPLY_CREATE, &want[i], NULL);
	/* then owners, groups and modes, of the pools that are the file's */
	for (i = 0; i < n_want; i++) {
		const struct apply_want *w = &want[i];
		const struct apply_have *h;
		bool owner, group;

		/* the file's reader refuses a name twice; the first counts */
		if (wanted(want, i, w->name))
			continue;
		h = match(plan, w, have, n_have);
		if (!h || compare(plan, w, h))
			continue;
		owner = w->owner[0] && (!h->uid_known || h->uid != w->uid);
		group = w->group[0] && (!h->gid_known || h->gid != w->gid);
		if (owner || group) {
			add_step(plan, APPLY_CHOWN, w, h);
			plan->steps[plan->n_steps - 1].owner = owner;
			plan->steps[plan->n_steps - 1].group = group;
		}
		if (w->mode >= 0 && (unsigned int)w->mode != h->mode)
			add_step(plan, APPLY_CHMOD, w, h);
		if (!owner && !group &&
				(w->mode < 0 ||
						(unsigned int)w->mode ==
								h->mode))
			plan->unchanged[plan->n_unchanged++] = w;
	}
	/* last, what the file does not name: destroyed only when pruning */
	for (j = 0; j < n_have; j++) {
		const struct apply_have *h = &have[j];

		if (wanted(want, n_want, h->name))
			continue;
		if (!prune)
			plan->extra[plan->n_extra++] = h;
		else if (apply_needs_repair(h->state))
			/* a destroy of it is check's to finish or refuse */
			plan->repair[plan->n_repair++] = h;
		else
			add_step(plan, APPLY_DESTROY, NULL, h);
	}
	return 0;
}

void apply_plan_free(struct apply_plan *plan)
{
	free(plan->steps);
	free(plan->differ);
	free(plan->repair);
	free(plan->extra);
	free(plan->unchanged);
	memset(plan, 0, sizeof(*plan));
}

const char *apply_step_name(const struct apply_step *s)
{
	return s->want ? s->want->name : s->have->name;
}

const char *apply_action_name(enum apply_action action)
{
	static const char *const words[] = {
		[APPLY_CREATE] = "create",
		[APPLY_CHOWN] = "chown",
		[APPLY_CHMOD] = "chmod",
		[APPLY_DESTROY] = "destroy",
	};

	return words[action];
}

static struct json_object *str_or_null(const char *s)
{
	return s && *s ? json_object_new_string(s) : NULL;
}

static struct json_object *mode_json(unsigned int mode)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%04o", mode);
	return json_object_new_string(buf);
}

static struct json_object *type_json(enum daxpool_type type)
{
	const char *name = daxpool_type_name(type);

	return json_object_new_string(name ? name : "unknown");
}

static struct json_object *step_json(
		const struct apply_step *s, bool done, const char *error)
{
	struct json_object *o = json_object_new_object();
	const struct apply_want *w = s->want;
	const struct apply_have *h = s->have;

	json_object_object_add(o, "action",
			json_object_new_string(apply_action_name(s->action)));
	json_object_object_add(
			o, "name", json_object_new_string(apply_step_name(s)));
	if (h)
		json_object_object_add(o, "uuid", str_or_null(h->uuid));
	switch (s->action) {
	case APPLY_CREATE:
		json_object_object_add(o, "type", type_json(w->type));
		json_object_object_add(o, "size",
				json_object_new_int64((int64_t)w->size));
		json_object_object_add(o, "region", str_or_null(w->region));
		json_object_object_add(o, "numa_node",
				json_object_new_int(w->numa_node));
		json_object_object_add(o, "align",
				w->align ? json_object_new_int64(
							   (int64_t)w->align) :
					   NULL);
		json_object_object_add(o, "owner", str_or_null(w->owner));
		json_object_object_add(o, "group", str_or_null(w->group));
		json_object_object_add(o, "mode",
				w->mode >= 0 ? mode_json((unsigned int)w->mode) :
					       NULL);
		break;
	case APPLY_CHOWN:
		json_object_object_add(o, "owner",
				s->owner ? json_object_new_string(w->owner) :
					   NULL);
		json_object_object_add(o, "group",
				s->group ? json_object_new_string(w->group) :
					   NULL);
		break;
	case APPLY_CHMOD:
		json_object_object_add(
				o, "mode", mode_json((unsigned int)w->mode));
		break;
	case APPLY_DESTROY:
		break;
	}
	json_object_object_add(o, "done", json_object_new_boolean(done));
	json_object_object_add(o, "error", str_or_null(error));
	return o;
}

struct json_object *apply_differ_json(const struct apply_differ *d)
{
	struct json_object *o = json_object_new_object();
	const struct apply_want *w = d->want;
	const struct apply_have *h = d->have;
	struct json_object *file, *host;

	if (strcmp(d->key, "type") == 0) {
		file = type_json(w->type);
		host = type_json(h->type);
	} else if (strcmp(d->key, "size") == 0) {
		file = json_object_new_int64((int64_t)w->size);
		host = json_object_new_int64((int64_t)h->size);
	} else if (strcmp(d->key, "align") == 0) {
		file = json_object_new_int64((int64_t)w->align);
		host = json_object_new_int64((int64_t)h->align);
	} else if (strcmp(d->key, "region") == 0) {
		file = str_or_null(w->region);
		host = str_or_null(h->region);
	} else {
		file = json_object_new_int(w->numa_node);
		host = json_object_new_int(h->numa_node);
	}
	json_object_object_add(o, "name", json_object_new_string(w->name));
	json_object_object_add(o, "uuid", str_or_null(h->uuid));
	json_object_object_add(o, "key", json_object_new_string(d->key));
	json_object_object_add(o, "file", file);
	json_object_object_add(o, "host", host);
	return o;
}

struct json_object *apply_plan_json(const struct apply_plan *plan,
		const char *file, bool dry_run, size_t done, const char *error)
{
	struct json_object *o = json_object_new_object();
	struct json_object *arr;
	size_t i;

	if (!o)
		return NULL;
	json_object_object_add(o, "file", json_object_new_string(file));
	json_object_object_add(o, "dry_run", json_object_new_boolean(dry_run));
	arr = json_object_new_array();
	for (i = 0; i < plan->n_steps; i++)
		json_object_array_add(arr,
				step_json(&plan->steps[i], i < done,
						i == done ? error : NULL));
	json_object_object_add(o, "changes", arr);
	arr = json_object_new_array();
	for (i = 0; i < plan->n_differ; i++)
		json_object_array_add(arr, apply_differ_json(&plan->differ[i]));
	json_object_object_add(o, "differ", arr);
	arr = json_object_new_array();
	for (i = 0; i < plan->n_repair; i++) {
		const struct apply_have *h = plan->repair[i];
		const char *state = daxpool_state_name(h->state);
		struct json_object *e = json_object_new_object();

		json_object_object_add(
				e, "name", json_object_new_string(h->name));
		json_object_object_add(e, "uuid", str_or_null(h->uuid));
		json_object_object_add(e, "state",
				json_object_new_string(
						state ? state : "unknown"));
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "needs_repair", arr);
	arr = json_object_new_array();
	for (i = 0; i < plan->n_extra; i++)
		json_object_array_add(arr,
				json_object_new_string(plan->extra[i]->name));
	json_object_object_add(o, "extra", arr);
	arr = json_object_new_array();
	for (i = 0; i < plan->n_unchanged; i++)
		json_object_array_add(arr,
				json_object_new_string(
						plan->unchanged[i]->name));
	json_object_object_add(o, "unchanged", arr);
	return o;
}
