#!/bin/sh
# Every exported symbol has its entry in the man page of its library:
# test/unit/exports-documented.sh SYMFILE MANPAGE...
sym=$1
shift
n=0 bad=0
for s in $(sed -n 's/^[[:space:]]*\(daxpool_[a-z0-9_]*\);/\1/p' "$sym"); do
	n=$((n + 1))
	if grep -q "\*$s\*" "$@"; then
		echo "ok $n - $s is documented"
	else
		echo "not ok $n - $s is not in $*"
		bad=1
	fi
done
echo "1..$n"
exit $bad
