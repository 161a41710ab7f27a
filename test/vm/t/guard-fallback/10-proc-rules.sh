# timeout: 600
# Where the kernel's page count cannot be read (here: a kernel locked down
# for confidentiality, which refuses BPF reads of kernel memory), destroy
# says so and the /proc rules decide, without the holes they had: a
# registration handed to a child whose parent made it and exited, a
# seventeenth io_uring ring, and a user namespace's full CapEff.
# (References no /proc file shows, such as a pipe after vmsplice, are what
# this fallback cannot see: daxpool-destroy(1); they are not tried here.)
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
out=/tmp/fallback.out

mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
like "the kernel is locked down" "$(cat /sys/kernel/security/lockdown 2>&1)" '\[confidentiality\]'
check "create idle" -- daxpool create idle --size 32M --no-zero --owner alice
check "an idle pool is destroyed" -- daxpool destroy idle
like "with a warning that /proc alone decided" "$(cat "$CHECK_OUT")" \
	"page counts cannot be read.*deciding by /proc alone"

# fb_case HOW CMD...: the holder keeps p; destroy names it
fb_case() {
	how=$1
	shift
	pool_held "$how" "$@" || return
	holder=$(holder_pid)
	check_fails "$how: destroy is refused" -- daxpool destroy p
	like "$how: naming the holder's pid $holder" "$(cat "$CHECK_OUT")" "busy \\(pid $holder "
	kill -TERM "$holder"
	wait_for '^released' || not_ok "$how: the holder let go"
	kill -TERM "$holder" 2>/dev/null
	wait
	check "$how: destroy works once the holder is gone" -- daxpool destroy p
}
fb_case "an RDMA registration handed to a child by a parent that exited" \
	run_as alice pin-hold fork-mr @DEV@
fb_case "seventeen io_uring rings, the last over the pool" \
	run_as alice pin-hold rings 17 @DEV@

userns_case "a user namespace's full CapEff is not the host's"
clean_slate
done_testing
