/*
 * heal_gen_slip.c - candidates for slips a beginner's hand makes, which a
 * token edit does not reach: an interpreter's prompt pasted with the code
 * ('>>> x = 1'), a digit typed for the letter it looks like in a name the
 * file uses ('1st' for 'lst'), an escape written outside the string it
 * belongs in ('print(\n"a")'), a string's opening quote left out
 * ('print(Sum: ",s)') or its closing one, 'else if' where the language
 * says 'elif', a block header's ':' typed inside it, an operator meant as
 * text ('print(*)').  Each is an edit the site calls for, tried first;
 * the checker judges it like any other.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_gen_int.h"

void heal_gen_add_text(struct heal_gen *g, struct site *x, size_t s, size_t e, const char *text,
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

/* The error line's bytes [*s, *e), without its newline (empty past the
 * file's end). */
static bool line_of(const struct site *x, size_t *s, size_t *e)
{
	const char *d = x->s->data;
	size_t len = x->s->len;

	*s = heal_gen_offset(d, len, x->s->line, 1);
	for (*e = *s; *e < len && d[*e] != '\n'; (*e)++)
		;
	return *e > *s;
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
	heal_gen_add_text(g, x, p, q, "", 0, "del:prompt@bol");
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
 * The word old (n bytes, a number glued to letters) used as a name at
 * several places of the file, each one renamed to w (its look-alike, no
 * name of the file yet): one edit from the first to the last.
 */
static void rename_all(struct heal_gen *g, struct site *x, const char *old, size_t n,
		       const char *w)
{
	const char *d = x->s->data;
	size_t len = x->s->len, p, first = SIZE_MAX, last = 0, count = 0;
	struct heal_buf b;

	for (p = 0; p + n <= len; p++)
		if (!memcmp(d + p, old, n) && (p == 0 || !heal_gen_word_byte(d[p - 1])) &&
		    (p + n == len || !heal_gen_word_byte(d[p + n]))) {
			if (first == SIZE_MAX)
				first = p;
			last = p + n;
			count++;
		}
	if (count < 2 || count > 64)
		return;
	heal_buf_init(&b, (last - first) + 16);
	for (p = first; p < last;) {
		if (!memcmp(d + p, old, n) && (p == 0 || !heal_gen_word_byte(d[p - 1])) &&
		    (p + n == len || !heal_gen_word_byte(d[p + n]))) {
			heal_buf_put(&b, w, n);
			p += n;
		} else {
			heal_buf_putc(&b, d[p++]);
		}
	}
	heal_gen_add_text(g, x, first, last, heal_buf_str(&b), b.len, "rep:$num ~> $id@all");
	heal_buf_release(&b);
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
				heal_gen_add_text(g, x, a->start, end, w, n, "rep:$num ~> $id.file@line");
			else if (all && k == 0 && heal_gen_word_byte(w[0]))
				rename_all(g, x, d + a->start, n, w);
		}
		/* the digits a slip: the rest a name of the file */
		if (name_in_file(x, i, d + p, end - p))
			heal_gen_add_text(g, x, a->start, end, d + p, end - p, "del:$num@line");
	}
}

/* Whether byte p is inside a string or character literal's token. */
static bool in_literal(const struct site *x, size_t p)
{
	const struct heal_tokens *t = x->t;
	size_t k = heal_tokens_at(t, p);

	return k < t->n && t->v[k].start <= p && p < t->v[k].end &&
	       (t->v[k].kind == HEAL_TOK_STR || t->v[k].kind == HEAL_TOK_CHR);
}

/* An escape ('\n', '\t', ...) at d[p], on the line ending at e. */
static bool escape_at(const char *d, size_t p, size_t e)
{
	return p + 1 < e && d[p] == '\\' && d[p + 1] &&
	       strchr("ntr0abfv", d[p + 1]);
}

/*
 * Escapes outside the literals of the line [s, e), deleted
 * ('if (a[i]\n > b[i]\n )'), or the first made the ',' between two
 * arguments ('INT_MIN\nCHAR_MAX'); a comment begun with backslashes in C's
 * syntax ('d;\\declarations', '\* area *\') begun with slashes.
 */
static void escapes_dropped(struct heal_gen *g, struct site *x, size_t s,
			    size_t e)
{
	const char *d = x->s->data;
	struct heal_buf b;
	size_t p, first = e;

	for (p = s; p + 1 < e; p++) {
		if (d[p] != '\\' || in_literal(x, p))
			continue;
		if (d[p + 1] == '\\' &&
		    x->s->lang->syntax->lexer == HEAL_LEX_C) {
			heal_gen_add_text(g, x, p, p + 2, "//", 2,
					  "rep:\\\\ ~> //@line");
			return;
		}
		if (d[p + 1] == '*' &&
		    x->s->lang->syntax->lexer == HEAL_LEX_C) {
			/* '\* note *\': its end made '*' '/' too, when the line has it */
			const char *end = memmem(d + p + 2, e - p - 2, "*\\",
						 2);
			struct heal_buf c;

			heal_buf_init(&c, 4096);
			heal_buf_puts(&c, "/*");
			if (end) {
				heal_buf_put(&c, d + p + 2,
					     (size_t)(end - d) - p - 2);
				heal_buf_puts(&c, "*/");
			}
			heal_gen_add_text(g, x, p,
					  end ? (size_t)(end - d) + 2 : p + 2,
					  heal_buf_str(&c), c.len,
					  "rep:\\* ~> /*@line");
			heal_buf_release(&c);
			return;
		}
		if (escape_at(d, p, e) && first == e)
			first = p;
	}
	if (first == e)
		return;
	heal_buf_init(&b, 4096);
	for (p = first; p < e; p++) {
		if (escape_at(d, p, e) && !in_literal(x, p))
			p++;
		else
			heal_buf_putc(&b, d[p]);
	}
	heal_gen_add_text(g, x, first, e, heal_buf_str(&b), b.len,
			  "del:esc@line");
	heal_buf_release(&b);
	if (first > s && heal_gen_word_byte(d[first - 1]) && first + 2 < e &&
	    heal_gen_word_byte(d[first + 2]))
		heal_gen_add_text(g, x, first, first + 2, ",", 1,
				  "rep:esc ~> ,@caret");
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
	escapes_dropped(g, x, s, e);
	for (p = s; p + 1 < e; p++) {
		size_t k, q;
		const struct heal_tok *a;
		struct heal_buf b;

		if (d[p] != '\\' || !strchr("ntr0abfv", d[p + 1]))
			continue;
		/* inside a literal: not this */
		if (in_literal(x, p))
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
				heal_gen_add_text(g, x, p, q + 1, heal_buf_str(&b), b.len, "mv:esc@caret");
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
			heal_gen_add_text(g, x, a->end - 1, p + 2, heal_buf_str(&b), b.len, "mv:esc@caret");
			heal_buf_release(&b);
		}
		return;
	}
}

/*
 * A diagnostic about a literal its quote leaves open: Python's
 * "unterminated string literal" (3.10 on) and "EOL while scanning string
 * literal" (before); with c_too gcc's and clang's "missing terminating '
 * character" (whose closing quote the priors' 'cins:"@caret' puts).
 */
static bool open_quote_message(const char *m, bool c_too)
{
	return m && (strstr(m, "unterminated string") ||
		     strstr(m, "EOL while scanning string literal") ||
		     (c_too && strstr(m, "missing terminating")));
}

/* The most quotes on a line odd_quotes tries to delete one of. */
#define STRAY_MAX 8u

/* d[p] on the line [s, e) is a quote q: not escaped, not C's '"'. */
static bool quote_at(const char *d, size_t s, size_t e, size_t p, char q)
{
	return d[p] == q && !(p > s && d[p - 1] == '\\') &&
	       !(q == '"' && p > s && p + 1 < e && d[p - 1] == '\'' &&
		 d[p + 1] == '\'');
}

/*
 * A quote too many or too few: the caret's line holds an odd number of
 * the quote the diagnostic is at (a literal's diagnostic), or of double
 * quotes in C's syntax, where no string goes on to the next line (clang
 * says only "expected ')'" after 'printf("%f",area");').  Each of them
 * deleted, and an opening quote where the first one's argument starts
 * ('scanf(%d%d",&a,&b)'); the checker tells which.
 */
static void odd_quotes(struct heal_gen *g, struct site *x)
{
	const char *d = x->s->data;
	size_t s, e, c = x->s->caret, p, n, first = 0, arg;
	char q, kind[16];

	if (!line_of(x, &s, &e) || c < s || c >= e)
		return;
	if (open_quote_message(x->s->message, true) &&
	    (d[c] == '"' || d[c] == '\''))
		q = d[c];
	else if (x->s->lang->syntax->lexer == HEAL_LEX_C)
		q = '"';
	else
		return;
	for (p = s, n = 0; p < e; p++) {
		if (!quote_at(d, s, e, p, q))
			continue;
		if (!n++)
			first = p;
	}
	if (n % 2 == 0 || n > STRAY_MAX)
		return;
	for (p = s; p < e; p++) {
		if (!quote_at(d, s, e, p, q))
			continue;
		snprintf(kind, sizeof(kind), "cdel:%c@%s", q,
			 p == c ? "caret" : "line");
		heal_gen_add_text(g, x, p, p + 1, "", 0, kind);
	}
	/* the first quote's argument: after the '(', ',' or '=' before it,
	 * when text stands between them */
	for (arg = first; arg > s && !strchr("(,=", d[arg - 1]); arg--)
		;
	if (arg == s)
		return;
	while (arg < first && (d[arg] == ' ' || d[arg] == '\t'))
		arg++;
	if (arg < first) {
		char t[2] = { q, '\0' };

		snprintf(kind, sizeof(kind), "cins:%c@arg", q);
		heal_gen_add_text(g, x, arg, arg, t, 1, kind);
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

	if (!open_quote_message(m, false) || !line_of(x, &s, &e) || c < s ||
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
	heal_gen_add_text(g, x, p, p, quote, 1, "ins:$q@arg");
}


/*
 * 'else if c:' and 'else c:' where the language says 'elif' (Python,
 * shell): the error's line starts with 'else' and goes on.
 */
static void else_if(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	size_t f = x->first;

	if (f == NONE_IDX || f >= x->last || !heal_gen_tok_is(x, f, "else") ||
	    !heal_tokens_in(x->s->lang->syntax->keywords, "elif", 4) ||
	    heal_gen_punct_is(x, f + 1, ':') || heal_gen_punct_is(x, f + 1, ';'))
		return;
	if (heal_gen_tok_is(x, f + 1, "if"))
		heal_gen_add_text(g, x, t->v[f].start, t->v[f + 1].end, "elif", 4, "rep:else if ~> elif@bol");
	else if (x->s->lang->syntax->lexer == HEAL_LEX_PYTHON && heal_gen_punct_is(x, x->last, ':'))
		heal_gen_add_text(g, x, t->v[f].start, t->v[f].end, "elif", 4, "rep:else ~> elif@bol");
}

/* Python: a block's header ('if', 'elif', 'while', 'for', 'def', 'with')
 * with a ':' before its end, outside brackets: that ':' deleted. */
static void inner_colon(struct heal_gen *g, struct site *x)
{
	static const char *const heads[] = { "if", "elif", "while", "for", "def", "with", "class", NULL };
	size_t i, depth = 0, j;

	if (x->s->lang->syntax->lexer != HEAL_LEX_PYTHON || x->first == NONE_IDX ||
	    !heal_gen_punct_is(x, x->last, ':'))
		return;
	for (j = 0; heads[j] && !heal_gen_tok_is(x, x->first, heads[j]); j++)
		;
	if (!heads[j])
		return;
	for (i = x->first + 1; i < x->last; i++) {
		if (heal_gen_punct_is(x, i, '(') || heal_gen_punct_is(x, i, '[') ||
		    heal_gen_punct_is(x, i, '{'))
			depth++;
		else if ((heal_gen_punct_is(x, i, ')') || heal_gen_punct_is(x, i, ']') ||
			  heal_gen_punct_is(x, i, '}')) && depth)
			depth--;
		else if (!depth && heal_gen_punct_is(x, i, ':'))
			heal_gen_add_text(g, x, x->t->v[i].start, x->t->v[i].end, "", 0, "del::@line");
	}
}

/* Python: a call's argument that is one operator alone ('print(*, end="")'):
 * the operator in quotes. */
static void operator_argument(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t i;
	char q[4];

	if (x->s->lang->syntax->lexer != HEAL_LEX_PYTHON || x->first == NONE_IDX)
		return;
	for (i = x->first + 1; i < x->last; i++) {
		const struct heal_tok *a = &t->v[i];

		if (a->kind != HEAL_TOK_PUNCT || a->end - a->start != 1 ||
		    !strchr("*+-/%#@$&|^~!?.=<>", d[a->start]) ||
		    !(heal_gen_punct_is(x, i - 1, ',') || heal_gen_punct_is(x, i - 1, '(')) ||
		    !(heal_gen_punct_is(x, i + 1, ',') || heal_gen_punct_is(x, i + 1, ')')))
			continue;
		q[0] = '\'';
		q[1] = d[a->start];
		q[2] = '\'';
		q[3] = '\0';
		heal_gen_add_text(g, x, a->start, a->end, q, 3, "wrap:'@caret");
	}
}

/*
 * "unterminated string literal" at a quote that opens text: its closing
 * quote before the ',' after which the call goes on with a name of the
 * file ("print('no, s)" -> "print('no', s)"), else before the line's last
 * ')'.
 */
static void closing_quote(struct heal_gen *g, struct site *x)
{
	const char *d = x->s->data, *m = x->s->message;
	size_t s, e, c = x->s->caret, p, q, close = 0;
	char quote[2];

	if (!open_quote_message(m, false) || !line_of(x, &s, &e) || c < s ||
	    c >= e || (d[c] != '"' && d[c] != '\''))
		return;
	quote[0] = d[c];
	quote[1] = '\0';
	for (p = c + 1; p < e; p++) {
		if (d[p] == d[c])
			return;
		if (d[p] == ')')
			close = p;
		if (d[p] != ',')
			continue;
		/* the name after the comma, up to the next ',' or ')' */
		for (q = p + 1; q < e && (d[q] == ' ' || d[q] == '\t'); q++)
			;
		{
			size_t w = q;

			while (w < e && heal_gen_word_byte(d[w]))
				w++;
			if (w > q && !(d[q] >= '0' && d[q] <= '9')) {
				size_t z = w;

				while (z < e && (d[z] == ' ' || d[z] == '\t'))
					z++;
				if (z < e && (d[z] == ',' || d[z] == ')') &&
				    name_in_file(x, NONE_IDX, d + q, w - q))
					heal_gen_add_text(g, x, p, p, quote, 1, "ins:$q@arg");
			}
		}
	}
	if (close)
		heal_gen_add_text(g, x, close, close, quote, 1, "ins:$q@eol");
}

/* The tokens i from *lo to before *hi whose pair (i, i + 1) is near the
 * caret: two tokens either side of it, within the error's line. */
static void caret_pairs(const struct site *x, size_t *lo, size_t *hi)
{
	*lo = x->k > x->first + 2 ? x->k - 2 : x->first;
	*hi = x->k + 2 < x->last ? x->k + 2 : x->last;
}

/*
 * Two operators side by side, no blank between, whose reverse is one of
 * the language's and who are none themselves ('=<' for '<=', '=!' for
 * '!='): swapped; '!<' and '!>' (not less, not more) made '>=' and '<='.
 * Near the caret.
 */
static void reversed_operator(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	const char *const *pu = x->s->lang->syntax->punct;
	size_t i, lo, hi;
	char both[8], rev[8];

	if (x->first == NONE_IDX || !pu)
		return;
	caret_pairs(x, &lo, &hi);
	for (i = lo; i < hi && i + 1 < t->n; i++) {
		const struct heal_tok *a = &t->v[i], *b = &t->v[i + 1];
		size_t an = a->end - a->start, bn = b->end - b->start;

		if (a->kind != HEAL_TOK_PUNCT || b->kind != HEAL_TOK_PUNCT || a->end != b->start ||
		    an + bn >= sizeof(both) || strchr("()[]{};,", d[a->start]) ||
		    strchr("()[]{};,", d[b->start]))
			continue;
		memcpy(both, d + a->start, an + bn);
		both[an + bn] = '\0';
		memcpy(rev, d + b->start, bn);
		memcpy(rev + bn, d + a->start, an);
		rev[an + bn] = '\0';
		if (!heal_tokens_in(pu, both, an + bn) && heal_tokens_in(pu, rev, an + bn))
			heal_gen_add_text(g, x, a->start, b->end, rev, an + bn, "swap:op@caret");
		/* "not less than" written as in words: '!<' for '>=', '!>'
		 * for '<=' */
		else if (!heal_tokens_in(pu, both, an + bn) && an + bn == 2 &&
			 both[0] == '!' && (both[1] == '<' || both[1] == '>') &&
			 heal_tokens_in(pu, both[1] == '<' ? ">=" : "<=", 2))
			heal_gen_add_text(g, x, a->start, b->end,
					  both[1] == '<' ? ">=" : "<=", 2,
					  "rep:!< ~> >=@caret");
	}
}

/* The key's other character on a US keyboard: the one typed with shift
 * for the one without, and back ('<' for ',', '_' for '-'), or 0. */
static char shifted(char c)
{
	static const char pairs[] = ",<.>;:=+-_/?[{]}'\"9(0)7&8*1!5%6^\\|`~";
	const char *p = c ? strchr(pairs, c) : NULL;

	if (!p)
		return 0;
	return (p - pairs) % 2 ? p[-1] : p[1];
}

/* Whether the message quotes token i's name (the unknown one). */
static bool quoted_name(const struct site *x, size_t i)
{
	const struct heal_tok *a = &x->t->v[i];
	size_t q, n = a->end - a->start;

	for (q = 0; q < x->nquotes; q++)
		if (strlen(x->quotes[q]) == n && !memcmp(x->quotes[q], x->s->data + a->start, n))
			return true;
	return false;
}

/*
 * A key's shift slipped: two operators side by side, no blank between,
 * that are none of the language's until one of their characters is its
 * key's other one (',=' for '<=', '.=' for '>='); and two names joined by
 * a '-' without blanks where the first is the unknown one ('CHAR-MAX'
 * for 'CHAR_MAX'), or by another stray key ('CHAR_,MIN').  Near the
 * caret.
 */
static void shift_slip(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	const char *const *pu = x->s->lang->syntax->punct;
	size_t i, j, lo, hi;
	char both[8];

	if (x->first == NONE_IDX || !pu)
		return;
	caret_pairs(x, &lo, &hi);
	for (i = lo; i < hi && i + 1 < t->n; i++) {
		const struct heal_tok *a = &t->v[i], *b = &t->v[i + 1];
		size_t an = a->end - a->start, bn = b->end - b->start;

		if (a->end != b->start || an + bn >= sizeof(both))
			continue;
		memcpy(both, d + a->start, an + bn);
		both[an + bn] = '\0';
		if (a->kind == HEAL_TOK_PUNCT && b->kind == HEAL_TOK_PUNCT &&
		    !heal_tokens_in(pu, both, an + bn)) {
			for (j = 0; j < an + bn; j++) {
				char c = both[j], o = shifted(c);

				if (!o)
					continue;
				both[j] = o;
				if (heal_tokens_in(pu, both, an + bn))
					heal_gen_add_text(g, x, a->start, b->end, both,
							  an + bn, "slip:shift@caret");
				both[j] = c;
			}
		}
		/* 'CHAR-MAX': the name at the caret, a '-', a name; and
		 * 'CHAR_,MIN': a key struck between the two halves of one
		 * name, dropped */
		if (i == x->k && a->kind == HEAL_TOK_ID && bn == 1 &&
		    b->kind == HEAL_TOK_PUNCT && i + 2 < t->n &&
		    t->v[i + 2].start == b->end && t->v[i + 2].kind == HEAL_TOK_ID) {
			const struct heal_tok *c = &t->v[i + 2];
			struct heal_buf w;

			heal_buf_init(&w, HEAL_BUF_UNBOUNDED);
			heal_buf_put(&w, d + a->start, c->end - a->start);
			if (d[b->start] == '-') {
				w.data[an] = '_';
				heal_gen_add_text(g, x, a->start, c->end, w.data, w.len,
						  "slip:shift@caret");
			} else if (!strchr("()[]{}", d[b->start]) && quoted_name(x, i)) {
				memmove(w.data + an, w.data + an + 1, w.len - an - 1);
				heal_gen_add_text(g, x, a->start, c->end, w.data, w.len - 1,
						  "slip:stray@caret");
			}
			heal_buf_release(&w);
		}
	}
}

/* Whether token i is one of the comparisons. */
static bool comparison(const struct site *x, size_t i)
{
	static const char *const cmp[] = { "==", "!=", "<", "<=", ">", ">=", NULL };

	return heal_gen_tok_in(x, i, cmp);
}

/* The nearest name on the caret's line before token i that an operator
 * right after it compares or sets, or NONE_IDX. */
static size_t set_before(const struct site *x, size_t i)
{
	size_t k;

	for (k = i; k-- > x->first;)
		if (x->t->v[k].kind == HEAL_TOK_ID &&
		    (comparison(x, k + 1) || heal_gen_tok_is(x, k + 1, "=")))
			return k;
	return NONE_IDX;
}

/*
 * Near the caret, the name the statement sets or compares just before
 * (set_before) where an operand is wanting: a comparison without its left
 * one right after '&&', '||' or a for's ';' ('x==2 && !=num',
 * 'for(j=0; <k; j++)'), put before it; a number as the operand of '++'
 * or '--' ('for(i=1;i<=3;1++)', "expression is not assignable"), put in
 * its place.
 */
static void left_operand(struct heal_gen *g, struct site *x)
{
	static const char *const step[] = { "++", "--", NULL };
	const struct heal_tokens *t = x->t;
	size_t i, k;

	if (x->first == NONE_IDX)
		return;
	for (i = x->k > x->first + 1 ? x->k - 1 : x->first; i <= x->k + 1 && i <= x->last; i++) {
		const struct heal_tok *a;
		bool cmp = comparison(x, i) && i > 0 &&
			   (heal_gen_tok_is(x, i - 1, "&&") || heal_gen_tok_is(x, i - 1, "||") ||
			    heal_gen_tok_is(x, i - 1, ";"));
		bool counted = t->v[i].kind == HEAL_TOK_NUM &&
			       ((i + 1 < t->n && heal_gen_tok_in(x, i + 1, step)) ||
				(i > 0 && heal_gen_tok_in(x, i - 1, step)));

		if ((!cmp && !counted) || (k = set_before(x, cmp ? i - 1 : i)) == NONE_IDX)
			continue;
		a = &t->v[k];
		heal_gen_add_text(g, x, t->v[i].start, cmp ? t->v[i].start : t->v[i].end,
				  x->s->data + a->start, a->end - a->start,
				  cmp ? "ins:$id.left@caret" : "rep:$num ~> $id.left@caret");
	}
}

/* A name on the error's line that is two keywords run together
 * ('elseif', 'returnfalse' aside): the blank between them put back. */
static void joined_keywords(struct heal_gen *g, struct site *x)
{
	const char *const *kw = x->s->lang->syntax->keywords;
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t i, k, n;
	char w[64];

	if (x->first == NONE_IDX || !kw)
		return;
	for (i = x->first; i <= x->last && i < t->n; i++) {
		const struct heal_tok *a = &t->v[i];

		n = a->end - a->start;
		if (a->kind != HEAL_TOK_ID || n < 4 || n + 2 > sizeof(w))
			continue;
		for (k = 2; k + 2 <= n; k++) {
			if (!heal_tokens_in(kw, d + a->start, k) ||
			    !heal_tokens_in(kw, d + a->start + k, n - k))
				continue;
			memcpy(w, d + a->start, k);
			w[k] = ' ';
			memcpy(w + k + 1, d + a->start + k, n - k);
			heal_gen_add_text(g, x, a->start, a->end, w, n + 1, "rep:$id ~> kw kw@line");
		}
	}
}

/* Whether tokens i and i + 1 are names on one line with blanks only
 * between them. */
static bool side_by_side(const struct site *x, size_t i)
{
	const struct heal_tok *a = &x->t->v[i], *b = &x->t->v[i + 1];
	size_t p;

	if (a->kind != HEAL_TOK_ID || b->kind != HEAL_TOK_ID || a->line != b->line)
		return false;
	for (p = a->end; p < b->start && (x->s->data[p] == ' ' || x->s->data[p] == '\t'); p++)
		;
	return p == b->start;
}

/* Whether tokens i and k have the same text. */
static bool same_text(const struct site *x, size_t i, size_t k)
{
	const struct heal_tok *a = &x->t->v[i], *b = &x->t->v[k];

	return a->end - a->start == b->end - b->start &&
	       !memcmp(x->s->data + a->start, x->s->data + b->start, a->end - a->start);
}

/* The names i, i + 1 replaced by the word w (n bytes); and, when the same
 * two names stand side by side again later on the line (gcc names an
 * undeclared one once), a second candidate with each of them replaced. */
static void join_all(struct heal_gen *g, struct site *x, size_t i, const char *w, size_t n,
		     const char *kind)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t k, last = i;
	struct heal_buf b;

	heal_gen_add_text(g, x, t->v[i].start, t->v[i + 1].end, w, n, kind);
	heal_buf_init(&b, 128);
	heal_buf_put(&b, w, n);
	for (k = i + 2; k + 1 <= x->last; k++) {
		if (!side_by_side(x, k) || !same_text(x, k, i) || !same_text(x, k + 1, i + 1))
			continue;
		heal_buf_put(&b, d + t->v[last + 1].end, t->v[k].start - t->v[last + 1].end);
		heal_buf_put(&b, w, n);
		last = k;
		k++;
	}
	if (last > i)
		heal_gen_add_text(g, x, t->v[i].start, t->v[last + 1].end, b.data, b.len, kind);
	heal_buf_release(&b);
}

/* The caret's name and a name beside it on the line, blanks apart, that
 * are one word split ('size of(', 'retu rn', 'print f('): joined when the
 * word is a keyword, a name of the file, or (C, whose compiler knows what
 * is declared) is called; or joined by a '_' when that is a name of the
 * file ('check prime(' for 'check_prime'). */
static void split_word(struct heal_gen *g, struct site *x)
{
	const char *const *kw = x->s->lang->syntax->keywords;
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	bool c_like = x->s->lang->syntax->lexer == HEAL_LEX_C;
	size_t i, n;
	char w[64];

	if (x->first == NONE_IDX || x->k >= t->n)
		return;
	for (i = x->k > x->first ? x->k - 1 : x->k; i <= x->k && i + 1 <= x->last; i++) {
		const struct heal_tok *a = &t->v[i], *b = &t->v[i + 1];
		size_t na = a->end - a->start, nb = b->end - b->start;

		if (!side_by_side(x, i) || na + nb + 1 >= sizeof(w))
			continue;
		memcpy(w, d + a->start, na);
		memcpy(w + na, d + b->start, nb);
		n = na + nb;
		/* a call's name is checked only where the checker knows names */
		if ((kw && heal_tokens_in(kw, w, n)) || name_in_file(x, NONE_IDX, w, n) ||
		    (c_like && heal_gen_punct_is(x, i + 2, '(')))
			join_all(g, x, i, w, n, "rep:$id $id ~> $id.joined@caret");
		/* 'check prime(' for the file's 'check_prime' */
		memcpy(w, d + a->start, na);
		w[na] = '_';
		memcpy(w + na + 1, d + b->start, nb);
		if (name_in_file(x, NONE_IDX, w, n + 1))
			join_all(g, x, i, w, n + 1, "rep:$id $id ~> $id_$id@caret");
	}
}

/*
 * Format text left after its string's closing quote ('"%f" %d, v'): a
 * string literal on the caret's line followed by a '%' (an escape is
 * mv:esc's), the caret among the tokens from there to the next ','
 * or ')': the quote moved to before that ',' or ')', blanks kept.
 */
static void format_outside(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t i, j, q;
	struct heal_buf b;

	/* C: a string's '%' is no operator there ('"%d" % x' is Python's) */
	if (x->s->lang->syntax->lexer != HEAL_LEX_C || x->first == NONE_IDX || x->k >= t->n)
		return;
	for (i = x->first; i < x->k && i < x->last; i++) {
		const struct heal_tok *sv = &t->v[i];

		if (sv->kind != HEAL_TOK_STR || sv->end - sv->start < 2 || d[sv->end - 1] != '"' ||
		    !heal_gen_punct_is(x, i + 1, '%'))
			continue;
		for (j = i + 1; j <= x->last; j++)
			if (heal_gen_punct_is(x, j, ',') || heal_gen_punct_is(x, j, ')') ||
			    t->v[j].kind == HEAL_TOK_STR)
				break;
		if (j > x->last || j <= x->k || t->v[j].kind == HEAL_TOK_STR)
			continue;
		/* [sv->end - 1, t->v[j - 1].end): the quote, then the text */
		q = t->v[j - 1].end;
		heal_buf_init(&b, q - sv->end + 2);
		heal_buf_put(&b, d + sv->end, q - sv->end);
		heal_buf_putc(&b, '"');
		heal_gen_add_text(g, x, sv->end - 1, q, b.data, b.len, "mv:fmt@caret");
		heal_buf_release(&b);
		return;
	}
}

/*
 * C: a statement that assigns to the caret's undeclared name (the message
 * says so) a literal whose type is not int ('s = "abc";', 'c = 'y';',
 * 'r = 2.5;') made its declaration with the literal's type ('int' is an
 * edit of the priors'); a for's counter declared 'int' in the for.
 */
static void declare_typed(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data, *type = NULL;
	const struct heal_tok *a, *v;
	size_t k = x->k, i;

	/* the name must be undeclared: a declaration of a declared one in
	 * an inner block compiles, and shadows it */
	if (x->s->lang->syntax->lexer != HEAL_LEX_C || x->first == NONE_IDX || k + 2 >= t->n ||
	    !x->s->message || !strstr(x->s->message, "undeclared") ||
	    t->v[k].kind != HEAL_TOK_ID || !heal_gen_tok_is(x, k + 1, "=") || k == 0)
		return;
	a = &t->v[k];
	v = &t->v[k + 2];
	/* a for's counter ('for (i = 0; ...'): declared there, as C99 lets */
	if (k >= 2 && heal_gen_punct_is(x, k - 1, '(') && heal_gen_tok_is(x, k - 2, "for") &&
	    !(v->kind == HEAL_TOK_NUM && memchr(d + v->start, '.', v->end - v->start))) {
		heal_gen_add_text(g, x, a->start, a->start, "int ", 4, "ins:int@for");
		return;
	}
	if (!(k == x->first || heal_gen_punct_is(x, k - 1, ';') || heal_gen_punct_is(x, k - 1, '{') ||
	      heal_gen_punct_is(x, k - 1, '}')))
		return;
	if (v->kind == HEAL_TOK_STR && d[v->start] == '"')
		type = x->s->lang->id == HEAL_LANG_CXX ? "const char *" : "char *";
	else if (v->kind == HEAL_TOK_CHR)
		type = "char ";
	else if (v->kind == HEAL_TOK_NUM && !(v->end - v->start > 1 && d[v->start] == '0' &&
					      (d[v->start + 1] == 'x' || d[v->start + 1] == 'X')))
		for (i = v->start; i < v->end; i++)
			if (d[i] == '.' || d[i] == 'e' || d[i] == 'E')
				type = "double ";
	if (type)
		heal_gen_add_text(g, x, a->start, a->start, type, strlen(type), "ins:$type.literal@caret");
}

void heal_gen_slips(struct heal_gen *g, struct site *x)
{
	declare_typed(g, x);
	joined_keywords(g, x);
	split_word(g, x);
	format_outside(g, x);
	reversed_operator(g, x);
	shift_slip(g, x);
	left_operand(g, x);
	prompt(g, x);
	else_if(g, x);
	inner_colon(g, x);
	operator_argument(g, x);
	/* the opening quote first: it applies only where text stands
	 * between the argument's start and the quote */
	opening_quote(g, x);
	closing_quote(g, x);
	odd_quotes(g, x);
	look_alike(g, x);
	escape_outside(g, x);
}
