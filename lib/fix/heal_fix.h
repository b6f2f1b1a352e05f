/*
 * heal_fix.h - apply candidate fixes from analyzed error records.
 *
 * The engine of heal-fix(1).  Work goes in three steps so that every file
 * a run will touch is backed up before the first change:
 *   1. heal_fix_plan() for each error record: choose the candidate (the
 *      first, in rank order, whose confidence reaches the threshold, or
 *      the one named by fix_id), check it (paths inside the root and not
 *      protected, files editable, command allowed) and note its files;
 *   2. heal_fix_begin(): take the project lock, clean temporary files a
 *      killed run left, and save the backup set (nothing of this under
 *      dry_run, which writes nothing anywhere);
 *   3. heal_fix_apply() for each error record, in input order: check the
 *      pre-images, ask for approval when the policy wants it, write every
 *      file of the fix (all or nothing: a failure puts back the files
 *      already written), chmod, run the command, and return the fix record;
 *   4. heal_fix_finish(): fsync each directory written in, once, then
 *      release the lock.  The run has succeeded only after it.
 *
 * Several fixes of one run for one file: each was computed against the
 * file as it was before the run.  The engine keeps, per file, the digest
 * from before its own first change and the edits it has applied since; a
 * later fix with that digest is rebased (heal_edit_rebase): its offsets
 * are moved past the length changes of the edits before them.  An edit
 * that overlaps an applied one, or meets it where the order is ambiguous,
 * refuses the fix ("conflicts with fix X of error Y applied in this run");
 * an edit identical to an applied one (same range and text) is already
 * done: a fix with nothing else left is "applied" with the reason "already
 * applied by fix X of error Y in this run" and changes nothing.  A file
 * changed by anyone else during the run is stale.  Under dry_run the same
 * happens against the contents the run would have made, so the diffs
 * compose.
 */
#ifndef HEAL_FIX_H
#define HEAL_FIX_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_approve.h"
#include "heal_error.h"
#include "heal_json.h"

#define HEAL_FIX_MIN_CONFIDENCE 0.85
#define HEAL_FIX_COMMAND_TIMEOUT 600.0

/* Asked when a fix needs approval; see heal_approve_ask_tty. */
typedef enum heal_answer (*heal_fix_ask_fn)(void *ctx, const char *question,
					    const char *detail);

struct heal_fix_opts {
	const char *root;              /* NULL: the current directory */
	bool dry_run;
	double min_confidence;
	enum heal_approve_policy approve;
	enum heal_env env;
	bool yes;
	const char *session;           /* NULL: a new id */
	const char *fix_id;            /* apply this candidate, any confidence */
	const char *const *skip;       /* candidates never to choose:
					* "ERROR_ID/FIX_ID", or "FIX_ID" for
					* every error (the driver's failed
					* attempts) */
	size_t nskip;
	bool one_per_file;             /* a file gets the first fix planned
					* for it, the others wait (skipped) */
	const char *const *protect;    /* extra protected paths */
	size_t nprotect;
	const char *const *allow;      /* extra allowed programs */
	size_t nallow;
	double command_timeout;
	double lock_wait;
	heal_fix_ask_fn ask;           /* NULL: never ask (needs-approval) */
	void *ask_ctx;
};

void heal_fix_opts_init(struct heal_fix_opts *o);

struct heal_fix;

/* A new engine (owned, heal_fix_free); opens the root.  NULL on error. */
struct heal_fix *heal_fix_new(const struct heal_fix_opts *o,
			      struct heal_error *err);
/* Releases the lock if held.  Accepts NULL. */
void heal_fix_free(struct heal_fix *f);

/* The session id in use (owned by f). */
const char *heal_fix_session(const struct heal_fix *f);

/*
 * Plan an error record (borrowed: it must stay alive and unchanged until
 * heal_fix_apply is given it).  Returns the plan's index.
 */
size_t heal_fix_plan(struct heal_fix *f, const struct heal_json *rec);

/*
 * Lock, recover and back up.  On failure the error is returned (BUSY when
 * another run holds the lock) and every later heal_fix_apply reports the
 * fix as failed with that reason.
 */
int heal_fix_begin(struct heal_fix *f, struct heal_error *err);

/*
 * Apply plan idx, whose record rec (the one given to heal_fix_plan) is
 * taken over and embedded as "error".  Returns the fix record (owned by
 * the caller).
 */
struct heal_json *heal_fix_apply(struct heal_fix *f, size_t idx,
				 struct heal_json *rec);

/*
 * Make the run's changes durable and end it: fsync every directory a file
 * was replaced in (once each), drop the temporary-file journal, release
 * the lock.  If a directory cannot be synced, every fix record among
 * recs[0..n) (borrowed; NULL entries and other kinds are skipped) with
 * status "applied" that changed a file in it gets status "failed" and a
 * reason saying the change is made but may not survive a crash; the
 * error is returned.
 */
int heal_fix_finish(struct heal_fix *f, struct heal_json *const *recs,
		    size_t n, struct heal_error *err);

/* Release the lock (best-effort sync first); heal_fix_free calls it. */
void heal_fix_end(struct heal_fix *f);

/*
 * What the run amounts to: HEAL_OK when every fix was applied (or shown
 * under dry_run), HEAL_ERR_REFUSED when some was not, HEAL_ERR_IO when
 * one failed on a system error, HEAL_ERR_BUSY when the lock was not had.
 */
enum heal_err heal_fix_outcome(const struct heal_fix *f);

/*
 * Restore a session's backup set (heal_backup_restore) under the lock.
 */
int heal_fix_rollback(struct heal_fix *f, const char *session,
		      size_t *restored, struct heal_error *err);

#endif
