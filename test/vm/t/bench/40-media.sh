# timeout: 1200
# Issue 9's figures: activate at 100 pools against ndctl list -N, and what
# the media copy adds to create, chown and destroy (the media steps timed
# from the cut-point trace of a -Dcut_points=true build, within the same
# runs as the totals). Figures, not assertions (scripts/bench).
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
r=$(labeled_regions | head -n 1)

make_pools 100 a --size 4M --no-zero -r "$r"
diag "pools: $(daxpool list | jq length)"
# the two alternate, five times, so that neither gets the quieter moments
# (one after the other, 7.3's ratio went from 1.11 to 1.54 between runs)
ws= ns=
for i in 1 2 3 4 5; do
	ws="$ws $(timeit 1 daxpool activate)" ns="$ns $(timeit 1 ndctl list -N)"
done
warm=$(mean $ws) nd=$(mean $ns)
rm -f /etc/daxpool/pools/*.json
cold=$(timeit 1 daxpool activate)
is "activate rebuilt all 100 records" "$(ls /etc/daxpool/pools | wc -l)" 100
diag "activate, 100 pools, alternating: daxpool$ws ms; ndctl list -N$ns ms"
diag "activate, 100 pools: ${warm} ms with /etc in place (mean of 5), ${cold} ms rebuilding /etc from the media; ndctl list -N ${nd} ms (mean of 5)"
bench_row "activate, 100 pools, /etc in place (mean of 5)" "$warm" "ndctl list -N" "$nd" ms "<=1.5"
bench_row "activate, 100 pools, rebuilding /etc from the media" "$cold" "ndctl list -N" "$nd" ms ""
ok "activate timings"
clean_slate

# the media copy's share of each verb: its steps, from the trace
rm -f /tmp/trace
export DAXPOOL_CUT_TRACE=/tmp/trace
daxpool create first --size 16M --no-zero -r "$r" >/dev/null
t_create=$(timeit 5 daxpool create m%i --size 64M --no-zero -r "$r")
t_chown=$(timeit 5 daxpool chown bob m%i)
t_destroy=$(timeit 5 daxpool destroy m%i)
unset DAXPOOL_CUT_TRACE
daxpool destroy first >/dev/null
# mean ms between two points over the runs that passed both
span() {
	awk -v a="$1" -v b="$2" '$1 == a { t = $2 } $1 == b && t { s += $2 - t; n++; t = 0 }
		END { if (n) printf "%.1f", s / n / 1e6; else print "?" }' /tmp/trace
}
mc=$(echo "$(span create:intent-etc create:intent-media) $(span create:provisioned create:commit-media)" | awk '{print $1 + $2}')
mo=$(span chown:start chown:media)
md=$(echo "$(span destroy:intent-etc destroy:intent-media) $(span destroy:released destroy:media-dropped)" | awk '{print $1 + $2}')
for v in "create $t_create $mc" "chown $t_chown $mo" "destroy $t_destroy $md"; do
	set -- $v
	diag "$1 (mean of 5): ${2} ms in all, ${3} ms of it writing the media copy"
	bench_row "$1 with its media copy (mean of 5)" "$2" "the same, less the media steps" "$(echo "$2 $3" | awk '{printf "%.1f", $1 - $2}')" ms ""
done
ok "media copy cost"
clean_slate
done_testing
