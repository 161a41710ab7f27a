# The examples: rdma-server serves a pool over rdma_cm on rxe0, rdma-client
# writes a pattern into it with RDMA WRITE, reads it back, and the server
# finds it in the pool's own memory.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
addr=192.168.77.1
port=7471
srv=/tmp/server.out

check "create r4" -- daxpool create r4 --size 64M --owner alice --group dba --mode 0660 || done_testing
run_as alice timeout 120 rdma-server r4 "$addr" "$port" > "$srv" 2>&1 &
spid=$!
wait_for_in "$srv" listening
check "the server (alice) listens" -- grep -q "listening on $addr:$port" "$srv" || diag_file "$srv"

# the client needs no access to the pool: RDMA and the rkey are enough
check "the client (bob) writes and reads back over RDMA" -- \
	run_as bob timeout 60 rdma-client "$addr" "$port"
diag_file "$CHECK_OUT"
like "its read-back matches" "$(cat "$CHECK_OUT")" 'written and read back: same'
wait "$spid"
is "the server exits 0" "$?" 0
diag_file "$srv"
like "the server found the pattern in the pool" "$(cat "$srv")" 'pattern is in the pool'

check "destroy r4" -- daxpool destroy r4
done_testing
