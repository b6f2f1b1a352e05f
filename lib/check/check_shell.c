/*
 * sh: the shell's own parser (bash -n, sh -n); then shellcheck, errors
 * only, of whose findings only its parser's (SC1xxx) are syntax.
 */
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
