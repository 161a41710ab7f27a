# Opening a pool by name against opening its device (issues 4 and 12):
# repeated in one process, and the first open in a new process. The
# scaling group (t/scale) measures the first open again with many pools.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
daxpool create m --size 64M --owner alice --mode 0600 --no-zero >/dev/null
check "as alice, the only pool: bench-map m 1000" -- run_as alice bench-map m 1000
diag_file "$CHECK_OUT"
set -- $(grep '^repeat ' "$CHECK_OUT"); lib=$2 raw=$3
bench_row "map_open+close, repeated" "$lib" "open+mmap+munmap+close" "$raw" us "<=1.2"
set -- $(grep '^first ' "$CHECK_OUT"); lib=$2 raw=$3
bench_row "first map_open in a new process, 1 pool" "$lib" "open+mmap in a new process" "$raw" us "<=1.5"
clean_slate
done_testing
