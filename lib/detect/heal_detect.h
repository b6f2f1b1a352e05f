/*
 * heal_detect.h - the multi-line matching engine of heal-detect.
 *
 * Bytes go in (heal_detect_feed, or the readers below), error records come
 * out through a callback.  The engine splits lines in its own buffer (flat
 * memory: at most max_line plus one block), strips terminal escapes before
 * matching, and, while no record is open, jumps over lines that hold none
 * of the pattern set's literals (heal_prefilter_scan) without looking at
 * them.  A line longer than max_line is matched on its first max_line
 * bytes and the record says "truncated": true.
 *
 * What it knows beyond single lines: multi-line patterns (GitHub's
 * "pattern" arrays, loops), continuation lines (sources, carets), notes
 * and fix-its attached to the open record, context lines for the next
 * record (gcc's "In function", "In file included from"), make's directory
 * stack, Python and pytest frames (location = innermost frame inside the
 * project), JSON outputs (gcc, shellcheck, terraform, ansible), and
 * columns converted to bytes by reading the source line beneath the root.
 *
 * Only true repeats fold: the same error at the same place (id, file,
 * line, message and detail) raises the "count" of the first record while
 * that record waits in a bounded queue (HEAL_DETECT_QUEUE records); a
 * repeat after it was emitted is dropped, as long as a fixed set of
 * written occurrences (up to 65536, 512 KB, the oldest forgotten first)
 * still holds it.  The same message at other lines is a record each: the
 * first keeps the line-independent fingerprint as its id, the Nth the
 * fingerprint of that and N (heal-records(5)).  With `follow` set each
 * record is emitted as soon as it is complete, and repeats again with
 * their count.
 */
#ifndef HEAL_DETECT_H
#define HEAL_DETECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heal_buf.h"
#include "heal_error.h"
#include "heal_json.h"
#include "heal_pattern.h"
#include "heal_root.h"

#define HEAL_DETECT_MAX_LINE_DEFAULT (1u << 20)
/* Bytes of a line the patterns look at (decoders see the whole line). */
#define HEAL_DETECT_MATCH_MAX (16u * 1024)
#define HEAL_DETECT_QUEUE 256
#define HEAL_DETECT_RAW_MAX (64u * 1024)
#define HEAL_DETECT_BLOCK_MAX (4u << 20)
#define HEAL_DETECT_SOURCE_FILE_MAX (8u << 20)

/*
 * Receives each record; takes ownership of rec (heal_json_free it).
 * Return -1 with err set to stop.
 */
typedef int (*heal_detect_emit_fn)(void *ctx, struct heal_json *rec,
				   struct heal_error *err);

/*
 * Receives each record as its line of NDJSON (newline included), when set
 * instead of emit: the record is never parsed into a tree.  Return -1 with
 * err set to stop.
 */
typedef int (*heal_detect_write_fn)(void *ctx, const char *line, size_t len,
				    struct heal_error *err);

/*
 * Told once per run and kind when a cap made the engine leave something
 * out (a multi-line match abandoned at its max_lines, a record's raw text
 * cut at HEAL_DETECT_RAW_MAX): never silently.  msg is the engine's (the
 * caller prints it, e.g. "heal-detect: warning: ...").
 */
enum heal_detect_warning {
	HEAL_DETECT_WARN_MAX_LINES,
	HEAL_DETECT_WARN_RAW,
	HEAL_DETECT_WARN_CATALOG,     /* a message catalog could not be read */
	HEAL_DETECT_WARN_GENERIC,     /* the generic reader's lookups' cap */
	HEAL_DETECT_WARN_COUNT
};
typedef void (*heal_detect_warn_fn)(void *ctx, enum heal_detect_warning w,
				    const char *msg);

/*
 * Reading ahead, who completes the finished records (classify, fingerprint,
 * fold, write): AUTO, the reader's thread when the two threads share a
 * cache (heal_detect_reader.c's probe), else the engine's; ENGINE, READER:
 * forced (the tests and benchmarks compare them).
 */
enum heal_detect_completes {
	HEAL_DETECT_COMPLETES_AUTO,
	HEAL_DETECT_COMPLETES_ENGINE,
	HEAL_DETECT_COMPLETES_READER
};

struct heal_detect_options {
	const struct heal_pattern_set *patterns;   /* finished; borrowed */
	const struct heal_root *root;              /* borrowed */
	const char *const *command;   /* argv stamped on records, or NULL */
	size_t ncommand;
	size_t max_line;              /* 0: the default */
	bool follow;                  /* emit records as soon as complete */
	/* the language of translated output (heal_locale.h): NULL to find
	 * it (the environment's first), "C" for none */
	const char *locale;
	/* the charset of lines that are not UTF-8 (iconv's names: latin1,
	 * ISO-8859-15, EUC-JP): NULL for the environment's, else a guess
	 * (heal_detect_charset_check it first) */
	const char *charset;
	bool no_generic;              /* no generic "PATH:LINE: message"
					 reader (heal_detect_generic.c) */
	bool read_ahead;              /* read and scan a file or pipe on a
					 second thread, which completes
					 records too (heal_detect_reader.c):
					 emit and write are then called on
					 either thread, one record at a time,
					 in order; warn on the caller's */
	enum heal_detect_completes completes; /* reading ahead, which
					 thread completes the records */
	heal_detect_emit_fn emit;
	heal_detect_write_fn write;   /* or NULL: emit gets each record */
	void *emit_ctx;               /* for emit, write and warn */
	heal_detect_warn_fn warn;     /* or NULL; gets emit_ctx */
};

struct heal_detect;

/* The longest --charset name. */
#define HEAL_DETECT_CHARSET_MAX 63

/* 0 when iconv converts from charset name to UTF-8, else -1 (HEAL_ERR_USAGE). */
int heal_detect_charset_check(const char *name, struct heal_error *err);

/* A new engine (heal_detect_free). */
struct heal_detect *heal_detect_new(const struct heal_detect_options *opt);
/* Accepts NULL.  Records still queued are dropped: call finish first. */
void heal_detect_free(struct heal_detect *d);

/*
 * Name the input the next bytes come from ("<stdin>", a file name,
 * "logs.tar.gz:build/step3.log").  Ends the previous input first.
 */
int heal_detect_begin(struct heal_detect *d, const char *source,
		      struct heal_error *err);
/* Push bytes of the current input. */
int heal_detect_feed(struct heal_detect *d, const char *data, size_t len,
		     struct heal_error *err);
/* The current input ended: the last line and the open record complete. */
int heal_detect_end(struct heal_detect *d, struct heal_error *err);
/*
 * Complete any open record, even in the middle of an input (after an idle
 * time in --follow).
 */
int heal_detect_flush(struct heal_detect *d, struct heal_error *err);
/* End of everything: emit the queued records. */
int heal_detect_finish(struct heal_detect *d, struct heal_error *err);

/* Read fd to its end as one input (read in place, no copy). */
int heal_detect_read_fd(struct heal_detect *d, int fd, const char *source,
			struct heal_error *err);
/*
 * Read a file: plain, compressed (gzip, xz, zstd, bzip2, ...) or an
 * archive (tar, zip, ...) through libarchive; each archive member is an
 * input named "PATH:MEMBER".  "-" is standard input.
 */
int heal_detect_read_path(struct heal_detect *d, const char *path,
			  struct heal_error *err);
/*
 * Follow a growing file like tail -F: reopen it when it is replaced or
 * truncated, complete a record after idle_ms without new lines.  Runs
 * until *stop becomes true (checked every poll) or an error.
 */
int heal_detect_follow(struct heal_detect *d, const char *path,
		       unsigned idle_ms, volatile int *stop,
		       struct heal_error *err);

/*
 * A compact one-line (plus notes) human form of an error record, like a
 * compiler's: "file:line:col: severity: message [code] (tool)".  With
 * color, ANSI colours.  Text from the input is escaped for the terminal.
 */
void heal_detect_format_text(struct heal_buf *out, const struct heal_json *rec,
			     bool color);

/* Records emitted so far (duplicates not counted). */
uint64_t heal_detect_records(const struct heal_detect *d);

#endif
