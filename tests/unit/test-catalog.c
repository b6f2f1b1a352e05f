/*
 * heal_catalog (GNU .mo files, built here byte by byte in both byte
 * orders, then damaged) and heal_locale (translations mapped back to the
 * msgids, from catalogs written to a temporary locale directory).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_buf.h"
#include "heal_catalog.h"
#include "heal_locale.h"
#include "tap.h"

struct ent {
	const char *id;               /* "a\0b" for a plural: idlen given */
	size_t idlen;
	const char *str;
	size_t strlen;
};

static unsigned char mo[8192];

static void put32(size_t off, uint32_t v, bool be)
{
	if (be) {
		mo[off] = (unsigned char)(v >> 24);
		mo[off + 1] = (unsigned char)(v >> 16);
		mo[off + 2] = (unsigned char)(v >> 8);
		mo[off + 3] = (unsigned char)v;
	} else {
		mo[off] = (unsigned char)v;
		mo[off + 1] = (unsigned char)(v >> 8);
		mo[off + 2] = (unsigned char)(v >> 16);
		mo[off + 3] = (unsigned char)(v >> 24);
	}
}

/* A .mo of the entries (sorted by msgid by the caller): its size. */
static size_t build(const struct ent *e, size_t n, bool be)
{
	size_t o = 28 + 16 * n, k;

	memset(mo, 0, sizeof(mo));
	put32(0, 0x950412de, be);
	put32(4, 0, be);
	put32(8, (uint32_t)n, be);
	put32(12, 28, be);
	put32(16, (uint32_t)(28 + 8 * n), be);
	for (k = 0; k < n; k++) {
		put32(28 + 8 * k, (uint32_t)e[k].idlen, be);
		put32(28 + 8 * k + 4, (uint32_t)o, be);
		memcpy(mo + o, e[k].id, e[k].idlen);
		o += e[k].idlen + 1;
		put32(28 + 8 * n + 8 * k, (uint32_t)e[k].strlen, be);
		put32(28 + 8 * n + 8 * k + 4, (uint32_t)o, be);
		memcpy(mo + o, e[k].str, e[k].strlen);
		o += e[k].strlen + 1;
	}
	return o;
}

#define E(a, b) { a, sizeof(a) - 1, b, sizeof(b) - 1 }

static const struct ent basic[] = {
	E("", "Content-Type: text/plain; charset=UTF-8\n"),
	E("%d file\0%d files", "%d fichier\0%d fichiers"),
	E("error: ", "erreur: "),
	E("untranslated", ""),
};

static void check_reader(bool be)
{
	struct heal_catalog c;
	struct heal_catalog_entry e;
	struct heal_error err = HEAL_ERROR_INIT;
	size_t n = build(basic, 4, be), len = 0;
	const char *s;

	ok(heal_catalog_parse(&c, mo, n, &err) == 0, "%s: parses (%s)", be ? "BE" : "LE", err.msg);
	is_int(heal_catalog_count(&c), 4, "four strings");
	ok(!heal_catalog_entry(&c, 0, &e), "the header is no message");
	ok(heal_catalog_entry(&c, 1, &e), "the plural entry");
	ok(e.plural && e.plural_len == 8 && memcmp(e.plural, "%d files", 8) == 0,
	   "msgid_plural read");
	ok(e.msgid_len == 7 && memcmp(e.msgid, "%d file", 7) == 0, "msgid read");
	ok(heal_catalog_form(&e, 1, &s, &len) && len == 11 && memcmp(s, "%d fichiers", 11) == 0,
	   "form 1");
	ok(heal_catalog_form(&e, 0, &s, &len) && len == 10, "form 0");
	ok(!heal_catalog_form(&e, 2, &s, &len), "no form 2");
	s = heal_catalog_lookup(&c, "error: ", &len);
	ok(s && len == 8 && strcmp(s, "erreur: ") == 0, "lookup by msgid");
	ok(!heal_catalog_lookup(&c, "warning: ", &len), "lookup of a missing msgid");
	ok(!heal_catalog_entry(&c, 3, &e), "an empty translation is no entry");
	heal_catalog_release(&c);
	heal_catalog_release(&c);
}

static void refused(size_t n, const char *what, const char *msg)
{
	struct heal_catalog c;
	struct heal_error err = HEAL_ERROR_INIT;

	ok(heal_catalog_parse(&c, mo, n, &err) < 0, "refused: %s", what);
	contains(err.msg, msg, "reason for %s", what);
	is_int(heal_catalog_count(&c), 0, "nothing kept (%s)", what);
}

static void check_hostile(void)
{
	size_t n = build(basic, 4, false);

	refused(20, "20 bytes", "too short");
	refused(n - 5, "truncated in its strings", "past the end");
	build(basic, 4, false);
	put32(28 + 8, 0xffffff00u, false);
	refused(n, "an offset past the end", "past the end");
	build(basic, 4, true);
	put32(28 + 4 * 8 + 8, 0x7fffffffu, true);
	refused(n, "a length past the end (BE)", "past the end");
	build(basic, 4, false);
	put32(8, 0x7fffffffu, false);
	refused(n, "a huge string count", "strings, more than");
	build(basic, 4, false);
	put32(8, 1000, false);
	refused(n, "tables past the end", "past the end");
	build(basic, 4, false);
	mo[0] = 'x';
	refused(n, "a bad magic", "not a message catalog");
	build(basic, 4, false);
	put32(4, 7u << 16, false);
	refused(n, "an unknown revision", "revision");
	build(basic, 4, false);
	/* the length says one byte less: no NUL where the string ends */
	put32(28 + 8 * 2, 6, false);
	refused(n, "a string without its NUL", "past the end");
}

static const struct ent bash[] = {
	E("", "Content-Type: text/plain; charset=UTF-8\n"),
	E("%s: %s: bad", "%2$s : %1$s : mauvais"),
	E("%s: command not found", "%s : commande introuvable"),
	E("%s: line %d: ", "%s : ligne %d : "),
	E("Makefile", "Makefichier"),
	E("shell\004%s: syntax error near %s", "%s : erreur de syntaxe pr\xc3\xa8s de %s"),
};

static const struct ent gcc[] = {
	E("", "Content-Type: text/plain; charset=UTF-8\n"),
	E("%qE undeclared here", "%qE non d\xc3\xa9" "clar\xc3\xa9 ici"),
	E("'", " \xc2\xbb"),
	E("`", "\xc2\xab "),
	E("error: ", "erreur: "),
	E("expected %<;%> before %qs", "%<;%> attendu avant %qs"),
};

static void write_mo(const char *path, size_t n)
{
	FILE *f = fopen(path, "wb");

	ok(f && fwrite(mo, 1, n, f) == n && fclose(f) == 0, "wrote %s", path);
}

static const char *map(struct heal_locale *l, const char *line, struct heal_buf *b)
{
	const char *lang = NULL;

	if (!heal_locale_candidate(l, line, strlen(line)) ||
	    heal_locale_map(l, line, strlen(line), b, &lang) != 1)
		return "(none)";
	return b->data;
}

static void check_mapper(void)
{
	char dir[] = "/tmp/heal-test-catalog-XXXXXX", path[512];
	struct heal_locale *l;
	struct heal_buf b;
	const char *w, *lang = NULL;

	heal_buf_init(&b, 65536);
	ok(mkdtemp(dir) != NULL, "temporary locale directory");
	snprintf(path, sizeof(path), "%s/xx", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/xx/LC_MESSAGES", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/xx/LC_MESSAGES/bash.mo", dir);
	write_mo(path, build(bash, 6, true));
	snprintf(path, sizeof(path), "%s/xx/LC_MESSAGES/gcc-13.mo", dir);
	write_mo(path, build(gcc, 6, false));
	snprintf(path, sizeof(path), "%s/xx/LC_MESSAGES/gcc-12.mo", dir);
	write_mo(path, 10);

	l = heal_locale_new("xx", dir);
	ok(heal_locale_enabled(l), "forced language: on");
	is_str(map(l, "run.sh : ligne 3 : frob : commande introuvable", &b),
	       "run.sh: line 3: frob: command not found", "two translations in a line");
	ok(heal_locale_map(l, "B : A : mauvais", 15, &b, &lang) == 1 &&
	   strcmp(b.data, "A: B: bad") == 0 && strcmp(lang, "xx") == 0,
	   "positional arguments put back in the msgid's order (%s)", b.data);
	is_str(map(l, "x.c:1:2: erreur: \xc2\xab n \xc2\xbb non d\xc3\xa9" "clar\xc3\xa9 ici", &b),
	       "x.c:1:2: error: \xe2\x80\x98n\xe2\x80\x99 undeclared here",
	       "gcc: %%qE captured inside the language's quotes, the severity word");
	is_str(map(l, "x.c:1:2: erreur: \xc2\xab ; \xc2\xbb attendu avant \xc2\xab } \xc2\xbb", &b),
	       "x.c:1:2: error: expected \xe2\x80\x98;\xe2\x80\x99 before \xe2\x80\x98}\xe2\x80\x99",
	       "gcc: %%< %%> and a quoted argument reordered into the C text");
	is_str(map(l, "x : erreur de syntaxe pr\xc3\xa8s de fi", &b), "x: syntax error near fi",
	       "a msgctxt's context is no part of the message");
	is_str(map(l, "make: *** [Makefichier:3] Erreur 1 \xc3\xa9t\xc3\xa9", &b), "(none)",
	       "a label (Makefile) is no part of a message");
	is_str(map(l, "caf\xc3\xa9: rien \xc3\xa0 voir", &b), "(none)",
	       "a line that is no translation");
	w = heal_locale_warning(l);
	ok(w && strstr(w, "gcc-12.mo") && strstr(w, "too short"),
	   "the damaged catalog is named in a warning (%s)", w ? w : "none");
	ok(!heal_locale_warning(l), "the warning is given once");
	heal_locale_free(l);

	l = heal_locale_new("C", dir);
	ok(!heal_locale_enabled(l), "--locale C: off");
	heal_locale_free(l);
	l = heal_locale_new("en_US.UTF-8", dir);
	ok(!heal_locale_enabled(l) && !heal_locale_warning(l), "English: off, silently");
	heal_locale_free(l);
	l = heal_locale_new("zz", dir);
	ok(!heal_locale_candidate(l, "a: \xc3\xa9", 4), "an unknown language maps nothing");
	w = heal_locale_warning(l);
	ok(w && strstr(w, "no message catalogs for language 'zz'"), "and says so (%s)",
	   w ? w : "none");
	heal_locale_free(l);

	/* found from the line: the catalogs' words */
	l = heal_locale_new(NULL, dir);
	is_str(map(l, "run.sh : ligne 3 : frob : commande introuvable \xe2\x94\x82 \xe2\x80\x99", &b),
	       "(none)", "auto: no language looked for on a line whose only non-ASCII is "
	       "typography (box drawing, gcc's quote)");
	is_str(map(l, "run.sh : ligne 3 : frob : commande introuvable \xc3\xa9", &b),
	       "run.sh: line 3: frob: command not found \xc3\xa9",
	       "auto: the language whose words the line holds");
	is_str(map(l, "frob : commande introuvable", &b), "frob: command not found",
	       "auto: an ASCII line in a language seen (its words)");
	is_str(map(l, "frob : commande introuvable \xe2\x94\x82", &b), "frob: command not found \xe2\x94\x82",
	       "auto: a typography line in a language seen");
	heal_locale_free(l);
	heal_buf_release(&b);
	{
		static const char *const f[] = { "bash.mo", "gcc-13.mo", "gcc-12.mo" };
		size_t k;
		int bad = 0;

		for (k = 0; k < 3; k++) {
			snprintf(path, sizeof(path), "%s/xx/LC_MESSAGES/%s", dir, f[k]);
			bad |= unlink(path);
		}
		snprintf(path, sizeof(path), "%s/xx/LC_MESSAGES", dir);
		bad |= rmdir(path);
		snprintf(path, sizeof(path), "%s/xx", dir);
		bad |= rmdir(path);
		ok(!bad && rmdir(dir) == 0, "clean up");
	}
}

int main(void)
{
	struct heal_catalog c;
	struct heal_error err = HEAL_ERROR_INIT;

	check_reader(false);
	check_reader(true);
	check_hostile();
	ok(heal_catalog_open(&c, "/nonexistent/x.mo", &err) < 0 &&
	   strstr(err.msg, "cannot read '/nonexistent/x.mo'"), "a missing file: %s", err.msg);
	check_mapper();
	return tap_done();
}
