// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * In-use detection: a pool is busy while any process has its device open
 * or mapped, whether through libdaxpool or not, so look at every process's
 * fds and mappings in /proc rather than trusting locks alone.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "private.h"

static bool fd_holds(int pid, dev_t rdev)
{
	char path[64];
	struct dirent *d;
	bool found = false;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	dir = opendir(path);
	if (!dir)
		return false;
	while (!found && (d = readdir(dir))) {
		char fdpath[384];
		struct stat st;

		if (d->d_name[0] == '.')
			continue;
		snprintf(fdpath, sizeof(fdpath), "%s/%s", path, d->d_name);
		if (stat(fdpath, &st) == 0 && S_ISCHR(st.st_mode) &&
		    st.st_rdev == rdev)
			found = true;
	}
	closedir(dir);
	return found;
}

static bool maps_hold(int pid, dev_t rdev)
{
	char path[64], line[4096], last[4096] = "";
	bool last_match = false, found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *file = strchr(line, '/');
		struct stat st;

		if (!file)
			continue;
		file[strcspn(file, "\n")] = '\0';
		/* a mapping of a deleted node still pins the device */
		if (strcmp(file, last) != 0) {
			char *del = strstr(file, " (deleted)");

			snprintf(last, sizeof(last), "%s", file);
			if (del)
				*del = '\0';
			last_match = stat(file, &st) == 0 && S_ISCHR(st.st_mode) &&
				st.st_rdev == rdev;
		}
		found = last_match;
	}
	fclose(f);
	return found;
}

int dp_find_holders(const char *devpath, pid_t **pids, int *npids)
{
	struct stat st;
	struct dirent *d;
	int self = (int)getpid(), n = 0, cap = 0;
	pid_t *list = NULL;
	DIR *proc;

	*pids = NULL;
	*npids = 0;
	if (stat(devpath, &st) < 0)
		return -errno;
	proc = opendir("/proc");
	if (!proc)
		return -errno;
	while ((d = readdir(proc))) {
		int pid;

		if (!isdigit((unsigned char)d->d_name[0]))
			continue;
		pid = atoi(d->d_name);
		if (pid == self)
			continue;
		if (!fd_holds(pid, st.st_rdev) && !maps_hold(pid, st.st_rdev))
			continue;
		if (n == cap) {
			pid_t *l = realloc(list, sizeof(*l) * (size_t)(cap ? cap * 2 : 8));

			if (!l) {
				free(list);
				closedir(proc);
				return -ENOMEM;
			}
			list = l;
			cap = cap ? cap * 2 : 8;
		}
		list[n++] = pid;
	}
	closedir(proc);
	*pids = list;
	*npids = n;
	return n;
}
