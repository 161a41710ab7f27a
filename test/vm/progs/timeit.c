// SPDX-License-Identifier: GPL-2.0-only
/*
 * timeit N CMD [ARG...]: run CMD N times (stdout and stderr to /dev/null)
 * and print the mean wall time in ms; "%i" in an argument becomes the run
 * number (1..N). Exit 1 if any run failed. busybox date has no %N.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[1]) : 0, i, j, failed = 0;
	struct timespec a, b;
	double total = 0;

	if (n <= 0) {
		fprintf(stderr, "usage: timeit N CMD [ARG...]\n");
		return 2;
	}
	for (i = 1; i <= n; i++) {
		char **args = calloc((size_t)argc, sizeof(*args)), num[16];
		int status;
		pid_t pid;

		snprintf(num, sizeof(num), "%d", i);
		for (j = 2; j < argc; j++) {
			char *at = strstr(argv[j], "%i");

			if (!at) {
				args[j - 2] = argv[j];
				continue;
			}
			args[j - 2] = malloc(strlen(argv[j]) + sizeof(num));
			sprintf(args[j - 2], "%.*s%s%s", (int)(at - argv[j]),
					argv[j], num, at + 2);
		}
		clock_gettime(CLOCK_MONOTONIC, &a);
		pid = fork();
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);

			dup2(null, 1);
			dup2(null, 2);
			execvp(args[0], args);
			_exit(127);
		}
		waitpid(pid, &status, 0);
		clock_gettime(CLOCK_MONOTONIC, &b);
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			failed = 1;
		total += (double)(b.tv_sec - a.tv_sec) * 1e3 +
				(double)(b.tv_nsec - a.tv_nsec) / 1e6;
		free(args);
	}
	printf("%.1f\n", total / n);
	return failed;
}
