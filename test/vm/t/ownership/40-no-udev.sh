# where no udev runs, create and chmod apply owner, group and mode
# themselves and warn; with udev back, it takes over again
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

check "stop udevd" -- udevadm control --exit
sleep 1
daxpool create lone --size 32M --owner alice --group dba --mode 0640 > /tmp/c.out 2> /tmp/c.err
is "create succeeds without udev" "$?" 0
like "it warns that udev is not running" "$(cat /tmp/c.err)" 'daxpool create: lone: warning: udev is not running'
dev=$(pool_field lone chardev)
is "owner, group and mode applied directly" "$(stat -c '%U %G %a' "/dev/$dev")" "alice dba 640"
is "alice can map it" "$(run_as alice daxio map lone ro | head -n 1 | jq -r .ok)" true
daxpool chmod 0600 lone > /dev/null 2> /tmp/c.err
like "chmod warns too" "$(cat /tmp/c.err)" 'warning: udev is not running'
is "chmod applied directly" "$(stat -c '%a' "/dev/$dev")" 600

check "start udevd again" -- /lib/systemd/systemd-udevd --daemon
udevadm settle
daxpool chmod 0660 lone > /dev/null 2> /tmp/c.err
is "with udev back, no warning" "$(cat /tmp/c.err)" ""
is "udev applied the mode" "$(stat -c '%U %G %a' "/dev/$dev")" "alice dba 660"
is "and made the link" "$(readlink -f /dev/daxpool/lone)" "/dev/$dev"
check "destroy lone" -- daxpool destroy lone
done_testing
