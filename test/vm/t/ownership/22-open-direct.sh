# Open by name enumerates nothing: the first daxpool_map_open of a process
# follows /dev/daxpool/NAME, reads one record and a few sysfs files of that
# one device, so its cost does not grow with the number of pools (issue
# 12). strace shows what it touched; a missing or wrong link still opens
# the right pool, the slow way.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

check "create fast (alice 0600)" -- daxpool create fast --size 16M --owner alice --mode 0600 --no-zero
make_pools 8 o --size 4M --no-zero
uuid=$(pool_field fast uuid)
is "9 pools" "$(daxpool list | jq length)" 9

records_read() {
	grep -oE '/etc/daxpool/pools/[0-9a-f-]+\.json' "$TRACE" | sort -u | wc -l
}

out=$(traced_map alice fast)
is "alice maps fast by name" "$(echo "$out" | jq -r .ok)" true
is "... the pool of that name" "$(echo "$out" | jq -r .uuid)" "$uuid"
is "no registry listing, no bus walk" "$(open_enumerated)" ""
is "one record read" "$(records_read)" 1

out=$(traced_map alice "$uuid")
is "by uuid too" "$(echo "$out" | jq -r .name)" fast
is "... without enumerating" "$(open_enumerated)" ""

# the link is a lead, never the proof
rm /dev/daxpool/fast
out=$(traced_map alice fast)
is "no link: alice still maps fast" "$(echo "$out" | jq -r .uuid)" "$uuid"
isnt "... by the full lookup (the trace sees it)" "$(open_enumerated)" ""
ln -sfn "/dev/$(pool_field o1 chardev)" /dev/daxpool/fast
out=$(traced_map alice fast)
is "a link to another pool's device: alice maps fast, not o1" "$(echo "$out" | jq -r .uuid)" "$uuid"
check "udev puts the link back" -- udevadm trigger --settle "/sys/bus/dax/devices/$(pool_field fast chardev)"
is "fast's link is its device again" "$(readlink -f /dev/daxpool/fast)" "/dev/$(pool_field fast chardev)"

# a rename leaves no way in by the old name
check "rename fast quick" -- daxpool rename fast quick
is "the old name is gone" "$(traced_map alice fast | jq -r .errno)" 2
is "the new name maps the same pool" "$(traced_map alice quick | jq -r .uuid)" "$uuid"
is "... without enumerating" "$(open_enumerated)" ""
is "bob still gets EACCES" "$(traced_map bob quick | jq -r .errno)" 13

# a destroy under way is busy, not absent, whatever the link says
rec=/etc/daxpool/pools/$uuid.json
cp "$rec" /tmp/rec.bak
jq -c '.intent="destroy"' /tmp/rec.bak > "$rec"
is "a record mid-destroy: EBUSY" "$(traced_map alice quick | jq -r .errno)" 16
cp /tmp/rec.bak "$rec"
is "committed again: alice maps it" "$(traced_map alice quick | jq -r .ok)" true

clean_slate
done_testing
