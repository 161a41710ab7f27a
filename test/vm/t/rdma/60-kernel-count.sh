# timeout: 900
# What decides a destroy is the kernel's own count of the pool's pages:
# references that no /proc file shows (a pipe after vmsplice, a
# registration handed to a child whose parent made it and exited, a
# seventeenth io_uring ring, a registration whose addresses now hold other
# memory) keep the pool, and unrelated pins (a root service's or a user
# namespace's RDMA registration of its own memory) do not. The door: while
# a destroy looks, the node is root's and mode 0, so its owner cannot
# chmod it open; a destroy killed after its intent leaves it so, and
# 'check --repair' finishes it only under the same proof. No oops
# (run-phase checks dmesg after every scenario).
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
out=/tmp/refs.out


# the kernel's count is readable here: everything below relies on it
check "the kernel's page count of a pool can be read" -- daxpool create probe --size 32M --no-zero
like "it reads every compound page at its idle count" "$(page-refs "$(pool_field probe chardev)")" '"busy":0,.*"idle":1,"min":1,"max":1'
# what a mapping adds (measured, for daxpool-destroy(1)): nothing where
# device-DAX maps PFNs (6.1, 6.12), a reference per folio from 6.15
: > "$out"
pin-hold map "/dev/$(pool_field probe chardev)" > "$out" 2>&1 &
wait_for '"ok":' || diag_file "$out"
diag "a mapping with every page touched: $(page-refs "$(pool_field probe chardev)")"
kill -TERM "$(holder_pid)"
wait
check "destroy probe" -- daxpool destroy probe

# ref_case HOW CMD...: pool p of alice's held by CMD (which prints
# {"ok":true,"pid":N} and lets go on SIGTERM); destroy must say the pages
# are referenced until the holder lets go, and then work.
ref_case() {
	how=$1
	shift
	pool_held "$how" "$@" || return
	holder=$(holder_pid)
	diag "$how: page counts: $(page-refs "$dev")"
	check_fails "$how: destroy is refused" -- daxpool destroy p
	like "$how: the message says the pages are referenced" "$(cat "$CHECK_OUT")" \
		'^daxpool destroy: p: pool is busy \(pages of the pool are still referenced: [0-9]+ of'
	is "$how: the pool is still active on its device" "$(pool_field p state) $(pool_field p chardev)" "active $dev"
	is "$how: the record has no intent" "$(jq -r '.intent // "none"' "$REGISTRY/$uuid.json")" none
	is "$how: the node's owner and mode are as they were" "$(stat -c '%U %G %a' "/dev/$dev")" "alice root 600"
	kill -TERM "$holder"
	wait_for '^released' || not_ok "$how: the holder let go"
	diag "$how: $(grep '^released' "$out")"
	check "$how: destroy works once the reference is gone" -- daxpool destroy p
	kill -TERM "$holder" 2>/dev/null
	wait
	is "$how: nothing left" "$(ns_count) $(rec_count)" "0 0"
}

ref_case "a pipe after vmsplice holds pages; nothing else" \
	run_as alice pin-hold vmsplice @DEV@
ref_case "an RDMA registration handed to a child by a parent that exited" \
	run_as alice pin-hold fork-mr @DEV@
ref_case "an RDMA registration whose addresses now hold anonymous memory" \
	run_as alice pin-hold remap @DEV@
ref_case "seventeen io_uring rings, the last over the pool" \
	run_as alice pin-hold rings 17 @DEV@

# Pins of other memory do not decide: a user namespace's and root's RDMA
# registrations of their own memory leave an idle pool free to go.
userns_case "a user namespace's RDMA registration of its own memory"
check "create u again" -- daxpool create u --size 32M --no-zero --owner alice
: > "$out"
pin-hold anon-mr 16777216 unmap > "$out" 2>&1 &
wait_for '"ok":true' || diag_file "$out"
svc=$(holder_pid)
check "a root service's RDMA registration of memory it unmapped does not block an idle pool" -- daxpool destroy u
kill -TERM "$svc"; sleep 0.2; kill -TERM "$svc" 2>/dev/null
wait

# A user the pool admits can lock its node exclusively; that keeps nobody
# else out: the lock is only destroy's quick hint, daxpool's marker says
# when a change is under way.
check "create g for alice and group dba" -- daxpool create g --size 32M --no-zero --owner alice --group dba --mode 0660
gdev=$(pool_field g chardev)
run_as oracle flock -x "/dev/$gdev" sleep 5 &
locker=$!
sleep 1
check "alice opens g while oracle holds an exclusive lock on its node" -- run_as alice daxio map g rw
check_fails "destroy is refused while oracle has the node open" -- daxpool destroy g
wait "$locker"
check "destroy g once oracle let go" -- daxpool destroy g

# The door, and a destroy killed once its intent is durable.
check "create d for alice" -- daxpool create d --size 32M --no-zero --owner alice --mode 0600 || done_testing
dev=$(pool_field d chardev)
uuid=$(pool_field d uuid)
(DAXPOOL_CUT_AT=destroy:intent-media DAXPOOL_CUT_STOP=1 exec daxpool destroy d > /tmp/destroy.out 2>&1) &
dpid=$!
i=0
while ! grep -q '^State:.*T' /proc/$dpid/status 2>/dev/null && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
is "the destroy stopped after its intent reached the media" "$(jq -r '.intent // "none"' "$REGISTRY/$uuid.json")" destroy
is "meanwhile the node is root's and closed" "$(stat -c '%U %G %a' "/dev/$dev")" "root root 0"
check_fails "its owner cannot chmod it open" -- run_as alice chmod 0666 "/dev/$dev"
check_fails "nor open it" -- run_as alice pin-hold map "/dev/$dev"
kill -KILL "$dpid"
wait "$dpid" 2>/dev/null
sleep 1
is "the killed destroy leaves the node closed (its intent is durable)" "$(stat -c '%U %G %a' "/dev/$dev")" "root root 0"
check_fails "alice cannot map it" -- run_as alice pin-hold map "/dev/$dev"
# a reference taken anyway (root can open mode 0): the repair must see it
: > "$out"
pin-hold raw-mr "/dev/$dev" > "$out" 2>&1 &
wait_for '"ok":' || diag_file "$out"
holder=$(holder_pid)
daxpool check --repair d > /tmp/check.json 2>/tmp/check.err
is "check --repair cannot finish the destroy of a referenced pool" "$?" 1
like "and says why" "$(jq -r '.[] | select(.problem == "destroy-cut") | .failure // .detail' /tmp/check.json)" \
	'busy.*referenced'
is "the pool is kept, its intent with it" "$(jq -r '.intent // "none"' "$REGISTRY/$uuid.json") $(stat -c %a "/dev/$dev")" "destroy 0"
kill -TERM "$holder"
wait_for '^released'
check "check --repair finishes the destroy once nothing references it" -- daxpool check --repair d
kill -TERM "$holder" 2>/dev/null
wait
is "nothing left" "$(ns_count) $(rec_count)" "0 0"
clean_slate
done_testing
