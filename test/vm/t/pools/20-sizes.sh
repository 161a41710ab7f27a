# the usable size is at least the request and a multiple of the align
# timeout: 600
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

for spec in 1M:4K 4K:4K 64M:2M 100M:2M 250M:4K 256M:2M 300M:2M 1G:1G 513M:2M; do
	size=${spec%:*} align=${spec#*:}
	case $size in *K) b=$((${size%K} << 10)) ;; *M) b=$((${size%M} << 20)) ;; *G) b=$((${size%G} << 30)) ;; esac
	case $align in 4K) a=4096 ;; 2M) a=2097152 ;; 1G) a=1073741824 ;; esac
	if ! check "create s $size align $align" -- daxpool create s --size "$size" --align "$align" --no-zero; then
		continue
	fi
	out=$(cat "$CHECK_OUT")
	got=$(echo "$out" | jq -r .size)
	dev=$(echo "$out" | jq -r .chardev)
	real=$(dev_size "$dev")
	[ "$real" -ge "$b" ] && ok "$size/$align: usable $real >= $b" || not_ok "$size/$align: usable $real < $b"
	is "$size/$align: usable is a multiple of the align" "$((real % a))" 0
	is "$size/$align: reported size is the device's" "$got" "$real"
	is "$size/$align: device align is $a" "$(cat /sys/bus/dax/devices/$dev/align)" "$a"
	nsz=$(daxpool list -v s | jq -r '.[0].namespace_size')
	diag "$size/$align: namespace $nsz bytes, usable $real"
	check "destroy s" -- daxpool destroy s
done
is "nothing left" "$(ns_count) $(rec_count)" "0 0"
done_testing
