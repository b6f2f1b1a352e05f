/*
 * The engine: bytes in, lines out to the matchers.  The input is split
 * into lines in the engine's own buffer (at most max_line plus a block);
 * while nothing is open, lines that hold none of the pattern set's
 * literals (and that the generic reader would not take) are jumped over
 * without being looked at: the candidate lines are found as the lines
 * arrive (heal_detect_scan.c), on a second thread for a file or a pipe
 * (heal_detect_reader.c).
 * Each line is cleaned (a carriage return, terminal escapes) and then goes
 * to whatever is open (a JSON block, a multi-line match: heal_detect_multi.c),
 * else to the matchers (heal_detect_match.c), else continues the open
 * record.  A prefix a CI runner puts before every line (a timestamp, a
 * step name) is one more cleaning of process_line's, before any matcher
 * sees the line; the prefilter's jump needs none, as it looks for
 * literals anywhere in a line.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_detect.h"
#include "heal_detect_int.h"
#include "heal_text.h"

/* --- lines ---------------------------------------------------------------- */

/* The last line: the one being matched (its prefix before it), or one
 * the prefilter jumped over. */
static void prev_set_lits(struct heal_detect *d, const char *line, size_t len,
			  size_t off, bool claimed, uint64_t lits)
{
	if (len > PREV_MAX_INT)
		len = PREV_MAX_INT;
	if (off > len)
		off = len;
	/* a blank line: the line before it is kept too (a file-stack
	 * group's head in a double-spaced paste, heal_detect_try_start) */
	if (heal_detect_blank(line + off, len - off)) {
		d->prev_nb_len = 0;
		if (!heal_detect_blank(d->prev + d->prev_off, d->prev_len - d->prev_off)) {
			memcpy(d->prev_nb, d->prev, d->prev_len);
			d->prev_nb_len = d->prev_len;
			d->prev_nb_off = d->prev_off;
			d->prev_nb_claimed = d->prev_claimed;
		}
	}
	memcpy(d->prev, line, len);
	d->prev_len = len;
	d->prev_off = off;
	d->prev_claimed = claimed;
	d->prev_failed = 0;
	d->prev_lits = lits;
}

/*
 * The same for the line being looked at, or one of its parts: its
 * literals go with it while it is the input's text as read (a retry of it
 * needs no pass for them, heal_detect_try_start); a copy, a cleaned or a
 * joined line has none known.
 */
static void prev_set(struct heal_detect *d, const char *line, size_t len,
		     size_t off, bool claimed)
{
	bool read = line >= d->buf + d->start && line + len <= d->buf + d->end;

	prev_set_lits(d, line, len, off, claimed,
		      !read ? HEAL_PF_IDS_UNKNOWN
		      : d->line_hit ? d->line_lits : HEAL_PF_IDS_NONE);
}

/* The line that ends at nl (a newline after p) as the last line. */
static void prev_before(struct heal_detect *d, const char *p, const char *nl)
{
	const char *b = nl > p ? memrchr(p, '\n', (size_t)(nl - p)) : NULL;
	const char *s = b ? b + 1 : p;
	size_t n = (size_t)(nl - s);

	if (n && s[n - 1] == '\r')
		n--;
	if (n > PREV_MAX_INT || memchr(s, '\x1b', n) || memchr(s, '\r', n))
		return;
	prev_set_lits(d, s, n, heal_detect_prefix_len(d, s, n), false,
		      HEAL_PF_IDS_UNKNOWN);
}

/* (not when a start given back set it: heal_detect_try_start) */
#define PREV_SET(d, claimed) \
	do { \
		if ((d)->veto_given) \
			(d)->veto_given = false; \
		else \
			prev_set(d, (d)->raw_line, (d)->raw_len, pfx, claimed); \
	} while (0)

void heal_detect_prev_keep(struct heal_detect *d, size_t pfx)
{
	prev_set(d, d->raw_line, d->raw_len, pfx, true);
}

static bool idle(const struct heal_detect *d)
{
	return !d->rec && !d->ctx.set && !d->block.active && !d->loc_pending &&
	       !d->sticky_exp;
}

void heal_detect_sticky_clear(struct heal_detect *d, size_t i)
{
	size_t k;

	if (!d->sticky)
		return;
	for (k = 0; k < HEAL_PF_COUNT; k++) {
		free(d->sticky[i].f[k]);
		d->sticky[i].f[k] = NULL;
	}
	if (d->sticky_exp == i + 1)
		d->sticky_exp = 0;
}

/*
 * A line no pattern took may be a translation (heal_locale.h): matched
 * again as its C-locale text, raw still the line as printed.
 */
static void locale_warn(struct heal_detect *d)
{
	const char *w = heal_locale_warning(d->loc);

	if (w)
		heal_detect_warn(d, HEAL_DETECT_WARN_CATALOG, "%s", w);
}

static int try_translated(struct heal_detect *d, const char *line, size_t len,
			  struct heal_error *err)
{
	const char *lang;
	int rc = 0;

	bool cand = heal_locale_candidate(d->loc, line, len);
	const char *raw = d->raw_line;
	size_t rawn = d->raw_len, pn = d->prev_len - d->prev_off, n = len;

	if (cand && heal_locale_map(d->loc, line, len, &d->lbuf, &lang) == 1) {
		d->line_locale = lang;
		rc = heal_detect_try_start(d, d->lbuf.data, d->lbuf.len, err);
		d->line_locale = NULL;
	} else if (d->loc_pending && pn && pn + len + 1 < sizeof(d->ljoin)) {
		/* a translation printed on two lines (make's "No rule"): the
		 * last line and this one, joined by a space */
		while (pn && d->prev[d->prev_off + pn - 1] == ' ')
			pn--;
		while (n && *line == ' ') {
			line++;
			n--;
		}
		memcpy(d->ljoin, d->prev + d->prev_off, pn);
		d->ljoin[pn] = ' ';
		memcpy(d->ljoin + pn + 1, line, n);
		if (heal_locale_map(d->loc, d->ljoin, pn + 1 + n, &d->lbuf, &lang) == 1 &&
		    d->prev_len + 1 + rawn < sizeof(d->ljoin)) {
			/* raw: both lines as printed */
			memcpy(d->ljoin, d->prev, d->prev_len);
			d->ljoin[d->prev_len] = '\n';
			memcpy(d->ljoin + d->prev_len + 1, raw, rawn);
			d->raw_line = d->ljoin;
			d->raw_len = d->prev_len + 1 + rawn;
			d->line_locale = lang;
			rc = heal_detect_try_start(d, d->lbuf.data, d->lbuf.len, err);
			d->line_locale = NULL;
			d->raw_line = raw;
			d->raw_len = rawn;
		}
	}
	/* a candidate no translation took may begin one on two lines */
	d->loc_pending = cand && rc == 0;
	locale_warn(d);
	return rc;
}

static size_t free_next(struct heal_detect *d);
static int process_line(struct heal_detect *d, const char *line, size_t len,
			bool truncated, bool free_only, struct heal_error *err);

/* Whether the jump over lines no candidate (drain) stops at the line at
 * start: a prefilter that takes every line, one that may be translated. */
static bool jump_stops(struct heal_detect *d)
{
	const char *p = d->buf + d->start, *nl;
	size_t n;

	if (d->ps->pf.all)
		return true;
	if (!d->loc)
		return false;
	nl = memchr(p, '\n', d->end - d->start);
	n = nl ? (size_t)(nl - p) : d->end - d->start;
	return heal_locale_candidate(d->loc, p, n);
}

static int match_line(struct heal_detect *d, const char *line, size_t len,
		      size_t pfx, bool free_only, struct heal_error *err);

/*
 * line's length without what the matchers do not see at its end: blanks
 * (Markdown's line break in a pasted log, "  "; raw keeps them), a
 * Markdown fence glued to a pasted block's last line, and the end of a
 * line pasted as inline code ("`error: ...`").
 */
size_t heal_detect_trim_end(const char *line, size_t len)
{
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	if ((len > 3 && memcmp(line + len - 3, "```", 3) == 0) ||
	    (len > 2 && line[0] == '`' && line[len - 1] == '`')) {
		while (len && line[len - 1] == '`')
			len--;
	}
	return len;
}

/*
 * The length of a relay's words at the start of line (npm's "npm ERR! "
 * before the output of the build it ran), with a wrapper's marks or an
 * indentation before it (a quoted paste's "> "), or 0; *set: its pattern file.  A relay whose
 * regexp has a text group relays from that group's start, when the
 * regexp matches ("warning: ggml-sys@0.1.1: " before the cc crate's
 * line); else its literal is the words.  SIZE_MAX: err set.
 */
static size_t relay_len(struct heal_detect *d, const char *line, size_t len,
			size_t *set, struct heal_error *err)
{
	const struct heal_pattern_set *ps = d->ps;
	size_t i, k, n, w = 0, b = 0;

	if (len && (line[0] == '>' || line[0] == '|')) {
		w = heal_detect_wrapper_len(line, len);
		line += w;
		len -= w;
	}
	/* the relay's words may be indented (rustc's "  = note: ") */
	while (b < len && (line[b] == ' ' || line[b] == '\t'))
		b++;
	for (i = 0; i < ps->nrelays; i++) {
		struct heal_pattern_matcher *m = &ps->m[ps->relays[i]];

		for (k = 0; k < m->nliterals; k++) {
			const char *t;
			size_t tn;

			if (b == len || line[b] != m->literals[k][0])
				continue;
			n = strlen(m->literals[k]);
			if (len - b <= n || memcmp(line + b, m->literals[k], n) != 0)
				continue;
			n += b;
			if (!m->compiled &&
			    heal_pattern_matcher_compile(ps, m, err) < 0)
				return SIZE_MAX;
			if (m->steps[0].re.group[HEAL_PF_TEXT] >= 0) {
				if (!heal_detect_re_match(&m->steps[0].re, line, len) ||
				    !heal_pattern_get(&m->steps[0].re, HEAL_PF_TEXT,
						      &t, &tn) ||
				    t <= line)
					break;
				n = (size_t)(t - line);
			}
			*set = m->set_index;
			return w + n;
		}
	}
	return 0;
}

/* Whether line holds "](http" (found by its "]": memmem's set-up costs
 * more than the search on most lines). */
static bool markdown_link(const char *line, size_t len)
{
	const char *p = line, *e = line + len;

	while ((p = memchr(p, ']', (size_t)(e - p))) != NULL) {
		if (e - p >= 6 && memcmp(p, "](http", 6) == 0)
			return true;
		p++;
	}
	return false;
}

/*
 * A line: cleaned, its prefix found, then whatever is open, the matchers,
 * the rest.  free_only: a line the scan found nothing in, looked at by
 * the matchers without literals only (nothing is open): when none takes
 * it, it is passed over as the jump to the next candidate does.
 */
static int process_line(struct heal_detect *d, const char *line, size_t len,
			bool truncated, bool free_only, struct heal_error *err)
{
	size_t pfx, rl, set = 0;
	int rc;

	if (len && line[len - 1] == '\r')
		len--;
	if (memchr(line, '\x1b', len) || memchr(line, '\r', len)) {
		memcpy(d->clean, line, len);
		len = heal_text_strip_ansi(d->clean, len, d->clean);
		line = d->clean;
	}
	/* colours a Windows console showed as text ("\u2190[1;31mError: ") */
	if (memchr(line, 0xe2, len) && memmem(line, len, "\xe2\x86\x90[", 4)) {
		if (line != d->clean)
			memcpy(d->clean, line, len);
		len = heal_text_strip_shown_escapes(d->clean, len, d->clean);
		line = d->clean;
	}
	/* a place wrapped off its path: the two lines as the tool printed
	 * them (raw too: the break was the terminal's) */
	if (!free_only && heal_detect_wrapped_place(d, line, len) &&
	    d->prev_len + len <= d->max_line) {
		memmove(d->clean + d->prev_len, line, len);
		memcpy(d->clean, d->prev, d->prev_len);
		len += d->prev_len;
		line = d->clean;
	}
	/* a web log viewer's line numbers pasted as Markdown links */
	if (len > 12 && markdown_link(line, len)) {
		if (line != d->clean)
			memcpy(d->clean, line, len);
		len = heal_text_unlink_digits(d->clean, len, d->clean);
		line = d->clean;
	}
	/* an expiring sticky context lives while its file's records are open
	 * or its matchers take lines (heal_detect_try_start) */
	if (d->sticky_spare) {
		d->sticky_spare = false;
	} else if (d->sticky_exp) {
		if (d->rec && d->rec->m->set_index + 1 == d->sticky_exp)
			d->sticky_age = 0;
		else if (++d->sticky_age > d->sticky_expire)
			heal_detect_sticky_clear(d, d->sticky_exp - 1);
	}
	d->line_charset = NULL;
	if (heal_detect_charset_line(d, &line, &len) && d->rec && !d->rec->charset)
		d->rec->charset = d->line_charset;
	d->raw_line = line;
	d->raw_len = len;
	pfx = heal_detect_prefix_len(d, line, len);
	/* a logfmt record's message: without its quotes and escapes */
	if (pfx >= 5 && memcmp(line + pfx - 5, "msg=\"", 5) == 0) {
		if (line != d->clean) {
			memcpy(d->clean, line, len);
			line = d->clean;
			d->raw_line = line;
		}
		len = pfx + heal_detect_logfmt_msg(d->clean + pfx, len - pfx);
		d->raw_len = len;
	}
	line += pfx;
	len -= pfx;
	len = heal_detect_trim_end(line, len);
	d->line_truncated = truncated || len > HEAL_DETECT_MATCH_MAX;
	if (d->line_truncated && d->rec)
		d->rec->truncated = true;
	/* a relay's line ("npm ERR! ../src/a.cc:13:82: error: ..."): what it
	 * relays is matched first, by the other pattern files, as if the
	 * relay's words were a prefix, while it starts a record or one it
	 * started is open; else the line is the relay's own */
	rl = d->ps->nrelays && !free_only && !d->block.active ?
	     relay_len(d, line, len, &set, err) : 0;
	if (rl == SIZE_MAX)
		return -1;
	if (rl) {
		bool relayed = d->rec && d->rec->relayed;

		d->relay_pass = true;
		d->relay_set = set;
		if (relayed) {
			rc = match_line(d, line + rl, len - rl, pfx + rl, false, err);
		} else {
			d->view = line + rl;
			d->view_len = len - rl;
			rc = heal_detect_try_start(d, line + rl, len - rl, err);
			if (rc == 1)
				prev_set(d, d->raw_line, d->raw_len, pfx + rl, true);
		}
		d->relay_pass = false;
		if (rc < 0 || (relayed ? d->prev_claimed : rc == 1)) {
			d->view = NULL;
			return rc < 0 ? -1 : 0;
		}
	}
	d->relay_rl = rl;
	rc = match_line(d, line, len, pfx, free_only, err);
	d->relay_rl = 0;
	/* the line's memory may move before the next: a record made
	 * between lines (at the input's end) has no wrapper */
	d->view = NULL;
	return rc;
}

/* The annotation mark a line's prefix (its first pfx bytes) ends in:
 * Azure's and GitHub's "##[error]", or the word GitHub's web log shows
 * before an annotation's text ("Error: ", "Warning: ", "Notice: "); NULL
 * when it ends in none. */
static const char *annotated(const char *raw, size_t pfx)
{
	static const char *const words[] = { "Error: ", "Warning: ", "Notice: " };
	size_t i, n;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (pfx >= n && memcmp(raw + pfx - n, words[i], n) == 0)
			return words[i];
	}
	while (pfx && raw[pfx - 1] == ' ')
		pfx--;
	return pfx >= 9 && memcmp(raw + pfx - 9, "##[error]", 9) == 0 ? "##[error]" : NULL;
}

/* The line after such a prefix, matched with the mark before it. */
static int annotation(struct heal_detect *d, const char *mark, const char *line, size_t len,
		      struct heal_error *err)
{
	size_t n = strlen(mark);
	uint64_t lits;
	int rc;

	if (len + n > d->max_line)
		return 0;
	memcpy(d->annot, mark, n);
	memcpy(d->annot + n, line, len);
	d->view = d->annot;
	d->view_len = len + n;
	/* the prefilter's literals were the line's without its mark */
	lits = d->line_lits;
	d->line_lits = HEAL_PF_IDS_UNKNOWN;
	rc = heal_detect_try_start(d, d->annot, len + n, err);
	d->line_lits = lits;
	d->view = NULL;
	return rc;
}

/*
 * The lines a multi-line match passed over before the line at *line (len
 * bytes) ended it unfinished (d->replay, heal_detect_steps_line): the
 * first one again from the matchers after that one, as a start that fails
 * on its second line gives it back (heal_detect_retry_prev), the others as
 * lines of their own.  The line then goes on from a copy (*line moves
 * there): it may have been in the memory they are cleaned in.  line
 * NULL: the input ended them.
 */
int heal_detect_replay(struct heal_detect *d, const char **line, size_t len,
		       struct heal_error *err)
{
	const char *p = d->replay.data, *e = p + d->replay.len, *nl;
	size_t loff = line ? (size_t)(*line - d->raw_line) : 0, rawn = d->raw_len, n;
	bool hit = d->line_hit, trunc = d->line_truncated, relay = d->relay_pass;
	uint64_t lits = d->line_lits;
	const char *cs = d->line_charset;
	size_t rl = d->relay_rl, rset = d->relay_set;
	int rc = 0;

	if (line && (*line < d->raw_line || loff > rawn)) {
		heal_buf_reset(&d->replay);
		return 0;
	}
	/* (the line may be there already: a match its replay started that
	 * it failed too) */
	if (line && d->raw_line != d->replay_cur.data) {
		heal_buf_reset(&d->replay_cur);
		heal_buf_put(&d->replay_cur, d->raw_line, rawn);
	}
	d->replaying = true;
	d->relay_pass = false;
	d->relay_rl = 0;
	nl = memchr(p, '\n', (size_t)(e - p));
	n = nl ? (size_t)(nl - p) : (size_t)(e - p);
	prev_set_lits(d, p, n, d->replay_off, true, HEAL_PF_IDS_UNKNOWN);
	d->retry_from = d->replay_from;
	d->retry_step0 = false;
	if (heal_detect_retry_prev(d, err) < 0)
		rc = -1;
	for (p = nl ? nl + 1 : e; rc == 0 && p < e; p = nl ? nl + 1 : e) {
		nl = memchr(p, '\n', (size_t)(e - p));
		n = nl ? (size_t)(nl - p) : (size_t)(e - p);
		d->line_hit = true;
		d->line_lits = HEAL_PF_IDS_UNKNOWN;
		rc = process_line(d, p, n, false, false, err);
	}
	d->replaying = false;
	heal_buf_reset(&d->replay);
	if (line) {
		d->raw_line = d->replay_cur.data;
		d->raw_len = rawn;
		*line = d->raw_line + loff;
		d->view = *line;
		d->view_len = len;
	} else {
		/* at the input's end (heal_detect_close_open) */
		d->raw_line = d->view = NULL;
		d->raw_len = d->view_len = 0;
	}
	d->line_hit = hit;
	d->line_lits = lits;
	d->line_truncated = trunc;
	d->line_charset = cs;
	d->relay_pass = relay;
	d->relay_rl = rl;
	d->relay_set = rset;
	return rc;
}

/* A line after its prefix (pfx bytes of the raw line): whatever is open,
 * the matchers, the rest. */
static int match_line(struct heal_detect *d, const char *line, size_t len,
		      size_t pfx, bool free_only, struct heal_error *err)
{
	const char *mark;
	size_t w;
	int rc;

	d->view = line;
	d->view_len = len;
	if (d->block.active) {
		rc = heal_detect_block_line(d, line, len, err);
		PREV_SET(d, true);
		return rc;
	}
	while (d->rec && d->rec->in_steps) {
		rc = heal_detect_steps_line(d, line, len, err);
		if (rc != 0) {
			PREV_SET(d, true);
			return rc < 0 ? -1 : 0;
		}
		if (d->replay.len && !d->replaying) {
			if (heal_detect_replay(d, &line, len, err) < 0)
				return -1;
			continue;
		}
		if (!d->retry_from)
			break;
		if (heal_detect_retry_prev(d, err) < 0)
			return -1;
		if (!free_only && !d->line_hit && idle(d) && !jump_stops(d)) {
			const struct heal_prefilter *pf = &d->ps->pf;

			if (!pf->nfree ||
			    (pf->gate && free_next(d) != d->start)) {
				PREV_SET(d, false);
				return 0;
			}
			free_only = true;
		}
	}
	/* the second piece of a line a console cut between two words */
	rc = free_only ? 0 : heal_detect_wrapped_head(d, line, len, err);
	/* a file-stack group's "Error: 3:5 ..." row is not a message of
	 * "Error: " patterns */
	if (rc == 0)
		rc = heal_detect_generic_row(d, line, len, true, err);
	if (rc == 0) {
		/* its main try: a start the next line would fail is given
		 * back at once (heal_detect_try_start) */
		d->veto_top = true;
		d->veto_pfx = pfx;
		rc = heal_detect_try_start(d, line, len, err);
		d->veto_top = false;
	}
	if (rc == 0 && d->rec && !d->rec->in_steps && d->rec->wrap_len) {
		/* in a pasted block, a start without the block's wrapper wins
		 * over a continuation of the open record as it does without */
		const char *u = line;
		size_t un = len;

		if (heal_detect_unwrap(d->rec, 0, &u, &un) && un) {
			/* a group's head before it loses the marks too */
			d->wrap_used = (size_t)(u - line);
			rc = heal_detect_try_start(d, u, un, err);
			d->wrap_used = 0;
		}
	}
	/* PowerShell's "gcc : " before a program's line: the program's
	 * start wins over a continuation of the open record too */
	if (rc == 0 && d->rec && !d->rec->in_steps &&
	    (w = heal_detect_native_command(line, len)) > 0) {
		d->wrap_used = w;
		rc = heal_detect_try_start(d, line + w, len - w, err);
		d->wrap_used = 0;
	}
	/* a line a Markdown paste marked, matched once more without the
	 * marks (raw as pasted), before it is an open record's */
	if (rc == 0 && memchr(line, '*', len))
		rc = heal_detect_try_unmarked(d, line, len, err);
	if (free_only) {
		if (rc < 0)
			return -1;
		PREV_SET(d, rc == 1);
		return 0;
	}
	if (rc == 0 && d->loc)
		rc = try_translated(d, line, len, err);
	else if (d->loc)
		d->loc_pending = false;
	if (rc < 0)
		return -1;
	if (rc == 1) {
		PREV_SET(d, true);
		return 0;
	}
	if (d->rec && !d->rec->in_steps) {
		rc = heal_detect_cont_line(d, line, len);
		if (rc == 0 && heal_detect_wrapped_message(d, line, len))
			rc = 1;
		if (rc == 2) {
			PREV_SET(d, true);
			return heal_detect_close_rec(d, err);
		}
		if (rc == 1) {
			PREV_SET(d, true);
			return 0;
		}
		if (heal_detect_close_rec(d, err) < 0)
			return -1;
	}
	if (d->ctx.set && ++d->ctx.age > d->ctx.expire)
		heal_detect_ctx_clear(&d->ctx);
	/* nothing claimed it: a tool's line a wrapper indented or marked
	 * (heal_detect_wrapper_len), matched once more without the marks */
	if ((w = heal_detect_wrapper_len(line, len)) > 0) {
		size_t mk = heal_detect_marks_len(line, w);

		/* the marks alone first: the blanks after them may be the
		 * tool's own (an indented row of eslint's group, quoted: without
		 * them it would read as a group's head) */
		rc = 0;
		/* a quote's "> " alone before more marks: a tool's own tree
		 * ("  └ lib/a.ex:4:" of Elixir's diagnostics, quoted) */
		if (w > 2 && mk > 2 && (line[0] == '>' || line[0] == '|') &&
		    line[1] == ' ') {
			d->wrap_used = 2;
			rc = heal_detect_try_start(d, line + 2, len - 2, err);
		}
		if (rc == 0 && mk > 0 && mk < w) {
			d->wrap_used = mk;
			rc = heal_detect_try_start(d, line + mk, len - mk, err);
		}
		if (rc == 0) {
			d->wrap_used = w;
			rc = heal_detect_try_start(d, line + w, len - w, err);
		}
		d->wrap_used = 0;
		if (rc != 0) {
			PREV_SET(d, true);
			return rc < 0 ? -1 : 0;
		}
	}
	/* the matchers of a last resort (make's any "*** message" in a
	 * translation the catalogs do not hold) */
	if (d->ps->has_last) {
		d->last_pass = true;
		rc = heal_detect_try_start_bare(d, line, len, err);
		if (rc == 0 && d->relay_rl && d->relay_rl < len) {
			/* and on what a relay relays (Storybook's "ERR! Module
			 * not found: ..." without webpack's "ERROR in" line) */
			d->relay_pass = true;
			d->view = line + d->relay_rl;
			d->view_len = len - d->relay_rl;
			rc = heal_detect_try_start(d, line + d->relay_rl,
						   len - d->relay_rl, err);
			d->view = line;
			d->view_len = len;
			d->relay_pass = false;
		}
		d->last_pass = false;
		if (rc != 0) {
			PREV_SET(d, true);
			return rc < 0 ? -1 : 0;
		}
	}
	/* "PATH:LINE: message" of a file beneath the root (not indented:
	 * a stack's lines, a tool's group) */
	rc = heal_detect_generic_line(d, line, len, err);
	/* and in a quoted paste, without the quote's marks ("> ", "| ";
	 * not the blanks after them, which a tool's group may own) */
	if (rc == 0 && !d->rec &&
	    (w = heal_detect_wrapper_len(line, len)) > 0) {
		size_t mk = heal_detect_marks_len(line, w);

		if (mk > 0 && mk < len)
			rc = heal_detect_generic_line(d, line + mk, len - mk,
						      err);
	}
	/* a process's bracketed name on the first line of its stream (a
	 * prefix from the second on, heal_detect_prefix_len): the line
	 * matched once more without it ("[esbuild] ✘ [ERROR] ..."; the
	 * generic reader took a linter's "[mylint] a.lua:2: ...") */
	if (rc == 0 && !d->rec && (w = heal_detect_name_tag(line, len)) > 0 &&
	    w < len)
		rc = heal_detect_try_start(d, line + w, len - w, err);
	/* a CI system's error annotation no tool's pattern took
	 * ("##[error]Error return value of `f` is not checked (errcheck)",
	 * "Error: src/a.php:3:5: UndefinedClass: ..."): matched once more
	 * with its mark (ci.json) */
	if (rc == 0 && !d->rec && (mark = annotated(d->raw_line, pfx)))
		rc = annotation(d, mark, line, len, err);
	/* nothing claimed it, nor the line before: the rest of that line a
	 * terminal's (or MSBuild's) width wrapped here, when the two make a
	 * line a tool's pattern starts a record with */
	if (rc == 0 && !d->rec)
		rc = heal_detect_wrapped_rest(d, line, len, err);
	PREV_SET(d, rc == 1);
	return rc < 0 ? -1 : 0;
}

/*
 * Scan the complete lines that arrived since the last drain for
 * candidates (heal_detect_scan.c).
 */
static void scan_new(struct heal_detect *d)
{
	size_t from;
	const char *nl;

	/* a line longer than the buffer was looked at unscanned: go on
	 * after what it consumed */
	if (d->scanned < d->base + d->start)
		d->scanned = d->base + d->start;
	from = (size_t)(d->scanned - d->base);
	if (d->ps->pf.all || from >= d->end)
		return;
	nl = memrchr(d->buf + from, '\n', d->end - from);
	if (!nl)
		return;
	heal_detect_scan_run(d, d->buf + from, (size_t)(nl - d->buf) + 1 - from,
			     d->scanned, d->scanned, &d->colour, &d->cand);
	d->scanned = d->base + (size_t)(nl - d->buf) + 1;
}

/*
 * The buffer offset of the next candidate line at or after start, or of
 * the first line not scanned yet when no candidate comes before it.
 * strong: not a line only matchers that start nothing may take
 * (heal_prefilter_ids_weak), which nothing open needs.
 */
static size_t cand_next(struct heal_detect *d, bool strong)
{
	struct heal_detect_cands *c = &d->cand;
	uint64_t at = d->base + d->start;
	size_t i;

	while (c->head < c->n && c->v[c->head] < at)
		c->head++;
	for (i = c->head; i < c->n; i++)
		if (!strong || !heal_prefilter_ids_weak(&d->ps->pf, c->lits[i]))
			return (size_t)(c->v[i] - d->base);
	return (size_t)(d->scanned - d->base);
}

/* The buffer offset of the next line at or after start that a matcher
 * without literals may start on (heal_prefilter_gate.c), SIZE_MAX when
 * none is known. */
static size_t free_next(struct heal_detect *d)
{
	struct heal_detect_cands *c = &d->cand;
	uint64_t at = d->base + d->start;

	while (c->fhead < c->fn && c->fv[c->fhead] < at)
		c->fhead++;
	return c->fhead < c->fn ? (size_t)(c->fv[c->fhead] - d->base) : SIZE_MAX;
}

/* Whether the line at start may hold a literal: a candidate, or a line not
 * scanned (a partial last line, one longer than the buffer).  Its literals
 * go to line_lits. */
static bool line_may_hit(struct heal_detect *d)
{
	d->line_lits = HEAL_PF_IDS_UNKNOWN;
	if (d->ps->pf.all || d->base + d->start >= d->scanned)
		return true;
	if (cand_next(d, false) != d->start) {
		d->line_lits = HEAL_PF_IDS_NONE;
		return false;
	}
	d->line_lits = d->cand.lits[d->cand.head];
	return true;
}

/*
 * A terminal's rows whose line ends a paste lost: each line padded with
 * blanks to the terminal's width and the rows run together (a Windows
 * console's copy, "$ yarn run tsc" and 185 blanks, "yarn run v1.22.4"
 * ...).  The width, when the first row of 60 to 400 bytes ends in blanks
 * before a word and at least two more rows after it begin so at a multiple
 * of it, else 0.
 */
#define ROW_MIN 60u
#define ROW_MAX 400u

static size_t padded_width(const char *p, size_t n)
{
	size_t w, k;
	unsigned rows = 0;

	if (n < 3 * ROW_MIN)
		return 0;
	for (w = ROW_MIN; w < ROW_MAX && w < n; w++)
		if (p[w - 1] == ' ' && p[w - 2] == ' ' && p[w] != ' ')
			break;
	if (w >= ROW_MAX || w >= n)
		return 0;
	for (k = 2 * w; k < n && rows < 2; k += w)
		if (p[k - 1] == ' ' && p[k] != ' ')
			rows++;
	return rows >= 2 ? w : 0;
}

/* Such a line's rows, w bytes each, as the lines they were: a row that
 * does not end in a blank goes on in the next (a line the terminal
 * wrapped). */
static int padded_rows(struct heal_detect *d, const char *p, size_t n,
		       size_t w, struct heal_error *err)
{
	size_t from = 0, k;

	for (k = w; from < n; k += w) {
		size_t e = k < n ? k : n;

		if (k < n && p[k - 1] != ' ')
			continue;
		d->line_hit = true;
		d->line_lits = HEAL_PF_IDS_UNKNOWN;
		if (process_line(d, p + from, heal_detect_trim_end(p + from, e - from),
				 false, false, err) < 0)
			return -1;
		from = e;
	}
	d->start += n + 1;
	return 0;
}

/*
 * A complete line at p, n bytes before its newline, matched (its first
 * max_line bytes when it is longer: the rest is then skipped).
 */
static int whole_line(struct heal_detect *d, const char *p, size_t n,
		      bool free_only, struct heal_error *err)
{
	bool cut = n > d->max_line;
	size_t w;

	if (!cut && !free_only && n >= 3 * ROW_MIN &&
	    (w = padded_width(p, n)) > 0)
		return padded_rows(d, p, n, w, err);
	if (process_line(d, p, cut ? d->max_line : n, cut, free_only, err) < 0)
		return -1;
	d->start += cut ? d->max_line : n + 1;
	d->skipping = cut;
	return 0;
}

/*
 * Split buf[start, end) into lines.  While nothing is open, jump to the
 * next candidate line.  at_eof: the last partial line is a line.
 */
static int drain(struct heal_detect *d, bool at_eof, struct heal_error *err)
{
	const struct heal_prefilter *pf = &d->ps->pf;
	size_t lnext = SIZE_MAX;

	scan_new(d);
	while (d->start < d->end) {
		char *p = d->buf + d->start, *nl;
		size_t avail = d->end - d->start;

		if (d->skipping) {
			nl = memchr(p, '\n', avail);
			if (!nl) {
				d->start = d->end;
				break;
			}
			d->start += (size_t)(nl - p) + 1;
			d->skipping = false;
			continue;
		}
		if (!pf->all && idle(d)) {
			size_t hit = cand_next(d, true);
			size_t ls;

			if (d->loc) {
				/* a line that may be translated stops too: the
				 * next such line, looked for once a drain */
				if (lnext == SIZE_MAX || lnext < d->start) {
					lnext = heal_locale_scan(d->loc, d->buf, d->start, d->end);
					locale_warn(d);
				}
				hit = lnext < hit ? lnext : hit;
			}
			char *lnl;

			if (hit == d->end) {
				/* nothing here: drop complete lines, keep the tail */
				lnl = memrchr(p, '\n', avail);
				if (!lnl)
					goto partial;
				ls = (size_t)(lnl - d->buf) + 1;
			} else {
				lnl = hit > d->start ? memrchr(p, '\n', hit - d->start) : NULL;
				ls = lnl ? (size_t)(lnl - d->buf) + 1 : d->start;
			}
			if (ls > d->start && pf->gate) {
				/* the next line the matchers without literals
				 * may start on (heal_prefilter_gate.c), the
				 * others jumped over */
				size_t f = free_next(d);

				if (f < ls && f > d->start)
					ls = f;
			}
			if (ls > d->start && pf->nfree &&
			    (!pf->gate || free_next(d) == d->start)) {
				/* the matchers without literals look at each
				 * such line before it, one at a time (one may
				 * open something) */
				size_t n = (size_t)((char *)memchr(p, '\n', ls - d->start) - p);

				d->line_hit = false;
				d->line_lits = HEAL_PF_IDS_NONE;
				if (whole_line(d, p, n, true, err) < 0)
					return -1;
				continue;
			}
			if (ls > d->start) {
				/* remember the last line skipped */
				char *e = d->buf + ls - 1;
				char *b = ls - 1 > d->start ?
					  memrchr(p, '\n', (size_t)(e - p)) : NULL;
				const char *bs = b ? b + 1 : p;
				size_t bl = (size_t)(e - bs);

				if (bl && bs[bl - 1] == '\r')
					bl--;
				/* a blank one: the line before it first (prev_set
				 * keeps it), when it was skipped too */
				if (b && b > p && heal_detect_blank(bs, bl))
					prev_before(d, p, b);
				/* cleaned of terminal escapes as a line looked
				 * at is (a record's raw holds them so) */
				if (bl <= d->max_line && (memchr(bs, '\x1b', bl) ||
							  memchr(bs, '\r', bl))) {
					memcpy(d->clean, bs, bl);
					bl = heal_text_strip_ansi(d->clean, bl, d->clean);
					bs = d->clean;
				}
				prev_set_lits(d, bs, bl,
					      heal_detect_prefix_len(d, bs, bl),
					      false, HEAL_PF_IDS_UNKNOWN);
				d->start = ls;
				continue;
			}
		}
		d->line_hit = line_may_hit(d);
		nl = memchr(p, '\n', avail < d->max_line + 1 ? avail : d->max_line + 1);
		if (nl) {
			if (whole_line(d, p, (size_t)(nl - p), false, err) < 0)
				return -1;
			continue;
		}
partial:
		d->line_hit = true;
		d->line_lits = HEAL_PF_IDS_UNKNOWN;
		if (avail > d->max_line) {
			if (process_line(d, p, d->max_line, true, false, err) < 0)
				return -1;
			d->start += d->max_line;
			d->skipping = true;
			continue;
		}
		if (at_eof) {
			if (process_line(d, p, avail, false, false, err) < 0)
				return -1;
			d->start = d->end;
		}
		break;
	}
	return 0;
}

static void compact(struct heal_detect *d)
{
	d->base += d->start;
	if (d->start == d->end) {
		d->start = d->end = 0;
		return;
	}
	if (d->start > 0) {
		memmove(d->buf, d->buf + d->start, d->end - d->start);
		d->end -= d->start;
		d->start = 0;
	}
}

/* --- public --------------------------------------------------------------- */

struct heal_detect *heal_detect_new(const struct heal_detect_options *opt)
{
	struct heal_detect *d = heal_calloc(1, sizeof(*d));

	d->opt = *opt;
	d->prev_lits = d->ljoin_lits = HEAL_PF_IDS_UNKNOWN;
	d->ps = opt->patterns;
	d->max_line = opt->max_line ? opt->max_line : HEAL_DETECT_MAX_LINE_DEFAULT;
	d->cap = d->max_line + 2 * HEAL_LINES_BLOCK_INT;
	/* calloc: the JIT may read (not use) bytes past a subject */
	d->buf = heal_calloc(1, d->cap);
	d->clean = heal_calloc(1, d->max_line + 1);
	d->mscratch = heal_calloc(1, MSCRATCH);
	d->annot = heal_malloc(d->max_line + 1);
	d->nlitwords = d->ps->pf.nlit / 64 + 1;
	d->litbits = heal_calloc(d->nlitwords, sizeof(uint64_t));
	d->mbits = heal_calloc(d->ps->pf.mwords + 1, sizeof(uint64_t));
	heal_buf_init(&d->ctx.raw, HEAL_DETECT_RAW_MAX);
	heal_buf_init(&d->replay, HEAL_DETECT_RAW_MAX);
	heal_buf_init(&d->replay_cur, d->max_line + 1);
	heal_buf_init(&d->src, HEAL_DETECT_SOURCE_FILE_MAX);
	heal_detect_fold_init(d);
	d->loc = heal_locale_new(opt->locale, NULL);
	if (!heal_locale_enabled(d->loc)) {
		heal_locale_free(d->loc);
		d->loc = NULL;
	}
	heal_buf_init(&d->lbuf, HEAL_LOCALE_LINE_MAX * 2 + 1);
	heal_detect_charset_init(d);
	return d;
}

void heal_detect_free(struct heal_detect *d)
{
	size_t i, k;

	if (!d)
		return;
	heal_detect_rec_free(d->rec);
	heal_detect_ctx_clear(&d->ctx);
	heal_buf_release(&d->ctx.raw);
	heal_buf_release(&d->replay);
	heal_buf_release(&d->replay_cur);
	if (d->sticky) {
		for (i = 0; i <= d->ps->nfiles; i++)
			for (k = 0; k < HEAL_PF_COUNT; k++)
				free(d->sticky[i].f[k]);
		free(d->sticky);
	}
	if (d->block.active)
		heal_buf_release(&d->block.buf);
	while (d->ndirs)
		heal_detect_dir_leave(d);
	heal_detect_fold_release(d);
	heal_detect_generic_free(d);
	free(d->src_path);
	heal_buf_release(&d->src);
	free(d->buf);
	heal_detect_cands_release(&d->cand);
	free(d->colour.clean);
	free(d->clean);
	free(d->mscratch);
	free(d->annot);
	free(d->litbits);
	free(d->mbits);
	free(d->source);
	heal_locale_free(d->loc);
	heal_buf_release(&d->lbuf);
	heal_detect_charset_release(d);
	heal_detect_rec_pool_release(d);
	free(d);
}

int heal_detect_flush(struct heal_detect *d, struct heal_error *err)
{
	return heal_detect_close_open(d, false, err);
}

int heal_detect_begin(struct heal_detect *d, const char *source,
		      struct heal_error *err)
{
	if (heal_detect_end(d, err) < 0)
		return -1;
	free(d->source);
	d->source = heal_strdup(source ? source : "<stdin>");
	heal_detect_generic_begin(d);
	return 0;
}

int heal_detect_end(struct heal_detect *d, struct heal_error *err)
{
	if (drain(d, true, err) < 0)
		return -1;
	d->base += d->end;
	d->scanned = d->base;
	heal_detect_cands_reset(&d->cand);
	d->start = d->end = 0;
	d->skipping = false;
	if (d->block.active) {
		d->block.active = false;
		heal_buf_release(&d->block.buf);
	}
	if (heal_detect_close_open(d, true, err) < 0)
		return -1;
	heal_detect_ctx_clear(&d->ctx);
	while (d->ndirs)
		heal_detect_dir_leave(d);
	d->prev_len = 0;
	d->prev_lits = HEAL_PF_IDS_UNKNOWN;
	return 0;
}

int heal_detect_feed(struct heal_detect *d, const char *data, size_t len,
		     struct heal_error *err)
{
	while (len) {
		size_t room, n;

		compact(d);
		room = d->cap - d->end;
		n = len < room ? len : room;
		memcpy(d->buf + d->end, data, n);
		d->end += n;
		data += n;
		len -= n;
		if (drain(d, false, err) < 0)
			return -1;
	}
	return 0;
}

int heal_detect_finish(struct heal_detect *d, struct heal_error *err)
{
	if (heal_detect_end(d, err) < 0)
		return -1;
	return heal_detect_fold_flush(d, err);
}

static int read_error(int e, const char *source, struct heal_error *err)
{
	char *s = heal_text_escape_dup(source, strlen(source));

	heal_error_sys(err, e, "cannot read '%s'", s);
	free(s);
	return -1;
}

/*
 * Read fd to its end with the reader thread (heal_detect_reader.c): 1 when
 * there is none to have, the input still all to be read.
 */
static int read_ahead(struct heal_detect *d, int fd, const char *source,
		      struct heal_error *err)
{
	struct heal_detect_reader *r;
	int rc = 0;

	if (d->ps->pf.all || !d->opt.read_ahead || d->opt.follow)
		return 1;
	compact(d);
	r = heal_detect_reader_new(d, fd, d->buf, d->end, d->base, d->base);
	if (!r)
		return 1;
	/* its thread completes records too (the input keeps its name until
	 * this returns) */
	d->ahead = r;
	for (;;) {
		struct heal_detect_block *b = heal_detect_reader_next(r);
		size_t skip = (size_t)(d->base + d->end - b->base), i;
		bool last = b->eof || b->err;

		compact(d);
		if (b->len > skip) {
			/* the buffer keeps at most a partial line of max_line
			 * bytes: a block always has room */
			memcpy(d->buf + d->end, b->data + skip, b->len - skip);
			d->end += b->len - skip;
		}
		for (i = 0; i < b->cand.n; i++)
			heal_detect_cands_push(&d->cand, b->cand.v[i],
					       b->cand.lits[i]);
		for (i = 0; i < b->cand.fn; i++)
			heal_detect_cands_push_free(&d->cand, b->cand.fv[i]);
		if (b->scan_end > d->scanned)
			d->scanned = b->scan_end;
		if (b->err)
			rc = read_error(b->err, source, err);
		heal_detect_reader_done(r);
		if (rc == 0 && drain(d, false, err) < 0)
			rc = -1;
		if (rc < 0 || last)
			break;
	}
	/* what was matched goes out, whatever stopped the reading; the
	 * engine's own error, when it has one, is the one told */
	{
		struct heal_error e2 = HEAL_ERROR_INIT;

		if (heal_detect_reader_complete(r, rc < 0 ? &e2 : err) < 0)
			rc = -1;
	}
	d->ahead = NULL;
	heal_detect_reader_free(r);
	return rc;
}

int heal_detect_read_more(struct heal_detect *d, int fd, const char *source,
			  struct heal_error *err)
{
	int rc = read_ahead(d, fd, source, err);

	if (rc <= 0)
		return rc;
	for (;;) {
		ssize_t n;

		compact(d);
		n = read(fd, d->buf + d->end, d->cap - d->end);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return read_error(errno, source, err);
		if (n == 0)
			return 0;
		d->end += (size_t)n;
		if (drain(d, false, err) < 0)
			return -1;
	}
}

int heal_detect_read_fd(struct heal_detect *d, int fd, const char *source,
			struct heal_error *err)
{
	if (heal_detect_begin(d, source, err) < 0 ||
	    heal_detect_read_more(d, fd, source, err) < 0)
		return -1;
	return heal_detect_end(d, err);
}

void heal_detect_warn(struct heal_detect *d, enum heal_detect_warning w,
		      const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (d->warned[w] || !d->opt.warn)
		return;
	d->warned[w] = true;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	d->opt.warn(d->opt.emit_ctx, w, msg);
}

uint64_t heal_detect_records(const struct heal_detect *d)
{
	return d->nemitted;
}
