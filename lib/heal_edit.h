/*
 * heal_edit.h - apply byte-offset text edits to a file's contents.
 *
 * Pure transformation, no I/O: heal_safefile writes the result.  Edits are
 * half-open byte ranges [start, end) of the old contents with replacement
 * text.  The result keeps the file's conventions:
 *   - line endings: in a file whose line ends are mostly "\r\n", a bare
 *     "\n" in replacement text becomes "\r\n"; in a file with no "\r\n" at
 *     all, "\r\n" in replacement text becomes "\n";
 *   - the final-newline state: a file that ended with a line end still
 *     does, a file that did not still does not (an edit cannot add or drop
 *     the last line end by accident).
 * Edits that overlap, fall outside the contents, or split a "\r\n" pair
 * are refused (HEAL_ERR_INPUT) and nothing is produced.
 */
#ifndef HEAL_EDIT_H
#define HEAL_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_buf.h"
#include "heal_error.h"

struct heal_edit {
	size_t start, end;        /* byte offsets, half-open */
	const char *text;         /* borrowed replacement text */
	size_t len;
};

/* Whether the contents' line ends are mostly "\r\n". */
bool heal_edit_is_crlf(const char *data, size_t len);

/*
 * Append to out the result of applying edits[0..n) to old[0..oldlen).
 * The edits may come in any order; inserts at one offset keep theirs.
 * On failure out is left as it was.
 */
int heal_edit_apply(const char *old, size_t oldlen,
		    const struct heal_edit *edits, size_t n,
		    struct heal_buf *out, struct heal_error *err);

#endif
