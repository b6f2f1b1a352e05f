/*
 * heal_validate.h - prove applied fixes: syntax checks, a re-run of the
 * command, the project's tests, and a rollback when a fix fails.
 *
 * The engine of heal-validate(1).  Fix records (heal-records(5)) are
 * collected with heal_validate_add, then heal_validate_run:
 *   1. checks the syntax of every changed file with its language's
 *      checkers (heal_check.h: cc/c++ -fsyntax-only when the command was a
 *      direct compiler call, so its flags are known; python3 compile();
 *      bash -n or sh -n, then shellcheck; ...; a missing checker is a
 *      note, not a failure);
 *   2. re-runs the command (the one given, else the `command` the error
 *      records carry) in the project root with the caller's environment,
 *      its output merged and run through heal-detect's engine;
 *   3. decides each applied fix: passed when its error's fingerprint is
 *      gone and no regression appeared, a regression being a new error in
 *      a file the fixes changed (a link error after a compile fix is the
 *      build going further, not a regression); the session is healed when
 *      the command exits 0 (and the --test command too, when given);
 *   4. gives credit where it is due (all applied fixes in one session,
 *      a command, rollback on): when two or more fixes passed, each is
 *      left out in turn (the session's backup restored, the others made
 *      again by heal-fix's engine, the command re-run); a fix whose error
 *      is gone without it too, with no error the full run did not have,
 *      did nothing: it is undone and "skipped" (not counted);
 *   5. keeps progress: the failed fixes are undone, the passing ones stay
 *      when, re-run alone, their errors stay gone and nothing new appears
 *      (else everything is undone); with atomic, or fixes of several
 *      sessions, one failure undoes every fix (heal-fix's rollback);
 *   6. the tests (--test) run on the state that stays, when the command
 *      succeeds: passing tests prove the fixes; failing ones are blamed on
 *      the fixes without which they pass ("failed"), the others are
 *      "unproven" and everything is undone; when the command still fails
 *      the tests cannot run and the fixes are "unproven" (kept: no error
 *      of theirs is left and nothing new appeared).
 */
#ifndef HEAL_VALIDATE_H
#define HEAL_VALIDATE_H

#include <stdbool.h>

#include "heal_error.h"
#include "heal_json.h"
#include "heal_pattern.h"
#include "heal_root.h"

#define HEAL_VALIDATE_OUTPUT_MAX ((size_t)32 << 20)
#define HEAL_VALIDATE_TIMEOUT 600.0

struct heal_validate_opts {
	const struct heal_root *root;             /* borrowed */
	const struct heal_pattern_set *patterns;  /* finished; borrowed */
	/*
	 * When patterns is NULL: called once, when the first output that
	 * is not empty is to be read, for the finished set to read it with
	 * (borrowed; a run whose commands print nothing never loads one).
	 */
	int (*load_patterns)(void *ctx, const struct heal_pattern_set **ps,
			     struct heal_error *err);
	void *load_ctx;
	const char *const *command;   /* argv (NULL-terminated) or NULL */
	const char *const *test;      /* argv (NULL-terminated) or NULL */
	double timeout;               /* seconds per run */
	bool rollback;                /* undo what fails */
	bool atomic;                  /* all or nothing: one failed fix undoes
				       * every fix (default: the passing ones
				       * stay when they hold alone) */
	bool syntax;                  /* run the syntax checks */
	long attempt;                 /* copied to records when > 0 */
	int run_fd;                   /* >= 0: the command's last run, when
				       * the files are left as it saw them,
				       * is saved there at the end
				       * (heal_spawn_result_save); -1: none */
};

void heal_validate_opts_init(struct heal_validate_opts *o);

/* Receives each output record (owned by the callee). */
typedef int (*heal_validate_emit_fn)(void *ctx, struct heal_json *rec,
				     struct heal_error *err);

struct heal_validate;

struct heal_validate *heal_validate_new(const struct heal_validate_opts *o);
/* Accepts NULL. */
void heal_validate_free(struct heal_validate *v);

/* Keep a fix record for validation (ownership passes to v). */
void heal_validate_add(struct heal_validate *v, struct heal_json *fix);

/* What a run found. */
struct heal_validate_summary {
	size_t fixes;        /* fix records */
	size_t applied;      /* of them applied, so validated */
	size_t passed;
	size_t failed;
	size_t unproven;     /* error gone, but the tests did not prove it */
	size_t kept;         /* applied fixes left in place */
	size_t reverted;     /* applied fixes undone */
	bool ran;            /* the command was re-run */
	bool healed;         /* it (and the tests) succeeded */
	bool partial;        /* not healed, proven progress kept */
	bool rolled_back;    /* every applied fix was undone */
};

/*
 * Validate what was added.  Emits, for each fix record in input order,
 * the fix record itself and then its validation record.  -1 on a system
 * error (err set).
 */
int heal_validate_run(struct heal_validate *v, heal_validate_emit_fn emit,
		      void *ctx, struct heal_validate_summary *sum,
		      struct heal_error *err);

/*
 * NULL when a command that came from input (a record, a regression guard)
 * may be re-run on its own, else why not (static text): see
 * heal-validate(1), "a command the records carry".
 */
const char *heal_validate_command_refused(const char *const *argv);

#endif
