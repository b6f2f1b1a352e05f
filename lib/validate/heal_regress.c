#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_check.h"
#include "heal_guard.h"
#include "heal_record.h"
#include "heal_regress.h"
#include "heal_lock.h"
#include "heal_safefile.h"
#include "heal_spawn.h"
#include "heal_text.h"

extern char **environ;

void heal_regress_result_init(struct heal_regress_result *r)
{
	memset(r, 0, sizeof(*r));
	r->events = heal_json_new_array();
	heal_buf_init(&r->notes, (size_t)1 << 24);
}

void heal_regress_result_release(struct heal_regress_result *r)
{
	if (!r)
		return;
	heal_json_free(r->events);
	heal_buf_release(&r->notes);
	memset(r, 0, sizeof(*r));
}

/* The command, words joined by blanks, escaped for the user. */
static void put_command(struct heal_buf *b, const struct heal_json *cmd)
{
	size_t i;

	for (i = 0; i < cmd->u.arr.n && i < 16; i++) {
		const struct heal_json *w = cmd->u.arr.v[i];

		if (i)
			heal_buf_putc(b, ' ');
		heal_text_escape(b, w->u.str.s, w->u.str.len > 200 ? 200 : w->u.str.len,
				 NULL);
	}
	if (cmd->u.arr.n > 16)
		heal_buf_puts(b, " ...");
}

static bool same_run(const struct heal_json *a, const struct heal_json *b)
{
	struct heal_buf x, y;
	bool same;

	heal_buf_init(&x, (size_t)1 << 24);
	heal_buf_init(&y, (size_t)1 << 24);
	heal_json_serialize(&x, heal_json_object_get(a, "command"), NULL);
	heal_json_serialize(&y, heal_json_object_get(b, "command"), NULL);
	same = x.len == y.len && memcmp(heal_buf_str(&x), heal_buf_str(&y), x.len) == 0 &&
	       strcmp(heal_json_object_get_str(a, "cwd"),
		      heal_json_object_get_str(b, "cwd")) == 0;
	heal_buf_release(&x);
	heal_buf_release(&y);
	return same;
}

static const struct heal_json *find_error(const struct heal_check_errors *e,
					  const char *fp)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		const char *id = heal_json_object_get_str(e->v[i], "id");

		if (id && strcmp(id, fp) == 0)
			return e->v[i];
	}
	return NULL;
}

static void copy(struct heal_json *ev, const char *to, const struct heal_json *from,
		 const char *key)
{
	const struct heal_json *v = heal_json_object_get(from, key);

	heal_json_object_set(ev, to, v ? heal_json_clone(v) : heal_json_new_null());
}

/* A regression_detected event and a note for one fingerprint back. */
static void regressed(struct heal_regress_result *res, const struct heal_json *guard,
		      const struct heal_json *fixed, const struct heal_json *now_err,
		      const char *when)
{
	struct heal_json *ev = heal_record_new(HEAL_KIND_EVENT);
	const char *fp = heal_json_object_get_str(fixed, "fingerprint");
	const char *fid = heal_json_object_get_str(fixed, "fix_id");
	const char *date = heal_json_object_get_str(guard, "date");
	const char *msg = heal_json_object_get_str(now_err, "message");
	struct heal_buf why;

	heal_buf_init(&why, 8192);
	heal_buf_putf(&why, "fixed by %s on %s (guard %s), back in '",
		      fid ? fid : "an unnamed fix", date ? date : "an unknown date",
		      heal_json_object_get_str(guard, "id"));
	put_command(&why, heal_json_object_get(guard, "command"));
	heal_buf_puts(&why, "'");
	heal_json_object_set_str(ev, "event", "regression_detected");
	heal_json_object_set_str(ev, "time", when);
	heal_json_object_set_str(ev, "incident", fp);
	copy(ev, "environment", now_err, "env");
	copy(ev, "file_path", now_err, "file");
	copy(ev, "line_number", now_err, "line");
	copy(ev, "column", now_err, "column");
	copy(ev, "error_type", now_err, "category");
	copy(ev, "code", now_err, "code");
	copy(ev, "severity", now_err, "severity");
	copy(ev, "error_message", now_err, "message");
	copy(ev, "rule", fixed, "rule");
	copy(ev, "fix_id", fixed, "fix_id");
	heal_json_object_set_str(ev, "status", "regressed");
	heal_json_object_set_str(ev, "reason", heal_buf_str(&why));
	heal_json_array_append(res->events, ev);
	res->regressions++;
	heal_buf_putf(&res->notes, "regression: error %s (", fp);
	heal_text_escape(&res->notes, msg ? msg : "", msg ? (strlen(msg) > 200 ? 200 : strlen(msg)) : 0,
			 NULL);
	heal_buf_puts(&res->notes, ") ");
	heal_text_escape(&res->notes, why.data, why.len, NULL);
	heal_buf_putc(&res->notes, '\n');
	heal_buf_release(&why);
}

/* Run one distinct command; check every guard (from i on) that has it. */
static int run_one(const struct heal_validate_opts *o,
		   const struct heal_pattern_set **ps, struct heal_guards *g,
		   size_t i, bool *done, const char *when,
		   struct heal_regress_result *res, struct heal_error *err)
{
	const struct heal_json *guard = g->v[i];
	const char *cwd = heal_json_object_get_str(guard, "cwd");
	const char **argv = heal_guard_argv(guard);
	const char *why = heal_validate_command_refused(argv);
	struct heal_check_errors found = { NULL, 0 };
	struct heal_spawn_result run;
	struct heal_spawn_opts so;
	struct heal_buf dir, seen;
	size_t j, k, n = 0;
	int r = 0;

	heal_buf_init(&dir, (size_t)1 << 16);
	heal_buf_init(&seen, (size_t)1 << 24);
	for (j = i; j < g->n; j++)
		if (!done[j] && same_run(guard, g->v[j])) {
			done[j] = true;
			n++;
		}
	heal_buf_puts(&dir, o->root->path);
	if (!why && strcmp(cwd, ".") != 0) {
		int fd = heal_root_openat(o->root, cwd, O_RDONLY | O_DIRECTORY |
					  O_NOFOLLOW, 0, err);

		if (fd < 0)
			why = "runs in a directory that is not one beneath the root";
		else
			close(fd);
		heal_error_clear(err);
		heal_buf_putf(&dir, "/%s", cwd);
	}
	if (why) {
		res->refused += n;
		heal_buf_putf(&res->notes, "guard %s: the command '",
			      heal_json_object_get_str(guard, "id"));
		put_command(&res->notes, heal_json_object_get(guard, "command"));
		heal_buf_putf(&res->notes, "' %s: not run\n", why);
		goto out;
	}
	heal_spawn_opts_init(&so);
	so.argv = argv;
	so.cwd = heal_buf_str(&dir);
	so.env = environ;
	so.timeout = o->timeout;
	so.merge = true;
	so.max_output = HEAL_VALIDATE_OUTPUT_MAX;
	if (heal_spawn_run(&so, &run, err) < 0) {
		heal_buf_puts(&res->notes, "cannot run '");
		put_command(&res->notes, heal_json_object_get(guard, "command"));
		heal_buf_putf(&res->notes, "': %s\n", err->msg);
		heal_error_clear(err);
		heal_spawn_result_release(&run);
		goto out;
	}
	res->commands++;
	if (run.out.len && !*ps && o->load_patterns &&
	    o->load_patterns(o->load_ctx, ps, err) < 0)
		r = -1;
	if (r == 0 && run.out.len &&
	    heal_check_read_errors(*ps, o->root, argv, "regression", run.out.data,
				   run.out.len, &found, err) < 0)
		r = -1;
	heal_spawn_result_release(&run);
	for (j = i; r == 0 && j < g->n; j++) {
		const struct heal_json *fixed;

		if (j != i && !same_run(guard, g->v[j]))
			continue;
		fixed = heal_json_object_get(g->v[j], "fixed");
		for (k = 0; k < fixed->u.arr.n; k++) {
			const char *fp = heal_json_object_get_str(fixed->u.arr.v[k],
								  "fingerprint");
			const struct heal_json *e = find_error(&found, fp);

			/* one report per fingerprint, whichever guard named it */
			if (!e || strstr(heal_buf_str(&seen), fp))
				continue;
			heal_buf_putf(&seen, "%s ", fp);
			regressed(res, g->v[j], fixed->u.arr.v[k], e, when);
		}
	}
out:
	heal_check_errors_release(&found);
	heal_buf_release(&dir);
	heal_buf_release(&seen);
	free(argv);
	return r;
}

int heal_regress_run(const struct heal_validate_opts *o, time_t now,
		     struct heal_regress_result *res, struct heal_error *err)
{
	const struct heal_pattern_set *ps = o->patterns;
	struct heal_guards g;
	char when[21];
	bool *done;
	size_t i;
	int r = 0;

	heal_guards_init(&g);
	if (heal_guards_load(&g, o->root, err) < 0)
		return -1;
	res->guards = g.n;
	if (g.skipped)
		heal_buf_putf(&res->notes, "%zu line%s of %s %s not a guard: skipped\n",
			      g.skipped, g.skipped == 1 ? "" : "s", HEAL_GUARD_FILE,
			      g.skipped == 1 ? "is" : "are");
	heal_guard_time(now, when);
	done = heal_calloc(g.n + 1, sizeof(*done));
	for (i = 0; i < g.n && r == 0; i++)
		if (!done[i])
			r = run_one(o, &ps, &g, i, done, when, res, err);
	free(done);
	heal_guards_release(&g);
	return r;
}

/* ---- the guards as a test of the project's framework ---- */

#define TEST_MARK "Written by heal-validate --write-test"

static const char pytest_text[] =
	"# " TEST_MARK ": heal's regression guards\n"
	"# (.heal/regressions.ndjson) as a test. Delete this file to drop it.\n"
	"import os\n"
	"import shutil\n"
	"import subprocess\n"
	"\n"
	"import pytest\n"
	"\n"
	"ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), %s))\n"
	"\n"
	"\n"
	"def test_heal_regression_guards():\n"
	"    exe = shutil.which(\"heal-validate\")\n"
	"    if exe is None:\n"
	"        pytest.skip(\"heal-validate is not installed\")\n"
	"    if os.environ.get(\"HEAL_IN_REGRESSION_TEST\"):\n"
	"        pytest.skip(\"inside heal's own run of the guards\")\n"
	"    env = dict(os.environ, HEAL_IN_REGRESSION_TEST=\"1\")\n"
	"    r = subprocess.run([exe, \"--regressions\", \"--root\", ROOT], env=env,\n"
	"                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,\n"
	"                       universal_newlines=True)\n"
	"    assert r.returncode == 0, r.stderr\n";

static const char bats_text[] =
	"#!/usr/bin/env bats\n"
	"# " TEST_MARK ": heal's regression guards\n"
	"# (.heal/regressions.ndjson) as a test. Delete this file to drop it.\n"
	"\n"
	"@test \"heal: the errors heal fixed once stay fixed\" {\n"
	"\tcommand -v heal-validate >/dev/null || skip \"heal-validate is not installed\"\n"
	"\t[ -z \"${HEAL_IN_REGRESSION_TEST:-}\" ] || skip \"inside heal's own run of the guards\"\n"
	"\texport HEAL_IN_REGRESSION_TEST=1\n"
	"\trun heal-validate --regressions --root \"$BATS_TEST_DIRNAME/..\"\n"
	"\t[ \"$status\" -eq 0 ] || { echo \"$output\" >&2; false; }\n"
	"}\n";

static bool has_file(const struct heal_root *root, const char *rel)
{
	struct heal_error e = HEAL_ERROR_INIT;
	int fd = heal_root_openat(root, rel, O_RDONLY | O_NOFOLLOW | O_NONBLOCK, 0, &e);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static bool file_has(const struct heal_root *root, const char *rel, const char *text)
{
	struct heal_error e = HEAL_ERROR_INIT;
	struct heal_buf b;
	bool yes;

	heal_buf_init(&b, (size_t)4 << 20);
	yes = heal_root_read_file(root, rel, (size_t)4 << 20, &b, &e) == 0 &&
	      strstr(heal_buf_str(&b), text) != NULL;
	heal_buf_release(&b);
	return yes;
}

/* Whether dir (beneath the root) holds a file named PREFIX*SUFFIX. */
static bool dir_has(const struct heal_root *root, const char *dir,
		    const char *prefix, const char *suffix)
{
	struct heal_error e = HEAL_ERROR_INIT;
	int fd = heal_root_openat(root, dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0, &e);
	struct dirent *de;
	bool found = false;
	DIR *d;

	if (fd < 0)
		return false;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return false;
	}
	while (!found && (de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name), ns = strlen(suffix);

		found = n > ns && strncmp(de->d_name, prefix, strlen(prefix)) == 0 &&
			strcmp(de->d_name + n - ns, suffix) == 0;
	}
	closedir(d);
	return found;
}

int heal_regress_write_test(const struct heal_root *root, char **path,
			    struct heal_error *err)
{
	struct heal_safefile sf;
	struct heal_lock lk;
	struct heal_buf text;
	const char *rel = NULL;
	double wait;
	bool tests = dir_has(root, "tests", "", "");
	int r;

	*path = NULL;
	heal_buf_init(&text, 1 << 16);
	if (dir_has(root, "tests", "", ".bats") || dir_has(root, "test", "", ".bats")) {
		rel = dir_has(root, "tests", "", ".bats") ? "tests/heal-regressions.bats"
							 : "test/heal-regressions.bats";
		heal_buf_puts(&text, bats_text);
	} else if (has_file(root, "pytest.ini") || has_file(root, "conftest.py") ||
		   has_file(root, "tests/conftest.py") ||
		   file_has(root, "pyproject.toml", "[tool.pytest") ||
		   file_has(root, "setup.cfg", "[tool:pytest]") ||
		   dir_has(root, "tests", "test_", ".py")) {
		rel = tests ? "tests/test_heal_regressions.py" : "test_heal_regressions.py";
		heal_buf_putf(&text, pytest_text, tests ? "\"..\"" : "\".\"");
	}
	if (!rel) {
		heal_buf_release(&text);
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "no test framework heal knows (pytest, bats) in the project");
	}
	if (has_file(root, rel) && !file_has(root, rel, TEST_MARK)) {
		heal_buf_release(&text);
		return heal_error_set(err, HEAL_ERR_REFUSED,
				      "'%s' exists and heal did not write it: not replaced", rel);
	}
	heal_safefile_init(&sf, root);
	r = heal_lock_wait_from_env(&wait, err);
	if (r == 0)
		r = heal_lock_acquire(&lk, &sf, wait, err);
	if (r == 0) {
		r = heal_safefile_replace(&sf, rel, text.data, text.len, NULL, 0644,
					  HEAL_SF_CREATE, err);
		heal_lock_release(&lk);
	}
	heal_safefile_release(&sf);
	heal_buf_release(&text);
	if (r == 0)
		*path = heal_strdup(rel);
	return r;
}
