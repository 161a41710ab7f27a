# phases: 2
# pools, names and uuids survive a reboot over the same NVDIMM and come back
# active, data and all. Phase 1 creates; phase 2 (next boot) checks.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
state=$DAXPOOL_STATE/70-persist

if [ "$DAXPOOL_PHASE" = 1 ]; then
	clean_slate
	check "create keep1" -- daxpool create keep1 --size 64M --owner alice --group dba --mode 0640 &&
		cp "$CHECK_OUT" "$state.keep1"
	check "create keep2" -- daxpool create keep2 --size 32M --align 4K &&
		cp "$CHECK_OUT" "$state.keep2"
	check "write 0x77 into keep1" -- daxio fill "/dev/$(pool_field keep1 chardev)" 0x77
	sync
	done_testing
fi

for n in keep1 keep2; do
	before=$(jq -c 'del(.chardev, .region)' "$state.$n" 2>/dev/null)
	after=$(daxpool list "$n" | jq -c '.[0] | del(.chardev, .region)')
	is "$n: after reboot, the same pool (name, uuid, size, owner, mode, state)" "$after" "$before"
	is "$n: active" "$(pool_field $n state)" active
	uuid=$(jq -r .uuid "$state.$n")
	is "$n: the label still carries the name" \
		"$(ndctl list -N | jq -r "[.] | flatten | .[] | select(.uuid == \"$uuid\") | .name")" "$n"
done
check "keep1's data survived" -- daxio check "/dev/$(pool_field keep1 chardev)" 0x77
check "destroy both" -- daxpool destroy keep1 keep2
is "nothing left" "$(ns_count) $(rec_count)" "0 0"
done_testing
