/*
 * heal_gen_int.h - what the candidate generator's files share: the site
 * (the error's place, tokenised) and the helpers that build a candidate.
 * Private to lib/analyze/search/ (heal_gen.c: the generic edits and the
 * priors' kinds; heal_gen_text.c: text where code stands, literals;
 * heal_gen_along.c: the same mistake along the line; heal_gen_logic.c:
 * the negations and logical operators a candidate may not drop).
 */
#ifndef HEAL_GEN_INT_H
#define HEAL_GEN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heal_gen.h"
#include "heal_prior.h"
#include "heal_tokens.h"

/* no token (an index) */
#define NONE_IDX SIZE_MAX
/* a class or token text in a kind */
#define CLASS_MAX 64

/* The error's place, tokenised. */
struct site {
	const struct heal_gen_site *s;
	const struct heal_tokens *t;
	size_t k;                /* caret token */
	size_t first, last;      /* tokens of the caret's line, or NONE_IDX */
	size_t pline, plast;     /* the line before's last token */
	char *quotes[HEAL_PRIOR_QUOTES];
	size_t nquotes;
	size_t rank;             /* of the edits being added (heal_gen_cand) */
};

/* ---- heal_gen_names.c ---- */

/* Whether s is a name (word bytes, not starting with a digit). */
bool heal_gen_is_ident(const char *s);
/* Names of the file one typo from token i, as owned strings. */
size_t heal_gen_near_names(const struct site *x, size_t i, char **out, size_t max);
/* Keywords one typo from token i (the table's own strings). */
size_t heal_gen_near_keywords(const struct site *x, size_t i, const char **out,
			      size_t max);
/* Other names of the file than token i's, nearest first, as owned
 * strings; only those it is cut short from (or to) when cut is true. */
size_t heal_gen_file_names(const struct site *x, size_t i, bool cut, char **out,
			   size_t max);
/* The names the check's other errors quote, tried first at token p. */
void heal_gen_other_errors_names(struct heal_gen *g, struct site *x, size_t p);

/* ---- heal_gen.c ---- */

/* Whether c is a byte of a word (a name, a number, UTF-8). */
bool heal_gen_word_byte(char c);
/* Whether token i is the word (or punctuator) w. */
bool heal_gen_tok_is(const struct site *x, size_t i, const char *w);
/* Whether token i is one of the words (or punctuators) of ws (NULL-ended). */
bool heal_gen_tok_in(const struct site *x, size_t i, const char *const *ws);
/* Whether token i is the one-byte punctuator ch (false past the last token). */
bool heal_gen_punct_is(const struct site *x, size_t i, char ch);
/* Whether a name of tokens [lo, hi) is a name elsewhere in the file. */
bool heal_gen_names_elsewhere(const struct site *x, size_t lo, size_t hi);
/* A new candidate of g replacing bytes [s, e) by text (which it owns);
 * counted once it is named (g->n++ by the caller). */
struct heal_gen_cand *heal_gen_new_cand(struct heal_gen *g, const struct site *x,
					size_t s, size_t e, char *text);
/* Name candidate c (its kind string, and its score by the priors). */
void heal_gen_name_it(struct site *x, struct heal_gen_cand *c, const char *op,
		      const char *const *old, size_t nold, const char *const *nw,
		      size_t nnew, size_t pos, bool gap);
/* Add the edit that replaces tokens [i, j) by the token w of class cls
 * (NULL: its own). */
void heal_gen_add1(struct heal_gen *g, struct site *x, const char *op, size_t i,
		   size_t j, const char *w, const char *cls);

/* ---- heal_gen_logic.c ---- */

/* Whether replacing token m (with the others dropped) by nw[0..nnew)
 * drops a negation or a logical operator that has its operands (a
 * dangling one, 'if(a||)', holds no meaning to lose). */
bool heal_gen_drops_logic(const struct heal_tokens *t, const char *d, size_t m,
			  const char *const *nw, size_t nnew);

/* ---- heal_gen_indent.c ---- */

/* Python: a clause indented past its header, a block past the line
 * before it, shifted with what is nested under it. */
void heal_gen_indent_blocks(struct heal_gen *g, struct site *x);

/* ---- heal_gen_slip.c ---- */

/* A pasted prompt, a look-alike digit in a name, an escape outside its
 * string, a string's missing opening quote. */
void heal_gen_slips(struct heal_gen *g, struct site *x);
/* A candidate replacing bytes [s, e) by text (n bytes, copied), of the
 * given kind, tried first (the site calls for it). */
void heal_gen_add_text(struct heal_gen *g, struct site *x, size_t s, size_t e, const char *text,
		       size_t n, const char *kind);

/* ---- heal_gen_call.c ---- */

/* C calls: arguments written as the parameters are declared, a
 * parameter the call left out given by its name */
void heal_gen_calls(struct heal_gen *g, struct site *x);

/* ---- heal_gen_text.c ---- */

/* "... instead of 'X'": each X on the line replaced by what the message
 * names. */
void heal_gen_instead_of(struct heal_gen *g, struct site *x);

/* The separators between operands the tool underlined side by side. */
void heal_gen_juxtaposed(struct heal_gen *g, struct site *x);
/* A call's argument that is text, not code, in quotes. */
void heal_gen_quote_argument(struct heal_gen *g, struct site *x);
/* A call's argument that is text ending in a name: the text into the
 * format, the name its argument (C). */
void heal_gen_prose_format(struct heal_gen *g, struct site *x);
/* A line of prose where a statement stands: a comment (C). */
void heal_gen_prose_line(struct heal_gen *g, struct site *x);
/* A stray word before a statement's keyword: gone (C). */
void heal_gen_stray_word(struct heal_gen *g, struct site *x);
/* A call's text whose quotes were meant inside it, one literal (C). */
void heal_gen_requote_line(struct heal_gen *g, struct site *x);
/* a call's odd quote moved to where an argument starts or ends */
void heal_gen_quote_moved(struct heal_gen *g, struct site *x);
/* A character constant without its quotes, or empty (C). */
void heal_gen_char_literal(struct heal_gen *g, struct site *x);
/* A condition without its parentheses after if, while or switch: them. */
void heal_gen_head_parens(struct heal_gen *g, struct site *x);
/* A number glued to a name ('2x'), the product ('2*x'; C). */
void heal_gen_glued_number(struct heal_gen *g, struct site *x);
void heal_gen_empty_index(struct heal_gen *g, struct site *x);

/* ---- heal_gen_along.c ---- */

/* The same mistake again along the line: every like operator, every use
 * of an undeclared name, a bracket's partner. */
void heal_gen_repeat_along_line(struct heal_gen *g, struct site *x);

#endif
