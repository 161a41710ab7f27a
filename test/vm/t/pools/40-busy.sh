# destroy refuses a pool that anyone has open or mapped, and changes nothing
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

check "create busy1" -- daxpool create busy1 --size 64M --owner alice --mode 0600 || done_testing
dev=$(pool_field busy1 chardev)
uuid=$(pool_field busy1 uuid)

# busy_case HOW CMD...: start a holder, try destroy, check nothing changed
busy_case() {
	how=$1
	shift
	# empty first: the holder's redirection happens in the background, and
	# the previous holder's lines must not be taken for this one's
	: > /tmp/holder.out
	"$@" > /tmp/holder.out 2>&1 &
	wait_for_in /tmp/holder.out '"ok":true\|holding'
	# the holder prints its own pid (run_as may put a shell in between)
	holder=$(sed -n 's/.*"pid":\([0-9]*\).*/\1/p; s/.*holding .*pid \([0-9]*\).*/\1/p' /tmp/holder.out)
	check_fails "$how: destroy is refused" -- daxpool destroy busy1
	msg=$(cat "$CHECK_OUT")
	like "$how: message says busy" "$msg" 'daxpool destroy: busy1: .*busy'
	like "$how: message names the holder's pid $holder" "$msg" "[ ,]$holder([^0-9]|\$)"
	is "$how: pool still listed active" "$(pool_field busy1 state)" active
	is "$how: same device" "$(pool_field busy1 chardev)" "$dev"
	is "$how: registry record intact, no intent" "$(jq -r '.intent // "none"' "$REGISTRY/$uuid.json")" none
	is "$how: namespace still there" "$(ns_count)" 1
	is "$how: node mode as it was" "$(stat -c '%U %a' "/dev/$dev")" "alice 600"
	kill "$holder"
	wait 2>/dev/null
}

busy_case "plain open+mmap" daxio hold "/dev/$dev"
busy_case "open fd only" daxio hold-fd "/dev/$dev"
busy_case "libdaxpool map as alice" run_as alice daxio map busy1 rw hold

check "after the holders are gone, destroy works" -- daxpool destroy busy1
is "nothing left" "$(ns_count) $(rec_count)" "0 0"

# several names: each reported, non-zero status if any failed
check "create m1" -- daxpool create m1 --size 32M --no-zero
check "create m2" -- daxpool create m2 --size 32M --no-zero
: > /tmp/holder.out
daxio hold "/dev/$(pool_field m2 chardev)" > /tmp/holder.out 2>&1 &
holder=$!
wait_for_in /tmp/holder.out holding || not_ok "the m2 holder started"
check_fails "destroy m1 m2 nosuch fails overall" -- daxpool destroy m1 m2 nosuch
msg=$(cat "$CHECK_OUT")
like "m1 reported destroyed" "$msg" 'm1: destroyed'
like "m2 reported busy" "$msg" 'm2: .*busy'
like "nosuch reported" "$msg" 'nosuch: no such pool'
is "only m2 remains" "$(daxpool list | jq -r '[.[].name] | join(",")')" m2
kill "$holder"; wait "$holder" 2>/dev/null
check "destroy m2" -- daxpool destroy m2
done_testing
