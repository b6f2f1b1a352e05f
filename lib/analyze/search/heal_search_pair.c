/*
 * heal_search_pair.c - pairs of edits: after a candidate that made
 * progress (the target gone, new errors only beside its lines), the best
 * edits of punctuation at the error it left, judged with it as one edit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_sha256.h"
#include "heal_search_int.h"

void heal_search_progress_release(struct progress_list *pl)
{
	size_t i;

	for (i = 0; i < pl->n; i++)
		free(pl->v[i].message);
	pl->n = pl->used = 0;
}

void heal_search_note_progress(struct progress_list *pl, size_t idx, const struct found *e)
{
	struct progress *p;

	if (pl->n >= PROGRESS_MAX)
		return;
	p = &pl->v[pl->n++];
	p->idx = idx;
	p->line = e->line;
	p->column = e->column;
	p->message = heal_strdup(e->message);
}

/*
 * The edit that turns the original (a, an) into b (bn): the bytes
 * between their common start and common end.  *start, *end in a; the
 * new text (owned) returned.
 */
char *heal_search_edit_between(const char *a, size_t an, const char *b, size_t bn,
			       size_t *start, size_t *end)
{
	size_t p = 0, q = 0;

	while (p < an && p < bn && a[p] == b[p])
		p++;
	while (q < an - p && q < bn - p && a[an - 1 - q] == b[bn - 1 - q])
		q++;
	*start = p;
	*end = an - q;
	return heal_strndup(b + p, bn - q - p);
}

/* A second edit after a candidate that made progress. */
struct pair {
	size_t first;            /* in the progress list */
	struct heal_gen_cand two;   /* on the first's text (text, kind owned) */
	double score;            /* the first's score times its own */
};

static int by_pair_score(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first ? 1 :
	       x->two.order < y->two.order ? -1 : x->two.order > y->two.order;
}

/*
 * Whether an edit of that kind only moves the code's punctuation (ins,
 * del, rep, swap of punctuators: no name, number, literal or keyword): a
 * second edit is one of those.  One that puts a name in quotes, renames
 * it or puts a type before it could make any first edit's leftovers
 * compile ('return x foo;' -> 'return x; "foo";', 'return x; int foo;').
 */
static bool structural(const char *kind)
{
	const char *p = strchr(kind, ':'), *at = strrchr(kind, '@');

	if (!p || !at || at < p ||
	    (strncmp(kind, "ins:", 4) && strncmp(kind, "del:", 4) && strncmp(kind, "rep:", 4) &&
	     strncmp(kind, "swap:", 5)))
		return false;
	for (p++; p < at; p++)
		if (*p == '$' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    *p == '_' || (*p >= '0' && *p <= '9'))
			return false;
	return true;
}

/* The best second edits (SECOND_MAX at most) at the error progress pr
 * left, appended to *v. */
static void seconds_of(const struct ctx *c, const struct heal_gen *g, size_t first,
		       const struct progress *pr, const struct heal_gen_site *site0,
		       const struct heal_prior *prior, struct pair **v, size_t *n)
{
	const struct heal_gen_cand *one = &g->v[pr->idx];
	struct heal_prior_view pv;
	struct heal_gen_site site = *site0;
	struct heal_gen g2;
	size_t len1, k, kept = 0;
	char *buf1 = heal_gen_apply(one, c->f->data, c->f->len, &len1);

	site.data = buf1;
	site.len = len1;
	site.line = pr->line;
	site.message = pr->message;
	site.caret = heal_gen_offset(buf1, len1, pr->line, pr->column);
	site.caret_end = 0;
	heal_prior_view_init(&pv, prior, heal_json_object_get_str(c->rec, "tool"),
			     pr->message);
	site.prior = &pv;
	heal_gen_init(&g2);
	heal_gen_run(&g2, &site);
	for (k = 0; k < g2.n && kept < SECOND_MAX; k++) {
		struct pair *q;

		if (g2.v[k].loses_code || !structural(g2.v[k].kind))
			continue;
		*v = heal_reallocarray(*v, *n + 1, sizeof(**v));
		q = &(*v)[(*n)++];
		q->first = first;
		q->two = g2.v[k];
		q->two.text = heal_strdup(g2.v[k].text);
		q->two.kind = heal_strdup(g2.v[k].kind);
		/* a second edit no prior knows still follows its first */
		q->score = one->score * (g2.v[k].score > 0 ? g2.v[k].score : 1e-6);
		kept++;
	}
	heal_gen_release(&g2);
	heal_prior_view_release(&pv);
	free(buf1);
}

/*
 * Second edits: after each candidate that made progress (pl), the
 * generator's best edits at the error it left, all of them tried best
 * first by the product of the two edits' scores, each judged with the
 * first as one edit of the original.  A winner (owned by the caller) in
 * *w: true.
 */
bool heal_search_second(struct ctx *c, const struct heal_gen *g,
			  struct progress_list *pl, const struct heal_gen_site *site0,
			  const struct heal_prior *prior, double share,
			  struct heal_gen_cand *w, struct heal_error *err, int *rc)
{
	struct pair *v = NULL;
	struct heal_strmap seen;
	size_t n = 0, k, i;
	bool found = false;

	*rc = 0;
	if (pl->used >= pl->n || !heal_search_within(c, share))
		return false;
	for (i = pl->used; i < pl->n; i++)
		seconds_of(c, g, i, &pl->v[i], site0, prior, &v, &n);
	if (c->explain)
		heal_buf_putf(c->explain, "search: %zu second edits after the %zu candidates "
			      "that made progress\n", n, pl->n - pl->used);
	pl->used = pl->n;
	qsort(v, n, sizeof(*v), by_pair_score);
	heal_strmap_init(&seen);
	for (k = 0; k < n && !found && heal_search_within(c, share); k++) {
		const struct heal_gen_cand *one = &g->v[pl->v[v[k].first].idx];
		struct heal_gen_cand both;
		struct verdict *vd;
		struct place pl0;
		size_t len1, len2;
		char *buf1, *buf2, why[200], hex[HEAL_SHA256_HEX];
		const char *no;

		buf1 = heal_gen_apply(one, c->f->data, c->f->len, &len1);
		buf2 = heal_gen_apply(&v[k].two, buf1, len1, &len2);
		heal_sha256_hex(buf2, len2, hex);
		/* the first edit undone, or a text tried already */
		if ((len2 == c->f->len && !memcmp(buf2, c->f->data, len2)) ||
		    !heal_strmap_put(&seen, hex, strlen(hex), 1, NULL)) {
			free(buf1);
			free(buf2);
			continue;
		}
		memset(&both, 0, sizeof(both));
		both.text = heal_search_edit_between(c->f->data, c->f->len, buf2, len2, &both.start,
					 &both.end);
		pl0 = heal_search_place_of(c, both.start, both.end, both.text);
		vd = heal_calloc(1, sizeof(*vd));
		*rc = heal_search_check_batch(c, &buf2, &len2, vd, 1, err);
		no = *rc < 0 ? "not checked" : heal_search_judge_all(c, vd, &pl0, buf2, len2, why, sizeof(why));
		/* a pair is riskier than one edit: it must leave its line clean */
		if (!no && !heal_search_complete(c, vd, &pl0, false))
			no = "good, with errors left on the line: no pair then";
		if (c->explain) {
			heal_buf_puts(c->explain, "search: ");
			heal_search_describe(c->explain, c->f->data, one->start, one->end, one->text);
			heal_buf_putf(c->explain, " [%s], then ", one->kind);
			heal_search_describe(c->explain, buf1, v[k].two.start, v[k].two.end, v[k].two.text);
			heal_buf_putf(c->explain, " [%s, prior %.4f]: %s\n", v[k].two.kind,
				      v[k].score, no ? no : "good");
		}
		heal_check_result_release(&vd->res);
		free(vd);
		free(buf1);
		free(buf2);
		if (!no) {
			struct heal_buf kb;

			heal_buf_init(&kb, 1024);
			heal_buf_putf(&kb, "%s + %s", one->kind, v[k].two.kind);
			both.kind = heal_buf_detach(&kb, NULL);
			both.score = v[k].score;
			*w = both;
			found = true;
		} else {
			free(both.text);
		}
		if (*rc < 0)
			break;
	}
	heal_strmap_release(&seen);
	for (k = 0; k < n; k++) {
		free(v[k].two.text);
		free(v[k].two.kind);
	}
	free(v);
	return found;
}
