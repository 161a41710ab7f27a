# phases: 2
# Phases and power cuts work: phase 1 writes data to a named fsdax namespace
# and cuts the power (the host kills QEMU); phase 2 boots on the same NVDIMM
# and finds the labels (name, uuid) and the data. Runs last in phase 1: the
# cut ends the phase.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pmem.sh"

mnt=/mnt/persist
mkdir -p "$mnt"

case $DAXPOOL_PHASE in
1)
	region=$(pmem_region)
	check "create namespace 'persist'" -- \
		ndctl create-namespace -r "$region" -m fsdax -s 64M -n persist || done_testing
	uuid=$(ns_json persist | jq -r .uuid)
	blk=$(ns_blockdev persist)
	check "mkfs and mount it" -- sh -c "mkfs.ext4 -q -F -b 4096 /dev/$blk && mount -o dax /dev/$blk $mnt"
	echo "$uuid" > "$mnt/uuid"
	sync
	ok "phase 1 wrote uuid $uuid; cutting the power"
	power_cut
	;;
2)
	json=$(ns_json persist)
	check "namespace 'persist' survived the power cut" -- test -n "$json"
	blk=$(ns_blockdev persist)
	check "mount it again" -- mount -o dax "/dev/$blk" "$mnt"
	is "the data written before the cut is there (namespace uuid)" \
		"$(cat "$mnt/uuid" 2>&1)" "$(echo "$json" | jq -r .uuid)"
	umount "$mnt" 2>/dev/null
	check "destroy it" -- ndctl destroy-namespace -f "$(ns_dev persist)"
	destroy_ns persist
	;;
esac
done_testing
