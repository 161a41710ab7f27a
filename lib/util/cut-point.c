// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Power-cut points for the test bed: the name of every one (cut-point.h
 * lists them; the journal passes them after each durable step), and what
 * passing one does. Only a build configured with -Dcut_points=true looks
 * at them, and only for a caller that is root in every uid: then
 * DAXPOOL_CUT_TRACE=FILE appends each point passed to FILE with a
 * CLOCK_MONOTONIC time in ns (how the tests enumerate them, and the
 * benchmark times the steps), and DAXPOOL_CUT_AT=POINT says "DAXPOOL-CUT"
 * on the console at that point and waits there for the bed to pull the
 * plug; with DAXPOOL_CUT_STOP=1 it stops itself there instead (SIGSTOP),
 * for a test that kills daxpool at that point and looks at what is left.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "util/cut-point.h"

static const char *const names[DP_POINT_COUNT] = {
	[DP_CUT_CREATE_INTENT_ETC] = "create:intent-etc",
	[DP_CUT_MEDIA_NAMESPACE] = "media:namespace",
	[DP_CUT_MEDIA_FIRST_SLOT] = "media:first-slot",
	[DP_CUT_CREATE_INTENT_MEDIA] = "create:intent-media",
	[DP_CUT_CREATE_NAMESPACE_LABELED] = "create:namespace-labeled",
	[DP_CUT_CREATE_PROVISIONED] = "create:provisioned",
	[DP_CUT_CREATE_ZEROING] = "create:zeroing",
	[DP_CUT_CREATE_COMMIT_MEDIA] = "create:commit-media",
	[DP_CUT_CREATE_COMMIT_ETC] = "create:commit-etc",
	[DP_CUT_CHOWN_MEDIA] = "chown:media",
	[DP_CUT_CHOWN_ETC] = "chown:etc",
	[DP_CUT_CHMOD_MEDIA] = "chmod:media",
	[DP_CUT_CHMOD_ETC] = "chmod:etc",
	[DP_CUT_RENAME_MEDIA] = "rename:media",
	[DP_CUT_RENAME_ETC] = "rename:etc",
	[DP_CUT_RENAME_LABEL] = "rename:label",
	[DP_CUT_DESTROY_INTENT_ETC] = "destroy:intent-etc",
	[DP_CUT_DESTROY_INTENT_MEDIA] = "destroy:intent-media",
	[DP_CUT_DESTROY_RELEASED] = "destroy:released",
	[DP_CUT_DESTROY_MEDIA_DROPPED] = "destroy:media-dropped",
	[DP_CUT_MEDIA_EMPTIED] = "media:emptied",
};

const char *dp_point_name(enum dp_point point)
{
	return (unsigned int)point < DP_POINT_COUNT ? names[point] : NULL;
}

void (*dp_point_observer)(const char *point);

#if DAXPOOL_CUT_POINTS
static bool trusted(void)
{
	uid_t r, e, s;

	return getresuid(&r, &e, &s) == 0 && r == 0 && e == 0 && s == 0;
}

static void trace(const char *point)
{
	const char *file;
	struct timespec ts;
	int fd;

	if (!trusted())
		return;
	file = secure_getenv("DAXPOOL_CUT_TRACE");
	if (!file)
		return;
	fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	dprintf(fd, "%s %lld\n", point,
			(long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
	close(fd);
}

static void stop_at(const char *point)
{
	const char *at;
	int fd;

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
static void trace(const char *point)
{
	(void)point;
}

static void stop_at(const char *point)
{
	(void)point;
}
#endif

void dp_trace_point(const char *point)
{
	if (dp_point_observer)
		dp_point_observer(point);
	trace(point);
}

void dp_cut(enum dp_point point)
{
	const char *name = dp_point_name(point);

	if (!name)
		return;
	dp_trace_point(name);
	stop_at(name);
}

void dp_durable_write(struct daxpool_ctx *ctx, const char *what)
{
	char point[64];

	if (ctx->journal)
		return;
	snprintf(point, sizeof(point), "unjournaled:%s", what);
	dp_trace_point(point);
}
