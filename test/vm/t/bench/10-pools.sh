# timeout: 1200
# Issue 3's benchmark: figures, not assertions (run with scripts/bench).
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
r=$(labeled_regions | head -n 1)

# create: daxpool (no zeroing) against ndctl for the same namespace size
# (daxpool's 64M pool needs an 80M namespace: 64M usable after metadata)
dp=$(timeit 5 daxpool create b%i --size 64M --no-zero -r "$r") || not_ok "daxpool create"
ns=$(daxpool list -v b1 | jq -r '.[0].namespace_size')
for i in 1 2 3 4 5; do daxpool destroy b$i >/dev/null 2>&1; done
nd=$(timeit 5 ndctl create-namespace -r "$r" -m devdax -s "$ns" -n n%i) || not_ok "ndctl create-namespace"
ndctl destroy-namespace -f all -r "$r" >/dev/null 2>&1
diag "create, mean of 5: daxpool create --size 64M --no-zero ${dp} ms; ndctl create-namespace -m devdax -s $ns ${nd} ms"
ok "create timings"

# list with 100 pools
make_pools 100 l --size 4M --no-zero -r "$r"
diag "pools: $(daxpool list | jq length)"
dl=$(timeit 5 daxpool list)
nl=$(timeit 5 ndctl list -N)
diag "list, 100 pools, mean of 5: daxpool list ${dl} ms; ndctl list -N ${nl} ms"
ok "list timings"
clean_slate

# zeroing throughput against memset on the same mapping
daxpool create z --size 512M --no-zero -r "$r" >/dev/null
diag "$(bench-zero "/dev/$(pool_field z chardev)" 3)"
ok "zeroing throughput"
daxpool destroy z >/dev/null
done_testing
