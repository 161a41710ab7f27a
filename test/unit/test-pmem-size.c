// SPDX-License-Identifier: GPL-2.0-only
/* namespace sizing: always enough usable bytes, never wildly more */
#include "core/private.h"
#include "backend/pmem.h"
#include "tap.h"

int main(void)
{
	const uint64_t sizes[] = { 1, 4096, 1ULL << 20, 2ULL << 20, 64ULL << 20,
		100ULL << 20, 250ULL << 20, 256ULL << 20, 1ULL << 30,
		3ULL << 30, (1ULL << 40) + 12345 };
	const uint64_t aligns[] = { SZ_4K, SZ_2M, SZ_1G };
	size_t i, j;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (j = 0; j < 3; j++) {
			uint64_t ns = dp_pmem_namespace_size(
					sizes[i], aligns[j], SZ_16M);
			uint64_t got = dp_pmem_usable(0, ns, aligns[j]);
			uint64_t want = ALIGN_UP(sizes[i], aligns[j]);

			ok(ns % SZ_16M == 0 && got >= want &&
							got % aligns[j] == 0 &&
							dp_pmem_usable(0,
									ns - SZ_16M,
									aligns[j]) <
									want,
					"size %llu align %llu -> smallest namespace %llu, usable %llu",
					(unsigned long long)sizes[i],
					(unsigned long long)aligns[j],
					(unsigned long long)ns,
					(unsigned long long)got);
		}
	/* the true minimum: no smaller multiple of 16M holds it (brute force) */
	for (j = 0; j < 3; j++) {
		uint64_t sz, bad = 0;

		for (sz = SZ_4K * 3; sz < (3ULL << 30);
				sz = sz * 3 / 2 + SZ_4K) {
			uint64_t ns = dp_pmem_namespace_size(
						 sz, aligns[j], SZ_16M),
				 m;
			uint64_t want = ALIGN_UP(sz, aligns[j]);

			for (m = SZ_16M; m < ns; m += SZ_16M)
				bad += dp_pmem_usable(0, m, aligns[j]) >= want;
			bad += dp_pmem_usable(0, ns, aligns[j]) < want;
		}
		ok(bad == 0, "align %llu: every size up to 3 GiB gets the smallest namespace",
				(unsigned long long)aligns[j]);
	}
	/* huge requests are arithmetic, not a walk (2^52 took 9.6 s) */
	for (j = 0; j < 3; j++) {
		uint64_t ns = dp_pmem_namespace_size(
				1ULL << 52, aligns[j], SZ_16M);

		ok(ns && dp_pmem_usable(0, ns, aligns[j]) >= (1ULL << 52) &&
						dp_pmem_usable(0, ns - SZ_16M,
								aligns[j]) <
								(1ULL << 52),
				"2^52 bytes, align %llu: namespace %llu",
				(unsigned long long)aligns[j],
				(unsigned long long)ns);
	}
	ok(dp_pmem_namespace_size((1ULL << 60) + 1, SZ_2M, SZ_16M) == 0,
			"more than 2^60 bytes: no namespace");
	/* the figure seen on a real kernel: a 256 MiB namespace gave 250 MiB */
	ok(dp_pmem_usable(5ULL << 30, 256ULL << 20, SZ_2M) == (250ULL << 20),
			"256 MiB namespace, 2M align: 250 MiB usable, as the kernel gives");
	/* a start that is not 1G aligned loses space at both ends */
	ok(dp_pmem_usable((5ULL << 30) + SZ_16M, 3ULL << 29, SZ_1G) == 0,
			"misaligned 1.5 GiB namespace has no whole 1G page after its metadata");
	ok(dp_pmem_usable((5ULL << 30) + SZ_16M, 2ULL << 30, SZ_1G) == SZ_1G,
			"misaligned 2 GiB namespace still holds one 1G page");
	ok(dp_pmem_usable(5ULL << 30, 2ULL << 30, SZ_1G) == SZ_1G,
			"aligned 2 GiB namespace with 1G align gives 1 GiB");
	ok(dp_pmem_usable(5ULL << 30, 256ULL << 20, SZ_4K) == (250ULL << 20),
			"256 MiB namespace, 4K align: also 250 MiB (data starts 2M-aligned)");
	ok(dp_pmem_usable(0, 4096, SZ_2M) == 0, "tiny namespace gives nothing");
	return tap_done();
}
