# The contrast daxpool exists for: the same ibv_reg_mr on a file of an
# ext4 -o dax filesystem fails with EOPNOTSUPP (no long-term pins on fsdax).
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pmem.sh"

region=$(pmem_region)
mnt=/mnt/bedfs
cleanup() {
	umount "$mnt" 2>/dev/null
	destroy_ns bedfs
}

check "create an fsdax namespace" -- \
	ndctl create-namespace -r "$region" -m fsdax -s 256M -n bedfs || done_testing
blk=$(ns_blockdev bedfs)
diag "block device: ${blk:-none}"
check "it has a pmem block device" -- test -b "/dev/$blk"
check "mkfs.ext4 -b 4096" -- mkfs.ext4 -q -F -b 4096 "/dev/$blk"
mkdir -p "$mnt"
check "mount -o dax" -- mount -t ext4 -o dax "/dev/$blk" "$mnt"
check "the mount really is DAX" -- sh -c "grep ' $mnt ' /proc/mounts | grep -qw dax"
check "write a 64 MiB file" -- dd if=/dev/zero of="$mnt/file" bs=1M count=64

out=$(reg-mr "$mnt/file" 64M 2>&1)
rc=$?
diag "reg-mr: $out"
is "ibv_reg_mr on the fsdax file fails (exit 2)" "$rc" 2
is "it fails at ibv_reg_mr" "$(echo "$out" | jq -r .stage 2>&1)" ibv_reg_mr
is "with EOPNOTSUPP (95)" "$(echo "$out" | jq -r .errno 2>&1)" 95

check "umount" -- umount "$mnt"
check "destroy the namespace" -- ndctl destroy-namespace -f "$(ns_dev bedfs)"
cleanup
done_testing
