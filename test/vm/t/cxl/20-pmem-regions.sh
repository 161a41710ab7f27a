# phases: 6
# Pools on CXL pmem regions that the OS made come back after a reboot with
# nothing typed but what the boot runs (daxpool activate): a 1-way region
# on the first persistent memdev and a 2-way interleave over both. Then
# what goes wrong, by boot (the bed's t/cxl/.layouts):
#   2  the two persistent devices trade root ports: memdevs come back under
#      other names, found by serial, and the interleave in its order
#   3  the second one is unplugged: its pool is missing, check names its
#      serial, nothing of the region is half-made, no record is lost
#   4  it is back, but another region took its capacity before activate:
#      the recipe no longer fits and says so, nothing is half-made. Once
#      that region goes its capacity is free, but not the host bridge's
#      decoder it held (decoders are committed and reset in order): the
#      region cannot be made until the next boot, and activate says so
#   5  /etc/daxpool is lost, and the 1-way region was made before activate
#      (as firmware would): the recipes come back from /var/lib/daxpool,
#      the region found is left alone, the other is made, and the pools
#      come back from their media copies
#   6  /etc/daxpool and /var/lib/daxpool are lost: the regions are made
#      again by hand from what the memdevs' label areas say (set size and
#      position), and activate brings the pools back and keeps the recipes
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/cxl.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
state=$DAXPOOL_STATE/20-pmem-regions
A=$CXL_PMEM_SERIAL
B=$CXL_PMEM2_SERIAL

same_pools() {
	local n
	for n in cx1 cx2; do
		same_pool_as $n "$state.$n"
	done
	check "cx1's data, read by alice by name" -- run_as alice daxio map cx1 ro verify 11
	check "cx2's data, read by bob by name (the interleave in its order)" -- \
		run_as bob daxio map cx2 ro verify 22
}

# the two regions, as an administrator makes them with cxl(8): the 1-way
# one first, then the 2-way one with its memdevs in their positions
make_regions() {
	local ma mb root
	ma=$(cxl_memdev "$A")
	mb=$(cxl_memdev "$B")
	root=$(cxl_root_decoder pmem)
	check "cxl create-region: 256 MiB on $ma alone" -- \
		cxl create-region -t pmem -m "$ma" -d "$root" -w 1 -s 256M
	check "cxl create-region: 2-way over $ma and $mb" -- \
		cxl create-region -t pmem -m "$ma" "$mb" -d "$root" -w 2 -g 256 -s 512M
}

# at the next boot, before activate, run this (the guest's init does)
before_next_activate() {
	{
		echo ". $DAXPOOL_TEST_LIB/cxl.sh"
		cat
	} > "$DAXPOOL_STATE/next-boot-before-activate"
}

diag "activate at boot said: $(cat /run/daxpool-activate.err 2>/dev/null)"
cxl_wait_memdevs 2 >/dev/null
case $DAXPOOL_PHASE in
1)
	check "three memdevs appear" -- cxl_wait_memdevs 3
	make_regions
	r1=$(cxl_region_by_serials "$A")
	r2=$(cxl_region_by_serials "$A $B")
	nd1=$(cxl_region_nd "$r1")
	nd2=$(cxl_region_nd "$r2")
	diag "1-way: $r1 ($nd1), 2-way: $r2 ($nd2)"
	check "both are nvdimm regions" -- test -n "$nd1" -a -n "$nd2"
	check "create cx1 on $nd1 (alice 0600)" -- \
		daxpool create cx1 --size 64M --region "$nd1" --owner alice
	check "create cx2 on $nd2 (bob:dba 0640)" -- \
		daxpool create cx2 --size 96M --region "$nd2" --owner bob --group dba --mode 0640
	check "alice writes cx1 by name" -- run_as alice daxio map cx1 rw pattern 11
	check "bob writes cx2 by name" -- run_as bob daxio map cx2 rw pattern 22
	is "a recipe for each region" "$(ls /etc/daxpool/cxl-regions | grep -c '\.json$')" 2
	daxpool list -v cx2 > "$state.v"
	is "list -v: cx2's CXL region" "$(jq -r '.[0].cxl_region' "$state.v")" "$r2"
	is "list -v: cx2's memdevs by position" "$(jq -c '.[0].cxl_memdevs' "$state.v")" "[$A,$B]"
	is "list -v: cx1's memdev" "$(daxpool list -v cx1 | jq -c '.[0].cxl_memdevs')" "[$A]"
	pool_view cx1 > "$state.cx1"
	pool_view cx2 > "$state.cx2"
	check "check is clean" -- daxpool check
	;;
2)
	diag "the persistent devices traded root ports"
	is "both regions are back" "$(cxl_pmem_regions | grep -c .)" 2
	check "the 1-way region, by serial" -- cxl_region_by_serials "$A"
	check "the 2-way region, same positions" -- cxl_region_by_serials "$A $B"
	same_pools
	check "check is clean" -- daxpool check
	is "list -v names the region the kernel gave it this time" \
		"$(daxpool list -v cx2 | jq -r '.[0].cxl_region')" "$(cxl_region_by_serials "$A $B")"
	;;
3)
	check "the second persistent memdev is absent" -- test -z "$(cxl_memdev "$B")"
	is "cx1 is active" "$(pool_field cx1 state)" active
	is "cx2 is missing" "$(pool_field cx2 state)" missing
	like "activate at boot said which memdev is absent" \
		"$(cat /run/daxpool-activate.err)" "0x$(printf %x "$B") [(]position 1[)] is absent"
	check_fails "check finds cx2 missing" -- daxpool check
	like "check names the absent memdev's serial" \
		"$(jq -r '.[] | select(.pool == "cx2") | .detail' "$CHECK_OUT")" \
		"memdev 0x$(printf %x "$B") [(]position 1[)] is absent"
	is "cx2's record is kept" "$(ls /etc/daxpool/pools | grep -c '\.json$')" 2
	is "one region: nothing of the 2-way one is made" "$(cxl_pmem_regions | grep -c .)" 1
	is "the first memdev hands out only the 1-way region's capacity" \
		"$(cxl_dpa_sizes "$A")" "256 0 0 0"
	check "cx1's data" -- run_as alice daxio map cx1 ro verify 11
	# next boot, before activate: another region takes the second
	# memdev's capacity, where the 2-way region had its share
	before_next_activate <<-'EOF'
		cxl create-region -t pmem -m "$(cxl_memdev "$CXL_PMEM2_SERIAL")" \
			-d "$(cxl_root_decoder pmem)" -w 1 -s 256M
	EOF
	;;
4)
	is "two regions: cx1's and the intruder's" "$(cxl_pmem_regions | grep -c .)" 2
	like "activate at boot said the recipe no longer fits" \
		"$(cat /run/daxpool-activate.err)" "no longer fits"
	is "cx2 is missing" "$(pool_field cx2 state)" missing
	is "nothing half-made on the first memdev" "$(cxl_dpa_sizes "$A")" "256 0 0 0"
	is "the second memdev holds only the intruder" "$(cxl_dpa_sizes "$B")" "256 0 0 0"
	is "both records are kept" "$(ls /etc/daxpool/pools | grep -c '\.json$')" 2
	intruder=$(cxl_region_by_serials "$B")
	check "the intruder goes (cxl destroy-region $intruder)" -- cxl destroy-region -f "$intruder"
	is "its capacity is free again" "$(cxl_dpa_sizes "$B")" "0 0 0 0"
	check "activate" -- daxpool activate
	like "it says the region cannot be made this boot" "$(cat "$CHECK_OUT")" \
		"cannot make CXL region .*busy"
	is "nothing half-made on the first memdev" "$(cxl_dpa_sizes "$A")" "256 0 0 0"
	is "nor on the second" "$(cxl_dpa_sizes "$B")" "0 0 0 0"
	is "cx2 is still missing, its record kept" "$(pool_field cx2 state)" missing
	# next boot: /etc/daxpool lost, and before activate the 1-way region
	# is made as it was (as firmware would make a region it committed)
	echo fresh > "$DAXPOOL_STATE/next-boot-etc"
	before_next_activate <<-'EOF'
		cxl create-region -t pmem -m "$(cxl_memdev "$CXL_PMEM_SERIAL")" \
			-d "$(cxl_root_decoder pmem)" -w 1 -s 256M
	EOF
	;;
5)
	is "two regions: activate left the one it found alone" "$(cxl_pmem_regions | grep -c .)" 2
	for n in cx1 cx2; do
		like "activate at boot registered $n again from its media copy" \
			"$(jq -c --arg n $n '.[] | select(.pool == $n) | .actions' /run/daxpool-activate.json)" register
	done
	same_pools
	is "the recipes are in /etc again" "$(ls /etc/daxpool/cxl-regions | grep -c '\.json$')" 2
	check "check is clean" -- daxpool check
	echo fresh-all > "$DAXPOOL_STATE/next-boot-etc"
	;;
6)
	is "no region was made at boot: no recipe is left anywhere" "$(cxl_pmem_regions | grep -c .)" 0
	is "daxpool knows no pool" "$(daxpool list)" "[]"
	# what the label areas say: for each CXL nvdimm, the interleave sets
	# its namespaces belong to, as "nlabel:position"
	for n in $(cxl_nmems); do
		ndctl read-labels -j "$n" 2>/dev/null |
			jq -r '[.] | flatten | .[].label[]? | select(.nlabel > 0) | "\(.nlabel):\(.position)"' |
			sort -u | tr '\n' ' ' > "$state.sets.$n"
		diag "$n: sets $(cat "$state.sets.$n")"
	done
	is "one label area holds a 1-way set and position 0 of a 2-way one, the other position 1" \
		"$(for f in "$state".sets.*; do cat "$f"; echo; done | sort | tr '\n' '|')" "1:0 2:0 |2:1 |"
	# 7.x names each nvdimm's memdev (cxl/provider); 6.1 does not
	if na=$(cxl_nmem "$A") && nb=$(cxl_nmem "$B"); then
		is "it is the first memdev (by serial) that holds both" "$(cat "$state.sets.$na")" "1:0 2:0 "
		is "and the second holds position 1" "$(cat "$state.sets.$nb")" "2:1 "
	fi
	make_regions
	check "activate" -- daxpool activate
	same_pools
	is "the recipes are kept again, in /etc" "$(ls /etc/daxpool/cxl-regions | grep -c '\.json$')" 2
	is "and in /var/lib" "$(ls /var/lib/daxpool/cxl-regions | grep -c '\.json$')" 2
	check "check is clean" -- daxpool check
	check "destroy both pools" -- daxpool destroy cx1 cx2
	is "their regions' recipes went with the last pool on each" \
		"$(ls /etc/daxpool/cxl-regions /var/lib/daxpool/cxl-regions | grep -c '\.json$')" 0
	# a device takes its capacity back in the reverse order it gave it
	check "the 2-way region goes" -- cxl destroy-region -f "$(cxl_region_by_serials "$A $B")"
	check "the 1-way region goes" -- cxl destroy-region -f "$(cxl_region_by_serials "$A")"
	is "no region left" "$(cxl_pmem_regions | grep -c .)" 0
	;;
esac
done_testing
