/*
 * heal_text.h - text helpers: escaping for terminals and messages, ANSI
 * stripping, and column unit conversions.
 */
#ifndef HEAL_TEXT_H
#define HEAL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_buf.h"
#include "heal_error.h"

/*
 * Append s[0..len) to out made safe for a terminal or a one-line message:
 * "\n" "\r" "\t" become \n \r \t, other control characters (C0, DEL, the C1
 * range U+0080..U+009F) and bytes that are not valid UTF-8 become \xNN.
 * Printable text, valid multi-byte UTF-8 included, is copied unchanged.
 */
int heal_text_escape(struct heal_buf *out, const char *s, size_t len,
		     struct heal_error *err);
/* As heal_text_escape into a new string owned by the caller (free()). */
char *heal_text_escape_dup(const char *s, size_t len);

/*
 * Remove terminal escape sequences from in[0..len), writing to out (which
 * may be in itself; it needs len bytes).  Removes CSI (ESC [ ... final),
 * OSC (ESC ] ... BEL or ESC \), other two-byte ESC sequences, and the text
 * a carriage return overwrites ("50%\r100%" keeps "100%"; a stray CR
 * before a quote or a colon, a Windows line end a message quotes, is
 * kept: "token `fi\r'").  Returns the new
 * length.  Input with no ESC and no CR is returned unchanged and uncopied
 * when out == in.
 */
size_t heal_text_strip_ansi(const char *in, size_t len, char *out);
/* Whether s[0..n) holds t[0..tn) (an empty t: true).  For short subjects,
 * where memmem's set-up costs more than the search. */
bool heal_text_contains(const char *s, size_t n, const char *t, size_t tn);
/* Where s[0..n) first holds t[0..tn) (an empty t: s), or NULL. */
const char *heal_text_find(const char *s, size_t n, const char *t, size_t tn);

/*
 * Remove the colour sequences a console that does not read them showed
 * as text, their ESC as code page 437's glyph for it: "\u2190[1;31m"
 * (U+2190, a Windows console's copy of coloured output; parameters of
 * digits and ';', then a letter).  Writes to out (which may be in; it
 * needs len bytes) and returns the new length.
 */
size_t heal_text_strip_shown_escapes(const char *in, size_t len, char *out);

/*
 * Put back the line numbers a web log viewer's copy made links of, as a
 * Markdown editor pastes them: "[278](https://host/...#L278)" becomes
 * "278" (a link whose text is digits and whose target is an http(s)
 * address without blanks).  Writes to out (which may be in; it needs len
 * bytes) and returns the new length.
 */
size_t heal_text_unlink_digits(const char *in, size_t len, char *out);

/* Tab stop used by gcc and clang when they count display columns. */
#define HEAL_TEXT_TABSTOP 8

/*
 * Column conversions on one line of text (line[0..len), no newline); all
 * columns are 1-based.  A column past the end maps past the end at the
 * same rate (one byte per column).
 *   display: a tab advances to the next multiple of tabstop, every other
 *            character (one UTF-8 sequence, or one invalid byte) is 1;
 *   char:    every character is 1, a tab included (Python, shellcheck);
 *   byte:    bytes.
 */
size_t heal_text_display_to_byte(const char *line, size_t len, size_t col,
				 size_t tabstop);
size_t heal_text_byte_to_display(const char *line, size_t len, size_t col,
				 size_t tabstop);
size_t heal_text_char_to_byte(const char *line, size_t len, size_t col);

/* Whether s[0..n) starts with prefix. */
bool heal_text_starts_with(const char *s, size_t n, const char *prefix);

#endif
