/*
 * heal_search_judge.c - the repair search's judge: a candidate's check
 * read against the original's (the target gone, nothing new, warnings a
 * checker leaves out of code after an error told apart), and the budget.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "heal_lang.h"
#include "heal_search_int.h"

double heal_search_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool same_file(const char *at, const char *file)
{
	size_t a = strlen(at), f = strlen(file);

	return !strcmp(at, file) || (a > 2 && !strncmp(at, "./", 2) && !strcmp(at + 2, file)) ||
	       (f > a && file[f - a - 1] == '/' && !strcmp(file + f - a, at));
}

void heal_search_collect(struct verdict *vd, const char *file)
{
	size_t i, k;

	vd->n = vd->nw = 0;
	vd->status = vd->res.status;
	for (i = 0; i < vd->res.nsteps; i++) {
		const struct heal_check_step *st = &vd->res.steps[i];

		for (k = 0; k < st->nerrors; k++) {
			const struct heal_json *e = st->errors[k];
			const char *sev = heal_json_object_get_str(e, "severity");
			const char *at = heal_json_object_get_str(e, "file");
			const char *msg = heal_json_object_get_str(e, "message");
			bool warning = sev && !strcmp(sev, "warning");
			struct found *f;
			int64_t line = 0, col = 0, count = 1;

			if ((sev && strcmp(sev, "error") != 0 && !warning) || !msg)
				continue;
			if (at && !same_file(at, file))
				continue;
			if (warning ? vd->nw >= ERRORS_MAX : vd->n >= ERRORS_MAX)
				continue;
			f = warning ? &vd->w[vd->nw++] : &vd->v[vd->n++];
			heal_json_object_get_int(e, "line", 1, INT64_MAX, &line);
			heal_json_object_get_int(e, "column", 1, INT64_MAX, &col);
			f->count = 1;
			if (heal_json_object_get_int(e, "count", 1, INT64_MAX, &count) == 1)
				f->count = (size_t)count;
			f->line = line > 0 ? (size_t)line : 0;
			f->column = col > 0 ? (size_t)col : 0;
			f->message = msg;
			f->detail = heal_json_object_get_str(e, "detail");
		}
	}
}

/* A candidate's error's line and column as they were in the original. */
static void unmove(const struct place *p, const struct found *e, size_t *line,
		   size_t *col)
{
	*line = e->line;
	*col = e->column;
	if (e->line > p->line && p->lines)
		*line = (size_t)((long)e->line - p->lines);
	else if (e->line == p->line && !p->lines && e->column > p->column &&
		 (long)e->column - p->bytes >= (long)p->column)
		*col = (size_t)((long)e->column - p->bytes);
}

static bool same_error(const struct found *orig, size_t line, size_t col,
		       const char *message)
{
	/* a message the checker gave more than once at a line is folded
	 * into one error at its first column: any column of the line is it */
	return orig->line == line &&
	       (!orig->column || !col || orig->column == col || orig->count > 1) &&
	       heal_check_same_message(orig->message, message);
}

/* Whether an error (or warning) of a candidate was among the original's
 * (v, n). */
static bool in_base(const struct found *v, size_t n, const struct found *e,
		    const struct place *p)
{
	size_t i, line, col;

	unmove(p, e, &line, &col);
	for (i = 0; i < n; i++)
		if (same_error(&v[i], line, col, e->message))
			return true;
	return false;
}

/*
 * The judge: NULL when the candidate is good, else why not (static text,
 * or into why).
 */
const char *heal_search_checker_of(const struct verdict *vd)
{
	return vd->res.nsteps ? vd->res.steps[0].checker : NULL;
}

bool heal_search_budget_left(const struct ctx *c)
{
	double t = heal_search_now() - c->t0;

	return c->stats->runs < c->s->o.max_runs && t < c->s->o.max_seconds &&
	       c->s->spent + t < c->s->o.total_seconds;
}

/*
 * Whether a candidate's (buf, len) error e, which the original did not
 * have, is one the checker could not show before: past the edit, and
 * there whatever comes before it (heal_check_revealed).  One checker run.
 */
static bool revealed(struct ctx *c, const struct found *e, const struct place *p,
		     const char *buf, size_t len)
{
	struct heal_error err = HEAL_ERROR_INIT;
	size_t after = p->line + (size_t)(p->lines > 0 ? p->lines : 0);
	bool r = false;
	int ran;

	if (!buf || !heal_search_budget_left(c) ||
	    !heal_check_first_error_only(heal_search_checker_of(&c->base)))
		return false;
	if (e->line < p->line && e->line < c->line) {
		/* before the edit: a checker's first pass (Python's tokenizer)
		 * stopped at the error fixed before its second saw this one */
		ran = heal_check_revealed_before(&c->co, c->copies[0],
						 heal_search_checker_of(&c->base), buf, len, p->line,
						 e->line, e->message, &r, &err);
		if (ran > 0)
			c->stats->runs++;
		if (r && c->explain)
			heal_buf_putf(c->explain, "search: the error at line %zu (%.100s) is "
				      "before the edit and there without the lines from it on: "
				      "the checker reaches it now, the edit did not make it\n",
				      e->line, e->message);
		return r;
	}
	if (e->line <= c->line || e->line <= after)
		return false;
	ran = heal_check_revealed(&c->co, c->copies[0], heal_search_checker_of(&c->base), buf, len,
				  after, e->line, e->message, &r, &err);
	if (ran > 0)
		c->stats->runs++;
	if (r && c->explain)
		heal_buf_putf(c->explain, "search: the error at line %zu (%.100s) is past the "
			      "edit and there without the lines before it: the checker "
			      "reaches it now, the edit did not make it\n", e->line, e->message);
	return r;
}

/*
 * Whether a candidate's error e, which the original did not have, is of a
 * later stage of the file's language's checking (heal_lang's stages) than
 * every error the original's check had, and outside the edit's lines: the
 * original's errors stopped the checker before e's stage (a YAML parser's
 * error before an unhashable key; HCL's before Terraform's references).
 */
static bool later_stage(const struct ctx *c, const struct found *e, const struct place *p)
{
	bool header = false;
	const struct heal_lang *l = heal_lang_of_path(c->co.root, c->file, &header);
	size_t i, last = p->line + (size_t)(p->lines > 0 ? p->lines : 0);
	int top = -1, s;

	if (!l || header || !l->stages || !c->base.n ||
	    (e->line >= p->line && e->line <= last))
		return false;
	for (i = 0; i < c->base.n; i++) {
		s = heal_lang_stage(l, c->base.v[i].message, c->base.v[i].detail);
		if (s < 0)
			return false;
		if (s > top)
			top = s;
	}
	if (heal_lang_stage(l, e->message, e->detail) <= top)
		return false;
	if (c->explain)
		heal_buf_putf(c->explain, "search: the error at line %zu (%.100s) is of a later "
			      "stage of checking than the original's, which stopped the checker "
			      "before it: the edit did not make it\n", e->line, e->message);
	return true;
}

/* How far (bytes) the one error of its kind on the target's line may have
 * moved and still be the target. */
#define NEAR_COLUMNS 3

/*
 * Whether a candidate's check still has the target error: its message on
 * its line, at its column where both have one (clang's 'called object
 * type 'float' is not a function' twice on a line: the other one is not
 * the target), else as many times as the original had it there.
 */
static bool still_there(const struct ctx *c, const struct verdict *vd,
			const struct place *p)
{
	size_t i, n = 0;

	for (i = 0; i < vd->n; i++) {
		size_t line, col;

		unmove(p, &vd->v[i], &line, &col);
		if (line != c->line || !heal_check_same_message(vd->v[i].message, c->message))
			continue;
		if (c->column && col && c->same > 1) {
			if (col == c->column)
				return true;
			continue;
		}
		/* the one error of its kind there, now far along the line: another
		 * one ('(int**malloc(...));': 'expected expression' at the ';') */
		if (c->column && col && c->same == 1 &&
		    (col > c->column + NEAR_COLUMNS || col + NEAR_COLUMNS < c->column))
			continue;
		/* nor when it is now past the edit, which began at the caret's
		 * token: the same complaint about a later operand
		 * ('convert(c,i)': '*' put before c, then i's turn) */
		if (c->column && col && c->same == 1 && !p->lines && p->line == c->line &&
		    p->column <= c->column && p->column + NEAR_COLUMNS >= c->column &&
		    p->width != SIZE_MAX &&
		    col > c->column && (long)col > (long)p->column + (long)p->width - p->bytes)
			continue;
		n += vd->v[i].count;
	}
	return n > 0 && n >= c->same;
}

/* Whether a good candidate's check leaves no error on the target's line
 * (fro(i=0;i<n;i++): a ')' after 'fro(i=0' is good, 'for' clears the
 * line) and, with warnings, no warning the original did not have (one the
 * judge let pass as the checker's, not the edit's: a cleaner edit may do
 * without). */
bool heal_search_complete(const struct ctx *c, const struct verdict *vd, const struct place *p,
			  bool warnings)
{
	size_t i, line, col;

	for (i = 0; i < vd->n; i++) {
		unmove(p, &vd->v[i], &line, &col);
		if (line == c->line)
			return false;
	}
	for (i = 0; warnings && i < vd->nw; i++)
		if (!in_base(c->base.w, c->base.nw, &vd->w[i], p))
			return false;
	return true;
}

static const char *judge(struct ctx *c, const struct verdict *vd,
			 const struct place *p, const char *buf, size_t len,
			 char *why, size_t whysz)
{
	size_t i;

	if (!vd->ran)
		return "the checker could not run";
	if (vd->status == HEAL_CHECK_PASSED && vd->n == 0)
		return NULL;
	if (vd->status != HEAL_CHECK_FAILED && vd->status != HEAL_CHECK_PASSED)
		return heal_check_status_name(vd->status);
	if (still_there(c, vd, p))
		return "the error is still there";
	for (i = 0; i < vd->n; i++)
		if (!in_base(c->base.v, c->base.n, &vd->v[i], p) &&
		    !later_stage(c, &vd->v[i], p) &&
		    !revealed(c, &vd->v[i], p, buf, len)) {
			snprintf(why, whysz, "new error at line %zu: %.120s", vd->v[i].line,
				 vd->v[i].message);
			return why;
		}
	if (vd->n == 0)
		return "the checker failed without an error heal can read";
	return NULL;
}

/* The text of lines first..last (from 1) of d[0..len): *off, the length. */
static size_t lines_of(const char *d, size_t len, size_t first, size_t last,
		       size_t *off)
{
	size_t p = 0, l = 1, start = len;

	while (p < len) {
		if (l == first)
			start = p;
		if (l == last + 1)
			break;
		while (p < len && d[p] != '\n')
			p++;
		p += p < len;
		l++;
	}
	*off = start < p ? start : p;
	return start < p ? p - start : 0;
}

/* Whether a candidate's warning points into the edit's new text (on an
 * edit of one line; on any other, or without a column, it may). */
static bool in_edit(const struct place *p, const struct found *w)
{
	if (p->lines || !w->column || p->width == SIZE_MAX)
		return true;
	return w->line == p->line && w->column >= p->column &&
	       w->column < p->column + (p->width ? p->width : 1);
}

/* How many of the n bytes at s are ch. */
static size_t count_of(const char *s, size_t n, char ch)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += s[i] == ch;
	return k;
}

/*
 * Whether warning w of the candidate (buf, len) is in another function
 * than the edit: the edit's lines (old text o, new text nw) hold as many
 * braces of each kind on both sides, and a line that starts with '}' (a function's
 * end, in the styles students and projects write) lies between the
 * edit's lines and the warning's.
 */
static bool apart(const struct place *p, const struct found *w, const char *buf, size_t len,
		  const char *o, size_t on, const char *nw, size_t nn)
{
	size_t lo, hi, off, n, i, last = p->line + (size_t)(p->lines > 0 ? p->lines : 0);

	if (!buf || p->width == SIZE_MAX || count_of(o, on, '{') != count_of(nw, nn, '{') ||
	    count_of(o, on, '}') != count_of(nw, nn, '}'))
		return false;
	if (w->line > last) {
		lo = last + 1;
		hi = w->line - 1;
	} else if (w->line < p->line) {
		lo = w->line;
		hi = p->line - 1;
	} else {
		return false;
	}
	if (lo > hi)
		return false;
	n = lines_of(buf, len, lo, hi, &off);
	for (i = 0; i < n; i++)
		if (buf[off + i] == '}' && (i == 0 || buf[off + i - 1] == '\n'))
			return true;
	return false;
}

/* Whether a warning of the candidate (buf, len) is one the checker left
 * out of the original's code after its error, about nothing the edit's
 * lines name (heal_check_quiet_warning). */
static bool quiet_warning(const struct ctx *c, const struct place *p,
			  const char *buf, size_t len, const struct found *w)
{
	size_t oo, on, no, nn;

	if (!buf)
		return false;
	on = lines_of(c->f->data, c->f->len, p->line,
		      p->line + (size_t)(p->lines < 0 ? -p->lines : 0), &oo);
	nn = lines_of(buf, len, p->line,
		      p->line + (size_t)(p->lines > 0 ? p->lines : 0), &no);
	struct heal_check_edit e;
	size_t i;

	e.old = c->f->data + oo;
	e.oldn = on;
	e.new = buf + no;
	e.newn = nn;
	e.in_edit = in_edit(p, w);
	e.apart = apart(p, w, buf, len, c->f->data + oo, on, buf + no, nn);
	e.said_before = false;
	for (i = 0; i < c->base.nw && !e.said_before; i++)
		e.said_before = heal_check_same_message(c->base.w[i].message, w->message);
	return heal_check_quiet_warning(heal_search_checker_of(&c->base), w->message, &e);
}

/* The judge, and a good candidate that adds a warning refused: the
 * compiler frowns on it (return main; if (x = 1)). */
const char *heal_search_judge_all(struct ctx *c, const struct verdict *vd,
			     const struct place *p, const char *buf, size_t len,
			     char *why, size_t whysz)
{
	const char *no = judge(c, vd, p, buf, len, why, whysz);
	const char *name = heal_search_checker_of(&c->base);
	const struct heal_checker *ck = name ? heal_checker_get(name) : NULL;
	size_t i, line, col;

	if (no)
		return no;
	for (i = 0; i < vd->nw; i++) {
		/* a checker that stops at the error never got as far as its
		 * warnings (Python warns in the compile after a whole parse:
		 * SyntaxWarning on '1[0]' anywhere): only a warning on the
		 * edit's own lines is the edit's */
		unmove(p, &vd->w[i], &line, &col);
		if (ck && ck->first_error_only &&
		    (line < p->line || line > p->line + (size_t)(p->lines > 0 ? p->lines : 0)))
			continue;
		if (!in_base(c->base.w, c->base.nw, &vd->w[i], p) &&
		    !quiet_warning(c, p, buf, len, &vd->w[i])) {
			snprintf(why, whysz, "a new warning at line %zu: %.120s",
				 vd->w[i].line, vd->w[i].message);
			return why;
		}
	}
	return NULL;
}

/* Whether the search is within share (0 to 1) of its budget: runs and time. */
bool heal_search_within(const struct ctx *c, double share)
{
	return heal_search_budget_left(c) && c->stats->runs < (unsigned)(c->s->o.max_runs * share) &&
	       heal_search_now() - c->t0 < c->s->o.max_seconds * share &&
	       (!c->fallback || c->stats->runs < c->fallback_runs + COMPLETE_RUNS);
}

/* Whether a refused candidate made progress (struct progress); its first
 * new error in *first. */
bool heal_search_made_progress(const struct ctx *c, const struct verdict *vd,
			  const struct place *p, const struct found **first)
{
	size_t i, lo = p->line > 1 ? p->line - 1 : 1;
	size_t hi = p->line + (size_t)(p->lines > 0 ? p->lines : 0) + 1;

	*first = NULL;
	if (!vd->ran || vd->status != HEAL_CHECK_FAILED || still_there(c, vd, p))
		return false;
	for (i = 0; i < vd->n; i++) {
		if (in_base(c->base.v, c->base.n, &vd->v[i], p))
			continue;
		if (vd->v[i].line < lo || vd->v[i].line > hi)
			return false;
		if (!*first)
			*first = &vd->v[i];
	}
	return *first != NULL;
}
