/*
 * Lines that are not UTF-8, converted to UTF-8 before they are matched.
 *
 * A tool running in a Latin-1 or EUC-JP locale prints its translated
 * messages in that charset ("r\xe9f\xe9rence ind\xe9finie"): the pattern
 * files and the catalogs (heal_locale.h) know UTF-8 only, and a record's
 * raw must be UTF-8.  A line that holds a byte above 0x7f and is not
 * well-formed UTF-8 is converted with iconv from the charset named by
 * --charset, else the environment's (LC_ALL, LC_CTYPE, LANG) when it is not
 * UTF-8, else a guess: EUC-JP when every high byte is part of a well-formed
 * EUC-JP character and no line of the run has been Latin-1 only, else
 * Latin-1 (which every byte string is).  A UTF-8 line costs one scan for
 * a high byte (and the validation of the rest when it has one).
 *
 * Caps: HEAL_DETECT_CONV_IN bytes of a line are converted (the line is
 * longer than the matching cap then, and marked truncated); a byte the
 * charset has no character for becomes U+FFFD.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "heal_alloc.h"
#include "heal_detect.h"
#include "heal_detect_int.h"
#include "heal_utf8.h"

#define HEAL_DETECT_CONV_IN (64u * 1024)
/* a byte of any charset iconv knows is at most 4 bytes of UTF-8 */
#define CONV_OUT (HEAL_DETECT_CONV_IN * 4 + 4)

static const char *const guess_names[] = { "EUC-JP", "ISO-8859-1" };

/* Whether the name is UTF-8's (utf8, UTF-8, utf-8). */
static bool is_utf8_name(const char *s, size_t n)
{
	return (n == 5 && strncasecmp(s, "utf-8", 5) == 0) ||
	       (n == 4 && strncasecmp(s, "utf8", 4) == 0);
}

/*
 * The codeset of the locale the environment names (LC_ALL, LC_CTYPE, LANG:
 * the first set), copied into out; false when it names none, or UTF-8.
 */
static bool env_charset(char *out, size_t cap)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char *v = NULL, *dot, *at;
	size_t i, n;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]) && !v; i++) {
		v = getenv(vars[i]);
		if (v && !*v)
			v = NULL;
	}
	if (!v || !(dot = strchr(v, '.')))
		return false;
	dot++;
	at = strchr(dot, '@');
	n = at ? (size_t)(at - dot) : strlen(dot);
	if (!n || n >= cap || is_utf8_name(dot, n))
		return false;
	memcpy(out, dot, n);
	out[n] = '\0';
	return true;
}

static iconv_t open_to_utf8(const char *name)
{
	return iconv_open("UTF-8", name);
}

int heal_detect_charset_check(const char *name, struct heal_error *err)
{
	iconv_t cd;

	if (!name || !*name || strlen(name) > HEAL_DETECT_CHARSET_MAX ||
	    (cd = open_to_utf8(name)) == (iconv_t)-1)
		return heal_error_set(err, HEAL_ERR_USAGE,
				      "unknown charset '%s'", name ? name : "");
	iconv_close(cd);
	return 0;
}

void heal_detect_charset_init(struct heal_detect *d)
{
	size_t i;

	d->cs_forced = (iconv_t)-1;
	for (i = 0; i < 2; i++)
		d->cs_guess[i] = (iconv_t)-1;
	if (d->opt.charset && strlen(d->opt.charset) <= HEAL_DETECT_CHARSET_MAX) {
		memcpy(d->cs_name, d->opt.charset, strlen(d->opt.charset) + 1);
	} else if (!env_charset(d->cs_name, sizeof(d->cs_name))) {
		return;
	}
	d->cs_forced = open_to_utf8(d->cs_name);
	/* an environment's charset iconv does not know: guess */
}

void heal_detect_charset_release(struct heal_detect *d)
{
	size_t i;

	if (d->cs_forced != (iconv_t)-1)
		iconv_close(d->cs_forced);
	for (i = 0; i < 2; i++)
		if (d->cs_guess[i] != (iconv_t)-1)
			iconv_close(d->cs_guess[i]);
	free(d->conv);
}

/* Whether every high byte of s[0, n) is part of an EUC-JP character. */
static bool euc_jp_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];

		if (c < 0x80) {
			i++;
		} else if (c == 0x8e) {            /* half-width katakana */
			if (i + 1 >= n || s[i + 1] < 0xa1 || s[i + 1] > 0xdf)
				return false;
			i += 2;
		} else if (c == 0x8f) {            /* JIS X 0212 */
			if (i + 2 >= n || s[i + 1] < 0xa1 || s[i + 1] > 0xfe ||
			    s[i + 2] < 0xa1 || s[i + 2] > 0xfe)
				return false;
			i += 3;
		} else if (c >= 0xa1 && c <= 0xfe) {
			if (i + 1 >= n || s[i + 1] < 0xa1 || s[i + 1] > 0xfe)
				return false;
			i += 2;
		} else {
			return false;
		}
	}
	return true;
}

/* Convert in[0, n) with cd into out; a byte it cannot convert is U+FFFD. */
static size_t convert(iconv_t cd, const char *in, size_t n, char *out,
		      size_t cap)
{
	char *ip = (char *)(uintptr_t)in, *op = out;
	size_t il = n, ol = cap;

	iconv(cd, NULL, NULL, NULL, NULL);
	while (il) {
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if (errno == E2BIG || ol < 3)
			break;
		/* EILSEQ, EINVAL (a character cut at the end) */
		memcpy(op, "\xef\xbf\xbd", 3);
		op += 3;
		ol -= 3;
		ip++;
		il--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	if (ol)
		iconv(cd, NULL, NULL, &op, &ol);   /* a stateful charset's reset */
	return (size_t)(op - out);
}

/*
 * Whether s[0, n) is UTF-8 whose last character was cut short (a line cut
 * at a byte count: a CI system's, a paste's "\u2500\u2500\xe2"): read as
 * UTF-8, not as another charset.
 */
static bool cut_utf8(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = n, need;

	while (i > 0 && n - i < 3 && u[i - 1] >= 0x80 && u[i - 1] < 0xc0)
		i--;
	if (i == 0 || u[i - 1] < 0xc2 || u[i - 1] > 0xf4)
		return false;
	need = u[i - 1] >= 0xf0 ? 4 : u[i - 1] >= 0xe0 ? 3 : 2;
	return n - (i - 1) < need && heal_utf8_valid(s, i - 1);
}

bool heal_detect_charset_line(struct heal_detect *d, const char **line,
			      size_t *len)
{
	const char *s = *line, *name;
	size_t n = *len, a = heal_utf8_ascii_len(s, n);
	iconv_t cd;

	if (a == n || heal_utf8_valid(s + a, n - a) || cut_utf8(s + a, n - a))
		return false;
	if (n > HEAL_DETECT_CONV_IN)
		n = HEAL_DETECT_CONV_IN;
	if (d->cs_forced != (iconv_t)-1) {
		cd = d->cs_forced;
		name = d->cs_name;
	} else {
		size_t g = 1;

		if (!d->cs_latin1_seen &&
		    euc_jp_valid((const unsigned char *)s + a, n - a))
			g = 0;
		else
			d->cs_latin1_seen = true;
		if (d->cs_guess[g] == (iconv_t)-1)
			d->cs_guess[g] = open_to_utf8(guess_names[g]);
		if (d->cs_guess[g] == (iconv_t)-1)
			return false;
		cd = d->cs_guess[g];
		name = guess_names[g];
	}
	if (!d->conv)
		d->conv = heal_malloc(CONV_OUT);
	memcpy(d->conv, s, a);
	*len = a + convert(cd, s + a, n - a, d->conv + a, CONV_OUT - a);
	*line = d->conv;
	d->line_charset = name;
	return true;
}
