# chown, chmod and rename: registry, node, link and label follow; data stays
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

check "create p (alice:dba 0660)" -- daxpool create p --size 32M --owner alice --group dba --mode 0660
uuid=$(pool_field p uuid)
check "write 0x42 into p" -- daxio fill "/dev/$(pool_field p chardev)" 0x42

check "chown bob p" -- daxpool chown bob p
is "record owner bob, group kept" "$(pool_field p owner):$(pool_field p group)" "bob:dba"
is "node follows" "$(stat -c '%U %G %a' "/dev/$(pool_field p chardev)")" "bob dba 660"
is "bob may map now" "$(run_as bob daxio map p ro | head -n 1 | jq -r .ok)" true
is "alice may not (not in dba)" "$(run_as alice daxio map p ro | head -n 1 | jq -r .errno)" 13
check "chown :root p" -- daxpool chown :root p
is "group root, owner kept" "$(stat -c '%U %G' "/dev/$(pool_field p chardev)")" "bob root"
check "chown alice:dba p" -- daxpool chown alice:dba p
check "chmod 0600 p" -- daxpool chmod 0600 p
is "record mode 0600" "$(pool_field p mode)" 0600
is "node mode 600" "$(stat -c '%U %G %a' "/dev/$(pool_field p chardev)")" "alice dba 600"
is "oracle (dba) may not map a 0600 pool" "$(run_as oracle daxio map p ro | head -n 1 | jq -r .errno)" 13
check_fails "chown to an unknown user is refused" -- daxpool chown nobodyhere p
like "... saying so" "$(cat "$CHECK_OUT")" "unknown owner 'nobodyhere'"
check_fails "chmod 0999 refused" -- daxpool chmod 0999 p
check_fails "chmod of an unknown pool refused" -- daxpool chmod 0600 nosuch
check_fails "non-root chmod refused" -- run_as alice daxpool chmod 0666 p
is "refusals changed nothing" "$(stat -c '%U %G %a' "/dev/$(pool_field p chardev)")" "alice dba 600"

# rename while idle: registry, label and link all follow
check "rename p q" -- daxpool rename p q
is "q has p's uuid" "$(pool_field q uuid)" "$uuid"
check_fails "p is gone from list" -- daxpool list p
is "the label is renamed" "$(ndctl list -N | jq -r "[.] | flatten | .[] | select(.uuid == \"$uuid\") | .name")" q
check_fails "old link /dev/daxpool/p is gone" -- test -e /dev/daxpool/p
is "new link /dev/daxpool/q points at the device" "$(readlink -f /dev/daxpool/q)" "/dev/$(pool_field q chardev)"
is "node keeps owner and mode" "$(stat -c '%U %G %a' "/dev/$(pool_field q chardev)")" "alice dba 600"
check "data kept across the rename (0x42)" -- daxio check "/dev/$(pool_field q chardev)" 0x42
is "alice maps it by its new name" "$(run_as alice daxio map q ro | head -n 1 | jq -r .ok)" true

check "create other" -- daxpool create other --size 16M --no-zero
check_fails "rename onto an existing name refused" -- daxpool rename q other
like "... saying it exists" "$(cat "$CHECK_OUT")" "already exists"
check_fails "rename to an invalid name refused" -- daxpool rename q .bad
like "... naming the rule" "$(cat "$CHECK_OUT")" "invalid name"
check_fails "rename to a uuid refused" -- daxpool rename q 3f2504e0-4f89-11d3-9a0c-0305e82c3301
is "refusals left q as it was" "$(pool_field q name) $(pool_field q uuid)" "q $uuid"

# rename while in use: allowed, nothing moves, the holder keeps working
: > /tmp/hold.out
run_as alice daxio map q rw hold > /tmp/hold.out 2>&1 &
wait_for_in /tmp/hold.out '"ok":true'
pid=$(jq -r .pid /tmp/hold.out)
dev=$(pool_field q chardev)
check "rename q r while alice maps it" -- daxpool rename q r
like "it warns that the label keeps the old name" "$(cat "$CHECK_OUT")" "warning: .*in use.*label"
is "same device, nothing moved" "$(pool_field r chardev)" "$dev"
is "new link /dev/daxpool/r" "$(readlink -f /dev/daxpool/r)" "/dev/$dev"
check_fails "old link /dev/daxpool/q gone" -- test -e /dev/daxpool/q
check "the holder is still alive" -- kill -0 "$pid"
is "the busy pool's node keeps its mode" "$(stat -c '%U %G %a' "/dev/$dev")" "alice dba 600"
kill "$pid"; wait 2>/dev/null
check "rename r r once idle writes the label" -- daxpool rename r r
is "label now r" "$(ndctl list -N | jq -r "[.] | flatten | .[] | select(.uuid == \"$uuid\") | .name")" r
check "data still there" -- daxio check "/dev/$(pool_field r chardev)" 0x42
# a context that opened a pool must see a rename and a destroy
mkfifo /tmp/go
daxio map-again r r s q < /tmp/go > /tmp/again.out 2>&1 &
exec 3> /tmp/go
wait_for_in /tmp/again.out '"name":"r"'
check "rename r s under an open context" -- daxpool rename r s
echo go >&3
exec 3>&-
wait
is "the first open of r worked" "$(sed -n 1p /tmp/again.out | jq -r .ok)" true
is "after the rename, r is unknown in the same context" "$(sed -n 2p /tmp/again.out | jq -r .errno)" 2
is "after the rename, s opens in the same context" "$(sed -n 3p /tmp/again.out | jq -r .ok)" true
is "q is still unknown" "$(sed -n 4p /tmp/again.out | jq -r .errno)" 2
check "rename s r" -- daxpool rename s r
check "destroy r other" -- daxpool destroy r other
is "nothing left" "$(ns_count) $(rec_count)" "0 0"
done_testing
