/*
 * heal_gen_text.c - candidates for text where code stands: two operands
 * side by side joined, a call's argument that is text put in quotes, a
 * call's text whose quotes were meant inside it made one literal, a
 * character constant given its quotes.  Each is an edit the site itself
 * calls for, tried before the priors' order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_gen_int.h"

static bool operand_end(const struct heal_tok *a, const char *d)
{
	return a->kind == HEAL_TOK_ID || a->kind == HEAL_TOK_NUM || a->kind == HEAL_TOK_STR ||
	       a->kind == HEAL_TOK_CHR ||
	       (a->kind == HEAL_TOK_PUNCT && a->end - a->start == 1 && strchr(")]}", d[a->start]));
}

/*
 * Two operands side by side in the range the tool underlined (Python's
 * "invalid syntax. Perhaps you forgot a comma?" underlines the
 * expressions it found juxtaposed): the separator goes between them,
 * first the operator the range already joins its operands with when it
 * holds no ',' (a '+' chain of strings: s + " # "+j" # "), then ','.
 */
/*
 * The separator sep at every gap between two operands along the caret's
 * line, within the brackets the underlined range starts in: a student
 * who left out one ',' between a call's arguments often left out the
 * next ('print("a"x"b"y)'), and the checker shows them one at a time.
 * One edit; only when there are two such gaps or more.
 */
static void juxtaposed_line(struct heal_gen *g, struct site *x, const char *sep)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t i, depth, base = NONE_IDX, gaps = 0, s, e, p = 0, pass;
	struct heal_buf b;
	struct heal_gen_cand *c;

	if (x->first == NONE_IDX || g->n >= HEAL_GEN_MAX)
		return;
	s = t->v[x->first].start;
	e = t->v[x->last].end;
	heal_buf_init(&b, (e - s) + 64 * (strlen(sep) + 1) + 16);
	/* the depth of the first token at the caret, and the bracket that
	 * opened it: a call's '(' or a list's '[' (operands side by side
	 * elsewhere, 'a amd b', are no list) */
	size_t open[32];

	for (i = x->first, depth = 0; i <= x->last && base == NONE_IDX; i++) {
		const struct heal_tok *a = &t->v[i];
		bool one = a->kind == HEAL_TOK_PUNCT && a->end - a->start == 1;

		if (a->start >= x->s->caret)
			base = depth;
		else if (one && strchr("([{", d[a->start]) && depth < 32)
			open[depth++] = i;
		else if (one && strchr(")]}", d[a->start]))
			depth -= depth > 0;
	}
	if (base == NONE_IDX || base == 0 ||
	    !((heal_gen_punct_is(x, open[base - 1], '(') && open[base - 1] > x->first &&
	       t->v[open[base - 1] - 1].kind == HEAL_TOK_ID) ||
	      heal_gen_punct_is(x, open[base - 1], '[')))
		return;
	/* pass 0 counts the gaps, pass 1 writes the edit */
	for (pass = 0; pass < 2 && base != NONE_IDX; pass++) {
		depth = 0;
		p = s;
		for (i = x->first; i <= x->last; i++) {
			const struct heal_tok *a = &t->v[i];
			bool one = a->kind == HEAL_TOK_PUNCT && a->end - a->start == 1;

			if (one && strchr("([{", d[a->start])) {
				depth++;
				continue;
			}
			if (one && strchr(")]}", d[a->start])) {
				/* the brackets the range is in end here */
				if (base != NONE_IDX && a->start >= x->s->caret && depth == base)
					break;
				depth -= depth > 0;
			}
			if (i >= x->last || t->v[i + 1].start < x->s->caret || depth != base ||
			    i >= x->last || !operand_end(a, d) || t->v[i + 1].line != a->line ||
			    (t->v[i + 1].kind != HEAL_TOK_ID && t->v[i + 1].kind != HEAL_TOK_NUM &&
			     t->v[i + 1].kind != HEAL_TOK_STR && t->v[i + 1].kind != HEAL_TOK_CHR))
				continue;
			if (pass == 0) {
				gaps++;
			} else {
				heal_buf_put(&b, d + p, a->end - p);
				heal_buf_puts(&b, sep);
				p = a->end;
			}
		}
		if (pass == 0 && (gaps < 2 || gaps > 64)) {
			heal_buf_release(&b);
			return;
		}
	}
	if (base == NONE_IDX) {
		heal_buf_release(&b);
		return;
	}
	heal_buf_put(&b, d + p, e - p);
	x->rank = 0;
	c = heal_gen_new_cand(g, x, s, e, heal_buf_detach(&b, NULL));
	c->kind = heal_strdup(!strcmp(sep, ",") ? "ins:,@line*" : "ins:op@line*");
	c->score = HEAL_GEN_SURE;
	g->n++;
}

void heal_gen_juxtaposed(struct heal_gen *g, struct site *x)
{
	static const char *const ops[] = { "+", "-", "*", "/", "%", NULL };
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t lo = x->s->caret, hi = x->s->caret_end;
	size_t cnt[sizeof(ops) / sizeof(*ops)] = { 0 }, i, o, best = NONE_IDX;
	bool comma = false;

	if (hi <= lo)
		return;
	for (i = 0; i < t->n; i++) {
		const struct heal_tok *a = &t->v[i];

		if (a->start < lo || a->end > hi || a->kind != HEAL_TOK_PUNCT ||
		    a->end - a->start != 1)
			continue;
		comma |= d[a->start] == ',';
		for (o = 0; ops[o]; o++)
			cnt[o] += d[a->start] == ops[o][0];
	}
	for (o = 0; ops[o] && !comma; o++)
		if (cnt[o] && (best == NONE_IDX || cnt[o] > cnt[best]))
			best = o;
	x->rank = 0;
	for (i = 0; i + 1 < t->n; i++) {
		const struct heal_tok *a = &t->v[i], *b = &t->v[i + 1];

		/* the gaps before the range's tokens: Python underlines the
		 * operand it did not expect, or both; the range may stop short
		 * of the last one's end */
		if (b->start < lo || b->start >= hi || a->line != b->line || !operand_end(a, d) ||
		    (b->kind != HEAL_TOK_ID && b->kind != HEAL_TOK_NUM &&
		     b->kind != HEAL_TOK_STR && b->kind != HEAL_TOK_CHR))
			continue;
		if (best != NONE_IDX)
			heal_gen_add1(g, x, "ins", i + 1, i + 1, ops[best], NULL);
		heal_gen_add1(g, x, "ins", i + 1, i + 1, ",", NULL);
	}
	juxtaposed_line(g, x, best != NONE_IDX ? ops[best] : ",");
}

/*
 * The argument of a call the caret is in, when it is text that was meant
 * as a string and is no expression: it starts with '%' or '\' (a format,
 * an escape: printf(%d %d,x,y), printf(\n)) or holds two words side by
 * side that are no names elsewhere in the file (print(Hello world),
 * input(how old are you?)).  Its quoted form is
 * tried: [*lo, *hi] are its tokens.  keep_last: the last token is a name
 * of the file, the words before it are the text (printf("%d",The sum is
 * s)).
 */
static bool unquoted_argument(const struct site *x, bool keep_last, size_t *lo,
			      size_t *hi)
{
	const struct heal_tokens *t = x->t;
	size_t i, j, k = x->k, open;
	int depth = 0;
	bool words = false;

	if (k >= t->n || t->v[k].line != x->s->line || x->first == NONE_IDX)
		return false;
	/* left to the ',' or the call's '(' that starts the argument */
	for (i = k; i-- > x->first;) {
		if (heal_gen_punct_is(x, i, ')') || heal_gen_punct_is(x, i, ']'))
			depth++;
		else if (heal_gen_punct_is(x, i, '(') || heal_gen_punct_is(x, i, '['))
			if (depth-- == 0)
				break;
		if (depth == 0 && heal_gen_punct_is(x, i, ','))
			break;
	}
	if (i == (size_t)-1 || i < x->first || (!heal_gen_punct_is(x, i, ',') && !heal_gen_punct_is(x, i, '(')))
		return false;
	/* the call's '(' after a name */
	for (open = i, depth = 0; open != (size_t)-1 && open >= x->first; open--) {
		if (heal_gen_punct_is(x, open, ')'))
			depth++;
		else if (heal_gen_punct_is(x, open, '(') && depth-- == 0)
			break;
	}
	if (open == (size_t)-1 || open <= x->first || t->v[open - 1].kind != HEAL_TOK_ID)
		return false;
	/* right to the ',' or ')' that ends it */
	for (j = k, depth = 0; j <= x->last; j++) {
		if (heal_gen_punct_is(x, j, '(') || heal_gen_punct_is(x, j, '['))
			depth++;
		else if ((heal_gen_punct_is(x, j, ')') || heal_gen_punct_is(x, j, ']')) && depth-- == 0)
			break;
		if (depth == 0 && heal_gen_punct_is(x, j, ','))
			break;
	}
	if (j > x->last || j == i + 1)
		return false;
	if (keep_last && (j < i + 4 || t->v[j - 1].kind != HEAL_TOK_ID))
		return false;
	for (k = i + 1; k < j; k++) {
		size_t b;

		if (t->v[k].kind == HEAL_TOK_STR || t->v[k].kind == HEAL_TOK_CHR)
			return false;
		/* only blanks between its tokens (no comment) */
		for (b = k > i + 1 ? t->v[k - 1].end : t->v[k].start; b < t->v[k].start; b++)
			if (x->s->data[b] != ' ' && x->s->data[b] != '\t')
				return false;
		if (k > i + 1 && operand_end(&t->v[k - 1], x->s->data) &&
		    (t->v[k].kind == HEAL_TOK_ID || t->v[k].kind == HEAL_TOK_NUM))
			words = true;
	}
	if (keep_last) {
		if (!words || heal_gen_names_elsewhere(x, i + 1, j - 1) ||
		    !heal_gen_names_elsewhere(x, j - 1, j))
			return false;
		*lo = i + 1;
		*hi = j - 1;
		return true;
	}
	if (x->s->data[t->v[i + 1].start] != '%' && x->s->data[t->v[i + 1].start] != '\\' &&
	    (!words || heal_gen_names_elsewhere(x, i + 1, j)))
		return false;
	*lo = i + 1;
	*hi = j - 1;
	return true;
}

/* The call's argument at the caret that is text, not code, in quotes. */
void heal_gen_quote_argument(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	struct heal_gen_cand *c;
	const char *nc[1] = { "$str" };
	char oldc[CLASS_MAX];
	const char *old[1] = { oldc };
	size_t lo, hi, s, e;
	char *text;

	if ((x->s->lang->syntax->lexer != HEAL_LEX_C &&
	     x->s->lang->syntax->lexer != HEAL_LEX_PYTHON) ||
	    g->n >= HEAL_GEN_MAX || !unquoted_argument(x, false, &lo, &hi))
		return;
	s = t->v[lo].start;
	e = t->v[hi].end;
	if (memchr(d + s, '"', e - s) || memchr(d + s, '\n', e - s))
		return;
	text = heal_malloc(e - s + 3);
	text[0] = '"';
	memcpy(text + 1, d + s, e - s);
	text[e - s + 1] = '"';
	text[e - s + 2] = '\0';
	x->rank = 0;
	c = heal_gen_new_cand(g, x, s, e, text);
	heal_tok_class(&t->v[lo], d, oldc, CLASS_MAX);
	heal_gen_name_it(x, c, "quote", old, 1, nc, 1, lo, false);
	/* text that cannot be code where a call takes an argument: tried
	 * first (one check), whatever the priors say of one-token edits */
	c->score = HEAL_GEN_SURE;
	g->n++;
}

/* Whether d[p..e) is the end of a call after its text argument: other
 * arguments with no quote in them, the call's ')', maybe a ';', and a
 * comment or blanks to the line's end. */
static bool call_end(const char *d, size_t p, size_t e)
{
	while (p < e && (d[p] == ' ' || d[p] == '\t'))
		p++;
	if (p < e && d[p] == ',')
		while (p < e && d[p] != ')' && d[p] != '"' && d[p] != '\'')
			p++;
	if (p >= e || d[p] != ')')
		return false;
	for (p++; p < e && (d[p] == ' ' || d[p] == '\t' || d[p] == ';' || d[p] == ')'); p++)
		;
	return p == e || (p + 1 < e && d[p] == '/' && (d[p + 1] == '/' || d[p + 1] == '*'));
}

/* Append d[i..e) to t as the inside of a C string literal: a '"' escaped,
 * a '\\' before a character that starts no escape sequence dropped. */
static void literal_text(struct heal_buf *t, const char *d, size_t i, size_t e)
{
	static const char esc[] = "ntrabfv\\'\"?01234567xuUe";

	for (; i < e; i++) {
		if (d[i] == '\\' && i + 1 < e && d[i + 1] && strchr(esc, d[i + 1])) {
			heal_buf_put(t, d + i, 2);
			i++;
		} else if (d[i] == '"') {
			heal_buf_puts(t, "\\\"");
		} else if (d[i] != '\\') {
			heal_buf_putc(t, d[i]);
		}
	}
}

/* Whether d[i..e), read as C literals and what is between them, has a
 * ',' outside the literals: an argument list, not one text. */
static bool separates(const char *d, size_t i, size_t e, bool in)
{
	for (; i < e; i++) {
		if (d[i] == '\\' && i + 1 < e)
			i++;
		else if (d[i] == '"')
			in = !in;
		else if (!in && d[i] == ',')
			return true;
	}
	return false;
}

/*
 * The text of the caret line's call made one C string literal: from its
 * first '"' (or, when the call's text starts with a '\\' and has no
 * quote before it, from there) to a '"' before the end of the call, the
 * escapes between that '"' and the ')' taken in ("..."\n): a '"' inside
 * escaped, a '\\' before a character that starts no escape sequence
 * dropped.  A student's printf("let's "\C\""), printf("\n introduces a "
 * new line ".") or printf(\'a\' is not \"a\".) wants its quotes inside
 * the text.  Tried first (the site calls for it); the checker judges it.
 */
void heal_gen_requote_line(struct heal_gen *g, struct site *x)
{
	const char *d = x->s->data;
	size_t ls, le, a, b, e, n = 0;
	bool quoted;

	if (x->s->lang->syntax->lexer != HEAL_LEX_C || x->first == NONE_IDX ||
	    g->n >= HEAL_GEN_MAX)
		return;
	ls = x->t->v[x->first].start;
	while (ls > 0 && d[ls - 1] != '\n')
		ls--;
	for (le = ls; le < x->s->len && d[le] != '\n'; le++)
		;
	for (a = ls; a < le && d[a] != '"' && d[a] != '('; a++)
		if (d[a] == '\'' || (d[a] == '/' && a + 1 < le && (d[a + 1] == '/' || d[a + 1] == '*')))
			return;   /* a character constant or a comment first */
	if (a < le && d[a] == '(') {
		/* the call's text with no quote to open it: from a '\\' */
		for (a++; a < le && (d[a] == ' ' || d[a] == '\t'); a++)
			;
		if (a >= le || d[a] != '\\')
			for (; a < le && d[a] != '"'; a++)
				if (d[a] == '\'' || d[a] == '/')
					return;
	}
	if (a >= le || x->s->caret > le || x->s->caret + 1 < a)
		return;
	quoted = d[a] == '"';
	for (b = le; b > a + 1 && n < 4; b--) {
		struct heal_buf t;

		if (d[b - 1] != '"' && quoted)
			continue;
		/* escapes between the '"' and the ')' go inside */
		for (e = b; e + 1 < le && d[e] == '\\' && d[e + 1] != ' '; e += 2)
			;
		if (!quoted) {
			/* unquoted: the text up to the call's ')' */
			if (d[b - 1] != ')' || !call_end(d, b - 1, le))
				continue;
			e = --b;
		} else {
			n++;
			if (!call_end(d, e, le))
				continue;
		}
		if (separates(d, quoted ? a + 1 : a, quoted ? b - 1 : b, quoted))
			continue;
		heal_buf_init(&t, 1024);
		heal_buf_putc(&t, '"');
		literal_text(&t, d, quoted ? a + 1 : a, quoted ? b - 1 : b);
		literal_text(&t, d, b, e);
		heal_buf_putc(&t, '"');
		if (t.len == e - a && !memcmp(t.data, d + a, t.len)) {
			heal_buf_release(&t);
			continue;   /* one literal already */
		}
		{
			struct heal_gen_cand *c = heal_gen_new_cand(g, x, a, e, heal_buf_detach(&t, NULL));
			const char *old[1] = { "$str" }, *nc[1] = { "$str" };

			x->rank = 0;
			heal_gen_name_it(x, c, "requote", old, 1, nc, 1, heal_tokens_at(x->t, a), false);
			c->score = HEAL_GEN_SURE;
			g->n++;
		}
		return;
	}
}

/* Add a candidate replacing bytes [s, e) by text (owned), of kind op
 * (old class oldc, new class newc) at token p, tried first: the site
 * calls for it. */
static void add_sure(struct heal_gen *g, struct site *x, size_t s, size_t e,
		     char *text, size_t p, const char *op, const char *oldc, const char *newc)
{
	struct heal_gen_cand *c = heal_gen_new_cand(g, x, s, e, text);
	const char *old[1] = { oldc }, *nc[1] = { newc };

	x->rank = 0;
	heal_gen_name_it(x, c, op, old, 1, nc, 1, p, false);
	c->score = HEAL_GEN_SURE;
	g->n++;
}

/*
 * C: the argument at the caret is text after the call's format, its last
 * word a name of the file (unquoted_argument's keep_last): the text goes
 * into the format before its own, the name stays the argument
 * (printf("%d",The largest is b) -> printf("The largest is %d",b)).
 */
void heal_gen_prose_format(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t lo, hi, f, ps, pe;
	struct heal_buf b;

	if (x->s->lang->syntax->lexer != HEAL_LEX_C || g->n >= HEAL_GEN_MAX ||
	    !unquoted_argument(x, true, &lo, &hi) || lo < 4)
		return;
	/* the format: the call's first argument, one literal */
	f = lo - 2;
	if (!heal_gen_punct_is(x, lo - 1, ',') || t->v[f].kind != HEAL_TOK_STR ||
	    !heal_gen_punct_is(x, f - 1, '(') || t->v[f - 2].kind != HEAL_TOK_ID ||
	    t->v[f].end - t->v[f].start < 2 || d[t->v[f].start] != '"')
		return;
	ps = t->v[lo].start;
	pe = t->v[hi - 1].end;
	if (memchr(d + ps, '"', pe - ps) || memchr(d + ps, '\\', pe - ps) ||
	    memchr(d + ps, '%', pe - ps) || memchr(d + ps, '\n', pe - ps))
		return;
	heal_buf_init(&b, pe - ps + (t->v[hi].end - t->v[f].start) + 8);
	heal_buf_putc(&b, '"');
	heal_buf_put(&b, d + ps, pe - ps);
	heal_buf_putc(&b, ' ');
	heal_buf_put(&b, d + t->v[f].start + 1, t->v[f].end - t->v[f].start - 1);
	heal_buf_putc(&b, ',');
	heal_buf_put(&b, d + t->v[hi].start, t->v[hi].end - t->v[hi].start);
	add_sure(g, x, t->v[f].start, t->v[hi].end, heal_buf_detach(&b, NULL), f,
		 "prose-format", "$str", "$str");
}

/*
 * C: a stray word before a statement (a note the student typed into the
 * line, "and if (a == 0) {"): the caret's name begins the line, is a name
 * nowhere else in the file, and a keyword that begins a statement follows
 * it.  The word goes, with the blanks after it.
 */
void heal_gen_stray_word(struct heal_gen *g, struct site *x)
{
	static const char *const starts[] = {
		"if", "for", "while", "do", "switch", "return", "else", "break",
		"continue", "goto", "int", "char", "float", "double", "long",
		"short", "unsigned", "signed", "void", "struct", "const", "static",
		NULL,
	};
	const struct heal_tokens *t = x->t;
	size_t k = x->k;

	if (x->s->lang->syntax->lexer != HEAL_LEX_C || g->n >= HEAL_GEN_MAX ||
	    x->first == NONE_IDX || k != x->first || k + 1 > x->last ||
	    t->v[k].kind != HEAL_TOK_ID || t->v[k + 1].kind != HEAL_TOK_KW ||
	    !heal_gen_tok_in(x, k + 1, starts) ||
	    heal_gen_names_elsewhere(x, k, k + 1))
		return;
	add_sure(g, x, t->v[k].start, t->v[k + 1].start, heal_strdup(""), k,
		 "del-stray", "$id", "$id");
}

/*
 * C: a line of prose where a statement stands (a comment without its
 * marker: "Fill this area with your code."): the caret's name begins the
 * line, the next token is a name too, neither is a name elsewhere in the
 * file, and the line holds only words, numbers and a sentence's marks,
 * three words at least and no ';' at its end.  The line made a comment.
 */
void heal_gen_prose_line(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t i, words = 0;

	if (x->s->lang->syntax->lexer != HEAL_LEX_C || g->n >= HEAL_GEN_MAX ||
	    x->first == NONE_IDX || x->k != x->first || x->first + 2 > x->last ||
	    t->v[x->first].kind != HEAL_TOK_ID ||
	    t->v[x->first + 1].kind != HEAL_TOK_ID ||
	    heal_gen_names_elsewhere(x, x->first, x->first + 2))
		return;
	for (i = x->first; i <= x->last; i++) {
		const struct heal_tok *a = &t->v[i];

		if (a->kind == HEAL_TOK_ID || a->kind == HEAL_TOK_KW)
			words++;
		else if (a->kind != HEAL_TOK_NUM &&
			 !(a->kind == HEAL_TOK_PUNCT && a->end - a->start == 1 &&
			   strchr(".,!?:;-", d[a->start])))
			return;
	}
	/* (a statement's ';' at its end: code meant, "print hello world;") */
	if (words < 3 || heal_gen_punct_is(x, x->last, ';'))
		return;
	add_sure(g, x, t->v[x->first].start, t->v[x->first].start, heal_strdup("// "),
		 x->first, "prose-comment", "$id", "$id");
}

/* Most candidates heal_gen_quote_moved adds. */
#define QUOTE_MOVES 16

/*
 * C: a call on the caret's line whose text holds an odd number of '"', or
 * a '%' or '\\' outside them that starts an argument (printf (%d", a");):
 * one quote moved to each other place an argument starts or ends at
 * (after the '(' or a ',', before a ',' or the ')'), the last quote
 * first.  Tried first; most places do not compile, and the checker says
 * which one does.
 */
void heal_gen_quote_moved(struct heal_gen *g, struct site *x)
{
	const char *d = x->s->data;
	size_t ls, le, open, close, i, q, nq = 0, np = 0, quotes[8], places[32], added = 0, depth;

	if (x->s->lang->syntax->lexer != HEAL_LEX_C || x->first == NONE_IDX)
		return;
	ls = heal_gen_offset(d, x->s->len, x->s->line, 1);
	for (le = ls; le < x->s->len && d[le] != '\n'; le++)
		;
	for (open = ls; open < le && d[open] != '('; open++)
		if (d[open] == '"' || d[open] == '\'' || d[open] == '/')
			return;
	for (close = le; close > open && d[close - 1] != ')'; close--)
		;
	if (open >= le || close <= open + 1 || x->s->caret > le)
		return;
	close--;
	i = open;
	while (i > ls && (d[i - 1] == ' ' || d[i - 1] == '\t'))
		i--;
	if (i == ls || !heal_gen_word_byte(d[i - 1]))
		return;
	for (i = open + 1; i < close; i++) {
		if (d[i] == '\\') {
			i++;
		} else if (d[i] == '\'' && i + 2 < close && d[i + 2] == '\'') {
			i += 2;
		} else if (d[i] == '"') {
			if (nq == sizeof(quotes) / sizeof(quotes[0]))
				return;
			quotes[nq++] = i;
		}
	}
	/* an odd count, or format text outside the quotes: a '%' or a '\\'
	 * that starts an argument ('printf (%d", a")') */
	if (nq % 2 == 0) {
		bool fmt = false, in = false;

		for (i = open + 1; i < close && !fmt; i++) {
			if (d[i] == '"')
				in = !in;
			else if (!in && (d[i] == '%' || d[i] == '\\'))
				for (q = i; q > open && !fmt; q--) {
					if (d[q - 1] == '(' || d[q - 1] == ',')
						fmt = true;
					else if (d[q - 1] != ' ' && d[q - 1] != '\t')
						break;
				}
		}
		if (!fmt)
			return;
	}
	/* where an argument starts or ends: after the '(' and each ',' of
	 * the call's own (not a nested call's; a string's ',' too, the
	 * quotes being what is wrong), before them */
	for (i = open, depth = 0; i < close && np + 2 < sizeof(places) / sizeof(places[0]); i++) {
		size_t p;

		depth += d[i] == '(';
		depth -= d[i] == ')';
		if (!(i == open || (d[i] == ',' && depth == 1)))
			continue;
		if (d[i] == ',') {
			for (p = i; p > open + 1 && (d[p - 1] == ' ' || d[p - 1] == '\t'); p--)
				;
			places[np++] = p;
		}
		for (p = i + 1; p < close && (d[p] == ' ' || d[p] == '\t'); p++)
			;
		places[np++] = p;
	}
	for (i = close; i > open + 1 && (d[i - 1] == ' ' || d[i - 1] == '\t'); i--)
		;
	places[np++] = i;
	for (q = nq; q-- > 0 && added < QUOTE_MOVES;) {
		for (i = 0; i < np && added < QUOTE_MOVES; i++) {
			size_t p = places[i];
			struct heal_buf b;

			if (p == quotes[q] || p == quotes[q] + 1)
				continue;
			heal_buf_init(&b, close - open + 2);
			if (p < quotes[q]) {
				heal_buf_put(&b, d + open + 1, p - open - 1);
				heal_buf_putc(&b, '"');
				heal_buf_put(&b, d + p, quotes[q] - p);
				heal_buf_put(&b, d + quotes[q] + 1, close - quotes[q] - 1);
			} else {
				heal_buf_put(&b, d + open + 1, quotes[q] - open - 1);
				heal_buf_put(&b, d + quotes[q] + 1, p - quotes[q] - 1);
				heal_buf_putc(&b, '"');
				heal_buf_put(&b, d + p, close - p);
			}
			add_sure(g, x, open + 1, close, heal_buf_detach(&b, NULL),
				 heal_tokens_at(x->t, quotes[q]), "mv", "\"", "\"");
			added++;
		}
	}
}

/*
 * A character constant written without its quotes, or empty (C): near the
 * caret, an escape outside any literal ('\0', '\n' after '=' or '!=',
 * the lexer's stray '\' glued to a letter or digits), a call's argument
 * that is one operator alone (printf("%c",*)), or '' (a space then).
 * Tried first: nothing else can be meant.
 */
void heal_gen_char_literal(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t i, lo, hi;
	char buf[16];

	if (x->s->lang->syntax->lexer != HEAL_LEX_C || x->first == NONE_IDX)
		return;
	lo = x->k > x->first + 3 ? x->k - 3 : x->first;
	hi = x->k + 3 < x->last ? x->k + 3 : x->last;
	for (i = lo; i <= hi && i < t->n && g->n < HEAL_GEN_MAX; i++) {
		const struct heal_tok *a = &t->v[i];
		size_t al = a->end - a->start;

		if (a->kind == HEAL_TOK_OTHER && al == 1 && d[a->start] == '\\' && i + 1 < t->n &&
		    t->v[i + 1].start == a->end && t->v[i + 1].line == a->line) {
			/* '\n', '\0', '\t', '\012': one letter, or octal digits */
			const struct heal_tok *b = &t->v[i + 1];
			size_t bl = b->end - b->start, k;
			bool ok = (b->kind == HEAL_TOK_ID && bl == 1 && strchr("ntrabfv0", d[b->start])) ||
				  (b->kind == HEAL_TOK_NUM && bl <= 3);

			for (k = 0; ok && b->kind == HEAL_TOK_NUM && k < bl; k++)
				ok = d[b->start + k] >= '0' && d[b->start + k] <= '7';
			if (!ok)
				continue;
			snprintf(buf, sizeof(buf), "'\\%.*s'", (int)bl, d + b->start);
			add_sure(g, x, a->start, b->end, heal_strdup(buf), i, "chr", "$other", "$chr");
		} else if (a->kind == HEAL_TOK_CHR && al == 2) {
			add_sure(g, x, a->start, a->end, heal_strdup("' '"), i, "chr", "$other", "$chr");
		} else if (a->kind == HEAL_TOK_PUNCT && al == 1 && i > x->first && i < x->last &&
			   strchr("*+-/%#@$&|^~!?.=<>", d[a->start]) &&
			   (heal_gen_punct_is(x, i - 1, ',') || heal_gen_punct_is(x, i - 1, '(')) &&
			   (heal_gen_punct_is(x, i + 1, ',') || heal_gen_punct_is(x, i + 1, ')')) &&
			   (heal_gen_punct_is(x, i - 1, ',') || (i >= 2 && t->v[i - 2].kind == HEAL_TOK_ID))) {
			snprintf(buf, sizeof(buf), "'%c'", d[a->start]);
			add_sure(g, x, a->start, a->end, heal_strdup(buf), i, "chr", "$other", "$chr");
		}
	}
}

/*
 * A number glued to a name, as a formula is written on paper ('2x',
 * clang's "invalid suffix 'x' on integer constant"): the product,
 * '2*x'.  Only a decimal number whose tail is no suffix C knows (u, l,
 * f, e, x of hex) and is a name; tried first when the message names a
 * suffix.
 */
void heal_gen_glued_number(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	const char *m = x->s->message;
	size_t i, lo, hi;

	if (x->s->lang->syntax->lexer != HEAL_LEX_C || x->first == NONE_IDX || !m ||
	    !strstr(m, "suffix"))
		return;
	lo = x->k > x->first + 1 ? x->k - 1 : x->first;
	hi = x->k + 1 < x->last ? x->k + 1 : x->last;
	for (i = lo; i <= hi && i < t->n && g->n < HEAL_GEN_MAX; i++) {
		const struct heal_tok *a = &t->v[i];
		size_t p = a->start, k;
		char *text;

		if (a->kind != HEAL_TOK_NUM || d[p] < '1' || d[p] > '9')
			continue;
		while (p < a->end && d[p] >= '0' && d[p] <= '9')
			p++;
		if (p == a->end || !((d[p] >= 'a' && d[p] <= 'z') || (d[p] >= 'A' && d[p] <= 'Z') ||
				     d[p] == '_'))
			continue;
		/* a suffix or an exponent C knows is no name */
		for (k = p; k < a->end && strchr("uUlLfF", d[k]); k++)
			;
		if (k == a->end || d[p] == 'e' || d[p] == 'E' || d[p] == '.')
			continue;
		for (k = p; k < a->end && (heal_gen_word_byte(d[k])); k++)
			;
		if (k != a->end)
			continue;
		text = heal_malloc(a->end - a->start + 2);
		memcpy(text, d + a->start, p - a->start);
		text[p - a->start] = '*';
		memcpy(text + (p - a->start) + 1, d + p, a->end - p);
		text[a->end - a->start + 1] = '\0';
		add_sure(g, x, a->start, a->end, text, i, "cins", "$num", "*");
	}
}

/*
 * An empty subscript in an expression ('&a[]', "expected expression" at
 * its ']'): the first element's index, tried early.  The other reading,
 * the array itself ('[]' deleted), comes from the priors; the judge
 * keeps the one whose types agree.
 */
void heal_gen_empty_index(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	size_t k = x->k, before = g->n;

	if (x->s->lang->syntax->lexer != HEAL_LEX_C || k == 0 || k >= t->n ||
	    !heal_gen_punct_is(x, k, ']') || !heal_gen_punct_is(x, k - 1, '[') ||
	    k < 2 || t->v[k - 2].kind != HEAL_TOK_ID || g->n >= HEAL_GEN_MAX)
		return;
	heal_gen_add1(g, x, "ins", k, k, "0", "$num");
	if (g->n > before && g->v[before].score < HEAL_GEN_EARLY)
		g->v[before].score = HEAL_GEN_EARLY;
}

/* Whether token i is an operator that joins two operands ('&&', '||', a
 * comparison). */
static bool joins_operands(const struct site *x, size_t i)
{
	static const char *const ops[] = { "&&", "||", "==", "!=", "<=", ">=", "<", ">", NULL };

	return heal_gen_tok_in(x, i, ops);
}

/*
 * A condition written without its parentheses ('if x > 2 {', 'while i < n'
 * at the line's end: clang's and gcc's "expected '(' after 'if'"): the
 * parentheses around it, up to the '{' on the line, or to the line's end
 * when no ';' follows on it (for while, to a last ';': "} while x;"); or
 * closed after its first operand ('if (a) && (b) {'): the whole of it.
 * Tried first: the message names the '(' the keyword needs, or an operand
 * that the parentheses left out.
 */
void heal_gen_head_parens(struct heal_gen *g, struct site *x)
{
	static const char *const heads[] = { "if", "while", "switch", NULL };
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	const struct heal_tok *kw;
	size_t i, end = NONE_IDX, depth = 0, h, semis = 0, from;
	struct heal_buf b;

	if (x->s->lang->syntax->lexer != HEAL_LEX_C || x->first == NONE_IDX ||
	    x->k == 0 || x->k > x->last)
		return;
	from = x->k;
	/* 'if (a) && (b) {': the head's parentheses closed after its first
	 * operand (the caret at the operator, gcc, or after it, clang's
	 * "expected identifier" of a label's '&&'); the condition wrapped */
	if (joins_operands(x, x->k) && heal_gen_punct_is(x, x->k - 1, ')'))
		i = x->k - 1;
	else if (x->k >= 2 && joins_operands(x, x->k - 1) && heal_gen_punct_is(x, x->k - 2, ')'))
		i = x->k - 2;
	else if (heal_gen_punct_is(x, x->k, '('))
		return;
	else
		i = NONE_IDX;
	if (i != NONE_IDX) {
		for (; i > x->first; i--) {
			if (heal_gen_punct_is(x, i, ')'))
				depth++;
			else if (heal_gen_punct_is(x, i, '(') && --depth == 0)
				break;
		}
		if (depth || i <= x->first)
			return;
		from = i;
	}
	kw = &t->v[from - 1];
	for (h = 0; heads[h]; h++)
		if (kw->kind == HEAL_TOK_KW && kw->end - kw->start == strlen(heads[h]) &&
		    !memcmp(d + kw->start, heads[h], kw->end - kw->start))
			break;
	if (!heads[h] || kw->line != t->v[from].line)
		return;
	for (i = from; i <= x->last; i++) {
		if (heal_gen_punct_is(x, i, '(') || heal_gen_punct_is(x, i, '['))
			depth++;
		else if ((heal_gen_punct_is(x, i, ')') || heal_gen_punct_is(x, i, ']')) && depth)
			depth--;
		else if (!depth && heal_gen_punct_is(x, i, '{')) {
			end = i > x->k ? i - 1 : NONE_IDX;
			break;
		}
		semis += !depth && heal_gen_punct_is(x, i, ';');
	}
	if (i > x->last) {
		if (!semis)
			end = x->last;
		else if (h == 1 && semis == 1 && heal_gen_punct_is(x, x->last, ';') && x->last > x->k)
			end = x->last - 1;
	}
	if (end == NONE_IDX || depth)
		return;
	if (end < x->k || end == NONE_IDX)
		return;
	heal_buf_init(&b, t->v[end].end - t->v[from].start + 4);
	heal_buf_putc(&b, '(');
	heal_buf_put(&b, d + t->v[from].start, t->v[end].end - t->v[from].start);
	heal_buf_putc(&b, ')');
	add_sure(g, x, t->v[from].start, t->v[end].end, heal_buf_detach(&b, NULL), from,
		 "ins", "$other", "(");
}

/* The text of the quoted part of msg that starts at or after p (' or
 * UTF-8's curly quotes), or NULL; *n its length. */
static const char *quoted_at(const char *p, size_t *n)
{
	const char *s, *e;

	for (s = p; *s && *s != '\'' && strncmp(s, "\xe2\x80\x98", 3); s++)
		;
	if (!*s)
		return NULL;
	s += *s == '\'' ? 1 : 3;
	for (e = s; *e && *e != '\'' && strncmp(e, "\xe2\x80\x99", 3); e++)
		;
	if (!*e || e == s)
		return NULL;
	*n = (size_t)(e - s);
	return s;
}

/*
 * "Maybe you meant '==' or ':=' instead of '='?": each token the message
 * calls wrong on the error's line replaced by the first it names, nearest
 * the caret first (the generator's edits along the line give all of them
 * at once).  Tried first.
 */
void heal_gen_instead_of(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data, *msg = x->s->message, *io, *wrong, *right;
	size_t wn = 0, rn = 0, i, at[8], nat = 0;
	char rbuf[16];

	if (!msg || !(io = strstr(msg, "instead of ")) || x->first == NONE_IDX ||
	    !(wrong = quoted_at(io + 11, &wn)) || !(right = quoted_at(msg, &rn)) ||
	    right >= io || rn >= sizeof(rbuf))
		return;
	memcpy(rbuf, right, rn);
	rbuf[rn] = '\0';
	/* the line's tokens that are the wrong one: from the caret on,
	 * then before it */
	for (i = x->k; i <= x->last && nat < 8; i++)
		if (t->v[i].end - t->v[i].start == wn && !memcmp(d + t->v[i].start, wrong, wn))
			at[nat++] = i;
	for (i = x->k < x->first ? x->first : x->k > x->last ? x->last + 1 : x->k;
	     i-- > x->first && nat < 8;)
		if (t->v[i].end - t->v[i].start == wn && !memcmp(d + t->v[i].start, wrong, wn))
			at[nat++] = i;
	for (i = 0; i < nat; i++) {
		size_t before = g->n;

		x->rank = i;
		heal_gen_add1(g, x, "rep", at[i], at[i] + 1, rbuf, NULL);
		if (g->n > before)
			g->v[before].score = HEAL_GEN_SURE;
	}
}
