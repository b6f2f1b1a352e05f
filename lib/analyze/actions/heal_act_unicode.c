/*
 * heal_act_unicode.c - ascii-lookalikes: the characters a word processor,
 * a web page or an input method puts where code wants ASCII (typographic
 * quotes, dashes, no-break and ideographic spaces, zero-width marks,
 * fullwidth punctuation, x and division signs), replaced on the error's
 * line by what they stand for, outside its string literals and comments.
 */
#include <string.h>

#include "heal_actions_int.h"
#include "heal_lang.h"

/* One code point at s[0..n): its value and length, or 0 (not UTF-8). */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	if (n >= 2 && (s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
		*cp = (unsigned)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
		return *cp >= 0x80 ? 2 : 0;
	}
	if (n >= 3 && (s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80) {
		*cp = (unsigned)(s[0] & 0x0f) << 12 | (unsigned)(s[1] & 0x3f) << 6 |
		      (s[2] & 0x3f);
		return *cp >= 0x800 ? 3 : 0;
	}
	return 0;
}

/* The typographic quotes: 1 a double one, 2 a single one, 0 neither. */
static int quote_kind(unsigned cp)
{
	switch (cp) {
	case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033:
	case 0xff02:
		return 1;
	case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032:
	case 0xff07:
		return 2;
	default:
		return 0;
	}
}

/* The printable ASCII characters, from '!': what U+FF01 on stand for. */
static const char printable[] =
	"!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
	"abcdefghijklmnopqrstuvwxyz{|}~";

/* What cp stands for in code ("" for a mark to drop; its length in *n),
 * or NULL: not a look-alike (a letter of another script is a name, not a
 * mistake). */
static const char *ascii_of(unsigned cp, size_t *n)
{
	const char *r;

	switch (cp) {
	case 0x00a0: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
	case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008:
	case 0x2009: case 0x200a: case 0x202f: case 0x205f: case 0x3000:
		r = " ";
		break;
	case 0x200b: case 0x200c: case 0x200d: case 0x2060: case 0xfeff:
		r = "";
		break;
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212:
		r = "-";
		break;
	case 0x00d7: case 0x2217:
		r = "*";
		break;
	case 0x00f7: case 0x2044: case 0x2215:
		r = "/";
		break;
	case 0x2026:
		r = "...";
		break;
	case 0x2264:
		r = "<=";
		break;
	case 0x2265:
		r = ">=";
		break;
	case 0x2260:
		r = "!=";
		break;
	case 0x3001:
		r = ",";
		break;
	case 0x3002: case 0xff61:
		r = ".";
		break;
	default:
		/* fullwidth ASCII, as a Chinese or Japanese input method
		 * types it */
		if (cp >= 0xff01 && cp <= 0xff5e) {
			*n = 1;
			return printable + (cp - 0xff01);
		}
		return NULL;
	}
	*n = strlen(r);
	return r;
}

/* The end of the string literal opened by the ASCII quote at s[i]: after
 * its closing quote, or n. */
static size_t skip_ascii_string(const char *s, size_t n, size_t i)
{
	char q = s[i];

	for (i++; i < n; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == q)
			return i + 1;
	}
	return n;
}

/*
 * The closing quote of the kind (1 double, 2 single) of a string a
 * typographic quote opens at s[i]: its start and length (a typographic
 * quote of that kind, or the ASCII one), or false.
 */
static bool closing_quote(const char *s, size_t n, size_t i, int kind,
			  size_t *at, size_t *len)
{
	for (; i < n; i++) {
		unsigned cp;
		size_t l;

		if (s[i] == (kind == 1 ? '"' : '\'')) {
			*at = i;
			*len = 1;
			return true;
		}
		l = utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (l && quote_kind(cp) == kind) {
			*at = i;
			*len = l;
			return true;
		}
		if (l)
			i += l - 1;
	}
	return false;
}

int heal_act_ascii_lookalikes(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = heal_act_target(a);
	const char *lc, *s;
	size_t ls, ll, i, lcn, n = 0;
	bool c_comments;

	(void)err;
	if (!f || !heal_act_loc_line(a, f, &ls, &ll))
		return 0;
	s = f->data + ls;
	lc = heal_lang_line_comment(f->rel, "#");
	lcn = strlen(lc);
	c_comments = strcmp(lc, "//") == 0;
	for (i = 0; i < ll;) {
		unsigned cp;
		size_t l, at, cl, tl;
		const char *to;
		int kind;

		if (lcn && ll - i >= lcn && memcmp(s + i, lc, lcn) == 0)
			break;
		if (c_comments && ll - i >= 2 && memcmp(s + i, "/*", 2) == 0) {
			const char *e = memmem(s + i + 2, ll - i - 2, "*/", 2);

			if (!e)
				break;
			i = (size_t)(e - s) + 2;
			continue;
		}
		if (s[i] == '"' || s[i] == '\'' || s[i] == '`') {
			i = skip_ascii_string(s, ll, i);
			continue;
		}
		l = utf8_decode((const unsigned char *)s + i, ll - i, &cp);
		if (!l) {
			i++;
			continue;
		}
		kind = quote_kind(cp);
		if (kind) {
			/* a string set in typographic quotes: both ends become
			 * ASCII, what is between them is its text */
			const char *q = kind == 1 ? "\"" : "'";

			heal_act_emit(a, f, ls + i, ls + i + l, q, 1);
			n++;
			if (closing_quote(s, ll, i + l, kind, &at, &cl)) {
				if (cl > 1) {
					heal_act_emit(a, f, ls + at, ls + at + cl, q, 1);
					n++;
				}
				i = at + cl;
			} else {
				i += l;
			}
			continue;
		}
		to = ascii_of(cp, &tl);
		if (to) {
			heal_act_emit(a, f, ls + i, ls + i + l, to, tl);
			n++;
		}
		i += l;
	}
	if (n == 0) {
		heal_act_why(a, "line %lld holds no look-alike of an ASCII character outside its strings and comments",
			     (long long)a->line);
		return 0;
	}
	return 1;
}
