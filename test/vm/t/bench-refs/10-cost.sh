# timeout: 1800
# What the kernel's page count costs a destroy (issue 19): the count of a
# 64 MiB, a 1 GiB and a 16 GiB pool at 2M and 1G align, against the /proc
# scan alone, both as destroy runs them (page-refs: load the BPF reader,
# read every compound page; page-refs -s: every process's fds and maps).
# Figures, not assertions (scripts/bench).
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate
r=$(labeled_regions | head -n 1)

for spec in 64M:2M 1G:2M 1G:1G 16G:2M 16G:1G; do
	size=${spec%:*} align=${spec#*:}
	if ! daxpool create c --size "$size" --align "$align" --no-zero -r "$r" > /tmp/c.json 2>&1; then
		not_ok "create a $size pool at $align align"
		diag_file /tmp/c.json
		continue
	fi
	dev=$(pool_field c chardev)
	diag "$size at $align: $(page-refs "$dev")"
	count=$(timeit 5 page-refs "$dev")
	scan=$(timeit 5 page-refs -s "$dev")
	bench_row "kernel page count, $size pool, $align align (mean of 5)" "$count" \
		"the /proc scan alone" "$scan" ms ""
	ok "$size at $align: count $count ms, scan $scan ms"
	daxpool destroy c >/dev/null || not_ok "destroy the $size pool"
done
clean_slate
done_testing
