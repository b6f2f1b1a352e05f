/*
 * heal_changelog.h - the append-only audit changelog.
 *
 * The changelog is NDJSON: one event record (heal-records(5), kind
 * "event") per line, in the order the events happened.  Each line has the
 * same members in the same order:
 *
 *   v, kind, event, time, incident, run, from, environment, file_path,
 *   line_number, column, error_type, code, severity, analysis_severity,
 *   error_message, rule, fix_id, fix_description, fix_reasoning, status,
 *   reason, validation_result, session, backup, attempt_number
 *
 * (see heal-log(1) for what each holds).  Text fields are cut to
 * HEAL_CHANGELOG_FIELD_MAX bytes; the JSON encoding escapes every control
 * character, so no input can forge a line.
 *
 * Writers append with O_APPEND under an exclusive flock(2), so parallel
 * pipelines never interleave.  A crash can leave at most a truncated last
 * line: every reader skips a line that does not parse, and an append first
 * checks the last byte and adds the missing newline, so the next event
 * never glues onto the torn one.
 */
#ifndef HEAL_CHANGELOG_H
#define HEAL_CHANGELOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "heal_buf.h"
#include "heal_error.h"
#include "heal_json.h"
#include "heal_strmap.h"
#include "heal_root.h"

#define HEAL_CHANGELOG_DIR ".heal"
#define HEAL_CHANGELOG_FILE "changelog.ndjson"
/* Bytes kept of one text field of an event. */
#define HEAL_CHANGELOG_FIELD_MAX 4096
/*
 * Entries kept of an escalation's command and list of fixes tried, and the
 * bytes kept of each of their strings: an event line stays well under the
 * readers' 1 MiB line cap.
 */
#define HEAL_CHANGELOG_LIST_MAX 64
#define HEAL_CHANGELOG_ITEM_MAX 1024
/* Longest changelog line a reader accepts. */
#define HEAL_CHANGELOG_LINE_MAX (1u << 20)
/* Longest run id. */
#define HEAL_CHANGELOG_RUN_MAX 128
/* Seconds an append waits for the lock before HEAL_ERR_BUSY. */
#define HEAL_CHANGELOG_LOCK_WAIT 30

enum heal_changelog_mode {
	HEAL_CHANGELOG_READ,
	HEAL_CHANGELOG_APPEND,
};

struct heal_changelog {
	int fd;            /* -1: not open (a missing changelog reads as empty) */
	char *name;        /* the path, escaped, for messages; owned */
	int locked;        /* depth of heal_changelog_lock calls */
};

/*
 * Open the changelog.  file is an explicit path (--changelog), used as
 * given.  When file is NULL: dir/changelog.ndjson when dir is not NULL (the
 * configured log directory, used as given; APPEND creates it), else
 * .heal/changelog.ndjson beneath root, opened with heal_root_openat (APPEND
 * creates .heal; a symlinked changelog is refused).  READ of a missing
 * changelog succeeds with fd -1.  On failure returns -1 with err set.
 */
int heal_changelog_open(struct heal_changelog *cl, const struct heal_root *root,
			const char *file, const char *dir,
			enum heal_changelog_mode mode, struct heal_error *err);
/* Close; accepts NULL and a changelog that was never opened. */
void heal_changelog_close(struct heal_changelog *cl);

/*
 * Take the changelog's flock (exclusive or shared), waiting at most
 * HEAL_CHANGELOG_LOCK_WAIT seconds (then HEAL_ERR_BUSY).  Calls nest: only
 * the outermost lock and unlock touch the file.  A no-op when not open.
 */
int heal_changelog_lock(struct heal_changelog *cl, bool exclusive,
			struct heal_error *err);
void heal_changelog_unlock(struct heal_changelog *cl);

/*
 * Append data[0..len), whole lines each ending in "\n", under the
 * exclusive lock (taken here unless already held), after adding a newline
 * when the file's last byte is not one.
 */
int heal_changelog_append(struct heal_changelog *cl, const char *data,
			  size_t len, struct heal_error *err);

/*
 * Serialize every event of the array events as one line each and append
 * them in one write.
 */
int heal_changelog_append_events(struct heal_changelog *cl,
				 const struct heal_json *events,
				 struct heal_error *err);

/*
 * Called for each event read; the event is borrowed.  Return 0 to go on,
 * -1 (with err set) to stop.
 */
typedef int (*heal_changelog_fn)(void *ctx, const struct heal_json *event,
				 struct heal_error *err);

/*
 * Read the changelog from the start to its size when the call began,
 * under a shared lock (unless a lock is held), calling fn for each event.
 * A line that is not a valid event record (torn by a crash, corrupt, not
 * kind "event") is skipped and counted in *skipped (may be NULL).
 */
int heal_changelog_read(struct heal_changelog *cl, heal_changelog_fn fn,
			void *ctx, size_t *skipped, struct heal_error *err);

/*
 * Write the whole changelog as one JSON document:
 *   {"metadata":{"created":TIME,"version":VERSION},"incidents":[EVENT,...]}
 * created is the time of the first event (now when there is none); the
 * incidents are the valid events as they are stored, one per line.
 */
int heal_changelog_export(struct heal_changelog *cl, FILE *out,
			  size_t *skipped, struct heal_error *err);

/*
 * The events a record gives, appended to the array events as new objects
 * (in the changelog's member order); returns how many.
 *   error:      error_detected; analysis_complete when it has an analysis;
 *               fix_generated when its fixes are not empty
 *   fix:        applied -> fix_applied; failed, refused -> fix_failed;
 *               needs-approval -> manual_intervention_required
 *   validation: passed -> fix_validated, failed -> fix_failed; then
 *               rollback_performed when rolled_back, healing_complete
 *               when healed, else healing_partial when the run kept
 *               proven progress and this fix is part of it (passed or
 *               unproven, not rolled back)
 *   event:      the event itself, normalised to the changelog's members
 *               (its time, run and from kept when valid)
 * The record must have passed heal_record_check.  run is the run id of
 * events that have none; now their time.  seen (may be NULL) holds the
 * ids of the error records already logged by this process: a fix record
 * whose embedded error is not among them logs that error's events first
 * (error_detected, analysis_complete, fix_generated), since in a pipeline
 * heal-fix turns error records into fix records before heal-log sees them.
 */
size_t heal_changelog_events(const struct heal_json *rec, const char *run,
			     time_t now, struct heal_json *events,
			     struct heal_strmap *seen);

/* Format t as RFC 3339 UTC, "2026-11-22T13:09:00Z", into out[21]. */
void heal_changelog_time(time_t t, char out[21]);
/*
 * Parse an RFC 3339 date-time (fraction and offset allowed) into *out, the
 * seconds since the epoch.  Returns 0, or -1 when s is not one.
 */
int heal_changelog_parse_time(const char *s, time_t *out);

/*
 * The run id for this process: given when not NULL, else $HEAL_RUN when
 * set, else one made from the time and the process id.  A given id must
 * be 1 to HEAL_CHANGELOG_RUN_MAX bytes without control characters
 * (HEAL_ERR_USAGE).  Owned by the caller.
 */
char *heal_changelog_run_id(const char *given, time_t now,
			    struct heal_error *err);

#endif
