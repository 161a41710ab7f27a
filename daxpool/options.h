/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A verb's options and operands, declared once in a table: the parser, the
 * --help text and the lists bash completion reads (daxpool --list-options)
 * all come from it, so they cannot drift apart. ndctl's parse_options is
 * the idea; the values go into a struct local to the verb, not globals.
 */
#ifndef _DAXPOOL_OPTIONS_H_
#define _DAXPOOL_OPTIONS_H_
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct daxpool_ctx;

/* what an option's argument is, and so how it is parsed and stored */
enum cli_arg {
	CLI_ARG_NONE, /* a flag: sets a bool */
	CLI_ARG_STRING, /* const char *, as given */
	CLI_ARG_SIZE, /* uint64_t, daxpool_parse_size() */
	CLI_ARG_ALIGN, /* uint64_t, daxpool_parse_align() */
	CLI_ARG_MODE, /* unsigned int, daxpool_parse_mode() */
	CLI_ARG_CALLBACK, /* the option's parse function stores it */
};

/*
 * Parses ARG, the value of option WHAT ("--type") of VERB, into VALUE.
 * Returns: 0, or -EINVAL after saying why with cli_error(VERB, WHAT, ...).
 */
typedef int (*cli_parse_fn)(const char *verb, const char *what, const char *arg,
		void *value);

struct cli_option {
	int short_name; /* 0: a long name only */
	const char *long_name; /* NULL ends the table */
	enum cli_arg arg;
	size_t offset; /* of the value in the verb's struct of options */
	const char *argname; /* "SIZE" in --size SIZE; NULL for a flag */
	const char *help;
	/* the values completion offers, as "4K 2M 1G"; usage shows 4K|2M|1G */
	const char *values;
	cli_parse_fn parse; /* for CLI_ARG_CALLBACK */
	/* shown without brackets; the verb checks it, in its own order */
	bool required;
};

struct cli_verb {
	const char *name;
	int (*fn)(int argc, char **argv, struct daxpool_ctx *ctx);
	const char *summary; /* its line in 'daxpool help' */
	/* "MODE NAME|UUID"; a '\n' separates other forms of the synopsis */
	const char *operands;
	int min_operands, max_operands; /* max -1: no limit */
	/* cli_error's WHY for too few or too many; NULL: "expected N, got M" */
	const char *too_few, *too_many;
	/*
	 * Stop at the first operand ('+' of getopt), so what follows it is an
	 * operand even if it starts with '-': chmod 0640 -x names a pool "-x".
	 */
	bool in_order;
	const char *description; /* paragraphs of the usage, or NULL */
	const struct cli_option *options; /* ends with OPT_END() */
};

/* 0; does not compile unless FIELD of TYPE is of CTYPE */
#define CLI_TYPE_CHECK(type, field, ctype) \
	(0 * sizeof(char[1 - 2 * !__builtin_types_compatible_p(__typeof__(((type *)0)->field), ctype)]))
/* the offset of FIELD in TYPE: a uint64_t stored into an int is an error */
#define CLI_FIELD(type, field, ctype) \
	(offsetof(type, field) + CLI_TYPE_CHECK(type, field, ctype))

/* the trailing arguments set more fields: .values = "...", .required = true */
#define CLI_OPT(s, l, kind, off, an, h, ...) \
	{ \
		.short_name = (s), .long_name = (l), .arg = (kind), \
		.offset = (off), .argname = (an), .help = (h), __VA_ARGS__ \
	}
#define OPT_FLAG(s, l, type, field, h, ...) \
	CLI_OPT(s, l, CLI_ARG_NONE, CLI_FIELD(type, field, bool), NULL, h, \
			__VA_ARGS__)
#define OPT_STRING(s, l, type, field, an, h, ...) \
	CLI_OPT(s, l, CLI_ARG_STRING, CLI_FIELD(type, field, const char *), \
			an, h, __VA_ARGS__)
#define OPT_SIZE(s, l, type, field, an, h, ...) \
	CLI_OPT(s, l, CLI_ARG_SIZE, CLI_FIELD(type, field, uint64_t), an, h, \
			__VA_ARGS__)
#define OPT_ALIGN(s, l, type, field, an, h, ...) \
	CLI_OPT(s, l, CLI_ARG_ALIGN, CLI_FIELD(type, field, uint64_t), an, h, \
			__VA_ARGS__)
#define OPT_MODE(s, l, type, field, an, h, ...) \
	CLI_OPT(s, l, CLI_ARG_MODE, CLI_FIELD(type, field, unsigned int), an, \
			h, __VA_ARGS__)
#define OPT_CALLBACK(s, l, type, field, ctype, fn, an, h, ...) \
	CLI_OPT(s, l, CLI_ARG_CALLBACK, CLI_FIELD(type, field, ctype), an, h, \
			.parse = (fn), __VA_ARGS__)
#define OPT_END() \
	{ \
		.long_name = NULL \
	}

/*
 * Parses VERB's options in ARGV into ARGS (the verb's struct of options,
 * its defaults already set) and checks the number of operands. On an
 * unknown option, a missing value or a wrong number of operands it says
 * "daxpool VERB: WHAT: WHY" and prints the usage on stderr; on a bad value
 * it says why (the usage would hide it). Returns: 0 with the index of the
 * first operand in *FIRST; 1 when --help printed the usage on stdout; or
 * -EINVAL after saying what was wrong.
 */
int cli_parse(const struct cli_verb *verb, int argc, char **argv, void *args,
		int *first);

/* Prints VERB's usage, options and all, to F. Returns: nothing. */
void cli_usage(const struct cli_verb *verb, FILE *f);

/*
 * Writes how OPT appears in a synopsis into BUF: "[--type pmem|ram]",
 * "[-u|--human]", "--size SIZE" for a required one. Returns: BUF.
 */
char *cli_option_synopsis(const struct cli_option *opt, char *buf, size_t size);

/*
 * Prints VERB's options for bash completion to F, a line each, --help
 * last: "LONG SHORT ARGNAME [VALUE...]", with "-" for no short name and
 * for no argument, as in "--type -t TYPE pmem ram" or "--no-zero - -".
 * Returns: nothing.
 */
void cli_list_options(const struct cli_verb *verb, FILE *f);
#endif
