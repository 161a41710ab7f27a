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
#include "inuse.h"
#include "private.h"

/* past this the scan gives up and the change is refused */
#define SCAN_SECONDS 10

int dp_holders_add(struct dp_holders *h, pid_t pid, const char *fmt, ...)
{
	struct dp_holder *e;
	va_list ap;

	if (h->n == h->cap) {
		int cap = h->cap ? h->cap * 2 : 8;
		struct dp_holder *l = realloc(h->list, sizeof(*l) * (size_t)cap);

		if (!l)
			return -ENOMEM;
		h->list = l;
		h->cap = cap;
	}
	e = &h->list[h->n++];
	e->pid = pid;
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

pid_t *dp_holders_pids(const struct dp_holders *h)
{
	pid_t *pids = calloc((size_t)(h->n ? h->n : 1), sizeof(*pids));
	int i;

	for (i = 0; pids && i < h->n; i++)
		pids[i] = h->list[i].pid;
	return pids;
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
	}
	if (f)
		fclose(f);
	f = fopen("/sys/class/misc/iommu/dev", "re");
	if (f && fscanf(f, "%u:%u", &maj, &mi) == 2)
		d->iommufd = makedev(maj, mi);
	if (f)
		fclose(f);
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

struct scan {
	dev_t rdev;
	const struct dp_grants *grants;
	struct dma_devs dma;
	struct dp_holders *h;
	struct dp_pin_scan *pins;
	struct timespec deadline;
};

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
		return 0;	/* gone, or a thread that has exited */
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
			continue;
		}
		/* anonymous inodes have no file type; the kernel names them */
		if ((st.st_mode & S_IFMT) != 0 || p->nio_uring >= 16)
			continue;
		n = readlink(path, link, sizeof(link) - 1);
		if (n <= 0)
			continue;
		link[n] = '\0';
		if (strcmp(link, "anon_inode:[io_uring]") == 0) {
			p->io_uring_fds[p->nio_uring] = fd;
			p->io_uring_tids[p->nio_uring++] = tid;
		}
	}
	closedir(fds);
	return found;
}

struct file_seen {
	unsigned int maj, min;
	uint64_t ino;
	int pool;
};

/*
 * One process's mappings, read through thread TID (the address space is
 * shared by all its threads). Fills p->vmas; 1 if one maps the device,
 * 0 if none, -1 if this thread's view is empty (an exited leader).
 */
static int scan_maps(struct scan *s, struct dp_proc *p, int tid)
{
	struct file_seen *seen = NULL;
	int nseen = 0, capseen = 0, found = 0, cap = 0;
	char path[64], *line = NULL;
	size_t linecap = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (getline(&line, &linecap, f) > 0) {
		unsigned long long start, end, off, ino;
		unsigned int maj, min;
		char perms[8], mf[96];
		struct dp_vma *v;
		struct stat st;
		int i, pool = 0;

		/* the fields before the path have a fixed form */
		if (sscanf(line, "%llx-%llx %7s %llx %x:%x %llu", &start, &end,
			   perms, &off, &maj, &min, &ino) != 7)
			continue;
		if (ino != 0) {
			for (i = 0; i < nseen; i++)
				if (seen[i].ino == ino && seen[i].maj == maj &&
				    seen[i].min == min)
					break;
			if (i < nseen) {
				pool = seen[i].pool;
			} else {
				snprintf(mf, sizeof(mf), "/proc/%d/map_files/%llx-%llx",
						tid, start, end);
				if (stat(mf, &st) == 0) {
					pool = S_ISCHR(st.st_mode) && st.st_rdev == s->rdev;
				} else if (errno == EPERM || errno == EACCES) {
					s->h->error = -errno;
					snprintf(s->h->error_why, sizeof(s->h->error_why),
						 "cannot look at the mappings of pid %d (%s): daxpool needs CAP_SYS_ADMIN",
						 p->pid, strerror(errno));
					break;
				}
				if (nseen == capseen) {
					struct file_seen *l;

					capseen = capseen ? capseen * 2 : 32;
					l = realloc(seen, sizeof(*l) * (size_t)capseen);
					if (!l)
						break;
					seen = l;
				}
				seen[nseen++] = (struct file_seen){ maj, min, ino, pool };
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
	free(seen);
	fclose(f);
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
		return 0;	/* exited meanwhile */
	while ((d = readdir(tasks))) {
		int tid = entry_num(d->d_name), m;

		if (tid <= 0)
			continue;
		if (!fd_hold)
			fd_hold = scan_fds(s, &p, tid);
		if (p.tid < 0) {
			m = scan_maps(s, &p, tid);
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
	if (p.tid >= 0 && (p.dma_fd || p.vmpin_kib > 0)) {
		char why[160];

		if (!s->pins)
			s->pins = dp_pin_scan_new();
		if (!s->pins)
			rc = -ENOMEM;
		else if (dp_pins_hold(s->pins, &p, why, sizeof(why)) &&
			 dp_grants_admit(s->grants, p.tid))
			rc = dp_holders_add(s->h, pid, "%s, and could have opened the pool", why);
	}
out:
	free(p.vmas);
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
		snprintf(h->error_why, sizeof(h->error_why), "cannot read /proc: %s",
				strerror(errno));
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
				 "looking for its users took longer than %d s", SCAN_SECONDS);
		}
	}
	closedir(proc);
	dp_pin_scan_free(s.pins);
	if (rc && !h->error) {
		h->error = rc;
		snprintf(h->error_why, sizeof(h->error_why), "%s", strerror(-rc));
	}
	return h->error ? h->error : h->n;
}
