# two creates racing from two processes: never overlapping, never both
# winning a name or space that only one can have
. "$DAXPOOL_TEST_LIB/tap.sh"
. "$DAXPOOL_TEST_LIB/pools.sh"
clean_slate

daxpool create same --size 64M --no-zero > /tmp/a.out 2>&1 & a=$!
daxpool create same --size 64M --no-zero > /tmp/b.out 2>&1 & b=$!
wait $a; ra=$?
wait $b; rb=$?
is "same name: exactly one create succeeds" "$((ra + rb > 0 ? 1 : 0))$(( (ra == 0) + (rb == 0) ))" 11
like "same name: the loser says the name exists" "$(cat /tmp/a.out /tmp/b.out)" 'already exists'
is "same name: one pool, one namespace, one record" "$(daxpool list | jq length) $(ns_count) $(rec_count)" "1 1 1"
check "destroy same" -- daxpool destroy same

daxpool create r1 --size 256M --no-zero > /tmp/a.out 2>&1 & a=$!
daxpool create r2 --size 256M --no-zero > /tmp/b.out 2>&1 & b=$!
wait $a; ra=$?
wait $b; rb=$?
is "two names: both succeed" "$ra $rb" "0 0"
# the namespaces' physical ranges must not overlap
ranges=$(ndctl list -N | jq -r '[.] | flatten | .[] | "\(.map // "x") \(.uuid)"')
diag "$ranges"
u1=$(pool_field r1 uuid) u2=$(pool_field r2 uuid)
n1=$(daxpool list -v r1 | jq -r '.[0].namespace') n2=$(daxpool list -v r2 | jq -r '.[0].namespace')
st1=$(cat /sys/bus/nd/devices/$n1/resource) sz1=$(cat /sys/bus/nd/devices/$n1/size)
st2=$(cat /sys/bus/nd/devices/$n2/resource) sz2=$(cat /sys/bus/nd/devices/$n2/size)
if [ $((st1 + sz1)) -le $((st2)) ] || [ $((st2 + sz2)) -le $((st1)) ]; then
	ok "two names: physical ranges do not overlap ($st1+$sz1, $st2+$sz2)"
else
	not_ok "two names: physical ranges overlap ($st1+$sz1, $st2+$sz2)"
fi
isnt "two names: different devices" "$(pool_field r1 chardev)" "$(pool_field r2 chardev)"
check "destroy r1 r2" -- daxpool destroy r1 r2

# room for one: fill the region so only one of two racers fits
r=$(labeled_regions | head -n 1)
free=$(ndctl list -R -r "$r" | jq -r '[.] | flatten | .[0].max_available_extent')
half=$(( (free / 1048576 / 2 + 64) ))
daxpool create w1 --size ${half}M --no-zero > /tmp/a.out 2>&1 & a=$!
daxpool create w2 --size ${half}M --no-zero > /tmp/b.out 2>&1 & b=$!
wait $a; ra=$?
wait $b; rb=$?
is "room for one: exactly one wins" "$(( (ra == 0) + (rb == 0) ))" 1
like "room for one: the loser says why" "$(cat /tmp/a.out /tmp/b.out)" 'no free extent|not enough free space'
is "room for one: one pool, one namespace, one record" "$(daxpool list | jq length) $(ns_count) $(rec_count)" "1 1 1"
for n in w1 w2; do daxpool destroy $n >/dev/null 2>&1; done
is "nothing left" "$(ns_count) $(rec_count)" "0 0"
done_testing
