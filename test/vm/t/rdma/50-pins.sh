# timeout: 600
# A pool that anyone holds or pins is never destroyed: every way of holding
# it (a library map, a library registration after its map was closed, a
# plain mapping, a plain registration after munmap, io_uring fixed buffers,
# a thread group whose leader exited, a mapping through another mount
# namespace's node) is refused at once with "busy" and the holder's pid,
# the holder keeps using its pool, and destroy works once it lets go. No
# kernel oops (run-phase checks dmesg after every scenario).
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
out=/tmp/pin.out


# milliseconds since boot (busybox date has no %N)
ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }


# pin_case HOW RELEASE CMD...: a fresh pool p, held by CMD (which prints
# {"ok":true,"pid":N}); destroy must be refused until the holder lets go.
# RELEASE: "signal" (the holder writes its pool on SIGUSR1; SIGTERM
# releases, and destroy then works while the holder runs), "plain" (the
# same, but the release is invisible to the library: only exit ends the
# hold) or "exit" (the holder just holds until it is killed).
pin_case() {
	how=$1 release=$2
	shift 2
	pool_held "$how" "$@" || return
	holder=$(holder_pid)
	t0=$(ms)
	check_fails "$how: destroy is refused" -- daxpool destroy p
	t=$(($(ms) - t0))
	msg=$(cat "$CHECK_OUT")
	like "$how: the message says busy" "$msg" '^daxpool destroy: p: .*busy'
	like "$how: and names the holder's pid $holder" "$msg" "held by pids? ([0-9]+, )*$holder([^0-9]|\$)"
	diag "$how: refused in $t ms: $msg"
	[ "$t" -lt 3000 ] && ok "$how: refused at once, without waiting" ||
		not_ok "$how: refused at once ($t ms)"
	is "$how: the pool is still active" "$(pool_field p state)" active
	is "$how: same device" "$(pool_field p chardev)" "$dev"
	is "$how: the record has no intent" "$(jq -r '.intent // "none"' "$REGISTRY/$uuid.json")" none
	is "$how: the node's owner and mode are as they were" "$(stat -c '%U %a' "/dev/$dev")" "alice 600"
	check "$how: rename works in the registry only" -- daxpool rename p p2
	like "$how: saying the pool is in use" "$(cat "$CHECK_OUT")" "in use"
	is "$how: the namespace label was not touched" "$(daxpool list -v p2 | jq -r '.[0].label')" p
	like "$how: and naming the holder" "$(cat "$CHECK_OUT")" "busy.*pid $holder"
	check "$how: rename back" -- daxpool rename p2 p
	if [ "$release" = exit ]; then
		check "$how: the holder still runs" -- alive "$holder"
		kill -KILL "$holder"
		wait
		check "$how: destroy works once the holder has exited" -- daxpool destroy p
	else
		kill -USR1 "$holder"
		wait_for '^round 1:' && like "$how: the holder still writes and reads its pool" \
			"$(grep '^round 1:' "$out")" "wrote and read back $size bytes, 0 wrong"
		kill -TERM "$holder"
		wait_for '^released' || not_ok "$how: the holder released its pin"
		if [ "$release" = plain ]; then
			# plain ibv_dereg_mr after close: the library cannot know; the
			# hold lasts until the process exits (libdaxpool-rdma(3))
			check_fails "$how: still held while the process lives" -- daxpool destroy p
			kill -TERM "$holder"
			wait
			check "$how: destroy works once the holder has exited" -- daxpool destroy p
		else
			check "$how: destroy works once the pin is released (holder still running)" -- daxpool destroy p
			kill -TERM "$holder"
		fi
	fi
	wait
	is "$how: nothing left" "$(ns_count) $(rec_count)" "0 0"
}

pin_case "the issue's sequence: library MR kept after daxpool_map_close" signal \
	run_as alice pin-hold lib-mr p
pin_case "library MR after close, released with plain ibv_dereg_mr" plain \
	run_as alice pin-hold lib-mr p plain
pin_case "plain ibv_reg_mr, then munmap and close" signal \
	run_as alice pin-hold raw-mr @DEV@
pin_case "io_uring fixed buffer, then munmap and close" signal \
	run_as alice pin-hold uring @DEV@
pin_case "a library map" exit \
	run_as alice daxio map p rw hold
pin_case "a plain mapping, fd closed" exit \
	run_as alice pin-hold map @DEV@
pin_case "a mapping held by a thread whose leader exited" exit \
	run_as alice pin-hold thread-exit @DEV@
# another mount namespace, its own node for the device under another path
pin_case "a mapping through a node in another mount namespace" exit \
	unshare -m sh -c 'mount -t tmpfs ns /mnt && mknod /mnt/$(basename @DEV@) c $(stat -c "%t %T" @DEV@ | while read a b; do echo $((0x$a)) $((0x$b)); done) && exec pin-hold map /mnt/$(basename @DEV@)'

# An RDMA registration of a process's own memory is not the pool's, and
# the kernel's page count tells them apart: bob's registration blocks
# neither alice's pool nor one bob could open (before the count decided,
# the second was refused, since /proc cannot say which memory an MR pins).
check "create q for alice" -- daxpool create q --size 32M --no-zero --owner alice
: > "$out"
run_as bob pin-hold anon-mr 4194304 > "$out" 2>&1 &
wait_for '"ok":true' || diag_file "$out"
other=$(holder_pid)
check "bob's MR of his own memory does not block destroying alice's pool" -- daxpool destroy q
check "create q for bob" -- daxpool create q --size 32M --no-zero --owner bob
check "nor a pool bob can open: the kernel's count shows it unreferenced" -- daxpool destroy q
kill -TERM "$other"
wait_for '^released'
kill -TERM "$other"
wait
done_testing
