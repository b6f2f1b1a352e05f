/*
 * heal_gen_names.c - the names tried in a name's place: those of the file
 * a typo away, keywords a typo away, the file's names it is cut short
 * from (or all of them, wide), and the names the check's other errors
 * quote.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_gen_int.h"

/* names the check's other errors quote, tried at the caret */
#define OTHER_NAMES_MAX 4

bool heal_gen_is_ident(const char *s)
{
	size_t i;

	if (!*s || !(heal_gen_word_byte(s[0]) && !(s[0] >= '0' && s[0] <= '9')))
		return false;
	for (i = 0; s[i]; i++)
		if (!heal_gen_word_byte(s[i]))
			return false;
	return true;
}

/* Two names one typo apart (repairlib near()): equal but for case, or an
 * edit distance of at most 2 (1 for short names). */
static bool near(const char *a, size_t na, const char *b, size_t nb)
{
	size_t pprev[66], prev[66], cur[66], i, j, lim;

	if (na == nb && strncasecmp(a, b, na) == 0)
		return true;
	if (na > 64 || nb > 64 || (na > nb ? na - nb : nb - na) > 2)
		return false;
	lim = (na < nb ? na : nb) <= 3 ? 1 : 2;
	for (j = 0; j <= nb; j++)
		prev[j] = pprev[j] = j;
	for (i = 1; i <= na; i++) {
		cur[0] = i;
		for (j = 1; j <= nb; j++) {
			size_t v = prev[j] + 1;

			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j - 1] + (a[i - 1] != b[j - 1]) < v)
				v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			/* two letters swapped are one typo ('fro', 'whiel') */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pprev[j - 2] + 1 < v)
				v = pprev[j - 2] + 1;
			cur[j] = v;
		}
		memcpy(pprev, prev, (nb + 1) * sizeof(*prev));
		memcpy(prev, cur, (nb + 1) * sizeof(*prev));
	}
	return prev[nb] <= lim;
}

/* out[0..n) with the name w (wn bytes) added unless it is there: the new n. */
static size_t add_name(char **out, size_t n, const char *w, size_t wn)
{
	size_t q;

	for (q = 0; q < n; q++)
		if (strlen(out[q]) == wn && !memcmp(out[q], w, wn))
			return n;
	out[n] = heal_strndup(w, wn);
	return n + 1;
}

/* Names the file holds one typo from token i, as owned strings. */
size_t heal_gen_near_names(const struct site *x, size_t i, char **out, size_t max)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	const struct heal_tok *o = &t->v[i];
	size_t n = 0, m;

	/* a typo is in a name; numbers and literals are not spelled wrong */
	if (o->kind != HEAL_TOK_ID && o->kind != HEAL_TOK_WORD && o->kind != HEAL_TOK_VAR)
		return 0;
	for (m = 0; m < t->n && n < max; m++) {
		const struct heal_tok *c = &t->v[m];
		size_t cl = c->end - c->start, ol = o->end - o->start;

		if (c->kind != o->kind || (cl == ol && !memcmp(d + c->start, d + o->start, cl)) ||
		    !near(d + o->start, ol, d + c->start, cl))
			continue;
		n = add_name(out, n, d + c->start, cl);
	}
	return n;
}

/* Keywords one typo from token i (near(): 'elis', 'If', 'retrun',
 * 'whlie') when it starts its line, where a statement's keyword goes; the
 * language's table's own strings, not copies. */
size_t heal_gen_near_keywords(const struct site *x, size_t i, const char **out,
			    size_t max)
{
	const char *const *kw = x->s->lang->syntax->keywords;
	const struct heal_tok *o = &x->t->v[i];
	const char *d = x->s->data;
	size_t n = 0, k, ol = o->end - o->start;

	bool mid = i > 0 && x->t->v[i - 1].line == o->line;

	if ((o->kind != HEAL_TOK_ID && o->kind != HEAL_TOK_WORD) || ol < 2 ||
	    heal_tokens_in(kw, d + o->start, ol))
		return 0;
	/* inside a line, only the keywords an edit may put there (Python's
	 * 'and', 'or', 'in': 'a amd b') */
	for (k = 0; kw && kw[k] && n < max; k++)
		if (strlen(kw[k]) >= 2 && heal_gen_is_ident(kw[k]) &&
		    (!mid || heal_tokens_in(x->s->lang->syntax->repair, kw[k], strlen(kw[k]))) &&
		    near(d + o->start, ol, kw[k], strlen(kw[k])))
			out[n++] = kw[k];
	return n;
}

/* Whether one name is the other cut short ('s' and 'str', 'rev' and
 * 'reverse', 'n' and 'num'): the shorter a proper prefix of the longer,
 * at least two bytes long when it is the file's name (the one at the
 * error may be a single letter). */
static bool abbrev(const char *o, size_t ol, const char *c, size_t cl)
{
	if (ol < cl)
		return memcmp(o, c, ol) == 0;
	return cl >= 2 && cl < ol && memcmp(o, c, cl) == 0;
}

/* Other names of the file than token i's (and not one typo from it: those
 * are near), nearest token i first, as owned strings; only those abbrev()
 * relates to it when cut is true. */
size_t heal_gen_file_names(const struct site *x, size_t i, bool cut, char **out,
			 size_t max)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	const struct heal_tok *o = &t->v[i];
	size_t n = 0, dist, ol = o->end - o->start;

	for (dist = 1; n < max && (dist <= i || i + dist < t->n); dist++) {
		size_t side;

		for (side = 0; side < 2 && n < max; side++) {
			const struct heal_tok *c;
			size_t cl;

			if (side == 0 ? dist > i : i + dist >= t->n)
				continue;
			c = &t->v[side == 0 ? i - dist : i + dist];
			cl = c->end - c->start;
			if (c->kind != HEAL_TOK_ID || (cl == ol && !memcmp(d + c->start, d + o->start, cl)) ||
			    near(d + o->start, ol, d + c->start, cl) ||
			    (cut && !abbrev(d + o->start, ol, d + c->start, cl)))
				continue;
			n = add_name(out, n, d + c->start, cl);
		}
	}
	return n;
}

/* Whether others[i] quotes the name w. */
static bool other_quotes(const struct site *x, size_t i, const char *w)
{
	char *qv[HEAL_PRIOR_QUOTES];
	size_t n = heal_prior_quoted(x->s->others[i].message, qv, HEAL_PRIOR_QUOTES), q;
	bool hit = false;

	for (q = 0; q < n; q++) {
		hit = hit || strcmp(qv[q], w) == 0;
		free(qv[q]);
	}
	return hit;
}

/* Whether the file has name w (wl bytes) at a line where one of the
 * check's other errors quotes it ("use of undeclared identifier 'mat'"
 * at a 'mat'; another function's parameter may have its name). */
static bool name_in_errors(const struct site *x, const char *w, size_t wl)
{
	size_t i, e;

	for (i = 0; i < x->t->n; i++) {
		const struct heal_tok *c = &x->t->v[i];

		if (c->kind != HEAL_TOK_ID || c->end - c->start != wl ||
		    memcmp(x->s->data + c->start, w, wl))
			continue;
		for (e = 0; e < x->s->nothers; e++)
			if (x->s->others[e].line == c->line && other_quotes(x, e, w))
				return true;
	}
	return false;
}

/*
 * The names the check's other errors quote, in place of the name at the
 * caret (token p): one edit that answers two errors, the name declared
 * twice and the one used but not declared ("redefinition of 'm'" and
 * "use of undeclared identifier 'mat'" at a 'mat'), tried first; the
 * checker proves it.  Not the name itself, its message's, or keywords.
 */
void heal_gen_other_errors_names(struct heal_gen *g, struct site *x, size_t p)
{
	const struct heal_tok *tk = &x->t->v[p];
	const char *d = x->s->data;
	size_t tl = tk->end - tk->start, i, q, r, n, tried = 0;
	char *qv[HEAL_PRIOR_QUOTES], *done[OTHER_NAMES_MAX];

	for (i = 0; i < x->s->nothers && tried < OTHER_NAMES_MAX; i++) {
		n = heal_prior_quoted(x->s->others[i].message, qv, HEAL_PRIOR_QUOTES);
		for (q = 0; q < n; q++) {
			const char *w = qv[q];
			size_t wl = strlen(w), before = g->n;
			bool skip = tried >= OTHER_NAMES_MAX || !heal_gen_is_ident(w) ||
				    (wl == tl && !memcmp(w, d + tk->start, tl)) ||
				    heal_tokens_in(x->s->lang->syntax->keywords, w, wl);

			for (r = 0; !skip && r < x->nquotes; r++)
				skip = strcmp(x->quotes[r], w) == 0;
			for (r = 0; !skip && r < tried; r++)
				skip = strcmp(done[r], w) == 0;
			if (skip || !name_in_errors(x, w, wl))
				continue;
			heal_gen_add1(g, x, "rep", p, p + 1, w, "$id.err");
			if (g->n > before)
				g->v[g->n - 1].score = HEAL_GEN_SURE;
			done[tried++] = heal_strdup(w);
		}
		for (q = 0; q < n; q++)
			free(qv[q]);
	}
	for (r = 0; r < tried; r++)
		free(done[r]);
}
