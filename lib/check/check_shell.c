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

/*
 * Its parser's findings that name a cause at its place (a ';' missing
 * before 'then', 'else if' for elif, a test's '[' without blanks, a case
 * item without ';;', C's for (...) for ((...))), each of which
 * share/rules/shellcheck.json has a fix for.  The rest only say where
 * the parse stopped (SC1009, SC1072, SC1073, SC1089), that a block is
 * never closed (SC1046, SC1061: bash's "unexpected end of file" says as
 * much, and a 'fi' written for a 'done' is the search's), or name what
 * heal has no fix for: their records would only take the repair search
 * from the run's own error.
 */
static void select_shellcheck_parse(const char *out, size_t len,
				    struct heal_buf *keep)
{
	static const char *const causes[] = { "1007", "1010", "1020", "1035",
		"1045", "1054", "1069", "1074", "1075", "1081", "1137", NULL };
	const char *p = out, *end = out + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		const char *c = memmem(p, (size_t)(e - p), "[SC1", 4);
		size_t i;

		for (i = 0; c && c + 8 <= e && c[7] == ']' && causes[i]; i++)
			if (!memcmp(c + 3, causes[i], 4)) {
				keep_as_error(p, e, keep);
				break;
			}
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
