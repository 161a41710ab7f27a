# real users open pools by name through libdaxpool; the kernel enforces the mode
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

check "create db (alice:dba 0660, 1G align needs no root to map)" -- daxpool create db --size 64M --owner alice --group dba --mode 0660
uuid=$(pool_field db uuid)

# map USER NAME FLAGS [THEN]: the JSON line daxio prints
map() {
	u=$1
	shift
	run_as "$u" daxio map "$@" 2>&1 | head -n 1
}
out=$(map alice db rw write)
is "alice (owner) maps db read-write" "$(echo "$out" | jq -r .ok)" true
is "... the whole pool" "$(echo "$out" | jq -r .size)" "$(pool_field db size)"
is "... at an address aligned to the pool's align" "$(echo "$out" | jq -r .aligned)" true
check "alice's write landed (0x5a everywhere)" -- daxio check "/dev/$(pool_field db chardev)" 0x5a
is "oracle (group dba) maps db read-write" "$(map oracle db rw | jq -r .ok)" true
is "oracle maps db by uuid" "$(map oracle "$uuid" ro | jq -r .ok)" true
is "bob (other) gets EACCES" "$(map bob db ro | jq -r .errno)" 13
is "unknown name gives ENOENT" "$(map alice nosuch rw | jq -r .errno)" 2
is "bad name gives EINVAL" "$(map alice 'a/b' rw | jq -r .errno)" 22
is "bad flags give EINVAL" "$(map alice db wronly | jq -r .errno)" 22
is "bob cannot read the node either (kernel check, not ours)" "$(run_as bob sh -c "cat /dev/$(pool_field db chardev) 2>&1 >/dev/null" | grep -c 'Permission denied')" 1

# map_open trusts nothing but the device it opened: a stale link is ignored
check "create other" -- daxpool create other --size 32M --owner bob --mode 0600 --no-zero
ln -sfn "/dev/$(pool_field other chardev)" /dev/daxpool/db.stale
is "a user's stale link changes nothing: alice still maps db" "$(map alice db ro | jq -r .ok)" true
rm -f /dev/daxpool/db.stale
check "destroy other" -- daxpool destroy other

# destroy is refused while an unprivileged user holds a map
: > /tmp/hold.out
run_as alice daxio map db rw hold > /tmp/hold.out 2>&1 &
wait_for_in /tmp/hold.out '"ok":true'
pid=$(jq -r .pid /tmp/hold.out)
check_fails "destroy refused while alice maps db" -- daxpool destroy db
like "message says busy and names alice's pid $pid" "$(cat "$CHECK_OUT")" "busy.*[ ,]$pid([^0-9]|\$)"
is "db still active" "$(pool_field db state)" active
kill "$pid"; wait 2>/dev/null
check "destroy works once she let go" -- daxpool destroy db
done_testing
