/*
 * heal_actions_int.h - what the action modules share inside libheal:
 * the helpers of heal_actions.c, and the actions kept in modules of their
 * own (heal_link.c: the linker's errors).  Not for tools.
 */
#ifndef HEAL_ACTIONS_INT_H
#define HEAL_ACTIONS_INT_H

#include "heal_actions.h"

/* Say why the action does not apply (replaces the previous reason). */
void heal_act_why(struct heal_act *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The argument key expanded with the variables (free()), or NULL. */
char *heal_act_arg(struct heal_act *a, const char *key);
/* The root-relative file rel through the source cache (borrowed), or NULL. */
const struct heal_source_file *heal_act_file(struct heal_act *a,
					     const char *rel);
/* Add an edit of f replacing [start, end) by text[0..len). */
void heal_act_emit(struct heal_act *a, const struct heal_source_file *f,
		   size_t start, size_t end, const char *text, size_t len);

/* heal_link.c */
int heal_act_link_near(struct heal_act *a, struct heal_error *err);
int heal_act_link_match_decl(struct heal_act *a, struct heal_error *err);
int heal_act_link_add_object(struct heal_act *a, struct heal_error *err);
int heal_act_link_one_definition(struct heal_act *a, struct heal_error *err);

#endif
