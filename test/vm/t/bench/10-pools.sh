# timeout: 1200
# create against its peer, phase by phase, and zeroing against libpmem2
# (issues 3 and 12). Figures, not assertions (run with scripts/bench).
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
r=$(labeled_regions | head -n 1)

# the region's media copy exists already, as on any host with pools
daxpool create keeper --size 16M --no-zero -r "$r" >/dev/null

# create: daxpool (no zeroing) against ndctl for the same namespace size,
# followed by udevadm settle, since create returns once udev has applied
# owner, mode and link (sh -c adds a fork and exec to the peer's side).
# The two alternate, eight times, so that neither gets the quieter moments.
rm -f /tmp/ctrace
dps= nds= ns=
for i in 1 2 3 4 5 6 7 8; do
	t=$(DAXPOOL_CUT_TRACE=/tmp/ctrace timeit 1 daxpool create b$i --size 64M --no-zero -r "$r") ||
		not_ok "daxpool create b$i"
	[ -n "$ns" ] || ns=$(daxpool list -v b1 | jq -r '.[0].namespace_size')
	daxpool destroy b$i >/dev/null 2>&1
	u=$(time_peer_create "$r" "$ns" "n$i") || not_ok "ndctl create-namespace n$i"
	dps="$dps $t" nds="$nds $u"
done
dp=$(mean $dps) nd=$(mean $nds)
diag "create, alternating: daxpool$dps ms; ndctl + settle$nds ms"
ok "create timings"

# mean ms of each phase over the eight runs, from the trace's stamps
phases=$(awk '
	{ t[$1] = $2 / 1e6 }
	$1 == "time:create:udev" {
		p["validation (name, owner, lock, names on every media copy)"] += t["time:create:validated"] - t["time:create:begin"]
		p["region choice"] += t["time:create:placed"] - t["time:create:validated"]
		p["intent record (/etc, media copy)"] += t["create:intent-media"] - t["time:create:placed"]
		p["namespace (label, size)"] += t["create:namespace-labeled"] - t["create:intent-media"]
		p["info block and enable"] += t["create:provisioned"] - t["create:namespace-labeled"]
		p["commit record (media copy, /etc)"] += t["create:commit-etc"] - t["create:provisioned"]
		p["udev (owner, mode, link)"] += t["time:create:udev"] - t["create:commit-etc"]
		lib += t["time:create:udev"] - t["time:create:begin"]; n++
	}
	END {
		for (k in p) printf "%s: %.1f ms\n", k, p[k] / n
		printf "library total: %.1f ms\n", lib / n
	}' /tmp/ctrace)
if [ -n "$phases" ]; then
	echo "$phases" | while IFS= read -r l; do diag "create phase, mean of 8: $l"; done
	lib=$(echo "$phases" | sed -n 's/^library total: \(.*\) ms$/\1/p')
	diag "create phase, mean of 8: process (exec, libndctl context, JSON out, exit): $(awk -v a="$dp" -v b="$lib" 'BEGIN { printf "%.1f", a - b }') ms"
	note="phases: $(echo "$phases" | grep -v '^library' | tr '\n' ';')"
else
	note="no phase trace: build with -Dcut_points=true (scripts/setup does)"
fi
bench_row "create --no-zero 64M (mean of 8)" "$dp" "ndctl create-namespace -m devdax + udevadm settle" "$nd" ms "<=1.1" "$note"

# zeroing throughput against libpmem2 on the same device
daxpool create z --size 512M --no-zero -r "$r" >/dev/null
udevadm settle
check "bench-zero, best of 5" -- bench-zero "/dev/$(pool_field z chardev)" 5
diag_file "$CHECK_OUT"
set -- $(grep '^zero ' "$CHECK_OUT")
bench_row "zeroing 512M (MiB/s, best of 5)" "$2" "pmem2_memset non-temporal, same threads" "$3" "MiB/s" ">=1.0" "plain memset on a mapping faulted once: $4 MiB/s"
daxpool destroy z >/dev/null
clean_slate
done_testing
