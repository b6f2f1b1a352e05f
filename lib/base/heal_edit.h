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
 * newlens (may be NULL) receives, for each edit, the bytes its text took
 * in the result (after line-end conversion).  The text of an edit that
 * replaces the whole (non-empty) file is taken as it is, its line ends
 * and final newline included.  On failure out is left as it was.
 */
int heal_edit_apply(const char *old, size_t oldlen,
		    const struct heal_edit *edits, size_t n,
		    struct heal_buf *out, size_t *newlens,
		    struct heal_error *err);

/*
 * Rebasing: an edit computed against a file as it was before some edits
 * were applied to it (by other fixes of one heal-fix run), moved onto the
 * file as it is now.
 *
 * An applied edit, in the offsets of the file before the run, with the
 * bytes its text took in the file (newlen, from heal_edit_apply).
 */
struct heal_edit_done {
	size_t start, end;
	size_t newlen;
	const char *text;         /* the replacement as given (borrowed) */
	size_t len;
	size_t tag;               /* the caller's: which fix applied it */
};

enum heal_edit_rebase {
	HEAL_EDIT_REBASED,        /* e now holds offsets into the current file */
	HEAL_EDIT_DUPLICATE,      /* done[*which] is the same range and text */
	HEAL_EDIT_CONFLICT,       /* e overlaps done[*which], or touches it
				     where the order of the two is ambiguous */
};

/*
 * Rebase e (offsets into the file before done[0..n) were applied) onto
 * cur[0..curlen), the file after them: each offset is shifted by the
 * length change of every applied edit before it.  done must not overlap
 * (edits this function let through never do).  Non-empty ranges may meet
 * end to start.  An insert (start == end) conflicts with an applied edit
 * it touches or falls inside, and an applied insert with an edit that
 * touches or covers it, with one exception: inserts of whole lines (text
 * ending in a line feed) at the start of one line are stacked in the order
 * they are applied.  On HEAL_EDIT_DUPLICATE and HEAL_EDIT_CONFLICT e is
 * unchanged and *which names the applied edit.
 */
enum heal_edit_rebase heal_edit_rebase(const struct heal_edit_done *done,
				       size_t n, const char *cur,
				       size_t curlen, struct heal_edit *e,
				       size_t *which);

#endif
