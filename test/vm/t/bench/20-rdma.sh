# timeout: 900
# Issue 5's benchmark: how long ibv_reg_mr takes on a 256 MiB pool (2M
# align) against 256 MiB of anonymous 4K memory and of hugetlbfs 2M memory.
# Figures, not assertions (run with scripts/bench).
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

check "create a 256 MiB pool, align 2M" -- daxpool create rb --size 256M --align 2M --no-zero || done_testing
echo 128 > /proc/sys/vm/nr_hugepages
is "128 huge pages of 2 MiB" "$(cat /proc/sys/vm/nr_hugepages)" 128
check "bench-reg-mr, 5 repetitions each" -- bench-reg-mr rb 5 256
diag_file "$CHECK_OUT"
echo 0 > /proc/sys/vm/nr_hugepages
check "destroy the pool" -- daxpool destroy rb
done_testing
