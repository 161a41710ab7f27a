// SPDX-License-Identifier: GPL-2.0-only
/* daxpool: the command table and the top-level options */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "builtin.h"

static const struct cmd_struct commands[] = {
	{ "create", cmd_create, "create a named pool" },
	{ "list", cmd_list, "list pools as JSON" },
	{ "destroy", cmd_destroy, "destroy pools that nobody uses" },
	{ "chown", cmd_chown, "change a pool's owner and group" },
	{ "chmod", cmd_chmod, "change a pool's mode" },
	{ "rename", cmd_rename, "rename a pool" },
	{ "activate", cmd_activate,
			"bring the host's pools up from their media (at boot)" },
	{ "check", cmd_check, "find, and with --repair mend, what disagrees" },
#if HAVE_RDMA
	{ "rdma-check", cmd_rdma_check,
			"check that a pool can be registered for RDMA" },
#endif
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: daxpool [--version] [--help] COMMAND [ARGS]\n\n"
		"Named, fixed device-DAX pools that RDMA may pin for good.\n\n"
		"Commands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].cmd, commands[i].summary);
	fprintf(f, "  %-10s %s\n", "help", "this text, or 'help COMMAND' for a command's options");
	fprintf(f, "\nSee daxpool(1) and daxpool-COMMAND(1).\n");
}

static const struct cmd_struct *find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].cmd, name) == 0)
			return &commands[i];
	return NULL;
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
	fprintf(stderr, "daxpool %s: cannot write the output: %s\n", verb, strerror(e));
	return 1;
}

static int run(const struct cmd_struct *cmd, int argc, char **argv)
{
	struct daxpool_ctx *ctx;
	int rc;

	rc = daxpool_new(&ctx);
	if (rc) {
		fprintf(stderr, "daxpool %s: cannot start libdaxpool: %s\n",
				cmd->cmd, strerror(-rc));
		return 1;
	}
	rc = cmd->fn(argc, argv, ctx);
	daxpool_unref(ctx);
	return finish_stdout(cmd->cmd) || rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	const struct cmd_struct *cmd;

	if (argc < 2) {
		usage(stderr);
		return 1;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("%s\n", VERSION);
		return finish_stdout("--version");
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			char *help_argv[] = { argv[2], "--help", NULL };

			cmd = find_cmd(argv[2]);
			if (!cmd) {
				fprintf(stderr, "daxpool help: unknown command '%s'\n", argv[2]);
				return 1;
			}
			return run(cmd, 2, help_argv);
		}
		usage(stdout);
		return finish_stdout("help");
	}
	cmd = find_cmd(argv[1]);
	if (!cmd) {
		fprintf(stderr, "daxpool: unknown command '%s'; see 'daxpool help'\n",
				argv[1]);
		return 1;
	}
	return run(cmd, argc - 1, argv + 1);
}
