# phases: 4
# timeout: 600
# daxpool apply FILE: the pools a host should have. Phase 2 (a clean host
# after 10-cdi): a dry run changes nothing, apply creates what is missing
# and chowns and chmods what differs, a second run does nothing and says
# so, a size or type that differs is reported and kept, a bad file names
# its line and changes nothing, --prune destroys what the file lacks but
# never a busy pool. Phase 3: /etc/daxpool was lost: activate brought the
# pmem pools back from their media copies, apply finds them and makes only
# the ram pool again; then a power cut in the middle of an apply. Phase 4:
# activate at boot finishes the cut create's rollback and applies
# /etc/daxpool/pools.conf (t/fleet/.activate-at-boot): the host has the
# file's pools, check is clean and apply has nothing left to do.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
out=/tmp/apply.out
err=/tmp/apply.err
f=/tmp/pools.json

# apply_ok WHAT ARGS...: apply succeeds; its JSON in $out, stderr in $err
apply_ok() {
	what=$1
	shift
	if daxpool apply "$@" > "$out" 2> "$err"; then
		ok "$what"
	else
		not_ok "$what"
		diag_file "$out"
		diag_file "$err"
	fi
}
actions() { jq -r '[.changes[] | "\(.action) \(.name)"] | join(", ")' "$out"; }
names() { daxpool list | jq -r '[.[].name] | sort | join(" ")'; }
owned() { daxpool list "$1" | jq -r '.[0] | "\(.owner) \(.group) \(.mode)"'; }

case $DAXPOOL_PHASE in
1)
	# (10-cdi's pools are about: only what changes nothing)
	printf '[ { "name": "u1", "size": "32M", "owner": "alice" } ]\n' > "$f"
	chmod 0644 "$f"
	run_as alice daxpool apply "$f" > "$out" 2> "$err"
	is "apply as a user: refused, nothing done (exit 2)" "$?" 2
	like "it says a change needs root" "$(cat "$err")" "root"
	check "a user's dry run shows the plan" -- run_as alice daxpool apply --dry-run "$f"
	is "u1 would be created" "$(jq -r '.changes[0] | "\(.action) \(.name)"' "$CHECK_OUT" 2>/dev/null)" "create u1"
	check_fails "and nothing was" -- daxpool list u1
	;;
2)
	clean_slate
	cat > "$f" <<-'X'
	[
	  { "name": "a1", "size": 33554432, "owner": "alice", "mode": "0600" },
	  { "name": "a2", "size": "64M", "owner": "bob", "group": "dba", "mode": "0660" },
	  { "name": "ar", "size": "64M", "type": "ram", "owner": "alice" }
	]
	X
	apply_ok "dry run" --dry-run "$f"
	is "it plans three creates" "$(actions)" "create a1, create a2, create ar"
	is "and makes nothing" "$(names)" ""
	apply_ok "apply on a fresh host" "$f"
	is "it created three pools" "$(actions)" "create a1, create a2, create ar"
	is "the host has them" "$(names)" "a1 a2 ar"
	is "a2: bob dba 0660" "$(owned a2)" "bob dba 0660"
	is "ar is a ram pool" "$(pool_field ar type)" ram
	check "alice opens a1 by name" -- run_as alice daxio map a1 rw write
	apply_ok "apply again" "$f"
	is "changes nothing" "$(jq '.changes | length' "$out")" 0
	like "and says so" "$(cat "$err")" "nothing to change"
	check "check is clean" -- daxpool check

	# the file changes: an owner, a mode, a size, a type
	sed -i 's/"owner": "bob", "group": "dba", "mode": "0660"/"owner": "alice", "group": "dba", "mode": "0640"/' "$f"
	apply_ok "apply a new owner and mode" "$f"
	is "chown and chmod a2" "$(actions)" "chown a2, chmod a2"
	is "a2: alice dba 0640" "$(owned a2)" "alice dba 0640"
	size=$(pool_field a1 size)
	sed -i 's/"size": 33554432/"size": "128M"/' "$f"
	daxpool apply "$f" > "$out" 2> "$err"
	is "a size that differs: exit 1" "$?" 1
	is "reported" "$(jq -r '.differ[0] | "\(.name) \(.key)"' "$out")" "a1 size"
	like "on stderr too" "$(cat "$err")" "a1.*size"
	is "and a1 kept as it was" "$(pool_field a1 size)" "$size"
	sed -i 's/"size": "128M"/"size": 33554432/' "$f"

	# a bad file: named by line, nothing changed
	cp "$f" /tmp/bad.json
	sed -i 's/"mode": "0640"/"mode": "0999"/' /tmp/bad.json
	sed -i 's/^\[/[\n  { "name": "new1", "size": "32M" },/' /tmp/bad.json
	check_fails "a bad mode" -- daxpool apply /tmp/bad.json
	like "names the file and line 4" "$(cat "$CHECK_OUT")" "bad.json:4:.*mode"
	is "and nothing changed (no new1)" "$(names)" "a1 a2 ar"
	printf '[ { "name": "x", "size": "32M", }\n' > /tmp/bad.json
	check_fails "broken JSON" -- daxpool apply /tmp/bad.json
	like "names the line" "$(cat "$CHECK_OUT")" "bad.json:1"
	printf '[ { "name": "x", "size": "32M", "colour": "red" } ]\n' > /tmp/bad.json
	check_fails "an unknown key" -- daxpool apply /tmp/bad.json
	like "named" "$(cat "$CHECK_OUT")" "colour"
	printf '[ { "name": "x", "size": "32M", "owner": "nosuchuser" } ]\n' > /tmp/bad.json
	check_fails "an unknown owner" -- daxpool apply /tmp/bad.json
	like "named" "$(cat "$CHECK_OUT")" "nosuchuser"
	is "nothing changed" "$(names)" "a1 a2 ar"

	# --prune: what the file lacks goes, unless in use
	daxpool create extra --size 32M --owner alice > /dev/null
	apply_ok "without --prune an extra pool stays" "$f"
	is "listed as extra" "$(jq -r '.extra | join(" ")' "$out")" extra
	: > /tmp/hold.out
	run_as alice daxio map extra ro hold > /tmp/hold.out 2>&1 &
	wait_for_in /tmp/hold.out '"ok":true'
	holder=$(jq -r .pid /tmp/hold.out)
	check_fails "--prune of a busy pool: refused" -- daxpool apply --prune "$f"
	like "busy, with the holder's pid" "$(cat "$CHECK_OUT")" "busy.*pid $holder"
	is "extra is still there" "$(names)" "a1 a2 ar extra"
	kill "$holder"
	wait_exit "$holder"
	apply_ok "--prune once it is idle" --prune "$f"
	is "destroys extra" "$(actions)" "destroy extra"
	is "the host has the file's pools" "$(names)" "a1 a2 ar"

	# the next boot loses /etc/daxpool (pools.conf with it)
	check "a1 gets a pattern" -- run_as alice daxio map a1 rw pattern 3
	echo fresh > "$DAXPOOL_STATE/next-boot-etc"
	;;
3)
	is "after losing /etc, activate brought the pmem pools back" "$(names)" "a1 a2"
	# what cloud-init or Ansible would write again
	cat > /etc/daxpool/pools.conf <<-'X'
	[
	  { "name": "a1", "size": 33554432, "owner": "alice", "mode": "0600" },
	  { "name": "a2", "size": "64M", "owner": "alice", "group": "dba", "mode": "0640" },
	  { "name": "ar", "size": "64M", "type": "ram", "owner": "alice" }
	]
	X
	apply_ok "apply the file again" /etc/daxpool/pools.conf
	is "only the ram pool is made" "$(actions)" "create ar"
	check "a1 kept its data" -- run_as alice daxio map a1 ro verify 3
	apply_ok "and again" /etc/daxpool/pools.conf
	is "nothing to do" "$(jq '.changes | length' "$out")" 0
	# two more pools; the power goes while the first is being made
	jq '. + [{"name":"a3","size":"32M","owner":"bob"},{"name":"a4","size":"32M"}]' \
		/etc/daxpool/pools.conf > /tmp/p.conf && mv /tmp/p.conf /etc/daxpool/pools.conf
	sync
	DAXPOOL_CUT_AT=create:provisioned daxpool apply /etc/daxpool/pools.conf
	not_ok "the power cut happened"
	;;
4)
	is "activate at boot applied pools.conf: the file's pools" "$(names)" "a1 a2 a3 a4 ar"
	is "a3 is bob's" "$(owned a3 | cut -d' ' -f1)" bob
	check "check is clean" -- daxpool check
	check "a1 kept its data" -- run_as alice daxio map a1 ro verify 3
	apply_ok "apply after the boot" /etc/daxpool/pools.conf
	is "has nothing to do" "$(jq '.changes | length' "$out")" 0
	rm -f /etc/daxpool/pools.conf
	clean_slate
	;;
esac
done_testing
