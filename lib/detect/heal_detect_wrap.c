/*
 * A terminal's width in a log: lines it cut (a place wrapped off its path,
 * the second piece of a line cut between two words, the rest of a line no
 * pattern took), and a record's message whose rest the next lines hold,
 * cut at the width or wrapped between words by the tool itself.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "heal_detect.h"
#include "heal_detect_int.h"
#include "heal_utf8.h"

/* The columns s[0..n) takes on a terminal: a character one, an East Asian
 * wide one two (the ranges of the scripts a compiler's messages use). */
static size_t columns(const char *s, size_t n)
{
	size_t i = 0, w = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = (unsigned char)s[i] < 0x80 ? 1 :
			   heal_utf8_decode((const unsigned char *)s + i, n - i, &cp);

		if (k == 0)
			k = 1;
		else if (k > 1 && ((cp >= 0x1100 && cp <= 0x115f) ||
				   (cp >= 0x2e80 && cp <= 0xa4cf) ||
				   (cp >= 0xac00 && cp <= 0xd7a3) ||
				   (cp >= 0xf900 && cp <= 0xfaff) ||
				   (cp >= 0xfe30 && cp <= 0xfe4f) ||
				   (cp >= 0xff00 && cp <= 0xff60) ||
				   (cp >= 0xffe0 && cp <= 0xffe6) ||
				   (cp >= 0x20000 && cp <= 0x3fffd)))
			w++;
		w++;
		i += k;
	}
	return w;
}

/* The columns below which a line is no terminal's full width. */
#define WRAP_MIN_COLUMNS 60

/*
 * Whether line (its first len bytes) is the place a terminal's width cut
 * off the path that ends the line before it: ":229:27: error: ..." or
 * "(12): error C2065: ..." at the start of a line, under a line of a
 * terminal's width (60 columns or more) that ends in a file's path, with
 * no blank between them.  No tool starts a line with a place without its
 * file, so the two are one line as the tool printed it.  A cut inside the
 * file's name ("cpp(28): fatal error C1083: ..." under a line ending in
 * "...\\libaudiofile\\openclose.") is one only under a line of a console's
 * usual width whose last word is a path.
 */
bool heal_detect_wrapped_place(const struct heal_detect *d, const char *line,
			       size_t len)
{
	const char *p = d->prev, *t;
	size_t n = d->prev_len, i = 1, tn, h = 0, cols;

	if (len < 3 || d->block.active)
		return false;
	/* the rest of the file's name before the place ("cpp(28): ..."
	 * under "...\\openclose.") */
	while (h < len && h < 40 && (isalnum((unsigned char)line[h]) || line[h] == '_' ||
				     line[h] == '.' || line[h] == '-' || line[h] == '+'))
		h++;
	if (h == len || (line[h] != ':' && line[h] != '('))
		return false;
	i = h + 1;
	while (i < len && i < h + 12 && line[i] >= '0' && line[i] <= '9')
		i++;
	if (i == h + 1 || i == len ||
	    (line[h] == ':' ? line[i] != ':' && line[i] != ',' :
			      line[i] != ')' && line[i] != ','))
		return false;
	if (n == 0 || p[n - 1] == ' ' || p[n - 1] == '\t' ||
	    (cols = columns(p, n)) < WRAP_MIN_COLUMNS)
		return false;
	if (h) {
		/* a cut inside the name: only at a console's usual width (MSBuild
		 * and cmd wrap at 80 columns: 79 or 80 shown), the name's head a
		 * path's last word ending in a name's character */
		static const size_t widths[] = { 79, 80, 99, 100, 119, 120, 131, 132 };
		size_t w;

		for (w = 0; w < sizeof(widths) / sizeof(widths[0]) && widths[w] != cols; w++)
			;
		if (w == sizeof(widths) / sizeof(widths[0]) ||
		    !(isalnum((unsigned char)p[n - 1]) || p[n - 1] == '_' || p[n - 1] == '.' ||
		      p[n - 1] == '-'))
			return false;
		for (t = p + n; t > p && t[-1] != ' ' && t[-1] != '\t'; t--)
			;
		return memchr(t, '/', (size_t)(p + n - t)) || memchr(t, '\\', (size_t)(p + n - t));
	}
	/* the path: the line's last word, a file name with its extension,
	 * or a directory's name with a separator in it */
	for (t = p + n; t > p && t[-1] != ' ' && t[-1] != '\t' && t[-1] != '\'' &&
			t[-1] != '"' && t[-1] != '`' && t[-1] != '(';
	     t--)
		;
	tn = (size_t)(p + n - t);
	if (tn < 2 || !(isalnum((unsigned char)p[n - 1]) || p[n - 1] == '_'))
		return false;
	for (i = tn; i > 0 && (isalnum((unsigned char)t[i - 1]) || t[i - 1] == '_' ||
			       t[i - 1] == '+' || t[i - 1] == '-'); i--)
		;
	if (i > 1 && t[i - 1] == '.' && i < tn && isalpha((unsigned char)t[i]) &&
	    tn - i <= 10)
		return true;
	return memchr(t, '/', tn) || memchr(t, '\\', tn);
}

/*
 * The last line's text after its prefix, then s[0, n), tried as one line
 * that starts a record; its raw text the two lines as printed.  1: a
 * record started; 0: none (or too long to join); -1: error (err set).
 */
static int try_joined(struct heal_detect *d, const char *s, size_t n,
		      struct heal_error *err)
{
	const char *p = d->prev + d->prev_off, *raw = d->raw_line;
	size_t pn = d->prev_len - d->prev_off, rawn = d->raw_len;
	const uint64_t lits = d->line_lits;
	char *q;
	int rc;

	if (pn + n + d->prev_len + 1 + rawn > sizeof(d->ljoin))
		return 0;
	memcpy(d->ljoin, p, pn);
	memcpy(d->ljoin + pn, s, n);
	/* raw: both lines as printed, after the joined line */
	q = d->ljoin + pn + n;
	memcpy(q, d->prev, d->prev_len);
	q[d->prev_len] = '\n';
	memcpy(q + d->prev_len + 1, raw, rawn);
	d->raw_line = q;
	d->raw_len = d->prev_len + 1 + rawn;
	d->line_lits = HEAL_PF_IDS_UNKNOWN;
	rc = heal_detect_try_start(d, d->ljoin, pn + n, err);
	d->line_lits = lits;
	d->raw_line = raw;
	d->raw_len = rawn;
	return rc;
}

/*
 * A line no pattern took (line, len: without its prefix) under a line no
 * pattern took either, of a terminal's width (60 columns or more) and
 * not ending in a blank: the two joined (this one without its
 * indentation, which MSBuild's console wrap adds) are tried as a line
 * that starts a record, when the cut is inside a word: "f:\src\a.c(239):
 * er" and "       ror C2059: syntax error: '{'" are one.  Only a record's
 * start proves the join.
 * 1: a record started; 0: none; -1: error (err set).
 */
int heal_detect_wrapped_rest(struct heal_detect *d, const char *line,
			     size_t len, struct heal_error *err)
{
	const char *p = d->prev + d->prev_off;
	size_t pn = d->prev_len - d->prev_off, b = 0;

	if (d->prev_claimed || d->block.active || pn == 0 || len == 0 ||
	    p[pn - 1] == ' ' || p[pn - 1] == '\t' ||
	    heal_detect_blank(line, len) ||
	    columns(d->prev, d->prev_len) < WRAP_MIN_COLUMNS)
		return 0;
	while (b < len && (line[b] == ' ' || line[b] == '\t'))
		b++;
	/* cut inside a word: a wrap between two words or sentences is
	 * no proof */
	if (b == len || !(isalnum((unsigned char)p[pn - 1]) || p[pn - 1] == '_') ||
	    !(isalnum((unsigned char)line[b]) || line[b] == '_'))
		return 0;
	return try_joined(d, line + b, len - b, err);
}

/* Whether s[0, n) holds a place: "(12):", "(12,5):" or ":12:". */
static bool has_place(const char *s, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (s[i] != '(' && s[i] != ':')
			continue;
		for (j = i + 1; j < n && isdigit((unsigned char)s[j]); j++)
			;
		if (j == i + 1)
			continue;
		if (s[i] == '(') {
			if (j < n && s[j] == ',')
				for (j++; j < n && isdigit((unsigned char)s[j]); j++)
					;
			if (j + 1 < n && s[j] == ')' && s[j + 1] == ':')
				return true;
		} else if (j < n && s[j] == ':') {
			return true;
		}
	}
	return false;
}

/*
 * A line that begins with one blank and a word (" error C1083: Cannot
 * open include file: ..."), under a line no pattern took, of a terminal's
 * width and holding a place ("...\crtdefs.h(10): fatal"): MSBuild's
 * console cut the line between two words, the blank going to the second
 * piece.  The two joined are tried as a line that starts a record before
 * this one is tried alone (which would start one without its place).
 * 1: a record started; 0: none; -1: error (err set).
 */
int heal_detect_wrapped_head(struct heal_detect *d, const char *line,
			     size_t len, struct heal_error *err)
{
	const char *p = d->prev + d->prev_off;
	size_t pn = d->prev_len - d->prev_off;

	if (d->prev_claimed || len < 3 || line[0] != ' ' ||
	    !isalpha((unsigned char)line[1]) || pn == 0 ||
	    p[pn - 1] == ' ' || p[pn - 1] == '\t' ||
	    columns(d->prev, d->prev_len) < WRAP_MIN_COLUMNS ||
	    !has_place(p, pn))
		return 0;
	return try_joined(d, line, len, err);
}

/*
 * A line no pattern took, right after an open record whose lines are
 * its first and the rest of its message so far: the next piece of that
 * message, which a terminal's width cut off, when the record's last line
 * is of a terminal's width (60 columns or more) and this one is as wide
 * (it was cut too: the width is remembered), or narrower and not
 * indented under a width seen cut before.  MSBuild's console wraps cl's
 * "...(13): fatal error C1083: Cannot open inc" / "lude file: 'cstdint':
 * ..." so.  Joined as printed (the blank the first line ended in, which
 * its message lost, put back); at most WRAP_MAX_LINES lines.
 */
#define WRAP_MAX_LINES 8u

/* A line a tool cut to the terminal's width itself, ending in "..."
 * (pytest's short summary): the rest is gone, not on the next line. */
static bool truncated(const char *p, size_t n)
{
	return n >= 3 && memcmp(p + n - 3, "...", 3) == 0;
}

/* A rule across the terminal ("=====", "-----", "_____"): no message's
 * rest, which a cut leaves in mid-text. */
static bool rule(const char *s, size_t n)
{
	return n >= 3 && strchr("=-_*#~", s[0]) && s[1] == s[0] && s[2] == s[0];
}

/*
 * Whether line (lc columns) is the rest of a message msg that a tool
 * wrapped between words at the terminal's width, the record's line before
 * it p (pc columns, as wide as a terminal's): that line ends in a word of
 * the message's first few that no sentence ends in ("The", "isn't"), this
 * one begins in lower
 * case with a word (no tool's "make:", "note:"), unindented, and that word
 * would not have fit after the last line at any width both lines fit.
 */
#define WORD_WRAP_WORDS 12u
#define WORD_WRAP_COLUMNS 70u

/* English words no sentence ends in: a message whose line ends in one
 * goes on */
static bool open_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"the", "a", "an", "to", "of", "in", "for", "with", "on", "at", "by",
		"from", "into", "onto", "is", "are", "was", "were", "be", "been",
		"isn't", "aren't", "wasn't", "can't", "cannot", "doesn't", "don't",
		"not", "and", "or", "but", "that", "which", "this", "these", "those",
		"its", "their", "your", "has", "have", "had", "will", "would",
		"should", "could", "may", "might", "must", "as", "than", "no",
		"when", "while", "if", "because", "does", "do", "did", "can",
	};
	size_t i, k;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strlen(words[i]) != n)
			continue;
		for (k = 0; k < n && tolower((unsigned char)w[k]) == words[i][k]; k++)
			;
		if (k == n)
			return true;
	}
	return false;
}

static bool word_wrapped(const char *msg, const char *p, size_t pn, size_t pc,
			 const char *line, size_t len, size_t lc)
{
	size_t ml, words = 1, i, fw, lw;

	if (!msg || !(ml = strlen(msg)) || pn == 0 || len == 0 ||
	    pc < WORD_WRAP_COLUMNS ||
	    !(line[0] >= 'a' && line[0] <= 'z') ||
	    !isalpha((unsigned char)msg[ml - 1]) ||
	    !isalpha((unsigned char)p[pn - 1]) ||
	    ml > pn || memcmp(p + pn - ml, msg, ml) != 0)
		return false;
	for (i = 0; i < ml; i++)
		if (msg[i] == ' ' && ++words > WORD_WRAP_WORDS)
			return false;
	for (lw = ml; lw > 0 && msg[lw - 1] != ' '; lw--)
		;
	if (!open_word(msg + lw, ml - lw))
		return false;
	for (fw = 0; fw < len && line[fw] != ' ' && line[fw] != '\t'; fw++)
		;
	if (fw == len || fw > 20)
		return false;
	for (i = 0; i < fw; i++)
		if (!isalpha((unsigned char)line[i]) && line[i] != '-' && line[i] != '\'')
			return false;
	/* a width W with pc <= W, lc <= W, and pc + 1 + fw > W */
	return lc < pc + 1 + fw;
}

/*
 * Whether two lines are rows of a table (kubectl's, docker ps'): columns
 * that start at the same places in both, after a run of blanks.  A cut
 * at the terminal's width leaves no such columns in the rest.
 */
#define TABLE_COLUMNS 2u

static bool table_rows(const char *p, size_t pn, const char *s, size_t n)
{
	size_t i, hits = 0, m = pn < n ? pn : n;

	for (i = 2; i < m; i++)
		if (p[i - 1] == ' ' && p[i - 2] == ' ' && p[i] != ' ' &&
		    s[i - 1] == ' ' && s[i] != ' ' && ++hits >= TABLE_COLUMNS)
			return true;
	return false;
}

bool heal_detect_wrapped_message(struct heal_detect *d, const char *line,
				 size_t len)
{
	struct rec *r = d->rec;
	const char *p = d->prev + d->prev_off;
	size_t pn = d->prev_len - d->prev_off, pc, lc, rn = len;
	bool blank;

	if (!r || r->in_steps || !d->prev_claimed || r->nraw != 1 + r->wraps ||
	    r->wraps >= WRAP_MAX_LINES || !r->f[HEAL_PF_MESSAGE] || len == 0 ||
	    pn < WRAP_MIN_COLUMNS || heal_detect_blank(line, len))
		return false;
	/* the widths as printed: with the blanks at a line's end, where
	 * the cut may fall ("source file " / "..\src\main.cc") */
	if (line >= d->raw_line && line <= d->raw_line + d->raw_len)
		rn = (size_t)(d->raw_line + d->raw_len - line);
	pc = columns(p, pn);
	if (pc < WRAP_MIN_COLUMNS || truncated(p, pn) || rule(line, len))
		return false;
	lc = columns(line, rn);
	if (word_wrapped(r->f[HEAL_PF_MESSAGE], p, pn, pc, line, len, lc)) {
		/* a tool that wraps its words to the terminal's width (Flutter's
		 * "...dart:105:46: Error: The" / "argument type ...") */
		heal_detect_raw_line(d, r);
		heal_detect_message_wrapped(r, true, line, len);
		r->wraps++;
		return true;
	}
	if (lc > pc || table_rows(p, pn, line, len))
		return false;
	if (lc == pc)
		d->term_cols = pc;
	else if (pc != d->term_cols || line[0] == ' ' || line[0] == '\t')
		return false;
	heal_detect_raw_line(d, r);
	/* the first line's message lost the blanks at its end: one back */
	blank = r->wraps == 0 && (p[pn - 1] == ' ' || p[pn - 1] == '\t');
	heal_detect_message_wrapped(r, blank, line, lc == pc ? rn : len);
	r->wraps++;
	return true;
}
