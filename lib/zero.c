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
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __x86_64__
#include <emmintrin.h>
#endif
#include "private.h"

#define CHUNK (8ULL << 20)

struct zero_job {
	uint8_t *base;
	uint64_t size;
	atomic_uint_fast64_t next;	/* next chunk offset to take */
	atomic_uint_fast64_t done;
};

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

static void *zero_worker(void *arg)
{
	struct zero_job *job = arg;

	for (;;) {
		uint64_t off = atomic_fetch_add(&job->next, CHUNK);
		uint64_t len;

		if (off >= job->size)
			break;
		len = job->size - off < CHUNK ? job->size - off : CHUNK;
		zero_range(job->base + off, len);
		atomic_fetch_add(&job->done, len);
	}
	return NULL;
}

int dp_zero_device(struct daxpool_ctx *ctx, const char *devpath,
		uint64_t size, uint64_t align, daxpool_progress_fn progress,
		void *arg)
{
	pthread_t tid[16];
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
	for (i = 0; i < nthreads - 1; i++)
		if (pthread_create(&tid[started], NULL, zero_worker, &job) == 0)
			started++;
	if (!progress) {
		zero_worker(&job);
	} else {
		/* the caller's thread works too, reporting between chunks */
		for (;;) {
			uint64_t off = atomic_fetch_add(&job.next, CHUNK);

			if (off >= size)
				break;
			zero_range(job.base + off, size - off < CHUNK ? size - off : CHUNK);
			atomic_fetch_add(&job.done, size - off < CHUNK ? size - off : CHUNK);
			progress(atomic_load(&job.done), size, arg);
		}
	}
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	if (progress)
		progress(size, size, arg);
	munmap(resv, resv_len);
	close(fd);
	return rc;
}
