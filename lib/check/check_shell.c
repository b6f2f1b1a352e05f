/*
 * sh: the shell's own parser (bash -n, sh -n); then shellcheck, errors
 * only, of whose findings only its parser's (SC1xxx) are syntax.
 */
#include <stdbool.h>
#include <string.h>

#include "heal_check_int.h"

/* A bash script, or one the command runs with bash ("bash x.sh"). */
static bool is_bash(const struct heal_check_target *t)
{
	const struct heal_lang *l = t->command && t->command[0] ?
				    heal_lang_of_program(t->command[0], NULL) : NULL;

	return t->lang->id == HEAL_LANG_BASH || (l && l->id == HEAL_LANG_BASH);
}

static enum heal_check_plan plan_sh(const struct heal_check_target *t,
				    struct heal_check_argv *argv,
				    const char **why)
{
	(void)why;
	heal_check_argv_pushl(argv, is_bash(t) ? "bash" : "sh", "-n", t->arg, NULL);
	return HEAL_CHECK_RUN;
}

static enum heal_check_plan plan_shellcheck(const struct heal_check_target *t,
					    struct heal_check_argv *argv,
					    const char **why)
{
	(void)why;
	heal_check_argv_pushl(argv, "shellcheck", "-S", "error", "-f", "gcc",
			      is_bash(t) ? "--shell=bash" : "--shell=sh", t->arg,
			      NULL);
	return HEAL_CHECK_RUN;
}

static enum heal_check_status verdict_shellcheck(const struct heal_check_target *t,
						 const struct heal_spawn_result *res,
						 const char **detail)
{
	(void)t;
	/* SC1xxx are its parser's findings; the others are lint */
	if (res->exited &&
	    !(res->out.data && memmem(res->out.data, res->out.len, "[SC1", 4))) {
		*detail = "no parse errors (its other findings are not syntax)";
		return HEAL_CHECK_PASSED;
	}
	return HEAL_CHECK_FAILED;
}

/* The consultant: every severity, for SC1010 is a warning. */
static enum heal_check_plan plan_shellcheck_parse(const struct heal_check_target *t,
						  struct heal_check_argv *argv,
						  const char **why)
{
	(void)why;
	heal_check_argv_pushl(argv, "shellcheck", "--norc", "-f", "gcc",
			      is_bash(t) ? "--shell=bash" : "--shell=sh", t->arg,
			      NULL);
	return HEAL_CHECK_RUN;
}

/*
 * A finding line as an error: a parser's finding named beside a run's
 * syntax error is its cause, whatever level ShellCheck gives it (SC1010,
 * the missing ';' before 'then', is a warning).
 */
static void keep_as_error(const char *p, const char *e, struct heal_buf *keep)
{
	static const char *const levels[] = { ": warning: ", ": info: ", ": note: ",
					      ": style: ", NULL };
	size_t i, n = (size_t)(e - p);

	for (i = 0; levels[i]; i++) {
		const char *l = memmem(p, n, levels[i], strlen(levels[i]));

		if (l) {
			heal_buf_put(keep, p, (size_t)(l - p));
			heal_buf_puts(keep, ": error: ");
			p = l + strlen(levels[i]);
			break;
		}
	}
	heal_buf_put(keep, p, (size_t)(e - p));
	heal_buf_putc(keep, '\n');
}

/* The line number of a "FILE:LINE:COL: ..." finding, or 0. */
static size_t finding_line(const char *p, const char *e)
{
	const char *c = memchr(p, ':', (size_t)(e - p));
	size_t n = 0;

	if (!c)
		return 0;
	for (c++; c < e && *c >= '0' && *c <= '9'; c++)
		n = n * 10 + (size_t)(*c - '0');
	return c < e && *c == ':' ? n : 0;
}

/*
 * Its parser's findings that name a cause at its place, wherever the run
 * failed (a ';' missing before 'then', 'else if' for elif, a test's '['
 * without blanks, a case item without ';;', C's for (...) for ((...))),
 * each of which share/rules/shellcheck.json has a fix for; and an error
 * on a line the run failed on (a test's '&&' inside [ ], 'local' outside
 * a function, '$' left of an assignment), not its lint there (a failed
 * cd's '|| exit', the quotes SC2086 asks for everywhere).
 * The rest only say where the parse stopped (SC1009, SC1070, SC1072,
 * SC1073, SC1089), that a block is never closed (SC1046, SC1061: bash's "unexpected
 * end of file" says as much, and a 'fi' written for a 'done' is the
 * search's), or lint lines the run did not fail on.
 */
static void select_shellcheck_parse(const char *out, size_t len,
				    const size_t *lines, size_t nlines,
				    struct heal_buf *keep)
{
	static const char *const causes[] = { "1007", "1010", "1015", "1016",
		"1017", "1020", "1033", "1034", "1035", "1038", "1045", "1048",
		"1049", "1050", "1051", "1053", "1054", "1059", "1060", "1065",
		"1069", "1074", "1075", "1081", "1083", "1086", "1095", "1099",
		"1100", "1101", "1106", "1110", "1111", "1116", "1129", "1131",
		"1133", "1137", "1138", "1139", "1140", NULL };
	static const char *const stopped[] = { "1009", "1070", "1072", "1073",
		"1089", "1046", "1047", "1061", "1062", NULL };
	const char *p = out, *end = out + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		const char *c = memmem(p, (size_t)(e - p), "[SC", 3);
		bool keep_it = false, skip = false;
		size_t i, at;

		if (c && c + 8 <= e && c[7] == ']') {
			for (i = 0; causes[i] && !keep_it; i++)
				keep_it = !memcmp(c + 3, causes[i], 4);
			for (i = 0; stopped[i] && !skip; i++)
				skip = !memcmp(c + 3, stopped[i], 4);
			if (!keep_it && !skip && (at = finding_line(p, e)) &&
			    memmem(p, (size_t)(e - p), ": error: ", 9))
				for (i = 0; i < nlines && !keep_it; i++)
					keep_it = lines[i] == at;
		}
		if (keep_it)
			keep_as_error(p, e, keep);
		p = nl ? nl + 1 : end;
	}
}

const struct heal_checker heal_checker_shellcheck_parse = {
	.name = "shellcheck-parse",
	.plan = plan_shellcheck_parse,
	.select = select_shellcheck_parse,
};

const struct heal_checker heal_checker_sh = {
	.name = "sh",
	.first_error_only = true,
	.plan = plan_sh,
};

const struct heal_checker heal_checker_shellcheck = {
	.name = "shellcheck",
	.plan = plan_shellcheck,
	.verdict = verdict_shellcheck,
};
