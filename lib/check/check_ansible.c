/*
 * ansible: ansible-playbook --syntax-check of the playbook the command
 * runs (which parses the YAML of the playbook and what it includes).
 */
#include <string.h>

#include "heal_check_int.h"

/* The playbook an ansible-playbook command runs (its first .yml/.yaml argument). */
static const char *playbook_of(const char *const *cmd)
{
	const struct heal_lang_program *p;
	size_t i;

	if (!cmd || !cmd[0] || !(p = heal_lang_program(cmd[0])) ||
	    strcmp(p->name, "ansible-playbook") != 0)
		return NULL;
	for (i = 1; cmd[i]; i++) {
		const struct heal_lang *l;

		if (cmd[i][0] != '-' && (l = heal_lang_of_name(cmd[i], NULL)) &&
		    l->id == HEAL_LANG_YAML)
			return cmd[i];
	}
	return NULL;
}

static enum heal_check_plan plan(const struct heal_check_target *t,
				 struct heal_check_argv *argv, const char **why)
{
	const char *pb = playbook_of(t->command);

	(void)why;
	if (!pb)
		return HEAL_CHECK_PASS_ON;
	heal_check_argv_pushl(argv, "ansible-playbook", "--syntax-check", "--", pb,
			      NULL);
	return HEAL_CHECK_RUN;
}

const struct heal_checker heal_checker_ansible = {
	.name = "ansible",
	.plan = plan,
};
