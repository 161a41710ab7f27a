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
		verb_rdma_check;
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
#endif
