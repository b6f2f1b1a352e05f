/*
 * terraform: terraform validate in the file's directory (a module is its
 * directory); one that needs `terraform init` first cannot judge.
 */
#include <string.h>

#include "heal_alloc.h"
#include "heal_check_int.h"

static enum heal_check_plan plan(const struct heal_check_target *t,
				 struct heal_check_argv *argv, const char **why)
{
	const char *slash = strrchr(t->arg, '/');
	size_t n = strlen(t->arg) + 16;
	char *dir = heal_malloc(n);

	(void)why;
	snprintf(dir, n, "-chdir=%.*s", slash ? (int)(slash - t->arg) : 1,
		 slash ? t->arg : ".");
	heal_check_argv_push(argv, "terraform");
	heal_check_argv_push_owned(argv, dir);
	heal_check_argv_pushl(argv, "validate", "-json", "-no-color", NULL);
	return HEAL_CHECK_RUN;
}

static enum heal_check_status verdict(const struct heal_check_target *t,
				      const struct heal_spawn_result *res,
				      const char **detail)
{
	(void)t;
	/* validate needs the providers and modules installed */
	if (res->out.data && memmem(res->out.data, res->out.len,
				    "terraform init", 14)) {
		*detail = "terraform validate needs 'terraform init' in this directory";
		return HEAL_CHECK_UNAVAILABLE;
	}
	return HEAL_CHECK_FAILED;
}

const struct heal_checker heal_checker_terraform = {
	.name = "terraform",
	.plan = plan,
	.verdict = verdict,
};
