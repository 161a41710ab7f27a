# timeout: 1200
# Issue 3's benchmark: figures, not assertions (run with scripts/bench).
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
r=$(labeled_regions | head -n 1)

ms() { echo $(( $(date +%s%N) / 1000000 )); }

# create: daxpool (no zeroing) against ndctl for the same size
n=5
t=0
for i in $(seq $n); do
	s=$(ms); daxpool create b$i --size 64M --no-zero -r "$r" >/dev/null || not_ok "create b$i"; t=$((t + $(ms) - s))
done
dp_create=$((t / n))
for i in $(seq $n); do daxpool destroy b$i >/dev/null 2>&1; done
t=0
for i in $(seq $n); do
	s=$(ms); ndctl create-namespace -r "$r" -m devdax -s 80M -n n$i >/dev/null || not_ok "ndctl create n$i"; t=$((t + $(ms) - s))
done
nd_create=$((t / n))
ndctl destroy-namespace -f all -r "$r" >/dev/null 2>&1
diag "create 64M (daxpool --no-zero, incl. namespace overhead) : ${dp_create} ms avg of $n"
diag "ndctl create-namespace -m devdax 80M (same namespace)   : ${nd_create} ms avg of $n"
ok "create timings"

# list with 100 pools
for i in $(seq 100); do
	daxpool create l$i --size 4M --no-zero -r "$r" >/dev/null 2>/tmp/e || { not_ok "create l$i"; cat /tmp/e; break; }
done
diag "pools: $(daxpool list | jq length)"
s=$(ms); for i in 1 2 3; do daxpool list >/dev/null; done; dp_list=$(( ($(ms) - s) / 3 ))
s=$(ms); for i in 1 2 3; do ndctl list -N >/dev/null; done; nd_list=$(( ($(ms) - s) / 3 ))
diag "daxpool list, 100 pools : ${dp_list} ms"
diag "ndctl list -N, 100 ns   : ${nd_list} ms"
ok "list timings"
clean_slate

# zeroing throughput against memset on the same mapping
daxpool create z --size 512M --no-zero -r "$r" >/dev/null
diag "$(bench-zero "/dev/$(pool_field z chardev)" 3)"
ok "zeroing throughput"
daxpool destroy z >/dev/null
done_testing
