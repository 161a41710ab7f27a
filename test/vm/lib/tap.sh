# tap.sh: TAP helpers for VM scenarios (POSIX sh; the guest's sh is dash).
# In a scenario:
#   . "$DAXPOOL_TEST_LIB/tap.sh"
#
# Results go to stdout as "ok - DESC" / "not ok - DESC", diagnostics as
# "# TEXT"; the runner marks them for the host, which numbers them. Every
# helper returns 0 when its test passed and 1 when it failed, so a scenario
# can skip what depends on a failed step:
#   check "make ns" -- ndctl create-namespace ... || { skip "use ns" "no ns"; }
#
#   ok DESC                      a passing test
#   not_ok DESC                  a failing test
#   skip DESC WHY                a skipped test ("ok - DESC # SKIP WHY")
#   diag TEXT...                 a diagnostic line (not a test)
#   check DESC -- CMD [ARG...]   ok if CMD exits 0; else not ok, with the
#                                command, its exit status and its output
#   check_fails DESC -- CMD...   ok if CMD exits non-zero (output on success)
#   is DESC GOT WANT             ok if the two strings are equal
#   isnt DESC GOT UNWANTED       ok if they differ
#   like DESC GOT REGEX          ok if GOT matches the extended regex
#   run_as USER CMD [ARG...]     run CMD as USER (uid, gid, supplementary groups)
#   power_cut                    ask the host to kill the guest now (see bed)
#   done_testing                 end the scenario: exit 0 (failures are
#                                already reported); prints a summary diag
#
# $CHECK_OUT holds the path of the file with the output of the last check.

TAP_TESTS=0
TAP_FAILS=0
CHECK_OUT=$(mktemp /tmp/check.XXXXXX)

ok() {
	TAP_TESTS=$((TAP_TESTS + 1))
	printf 'ok - %s\n' "$*"
	return 0
}

not_ok() {
	TAP_TESTS=$((TAP_TESTS + 1))
	TAP_FAILS=$((TAP_FAILS + 1))
	printf 'not ok - %s\n' "$*"
	return 1
}

skip() {
	TAP_TESTS=$((TAP_TESTS + 1))
	printf 'ok - %s # SKIP %s\n' "$1" "${2:-}"
	return 0
}

diag() {
	printf '# %s\n' "$*"
}

# mean N...: their mean, one decimal (a bench's figure from its runs)
mean() { echo "$@" | awk '{ for (i = 1; i <= NF; i++) s += $i; printf "%.1f", s / NF }'; }

# bench_row FIGURE DAXPOOL PEER_NAME PEER UNIT GOAL [NOTE]: one row of
# scripts/bench's table, as a diagnostic line the host collects. GOAL is
# "<=R" (daxpool/peer at most R: times), ">=R" (at least R: rates) or ""
# (a figure without a goal).
bench_row() {
	diag "BENCH $(jq -nc --arg f "$1" --arg d "$2" --arg pn "$3" --arg p "$4" \
		--arg u "$5" --arg g "$6" --arg n "${7:-}" \
		'{figure:$f, daxpool:($d|tonumber), peer_name:$pn, peer:($p|tonumber),
		  unit:$u, goal:$g, note:$n}')"
}

# Print a file as diagnostics (at most its last 30 lines).
diag_file() {
	tail -n 30 "$1" | while IFS= read -r l; do printf '#   %s\n' "$l"; done
}

check() {
	local desc=$1 rc
	shift
	[ "${1:-}" = -- ] && shift
	"$@" >"$CHECK_OUT" 2>&1
	rc=$?
	if [ "$rc" = 0 ]; then
		ok "$desc"
		return 0
	fi
	not_ok "$desc"
	diag "command: $*"
	diag "exit status: $rc"
	diag_file "$CHECK_OUT"
	return 1
}

check_fails() {
	local desc=$1 rc
	shift
	[ "${1:-}" = -- ] && shift
	"$@" >"$CHECK_OUT" 2>&1
	rc=$?
	if [ "$rc" != 0 ]; then
		ok "$desc"
		return 0
	fi
	not_ok "$desc"
	diag "command succeeded but should have failed: $*"
	diag_file "$CHECK_OUT"
	return 1
}

is() {
	if [ "$2" = "$3" ]; then
		ok "$1"
		return 0
	fi
	not_ok "$1"
	diag "got:  '$2'"
	diag "want: '$3'"
	return 1
}

isnt() {
	if [ "$2" != "$3" ]; then
		ok "$1"
		return 0
	fi
	not_ok "$1"
	diag "got '$2', which it should not be"
	return 1
}

like() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		ok "$1"
		return 0
	fi
	not_ok "$1"
	diag "got:  '$2'"
	diag "does not match: $3"
	return 1
}

run_as() {
	local user=$1
	shift
	setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups -- "$@"
}

# The host kills QEMU (SIGKILL, like pulling the plug) as soon as it reads
# this line; the next phase boots on the same NVDIMM. Lines after it are
# never run. If nothing happens within 60 s the bed does not watch for it.
# No sync: a power cut gives the kernel no chance to write anything back.
power_cut() {
	echo "DAXPOOL-CUT"
	sleep 60
	not_ok "power cut requested but the guest is still running"
	exit 1
}

done_testing() {
	diag "$TAP_TESTS tests, $TAP_FAILS failed"
	rm -f "$CHECK_OUT"
	exit 0
}
