/*
 * Loading rule files: read a file or a directory of them, check each rule
 * (fields, types, the action and its arguments, its regular expressions
 * and templates) with a "FILE:LINE: rule 'ID': field 'F': reason" for the
 * first fault, keep the id map and join the files' tables.  A file of
 * heal's own loaded with HEAL_RULES_LAZY goes to heal_rules_skim.c first;
 * the checks of a rule it defers are the ones here.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_actions.h"
#include "heal_alloc.h"
#include "heal_record.h"
#include "heal_regex.h"
#include "heal_rules.h"
#include "heal_rules_int.h"
#include "heal_strmap.h"
#include "heal_text.h"
#include "heal_tmpl.h"

/* Variables every record provides, and those actions set. */
static const char *const builtin_vars[] = {
	"file", "dir", "base", "line", "column", "tool", "code", "message",
	"hint", "detail", "env", "severity",
	"old", "new", "header", "indent", "step", "closer", "opener_line", "prototype",
	"value", "closers", "target", "mode", "command", "dist", "flag", NULL
};

const char *const heal_rules_resolver_kinds[] = {
	"lookup", "closest", "path", "find", "holds", "translate", "single", NULL
};

/* The members a rule may have, in strcmp order (bsearch). */
static const char *const known_fields[] = {
	"absent", "action", "also", "args", "category", "closest", "code", "comment",
	"confidence", "context", "description", "detail", "env", "exists",
	"file_matches", "file_not_matches", "find", "holds", "id",
	"in_file", "line_matches", "lookup", "message", "path", "risk", "rollback",
	"root_cause", "severity", "single", "tool", "translate", "verify",
};

/* The regex templates checked against the source file. */
static const char *const condition_fields[] = {
	"line_matches", "file_matches", "file_not_matches", NULL
};

struct heal_rules *heal_rules_new(void)
{
	struct heal_rules *rs = heal_calloc(1, sizeof(*rs));

	rs->tables = heal_json_new_object();
	heal_strmap_init(&rs->ids);
	return rs;
}

static void rule_regexes_release(struct rule *r)
{
	heal_regex_release(&r->message);
	if (r->has_code)
		heal_regex_release(&r->code);
	if (r->has_detail)
		heal_regex_release(&r->detail);
	if (r->has_context)
		heal_regex_release(&r->context);
	r->has_code = r->has_detail = r->has_context = false;
}

static void rule_release(struct rule *r)
{
	free(r->id);
	r->id = NULL;
	heal_regex_need_release(&r->need);
	rule_regexes_release(r);
}

void heal_rules_free(struct heal_rules *rs)
{
	size_t i;

	if (!rs)
		return;
	for (i = 0; i < rs->n; i++)
		rule_release(&rs->v[i]);
	free(rs->v);
	for (i = 0; i < rs->nfiles; i++)
		free(rs->files[i]);
	free(rs->files);
	heal_json_free(rs->tables);
	for (i = 0; i < rs->nrfiles; i++) {
		free(rs->rfiles[i]->text);
		free(rs->rfiles[i]);
	}
	free(rs->rfiles);
	free(rs->ptables);
	heal_strv_release(&rs->installer_own);
	for (i = 0; i < rs->ndocs; i++)
		heal_json_arena_free(rs->docs[i]);
	free(rs->docs);
	heal_strmap_release(&rs->ids);
	free(rs);
}

size_t heal_rules_count(const struct heal_rules *rs)
{
	return rs->n;
}

void heal_rules_set_installer(struct heal_rules *rs, const char *const *argv)
{
	rs->installer = argv;
}

void heal_rules_installer_from_env(struct heal_rules *rs)
{
	const char *p = getenv("HEAL_PYTHON_INSTALLER");

	heal_strv_release(&rs->installer_own);
	rs->installer = NULL;
	while (p && *p && rs->installer_own.n < 16) {
		size_t n;
		char *w;

		p += strspn(p, " \t");
		n = strcspn(p, " \t");
		if (!n)
			break;
		w = heal_strndup(p, n);
		heal_strv_add(&rs->installer_own, w);
		free(w);
		p += n;
	}
	if (rs->installer_own.n)
		rs->installer = (const char *const *)rs->installer_own.v;
}

/* ---- checking a rule ------------------------------------------------------ */

/* The number of newlines in p[0..n). */
size_t heal_rules_count_newlines(const char *p, size_t n)
{
	const char *end = p + n;
	size_t k = 0;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

static size_t line_of_offset(const char *text, size_t len, size_t off)
{
	return 1 + heal_rules_count_newlines(text, off < len ? off : len);
}

/*
 * The line of a rule's id in its file.  Rules come in file order, so the
 * search goes on from the previous id (one pass over the file for all of
 * them), and only falls back to the whole file when the id is not found
 * after it.
 */
static size_t line_of_id(struct loader *ld, const char *id)
{
	struct heal_buf b;
	const char *hit;
	size_t line = 0, off;

	if (!ld->text)
		return 0;
	heal_buf_init(&b, (size_t)-2);
	heal_buf_putc(&b, '"');
	heal_buf_puts(&b, id);
	heal_buf_putc(&b, '"');
	if (ld->mark > ld->len)
		ld->mark = 0;
	if (!ld->mark_line)
		ld->mark_line = 1;
	hit = memmem(ld->text + ld->mark, ld->len - ld->mark, b.data, b.len);
	if (hit) {
		off = (size_t)(hit - ld->text);
		line = ld->mark_line + heal_rules_count_newlines(ld->text + ld->mark, off - ld->mark);
		ld->mark = off;
		ld->mark_line = line;
	} else if ((hit = memmem(ld->text, ld->len, b.data, b.len))) {
		line = line_of_offset(ld->text, ld->len,
				      (size_t)(hit - ld->text));
	}
	heal_buf_release(&b);
	return line;
}

static int rule_error(struct loader *ld, const char *field,
		      struct heal_error *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int rule_error(struct loader *ld, const char *field,
		      struct heal_error *err, const char *fmt, ...)
{
	char reason[HEAL_ERROR_MSG_MAX];
	const char *id = ld->r && ld->r->id ? ld->r->id : NULL;
	size_t line = id ? ld->r->line : 0;
	struct heal_buf b;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	heal_buf_init(&b, HEAL_ERROR_MSG_MAX - 1);
	heal_buf_puts(&b, ld->name);
	if (line)
		heal_buf_putf(&b, ":%zu", line);
	if (id)
		heal_buf_putf(&b, ": rule '%s'", id);
	else
		heal_buf_putf(&b, ": rule %zu", ld->index + 1);
	if (field)
		heal_buf_putf(&b, ": field '%s'", field);
	heal_buf_putf(&b, ": %s", reason);
	heal_error_set(err, HEAL_ERR_INPUT, "%s", heal_buf_str(&b));
	heal_buf_release(&b);
	return -1;
}

static void add_name(struct loader *ld, const char *s, size_t n)
{
	ld->names = heal_reallocarray(ld->names, ld->nnames + 1, sizeof(*ld->names));
	ld->names[ld->nnames++] = heal_strndup(s, n);
}

static void names_reset(struct loader *ld)
{
	size_t i;

	for (i = 0; i < ld->nnames; i++)
		free(ld->names[i]);
	ld->nnames = 0;
}

void heal_rules_loader_release(struct loader *ld)
{
	names_reset(ld);
	free(ld->names);
	ld->names = NULL;
}

/* The named groups of a compiled pattern become variables the rule may use. */
static void add_group_names(struct loader *ld, const struct heal_regex *re)
{
	uint32_t i, n = heal_regex_name_count(re);

	for (i = 0; i < n; i++) {
		const char *name = heal_regex_name(re, i, NULL);

		add_name(ld, name, strlen(name));
	}
}

/*
 * A regex template compiled with each variable standing for a plain word,
 * as a value is substituted quoted: checks the pattern and names its groups
 * before any value is known.
 */
static int compile_template(const char *tmpl, struct heal_regex *re,
			    struct heal_error *err)
{
	struct heal_buf b;
	const char *p;
	int rc;

	heal_buf_init(&b, HEAL_RULES_MAX_FILE);
	for (p = tmpl; *p; p++) {
		if (p[0] == '$' && p[1] == '$') {
			heal_buf_putc(&b, '$');
			p++;
		} else if (p[0] == '$' && p[1] == '{' && strchr(p, '}')) {
			heal_buf_putc(&b, 'x');
			p = strchr(p, '}');
		} else {
			heal_buf_putc(&b, *p);
		}
	}
	rc = heal_regex_compile(re, heal_buf_str(&b), 0, err);
	heal_buf_release(&b);
	return rc;
}

static bool known_var(void *ctx, const char *name)
{
	struct loader *ld = ctx;
	size_t i;

	for (i = 0; builtin_vars[i]; i++)
		if (strcmp(builtin_vars[i], name) == 0)
			return true;
	for (i = 0; i < ld->nnames; i++)
		if (strcmp(ld->names[i], name) == 0)
			return true;
	return false;
}

/* Check every template string below v (objects and arrays recursively). */
static int check_templates(struct loader *ld, const char *field,
			   const struct heal_json *v, struct heal_error *err)
{
	struct heal_error e = HEAL_ERROR_INIT;
	size_t i;

	switch (v->type) {
	case HEAL_JSON_STRING:
		if (heal_tmpl_check(v->u.str.s, known_var, ld, &e) < 0)
			return rule_error(ld, field, err, "%s", e.msg);
		return 0;
	case HEAL_JSON_ARRAY:
		for (i = 0; i < v->u.arr.n; i++)
			if (check_templates(ld, field, v->u.arr.v[i], err) < 0)
				return -1;
		return 0;
	case HEAL_JSON_OBJECT:
		for (i = 0; i < v->u.obj.n; i++)
			if (check_templates(ld, field, v->u.obj.m[i].val, err) < 0)
				return -1;
		return 0;
	default:
		return 0;
	}
}

/* The templates of every member but the patterns, with the rule's variables. */
static int check_rule_templates(struct loader *ld, const struct heal_json *def,
				struct heal_error *err)
{
	size_t i;

	for (i = 0; i < def->u.obj.n; i++) {
		const char *key = def->u.obj.m[i].key;

		if (strcmp(key, "message") == 0 || strcmp(key, "code") == 0 ||
		    strcmp(key, "context") == 0 || strcmp(key, "detail") == 0 ||
		    strcmp(key, "id") == 0 ||
		    strcmp(key, "comment") == 0)
			continue;
		if (check_templates(ld, key, def->u.obj.m[i].val, err) < 0)
			return -1;
	}
	return 0;
}

/* A pattern member: checked to be a string, and compiled when compile is set. */
static int compile_field(struct loader *ld, const struct heal_json *def,
			 const char *field, struct heal_regex *re, bool *has,
			 bool required, bool compile, struct heal_error *err)
{
	const struct heal_json *v = heal_json_object_get(def, field);
	struct heal_error e = HEAL_ERROR_INIT;

	if (has)
		*has = false;
	if (!v) {
		if (required)
			return rule_error(ld, field, err, "missing");
		return 0;
	}
	if (v->type != HEAL_JSON_STRING || !heal_json_string_is_cstr(v))
		return rule_error(ld, field, err, "must be a string");
	if (!compile)
		return 0;
	if (heal_regex_compile(re, v->u.str.s, 0, &e) < 0)
		return rule_error(ld, field, err, "%s", e.msg);
	add_group_names(ld, re);
	if (has)
		*has = true;
	return 0;
}

static int compile_fields(struct loader *ld, struct rule *r,
			  const struct heal_json *def, bool compile,
			  struct heal_error *err)
{
	if (compile_field(ld, def, "message", &r->message, NULL, true, compile, err) < 0 ||
	    compile_field(ld, def, "code", &r->code, &r->has_code, false, compile, err) < 0 ||
	    compile_field(ld, def, "detail", &r->detail, &r->has_detail, false, compile, err) < 0 ||
	    compile_field(ld, def, "context", &r->context, &r->has_context, false, compile, err) < 0)
		return -1;
	return 0;
}

/* A condition template (line_matches...): checked, and its groups named. */
static int compile_condition(struct loader *ld, const struct heal_json *def,
			     const char *field, struct heal_error *err)
{
	const char *p = heal_json_object_get_str(def, field);
	struct heal_regex re;
	struct heal_error e = HEAL_ERROR_INIT;

	if (!p)
		return 0;
	if (compile_template(p, &re, &e) < 0)
		return rule_error(ld, field, err, "%s", e.msg);
	add_group_names(ld, &re);
	heal_regex_release(&re);
	return 0;
}

static int check_strlist(struct loader *ld, const struct heal_json *def,
			 const char *field, struct heal_error *err)
{
	const struct heal_json *v = heal_json_object_get(def, field);
	size_t i;

	if (!v || v->type == HEAL_JSON_STRING)
		return 0;
	if (v->type != HEAL_JSON_ARRAY)
		return rule_error(ld, field, err, "must be a string or an array of strings");
	for (i = 0; i < v->u.arr.n; i++)
		if (v->u.arr.v[i]->type != HEAL_JSON_STRING)
			return rule_error(ld, field, err, "must be a string or an array of strings");
	return 0;
}

static int check_string(struct loader *ld, const struct heal_json *def,
			const char *field, bool required, struct heal_error *err)
{
	const struct heal_json *v = heal_json_object_get(def, field);

	if (!v)
		return required ? rule_error(ld, field, err, "missing") : 0;
	if (v->type != HEAL_JSON_STRING || !heal_json_string_is_cstr(v))
		return rule_error(ld, field, err, "must be a string");
	return 0;
}

static int check_resolvers(struct loader *ld, const struct heal_json *def,
			   struct heal_error *err)
{
	size_t k, i;

	for (k = 0; heal_rules_resolver_kinds[k]; k++) {
		const struct heal_json *v = heal_json_object_get(def, heal_rules_resolver_kinds[k]);
		size_t n;

		if (!v)
			continue;
		if (v->type != HEAL_JSON_OBJECT && v->type != HEAL_JSON_ARRAY)
			return rule_error(ld, heal_rules_resolver_kinds[k], err, "must be an object or an array of objects");
		n = v->type == HEAL_JSON_ARRAY ? v->u.arr.n : 1;
		for (i = 0; i < n; i++) {
			const struct heal_json *o = v->type == HEAL_JSON_ARRAY ? v->u.arr.v[i] : v;
			const char *as = heal_json_object_get_str(o, "as");

			if (o->type != HEAL_JSON_OBJECT)
				return rule_error(ld, heal_rules_resolver_kinds[k], err, "must hold objects");
			if (!as || !*as)
				return rule_error(ld, heal_rules_resolver_kinds[k], err, "needs 'as', the variable it sets");
			if (k == 0 && (!heal_json_object_get_str(o, "table") ||
				       !heal_json_object_get_str(o, "key")))
				return rule_error(ld, "lookup", err, "needs 'table' and 'key'");
			if (k == 1 && (!heal_json_object_get_str(o, "name") ||
				       !heal_json_object_get(o, "from") ||
				       heal_json_object_get(o, "from")->type != HEAL_JSON_ARRAY))
				return rule_error(ld, "closest", err, "needs 'name' and a 'from' array");
			if (k == 2 && !heal_json_object_get_str(o, "path"))
				return rule_error(ld, "path", err, "needs 'path'");
			if (k == 3 && !heal_json_object_get_str(o, "basename"))
				return rule_error(ld, "find", err, "needs 'basename'");
			if (k == 4 && !heal_json_object_get_str(o, "text"))
				return rule_error(ld, "holds", err, "needs 'text'");
			if (k == 5 && (!heal_json_object_get_str(o, "text") ||
				       !heal_json_object_get_str(o, "from") ||
				       !heal_json_object_get_str(o, "to") ||
				       strlen(heal_json_object_get_str(o, "from")) !=
				       strlen(heal_json_object_get_str(o, "to"))))
				return rule_error(ld, "translate", err,
						  "needs 'text', and 'from' and 'to' of one length");
			if (k == 6 && (!heal_json_object_get(o, "from") ||
				       heal_json_object_get(o, "from")->type != HEAL_JSON_ARRAY))
				return rule_error(ld, "single", err, "needs a 'from' array");
			add_name(ld, as, strlen(as));
		}
	}
	return 0;
}

/* Whether args (the rule's field, named field) suit the action. */
static int check_args(struct loader *ld, const struct heal_action_def *act,
		      const struct heal_json *args, const char *field,
		      struct heal_error *err)
{
	size_t i, k;

	if (args && args->type != HEAL_JSON_OBJECT)
		return rule_error(ld, field, err, "must be an object");
	for (i = 0; act->required[i]; i++)
		if (!heal_json_object_get(args, act->required[i])) {
			struct heal_buf b;

			heal_buf_init(&b, 256);
			heal_buf_putf(&b, "%s.%s", field, act->required[i]);
			rule_error(ld, heal_buf_str(&b), err, "missing (action '%s' needs it)",
				   act->name);
			heal_buf_release(&b);
			return -1;
		}
	for (i = 0; args && i < args->u.obj.n; i++) {
		const char *key = args->u.obj.m[i].key;
		bool ok = false;

		for (k = 0; act->required[k] && !ok; k++)
			ok = strcmp(act->required[k], key) == 0;
		for (k = 0; act->optional[k] && !ok; k++)
			ok = strcmp(act->optional[k], key) == 0;
		if (!ok)
			return rule_error(ld, key, err, "action '%s' takes no argument '%s'",
					  act->name, key);
	}
	return 0;
}

/*
 * "also": {"action", "args"}, a second edit the same fix makes when the
 * first applies (the header strcmp needs); nothing when it does not apply.
 */
static int check_also(struct loader *ld, const struct heal_json *def,
		      struct heal_error *err)
{
	const struct heal_json *also = heal_json_object_get(def, "also");
	const struct heal_action_def *act;
	const char *name;

	if (!also)
		return 0;
	if (also->type != HEAL_JSON_OBJECT)
		return rule_error(ld, "also", err, "must be an object");
	name = heal_json_object_get_str(also, "action");
	if (!name || strcmp(name, "none") == 0 || !(act = heal_actions_find(name)))
		return rule_error(ld, "also.action", err, "must name an action that edits (known: %s)",
				  heal_actions_names());
	return check_args(ld, act, heal_json_object_get(also, "args"), "also.args", err);
}

static int cmp_field(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/*
 * What needs the rule's regular expressions: compile them, name their
 * groups and check every template against those names.  The same checks,
 * in the same order, as a rule loaded eagerly goes through.
 */
int heal_rules_rule_compile(struct rule *r, struct heal_error *err)
{
	struct loader ld = { 0 };
	size_t i;
	int rc;

	ld.name = r->src;
	ld.r = r;
	rc = compile_fields(&ld, r, r->def, true, err);
	for (i = 0; rc == 0 && condition_fields[i]; i++)
		rc = compile_condition(&ld, r->def, condition_fields[i], err);
	if (rc == 0)
		rc = check_resolvers(&ld, r->def, err);
	if (rc == 0)
		rc = check_rule_templates(&ld, r->def, err);
	heal_rules_loader_release(&ld);
	if (rc < 0)
		rule_regexes_release(r);
	r->compiled = rc == 0;
	return rc;
}

/*
 * Load the rule def (of a document rs keeps) into r, the set's rule at
 * slot, and unless lazy compile it.
 */
int heal_rules_load_rule(struct heal_rules *rs, struct loader *ld,
			 const struct heal_json *def, bool lazy, struct rule *r,
			 size_t slot, struct heal_error *err)
{
	const char *id, *action, *cat, *risk;
	int64_t sev;
	double conf;
	size_t i, k;

	ld->r = r;
	r->def = def;
	r->src = ld->name;
	names_reset(ld);
	if (def->type != HEAL_JSON_OBJECT) {
		rule_error(ld, NULL, err, "must be an object");
		goto fail;
	}
	id = heal_json_object_get_str(def, "id");
	if (!id || !*id) {
		rule_error(ld, "id", err, "missing");
		goto fail;
	}
	r->id = heal_strdup(id);
	r->line = line_of_id(ld, id);
	if (heal_strmap_get(&rs->ids, id, strlen(id), &k) && k != slot) {
		rule_error(ld, "id", err, "duplicate rule id (first in %s)", rs->v[k].src);
		goto fail;
	}
	for (i = 0; i < def->u.obj.n; i++)
		if (!bsearch(def->u.obj.m[i].key, known_fields,
			     sizeof(known_fields) / sizeof(known_fields[0]),
			     sizeof(known_fields[0]), cmp_field)) {
			rule_error(ld, def->u.obj.m[i].key, err, "unknown field");
			goto fail;
		}
	if (compile_fields(ld, r, def, !lazy, err) < 0 ||
	    check_strlist(ld, def, "tool", err) < 0 || check_strlist(ld, def, "env", err) < 0 ||
	    check_strlist(ld, def, "exists", err) < 0 ||
	    check_strlist(ld, def, "absent", err) < 0)
		goto fail;
	if (check_string(ld, def, "in_file", false, err) < 0)
		goto fail;
	for (i = 0; condition_fields[i]; i++)
		if (check_string(ld, def, condition_fields[i], false, err) < 0 ||
		    (!lazy && compile_condition(ld, def, condition_fields[i], err) < 0))
			goto fail;
	if (check_resolvers(ld, def, err) < 0)
		goto fail;
	action = heal_json_object_get_str(def, "action");
	if (!action) {
		rule_error(ld, "action", err, "missing");
		goto fail;
	}
	r->action = heal_actions_find(action);
	if (!r->action) {
		rule_error(ld, "action", err, "unknown action '%s' (known: %s)", action,
			   heal_actions_names());
		goto fail;
	}
	if (check_args(ld, r->action, heal_json_object_get(def, "args"), "args", err) < 0 ||
	    check_also(ld, def, err) < 0)
		goto fail;
	cat = heal_json_object_get_str(def, "category");
	if (!heal_record_category_ok(cat)) {
		rule_error(ld, "category", err, cat ? "unknown category '%s'" : "missing%s",
			   cat ? cat : "");
		goto fail;
	}
	if (heal_json_object_get_int(def, "severity", 1, 10, &sev) != 1) {
		rule_error(ld, "severity", err, "must be an integer from 1 to 10");
		goto fail;
	}
	r->severity = (int)sev;
	conf = 0;
	if (heal_json_object_get_double(def, "confidence", &conf) == -1 ||
	    (heal_json_object_get(def, "confidence") && (conf < 0 || conf > 1)) ||
	    (!heal_json_object_get(def, "confidence") && strcmp(action, "none") != 0)) {
		rule_error(ld, "confidence", err, "must be a number from 0 to 1");
		goto fail;
	}
	r->confidence = conf;
	risk = heal_json_object_get_str(def, "risk");
	if (risk && strcmp(risk, "low") != 0 && strcmp(risk, "medium") != 0 &&
	    strcmp(risk, "high") != 0) {
		rule_error(ld, "risk", err, "must be low, medium or high");
		goto fail;
	}
	if (check_string(ld, def, "root_cause", true, err) < 0 ||
	    check_string(ld, def, "description", strcmp(action, "none") != 0, err) < 0 ||
	    check_string(ld, def, "verify", false, err) < 0 ||
	    check_string(ld, def, "rollback", false, err) < 0)
		goto fail;
	if (!lazy && check_rule_templates(ld, def, err) < 0)
		goto fail;
	r->compiled = !lazy;
	r->tools = heal_json_object_get(def, "tool");
	r->envs = heal_json_object_get(def, "env");
	if (lazy)
		heal_regex_need_init(&r->need, heal_json_object_get_str(def, "message"));
	heal_strmap_put(&rs->ids, id, strlen(id), slot, NULL);
	ld->r = NULL;
	return 0;
fail:
	rule_release(r);
	ld->r = NULL;
	return -1;
}

/* Append r to the set's rules. */
void heal_rules_push(struct heal_rules *rs, const struct rule *r)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? 2 * rs->cap : 64;
		rs->v = heal_reallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	rs->v[rs->n++] = *r;
}

/* ---- tables --------------------------------------------------------------- */

/*
 * A table of the set that a later file may extend: a frozen one is
 * replaced by a heap container that borrows its items.
 */
static struct heal_json *thawed_table(struct heal_rules *rs, const char *name,
				      struct heal_json *have)
{
	struct heal_json *t;
	size_t k;

	if (!have->frozen)
		return have;
	if (have->type == HEAL_JSON_OBJECT) {
		t = heal_json_new_object();
		for (k = 0; k < have->u.obj.n; k++)
			heal_json_object_set(t, have->u.obj.m[k].key, have->u.obj.m[k].val);
	} else {
		t = heal_json_new_array();
		for (k = 0; k < have->u.arr.n; k++)
			heal_json_array_append(t, have->u.arr.v[k]);
	}
	heal_json_object_set(rs->tables, name, t);
	return t;
}

/* The set's table name v joins: it extends (overrides) or replaces one. */
void heal_rules_add_table(struct heal_rules *rs, const char *name,
			  struct heal_json *v)
{
	struct heal_json *have = heal_json_object_get(rs->tables, name);
	size_t k;

	if (have && have->type == v->type && v->type == HEAL_JSON_OBJECT) {
		/* a later file extends (and overrides) an earlier table */
		have = thawed_table(rs, name, have);
		for (k = 0; k < v->u.obj.n; k++)
			heal_json_object_set(have, v->u.obj.m[k].key, v->u.obj.m[k].val);
	} else if (have && have->type == v->type) {
		have = thawed_table(rs, name, have);
		for (k = 0; k < v->u.arr.n; k++)
			heal_json_array_append(have, v->u.arr.v[k]);
	} else {
		heal_json_object_set(rs->tables, name, v);
	}
}

/* The tables t of a file join the set's, which borrows them. */
static int load_tables(struct heal_rules *rs, struct loader *ld,
		       const struct heal_json *t, struct heal_error *err)
{
	size_t i;

	if (t->type != HEAL_JSON_OBJECT)
		return heal_error_set(err, HEAL_ERR_INPUT, "%s: field 'tables': must be an object",
				      ld->name);
	for (i = 0; i < t->u.obj.n; i++) {
		const char *name = t->u.obj.m[i].key;
		struct heal_json *v = t->u.obj.m[i].val;

		if (v->type != HEAL_JSON_OBJECT && v->type != HEAL_JSON_ARRAY)
			return heal_error_set(err, HEAL_ERR_INPUT,
					      "%s: table '%s': must be an object or an array",
					      ld->name, name);
		/* an earlier skimmed file's table of that name comes first */
		heal_rules_load_pending_tables(rs, name);
		if (rs->lazy_err.code) {
			*err = rs->lazy_err;
			return -1;
		}
		heal_rules_add_table(rs, name, v);
	}
	return 0;
}

/* ---- files ---------------------------------------------------------------- */

static int load_file(struct heal_rules *rs, const char *path, bool lazy,
		     struct heal_error *err)
{
	struct heal_json_limits lim;
	struct loader ld = { 0 };
	struct heal_json_arena *arena = NULL;
	const struct heal_json *doc = NULL, *rules, *tables;
	struct heal_buf text;
	char *name = heal_text_escape_dup(path, strlen(path));
	char block[65536];
	int fd, rc = -1;
	int64_t v;
	size_t i;

	/* the rules loaded keep the name; the set frees it */
	rs->files = heal_reallocarray(rs->files, rs->nfiles + 1, sizeof(*rs->files));
	rs->files[rs->nfiles++] = name;
	heal_buf_init(&text, HEAL_RULES_MAX_FILE);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		heal_error_sys(err, errno, "cannot open '%s'", name);
		goto out;
	}
	for (;;) {
		ssize_t k = read(fd, block, sizeof(block));

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			heal_error_sys(err, errno, "cannot read '%s'", name);
			close(fd);
			goto out;
		}
		if (k == 0)
			break;
		if (heal_buf_add(&text, block, (size_t)k, NULL) < 0) {
			heal_error_set(err, HEAL_ERR_LIMIT, "%s: larger than %u bytes", name,
				       HEAL_RULES_MAX_FILE);
			close(fd);
			goto out;
		}
	}
	close(fd);
	if (lazy && text.data && heal_rules_skim_file(rs, name, text.data, text.len)) {
		heal_buf_detach(&text, NULL);	/* the set keeps the text */
		return 0;
	}
	heal_json_limits_default(&lim);
	doc = heal_json_parse_frozen(text.data ? text.data : "", text.len, &lim,
				     &arena, err);
	if (!doc) {
		/* "byte N: reason" -> "FILE:LINE: reason" */
		unsigned long long off = 0;
		char *rest = NULL;

		if (strncmp(err->msg, "byte ", 5) == 0)
			off = strtoull(err->msg + 5, &rest, 10);
		if (off && rest && rest[0] == ':') {
			char msg[HEAL_ERROR_MSG_MAX];

			snprintf(msg, sizeof(msg), "%s", rest + 2);
			heal_error_set(err, HEAL_ERR_INPUT, "%s:%zu: %s", name,
				       line_of_offset(text.data, text.len, (size_t)off - 1), msg);
		} else {
			heal_error_prefix(err, "%s", name);
		}
		err->code = HEAL_ERR_INPUT;
		goto out;
	}
	/* the rules and the tables borrow the document: the set keeps it */
	rs->docs = heal_reallocarray(rs->docs, rs->ndocs + 1, sizeof(*rs->docs));
	rs->docs[rs->ndocs++] = arena;
	if (doc->type != HEAL_JSON_OBJECT ||
	    heal_json_object_get_int(doc, "v", 1, 1, &v) != 1) {
		heal_error_set(err, HEAL_ERR_INPUT, "%s: field 'v': must be 1", name);
		goto out;
	}
	ld.name = name;
	ld.text = text.data;
	ld.len = text.len;
	tables = heal_json_object_get(doc, "tables");
	if (tables && load_tables(rs, &ld, tables, err) < 0)
		goto out;
	rules = heal_json_object_get(doc, "rules");
	if (rules && rules->type != HEAL_JSON_ARRAY) {
		heal_error_set(err, HEAL_ERR_INPUT, "%s: field 'rules': must be an array", name);
		goto out;
	}
	for (i = 0; rules && i < rules->u.arr.n; i++) {
		if (rs->n >= HEAL_RULES_MAX_RULES) {
			heal_error_set(err, HEAL_ERR_LIMIT, "%s: more than %u rules", name,
				       HEAL_RULES_MAX_RULES);
			goto out;
		}
		struct rule r = { 0 };

		ld.index = i;
		if (heal_rules_load_rule(rs, &ld, rules->u.arr.v[i], lazy, &r, rs->n, err) < 0)
			goto out;
		heal_rules_push(rs, &r);
	}
	rc = 0;
out:
	heal_rules_loader_release(&ld);
	heal_buf_release(&text);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int heal_rules_load(struct heal_rules *rs, const char *path, unsigned flags,
		    struct heal_error *err)
{
	bool lazy = flags & HEAL_RULES_LAZY;
	struct stat st;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;
	int rc = 0;
	DIR *d;

	if (stat(path, &st) < 0) {
		char *name = heal_text_escape_dup(path, strlen(path));

		heal_error_sys(err, errno, "cannot open '%s'", name);
		free(name);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return load_file(rs, path, lazy, err);
	d = opendir(path);
	if (!d) {
		char *name = heal_text_escape_dup(path, strlen(path));

		heal_error_sys(err, errno, "cannot read directory '%s'", name);
		free(name);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);

		if (de->d_name[0] == '.' || l < 6 || strcmp(de->d_name + l - 5, ".json") != 0)
			continue;
		names = heal_reallocarray(names, n + 1, sizeof(*names));
		names[n++] = heal_strdup(de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		struct heal_buf p;

		if (rc == 0) {
			heal_buf_init(&p, HEAL_BUF_UNBOUNDED);
			heal_buf_putf(&p, "%s/%s", path, names[i]);
			rc = load_file(rs, heal_buf_str(&p), lazy, err);
			heal_buf_release(&p);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int heal_rules_compile(struct heal_rules *rs, struct heal_error *err)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		if (!rs->v[i].def && heal_rules_load_pending(rs, &rs->v[i], err) < 0)
			return -1;
		if (!rs->v[i].compiled && heal_rules_rule_compile(&rs->v[i], err) < 0)
			return -1;
	}
	for (i = 0; i < rs->nptables; i++) {
		char *name = heal_strndup(rs->ptables[i].name, rs->ptables[i].name_len);

		heal_rules_load_pending_tables(rs, name);
		free(name);
	}
	if (rs->lazy_err.code) {
		*err = rs->lazy_err;
		return -1;
	}
	return 0;
}
