/*
 * heal_act_system.c - the actions that change no text: chmod (add the
 * execute bits), mkdir, command (an argv whose captured values must be
 * plain names) and install (the distribution that provides a missing
 * Python module, through the configured installer).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "heal_actions_int.h"

int heal_act_chmod(struct heal_act *a, struct heal_error *err)
{
	char *p = heal_act_arg(a, "path"), *rel = heal_act_project_path(a, p);
	const struct heal_source_file *f;
	struct heal_json *list, *e;
	mode_t mode = 0, nm;
	bool dir = true;
	char m[16];

	free(p);
	if (!rel)
		return 0;
	if (!heal_source_exists(a->src, rel, &dir, &mode) || dir ||
	    !(f = heal_act_file(a, rel))) {
		heal_act_why(a, "'%s' is not a regular file in the project", rel);
		free(rel);
		return 0;
	}
	nm = (mode & 07777) | ((mode & 0444) >> 2);
	if (nm == (mode & 07777)) {
		heal_act_why(a, "'%s' is executable already", rel);
		free(rel);
		return 0;
	}
	snprintf(m, sizeof(m), "%04o", (unsigned)nm);
	list = heal_json_new_array();
	e = heal_json_new_object();
	heal_json_object_set_str(e, "file", rel);
	heal_json_object_set_str(e, "mode", m);
	heal_json_object_set_str(e, "sha256", f->sha256);
	heal_json_array_append(list, e);
	heal_json_object_set(a->fix, "chmod", list);
	heal_vars_set(a->vars, "target", rel);
	heal_vars_set(a->vars, "mode", m);
	free(rel);
	return 1;
}

int heal_act_mkdir(struct heal_act *a, struct heal_error *err)
{
	char *p = heal_act_arg(a, "path"), *rel = heal_act_project_path(a, p);
	struct heal_json *list;

	free(p);
	if (!rel)
		return 0;
	if (heal_source_exists(a->src, rel, NULL, NULL)) {
		heal_act_why(a, "'%s' exists", rel);
		free(rel);
		return 0;
	}
	list = heal_json_new_array();
	heal_json_array_append(list, heal_json_new_string(rel));
	heal_json_object_set(a->fix, "mkdir", list);
	heal_vars_set(a->vars, "target", rel);
	free(rel);
	return 1;
}

/* A value captured from a log that becomes one argument: a plain name. */
static bool safe_arg(const char *s)
{
	if (!s || !*s || *s == '-' || *s == '/' || strstr(s, ".."))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._+/=-", *s))
			return false;
	return true;
}

static void argv_to_var(struct heal_act *a, const struct heal_json *argv)
{
	struct heal_buf b;
	size_t i;

	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	for (i = 0; i < argv->u.arr.n; i++)
		heal_buf_putf(&b, "%s%s", i ? " " : "", argv->u.arr.v[i]->u.str.s);
	heal_vars_set(a->vars, "command", heal_buf_str(&b));
	heal_buf_release(&b);
}

int heal_act_command(struct heal_act *a, struct heal_error *err)
{
	const struct heal_json *args = heal_json_object_get(a->args, "argv");
	struct heal_json *argv;
	size_t i;

	if (!args || args->type != HEAL_JSON_ARRAY || args->u.arr.n == 0)
		return 0;
	argv = heal_json_new_array();
	for (i = 0; i < args->u.arr.n; i++) {
		const char *t = args->u.arr.v[i]->u.str.s;
		char *v = heal_tmpl_dup(a->vars, t, false, NULL);

		if (!v || (strstr(t, "${") && !safe_arg(v))) {
			heal_act_why(a, "argument %zu ('%s') is not a safe plain name", i, v ? v : t);
			free(v);
			heal_json_free(argv);
			return 0;
		}
		heal_json_array_append(argv, heal_json_new_string(v));
		free(v);
	}
	argv_to_var(a, argv);
	heal_json_object_set(a->fix, "command", argv);
	return 1;
}

static bool in_table(const struct heal_act *a, const char *tname, const char *key)
{
	const struct heal_json *t = heal_act_table_lacks(a, tname, key) ? NULL : heal_act_table(a, tname);
	size_t i;

	if (!t)
		return false;
	if (t->type == HEAL_JSON_OBJECT)
		return heal_json_object_get(t, key) != NULL;
	for (i = 0; t->type == HEAL_JSON_ARRAY && i < t->u.arr.n; i++)
		if (t->u.arr.v[i]->type == HEAL_JSON_STRING &&
		    strcmp(t->u.arr.v[i]->u.str.s, key) == 0)
			return true;
	return false;
}

/* Python: install the distribution that provides a missing module. */
int heal_act_install(struct heal_act *a, struct heal_error *err)
{
	char *mod = heal_act_arg(a, "module"), *dot, *local = NULL;
	const char *dist = NULL, *tname = heal_act_arg_raw(a, "table");
	const char *stdlib = heal_act_arg_raw(a, "stdlib");
	const struct heal_json *t;
	struct heal_json *argv;
	bool dir;
	size_t i;
	int r = 0;

	if (!mod || !heal_act_valid_name(mod, ".")) {
		heal_act_why(a, "'%s' is not a module name", mod ? mod : "?");
		goto out;
	}
	if ((dot = strchr(mod, '.')))
		*dot = '\0';
	if (stdlib && in_table(a, stdlib, mod)) {
		heal_act_why(a, "'%s' is in the standard library", mod);
		goto out;
	}
	local = heal_act_join("", mod);
	if (heal_source_exists(a->src, local, &dir, NULL)) {
		heal_act_why(a, "'%s' is a directory of the project", mod);
		goto out;
	}
	t = heal_act_table(a, tname ? tname : "python-distributions");
	if (t && heal_json_object_get_str(t, mod))
		dist = heal_json_object_get_str(t, mod);
	if (!dist)
		dist = mod;
	if (!safe_arg(dist) || strchr(dist, '/') || strchr(dist, '=')) {
		heal_act_why(a, "'%s' is not a safe distribution name", dist);
		goto out;
	}
	argv = heal_json_new_array();
	for (i = 0; a->installer && a->installer[i]; i++)
		heal_json_array_append(argv, heal_json_new_string(a->installer[i]));
	if (!a->installer || !a->installer[0]) {
		heal_json_array_append(argv, heal_json_new_string("python3"));
		heal_json_array_append(argv, heal_json_new_string("-m"));
		heal_json_array_append(argv, heal_json_new_string("pip"));
		heal_json_array_append(argv, heal_json_new_string("install"));
	}
	heal_json_array_append(argv, heal_json_new_string(dist));
	argv_to_var(a, argv);
	heal_json_object_set(a->fix, "command", argv);
	heal_vars_set(a->vars, "dist", dist);
	r = 1;
out:
	free(local);
	free(mod);
	return r;
}
