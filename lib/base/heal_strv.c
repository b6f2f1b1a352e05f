/*
 * heal_strv.c - a growing list of owned strings.
 */
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_strv.h"

void heal_strv_add(struct heal_strv *s, const char *x)
{
	s->v = heal_reallocarray(s->v, s->n + 2, sizeof(*s->v));
	s->v[s->n++] = heal_strdup(x);
	s->v[s->n] = NULL;
}

bool heal_strv_has(const struct heal_strv *s, const char *x)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i], x) == 0)
			return true;
	return false;
}

void heal_strv_remove(struct heal_strv *s, const char *x)
{
	size_t i, n = 0;

	for (i = 0; i < s->n; i++) {
		if (strcmp(s->v[i], x) == 0) {
			free(s->v[i]);
			continue;
		}
		s->v[n++] = s->v[i];
	}
	s->n = n;
	if (s->v)
		s->v[n] = NULL;
}

void heal_strv_release(struct heal_strv *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}
