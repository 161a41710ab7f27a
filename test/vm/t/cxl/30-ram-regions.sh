# phases: 2
# ram pools on a CXL RAM region that the OS made (6.3 and later; Debian 12's
# cxl(8) cannot make one, so this goes through the kernel's region sysfs as
# cxl(8) would): refused while the region's memory is online as System
# RAM, carved once it is device-DAX again, and back after a reboot with
# their owners, modes and links, the region made again by the boot's
# activate. The guest boots with memhp_default_state=offline (.cmdline),
# as daxpool(1) says a host must for ram pools on 6.12 and later.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/cxl.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
state=$DAXPOOL_STATE/30-ram-regions
R=$CXL_RAM_SERIAL

root=$(cxl_root_decoder ram)
if [ ! -e "/sys/bus/cxl/devices/$root/create_ram_region" ]; then
	skip "this kernel ($(uname -r)) makes no CXL RAM regions (6.3 and later do)"
	done_testing
fi

# the dax region of CXL region $1 (dax_regionN), once dax_cxl made it
# with its device daxN.0 under it
dax_region_of() {
	local i=0 d n
	while [ $i -lt 40 ]; do
		for d in /sys/bus/cxl/devices/$1/dax_$1/dax[0-9]*; do
			[ -e "$d" ] || continue
			n=$(basename "$d")
			n=${n#dax}
			echo "dax_region${n%%.*}"
			return 0
		done
		sleep 0.25
		i=$((i + 1))
	done
	return 1
}

case $DAXPOOL_PHASE in
1)
	cxl_wait_memdevs 3 >/dev/null
	r=$(cxl_make_ram_region "$R" $((512 << 20)))
	check "a 512 MiB RAM region on the volatile memdev (sysfs)" -- test -n "$r"
	dr=$(dax_region_of "$r")
	diag "RAM region $r is $dr: $(daxctl list -R -D | jq -c .)"
	check "it is a dax region" -- test -n "$dr"
	dev=dax${dr#dax_region}.0
	diag "its device: $dev"
	check "its memory put online as System RAM (by hand here)" -- daxctl online-memory "$dev"
	check_fails "a ram pool there is refused while it is System RAM" -- \
		daxpool create rr --type ram --size 64M --region "$dr" --owner alice
	like "with the message hmem gets" "$(cat "$CHECK_OUT")" "online as System RAM"
	check "given back as device-DAX" -- daxctl reconfigure-device --mode=devdax --force "$dev"
	check "create rr on $dr (alice 0600)" -- \
		daxpool create rr --type ram --size 64M --region "$dr" --owner alice
	check "create rs on $dr (bob:dba 0660)" -- \
		daxpool create rs --type ram --size 32M --region "$dr" --owner bob --group dba --mode 0660
	check "alice writes rr by name" -- run_as alice daxio map rr rw pattern 33
	is "a recipe for the RAM region" "$(grep -l '"mode": "ram"' /etc/daxpool/cxl-regions/*.json | grep -c .)" 1
	is "list -v: rr's memdev" "$(daxpool list -v rr | jq -c '.[0].cxl_memdevs')" "[$R]"
	is "list -v: rr's CXL region" "$(daxpool list -v rr | jq -r '.[0].cxl_region')" "$r"
	pool_view rr > "$state.rr"
	pool_view rs > "$state.rs"
	check "check is clean" -- daxpool check
	;;
2)
	r=$(cxl_region_by_serials "$R")
	check "the RAM region is back" -- test -n "$r"
	for n in rr rs; do
		same_pool_as $n "$state.$n"
	done
	check "alice opens rr by name and writes it" -- run_as alice daxio map rr rw pattern 44
	check "and reads it back" -- run_as alice daxio map rr ro verify 44
	check_fails "bob cannot open rr" -- run_as bob daxio map rr ro
	check "check is clean" -- daxpool check
	check "destroy rr and rs" -- daxpool destroy rr rs
	is "the RAM region's recipe went with its last pool" \
		"$(grep -l '"mode": "ram"' /etc/daxpool/cxl-regions/*.json 2>/dev/null | grep -c .)" 0
	;;
esac
done_testing
