/*
 * heal_tokens.h - a source file as tokens, for the repair search.
 *
 * Each language's lexer (heal_lang_syntax.lexer) reads the file's bytes
 * into tokens with their class, their byte range and their line.  The
 * lexers are approximate and never fail: a broken file lexes as far as it
 * goes (an unterminated string runs to the end of its line), which is what
 * a search for the edit that mends it needs.  Comments and white space are
 * skipped.  The classes are those of docs/repair-edits.md, the names
 * scripts/repairlib.py gives them when it mines the priors.
 */
#ifndef HEAL_TOKENS_H
#define HEAL_TOKENS_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_lang.h"

/* Most tokens read from one file (a longer file is read up to there). */
#define HEAL_TOKENS_MAX 200000

enum heal_tok_kind {
	HEAL_TOK_PUNCT,    /* a punctuator or operator: its text is its class */
	HEAL_TOK_KW,       /* a keyword: its text is its class */
	HEAL_TOK_ID,       /* $id */
	HEAL_TOK_NUM,      /* $num */
	HEAL_TOK_STR,      /* $str: a string literal, or a quoted piece */
	HEAL_TOK_CHR,      /* $chr: a C character constant */
	HEAL_TOK_HDR,      /* $hdr: <stdio.h> after #include */
	HEAL_TOK_WORD,     /* $word: a shell word */
	HEAL_TOK_VAR,      /* $var: a shell $name */
	HEAL_TOK_OTHER,    /* $other: a byte no rule reads */
};

struct heal_tok {
	size_t start, end;       /* bytes [start, end) of the source */
	size_t line;             /* 1-based */
	enum heal_tok_kind kind;
};

struct heal_tokens {
	struct heal_tok *v;
	size_t n, cap;
};

void heal_tokens_init(struct heal_tokens *t);
void heal_tokens_release(struct heal_tokens *t);

/* Lex data (len bytes) as lang's text into t (emptied first). */
void heal_tokens_lex(struct heal_tokens *t, const struct heal_lang *lang,
		     const char *data, size_t len);

/*
 * The class of a token as the priors write it: the text of a punctuator
 * or keyword, else "$id", "$num", ...  Written into out (size outsz,
 * NUL-terminated, cut to fit).
 */
void heal_tok_class(const struct heal_tok *t, const char *data, char *out,
		    size_t outsz);

/* "$id", "$num", ... of a kind (no text). */
const char *heal_tok_kind_name(enum heal_tok_kind k);

/* Whether the token holds code that an edit must not lose: a name, a
 * number, a literal, a word. */
bool heal_tok_is_code(const struct heal_tok *t);

/*
 * Index of the caret token: the first token that ends after offset off
 * (the token holding the caret, or the next one); t->n at the end.
 */
size_t heal_tokens_at(const struct heal_tokens *t, size_t off);

/* Whether word (n bytes) is in the NULL-terminated list. */
bool heal_tokens_in(const char *const *list, const char *word, size_t n);

#endif
