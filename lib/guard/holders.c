// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The holders a refused destroy names, as objects the caller owns: a list
 * freed once, whose holders (a pid and why) live as long as it, walked
 * with get_first/get_next as a check's report is. Opaque, so that a later
 * release can tell more of a holder through a new getter.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guard/inuse.h"
#include "core/private.h"

struct daxpool_holder {
	struct daxpool_holder *next;
	pid_t pid;
	char reason[sizeof(((struct dp_holder *)0)->why)];
};

struct daxpool_holders {
	struct daxpool_holder *first;
};

int dp_holders_export(const struct dp_holders *h, struct daxpool_holders **out)
{
	struct daxpool_holders *list;
	struct daxpool_holder **tail;
	int i;

	*out = NULL;
	if (!h->n)
		return 0;
	list = calloc(1, sizeof(*list));
	if (!list)
		return -ENOMEM;
	tail = &list->first;
	for (i = 0; i < h->n; i++) {
		struct daxpool_holder *e = calloc(1, sizeof(*e));
		const char *why = h->list[i].why;
		char pid[32];
		size_t n;

		if (!e) {
			daxpool_holders_free(list);
			return -ENOMEM;
		}
		/* the reason says what the process does: its pid is a getter */
		n = (size_t)snprintf(pid, sizeof(pid), "pid %d ",
				(int)h->list[i].pid);
		if (strncmp(why, pid, n) == 0)
			why += n;
		e->pid = h->list[i].pid;
		snprintf(e->reason, sizeof(e->reason), "%s", why);
		*tail = e;
		tail = &e->next;
	}
	*out = list;
	return 0;
}

DAXPOOL_EXPORT void daxpool_holders_free(struct daxpool_holders *holders)
{
	struct daxpool_holder *e, *next;

	if (!holders)
		return;
	for (e = holders->first; e; e = next) {
		next = e->next;
		free(e);
	}
	free(holders);
}

DAXPOOL_EXPORT struct daxpool_holder *daxpool_holders_get_first(
		struct daxpool_holders *holders)
{
	return holders ? holders->first : NULL;
}

DAXPOOL_EXPORT struct daxpool_holder *daxpool_holder_get_next(
		struct daxpool_holder *holder)
{
	return holder ? holder->next : NULL;
}

DAXPOOL_EXPORT pid_t daxpool_holder_get_pid(struct daxpool_holder *holder)
{
	return holder->pid;
}

DAXPOOL_EXPORT const char *daxpool_holder_get_reason(
		struct daxpool_holder *holder)
{
	return holder->reason;
}
