#!/bin/sh
# A library's man page and its exports in step, both ways:
# test/unit/exports-documented.sh SYMFILE MANPAGE
# every exported symbol has its entry in the page, and every function the
# page's SYNOPSIS declares is exported (a *_foreach is a macro, not a symbol)
sym=$1
man=$2
n=0 bad=0
for s in $(sed -n 's/^[[:space:]]*\(daxpool_[a-z0-9_]*\);/\1/p' "$sym"); do
	n=$((n + 1))
	if grep -q "\*$s\*" "$man"; then
		echo "ok $n - $s is documented"
	else
		echo "not ok $n - $s is not in $man"
		bad=1
	fi
done
# the SYNOPSIS: the first ---- block after its heading
for s in $(awk '/^SYNOPSIS$/ { syn = 1; next }
		syn && /^----$/ { if (++b == 2) exit; next }
		b == 1' "$man" |
		grep -o 'daxpool_[a-z0-9_]*(' | tr -d '(' | grep -v '_foreach$' |
		sort -u); do
	n=$((n + 1))
	if grep -q "^[[:space:]]*$s;" "$sym"; then
		echo "ok $n - $s of the SYNOPSIS is exported"
	else
		echo "not ok $n - $s is in the SYNOPSIS of $man but not in $sym"
		bad=1
	fi
done
echo "1..$n"
exit $bad
