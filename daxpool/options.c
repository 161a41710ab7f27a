// SPDX-License-Identifier: GPL-2.0-only
/*
 * The option tables of options.h at work: getopt_long's arguments, the
 * usage and the completion lists are each built from a verb's one table.
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <daxpool/libdaxpool.h>
#include "builtin.h"
#include "options.h"

/* more than any verb needs; the unit test parses every verb's table */
#define MAX_OPTIONS 32
/* what getopt_long returns for option I of the table without a short name */
#define LONG_ONLY(i) (256 + (int)(i))
#define USAGE_WIDTH 79
/* an option's help starts at most here; a longer one is on its own line */
#define HELP_COLUMN_MAX 26

/* every verb has it, so no table lists it: it comes last everywhere */
static const struct cli_option help_option = {
	.short_name = 'h',
	.long_name = "help",
	.arg = CLI_ARG_NONE,
	.help = "show this usage",
};

static size_t count_options(const struct cli_verb *verb)
{
	size_t n = 0;

	while (verb->options && verb->options[n].long_name)
		n++;
	return n;
}

/* the table's options, then --help; NULL past the end */
static const struct cli_option *option_at(const struct cli_verb *verb, size_t i)
{
	size_t n = count_options(verb);

	if (i < n)
		return &verb->options[i];
	return i == n ? &help_option : NULL;
}

static const struct cli_option *option_of(const struct cli_verb *verb, int c)
{
	const struct cli_option *opt;
	size_t i;

	if (c >= LONG_ONLY(0))
		return option_at(verb, (size_t)(c - LONG_ONLY(0)));
	for (i = 0; (opt = option_at(verb, i)); i++)
		if (opt->short_name == c)
			return opt;
	return NULL;
}

/* ARG into VALUE as OPT's kind says; a bad value is said as create said it */
static int store(const struct cli_verb *verb, const struct cli_option *opt,
		const char *arg, void *value)
{
	char what[64];
	int rc = 0;

	snprintf(what, sizeof(what), "--%s", opt->long_name);
	switch (opt->arg) {
	case CLI_ARG_NONE:
		*(bool *)value = true;
		break;
	case CLI_ARG_STRING:
		*(const char **)value = arg;
		break;
	case CLI_ARG_SIZE:
		rc = daxpool_parse_size(arg, value);
		if (rc)
			cli_error(verb->name, what, "invalid size '%s': %s",
					arg,
					rc == -ERANGE ? "too large" :
							"use a positive number of bytes with an optional K, M, G or T suffix");
		break;
	case CLI_ARG_ALIGN:
		rc = daxpool_parse_align(arg, value);
		if (rc)
			cli_error(verb->name, what,
					"invalid align '%s': use 4K, 2M or 1G",
					arg);
		break;
	case CLI_ARG_MODE:
		rc = daxpool_parse_mode(arg, value);
		if (rc)
			cli_error(verb->name, what,
					"invalid mode '%s': use octal digits, at most 07777",
					arg);
		break;
	case CLI_ARG_CALLBACK:
		rc = opt->parse(verb->name, what, arg, value);
		break;
	}
	return rc ? -EINVAL : 0;
}

int cli_parse(const struct cli_verb *verb, int argc, char **argv, void *args,
		int *first)
{
	struct option longopts[MAX_OPTIONS + 2] = { { 0 } };
	char optstring[2 + 2 * (MAX_OPTIONS + 1) + 1], *p = optstring;
	const struct cli_option *opt;
	const char *why;
	int c, operands;
	size_t i;

	if (count_options(verb) > MAX_OPTIONS) {
		cli_error(verb->name, "options", "more than %d in its table",
				MAX_OPTIONS);
		return -EINVAL;
	}
	if (verb->in_order)
		*p++ = '+';
	/* a missing value comes back as ':', apart from an unknown option */
	*p++ = ':';
	for (i = 0; (opt = option_at(verb, i)); i++) {
		longopts[i].name = opt->long_name;
		longopts[i].has_arg = opt->arg == CLI_ARG_NONE ?
				no_argument :
				required_argument;
		longopts[i].val = opt->short_name ? opt->short_name :
						    LONG_ONLY(i);
		if (!opt->short_name)
			continue;
		*p++ = (char)opt->short_name;
		if (opt->arg != CLI_ARG_NONE)
			*p++ = ':';
	}
	*p = '\0';

	opterr = 0;
	/* 0, not 1: getopt then starts afresh, and reads '+' again */
	optind = 0;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		opt = c == ':' || c == '?' ? NULL : option_of(verb, c);
		if (!opt) {
			/* the word as given, as each verb said it before the tables */
			cli_error(verb->name, argv[optind - 1], "%s",
					c == ':' ? "needs a value" :
						   "unknown option");
			cli_usage(verb, stderr);
			return -EINVAL;
		}
		if (opt == &help_option) {
			cli_usage(verb, stdout);
			return 1;
		}
		if (store(verb, opt, optarg, (char *)args + opt->offset))
			return -EINVAL;
	}

	operands = argc - optind;
	if (operands < verb->min_operands ||
			(verb->max_operands >= 0 &&
					operands > verb->max_operands)) {
		why = operands < verb->min_operands ? verb->too_few :
						      verb->too_many;
		if (why)
			cli_error(verb->name, "arguments", "%s", why);
		else
			cli_error(verb->name, "arguments",
					"expected %d, got %d",
					verb->min_operands, operands);
		cli_usage(verb, stderr);
		return -EINVAL;
	}
	*first = optind;
	return 0;
}

char *cli_option_synopsis(const struct cli_option *opt, char *buf, size_t size)
{
	char arg[64] = "", *s;
	const char *open = opt->required ? "" : "[";
	const char *close = opt->required ? "" : "]";

	/* the values, where there are a few, say more than a name */
	if (opt->argname) {
		snprintf(arg, sizeof(arg), " %s",
				opt->values ? opt->values : opt->argname);
		for (s = arg + 1; *s; s++)
			if (*s == ' ')
				*s = '|';
	}
	if (opt->arg == CLI_ARG_NONE && opt->short_name)
		snprintf(buf, size, "%s-%c|--%s%s", open, opt->short_name,
				opt->long_name, close);
	else
		snprintf(buf, size, "%s--%s%s%s", open, opt->long_name, arg,
				close);
	return buf;
}

/* "-s, --size SIZE" or "    --no-zero", as the option list shows it */
static int option_spec(const struct cli_option *opt, char *buf, size_t size)
{
	char s[8] = "    ";

	if (opt->short_name)
		snprintf(s, sizeof(s), "-%c, ", opt->short_name);
	return snprintf(buf, size, "%s--%s%s%s", s, opt->long_name,
			opt->argname ? " " : "",
			opt->argname ? opt->argname : "");
}

/* TEXT's words from column COL on, wrapped at USAGE_WIDTH to COL */
static void print_wrapped(FILE *f, const char *text, int col)
{
	int pos = col, len;
	bool start = true;

	for (;;) {
		text += strspn(text, " ");
		len = (int)strcspn(text, " ");
		if (!len)
			break;
		if (!start && pos + 1 + len > USAGE_WIDTH) {
			fprintf(f, "\n%*s", col, "");
			pos = col;
			start = true;
		}
		pos += fprintf(f, "%s%.*s", start ? "" : " ", len, text);
		start = false;
		text += len;
	}
	fputc('\n', f);
}

void cli_usage(const struct cli_verb *verb, FILE *f)
{
	const char *form = verb->operands ? verb->operands : "", *end;
	const struct cli_option *opt;
	int col, indent, width = 0, len;
	char item[128];
	size_t i;

	/* each form of the synopsis; the options follow the first */
	for (i = 0;; i++) {
		end = strchrnul(form, '\n');
		col = fprintf(f, "%s daxpool %s",
				i ? "      " : "usage:", verb->name);
		indent = col + 1;
		if (end > form)
			col += fprintf(f, " %.*s", (int)(end - form), form);
		for (opt = verb->options; !i && opt && opt->long_name; opt++) {
			len = (int)strlen(cli_option_synopsis(
					opt, item, sizeof(item)));
			if (col + 1 + len > USAGE_WIDTH)
				col = fprintf(f, "\n%*s%s", indent, "", item) -
						1;
			else
				col += fprintf(f, " %s", item);
		}
		fputc('\n', f);
		if (!*end)
			break;
		form = end + 1;
	}
	if (verb->description)
		fprintf(f, "\n%s", verb->description);

	for (i = 0; (opt = option_at(verb, i)); i++) {
		len = option_spec(opt, item, sizeof(item));
		if (len > width && len <= HELP_COLUMN_MAX - 4)
			width = len;
	}
	fputc('\n', f);
	for (i = 0; (opt = option_at(verb, i)); i++) {
		len = option_spec(opt, item, sizeof(item));
		if (len > width)
			fprintf(f, "  %s\n%*s", item, width + 4, "");
		else
			fprintf(f, "  %-*s  ", width, item);
		print_wrapped(f, opt->help, width + 4);
	}
}

void cli_list_options(const struct cli_verb *verb, FILE *f)
{
	const struct cli_option *opt;
	char s[4] = "-";
	size_t i;

	for (i = 0; (opt = option_at(verb, i)); i++) {
		if (opt->short_name)
			snprintf(s, sizeof(s), "-%c", opt->short_name);
		else
			strcpy(s, "-");
		fprintf(f, "--%s %s %s%s%s\n", opt->long_name, s,
				opt->argname ? opt->argname : "-",
				opt->values ? " " : "",
				opt->values ? opt->values : "");
	}
}
