/*
 * heal_regex_gate.c - what every match of a pattern must contain, as runs
 * of byte classes (heal_regex_gate.h).
 *
 * The pattern is read once, left to right, into fragments.  Of each
 * fragment the reading keeps: whether it is linear (a plain run: every
 * match of it is one of its sequences of bytes, "\\d+:" two positions),
 * the run every match of it begins with and the one it ends with, and the
 * rarest set of runs one of which every match of it holds.  A
 * concatenation joins the first one's end to the second one's beginning
 * (":" then "\\d+" is the run ":\\d+"); a part that may be absent ("x?",
 * "(...)*", a back-reference) breaks the runs around it; an alternation
 * needs one of its branches' rarest runs.  Look-arounds and anchors take
 * no bytes and break nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_regex_gate.h"
#include "heal_regex_int.h"

#define MAX_DEPTH 32
#define MAX_COPIES 8                /* "\\d{10}" reads as 8 digits or more */

struct clause {
	size_t n;                   /* 0: none known */
	struct heal_gate_run v[HEAL_GATE_MAXRUNS];
	double bits;
};

struct frag {
	bool linear;                /* the whole is pre (and suf) */
	struct heal_gate_run pre;   /* every match begins with it */
	struct heal_gate_run suf;   /* every match ends with it */
	struct clause best;         /* every match holds one of these */
};

struct rx {
	const char *p;
	size_t i;
	int depth;
	bool bail;
	bool caseless;
};

/* ---- how rare a byte is in a log ---------------------------------------- */

static double byte_p(unsigned c)
{
	if (c == ' ')
		return 0.14;
	if (c >= 'a' && c <= 'z')
		return 0.021;
	if (c >= 'A' && c <= 'Z')
		return 0.0025;
	if (c >= '0' && c <= '9')
		return 0.008;
	if (c == ':' || c == '/' || c == '.' || c == '-' || c == '_' || c == '=')
		return 0.012;
	if (c == '\t')
		return 0.004;
	if (c > 0x20 && c < 0x7f)
		return 0.003;
	if (c >= 0x80)
		return 0.0002;
	return 0.00005;
}

/* The bytes byte_p gives one chance each, and that chance. */
struct chance {
	uint64_t set[4];
	double p;
};

static const struct chance *chances(size_t *n)
{
	static _Thread_local struct chance v[16];
	static _Thread_local size_t nv;
	unsigned c;
	size_t i;

	if (nv) {
		*n = nv;
		return v;
	}
	for (c = 0; c < 256; c++) {
		double p = byte_p(c);

		for (i = 0; i < nv && v[i].p != p; i++)
			;
		if (i == nv) {
			v[nv].p = p;
			nv++;
		}
		v[i].set[c / 64] |= (uint64_t)1 << (c % 64);
	}
	*n = nv;
	return v;
}

/* A few sets' rarities, the classes a pattern repeats (\\d, \\s, one byte)
 * most: looked up by a hash of the set. */
struct bits_memo {
	uint64_t set[4];
	double bits;
	bool used;
};

static double pos_bits_count(const struct heal_gate_pos *p);

static double pos_bits(const struct heal_gate_pos *p)
{
	static _Thread_local struct bits_memo memo[256];
	uint64_t h = (p->set[0] * 0x9e3779b97f4a7c15u) ^ (p->set[1] * 0xc2b2ae3d27d4eb4fu) ^
		     (p->set[2] * 0x165667b19e3779f9u) ^ (p->set[3] * 0x27d4eb2f165667c5u);
	struct bits_memo *e = &memo[(h >> 56) & 0xff];

	if (!e->used || memcmp(e->set, p->set, sizeof(e->set)) != 0) {
		memcpy(e->set, p->set, sizeof(e->set));
		e->bits = pos_bits_count(p);
		e->used = true;
	}
	return e->bits;
}

static double pos_bits_count(const struct heal_gate_pos *p)
{
	size_t n, i, w;
	const struct chance *v = chances(&n);
	double s = 0;

	for (i = 0; i < n; i++)
		for (w = 0; w < 4; w++)
			s += v[i].p * __builtin_popcountll(p->set[w] & v[i].set[w]);
	return s >= 1 ? 0 : -log2(s > 0 ? s : 1e-9);
}

static double run_bits(const struct heal_gate_pos *p, size_t n)
{
	double b = 0;
	size_t i;

	for (i = 0; i < n; i++)
		b += p[i].bits;
	return b;
}

static void clause_bits(struct clause *c)
{
	double s = 0;
	size_t i;

	for (i = 0; i < c->n; i++)
		s += exp2(-run_bits(c->v[i].p, c->v[i].n));
	c->bits = c->n ? -log2(s) : 0;
}

/* ---- runs and fragments ------------------------------------------------ */

static void run_set(struct heal_gate_run *r, const struct heal_gate_pos *p,
		    size_t n)
{
	r->n = n;
	memcpy(r->p, p, n * sizeof(*p));
}

/* The rarest window of at most HEAL_GATE_MAXPOS positions of p[0..n),
 * as a clause of one run (none when n is 0). */
static void clause_window(struct clause *c, const struct heal_gate_pos *p,
			  size_t n)
{
	size_t w = n < HEAL_GATE_MAXPOS ? n : HEAL_GATE_MAXPOS, i, best = 0;
	double bb = -1;

	c->n = 0;
	c->bits = 0;
	if (n == 0)
		return;
	for (i = 0; i + w <= n; i++) {
		double b = run_bits(p + i, w);

		if (b > bb) {
			bb = b;
			best = i;
		}
	}
	c->n = 1;
	run_set(&c->v[0], p + best, w);
	c->bits = bb;
}

static void clause_copy(struct clause *dst, const struct clause *src)
{
	dst->n = src->n;
	dst->bits = src->bits;
	memcpy(dst->v, src->v, src->n * sizeof(src->v[0]));
}

static void keep_rarer(struct clause *best, const struct clause *c)
{
	if (c->n && (!best->n || c->bits > best->bits))
		clause_copy(best, c);
}

static void frag_barrier(struct frag *f)
{
	f->linear = false;
	f->pre.n = f->suf.n = f->best.n = 0;
	f->best.bits = 0;
}

static void frag_neutral(struct frag *f)
{
	frag_barrier(f);
	f->linear = true;
}

static void frag_pos(struct frag *f, const struct heal_gate_pos *p)
{
	struct heal_gate_pos q = *p;

	q.bits = pos_bits(p);
	frag_neutral(f);
	run_set(&f->pre, &q, 1);
	f->suf = f->pre;
	clause_window(&f->best, &q, 1);
}

/* a becomes a then b. */
static void concat(struct frag *a, const struct frag *b)
{
	struct heal_gate_pos j[2 * HEAL_GATE_MAXPOS];
	struct clause c;
	size_t n = a->suf.n + b->pre.n;

	memcpy(j, a->suf.p, a->suf.n * sizeof(*j));
	memcpy(j + a->suf.n, b->pre.p, b->pre.n * sizeof(*j));
	if (a->linear && b->linear && n <= HEAL_GATE_MAXPOS) {
		run_set(&a->pre, j, n);
		a->suf = a->pre;
		clause_window(&a->best, j, n);
		return;
	}
	clause_window(&c, j, n);
	keep_rarer(&a->best, &b->best);
	keep_rarer(&a->best, &c);
	if (a->linear)
		run_set(&a->pre, j, n < HEAL_GATE_MAXPOS ? n : HEAL_GATE_MAXPOS);
	if (b->linear) {
		size_t k = n < HEAL_GATE_MAXPOS ? n : HEAL_GATE_MAXPOS;

		run_set(&a->suf, j + n - k, k);
	} else {
		a->suf = b->suf;
	}
	a->linear = false;
}

/* f repeated min to max times (max < 0: no bound). */
static void quantify(struct frag *f, long min, long max)
{
	if (min == 0) {
		frag_barrier(f);
		return;
	}
	if ((f->linear && f->pre.n == 0) || (min == 1 && max == 1))
		return;
	if (f->linear && f->pre.n == 1) {
		struct heal_gate_pos p[MAX_COPIES], x = f->pre.p[0];
		size_t k = min < MAX_COPIES ? (size_t)min : MAX_COPIES, i;

		for (i = 0; i < k; i++)
			p[i] = x;
		if (max != min || min > MAX_COPIES)
			p[k - 1].rep = true;
		run_set(&f->pre, p, k);
		f->suf = f->pre;
		clause_window(&f->best, p, k);
		return;
	}
	if (f->linear && min == max && f->pre.n * (size_t)min <= HEAL_GATE_MAXPOS) {
		struct frag one = *f;
		long i;

		for (i = 1; i < min; i++)
			concat(f, &one);
		return;
	}
	/* runs of one copy hold; its beginning and end still begin and end */
	f->linear = false;
}

/* a becomes a or b: one position when both are one byte each. */
static void alternate(struct frag *a, const struct frag *b, bool *open)
{
	size_t i;

	if (a->linear && b->linear && a->pre.n == 1 && b->pre.n == 1 &&
	    !a->pre.p[0].rep && !b->pre.p[0].rep) {
		struct heal_gate_pos p = a->pre.p[0];

		for (i = 0; i < 4; i++)
			p.set[i] |= b->pre.p[0].set[i];
		frag_pos(a, &p);
		return;
	}
	if (!a->best.n || !b->best.n ||
	    a->best.n + b->best.n > HEAL_GATE_MAXRUNS) {
		*open = true;
	} else {
		for (i = 0; i < b->best.n; i++)
			a->best.v[a->best.n++] = b->best.v[i];
		clause_bits(&a->best);
	}
	a->linear = false;
	a->pre.n = a->suf.n = 0;
}

/* ---- reading the pattern ---------------------------------------------- */

static void set_add(struct heal_gate_pos *p, unsigned c)
{
	p->set[c / 64] |= (uint64_t)1 << (c % 64);
}

static void set_range(struct heal_gate_pos *p, unsigned lo, unsigned hi)
{
	unsigned c;

	for (c = lo; c <= hi; c++)
		set_add(p, c);
}

static void set_fold(struct heal_gate_pos *p)
{
	unsigned c;

	for (c = 'a'; c <= 'z'; c++)
		if (p->set[c / 64] >> (c % 64) & 1 ||
		    p->set[(c - 32) / 64] >> ((c - 32) % 64) & 1) {
			set_add(p, c);
			set_add(p, c - 32);
		}
}

static void set_not(struct heal_gate_pos *p)
{
	size_t i;

	for (i = 0; i < 4; i++)
		p->set[i] = ~p->set[i];
}

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* A class escape's letter (d, w, s, h, v and their negations) added to p;
 * false when e is none. */
static bool class_escape(char e, struct heal_gate_pos *p)
{
	struct heal_gate_pos q = { { 0 }, false, 0 };
	size_t i;

	switch (e | 0x20) {
	case 'd':
		set_range(&q, '0', '9');
		break;
	case 'w':
		set_range(&q, '0', '9');
		set_range(&q, 'a', 'z');
		set_range(&q, 'A', 'Z');
		set_add(&q, '_');
		break;
	case 's':
		set_range(&q, '\t', '\r');
		set_add(&q, ' ');
		break;
	case 'h':
		set_add(&q, '\t');
		set_add(&q, ' ');
		set_add(&q, 0xa0);
		break;
	case 'v':
		set_range(&q, '\n', '\r');
		set_add(&q, 0x85);
		break;
	default:
		return false;
	}
	if (e >= 'A' && e <= 'Z')
		set_not(&q);
	for (i = 0; i < 4; i++)
		p->set[i] |= q.set[i];
	return true;
}

/* A one-byte escape at rx->i (past the backslash): its byte, or -1 (and
 * rx->bail) when it is not one. */
static int byte_escape(struct rx *rx)
{
	const char *p = rx->p;
	char e = p[rx->i];
	int v = 0, h;

	if (!e) {
		rx->bail = true;
		return -1;
	}
	rx->i++;
	if (!is_alnum(e))
		return (unsigned char)e;
	switch (e) {
	case 't': return '\t';
	case 'n': return '\n';
	case 'r': return '\r';
	case 'f': return '\f';
	case 'e': return 0x1b;
	case 'a': return 0x07;
	case 'x':
		if (p[rx->i] == '{') {
			size_t j = rx->i + 1;

			for (; (h = hexval(p[j])) >= 0 && v < 256; j++)
				v = v * 16 + h;
			if (p[j] != '}' || j == rx->i + 1 || v > 255)
				break;
			rx->i = j + 1;
			return v;
		}
		for (h = 0; h < 2 && hexval(p[rx->i]) >= 0; h++)
			v = v * 16 + hexval(p[rx->i++]);
		return v;
	default:
		break;
	}
	rx->bail = true;
	return -1;
}

/* A class "[...]" at rx->i into p. */
static void bracket(struct rx *rx, struct heal_gate_pos *p)
{
	const char *s = rx->p;
	bool neg = false, first = true;

	rx->i++;
	if (s[rx->i] == '^') {
		neg = true;
		rx->i++;
	}
	while (!rx->bail && s[rx->i] && (s[rx->i] != ']' || first)) {
		int lo, hi;

		first = false;
		if (s[rx->i] == '[' && (s[rx->i + 1] == ':' || s[rx->i + 1] == '.' ||
					s[rx->i + 1] == '=')) {
			rx->bail = true;        /* POSIX classes: not read */
			return;
		}
		if (s[rx->i] == '\\') {
			rx->i++;
			if (class_escape(s[rx->i], p)) {
				rx->i++;
				continue;
			}
			if (s[rx->i] == 'b') {
				rx->i++;
				lo = 0x08;
			} else {
				lo = byte_escape(rx);
			}
		} else {
			lo = (unsigned char)s[rx->i++];
		}
		if (lo < 0)
			return;
		if (s[rx->i] == '-' && s[rx->i + 1] && s[rx->i + 1] != ']') {
			rx->i++;
			if (s[rx->i] == '\\') {
				rx->i++;
				if (s[rx->i] == 'b') {
					rx->i++;
					hi = 0x08;
				} else if (is_alnum(s[rx->i]) &&
					   class_escape(s[rx->i], &(struct heal_gate_pos){ { 0 }, false, 0 })) {
					rx->bail = true;    /* "a-\\d": not read */
					return;
				} else {
					hi = byte_escape(rx);
				}
			} else {
				hi = (unsigned char)s[rx->i++];
			}
			if (hi < 0 || hi < lo) {
				rx->bail = true;
				return;
			}
			set_range(p, (unsigned)lo, (unsigned)hi);
		} else {
			set_add(p, (unsigned)lo);
		}
	}
	if (rx->bail || !s[rx->i]) {
		rx->bail = true;
		return;
	}
	rx->i++;
	if (rx->caseless)
		set_fold(p);
	if (neg)
		set_not(p);
}

/* A quantifier at rx->i: *min, *max (-1: no bound); false when none. */
static bool quantifier(struct rx *rx, long *min, long *max)
{
	const char *p = rx->p;
	char c = p[rx->i];

	if (c == '?' || c == '*' || c == '+') {
		*min = c == '+';
		*max = c == '?' ? 1 : -1;
		rx->i++;
	} else if (c == '{') {
		char *e;
		long a, b;

		if (!(p[rx->i + 1] >= '0' && p[rx->i + 1] <= '9')) {
			rx->bail = true;
			return false;
		}
		a = b = strtol(p + rx->i + 1, &e, 10);
		if (a > 65535) {
			rx->bail = true;
			return false;
		}
		if (*e == ',') {
			const char *s = e + 1;

			if (*s != '}' && !(*s >= '0' && *s <= '9')) {
				rx->bail = true;
				return false;
			}
			b = *s == '}' ? -1 : strtol(s, &e, 10);
			if (b >= 0 && b < a) {
				rx->bail = true;
				return false;
			}
			if (b < 0)
				e = (char *)s;
		}
		if (*e != '}') {
			rx->bail = true;
			return false;
		}
		rx->i = (size_t)(e - p) + 1;
		*min = a;
		*max = b;
	} else {
		return false;
	}
	if (p[rx->i] == '?' || p[rx->i] == '+')
		rx->i++;                /* lazy or possessive */
	return true;
}

static void read_alt(struct rx *rx, struct frag *out);

/* A group at rx->i ("("): its fragment (a look-around's: none). */
static void group(struct rx *rx, struct frag *f)
{
	const char *p = rx->p;
	int kind = heal_regex_group_open(p, &rx->i);
	bool look = kind == 1;

	if (kind < 0) {
		rx->bail = true;            /* options, conditionals, verbs */
		return;
	}
	if (++rx->depth > MAX_DEPTH) {
		rx->bail = true;
		return;
	}
	read_alt(rx, f);
	rx->depth--;
	if (rx->bail || p[rx->i] != ')') {
		rx->bail = true;
		return;
	}
	rx->i++;
	if (look)
		frag_neutral(f);
}

/* An escape at rx->i (the backslash) outside a class. */
static void escape(struct rx *rx, struct frag *f)
{
	const char *p = rx->p;
	char e = p[rx->i + 1];
	struct heal_gate_pos q = { { 0 }, false, 0 };
	int b;

	rx->i++;
	if (class_escape(e, &q)) {
		rx->i++;
		frag_pos(f, &q);
		return;
	}
	if (e && strchr("bBAzZGK", e)) {
		rx->i++;
		frag_neutral(f);            /* zero-width */
		return;
	}
	if (e == 'N') {
		rx->i++;
		set_range(&q, 0, 255);
		q.set['\n' / 64] &= ~((uint64_t)1 << ('\n' % 64));
		frag_pos(f, &q);
		return;
	}
	if ((e >= '1' && e <= '9') || e == 'g' || e == 'k') {
		/* a back-reference: what it takes is not known here */
		rx->i++;
		if (p[rx->i] == '{' || p[rx->i] == '<' || p[rx->i] == '\'') {
			const char *c = strchr(p + rx->i,
					       p[rx->i] == '{' ? '}' :
					       p[rx->i] == '<' ? '>' : '\'');

			if (!c) {
				rx->bail = true;
				return;
			}
			rx->i = (size_t)(c - p) + 1;
		} else {
			while ((p[rx->i] >= '0' && p[rx->i] <= '9') ||
			       (p[rx->i] == '-' && rx->i && p[rx->i - 1] == 'g'))
				rx->i++;
		}
		frag_barrier(f);
		return;
	}
	b = byte_escape(rx);
	if (b < 0)
		return;
	set_add(&q, (unsigned)b);
	if (rx->caseless)
		set_fold(&q);
	frag_pos(f, &q);
}

/* A sequence, up to '|', ')' or the end. */
static void read_seq(struct rx *rx, struct frag *out)
{
	const char *p = rx->p;
	struct frag *a = heal_malloc(sizeof(*a));

	frag_neutral(out);
	while (!rx->bail && p[rx->i] && p[rx->i] != '|' && p[rx->i] != ')') {
		char c = p[rx->i];
		long min, max;

		if (c == '\\') {
			escape(rx, a);
		} else if (c == '[') {
			struct heal_gate_pos q = { { 0 }, false, 0 };

			bracket(rx, &q);
			frag_pos(a, &q);
		} else if (c == '(') {
			group(rx, a);
		} else if (c == '*' || c == '+' || c == '?' || c == '{') {
			rx->bail = true;    /* nothing to repeat, a literal brace */
		} else if (c == '^' || c == '$') {
			rx->i++;
			frag_neutral(a);
		} else {
			struct heal_gate_pos q = { { 0 }, false, 0 };

			rx->i++;
			if (c == '.') {
				set_range(&q, 0, 255);
				q.set['\n' / 64] &= ~((uint64_t)1 << ('\n' % 64));
			} else {
				set_add(&q, (unsigned char)c);
				if (rx->caseless)
					set_fold(&q);
			}
			frag_pos(a, &q);
		}
		if (rx->bail)
			break;
		if (quantifier(rx, &min, &max))
			quantify(a, min, max);
		if (!rx->bail && (p[rx->i] == '*' || p[rx->i] == '+' ||
				  p[rx->i] == '?' || p[rx->i] == '{'))
			rx->bail = true;    /* a quantifier of a quantifier */
		concat(out, a);
	}
	free(a);
}

/* Alternatives, up to ')' or the end. */
static void read_alt(struct rx *rx, struct frag *out)
{
	struct frag *b = heal_malloc(sizeof(*b));
	bool open = false;

	read_seq(rx, out);
	while (!rx->bail && rx->p[rx->i] == '|') {
		rx->i++;
		read_seq(rx, b);
		if (!rx->bail)
			alternate(out, b, &open);
	}
	if (open)
		frag_barrier(out);
	free(b);
}

bool heal_regex_gate_init(struct heal_regex_gate *g, const char *pattern,
			  double min_bits)
{
	struct rx rx = { 0 };
	struct frag *f;
	struct clause c;
	const char *s;

	memset(g, 0, sizeof(*g));
	for (s = pattern; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;   /* heal_regex_chars' rewrites: not read */
	rx.p = pattern;
	if (strncmp(pattern, "(?i)", 4) == 0) {
		rx.caseless = true;
		rx.i = 4;
	}
	f = heal_malloc(sizeof(*f));
	read_alt(&rx, f);
	if (!rx.bail && !pattern[rx.i]) {
		struct clause e;

		clause_copy(&c, &f->best);
		clause_window(&e, f->pre.p, f->pre.n);
		keep_rarer(&c, &e);
		clause_window(&e, f->suf.p, f->suf.n);
		keep_rarer(&c, &e);
		if (c.n && c.bits >= min_bits) {
			g->n = c.n;
			memcpy(g->v, c.v, c.n * sizeof(c.v[0]));
			g->bits = c.bits;
		}
	}
	free(f);
	return g->n > 0;
}

bool heal_regex_gate_or(struct heal_regex_gate *dst,
			const struct heal_regex_gate *src)
{
	struct clause c;

	if (!dst->n || !src->n || dst->n + src->n > HEAL_GATE_MAXRUNS)
		return false;
	c.n = 0;
	memcpy(c.v, dst->v, dst->n * sizeof(c.v[0]));
	memcpy(c.v + dst->n, src->v, src->n * sizeof(c.v[0]));
	c.n = dst->n + src->n;
	clause_bits(&c);
	memcpy(dst->v, c.v, c.n * sizeof(c.v[0]));
	dst->n = c.n;
	dst->bits = c.bits;
	return true;
}

static bool in(const struct heal_gate_pos *p, unsigned char c)
{
	return p->set[c / 64] >> (c % 64) & 1;
}

/* Whether s[0..n) holds run r: the positions reached after each byte,
 * one bit each (shift-and; a repeated position's bit may stay). */
static bool run_met(const struct heal_gate_run *r, const char *s, size_t n)
{
	uint32_t d = 0, last = (uint32_t)1 << (r->n - 1);
	size_t i, j;

	if (r->n == 0)
		return true;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		uint32_t b = 0, rep = 0;

		for (j = 0; j < r->n; j++)
			if (in(&r->p[j], c)) {
				b |= (uint32_t)1 << j;
				if (r->p[j].rep)
					rep |= (uint32_t)1 << j;
			}
		d = (((d << 1) | 1) & b) | (d & rep);
		if (d & last)
			return true;
	}
	return false;
}

bool heal_regex_gate_met(const struct heal_regex_gate *g, const char *s,
			 size_t n)
{
	size_t i;

	if (!g->n)
		return true;
	for (i = 0; i < g->n; i++)
		if (run_met(&g->v[i], s, n))
			return true;
	return false;
}
