/*
 * heal_detect_scan.c - candidate lines.  The lines that may start
 * something are found ahead of the matching, over whole runs of complete
 * lines as they arrive: a line that holds a prefilter literal
 * (heal_prefilter_scan) or one the generic reader may take
 * (heal_detect_generic_scan).  While nothing is open the engine jumps from
 * one to the next; while something is open it looks at every line, and
 * knows of each one that is no candidate that no matcher can start there
 * without scanning it for literals again.
 *
 * A run is scanned by whoever reads it: the engine as it drains (fed
 * input, archives) or the reader thread (heal_detect_reader.c), which
 * hands the engine the bytes and their candidates together.
 */
#include <string.h>

#include "heal_alloc.h"
#include "heal_text.h"
#include "heal_detect_int.h"

void heal_detect_cands_push(struct heal_detect_cands *c, uint64_t at,
			    uint64_t lits)
{
	if (c->n && c->v[c->n - 1] == at) {
		if (c->lits[c->n - 1] != lits)
			c->lits[c->n - 1] = HEAL_PF_IDS_UNKNOWN;
		return;
	}
	if (c->n == c->cap) {
		if (c->head) {
			/* the consumed front makes room first */
			memmove(c->v, c->v + c->head, (c->n - c->head) * sizeof(*c->v));
			memmove(c->lits, c->lits + c->head,
				(c->n - c->head) * sizeof(*c->lits));
			c->n -= c->head;
			c->head = 0;
		}
		if (c->n == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 1024;
			c->v = heal_reallocarray(c->v, c->cap, sizeof(*c->v));
			c->lits = heal_reallocarray(c->lits, c->cap, sizeof(*c->lits));
		}
	}
	c->lits[c->n] = lits;
	c->v[c->n++] = at;
}

void heal_detect_cands_push_free(struct heal_detect_cands *c, uint64_t at)
{
	if (c->fn == c->fcap) {
		if (c->fhead) {
			memmove(c->fv, c->fv + c->fhead,
				(c->fn - c->fhead) * sizeof(*c->fv));
			c->fn -= c->fhead;
			c->fhead = 0;
		}
		if (c->fn == c->fcap) {
			c->fcap = c->fcap ? 2 * c->fcap : 1024;
			c->fv = heal_reallocarray(c->fv, c->fcap, sizeof(*c->fv));
		}
	}
	c->fv[c->fn++] = at;
}

void heal_detect_cands_reset(struct heal_detect_cands *c)
{
	c->n = c->head = 0;
	c->fn = c->fhead = 0;
}

void heal_detect_cands_release(struct heal_detect_cands *c)
{
	free(c->v);
	free(c->lits);
	free(c->litbits);
	free(c->fv);
	memset(c, 0, sizeof(*c));
}

/*
 * The literals of a candidate line buf[ls, eol) (heal_prefilter_ids): none
 * begins before hit, the first at or after the line's start.
 */
static uint64_t line_ids(const struct heal_prefilter *pf, const char *buf,
			 size_t ls, size_t eol, size_t hit,
			 struct heal_detect_cands *out)
{
	if (hit >= eol)
		return HEAL_PF_IDS_NONE;
	if (!out->litbits)
		out->litbits = heal_calloc(pf->nlit / 64 + 1, sizeof(uint64_t));
	return heal_prefilter_ids(pf, buf + ls, eol - ls, hit - ls, out->litbits);
}

/*
 * The start of the first line in buf[pos, lim) that holds a terminal
 * escape and, cleaned of its escapes as the engine cleans a line, a
 * literal ("site.yml\x1b[0m:3" holds ".yml:" only when cleaned), else
 * lim.  A line that reaches lim is lim's own (a candidate already).  A
 * stream whose coloured lines, cleaned, rarely hold a literal their
 * escapes split (fewer than one in 64 after 256, counted in col: one a
 * stream, whatever its blocks) is no longer looked at so: its colours do
 * not split words (a test runner's green ticks).
 */
static size_t coloured(const struct heal_detect *d, const char *buf,
		       size_t pos, size_t lim, struct heal_detect_colour *col)
{
	const struct heal_prefilter *pf = &d->ps->pf;
	const char *p = buf + pos, *e = buf + lim, *x, *ls, *le;
	size_t n;

	while (p < e && (x = memchr(p, '\x1b', (size_t)(e - p)))) {
		if (col->checks >= 256 && col->hits * 64 < col->checks)
			return lim;
		le = memchr(x, '\n', (size_t)(e - x));
		if (!le)
			return lim;
		ls = memrchr(p, '\n', (size_t)(x - p));
		ls = ls ? ls + 1 : p;
		n = (size_t)(le - ls);
		if (n > d->max_line)
			return (size_t)(ls - buf);
		if (!col->clean)
			col->clean = heal_malloc(d->max_line + 1);
		n = heal_text_strip_ansi(ls, n, col->clean);
		col->checks++;
		if (heal_prefilter_scan(pf, col->clean, n, 0) < n) {
			col->hits++;
			return (size_t)(ls - buf);
		}
		p = le + 1;
	}
	return lim;
}

/*
 * The lines of buf[0..len) a matcher without literals may start on
 * (heal_prefilter_gate.c), to out's free list; the first one whole only
 * when it began in buf.
 */
static void gated(const struct heal_detect *d, const char *buf, size_t len,
		  uint64_t base, uint64_t line0, struct heal_detect_colour *col,
		  struct heal_detect_cands *out)
{
	const struct heal_prefilter_gate *g = d->ps->pf.gate;
	size_t at = 0;
	const char *nl;

	if (!col->clean)
		col->clean = heal_malloc(d->max_line + 1);
	if (line0 != base) {
		heal_detect_cands_push_free(out, line0);
		nl = memchr(buf, '\n', len);
		at = nl ? (size_t)(nl - buf) + 1 : len;
	}
	while ((at = heal_prefilter_gate_next(g, buf, at, len, col->clean,
					      d->max_line)) < len) {
		heal_detect_cands_push_free(out, base + at);
		nl = memchr(buf + at, '\n', len - at);
		at = nl ? (size_t)(nl - buf) + 1 : len;
	}
}

void heal_detect_scan_run(const struct heal_detect *d, const char *buf,
			  size_t len, uint64_t base, uint64_t line0,
			  struct heal_detect_colour *col,
			  struct heal_detect_cands *out)
{
	const struct heal_prefilter *pf = &d->ps->pf;
	size_t pos = 0;

	if (pf->gate && !pf->all)
		gated(d, buf, len, base, line0, col, out);

	while (pos < len) {
		size_t hit = heal_prefilter_scan(pf, buf, len, pos);
		size_t g = heal_detect_generic_scan(d, buf, pos, hit);
		size_t c = pf->all ? g : coloured(d, buf, pos, g, col);
		size_t ls, from;
		const char *nl;

		if (c < g) {
			/* a coloured line: its literals are found by the engine */
			nl = memchr(buf + c, '\n', len - c);
			pos = nl ? (size_t)(nl - buf) + 1 : len;
			heal_detect_cands_push(out, c ? base + c : line0,
					       HEAL_PF_IDS_UNKNOWN);
			continue;
		}
		if (g < hit) {
			/* the generic reader's candidate is a line start */
			ls = from = g;
		} else if (hit >= len) {
			break;
		} else {
			nl = hit > pos ? memrchr(buf + pos, '\n', hit - pos) : NULL;
			ls = nl ? (size_t)(nl - buf) + 1 : pos;
			from = hit;
		}
		nl = memchr(buf + from, '\n', len - from);
		pos = nl ? (size_t)(nl - buf) + 1 : len;
		/* the line's literals (the engine does not look for them
		 * again), when the whole line is here */
		heal_detect_cands_push(out, ls ? base + ls : line0,
				       ls || line0 == base
				       ? line_ids(pf, buf, ls, pos, hit, out)
				       : HEAL_PF_IDS_UNKNOWN);
	}
}
