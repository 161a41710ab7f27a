/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_REGISTRY_H_
#define _DAXPOOL_REGISTRY_H_
#include <sys/stat.h>
#include "core/private.h"

/* the version of a record's format, in its "version" field */
#define DP_RECORD_VERSION 1

/* pure: a record to its JSON text, with json-c (record-encode.c) */
char *dp_record_encode(const struct daxpool_record *rec);
/* the same on one line, no spaces: a line of the media copy */
char *dp_record_encode_line(const struct daxpool_record *rec);
/* pure: a record from its JSON text, without json-c (record.c) */
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

/*
 * A file of at most 64 KiB without NUL bytes, malloc'd into *TEXT (for
 * other files of the registry).
 * Returns: 0, or -errno (-EINVAL for damage) with *WHY set.
 */
int dp_read_small_file(const char *path, char **text, const char **why);

/* where a pool's record lives: CONFDIR/pools/UUID.json (pure) */
int dp_record_path(
		const char *confdir, const char *uuid, char *buf, size_t len);

/*
 * TEXT and a newline as BASE/SUB/NAME (0644, SUB made 0755), durably: a hidden
 * temporary beside it, synced, renamed over it, the directory synced.
 * BASE is ctx's confdir (or statedir, for a second copy).
 * Returns: 0, or -errno with the error set (EROFS says what to do).
 */
int dp_registry_put(struct daxpool_ctx *ctx, const char *base, const char *sub,
		const char *name, const char *text);
/* BASE/SUB/NAME removed, durably. Returns: 0 (also when it was not
 * there), or -errno with the error set. */
int dp_registry_unput(struct daxpool_ctx *ctx, const char *base,
		const char *sub, const char *name);

/* the files under CONFDIR/pools, one per pool, named by uuid */
int dp_registry_write(
		struct daxpool_ctx *ctx, const struct daxpool_record *rec);
/*
 * REC as dp_registry_write writes it (whole or absent, never half: the
 * file is synced before its rename), but the rename is not made durable
 * (the directory is not synced): for a record that only has to be seen
 * now (udev, a look at the pools), which a durable copy written next
 * stands for after a crash (a create's intent, on a kind that keeps one).
 *
 * Returns: 0, or -errno with the error set.
 */
int dp_registry_write_unsynced(
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
/*
 * dp_registry_read_file, keeping the file open: *FD (the caller's to
 * close) and its fstat *ST, the proof that later reads see the same file.
 * Returns: 0, or -errno with *WHY set (nothing held).
 */
int dp_registry_read_held(const char *path, struct daxpool_record *rec, int *fd,
		struct stat *st, const char **why);
#endif
