/*
 * heal_fingerprint.h - stable error ids.
 *
 * An id is the first 8 bytes (16 lower-case hex digits) of SHA-256 over
 * the tool, the code, the normalised message, the project-relative file
 * and the normalised text of the source line the error points at (when the
 * file could be read).  The line number and any absolute prefix are not
 * part of it, so the same error keeps its id after an edit above it moved
 * it or under another checkout; two errors with the same message on
 * different source lines get different ids.
 *
 * Message normalisation: curly and straight quotes and backticks become
 * "'", runs of digits become "N", hex numbers ("0x7ffd...") become "0xN",
 * temporary file names ("/tmp/ccAbC123.o", "/tmp/main-1a2b3c.o") become
 * "TMP", the project root's absolute path (as given and as its realpath)
 * is removed, runs of white space become one space.
 */
#ifndef HEAL_FINGERPRINT_H
#define HEAL_FINGERPRINT_H

#include <stddef.h>

#include "heal_buf.h"

#define HEAL_FINGERPRINT_HEX 17

/* Append the normalised form of msg[0..len) to out.  roots: NULL-ended
 * list of absolute prefixes to remove (may be NULL). */
void heal_fingerprint_normalise(struct heal_buf *out, const char *msg,
				size_t len, const char *const *roots);

/*
 * The id of an error.  Any argument but out may be NULL.  snippet is the
 * source line's text (white space is ignored).
 */
void heal_fingerprint(const char *tool, const char *code, const char *message,
		      const char *file, const char *snippet,
		      const char *const *roots,
		      char out[HEAL_FINGERPRINT_HEX]);

/*
 * The ids a run already computed: heal_fingerprint_memo gives the same id
 * as heal_fingerprint, and computes SHA-256 only for a hashed text it has
 * not seen (its bytes are kept and compared whole, never only a hash of
 * them).  A build's log repeats its errors: a header's warning in every
 * file that includes it, a make's "Error 1" at each level.  One thread at
 * a time.
 */
struct heal_fingerprint_memo;

struct heal_fingerprint_memo *heal_fingerprint_memo_new(void);
void heal_fingerprint_memo_free(struct heal_fingerprint_memo *m);
void heal_fingerprint_memo(struct heal_fingerprint_memo *m, const char *tool,
			   const char *code, const char *message,
			   const char *file, const char *snippet,
			   const char *const *roots,
			   char out[HEAL_FINGERPRINT_HEX]);

#endif
