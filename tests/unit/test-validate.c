/*
 * heal_validate as a library: fix records in, a fix record and its
 * validation record out, with the real python3 as the checker and the
 * command (skipped without it).  Backups and rollback are heal-fix's and
 * are tested by the 4xx CLI tests; here rollback is off.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_check.h"
#include "heal_data.h"
#include "heal_validate.h"
#include "fsfix.h"
#include "tap.h"

static char dir[] = "/tmp/heal-test-validate-XXXXXX";
static struct heal_root root;
static struct heal_pattern_set ps;
static int loads;

struct sink {
	struct heal_json *r[16];
	size_t n;
};

static int collect(void *ctx, struct heal_json *rec, struct heal_error *err)
{
	struct sink *s = ctx;

	(void)err;
	if (s->n < 16)
		s->r[s->n++] = rec;
	else
		heal_json_free(rec);
	return 0;
}

static void sink_release(struct sink *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		heal_json_free(s->r[i]);
	s->n = 0;
}

static void write_file(const char *name, const char *text)
{
	fs_put(fs_at(dir, name), text, 0644);
}

/* heal's own patterns, loaded on the first call */
static int load(void *ctx, const struct heal_pattern_set **out,
		struct heal_error *err)
{
	char *pdir;
	int r = 0;

	(void)ctx;
	if (!loads++) {
		heal_pattern_set_init(&ps);
		pdir = heal_data_path("patterns");
		r = heal_pattern_load_dir(&ps, pdir, NULL, 0, err);
		if (r == 0)
			r = heal_pattern_set_finish(&ps, err);
		free(pdir);
	}
	*out = &ps;
	return r;
}

static int load_fails(void *ctx, const struct heal_pattern_set **out,
		      struct heal_error *err)
{
	(void)ctx;
	(void)out;
	return heal_error_set(err, HEAL_ERR_USAGE, "x.json: bad regular expression");
}

/* A fix record of files (a JSON array) for the error id, with the error's command. */
static struct heal_json *fix(const char *status, const char *files,
			     const char *id, const char *command)
{
	char text[2048];
	struct heal_error err = HEAL_ERROR_INIT;

	snprintf(text, sizeof(text),
		 "{\"v\":1,\"kind\":\"fix\",\"error_id\":\"%s\",\"fix_id\":\"c.1\","
		 "\"status\":\"%s\",\"session\":\"s1\",\"files\":%s,"
		 "\"error\":{\"v\":1,\"kind\":\"error\",\"id\":\"%s\",\"tool\":\"python\","
		 "\"message\":\"m\"%s%s}}",
		 id, status, files, id, command ? ",\"command\":" : "",
		 command ? command : "");
	return heal_json_parse(text, strlen(text), NULL, &err);
}

/* Validate one fix record; the validation record (s->r[1]). */
static const struct heal_json *validate(struct heal_json *f,
					const char *const *cmd,
					struct sink *s,
					struct heal_validate_summary *sum,
					int *rc)
{
	struct heal_validate_opts o;
	struct heal_validate *v;
	struct heal_error err = HEAL_ERROR_INIT;

	heal_validate_opts_init(&o);
	o.root = &root;
	o.load_patterns = load;
	o.command = cmd;
	o.rollback = false;
	o.timeout = 60;
	v = heal_validate_new(&o);
	heal_validate_add(v, f);
	*rc = heal_validate_run(v, collect, s, sum, &err);
	heal_validate_free(v);
	return s->n == 2 ? s->r[1] : NULL;
}

static const char *str(const struct heal_json *r, const char *key)
{
	const char *x = heal_json_object_get_str(r, key);

	return x ? x : "(none)";
}

/* "tool status" of the record's syntax checks */
static const char *checks(const struct heal_json *r)
{
	static char text[256];
	const struct heal_json *a = heal_json_object_get(r, "checks");
	size_t i, n = 0;

	text[0] = '\0';
	for (i = 0; a && a->type == HEAL_JSON_ARRAY && i < a->u.arr.n; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s%s:%s %s",
				      i ? ", " : "", str(a->u.arr.v[i], "name"),
				      str(a->u.arr.v[i], "tool"),
				      str(a->u.arr.v[i], "status"));
	return text;
}

/* The id heal-detect gives the error of running argv. */
static char *error_id_of(const char *const *argv)
{
	struct heal_spawn_opts so;
	struct heal_spawn_result res;
	struct heal_check_errors e = { NULL, 0 };
	struct heal_error err = HEAL_ERROR_INIT;
	char *id = NULL;

	heal_spawn_opts_init(&so);
	so.argv = argv;
	so.cwd = dir;
	so.merge = true;
	if (heal_spawn_run(&so, &res, &err) == 0 &&
	    heal_check_read_errors(&ps, &root, argv, "re-run", res.out.data,
				   res.out.len, &e, &err) == 0 && e.n)
		id = strdup(str(e.v[0], "id"));
	heal_check_errors_release(&e);
	heal_spawn_result_release(&res);
	return id;
}

#define A(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* The reason a validation of a fix whose records carry command gives. */
static void refused(const char *command, const char *why)
{
	struct sink s = { { NULL }, 0 };
	struct heal_validate_summary sum;
	const struct heal_json *r;
	int rc;

	r = validate(fix("applied", "[\"good.py\"]", "00000000000000f1", command),
		     NULL, &s, &sum, &rc);
	ok(rc == 0 && r && !strcmp(str(r, "status"), "skipped"),
	   "records' command %s: not run", command);
	contains(str(r, "reason"), why, "why");
	ok(!sum.ran, "nothing re-ran");
	sink_release(&s);
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_validate_summary sum;
	struct sink s = { { NULL }, 0 };
	const struct heal_pattern_set *set;
	const struct heal_json *r;
	char *id;
	int rc;

	ok(mkdtemp(dir) != NULL, "temp root");
	ok(heal_root_open(&root, dir, &err) == 0, "root");
	write_file("good.py", "print('ok')\n");
	write_file("bad.py", "def f(:\n");
	write_file("name.py", "print(undefined_name)\n");

	/* a fix that was not applied */
	r = validate(fix("planned", "[\"good.py\"]", "00000000000000f1", NULL),
		     A("true"), &s, &sum, &rc);
	ok(rc == 0 && r, "a planned fix: validated");
	is_str(str(s.r[0], "kind"), "fix", "the fix record first");
	is_str(str(r, "kind"), "validation", "then its validation");
	is_str(str(r, "status"), "skipped", "skipped");
	is_str(str(r, "reason"), "the fix was not applied (planned)", "why");
	ok(sum.fixes == 1 && sum.applied == 0 && !sum.ran, "nothing applied, nothing run");
	sink_release(&s);

	if (!fs_have("python3")) {
		tap_n++;
		printf("ok %d # SKIP python3 is not installed\n", tap_n);
		return tap_done();
	}

	/* an applied fix: its file checked, the command re-run, no output read */
	r = validate(fix("applied", "[\"good.py\"]", "00000000000000f1", NULL),
		     A("python3", "good.py"), &s, &sum, &rc);
	ok(rc == 0 && r, "an applied fix: validated");
	is_str(checks(r), "syntax:python3 passed, re-run:(none) passed", "checks: syntax, re-run");
	is_str(str(r, "status"), "passed", "passed");
	ok(heal_json_object_get_bool(r, "healed"), "healed");
	ok(sum.applied == 1 && sum.passed == 1 && sum.ran && sum.healed, "summary");
	is_int(loads, 1, "the patterns were loaded for the re-run's output only");
	sink_release(&s);

	/* a fix that broke its file */
	r = validate(fix("applied", "[\"bad.py\"]", "00000000000000f1", NULL),
		     A("true"), &s, &sum, &rc);
	is_str(checks(r), "syntax:python3 failed, re-run:(none) passed", "the syntax check fails");
	is_str(str(r, "status"), "failed", "failed");
	is_str(str(r, "reason"), "syntax check of 'bad.py' failed", "why");
	ok(!heal_json_object_get_bool(r, "rolled_back") && !sum.rolled_back,
	   "rollback off: nothing restored");
	sink_release(&s);

	/* the error is still there */
	ok(load(NULL, &set, &err) == 0, "patterns: %s", err.msg);
	id = error_id_of(A("python3", "name.py"));
	ok(id != NULL, "the NameError's id");
	if (id) {
		r = validate(fix("applied", "[\"name.py\"]", id, NULL),
			     A("python3", "name.py"), &s, &sum, &rc);
		is_str(str(r, "reason"), "the error is still reported", "the same error again: failed");
		ok(!heal_json_object_get_bool(r, "healed"), "not healed");
		sink_release(&s);
	}
	free(id);

	/* a new error in a file the fix changed */
	r = validate(fix("applied", "[\"name.py\"]", "00000000000000f1", NULL),
		     A("python3", "name.py"), &s, &sum, &rc);
	contains(str(r, "reason"), "a new error appeared: ", "a new error in the changed file: failed");
	{
		const struct heal_json *n = heal_json_object_get(r, "new_errors");

		ok(n && n->type == HEAL_JSON_ARRAY && n->u.arr.n == 1 &&
		   !strcmp(str(n->u.arr.v[0], "file"), "name.py"), "listed in new_errors");
	}
	sink_release(&s);

	/* the records' command: run only when it is plain; the language table
	 * says which programs take an inline program */
	refused("[\"sh\",\"-c\",\"true\"]", "runs an inline program (-c)");
	refused("[\"bash\",\"-xc\",\"true\"]", "runs an inline program (-c)");
	refused("[\"python3\",\"-c\",\"pass\"]", "runs an inline program (-c)");
	refused("[\"make\",\"--eval=all:\"]", "runs an inline makefile (--eval)");
	refused("[\"rm\",\"x\"]", "is not a build or check program heal re-runs on its own");
	refused("[\"/usr/bin/python3\",\"good.py\"]", "is not a build or check program");
	refused("[\"python3\",\"../x.py\"]", "names a path outside the project root");
	/* pytest is Python's, but no interpreter: its -c names a config file */
	r = validate(fix("applied", "[\"good.py\"]", "00000000000000f1",
			 "[\"pytest\",\"-c\",\"setup.cfg\"]"), NULL, &s, &sum, &rc);
	ok(r && !strstr(str(r, "reason"), "inline") && !strstr(str(r, "reason"), "give the command"),
	   "pytest -c is no inline program: %s", str(r, "reason"));
	sink_release(&s);
	r = validate(fix("applied", "[\"good.py\"]", "00000000000000f1",
			 "[\"python3\",\"good.py\"]"), NULL, &s, &sum, &rc);
	is_str(str(r, "status"), "passed", "a plain python3 command from the records runs");
	ok(sum.ran, "it ran");
	sink_release(&s);

	/* no command at all */
	r = validate(fix("applied", "[\"good.py\"]", "00000000000000f1", NULL),
		     NULL, &s, &sum, &rc);
	is_str(str(r, "reason"), "no command to re-run: give one after --", "no command: skipped");
	sink_release(&s);

	/* a pattern that does not compile, met when an output is read */
	{
		struct heal_validate_opts o;
		struct heal_validate *v;

		heal_validate_opts_init(&o);
		o.root = &root;
		o.load_patterns = load_fails;
		o.command = A("python3", "name.py");
		o.rollback = false;
		v = heal_validate_new(&o);
		heal_validate_add(v, fix("applied", "[\"good.py\"]", "00000000000000f1", NULL));
		heal_error_clear(&err);
		ok(heal_validate_run(v, collect, &s, &sum, &err) < 0 &&
		   err.code == HEAL_ERR_USAGE, "a bad lazy pattern fails the run: %s", err.msg);
		heal_validate_free(v);
		sink_release(&s);
	}

	heal_root_close(&root);
	if (loads)
		heal_pattern_set_release(&ps);
	fs_rm_tree(dir);
	return tap_done();
}
