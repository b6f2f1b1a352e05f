/*
 * heal_gen.c - candidate edits at an error's place, named by their kind
 * (the anchors and classes of scripts/repairlib.py's Site and
 * describe_edit) and sorted by the priors.
 */
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_gen.h"

#define NONE_IDX SIZE_MAX
/* names of the file one typo from a name, tried in its place */
#define NEAR_MAX 6
/* places on a line a kind anchored "line" or "pline" is tried at */
#define LINE_PLACES_MAX 4
/* other names of the file tried in a name's place */
#define FILE_NAMES_MAX 6
/* kinds of the template's and family's lists instantiated */
#define TABLE_KINDS_MAX 60
/* a class or token text in a kind */
#define CLASS_MAX 64

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

static bool word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || (unsigned char)c >= 0x80;
}

/* Whether the tokens' texts must be spaced apart to stay apart. */
static bool glue(char a, char b)
{
	return word_byte(a) && (word_byte(b) || b == '"' || b == '\'' || b == '$');
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
static void name_it(struct site *x, struct heal_gen_cand *c, const char *op,
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
static struct heal_gen_cand *new_cand(struct heal_gen *g, const struct site *x,
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
 * Whether replacing tokens [i, j) by nw drops control flow or a directive: a
 * "return" with nothing after it but ';' (the early exit is gone, not only
 * its value), break, continue, goto, a branch or loop keyword, or the name
 * of a preprocessor directive ("#if" is not "# 1").  Such an edit changes
 * what the program does while it may well compile: it loses code.
 */
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

	/* the ';' that ends a line's statement moved or gone, and the next
	 * line's statement joined to it (not a body's '{': "int main();") */
	if (j > i && j < t->n && t->v[j].line > t->v[j - 1].line &&
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
		/* the ';' of "return;" (the next statement would be returned) */
		if (ol == 1 && d[o->start] == ';' && m > 0 &&
		    t->v[m - 1].kind == HEAL_TOK_KW &&
		    ((t->v[m - 1].end - t->v[m - 1].start == 6 &&
		      !memcmp(d + t->v[m - 1].start, "return", 6)) ||
		     (t->v[m - 1].end - t->v[m - 1].start == 5 &&
		      !memcmp(d + t->v[m - 1].start, "break", 5))))
			return true;
		if (o->kind != HEAL_TOK_KW)
			continue;
		if (ol == 6 && !memcmp(d + o->start, "return", 6))
			return j >= t->n ||
			       (t->v[j].end - t->v[j].start == 1 && d[t->v[j].start] == ';');
		for (k = 0; kws[k]; k++)
			if (strlen(kws[k]) == ol && !memcmp(d + o->start, kws[k], ol))
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
		code_old += heal_tok_is_code(&t->v[m]);
	}
	for (m = 0; m < nnew; m++)
		code_new += ncls[m][0] == '$';
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
		if (glue(before, txt.data[0]) || (i == j && word_byte(txt.data[0]) &&
						  before != ' ' && before != '\t' &&
						  before != '\n' && before != '(' && s > 0) ||
		    (i == j && nnew == 1 && binary_op(nw[0]) && s > 0 &&
		     (word_byte(before) || before == '"' || before == ')' ||
		      before == ']') && (after == ' ' || after == '\t')))
			heal_buf_putc(&sp, ' ');
		heal_buf_put(&sp, txt.data, txt.len);
		if (glue(txt.data[txt.len - 1], after) ||
		    (i == j && word_byte(txt.data[txt.len - 1]) && word_byte(after)))
			heal_buf_putc(&sp, ' ');
		heal_buf_release(&txt);
		txt = sp;
	} else if (s > 0 && e < x->s->len && glue(d[s - 1], d[e])) {
		heal_buf_putc(&txt, ' ');
	}
	c = new_cand(g, x, s, e, heal_buf_detach(&txt, NULL));
	c->loses_code = code_new < code_old ||
			(i < j && drops_control(x, i, j, nw, nnew)) ||
			(c->text[0] != '\n' && breaks_directive(x, i)) ||
			joins_directive(x, j, c->text);
	name_it(x, c, op, old, j - i, ncls, nnew, i, i == j);
	g->n++;
}

static void add1(struct heal_gen *g, struct site *x, const char *op, size_t i,
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
	c = new_cand(g, x, off, off, heal_strdup(cs));
	name_it(x, c, "cins", NULL, 0, nw, 1, i, false);
	g->n++;
}

static bool is_ident(const char *s)
{
	size_t i;

	if (!*s || !(word_byte(s[0]) && !(s[0] >= '0' && s[0] <= '9')))
		return false;
	for (i = 0; s[i]; i++)
		if (!word_byte(s[i]))
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

/* Names the file holds one typo from token i, as owned strings. */
static size_t near_names(const struct site *x, size_t i, char **out, size_t max)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	const struct heal_tok *o = &t->v[i];
	size_t n = 0, m, q;

	/* a typo is in a name; numbers and literals are not spelled wrong */
	if (o->kind != HEAL_TOK_ID && o->kind != HEAL_TOK_WORD && o->kind != HEAL_TOK_VAR)
		return 0;
	for (m = 0; m < t->n && n < max; m++) {
		const struct heal_tok *c = &t->v[m];
		size_t cl = c->end - c->start, ol = o->end - o->start;

		if (c->kind != o->kind || (cl == ol && !memcmp(d + c->start, d + o->start, cl)) ||
		    !near(d + o->start, ol, d + c->start, cl))
			continue;
		for (q = 0; q < n; q++)
			if (strlen(out[q]) == cl && !memcmp(out[q], d + c->start, cl))
				break;
		if (q == n)
			out[n++] = heal_strndup(d + c->start, cl);
	}
	return n;
}

/* Keywords one typo from token i (near(): 'elis', 'If', 'retrun',
 * 'whlie') when it starts its line, where a statement's keyword goes; the
 * language's table's own strings, not copies. */
static size_t near_keywords(const struct site *x, size_t i, const char **out,
			    size_t max)
{
	const char *const *kw = x->s->lang->syntax->keywords;
	const struct heal_tok *o = &x->t->v[i];
	const char *d = x->s->data;
	size_t n = 0, k, ol = o->end - o->start;

	if ((o->kind != HEAL_TOK_ID && o->kind != HEAL_TOK_WORD) || ol < 2 ||
	    (i > 0 && x->t->v[i - 1].line == o->line) ||
	    heal_tokens_in(kw, d + o->start, ol))
		return 0;
	for (k = 0; kw && kw[k] && n < max; k++)
		if (strlen(kw[k]) >= 2 && is_ident(kw[k]) &&
		    near(d + o->start, ol, kw[k], strlen(kw[k])))
			out[n++] = kw[k];
	return n;
}

/* Other names of the file than token i's (and not one typo from it: those
 * are near), nearest token i first, as owned strings. */
static size_t file_names(const struct site *x, size_t i, char **out, size_t max)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	const struct heal_tok *o = &t->v[i];
	size_t n = 0, dist, q, ol = o->end - o->start;

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
			    near(d + o->start, ol, d + c->start, cl))
				continue;
			for (q = 0; q < n; q++)
				if (strlen(out[q]) == cl && !memcmp(out[q], d + c->start, cl))
					break;
			if (q == n)
				out[n++] = heal_strndup(d + c->start, cl);
		}
	}
	return n;
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
	name_it(x, c, op, old, nold, nw, nnew, pos, false);
}

/* The edits of the token at p that is code: a name the message quotes or
 * one a typo away in its place, the name in quotes, a closing quote, and
 * (to be refused) its deletion. */
static bool names_elsewhere(const struct site *x, size_t lo, size_t hi);

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
	size_t nn = near_names(x, p, names, NEAR_MAX);

	x->rank = base;
	for (q = 0; q < x->nquotes; q++)
		if (is_ident(x->quotes[q]) &&
		    !heal_tokens_in(x->s->lang->syntax->keywords, x->quotes[q],
				    strlen(x->quotes[q])) &&
		    (strlen(x->quotes[q]) != tl || memcmp(x->quotes[q], d + tk->start, tl)))
			add1(g, x, "rep", p, p + 1, x->quotes[q], "$id.msg");
	for (q = 0; q < nn; q++) {
		add1(g, x, "rep", p, p + 1, names[q], "$id.near");
		free(names[q]);
	}
	nn = near_keywords(x, p, kws, NEAR_MAX);
	for (q = 0; q < nn; q++) {
		size_t before = g->n;

		add1(g, x, "rep", p, p + 1, kws[q], "$id.kw");
		/* a statement's first word that names nothing else in the
		 * file and stands as a keyword would, before a '(', a '{', an
		 * operand or the line's end ('fro(i=0;i<n;i++)', 'retrun x;',
		 * 'elis x:'; not 'value = 1', 'x.y'), is that keyword
		 * misspelt: tried first, as the site calls for */
		if (nn == 1 && g->n > before && !names_elsewhere(x, p, p + 1) &&
		    keyword_stance(x, p))
			g->v[g->n - 1].score = HEAL_GEN_SURE;
	}
	if (tk->kind == HEAL_TOK_ID && base == 0 && x->s->wide) {
		/* at the caret, when asked: the other names of the file nearest
		 * it (a guess at what was meant, not a typo) */
		nn = file_names(x, p, names, FILE_NAMES_MAX);
		x->rank = base + 5;
		for (q = 0; q < nn; q++) {
			add1(g, x, "rep", p, p + 1, names[q], "$id.file");
			free(names[q]);
		}
	}
	if (tk->kind == HEAL_TOK_ID || tk->kind == HEAL_TOK_WORD) {
		char *w = heal_malloc(tl + 3);
		const char *nw[1] = { w }, *nc[1] = { "\"" }, *old[1] = { "$id" };

		snprintf(w, tl + 3, "\"%.*s\"", (int)tl, d + tk->start);
		x->rank = base + 6;
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
	add1(g, x, "del", p, p + 1, NULL, NULL);
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
static void juxtaposed(struct heal_gen *g, struct site *x)
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

		if (a->start < lo || b->end > hi || a->line != b->line || !operand_end(a, d) ||
		    (b->kind != HEAL_TOK_ID && b->kind != HEAL_TOK_NUM &&
		     b->kind != HEAL_TOK_STR && b->kind != HEAL_TOK_CHR))
			continue;
		if (best != NONE_IDX)
			add1(g, x, "ins", i + 1, i + 1, ops[best], NULL);
		add1(g, x, "ins", i + 1, i + 1, ",", NULL);
	}
}

static bool punct_is(const struct site *x, size_t i, char ch)
{
	const struct heal_tok *a = &x->t->v[i];

	return a->kind == HEAL_TOK_PUNCT && a->end - a->start == 1 &&
	       x->s->data[a->start] == ch;
}

/* Whether a name of tokens [lo, hi) is a name elsewhere in the file (a
 * variable: words side by side there miss an operator, not quotes). */
static bool names_elsewhere(const struct site *x, size_t lo, size_t hi)
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
 * The argument of a call the caret is in, when it is text that was meant
 * as a string and is no expression: it starts with '%' or '\' (a format,
 * an escape: printf(%d %d,x,y), printf(\n)) or holds two words side by
 * side that are no names elsewhere in the file (print(Hello world),
 * input(how old are you?)).  Its quoted form is
 * tried: [*lo, *hi] are its tokens.
 */
static bool unquoted_argument(const struct site *x, size_t *lo, size_t *hi)
{
	const struct heal_tokens *t = x->t;
	size_t i, j, k = x->k, open;
	int depth = 0;
	bool words = false;

	if (k >= t->n || t->v[k].line != x->s->line || x->first == NONE_IDX)
		return false;
	/* left to the ',' or the call's '(' that starts the argument */
	for (i = k; i-- > x->first;) {
		if (punct_is(x, i, ')') || punct_is(x, i, ']'))
			depth++;
		else if (punct_is(x, i, '(') || punct_is(x, i, '['))
			if (depth-- == 0)
				break;
		if (depth == 0 && punct_is(x, i, ','))
			break;
	}
	if (i == (size_t)-1 || i < x->first || (!punct_is(x, i, ',') && !punct_is(x, i, '(')))
		return false;
	/* the call's '(' after a name */
	for (open = i, depth = 0; open != (size_t)-1 && open >= x->first; open--) {
		if (punct_is(x, open, ')'))
			depth++;
		else if (punct_is(x, open, '(') && depth-- == 0)
			break;
	}
	if (open == (size_t)-1 || open <= x->first || t->v[open - 1].kind != HEAL_TOK_ID)
		return false;
	/* right to the ',' or ')' that ends it */
	for (j = k, depth = 0; j <= x->last; j++) {
		if (punct_is(x, j, '(') || punct_is(x, j, '['))
			depth++;
		else if ((punct_is(x, j, ')') || punct_is(x, j, ']')) && depth-- == 0)
			break;
		if (depth == 0 && punct_is(x, j, ','))
			break;
	}
	if (j > x->last || j == i + 1)
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
	if (x->s->data[t->v[i + 1].start] != '%' && x->s->data[t->v[i + 1].start] != '\\' &&
	    (!words || names_elsewhere(x, i + 1, j)))
		return false;
	*lo = i + 1;
	*hi = j - 1;
	return true;
}

/* The call's argument at the caret that is text, not code, in quotes. */
static void quote_argument(struct heal_gen *g, struct site *x)
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
	    g->n >= HEAL_GEN_MAX || !unquoted_argument(x, &lo, &hi))
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
	c = new_cand(g, x, s, e, text);
	heal_tok_class(&t->v[lo], d, oldc, CLASS_MAX);
	name_it(x, c, "quote", old, 1, nc, 1, lo, false);
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
static void requote_line(struct heal_gen *g, struct site *x)
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
			struct heal_gen_cand *c = new_cand(g, x, a, e, heal_buf_detach(&t, NULL));
			const char *old[1] = { "$str" }, *nc[1] = { "$str" };

			x->rank = 0;
			name_it(x, c, "requote", old, 1, nc, 1, heal_tokens_at(x->t, a), false);
			c->score = HEAL_GEN_SURE;
			g->n++;
		}
		return;
	}
}

static void generic(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *const *voc = x->s->lang->syntax->repair;
	const char *d = x->s->data;
	size_t pl[16], np = places(x, pl), done[16], nd = 0, a, v;

	/* the separators between operands the tool underlined side by side */
	juxtaposed(g, x);
	/* a call's argument that is text, not code */
	quote_argument(g, x);
	/* a call's text whose quotes were meant inside it */
	requote_line(g, x);
	/* a token the message names ("missing 'endif'", "missing ')'") in
	 * each gap first: where the error has no column its caret is only
	 * the line's start, and the token goes at the line's end */
	x->rank = 0;
	for (a = 0; a < np; a++)
		for (v = 0; v < x->nquotes; v++)
			if (pl[a] <= t->n && named_token(x, x->quotes[v]))
				add1(g, x, "ins", pl[a], pl[a], x->quotes[v], NULL);
	for (a = 0; a < np; a++) {
		size_t p = pl[a], base = 2 * a;

		if (p > t->n || seen(done, nd, p))
			continue;
		done[nd++] = p;
		/* the gap before the token: the vocabulary in its order */
		for (v = 0; voc && voc[v]; v++) {
			x->rank = base + v;
			add1(g, x, "ins", p, p, voc[v], NULL);
		}
		if (!valid(x, p))
			continue;
		if (heal_tok_is_code(&t->v[p])) {
			code_token(g, x, p, base);
		} else {
			x->rank = base + 2;
			add1(g, x, "del", p, p + 1, NULL, NULL);
			for (v = 0; voc && voc[v]; v++) {
				size_t l = strlen(voc[v]);

				x->rank = base + 3 + v;
				if (l != t->v[p].end - t->v[p].start ||
				    memcmp(voc[v], d + t->v[p].start, l))
					add1(g, x, "rep", p, p + 1, voc[v], NULL);
			}
		}
		/* swaps fix few errors (share/repair): after the rest here */
		x->rank = base + 12;
		if (valid(x, p + 1))
			swap_at(g, x, p);
	}
}

/* For each token of the caret's line, the bracket of the line it is in
 * (the open bracket's token index), NONE_IDX, or TOO_DEEP past 64. */
#define TOO_DEEP (NONE_IDX - 1)
static void line_brackets(const struct site *x, size_t *in)
{
	size_t open[64], n = 0, i;

	for (i = x->first; i <= x->last; i++) {
		if ((punct_is(x, i, ')') || punct_is(x, i, ']') || punct_is(x, i, '}')) && n)
			n--;
		in[i - x->first] = !n ? NONE_IDX : n <= 64 ? open[n - 1] : TOO_DEEP;
		if (punct_is(x, i, '(') || punct_is(x, i, '[') || punct_is(x, i, '{')) {
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
			if (punct_is(x, j, '(') || punct_is(x, j, '[') || punct_is(x, j, '{'))
				depth++;
			else if (punct_is(x, j, ')') || punct_is(x, j, ']') || punct_is(x, j, '}')) {
				if (!depth)
					return j;
				depth--;
			}
		}
	} else if (strchr(close, ch)) {
		for (j = i; j-- > x->first;) {
			if (punct_is(x, j, ')') || punct_is(x, j, ']') || punct_is(x, j, '}'))
				depth++;
			else if (punct_is(x, j, '(') || punct_is(x, j, '[') || punct_is(x, j, '{')) {
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
	r = new_cand(g, x, x->t->v[lo].start, x->t->v[hi].end, heal_buf_detach(&b, NULL));
	k = &g->v[c];   /* the array may have moved */
	r->rank = k->rank;
	r->score = before ? nextafter(k->score, 2.0) : k->score;
	heal_buf_init(&b, 256);
	heal_buf_putf(&b, "%s%s", k->kind, suffix);
	r->kind = heal_buf_detach(&b, NULL);
	g->n++;
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
static void repeat_along_line(struct heal_gen *g, struct site *x)
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
			if (!word_byte(w[0]) || !quoted(x, d, k->start, k->end))
				continue;
		} else if (kind != HEAL_TOK_PUNCT || word_byte(w[0])) {
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
	repeat_along_line(g, &x);
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
