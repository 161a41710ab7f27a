/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The name that daxpool's published contract for applications gives
 * libdaxpool-rdma's header, kept for programs written to it. The header is
 * <daxpool/libdaxpool-rdma.h>, named after its library as
 * <daxpool/libdaxpool.h> is; new code includes that.
 */
#include <daxpool/libdaxpool-rdma.h>
