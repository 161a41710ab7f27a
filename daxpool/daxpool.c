// SPDX-License-Identifier: GPL-2.0-only
/* daxpool: the top-level options, and the run of a verb */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "builtin.h"

static void usage(FILE *f)
{
	const struct cli_verb *const *v;

	fprintf(f,
			"usage: daxpool [--version] [--help] COMMAND [ARGS]\n\n"
			"Named, fixed device-DAX pools that RDMA may pin for good.\n\n"
			"Commands:\n");
	for (v = cli_verbs; *v; v++)
		fprintf(f, "  %-10s %s\n", (*v)->name, (*v)->summary);
	fprintf(f, "  %-10s %s\n", "help",
			"this text, or 'help COMMAND' for a command's options");
	fprintf(f, "\nSee daxpool(1) and daxpool-COMMAND(1).\n");
}

/*
 * What a command printed must have been written: output to a full disk or
 * a closed pipe fails the command, or a script would take a truncated list
 * of pools for the whole of it.
 */
static int finish_stdout(const char *verb)
{
	int e = 0;

	if (fflush(stdout) != 0 || ferror(stdout))
		e = errno ? errno : EIO;
	if (fclose(stdout) != 0 && !e)
		e = errno ? errno : EIO;
	if (!e)
		return 0;
	fprintf(stderr, "daxpool %s: cannot write the output: %s\n", verb,
			strerror(e));
	return 1;
}

static int run(const struct cli_verb *cmd, int argc, char **argv)
{
	struct daxpool_ctx *ctx;
	int rc;

	rc = daxpool_new(&ctx);
	if (rc) {
		fprintf(stderr, "daxpool %s: cannot start libdaxpool: %s\n",
				cmd->name, strerror(-rc));
		return 1;
	}
	rc = cmd->fn(argc, argv, ctx);
	daxpool_unref(ctx);
	if (finish_stdout(cmd->name))
		return 1;
	/* a verb's own exit status (check: 2, it could not run) stands */
	return rc >= 0 && rc <= 2 ? rc : 1;
}

int main(int argc, char **argv)
{
	const struct cli_verb *const *v, *cmd;

	if (argc < 2) {
		usage(stderr);
		return 1;
	}
	if (strcmp(argv[1], "--version") == 0 ||
			strcmp(argv[1], "version") == 0) {
		printf("%s\n", VERSION);
		return finish_stdout("--version");
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
			strcmp(argv[1], "help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			char *help_argv[] = { argv[2], "--help", NULL };

			cmd = cli_find_verb(argv[2]);
			if (!cmd) {
				fprintf(stderr, "daxpool help: unknown command '%s'\n",
						argv[2]);
				return 1;
			}
			return run(cmd, 2, help_argv);
		}
		usage(stdout);
		return finish_stdout("help");
	}
	/* for bash completion, which takes its words from the tables */
	if (strcmp(argv[1], "--list-cmds") == 0) {
		for (v = cli_verbs; *v; v++)
			printf("%s\n", (*v)->name);
		printf("help\n");
		return finish_stdout("--list-cmds");
	}
	if (strcmp(argv[1], "--list-options") == 0) {
		cmd = argc == 3 ? cli_find_verb(argv[2]) : NULL;
		if (argc != 3)
			cli_error(argv[1], "arguments", "expected 1, got %d",
					argc - 2);
		else if (!cmd)
			cli_error(argv[1], argv[2], "unknown command");
		if (!cmd)
			return 1;
		cli_list_options(cmd, stdout);
		return finish_stdout("--list-options");
	}
	cmd = cli_find_verb(argv[1]);
	if (!cmd) {
		fprintf(stderr, "daxpool: unknown command '%s'; see 'daxpool help'\n",
				argv[1]);
		return 1;
	}
	return run(cmd, argc - 1, argv + 1);
}
