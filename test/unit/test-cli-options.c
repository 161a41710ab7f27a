// SPDX-License-Identifier: GPL-2.0-only
/*
 * The CLI's option tables (daxpool/options.c): a table parsed, an unknown
 * option, a missing value, a bad value, the operands of a verb that stops
 * at the first one ('+'), the usage and the completion list made from a
 * table; then, for every verb of the CLI, that its table and its man page
 * (Documentation/daxpool-VERB.txt, OPTIONS and SYNOPSIS) name the same
 * options and operands, so the parser, --help, bash completion and the
 * man pages cannot drift apart. Argument: the Documentation folder.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "builtin.h"
#include "options.h"
#include "tap.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ok(), and on failure what came instead, as TAP comments */
#define ok_got(cond, got, ...) \
	do { \
		bool _good = (cond); \
		const char *_l, *_g = (got); \
\
		ok(_good, __VA_ARGS__); \
		for (_l = _g; !_good && _l && *_l; _l = strchrnul(_l, '\n')) { \
			_l += *_l == '\n'; \
			printf("#   got: %.*s\n", (int)strcspn(_l, "\n"), _l); \
		} \
	} while (0)

struct targs {
	bool flag, long_only;
	const char *str;
	uint64_t size, align;
	unsigned int mode;
	int num;
};

static int parse_num(const char *verb, const char *what, const char *arg,
		void *value)
{
	if (arg[0] < '0' || arg[0] > '9' || arg[1]) {
		cli_error(verb, what, "invalid number '%s'", arg);
		return -EINVAL;
	}
	*(int *)value = arg[0] - '0';
	return 0;
}

static const struct cli_option topts[] = {
	OPT_FLAG('f', "flag", struct targs, flag, "a flag"),
	OPT_STRING('s', "str", struct targs, str, "STR", "a string"),
	OPT_SIZE('z', "size", struct targs, size, "SIZE", "a size",
			.required = true),
	OPT_ALIGN('a', "align", struct targs, align, "ALIGN", "an align",
			.values = "4K 2M 1G"),
	OPT_MODE('m', "mode", struct targs, mode, "OCTAL", "a mode"),
	OPT_CALLBACK('n', "num", struct targs, num, int, parse_num, "N",
			"a digit, with a help text long enough to be wrapped onto a second line"),
	OPT_FLAG(0, "long-only", struct targs, long_only, "no short name"),
	OPT_END(),
};

static const struct cli_verb tverb = {
	.name = "test",
	.operands = "NAME [MORE]",
	.min_operands = 1,
	.max_operands = 2,
	.too_few = "a NAME is required",
	.too_many = "at most NAME and MORE",
	.description = "Tests the tables.\n",
	.options = topts,
};

/* as chmod: two operands, the first may start with '-' after '--' */
static const struct cli_verb tverb_in_order = {
	.name = "inorder",
	.operands = "MODE NAME\n-- -MODE NAME",
	.min_operands = 2,
	.max_operands = 2,
	.in_order = true,
};

/* what one cli_parse() did: its return, its values, its output */
struct result {
	int rc, first;
	char out[4096], err[4096];
	char *argv[16];
	struct targs a;
};

static void slurp(FILE *f, char *buf, size_t size)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* cli_parse(VERB) on the words of LINE, stdout and stderr captured */
static struct result *parse(const struct cli_verb *verb, const char *line)
{
	static struct result r;
	static char words[512];
	FILE *out = tmpfile(), *err = tmpfile();
	int argc = 0, o, e;
	char *w, *save = NULL;

	memset(&r, 0, sizeof(r));
	r.first = -1;
	snprintf(words, sizeof(words), "%s", line);
	for (w = strtok_r(words, " ", &save); w && argc < 15;
			w = strtok_r(NULL, " ", &save))
		r.argv[argc++] = strcmp(w, "''") == 0 ? w + 2 : w;
	r.argv[argc] = NULL;

	fflush(stdout);
	fflush(stderr);
	o = dup(1);
	e = dup(2);
	dup2(fileno(out), 1);
	dup2(fileno(err), 2);
	r.rc = cli_parse(verb, argc, r.argv, &r.a, &r.first);
	fflush(stdout);
	fflush(stderr);
	dup2(o, 1);
	dup2(e, 2);
	close(o);
	close(e);
	slurp(out, r.out, sizeof(r.out));
	slurp(err, r.err, sizeof(r.err));
	return &r;
}

static char *usage_of(const struct cli_verb *verb)
{
	static char buf[4096];
	FILE *f = tmpfile();

	cli_usage(verb, f);
	slurp(f, buf, sizeof(buf));
	return buf;
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void test_parse(void)
{
	struct result *r;

	r = parse(&tverb,
			"test -f --str x -z 1G -a 2M -m 0640 -n 7 --long-only one");
	ok(r->rc == 0 && r->first == 13 && !r->out[0] && !r->err[0],
			"every kind of option parses: rc %d, first %d", r->rc,
			r->first);
	ok(r->a.flag && r->a.long_only && strcmp(r->a.str, "x") == 0 &&
					r->a.size == 1ULL << 30 &&
					r->a.align == 2ULL << 20 &&
					r->a.mode == 0640 && r->a.num == 7,
			"... and each value lands in its field");

	r = parse(&tverb, "test one -fsx --size=4K --lo two");
	ok(r->rc == 0 && r->first == 4 && strcmp(r->argv[4], "one") == 0 &&
					strcmp(r->argv[5], "two") == 0,
			"operands move behind the options (no '+'): first %d",
			r->first);
	ok(r->a.flag && strcmp(r->a.str, "x") == 0 && r->a.size == 4096 &&
					r->a.long_only && !r->a.mode,
			"clustered short options, --opt=value, an abbreviation");

	r = parse(&tverb, "test one -s x -s y");
	ok(r->rc == 0 && strcmp(r->a.str, "y") == 0,
			"an option given twice: the last wins");
}

/* a command line, what it must say on stderr, and whether the usage follows */
struct error_case {
	const struct cli_verb *verb;
	const char *line, *err;
	bool usage;
	const char *desc;
};

static const struct error_case error_cases[] = {
	{ &tverb, "test one --bogus", "daxpool test: --bogus: unknown option\n",
			true, "unknown long option" },
	{ &tverb, "test -x one", "daxpool test: -x: unknown option\n", true,
			"unknown short option" },
	{ &tverb, "test one --flag=1",
			"daxpool test: --flag=1: unknown option\n", true,
			"a value for a flag" },
	{ &tverb, "test one --s x", "daxpool test: --s: unknown option\n", true,
			"an ambiguous abbreviation (--str, --size) is unknown" },
	{ &tverb, "test one --str", "daxpool test: --str: needs a value\n",
			true, "missing value of a long option" },
	{ &tverb, "test one -s", "daxpool test: -s: needs a value\n", true,
			"missing value of a short option" },
	/* a bad value is said alone: the usage would hide it */
	{ &tverb, "test one -z 0 --bogus",
			"daxpool test: --size: invalid size '0': use a positive number of bytes with an optional K, M, G or T suffix\n",
			false, "bad size, said before a later unknown option" },
	{ &tverb, "test one --size 99999999999T",
			"daxpool test: --size: invalid size '99999999999T': too large\n",
			false, "size too large" },
	{ &tverb, "test one -a 3K",
			"daxpool test: --align: invalid align '3K': use 4K, 2M or 1G\n",
			false, "bad align" },
	{ &tverb, "test one -m 8",
			"daxpool test: --mode: invalid mode '8': use octal digits, at most 07777\n",
			false, "bad mode" },
	{ &tverb, "test one -n x", "daxpool test: --num: invalid number 'x'\n",
			false, "a callback says why, with the long name" },
	{ &tverb, "test", "daxpool test: arguments: a NAME is required\n", true,
			"too few operands" },
	{ &tverb, "test a b c",
			"daxpool test: arguments: at most NAME and MORE\n",
			true, "too many operands" },
	{ &tverb_in_order, "inorder 0640",
			"daxpool inorder: arguments: expected 2, got 1\n", true,
			"no message of its own: expected N, got M" },
	{ &tverb_in_order, "inorder -0 p",
			"daxpool inorder: -0: unknown option\n", true,
			"'+': -0 first is an option, unknown" },
};

static void test_errors(void)
{
	const struct error_case *c;
	struct result *r;
	size_t n;

	for (c = error_cases; c < error_cases + ARRAY_SIZE(error_cases); c++) {
		r = parse(c->verb, c->line);
		n = strlen(c->err);
		ok_got(r->rc == -EINVAL && !r->out[0] &&
						strncmp(r->err, c->err, n) ==
								0 &&
						strcmp(r->err + n,
								c->usage ? usage_of(c->verb) :
									   "") ==
								0,
				r->err, "%s: %s", c->line, c->desc);
	}
}

static void test_help(void)
{
	struct result *r;

	r = parse(&tverb, "test --help");
	ok_got(r->rc == 1 && strcmp(r->out, usage_of(&tverb)) == 0 &&
					!r->err[0],
			r->err, "--help: the usage on stdout, returns 1");
	r = parse(&tverb, "test one -h");
	ok(r->rc == 1 && strcmp(r->out, usage_of(&tverb)) == 0,
			"-h after an operand (no '+')");
	r = parse(&tverb, "test -z 0 -h");
	ok(r->rc == -EINVAL && !r->out[0],
			"options are taken in order: a bad value before --help");
	r = parse(&tverb, "test --he");
	ok(r->rc == 1, "--he is --help");
}

static void test_in_order(void)
{
	struct result *r;

	r = parse(&tverb_in_order, "inorder 0640 -x");
	ok(r->rc == 0 && r->first == 1 && strcmp(r->argv[2], "-x") == 0,
			"'+': after the first operand '-x' is an operand");
	r = parse(&tverb_in_order, "inorder -- -0 p");
	ok(r->rc == 0 && r->first == 2 && strcmp(r->argv[2], "-0") == 0 &&
					strcmp(r->argv[3], "p") == 0,
			"'+': a mode -0 after --");
	r = parse(&tverb_in_order, "inorder 0640 --help");
	ok(r->rc == 0 && !r->out[0] && strcmp(r->argv[2], "--help") == 0,
			"'+': --help after the first operand is an operand");
	r = parse(&tverb_in_order, "inorder -h 0640");
	ok(r->rc == 1, "'+': -h before the operands is --help");
	r = parse(&tverb, "test one -0");
	ok(r->rc == -EINVAL, "without '+', -0 after an operand is an option");
	r = parse(&tverb_in_order, "inorder 0640 -x");
	ok(r->rc == 0, "getopt starts afresh at each parse");
}

static void test_usage(void)
{
	char buf[128], *s;
	FILE *f;

	ok_got(strcmp(usage_of(&tverb),
			       "usage: daxpool test NAME [MORE] [-f|--flag] [--str STR] --size SIZE\n"
			       "                    [--align 4K|2M|1G] [--mode OCTAL] [--num N] [--long-only]\n"
			       "\n"
			       "Tests the tables.\n"
			       "\n"
			       "  -f, --flag         a flag\n"
			       "  -s, --str STR      a string\n"
			       "  -z, --size SIZE    a size\n"
			       "  -a, --align ALIGN  an align\n"
			       "  -m, --mode OCTAL   a mode\n"
			       "  -n, --num N        a digit, with a help text long enough to be wrapped onto a\n"
			       "                     second line\n"
			       "      --long-only    no short name\n"
			       "  -h, --help         show this usage\n") == 0,
			usage_of(&tverb), "the usage from the table");
	ok_got(strcmp(usage_of(&tverb_in_order),
			       "usage: daxpool inorder MODE NAME\n"
			       "       daxpool inorder -- -MODE NAME\n"
			       "\n"
			       "  -h, --help  show this usage\n") == 0,
			usage_of(&tverb_in_order),
			"other forms of the synopsis, and only --help");

	ok(strcmp(cli_option_synopsis(&topts[0], buf, sizeof(buf)),
			   "[-f|--flag]") == 0,
			"synopsis of a flag: %s", buf);
	ok(strcmp(cli_option_synopsis(&topts[2], buf, sizeof(buf)),
			   "--size SIZE") == 0,
			"of a required option: %s", buf);
	ok(strcmp(cli_option_synopsis(&topts[3], buf, sizeof(buf)),
			   "[--align 4K|2M|1G]") == 0,
			"of one with values: %s", buf);
	ok(strcmp(cli_option_synopsis(&topts[6], buf, sizeof(buf)),
			   "[--long-only]") == 0,
			"of a long-only flag: %s", buf);

	f = tmpfile();
	cli_list_options(&tverb, f);
	s = usage_of(&tverb); /* a buffer as large */
	slurp(f, s, 4096);
	ok_got(strcmp(s,
			       "--flag -f -\n"
			       "--str -s STR\n"
			       "--size -z SIZE\n"
			       "--align -a ALIGN 4K 2M 1G\n"
			       "--mode -m OCTAL\n"
			       "--num -n N\n"
			       "--long-only - -\n"
			       "--help -h -\n") == 0,
			s, "the list bash completion reads");
}

/* the words of S with single spaces, in place; Returns: S */
static char *squeeze(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		if (*r == ' ' || *r == '\t' || *r == '\n') {
			while (*r == ' ' || *r == '\t' || *r == '\n')
				r++;
			if (w != s && *r)
				*w++ = ' ';
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return s;
}

/* take the word sequence WORDS out of S (whole words only); false: absent */
static bool take(char *s, const char *words)
{
	size_t n = strlen(words);
	char *p;

	for (p = s; (p = strstr(p, words)); p++) {
		if ((p == s || p[-1] == ' ') && (p[n] == ' ' || !p[n])) {
			memmove(p, p + n, strlen(p + n) + 1);
			squeeze(s);
			return true;
		}
	}
	return false;
}

/* the lines of section NAME of the asciidoc page TEXT, or NULL */
static char *section(const char *text, const char *name, char *buf, size_t size)
{
	char head[64];
	const char *p, *end;

	snprintf(head, sizeof(head), "\n%s\n", name);
	p = strstr(text, head);
	if (!p)
		return NULL;
	p = strchr(p + strlen(head), '\n'); /* the line of dashes */
	if (!p)
		return NULL;
	p++;
	/* up to the next heading: a line underlined with as many dashes */
	for (end = p; (end = strstr(end, "\n-")); end++) {
		const char *q = end + 1, *title = end;

		while (*q == '-')
			q++;
		while (title > p && title[-1] != '\n')
			title--;
		if (*q == '\n' && q - end - 1 == end - title && end > title)
			break;
	}
	if (!end)
		end = p + strlen(p);
	/* back over the heading's own line */
	else
		while (end > p && end[-1] != '\n')
			end--;
	snprintf(buf, size, "%.*s", (int)(end - p), p);
	return buf;
}

/* how the man page heads OPT's entry: "-s, --size=SIZE::", "--no-zero::" */
static void man_entry(const struct cli_option *opt, char *buf, size_t size)
{
	char s[8] = "";

	if (opt->short_name)
		snprintf(s, sizeof(s), "-%c, ", opt->short_name);
	snprintf(buf, size, "%s--%s%s%s::", s, opt->long_name,
			opt->argname ? "=" : "",
			opt->argname ? opt->argname : "");
}

static void test_man_page(const char *docdir, const struct cli_verb *verb)
{
	static char text[65536], sect[16384];
	char path[512], entry[128], item[128], forms[4][512], operands[512];
	char *line, *save = NULL, *o, *oend;
	const struct cli_option *opt, *other;
	bool fine, in_man;
	int nforms = 0, i;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/daxpool-%s.txt", docdir, verb->name);
	f = fopen(path, "r");
	ok(f != NULL, "%s: its man page %s", verb->name, path);
	if (!f)
		return;
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);

	/* its table: names unique, -h and --help left to the helper */
	fine = true;
	for (opt = verb->options; opt && opt->long_name; opt++) {
		if (opt->short_name == 'h' ||
				strcmp(opt->long_name, "help") == 0)
			fine = false;
		for (other = opt + 1; other->long_name; other++)
			if (strcmp(opt->long_name, other->long_name) == 0 ||
					(opt->short_name &&
							opt->short_name ==
									other->short_name))
				fine = false;
		if ((opt->arg == CLI_ARG_NONE) != !opt->argname ||
				(opt->arg == CLI_ARG_CALLBACK && !opt->parse))
			fine = false;
	}
	ok(fine, "%s: its table names each option once, takes no -h, and each has what its kind needs",
			verb->name);

	/* OPTIONS: one entry per option of the table, and no other */
	if (!section(text, "OPTIONS", sect, sizeof(sect)))
		sect[0] = '\0';
	for (opt = verb->options; opt && opt->long_name; opt++) {
		man_entry(opt, entry, sizeof(entry));
		in_man = false;
		for (o = sect; (o = strstr(o, entry)); o++)
			if ((o == sect || o[-1] == '\n') &&
					(o[strlen(entry)] == '\n' ||
							!o[strlen(entry)]))
				in_man = true;
		ok(in_man, "%s: the man page has the entry %s", verb->name,
				entry);
	}
	for (line = strtok_r(sect, "\n", &save); line;
			line = strtok_r(NULL, "\n", &save)) {
		n = strlen(line);
		if (line[0] != '-' || n < 3 || strcmp(line + n - 2, "::") != 0)
			continue;
		in_man = strcmp(line, "-h, --help::") == 0;
		for (opt = verb->options; opt && opt->long_name; opt++) {
			man_entry(opt, entry, sizeof(entry));
			if (strcmp(entry, line) == 0)
				in_man = true;
		}
		ok(in_man, "%s: the man page's entry %s is in the table",
				verb->name, line);
	}

	/* SYNOPSIS: its forms are the operands; the first also the options */
	if (!section(text, "SYNOPSIS", sect, sizeof(sect)))
		sect[0] = '\0';
	snprintf(item, sizeof(item), "'daxpool %s'", verb->name);
	save = NULL;
	for (line = strtok_r(sect, "\n", &save); line;
			line = strtok_r(NULL, "\n", &save)) {
		if (starts(line, item) && nforms < 4)
			snprintf(forms[nforms++], sizeof(forms[0]), "%s",
					line + strlen(item));
		else if ((line[0] == ' ' || line[0] == '\t') && nforms)
			snprintf(forms[nforms - 1] + strlen(forms[nforms - 1]),
					sizeof(forms[0]) -
							strlen(forms[nforms -
									1]),
					" %s", line);
	}
	ok(nforms > 0, "%s: the man page's synopsis has %d forms", verb->name,
			nforms);
	for (opt = verb->options; nforms && opt && opt->long_name; opt++) {
		cli_option_synopsis(opt, item, sizeof(item));
		ok(take(squeeze(forms[0]), item),
				"%s: the man page's synopsis has %s",
				verb->name, item);
	}
	snprintf(operands, sizeof(operands), "%s",
			verb->operands ? verb->operands : "");
	o = operands;
	for (i = 0; i < nforms; i++) {
		oend = o ? strchr(o, '\n') : NULL;
		if (oend)
			*oend = '\0';
		squeeze(forms[i]);
		ok(o && strcmp(squeeze(o), forms[i]) == 0,
				"%s: synopsis form %d, options aside, is the table's operands: '%s' and '%s'",
				verb->name, i + 1, forms[i], o ? o : "(none)");
		o = oend ? oend + 1 : NULL;
	}
	ok(!o, "%s: the table has no operand form the man page lacks",
			verb->name);
}

static void test_verbs(const char *docdir)
{
	const struct cli_verb *const *v;
	struct result *r;
	char line[64];

	for (v = cli_verbs; *v; v++) {
		ok(cli_find_verb((*v)->name) == *v && (*v)->fn && (*v)->summary,
				"%s: found by name, with a function and a summary",
				(*v)->name);
		snprintf(line, sizeof(line), "%s --help", (*v)->name);
		r = parse(*v, line);
		ok(r->rc == 1 && starts(r->out, "usage: daxpool "),
				"%s: its table makes a parser and a usage",
				(*v)->name);
		test_man_page(docdir, *v);
	}
	ok(!cli_find_verb("help") && !cli_find_verb("nosuch"),
			"no verb help or nosuch");
}

int main(int argc, char **argv)
{
	test_parse();
	test_errors();
	test_help();
	test_in_order();
	test_usage();
	if (argc > 1)
		test_verbs(argv[1]);
	else
		ok(0, "give the Documentation folder as the argument");
	return tap_done();
}
