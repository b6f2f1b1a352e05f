#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_cand.h"

void heal_cands_init(struct heal_cands *c)
{
	memset(c, 0, sizeof(*c));
}

void heal_cands_release(struct heal_cands *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++) {
		heal_json_free(c->v[i].fix);
		free(c->v[i].rule);
		free(c->v[i].why);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

struct heal_cand *heal_cands_add(struct heal_cands *c, struct heal_json *fix,
				 enum heal_cand_source source,
				 const char *rule, double conf)
{
	struct heal_cand *k;

	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 8;
		c->v = heal_reallocarray(c->v, c->cap, sizeof(*c->v));
	}
	k = &c->v[c->n];
	memset(k, 0, sizeof(*k));
	k->fix = fix;
	k->rule = rule ? heal_strdup(rule) : NULL;
	k->source = source;
	k->prior = k->confidence = conf;
	k->order = c->n;
	c->n++;
	return k;
}

const char *heal_cand_source_name(enum heal_cand_source s)
{
	switch (s) {
	case HEAL_CAND_FIXIT: return "fixit";
	case HEAL_CAND_RULE: return "rule";
	case HEAL_CAND_LLM: return "llm";
	case HEAL_CAND_SEARCH: return "search";
	}
	return "rule";
}

struct heal_json *heal_cand_new(const char *description)
{
	struct heal_json *f = heal_json_new_object();

	heal_json_object_set_str(f, "id", "");
	heal_json_object_set_str(f, "description", description ? description : "");
	heal_json_object_set_int(f, "confidence", 0);
	heal_json_object_set_str(f, "risk", "medium");
	heal_json_object_set_str(f, "source", "rule");
	heal_json_object_set(f, "rule", heal_json_new_null());
	return f;
}

void heal_cand_add_edit(struct heal_json *fix, const char *file, size_t start,
		       size_t end, const char *text, size_t text_len,
		       const char *sha256)
{
	struct heal_json *edits = heal_json_object_get(fix, "edits");
	struct heal_json *e = heal_json_new_object();
	size_t i;

	if (!edits) {
		edits = heal_json_new_array();
		heal_json_object_set(fix, "edits", edits);
	}
	heal_json_object_set_str(e, "file", file);
	heal_json_object_set_int(e, "start", (int64_t)start);
	heal_json_object_set_int(e, "end", (int64_t)end);
	heal_json_object_set(e, "text", heal_json_new_stringn(text, text_len));
	heal_json_object_set_str(e, "sha256", sha256);
	heal_json_array_append(edits, e);
	/* keep edits in file, start order */
	for (i = edits->u.arr.n - 1; i > 0; i--) {
		struct heal_json *a = edits->u.arr.v[i - 1], *b = edits->u.arr.v[i];
		int64_t sa = 0, sb = 0;
		int fc = strcmp(heal_json_object_get_str(a, "file"),
				heal_json_object_get_str(b, "file"));

		heal_json_object_get_int(a, "start", 0, INT64_MAX, &sa);
		heal_json_object_get_int(b, "start", 0, INT64_MAX, &sb);
		if (fc < 0 || (fc == 0 && sa <= sb))
			break;
		edits->u.arr.v[i - 1] = b;
		edits->u.arr.v[i] = a;
	}
}

double heal_cand_round(double x)
{
	if (!(x > 0))
		return 0;
	if (x > 1)
		return 1;
	return round(x * 1000) / 1000;
}

/* The action part of a fix, serialized, for duplicate detection. */
static char *action_key(const struct heal_json *fix)
{
	static const char *const keys[] = { "edits", "command", "chmod", "mkdir" };
	struct heal_buf b;
	size_t i;

	heal_buf_init(&b, (size_t)-2);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const struct heal_json *v = heal_json_object_get(fix, keys[i]);

		heal_buf_puts(&b, keys[i]);
		heal_buf_putc(&b, '=');
		if (v)
			heal_json_serialize(&b, v, NULL);
		heal_buf_putc(&b, ';');
	}
	return heal_buf_detach(&b, NULL);
}

static int cmp_cand(const void *pa, const void *pb)
{
	const struct heal_cand *a = pa, *b = pb;
	double ca = heal_cand_round(a->confidence);
	double cb = heal_cand_round(b->confidence);

	if (ca != cb)
		return ca > cb ? -1 : 1;
	if (a->source != b->source)
		return a->source < b->source ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

void heal_cands_finish(struct heal_cands *c)
{
	char **keys;
	size_t i, j, n = 0;

	if (c->n == 0)
		return;
	qsort(c->v, c->n, sizeof(*c->v), cmp_cand);
	keys = heal_calloc(c->n, sizeof(*keys));
	for (i = 0; i < c->n; i++) {
		char *k = action_key(c->v[i].fix);
		bool dup = false;

		for (j = 0; j < n && !dup; j++)
			dup = strcmp(keys[j], k) == 0;
		if (dup) {
			free(k);
			heal_json_free(c->v[i].fix);
			free(c->v[i].rule);
			free(c->v[i].why);
			continue;
		}
		keys[n] = k;
		c->v[n] = c->v[i];
		n++;
	}
	c->n = n;
	heal_cands_order_variants(c);
	for (i = 0; i < n; i++) {
		struct heal_cand *k = &c->v[i];
		struct heal_buf id;
		const char *base = k->rule ? k->rule : heal_cand_source_name(k->source);

		free(keys[i]);
		heal_buf_init(&id, 4096);
		heal_buf_putf(&id, "%s.%zu", base, i + 1);
		heal_json_object_set_str(k->fix, "id", heal_buf_str(&id));
		heal_buf_release(&id);
		heal_json_object_set(k->fix, "confidence",
				     heal_json_new_double(heal_cand_round(k->confidence)));
		heal_json_object_set_str(k->fix, "source",
					 heal_cand_source_name(k->source));
		if (k->rule)
			heal_json_object_set_str(k->fix, "rule", k->rule);
		else
			heal_json_object_set(k->fix, "rule", heal_json_new_null());
		if (k->variant) {
			struct heal_json *v = heal_json_new_object();

			heal_json_object_set_str(v, "selection", "thompson");
			heal_json_object_set(v, "draw",
					     heal_json_new_double(heal_cand_round(k->draw)));
			heal_json_object_set_int(v, "trials", k->passed + k->failed);
			heal_json_object_set_int(v, "successes", k->passed);
			heal_json_object_set(k->fix, "variant", v);
		}
	}
	free(keys);
}

void heal_cands_order_variants(struct heal_cands *c)
{
	size_t *pos, n = 0, i, j;
	struct heal_cand *v;

	pos = heal_calloc(c->n + 1, sizeof(*pos));
	for (i = 0; i < c->n; i++)
		if (c->v[i].variant)
			pos[n++] = i;
	if (n < 2) {
		/* a lone variant has nothing to compete with */
		for (i = 0; i < n; i++)
			c->v[pos[i]].variant = false;
		free(pos);
		return;
	}
	v = heal_calloc(n, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = c->v[pos[i]];
	/* insertion sort by draw, highest first; stable */
	for (i = 1; i < n; i++) {
		struct heal_cand k = v[i];

		for (j = i; j > 0 && v[j - 1].draw < k.draw; j--)
			v[j] = v[j - 1];
		v[j] = k;
	}
	for (i = 0; i < n; i++)
		c->v[pos[i]] = v[i];
	free(v);
	free(pos);
}
