// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Power-cut points for the test bed. Each step that writes state (the
 * registry, the media copy, a namespace) names the moment after it. Only a
 * build configured with -Dcut_points=true looks at them, and only for a
 * caller that is root in every uid: then DAXPOOL_CUT_TRACE=FILE appends
 * each point passed to FILE with a CLOCK_MONOTONIC time in ns (how the
 * tests enumerate them, and the benchmark times the steps), and
 * DAXPOOL_CUT_AT=POINT says "DAXPOOL-CUT" on the console at that point and
 * waits there for the bed to pull the plug; with DAXPOOL_CUT_STOP=1 it stops
 * itself there instead (SIGSTOP), for a test that kills daxpool at that
 * point and looks at what is left.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "private.h"

#if DAXPOOL_CUT_POINTS
static bool trusted(void)
{
	uid_t r, e, s;

	return getresuid(&r, &e, &s) == 0 && r == 0 && e == 0 && s == 0;
}

void dp_trace_point(const char *point)
{
	const char *trace;
	struct timespec ts;
	int fd;

	if (!trusted())
		return;
	trace = secure_getenv("DAXPOOL_CUT_TRACE");
	if (!trace)
		return;
	fd = open(trace, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	dprintf(fd, "%s %lld\n", point,
			(long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
	close(fd);
}

void dp_cut_point(const char *point)
{
	const char *at;
	int fd;

	dp_trace_point(point);
	if (!trusted())
		return;
	at = secure_getenv("DAXPOOL_CUT_AT");
	if (!at || strcmp(at, point) != 0)
		return;
	if (secure_getenv("DAXPOOL_CUT_STOP")) {
		raise(SIGSTOP);
		return;
	}
	fd = open("/dev/console", O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd >= 0) {
		dprintf(fd, "daxpool: cut point %s\nDAXPOOL-CUT\n", point);
		close(fd);
	}
	for (;;)
		pause();
}
#else
void dp_trace_point(const char *point)
{
	(void)point;
}

void dp_cut_point(const char *point)
{
	(void)point;
}
#endif
