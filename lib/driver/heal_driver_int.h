/*
 * heal_driver_int.h - what the heal loop's files share: the loop's state
 * and a few of its steps.  Private to lib/driver/ (heal_driver.c runs the
 * attempts, heal_driver_progress.c weighs what is kept when the command
 * still fails).
 */
#ifndef HEAL_DRIVER_INT_H
#define HEAL_DRIVER_INT_H

#include <limits.h>
#include <stdbool.h>

#include "heal_approve.h"
#include "heal_buf.h"
#include "heal_check.h"
#include "heal_driver.h"
#include "heal_json.h"
#include "heal_spawn.h"
#include "heal_strv.h"

/* Attempts whose every fix proved itself that do not count against
 * --max-attempts, at most (a file with many errors that a checker shows
 * one a run). */
#define HEAL_PROGRESS_ATTEMPTS 20

struct loop {
	const struct heal_driver_opts *o;
	char root[PATH_MAX];
	char bindir[PATH_MAX];        /* "" when the programs come from PATH */
	char run_id[64];
	char **env;                   /* command_env + HEAL_RUN + HEAL_ATTEMPT */
	char **cmd_env;               /* command_env: the command's */
	struct heal_strv skips;            /* "error_id/fix_id" that failed */
	/* this attempt's failed fixes: their files and skip keys, side by
	 * side; fixes of a file that failed together are tried again one
	 * a file (one_per_file) instead of being skipped */
	struct heal_strv failed_files, failed_keys;
	bool one_per_file;            /* the next attempt's heal-fix too */
	struct heal_strv sessions;         /* kept, oldest first */
	unsigned *session_kept;       /* fixes each of them keeps */
	struct heal_json **session_fixes; /* and those fix records, an array
				       * each, in the order applied */
	struct heal_json *attempt_fixes;  /* this attempt's kept fix records */
	struct heal_strv tried;            /* lines for the summary */
	struct heal_strv why;              /* "ERROR_ID reason" of fixes that did
				       * not pass, newest last */
	unsigned applied_kept;
	/* reading errors from the command's output, for progress */
	struct heal_root proot;
	bool proot_open;
	struct heal_pattern_set ps;
	bool ps_loaded;
	struct heal_strv start_keys;       /* the errors at the start */
	bool keys_all;                     /* the start had no error, only
					    * warnings or notes (a linter failing
					    * on them): every severity counts */
	bool start_unparsed;               /* and each was a syntax error of a
					    * file its language parses whole
					    * before it runs: the program never
					    * ran */
	bool start_stopped;                /* or each was the uncaught error that
					    * ended the run (heal_lang's
					    * run_stoppers; not a script's) */
	struct heal_approve_prompt prompt; /* the person's answers, kept
					    * across attempts ("a", "q") */
	unsigned attempt;             /* the attempt running */
	unsigned max;                 /* of max_attempts */
	char phase[256];              /* what runs, for the status line */
	struct heal_buf scratch;      /* a line being built */
	struct heal_json *tried_json; /* every fix tried, with its outcome,
				       * for the escalation event */
	struct heal_spawn_result next;  /* the attempt's last run of the
				       * command, on the files it leaves
				       * (heal-validate --run-fd) */
	bool have_next;
};

/* A line for the person (the say callback), printf-style. */
void heal_driver_say(const struct loop *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Run the command once (its output shown when show); -1 with err when it
 * cannot be started. */
int heal_driver_run_command(struct loop *l, bool show, struct heal_spawn_result *res,
			    struct heal_error *err);
/* A run's exit status as a shell gives it (128 + a signal). */
int heal_driver_status_of(const struct heal_spawn_result *r);
/* Whether a signal asked heal to stop. */
bool heal_driver_interrupted(void);

/* ---- heal_driver_progress.c ---- */

/*
 * The records heal-detect's engine reads in a run's output (the
 * project's root and heal's patterns, opened on first use); -1 with err.
 */
int heal_driver_read_errors(struct loop *l, const struct heal_buf *out,
			    struct heal_check_errors *e, struct heal_error *err);

/*
 * The errors in a run's output, as "FILE\nMESSAGE" keys (errors and fatal
 * ones, or of no severity; lines shift as fixes land), for the summary
 * "FILE:LINE: MESSAGE\tID" lines (lines may be NULL), and the records
 * themselves in *kept (may be NULL; released by the caller).
 */
int heal_driver_error_keys(struct loop *l, const struct heal_buf *out,
			   struct heal_strv *keys, struct heal_strv *lines,
			   struct heal_check_errors *kept, struct heal_error *err);

/*
 * Whether errs holds an error (of the severities the keys count) that is
 * a syntax error of a file whose language parses it whole before it runs
 * (heal_lang's parsed_whole); *all (when all is not NULL): whether every
 * one of them is, and there is one.
 */
bool heal_driver_unparsed(struct loop *l, const struct heal_check_errors *errs,
			  bool *all);

/*
 * Whether every error of errs (of the severities the keys count; there is
 * one) is the uncaught error that ended its program's run: a record of
 * its file's interpreter (heal_lang's run_stoppers), at a line of a file,
 * of a language whose run the first such error ends (not a shell's).
 */
bool heal_driver_run_stopped(struct loop *l, const struct heal_check_errors *errs);

/*
 * Not healed: the fixes kept are progress when the command now reports
 * fewer errors than at the start, none it did not report then, and no
 * error on a line a kept fix wrote; or when the program, which its
 * syntax errors kept from running, now runs (its errors now are of run
 * time, none on a line a kept fix wrote).  Else the newest change set is undone
 * and the command looked at again, down to none.  *status gets the
 * command's last status; *healed when it succeeds.
 */
int heal_driver_keep_progress(struct loop *l, int *status, bool *healed,
			      struct heal_error *err);

/* ---- heal_driver_consult.c ---- */

/*
 * The second opinions on the files of the run's errors
 * (heal_check_consult), then the run's output, in *out (initialized
 * here; the caller releases it); false, *out empty, when none adds
 * anything.
 */
bool heal_driver_consult(struct loop *l, const struct heal_buf *run_out,
			 struct heal_buf *out);

#endif
