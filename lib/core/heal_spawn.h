/*
 * heal_spawn.h - the one place that runs programs.
 *
 * posix_spawn with an argv, never a shell: no string is ever split or
 * interpreted.  The child gets
 *   - an environment built from an allow-list of names (NAME or a PREFIX*
 *     pattern); a deny-list (LD_*, PIP_*, TF_CLI_ARGS*, NODE_OPTIONS, ...)
 *     wins over any allow-list, so a variable that changes what a program
 *     loads or does can never reach it;
 *   - its own process group (POSIX_SPAWN_SETPGROUP), default signal
 *     dispositions and an empty signal mask;
 *   - stdin on /dev/null; stdout and stderr captured separately (each up
 *     to max_output bytes, the rest read and dropped), inherited, or on
 *     /dev/null;
 *   - a timeout: SIGTERM to the whole group, then SIGKILL after a grace
 *     period.  When the child exits, what is left of its group (a
 *     daemon it forked) is killed too unless keep_group is set.  A process
 *     that leaves the group with setsid() escapes this; run untrusted
 *     programs in a container.
 *
 * Used by heal-fix for allow-listed commands, and meant for heal-validate
 * and the heal driver to run the user's build and checkers.
 */
#ifndef HEAL_SPAWN_H
#define HEAL_SPAWN_H

#include <stdbool.h>
#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

#include "heal_buf.h"
#include "heal_error.h"

enum heal_spawn_io {
	HEAL_SPAWN_NULL,       /* /dev/null */
	HEAL_SPAWN_CAPTURE,    /* into the result, up to max_output */
	HEAL_SPAWN_INHERIT,    /* the caller's stream */
	HEAL_SPAWN_TEE,        /* captured, and copied to the caller's stream */
};

struct heal_spawn_opts {
	const char *const *argv;      /* argv[0] without '/' is found in PATH */
	const char *cwd;              /* NULL: the caller's */
	char *const *env;             /* the whole environment; NULL: built
				       * from ours with the default lists */
	double timeout;               /* seconds, 0: none */
	double grace;                 /* seconds from SIGTERM to SIGKILL */
	enum heal_spawn_io out, err;
	size_t max_output;            /* bytes kept per captured stream */
	bool keep_group;              /* leave the group alive after exit */
	bool merge;                   /* stderr captured into `out` too: with
				       * both streams CAPTURE, one pipe carries
				       * both in their exact order (`err` stays
				       * empty); with TEE, in the order the two
				       * pipes are read (`err` gets it too) */
	int stdin_fd;                 /* the child's stdin; -1: /dev/null */
	const volatile sig_atomic_t *cancel; /* once nonzero (a signal
				       * handler sets it): SIGTERM to the
				       * group, SIGKILL after the grace */
	int pass_fd;                  /* becomes the child's fd 3 (it must be
				       * above 3); -1: none */
	int serve_fd;                 /* while waiting, when this fd (the
				       * caller's) is readable serve() is
				       * called; nonzero from it: stop
				       * watching the fd; -1: none */
	int (*serve)(void *ctx, int fd);
	void *serve_ctx;
	void (*tick)(void *ctx, double seconds); /* while waiting, about once
				       * a second: the seconds since the start
				       * (a progress line); NULL: none */
	void *tick_ctx;
};

#define HEAL_SPAWN_OUTPUT_DEFAULT (64u * 1024)

/*
 * Defaults: no timeout, 2 s grace, both streams captured, 64 KiB each,
 * stdin on /dev/null, no fd passed or served.
 */
void heal_spawn_opts_init(struct heal_spawn_opts *o);

struct heal_spawn_result {
	pid_t pid;
	bool exited;          /* exited normally: status is the exit code */
	int status;
	int signal;           /* the signal that ended it, or 0 */
	bool timed_out;
	struct heal_buf out, err;
	bool out_truncated, err_truncated;
	double seconds;
};

/*
 * Run and wait.  0 when the program ran (whatever its exit status; look at
 * res), -1 when it could not be started (HEAL_ERR_IO, e.g. not found) or
 * waiting failed.  res is always initialised; release it.
 */
int heal_spawn_run(const struct heal_spawn_opts *o,
		   struct heal_spawn_result *res, struct heal_error *err);
void heal_spawn_result_release(struct heal_spawn_result *res);

/*
 * A finished run handed from one heal program to another (heal-validate's
 * last run of the command, to heal(1), which reads the next errors in it
 * instead of running the command once more): a line "heal-run 1 EXITED
 * STATUS SIGNAL LEN", then the LEN bytes of its merged output.  Only a
 * run that ended by itself with its whole output is handed on.
 * Save: 0, or -1 with errno set.  Load (from fd's offset, at most max
 * bytes of output): 1 with res filled (release it), 0 when fd holds
 * nothing, -1 when it holds something else or is cut short.
 */
int heal_spawn_result_save(int fd, const struct heal_spawn_result *res);
int heal_spawn_result_load(int fd, size_t max, struct heal_spawn_result *res);

/*
 * Run stages[0] | stages[1] | ... | stages[n-1]: each stage's stdout feeds
 * the next one's stdin (the first reads stages[0].stdin_fd); the last
 * stage's stdout and every stage's stderr are handled as its options say
 * (a middle stage's `out` is ignored).  All stages share one process group
 * and the first stage's timeout, cancel flag, serve_fd and tick apply to
 * the whole pipeline.  res gets
 * the last stage's output and status; statuses[i] (when not NULL) each
 * stage's exit status, 128+signal when killed, or -1 when not started.
 */
int heal_spawn_pipeline(const struct heal_spawn_opts *stages, size_t n,
			struct heal_spawn_result *res, int *statuses,
			struct heal_error *err);

/*
 * The path of the executable a program name runs: the name itself when it
 * holds a '/', else the first regular executable file of that name in
 * PATH (/usr/local/bin:/usr/bin:/bin without one).  A new string, or NULL
 * (errno says why).
 */
char *heal_spawn_find_program(const char *name);

/*
 * A command given by the user as one string: a JSON array of strings
 * ('["make", "-C", "src"]'), or else words split at blanks (no quoting,
 * no expansion: never a shell).  A new NULL-terminated argv owned by the
 * caller (heal_spawn_argv_free), or NULL with HEAL_ERR_USAGE.
 */
char **heal_spawn_argv_parse(const char *s, struct heal_error *err);
void heal_spawn_argv_free(char **argv);

/* The default allow-list and the deny-list (NULL-terminated patterns). */
extern const char *const heal_spawn_env_allow_default[];
extern const char *const heal_spawn_env_deny[];

/* Whether NAME (up to '=' or NUL) matches a pattern list. */
bool heal_spawn_env_match(const char *const *patterns, const char *name);

/*
 * A new environment: the entries of from ("NAME=value") whose name the
 * allow-list (NULL: the default) matches and the deny-list does not, then
 * extra entries (also deny-checked).  Owned by the caller: free with
 * heal_spawn_env_free.
 */
char **heal_spawn_env_build(char *const *from, const char *const *allow,
			    const char *const *extra);
void heal_spawn_env_free(char **env);

/* "exited with status 2", "killed by signal 9", "timed out after 5 s". */
void heal_spawn_describe(const struct heal_spawn_result *res,
			 struct heal_buf *out);

#endif
