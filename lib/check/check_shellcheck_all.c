/*
 * Every ShellCheck finding of a file, before and after a fix: a command
 * that asks for one code (-i SC2086) or leaves some out (-e, -S) cannot
 * see the finding of another code a fix makes ("$*" quoted gives SC2066),
 * so the file is judged again with every code (heal_check.h).
 */
#include <stdio.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_check_int.h"
#include "heal_safefile.h"
#include "heal_text.h"

/* seconds one shellcheck run may take */
#define ALL_TIMEOUT 60.0
/* findings of one file read at most */
#define ALL_FINDINGS_MAX 10000

const char *heal_check_shellcheck_shell(const char *const *argv)
{
	static const char *const ok[] = { "sh", "bash", "dash", "ksh", "busybox", NULL };
	size_t i, k;

	for (i = 1; argv && argv[i]; i++) {
		const char *s = argv[i], *val = NULL;

		if (!strcmp(s, "--"))
			break;
		if (!strncmp(s, "--shell=", 8))
			val = s + 8;
		else if ((!strcmp(s, "-s") || !strcmp(s, "--shell")) && argv[i + 1])
			val = argv[i + 1];
		else if (!strncmp(s, "-s", 2) && s[2])
			val = s + 2;
		for (k = 0; val && ok[k]; k++)
			if (!strcmp(ok[k], val))
				return ok[k];
	}
	return NULL;
}

bool heal_check_is_shellcheck(const char *const *argv)
{
	const char *p = argv && argv[0] ? strrchr(argv[0], '/') : NULL;

	return argv && argv[0] && strcmp(p ? p + 1 : argv[0], "shellcheck") == 0;
}

/* One finding of the json1 output as an error record of heal's. */
static struct heal_json *finding(const struct heal_json *c, const char *file,
				 int64_t code)
{
	struct heal_json *o = heal_json_new_object();
	const char *lvl = heal_json_object_get_str(c, "level");
	const char *msg = heal_json_object_get_str(c, "message");
	int64_t line, col;
	char cs[24];

	snprintf(cs, sizeof(cs), "SC%lld", (long long)code);
	heal_json_object_set_str(o, "tool", "shellcheck");
	/* every finding is one here: a level is no excuse for a new one */
	heal_json_object_set_str(o, "severity", lvl && !strcmp(lvl, "error") ? "error" : "warning");
	heal_json_object_set_str(o, "file", file);
	if (heal_json_object_get_int(c, "line", 1, INT32_MAX, &line) == 1)
		heal_json_object_set_int(o, "line", line);
	if (heal_json_object_get_int(c, "column", 1, INT32_MAX, &col) == 1)
		heal_json_object_set_int(o, "column", col);
	heal_json_object_set_str(o, "code", cs);
	heal_json_object_set_str(o, "message", msg ? msg : "");
	return o;
}

/*
 * shellcheck --norc -f json1 [-s SHELL] -- FILE in dir; its findings into
 * out.  1 when they were read, 0 when shellcheck could not judge (*why).
 */
char *heal_check_shellcheck_json1(const char **argv, const char *code,
				  const char *shell, const char *file)
{
	size_t n = 0;
	char *arg;

	argv[n++] = "shellcheck";
	argv[n++] = "--norc";
	argv[n++] = "-f";
	argv[n++] = "json1";
	if (code) {
		argv[n++] = "-i";
		argv[n++] = code;
	}
	if (shell) {
		argv[n++] = "-s";
		argv[n++] = shell;
	}
	argv[n++] = "--";
	/* a name that starts with '-' is not an option after "--"; "./" keeps
	 * it a path for the records all the same */
	arg = heal_malloc(strlen(file) + 3);
	snprintf(arg, strlen(file) + 3, "%s%s", file[0] == '-' ? "./" : "", file);
	argv[n++] = arg;
	argv[n] = NULL;
	return arg;
}

static int run_all(const char *dir, const char *file, const char *shell,
		   struct heal_check_errors *out, const char **why)
{
	const char *argv[HEAL_CHECK_SHELLCHECK_ARGV];
	struct heal_spawn_opts so;
	struct heal_spawn_result r;
	struct heal_error e = HEAL_ERROR_INIT;
	struct heal_json *doc = NULL;
	const struct heal_json *arr;
	char *arg;
	size_t i;
	int ok = 0;

	arg = heal_check_shellcheck_json1(argv, NULL, shell, file);
	heal_spawn_opts_init(&so);
	so.argv = argv;
	so.cwd = dir;
	so.timeout = ALL_TIMEOUT;
	so.err = HEAL_SPAWN_NULL;
	so.max_output = HEAL_CHECK_OUTPUT_MAX * 16;
	if (heal_spawn_run(&so, &r, &e) < 0) {
		*why = "shellcheck could not be run";
		goto out;
	}
	/* 0: nothing found, 1: findings; anything else judged nothing */
	if (!r.exited || r.status > 1 || r.out_truncated) {
		*why = r.out_truncated ? "shellcheck printed too much"
					: "shellcheck did not judge the file";
		goto out;
	}
	doc = heal_json_parse(r.out.data ? r.out.data : "", r.out.len, NULL, &e);
	arr = heal_json_object_get(doc, "comments");
	if (!doc || !arr || arr->type != HEAL_JSON_ARRAY ||
	    arr->u.arr.n > ALL_FINDINGS_MAX) {
		*why = "shellcheck's json1 output could not be read";
		goto out;
	}
	for (i = 0; i < arr->u.arr.n; i++) {
		int64_t code;

		if (heal_json_object_get_int(arr->u.arr.v[i], "code", 1, INT32_MAX,
					     &code) != 1)
			continue;
		out->v = heal_reallocarray(out->v, out->n + 1, sizeof(*out->v));
		out->v[out->n++] = finding(arr->u.arr.v[i], file, code);
	}
	ok = 1;
out:
	heal_json_free(doc);
	heal_spawn_result_release(&r);
	free(arg);
	return ok;
}

static size_t count_code(const struct heal_check_errors *f, const char *code)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		n += strcmp(heal_json_object_get_str(f->v[i], "code"), code) == 0;
	return n;
}

/* Whether f has a finding of code's with message msg. */
static bool has_message(const struct heal_check_errors *f, const char *code,
			const char *msg)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (!strcmp(heal_json_object_get_str(f->v[i], "code"), code) &&
		    !strcmp(heal_json_object_get_str(f->v[i], "message"), msg))
			return true;
	return false;
}

int heal_check_shellcheck_new(const struct heal_root *root, const char *file,
			      const char *shell, const void *before, size_t len,
			      struct heal_json **found, const char **why,
			      struct heal_error *err)
{
	struct heal_check_errors b = { NULL, 0 }, a = { NULL, 0 };
	struct heal_check_copy *c;
	size_t i, pick = SIZE_MAX;
	int r = 0;

	*found = NULL;
	*why = NULL;
	if (!heal_safefile_canonical(file)) {
		*why = "not a path inside the project root";
		return 0;
	}
	c = heal_check_copy_new(root, file, err);
	if (!c)
		return -1;
	if (heal_check_copy_write(c, before, len, err) < 0) {
		r = -1;
		goto out;
	}
	if (!run_all(heal_check_copy_dir(c), file, shell, &b, why) ||
	    !run_all(root->path, file, shell, &a, why))
		goto out;
	/* a code reported more often than before: a finding the fix made
	 * (counted by code, so that lines the fix moved do not matter) */
	for (i = 0; i < a.n && pick == SIZE_MAX; i++) {
		const char *code = heal_json_object_get_str(a.v[i], "code");

		if (count_code(&a, code) > count_code(&b, code))
			pick = i;
	}
	if (pick == SIZE_MAX)
		goto out;
	/* of that code's findings, one whose message is new, if any */
	for (i = pick; i < a.n; i++) {
		const char *code = heal_json_object_get_str(a.v[pick], "code");

		if (!strcmp(heal_json_object_get_str(a.v[i], "code"), code) &&
		    !has_message(&b, code, heal_json_object_get_str(a.v[i], "message"))) {
			pick = i;
			break;
		}
	}
	*found = a.v[pick];
	a.v[pick] = NULL;
	r = 1;
out:
	heal_check_errors_release(&b);
	heal_check_errors_release(&a);
	heal_check_copy_free(c);
	return r;
}

const char *heal_check_shellcheck_why(const struct heal_json *f, char *why, size_t n)
{
	const char *m = heal_json_object_get_str(f, "message");
	char *q = heal_text_escape_dup(m ? m : "", m ? strlen(m) : 0);
	int64_t line = 0;

	heal_json_object_get_int(f, "line", 1, INT32_MAX, &line);
	snprintf(why, n, "shellcheck, asked for every code, reports a new %s at line %lld: %.300s",
		 heal_json_object_get_str(f, "code"), (long long)line, q);
	free(q);
	return why;
}
