// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * CXL regions through the kernel's sysfs: read one into a recipe, find
 * one by its recipe, make one from a recipe. Memdevs are found by serial
 * number, root decoders by their window: both names change across boots.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "backend/cxl-region.h"
#include "util/identify.h"

#define CXL_DEVICES "/sys/bus/cxl/devices"
#define CXL_REGION_DRIVER "/sys/bus/cxl/drivers/cxl_region"

static bool attr(const char *dev, const char *name, char *buf, size_t len)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), CXL_DEVICES "/%s/%s", dev, name);
	return dp_read_line(path, buf, len);
}

static bool attr_u64(const char *dev, const char *name, uint64_t *v)
{
	char buf[64], *end;

	if (!attr(dev, name, buf, sizeof(buf)))
		return false;
	errno = 0;
	*v = strtoull(buf, &end, 0);
	return !errno && end != buf && !*end;
}

/* VAL into an attribute; the kernel's answer is the write's errno */
static int put(const char *dir, const char *name, const char *val)
{
	char path[PATH_MAX];
	size_t len = strlen(val);
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, val, len);
	if (n < 0)
		n = -errno;
	close(fd);
	return n < 0 ? (int)n : (size_t)n == len ? 0 : -EIO;
}

static int put_dev(const char *dev, const char *name, const char *val)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), CXL_DEVICES "/%s", dev);
	return put(dir, name, val);
}

static int put_u64(const char *dev, const char *name, uint64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	return put_dev(dev, name, buf);
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * The first device of the cxl bus, in name order, whose name starts with
 * PREFIX and for which IS(dev, WANT) holds: its name into NAME.
 * Returns: whether there is one.
 */
static bool find_dev(const char *prefix,
		bool (*is)(const char *dev, const void *want), const void *want,
		char *name, size_t len)
{
	struct dirent **list;
	bool found = false;
	int i, n;

	n = scandir(CXL_DEVICES, &list, NULL, versionsort);
	if (n < 0)
		return false;
	for (i = 0; i < n; i++) {
		if (!found && starts(list[i]->d_name, prefix) &&
				is(list[i]->d_name, want)) {
			snprintf(name, len, "%s", list[i]->d_name);
			found = true;
		}
		free(list[i]);
	}
	free(list);
	return found;
}

/* whether any path matches the glob PATTERN (a driver bound, say) */
static bool any_path(const char *pattern)
{
	glob_t g;
	bool found = glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc > 0;

	globfree(&g);
	return found;
}

/* the device a port stands for (its uport: a memdev for an endpoint) */
static bool uport_of(const char *port, char *buf, size_t len)
{
	char path[PATH_MAX], link[PATH_MAX];
	const char *base;
	ssize_t n;

	snprintf(path, sizeof(path), CXL_DEVICES "/%s/uport", port);
	n = readlink(path, link, sizeof(link) - 1);
	if (n <= 0)
		return false;
	link[n] = '\0';
	base = strrchr(link, '/');
	/* a device name longer than BUF is no memdev's */
	return (size_t)snprintf(buf, len, "%s", base ? base + 1 : link) < len;
}

/* ------------------------------------------------- memdevs by serial */

/* the device whose attribute ATTR reads WANT */
struct attr_is {
	const char *attr;
	uint64_t want;
};

static bool has_attr(const char *dev, const void *want)
{
	const struct attr_is *a = want;
	uint64_t v;

	return attr_u64(dev, a->attr, &v) && v == a->want;
}

/* memN: mem is the prefix of nothing else on this bus */
static bool memdev_of_serial(uint64_t serial, char *name, size_t len)
{
	struct attr_is a = { "serial", serial };

	return find_dev("mem", has_attr, &a, name, len);
}

/* the endpoint port of memdev MEM: the one whose uport is MEM */
static bool stands_for(const char *port, const void *mem)
{
	char dev[64];

	return uport_of(port, dev, sizeof(dev)) && !strcmp(dev, mem);
}

static bool endpoint_of(const char *mem, char *name, size_t len)
{
	return find_dev("endpoint", stands_for, mem, name, len);
}

/* decoderP.D belongs to the port whose id is P (rootP, portP, endpointP) */
static bool decoder_port_id(const char *decoder, unsigned int *id)
{
	return sscanf(decoder, "decoder%u.", id) == 1;
}

static bool serial_of_decoder(const char *decoder, uint64_t *serial)
{
	char ep[32], mem[64];
	unsigned int id;

	if (!decoder_port_id(decoder, &id))
		return false;
	snprintf(ep, sizeof(ep), "endpoint%u", id);
	return uport_of(ep, mem, sizeof(mem)) &&
			attr_u64(mem, "serial", serial);
}

/* ------------------------------------------------------------ reading */

int dp_cxl_region_of(const char *path, char *name, size_t len)
{
	char real[PATH_MAX], *p, *slash;

	if (!realpath(path, real))
		return -ENOENT;
	/* the deepest ancestor that is a device of the cxl bus named regionN */
	while ((slash = strrchr(real, '/')) && slash != real) {
		char sub[PATH_MAX + 16], bus[PATH_MAX];
		ssize_t n;
		unsigned int id;
		char c;

		p = slash + 1;
		if (sscanf(p, "region%u%c", &id, &c) == 1) {
			snprintf(sub, sizeof(sub), "%s/subsystem", real);
			n = readlink(sub, bus, sizeof(bus) - 1);
			if (n > 0) {
				bus[n] = '\0';
				if (strstr(bus, "/bus/cxl") &&
						!strcmp(strrchr(bus, '/'),
								"/cxl")) {
					snprintf(name, len, "%s", p);
					return 0;
				}
			}
		}
		*slash = '\0';
	}
	return -ENOENT;
}

int dp_cxl_region_at(uint64_t start, char *name, size_t len)
{
	struct attr_is a = { "resource", start };

	return find_dev("region", has_attr, &a, name, len) ? 0 : -ENOENT;
}

/* the region NAME's recipe (all but id for ram); -ENODEV if uncommitted */
static int read_region(const char *name, struct dp_cxl_recipe *r)
{
	char path[PATH_MAX], real[PATH_MAX], buf[sizeof(r->id)], *slash;
	uint64_t commit = 0, ways, gran;
	unsigned int i;

	if (!attr_u64(name, "commit", &commit))
		return -ENOENT;
	if (!commit)
		return -ENODEV;
	if (!attr_u64(name, "interleave_ways", &ways) ||
			!attr_u64(name, "interleave_granularity", &gran) ||
			!attr_u64(name, "size", &r->size) ||
			!attr_u64(name, "resource", &r->hpa) || !ways ||
			ways > DP_CXL_MAX_WAYS)
		return -EIO;
	r->ways = (unsigned int)ways;
	r->granularity = (unsigned int)gran;
	/* 6.1 has no mode: it makes pmem regions only */
	if (!attr(name, "mode", r->mode, sizeof(r->mode)))
		snprintf(r->mode, sizeof(r->mode), "pmem");
	if (!strcmp(r->mode, "pmem") && attr(name, "uuid", buf, sizeof(buf)))
		snprintf(r->id, sizeof(r->id), "%s", buf);
	for (i = 0; i < r->ways; i++) {
		char target[24], dec[32];

		snprintf(target, sizeof(target), "target%u", i);
		if (!attr(name, target, dec, sizeof(dec)) ||
				!attr_u64(dec, "dpa_resource", &r->t[i].dpa) ||
				!attr_u64(dec, "dpa_size", &r->t[i].dpa_size) ||
				!serial_of_decoder(dec, &r->t[i].serial))
			return -EIO;
	}
	/* its root decoder is its parent: the window is that decoder's */
	snprintf(path, sizeof(path), CXL_DEVICES "/%s", name);
	if (!realpath(path, real) || !(slash = strrchr(real, '/')))
		return -EIO;
	*slash = '\0';
	slash = strrchr(real, '/');
	if (!slash || !attr_u64(slash + 1, "start", &r->window_start) ||
			!attr_u64(slash + 1, "size", &r->window_size))
		return -EIO;
	return 0;
}

int dp_cxl_region_read(struct daxpool_ctx *ctx, const char *name,
		struct dp_cxl_recipe *r)
{
	char id[sizeof(r->id)];
	int rc;

	snprintf(id, sizeof(id), "%s", r->id);
	memset(r, 0, sizeof(*r));
	snprintf(r->id, sizeof(r->id), "%s", id);
	rc = read_region(name, r);
	if (rc == -ENODEV)
		return dp_fail(ctx, ENODEV, "CXL region %s is not committed",
				name);
	if (rc)
		return dp_fail(ctx, -rc, "cannot read CXL region %s", name);
	return 0;
}

static bool is_recipe_of(const char *dev, const void *want)
{
	struct dp_cxl_recipe got = { .ways = 0 };

	return !read_region(dev, &got) &&
			dp_cxl_recipe_same_targets(&got, want);
}

int dp_cxl_region_find(const struct dp_cxl_recipe *r, char *name, size_t len)
{
	return find_dev("region", is_recipe_of, r, name, len) ? 0 : -ENOENT;
}

bool dp_cxl_region_consumed(const char *name, const char *mode)
{
	char pattern[PATH_MAX];

	if (!strcmp(mode, "ram"))
		snprintf(pattern, sizeof(pattern),
				CXL_DEVICES "/%s/dax_%s/dax*/driver", name,
				name);
	else
		snprintf(pattern, sizeof(pattern),
				CXL_DEVICES "/%s/pmem_%s/ndbus*/region*/driver",
				name, name);
	return any_path(pattern);
}

/*
 * A pmem region also needs each memdev's nvdimm (cxl_pmem's pmemN, under
 * the memdev) and the nvdimm bridge bound: 6.1's cxl_pmem_region probe
 * oopses in its error path (release_mappings) when one is not yet
 */
static bool nvdimm_bound(const char *mem)
{
	char pattern[PATH_MAX];

	snprintf(pattern, sizeof(pattern), CXL_DEVICES "/%s/pmem*/driver", mem);
	return any_path(pattern) &&
			any_path(CXL_DEVICES "/nvdimm-bridge*/driver");
}

unsigned int dp_cxl_memdevs_present(const struct dp_cxl_recipe *r)
{
	unsigned int i, mask = 0;
	char mem[32];

	/* a memdev counts once its endpoint is there: cxl_mem adds it
	 * after the memdev, and the region needs its decoders */
	for (i = 0; i < r->ways; i++) {
		char ep[32];

		if (memdev_of_serial(r->t[i].serial, mem, sizeof(mem)) &&
				endpoint_of(mem, ep, sizeof(ep)) &&
				(strcmp(r->mode, "pmem") != 0 ||
						nvdimm_bound(mem)))
			mask |= 1U << i;
	}
	return mask;
}

/* ------------------------------------------------------------- making */

/* a root decoder (its port is rootP) of recipe WANT's window and mode */
static bool decodes_window(const char *dev, const void *want)
{
	const struct dp_cxl_recipe *r = want;
	char path[PATH_MAX], cap[8];
	unsigned int id;
	uint64_t start, size;

	if (!decoder_port_id(dev, &id))
		return false;
	snprintf(path, sizeof(path), CXL_DEVICES "/root%u", id);
	return access(path, F_OK) == 0 && attr_u64(dev, "start", &start) &&
			attr_u64(dev, "size", &size) &&
			start == r->window_start && size == r->window_size &&
			attr(dev,
					!strcmp(r->mode, "ram") ? "cap_ram" :
								  "cap_pmem",
					cap, sizeof(cap)) &&
			!strcmp(cap, "1");
}

/* a decoder of endpoint port *WANT that holds no capacity yet: the first
 * is the one to take, since the kernel hands capacity out in order */
static bool free_on_port(const char *dev, const void *want)
{
	unsigned int id;
	uint64_t size;

	return decoder_port_id(dev, &id) && id == *(const unsigned int *)want &&
			attr_u64(dev, "dpa_size", &size) && !size;
}

struct making {
	char region[32];
	char root[32];
	char ep[DP_CXL_MAX_WAYS][32];
	bool sized[DP_CXL_MAX_WAYS];
	unsigned int targets; /* how many targetN were written */
	bool committed;
};

/* everything M did, undone in reverse; the region goes last */
static void unmake(struct making *m, unsigned int ways)
{
	char dir[PATH_MAX];
	unsigned int i;

	if (m->committed)
		put_dev(m->region, "commit", "0");
	while (m->targets) {
		char target[24];

		snprintf(target, sizeof(target), "target%u", --m->targets);
		put_dev(m->region, target, "\n");
	}
	if (m->region[0])
		put_dev(m->region, "size", "0");
	for (i = ways; i-- > 0;)
		if (m->sized[i])
			put_dev(m->ep[i], "dpa_size", "0");
	if (m->region[0]) {
		snprintf(dir, sizeof(dir), CXL_DEVICES "/%s", m->root);
		put(dir, "delete_region", m->region);
	}
}

int dp_cxl_region_make(struct daxpool_ctx *ctx, const struct dp_cxl_recipe *r,
		char *name, size_t len)
{
	struct making m = { .targets = 0 };
	const char *create = !strcmp(r->mode, "ram") ? "create_ram_region" :
						       "create_pmem_region";
	char dir[PATH_MAX], step[80];
	unsigned int i, j;
	int rc;

	if (!find_dev("decoder", decodes_window, r, m.root, sizeof(m.root)))
		return dp_fail(ctx, ENODEV,
				"no CXL window at 0x%" PRIx64 " of 0x%" PRIx64
				" bytes can map %s",
				r->window_start, r->window_size, r->mode);
	for (i = 0; i < r->ways; i++) {
		char mem[32], ep[32];
		unsigned int port;

		if (!memdev_of_serial(r->t[i].serial, mem, sizeof(mem)))
			return dp_fail(ctx, ENODEV,
					"the CXL memdev with serial 0x%" PRIx64
					" (position %u) is absent",
					r->t[i].serial, i);
		for (j = 0; j < i; j++)
			if (r->t[j].serial == r->t[i].serial)
				return dp_fail(ctx, EINVAL,
						"memdev 0x%" PRIx64
						" is at two positions",
						r->t[i].serial);
		if (!endpoint_of(mem, ep, sizeof(ep)) ||
				sscanf(ep, "endpoint%u", &port) != 1 ||
				!find_dev("decoder", free_on_port, &port,
						m.ep[i], sizeof(m.ep[i])))
			return dp_fail(ctx, EBUSY,
					"%s (serial 0x%" PRIx64
					") has no free endpoint decoder",
					mem, r->t[i].serial);
	}
	/* a new region of the window: read its name, then claim it */
	snprintf(dir, sizeof(dir), CXL_DEVICES "/%s", m.root);
	if (!attr(m.root, create, m.region, sizeof(m.region))) {
		return dp_fail(ctx, EOPNOTSUPP,
				"this kernel cannot make CXL %s regions (%s has no %s)",
				r->mode, m.root, create);
	}
	rc = put(dir, create, m.region);
	if (rc) {
		m.region[0] = '\0';
		return dp_fail(ctx, -rc, "cannot create a region on %s: %s",
				m.root, strerror(-rc));
	}
	if (!strcmp(r->mode, "pmem")) {
		char uuid[sizeof(r->id) + 1];

		/* the kernel takes a uuid only with its newline */
		snprintf(uuid, sizeof(uuid), "%s\n", r->id);
		snprintf(step, sizeof(step), "%s/uuid", m.region);
		if ((rc = put_dev(m.region, "uuid", uuid)))
			goto fail;
	}
	snprintf(step, sizeof(step), "%s/interleave_*", m.region);
	if ((rc = put_u64(m.region, "interleave_granularity",
			     r->granularity)) ||
			(rc = put_u64(m.region, "interleave_ways", r->ways)))
		goto fail;
	for (i = 0; i < r->ways; i++) {
		uint64_t at = 0;

		snprintf(step, sizeof(step), "%s/mode", m.ep[i]);
		if ((rc = put_dev(m.ep[i], "mode", r->mode)))
			goto fail;
		snprintf(step, sizeof(step), "%s/dpa_size", m.ep[i]);
		if ((rc = put_u64(m.ep[i], "dpa_size", r->t[i].dpa_size)))
			goto fail;
		m.sized[i] = true;
		if (!attr_u64(m.ep[i], "dpa_resource", &at) ||
				at != r->t[i].dpa) {
			unmake(&m, r->ways);
			return dp_fail(ctx, EADDRINUSE,
					"the capacity of memdev 0x%" PRIx64
					" that the region had (at 0x%" PRIx64
					") is no longer free there (0x%" PRIx64
					" came next)",
					r->t[i].serial, r->t[i].dpa, at);
		}
	}
	snprintf(step, sizeof(step), "%s/size", m.region);
	if ((rc = put_u64(m.region, "size", r->size)))
		goto fail;
	for (i = 0; i < r->ways; i++) {
		char target[24];

		snprintf(target, sizeof(target), "target%u", i);
		snprintf(step, sizeof(step), "%s/%s", m.region, target);
		if ((rc = put_dev(m.region, target, m.ep[i])))
			goto fail;
		m.targets = i + 1;
	}
	snprintf(step, sizeof(step), "%s/commit", m.region);
	if ((rc = put_dev(m.region, "commit", "1")))
		goto fail;
	m.committed = true;
	snprintf(step, sizeof(step), "binding %s", m.region);
	rc = put(CXL_REGION_DRIVER, "bind", m.region);
	if (rc && rc != -EBUSY && rc != -EEXIST) {
		char driver[PATH_MAX];

		snprintf(driver, sizeof(driver), CXL_DEVICES "/%s/driver",
				m.region);
		if (access(driver, F_OK) != 0)
			goto fail;
	}
	snprintf(name, len, "%s", m.region);
	return 0;
fail:
	unmake(&m, r->ways);
	/* decoders are committed and reset in order: one freed below a
	 * committed one stays unusable until the next boot */
	return dp_fail(ctx, -rc, "cannot make CXL region %s again (%s): %s%s",
			r->id, step, strerror(-rc),
			rc == -EBUSY ? " (a decoder it needs is held, or freed out of order below one still in use: a reboot frees it)" :
				       "");
}
