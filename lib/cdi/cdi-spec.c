// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A pool's CDI spec as text (cdi-spec.h), pure: cdi.c decides which pools
 * are offered and writes the files. Written with json-c, which escapes
 * every string, and checked against CDI 0.5.0 as v0.5.2 of its library
 * reads it: a strict decoder (an unknown key fails the whole file), the
 * fields and types of specs-go/config.go, and the name rules of
 * pkg/cdi/qualified-device.go.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "cdi/cdi-spec.h"
#include "store/registry.h"

bool dp_cdi_name_ok(const char *name)
{
	size_t i, len = name ? strlen(name) : 0;

	if (len == 0 || !isalnum((unsigned char)name[0]) ||
			!isalnum((unsigned char)name[len - 1]))
		return false;
	for (i = 1; i + 1 < len; i++)
		if (!isalnum((unsigned char)name[i]) &&
				!strchr("_-.:", name[i]))
			return false;
	return true;
}

int dp_cdi_open_files(const char *confdir, const char *uuid,
		enum daxpool_type type, unsigned int major, unsigned int minor,
		char files[DP_CDI_FILES_MAX][DP_CDI_PATH_MAX])
{
	int n;

	if (!daxpool_is_uuid(uuid) ||
			dp_record_path(confdir, uuid, files[0],
					DP_CDI_PATH_MAX))
		return -EINVAL;
	if (type != DAXPOOL_TYPE_RAM)
		return 1;
	n = snprintf(files[1], DP_CDI_PATH_MAX, "/run/udev/data/c%u:%u", major,
			minor);
	if (n < 0 || n >= DP_CDI_PATH_MAX ||
			dp_run_path("ram", uuid, false, files[2],
					DP_CDI_PATH_MAX))
		return -EINVAL;
	return 3;
}

/* a device's own name: never a path */
static bool plain(const char *s)
{
	if (!s || !s[0] || s[0] == '.')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
			return false;
	return true;
}

static struct json_object *strings(const char *const *s, size_t n)
{
	struct json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; a && i < n; i++)
		json_object_array_add(a, json_object_new_string(s[i]));
	return a;
}

/*
 * The one node the runtime makes: what puts the pool's number in the
 * container's device rules (cgroup). Root's and mode 0, at the device's
 * own path, where the host's node is bound over it (bind()): what a
 * program opens is the host's inode, so a chown, a chmod or a destroy's
 * door on the host reaches running containers too, and a node left in a
 * container after a destroy stays closed even when a later pool gets the
 * same number. (A runtime that makes devices after the mounts finds the
 * path taken and keeps the bind.)
 */
static struct json_object *rule_node(const struct dp_cdi_pool *p)
{
	struct json_object *o = json_object_new_object();
	char path[96];

	snprintf(path, sizeof(path), "/dev/%s", p->chardev);
	json_object_object_add(o, "path", json_object_new_string(path));
	json_object_object_add(o, "type", json_object_new_string("c"));
	json_object_object_add(o, "major", json_object_new_int64(p->major));
	json_object_object_add(o, "minor", json_object_new_int64(p->minor));
	json_object_object_add(o, "fileMode", json_object_new_int(0));
	/* the cgroup's access: no mknod ("m") */
	json_object_object_add(o, "permissions", json_object_new_string("rw"));
	json_object_object_add(o, "uid", json_object_new_int64(0));
	json_object_object_add(o, "gid", json_object_new_int64(0));
	return o;
}

/* HOST bound at PATH in the container, with OPTIONS */
static struct json_object *bind(const char *host, const char *path,
		const char *const *options, size_t n)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "hostPath", json_object_new_string(host));
	json_object_object_add(
			o, "containerPath", json_object_new_string(path));
	json_object_object_add(o, "options", strings(options, n));
	json_object_object_add(o, "type", json_object_new_string("bind"));
	return o;
}

int dp_cdi_spec_encode(const struct dp_cdi_pool *p, char **text)
{
	/* the pool's node: device access, so no nodev */
	static const char *const dev_opts[3] = { "nosuid", "noexec", "bind" };
	static const char *const file_opts[5] = { "ro", "nosuid", "nodev",
		"noexec", "bind" };
	struct json_object *spec, *dev, *edits, *nodes, *mounts, *devices;
	char link[DAXPOOL_NAME_MAX + 16], host[96], env[DAXPOOL_NAME_MAX + 16];
	const char *envs[1] = { env };
	const char *out;
	size_t i;

	*text = NULL;
	if (!dp_cdi_name_ok(p->name) || strlen(p->name) > DAXPOOL_NAME_MAX ||
			!plain(p->chardev) || strlen(p->chardev) > 64 ||
			!p->major || p->nfiles > DP_CDI_FILES_MAX)
		return -EINVAL;
	for (i = 0; i < p->nfiles; i++)
		if (!p->files[i] || p->files[i][0] != '/')
			return -EINVAL;
	snprintf(link, sizeof(link), "/dev/daxpool/%s", p->name);
	snprintf(host, sizeof(host), "/dev/%s", p->chardev);
	snprintf(env, sizeof(env), "DAXPOOL_POOL=%s", p->name);

	spec = json_object_new_object();
	if (!spec)
		return -ENOMEM;
	nodes = json_object_new_array();
	json_object_array_add(nodes, rule_node(p));
	/* the link's path and the device's own: open by name stats the first
	 * and opens the second; both the host's node */
	mounts = json_object_new_array();
	json_object_array_add(mounts, bind(host, link, dev_opts, 3));
	json_object_array_add(mounts, bind(host, host, dev_opts, 3));
	/* what the library reads there, read-only at the same path */
	for (i = 0; i < p->nfiles; i++)
		json_object_array_add(mounts,
				bind(p->files[i], p->files[i], file_opts, 5));
	edits = json_object_new_object();
	json_object_object_add(edits, "env", strings(envs, 1));
	json_object_object_add(edits, "deviceNodes", nodes);
	json_object_object_add(edits, "mounts", mounts);
	dev = json_object_new_object();
	json_object_object_add(dev, "name", json_object_new_string(p->name));
	json_object_object_add(dev, "containerEdits", edits);
	devices = json_object_new_array();
	json_object_array_add(devices, dev);
	json_object_object_add(spec, "cdiVersion",
			json_object_new_string(DP_CDI_VERSION));
	json_object_object_add(
			spec, "kind", json_object_new_string(DP_CDI_KIND));
	json_object_object_add(spec, "devices", devices);

	out = json_object_to_json_string_ext(spec,
			JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
					JSON_C_TO_STRING_NOSLASHESCAPE);
	*text = out ? strdup(out) : NULL;
	json_object_put(spec);
	return *text ? 0 : -ENOMEM;
}
