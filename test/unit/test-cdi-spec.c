// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pools' CDI specs: the encoder from tables (pmem and ram pools,
 * the host's node bound, the rule's node, the mounts, escaping, the
 * names CDI refuses), each
 * output parsed back with json-c and held to what CDI 0.5.0 decodes (the
 * struct fields of container-device-interface v0.5.2's specs-go, with
 * their JSON types; its decoder is strict, so no other key); then, as
 * root, the writer in a directory of its own: a pool's file written,
 * rewritten for a rename, left alone when nothing changed,
 * removed when the pool stops being offered, and the sweep of files no
 * pool is offered for.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <json-c/json.h>
#include "cdi/cdi.h"
#include "cdi/cdi-spec.h"
#include "store/registry.h"
#include "quiet-log.h"
#include "tap.h"

#define UUID "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
#define UUID2 "11111111-2222-3333-4444-555555555555"

static const char *const ro_bind[] = { "ro", "nosuid", "nodev", "noexec",
	"bind", NULL };

/* every key of O is one of KEYS (CDI's decoder refuses any other), and
 * the first NREQ of KEYS are there */
static bool keys_are(struct json_object *o, const char *const *keys, int nreq)
{
	int i;

	if (!json_object_is_type(o, json_type_object))
		return false;
	json_object_object_foreach (o, k, v) {
		bool known = false;

		(void)v;
		for (i = 0; keys[i]; i++)
			known |= strcmp(k, keys[i]) == 0;
		if (!known) {
			printf("# unknown key %s\n", k);
			return false;
		}
	}
	for (i = 0; i < nreq; i++)
		if (!json_object_object_get_ex(o, keys[i], NULL)) {
			printf("# no key %s\n", keys[i]);
			return false;
		}
	return true;
}

static struct json_object *get(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	json_object_object_get_ex(o, key, &v);
	return v;
}

static bool is_str(struct json_object *o, const char *key, const char *want)
{
	struct json_object *v = get(o, key);

	if (!json_object_is_type(v, json_type_string) ||
			strcmp(json_object_get_string(v), want) != 0) {
		printf("# %s is %s, not \"%s\"\n", key,
				v ? json_object_to_json_string(v) : "absent",
				want);
		return false;
	}
	return true;
}

static bool is_int(struct json_object *o, const char *key, int64_t want)
{
	struct json_object *v = get(o, key);

	if (!json_object_is_type(v, json_type_int) ||
			json_object_get_int64(v) != want) {
		printf("# %s is %s, not %lld\n", key,
				v ? json_object_to_json_string(v) : "absent",
				(long long)want);
		return false;
	}
	return true;
}

static bool strings_are(struct json_object *a, const char *const *want)
{
	size_t i, n;

	if (!json_object_is_type(a, json_type_array))
		return false;
	n = json_object_array_length(a);
	for (i = 0; i < n; i++) {
		struct json_object *s = json_object_array_get_idx(a, i);

		if (!want[i] || !json_object_is_type(s, json_type_string) ||
				strcmp(json_object_get_string(s), want[i]) != 0)
			return false;
	}
	return !want[n];
}

/*
 * the one node the runtime makes, as specs-go's DeviceNode: the pool's
 * number for the device rule, root's, mode 0, out of the way
 */
static bool rule_node_ok(struct json_object *n, const struct dp_cdi_pool *p)
{
	static const char *const keys[] = { "path", "type", "major", "minor",
		"fileMode", "permissions", "uid", "gid", NULL };
	char path[96];

	snprintf(path, sizeof(path), "/dev/%s", p->chardev);
	return keys_are(n, keys, 8) && is_str(n, "path", path) &&
			is_str(n, "type", "c") &&
			is_int(n, "major", p->major) &&
			is_int(n, "minor", p->minor) &&
			is_int(n, "fileMode", 0) &&
			is_str(n, "permissions", "rw") && is_int(n, "uid", 0) &&
			is_int(n, "gid", 0);
}

/* a bind mount of HOST at PATH with OPTIONS, as specs-go's Mount */
static bool mount_ok(struct json_object *m, const char *host, const char *path,
		const char *const *options)
{
	static const char *const keys[] = { "hostPath", "containerPath",
		"options", "type", NULL };

	return keys_are(m, keys, 4) && is_str(m, "hostPath", host) &&
			is_str(m, "containerPath", path) &&
			strings_are(get(m, "options"), options) &&
			is_str(m, "type", "bind");
}

/*
 * TEXT is P's spec, every field and type as CDI 0.5.0 reads it: one
 * device named by the pool, its two nodes, its files bound read-only at
 * their own paths, its name in the environment
 */
static bool spec_ok(const char *text, const struct dp_cdi_pool *p)
{
	static const char *const spec_keys[] = { "cdiVersion", "kind",
		"devices", "containerEdits", NULL };
	static const char *const dev_keys[] = { "name", "containerEdits",
		NULL };
	static const char *const edit_keys[] = { "env", "deviceNodes", "mounts",
		"hooks", NULL };
	static const char *const dev_bind[] = { "nosuid", "noexec", "bind",
		NULL };
	struct json_object *o = json_tokener_parse(text), *devs, *d, *e, *n, *m;
	char link[96], dev[96], env[96];
	const char *envs[2] = { env, NULL };
	bool good;
	size_t i;

	snprintf(link, sizeof(link), "/dev/daxpool/%s", p->name);
	snprintf(dev, sizeof(dev), "/dev/%s", p->chardev);
	snprintf(env, sizeof(env), "DAXPOOL_POOL=%s", p->name);
	devs = get(o, "devices");
	d = json_object_array_get_idx(devs, 0);
	e = get(d, "containerEdits");
	n = get(e, "deviceNodes");
	m = get(e, "mounts");
	good = o && keys_are(o, spec_keys, 3) &&
			is_str(o, "cdiVersion", "0.5.0") &&
			is_str(o, "kind", "daxpool.io/pool") &&
			json_object_is_type(devs, json_type_array) &&
			json_object_array_length(devs) == 1 &&
			keys_are(d, dev_keys, 2) &&
			is_str(d, "name", p->name) &&
			keys_are(e, edit_keys, 3) &&
			strings_are(get(e, "env"), envs) &&
			json_object_is_type(n, json_type_array) &&
			json_object_array_length(n) == 1 &&
			rule_node_ok(json_object_array_get_idx(n, 0), p) &&
			json_object_is_type(m, json_type_array) &&
			json_object_array_length(m) == 2 + p->nfiles;
	/* the link open by name stats, then the node it opens: the host's,
	 * with device access (no nodev) */
	good = good &&
			mount_ok(json_object_array_get_idx(m, 0), dev, link,
					dev_bind) &&
			mount_ok(json_object_array_get_idx(m, 1), dev, dev,
					dev_bind);
	for (i = 0; good && i < p->nfiles; i++)
		good = mount_ok(json_object_array_get_idx(m, 2 + i),
				p->files[i], p->files[i], ro_bind);
	json_object_put(o);
	return good;
}

/* TEXT as TAP comments: the spec a pool gets, for whoever reads the log */
static void show(const char *text)
{
	const char *l, *end;

	for (l = text; l && *l; l = end + (*end == '\n')) {
		end = strchr(l, '\n');
		if (!end)
			end = l + strlen(l);
		printf("# %.*s\n", (int)(end - l), l);
	}
}

static void names(void)
{
	static const struct {
		const char *name;
		bool ok;
	} t[] = {
		{ "db", true },
		{ "a", true },
		{ "7", true },
		{ "0db", true },
		{ "db.1", true },
		{ "a_b-c.d", true },
		{ "a:b", true },
		{ "DB", true },
		{ "_db", false },
		{ "db_", false },
		{ "db-", false },
		{ "db.", false },
		{ "-db", false },
		{ ".db", false },
		{ "", false },
		{ "d b", false },
		{ "d/b", false },
		{ "d\"b", false },
		{ "d\\b", false },
		{ "\xc3\xa9", false },
		{ "a\nb", false },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(*t); i++)
		ok(dp_cdi_name_ok(t[i].name) == t[i].ok,
				"CDI %s the device name '%s'",
				t[i].ok ? "takes" : "refuses", t[i].name);
}

static void open_files(void)
{
	char f[DP_CDI_FILES_MAX][DP_CDI_PATH_MAX];
	char binding[DP_CDI_PATH_MAX];

	ok(dp_cdi_open_files("/etc/daxpool", UUID, DAXPOOL_TYPE_PMEM, 252, 3,
			   f) == 1 &&
					strcmp(f[0],
							"/etc/daxpool/pools/" UUID
							".json") == 0,
			"a pmem pool's open reads its record only (%s)", f[0]);
	snprintf(binding, sizeof(binding), "%s/ram/%s", DAXPOOL_RUNDIR, UUID);
	ok(dp_cdi_open_files("/etc/daxpool", UUID, DAXPOOL_TYPE_RAM, 252, 7,
			   f) == 3 &&
					strcmp(f[0],
							"/etc/daxpool/pools/" UUID
							".json") == 0 &&
					strcmp(f[1], "/run/udev/data/c252:7") ==
							0 &&
					strcmp(f[2], binding) == 0,
			"a ram pool's: its record, udev's note of its device, root's note of which device it is");
	ok(dp_cdi_open_files("/etc/daxpool", "../../etc/shadow",
			   DAXPOOL_TYPE_PMEM, 252, 3, f) == -EINVAL,
			"a uuid that is not one: -EINVAL");
}

static void encoder(void)
{
	char f[DP_CDI_FILES_MAX][DP_CDI_PATH_MAX];
	struct dp_cdi_pool pmem = { .name = "db",
		.chardev = "dax1.0",
		.major = 252,
		.minor = 3,
		.files = { "/etc/daxpool/pools/" UUID ".json" },
		.nfiles = 1 };
	struct dp_cdi_pool ram, p;
	char *text = NULL;
	int n;

	ok(dp_cdi_spec_encode(&pmem, &text) == 0 && spec_ok(text, &pmem),
			"a pmem pool: the host's node at both paths, the rule's node, its record, its name");
	show(text);
	ok(text && !strstr(text, "\\/"), "paths are written as they are");
	p = pmem;
	p.minor = 4;
	ok(text && !spec_ok(text, &p), "(the check sees a wrong number)");
	free(text);

	n = dp_cdi_open_files(
			"/etc/daxpool", UUID2, DAXPOOL_TYPE_RAM, 252, 9, f);
	ram = (struct dp_cdi_pool){ .name = "cache.0",
		.chardev = "dax0.4",
		.major = 252,
		.minor = 9,
		.files = { f[0], f[1], f[2] },
		.nfiles = (size_t)n };
	ok(n == 3 && dp_cdi_spec_encode(&ram, &text) == 0 &&
					spec_ok(text, &ram),
			"a ram pool: three files bound read-only");
	show(text);
	free(text);

	p = pmem;
	p.nfiles = 0;
	ok(dp_cdi_spec_encode(&p, &text) == 0 && spec_ok(text, &p),
			"no file: only the device's binds");
	free(text);

	/* what json-c escapes comes back the same (CONFDIR is the builder's) */
	p = pmem;
	p.files[0] = "/tmp/a \"q\" \\b\n\t\x01/\xc3\xa9.json";
	ok(dp_cdi_spec_encode(&p, &text) == 0 && spec_ok(text, &p),
			"quotes, backslashes and control bytes in a path are escaped and read back");
	free(text);

	p = pmem;
	p.name = "_db";
	text = (char *)"x";
	ok(dp_cdi_spec_encode(&p, &text) == -EINVAL && !text,
			"a name CDI refuses: -EINVAL, no text");
	p = pmem;
	p.chardev = "../sda";
	ok(dp_cdi_spec_encode(&p, &text) == -EINVAL,
			"a device that is a path: -EINVAL");
	p = pmem;
	p.major = 0;
	ok(dp_cdi_spec_encode(&p, &text) == -EINVAL, "no major: -EINVAL");
	p = pmem;
	p.files[0] = "etc/daxpool/pools/x.json";
	ok(dp_cdi_spec_encode(&p, &text) == -EINVAL,
			"a relative file: -EINVAL");
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static void touch(const char *dir, const char *name)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f)
		fclose(f);
}

/* the file's text parsed, as the spec of P */
static bool file_ok(const char *path, const struct dp_cdi_pool *p)
{
	const char *why;
	char *text = NULL;
	bool good = dp_read_small_file(path, &text, &why) == 0 &&
			spec_ok(text, p);

	free(text);
	return good;
}

static void writer(void)
{
	char dir[] = "/tmp/daxpool-cdi.XXXXXX", path[512], other[512];
	char f[DP_CDI_FILES_MAX][DP_CDI_PATH_MAX], cmd[600];
	struct daxpool_pool pool = { .state = DAXPOOL_STATE_ACTIVE };
	struct dp_cdi_pool want = { .chardev = "null", .major = 1, .minor = 3 };
	struct daxpool_ctx *ctx;
	struct stat st, st2;
	int i, n;

	if (!mkdtemp(dir) || daxpool_new(&ctx) < 0)
		return;
	daxpool_set_log_fn(ctx, tap_quiet_log);
	snprintf(ctx->confdir, sizeof(ctx->confdir), "%s/etc", dir);
	snprintf(ctx->lockfile, sizeof(ctx->lockfile), "%s/lock", dir);
	snprintf(ctx->cdidir, sizeof(ctx->cdidir), "%s/cdi", dir);

	/* a pool on /dev/null: a character device every host has */
	pool.ctx = ctx;
	pool.rec = (struct daxpool_record){ .type = DAXPOOL_TYPE_PMEM,
		.size = 1 << 20,
		.align = 2 << 20,
		.mode = 0640 };
	strcpy(pool.rec.name, "db");
	strcpy(pool.rec.uuid, UUID);
	strcpy(pool.rec.owner, "root");
	strcpy(pool.rec.group, "root");
	strcpy(pool.chardev, "null");
	ok(dp_registry_write(ctx, &pool.rec) == 0, "its record written");
	dp_cdi_open_files(ctx->confdir, UUID, DAXPOOL_TYPE_PMEM, 1, 3, f);
	want.name = "db";
	want.files[0] = f[0];
	want.nfiles = 1;

	dp_cdi_spec_path(ctx, UUID, path, sizeof(path));
	ok(dp_cdi_sync_pool(ctx, &pool) == 0 && file_ok(path, &want),
			"an active pool's spec is written as %s",
			strrchr(path, '/') + 1);
	ok(stat(path, &st) == 0 && (st.st_mode & 07777) == 0644,
			"mode 0644 (%o)", st.st_mode & 07777);
	ok(stat(ctx->cdidir, &st2) == 0 && (st2.st_mode & 07777) == 0755,
			"the directory made 0755 (%o)", st2.st_mode & 07777);
	ok(dp_cdi_sync_pool(ctx, &pool) == 0 && stat(path, &st2) == 0 &&
					st2.st_ino == st.st_ino,
			"nothing changed: the file is left as it is");
	ok(!daxpool_get_warning(ctx)[0], "no warning (%s)",
			daxpool_get_warning(ctx));

	strcpy(pool.rec.name, "db2");
	want.name = "db2";
	ok(dp_cdi_sync_pool(ctx, &pool) == 0 && file_ok(path, &want),
			"renamed: the same file names the new name");

	pool.rec.intent = DP_INTENT_DESTROY;
	ok(dp_cdi_sync_pool(ctx, &pool) == 0 && !exists(path),
			"a pool with an intent is not offered: its file is removed");
	pool.rec.intent = DP_INTENT_NONE;
	pool.rec.conflict = true;
	ok(dp_cdi_sync_pool(ctx, &pool) == 0 && !exists(path),
			"nor one in a name conflict");
	pool.rec.conflict = false;
	strcpy(pool.rec.name, "db_");
	ok(dp_cdi_sync_pool(ctx, &pool) == 0 && !exists(path),
			"nor one whose name CDI refuses");
	strcpy(pool.rec.name, "db2");
	strcpy(pool.rec.owner, "daxpool-no-such-user");
	ok(dp_cdi_sync_pool(ctx, &pool) == 0 && exists(path),
			"one udev holds root-only (its owner is not on this host) is offered: the container gets the host's node, root-only too");
	strcpy(pool.rec.owner, "root");
	pool.state = DAXPOOL_STATE_MISSING;
	ok(dp_cdi_sync_pool(ctx, &pool) == 0 && !exists(path),
			"nor one that is not active");
	pool.state = DAXPOOL_STATE_ACTIVE;
	ok(dp_cdi_sync_pool(ctx, &pool) == 0 && exists(path) &&
					dp_cdi_withdraw(ctx, UUID) == 0 &&
					!exists(path),
			"offered again, then withdrawn before a change");

	/* a directory that cannot be made: the change's warning, no error */
	snprintf(ctx->cdidir, sizeof(ctx->cdidir), "%s/etc/pools/%s.json/cdi",
			dir, UUID);
	ok(dp_cdi_sync_pool(ctx, &pool) == -ENOTDIR &&
					strstr(daxpool_get_warning(ctx),
							"not offered to containers") &&
					!daxpool_get_error(ctx)[0],
			"a spec that cannot be written is a warning (%s)",
			daxpool_get_warning(ctx));
	snprintf(ctx->cdidir, sizeof(ctx->cdidir), "%s/cdi", dir);

	/* a directory others may write to: another could plant the spec */
	chmod(ctx->cdidir, 0777);
	ok(dp_cdi_sync_pool(ctx, &pool) == -EPERM && !exists(path),
			"a CDI directory others may write to is not written to");
	chmod(ctx->cdidir, 0755);

	/* a ram pool: the notes that are there on this host, and only they */
	pool.rec.type = DAXPOOL_TYPE_RAM;
	n = dp_cdi_open_files(ctx->confdir, UUID, DAXPOOL_TYPE_RAM, 1, 3, f);
	want.nfiles = 0;
	for (i = 0; i < n; i++)
		if (exists(f[i]))
			want.files[want.nfiles++] = f[i];
	ok(dp_cdi_sync_pool(ctx, &pool) == 0 && file_ok(path, &want),
			"a ram pool binds what of its %d files exist (%zu)", n,
			want.nfiles);

	/* the sweep: this host has no such pool active, nor any other */
	snprintf(other, sizeof(other), "%s/" DP_CDI_PREFIX UUID2 ".json",
			ctx->cdidir);
	touch(ctx->cdidir, DP_CDI_PREFIX UUID2 ".json");
	touch(ctx->cdidir, DP_CDI_PREFIX UUID ".json.tmp");
	touch(ctx->cdidir, "vendor.com-device.json");
	ok(dp_cdi_sync_all(ctx) == 0 && !exists(path) && !exists(other),
			"sync_all: the specs of pools not offered (missing here) and of pools not in the registry go");
	snprintf(other, sizeof(other), "%s/vendor.com-device.json",
			ctx->cdidir);
	ok(exists(other), "another vendor's spec stays");
	snprintf(other, sizeof(other), "%s/" DP_CDI_PREFIX UUID ".json.tmp",
			ctx->cdidir);
	ok(!exists(other), "a temporary file of ours left behind goes");
	ok(dp_cdi_sync_uuid(ctx, UUID2) == 0,
			"a pool that is gone: nothing to write");

	daxpool_unref(ctx);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# cannot remove %s\n", dir);
}

int main(void)
{
	names();
	open_files();
	encoder();
	if (geteuid() == 0)
		writer();
	else
		ok(1, "# SKIP the writer needs root");
	return tap_done();
}
