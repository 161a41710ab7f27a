// SPDX-License-Identifier: GPL-2.0-only
/*
 * The holders a refused destroy hands its caller: what the in-use scan
 * found, in its order, each pid with the reason the scan gave, the pid
 * taken out of the words; and no list at all when nobody was named.
 */
#include <stdbool.h>
#include <string.h>
#include "guard/inuse.h"
#include "tap.h"

static bool is(struct daxpool_holder *e, pid_t pid, const char *reason)
{
	return e && daxpool_holder_get_pid(e) == pid &&
			strcmp(daxpool_holder_get_reason(e), reason) == 0;
}

int main(void)
{
	struct dp_holders h = { .n = 0 };
	struct daxpool_holders *list = NULL;
	struct daxpool_holder *e;
	int n = 0;

	ok(dp_holders_export(&h, &list) == 0 && list == NULL,
			"nobody named: no list");
	daxpool_holder_foreach (list, e)
		n++;
	ok(n == 0 && daxpool_holder_get_next(NULL) == NULL,
			"a loop over no list runs zero times");
	daxpool_holders_free(NULL);

	dp_holders_add(&h, 12, "pid %d %s", 12, "maps it");
	dp_holders_add(&h, 345,
			"pid %d pins 4096 bytes, and could have opened the pool",
			345);
	dp_holders_add(&h, 6, "a reason that names no pid");
	ok(dp_holders_export(&h, &list) == 0 && list, "three holders: a list");
	e = daxpool_holders_get_first(list);
	ok(is(e, 12, "maps it"), "the first: pid 12, 'maps it'");
	e = daxpool_holder_get_next(e);
	ok(is(e, 345, "pins 4096 bytes, and could have opened the pool"),
			"the second: pid 345, what it pins");
	e = daxpool_holder_get_next(e);
	ok(is(e, 6, "a reason that names no pid"),
			"words that do not start with the pid are kept whole");
	ok(daxpool_holder_get_next(e) == NULL, "and no fourth");
	daxpool_holders_free(list);
	dp_holders_free(&h);
	return tap_done();
}
