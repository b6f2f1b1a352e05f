/*
 * yaml: a parse of YAML that no ansible-playbook command parses (a
 * workflow, a compose file, a role's vars), with python3-yaml: the
 * document is composed, never constructed, so tags (!vault, !Ref) and
 * nothing else is run.  Its error is printed as yamllint -f parsable
 * prints a syntax error (share/patterns/yamllint.json reads both).
 */
#include "heal_check_int.h"

/* exit 3: python3 has no yaml module */
static const char yaml_check[] =
	"import sys\n"
	"try:\n"
	"    import yaml\n"
	"except ImportError:\n"
	"    sys.exit(3)\n"
	"f = sys.argv[1]\n"
	"try:\n"
	"    with open(f, 'rb') as s:\n"
	"        for _ in yaml.compose_all(s, Loader=yaml.SafeLoader):\n"
	"            pass\n"
	"except yaml.MarkedYAMLError as e:\n"
	"    m = e.problem_mark or e.context_mark\n"
	"    print('%s:%d:%d: [error] syntax error: %s (syntax)' % (f,\n"
	"          m.line + 1 if m else 1, m.column + 1 if m else 1,\n"
	"          e.problem or e.context))\n"
	"    sys.exit(1)\n"
	"except yaml.YAMLError as e:\n"
	"    print('%s:1:1: [error] syntax error: %s (syntax)' % (f,\n"
	"          str(e).split('\\n')[0]))\n"
	"    sys.exit(1)\n";

static enum heal_check_plan plan(const struct heal_check_target *t,
				 struct heal_check_argv *argv, const char **why)
{
	(void)why;
	heal_check_argv_pushl(argv, "python3", "-c", yaml_check, t->arg, NULL);
	return HEAL_CHECK_RUN;
}

static enum heal_check_status verdict(const struct heal_check_target *t,
				      const struct heal_spawn_result *res,
				      const char **detail)
{
	(void)t;
	if (res->exited && res->status == 3) {
		*detail = "python3 has no yaml module (python3-yaml)";
		return HEAL_CHECK_UNAVAILABLE;
	}
	return HEAL_CHECK_FAILED;
}

const struct heal_checker heal_checker_yaml = {
	.name = "yaml",
	.fallback = true,
	.plan = plan,
	.verdict = verdict,
};
