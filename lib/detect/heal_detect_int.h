/*
 * heal_detect_int.h - the engine's state, shared by the files of
 * heal-detect's engine.  Not part of the library's interface.  A line's
 * path through them:
 *
 *   heal_detect.c         the engine: bytes to lines (the jump over lines
 *                         no pattern can start on), each line cleaned
 *                         (terminal escapes) and handed on
 *   heal_detect_scan.c    the candidate lines, found as lines arrive
 *   heal_detect_reader.c  reading and scanning ahead on a second thread
 *   heal_detect_multi.c   a line that goes on what is open: a multi-line
 *                         pattern's next step, a continuation line, a JSON
 *                         block; completing the open record
 *   heal_detect_match.c   a line that may start something: the matcher
 *                         dispatch by role (record, note, fix-it, context,
 *                         directory, decoder), pending and sticky context
 *   heal_detect_record.c  a record being put together, and finishing it:
 *                         severity, message, code, tool and environment
 *                         (gcc or clang, C or C++), columns, id
 *   heal_detect_path.c    paths: printed paths to root-relative ones, make's
 *                         directory stack, source lines, locating a file
 *                         the output did not name (ansible)
 *   heal_detect_fold.c    the output: repeats folded into one record's
 *                         count, ids already written, the queue
 *   heal_detect_json.c    the built-in decoders for tools that print JSON
 *   heal_detect_generic.c a line nothing claimed that reads like
 *                         "PATH:LINE: message" for a file beneath the root
 *   heal_detect_input.c   files, archives, followed logs
 */
#ifndef HEAL_DETECT_INT_H
#define HEAL_DETECT_INT_H

#include <dirent.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "heal_buf.h"
#include "heal_detect.h"
#include "heal_fingerprint.h"
#include "heal_locale.h"
#include "heal_pattern.h"

#define PREV_MAX_INT 4096
#define HEAL_LINES_BLOCK_INT (64u * 1024)
#define DIR_DEPTH 64
#define MSCRATCH (64u * 1024)
/* a bracketed name's longest (with "[" and "] ") */
#define HEAL_DETECT_TAG_MAX 44
/* a task runner's tags remembered, and their longest */
#define RUNNER_TAGS 4
#define RUNNER_TAG_MAX 64

static inline bool streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* Whether s[0, n) is blanks only (a line's end of "\r" too). */
static inline bool heal_detect_blank(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n == 0;
}

struct rec_chunk;

/* The longest wrapper a record's lines lose (heal_detect_unwrap) */
#define HEAL_DETECT_WRAP_MAX 32

/* A record being put together (heal_detect_recmem.c: its memory). */
struct rec {
	const struct heal_pattern_matcher *m;
	char *f[HEAL_PF_COUNT];       /* captured text, in the record's memory
					 (heal_detect_rec_set) */
	size_t fcap[HEAL_PF_COUNT];   /* the room each has there */
	struct rec_chunk *mem;        /* the record's memory */
	struct heal_detect *d;        /* whose pool it goes back to */
	struct rec *pool_next;
	struct heal_buf raw, detail;
	struct heal_json *notes, *fixits, *stack;
	char *cwd;                    /* make's directory (root-relative, or
					 absolute when cwd_outside), in the
					 record's memory */
	bool cwd_outside;
	bool cwd_set;                 /* cwd is a set_dir's (heal_detect_rec_dir) */
	char *cwd_up;                 /* then: the directory it is in (NULL:
					 the root) */
	bool truncated;
	const char *locale;           /* the catalogs' language of a
					 translated line (borrowed), or NULL */
	const char *charset;          /* a line of raw was converted from it
					 (borrowed), or NULL */
	bool in_steps;                /* a multi-line pattern is under way */
	bool emitted_each;            /* a last-step loop emitted records */
	bool frame_file_rel;          /* file comes from an in-project frame */
	bool relayed;                 /* started on what a relay's line
					 relayed (heal_pattern.h) */
	bool bare_frame;              /* the innermost frame has no function
					 and its step "locates" */
	bool cols_bytes;              /* columns are bytes already */
	bool generic;                 /* the generic reader's (its tool in
					 f[HEAL_PF_TOOL], "confidence") */
	bool unit_set;                /* unit overrides the matcher's */
	enum heal_punit unit;
	bool pipe_style, caret_style; /* gcc "  5 | code", clang "  ^~~" */
	size_t step;                  /* next step to match */
	unsigned lines, ncont;
	unsigned nraw;                /* lines given to raw */
	unsigned skip_blank;          /* blank lines a step's skip took */
	int cont_k;                   /* the continuation item that took a
					 line last, or -1 */
	unsigned cont_at;             /* nraw right after it did */
	unsigned wraps;               /* lines a terminal's width cut off
					 its message, joined to it */
	size_t off0;                  /* its first line's prefix, when the
					 line was matched after it (else
					 SIZE_MAX) */
	unsigned char wrap_len;       /* the wrapper before its first line */
	char wrap[HEAL_DETECT_WRAP_MAX];  /* (an indentation, "> "), which
					 its other lines lose first */
};

/* The most lines a failed multi-line match gives back to be matched
 * again (heal_detect_replay) */
#define HEAL_DETECT_REPLAY_MAX 64u

#define HEAL_DETECT_MISSING 16384

/*
 * A record waiting in the output queue: its NDJSON line (without the
 * newline) but for the count's digits, which go at count_at when it is
 * written (a true repeat raises count meanwhile).
 */
struct queued {
	struct heal_buf text;
	size_t count_at;
	int64_t count;
	bool alone;                   /* its matcher's "alone": not written once
					 another record is */
	bool alone_last;              /* "last": nor once an "alone" one is */
};

/*
 * A set of 64-bit keys (with a value each, or not) in buckets of a few
 * ways, each bucket's newest key first (heal_detect_fold.c).  It starts
 * small and doubles before a bucket would forget a key, up to its most
 * buckets; then a full bucket forgets its oldest key.  A short run's set
 * is a few pages, not the whole table zeroed.
 */
struct heal_ways {
	uint64_t *t;
	size_t nb;                    /* buckets, a power of two (0: none yet) */
	size_t n;                     /* keys put */
};

/* What heal_detect_finish_rec worked out of a record, for its text. */
struct heal_detect_fin {
	const char *tool, *env, *sev, *category;
	char *file, *code, *hint;     /* owned */
	int64_t line, col, eline, ecol;
	int inside;                   /* file: 1 root-relative, 0 outside, -1 none */
	bool outside, display;
	enum heal_punit unit;
	char id[HEAL_FINGERPRINT_HEX];   /* the line-independent fingerprint */
};

/* A record the engine has finished matching, on its way to the output
 * (heal_detect_complete): the record, what the engine worked out of it,
 * and the source line its id reads. */
struct heal_detect_done {
	struct rec *r;                /* owned */
	struct heal_detect_fin x;
	char *snippet;                /* owned, or NULL */
};

struct make_dir {
	char *path;                   /* root-relative, or absolute outside */
	bool outside;
	bool set;                     /* a set_dir matcher's: the next one
					 replaces it */
};

struct pending_ctx {
	bool set;
	size_t set_index;
	char *f[HEAL_PF_COUNT];
	struct heal_buf raw;
	unsigned age, expire;
};

struct sticky_ctx {
	bool set;
	char *f[HEAL_PF_COUNT];
};

struct json_block {
	bool active;
	const struct heal_pattern_matcher *m;
	struct heal_buf buf;
	int depth;
	bool in_string, escape;
};

/* Candidate lines (heal_detect_scan.c): the stream offsets of their
 * starts, ascending; v[head..n) are still ahead. */
struct heal_detect_cands {
	uint64_t *v;                  /* the lines' stream offsets */
	uint64_t *lits;               /* their literals (heal_prefilter_ids) */
	size_t n, head, cap;
	uint64_t *litbits;            /* the scan's scratch */
	/* when the prefilter has a gate (heal_prefilter_gate.c): the other
	 * lines a matcher without literals may start on */
	uint64_t *fv;
	size_t fn, fhead, fcap;
};

/* A scanner's look at coloured lines (heal_detect_scan.c), one a stream
 * for whichever thread scans it. */
struct heal_detect_colour {
	char *clean;                  /* a coloured line, cleaned (max_line) */
	size_t checks;                /* coloured lines cleaned and scanned */
	size_t hits;                  /* those a candidate only so */
};

struct heal_detect {
	struct heal_detect_options opt;
	const struct heal_pattern_set *ps;
	size_t max_line;
	char *source;

	/* line splitting */
	char *buf;
	size_t cap, start, end;
	bool skipping;                /* discarding the tail of a long line */
	uint64_t base;                /* the stream offset of buf[0] */
	uint64_t scanned;             /* the lines before it are scanned */
	struct heal_detect_cands cand;  /* the candidate lines among them */
	struct heal_detect_colour colour; /* the coloured lines it scanned */
	bool last_pass;               /* try_start tries the last_resort
					 matchers only (else never them) */
	size_t start_from;            /* try_start skips the matchers before */
	size_t retry_from;            /* 1 + the matcher whose steps failed on
					 the line after its first: that line
					 is tried again from the next one */
	struct heal_buf replay;       /* the lines a multi-line match passed
					 over before it failed, to be matched
					 again (heal_detect_steps_line) */
	size_t replay_from, replay_off;  /* as retry_from; the first line's
					 prefix */
	bool replaying;               /* they are */
	struct heal_buf replay_cur;   /* the line that failed it, meanwhile */
	bool line_hit;                /* the line may hold a literal (it is a
					 candidate, or was not scanned) */
	uint64_t line_lits;            /* its literals, when the scan found them
					 (heal_prefilter_ids) */
	char *clean;                  /* ANSI-stripped copy of a line */
	char *mscratch;               /* zeroed copy of a message to match */
	char *annot;                  /* an annotation's mark ("##[error]",
				       * "Error: ") and a line (annotation) */
	uint64_t *litbits;            /* prefilter literals in the line */
	uint64_t *mbits;              /* the matchers that have one of them */
	size_t nlitwords;
	bool line_truncated;
	char prev[PREV_MAX_INT];       /* the last line, with its prefix */
	size_t prev_len, prev_off;    /* prev_off: its prefix's length */
	bool prev_claimed;
	size_t prev_failed;           /* the matcher whose start on the last
					 line failed, plus 1 (its retry,
					 retry_line): not its group's head
					 now (0: none) */
	uint64_t prev_lits;           /* its literals (line_lits) when it is
					 the input's line as read, else
					 HEAL_PF_IDS_UNKNOWN */
	uint64_t ljoin_lits;          /* those of the line in ljoin while it
					 is the last one again (retry_line),
					 else HEAL_PF_IDS_UNKNOWN */
	size_t term_cols;             /* a terminal's width that cut a
					 record's line, seen (0: none yet) */
	char prev_nb[PREV_MAX_INT];    /* when the last line is blank: the */
	size_t prev_nb_len, prev_nb_off;  /* one before it, when that was not
					 (a double-spaced paste's) */
	bool prev_nb_claimed;
	char step0[PREV_MAX_INT];      /* a multi-line start's first line,
					 when blank lines follow it */
	size_t step0_len, step0_off;
	unsigned step0_blanks;        /* the blank lines after it */
	bool step0_claimed;
	bool retry_step0;             /* retry step0, not prev */
	bool step0_again;             /* step0 is being tried again: a start
					 that passes over blanks keeps it */
	/* a start given back before it is made (heal_detect_try_start):
	 * the line's main try (top, its prefix top_pfx), the next line's
	 * raw text while its retry runs (next), that it ran and set prev
	 * (given), and a sticky context it set, which the next line does
	 * not age (sticky_spare) */
	bool veto_top, veto_given, sticky_spare;
	size_t veto_pfx;
	const char *veto_next;
	size_t veto_next_len;
	const char *raw_line;         /* the line being matched, with its */
	size_t raw_len;               /* prefix: what raw keeps */
	bool relay_pass;              /* matching what a relay's line relays: */
	size_t relay_set;             /* not with the relay's pattern file */
	size_t relay_rl;              /* the relay's words before the line
					 match_line looks at (0: none): its
					 last resort is tried on what they
					 relay too */
	size_t wrap_used;             /* the wrapper the line is matched
					 without, while it is */
	const char *view;             /* the line as the matchers see it */
	size_t view_len;              /* (after its prefix), for a new
					 record's wrapper */
	bool pip_frame;               /* in pip's frame of a backend's output */
	bool dots_prev;               /* the last line began with nimble's "... " */
	/* the bracketed name ("[Services] ") the line before began with,
	 * with its "] " (heal_detect_prefix_len): a branch's or a process's
	 * name is a prefix from its second line in a row on */
	char tag[HEAL_DETECT_TAG_MAX];
	uint8_t tag_len;
	/* a monorepo's task runner's tags lately at a line's start
	 * (heal_detect_runner_tag), each a prefix from its second line on */
	char rtag[RUNNER_TAGS][RUNNER_TAG_MAX];
	uint8_t rtag_len[RUNNER_TAGS];
	unsigned rtag_next;
	struct heal_locale *loc;      /* translated lines (heal_locale.h) */
	struct heal_buf lbuf;         /* a line mapped to the C locale */
	const char *line_locale;      /* its language while it is matched */
	bool loc_pending;             /* the last line may begin a translation */
	char ljoin[PREV_MAX_INT * 2 + 2];  /* two lines joined */
	/* lines that are not UTF-8 (heal_detect_charset.c) */
	iconv_t cs_forced;            /* --charset's or the environment's */
	iconv_t cs_guess[2];          /* EUC-JP, ISO-8859-1 */
	char cs_name[HEAL_DETECT_CHARSET_MAX + 1];
	bool cs_latin1_seen;          /* a line was Latin-1 only */
	char *conv;                   /* a converted line */
	const char *line_charset;     /* the line's charset, or NULL */

	/* matching state */
	struct rec *rec;              /* in steps, or open for continuation */
	struct rec *pool;             /* records given back, for reuse */
	size_t npool, pool_bytes;     /* how many, the memory they keep */
	struct pending_ctx ctx;
	struct sticky_ctx *sticky;    /* one per pattern file */
	size_t sticky_exp;            /* 1 + the pattern file whose sticky
					 context expires (its matcher's
					 expire), 0: none */
	unsigned sticky_age, sticky_expire; /* lines nothing claimed since */
	struct json_block block;
	struct make_dir dirs[DIR_DEPTH];
	size_t ndirs;
	const char *cc_style;         /* "gcc" or "clang" once known */
	struct heal_detect_generic *generic;  /* heal_detect_generic.c's */

	/* source line cache */
	char *src_path;
	struct heal_buf src;
	bool src_ok;
	/* hashes of the paths that could not be read (a log read away from
	 * its sources names thousands of files that are not here), open
	 * addressing, never more than three quarters full */
	uint64_t src_missing[HEAL_DETECT_MISSING];
	size_t nsrc_missing;

	/* output */
	struct queued q[HEAL_DETECT_QUEUE];
	/* each slot's occurrence key (id, file, line, message, detail), 0 when
	 * the slot is empty; qindex finds a key's slot (1 + the slot, 0: free;
	 * open addressing, at most a quarter full) */
	uint64_t qkey[HEAL_DETECT_QUEUE];
	uint16_t qindex[4 * HEAL_DETECT_QUEUE];
	size_t qhead, qn;
	struct heal_ways seen;        /* ids written (heal_detect_fold.c) */
	uint64_t *seen_files;         /* input+tool of records written */
	size_t nseen_files;
	struct heal_ways ncount;      /* ids' and texts' counters */
	struct heal_fingerprint_memo *ids; /* ids computed (under omu) */
	struct heal_detect_known *known;   /* heal_detect_known.c's */
	uint64_t follow_ids[4096];
	char follow_idstr[4096][17];
	uint64_t follow_counts[4096];
	size_t nfollow;
	struct heal_buf follow_text;  /* a record written at once (follow) */
	struct heal_buf line_out;     /* a record's line as it goes out */
	uint64_t nemitted;
	bool other_seen;              /* a record of a matcher neither "alone"
					 nor "summary" */
	bool alone_seen;              /* one of an "alone" matcher's, not
					 "last" */
	/* while reading ahead: the reader, whose thread completes the
	 * records too (heal_detect_reader.c) */
	struct heal_detect_reader *ahead;
	bool warned[HEAL_DETECT_WARN_COUNT];
};

/* --- heal_detect.c: the engine -------------------------------------------- */

/* Forget pattern file i's sticky context. */
void heal_detect_sticky_clear(struct heal_detect *d, size_t i);

/* Tell the caller, once per run, that a cap left something out. */
void heal_detect_warn(struct heal_detect *d, enum heal_detect_warning w,
		      const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Read fd to its end into the current input (not ended). */
int heal_detect_read_more(struct heal_detect *d, int fd, const char *source,
			  struct heal_error *err);

/* --- heal_detect_scan.c: candidate lines --------------------------------- */

/* Add a line start with its literals (one already last is not added
 * twice: its literals are unknown if the two differ). */
void heal_detect_cands_push(struct heal_detect_cands *c, uint64_t at,
			    uint64_t lits);
void heal_detect_cands_push_free(struct heal_detect_cands *c, uint64_t at);
void heal_detect_cands_reset(struct heal_detect_cands *c);
void heal_detect_cands_release(struct heal_detect_cands *c);
/*
 * Scan buf[0..len), complete lines at stream offset base (the first one
 * may have begun before, at line0): push the start of every line that
 * holds a prefilter literal or that the generic reader may take, with its
 * literals (unknown for a line that began before buf: the engine finds
 * them if it matches the line).  Reads only what never changes after
 * heal_detect_new (the pattern set, the options): safe on another thread.
 */
void heal_detect_scan_run(const struct heal_detect *d, const char *buf,
			  size_t len, uint64_t base, uint64_t line0,
			  struct heal_detect_colour *col,
			  struct heal_detect_cands *out);

/* --- heal_detect_reader.c: reading ahead on a thread ---------------------- */

#define HEAL_DETECT_BLOCK (2u * HEAL_LINES_BLOCK_INT)

/* A block the reader thread read and scanned. */
struct heal_detect_block {
	char *data;
	size_t len;
	uint64_t base;                /* the stream offset of data[0] */
	uint64_t scan_end;            /* the lines before it are scanned */
	struct heal_detect_cands cand;
	int err;                      /* read()'s errno, with the last block */
	bool eof;                     /* the last block */
};

struct heal_detect_reader;

/*
 * Start reading fd on a thread, the stream going on at offset base + ntail
 * after tail[0..ntail) (the engine's partial last line, carried into the
 * first block; it began at line0).  NULL when no thread could be started
 * or the tail is too long: read on this thread.  heal_detect_reader_free.
 */
struct heal_detect_reader *heal_detect_reader_new(struct heal_detect *d,
						  int fd, const char *tail,
						  size_t ntail, uint64_t base,
						  uint64_t line0);
/* The next block (waits for it); the engine's until heal_detect_reader_done. */
struct heal_detect_block *heal_detect_reader_next(struct heal_detect_reader *r);
void heal_detect_reader_done(struct heal_detect_reader *r);
/*
 * Hand a finished record (j consumed) to be completed (heal_detect_complete)
 * in order, by the reader's thread when it has time, else by the engine.
 * -1 with the error once completing failed.
 */
int heal_detect_reader_push(struct heal_detect_reader *r,
			    struct heal_detect_done *j, struct heal_error *err);
/* Whether the reader's thread completes the records (else the engine
 * completes each as it finishes it: heal_detect_complete). */
bool heal_detect_reader_completes(const struct heal_detect_reader *r);
/* Complete every record handed over (on the engine's thread): -1 with
 * the first error completing met. */
int heal_detect_reader_complete(struct heal_detect_reader *r,
				struct heal_error *err);
/* Stop the thread (even in a read()) and free r; NULL is fine. */
void heal_detect_reader_free(struct heal_detect_reader *r);

/* --- heal_detect_prefix.c: CI line prefixes ------------------------------ */

/* Whether a line is a double-spaced paste's spacer: blank, or a line
 * number alone (heal_detect_multi.c). */
bool heal_detect_spacer(const char *s, size_t n);
/* Whether the line being matched is in a double-spaced paste. */
bool heal_detect_double_spaced(const struct heal_detect *d);
/* The length of the prefixes (CI time stamps, step and container tags,
 * pip's indentation) at the start of a line; 0 when none. */
size_t heal_detect_prefix_len(struct heal_detect *d, const char *line, size_t len);
/* A bracketed name at line's start ("[server] ", a process's or a
 * branch's): its length with the "] ", or 0.  heal_detect_prefix_len
 * strips it from its second line in a row on. */
size_t heal_detect_name_tag(const char *line, size_t len);
/* The length of a wrapper's marks before a tool's line (an indentation,
 * a tree's bar, BuildKit's seconds): matched once more without them. */
/* A logfmt message after its prefix (heal_detect_prefix_len's, which ends
 * with its opening quote): unescaped in place up to its closing quote; its
 * new length. */
size_t heal_detect_logfmt_msg(char *s, size_t len);
size_t heal_detect_wrapper_len(const char *s, size_t len);
/* A monorepo's task runner's tag at s[i] ("web:build: ", "packages/core
 * build: ", "[@acme/core]: ", "@acme/core: "): its length with its blank,
 * or 0. */
size_t heal_detect_runner_tag(const char *s, size_t len, size_t i);
/* Of a wrapper s[0, w): its marks and the one blank after them ("> " of
 * ">   "), or 0 when it is blanks only. */
size_t heal_detect_marks_len(const char *s, size_t w);
/*
 * PowerShell 5's view of a native program's error stream: the program's
 * name as typed, " : ", then the line it wrote ("gcc : main.c:3:5: error:
 * ...", over "At line:1 char:1" and its NativeCommandError lines).  The
 * length through " : ", or 0.
 */
size_t heal_detect_native_command(const char *s, size_t len);
/*
 * line without a Markdown paste's marks ("**" around strong text, "\*"),
 * to out (cap bytes): its length, or 0 when it has none or does not fit.
 */
size_t heal_detect_unmarkdown(const char *line, size_t len, char *out,
			      size_t cap);
/*
 * line's length without the blanks, a glued Markdown fence and an inline
 * code's closing backticks at its end: what the matchers see of it.
 */
size_t heal_detect_trim_end(const char *line, size_t len);
/* A record's other lines as the matchers see them: without the wrapper
 * its first line had (an indented or quoted paste), how 0 the whole of
 * it, how 1 its marks and one blank; false when the line has no such
 * wrapper (it is to be seen as it came). */
bool heal_detect_unwrap(const struct rec *r, int how, const char **line,
			size_t *len);

/* --- heal_detect_multi.c: what goes on over lines ------------------------- */

/* Complete the open record (d->rec), or drop an unfinished multi-line one. */
int heal_detect_close_rec(struct heal_detect *d, struct heal_error *err);
/* The lines a failed multi-line match passed over (d->replay), matched
 * again before *line (len bytes; NULL at the input's end), which then
 * goes on from a copy. */
int heal_detect_replay(struct heal_detect *d, const char **line, size_t len,
		       struct heal_error *err);

/* A terminal's width in a log (heal_detect_wrap.c): a place cut off the
 * path of the line before, the second piece of a line cut between two
 * words, the rest of a line no pattern took (1 a record started, 0 none,
 * -1 error), the next piece of the open record's message. */
bool heal_detect_wrapped_place(const struct heal_detect *d, const char *line,
			       size_t len);
int heal_detect_wrapped_head(struct heal_detect *d, const char *line,
			     size_t len, struct heal_error *err);
int heal_detect_wrapped_rest(struct heal_detect *d, const char *line,
			     size_t len, struct heal_error *err);
bool heal_detect_wrapped_message(struct heal_detect *d, const char *line,
				 size_t len);

/* The line being matched, its prefix pfx bytes, as the last line, taken. */
void heal_detect_prev_keep(struct heal_detect *d, size_t pfx);
/* The last line again, from d->retry_from (a multi-line start that failed
 * after it): 0, or -1 on error. */
int heal_detect_retry_prev(struct heal_detect *d, struct heal_error *err);
/* Complete the open record unless a multi-line match still needs lines
 * (end: complete or drop it whatever). */
int heal_detect_close_open(struct heal_detect *d, bool end,
			   struct heal_error *err);
/*
 * The line continues a multi-line match.  1: consumed; 0: not, the record
 * is complete or abandoned and the line must be looked at afresh; -1: error.
 */
int heal_detect_steps_line(struct heal_detect *d, const char *line, size_t len,
			   struct heal_error *err);
/* A last-step loop of GitHub's kind: a record of r (kept) and the line
 * being matched. */
int heal_detect_emit_each(struct heal_detect *d, struct rec *r,
			  struct heal_pattern_step *st, struct heal_error *err);
/* The open record may take the line: 1 as a continuation, 2 as its end. */
int heal_detect_cont_line(struct heal_detect *d, const char *line, size_t len);
/* The matcher m is a JSON block whose first line is line: collect it. */
void heal_detect_block_start(struct heal_detect *d,
			     const struct heal_pattern_matcher *m,
			     const char *line, size_t len);
/* A line of the JSON block under way; decoded when the block closes. */
int heal_detect_block_line(struct heal_detect *d, const char *line, size_t len,
			   struct heal_error *err);

/* --- heal_detect_match.c: the matchers ------------------------------------ */

/*
 * Try every matcher on a line that may start something.  1: handled;
 * 0: no matcher took it; -1: error.
 */
int heal_detect_try_start(struct heal_detect *d, const char *line, size_t len,
			  struct heal_error *err);
/* The same, then, when no matcher took it, without a wrapper's marks (a
 * quoted paste's "> ", an indentation): the line as a last resort or a
 * retry sees it. */
/* The line without a Markdown paste's marks ("**", "\*"), matched once
 * more (raw as pasted): 1 when a start took it, 0, or -1. */
int heal_detect_try_unmarked(struct heal_detect *d, const char *line,
			     size_t len, struct heal_error *err);
int heal_detect_try_start_bare(struct heal_detect *d, const char *line,
			       size_t len, struct heal_error *err);
/* Where the matcher's view of a line starts (after its "strip"). */
size_t heal_detect_strip_off(const struct heal_pattern_matcher *m,
			     const char *line, size_t len);
/* A pattern on a line, of which it sees HEAL_DETECT_MATCH_MAX bytes. */
bool heal_detect_re_match(struct heal_pattern_re *re, const char *s, size_t n);
/* Forget the pending context. */
void heal_detect_ctx_clear(struct pending_ctx *c);

/* --- heal_detect_recmem.c: a record's memory ----------------------------- */

/* A record (from d's pool when it has one): heal_detect_rec_free. */
struct rec *heal_detect_rec_new(struct heal_detect *d,
				const struct heal_pattern_matcher *m);
/* Give r back to its pool (or free it); NULL is fine.  The engine's
 * thread only. */
void heal_detect_rec_free(struct rec *r);
/* Free the records d's pool holds. */
void heal_detect_rec_pool_release(struct heal_detect *d);
/* A copy of r (heal_detect_rec_free). */
struct rec *heal_detect_rec_clone(struct heal_detect *d, const struct rec *r);
/* A copy of s[0..n) in r's memory, NUL-terminated: it lives as long as r. */
char *heal_detect_rec_strndup(struct rec *r, const char *s, size_t n);
/* Set field f to a copy of s[0..n) (s may be a part of its old value);
 * the old value is gone.  The copy. */
char *heal_detect_rec_set(struct rec *r, enum heal_pfield f, const char *s,
			  size_t n);
char *heal_detect_rec_sets(struct rec *r, enum heal_pfield f, const char *s);

/* --- heal_detect_record.c: records ---------------------------------------- */

/* A line joins the record's raw text (capped at HEAL_DETECT_RAW_MAX). */
void heal_detect_raw_add(struct rec *r, const char *s, size_t n);
/* The line being matched joins it, with its prefix. */
void heal_detect_raw_line(struct heal_detect *d, struct rec *r);
/* Text joins the record's detail, its leading blanks dropped. */
void heal_detect_detail_add(struct rec *r, const char *s, size_t n);
void heal_detect_message_wrapped(struct rec *r, bool blank, const char *s,
				 size_t n);
/* Apply a step's (or a continuation's) captures to the record; frame: the
 * step, when its captures are a stack frame. */
void heal_detect_capture(struct heal_detect *d, struct rec *r,
			 const struct heal_pattern_re *re,
			 const struct heal_pattern_step *frame, bool cont);
/* A note, or a fix-it, from the captures of re joins the record. */
void heal_detect_attach_note(struct heal_detect *d, struct rec *r,
			     const struct heal_pattern_re *re);
void heal_detect_attach_fixit(struct heal_detect *d, struct rec *r,
			      const struct heal_pattern_re *re, enum heal_punit unit);
/* Finish r (consumed): fill, fingerprint, queue or emit (completed on the
 * reader's thread while reading ahead). */
int heal_detect_finish_rec(struct heal_detect *d, struct rec *r,
			   struct heal_error *err);
/*
 * The output's side of finishing j: classify, fingerprint, queue or emit.
 * scratch: MSCRATCH bytes no other thread uses meanwhile.  j still holds its
 * memory (heal_detect_done_release): the engine's thread frees what it
 * allocated, as glibc's per-thread caches want.
 */
int heal_detect_complete(struct heal_detect *d, struct heal_detect_done *j,
			 char *scratch, struct heal_error *err);
/* Free what j holds. */
void heal_detect_done_release(struct heal_detect_done *j);

/* --- heal_detect_path.c: paths -------------------------------------------- */

/* Whether the root-relative path rel (canonical) names a file beneath the
 * root. */
bool heal_detect_exists(struct heal_detect *d, const char *rel);

/*
 * The record form of a printed path: root-relative when inside (1), the
 * printed path when outside (0), NULL when unusable (-1).
 */
int heal_detect_record_path(struct heal_detect *d, const char *cwd,
			    bool cwd_outside, const char *path, char **out);
/* The file of record r (its root-relative form when *inside is 1). */
char *heal_detect_rec_file(struct heal_detect *d, const struct rec *r,
			   int64_t *line, int *inside);
/* The text of line n of a root-relative file, from a one-file cache. */
bool heal_detect_source_line(struct heal_detect *d, const char *rel, int64_t n,
			     const char **s, size_t *len);
/* Column col of a line of rel in unit, as a byte column. */
size_t heal_detect_convert_col(struct heal_detect *d, const char *rel,
			       int64_t line, int64_t col, enum heal_punit unit);
/*
 * The directory r's path file is relative to: r->cwd, or the one it is in
 * when cwd is a set directory and file begins with cwd's own name (helm's
 * template engine names a chart's files from its parent: "==> Linting
 * charts/shop", then "shop/templates/a.yaml"); NULL: the root.
 */
const char *heal_detect_rec_dir(const struct rec *r, const char *file);
/* make's "Entering directory" and "Leaving directory"; set: a directory
 * a later set one replaces (role set_dir). */
void heal_detect_dir_enter(struct heal_detect *d, const char *dir, size_t n,
			   bool set);
void heal_detect_dir_leave(struct heal_detect *d);

/* --- heal_detect_fold.c: the output --------------------------------------- */

void heal_detect_fold_init(struct heal_detect *d);
/* Frees the records still queued. */
void heal_detect_fold_release(struct heal_detect *d);
/*
 * A finished record r (what x says of it, x->id its fingerprint): counted
 * into a queued one of the same occurrence, dropped when written already,
 * else written with the id of its occurrence and queued (emitted with
 * follow set).
 */
int heal_detect_enqueue(struct heal_detect *d, const struct rec *r,
			const struct heal_detect_fin *x, struct heal_error *err);
/* Emit every queued record. */
int heal_detect_fold_flush(struct heal_detect *d, struct heal_error *err);
/* Whether tool wrote a record from the current input (other: or one of a
 * matcher with unless_seen "other"); remember it did. */
bool heal_detect_source_seen(const struct heal_detect *d, const char *tool,
			     bool other);
void heal_detect_source_note(struct heal_detect *d, const char *tool,
			     bool other);

/* --- heal_detect_write.c: a record's text ------------------------------- */

/* The largest record written (its NDJSON line). */
#define HEAL_DETECT_RECORD_MAX (64u << 20)

/*
 * Append record r (heal-records(5)) with id as one line of NDJSON without
 * its newline and without the count's digits: *count_at is where they go.
 * -1 when it passes out's maximum ("record too large to write").
 */
int heal_detect_record_write(const struct heal_detect *d, const struct rec *r,
			     const struct heal_detect_fin *x, const char *id,
			     struct heal_buf *out, size_t *count_at,
			     struct heal_error *err);

/* --- heal_detect_json.c: the built-in decoders ---------------------------- */

/*
 * Decode one line (or a JSON block) for matcher m: 1 when it produced
 * records or was recognised, 0 when it was not the expected JSON, -1 on an
 * error from emit.
 */
int heal_detect_decode(struct heal_detect *d,
		       const struct heal_pattern_matcher *m,
		       const char *text, size_t len, struct heal_error *err);

/* --- heal_detect_generic.c: the generic reader ---------------------------- */

/* The generic reader's confidence in its records (heal-records(5)). */
#define HEAL_DETECT_GENERIC_CONFIDENCE 0.5

/*
 * The offset of the first line in buf[start, end) the generic reader may
 * take (a path-like word before ":DIGIT" or ": line "), end when none:
 * the prefilter's jump stops there.
 */
size_t heal_detect_generic_scan(const struct heal_detect *d, const char *buf,
				size_t start, size_t end);
/*
 * A row of a file-stack group without a pattern (heal_detect_generic.c):
 * 1 a record, 0 not one (prefixed: only a row with a severity, category or
 * code before its location, which patterns of "Error: message" would
 * take first), -1 an error.
 */
int heal_detect_generic_row(struct heal_detect *d, const char *line,
			    size_t len, bool prefixed, struct heal_error *err);
/* A line nothing claimed: 1 when it made a record, 0 not, -1 on an error
 * from emit. */
int heal_detect_generic_line(struct heal_detect *d, const char *line,
			     size_t len, struct heal_error *err);
/* A new input (the lookups' cap is per input). */
void heal_detect_generic_begin(struct heal_detect *d);
void heal_detect_generic_free(struct heal_detect *d);

/* heal_detect_charset.c: lines that are not UTF-8 */
void heal_detect_charset_init(struct heal_detect *d);
void heal_detect_charset_release(struct heal_detect *d);
/*
 * When line[0, len) holds bytes that are not UTF-8: point *line at its
 * conversion to UTF-8 (d's buffer, valid until the next line), set *len
 * and d->line_charset, and return true; else false.
 */
bool heal_detect_charset_line(struct heal_detect *d, const char **line,
			      size_t *len);

/* heal_detect_known.c: whether msg (n bytes) is a message of the
 * catalogs m names (its "known"), as the tool prints it; each list of
 * catalogs is read at the first call that names it. */
bool heal_detect_known(struct heal_detect *d,
		       const struct heal_pattern_matcher *m,
		       const char *msg, size_t n);
void heal_detect_known_free(struct heal_detect *d);

#endif
