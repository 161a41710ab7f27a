// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What decides a destroy: the kernel's own reference count of every page
 * of the pool, read by a small BPF program (page-refs.bpf.c) that root
 * loads and runs on demand. Why this mechanism: /proc/kpagecount skips
 * ZONE_DEVICE pages (it reads online pages only), /proc/kcore lists the
 * memory map of System RAM only, and a kernel module would be a kernel
 * change; BPF reads any struct page through the kernel's own BTF, and only
 * reads. See Documentation/design.md, "What decides a destroy".
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "config.h"
#include "util/identify.h"
#include "guard/page-refs.h"
#include "guard/page-refs-prog.h"
#include "page-refs.skel.h"

#define PAGE_SIZE_4K 4096ULL
/* bpf_loop's bound (BPF_MAX_LOOPS): one run reads at most this many */
#define RUN_PAGES (1ULL << 23)

/*
 * A device-DAX page that nobody maps or references. Measured on each
 * kernel of the bed (Documentation/design.md has the table): the page
 * allocator's initial reference, which device-DAX never drops.
 */
#define IDLE_REF 1

/* libbpf's own messages: the last one explains a failed load */
static __thread char *last_msg;
static __thread size_t last_len;

static int keep_msg(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char line[256];
	size_t n;

	if (level == LIBBPF_DEBUG || !last_msg)
		return 0;
	vsnprintf(line, sizeof(line), fmt, ap);
	n = strcspn(line, "\n");
	line[n] = '\0';
	if (n)
		snprintf(last_msg, last_len, "%s", line);
	return 0;
}

static int why_errno(int e, char *why, size_t len, const char *what)
{
	const char *hint = "";

	if (e == EPERM || e == EACCES)
		hint = " (root with CAP_BPF and CAP_PERFMON is needed, and a kernel that is not locked down)";
	else if (e == ENOENT || e == ESRCH)
		hint = " (the kernel has no BTF)";
	snprintf(why, len, "%s: %s%s", what, strerror(e), hint);
	return -e;
}

struct dp_page_reader {
	struct dp_page_refs_bpf *skel;
	int fd;
	struct dp_page_layout layout;
};

/* offsetof NAME in struct type ID, looking into anonymous members */
static long member_offset(const struct btf *btf, __u32 id, const char *name)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	const struct btf_member *m;
	int i;

	if (!t || (!btf_is_struct(t) && !btf_is_union(t)))
		return -1;
	m = btf_members(t);
	for (i = 0; i < btf_vlen(t); i++, m++) {
		const char *n = btf__name_by_offset(btf, m->name_off);
		long off = -1;

		if (n && strcmp(n, name) == 0)
			return (long)(btf_member_bit_offset(t, i) / 8);
		if (!n || !n[0])
			off = member_offset(btf,
					btf__resolve_type(btf, m->type), name);
		if (off >= 0)
			return (long)(btf_member_bit_offset(t, i) / 8) + off;
	}
	return -1;
}

/* the struct page layout and vmemmap_base's address, from BTF and kallsyms */
static int layout_compute(struct dp_page_layout *l, char *why, size_t len)
{
	struct btf *btf = btf__load_vmlinux_btf();
	long id, off, ps;
	char line[256], sym[128], type;
	unsigned long long addr;
	FILE *f;
	int i;

	memset(l, 0, sizeof(*l));
	if (!btf)
		return why_errno(errno ? errno : ENOENT, why, len,
				"cannot read the kernel's BTF");
	id = btf__find_by_name_kind(btf, "page", BTF_KIND_STRUCT);
	ps = id > 0 ? btf__resolve_size(btf, (__u32)id) : -1;
	off = id > 0 ? member_offset(btf, (__u32)id, "_refcount") : -1;
	if (ps <= 0 || off < 0) {
		btf__free(btf);
		snprintf(why, len,
				"the kernel's BTF has no struct page with a _refcount");
		return -ENOENT;
	}
	l->page_size = (__u32)ps;
	l->refcount_off = (__u32)off;
	id = btf__find_by_name_kind(btf, "pageflags", BTF_KIND_ENUM);
	if (id > 0) {
		const struct btf_type *t = btf__type_by_id(btf, (__u32)id);
		const struct btf_enum *e = btf_enum(t);

		for (i = 0; i < btf_vlen(t); i++, e++)
			if (strcmp(btf__name_by_offset(btf, e->name_off),
					    "PG_head") == 0)
				l->head_mask = 1ULL << e->val;
	}
	btf__free(btf);
	/* absent where the kernel does not randomize its memory map */
	f = fopen("/proc/kallsyms", "re");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %c %127s", &addr, &type, sym) == 3 &&
				strcmp(sym, "vmemmap_base") == 0) {
			l->vmemmap_sym = addr;
			break;
		}
	if (f)
		fclose(f);
	return 0;
}

/*
 * The layout cannot change while the kernel runs: computed once per boot
 * (reading BTF and kallsyms takes long under emulation) and kept, root's
 * only, in /run/daxpool/kernel/page-layout with the boot's id.
 */
static int layout_get(struct dp_page_layout *l, char *why, size_t len)
{
	char path[PATH_MAX], boot[64] = "", seen[64], text[160];
	struct dp_page_layout c;
	struct stat st;
	FILE *f;
	int rc;

	f = fopen("/proc/sys/kernel/random/boot_id", "re");
	if (f && !fgets(boot, sizeof(boot), f))
		boot[0] = '\0';
	if (f)
		fclose(f);
	boot[strcspn(boot, "\n")] = '\0';
	if (dp_run_file("kernel", "page-layout", true, path, sizeof(path)))
		return layout_compute(l, why, len);
	f = fopen(path, "re");
	if (f && fstat(fileno(f), &st) == 0 && st.st_uid == 0 &&
			!(st.st_mode & 022) && boot[0] &&
			fscanf(f, "%63s %llx %llx %u %u", seen,
					(unsigned long long *)&c.vmemmap_sym,
					(unsigned long long *)&c.head_mask,
					&c.page_size, &c.refcount_off) == 5 &&
			strcmp(seen, boot) == 0) {
		fclose(f);
		*l = c;
		return 0;
	}
	if (f)
		fclose(f);
	rc = layout_compute(l, why, len);
	if (rc || !boot[0])
		return rc;
	snprintf(text, sizeof(text), "%s %llx %llx %u %u\n", boot,
			(unsigned long long)l->vmemmap_sym,
			(unsigned long long)l->head_mask, l->page_size,
			l->refcount_off);
	dp_run_write(path, text, 0600);
	return 0;
}

/* one part's figures into the whole's */
static void add_part(struct dp_page_refs *r, const struct dp_page_refs *part)
{
	if (part->busy && !r->busy)
		r->first_busy = part->first_busy;
	if (!r->units || part->min_ref < r->min_ref)
		r->min_ref = part->min_ref;
	if (!r->units || part->max_ref > r->max_ref)
		r->max_ref = part->max_ref;
	r->units += part->units;
	r->busy += part->busy;
	r->busy_bytes += part->busy_bytes;
}

int dp_page_reader_new(struct dp_page_reader **out, char *why, size_t len)
{
	struct dp_page_reader *pr;
	libbpf_print_fn_t old;
	char msg[256] = "";
	int rc = 0;

	*out = NULL;
	pr = calloc(1, sizeof(*pr));
	if (!pr)
		return why_errno(ENOMEM, why, len,
				"cannot load the BPF page reader");
	rc = layout_get(&pr->layout, why, len);
	if (rc) {
		free(pr);
		return rc;
	}
	/* libbpf prints through a process-wide hook: borrow it, give it back */
	last_msg = msg;
	last_len = sizeof(msg);
	old = libbpf_set_print(keep_msg);
	pr->skel = dp_page_refs_bpf__open();
	if (!pr->skel) {
		rc = why_errno(errno ? errno : EINVAL, why, len,
				"cannot open the BPF page reader");
	} else {
		rc = dp_page_refs_bpf__load(pr->skel);
		if (rc) {
			rc = why_errno(rc < 0 ? -rc : EINVAL, why, len,
					"the kernel refused the BPF page reader");
			if (msg[0])
				snprintf(why + strlen(why), len - strlen(why),
						" (libbpf: %s)", msg);
		}
	}
	libbpf_set_print(old);
	last_msg = NULL;
	if (rc) {
		dp_page_reader_free(pr);
		return rc;
	}
	pr->fd = bpf_program__fd(pr->skel->progs.page_refs);
	*out = pr;
	return 0;
}

void dp_page_reader_free(struct dp_page_reader *pr)
{
	if (!pr)
		return;
	dp_page_refs_bpf__destroy(pr->skel);
	free(pr);
}

int dp_page_refs_range(struct dp_page_reader *pr, uint64_t start, uint64_t size,
		uint64_t step, struct dp_page_refs *r, char *why, size_t len)
{
	uint64_t pfn, end, steps;
	int rc;

	memset(r, 0, sizeof(*r));
	r->idle = IDLE_REF;
	if (!size || start % PAGE_SIZE_4K || size % PAGE_SIZE_4K) {
		snprintf(why, len,
				"the device has no page-aligned physical range");
		return -EINVAL;
	}
	steps = step >= PAGE_SIZE_4K && step % PAGE_SIZE_4K == 0 ?
			step / PAGE_SIZE_4K :
			1;
	pfn = start / PAGE_SIZE_4K;
	end = pfn + size / PAGE_SIZE_4K;
	while (pfn < end) {
		struct dp_page_refs_args a = {
			.layout = pr->layout,
			.pfn = pfn,
			.idle = IDLE_REF,
			.pages = end - pfn > RUN_PAGES ? RUN_PAGES : end - pfn,
			.step = steps,
		};
		LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = &a,
				.ctx_size_in = sizeof(a));

		rc = bpf_prog_test_run_opts(pr->fd, &opts);
		if (rc)
			return why_errno(-rc, why, len,
					"cannot run the BPF page reader");
		if (a.flags & DP_REFS_FAULT) {
			snprintf(why, len,
					"the kernel's page of physical address 0x%" PRIx64
					" could not be read",
					(uint64_t)(pfn * PAGE_SIZE_4K));
			return -EFAULT;
		}
		add_part(r,
				&(struct dp_page_refs){
						.units = a.units,
						.busy = a.busy,
						.busy_bytes = a.busy_pages *
								PAGE_SIZE_4K,
						.first_busy = a.first_busy_pfn *
								PAGE_SIZE_4K,
						.min_ref = a.min_ref,
						.max_ref = a.max_ref,
				});
		pfn += a.pages;
	}
	return 0;
}

/* a number from the device's sysfs directory */
static bool read_u64(int dirfd, const char *path, uint64_t *v)
{
	char line[64], *end;

	if (!dp_read_line_at(dirfd, path, line, sizeof(line)))
		return false;
	errno = 0;
	*v = strtoull(line, &end, 0);
	return !errno && end != line;
}

int dp_page_refs_read(struct dp_page_reader *pr, const char *dev,
		struct dp_page_refs *r, char *why, size_t len)
{
	uint64_t align = PAGE_SIZE_4K, start, end, size;
	char dir[128], path[64];
	int dirfd, i, rc = 0, ranges = 0;

	memset(r, 0, sizeof(*r));
	r->idle = IDLE_REF;
	snprintf(dir, sizeof(dir), "/sys/bus/dax/devices/%s", dev);
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		rc = -errno;
		snprintf(why, len, "cannot read %s: %s", dir, strerror(-rc));
		return rc;
	}
	read_u64(dirfd, "align", &align);
	/* a dynamic device lists each of its ranges; a static one has one */
	for (i = 0; rc == 0; i++) {
		struct dp_page_refs part;

		snprintf(path, sizeof(path), "mapping%d/start", i);
		if (!read_u64(dirfd, path, &start))
			break;
		snprintf(path, sizeof(path), "mapping%d/end", i);
		if (!read_u64(dirfd, path, &end) || end < start) {
			snprintf(why, len, "%s/%s is unreadable", dir, path);
			rc = -EIO;
			break;
		}
		rc = dp_page_refs_range(pr, start, end - start + 1, align,
				&part, why, len);
		if (!rc)
			add_part(r, &part);
		ranges++;
	}
	if (!rc && !ranges) {
		if (read_u64(dirfd, "resource", &start) &&
				read_u64(dirfd, "size", &size)) {
			rc = dp_page_refs_range(
					pr, start, size, align, r, why, len);
		} else {
			rc = -ENOENT;
			snprintf(why, len, "%s names no physical range", dir);
		}
	}
	close(dirfd);
	return rc;
}
