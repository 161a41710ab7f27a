/* SPDX-License-Identifier: GPL-2.0-only */
/* what the daxpool CLI's verbs share: their tables, errors, pools as JSON */
#ifndef _DAXPOOL_BUILTIN_H_
#define _DAXPOOL_BUILTIN_H_
#include <stdbool.h>
#include <json-c/json.h>
#include <daxpool/libdaxpool.h>
#include "options.h"

/* each verb: its options, operands and usage (options.h), and its function */
extern const struct cli_verb verb_create, verb_list, verb_destroy, verb_chown,
		verb_chmod, verb_rename, verb_check, verb_activate,
		verb_rdma_check, verb_apply;
/* every verb, in the order 'daxpool help' shows them; NULL ends it */
extern const struct cli_verb *const cli_verbs[];
/* the verb called NAME, or NULL */
const struct cli_verb *cli_find_verb(const char *name);

/* "daxpool VERB: what: why" on stderr */
void cli_error(const char *verb, const char *what, const char *fmt, ...)
		__attribute__((format(printf, 3, 4)));
/* the pool's state as daxpool-list(1) prints it */
const char *pool_state(struct daxpool_pool *pool);
/* the pool as daxpool-list(1)'s JSON object; -u human sizes, -v extra keys */
struct json_object *pool_to_json(
		struct daxpool_pool *pool, bool human, bool verbose);
void json_print(struct json_object *obj);
/* the pool named or with that uuid, or NULL after saying why */
struct daxpool_pool *find_pool(
		struct daxpool_ctx *ctx, const char *verb, const char *id);
/* the library's warning, if the last change left one */
void cli_warning(struct daxpool_ctx *ctx, const char *verb, const char *what);
/* the pool as one JSON object, looked up afresh */
int print_pool(struct daxpool_ctx *ctx, const char *id);
/*
 * What follows a busy pool's error: "; held by pid 12", "; held by pids
 * 12, 13", "" when no holder was named; malloc'd, NULL when memory ran out
 */
char *holders_text(struct daxpool_holders *holders);
/* a create's zeroing, as "daxpool VERB: zeroing NAME:  42%" on stderr */
struct cli_progress {
	const char *verb, *name;
};
void cli_progress(uint64_t done, uint64_t total, void *arg);

/* how apply went, for activate's report of it */
struct apply_outcome {
	size_t done; /* the changes done ("done": true in the JSON) */
	size_t differ, repair; /* keys that differ, pools needing a repair */
	bool failed; /* a change failed, or the file could not be applied */
};
/*
 * daxpool apply's work, for apply and for activate (as VERB in messages):
 * make the host hold the pools of the file at PATH, with DRY_RUN and
 * PRUNE; the plan as JSON (with what was done) in *RESULT, NULL when the
 * file could not be read or apply could not run; a summary in *OUTCOME.
 * Returns: 0 when the host holds the file, 1 when a pool differs, needs a
 * repair or a change failed, 2 when nothing could be done.
 */
int apply_run(struct daxpool_ctx *ctx, const char *verb, const char *path,
		bool dry_run, bool prune, struct json_object **result,
		struct apply_outcome *outcome);
#endif
