# every bad input is refused with a message, and nothing is left behind
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

check "create keep (to test duplicates)" -- daxpool create keep --size 32M --no-zero
ns0=$(ns_count) rec0=$(rec_count)

# refuse DESC REGEX ARGS...: create fails, the message matches, no leak
refuse() {
	desc=$1 re=$2
	shift 2
	check_fails "refused: $desc" -- daxpool "$@"
	like "message: $desc" "$(cat "$CHECK_OUT")" "$re"
	is "no leak: $desc" "$(ns_count) $(rec_count)" "$ns0 $rec0"
}

refuse "name with slash" 'invalid name' create a/b --size 16M
refuse "name with space" 'invalid name' create "a b" --size 16M
refuse "name starting with dot" "invalid name.*'\\.'" create .x --size 16M
refuse "name starting with dash" "invalid name" create --size 16M -- -x
refuse "64-byte name" 'longer than 63' create 1234567890123456789012345678901234567890123456789012345678901234 --size 16M
refuse "uuid as name" 'UUID' create 3f2504e0-4f89-11d3-9a0c-0305e82c3301 --size 16M
refuse "empty name" 'invalid name' create "" --size 16M
refuse "missing size" 'size is required' create x
refuse "size 0" 'invalid size' create x --size 0
refuse "size junk" 'invalid size' create x --size lots
refuse "size 1.5G" 'invalid size' create x --size 1.5G
refuse "size overflow" 'invalid size.*too large' create x --size 99999999999999999999
refuse "size larger than any region" 'no free extent large enough' create x --size 100G
refuse "align 8K" 'invalid align' create x --size 16M --align 8K
refuse "unknown owner" "unknown owner 'nobodyhere'" create x --size 16M --owner nobodyhere
refuse "unknown group" "unknown group 'nogroup9'" create x --size 16M --group nogroup9
# numbers that used to wrap or be taken loosely: none of them is root
for id in 4294967296 +0 " 0" -4294967296 4294967295 0x0; do
	refuse "owner '$id'" "unknown owner" create x --size 16M --owner "$id"
	refuse "group '$id'" "unknown group" create x --size 16M --group "$id"
done
refuse "numa node 4294967296 (not node 0)" "invalid node" create x --size 16M --numa-node 4294967296
refuse "numa node +0" "invalid node" create x --size 16M --numa-node +0
refuse "mode not octal" 'invalid mode' create x --size 16M --mode 0668
refuse "mode too large" 'invalid mode' create x --size 16M --mode 17777
refuse "mode symbolic" 'invalid mode' create x --size 16M --mode u+rw
refuse "unknown region" "no region 'region99'" create x --size 16M --region region99
refuse "duplicate name" "already exists" create keep --size 16M
refuse "unknown option" 'unknown option' create x --size 16M --bogus
refuse "two names" 'exactly one pool NAME' create x y --size 16M
refuse "negative numa node" 'invalid node' create x --size 16M --numa-node -1
refuse "numa node with no region" 'NUMA node 7' create x --size 16M --numa-node 7

ll=$(labelless_regions | head -n 1)
if [ -n "$ll" ]; then
	refuse "label-less region $ll" 'ndctl init-labels' create x --size 16M --region "$ll"
else
	not_ok "the bed offers a label-less region"
fi

# the kernel refusing part-way rolls back: ask for more than is left after
# the metadata, in a region that is almost full
free=$(ndctl list -R -r "$(pool_field keep region)" | jq -r '[.] | flatten | .[0].max_available_extent')
diag "largest free extent: $free"
check "fill the region but 16M" -- daxpool create big --size $(( (free - 64*1024*1024) / 1048576 ))M --no-zero
ns0=$(ns_count) rec0=$(rec_count)
refuse "full region" 'no free extent large enough|not enough free space' create x --size 64M
check "destroy big keep" -- daxpool destroy big keep

check_fails "non-root create is refused" -- run_as bob daxpool create x --size 16M
like "... saying it needs root" "$(cat "$CHECK_OUT")" 'root'
is "nothing left" "$(ns_count) $(rec_count)" "0 0"

# a corrupt registry file neither crashes list nor hides the others
check "create good" -- daxpool create good --size 16M --no-zero
echo '{"version": 1, "name": "bro' > "$REGISTRY/00000000-1111-2222-3333-444444444444.json"
daxpool list > /tmp/list.out 2> /tmp/list.err
is "list still exits 0" "$?" 0
is "list still shows the good pool" "$(jq -r '[.[].name] | join(",")' /tmp/list.out)" good
like "list reports the bad file on stderr" "$(cat /tmp/list.err)" '00000000-1111-2222-3333-444444444444.json.*(damaged|JSON)'
chmod 000 "$REGISTRY/00000000-1111-2222-3333-444444444444.json"
run_as bob daxpool list > /tmp/list.out 2> /tmp/list.err
is "as bob, an unreadable file: list still shows the good pool" "$(jq -r '[.[].name] | join(",")' /tmp/list.out)" good
like "... and reports it" "$(cat /tmp/list.err)" 'Permission denied'
rm -f "$REGISTRY/00000000-1111-2222-3333-444444444444.json"
check "destroy good" -- daxpool destroy good
done_testing
