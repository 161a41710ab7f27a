# phases: 3
# The NVDIMM moves to a host whose /etc/daxpool is a stale backup: phase 2
# makes pools, keeps a copy of /etc/daxpool, then changes owner, mode and
# name, destroys one pool and creates another; phase 3 boots with the old
# copy. activate takes the media's side and says what changed.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pmem.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
backup=$DAXPOOL_STATE/30-backup

case $DAXPOOL_PHASE in
1)
	ok "nothing to do in phase 1"
	;;
2)
	clean_slate
	check "create s1 (alice 0600)" -- daxpool create s1 --size 32M --owner alice
	check "create s2" -- daxpool create s2 --size 32M
	check "create s3" -- daxpool create s3 --size 32M
	check "write 0x42 into s1" -- daxio fill "/dev/$(pool_field s1 chardev)" 0x42
	rm -rf "$backup"
	cp -a /etc/daxpool "$backup"
	check "chown s1 bob:dba" -- daxpool chown bob:dba s1
	check "chmod 0640 s1" -- daxpool chmod 0640 s1
	check "rename s2 s2new" -- daxpool rename s2 s2new
	check "destroy s3" -- daxpool destroy s3
	check "create s4" -- daxpool create s4 --size 32M --owner oracle
	daxpool list | jq -c 'map({name, uuid, owner, group, mode}) | sort_by(.name)' > "$backup.after"
	echo "restore $backup" > "$DAXPOOL_STATE/next-boot-etc"
	ok "the next boot has the old /etc/daxpool"
	;;
3)
	check "activate" -- daxpool activate
	cp "$CHECK_OUT" /tmp/activate.json
	is "s1 updated from the media" "$(jq -r '.[] | select(.pool == "s1") | .actions | join(",")' /tmp/activate.json)" update-registry
	is "s4 registered from the media" "$(jq -r '.[] | select(.pool == "s4") | .actions | join(",")' /tmp/activate.json)" register
	is "s3's stale record was dropped (destroyed)" \
		"$(jq -r '.[] | select(.pool == "s3") | "\(.state) \(.actions | join(","))"' /tmp/activate.json)" "gone drop-record"
	is "the pools are what they were before the cut-off" \
		"$(daxpool list | jq -c 'map({name, uuid, owner, group, mode}) | sort_by(.name)')" \
		"$(cat "$backup.after")"
	is "s1's node is bob's, 0640" "$(stat -c '%U:%G %04a' "$(readlink -f /dev/daxpool/s1)")" "bob:dba 0640"
	check_fails "the old name s2 has no link" -- test -e /dev/daxpool/s2
	check "s2new has" -- test -e /dev/daxpool/s2new
	check "s1's data" -- daxio check "/dev/$(pool_field s1 chardev)" 0x42
	check "check is clean" -- daxpool check
	check "destroy them" -- daxpool destroy s1 s2new s4
	is "nothing left (the media copy went with the last pool)" "$(ns_count) $(rec_count) $(meta_count)" "0 0 0"
	;;
esac
done_testing
