/* python: compile() of the file's bytes, as Python reads them; nothing runs. */
#include "heal_check_int.h"

static const char python_check[] =
	"import sys\n"
	"compile(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec')\n";

static enum heal_check_plan plan(const struct heal_check_target *t,
				 struct heal_check_argv *argv, const char **why)
{
	(void)why;
	heal_check_argv_push(argv, "python3");
	heal_check_argv_push(argv, "-c");
	heal_check_argv_push(argv, python_check);
	heal_check_argv_push(argv, t->arg);
	return HEAL_CHECK_RUN;
}

const struct heal_checker heal_checker_python = {
	.name = "python",
	.plan = plan,
};
