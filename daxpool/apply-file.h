/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The file of 'daxpool apply' (daxpool-apply(1)): the pools a host should
 * have, in the keys of 'daxpool list', so that list's output on one host
 * is a valid file for another. Pure: the caller reads the file and gives
 * the function that turns an owner or a group into its id, so a unit test
 * and a fuzzer feed it text and tables.
 */
#ifndef _DAXPOOL_APPLY_FILE_H_
#define _DAXPOOL_APPLY_FILE_H_
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <daxpool/libdaxpool.h>

/* region, owner and group: what a create request keeps (63 bytes) */
#define APPLY_STR_MAX 64
/* a file larger than this is refused unread */
#define APPLY_FILE_MAX (4 << 20)
/* a host's pools: more is a mistake, and the duplicate search is n^2 */
#define APPLY_POOLS_MAX 8192

/* one pool the file wants */
struct apply_want {
	char name[DAXPOOL_NAME_MAX + 1];
	uint64_t size; /* bytes, as given: a create may round it up */
	enum daxpool_type type;
	char region[APPLY_STR_MAX]; /* "": any */
	int numa_node; /* -1: any (and always -1 when a region is given) */
	uint64_t align; /* 0: not given (create's default; any other) */
	/* as the file spells them ("": not given), and their ids */
	char owner[APPLY_STR_MAX], group[APPLY_STR_MAX];
	unsigned int uid, gid;
	int mode; /* -1: not given */
	unsigned int line; /* where its object starts in the file */
};

/* what the file wants, in the file's order */
struct apply_file {
	struct apply_want *pools;
	size_t n;
};

/* where a file is wrong: line (and column, 0 when not said) and why */
struct apply_error {
	unsigned int line, column;
	char msg[256];
};

/*
 * The id of the owner (GROUP false) or group NAME: a name, or a number
 * that names an account, as libdaxpool takes them.
 * Returns: 0 with *ID set, or -ENOENT.
 */
typedef int (*apply_resolve_fn)(
		void *arg, bool group, const char *name, unsigned int *id);

/*
 * Reads TEXT (LEN bytes): a JSON array of pool objects, or an object
 * {"pools": [...]}, every pool checked and its owner and group resolved
 * with RESOLVE(ARG, ...) before anything is returned.
 * Returns: 0 with the pools in *FILE (apply_file_free() frees them), or
 * -EINVAL with *FILE empty and the first thing wrong in *ERR, or -ENOMEM.
 */
int apply_file_parse(const char *text, size_t len, apply_resolve_fn resolve,
		void *arg, struct apply_file *file, struct apply_error *err);

/* Frees what apply_file_parse() gave (an empty one is fine). Returns: nothing. */
void apply_file_free(struct apply_file *file);
#endif
