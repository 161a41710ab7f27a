# phases: 3
# timeout: 9000
# Many pools on one region (issue 12): create, list, open by name, chown,
# rename and destroy at that count, udev coldplug of all of them at boot,
# and, with enough of them, the region's label slots running out before
# its space does. The vm suite makes twenty; scripts/bench makes 1000
# (DAXPOOL_VM_SCALE), on a 20 GiB sparse NVDIMM (.nvdimm-gib), and prints
# the figures as bench rows. The label limit is tried only when it is near:
# this group's 256 KiB label area has version 1.2 labels (.cmdline), 256
# bytes each, so it holds about a thousand namespaces (2000 with ndctl's
# default 1.1), and 1000 pools reach it.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
N=${DAXPOOL_SCALE:-20}
big=false
[ "$N" -ge 1000 ] && big=true
state=$DAXPOOL_STATE/scale

# the coldplug of this boot: seconds from trigger to settle, and to the
# newest /dev/daxpool link
coldplug_times() {
	start=$(find /run/coldplug-start -printf '%C@')
	settled=$(find /run/coldplug-settled -printf '%C@')
	last=$(find /dev/daxpool -type l -printf '%C@\n' 2>/dev/null | sort -n | tail -n 1)
	awk -v s="$start" -v e="$settled" -v l="${last:-$start}" \
		'BEGIN { printf "%.3f %.3f\n", e - s, l - s }'
}

if [ "$DAXPOOL_PHASE" = 1 ]; then
	mkdir -p "$state"
	r=$(labeled_regions | head -n 1)
	ms=$(timeit "$N" daxpool create "p%i" --size 4M --no-zero -r "$r") ||
		not_ok "create $N pools"
	diag "create --no-zero, mean over $N pools: $ms ms"
	is "daxpool list shows $N pools" "$(daxpool list | jq length)" "$N"
	is "ndctl sees $N namespaces and the media copy" "$(ndctl list -N -r "$r" | jq length)" $((N + 1))
	is "udev made $N links" "$(ls /dev/daxpool | wc -l)" "$N"
	is "every link leads to its pool's device" \
		"$(daxpool list | jq -r '.[] | "\(.name) /dev/\(.chardev)"' |
			while read -r n d; do [ "$(readlink -f "/dev/daxpool/$n")" = "$d" ] || echo "$n"; done)" ""

	check "chown p$N to alice" -- daxpool chown alice "p$N"
	is "alice maps p$N by name" "$(run_as alice daxio map "p$N" ro | jq -r .ok)" true
	check "rename p1 first" -- daxpool rename p1 first
	is "the new name opens" "$(daxio map first ro | jq -r .ok)" true
	check "destroy p2 and p3" -- sh -c 'daxpool destroy p2 && daxpool destroy p3'
	is "$((N - 2)) pools left" "$(daxpool list | jq length)" $((N - 2))
	check "check is clean at $N pools" -- daxpool check

	# a create among all these against the peer's among the same: a create
	# must not cost more with each pool on the region than ndctl's does
	# (1000 creates once took 86 minutes, when each walked every namespace
	# again to read the new pool back). They alternate, three each.
	ns=$(daxpool list -v "p$N" | jq -r '.[0].namespace_size')
	dps= nds=
	for i in 1 2 3; do
		t=$(timeit 1 daxpool create "x$i" --size 4M --no-zero -r "$r") ||
			not_ok "create x$i among $((N - 2)) pools"
		daxpool destroy "x$i" >/dev/null 2>&1
		u=$(time_peer_create "$r" "$ns" "y$i") ||
			not_ok "ndctl create-namespace y$i among $((N - 2)) pools"
		dps="$dps $t" nds="$nds $u"
	done
	diag "create among $((N - 2)) pools, alternating: daxpool$dps ms; ndctl + settle$nds ms"
	bench_row "create --no-zero 4M among $((N - 2)) pools (mean of 3)" "$(mean $dps)" \
		"ndctl create-namespace -m devdax + udevadm settle" "$(mean $nds)" ms "<=1.1"
	is "still $((N - 2)) pools and namespaces after the timed creates" \
		"$(daxpool list | jq length) $(ndctl list -N -r "$r" | jq length)" "$((N - 2)) $((N - 1))"

	if $big; then
		dl=$(timeit 3 daxpool list)
		nl=$(timeit 3 ndctl list -N)
		bench_row "list, $((N - 2)) pools" "$dl" "ndctl list -N" "$nl" ms "<=1.0"
		# the boot's activate with /etc in place: one walk, like the peer's
		da=$(timeit 3 daxpool activate)
		bench_row "activate, $((N - 2)) pools, /etc in place (mean of 3)" "$da" "ndctl list -N" "$nl" ms "<=1.5"
		check "check is clean after activate at $((N - 2)) pools" -- daxpool check
		check "as alice, p$N among $((N - 2)): bench-map p$N 100" -- run_as alice bench-map "p$N" 100
		diag_file "$CHECK_OUT"
		set -- $(grep '^first ' "$CHECK_OUT"); lib=$2 raw=$3
		bench_row "first map_open in a new process, $((N - 2)) pools" "$lib" "open+mmap in a new process" "$raw" us "<=1.5"
	fi
	# the label area ends long before the space: how far is it?
	dimm=$(cut -d, -f1 "/sys/bus/nd/devices/$r/mapping0")
	free=$(cat "/sys/bus/nd/devices/$dimm/available_slots" 2>/dev/null)
	isnt "the region's DIMM says how many label slots are free" "$free" ""
	case $free in '' | *[!0-9]*) free=999999 ;; esac
	diag "$(daxpool list | jq length) pools; $dimm has $free free label slots"
	if [ "$free" -gt 100 ]; then
		diag "the label limit is about $free pools away: DAXPOOL_VM_SCALE=$((N + free)) reaches it"
	else
		# on to the end of the label area: the space lasts far longer
		i=$N
		while daxpool create "p$((i + 1))" --size 4M --no-zero -r "$r" >/dev/null 2>/tmp/full.err; do
			i=$((i + 1))
			[ $i -lt $((N + 2000)) ] || break
		done
		made=$(daxpool list | jq length)
		diag "the labels ran out at $made pools: $(cat /tmp/full.err)"
		like "create says the labels, not the space, ran out" "$(cat /tmp/full.err)" \
			"no free namespace label: the label area of nmem[0-9]+ is full"
		isnt "... while the region still has space" "$(ndctl list -r "$r" | jq -r '.[0].available_size // .available_size')" 0
		check "a pool can still be renamed (the slot kept for it)" -- daxpool rename first first2
		check "destroying one frees a label" -- daxpool destroy "p$i"
		check "... and create works again" -- daxpool create "p$i" --size 4M --no-zero -r "$r"
		check "check is clean with a full label area" -- daxpool check
	fi
	daxpool list | jq -r '.[].name' | sort > "$state/names"
	echo "$(daxpool list | jq length)" > "$state/count"
elif [ "$DAXPOOL_PHASE" = 2 ]; then
	n=$(cat "$state/count")
	is "after a reboot: $n pools" "$(daxpool list | jq length)" "$n"
	is "... by the same names" "$(daxpool list | jq -r '.[].name' | sort)" "$(cat "$state/names")"
	is "coldplug made all $n links" "$(ls /dev/daxpool | wc -l)" "$n"
	is "alice's pool is hers again" "$(stat -c %U "$(readlink -f "/dev/daxpool/p$N")")" alice
	is "alice maps it by name" "$(run_as alice daxio map "p$N" ro | jq -r .ok)" true
	coldplug_times > "$state/coldplug-with"
	diag "coldplug with daxpool's rule, $n pools: trigger to settle, to last link (s): $(cat "$state/coldplug-with")"
	# the next boot is the peer: the same devices, no daxpool rule
	touch "$DAXPOOL_STATE/next-boot-no-rule"
	ok "the next boot runs without daxpool's rule"
else
	n=$(cat "$state/count")
	is "without the rule: no links" "$(ls /dev/daxpool 2>/dev/null | wc -l)" 0
	set -- $(coldplug_times); peer=$1
	read -r with last < "$state/coldplug-with"
	diag "coldplug without daxpool's rule, $n pools: trigger to settle $peer s"
	bench_row "coldplug of $n pools: trigger to last link" \
		"$(awk -v x="$last" 'BEGIN { print x * 1000 }')" "the same boot without daxpool's rule (trigger to settle)" \
		"$(awk -v x="$peer" 'BEGIN { print x * 1000 }')" ms "<=2.0"
	ok "coldplug measured"
fi
done_testing
