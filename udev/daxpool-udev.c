// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxpool-udev DEVNAME: run by udev (IMPORT{program}) for every dax device.
 * For a device that is a committed pool it prints DAXPOOL_NAME, _UUID,
 * _OWNER, _GROUP and _MODE for the rule to apply; for anything else it
 * prints nothing, so the device stays as the kernel made it (root 0600).
 *
 * It only reads: sysfs and the registry under a path fixed at build time.
 * It takes nothing from its environment and always exits 0: a helper that
 * failed the event could leave a device half-configured.
 */
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include "config.h"
#include "quiesce.h"
#include "registry.h"
#include "udev-env.h"

static bool read_attr(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok && buf[0];
}

static bool valid_devname(const char *s)
{
	unsigned a, b;
	char tail;

	return strlen(s) < 32 && sscanf(s, "dax%u.%u%c", &a, &b, &tail) == 2;
}

/*
 * The pool uuid of a pmem pool's device: its parent is the nvdimm dax
 * device, whose namespace carries the uuid in its label.
 */
static bool pmem_uuid(const char *dev, char *uuid, size_t len)
{
	char link[PATH_MAX], real[PATH_MAX], path[PATH_MAX + 64], ns[64];
	char *slash;

	snprintf(link, sizeof(link), "/sys/bus/dax/devices/%s", dev);
	if (!realpath(link, real))
		return false;
	slash = strrchr(real, '/');
	if (!slash)
		return false;
	*slash = '\0';
	snprintf(path, sizeof(path), "%s/namespace", real);
	if (!read_attr(path, ns, sizeof(ns)) || strchr(ns, '/') ||
	    strncmp(ns, "namespace", 9) != 0)
		return false;
	snprintf(path, sizeof(path), "/sys/bus/nd/devices/%s/uuid", ns);
	return read_attr(path, uuid, len) && daxpool_is_uuid(uuid);
}

int main(int argc, char **argv)
{
	struct daxpool_record rec;
	char uuid[64], path[PATH_MAX], env[512];
	const char *why = "";
	int rc;

	openlog("daxpool-udev", LOG_PID, LOG_DAEMON);
	if (argc != 2 || !valid_devname(argv[1])) {
		syslog(LOG_WARNING, "called without a dax device name");
		return 0;
	}
	/* not an nvdimm dax device (hmem, CXL ram): no pmem pool */
	if (!pmem_uuid(argv[1], uuid, sizeof(uuid)))
		return 0;
	if (dp_record_path(DAXPOOL_CONFDIR, uuid, path, sizeof(path)) ||
	    access(path, F_OK) != 0)
		return 0;	/* a namespace that is not a pool */
	if (dp_registry_read_file(path, &rec, &why) < 0) {
		syslog(LOG_ERR, "%s: registry record %s unusable (%s); leaving the device root-only",
				argv[1], path, why);
		return 0;
	}
	rc = dp_udev_env(&rec, uuid, dp_quiesce_marked(rec.uuid),
			getpwnam(rec.owner) && getgrnam(rec.group), env,
			sizeof(env), &why);
	if (rc < 0) {
		if (!rec.intent[0])
			syslog(LOG_ERR, "%s: registry record %s: %s; leaving the device as it is",
					argv[1], path, why);
		return 0;
	}
	if (rc > 0 && !rec.intent[0])
		syslog(LOG_NOTICE, "%s: pool %s is kept root-only: %s", argv[1],
				rec.uuid, why);
	fputs(env, stdout);
	return 0;
}
