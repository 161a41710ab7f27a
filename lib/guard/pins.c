// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Long-term pins that outlive a mapping. A process can register a pool for
 * RDMA (or as io_uring fixed buffers), then unmap and close it: its pages
 * stay pinned, /proc shows no trace of the pool, and tearing the namespace
 * down frees memory the NIC may still write and the kernel will unpin
 * later (an oops). The kernel does not say which pages a pin holds, so
 * the rule is the other way round: every page a process has pinned
 * (VmPin in /proc/PID/status) must be accounted for by a registration the
 * kernel lists (RDMA MRs over netlink, io_uring buffers in fdinfo) whose
 * addresses are still mapped to memory that is not the pool. Whatever is
 * left over may be the pool, and the pool is busy.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guard/inuse.h"
#include "core/private.h"

#define PAGE 4096ULL

struct dp_pin_scan {
	bool mrs_loaded;
	int mrs_err;
	struct dp_mr *mrs;
	int nmrs;
};

struct dp_pin_scan *dp_pin_scan_new(void)
{
	return calloc(1, sizeof(struct dp_pin_scan));
}

void dp_pin_scan_free(struct dp_pin_scan *ps)
{
	if (!ps)
		return;
	free(ps->mrs);
	free(ps);
}

/* the thread group a task belongs to: restrack may name a thread */
static pid_t tgid_of(pid_t pid)
{
	long long tgid = dp_proc_status_num((int)pid, "Tgid");

	return tgid > 0 ? (pid_t)tgid : pid;
}

static void load_mrs(struct dp_pin_scan *ps)
{
	int i;

	if (ps->mrs_loaded)
		return;
	ps->mrs_loaded = true;
	ps->mrs_err = dp_rdma_list_mrs(&ps->mrs, &ps->nmrs);
	for (i = 0; i < ps->nmrs; i++)
		if (ps->mrs[i].pid > 0)
			ps->mrs[i].pid = tgid_of(ps->mrs[i].pid);
}

/* pages spanned by [addr, addr + len) at granularity GRAN */
static uint64_t span_pages(uint64_t addr, uint64_t len, uint64_t gran)
{
	uint64_t lo = addr / gran * gran, hi = ALIGN_UP(addr + len, gran);

	return (hi - lo) / PAGE;
}

/*
 * 1 when [addr, addr + len) is mapped in P end to end, by mappings none of
 * which is the pool; 0 when a part is unmapped (the pin then holds memory
 * the process let go of: it may be the pool); -1 when the pool is mapped
 * there (the scan of mappings reports that already).
 */
static int covered(const struct dp_proc *p, uint64_t addr, uint64_t len)
{
	uint64_t at = addr, end = addr + len;
	int i;

	if (len == 0 || end < addr)
		return 0;
	for (i = 0; i < p->nvmas && at < end; i++) {
		const struct dp_vma *v = &p->vmas[i];

		if (v->end <= at)
			continue;
		if (v->start > at)
			return 0; /* a hole */
		if (v->pool)
			return -1;
		at = v->end;
	}
	return at >= end;
}

/* io_uring fixed buffers from fdinfo: "UserBufs:\tN", then "i: 0xADDR/LEN" */
static int io_uring_bufs(const struct dp_proc *p, int k, uint64_t *pages,
		char *why, size_t len)
{
	char path[96], line[256];
	unsigned int nbufs = 0, listed = 0, idx, blen;
	unsigned long long addr;
	bool in_bufs = false;
	int rc = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/fdinfo/%d", p->pid,
			p->io_uring_tids[k], p->io_uring_fds[k]);
	f = fopen(path, "re");
	if (!f)
		return 0; /* closed meanwhile: its buffers went with it */
	while (!rc && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "UserBufs: %u", &nbufs) == 1) {
			in_bufs = true;
			continue;
		}
		if (!in_bufs)
			continue;
		if (sscanf(line, " %u: 0x%llx/%u", &idx, &addr, &blen) != 3) {
			in_bufs = false;
			continue;
		}
		listed++;
		if (covered(p, addr, blen) != 1) {
			snprintf(why, len,
					"pid %d pins %u bytes at 0x%llx as an io_uring fixed buffer, memory it no longer maps",
					p->pid, blen, addr);
			rc = 1;
		}
		/* by its own pages: a buffer in huge pages is charged more
		 * than this, which can only make the process look busier */
		*pages += span_pages(addr, blen, PAGE);
	}
	fclose(f);
	if (!rc && listed < nbufs) {
		snprintf(why, len,
				"pid %d has %u io_uring fixed buffers whose addresses the kernel did not list",
				p->pid, nbufs);
		rc = 1;
	}
	return rc;
}

int dp_pins_hold(struct dp_pin_scan *ps, const struct dp_proc *p, char *why,
		size_t len)
{
	long long kib;
	uint64_t pinned, seen = 0;
	int i;

	if (p->dma_fd) {
		snprintf(why, len,
				"pid %d holds VFIO or iommufd DMA mappings, which daxpool cannot attribute",
				p->pid);
		return 1;
	}
	kib = p->vmpin_kib > 0 ? p->vmpin_kib : 0;
	pinned = (uint64_t)kib * 1024 / PAGE;

	load_mrs(ps);
	/*
	 * A registration outlives the process that made it when a child
	 * inherited its RDMA fd; the kernel then lists it under nobody (its
	 * task is gone), so whoever holds an RDMA device open may hold one
	 */
	if (p->uverbs_fd) {
		snprintf(why, len,
				"pid %d holds an RDMA device open, and registrations on it may be inherited ones that the kernel lists under nobody",
				p->pid);
		return 1;
	}
	for (i = 0; i < ps->nmrs; i++) {
		const struct dp_mr *mr = &ps->mrs[i];

		if (mr->pid != p->pid)
			continue;
		/* no kernel so far gives an MR's address (nldev has room for it) */
		if (!mr->has_iova) {
			snprintf(why, len,
					"pid %d pins %llu bytes with an RDMA registration whose memory the kernel does not name",
					p->pid, (unsigned long long)mr->len);
			return 1;
		}
		if (covered(p, mr->iova, mr->len) != 1) {
			snprintf(why, len,
					"pid %d pins %llu bytes with an RDMA registration at 0x%llx, memory it no longer maps",
					p->pid, (unsigned long long)mr->len,
					(unsigned long long)mr->iova);
			return 1;
		}
		seen += span_pages(mr->iova, mr->len, PAGE);
	}
	for (i = 0; i < p->nio_uring; i++)
		if (io_uring_bufs(p, i, &seen, why, len))
			return 1;
	if (pinned > seen) {
		snprintf(why, len,
				"pid %d has %lld KiB pinned long-term that no RDMA registration or io_uring buffer it maps accounts for%s",
				p->pid, kib,
				ps->mrs_err ? " (RDMA registrations could not be listed)" :
					      "");
		return 1;
	}
	return 0;
}
