#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heal_buf.h"
#include "heal_learn.h"
#include "heal_text.h"

void heal_learn_init(struct heal_learn *l)
{
	l->rules = NULL;
	l->fleet = NULL;
}

void heal_learn_release(struct heal_learn *l)
{
	if (!l)
		return;
	heal_json_free(l->rules);
	heal_json_free(l->fleet);
	l->rules = NULL;
	l->fleet = NULL;
}

int heal_learn_parse(struct heal_learn *l, const char *text, size_t len,
		     struct heal_error *err)
{
	struct heal_json *doc = heal_json_parse(text, len, NULL, err);
	struct heal_json *rules;
	int64_t v;
	size_t i;

	heal_json_free(l->rules);
	l->rules = NULL;
	if (!doc)
		return heal_error_prefix(err, "%s", HEAL_LEARN_FILE);
	if (doc->type != HEAL_JSON_OBJECT ||
	    heal_json_object_get_int(doc, "v", 1, 1, &v) != 1) {
		heal_json_free(doc);
		return heal_error_set(err, HEAL_ERR_INPUT, "%s: field 'v' must be 1",
				      HEAL_LEARN_FILE);
	}
	rules = heal_json_object_take(doc, "rules");
	heal_json_free(doc);
	if (!rules || rules->type != HEAL_JSON_OBJECT) {
		heal_json_free(rules);
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "%s: field 'rules' must be an object", HEAL_LEARN_FILE);
	}
	for (i = 0; i < rules->u.obj.n; i++) {
		const struct heal_json *c = rules->u.obj.m[i].val;
		int64_t p, f;

		if (heal_json_object_get_int(c, "passed", 0, INT64_MAX, &p) < 0 ||
		    heal_json_object_get_int(c, "failed", 0, INT64_MAX, &f) < 0) {
			char *k = heal_text_escape_dup(rules->u.obj.m[i].key,
						       rules->u.obj.m[i].keylen);

			heal_error_set(err, HEAL_ERR_INPUT,
				       "%s: rule '%s': counts must be non-negative integers",
				       HEAL_LEARN_FILE, k);
			free(k);
			heal_json_free(rules);
			return -1;
		}
	}
	l->rules = rules;
	return 0;
}

/* Read one learning file into l->rules; 0 when missing. */
static int load_file(struct heal_learn *l, const struct heal_root *root,
		     const char *rel, struct heal_error *err)
{
	struct heal_buf b;
	int rc;

	heal_buf_init(&b, HEAL_LEARN_MAX_FILE + 1);
	if (heal_root_read_file(root, rel, HEAL_LEARN_MAX_FILE, &b, err) < 0) {
		heal_buf_release(&b);
		if (err && err->code == HEAL_ERR_IO && err->sys_errno == ENOENT) {
			heal_error_clear(err);
			return 0;
		}
		return -1;
	}
	rc = heal_learn_parse(l, b.data ? b.data : "", b.len, err);
	heal_buf_release(&b);
	return rc;
}

int heal_learn_load(struct heal_learn *l, const struct heal_root *root,
		    struct heal_error *err)
{
	struct heal_error e2 = HEAL_ERROR_INIT;
	struct heal_learn fleet;
	int rc;

	heal_learn_release(l);
	rc = load_file(l, root, HEAL_LEARN_FILE, err);
	heal_learn_init(&fleet);
	if (load_file(&fleet, root, HEAL_LEARN_FLEET_FILE, &e2) < 0 && rc == 0) {
		*err = e2;
		heal_error_prefix(err, "%s", HEAL_LEARN_FLEET_FILE);
		rc = -1;
	}
	l->fleet = fleet.rules;
	return rc;
}

/* Add the counts of rule in one "rules" object (may be NULL). */
static void add_counts(const struct heal_json *rules, const char *rule,
		       int64_t *passed, int64_t *failed)
{
	const struct heal_json *c = rules ? heal_json_object_get(rules, rule) : NULL;
	int64_t p = 0, f = 0;

	if (!c)
		return;
	if (heal_json_object_get_int(c, "passed", 0, INT64_MAX, &p) < 0)
		p = 0;
	if (heal_json_object_get_int(c, "failed", 0, INT64_MAX, &f) < 0)
		f = 0;
	*passed = p > INT64_MAX - *passed ? INT64_MAX : *passed + p;
	*failed = f > INT64_MAX - *failed ? INT64_MAX : *failed + f;
}

bool heal_learn_counts(const struct heal_learn *l, const char *rule,
		       int64_t *passed, int64_t *failed)
{
	*passed = *failed = 0;
	if (!l || !rule)
		return false;
	add_counts(l->rules, rule, passed, failed);
	add_counts(l->fleet, rule, passed, failed);
	return *passed > 0 || *failed > 0;
}

double heal_learn_posterior(double prior, int64_t passed, int64_t failed)
{
	double w = HEAL_LEARN_WEIGHT;

	if (prior < 0)
		prior = 0;
	if (prior > 1)
		prior = 1;
	return (prior * w + (double)passed) / (w + (double)passed + (double)failed);
}

/* ---- Thompson sampling ---- */

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void heal_learn_rng_seed(struct heal_learn_rng *r, uint64_t seed,
			 const char *key)
{
	uint64_t h = 0xcbf29ce484222325ULL;   /* FNV-1a over the key */
	const unsigned char *p;

	for (p = (const unsigned char *)(key ? key : ""); *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	r->s = seed ^ h;
	(void)splitmix64(&r->s);
}

double heal_learn_rng_uniform(struct heal_learn_rng *r)
{
	/* 53 random bits, never 0 or 1 */
	return ((double)(splitmix64(&r->s) >> 11) + 0.5) / 9007199254740992.0;
}

static double normal(struct heal_learn_rng *r)
{
	double u = heal_learn_rng_uniform(r), v = heal_learn_rng_uniform(r);

	return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

/* Gamma(a, 1) by Marsaglia and Tsang; a > 0. */
static double gamma_draw(struct heal_learn_rng *r, double a)
{
	double d, c;

	if (a < 1.0)
		return gamma_draw(r, a + 1.0) * pow(heal_learn_rng_uniform(r), 1.0 / a);
	d = a - 1.0 / 3.0;
	c = 1.0 / sqrt(9.0 * d);
	for (;;) {
		double x = normal(r), v = 1.0 + c * x, u;

		if (v <= 0)
			continue;
		v = v * v * v;
		u = heal_learn_rng_uniform(r);
		if (log(u) < 0.5 * x * x + d - d * v + d * log(v))
			return d * v;
	}
}

double heal_learn_sample(struct heal_learn_rng *r, double prior,
			 int64_t passed, int64_t failed)
{
	double w = HEAL_LEARN_WEIGHT, a, b, x, y;

	if (prior < 0.001)
		prior = 0.001;
	if (prior > 0.999)
		prior = 0.999;
	a = prior * w + (double)passed;
	b = (1 - prior) * w + (double)failed;
	x = gamma_draw(r, a);
	y = gamma_draw(r, b);
	return x + y > 0 ? x / (x + y) : prior;
}
