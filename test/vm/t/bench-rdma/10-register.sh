# timeout: 900
# ibv_reg_mr on a pool (2M and 1G align) against anonymous 4K memory and
# hugetlbfs 2M memory of the same size (issues 5 and 12). Figures, not
# assertions: scripts/bench runs this group on 6.1 and on 6.12.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

# WHY: where the time goes on this kernel (libdaxpool-rdma(3),
# "Registration cost"; mm/gup.c of 6.1, 6.12 and 7.1 read for it). On
# every kernel here the lock-free fast path refuses a long-term pin of the
# pool, so each 512-page chunk takes the slow path under the mmap lock;
# what differs is how much of a huge entry that path takes per look-up.
# (busybox's sort has no -V: the guest's version test is awk's)
kernel_at_least() {
	uname -r | awk -F'[.-]' -v want="$1" '{ split(want, w, ".")
		exit !($1 > w[1] || ($1 == w[1] && $2 >= w[2])) }'
}
SLOW="GUP's lock-free fast path refuses FOLL_LONGTERM on the pool"
if kernel_at_least 6.17; then
	WHY="$SLOW (a file-backed folio), so it takes the slow path under the mmap lock; there, with the devmap bit gone, follow_huge_pmd/pud take a whole 2M or 1G folio per look-up, where anonymous 4K memory is pinned page by page lock-free"
elif kernel_at_least 6.12; then
	WHY="$SLOW (pmd/pud_devmap), so it takes the slow path under the mmap lock; there a 1G entry is taken whole per look-up (follow_huge_pud), a 2M one 4K at a time (follow_devmap_pmd: page table walk, lock and get_dev_pagemap per page); anonymous 4K memory is pinned lock-free"
else
	WHY="$SLOW (pmd/pud_devmap: it cannot tell device-DAX from fsdax), so every 512-page chunk takes the slow path: mmap lock, a page-table walk and get_dev_pagemap per 4K page, at either align; anonymous 4K memory is pinned lock-free, hugetlbfs takes one reference per 2M folio"
fi

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
