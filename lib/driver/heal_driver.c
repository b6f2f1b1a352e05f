#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_backup.h"
#include "heal_driver.h"
#include "heal_fd.h"
#include "heal_fix.h"
#include "heal_json.h"
#include "heal_record.h"
#include "heal_spawn.h"
#include "heal_text.h"

extern char **environ;

#define OUTPUT_MAX ((size_t)32 << 20)
#define RECORDS_MAX ((size_t)64 << 20)
#define MAX_ARGS 64

/* A growing list of strings, owned. */
struct strs {
	char **v;
	size_t n;
};

static void strs_add(struct strs *s, const char *x)
{
	s->v = heal_reallocarray(s->v, s->n + 2, sizeof(*s->v));
	s->v[s->n++] = heal_strdup(x);
	s->v[s->n] = NULL;
}

static bool strs_has(const struct strs *s, const char *x)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i], x) == 0)
			return true;
	return false;
}

static void strs_release(struct strs *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

struct loop {
	const struct heal_driver_opts *o;
	char root[PATH_MAX];
	char bindir[PATH_MAX];        /* "" when the programs come from PATH */
	char run_id[64];
	char **env;                   /* command_env + HEAL_RUN + HEAL_ATTEMPT */
	char **cmd_env;               /* command_env: the command's */
	struct strs skips;            /* "error_id/fix_id" that failed */
	struct strs sessions;         /* kept, oldest first */
	struct strs tried;            /* lines for the summary */
	unsigned applied_kept;
};

static void say(const struct loop *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void say(const struct loop *l, const char *fmt, ...)
{
	char line[2048];
	va_list ap;

	if (!l->o->say)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	l->o->say(l->o->say_ctx, line);
}

/* The heal programs beside this executable, when they are there. */
static void find_bindir(struct loop *l)
{
	char exe[PATH_MAX], probe[PATH_MAX + 16];
	ssize_t n;
	char *slash;

	l->bindir[0] = '\0';
	if (l->o->bindir) {
		snprintf(l->bindir, sizeof(l->bindir), "%s/", l->o->bindir);
		return;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return;
	slash[1] = '\0';
	snprintf(probe, sizeof(probe), "%sheal-detect", exe);
	if (access(probe, X_OK) == 0)
		snprintf(l->bindir, sizeof(l->bindir), "%s", exe);
}

static char *prog(const struct loop *l, const char *name)
{
	struct heal_buf b;

	heal_buf_init(&b, 2 * PATH_MAX);
	heal_buf_putf(&b, "%s%s", l->bindir, name);
	return heal_buf_detach(&b, NULL);
}

static bool env_is(const char *e, const char *name)
{
	size_t n = strlen(name);

	return strncmp(e, name, n) == 0 && e[n] == '=';
}

/*
 * environ with messages in the C locale (LC_MESSAGES=C), so that the
 * command prints the templates heal-detect knows; the rest of the locale
 * (the character set above all) is the user's.  LC_ALL would override
 * LC_MESSAGES: its value goes to every other category instead.  Then
 * HEAL_RUN and HEAL_ATTEMPT (attempt 0: none) for the programs of one
 * attempt, which run the command again in the environment they are given.
 */
static char **command_env(const struct loop *l, unsigned attempt)
{
	static const char *const cats[] = {
		"LC_CTYPE", "LC_COLLATE", "LC_TIME", "LC_NUMERIC", "LC_MONETARY",
		"LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE",
		"LC_MEASUREMENT", "LC_IDENTIFICATION", NULL
	};
	const char *all = getenv("LC_ALL");
	size_t n = 0, i, k = 0, c;
	char **env;
	struct heal_buf b;

	while (environ[n])
		n++;
	env = heal_calloc(n + 16, sizeof(char *));
	for (i = 0; i < n; i++) {
		if (env_is(environ[i], "LC_MESSAGES") || env_is(environ[i], "LC_ALL"))
			continue;
		if (all && *all) {
			for (c = 0; cats[c] && !env_is(environ[i], cats[c]); c++)
				;
			if (cats[c])
				continue;
		}
		env[k++] = heal_strdup(environ[i]);
	}
	heal_buf_init(&b, 4096);
	for (c = 0; all && *all && cats[c]; c++) {
		heal_buf_reset(&b);
		heal_buf_putf(&b, "%s=%s", cats[c], all);
		env[k++] = heal_strdup(heal_buf_str(&b));
	}
	env[k++] = heal_strdup("LC_MESSAGES=C");
	if (attempt) {
		heal_buf_reset(&b);
		heal_buf_putf(&b, "HEAL_RUN=%s", l->run_id);
		env[k++] = heal_strdup(heal_buf_str(&b));
		heal_buf_reset(&b);
		heal_buf_putf(&b, "HEAL_ATTEMPT=%u", attempt);
		env[k++] = heal_strdup(heal_buf_str(&b));
	}
	heal_buf_release(&b);
	return env;
}

/* The environment of the programs of one attempt (command_env). */
static void build_env(struct loop *l, unsigned attempt)
{
	heal_spawn_env_free(l->env);
	l->env = command_env(l, attempt);
}

/*
 * The signal that interrupted heal (SIGINT, SIGTERM, SIGHUP), or 0.  The
 * programs heal starts run in their own process groups, so a terminal's
 * ^C reaches heal alone: heal passes it on (SIGTERM to each group), stops
 * attempting, and rolls back what it kept.
 */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

static int run_command(struct loop *l, bool show, struct heal_spawn_result *res,
		       struct heal_error *err)
{
	struct heal_spawn_opts so;

	heal_spawn_opts_init(&so);
	so.argv = l->o->command;
	so.cwd = l->root;
	if (!l->cmd_env)
		l->cmd_env = command_env(l, 0);
	so.env = l->cmd_env;
	so.out = show ? HEAL_SPAWN_TEE : HEAL_SPAWN_CAPTURE;
	so.err = show ? HEAL_SPAWN_TEE : HEAL_SPAWN_CAPTURE;
	so.merge = true;
	so.max_output = OUTPUT_MAX;
	so.timeout = heal_config_double(l->o->cfg, HEAL_CFG_TIMEOUT);
	so.cancel = &interrupted;
	return heal_spawn_run(&so, res, err);
}

static int status_of(const struct heal_spawn_result *r)
{
	if (r->exited)
		return r->status;
	return r->signal ? 128 + r->signal : 1;
}

/* The bytes as a read-only stdin for the pipeline (a memfd). */
static int memfd_with(const struct heal_buf *b, struct heal_error *err)
{
	int fd = memfd_create("heal-output", MFD_CLOEXEC);
	size_t off = 0;

	if (fd < 0)
		return heal_error_sys(err, errno, "cannot create a memory file");
	while (off < b->len) {
		ssize_t w = write(fd, b->data + off, b->len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			return heal_error_sys(err, errno, "cannot write a memory file");
		}
		off += (size_t)w;
	}
	if (lseek(fd, 0, SEEK_SET) < 0) {
		close(fd);
		return heal_error_sys(err, errno, "cannot rewind a memory file");
	}
	return fd;
}

/* argv of one stage, built in a fixed array */
struct stage {
	const char *argv[MAX_ARGS + 4];
	size_t n;
	char *owned[8];
	size_t nowned;
};

static void stage_add(struct stage *s, const char *a)
{
	if (s->n < MAX_ARGS)
		s->argv[s->n++] = a;
	s->argv[s->n] = NULL;
}

static const char *stage_own(struct stage *s, char *a)
{
	if (s->nowned < 8)
		s->owned[s->nowned++] = a;
	return a;
}

static void stage_release(struct stage *s)
{
	size_t i;

	for (i = 0; i < s->nowned; i++)
		free(s->owned[i]);
}

/* The command as a JSON array, for heal-detect --command. */
static char *command_json(const char *const *argv)
{
	struct heal_json *a = heal_json_new_array();
	struct heal_buf b;
	size_t i;

	for (i = 0; argv[i]; i++)
		heal_json_array_append(a, heal_json_new_string(argv[i]));
	heal_buf_init(&b, 1 << 20);
	heal_json_serialize(&b, a, NULL);
	heal_json_free(a);
	return heal_buf_detach(&b, NULL);
}

/* What one attempt's records said. */
struct outcome {
	unsigned errors;          /* error records that reached heal-fix */
	unsigned applied;
	unsigned passed, failed;
	unsigned new_skips;
	bool healed;
	bool rolled_back;
};

static const char *candidate_description(const struct heal_json *fix)
{
	const struct heal_json *c = heal_record_candidate(
		heal_json_object_get(fix, "error"),
		heal_json_object_get_str(fix, "fix_id"));

	return c ? heal_json_object_get_str(c, "description") : NULL;
}

static void note_validation(struct loop *l, const struct heal_json *val,
			    struct outcome *oc)
{
	const struct heal_json *fix = heal_json_object_get(val, "fix");
	const struct heal_json *e = heal_json_object_get(fix, "error");
	const char *st = heal_json_object_get_str(val, "status");
	const char *eid = heal_json_object_get_str(val, "error_id");
	const char *fid = heal_json_object_get_str(val, "fix_id");
	const char *desc = candidate_description(fix);
	const char *reason = heal_json_object_get_str(val, "reason");
	const char *file = heal_json_object_get_str(e, "file");
	char key[256], line[1024];
	char *q;

	if (heal_json_object_get_bool(val, "healed"))
		oc->healed = true;
	if (heal_json_object_get_bool(val, "rolled_back"))
		oc->rolled_back = true;
	if (!st || strcmp(st, "skipped") == 0)
		return;
	q = heal_text_escape_dup(desc ? desc : (fid ? fid : "a fix"),
				 strlen(desc ? desc : (fid ? fid : "a fix")));
	if (strcmp(st, "passed") == 0) {
		oc->passed++;
		snprintf(line, sizeof(line), "%s%s%s: passed", file ? file : "",
			 file ? ": " : "", q);
	} else {
		oc->failed++;
		snprintf(line, sizeof(line), "%s%s%s: failed (%s)",
			 file ? file : "", file ? ": " : "", q,
			 reason ? reason : "no reason given");
		if (eid && fid) {
			snprintf(key, sizeof(key), "%s/%s", eid, fid);
			if (!strs_has(&l->skips, key)) {
				strs_add(&l->skips, key);
				oc->new_skips++;
			}
		}
	}
	free(q);
	strs_add(&l->tried, line);
}

static void read_outcome(struct loop *l, const struct heal_buf *out,
			 struct outcome *oc)
{
	const char *p = out->data ? out->data : "";
	const char *end = p + out->len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct heal_json *r = heal_json_parse(p, n, NULL, NULL);

		if (r) {
			enum heal_kind k = heal_record_kind(r);
			const char *st = heal_json_object_get_str(r, "status");

			if (k == HEAL_KIND_FIX) {
				oc->errors++;
				if (st && strcmp(st, "applied") == 0)
					oc->applied++;
			} else if (k == HEAL_KIND_VALIDATION) {
				note_validation(l, r, oc);
			}
			heal_json_free(r);
		}
		p += n + 1;
	}
}

/* Whether heal-fix made a backup set for session (it did changes). */
static bool backup_exists(const struct loop *l, const char *session)
{
	char p[PATH_MAX + 128];
	struct stat st;

	snprintf(p, sizeof(p), "%s/%s/%s.tar.gz", l->root, HEAL_BACKUP_DIR,
		 session);
	return lstat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int attempt(struct loop *l, unsigned k, const struct heal_buf *output,
		   struct outcome *oc, int *detect_status, struct heal_error *err)
{
	const struct heal_config *cfg = l->o->cfg;
	bool dry = heal_config_bool(cfg, HEAL_CFG_DRY_RUN);
	struct heal_spawn_opts so[5];
	struct stage st[5];
	struct heal_spawn_result res;
	char session[96], conf[32], tmo[32];
	int statuses[5];
	size_t ns = 0, i;
	int in, r;
	char *cmdjson = command_json(l->o->command);
	const char *test = heal_config_str(cfg, HEAL_CFG_TEST);

	memset(oc, 0, sizeof(*oc));
	memset(st, 0, sizeof(st));
	snprintf(session, sizeof(session), "%s-%u", l->run_id, k);
	snprintf(conf, sizeof(conf), "%g", heal_config_double(cfg, HEAL_CFG_MIN_CONFIDENCE));
	snprintf(tmo, sizeof(tmo), "%g", heal_config_double(cfg, HEAL_CFG_TIMEOUT));

	stage_add(&st[ns], stage_own(&st[ns], prog(l, "heal-detect")));
	stage_add(&st[ns], "--root");
	stage_add(&st[ns], l->root);
	stage_add(&st[ns], "--command");
	stage_add(&st[ns], cmdjson);
	ns++;
	stage_add(&st[ns], stage_own(&st[ns], prog(l, "heal-analyze")));
	stage_add(&st[ns], "--root");
	stage_add(&st[ns], l->root);
	if (l->o->explain)
		stage_add(&st[ns], "--explain");
	ns++;
	stage_add(&st[ns], stage_own(&st[ns], prog(l, "heal-fix")));
	stage_add(&st[ns], "--root");
	stage_add(&st[ns], l->root);
	stage_add(&st[ns], "--min-confidence");
	stage_add(&st[ns], conf);
	stage_add(&st[ns], "--approve");
	stage_add(&st[ns], heal_config_str(cfg, HEAL_CFG_APPROVE));
	if (dry) {
		stage_add(&st[ns], "--dry-run");
		stage_add(&st[ns], "--diff");
	} else {
		stage_add(&st[ns], "--session");
		stage_add(&st[ns], session);
	}
	if (l->o->yes)
		stage_add(&st[ns], "--yes");
	for (i = 0; i < l->skips.n && st[ns].n + 2 < MAX_ARGS; i++) {
		stage_add(&st[ns], "--skip");
		stage_add(&st[ns], l->skips.v[i]);
	}
	ns++;
	if (!dry) {
		size_t j;

		stage_add(&st[ns], stage_own(&st[ns], prog(l, "heal-validate")));
		stage_add(&st[ns], "--root");
		stage_add(&st[ns], l->root);
		stage_add(&st[ns], "--timeout");
		stage_add(&st[ns], tmo);
		if (test && *test) {
			stage_add(&st[ns], "--test");
			stage_add(&st[ns], test);
		}
		stage_add(&st[ns], "--");
		for (j = 0; l->o->command[j] && st[ns].n < MAX_ARGS; j++)
			stage_add(&st[ns], l->o->command[j]);
		ns++;
	}
	stage_add(&st[ns], stage_own(&st[ns], prog(l, "heal-log")));
	stage_add(&st[ns], "--root");
	stage_add(&st[ns], l->root);
	if (l->o->log_file) {
		stage_add(&st[ns], "--changelog");
		stage_add(&st[ns], l->o->log_file);
	}
	ns++;

	in = memfd_with(output, err);
	if (in < 0) {
		r = -1;
		goto out;
	}
	build_env(l, k);
	for (i = 0; i < ns; i++) {
		heal_spawn_opts_init(&so[i]);
		so[i].argv = st[i].argv;
		so[i].cwd = l->root;
		so[i].env = l->env;
		so[i].err = HEAL_SPAWN_INHERIT;
		so[i].max_output = RECORDS_MAX;
		/* the whole pipeline: validation runs the command again */
		so[i].timeout = 4 * heal_config_double(cfg, HEAL_CFG_TIMEOUT) + 60;
		so[i].cancel = &interrupted;
	}
	so[0].stdin_fd = in;
	r = heal_spawn_pipeline(so, ns, &res, statuses, err);
	close(in);
	if (r == 0 && l->o->records_fd >= 0 &&
	    heal_fd_write_all(l->o->records_fd, res.out.data, res.out.len) < 0) {
		heal_error_sys(err, errno, "cannot write the records");
		r = -1;
	}
	if (r == 0) {
		*detect_status = statuses[0];
		read_outcome(l, &res.out, oc);
		if (!dry && ((oc->applied && !oc->rolled_back) ||
			     (interrupted && backup_exists(l, session))))
			strs_add(&l->sessions, session);
		if (!oc->rolled_back)
			l->applied_kept += oc->passed;
	}
	heal_spawn_result_release(&res);
out:
	for (i = 0; i < ns; i++)
		stage_release(&st[i]);
	free(cmdjson);
	return r;
}

static void backoff(const struct loop *l, unsigned k)
{
	const struct heal_config *cfg = l->o->cfg;
	double d = heal_config_double(cfg, HEAL_CFG_INITIAL_DELAY);
	double m = heal_config_double(cfg, HEAL_CFG_BACKOFF);
	double max = heal_config_double(cfg, HEAL_CFG_MAX_DELAY);
	struct timespec ts;
	unsigned i;

	if (l->o->no_wait)
		return;
	for (i = 1; i < k; i++)
		d *= m;
	if (d > max)
		d = max;
	if (d <= 0)
		return;
	say(l, "waiting %.1f s before attempt %u", d, k + 1);
	ts.tv_sec = (time_t)d;
	ts.tv_nsec = (long)((d - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR && !interrupted)
		;
}

static int rollback_all(struct loop *l, struct heal_error *err)
{
	struct heal_fix_opts fo;
	struct heal_fix *fx;
	size_t i;
	int r = 0;

	if (!l->sessions.n)
		return 0;
	heal_fix_opts_init(&fo);
	fo.root = l->root;
	fx = heal_fix_new(&fo, err);
	if (!fx)
		return -1;
	for (i = l->sessions.n; i-- > 0;) {
		size_t restored = 0;

		if (heal_fix_rollback(fx, l->sessions.v[i], &restored, err) < 0) {
			r = -1;
			break;
		}
	}
	heal_fix_free(fx);
	return r;
}

/* Log the escalation through heal-log, so it lands in the changelog. */
static void escalate(struct loop *l, unsigned attempts, int status)
{
	struct heal_json *ev = heal_record_new(HEAL_KIND_EVENT);
	struct heal_json *tried = heal_json_new_array();
	struct heal_json *cmd = heal_json_new_array();
	struct heal_spawn_opts so;
	struct heal_spawn_result res;
	struct heal_error e = HEAL_ERROR_INIT;
	struct heal_buf b;
	struct stage st;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	size_t i;
	int fd;

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	for (i = 0; i < l->tried.n; i++)
		heal_json_array_append(tried, heal_json_new_string(l->tried.v[i]));
	for (i = 0; l->o->command[i]; i++)
		heal_json_array_append(cmd, heal_json_new_string(l->o->command[i]));
	heal_json_object_set_str(ev, "event", "manual_intervention_required");
	heal_json_object_set_str(ev, "time", when);
	heal_json_object_set(ev, "incident", heal_json_new_null());
	heal_json_object_set(ev, "command", cmd);
	heal_json_object_set_int(ev, "exit_status", status);
	heal_json_object_set_int(ev, "attempt", attempts);
	heal_json_object_set(ev, "tried", tried);
	heal_json_object_set_str(ev, "message", "heal could not make the command succeed");
	heal_buf_init(&b, RECORDS_MAX);
	heal_json_serialize(&b, ev, NULL);
	heal_buf_putc(&b, '\n');
	heal_json_free(ev);
	fd = memfd_with(&b, &e);
	heal_buf_release(&b);
	if (fd < 0)
		return;
	memset(&st, 0, sizeof(st));
	stage_add(&st, stage_own(&st, prog(l, "heal-log")));
	stage_add(&st, "--root");
	stage_add(&st, l->root);
	if (l->o->log_file) {
		stage_add(&st, "--changelog");
		stage_add(&st, l->o->log_file);
	}
	heal_spawn_opts_init(&so);
	so.argv = st.argv;
	so.cwd = l->root;
	so.env = l->env ? l->env : environ;
	so.stdin_fd = fd;
	so.out = HEAL_SPAWN_NULL;
	so.err = HEAL_SPAWN_INHERIT;
	so.timeout = 60;
	if (heal_spawn_run(&so, &res, &e) == 0)
		heal_spawn_result_release(&res);
	close(fd);
	stage_release(&st);
}

static int drive(const struct heal_driver_opts *o,
		 struct heal_driver_result *res, struct heal_error *err)
{
	const struct heal_config *cfg = o->cfg;
	struct heal_spawn_result run;
	struct loop l;
	struct outcome oc;
	unsigned max = (unsigned)heal_config_int(cfg, HEAL_CFG_MAX_ATTEMPTS);
	bool dry = heal_config_bool(cfg, HEAL_CFG_DRY_RUN);
	time_t now = time(NULL);
	struct tm tm;
	unsigned k;
	int status, r = 0, dstatus = 0;
	size_t i;

	memset(res, 0, sizeof(*res));
	memset(&l, 0, sizeof(l));
	l.o = o;
	if (!realpath(o->root ? o->root : ".", l.root))
		return heal_error_sys(err, errno, "cannot resolve the project root");
	find_bindir(&l);
	gmtime_r(&now, &tm);
	strftime(l.run_id, 32, "%Y%m%dT%H%M%SZ", &tm);
	snprintf(l.run_id + strlen(l.run_id), sizeof(l.run_id) - strlen(l.run_id),
		 "-%ld", (long)getpid());

	if (run_command(&l, true, &run, err) < 0)
		return -1;
	status = status_of(&run);
	res->exit_status = status;
	if (interrupted) {
		heal_spawn_result_release(&run);
		res->exit_status = 128 + interrupted;
		return 0;
	}
	if (status == 0 || !heal_config_bool(cfg, HEAL_CFG_ENABLED)) {
		heal_spawn_result_release(&run);
		return 0;
	}
	for (k = 1; k <= max; k++) {
		if (k > 1) {
			backoff(&l, k - 1);
			if (interrupted)
				break;
			say(&l, "attempt %u of %u: running the command again", k, max);
			heal_spawn_result_release(&run);
			if (run_command(&l, false, &run, err) < 0) {
				r = -1;
				break;
			}
			if (interrupted)
				break;
			status = status_of(&run);
			if (status == 0) {
				res->healed = true;
				break;
			}
		}
		res->attempts = k;
		if (attempt(&l, k, &run.out, &oc, &dstatus, err) < 0) {
			r = -1;
			break;
		}
		if (interrupted)
			break;
		if (dstatus == 0 && oc.errors == 0) {
			say(&l, "no error that heal knows was found in the output");
			break;
		}
		if (dry) {
			say(&l, "dry run: %u error%s, nothing changed", oc.errors,
			    oc.errors == 1 ? "" : "s");
			break;
		}
		say(&l, "attempt %u: %u fix%s applied, %u passed, %u failed%s",
		    k, oc.applied, oc.applied == 1 ? "" : "es", oc.passed,
		    oc.failed, oc.rolled_back ? " (rolled back)" : "");
		if (oc.healed) {
			res->healed = true;
			status = 0;
			break;
		}
		if (oc.applied == 0 && oc.new_skips == 0)
			break;
	}
	heal_spawn_result_release(&run);
	res->applied = l.applied_kept;
	if (interrupted && !res->healed) {
		say(&l, "interrupted by signal %d: rolling back %zu change set%s",
		    (int)interrupted, l.sessions.n, l.sessions.n == 1 ? "" : "s");
		if (rollback_all(&l, err) < 0)
			r = -1;
		else
			res->rolled_back = l.sessions.n > 0;
		status = 128 + interrupted;
	} else if (r == 0 && !res->healed && !dry) {
		if (l.sessions.n)
			say(&l, "not healed: rolling back %zu change set%s",
			    l.sessions.n, l.sessions.n == 1 ? "" : "s");
		if (rollback_all(&l, err) < 0)
			r = -1;
		else
			res->rolled_back = l.sessions.n > 0;
		escalate(&l, res->attempts, status);
		for (i = 0; i < l.tried.n; i++)
			say(&l, "  tried: %s", l.tried.v[i]);
		say(&l, "manual intervention required: the command still exits with status %d",
		    status);
	} else if (res->healed) {
		say(&l, "healed: the command succeeds now (%u attempt%s, %u fix%s kept)",
		    res->attempts, res->attempts == 1 ? "" : "s", l.applied_kept,
		    l.applied_kept == 1 ? "" : "es");
	}
	res->exit_status = res->healed ? 0 : status;
	heal_spawn_env_free(l.env);
	heal_spawn_env_free(l.cmd_env);
	strs_release(&l.skips);
	strs_release(&l.sessions);
	strs_release(&l.tried);
	return r;
}

int heal_driver_run(const struct heal_driver_opts *o,
		    struct heal_driver_result *res, struct heal_error *err)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa, old[3];
	size_t i;
	int r;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	for (i = 0; i < 3; i++) {
		/* a signal ignored at start (nohup, a background job) stays so */
		sigaction(sigs[i], NULL, &old[i]);
		if (old[i].sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
	r = drive(o, res, err);
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	return r;
}
