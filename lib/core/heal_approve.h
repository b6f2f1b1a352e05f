/*
 * heal_approve.h - governance: which fixes need a person's approval, and
 * asking for it on the terminal.
 *
 * Every fix has a risk: low, medium or high (missing or unknown counts as
 * high).  The policy:
 *   never   approval is never asked for
 *   risky   fixes whose risk is not low need approval (the default)
 *   always  every fix needs approval
 * and the environment HEAL_ENV raises it: staging means at least risky,
 * production means always.  --yes approves whatever needs it.
 *
 * When approval is needed the question goes to /dev/tty (never to stdout,
 * which carries records, nor stdin, which carries input), or to the
 * process that owns the terminal (heal_approve_ask_fd).  Without a
 * terminal, or without an answer in time, the fix is not applied and
 * reported as needs-approval.
 */
#ifndef HEAL_APPROVE_H
#define HEAL_APPROVE_H

#include <signal.h>
#include <stdbool.h>

#include "heal_error.h"

enum heal_approve_policy {
	HEAL_APPROVE_NEVER,
	HEAL_APPROVE_RISKY,
	HEAL_APPROVE_ALWAYS,
};

enum heal_env {
	HEAL_ENV_DEVELOPMENT,
	HEAL_ENV_STAGING,
	HEAL_ENV_PRODUCTION,
};

/* Parse "never|risky|always"; HEAL_ERR_USAGE otherwise. */
int heal_approve_parse(const char *s, enum heal_approve_policy *out,
		       struct heal_error *err);
/* Parse a HEAL_ENV value (NULL or "": development); HEAL_ERR_USAGE. */
int heal_approve_env_parse(const char *s, enum heal_env *out,
			   struct heal_error *err);
/* The policy in force under env. */
enum heal_approve_policy heal_approve_effective(enum heal_approve_policy p,
						enum heal_env env);
/* Whether a fix of this risk ("low", "medium", "high", NULL) needs approval. */
bool heal_approve_needed(enum heal_approve_policy p, const char *risk);

enum heal_answer {
	HEAL_ANSWER_NO_TTY = -1,  /* no terminal to ask on (none, or heal is
				   * not in its foreground: asking would stop) */
	HEAL_ANSWER_NO = 0,
	HEAL_ANSWER_YES = 1,
	HEAL_ANSWER_TIMEOUT = 2,  /* nobody answered in time: not applied */
};

#define HEAL_APPROVE_TIMEOUT_DEFAULT 60.0

/*
 * The state of one person's answers, kept across questions: "a" (yes to
 * all) and "q" (no to all, quit asking) answer every later question
 * without asking.  Caller-owned; heal_approve_prompt_init sets the
 * defaults (timeout HEAL_APPROVE_TIMEOUT_DEFAULT, no cancel flag).
 */
struct heal_approve_prompt {
	double timeout;                        /* seconds to wait for an answer */
	int all;                               /* 0: ask; 1: yes to all; -1: no to all */
	const volatile sig_atomic_t *cancel;   /* nonzero: stop waiting, "no" */
};

void heal_approve_prompt_init(struct heal_approve_prompt *p);

/*
 * Ask on /dev/tty: show detail (the diff or the command, escaped for the
 * terminal), then question and "[y/n/a/q]"; y applies, n (or Enter)
 * declines, a applies this and every later fix, q declines this and every
 * later one.  Nothing is asked (NO_TTY) when there is no terminal or this
 * process is not in its foreground process group, so asking never stops
 * the process.  No answer within the timeout: HEAL_ANSWER_TIMEOUT.  ctx
 * is a struct heal_approve_prompt (NULL: the defaults, nothing kept); the
 * signature is heal_fix's ask callback.
 */
enum heal_answer heal_approve_ask_tty(void *ctx, const char *question,
				      const char *detail);

/*
 * Asking through another process that owns the terminal (heal(1) runs
 * heal-fix in a process group of its own, where reading the terminal
 * would stop it).  The asker writes one JSON line {"question": ...,
 * "detail": ...} to a connected socket and reads one answer line: "y",
 * "n", "t" (timed out) or "-" (no terminal).  ctx points to the int fd.
 * A broken connection is NO_TTY.
 */
enum heal_answer heal_approve_ask_fd(void *ctx, const char *question,
				     const char *detail);

/* Whether fd is an open socket, as heal_approve_ask_fd needs. */
bool heal_approve_fd_usable(int fd);

/*
 * Answer one question read from fd with heal_approve_ask_tty(p).  0 when
 * answered, 1 at end of input (the asker is gone), -1 on a bad request or
 * a broken connection (the caller stops serving fd).
 */
int heal_approve_serve(struct heal_approve_prompt *p, int fd);

#endif
