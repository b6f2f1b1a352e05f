/*
 * actfix.h - running heal's actions and resolvers on a scratch project in
 * C unit tests (test-actions.c, test-link.c).
 *
 * act_open() makes the project directory, act_put() writes a file in it,
 * act_var() and act_table() give the next run its variables and tables,
 * act_run() runs one action through heal_actions_find() on a record at
 * file:line:column, act_resolve() one resolver; act_edits() and
 * act_member() show what the fix holds, act_why_str() the reason an action
 * did not apply, act_got() a variable after the run; act_check() runs a
 * table of such cases.  act_close() removes the directory.
 */
#ifndef HEAL_ACTFIX_H
#define HEAL_ACTFIX_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsfix.h"
#include "heal_actions.h"
#include "heal_cand.h"
#include "heal_root.h"
#include "heal_source.h"
#include "heal_tmpl.h"
#include "tap.h"

static char act_dir[] = "/tmp/heal-test-actions-XXXXXX";
static struct heal_root act_root;
static struct heal_sources act_src;
static struct heal_vars act_vars;
static struct heal_buf act_why;
static struct heal_json *act_fix;
static const char *act_rec_text;        /* the next record's JSON, or NULL */
static const char *const *act_installer;
static bool act_vars_given;

#define ACT_MAX_TABLES 8
static struct {
	const char *name;
	struct heal_json *json;
} act_tables[ACT_MAX_TABLES];
static size_t act_ntables;

/* Make the project directory and the state; aborts on failure. */
__attribute__((unused))
static void act_open(void)
{
	struct heal_error err = HEAL_ERROR_INIT;

	if (!mkdtemp(act_dir) || heal_root_open(&act_root, act_dir, &err) < 0)
		abort();
	heal_sources_init(&act_src, &act_root);
	heal_vars_init(&act_vars);
	heal_buf_init(&act_why, 4096);
}

static int act_rm(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

__attribute__((unused))
static void act_close(void)
{
	size_t i;

	for (i = 0; i < act_ntables; i++)
		heal_json_free(act_tables[i].json);
	heal_json_free(act_fix);
	heal_buf_release(&act_why);
	heal_vars_release(&act_vars);
	heal_sources_release(&act_src);
	heal_root_close(&act_root);
	nftw(act_dir, act_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* Write the project file rel (its directory made first) with mode. */
__attribute__((unused))
static void act_put_mode(const char *rel, const char *text, mode_t mode)
{
	char sub[512];
	const char *sl;

	for (sl = strchr(rel, '/'); sl; sl = strchr(sl + 1, '/')) {
		snprintf(sub, sizeof(sub), "%.*s", (int)(sl - rel), rel);
		mkdir(fs_at(act_dir, sub), 0755);
	}
	fs_put(fs_at(act_dir, rel), text, mode);
}

__attribute__((unused))
static void act_put(const char *rel, const char *text)
{
	act_put_mode(rel, text, 0644);
}

/* Remove the project file rel. */
__attribute__((unused))
static void act_remove(const char *rel)
{
	remove(fs_at(act_dir, rel));
}

/* A variable for the next run (the variables are reset after each one). */
__attribute__((unused))
static void act_var(const char *name, const char *val)
{
	if (!act_vars_given) {
		heal_vars_release(&act_vars);
		heal_vars_init(&act_vars);
		act_vars_given = true;
	}
	heal_vars_set(&act_vars, name, val);
}

/* A table the rule set would hold (json: an object or an array). */
__attribute__((unused))
static void act_table(const char *name, const char *json)
{
	struct heal_error err = HEAL_ERROR_INIT;

	if (act_ntables == ACT_MAX_TABLES)
		abort();
	act_tables[act_ntables].name = name;
	act_tables[act_ntables].json = heal_json_parse(json, strlen(json), NULL, &err);
	if (!act_tables[act_ntables].json)
		abort();
	act_ntables++;
}

static const struct heal_json *act_table_of(void *ctx, const char *name)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < act_ntables; i++)
		if (strcmp(act_tables[i].name, name) == 0)
			return act_tables[i].json;
	return NULL;
}

/*
 * Fill a with a record at file:line:col (file NULL: none) and args (JSON
 * text, NULL: none), parsed into *args and *rec (free both).
 */
static void act_prepare(struct heal_act *a, struct heal_json **args,
			struct heal_json **rec, const char *json,
			const char *file, long line, long col)
{
	struct heal_error err = HEAL_ERROR_INIT;
	const char *rt = act_rec_text ? act_rec_text : "{\"v\":1,\"kind\":\"error\"}";

	if (!act_vars_given) {
		heal_vars_release(&act_vars);
		heal_vars_init(&act_vars);
	}
	act_vars_given = false;
	heal_sources_clear(&act_src);
	heal_json_free(act_fix);
	act_fix = heal_cand_new(NULL);
	heal_buf_reset(&act_why);
	*args = json ? heal_json_parse(json, strlen(json), NULL, &err) : NULL;
	*rec = heal_json_parse(rt, strlen(rt), NULL, &err);
	if ((json && !*args) || !*rec)
		abort();
	memset(a, 0, sizeof(*a));
	a->src = &act_src;
	a->rec = *rec;
	a->args = *args;
	a->table = act_table_of;
	a->vars = &act_vars;
	a->file = file;
	a->line = line;
	a->column = col;
	a->installer = act_installer;
	a->fix = act_fix;
	a->why = &act_why;
}

/* Run the action name: 1 applied, 0 not here (reason in act_why), -1 error. */
__attribute__((unused))
static int act_run(const char *name, const char *args, const char *file,
		   long line, long col)
{
	const struct heal_action_def *d = heal_actions_find(name);
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json *aj, *rec;
	struct heal_act a;
	int r;

	if (!d)
		return -2;
	act_prepare(&a, &aj, &rec, args, file, line, col);
	r = d->fn(&a, &err);
	heal_json_free(aj);
	heal_json_free(rec);
	return r;
}

/* Run the resolver kind with spec (JSON text), as act_run runs an action. */
__attribute__((unused))
static int act_resolve(const char *kind, const char *spec, const char *file,
		       long line)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json *sj, *rec;
	struct heal_act a;
	int r;

	act_prepare(&a, &sj, &rec, spec, file, line, 0);
	r = heal_actions_resolve(&a, kind, sj, &err);
	heal_json_free(sj);
	heal_json_free(rec);
	return r;
}

/*
 * The edits of the last run's fix, "file@start-end:text" joined by " | ",
 * the text with \n, \r and \t written so; "" when none.  Static storage.
 */
__attribute__((unused))
static const char *act_edits(void)
{
	static char out[8192];
	const struct heal_json *e = heal_json_object_get(act_fix, "edits");
	size_t i, k, n = 0;

	out[0] = '\0';
	for (i = 0; e && i < e->u.arr.n; i++) {
		const struct heal_json *x = e->u.arr.v[i];
		const struct heal_json *t = heal_json_object_get(x, "text");
		int64_t s = -1, en = -1;

		heal_json_object_get_int(x, "start", 0, INT64_MAX, &s);
		heal_json_object_get_int(x, "end", 0, INT64_MAX, &en);
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s@%lld-%lld:",
				      i ? " | " : "", heal_json_object_get_str(x, "file"),
				      (long long)s, (long long)en);
		for (k = 0; t && k < t->u.str.len && n + 3 < sizeof(out); k++) {
			char c = t->u.str.s[k];

			if (c == '\n' || c == '\r' || c == '\t') {
				out[n++] = '\\';
				out[n++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
			} else {
				out[n++] = c;
			}
		}
		out[n] = '\0';
		if (n >= sizeof(out) - 64)
			break;
	}
	return out;
}

/* The member key of the last run's fix as compact JSON ("" when absent). */
__attribute__((unused))
static const char *act_member(const char *key)
{
	static char out[4096];
	const struct heal_json *v = heal_json_object_get(act_fix, key);
	struct heal_buf b;

	out[0] = '\0';
	if (!v)
		return out;
	heal_buf_init(&b, sizeof(out) - 1);
	if (heal_json_serialize(&b, v, NULL) == 0)
		snprintf(out, sizeof(out), "%s", heal_buf_str(&b));
	heal_buf_release(&b);
	return out;
}

/* The reason the last run gave. */
#define act_why_str() heal_buf_str(&act_why)
/* A variable after the last run ("" when unset). */
__attribute__((unused))
static const char *act_got(const char *name)
{
	const char *v = heal_vars_get(&act_vars, name);

	return v ? v : "";
}

/* One run and what it must give. */
struct act_case {
	const char *what;    /* the check's name */
	const char *set;     /* "name=value": a variable before the run, or NULL */
	const char *action;  /* an action, or "resolve:KIND" for a resolver */
	const char *args;    /* JSON: the rule's args, the resolver's spec, or NULL */
	const char *file;    /* the record's file, or NULL */
	long line, col;      /* the record's location (0: none) */
	const char *want;    /* the edits (act_edits()), or "!" and the reason */
	const char *got;     /* "name=value": a variable after the run, or NULL */
};

/* Copy "name=value" into name[n] and return the value. */
__attribute__((unused))
static const char *act_split(const char *nv, char *name, size_t n)
{
	const char *eq = strchr(nv, '=');

	snprintf(name, n, "%.*s", eq ? (int)(eq - nv) : (int)strlen(nv), nv);
	return eq ? eq + 1 : "";
}

/* Run each case: 1 and its edits, or 0 and its reason; then its variable. */
__attribute__((unused))
static void act_check(const struct act_case *c, size_t n)
{
	char name[64];
	size_t i;

	for (i = 0; i < n; i++, c++) {
		bool applies = c->want[0] != '!';
		const char *v;
		int r;

		if (c->set) {
			v = act_split(c->set, name, sizeof(name));
			act_var(name, v);
		}
		if (strncmp(c->action, "resolve:", 8) == 0)
			r = act_resolve(c->action + 8, c->args, c->file, c->line);
		else
			r = act_run(c->action, c->args, c->file, c->line, c->col);
		is_int(r, applies ? 1 : 0, "%s: %s", c->action, c->what);
		if (applies)
			is_str(act_edits(), c->want, "%s: %s: the edits", c->action, c->what);
		else
			is_str(act_why_str(), c->want + 1, "%s: %s: the reason", c->action,
			       c->what);
		if (c->got) {
			v = act_split(c->got, name, sizeof(name));
			is_str(act_got(name), v, "%s: %s: %s", c->action, c->what, c->got);
		}
	}
}

#define ACT_CHECK(cases) act_check(cases, sizeof(cases) / sizeof(cases[0]))

#endif
