/*
 * heal_regex_chars.c - a pattern's multi-byte characters as characters.
 *
 * heal matches bytes (heal_regex.h), so a pattern written for text, as
 * every pattern file is (GitHub's problem matchers are JavaScript
 * regexps, which see characters), means something else wherever a
 * multi-byte UTF-8 character stands where one character is meant:
 *
 *   [‘'`]     a class takes one byte of the three of "‘": it matches
 *             E2, 80 or 98 alone, so a capture after it starts inside
 *             the quote;
 *   [^‘']+    the class refuses those three bytes wherever they are, so
 *             the run stops at "—" or "…" (E2 80 94, E2 80 A6);
 *   ─+        the quantifier repeats the last byte only.
 *
 * The rewrite gives each its meaning on characters: a class with
 * multi-byte members becomes an alternation, "(?:[ascii]|‘|’)", or when
 * negated a byte that starts none of them, "(?:(?!‘|’)[^ascii])"; a
 * multi-byte character under a quantifier becomes a group, "(?:─)+".
 * Everything else is copied as it is.  A class whose range has a
 * multi-byte end ("[─-╿]") has no byte form and is left alone, as is any
 * construct the scan does not know (PCRE2 then judges the pattern).
 */
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_regex.h"

/* The length of the UTF-8 character at s (at most n bytes) when it has
 * more than one byte and is well formed, else 0. */
static size_t mb_len(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	size_t k, i;

	if (c >= 0xC2 && c <= 0xDF)
		k = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		k = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		k = 4;
	else
		return 0;
	if (k > n)
		return 0;
	for (i = 1; i < k; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 0;
	return k;
}

/* The length of the escape at p[0] == '\\' in a class or out of one. */
static size_t escape_len(const char *p, size_t n)
{
	size_t k;

	if (n < 2)
		return n;
	if ((p[1] == 'x' || p[1] == 'p' || p[1] == 'P' || p[1] == 'o' ||
	     p[1] == 'N') &&
	    n > 2 && p[2] == '{') {
		const char *e = memchr(p + 3, '}', n - 3);

		return e ? (size_t)(e - p) + 1 : n;
	}
	if (p[1] == 'x') {
		for (k = 2; k < 4 && k < n && p[k] &&
			    strchr("0123456789abcdefABCDEF", p[k]);
		     k++)
			;
		return k;
	}
	k = mb_len(p + 1, n - 1);
	return k ? 1 + k : 2;
}

struct cls {
	struct heal_buf ascii; /* the class's one-byte members, as written */
	struct heal_buf alt;   /* its multi-byte ones, "a|b" */
	bool neg;
};

/*
 * The class at p[0] == '['; its length in *len.  True when it has a
 * multi-byte member and a byte form (c filled in); false to copy it as
 * it is (*len 0: no end, PCRE2 will say so).
 */
static bool parse_class(const char *p, size_t n, size_t *len, struct cls *c)
{
	size_t i = 1, k;
	bool mb = false, prev_mb = false;

	*len = 0;
	c->neg = i < n && p[i] == '^';
	if (c->neg)
		i++;
	if (i < n && p[i] == ']') {
		heal_buf_put(&c->ascii, "]", 1);
		i++;
	}
	while (i < n && p[i] != ']') {
		if (p[i] == '[' && i + 1 < n && p[i + 1] == ':') {
			const char *e = strstr(p + i + 2, ":]");

			if (!e || (size_t)(e - p) >= n)
				return false;
			k = (size_t)(e - p) + 2 - i;
			heal_buf_put(&c->ascii, p + i, k);
			i += k;
			prev_mb = false;
			continue;
		}
		if (p[i] == '\\') {
			if (i + 1 < n && (p[i + 1] == 'Q' || p[i + 1] == 'E'))
				return false;
			k = escape_len(p + i, n - i);
			if (k > 2 && mb_len(p + i + 1, n - i - 1) == k - 1) {
				/* an escaped multi-byte character */
				if (c->alt.len)
					heal_buf_put(&c->alt, "|", 1);
				heal_buf_put(&c->alt, p + i + 1, k - 1);
				mb = prev_mb = true;
			} else {
				heal_buf_put(&c->ascii, p + i, k);
				prev_mb = false;
			}
			i += k;
			continue;
		}
		if (p[i] == '-' && i + 1 < n && p[i + 1] != ']' &&
		    (prev_mb || mb_len(p + i + 1, n - i - 1)))
			return false; /* a range with a multi-byte end */
		k = mb_len(p + i, n - i);
		if (k) {
			if (c->alt.len)
				heal_buf_put(&c->alt, "|", 1);
			heal_buf_put(&c->alt, p + i, k);
			mb = prev_mb = true;
			i += k;
			continue;
		}
		heal_buf_put(&c->ascii, p + i, 1);
		prev_mb = false;
		i++;
	}
	if (i >= n)
		return false;
	*len = i + 1;
	return mb;
}

static void put_class(struct heal_buf *out, const struct cls *c)
{
	/* a one-byte part that now begins with '^' must not negate */
	const char *lead = c->ascii.len && c->ascii.data[0] == '^' ? "\\" : "";

	heal_buf_put(out, "(?:", 3);
	if (c->neg) {
		heal_buf_putf(out, "(?!%s)", heal_buf_str(&c->alt));
		if (c->ascii.len)
			heal_buf_putf(out, "[^%s%s]", lead,
				      heal_buf_str(&c->ascii));
		else
			heal_buf_puts(out, "[\\x00-\\xff]");
	} else {
		if (c->ascii.len)
			heal_buf_putf(out, "[%s%s]|", lead,
				      heal_buf_str(&c->ascii));
		heal_buf_puts(out, heal_buf_str(&c->alt));
	}
	heal_buf_put(out, ")", 1);
}

static bool quantifier(const char *p, size_t n)
{
	return n && (p[0] == '?' || p[0] == '*' || p[0] == '+' ||
		     (p[0] == '{' && n > 1 && p[1] >= '0' && p[1] <= '9'));
}

char *heal_regex_chars(const char *pattern)
{
	size_t n = strlen(pattern), i = 0, k;
	struct heal_buf out;
	bool changed = false;

	heal_buf_init(&out, HEAL_BUF_UNBOUNDED);

	while (i < n) {
		const char *p = pattern + i;

		if (p[0] == '\\' && i + 1 < n && p[1] == 'Q') {
			const char *e = strstr(p + 2, "\\E");

			k = e ? (size_t)(e - p) + 2 : n - i;
		} else if (p[0] == '\\') {
			k = escape_len(p, n - i);
		} else if (p[0] == '(' && i + 2 < n && p[1] == '?' &&
			   p[2] == '#') {
			const char *e = memchr(p, ')', n - i);

			k = e ? (size_t)(e - p) + 1 : n - i;
		} else if (p[0] == '[') {
			struct cls c;
			bool rw;

			heal_buf_init(&c.ascii, HEAL_BUF_UNBOUNDED);
			heal_buf_init(&c.alt, HEAL_BUF_UNBOUNDED);
			rw = parse_class(p, n - i, &k, &c);
			if (rw)
				put_class(&out, &c);
			heal_buf_release(&c.ascii);
			heal_buf_release(&c.alt);
			if (!k)
				k = n - i; /* no end: copy the rest */
			if (rw) {
				changed = true;
				i += k;
				continue;
			}
		} else if ((k = mb_len(p, n - i)) &&
			   quantifier(p + k, n - i - k)) {
			heal_buf_put(&out, "(?:", 3);
			heal_buf_put(&out, p, k);
			heal_buf_put(&out, ")", 1);
			changed = true;
			i += k;
			continue;
		} else {
			k = k ? k : 1;
		}
		heal_buf_put(&out, p, k);
		i += k;
	}
	if (!changed) {
		heal_buf_release(&out);
		return NULL;
	}
	return heal_buf_detach(&out, NULL);
}
