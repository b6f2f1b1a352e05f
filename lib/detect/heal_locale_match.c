/*
 * Matching a line against a language's templates and rewriting it into
 * the msgids (heal_locale.h).  A template's items are walked with
 * backtracking under a step budget; where a leading argument may start is
 * limited (the segment's start, after a ": ", a quote mark, a number), and
 * a line may start inside an argument that printed lines of its own.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_buf.h"
#include "heal_locale.h"
#include "heal_locale_int.h"
#include "heal_utf8.h"

/* --- matching ------------------------------------------------------------- */

#define NONE ((size_t)-1)

struct cap {
	uint32_t off, len;
	bool set;
};

struct mctx {
	const struct lang *g;
	const char *s;                /* the text */
	size_t s0, s1;                /* the segment matched in */
	const struct item *it;
	size_t n;
	struct cap cap[NKEYS];
	int budget;
	long *left;                   /* the line's steps left (LINE_STEPS) */
	size_t end;
};

struct match {
	const struct tmpl *t;
	size_t a, b, score, from;     /* from: the msgid's first item rendered */
	struct cap cap[NKEYS];
};

static bool punct(char c)
{
	return c && strchr(":;!?", c);
}

/* A literal at s[pos]: the index after it, or NONE. */
static size_t lit_at(const struct mctx *c, size_t pos, const char *lit, size_t n)
{
	size_t j = 0, k = pos;

	while (j < n) {
		if (hloc_soft_space(lit, j, n)) {
			while (k < c->s1 && c->s[k] == ' ')
				k++;
			j++;
			continue;
		}
		/* a quote mark for another (the charset of an 8-bit locale
		 * has no „ “: the C library wrote ,, and ") */
		if (k < c->s1 && c->s[k] != lit[j]) {
			size_t ql = hloc_quote_at(lit, j, n), qs;

			if (ql && (qs = hloc_quote_at(c->s, k, c->s1))) {
				j += ql;
				k += qs;
				continue;
			}
		}
		/* a space before a colon the translation has not */
		if (punct(lit[j]) && k + 1 < c->s1 && c->s[k] == ' ' && c->s[k + 1] == lit[j])
			k++;
		if (k >= c->s1 || c->s[k] != lit[j])
			return NONE;
		j++;
		k++;
	}
	return k;
}

/* Whether the literal may start at s[pos] (a cheap first test). */
static bool lit_may(const struct mctx *c, size_t pos, const struct item *it)
{
	const char *lit = c->g->pool + it->off;

	if (pos >= c->s1)
		return false;
	if (hloc_soft_space(lit, 0, it->len) || punct(lit[0]))
		return true;
	return c->s[pos] == lit[0] ||
	       (hloc_quote_at(lit, 0, it->len) && hloc_quote_at(c->s, pos, c->s1));
}

static size_t open_q(const struct mctx *c, size_t pos)
{
	size_t q = hloc_quote_at(c->s, pos, c->s1);

	if (!q)
		return NONE;
	pos += q;
	while (pos < c->s1 && c->s[pos] == ' ')
		pos++;
	return pos;
}

static size_t close_q(const struct mctx *c, size_t pos)
{
	size_t q;

	while (pos < c->s1 && c->s[pos] == ' ')
		pos++;
	q = hloc_quote_at(c->s, pos, c->s1);
	return q ? pos + q : NONE;
}

static void cap_set(struct mctx *c, uint8_t key, size_t a, size_t b, bool quoted)
{
	while (quoted && b > a && c->s[b - 1] == ' ')
		b--;
	c->cap[key].off = (uint32_t)a;
	c->cap[key].len = (uint32_t)(b - a);
	c->cap[key].set = true;
}

static bool m_items(struct mctx *c, size_t i, size_t pos);

static bool cls_ok(uint8_t cls, unsigned char ch)
{
	switch (cls) {
	case CL_INT:
		return digit(ch);
	case CL_HEX:
		return digit(ch) || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f') ||
		       ch == 'x' || ch == 'X';
	default:
		return digit(ch) || ch == '.' || ch == 'e' || ch == '-' || ch == '+';
	}
}

static bool m_conv(struct mctx *c, size_t i, size_t pos)
{
	const struct item *it = &c->it[i], *nx = i + 1 < c->n ? &c->it[i + 1] : NULL;
	size_t st, e;

	if (it->quoted) {
		st = open_q(c, pos);
		if (st == NONE)
			return false;
		for (e = st + 1; e < c->s1 && c->budget > 0; e++) {
			size_t after;

			if (c->s[e] != ' ' && !hloc_quote_at(c->s, e, c->s1))
				continue;
			after = close_q(c, e);
			if (after != NONE && m_items(c, i + 1, after)) {
				cap_set(c, it->key, st, e, true);
				return true;
			}
		}
		return false;
	}
	if (it->cls == CL_CHAR) {
		uint32_t cp;
		size_t k = pos < c->s1 ? heal_utf8_decode((const unsigned char *)c->s + pos,
							    c->s1 - pos, &cp) : 0;

		if (!k || !m_items(c, i + 1, pos + k))
			return false;
		cap_set(c, it->key, pos, pos + k, false);
		return true;
	}
	if (it->cls != CL_TEXT) {
		e = pos;
		if (e < c->s1 && c->s[e] == '-')
			e++;
		while (e < c->s1 && cls_ok(it->cls, (unsigned char)c->s[e]))
			e++;
		if (e == pos || !digit((unsigned char)c->s[e - 1]) ||
		    !m_items(c, i + 1, e))
			return false;
		cap_set(c, it->key, pos, e, false);
		return true;
	}
	if (!nx) {
		cap_set(c, it->key, pos, c->s1, false);
		c->end = c->s1;
		return true;
	}
	for (e = pos + 1; e <= c->s1 && c->budget > 0; e++) {
		if (nx->kind == IT_LIT && !lit_may(c, e, nx))
			continue;
		if ((nx->kind == IT_QOPEN || (nx->kind == IT_CONV && nx->quoted)) &&
		    (e >= c->s1 || !hloc_quote_at(c->s, e, c->s1)))
			continue;
		if (m_items(c, i + 1, e)) {
			cap_set(c, it->key, pos, e, false);
			return true;
		}
	}
	return false;
}

static bool m_items(struct mctx *c, size_t i, size_t pos)
{
	const struct item *it;
	size_t e;

	if (--c->budget < 0)
		return false;
	if (i == c->n) {
		c->end = pos;
		return true;
	}
	it = &c->it[i];
	switch (it->kind) {
	case IT_LIT:
		e = lit_at(c, pos, c->g->pool + it->off, it->len);
		return e != NONE && m_items(c, i + 1, e);
	case IT_QOPEN:
		e = open_q(c, pos);
		return e != NONE && m_items(c, i + 1, e);
	case IT_QCLOSE:
		e = close_q(c, pos);
		return e != NONE && m_items(c, i + 1, e);
	case IT_APOS:
		if (pos < c->s1 && c->s[pos] == '\'')
			e = pos + 1;
		else if (c->s1 - pos >= 3 && memcmp(c->s + pos, "\xe2\x80\x99", 3) == 0)
			e = pos + 3;
		else
			return false;
		return m_items(c, i + 1, e);
	default:
		return m_conv(c, i, pos);
	}
}

static size_t lit_score(const struct lang *g, const struct item *it, size_t n)
{
	size_t k, j, s = 0;

	for (k = 0; k < n; k++) {
		if (it[k].kind != IT_LIT) {
			s += it[k].kind == IT_CONV ? 0 : 1;
			continue;
		}
		for (j = 0; j < it[k].len; j++)
			s += g->pool[it[k].off + j] != ' ';
	}
	return s;
}

/* Try the items on the segment from pos: the match ends at c->end. */
static bool try_at(struct mctx *c, size_t pos)
{
	int init = *c->left < BUDGET ? (int)*c->left : BUDGET;
	bool m;

	memset(c->cap, 0, sizeof(c->cap));
	if (init <= 0)
		return false;
	c->budget = init;
	m = m_items(c, 0, pos);
	*c->left -= init - (c->budget > 0 ? c->budget : 0);
	if (!m)
		return false;
	/* a literal at either end of the match is a whole word */
	if (c->it[0].kind == IT_LIT && pos > 0 &&
	    alnum((unsigned char)c->g->pool[c->it[0].off]) && alnum((unsigned char)c->s[pos - 1]))
		return false;
	if (c->it[c->n - 1].kind == IT_LIT && c->end < c->s1 &&
	    alnum((unsigned char)c->g->pool[c->it[c->n - 1].off + c->it[c->n - 1].len - 1]) &&
	    alnum((unsigned char)c->s[c->end]))
		return false;
	return true;
}

/* Where items may start in the segment, the likeliest first. */
static bool match_items(struct mctx *c, size_t *a)
{
	const struct item *f = &c->it[0];
	size_t p, k, nb = 0, bounds[64];

	if (f->kind == IT_LIT) {
		for (p = c->s0; p < c->s1; p++)
			if (lit_may(c, p, f) && try_at(c, p)) {
				*a = p;
				return true;
			}
		return false;
	}
	if (f->kind == IT_QOPEN || (f->kind == IT_CONV && f->quoted)) {
		for (p = c->s0; p < c->s1; p++)
			if (hloc_quote_at(c->s, p, c->s1) && try_at(c, p)) {
				*a = p;
				return true;
			}
		return false;
	}
	if (f->kind == IT_CONV && f->cls != CL_TEXT) {
		for (p = c->s0; p < c->s1; p++)
			if (digit((unsigned char)c->s[p]) &&
			    (p == c->s0 || !alnum((unsigned char)c->s[p - 1])) && try_at(c, p)) {
				*a = p;
				return true;
			}
		return false;
	}
	/* a leading text argument: from the segment's start or after a ": ",
	 * the shortest that matches */
	bounds[nb++] = c->s0;
	for (p = c->s0 + 2; p < c->s1 && nb < 64; p++)
		if (c->s[p - 1] == ' ' && c->s[p - 2] == ':')
			bounds[nb++] = p;
	for (k = nb; k-- > 0;)
		if (try_at(c, bounds[k])) {
			*a = bounds[k];
			return true;
		}
	return false;
}

/* The msgid's item printing the argument key, or NONE. */
static size_t id_item(const struct lang *g, const struct tmpl *t, uint8_t key)
{
	size_t k;

	for (k = 0; k < t->nid; k++)
		if (g->items[t->id + k].kind == IT_CONV && g->items[t->id + k].key == key)
			return k;
	return NONE;
}

static void try_tmpl(struct heal_locale *l, struct lang *g, const struct tmpl *t,
		     size_t s0, size_t s1, struct match *best)
{
	struct mctx c = { .g = g, .s = l->a, .s0 = s0, .s1 = s1, .left = &l->line_left };
	size_t a, k, sc;

	c.it = g->items + t->s;
	c.n = t->ns;
	/* two points a literal byte; a severity word, and the catalog that
	 * matched last (the same tool's output goes on), break ties */
	sc = lit_score(g, c.it, c.n) * 2 + t->prio + (t->cat == g->last_cat ? 3 : 0);
	if (sc > best->score && match_items(&c, &a) &&
	    (!t->whole || (c.end == s1 && (a == s0 || (a >= 2 && memcmp(l->a + a - 2, ": ", 2) == 0))))) {
		best->t = t;
		best->a = a;
		best->b = c.end;
		best->score = sc;
		best->from = 0;
		memcpy(best->cap, c.cap, sizeof(c.cap));
		return;
	}
	if (s0 != 0)
		return;
	/* the line starts inside an argument that printed lines of its own
	 * (ld's "%C": "in function" on the line before) */
	for (k = 1; k < t->ns; k++) {
		const struct item *it = &g->items[t->s + k];
		size_t from;

		if (it->kind != IT_CONV || it->quoted || it->cls != CL_TEXT ||
		    g->items[t->s + k - 1].kind != IT_LIT)
			continue;
		from = id_item(g, t, it->key);
		c.it = g->items + t->s + k;
		c.n = t->ns - k;
		sc = lit_score(g, c.it, c.n) * 2 + t->prio + (t->cat == g->last_cat ? 3 : 0);
		if (from == NONE || sc <= best->score || c.n < 2)
			continue;
		if (try_at(&c, 0)) {
			best->t = t;
			best->a = 0;
			best->b = c.end;
			best->score = sc;
			best->from = from;
			memcpy(best->cap, c.cap, sizeof(c.cap));
		}
		break;
	}
}

static void seg_best(struct heal_locale *l, struct lang *g, size_t s0, size_t s1,
		     struct match *best)
{
	uint32_t cand[MAXCAND];
	size_t p, nc = 0, k;

	if (++l->stamp == 0)
		l->stamp = 1;
	for (p = s0; p + 4 <= s1; p++) {
		uint32_t x = g->bucket[hloc_hash4(l->a + p)];

		while (x && nc < MAXCAND) {
			struct tmpl *t = &g->t[x - 1];

			if (t->stamp != l->stamp && t->nanchor <= s1 - p &&
			    memcmp(g->pool + t->anchor, l->a + p, t->nanchor) == 0) {
				t->stamp = l->stamp;
				cand[nc++] = x - 1;
			}
			x = t->next;
		}
	}
	for (k = 0; k < nc; k++)
		try_tmpl(l, g, &g->t[cand[k]], s0, s1, best);
}

static bool put(char *o, unsigned char *om, size_t *n, const char *s,
		const unsigned char *m, unsigned char mv, size_t len)
{
	if (*n + len > WORK)
		return false;
	memcpy(o + *n, s, len);
	if (m)
		memcpy(om + *n, m, len);
	else
		memset(om + *n, mv, len);
	*n += len;
	return true;
}

/* Rewrite l->a[best->a, best->b) into the msgid: the new length, or 0. */
static size_t apply(struct heal_locale *l, const struct lang *g,
		    const struct match *m, size_t n)
{
	const struct tmpl *t = m->t;
	bool gq = t->dk == DK_GCC;
	size_t o = 0, k;
	bool ok;

	ok = put(l->b, l->mb, &o, l->a, l->ma, 0, m->a);
	for (k = m->from; ok && k < t->nid; k++) {
		const struct item *it = &g->items[t->id + k];
		const struct cap *cp;

		switch (it->kind) {
		case IT_LIT:
			ok = put(l->b, l->mb, &o, g->pool + it->off, NULL, 1, it->len);
			break;
		case IT_QOPEN:
			ok = put(l->b, l->mb, &o, "\xe2\x80\x98", NULL, 1, 3);
			break;
		case IT_QCLOSE:
		case IT_APOS:
			ok = put(l->b, l->mb, &o, "\xe2\x80\x99", NULL, 1, 3);
			break;
		default:
			cp = &m->cap[it->key];
			if (!cp->set)
				break;
			if (it->quoted && gq)
				ok = put(l->b, l->mb, &o, "\xe2\x80\x98", NULL, 1, 3);
			ok = ok && put(l->b, l->mb, &o, l->a + cp->off, l->ma + cp->off, 0, cp->len);
			if (it->quoted && gq)
				ok = ok && put(l->b, l->mb, &o, "\xe2\x80\x99", NULL, 1, 3);
			break;
		}
	}
	ok = ok && put(l->b, l->mb, &o, l->a + m->b, l->ma + m->b, 0, n - m->b);
	if (!ok)
		return 0;
	memcpy(l->a, l->b, o);
	memcpy(l->ma, l->mb, o);
	return o;
}

/* gcc's quotes of the language (« », » «) left in text not rewritten. */
static size_t requote(struct heal_locale *l, const struct lang *g, size_t n)
{
	size_t i = 0, o = 0, lo = strlen(g->oq), lc = strlen(g->cq);

	if (!lo || !lc || (strcmp(g->oq, "`") == 0 && strcmp(g->cq, "'") == 0))
		return n;
	while (i < n) {
		if (!l->ma[i] && n - i >= lo && memcmp(l->a + i, g->oq, lo) == 0 && o + 3 <= WORK) {
			memcpy(l->b + o, "\xe2\x80\x98", 3);
			o += 3;
			i += lo;
		} else if (!l->ma[i] && n - i >= lc && memcmp(l->a + i, g->cq, lc) == 0 &&
			   o + 3 <= WORK) {
			memcpy(l->b + o, "\xe2\x80\x99", 3);
			o += 3;
			i += lc;
		} else if (o < WORK) {
			l->b[o++] = l->a[i++];
		} else {
			return n;
		}
	}
	memcpy(l->a, l->b, o);
	return o;
}

/* languages a line no active one maps is tried with, best scored first */
#define DISCOVER_TRIES 3

/* Map l->a (n bytes, the line) with g's catalogs: the new length, or 0. */
static size_t map_with(struct heal_locale *l, struct lang *g, const char *in, size_t n)
{
	size_t it, s0, s1;
	bool changed = false;

	if (!g->nt)
		return 0;
	memcpy(l->a, in, n);
	memset(l->ma, 0, n);
	/* a line costs a bounded number of matching steps, however many
	 * translations it looks like */
	l->line_left = LINE_STEPS;
	for (it = 0; it < ITERS; it++) {
		struct match best;
		size_t m;

		memset(&best, 0, sizeof(best));
		for (s0 = 0; s0 < n; s0 = s1) {
			if (l->ma[s0]) {
				s1 = s0 + 1;
				continue;
			}
			for (s1 = s0; s1 < n && !l->ma[s1]; s1++)
				;
			seg_best(l, g, s0, s1, &best);
		}
		if (!best.t || !(m = apply(l, g, &best, n)))
			break;
		g->last_cat = best.t->cat;
		n = m;
		changed = true;
	}
	return changed ? requote(l, g, n) : 0;
}

static int found(struct heal_locale *l, size_t k, size_t n, struct heal_buf *out,
		 const char **lang)
{
	struct lang *g = l->active[k];

	/* the language that matched is tried first next time */
	memmove(&l->active[1], &l->active[0], k * sizeof(l->active[0]));
	l->active[0] = g;
	heal_buf_reset(out);
	heal_buf_put(out, l->a, n);
	*lang = g->name;
	return 1;
}

int heal_locale_map(struct heal_locale *l, const char *line, size_t len,
		    struct heal_buf *out, const char **lang)
{
	char *in = l->in;
	size_t n, k, m;

	if (!l || l->off || len > HEAL_LOCALE_LINE_MAX)
		return 0;
	hloc_words_init(l);
	if (l->off)
		return 0;
	n = hloc_norm_spaces(line, len, in, WORK);
	for (k = 0; k < l->nactive; k++)
		if ((m = map_with(l, l->active[k], in, n)))
			return found(l, k, m, out, lang);
	if (l->nactive == HEAL_LOCALE_LANGS)
		return 0;
	/* a language not seen yet: the forced one, the environment's, then
	 * any installed whose words the line holds */
	for (k = 0; k < l->nwl; k++) {
		struct lang *g = l->wl[k];

		if (hloc_is_active(l, g) || (!l->forced && !hloc_has_word(g, in, n)))
			continue;
		hloc_activate(l, g);
		if ((m = map_with(l, g, in, n)))
			return found(l, l->nactive - 1, m, out, lang);
	}
	if (l->forced || !l->detect_left || !hloc_foreign(line, len))
		return 0;
	l->detect_left--;
	hloc_discover(l);
	{
		struct lang *first = NULL, *tried[DISCOVER_TRIES];
		size_t nt = 0, bs, sc, i;

		/* the languages most of whose words the line holds, best first:
		 * the first whose catalogs map it (zh_CN, zh_TW and zh_Hans
		 * share most words, and the best scored may not be the one) */
		while (nt < DISCOVER_TRIES) {
			struct lang *bg = NULL;

			bs = 0;
			for (k = 0; k < l->nlangs; k++) {
				struct lang *g = l->langs[k];

				for (i = 0; i < nt && tried[i] != g; i++)
					;
				if (i < nt || hloc_is_active(l, g))
					continue;
				hloc_lang_probe(l, g);
				if ((sc = hloc_word_score(g, in, n)) > bs) {
					bs = sc;
					bg = g;
				}
			}
			/* a language loaded only to be tried costs its tables
			 * for the run: a few in all */
			if (!bg || (nt > 0 && !bg->loaded && l->spare_loads == 0))
				break;
			if (nt > 0 && !bg->loaded)
				l->spare_loads--;
			tried[nt++] = bg;
			if (!first)
				first = bg;
			hloc_lang_load(l, bg);
			if ((m = map_with(l, bg, in, n))) {
				hloc_activate(l, bg);
				return found(l, l->nactive - 1, m, out, lang);
			}
		}
		/* none maps it: the best is the run's (a translation printed
		 * on two lines maps with the next) */
		if (first)
			hloc_activate(l, first);
	}
	return 0;
}
