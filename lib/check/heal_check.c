#include <stdarg.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_check_int.h"
#include "heal_detect.h"
#include "heal_safefile.h"

/* Every checker; a language's row names the ones it uses. */
static const struct heal_checker *const checkers[] = {
	&heal_checker_cc,
	&heal_checker_python,
	&heal_checker_sh,
	&heal_checker_shellcheck,
	&heal_checker_shellcheck_parse,
	&heal_checker_terraform,
	&heal_checker_ansible,
	&heal_checker_yaml,
	&heal_checker_node,
	&heal_checker_make,
};

const struct heal_checker *heal_checker_get(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(checkers) / sizeof(checkers[0]); i++)
		if (strcmp(checkers[i]->name, name) == 0)
			return checkers[i];
	return NULL;
}

bool heal_check_same_message(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	const char *p;

	if ((p = strstr(a, " [-W")) && p[strlen(p) - 1] == ']')
		na = (size_t)(p - a);
	if ((p = strstr(b, " [-W")) && p[strlen(p) - 1] == ']')
		nb = (size_t)(p - b);
	return na == nb && !memcmp(a, b, na);
}

const char *heal_check_status_name(enum heal_check_status s)
{
	switch (s) {
	case HEAL_CHECK_PASSED:
		return "passed";
	case HEAL_CHECK_FAILED:
		return "failed";
	case HEAL_CHECK_UNAVAILABLE:
		return "unavailable";
	case HEAL_CHECK_SKIPPED:
		break;
	}
	return "skipped";
}

void heal_check_opts_init(struct heal_check_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout = HEAL_CHECK_TIMEOUT;
}

/* ---- argv --------------------------------------------------------------- */

void heal_check_argv_push(struct heal_check_argv *a, const char *word)
{
	if (a->n + 2 > a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		a->v = heal_reallocarray(a->v, a->cap, sizeof(*a->v));
	}
	a->v[a->n++] = word;
	a->v[a->n] = NULL;
}

void heal_check_argv_pushl(struct heal_check_argv *a, ...)
{
	const char *w;
	va_list ap;

	va_start(ap, a);
	while ((w = va_arg(ap, const char *)))
		heal_check_argv_push(a, w);
	va_end(ap);
}

void heal_check_argv_push_owned(struct heal_check_argv *a, char *word)
{
	a->owned = heal_reallocarray(a->owned, a->nowned + 1, sizeof(*a->owned));
	a->owned[a->nowned++] = word;
	heal_check_argv_push(a, word);
}

void heal_check_argv_release(struct heal_check_argv *a)
{
	size_t i;

	for (i = 0; i < a->nowned; i++)
		free(a->owned[i]);
	free(a->owned);
	free(a->v);
	memset(a, 0, sizeof(*a));
}

/* ---- reading output ----------------------------------------------------- */

static int collect(void *ctx, struct heal_json *rec, struct heal_error *err)
{
	struct heal_check_errors *e = ctx;

	(void)err;
	e->v = heal_reallocarray(e->v, e->n + 1, sizeof(*e->v));
	e->v[e->n++] = rec;
	return 0;
}

int heal_check_read_errors(const struct heal_pattern_set *ps,
			   const struct heal_root *root,
			   const char *const *argv, const char *source,
			   const char *data, size_t len,
			   struct heal_check_errors *out, struct heal_error *err)
{
	struct heal_detect_options dopt;
	struct heal_detect *d;
	size_t argc = 0;
	int r;

	while (argv && argv[argc])
		argc++;
	memset(&dopt, 0, sizeof(dopt));
	dopt.patterns = ps;
	dopt.root = root;
	dopt.command = argv;
	dopt.ncommand = argc;
	dopt.emit = collect;
	dopt.emit_ctx = out;
	d = heal_detect_new(&dopt);
	r = heal_detect_begin(d, source, err);
	if (r == 0 && len)
		r = heal_detect_feed(d, data, len, err);
	if (r == 0)
		r = heal_detect_end(d, err);
	if (r == 0)
		r = heal_detect_finish(d, err);
	heal_detect_free(d);
	return r;
}

void heal_check_errors_release(struct heal_check_errors *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		heal_json_free(e->v[i]);
	free(e->v);
	e->v = NULL;
	e->n = 0;
}

/* ---- results ------------------------------------------------------------ */

void heal_check_result_release(struct heal_check_result *r)
{
	size_t i, k;

	for (i = 0; i < r->nsteps; i++) {
		struct heal_check_step *s = &r->steps[i];

		free(s->tool);
		free(s->detail);
		for (k = 0; k < s->nerrors; k++)
			heal_json_free(s->errors[k]);
		free(s->errors);
	}
	memset(r, 0, sizeof(*r));
}

static struct heal_check_step *new_step(struct heal_check_result *r,
					const char *checker,
					enum heal_check_status st)
{
	struct heal_check_step *s = &r->steps[r->nsteps++];

	memset(s, 0, sizeof(*s));
	s->checker = checker;
	s->status = st;
	return s;
}

/* A bounded one-paragraph detail from program output. */
static char *detail_of(const struct heal_buf *b)
{
	size_t n = b->len < HEAL_CHECK_DETAIL_MAX ? b->len : HEAL_CHECK_DETAIL_MAX;

	while (n && (b->data[n - 1] == '\n' || b->data[n - 1] == ' '))
		n--;
	return heal_strndup(b->data ? b->data : "", n);
}

/*
 * Whether a path a checker printed names file: the same root-relative
 * path, or file's path relative to its own directory (terraform -chdir).
 */
static bool same_file(const char *at, const char *file)
{
	size_t a = strlen(at), f = strlen(file);

	return strcmp(at, file) == 0 ||
	       (f > a && file[f - a - 1] == '/' && strcmp(file + f - a, at) == 0);
}

/*
 * Whether a failing run's errors are no new error in file: errors known
 * before, or errors in other files, only.  Output in which no error can
 * be read counts as new.
 */
static bool only_known(const struct heal_check_opts *o, const char *file,
		       const struct heal_check_step *s)
{
	size_t i, errors = 0;

	for (i = 0; i < s->nerrors; i++) {
		const char *sev = heal_json_object_get_str(s->errors[i], "severity");
		const char *at = heal_json_object_get_str(s->errors[i], "file");

		if (sev && strcmp(sev, "error") != 0)
			continue;
		errors++;
		/* a checker of a whole directory (terraform validate) reports
		 * the other files' errors too: those are the re-run's business */
		if (at && !same_file(at, file))
			continue;
		if (!o->known(o->known_ctx, s->errors[i]))
			return false;
	}
	return errors > 0;
}

/* Read a failing run's output into s->errors. */
static void read_errors(const struct heal_check_opts *o,
			const struct heal_root *run_root,
			const char *const *argv, const struct heal_buf *out,
			struct heal_check_step *s, struct heal_check_result *res)
{
	const struct heal_pattern_set *ps = o->patterns;
	struct heal_check_errors found = { NULL, 0 };
	struct heal_error e = HEAL_ERROR_INIT;

	/* no output, no error to read: the patterns are not needed */
	if (!out->len)
		return;
	if (!ps && o->load_patterns && o->load_patterns(o->load_ctx, &ps, &e) < 0)
		goto fail;
	if (!ps)
		return;
	if (heal_check_read_errors(ps, run_root, argv, "check", out->data,
				   out->len, &found, &e) < 0)
		goto fail;
	s->errors = found.v;
	s->nerrors = found.n;
	return;
fail:
	heal_check_errors_release(&found);
	if (!res->detect_err.code)
		res->detect_err = e;
}

char *heal_check_run_dir(const struct heal_root *run_root, const char *cwd)
{
	size_t n;
	char *d;

	if (!cwd || !*cwd)
		return heal_strdup(run_root->path);
	n = strlen(run_root->path) + strlen(cwd) + 2;
	d = heal_malloc(n);
	snprintf(d, n, "%s/%s", run_root->path, cwd);
	return d;
}

/* Run one checker's argv on t into a new step of res. */
static void run_one(const struct heal_check_opts *o,
		    const struct heal_root *run_root,
		    const struct heal_checker *ck,
		    const struct heal_check_target *t,
		    const char *const *argv, struct heal_check_result *res)
{
	struct heal_check_step *s = new_step(res, ck->name, HEAL_CHECK_FAILED);
	struct heal_spawn_opts so;
	struct heal_spawn_result r;
	struct heal_error e = HEAL_ERROR_INIT;
	enum heal_check_status st;
	const char *why = NULL;
	char *cwd = heal_check_run_dir(run_root, o->cwd);

	/* the program's name, not where it was found (a version manager's
	 * interpreter is run by its path: no home directory in a record) */
	s->tool = heal_strdup(strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0]);
	heal_spawn_opts_init(&so);
	so.argv = argv;
	so.cwd = cwd;
	so.timeout = o->timeout;
	so.merge = true;
	so.max_output = HEAL_CHECK_OUTPUT_MAX;
	so.env = o->env;
	if (heal_spawn_run(&so, &r, &e) < 0) {
		s->status = HEAL_CHECK_UNAVAILABLE;
		s->detail = heal_strdup(e.msg);
		heal_spawn_result_release(&r);
		free(cwd);
		return;
	}
	free(cwd);
	s->timed_out = r.timed_out;
	s->seconds = r.seconds;
	st = r.exited && r.status == 0 ? HEAL_CHECK_PASSED
	     : ck->verdict ? ck->verdict(t, &r, &why) : HEAL_CHECK_FAILED;
	if (st != HEAL_CHECK_FAILED) {
		s->status = st;
		s->detail = why ? heal_strdup(why) : NULL;
		/* a pass may still warn: read when asked; not the lint of a
		 * run its verdict passed (ShellCheck's non-parser findings,
		 * which are not the file's syntax: SC2068 on the '${a[@]}' a
		 * fix closed is no error the fix made) */
		if (st == HEAL_CHECK_PASSED && o->read_passed && !r.timed_out &&
		    r.exited && r.status == 0)
			read_errors(o, run_root, argv, &r.out, s, res);
	} else if (!r.timed_out) {
		read_errors(o, run_root, argv, &r.out, s, res);
		if (o->known && only_known(o, t->file, s)) {
			/* the errors the fixes were not for are still there: not ours */
			s->status = HEAL_CHECK_PASSED;
			s->detail = heal_strdup("no new error in this file");
		}
	}
	if (s->status == HEAL_CHECK_FAILED)
		s->detail = detail_of(&r.out);
	heal_spawn_result_release(&r);
}

static enum heal_check_status verdict_of(const struct heal_check_result *r)
{
	enum heal_check_status best = HEAL_CHECK_SKIPPED;
	size_t i;

	for (i = 0; i < r->nsteps; i++) {
		enum heal_check_status s = r->steps[i].status;

		if (s == HEAL_CHECK_FAILED)
			return s;
		if (s == HEAL_CHECK_PASSED ||
		    (s == HEAL_CHECK_UNAVAILABLE && best == HEAL_CHECK_SKIPPED))
			best = s;
	}
	return best;
}

int heal_check_at(const struct heal_check_opts *o,
		  const struct heal_root *run_root, bool copy,
		  struct heal_check_result *res, struct heal_error *err)
{
	const char *const *names;
	struct heal_check_target t;
	char *dotted = NULL;
	bool ran = false;
	size_t i;

	(void)err;
	memset(res, 0, sizeof(*res));
	res->status = HEAL_CHECK_SKIPPED;
	/* the path is record input: never outside the root, never an option */
	if (!heal_safefile_canonical(o->file)) {
		new_step(res, NULL, HEAL_CHECK_SKIPPED)->detail =
			heal_strdup("not a path inside the project root");
		return 0;
	}
	if (o->cwd && *o->cwd && !heal_safefile_canonical(o->cwd)) {
		new_step(res, NULL, HEAL_CHECK_SKIPPED)->detail =
			heal_strdup("the checkers' directory is not inside the project root");
		return 0;
	}
	memset(&t, 0, sizeof(t));
	t.lang = heal_lang_of_path(run_root, o->file, &t.header);
	t.file = t.arg = o->file;
	t.command = o->command;
	t.copy = copy;
	if (o->file[0] == '-') {
		size_t n = strlen(o->file) + 3;

		dotted = heal_malloc(n);
		snprintf(dotted, n, "./%s", o->file);
		t.arg = dotted;
	}
	names = t.lang ? t.lang->checkers : NULL;
	for (i = 0; names && names[i] && res->nsteps < HEAL_CHECK_STEPS_MAX; i++) {
		const struct heal_checker *ck = heal_checker_get(names[i]);
		struct heal_check_argv argv = { NULL, 0, 0, NULL, 0 };
		const char *why = NULL;
		enum heal_check_plan p;

		if (!ck || (ck->fallback && ran))
			continue;
		p = ck->plan(&t, &argv, &why);
		if (p == HEAL_CHECK_RUN) {
			run_one(o, run_root, ck, &t, argv.v, res);
			ran = true;
		} else if (p == HEAL_CHECK_SKIP) {
			new_step(res, ck->name, HEAL_CHECK_SKIPPED)->detail =
				heal_strdup(why ? why : "not checked");
		}
		heal_check_argv_release(&argv);
		if (p == HEAL_CHECK_SKIP ||
		    (p == HEAL_CHECK_RUN &&
		     res->steps[res->nsteps - 1].status == HEAL_CHECK_FAILED))
			break;
	}
	if (!res->nsteps)
		new_step(res, NULL, HEAL_CHECK_SKIPPED)->detail =
			heal_strdup("no syntax checker for this kind of file");
	res->status = verdict_of(res);
	free(dotted);
	return 0;
}

int heal_check_file(const struct heal_check_opts *o,
		    struct heal_check_result *res, struct heal_error *err)
{
	return heal_check_at(o, o->root, false, res, err);
}
