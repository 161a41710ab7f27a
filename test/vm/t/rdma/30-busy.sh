# A registered pool is in use: destroy is refused, naming the holder, and
# the holder goes on working; once it has deregistered and closed the map,
# destroy succeeds (while the holder still runs, its RDMA device open).
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
out=/tmp/holder.out

check "create r3" -- daxpool create r3 --size 64M --owner alice --group dba --mode 0660 || done_testing
size=$(pool_field r3 size)
: > "$out"
run_as alice pool-mr -H r3 > "$out" 2>&1 &
wait_for '"ok":true' || { not_ok "holder registered"; diag_file "$out"; done_testing; }
pid=$(jq -r .pid "$out")
is "the holder's MR covers the pool" "$(jq -r .mr_length "$out")" "$size"
like "rdma shows the holder's MR" "$(rdma resource show mr 2>&1)" "mrlen $size .*pid $pid "

check_fails "destroy is refused while the MR exists" -- daxpool destroy r3
msg=$(cat "$CHECK_OUT")
like "the message says busy" "$msg" '^daxpool destroy: r3: .*busy'
like "and names the holder's pid $pid" "$msg" "[ ,]$pid([^0-9]|\$)"
is "the pool is still active" "$(pool_field r3 state)" active

kill -USR1 "$pid"
wait_for '^round 1:' && like "the holder still writes and reads its pool" \
	"$(grep '^round 1:' "$out")" "wrote and read back $size bytes, 0 wrong"
kill -USR1 "$pid"
wait_for '^round 2:' && like "and again" "$(grep '^round 2:' "$out")" ", 0 wrong"

kill -TERM "$pid"
wait_for '^closed' || not_ok "holder deregistered and closed"
check "the holder is still running" -- kill -0 "$pid"
check "destroy works once the MR and the map are gone" -- daxpool destroy r3
is "nothing left" "$(ns_count) $(rec_count)" "0 0"
kill -TERM "$pid"
wait
done_testing
