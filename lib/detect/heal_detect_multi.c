/*
 * What goes on over lines once something is open: the next steps of a
 * multi-line pattern (GitHub's "pattern" arrays, loops that write a record
 * a line), continuation lines of the open record (sources, carets, its
 * end), JSON documents printed over many lines, and completing or
 * dropping the open record.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "heal_buf.h"
#include "heal_detect.h"
#include "heal_detect_int.h"
#include "heal_text.h"

/*
 * Whether the lines of r, a multi-line match that failed after its second
 * line, are to be matched again (heal_detect_replay): its raw holds each
 * of them whole, once, and nothing else, and they are not a replay's.
 */
static bool replayable(const struct heal_detect *d, const struct rec *r,
		       unsigned passed)
{
	return !d->replaying && !r->emitted_each && !r->relayed &&
	       !r->truncated && r->off0 != SIZE_MAX && passed >= 2 &&
	       passed <= HEAL_DETECT_REPLAY_MAX && r->nraw == passed &&
	       r->raw.len < HEAL_DETECT_RAW_MAX && r->m >= d->ps->m &&
	       r->m < d->ps->m + d->ps->n;
}

/* Those lines, kept for heal_detect_replay. */
static void replay_keep(struct heal_detect *d, const struct rec *r)
{
	heal_buf_reset(&d->replay);
	heal_buf_put(&d->replay, r->raw.data, r->raw.len);
	d->replay_from = (size_t)(r->m - d->ps->m) + 1;
	d->replay_off = r->off0;
}

/* --- completing the open record ------------------------------------------- */

int heal_detect_close_rec(struct heal_detect *d, struct heal_error *err)
{
	struct rec *r = d->rec;

	d->rec = NULL;
	if (!r)
		return 0;
	if (r->emitted_each || (r->in_steps && r->step < r->m->nsteps)) {
		/* a loop that already wrote its records, or an unfinished
		 * multi-line match: nothing more to write */
		size_t k;
		bool rest_optional = true;

		for (k = r->step; k < r->m->nsteps; k++)
			if (!r->m->steps[k].optional)
				rest_optional = false;
		if (r->emitted_each || !rest_optional) {
			heal_detect_rec_free(r);
			return 0;
		}
	}
	return heal_detect_finish_rec(d, r, err);
}

/*
 * line[0, len) again (off: its prefix's length), whose multi-line match
 * failed before its last step: the matchers after the one at from - 1,
 * then those of a last resort.  1 when one took it, 0, or -1.
 */
static int retry_line(struct heal_detect *d, const char *line, size_t len,
		      size_t off, size_t from, bool failed_last,
		      struct heal_error *err)
{
	const char *raw = d->raw_line, *view = d->view;
	size_t rawn = d->raw_len, viewn = d->view_len, n = len - off;
	int rc = 0;

	if (n > sizeof(d->ljoin))
		n = sizeof(d->ljoin);
	memcpy(d->ljoin, line + off, n);
	/* seen as the first pass saw it (heal_detect_trim_end) */
	n = heal_detect_trim_end(d->ljoin, n);
	d->raw_line = line;
	d->raw_len = len;
	d->view = d->ljoin;
	d->view_len = n;
	/* the last line's literals went with it (prev_set) */
	d->ljoin_lits = line == d->prev ? d->prev_lits : HEAL_PF_IDS_UNKNOWN;
	/* as it came, then without a wrapper's marks (a quoted paste's
	 * "> ": the matcher that failed may have read it so) */
	if (!failed_last) {
		d->start_from = from;
		rc = heal_detect_try_start_bare(d, d->ljoin, n, err);
	}
	if (rc == 0 && d->ps->has_last) {
		d->start_from = failed_last ? from : 0;
		d->last_pass = true;
		rc = heal_detect_try_start_bare(d, d->ljoin, n, err);
		d->last_pass = false;
	}
	d->start_from = 0;
	d->ljoin_lits = HEAL_PF_IDS_UNKNOWN;
	/* the matcher before from failed on the last line: the next line
	 * does not make it that one's group's head (prev_step0) */
	if (line == d->prev && from)
		d->prev_failed = from;
	d->raw_line = raw;
	d->raw_len = rawn;
	d->view = view;
	d->view_len = viewn;
	return rc;
}

/*
 * The blank lines after a line given back (retry_line), to the match it
 * started: they were the failed match's.  1, or -1; d->retry_from is set
 * when that match failed on the first of them (heal_detect_steps_line),
 * as it would have on the line after its start.
 */
static int replay_blanks(struct heal_detect *d, unsigned n,
			 struct heal_error *err)
{
	const char *raw = d->raw_line, *view = d->view;
	size_t rawn = d->raw_len, viewn = d->view_len;
	unsigned k;
	int rc = 1;

	d->raw_line = d->view = "";
	d->raw_len = d->view_len = 0;
	for (k = 0; k < n && d->rec && d->rec->in_steps; k++) {
		rc = heal_detect_steps_line(d, "", 0, err);
		if (rc <= 0) {
			/* a match that a blank line ends or fails: as it
			 * would have on the line the first time (a start
			 * that passed over blank lines first is not given
			 * back again) */
			if (rc < 0 || d->retry_step0)
				d->retry_from = 0;
			d->retry_step0 = false;
			break;
		}
	}
	d->raw_line = raw;
	d->raw_len = rawn;
	d->view = view;
	d->view_len = viewn;
	return rc < 0 ? -1 : 1;
}

/*
 * The last line again, whose multi-line match the current line ended
 * before its last step (heal_detect_steps_line), or the first line of
 * that match when only blank lines came between (d->retry_step0).  Its
 * prefix and raw text are those kept of it (d->prev, d->step0); it has
 * no line before it to start a group with.
 */
int heal_detect_retry_prev(struct heal_detect *d, struct heal_error *err)
{
	size_t from = d->retry_from;
	bool claimed = d->prev_claimed, nb_claimed = d->prev_nb_claimed;
	/* the matcher that failed was a last resort: the normal matchers
	 * all passed the line over, and the last resorts before it too; else
	 * no last resort has seen the line yet.  Either way each retry of a
	 * line starts after the one before: it ends. */
	bool failed_last = d->ps->m[from - 1].last_resort;
	int rc;

	d->retry_from = 0;
	d->prev_claimed = true;
	if (d->retry_step0) {
		unsigned blanks = d->step0_blanks;

		/* the last line (a blank one) stays the last */
		d->retry_step0 = false;
		d->prev_nb_claimed = true;
		d->step0_again = true;
		for (;;) {
			rc = retry_line(d, d->step0, d->step0_len, d->step0_off,
					from, failed_last, err);
			if (rc > 0)
				rc = replay_blanks(d, blanks, err);
			if (rc <= 0 || !d->retry_from)
				break;
			/* the start it made failed on the first blank: the
			 * line goes on to the matchers after that one, as
			 * after a start that fails on its second line */
			from = d->retry_from;
			failed_last = d->ps->m[from - 1].last_resort;
			d->retry_from = 0;
		}
		d->step0_again = false;
		d->prev_claimed = claimed;
		d->prev_nb_claimed = nb_claimed;
		return rc < 0 ? -1 : 0;
	}
	rc = retry_line(d, d->prev, d->prev_len, d->prev_off, from, failed_last,
			err);
	/* a line whose matcher's steps failed is claimed only when the
	 * retry took it: a file-stack group's head may be such a line (solc's
	 * "Warning: ..." that terraform's matcher started on) */
	d->prev_claimed = claimed && (d->veto_given ? d->prev_claimed : rc > 0);
	d->veto_given = false;
	return rc < 0 ? -1 : 0;
}

int heal_detect_close_open(struct heal_detect *d, bool end,
			   struct heal_error *err)
{
	while (d->rec && d->rec->in_steps) {
		const struct heal_pattern_matcher *m = d->rec->m;
		size_t k;

		for (k = d->rec->step; k < m->nsteps; k++)
			if (!m->steps[k].optional)
				break;
		if (k == m->nsteps) {
			d->rec->in_steps = false;
			break;
		}
		if (!end)
			return 0;
		if (replayable(d, d->rec, d->rec->lines)) {
			/* further on: its lines are matched again */
			replay_keep(d, d->rec);
			heal_detect_rec_free(d->rec);
			d->rec = NULL;
			if (heal_detect_replay(d, NULL, 0, err) < 0)
				return -1;
			continue;
		}
		/* the input ended after the start's first line: that line
		 * goes to the matchers after it (heal_detect_retry_prev) */
		if (d->rec->emitted_each ||
		    d->rec->nraw != 1 + d->rec->skip_blank ||
		    d->rec->lines != 1 + d->rec->skip_blank || m < d->ps->m ||
		    m >= d->ps->m + d->ps->n)
			break;
		d->retry_from = (size_t)(m - d->ps->m) + 1;
		d->retry_step0 = d->rec->skip_blank > 0;
		d->step0_blanks = d->rec->skip_blank;
		heal_detect_rec_free(d->rec);
		d->rec = NULL;
		if (heal_detect_retry_prev(d, err) < 0)
			return -1;
	}
	return heal_detect_close_rec(d, err);
}

/* --- multi-line patterns -------------------------------------------------- */

/* A last-step loop of GitHub's kind: one record per matching line. */
int heal_detect_emit_each(struct heal_detect *d, struct rec *r,
			  struct heal_pattern_step *st, struct heal_error *err)
{
	struct rec *c = heal_detect_rec_clone(d, r);
	const char *s;
	size_t n;

	/* a row's own message wins over one the group's lines gave (the
	 * head of a list that is a record only when no row follows) */
	if (heal_pattern_get(&st->re, HEAL_PF_MESSAGE, &s, &n) && n)
		c->f[HEAL_PF_MESSAGE] = NULL;	/* the record's memory keeps it */
	/* raw: the group's lines before the loop (r's, which the loop's
	 * lines do not join) and this line, not the records before it */
	heal_detect_capture(d, c, &st->re, st->frame ? st : NULL, false);
	heal_buf_reset(&c->raw);
	heal_detect_raw_add(c, r->raw.data ? r->raw.data : "", r->raw.len);
	heal_detect_raw_line(d, c);
	r->emitted_each = true;
	return heal_detect_finish_rec(d, c, err);
}

bool heal_detect_spacer(const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	for (k = i; k < n && k - i < 7 && s[k] >= '0' && s[k] <= '9'; k++)
		;
	return heal_detect_blank(s + k, n - k);
}

/*
 * Whether the line being matched, as read, is in a double-spaced paste (a
 * blank line after each line: a web page's paragraphs; or a web log
 * viewer's line number on a line of its own before each): it and the
 * lines around it, as far as the buffer holds them, alternate, a line and
 * a spacer (heal_detect_spacer), for three lines.
 */
bool heal_detect_double_spaced(const struct heal_detect *d)
{
	const char *b = d->buf, *end = d->buf + d->end, *cur = d->buf + d->start;
	const char *s = cur, *e, *nl;
	unsigned n = 0;
	bool text, text0;

	if (d->raw_line != cur || !(nl = memchr(cur, '\n', (size_t)(end - cur))))
		return false;
	text = text0 = !heal_detect_spacer(cur, (size_t)(nl - cur));
	/* the lines before it */
	for (;;) {
		n += text;
		if (n == 3)
			return true;
		text = !text;
		if (s <= b || s[-1] != '\n')
			break;
		e = s - 1;
		for (s = e; s > b && s[-1] != '\n'; s--)
			;
		if ((s == b && d->base) ||	/* (the buffer's first line: a part) */
		    heal_detect_spacer(s, (size_t)(e - s)) == text)
			break;
	}
	/* the lines after it, whole */
	text = text0;
	s = nl + 1;
	for (;;) {
		text = !text;
		if (s >= end || !(e = memchr(s, '\n', (size_t)(end - s))) ||
		    heal_detect_spacer(s, (size_t)(e - s)) == text)
			return false;
		n += text;
		if (n == 3)
			return true;
		s = e + 1;
	}
}

/* A blank line a step passes over: right after the start, the start's
 * line is kept to be given back if the next step fails. */
static void blank_after_start(struct heal_detect *d, struct rec *r)
{
	if (r->nraw != 1 + r->skip_blank)
		return;
	/* (a start the line in step0 made again, its blanks replayed: that
	 * line stays) */
	if (r->skip_blank == 0 && !d->step0_again) {
		memcpy(d->step0, d->prev, d->prev_len);
		d->step0_len = d->prev_len;
		d->step0_off = d->prev_off;
		d->step0_claimed = d->prev_claimed;
	}
	r->skip_blank++;
}

/*
 * A line in the steps of the open record r, seen as line[0, len): 1 taken,
 * -1 error, 0 neither a step, the last step's loop, nor its skip took it.
 */
static int steps_try(struct heal_detect *d, struct rec *r, const char *line,
		     size_t len, struct heal_error *err)
{
	const struct heal_pattern_matcher *m = r->m;
	struct heal_pattern_step *steps = m->steps;
	size_t off = heal_detect_strip_off(m, line, len), k;
	const char *v = line + off;
	size_t vn = len - off;

	for (k = r->step; k < m->nsteps; k++) {
		if (heal_detect_re_match(&steps[k].re, v, vn)) {
			if (steps[k].loop && !steps[k].collect && k + 1 == m->nsteps) {
				r->step = k + 1;
				r->lines = 0;
				return heal_detect_emit_each(d, r, &steps[k], err) < 0 ? -1 : 1;
			}
			heal_detect_raw_line(d, r);
			heal_detect_capture(d, r, &steps[k].re,
					    steps[k].frame ? &steps[k] : NULL, false);
			r->step = k + 1;
			if (r->step == m->nsteps && !steps[k].loop) {
				r->in_steps = false;
				r->ncont = 0;
			}
			return 1;
		}
		if (!steps[k].optional)
			break;
	}
	if (r->step > 0) {
		struct heal_pattern_step *prev = &steps[r->step - 1];

		if (prev->loop && heal_detect_re_match(&prev->re, v, vn)) {
			if (!prev->collect && r->step == m->nsteps) {
				r->lines = 0;
				return heal_detect_emit_each(d, r, prev, err) < 0 ? -1 : 1;
			}
			heal_detect_raw_line(d, r);
			heal_detect_capture(d, r, &prev->re, prev->frame ? prev : NULL,
					    false);
			return 1;
		}
		if (prev->skip && heal_regex_match(prev->skip, v, vn, 0) == 1) {
			/* blank lines right after the start: its first line is
			 * kept to be given back if the next step fails */
			if (heal_detect_blank(v, vn))
				blank_after_start(d, r);
			heal_detect_raw_line(d, r);
			return 1;
		}
		/* a blank line between a group's rows (a double-spaced
		 * paste; after the last row, the next group's head ends it) */
		if (vn == 0 && prev->loop && !prev->collect && r->step == m->nsteps)
			return 1;
	}
	return 0;
}

/* Whether a line is only a paste's elision mark: "...", "…", "[...]",
 * "(...)", "<snip>", "[snip]", blanks around it; or a Markdown code
 * fence ("```", "```ruby") a paste put inside a tool's block. */
static bool elision(const char *line, size_t len)
{
	static const char *const marks[] = { "...", "\xe2\x80\xa6", "[...]", "(...)",
					     "[\xe2\x80\xa6]", "<snip>", "[snip]", "<snipped>",
					     "[snipped]" };
	size_t i;

	while (len && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	if (len >= 3 && memcmp(line, "```", 3) == 0) {
		for (i = 3; i < len && (isalnum((unsigned char)line[i]) || line[i] == '-' ||
					line[i] == '+' || line[i] == '_'); i++)
			;
		return i == len;
	}
	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strlen(marks[i]) == len && memcmp(marks[i], line, len) == 0)
			return true;
	return false;
}

/* The length of a task runner's tag at line's start (a line of the tag
 * alone too), or 0. */
static size_t tag_len(struct heal_detect *d, const char *line, size_t len)
{
	size_t n;

	if (len < 2 || len + 1 > d->max_line || !memchr(line, ':', len))
		return 0;
	if (line[len - 1] != ':' || memchr(line, ' ', len))
		return heal_detect_runner_tag(line, len, 0);
	memcpy(d->annot, line, len);
	d->annot[len] = ' ';
	n = heal_detect_runner_tag(d->annot, len + 1, 0);
	return n == len + 1 ? len : 0;
}

/*
 * The line continues a multi-line match.  1: consumed; 0: not, the record
 * is complete or abandoned and the line must be looked at afresh.
 */
int heal_detect_steps_line(struct heal_detect *d, const char *line, size_t len,
			   struct heal_error *err)
{
	struct rec *r = d->rec;
	const struct heal_pattern_matcher *m = r->m;
	struct heal_pattern_step *steps = m->steps;
	const char *u;
	size_t un, k;
	int rc, how;

	if (++r->lines > m->max_lines) {
		/* a loop that writes a record a line is reset by each (a file
		 * of eslint's stylish format may list thousands) */
		if (!d->warned[HEAL_DETECT_WARN_MAX_LINES]) {
			char *o = heal_text_escape_dup(m->owner ? m->owner : "?",
						       m->owner ? strlen(m->owner) : 1);

			heal_detect_warn(d, HEAL_DETECT_WARN_MAX_LINES,
					 "a multi-line match of '%s' spanned more than "
					 "%u lines (its max_lines): abandoned", o,
					 m->max_lines);
			free(o);
		}
		heal_detect_rec_free(r);
		d->rec = NULL;
		return 0;
	}
	/* a pasted block's lines without the wrapper of its first line,
	 * then as they came */
	for (how = 0; how < 2; how++) {
		u = line;
		un = len;
		if (heal_detect_unwrap(r, how, &u, &un) &&
		    (rc = steps_try(d, r, u, un, err)) != 0)
			return rc;
	}
	if ((rc = steps_try(d, r, line, len, err)) != 0)
		return rc;
	/* a task runner's tag its first line did not have (turbo's
	 * "web:test: " on the lines after a header it printed bare; alone,
	 * its blank cut: a blank line) */
	if ((un = tag_len(d, line, len)) > 0 &&
	    (rc = steps_try(d, r, line + un, len - un, err)) != 0)
		return rc;
	/* a paste's elision ("...", "[...]", "<snip>") stands for lines the
	 * user cut out of the block, a Markdown fence inside it for nothing
	 * (the matchers see it as a blank line: heal_detect_trim_end): passed
	 * over */
	if (elision(line, len) ||
	    (len == 0 && d->raw_line && line >= d->raw_line &&
	     line < d->raw_line + d->raw_len &&
	     elision(line, (size_t)(d->raw_line + d->raw_len - line))))
		return 1;
	/* the pattern ends here: complete when what is left is optional */
	for (k = r->step; k < m->nsteps; k++)
		if (!steps[k].optional)
			break;
	/* a double-spaced paste's blank line (or line number) before a step
	 * that must come, or among a loop's rows */
	if ((k < m->nsteps || (r->step > 0 && steps[r->step - 1].loop)) &&
	    heal_detect_spacer(line, len) && heal_detect_double_spaced(d)) {
		blank_after_start(d, r);
		heal_detect_raw_line(d, r);
		return 1;
	}
	if (k < m->nsteps || r->emitted_each) {
		/* a start whose next step failed on its second line: its
		 * first line goes to the matchers after it (a "Error: x"
		 * that no "at" line follows is another tool's error) */
		if (!r->emitted_each && r->nraw == 1 + r->skip_blank &&
		    r->lines == 2 + r->skip_blank && m >= d->ps->m &&
		    m < d->ps->m + d->ps->n) {
			d->retry_from = (size_t)(m - d->ps->m) + 1;
			/* after blank lines: the first line, not the last */
			d->retry_step0 = r->skip_blank > 0;
			d->step0_blanks = r->skip_blank;
		} else if (replayable(d, r, r->lines - 1)) {
			/* one that failed further on: the lines it passed
			 * over are matched again (the first from the
			 * matchers after it), before this one */
			replay_keep(d, r);
		}
		heal_detect_rec_free(r);
		d->rec = NULL;
		return 0;
	}
	r->in_steps = false;
	r->ncont = 0;
	return 0;
}

/* --- continuation lines --------------------------------------------------- */

static void note_style(struct rec *r, const char *line, size_t len)
{
	size_t i = 0;
	bool caret = false;

	while (i < len && line[i] == ' ')
		i++;
	while (i < len && line[i] >= '0' && line[i] <= '9')
		i++;
	if (i + 1 < len && line[i] == ' ' && line[i + 1] == '|') {
		r->pipe_style = true;
		return;
	}
	if (i < len && line[i] == '|') {
		r->pipe_style = true;
		return;
	}
	for (i = 0; i < len; i++) {
		if (line[i] == '^')
			caret = true;
		else if (line[i] != ' ' && line[i] != '~' && line[i] != '\t')
			return;
	}
	if (caret)
		r->caret_style = true;
}

/* A continuation line of the open record r, seen as line[0, len): 2 its
 * end, 1 taken, 0 not. */
static int cont_try(struct heal_detect *d, struct rec *r, const char *line,
		    size_t len)
{
	const struct heal_pattern_matcher *m = r->m;
	size_t off = heal_detect_strip_off(m, line, len), k;
	const char *v = line + off;
	size_t vn = len - off;

	if (m->end && heal_regex_match(m->end, v, vn, 0) == 1) {
		heal_detect_raw_line(d, r);
		return 2;
	}
	if (r->ncont >= m->cont_max)
		return 0;
	for (k = 0; k < m->ncont; k++) {
		int after = m->cont_after ? m->cont_after[k] : HEAL_CONT_ANY;

		/* "first": the line right after the record's own; "after": the
		 * line right after one continuation k took */
		if (after == HEAL_CONT_FIRST && r->ncont != 0)
			continue;
		if (after >= 0 && (r->cont_k != after || r->cont_at != r->nraw))
			continue;
		if (heal_detect_re_match(&m->cont[k], v, vn)) {
			heal_detect_raw_line(d, r);
			heal_detect_capture(d, r, &m->cont[k], NULL, true);
			r->cont_k = (int)k;
			r->cont_at = r->nraw;
			r->ncont++;
			if (m->family && streq(m->family, "gcc"))
				note_style(r, v, vn);
			return 1;
		}
	}
	return 0;
}

/* The open record may take the line as a continuation.  2: its end, 1:
 * taken. */
int heal_detect_cont_line(struct heal_detect *d, const char *line, size_t len)
{
	struct rec *r = d->rec;
	const char *u;
	size_t un;
	int rc, how;

	/* as a step's line: without the first line's wrapper first */
	for (how = 0; how < 2; how++) {
		u = line;
		un = len;
		if (heal_detect_unwrap(r, how, &u, &un) &&
		    (rc = cont_try(d, r, u, un)) != 0)
			return rc;
	}
	return cont_try(d, r, line, len);
}

/* --- JSON blocks ---------------------------------------------------------- */

static void block_scan(struct json_block *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (b->in_string) {
			if (b->escape)
				b->escape = false;
			else if (c == '\\')
				b->escape = true;
			else if (c == '"')
				b->in_string = false;
		} else if (c == '"') {
			b->in_string = true;
		} else if (c == '{' || c == '[') {
			b->depth++;
		} else if (c == '}' || c == ']') {
			b->depth--;
		}
	}
}

void heal_detect_block_start(struct heal_detect *d,
			     const struct heal_pattern_matcher *m,
			     const char *line, size_t len)
{
	struct json_block *b = &d->block;

	b->active = true;
	b->m = m;
	heal_buf_init(&b->buf, HEAL_DETECT_BLOCK_MAX);
	b->depth = 0;
	b->in_string = b->escape = false;
	heal_buf_put(&b->buf, "{\n", 2);
	block_scan(b, "{", 1);
	heal_buf_put(&b->buf, line, len);
	heal_buf_putc(&b->buf, '\n');
	block_scan(b, line, len);
}

int heal_detect_block_line(struct heal_detect *d, const char *line, size_t len,
			   struct heal_error *err)
{
	struct json_block *b = &d->block;
	int rc = 0;

	if (heal_buf_add(&b->buf, line, len, NULL) < 0 ||
	    heal_buf_addc(&b->buf, '\n', NULL) < 0) {
		/* over the cap: not decoded */
		b->active = false;
		heal_buf_release(&b->buf);
		return 0;
	}
	block_scan(b, line, len);
	if (b->depth > 0)
		return 0;
	b->active = false;
	rc = heal_detect_decode(d, b->m, b->buf.data, b->buf.len, err);
	heal_buf_release(&b->buf);
	return rc < 0 ? -1 : 0;
}
