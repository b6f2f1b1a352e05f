/*
 * Translated messages back to the C locale, from the machine's catalogs.
 *
 * A translation (msgstr) is parsed into items: literal runs, conversions
 * (a capture each, keyed by the argument it prints, so that "%2$s ...
 * %1$s" puts the arguments back in the msgid's order), gcc's %< %> quotes.
 * The msgid is parsed the same way and is what a match is rewritten to.
 * Matching is a small backtracking walk over the items (bounded by a step
 * budget), tolerant where translations and tools differ in spacing: a
 * space next to a colon or a quote mark may be missing or doubled, and
 * any quote mark (‘ ’ « » „ “ ” 「 」 ' ` ") closes a quoted argument.
 * Within a line only text not yet rewritten is matched again, so a C text
 * is never taken for a translation.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_catalog.h"
#include "heal_locale.h"
#include "heal_text.h"
#include "heal_utf8.h"

#define NKEYS 36
#define KEY_M 32            /* gcc's and glibc's %m: strerror (errno) */
#define KEY_E 33            /* ld's %E: the BFD error */
#define KEY_P 34            /* ld's %P: the program's name */
#define MAXCAT 24
#define MAXLANGS 256
#define MAXWORDS 96
#define NBUCKET 65536
#define ITERS 16
#define BUDGET 4000
#define MAXCAND 512
#define DETECT_TRIES 20000  /* candidate lines tried on languages not yet seen */
#define WORK (HEAL_LOCALE_LINE_MAX * 2)

enum { IT_LIT, IT_CONV, IT_QOPEN, IT_QCLOSE, IT_APOS };
enum { CL_TEXT, CL_INT, CL_HEX, CL_CHAR, CL_FLOAT };
enum dkind { DK_GCC, DK_LD, DK_PLAIN };

struct item {
	uint8_t kind, cls, key;
	bool quoted;
	uint32_t off, len;            /* IT_LIT: bytes in the pool */
};

struct tmpl {
	uint32_t s, ns;               /* the translation's items */
	uint32_t id, nid;             /* the msgid's items */
	uint32_t anchor, nanchor;     /* pool bytes every match holds */
	uint32_t next;                /* bucket chain: index + 1 */
	uint32_t stamp;
	uint8_t dk;
	uint8_t prio;                 /* a severity word or the like */
	uint8_t cat;                  /* the catalog it comes from */
	bool whole;                   /* plain text, no fragment: matched only
					 as a whole message (after a ": ") */
};

struct lang {
	char name[32];
	bool opened, loaded;
	struct heal_catalog cat[MAXCAT];
	uint8_t dk[MAXCAT];
	size_t ncat;
	char *words[MAXWORDS];
	size_t nwords;
	struct item *items;
	size_t nitems, citems;
	char *pool;
	size_t npool, cpool;
	struct tmpl *t;
	size_t nt, ct;
	uint32_t *bucket;
	char oq[16], cq[16];          /* gcc's quotes in this language */
	uint8_t last_cat;             /* the catalog that matched last */
};

struct heal_locale {
	bool off, forced, discovered, envdone;
	char *dir;
	char force_name[64];
	struct lang *langs[MAXLANGS];
	size_t nlangs;
	struct lang *active[HEAL_LOCALE_LANGS];
	size_t nactive;
	struct lang *wl[8];           /* languages whose words are looked for */
	size_t nwl;
	unsigned detect_left;
	uint32_t stamp;
	char warn[600];
	bool warn_new, warned;
	char a[WORK], b[WORK];
	unsigned char ma[WORK], mb[WORK];
};

/* --- text helpers --------------------------------------------------------- */

static bool alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '_';
}

static bool digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The length of a quote mark at s[i] (any language's), or 0. */
static size_t quote_at(const char *s, size_t i, size_t n)
{
	const unsigned char *p = (const unsigned char *)s + i;

	if (i >= n)
		return 0;
	if (*p == '\'' || *p == '`' || *p == '"')
		return 1;
	if (n - i >= 2 && p[0] == 0xc2 && (p[1] == 0xab || p[1] == 0xbb))
		return 2;                       /* « » */
	if (n - i >= 3 && p[0] == 0xe2 && p[1] == 0x80 &&
	    ((p[2] >= 0x98 && p[2] <= 0x9f) || p[2] == 0xb9 || p[2] == 0xba))
		return 3;                       /* ‘ ’ ‚ ‛ “ ” „ ‟ ‹ › */
	if (n - i >= 3 && p[0] == 0xe3 && p[1] == 0x80 && p[2] >= 0x8c && p[2] <= 0x8f)
		return 3;                       /* 「 」 『 』 */
	return 0;
}

/* The length of a quote mark that ends just before s[i], or 0. */
static size_t quote_before(const char *s, size_t i)
{
	size_t k;

	for (k = 1; k <= 3 && k <= i; k++)
		if (quote_at(s, i - k, i) == k)
			return k;
	return 0;
}

/* A space in a literal that may be missing or doubled in the output:
 * next to a colon, semicolon, !, ? or a quote mark (French typography). */
static bool soft_space(const char *lit, size_t j, size_t n)
{
	if (lit[j] != ' ')
		return false;
	if (j + 1 < n && (strchr(":;!?", lit[j + 1]) || quote_at(lit, j + 1, n)))
		return true;
	return j > 0 && quote_before(lit, j) > 0;
}

/* Normalize no-break and thin spaces to a space: into out (cap), its length. */
static size_t norm_spaces(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0, o = 0;

	while (i < n && o < cap) {
		const unsigned char *p = (const unsigned char *)s + i;

		if (n - i >= 2 && p[0] == 0xc2 && p[1] == 0xa0) {
			out[o++] = ' ';
			i += 2;
		} else if (n - i >= 3 && p[0] == 0xe2 && p[1] == 0x80 &&
			   (p[2] == 0xaf || p[2] == 0x89 || p[2] == 0x8a)) {
			out[o++] = ' ';
			i += 3;
		} else {
			out[o++] = s[i++];
		}
	}
	return o;
}

/* --- templates ------------------------------------------------------------ */

static uint32_t pool_add(struct lang *g, const char *s, size_t n)
{
	uint32_t off;

	if (g->npool + n + 1 > g->cpool) {
		g->cpool = (g->npool + n + 1) * 2 + 4096;
		g->pool = heal_realloc(g->pool, g->cpool);
	}
	off = (uint32_t)g->npool;
	memcpy(g->pool + off, s, n);
	g->npool += n;
	return off;
}

static struct item *item_new(struct lang *g)
{
	if (g->nitems == g->citems) {
		g->citems = g->citems ? g->citems * 2 : 4096;
		g->items = heal_reallocarray(g->items, g->citems, sizeof(*g->items));
	}
	memset(&g->items[g->nitems], 0, sizeof(struct item));
	return &g->items[g->nitems++];
}

static void lit_flush(struct lang *g, size_t first, const char *s, size_t n)
{
	struct item *it;

	if (!n)
		return;
	/* a literal right after another grows it */
	if (g->nitems > first && g->items[g->nitems - 1].kind == IT_LIT &&
	    g->items[g->nitems - 1].off + g->items[g->nitems - 1].len == g->npool) {
		pool_add(g, s, n);
		g->items[g->nitems - 1].len += (uint32_t)n;
		return;
	}
	it = item_new(g);
	it->kind = IT_LIT;
	it->off = pool_add(g, s, n);
	it->len = (uint32_t)n;
}

/*
 * Parse a format (printf, gcc's pretty-printer or ld's) into items.
 * Returns the number of items, or -1 when it is not usable.
 */
static long parse_fmt(struct lang *g, const char *s, size_t n, enum dkind dk)
{
	size_t first = g->nitems, i = 0, lit = 0, argno = 0;
	char buf[WORK];

	n = norm_spaces(s, n, buf, sizeof(buf));
	s = buf;
	while (i < n) {
		size_t j;
		int key = -1;
		bool quoted = false, pos = false;
		char conv;
		struct item *it;

		if (s[i] != '%') {
			i++;
			continue;
		}
		lit_flush(g, first, s + lit, i - lit);
		j = i + 1;
		if (j >= n) {
			lit_flush(g, first, "%", 1);
			i = lit = n;
			break;
		}
		if (s[j] == '%') {
			lit_flush(g, first, "%", 1);
			i = lit = j + 1;
			continue;
		}
		/* %N$ */
		{
			size_t k = j, v = 0;

			while (k < n && digit((unsigned char)s[k]) && v < 1000)
				v = v * 10 + (size_t)(s[k++] - '0');
			if (k > j && k < n && s[k] == '$' && v >= 1) {
				key = v - 1 < 32 ? (int)(v - 1) : 31;
				pos = true;
				j = k + 1;
			}
		}
		while (j < n && strchr("-+ #0'Iq", s[j])) {
			if (s[j] == 'q')
				quoted = true;
			if (s[j] == '\'' && dk == DK_GCC && j == i + 1)
				break;          /* gcc's %' (an apostrophe) */
			j++;
		}
		if (j < n && s[j] == '*') {
			j++;
			while (j < n && (digit((unsigned char)s[j]) || s[j] == '$'))
				j++;
			argno++;
		}
		while (j < n && digit((unsigned char)s[j]))
			j++;
		if (j < n && s[j] == '.') {
			j++;
			if (j < n && s[j] == '*') {
				j++;
				while (j < n && (digit((unsigned char)s[j]) || s[j] == '$'))
					j++;
				argno++;
			}
			while (j < n && digit((unsigned char)s[j]))
				j++;
		}
		while (j < n && strchr("hlLjzZtwq", s[j]) && !(dk == DK_GCC && s[j] == 'Z' &&
			(j + 1 >= n || !strchr("diuxs", s[j + 1]))))
			j++;
		if (j >= n)
			return -1;
		conv = s[j];
		i = lit = j + 1;
		if (dk == DK_GCC && (conv == '<' || conv == '>' || conv == '\'')) {
			it = item_new(g);
			it->kind = conv == '<' ? IT_QOPEN : conv == '>' ? IT_QCLOSE : IT_APOS;
			continue;
		}
		if (dk == DK_GCC && (conv == 'r' || conv == 'R')) {
			if (conv == 'r' && !pos)
				argno++;
			continue;               /* colours: nothing printed */
		}
		if (dk == DK_LD && (conv == 'X' || conv == 'F'))
			continue;               /* ld's flags: nothing printed */
		if (dk == DK_LD && conv == 'p' && i < n && strchr("ABIRSTa", s[i]))
			i = lit = i + 1;        /* %pB, %pT, ... */
		it = item_new(g);
		it->kind = IT_CONV;
		it->quoted = quoted;
		if (conv == 'm')
			it->key = KEY_M;
		else if (dk == DK_LD && conv == 'E')
			it->key = KEY_E;
		else if (dk == DK_LD && conv == 'P')
			it->key = KEY_P;
		else
			it->key = (uint8_t)(key >= 0 ? key : (int)(argno < 32 ? argno : 31));
		if (key < 0 && conv != 'm' && !(dk == DK_LD && (conv == 'E' || conv == 'P')))
			argno++;
		switch (conv) {
		case 'd': case 'i': case 'u':
			it->cls = dk == DK_LD && conv == 'd' ? CL_TEXT : CL_INT;
			break;
		case 'x': case 'X': case 'o':
			it->cls = CL_HEX;
			break;
		case 'c':
			it->cls = CL_CHAR;
			break;
		case 'f': case 'g': case 'e':
			it->cls = dk == DK_GCC && conv == 'e' ? CL_TEXT : CL_FLOAT;
			break;
		default:
			it->cls = CL_TEXT;
			break;
		}
	}
	lit_flush(g, first, s + lit, n - lit);
	return (long)(g->nitems - first);
}

static uint32_t hash4(const char *p)
{
	uint32_t h = 2166136261u;
	int k;

	for (k = 0; k < 4; k++)
		h = (h ^ (unsigned char)p[k]) * 16777619u;
	return (h ^ (h >> 16)) & (NBUCKET - 1);
}

/* The longest run of literal bytes every match holds (no soft space). */
static bool pick_anchor(struct lang *g, struct tmpl *t)
{
	size_t k, best = 0, boff = 0;

	for (k = 0; k < t->ns; k++) {
		const struct item *it = &g->items[t->s + k];
		const char *p = g->pool + it->off;
		size_t j, st = 0;

		if (it->kind != IT_LIT)
			continue;
		for (j = 0; j <= it->len; j++)
			if (j == it->len || soft_space(p, j, it->len) ||
			    (p[j] == ':' && j > 0)) {
				/* a colon may have a space before it */
				if (j - st > best) {
					best = j - st;
					boff = it->off + st;
				}
				st = j + (j < it->len && p[j] == ' ');
				if (j < it->len && p[j] == ':')
					st = j;
			}
	}
	if (best < 4)
		return false;
	for (k = 0; k < best; k++) {
		unsigned char c = (unsigned char)g->pool[boff + k];

		if (c >= 0x80 || (unsigned)((c | 0x20) - 'a') < 26u)
			break;
	}
	if (k == best)
		return false;           /* no letter: "%s: %s" */
	t->anchor = (uint32_t)boff;
	t->nanchor = (uint32_t)best;
	return true;
}

/* Trim newlines at both ends (tools print messages as lines). */
static void trim_nl(const char **s, size_t *n)
{
	while (*n && ((*s)[*n - 1] == '\n' || (*s)[*n - 1] == '\r'))
		(*n)--;
	while (*n && (*s)[0] == '\n') {
		(*s)++;
		(*n)--;
	}
}

/* msgids whose translations are the words that tell a language apart */
static const char *const probe_ids[] = {
	"error: ", "warning: ", "fatal error: ", "note: ", "In function %qs",
	"ld returned %d exit status", "%s[%s: %s] Error %d%s", ".  Stop.\n",
	" line ", "%s: line %d: ", "%s: command not found", "syntax error",
	"%pB: in function `%pT':\n", "%X%P: %C: undefined reference to `%pT'\n",
	"No such file or directory", "Permission denied", NULL
};

static void add_template(struct lang *g, const char *str, size_t sn,
			 const char *id, size_t idn, enum dkind dk, size_t cat)
{
	size_t mark_items = g->nitems, mark_pool = g->npool;
	struct tmpl t = { 0 };
	long ns, nid;
	size_t k;

	char one[HEAL_LOCALE_LINE_MAX];

	trim_nl(&str, &sn);
	trim_nl(&id, &idn);
	if (!sn || !idn || sn > HEAL_LOCALE_LINE_MAX || idn > HEAL_LOCALE_LINE_MAX ||
	    memchr(id, '\n', idn) || (sn == idn && strncasecmp(str, id, sn) == 0))
		return;
	if (memchr(str, '\n', sn)) {
		/* a translation printed on two lines or more: matched on the
		 * lines joined by one space (heal_locale_map) */
		size_t i, o = 0;

		for (i = 0; i < sn; i++) {
			if (str[i] == '\n') {
				while (o && one[o - 1] == ' ')
					o--;
				one[o++] = ' ';
				while (i + 1 < sn && str[i + 1] == ' ')
					i++;
			} else {
				one[o++] = str[i];
			}
		}
		str = one;
		sn = o;
	}
	t.s = (uint32_t)g->nitems;
	ns = parse_fmt(g, str, sn, dk);
	t.id = (uint32_t)g->nitems;
	nid = ns < 0 ? -1 : parse_fmt(g, id, idn, dk);
	if (ns <= 0 || nid <= 0)
		goto drop;
	t.ns = (uint32_t)ns;
	t.nid = (uint32_t)nid;
	t.dk = (uint8_t)dk;
	t.cat = (uint8_t)cat;
	/* "Keine" -> "No", "Makefile" -> "makefile": a label, not a piece of
	 * a message ("error: ", " line "), stands only for a whole message */
	t.whole = ns == 1 && g->items[t.s].kind == IT_LIT && id[0] != ' ' &&
		  id[idn - 1] != ' ' && id[idn - 1] != ':';
	if (!pick_anchor(g, &t))
		goto drop;
	for (k = 0; probe_ids[k]; k++)
		if (strncmp(probe_ids[k], id, idn) == 0 && probe_ids[k][idn] == '\0')
			t.prio = 3;
	if (g->nt == g->ct) {
		g->ct = g->ct ? g->ct * 2 : 1024;
		g->t = heal_reallocarray(g->t, g->ct, sizeof(*g->t));
	}
	g->t[g->nt++] = t;
	return;
drop:
	g->nitems = mark_items;
	g->npool = mark_pool;
}

/* --- catalogs and languages ----------------------------------------------- */

static void warn_set(struct heal_locale *l, const char *msg)
{
	if (l->warned)
		return;
	snprintf(l->warn, sizeof(l->warn), "%s", msg);
	l->warned = l->warn_new = true;
}

static enum dkind domain_kind(const char *f)
{
	if (strncmp(f, "gcc-", 4) == 0 || strncmp(f, "cpplib-", 7) == 0 ||
	    strcmp(f, "gcc.mo") == 0 || strcmp(f, "cpplib.mo") == 0)
		return DK_GCC;
	if (strcmp(f, "ld.mo") == 0 || strcmp(f, "bfd.mo") == 0 ||
	    strcmp(f, "binutils.mo") == 0 || strcmp(f, "gas.mo") == 0 ||
	    strcmp(f, "gold.mo") == 0)
		return DK_LD;
	return DK_PLAIN;
}

static bool our_domain(const char *f)
{
	static const char *const plain[] = {
		"gcc.mo", "cpplib.mo", "ld.mo", "bfd.mo", "binutils.mo", "gas.mo",
		"gold.mo", "make.mo", "bash.mo", "libc.mo", NULL
	};
	size_t k, n = strlen(f);

	for (k = 0; plain[k]; k++)
		if (strcmp(f, plain[k]) == 0)
			return true;
	/* gcc-12.mo, cpplib-13.mo: every version there is */
	if (n > 7 && strcmp(f + n - 3, ".mo") == 0 &&
	    (strncmp(f, "gcc-", 4) == 0 || strncmp(f, "cpplib-", 7) == 0)) {
		const char *v = strchr(f, '-') + 1;

		return digit((unsigned char)*v);
	}
	return false;
}

/* Newest gcc first: gcc-13.mo before gcc-12.mo before gcc.mo. */
static long version_of(const char *f)
{
	const char *v = strchr(f, '-');

	return v ? strtol(v + 1, NULL, 10) : 0;
}

static int cmp_files(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	long vx = version_of(x), vy = version_of(y);
	int dx = domain_kind(x), dy = domain_kind(y);

	if (dx != dy)
		return dx - dy;
	if (vx != vy)
		return vx > vy ? -1 : 1;
	return strcmp(x, y);
}

/* Map the catalogs of g's LC_MESSAGES. */
static void lang_open(struct heal_locale *l, struct lang *g)
{
	char path[4096], *names[MAXCAT];
	size_t nn = 0, k;
	struct dirent *e;
	DIR *dir;

	if (g->opened)
		return;
	g->opened = true;
	snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES", l->dir, g->name);
	dir = opendir(path);
	if (!dir)
		return;
	while ((e = readdir(dir)) && nn < MAXCAT)
		if (our_domain(e->d_name))
			names[nn++] = heal_strdup(e->d_name);
	closedir(dir);
	qsort(names, nn, sizeof(*names), cmp_files);
	for (k = 0; k < nn; k++) {
		struct heal_error err = HEAL_ERROR_INIT;

		snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/%s", l->dir, g->name, names[k]);
		if (heal_catalog_open(&g->cat[g->ncat], path, &err) < 0) {
			warn_set(l, err.msg);
		} else {
			g->dk[g->ncat] = (uint8_t)domain_kind(names[k]);
			g->ncat++;
		}
		free(names[k]);
	}
}


static void word_add(struct lang *g, const char *w, size_t n, const char *id)
{
	size_t k, ascii = 1;

	for (k = 0; k < n; k++)
		if ((unsigned char)w[k] >= 0x80)
			ascii = 0;
	if (n < (ascii ? 4u : 3u) || n > 64 || g->nwords == MAXWORDS)
		return;
	for (k = 0; id[k]; k++)
		if (strncmp(id + k, w, n) == 0)
			return;                 /* not translated */
	for (k = 0; k < g->nwords; k++)
		if (strlen(g->words[k]) == n && memcmp(g->words[k], w, n) == 0)
			return;
	g->words[g->nwords++] = heal_strndup(w, n);
}

/* The words of g's translations of probe_ids (catalogs mapped, not read). */
static void lang_probe(struct heal_locale *l, struct lang *g)
{
	size_t c, k;

	if (g->opened)
		return;
	lang_open(l, g);
	for (c = 0; c < g->ncat; c++)
		for (k = 0; probe_ids[k]; k++) {
			size_t n, i = 0, st;
			const char *s = heal_catalog_lookup(&g->cat[c], probe_ids[k], &n);
			char buf[256];

			if (!s || n >= sizeof(buf))
				continue;
			n = norm_spaces(s, n, buf, sizeof(buf));
			/* words: runs between spaces, punctuation and conversions */
			while (i < n) {
				while (i < n && (strchr(" :.,;()[]%'`\"\n*", buf[i]) || quote_at(buf, i, n))) {
					if (buf[i] == '%' && i + 1 < n)
						i++;
					i += quote_at(buf, i, n) ? quote_at(buf, i, n) : 1;
				}
				st = i;
				while (i < n && !strchr(" :.,;()[]%'`\"\n*", buf[i]) && !quote_at(buf, i, n))
					i++;
				if (i > st)
					word_add(g, buf + st, i - st, probe_ids[k]);
			}
		}
}

static void lang_load(struct heal_locale *l, struct lang *g)
{
	size_t c, i, k;

	if (g->loaded)
		return;
	lang_probe(l, g);
	g->loaded = true;
	g->bucket = heal_calloc(NBUCKET, sizeof(*g->bucket));
	for (c = 0; c < g->ncat; c++) {
		struct heal_catalog *cat = &g->cat[c];
		size_t n = heal_catalog_count(cat);

		if (g->dk[c] == DK_GCC && !g->oq[0]) {
			const char *q;
			size_t qn;

			if ((q = heal_catalog_lookup(cat, "`", &qn)) && qn < sizeof(g->oq))
				norm_spaces(q, qn, g->oq, sizeof(g->oq) - 1);
			if ((q = heal_catalog_lookup(cat, "'", &qn)) && qn < sizeof(g->cq))
				norm_spaces(q, qn, g->cq, sizeof(g->cq) - 1);
		}
		for (i = 0; i < n; i++) {
			struct heal_catalog_entry e;
			const char *s;
			size_t sn;

			if (!heal_catalog_entry(cat, i, &e))
				continue;
			for (k = 0; k < 8 && heal_catalog_form(&e, k, &s, &sn); k++) {
				if (k == 0 || !e.plural)
					add_template(g, s, sn, e.msgid, e.msgid_len, (enum dkind)g->dk[c], c);
				else
					add_template(g, s, sn, e.plural, e.plural_len, (enum dkind)g->dk[c], c);
			}
		}
	}
	/* newest catalog first in each chain: insert in reverse */
	for (i = g->nt; i-- > 0;) {
		uint32_t h = hash4(g->pool + g->t[i].anchor);

		g->t[i].next = g->bucket[h];
		g->bucket[h] = (uint32_t)i + 1;
	}
}

static void lang_free(struct lang *g)
{
	size_t k;

	for (k = 0; k < g->ncat; k++)
		heal_catalog_release(&g->cat[k]);
	for (k = 0; k < g->nwords; k++)
		free(g->words[k]);
	free(g->items);
	free(g->pool);
	free(g->t);
	free(g->bucket);
	free(g);
}

static bool name_ok(const char *s)
{
	size_t k;

	for (k = 0; s[k]; k++)
		if (!alnum((unsigned char)s[k]) && !strchr("@.-", s[k]))
			return false;
	return k > 0 && k < 32 && s[0] != '.';
}

static struct lang *lang_get(struct heal_locale *l, const char *name)
{
	struct lang *g;
	char path[4096];
	struct stat st;
	size_t k;

	if (!name_ok(name))
		return NULL;
	for (k = 0; k < l->nlangs; k++)
		if (strcmp(l->langs[k]->name, name) == 0)
			return l->langs[k];
	snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES", l->dir, name);
	if (l->nlangs == MAXLANGS || stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return NULL;
	g = heal_calloc(1, sizeof(*g));
	snprintf(g->name, sizeof(g->name), "%s", name);
	l->langs[l->nlangs++] = g;
	return g;
}

/* A locale name's language: "de_DE.UTF-8@euro" -> de_DE, then de. */
static struct lang *lang_of(struct heal_locale *l, const char *v)
{
	char name[32];
	size_t n = strcspn(v, ".@:");
	struct lang *g;

	if (!n || n >= sizeof(name))
		return NULL;
	memcpy(name, v, n);
	name[n] = '\0';
	if (strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0 ||
	    strncmp(name, "en", 2) == 0)
		return NULL;
	if ((g = lang_get(l, name)))
		return g;
	name[strcspn(name, "_")] = '\0';
	return lang_get(l, name);
}

static void wl_add(struct heal_locale *l, struct lang *g)
{
	size_t k;

	if (!g)
		return;
	for (k = 0; k < l->nwl; k++)
		if (l->wl[k] == g)
			return;
	if (l->nwl < sizeof(l->wl) / sizeof(l->wl[0])) {
		lang_probe(l, g);
		l->wl[l->nwl++] = g;
	}
}

/* The environment's languages (LANGUAGE's list first), or the forced one. */
static void env_langs(struct heal_locale *l)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;
	size_t k;

	if (l->envdone)
		return;
	l->envdone = true;
	if (l->forced)
		return;
	if ((v = getenv("LANGUAGE")) && *v) {
		char buf[256];
		char *p, *q;

		snprintf(buf, sizeof(buf), "%s", v);
		for (p = buf; p; p = q) {
			q = strchr(p, ':');
			if (q)
				*q++ = '\0';
			wl_add(l, lang_of(l, p));
		}
	}
	for (k = 0; k < 3; k++)
		if ((v = getenv(vars[k])) && *v) {
			wl_add(l, lang_of(l, v));
			break;
		}
}

/* Every language with catalogs of bash, make, ld or gcc installed. */
static void discover(struct heal_locale *l)
{
	static const char *const files[] = { "bash.mo", "make.mo", "ld.mo", "libc.mo" };
	struct dirent *e;
	DIR *dir;

	if (l->discovered)
		return;
	l->discovered = true;
	dir = opendir(l->dir);
	if (!dir)
		return;
	while ((e = readdir(dir)) && l->nlangs < MAXLANGS) {
		char path[4096];
		size_t k;

		if (!name_ok(e->d_name) || strncmp(e->d_name, "en", 2) == 0)
			continue;
		for (k = 0; k < 4; k++) {
			snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/%s", l->dir,
				 e->d_name, files[k]);
			if (access(path, R_OK) == 0) {
				lang_get(l, e->d_name);
				break;
			}
		}
	}
	closedir(dir);
}

/* The bytes of g's words that s holds. */
static size_t word_score(const struct lang *g, const char *s, size_t n)
{
	size_t k, sc = 0;

	for (k = 0; k < g->nwords; k++)
		if (memmem(s, n, g->words[k], strlen(g->words[k])))
			sc += strlen(g->words[k]);
	return sc;
}

static bool has_word(const struct lang *g, const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < g->nwords; k++)
		if (memmem(s, n, g->words[k], strlen(g->words[k])))
			return true;
	return false;
}

/* --- public: set-up and the cheap checks ---------------------------------- */

struct heal_locale *heal_locale_new(const char *force, const char *localedir)
{
	struct heal_locale *l = heal_calloc(1, sizeof(*l));
	const char *d = localedir;

	if (!d || !*d)
		d = getenv("HEAL_LOCALEDIR");
	l->dir = heal_strdup(d && *d ? d : HEAL_LOCALE_DIR_DEFAULT);
	l->detect_left = DETECT_TRIES;
	if (force && *force) {
		l->forced = true;
		if (strcmp(force, "C") == 0 || strcmp(force, "POSIX") == 0 ||
		    strncmp(force, "C.", 2) == 0)
			l->off = true;
		else    /* resolved when first needed */
			snprintf(l->force_name, sizeof(l->force_name), "%s", force);
	}
	return l;
}

/* The forced language, resolved once (its words looked for from then). */
static void forced_lang(struct heal_locale *l)
{
	struct lang *g;
	char name[64];

	if (!l->forced || l->off || l->envdone)
		return;
	l->envdone = true;
	snprintf(name, sizeof(name), "%s", l->force_name);
	g = lang_of(l, name);
	if (!g) {
		char msg[200];
		char *e = heal_text_escape_dup(name, strlen(name));

		snprintf(msg, sizeof(msg), "no message catalogs for language '%s' in '%s'",
			 e, l->dir);
		free(e);
		warn_set(l, msg);
		l->off = true;
		return;
	}
	wl_add(l, g);
}

void heal_locale_free(struct heal_locale *l)
{
	size_t k;

	if (!l)
		return;
	for (k = 0; k < l->nlangs; k++)
		lang_free(l->langs[k]);
	free(l->dir);
	free(l);
}

bool heal_locale_enabled(const struct heal_locale *l)
{
	return l && !l->off;
}

static void words_init(struct heal_locale *l)
{
	if (!l->envdone) {
		if (l->forced)
			forced_lang(l);
		else
			env_langs(l);
	}
}

bool heal_locale_candidate(struct heal_locale *l, const char *line, size_t len)
{
	size_t k;

	if (!l || l->off || len > HEAL_LOCALE_LINE_MAX)
		return false;
	words_init(l);
	for (k = 0; k < len; k++)
		if ((unsigned char)line[k] >= 0x80)
			break;
	if (k < len && memchr(line, ':', len))
		return true;
	for (k = 0; k < l->nwl; k++)
		if (has_word(l->wl[k], line, len))
			return true;
	return false;
}

size_t heal_locale_scan(struct heal_locale *l, const char *buf, size_t start,
			size_t end)
{
	size_t best = end, i = start, k, w;

	if (!l || l->off)
		return end;
	words_init(l);
	/* a byte above 0x7f, eight at a time, on a line with a colon */
	while (i < end) {
		const char *nl, *ls;
		size_t le;

		while (i + 8 <= end) {
			uint64_t x;

			memcpy(&x, buf + i, 8);
			if (x & 0x8080808080808080ull)
				break;
			i += 8;
		}
		while (i < end && (unsigned char)buf[i] < 0x80)
			i++;
		if (i >= end)
			break;
		ls = memrchr(buf + start, '\n', i - start);
		ls = ls ? ls + 1 : buf + start;
		nl = memchr(buf + i, '\n', end - i);
		le = nl ? (size_t)(nl - buf) : end;
		if (memchr(ls, ':', (size_t)(buf + le - ls))) {
			best = (size_t)(ls - buf);
			break;
		}
		i = le + 1;
	}
	for (k = 0; k < l->nwl; k++)
		for (w = 0; w < l->wl[k]->nwords; w++) {
			const char *p = memmem(buf + start, best - start, l->wl[k]->words[w],
					       strlen(l->wl[k]->words[w]));

			if (p) {
				const char *ls = memrchr(buf + start, '\n', (size_t)(p - buf) - start);

				best = ls ? (size_t)(ls - buf) + 1 : start;
			}
		}
	return best;
}

const char *heal_locale_warning(struct heal_locale *l)
{
	if (!l || !l->warn_new)
		return NULL;
	l->warn_new = false;
	return l->warn;
}


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
		if (soft_space(lit, j, n)) {
			while (k < c->s1 && c->s[k] == ' ')
				k++;
			j++;
			continue;
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
	if (soft_space(lit, 0, it->len) || punct(lit[0]))
		return true;
	return c->s[pos] == lit[0];
}

static size_t open_q(const struct mctx *c, size_t pos)
{
	size_t q = quote_at(c->s, pos, c->s1);

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
	q = quote_at(c->s, pos, c->s1);
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

			if (c->s[e] != ' ' && !quote_at(c->s, e, c->s1))
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
		    (e >= c->s1 || !quote_at(c->s, e, c->s1)))
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
	memset(c->cap, 0, sizeof(c->cap));
	c->budget = BUDGET;
	if (!m_items(c, 0, pos))
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
			if (quote_at(c->s, p, c->s1) && try_at(c, p)) {
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
	struct mctx c = { .g = g, .s = l->a, .s0 = s0, .s1 = s1 };
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
		uint32_t x = g->bucket[hash4(l->a + p)];

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

/* Map l->a (n bytes, the line) with g's catalogs: the new length, or 0. */
static size_t map_with(struct heal_locale *l, struct lang *g, const char *in, size_t n)
{
	size_t it, s0, s1;
	bool changed = false;

	if (!g->nt)
		return 0;
	memcpy(l->a, in, n);
	memset(l->ma, 0, n);
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

static bool is_active(const struct heal_locale *l, const struct lang *g)
{
	size_t k;

	for (k = 0; k < l->nactive; k++)
		if (l->active[k] == g)
			return true;
	return false;
}

static void activate(struct heal_locale *l, struct lang *g)
{
	if (is_active(l, g) || l->nactive == HEAL_LOCALE_LANGS)
		return;
	lang_load(l, g);
	wl_add(l, g);
	l->active[l->nactive++] = g;
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
	static char in[WORK];
	size_t n, k, m;

	if (!l || l->off || len > HEAL_LOCALE_LINE_MAX)
		return 0;
	words_init(l);
	if (l->off)
		return 0;
	n = norm_spaces(line, len, in, sizeof(in));
	for (k = 0; k < l->nactive; k++)
		if ((m = map_with(l, l->active[k], in, n)))
			return found(l, k, m, out, lang);
	if (l->nactive == HEAL_LOCALE_LANGS)
		return 0;
	/* a language not seen yet: the forced one, the environment's, then
	 * any installed whose words the line holds */
	for (k = 0; k < l->nwl; k++) {
		struct lang *g = l->wl[k];

		if (is_active(l, g) || (!l->forced && !has_word(g, in, n)))
			continue;
		activate(l, g);
		if ((m = map_with(l, g, in, n)))
			return found(l, l->nactive - 1, m, out, lang);
	}
	if (l->forced || !l->detect_left)
		return 0;
	l->detect_left--;
	discover(l);
	{
		struct lang *bg = NULL;
		size_t bs = 0, sc;

		/* the language most of whose words the line holds */
		for (k = 0; k < l->nlangs; k++) {
			struct lang *g = l->langs[k];

			if (is_active(l, g))
				continue;
			lang_probe(l, g);
			if ((sc = word_score(g, in, n)) > bs) {
				bs = sc;
				bg = g;
			}
		}
		if (bg) {
			activate(l, bg);
			if ((m = map_with(l, bg, in, n)))
				return found(l, l->nactive - 1, m, out, lang);
		}
	}
	return 0;
}
