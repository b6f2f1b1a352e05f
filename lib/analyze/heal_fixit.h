/*
 * heal_fixit.h - machine fix-its, converted exactly to byte ranges.
 *
 * Tools count columns in different units: gcc's text headers count display
 * columns (a tab advances to the next multiple of 8) while its parseable
 * and JSON fix-its count bytes; clang counts bytes; shellcheck json1 counts
 * characters with a tab as one; Python offsets are characters.  A fix-it
 * here keeps the unit it was printed in, and heal_fixit_resolve() turns
 * it into a half-open byte range of the file it applies to.
 */
#ifndef HEAL_FIXIT_H
#define HEAL_FIXIT_H

#include <stddef.h>
#include <stdint.h>

#include "heal_error.h"
#include "heal_json.h"

enum heal_unit {
	HEAL_UNIT_BYTE,
	HEAL_UNIT_CHAR,      /* one per character, a tab included */
	HEAL_UNIT_DISPLAY,   /* tabs expand to HEAL_TEXT_TABSTOP */
};

struct heal_fixit {
	char *file;          /* as printed; owned */
	int64_t line, column, end_line, end_column;   /* 1-based, end exclusive */
	char *text;          /* the replacement; owned, may hold NUL (text_len) */
	size_t text_len;
	enum heal_unit unit;
};

void heal_fixit_release(struct heal_fixit *f);

/* "byte", "char", "display" -> unit; -1 for anything else. */
int heal_unit_parse(const char *s);
const char *heal_unit_name(enum heal_unit u);

/*
 * Parse one gcc/clang -fdiagnostics-parseable-fixits line:
 *   fix-it:"FILE":{L1:C1-L2:C2}:"TEXT"
 * FILE and TEXT use C escapes (\\ \" \n \t and octal); columns are bytes,
 * the end exclusive.  -1 with HEAL_ERR_INPUT when the line is not one.
 */
int heal_fixit_parse_parseable(struct heal_fixit *f, const char *line,
			       size_t len, struct heal_error *err);

/*
 * A gcc -fdiagnostics-format=json fix-it: {"start":{file,line,byte-column},
 * "next":{...},"string":TEXT}.
 */
int heal_fixit_from_gcc_json(struct heal_fixit *f, const struct heal_json *obj,
			     struct heal_error *err);

/*
 * A shellcheck json1 replacement ({"line","column","endLine","endColumn",
 * "replacement"}) of a comment about file.
 */
int heal_fixit_from_shellcheck(struct heal_fixit *f, const char *file,
			       const struct heal_json *rep,
			       struct heal_error *err);

/*
 * A fix-it of an error record (heal-records(5): file, line, column,
 * end_line, end_column, text, unit).  file defaults to dflt_file; a missing
 * end means an insertion; a missing unit means bytes.
 */
int heal_fixit_from_record(struct heal_fixit *f, const struct heal_json *obj,
			   const char *dflt_file, struct heal_error *err);

/*
 * The byte offset in data[0..len) of 1-based (line, column) counted in
 * unit.  A column one past the end of the line is allowed (the end of the
 * line); further is HEAL_ERR_INPUT, as is a line past the end of the file
 * (except line count + 1, column 1: the end of a file that ends with a
 * newline).
 */
int heal_fixit_offset(const char *data, size_t len, int64_t line,
		      int64_t column, enum heal_unit unit, size_t *off,
		      struct heal_error *err);

/* The half-open byte range [*start, *end) that f replaces in data. */
int heal_fixit_resolve(const struct heal_fixit *f, const char *data,
		       size_t len, size_t *start, size_t *end,
		       struct heal_error *err);

#endif
