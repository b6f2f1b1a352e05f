/*
 * heal_search.h - the repair search: when the rules and the tool's own
 * fix-its give no fix that proves itself, look for a small edit at the
 * error's place that the language's own checker accepts.
 *
 * For an error record with a file, a line and a message, in a file whose
 * language has a syntax checker (lib/check):
 *
 *   1. the original file is checked in a private copy of the project: the
 *      checker must report the record's error (same line and message),
 *      else the search does not apply (a run-time error, a link error);
 *   2. the best candidates already found (fix-its, rules) are judged the
 *      same way: one that proves itself ends the search;
 *   3. the generator's edits (heal_gen.h), best by the learned priors
 *      first, are judged one by one (or several at once, in threads, each
 *      in its own copy) until one is good or the budget is spent: at most
 *      max_runs checker runs and max_seconds of time per error.
 *
 * A candidate is good when the checker's run no longer reports the target
 * error, reports no error the original did not (lines after the edit
 * compared as they move) nor a new warning, and the edit loses no code (a name, a number, a
 * literal deleted without one put back: refused whatever the checker
 * says).  The first good one is the cheapest by the prior among those
 * tried; it becomes an ordinary candidate fix (source "search") that
 * heal-fix applies and heal-validate proves like any other.  Candidates
 * of fix-its or rules that the checker refused are ranked below it.
 */
#ifndef HEAL_SEARCH_H
#define HEAL_SEARCH_H

#include <stdbool.h>

#include "heal_buf.h"
#include "heal_cand.h"
#include "heal_error.h"
#include "heal_json.h"
#include "heal_prior.h"
#include "heal_root.h"
#include "heal_source.h"

#define HEAL_SEARCH_RUNS_DEFAULT 80
#define HEAL_SEARCH_SECONDS_DEFAULT 20.0
#define HEAL_SEARCH_TOTAL_DEFAULT 60.0
#define HEAL_SEARCH_JOBS_DEFAULT 1
#define HEAL_SEARCH_RUNS_MAX 10000
#define HEAL_SEARCH_JOBS_MAX 16
/* Confidence of a fix the search found (heal-fix's default minimum is 0.85) */
#define HEAL_SEARCH_CONFIDENCE 0.9
/* A fix-it or rule candidate this confident (the tool's own fix-it, a
 * missing include, the compiler's "did you mean") is taken on trust: no
 * checker run, no search, unless a fix of its rule failed for the error
 * in this run (heal_cand.failed_here). */
#define HEAL_SEARCH_TRUST 0.92
/* Confidence a refused fix-it or rule candidate is lowered to, at most */
#define HEAL_SEARCH_REFUSED_CONFIDENCE 0.5
/* Candidates of fix-its and rules judged before searching */
#define HEAL_SEARCH_JUDGE_EXISTING 2

struct heal_search_opts {
	bool enabled;
	bool wide;               /* also any other name of the file in place of
				  * the one at the caret (a guess at meaning,
				  * not a typo): off by default */
	unsigned max_runs;       /* checker runs per error, the original's included */
	double max_seconds;      /* per error */
	double total_seconds;    /* per run (one heal-analyze): past it, the
				  * errors left get no search */
	unsigned jobs;           /* checker runs at once */
};

/* The defaults (the search on, not wide), then HEAL_SEARCH (0: off),
 * HEAL_SEARCH_WIDE (1: wide), HEAL_SEARCH_TOTAL,
 * HEAL_SEARCH_RUNS, HEAL_SEARCH_SECONDS and HEAL_SEARCH_JOBS from the
 * environment; -1 with err for a bad value. */
int heal_search_opts_init(struct heal_search_opts *o, struct heal_error *err);

/* An option: name "search-runs", "search-seconds", "search-total" or
 * "search-jobs" and its
 * value as given; -1 with err (HEAL_ERR_USAGE) for a bad value. */
int heal_search_opts_set(struct heal_search_opts *o, const char *name,
			 const char *value, struct heal_error *err);

struct heal_search;

/* A search over root (borrowed; must outlive it). */
struct heal_search *heal_search_new(const struct heal_root *root,
				    const struct heal_search_opts *o);
void heal_search_free(struct heal_search *s);

/* What one search did, for the caller's statistics. */
struct heal_search_stats {
	unsigned runs;           /* checker runs */
	double seconds;
	bool applied;            /* the search ran (the checker saw the error) */
	bool found;              /* it added a candidate */
	bool existing_good;      /* a fix-it's or rule's candidate proved itself */
};

/*
 * Search for a fix of error record rec in file_rel (root-relative, read
 * through src) and add it to cands.  explain (may be NULL) gets each
 * candidate tried with the checker's verdict and why the winner won.
 * Returns 0 (whether or not a fix was found), -1 on an internal error.
 */
int heal_search_record(struct heal_search *s, struct heal_sources *src,
		       const struct heal_json *rec, const char *file_rel,
		       struct heal_cands *cands, struct heal_buf *explain,
		       struct heal_search_stats *stats, struct heal_error *err);

struct heal_pattern_set;

/* The root searched; heal's patterns, loaded on first use (-1 with err). */
const struct heal_root *heal_search_root(const struct heal_search *s);
int heal_search_patterns(struct heal_search *s, const struct heal_pattern_set **ps,
			 struct heal_error *err);

/*
 * Ask the tool that reported rec for its own fix (heal_ask.c): for a
 * shellcheck record, `shellcheck -f json1 -i CODE` on file_rel (root-
 * relative, inside the root).  *fixits is the fix-its of the finding with
 * rec's id (owned by the caller), or NULL when the tool has none or could
 * not be asked (explain says which).  Returns 0.
 */
int heal_search_ask_fixits(struct heal_search *s, const struct heal_json *rec,
			   const char *file_rel, struct heal_json **fixits,
			   struct heal_buf *explain, struct heal_error *err);

#endif
