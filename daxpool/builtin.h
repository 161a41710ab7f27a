/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _DAXPOOL_BUILTIN_H_
#define _DAXPOOL_BUILTIN_H_
#include <stdbool.h>
#include <json-c/json.h>
#include <daxpool/libdaxpool.h>

struct cmd_struct {
	const char *cmd;
	int (*fn)(int argc, char **argv, struct daxpool_ctx *ctx);
	const char *summary;
};

int cmd_create(int argc, char **argv, struct daxpool_ctx *ctx);
int cmd_list(int argc, char **argv, struct daxpool_ctx *ctx);
int cmd_destroy(int argc, char **argv, struct daxpool_ctx *ctx);
int cmd_chown(int argc, char **argv, struct daxpool_ctx *ctx);
int cmd_chmod(int argc, char **argv, struct daxpool_ctx *ctx);
int cmd_rename(int argc, char **argv, struct daxpool_ctx *ctx);
int cmd_check(int argc, char **argv, struct daxpool_ctx *ctx);
int cmd_activate(int argc, char **argv, struct daxpool_ctx *ctx);
int cmd_rdma_check(int argc, char **argv, struct daxpool_ctx *ctx);

/* "daxpool VERB: what: why" on stderr */
void cli_error(const char *verb, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* the pool's state as daxpool-list(1) prints it */
const char *pool_state(struct daxpool_pool *pool);
/* the pool as daxpool-list(1)'s JSON object; -u human sizes, -v extra keys */
struct json_object *pool_to_json(struct daxpool_pool *pool, bool human,
		bool verbose);
void json_print(struct json_object *obj);
/* 0: exactly nargs operands at optind; 1: --help printed; -1: error printed */
int verb_args(int argc, char **argv, const char *verb, const char *usage,
		int nargs);
/* the pool named or with that uuid, or NULL after saying why */
struct daxpool_pool *find_pool(struct daxpool_ctx *ctx, const char *verb,
		const char *id);
/* the library's warning, if the last change left one */
void cli_warning(struct daxpool_ctx *ctx, const char *verb, const char *what);
/* the pool as one JSON object, looked up afresh */
int print_pool(struct daxpool_ctx *ctx, const char *id);
#endif
