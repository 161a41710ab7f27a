# libdaxpool-rdma and daxpool rdma-check: an unprivileged owner pins the
# whole pool; everyone else gets a clear refusal.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

check "create r1" -- daxpool create r1 --size 64M --owner alice --group dba --mode 0660 || done_testing
size=$(pool_field r1 size)

check "rdma-check as the owner alice" -- run_as alice daxpool rdma-check r1
out=$(cat "$CHECK_OUT")
is "it registered" "$(echo "$out" | jq -r .ok)" true
is "the MR covers the whole pool" "$(echo "$out" | jq -r .mr_length)" "$size"
is "on rxe0" "$(echo "$out" | jq -r .device)" rxe0
diag "registration of $size bytes: $(echo "$out" | jq -r .usec) us"

check "rdma-check as oracle (group dba)" -- run_as oracle daxpool rdma-check r1 --device rxe0
check_fails "rdma-check as bob (no access) fails" -- run_as bob daxpool rdma-check r1
like "bob is told why" "$(cat "$CHECK_OUT")" '^daxpool rdma-check: r1: .*Permission denied'

# the library itself, through pool-mr
check "daxpool_map_reg_mr as alice" -- run_as alice pool-mr r1
is "whole pool" "$(jq -r .mr_length "$CHECK_OUT")" "$size"
check "a range: 4 KiB at 2 MiB" -- run_as alice pool-mr -o 2097152 -l 4096 r1
is "range length" "$(jq -r .mr_length "$CHECK_OUT")" 4096
check_fails "a range past the end is refused" -- run_as alice pool-mr -o "$size" -l 4096 r1
is "with EINVAL" "$(jq -r .errno "$CHECK_OUT")" 22
check_fails "on-demand paging is refused" -- run_as alice pool-mr -O r1
is "with EINVAL" "$(jq -r .errno "$CHECK_OUT")" 22

# unprivileged pins count against RLIMIT_MEMLOCK: the error must say so
check_fails "alice with ulimit -l 8192 cannot pin 64 MiB" -- \
	run_as alice sh -c 'ulimit -l 8192 && exec daxpool rdma-check r1'
msg=$(grep '^daxpool' "$CHECK_OUT")
like "the message names RLIMIT_MEMLOCK" "$msg" '^daxpool rdma-check: r1: .*RLIMIT_MEMLOCK \(ulimit -l\) is 8388608 bytes'
like "and how to raise it" "$msg" 'LimitMEMLOCK='
is "the JSON says ENOMEM" "$(grep -v '^daxpool' "$CHECK_OUT" | jq -r .errno)" 12

# an unknown device is named
check_fails "rdma-check --device nosuch fails" -- run_as alice daxpool rdma-check r1 --device nosuch
like "it says the device is unknown and lists rxe0" "$(cat "$CHECK_OUT")" \
	'^daxpool rdma-check: nosuch: unknown RDMA device; there is rxe0'
check_fails "rdma-check with no pool name fails" -- daxpool rdma-check

check "destroy r1" -- daxpool destroy r1
done_testing
