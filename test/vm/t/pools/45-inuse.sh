# timeout: 400
# The in-use scan can be neither fooled nor abused: an unprivileged user's
# forged mapping names do not block a destroy; a destroy closes the pool's
# node only once it has found the pool idle, map_open then says EBUSY, a
# udev event does not open the node again, and a killed destroy leaves the
# node as it was.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
out=/tmp/inuse.out


# forge TRICK: as nobody, map a file whose name the old scanner misread
forge() {
	check "create f" -- daxpool create f --size 32M --no-zero --owner alice || return
	dev=$(pool_field f chardev)
	dir=/tmp/forge-$1
	rm -rf "$dir"
	mkdir -p "$dir"
	chown nobody "$dir"
	: > "$out"
	(cd "$dir" && run_as nobody pin-hold "forge-$1" "/dev/$dev") > "$out" 2>&1 &
	if ! wait_for '"ok":'; then
		not_ok "$1: the forger started"
		diag_file "$out"
	fi
	forger=$(jq -r .pid "$out" 2>/dev/null)
	check_fails "$1: nobody cannot open the pool itself" -- run_as nobody daxio map f ro
	check "$1: a forged mapping by nobody does not block destroy" -- daxpool destroy f
	kill -KILL "$forger" 2>/dev/null
	wait
	daxpool destroy f >/dev/null 2>&1
	rm -rf "$dir"
}
forge deleted
forge long

# a slow scan (a process with thousands of mapped files) so that a destroy
# can be caught in the middle
mkdir -p /tmp/slow
: > "$out"
(cd /tmp/slow && pin-hold many-maps 4000) > "$out" 2>&1 &
wait_for '"ok":true' || { not_ok "the slow-scan helper started"; diag_file "$out"; }
slow=$(jq -r .pid "$out")

check "create busy" -- daxpool create busy --size 32M --no-zero --owner alice || done_testing
bdev=$(pool_field busy chardev)
: > /tmp/holder.out
run_as alice daxio map busy rw hold > /tmp/holder.out 2>&1 &
holder=$!
wait_for_in /tmp/holder.out '"ok":true' || not_ok "alice's holder started"
# a refused destroy never closes the node, not even for a moment: a chmod
# would change the node's ctime
before=$(stat -c %z "/dev/$bdev")
check_fails "the busy pool's destroy is refused" -- daxpool destroy busy
like "as busy" "$(cat "$CHECK_OUT")" busy
is "its node was not touched (same ctime, mode 600)" \
	"$(stat -c '%z %a' "/dev/$bdev")" "$before 600"
kill "$holder"
wait "$holder" 2>/dev/null

check "create door" -- daxpool create door --size 32M --no-zero --owner alice --mode 0600 || done_testing
dev=$(pool_field door chardev)
uuid=$(pool_field door uuid)
rm -f /tmp/destroy.done
(exec daxpool destroy door > /tmp/destroy.out 2>&1) &
dpid=$!
(wait_exit "$dpid"; touch /tmp/destroy.done) &
caught=
i=0
while [ ! -e /tmp/destroy.done ] && [ $i -lt 20000 ]; do
	if [ "$(stat -c %a "/dev/$dev" 2>/dev/null)" = 0 ]; then
		kill -STOP "$dpid"
		caught=1
		break
	fi
	i=$((i + 1))
done
if [ -z "$caught" ]; then
	not_ok "caught a destroy with the node closed"
	diag_file /tmp/destroy.out
else
	ok "caught a destroy with the node closed"
	diag "marker: $(cat /run/daxpool/quiesce/$uuid 2>&1)"
	is "the closed node is root's, so that its owner cannot open it again" \
		"$(stat -c '%U %G %a' "/dev/$dev")" "root root 0"
	check_fails "alice cannot chmod it open" -- run_as alice chmod 0600 "/dev/$dev"
	run_as alice daxio map door rw > /tmp/open.out 2>&1
	is "meanwhile map_open says EBUSY (16), not EACCES" "$(jq -r .errno /tmp/open.out)" 16
	udevadm trigger -c change "/sys/bus/dax/devices/$dev"
	udevadm settle --timeout=30
	is "a udev change event does not open the node again" "$(stat -c %a "/dev/$dev")" 0
	kill -KILL "$dpid"
	wait "$dpid" 2>/dev/null
	i=0
	while [ "$(stat -c %a "/dev/$dev")" = 0 ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	check_fails "no marker is left" -- test -e "/run/daxpool/quiesce/$uuid"
	if [ "$(jq -r '.intent // "none"' "$REGISTRY/$uuid.json")" = none ]; then
		is "the killed destroy's node has its owner and mode back" "$(stat -c '%U %a' "/dev/$dev")" "alice 600"
		check "alice opens the pool again" -- run_as alice daxio map door rw
	else
		diag "the destroy was killed after writing its intent (a cut-short change for 'check')"
		is "the killed destroy's node stays root-only (its intent is durable)" "$(stat -c '%U %a' "/dev/$dev")" "root 0"
	fi
fi
kill -KILL "$slow"
wait
clean_slate
done_testing
