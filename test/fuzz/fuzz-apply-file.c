// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: the reader of daxpool apply's file (daxpool/apply-file.c),
 * which root runs at boot on /etc/daxpool/pools.conf. Whatever the bytes,
 * it returns; what it accepts holds every rule of daxpool-apply(1) (a
 * valid, unique name, a size create takes, a mode, an align, a node, a
 * region), and json-c reads the same number of pools from it; what it
 * refuses comes back empty, with a line inside the text and a reason.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "fuzz-common.h"
#include "apply-file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* root and alice, by name or by number; nobody else */
static int resolve(void *arg, bool group, const char *name, unsigned int *id)
{
	(void)arg;
	(void)group;
	if (strcmp(name, "root") == 0 || strcmp(name, "0") == 0) {
		*id = 0;
		return 0;
	}
	if (strcmp(name, "alice") == 0 || strcmp(name, "1000") == 0) {
		*id = 1000;
		return 0;
	}
	return -ENOENT;
}

static void holds(const struct apply_want *w)
{
	FUZZ_ASSERT(daxpool_name_check(w->name, NULL) == 0);
	FUZZ_ASSERT(w->size > 0 && w->size <= (1ULL << 56));
	FUZZ_ASSERT(daxpool_type_name(w->type) != NULL);
	FUZZ_ASSERT(w->mode >= -1 && w->mode <= 07777);
	FUZZ_ASSERT(w->align == 0 || w->align == 4096 ||
			w->align == (2 << 20) || w->align == (1 << 30));
	FUZZ_ASSERT(w->numa_node >= -1 && w->numa_node <= 99999);
	FUZZ_ASSERT(!w->region[0] || w->numa_node == -1);
	FUZZ_ASSERT(strnlen(w->region, APPLY_STR_MAX) < APPLY_STR_MAX);
	FUZZ_ASSERT(!w->owner[0] || w->uid == 0 || w->uid == 1000);
	FUZZ_ASSERT(!w->group[0] || w->gid == 0 || w->gid == 1000);
	FUZZ_ASSERT(w->line >= 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct apply_error err;
	struct apply_file f;
	struct json_object *o, *arr;
	unsigned int lines = 1;
	char *text;
	size_t i, j;
	int rc;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	rc = apply_file_parse(
			(const char *)data, size, resolve, NULL, &f, &err);
	if (rc) {
		FUZZ_ASSERT(rc == -EINVAL || rc == -ENOMEM);
		FUZZ_ASSERT(f.n == 0 && f.pools == NULL);
		FUZZ_ASSERT(err.msg[0] != '\0');
		FUZZ_ASSERT(err.line >= 1 && err.line <= lines);
		return 0;
	}
	for (i = 0; i < f.n; i++) {
		holds(&f.pools[i]);
		FUZZ_ASSERT(f.pools[i].line <= lines);
		FUZZ_ASSERT(i == 0 || f.pools[i].line >= f.pools[i - 1].line);
		for (j = 0; j < i; j++)
			FUZZ_ASSERT(strcmp(f.pools[i].name, f.pools[j].name));
	}
	/* json-c, lenient, sees as many pools */
	text = fuzz_text(data, size);
	if (!text) {
		apply_file_free(&f);
		return 0;
	}
	o = json_tokener_parse(text);
	free(text);
	FUZZ_ASSERT(o);
	arr = o;
	if (!json_object_is_type(o, json_type_array))
		FUZZ_ASSERT(json_object_object_get_ex(o, "pools", &arr));
	FUZZ_ASSERT(json_object_array_length(arr) == f.n);
	json_object_put(o);
	apply_file_free(&f);
	return 0;
}
