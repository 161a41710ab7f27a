# The cxl machine is what the CXL scenarios rely on: three type-3 memdevs
# with the serial numbers the bed gave them, two persistent and one
# volatile; a root decoder for the fixed memory window; and a pmem region
# made with cxl(1) on the persistent memdev (known by its serial) becomes an
# nvdimm region that ndctl lists, and goes again.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/cxl.sh"

for m in cxl_acpi cxl_pci cxl_mem cxl_pmem; do
	check "module $m is loaded or built in" -- \
		sh -c "grep -q '^$m ' /proc/modules || test -d /sys/module/$m"
done
check "the cxl tool runs" -- cxl version

check "three memdevs appear" -- cxl_wait_memdevs 3
cxl_memdevs | while read -r j; do diag "memdev: $j"; done
is "cxl list -M shows three memdevs" "$(cxl_memdevs | grep -c .)" 3
is "every memdev has a non-zero serial" \
	"$(cxl_memdevs | jq -s 'map(select((.serial // 0) == 0)) | length')" 0

pmem=$(cxl_memdev "$CXL_PMEM_SERIAL")
ram=$(cxl_memdev "$CXL_RAM_SERIAL")
diag "persistent memdev: ${pmem:-none}, volatile memdev: ${ram:-none}"
check "the persistent device (serial $CXL_PMEM_SERIAL) is a memdev" -- test -n "$pmem"
check "the volatile device (serial $CXL_RAM_SERIAL) is a memdev" -- test -n "$ram"
check "the persistent memdev has pmem capacity" -- \
	test "$(cxl_memdev_json "$CXL_PMEM_SERIAL" | jq '.pmem_size // 0')" -gt 0
check "the volatile memdev has ram capacity" -- \
	test "$(cxl_memdev_json "$CXL_RAM_SERIAL" | jq '.ram_size // 0')" -gt 0

nd_items cxl list -D -d root | while read -r j; do diag "root decoder: $j"; done
decoder=$(cxl_root_decoder pmem)
check "a root decoder may map pmem" -- test -n "$decoder" || done_testing
[ -n "$pmem" ] || done_testing

regions_before=$(nd_items ndctl list -R | grep -c .)
check "cxl create-region -t pmem on $pmem ($decoder)" -- \
	cxl create-region -t pmem -m "$pmem" -d "$decoder" -w 1 || done_testing
region=$(jq -r '.region // empty' "$CHECK_OUT" 2>/dev/null)
[ -n "$region" ] || region=$(nd_items cxl list -R | jq -r '.region' | head -n 1)
diag "cxl region: ${region:-none}"
check "cxl list -R shows the region" -- test -n "$region"

# the nvdimm region appears asynchronously (nvdimm's bus probes so)
i=0
while [ "$(nd_items ndctl list -R | grep -c .)" -le "$regions_before" ] && [ $i -lt 20 ]; do
	sleep 0.5
	i=$((i + 1))
done
nd_items ndctl list -R | while read -r j; do diag "nd region: $j"; done
is "ndctl list -R shows one region more" \
	"$(nd_items ndctl list -R | grep -c .)" $((regions_before + 1))

check "cxl destroy-region -f $region" -- cxl destroy-region -f "$region"
is "no CXL region is left" "$(nd_items cxl list -R | grep -c .)" 0
is "ndctl lists the regions it had before" \
	"$(nd_items ndctl list -R | grep -c .)" "$regions_before"
done_testing
