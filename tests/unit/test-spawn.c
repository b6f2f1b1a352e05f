#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "heal_spawn.h"
#include "tap.h"

/* Whether pid is gone (or a zombie nobody reaped yet). */
static int gone(long pid)
{
	char path[64], buf[512];
	FILE *f;
	int i;

	for (i = 0; i < 100; i++) {
		char *p;

		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
		f = fopen(path, "r");
		if (!f)
			return 1;
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = '\0';
		fclose(f);
		p = strrchr(buf, ')');
		if (p && p[1] == ' ' && p[2] == 'Z')
			return 1;
		usleep(20000);
	}
	return 0;
}

static int run(const char *const *argv, struct heal_spawn_opts *o,
	       struct heal_spawn_result *res)
{
	struct heal_error err = HEAL_ERROR_INIT;

	o->argv = argv;
	return heal_spawn_run(o, res, &err);
}

#define A(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* serve_fd's callback: answer one line with "ok" */
static int serve_ok(void *ctx, int fd)
{
	char buf[64];
	ssize_t k = read(fd, buf, sizeof(buf));

	if (k <= 0)
		return 1;
	(*(int *)ctx)++;
	return write(fd, "ok\n", 3) == 3 ? 0 : 1;
}

/* A two-stage pipeline a0 | a1 with the default options. */
static void two_stages(struct heal_spawn_opts st[2], const char *const *a0,
		       const char *const *a1)
{
	heal_spawn_opts_init(&st[0]);
	heal_spawn_opts_init(&st[1]);
	st[0].argv = a0;
	st[1].argv = a1;
}

int main(void)
{
	struct heal_spawn_opts o;
	struct heal_spawn_result res;
	struct heal_error err = HEAL_ERROR_INIT;
	char **env;
	long pid;

	heal_spawn_opts_init(&o);
	ok(run(A("sh", "-c", "echo out; echo err >&2; exit 3"), &o, &res) == 0, "run sh");
	ok(res.exited && res.status == 3, "exit status 3");
	is_str(heal_buf_str(&res.out), "out\n", "stdout captured");
	is_str(heal_buf_str(&res.err), "err\n", "stderr captured separately");
	heal_spawn_result_release(&res);

	ok(run(A("echo", "a;b", "$(id)", "*"), &o, &res) == 0, "argv is not a shell");
	is_str(heal_buf_str(&res.out), "a;b $(id) *\n", "metacharacters are plain bytes");
	heal_spawn_result_release(&res);

	o.max_output = 10;
	run(A("sh", "-c", "head -c 100000 /dev/zero | tr '\\0' x"), &o, &res);
	ok(res.out.len == 10 && res.out_truncated, "output capped and marked truncated");
	ok(res.exited && res.status == 0, "the child is not blocked by the cap");
	heal_spawn_result_release(&res);
	o.max_output = HEAL_SPAWN_OUTPUT_DEFAULT;

	o.cwd = "/";
	run(A("pwd"), &o, &res);
	is_str(heal_buf_str(&res.out), "/\n", "cwd");
	heal_spawn_result_release(&res);
	o.cwd = NULL;

	ok(run(A("heal-no-such-program-xyz"), &o, &res) < 0, "a missing program is an error");
	heal_spawn_result_release(&res);

	/* timeout kills the whole group, a forked sleep included */
	o.timeout = 0.5;
	o.grace = 0.3;
	run(A("sh", "-c", "sleep 1000 & echo $!; sleep 1000"), &o, &res);
	ok(res.timed_out, "timed out");
	ok(res.seconds < 5, "promptly (%.2f s)", res.seconds);
	pid = strtol(heal_buf_str(&res.out), NULL, 10);
	ok(pid > 0 && gone(pid), "the forked sleep %ld is gone", pid);
	heal_spawn_result_release(&res);

	/* a child that ignores SIGTERM gets SIGKILL */
	run(A("sh", "-c", "trap '' TERM; sleep 1000 & echo $!; while :; do sleep 0.1; done"), &o, &res);
	ok(res.timed_out && !res.exited, "TERM ignored: killed anyway");
	pid = strtol(heal_buf_str(&res.out), NULL, 10);
	ok(pid > 0 && gone(pid), "and its child too");
	heal_spawn_result_release(&res);

	/* a daemon left behind after a normal exit is killed */
	o.timeout = 5;
	run(A("sh", "-c", "sleep 1000 >/dev/null 2>&1 & echo $!"), &o, &res);
	ok(res.exited && res.status == 0 && !res.timed_out, "the leader exits 0");
	pid = strtol(heal_buf_str(&res.out), NULL, 10);
	ok(pid > 0 && gone(pid), "the daemon it left is killed");
	heal_spawn_result_release(&res);
	o.timeout = 0;

	/* environment */
	{
		char *const from[] = {
			"PATH=/usr/bin:/bin", "HOME=/root", "LD_PRELOAD=/evil.so",
			"PIP_INDEX_URL=http://evil/", "TF_CLI_ARGS_init=-x",
			"SECRET_TOKEN=abc", "LC_ALL=C", NULL,
		};
		const char *const allow[] = { "PATH", "LD_*", "PIP_*", NULL };
		const char *const extra[] = { "X=1", "LD_LIBRARY_PATH=/x", NULL };
		size_t i;

		env = heal_spawn_env_build(from, NULL, NULL);
		for (i = 0; env[i]; i++)
			;
		is_int(i, 3, "default allow-list keeps PATH, HOME, LC_ALL");
		ok(strcmp(env[0], "PATH=/usr/bin:/bin") == 0, "PATH kept");
		heal_spawn_env_free(env);
		env = heal_spawn_env_build(from, allow, extra);
		for (i = 0; env[i]; i++)
			ok(strncmp(env[i], "LD_", 3) && strncmp(env[i], "PIP_", 4),
			   "deny-list wins: %s", env[i]);
		is_int(i, 2, "PATH and X=1 only");
		o.env = env;
		run(A("/usr/bin/env"), &o, &res);
		is_str(heal_buf_str(&res.out), "PATH=/usr/bin:/bin\nX=1\n", "the child sees exactly that");
		heal_spawn_result_release(&res);
		heal_spawn_env_free(env);
		o.env = NULL;
	}
	{
		struct heal_buf b;

		heal_buf_init(&b, 100);
		res.timed_out = false;
		res.exited = true;
		res.status = 2;
		heal_spawn_describe(&res, &b);
		is_str(heal_buf_str(&b), "exited with status 2", "describe");
		heal_buf_release(&b);
	}
	(void)err;

	/* stdin from an fd, merged capture in arrival order */
	{
		const char *argv[] = { "sh", "-c", "cat; echo e1 >&2; echo o2", NULL };
		int p[2];

		if (pipe(p) < 0 || write(p[1], "in\n", 3) != 3)
			return 1;
		close(p[1]);
		heal_spawn_opts_init(&o);
		o.argv = argv;
		o.stdin_fd = p[0];
		o.merge = true;
		ok(heal_spawn_run(&o, &res, &err) == 0 && res.exited && res.status == 0,
		   "stdin from an fd");
		is_str(heal_buf_str(&res.out), "in\ne1\no2\n", "merge keeps stdout and stderr in order");
		is_str(heal_buf_str(&res.err), "", "merged stderr is not captured twice");
		close(p[0]);
		heal_spawn_result_release(&res);
	}
	/* pipeline: printf | tr | wc, statuses of every stage */
	{
		struct heal_spawn_opts st[3];
		const char *a0[] = { "printf", "a\\nb\\nc\\n", NULL };
		const char *a1[] = { "sh", "-c", "tr a-z A-Z; exit 3", NULL };
		const char *a2[] = { "sh", "-c", "cat; echo done", NULL };
		int status[3];
		int i;

		for (i = 0; i < 3; i++)
			heal_spawn_opts_init(&st[i]);
		st[0].argv = a0;
		st[1].argv = a1;
		st[2].argv = a2;
		ok(heal_spawn_pipeline(st, 3, &res, status, &err) == 0, "pipeline runs");
		is_str(heal_buf_str(&res.out), "A\nB\nC\ndone\n", "data flows through every stage");
		ok(status[0] == 0 && status[1] == 3 && status[2] == 0,
		   "each stage's status (%d %d %d)", status[0], status[1], status[2]);
		ok(res.exited && res.status == 0, "result is the last stage's");
		heal_spawn_result_release(&res);
	}
	/* pipeline timeout kills every stage */
	{
		struct heal_spawn_opts st[2];
		const char *a0[] = { "sleep", "30", NULL };
		const char *a1[] = { "cat", NULL };
		int status[2];

		two_stages(st, a0, a1);
		st[0].timeout = 0.3;
		st[0].grace = 0.2;
		ok(heal_spawn_pipeline(st, 2, &res, status, &err) == 0 && res.timed_out &&
		   res.seconds < 5, "pipeline timeout fires (%.2f s)", res.seconds);
		ok(status[0] >= 128, "first stage killed (%d)", status[0]);
		heal_spawn_result_release(&res);
	}
	/* a missing program in a pipeline is an error, nothing left running */
	{
		struct heal_spawn_opts st[2];
		const char *a0[] = { "sleep", "30", NULL };
		const char *a1[] = { "/nonexistent/prog", NULL };

		two_stages(st, a0, a1);
		ok(heal_spawn_pipeline(st, 2, &res, NULL, &err) == -1 && err.code == HEAL_ERR_IO,
		   "missing program in a pipeline reported");
		ok(res.seconds < 5, "and the started stage was killed");
		heal_spawn_result_release(&res);
	}

	/* an earlier stage that closes its output before it exits is not killed */
	{
		struct heal_spawn_opts st[2];
		const char *a0[] = { "sh", "-c", "exec >&-; sleep 0.3; exit 5", NULL };
		const char *a1[] = { "cat", NULL };
		int status[2];

		two_stages(st, a0, a1);
		ok(heal_spawn_pipeline(st, 2, &res, status, &err) == 0, "pipeline runs");
		is_int(status[0], 5, "the first stage's own status, not a kill");
		heal_spawn_result_release(&res);
	}

	/* pass_fd becomes the child's fd 3; the caller answers on serve_fd
	 * while it waits (heal asks heal-fix's approval questions so) */
	{
		struct heal_spawn_opts st[2];
		const char *a0[] = { "echo", "x", NULL };
		const char *a1[] = { "sh", "-c", "echo ask >&3; read a <&3; echo \"$a\"", NULL };
		int sv[2], served = 0;

		ok(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0, "socketpair");
		two_stages(st, a0, a1);
		st[1].pass_fd = fcntl(sv[1], F_DUPFD_CLOEXEC, 10);
		st[0].serve_fd = sv[0];
		st[0].serve = serve_ok;
		st[0].serve_ctx = &served;
		st[0].timeout = 20;
		ok(heal_spawn_pipeline(st, 2, &res, NULL, &err) == 0, "pipeline with a served fd runs");
		is_str(heal_buf_str(&res.out), "ok\n", "the child got the caller's answer on fd 3");
		is_int(served, 1, "served once");
		heal_spawn_result_release(&res);
		close(sv[0]);
		close(sv[1]);
		close(st[1].pass_fd);
	}

	/* a finished run handed on (heal-validate --run-fd to heal): saved and
	 * loaded whole, output bytes as they were; nothing, another file, a
	 * header that says more than follows, or more than max: not taken */
	{
		struct heal_spawn_result in, back;
		FILE *f = tmpfile();
		int fd = fileno(f);
		static const char bin[] = "a.c:1: error: x\n\0\377 end";

		memset(&in, 0, sizeof(in));
		heal_buf_init(&in.out, 1 << 20);
		heal_buf_put(&in.out, bin, sizeof(bin) - 1);
		in.exited = true;
		in.status = 2;
		is_int(heal_spawn_result_load(fd, 100, &back), 0, "load: an empty file holds no run");
		ok(heal_spawn_result_save(fd, &in) == 0, "save");
		ok(lseek(fd, 0, SEEK_SET) == 0, "rewind");
		is_int(heal_spawn_result_load(fd, 100, &back), 1, "load: the run");
		ok(back.exited && back.status == 2 && back.signal == 0, "load: exited with status 2");
		ok(back.out.len == sizeof(bin) - 1 && memcmp(back.out.data, bin, back.out.len) == 0,
		   "load: the output's bytes, a NUL and a byte over 127 among them");
		heal_spawn_result_release(&back);
		ok(lseek(fd, 0, SEEK_SET) == 0, "rewind");
		is_int(heal_spawn_result_load(fd, 10, &back), -1, "load: output over max is not taken");
		ok(ftruncate(fd, 30) == 0 && lseek(fd, 0, SEEK_SET) == 0, "cut short");
		is_int(heal_spawn_result_load(fd, 100, &back), -1, "load: a run cut short is not taken");
		ok(ftruncate(fd, 0) == 0 && lseek(fd, 0, SEEK_SET) == 0 &&
		   write(fd, "heal-run 1 1 x 0 0\n", 19) == 19 && lseek(fd, 0, SEEK_SET) == 0,
		   "a header with a word for a number");
		is_int(heal_spawn_result_load(fd, 100, &back), -1, "load: a bad header is not taken");
		ok(ftruncate(fd, 0) == 0 && lseek(fd, 0, SEEK_SET) == 0 &&
		   write(fd, "hello\n", 6) == 6 && lseek(fd, 0, SEEK_SET) == 0, "another file");
		is_int(heal_spawn_result_load(fd, 100, &back), -1, "load: another file is not taken");
		fclose(f);
		heal_spawn_result_release(&in);
	}
	return tap_done();
}
