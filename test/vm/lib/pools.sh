# pools.sh: helpers for scenarios that exercise daxpool pools (busybox sh).
#   . "$DAXPOOL_TEST_LIB/pools.sh"   (after tap.sh)

REGISTRY=/etc/daxpool/pools

# The labeled pmem regions (nstype 5), and label-less ones (nstype 4, "io").
labeled_regions() {
	for r in /sys/bus/nd/devices/region*; do
		[ "$(cat "$r/nstype" 2>/dev/null)" = 5 ] && basename "$r"
	done
}
labelless_regions() {
	for r in /sys/bus/nd/devices/region*; do
		[ "$(cat "$r/nstype" 2>/dev/null)" = 4 ] && basename "$r"
	done
}

# How many namespaces hold space, and how many registry records exist:
# a refused or rolled-back change must leave both as they were.
# (labeled namespaces only: the label-less DIMM's legacy one has no uuid)
# (daxpool's own media copy, labeled .daxpool-meta, is counted apart by
# meta_count: it comes with a region's first pool and goes with its last)
ns_count() {
	ndctl list -N 2>/dev/null |
		jq -s '[.[] | if type == "array" then .[] else . end | select(.uuid != null and .name != ".daxpool-meta")] | length'
}
meta_count() {
	ndctl list -N 2>/dev/null |
		jq -s '[.[] | if type == "array" then .[] else . end | select(.name == ".daxpool-meta")] | length'
}
rec_count() {
	ls "$REGISTRY" 2>/dev/null | grep -c '\.json$'
}

# FIELD of pool NAME from daxpool list
pool_field() {
	daxpool list "$1" 2>/dev/null | jq -r ".[0].$2"
}

# the dax device's size in sysfs: what the kernel really gave
dev_size() {
	cat "/sys/bus/dax/devices/$1/size"
}

# make_pools N PREFIX ARGS...: N pools PREFIX1..PREFIXN made with
# `daxpool create NAME ARGS...` (benchmarks' scale); says which failed
make_pools() {
	n=$1 prefix=$2
	shift 2
	for i in $(seq "$n"); do
		daxpool create "$prefix$i" "$@" >/dev/null 2>/tmp/make_pools.err || {
			not_ok "create $prefix$i: $(cat /tmp/make_pools.err)"
			return 1
		}
	done
}

# traced_map USER NAME: `daxio map NAME ro` as USER under strace (the
# JSON line it prints); the files it opened or listed go to $TRACE.
# stderr stays out: an ASan build's LeakSanitizer says there that it does
# not work under ptrace, before a failed open's buffered line comes out.
TRACE=/tmp/open-trace
traced_map() {
	strace -f -qq -e trace=openat,open,getdents64 -o "$TRACE" \
		setpriv --reuid="$1" --regid="$(id -g "$1")" --init-groups -- \
		daxio map "$2" ro 2>/dev/null | head -n 1
}
# what of $TRACE only a full lookup does: list the registry, walk the nd
# or dax bus (a few lines; nothing when the open enumerated nothing)
open_enumerated() {
	grep -E '/etc/daxpool/pools", O_RDONLY\|O_NONBLOCK\|O_CLOEXEC\|O_DIRECTORY|/sys/bus/(nd|dax)/devices"|/sys/devices/[^"]*/region[0-9]+"' "$TRACE" | head -n 3
}

# destroy every pool and stray namespace so a scenario starts clean
clean_slate() {
	for n in $(daxpool list 2>/dev/null | jq -r '.[].name'); do
		daxpool destroy "$n" >/dev/null 2>&1
	done
	rm -f "$REGISTRY"/*.json
	for r in $(labeled_regions); do
		ndctl destroy-namespace -f all -r "$r" >/dev/null 2>&1
	done
}

# is process PID running? (kill -0 also succeeds on a zombie not yet waited
# for; a process whose main thread exited runs on in its other threads)
alive() {
	for s in /proc/$1/task/*/status; do
		[ -e "$s" ] && ! grep -q '^State:.*Z' "$s" && return 0
	done
	return 1
}

# wait_exit PID: until PID has exited (is gone or a zombie)
wait_exit() {
	while alive "$1"; do
		sleep 0.05
	done
}

# wait_for_in FILE PATTERN: until FILE has a line matching PATTERN, 60 s at
# most (a sanitizer build under TCG starts slowly); the status says whether
wait_for_in() {
	i=0
	while ! grep -q "$2" "$1" 2>/dev/null && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	grep -q "$2" "$1" 2>/dev/null
}

# wait_for PATTERN: the same in the file named by $out (a holder's output)
wait_for() {
	wait_for_in "$out" "$1"
}

# the pid a holder printed in its JSON line (in $out)
holder_pid() { sed -n 's/.*"pid":\([0-9]*\).*/\1/p' "$out" | head -n 1; }

# pool_held HOW CMD...: create pool p (alice's, 0600), run CMD in the
# background with @DEV@ as its node and its output in $out, and wait for
# the {"ok":...} line a holder prints. 0 when it holds (dev, uuid and size
# are set); otherwise says so (a skip where this kernel cannot register
# device-DAX as io_uring buffers), removes p and returns 1.
pool_held() {
	how=$1
	shift
	check "$how: create the pool" -- daxpool create p --size 64M --owner alice --mode 0600 || return 1
	dev=$(pool_field p chardev)
	uuid=$(pool_field p uuid)
	size=$(pool_field p size)
	cmd=$(echo "$*" | sed "s|@DEV@|/dev/$dev|g")
	: > "$out"
	eval "$cmd" > "$out" 2>&1 &
	if ! wait_for '"ok":'; then
		not_ok "$how: the holder started"
		diag_file "$out"
		return 1
	fi
	grep -q '"ok":false' "$out" || return 0
	if [ "$(jq -r .stage "$out" 2>/dev/null)" = io_uring_setup ] ||
	   grep -q 'IORING_REGISTER_BUFFERS.*"errno":95\|io_uring.*"errno":95' "$out"; then
		skip "$how: refused" "$(uname -r) cannot register device-DAX as io_uring buffers: $(cat "$out")"
	else
		not_ok "$how: the holder holds"
		diag_file "$out"
	fi
	wait
	daxpool destroy p >/dev/null 2>&1
	return 1
}

# userns_case HOW: pool u of alice's, idle, while nobody holds an RDMA
# registration of its own memory inside a user namespace (where its CapEff
# is full): destroy must take u, whatever decides
userns_case() {
	check "$1: create u for alice" -- daxpool create u --size 32M --no-zero --owner alice || return
	: > "$out"
	run_as nobody unshare -Ur pin-hold anon-mr 16777216 > "$out" 2>&1 &
	if ! wait_for '"ok":true'; then
		not_ok "$1: nobody registered memory inside a user namespace"
		diag_file "$out"
		wait
		daxpool destroy u >/dev/null 2>&1
		return
	fi
	ns=$(holder_pid)
	like "$1: nobody's process there has every capability" \
		"$(grep CapEff /proc/$ns/status)" 'CapEff:[[:space:]]+0*[13]?fffffffff'
	check "$1: it does not block destroying alice's idle pool" -- daxpool destroy u
	kill -TERM "$ns"; sleep 0.2; kill -TERM "$ns" 2>/dev/null
	wait
}

# pool_view NAME: what must survive a reboot or a lost /etc, as one line
pool_view() {
	daxpool list "$1" | jq -c '.[0] | {name, uuid, type, size, align, owner, group, mode, path, state}'
}

# same_pool_as NAME FILE: NAME is the pool whose pool_view FILE holds, and
# its node has that owner, group and mode (two TAP lines)
same_pool_as() {
	is "$1: the same pool as before" "$(pool_view "$1")" "$(cat "$2")"
	is "$1: its node's owner, group and mode" \
		"$(stat -c '%U:%G %04a' "$(readlink -f "/dev/daxpool/$1")")" \
		"$(jq -r '"\(.owner):\(.group) \(.mode)"' "$2")"
}

# time_peer_create REGION NSSIZE NAME: the milliseconds of a create's peer,
# `ndctl create-namespace -m devdax` of NSSIZE bytes named NAME followed by
# `udevadm settle` (create returns once udev is done); its namespace is
# destroyed after. Fails if the peer did.
time_peer_create() {
	t=$(timeit 1 sh -c "ndctl create-namespace -r $1 -m devdax -s $2 -n $3 && udevadm settle") ||
		return 1
	for d in $(ndctl list -N -r "$1" | jq -r ".[] | select(.name == \"$3\") | .dev"); do
		ndctl destroy-namespace -f "$d" >/dev/null 2>&1
	done
	echo "$t"
}
