/*
 * heal_regex_int.h - what the readings of a pattern's text share
 * (heal_regex.c's need, heal_regex_gate.c's gate).
 */
#ifndef HEAL_REGEX_INT_H
#define HEAL_REGEX_INT_H

#include <stddef.h>

/*
 * A group's opening at p[*i] ("("): *i moves past it and its kind's mark
 * ("(?:", "(?<name>", "(?="); 1 for a look-around, 0 for another group,
 * -1 (*i unchanged) for what these readings do not know: inline options,
 * conditionals, calls, verbs, a name without its end.
 */
int heal_regex_group_open(const char *p, size_t *i);

#endif
