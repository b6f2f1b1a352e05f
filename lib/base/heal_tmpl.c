#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_tmpl.h"

#define TMPL_NAME_MAX 64

void heal_vars_init(struct heal_vars *v)
{
	memset(v, 0, sizeof(*v));
}

void heal_vars_release(struct heal_vars *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->n; i++) {
		free(v->v[i].name);
		free(v->v[i].val);
	}
	free(v->v);
	memset(v, 0, sizeof(*v));
}

void heal_vars_setn(struct heal_vars *v, const char *name, const char *val,
		    size_t len)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (strcmp(v->v[i].name, name) == 0) {
			free(v->v[i].val);
			v->v[i].val = heal_strndup(val, len);
			return;
		}
	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 16;
		v->v = heal_reallocarray(v->v, v->cap, sizeof(*v->v));
	}
	v->v[v->n].name = heal_strdup(name);
	v->v[v->n].val = heal_strndup(val, len);
	v->n++;
}

void heal_vars_set(struct heal_vars *v, const char *name, const char *val)
{
	heal_vars_setn(v, name, val, strlen(val));
}

const char *heal_vars_get(const struct heal_vars *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (strcmp(v->v[i].name, name) == 0)
			return v->v[i].val;
	return NULL;
}

static bool name_char(char c, bool first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       (!first && c >= '0' && c <= '9');
}

/* Parse "${name}" at t (t[0] == '$', t[1] == '{'): name length, or 0. */
static size_t parse_ref(const char *t, char name[TMPL_NAME_MAX + 1])
{
	size_t i = 2, k = 0;

	while (name_char(t[i], k == 0) && k < TMPL_NAME_MAX)
		name[k++] = t[i++];
	if (k == 0 || t[i] != '}')
		return 0;
	name[k] = '\0';
	return i + 1;
}

static int add_regex_escaped(struct heal_buf *out, const char *s,
			     struct heal_error *err)
{
	for (; *s; s++) {
		if (strchr("\\^$.|?*+()[]{}/#- \t", *s) &&
		    heal_buf_addc(out, '\\', err) < 0)
			return -1;
		if (*s == '\t' || *s == ' ') {
			if (heal_buf_adds(out, *s == '\t' ? "t" : "x20", err) < 0)
				return -1;
			continue;
		}
		if (heal_buf_addc(out, *s, err) < 0)
			return -1;
	}
	return 0;
}

int heal_tmpl_expand(const struct heal_vars *v, const char *tmpl, bool regex,
		     struct heal_buf *out, struct heal_error *err)
{
	const char *t = tmpl;

	while (*t) {
		char name[TMPL_NAME_MAX + 1];
		const char *val;
		size_t k;

		if (t[0] != '$' || (t[1] != '{' && t[1] != '$')) {
			if (heal_buf_addc(out, *t++, err) < 0)
				return -1;
			continue;
		}
		if (t[1] == '$') {
			if (heal_buf_addc(out, '$', err) < 0)
				return -1;
			t += 2;
			continue;
		}
		k = parse_ref(t, name);
		if (!k)
			return heal_error_set(err, HEAL_ERR_INPUT,
					      "malformed '${' in template");
		val = heal_vars_get(v, name);
		if (!val)
			return heal_error_set(err, HEAL_ERR_INPUT,
					      "'%s' is not set", name);
		if (regex ? add_regex_escaped(out, val, err) < 0
			  : heal_buf_adds(out, val, err) < 0)
			return -1;
		t += k;
	}
	return 0;
}

char *heal_tmpl_dup(const struct heal_vars *v, const char *tmpl, bool regex,
		    struct heal_error *err)
{
	struct heal_buf b;

	heal_buf_init(&b, 1u << 22);
	if (heal_tmpl_expand(v, tmpl, regex, &b, err) < 0) {
		heal_buf_release(&b);
		return NULL;
	}
	return heal_buf_detach(&b, NULL);
}

int heal_tmpl_check(const char *tmpl,
		    bool (*known)(void *ctx, const char *name), void *ctx,
		    struct heal_error *err)
{
	const char *t = tmpl;

	while (*t) {
		char name[TMPL_NAME_MAX + 1];
		size_t k;

		if (t[0] != '$' || (t[1] != '{' && t[1] != '$')) {
			t++;
			continue;
		}
		if (t[1] == '$') {
			t += 2;
			continue;
		}
		k = parse_ref(t, name);
		if (!k)
			return heal_error_set(err, HEAL_ERR_INPUT,
					      "malformed '${' in template");
		if (known && !known(ctx, name))
			return heal_error_set(err, HEAL_ERR_INPUT,
					      "unknown variable '${%s}'", name);
		t += k;
	}
	return 0;
}
