/*
 * heal_detect_known.c - whether a text is one of the messages a tool can
 * print, from the tool's message catalogs on this machine.
 *
 * A line that only says "error: stray '\357' in program" (a compiler's
 * message pasted without its place) names no tool; it is gcc's when gcc
 * has that message.  Every translation catalog of gcc (gcc-12.mo) holds
 * gcc's English messages it translates as its msgids, so the language
 * directory under the locale directory (HEAL_LOCALEDIR, else
 * /usr/share/locale) with the largest catalog of the name gives them.  A msgid is cut into items:
 * literal text, a quote mark (gcc's %< and %>: ' or a typographic one),
 * and a field (any other conversion: %s, %qD, %<%s%>, %d) that matches any
 * text; a quoted field (%qs) any quoted text (a msgid with fewer than six
 * letters of its own, "%s %s %p %d", is no template); after the last item, the
 * place gcc's parser appends (" before '}' token").  The msgids are indexed by
 * their first word; those that begin with a field are tried on every
 * text.  A msgid's line end and a leading "%s: " (the program's name, as
 * shadow and GNU tools print it) are not part of the template.  The
 * catalogs are read once a run, when a matcher first asks.
 * Without them nothing is known: the matcher takes nothing.
 */
#include <ctype.h>
#include <dirent.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_catalog.h"
#include "heal_detect_int.h"
#include "heal_hash.h"
#include "heal_locale.h"
#include "heal_locale_int.h"

enum kind { LIT, QUOTE, FIELD, QFIELD };

struct kitem {
	enum kind kind;
	const char *s;                /* LIT: its text in the arena */
	size_t n;
};

struct ktmpl {
	struct kitem *v;
	size_t n;
	uint32_t next;                /* the next template of its bucket, +1 */
};

#define KBUCKETS 4096u
/* steps of one text's match against one template (a text of fields
 * between short words could take long) */
#define KSTEPS 20000u
/* and of one text against them all; the longest text tried */
#define KTOTAL 200000u
#define KTEXT_MAX 1024u

struct heal_detect_known {
	struct ktmpl *t;
	size_t nt, cap;
	uint32_t head[KBUCKETS];      /* first template of a first word, +1 */
	/* the templates that begin with a field, by the first word of their
	 * first literal run ("%qD was not declared": "was"); those with no
	 * word after the field, in wild */
	uint32_t whead[KBUCKETS];
	uint32_t wild;
	uint32_t *tried, gen;         /* a template's last text tried, +1 */
	struct heal_catalog cat[4];
	size_t ncat;
	char *const *domains;         /* the matcher's "known" it was read for */
	size_t ndomains;
	struct heal_detect_known *next;   /* another set of catalogs */
};

static uint32_t word_bucket(const char *s, size_t n)
{
	return (uint32_t)heal_hash_bytes(s, n, 0x6b6e6f776eull) & (KBUCKETS - 1);
}

/* The length of the first word of s (n bytes): up to a blank. */
static size_t first_word(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] != ' ')
		i++;
	return i;
}

static void add_item(struct ktmpl *t, size_t *cap, enum kind k, const char *s,
		     size_t n)
{
	if (k == LIT && n == 0)
		return;
	if (t->n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		t->v = heal_realloc(t->v, *cap * sizeof(*t->v));
	}
	t->v[t->n].kind = k;
	t->v[t->n].s = s;
	t->v[t->n].n = n;
	t->n++;
}

/*
 * The items of msgid m (n bytes; no newline): its literal runs point into
 * m itself (the catalog stays mapped).  false for a msgid heal cannot
 * read as a template.
 */
static bool parse(const char *m, size_t n, struct ktmpl *t)
{
	size_t i = 0, lit = 0, cap = 0;

	t->v = NULL;
	t->n = 0;
	while (i < n) {
		size_t j;
		bool q = false;

		if (m[i] != '%') {
			i++;
			continue;
		}
		add_item(t, &cap, LIT, m + lit, i - lit);
		if (i + 1 < n && (m[i + 1] == '<' || m[i + 1] == '>')) {
			add_item(t, &cap, QUOTE, NULL, 0);
			i += 2;
			lit = i;
			continue;
		}
		if (i + 1 < n && m[i + 1] == '%') {
			lit = i + 1;
			i += 2;
			continue;
		}
		/* flags, width, precision, length, then the conversion */
		for (j = i + 1; j < n && strchr("-+ #0123456789.*$'lhzjtwLq", m[j]); j++)
			if (m[j] == 'q')
				q = true;
		if (j >= n) {
			free(t->v);
			return false;
		}
		add_item(t, &cap, q ? QFIELD : FIELD, NULL, 0);
		i = j + 1;
		lit = i;
	}
	add_item(t, &cap, LIT, m + lit, n - lit);
	return t->n > 0;
}

/* Whether items v[k..] match s[i..n); *steps bounds the work. */
static bool match(const struct kitem *v, size_t nv, size_t k, const char *s,
		  size_t i, size_t n, size_t *steps)
{
	size_t q, j;

	for (; k < nv; k++) {
		if (++*steps > KSTEPS)
			return false;
		switch (v[k].kind) {
		case LIT:
			if (n - i < v[k].n || memcmp(s + i, v[k].s, v[k].n) != 0) {
				/* the blank after a quote lost in a paste */
				if (v[k].n > 1 && v[k].s[0] == ' ' && k > 0 &&
				    (v[k - 1].kind == QUOTE || v[k - 1].kind == QFIELD) &&
				    n - i >= v[k].n - 1 &&
				    memcmp(s + i, v[k].s + 1, v[k].n - 1) == 0) {
					i += v[k].n - 1;
					break;
				}
				/* a quote in the text where the msgid has ' */
				if (v[k].n && v[k].s[0] == '\'' && (q = hloc_quote_at(s, i, n)) &&
				    n - i - q >= v[k].n - 1 &&
				    memcmp(s + i + q, v[k].s + 1, v[k].n - 1) == 0) {
					i += q + v[k].n - 1;
					break;
				}
				return false;
			}
			i += v[k].n;
			break;
		case QUOTE:
			if (!(q = hloc_quote_at(s, i, n)))
				return false;
			i += q;
			break;
		case QFIELD:
			if (!(q = hloc_quote_at(s, i, n)))
				return false;
			/* to a closing quote, then the rest */
			for (j = i + q + 1; j <= n; j++) {
				size_t c = j < n ? hloc_quote_at(s, j, n) : 0;

				if (c && match(v, nv, k + 1, s, j + c, n, steps))
					return true;
			}
			return false;
		case FIELD:
			if (k + 1 == nv)
				return i < n;
			for (j = i + 1; j <= n; j++)
				if (match(v, nv, k + 1, s, j, n, steps))
					return true;
			return false;
		}
	}
	/* gcc's parser puts where it was after its message ("expected %<;%>"
	 * then " before %qs token", " before numeric constant") */
	return i == n || (n - i > 8 && memcmp(s + i, " before ", 8) == 0);
}

static void add_template(struct heal_detect_known *kn, const char *m, size_t n)
{
	struct ktmpl t;
	uint32_t *slot;
	size_t k, i, letters = 0;

	/* a program's message as printf writes it: its line's end, and the
	 * program's name before it ("%s: user '%s' already exists\n",
	 * shadow's and GNU tools'); the matcher gives what follows "prog: " */
	if (n && m[n - 1] == '\n')
		n--;
	if (n > 4 && memcmp(m, "%s: ", 4) == 0) {
		m += 4;
		n -= 4;
	}
	if (n < 8 || memchr(m, '\n', n) || !parse(m, n, &t))
		return;
	/* a template of fields and blanks ("%s %s %p %d") is any text */
	for (k = 0; k < t.n; k++)
		for (i = 0; t.v[k].kind == LIT && i < t.v[k].n; i++)
			letters += isalpha((unsigned char)t.v[k].s[i]) != 0;
	if (letters < 6) {
		free(t.v);
		return;
	}
	if (kn->nt == kn->cap) {
		kn->cap = kn->cap ? kn->cap * 2 : 1024;
		kn->t = heal_realloc(kn->t, kn->cap * sizeof(*kn->t));
	}
	if (t.v[0].kind == LIT) {
		slot = &kn->head[word_bucket(t.v[0].s, first_word(t.v[0].s, t.v[0].n))];
	} else {
		const char *w = NULL;
		size_t wn = 0;

		for (k = 0; k < t.n && !w; k++)
			if (t.v[k].kind == LIT) {
				w = t.v[k].s;
				wn = t.v[k].n;
			}
		while (wn && *w == ' ') {
			w++;
			wn--;
		}
		wn = w ? first_word(w, wn) : 0;
		slot = wn ? &kn->whead[word_bucket(w, wn)] : &kn->wild;
	}
	t.next = *slot;
	kn->t[kn->nt] = t;
	*slot = (uint32_t)++kn->nt;
}

/* Whether name is the catalog file of domain d ("gcc-*": gcc-12.mo). */
static bool domain_file(const char *d, const char *name)
{
	size_t dn = strlen(d), nn = strlen(name);

	if (nn < 4 || strcmp(name + nn - 3, ".mo") != 0)
		return false;
	nn -= 3;
	if (dn && d[dn - 1] == '*') {
		size_t i;

		if (nn < dn || memcmp(name, d, dn - 1) != 0)
			return false;
		for (i = dn - 1; i < nn; i++)
			if (!((name[i] >= '0' && name[i] <= '9') || name[i] == '.'))
				return false;
		return nn >= dn;
	}
	return nn == dn && memcmp(name, d, dn) == 0;
}

/*
 * Load the catalog of domain d of the language directory that holds the
 * most of it (a catalog keeps only the messages it translates: the
 * largest file has the most of the English ones).
 */
static void load_domain(struct heal_detect_known *kn, const char *dir,
			const char *d)
{
	struct heal_error err = HEAL_ERROR_INIT;
	DIR *top = opendir(dir), *lc;
	struct dirent *e, *f;
	char path[4096], best[4096];
	off_t best_size = 0;
	struct stat st;
	struct heal_catalog *c;
	struct heal_catalog_entry ce;
	size_t i;

	if (!top || kn->ncat == 4) {
		if (top)
			closedir(top);
		return;
	}
	while ((e = readdir(top))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES", dir, e->d_name);
		if (!(lc = opendir(path)))
			continue;
		while ((f = readdir(lc))) {
			if (!domain_file(d, f->d_name))
				continue;
			snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/%s", dir,
				 e->d_name, f->d_name);
			if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
			    st.st_size > best_size) {
				best_size = st.st_size;
				memcpy(best, path, sizeof(best));
			}
		}
		closedir(lc);
	}
	closedir(top);
	if (!best_size)
		return;
	c = &kn->cat[kn->ncat];
	if (heal_catalog_open(c, best, &err) < 0 ||
	    heal_catalog_verify(c, &err) < 0) {
		heal_catalog_release(c);
		heal_error_clear(&err);
		return;
	}
	kn->ncat++;
	for (i = 0; i < heal_catalog_count(c); i++)
		if (heal_catalog_entry(c, i, &ce))
			add_template(kn, ce.msgid, ce.msgid_len);
}

static struct heal_detect_known *known_load(char *const *domains, size_t nd)
{
	struct heal_detect_known *kn = heal_calloc(1, sizeof(*kn));
	const char *dir = getenv("HEAL_LOCALEDIR");
	size_t i;

	if (!dir || !*dir)
		dir = HEAL_LOCALE_DIR_DEFAULT;
	for (i = 0; i < nd; i++)
		load_domain(kn, dir, domains[i]);
	return kn;
}

/* Whether text s (n bytes) may be t's: it holds each of t's literal runs
 * (but one that starts with a quote, which the text may print otherwise;
 * a run's leading blank aside), then the items match. */
static bool try_template(const struct ktmpl *t, const char *s, size_t n,
			 size_t *total)
{
	size_t k, steps = 0;
	bool ok;

	/* the literal tests' work counts too */
	*total += 1 + n / 16;
	for (k = 0; k < t->n; k++) {
		const char *l = t->v[k].s;
		size_t ln = t->v[k].n;

		if (t->v[k].kind != LIT || l[0] == '\'')
			continue;
		if (l[0] == ' ' && ln > 1) {    /* it may have been lost */
			l++;
			ln--;
		}
		if (!memmem(s, n, l, ln))
			return false;
	}
	ok = match(t->v, t->n, 0, s, 0, n, &steps);
	*total += steps;
	return ok;
}

/* Whether two "known" lists name the same catalogs. */
static bool same_domains(char *const *a, size_t na, char *const *b, size_t nb)
{
	size_t i;

	if (a == b)
		return na == nb;
	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

/* The templates of m's catalogs: read once a run, when a matcher that
 * names them first asks (gcc's and cpplib's for one, apt's for another). */
static struct heal_detect_known *known_for(struct heal_detect *d,
					   const struct heal_pattern_matcher *m)
{
	struct heal_detect_known *kn;

	for (kn = d->known; kn; kn = kn->next)
		if (same_domains(kn->domains, kn->ndomains, m->known, m->nknown))
			return kn;
	kn = known_load(m->known, m->nknown);
	kn->domains = m->known;
	kn->ndomains = m->nknown;
	kn->next = d->known;
	d->known = kn;
	return kn;
}

bool heal_detect_known(struct heal_detect *d,
		       const struct heal_pattern_matcher *m,
		       const char *msg, size_t n)
{
	struct heal_detect_known *kn;
	size_t w, p, total = 0;
	uint32_t i;

	kn = known_for(d, m);
	while (n && msg[n - 1] == ' ')
		n--;
	/* a compiler's message is a line; a longer text is no template's */
	if (n > KTEXT_MAX)
		return false;
	w = first_word(msg, n);
	for (i = kn->head[word_bucket(msg, w)]; i && total < KTOTAL; i = kn->t[i - 1].next)
		if (try_template(&kn->t[i - 1], msg, n, &total))
			return true;
	/* the templates that begin with a field: by each word of the text,
	 * each template once */
	if (!kn->tried)
		kn->tried = heal_calloc(kn->nt + 1, sizeof(*kn->tried));
	kn->gen++;
	for (p = 0; p < n && total < KTOTAL; p += w + 1) {
		w = first_word(msg + p, n - p);
		for (i = w ? kn->whead[word_bucket(msg + p, w)] : 0;
		     i && total < KTOTAL; i = kn->t[i - 1].next) {
			if (kn->tried[i - 1] == kn->gen)
				continue;
			kn->tried[i - 1] = kn->gen;
			if (try_template(&kn->t[i - 1], msg, n, &total))
				return true;
		}
	}
	for (i = kn->wild; i && total < KTOTAL; i = kn->t[i - 1].next)
		if (try_template(&kn->t[i - 1], msg, n, &total))
			return true;
	return false;
}

void heal_detect_known_free(struct heal_detect *d)
{
	struct heal_detect_known *kn, *next;
	size_t i;

	for (kn = d->known; kn; kn = next) {
		next = kn->next;
		for (i = 0; i < kn->nt; i++)
			free(kn->t[i].v);
		free(kn->t);
		free(kn->tried);
		for (i = 0; i < kn->ncat; i++)
			heal_catalog_release(&kn->cat[i]);
		free(kn);
	}
	d->known = NULL;
}
