// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Zeroing a new pool before anyone but root may open it. Non-temporal
 * stores bypass the cache, and the fence orders them, so on pmem the zeros
 * are durable once we return; several threads because one core cannot
 * saturate memory bandwidth.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __x86_64__
#include <emmintrin.h>
#endif
#include "core/private.h"

#define CHUNK (8ULL << 20)

struct zero_job {
	uint8_t *base;
	uint64_t size;
	atomic_uint_fast64_t next; /* next chunk offset to take */
	atomic_uint_fast64_t done;
	/* a page that could not be written (poison): the first one seen */
	atomic_uintptr_t bad_addr;
	atomic_int failed;
};

/*
 * A poisoned pmem page, or a device taken away under us, raises SIGBUS on
 * the store that touches it. A zeroing thread catches its own: it jumps
 * back to its loop, which records where and stops. A SIGBUS of any other
 * thread goes to whatever handled it before.
 */
static __thread sigjmp_buf *zero_jmp;
static __thread uintptr_t zero_fault;
static struct sigaction old_bus;
static pthread_mutex_t bus_lock = PTHREAD_MUTEX_INITIALIZER;
static int bus_users;

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
	if (zero_jmp) {
		zero_fault = (uintptr_t)si->si_addr;
		siglongjmp(*zero_jmp, 1);
	}
	/* not ours: as if we had never been here */
	if (old_bus.sa_flags & SA_SIGINFO && old_bus.sa_sigaction) {
		old_bus.sa_sigaction(sig, si, uc);
	} else if (old_bus.sa_handler != SIG_IGN &&
			old_bus.sa_handler != SIG_DFL) {
		old_bus.sa_handler(sig);
	} else {
		signal(sig, SIG_DFL);
		raise(sig);
	}
}

static void sigbus_catch(void)
{
	struct sigaction sa;

	pthread_mutex_lock(&bus_lock);
	if (bus_users++ == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_sigbus;
		sa.sa_flags = SA_SIGINFO;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGBUS, &sa, &old_bus);
	}
	pthread_mutex_unlock(&bus_lock);
}

static void sigbus_release(void)
{
	pthread_mutex_lock(&bus_lock);
	if (--bus_users == 0)
		sigaction(SIGBUS, &old_bus, NULL);
	pthread_mutex_unlock(&bus_lock);
}

static void zero_range(uint8_t *p, uint64_t len)
{
#ifdef __x86_64__
	__m128i z = _mm_setzero_si128();
	__m128i *q = (__m128i *)p, *end = (__m128i *)(p + len);

	for (; q < end; q += 4) {
		_mm_stream_si128(q, z);
		_mm_stream_si128(q + 1, z);
		_mm_stream_si128(q + 2, z);
		_mm_stream_si128(q + 3, z);
	}
	_mm_sfence();
#else
	memset(p, 0, len);
	__sync_synchronize();
#endif
}

/* take chunks until none is left or one fails; returns on SIGBUS too */
static void zero_chunks(
		struct zero_job *job, daxpool_progress_fn progress, void *arg)
{
	sigjmp_buf jmp;

	if (sigsetjmp(jmp, 1)) { /* 1: SIGBUS unblocked again on the way out */
		zero_jmp = NULL;
		if (atomic_fetch_add(&job->failed, 1) == 0)
			atomic_store(&job->bad_addr, zero_fault);
		return;
	}
	zero_jmp = &jmp;
	while (!atomic_load(&job->failed)) {
		uint64_t off = atomic_fetch_add(&job->next, CHUNK);
		uint64_t len;

		if (off >= job->size)
			break;
		len = job->size - off < CHUNK ? job->size - off : CHUNK;
		zero_range(job->base + off, len);
		atomic_fetch_add(&job->done, len);
		if (progress)
			progress(atomic_load(&job->done), job->size, arg);
	}
	zero_jmp = NULL;
}

static void *zero_worker(void *arg)
{
	zero_chunks(arg, NULL, NULL);
	return NULL;
}

int dp_zero_device(struct daxpool_ctx *ctx, const char *devpath, uint64_t size,
		uint64_t align, daxpool_progress_fn progress, void *arg)
{
	pthread_t tid[16];
	sigset_t all, old_mask;
	struct zero_job job = { .size = size };
	size_t resv_len;
	void *resv;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int i, nthreads, started = 0, fd, rc = 0;

	fd = open(devpath, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return dp_fail(ctx, errno, "cannot open %s to zero it: %s",
				devpath, strerror(errno));
	job.base = dp_map_aligned(fd, size, align, PROT_READ | PROT_WRITE,
			&resv, &resv_len);
	if (!job.base) {
		rc = errno;
		close(fd);
		return dp_fail(ctx, rc, "cannot map %s to zero it: %s", devpath,
				strerror(rc));
	}
	/* a thread per 256 MiB, at most one per CPU */
	nthreads = (int)(size / (256ULL << 20));
	if (nthreads > ncpu)
		nthreads = (int)ncpu;
	if (nthreads > 16)
		nthreads = 16;
	sigbus_catch();
	/* the helpers take no signal of the caller's (they would die with
	 * it mid-zero, or run its handlers on a zeroing stack); SIGBUS, a
	 * fault of their own stores, stays open */
	sigfillset(&all);
	sigdelset(&all, SIGBUS);
	sigdelset(&all, SIGSEGV);
	pthread_sigmask(SIG_BLOCK, &all, &old_mask);
	for (i = 0; i < nthreads - 1; i++)
		if (pthread_create(&tid[started], NULL, zero_worker, &job) == 0)
			started++;
	pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
	/* the caller's thread works too, reporting between chunks */
	zero_chunks(&job, progress, arg);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	sigbus_release();
	if (atomic_load(&job.failed)) {
		uintptr_t bad = atomic_load(&job.bad_addr);
		uint64_t at = bad >= (uintptr_t)job.base ?
				bad - (uintptr_t)job.base :
				0;

		rc = dp_fail(ctx, EIO,
				"zeroing %s failed: the memory at offset %llu (0x%llx) of the pool cannot be written (a poisoned page, or the device went away); see 'ndctl list -N --media-errors'",
				devpath, (unsigned long long)at,
				(unsigned long long)at);
	} else if (progress) {
		progress(size, size, arg);
	}
	munmap(resv, resv_len);
	close(fd);
	return rc;
}
