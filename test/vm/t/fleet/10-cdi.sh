# phases: 2
# timeout: 600
# Pools in containers: daxpool offers each pool as the CDI device
# daxpool.io/pool=NAME, and podman (Debian 12's 4.3, rootful, crun) gives
# it to a container: an unmodified program inside opens it by name through
# libdaxpool (and registers it with libdaxpool-rdma), sees that pool and no
# other, and gets the host's errors. The specs follow every change: a
# container holding the pool makes destroy busy with its host pid (a
# rename goes ahead and leaves the label for later, naming it), a chown
# or a destroy reaches the nodes of a running container (they are the
# host's), and activate writes them again at boot
# (t/fleet/.activate-at-boot).
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
. "$DAXPOOL_TEST_LIB/containers.sh"
out=/tmp/ctr.out

podman_setup daxio pool-mr
# libibverbs finds its providers through these, as on the host
mkdir -p "$CTR_ROOT/etc/libibverbs.d"
cp /etc/libibverbs.d/rxe.driver "$CTR_ROOT/etc/libibverbs.d/"
for f in /usr/lib/x86_64-linux-gnu/libibverbs/librxe-rdmav*.so; do ctr_put "$f"; done

case $DAXPOOL_PHASE in
1)
	clean_slate
	rm -f /run/cdi/*.json
	check "create db (alice 0600)" -- daxpool create db --size 64M --owner alice --mode 0600 || done_testing
	spec=$(cdi_spec_of db)
	check "a CDI spec offers db" -- test -n "$spec"
	is "its kind and version" "$(jq -r '"\(.cdiVersion) \(.kind)"' "$spec")" "0.5.0 daxpool.io/pool"
	is "spec mode 0644, root's" "$(stat -c '%U %a' "$spec")" "root 644"
	is "it gives the pool's /dev/daxX.Y" \
		"$(jq -r '.devices[0].containerEdits.deviceNodes[0].path' "$spec")" "/dev/$(pool_field db chardev)"
	check "create other (bob)" -- daxpool create other --size 32M --owner bob

	check "alice's container writes db by name" -- ctr alice --device daxpool.io/pool=db -- daxio map db rw pattern 11
	check "alice reads it back on the host" -- run_as alice daxio map db ro verify 11
	check "and in another container" -- ctr alice --device daxpool.io/pool=db -- daxio map db ro verify 11
	is "the container sees db's node and record, nothing of other" \
		"$(ctr alice --device daxpool.io/pool=db -- sh -c 'ls /dev/daxpool; ls /etc/daxpool/pools | wc -l; echo $DAXPOOL_POOL')" \
		"db
1
db"
	check "alice registers db for RDMA inside (rxe0 given too)" -- \
		ctr alice --device daxpool.io/pool=db --device /dev/infiniband/uverbs0 -- pool-mr db

	# (a shared --rootfs keeps the mount targets the runtime made for the
	# record, which a container's own image layer would not)
	rm -rf "$CTR_ROOT/etc/daxpool"
	ctr alice -- daxio map db ro > "$out" 2>&1
	is "without the device: no such pool (ENOENT), as on the host for a pool that is not there" \
		"$(cat "$out")" "$(run_as alice daxio map nosuchpool ro 2>&1)"
	is "and no node" "$(ctr alice -- sh -c 'ls /dev | grep -c dax')" 0
	run_as bob daxio map db ro > /tmp/host.err 2>&1
	ctr bob --device daxpool.io/pool=db -- daxio map db ro > "$out" 2>&1
	like "bob's container is refused by the mode" "$(cat "$out")" "Permission denied"
	is "with the host's error" "$(cat "$out")" "$(cat /tmp/host.err)"

	# a running container that maps db: busy, with the pid the host sees
	podman run -d --name holder --user 1001:1001 --device daxpool.io/pool=db \
		--rootfs "$CTR_ROOT" daxio map db rw hold > /dev/null
	i=0
	while ! podman logs holder 2>/dev/null | grep -q '"ok":true' && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	pid=$(podman inspect -f '{{.State.Pid}}' holder)
	check_fails "destroy db while a container maps it: refused" -- daxpool destroy db
	like "busy, naming the container's pid as the host sees it" "$(cat "$CHECK_OUT")" "busy.*pid $pid"
	check "a refused destroy leaves db offered" -- cdi_spec_of db
	# a rename in use goes ahead, as for any holder (daxpool-rename(1)):
	# only the namespace's label waits, and the container's open pool is
	# still the pool
	check "rename db db2 while it maps it" -- daxpool rename db db2
	like "the label waits: busy, with the container's pid" "$(cat "$CHECK_OUT")" "busy.*pid $pid"
	check "the container still holds the pool" -- podman exec holder sh -c 'kill -0 1'
	podman rm -f -t 1 holder > /dev/null
	check "its label follows once the container is gone" -- daxpool rename db2 db2
	check_fails "no spec offers db any more" -- cdi_spec_of db
	check "a spec offers db2" -- cdi_spec_of db2
	check_fails "podman refuses the old name" -- ctr alice --device daxpool.io/pool=db -- true
	check "db2 by name in a container: the same data" -- ctr alice --device daxpool.io/pool=db2 -- daxio map db2 ro verify 11

	# the container's nodes are the host's: a chown reaches a running one
	podman run -d --name idle --user 1001:1001 --device daxpool.io/pool=db2 \
		--rootfs "$CTR_ROOT" sleep 600 > /dev/null
	check "alice's running container opens db2" -- podman exec idle daxio map db2 ro
	check "chown db2 to bob" -- daxpool chown bob db2
	udevadm settle
	check_fails "then alice's running container cannot" -- podman exec idle daxio map db2 ro
	check "bob's new container can" -- ctr bob --device daxpool.io/pool=db2 -- daxio map db2 ro verify 11
	check "chown db2 back to alice" -- daxpool chown alice db2
	udevadm settle
	# destroy while a container was given db2 but does not use it: the
	# door closes the node inside too, and it stays closed
	check "destroy db2 (the container only has its node)" -- daxpool destroy db2
	is "inside, db2's node is root's, mode 0" "$(podman exec idle stat -c '%u %a' /dev/daxpool/db2)" "0 0"
	check "create db3 (bob): a new pool, maybe on the same device number" -- daxpool create db3 --size 64M --owner bob
	check_fails "alice's container cannot reach it through db2's node" -- podman exec idle daxio map db2 ro
	podman rm -f -t 1 idle > /dev/null
	check_fails "db2 is no longer offered" -- cdi_spec_of db2

	check "create r1, a ram pool (alice)" -- daxpool create r1 --type ram --size 64M --owner alice
	check "a spec offers r1" -- cdi_spec_of r1
	check "alice's container opens the ram pool by name" -- ctr alice --device daxpool.io/pool=r1 -- daxio map r1 rw write

	rm -f /run/cdi/*.json
	check "activate" -- daxpool activate
	is "activate writes every pool's spec again" \
		"$(for p in db3 other r1; do cdi_spec_of "$p" > /dev/null && echo "$p"; done | tr '\n' ' ')" "db3 other r1 "
	check "db3 gets a pattern for the next boot" -- ctr bob --device daxpool.io/pool=db3 -- daxio map db3 rw pattern 5
	;;
2)
	check "after the reboot (activate at boot), db3 is offered" -- cdi_spec_of db3
	check "bob's container reads db3 by name" -- ctr bob --device daxpool.io/pool=db3 -- daxio map db3 ro verify 5
	check "r1 is offered again" -- cdi_spec_of r1
	clean_slate
	;;
esac
done_testing
