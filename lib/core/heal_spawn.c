#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_fd.h"
#include "heal_json.h"
#include "heal_spawn.h"
#include "heal_text.h"

extern char **environ;

const char *const heal_spawn_env_allow_default[] = {
	"PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "LC_*", "TZ",
	"TERM", "TMPDIR", "NO_COLOR", "CI",
	"HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy",
	"no_proxy", "SSL_CERT_FILE", "SSL_CERT_DIR", "VIRTUAL_ENV",
	NULL,
};

/* Variables that change what a program loads, runs or where it fetches. */
const char *const heal_spawn_env_deny[] = {
	"LD_*", "DYLD_*", "PIP_*", "TF_CLI_ARGS*", "TF_CLI_CONFIG_FILE",
	"NPM_CONFIG_*", "npm_config_*", "NODE_OPTIONS", "NODE_PATH",
	"PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTHONINSPECT",
	"PYTHONUSERBASE", "BASH_ENV", "ENV", "IFS", "CDPATH", "PERL5OPT",
	"PERL5LIB", "RUBYOPT", "GIT_SSH*", "GIT_EXEC_PATH", "GIT_CONFIG*",
	"ANSIBLE_CONFIG", "ANSIBLE_GALAXY_SERVER*", "GCONV_PATH",
	"MALLOC_*", "GLIBC_TUNABLES",
	NULL,
};

void heal_spawn_opts_init(struct heal_spawn_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->grace = 2.0;
	o->out = HEAL_SPAWN_CAPTURE;
	o->err = HEAL_SPAWN_CAPTURE;
	o->max_output = HEAL_SPAWN_OUTPUT_DEFAULT;
	o->stdin_fd = -1;
	o->pass_fd = -1;
	o->serve_fd = -1;
}

bool heal_spawn_env_match(const char *const *patterns, const char *name)
{
	size_t n = strcspn(name, "=");
	size_t i;

	for (i = 0; patterns[i]; i++) {
		const char *p = patterns[i];
		size_t k = strlen(p);

		if (k && p[k - 1] == '*') {
			if (n >= k - 1 && memcmp(name, p, k - 1) == 0)
				return true;
		} else if (k == n && memcmp(name, p, n) == 0) {
			return true;
		}
	}
	return false;
}

char **heal_spawn_env_build(char *const *from, const char *const *allow,
			    const char *const *extra)
{
	size_t n = 0, i;
	char **env = heal_calloc(1, sizeof(char *));

	if (!allow)
		allow = heal_spawn_env_allow_default;
	for (i = 0; from && from[i]; i++) {
		if (!strchr(from[i], '=') ||
		    !heal_spawn_env_match(allow, from[i]) ||
		    heal_spawn_env_match(heal_spawn_env_deny, from[i]))
			continue;
		env = heal_reallocarray(env, n + 2, sizeof(char *));
		env[n++] = heal_strdup(from[i]);
		env[n] = NULL;
	}
	for (i = 0; extra && extra[i]; i++) {
		if (!strchr(extra[i], '=') ||
		    heal_spawn_env_match(heal_spawn_env_deny, extra[i]))
			continue;
		env = heal_reallocarray(env, n + 2, sizeof(char *));
		env[n++] = heal_strdup(extra[i]);
		env[n] = NULL;
	}
	return env;
}

void heal_spawn_env_free(char **env)
{
	size_t i;

	if (!env)
		return;
	for (i = 0; env[i]; i++)
		free(env[i]);
	free(env);
}

void heal_spawn_result_release(struct heal_spawn_result *res)
{
	if (!res)
		return;
	heal_buf_release(&res->out);
	heal_buf_release(&res->err);
}

#define RUN_MAGIC "heal-run 1 "

int heal_spawn_result_save(int fd, const struct heal_spawn_result *res)
{
	char head[128];
	int n;

	n = snprintf(head, sizeof(head), RUN_MAGIC "%d %d %d %zu\n",
		     res->exited ? 1 : 0, res->status, res->signal, res->out.len);
	if (n < 0 || (size_t)n >= sizeof(head)) {
		errno = EOVERFLOW;
		return -1;
	}
	if (heal_fd_write_all(fd, head, (size_t)n) < 0 ||
	    heal_fd_write_all(fd, res->out.data ? res->out.data : "", res->out.len) < 0)
		return -1;
	return 0;
}

int heal_spawn_result_load(int fd, size_t max, struct heal_spawn_result *res)
{
	struct heal_buf b;
	char chunk[65536], *p, *nl, *end;
	long f[3];
	unsigned long long len;
	size_t i;
	ssize_t r;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	heal_buf_init(&res->out, max);
	heal_buf_init(&res->err, 0);
	heal_buf_init(&b, max + sizeof(chunk));
	for (;;) {
		r = read(fd, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		heal_buf_put(&b, chunk, (size_t)r);
		if (heal_buf_truncated(&b))
			break;
	}
	if (r < 0 || heal_buf_truncated(&b))
		goto out;
	if (b.len == 0) {
		rc = 0;
		goto out;
	}
	if (b.len < sizeof(RUN_MAGIC) - 1 ||
	    memcmp(b.data, RUN_MAGIC, sizeof(RUN_MAGIC) - 1) != 0 ||
	    !(nl = memchr(b.data, '\n', b.len)))
		goto out;
	p = b.data + sizeof(RUN_MAGIC) - 1;
	for (i = 0; i < 3; i++) {
		errno = 0;
		f[i] = strtol(p, &end, 10);
		if (errno || end == p || *end != ' ' || f[i] < INT_MIN || f[i] > INT_MAX)
			goto out;
		p = end + 1;
	}
	errno = 0;
	len = strtoull(p, &end, 10);
	if (errno || end == p || end != nl || *p == '-' || len > max ||
	    len != (unsigned long long)(b.len - (size_t)(nl + 1 - b.data)))
		goto out;
	res->exited = f[0] != 0;
	res->status = (int)f[1];
	res->signal = (int)f[2];
	heal_buf_put(&res->out, nl + 1, (size_t)len);
	rc = 1;
out:
	heal_buf_release(&b);
	if (rc != 1)
		heal_spawn_result_release(res);
	return rc;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Whether pid has ended, without reaping it (so its pgid stays ours). */
static bool ended(pid_t pid)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0)
		return errno == ECHILD;
	return si.si_pid == pid;
}

char *heal_spawn_find_program(const char *name)
{
	const char *path = getenv("PATH"), *p;
	struct heal_buf b;
	struct stat st;

	if (strchr(name, '/')) {
		if (stat(name, &st) < 0)
			return NULL;
		if (!S_ISREG(st.st_mode) || access(name, X_OK) < 0) {
			errno = EACCES;
			return NULL;
		}
		return heal_strdup(name);
	}
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	heal_buf_init(&b, 2 * 4096 + 2);
	for (p = path; ; ) {
		size_t k = strcspn(p, ":");

		heal_buf_reset(&b);
		if (k == 0)
			heal_buf_puts(&b, ".");
		else
			heal_buf_put(&b, p, k);
		if (heal_buf_addf(&b, NULL, "/%s", name) == 0 &&
		    stat(b.data, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(b.data, X_OK) == 0)
			return heal_buf_detach(&b, NULL);
		if (!p[k])
			break;
		p += k + 1;
	}
	heal_buf_release(&b);
	return NULL;
}

/* One stream read from a child: kept up to the buffer's cap, maybe teed. */
struct stream {
	int fd;                 /* read end, -1 when closed */
	struct heal_buf *buf;
	bool *trunc;
	struct heal_buf *also;  /* merge: a second buffer (stdout's) */
	bool *also_trunc;
	int tee;                /* copy to this fd, or -1 */
};

static void keep(struct heal_buf *b, bool *trunc, const char *p, size_t k)
{
	if (b->len + k > b->max) {
		heal_buf_put(b, p, b->max - b->len);
		*trunc = true;
	} else {
		heal_buf_put(b, p, k);
	}
}

static void write_all(int fd, const char *p, size_t k)
{
	while (k > 0) {
		ssize_t w = write(fd, p, k);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		k -= (size_t)w;
	}
}

/* Read what is there; keep up to the cap, drop the rest. */
static void drain(struct stream *s)
{
	char block[16384];
	ssize_t k = read(s->fd, block, sizeof(block));

	if (k < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (k <= 0) {
		close(s->fd);
		s->fd = -1;
		return;
	}
	if (s->tee >= 0)
		write_all(s->tee, block, (size_t)k);
	keep(s->buf, s->trunc, block, (size_t)k);
	if (s->also)
		keep(s->also, s->also_trunc, block, (size_t)k);
}

/*
 * Poll the open streams (and pidfd, and the served fd) for at most ms and
 * drain what is ready; true when the pidfd says the process ended.
 */
static bool pump(const struct heal_spawn_opts *o, int *sfd,
		 struct stream *st, size_t nst, int pidfd, int ms)
{
	struct pollfd pf[8];
	size_t map[8];
	int np = 0, i;
	bool exited = false;
	size_t j;

	for (j = 0; j < nst && np < 6; j++)
		if (st[j].fd >= 0) {
			map[np] = j;
			pf[np++] = (struct pollfd){ .fd = st[j].fd, .events = POLLIN };
		}
	if (pidfd >= 0)
		pf[np++] = (struct pollfd){ .fd = pidfd, .events = POLLIN };
	if (sfd && *sfd >= 0)
		pf[np++] = (struct pollfd){ .fd = *sfd, .events = POLLIN };
	if (np == 0) {
		if (ms > 0)
			usleep((useconds_t)ms * 1000);
		return false;
	}
	if (poll(pf, (nfds_t)np, ms) <= 0)
		return false;
	for (i = 0; i < np; i++) {
		if (!pf[i].revents)
			continue;
		if (pidfd >= 0 && pf[i].fd == pidfd)
			exited = true;
		else if (sfd && pf[i].fd == *sfd)
			/* a question for the caller: the children wait on it */
			*sfd = o->serve(o->serve_ctx, *sfd) ? -1 : *sfd;
		else
			drain(&st[map[i]]);
	}
	return exited;
}

static int open_pidfd(pid_t pid)
{
#ifdef SYS_pidfd_open
	long fd = syscall(SYS_pidfd_open, pid, 0);

	return fd < 0 ? -1 : (int)fd;
#else
	(void)pid;
	return -1;
#endif
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/*
 * Wait for `watch` to end while pumping the streams, with the timeout and
 * grace of o applied to process group pgid.  Then kill what is left of
 * the group (unless keep_group) and read what remains, a bounded while.
 */
static void supervise(const struct heal_spawn_opts *o, pid_t watch, pid_t pgid,
		      const pid_t *others, size_t nothers,
		      struct stream *st, size_t nst, double start,
		      bool *timed_out)
{
	double deadline = o->timeout > 0 ? start + o->timeout : 0;
	double term_at = 0, t;
	bool termed = false, killed = false;
	int pidfd = open_pidfd(watch);
	int sfd = o->serve && o->serve_fd >= 0 ? o->serve_fd : -1;
	double tick_at = start + 1.0;

	for (;;) {
		int ms = pidfd >= 0 ? 1000 : 5;

		t = now();
		if (o->tick && t >= tick_at) {
			o->tick(o->tick_ctx, t - start);
			tick_at = t + 1.0;
		}
		if (o->tick && (tick_at - t) * 1000 < ms)
			ms = (int)((tick_at - t) * 1000) + 1;
		if (deadline) {
			double left = (termed ? term_at + o->grace : deadline) - t;

			if (left < 0)
				left = 0;
			if (left * 1000 < ms)
				ms = (int)(left * 1000) + 1;
		}
		if (o->cancel && *o->cancel && ms > 50)
			ms = 50;
		pump(o, &sfd, st, nst, pidfd, ms);
		if (ended(watch))
			break;
		t = now();
		if (deadline && t >= deadline && !termed) {
			*timed_out = true;
			kill(-pgid, SIGTERM);
			termed = true;
			term_at = t;
		}
		if (o->cancel && *o->cancel && !termed) {
			/* the caller was interrupted: end the group too */
			kill(-pgid, SIGTERM);
			termed = true;
			term_at = t;
		}
		if (termed && !killed && t >= term_at + o->grace) {
			kill(-pgid, SIGKILL);
			killed = true;
		}
	}
	close_fd(&pidfd);
	/*
	 * Earlier stages of a pipeline may close their output a moment
	 * before they exit: let them end on their own (within the timeout,
	 * at most a few seconds) before what is left of the group is killed.
	 */
	if (!*timed_out) {
		double until = now() + 5.0;
		size_t i;

		if (deadline && until > deadline + o->grace)
			until = deadline + o->grace;
		for (i = 0; i < nothers; i++)
			while (!ended(others[i]) && now() < until)
				usleep(1000);
	}
	if (!o->keep_group || *timed_out)
		kill(-pgid, SIGKILL);
	t = now();
	for (;;) {
		size_t j;
		bool open = false;

		for (j = 0; j < nst; j++)
			open |= st[j].fd >= 0;
		if (!open || now() >= t + 1.0)
			break;
		pump(o, NULL, st, nst, -1, 50);
	}
}

static int setup_io(posix_spawn_file_actions_t *fa, enum heal_spawn_io io,
		    int target, int pipefd[2], struct heal_error *err)
{
	if (io == HEAL_SPAWN_NULL)
		return posix_spawn_file_actions_addopen(fa, target, "/dev/null",
							O_WRONLY, 0);
	if (io == HEAL_SPAWN_CAPTURE || io == HEAL_SPAWN_TEE) {
		if (pipe2(pipefd, O_CLOEXEC) < 0)
			return heal_error_sys(err, errno, "cannot create a pipe");
		return posix_spawn_file_actions_adddup2(fa, pipefd[1], target);
	}
	return 0;
}

/*
 * Start one child.  in_fd / out_fd, when >= 0, become its stdin / stdout
 * (out_fd overrides o->out); otherwise o says.  The read ends of the
 * capture pipes are returned in *outr / *errr (-1 when not captured).
 */
static int start(const struct heal_spawn_opts *o, int in_fd, int out_fd,
		 pid_t pgroup, pid_t *pid, int *outr, int *errr,
		 struct heal_error *err)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t all, none;
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 };
	char **env = NULL;
	char *prog, *q;
	int r;

	*outr = *errr = -1;
	if (!o->argv || !o->argv[0] || !o->argv[0][0])
		return heal_error_set(err, HEAL_ERR_USAGE, "no program to run");
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&attr);
	sigfillset(&all);
	sigemptyset(&none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
				 POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
	posix_spawnattr_setpgroup(&attr, pgroup);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setsigmask(&attr, &none);
	if (in_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
	else
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	r = 0;
	if (out_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
	else
		r = setup_io(&fa, o->out, 1, outp, err);
	if (r == 0 && o->merge && out_fd < 0 && o->out == HEAL_SPAWN_CAPTURE &&
	    o->err == HEAL_SPAWN_CAPTURE)
		/* one pipe for both streams: their exact order is kept */
		r = posix_spawn_file_actions_adddup2(&fa, outp[1], 2);
	else if (r == 0)
		r = setup_io(&fa, o->err, 2, errp, err);
	if (r != 0) {
		if (err->code == HEAL_OK)
			heal_error_set(err, HEAL_ERR_IO,
				       "cannot set up the child's output");
		r = -1;
		goto out;
	}
	if (o->pass_fd > 3)
		posix_spawn_file_actions_adddup2(&fa, o->pass_fd, 3);
	if (o->cwd)
		posix_spawn_file_actions_addchdir_np(&fa, o->cwd);
	if (!o->env)
		env = heal_spawn_env_build(environ, NULL, NULL);
	/*
	 * Find the program ourselves rather than with posix_spawnp, so that
	 * "not found" is an error here even where the spawn cannot report
	 * it (valgrind runs posix_spawn as a plain fork).
	 */
	errno = ENOENT;
	prog = heal_spawn_find_program(o->argv[0]);
	r = prog ? posix_spawn(pid, prog, &fa, &attr, (char *const *)o->argv,
			       o->env ? o->env : env)
		 : (errno == EACCES ? EACCES : ENOENT);
	free(prog);
	if (r != 0) {
		q = heal_text_escape_dup(o->argv[0], strlen(o->argv[0]));
		heal_error_sys(err, r, "cannot run '%s'", q);
		free(q);
		r = -1;
		goto out;
	}
	*outr = outp[0];
	*errr = errp[0];
	outp[0] = errp[0] = -1;
out:
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	heal_spawn_env_free(env);
	close_fd(&outp[0]);
	close_fd(&outp[1]);
	close_fd(&errp[0]);
	close_fd(&errp[1]);
	return r;
}

static int reap(pid_t pid, int *wstatus, struct heal_error *err)
{
	while (waitpid(pid, wstatus, 0) < 0) {
		if (errno != EINTR)
			return heal_error_sys(err, errno, "cannot wait for a child");
	}
	return 0;
}

static void set_status(struct heal_spawn_result *res, int wstatus)
{
	if (WIFEXITED(wstatus)) {
		res->exited = true;
		res->status = WEXITSTATUS(wstatus);
	} else if (WIFSIGNALED(wstatus)) {
		res->signal = WTERMSIG(wstatus);
	}
}

static void result_init(struct heal_spawn_result *res, size_t max)
{
	memset(res, 0, sizeof(*res));
	heal_buf_init(&res->out, max);
	heal_buf_init(&res->err, max);
	res->pid = -1;
}

static size_t streams_for(const struct heal_spawn_opts *o,
			  struct heal_spawn_result *res, int outr, int errr,
			  struct stream *st)
{
	size_t n = 0;

	if (outr >= 0)
		st[n++] = (struct stream){ outr, &res->out, &res->out_truncated,
					   NULL, NULL,
					   o->out == HEAL_SPAWN_TEE ? 1 : -1 };
	if (errr >= 0)
		st[n++] = (struct stream){ errr, &res->err, &res->err_truncated,
					   o->merge ? &res->out : NULL,
					   &res->out_truncated,
					   o->err == HEAL_SPAWN_TEE ? 2 : -1 };
	return n;
}

/*
 * While a child group runs, a SIGINT, SIGTERM or SIGHUP that would end us
 * (its default action) is passed on to the group first: the children run
 * in a group of their own, which no terminal or parent signal reaches, so
 * without this they would outlive us.  A caller that handles these
 * signals itself sets opts.cancel instead.
 */
static volatile pid_t guarded_pgid;
static const int guarded_sigs[] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction guard_old[3];
static bool guard_set[3];

static void guard_handler(int sig)
{
	pid_t g = guarded_pgid;

	if (g > 0)
		kill(-g, SIGTERM);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void guard_on(const struct heal_spawn_opts *o, pid_t pgid)
{
	struct sigaction sa;
	size_t i;

	if (o->cancel)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = guard_handler;
	sigemptyset(&sa.sa_mask);
	guarded_pgid = pgid;
	for (i = 0; i < 3; i++) {
		guard_set[i] = false;
		if (sigaction(guarded_sigs[i], NULL, &guard_old[i]) == 0 &&
		    guard_old[i].sa_handler == SIG_DFL &&
		    !(guard_old[i].sa_flags & SA_SIGINFO))
			guard_set[i] = sigaction(guarded_sigs[i], &sa, NULL) == 0;
	}
}

static void guard_off(void)
{
	size_t i;

	for (i = 0; i < 3; i++)
		if (guard_set[i]) {
			sigaction(guarded_sigs[i], &guard_old[i], NULL);
			guard_set[i] = false;
		}
	guarded_pgid = 0;
}

int heal_spawn_run(const struct heal_spawn_opts *o,
		   struct heal_spawn_result *res, struct heal_error *err)
{
	struct stream st[2];
	double t0 = now();
	int outr, errr, wstatus = 0, r;
	size_t n, j;
	pid_t pid;

	result_init(res, o->max_output);
	if (start(o, o->stdin_fd, -1, 0, &pid, &outr, &errr, err) < 0) {
		res->seconds = now() - t0;
		return -1;
	}
	res->pid = pid;
	guard_on(o, pid);
	n = streams_for(o, res, outr, errr, st);
	supervise(o, pid, pid, NULL, 0, st, n, t0, &res->timed_out);
	for (j = 0; j < n; j++)
		close_fd(&st[j].fd);
	r = reap(pid, &wstatus, err);
	guard_off();
	if (r < 0)
		return -1;
	set_status(res, wstatus);
	res->seconds = now() - t0;
	return 0;
}

int heal_spawn_pipeline(const struct heal_spawn_opts *stages, size_t n,
			struct heal_spawn_result *res, int *statuses,
			struct heal_error *err)
{
	struct stream st[2];
	pid_t *pids;
	double t0 = now();
	int prev = -1, outr = -1, errr = -1, wstatus, r = 0;
	pid_t pgid = 0;
	size_t i, k = 0, j;

	result_init(res, n ? stages[n - 1].max_output : 0);
	if (n == 0)
		return heal_error_set(err, HEAL_ERR_USAGE, "empty pipeline");
	pids = heal_calloc(n, sizeof(*pids));
	for (i = 0; i < n; i++) {
		struct heal_spawn_opts o = stages[i];
		int p[2] = { -1, -1 };
		int in = i == 0 ? stages[0].stdin_fd : prev;

		pids[i] = -1;
		if (statuses)
			statuses[i] = -1;
		if (i + 1 < n && pipe2(p, O_CLOEXEC) < 0) {
			r = heal_error_sys(err, errno, "cannot create a pipe");
			break;
		}
		if (i + 1 < n && o.err == HEAL_SPAWN_CAPTURE)
			o.err = HEAL_SPAWN_INHERIT;
		if (i + 1 < n && o.err == HEAL_SPAWN_TEE)
			o.err = HEAL_SPAWN_INHERIT;
		if (i + 1 < n) {
			int dout, derr;

			r = start(&o, in, p[1], pgid, &pids[i], &dout, &derr,
				  err);
			if (r == 0) {
				/* middle stages capture nothing */
				close_fd(&dout);
				close_fd(&derr);
			}
		} else {
			r = start(&o, in, -1, pgid, &pids[i], &outr, &errr,
				  err);
		}
		close_fd(&p[1]);
		if (i > 0)
			close_fd(&prev);
		prev = p[0];
		if (r < 0) {
			pids[i] = -1;
			break;
		}
		if (i == 0) {
			pgid = pids[0];
			guard_on(&stages[0], pgid);
		}
		k = i + 1;
	}
	close_fd(&prev);
	if (k == n) {
		size_t ns = streams_for(&stages[n - 1], res, outr, errr, st);

		res->pid = pids[n - 1];
		supervise(&stages[0], pids[n - 1], pgid, pids, n - 1, st, ns,
			  t0, &res->timed_out);
		for (j = 0; j < ns; j++)
			close_fd(&st[j].fd);
	} else if (pgid) {
		kill(-pgid, SIGKILL);
	}
	for (i = 0; i < k; i++) {
		wstatus = 0;
		if (reap(pids[i], &wstatus, r < 0 ? NULL : err) < 0) {
			r = -1;
			continue;
		}
		if (statuses)
			statuses[i] = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
				      : 128 + WTERMSIG(wstatus);
		if (i == n - 1)
			set_status(res, wstatus);
	}
	if (pgid)
		guard_off();
	free(pids);
	res->seconds = now() - t0;
	return r < 0 ? -1 : 0;
}

void heal_spawn_describe(const struct heal_spawn_result *res,
			 struct heal_buf *out)
{
	if (res->timed_out)
		heal_buf_putf(out, "timed out after %.1f s", res->seconds);
	else if (res->exited)
		heal_buf_putf(out, "exited with status %d", res->status);
	else if (res->signal)
		heal_buf_putf(out, "killed by signal %d", res->signal);
	else
		heal_buf_puts(out, "ended");
}

char **heal_spawn_argv_parse(const char *s, struct heal_error *err)
{
	char **argv = NULL;
	size_t n = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '[') {
		struct heal_json *a = heal_json_parse(s, strlen(s), NULL, err);
		size_t i;

		if (!a || a->type != HEAL_JSON_ARRAY || a->u.arr.n == 0) {
			heal_json_free(a);
			heal_error_set(err, HEAL_ERR_USAGE,
				       "a command must be a non-empty JSON array of strings");
			return NULL;
		}
		argv = heal_calloc(a->u.arr.n + 1, sizeof(*argv));
		for (i = 0; i < a->u.arr.n; i++) {
			if (!heal_json_string_is_cstr(a->u.arr.v[i])) {
				heal_json_free(a);
				heal_spawn_argv_free(argv);
				heal_error_set(err, HEAL_ERR_USAGE,
					       "a command must be a non-empty JSON array of strings");
				return NULL;
			}
			argv[i] = heal_strdup(a->u.arr.v[i]->u.str.s);
		}
		heal_json_free(a);
		return argv;
	}
	while (*s) {
		size_t k = strcspn(s, " \t\n");

		argv = heal_reallocarray(argv, n + 2, sizeof(*argv));
		argv[n++] = heal_strndup(s, k);
		argv[n] = NULL;
		s += k;
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
	}
	if (!argv)
		heal_error_set(err, HEAL_ERR_USAGE, "an empty command");
	return argv;
}

void heal_spawn_argv_free(char **argv)
{
	size_t i;

	for (i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}
