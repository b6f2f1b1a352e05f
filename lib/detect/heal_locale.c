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
 * any quote mark (‘ ’ « » „ “ ” 「 」 ' ` ", and ",," for „ transliterated
 * in an 8-bit locale) closes a quoted argument.
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
#include "heal_locale_int.h"
#include "heal_text.h"
#include "heal_utf8.h"

/* --- text helpers --------------------------------------------------------- */

/* The length of a quote mark at s[i] (any language's), or 0. */
size_t hloc_quote_at(const char *s, size_t i, size_t n)
{
	const unsigned char *p = (const unsigned char *)s + i;

	if (i >= n)
		return 0;
	if (*p == '\'' || *p == '`' || *p == '"')
		return 1;
	/* „ as the C library's transliteration writes it where a locale's
	 * charset lacks it (de_DE.ISO-8859-1: ,,main.o") */
	if (n - i >= 2 && p[0] == ',' && p[1] == ',')
		return 2;
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
size_t hloc_quote_before(const char *s, size_t i)
{
	size_t k;

	for (k = 1; k <= 3 && k <= i; k++)
		if (hloc_quote_at(s, i - k, i) == k)
			return k;
	return 0;
}

/*
 * Whether code point c is typography that English output prints too: gcc's
 * quotes (U+2018, U+2019), dashes, bullets and ellipses, box drawing and
 * the shapes, arrows, braille spinners and emoji of progress lines, Latin-1's
 * signs (°, ×, µ), invisible marks, a private font's icons.  Not the quote
 * marks and spaces only translations use (« », „, ‚, “ ”, ‹ ›, French's
 * no-break spaces), nor U+FFFD (a letter a paste mis-decoded: "m�glich"),
 * nor any letter.
 */
static bool typography(uint32_t c)
{
	if (c < 0x100)
		return c < 0xa0 || c == 0xa6 || c == 0xa7 || c == 0xa9 ||
		       c == 0xae || (c >= 0xb0 && c <= 0xb3) || c == 0xb5 ||
		       c == 0xb7 || c == 0xb9 || (c >= 0xbc && c <= 0xbe) ||
		       c == 0xd7 || c == 0xf7;
	if (c >= 0x2000 && c <= 0x2bff)
		return c != 0x201a && c != 0x201c && c != 0x201d && c != 0x201e &&
		       c != 0x2039 && c != 0x203a && c != 0x202f;
	return (c >= 0x2800 && c <= 0x28ff) || (c >= 0xe000 && c <= 0xf8ff) ||
	       (c >= 0xfe00 && c <= 0xfe0f) || c == 0xfeff ||
	       (c >= 0x1f000 && c <= 0x1faff) || (c >= 0xe0000 && c <= 0xe007f);
}

/*
 * Whether s holds a letter or mark of another language than English: a
 * code point above 0x7f that is not typography, or a byte that is not
 * UTF-8 (a Latin-1 log's letters).  Only such a line looks for a language
 * not seen yet: a progress line's box drawing and gcc's quotes would read
 * every catalog installed for nothing.
 */
bool hloc_foreign(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	uint32_t c;

	while (i < n) {
		i += heal_utf8_ascii_len(s + i, n - i);
		if (i >= n)
			break;
		k = heal_utf8_decode(p + i, n - i, &c);
		if (!k || !typography(c))
			return true;
		i += k;
	}
	return false;
}

/* A space in a literal that may be missing or doubled in the output:
 * next to a colon, semicolon, !, ? or a quote mark (French typography). */
bool hloc_soft_space(const char *lit, size_t j, size_t n)
{
	if (lit[j] != ' ')
		return false;
	if (j + 1 < n && (strchr(":;!?", lit[j + 1]) || hloc_quote_at(lit, j + 1, n)))
		return true;
	return j > 0 && hloc_quote_before(lit, j) > 0;
}

/* Normalize no-break and thin spaces to a space: into out (cap), its length. */
size_t hloc_norm_spaces(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0, o = 0;

	while (i < n && o < cap) {
		const unsigned char *p = (const unsigned char *)s + i;
		size_t run = 0;

		/* bytes below 0xc2 are copied as they are, a run at a time */
		while (run < n - i && run < cap - o && p[run] < 0xc2)
			run++;
		if (run) {
			memcpy(out + o, s + i, run);
			o += run;
			i += run;
			continue;
		}
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

/* A width or precision at s[j] (digits, or "*" taking an argument): the
 * index after it. */
static size_t skip_width(const char *s, size_t n, size_t j, size_t *argno)
{
	if (j < n && s[j] == '*') {
		j++;
		while (j < n && (digit((unsigned char)s[j]) || s[j] == '$'))
			j++;
		(*argno)++;
	}
	while (j < n && digit((unsigned char)s[j]))
		j++;
	return j;
}

/*
 * Parse a format (printf, gcc's pretty-printer or ld's) into items.
 * Returns the number of items, or -1 when it is not usable.
 */
static long parse_fmt(struct lang *g, const char *s, size_t n, enum dkind dk)
{
	size_t first = g->nitems, i = 0, lit = 0, argno = 0;
	char buf[WORK];

	n = hloc_norm_spaces(s, n, buf, sizeof(buf));
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
		j = skip_width(s, n, j, &argno);
		if (j < n && s[j] == '.')
			j = skip_width(s, n, j + 1, &argno);
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

uint32_t hloc_hash4(const char *p)
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
		const char *p;
		size_t j, st = 0;

		if (it->kind != IT_LIT || !g->pool)
			continue;
		p = g->pool + it->off;
		for (j = 0; j <= it->len; j++) {
			unsigned char ch = j < it->len ? (unsigned char)p[j] : 0;
			size_t q;

			/* a byte no quote mark, space or colon begins: nothing
			 * to do (most bytes: this loop runs over every
			 * translation of a language once) */
			if (j < it->len && ch < 0xc2 && ch != '\'' && ch != '`' &&
			    ch != '"' && ch != ',' && ch != ' ' && ch != ':')
				continue;
			/* a quote mark may be printed as another (an 8-bit
			 * locale's charset lacks it): no part of an anchor */
			q = j < it->len ? hloc_quote_at(p, j, it->len) : 0;

			if (q) {
				if (j - st > best) {
					best = j - st;
					boff = it->off + st;
				}
				j += q - 1;
				st = j + 1;
				continue;
			}
			if (j == it->len || hloc_soft_space(p, j, it->len) ||
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

/* msgids whose translations are the words that tell a language apart,
 * by the catalog (domain) that has them */
static const struct probe {
	const char *dom, *id;
} probe_ids[] = {
	{ "gcc", "error: " }, { "gcc", "warning: " }, { "gcc", "fatal error: " },
	{ "gcc", "note: " }, { "gcc", "In function %qs" },
	{ "gcc", "ld returned %d exit status" },
	{ "make", "%s[%s: %s] Error %d%s" }, { "make", ".  Stop.\n" },
	{ "bash", " line " }, { "bash", "%s: line %d: " },
	{ "bash", "%s: command not found" }, { "bash", "syntax error" },
	{ "ld", "%pB: in function `%pT':\n" },
	{ "ld", "%X%P: %C: undefined reference to `%pT'\n" },
	{ "ld", "%P: cannot find %s\n" },
	{ "make", "%sNo rule to make target '%s'%s" },
	{ "make", "%sNo rule to make target '%s', needed by '%s'%s" },
	{ "gcc", "compilation terminated.\n" },
	{ "libc", "No such file or directory" }, { "libc", "Permission denied" },
	{ NULL, NULL }
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
	for (k = 0; probe_ids[k].id; k++)
		if (strlen(probe_ids[k].id) == idn && memcmp(probe_ids[k].id, id, idn) == 0)
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
		g->dk[k] = (uint8_t)domain_kind(names[k]);
		snprintf(g->dom[k], sizeof(g->dom[0]), "%.*s",
			 (int)strcspn(names[k], "-."), names[k]);
		snprintf(g->file[k], sizeof(g->file[0]), "%.*s",
			 (int)strcspn(names[k], "."), names[k]);
		free(names[k]);
	}
	g->ncat = nn;
}

/* Catalog c of g, mapped when first needed: false when it cannot be. */
static bool cat_ready(struct heal_locale *l, struct lang *g, size_t c)
{
	struct heal_error err = HEAL_ERROR_INIT;
	char path[4096];

	if (g->cat[c].data)
		return true;
	if (g->catbad[c])
		return false;
	snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/%s.mo", l->dir, g->name, g->file[c]);
	if (heal_catalog_open(&g->cat[c], path, &err) < 0) {
		g->catbad[c] = true;
		warn_set(l, err.msg);
		return false;
	}
	return true;
}

static void word_add(struct lang *g, const char *w, size_t n, const char *id)
{
	size_t k, ascii = 1;

	for (k = 0; k < n; k++)
		if ((unsigned char)w[k] >= 0x80)
			ascii = 0;
	if (n < (ascii ? 5u : 3u) || n > 64 || g->nwords == MAXWORDS)
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
void hloc_lang_probe(struct heal_locale *l, struct lang *g)
{
	size_t c, k;

	if (g->opened)
		return;
	lang_open(l, g);
	for (c = 0; c < g->ncat; c++)
		for (k = 0; probe_ids[k].id; k++) {
			size_t n, i = 0, st;
			const char *s;

			/* only the newest gcc's catalog, only a domain's own msgids */
			if (strcmp(probe_ids[k].dom, g->dom[c]) != 0 ||
			    (c > 0 && strcmp(g->dom[c - 1], g->dom[c]) == 0) ||
			    !cat_ready(l, g, c))
				continue;
			s = heal_catalog_lookup(&g->cat[c], probe_ids[k].id, &n);
			char buf[256];

			if (!s || n >= sizeof(buf))
				continue;
			n = hloc_norm_spaces(s, n, buf, sizeof(buf));
			/* words: runs between spaces, punctuation and conversions */
			while (i < n) {
				while (i < n && (strchr(" :.,;()[]%'`\"\n*", buf[i]) || hloc_quote_at(buf, i, n))) {
					if (buf[i] == '%' && i + 1 < n)
						i++;
					i += hloc_quote_at(buf, i, n) ? hloc_quote_at(buf, i, n) : 1;
				}
				st = i;
				while (i < n && !strchr(" :.,;()[]%'`\"\n*", buf[i]) && !hloc_quote_at(buf, i, n))
					i++;
				if (i > st)
					word_add(g, buf + st, i - st, probe_ids[k].id);
			}
		}
	/* a language only probed keeps its words, not its catalogs' pages
	 * (the peak RSS of a run that probes every language) */
	for (c = 0; c < g->ncat; c++)
		heal_catalog_release(&g->cat[c]);
}

void hloc_lang_load(struct heal_locale *l, struct lang *g)
{
	size_t c, i, k;

	if (g->loaded)
		return;
	hloc_lang_probe(l, g);
	g->loaded = true;
	g->bucket = heal_calloc(NBUCKET, sizeof(*g->bucket));
	for (c = 0; c < g->ncat; c++) {
		struct heal_catalog *cat = &g->cat[c];
		size_t n = heal_catalog_count(cat);
		struct heal_error err = HEAL_ERROR_INIT;

		if (!cat_ready(l, g, c))
			continue;
		n = heal_catalog_count(cat);
		if (heal_catalog_verify(cat, &err) < 0) {
			char path[4096], msg[600];
			char *e;

			snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/%s.mo", l->dir,
				 g->name, g->file[c]);
			e = heal_text_escape_dup(path, strlen(path));
			snprintf(msg, sizeof(msg), "cannot read '%s': %s", e, err.msg);
			free(e);
			warn_set(l, msg);
			continue;
		}

		if (g->dk[c] == DK_GCC && !g->oq[0]) {
			const char *q;
			size_t qn;

			if ((q = heal_catalog_lookup(cat, "`", &qn)) && qn < sizeof(g->oq))
				hloc_norm_spaces(q, qn, g->oq, sizeof(g->oq) - 1);
			if ((q = heal_catalog_lookup(cat, "'", &qn)) && qn < sizeof(g->cq))
				hloc_norm_spaces(q, qn, g->cq, sizeof(g->cq) - 1);
		}
		for (i = 0; i < n; i++) {
			struct heal_catalog_entry e;
			const char *s;
			size_t sn;

			const char *ctx;

			if (!heal_catalog_entry(cat, i, &e))
				continue;
			/* a msgctxt is "context\004msgid": the message is after it */
			if ((ctx = memchr(e.msgid, '\004', e.msgid_len))) {
				e.msgid_len -= (size_t)(ctx + 1 - e.msgid);
				e.msgid = ctx + 1;
			}
			for (k = 0; k < 8 && heal_catalog_form(&e, k, &s, &sn); k++) {
				if (k == 0 || !e.plural)
					add_template(g, s, sn, e.msgid, e.msgid_len, (enum dkind)g->dk[c], c);
				else
					add_template(g, s, sn, e.plural, e.plural_len, (enum dkind)g->dk[c], c);
			}
		}
	}
	/* at their size: the doubling's slack is a third of the memory */
	g->items = heal_reallocarray(g->items, g->nitems + 1, sizeof(*g->items));
	g->citems = g->nitems + 1;
	g->pool = heal_realloc(g->pool, g->npool + 1);
	g->cpool = g->npool + 1;
	if (g->nt) {
		g->t = heal_reallocarray(g->t, g->nt, sizeof(*g->t));
		g->ct = g->nt;
	}
	/* newest catalog first in each chain: insert in reverse */
	for (i = g->nt; i-- > 0;) {
		uint32_t h = hloc_hash4(g->pool + g->t[i].anchor);

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
	heal_prefilter_release(&g->wpf);
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
		hloc_lang_probe(l, g);
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
void hloc_discover(struct heal_locale *l)
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
		if (k == 4) {
			/* gcc's catalogs alone (gcc-13.mo) */
			DIR *sub;
			struct dirent *f;

			snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES", l->dir, e->d_name);
			if (!(sub = opendir(path)))
				continue;
			while ((f = readdir(sub)))
				if (our_domain(f->d_name)) {
					lang_get(l, e->d_name);
					break;
				}
			closedir(sub);
		}
	}
	closedir(dir);
}

/* The bytes of g's words that s holds. */
size_t hloc_word_score(const struct lang *g, const char *s, size_t n)
{
	size_t k, sc = 0;

	for (k = 0; k < g->nwords; k++)
		if (memmem(s, n, g->words[k], strlen(g->words[k])))
			sc += strlen(g->words[k]);
	return sc;
}

/*
 * The offset in s[start..n) of the first of g's words, or n: one pass
 * over s for all of them (a prefilter of the words, built when they
 * change), not one a word.
 */
static size_t word_find(struct lang *g, const char *s, size_t n, size_t start)
{
	if (g->nwords == 0)
		return n;
	if (g->wpf_n != g->nwords) {
		heal_prefilter_words(&g->wpf, g->words, g->nwords);
		g->wpf_n = g->nwords;
	}
	return heal_prefilter_scan(&g->wpf, s, n, start);
}

bool hloc_has_word(struct lang *g, const char *s, size_t n)
{
	return word_find(g, s, n, 0) < n;
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
	l->spare_loads = HEAL_LOCALE_LANGS;
	if (force && *force) {
		l->forced = true;
		/* English is the C text: nothing to map */
		if (strcmp(force, "C") == 0 || strcmp(force, "POSIX") == 0 ||
		    strncmp(force, "C.", 2) == 0 || strncmp(force, "en", 2) == 0)
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

void hloc_words_init(struct heal_locale *l)
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
	hloc_words_init(l);
	if (l->off)
		return false;
	if (heal_utf8_ascii_len(line, len) < len && memchr(line, ':', len))
		return true;
	for (k = 0; k < l->nwl; k++)
		if (hloc_has_word(l->wl[k], line, len))
			return true;
	return false;
}

size_t heal_locale_scan(struct heal_locale *l, const char *buf, size_t start,
			size_t end)
{
	size_t best = end, i = start, k;

	if (!l || l->off)
		return end;
	hloc_words_init(l);
	/* a byte above 0x7f, eight at a time, on a line with a colon */
	while (i < end) {
		const char *nl, *ls;
		size_t le;

		i += heal_utf8_ascii_len(buf + i, end - i);
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
	for (k = 0; k < l->nwl; k++) {
		size_t at = word_find(l->wl[k], buf, best, start);

		if (at < best) {
			const char *ls = memrchr(buf + start, '\n', at - start);

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


bool hloc_is_active(const struct heal_locale *l, const struct lang *g)
{
	size_t k;

	for (k = 0; k < l->nactive; k++)
		if (l->active[k] == g)
			return true;
	return false;
}

void hloc_activate(struct heal_locale *l, struct lang *g)
{
	if (hloc_is_active(l, g) || l->nactive == HEAL_LOCALE_LANGS)
		return;
	hloc_lang_load(l, g);
	wl_add(l, g);
	l->active[l->nactive++] = g;
}

