/*
 * heal_strv.h - a growing list of owned strings, NULL-terminated once it
 * holds one (an argv to pass on).
 */
#ifndef HEAL_STRV_H
#define HEAL_STRV_H

#include <stdbool.h>
#include <stddef.h>

struct heal_strv {
	char **v;                /* v[n] is NULL once n > 0 */
	size_t n;
};

/* Append a copy of x. */
void heal_strv_add(struct heal_strv *s, const char *x);
/* Whether s holds x. */
bool heal_strv_has(const struct heal_strv *s, const char *x);
/* Remove every x from s. */
void heal_strv_remove(struct heal_strv *s, const char *x);
/* Free the strings and the list; s is empty after, ready for use. */
void heal_strv_release(struct heal_strv *s);

#endif
