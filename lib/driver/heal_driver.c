#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_approve.h"
#include "heal_backup.h"
#include "heal_check.h"
#include "heal_data.h"
#include "heal_driver.h"
#include "heal_driver_int.h"
#include "heal_fd.h"
#include "heal_fix.h"
#include "heal_json.h"
#include "heal_record.h"
#include "heal_spawn.h"
#include "heal_strv.h"
#include "heal_text.h"

extern char **environ;

#define OUTPUT_MAX ((size_t)32 << 20)
#define RECORDS_MAX ((size_t)64 << 20)
#define MAX_ARGS 64


void heal_driver_say(const struct loop *l, const char *fmt, ...)
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

static void status(const struct loop *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void status(const struct loop *l, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (!l->o->status)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	l->o->status(l->o->say_ctx, line);
}

static void clear_status(const struct loop *l)
{
	status(l, "%s", "");
}

/* heal_spawn's tick: what runs and for how long */
static void on_tick(void *ctx, double seconds)
{
	const struct loop *l = ctx;

	status(l, "[%.0f s] %s", seconds, l->phase);
}

/* The command as the user would type it, escaped, cut to fit a line. */
static void command_text(const struct loop *l, char *out, size_t size)
{
	struct heal_buf b;
	size_t i;

	heal_buf_init(&b, size - 1);
	for (i = 0; l->o->command[i]; i++) {
		if (i)
			heal_buf_putc(&b, ' ');
		heal_text_escape(&b, l->o->command[i], strlen(l->o->command[i]), NULL);
	}
	snprintf(out, size, "%s%s", heal_buf_str(&b), b.truncated ? "..." : "");
	heal_buf_release(&b);
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

bool heal_driver_interrupted(void)
{
	return interrupted != 0;
}

static void on_signal(int sig)
{
	interrupted = sig;
}

int heal_driver_run_command(struct loop *l, bool show, struct heal_spawn_result *res,
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
	if (!show) {
		so.tick = on_tick;
		so.tick_ctx = l;
	}
	return heal_spawn_run(&so, res, err);
}

int heal_driver_status_of(const struct heal_spawn_result *r)
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
	unsigned reverted;        /* applied fixes undone by heal-validate */
	unsigned new_skips;
	bool healed;
	bool partial;             /* not healed, proven fixes kept */
	bool rolled_back;
	/* why fixes were not applied (fix records of the attempt) */
	unsigned waiting;         /* needs-approval */
	unsigned unanswered;      /* of those, nobody answered in time */
	unsigned declined;        /* the person said no */
	unsigned below;           /* errors whose candidates all fall below
				   * the confidence threshold */
	double best_below;        /* the best confidence among those */
	unsigned refused;
	char refusal[256];        /* the first refusal's reason */
	unsigned nofix;           /* errors with no candidate fix at all */
	char unknown[512];        /* the first of them: "file: message", and
				   * the analysis's cause when a rule gave one */
	char risk[16];            /* the risk of a fix waiting for approval */
};

static const char *candidate_description(const struct heal_json *fix)
{
	const struct heal_json *c = heal_record_candidate(
		heal_json_object_get(fix, "error"),
		heal_json_object_get_str(fix, "fix_id"));

	return c ? heal_json_object_get_str(c, "description") : NULL;
}

/* One fix tried, for the escalation event's "tried" list. */
static void note_tried(struct loop *l, const struct heal_json *fix,
		       const char *outcome, const char *reason)
{
	const struct heal_json *e = heal_json_object_get(fix, "error");
	const char *fid = heal_json_object_get_str(fix, "fix_id");
	const struct heal_json *c = heal_record_candidate(e, fid);
	const char *eid = heal_json_object_get_str(fix, "error_id");
	struct heal_json *t;

	if (!l->tried_json)
		l->tried_json = heal_json_new_array();
	if (l->tried_json->u.arr.n >= 64)
		return;
	t = heal_json_new_object();
	if (eid)
		heal_json_object_set_str(t, "error_id", eid);
	if (fid)
		heal_json_object_set_str(t, "fix_id", fid);
	if (heal_json_object_get_str(c, "rule"))
		heal_json_object_set_str(t, "rule", heal_json_object_get_str(c, "rule"));
	if (heal_json_object_get_str(c, "description"))
		heal_json_object_set_str(t, "description",
					 heal_json_object_get_str(c, "description"));
	if (heal_json_object_get_str(e, "file"))
		heal_json_object_set_str(t, "file", heal_json_object_get_str(e, "file"));
	heal_json_object_set_str(t, "outcome", outcome);
	if (reason)
		heal_json_object_set_str(t, "reason", reason);
	heal_json_object_set_int(t, "attempt", l->attempt);
	heal_json_array_append(l->tried_json, t);
}

/*
 * A fix record that was not applied: why (for the summary), and the fix
 * in the tried list when there was one to try.
 */
static void note_fix(struct loop *l, const struct heal_json *fix,
		     struct outcome *oc)
{
	const char *st = heal_json_object_get_str(fix, "status");
	const char *reason = heal_json_object_get_str(fix, "reason");
	const struct heal_json *e = heal_json_object_get(fix, "error");
	const struct heal_json *fixes = heal_json_object_get(e, "fixes");
	double thr = heal_config_double(l->o->cfg, HEAL_CFG_MIN_CONFIDENCE);
	double best = -1;
	size_t i;

	if (!st || strcmp(st, "applied") == 0 || strcmp(st, "dry-run") == 0)
		return;
	if (strcmp(st, "needs-approval") == 0) {
		const struct heal_json *c = heal_record_candidate(
			e, heal_json_object_get_str(fix, "fix_id"));
		const char *risk = heal_json_object_get_str(c, "risk");

		oc->waiting++;
		if (reason && strstr(reason, "no answer"))
			oc->unanswered++;
		char *q = heal_text_escape_dup(risk ? risk : "high",
					       strlen(risk ? risk : "high"));

		snprintf(oc->risk, sizeof(oc->risk), "%s", q);
		free(q);
	} else if (strcmp(st, "refused") == 0) {
		if (!oc->refused++ && reason) {
			char *q = heal_text_escape_dup(reason, strlen(reason));

			snprintf(oc->refusal, sizeof(oc->refusal), "%s", q);
			free(q);
		}
	} else if (strcmp(st, "skipped") == 0 && reason &&
		   strcmp(reason, "approval declined") == 0) {
		oc->declined++;
	} else if (strcmp(st, "skipped") == 0 && fixes &&
		   fixes->type == HEAL_JSON_ARRAY && fixes->u.arr.n) {
		for (i = 0; i < fixes->u.arr.n; i++) {
			double c = -1;

			if (heal_json_object_get_double(fixes->u.arr.v[i],
							"confidence", &c) == 1 &&
			    c > best)
				best = c;
		}
		if (best >= 0 && best < thr) {
			oc->below++;
			if (best > oc->best_below)
				oc->best_below = best;
		}
		return;
	} else if (strcmp(st, "skipped") == 0) {
		const char *file = heal_json_object_get_str(e, "file");
		const char *msg = heal_json_object_get_str(e, "message");
		char *q;

		/* no line number: the attempt's edits may have moved it */
		if (!oc->nofix++ && msg) {
			const struct heal_json *an = heal_json_object_get(e, "analysis");
			const char *cause = an ? heal_json_object_get_str(an, "root_cause") : NULL;
			char *qc = NULL;

			q = heal_text_escape_dup(msg, strlen(msg) > 160 ? 160 : strlen(msg));
			/* a rule's word on what the fix is that heal cannot make
			 * (a library the command must link, a package to install) */
			if (cause && (strstr(cause, "add -l") || strstr(cause, "apt-get install")))
				qc = heal_text_escape_dup(cause, strlen(cause) > 200 ? 200 : strlen(cause));
			snprintf(oc->unknown, sizeof(oc->unknown), "%s%s%s%s%s",
				 file ? file : "", file ? ": " : "", q, qc ? "; " : "", qc ? qc : "");
			free(q);
			free(qc);
		}
		return;
	} else {
		return;
	}
	note_tried(l, fix, st, reason);
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
	bool undone = heal_json_object_get_bool(val, "rolled_back");
	char key[256], line[1024];
	char *q;

	if (heal_json_object_get_bool(val, "healed"))
		oc->healed = true;
	if (heal_json_object_get_bool(val, "partial"))
		oc->partial = true;
	if (undone) {
		oc->rolled_back = true;
		if (heal_json_object_get_str(fix, "status") &&
		    strcmp(heal_json_object_get_str(fix, "status"), "applied") == 0)
			oc->reverted++;
	}
	if (eid && reason && st && strcmp(st, "passed") != 0) {
		const char *fst = heal_json_object_get_str(fix, "status");
		const char *fwhy = heal_json_object_get_str(fix, "reason");
		char w[600];

		/* a fix not applied: heal-fix's reason says why */
		snprintf(w, sizeof(w), "%s %s%s%s", eid,
			 fst && strcmp(fst, "applied") != 0 ? fst : "",
			 fst && strcmp(fst, "applied") != 0 ? ": " : "",
			 fst && strcmp(fst, "applied") != 0 && fwhy ? fwhy : reason);
		heal_strv_add(&l->why, w);
	}
	if (!st || (strcmp(st, "skipped") == 0 && !undone))
		return;
	q = heal_text_escape_dup(desc ? desc : (fid ? fid : "a fix"),
				 strlen(desc ? desc : (fid ? fid : "a fix")));
	if (!undone && strcmp(st, "failed") != 0 && fix && l->attempt_fixes)
		heal_json_array_append(l->attempt_fixes, heal_json_clone(fix));
	if (strcmp(st, "passed") == 0) {
		oc->passed++;
		snprintf(line, sizeof(line), "%s%s%s: passed", file ? file : "",
			 file ? ": " : "", q);
	} else if (strcmp(st, "failed") != 0 && !undone) {
		/* unproven and kept: its error is gone, the tests could not say */
		snprintf(line, sizeof(line), "%s%s%s: kept, %s (%s)",
			 file ? file : "", file ? ": " : "", q, st,
			 reason ? reason : "no reason given");
	} else {
		if (strcmp(st, "failed") == 0)
			oc->failed++;
		snprintf(line, sizeof(line), "%s%s%s: %s (%s)",
			 file ? file : "", file ? ": " : "", q,
			 strcmp(st, "failed") == 0 ? "failed" : "undone",
			 reason ? reason : "no reason given");
		if (eid && fid) {
			snprintf(key, sizeof(key), "%s/%s", eid, fid);
			if (!heal_strv_has(&l->skips, key)) {
				heal_strv_add(&l->skips, key);
				oc->new_skips++;
			}
			if (strcmp(st, "failed") == 0 && file) {
				heal_strv_add(&l->failed_files, file);
				heal_strv_add(&l->failed_keys, key);
			}
		}
	}
	free(q);
	heal_strv_add(&l->tried, line);
	note_tried(l, fix, st, reason);
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
				note_fix(l, r, oc);
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

/* --verbose: each fix and validation of an attempt, and its time */
static void tell(struct loop *l, const struct heal_buf *out, double seconds)
{
	const char *p = out->data ? out->data : "";
	const char *end = p + out->len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct heal_json *r = heal_json_parse(p, n, NULL, NULL);
		enum heal_kind k = r ? heal_record_kind(r) : HEAL_KIND_UNKNOWN;
		const struct heal_json *fix = k == HEAL_KIND_VALIDATION
			? heal_json_object_get(r, "fix") : r;
		const struct heal_json *e = heal_json_object_get(fix, "error");
		const char *fid = heal_json_object_get_str(r, "fix_id");
		const struct heal_json *c = heal_record_candidate(e, fid);
		const char *reason = heal_json_object_get_str(r, "reason");
		const char *file = heal_json_object_get_str(e, "file");
		const char *desc = heal_json_object_get_str(c, "description");
		double conf = 0;
		char *q;

		p += n + 1;
		if (k != HEAL_KIND_FIX && k != HEAL_KIND_VALIDATION) {
			heal_json_free(r);
			continue;
		}
		heal_json_object_get_double(c, "confidence", &conf);
		heal_buf_reset(&l->scratch);
		heal_buf_putf(&l->scratch, "  %s %s%s", k == HEAL_KIND_FIX
			      ? "fix" : "validation", file ? file : "",
			      file ? ": " : "");
		if (desc)
			heal_buf_putf(&l->scratch, "%s (%s, confidence %.2f, risk %s)",
				      desc, fid ? fid : "?", conf,
				      heal_json_object_get_str(c, "risk")
				      ? heal_json_object_get_str(c, "risk") : "unknown");
		else
			heal_buf_puts(&l->scratch, heal_json_object_get_str(e, "message")
				      ? heal_json_object_get_str(e, "message") : "an error");
		heal_buf_putf(&l->scratch, ": %s%s%s",
			      heal_json_object_get_str(r, "status")
			      ? heal_json_object_get_str(r, "status") : "?",
			      reason ? " - " : "", reason ? reason : "");
		q = heal_text_escape_dup(l->scratch.data, l->scratch.len);
		heal_driver_say(l, "%s", q);
		free(q);
		heal_json_free(r);
	}
	heal_driver_say(l, "attempt %u took %.1f s", l->attempt, seconds);
}

/* heal-fix's approval questions, asked on heal's terminal */
static int serve_question(void *ctx, int fd)
{
	struct loop *l = ctx;

	int r;

	status(l, "%s", "");    /* the question starts on a clean line */
	r = heal_approve_serve(&l->prompt, fd);
	/* a request that cannot be answered: heal-fix's read ends (no
	 * terminal, the fix waits for approval) rather than hang */
	if (r)
		shutdown(fd, SHUT_RDWR);
	return r;
}

/*
 * The filters run in a process group of their own, where reading the
 * terminal would stop heal-fix (SIGTTIN) and heal would wait for ever:
 * heal-fix asks through a socket (its fd 3) and heal, which owns the
 * terminal, asks the person.  -1 when a socket cannot be made (heal-fix
 * then asks nobody: the fix needs approval).
 */
static int ask_socket(int *child)
{
	int sv[2];

	*child = -1;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return -1;
	/* above fd 3, where posix_spawn can dup2 it for heal-fix */
	*child = fcntl(sv[1], F_DUPFD_CLOEXEC, 10);
	close(sv[1]);
	if (*child < 0) {
		close(sv[0]);
		return -1;
	}
	return sv[0];
}

/*
 * Fixes of one file that failed together in an attempt (two rules' or the
 * search's edits for errors that were one mistake: each '}' alone was
 * right, both make one too many) are not skipped: the next attempt
 * applies one fix a file, and each proves itself alone.  An attempt that
 * was one a file already skips its failures as usual.
 */
static void together(struct loop *l)
{
	size_t i, j, n;
	bool again = false;

	if (l->one_per_file) {
		l->one_per_file = false;
		return;
	}
	for (i = 0; i < l->failed_files.n; i++) {
		for (j = n = 0; j < l->failed_files.n; j++)
			n += strcmp(l->failed_files.v[i], l->failed_files.v[j]) == 0;
		if (n < 2)
			continue;
		heal_strv_remove(&l->skips, l->failed_keys.v[i]);
		again = true;
	}
	if (again) {
		heal_driver_say(l, "fixes of one file failed together: the next attempt applies one a file");
		l->one_per_file = true;
	}
}

/*
 * A memory file for heal-validate's last run of the command (--run-fd),
 * above fd 3 where posix_spawn can dup2 it; -1 when none can be made
 * (heal then runs the command itself).
 */
static int run_memfd(void)
{
	int fd = memfd_create("heal-run", MFD_CLOEXEC), hi;

	if (fd < 0)
		return -1;
	hi = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	close(fd);
	return hi;
}

static void forget_next(struct loop *l)
{
	if (l->have_next)
		heal_spawn_result_release(&l->next);
	l->have_next = false;
}

static int attempt(struct loop *l, unsigned k, const struct heal_buf *output,
		   struct outcome *oc, int *detect_status, struct heal_error *err)
{
	const struct heal_config *cfg = l->o->cfg;
	bool dry = heal_config_bool(cfg, HEAL_CFG_DRY_RUN);
	struct heal_spawn_opts so[5];
	struct stage st[5];
	struct heal_spawn_result res;
	char session[96], conf[32], tmo[32], asktime[32], cmdtext[160];
	int statuses[5];
	size_t ns = 0, i, fix_stage, validate_stage = 0;
	int in, r, ask = -1, ask_child = -1, runfd = -1;
	char *cmdjson = command_json(l->o->command);
	const char *test = heal_config_str(cfg, HEAL_CFG_TEST);

	memset(oc, 0, sizeof(*oc));
	memset(st, 0, sizeof(st));
	forget_next(l);
	heal_strv_release(&l->failed_files);
	heal_strv_release(&l->failed_keys);
	heal_json_free(l->attempt_fixes);
	l->attempt_fixes = heal_json_new_array();
	snprintf(session, sizeof(session), "%s-%u", l->run_id, k);
	l->attempt = k;
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
	/* variants below heal-fix's threshold are never drawn ahead */
	stage_add(&st[ns], "--min-confidence");
	stage_add(&st[ns], conf);
	if (l->o->explain)
		stage_add(&st[ns], "--explain");
	/* a fix that failed is not taken on trust again: judged, searched past */
	for (i = 0; i < l->skips.n && st[ns].n + 2 < MAX_ARGS; i++) {
		stage_add(&st[ns], "--skip");
		stage_add(&st[ns], l->skips.v[i]);
	}
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
	else if (!dry && (ask = ask_socket(&ask_child)) >= 0) {
		snprintf(asktime, sizeof(asktime), "%g",
			 heal_config_double(cfg, HEAL_CFG_APPROVE_TIMEOUT));
		stage_add(&st[ns], "--ask-fd");
		stage_add(&st[ns], "3");
		stage_add(&st[ns], "--approve-timeout");
		stage_add(&st[ns], asktime);
	}
	fix_stage = ns;
	if (l->one_per_file)
		stage_add(&st[ns], "--one-per-file");
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
		if (l->o->atomic)
			stage_add(&st[ns], "--atomic");
		validate_stage = ns;
		if ((runfd = run_memfd()) >= 0) {
			stage_add(&st[ns], "--run-fd");
			stage_add(&st[ns], "3");
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
	/* a dry run changes nothing, the changelog included: an incident it
	 * logged would stay open in heal-log --health for ever */
	if (dry)
		stage_add(&st[ns], "--no-log");
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
	if (runfd >= 0)
		so[validate_stage].pass_fd = runfd;
	so[0].stdin_fd = in;
	so[0].tick = on_tick;
	so[0].tick_ctx = l;
	command_text(l, cmdtext, sizeof(cmdtext));
	snprintf(l->phase, sizeof(l->phase), dry ? "attempt %u of %u: finding fixes"
		 : "attempt %u of %u: fixing, then re-running %s to prove it", k,
		 l->max, cmdtext);
	if (l->o->verbose) {
		struct heal_buf pl;
		size_t j;

		heal_buf_init(&pl, 8192);
		for (i = 0; i < ns; i++)
			for (j = 0; st[i].argv[j]; j++) {
				const char *a = st[i].argv[j];

				if (!j && strrchr(a, '/'))
					a = strrchr(a, '/') + 1;
				heal_buf_puts(&pl, j ? " " : (i ? " | " : ""));
				heal_text_escape(&pl, a, strlen(a), NULL);
			}
		heal_driver_say(l, "attempt %u of %u: %s", k, l->max, heal_buf_str(&pl));
		heal_buf_release(&pl);
	}
	if (ask >= 0) {
		l->prompt.timeout = heal_config_double(cfg, HEAL_CFG_APPROVE_TIMEOUT);
		l->prompt.cancel = &interrupted;
		so[fix_stage].pass_fd = ask_child;
		so[0].serve_fd = ask;
		so[0].serve = serve_question;
		so[0].serve_ctx = l;
	}
	r = heal_spawn_pipeline(so, ns, &res, statuses, err);
	close(in);
	if (runfd >= 0) {
		/* a run handed over that cannot be read: heal runs the
		 * command itself */
		l->have_next = r == 0 && statuses[validate_stage] >= 0 &&
			       statuses[validate_stage] < 2 &&
			       lseek(runfd, 0, SEEK_SET) == 0 &&
			       heal_spawn_result_load(runfd, OUTPUT_MAX, &l->next) == 1;
	}
	if (ask >= 0) {
		close(ask);
		close(ask_child);
	}
	if (r == 0 && l->o->records_fd >= 0 &&
	    heal_fd_write_all(l->o->records_fd, res.out.data, res.out.len) < 0) {
		heal_error_sys(err, errno, "cannot write the records");
		r = -1;
	}
	status(l, "%s", "");
	if (r == 0) {
		*detect_status = statuses[0];
		read_outcome(l, &res.out, oc);
		if (l->o->verbose)
			tell(l, &res.out, res.seconds);
		if (!dry && ((oc->applied > oc->reverted) ||
			     (interrupted && backup_exists(l, session)))) {
			l->session_kept = heal_reallocarray(l->session_kept,
				l->sessions.n + 1, sizeof(*l->session_kept));
			l->session_kept[l->sessions.n] =
				oc->applied > oc->reverted ? oc->applied - oc->reverted : 0;
			l->session_fixes = heal_reallocarray(l->session_fixes,
				l->sessions.n + 1, sizeof(*l->session_fixes));
			l->session_fixes[l->sessions.n] = l->attempt_fixes;
			l->attempt_fixes = NULL;
			heal_strv_add(&l->sessions, session);
		}
		if (oc->applied > oc->reverted)
			l->applied_kept += oc->applied - oc->reverted;
	}
	heal_spawn_result_release(&res);
out:
	if (runfd >= 0)
		close(runfd);
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
	heal_driver_say(l, "waiting %.1f s before attempt %u", d, k + 1);
	/* in slices of a second at most, for the status line's countdown */
	while (d > 0 && !interrupted) {
		double slice = d > 1.0 ? 1.0 : d;

		status(l, "[%.0f s] waiting before attempt %u of %u", d, k + 1, l->max);
		ts.tv_sec = (time_t)slice;
		ts.tv_nsec = (long)((slice - (double)ts.tv_sec) * 1e9);
		while (nanosleep(&ts, &ts) < 0 && errno == EINTR && !interrupted)
			;
		d -= slice;
	}
	status(l, "%s", "");
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

/*
 * Log the escalation through heal-log, so it lands in the changelog: the
 * command, its last exit status, the attempts, every fix tried with its
 * outcome, and why nothing more happened.
 */
static void escalate(struct loop *l, unsigned attempts, int status,
		     const char *why)
{
	struct heal_json *ev = heal_record_new(HEAL_KIND_EVENT);
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
	for (i = 0; l->o->command[i]; i++)
		heal_json_array_append(cmd, heal_json_new_string(l->o->command[i]));
	heal_json_object_set_str(ev, "event", "manual_intervention_required");
	heal_json_object_set_str(ev, "time", when);
	heal_json_object_set(ev, "incident", heal_json_new_null());
	heal_json_object_set_str(ev, "status", "not healed");
	if (why && *why)
		heal_json_object_set_str(ev, "reason", why);
	heal_json_object_set_int(ev, "attempt_number", attempts ? attempts : 1);
	heal_json_object_set(ev, "command", cmd);
	heal_json_object_set_int(ev, "exit_status", status);
	heal_json_object_set_int(ev, "attempts", attempts);
	heal_json_object_set(ev, "tried", l->tried_json ? l->tried_json
							: heal_json_new_array());
	l->tried_json = NULL;
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

static const char *plural(unsigned n, const char *one, const char *more)
{
	return n == 1 ? one : more;
}

/*
 * Why the last attempt applied nothing more, and how to go on: one line
 * each into lines.
 */
static void explain(const struct loop *l, const struct outcome *oc,
		    struct heal_strv *lines)
{
	const struct heal_config *cfg = l->o->cfg;
	char line[768];

	if (oc->waiting > oc->unanswered) {
		unsigned n = oc->waiting - oc->unanswered;

		snprintf(line, sizeof(line),
			 "%u fix%s wait%s for approval (risk %s, approval policy '%s'%s) "
			 "and there was no terminal to ask on: run heal on a terminal "
			 "to answer, or approve with --yes",
			 n, plural(n, "", "es"), plural(n, "s", ""), oc->risk,
			 heal_config_str(cfg, HEAL_CFG_APPROVE),
			 getenv("HEAL_ENV") && *getenv("HEAL_ENV") ? ", HEAL_ENV set" : "");
		heal_strv_add(lines, line);
	}
	if (oc->unanswered) {
		snprintf(line, sizeof(line),
			 "%u fix%s waited for approval and nobody answered within %g s: "
			 "run heal again to answer, or approve with --yes",
			 oc->unanswered, plural(oc->unanswered, "", "es"),
			 heal_config_double(cfg, HEAL_CFG_APPROVE_TIMEOUT));
		heal_strv_add(lines, line);
	}
	if (oc->declined) {
		snprintf(line, sizeof(line), "%u fix%s declined at the question",
			 oc->declined, plural(oc->declined, " was", "es were"));
		heal_strv_add(lines, line);
	}
	if (oc->below) {
		snprintf(line, sizeof(line),
			 "%u error%s only candidate fixes below --min-confidence %.2f "
			 "(the best is %.2f): heal --min-confidence %.2f would try it, "
			 "still proven by re-running the command",
			 oc->below, plural(oc->below, " has", "s have"),
			 heal_config_double(cfg, HEAL_CFG_MIN_CONFIDENCE),
			 oc->best_below, oc->best_below);
		heal_strv_add(lines, line);
	}
	/* an error without a fix is often a follow-on of one that has a fix
	 * (make's "Error 1"): named when nothing else explains */
	if (oc->nofix && !lines->n && !oc->refused) {
		snprintf(line, sizeof(line), "%u error%s no fix heal knows (%s%s)",
			 oc->nofix, plural(oc->nofix, " has", "s have"), oc->unknown,
			 oc->nofix > 1 ? ", ..." : "");
		heal_strv_add(lines, line);
	}
	if (oc->refused) {
		snprintf(line, sizeof(line), "%u fix%s refused by heal-fix (%s)",
			 oc->refused, plural(oc->refused, " was", "es were"),
			 oc->refusal[0] ? oc->refusal : "no reason given");
		heal_strv_add(lines, line);
	}
}

static int drive(const struct heal_driver_opts *o,
		 struct heal_driver_result *res, struct heal_error *err)
{
	const struct heal_config *cfg = o->cfg;
	struct heal_spawn_result run;
	struct loop l;
	struct outcome oc;
	struct heal_strv why = { NULL, 0 };
	struct heal_buf whyb;
	char cmdtext[160];
	unsigned max = (unsigned)heal_config_int(cfg, HEAL_CFG_MAX_ATTEMPTS);
	bool dry = heal_config_bool(cfg, HEAL_CFG_DRY_RUN);
	time_t now = time(NULL);
	struct tm tm;
	unsigned k, extra = 0;
	int status, r = 0, dstatus = 0;
	bool start_ok = false, progressed = false;
	size_t i;

	memset(res, 0, sizeof(*res));
	memset(&oc, 0, sizeof(oc));
	memset(&l, 0, sizeof(l));
	l.o = o;
	l.max = max;
	heal_buf_init(&l.scratch, 1 << 16);
	heal_approve_prompt_init(&l.prompt);
	if (!realpath(o->root ? o->root : ".", l.root))
		return heal_error_sys(err, errno, "cannot resolve the project root");
	find_bindir(&l);
	gmtime_r(&now, &tm);
	strftime(l.run_id, 32, "%Y%m%dT%H%M%SZ", &tm);
	snprintf(l.run_id + strlen(l.run_id), sizeof(l.run_id) - strlen(l.run_id),
		 "-%ld", (long)getpid());

	if (heal_driver_run_command(&l, true, &run, err) < 0) {
		heal_spawn_env_free(l.cmd_env);
		heal_buf_release(&l.scratch);
		return -1;
	}
	status = heal_driver_status_of(&run);
	res->exit_status = status;
	if (interrupted || status == 0 || !heal_config_bool(cfg, HEAL_CFG_ENABLED)) {
		/* interrupted, succeeded, or heal switched off: nothing more */
		heal_spawn_result_release(&run);
		heal_spawn_env_free(l.cmd_env);
		heal_buf_release(&l.scratch);
		if (interrupted)
			res->exit_status = 128 + interrupted;
		return 0;
	}
	/* the errors at the start: what kept progress is measured against */
	if (!dry && !o->atomic) {
		struct heal_error e = HEAL_ERROR_INIT;

		struct heal_check_errors se = { NULL, 0 };

		start_ok = heal_driver_error_keys(&l, &run.out, &l.start_keys, NULL, &se, &e) == 0;
		if (start_ok && !l.start_keys.n) {
			/* a command failing on warnings or notes (shellcheck -i,
			 * a linter): progress is counted in them */
			l.keys_all = true;
			heal_check_errors_release(&se);
			start_ok = heal_driver_error_keys(&l, &run.out, &l.start_keys,
							  NULL, &se, &e) == 0;
		}
		if (start_ok) {
			heal_driver_unparsed(&l, &se, &l.start_unparsed);
			l.start_stopped = heal_driver_run_stopped(&l, &se);
		}
		heal_check_errors_release(&se);
	}
	for (k = 1; k <= max; k++) {
		if (k > 1) {
			/* a re-run after proven fixes shows the next error (a
			 * checker that stops at its first): no retry to wait for */
			if (!progressed)
				backoff(&l, k - 1 - extra);
			if (interrupted)
				break;
			heal_spawn_result_release(&run);
			if (progressed && l.have_next) {
				/* the re-run that proved the fixes ran on the
				 * files as they are: its errors are the next */
				heal_driver_say(&l, "attempt %u of %u: the next errors, from the re-run that proved the fixes",
				    k, max);
				run = l.next;
				l.have_next = false;
			} else {
				forget_next(&l);
				heal_driver_say(&l, "attempt %u of %u: running the command again", k, max);
				command_text(&l, cmdtext, sizeof(cmdtext));
				snprintf(l.phase, sizeof(l.phase),
					 "attempt %u of %u: running %s again", k, max, cmdtext);
				if (heal_driver_run_command(&l, false, &run, err) < 0) {
					r = -1;
					break;
				}
			}
			if (interrupted)
				break;
			status = heal_driver_status_of(&run);
			if (status == 0) {
				res->healed = true;
				break;
			}
		}
		res->attempts = k;
		{
			/* the run's output, and a second opinion on its files */
			struct heal_buf with;
			bool consulted = heal_driver_consult(&l, &run.out, &with);
			int ar = attempt(&l, k, consulted ? &with : &run.out, &oc,
					 &dstatus, err);

			heal_buf_release(&with);
			if (ar < 0) {
				r = -1;
				break;
			}
		}
		if (interrupted)
			break;
		if (dstatus == 0 && oc.errors == 0) {
			heal_driver_say(&l, "no error that heal knows was found in the output");
			break;
		}
		if (dry) {
			heal_driver_say(&l, "dry run: %u error%s, nothing changed", oc.errors,
			    oc.errors == 1 ? "" : "s");
			break;
		}
		heal_driver_say(&l, "attempt %u: %u fix%s applied, %u passed, %u failed%s",
		    k, oc.applied, oc.applied == 1 ? "" : "es", oc.passed,
		    oc.failed, !oc.reverted ? ""
		    : oc.reverted >= oc.applied ? " (rolled back)"
		    : oc.reverted == 1 ? " (1 undone, the rest kept)"
		    : " (some undone, the rest kept)");
		if (oc.healed) {
			res->healed = true;
			status = 0;
			break;
		}
		if (oc.applied == 0 && oc.new_skips == 0)
			break;
		/* an attempt whose every fix proved itself is not counted
		 * (Python's compile() and sh -n show one error a run) */
		progressed = oc.passed > 0 && oc.failed == 0;
		if (progressed && extra < HEAL_PROGRESS_ATTEMPTS) {
			extra++;
			l.max = ++max;
		}
		together(&l);
	}
	heal_spawn_result_release(&run);
	forget_next(&l);
	res->applied = l.applied_kept;
	if (interrupted && !res->healed) {
		heal_driver_say(&l, "interrupted by signal %d: rolling back %zu change set%s",
		    (int)interrupted, l.sessions.n, l.sessions.n == 1 ? "" : "s");
		if (rollback_all(&l, err) < 0)
			r = -1;
		else
			res->rolled_back = l.sessions.n > 0;
		status = 128 + interrupted;
	} else if (r == 0 && !res->healed && !dry) {
		bool succeeds = false;

		/* keep what proved itself, unless all or nothing was asked */
		if (start_ok && l.sessions.n &&
		    heal_driver_keep_progress(&l, &status, &succeeds, err) < 0) {
			heal_driver_say(&l, "cannot weigh the progress: %s", err->msg);
			heal_error_clear(err);
			start_ok = false;
		}
		if (succeeds) {
			res->healed = true;
			status = 0;
			goto healed;
		}
		if (start_ok && l.sessions.n) {
			res->partial = true;
		} else {
			if (l.sessions.n)
				heal_driver_say(&l, "not healed: rolling back %zu change set%s",
				    l.sessions.n, l.sessions.n == 1 ? "" : "s");
			if (rollback_all(&l, err) < 0)
				r = -1;
			else
				res->rolled_back = l.sessions.n > 0;
			l.applied_kept = 0;
		}
		explain(&l, &oc, &why);
		heal_buf_init(&whyb, 1 << 16);
		for (i = 0; i < why.n; i++)
			heal_buf_putf(&whyb, "%s%s", i ? "; " : "", why.v[i]);
		escalate(&l, res->attempts, status, heal_buf_str(&whyb));
		heal_buf_release(&whyb);
		for (i = 0; i < l.tried.n; i++)
			heal_driver_say(&l, "  tried: %s", l.tried.v[i]);
		for (i = 0; i < why.n; i++)
			heal_driver_say(&l, "%s", why.v[i]);
		heal_driver_say(&l, "manual intervention required: the command still exits with status %d",
		    status);
		heal_strv_release(&why);
	} else if (res->healed) {
healed:
		heal_driver_say(&l, "healed: the command succeeds now (%u attempt%s, %u fix%s kept)",
		    res->attempts, res->attempts == 1 ? "" : "s", l.applied_kept,
		    l.applied_kept == 1 ? "" : "es");
	}
	res->exit_status = res->healed ? 0 : status;
	res->applied = l.applied_kept;
	heal_spawn_env_free(l.env);
	heal_spawn_env_free(l.cmd_env);
	if (l.ps_loaded)
		heal_pattern_set_release(&l.ps);
	if (l.proot_open)
		heal_root_close(&l.proot);
	heal_strv_release(&l.start_keys);
	heal_strv_release(&l.why);
	free(l.session_kept);
	for (i = 0; i < l.sessions.n; i++)
		heal_json_free(l.session_fixes[i]);
	free(l.session_fixes);
	heal_json_free(l.attempt_fixes);
	heal_strv_release(&l.skips);
	heal_strv_release(&l.failed_files);
	heal_strv_release(&l.failed_keys);
	heal_strv_release(&l.sessions);
	heal_strv_release(&l.tried);
	heal_json_free(l.tried_json);
	heal_buf_release(&l.scratch);
	clear_status(&l);
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
