/*
 * heal_gen.h - the repair search's candidate generator.
 *
 * At an error's place in a file (its caret: line and column), the
 * generator proposes small edits of the file's tokens
 * (docs/repair-edits.md):
 *
 *   ins   one token of the language's repair vocabulary (heal_lang_syntax
 *         .repair) in a gap near the caret: before the caret token, one or
 *         two tokens either side, at the end of the caret's line or of the
 *         line before, at the start of the caret's line
 *   del   one punctuator or keyword there
 *   rep   a punctuator or keyword by one of the vocabulary, a name by a
 *         name the message quotes or a name of the file one typo away
 *   swap  two adjacent tokens
 *   wrap  a name put in quotes
 *   cins  a closing quote inside an unterminated string
 *
 * and, from the learned priors, every kind the message's template or
 * family was fixed by (two tokens at once, the token the message names).
 * Each edit is named by its kind string, scored by the priors and the
 * list sorted best first; an edit that would delete code (a name, a
 * number, a literal) without putting one back is kept, marked, and sorted
 * last: the judge refuses it whatever the checker says.
 */
#ifndef HEAL_GEN_H
#define HEAL_GEN_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_lang.h"
#include "heal_prior.h"
#include "heal_tokens.h"

/* Most candidates generated for one error. */
#define HEAL_GEN_MAX 4000
/* The score of an edit the site itself calls for (a call's argument that
 * is text, not code, in quotes): above any the priors give. */
#define HEAL_GEN_SURE 1.0
/* the score of a candidate the site suggests, tried before most */
#define HEAL_GEN_EARLY 0.01

struct heal_gen_cand {
	size_t start, end;       /* bytes replaced */
	char *text;              /* by these (owned) */
	char *kind;              /* its kind string (owned) */
	double score;            /* by the priors */
	bool loses_code;         /* deletes a name, number or literal */
	bool judged;             /* judged already (a rule's edit kept as the
				  * first of a pair): not run again alone */
	size_t rank;             /* nearness to the caret plus the token's
				  * place in the vocabulary: the order of
				  * edits the priors score the same */
	size_t order;            /* generation order: the last tie-breaker */
};

struct heal_gen {
	struct heal_gen_cand *v;
	size_t n, cap;
};

/* Where the error is. */
/* An error of the file's check other than the site's. */
struct heal_gen_other {
	const char *message;
	size_t line;
};

struct heal_gen_site {
	const struct heal_lang *lang;
	const char *data;        /* the file (borrowed) */
	size_t len;
	size_t caret;            /* byte offset of the error's column */
	size_t caret_end;        /* end of the range the tool underlined
				  * (Python's ^^^^), or 0 */
	size_t line;             /* its line (1-based) */
	const char *message;     /* the error's message (quoted names) */
	const struct heal_prior_view *prior;   /* may be NULL */
	bool wide;               /* also the file's other names at the caret */
	/* the check's other errors in the file (borrowed): a name they
	 * quote at every line it is on ('mat' of "use of undeclared
	 * identifier 'mat'", never declared) may be what the name at the
	 * caret was meant to be ('int m,n,m[9][9];': "redefinition of
	 * 'm'") */
	const struct heal_gen_other *others;
	size_t nothers;
};

void heal_gen_init(struct heal_gen *g);
void heal_gen_release(struct heal_gen *g);

/* Generate, score and sort the candidates for site into g (emptied). */
void heal_gen_run(struct heal_gen *g, const struct heal_gen_site *site);

/*
 * The file with candidate c applied: owned by the caller, *len set.
 */
char *heal_gen_apply(const struct heal_gen_cand *c, const char *data,
		     size_t len, size_t *out_len);

/*
 * Byte offset of (line, column) in data; col is a byte column (1-based;
 * 0: the line's first non-blank byte).  A column past the line's end is
 * its end; a line past the file's end is the file's end.
 */
size_t heal_gen_offset(const char *data, size_t len, size_t line, size_t col);

#endif
