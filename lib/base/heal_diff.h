/*
 * heal_diff.h - unified diffs of two versions of a file.
 *
 * Line-based (a line keeps its terminator, so a change of line end or of
 * the final newline shows), Myers' O(ND) algorithm on the lines between
 * the common prefix and suffix.  When the two versions differ in more
 * than HEAL_DIFF_MAX_D lines the middle is shown as one replaced block:
 * still a correct diff, only not a minimal one.  The text is the format
 * of `diff -u` and is accepted by `patch -p1`.
 */
#ifndef HEAL_DIFF_H
#define HEAL_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_buf.h"
#include "heal_error.h"

#define HEAL_DIFF_CONTEXT 3
#define HEAL_DIFF_MAX_D 1000

/*
 * Append the unified diff of old -> new to out, with headers
 * "--- a/PATH" and "+++ b/PATH" (old_path or new_path NULL: /dev/null, for
 * a file created or removed).  Identical contents append nothing.  Fails
 * only when out reaches its maximum (HEAL_ERR_LIMIT).
 */
int heal_diff_unified(struct heal_buf *out, const char *old_path,
		      const char *new_path, const char *old, size_t oldlen,
		      const char *new, size_t newlen,
		      struct heal_error *err);

/*
 * The line of the old file that holds line `line` of the new one, by the
 * unified diff d (as heal_diff_unified writes it; the part for "+++ b/file",
 * or "+++ file"): a line the diff added or changed is the line it replaced,
 * the k-th added in a run the k-th removed, else the line before the run
 * (*added set when not NULL); a line outside its hunks moves by their
 * shift; line itself when d is NULL or does not touch file.
 */
size_t heal_diff_old_line(const char *d, const char *file, size_t line, bool *added);

/*
 * The last line of the new file that diff d added or removed lines at for
 * file (0: none), and in *delta the lines it added less those it removed.
 */
size_t heal_diff_last_line(const char *d, const char *file, long *delta);

/*
 * The same, not counting lines the diff only indented anew: a run of
 * removed lines replaced by as many added ones, each the same after its
 * leading blanks (a block moved left or right).
 */
size_t heal_diff_last_text_line(const char *d, const char *file, long *delta);

/* The first line of the new file that diff d added or removed lines at for
 * file (0: none). */
size_t heal_diff_first_line(const char *d, const char *file);

/*
 * Whether line `line` of the new file is, in diff d for file, the one
 * line of a run that replaced one removed line: then the old line's text
 * and the new one's (in d, without their newlines) in *old_text, *new_text.
 */
bool heal_diff_line_pair(const char *d, const char *file, size_t line, const char **old_text,
			 size_t *old_len, const char **new_text, size_t *new_len);

#endif
