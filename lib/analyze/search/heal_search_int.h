/*
 * heal_search_int.h - what the repair search's files share: the search,
 * one search's context, a check's verdict, an edit's place.  Private to
 * lib/analyze/search/ (heal_search.c runs the search, heal_search_judge.c
 * reads a candidate's check against the original's, heal_search_pair.c
 * tries pairs of edits).
 */
#ifndef HEAL_SEARCH_INT_H
#define HEAL_SEARCH_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_check.h"
#include "heal_gen.h"
#include "heal_search.h"
#include "heal_strmap.h"

/* Errors of one check compared. */
#define ERRORS_MAX 256

/* Bytes of a candidate's text shown in a description. */
#define SHOW_MAX 40

/* One error of a check in the file: its line and message. */
struct found {
	size_t line, column;     /* column 0: none */
	size_t count;            /* times the checker said it there (heal-detect
				  * folds one message at one line into one) */
	const char *message;
	const char *detail;      /* or NULL */
};

struct verdict {
	struct heal_check_result res;
	enum heal_check_status status;
	struct found v[ERRORS_MAX];       /* errors */
	size_t n;
	struct found w[ERRORS_MAX];       /* warnings */
	size_t nw;
	bool ran;
};

struct heal_search {
	const struct heal_root *root;
	struct heal_search_opts o;
	struct heal_pattern_set ps;
	bool ps_loaded, ps_whole;
	struct heal_prior priors[3];      /* c, python, shell */
	bool prior_tried[3];
	struct heal_error prior_err[3];
	double spent;                     /* seconds searched in this run */
	struct heal_strmap failed;        /* errors searched in vain: the file's
					   * digest, line and message */
	struct heal_strmap files;         /* files an error was searched in:
					   * the line of the fix it proved, or 0 */
};

struct ctx {
	struct heal_search *s;
	const struct heal_json *rec;
	const char *file;
	const struct heal_source_file *f;
	const char *message;
	size_t line;
	size_t column;           /* the target's in the original's check, or 0 */
	size_t same;             /* errors with its message on its line there */
	struct heal_check_opts co;
	struct heal_check_copy *copies[HEAL_SEARCH_JOBS_MAX];
	unsigned ncopies;
	struct verdict base;
	struct heal_buf *explain;
	struct heal_search_stats *stats;
	double t0;
	/* a good candidate that left errors on the target's line was found
	 * (after this many runs): the search goes on a little for one that
	 * leaves none */
	bool fallback;
	bool fallback_errs;      /* the kept one left errors, not only warnings */
	unsigned fallback_runs;
};

/* Checker runs a search goes on for, past a good candidate that left
 * errors on the target's line, for one that leaves none. */
#define COMPLETE_RUNS 24

/* Where an edit is and how it moves what follows it. */
struct place {
	size_t line, column;     /* of its start */
	long lines;              /* lines it adds (fewer: negative) */
	long bytes;              /* bytes it adds on its line (when lines is 0) */
	size_t width;            /* bytes of its new text; SIZE_MAX: of several edits */
};

/*
 * A candidate that made progress: the target error is gone and the only
 * errors it brought are on or beside the edit's lines (printf("\n";)
 * with a ')' inserted before the ';': 'expected expression' at the ')'
 * left over).  A second edit at that error may finish it.
 */
struct progress {
	size_t idx;              /* the candidate, in the generator's list */
	size_t line, column;     /* its first new error, in its own text */
	char *message;           /* (owned) */
};

/* A fix-it's or rule's edit the checker refused for errors only beside
 * its lines: the first of a pair, as the generator's progress is. */
struct existing_progress {
	bool set;
	struct heal_gen_cand cand;   /* its edit of the original (text owned) */
	size_t line, column;         /* its first new error */
	char *message;               /* (owned) */
};

/* Candidates that made progress, kept for a second edit. */
#define PROGRESS_MAX 8

/* Second edits tried after each of them. */
#define SECOND_MAX 8

struct progress_list {
	struct progress v[PROGRESS_MAX];
	size_t n, used;          /* kept; given a second edit already */
};

/* ---- heal_search_judge.c ---- */

double heal_search_now(void);
/* A check's errors and warnings in the file (vd->res read into vd). */
void heal_search_collect(struct verdict *vd, const char *file);
/* The checker a verdict's failing step ran, or NULL. */
const char *heal_search_checker_of(const struct verdict *vd);
/* Whether the search has checker runs and time left. */
bool heal_search_budget_left(const struct ctx *c);
/* Whether it is within share (0 to 1) of its budget (runs and time), and
 * within COMPLETE_RUNS of a fallback. */
bool heal_search_within(const struct ctx *c, double share);
/* Whether a good candidate's check leaves no error on the target's line
 * and, with warnings, brings no warning the judge let pass. */
bool heal_search_complete(const struct ctx *c, const struct verdict *vd,
			  const struct place *p, bool warnings);
/* Why a candidate (buf, len) at p is refused, NULL when it is good: the
 * target still there, a new error or warning (why: whysz bytes). */
const char *heal_search_judge_all(struct ctx *c, const struct verdict *vd,
				  const struct place *p, const char *buf, size_t len,
				  char *why, size_t whysz);
/* Whether a refused candidate made progress (struct progress); its first
 * new error in *first. */
bool heal_search_made_progress(const struct ctx *c, const struct verdict *vd,
			       const struct place *p, const struct found **first);

/* The edit that turns a (an) into b (bn): the bytes between their common
 * start and common end; *start, *end in a, the new text (owned) returned. */
char *heal_search_edit_between(const char *a, size_t an, const char *b, size_t bn,
			       size_t *start, size_t *end);

/* ---- heal_search.c ---- */

/* Check n buffers at once, one per copy; verdicts in vds. */
int heal_search_check_batch(struct ctx *c, char **bufs, size_t *lens,
			    struct verdict *vds, size_t n, struct heal_error *err);
/* "insert ';'", "replace 'x' with 'y'", "delete ')'" */
void heal_search_describe(struct heal_buf *b, const char *data, size_t start,
			  size_t end, const char *text);
/* The place of an edit of the file: bytes [start, end) replaced by text. */
struct place heal_search_place_of(const struct ctx *c, size_t start, size_t end,
				  const char *text);

/* ---- heal_search_pair.c ---- */

void heal_search_progress_release(struct progress_list *pl);
void heal_search_note_progress(struct progress_list *pl, size_t idx,
			       const struct found *e);
/* Second edits after the candidates that made progress (pl): a winner
 * (owned by the caller) in *w: true; *rc -1 on an internal error. */
bool heal_search_second(struct ctx *c, const struct heal_gen *g,
			struct progress_list *pl, const struct heal_gen_site *site0,
			const struct heal_prior *prior, double share,
			struct heal_gen_cand *w, struct heal_error *err, int *rc);

#endif
