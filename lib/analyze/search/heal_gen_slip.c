/*
 * heal_gen_slip.c - candidates for slips a beginner's hand makes, which a
 * token edit does not reach: an interpreter's prompt pasted with the code
 * ('>>> x = 1'), a digit typed for the letter it looks like in a name the
 * file uses ('1st' for 'lst'), an escape written outside the string it
 * belongs in ('print(\n"a")'), a string's opening quote left out
 * ('print(Sum: ",s)').  Each is an edit the site calls for, tried first;
 * the checker judges it like any other.
 */
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_gen_int.h"

/* A candidate replacing [s, e) by text (copied), of the given kind. */
static void add_text(struct heal_gen *g, struct site *x, size_t s, size_t e, const char *text,
		     size_t n, const char *kind)
{
	struct heal_gen_cand *c;

	if (g->n >= HEAL_GEN_MAX)
		return;
	x->rank = 0;
	c = heal_gen_new_cand(g, x, s, e, heal_strndup(text, n));
	c->kind = heal_strdup(kind);
	c->score = HEAL_GEN_SURE;
	g->n++;
}

/* The error line's bytes [*s, *e), without its newline; false when the
 * site has no line. */
static bool line_of(const struct site *x, size_t *s, size_t *e)
{
	const char *d = x->s->data;
	size_t l = 1, p = 0, len = x->s->len;

	while (p < len && l < x->s->line) {
		const char *nl = memchr(d + p, '\n', len - p);

		if (!nl)
			return false;
		p = (size_t)(nl - d) + 1;
		l++;
	}
	if (l != x->s->line || p > len)
		return false;
	*s = p;
	while (p < len && d[p] != '\n')
		p++;
	*e = p;
	return true;
}

/* Python: the line starts with the interpreter's prompt (">>> ", "... "). */
static void prompt(struct heal_gen *g, struct site *x)
{
	const char *d = x->s->data;
	size_t s, e, p, q;

	if (x->s->lang->syntax->lexer != HEAL_LEX_PYTHON || !line_of(x, &s, &e))
		return;
	for (p = s; p < e && (d[p] == ' ' || d[p] == '\t'); p++)
		;
	if (e - p < 3 || (memcmp(d + p, ">>>", 3) && memcmp(d + p, "...", 3)))
		return;
	q = p + 3;
	if (q < e && d[q] == ' ')
		q++;
	add_text(g, x, p, q, "", 0, "del:prompt@bol");
}

/* Whether the word w (n bytes) is a name of the file at a token other
 * than i. */
static bool name_in_file(const struct site *x, size_t i, const char *w, size_t n)
{
	const struct heal_tokens *t = x->t;
	size_t k;

	for (k = 0; k < t->n; k++)
		if (k != i && t->v[k].kind == HEAL_TOK_ID && t->v[k].end - t->v[k].start == n &&
		    !memcmp(x->s->data + t->v[k].start, w, n))
			return true;
	return false;
}

/*
 * A number glued to letters ('1st', '0ne') on the error's line whose
 * digits, read as the letters they look like, make a name the file uses
 * elsewhere.
 */
static void look_alike(struct heal_gen *g, struct site *x)
{
	static const char *const like[10] = { "oO", "lI", "zZ", "", "", "sS", "", "", "B", "g" };
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t i;

	if (x->first == NONE_IDX)
		return;
	for (i = x->first; i <= x->last && i < t->n; i++) {
		const struct heal_tok *a = &t->v[i];
		size_t end = a->end, n, k, p;
		char w[64];

		if (a->kind != HEAL_TOK_NUM)
			continue;
		/* the lexer's number may stop at the letters (Python) */
		if (i + 1 < t->n && t->v[i + 1].start == a->end && t->v[i + 1].kind == HEAL_TOK_ID)
			end = t->v[i + 1].end;
		n = end - a->start;
		if (n >= sizeof(w) || n < 2)
			continue;
		for (p = a->start; p < end && d[p] >= '0' && d[p] <= '9'; p++)
			;
		if (p == end || p == a->start || !heal_gen_word_byte(d[p]))
			continue;
		/* the word: the lexer's number may go on past it ('1st.x') */
		for (k = p; k < end && heal_gen_word_byte(d[k]); k++)
			;
		end = k;
		n = end - a->start;
		/* each digit as its first look-alike, then its second */
		for (k = 0; k < 2; k++) {
			size_t j;
			bool all = true;

			memcpy(w, d + a->start, n);
			for (j = 0; j < p - a->start; j++) {
				const char *l = like[w[j] - '0'];

				if (strlen(l) <= k) {
					all = false;
					break;
				}
				w[j] = l[k];
			}
			if (all && name_in_file(x, i, w, n))
				add_text(g, x, a->start, end, w, n, "rep:$num ~> $id.file@line");
		}
	}
}

/*
 * An escape outside a string ('\n' before or after one): moved into the
 * string beside it, at the side it stood.
 */
static void escape_outside(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t s, e, p;

	if (!line_of(x, &s, &e))
		return;
	for (p = s; p + 1 < e; p++) {
		size_t k, q;
		const struct heal_tok *a;
		struct heal_buf b;

		if (d[p] != '\\' || !strchr("ntr0abfv", d[p + 1]))
			continue;
		k = heal_tokens_at(t, p);
		/* inside a literal: not this */
		if (k < t->n && t->v[k].start <= p && p < t->v[k].end &&
		    (t->v[k].kind == HEAL_TOK_STR || t->v[k].kind == HEAL_TOK_CHR))
			continue;
		/* the next token past the escape, a string: after its quote */
		for (k = 0; k < t->n && t->v[k].start < p + 2; k++)
			;
		heal_buf_init(&b, 4096);
		if (k < t->n && t->v[k].kind == HEAL_TOK_STR && t->v[k].line == x->s->line) {
			a = &t->v[k];
			for (q = a->start; q < a->end && d[q] != '"' && d[q] != '\''; q++)
				;
			if (q < a->end) {
				/* "\n'a'" -> "'\na'": the bytes between kept */
				heal_buf_put(&b, d + p + 2, q + 1 - (p + 2));
				heal_buf_put(&b, d + p, 2);
				add_text(g, x, p, q + 1, heal_buf_str(&b), b.len, "mv:esc@caret");
			}
		}
		heal_buf_release(&b);
		/* the token before it, a string: before its closing quote */
		for (k = t->n; k-- > 0 && t->v[k].end > p;)
			;
		if (k < t->n && t->v[k].kind == HEAL_TOK_STR && t->v[k].line == x->s->line &&
		    t->v[k].end - t->v[k].start >= 2) {
			a = &t->v[k];
			heal_buf_init(&b, 4096);
			heal_buf_put(&b, d + p, 2);
			heal_buf_put(&b, d + a->end - 1, p - (a->end - 1));
			add_text(g, x, a->end - 1, p + 2, heal_buf_str(&b), b.len, "mv:esc@caret");
			heal_buf_release(&b);
		}
		return;
	}
}

/*
 * "unterminated string literal" at a quote that ends the text before it:
 * its opening quote after the '(', ',' or '=' that starts the argument
 * ('print(Sum: ",s)' -> 'print("Sum: ",s)').
 */
static void opening_quote(struct heal_gen *g, struct site *x)
{
	const char *d = x->s->data, *m = x->s->message;
	size_t s, e, c = x->s->caret, p, q;
	char quote[2];

	if (!m || !strstr(m, "unterminated string") || !line_of(x, &s, &e) || c < s ||
	    c >= e || (d[c] != '"' && d[c] != '\''))
		return;
	/* the quote must be the last of its kind on the line */
	for (q = c + 1; q < e; q++)
		if (d[q] == d[c])
			return;
	for (p = c; p > s && !strchr("(,=[{", d[p - 1]); p--)
		if (d[p - 1] == '"' || d[p - 1] == '\'')
			return;
	if (p == s)
		return;
	while (p < c && (d[p] == ' ' || d[p] == '\t'))
		p++;
	if (p == c)
		return;
	quote[0] = d[c];
	quote[1] = '\0';
	add_text(g, x, p, p, quote, 1, "ins:$q@arg");
}

void heal_gen_slips(struct heal_gen *g, struct site *x)
{
	prompt(g, x);
	look_alike(g, x);
	escape_outside(g, x);
	opening_quote(g, x);
}
