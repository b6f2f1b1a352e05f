/*
 * heal_gen.c - candidate edits at an error's place, named by their kind
 * (the anchors and classes of scripts/repairlib.py's Site and
 * describe_edit) and sorted by the priors.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_gen.h"
#include "heal_gen_int.h"

/* names of the file one typo from a name, tried in its place */
#define NEAR_MAX 6
/* places on a line a kind anchored "line" or "pline" is tried at */
#define LINE_PLACES_MAX 4
/* other names of the file tried in a name's place */
#define FILE_NAMES_MAX 6
/* kinds of the template's and family's lists instantiated */
#define TABLE_KINDS_MAX 60

void heal_gen_init(struct heal_gen *g)
{
	memset(g, 0, sizeof(*g));
}

static void cand_free(struct heal_gen_cand *c)
{
	free(c->text);
	free(c->kind);
}

void heal_gen_release(struct heal_gen *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->n; i++)
		cand_free(&g->v[i]);
	free(g->v);
	memset(g, 0, sizeof(*g));
}

size_t heal_gen_offset(const char *data, size_t len, size_t line, size_t col)
{
	size_t p = 0, l = 1, e;

	while (l < line && p < len) {
		const char *nl = memchr(data + p, '\n', len - p);

		if (!nl)
			return len;
		p = (size_t)(nl - data) + 1;
		l++;
	}
	if (l < line)
		return len;
	for (e = p; e < len && data[e] != '\n'; e++)
		;
	if (col == 0) {
		while (p < e && (data[p] == ' ' || data[p] == '\t'))
			p++;
		return p;
	}
	return p + col - 1 < e ? p + col - 1 : e;
}

/* ---- the site ----------------------------------------------------------- */

static void site_init(struct site *x, const struct heal_gen_site *s,
		      const struct heal_tokens *t)
{
	size_t i;

	memset(x, 0, sizeof(*x));
	x->s = s;
	x->t = t;
	x->k = heal_tokens_at(t, s->caret);
	x->first = x->last = x->plast = NONE_IDX;
	x->pline = 0;
	for (i = 0; i < t->n; i++) {
		if (t->v[i].line == s->line) {
			if (x->first == NONE_IDX)
				x->first = i;
			x->last = i;
		} else if (t->v[i].line < s->line) {
			x->plast = i;
			x->pline = t->v[i].line;
		}
	}
	x->nquotes = heal_prior_quoted(s->message ? s->message : "", x->quotes,
				       HEAL_PRIOR_QUOTES);
}

static void site_release(struct site *x)
{
	size_t i;

	for (i = 0; i < x->nquotes; i++)
		free(x->quotes[i]);
}

static size_t tok_line(const struct site *x, size_t i)
{
	return i < x->t->n ? x->t->v[i].line : 0;
}

/* The anchor naming token pos (gap false) or the gap before it (repairlib
 * Site.anchor, without notes and indentation gaps). */
static const char *anchor(const struct site *x, size_t pos, bool gap, char *buf,
			  size_t bufsz)
{
	long d = (long)pos - (long)x->k;
	size_t end = gap ? 1 : 0;

	if (d == 0)
		return "caret";
	if (d >= -2 && d <= 2) {
		snprintf(buf, bufsz, "caret%+ld", d);
		return buf;
	}
	if (x->last != NONE_IDX && pos == x->last + end)
		return "eol";
	if (x->first != NONE_IDX && pos == x->first)
		return "bol";
	if (x->plast != NONE_IDX && pos == x->plast + end)
		return "peol";
	if (tok_line(x, pos) == x->s->line ||
	    (gap && pos > 0 && tok_line(x, pos - 1) == x->s->line))
		return "line";
	if ((x->pline && tok_line(x, pos) == x->pline) ||
	    (gap && pos > 0 && x->pline && tok_line(x, pos - 1) == x->pline))
		return "pline";
	return "far";
}

/* ---- building candidates ------------------------------------------------ */

bool heal_gen_word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || (unsigned char)c >= 0x80;
}

/* Whether the tokens' texts must be spaced apart to stay apart. */
static bool glue(char a, char b)
{
	return heal_gen_word_byte(a) && (heal_gen_word_byte(b) || b == '"' || b == '\'' || b == '$');
}

/* An assignment or comparison: inserted between two spaced tokens, it is
 * spaced as they are ("default = 1", not "default= 1"). */
static bool binary_op(const char *w)
{
	static const char *const ops[] = { "=", "==", "!=", ":=", "+=", "=>", "&&", "||", NULL };

	return heal_tokens_in(ops, w, strlen(w));
}

/*
 * Whether token w, inserted in the gap before token i, goes on a line of
 * its own (or, in shell, after a ';' within a line): a keyword where
 * keywords start commands (shell, anywhere) or lines (make, at a line's
 * end), or a token of the language's own_line list at a line's end
 * (HCL's '}').
 */
static bool own_line(const struct site *x, size_t i, const char *w)
{
	const struct heal_lang_syntax *sx = x->s->lang->syntax;
	const struct heal_tokens *t = x->t;
	bool eol;

	if (i == 0)
		return false;
	eol = i == t->n || t->v[i].line > t->v[i - 1].line;
	if (sx->kw_place != HEAL_KW_ANYWHERE && strcmp(w, "in") != 0 &&
	    heal_tokens_in(sx->keywords, w, strlen(w)))
		return sx->kw_place == HEAL_KW_COMMAND || eol;
	return eol && heal_tokens_in(sx->own_line, w, strlen(w));
}

/* A candidate's kind and score from its op, classes and place. */
void heal_gen_name_it(struct site *x, struct heal_gen_cand *c, const char *op,
		    const char *const *old, size_t nold, const char *const *nw,
		    size_t nnew, size_t pos, bool gap)
{
	struct heal_buf k, a;
	char ab[16];
	const char *an = anchor(x, pos, gap, ab, sizeof(ab));

	heal_buf_init(&k, 1024);
	heal_buf_init(&a, 1024);
	heal_prior_kind(&k, op, old, nold, nw, nnew, an, NULL);
	heal_prior_kind(&a, op, old, nold, nw, nnew, an, x->s->prior);
	c->kind = heal_buf_detach(&k, NULL);
	c->score = x->s->prior ? heal_prior_score(x->s->prior, c->kind, heal_buf_str(&a)) : 0;
	heal_buf_release(&a);
}

/* A new candidate of g replacing bytes [s, e) by text (which it owns);
 * counted once it is named. */
struct heal_gen_cand *heal_gen_new_cand(struct heal_gen *g, const struct site *x,
				      size_t s, size_t e, char *text)
{
	struct heal_gen_cand *c;

	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 256;
		g->v = heal_reallocarray(g->v, g->cap, sizeof(*g->v));
	}
	c = &g->v[g->n];
	memset(c, 0, sizeof(*c));
	c->start = s;
	c->end = e;
	c->text = text;
	c->order = g->n;
	c->rank = x->rank;
	return c;
}

/*
 * Add the edit that replaces tokens [i, j) (a gap before token i when
 * i == j) by the texts nw (classes ncls), spaced as splice() does.
 */
/*
 * Whether putting nw in place of tokens [i, j) ends a statement with ';'
 * between a ')' and the '{' after it (C): a function's or a loop's head
 * cut from its body ('int main();{', 'while (x);{'), which may compile,
 * and does something else.
 */
static bool cuts_body(const struct site *x, size_t i, size_t j, const char *const *nw,
		      size_t nnew)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t q;

	if (x->s->lang->syntax->lexer != HEAL_LEX_C || i == 0 || j >= t->n ||
	    t->v[i - 1].end - t->v[i - 1].start != 1 || d[t->v[i - 1].start] != ')' ||
	    t->v[j].end - t->v[j].start != 1 || d[t->v[j].start] != '{')
		return false;
	for (q = 0; q < nnew; q++)
		if (nw[q] && !strcmp(nw[q], ";"))
			return true;
	return false;
}

/* Whether token i, a ';', is the empty body of an if, while or for
 * ('if (a > b);'): deleting it gives the head the next statement. */
static bool empty_body(const struct site *x, size_t i)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t k, depth = 0;

	if (x->s->lang->syntax->lexer != HEAL_LEX_C || i < 3 ||
	    !heal_gen_punct_is(x, i, ';') || !heal_gen_punct_is(x, i - 1, ')'))
		return false;
	for (k = i - 1; k-- > 0;) {
		if (heal_gen_punct_is(x, k, ')'))
			depth++;
		else if (heal_gen_punct_is(x, k, '(') && depth-- == 0)
			break;
	}
	if (k == (size_t)-1 || k == 0 || t->v[k - 1].kind != HEAL_TOK_KW)
		return false;
	k--;
	return (t->v[k].end - t->v[k].start == 2 && !memcmp(d + t->v[k].start, "if", 2)) ||
	       (t->v[k].end - t->v[k].start == 3 && !memcmp(d + t->v[k].start, "for", 3)) ||
	       (t->v[k].end - t->v[k].start == 5 && !memcmp(d + t->v[k].start, "while", 5));
}

/* Whether token i is on a preprocessor directive's line ('#' first; C). */
static bool directive_line(const struct site *x, size_t i)
{
	const struct heal_tokens *t = x->t;

	if (x->s->lang->syntax->lexer != HEAL_LEX_C)
		return false;
	while (i > 0 && t->v[i - 1].line == t->v[i].line)
		i--;
	return t->v[i].end - t->v[i].start == 1 && x->s->data[t->v[i].start] == '#';
}

/*
 * Whether token m is an 'else' the compiler could not attach to an 'if'
 * (clang's "expected expression" at it, gcc's "'else' without a previous
 * 'if'") that an 'if' follows: 'else if' with no 'if' before it is an
 * 'if' with a stray word; the word holds no code.
 */
static bool dangling_else(const struct site *x, size_t m)
{
	const char *msg = x->s->message;

	return m == x->k && heal_gen_tok_is(x, m, "else") && heal_gen_tok_is(x, m + 1, "if") &&
	       msg && (strcmp(msg, "expected expression") == 0 ||
		       strstr(msg, "without a previous"));
}

/*
 * Whether token m is a 'for' whose parentheses hold one clause, no ';'
 * ('for (i < n)'): a loop on a condition, a 'while' in all but its name.
 */
static bool for_one_clause(const struct site *x, size_t m)
{
	size_t i, depth = 0;

	if (!heal_gen_tok_is(x, m, "for") || !heal_gen_punct_is(x, m + 1, '('))
		return false;
	for (i = m + 1; i < x->t->n; i++) {
		if (heal_gen_punct_is(x, i, '('))
			depth++;
		else if (heal_gen_punct_is(x, i, ')') && --depth == 0)
			return i > m + 2;
		else if (heal_gen_punct_is(x, i, ';') || heal_gen_punct_is(x, i, '{'))
			return false;
	}
	return false;
}

/*
 * Whether replacing tokens [i, j) by nw drops control flow or a directive: a
 * "return" with nothing after it but ';' (the early exit is gone, not only
 * its value), break, continue, goto, a branch or loop keyword, or the name
 * of a preprocessor directive ("#if" is not "# 1").  Such an edit changes
 * what the program does while it may well compile: it loses code.
 */

/* Whether the file's '{' and '}' pair up (a '}' left out before an
 * 'else' leaves one open: the else is then the if's, not a stray). */
static bool braces_balance(const struct site *x)
{
	size_t i;
	long depth = 0;

	for (i = 0; i < x->t->n && depth >= 0; i++)
		depth += heal_gen_punct_is(x, i, '{') - heal_gen_punct_is(x, i, '}');
	return depth == 0;
}

static bool drops_control(const struct site *x, size_t i, size_t j,
			  const char *const *nw, size_t nnew)
{
	static const char *const kws[] = {
		"break", "continue", "goto", "if", "else", "while", "for", "do",
		"switch", "case", "default", NULL,
	};
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t m, k;
	/* a break or continue the compiler says is in no loop or switch
	 * jumps nowhere: it holds no code to lose, nor does its statement */
	bool nowhere = x->s->message && (strstr(x->s->message, "not in loop") ||
					 strstr(x->s->message, "not within loop"));

	/* (a whole statement after another: not an if's or a loop's body,
	 * whose head would govern the next statement then) */
	if (nowhere && j == i + 2 &&
	    (heal_gen_tok_is(x, i, "break") || heal_gen_tok_is(x, i, "continue")) &&
	    heal_gen_punct_is(x, i + 1, ';') && nnew == 0 &&
	    (i == 0 || heal_gen_punct_is(x, i - 1, ';') || heal_gen_punct_is(x, i - 1, '{') ||
	     heal_gen_punct_is(x, i - 1, '}')))
		return false;
	/* an 'else' the compiler found without its 'if' (gcc says so;
	 * clang expects an expression at it) after a statement's end, in
	 * a file whose braces pair up: no branch to lose (after a '{', or
	 * with a '}' missing, a brace is the slip: '{ else {') */
	if (nnew == 0 && j == i + 1 && i == x->k && i > 0 && heal_gen_tok_is(x, i, "else") &&
	    (heal_gen_punct_is(x, i - 1, ';') || heal_gen_punct_is(x, i - 1, '}')) &&
	    braces_balance(x) &&
	    x->s->message && (strstr(x->s->message, "without a previous") ||
			      strcmp(x->s->message, "expected expression") == 0 ||
			      strcmp(x->s->message, "expected statement") == 0))
		return false;
	/* the ';' that ends a line's statement moved or gone, and the next
	 * line's statement joined to it (not a body's '{': "int main();";
	 * not a directive's line, which its line's end ends: "#define N 10;") */
	if (j > i && j < t->n && t->v[j].line > t->v[j - 1].line &&
	    !directive_line(x, j - 1) && !empty_body(x, j - 1) &&
	    /* '};' before an 'else': the ';' ends nothing ('if (a) { ... };'
	     * then 'else {' on the next line) */
	    !(j >= 2 && heal_gen_punct_is(x, j - 2, '}') && heal_gen_tok_is(x, j, "else")) &&
	    t->v[j - 1].end - t->v[j - 1].start == 1 && d[t->v[j - 1].start] == ';' &&
	    (nnew == 0 || !nw[nnew - 1] || strcmp(nw[nnew - 1], ";") != 0) &&
	    !(t->v[j].end - t->v[j].start == 1 && d[t->v[j].start] == '{'))
		return true;
	for (m = i; m < j; m++) {
		const struct heal_tok *o = &t->v[m];
		size_t ol = o->end - o->start, q;

		/* a token the edit puts back is not dropped */
		for (q = 0; q < nnew; q++)
			if (nw[q] && strlen(nw[q]) == ol && !memcmp(nw[q], d + o->start, ol))
				break;
		if (q < nnew)
			continue;

		/* the name after a '#' that starts its line */
		if (m > 0 && t->v[m - 1].end - t->v[m - 1].start == 1 &&
		    d[t->v[m - 1].start] == '#' &&
		    (m == 1 || t->v[m - 2].line < t->v[m - 1].line) &&
		    t->v[m - 1].line == o->line)
			return true;
		/* the ';' of "return;" (the next statement would be returned),
		 * unless the break goes with it */
		if (ol == 1 && d[o->start] == ';' && m > 0 && m - 1 < i &&
		    t->v[m - 1].kind == HEAL_TOK_KW &&
		    ((t->v[m - 1].end - t->v[m - 1].start == 6 &&
		      !memcmp(d + t->v[m - 1].start, "return", 6)) ||
		     (t->v[m - 1].end - t->v[m - 1].start == 5 &&
		      !memcmp(d + t->v[m - 1].start, "break", 5))))
			return true;
		/* a negation or a logical operator dropped (or '&&' made '&')
		 * changes what a condition means, and still compiles: 'if
		 * !done:' as 'if done:', 'a > 0 && b' as 'a > 0 & b' */
		if (heal_gen_drops_logic(t, d, m, nw, nnew))
			return true;
		if (o->kind != HEAL_TOK_KW)
			continue;
		if (ol == 6 && !memcmp(d + o->start, "return", 6))
			return j >= t->n ||
			       (t->v[j].end - t->v[j].start == 1 && d[t->v[j].start] == ';');
		for (k = 0; kws[k]; k++)
			if (strlen(kws[k]) == ol && !memcmp(d + o->start, kws[k], ol))
				break;
		if (!kws[k])
			continue;
		if ((k <= 1 && nowhere) || dangling_else(x, m) ||
		    (nnew == 1 && nw[0] && strcmp(nw[0], "while") == 0 && for_one_clause(x, m)))
			continue;
		/* a head with nothing to govern ("if" right before its
		 * block's '}' or the file's end) governs no code */
		if (k >= 3 && m + 1 == j && (j >= t->n ||
		    (t->v[j].end - t->v[j].start == 1 && d[t->v[j].start] == '}')))
			continue;
		return true;
	}
	return false;
}

/*
 * Whether an edit at token i (or the gap before it) comes right after a
 * keyword that starts its line, in a language whose keywords start lines
 * (make's directives): it makes the directive something else ("else:" a
 * rule, "define = F" an assignment), which its parser then accepts.
 */
static bool breaks_directive(const struct site *x, size_t i)
{
	const struct heal_tokens *t = x->t;
	const struct heal_tok *k;

	if (x->s->lang->syntax->kw_place != HEAL_KW_LINE || i == 0 || i > t->n)
		return false;
	k = &t->v[i - 1];
	return k->kind == HEAL_TOK_KW && (i == 1 || t->v[i - 2].line < k->line);
}

/* Whether text ends a line with a continuation ('\\') that joins the next
 * line, a directive, to it (make): the directive is gone. */
static bool joins_directive(const struct site *x, size_t i, const char *text)
{
	const struct heal_tokens *t = x->t;
	size_t n = strlen(text);

	if (x->s->lang->syntax->kw_place != HEAL_KW_LINE || !n ||
	    text[n - 1] != '\\')
		return false;
	while (i < t->n && i > 0 && t->v[i].line == t->v[i - 1].line)
		i++;
	return i < t->n && t->v[i].kind == HEAL_TOK_KW;
}

/*
 * Whether token m is the name a "redefinition of 'k'" (gcc's
 * "redeclaration of 'k' with no linkage") is about, declared again in
 * the same scope without an initializer ('int k,l=strlen(a);' after
 * 'int k,i;'): deleting it loses nothing, the name stays declared with
 * its type.  Not when the types differ ("... with a different type").
 */
static bool redeclared(const struct site *x, size_t m)
{
	static const char *const heads[] = { "redefinition of ",
					     "redeclaration of " };
	const struct heal_tokens *t = x->t;
	const struct heal_tok *a = &t->v[m];
	const char *msg = x->s->message, *q = NULL;
	size_t n = a->end - a->start, k;

	if (a->kind != HEAL_TOK_ID || !msg || strstr(msg, "different type"))
		return false;
	for (k = 0; k < 2 && !q; k++)
		if (strncmp(msg, heads[k], strlen(heads[k])) == 0)
			q = msg + strlen(heads[k]);
	if (!q)
		return false;
	if (*q == '\'')
		q++;
	else if (strncmp(q, "\xe2\x80\x98", 3) == 0)
		q += 3;
	else
		return false;
	if (strncmp(q, x->s->data + a->start, n) != 0 ||
	    (q[n] != '\'' && strncmp(q + n, "\xe2\x80\x99", 3) != 0))
		return false;
	/* a declarator without '=': a ',' or ';' after it, a ',' or a
	 * type's keyword before it */
	return m > 0 && m + 1 < t->n &&
	       (heal_gen_punct_is(x, m + 1, ',') ||
		heal_gen_punct_is(x, m + 1, ';')) &&
	       (heal_gen_punct_is(x, m - 1, ',') ||
		t->v[m - 1].kind == HEAL_TOK_KW);
}

/*
 * Whether token m is a stray keystroke, no code: a one-letter name glued
 * to the ')' or ']' before it, last on its line, and named nowhere else
 * in the file ('printf("%d", x)_' where the ';' was meant), a dangling
 * 'else' before an 'if', or a name declared again (redeclared).
 */
static bool stray(const struct site *x, size_t m)
{
	const struct heal_tokens *t = x->t;
	const struct heal_tok *a = &t->v[m];

	if (dangling_else(x, m) || redeclared(x, m))
		return true;
	return a->kind == HEAL_TOK_ID && a->end - a->start == 1 && m > 0 &&
	       t->v[m - 1].end == a->start &&
	       (heal_gen_punct_is(x, m - 1, ')') || heal_gen_punct_is(x, m - 1, ']')) &&
	       (m + 1 == t->n || t->v[m + 1].line > a->line) &&
	       !heal_gen_names_elsewhere(x, m, m + 1);
}

/*
 * Whether tokens [i, j) hold a call's '(' (after a name, not before
 * another '(') that the new text does not keep or turn into a '[', or
 * the edit puts text between a name and the '(' right after it:
 * 'console.log;"a"' passes node's check but calls nothing, 'add,(1)'
 * compiles as printf's two arguments.  Not in a shell, where '(' after a
 * word is no call.
 */
static bool drops_call(const struct site *x, size_t i, size_t j, const char *const *nw,
		       size_t nnew)
{
	enum heal_lang_lexer lx = x->s->lang->syntax->lexer;
	size_t m, k;

	if (lx != HEAL_LEX_C && lx != HEAL_LEX_PYTHON)
		return false;
	/* text put between a name and its call's '(' ('add,(1)' for
	 * 'add(1)'), unless the tool says the name is no function */
	if (i == j && nnew > 0 && i > 0 && i < x->t->n && heal_gen_punct_is(x, i, '(') &&
	    x->t->v[i - 1].kind == HEAL_TOK_ID &&
	    x->t->v[i - 1].end == x->t->v[i].start &&
	    !(x->s->message && (strstr(x->s->message, "not a function") ||
				strstr(x->s->message, "not callable") ||
				strstr(x->s->message, "called object"))))
		return true;
	for (m = i; m < j; m++) {
		if (!heal_gen_punct_is(x, m, '(') || m == 0 || x->t->v[m - 1].kind != HEAL_TOK_ID ||
		    (m + 1 < x->t->n && heal_gen_punct_is(x, m + 1, '(')))
			continue;
		for (k = 0; k < nnew; k++)
			if (strchr(nw[k], '(') || strchr(nw[k], '['))
				break;
		if (k == nnew)
			return true;
	}
	return false;
}

/*
 * C: a type put before a statement that is a call ('f(3);' made 'int
 * f(3);'): the call becomes a declaration of a variable, which compiles
 * and calls nothing.
 */
static bool declares_call(const struct site *x, size_t i, size_t j, const char *const *nw,
			  size_t nnew)
{
	static const char *const types[] = { "int", "char", "float", "double", "long", "short",
					     "unsigned", "signed", "bool", "_Bool", "auto",
					     "void", "const", "string", "size_t", NULL };
	size_t k;

	if (x->s->lang->syntax->lexer != HEAL_LEX_C || i != j || nnew != 1 ||
	    i + 1 >= x->t->n || x->t->v[i].kind != HEAL_TOK_ID || !heal_gen_punct_is(x, i + 1, '('))
		return false;
	for (k = 0; types[k] && strcmp(types[k], nw[0]) != 0; k++)
		;
	if (!types[k])
		return false;
	return i == 0 || heal_gen_punct_is(x, i - 1, ';') || heal_gen_punct_is(x, i - 1, '{') ||
	       heal_gen_punct_is(x, i - 1, '}') || x->t->v[i].line > x->t->v[i - 1].line;
}

/*
 * C: a '*' or '&' put right before a string literal ('case "n":' made
 * 'case* "n":', 'c = "a"' made 'c =* "a"'): the text's first character or
 * its address silence the compiler where single quotes were meant.
 */
static bool derefs_literal(const struct site *x, size_t i, size_t j, const char *const *nw,
			   size_t nnew)
{
	return x->s->lang->syntax->lexer == HEAL_LEX_C && i == j && nnew == 1 && i < x->t->n &&
	       x->t->v[i].kind == HEAL_TOK_STR && (!strcmp(nw[0], "*") || !strcmp(nw[0], "&"));
}

/* Whether the one new token is tokens [i, j) joined, the blanks between
 * them dropped. */
static bool joined(const struct site *x, size_t i, size_t j, const char *const *nw, size_t nnew)
{
	const char *d = x->s->data, *w;
	size_t m, at = 0, n;

	if (nnew != 1 || j < i + 2)
		return false;
	w = nw[0];
	for (m = i; m < j; m++) {
		n = x->t->v[m].end - x->t->v[m].start;
		if (strncmp(w + at, d + x->t->v[m].start, n) != 0)
			return false;
		at += n;
	}
	return w[at] == '\0';
}

static void add(struct heal_gen *g, struct site *x, const char *op, size_t i,
		size_t j, const char *const *nw, const char *const *ncls,
		size_t nnew)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	char oldc[2][CLASS_MAX];
	const char *old[2];
	struct heal_gen_cand *c;
	struct heal_buf txt;
	size_t s, e, m, code_old = 0, code_new = 0;

	if (g->n >= HEAL_GEN_MAX || j > t->n || j - i > 2 || i > t->n)
		return;
	for (m = i; m < j; m++) {
		heal_tok_class(&t->v[m], d, oldc[m - i], CLASS_MAX);
		old[m - i] = oldc[m - i];
		code_old += heal_tok_is_code(&t->v[m]) && !stray(x, m);
	}
	for (m = 0; m < nnew; m++)
		code_new += ncls[m][0] == '$';
	if (joined(x, i, j, nw, nnew))
		code_new = code_old; /* 'size of' -> 'sizeof': nothing lost */
	if (i < j) {
		s = t->v[i].start;
		e = t->v[j - 1].end;
	} else {
		/* an insertion goes right after the token before the gap */
		s = e = i > 0 ? t->v[i - 1].end : i < t->n ? t->v[i].start : x->s->len;
	}
	heal_buf_init(&txt, 4096);
	for (m = 0; m < nnew; m++) {
		if (m)
			heal_buf_putc(&txt, ' ');
		heal_buf_puts(&txt, nw[m]);
	}
	if (txt.len && i == j && nnew == 1 && own_line(x, i, nw[0])) {
		/* a shell keyword starts a command: on a line of its own at a
		 * line's end, after a ';' within one; make's directive starts
		 * a line; HCL's '}' ends a block on a line of its own */
		bool eol = i == t->n || t->v[i].line > t->v[i - 1].line;
		struct heal_buf sp;

		heal_buf_init(&sp, txt.len + 4);
		heal_buf_puts(&sp, eol ? "\n" : "; ");
		heal_buf_put(&sp, txt.data, txt.len);
		if (!eol)
			heal_buf_putc(&sp, ';');
		heal_buf_release(&txt);
		txt = sp;
	} else if (txt.len) {
		char before = s > 0 ? d[s - 1] : ' ', after = e < x->s->len ? d[e] : ' ';
		struct heal_buf sp;

		heal_buf_init(&sp, txt.len + 3);
		if (glue(before, txt.data[0]) || (i == j && heal_gen_word_byte(txt.data[0]) &&
						  before != ' ' && before != '\t' &&
						  before != '\n' && before != '(' && before != '[' && s > 0) ||
		    (i == j && nnew == 1 && binary_op(nw[0]) && s > 0 &&
		     (heal_gen_word_byte(before) || before == '"' || before == ')' ||
		      before == ']') && (after == ' ' || after == '\t')))
			heal_buf_putc(&sp, ' ');
		heal_buf_put(&sp, txt.data, txt.len);
		if (glue(txt.data[txt.len - 1], after) ||
		    (i == j && heal_gen_word_byte(txt.data[txt.len - 1]) && heal_gen_word_byte(after)))
			heal_buf_putc(&sp, ' ');
		heal_buf_release(&txt);
		txt = sp;
	} else if (s > 0 && e < x->s->len && glue(d[s - 1], d[e])) {
		heal_buf_putc(&txt, ' ');
	} else if (i < j && (s == 0 || d[s - 1] == ' ' || d[s - 1] == '\t' || d[s - 1] == '\n')) {
		/* a word deleted between blanks takes the blanks after it
		 * ('else if' -> 'if', not ' if') */
		while (e < x->s->len && (d[e] == ' ' || d[e] == '\t'))
			e++;
	}
	c = heal_gen_new_cand(g, x, s, e, heal_buf_detach(&txt, NULL));
	c->loses_code = code_new < code_old || cuts_body(x, i, j, nw, nnew) ||
			drops_call(x, i, j, nw, nnew) || declares_call(x, i, j, nw, nnew) ||
			derefs_literal(x, i, j, nw, nnew) ||
			(i < j && drops_control(x, i, j, nw, nnew)) ||
			(c->text[0] != '\n' && breaks_directive(x, i)) ||
			joins_directive(x, j, c->text);
	heal_gen_name_it(x, c, op, old, j - i, ncls, nnew, i, i == j);
	g->n++;
}

void heal_gen_add1(struct heal_gen *g, struct site *x, const char *op, size_t i,
		 size_t j, const char *w, const char *cls)
{
	const char *nw[1] = { w }, *nc[1] = { cls ? cls : w };

	add(g, x, op, i, j, nw, nc, w ? 1 : 0);
}

/* A character edit inside token i: insert ch at byte off. */
static void add_char(struct heal_gen *g, struct site *x, size_t i, size_t off,
		     char ch)
{
	struct heal_gen_cand *c;
	char cs[2] = { ch, 0 };
	const char *nw[1] = { cs };

	if (g->n >= HEAL_GEN_MAX)
		return;
	c = heal_gen_new_cand(g, x, off, off, heal_strdup(cs));
	heal_gen_name_it(x, c, "cins", NULL, 0, nw, 1, i, false);
	g->n++;
}

/* ---- the generic edits -------------------------------------------------- */

static bool valid(const struct site *x, size_t i)
{
	return i != NONE_IDX && i < x->t->n;
}

/* The tokens and gaps looked at, nearest the caret first: the caret, the
 * token before and after, the ends of its line and of the line before,
 * the start of its line, two tokens away. */
/* A message that says a block, string or file ended open. */
static bool open_block(const char *msg)
{
	static const char *const words[] = {
		"unclosed", "unterminated", "end of file", "end of input",
		"EOF", "missing 'end", "missing 'fi'", "missing 'done'",
		"missing 'esac'", "not closed", "never closed", NULL
	};
	size_t i;

	for (i = 0; msg && words[i]; i++)
		if (strcasestr(msg, words[i]))
			return true;
	return false;
}

static size_t places(const struct site *x, size_t *out)
{
	size_t n = 0;

	out[n++] = x->k;
	if (x->k >= 1)
		out[n++] = x->k - 1;
	out[n++] = x->k + 1;
	if (x->last != NONE_IDX)
		out[n++] = x->last + 1, out[n++] = x->last;
	if (x->plast != NONE_IDX)
		out[n++] = x->plast + 1, out[n++] = x->plast;
	if (x->first != NONE_IDX)
		out[n++] = x->first;
	if (x->k >= 2)
		out[n++] = x->k - 2;
	out[n++] = x->k + 2;
	/* the end of the file: a block left open is reported where it opens
	 * (terraform's "Unclosed configuration block") or at the end; when
	 * the message says so, the end is the first place */
	out[n++] = x->t->n;
	if (open_block(x->s->message)) {
		memmove(out + 1, out, (n - 1) * sizeof(*out));
		out[0] = x->t->n;
	}
	return n;
}

static bool seen(const size_t *v, size_t n, size_t p)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == p)
			return true;
	return false;
}

/* Rename the last candidate added (a swap or a wrap made as a rep). */
static void rename_last(struct heal_gen *g, struct site *x, const char *op,
			const char *const *old, size_t nold, const char *const *nw,
			size_t nnew, size_t pos)
{
	struct heal_gen_cand *c = &g->v[g->n - 1];
	const char *text[1] = { c->text };

	free(c->kind);
	/* every token is kept; the statements may not be */
	c->loses_code = nold > 0 && drops_control(x, pos, pos + nold, text, 1);
	heal_gen_name_it(x, c, op, old, nold, nw, nnew, pos, false);
}

/* The edits of the token at p that is code: a name the message quotes or
 * one a typo away in its place, the name in quotes, a closing quote, and
 * (to be refused) its deletion. */
bool heal_gen_names_elsewhere(const struct site *x, size_t lo, size_t hi);

/* Whether what follows token p is what follows a keyword: a '(', a '{',
 * a name, number or literal, or the end of its line. */
static bool keyword_stance(const struct site *x, size_t p)
{
	const struct heal_tok *n;
	const char *d = x->s->data;

	if (p + 1 >= x->t->n || x->t->v[p + 1].line != x->t->v[p].line)
		return true;
	n = &x->t->v[p + 1];
	if (n->kind == HEAL_TOK_PUNCT)
		return n->end - n->start == 1 && (d[n->start] == '(' || d[n->start] == '{');
	return n->kind == HEAL_TOK_ID || n->kind == HEAL_TOK_NUM || n->kind == HEAL_TOK_STR ||
	       n->kind == HEAL_TOK_CHR || n->kind == HEAL_TOK_WORD || n->kind == HEAL_TOK_VAR;
}

static void code_token(struct heal_gen *g, struct site *x, size_t p, size_t base)
{
	const struct heal_tok *tk = &x->t->v[p];
	const char *d = x->s->data;
	size_t tl = tk->end - tk->start, q;
	char *names[NEAR_MAX];
	const char *kws[NEAR_MAX];
	size_t nn = heal_gen_near_names(x, p, names, NEAR_MAX);

	x->rank = base;
	for (q = 0; q < x->nquotes; q++)
		if (heal_gen_is_ident(x->quotes[q]) &&
		    !heal_tokens_in(x->s->lang->syntax->keywords, x->quotes[q],
				    strlen(x->quotes[q])) &&
		    (strlen(x->quotes[q]) != tl || memcmp(x->quotes[q], d + tk->start, tl)))
			heal_gen_add1(g, x, "rep", p, p + 1, x->quotes[q], "$id.msg");
	for (q = 0; q < nn; q++) {
		heal_gen_add1(g, x, "rep", p, p + 1, names[q], "$id.near");
		free(names[q]);
	}
	if (tk->kind == HEAL_TOK_ID && base == 0)
		heal_gen_other_errors_names(g, x, p);
	nn = heal_gen_near_keywords(x, p, kws, NEAR_MAX);
	for (q = 0; q < nn; q++) {
		size_t before = g->n;

		heal_gen_add1(g, x, "rep", p, p + 1, kws[q], "$id.kw");
		/* a statement's first word that names nothing else in the
		 * file and stands as a keyword would, before a '(', a '{', an
		 * operand or the line's end ('fro(i=0;i<n;i++)', 'retrun x;',
		 * 'elis x:'; not 'value = 1', 'x.y'), is that keyword
		 * misspelt: tried first, as the site calls for */
		if (nn == 1 && g->n > before && !heal_gen_names_elsewhere(x, p, p + 1) &&
		    keyword_stance(x, p))
			g->v[g->n - 1].score = HEAL_GEN_SURE;
	}
	if (tk->kind == HEAL_TOK_ID && base == 0) {
		/* at the caret: the other names of the file nearest it, when
		 * asked (a guess at what was meant, not a typo); else only
		 * those it is a shortening or a lengthening of ('s' for 'str',
		 * 'reverse' for 'rev'), a slip of the same kind as a typo */
		nn = heal_gen_file_names(x, p, !x->s->wide, names, FILE_NAMES_MAX);
		x->rank = base + 5;
		for (q = 0; q < nn; q++) {
			heal_gen_add1(g, x, "rep", p, p + 1, names[q], "$id.file");
			free(names[q]);
		}
	}
	if (tk->kind == HEAL_TOK_ID || tk->kind == HEAL_TOK_WORD) {
		char *w = heal_malloc(tl + 3);
		const char *nw[1] = { w }, *nc[1] = { "\"" }, *old[1] = { "$id" };

		x->rank = base + 6;
		if (tl == 1 && strchr("oOlI", d[tk->start])) {
			/* a letter that looks like a digit ('i=o', 'x-l') */
			const char *dc[1] = { "$num" };
			size_t before = g->n;

			snprintf(w, tl + 3, "%c", strchr("oO", d[tk->start]) ? '0' : '1');
			add(g, x, "rep", p, p + 1, nw, dc, 1);
			/* an undeclared one: the digit, before any guess at a
			 * name or a character ('for(i=o;' is 'for(i=0;') */
			if (g->n > before && base == 0 && x->s->message &&
			    strstr(x->s->message, "undeclared"))
				g->v[g->n - 1].score = HEAL_GEN_SURE;
		}
		if (tl == 1 && x->s->lang->syntax->lexer == HEAL_LEX_C) {
			/* a letter meant as a character ('int n=a;', 'c == y'):
			 * a string would not compile where a char is wanted */
			const char *cc[1] = { "'" };

			snprintf(w, tl + 3, "'%c'", d[tk->start]);
			add(g, x, "rep", p, p + 1, nw, cc, 1);
			rename_last(g, x, "wrap", old, 0, cc, 1, p);
		}
		snprintf(w, tl + 3, "\"%.*s\"", (int)tl, d + tk->start);
		add(g, x, "rep", p, p + 1, nw, nc, 1);
		rename_last(g, x, "wrap", old, 0, nc, 1, p);
		free(w);
	}
	if (tk->kind == HEAL_TOK_STR || tk->kind == HEAL_TOK_CHR) {
		/* a closing quote: at the end, or before the punctuation an
		 * unterminated literal swallowed */
		char qc = d[tk->start] == '\'' || tk->kind == HEAL_TOK_CHR ? '\'' : '"';
		size_t e = tk->end, k;

		x->rank = base;
		if (tl < 2 || d[e - 1] != qc || d[e - 2] == '\\') {
			for (k = e; k > tk->start + 1 && strchr(");,]} ", d[k - 1]); k--)
				add_char(g, x, p, k - 1, qc);
			add_char(g, x, p, e, qc);
		}
	}
	x->rank = base + 8;
	heal_gen_add1(g, x, "del", p, p + 1, NULL, NULL);
}

/* Two adjacent tokens exchanged, the text between them kept. */
static void swap_at(struct heal_gen *g, struct site *x, size_t p)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	const struct heal_tok *a = &t->v[p], *b = &t->v[p + 1];
	char ca[CLASS_MAX], cb[CLASS_MAX];
	const char *old[2] = { ca, cb }, *nw[1];
	struct heal_buf txt;

	if ((a->end - a->start == b->end - b->start &&
	     !memcmp(d + a->start, d + b->start, a->end - a->start)) ||
	    memchr(d + a->end, '\n', b->start - a->end))
		return;
	heal_tok_class(a, d, ca, sizeof(ca));
	heal_tok_class(b, d, cb, sizeof(cb));
	heal_buf_init(&txt, HEAL_BUF_UNBOUNDED);
	heal_buf_put(&txt, d + b->start, b->end - b->start);
	heal_buf_put(&txt, d + a->end, b->start - a->end);
	heal_buf_put(&txt, d + a->start, a->end - a->start);
	nw[0] = heal_buf_str(&txt);
	add(g, x, "rep", p, p + 2, nw, old, 1);
	/* the text as it is, no spacing added */
	free(g->v[g->n - 1].text);
	g->v[g->n - 1].text = heal_buf_detach(&txt, NULL);
	rename_last(g, x, "swap", old, 2, NULL, 0, p);
}

/* A token the language's repair vocabulary holds, or a keyword where
 * keywords start lines or commands (make's endef, shell's closers): never
 * a C or Python keyword a message names ('return', 'break'), which would
 * change what the program does where it compiles. */
static bool named_token(const struct site *x, const char *w)
{
	const struct heal_lang_syntax *sx = x->s->lang->syntax;

	return heal_tokens_in(sx->repair, w, strlen(w)) ||
	       (sx->kw_place != HEAL_KW_ANYWHERE && heal_tokens_in(sx->keywords, w, strlen(w)));
}

bool heal_gen_tok_is(const struct site *x, size_t i, const char *w)
{
	const struct heal_tok *a;

	if (i >= x->t->n)
		return false;
	a = &x->t->v[i];
	return a->end - a->start == strlen(w) && !memcmp(x->s->data + a->start, w, a->end - a->start);
}

bool heal_gen_tok_in(const struct site *x, size_t i, const char *const *ws)
{
	size_t k;

	for (k = 0; ws[k]; k++)
		if (heal_gen_tok_is(x, i, ws[k]))
			return true;
	return false;
}

bool heal_gen_punct_is(const struct site *x, size_t i, char ch)
{
	const struct heal_tok *a;

	if (i >= x->t->n)
		return false;
	a = &x->t->v[i];
	return a->kind == HEAL_TOK_PUNCT && a->end - a->start == 1 &&
	       x->s->data[a->start] == ch;
}

/* Whether a name of tokens [lo, hi) is a name elsewhere in the file (a
 * variable: words side by side there miss an operator, not quotes). */
bool heal_gen_names_elsewhere(const struct site *x, size_t lo, size_t hi)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t k, i;

	for (k = lo; k < hi; k++) {
		size_t n = t->v[k].end - t->v[k].start;

		if (t->v[k].kind != HEAL_TOK_ID)
			continue;
		for (i = 0; i < t->n; i++)
			if ((i < lo || i >= hi) && t->v[i].kind == HEAL_TOK_ID &&
			    t->v[i].end - t->v[i].start == n &&
			    memcmp(d + t->v[i].start, d + t->v[k].start, n) == 0)
				return true;
	}
	return false;
}

/*
 * 'if (c) a; b; else d;': the body of the if whose condition ends at token
 * j holds two statements or more and no braces, and the else at x->k
 * lost its if to the second.  Braces around everything from the
 * condition's ')' to the else ('if (c) { a; b; } else d;') are tried
 * first: the statements and their order stay.  Not when a block or
 * another else is in between (that else had its if).
 */
static void brace_body(struct heal_gen *g, struct site *x, size_t j)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	static const char *const nc[2] = { "{", "}" };
	struct heal_gen_cand *c;
	struct heal_buf b;
	size_t m, semis = 0, s, e;

	for (m = j + 1; m < x->k; m++) {
		const struct heal_tok *a = &t->v[m];

		if (heal_gen_punct_is(x, m, '{') || heal_gen_punct_is(x, m, '}') ||
		    (a->kind == HEAL_TOK_KW && a->end - a->start == 4 &&
		     !memcmp(d + a->start, "else", 4)))
			return;
		semis += heal_gen_punct_is(x, m, ';');
	}
	if (semis < 2 || !heal_gen_punct_is(x, x->k - 1, ';'))
		return;
	s = t->v[j].end;
	e = t->v[x->k].start;
	heal_buf_init(&b, e - s + 8);
	heal_buf_puts(&b, " {");
	heal_buf_put(&b, d + s, e - s);
	heal_buf_puts(&b, "} ");
	x->rank = 0;
	c = heal_gen_new_cand(g, x, s, e, heal_buf_detach(&b, NULL));
	heal_gen_name_it(x, c, "ins", NULL, 0, nc, 2, j + 1, true);
	c->score = HEAL_GEN_SURE;
	g->n++;
}

/*
 * An 'else' with no 'if' for it (C): the nearest 'if (...)' before it
 * whose body is a lone ';' ('if (a > b); x = a; else ...') lost its body
 * to that ';': deleting it is tried first; one whose body is two
 * statements without braces gets them (brace_body).
 */
static void else_without_if(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t i, depth = 0;

	if (x->s->lang->syntax->lexer != HEAL_LEX_C || x->k >= t->n ||
	    t->v[x->k].kind != HEAL_TOK_KW || t->v[x->k].end - t->v[x->k].start != 4 ||
	    memcmp(d + t->v[x->k].start, "else", 4) != 0)
		return;
	for (i = x->k; i-- > 0 && x->k - i < 400;) {
		const struct heal_tok *a = &t->v[i];

		if (heal_gen_punct_is(x, i, '}'))
			depth++;
		else if (heal_gen_punct_is(x, i, '{') && depth-- == 0)
			return;   /* the block the else is in starts: no if */
		if (depth || a->kind != HEAL_TOK_KW || a->end - a->start != 2 ||
		    memcmp(d + a->start, "if", 2) != 0 || !heal_gen_punct_is(x, i + 1, '('))
			continue;
		{
			size_t j, open = 0;

			for (j = i + 1; j < x->k; j++) {
				if (heal_gen_punct_is(x, j, '('))
					open++;
				else if (heal_gen_punct_is(x, j, ')') && --open == 0)
					break;
			}
			if (j + 1 < x->k && heal_gen_punct_is(x, j + 1, ';')) {
				size_t before = g->n;

				x->rank = 0;
				heal_gen_add1(g, x, "del", j + 1, j + 2, NULL, NULL);
				if (g->n > before)
					g->v[g->n - 1].score = HEAL_GEN_SURE;
			} else if (j + 1 < x->k) {
				brace_body(g, x, j);
			}
			return;
		}
	}
}

/* The token that closes opener q ("(" -> ")"), or NULL. */
static const char *closer_of(const char *q)
{
	static const char *const pair[][2] = { { "(", ")" }, { "[", "]" }, { "{", "}" } };
	size_t i;

	for (i = 0; i < sizeof(pair) / sizeof(pair[0]); i++)
		if (!strcmp(q, pair[i][0]))
			return pair[i][1];
	return NULL;
}

/* The token a message names for insertion: what it quotes, but an opener
 * a message says was left open ("'(' was never closed") is closed. */
static const char *named(const struct site *x, const char *q)
{
	const char *c = open_block(x->s->message) ? closer_of(q) : NULL;

	return c ? c : q;
}

/*
 * "'(' was never closed" at the opener: its partner at the end of the
 * opener's line first, before a ':' or ';' that ends it ('if (a > b:'),
 * where the opener is on that line; the end of the file and the other
 * places follow as for any token the message names.
 */
static void closer_first(struct heal_gen *g, struct site *x)
{
	size_t v;

	if (!open_block(x->s->message) || x->last == NONE_IDX || !valid(x, x->k) ||
	    x->t->v[x->k].line != x->s->line)
		return;
	for (v = 0; v < x->nquotes; v++) {
		const char *c = closer_of(x->quotes[v]);

		if (!c || !named_token(x, c))
			continue;
		if (heal_gen_punct_is(x, x->last, ':') || heal_gen_punct_is(x, x->last, ';'))
			heal_gen_add1(g, x, "ins", x->last, x->last, c, NULL);
		heal_gen_add1(g, x, "ins", x->last + 1, x->last + 1, c, NULL);
	}
}

/*
 * "unmatched ')'" (Python) at the closer no opener matches: deleting that
 * closer first, before the openers and closers the vocabulary would
 * insert elsewhere ('print("a"))', not 'print("a")()').
 */
static void stray_closer_first(struct heal_gen *g, struct site *x)
{
	const char *m = strstr(x->s->message, "unmatched '");

	if (!m || !strchr(")]}", m[11]) || m[11] == '\0' || m[12] != '\'' || !valid(x, x->k) ||
	    !heal_gen_punct_is(x, x->k, m[11]))
		return;
	heal_gen_add1(g, x, "del", x->k, x->k + 1, NULL, NULL);
}

static void generic(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *const *voc = x->s->lang->syntax->repair;
	const char *d = x->s->data;
	size_t pl[16], np = places(x, pl), done[16], nd = 0, a, v;

	/* the separators between operands the tool underlined side by side */
	heal_gen_juxtaposed(g, x);
	/* a call's argument that is text, not code */
	heal_gen_quote_argument(g, x);
	heal_gen_prose_format(g, x);
	/* a line of prose: a comment without its marker; a stray word */
	heal_gen_prose_line(g, x);
	heal_gen_stray_word(g, x);
	/* a call's text whose quotes were meant inside it */
	heal_gen_requote_line(g, x);
	heal_gen_quote_moved(g, x);
	/* a character constant without its quotes, or empty */
	heal_gen_char_literal(g, x);
	/* a number glued to a name */
	heal_gen_glued_number(g, x);
	/* an empty subscript in an expression */
	heal_gen_empty_index(g, x);
	/* an 'else' whose 'if' lost its body to a ';' */
	else_without_if(g, x);
	/* a condition without its parentheses */
	heal_gen_head_parens(g, x);
	/* a clause or block indented past where it belongs */
	heal_gen_indent_blocks(g, x);
	/* the token the message says was meant instead of another */
	heal_gen_instead_of(g, x);
	/* slips of the hand: a prompt pasted, '1st' for 'lst', ... */
	heal_gen_slips(g, x);
	/* a call's arguments written as parameters, or one left out */
	heal_gen_calls(g, x);
	/* a token the message names ("missing 'endif'", "missing ')'") in
	 * each gap first: where the error has no column its caret is only
	 * the line's start, and the token goes at the line's end */
	x->rank = 0;
	stray_closer_first(g, x);
	closer_first(g, x);
	for (a = 0; a < np; a++)
		for (v = 0; v < x->nquotes; v++)
			if (pl[a] <= t->n && named_token(x, named(x, x->quotes[v])))
				heal_gen_add1(g, x, "ins", pl[a], pl[a], named(x, x->quotes[v]), NULL);
	for (a = 0; a < np; a++) {
		size_t p = pl[a], base = 2 * a;

		if (p > t->n || seen(done, nd, p))
			continue;
		done[nd++] = p;
		/* the gap before the token: the vocabulary in its order */
		for (v = 0; voc && voc[v]; v++) {
			x->rank = base + v;
			heal_gen_add1(g, x, "ins", p, p, voc[v], NULL);
		}
		if (!valid(x, p))
			continue;
		if (heal_tok_is_code(&t->v[p]) && !stray(x, p)) {
			code_token(g, x, p, base);
		} else {
			x->rank = base + 2;
			heal_gen_add1(g, x, "del", p, p + 1, NULL, NULL);
			for (v = 0; voc && voc[v]; v++) {
				size_t l = strlen(voc[v]);

				x->rank = base + 3 + v;
				if (l != t->v[p].end - t->v[p].start ||
				    memcmp(voc[v], d + t->v[p].start, l))
					heal_gen_add1(g, x, "rep", p, p + 1, voc[v], NULL);
			}
		}
		/* swaps fix few errors (share/repair): after the rest here */
		x->rank = base + 12;
		if (valid(x, p + 1))
			swap_at(g, x, p);
	}
}

/* ---- kinds from the priors ---------------------------------------------- */

/* The position an anchor names (a gap or a token), or NONE_IDX. */
static size_t resolve(const struct site *x, const char *an, bool gap)
{
	size_t end = gap ? 1 : 0;

	if (!strcmp(an, "caret"))
		return x->k;
	if (!strncmp(an, "caret", 5) && (an[5] == '+' || an[5] == '-') &&
	    an[6] >= '1' && an[6] <= '2' && !an[7]) {
		size_t d = (size_t)(an[6] - '0');

		return an[5] == '+' ? x->k + d : x->k >= d ? x->k - d : NONE_IDX;
	}
	if (!strcmp(an, "eol") && x->last != NONE_IDX)
		return x->last + end;
	if (!strcmp(an, "bol"))
		return x->first;
	if (!strcmp(an, "peol") && x->plast != NONE_IDX)
		return x->plast + end;
	return NONE_IDX;
}

/* A token of a kind: a literal, $qN (a quoted part of the message), or
 * $id.msg (each quoted name: the first here). */
static const char *literal(const struct site *x, const char *w)
{
	if (w[0] != '$' || !w[1])
		return w;
	if (w[1] == 'q' && w[2] >= '1' && w[2] <= '8' && !w[3]) {
		size_t q = (size_t)(w[2] - '1');

		return q < x->nquotes ? x->quotes[q] : NULL;
	}
	return NULL;
}

static size_t split(char *s, char **out, size_t max)
{
	size_t n = 0;
	char *p = s;

	while (*p && n < max) {
		out[n++] = p;
		p = strchr(p, ' ');
		if (!p)
			break;
		*p++ = '\0';
	}
	return n;
}

/* Whether tokens [i, i + n) have the classes cls (literal or $qN). */
static bool matches(const struct site *x, size_t i, char **cls, size_t n)
{
	size_t m;

	for (m = 0; m < n; m++) {
		char c[CLASS_MAX];
		const char *want = cls[m][0] == '$' && cls[m][1] == 'q' ? literal(x, cls[m]) : cls[m];

		if (!valid(x, i + m) || !want)
			return false;
		heal_tok_class(&x->t->v[i + m], x->s->data, c, sizeof(c));
		if (strcmp(c, want) != 0)
			return false;
	}
	return true;
}

static void add_kind(struct heal_gen *g, struct site *x, const char *op, size_t i,
		     size_t j, const char *const *lit, size_t nnew);

static void from_kind(struct heal_gen *g, struct site *x, const char *kind)
{
	char buf[512], *at, *body, *args, *old[2], *nw[3];
	const char *lit[2];
	size_t nold = 0, nnew = 0, p, m;
	bool ins;

	if (strlen(kind) >= sizeof(buf))
		return;
	memcpy(buf, kind, strlen(kind) + 1);
	at = strrchr(buf, '@');
	body = buf;
	if (!at || !(args = strchr(body, ':')) || args > at)
		return;
	*at++ = '\0';
	*args++ = '\0';
	ins = !strcmp(body, "ins");
	if (ins) {
		nnew = split(args, nw, 3);
	} else if (!strcmp(body, "del")) {
		nold = split(args, old, 2);
	} else if (!strcmp(body, "rep")) {
		char *arrow = strstr(args, " ~> ");

		if (!arrow)
			return;
		*arrow = '\0';
		nold = split(args, old, 2);
		nnew = split(arrow + 4, nw, 3);
	} else {
		return;  /* swap, wrap, cins: the generic edits make those */
	}
	if (nnew > 2 || (nnew == 0 && nold == 0))
		return;
	for (m = 0; m < nnew; m++)
		if (!(lit[m] = literal(x, nw[m])))
			return;
	if (!strcmp(at, "line") || !strcmp(at, "pline")) {
		/* somewhere on the caret's line or the one before: each place
		 * there whose tokens match, a few */
		size_t want = !strcmp(at, "line") ? x->s->line : x->pline, made = 0;

		for (p = 0; want && p <= x->t->n && made < LINE_PLACES_MAX; p++) {
			if (tok_line(x, p) != want &&
			    !(ins && p > 0 && tok_line(x, p - 1) == want))
				continue;
			if (!ins && !matches(x, p, old, nold))
				continue;
			made++;
			add_kind(g, x, body, p, ins ? p : p + nold, lit, nnew);
		}
		return;
	}
	p = resolve(x, at, ins);
	if (p == NONE_IDX || p > x->t->n || (!ins && !matches(x, p, old, nold)))
		return;
	add_kind(g, x, body, p, ins ? p : p + nold, lit, nnew);
}

/* Add an edit of a table's kind: tokens [i, j) by the texts lit. */
static void add_kind(struct heal_gen *g, struct site *x, const char *op, size_t i,
		     size_t j, const char *const *lit, size_t nnew)
{
	size_t m;

	{
		const char *cls[2];
		char c[2][CLASS_MAX];

		for (m = 0; m < nnew; m++) {
			struct heal_tokens one;

			/* a literal's class is itself when it lexes as a
			 * punctuator or keyword, else its kind's */
			heal_tokens_init(&one);
			heal_tokens_lex(&one, x->s->lang, lit[m], strlen(lit[m]));
			if (one.n == 1)
				heal_tok_class(&one.v[0], lit[m], c[m], CLASS_MAX);
			else
				snprintf(c[m], CLASS_MAX, "%s", lit[m]);
			if (c[m][0] == '$')
				snprintf(c[m], CLASS_MAX, "$id.msg");
			cls[m] = c[m];
			heal_tokens_release(&one);
		}
		add(g, x, op, i, j, lit, cls, nnew);
	}
}

static void from_table(struct heal_gen *g, struct site *x, const struct heal_json *edits)
{
	size_t i;

	if (!edits || edits->type != HEAL_JSON_OBJECT)
		return;
	x->rank = 0;
	for (i = 0; i < edits->u.obj.n && i < TABLE_KINDS_MAX; i++)
		from_kind(g, x, edits->u.obj.m[i].key);
}

/* ---- sorting and dropping repeats --------------------------------------- */

static int by_score(const void *a, const void *b)
{
	const struct heal_gen_cand *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static bool same_edit(const struct heal_gen_cand *a, const struct heal_gen_cand *b)
{
	return a->start == b->start && a->end == b->end && !strcmp(a->text, b->text);
}

void heal_gen_run(struct heal_gen *g, const struct heal_gen_site *s)
{
	struct heal_tokens t;
	struct site x;
	size_t i, j, n;

	for (i = 0; i < g->n; i++)
		cand_free(&g->v[i]);
	g->n = 0;
	heal_tokens_init(&t);
	heal_tokens_lex(&t, s->lang, s->data, s->len);
	site_init(&x, s, &t);
	if (s->prior) {
		from_table(g, &x, s->prior->tmpl);
		from_table(g, &x, s->prior->fam);
	}
	generic(g, &x);
	heal_gen_repeat_along_line(g, &x);
	qsort(g->v, g->n, sizeof(*g->v), by_score);
	/* the same edit made twice (an anchor names a place another does):
	 * the better one stays */
	for (i = n = 0; i < g->n; i++) {
		for (j = 0; j < n; j++)
			if (same_edit(&g->v[j], &g->v[i]))
				break;
		if (j < n || (g->v[i].start == g->v[i].end && !*g->v[i].text)) {
			cand_free(&g->v[i]);
			continue;
		}
		g->v[n++] = g->v[i];
	}
	g->n = n;
	site_release(&x);
	heal_tokens_release(&t);
}

char *heal_gen_apply(const struct heal_gen_cand *c, const char *data,
		     size_t len, size_t *out_len)
{
	size_t tl = strlen(c->text), n = len - (c->end - c->start) + tl;
	char *out = heal_malloc(n + 1);

	memcpy(out, data, c->start);
	memcpy(out + c->start, c->text, tl);
	memcpy(out + c->start + tl, data + c->end, len - c->end);
	out[n] = '\0';
	*out_len = n;
	return out;
}
