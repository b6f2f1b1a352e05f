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
#include "heal_regex.h"
#include "heal_rules.h"
#include "heal_strmap.h"
#include "heal_text.h"
#include "heal_tmpl.h"

struct rule {
	char *id;
	const char *src;            /* file the rule came from, escaped (rs->files) */
	size_t line;                /* line of its id in that file */
	const struct heal_json *def;  /* the rule object, in a frozen document of rs */
	const struct heal_json *tools, *envs;  /* its "tool" and "env" lists, or NULL */
	const struct heal_action_def *action;
	struct heal_regex message, code, detail, context;
	bool has_code, has_detail, has_context;
	bool compiled;              /* its regexes compiled, its templates checked */
	/* what a message must hold to match, read from a lazy rule's pattern */
	struct heal_regex_need need;
	double confidence;
	int severity;
	/*
	 * A rule of a file skimmed with HEAL_RULES_LAZY that is not loaded
	 * yet has no def: its file, its place in the file's rules, its offset
	 * and the JSON text of its tool and env members (NULL when absent).
	 */
	struct rfile *file;
	size_t index, off;
	const char *tool, *env, *id_text;  /* id_text: its id, not terminated */
	size_t tool_len, env_len, id_len;
};

/*
 * A file of heal's own loaded with HEAL_RULES_LAZY: skimmed at load for
 * where its rules and tables are and which tools and environments each
 * rule serves, and parsed a part at a time when a record first needs one.
 */
struct rfile {
	const char *name;           /* escaped (rs->files) */
	char *text;
	size_t len;
	size_t rules_off, rules_len;     /* its "rules" array */
	const struct heal_json *rules;   /* parsed, once one of them is used */
	size_t mark, mark_line;     /* an offset and its line, for line numbers */
};

/* A table of a skimmed file, parsed when it is first looked up. */
struct ptable {
	const char *name;           /* in f->text, not terminated */
	size_t name_len;
	struct rfile *f;
	size_t off, len;
	bool done;
};

struct heal_rules {
	struct rule *v;
	size_t n, cap;
	char **files;               /* names of the files loaded, escaped */
	size_t nfiles;
	struct heal_strmap ids;     /* rule id -> index in v */
	struct heal_json_arena **docs;  /* the files, parsed (frozen) */
	size_t ndocs;
	struct heal_json *tables;   /* borrows the tables of docs */
	const char *const *installer;
	struct rfile **rfiles;      /* the files skimmed */
	size_t nrfiles;
	struct ptable *ptables;     /* their tables, in file order */
	size_t nptables;
	struct heal_error lazy_err; /* a table that did not parse on look-up */
};

static const char *const categories[] = {
	"syntax", "dependency", "type", "name", "value", "permission",
	"configuration", "network", "resource", "link", "test", "runtime",
	"style", "unknown", NULL
};

/* Variables every record provides, and those actions set. */
static const char *const builtin_vars[] = {
	"file", "dir", "base", "line", "column", "tool", "code", "message",
	"hint", "detail", "env", "severity",
	"old", "new", "header", "indent", "step", "closer", "opener_line", "prototype",
	"value", "closers", "target", "mode", "command", "dist", "flag", NULL
};

static const char *const resolver_kinds[] = { "lookup", "closest", "path", "find", "holds", "translate", NULL };

/* The members a rule may have, in strcmp order (bsearch). */
static const char *const known_fields[] = {
	"absent", "action", "args", "category", "closest", "code", "comment",
	"confidence", "context", "description", "detail", "env", "exists",
	"file_matches", "file_not_matches", "find", "holds", "id",
	"in_file", "line_matches", "lookup", "message", "path", "risk", "rollback",
	"root_cause", "severity", "tool", "translate", "verify",
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

/* ---- loading -------------------------------------------------------------- */

struct loader {
	const char *name;           /* escaped file name */
	const char *text;           /* the file, NULL once it is loaded */
	size_t len;
	struct rule *r;             /* being checked */
	size_t index;
	char **names;               /* variables the rule may use */
	size_t nnames;
	size_t mark, mark_line;     /* where the last id was found, its line */
};

/* The number of newlines in p[0..n). */
static size_t count_newlines(const char *p, size_t n)
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
	return 1 + count_newlines(text, off < len ? off : len);
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
		line = ld->mark_line + count_newlines(ld->text + ld->mark, off - ld->mark);
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

	for (k = 0; resolver_kinds[k]; k++) {
		const struct heal_json *v = heal_json_object_get(def, resolver_kinds[k]);
		size_t n;

		if (!v)
			continue;
		if (v->type != HEAL_JSON_OBJECT && v->type != HEAL_JSON_ARRAY)
			return rule_error(ld, resolver_kinds[k], err, "must be an object or an array of objects");
		n = v->type == HEAL_JSON_ARRAY ? v->u.arr.n : 1;
		for (i = 0; i < n; i++) {
			const struct heal_json *o = v->type == HEAL_JSON_ARRAY ? v->u.arr.v[i] : v;
			const char *as = heal_json_object_get_str(o, "as");

			if (o->type != HEAL_JSON_OBJECT)
				return rule_error(ld, resolver_kinds[k], err, "must hold objects");
			if (!as || !*as)
				return rule_error(ld, resolver_kinds[k], err, "needs 'as', the variable it sets");
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
			add_name(ld, as, strlen(as));
		}
	}
	return 0;
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
static int rule_compile(struct rule *r, struct heal_error *err)
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
	names_reset(&ld);
	free(ld.names);
	if (rc < 0)
		rule_regexes_release(r);
	r->compiled = rc == 0;
	return rc;
}

/*
 * Load the rule def (of a document rs keeps) into r, the set's rule at
 * slot, and unless lazy compile it.
 */
static int load_rule(struct heal_rules *rs, struct loader *ld,
		     const struct heal_json *def, bool lazy, struct rule *r,
		     size_t slot, struct heal_error *err)
{
	const char *id, *action, *cat, *risk;
	const struct heal_json *args;
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
	args = heal_json_object_get(def, "args");
	if (args && args->type != HEAL_JSON_OBJECT) {
		rule_error(ld, "args", err, "must be an object");
		goto fail;
	}
	for (i = 0; r->action->required[i]; i++)
		if (!heal_json_object_get(args, r->action->required[i])) {
			struct heal_buf b;

			heal_buf_init(&b, 256);
			heal_buf_putf(&b, "args.%s", r->action->required[i]);
			rule_error(ld, heal_buf_str(&b), err, "missing (action '%s' needs it)",
				   action);
			heal_buf_release(&b);
			goto fail;
		}
	for (i = 0; args && i < args->u.obj.n; i++) {
		const char *key = args->u.obj.m[i].key;
		bool ok = false;

		for (k = 0; r->action->required[k] && !ok; k++)
			ok = strcmp(r->action->required[k], key) == 0;
		for (k = 0; r->action->optional[k] && !ok; k++)
			ok = strcmp(r->action->optional[k], key) == 0;
		if (!ok) {
			rule_error(ld, key, err, "action '%s' takes no argument '%s'", action, key);
			goto fail;
		}
	}
	cat = heal_json_object_get_str(def, "category");
	for (k = 0; cat && categories[k]; k++)
		if (strcmp(cat, categories[k]) == 0)
			break;
	if (!cat || !categories[k]) {
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
static void rules_push(struct heal_rules *rs, const struct rule *r)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? 2 * rs->cap : 64;
		rs->v = heal_reallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	rs->v[rs->n++] = *r;
}

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
static void add_table(struct heal_rules *rs, const char *name, struct heal_json *v)
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

static size_t line_at(struct rfile *f, size_t off);

/*
 * Parse text[off..off+len) of a skimmed file into a frozen document the
 * set keeps; a parse error is "FILE:LINE: reason", as for a whole file.
 */
static const struct heal_json *parse_part(struct heal_rules *rs, struct rfile *f,
					  size_t off, size_t len, struct heal_error *err)
{
	struct heal_json_limits lim;
	struct heal_json_arena *arena = NULL;
	const struct heal_json *doc;
	unsigned long long at = 0;
	char *rest = NULL;

	heal_json_limits_default(&lim);
	doc = heal_json_parse_frozen(f->text + off, len, &lim, &arena, err);
	if (doc) {
		rs->docs = heal_reallocarray(rs->docs, rs->ndocs + 1, sizeof(*rs->docs));
		rs->docs[rs->ndocs++] = arena;
		return doc;
	}
	if (strncmp(err->msg, "byte ", 5) == 0)
		at = strtoull(err->msg + 5, &rest, 10);
	if (at && rest && rest[0] == ':') {
		char msg[HEAL_ERROR_MSG_MAX];

		snprintf(msg, sizeof(msg), "%s", rest + 2);
		heal_error_set(err, HEAL_ERR_INPUT, "%s:%zu: %s", f->name,
			       line_at(f, off + (size_t)at - 1), msg);
	} else {
		heal_error_prefix(err, "%s", f->name);
	}
	err->code = HEAL_ERR_INPUT;
	return NULL;
}

/*
 * Parse the tables named name of the skimmed files that are not yet, in
 * file order, into the set's: a look-up then sees what an eager load
 * makes of them.  The first error is kept in rs->lazy_err.
 */
static void load_pending_tables(struct heal_rules *rs, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < rs->nptables; i++) {
		struct ptable *t = &rs->ptables[i];
		const struct heal_json *v;
		struct heal_error e = HEAL_ERROR_INIT;

		if (t->done || t->name_len != n || memcmp(t->name, name, n) != 0)
			continue;
		t->done = true;
		v = parse_part(rs, t->f, t->off, t->len, &e);
		if (!v) {
			if (!rs->lazy_err.code)
				rs->lazy_err = e;
			continue;
		}
		add_table(rs, name, (struct heal_json *)v);
	}
}

/* The table of that name (heal_act.table). */
static const struct heal_json *rules_table(void *ctx, const char *name)
{
	struct heal_rules *rs = ctx;

	load_pending_tables(rs, name);
	return heal_json_object_get(rs->tables, name);
}

/*
 * heal_act.table_lacks: true when the table is not parsed yet and no
 * skimmed definition of it holds key as a string.  A definition without a
 * backslash writes every string as it reads, so one that does not hold
 * "key" (quotes included) has no such member or item.
 */
static bool rules_table_lacks(void *ctx, const char *name, const char *key)
{
	struct heal_rules *rs = ctx;
	size_t i, n = strlen(name), kl = strlen(key);
	bool pending = false;
	struct heal_buf q;
	const char *k;

	if (heal_json_object_get(rs->tables, name))
		return false;
	for (k = key; *k; k++)
		if (*k == '"' || *k == '\\' || (unsigned char)*k < 0x20)
			return false;
	heal_buf_init(&q, kl + 3);
	heal_buf_putc(&q, '"');
	heal_buf_put(&q, key, kl);
	heal_buf_putc(&q, '"');
	for (i = 0; i < rs->nptables; i++) {
		const struct ptable *t = &rs->ptables[i];
		const char *span = t->f->text + t->off;

		if (t->done || t->name_len != n || memcmp(t->name, name, n) != 0)
			continue;
		if (memchr(span, '\\', t->len) || memmem(span, t->len, q.data, q.len)) {
			pending = false;
			break;
		}
		pending = true;
	}
	heal_buf_release(&q);
	return pending;
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
		load_pending_tables(rs, name);
		if (rs->lazy_err.code) {
			*err = rs->lazy_err;
			return -1;
		}
		add_table(rs, name, v);
	}
	return 0;
}

/* ---- skimming ------------------------------------------------------------ */

/*
 * Skimming a file of heal's own (HEAL_RULES_LAZY) finds, without parsing
 * it, where its tables and rules are and each rule's tool and env members.
 * Anything it does not expect (an escape in a key, a rule that is not an
 * object, a tool that is not a plain string or array of them, a repeated
 * member) makes the file load whole instead, so its errors come as they
 * would; what skimming does not check (numbers, literals, UTF-8) a part's
 * parse does when the part is first used.
 */

/* The string at text[*off] (a key or a value) without escapes: its body. */
static bool skim_plain_string(const char *text, size_t len, size_t *off,
			      const char **s, size_t *n)
{
	size_t i = *off, j;

	if (heal_json_skip_space(text, len, &i) != '"')
		return false;
	/* keys and tool names are short: a byte at a time */
	for (j = i + 1; j < len && text[j] != '"'; j++)
		if (text[j] == '\\')
			return false;
	if (j >= len)
		return false;
	*s = text + i + 1;
	*n = j - i - 1;
	*off = j + 1;
	return true;
}

/* A tool or env member's value: a plain string or an array of them. */
static bool skim_strlist(const char *text, size_t len, size_t off, size_t end)
{
	const char *s;
	size_t n;
	int c = heal_json_skip_space(text, len, &off);

	if (c == '"')
		return skim_plain_string(text, len, &off, &s, &n);
	if (c != '[')
		return false;
	off++;
	if (heal_json_skip_space(text, len, &off) == ']')
		return off + 1 == end;
	for (;;) {
		if (!skim_plain_string(text, len, &off, &s, &n))
			return false;
		c = heal_json_skip_space(text, len, &off);
		off++;
		if (c == ']')
			return off == end;
		if (c != ',')
			return false;
	}
}

/*
 * The members of the object at text[*off]: fn is called with each key
 * (plain) and the offset of its value, and sets *ve to the value's end (0
 * when it leaves that to the skim); false from fn, or a key with an
 * escape, stops the skim.
 */
static bool skim_object(const char *text, size_t len, size_t *off,
			bool (*fn)(void *ctx, const char *key, size_t klen,
				   size_t vs, size_t *ve),
			void *ctx)
{
	size_t i = *off;
	int c;

	if (heal_json_skip_space(text, len, &i) != '{')
		return false;
	i++;
	if (heal_json_skip_space(text, len, &i) == '}') {
		*off = i + 1;
		return true;
	}
	for (;;) {
		const char *key;
		size_t klen, vs;

		if (!skim_plain_string(text, len, &i, &key, &klen) ||
		    heal_json_skip_space(text, len, &i) != ':')
			return false;
		i++;
		heal_json_skip_space(text, len, &i);
		vs = i;
		i = 0;
		if (!fn(ctx, key, klen, vs, &i))
			return false;
		if (!i) {
			i = vs;
			if (heal_json_skip(text, len, &i, HEAL_JSON_DEPTH_DEFAULT - 2) < 0)
				return false;
		}
		c = heal_json_skip_space(text, len, &i);
		i++;
		if (c == '}')
			break;
		if (c != ',')
			return false;
	}
	*off = i;
	return true;
}

static bool key_is(const char *key, size_t klen, const char *name)
{
	return klen == strlen(name) && memcmp(key, name, klen) == 0;
}

struct skim {
	struct rfile *f;
	struct rule *rules;         /* the file's rules, pending */
	size_t nrules;
	struct ptable *tables;
	size_t ntables;
	bool seen_v, seen_rules, seen_tables;
	struct rule *r;             /* the rule being skimmed */
};

static bool skim_rule_member(void *ctx, const char *key, size_t klen, size_t vs, size_t *end)
{
	struct skim *sk = ctx;
	const char *text = sk->f->text;
	size_t ve = vs;

	if (key_is(key, klen, "id")) {
		size_t i = vs;
		const char *id;
		size_t n;

		/* a plain string, once: the set knows every id at load */
		if (sk->r->id_text || !skim_plain_string(text, sk->f->len, &i, &id, &n) || !n)
			return false;
		sk->r->id_text = id;
		sk->r->id_len = n;
		*end = i;
		return true;
	}
	if (!key_is(key, klen, "tool") && !key_is(key, klen, "env"))
		return true;
	if (heal_json_skip(text, sk->f->len, &ve, HEAL_JSON_DEPTH_DEFAULT - 2) < 0)
		return false;
	*end = ve;

	if (key_is(key, klen, "tool")) {
		if (sk->r->tool || !skim_strlist(text, sk->f->len, vs, ve))
			return false;
		sk->r->tool = text + vs;
		sk->r->tool_len = ve - vs;
	} else if (key_is(key, klen, "env")) {
		if (sk->r->env || !skim_strlist(text, sk->f->len, vs, ve))
			return false;
		sk->r->env = text + vs;
		sk->r->env_len = ve - vs;
	}
	return true;
}

static bool skim_table(void *ctx, const char *key, size_t klen, size_t vs, size_t *end)
{
	struct skim *sk = ctx;
	struct ptable *t;
	char c = sk->f->text[vs];
	size_t ve = vs;

	if ((c != '{' && c != '[') ||
	    heal_json_skip(sk->f->text, sk->f->len, &ve, HEAL_JSON_DEPTH_DEFAULT - 2) < 0)
		return false;
	*end = ve;
	sk->tables = heal_reallocarray(sk->tables, sk->ntables + 1, sizeof(*sk->tables));
	t = &sk->tables[sk->ntables++];
	memset(t, 0, sizeof(*t));
	t->name = key;
	t->name_len = klen;
	t->f = sk->f;
	t->off = vs;
	t->len = ve - vs;
	return true;
}

/* The rules array at vs: *ve is set to its end. */
static bool skim_rules(struct skim *sk, size_t vs, size_t *ve)
{
	const char *text = sk->f->text;
	size_t len = sk->f->len, i = vs + 1;
	int c;

	sk->f->rules_off = vs;
	if (heal_json_skip_space(text, len, &i) == ']') {
		*ve = i + 1;
		sk->f->rules_len = *ve - vs;
		return true;
	}
	for (;;) {
		struct rule *r;

		if (heal_json_skip_space(text, len, &i) != '{' || sk->nrules >= HEAL_RULES_MAX_RULES)
			return false;
		sk->rules = heal_reallocarray(sk->rules, sk->nrules + 1, sizeof(*sk->rules));
		r = &sk->rules[sk->nrules];
		memset(r, 0, sizeof(*r));
		r->file = sk->f;
		r->index = sk->nrules++;
		r->off = i;
		r->src = sk->f->name;
		sk->r = r;
		if (!skim_object(text, len, &i, skim_rule_member, sk) || !r->id_text)
			return false;
		c = heal_json_skip_space(text, len, &i);
		i++;
		if (c == ']') {
			*ve = i;
			sk->f->rules_len = i - vs;
			return true;
		}
		if (c != ',')
			return false;
	}
}

static bool skim_top(void *ctx, const char *key, size_t klen, size_t vs, size_t *ve)
{
	struct skim *sk = ctx;
	const char *text = sk->f->text;

	if (key_is(key, klen, "v")) {
		size_t i = vs;

		if (sk->seen_v || heal_json_skip(text, sk->f->len, &i, 1) < 0 ||
		    i - vs != 1 || text[vs] != '1')
			return false;
		sk->seen_v = true;
		*ve = i;
	} else if (key_is(key, klen, "tables")) {
		size_t i = vs;

		if (sk->seen_tables || !skim_object(text, sk->f->len, &i, skim_table, sk))
			return false;
		sk->seen_tables = true;
		*ve = i;
	} else if (key_is(key, klen, "rules")) {
		if (sk->seen_rules || text[vs] != '[' || !skim_rules(sk, vs, ve))
			return false;
		sk->seen_rules = true;
	}
	return true;
}

/*
 * Skim the file text (which the set then owns) named name: true when its
 * rules and tables joined the set, pending; false (the set unchanged) when
 * it must be loaded whole.
 */
static bool skim_file(struct heal_rules *rs, const char *name, char *text, size_t len)
{
	struct rfile *f = heal_calloc(1, sizeof(*f));
	struct skim sk = { 0 };
	size_t i = 0, k;
	bool ok;

	f->name = name;
	f->text = text;
	f->len = len;
	f->mark_line = 1;
	sk.f = f;
	ok = skim_object(text, len, &i, skim_top, &sk) &&
	     heal_json_skip_space(text, len, &i) < 0 && sk.seen_v &&
	     rs->n + sk.nrules <= HEAL_RULES_MAX_RULES;
	/* an id seen before, in an earlier file or here: loaded whole, it says so */
	for (k = 0; ok && k < sk.nrules; k++) {
		const struct rule *r = &sk.rules[k];
		size_t j;

		ok = !heal_strmap_get(&rs->ids, r->id_text, r->id_len, NULL);
		for (j = 0; ok && j < k; j++)
			ok = sk.rules[j].id_len != r->id_len ||
			     memcmp(sk.rules[j].id_text, r->id_text, r->id_len) != 0;
	}
	if (ok) {
		rs->rfiles = heal_reallocarray(rs->rfiles, rs->nrfiles + 1, sizeof(*rs->rfiles));
		rs->rfiles[rs->nrfiles++] = f;
		for (k = 0; k < sk.nrules; k++) {
			heal_strmap_put(&rs->ids, sk.rules[k].id_text, sk.rules[k].id_len,
					rs->n, NULL);
			rules_push(rs, &sk.rules[k]);
		}
		rs->ptables = heal_reallocarray(rs->ptables, rs->nptables + sk.ntables,
						sizeof(*rs->ptables));
		if (sk.ntables)
			memcpy(rs->ptables + rs->nptables, sk.tables,
			       sk.ntables * sizeof(*sk.tables));
		rs->nptables += sk.ntables;
	} else {
		free(f);
	}
	free(sk.rules);
	free(sk.tables);
	return ok;
}

/* The line of offset off in a skimmed file (counted on from its mark). */
static size_t line_at(struct rfile *f, size_t off)
{
	if (off < f->mark) {
		f->mark = 0;
		f->mark_line = 1;
	}
	if (off > f->len)
		off = f->len;
	f->mark_line += count_newlines(f->text + f->mark, off - f->mark);
	f->mark = off;
	return f->mark_line;
}

/*
 * Load the pending rule r of a skimmed file, its file's rules parsed on
 * the first: the checks an eager load makes of it, with its messages.
 */
static int rule_load_pending(struct heal_rules *rs, struct rule *r, struct heal_error *err)
{
	struct rfile *f = r->file;
	struct loader ld = { 0 };
	int rc;

	if (!f->rules) {
		f->rules = parse_part(rs, f, f->rules_off, f->rules_len, err);
		if (!f->rules)
			return -1;
	}
	if (f->rules->type != HEAL_JSON_ARRAY || r->index >= f->rules->u.arr.n)
		return heal_error_set(err, HEAL_ERR_INPUT, "%s: field 'rules': unreadable",
				      f->name);
	ld.name = f->name;
	ld.text = f->text;
	ld.len = f->len;
	ld.index = r->index;
	ld.mark = r->off;
	ld.mark_line = line_at(f, r->off);
	rc = load_rule(rs, &ld, f->rules->u.arr.v[r->index], true, r, (size_t)(r - rs->v), err);
	names_reset(&ld);
	free(ld.names);
	if (rc < 0)
		r->def = NULL;          /* still pending: the next use fails the same way */
	return rc;
}

/* Whether a skimmed tool or env member (JSON text, or NULL) lists s. */
static bool span_lists(const char *p, size_t n, const char *s)
{
	const char *end, *q;
	size_t sl;

	if (!p)
		return true;
	end = p + n;
	if (!s)
		return false;
	sl = strlen(s);
	while (p < end && (p = memchr(p, '"', (size_t)(end - p))) != NULL) {
		p++;
		q = memchr(p, '"', (size_t)(end - p));
		if (!q)
			break;
		if ((size_t)(q - p) == sl && memcmp(p, s, sl) == 0)
			return true;
		p = q + 1;
	}
	return false;
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
	if (lazy && text.data && skim_file(rs, name, text.data, text.len)) {
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
		if (load_rule(rs, &ld, rules->u.arr.v[i], lazy, &r, rs->n, err) < 0)
			goto out;
		rules_push(rs, &r);
	}
	rc = 0;
out:
	names_reset(&ld);
	free(ld.names);
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
		if (!rs->v[i].def && rule_load_pending(rs, &rs->v[i], err) < 0)
			return -1;
		if (!rs->v[i].compiled && rule_compile(&rs->v[i], err) < 0)
			return -1;
	}
	for (i = 0; i < rs->nptables; i++) {
		char *name = heal_strndup(rs->ptables[i].name, rs->ptables[i].name_len);

		load_pending_tables(rs, name);
		free(name);
	}
	if (rs->lazy_err.code) {
		*err = rs->lazy_err;
		return -1;
	}
	return 0;
}

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

static int run_resolvers(struct heal_act *a, const struct rule *r,
			 struct heal_error *err)
{
	size_t k, i;

	for (k = 0; resolver_kinds[k]; k++) {
		const struct heal_json *v = heal_json_object_get(r->def, resolver_kinds[k]);
		size_t n;

		if (!v)
			continue;
		n = v->type == HEAL_JSON_ARRAY ? v->u.arr.n : 1;
		for (i = 0; i < n; i++) {
			int rc = heal_actions_resolve(a, resolver_kinds[k],
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
			if (!span_lists(r->tool, r->tool_len, v.tool) ||
			    !span_lists(r->env, r->env_len, v.env))
				continue;
			if (rule_load_pending(rs, r, err) < 0) {
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
		if (!r->compiled && rule_compile(r, err) < 0) {
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
		a.table = rules_table;
		a.table_lacks = rules_table_lacks;
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
