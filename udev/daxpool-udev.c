// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxpool-udev DEVNAME: run by udev (IMPORT{program}) for every dax device.
 * For a device that is a committed pool (pmem: by its namespace's uuid;
 * ram: by its physical ranges, see identify.h) it prints DAXPOOL_NAME, _UUID,
 * _OWNER, _GROUP and _MODE for the rule to apply; for anything else it
 * prints nothing, so the device stays as the kernel made it (root 0600).
 *
 * It only reads: sysfs and the registry under a path fixed at build time.
 * It takes nothing from its environment and always exits 0: a helper that
 * failed the event could leave a device half-configured.
 */
#include <dirent.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include "config.h"
#include "util/identify.h"
#include "guard/quiesce.h"
#include "store/registry.h"
#include "udev-env.h"

static bool valid_devname(const char *s)
{
	unsigned a, b;
	char tail;

	return strlen(s) < 32 && sscanf(s, "dax%u.%u%c", &a, &b, &tail) == 2;
}

/* a pool known by its ranges (ram): the record of ID's kind whose ranges
 * are the device's */
static bool ranges_record(const struct dp_identity *id,
		struct daxpool_record *rec, char *path, size_t len)
{
	char dir[256];
	struct dirent *d;
	DIR *dp;
	bool found = false;

	snprintf(dir, sizeof(dir), "%s/pools", DAXPOOL_CONFDIR);
	dp = opendir(dir);
	if (!dp)
		return false;
	while (!found && (d = readdir(dp))) {
		const char *why;
		size_t n = strlen(d->d_name);

		if (d->d_name[0] == '.' || n < 6 ||
				strcmp(d->d_name + n - 5, ".json"))
			continue;
		if ((size_t)snprintf(path, len, "%s/%s", dir, d->d_name) >= len)
			continue;
		found = dp_registry_read_file(path, rec, &why) == 0 &&
				rec->type == id->type &&
				strcmp(rec->ranges, id->ranges) == 0;
	}
	closedir(dp);
	return found;
}

int main(int argc, char **argv)
{
	struct daxpool_record rec;
	struct dp_identity id;
	char uuid[64], path[PATH_MAX], env[512];
	const char *why = "";
	bool held;
	int rc;

	openlog("daxpool-udev", LOG_PID, LOG_DAEMON);
	if (argc != 2 || !valid_devname(argv[1])) {
		syslog(LOG_WARNING, "called without a dax device name");
		return 0;
	}
	snprintf(path, sizeof(path), "/sys/bus/dax/devices/%s", argv[1]);
	if (dp_identify(path, &id) < 0)
		return 0; /* no pool's kind of device */
	if (!id.uuid[0]) {
		if (!ranges_record(&id, &rec, path, sizeof(path)))
			return 0; /* a device no ram pool recorded */
		snprintf(uuid, sizeof(uuid), "%s", rec.uuid);
	} else {
		snprintf(uuid, sizeof(uuid), "%s", id.uuid);
		if (dp_record_path(DAXPOOL_CONFDIR, uuid, path, sizeof(path)) ||
				access(path, F_OK) != 0)
			return 0; /* a namespace that is not a pool */
		if (dp_registry_read_file(path, &rec, &why) < 0) {
			syslog(LOG_ERR, "%s: registry record %s unusable (%s); leaving the device root-only",
					argv[1], path, why);
			return 0;
		}
	}
	/*
	 * The accounts matter only to a committed, unheld pool: a create's
	 * device (its add event comes before the commit) is held root-only
	 * whoever owns it, so the user and group databases are not read
	 */
	held = rec.intent != DP_INTENT_NONE || rec.conflict;
	rc = dp_udev_env(&rec, uuid, dp_quiesce_marked(rec.uuid),
			held || (getpwnam(rec.owner) && getgrnam(rec.group)),
			env, sizeof(env), &why);
	if (rc < 0) {
		if (rec.intent == DP_INTENT_NONE)
			syslog(LOG_ERR, "%s: registry record %s: %s; leaving the device as it is",
					argv[1], path, why);
		return 0;
	}
	if (rc > 0 && rec.intent == DP_INTENT_NONE)
		syslog(LOG_NOTICE, "%s: pool %s is kept root-only: %s", argv[1],
				rec.uuid, why);
	fputs(env, stdout);
	return 0;
}
