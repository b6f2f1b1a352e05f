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
 * which carries records, nor stdin, which carries input).  Without a
 * terminal the fix is not applied and reported as needs-approval.
 */
#ifndef HEAL_APPROVE_H
#define HEAL_APPROVE_H

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
	HEAL_ANSWER_NO_TTY = -1,  /* no terminal to ask on */
	HEAL_ANSWER_NO = 0,
	HEAL_ANSWER_YES = 1,
};

/*
 * Ask on /dev/tty: show detail (the diff or the command, escaped for the
 * terminal), then question and "[y/N]".  ctx is unused; the signature is
 * heal_fix's ask callback.
 */
enum heal_answer heal_approve_ask_tty(void *ctx, const char *question,
				      const char *detail);

#endif
