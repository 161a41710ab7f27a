# timeout: 500
# Eight administrators at once: creates that do not all fit each end
# cleanly, eight creates of one name give one pool, and list never fails
# (nor complains) while others chmod and destroy.
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

# run8 PREFIX CMD...: eight copies at once ("%i" in an argument becomes
# 1..8); their outputs in /tmp/PREFIX.N, exit statuses in /tmp/PREFIX.rc
run8() {
	p=$1
	shift
	pids=
	for i in 1 2 3 4 5 6 7 8; do
		cmd=
		for a in "$@"; do
			cmd="$cmd '$(echo "$a" | sed "s/%i/$i/g")'"
		done
		(eval "$cmd" > "/tmp/$p.$i" 2>&1; echo $? > "/tmp/$p.rc.$i") &
		pids="$pids $!"
	done
	wait $pids
	cat /tmp/$p.rc.? | sort | uniq -c | tr -s ' ' > "/tmp/$p.rc"
}

# the labeled region has 4 GiB: eight pools of 600 MiB do not all fit
run8 fit daxpool create "fit%i" --size 600M --no-zero
won=$(grep -l '^0$' /tmp/fit.rc.? | wc -l)
diag "creates that won: $won of 8"
[ "$won" -ge 1 ] && [ "$won" -lt 8 ] && ok "some fit, not all ($won)" || not_ok "some fit, not all ($won)"
lost=0
for i in 1 2 3 4 5 6 7 8; do
	if [ "$(cat /tmp/fit.rc.$i)" != 0 ]; then
		lost=$((lost + 1))
		grep -q 'daxpool create: fit'$i': .*\(no free extent\|not enough free space\)' /tmp/fit.$i ||
			{ not_ok "loser fit$i says why"; diag_file /tmp/fit.$i; }
	fi
done
is "every loser said there was no room" "$lost" "$((8 - won))"
is "the winners are the pools, one namespace and record each" \
	"$(daxpool list | jq '[.[] | select(.state == "active")] | length') $(ns_count) $(rec_count)" "$won $won $won"
is "no pool is incomplete" "$(daxpool list | jq '[.[] | select(.state != "active")] | length')" 0
for n in $(daxpool list | jq -r '.[].name'); do daxpool destroy "$n" > /dev/null; done

run8 same daxpool create same --size 32M --no-zero
is "eight creates of one name: one wins" "$(grep -l '^0$' /tmp/same.rc.? | wc -l)" 1
is "seven are told it exists" "$(grep -l 'already exists' /tmp/same.? | wc -l)" 7
is "one pool, one namespace, one record" "$(daxpool list | jq length) $(ns_count) $(rec_count)" "1 1 1"
check "destroy same" -- daxpool destroy same

for i in 1 2 3 4; do
	daxpool create "c$i" --size 32M --no-zero --owner alice > /dev/null || not_ok "create c$i"
	daxpool create "d$i" --size 32M --no-zero > /dev/null || not_ok "create d$i"
done
# list in a loop while four chmod and four destroy
rm -f /tmp/list.fail /tmp/list.stop
(
	n=0
	while [ ! -e /tmp/list.stop ]; do
		daxpool list > /tmp/list.out 2> /tmp/list.err
		rc=$?
		if [ $rc != 0 ] || [ -s /tmp/list.err ] ||
		   ! jq -e 'type == "array"' /tmp/list.out > /dev/null; then
			{ echo "exit status $rc; stderr:"; cat /tmp/list.err; echo "stdout:"; head -c 300 /tmp/list.out; } > /tmp/list.fail
			break
		fi
		n=$((n + 1))
	done
	echo "$n" > /tmp/list.count
) &
lister=$!
run8 chg sh -c 'i=%i; if [ $i -le 4 ]; then for m in 0640 0600 0660 0644; do daxpool chmod $m c$i || exit 1; done; else daxpool destroy d$((i - 4)); fi'
touch /tmp/list.stop
wait $lister
is "every chmod and destroy succeeded" "$(cat /tmp/chg.rc)" " 8 0"
if [ -e /tmp/list.fail ]; then
	not_ok "list never failed meanwhile"
	diag_file /tmp/list.fail
else
	ok "list never failed meanwhile ($(cat /tmp/list.count) runs)"
fi
is "the four chmod'ed pools remain, the four destroyed are gone" \
	"$(daxpool list | jq -r '[.[] | "\(.name):\(.mode)"] | join(" ")') $(ns_count) $(rec_count)" \
	"c1:0644 c2:0644 c3:0644 c4:0644 4 4"
clean_slate
done_testing
