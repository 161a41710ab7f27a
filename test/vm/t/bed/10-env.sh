# The guest has what every scenario relies on: the kernel modules, udevd,
# rxe, the test users and groups, unlimited memlock, the test programs.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pmem.sh"

for m in nfit nd_pmem dax_pmem device_dax dax_hmem kmem rdma_rxe ib_uverbs ext4; do
	check "module $m is loaded" -- grep -q "^$m " /proc/modules
done

check "systemd-udevd is running" -- pidof systemd-udevd
check "udevadm talks to udevd" -- udevadm control --ping

check "rdma link shows rxe0 on d0" -- sh -c 'rdma link show | grep -q "rxe0/1 .*netdev d0"'
check "ibv_devices lists rxe0" -- sh -c 'ibv_devices | grep -qw rxe0'
check "ibv_devinfo opens rxe0 (user-space provider present)" -- ibv_devinfo -d rxe0
check "the uverbs node exists" -- sh -c 'ls /dev/infiniband/uverbs*'

is "user alice has uid 1001" "$(id -u alice 2>&1)" 1001
is "user bob has uid 1002" "$(id -u bob 2>&1)" 1002
is "user oracle has uid 1003" "$(id -u oracle 2>&1)" 1003
is "group dba has gid 2000" "$(getent group dba | cut -d: -f3)" 2000
like "oracle is in group dba" "$(id -Gn oracle 2>&1)" '(^| )dba( |$)'
is "run_as drops to alice" "$(run_as alice id -u 2>&1)" 1001
like "run_as oracle keeps the dba group" "$(run_as oracle id -G 2>&1)" '(^| )2000( |$)'

is "memlock limit is unlimited" "$(ulimit -l)" unlimited
check "reg-mr test program is installed" -- test -x /daxpool-test/bin/reg-mr
check "a pmem region exists" -- test -n "$(pmem_region)"
check "an NVDIMM is listed" -- sh -c 'ndctl list -D | grep -q nmem'
check "a soft-reserved (hmem) dax region exists" -- sh -c 'daxctl list -R | grep -q hmem'

# The project's own install: the CLI runs, so the dynamic loader finds
# libdaxpool under meson's libdir (ldconfig in /init).
if [ "${DAXPOOL_VM_PROJECT:-1}" = 1 ]; then
	check "the project's daxpool CLI is installed" -- sh -c 'command -v daxpool'
	daxpool --help >"$CHECK_OUT" 2>&1
	rc=$?
	if [ "$rc" != 127 ] && ! grep -q 'error while loading shared libraries' "$CHECK_OUT"; then
		ok "daxpool's libraries are found (exit status $rc)"
	else
		not_ok "daxpool's libraries are found"
		diag_file "$CHECK_OUT"
	fi
else
	skip "the project's daxpool CLI is installed" "DAXPOOL_VM_NO_PROJECT=1"
fi

done_testing
