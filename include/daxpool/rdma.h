/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The name the published contract (DESIGN.md: "#include <daxpool/rdma.h>")
 * gives libdaxpool-rdma's header. The header is <daxpool/libdaxpool-rdma.h>,
 * named after its library as <daxpool/libdaxpool.h> is; new code includes
 * that.
 */
#include <daxpool/libdaxpool-rdma.h>
