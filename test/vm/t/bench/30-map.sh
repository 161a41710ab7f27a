# Issue 4's benchmark: opening a pool by name against opening its device.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
daxpool create m --size 64M --owner alice --mode 0600 --no-zero >/dev/null
for n in $(seq 9); do
	daxpool create "other$n" --size 16M --no-zero >/dev/null
done
diag "as alice, 10 pools in the registry:"
run_as alice bench-map m 1000 2>&1 | while IFS= read -r l; do diag "$l"; done
ok "map benchmark"
clean_slate
done_testing
