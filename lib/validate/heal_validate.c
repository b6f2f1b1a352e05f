#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_check.h"
#include "heal_fix.h"
#include "heal_record.h"
#include "heal_safefile.h"
#include "heal_spawn.h"
#include "heal_text.h"
#include "heal_validate.h"

extern char **environ;


struct heal_validate {
	struct heal_validate_opts o;
	struct heal_json **fixes;
	size_t n;
	/* a pattern that failed to compile while a checker's output was
	 * read (HEAL_PATTERN_LAZY): it fails the run, it is not a finding */
	struct heal_error pattern_err;
};

/* What one check found, for the "checks" array. */
struct check {
	const char *name;
	char *file;
	char *tool;
	const char *status;   /* passed, failed, unavailable, skipped */
	char *detail;
};

void heal_validate_opts_init(struct heal_validate_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout = HEAL_VALIDATE_TIMEOUT;
	o->rollback = true;
	o->syntax = true;
}

struct heal_validate *heal_validate_new(const struct heal_validate_opts *o)
{
	struct heal_validate *v = heal_calloc(1, sizeof(*v));

	v->o = *o;
	return v;
}

void heal_validate_free(struct heal_validate *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->n; i++)
		heal_json_free(v->fixes[i]);
	free(v->fixes);
	free(v);
}

void heal_validate_add(struct heal_validate *v, struct heal_json *fix)
{
	v->fixes = heal_reallocarray(v->fixes, v->n + 1, sizeof(*v->fixes));
	v->fixes[v->n++] = fix;
}

/* ---- helpers ------------------------------------------------------------ */

static bool applied(const struct heal_json *fix)
{
	const char *st = heal_json_object_get_str(fix, "status");

	return st && strcmp(st, "applied") == 0;
}

static const struct heal_json *embedded_error(const struct heal_json *fix)
{
	const struct heal_json *e = heal_json_object_get(fix, "error");

	return e && e->type == HEAL_JSON_OBJECT ? e : NULL;
}

/* The string array arr as a new NULL-terminated argv (strings borrowed). */
static const char **argv_of(const struct heal_json *arr)
{
	const char **argv;
	size_t i;

	if (!arr || arr->type != HEAL_JSON_ARRAY || arr->u.arr.n == 0)
		return NULL;
	argv = heal_calloc(arr->u.arr.n + 1, sizeof(*argv));
	for (i = 0; i < arr->u.arr.n; i++) {
		if (!heal_json_string_is_cstr(arr->u.arr.v[i])) {
			free(argv);
			return NULL;
		}
		argv[i] = arr->u.arr.v[i]->u.str.s;
	}
	return argv;
}

/* ---- a command the records carry -------------------------------------- */

/*
 * Records are input: anyone who can write them would choose what runs.
 * A command taken from them (not given after "--") is re-run only when it
 * is a build or check program called by its bare name, every word is
 * plain (letters, digits and . , _ + - : = @ % / and non-ASCII; nothing a
 * shell or a make recipe would interpret), names no path outside the root
 * (no absolute path, no ".." component) and carries no inline program (a
 * shell's or Python's -c, make's --eval).  Anything else is refused: give
 * the command after "--".
 */
static const char *const record_programs[] = {
	"make", "gmake", "cmake", "ninja", "meson", "cc", "gcc", "g++", "c++",
	"clang", "clang++", "python", "python3", "pytest", "bash", "sh",
	"shellcheck", "terraform", "tofu", "ansible-playbook", "ansible-lint",
	NULL,
};

static bool plain_word(const char *w)
{
	const unsigned char *p;

	if (!*w)
		return false;
	for (p = (const unsigned char *)w; *p; p++)
		if (!(*p >= 0x80 || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      strchr(".,_+-:=@%/", *p)))
			return false;
	return true;
}

/* Whether a path value is absolute or has a ".." component. */
static bool outside(const char *v, size_t n)
{
	size_t i = 0, k;

	if (n && v[0] == '/')
		return true;
	while (i < n) {
		for (k = i; k < n && v[k] != '/'; k++)
			;
		if (k - i == 2 && v[i] == '.' && v[i + 1] == '.')
			return true;
		i = k + 1;
	}
	return false;
}

/*
 * Whether a word names a path outside the root: the word, what follows
 * each '=' in it, or a short option's glued value (-I/usr/include).
 */
static bool leaves_root(const char *w)
{
	const char *p;

	if (outside(w, strlen(w)))
		return true;
	if (w[0] == '-' && w[1] && w[1] != '-' && outside(w + 2, strlen(w + 2)))
		return true;
	for (p = w; (p = strchr(p, '=')) != NULL; p++)
		if (outside(p + 1, strcspn(p + 1, "=")))
			return true;
	return false;
}

/* NULL when argv may run, else why not (static text). */
static const char *record_command_refused(const char *const *argv)
{
	const char *p = argv[0];
	const struct heal_lang_program *prog;
	bool shell, python, make;
	size_t i;

	for (i = 0; record_programs[i]; i++)
		if (strcmp(record_programs[i], p) == 0)
			break;
	if (!record_programs[i])
		return "is not a build or check program heal re-runs on its own";
	/* what runs an inline program: a shell's or Python's -c, make's --eval */
	prog = heal_lang_program(p);
	shell = prog && prog->role == HEAL_ROLE_INTERPRETER &&
		(prog->lang == HEAL_LANG_SH || prog->lang == HEAL_LANG_BASH);
	python = prog && prog->role == HEAL_ROLE_INTERPRETER &&
		 prog->lang == HEAL_LANG_PYTHON;
	make = prog && prog->lang == HEAL_LANG_MAKE;
	for (i = 1; argv[i]; i++) {
		const char *w = argv[i];

		if (!plain_word(w))
			return "has a word with a character a shell would interpret";
		if (leaves_root(w))
			return "names a path outside the project root";
		if ((shell || python) && w[0] == '-' && w[1] != '-' &&
		    strchr(w, 'c'))
			return "runs an inline program (-c)";
		if (make && (strncmp(w, "--eval", 6) == 0 ||
			     strncmp(w, "-E", 2) == 0))
			return "runs an inline makefile (--eval)";
	}
	return NULL;
}

const char *heal_validate_command_refused(const char *const *argv)
{
	return record_command_refused(argv);
}

/* ---- detection of the re-run's errors ----------------------------------- */

/* The patterns, loaded when an output is first read (heal_check_opts). */
static int patterns_of(void *ctx, const struct heal_pattern_set **ps,
		       struct heal_error *err)
{
	struct heal_validate *v = ctx;

	if (!v->o.patterns && v->o.load_patterns &&
	    v->o.load_patterns(v->o.load_ctx, &v->o.patterns, err) < 0)
		return -1;
	*ps = v->o.patterns;
	return 0;
}

static int detect_output(struct heal_validate *v, const char *const *argv,
			 const struct heal_buf *out,
			 struct heal_check_errors *f, struct heal_error *err)
{
	const struct heal_pattern_set *ps;

	/* no output, no error to read: the patterns are not needed */
	if (!out->len)
		return 0;
	if (patterns_of(v, &ps, err) < 0)
		return -1;
	return heal_check_read_errors(ps, v->o.root, argv, "re-run", out->data,
				      out->len, f, err);
}

static bool has_id(const struct heal_check_errors *f, const char *id)
{
	size_t i;

	for (i = 0; id && i < f->n; i++) {
		const char *x = heal_json_object_get_str(f->v[i], "id");

		if (x && strcmp(x, id) == 0)
			return true;
	}
	return false;
}

/* Whether id is the id of an error one of the fix records was made for. */
static bool known_before(const struct heal_validate *v, const char *id)
{
	size_t k;

	for (k = 0; id && k < v->n; k++) {
		const char *x = heal_json_object_get_str(
			embedded_error(v->fixes[k]), "id");

		if (x && strcmp(x, id) == 0)
			return true;
	}
	return false;
}

/* ---- syntax checks ------------------------------------------------------ */

/* heal_check_opts.known: an error a fix was for. */
static bool known_error(void *ctx, const struct heal_json *rec)
{
	return known_before(ctx, heal_json_object_get_str(rec, "id"));
}

/*
 * The syntax checks of one changed file (heal_check.h: its language's
 * checkers, the command's compiler flags or playbook), appended to checks
 * (room for HEAL_CHECK_STEPS_MAX more).
 */
static void syntax_checks(struct heal_validate *v, const char *file,
			  const char *const *cmd, struct check *checks,
			  size_t *nchecks)
{
	struct heal_check_opts co;
	struct heal_check_result res;
	struct heal_error e = HEAL_ERROR_INIT;
	size_t i;

	heal_check_opts_init(&co);
	co.root = v->o.root;
	co.file = file;
	co.command = cmd;
	if (v->o.timeout < co.timeout)
		co.timeout = v->o.timeout;
	/* the user's own checkers run in the user's own environment */
	co.env = environ;
	co.patterns = v->o.patterns;
	co.load_patterns = patterns_of;
	co.load_ctx = v;
	co.known = known_error;
	co.known_ctx = v;
	heal_check_file(&co, &res, &e);
	/* a pattern that failed to compile while a checker's output was read
	 * (HEAL_PATTERN_LAZY) fails the run: it is not a finding */
	if (res.detect_err.code == HEAL_ERR_USAGE && !v->pattern_err.code)
		v->pattern_err = res.detect_err;
	for (i = 0; i < res.nsteps; i++) {
		struct check *c = &checks[(*nchecks)++];
		struct heal_check_step *s = &res.steps[i];

		c->name = "syntax";
		c->file = heal_strdup(file);
		c->tool = s->tool;
		c->status = heal_check_status_name(s->status);
		c->detail = s->detail;
		s->tool = s->detail = NULL;
	}
	heal_check_result_release(&res);
}

static struct heal_json *check_json(const struct check *c)
{
	struct heal_json *o = heal_json_new_object();

	heal_json_object_set_str(o, "name", c->name);
	if (c->file)
		heal_json_object_set_str(o, "file", c->file);
	if (c->tool)
		heal_json_object_set_str(o, "tool", c->tool);
	heal_json_object_set_str(o, "status", c->status);
	if (c->detail)
		heal_json_object_set_str(o, "detail", c->detail);
	return o;
}

static void check_release(struct check *c)
{
	free(c->file);
	free(c->tool);
	free(c->detail);
}

/* ---- runs --------------------------------------------------------------- */

static int run_command(struct heal_validate *v, const char *const *argv,
		       struct heal_spawn_result *res, struct heal_error *err)
{
	struct heal_spawn_opts so;

	heal_spawn_opts_init(&so);
	so.argv = (const char *const *)argv;
	so.cwd = v->o.root->path;
	so.timeout = v->o.timeout;
	so.merge = true;
	so.max_output = HEAL_VALIDATE_OUTPUT_MAX;
	/* the user's own command runs in the user's own environment */
	so.env = environ;
	return heal_spawn_run(&so, res, err);
}

static struct heal_json *run_check(const char *name, const char *const *argv,
				   const struct heal_spawn_result *res,
				   bool started, const char *why)
{
	struct heal_json *o = heal_json_new_object();
	struct heal_json *a = heal_json_new_array();
	struct heal_buf d;
	size_t i;

	heal_json_object_set_str(o, "name", name);
	for (i = 0; argv[i]; i++)
		heal_json_array_append(a, heal_json_new_string(argv[i]));
	heal_json_object_set(o, "command", a);
	heal_buf_init(&d, 4096);
	if (!started) {
		heal_json_object_set_str(o, "status", "failed");
		heal_buf_puts(&d, why);
	} else {
		heal_json_object_set_str(o, "status",
					 res->exited && res->status == 0
					 ? "passed" : "failed");
		heal_spawn_describe(res, &d);
		if (res->exited)
			heal_json_object_set_int(o, "exit_status", res->status);
	}
	heal_json_object_set_str(o, "detail", heal_buf_str(&d));
	heal_buf_release(&d);
	return o;
}

/* ---- decisions ---------------------------------------------------------- */

static bool in_list(const struct heal_json *arr, const char *s)
{
	size_t i;

	if (!arr || arr->type != HEAL_JSON_ARRAY || !s)
		return false;
	for (i = 0; i < arr->u.arr.n; i++)
		if (heal_json_string_is_cstr(arr->u.arr.v[i]) &&
		    strcmp(arr->u.arr.v[i]->u.str.s, s) == 0)
			return true;
	return false;
}

/*
 * Whether the re-run's record r is a regression of a fix that changed the
 * files in `files` and targeted an error of tool `tool`: a new error in a
 * changed file, unless the build went further (a linker error after a
 * compiler error was fixed).
 */
static bool regression(const struct heal_json *r, const struct heal_json *files,
		       const char *tool)
{
	const char *sev = heal_json_object_get_str(r, "severity");
	const char *rt = heal_json_object_get_str(r, "tool");

	if (sev && strcmp(sev, "error") != 0)
		return false;
	if (!in_list(files, heal_json_object_get_str(r, "file")))
		return false;
	if (rt && strcmp(rt, "ld") == 0 && (!tool || strcmp(tool, "ld") != 0))
		return false;
	return true;
}

static struct heal_json *new_error_json(const struct heal_json *r)
{
	static const char *const keep[] = {
		"id", "tool", "severity", "file", "line", "column", "code",
		"message",
	};
	struct heal_json *o = heal_json_new_object();
	size_t i;

	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		const struct heal_json *x = heal_json_object_get(r, keep[i]);

		if (x)
			heal_json_object_set(o, keep[i], heal_json_clone(x));
	}
	return o;
}

static int rollback_sessions(struct heal_validate *v, bool *done,
			     struct heal_error *err)
{
	struct heal_fix_opts fo;
	struct heal_fix *fx;
	char **seen = NULL;
	size_t nseen = 0, i, k;
	int r = 0;

	*done = false;
	heal_fix_opts_init(&fo);
	fo.root = v->o.root->path;
	fx = heal_fix_new(&fo, err);
	if (!fx)
		return -1;
	/* newest session first, so the oldest state is what remains */
	for (i = v->n; i-- > 0;) {
		const char *s = heal_json_object_get_str(v->fixes[i], "session");
		size_t restored = 0;

		if (!applied(v->fixes[i]) || !s)
			continue;
		for (k = 0; k < nseen; k++)
			if (strcmp(seen[k], s) == 0)
				break;
		if (k < nseen)
			continue;
		seen = heal_reallocarray(seen, nseen + 1, sizeof(*seen));
		seen[nseen++] = heal_strdup(s);
		if (heal_fix_rollback(fx, s, &restored, err) < 0) {
			r = -1;
			break;
		}
		*done = true;
	}
	for (k = 0; k < nseen; k++)
		free(seen[k]);
	free(seen);
	heal_fix_free(fx);
	return r;
}

int heal_validate_run(struct heal_validate *v, heal_validate_emit_fn emit,
		      void *ctx, struct heal_validate_summary *sum,
		      struct heal_error *err)
{
	struct heal_spawn_result rerun, test;
	struct heal_check_errors after = { NULL, 0 };
	struct check *checks = NULL;
	struct heal_json **recs;
	const char **cmd_owned = NULL;
	const char *const *cmd = v->o.command;
	struct heal_json *changed = heal_json_new_array();
	struct heal_json *rerun_check = NULL, *test_check = NULL;
	char rollback_why[HEAL_ERROR_MSG_MAX] = "";
	char refused_why[400] = "";
	bool refused = false;
	bool any_applied = false, ran = false, tested = false, ok_run = false;
	bool rolled = false, test_ok = true, started;
	size_t nchecks = 0, i, j;
	int r = 0;

	memset(sum, 0, sizeof(*sum));
	sum->fixes = v->n;
	memset(&rerun, 0, sizeof(rerun));
	memset(&test, 0, sizeof(test));
	for (i = 0; i < v->n; i++) {
		const struct heal_json *files;

		if (!applied(v->fixes[i]))
			continue;
		any_applied = true;
		sum->applied++;
		files = heal_json_object_get(v->fixes[i], "files");
		for (j = 0; files && files->type == HEAL_JSON_ARRAY &&
			    j < files->u.arr.n; j++)
			if (heal_json_string_is_cstr(files->u.arr.v[j]) &&
			    !in_list(changed, files->u.arr.v[j]->u.str.s))
				heal_json_array_append(changed,
					heal_json_clone(files->u.arr.v[j]));
		if (!cmd && !refused) {
			const struct heal_json *e = embedded_error(v->fixes[i]);
			const char *why;

			cmd_owned = argv_of(heal_json_object_get(e, "command"));
			if (cmd_owned && (why = record_command_refused(cmd_owned))) {
				char *q = heal_text_escape_dup(cmd_owned[0],
							       strlen(cmd_owned[0]));

				snprintf(refused_why, sizeof(refused_why),
					 "the records' command '%.200s' %s: give the command after --",
					 q, why);
				free(q);
				free(cmd_owned);
				cmd_owned = NULL;
				refused = true;
			}
			cmd = cmd_owned;
		}
	}

	/* 1. syntax */
	if (any_applied && v->o.syntax) {
		checks = heal_calloc(HEAL_CHECK_STEPS_MAX * changed->u.arr.n + 1,
				     sizeof(*checks));
		for (i = 0; i < changed->u.arr.n; i++)
			syntax_checks(v, changed->u.arr.v[i]->u.str.s, cmd,
				      checks, &nchecks);
		if (v->pattern_err.code) {
			*err = v->pattern_err;
			r = -1;
			goto out;
		}
	}

	/* 2. the re-run, 3. the tests */
	if (any_applied && cmd) {
		started = run_command(v, cmd, &rerun, err) == 0;
		ran = started;
		rerun_check = run_check("re-run", cmd, &rerun, started, err->msg);
		if (started && detect_output(v, cmd, &rerun.out, &after, err) < 0) {
			r = -1;
			goto out;
		}
		ok_run = started && rerun.exited && rerun.status == 0 &&
			 !rerun.timed_out;
		if (ok_run && v->o.test) {
			started = run_command(v, v->o.test, &test, err) == 0;
			tested = true;
			test_ok = started && test.exited && test.status == 0 &&
				  !test.timed_out;
			test_check = run_check("test", v->o.test, &test, started,
					       err->msg);
		}
		heal_error_clear(err);
	}
	sum->ran = ran;
	sum->healed = ok_run && test_ok;

	/* 4. decisions */
	recs = heal_calloc(v->n ? v->n : 1, sizeof(*recs));
	for (i = 0; i < v->n; i++) {
		const struct heal_json *fix = v->fixes[i];
		const struct heal_json *e = embedded_error(fix);
		const char *eid = heal_json_object_get_str(fix, "error_id");
		const char *tool = heal_json_object_get_str(e, "tool");
		const struct heal_json *files = heal_json_object_get(fix, "files");
		struct heal_json *rec = heal_record_new(HEAL_KIND_VALIDATION);
		struct heal_json *carr = heal_json_new_array();
		struct heal_json *news = heal_json_new_array();
		const char *status, *reason = NULL;
		char why[600] = "";

		heal_json_object_set_str(rec, "error_id", eid ? eid : "0");
		heal_json_object_set(rec, "fix_id",
				     heal_json_clone(heal_json_object_get(fix, "fix_id")));
		for (j = 0; j < nchecks; j++)
			if (in_list(files, checks[j].file))
				heal_json_array_append(carr, check_json(&checks[j]));
		if (!applied(fix)) {
			const char *st = heal_json_object_get_str(fix, "status");

			status = "skipped";
			snprintf(why, sizeof(why), "the fix was not applied (%s)",
				 st ? st : "no status");
			reason = why;
		} else {
			for (j = 0; j < nchecks; j++)
				if (in_list(files, checks[j].file) &&
				    strcmp(checks[j].status, "failed") == 0) {
					snprintf(why, sizeof(why),
						 "syntax check of '%s' failed",
						 checks[j].file);
					reason = why;
				}
			if (rerun_check)
				heal_json_array_append(carr, heal_json_clone(rerun_check));
			if (test_check)
				heal_json_array_append(carr, heal_json_clone(test_check));
			for (j = 0; j < after.n; j++) {
				const char *id = heal_json_object_get_str(after.v[j], "id");

				if (!known_before(v, id) &&
				    regression(after.v[j], files, tool)) {
					heal_json_array_append(news, new_error_json(after.v[j]));
					if (!reason) {
						const char *m = heal_json_object_get_str(after.v[j], "message");
						char *q = heal_text_escape_dup(m ? m : "", m ? strlen(m) : 0);

						snprintf(why, sizeof(why), "a new error appeared: %.400s", q);
						free(q);
						reason = why;
					}
				}
			}
			if (!reason && !cmd) {
				status = "skipped";
				reason = refused ? refused_why
					 : "no command to re-run: give one after --";
			} else {
				if (!reason && !ran)
					reason = "the command could not be re-run";
				else if (!reason && rerun.timed_out)
					reason = "the re-run timed out";
				else if (!reason && has_id(&after, eid))
					reason = "the error is still reported";
				else if (!reason && tested && !test_ok)
					reason = "the tests failed";
				status = reason ? "failed" : "passed";
			}
			if (strcmp(status, "passed") == 0)
				sum->passed++;
			if (strcmp(status, "failed") == 0) {
				sum->failed++;
				if (!rollback_why[0])
					snprintf(rollback_why, sizeof(rollback_why), "%s", reason);
			}
		}
		heal_json_object_set_str(rec, "status", status);
		heal_json_object_set(rec, "reason", reason ? heal_json_new_string(reason)
						: heal_json_new_null());
		heal_json_object_set_bool(rec, "healed", sum->healed);
		heal_json_object_set_bool(rec, "rolled_back", false);
		heal_json_object_set(rec, "checks", carr);
		heal_json_object_set(rec, "new_errors", news);
		if (v->o.attempt > 0)
			heal_json_object_set_int(rec, "attempt", v->o.attempt);
		recs[i] = rec;
	}
	if (sum->failed && v->o.rollback) {
		if (rollback_sessions(v, &rolled, err) < 0) {
			heal_error_prefix(err, "rollback failed");
			/* a fix that failed and stays in place is a system
			 * failure, whatever refused the restore
			 * (heal-validate(1): exit 4) */
			if (err->code != HEAL_ERR_NOMEM && err->code != HEAL_ERR_BUSY)
				err->code = HEAL_ERR_IO;
			r = -1;
		}
		for (i = 0; i < v->n; i++)
			if (applied(v->fixes[i]))
				heal_json_object_set_bool(recs[i], "rolled_back", rolled);
		sum->rolled_back = rolled;
	}
	for (i = 0; i < v->n; i++) {
		struct heal_json *fix = v->fixes[i];

		v->fixes[i] = NULL;
		heal_json_object_set(recs[i], "fix", heal_json_clone(fix));
		if (emit(ctx, fix, err) < 0 || emit(ctx, recs[i], err) < 0) {
			for (j = i + 1; j < v->n; j++)
				heal_json_free(recs[j]);
			r = -1;
			break;
		}
	}
	free(recs);
out:
	for (i = 0; i < nchecks; i++)
		check_release(&checks[i]);
	free(checks);
	free(cmd_owned);
	heal_json_free(changed);
	heal_json_free(rerun_check);
	heal_json_free(test_check);
	heal_check_errors_release(&after);
	if (ran)
		heal_spawn_result_release(&rerun);
	if (tested)
		heal_spawn_result_release(&test);
	return r;
}
