# cxl.sh: cxl(1) helpers for VM scenarios on the cxl machine (POSIX sh).
#   . "$DAXPOOL_TEST_LIB/cxl.sh"
# Memdev names are not stable across boots (mem0 and mem1 swapped places
# on 7.3): know a memdev by its serial number, never by its name.

. "$DAXPOOL_TEST_LIB/pmem.sh"   # nd_items

# The serial numbers test/vm/bed gives its two type-3 devices.
CXL_PMEM_SERIAL=$((0xd0001))
CXL_RAM_SERIAL=$((0xd0002))

# cxl_memdevs: the memdevs, one compact JSON object per line.
cxl_memdevs() {
	nd_items cxl list -M
}

# cxl_memdev_json SERIAL: the JSON of the memdev with this serial.
cxl_memdev_json() {
	cxl_memdevs | jq -c --argjson s "$1" 'select(.serial == $s)' | head -n 1
}

# cxl_memdev SERIAL: its name (memN).
cxl_memdev() {
	cxl_memdev_json "$1" | jq -r '.memdev // empty'
}

# cxl_wait_memdevs N [SECONDS]: wait (30 s by default) until N memdevs are
# listed; cxl_pci probes its devices asynchronously, after udev settled.
cxl_wait_memdevs() {
	local i=0
	while [ "$(cxl_memdevs | grep -c .)" -lt "$1" ] && [ "$i" -lt "${2:-30}" ]; do
		sleep 1
		i=$((i + 1))
	done
	[ "$(cxl_memdevs | grep -c .)" -ge "$1" ]
}

# cxl_root_decoder pmem|ram: the first root decoder (a fixed memory window)
# that may map memory of that type.
cxl_root_decoder() {
	nd_items cxl list -D -d root |
		jq -r --arg t "$1" 'select(if $t == "ram" then .volatile_capable else .pmem_capable end) |
			.decoder' | head -n 1
}

# The second persistent device (interleaved with the first).
CXL_PMEM2_SERIAL=$((0xd0003))

cxl_regions() {
	ls /sys/bus/cxl/devices 2>/dev/null | grep '^region' || true
}

# cxl_endpoint MEMDEV: its endpoint port (endpointN), the one whose uport
# is MEMDEV
cxl_endpoint() {
	local e
	for e in /sys/bus/cxl/devices/endpoint*; do
		[ "$(basename "$(readlink "$e/uport")")" = "$1" ] && basename "$e" && return 0
	done
	return 1
}

# cxl_region_serials REGION: its memdevs' serials (decimal) by position
cxl_region_serials() {
	local r=/sys/bus/cxl/devices/$1 i=0 ways dec id mem out=
	ways=$(cat "$r/interleave_ways" 2>/dev/null) || return 1
	while [ "$i" -lt "$ways" ]; do
		dec=$(cat "$r/target$i")
		id=${dec#decoder}
		id=${id%%.*}
		mem=$(basename "$(readlink "/sys/bus/cxl/devices/endpoint$id/uport")")
		out="$out $(($(cat "/sys/bus/cxl/devices/$mem/serial")))"
		i=$((i + 1))
	done
	echo ${out# }
}

# cxl_region_by_serials "S0 S1 ...": the region with these memdevs at
# these positions
cxl_region_by_serials() {
	local r
	for r in $(cxl_regions); do
		[ "$(cxl_region_serials "$r")" = "$1" ] && echo "$r" && return 0
	done
	return 1
}

# cxl_region_nd REGION: the nvdimm region (ndctl's regionN) of a CXL pmem
# region, waiting up to 10 s for the nvdimm bus to probe it. It sits on
# the nvdimm bridge, not under the CXL region: they share their address.
cxl_region_nd() {
	local i=0 d at
	at=$(($(cat "/sys/bus/cxl/devices/$1/resource")))
	while [ $i -lt 40 ]; do
		for d in /sys/bus/nd/devices/region*; do
			[ -e "$d/driver" ] && [ "$(($(cat "$d/resource")))" = "$at" ] &&
				basename "$d" && return 0
		done
		sleep 0.25
		i=$((i + 1))
	done
	return 1
}

# cxl_dpa_sizes SERIAL: the dpa_size (MiB) of each endpoint decoder of the
# memdev with this serial, in decoder order: what capacity is handed out
cxl_dpa_sizes() {
	local mem ep d out=
	mem=$(cxl_memdev "$1") || return 1
	ep=$(cxl_endpoint "$mem") || return 1
	for d in $(ls -d /sys/bus/cxl/devices/$ep/decoder[0-9]* | sort -V); do
		out="$out $(($(cat "$d/dpa_size") >> 20))"
	done
	echo ${out# }
}

# cxl_make_ram_region SERIAL SIZE: a RAM region on that memdev through the
# kernel's sysfs, as cxl(8) would (Debian 12's cxl refuses -t ram). Prints
# the region's name.
cxl_make_ram_region() {
	local root mem ep dec r s=$(($2))
	root=$(cxl_root_decoder ram)
	mem=$(cxl_memdev "$1") && ep=$(cxl_endpoint "$mem") || return 1
	for dec in $(ls -d /sys/bus/cxl/devices/$ep/decoder[0-9]* | sort -V); do
		[ "$(($(cat "$dec/dpa_size")))" = 0 ] && break
	done
	r=$(cat "/sys/bus/cxl/devices/$root/create_ram_region") &&
		echo "$r" > "/sys/bus/cxl/devices/$root/create_ram_region" &&
		echo 256 > "/sys/bus/cxl/devices/$r/interleave_granularity" &&
		echo 1 > "/sys/bus/cxl/devices/$r/interleave_ways" &&
		echo ram > "$dec/mode" &&
		echo "$s" > "$dec/dpa_size" &&
		echo "$s" > "/sys/bus/cxl/devices/$r/size" &&
		echo "$(basename "$dec")" > "/sys/bus/cxl/devices/$r/target0" &&
		echo 1 > "/sys/bus/cxl/devices/$r/commit" &&
		echo "$r" > /sys/bus/cxl/drivers/cxl_region/bind &&
		echo "$r"
}

# cxl_nmems: the nvdimms (nmemN) of the persistent memdevs, through which
# ndctl reads their label areas: those on the CXL nvdimm bridge's bus
cxl_nmems() {
	local n
	for n in /sys/bus/nd/devices/nmem*; do
		case $(readlink -f "$n") in
		*/nvdimm-bridge*) basename "$n" ;;
		esac
	done
	return 0
}

# cxl_nmem SERIAL: the nvdimm of that persistent memdev. 7.x names its
# cxl_nvdimm (pmemN, under the memdev) in cxl/provider; 6.1 does not say,
# and this fails there.
cxl_nmem() {
	local mem n p
	mem=$(cxl_memdev "$1")
	for n in /sys/bus/nd/devices/nmem*; do
		p=$(cat "$n/cxl/provider" 2>/dev/null) || continue
		[ "$(basename "$(dirname "$(readlink -f "/sys/bus/cxl/devices/$p")")")" = "$mem" ] &&
			basename "$n" && return 0
	done
	return 1
}

# cxl_pmem_regions: the regions of persistent memory (6.1 has no mode
# attribute: it makes no other kind)
cxl_pmem_regions() {
	local r
	for r in $(cxl_regions); do
		[ "$(cat "/sys/bus/cxl/devices/$r/mode" 2>/dev/null || echo pmem)" = pmem ] && echo "$r"
	done
	return 0
}
