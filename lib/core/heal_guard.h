/*
 * heal_guard.h - regression guards: what a healed failure leaves behind.
 *
 * When a command heal healed succeeds again, heal-log appends one guard to
 * .heal/regressions.ndjson beneath the root, one JSON object a line:
 *
 *   {"v":1,"kind":"guard","id":"16 hex","command":["make"],"cwd":".",
 *    "fixed":[{"fingerprint":"16 hex","fix_id":"c.x.1","rule":"c.x",
 *              "file":"main.c","message":"..."}],
 *    "date":"2026-11-23T11:00:00Z","heal_version":"0.1.0","run":"..."}
 *
 * command is the argv heal-validate re-ran (never a shell string), cwd the
 * directory it ran in relative to the root ("." for the root), fixed the
 * error fingerprints (heal-records(5) "id") the healing removed with the
 * fix that removed each.  id is a digest of command, cwd and the sorted
 * fingerprints: the same healing guarded twice is one guard.
 *
 * The file is written the changelog's way: opened beneath the root with
 * O_APPEND (never through a link), under an exclusive flock(2), a missing
 * newline after a torn last line added first, fsync'ed.  Readers skip a
 * line that is not a valid guard and count it.  heal-validate
 * --regressions re-runs each distinct (command, cwd) once and reports a
 * fingerprint that is back (heal_regress.h).
 */
#ifndef HEAL_GUARD_H
#define HEAL_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "heal_error.h"
#include "heal_json.h"
#include "heal_root.h"

#define HEAL_GUARD_FILE ".heal/regressions.ndjson"
/* Largest regressions.ndjson read; longest line; most guards kept. */
#define HEAL_GUARD_MAX_FILE (32u << 20)
#define HEAL_GUARD_LINE_MAX (1u << 20)
#define HEAL_GUARD_MAX 100000
/* Most fingerprints of one guard, words of its command. */
#define HEAL_GUARD_MAX_FIXED 1000
#define HEAL_GUARD_MAX_ARGS 256
/* Seconds an append waits for the file's lock. */
#define HEAL_GUARD_LOCK_WAIT 30

struct heal_guards {
	struct heal_json **v;   /* valid guard objects, file order; owned */
	size_t n, cap;
	size_t skipped;         /* lines that were not valid guards */
};

void heal_guards_init(struct heal_guards *g);
void heal_guards_release(struct heal_guards *g);

/*
 * Read HEAL_GUARD_FILE beneath root into g (appended).  A missing file is
 * no guards.  -1 with err set when it exists and cannot be read (a link,
 * not a regular file, over HEAL_GUARD_MAX_FILE, an I/O error).
 */
int heal_guards_load(struct heal_guards *g, const struct heal_root *root,
		     struct heal_error *err);

/*
 * Whether obj is a valid guard (the shape above; command words and cwd
 * without NUL or control characters, cwd "." or a canonical relative
 * path).  On false err (may be NULL) says why.
 */
bool heal_guard_valid(const struct heal_json *obj, struct heal_error *err);

/* The command of a valid guard as a NULL-terminated argv (caller frees the
 * array only: the words are borrowed from obj). */
const char **heal_guard_argv(const struct heal_json *obj);

/*
 * A new guard (owned by the caller) for command (a JSON array of strings,
 * borrowed) run in cwd, fixing the objects of fixed (an array of
 * {fingerprint, fix_id, rule, file, message}, borrowed), at time now in
 * run (may be NULL).  NULL when the arguments do not make a valid guard.
 */
struct heal_json *heal_guard_new(const struct heal_json *command,
				 const char *cwd, const struct heal_json *fixed,
				 time_t now, const char *run);

/* t as RFC 3339 UTC, "2026-11-23T11:00:00Z", into out[21]. */
void heal_guard_time(time_t t, char out[21]);

/*
 * Append guard to HEAL_GUARD_FILE beneath root unless a guard with its id
 * is there already (*added says which; may be NULL).  Creates .heal.
 */
int heal_guard_append(const struct heal_root *root, const struct heal_json *guard,
		      bool *added, struct heal_error *err);

#endif
