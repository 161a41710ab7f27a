# phases: 2
# (runs last in its group: the other scenarios start from a clean slate)
# owner, group, mode and /dev/daxpool/NAME come from udev: after create,
# after a change event, after a reboot (coldplug); a corrupt record leaves
# the device root-only
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
HELPER=/lib/udev/daxpool-udev

# node_is POOL "OWNER GROUP MODE": the node and the link as udev left them
node_is() {
	dev=$(pool_field "$1" chardev)
	is "$1: node /dev/$dev is $2" "$(stat -c '%U %G %a' "/dev/$dev")" "$2"
	is "$1: /dev/daxpool/$1 points at /dev/$dev" "$(readlink -f "/dev/daxpool/$1")" "/dev/$dev"
}

if [ "$DAXPOOL_PHASE" = 1 ]; then
	clean_slate
	check "create shared (alice:dba 0660)" -- daxpool create shared --size 32M --owner alice --group dba --mode 0660
	node_is shared "alice dba 660"
	check "no warning on create (udev did the work)" -- test ! -s /dev/null
	dev=$(pool_field shared chardev)
	check "udevadm trigger --action=change" -- udevadm trigger --action=change "/sys/bus/dax/devices/$dev"
	udevadm settle
	node_is shared "alice dba 660"

	out=$($HELPER "$dev")
	is "helper exports the five keys for a pool" "$(echo "$out" | cut -d= -f1 | tr '\n' ' ')" \
		"DAXPOOL_NAME DAXPOOL_UUID DAXPOOL_OWNER DAXPOOL_GROUP DAXPOOL_MODE "
	like "helper exports mode 0660" "$out" 'DAXPOOL_MODE=0660'
	check "destroy shared" -- daxpool destroy shared
	hmem=$(ls /sys/bus/dax/devices | while read d; do readlink -f /sys/bus/dax/devices/$d | grep -q hmem && echo $d; done | head -n 1)
	if [ -n "$hmem" ]; then
		is "helper exports nothing for the hmem device $hmem" "$($HELPER "$hmem")" ""
		is "hmem device left root 0600" "$(stat -c '%U %a' "/dev/$hmem")" "root 600"
	else
		not_ok "the bed has an hmem dax device"
	fi
	r=$(labeled_regions | head -n 1)
	check "a devdax namespace that is no pool (ndctl)" -- ndctl create-namespace -r "$r" -m devdax -s 32M -n notapool
	plain=$(jq -r .daxregion.devices[0].chardev "$CHECK_OUT")
	is "helper exports nothing for it" "$($HELPER "$plain")" ""
	is "it stays root 0600" "$(stat -c '%U %a' "/dev/$plain")" "root 600"
	is "helper exports nothing for junk names" "$($HELPER '../../etc/passwd'; $HELPER dax99.99)" ""
	check "helper exits 0 without arguments" -- $HELPER
	ndctl list -N | jq -r '[.] | flatten | .[] | select(.name == "notapool") | .dev' |
		while read ns; do ndctl destroy-namespace -f "$ns" >/dev/null 2>&1; done

	# what phase 2 checks after a reboot
	check "create cold (bob:dba 0640)" -- daxpool create cold --size 32M --owner bob --group dba --mode 0640
	check "create broken" -- daxpool create broken --size 32M --owner alice --mode 0666
	uuid=$(pool_field broken uuid)
	echo "$uuid" > "$DAXPOOL_STATE/broken.uuid"
	# damage broken's record: after the reboot udev must leave it root-only
	printf '{"version": 1, "name": "bro' > "$REGISTRY/$uuid.json"
	out=$($HELPER "$(pool_field cold chardev)")
	like "helper still works for the others" "$out" DAXPOOL_NAME=cold
	sync
	done_testing
fi

# phase 2: coldplug after a reboot
node_is cold "bob dba 640"
uuid=$(cat "$DAXPOOL_STATE/broken.uuid")
ns=$(ndctl list -N | jq -c "[.] | flatten | .[] | select(.uuid == \"$uuid\")")
dev=$(echo "$ns" | jq -r .chardev)
is "broken: the namespace came back" "$(echo "$ns" | jq -r .name)" broken
is "broken: with a corrupt record the node stays root 0600" "$(stat -c '%U %G %a' "/dev/$dev")" "root root 600"
check_fails "broken: no /dev/daxpool/broken link" -- test -e /dev/daxpool/broken
is "broken: the helper exports nothing" "$($HELPER "$dev")" ""
daxpool list > /tmp/l.out 2> /tmp/l.err
like "list reports the corrupt record" "$(cat /tmp/l.err)" "$uuid"
is "list shows the good pool" "$(jq -r '[.[].name] | join(",")' /tmp/l.out)" cold
rm -f "$REGISTRY/$uuid.json"
ndctl destroy-namespace -f "$(echo "$ns" | jq -r .dev)" >/dev/null 2>&1
check "destroy cold" -- daxpool destroy cold
check_fails "the link goes with the device" -- test -e /dev/daxpool/cold
done_testing
