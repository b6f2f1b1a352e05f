/*
 * heal_ndjson.h - read and write newline-delimited JSON records.
 *
 * Each input line holds one JSON object.  Blank lines are skipped.  A line
 * longer than the line cap is rejected (HEAL_ERR_LIMIT) without being
 * buffered whole; the reader then goes on with the next line, so a tool
 * with --keep-going can report it and continue.  Error messages start with
 * "<input>:<line>: ".
 *
 * Caps (heal-records(5)); each can be changed by an environment variable
 * read by heal_ndjson_limits_from_env():
 *   HEAL_MAX_LINE    bytes in one record line        (1048576)
 *   HEAL_MAX_DEPTH   nesting of arrays and objects   (64)
 *   HEAL_MAX_STRING  bytes in one string             (1048576)
 */
#ifndef HEAL_NDJSON_H
#define HEAL_NDJSON_H

#include <stdio.h>

#include "heal_buf.h"
#include "heal_error.h"
#include "heal_json.h"
#include "heal_lines.h"

#define HEAL_NDJSON_LINE_DEFAULT (1u << 20)

struct heal_ndjson_limits {
	size_t max_line;
	struct heal_json_limits json;
};

void heal_ndjson_limits_default(struct heal_ndjson_limits *lim);
/*
 * Start from the defaults and apply HEAL_MAX_LINE, HEAL_MAX_DEPTH and
 * HEAL_MAX_STRING.  A value that is not a positive integer in range is a
 * HEAL_ERR_USAGE error naming the variable.
 */
int heal_ndjson_limits_from_env(struct heal_ndjson_limits *lim,
				struct heal_error *err);

struct heal_ndjson_reader {
	struct heal_lines lines;
	struct heal_ndjson_limits lim;
	char *name;              /* for messages, already escaped */
	int fd;
	bool close_fd;
};

/*
 * Open path for reading ("-" or NULL: standard input).  On failure returns
 * -1 with err set (HEAL_ERR_IO).
 */
int heal_ndjson_reader_open(struct heal_ndjson_reader *r, const char *path,
			    const struct heal_ndjson_limits *lim,
			    struct heal_error *err);
void heal_ndjson_reader_close(struct heal_ndjson_reader *r);

/*
 * Next record.  1: *out holds a JSON object (owned by the caller);
 * 0: end of input; -1: this line is bad (HEAL_ERR_INPUT / HEAL_ERR_LIMIT,
 * reading may go on) or reading failed (HEAL_ERR_IO, stop).
 */
int heal_ndjson_next(struct heal_ndjson_reader *r, struct heal_json **out,
		     struct heal_error *err);

/* Line number of the record last returned. */
uint64_t heal_ndjson_lineno(const struct heal_ndjson_reader *r);

/*
 * Write v and a newline to f, using scratch as the serialization buffer
 * (its max bounds the record size).  HEAL_ERR_IO when the write fails.
 */
int heal_ndjson_write(FILE *f, const struct heal_json *v,
		      struct heal_buf *scratch, struct heal_error *err);

#endif
