# phases: 22
# timeout: 240
# A power cut at every step where create, destroy, rename, chown and chmod
# write state. The list of points is the library's own (cut-points prints
# the table of lib/util/cut-point.c, where the journal takes each one from), one
# phase a point, plus this header's first: a new point fails phase 1 until
# the phase count grows, and fails verify until its case says what a cut
# there must leave. Phase 1 traces a run of every verb (DAXPOOL_CUT_TRACE)
# and checks that it passes exactly the listed points and makes no durable
# write outside the journal. Phase k cuts the power at point k
# (DAXPOOL_CUT_AT: the library prints DAXPOOL-CUT and waits; the bed kills
# QEMU); phase k+1 boots on the same NVDIMM and state disk, runs activate
# and asserts: a clean check, no half pool, nothing leaked, the change
# either whole or undone as the media copy says, the committed pool
# "keeper" intact with its data and owner, and no device with old bytes
# readable by its owner.
# Needs a build with -Dcut_points=true (scripts/setup makes one).
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pmem.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
state=$DAXPOOL_STATE/cuts

POINTS=$(cut-points | tr '\n' ' ')
if [ -z "$POINTS" ]; then
	not_ok "cut-points lists the library's cut points"
	done_testing
fi
point() { echo $POINTS | tr ' ' '\n' | sed -n "${1}p"; }

pools() { daxpool list | jq -r '[.[].name] | sort | join(" ")'; }

keeper() {
	check "create keeper (alice 0640)" -- daxpool create keeper --size 32M --owner alice --mode 0640 &&
	check "keeper holds 0x5a" -- daxio fill "/dev/$(pool_field keeper chardev)" 0x5a
}

# the space the next pool will get holds 0xab first: a pool cut short
# before its zeroing finished must never show these bytes to its owner
stale_bytes() {
	check "filler takes the space the cut pool will get" -- daxpool create filler --size 64M --no-zero &&
	check "fill it with 0xab" -- daxio fill "/dev/$(pool_field filler chardev)" 0xab &&
	check "and let it go" -- daxpool destroy filler
}

cut_at() { # POINT CMD...: run CMD with the power cut at POINT
	p=$1
	shift
	echo "$p" > "$state.point"
	sync
	ok "cutting the power at $p"
	DAXPOOL_CUT_AT=$p "$@" > /dev/null 2>&1
	not_ok "$p: the change ran past its cut point (exit $?)"
	done_testing
}

# ------------------------------------------------------------- after a cut
verify() {
	p=$(cat "$state.point")
	diag "after the cut at $p"
	# at boot, before activate: whatever alice can open holds no old bytes
	for d in /dev/dax*; do
		[ -e "$d" ] || continue
		run_as alice daxio any "$d" 0xab > /dev/null 2>&1
		[ $? = 0 ] && not_ok "$p: at boot, before activate, alice reads old bytes through $d"
	done
	check "$p: activate" -- daxpool activate
	check "$p: check is clean" -- daxpool check
	# what a cut at each point must leave, point by point: one that is
	# not named here fails, so a new point comes with its outcome
	case $p in
	create:intent-etc|create:intent-media|create:namespace-labeled) want= ;;
	create:provisioned|create:zeroing) want= ;;
	media:namespace|media:first-slot|media:emptied) want= ;;
	create:commit-media|create:commit-etc) want="cut" ;;
	chown:media|chown:etc|chmod:media|chmod:etc) want="keeper target" ;;
	rename:media|rename:etc|rename:label) want="keeper tnew" ;;
	# the media copy is the truth: a destroy that never reached it did
	# not happen (the pool stays, whole); once it did, it is finished
	destroy:intent-etc) want="keeper target" ;;
	destroy:intent-media|destroy:released|destroy:media-dropped)
		want="keeper" ;;
	*)
		not_ok "$p: verify() does not say what a cut at this point must leave"
		want="(unknown)" ;;
	esac
	is "$p: the pools are what the media says" "$(pools)" "$want"
	n=$(daxpool list | jq length)
	is "$p: nothing leaked: namespaces = records = pools, one media copy if any pool" \
		"$(ns_count) $(rec_count) $(meta_count)" "$n $n $((n > 0 ? 1 : 0))"
	case $p in
	create:commit-*)
		is "$p: cut is alice's, 0640, active" "$(pool_field cut owner) $(pool_field cut mode) $(pool_field cut state)" "alice 0640 active"
		check "$p: and zeroed (its zeroing was done before the commit)" -- \
			daxio check "/dev/$(pool_field cut chardev)" 0x00 ;;
	chown:*) is "$p: the chown took effect (media first)" "$(pool_field target owner)" bob ;;
	chmod:*) is "$p: the chmod took effect" "$(pool_field target mode)" 0640 ;;
	rename:*)
		is "$p: renamed, label too" "$(daxpool list -v tnew | jq -r '.[0].label')" tnew
		check "$p: the link follows" -- test -e /dev/daxpool/tnew ;;
	esac
	if [ -n "$(daxpool list keeper 2>/dev/null | jq -r '.[0].name // empty')" ]; then
		is "$p: keeper is intact" "$(stat -c '%U %04a' "$(readlink -f /dev/daxpool/keeper)")" "alice 0640"
		check "$p: keeper's data" -- daxio check "/dev/$(pool_field keeper chardev)" 0x5a
	fi
	for d in /dev/dax*; do
		[ -e "$d" ] || continue
		run_as alice daxio any "$d" 0xab > /dev/null 2>&1
		[ $? = 0 ] && not_ok "$p: after activate, alice reads old bytes through $d"
	done
	check "$p: a second activate finds nothing to do" -- sh -c \
		'daxpool activate | jq -e "[.[].actions[]] | length == 0"'
	clean_slate
	is "$p: the region is empty again" "$(ns_count) $(rec_count) $(meta_count)" "0 0 0"
}

# ------------------------------------------------------------- set up a cut
cut_for() { # the Kth point
	p=$(point "$1")
	case $p in
	create:*|media:namespace|media:first-slot)
		stale_bytes
		cut_at "$p" daxpool create cut --size 64M --owner alice --mode 0640 ;;
	chown:*|chmod:*|rename:*|destroy:*)
		keeper
		check "create target" -- daxpool create target --size 32M ;;
	media:emptied)
		check "create target" -- daxpool create target --size 32M ;;
	*)
		not_ok "$p: cut_for() runs no change that passes this point"
		done_testing ;;
	esac
	case $p in
	chown:*) cut_at "$p" daxpool chown bob target ;;
	chmod:*) cut_at "$p" daxpool chmod 0640 target ;;
	rename:*) cut_at "$p" daxpool rename target tnew ;;
	destroy:*|media:emptied) cut_at "$p" daxpool destroy target ;;
	esac
}

if ! grep -q 'DAXPOOL_CUT_AT' "$(command -v daxpool)" "$(ldconfig -p | sed -n 's/.*libdaxpool.so.1 .*=> //p' | head -n 1)" 2>/dev/null; then
	skip "power cuts" "daxpool was built without -Dcut_points=true"
	done_testing
fi

if [ "$DAXPOOL_PHASE" = 1 ]; then
	clean_slate
	rm -f /tmp/trace
	check "trace: create, chown, chmod, rename, destroy of a region's only pool" -- sh -c '
		export DAXPOOL_CUT_TRACE=/tmp/trace
		daxpool create t --size 32M && daxpool chown bob t && daxpool chmod 0640 t &&
		daxpool rename t t2 && daxpool destroy t2'
	is "the run passes every point cut-points lists, and no other" \
		"$(cut -d' ' -f1 /tmp/trace | grep -v -e ':start$' -e '^time:' -e '^unjournaled:' | sort -u | tr '\n' ' ')" "$(echo $POINTS | tr ' ' '\n' | sort | tr '\n' ' ')"
	is "every durable write is the journal's (none without its cut)" \
		"$(grep '^unjournaled:' /tmp/trace | cut -d' ' -f1 | sort -u | tr '\n' ' ')" ""
	is "one phase a point, and the first (the header's phases)" \
		"$(sed -n 's/^# phases: *//p' "$0")" "$(($(echo $POINTS | wc -w) + 1))"
	cut_for 1
fi
verify
n=$(echo $POINTS | wc -w)
if [ "$DAXPOOL_PHASE" -le "$n" ]; then
	cut_for "$DAXPOOL_PHASE"
fi
done_testing
