// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The media copy on a region: finding its namespace, reading and writing
 * its two slots through the raw namespace's block device with O_DIRECT
 * (what is read is what the media holds; a write is durable when
 * fdatasync returns). The bytes themselves are media-format.c's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include <ndctl/libndctl.h>
#include "util/cut-point.h"
#include "backend/media.h"

#define IO_ALIGN 4096

struct ndctl_region *dp_media_region(struct daxpool_ctx *ctx, const char *name)
{
	struct ndctl_region *region;
	struct ndctl_bus *bus;

	if (!dp_ndctl(ctx) || !name || !name[0])
		return NULL;
	ndctl_bus_foreach (dp_ndctl(ctx), bus)
		ndctl_region_foreach (bus, region)
			if (strcmp(ndctl_region_get_devname(region), name) == 0)
				return region;
	return NULL;
}

struct ndctl_namespace *dp_media_namespace(struct ndctl_region *region)
{
	struct ndctl_namespace *ndns;

	ndctl_namespace_foreach (region, ndns) {
		const char *alt = ndctl_namespace_get_alt_name(ndns);

		if (ndctl_namespace_get_size(ndns) && alt &&
				strcmp(alt, DP_MEDIA_LABEL) == 0)
			return ndns;
	}
	return NULL;
}

/* the copy's block device, open; the namespace enabled first if needed */
static int open_copy(struct daxpool_ctx *ctx, struct ndctl_namespace *ndns,
		char *why, size_t whylen, uint64_t *slot_len)
{
	const char *blk;
	char dev[96];
	int fd = -1, i, rc;

	if (!ndctl_namespace_is_enabled(ndns)) {
		rc = ndctl_namespace_enable(ndns);
		if (rc < 0) {
			snprintf(why, whylen, "cannot enable %s: %s",
					ndctl_namespace_get_devname(ndns),
					strerror(-rc));
			return rc;
		}
	}
	blk = ndctl_namespace_get_block_device(ndns);
	if (!blk || !blk[0]) {
		snprintf(why, whylen,
				"%s has no block device (not in raw mode?)",
				ndctl_namespace_get_devname(ndns));
		return -ENODEV;
	}
	snprintf(dev, sizeof(dev), "/dev/%s", blk);
	/* devtmpfs makes the node a moment after the namespace comes up */
	for (i = 0; i < 100; i++) {
		fd = open(dev, O_RDWR | O_DIRECT | O_CLOEXEC | O_EXCL);
		if (fd >= 0 || errno != ENOENT)
			break;
		usleep(20000);
	}
	if (fd < 0) {
		rc = -errno;
		snprintf(why, whylen, "cannot open %s: %s", dev,
				strerror(errno));
		return rc;
	}
	(void)ctx;
	*slot_len = ndctl_namespace_get_size(ndns) / 2;
	*slot_len -= *slot_len % IO_ALIGN;
	return fd;
}

static int pio(int fd, bool write, void *buf, size_t len, off_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = write ? pwrite(fd, (char *)buf + done, len - done,
						    off + (off_t)done) :
				    pread(fd, (char *)buf + done, len - done,
						    off + (off_t)done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		done += (size_t)n;
	}
	return 0;
}

/* one slot: its header, then as much payload as the header claims */
static int read_slot(int fd, uint64_t slot_len, int i, uint8_t *buf,
		struct dp_media_slot *out)
{
	off_t off = (off_t)(slot_len * (uint64_t)i);
	uint64_t plen, want;
	int rc;

	rc = pio(fd, false, buf, DP_MEDIA_HEADER, off);
	if (rc)
		return rc;
	memcpy(&plen, buf + 24, sizeof(plen)); /* little-endian host */
	want = DP_MEDIA_HEADER;
	if (memcmp(buf, DP_MEDIA_MAGIC, 8) == 0 &&
			plen <= slot_len - DP_MEDIA_HEADER)
		want = ALIGN_UP(DP_MEDIA_HEADER + plen, IO_ALIGN);
	if (want > DP_MEDIA_HEADER) {
		rc = pio(fd, false, buf + DP_MEDIA_HEADER,
				want - DP_MEDIA_HEADER, off + DP_MEDIA_HEADER);
		if (rc)
			return rc;
	}
	dp_media_slot_decode(buf, want, out);
	return 0;
}

int dp_media_load(struct daxpool_ctx *ctx, struct ndctl_region *region,
		struct dp_media *m)
{
	struct ndctl_namespace *ndns;
	uint64_t slot_len;
	uint8_t *buf = NULL;
	uuid_t u;
	int fd, i, rc = 0;

	memset(m, 0, sizeof(*m));
	m->current = -1;
	snprintf(m->region, sizeof(m->region), "%s",
			ndctl_region_get_devname(region));
	ndns = dp_media_namespace(region);
	if (!ndns)
		return -ENOENT;
	snprintf(m->ns, sizeof(m->ns), "%s", ndctl_namespace_get_devname(ndns));
	ndctl_namespace_get_uuid(ndns, u);
	uuid_unparse_lower(u, m->uuid);
	fd = open_copy(ctx, ndns, m->why, sizeof(m->why), &slot_len);
	if (fd < 0)
		return fd;
	if (posix_memalign((void **)&buf, IO_ALIGN, slot_len)) {
		close(fd);
		snprintf(m->why, sizeof(m->why), "out of memory");
		return -ENOMEM;
	}
	for (i = 0; i < 2 && !rc; i++)
		rc = read_slot(fd, slot_len, i, buf, &m->slot[i]);
	free(buf);
	close(fd);
	if (rc) {
		snprintf(m->why, sizeof(m->why), "cannot read %s: %s", m->ns,
				strerror(-rc));
		dp_media_free(m);
		return rc;
	}
	m->current = dp_media_current(m->slot);
	return 0;
}

int dp_media_store(struct daxpool_ctx *ctx, struct dp_media *m,
		const struct daxpool_record *recs, size_t n)
{
	struct ndctl_region *region = dp_media_region(ctx, m->region);
	struct ndctl_namespace *ndns =
			region ? dp_media_namespace(region) : NULL;
	uint64_t slot_len, gen = 0, len;
	uint8_t *buf = NULL;
	int fd, i, target, rc;

	dp_durable_write(ctx, "media-slot");
	if (m->slot[0].state == DP_SLOT_FOREIGN ||
			m->slot[1].state == DP_SLOT_FOREIGN)
		return dp_fail(ctx, EPROTO,
				"%s: the media copy in %s was written by a daxpool of another format; it is left untouched",
				m->region, m->ns);
	if (!ndns)
		return dp_fail(ctx, ENOENT, "%s: its media copy is gone",
				m->region);
	fd = open_copy(ctx, ndns, m->why, sizeof(m->why), &slot_len);
	if (fd < 0)
		return dp_fail(ctx, -fd, "%s: %s", m->region, m->why);
	for (i = 0; i < 2; i++)
		if (m->slot[i].state == DP_SLOT_GOOD &&
				m->slot[i].generation >= gen)
			gen = m->slot[i].generation + 1;
	target = m->current == 0 ? 1 : 0;
	rc = posix_memalign((void **)&buf, IO_ALIGN, slot_len) ? -ENOMEM : 0;
	if (!rc)
		rc = dp_media_slot_encode(recs, n, gen, buf, slot_len);
	if (!rc) {
		uint64_t plen;

		memcpy(&plen, buf + 24, sizeof(plen));
		len = ALIGN_UP(DP_MEDIA_HEADER + plen, IO_ALIGN);
		rc = pio(fd, true, buf, len,
				(off_t)(slot_len * (uint64_t)target));
		if (!rc && fdatasync(fd) < 0)
			rc = -errno;
	}
	close(fd);
	if (rc) {
		free(buf);
		return dp_fail(ctx, -rc,
				"%s: cannot write its media copy in %s: %s",
				m->region, m->ns,
				rc == -ENOSPC ? "too many pools for its payload" :
						strerror(-rc));
	}
	/* what was written is now the current slot */
	free(m->slot[target].recs);
	dp_media_slot_decode(buf, len, &m->slot[target]);
	free(buf);
	m->current = dp_media_current(m->slot);
	return 0;
}

int dp_media_create(struct daxpool_ctx *ctx, struct ndctl_region *region,
		struct dp_media *m)
{
	struct ndctl_namespace *ndns = ndctl_region_get_namespace_seed(region);
	uint64_t size = ndctl_region_get_align(region);
	char rname[64];
	uuid_t u;
	int rc;

	dp_durable_write(ctx, "media-namespace");
	/* libndctl's strings die with the reset below */
	snprintf(rname, sizeof(rname), "%s", ndctl_region_get_devname(region));
	if (!size || size < 1ULL << 20)
		size = SZ_16M;
	if (!ndns || !ndctl_namespace_is_configuration_idle(ndns))
		return dp_fail(ctx, EBUSY,
				"%s has no idle namespace seed for its media copy",
				rname);
	uuid_generate(u);
	rc = ndctl_namespace_set_uuid(ndns, u);
	if (!rc)
		rc = ndctl_namespace_set_alt_name(ndns, DP_MEDIA_LABEL);
	if (!rc)
		rc = ndctl_namespace_set_size(ndns, size);
	if (!rc)
		rc = ndctl_namespace_set_enforce_mode(ndns, NDCTL_NS_MODE_RAW);
	if (!rc)
		rc = ndctl_namespace_enable(ndns);
	if (rc < 0) {
		ndctl_namespace_disable_invalidate(ndns);
		ndctl_namespace_delete(ndns);
		dp_ndctl_reset(ctx);
		return dp_fail(ctx, -rc,
				"%s: cannot make the namespace for its media copy: %s",
				rname,
				rc == -ENOSPC ? "no room for one region alignment" :
						strerror(-rc));
	}
	dp_cut(DP_CUT_MEDIA_NAMESPACE);
	dp_ndctl_reset(ctx);
	region = dp_media_region(ctx, rname);
	rc = region ? dp_media_load(ctx, region, m) : -ENOENT;
	if (rc)
		return dp_fail(ctx, -rc,
				"%s: the new media copy cannot be read: %s",
				rname, m->why);
	/* both slots written: a later damaged slot is then always news */
	rc = dp_media_store(ctx, m, NULL, 0);
	if (!rc) {
		dp_cut(DP_CUT_MEDIA_FIRST_SLOT);
		rc = dp_media_store(ctx, m, NULL, 0);
	}
	return rc;
}

int dp_media_delete(struct daxpool_ctx *ctx, const struct dp_media *m)
{
	struct ndctl_region *region = dp_media_region(ctx, m->region);
	struct ndctl_namespace *ndns =
			region ? dp_media_namespace(region) : NULL;
	int rc;

	if (!ndns)
		return 0;
	dp_durable_write(ctx, "media-namespace");
	rc = ndctl_namespace_disable_invalidate(ndns);
	if (!rc)
		rc = ndctl_namespace_delete(ndns);
	dp_ndctl_reset(ctx);
	if (rc < 0)
		return dp_fail(ctx, -rc,
				"%s: cannot remove its empty media copy %s: %s",
				m->region, m->ns, strerror(-rc));
	return 0;
}

/* the copy on REGION, good enough to change: loaded into M */
static int load_for_change(struct daxpool_ctx *ctx, const char *rname,
		bool create, struct dp_media *m)
{
	struct ndctl_region *region = dp_media_region(ctx, rname);
	int rc;

	if (!region)
		return dp_fail(ctx, ENODEV, "region %s is not there", rname);
	rc = dp_media_load(ctx, region, m);
	if (rc == -ENOENT)
		return create ? dp_media_create(ctx, region, m) : -ENOENT;
	if (rc)
		return dp_fail(ctx, -rc, "%s: %s", rname, m->why);
	if (m->slot[0].state == DP_SLOT_BLANK &&
			m->slot[1].state == DP_SLOT_BLANK)
		return 0; /* made but never written: nothing of ours to lose */
	if (!dp_media_healthy(m)) {
		int bad = m->current < 0 ? 0 : !m->current;

		rc = dp_fail(ctx, EIO,
				"%s: its media copy (%s) is %s (slot %d: %s); run 'daxpool check --repair'",
				rname, m->ns,
				m->slot[bad].state == DP_SLOT_FOREIGN ?
						"foreign" :
						"damaged",
				bad,
				m->slot[bad].why ? m->slot[bad].why :
						   "unreadable");
		dp_media_free(m);
	}
	return rc;
}

/*
 * The copy on REGION with UUID's record replaced by REC (or dropped, for
 * REC NULL); a copy left with no record goes, since its region holds no
 * pool any more.
 */
static int rewrite(struct daxpool_ctx *ctx, const char *region,
		const char *uuid, const struct daxpool_record *rec)
{
	const struct dp_media_slot *s;
	struct daxpool_record *recs;
	struct dp_media m;
	size_t i, n;
	int rc;

	rc = load_for_change(ctx, region, rec != NULL, &m);
	if (rc)
		return rc == -ENOENT && !rec ? 0 : rc;
	s = dp_media_current_slot(&m);
	recs = calloc(s->nrecs + 1, sizeof(*recs));
	if (!recs) {
		dp_media_free(&m);
		return dp_fail(ctx, ENOMEM, "out of memory");
	}
	for (i = n = 0; i < s->nrecs; i++)
		if (strcmp(s->recs[i].uuid, uuid) != 0)
			recs[n++] = s->recs[i];
	if (rec) {
		recs[n] = *rec;
		recs[n++].conflict = false; /* a host's view, not the media's */
	}
	rc = dp_media_store(ctx, &m, recs, n);
	if (!rc && n == 0) {
		dp_cut(DP_CUT_MEDIA_EMPTIED);
		rc = dp_media_delete(ctx, &m);
	}
	free(recs);
	dp_media_free(&m);
	return rc;
}

int dp_media_put(struct daxpool_ctx *ctx, const char *region,
		const struct daxpool_record *rec)
{
	return rewrite(ctx, region, rec->uuid, rec);
}

int dp_media_drop(struct daxpool_ctx *ctx, const char *region, const char *uuid)
{
	return rewrite(ctx, region, uuid, NULL);
}

int dp_media_foreach(struct daxpool_ctx *ctx, dp_copy_fn fn, void *arg)
{
	struct ndctl_region *region;
	struct ndctl_bus *bus;
	char(*names)[64] = NULL;
	size_t i, n = 0;
	int rc = 0;

	if (!dp_ndctl(ctx))
		return 0;
	/* names first: FN may change namespaces, and libndctl's lists with them */
	ndctl_bus_foreach (dp_ndctl(ctx), bus)
		ndctl_region_foreach (bus, region) {
			char(*more)[64];

			if (!dp_media_namespace(region))
				continue;
			more = realloc(names, (n + 1) * sizeof(*names));
			if (!more) {
				free(names);
				return -ENOMEM;
			}
			names = more;
			snprintf(names[n++], sizeof(names[0]), "%s",
					ndctl_region_get_devname(region));
		}
	for (i = 0; i < n && !rc; i++) {
		struct dp_media m;
		int lr;

		region = dp_media_region(ctx, names[i]);
		if (!region)
			continue;
		lr = dp_media_load(ctx, region, &m);
		if (lr == -ENOENT)
			continue;
		rc = fn(ctx, lr, &m, arg);
		dp_media_free(&m);
	}
	free(names);
	return rc;
}

/*
 * A copy of M to write through: its slots' states and generations, not
 * its records, so that the copy M stays as it was read
 */
static struct dp_media working_copy(const struct dp_media *m)
{
	struct dp_media w = *m;
	int i;

	for (i = 0; i < 2; i++) {
		w.slot[i].recs = NULL;
		w.slot[i].nrecs = 0;
	}
	return w;
}

int dp_media_rewrite(struct daxpool_ctx *ctx, const struct dp_media *m,
		const struct daxpool_record *recs, size_t n, bool both)
{
	struct dp_media w = working_copy(m);
	int rc = dp_media_store(ctx, &w, recs, n);

	if (both && !rc && !dp_media_healthy(&w))
		rc = dp_media_store(ctx, &w, recs, n);
	dp_media_free(&w);
	return rc;
}

struct name_wanted {
	const char *name;
	const char *except; /* the pool being renamed */
	char *where;
	size_t len;
};

static int has_name(struct daxpool_ctx *ctx, int load_rc, struct dp_media *m,
		void *arg)
{
	const struct dp_media_slot *s = dp_media_current_slot(m);
	struct name_wanted *w = arg;
	size_t i;

	(void)ctx;
	if (load_rc)
		return 0;
	for (i = 0; i < s->nrecs; i++)
		if (strcmp(s->recs[i].name, w->name) == 0 &&
				(!w->except ||
						strcmp(s->recs[i].uuid,
								w->except) !=
								0)) {
			snprintf(w->where, w->len, "on the media of %s",
					m->region);
			return 1;
		}
	return 0;
}

bool dp_media_name_taken(struct daxpool_ctx *ctx, const char *name,
		const char *except, char *where, size_t len)
{
	struct name_wanted w = { name, except, where, len };

	return dp_media_foreach(ctx, has_name, &w) == 1;
}
