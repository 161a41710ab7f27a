// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxpool apply [--dry-run] [--prune] FILE: make the host hold the pools a
 * file names (daxpool-apply(1)); activate applies CONFDIR/pools.conf with
 * the same code. The file is read and checked whole first (apply-file.c),
 * then, under one admin lock, the host's pools are read, the plan made
 * (apply-plan.c) and carried out with the library's own calls, each of
 * them durable on its own: the first that fails stops the run, and a
 * rerun does the rest.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "apply-file.h"
#include "apply-plan.h"
#include "builtin.h"

struct apply_args {
	bool dry_run, prune;
};

static const struct cli_option apply_options[] = {
	OPT_FLAG('n', "dry-run", struct apply_args, dry_run,
			"print the plan as JSON and change nothing"),
	OPT_FLAG(0, "prune", struct apply_args, prune,
			"destroy the pools the file does not name"),
	OPT_END(),
};

/* NAME as an id: decimal digits of at most (uid_t)-2; else -1 */
static long long id_number(const char *name)
{
	unsigned long long v;

	if (!*name || strspn(name, "0123456789") != strlen(name) ||
			strlen(name) > 10)
		return -1;
	v = strtoull(name, NULL, 10);
	return v < 4294967295ULL ? (long long)v : -1;
}

/* an owner or a group by name, else by a number that names one, as
 * libdaxpool resolves them when it changes a pool */
static int resolve_account(
		void *arg, bool group, const char *name, unsigned int *id)
{
	long long n = id_number(name);

	(void)arg;
	if (group) {
		struct group *gr = getgrnam(name);

		if (!gr && n >= 0)
			gr = getgrgid((gid_t)n);
		if (!gr)
			return -ENOENT;
		*id = gr->gr_gid;
		return 0;
	}
	struct passwd *pw = getpwnam(name);

	if (!pw && n >= 0)
		pw = getpwuid((uid_t)n);
	if (!pw)
		return -ENOENT;
	*id = pw->pw_uid;
	return 0;
}

/* the whole file, NUL-terminated, or NULL with errno set */
static char *read_file(const char *path, size_t *len)
{
	size_t cap = APPLY_FILE_MAX + 2, n = 0, got;
	char *buf = malloc(cap);
	FILE *f;
	int e;

	if (!buf)
		return NULL;
	f = fopen(path, "re");
	if (!f) {
		e = errno;
		free(buf);
		errno = e;
		return NULL;
	}
	/* one byte past the limit says the file is larger than it */
	while ((got = fread(buf + n, 1, cap - 1 - n, f)) > 0)
		n += got;
	e = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	if (e) {
		free(buf);
		errno = e;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* the host's pools, and their objects in the same order */
struct host {
	struct apply_have *have;
	struct daxpool_pool **pool;
	size_t n;
};

static int read_host(struct daxpool_ctx *ctx, struct host *host)
{
	struct daxpool_pool *pool;
	size_t n = 0;

	daxpool_pool_foreach (ctx, pool)
		n++;
	host->have = calloc(n + 1, sizeof(*host->have));
	host->pool = calloc(n + 1, sizeof(*host->pool));
	if (!host->have || !host->pool)
		return -ENOMEM;
	daxpool_pool_foreach (ctx, pool) {
		struct apply_have *h = &host->have[host->n];
		unsigned int id;

		if (host->n == n)
			break;
		host->pool[host->n++] = pool;
		h->name = daxpool_pool_get_name(pool);
		h->uuid = daxpool_pool_get_uuid(pool);
		h->type = daxpool_pool_get_type(pool);
		h->size = daxpool_pool_get_size(pool);
		h->requested_size = daxpool_pool_get_requested_size(pool);
		h->align = daxpool_pool_get_align(pool);
		h->region = daxpool_pool_get_region(pool);
		h->numa_node = daxpool_pool_get_numa_node(pool);
		h->owner = daxpool_pool_get_owner(pool);
		h->group = daxpool_pool_get_group(pool);
		h->mode = daxpool_pool_get_mode(pool);
		h->state = daxpool_pool_get_state(pool);
		/* the planner compares ids: "alice" and "1000" are one */
		h->uid_known = h->owner[0] &&
				resolve_account(NULL, false, h->owner, &id) ==
						0;
		h->uid = h->uid_known ? id : 0;
		h->gid_known = h->group[0] &&
				resolve_account(NULL, true, h->group, &id) == 0;
		h->gid = h->gid_known ? id : 0;
	}
	return 0;
}

static void host_free(struct host *host)
{
	free(host->have);
	free(host->pool);
}

static struct daxpool_pool *pool_of(
		const struct host *host, const struct apply_have *h)
{
	return host->pool[h - host->have];
}

/* the library's reason, as the JSON keeps it */
static char *reason(struct daxpool_ctx *ctx, int rc)
{
	const char *e = daxpool_get_error(ctx);

	return strdup(e && *e ? e : strerror(-rc));
}

static int run_create(struct daxpool_ctx *ctx, const char *verb,
		const struct apply_want *w, char **error)
{
	struct cli_progress progress = { verb, w->name };
	struct daxpool_create *req;
	int rc;

	rc = daxpool_create_new(ctx, w->name, w->size, &req);
	if (rc) {
		*error = reason(ctx, rc);
		return rc;
	}
	/* the file's reader checked every value: what is refused here is
	 * the library's to refuse (a type this build has no backend for) */
	rc = daxpool_create_set_type(req, w->type);
	if (!rc && w->region[0])
		rc = daxpool_create_set_region(req, w->region);
	if (!rc && w->numa_node >= 0)
		rc = daxpool_create_set_numa_node(req, w->numa_node);
	if (!rc && w->align)
		rc = daxpool_create_set_align(req, w->align);
	if (!rc && w->owner[0])
		rc = daxpool_create_set_owner(req, w->owner);
	if (!rc && w->group[0])
		rc = daxpool_create_set_group(req, w->group);
	if (!rc && w->mode >= 0)
		rc = daxpool_create_set_mode(req, (unsigned int)w->mode);
	if (rc) {
		daxpool_create_free(req);
		*error = strdup("libdaxpool refused the pool's type, region, numa_node, align, owner, group or mode");
		return rc;
	}
	/* as daxpool create does: nobody gets old contents */
	daxpool_create_set_zero(req, true);
	if (isatty(STDERR_FILENO) && w->size >= (1ULL << 30))
		daxpool_create_set_progress(req, cli_progress, &progress);
	rc = daxpool_create_run(req, NULL);
	daxpool_create_free(req);
	if (rc)
		*error = reason(ctx, rc);
	return rc;
}

static int run_destroy(struct daxpool_ctx *ctx, struct daxpool_pool *pool,
		char **error)
{
	struct daxpool_holders *holders = NULL;
	char *held;
	int rc;

	rc = daxpool_pool_destroy(pool, &holders);
	if (rc == -EBUSY) {
		held = holders_text(holders);
		if (asprintf(error, "%s%s", daxpool_get_error(ctx),
				    held ? held : "") < 0)
			*error = NULL;
		free(held);
	} else if (rc) {
		*error = reason(ctx, rc);
	}
	daxpool_holders_free(holders);
	return rc;
}

/* one step of the plan. Returns: 0, or -errno with the reason in *ERROR */
static int run_step(struct daxpool_ctx *ctx, const char *verb,
		const struct host *host, const struct apply_step *s,
		char **error)
{
	const struct apply_want *w = s->want;
	struct daxpool_pool *pool = s->have ? pool_of(host, s->have) : NULL;
	int rc = 0;

	*error = NULL;
	switch (s->action) {
	case APPLY_CREATE:
		return run_create(ctx, verb, w, error);
	case APPLY_CHOWN:
		rc = daxpool_pool_set_owner(pool, s->owner ? w->owner : NULL,
				s->group ? w->group : NULL);
		break;
	case APPLY_CHMOD:
		rc = daxpool_pool_set_mode(pool, (unsigned int)w->mode);
		break;
	case APPLY_DESTROY:
		return run_destroy(ctx, pool, error);
	}
	if (rc)
		*error = reason(ctx, rc);
	return rc;
}

/* on stderr, what apply leaves as it is, and why */
static void tell_left(const char *verb, const struct apply_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->n_differ; i++) {
		const struct apply_differ *d = &plan->differ[i];
		struct json_object *o = apply_differ_json(d), *file, *host;

		json_object_object_get_ex(o, "file", &file);
		json_object_object_get_ex(o, "host", &host);
		cli_error(verb, d->want->name,
				"%s is %s here, the file says %s; apply never changes that (destroy the pool and apply again, by hand)",
				d->key, json_object_to_json_string(host),
				json_object_to_json_string(file));
		json_object_put(o);
	}
	for (i = 0; i < plan->n_repair; i++) {
		const char *state = daxpool_state_name(plan->repair[i]->state);

		cli_error(verb, plan->repair[i]->name,
				"%s: left alone until repaired (see 'daxpool check')",
				state ? state : "unknown");
	}
}

int apply_run(struct daxpool_ctx *ctx, const char *verb, const char *path,
		bool dry_run, bool prune, struct json_object **result,
		struct apply_outcome *outcome)
{
	struct apply_file file = { 0 };
	struct apply_plan plan = { 0 };
	struct host host = { 0 };
	struct apply_error perr;
	char *text, *error = NULL;
	bool locked = false;
	size_t len, done = 0;
	int rc, status = 2;

	*result = NULL;
	memset(outcome, 0, sizeof(*outcome));
	outcome->failed = true;
	text = read_file(path, &len);
	if (!text) {
		cli_error(verb, path, "cannot read it: %s", strerror(errno));
		return 2;
	}
	rc = apply_file_parse(text, len, resolve_account, NULL, &file, &perr);
	free(text);
	if (rc) {
		if (perr.column)
			fprintf(stderr, "daxpool %s: %s:%u:%u: %s\n", verb,
					path, perr.line, perr.column, perr.msg);
		else if (perr.line)
			fprintf(stderr, "daxpool %s: %s:%u: %s\n", verb, path,
					perr.line, perr.msg);
		else
			cli_error(verb, path, "%s", perr.msg);
		return 2;
	}
	/* a dry run reads as any user; a change needs the lock, and root */
	if (!dry_run || geteuid() == 0) {
		rc = daxpool_lock(ctx);
		if (rc) {
			cli_error(verb, path, "%s", daxpool_get_error(ctx));
			goto out;
		}
		locked = true;
	}
	daxpool_invalidate(ctx);
	if (read_host(ctx, &host) ||
			apply_plan_make(file.pools, file.n, host.have, host.n,
					prune, &plan)) {
		cli_error(verb, path, "out of memory");
		goto out;
	}
	for (; !dry_run && done < plan.n_steps; done++) {
		const struct apply_step *s = &plan.steps[done];
		const char *name = apply_step_name(s);

		rc = run_step(ctx, verb, &host, s, &error);
		/* how it was decided, or what is left to clean up */
		cli_warning(ctx, verb, name);
		if (rc) {
			cli_error(verb, name, "%s: %s",
					apply_action_name(s->action),
					error ? error : strerror(-rc));
			cli_error(verb, path,
					"stopped at change %zu of %zu: those before it stay done, and a rerun does the rest",
					done + 1, plan.n_steps);
			break;
		}
	}
	if (!plan.n_steps)
		cli_error(verb, path, "nothing to change");
	tell_left(verb, &plan);
	*result = apply_plan_json(&plan, path, dry_run, done,
			error ? error : (rc ? strerror(-rc) : NULL));
	outcome->done = dry_run ? 0 : done;
	outcome->differ = plan.n_differ;
	outcome->repair = plan.n_repair;
	outcome->failed = !dry_run && done < plan.n_steps;
	status = outcome->failed || plan.n_differ || plan.n_repair ? 1 : 0;
out:
	if (locked)
		daxpool_unlock(ctx);
	free(error);
	apply_plan_free(&plan);
	host_free(&host);
	apply_file_free(&file);
	return status;
}

static int cmd_apply(int argc, char **argv, struct daxpool_ctx *ctx)
{
	struct apply_args a = { 0 };
	struct apply_outcome outcome;
	struct json_object *result;
	int first, rc;

	rc = cli_parse(&verb_apply, argc, argv, &a, &first);
	if (rc)
		return rc > 0 ? 0 : 1;
	rc = apply_run(ctx, "apply", argv[first], a.dry_run, a.prune, &result,
			&outcome);
	if (result) {
		json_print(result);
		json_object_put(result);
	}
	return rc;
}

const struct cli_verb verb_apply = {
	.name = "apply",
	.fn = cmd_apply,
	.summary = "create and mend the pools a file names",
	.operands = "FILE",
	.min_operands = 1,
	.max_operands = 1,
	.too_few = "a FILE of pools is required",
	.too_many = "exactly one FILE is required",
	.description = "Makes the host hold the pools FILE names (the JSON of 'daxpool list'):\n"
		       "creates those that are missing and sets owner, group and mode where\n"
		       "they differ, under one lock. Never resizes, moves or retypes a pool;\n"
		       "destroys one only with --prune. Prints the plan and what was done as\n"
		       "JSON; exit 0 when the host holds the file.\n",
	.options = apply_options,
};
