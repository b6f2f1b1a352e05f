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

#endif
