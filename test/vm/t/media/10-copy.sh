# The media copy: written with each change, never listed, read by hand as
# daxpool-media(5) says; names unique across registry and media; check
# finds and --repair mends what a lost or old /etc, a damaged slot, a name
# conflict and an owner this host lacks leave behind.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pmem.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"

clean_slate
region=$(labeled_regions | head -n 1)

meta_ns() { ns_json .daxpool-meta; }
meta_blk() { echo "/dev/$(meta_ns | jq -r .blockdev)"; }
blk_bytes() { echo $(( $(cat "/sys/class/block/${1#/dev/}/size") * 512 )); }
# the records of the current slot, as text (dd reads through the page cache
# of the block device, so drop it first: daxpool writes with O_DIRECT)
media_text() {
	blk=$(meta_blk)
	sync; echo 3 > /proc/sys/vm/drop_caches
	half=$(( $(blk_bytes "$blk") / 2 / 4096 ))
	{ dd if="$blk" bs=4096 skip=1 count=64 2>/dev/null
	  dd if="$blk" bs=4096 skip=$((half + 1)) count=64 2>/dev/null; } | tr -d '\000'
}

is "no media copy before the first pool" "$(meta_ns)" ""
check "create m1" -- daxpool create m1 --size 32M --owner alice --mode 0640 || done_testing
u1=$(pool_field m1 uuid)
check "the region now holds a media copy namespace" -- test -n "$(meta_ns)" ||
	diag "$(ndctl list -N -i -v | tr -d "\n\t ")"
is "it is raw and one region alignment (16 MiB)" \
	"$(meta_ns | jq -r '"\(.mode) \(.size)"')" "raw $((16 << 20))"
like "its header says DAXPOOLM" "$(dd if="$(meta_blk)" bs=8 count=1 2>/dev/null)" '^DAXPOOLM$'
like "the media holds m1's record" "$(media_text)" "\"uuid\":\"$u1\""
is "list shows pools only" "$(daxpool list | jq -r '[.[].name] | join(" ")')" m1
check "check: nothing to say" -- daxpool check
is "check prints []" "$(cat "$CHECK_OUT")" "[]"

check "chown m1 bob" -- daxpool chown bob m1
like "the media has the new owner" "$(media_text)" "\"uuid\":\"$u1\"[^}]*\"owner\":\"bob\""
check "create m2" -- daxpool create m2 --size 32M
u2=$(pool_field m2 uuid)
is "one media copy for two pools" "$(nd_items ndctl list -N | jq -r 'select(.name == ".daxpool-meta") | .dev' | wc -l)" 1

# a pool on the media but not in /etc (a lost /etc) still owns its name
mv "$REGISTRY/$u1.json" /tmp/m1.json
check_fails "create m1 again: refused, the media has it" -- daxpool create m1 --size 32M
like "the refusal says where" "$(cat "$CHECK_OUT")" "on the media of $region"
check_fails "rename m2 m1: refused" -- daxpool rename m2 m1
check_fails "check finds it (exit 1)" -- daxpool check
is "problem: unregistered" "$(jq -r '.[] | select(.uuid == "'$u1'") | .problem' "$CHECK_OUT")" unregistered
check "check --repair" -- daxpool check --repair
is "m1 is back, owned by bob" "$(pool_field m1 owner) $(pool_field m1 state)" "bob active"
check "and check is clean" -- daxpool check

# an old /etc record: the media wins and the finding says what changed
cp "$REGISTRY/$u1.json" /tmp/m1-old.json
check "chmod 0600 m1" -- daxpool chmod 0600 m1
cp /tmp/m1-old.json "$REGISTRY/$u1.json"
check_fails "check finds the stale record" -- daxpool check
like "it names the mode" "$(jq -r '.[] | select(.problem == "stale") | .detail' "$CHECK_OUT")" "mode 0640 -> 0600"
check "repair" -- daxpool check --repair
is "media won" "$(pool_field m1 mode)" 0600

# a damaged slot: the current one's header loses a byte
blk=$(meta_blk)
printf 'X' | dd of="$blk" bs=1 seek=20 conv=notrunc 2>/dev/null
printf 'X' | dd of="$blk" bs=1 seek=$(( $(blk_bytes "$blk") / 2 + 20 )) conv=notrunc 2>/dev/null
sync
check_fails "both slots damaged: check says so" -- daxpool check
like "problem media-damaged" "$(jq -r '.[].problem' "$CHECK_OUT")" media-damaged
check_fails "a change is refused while the copy is damaged" -- daxpool chmod 0640 m2
like "and says to repair" "$(cat "$CHECK_OUT")" "check --repair"
check "repair rewrites it from the registry" -- daxpool check --repair
check "clean again" -- daxpool check
check "changes work again" -- daxpool chmod 0640 m2
printf 'Y' | dd of="$blk" bs=1 seek=$((4096 + 10)) conv=notrunc 2>/dev/null
printf 'Y' | dd of="$blk" bs=1 seek=$(( $(blk_bytes "$blk") / 2 + 4096 + 10 )) conv=notrunc 2>/dev/null
sync
check_fails "a damaged payload is found too" -- daxpool check
check "and repaired" -- daxpool check --repair
is "m1 and m2 unharmed" "$(pool_field m1 owner) $(pool_field m2 mode)" "bob 0640"

# two pools that want one name (an NVDIMM from another host): the one
# registered here keeps it, the other is held until renamed by uuid
jq '.name = "m1" | .created = 1' "$REGISTRY/$u2.json" > /tmp/m2-as-m1.json
check "forge: the media now says m2 is named m1 (and older)" -- media-put "$region" /tmp/m2-as-m1.json
rm -f "$REGISTRY/$u2.json"
check "activate" -- daxpool activate
is "m2's uuid is held: conflict" "$(daxpool list "$u2" | jq -r '.[0].state')" conflict
is "m1 is still m1's" "$(pool_field m1 uuid)" "$u1"
dev2=$(daxpool list "$u2" | jq -r '.[0].chardev')
is "the held pool is root-only" "$(stat -c '%U %a' /dev/$dev2)" "root 600"
is "the link is m1's" "$(readlink -f /dev/daxpool/m1)" "/dev/$(pool_field m1 chardev)"
check_fails "check reports the conflict" -- daxpool check
like "with the way out" "$(jq -r '.[] | select(.problem == "conflict") | .detail' "$CHECK_OUT")" "daxpool rename $u2"
check "rename it by uuid" -- daxpool rename "$u2" m2b
udevadm settle
is "m2b is a pool again" "$(pool_field m2b state)" active
check "check is clean" -- daxpool check

# an owner this host lacks: root-only, and check says why
echo 'carol:x:1500:1500::/tmp:/bin/sh' >> /etc/passwd
check "chown m2b carol, mode 0666" -- sh -c 'daxpool chown carol m2b && daxpool chmod 0666 m2b'
sed -i '/^carol:/d' /etc/passwd
udevadm trigger --action=change "/sys/bus/dax/devices/$(pool_field m2b chardev)"
udevadm settle
is "its device stays root-only (udev would have applied 0666)" \
	"$(stat -c '%U %a' /dev/$(pool_field m2b chardev))" "root 600"
check_fails "check: owner-unknown" -- daxpool check
like "it names carol" "$(jq -r '.[] | select(.problem == "owner-unknown") | .detail' "$CHECK_OUT")" carol
check "chown it to alice" -- daxpool chown alice m2b

# a namespace removed behind daxpool's back: its pool is missing; and a
# plain ndctl namespace (no pool) is never touched by check or activate
check "a plain fsdax namespace beside the pools" -- \
	ndctl create-namespace -r "$region" -m fsdax -s 32M -n plain
check "and one more pool, m3" -- daxpool create m3 --size 32M
u3=$(pool_field m3 uuid)
check "ndctl destroys m3's namespace behind daxpool's back" -- \
	ndctl destroy-namespace -f "$(ns_dev m3)"
is "list says missing" "$(pool_field m3 state)" missing
check "activate does not drop it (its region may only be late)" -- daxpool activate
is "still missing" "$(pool_field m3 state)" missing
check_fails "check: missing" -- daxpool check
is "the finding" "$(jq -r '.[] | select(.uuid == "'$u3'") | .problem' "$CHECK_OUT")" missing
check "check --repair drops its records" -- daxpool check --repair
is "m3 is gone from list" "$(daxpool list | jq '[.[] | select(.name == "m3")] | length')" 0
check "and from the media: the name is free again" -- sh -c 'daxpool create m3 --size 32M && daxpool destroy m3'
check "the plain namespace is untouched" -- test -n "$(ns_dev plain)"
check "remove it" -- ndctl destroy-namespace -f "$(ns_dev plain)"

check "destroy m1 and m2b" -- daxpool destroy m1 m2b
is "the last pool took the media copy with it" "$(meta_ns)" ""
is "nothing left (the media copy went with the last pool)" "$(ns_count) $(rec_count) $(meta_count)" "0 0 0"
check "check is clean" -- daxpool check
done_testing
