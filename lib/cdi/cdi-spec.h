/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_CDI_SPEC_H_
#define _DAXPOOL_CDI_SPEC_H_
/*
 * A pool as a Container Device Interface device (cdi-spec.c, pure): the
 * spec text that podman, containerd and CRI-O read from the CDI
 * directories, one file per offered pool, and the rules it obeys. The
 * format is CDI 0.5.0, what the CDI library in Debian 12's podman 4.3
 * (container-device-interface v0.5.2) reads; every later one reads it too.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/private.h"

#define DP_CDI_VERSION "0.5.0"
#define DP_CDI_KIND "daxpool.io/pool"
/* the files a pool's open by name reads on the host: see dp_cdi_open_files */
#define DP_CDI_FILES_MAX 3
#define DP_CDI_PATH_MAX 320

/* what the spec of one pool says */
struct dp_cdi_pool {
	const char *name; /* the pool's: the CDI device's name */
	const char *chardev; /* its device, "daxX.Y" */
	unsigned int major, minor;
	/* host files bound read-only at the same path in the container */
	const char *files[DP_CDI_FILES_MAX];
	size_t nfiles;
};

/*
 * CDI's rule for a device name (v0.5.2, kept since): letters, digits and
 * "_-.:", beginning and ending with a letter or digit. A pool name may
 * begin with '_' and end with '.', '-' or '_', and such a pool cannot be
 * offered.
 *
 * Returns: true if CDI takes NAME as a device name.
 */
bool dp_cdi_name_ok(const char *name);

/*
 * The host files that open by name (lookup-link.c, map.c) reads for a
 * pool of TYPE, besides the two device nodes and sysfs, into FILES: the
 * pool's record (CONFDIR/pools/UUID.json); for a ram pool also udev's
 * note of its device (/run/udev/data/cMAJOR:MINOR: which uuid the device
 * is, the lead when no uuid is in sysfs) and root's note of which device
 * it is (RUNDIR/ram/UUID: what proves the node to a user who cannot read
 * its ranges). Nothing of any other pool.
 *
 * Returns: how many (at most DP_CDI_FILES_MAX), or -EINVAL for a bad
 * uuid or a path too long.
 */
int dp_cdi_open_files(const char *confdir, const char *uuid,
		enum daxpool_type type, unsigned int major, unsigned int minor,
		char files[DP_CDI_FILES_MAX][DP_CDI_PATH_MAX]);

/*
 * The spec of POOL as JSON text, malloc'd into *TEXT: kind
 * DP_CDI_KIND, one device named by the pool, whose edits are the host's
 * node /dev/CHARDEV bound at /dev/daxpool/NAME and at /dev/CHARDEV (so
 * its owner, mode and a destroy's door are the host's, also for a running
 * container), the device node /dev/CHARDEV the runtime makes under that
 * bind (root's, mode 0: what puts MAJOR:MINOR into the container's device
 * rule), its files bound read-only, and DAXPOOL_POOL=NAME in the
 * environment.
 *
 * Returns: 0; -EINVAL for a name CDI refuses (dp_cdi_name_ok), a
 * chardev that is not a plain name, no major, or a file that is not an
 * absolute path; -ENOMEM.
 */
int dp_cdi_spec_encode(const struct dp_cdi_pool *pool, char **text);

#endif
