# timeout: 1200
# Issue 11's figures: activate re-creating 50 ram pools against 50
# `daxctl create-device` calls, and a ram pool's zeroing against memset on
# the same mapping. The boot is stood in for by taking every device of the
# region away with daxctl (what a reboot leaves: no pool's device), so both
# figures come from one run. Figures, not assertions (scripts/bench).
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
rid=$(daxctl list -R | jq -r '[.] | flatten | map(select(.path | test("hmem"))) | .[0].id')
gone() { daxctl disable-device -r "$rid" all >/dev/null 2>&1; daxctl destroy-device -r "$rid" all >/dev/null 2>&1; }

make_pools 50 r --type ram --size 4M --no-zero
is "50 ram pools" "$(daxpool list | jq '[.[] | select(.type == "ram")] | length')" 50
gone
is "after the stand-in boot all 50 are inactive" "$(daxpool list | jq '[.[] | select(.state == "inactive")] | length')" 50
act=$(timeit 1 daxpool activate)
is "activate re-created all 50" "$(daxpool list | jq '[.[] | select(.state == "active")] | length')" 50
for i in $(seq 50); do daxpool destroy r$i >/dev/null 2>&1; done
gone
dc=$(timeit 50 daxctl create-device -r "$rid" -s 4M)
gone
bench_row "activate re-creating 50 ram pools" "$act" "50 x daxctl create-device -s 4M" "$(echo "$dc" | awk '{printf "%.1f", $1 * 50}')" ms ""
ok "ram activate timings"

daxpool create z --type ram --size 256M --no-zero >/dev/null
# libpmem2 1.12 cannot map a device outside the nvdimm bus (it dies of a
# NULL dereference after its libndctl search): memset is the peer here
check "bench-zero on a ram pool, best of 3" -- bench-zero "/dev/$(pool_field z chardev)" 3 nopmem2
diag_file "$CHECK_OUT"
set -- $(grep '^zero ' "$CHECK_OUT")
bench_row "zeroing a 256M ram pool (MiB/s)" "$2" "memset on a mapping faulted once" "$4" "MiB/s" ">=1.0" "libpmem2 1.12 crashes on a dax device outside the nvdimm bus (hmem), so it is no peer here"
daxpool destroy z >/dev/null
done_testing
