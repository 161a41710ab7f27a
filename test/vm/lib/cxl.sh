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
