/*
 * heal_prior.h - the learned repair priors (share/repair/<lang>.json):
 * how often each edit kind fixed each diagnostic template in real pairs
 * of broken and fixed programs (scripts/mine-priors writes the tables;
 * docs/repair-priors.md says what each field means).
 *
 * A message becomes a template as scripts/repairlib.py's template() makes
 * it: quoted text a %s unless the language keeps it (a punctuator, a
 * statement keyword), numbers outside quotes %d, gcc's curly quotes and
 * bash's `x' straight, "(aka '...')" and a trailing [-Wflag] dropped.  A
 * template's family has every quoted part a %s.  The score of an edit kind
 * for a message backs off from its template's counts to its family's (the
 * quoted tokens written $q1, $q2, ...) to the tool's overall counts.
 */
#ifndef HEAL_PRIOR_H
#define HEAL_PRIOR_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_buf.h"
#include "heal_error.h"
#include "heal_json.h"

/* Largest table read. */
#define HEAL_PRIOR_MAX_FILE (32u << 20)
/* Quoted parts of a message looked at. */
#define HEAL_PRIOR_QUOTES 8

/* Which quoted words a language's templates keep. */
enum heal_prior_keep {
	HEAL_KEEP_C,
	HEAL_KEEP_PYTHON,
	HEAL_KEEP_SHELL,
};

/* One language's table, loaded whole (read-only). */
struct heal_prior {
	struct heal_json_arena *arena;
	struct heal_json *doc;            /* NULL: no table (all scores 0) */
	enum heal_prior_keep keep;
};

/*
 * Load share/repair/<name>.json ("c", "python", "shell").  A missing
 * table is no error (the prior is then empty: every score is the same).
 * -1 with err set for a table that cannot be read or parsed.
 */
int heal_prior_load(struct heal_prior *p, const char *name,
		    struct heal_error *err);
void heal_prior_release(struct heal_prior *p);

/* The counts that score edits for one message. */
struct heal_prior_view {
	const struct heal_json *tmpl, *fam, *glob;   /* "edits" objects, or NULL */
	double tmpl_total, fam_total, glob_total;
	char *template;                   /* owned */
	char *quotes[HEAL_PRIOR_QUOTES];  /* the message's quoted parts, owned */
	bool kept[HEAL_PRIOR_QUOTES];     /* kept in the template */
	size_t nquotes;
};

/*
 * The view of the table for a message of tool ("clang", "gcc", "python",
 * "bash", "shellcheck"; a tool the table does not have falls back to its
 * first; p NULL: no table, every score 0).  Release it with
 * heal_prior_view_release.
 */
void heal_prior_view_init(struct heal_prior_view *v, const struct heal_prior *p,
			  const char *tool, const char *msg);
void heal_prior_view_release(struct heal_prior_view *v);

/* The template of msg as the table's keys are written (owned). */
char *heal_prior_template(const char *msg, enum heal_prior_keep keep);
/* The quoted parts of msg, in order, at most max (each owned). */
size_t heal_prior_quoted(const char *msg, char **out, size_t max);

/*
 * The kind string of an edit (docs/repair-edits.md): op "ins", "del",
 * "rep", "swap", "wrap", "cins", "cdel"; old and new its token classes;
 * anchor where it stands.  With v, a token equal to a quoted part the
 * template keeps is written $qN (the family's and global spelling).
 * Appended to out.
 */
void heal_prior_kind(struct heal_buf *out, const char *op,
		     const char *const *old, size_t nold,
		     const char *const *new_, size_t nnew, const char *anchor,
		     const struct heal_prior_view *v);

/*
 * The score of an edit (its kind string, and the $qN spelling) for the
 * view's message: an estimate of the share of fixes of this message that
 * are this kind, backed off from the template to its family to the whole
 * table.  0 when the table has never seen the kind.
 */
double heal_prior_score(const struct heal_prior_view *v, const char *kind,
			const char *abstract);

#endif
