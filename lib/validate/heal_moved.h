/*
 * heal_moved.h - errors that moved with the fixes (heal_moved.c).
 *
 * An error's id holds the text of its line, so an error left on a line a
 * fix changed gets a new id: clang's second 'called object type 'float'
 * is not a function' on 'x1(a)-y1(b)' once x1's is fixed, or the 'use of
 * undeclared identifier' that an inserted ';' moved along.  Taken back
 * through the applied fixes' diffs, such an error is at a line where the
 * records before the fixes had the same message: it is that one, moved,
 * not a new one (the repair search judges candidates the same way).
 */
#ifndef HEAL_MOVED_H
#define HEAL_MOVED_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_json.h"

/*
 * The line of the file before fix record fix's diff that holds line
 * `line` of the file after it (a changed line: the one it replaced, in
 * order; an added line: the line before it); line itself when the diff
 * does not touch file.
 */
size_t heal_moved_line(const struct heal_json *fix, const char *file, size_t line);

/* The line of file before every applied fix among fixes[0..n)
 * (applied[i]) that holds line `line` after them, the last applied taken
 * back first. */
size_t heal_moved_back(const struct heal_json *const *fixes, const bool *applied,
		       size_t n, const char *file, size_t line);

/* How many times the error records embedded in fixes[0..n) (each record
 * once, by its id, with its "count") had message at line `at` of file. */
size_t heal_moved_count_before(const struct heal_json *const *fixes, size_t n,
			       const char *file, size_t at, const char *message);

/* How many times the error records recs[0..nrecs) of the re-run have
 * message in file at a line that heal_moved_back takes to `at`. */
size_t heal_moved_count_after(const struct heal_json *const *fixes, const bool *applied,
			      size_t n, struct heal_json *const *recs, size_t nrecs,
			      const char *file, size_t at, const char *message);

/*
 * Whether re-run record r (an error no record had by its id) is one the
 * records had at the line the applied fixes' diffs take it back to: the
 * same message there, no more times than they had it.  Moved with an
 * edit of its line, not new.
 */
bool heal_moved_known(const struct heal_json *const *fixes, const bool *applied, size_t n,
		      struct heal_json *const *recs, size_t nrecs, const struct heal_json *r);

/* Whether a fix's error record e is still reported by the re-run's
 * records after its line changed: its message at its line, taken back,
 * as many times as before. */
bool heal_moved_still(const struct heal_json *const *fixes, const bool *applied, size_t n,
		      struct heal_json *const *recs, size_t nrecs, const struct heal_json *e);

/*
 * Whether error e (of the fixes' records, its id eid) is among recs by its
 * id: a record with that id, unless it is at another line of the file as
 * it was (its line taken back through the applied fixes).  An id is the
 * error's message and the text of its line; the same text at another line
 * ('else' without its ':' twice) is another error.
 */
bool heal_moved_same_id(struct heal_json *const *recs, size_t nrecs, const char *eid,
			const struct heal_json *const *fixes, const bool *applied, size_t n,
			const struct heal_json *e);

#endif
