/*
 * heal_fixrec.h - what a fix record (heal-records(5), kind "fix") says
 * about the fix it made, for heal-validate's decisions.  Records are
 * borrowed; nothing here changes one.
 */
#ifndef HEAL_FIXREC_H
#define HEAL_FIXREC_H

#include <stdbool.h>

#include "heal_json.h"

bool heal_fixrec_applied(const struct heal_json *fix);
/* The error record it embeds, or NULL. */
const struct heal_json *heal_fixrec_error(const struct heal_json *fix);
/* The candidate it applied (by fix_id, among its error's fixes), or NULL. */
const struct heal_json *heal_fixrec_candidate(const struct heal_json *fix);
/* Applied, changed files and ran no command: it can be undone alone (a
 * restore) and made again. */
bool heal_fixrec_replayable(const struct heal_json *fix);
/* Applied, and its candidate changes files (edits, chmod, mkdir). */
bool heal_fixrec_changes(const struct heal_json *fix);
/* d changed no file itself ("already applied by fix X") and each of its
 * edits is one of c's. */
bool heal_fixrec_duplicate_of(const struct heal_json *d, const struct heal_json *c);
/* A new error record: the fix's error with its one candidate, to make
 * again (its command, which ran once, dropped; confidence 1). */
struct heal_json *heal_fixrec_replay_record(const struct heal_json *fix);

#endif
