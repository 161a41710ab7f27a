// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Who could have reached a pool. The kernel cannot tell which memory an
 * RDMA registration pins, so a pin is taken to be on a pool only if its
 * process could ever have opened the pool's node: its credentials admit it
 * now, or admitted it at some time since boot (pins do not outlive a
 * boot). Every change of owner, group or mode first writes the grants it
 * takes away to RUNDIR/grants/UUID.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "guard/grants.h"

static void add(struct dp_grants *g, const struct stat *st)
{
	if ((st->st_mode & 0700) && g->nuids < DP_GRANTS_MAX)
		g->uids[g->nuids++] = st->st_uid;
	if ((st->st_mode & 0070) && g->ngids < DP_GRANTS_MAX)
		g->gids[g->ngids++] = st->st_gid;
	if (st->st_mode & 0007)
		g->other = true;
}

void dp_grants_remember(const char *uuid, const char *devpath)
{
	char path[160], line[64];
	struct stat st;
	int fd, n;

	if (stat(devpath, &st) < 0 || !S_ISCHR(st.st_mode) ||
			dp_run_path("grants", uuid, true, path, sizeof(path)))
		return;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
			0644);
	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line), "%u %u %o\n", (unsigned int)st.st_uid,
			(unsigned int)st.st_gid,
			(unsigned int)(st.st_mode & 07777));
	if (write(fd, line, (size_t)n) != n) {
		/* a short record would be misread: better none */
	}
	close(fd);
}

void dp_grants_load(
		const char *uuid, const struct stat *node, struct dp_grants *g)
{
	unsigned int uid, gid, mode;
	char path[160];
	struct stat st;
	FILE *f;

	memset(g, 0, sizeof(*g));
	add(g, node);
	if (dp_run_path("grants", uuid, false, path, sizeof(path)))
		return;
	f = fopen(path, "re");
	while (f && fscanf(f, "%u %u %o", &uid, &gid, &mode) == 3) {
		memset(&st, 0, sizeof(st));
		st.st_uid = uid;
		st.st_gid = gid;
		st.st_mode = mode;
		add(g, &st);
	}
	if (f)
		fclose(f);
	/* more grants than we keep: anybody may have been admitted */
	if (g->nuids >= DP_GRANTS_MAX || g->ngids >= DP_GRANTS_MAX)
		g->other = true;
}

void dp_grants_forget(const char *uuid)
{
	char path[160];

	if (dp_run_path("grants", uuid, false, path, sizeof(path)) == 0)
		unlink(path);
}

/* any of "Uid:"/"Gid:" (real, effective, saved, fs) in LIST */
static bool ids_in(const char *line, const unsigned int *list, int n)
{
	unsigned int id[4];
	int i, j, got;

	got = sscanf(line, "%*s %u %u %u %u", &id[0], &id[1], &id[2], &id[3]);
	for (i = 0; i < got; i++)
		for (j = 0; j < n; j++)
			if (id[i] == list[j])
				return true;
	return false;
}

/* capabilities count on a device node only in the initial user namespace:
 * a process in one of its own has them all there, and none here */
static bool in_initial_userns(int tid)
{
	struct stat self, init;
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/ns/user", tid);
	if (stat(path, &self) < 0 || stat("/proc/1/ns/user", &init) < 0)
		return true; /* cannot tell: assume the worst */
	return self.st_ino == init.st_ino && self.st_dev == init.st_dev;
}

bool dp_grants_admit(const struct dp_grants *g, int tid)
{
	char path[64], *line = NULL;
	size_t cap_len = 0;
	unsigned int uids[DP_GRANTS_MAX + 1], gids[DP_GRANTS_MAX];
	unsigned long long cap = ~0ULL;
	bool admit = g->other;
	int i;
	FILE *f;

	if (admit)
		return true;
	for (i = 0; i < g->nuids; i++)
		uids[i] = (unsigned int)g->uids[i];
	uids[g->nuids] = 0; /* root opens anything */
	for (i = 0; i < g->ngids; i++)
		gids[i] = (unsigned int)g->gids[i];
	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return true; /* cannot tell: assume the worst */
	/* a Groups: line may be long (65536 groups): no fixed buffer */
	while (!admit && getline(&line, &cap_len, f) > 0) {
		if (strncmp(line, "Uid:", 4) == 0)
			admit = ids_in(line, uids, g->nuids + 1);
		else if (strncmp(line, "Gid:", 4) == 0)
			admit = ids_in(line, gids, g->ngids);
		else if (strncmp(line, "Groups:", 7) == 0) {
			char *p = line + 7, *end;
			unsigned long v;

			for (;;) {
				v = strtoul(p, &end, 10);
				if (end == p)
					break;
				for (i = 0; i < g->ngids; i++)
					admit |= v == gids[i];
				p = end;
			}
		} else if (sscanf(line, "CapEff: %llx", &cap) == 1) {
			/* CAP_DAC_OVERRIDE (1) opens any node */
			admit = ((cap >> 1) & 1) && in_initial_userns(tid);
		}
	}
	free(line);
	fclose(f);
	return admit;
}
