/*
 * heal_gen_along.c - the same mistake again along the line: for a
 * candidate that replaces one token, one that replaces each like token of
 * the line (an operator within the same brackets, an undeclared name at
 * each use), or a bracket and its partner; for one that inserts a
 * separator before a binary operator, one that inserts it before each
 * like operator.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_gen_int.h"

/* For each token of the caret's line, the bracket of the line it is in
 * (the open bracket's token index), NONE_IDX, or TOO_DEEP past 64. */
#define TOO_DEEP (NONE_IDX - 1)

static void line_brackets(const struct site *x, size_t *in)
{
	size_t open[64], n = 0, i;

	for (i = x->first; i <= x->last; i++) {
		if ((heal_gen_punct_is(x, i, ')') || heal_gen_punct_is(x, i, ']') || heal_gen_punct_is(x, i, '}')) && n)
			n--;
		in[i - x->first] = !n ? NONE_IDX : n <= 64 ? open[n - 1] : TOO_DEEP;
		if (heal_gen_punct_is(x, i, '(') || heal_gen_punct_is(x, i, '[') || heal_gen_punct_is(x, i, '{')) {
			if (n < 64)
				open[n] = i;
			n++;
		}
	}
}

/* The partner of the bracket at token i of the caret's line (its
 * matching close or open bracket on the line, brackets of any kind
 * nested between), or NONE_IDX. */
static size_t partner(const struct site *x, size_t i)
{
	static const char open[] = "([{", close[] = ")]}";
	const struct heal_tok *a = &x->t->v[i];
	char ch = x->s->data[a->start];
	size_t depth = 0, j;

	if (a->kind != HEAL_TOK_PUNCT || a->end - a->start != 1)
		return NONE_IDX;
	if (strchr(open, ch)) {
		for (j = i + 1; j <= x->last; j++) {
			if (heal_gen_punct_is(x, j, '(') || heal_gen_punct_is(x, j, '[') || heal_gen_punct_is(x, j, '{'))
				depth++;
			else if (heal_gen_punct_is(x, j, ')') || heal_gen_punct_is(x, j, ']') || heal_gen_punct_is(x, j, '}')) {
				if (!depth)
					return j;
				depth--;
			}
		}
	} else if (strchr(close, ch)) {
		for (j = i; j-- > x->first;) {
			if (heal_gen_punct_is(x, j, ')') || heal_gen_punct_is(x, j, ']') || heal_gen_punct_is(x, j, '}'))
				depth++;
			else if (heal_gen_punct_is(x, j, '(') || heal_gen_punct_is(x, j, '[') || heal_gen_punct_is(x, j, '{')) {
				if (!depth)
					return j;
				depth--;
			}
		}
	}
	return NONE_IDX;
}

/* A candidate that replaces tokens [lo, hi] of the line: the text between
 * them, each token i with want[i - lo] (NULL: kept).  Scored as k, just
 * above or after it. */
static void add_along(struct heal_gen *g, struct site *x, size_t c, size_t lo, size_t hi,
		      const char *const *want, size_t nw, const char *suffix, bool before)
{
	const char *d = x->s->data;
	struct heal_gen_cand *r;
	const struct heal_gen_cand *k;
	struct heal_buf b;
	size_t i, at = x->t->v[lo].start;

	heal_buf_init(&b, 256);
	for (i = lo; i <= hi; i++) {
		if (!want[i - lo])
			continue;
		heal_buf_put(&b, d + at, x->t->v[i].start - at);
		heal_buf_put(&b, want[i - lo], nw);
		at = x->t->v[i].end;
	}
	heal_buf_put(&b, d + at, x->t->v[hi].end - at);
	r = heal_gen_new_cand(g, x, x->t->v[lo].start, x->t->v[hi].end, heal_buf_detach(&b, NULL));
	k = &g->v[c];   /* the array may have moved */
	r->rank = k->rank;
	r->score = before ? nextafter(k->score, 2.0) : k->score;
	heal_buf_init(&b, 256);
	heal_buf_putf(&b, "%s%s", k->kind, suffix);
	r->kind = heal_buf_detach(&b, NULL);
	g->n++;
}

/* Whether token i ends an operand (a name, a number, a literal, a ')' or
 * ']'): an operator after it is binary. */
static bool operand_end(const struct site *x, size_t i)
{
	enum heal_tok_kind k = x->t->v[i].kind;

	return k == HEAL_TOK_ID || k == HEAL_TOK_NUM || k == HEAL_TOK_STR || k == HEAL_TOK_CHR ||
	       heal_gen_punct_is(x, i, ')') || heal_gen_punct_is(x, i, ']');
}

/* A candidate that inserts text w (as candidate c wrote it) in the gap
 * before each token at[0..n) of the line, ascending; scored as c, after
 * it. */
static void add_inserts(struct heal_gen *g, struct site *x, size_t c, const size_t *at,
			size_t n, const char *suffix)
{
	const char *d = x->s->data;
	const struct heal_tokens *t = x->t;
	size_t s = t->v[at[0] - 1].end, pos = s, k;
	struct heal_gen_cand *r;
	struct heal_buf b;

	heal_buf_init(&b, 256);
	for (k = 0; k < n; k++) {
		size_t gap = t->v[at[k] - 1].end;

		heal_buf_put(&b, d + pos, gap - pos);
		heal_buf_puts(&b, g->v[c].text);
		pos = gap;
	}
	r = heal_gen_new_cand(g, x, s, pos, heal_buf_detach(&b, NULL));
	r->rank = g->v[c].rank;
	r->score = g->v[c].score;
	heal_buf_init(&b, 256);
	heal_buf_putf(&b, "%s%s", g->v[c].kind, suffix);
	r->kind = heal_buf_detach(&b, NULL);
	g->n++;
}

/*
 * For a candidate that inserts a ',' before a binary '&', '*', '-' or '+'
 * ('&a1 &b1 &a2' where the commas went missing: each '&' after an operand
 * starts the next argument), one that inserts it before every operator of
 * the line like it, binary too, within the same brackets.
 */
static void inserts_along(struct heal_gen *g, struct site *x, size_t c, const size_t *in)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	const struct heal_gen_cand *k = &g->v[c];
	size_t q, i, n = 0, tl, *at;
	const char *w = k->text;
	char sfx[32];

	while (*w == ' ')
		w++;
	if (w[0] != ',' || w[1])
		return;
	for (q = x->first; q <= x->last && t->v[q].start < k->start; q++)
		;
	/* an operator that may also start an operand: '&x', '*p', '-1' */
	if (q <= x->first || q > x->last || t->v[q].kind != HEAL_TOK_PUNCT ||
	    t->v[q].end - t->v[q].start != 1 || !strchr("&*-+", d[t->v[q].start]) ||
	    t->v[q - 1].end != k->start || !operand_end(x, q - 1) || in[q - x->first] == TOO_DEEP)
		return;
	tl = t->v[q].end - t->v[q].start;
	at = heal_calloc(x->last - x->first + 1, sizeof(*at));
	for (i = x->first + 1; i <= x->last; i++)
		if (t->v[i].kind == HEAL_TOK_PUNCT && t->v[i].end - t->v[i].start == tl &&
		    !memcmp(d + t->v[i].start, d + t->v[q].start, tl) &&
		    in[i - x->first] == in[q - x->first] && operand_end(x, i - 1))
			at[n++] = i;
	if (n >= 2) {
		snprintf(sfx, sizeof(sfx), "*%zu", n);
		add_inserts(g, x, c, at, n, sfx);
	}
	free(at);
}

/* Whether the message quotes the text d[s, e). */
static bool quoted(const struct site *x, const char *d, size_t s, size_t e)
{
	size_t q;

	for (q = 0; q < x->nquotes; q++)
		if (strlen(x->quotes[q]) == e - s && !memcmp(x->quotes[q], d + s, e - s))
			return true;
	return false;
}

/*
 * The same mistake made again along the line: for each candidate that
 * replaces one token of the caret's line by another,
 *  - an operator: one that replaces every like operator of the line
 *    within the same brackets (if(a=1&&a=21&&a=31): each '=' a '==';
 *    for(i=0,i<n,i++): each ',' a ';'), scored as the single edit and
 *    after it;
 *  - a name the message quotes (an undeclared one) by another: every use
 *    of it on the line (for(j=0;i<n;++i)), scored just above the single
 *    edit: each use is the same error;
 *  - a bracket by a bracket of another kind: its partner too
 *    (arr(i-1) -> arr[i-1]), scored as the single edit and after it.
 */
void heal_gen_repeat_along_line(struct heal_gen *g, struct site *x)
{
	static const char open[] = "([{", close[] = ")]}";
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t n0 = g->n, c, i, nl;
	size_t *in;

	if (x->first == NONE_IDX || x->last - x->first > 512)
		return;
	nl = x->last - x->first + 1;
	in = heal_calloc(nl, sizeof(*in));
	line_brackets(x, in);
	for (c = 0; c < n0 && g->n + 1 < HEAL_GEN_MAX; c++) {
		const struct heal_gen_cand *k = &g->v[c];
		size_t p = heal_tokens_at(t, k->start), tl, nw, first = NONE_IDX, last = 0;
		const char *w = k->text, **want;
		enum heal_tok_kind kind;
		size_t hits = 0;
		char sfx[32];

		if (k->start == k->end && k->text && g->n + 1 < HEAL_GEN_MAX) {
			inserts_along(g, x, c, in);
			continue;
		}
		if (p < x->first || p > x->last || t->v[p].start != k->start ||
		    t->v[p].end != k->end || in[p - x->first] == TOO_DEEP)
			continue;
		kind = t->v[p].kind;
		while (*w == ' ')
			w++;
		for (nw = strlen(w); nw && w[nw - 1] == ' '; nw--)
			;
		tl = k->end - k->start;
		if (!nw || memchr(w, ' ', nw))
			continue;
		if (kind == HEAL_TOK_PUNCT && tl == 1 && nw == 1 && strchr(open, d[k->start]) &&
		    strchr(open, w[0])) {
			/* a bracket pair of the wrong kind */
			size_t j = partner(x, p);
			char cl[2] = { close[strchr(open, w[0]) - open], 0 };

			if (j == NONE_IDX || j > x->last)
				continue;
			want = heal_calloc(j - p + 1, sizeof(*want));
			want[0] = w;
			want[j - p] = cl;
			/* both 1 byte: add_along writes nw bytes of each */
			add_along(g, x, c, p, j, want, 1, "+pair", false);
			free(want);
			continue;
		}
		if (kind == HEAL_TOK_ID) {
			if (!heal_gen_word_byte(w[0]) || !quoted(x, d, k->start, k->end))
				continue;
		} else if (kind != HEAL_TOK_PUNCT || heal_gen_word_byte(w[0])) {
			continue;
		}
		for (i = x->first; i <= x->last; i++)
			if (t->v[i].kind == kind && t->v[i].end - t->v[i].start == tl &&
			    memcmp(d + t->v[i].start, d + k->start, tl) == 0 &&
			    (kind == HEAL_TOK_ID || in[i - x->first] == in[p - x->first])) {
				if (first == NONE_IDX)
					first = i;
				last = i;
				hits++;
			}
		if (hits < 2)
			continue;
		want = heal_calloc(last - first + 1, sizeof(*want));
		for (i = first; i <= last; i++)
			if (t->v[i].kind == kind && t->v[i].end - t->v[i].start == tl &&
			    memcmp(d + t->v[i].start, d + k->start, tl) == 0 &&
			    (kind == HEAL_TOK_ID || in[i - x->first] == in[p - x->first]))
				want[i - first] = w;
		snprintf(sfx, sizeof(sfx), "*%zu", hits);
		add_along(g, x, c, first, last, want, nw, sfx, kind == HEAL_TOK_ID);
		free(want);
	}
	free(in);
}
