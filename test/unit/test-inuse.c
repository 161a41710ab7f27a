// SPDX-License-Identifier: GPL-2.0-only
/*
 * The in-use scan against the host's real /proc: children hold /dev/zero
 * (a character device that can be mapped) in the ways that used to hide a
 * holder, and forge names in the ways that used to invent one. Needs root
 * (map_files, setuid to nobody, mount namespaces); skips otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>
#include "guard/inuse.h"
#include "../forge.h"
#include "tap.h"

static dev_t zero_rdev;

/* a pipe the child writes one byte to once it holds */
static pid_t child(void (*fn)(const char *), const char *arg)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], 100);
		fn(arg);
		_exit(1);
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1) {
		close(p[0]);
		waitpid(pid, NULL, 0);
		return -1;
	}
	close(p[0]);
	return pid;
}

static void __attribute__((noreturn)) holding(void)
{
	if (write(100, "x", 1) != 1)
		_exit(1);
	close(100);
	for (;;)
		pause();
}

static void *map_zero(const char *path)
{
	int fd = open(path, O_RDONLY);
	void *p;

	if (fd < 0)
		return NULL;
	p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

static void hold_fd(const char *path)
{
	if (open(path, O_RDONLY) < 0)
		_exit(1);
	holding();
}

static void hold_map(const char *path)
{
	if (!map_zero(path))
		_exit(1);
	holding();
}

static void *thread_holds(void *arg)
{
	(void)arg;
	holding();
}

/* the mapping stays with a thread; the thread group's leader exits */
static void hold_map_leader_gone(const char *path)
{
	pthread_t t;

	if (!map_zero(path) || pthread_create(&t, NULL, thread_holds, NULL))
		_exit(1);
	pthread_exit(NULL);
}

/* another mount namespace, a node of the device under another path */
static void hold_map_other_ns(const char *unused)
{
	(void)unused;
	if (unshare(CLONE_NEWNS) < 0 ||
			mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
			mount("t", "/mnt", "tmpfs", 0, NULL) < 0 ||
			mknod("/mnt/elsewhere", S_IFCHR | 0600, zero_rdev) <
					0 ||
			!map_zero("/mnt/elsewhere"))
		_exit(1);
	holding();
}

static void become_nobody(const char *dir)
{
	if (chdir(dir) < 0 || setgid(65534) < 0 || setuid(65534) < 0)
		_exit(1);
}

/* "l (deleted)/f", where l links to /dev/zero: cut at " (deleted)" the
 * path names the device */
static void forge_deleted(const char *dir)
{
	become_nobody(dir);
	if (symlink("/dev/zero", "l") < 0 || mkdir("l (deleted)", 0700) < 0 ||
			!forge_map_file("l (deleted)/f"))
		_exit(1);
	holding();
}

/* a maps line whose first 4095 bytes end right before "/dev/zero" */
static void forge_long(const char *dir)
{
	char path[4200], cwd[256];
	void *probe;

	become_nobody(dir);
	if (!getcwd(cwd, sizeof(cwd)) || !(probe = forge_map_file("probe")) ||
			forge_long_path(cwd, forge_maps_column(probe), "dev",
					"zero", path, sizeof(path)) < 0 ||
			!forge_map_file(path))
		_exit(1);
	holding();
}

static bool listed(const struct dp_holders *h, pid_t pid)
{
	int i;

	for (i = 0; i < h->n; i++)
		if (h->list[i].pid == pid)
			return true;
	return false;
}

static void expect(const char *how, void (*fn)(const char *), const char *arg,
		bool holder)
{
	struct dp_target t = { .rdev = zero_rdev };
	struct dp_holders h;
	pid_t pid = child(fn, arg);
	int rc;

	ok(pid > 0, "%s: the child holds", how);
	if (pid <= 0)
		return;
	t.grants.other = true;
	rc = dp_scan_holders(&t, &h);
	ok(rc >= 0, "%s: the scan finished (%d)", how, rc);
	ok(listed(&h, pid) == holder, "%s: %s", how,
			holder ? "found, by device number" :
				 "not taken for a holder");
	dp_holders_free(&h);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

int main(void)
{
	char dir[] = "/tmp/daxpool-inuse.XXXXXX";
	struct stat st;

	if (geteuid() != 0 || stat("/dev/zero", &st) < 0) {
		printf("1..0 # SKIP needs root and /dev/zero\n");
		return 0;
	}
	zero_rdev = st.st_rdev;
	if (!mkdtemp(dir) || chmod(dir, 0777) < 0)
		return 1;
	expect("an open fd", hold_fd, "/dev/zero", true);
	expect("a mapping, fd closed", hold_map, "/dev/zero", true);
	expect("a mapping kept by a thread whose leader exited",
			hold_map_leader_gone, "/dev/zero", true);
	expect("a mapping through a node in another mount namespace",
			hold_map_other_ns, NULL, true);
	expect("nobody's file named 'l (deleted)/f', l -> /dev/zero",
			forge_deleted, dir, false);
	expect("nobody's file whose maps line is cut before /dev/zero",
			forge_long, dir, false);
	return tap_done();
}
