/*
 * The matchers: a line that may start something is tried against every
 * matcher whose literals it holds (the prefilter's bits), in the pattern
 * set's order, and the first that matches acts by its role: a record
 * opens, a note or fix-it joins the open record, context waits for the
 * next record (or sticks until replaced), make's directory changes, a
 * decoder reads the line as JSON, or the line is ignored.
 */
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_detect.h"
#include "heal_detect_int.h"
#include "heal_text.h"

/* Where the matcher's view of a line starts (after its "strip"). */
size_t heal_detect_strip_off(const struct heal_pattern_matcher *m, const char *line,
			     size_t len)
{
	const char *s;
	size_t n;

	if (!m->strip || heal_regex_match(m->strip, line, len, 0) != 1 ||
	    !heal_regex_group(m->strip, 0, &s, &n) || s != line)
		return 0;
	return n;
}

/* Patterns see at most the first HEAL_DETECT_MATCH_MAX bytes of a line. */
bool heal_detect_re_match(struct heal_pattern_re *re, const char *s, size_t n)
{
	return heal_pattern_re_match(re, s, n > HEAL_DETECT_MATCH_MAX ?
					    HEAL_DETECT_MATCH_MAX : n);
}

static bool severity_is_note(const struct heal_pattern_matcher *m,
			     const struct heal_pattern_re *re)
{
	const char *s;
	size_t n, i;

	if (!heal_pattern_get(re, HEAL_PF_SEVERITY, &s, &n))
		return m->severity && streq(m->severity, "note");
	for (i = 0; i < m->nsev; i++)
		if (strlen(m->sev_from[i]) == n && memcmp(m->sev_from[i], s, n) == 0)
			return streq(m->sev_to[i], "note");
	return n == 4 && memcmp(s, "note", 4) == 0;
}

/* --- context for the next record ------------------------------------------ */

void heal_detect_ctx_clear(struct pending_ctx *c)
{
	size_t i;

	for (i = 0; i < HEAL_PF_COUNT; i++) {
		free(c->f[i]);
		c->f[i] = NULL;
	}
	heal_buf_reset(&c->raw);
	c->set = false;
	c->age = 0;
}

static void sticky_set(struct heal_detect *d, const struct heal_pattern_matcher *m,
		       const struct heal_pattern_re *re)
{
	struct sticky_ctx *s;
	const char *v;
	size_t i, n;

	if (!d->sticky)
		d->sticky = heal_calloc(d->ps->nfiles + 1, sizeof(*d->sticky));
	s = &d->sticky[m->set_index];
	/* a new task or play forgets the location of the last one */
	if (heal_pattern_get(re, HEAL_PF_FUNCTION, &v, &n))
		heal_detect_sticky_clear(d, m->set_index);
	/* a block's head: its fields hold while its lines are claimed */
	if (m->expire) {
		d->sticky_exp = m->set_index + 1;
		d->sticky_age = 0;
		d->sticky_expire = m->expire;
	}
	for (i = 0; i < HEAL_PF_COUNT; i++)
		if (heal_pattern_get(re, (enum heal_pfield)i, &v, &n) && n) {
			free(s->f[i]);
			s->f[i] = heal_strndup(v, n);
		}
	s->set = true;
}

static void ctx_add(struct heal_detect *d, const struct heal_pattern_matcher *m,
		    const struct heal_pattern_re *re, const char *line, size_t len)
{
	struct pending_ctx *c = &d->ctx;
	const char *v;
	size_t i, n;

	if (m->sticky) {
		sticky_set(d, m, re);
		return;
	}
	if (c->set && c->set_index != m->set_index)
		heal_detect_ctx_clear(c);
	c->set = true;
	c->set_index = m->set_index;
	c->age = 0;
	c->expire = m->expire;
	for (i = 0; i < HEAL_PF_COUNT; i++)
		if (heal_pattern_get(re, (enum heal_pfield)i, &v, &n) && n) {
			free(c->f[i]);
			c->f[i] = heal_strndup(v, n);
		}
	if (c->raw.len + len + 1 < HEAL_DETECT_RAW_MAX / 2) {
		if (c->raw.len)
			heal_buf_putc(&c->raw, '\n');
		heal_buf_put(&c->raw, line, len);
	}
}

/* A new record takes the pending context of its pattern file. */
static void ctx_apply(struct heal_detect *d, struct rec *r)
{
	struct pending_ctx *c = &d->ctx;
	size_t i;

	if (!c->set || c->set_index != r->m->set_index)
		return;
	for (i = 0; i < HEAL_PF_COUNT; i++)
		if (c->f[i] && i == HEAL_PF_DETAIL) {
			if (!r->detail.len)
				heal_detect_detail_add(r, c->f[i], strlen(c->f[i]));
		} else if (c->f[i] && !r->f[i] && i != HEAL_PF_FILE &&
			   i != HEAL_PF_LINE && i != HEAL_PF_COLUMN &&
			   i != HEAL_PF_TEXT) {
			heal_detect_rec_sets(r, (enum heal_pfield)i, c->f[i]);
		}
	if (c->raw.len)
		heal_detect_raw_add(r, c->raw.data, c->raw.len);
	heal_detect_ctx_clear(c);
}

/* --- a line that may start something -------------------------------------- */

/*
 * Whether m's first step matched the line before (not taken by anything)
 * and its second step this line, v: a group whose head line has no
 * literal.  The first step's groups are then those of the line before;
 * *head, *headn: that line, with its prefix.  The line before a single
 * blank line stands for it (a double-spaced paste).
 */
static bool prev_step0(struct heal_detect *d, struct heal_pattern_matcher *m,
		       const char *v, size_t vn, const char **head, size_t *headn,
		       bool *drop)
{
	const char *p = d->prev + d->prev_off;
	size_t pn = d->prev_len - d->prev_off, off;
	bool claimed = d->prev_claimed;
	/* the line before taken only by a last resort, its record still open
	 * and of that line alone (another tool's "error: x" read as the
	 * generic error line): the group's head wins, the record goes */
	bool last = claimed && d->rec && d->rec->m->last_resort &&
		    !d->rec->in_steps && d->rec->nraw == 1;

	*head = d->prev;
	*headn = d->prev_len;
	if (d->prev_nb_len && heal_detect_blank(p, pn)) {
		p = d->prev_nb + d->prev_nb_off;
		pn = d->prev_nb_len - d->prev_nb_off;
		claimed = d->prev_nb_claimed;
		last = false;
		*head = d->prev_nb;
		*headn = d->prev_nb_len;
	} else if (d->prev_failed == (size_t)(m - d->ps->m) + 1) {
		/* the matcher that failed on the line (the line's retry, a
		 * last resort's record of it, would go round again) */
		return false;
	}
	/* the line matched without a wrapper: its head loses the wrapper's
	 * marks too (a quoted group's "> /a/x.js") */
	if (d->wrap_used) {
		size_t w = heal_detect_wrapper_len(p, pn);

		w = w < d->wrap_used ? w : d->wrap_used;
		p += w;
		pn -= w;
	}
	*drop = false;
	if ((claimed && !last) || pn == 0 || (d->rec && !last) ||
	    !heal_detect_re_match(&m->steps[1].re, v, vn))
		return false;
	off = heal_detect_strip_off(m, p, pn);
	if (!heal_detect_re_match(&m->steps[0].re, p + off, pn - off))
		return false;
	*drop = last;
	return true;
}

/*
 * Whether relay r may relay line s (its view may begin after a prefix): a
 * literal of it in the line, unless the literal's one place is the line's
 * start (past its indentation) and r's regexp, which picks the words it
 * relays, fails on the line (heal_detect.c's relay_len: "warning: x" is
 * no cargo build script's "warning: crate@1.0: x").
 */
static bool relayed(struct heal_pattern_matcher *r, const char *s,
		    size_t len)
{
	size_t k, b = 0, tn;
	const char *t;

	while (b < len && (s[b] == ' ' || s[b] == '\t'))
		b++;
	for (k = 0; k < r->nliterals; k++) {
		if (!r->literals[k][0] ||
		    !(t = heal_text_find(s, len, r->literals[k],
					 tn = strlen(r->literals[k]))))
			continue;
		if ((size_t)(t - s) != b || !r->compiled || r->strip ||
		    r->steps[0].re.group[HEAL_PF_TEXT] < 0 ||
		    heal_text_find(t + 1, len - b - 1, r->literals[k], tn) ||
		    heal_pattern_re_match(&r->steps[0].re, s, len))
			return true;
	}
	return false;
}

/*
 * The line after the one being matched, as read (*q, *n), when it is whole
 * in the buffer and nothing done to a line before its views are matched
 * can make bytes its raw text lacks (escapes, a Windows console's arrows,
 * another charset, a Markdown link, logfmt's quotes, a place joined to
 * this line), pass it over (a paste's elision) or relay it: printable
 * ASCII without those marks.
 */
static bool next_line(const struct heal_detect *d, const char **q, size_t *n)
{
	const struct heal_pattern_set *ps = d->ps;
	const char *p = d->buf + d->start, *e = d->buf + d->end, *s, *nl;
	size_t i, len;

	if (d->raw_line != p || d->raw_len > PREV_MAX_INT)
		return false;
	s = p + d->raw_len;
	if (s < e && *s == '\r')
		s++;
	if (s >= e || *s != '\n')
		return false;
	s++;
	if (!(nl = memchr(s, '\n', (size_t)(e - s))))
		return false;
	len = (size_t)(nl - s);
	if (len && s[len - 1] == '\r')
		len--;
	if (len > HEAL_DETECT_MATCH_MAX || len > d->max_line)
		return false;
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') ||
		    (unsigned char)s[i] >= 0x7f)
			return false;
	if ((len && (s[0] == ':' || s[0] == '(')) ||
	    heal_text_contains(s, len, "](", 2) ||
	    heal_text_contains(s, len, "msg=\"", 5) ||
	    heal_text_contains(s, len, "...", 3) ||
	    heal_text_contains(s, len, "```", 3) ||
	    heal_text_contains(s, len, "snip", 4))
		return false;
	for (i = 0; i < ps->nrelays; i++)
		if (relayed(&ps->m[ps->relays[i]], s, len))
			return false;
	*q = s;
	*n = len;
	return true;
}

/*
 * A start on a line's first step alone, whose second step the next line
 * cannot match, would fail there: the line would then go to the matchers
 * after it, as the line before (heal_detect_retry_prev).  That is done at
 * once instead, as it would be then.  On the line's main try (top: the
 * start is given back there, and the try goes on from the next matcher
 * with the line as the retry sees it, then the rest of the retry,
 * given_rest) and within the retries that one makes (the line after is
 * known, d->veto_next: given back by a retry of its own).  Not in a
 * relay's, a replay's or a translation's try, and not when the start would
 * have taken a pending context or a sticky one would age.
 */
struct given {
	bool top;                     /* the line's main try */
	bool next_known;              /* next, n: the line after, when */
	bool next_ok;                 /* known to be one it may be read on */
	size_t from;                  /* 1 + the last matcher given back */
	size_t len;                   /* the line's length (in d->ljoin) */
};

/* Whether m's start on the line is given back (its second step needs what
 * the next line lacks). */
static bool give_back(struct heal_detect *d, const struct heal_pattern_matcher *m,
		      struct given *g)
{
	if (d->replaying || d->relay_pass || d->line_truncated ||
	    d->line_charset || d->line_locale ||
	    (d->ctx.set && d->ctx.set_index == m->set_index))
		return false;
	if (g->top && !g->from) {
		if (d->last_pass || d->wrap_used || d->start_from || d->sticky_exp ||
		    d->view_len > PREV_MAX_INT)
			return false;
		if (!g->next_known) {
			g->next_known = true;
			g->next_ok = next_line(d, &d->veto_next, &d->veto_next_len);
			if (!g->next_ok)
				d->veto_next = NULL;
		}
		if (!g->next_ok)
			return false;
	} else if (!d->veto_next) {
		return false;
	}
	/* (in a double-spaced paste the step after the spacer decides) */
	if (heal_detect_spacer(d->veto_next, d->veto_next_len) &&
	    heal_detect_double_spaced(d))
		return false;
	return !heal_regex_need_met(m->next_need, d->veto_next, d->veto_next_len);
}

/*
 * The rest of the retry a line's main try went on as, after the matchers
 * (retry_line): without a wrapper's marks, without a Markdown paste's,
 * then the last resorts.  The line is in d->ljoin, as d->view.
 */
static int given_rest(struct heal_detect *d, const char *line, size_t len,
		      size_t from, struct heal_error *err)
{
	size_t w;
	int rc = 0;

	d->start_from = from;
	if ((w = heal_detect_wrapper_len(line, len)) > 0) {
		d->wrap_used = w;
		rc = heal_detect_try_start(d, line + w, len - w, err);
		d->wrap_used = 0;
	}
	if (rc == 0)
		rc = heal_detect_try_unmarked(d, line, len, err);
	if (rc == 0 && d->ps->has_last) {
		d->start_from = 0;
		d->last_pass = true;
		rc = heal_detect_try_start_bare(d, line, len, err);
		d->last_pass = false;
	}
	d->start_from = 0;
	return rc;
}

/*
 * Every matcher on a line that may start something (g: what was given
 * back, heal_detect_try_start).  1: handled; 0: no matcher took it; -1:
 * error.
 */
static int start_loop(struct heal_detect *d, const char *line, size_t len,
		      struct given *g, struct heal_error *err)
{
	const struct heal_pattern_set *ps = d->ps;
	size_t i, k, headn = 0;
	bool bits = !ps->pf.all, from_prev, drop = false;
	const char *head = NULL;

	if (bits) {
		/* one pass finds every literal in the line, and so the
		 * matchers to try; a line of the input the scan found (or did
		 * not find) literals in (heal_detect_scan.c) needs no pass, nor
		 * what it prefixes: the literals of a part are among them */
		bool raw = line >= d->buf + d->start && line <= d->buf + d->end;
		/* the last line again (heal_detect_retry_prev, from its copy
		 * in ljoin): its literals went with it when it was the
		 * input's text */
		bool prev = line >= d->ljoin && line <= d->ljoin + sizeof(d->ljoin) &&
			    d->ljoin_lits != HEAL_PF_IDS_UNKNOWN;

		memset(d->mbits, 0, ps->pf.mwords * sizeof(uint64_t));
		if (raw && d->line_lits != HEAL_PF_IDS_UNKNOWN)
			heal_prefilter_ids_matchers(&ps->pf, d->line_lits, d->mbits);
		else if (prev)
			heal_prefilter_ids_matchers(&ps->pf, d->ljoin_lits, d->mbits);
		else if (d->line_hit || !raw)
			heal_prefilter_matchers(&ps->pf, line, len, d->litbits,
						d->mbits);
		/* and those without literals, on every line */
		for (i = 0; ps->pf.nfree && i < ps->pf.mwords; i++)
			d->mbits[i] |= ps->pf.free_matchers[i];
	}
	for (i = d->start_from; i < ps->n; i++) {
		struct heal_pattern_matcher *m = &ps->m[i];
		size_t off;
		const char *v;
		size_t vn;
		struct rec *r;

		if (bits) {
			uint64_t w = d->mbits[i / 64] >> (i % 64);

			if (!w) {
				/* no candidate before the next word */
				i |= 63;
				continue;
			}
			if (!(w & 1)) {
				i += (size_t)__builtin_ctzll(w) - 1;
				continue;
			}
		} else if (!heal_pattern_literal_hit(m, line, len)) {
			continue;
		}
		if (m->last_resort != d->last_pass ||
		    (d->relay_pass && m->set_index == d->relay_set))
			continue;
		/* a matcher loaded lazily is compiled when a line may start it */
		if (!m->compiled && heal_pattern_matcher_compile(ps, m, err) < 0)
			return -1;
		/* what a relay relays: a record complete on its line (a
		 * compiler's; the steps of a block or a stack would take the
		 * relay's own lines) */
		if (d->relay_pass && m->nsteps > 1)
			continue;
		off = heal_detect_strip_off(m, line, len);
		v = line + off;
		vn = len - off;
		for (k = 0; k < m->nsteps; k++) {
			if (heal_detect_re_match(&m->steps[k].re, v, vn))
				break;
			if (!m->steps[k].optional) {
				k = m->nsteps;
				break;
			}
		}
		from_prev = false;
		if (k == m->nsteps && m->nsteps >= 2 && !m->steps[0].optional &&
		    m->role == HEAL_ROLE_RECORD && !m->decode &&
		    prev_step0(d, m, v, vn, &head, &headn, &drop)) {
			/* a file-stack group: the file's line (no literal: the
			 * prefilter jumped over it) was the line before */
			from_prev = true;
			k = 1;
		}
		if (k == m->nsteps)
			continue;
		if (m->nknown) {
			/* a message that must be one the catalogs hold */
			const char *km;
			size_t kl;

			if (!heal_pattern_get(&m->steps[k].re, HEAL_PF_MESSAGE, &km, &kl) ||
			    !heal_detect_known(d, m, km, kl))
				continue;
		}
		if (vn > 2 && (v[0] == '>' || v[0] == '|') && v[1] == ' ') {
			/* a message that would begin with a quote's mark (">
			 * Can't locate X in @INC ... at f line 7."): the quoted
			 * line is matched once more without it */
			const char *km;
			size_t kl;

			if (heal_pattern_get(&m->steps[k].re, HEAL_PF_MESSAGE, &km, &kl) &&
			    km == v)
				continue;
		}
		if (d->sticky_exp == m->set_index + 1)
			d->sticky_age = 0;
		if (m->block) {
			/* a JSON document: its "{" is the line before */
			const char *pv = d->prev + d->prev_off;
			size_t pn = d->prev_len - d->prev_off;

			if (!(pn >= 1 && pv[0] == '{' &&
			      (pn == 1 || pv[1] == ' ' || pv[1] == '\r')))
				continue;
			if (heal_detect_close_rec(d, err) < 0)
				return -1;
			heal_detect_block_start(d, m, line, len);
			return 1;
		}
		if (m->decode) {
			int rc;
			const char *s = v;
			size_t n = vn;

			if (heal_pattern_get(&m->steps[k].re, HEAL_PF_TEXT, &s, &n)) {
				/* decode just the captured text */
			}
			if (heal_detect_close_rec(d, err) < 0)
				return -1;
			rc = heal_detect_decode(d, m, s, n, err);
			if (rc < 0)
				return -1;
			if (rc == 0)
				continue;
			return 1;
		}
		switch (m->role) {
		case HEAL_ROLE_IGNORE:
			if (heal_detect_close_rec(d, err) < 0)
				return -1;
			return 1;
		case HEAL_ROLE_ENTER_DIR:
		case HEAL_ROLE_LEAVE_DIR:
		case HEAL_ROLE_SET_DIR: {
			const char *s;
			size_t n;

			if (heal_detect_close_rec(d, err) < 0)
				return -1;
			if (m->role == HEAL_ROLE_LEAVE_DIR)
				heal_detect_dir_leave(d);
			else if (heal_pattern_get(&m->steps[k].re, HEAL_PF_DIR, &s, &n))
				heal_detect_dir_enter(d, s, n,
						      m->role == HEAL_ROLE_SET_DIR);
			return 1;
		}
		case HEAL_ROLE_CONTEXT:
			ctx_add(d, m, &m->steps[k].re, d->raw_line, d->raw_len);
			return 1;
		case HEAL_ROLE_NOTE:
		case HEAL_ROLE_FIXIT:
			if (d->rec && !d->rec->in_steps &&
			    d->rec->m->set_index == m->set_index) {
				if (d->ctx.set && d->ctx.set_index == m->set_index) {
					heal_detect_raw_add(d->rec, d->ctx.raw.data ? d->ctx.raw.data : "",
							    d->ctx.raw.len);
					heal_detect_ctx_clear(&d->ctx);
				}
				heal_detect_raw_line(d, d->rec);
				if (m->role == HEAL_ROLE_NOTE)
					heal_detect_attach_note(d, d->rec, &m->steps[k].re);
				else
					heal_detect_attach_fixit(d, d->rec, &m->steps[k].re, m->unit);
				d->rec->ncont = 0;
			}
			return 1;
		case HEAL_ROLE_RECORD:
			break;
		}
		if (m->attach_notes && severity_is_note(m, &m->steps[k].re)) {
			struct rec *o = d->rec;

			if (o && !o->in_steps && o->m->set_index == m->set_index) {
				if (d->ctx.set && d->ctx.set_index == m->set_index) {
					heal_detect_raw_add(o, d->ctx.raw.data ? d->ctx.raw.data : "",
							    d->ctx.raw.len);
					heal_detect_ctx_clear(&d->ctx);
				}
				heal_detect_raw_line(d, o);
				heal_detect_attach_note(d, o, &m->steps[k].re);
				o->ncont = 0;
			} else {
				heal_detect_ctx_clear(&d->ctx);
			}
			return 1;
		}
		if (m->prev_line && d->rec && d->rec->m->recipe_line &&
		    !d->rec->in_steps && d->rec->nraw == 1 && d->prev_claimed) {
			/* a failed command's one line (cp's, a make recipe's)
			 * right before make's "Error" line: the make record's
			 * line before, as when no matcher knew the command */
			heal_detect_rec_free(d->rec);
			d->rec = NULL;
			d->prev_claimed = false;
		}
		if (k == 0 && !from_prev && m->next_need && give_back(d, m, g)) {
			if (heal_detect_close_rec(d, err) < 0)
				return -1;
			if (!g->top) {
				/* within a retry: one of its own */
				d->retry_from = i + 1;
				d->retry_step0 = false;
				if (heal_detect_retry_prev(d, err) < 0)
					return -1;
				d->veto_given = true;
				return 1;
			}
			if (!g->from) {
				/* the line as the retry sees it: the last line,
				 * taken, its copy the view */
				heal_detect_prev_keep(d, d->veto_pfx);
				memcpy(d->ljoin, line, len);
				line = d->ljoin;
				d->raw_line = d->prev;
				d->raw_len = d->prev_len;
				d->view = d->ljoin;
				d->view_len = len;
				d->ljoin_lits = d->prev_lits;
				g->len = len;
			}
			g->from = i + 1;
			continue;
		}
		if (from_prev && drop) {
			/* the last resort's record of the group's head */
			heal_detect_rec_free(d->rec);
			d->rec = NULL;
		}
		if (heal_detect_close_rec(d, err) < 0)
			return -1;
		r = heal_detect_rec_new(d, m);
		d->rec = r;
		ctx_apply(d, r);
		if (from_prev) {
			heal_detect_raw_add(r, head, headn);
			heal_detect_capture(d, r, &m->steps[0].re,
					    m->steps[0].frame ? &m->steps[0] : NULL, false);
		}
		if (m->prev_line && !d->prev_claimed && d->prev_len > d->prev_off) {
			heal_detect_raw_add(r, d->prev, d->prev_len);
			heal_detect_detail_add(r, d->prev + d->prev_off,
					       d->prev_len - d->prev_off);
		}
		r->lines = 1;
		if (m->steps[k].loop && !m->steps[k].collect && k + 1 == m->nsteps) {
			r->in_steps = true;
			r->step = k + 1;
			return heal_detect_emit_each(d, r, &m->steps[k], err) < 0 ? -1 : 1;
		}
		heal_detect_raw_line(d, r);
		heal_detect_capture(d, r, &m->steps[k].re,
				    m->steps[k].frame ? &m->steps[k] : NULL, false);
		r->step = k + 1;
		r->in_steps = r->step < m->nsteps || m->steps[k].loop;
		return 1;
	}
	return 0;
}

/*
 * Try every matcher on a line that may start something.  1: handled;
 * 0: no matcher took it; -1: error.
 */
int heal_detect_try_start(struct heal_detect *d, const char *line, size_t len,
			  struct heal_error *err)
{
	struct given g = { .top = d->veto_top && !d->veto_next };
	const char *raw = d->raw_line, *view = d->view;
	size_t rawn = d->raw_len, viewn = d->view_len;
	int rc;

	/* (a try this one makes is no main try) */
	d->veto_top = false;
	rc = start_loop(d, line, len, &g, err);
	if (!g.from) {
		if (g.top)
			d->veto_next = NULL;
		return rc;
	}
	/* a start given back on the line's main try: the retry's rest */
	if (rc == 0)
		rc = given_rest(d, d->ljoin, g.len, g.from, err);
	d->prev_claimed = d->veto_given ? d->prev_claimed : rc > 0;
	d->ljoin_lits = HEAL_PF_IDS_UNKNOWN;
	d->veto_next = NULL;
	d->raw_line = raw;
	d->raw_len = rawn;
	d->view = view;
	d->view_len = viewn;
	/* the next line's matching ages no sticky context this set: it came
	 * after */
	d->sticky_spare = d->sticky_exp != 0;
	d->veto_given = true;
	return rc < 0 ? -1 : 1;
}

int heal_detect_try_unmarked(struct heal_detect *d, const char *line,
			     size_t len, struct heal_error *err)
{
	const char *view = d->view;
	size_t viewn = d->view_len, n;
	uint64_t lits = d->line_lits, jl = d->ljoin_lits;
	int rc;

	if (!memchr(line, '*', len) ||
	    (n = heal_detect_unmarkdown(line, len, d->annot, d->max_line)) == 0)
		return 0;
	d->view = d->annot;
	d->view_len = n;
	d->line_lits = d->ljoin_lits = HEAL_PF_IDS_UNKNOWN;
	rc = heal_detect_try_start(d, d->annot, n, err);
	d->view = view;
	d->view_len = viewn;
	d->line_lits = lits;
	d->ljoin_lits = jl;
	return rc;
}

int heal_detect_try_start_bare(struct heal_detect *d, const char *line,
			       size_t len, struct heal_error *err)
{
	size_t w;
	int rc = heal_detect_try_start(d, line, len, err);

	if (rc == 0 && (w = heal_detect_wrapper_len(line, len)) > 0) {
		d->wrap_used = w;
		rc = heal_detect_try_start(d, line + w, len - w, err);
		d->wrap_used = 0;
	}
	/* and without a Markdown paste's marks ("**Error: x** in y", given
	 * back by a start that the unmarked line made and that failed) */
	if (rc == 0)
		rc = heal_detect_try_unmarked(d, line, len, err);
	return rc;
}
