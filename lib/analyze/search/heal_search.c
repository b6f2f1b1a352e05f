/*
 * heal_search.c - the repair search: options, the original's check, the
 * rules' and fix-its' candidates judged first, then the generator's
 * edits run in the order of the priors (heal_search_judge.c judges each,
 * heal_search_pair.c tries pairs), and the winner made a fix.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_check.h"
#include "heal_data.h"
#include "heal_gen.h"
#include "heal_search.h"
#include "heal_search_int.h"
#include "heal_sha256.h"
#include "heal_strmap.h"
#include "heal_text.h"

/* Most arguments of a record's command passed to a checker. */
#define COMMAND_MAX 256
/* A checker run may take at most this long within a search. */
#define RUN_TIMEOUT_MAX 30.0
/* the check's other errors whose quoted names the generator may try */
#define OTHERS_MAX 16

static const char *const prior_names[3] = { "c", "python", "shell" };

static int env_num(const char *name, double lo, double hi, double *out,
		   struct heal_error *err)
{
	const char *v = getenv(name);
	char *end;
	double d;

	if (!v || !*v)
		return 0;
	errno = 0;
	d = strtod(v, &end);
	if (errno || *end || d < lo || d > hi)
		return heal_error_set(err, HEAL_ERR_USAGE,
				      "%s: '%s' is not a number from %g to %g", name, v, lo, hi);
	*out = d;
	return 0;
}

int heal_search_opts_init(struct heal_search_opts *o, struct heal_error *err)
{
	const char *on = getenv("HEAL_SEARCH"), *wide = getenv("HEAL_SEARCH_WIDE");
	double runs = HEAL_SEARCH_RUNS_DEFAULT, jobs = HEAL_SEARCH_JOBS_DEFAULT;

	/* on unless HEAL_SEARCH=0 (or --no-search); a name of the file that is
	 * not a typo away from the one at the caret only when asked */
	o->enabled = !on || !*on || strcmp(on, "0") != 0;
	o->wide = wide && *wide && strcmp(wide, "0") != 0;
	o->max_seconds = HEAL_SEARCH_SECONDS_DEFAULT;
	o->total_seconds = HEAL_SEARCH_TOTAL_DEFAULT;
	if (env_num("HEAL_SEARCH_RUNS", 0, HEAL_SEARCH_RUNS_MAX, &runs, err) < 0 ||
	    env_num("HEAL_SEARCH_SECONDS", 0, 3600, &o->max_seconds, err) < 0 ||
	    env_num("HEAL_SEARCH_TOTAL", 0, 86400, &o->total_seconds, err) < 0 ||
	    env_num("HEAL_SEARCH_JOBS", 1, HEAL_SEARCH_JOBS_MAX, &jobs, err) < 0)
		return -1;
	o->max_runs = (unsigned)runs;
	o->jobs = (unsigned)jobs;
	return 0;
}

int heal_search_opts_set(struct heal_search_opts *o, const char *name,
			 const char *value, struct heal_error *err)
{
	bool jobs = strcmp(name, "search-jobs") == 0;
	bool runs = strcmp(name, "search-runs") == 0;
	bool total = strcmp(name, "search-total") == 0;
	double hi = jobs ? HEAL_SEARCH_JOBS_MAX : runs ? HEAL_SEARCH_RUNS_MAX :
		    total ? 86400 : 3600;
	char *end;
	double d;

	errno = 0;
	d = strtod(value, &end);
	if (errno || end == value || *end || d < (jobs ? 1 : 0) || d > hi)
		return heal_error_set(err, HEAL_ERR_USAGE, "bad value '%s' for --%s",
				      value, name);
	if (runs)
		o->max_runs = (unsigned)d;
	else if (jobs)
		o->jobs = (unsigned)d;
	else if (total)
		o->total_seconds = d;
	else
		o->max_seconds = d;
	return 0;
}

struct heal_search *heal_search_new(const struct heal_root *root,
				    const struct heal_search_opts *o)
{
	struct heal_search *s = heal_calloc(1, sizeof(*s));

	s->root = root;
	s->o = *o;
	heal_pattern_set_init(&s->ps);
	heal_strmap_init(&s->failed);
	heal_strmap_init(&s->files);
	return s;
}

void heal_search_free(struct heal_search *s)
{
	size_t i;

	if (!s)
		return;
	if (s->ps_loaded)
		heal_pattern_set_release(&s->ps);
	for (i = 0; i < 3; i++)
		heal_prior_release(&s->priors[i]);
	heal_strmap_release(&s->failed);
	heal_strmap_release(&s->files);
	free(s);
}

/* heal's own patterns, loaded when a checker's output is first read */
static int load_patterns(void *ctx, const struct heal_pattern_set **out,
			 struct heal_error *err)
{
	struct heal_search *s = ctx;
	int rc;

	if (!s->ps_loaded) {
		rc = heal_pattern_load_own(&s->ps, NULL, HEAL_PATTERN_LAZY,
					   err);
		if (rc == 0)
			rc = heal_pattern_set_finish(&s->ps, err);
		if (rc < 0) {
			heal_pattern_set_release(&s->ps);
			heal_pattern_set_init(&s->ps);
			return -1;
		}
		s->ps_loaded = true;
	}
	*out = &s->ps;
	return 0;
}

const struct heal_root *heal_search_root(const struct heal_search *s)
{
	return s->root;
}

int heal_search_patterns(struct heal_search *s, const struct heal_pattern_set **ps,
			 struct heal_error *err)
{
	return load_patterns(s, ps, err);
}

static const struct heal_prior *prior_of(struct heal_search *s,
					 const struct heal_lang *lang,
					 struct heal_buf *explain)
{
	size_t i;

	if (!lang->syntax->priors)
		return NULL;
	for (i = 0; i < 3; i++)
		if (!strcmp(prior_names[i], lang->syntax->priors))
			break;
	if (i == 3)
		return NULL;
	if (!s->prior_tried[i]) {
		s->prior_tried[i] = true;
		if (heal_prior_load(&s->priors[i], prior_names[i], &s->prior_err[i]) < 0)
			heal_prior_release(&s->priors[i]);
	}
	if (s->prior_err[i].code && explain)
		heal_buf_putf(explain, "search: priors not used: %s\n", s->prior_err[i].msg);
	return &s->priors[i];
}

/* ---- what a check found ------------------------------------------------- */

/* ---- one candidate's check ---------------------------------------------- */

struct job {
	struct heal_check_copy *copy;
	const struct heal_check_opts *co;
	const char *data;
	size_t len;
	struct verdict *vd;
	struct heal_error err;
	int rc;
};

static void *run_job(void *arg)
{
	struct job *j = arg;

	j->rc = heal_check_copy_write(j->copy, j->data, j->len, &j->err);
	if (j->rc == 0)
		j->rc = heal_check_copy_run(j->copy, j->co, &j->vd->res, &j->err);
	j->vd->ran = j->rc == 0;
	return NULL;
}

/* ---- the search --------------------------------------------------------- */

static size_t count_nl(const char *s, size_t n)
{
	size_t k = 0, i;

	for (i = 0; i < n; i++)
		k += s[i] == '\n';
	return k;
}

static void cut_show(struct heal_buf *b, const char *s, size_t n)
{
	char *e = heal_text_escape_dup(s, n > SHOW_MAX ? SHOW_MAX : n);

	heal_buf_puts(b, e);
	if (n > SHOW_MAX)
		heal_buf_puts(b, "...");
	free(e);
}

/* "insert ';'", "replace 'x' with 'y'", "delete ')'" */
void heal_search_describe(struct heal_buf *b, const char *data, size_t start,
		     size_t end, const char *text)
{
	size_t tl = strlen(text);
	size_t s0 = 0, e0 = tl;

	while (s0 < tl && (text[s0] == ' ' || text[s0] == '\n'))
		s0++;
	while (e0 > s0 && (text[e0 - 1] == ' ' || text[e0 - 1] == '\n'))
		e0--;
	if (start == end) {
		heal_buf_puts(b, "insert '");
		cut_show(b, text + s0, e0 - s0);
	} else if (s0 == e0) {
		heal_buf_puts(b, "delete '");
		cut_show(b, data + start, end - start);
	} else {
		heal_buf_puts(b, "replace '");
		cut_show(b, data + start, end - start);
		heal_buf_puts(b, "' with '");
		cut_show(b, text + s0, e0 - s0);
	}
	heal_buf_putc(b, '\'');
}

/* Check n buffers at once, one per copy (threads when more than one). */
int heal_search_check_batch(struct ctx *c, char **bufs, size_t *lens,
		       struct verdict *vds, size_t n, struct heal_error *err)
{
	struct job jobs[HEAL_SEARCH_JOBS_MAX];
	pthread_t th[HEAL_SEARCH_JOBS_MAX];
	bool started[HEAL_SEARCH_JOBS_MAX];
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		memset(&jobs[i], 0, sizeof(jobs[i]));
		memset(&vds[i], 0, sizeof(vds[i]));
		jobs[i].copy = c->copies[i];
		jobs[i].co = &c->co;
		jobs[i].data = bufs[i];
		jobs[i].len = lens[i];
		jobs[i].vd = &vds[i];
		jobs[i].err = (struct heal_error)HEAL_ERROR_INIT;
		started[i] = n > 1 && pthread_create(&th[i], NULL, run_job, &jobs[i]) == 0;
		if (!started[i])
			run_job(&jobs[i]);
	}
	for (i = 0; i < n; i++) {
		if (started[i])
			pthread_join(th[i], NULL);
		heal_search_collect(&vds[i], c->file);
		c->stats->runs++;
		if (jobs[i].rc < 0 && !rc) {
			*err = jobs[i].err;
			rc = -1;
		}
	}
	return rc;
}

/* The record's command as an argv (borrowed strings), NULL-terminated. */
static void command_of(const struct heal_json *rec, const char **argv)
{
	const struct heal_json *cmd = heal_json_object_get(rec, "command");
	size_t i, n = 0;

	if (cmd && cmd->type == HEAL_JSON_ARRAY)
		for (i = 0; i < cmd->u.arr.n && n + 1 < COMMAND_MAX; i++)
			if (cmd->u.arr.v[i]->type == HEAL_JSON_STRING &&
			    heal_json_string_is_cstr(cmd->u.arr.v[i]))
				argv[n++] = cmd->u.arr.v[i]->u.str.s;
	argv[n] = NULL;
}

/* The place of an edit of the file: bytes [start, end) replaced by text. */
struct place heal_search_place_of(const struct ctx *c, size_t start, size_t end,
			     const char *text)
{
	struct place p;
	size_t tl = strlen(text), ls;

	p.line = heal_source_line_of(c->f, start);
	ls = start;
	while (ls > 0 && c->f->data[ls - 1] != '\n')
		ls--;
	p.column = start - ls + 1;
	p.lines = (long)count_nl(text, tl) - (long)count_nl(c->f->data + start, end - start);
	p.bytes = (long)tl - (long)(end - start);
	p.width = tl;
	return p;
}

/* The edits of a fix when they are all in this file, applied; NULL else. */
static char *apply_fix(const struct ctx *c, const struct heal_json *fix, size_t *len,
		       struct place *pl)
{
	const struct heal_json *ed = heal_json_object_get(fix, "edits");
	struct heal_buf out;
	size_t i, at = 0;

	if (!ed || ed->type != HEAL_JSON_ARRAY || ed->u.arr.n == 0 ||
	    heal_json_object_get(fix, "command") || heal_json_object_get(fix, "chmod") ||
	    heal_json_object_get(fix, "mkdir"))
		return NULL;
	heal_buf_init(&out, HEAL_BUF_UNBOUNDED);
	for (i = 0; i < ed->u.arr.n; i++) {
		const struct heal_json *e = ed->u.arr.v[i];
		const char *file = heal_json_object_get_str(e, "file");
		const char *text = heal_json_object_get_str(e, "text");
		int64_t s = -1, en = -1;

		if (!file || strcmp(file, c->file) || !text ||
		    heal_json_object_get_int(e, "start", 0, INT64_MAX, &s) != 1 ||
		    heal_json_object_get_int(e, "end", 0, INT64_MAX, &en) != 1 ||
		    s < (int64_t)at || en < s || (size_t)en > c->f->len) {
			heal_buf_release(&out);
			return NULL;
		}
		if (i == 0) {
			*pl = heal_search_place_of(c, (size_t)s, (size_t)en, text);
		} else {
			struct place q = heal_search_place_of(c, (size_t)s, (size_t)en, text);

			pl->lines += q.lines;
			pl->bytes += q.line == pl->line ? q.bytes : 0;
			pl->width = SIZE_MAX;   /* edits apart: anywhere may be theirs */
		}
		heal_buf_put(&out, c->f->data + at, (size_t)s - at);
		heal_buf_puts(&out, text);
		at = (size_t)en;
	}
	heal_buf_put(&out, c->f->data + at, c->f->len - at);
	return heal_buf_detach(&out, len);
}

/*
 * The column a tool's printed caret points at (Python: the source line,
 * then a line of blanks and ^), found by locating the printed source text
 * in line `line` of f; 0 when raw has none.
 */
static size_t caret_from_raw(const char *raw, const struct heal_source_file *f,
			     size_t line, size_t *run)
{
	const char *p = raw, *prev = NULL, *prev_end = NULL;
	size_t ls, ll;

	*run = 0;
	if (!raw || !heal_source_line(f, line, &ls, &ll))
		return 0;
	while (*p) {
		const char *e = strchr(p, '\n'), *q;
		size_t n = e ? (size_t)(e - p) : strlen(p), ci, pi, k;

		for (q = p; q < p + n && (*q == ' ' || *q == '\t'); q++)
			;
		if (prev && q < p + n && *q == '^') {
			const char *ps = prev;

			while (ps < prev_end && (*ps == ' ' || *ps == '\t'))
				ps++;
			ci = (size_t)(q - p);
			pi = (size_t)(ps - prev);
			if (ps < prev_end && ci >= pi) {
				size_t plen = (size_t)(prev_end - ps);

				/* the printed text (trailing blanks aside) in the file's line */
				while (plen && (ps[plen - 1] == ' ' || ps[plen - 1] == '\r'))
					plen--;
				for (k = 0; plen && k + plen <= ll; k++)
					if (!memcmp(f->data + ls + k, ps, plen)) {
						/* ^^^^: the range it underlines */
						while (q + *run < p + n && q[*run] == '^')
							(*run)++;
						return k + (ci - pi) + 1;
					}
			}
		}
		prev = p;
		prev_end = p + n;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

/* The fix-it or rule candidate taken on trust (HEAL_SEARCH_TRUST), or NULL. */
static const struct heal_cand *trusted(const struct heal_cands *cands)
{
	size_t i;

	for (i = 0; i < cands->n; i++)
		if ((cands->v[i].source == HEAL_CAND_FIXIT || cands->v[i].source == HEAL_CAND_RULE) &&
		    !cands->v[i].failed_here &&
		    heal_cand_round(cands->v[i].confidence) >= HEAL_SEARCH_TRUST)
			return &cands->v[i];
	return NULL;
}

/* Judge the most confident fix-it and rule candidates (those heal-fix
 * would apply); true when one is good.  refused[i] set for those the
 * checker refused. */
static bool judge_existing(struct ctx *c, struct heal_cands *cands, bool *refused,
			   size_t *good_idx, bool *whole, struct existing_progress *ep,
			   struct heal_error *err)
{
	bool *tried = heal_calloc(cands->n + 1, sizeof(*tried)), good = false;
	size_t r, i, judged = 0;

	for (r = 0; r < cands->n && judged < HEAL_SEARCH_JUDGE_EXISTING && heal_search_budget_left(c); r++) {
		size_t best = SIZE_MAX, len = 0;
		struct heal_cand *k;
		struct verdict *vd;
		struct place pl;
		const char *no;
		char *buf, why[200];

		for (i = 0; i < cands->n; i++)
			if (!tried[i] && (best == SIZE_MAX ||
					  cands->v[i].confidence > cands->v[best].confidence))
				best = i;
		tried[best] = true;
		k = &cands->v[best];
		buf = apply_fix(c, k->fix, &len, &pl);
		if (!buf)
			continue;
		judged++;
		vd = heal_calloc(1, sizeof(*vd));
		if (heal_search_check_batch(c, &buf, &len, vd, 1, err) < 0) {
			heal_check_result_release(&vd->res);
			free(vd);
			free(buf);
			break;
		}
		no = heal_search_judge_all(c, vd, &pl, buf, len, why, sizeof(why));
		*whole = !no && heal_search_complete(c, vd, &pl, true);
		if (no && !ep->set) {
			const struct found *first;

			/* errors only beside its lines: the first of a pair
			 * (its edit revealed an error the original hid, as an
			 * indent fixed shows the line's unclosed '(') */
			if (heal_search_made_progress(c, vd, &pl, &first)) {
				ep->set = true;
				ep->cand.text = heal_search_edit_between(c->f->data, c->f->len, buf, len,
									 &ep->cand.start, &ep->cand.end);
				ep->cand.kind = heal_strdup(k->rule ? k->rule : "fixit");
				ep->cand.score = 1.0;
				ep->cand.judged = true;
				ep->line = first->line;
				ep->column = first->column;
				ep->message = heal_strdup(first->message);
			}
		}
		if (c->explain)
			heal_buf_putf(c->explain, "search: the %s candidate (%s): %s\n",
				      heal_cand_source_name(k->source),
				      k->rule ? k->rule : "the tool's fix-it",
				      no ? no : *whole ? "the checker accepts it: no search" :
				      "the checker accepts it, with errors left on the line: "
				      "a search for an edit that leaves none, else this one");
		heal_check_result_release(&vd->res);
		free(vd);
		free(buf);
		if (!no) {
			/* proven as a search winner is: it ranks as one (a rule
			 * that was unsure of an edit the checker accepts would
			 * otherwise lose to nothing) */
			if (k->confidence < HEAL_SEARCH_CONFIDENCE) {
				if (c->explain)
					heal_buf_putf(c->explain, "search: its confidence %.2f "
						      "raised to %.2f, the checker's proof\n",
						      k->confidence, HEAL_SEARCH_CONFIDENCE);
				k->confidence = k->prior = HEAL_SEARCH_CONFIDENCE;
			}
			good = true;
			*good_idx = best;
			break;
		}
		refused[best] = true;
	}
	free(tried);
	return good;
}

/* Whether the most confident existing candidate makes a file the checker
 * passes with no error and no warning at all; it ranks as a proven
 * search winner then.  A checker that cannot run says no here: the
 * original's run (1.) reports it. */
static bool clean_existing(struct ctx *c, struct heal_cands *cands)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_cand *k = &cands->v[0];
	struct verdict *vd;
	struct place pl;
	size_t i, len = 0;
	char *buf;
	bool clean;

	for (i = 1; i < cands->n; i++)
		if (cands->v[i].confidence > k->confidence)
			k = &cands->v[i];
	if (k->source != HEAL_CAND_FIXIT && k->source != HEAL_CAND_RULE)
		return false;
	buf = apply_fix(c, k->fix, &len, &pl);
	if (!buf)
		return false;
	vd = heal_calloc(1, sizeof(*vd));
	clean = heal_search_check_batch(c, &buf, &len, vd, 1, &err) == 0 && vd->ran &&
		vd->status == HEAL_CHECK_PASSED && vd->n == 0 && vd->nw == 0;
	if (clean && c->explain)
		heal_buf_putf(c->explain, "search: the %s candidate (%s): the checker passes "
			      "the file it makes without an error or a warning: no search\n",
			      heal_cand_source_name(k->source),
			      k->rule ? k->rule : "the tool's fix-it");
	if (clean && k->confidence < HEAL_SEARCH_CONFIDENCE) {
		if (c->explain)
			heal_buf_putf(c->explain, "search: its confidence %.2f raised to %.2f, "
				      "the checker's proof\n", k->confidence, HEAL_SEARCH_CONFIDENCE);
		k->confidence = k->prior = HEAL_SEARCH_CONFIDENCE;
	}
	heal_check_result_release(&vd->res);
	free(vd);
	free(buf);
	return clean;
}

static void add_winner(struct ctx *c, const struct heal_gen_cand *w,
		       const char *checker, struct heal_cands *cands)
{
	struct heal_json *fix = heal_cand_new(NULL);
	struct heal_buf d, why;
	struct heal_cand *k;
	size_t line = heal_source_line_of(c->f, w->start);

	heal_buf_init(&d, 4096);
	heal_search_describe(&d, c->f->data, w->start, w->end, w->text);
	heal_buf_putf(&d, " at %s:%zu", c->file, line);
	heal_cand_add_edit(fix, c->file, w->start, w->end, w->text, strlen(w->text),
			   c->f->sha256);
	heal_json_object_set_str(fix, "description", heal_buf_str(&d));
	heal_json_object_set_str(fix, "risk", "medium");
	heal_json_object_set_str(fix, "verify",
				 "the checker no longer reports the error; re-run the command");
	heal_json_object_set_str(fix, "rollback", "restore the file from the backup heal-fix made");
	heal_buf_init(&why, 4096);
	heal_buf_putf(&why, "%s: the first %s, %s (%s, score %.4f), "
		      "that %s accepts without the error, without a new one and "
		      "without losing code", heal_buf_str(&d),
		      strstr(w->kind, " + ") ? "pair of edits (the second at the error the "
					       "first left)" : "edit",
		      w->score >= HEAL_GEN_SURE ? "the one the site calls for" :
						  "by the learned prior", w->kind, w->score,
		      checker ? checker : "the checker");
	k = heal_cands_add(cands, fix, HEAL_CAND_SEARCH, NULL, HEAL_SEARCH_CONFIDENCE);
	k->why = heal_buf_detach(&why, NULL);
	heal_buf_release(&d);
}

/*
 * An error clang reports where a macro is used, with a note "expanded
 * from macro 'N'" at the text of the macro that it is about ('#define N
 * 10;' gives "unexpected ';' before ']'" at each a[N]): the edits go
 * there, and the error where it was used is the one that must go.
 */
static void macro_site(const struct ctx *c, const struct heal_json *rec,
		       struct heal_gen_site *site, struct heal_buf *explain)
{
	const struct heal_json *notes = heal_json_object_get(rec, "notes");
	size_t i;

	if (!notes || notes->type != HEAL_JSON_ARRAY)
		return;
	for (i = 0; i < notes->u.arr.n; i++) {
		const struct heal_json *n = notes->u.arr.v[i];
		const char *m = heal_json_object_get_str(n, "message");
		const char *f = heal_json_object_get_str(n, "file");
		int64_t l = 0, k = 0;

		if (!m || strncmp(m, "expanded from macro ", 20) != 0 || !f ||
		    strcmp(f, c->file) != 0 ||
		    heal_json_object_get_int(n, "line", 1, INT64_MAX, &l) != 1 ||
		    heal_json_object_get_int(n, "column", 1, INT64_MAX, &k) != 1)
			continue;
		site->line = (size_t)l;
		site->caret = heal_gen_offset(c->f->data, c->f->len, (size_t)l, (size_t)k);
		site->caret_end = 0;
		if (explain)
			heal_buf_putf(explain, "search: the edits go where the macro says it: "
				      "%s:%lld:%lld (%.100s)\n", f, (long long)l, (long long)k, m);
		return;
	}
}

/* An error's fixes held back below heal-fix's threshold, to a round of
 * their own. */
static void defer(struct heal_cands *cands, struct heal_buf *explain)
{
	size_t i;
	bool any = false;

	for (i = 0; i < cands->n; i++)
		if (cands->v[i].confidence > HEAL_SEARCH_REFUSED_CONFIDENCE) {
			cands->v[i].confidence = cands->v[i].prior = HEAL_SEARCH_REFUSED_CONFIDENCE;
			any = true;
		}
	if (any && explain)
		heal_buf_putf(explain, "search: its fixes lowered to %.2f: an earlier error "
			      "on its line has a fix the checker proved, and this one may "
			      "be that error's consequence (the next round tells)\n",
			      HEAL_SEARCH_REFUSED_CONFIDENCE);
}

/* A clean edit wins over a kept one (an edit of the generator that left
 * an error or a warning) only if the priors make it at most this many
 * times less likely: 'int main();' at 0.0001 is no match for a '}' at
 * 0.73 that left an unused variable. */
#define FALLBACK_RATIO 100.0

/* search_gen's winner when a second edit won */
#define HAS_SECOND LONG_MAX

/*
 * Run the generator's candidates from *next on, within share of the
 * budget (heal_search_within()); the winner's index, or -1.  A good candidate that
 * leaves errors on the target's line is no winner: the first such goes
 * to *fallback (when it is -1 and there is no fallback yet).  Refused
 * candidates that made progress go to *pl.
 */
static long search_gen(struct ctx *c, const struct heal_gen *g, size_t *next,
		       double share, struct progress_list *pl, long *fallback,
		       struct heal_error *err, int *rc)
{
	size_t i = *next;

	*rc = 0;
	while (i < g->n && heal_search_within(c, share)) {
		char *bufs[HEAL_SEARCH_JOBS_MAX];
		size_t lens[HEAL_SEARCH_JOBS_MAX], idx[HEAL_SEARCH_JOBS_MAX], n = 0, k;
		struct verdict *vds;
		long won = -1;

		while (i < g->n && n < c->ncopies &&
		       c->stats->runs + n < (unsigned)(c->s->o.max_runs * share)) {
			if (g->v[i].judged) {
				i++;
				continue;
			}
			if (g->v[i].loses_code) {
				/* the checker cannot make it good: not run */
				if (c->explain) {
					heal_buf_putf(c->explain, "search: %zu. ", i + 1);
					heal_search_describe(c->explain, c->f->data, g->v[i].start, g->v[i].end,
						 g->v[i].text);
					heal_buf_putf(c->explain, " [%s, prior %.4f]: deletes code: "
						      "refused without a check\n", g->v[i].kind,
						      g->v[i].score);
				}
				i++;
				continue;
			}
			idx[n] = i;
			bufs[n] = heal_gen_apply(&g->v[i], c->f->data, c->f->len, &lens[n]);
			n++, i++;
		}
		if (!n)
			break;
		vds = heal_calloc(n, sizeof(*vds));
		*rc = heal_search_check_batch(c, bufs, lens, vds, n, err);
		for (k = 0; k < n; k++) {
			const struct heal_gen_cand *gc = &g->v[idx[k]];
			struct place pl0 = heal_search_place_of(c, gc->start, gc->end, gc->text);
			const struct found *first;
			char why[200];
			const char *no = *rc < 0 ? "not checked" :
					 heal_search_judge_all(c, &vds[k], &pl0, bufs[k], lens[k], why,
						   sizeof(why));

			if (c->explain) {
				heal_buf_putf(c->explain, "search: %zu. ", idx[k] + 1);
				heal_search_describe(c->explain, c->f->data, gc->start, gc->end, gc->text);
				heal_buf_putf(c->explain, " at line %zu [%s, prior %.4f]: %s\n",
					      pl0.line, gc->kind, gc->score, no ? no : "good");
			}
			if (!no && won < 0 && !heal_search_complete(c, &vds[k], &pl0, true)) {
				/* good, with errors or new warnings left on the
				 * line: the first such is kept, and a little more
				 * is searched; one that leaves only warnings
				 * replaces one that left errors */
				bool errs = !heal_search_complete(c, &vds[k], &pl0, false);

				if (!c->fallback && *fallback < 0) {
					*fallback = (long)idx[k];
					c->fallback = true;
					c->fallback_errs = errs;
					c->fallback_runs = c->stats->runs;
					if (c->explain)
						heal_buf_puts(c->explain, "search: good, with errors "
							      "left on the line: kept, and the search "
							      "goes on for one that leaves none\n");
				} else if (*fallback >= 0 && c->fallback_errs && !errs) {
					*fallback = (long)idx[k];
					c->fallback_errs = false;
					if (c->explain)
						heal_buf_puts(c->explain, "search: good, with only "
							      "warnings left on the line: kept instead\n");
				}
			} else if (!no && won < 0 &&
				   (*fallback < 0 || gc->score >= HEAL_GEN_SURE ||
				    gc->score * FALLBACK_RATIO >= g->v[*fallback].score)) {
				won = (long)idx[k];
			} else if (no && *rc == 0 && heal_search_made_progress(c, &vds[k], &pl0, &first)) {
				heal_search_note_progress(pl, idx[k], first);
			}
			heal_check_result_release(&vds[k].res);
			free(bufs[k]);
		}
		free(vds);
		if (*rc < 0 || won >= 0) {
			*next = i;
			return won;
		}
	}
	*next = i;
	return -1;
}

/*
 * Without priors for an error that is not syntax, the edits that put an
 * operator between two operands go: a checker that accepts one was only
 * silenced (an index out of range made a comparison: local.l==[5]).
 */
static void drop_operators(struct heal_gen *g, struct heal_buf *explain)
{
	static const char *const ops[] = { "==", "!=", "<", ">", "<=", ">=", "+", "-", "*",
					   "/", "%", "&&", "||", "&", "|", "^", "<<", ">>",
					   NULL };
	size_t i, n = 0, dropped = 0;

	for (i = 0; i < g->n; i++) {
		const char *t = g->v[i].text ? g->v[i].text : "";
		size_t a = 0, b = strlen(t);

		while (a < b && (t[a] == ' ' || t[a] == '\t'))
			a++;
		while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
			b--;
		if (heal_tokens_in(ops, t + a, b - a)) {
			free(g->v[i].text);
			free(g->v[i].kind);
			dropped++;
			continue;
		}
		g->v[n++] = g->v[i];
	}
	g->n = n;
	if (explain && dropped)
		heal_buf_putf(explain, "search: no priors and no syntax error: %zu edits "
			      "that put an operator in go\n", dropped);
}

/* Whether record rec is a syntax error (its category). */
static bool syntax_error(const struct heal_json *rec)
{
	const char *cat = heal_json_object_get_str(rec, "category");

	return cat && strcmp(cat, "syntax") == 0;
}

int heal_search_record(struct heal_search *s, struct heal_sources *src,
		       const struct heal_json *rec, const char *file_rel,
		       struct heal_cands *cands, struct heal_buf *explain,
		       struct heal_search_stats *stats, struct heal_error *err)
{
	struct heal_search_stats dummy;
	struct heal_error e = HEAL_ERROR_INIT;
	const char *argv[COMMAND_MAX];
	const char *tool = heal_json_object_get_str(rec, "tool");
	const struct heal_lang *lang;
	struct heal_prior_view pv;
	bool blind;
	const struct heal_prior *prior;
	struct heal_gen_site site;
	struct heal_gen g;
	struct ctx c;
	struct heal_buf key;
	char hex[HEAL_SHA256_HEX];
	const struct heal_cand *trust;
	bool header = false, *refused = NULL;
	int64_t line = 0, col = 0;
	size_t proven = 0;
	struct progress_list prog;
	struct heal_gen_cand second;
	struct existing_progress ep;
	size_t good_idx = 0;
	bool whole = false;
	long fallback = -1;
	struct heal_gen_other others[OTHERS_MAX];
	size_t nothers = 0;
	unsigned i;
	long won;
	int rc = 0;

	if (!stats)
		stats = &dummy;
	memset(stats, 0, sizeof(*stats));
	memset(&c, 0, sizeof(c));
	memset(&prog, 0, sizeof(prog));
	memset(&second, 0, sizeof(second));
	memset(&ep, 0, sizeof(ep));
	c.s = s;
	c.rec = rec;
	c.file = file_rel;
	c.explain = explain;
	c.stats = stats;
	c.message = heal_json_object_get_str(rec, "message");
	if (!s->o.enabled || !file_rel || !c.message ||
	    heal_json_object_get_int(rec, "line", 1, INT64_MAX, &line) != 1)
		return 0;
	if (heal_json_object_get_int(rec, "column", 1, INT64_MAX, &col) != 1)
		col = 0;
	c.line = (size_t)line;
	lang = heal_lang_of_path(s->root, file_rel, &header);
	if (!lang || !lang->checkers[0])
		return 0;
	c.f = heal_sources_get(src, file_rel, &e);
	if (!c.f)
		return 0;
	/* the same error in the same bytes was searched in vain already (a
	 * log that repeats it, a loop's next round): not again */
	heal_buf_init(&key, 64 * 1024);
	heal_sha256_hex(c.f->data, c.f->len, hex);
	heal_buf_putf(&key, "%s:%zu:%s", hex, c.line, c.message);
	if (heal_strmap_get(&s->failed, key.data, key.len, NULL)) {
		if (explain)
			heal_buf_puts(explain, "search: not run: the same error in the same file "
				      "was searched in vain before in this run\n");
		heal_buf_release(&key);
		return 0;
	}
	/* a compiler's later errors in a file are often the first one's
	 * consequences ('expected expression before }' after a missing ')'):
	 * an edit for one of them alone may compile and still be wrong once
	 * the first is fixed.  Only a file's first error the checker reports
	 * is searched; the next round of heal sees what is left. */
	if (heal_strmap_get(&s->files, file_rel, strlen(file_rel), &proven)) {
		if (explain)
			heal_buf_puts(explain, "search: not run: an earlier error in this file "
				      "was searched first (a later one may be its consequence)\n");
		/* and one on the same line as a fix the checker proved is
		 * most likely that error's echo ('expected ';' after
		 * expression' after 'expected ')'' in 'fro(i=0;i<n;i++)'):
		 * its own fixes wait for the next round, which shows whether
		 * it is still there, instead of going in beside the proven
		 * one and failing with it */
		if (proven == c.line)
			defer(cands, explain);
		heal_buf_release(&key);
		return 0;
	}
	if (s->spent >= s->o.total_seconds) {
		if (explain)
			heal_buf_putf(explain, "search: not run: this run's search time "
				      "(%g s, --search-total) is spent\n", s->o.total_seconds);
		heal_buf_release(&key);
		return 0;
	}
	if ((trust = trusted(cands)) != NULL) {
		/* the tool's own fix, or a rule that sure: heal-validate's
		 * run of the command proves it, and a failure brings it back
		 * here marked (--skip), to be judged and searched past */
		if (explain)
			heal_buf_putf(explain, "search: not run: the %s candidate (%s) at "
				      "confidence %.2f is taken on trust (%.2f or more): "
				      "heal-validate proves it\n",
				      heal_cand_source_name(trust->source),
				      trust->rule ? trust->rule : "the tool's fix-it",
				      heal_cand_round(trust->confidence), HEAL_SEARCH_TRUST);
		/* the file's first error, as if proven here: a later one
		 * waits for the next round */
		heal_strmap_put(&s->files, file_rel, strlen(file_rel), c.line, NULL);
		heal_buf_release(&key);
		return 0;
	}
	c.t0 = heal_search_now();
	command_of(rec, argv);
	heal_check_opts_init(&c.co);
	c.co.root = s->root;
	c.co.file = file_rel;
	c.co.command = argv[0] ? argv : NULL;
	c.co.timeout = s->o.max_seconds < RUN_TIMEOUT_MAX ? s->o.max_seconds : RUN_TIMEOUT_MAX;
	c.co.load_patterns = load_patterns;
	c.co.load_ctx = s;
	c.co.read_passed = true;
	c.ncopies = s->o.jobs ? s->o.jobs : 1;
	if (c.ncopies > HEAL_SEARCH_JOBS_MAX)
		c.ncopies = HEAL_SEARCH_JOBS_MAX;
	for (i = 0; i < c.ncopies; i++) {
		c.copies[i] = heal_check_copy_new(s->root, file_rel, &e);
		if (!c.copies[i]) {
			if (explain)
				heal_buf_putf(explain, "search: not run: %s\n", e.msg);
			goto out;
		}
	}
	if (c.ncopies > 1) {
		/* threads read the patterns at once: every matcher compiled first */
		const struct heal_pattern_set *ps;

		if (load_patterns(s, &ps, &e) < 0 ||
		    (!s->ps_whole && heal_pattern_set_compile(&s->ps, &e) < 0)) {
			if (explain)
				heal_buf_putf(explain, "search: not run: %s\n", e.msg);
			goto out;
		}
		s->ps_whole = true;
	}
	/* 0. the most confident fix-it or rule candidate alone: when the
	 * checker passes the file it makes without a word, it is proven
	 * whatever the original showed, and the run on the original (1.) is
	 * not needed (a rule's fix in the one-error loop costs one run) */
	if (cands->n && clean_existing(&c, cands)) {
		stats->applied = stats->existing_good = true;
		goto out;
	}
	/* 1. the original: does the checker see this error? */
	{
		char *orig = heal_strndup(c.f->data, c.f->len);
		const char *sev = heal_json_object_get_str(rec, "severity");
		size_t olen = c.f->len;
		size_t k;
		bool seen = false, warning = sev && strcmp(sev, "error") != 0;

		rc = heal_search_check_batch(&c, &orig, &olen, &c.base, 1, err);
		free(orig);
		if (rc < 0)
			goto out;
		/* a checker that passes the file reads no syntax error in it,
		 * whatever it says (shellcheck's error-level lint, SC2157):
		 * an edit then only has to silence it, not to fix it */
		for (k = 0; c.base.status == HEAL_CHECK_FAILED && k < c.base.n; k++)
			if (c.base.v[k].line == c.line && heal_check_same_message(c.base.v[k].message, c.message)) {
				/* the one at the record's column, else the first */
				if (!seen || (col > 0 && c.base.v[k].column == (size_t)col))
					c.column = c.base.v[k].column;
				c.same += c.base.v[k].count;
				seen = true;
			}
		/* the checker may word it its own way (dash and bash, clang and
		 * gcc): its error at the record's line is the target then; not
		 * a warning's (clang's 'implicit declaration of function 'fro''
		 * beside the error the typo made: the error's own record is
		 * searched, with its own message) */
		for (k = 0; !seen && !warning && c.base.status == HEAL_CHECK_FAILED && k < c.base.n;
		     k++)
			if (c.base.v[k].line == c.line) {
				seen = true;
				c.same = 1;
				c.column = c.base.v[k].column;
				c.message = c.base.v[k].message;
				if (explain)
					heal_buf_putf(explain, "search: %s words the error '%.200s'\n",
						      heal_search_checker_of(&c.base) ? heal_search_checker_of(&c.base)
									  : "the checker",
						      c.message);
			}
		if (!seen) {
			if (explain) {
				heal_buf_putf(explain, "search: not run: %s on the file does not "
					      "report this error (%s",
					      heal_search_checker_of(&c.base) ? heal_search_checker_of(&c.base) : "no checker",
					      heal_check_status_name(c.base.status));
				for (k = 0; k < c.base.n && k < 3; k++)
					heal_buf_putf(explain, "%s%zu: %.100s", k ? "; " : ": ",
						      c.base.v[k].line, c.base.v[k].message);
				heal_buf_puts(explain, ")\n");
			}
			goto out;
		}
	}
	stats->applied = true;
	/* 2. the candidates already found */
	refused = heal_calloc(cands->n + 1, sizeof(*refused));
	if (judge_existing(&c, cands, refused, &good_idx, &whole, &ep, err)) {
		stats->existing_good = true;
		if (whole)
			goto out;
		/* good, with errors left on the line: a little more search */
		c.fallback = true;
		c.fallback_runs = stats->runs;
	}
	/* 3. the generator's */
	memset(&site, 0, sizeof(site));
	site.lang = lang;
	site.data = c.f->data;
	site.len = c.f->len;
	site.line = c.line;
	site.message = heal_json_object_get_str(rec, "message");
	/* heal-detect writes byte columns (gcc's display columns converted);
	 * without one, the checker's own report of the error may have it
	 * (terraform validate -json, where the user's text output has none),
	 * else the caret line the tool printed may say it */
	if (col <= 0 && c.column > 0)
		col = (int64_t)c.column;
	if (col <= 0) {
		size_t run;

		col = (int64_t)caret_from_raw(heal_json_object_get_str(rec, "raw"), c.f,
					      c.line, &run);
		if (col > 0 && run > 1)
			site.caret_end = heal_gen_offset(c.f->data, c.f->len, c.line,
							 (size_t)col + run);
	}
	site.caret = heal_gen_offset(c.f->data, c.f->len, c.line, (size_t)col);
	macro_site(&c, rec, &site, explain);
	prior = prior_of(s, lang, explain);
	heal_prior_view_init(&pv, prior, tool, site.message);
	blind = !pv.tmpl && !pv.fam && !pv.glob && !syntax_error(rec);
	site.prior = &pv;
	site.wide = s->o.wide;
	for (i = 0; i < c.base.n && nothers < OTHERS_MAX; i++)
		if (c.base.v[i].message && (c.base.v[i].line != c.line ||
					    strcmp(c.base.v[i].message, c.message) != 0))
			others[nothers++] = (struct heal_gen_other){ c.base.v[i].message,
								     c.base.v[i].line };
	site.others = others;
	site.nothers = nothers;
	heal_gen_init(&g);
	heal_gen_run(&g, &site);
	if (blind)
		drop_operators(&g, explain);
	if (ep.set) {
		/* the refused rule's edit, first of the pairs tried */
		struct found f = { ep.line, ep.column, 1, ep.message, NULL };

		if (g.n == g.cap) {
			g.cap = g.cap ? g.cap * 2 : 1;
			g.v = heal_reallocarray(g.v, g.cap, sizeof(*g.v));
		}
		g.v[g.n] = ep.cand;
		g.v[g.n].order = g.n;
		memset(&ep.cand, 0, sizeof(ep.cand));
		heal_search_note_progress(&prog, g.n++, &f);
	}
	if (explain)
		heal_buf_putf(explain, "search: %zu candidate edits for '%s' (template '%s'%s)\n",
			      g.n, site.message, pv.template,
			      pv.tmpl ? "" : pv.fam ? ", by its family" :
			      pv.glob ? ", by the whole table" : ", no priors");
	/*
	 * Half the runs for single edits, then second edits after those that
	 * made progress, then the rest of the single edits, then second
	 * edits again: a fix that takes two edits is found before the
	 * budget goes on single edits far down the list.
	 */
	{
		size_t next = 0;

		/* blind (no priors, no syntax error): single edits only, a
		 * pair can make an operator of two ('=' '=') */
		won = search_gen(&c, &g, &next, 0.5, &prog, &fallback, err, &rc);
		if (won < 0 && rc == 0 && !blind &&
		    heal_search_second(&c, &g, &prog, &site, prior, 0.8, &second, err, &rc))
			won = HAS_SECOND;
		if (won < 0 && rc == 0)
			won = search_gen(&c, &g, &next, 1.0, &prog, &fallback, err, &rc);
		if (won < 0 && rc == 0 && !blind &&
		    heal_search_second(&c, &g, &prog, &site, prior, 1.0, &second, err, &rc))
			won = HAS_SECOND;
	}
	if (won >= 0 && stats->existing_good) {
		/* the rule's or fix-it's good edit left errors on the line; this
		 * one leaves none: it goes first */
		if (cands->v[good_idx].confidence > HEAL_SEARCH_REFUSED_CONFIDENCE)
			cands->v[good_idx].confidence = cands->v[good_idx].prior =
				HEAL_SEARCH_REFUSED_CONFIDENCE;
		stats->existing_good = false;
	} else if (won < 0 && stats->existing_good) {
		if (explain)
			heal_buf_putf(explain, "search: none leaves the line clean after %u "
				      "checker runs: the %s candidate stands\n", stats->runs,
				      heal_cand_source_name(cands->v[good_idx].source));
		heal_gen_release(&g);
		heal_prior_view_release(&pv);
		goto out;
	}
	if (won < 0 && fallback >= 0) {
		if (explain)
			heal_buf_puts(explain, "search: none leaves the line clean: the first "
				      "good edit, which leaves errors there, is taken\n");
		won = fallback;
	}
	if (won >= 0) {
		add_winner(&c, won == HAS_SECOND ? &second : &g.v[won], heal_search_checker_of(&c.base),
			   cands);
		stats->found = true;
		/* fix-its and rules the checker refused rank below the winner */
		for (i = 0; i + 1 < cands->n; i++)
			if (refused[i] && cands->v[i].confidence > HEAL_SEARCH_REFUSED_CONFIDENCE)
				cands->v[i].confidence = cands->v[i].prior =
					HEAL_SEARCH_REFUSED_CONFIDENCE;
		if (explain)
			heal_buf_putf(explain, "search: chosen after %u checker runs in %.2fs: %s\n",
				      stats->runs, heal_search_now() - c.t0, cands->v[cands->n - 1].why);
	} else if (explain) {
		heal_buf_putf(explain, "search: no candidate accepted after %u checker runs "
			      "in %.2fs%s\n", stats->runs, heal_search_now() - c.t0,
			      heal_search_budget_left(&c) ? "" : " (budget spent)");
	}
	heal_gen_release(&g);
	heal_prior_view_release(&pv);
out:
	heal_search_progress_release(&prog);
	free(ep.cand.text);
	free(ep.cand.kind);
	free(ep.message);
	free(second.text);
	free(second.kind);
	stats->seconds = c.t0 > 0 ? heal_search_now() - c.t0 : 0;
	s->spent += stats->seconds;
	if (stats->applied)
		heal_strmap_put(&s->files, file_rel, strlen(file_rel),
				stats->found || stats->existing_good ? c.line : 0, NULL);
	if (rc == 0 && !stats->found && !stats->existing_good && !key.truncated)
		heal_strmap_put(&s->failed, key.data, key.len, 1, NULL);
	heal_buf_release(&key);
	heal_check_result_release(&c.base.res);
	for (i = 0; i < c.ncopies; i++)
		heal_check_copy_free(c.copies[i]);
	free(refused);
	return rc;
}
