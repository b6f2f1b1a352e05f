/*
 * heal_detect_int.h - the engine's state, shared by heal_detect.c (lines,
 * patterns, records) and heal_detect_json.c (the built-in decoders for
 * tools that print JSON).  Not part of the library's interface.
 */
#ifndef HEAL_DETECT_INT_H
#define HEAL_DETECT_INT_H

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>

#include "heal_buf.h"
#include "heal_detect.h"
#include "heal_pattern.h"

#define PREV_MAX_INT 4096
#define HEAL_LINES_BLOCK_INT (64u * 1024)
#define DIR_DEPTH 64
#define MSCRATCH (64u * 1024)

/* A record being put together. */
struct rec {
	const struct heal_pattern_matcher *m;
	char *f[HEAL_PF_COUNT];       /* captured text, owned */
	struct heal_buf raw, detail;
	struct heal_json *notes, *fixits, *stack;
	char *cwd;                    /* make's directory (root-relative, or
					 absolute when cwd_outside) */
	bool cwd_outside;
	bool truncated;
	bool in_steps;                /* a multi-line pattern is under way */
	bool emitted_each;            /* a last-step loop emitted records */
	bool frame_file_rel;          /* file comes from an in-project frame */
	bool cols_bytes;              /* columns are bytes already */
	bool unit_set;                /* unit overrides the matcher's */
	enum heal_punit unit;
	bool pipe_style, caret_style; /* gcc "  5 | code", clang "  ^~~" */
	size_t step;                  /* next step to match */
	unsigned lines, ncont;
};

struct queued {
	struct heal_json *rec;
	char id[17];
};

struct make_dir {
	char *path;                   /* root-relative, or absolute outside */
	bool outside;
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

struct heal_detect {
	struct heal_detect_options opt;
	const struct heal_pattern_set *ps;
	size_t max_line;
	char *source;

	/* line splitting */
	char *buf;
	size_t cap, start, end;
	bool skipping;                /* discarding the tail of a long line */
	char *clean;                  /* ANSI-stripped copy of a line */
	char *mscratch;               /* zeroed copy of a message to match */
	uint64_t *litbits;            /* prefilter literals in the line */
	size_t nlitwords;
	bool line_truncated;
	char prev[PREV_MAX_INT];
	size_t prev_len;
	bool prev_claimed;

	/* matching state */
	struct rec *rec;              /* in steps, or open for continuation */
	struct pending_ctx ctx;
	struct sticky_ctx *sticky;    /* one per pattern file */
	struct json_block block;
	struct make_dir dirs[DIR_DEPTH];
	size_t ndirs;
	const char *cc_style;         /* "gcc" or "clang" once known */

	/* source line cache */
	char *src_path;
	struct heal_buf src;
	bool src_ok;

	/* output */
	struct queued q[HEAL_DETECT_QUEUE];
	size_t qhead, qn;
	uint64_t *seen;               /* ids written (heal_detect.c) */
	uint64_t *seen_files;         /* input+tool of records written */
	size_t nseen_files;
	uint64_t follow_ids[4096];
	uint64_t follow_counts[4096];
	size_t nfollow;
	uint64_t nemitted;
};

struct rec *heal_detect_rec_new(struct heal_detect *d,
				const struct heal_pattern_matcher *m);
void heal_detect_rec_free(struct rec *r);
/* Finish r (consumed): fill, fingerprint, queue or emit. */
int heal_detect_finish_rec(struct heal_detect *d, struct rec *r,
			   struct heal_error *err);

/*
 * Built-in decoders (heal_detect_json.c).  Decode one line (or a JSON
 * block) for matcher m: 1 when it produced records or was recognised,
 * 0 when it was not the expected JSON, -1 on an error from emit.
 */
/* Complete the open record unless a multi-line match still needs lines
 * (end: complete or drop it whatever). */
int heal_detect_close_open(struct heal_detect *d, bool end,
			   struct heal_error *err);

/* Read fd to its end into the current input (not ended). */
int heal_detect_read_more(struct heal_detect *d, int fd, const char *source,
			  struct heal_error *err);

int heal_detect_decode(struct heal_detect *d,
		       const struct heal_pattern_matcher *m,
		       const char *text, size_t len, struct heal_error *err);

#endif
