# /etc/daxpool on a read-only file system (a read-only root, an image):
# changes say so clearly and leave nothing behind; reading still works.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
check "create keep (before /etc goes read-only)" -- daxpool create keep --size 16M
mount --bind /etc/daxpool /etc/daxpool && mount -o remount,bind,ro /etc/daxpool
check_fails "create on a read-only /etc is refused" -- daxpool create ro1 --size 16M
like "saying /etc/daxpool is read-only and what to do" "$(cat "$CHECK_OUT")" \
	"/etc/daxpool/pools is on a read-only file system.*remount it read-write"
is "nothing was left: one pool, its namespace and record" "$(ns_count) $(rec_count)" "1 1"
check_fails "chmod is refused the same way" -- daxpool chmod 0640 keep
like "saying so" "$(cat "$CHECK_OUT")" "read-only file system"
is "keep is unchanged" "$(pool_field keep mode)" 0600
check "and its media copy too: check is clean" -- daxpool check
check "list still works" -- daxpool list keep
umount /etc/daxpool
check "with /etc writable again, destroy keep" -- daxpool destroy keep
is "nothing left" "$(ns_count) $(rec_count) $(meta_count)" "0 0 0"
done_testing
