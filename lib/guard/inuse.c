// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * In-use detection: a pool is busy while any process has its device open
 * or mapped, whether through libdaxpool or not, so look at every process
 * in /proc rather than trusting locks alone.
 *
 * Everything is compared by device number, never by path text: a mapping
 * is identified through /proc/PID/map_files/START-END, which resolves to
 * the very file mapped whatever it is called in whichever mount namespace,
 * and /proc/PID/maps is read only for its fixed-format address and inode
 * fields. Every thread is looked at, since a thread group whose leader has
 * exited keeps its fds and mappings in the threads that remain.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>
#include "guard/inuse.h"
#include "core/private.h"

/* past this the scan gives up and the change is refused; files shared by
 * many processes are identified once, so only a host that keeps making
 * processes without end gets here */
#define SCAN_SECONDS 120

int dp_holders_add(struct dp_holders *h, pid_t pid, const char *fmt, ...)
{
	struct dp_holder *e;
	va_list ap;

	if (h->n == h->cap) {
		int cap = h->cap ? h->cap * 2 : 8;
		struct dp_holder *l =
				realloc(h->list, sizeof(*l) * (size_t)cap);

		if (!l)
			return -ENOMEM;
		h->list = l;
		h->cap = cap;
	}
	e = &h->list[h->n++];
	e->pid = pid;
	e->pin = false;
	va_start(ap, fmt);
	vsnprintf(e->why, sizeof(e->why), fmt, ap);
	va_end(ap);
	return 0;
}

void dp_holders_free(struct dp_holders *h)
{
	free(h->list);
	memset(h, 0, sizeof(*h));
}

/* a /proc directory entry that is a number (pid, tid, fd), or -1 */
static int entry_num(const char *s)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)s[0]))
		return -1;
	v = strtol(s, &end, 10);
	return *end || v > 0x3fffffff ? -1 : (int)v;
}

/* character devices daxpool cannot see into: VFIO and iommufd hold DMA
 * pins that no /proc file lists */
struct dma_devs {
	unsigned int majors[4];
	int nmajors;
	/* RDMA devices: a fixed and a dynamic region, both "infiniband_verbs" */
	unsigned int uverbs_majors[4];
	int nuverbs;
	dev_t iommufd;
};

static void dma_devs_load(struct dma_devs *d)
{
	char line[128], name[64];
	unsigned int maj, mi;
	bool chr = false;
	FILE *f;

	memset(d, 0, sizeof(*d));
	f = fopen("/proc/devices", "re");
	while (f && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "Character", 9) == 0)
			chr = true;
		else if (strncmp(line, "Block", 5) == 0)
			chr = false;
		else if (chr && sscanf(line, "%u %63s", &maj, name) == 2 &&
				strncmp(name, "vfio", 4) == 0 && d->nmajors < 4)
			d->majors[d->nmajors++] = maj;
		else if (chr && sscanf(line, "%u %63s", &maj, name) == 2 &&
				strcmp(name, "infiniband_verbs") == 0 &&
				d->nuverbs < 4)
			d->uverbs_majors[d->nuverbs++] = maj;
	}
	if (f)
		fclose(f);
	f = fopen("/sys/class/misc/iommu/dev", "re");
	if (f && fscanf(f, "%u:%u", &maj, &mi) == 2)
		d->iommufd = makedev(maj, mi);
	if (f)
		fclose(f);
}

static bool is_uverbs_dev(const struct dma_devs *d, dev_t rdev)
{
	int i;

	for (i = 0; i < d->nuverbs; i++)
		if (major(rdev) == d->uverbs_majors[i])
			return true;
	return false;
}

static bool is_dma_dev(const struct dma_devs *d, dev_t rdev)
{
	int i;

	if (d->iommufd && rdev == d->iommufd)
		return true;
	for (i = 0; i < d->nmajors; i++)
		if (major(rdev) == d->majors[i])
			return true;
	return false;
}

struct file_seen {
	unsigned int maj, min;
	uint64_t ino;
	int pool; /* -1: free slot */
};

struct scan {
	dev_t rdev;
	const struct dp_grants *grants;
	struct dma_devs dma;
	struct dp_holders *h;
	struct dp_pin_scan *pins;
	struct timespec deadline;
	/*
	 * every mapped file already identified, by (device, inode), across
	 * all processes: thousands of files shared by many processes cost
	 * one stat each, not one per process (an open-addressed table)
	 */
	struct file_seen *seen;
	size_t nseen, capseen;
};

static size_t seen_slot(const struct scan *s, unsigned int maj,
		unsigned int min, uint64_t ino)
{
	uint64_t h = (ino * 0x9e3779b97f4a7c15ULL) ^
			((uint64_t)maj << 32 | min);
	size_t i = (size_t)(h ^ (h >> 29)) & (s->capseen - 1);

	while (s->seen[i].pool >= 0 &&
			!(s->seen[i].ino == ino && s->seen[i].maj == maj &&
					s->seen[i].min == min))
		i = (i + 1) & (s->capseen - 1);
	return i;
}

/* the pool flag of a known file, or -1 */
static int seen_get(const struct scan *s, unsigned int maj, unsigned int min,
		uint64_t ino)
{
	return s->capseen ? s->seen[seen_slot(s, maj, min, ino)].pool : -1;
}

static int seen_put(struct scan *s, unsigned int maj, unsigned int min,
		uint64_t ino, int pool)
{
	size_t i;

	if ((s->nseen + 1) * 2 > s->capseen) {
		struct file_seen *old = s->seen;
		size_t oldcap = s->capseen, cap = oldcap ? oldcap * 2 : 1024;

		s->seen = malloc(sizeof(*s->seen) * cap);
		if (!s->seen) {
			s->seen = old;
			return -ENOMEM;
		}
		s->capseen = cap;
		for (i = 0; i < cap; i++)
			s->seen[i].pool = -1;
		for (i = 0; i < oldcap; i++)
			if (old[i].pool >= 0)
				s->seen[seen_slot(s, old[i].maj, old[i].min,
						old[i].ino)] = old[i];
		free(old);
	}
	i = seen_slot(s, maj, min, ino);
	if (s->seen[i].pool < 0)
		s->nseen++;
	s->seen[i] = (struct file_seen){ maj, min, ino, pool };
	return 0;
}

static bool past_deadline(const struct scan *s)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > s->deadline.tv_sec;
}

/* one thread's fd table: 1 if it has the device open */
static int scan_fds(struct scan *s, struct dp_proc *p, int tid)
{
	char dir[64], path[384], link[64];
	struct dirent *d;
	struct stat st;
	int found = 0;
	DIR *fds;

	snprintf(dir, sizeof(dir), "/proc/%d/task/%d/fd", p->pid, tid);
	fds = opendir(dir);
	if (!fds)
		return 0; /* gone, or a thread that has exited */
	while (!found && (d = readdir(fds))) {
		int fd = entry_num(d->d_name);
		ssize_t n;

		if (fd < 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		if (stat(path, &st) < 0)
			continue;
		if (S_ISCHR(st.st_mode)) {
			if (st.st_rdev == s->rdev)
				found = 1;
			else if (is_dma_dev(&s->dma, st.st_rdev))
				p->dma_fd = 1;
			else if (is_uverbs_dev(&s->dma, st.st_rdev))
				p->uverbs_fd = 1;
			continue;
		}
		/* anonymous inodes have no file type; the kernel names them */
		if ((st.st_mode & S_IFMT) != 0)
			continue;
		n = readlink(path, link, sizeof(link) - 1);
		if (n <= 0)
			continue;
		link[n] = '\0';
		if (strcmp(link, "anon_inode:[io_uring]") == 0) {
			if (p->nio_uring == p->cap_io_uring) {
				int cap = p->cap_io_uring ?
						p->cap_io_uring * 2 :
						16;
				int *nfds = realloc(p->io_uring_fds,
						sizeof(int) * (size_t)cap);
				int *tids = nfds ?
						realloc(p->io_uring_tids,
								sizeof(int) * (size_t)cap) :
						NULL;

				if (nfds)
					p->io_uring_fds = nfds;
				if (!tids) {
					/* every ring must be looked at: refuse */
					s->h->error = -ENOMEM;
					snprintf(s->h->error_why,
							sizeof(s->h->error_why),
							"out of memory");
					break;
				}
				p->io_uring_tids = tids;
				p->cap_io_uring = cap;
			}
			p->io_uring_fds[p->nio_uring] = fd;
			p->io_uring_tids[p->nio_uring++] = tid;
		}
	}
	closedir(fds);
	return found;
}

/*
 * One process's mappings, read through thread TID (the address space is
 * shared by all its threads). Fills p->vmas; 1 if one maps the device,
 * 0 if none, -1 if this thread's view is empty (an exited leader), -2 if a
 * mapping changed under the reading (read again).
 */
static int scan_maps(struct scan *s, struct dp_proc *p, int tid)
{
	int found = 0, cap = 0, changed = 0;
	char path[64], *line = NULL;
	size_t linecap = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	p->nvmas = 0;
	while (getline(&line, &linecap, f) > 0) {
		unsigned long long start, end, off, ino;
		unsigned int maj, min;
		char perms[8], mf[96];
		struct dp_vma *v;
		struct stat st;
		int pool = 0;

		/* the fields before the path have a fixed form */
		if (sscanf(line, "%llx-%llx %7s %llx %x:%x %llu", &start, &end,
				    perms, &off, &maj, &min, &ino) != 7)
			continue;
		if (ino != 0) {
			pool = seen_get(s, maj, min, ino);
			if (pool < 0) {
				snprintf(mf, sizeof(mf),
						"/proc/%d/map_files/%llx-%llx",
						tid, start, end);
				if (stat(mf, &st) == 0) {
					pool = S_ISCHR(st.st_mode) &&
							st.st_rdev == s->rdev;
					if (seen_put(s, maj, min, ino, pool) <
							0) {
						s->h->error = -ENOMEM;
						snprintf(s->h->error_why,
								sizeof(s->h->error_why),
								"out of memory");
						break;
					}
				} else if (errno == EPERM || errno == EACCES) {
					s->h->error = -errno;
					snprintf(s->h->error_why,
							sizeof(s->h->error_why),
							"cannot look at the mappings of pid %d (%s): daxpool needs CAP_SYS_ADMIN",
							p->pid,
							strerror(errno));
					break;
				} else {
					/* the mapping moved (mprotect split it, or it
					 * went): never take that for "not the pool" */
					changed = 1;
					pool = 0;
				}
			}
		}
		found |= pool;
		if (p->nvmas == cap) {
			struct dp_vma *l;

			cap = cap ? cap * 2 : 64;
			l = realloc(p->vmas, sizeof(*l) * (size_t)cap);
			if (!l)
				break;
			p->vmas = l;
		}
		v = &p->vmas[p->nvmas++];
		v->start = start;
		v->end = end;
		v->pool = pool;
	}
	free(line);
	fclose(f);
	if (changed && !found)
		return -2;
	return p->nvmas == 0 ? -1 : found;
}

static int scan_process(struct scan *s, int pid)
{
	struct dp_proc p = { .pid = pid, .tid = -1 };
	char dir[64];
	struct dirent *d;
	int fd_hold = 0, map_hold = 0, rc = 0;
	DIR *tasks;

	snprintf(dir, sizeof(dir), "/proc/%d/task", pid);
	tasks = opendir(dir);
	if (!tasks)
		return 0; /* exited meanwhile */
	while ((d = readdir(tasks))) {
		int tid = entry_num(d->d_name), m;

		if (tid <= 0)
			continue;
		if (!fd_hold)
			fd_hold = scan_fds(s, &p, tid);
		if (p.tid < 0) {
			int tries = 0;

			while ((m = scan_maps(s, &p, tid)) == -2 &&
					++tries < 20)
				;
			if (m == -2) {
				s->h->error = -EAGAIN;
				snprintf(s->h->error_why,
						sizeof(s->h->error_why),
						"the mappings of pid %d kept changing while they were read",
						pid);
				break;
			}
			if (m >= 0) {
				p.tid = tid;
				map_hold = m;
			}
			if (s->h->error)
				break;
		}
	}
	closedir(tasks);
	if (s->h->error)
		goto out;
	if (fd_hold || map_hold) {
		const char *how = "has it open and mapped";

		if (!fd_hold)
			how = "maps it";
		else if (!map_hold)
			how = "has it open";

		rc = dp_holders_add(s->h, pid, "pid %d %s", pid, how);
		goto out;
	}
	/* nothing open, nothing mapped: it may still pin the pool's pages */
	if (p.tid >= 0)
		p.vmpin_kib = dp_proc_status_num(p.tid, "VmPin");
	/* a pin may be charged to another process (a parent that made it
	 * and exited): whoever holds an RDMA or io_uring fd is looked at */
	if (p.tid >= 0 &&
			(p.dma_fd || p.vmpin_kib > 0 || p.uverbs_fd ||
					p.nio_uring)) {
		char why[160];

		if (!s->pins)
			s->pins = dp_pin_scan_new();
		if (!s->pins)
			rc = -ENOMEM;
		else if (dp_pins_hold(s->pins, &p, why, sizeof(why)) &&
				dp_grants_admit(s->grants, p.tid)) {
			rc = dp_holders_add(s->h, pid,
					"%s, and could have opened the pool",
					why);
			if (!rc)
				s->h->list[s->h->n - 1].pin = true;
		}
	}
out:
	free(p.vmas);
	free(p.io_uring_fds);
	free(p.io_uring_tids);
	return rc;
}

int dp_scan_holders(const struct dp_target *t, struct dp_holders *h)
{
	struct scan s = { .rdev = t->rdev, .grants = &t->grants, .h = h };
	int self = (int)getpid(), rc = 0;
	struct dirent *d;
	DIR *proc;

	memset(h, 0, sizeof(*h));
	dma_devs_load(&s.dma);
	clock_gettime(CLOCK_MONOTONIC, &s.deadline);
	s.deadline.tv_sec += SCAN_SECONDS;
	proc = opendir("/proc");
	if (!proc) {
		h->error = -errno;
		snprintf(h->error_why, sizeof(h->error_why),
				"cannot read /proc: %s", strerror(errno));
		return h->error;
	}
	while (!rc && !h->error && (d = readdir(proc))) {
		int pid = entry_num(d->d_name);

		if (pid <= 0 || pid == self)
			continue;
		rc = scan_process(&s, pid);
		if (!rc && past_deadline(&s)) {
			h->error = -ETIMEDOUT;
			snprintf(h->error_why, sizeof(h->error_why),
					"looking for its users took longer than %d s",
					SCAN_SECONDS);
		}
	}
	closedir(proc);
	dp_pin_scan_free(s.pins);
	free(s.seen);
	if (rc && !h->error) {
		h->error = rc;
		snprintf(h->error_why, sizeof(h->error_why), "%s",
				strerror(-rc));
	}
	return h->error ? h->error : h->n;
}
