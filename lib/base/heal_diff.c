#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_diff.h"

struct line {
	const char *s;
	size_t len;
	uint64_t hash;
};

struct lines {
	struct line *v;
	size_t n;
};

static uint64_t fnv1a(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static void split(const char *s, size_t len, struct lines *out)
{
	size_t i = 0, cap = 0;

	out->v = NULL;
	out->n = 0;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t k = nl ? (size_t)(nl - (s + i)) + 1 : len - i;

		if (out->n == cap) {
			cap = cap ? 2 * cap : 64;
			out->v = heal_reallocarray(out->v, cap, sizeof(*out->v));
		}
		out->v[out->n].s = s + i;
		out->v[out->n].len = k;
		out->v[out->n].hash = fnv1a(s + i, k);
		out->n++;
		i += k;
	}
}

static bool same(const struct line *a, const struct line *b)
{
	return a->hash == b->hash && a->len == b->len &&
	       memcmp(a->s, b->s, a->len) == 0;
}

enum op { OP_EQ, OP_DEL, OP_INS };

struct script {
	unsigned char *op;
	size_t n, cap;
};

static void push(struct script *sc, enum op o)
{
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? 2 * sc->cap : 256;
		sc->op = heal_realloc(sc->op, sc->cap);
	}
	sc->op[sc->n++] = (unsigned char)o;
}

/*
 * Myers on a[0..n) and b[0..m); appends the middle edit script in
 * reverse order to rev.  Returns false when D exceeds the cap.
 */
static bool myers(const struct line *a, size_t n, const struct line *b,
		  size_t m, struct script *rev)
{
	long max = (long)(n + m), dmax = max < HEAL_DIFF_MAX_D ? max
							       : HEAL_DIFF_MAX_D;
	long off = dmax + 1, d, k, x, y;
	long *v = heal_calloc((size_t)(2 * off + 1), sizeof(long));
	long **trace = heal_calloc((size_t)dmax + 1, sizeof(long *));
	long found = -1;

	for (d = 0; d <= dmax && found < 0; d++) {
		/* keep V as it was before step d, over k in [-d-1, d+1] */
		trace[d] = heal_memdup(v + off - d - 1,
				       (size_t)(2 * d + 3) * sizeof(long));
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			y = x - k;
			while (x < (long)n && y < (long)m &&
			       same(&a[x], &b[y])) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x >= (long)n && y >= (long)m) {
				found = d;
				break;
			}
		}
	}
	if (found >= 0) {
		x = (long)n;
		y = (long)m;
		for (d = found; d >= 0; d--) {
			long *tv = trace[d] + d + 1;   /* tv[k] == V[k] */
			long pk, px, py;

			k = x - y;
			if (d == 0) {
				while (x > 0 && y > 0) {
					push(rev, OP_EQ);
					x--;
					y--;
				}
				break;
			}
			if (k == -d || (k != d && tv[k - 1] < tv[k + 1]))
				pk = k + 1;
			else
				pk = k - 1;
			px = tv[pk];
			py = px - pk;
			while (x > px && y > py) {
				push(rev, OP_EQ);
				x--;
				y--;
			}
			if (pk == k + 1) {
				push(rev, OP_INS);
				y--;
			} else {
				push(rev, OP_DEL);
				x--;
			}
		}
	}
	for (d = 0; d <= dmax; d++)
		free(trace[d]);
	free(trace);
	free(v);
	return found >= 0;
}

static int emit_line(struct heal_buf *out, char mark, const struct line *l,
		     struct heal_error *err)
{
	if (heal_buf_addc(out, mark, err) < 0 ||
	    heal_buf_add(out, l->s, l->len, err) < 0)
		return -1;
	if (l->len == 0 || l->s[l->len - 1] != '\n')
		return heal_buf_adds(out, "\n\\ No newline at end of file\n",
				     err);
	return 0;
}

static int range(struct heal_buf *out, char mark, size_t start, size_t len,
		 struct heal_error *err)
{
	size_t shown = len ? start + 1 : start;

	if (len == 1)
		return heal_buf_addf(out, err, "%c%zu", mark, shown);
	return heal_buf_addf(out, err, "%c%zu,%zu", mark, shown, len);
}

int heal_diff_unified(struct heal_buf *out, const char *old_path,
		      const char *new_path, const char *old, size_t oldlen,
		      const char *new, size_t newlen,
		      struct heal_error *err)
{
	struct lines a, b;
	struct script rev = { 0 }, sc = { 0 };
	size_t pre = 0, suf = 0, i, j, ai, bi;
	int rc = -1;

	if (oldlen == newlen && memcmp(old, new, oldlen) == 0)
		return 0;
	split(old, oldlen, &a);
	split(new, newlen, &b);
	while (pre < a.n && pre < b.n && same(&a.v[pre], &b.v[pre]))
		pre++;
	while (suf < a.n - pre && suf < b.n - pre &&
	       same(&a.v[a.n - 1 - suf], &b.v[b.n - 1 - suf]))
		suf++;
	/* an empty side has no lines at all (v NULL): no offset into it */
	if (!myers(a.v ? a.v + pre : NULL, a.n - pre - suf,
		   b.v ? b.v + pre : NULL, b.n - pre - suf, &rev)) {
		rev.n = 0;
		for (i = 0; i < b.n - pre - suf; i++)
			push(&rev, OP_INS);
		for (i = 0; i < a.n - pre - suf; i++)
			push(&rev, OP_DEL);
	}
	for (i = 0; i < pre; i++)
		push(&sc, OP_EQ);
	for (i = rev.n; i > 0; i--)
		push(&sc, (enum op)rev.op[i - 1]);
	for (i = 0; i < suf; i++)
		push(&sc, OP_EQ);

	if (heal_buf_addf(out, err, "--- %s%s\n+++ %s%s\n",
			  old_path ? "a/" : "", old_path ? old_path : "/dev/null",
			  new_path ? "b/" : "", new_path ? new_path : "/dev/null") < 0)
		goto out;
	/* walk the script, emitting hunks with HEAL_DIFF_CONTEXT lines */
	i = 0;
	ai = bi = 0;
	while (i < sc.n) {
		size_t h0, h1, a0, b0, na = 0, nb = 0, k, ax, bx, eq;

		if (sc.op[i] == OP_EQ) {
			i++;
			ai++;
			bi++;
			continue;
		}
		/* hunk start: back up over context */
		k = 0;
		while (k < HEAL_DIFF_CONTEXT && i - k > 0 &&
		       sc.op[i - k - 1] == OP_EQ)
			k++;
		h0 = i - k;
		a0 = ai - k;
		b0 = bi - k;
		/* hunk end: stop after a run of more than 2*context equals */
		h1 = i;
		eq = 0;
		for (j = i; j < sc.n; j++) {
			if (sc.op[j] == OP_EQ) {
				if (++eq > 2 * HEAL_DIFF_CONTEXT)
					break;
			} else {
				eq = 0;
				h1 = j + 1;
			}
		}
		k = 0;
		while (k < HEAL_DIFF_CONTEXT && h1 < sc.n && sc.op[h1] == OP_EQ) {
			h1++;
			k++;
		}
		for (j = h0; j < h1; j++) {
			if (sc.op[j] != OP_INS)
				na++;
			if (sc.op[j] != OP_DEL)
				nb++;
		}
		if (heal_buf_adds(out, "@@ ", err) < 0 ||
		    range(out, '-', a0, na, err) < 0 ||
		    heal_buf_addc(out, ' ', err) < 0 ||
		    range(out, '+', b0, nb, err) < 0 ||
		    heal_buf_adds(out, " @@\n", err) < 0)
			goto out;
		ax = a0;
		bx = b0;
		for (j = h0; j < h1; j++) {
			int r;

			if (sc.op[j] == OP_EQ) {
				r = emit_line(out, ' ', &a.v[ax], err);
				ax++;
				bx++;
			} else if (sc.op[j] == OP_DEL) {
				r = emit_line(out, '-', &a.v[ax], err);
				ax++;
			} else {
				r = emit_line(out, '+', &b.v[bx], err);
				bx++;
			}
			if (r < 0)
				goto out;
		}
		i = h1;
		ai = ax;
		bi = bx;
	}
	rc = 0;
out:
	free(a.v);
	free(b.v);
	free(rev.op);
	free(sc.op);
	return rc;
}

/* ---- reading a unified diff back ------------------------------------------ */

/* A diff's "+++ b/FILE" (or "+++ FILE") names file. */
static bool names_file(const char *p, size_t n, const char *file)
{
	size_t fl = strlen(file);

	if (n >= 6 && !memcmp(p, "+++ b/", 6)) {
		p += 6;
		n -= 6;
	} else if (n >= 4 && !memcmp(p, "+++ ", 4)) {
		p += 4;
		n -= 4;
	} else {
		return false;
	}
	return n >= fl && !memcmp(p, file, fl) && (n == fl || p[fl] == '\t');
}

/* A number at *p (advanced past it); 0 when there is none. */
static size_t number(const char **p, const char *end)
{
	size_t v = 0;

	while (*p < end && **p >= '0' && **p <= '9' && v < SIZE_MAX / 16)
		v = v * 10 + (size_t)(*(*p)++ - '0');
	return v;
}

/* "@@ -a[,b] +c[,d] @@": the first lines of the hunk, old and new (a
 * count of 0 names the line before). */
static bool hunk_head(const char *p, size_t n, size_t *old, size_t *new,
		      size_t *nold, size_t *nnew)
{
	const char *end = p + n;
	size_t a, b = 1, c, d = 1;

	if (n < 4 || memcmp(p, "@@ -", 4))
		return false;
	p += 4;
	a = number(&p, end);
	if (p < end && *p == ',')
		p++, b = number(&p, end);
	if (end - p < 2 || p[0] != ' ' || p[1] != '+')
		return false;
	p += 2;
	c = number(&p, end);
	if (p < end && *p == ',')
		p++, d = number(&p, end);
	*old = b ? a : a + 1;
	*new = d ? c : c + 1;
	*nold = b;
	*nnew = d;
	return true;
}

size_t heal_diff_old_line(const char *d, const char *file, size_t line, bool *added)
{
	size_t old = 0, new = 0, run_old = 0, run_plus = 0, nold = 0, nnew = 0;
	long delta = 0;           /* new line - old line outside the hunks */
	bool in = false;

	if (added)
		*added = false;
	while (d && *d) {
		const char *e = strchr(d, '\n');
		size_t n = e ? (size_t)(e - d) : strlen(d);

		if ((nold || nnew) && !in) {
			/* another file's hunk: its lines counted off */
			if (n && d[0] != '+')
				nold -= nold > 0;
			if (n && d[0] != '-')
				nnew -= nnew > 0;
		} else if (nold || nnew) {
			/* a hunk's line, by its first byte (a removed "-- x" or an
			 * added "++ x" is no header) */
			if (n && d[0] == ' ') {
				if (new == line)
					return old;
				old++, new++;
				nold -= nold > 0;
				nnew -= nnew > 0;
				run_old = old;
				run_plus = 0;
			} else if (n && d[0] == '-') {
				old++;
				nold -= nold > 0;
			} else if (n && d[0] == '+') {
				/* the k-th line added in a run replaces the k-th
				 * removed, else it follows the run's last */
				if (new == line) {
					size_t k = run_old + run_plus;

					if (added)
						*added = true;
					return k < old ? k : old > 1 ? old - 1 : 1;
				}
				new++;
				nnew -= nnew > 0;
				run_plus++;
			}
			delta = (long)new - (long)old;
		} else if (n >= 4 && !memcmp(d, "+++ ", 4)) {
			in = names_file(d, n, file);
		} else if (hunk_head(d, n, &old, &new, &nold, &nnew)) {
			if (in && line < new)
				break;
			run_old = old;
			run_plus = 0;
		}
		if (!e)
			break;
		d = e + 1;
	}
	if ((long)line - delta < 1)
		return 1;
	return (size_t)((long)line - delta);
}

/*
 * A walk over a unified diff's lines: each line in turn, and for a '+' or
 * '-' line of a hunk of the file asked for, its place in the new file.
 */
struct walk {
	const char *d, *file;
	size_t old, new, nold, nnew;
	bool in;
	/* the line walked to */
	const char *line;
	size_t n;
	size_t at;               /* the new file's line where it stands */
	bool change;             /* a '+' or '-' line of the file's hunks */
};

static bool walk_next(struct walk *w)
{
	const char *d = w->d, *e;
	size_t n;

	if (!d || !*d)
		return false;
	e = strchr(d, '\n');
	n = e ? (size_t)(e - d) : strlen(d);
	w->d = e ? e + 1 : NULL;
	w->line = d;
	w->n = n;
	w->change = false;
	if (w->nold || w->nnew) {
		/* a hunk's line, by its first byte (a removed "-- x" is no
		 * header) */
		if (n && d[0] != '+')
			w->nold -= w->nold > 0;
		if (n && d[0] != '-')
			w->nnew -= w->nnew > 0;
		w->at = w->new;
		w->change = w->in && n && (d[0] == '+' || d[0] == '-');
		if (w->in && n && d[0] != '-')
			w->new++;
	} else if (n >= 4 && !memcmp(d, "+++ ", 4)) {
		w->in = names_file(d, n, w->file);
	} else {
		hunk_head(d, n, &w->old, &w->new, &w->nold, &w->nnew);
	}
	return true;
}

static void walk_init(struct walk *w, const char *d, const char *file)
{
	memset(w, 0, sizeof(*w));
	w->d = d;
	w->file = file;
}

/* Whether lines a and b (n, m bytes, after their +/- mark) are the same
 * but for their leading blanks. */
static bool same_but_indent(const char *a, size_t n, const char *b, size_t m)
{
	while (n && (*a == ' ' || *a == '\t'))
		a++, n--;
	while (m && (*b == ' ' || *b == '\t'))
		b++, m--;
	return n == m && !memcmp(a, b, n);
}

#define REINDENT_RUN 256

/* A run of changed lines of heal_diff_last_text_line. */
struct run {
	const char *rl[REINDENT_RUN], *al[REINDENT_RUN];
	size_t rn[REINDENT_RUN], an[REINDENT_RUN], anew[REINDENT_RUN], at[2 * REINDENT_RUN];
	size_t nr, na, nat;
	bool over;
};

/* The run ended: its last line whose text changed, when each removed
 * line came back indented anew; else its last line, into *last. */
static void run_end(struct run *r, size_t *last)
{
	size_t k;

	if (!r->over && r->nr == r->na) {
		for (k = 0; k < r->na; k++)
			if (!same_but_indent(r->rl[k], r->rn[k], r->al[k], r->an[k]) &&
			    r->anew[k] > *last)
				*last = r->anew[k];
	} else {
		for (k = 0; k < r->nat; k++)
			*last = r->at[k] > *last ? r->at[k] : *last;
	}
	r->nr = r->na = r->nat = 0;
	r->over = false;
}

size_t heal_diff_last_text_line(const char *d, const char *file, long *delta)
{
	struct run *r = heal_calloc(1, sizeof(*r));
	struct walk w;
	size_t last = 0;

	*delta = 0;
	walk_init(&w, d, file);
	while (walk_next(&w)) {
		if (!w.change) {
			if (r->nr || r->na)
				run_end(r, &last);
			continue;
		}
		*delta += w.line[0] == '+' ? 1 : -1;
		if (w.line[0] == '-' && r->nr < REINDENT_RUN) {
			r->rl[r->nr] = w.line + 1;
			r->rn[r->nr++] = w.n - 1;
		} else if (w.line[0] == '+' && r->na < REINDENT_RUN) {
			r->al[r->na] = w.line + 1;
			r->anew[r->na] = w.at;
			r->an[r->na++] = w.n - 1;
		} else {
			r->over = true;
		}
		if (r->nat < 2 * REINDENT_RUN)
			r->at[r->nat++] = w.at;
		else
			last = w.at > last ? w.at : last;
	}
	if (r->nr || r->na)
		run_end(r, &last);
	free(r);
	return last;
}

size_t heal_diff_first_line(const char *d, const char *file)
{
	struct walk w;

	walk_init(&w, d, file);
	while (walk_next(&w))
		if (w.change)
			return w.at;
	return 0;
}

size_t heal_diff_last_line(const char *d, const char *file, long *delta)
{
	struct walk w;
	size_t last = 0;

	*delta = 0;
	walk_init(&w, d, file);
	while (walk_next(&w))
		if (w.change) {
			last = w.at > last ? w.at : last;
			*delta += w.line[0] == '+' ? 1 : -1;
		}
	return last;
}

bool heal_diff_line_pair(const char *d, const char *file, size_t line, const char **old_text,
			 size_t *old_len, const char **new_text, size_t *new_len)
{
	size_t old = 0, new = 0, nold = 0, nnew = 0, minus = 0, plus = 0;
	const char *m = NULL, *p = NULL;
	size_t mlen = 0, plen = 0;
	bool in = false, found = false;

	while (d && *d) {
		const char *e = strchr(d, '\n');
		size_t n = e ? (size_t)(e - d) : strlen(d);
		bool body = (nold || nnew) && n && (d[0] == ' ' || d[0] == '-' || d[0] == '+');

		if (body && in && d[0] == '-') {
			/* a removed line after an added one starts a new run */
			if (plus)
				minus = plus = 0;
			if (!minus++)
				m = d + 1, mlen = n - 1;
			old++;
			nold -= nold > 0;
		} else if (body && in && d[0] == '+') {
			new++;
			if (new == line)
				found = true, p = d + 1, plen = n - 1;
			plus++;
			nnew -= nnew > 0;
		} else if (body && in) {
			if (found)
				break;
			minus = plus = 0;
			old++, new++;
			nold -= nold > 0;
			nnew -= nnew > 0;
		} else if (body) {
			/* another file's hunk: its lines counted off */
			if (d[0] != '+')
				nold -= nold > 0;
			if (d[0] != '-')
				nnew -= nnew > 0;
		} else if (n >= 4 && !memcmp(d, "+++ ", 4)) {
			if (found)
				break;
			in = names_file(d, n, file);
		} else if (hunk_head(d, n, &old, &new, &nold, &nnew)) {
			if (found)
				break;
			/* the header's numbers are the first lines: counted from one before */
			old -= old > 0;
			new -= new > 0;
			minus = plus = 0;
		}
		if (!e)
			break;
		d = e + 1;
	}
	if (!found || minus != 1 || plus != 1)
		return false;
	*old_text = m, *old_len = mlen;
	*new_text = p, *new_len = plen;
	return true;
}
