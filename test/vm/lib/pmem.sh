# pmem.sh: ndctl/daxctl helpers for VM scenarios (POSIX sh).
#   . "$DAXPOOL_TEST_LIB/pmem.sh"
# Never hard-code region or device numbers: with the soft-reserved range the
# pmem region is region1, and numbering may change with the kernel.

# nd_items ndctl|daxctl ARGS...: the listed objects, one compact JSON per
# line (ndctl prints a bare object instead of an array when there is one).
nd_items() {
	"$@" 2>/dev/null | jq -c 'if type == "array" then .[] elif type == "object" then . else empty end'
}

# pmem_region: the name of the pmem region with the most available space.
pmem_region() {
	nd_items ndctl list -R | jq -rs 'map(select(.type == "pmem")) |
		sort_by(.available_size // 0) | last | .dev // empty'
}

# region_field REGION FIELD: a field of a region's JSON (e.g. available_size).
region_field() {
	nd_items ndctl list -R -r "$1" | jq -r ".$2 // empty" | head -n 1
}

# ns_json NAME: the JSON of the namespace whose label name is NAME.
ns_json() {
	nd_items ndctl list -N -v | jq -c --arg n "$1" 'select(.name == $n)' | head -n 1
}

# ns_dev NAME: its device name (namespaceX.Y).
ns_dev() {
	ns_json "$1" | jq -r '.dev // empty'
}

# ns_chardev NAME: the dax char device (daxX.Y) of a devdax namespace.
ns_chardev() {
	ns_json "$1" | jq -r '.daxregion.devices[0].chardev // .chardev // empty'
}

# ns_blockdev NAME: the block device (pmemX) of an fsdax namespace.
ns_blockdev() {
	ns_json "$1" | jq -r '.blockdev // empty'
}

# destroy_ns NAME...: destroy the namespaces with these label names, if any.
destroy_ns() {
	local n d
	for n in "$@"; do
		for d in $(nd_items ndctl list -N | jq -r --arg n "$n" 'select(.name == $n) | .dev'); do
			ndctl destroy-namespace -f "$d" >/dev/null 2>&1
		done
	done
	return 0
}
