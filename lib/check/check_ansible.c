/*
 * ansible: ansible-playbook --syntax-check of the playbook the command
 * runs (which parses the YAML of the playbook and what it includes), for
 * a candidate in a copy; in place the command's re-run does the same.
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

	if (!pb)
		return HEAL_CHECK_PASS_ON;
	if (!t->copy) {
		/* the command's re-run loads the playbook, and what it
		 * imports, before its first task: what --syntax-check reads */
		*why = "the re-run loads this playbook before it runs a task";
		return HEAL_CHECK_SKIP;
	}
	heal_check_argv_pushl(argv, "ansible-playbook", "--syntax-check", "--", pb,
			      NULL);
	return HEAL_CHECK_RUN;
}

const struct heal_checker heal_checker_ansible = {
	.name = "ansible",
	.plan = plan,
};
