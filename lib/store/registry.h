/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_REGISTRY_H_
#define _DAXPOOL_REGISTRY_H_
#include "core/private.h"

/* pure: a record to and from its JSON text (unit tested) */
char *dp_record_encode(const struct daxpool_record *rec);
/* the same on one line, no spaces: a line of the media copy */
char *dp_record_encode_line(const struct daxpool_record *rec);
int dp_record_decode(
		const char *text, struct daxpool_record *rec, const char **why);

/*
 * An intent as records spell it on disk and on the media: "" for none,
 * "create", "destroy" (pure; the guardian of quiesce.c calls it too, so
 * it only reads a table).
 *
 * Returns: the name; "" for DP_INTENT_NONE or a value out of range.
 */
const char *dp_intent_name(enum dp_intent intent);
/*
 * The intent NAME spells; "" is none.
 *
 * Returns: 0, or -EINVAL for a name no intent has.
 */
int dp_intent_parse(const char *name, enum dp_intent *intent);

/* json-flat.c (pure): 0 if TEXT is one JSON object of plain lower-case
 * keys, each once, with string or int64 values and nothing json-c would
 * bend (comments, single quotes, \u0000, clamped numbers); else -EINVAL
 * and a reason in *why */
int dp_json_flat_check(const char *text, size_t len, const char **why);

/* where a pool's record lives: CONFDIR/pools/UUID.json (pure) */
int dp_record_path(
		const char *confdir, const char *uuid, char *buf, size_t len);

/* the files under CONFDIR/pools, one per pool, named by uuid */
int dp_registry_write(
		struct daxpool_ctx *ctx, const struct daxpool_record *rec);
int dp_registry_remove(struct daxpool_ctx *ctx, const char *uuid);
typedef int (*dp_record_fn)(struct daxpool_ctx *ctx,
		const struct daxpool_record *rec, void *arg);
/* calls fn for every readable record; reports bad files and goes on */
int dp_registry_foreach(struct daxpool_ctx *ctx, dp_record_fn fn, void *arg);
/*
 * Every readable record, in dp_registry_foreach's order, into *RECS
 * (malloc'd, *N of them): the caller frees it, after a failure too, when
 * it holds what was read until then.
 *
 * Returns: 0, or -errno.
 */
int dp_registry_load(struct daxpool_ctx *ctx, struct daxpool_record **recs,
		size_t *n);
int dp_registry_read_file(
		const char *path, struct daxpool_record *rec, const char **why);
#endif
