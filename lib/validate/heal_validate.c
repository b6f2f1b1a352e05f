#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_backup.h"
#include "heal_check.h"
#include "heal_fix.h"
#include "heal_fixrec.h"
#include "heal_moved.h"
#include "heal_reach.h"
#include "heal_record.h"
#include "heal_safefile.h"
#include "heal_spawn.h"
#include "heal_text.h"
#include "heal_validate.h"

extern char **environ;

/* The fix records, as heal_moved.h reads them. */
#define FIXES(v) ((const struct heal_json *const *)(v)->fixes)

struct heal_validate {
	struct heal_validate_opts o;
	struct heal_json **fixes;
	size_t n;
	/* a pattern that failed to compile while a checker's output was
	 * read (HEAL_PATTERN_LAZY): it fails the run, it is not a finding */
	struct heal_error pattern_err;
	/* with run_fd: the command's last run, while the files are as it
	 * saw them (a replay or a rollback changes them) */
	struct heal_spawn_result last;
	bool last_valid;
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
	o->run_fd = -1;
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
	if (v->last_valid)
		heal_spawn_result_release(&v->last);
	free(v);
}

void heal_validate_add(struct heal_validate *v, struct heal_json *fix)
{
	v->fixes = heal_reallocarray(v->fixes, v->n + 1, sizeof(*v->fixes));
	v->fixes[v->n++] = fix;
}

/* ---- helpers ------------------------------------------------------------ */

/* The files change: the last run no longer shows them. */
static void forget_run(struct heal_validate *v)
{
	if (v->last_valid)
		heal_spawn_result_release(&v->last);
	v->last_valid = false;
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
			heal_fixrec_error(v->fixes[k]), "id");

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

/* The options of a check of file (root-relative) as heal-validate runs them. */
static void check_opts(struct heal_validate *v, const char *file,
		       const char *const *cmd, struct heal_check_opts *co)
{
	heal_check_opts_init(co);
	co->root = v->o.root;
	co->file = file;
	co->command = cmd;
	if (v->o.timeout < co->timeout)
		co->timeout = v->o.timeout;
	/* the user's own checkers run in the user's own environment */
	co->env = environ;
	co->patterns = v->o.patterns;
	co->load_patterns = patterns_of;
	co->load_ctx = v;
	co->known = known_error;
	co->known_ctx = v;
}

/* Whether the re-run's error r, new in a changed file, is one the fixes let
 * the file's checker reach (heal_reach.h), not one they made. */
static bool reached_now(struct heal_validate *v, const char *const *cmd,
			const struct heal_json *r, const struct heal_json *changed)
{
	const char *file = heal_json_object_get_str(r, "file");
	struct heal_check_opts co;

	if (!file || !heal_json_array_has_str(changed, file))
		return false;
	check_opts(v, file, cmd, &co);
	return heal_reach_record(&co, r, (const struct heal_json *const *)v->fixes, v->n);
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

	check_opts(v, file, cmd, &co);
	heal_check_file(&co, &res, &e);
	/* a pattern that failed to compile while a checker's output was read
	 * (HEAL_PATTERN_LAZY) fails the run: it is not a finding */
	if (res.detect_err.code == HEAL_ERR_USAGE && !v->pattern_err.code)
		v->pattern_err = res.detect_err;
	for (i = 0; i < res.nsteps; i++) {
		struct check *c = &checks[(*nchecks)++];
		struct heal_check_step *s = &res.steps[i];

		if (s->status == HEAL_CHECK_FAILED &&
		    heal_reach_step(&co, s, (const struct heal_json *const *)v->fixes, v->n)) {
			s->status = HEAL_CHECK_PASSED;
			free(s->detail);
			s->detail = heal_strdup("the errors left are past the fixes, where the "
						"checker, which stops at a file's first error, "
						"did not read before");
		}

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

/* run_command of the command itself: with run_fd, its run is kept as the
 * last one (a run killed by the timeout, or whose output was cut, is not:
 * it shows less than the files hold). */
static int run_the_command(struct heal_validate *v, const char *const *argv,
			   struct heal_spawn_result *res, struct heal_error *err)
{
	if (run_command(v, argv, res, err) < 0)
		return -1;
	forget_run(v);
	if (v->o.run_fd >= 0 && res->exited && !res->timed_out &&
	    !res->out_truncated) {
		v->last = *res;
		heal_buf_init(&v->last.out, HEAL_VALIDATE_OUTPUT_MAX);
		heal_buf_init(&v->last.err, 0);
		heal_buf_put(&v->last.out, res->out.data, res->out.len);
		v->last_valid = true;
	}
	return 0;
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
	if (!heal_json_array_has_str(files, heal_json_object_get_str(r, "file")))
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
	forget_run(v);
	heal_fix_opts_init(&fo);
	fo.root = v->o.root->path;
	fx = heal_fix_new(&fo, err);
	if (!fx)
		return -1;
	/* newest session first, so the oldest state is what remains */
	for (i = v->n; i-- > 0;) {
		const char *s = heal_json_object_get_str(v->fixes[i], "session");
		size_t restored = 0;

		if (!heal_fixrec_applied(v->fixes[i]) || !s)
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

/* ---- every ShellCheck code ---------------------------------------------- */

/* Whether file is a word of argv (as given, or after "./"). */
static bool names_file(const char *const *argv, const char *file)
{
	size_t i;

	for (i = 1; argv[i]; i++)
		if (!strcmp(argv[i], file) ||
		    (!strncmp(argv[i], "./", 2) && !strcmp(argv[i] + 2, file)))
			return true;
	return false;
}

/*
 * A shellcheck command sees only the codes it asks for (-i SC2086): each
 * changed shell file is judged again with every code against its state in
 * its session's backup.  sc_new[k]: a finding changed file k has that it
 * did not have before (owned), or NULL.  What cannot be judged (no
 * backup, shellcheck missing) judges nothing.
 */
static void shellcheck_all(struct heal_validate *v, const char *const *cmd,
			   const struct heal_json *changed,
			   struct heal_json **sc_new)
{
	const char *shell = heal_check_shellcheck_shell(cmd);
	struct heal_safefile sf;
	size_t k, i, j;

	heal_safefile_init(&sf, v->o.root);
	for (k = 0; k < changed->u.arr.n; k++) {
		const char *file = changed->u.arr.v[k]->u.str.s;
		const struct heal_lang *l = heal_lang_of_path(v->o.root, file, NULL);
		struct heal_backup_manifest m;
		struct heal_error e = HEAL_ERROR_INIT;
		const char *session = NULL, *why;

		if (!names_file(cmd, file) &&
		    !(l && (l->id == HEAL_LANG_SH || l->id == HEAL_LANG_BASH)))
			continue;
		for (i = 0; i < v->n && !session; i++)
			if (heal_fixrec_applied(v->fixes[i]) &&
			    heal_json_array_has_str(heal_json_object_get(v->fixes[i], "files"), file))
				session = heal_json_object_get_str(v->fixes[i], "session");
		if (!session || heal_backup_load(&sf, session, &m, &e) < 0)
			continue;
		for (j = 0; j < m.n; j++)
			if (m.v[j].exists && m.v[j].data && !strcmp(m.v[j].path, file))
				break;
		if (j < m.n)
			heal_check_shellcheck_new(v->o.root, file, shell, m.v[j].data,
						  m.v[j].size, &sc_new[k], &why, &e);
		heal_backup_manifest_release(&m);
	}
	heal_safefile_release(&sf);
}

/* ---- keeping progress, giving credit ------------------------------------- */

/*
 * The verdict on one fix.  status NULL: not decided; reason static text
 * or why.
 */
struct verdict {
	const char *status;
	const char *reason;
	char why[600];
	bool reverted;            /* its changes are undone */
	const char *tests;        /* "passed", "failed", "not-run" or NULL */
	struct heal_json *checks; /* its own: credit, tests (owned) */
};

static void verdict_set(struct verdict *d, const char *status,
			const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void verdict_set(struct verdict *d, const char *status,
			const char *fmt, ...)
{
	va_list ap;

	d->status = status;
	if (!fmt) {
		d->reason = NULL;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(d->why, sizeof(d->why), fmt, ap);
	va_end(ap);
	d->reason = d->why;
}

static void verdict_check(struct verdict *d, const char *name,
			  const char *status, const char *detail)
{
	struct heal_json *o = heal_json_new_object();

	heal_json_object_set_str(o, "name", name);
	heal_json_object_set_str(o, "status", status);
	heal_json_object_set_str(o, "detail", detail);
	if (!d->checks)
		d->checks = heal_json_new_array();
	heal_json_array_append(d->checks, o);
}

/* The session every applied fix was made in, or NULL when none or several. */
static const char *one_session(const struct heal_validate *v)
{
	const char *s = NULL;
	size_t i;

	for (i = 0; i < v->n; i++) {
		const char *x = heal_json_object_get_str(v->fixes[i], "session");

		if (!heal_fixrec_applied(v->fixes[i]))
			continue;
		if (!x || (s && strcmp(s, x) != 0))
			return NULL;
		s = x;
	}
	return s;
}

/*
 * The group of kept, passing fix i: it and the fixes whose edits it made
 * for them (weighed with it: without it they would make the same edits).
 */
static void group_of(const struct heal_validate *v, size_t i,
		     const bool *keep, const struct verdict *vd, bool *group)
{
	size_t k;

	for (k = 0; k < v->n; k++)
		group[k] = k == i ||
			   (keep[k] && vd[k].status &&
			    strcmp(vd[k].status, "passed") == 0 &&
			    heal_fixrec_duplicate_of(v->fixes[k], v->fixes[i]));
}

/* Kept passing fixes, a fix and those it made the edits of counted once. */
static size_t count_groups(const struct heal_validate *v, const bool *keep,
			   const struct verdict *vd)
{
	size_t i, k, n = 0;

	for (i = 0; i < v->n; i++) {
		if (!keep[i] || strcmp(vd[i].status, "passed") != 0)
			continue;
		for (k = 0; k < v->n; k++)
			if (k != i && keep[k] && strcmp(vd[k].status, "passed") == 0 &&
			    heal_fixrec_duplicate_of(v->fixes[i], v->fixes[k]))
				break;
		if (k == v->n)
			n++;
	}
	return n;
}

/*
 * Put the project in the state of the session's backup plus the fixes
 * whose keep[] is set, made again in input order by heal-fix's engine
 * (the same rebase of edits onto the earlier ones).  Every fix must apply
 * again as it did.
 */
static int replay(struct heal_validate *v, const char *session,
		  const bool *keep, struct heal_error *err)
{
	struct heal_fix_opts fo;
	struct heal_fix *fx;
	struct heal_json **outs;
	size_t *idx, i;
	bool any = false;
	int r = 0;

	forget_run(v);
	heal_fix_opts_init(&fo);
	fo.root = v->o.root->path;
	fo.session = session;
	fo.yes = true;
	fo.min_confidence = 0;
	fo.approve = HEAL_APPROVE_NEVER;
	fx = heal_fix_new(&fo, err);
	if (!fx)
		return -1;
	if (heal_fix_rollback(fx, session, NULL, err) < 0) {
		heal_fix_free(fx);
		return -1;
	}
	outs = heal_calloc(v->n ? v->n : 1, sizeof(*outs));
	idx = heal_calloc(v->n ? v->n : 1, sizeof(*idx));
	for (i = 0; i < v->n; i++)
		if (keep[i] && heal_fixrec_changes(v->fixes[i])) {
			outs[i] = heal_fixrec_replay_record(v->fixes[i]);
			idx[i] = heal_fix_plan(fx, outs[i]);
			any = true;
		}
	if (any && heal_fix_begin(fx, err) < 0)
		r = -1;
	for (i = 0; i < v->n; i++) {
		const char *st;

		if (!outs[i])
			continue;
		outs[i] = heal_fix_apply(fx, idx[i], outs[i]);
		st = heal_json_object_get_str(outs[i], "status");
		if (r == 0 && (!st || strcmp(st, "applied") != 0)) {
			const char *why = heal_json_object_get_str(outs[i], "reason");

			heal_error_set(err, HEAL_ERR_IO,
				       "cannot make fix %zu again: %s", i + 1,
				       why ? why : "not applied");
			r = -1;
		}
	}
	if (any && heal_fix_finish(fx, outs, v->n, r < 0 ? NULL : err) < 0)
		r = -1;
	for (i = 0; i < v->n; i++)
		heal_json_free(outs[i]);
	free(outs);
	free(idx);
	heal_fix_free(fx);
	return r;
}

/* One more run of the command, its errors read; *ok: it exited 0. */
static int probe(struct heal_validate *v, const char *const *cmd,
		 struct heal_check_errors *errs, bool *ok, bool *ran,
		 struct heal_error *err)
{
	struct heal_spawn_result res;
	struct heal_error e = HEAL_ERROR_INIT;
	int r = 0;

	*ok = *ran = false;
	memset(errs, 0, sizeof(*errs));
	if (run_the_command(v, cmd, &res, &e) < 0)
		return 0;
	*ran = !res.timed_out;
	*ok = res.exited && res.status == 0 && !res.timed_out;
	if (*ran && detect_output(v, cmd, &res.out, errs, err) < 0)
		r = -1;
	heal_spawn_result_release(&res);
	return r;
}

/* Whether every error of b is among a's (by id). */
static bool errors_within(const struct heal_check_errors *b,
			  const struct heal_check_errors *a)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (!has_id(a, heal_json_object_get_str(b->v[i], "id")))
			return false;
	return true;
}

/* Fixes a run weighs alone at most (each costs a restore and a re-run). */
#define CREDIT_MAX 8

/*
 * Credit: a fix passed only when its error is gone because of it.  Each
 * passing fix that can be undone alone is left out in turn, the others
 * kept: when its error is gone without it too, and the run reports nothing
 * the run with every fix did not, another fix removed it.  It did nothing:
 * it is undone and not counted.  keep[] is updated; the project is left
 * in some state of the loop (the caller makes the final one).
 */
static int credit(struct heal_validate *v, const char *session,
		  const char *const *cmd, const struct heal_check_errors *after,
		  struct verdict *vd, bool *keep, bool *changed,
		  struct heal_error *err)
{
	bool *group;
	size_t i, n = 0;

	for (i = 0; i < v->n; i++)
		if (keep[i] && vd[i].status && strcmp(vd[i].status, "passed") == 0 &&
		    heal_fixrec_replayable(v->fixes[i]))
			n++;
	if (n < 2 || n > CREDIT_MAX)
		return 0;
	group = heal_calloc(v->n, sizeof(*group));
	for (i = 0; i < v->n; i++) {
		struct heal_check_errors without;
		bool ok, ran;
		size_t k;

		if (!keep[i] || strcmp(vd[i].status, "passed") != 0 ||
		    !heal_fixrec_replayable(v->fixes[i]))
			continue;
		/* the fix, and those whose edits it made for them */
		group_of(v, i, keep, vd, group);
		for (k = 0; k < v->n; k++)
			if (group[k])
				keep[k] = false;
		*changed = true;
		if (replay(v, session, keep, err) < 0 ||
		    probe(v, cmd, &without, &ok, &ran, err) < 0) {
			free(group);
			return -1;
		}
		for (k = 0; k < v->n; k++) {
			const char *eid = heal_json_object_get_str(v->fixes[k], "error_id");

			if (!group[k])
				continue;
			keep[k] = true;
			if (!ran) {
				verdict_check(&vd[k], "credit", "skipped",
					      "the run without it did not end: not weighed");
			} else if (has_id(&without, eid)) {
				verdict_check(&vd[k], "credit", "passed",
					      "without it its error comes back");
			} else if (!errors_within(&without, after)) {
				verdict_check(&vd[k], "credit", "skipped",
					      "without it other errors appear: not weighed");
			} else {
				keep[k] = false;
				verdict_check(&vd[k], "credit", "failed",
					      "its error is gone without it too");
				verdict_set(&vd[k], "skipped",
					    "not needed: its error is gone without it too (another fix removed it); undone");
				vd[k].reverted = true;
			}
		}
		heal_check_errors_release(&without);
	}
	free(group);
	return 0;
}

/*
 * Whether the state holds: every kept fix's error still gone and no new
 * error in a file a kept fix changed.  On failure *why says what broke.
 */
static bool holds(const struct heal_validate *v, const bool *keep,
		  const struct heal_check_errors *errs, char *why, size_t n)
{
	size_t i, j;

	for (i = 0; i < v->n; i++) {
		const struct heal_json *e = heal_fixrec_error(v->fixes[i]);
		const char *tool = heal_json_object_get_str(e, "tool");
		const struct heal_json *files;

		if (!keep[i])
			continue;
		if (heal_moved_same_id(errs->v, errs->n, heal_json_object_get_str(v->fixes[i], "error_id"),
				       FIXES(v), keep, v->n, e) ||
		    heal_moved_still(FIXES(v), keep, v->n, errs->v, errs->n, e)) {
			snprintf(why, n, "with only the kept fixes in place its error comes back");
			return false;
		}
		files = heal_json_object_get(v->fixes[i], "files");
		for (j = 0; j < errs->n; j++)
			if (!known_before(v, heal_json_object_get_str(errs->v[j], "id")) &&
			    !heal_moved_known(FIXES(v), keep, v->n, errs->v, errs->n, errs->v[j]) &&
			    regression(errs->v[j], files, tool)) {
				snprintf(why, n, "with only the kept fixes in place a new error appears");
				return false;
			}
	}
	return true;
}

/* Count of kept fixes whose status is st (NULL: any). */
static size_t count_kept(const struct heal_validate *v, const bool *keep,
			 const struct verdict *vd, const char *st)
{
	size_t i, n = 0;

	for (i = 0; i < v->n; i++)
		if (keep[i] && (!st || (vd[i].status && strcmp(vd[i].status, st) == 0)))
			n++;
	return n;
}

/* The tests: a JSON check and whether they passed. */
static void run_tests(struct heal_validate *v, struct heal_json **check,
		      bool *ok, struct heal_error *err)
{
	struct heal_spawn_result res;
	bool started;

	started = run_command(v, v->o.test, &res, err) == 0;
	*ok = started && res.exited && res.status == 0 && !res.timed_out;
	heal_json_free(*check);
	*check = run_check("test", v->o.test, &res, started, err->msg);
	if (started)
		heal_spawn_result_release(&res);
	heal_error_clear(err);
}

/*
 * The tests failed with the kept fixes: blame the fixes without which the
 * command succeeds and the tests pass.  *blamed_any when one was.
 */
static int blame(struct heal_validate *v, const char *session,
		 const char *const *cmd, struct verdict *vd, bool *keep,
		 bool *blamed_any, struct heal_error *err)
{
	bool *blamed = heal_calloc(v->n ? v->n : 1, sizeof(*blamed));
	bool *group = heal_calloc(v->n ? v->n : 1, sizeof(*group));
	struct heal_json *tc = NULL;
	size_t i, k, n = 0;
	int r = 0;

	*blamed_any = false;
	for (i = 0; i < v->n; i++)
		if (keep[i] && heal_fixrec_replayable(v->fixes[i]))
			n++;
	for (i = 0; n <= CREDIT_MAX && i < v->n && r == 0; i++) {
		struct heal_check_errors errs;
		bool ok = false, ran, tok = false;

		if (!keep[i] || strcmp(vd[i].status, "passed") != 0 ||
		    !heal_fixrec_replayable(v->fixes[i]))
			continue;
		group_of(v, i, keep, vd, group);
		for (k = 0; k < v->n; k++)
			if (group[k])
				keep[k] = false;
		if (replay(v, session, keep, err) < 0 ||
		    probe(v, cmd, &errs, &ok, &ran, err) < 0) {
			r = -1;
			break;
		}
		heal_check_errors_release(&errs);
		if (ok)
			run_tests(v, &tc, &tok, err);
		for (k = 0; k < v->n; k++) {
			if (!group[k])
				continue;
			keep[k] = true;
			if (ok && tok) {
				blamed[k] = true;
				*blamed_any = true;
			}
			verdict_check(&vd[k], "tests-without",
				      !ok ? "skipped" : tok ? "passed" : "failed",
				      !ok ? "without it the command fails: the tests did not run"
				      : tok ? "without it the tests pass"
				      : "without it the tests fail too");
		}
	}
	for (i = 0; i < v->n; i++)
		if (blamed[i]) {
			keep[i] = false;
			vd[i].tests = "failed";
			vd[i].reverted = true;
			verdict_set(&vd[i], "failed",
				    "the tests fail with it and pass without it");
		}
	heal_json_free(tc);
	free(blamed);
	free(group);
	return r;
}

int heal_validate_run(struct heal_validate *v, heal_validate_emit_fn emit,
		      void *ctx, struct heal_validate_summary *sum,
		      struct heal_error *err)
{
	struct heal_spawn_result rerun;
	struct heal_check_errors after = { NULL, 0 };
	struct check *checks = NULL;
	struct heal_json **recs = NULL, **news = NULL, **sc_new = NULL;
	struct verdict *vd = NULL;
	bool *keep = NULL, *reached = NULL, *app = NULL;
	const char **cmd_owned = NULL;
	const char *const *cmd = v->o.command;
	const char *session;
	struct heal_json *changed = heal_json_new_array();
	struct heal_json *rerun_check = NULL, *test_check = NULL;
	char refused_why[400] = "";
	bool refused = false, state_changed = false, can_replay, undo_all = false;
	size_t ngroups;
	bool any_applied = false, ran = false, ok_run = false;
	bool rolled = false, test_ok = true, started;
	size_t nchecks = 0, i, j;
	int r = 0;

	memset(sum, 0, sizeof(*sum));
	sum->fixes = v->n;
	memset(&rerun, 0, sizeof(rerun));
	for (i = 0; i < v->n; i++) {
		const struct heal_json *files;

		if (!heal_fixrec_applied(v->fixes[i]))
			continue;
		any_applied = true;
		sum->applied++;
		files = heal_json_object_get(v->fixes[i], "files");
		for (j = 0; files && files->type == HEAL_JSON_ARRAY &&
			    j < files->u.arr.n; j++)
			if (heal_json_string_is_cstr(files->u.arr.v[j]) &&
			    !heal_json_array_has_str(changed, files->u.arr.v[j]->u.str.s))
				heal_json_array_append(changed,
					heal_json_clone(files->u.arr.v[j]));
		if (!cmd && !refused) {
			const struct heal_json *e = heal_fixrec_error(v->fixes[i]);
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

	/* 2. the re-run with every fix in place */
	if (any_applied && cmd) {
		started = run_the_command(v, cmd, &rerun, err) == 0;
		ran = started;
		rerun_check = run_check("re-run", cmd, &rerun, started, err->msg);
		if (started && detect_output(v, cmd, &rerun.out, &after, err) < 0) {
			r = -1;
			goto out;
		}
		ok_run = started && rerun.exited && rerun.status == 0 &&
			 !rerun.timed_out;
		heal_error_clear(err);
	}

	/* 2b. a shellcheck command asked for every code of its files */
	sc_new = heal_calloc(changed->u.arr.n + 1, sizeof(*sc_new));
	if (ran && heal_check_is_shellcheck(cmd))
		shellcheck_all(v, cmd, changed, sc_new);

	/* 3. each fix on that run: its error gone, nothing new (an error the
	 * fixes let a first-error-only checker reach is not new) */
	reached = heal_calloc(after.n + 1, sizeof(*reached));
	app = heal_calloc(v->n + 1, sizeof(*app));
	for (i = 0; i < v->n; i++)
		app[i] = heal_fixrec_applied(v->fixes[i]);
	for (j = 0; j < after.n; j++)
		reached[j] = !known_before(v, heal_json_object_get_str(after.v[j], "id")) &&
			     (heal_moved_known(FIXES(v), app, v->n, after.v, after.n, after.v[j]) ||
			      reached_now(v, cmd, after.v[j], changed) ||
			      heal_reach_run(v->o.root, after.v[j], FIXES(v), v->n));
	vd = heal_calloc(v->n ? v->n : 1, sizeof(*vd));
	keep = heal_calloc(v->n ? v->n : 1, sizeof(*keep));
	news = heal_calloc(v->n ? v->n : 1, sizeof(*news));
	for (i = 0; i < v->n; i++) {
		const struct heal_json *fix = v->fixes[i];
		const struct heal_json *e = heal_fixrec_error(fix);
		const char *eid = heal_json_object_get_str(fix, "error_id");
		const char *tool = heal_json_object_get_str(e, "tool");
		const struct heal_json *files = heal_json_object_get(fix, "files");
		const char *reason = NULL;
		struct verdict *d = &vd[i];

		news[i] = heal_json_new_array();
		if (!heal_fixrec_applied(fix)) {
			const char *st = heal_json_object_get_str(fix, "status");

			verdict_set(d, "skipped", "the fix was not applied (%s)",
				    st ? st : "no status");
			continue;
		}
		keep[i] = true;
		for (j = 0; j < nchecks; j++)
			if (heal_json_array_has_str(files, checks[j].file) &&
			    strcmp(checks[j].status, "failed") == 0) {
				snprintf(d->why, sizeof(d->why),
					 "syntax check of '%s' failed", checks[j].file);
				reason = d->why;
			}
		for (j = 0; j < changed->u.arr.n; j++)
			if (sc_new[j] && heal_json_array_has_str(files, changed->u.arr.v[j]->u.str.s)) {
				heal_json_array_append(news[i], new_error_json(sc_new[j]));
				if (!reason)
					reason = heal_check_shellcheck_why(sc_new[j], d->why, sizeof(d->why));
			}
		for (j = 0; j < after.n; j++) {
			const char *id = heal_json_object_get_str(after.v[j], "id");

			if (!known_before(v, id) && !reached[j] &&
			    regression(after.v[j], files, tool)) {
				heal_json_array_append(news[i], new_error_json(after.v[j]));
				if (!reason) {
					const char *m = heal_json_object_get_str(after.v[j], "message");
					char *q = heal_text_escape_dup(m ? m : "", m ? strlen(m) : 0);

					snprintf(d->why, sizeof(d->why),
						 "a new error appeared: %.400s", q);
					free(q);
					reason = d->why;
				}
			}
		}
		if (!reason && !cmd) {
			d->status = "skipped";
			d->reason = refused ? refused_why
				    : "no command to re-run: give one after --";
			continue;
		}
		if (!reason && !ran)
			reason = "the command could not be re-run";
		else if (!reason && rerun.timed_out)
			reason = "the re-run timed out";
		else if (!reason && (heal_moved_same_id(after.v, after.n, eid, FIXES(v), app, v->n, e) ||
				     heal_moved_still(FIXES(v), app, v->n, after.v, after.n, e)))
			reason = "the error is still reported";
		d->status = reason ? "failed" : "passed";
		d->reason = reason;
	}

	/*
	 * 4. credit and progress: with one session to restore and a command,
	 * fixes are weighed one by one, a fix that did nothing is undone, and
	 * (unless atomic) the failed ones are undone while the passing ones
	 * stay, when they hold without them.
	 */
	session = one_session(v);
	can_replay = v->o.rollback && session && cmd && ran && !rerun.timed_out;
	if (can_replay && credit(v, session, cmd, &after, vd, keep,
				 &state_changed, err) < 0)
		goto replay_failed;
	for (i = 0; i < v->n; i++)
		if (keep[i] && strcmp(vd[i].status, "failed") == 0) {
			if (!can_replay || v->o.atomic)
				undo_all = true;
			keep[i] = false;
			vd[i].reverted = true;
			state_changed = true;
		}
	if (!undo_all && state_changed && count_kept(v, keep, vd, NULL)) {
		struct heal_check_errors fin;
		bool ok, fran;
		char why[200] = "";

		if (replay(v, session, keep, err) < 0 ||
		    probe(v, cmd, &fin, &ok, &fran, err) < 0)
			goto replay_failed;
		if (!fran || !holds(v, keep, &fin, why, sizeof(why))) {
			for (i = 0; i < v->n; i++)
				if (keep[i])
					/* its error was gone thanks to a fix
					 * that is undone: not its own doing */
					verdict_set(&vd[i], "unproven", "%s",
						    fran ? why : "the re-run with only the kept fixes did not end");
			undo_all = true;
		} else {
			ok_run = ok;
		}
		heal_check_errors_release(&fin);
	} else if (state_changed && !count_kept(v, keep, vd, NULL)) {
		undo_all = true;
	}

	/* 5. the tests, on the state that stays */
	if (!undo_all && v->o.test && count_kept(v, keep, vd, "passed")) {
		if (!ok_run) {
			/* fixes whose tests never ran are not proven */
			for (i = 0; i < v->n; i++)
				if (keep[i] && strcmp(vd[i].status, "passed") == 0) {
					vd[i].tests = "not-run";
					verdict_set(&vd[i], "unproven",
						    "its error is gone, but the tests did not run while the command still fails");
				}
		} else {
			run_tests(v, &test_check, &test_ok, err);
			if (!test_ok && can_replay && !v->o.atomic &&
			    count_groups(v, keep, vd) > 1) {
				bool blamed = false;

				if (blame(v, session, cmd, vd, keep, &blamed, err) < 0)
					goto replay_failed;
				if (blamed && count_kept(v, keep, vd, NULL)) {
					struct heal_check_errors fin;
					bool fran;

					if (replay(v, session, keep, err) < 0 ||
					    probe(v, cmd, &fin, &ok_run, &fran, err) < 0)
						goto replay_failed;
					heal_check_errors_release(&fin);
					if (ok_run)
						run_tests(v, &test_check, &test_ok, err);
					else
						test_ok = false;
				} else if (blamed) {
					undo_all = true;
				}
			}
			ngroups = count_groups(v, keep, vd);
			for (i = 0; i < v->n; i++) {
				if (!keep[i] || strcmp(vd[i].status, "passed") != 0)
					continue;
				vd[i].tests = test_ok ? "passed" : "failed";
				if (test_ok)
					continue;
				/* the tests are not one fix's alone to answer
				 * for, unless it is the only change */
				if (ngroups == 1)
					verdict_set(&vd[i], "failed", "the tests failed");
				else
					verdict_set(&vd[i], "unproven",
						    "the tests failed, not because of this fix alone");
				undo_all = true;
			}
		}
	}
	sum->healed = (!undo_all || !v->o.rollback) && ok_run && test_ok;
	goto decided;

replay_failed:
	/* a restore or a replay that failed: everything goes back */
	for (i = 0; i < v->n; i++)
		if (keep[i] && strcmp(vd[i].status, "passed") == 0)
			verdict_set(&vd[i], "unproven",
				    "the fixes could not be weighed one by one: %.400s",
				    err->msg);
	heal_error_clear(err);
	undo_all = true;
	sum->healed = false;

decided:
	sum->ran = ran;
	if (undo_all && v->o.rollback) {
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
			if (heal_fixrec_applied(v->fixes[i]))
				vd[i].reverted = rolled;
		sum->rolled_back = rolled;
	} else if (!v->o.rollback) {
		for (i = 0; i < v->n; i++)
			vd[i].reverted = false;
	}
	for (i = 0; i < v->n; i++) {
		const char *st = vd[i].status;

		if (strcmp(st, "passed") == 0)
			sum->passed++;
		else if (strcmp(st, "failed") == 0)
			sum->failed++;
		else if (strcmp(st, "unproven") == 0)
			sum->unproven++;
		if (!heal_fixrec_applied(v->fixes[i]))
			continue;
		if (vd[i].reverted) {
			sum->reverted++;
		} else {
			sum->kept++;
			if (strcmp(st, "passed") == 0 || strcmp(st, "unproven") == 0)
				sum->partial = true;
		}
	}
	/* progress kept on a command that still fails */
	sum->partial = sum->partial && ran && !sum->healed;
	sum->rolled_back = sum->reverted > 0 && sum->kept == 0;

	/* the run that shows the files as they are left, for heal(1): a
	 * write that fails leaves less than its header says, which heal
	 * does not take (it runs the command itself) */
	if (v->o.run_fd >= 0 && v->last_valid)
		(void)heal_spawn_result_save(v->o.run_fd, &v->last);

	/* 6. the records */
	recs = heal_calloc(v->n ? v->n : 1, sizeof(*recs));
	for (i = 0; i < v->n; i++) {
		const struct heal_json *fix = v->fixes[i];
		const struct heal_json *files = heal_json_object_get(fix, "files");
		const char *eid = heal_json_object_get_str(fix, "error_id");
		struct heal_json *rec = heal_record_new(HEAL_KIND_VALIDATION);
		struct heal_json *carr = heal_json_new_array();

		heal_json_object_set_str(rec, "error_id", eid ? eid : "0");
		heal_json_object_set(rec, "fix_id",
				     heal_json_clone(heal_json_object_get(fix, "fix_id")));
		for (j = 0; j < nchecks; j++)
			if (heal_json_array_has_str(files, checks[j].file))
				heal_json_array_append(carr, check_json(&checks[j]));
		if (heal_fixrec_applied(fix)) {
			if (rerun_check)
				heal_json_array_append(carr, heal_json_clone(rerun_check));
			if (test_check && vd[i].tests)
				heal_json_array_append(carr, heal_json_clone(test_check));
		}
		for (j = 0; vd[i].checks && j < vd[i].checks->u.arr.n; j++)
			heal_json_array_append(carr,
				heal_json_clone(vd[i].checks->u.arr.v[j]));
		heal_json_object_set_str(rec, "status", vd[i].status);
		heal_json_object_set(rec, "reason", vd[i].reason
				     ? heal_json_new_string(vd[i].reason)
				     : heal_json_new_null());
		heal_json_object_set_bool(rec, "healed", sum->healed);
		heal_json_object_set_bool(rec, "partial", sum->partial);
		heal_json_object_set_bool(rec, "rolled_back", vd[i].reverted);
		if (vd[i].tests)
			heal_json_object_set_str(rec, "tests", vd[i].tests);
		heal_json_object_set(rec, "checks", carr);
		heal_json_object_set(rec, "new_errors", news[i]);
		news[i] = NULL;
		if (v->o.attempt > 0)
			heal_json_object_set_int(rec, "attempt", v->o.attempt);
		recs[i] = rec;
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
	for (i = 0; vd && i < v->n; i++)
		heal_json_free(vd[i].checks);
	for (i = 0; news && i < v->n; i++)
		heal_json_free(news[i]);
	free(news);
	for (i = 0; sc_new && i < changed->u.arr.n; i++)
		heal_json_free(sc_new[i]);
	free(sc_new);
	free(vd);
	free(keep);
	free(reached);
	free(app);
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
	return r;
}
