# Zeroing meets memory it cannot write (a poisoned page; here the device
# is taken away under it, which faults the same way: SIGBUS): it reports
# where, as an error, and the process lives to roll back.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

check "create z (no zeroing)" -- daxpool create z --size 64M --no-zero || done_testing
dev=$(pool_field z chardev)
check "zeroing with the device unbound after its first chunk returns" -- zero-revoke "/dev/$dev"
is "with EIO (-5), not a crash" "$(jq -r '"\(.rc) \(.alive)"' "$CHECK_OUT")" "-5 true"
like "naming the offset it could not write" "$(jq -r .error "$CHECK_OUT")" \
	'zeroing /dev/dax[0-9.]+ failed: the memory at offset [0-9]+ .*cannot be written'
udevadm settle --timeout=30
check "the device is back" -- test -c "/dev/$dev"
check "destroy z" -- daxpool destroy z
done_testing
