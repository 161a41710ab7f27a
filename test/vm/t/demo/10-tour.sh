# The README demo: a tour of daxpool on the real kernel (scripts/demo).
# timeout: 400
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"

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
# as USER CMD...: show a command run as an ordinary user
as() {
	u=$1
	shift
	echo "#"
	echo "# $u\$ $*"
	run_as "$u" "$@" > /tmp/show.out 2>&1
	rc=$?
	sed 's/^/#   /' /tmp/show.out
	[ $rc = 0 ] || echo "#   (exit status $rc)"
	return $rc
}

diag "=== The problem: RDMA may pin device-DAX memory for good, but not a file on fsdax ==="
region=$(for r in /sys/bus/nd/devices/region*; do [ "$(cat $r/nstype)" = 5 ] && basename $r; done | head -n 1)
ndctl create-namespace -r "$region" -m fsdax -s 256M -n fsdemo >/dev/null
blk=$(ndctl list -N | jq -r '[.] | flatten | .[] | select(.name == "fsdemo") | .blockdev')
mkfs.ext4 -q -F -b 4096 "/dev/$blk" && mkdir -p /mnt/fsdax && mount -o dax "/dev/$blk" /mnt/fsdax
dd if=/dev/zero of=/mnt/fsdax/oracle.dat bs=1M count=64 2>/dev/null
chown oracle /mnt/fsdax/oracle.dat
show mount -t ext4
as oracle reg-mr /mnt/fsdax/oracle.dat 67108864 && not_ok "fsdax registration should fail" ||
	ok "ibv_reg_mr of a file on ext4 -o dax: EOPNOTSUPP"

diag ""
diag "=== daxpool: named, owned, fixed device-DAX pools ==="
show daxpool create db0 --size 256M --owner oracle --group dba --mode 0660 && ok "create db0"
show daxpool create scratch --size 64M --align 4K && ok "create scratch"
show daxpool list -u
show ls -l /dev/daxpool/ "/dev/$(daxpool list db0 | jq -r '.[0].chardev')"
show ndctl list -N

diag ""
diag "=== Ordinary users open pools by name; the kernel enforces the mode ==="
as oracle open-by-name db0 && ok "oracle (owner) opens, writes and reads db0"
as bob open-by-name db0 && not_ok "bob should be refused" || ok "bob (not in dba) is refused"
as oracle daxpool rdma-check db0 && ok "oracle registers all of db0 for RDMA (plain ibv_reg_mr)"

diag ""
diag "=== A pool in use is never moved, shrunk or revoked ==="
: > /tmp/hold.out
run_as oracle daxio map db0 ro hold > /tmp/hold.out 2>&1 &
wait_for_in /tmp/hold.out '"ok":true'
pid=$(jq -r .pid /tmp/hold.out)
diag "(oracle's process $pid maps db0)"
show daxpool destroy db0 && not_ok "destroy should be refused" || ok "destroy refused while in use"
show daxpool chmod 0640 db0 && ok "chmod allowed while in use"
kill "$pid"; wait 2>/dev/null
show daxpool rename scratch tmp0

diag ""
diag "=== Pools carry their own metadata: /etc/daxpool can be lost ==="
show ndctl list -N -r "$region" && ok "the region holds the pools and daxpool's media copy (.daxpool-meta)"
rm -f /etc/daxpool/pools/*.json
show daxpool list
show daxpool check || ok "check sees pools that only the media knows"
show daxpool activate && ok "activate (run at every boot) rebuilds the registry from the media"
show daxpool list -u
show daxpool check && ok "check is clean"
show daxpool destroy db0 tmp0 && ok "destroy once idle"
show daxpool list
umount /mnt/fsdax
ndctl destroy-namespace -f "$(ndctl list -N | jq -r '[.] | flatten | .[] | select(.name == "fsdemo") | .dev')" >/dev/null 2>&1
done_testing
