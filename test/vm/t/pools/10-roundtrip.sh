# create, list, destroy: the JSON contract of DESIGN.md, the label, cleanup
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

is "list with no pools prints []" "$(daxpool list)" "[]"
check "create p1 64M" -- daxpool create p1 --size 64M
out=$(cat "$CHECK_OUT")
is "create prints one JSON object" "$(echo "$out" | jq -r type)" object
is "object has exactly DESIGN.md's keys" \
	"$(echo "$out" | jq -c 'keys')" \
	'["align","chardev","group","mode","name","numa_node","owner","path","region","size","state","type","uuid"]'
is "size is an integer" "$(echo "$out" | jq -r '.size | type')" number
is "align is 2M by default" "$(echo "$out" | jq -r .align)" 2097152
is "mode is the string 0600" "$(echo "$out" | jq -c .mode)" '"0600"'
is "owner root by default" "$(echo "$out" | jq -r .owner)" root
is "group root by default" "$(echo "$out" | jq -r .group)" root
is "type pmem" "$(echo "$out" | jq -r .type)" pmem
is "state active" "$(echo "$out" | jq -r .state)" active
is "path /dev/daxpool/NAME" "$(echo "$out" | jq -r .path)" /dev/daxpool/p1
like "chardev like dax1.1" "$(echo "$out" | jq -r .chardev)" '^dax[0-9]+\.[0-9]+$'
like "region like regionN" "$(echo "$out" | jq -r .region)" '^region[0-9]+$'
like "uuid is a uuid" "$(echo "$out" | jq -r .uuid)" '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
is "numa_node is a number" "$(echo "$out" | jq -r '.numa_node | type')" number
uuid=$(echo "$out" | jq -r .uuid)
dev=$(echo "$out" | jq -r .chardev)
check "the char device exists" -- test -c "/dev/$dev"
is "size equals the device's size in sysfs" "$(echo "$out" | jq -r .size)" "$(dev_size "$dev")"

list=$(daxpool list)
is "list is an array of one" "$(echo "$list" | jq -r 'type + " " + (length|tostring)')" "array 1"
is "list shows the same object as create" "$(echo "$list" | jq -c '.[0]')" "$(echo "$out" | jq -c .)"
is "list by uuid finds it" "$(daxpool list "$uuid" | jq -r '.[0].name')" p1
like "list -u gives human sizes" "$(daxpool list -u p1 | jq -r '.[0].size')" 'MiB$'
is "list -v adds namespace" "$(daxpool list -v p1 | jq -r '.[0].namespace | type')" string
check_fails "list of an unknown pool fails" -- daxpool list nosuch
like "... and says so" "$(cat "$CHECK_OUT")" 'daxpool list: nosuch: no such pool'

# the name and uuid live in the namespace label
ns=$(ndctl list -N | jq -c "[.] | flatten | .[] | select(.uuid == \"$uuid\")")
is "ndctl sees the namespace with the pool's name" "$(echo "$ns" | jq -r .name)" p1
is "... in devdax mode" "$(echo "$ns" | jq -r .mode)" devdax
check "registry record exists" -- test -f "$REGISTRY/$uuid.json"
is "record is 0644 root" "$(stat -c '%a %U' "$REGISTRY/$uuid.json")" "644 root"
is "record names the pool" "$(jq -r .name "$REGISTRY/$uuid.json")" p1

check "create p2 with owner, group and mode" -- daxpool create p2 --size 32M --owner alice --group dba --mode 0660
out2=$(cat "$CHECK_OUT")
is "p2 owner" "$(echo "$out2" | jq -r .owner)" alice
is "p2 group" "$(echo "$out2" | jq -r .group)" dba
is "p2 mode" "$(echo "$out2" | jq -r .mode)" 0660
dev2=$(echo "$out2" | jq -r .chardev)
is "p2's device node carries owner, group and mode" "$(stat -c '%U %G %a' "/dev/$dev2")" "alice dba 660"
is "list is sorted by name" "$(daxpool list | jq -r '[.[].name] | join(",")')" "p1,p2"
is "the region keeps one media copy for both" "$(meta_count)" 1

check "destroy p1 p2" -- daxpool destroy p1 p2
is "list is empty again" "$(daxpool list)" "[]"
is "no namespace left" "$(ns_count)" 0
is "no record left" "$(rec_count)" 0
is "and the media copy went with the last pool" "$(meta_count)" 0
check_fails "destroy of a destroyed pool fails" -- daxpool destroy p1
like "... saying no such pool" "$(cat "$CHECK_OUT")" 'daxpool destroy: p1: no such pool'
done_testing
