# One context, many threads: daxpool_map_open and daxpool_map_close may be
# called concurrently (the first lookup included), as libdaxpool(3) says.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

check "create t1 for alice" -- daxpool create t1 --size 32M --no-zero --owner alice || done_testing
check "16 threads of alice open and close t1 50 times each on one context" -- \
	run_as alice daxio threads t1 16 50
is "every open succeeded" "$(jq -r '"\(.opens) \(.failed)"' "$CHECK_OUT")" "800 0"
check "and by uuid, 8 threads" -- run_as alice daxio threads "$(pool_field t1 uuid)" 8 20
check "destroy t1 afterwards" -- daxpool destroy t1
done_testing
