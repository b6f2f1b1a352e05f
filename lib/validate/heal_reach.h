/*
 * heal_reach.h - errors the fixes let a checker reach (heal_reach.c):
 * a checker that stops at a file's first error (Python's compile(),
 * sh -n) shows the next one only once a fix removes the first.
 */
#ifndef HEAL_REACH_H
#define HEAL_REACH_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_check.h"
#include "heal_json.h"

/* Largest file read to check an error past the fixes. */
#define HEAL_REACH_FILE_MAX (8u << 20)

/*
 * Whether error record r, new in co->file after the applied fixes among
 * fixes[0..n), is one the file's first-error-only checker reaches only
 * now: past the last line the fixes' diffs changed (plus the lines they
 * added or removed), and there without the lines before it
 * (heal_check_revealed); false when it cannot be shown.
 */
bool heal_reach_record(const struct heal_check_opts *co, const struct heal_json *r,
		       const struct heal_json *const *fixes, size_t n);

/*
 * Whether error record r, new on the re-run, is one the program raised at
 * run time that it could not reach before: an applied fix among
 * fixes[0..n) removed a syntax error of a file whose language parses a
 * file whole before it runs it (heal_lang's parsed_whole: the program
 * never ran), or the error that ended its run (heal_lang's run_stoppers:
 * Python's uncaught exception, a script's failed command under set -e;
 * the run was the same up to that line and stopped there), and r is no
 * syntax error, at a place (file and line)
 * none of the fixes changed.  Such an error was in the program all along
 * (Python's EOFError from input() once an "expected ':'" is fixed; a
 * second misspelled name after the first).
 */
bool heal_reach_run(const struct heal_root *root, const struct heal_json *r,
		    const struct heal_json *const *fixes, size_t n);

/*
 * Whether every error of failing check step s of co->file is known
 * (co->known) or one the fixes let its checker reach, and one at least is
 * the latter: the step is no failure of the fixes.
 */
bool heal_reach_step(const struct heal_check_opts *co, const struct heal_check_step *s,
		     const struct heal_json *const *fixes, size_t n);

#endif
