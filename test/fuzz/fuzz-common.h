/* SPDX-License-Identifier: GPL-2.0-only */
/* shared by the libFuzzer harnesses (scripts/fuzz builds them with clang) */
#ifndef _DAXPOOL_FUZZ_COMMON_H_
#define _DAXPOOL_FUZZ_COMMON_H_
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/private.h"
#include "store/json-flat.h"
#include "store/registry.h"
#include "udev-env.h"

#define FUZZ_ASSERT(c) \
	do { \
		if (!(c)) { \
			fprintf(stderr, "%s:%d: property failed: %s\n", \
					__FILE__, __LINE__, #c); \
			abort(); \
		} \
	} while (0)

/* the input as a C string (as a file read into memory would be) */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s;

	if (size > 65536 || memchr(data, '\0', size))
		return NULL;
	s = malloc(size + 1);
	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

/* every line KEY=VALUE, a key udev's rule reads, a value of safe bytes */
static inline bool fuzz_env_is_safe(const char *env)
{
	static const char *const keys[] = { "DAXPOOL_NAME=", "DAXPOOL_UUID=",
		"DAXPOOL_OWNER=", "DAXPOOL_GROUP=", "DAXPOOL_MODE=" };
	const char *line = env;
	size_t i;

	for (i = 0; i < 5; i++) {
		const char *nl = strchr(line, '\n'), *v;

		if (!nl || strncmp(line, keys[i], strlen(keys[i])) != 0)
			return false;
		for (v = line + strlen(keys[i]); v < nl; v++)
			if (!((*v >= 'a' && *v <= 'z') ||
					    (*v >= 'A' && *v <= 'Z') ||
					    (*v >= '0' && *v <= '9') ||
					    *v == '.' || *v == '_' ||
					    *v == '-'))
				return false;
		if (v == line + strlen(keys[i]))
			return false;
		line = nl + 1;
	}
	return *line == '\0';
}
#endif
