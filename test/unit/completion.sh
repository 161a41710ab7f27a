#!/bin/bash
# bash completion takes its words from the CLI's option tables:
# test/unit/completion.sh COMPLETION DAXPOOL
# completes command lines with the built daxpool (--list-cmds,
# --list-options VERB; neither opens libdaxpool), pools stubbed; and no
# option of a command's table is spelled out in the completion script.
comp=$1
daxpool=$(realpath "$2") # apply's checks run in a folder of their own
n=0 bad=0
. "$comp"
_daxpool_pools() { echo p1 p2; }

# complete "WORDS..." (the last word is the one being completed) and
# compare the sorted offers with WANT
check()
{
	local want=$1 got
	shift
	COMP_WORDS=(daxpool "$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_daxpool "$daxpool"
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//')
	want=$(printf '%s\n' $want | sort | tr '\n' ' ' | sed 's/ $//')
	n=$((n + 1))
	if [ "$got" = "$want" ]; then
		echo "ok $n - daxpool $* <TAB>: $got"
	else
		echo "not ok $n - daxpool $* <TAB>: got '$got', want '$want'"
		bad=1
	fi
}

verbs=$("$daxpool" --list-cmds | grep -vx help | tr '\n' ' ')
check "$verbs help --version --help" ''
check "check chmod chown create" c
check "$verbs" help ''
check "--size --type --region --numa-node --align --owner --group --mode --no-zero --help" create p --
check "pmem ram" create p --type ''
check "4K 2M 1G" create p -a ''
check "" create p --size ''
check "root" create p --owner roo
check "--type --region --numa-node --align --owner --group --mode --no-zero --help" create p -s 1G --
check "--human --verbose --help p1 p2" list ''
check "--verbose --help p1 p2" list -u ''
check "--help p1 p2" check --repair ''
check "--help p1 p2" destroy ''
check "0600 0640 0660" chmod ''
check "p1 p2" chmod 0640 ''
check "p1 p2" rename ''
check "" rename p1 ''
check "--no-apply --help" activate ''

# apply's FILE is a file, beside its options
dir=$(mktemp -d)
touch "$dir/pools.conf" "$dir/other.json"
cd "$dir"
check "--dry-run --prune --help other.json pools.conf" apply ''
check "pools.conf" apply po
check "--prune --help other.json pools.conf" apply -n ''
check "--dry-run" apply --d
cd - >/dev/null
rm -r "$dir"

# the options are the tables': none of them written out here
for v in $verbs; do
	for o in $("$daxpool" --list-options "$v" | cut -d' ' -f1 | grep -vx -- --help); do
		n=$((n + 1))
		if grep -q -e "$o\\b" "$comp"; then
			echo "not ok $n - $v's $o is spelled out in $comp"
			bad=1
		else
			echo "ok $n - $v's $o comes from daxpool --list-options"
		fi
	done
done
echo "1..$n"
exit $bad
