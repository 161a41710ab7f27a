// SPDX-License-Identifier: GPL-2.0-only
/*
 * The command table: every verb of daxpool, which 'daxpool help',
 * 'daxpool --list-cmds' (bash completion) and the unit test of the option
 * tables all walk.
 */
#include <string.h>
#include "config.h"
#include "builtin.h"

const struct cli_verb *const cli_verbs[] = {
	&verb_create,
	&verb_list,
	&verb_destroy,
	&verb_chown,
	&verb_chmod,
	&verb_rename,
	&verb_activate,
	&verb_check,
	&verb_apply,
#if HAVE_RDMA
	&verb_rdma_check,
#endif
	NULL,
};

const struct cli_verb *cli_find_verb(const char *name)
{
	const struct cli_verb *const *v;

	for (v = cli_verbs; *v; v++)
		if (strcmp((*v)->name, name) == 0)
			return *v;
	return NULL;
}
