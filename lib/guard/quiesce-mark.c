// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The marker of a destroy or rename under way: RUNDIR/quiesce/UUID holds
 * the pid of the daxpool that closed the pool's node and the time it
 * started, so that a reused pid does not keep a stale marker alive. Read by map_open, to
 * say EBUSY rather than EACCES, and by the udev helper, so that an event
 * in the middle does not open the node again. A marker whose process is
 * gone is stale and means nothing.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "guard/quiesce.h"

bool dp_quiesce_marked(const char *uuid)
{
	char path[160];
	unsigned long long start = 0;
	int pid = 0;
	FILE *f;

	if (dp_run_path("quiesce", uuid, false, path, sizeof(path)))
		return false;
	f = fopen(path, "re");
	if (!f)
		return false;
	if (fscanf(f, "%d %llu", &pid, &start) != 2)
		pid = 0;
	fclose(f);
	return pid > 0 && start && dp_proc_start_time(pid) == start;
}
