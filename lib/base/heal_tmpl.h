/*
 * heal_tmpl.h - named values and "${name}" templates, as rules use them.
 *
 * A template is text in which ${name} stands for the value of a variable
 * (a regex capture, a record field, a looked-up value) and $$ for a
 * dollar sign.  Names are [A-Za-z_][A-Za-z0-9_]*.
 */
#ifndef HEAL_TMPL_H
#define HEAL_TMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_buf.h"
#include "heal_error.h"

struct heal_var {
	char *name;
	char *val;     /* NUL-terminated; may not hold NUL */
};

struct heal_vars {
	struct heal_var *v;
	size_t n, cap;
};

void heal_vars_init(struct heal_vars *v);
void heal_vars_release(struct heal_vars *v);
/* Set (copying) name to val[0..len); an existing value is replaced. */
void heal_vars_setn(struct heal_vars *v, const char *name, const char *val,
		    size_t len);
void heal_vars_set(struct heal_vars *v, const char *name, const char *val);
/* The value of name, borrowed, or NULL. */
const char *heal_vars_get(const struct heal_vars *v, const char *name);

/*
 * Append tmpl with its variables substituted to out.  With regex true
 * every substituted value is escaped so that it matches itself literally
 * in a PCRE2 pattern.  An unset variable: -1 with HEAL_ERR_INPUT naming
 * it.
 */
int heal_tmpl_expand(const struct heal_vars *v, const char *tmpl, bool regex,
		     struct heal_buf *out, struct heal_error *err);
/* As heal_tmpl_expand into a new string (free()), or NULL. */
char *heal_tmpl_dup(const struct heal_vars *v, const char *tmpl, bool regex,
		    struct heal_error *err);

/*
 * Check the syntax of tmpl and call known() for each variable it names;
 * a name known() rejects, or a malformed "${", is -1 with HEAL_ERR_INPUT.
 */
int heal_tmpl_check(const char *tmpl,
		    bool (*known)(void *ctx, const char *name), void *ctx,
		    struct heal_error *err);

#endif
