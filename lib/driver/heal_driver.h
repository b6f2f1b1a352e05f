/*
 * heal_driver.h - the loop behind heal(1).
 *
 * Runs the command in the project root, its output shown to the user and
 * captured.  When it fails, the output goes through the heal programs,
 * connected by pipes:
 *
 *   heal-detect | heal-analyze | heal-fix | heal-validate | heal-log
 *
 * Each attempt is one backup session.  A fix that fails validation is
 * undone by heal-validate and passed over by later attempts (heal-fix
 * --skip), so the next candidate is tried; fixes that pass are kept and
 * the loop goes on with the errors that remain, with exponential backoff
 * between attempts.  When the command does not end in success within the
 * attempts, the fixes kept are progress when the command now reports
 * fewer errors than at the start and none it did not report then (errors
 * compared by file and message): they stay, and what is left is reported
 * with its reason.  Otherwise the newest session is rolled back and the
 * command looked at again, down to none, so a run never ends with an
 * error the start did not have.  With atomic, every kept session is
 * rolled back, newest first, so the project is byte-identical to how it
 * was.  Either way a manual_intervention_required event is logged and the
 * command's status is returned.
 */
#ifndef HEAL_DRIVER_H
#define HEAL_DRIVER_H

#include <stdbool.h>

#include "heal_buf.h"
#include "heal_config.h"
#include "heal_error.h"

/* Progress and summary lines for the user (the tool prints them). */
typedef void (*heal_driver_say_fn)(void *ctx, const char *line);

struct heal_driver_opts {
	const char *root;                 /* NULL: the current directory */
	const char *const *command;       /* argv, NULL-terminated */
	const struct heal_config *cfg;    /* attempts, delays, policy, ... */
	bool yes;                         /* approve every fix */
	bool no_wait;                     /* no backoff delays */
	bool explain;                     /* heal-analyze --explain */
	bool quiet;                       /* no progress lines */
	bool atomic;                      /* all or nothing (heal-validate
					   * --atomic; nothing kept unless
					   * healed) */
	const char *log_file;             /* heal-log --changelog, or NULL */
	int records_fd;                   /* every attempt's records go here
					   * (NDJSON, written whole); -1: none */
	const char *bindir;               /* where the heal programs are; NULL:
					   * beside this executable, else PATH */
	heal_driver_say_fn say;
	void *say_ctx;
	heal_driver_say_fn status;        /* a transient status line (what
					   * runs, for how long, the wait),
					   * replaced about once a second; ""
					   * clears it; NULL: none (off a
					   * terminal).  Gets say_ctx. */
	bool verbose;                     /* say each attempt's pipeline, each
					   * fix and validation, the timings */
};

struct heal_driver_result {
	int exit_status;       /* the command's last status (0: healed) */
	bool healed;           /* it failed first and succeeds now */
	unsigned attempts;
	unsigned applied;      /* fixes applied and kept */
	bool rolled_back;      /* changes were undone at the end */
	bool partial;          /* not healed, proven fixes kept */
};

/*
 * Run the loop.  0 with *res filled (whatever the outcome), -1 when heal
 * itself failed (the command could not be started, a pipe, a rollback).
 */
int heal_driver_run(const struct heal_driver_opts *o,
		    struct heal_driver_result *res, struct heal_error *err);

#endif
