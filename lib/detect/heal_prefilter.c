/*
 * heal_prefilter.c - the pattern set's literals, found ahead of the
 * regexps: one scan for all of them (Wu-Manber), the literals of a line,
 * the matchers that have them.
 *
 * Wu-Manber looks for the first m bytes of each literal (m: the shortest
 * literal's length); with m of 4 or more this scan looks for each
 * literal's anchor instead, the m bytes of its first PF_MAXOFF + m whose
 * trigrams are least common in logs (heal_prefilter_grams.c): "error: "
 * by "or: ", not by "erro", which a broken build's log says on every
 * other line.  A window that holds an anchor is checked against the
 * literals anchored there, each at its own offset before it.
 */
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_pattern.h"

void heal_prefilter_release(struct heal_prefilter *pf)
{
	free(pf->shift);
	free(pf->tri);
	free(pf->partial);
	free(pf->bucket_start);
	free(pf->lits);
	free(pf->lit);
	free(pf->litlen);
	free(pf->head);
	free(pf->hmask);
	free(pf->aoff);
	free(pf->lit_matchers);
	free(pf->lit_start);
	free(pf->free_matchers);
	heal_prefilter_gate_free(pf->gate);
	memset(pf, 0, sizeof(*pf));
}

/* The two bytes at p as one number (a single load; the tables are built
 * and read with it, so byte order does not matter). */
static inline uint32_t BIGRAM(const char *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}
/*
 * The bucket of literals whose first m bytes end with a bigram: a hash of
 * it (a window is compared with each literal of its bucket anyway), so
 * the table is small enough to build at every start.
 */
#define PF_BUCKETS 4096u
#define PF_BUCKET(h) ((uint32_t)((h) * 2654435761u) >> 20)
/* 16 bits of the three bytes at p */
#define TRIGRAM(p) ((((uint32_t)(unsigned char)(p)[0] << 16 | \
		      (uint32_t)(unsigned char)(p)[1] << 8 | \
		      (unsigned char)(p)[2]) * 2654435761u) >> 16)

/*
 * The wide tables' grams: the four bytes at p as one number, first byte
 * lowest (one load on a little-endian machine); 16 bits of its last three
 * bytes (the shift's trigram) and of all four (the filter's).
 */
static inline uint32_t GRAM4(const char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
#else
	return (uint32_t)(unsigned char)p[0] | (uint32_t)(unsigned char)p[1] << 8 |
	       (uint32_t)(unsigned char)p[2] << 16 | (uint32_t)(unsigned char)p[3] << 24;
#endif
}
#define WIDE3(v) ((((v) >> 8) * 2654435761u) >> 16)
#define WIDE4(v) (((v) * 2246822519u) >> 16)
/* WIDE3 of the trigram at p (the three bytes, read one by one) */
#define WIDE3_AT(p) WIDE3((uint32_t)(unsigned char)(p)[0] << 8 | \
			  (uint32_t)(unsigned char)(p)[1] << 16 | \
			  (uint32_t)(unsigned char)(p)[2] << 24)

/* FNV-1a of a literal, for finding it among those seen */
static size_t lit_hash(const char *l, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)l[i]) * 16777619u;
	return h;
}

static bool prefilter_tables(struct heal_prefilter *pf);

/* How far into a literal its anchor may start: a hit's line is looked at
 * from this much before the hit's anchor. */
#define PF_MAXOFF 8u
/* The start of literal k's anchor. */
#define ANCHOR(pf, k) ((pf)->lit[k] + ((pf)->aoff ? (pf)->aoff[k] : 0))
/*
 * The bucket of an anchor (its first m bytes): when wide, by the hash of
 * its last four bytes the filter takes (t / 16: a bucket's literals share
 * their anchor's bytes, but for a collision); else by its last bigram.
 */
#define WIDE_BUCKET(t) ((t) >> 4)
#define LIT_BUCKET(pf, a) ((pf)->wide ? WIDE_BUCKET(WIDE4(GRAM4((a) + (pf)->m - 4))) \
				      : PF_BUCKET(BIGRAM((a) + (pf)->m - 2)))

/*
 * The weights of log trigrams (heal_prefilter_grams.c) by a hash of the
 * trigram, for the choice of anchors: open addressing, twice as many
 * slots as trigrams, a weight of 0 an empty slot.
 */
struct gram_table {
	uint32_t *g;
	uint8_t *w;
	size_t mask;
};

#define GRAM_HASH(g) (((g) * 2654435761u) >> 8)

static void gram_table_init(struct gram_table *t)
{
	size_t i, n = 64, h;

	while (n < 2 * heal_prefilter_ngrams)
		n *= 2;
	t->g = heal_malloc(n * sizeof(uint32_t));
	t->w = heal_calloc(n, 1);
	t->mask = n - 1;
	for (i = 0; i < heal_prefilter_ngrams; i++) {
		for (h = GRAM_HASH(heal_prefilter_grams[i].g) & t->mask; t->w[h];
		     h = (h + 1) & t->mask)
			;
		t->g[h] = heal_prefilter_grams[i].g;
		t->w[h] = heal_prefilter_grams[i].w ? heal_prefilter_grams[i].w : 1;
	}
}

/* The weight of trigram p in logs, 0: rare. */
static unsigned gram_weight(const struct gram_table *t, const char *p)
{
	uint32_t g = (uint32_t)(unsigned char)p[0] | (uint32_t)(unsigned char)p[1] << 8 |
		     (uint32_t)(unsigned char)p[2] << 16;
	size_t h;

	for (h = GRAM_HASH(g) & t->mask; t->w[h]; h = (h + 1) & t->mask)
		if (t->g[h] == g)
			return t->w[h];
	return 0;
}

/*
 * Each literal's anchor: of its m-byte windows starting in its first
 * PF_MAXOFF + 1 bytes, the one whose last trigram (a window the scan
 * stops at) is least common, then whose trigram before it (a window it
 * steps one byte from) is; the first of equals.
 */
static void choose_anchors(struct heal_prefilter *pf)
{
	struct gram_table t;
	size_t k, o, m = pf->m;

	gram_table_init(&t);
	pf->aoff = heal_calloc(pf->nlit, 1);
	pf->maxoff = 0;
	for (k = 0; k < pf->nlit; k++) {
		const char *l = pf->lit[k];
		size_t last = pf->litlen[k] - m, best = 0;
		unsigned cost = UINT32_MAX, prev = gram_weight(&t, l + m - 4);

		if (last > PF_MAXOFF)
			last = PF_MAXOFF;
		for (o = 0; o <= last; o++) {
			unsigned w = gram_weight(&t, l + o + m - 3), c = w * 32 + prev;

			prev = w;
			if (c < cost) {
				cost = c;
				best = o;
			}
		}
		pf->aoff[k] = (uint8_t)best;
		if (best > pf->maxoff)
			pf->maxoff = best;
	}
	free(t.g);
	free(t.w);
}

int heal_prefilter_build(struct heal_pattern_set *s, struct heal_error *err)
{
	struct heal_prefilter *pf = &s->pf;
	size_t i, j, k, total = 0, nslot;
	uint32_t *slot;

	heal_prefilter_release(pf);
	pf->mwords = s->n / 64 + 1;
	for (i = 0; i < s->n; i++) {
		const struct heal_pattern_matcher *m = &s->m[i];

		/* a matcher without literals (one whose regexps need none,
		 * heal_pattern.c) is tried on every line; the others only on
		 * the lines that hold one of theirs */
		if (m->nliterals == 0) {
			if (!pf->free_matchers)
				pf->free_matchers = heal_calloc(pf->mwords,
								sizeof(uint64_t));
			pf->free_matchers[i / 64] |= (uint64_t)1 << (i % 64);
			pf->nfree++;
		}
		total += m->nliterals;
	}
	if (total == 0 || total > HEAL_PATTERN_MAX_LITERALS) {
		pf->all = true;
		return 0;
	}
	heal_prefilter_gate_build(pf, s);
	pf->lit = heal_calloc(total, sizeof(char *));
	pf->litlen = heal_calloc(total, sizeof(size_t));
	pf->m = 8;
	/* the same literal in several matchers is one literal: found through
	 * a hash of it (open addressing, at least twice as many slots) */
	for (nslot = 64; nslot < 2 * total; nslot *= 2)
		;
	slot = heal_malloc(nslot * sizeof(uint32_t));
	memset(slot, 0xff, nslot * sizeof(uint32_t));
	for (i = 0; i < s->n; i++)
		for (j = 0; j < s->m[i].nliterals; j++) {
			const char *l = s->m[i].literals[j];
			size_t len = strlen(l), h = lit_hash(l, len) & (nslot - 1);

			if (!s->m[i].lit_ids)
				s->m[i].lit_ids = heal_calloc(s->m[i].nliterals,
							      sizeof(uint32_t));
			while (slot[h] != UINT32_MAX &&
			       (pf->litlen[slot[h]] != len ||
				memcmp(pf->lit[slot[h]], l, len) != 0))
				h = (h + 1) & (nslot - 1);
			if (slot[h] != UINT32_MAX) {
				s->m[i].lit_ids[j] = slot[h];
				continue;
			}
			k = pf->nlit++;
			slot[h] = (uint32_t)k;
			s->m[i].lit_ids[j] = (uint32_t)k;
			pf->lit[k] = s->m[i].literals[j];
			pf->litlen[k] = len;
			if (len < pf->m)
				pf->m = len;
		}
	free(slot);
	if (!prefilter_tables(pf))
		return 0;
	pf->lit_matchers = heal_calloc(pf->nlit * pf->mwords, sizeof(uint64_t));
	pf->lit_start = heal_calloc(pf->nlit / 64 + 1, sizeof(uint64_t));
	for (i = 0; i < s->n; i++)
		for (j = 0; j < s->m[i].nliterals; j++) {
			uint32_t id = s->m[i].lit_ids[j];

			pf->lit_matchers[id * pf->mwords + i / 64] |=
				(uint64_t)1 << (i % 64);
			if (s->m[i].role != HEAL_ROLE_IGNORE)
				pf->lit_start[id / 64] |= (uint64_t)1 << (id % 64);
		}
	(void)err;
	return 0;
}

/*
 * The tables of a prefilter whose literals (lit, litlen, nlit) and their
 * shortest length m are set: false when a literal is one byte (pf->all).
 */
static bool prefilter_tables(struct heal_prefilter *pf)
{
	uint32_t *count;
	size_t j, k;

	pf->head = heal_calloc(pf->nlit, sizeof(uint64_t));
	pf->hmask = heal_calloc(pf->nlit, sizeof(uint64_t));
	for (k = 0; k < pf->nlit; k++) {
		size_t n = pf->litlen[k] < 8 ? pf->litlen[k] : 8;

		memcpy(&pf->head[k], pf->lit[k], n);
		memset(&pf->hmask[k], 0xff, n);
	}
	if (pf->m < 2) {
		/* a one-byte literal: every line is a candidate */
		pf->all = true;
		return false;
	}
	/* with m of 4 or more the shift goes by trigrams: with hundreds of
	 * literals, a bigram ("er", ": ") ends some literal's prefix at
	 * half of a log's windows, a trigram at a sixth (bench/detect's
	 * logs) */
	pf->wide = pf->m >= 4;
	if (pf->wide)
		choose_anchors(pf);
	pf->shift = heal_malloc(65536);
	memset(pf->shift, (int)(pf->m - 1 - pf->wide), 65536);
	if (pf->m >= 3)
		pf->tri = heal_calloc(65536 / 64, sizeof(uint64_t));
	count = heal_calloc(PF_BUCKETS + 1, sizeof(uint32_t));
	for (k = 0; k < pf->nlit; k++) {
		const char *l = ANCHOR(pf, k);

		if (pf->tri) {
			/* the filter of a shift-0 window: the gram just
			 * longer than the shift's */
			uint32_t t = pf->wide ? WIDE4(GRAM4(l + pf->m - 4))
					      : TRIGRAM(l + pf->m - 3);

			pf->tri[t / 64] |= (uint64_t)1 << (t % 64);
		}
		for (j = 1 + pf->wide; j < pf->m; j++) {
			uint32_t h = pf->wide ? WIDE3_AT(l + j - 2) : BIGRAM(l + j - 1);
			size_t sh = pf->m - 1 - j;

			if (pf->shift[h] > sh)
				pf->shift[h] = (uint8_t)sh;
			if (pf->wide) {
				if (!pf->partial)
					pf->partial = heal_calloc(65536 / 64,
								 sizeof(uint64_t));
				pf->partial[h / 64] |= (uint64_t)1 << (h % 64);
			}
		}
		count[LIT_BUCKET(pf, l) + 1]++;
	}
	for (k = 1; k <= PF_BUCKETS; k++)
		count[k] += count[k - 1];
	pf->bucket_start = count;
	pf->lits = heal_calloc(pf->nlit, sizeof(uint32_t));
	{
		uint32_t *fill = heal_calloc(PF_BUCKETS, sizeof(uint32_t));

		for (k = 0; k < pf->nlit; k++) {
			uint32_t h = LIT_BUCKET(pf, ANCHOR(pf, k));

			pf->lits[count[h] + fill[h]++] = (uint32_t)k;
		}
		free(fill);
	}
	return true;
}

void heal_prefilter_words(struct heal_prefilter *pf, char *const *words,
			  size_t n)
{
	size_t k;

	heal_prefilter_release(pf);
	if (n == 0) {
		pf->all = true;
		return;
	}
	pf->lit = heal_calloc(n, sizeof(char *));
	pf->litlen = heal_calloc(n, sizeof(size_t));
	pf->m = 8;
	for (k = 0; k < n; k++) {
		pf->lit[k] = words[k];
		pf->litlen[k] = strlen(words[k]);
		if (pf->litlen[k] < pf->m)
			pf->m = pf->litlen[k];
	}
	pf->nlit = n;
	prefilter_tables(pf);
}

/*
 * The literals of the bucket of the window at buf[at..at+m), hb, each at
 * its anchor's offset before the window and not before start: the start
 * of the first found, or SIZE_MAX (with bits, each one found is set there
 * and SIZE_MAX is returned).
 */
static inline size_t bucket_hit(const struct heal_prefilter *pf, const char *buf,
				size_t len, size_t start, size_t at, uint32_t hb,
				uint64_t *bits)
{
	uint32_t b, e = pf->bucket_start[hb + 1];
	size_t first = SIZE_MAX;

	for (b = pf->bucket_start[hb]; b < e; b++) {
		size_t k = pf->lits[b], n = pf->litlen[k], o = pf->aoff ? pf->aoff[k] : 0;
		size_t s = at - o;
		uint64_t w;

		if (at < start + o || n > len - s)
			continue;
		/* the literal's first 8 bytes in one load: most literals of
		 * the bucket differ there */
		if (len - s >= 8) {
			memcpy(&w, buf + s, 8);
			if ((w & pf->hmask[k]) != pf->head[k])
				continue;
			if (n > 8 && memcmp(buf + s + 8, pf->lit[k] + 8, n - 8) != 0)
				continue;
		} else if (memcmp(buf + s, pf->lit[k], n) != 0) {
			continue;
		}
		if (bits)
			bits[k / 64] |= (uint64_t)1 << (k % 64);
		else if (s < first)
			first = s;
	}
	return first;
}

/*
 * Wu-Manber over buf[0..len) from start: the offset of the first literal
 * that starts at or after start, or len; with bits, every such literal is
 * set there and the scan goes on to the end.  A window whose last bigram
 * (trigram, when wide) ends an anchor (shift 0) is checked against the
 * filter of the gram one byte longer before the bucket of literals: most
 * such windows in text end no anchor.  A literal found, the scan goes on
 * while a window may hold the anchor of one that starts before it.
 */
static inline size_t pf_find(const struct heal_prefilter *pf, const char *buf,
			     size_t len, size_t start, uint64_t *bits)
{
	size_t m = pf->m, full = m - 1 - pf->wide, pos, at, end = len, first = len;

	if (len - start < m)
		return len;
	pos = start + m - 1;
	if (pf->wide) {
		/* the window's last four bytes in one load (m >= 4: they
		 * are in the window) give the shift's trigram and the
		 * filter's four bytes */
		while (pos < end) {
			uint32_t g = GRAM4(buf + pos - 3), t, h = WIDE3(g);
			uint8_t sh;

			/* see below; most windows shift in full, told by a
			 * bit of partial (8 KB: in the first-level cache, the
			 * shift table is not) */
			while (!(pf->partial[h / 64] & ((uint64_t)1 << (h % 64)))) {
				pos += full;
				if (pos >= end)
					return first;
				g = GRAM4(buf + pos - 3);
				h = WIDE3(g);
			}
			sh = pf->shift[h];
			if (sh) {
				pos += sh;
				continue;
			}
			t = WIDE4(g);
			if (pf->tri[t / 64] & ((uint64_t)1 << (t % 64))) {
				at = bucket_hit(pf, buf, len, start, pos + 1 - m,
						WIDE_BUCKET(t), bits);
				if (at < first) {
					/* a literal anchored further on may
					 * start before this one */
					first = at;
					if (first + pf->maxoff + m < end)
						end = first + pf->maxoff + m;
				}
			}
			pos++;
		}
		return first;
	}
	while (pos < len) {
		uint32_t h = BIGRAM(buf + pos - 1);
		uint8_t sh = pf->shift[h];

		/*
		 * Where a window goes after a full shift does not depend on
		 * the loaded value, only on a (well-predicted) branch, so the
		 * processor has the next loads in flight: the loop is not
		 * bound by the latency of buf -> shift -> pos.
		 */
		while (sh == full) {
			pos += full;
			if (pos >= len)
				return len;
			h = BIGRAM(buf + pos - 1);
			sh = pf->shift[h];
		}
		if (sh) {
			pos += sh;
			continue;
		}
		if (pf->tri) {
			uint32_t t = TRIGRAM(buf + pos - 2);

			if (!(pf->tri[t / 64] & ((uint64_t)1 << (t % 64)))) {
				pos++;
				continue;
			}
		}
		at = bucket_hit(pf, buf, len, start, pos + 1 - m,
				PF_BUCKET(BIGRAM(buf + pos - 1)), bits);
		if (at != SIZE_MAX)
			return at;
		pos++;
	}
	return len;
}

size_t heal_prefilter_scan(const struct heal_prefilter *pf, const char *buf,
			   size_t len, size_t start)
{
	if (pf->all)
		return start;
	return pf_find(pf, buf, len, start, NULL);
}

void heal_prefilter_line(const struct heal_prefilter *pf, const char *line,
			 size_t len, uint64_t *bits)
{
	if (!pf->all)
		pf_find(pf, line, len, 0, bits);
}

void heal_prefilter_matchers(const struct heal_prefilter *pf, const char *line,
			     size_t len, uint64_t *litbits, uint64_t *mbits)
{
	size_t w, k;

	if (pf->all)
		return;
	memset(litbits, 0, (pf->nlit / 64 + 1) * sizeof(uint64_t));
	pf_find(pf, line, len, 0, litbits);
	for (w = 0; w <= pf->nlit / 64; w++) {
		uint64_t b = litbits[w];

		while (b) {
			const uint64_t *lm;

			k = w * 64 + (size_t)__builtin_ctzll(b);
			b &= b - 1;
			lm = pf->lit_matchers + k * pf->mwords;
			for (size_t i = 0; i < pf->mwords; i++)
				mbits[i] |= lm[i];
		}
	}
}

uint64_t heal_prefilter_ids(const struct heal_prefilter *pf, const char *line,
			    size_t len, size_t from, uint64_t *litbits)
{
	uint64_t ids = HEAL_PF_IDS_NONE;
	size_t w, n = 0;

	if (pf->all || pf->nlit >= 0xffff)
		return HEAL_PF_IDS_UNKNOWN;
	memset(litbits, 0, (pf->nlit / 64 + 1) * sizeof(uint64_t));
	pf_find(pf, line, len, from, litbits);
	for (w = 0; w <= pf->nlit / 64; w++) {
		uint64_t b = litbits[w];

		for (; b; b &= b - 1, n++) {
			uint64_t k = w * 64 + (uint64_t)__builtin_ctzll(b);

			if (n == 4)
				return HEAL_PF_IDS_UNKNOWN;
			ids = (ids & ~((uint64_t)0xffff << (16 * n))) | k << (16 * n);
		}
	}
	return ids;
}

bool heal_prefilter_ids_weak(const struct heal_prefilter *pf, uint64_t ids)
{
	if (!pf->lit_start || ids == HEAL_PF_IDS_UNKNOWN || ids == HEAL_PF_IDS_NONE)
		return false;
	for (; (ids & 0xffff) != 0xffff; ids = ids >> 16 | (uint64_t)0xffff << 48)
		if (pf->lit_start[(ids & 0xffff) / 64] & ((uint64_t)1 << (ids & 0xffff) % 64))
			return false;
	return true;
}

void heal_prefilter_ids_matchers(const struct heal_prefilter *pf, uint64_t ids,
				 uint64_t *mbits)
{
	for (; (ids & 0xffff) != 0xffff; ids = ids >> 16 | (uint64_t)0xffff << 48) {
		const uint64_t *lm = pf->lit_matchers + (ids & 0xffff) * pf->mwords;

		for (size_t i = 0; i < pf->mwords; i++)
			mbits[i] |= lm[i];
	}
}

bool heal_pattern_bits_hit(const struct heal_pattern_matcher *m,
			   const uint64_t *bits)
{
	size_t i;

	if (m->nliterals == 0 || !m->lit_ids)
		return true;
	for (i = 0; i < m->nliterals; i++)
		if (bits[m->lit_ids[i] / 64] & ((uint64_t)1 << (m->lit_ids[i] % 64)))
			return true;
	return false;
}
