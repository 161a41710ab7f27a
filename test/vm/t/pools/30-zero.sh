# a pool made from space that held another pool's data reads back all zeros
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

check "create old --no-zero" -- daxpool create old --size 128M --no-zero || done_testing
dev=$(pool_field old chardev)
ns=$(pool_field old uuid)
res1=$(ndctl list -N | jq -r "[.] | flatten | .[] | select(.uuid == \"$ns\") | .map" )
check "fill old with 0xa5" -- daxio fill "/dev/$dev" 0xa5
check "old reads back 0xa5" -- daxio check "/dev/$dev" 0xa5
check "destroy old" -- daxpool destroy old

check "create new (zeroing on) in the same space" -- daxpool create new --size 128M
dev=$(pool_field new chardev)
check "new reads back all zeros" -- daxio check "/dev/$dev" 0
diag "$(cat "$CHECK_OUT")"
check "destroy new" -- daxpool destroy new

# the contrast: without zeroing the old data shows through, so the test above
# proves the zeroing and not a lucky allocation
check "create old2 --no-zero" -- daxpool create old2 --size 128M --no-zero
dev=$(pool_field old2 chardev)
check "fill old2 with 0x3c" -- daxio fill "/dev/$dev" 0x3c
check "destroy old2" -- daxpool destroy old2
check "create leak --no-zero in the same space" -- daxpool create leak --size 128M --no-zero
dev=$(pool_field leak chardev)
check_fails "without zeroing, the old bytes are still there (not all zero)" -- daxio check "/dev/$dev" 0
check "destroy leak" -- daxpool destroy leak
done_testing
