# The contrast daxpool exists for, side by side as the same user: a pool
# can be pinned, a file of an ext4 -o dax mount cannot (EOPNOTSUPP).
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pmem.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
mnt=/mnt/rdmafs

check "create r2" -- daxpool create r2 --size 64M --owner alice --group dba --mode 0660 || done_testing
check "alice pins the pool" -- run_as alice pool-mr r2
is "all 64 MiB of it" "$(jq -r .mr_length "$CHECK_OUT")" "$(pool_field r2 size)"

check "an fsdax namespace" -- ndctl create-namespace -r "$(pmem_region)" -m fsdax -s 256M -n rdmafs || done_testing
blk=$(ns_blockdev rdmafs)
mkdir -p "$mnt"
check "ext4 -o dax on it" -- sh -c "mkfs.ext4 -q -F -b 4096 /dev/$blk && mount -t ext4 -o dax /dev/$blk $mnt"
check "a 64 MiB file of alice's" -- sh -c "dd if=/dev/zero of=$mnt/f bs=1M count=64 2>/dev/null && chown alice $mnt/f"
run_as alice reg-mr "$mnt/f" 64M > "$CHECK_OUT" 2>&1
is "alice cannot pin the fsdax file (exit 2)" "$?" 2
is "EOPNOTSUPP" "$(jq -r .errno "$CHECK_OUT")" 95

umount "$mnt"
check "destroy the fsdax namespace" -- ndctl destroy-namespace -f "$(ns_dev rdmafs)"
check "destroy r2" -- daxpool destroy r2
done_testing
