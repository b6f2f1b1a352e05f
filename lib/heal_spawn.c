#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_spawn.h"
#include "heal_text.h"
#include "heal_banned.h"

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

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Read what is there; keep up to the cap, drop the rest. */
static void drain(int *fd, struct heal_buf *b, bool *trunc)
{
	char block[16384];
	ssize_t k = read(*fd, block, sizeof(block));

	if (k < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (k <= 0) {
		close(*fd);
		*fd = -1;
		return;
	}
	if (b->len + (size_t)k > b->max) {
		heal_buf_add(b, block, b->max - b->len, NULL);
		*trunc = true;
	} else {
		heal_buf_add(b, block, (size_t)k, NULL);
	}
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

/* The path of an executable named by argv[0], searched in PATH. */
static char *find_program(const char *name)
{
	const char *path = getenv("PATH"), *p;
	struct heal_buf b;
	struct stat st;

	if (strchr(name, '/'))
		return heal_strdup(name);
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	heal_buf_init(&b, 2 * 4096 + 2);
	for (p = path; ; ) {
		size_t k = strcspn(p, ":");

		heal_buf_reset(&b);
		if (k == 0)
			heal_buf_adds(&b, ".", NULL);
		else
			heal_buf_add(&b, p, k, NULL);
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

static int setup_io(posix_spawn_file_actions_t *fa, enum heal_spawn_io io,
		    int target, int pipefd[2], struct heal_error *err)
{
	if (io == HEAL_SPAWN_NULL)
		return posix_spawn_file_actions_addopen(fa, target, "/dev/null",
							O_WRONLY, 0);
	if (io == HEAL_SPAWN_CAPTURE) {
		if (pipe2(pipefd, O_CLOEXEC) < 0)
			return heal_error_sys(err, errno, "cannot create a pipe");
		return posix_spawn_file_actions_adddup2(fa, pipefd[1], target);
	}
	return 0;
}

int heal_spawn_run(const struct heal_spawn_opts *o,
		   struct heal_spawn_result *res, struct heal_error *err)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t all, none;
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 };
	char **env = NULL;
	double start = now(), deadline, term_at = 0;
	bool termed = false, killed = false;
	int r, wstatus = 0;
	pid_t pid;
	char *q, *prog;

	memset(res, 0, sizeof(*res));
	heal_buf_init(&res->out, o->max_output);
	heal_buf_init(&res->err, o->max_output);
	res->pid = -1;
	if (!o->argv || !o->argv[0] || !o->argv[0][0])
		return heal_error_set(err, HEAL_ERR_USAGE, "no program to run");
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&attr);
	sigfillset(&all);
	sigemptyset(&none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
				 POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (setup_io(&fa, o->out, 1, outp, err) != 0 ||
	    setup_io(&fa, o->err, 2, errp, err) != 0) {
		if (err->code == HEAL_OK)
			heal_error_set(err, HEAL_ERR_IO, "cannot set up the child's output");
		r = -1;
		goto out;
	}
	if (o->cwd)
		posix_spawn_file_actions_addchdir_np(&fa, o->cwd);
	if (!o->env)
		env = heal_spawn_env_build(environ, NULL, NULL);
	/*
	 * Find the program ourselves rather than with posix_spawnp, so that
	 * "not found" is an error here even where the spawn cannot report
	 * it (valgrind runs posix_spawn as a plain fork).
	 */
	prog = find_program(o->argv[0]);
	r = prog ? posix_spawn(&pid, prog, &fa, &attr, (char *const *)o->argv,
			       o->env ? o->env : env)
		 : ENOENT;
	free(prog);
	if (r != 0) {
		q = heal_text_escape_dup(o->argv[0], strlen(o->argv[0]));
		heal_error_sys(err, r, "cannot run '%s'", q);
		free(q);
		r = -1;
		goto out;
	}
	res->pid = pid;
	if (outp[1] >= 0) {
		close(outp[1]);
		outp[1] = -1;
	}
	if (errp[1] >= 0) {
		close(errp[1]);
		errp[1] = -1;
	}
	deadline = o->timeout > 0 ? start + o->timeout : 0;
	for (;;) {
		struct pollfd pf[2];
		int np = 0, wait_ms = 20;
		double t;

		if (outp[0] >= 0)
			pf[np++] = (struct pollfd){ .fd = outp[0], .events = POLLIN };
		if (errp[0] >= 0)
			pf[np++] = (struct pollfd){ .fd = errp[0], .events = POLLIN };
		if (np && poll(pf, (nfds_t)np, wait_ms) > 0) {
			int i;

			for (i = 0; i < np; i++) {
				if (!pf[i].revents)
					continue;
				if (pf[i].fd == outp[0])
					drain(&outp[0], &res->out, &res->out_truncated);
				else
					drain(&errp[0], &res->err, &res->err_truncated);
			}
		} else if (!np) {
			usleep(wait_ms * 1000);
		}
		t = now();
		if (ended(pid)) {
			/* the leader is gone: its group goes with it */
			if (!o->keep_group)
				kill(-pid, SIGKILL);
			/* read what is left, a bounded while */
			while ((outp[0] >= 0 || errp[0] >= 0) && now() < t + 1.0) {
				struct pollfd p2[2];
				int n2 = 0, i;

				if (outp[0] >= 0)
					p2[n2++] = (struct pollfd){ .fd = outp[0], .events = POLLIN };
				if (errp[0] >= 0)
					p2[n2++] = (struct pollfd){ .fd = errp[0], .events = POLLIN };
				if (poll(p2, (nfds_t)n2, 50) <= 0)
					continue;
				for (i = 0; i < n2; i++) {
					if (!p2[i].revents)
						continue;
					if (p2[i].fd == outp[0])
						drain(&outp[0], &res->out, &res->out_truncated);
					else
						drain(&errp[0], &res->err, &res->err_truncated);
				}
			}
			break;
		}
		if (deadline && t >= deadline && !termed) {
			res->timed_out = true;
			kill(-pid, SIGTERM);
			termed = true;
			term_at = t;
		}
		if (termed && !killed && t >= term_at + o->grace) {
			kill(-pid, SIGKILL);
			killed = true;
		}
	}
	if (res->timed_out)
		kill(-pid, SIGKILL);
	while (waitpid(pid, &wstatus, 0) < 0) {
		if (errno != EINTR) {
			r = heal_error_sys(err, errno, "cannot wait for '%s'",
					   o->argv[0]);
			goto out;
		}
	}
	if (WIFEXITED(wstatus)) {
		res->exited = true;
		res->status = WEXITSTATUS(wstatus);
	} else if (WIFSIGNALED(wstatus)) {
		res->signal = WTERMSIG(wstatus);
	}
	r = 0;
out:
	res->seconds = now() - start;
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	heal_spawn_env_free(env);
	if (outp[0] >= 0)
		close(outp[0]);
	if (outp[1] >= 0)
		close(outp[1]);
	if (errp[0] >= 0)
		close(errp[0]);
	if (errp[1] >= 0)
		close(errp[1]);
	return r;
}

void heal_spawn_describe(const struct heal_spawn_result *res,
			 struct heal_buf *out)
{
	if (res->timed_out)
		heal_buf_addf(out, NULL, "timed out after %.1f s", res->seconds);
	else if (res->exited)
		heal_buf_addf(out, NULL, "exited with status %d", res->status);
	else if (res->signal)
		heal_buf_addf(out, NULL, "killed by signal %d", res->signal);
	else
		heal_buf_adds(out, "ended", NULL);
}
