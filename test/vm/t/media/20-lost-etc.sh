# phases: 2
# /etc/daxpool lost for real: phase 2 boots with an empty one (a reinstalled
# OS, a new host for the NVDIMM). Before activate the pools' devices stay
# root-only with no link, and their names are still taken; after it, the
# same pools are back: names, uuids, owners, groups, modes, links, data.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pmem.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
state=$DAXPOOL_STATE/20-lost-etc

case $DAXPOOL_PHASE in
1)
	clean_slate
	check "create keep1 (alice:dba 0640)" -- daxpool create keep1 --size 48M --owner alice --group dba --mode 0640
	check "create keep2 (oracle 0600, align 4K)" -- daxpool create keep2 --size 32M --owner oracle --align 4K
	check "write 0x77 into keep1" -- daxio fill "/dev/$(pool_field keep1 chardev)" 0x77
	check "write 0x3c into keep2" -- daxio fill "/dev/$(pool_field keep2 chardev)" 0x3c
	pool_view keep1 > "$state.keep1"
	pool_view keep2 > "$state.keep2"
	echo fresh > "$DAXPOOL_STATE/next-boot-etc"
	ok "the next boot has an empty /etc/daxpool"
	;;
2)
	is "/etc/daxpool is empty" "$(ls -A /etc/daxpool | wc -l)" 0
	is "list knows nothing before activate" "$(daxpool list)" "[]"
	uuid1=$(jq -r .uuid "$state.keep1")
	dev1=$(ndctl list -N -v | jq -r "[.] | flatten | .[] | select(.uuid == \"$uuid1\") | .daxregion.devices[0].chardev")
	check "keep1's device is there" -- test -n "$dev1"
	is "keep1's device came up root-only" "$(stat -c '%U %G %a' "/dev/$dev1")" "root root 600"
	check_fails "and without a link" -- test -e /dev/daxpool/keep1
	check_fails "its name is still taken" -- daxpool create keep1 --size 16M
	check_fails "check sees what is unregistered" -- daxpool check
	is "two unregistered pools" "$(jq -r '[.[] | select(.problem == "unregistered")] | length' "$CHECK_OUT")" 2
	check "activate" -- daxpool activate
	like "it says it registered keep1" "$(jq -c '.[] | select(.pool == "keep1") | .actions' "$CHECK_OUT")" register
	for n in keep1 keep2; do
		same_pool_as $n "$state.$n"
	done
	check "keep1's data" -- daxio check "/dev/$(pool_field keep1 chardev)" 0x77
	check "keep2's data" -- daxio check "/dev/$(pool_field keep2 chardev)" 0x3c
	check "alice opens keep1 by name" -- run_as alice daxio map keep1 ro
	check "check is clean" -- daxpool check
	check "activate again" -- daxpool activate
	is "a second activate does nothing" "$(jq -c '[.[].actions[]] | length' "$CHECK_OUT")" 0
	check_fails "a duplicate name is still refused" -- daxpool create keep2 --size 16M
	check "destroy both" -- daxpool destroy keep1 keep2
	is "nothing left (the media copy went with the last pool)" "$(ns_count) $(rec_count) $(meta_count)" "0 0 0"
	;;
esac
done_testing
