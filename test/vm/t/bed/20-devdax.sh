# The NVDIMM region is labeled, can be carved into named devdax namespaces,
# udev sees the /dev/daxX.Y node, and a plain ibv_reg_mr of a devdax mapping
# (a long-term pin) succeeds: what daxpool is built on.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pmem.sh"

region=$(pmem_region)
diag "pmem region: ${region:-none}"
avail=$(region_field "$region" available_size)
check "region $region has free space (labels, not one legacy namespace)" -- \
	test "${avail:-0}" -gt 0
check "no namespace takes the region yet" -- \
	sh -c "test -z \"\$(ndctl list -N -r $region)\""

# The rest needs the namespace: its failure is reported, stop here.
check "create a named devdax namespace" -- \
	ndctl create-namespace -r "$region" -m devdax -s 128M -n bedtest || done_testing
is "ndctl list -N shows name bedtest" "$(ns_json bedtest | jq -r .name)" bedtest
like "the namespace has a uuid" "$(ns_json bedtest | jq -r .uuid)" '^[0-9a-f-]{36}$'

dax=$(ns_chardev bedtest)
diag "dax device: ${dax:-none}"
check "the namespace has a dax char device" -- test -n "$dax"
check "/dev/$dax is a character device" -- test -c "/dev/$dax"
# devtmpfs makes the node; the udev database entry shows udevd handled it.
majmin=$(cat "/sys/bus/dax/devices/$dax/dev" 2>/dev/null)
check "udevd processed /dev/$dax (udev db entry c$majmin)" -- test -e "/run/udev/data/c$majmin"
check "udevadm info knows /dev/$dax" -- sh -c "udevadm info --query=property --name=/dev/$dax | grep -q '^DEVNAME=/dev/$dax'"

out=$(reg-mr "/dev/$dax" 64M 2>&1)
rc=$?
diag "reg-mr: $out"
is "ibv_reg_mr of 64 MiB of /dev/$dax succeeds" "$rc" 0
is "reg-mr reports ok" "$(echo "$out" | jq -r .ok 2>&1)" true

out=$(run_as alice reg-mr "/dev/$dax" 2M 2>&1)
is "alice cannot open the root-only /dev/$dax" "$(echo "$out" | jq -r .stage 2>&1)/$(echo "$out" | jq -r .errno 2>&1)" open/13

check "destroy the namespace" -- ndctl destroy-namespace -f "$(ns_dev bedtest)"
check "the region is free again" -- test "$(region_field "$region" available_size)" = "$avail"
destroy_ns bedtest
done_testing
