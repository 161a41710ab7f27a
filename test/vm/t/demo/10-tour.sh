# The README demo: a tour of daxpool on the real kernel.
. "$DAXPOOL_TEST_LIB/tap.sh"

# show CMD...: print the command and its output (stdout and stderr)
show() {
	echo "#"
	echo "# \$ $*"
	"$@" > /tmp/show.out 2>&1
	rc=$?
	sed 's/^/#   /' /tmp/show.out
	[ $rc = 0 ] || echo "#   (exit status $rc)"
	return $rc
}

diag "The problem: an RDMA NIC may pin device-DAX memory for good, but not a file on fsdax."
region=$(for r in /sys/bus/nd/devices/region*; do [ "$(cat $r/nstype)" = 5 ] && basename $r; done | head -n 1)
show ndctl create-namespace -r "$region" -m fsdax -s 256M -n fsdemo
blk=$(ndctl list -N | jq -r '[.] | flatten | .[] | select(.name == "fsdemo") | .blockdev')
mkfs.ext4 -q -F -b 4096 "/dev/$blk" && mkdir -p /mnt/fsdax && mount -o dax "/dev/$blk" /mnt/fsdax
dd if=/dev/zero of=/mnt/fsdax/file bs=1M count=64 2>/dev/null
show reg-mr /mnt/fsdax/file 67108864 && not_ok "fsdax registration should fail" || ok "ibv_reg_mr on an fsdax file is refused"
umount /mnt/fsdax
ndctl destroy-namespace -f "$(ndctl list -N | jq -r '[.] | flatten | .[] | select(.name == "fsdemo") | .dev')" >/dev/null 2>&1

diag ""
diag "daxpool gives device-DAX names, owners and modes instead."
show daxpool create db0 --size 256M --owner oracle --group dba --mode 0660 && ok "create db0"
show daxpool create scratch --size 64M --align 4K && ok "create scratch"
show daxpool list -u
show ndctl list -N
dev=$(daxpool list db0 | jq -r '.[0].chardev')
show ls -l "/dev/$dev"
show reg-mr "/dev/$dev" 268435456 && ok "ibv_reg_mr on pool db0 succeeds"

diag ""
diag "oracle (group dba) maps db0 by name through libdaxpool; bob may not."
show run_as oracle open-by-name db0 && ok "oracle opens, writes and reads db0 by name"
show run_as bob open-by-name db0 && not_ok "bob should be refused" || ok "bob is refused (EACCES)"
show ls -l /dev/daxpool/
diag ""
diag "While anyone maps a pool, destroy refuses and changes nothing."
run_as oracle daxio map db0 ro hold > /tmp/hold.out 2>&1 &
holder=$!
sleep 1
show daxpool destroy db0
kill $holder; wait $holder 2>/dev/null
show daxpool destroy db0 scratch && ok "destroy after the holder left"
show daxpool list
done_testing
