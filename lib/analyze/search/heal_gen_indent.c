/*
 * heal_gen_indent.c - candidates that move a block (Python): a clause that
 * goes on with a statement ('else:', 'elif', 'except', 'finally') indented
 * past the header it belongs to, and a block indented past the line
 * before it ("unexpected indent" on a line whose followers are as deep),
 * shifted with everything nested under it; bodies at their header's depth
 * ("expected an indented block") moved one step in, with the bodies of
 * the clauses after it.  One edit of the lines, its
 * indentation only: no token changes.  Each is an edit the site calls for,
 * tried first; the checker judges it like any other.
 */
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_gen_int.h"

/* Lines looked at around the error, at most. */
#define INDENT_LINES 4000

struct iline {
	size_t off, len;         /* the line, without its newline */
	size_t width;            /* its leading spaces */
	bool code;               /* not blank, not a comment */
	bool tab;                /* a tab in its indentation */
};

static size_t split_lines(const char *d, size_t len, struct iline *v, size_t max)
{
	size_t n = 0, p = 0;

	while (p < len && n < max) {
		const char *nl = memchr(d + p, '\n', len - p);
		size_t e = nl ? (size_t)(nl - d) : len, i;
		struct iline *l = &v[n++];

		l->off = p;
		l->len = e - p;
		l->tab = false;
		for (i = p; i < e && (d[i] == ' ' || d[i] == '\t'); i++)
			if (d[i] == '\t')
				l->tab = true;
		l->width = i - p;
		l->code = i < e && d[i] != '#' && d[i] != '\r';
		p = e + 1;
	}
	return n;
}

/* Whether line l's code starts with keyword w (a whole word). */
static bool starts_with(const char *d, const struct iline *l, const char *w)
{
	size_t n = strlen(w), i = l->off + l->width;

	return l->len - l->width >= n && !memcmp(d + i, w, n) &&
	       (l->len - l->width == n || !heal_gen_word_byte(d[i + n]));
}

/* The headers a clause can go on with. */
static bool matches_clause(const char *d, const struct iline *h, const char *clause)
{
	static const char *const of_else[] = { "if", "elif", "for", "while", "try", "except", NULL };
	static const char *const of_elif[] = { "if", "elif", NULL };
	static const char *const of_except[] = { "try", "except", NULL };
	static const char *const of_finally[] = { "try", "except", "else", NULL };
	const char *const *w = !strcmp(clause, "else") ? of_else : !strcmp(clause, "elif") ? of_elif :
			       !strcmp(clause, "except") ? of_except : of_finally;

	for (; *w; w++)
		if (starts_with(d, h, *w))
			return true;
	return false;
}

/*
 * Lines [first, last] shifted by delta columns (negative: to the left;
 * each line's own indentation is at least -delta when so), one edit.
 */
static void add_shift(struct heal_gen *g, struct site *x, const struct iline *v, size_t first,
		      size_t last, long delta, const char *kind)
{
	const char *d = x->s->data;
	struct heal_buf b;
	struct heal_gen_cand *c;
	size_t i, start = v[first].off, end = v[last].off + v[last].len;

	if (g->n >= HEAL_GEN_MAX)
		return;
	heal_buf_init(&b, (end - start) + (last - first + 1) * (size_t)labs(delta) + 16);
	for (i = first; i <= last; i++) {
		const struct iline *l = &v[i];
		long w = (long)l->width + delta;

		if (i > first)
			heal_buf_putc(&b, '\n');
		if (!l->code) {
			/* blank and comment lines as they are */
			heal_buf_put(&b, d + l->off, l->len);
			continue;
		}
		if (w < 0) {
			heal_buf_release(&b);
			return;
		}
		heal_buf_putf(&b, "%*s", (int)w, "");
		heal_buf_put(&b, d + l->off + l->width, l->len - l->width);
	}
	x->rank = 0;
	c = heal_gen_new_cand(g, x, start, end, heal_buf_detach(&b, NULL));
	c->kind = heal_strdup(kind);
	c->score = HEAL_GEN_SURE;
	g->n++;
}

/* The last line of the block that starts at line k: the lines after it
 * deeper than `width` (blank lines between them included). */
static size_t block_end(const struct iline *v, size_t n, size_t k, size_t width)
{
	size_t i, last = k;

	for (i = k + 1; i < n; i++) {
		if (!v[i].code)
			continue;
		if (v[i].width <= width)
			break;
		last = i;
	}
	return last;
}

/* Whether line l's code starts with one of the clauses. */
static const char *clause_of(const char *d, const struct iline *l)
{
	static const char *const clauses[] = { "else", "elif", "except", "finally", NULL };
	size_t j;

	for (j = 0; clauses[j]; j++)
		if (starts_with(d, l, clauses[j]))
			return clauses[j];
	return NULL;
}

/* The last line of the clause at line k and of the clauses that go on
 * with the same statement after it, at its indentation ('elif' ... 'else'
 * moved as one). */
static size_t chain_end(const char *d, const struct iline *v, size_t n, size_t k)
{
	size_t last = block_end(v, n, k, v[k].width), i;

	for (;;) {
		for (i = last + 1; i < n && !v[i].code; i++)
			;
		if (i >= n || v[i].width != v[k].width || !clause_of(d, &v[i]))
			return last;
		last = block_end(v, n, i, v[i].width);
	}
}

/* The file's indentation step: the smallest width a line of code is
 * deeper than the line of code before it; 4 when none is. */
static size_t indent_step(const struct iline *v, size_t n)
{
	size_t i, prev = NONE_IDX, step = 0;

	for (i = 0; i < n; i++) {
		if (!v[i].code)
			continue;
		if (prev != NONE_IDX && v[i].width > v[prev].width &&
		    (!step || v[i].width - v[prev].width < step))
			step = v[i].width - v[prev].width;
		prev = i;
	}
	return step ? step : 4;
}

/* The body lines [k, *end] of a header whose body is not indented: the
 * code lines from k at the header's width w, up to a blank line, a line
 * less deep or a clause; false when line k is no such line. */
static bool flat_body(const char *d, const struct iline *v, size_t n, size_t k, size_t w,
		      size_t *end)
{
	size_t i;

	if (k >= n || !v[k].code || v[k].width != w || v[k].tab || clause_of(d, &v[k]))
		return false;
	for (*end = k, i = k + 1; i < n; i++) {
		if (!v[i].code || v[i].width < w || v[i].tab ||
		    (v[i].width == w && clause_of(d, &v[i])))
			break;
		/* a line deeper than the body's: nested under the body's own
		 * last header, it moves with it */
		*end = i;
	}
	return true;
}

/*
 * "expected an indented block after 'if' statement on line N": the body
 * under the header is at the header's depth.  The body (its lines up to a
 * blank line or a clause) and the bodies of the clauses that go on with
 * the header at its depth ('else:' and its lines), one step deeper; only
 * where that is more than the one line the rule indents.
 */
static void flat_bodies(struct heal_gen *g, struct site *x, const struct iline *v, size_t n,
			size_t k)
{
	const char *d = x->s->data;
	size_t h, w, step = indent_step(v, n), end, first = k, last = k, lines = 0, i;
	struct heal_buf b;
	struct heal_gen_cand *c;
	bool *deeper;

	for (h = k; h-- > 0 && !v[h].code;)
		;
	if (h == (size_t)-1 || v[h].tab)
		return;
	w = v[h].width;
	deeper = heal_calloc(n, sizeof(*deeper));
	/* the header's body, then each clause's at its depth */
	for (i = k; flat_body(d, v, n, i, w, &end);) {
		size_t j;

		for (j = i; j <= end; j++)
			deeper[j] = v[j].code, lines += v[j].code;
		last = end;
		for (i = end + 1; i < n && !v[i].code; i++)
			;
		if (i >= n || v[i].width != w || !clause_of(d, &v[i]))
			break;
		for (i++; i < n && !v[i].code; i++)
			;
	}
	if (lines < 2 || g->n >= HEAL_GEN_MAX) {
		free(deeper);
		return;
	}
	heal_buf_init(&b, (v[last].off + v[last].len - v[first].off) + lines * step + 16);
	for (i = first; i <= last; i++) {
		if (i > first)
			heal_buf_putc(&b, '\n');
		if (deeper[i])
			heal_buf_putf(&b, "%*s", (int)step, "");
		heal_buf_put(&b, d + v[i].off, v[i].len);
	}
	free(deeper);
	x->rank = 0;
	c = heal_gen_new_cand(g, x, v[first].off, v[last].off + v[last].len,
			      heal_buf_detach(&b, NULL));
	c->kind = heal_strdup("indent:bodies@line");
	c->score = HEAL_GEN_SURE;
	g->n++;
}

void heal_gen_indent_blocks(struct heal_gen *g, struct site *x)
{
	const char *d = x->s->data, *clause;
	struct iline *v;
	size_t n, k, i, min;

	if (x->s->lang->syntax->lexer != HEAL_LEX_PYTHON || x->s->line == 0)
		return;
	v = heal_calloc(INDENT_LINES, sizeof(*v));
	n = split_lines(d, x->s->len, v, INDENT_LINES);
	k = x->s->line - 1;
	if (k >= n || !v[k].code || v[k].tab)
		goto out;
	clause = clause_of(d, &v[k]);
	if (clause && v[k].width > 0) {
		/* a clause: each header above it, at a smaller indentation
		 * than every line between, that it can go on with; nearest
		 * first */
		min = v[k].width;
		for (i = k; i-- > 0;) {
			if (!v[i].code || v[i].width >= min)
				continue;
			min = v[i].width;
			if (v[i].tab)
				break;
			if (matches_clause(d, &v[i], clause))
				add_shift(g, x, v, k, chain_end(d, v, n, k),
					  (long)v[i].width - (long)v[k].width, "indent:clause@line");
			if (min == 0)
				break;
		}
		goto out;
	}
	if (strstr(x->s->message ? x->s->message : "", "expected an indented block")) {
		flat_bodies(g, x, v, n, k);
		goto out;
	}
	if (strstr(x->s->message ? x->s->message : "", "unexpected indent")) {
		/* the block under the line, deeper than the line before it:
		 * all of it to that line's indentation */
		for (i = k; i-- > 0 && !v[i].code;)
			;
		if (i == (size_t)-1 || v[i].tab || v[i].width >= v[k].width)
			goto out;
		if (block_end(v, n, k, v[k].width - 1) > k)
			add_shift(g, x, v, k, block_end(v, n, k, v[k].width - 1),
				  (long)v[i].width - (long)v[k].width, "indent:block@line");
	}
out:
	free(v);
}
