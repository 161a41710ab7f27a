/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _LIBDAXPOOL_RDMA_H_
#define _LIBDAXPOOL_RDMA_H_

/*
 * libdaxpool-rdma: register a pool opened with daxpool_map_open() for RDMA.
 * A separate library (pkg-config libdaxpool-rdma) so that libdaxpool itself
 * does not pull libibverbs into every consumer. libdaxpool-rdma(3)
 * documents it. Its conventions are libdaxpool's (int -errno), but for the
 * registrations, which return the MR or NULL with errno set, as
 * ibv_reg_mr() does and as the published contract fixed them.
 */
#include <stddef.h>
#include <infiniband/verbs.h>
#include <daxpool/libdaxpool.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A plain (non-ODP) ibv_reg_mr of the whole mapping: the long-term pin
 * that device-DAX allows. The registration holds the pool (daxpool destroy
 * and rename refuse it, naming this process) until it is released with
 * daxpool_map_dereg_mr(), even after daxpool_map_close(). An MR released
 * with plain ibv_dereg_mr() is not seen: the hold then ends at
 * daxpool_map_close() if the process has no long-term pin left, else when
 * the process exits. Returns: the MR, or NULL with errno EINVAL
 * (IBV_ACCESS_ON_DEMAND, a bad argument), EACCES (write access on a map
 * opened O_RDONLY), ENOMEM (often RLIMIT_MEMLOCK: see
 * daxpool_rdma_strerror), or what ibv_reg_mr reports.
 */
struct ibv_mr *daxpool_map_reg_mr(
		struct daxpool_map *map, struct ibv_pd *pd, int access);
/* the same for LEN bytes at OFFSET into the mapping. Returns: the MR, or
 * NULL with errno as above (EINVAL also when the range is outside it) */
struct ibv_mr *daxpool_map_reg_mr_range(struct daxpool_map *map,
		struct ibv_pd *pd, size_t offset, size_t len, int access);

/*
 * ibv_dereg_mr(MR), and the end of the hold it had on MAP's pool (once the
 * map is closed and no other registration of it remains, the map is freed).
 * Returns: 0, -EINVAL (MAP or MR is NULL), or the -errno of ibv_dereg_mr
 * (the MR and the hold then stay).
 */
int daxpool_map_dereg_mr(struct daxpool_map *map, struct ibv_mr *mr);

/*
 * Why a registration of LEN bytes failed with ERR (the errno it left; a
 * -errno is taken alike), in words, written into BUF (SIZE bytes) as
 * strerror_r() does. For ENOMEM or EAGAIN, when the caller lacks
 * CAP_IPC_LOCK and RLIMIT_MEMLOCK is smaller than LEN, it names the limit
 * and how to raise it; otherwise it is strerror(ERR). Returns: BUF.
 */
const char *daxpool_rdma_strerror(int err, char *buf, size_t size, size_t len);

#ifdef __cplusplus
}
#endif
#endif
