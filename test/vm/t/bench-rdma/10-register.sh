# timeout: 900
# ibv_reg_mr on a pool (2M and 1G align) against anonymous 4K memory and
# hugetlbfs 2M memory of the same size (issues 5 and 12). Figures, not
# assertions: scripts/bench runs this group on 6.1 and on 6.12.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

# WHY: where the time goes (libdaxpool-rdma(3), "Registration cost")
WHY="GUP's lock-free fast path refuses FOLL_LONGTERM on pmd/pud_devmap (it cannot tell device-DAX from fsdax), so every 512-page chunk of a pool takes the slow path: mmap lock, a page-table walk and get_dev_pagemap per 4K page; anonymous 4K memory is pinned lock-free, hugetlbfs takes one reference per 2M folio"

# reg_row ALIGN SIZE MIB: register MIB of a SIZE pool of that align, and
# as much anonymous and hugetlbfs memory
reg_row() {
	align=$1 size=$2 mib=$3
	check "create a $size pool, align $align" -- daxpool create "r$align" --size "$size" --align "$align" --no-zero || return
	echo $((mib / 2)) > /proc/sys/vm/nr_hugepages
	is "$((mib / 2)) huge pages of 2 MiB" "$(cat /proc/sys/vm/nr_hugepages)" $((mib / 2))
	check "bench-reg-mr, 5 repetitions each, ${mib} MiB" -- bench-reg-mr "r$align" 5 "$mib"
	diag_file "$CHECK_OUT"
	set -- $(grep '^reg ' "$CHECK_OUT")
	if [ $# -eq 4 ]; then
		bench_row "ibv_reg_mr ${mib}M, pool align $align (median of 5)" "$2" "anonymous 4K" "$3" us "<=1.0" \
			"hugetlbfs 2M: $4 us, the pool $(awk -v a="$2" -v b="$4" 'BEGIN { printf "%.2f", a / b }')x; $WHY"
	fi
	echo 0 > /proc/sys/vm/nr_hugepages
	check "destroy the pool" -- daxpool destroy "r$align"
}

reg_row 2M 256M 256
reg_row 1G 1G 512
done_testing
