// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libdaxpool-rdma: long-term RDMA registrations of pools. A pool's pages
 * never move, so a plain ibv_reg_mr (a FOLL_LONGTERM pin) is what we give;
 * on-demand paging is refused because it would hide a pin that fails.
 *
 * Each registration pins its map (daxpool_map_pin), so the pool stays held
 * until daxpool_map_dereg_mr() releases it, even after daxpool_map_close():
 * the NIC can reach the pages for as long as the registration exists.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <daxpool/libdaxpool-rdma.h>

#define EXPORT __attribute__((visibility("default")))

/* registrations that let the HCA, or a peer, write into the memory */
#define WRITE_ACCESS \
	(IBV_ACCESS_LOCAL_WRITE | IBV_ACCESS_REMOTE_WRITE | \
			IBV_ACCESS_REMOTE_ATOMIC | IBV_ACCESS_MW_BIND)

EXPORT struct ibv_mr *daxpool_map_reg_mr_range(struct daxpool_map *map,
		struct ibv_pd *pd, size_t offset, size_t len, int access)
{
	struct ibv_mr *mr;
	size_t size;
	int flags;

	if (!map || !pd || len == 0 || (access & IBV_ACCESS_ON_DEMAND)) {
		errno = EINVAL;
		return NULL;
	}
	size = daxpool_map_get_size(map);
	if (offset > size || len > size - offset) {
		errno = EINVAL;
		return NULL;
	}
	/* the kernel would say EFAULT; say what is wrong instead */
	flags = fcntl(daxpool_map_get_fd(map), F_GETFL);
	if (flags >= 0 && (flags & O_ACCMODE) == O_RDONLY &&
			(access & WRITE_ACCESS)) {
		errno = EACCES;
		return NULL;
	}
	/* the registration holds the pool, whatever becomes of the map */
	daxpool_map_pin(map);
	errno = 0;
	mr = ibv_reg_mr(pd, (char *)daxpool_map_get_addr(map) + offset, len,
			access);
	if (!mr) {
		int e = errno ? errno : EIO;

		daxpool_map_unpin(map);
		errno = e;
	}
	return mr;
}

EXPORT int daxpool_map_dereg_mr(struct daxpool_map *map, struct ibv_mr *mr)
{
	int rc;

	if (!map || !mr)
		return -EINVAL;
	/* libibverbs returns a positive errno; ours is -errno, as everywhere */
	rc = ibv_dereg_mr(mr);
	if (rc)
		return rc > 0 ? -rc : rc;
	daxpool_map_unpin(map);
	return 0;
}

EXPORT struct ibv_mr *daxpool_map_reg_mr(
		struct daxpool_map *map, struct ibv_pd *pd, int access)
{
	if (!map) {
		errno = EINVAL;
		return NULL;
	}
	return daxpool_map_reg_mr_range(
			map, pd, 0, daxpool_map_get_size(map), access);
}

/* CAP_IPC_LOCK in the effective set: pins are then not limited */
static int has_ipc_lock(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
		.pid = 0,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	if (syscall(SYS_capget, &hdr, data) < 0)
		return 0;
	return !!(data[CAP_TO_INDEX(CAP_IPC_LOCK)].effective &
			CAP_TO_MASK(CAP_IPC_LOCK));
}

EXPORT const char *daxpool_rdma_strerror(
		int err, char *buf, size_t size, size_t len)
{
	struct rlimit rl;

	/* errno as the registration left it, or the -errno of other calls */
	if (err < 0)
		err = -err;
	if ((err == ENOMEM || err == EAGAIN) && !has_ipc_lock() &&
			getrlimit(RLIMIT_MEMLOCK, &rl) == 0 &&
			rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < len) {
		snprintf(buf, size,
				"%s: RLIMIT_MEMLOCK (ulimit -l) is %llu bytes, "
				"smaller than the %zu bytes to register: raise it "
				"(memlock in limits.conf, LimitMEMLOCK= in a systemd unit) "
				"or grant CAP_IPC_LOCK",
				strerror(err), (unsigned long long)rl.rlim_cur,
				len);
		return buf;
	}
	snprintf(buf, size, "%s", strerror(err));
	return buf;
}
