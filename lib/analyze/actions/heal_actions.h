/*
 * heal_actions.h - the fixed set of actions a rule can name, implemented in
 * C, and the resolvers that compute values for them (closest names, paths,
 * table look-ups).
 *
 * An action reads the source around the error (through heal_source, so
 * only beneath the project root) and fills in a fix: byte-range edits
 * with the file's SHA-256, a command argv, a mode change or a directory to
 * create.  Actions never write files.  heal-rules(5) documents each one.
 */
#ifndef HEAL_ACTIONS_H
#define HEAL_ACTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "heal_buf.h"
#include "heal_error.h"
#include "heal_json.h"
#include "heal_source.h"
#include "heal_tmpl.h"

struct heal_act {
	struct heal_sources *src;
	const struct heal_json *rec;      /* the error record */
	const struct heal_json *args;     /* the rule's "args" (may be NULL) */
	/*
	 * The table of that name (object or array, borrowed), or NULL; the
	 * rule set may parse it on this first look-up.
	 */
	const struct heal_json *(*table)(void *ctx, const char *name);
	/*
	 * True when the table of that name has, for certain, neither a
	 * member key nor an item key (the rule set may tell without parsing
	 * it); false when it may.  NULL: look the table up.
	 */
	bool (*table_lacks)(void *ctx, const char *name, const char *key);
	void *table_ctx;
	struct heal_vars *vars;           /* captures and computed values */
	const char *file;                 /* record file, root-relative, or NULL */
	int64_t line, column;             /* 1-based; 0 when unknown */
	const char *const *installer;     /* argv prefix for package installs */
	struct heal_json *fix;            /* the fix being filled (owned by caller) */
	struct heal_buf *why;             /* why an action did not apply */
};

/*
 * An action: 1 when it filled a.fix, 0 when it does not apply here (a
 * reason in a.why), -1 on an internal error.
 */
typedef int (*heal_action_fn)(struct heal_act *a, struct heal_error *err);

struct heal_action_def {
	const char *name;
	heal_action_fn fn;
	const char *required[4];   /* args that must be present (NULL-ended) */
	const char *optional[6];   /* other args it reads */
};

/* The action called name, or NULL. */
const struct heal_action_def *heal_actions_find(const char *name);
/* The names of all actions, NULL-terminated (for messages). */
const char *heal_actions_names(void);

/*
 * Resolvers, run before the action; each sets a variable and returns 1,
 * or returns 0 (with a reason in a.why) when it finds nothing:
 *   lookup  {"table", "key", "as"}
 *   closest {"name", "from": [sources], "as", "max"}
 *   path    {"path", "base", "as"}       the closest existing path
 *   find    {"basename", "from", "as"}   the one file of that name
 */
int heal_actions_resolve(struct heal_act *a, const char *kind,
			 const struct heal_json *spec, struct heal_error *err);

/* Damerau (optimal string alignment) edit distance, capped at cap+1. */
size_t heal_edit_distance(const char *a, size_t al, const char *b, size_t bl,
			  size_t cap);

/*
 * The candidate closest to name: the unique one at the smallest edit
 * distance within max (0: a default from the length), else a unique
 * candidate of which name is a prefix or that is a prefix of name (at
 * least 3 bytes).  NULL when there is none or the best is not unique.
 */
const char *heal_closest(const char *name, const char *const *cands,
			 size_t n, size_t max);

#endif
