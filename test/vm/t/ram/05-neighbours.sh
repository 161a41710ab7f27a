# timeout: 300
# New neighbours on the dax bus (7.x) are not daxpool's: a dax device
# bound to fsdev_dax (famfs's devdax driver) and a namespace of a ramdax
# region (labels on memmap=! RAM) are never touched, listed, repaired or
# counted, and no pmem pool is made on a ramdax region: its labels and
# data do not survive a power cycle (the group boots with memmap=128M!1.5G,
# t/ram/.cmdline; the older kernels have neither driver and skip).
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

if ! modprobe fsdev_dax 2>/dev/null; then
	skip "fsdev_dax and ramdax neighbours" "$(uname -r) has neither driver (7.x has them)"
	done_testing
fi
region=$(daxctl list -R | jq -r '[.] | flatten | map(select(.path | test("hmem"))) | .[0].id')
seed=$(daxctl list -r "$region" -D | jq -r '[.] | flatten | .[0].chardev')
diag "region $region, its boot-time device $seed: $(daxctl list -r "$region" -D | tr -d '\n\t ')"
# 7.x binds it to kmem at boot (offline here): back to device-dax first
if [ "$(daxctl list -d "$seed" | jq -r '[.] | flatten | .[0].mode')" = system-ram ]; then
	check "the boot-time device leaves kmem" -- daxctl reconfigure-device -m devdax -f "$seed"
fi
# the seed device stays, at size 0 (destroying it says busy)
daxctl disable-device "$seed" >/dev/null 2>&1
daxctl destroy-device "$seed" >/dev/null 2>&1
is "the boot-time device gave its space back" "$(cat /sys/bus/dax/devices/$seed/size)" 0
check "someone else carves a 64M device with daxctl" -- sh -c "daxctl create-device -r $region -s 64M > /tmp/nb.json"
nb=$(jq -r '[.] | flatten | .[0].chardev' /tmp/nb.json)
before=$(daxctl list -d "$nb" -M | jq -c '[.] | flatten | .[0].mappings')
check "and binds it to fsdev_dax" -- sh -c "daxctl disable-device $nb && echo $nb > /sys/bus/dax/drivers/fsdev_dax/new_id"
is "bound to fsdev_dax" "$(basename "$(readlink /sys/bus/dax/devices/$nb/driver)")" fsdev_dax

# a ramdax region with a namespace of someone else's
check "the memmap=! range is bound to ramdax" -- sh -c 'modprobe ramdax &&
	echo ramdax > /sys/bus/platform/devices/e820_pmem/driver_override &&
	echo e820_pmem > /sys/bus/platform/drivers/ramdax/bind'
sleep 1
rd=$(ndctl list -R -B | jq -r '[.] | flatten | map(select(.provider == "ramdax")) | .[0].regions[0].dev')
diag "ramdax region: $(ndctl list -R -r "$rd" | tr -d '\n\t ')"
check "someone else makes a devdax namespace there" -- ndctl create-namespace -r "$rd" -m devdax -s 32M -n foreign

is "daxpool list lists neither" "$(daxpool list | jq length)" 0
check "daxpool check finds nothing to say" -- daxpool check
check "a ram pool is carved beside the fsdev_dax device" -- daxpool create rn --type ram --size 32M
check_fails "no pmem pool on the ramdax region" -- daxpool create rp --size 16M --region "$rd"
like "saying why" "$(cat "$CHECK_OUT")" "ordinary RAM \\(a ramdax region.*do not survive a power cycle"
check "a pmem pool without --region goes to the NVDIMM" -- daxpool create pp --size 16M
isnt "not to the ramdax region" "$(pool_field pp region)" "$rd"
check "daxpool check --repair finds nothing to repair" -- daxpool check --repair
check "daxpool activate" -- daxpool activate
check "destroy the pools" -- daxpool destroy rn pp
is "the fsdev_dax device is still bound to it" "$(basename "$(readlink /sys/bus/dax/devices/$nb/driver)")" fsdev_dax
is "with its size and place" "$(daxctl list -d "$nb" -M | jq -c '[.] | flatten | .[0].mappings')" "$before"
is "the ramdax namespace is still there" "$(ndctl list -N -r "$rd" | jq -r '[.] | flatten | map(.name) | join(" ")')" foreign

echo "$nb" > /sys/bus/dax/drivers/fsdev_dax/unbind
echo "$nb" > /sys/bus/dax/drivers/fsdev_dax/remove_id 2>/dev/null
check "the fsdev_dax device goes" -- daxctl destroy-device "$nb"
check "the ramdax namespace goes" -- ndctl destroy-namespace -f all -r "$rd"
clean_slate
done_testing
