/* node: node --check, which parses a script without running it and,
 * like V8 itself, stops at its first syntax error. */
#include "heal_check_int.h"

static enum heal_check_plan plan(const struct heal_check_target *t,
				 struct heal_check_argv *argv, const char **why)
{
	(void)why;
	heal_check_argv_pushl(argv, "node", "--check", t->arg, NULL);
	return HEAL_CHECK_RUN;
}

const struct heal_checker heal_checker_node = {
	.name = "node",
	.first_error_only = true,
	.plan = plan,
};
