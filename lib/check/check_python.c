/* python: compile() of the file's bytes, as Python reads them; nothing runs. */
#include "heal_check_int.h"

static const char python_check[] =
	"import sys\n"
	"compile(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec')\n";

static enum heal_check_plan plan(const struct heal_check_target *t,
				 struct heal_check_argv *argv, const char **why)
{
	(void)why;
	heal_check_argv_pushl(argv, "python3", "-c", python_check, t->arg, NULL);
	return HEAL_CHECK_RUN;
}

const struct heal_checker heal_checker_python = {
	.name = "python",
	.plan = plan,
};
