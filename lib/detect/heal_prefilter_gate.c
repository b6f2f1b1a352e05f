/*
 * heal_prefilter_gate.c - the lines a matcher without literals may start
 * on.
 *
 * Such a matcher (a GitHub problem matcher as published) would be tried
 * on every line.  Each has a gate instead (heal_regex_gate.h: runs of
 * byte classes one of which any line its starting steps match holds);
 * the gates of all of them run as one bit-parallel automaton (shift-and,
 * a run's repeated position a bit that may stay set) over the lines the
 * scan finds no literal in, and only a line one run ends in is tried.
 *
 * The engine matches a line after cleaning it (heal_detect.c's
 * process_line), and what it matches is a part of the raw line but on a
 * line that holds a terminal escape or a carriage return not before its
 * newline (cleaned here as there, then gated), one not in UTF-8 (a
 * charset converted), Markdown's strong marks ("**", "\\*"), a logfmt
 * message's escapes, or "](h" (a web viewer's line links): such a line
 * is always tried.  A line with a byte of those kinds goes the slow way.
 */
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_pattern.h"
#include "heal_regex_gate.h"
#include "heal_text.h"
#include "heal_utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum {
	STOP_NONE,
	STOP_NL,                    /* a line ends */
	STOP_SLOW,                  /* the line may be cleaned or kept */
};

/* A run's first positions with more bytes than this are left out: the
 * scan then jumps to the few bytes a run may begin with. */
#define FIRST_MAX 4
#define WANT_MAX 16

struct heal_prefilter_gate {
	uint64_t b[256];            /* the positions a byte may be at */
	uint64_t r[256];            /* the repeated ones it may stay at */
	uint64_t s;                 /* the runs' first positions */
	uint64_t f;                 /* their last ones */
	uint8_t stop[256];
	/* the bytes a run may begin with and the stops but those >= 0x80
	 * (which stop too): while no run has begun, the scan jumps to the
	 * next of them; none (nwant 0) when they are too many */
	size_t nwant;
	uint8_t want[WANT_MAX];
#if defined(__SSE2__)
	__m128i vwant[WANT_MAX];
#endif
};

static unsigned set_count(const struct heal_gate_pos *p)
{
	return (unsigned)(__builtin_popcountll(p->set[0]) +
			  __builtin_popcountll(p->set[1]) +
			  __builtin_popcountll(p->set[2]) +
			  __builtin_popcountll(p->set[3]));
}

static void want(struct heal_prefilter_gate *g, unsigned c, bool *many)
{
	size_t i;

	for (i = 0; i < g->nwant; i++)
		if (g->want[i] == c)
			return;
	if (g->nwant == WANT_MAX) {
		*many = true;
		return;
	}
	g->want[g->nwant++] = (uint8_t)c;
}

/* run from its first position with few bytes (all of it when none has) */
static bool add_run(struct heal_prefilter_gate *g, const struct heal_gate_run *run,
		    unsigned *used, bool *many)
{
	size_t j, k = 0;
	unsigned c;

	while (k < run->n && set_count(&run->p[k]) > FIRST_MAX)
		k++;
	if (k == run->n) {
		k = 0;
		*many = true;
	}
	if (run->n == 0 || *used + run->n - k > 64)
		return false;
	g->s |= (uint64_t)1 << *used;
	for (j = k; j < run->n; j++) {
		uint64_t bit = (uint64_t)1 << (*used + j - k);

		for (c = 0; c < 256; c++) {
			if (!(run->p[j].set[c / 64] >> (c % 64) & 1))
				continue;
			if (c == '\n')
				continue;   /* a line's runs end with it */
			if (j == k && c < 0x80)
				want(g, c, many);
			g->b[c] |= bit;
			if (run->p[j].rep)
				g->r[c] |= bit;
		}
	}
	*used += (unsigned)(run->n - k);
	g->f |= (uint64_t)1 << (*used - 1);
	return true;
}

void heal_prefilter_gate_build(struct heal_prefilter *pf,
			       const struct heal_pattern_set *s)
{
	struct heal_prefilter_gate *g;
	struct heal_gate_run link = { 3, { { { 0 }, false, 0 } } };
	static const char stops[] = "\n\x1b\r*\\";
	unsigned used = 0, c;
	size_t i, k;
	bool many = false;

	free(pf->gate);
	pf->gate = NULL;
	if (!pf->nfree)
		return;
	g = heal_calloc(1, sizeof(*g));
	for (i = 0; i < s->n; i++) {
		const struct heal_pattern_matcher *m = &s->m[i];

		if (m->nliterals)
			continue;
		if (!m->gate || !m->gate->n) {
			free(g);
			return;         /* every line may start it */
		}
		for (k = 0; k < m->gate->n; k++)
			if (!add_run(g, &m->gate->v[k], &used, &many)) {
				free(g);
				return;
			}
	}
	link.p[0].set[']' / 64] |= (uint64_t)1 << (']' % 64);
	link.p[1].set['(' / 64] |= (uint64_t)1 << ('(' % 64);
	link.p[2].set['h' / 64] |= (uint64_t)1 << ('h' % 64);
	if (!add_run(g, &link, &used, &many)) {
		free(g);
		return;
	}
	for (c = 0x80; c < 256; c++)
		g->stop[c] = STOP_SLOW;
	for (i = 0; stops[i]; i++) {
		g->stop[(unsigned char)stops[i]] = stops[i] == '\n' ? STOP_NL : STOP_SLOW;
		want(g, (unsigned char)stops[i], &many);
	}
	if (many)
		g->nwant = 0;
#if defined(__SSE2__)
	for (i = 0; i < g->nwant; i++)
		g->vwant[i] = _mm_set1_epi8((char)g->want[i]);
#endif
	pf->gate = g;
}

void heal_prefilter_gate_free(struct heal_prefilter_gate *g)
{
	free(g);
}

/* Whether one of g's runs ends in s[0..n). */
static bool runs_in(const struct heal_prefilter_gate *g, const unsigned char *s,
		    size_t n)
{
	uint64_t d = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		d = (((d << 1) | g->s) & g->b[s[i]]) | (d & g->r[s[i]]);
		if (d & g->f)
			return true;
	}
	return false;
}

/* Whether the line s[0..n) may start a matcher: cleaned of its terminal
 * escapes as the engine cleans it, then gated. */
static bool slow_line(const struct heal_prefilter_gate *g, const char *s,
		      size_t n, char *clean, size_t max_line)
{
	size_t a;

	if (n && s[n - 1] == '\r')
		n--;
	if (memchr(s, '\x1b', n) || memchr(s, '\r', n)) {
		if (n > max_line)
			return true;
		n = heal_text_strip_ansi(s, n, clean);
		s = clean;
	}
	a = heal_utf8_ascii_len(s, n);
	if (a < n && !heal_utf8_valid(s + a, n - a))
		return true;
	if (memchr(s, '*', n) && (memmem(s, n, "**", 2) || memmem(s, n, "\\*", 2)))
		return true;
	if (memchr(s, '\\', n) && memmem(s, n, "msg=\"", 5))
		return true;
	return runs_in(g, (const unsigned char *)s, n);
}

/* The next byte at or after i that a run may begin with or that stops
 * the scan, or to. */
static size_t next_wanted(const struct heal_prefilter_gate *g,
			  const unsigned char *p, size_t i, size_t to)
{
	size_t k;

#if defined(__SSE2__)
	for (; i + 16 <= to; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		__m128i m = _mm_cmplt_epi8(v, _mm_setzero_si128());
		int bits;

		for (k = 0; k < g->nwant; k++)
			m = _mm_or_si128(m, _mm_cmpeq_epi8(v, g->vwant[k]));
		bits = _mm_movemask_epi8(m);
		if (bits)
			return i + (size_t)__builtin_ctz((unsigned)bits);
	}
#endif
	for (; i < to; i++) {
		if (p[i] >= 0x80)
			return i;
		for (k = 0; k < g->nwant; k++)
			if (p[i] == g->want[k])
				return i;
	}
	return to;
}

size_t heal_prefilter_gate_next(const struct heal_prefilter_gate *g,
				const char *buf, size_t from, size_t to,
				char *clean, size_t max_line)
{
	const unsigned char *p = (const unsigned char *)buf;
	uint64_t d = 0;
	size_t i = from, ls = from;

	while (i < to) {
		unsigned c;

		if (!d && g->nwant && (i = next_wanted(g, p, i, to)) >= to)
			break;
		c = p[i];
		if (g->stop[c]) {
			const unsigned char *e;

			if (g->stop[c] == STOP_SLOW) {
				e = memchr(p + i, '\n', to - i);
				i = e ? (size_t)(e - p) : to;
				if (slow_line(g, buf + ls, i - ls, clean, max_line))
					return ls;
			}
			d = 0;
			ls = ++i;
			continue;
		}
		d = (((d << 1) | g->s) & g->b[c]) | (d & g->r[c]);
		if (d & g->f)
			return ls;
		i++;
	}
	return to;
}
