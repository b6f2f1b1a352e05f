/*
 * Matching: a record against every rule in order (a pending rule loaded,
 * a lazy one compiled, when the record can use it), then the rule's
 * conditions on the source, its resolvers and its action; each fix
 * becomes a candidate, the verdict comes from the rule that says the
 * most, and --explain gets a line per rule that matched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_actions.h"
#include "heal_alloc.h"
#include "heal_regex.h"
#include "heal_rules.h"
#include "heal_rules_int.h"
#include "heal_source.h"
#include "heal_tmpl.h"

/* ---- matching ------------------------------------------------------------ */

void heal_rule_verdict_release(struct heal_rule_verdict *v)
{
	if (!v)
		return;
	free(v->rule);
	free(v->category);
	free(v->root_cause);
	memset(v, 0, sizeof(*v));
}

static bool in_list(const struct heal_json *list, const char *s)
{
	size_t i;

	if (!list)
		return true;
	if (!s)
		return false;
	if (list->type == HEAL_JSON_STRING)
		return strcmp(list->u.str.s, s) == 0;
	for (i = 0; i < list->u.arr.n; i++)
		if (strcmp(list->u.arr.v[i]->u.str.s, s) == 0)
			return true;
	return false;
}

/* Named groups of the last match of re into vars. */
static void capture(const struct heal_regex *re, struct heal_vars *vars)
{
	uint32_t i, num, n = heal_regex_name_count(re);

	for (i = 0; i < n; i++) {
		const char *name = heal_regex_name(re, i, &num), *g;
		size_t gl;

		if (heal_regex_group(re, num, &g, &gl) && !memchr(g, '\0', gl))
			heal_vars_setn(vars, name, g, gl);
		else if (!heal_vars_get(vars, name))
			heal_vars_set(vars, name, "");
	}
}

static bool match_field(struct heal_regex *re, const char *subject)
{
	return subject && heal_regex_match(re, subject, strlen(subject), 0) == 1;
}

struct rec_view {
	const struct heal_json *rec;
	const char *tool, *env, *code, *message, *detail, *file;
	int64_t line, column;
	char *context;
	struct heal_vars base;
};

static void view_init(struct rec_view *v, const struct heal_json *rec,
		      const char *file_rel)
{
	const struct heal_json *notes = heal_json_object_get(rec, "notes");
	const char *s;
	struct heal_buf b;
	char num[32];
	size_t i;

	memset(v, 0, sizeof(*v));
	v->rec = rec;
	v->tool = heal_json_object_get_str(rec, "tool");
	v->env = heal_json_object_get_str(rec, "env");
	v->code = heal_json_object_get_str(rec, "code");
	v->message = heal_json_object_get_str(rec, "message");
	v->detail = heal_json_object_get_str(rec, "detail");
	v->file = file_rel;
	if (heal_json_object_get_int(rec, "line", 1, INT32_MAX, &v->line) != 1)
		v->line = 0;
	if (heal_json_object_get_int(rec, "column", 1, INT32_MAX, &v->column) != 1)
		v->column = 0;
	heal_buf_init(&b, 1u << 22);
	heal_buf_puts(&b, v->message ? v->message : "");
	if ((s = heal_json_object_get_str(rec, "hint")))
		heal_buf_putf(&b, "\n%s", s);
	if (v->detail)
		heal_buf_putf(&b, "\n%s", v->detail);
	for (i = 0; notes && notes->type == HEAL_JSON_ARRAY && i < notes->u.arr.n; i++)
		if ((s = heal_json_object_get_str(notes->u.arr.v[i], "message")))
			heal_buf_putf(&b, "\n%s", s);
	if ((s = heal_json_object_get_str(rec, "raw")))
		heal_buf_putf(&b, "\n%s", s);
	v->context = heal_buf_detach(&b, NULL);
	heal_vars_init(&v->base);
	heal_vars_set(&v->base, "tool", v->tool ? v->tool : "");
	heal_vars_set(&v->base, "env", v->env ? v->env : "");
	heal_vars_set(&v->base, "code", v->code ? v->code : "");
	heal_vars_set(&v->base, "message", v->message ? v->message : "");
	heal_vars_set(&v->base, "severity", (s = heal_json_object_get_str(rec, "severity")) ? s : "");
	heal_vars_set(&v->base, "hint", (s = heal_json_object_get_str(rec, "hint")) ? s : "");
	heal_vars_set(&v->base, "detail", v->detail ? v->detail : "");
	if (file_rel) {
		const char *sl = strrchr(file_rel, '/');

		heal_vars_set(&v->base, "file", file_rel);
		heal_vars_setn(&v->base, "dir", file_rel, sl ? (size_t)(sl - file_rel) : 0);
		heal_vars_set(&v->base, "base", sl ? sl + 1 : file_rel);
	}
	snprintf(num, sizeof(num), "%lld", (long long)v->line);
	heal_vars_set(&v->base, "line", v->line ? num : "");
	snprintf(num, sizeof(num), "%lld", (long long)v->column);
	heal_vars_set(&v->base, "column", v->column ? num : "");
}

static void view_release(struct rec_view *v)
{
	free(v->context);
	heal_vars_release(&v->base);
}

static bool paths_hold(struct heal_sources *src, const struct heal_json *list,
		       struct heal_vars *vars, bool want)
{
	size_t i, n;

	if (!list)
		return true;
	n = list->type == HEAL_JSON_ARRAY ? list->u.arr.n : 1;
	for (i = 0; i < n; i++) {
		const struct heal_json *t = list->type == HEAL_JSON_ARRAY ? list->u.arr.v[i] : list;
		char *p = heal_tmpl_dup(vars, t->u.str.s, false, NULL);
		char *rel = NULL;
		bool ok = false;

		if (p && *p && heal_root_relpath(src->root, NULL, p, strlen(p), &rel) == HEAL_REL_INSIDE)
			ok = heal_source_exists(src, rel, NULL, NULL);
		free(p);
		free(rel);
		if (ok != want)
			return false;
	}
	return true;
}

/* A regex template matched against subject; captures go to vars. */
static bool tmpl_matches(const struct heal_json *def, const char *field,
			 const char *subject, size_t len, struct heal_vars *vars)
{
	const char *t = heal_json_object_get_str(def, field);
	struct heal_regex re;
	char *pat;
	bool m;

	if (!t)
		return true;
	pat = heal_tmpl_dup(vars, t, true, NULL);
	if (!pat || heal_regex_compile(&re, pat, 0, NULL) < 0) {
		free(pat);
		return false;
	}
	m = heal_regex_match(&re, subject, len, 0) == 1;
	if (m)
		capture(&re, vars);
	heal_regex_release(&re);
	free(pat);
	return m;
}

static bool conditions_hold(struct heal_sources *src, const struct rule *r,
			    struct rec_view *v, struct heal_vars *vars)
{
	const struct heal_json *def = r->def;
	const struct heal_source_file *f = NULL;

	if (!paths_hold(src, heal_json_object_get(def, "exists"), vars, true) ||
	    !paths_hold(src, heal_json_object_get(def, "absent"), vars, false))
		return false;
	if (heal_json_object_get(def, "line_matches") ||
	    heal_json_object_get(def, "file_matches") ||
	    heal_json_object_get(def, "file_not_matches")) {
		const char *in = heal_json_object_get_str(def, "in_file");
		size_t ls, ll;

		if (in) {
			/* another file than the error's: the script it ran */
			char *p = heal_tmpl_dup(vars, in, false, NULL);
			char *rel = NULL;

			if (p && *p && heal_root_relpath(src->root, NULL, p, strlen(p),
							 &rel) == HEAL_REL_INSIDE)
				f = heal_sources_get(src, rel, NULL);
			free(p);
			free(rel);
		} else if (v->file) {
			f = heal_sources_get(src, v->file, NULL);
		}
		if (!f)
			return false;
		if (heal_json_object_get(def, "line_matches") &&
		    (in || !v->line || !heal_source_line(f, (size_t)v->line, &ls, &ll) ||
		     !tmpl_matches(def, "line_matches", f->data + ls, ll, vars)))
			return false;
		if (!tmpl_matches(def, "file_matches", f->data, f->len, vars))
			return false;
		if (heal_json_object_get(def, "file_not_matches") &&
		    tmpl_matches(def, "file_not_matches", f->data, f->len, vars))
			return false;
	}
	return true;
}

static char *expand_or(const struct heal_vars *vars, const struct heal_json *def,
		       const char *field, const char *dflt)
{
	const char *t = heal_json_object_get_str(def, field);
	char *s;

	if (!t)
		return dflt ? heal_strdup(dflt) : NULL;
	s = heal_tmpl_dup(vars, t, false, NULL);
	return s ? s : heal_strdup(t);
}

/* The verdict of rule r, when its root cause can be said with vars. */
static bool set_verdict(struct heal_rule_verdict *vd, const struct rule *r,
			const struct heal_vars *vars)
{
	char *cause = heal_tmpl_dup(vars, heal_json_object_get_str(r->def, "root_cause"),
				    false, NULL);

	if (!cause)
		return false;
	heal_rule_verdict_release(vd);
	vd->rule = heal_strdup(r->id);
	vd->category = heal_strdup(heal_json_object_get_str(r->def, "category"));
	vd->root_cause = cause;
	vd->severity = r->severity;
	return true;
}

/*
 * The rule's second edit ("also") into the same fix: 1 whether it applies
 * or not (a header already included), -1 on an internal error.
 */
static int run_also(struct heal_act *a, const struct rule *r,
		    struct heal_error *err)
{
	const struct heal_json *also = heal_json_object_get(r->def, "also");
	const struct heal_action_def *act =
		heal_actions_find(heal_json_object_get_str(also, "action"));
	const struct heal_json *args = a->args;
	int got;

	if (!act)
		return 1;
	a->args = heal_json_object_get(also, "args");
	got = act->fn(a, err);
	a->args = args;
	return got < 0 ? -1 : 1;
}

/* The resolvers in the order the rule writes them: a later one may use
 * what an earlier one found (make.variable-typo: the one unset name, then
 * the set one near it). */
static int run_resolvers(struct heal_act *a, const struct rule *r,
			 struct heal_error *err)
{
	size_t m, k, i;

	for (m = 0; r->def->type == HEAL_JSON_OBJECT && m < r->def->u.obj.n; m++) {
		const struct heal_json *v = r->def->u.obj.m[m].val;
		size_t n;

		for (k = 0; heal_rules_resolver_kinds[k]; k++)
			if (strcmp(r->def->u.obj.m[m].key, heal_rules_resolver_kinds[k]) == 0)
				break;
		if (!heal_rules_resolver_kinds[k])
			continue;
		n = v->type == HEAL_JSON_ARRAY ? v->u.arr.n : 1;
		for (i = 0; i < n; i++) {
			int rc = heal_actions_resolve(a, heal_rules_resolver_kinds[k],
				v->type == HEAL_JSON_ARRAY ? v->u.arr.v[i] : v, err);

			if (rc <= 0)
				return rc;
		}
	}
	return 1;
}

int heal_rules_apply(struct heal_rules *rs, struct heal_sources *src,
		     const struct heal_json *rec, const char *file_rel,
		     struct heal_cands *out, struct heal_rule_verdict *verdict,
		     struct heal_buf *explain, struct heal_error *err)
{
	struct rec_view v;
	struct heal_buf why;
	bool have_fix = false, verdict_generic = false;
	size_t i;
	int rc = 0;

	memset(verdict, 0, sizeof(*verdict));
	view_init(&v, rec, file_rel);
	heal_buf_init(&why, 4096);
	for (i = 0; i < rs->n && rc == 0; i++) {
		struct rule *r = &rs->v[i];
		struct heal_vars vars;
		struct heal_act a;
		struct heal_json *fix;
		size_t k;
		int got;

		if (!r->def) {
			/* a rule of a skimmed file, loaded on its first record */
			if (!heal_rules_span_lists(r->tool, r->tool_len, v.tool) ||
			    !heal_rules_span_lists(r->env, r->env_len, v.env))
				continue;
			if (heal_rules_load_pending(rs, r, err) < 0) {
				rc = -1;
				break;
			}
		}
		if (!in_list(r->tools, v.tool) || !in_list(r->envs, v.env))
			continue;
		/*
		 * a rule whose message pattern needs a literal this message
		 * lacks cannot match it: it is not compiled for it
		 */
		if (!r->compiled &&
		    !heal_regex_need_met(&r->need, v.message ? v.message : "",
					 v.message ? strlen(v.message) : 0))
			continue;
		if (!r->compiled && heal_rules_rule_compile(r, err) < 0) {
			rc = -1;
			break;
		}
		if (r->has_code && (!v.code || heal_regex_match(&r->code, v.code, strlen(v.code), 0) != 1))
			continue;
		if (!match_field(&r->message, v.message) ||
		    (r->has_detail && !match_field(&r->detail, v.detail)) ||
		    (r->has_context && !match_field(&r->context, v.context)))
			continue;
		/* the record's variables, then each field's groups, the later
		 * ones winning; only for a rule whose fields all match */
		heal_vars_init(&vars);
		for (k = 0; k < v.base.n; k++)
			heal_vars_set(&vars, v.base.v[k].name, v.base.v[k].val);
		if (r->has_code)
			capture(&r->code, &vars);
		capture(&r->message, &vars);
		if (r->has_detail)
			capture(&r->detail, &vars);
		if (r->has_context)
			capture(&r->context, &vars);
		if (!conditions_hold(src, r, &v, &vars)) {
			heal_vars_release(&vars);
			continue;
		}
		/* a rule for a tool or an environment says more than a generic one */
		if (!verdict->rule || (verdict_generic && !have_fix &&
				       (r->tools || r->envs))) {
			if (set_verdict(verdict, r, &vars))
				verdict_generic = !r->tools && !r->envs;
		}
		memset(&a, 0, sizeof(a));
		a.src = src;
		a.rec = rec;
		a.args = heal_json_object_get(r->def, "args");
		a.table = heal_rules_table;
		a.table_lacks = heal_rules_table_lacks;
		a.table_ctx = rs;
		a.vars = &vars;
		a.file = file_rel;
		a.line = v.line;
		a.column = v.column;
		a.installer = rs->installer;
		a.why = &why;
		heal_buf_reset(&why);
		fix = heal_cand_new(NULL);
		a.fix = fix;
		got = run_resolvers(&a, r, err);
		/* a classifying rule may name what its resolvers found */
		if (got > 0 && !have_fix && (!verdict->rule || verdict_generic ||
					     strcmp(verdict->rule, r->id) == 0) &&
		    set_verdict(verdict, r, &vars))
			verdict_generic = !r->tools && !r->envs;
		if (got > 0)
			got = r->action->fn(&a, err);
		if (got > 0 && heal_json_object_get(r->def, "also"))
			got = run_also(&a, r, err);
		if (got >= 0 && rs->lazy_err.code) {
			/* a table of heal's own did not parse on its first look-up */
			*err = rs->lazy_err;
			got = -1;
		}
		if (got < 0) {
			rc = -1;
		} else if (got > 0) {
			char *desc = expand_or(&vars, r->def, "description", "");
			char *s;
			struct heal_cand *c;

			heal_json_object_set_str(fix, "description", desc);
			heal_json_object_set_str(fix, "risk",
				heal_json_object_get_str(r->def, "risk") ?
				heal_json_object_get_str(r->def, "risk") : "medium");
			if ((s = expand_or(&vars, r->def, "verify", NULL))) {
				heal_json_object_set_str(fix, "verify", s);
				free(s);
			}
			if ((s = expand_or(&vars, r->def, "rollback", NULL))) {
				heal_json_object_set_str(fix, "rollback", s);
				free(s);
			}
			if (!have_fix)
				set_verdict(verdict, r, &vars);
			have_fix = true;
			c = heal_cands_add(out, fix, HEAL_CAND_RULE, r->id, r->confidence);
			fix = NULL;
			c->why = heal_strdup(desc);
			if (explain)
				heal_buf_putf(explain, "rule %s (%s:%zu) matched: %s\n",
					      r->id, r->src, r->line, desc);
			free(desc);
		} else if (explain) {
			heal_buf_putf(explain, "rule %s (%s:%zu) matched, no fix: %s\n",
				      r->id, r->src, r->line, heal_buf_str(&why));
		}
		heal_json_free(fix);
		heal_vars_release(&vars);
	}
	heal_buf_release(&why);
	view_release(&v);
	return rc;
}
