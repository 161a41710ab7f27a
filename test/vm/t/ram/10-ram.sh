# phases: 2
# timeout: 400
# ram pools on the bed's soft-reserved range (a dynamic dax region, as CXL
# RAM would be): carved with libdaxctl, owned and opened by name like pmem
# pools, and re-created at the next boot on exactly their physical ranges
# by activate (run at boot here as daxpool-activate.service would:
# t/ram/.activate-at-boot), with no command typed. The group boots with
# memhp_default_state=offline (t/ram/.cmdline): 6.12 binds the range to
# kmem at boot, and daxpool carves it only once it is not online RAM.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pmem.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
state=$DAXPOOL_STATE/ram

ranges() { daxpool list "$1" | jq -r '.[0].chardev' | xargs -I{} sh -c \
	"daxctl list -d {} -M | jq -r '[.] | flatten | .[0].mappings | map(\"\(.start)-\(.end)\") | join(\",\")'"; }
view() { daxpool list "$1" | jq -c '.[0] | {name, uuid, type, size, align, region, owner, group, mode, path, state}'; }

case $DAXPOOL_PHASE in
1)
	clean_slate
	diag "$(daxctl list -R -D | tr -d '\n\t ')"
	check "create r1 --type ram (alice 0640)" -- daxpool create r1 --type ram --size 64M --owner alice --mode 0640 || done_testing
	is "list: type ram, active" "$(pool_field r1 type) $(pool_field r1 state)" "ram active"
	like "its region is the dynamic dax region" "$(pool_field r1 region)" '^dax_region[0-9]+$'
	dev=$(pool_field r1 chardev)
	is "its node is alice's, 0640" "$(stat -c '%U %a' /dev/$dev)" "alice 640"
	is "the link" "$(readlink -f /dev/daxpool/r1)" "/dev/$dev"
	is "at least 64M" "$(( $(pool_field r1 size) >= 64 << 20 ))" 1
	check "zeroed at create (alice reads zeroes through the link's device)" -- run_as alice daxio check /dev/$dev 0x00
	check "create p1, a pmem pool beside it" -- daxpool create p1 --size 32M
	check "alice opens r1 by name, writes and reads" -- run_as alice daxio map r1 rw write
	check "alice registers all of r1 for RDMA (plain ibv_reg_mr on hmem device-DAX)" -- run_as alice daxpool rdma-check r1
	check "bob may not open it" -- sh -c '! run_as bob daxio map r1 ro'

	: > /tmp/hold.out
	run_as alice daxio map r1 ro hold > /tmp/hold.out 2>&1 &
	wait_for_in /tmp/hold.out '"ok":true'
	pid=$(jq -r .pid /tmp/hold.out)
	check_fails "destroy r1 while alice maps it: refused" -- daxpool destroy r1
	like "busy, with her pid" "$(cat "$CHECK_OUT")" "busy.*$pid"
	is "and r1 is still active" "$(pool_field r1 state)" active
	kill "$pid"; wait_exit "$pid"

	# fragment the region: a hole, and d into it
	for n in a b c; do check "create $n" -- daxpool create $n --type ram --size 32M; done
	hole=$(ranges b)
	check "destroy b" -- daxpool destroy b
	check "create d into b's hole" -- daxpool create d --type ram --size 32M
	is "d has b's old place" "$(ranges d)" "$hole"

	check_fails "--type bogus is refused" -- daxpool create x --type bogus --size 32M
	like "saying what types there are" "$(cat "$CHECK_OUT")" "pmem or ram"
	check_fails "more than the region has free: refused" -- daxpool create x --type ram --size 1G
	like "saying the largest free extent" "$(cat "$CHECK_OUT")" "largest free extent: [0-9]+ MiB in dax_region"
	pid_region=$(nd_items ndctl list -N -v | jq -r 'select(.name == "p1") | .daxregion.id')
	check_fails "a static region (p1's devdax namespace) is refused" -- daxpool create x --type ram --size 16M --region "$pid_region"
	like "saying it cannot be carved" "$(cat "$CHECK_OUT")" "static dax region"
	is "refusals left nothing behind" "$(daxpool list | jq -r '[.[].name] | sort | join(" ")')" "a c d p1 r1"

	check_ok_or_refused() { # an align the region may not support
		if daxpool create x --type ram --size 32M --align 4K > /tmp/x.out 2>&1; then
			ok "align 4K: the region supports it"
			daxpool destroy x >/dev/null
		else
			like "align 4K: refused, saying so" "$(cat /tmp/x.out)" "does not support align"
		fi
	}
	check_ok_or_refused
	check "chown, chmod, rename a ram pool (registry only)" -- sh -c \
		'daxpool chown bob a && daxpool chmod 0660 a && daxpool rename a a2'
	is "the node follows" "$(stat -c '%U %a' "$(readlink -f /dev/daxpool/a2)")" "bob 660"
	check "and back" -- sh -c 'daxpool rename a2 a && daxpool chown root a && daxpool chmod 0600 a'
	check "check is clean" -- daxpool check
	for n in r1 a c d; do
		view $n > "$state.$n"
		ranges $n > "$state.$n.ranges"
	done
	check "destroy c (its space goes back)" -- daxpool destroy c
	ok "rebooting: the region comes back as one device; activate must re-create r1, a and d"
	;;
2)
	like "activate ran at boot and re-created the pools" "$(jq -c '[.[] | select(.actions | index("recreate"))] | map(.pool) | sort' /run/daxpool-activate.json)" '"a".*"d".*"r1"'
	for n in r1 a d; do
		is "$n: the same pool (name, uuid, owner, mode, link, state)" "$(view $n)" "$(cat "$state.$n")"
		is "$n: on exactly its ranges" "$(ranges $n)" "$(cat "$state.$n.ranges")"
		is "$n: its node's owner and mode" "$(stat -c '%U %04a' "$(readlink -f /dev/daxpool/$n)")" \
			"$(jq -r '"\(.owner) \(.mode)"' "$state.$n")"
	done
	is "d is still in b's old place" "$(ranges d)" "$(cat "$state.d.ranges")"
	is "c stays gone" "$(daxpool list | jq '[.[] | select(.name == "c")] | length')" 0
	is "p1 (pmem) is there too" "$(pool_field p1 state)" active
	check "alice opens r1 by name after the reboot" -- run_as alice daxio map r1 rw write
	is "... through its link, enumerating nothing" "$(traced_map alice r1 | jq -r .name) $(open_enumerated)" "r1 "
	check "and pins it for RDMA" -- run_as alice daxpool rdma-check r1
	check "check is clean" -- daxpool check
	check "activate again: nothing to do" -- sh -c 'daxpool activate | jq -e "[.[].actions[]] | length == 0"'
	# a range that is no longer free: that pool stays inactive, says why,
	# and comes back once the range is free again
	rid=$(daxctl list -R | jq -r '[.] | flatten | map(select(.path | test("hmem"))) | .[0].id')
	check "create e" -- daxpool create e --type ram --size 32M
	edev=$(pool_field e chardev)
	check "a boot's worth of loss for e: its device goes" -- sh -c \
		"daxctl disable-device $edev && daxctl destroy-device $edev"
	is "e is inactive" "$(pool_field e state)" inactive
	check "a plain device takes all the free space, e's range with it" -- \
		sh -c "daxctl create-device -r $rid > /tmp/plain.json"
	plain=$(jq -r '[.] | flatten | .[0].chardev' /tmp/plain.json)
	check_fails "activate cannot bring e back (exit 1)" -- sh -c 'daxpool activate > /tmp/act.json'
	is "it says e is still inactive" "$(jq -c '.[] | select(.pool == "e") | .problems' /tmp/act.json)" '["inactive"]'
	is "while the others are fine" "$(jq -c '[.[] | select(.pool != "e") | .problems[]] | length' /tmp/act.json)" 0
	check_fails "check --repair gives the reason" -- sh -c 'daxpool check --repair e > /tmp/chk.json'
	like "the range is no longer free" "$(jq -r '.[0].failure' /tmp/chk.json)" "no longer free"
	check "the plain device goes" -- sh -c "daxctl disable-device $plain && daxctl destroy-device $plain"
	check "activate brings e back" -- daxpool activate
	is "e is active" "$(pool_field e state)" active
	check "destroy them all" -- daxpool destroy r1 a d p1 e
	is "nothing left" "$(daxpool list)" "[]"

	# the region's memory online as System RAM: refused, and said so
	dev=$(daxctl create-device -r "$rid" -s 128M 2>/dev/null | jq -r '[.] | flatten | .[0].chardev')
	if [ -n "$dev" ] && [ "$dev" != null ] &&
	   { echo offline > /sys/devices/system/memory/auto_online_blocks; true; } &&
	   daxctl reconfigure-device --mode=system-ram "$dev" >/dev/null 2>&1; then
		check_fails "a region online as System RAM is refused" -- daxpool create k --type ram --size 32M
		like "saying kmem" "$(cat "$CHECK_OUT")" "online as System RAM"
	else
		skip "kmem refusal" "could not online a test device as System RAM here"
	fi
	;;
esac
done_testing
