# Opening a pool by name against opening its device (issues 4 and 12):
# repeated in one process, and the first open in a new process. The
# scaling group (t/scale) measures the first open again with many pools.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
daxpool create m --size 64M --owner alice --mode 0600 --no-zero >/dev/null
check "as alice, the only pool: bench-map m 1000" -- run_as alice bench-map m 1000
diag_file "$CHECK_OUT"
set -- $(grep '^repeat ' "$CHECK_OUT"); lib=$2 raw=$3
bench_row "map_open+close, repeated" "$lib" "open+mmap+munmap+close" "$raw" us "<=1.2"
set -- $(grep '^first ' "$CHECK_OUT"); lib=$2 raw=$3
bench_row "first map_open in a new process, 1 pool" "$lib" "open+mmap in a new process" "$raw" us "<=1.5"
set -- $(grep '^faults ' "$CHECK_OUT"); lib=$2 raw=$3
bench_row "minor page faults of that first open" "$lib" "open+mmap in a new process" "$raw" faults ""
set -- $(grep '^warm ' "$CHECK_OUT"); lib=$2 raw=$3
bench_row "the same, the library run once before in the process" "$lib" "open+mmap in a new process" "$raw" us "" \
	"a new context's first open where the library's pages are already in: the first open's calls without most of its faults"

# The profile behind those rows: each system call of a first open, of the
# second (which maps the change counter, once), of a reopen and of the
# peer's open, with its time in the kernel (strace -T slows every call
# alike). What the calls do not add up to is the library's own code and
# its page faults.
TRACE=/tmp/map-trace
check "as alice, one of each open under strace" -- \
	run_as alice strace -qq -T -o "$TRACE" bench-map m --trace
for seg in first second reopen raw; do
	diag "profile: $seg"
	awk -v seg="$seg" '
		index($0, "\"" seg "-begin\"") { on = 1; next }
		index($0, "\"" seg "-end\"") { on = 0 }
		on && match($0, /<[0-9.]+>$/) {
			us = substr($0, RSTART + 1, RLENGTH - 2) * 1e6
			sum += us; n++
			call = substr($0, 1, RSTART - 1)
			sub(/ +$/, "", call)
			printf "%6.0f us  %.100s\n", us, call
		}
		END { printf "%d calls, %.0f us in them\n", n, sum }' "$TRACE" |
		while IFS= read -r l; do diag "  $l"; done
done
clean_slate
done_testing
