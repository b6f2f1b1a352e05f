#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_fd.h"
#include "heal_safefile.h"
#include "heal_stats.h"
#include "heal_strmap.h"
#include "heal_text.h"

struct counts {
	uint64_t incidents, applied, succeeded, failed, manual;
	uint64_t passed, lfailed;   /* learning */
};

struct group {
	char *name;
	struct counts c;
};

struct groups {
	struct heal_strmap map;
	struct group *v;
	size_t n, cap;
};

struct incident {
	bool detected, healed;
	time_t t_detected, t_healed;
};

struct run_incident {
	int sev;        /* 1-10 */
	bool open;
};

struct run {
	char *id;
	char time[21];
	struct heal_strmap map;
	struct run_incident *v;
	size_t n, cap;
	size_t regressions;     /* regression_detected events */
};

/* One fix variant: a rule's outcomes on one class of error. */
struct variant {
	char *cls, *rule;
	uint64_t passed, failed;
};

struct variants {
	struct heal_strmap map;
	struct variant *v;
	size_t n, cap;
};

struct heal_stats {
	struct counts c;
	struct variants var;
	uint64_t events, rollbacks, skipped, regressions;
	struct groups rules, envs;
	struct heal_strmap seen;        /* attempts and env/incident pairs */
	struct heal_strmap inc_map;
	struct incident *inc;
	size_t ninc, capinc;
	struct heal_strmap run_map;
	struct run *runs;
	size_t nruns, capruns;
};

struct heal_stats *heal_stats_new(void)
{
	struct heal_stats *s = heal_calloc(1, sizeof(*s));

	heal_strmap_init(&s->rules.map);
	heal_strmap_init(&s->envs.map);
	heal_strmap_init(&s->seen);
	heal_strmap_init(&s->inc_map);
	heal_strmap_init(&s->run_map);
	heal_strmap_init(&s->var.map);
	return s;
}

static void groups_release(struct groups *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		free(g->v[i].name);
	free(g->v);
	heal_strmap_release(&g->map);
}

void heal_stats_free(struct heal_stats *s)
{
	size_t i;

	if (!s)
		return;
	groups_release(&s->rules);
	groups_release(&s->envs);
	heal_strmap_release(&s->seen);
	heal_strmap_release(&s->inc_map);
	free(s->inc);
	for (i = 0; i < s->nruns; i++) {
		free(s->runs[i].id);
		heal_strmap_release(&s->runs[i].map);
		free(s->runs[i].v);
	}
	free(s->runs);
	heal_strmap_release(&s->run_map);
	for (i = 0; i < s->var.n; i++) {
		free(s->var.v[i].cls);
		free(s->var.v[i].rule);
	}
	free(s->var.v);
	heal_strmap_release(&s->var.map);
	free(s);
}

void heal_stats_note_skipped(struct heal_stats *s, size_t skipped)
{
	s->skipped += skipped;
}

/* Grow an array of elem-byte items to hold one more. */
static void *more(void *v, size_t n, size_t *cap, size_t elem)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 8;
	v = heal_reallocarray(v, *cap, elem);
	memset((char *)v + n * elem, 0, (*cap - n) * elem);
	return v;
}

static struct counts *group(struct groups *g, const char *name)
{
	size_t i;

	if (!name)
		return NULL;
	if (heal_strmap_put(&g->map, name, strlen(name), g->n, &i)) {
		g->v = more(g->v, g->n, &g->cap, sizeof(*g->v));
		g->v[g->n].name = heal_strdup(name);
		g->n++;
	}
	return &g->v[i].c;
}

/* Add one to a field of the totals, the rule's and the environment's. */
#define BUMP(field) do { \
	s->c.field++; \
	if (rc) rc->field++; \
	if (ec) ec->field++; \
} while (0)

/* Insert a composite key; true when it was new. */
static bool first_time(struct heal_strmap *m, const char *tag,
		       const char **parts, size_t n)
{
	struct heal_buf b;
	bool isnew;
	size_t i;

	heal_buf_init(&b, (size_t)1 << 24);
	heal_buf_puts(&b, tag);
	for (i = 0; i < n; i++) {
		heal_buf_puts(&b, parts[i] ? parts[i] : "");
		heal_buf_putc(&b, '\0');
	}
	isnew = heal_strmap_put(m, b.data, b.len, 0, NULL);
	heal_buf_release(&b);
	return isnew;
}

static int severity_of(const struct heal_json *ev)
{
	const char *sev = heal_json_object_get_str(ev, "severity");
	int64_t n;

	if (heal_json_object_get_int(ev, "analysis_severity", 1, 10, &n) > 0)
		return (int)n;
	if (sev && strcmp(sev, "warning") == 0)
		return 3;
	if (sev && strcmp(sev, "note") == 0)
		return 1;
	return 5;
}

static struct incident *incident(struct heal_stats *s, const char *id)
{
	size_t i;

	if (heal_strmap_put(&s->inc_map, id, strlen(id), s->ninc, &i)) {
		s->inc = more(s->inc, s->ninc, &s->capinc, sizeof(*s->inc));
		s->ninc++;
		s->c.incidents++;
	}
	return &s->inc[i];
}

static void run_state(struct heal_stats *s, const struct heal_json *ev,
		      const char *run, const char *id, bool closing)
{
	const struct heal_json *asev = heal_json_object_get(ev, "analysis_severity");
	const struct heal_json *lvl = heal_json_object_get(ev, "severity");
	const char *t = heal_json_object_get_str(ev, "time");
	struct run *r;
	time_t when;
	size_t i, k;
	bool isnew;

	if (heal_strmap_put(&s->run_map, run, strlen(run), s->nruns, &i)) {
		s->runs = more(s->runs, s->nruns, &s->capruns, sizeof(*s->runs));
		r = &s->runs[s->nruns++];
		r->id = heal_strdup(run);
		heal_strmap_init(&r->map);
		/* a run's time as the changelog says it, when it is one */
		if (t && strlen(t) < sizeof(r->time) &&
		    heal_changelog_parse_time(t, &when) == 0)
			memcpy(r->time, t, strlen(t) + 1);
	}
	r = &s->runs[i];
	isnew = heal_strmap_put(&r->map, id, strlen(id), r->n, &k);
	if (isnew) {
		r->v = more(r->v, r->n, &r->cap, sizeof(*r->v));
		r->n++;
		r->v[k].sev = severity_of(ev);
	} else if ((asev && asev->type != HEAL_JSON_NULL) ||
		   (lvl && lvl->type != HEAL_JSON_NULL)) {
		/* later events without a severity keep the one known */
		r->v[k].sev = severity_of(ev);
	}
	r->v[k].open = !closing;
	if (strcmp(heal_json_object_get_str(ev, "event"), "regression_detected") == 0)
		r->regressions++;
}

/*
 * The class of error an event is about, for the variants that compete on
 * it: "ENVIRONMENT:CODE", the category when there is no code.
 */
static void variant_bump(struct heal_stats *s, const struct heal_json *ev,
			 const char *rule, bool passed)
{
	const char *env = heal_json_object_get_str(ev, "environment");
	const char *code = heal_json_object_get_str(ev, "code");
	const char *cat = heal_json_object_get_str(ev, "error_type");
	struct variant *v;
	struct heal_buf key;
	size_t i, cl;

	heal_buf_init(&key, (size_t)1 << 16);
	heal_buf_putf(&key, "%.200s:%.200s", env ? env : "-",
		      code ? code : cat ? cat : "-");
	cl = key.len;
	heal_buf_putc(&key, '\n');
	heal_buf_puts(&key, rule);
	if (heal_strmap_put(&s->var.map, key.data, key.len, s->var.n, &i)) {
		s->var.v = more(s->var.v, s->var.n, &s->var.cap, sizeof(*s->var.v));
		s->var.v[s->var.n].cls = heal_strndup(key.data, cl);
		s->var.v[s->var.n].rule = heal_strdup(rule);
		s->var.n++;
	}
	v = &s->var.v[i];
	if (passed)
		v->passed++;
	else
		v->failed++;
	heal_buf_release(&key);
}

void heal_stats_add(struct heal_stats *s, const struct heal_json *ev)
{
	const char *name, *id, *run, *rule, *env, *from, *t;
	struct counts *rc, *ec;
	time_t when = 0;
	bool has_time, validation;

	if (!ev || ev->type != HEAL_JSON_OBJECT)
		return;
	name = heal_json_object_get_str(ev, "event");
	if (!name)
		return;
	s->events++;
	id = heal_json_object_get_str(ev, "incident");
	run = heal_json_object_get_str(ev, "run");
	rule = heal_json_object_get_str(ev, "rule");
	env = heal_json_object_get_str(ev, "environment");
	from = heal_json_object_get_str(ev, "from");
	t = heal_json_object_get_str(ev, "time");
	has_time = t && heal_changelog_parse_time(t, &when) == 0;
	validation = from && strcmp(from, "validation") == 0;
	rc = group(&s->rules, rule);
	ec = group(&s->envs, env);

	if (id) {
		struct incident *in = incident(s, id);
		const char *pair[2] = { env, id };

		if (env && first_time(&s->seen, "E", pair, 2))
			ec->incidents++;
		if (strcmp(name, "error_detected") == 0 && has_time &&
		    !in->detected) {
			in->detected = true;
			in->t_detected = when;
		} else if (strcmp(name, "healing_complete") == 0 &&
			   has_time && in->detected && !in->healed &&
			   when >= in->t_detected) {
			in->healed = true;
			in->t_healed = when;
		}
		run_state(s, ev, run ? run : "", id,
			  strcmp(name, "fix_validated") == 0 ||
			  strcmp(name, "healing_complete") == 0 ||
			  (strcmp(name, "healing_partial") == 0 &&
			   heal_json_object_get_str(ev, "validation_result") &&
			   strcmp(heal_json_object_get_str(ev, "validation_result"),
				  "passed") == 0));
	}
	if (strcmp(name, "fix_applied") == 0 ||
	    (validation && (strcmp(name, "fix_validated") == 0 ||
			    strcmp(name, "fix_failed") == 0))) {
		char attempt[24];
		const char *parts[4];
		int64_t n = 1;

		heal_json_object_get_int(ev, "attempt_number", 1, INT64_MAX, &n);
		snprintf(attempt, sizeof(attempt), "%" PRId64, n);
		parts[0] = run;
		parts[1] = id;
		parts[2] = heal_json_object_get_str(ev, "fix_id");
		parts[3] = attempt;
		if (first_time(&s->seen, "A", parts, 4))
			BUMP(applied);
	}
	if (strcmp(name, "fix_validated") == 0) {
		BUMP(succeeded);
		BUMP(passed);
		if (rule)
			variant_bump(s, ev, rule, true);
	} else if (strcmp(name, "fix_failed") == 0) {
		BUMP(failed);
		if (validation)
			BUMP(lfailed);
		if (validation && rule)
			variant_bump(s, ev, rule, false);
	} else if (strcmp(name, "manual_intervention_required") == 0) {
		BUMP(manual);
	} else if (strcmp(name, "rollback_performed") == 0) {
		s->rollbacks++;
	} else if (strcmp(name, "regression_detected") == 0) {
		s->regressions++;
	}
}

void heal_stats_add_all(struct heal_stats *s, const struct heal_json *events)
{
	size_t i;

	if (events && events->type == HEAL_JSON_ARRAY)
		for (i = 0; i < events->u.arr.n; i++)
			heal_stats_add(s, events->u.arr.v[i]);
}

static int add_one(void *ctx, const struct heal_json *ev, struct heal_error *err)
{
	(void)err;
	heal_stats_add(ctx, ev);
	return 0;
}

int heal_stats_load(struct heal_stats *s, struct heal_changelog *cl,
		    struct heal_error *err)
{
	size_t skipped = 0;

	if (heal_changelog_read(cl, add_one, s, &skipped, err) < 0)
		return -1;
	s->skipped += skipped;
	return 0;
}

/* ---- statistics output ---- */

/* x rounded to 1/scale; dividing last gives the double nearest the decimal */
static double round_to(double x, double scale)
{
	return floor(x * scale + 0.5) / scale;
}

static struct heal_json *rate(const struct counts *c)
{
	if (c->succeeded + c->failed == 0)
		return heal_json_new_null();
	return heal_json_new_double(round_to(100.0 * (double)c->succeeded /
					     (double)(c->succeeded + c->failed),
					     10));
}

static bool mean_time(const struct heal_stats *s, double *out)
{
	double sum = 0;
	size_t i, n = 0;

	for (i = 0; i < s->ninc; i++)
		if (s->inc[i].healed) {
			sum += difftime(s->inc[i].t_healed, s->inc[i].t_detected);
			n++;
		}
	if (n)
		*out = round_to(sum / (double)n, 10);
	return n > 0;
}

static uint64_t healed_count(const struct heal_stats *s)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < s->ninc; i++)
		n += s->inc[i].healed;
	return n;
}

static int cmp_group(const void *a, const void *b)
{
	return strcmp((*(const struct group *const *)a)->name,
		      (*(const struct group *const *)b)->name);
}

/* The groups sorted by name (the array is owned by the caller). */
static const struct group **sorted(const struct groups *g)
{
	const struct group **v = heal_reallocarray(NULL, g->n + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < g->n; i++)
		v[i] = &g->v[i];
	qsort(v, g->n, sizeof(*v), cmp_group);
	return v;
}

static void set_u64(struct heal_json *o, const char *k, uint64_t v)
{
	heal_json_object_set_int(o, k, v > INT64_MAX ? INT64_MAX : (int64_t)v);
}

static int emit(struct heal_json *doc, struct heal_buf *out,
		struct heal_error *err)
{
	int r = heal_json_serialize(out, doc, err);

	heal_json_free(doc);
	if (r < 0)
		return -1;
	return heal_buf_addc(out, '\n', err);
}

/* ---- variants ---- */

static void add_name(struct heal_buf *out, const char *name);

static int cmp_variant(const void *a, const void *b)
{
	const struct variant *x = *(const struct variant *const *)a;
	const struct variant *y = *(const struct variant *const *)b;
	int c = strcmp(x->cls, y->cls);

	return c ? c : strcmp(x->rule, y->rule);
}

/* Posterior mean under a uniform prior, Beta(1 + passed, 1 + failed). */
static double variant_mean(const struct variant *v)
{
	return round_to(((double)v->passed + 1) /
			((double)(v->passed + v->failed) + 2), 1000);
}

/*
 * The variants sorted by class then rule (caller frees); *n set.  Only
 * classes where two rules or more have outcomes are kept: one rule alone
 * is no A/B.
 */
static const struct variant **variant_list(const struct heal_stats *s, size_t *n)
{
	const struct variant **v = heal_reallocarray(NULL, s->var.n + 1, sizeof(*v));
	size_t i, j, k = 0;

	for (i = 0; i < s->var.n; i++)
		v[i] = &s->var.v[i];
	qsort(v, s->var.n, sizeof(*v), cmp_variant);
	for (i = 0; i < s->var.n; i = j) {
		for (j = i + 1; j < s->var.n && strcmp(v[j]->cls, v[i]->cls) == 0; j++)
			;
		if (j - i >= 2)
			while (i < j)
				v[k++] = v[i++];
	}
	*n = k;
	return v;
}

/* The leader of the class starting at v[i] (ending before v[end]). */
static const struct variant *leader(const struct variant **v, size_t i, size_t end)
{
	const struct variant *b = v[i];

	for (i++; i < end; i++) {
		double m = variant_mean(v[i]), bm = variant_mean(b);

		if (m > bm || (m == bm && v[i]->passed + v[i]->failed >
				   b->passed + b->failed))
			b = v[i];
	}
	return b;
}

static size_t class_end(const struct variant **v, size_t n, size_t i)
{
	size_t j;

	for (j = i + 1; j < n && strcmp(v[j]->cls, v[i]->cls) == 0; j++)
		;
	return j;
}

static struct heal_json *variants_json(const struct heal_stats *s)
{
	struct heal_json *o = heal_json_new_object();
	size_t n, i, j, e;
	const struct variant **v = variant_list(s, &n);

	for (i = 0; i < n; i = e) {
		struct heal_json *c = heal_json_new_object(), *vs = heal_json_new_object();

		e = class_end(v, n, i);
		heal_json_object_set_str(c, "leader", leader(v, i, e)->rule);
		for (j = i; j < e; j++) {
			struct heal_json *r = heal_json_new_object();

			set_u64(r, "trials", v[j]->passed + v[j]->failed);
			set_u64(r, "successes", v[j]->passed);
			heal_json_object_set(r, "posterior_mean",
					     heal_json_new_double(variant_mean(v[j])));
			heal_json_object_set(vs, v[j]->rule, r);
		}
		heal_json_object_set(c, "variants", vs);
		heal_json_object_set(o, v[i]->cls, c);
	}
	free(v);
	return o;
}

static void variants_text(const struct heal_stats *s, struct heal_buf *out)
{
	size_t n, i, j, e;
	const struct variant **v = variant_list(s, &n);

	if (n)
		heal_buf_puts(out, "variants (posterior mean of a uniform prior):\n");
	for (i = 0; i < n; i = e) {
		e = class_end(v, n, i);
		heal_buf_puts(out, "  ");
		add_name(out, v[i]->cls);
		heal_buf_puts(out, ": leader ");
		add_name(out, leader(v, i, e)->rule);
		heal_buf_putc(out, '\n');
		for (j = i; j < e; j++) {
			heal_buf_puts(out, "    ");
			add_name(out, v[j]->rule);
			heal_buf_putf(out, ": trials %" PRIu64 ", successes %" PRIu64
				      ", posterior mean %.3f\n",
				      v[j]->passed + v[j]->failed, v[j]->passed,
				      variant_mean(v[j]));
		}
	}
	free(v);
}

int heal_stats_write_json(const struct heal_stats *s, struct heal_buf *out,
			  struct heal_error *err)
{
	struct heal_json *doc = heal_json_new_object(), *o;
	const struct group **g;
	double mtth;
	size_t i;

	set_u64(doc, "total_incidents", s->c.incidents);
	set_u64(doc, "fixes_applied", s->c.applied);
	set_u64(doc, "fixes_succeeded", s->c.succeeded);
	set_u64(doc, "fixes_failed", s->c.failed);
	heal_json_object_set(doc, "success_rate", rate(&s->c));
	set_u64(doc, "manual_interventions", s->c.manual);
	set_u64(doc, "rollbacks", s->rollbacks);
	set_u64(doc, "regressions", s->regressions);
	set_u64(doc, "healed_incidents", healed_count(s));
	heal_json_object_set(doc, "mean_time_to_heal",
			     mean_time(s, &mtth) ? heal_json_new_double(mtth)
						 : heal_json_new_null());
	set_u64(doc, "events", s->events);
	set_u64(doc, "skipped_lines", s->skipped);
	o = heal_json_new_object();
	g = sorted(&s->rules);
	for (i = 0; i < s->rules.n; i++) {
		struct heal_json *r = heal_json_new_object();

		set_u64(r, "applied", g[i]->c.applied);
		set_u64(r, "succeeded", g[i]->c.succeeded);
		set_u64(r, "failed", g[i]->c.failed);
		heal_json_object_set(r, "success_rate", rate(&g[i]->c));
		heal_json_object_set(o, g[i]->name, r);
	}
	free(g);
	heal_json_object_set(doc, "by_rule", o);
	o = heal_json_new_object();
	g = sorted(&s->envs);
	for (i = 0; i < s->envs.n; i++) {
		struct heal_json *r = heal_json_new_object();

		set_u64(r, "incidents", g[i]->c.incidents);
		set_u64(r, "applied", g[i]->c.applied);
		set_u64(r, "succeeded", g[i]->c.succeeded);
		set_u64(r, "failed", g[i]->c.failed);
		heal_json_object_set(r, "success_rate", rate(&g[i]->c));
		set_u64(r, "manual_interventions", g[i]->c.manual);
		heal_json_object_set(o, g[i]->name, r);
	}
	free(g);
	heal_json_object_set(doc, "by_environment", o);
	heal_json_object_set(doc, "variants", variants_json(s));
	return emit(doc, out, err);
}

static void add_rate(struct heal_buf *out, const struct counts *c)
{
	if (c->succeeded + c->failed == 0)
		heal_buf_puts(out, "-");
	else
		heal_buf_putf(out, "%.1f%%",
			      round_to(100.0 * (double)c->succeeded /
				       (double)(c->succeeded + c->failed), 10));
}

static void add_name(struct heal_buf *out, const char *name)
{
	heal_text_escape(out, name, strlen(name), NULL);
}

int heal_stats_write_text(const struct heal_stats *s, struct heal_buf *out,
			  struct heal_error *err)
{
	const struct group **g;
	double mtth;
	size_t i;

	(void)err;
	heal_buf_putf(out,
		      "incidents:            %" PRIu64 "\n"
		      "fixes applied:        %" PRIu64 "\n"
		      "fixes succeeded:      %" PRIu64 "\n"
		      "fixes failed:         %" PRIu64 "\n"
		      "success rate:         ",
		      s->c.incidents, s->c.applied, s->c.succeeded, s->c.failed);
	add_rate(out, &s->c);
	heal_buf_putf(out,
		      "\nmanual interventions: %" PRIu64 "\n"
		      "rollbacks:            %" PRIu64 "\n"
		      "regressions:          %" PRIu64 "\n"
		      "healed incidents:     %" PRIu64 "\n"
		      "mean time to heal:    ",
		      s->c.manual, s->rollbacks, s->regressions, healed_count(s));
	if (mean_time(s, &mtth))
		heal_buf_putf(out, "%.1f s\n", mtth);
	else
		heal_buf_puts(out, "-\n");
	if (s->skipped)
		heal_buf_putf(out, "skipped lines:        %" PRIu64 "\n",
			      s->skipped);
	if (s->rules.n)
		heal_buf_puts(out, "by rule:\n");
	g = sorted(&s->rules);
	for (i = 0; i < s->rules.n; i++) {
		heal_buf_puts(out, "  ");
		add_name(out, g[i]->name);
		heal_buf_putf(out, ": applied %" PRIu64 ", succeeded %"
			      PRIu64 ", failed %" PRIu64 ", success rate ",
			      g[i]->c.applied, g[i]->c.succeeded, g[i]->c.failed);
		add_rate(out, &g[i]->c);
		heal_buf_putc(out, '\n');
	}
	free(g);
	if (s->envs.n)
		heal_buf_puts(out, "by environment:\n");
	g = sorted(&s->envs);
	for (i = 0; i < s->envs.n; i++) {
		heal_buf_puts(out, "  ");
		add_name(out, g[i]->name);
		heal_buf_putf(out, ": incidents %" PRIu64 ", applied %"
			      PRIu64 ", succeeded %" PRIu64 ", failed %" PRIu64
			      ", manual interventions %" PRIu64 "\n",
			      g[i]->c.incidents, g[i]->c.applied,
			      g[i]->c.succeeded, g[i]->c.failed, g[i]->c.manual);
	}
	free(g);
	variants_text(s, out);
	return 0;
}

/* ---- health ---- */

static const char *const health_names[] = {
	[HEAL_HEALTH_EXCELLENT] = "excellent",
	[HEAL_HEALTH_GOOD] = "good",
	[HEAL_HEALTH_WARNING] = "warning",
	[HEAL_HEALTH_CRITICAL] = "critical",
	[HEAL_HEALTH_FAILING] = "failing",
};

const char *heal_health_name(enum heal_health h)
{
	return health_names[h];
}

struct health {
	double score;
	size_t open, critical;
	enum heal_health status;
};

static struct health run_health(const struct run *r)
{
	struct health h = { 1.0, 0, 0, HEAL_HEALTH_EXCELLENT };
	double p = 0;
	size_t i;

	for (i = 0; r && i < r->n; i++) {
		if (!r->v[i].open)
			continue;
		h.open++;
		p += r->v[i].sev / 10.0 * (r->v[i].sev >= 8 ? 2 : 1);
		h.critical += r->v[i].sev >= 8;
	}
	h.score = round_to(1.0 / (1.0 + p), 1000);
	if (h.score < 0.3)
		h.status = HEAL_HEALTH_FAILING;
	else if (h.critical)
		h.status = HEAL_HEALTH_CRITICAL;
	else if (h.score < 0.6)
		h.status = HEAL_HEALTH_WARNING;
	else if (h.score < 0.8)
		h.status = HEAL_HEALTH_GOOD;
	return h;
}

enum heal_health heal_stats_health(const struct heal_stats *s, double *score)
{
	struct health h = run_health(s->nruns ? &s->runs[s->nruns - 1] : NULL);

	if (score)
		*score = h.score;
	return h.status;
}

static const char *trend(const struct heal_stats *s, size_t first)
{
	struct health a, b;

	if (s->nruns - first < 2)
		return "none";
	a = run_health(&s->runs[first]);
	b = run_health(&s->runs[s->nruns - 1]);
	if (b.score > a.score + 0.0005)
		return "improving";
	if (b.score < a.score - 0.0005)
		return "declining";
	return "stable";
}

static size_t window(const struct heal_stats *s, size_t runs)
{
	return runs && s->nruns > runs ? s->nruns - runs : 0;
}

int heal_stats_write_health_json(const struct heal_stats *s, size_t runs,
				 struct heal_buf *out, struct heal_error *err)
{
	struct heal_json *doc = heal_json_new_object(), *arr;
	const struct run *last = s->nruns ? &s->runs[s->nruns - 1] : NULL;
	struct health h = run_health(last);
	size_t i, first = window(s, runs);

	heal_json_object_set(doc, "score", heal_json_new_double(h.score));
	heal_json_object_set_str(doc, "status", health_names[h.status]);
	set_u64(doc, "open", h.open);
	set_u64(doc, "critical", h.critical);
	set_u64(doc, "regressions", last ? last->regressions : 0);
	set_u64(doc, "regressions_total", s->regressions);
	heal_json_object_set(doc, "run", last ? heal_json_new_string(last->id)
					      : heal_json_new_null());
	heal_json_object_set_str(doc, "trend", trend(s, first));
	arr = heal_json_new_array();
	for (i = first; i < s->nruns; i++) {
		struct heal_json *o = heal_json_new_object();

		h = run_health(&s->runs[i]);
		heal_json_object_set_str(o, "run", s->runs[i].id);
		heal_json_object_set(o, "time", s->runs[i].time[0]
				     ? heal_json_new_string(s->runs[i].time)
				     : heal_json_new_null());
		heal_json_object_set(o, "score", heal_json_new_double(h.score));
		heal_json_object_set_str(o, "status", health_names[h.status]);
		set_u64(o, "open", h.open);
		set_u64(o, "critical", h.critical);
		set_u64(o, "regressions", s->runs[i].regressions);
		heal_json_array_append(arr, o);
	}
	heal_json_object_set(doc, "runs", arr);
	return emit(doc, out, err);
}

int heal_stats_write_health_text(const struct heal_stats *s, size_t runs,
				 struct heal_buf *out, struct heal_error *err)
{
	const struct run *last = s->nruns ? &s->runs[s->nruns - 1] : NULL;
	struct health h = run_health(last);
	size_t i, first = window(s, runs);

	heal_buf_putf(out, "health: %.3f %s (%zu open, %zu critical)\n",
		      h.score, health_names[h.status], h.open, h.critical);
	if (s->regressions)
		heal_buf_putf(out, "regressions: %zu in the last run, %" PRIu64
			      " in all\n", last ? last->regressions : 0,
			      s->regressions);
	heal_buf_putf(out, "trend: %s over %zu run%s\n", trend(s, first),
		      s->nruns - first, s->nruns - first == 1 ? "" : "s");
	for (i = first; i < s->nruns; i++) {
		h = run_health(&s->runs[i]);
		heal_buf_puts(out, "  ");
		add_name(out, s->runs[i].id);
		heal_buf_puts(out, "  ");
		add_name(out, s->runs[i].time[0] ? s->runs[i].time : "-");
		heal_buf_putf(out, "  %.3f %s, %zu open, %zu critical",
			      h.score, health_names[h.status], h.open,
			      h.critical);
		if (s->runs[i].regressions)
			heal_buf_putf(out, ", %zu regression%s", s->runs[i].regressions,
				      s->runs[i].regressions == 1 ? "" : "s");
		heal_buf_putc(out, '\n');
	}
	(void)err;
	return 0;
}

/* ---- learning ---- */

bool heal_stats_has_learning(const struct heal_stats *s)
{
	size_t i;

	for (i = 0; i < s->rules.n; i++)
		if (s->rules.v[i].c.passed || s->rules.v[i].c.lfailed)
			return true;
	return false;
}

/*
 * Load learning.json into s's rule groups.  1: loaded; 0: missing or not
 * in the documented shape (to be rebuilt); -1: error.
 */
static int learning_load(struct heal_stats *s, const struct heal_root *root,
			 struct heal_error *err)
{
	struct heal_json *doc, *rules;
	struct heal_buf b;
	int64_t v;
	size_t i;

	heal_buf_init(&b, HEAL_LEARNING_MAX);
	if (heal_root_read_file(root, HEAL_LEARNING_FILE, HEAL_LEARNING_MAX,
				&b, err) < 0) {
		heal_buf_release(&b);
		/* missing, a link or not a regular file: written anew */
		if (err->sys_errno == ENOENT || err->code == HEAL_ERR_REFUSED) {
			heal_error_clear(err);
			return 0;
		}
		return -1;
	}
	doc = heal_json_parse(b.data ? b.data : "", b.len, NULL, err);
	heal_buf_release(&b);
	heal_error_clear(err);
	rules = doc ? heal_json_object_get(doc, "rules") : NULL;
	if (!doc || doc->type != HEAL_JSON_OBJECT ||
	    heal_json_object_get_int(doc, "v", 1, 1, &v) <= 0 ||
	    !rules || rules->type != HEAL_JSON_OBJECT) {
		heal_json_free(doc);
		return 0;
	}
	for (i = 0; i < rules->u.obj.n; i++) {
		const struct heal_json_member *m = &rules->u.obj.m[i];
		int64_t p, f;

		if (strlen(m->key) != m->keylen ||
		    heal_json_object_get_int(m->val, "passed", 0, INT64_MAX, &p) <= 0 ||
		    heal_json_object_get_int(m->val, "failed", 0, INT64_MAX, &f) <= 0) {
			heal_json_free(doc);
			return 0;
		}
	}
	for (i = 0; i < rules->u.obj.n; i++) {
		const struct heal_json_member *m = &rules->u.obj.m[i];
		struct counts *c = group(&s->rules, m->key);
		int64_t p = 0, f = 0;

		heal_json_object_get_int(m->val, "passed", 0, INT64_MAX, &p);
		heal_json_object_get_int(m->val, "failed", 0, INT64_MAX, &f);
		c->passed += (uint64_t)p;
		c->lfailed += (uint64_t)f;
	}
	heal_json_free(doc);
	return 1;
}

static bool learning_is_link(const struct heal_root *root)
{
	struct heal_error ignore = HEAL_ERROR_INIT;
	struct stat st;
	int dir = heal_root_openat(root, HEAL_CHANGELOG_DIR,
				   O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0, &ignore);
	bool link;

	if (dir < 0)
		return false;
	link = fstatat(dir, "learning.json", &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISLNK(st.st_mode);
	close(dir);
	return link;
}

static int learning_save(const struct heal_stats *s,
			 const struct heal_root *root, struct heal_error *err)
{
	struct heal_json *doc = heal_json_new_object(), *rules;
	const struct group **g = sorted(&s->rules);
	struct heal_safefile sf;
	struct heal_buf b;
	int r = -1;
	size_t i;

	heal_json_object_set_int(doc, "v", 1);
	rules = heal_json_new_object();
	for (i = 0; i < s->rules.n; i++) {
		struct heal_json *o;

		if (!g[i]->c.passed && !g[i]->c.lfailed)
			continue;
		o = heal_json_new_object();
		set_u64(o, "passed", g[i]->c.passed);
		set_u64(o, "failed", g[i]->c.lfailed);
		heal_json_object_set(rules, g[i]->name, o);
	}
	free(g);
	heal_json_object_set(doc, "rules", rules);
	heal_buf_init(&b, (size_t)1 << 30);
	if (emit(doc, &b, err) < 0)
		goto out;
	/* the one safe write: a temporary file, fsync'ed, renamed over the
	 * old one; the caller holds the learning lock */
	heal_safefile_init(&sf, root);
	sf.max_size = (size_t)1 << 30;
	/* a link in place of heal's own file is replaced, never followed */
	if (learning_is_link(root) &&
	    heal_safefile_unlink_state(&sf, HEAL_LEARNING_FILE, err) < 0) {
		heal_safefile_release(&sf);
		goto out;
	}
	r = heal_safefile_replace(&sf, HEAL_LEARNING_FILE, b.data, b.len, NULL,
				  0644, HEAL_SF_CREATE | HEAL_SF_INTERNAL, err);
	heal_safefile_release(&sf);
out:
	heal_buf_release(&b);
	return r;
}

/*
 * Lock the root's .heal directory itself for a read-modify-write of
 * learning.json: writers to different changelogs share one root's learning
 * counts.  Taken after the changelog's lock, always in that order.  The
 * directory fd to close (which unlocks), or -1 with err set.
 */
static int learning_lock(const struct heal_root *root, struct heal_error *err)
{
	int dir;

	if (mkdirat(root->fd, HEAL_CHANGELOG_DIR, 0755) < 0 && errno != EEXIST)
		return heal_error_sys(err, errno, "cannot create '%s'",
				      HEAL_CHANGELOG_DIR);
	dir = heal_root_openat(root, HEAL_CHANGELOG_DIR,
			       O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0, err);
	if (dir < 0)
		return -1;
	if (heal_fd_lock(dir, LOCK_EX, HEAL_CHANGELOG_LOCK_WAIT) < 0) {
		heal_error_sys(err, errno, "cannot lock '%s' for %s",
			       HEAL_CHANGELOG_DIR, HEAL_LEARNING_FILE);
		close(dir);
		return -1;
	}
	return dir;
}

/* Rebuild from the whole changelog; the caller holds its lock. */
static int rebuild(struct heal_changelog *cl, const struct heal_root *root,
		   struct heal_error *err)
{
	struct heal_stats *full = heal_stats_new();
	int r = heal_stats_load(full, cl, err);

	if (r == 0)
		r = learning_save(full, root, err);
	heal_stats_free(full);
	return r;
}

int heal_stats_append(struct heal_changelog *cl, const struct heal_root *root,
		      const struct heal_json *events, struct heal_error *err)
{
	struct heal_stats *delta;
	int r, lk = -1;

	if (!events || events->type != HEAL_JSON_ARRAY || !events->u.arr.n)
		return 0;
	delta = heal_stats_new();
	heal_stats_add_all(delta, events);
	if (!heal_stats_has_learning(delta)) {
		heal_stats_free(delta);
		return heal_changelog_append_events(cl, events, err);
	}
	if (heal_changelog_lock(cl, true, err) < 0) {
		heal_stats_free(delta);
		return -1;
	}
	r = heal_changelog_append_events(cl, events, err);
	if (r == 0 && (lk = learning_lock(root, err)) < 0)
		r = -1;
	if (r == 0) {
		struct heal_stats *cur = heal_stats_new();

		r = learning_load(cur, root, err);
		if (r > 0) {
			size_t i;

			for (i = 0; i < delta->rules.n; i++) {
				struct counts *c = group(&cur->rules,
							 delta->rules.v[i].name);

				c->passed += delta->rules.v[i].c.passed;
				c->lfailed += delta->rules.v[i].c.lfailed;
			}
			r = learning_save(cur, root, err);
		} else if (r == 0) {
			r = rebuild(cl, root, err);
		}
		heal_stats_free(cur);
		close(lk);
	}
	heal_changelog_unlock(cl);
	heal_stats_free(delta);
	return r;
}

int heal_stats_rebuild_learning(struct heal_changelog *cl,
				const struct heal_root *root,
				struct heal_error *err)
{
	int r, lk;

	if (heal_changelog_lock(cl, true, err) < 0)
		return -1;
	lk = learning_lock(root, err);
	r = lk < 0 ? -1 : rebuild(cl, root, err);
	if (lk >= 0)
		close(lk);
	heal_changelog_unlock(cl);
	return r;
}
