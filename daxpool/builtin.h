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

/* "daxpool VERB: what: why" on stderr */
void cli_error(const char *verb, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* the pool as DESIGN.md's JSON object; -u human sizes, -v extra keys */
struct json_object *pool_to_json(struct daxpool_pool *pool, bool human,
		bool verbose);
void json_print(struct json_object *obj);
#endif
