/*
 * heal_analyze.h - analysis of one error record: category, root cause and
 * ranked candidate fixes from the record's fix-its, the rules and (when
 * configured) an LLM, with confidences adjusted by learned outcomes; then,
 * when none of those proves itself with the language's checker, the repair
 * search (heal_search.h).
 */
#ifndef HEAL_ANALYZE_H
#define HEAL_ANALYZE_H

#include <stdbool.h>
#include <stdint.h>

#include "heal_buf.h"
#include "heal_cand.h"
#include "heal_error.h"
#include "heal_json.h"
#include "heal_learn.h"
#include "heal_llm.h"
#include "heal_root.h"
#include "heal_rules.h"
#include "heal_search.h"
#include "heal_source.h"

/* Default confidence of a compiler's own fix-it, and of shellcheck's. */
#define HEAL_FIXIT_CONFIDENCE 0.95
#define HEAL_FIXIT_SHELLCHECK_CONFIDENCE 0.9

struct heal_analyzer {
	const struct heal_root *root;      /* borrowed */
	struct heal_rules *rules;          /* borrowed */
	struct heal_llm *llm;              /* borrowed, may be NULL */
	struct heal_learn learn;
	struct heal_sources src;
	struct heal_error llm_warning;      /* the first LLM failure of the run,
					     * for the tool to report; it sets
					     * code back to HEAL_OK */
	bool llm_warned;                   /* llm_warning was set once */
	bool llm_off;                      /* the endpoint is unreachable: it
					     * is not asked again this run */
	struct heal_search *search;        /* NULL: no repair search */
	/* A/B of variants (heal_learn.h): the auto-apply threshold (default
	 * HEAL_AB_THRESHOLD, heal-fix's) and the seed (default 0) */
	double ab_threshold;
	uint64_t seed;
	/* fixes that failed in this run, "[ERR/]FIX" as heal-fix's --skip
	 * takes them (borrowed): their rules' candidates for that error are
	 * judged by the search, not taken on trust */
	const char *const *skip;
	size_t nskip;
};

#define HEAL_AB_THRESHOLD 0.85

/* A seed of the A/B draws: a decimal number up to 2^64-1; -1 if not one. */
int heal_analyze_parse_seed(const char *s, uint64_t *out);

/* The seed: opt when given (already checked), else HEAL_SEED, else 0;
 * -1 (and *out 0) when HEAL_SEED is set and not a number. */
int heal_analyze_seed(const char *opt, uint64_t *out);

/*
 * Set up an analyzer over root and rules.  The learning file is read here:
 * when it is unusable the analyzer still works, and the return is 1 with
 * err holding the warning; otherwise 0.
 */
int heal_analyzer_init(struct heal_analyzer *an, const struct heal_root *root,
		       struct heal_rules *rules, struct heal_llm *llm,
		       struct heal_error *err);
void heal_analyzer_release(struct heal_analyzer *an);

/*
 * Use the repair search (heal_search.h) with options o after the fix-its,
 * the rules and the LLM.  Off until this is called.
 */
void heal_analyzer_set_search(struct heal_analyzer *an,
			      const struct heal_search_opts *o);

/*
 * Add "analysis" and "fixes" to the error record rec (replacing earlier
 * ones; every other member is kept as it is).  explain, when not NULL,
 * gets text saying why each candidate got its rank.  Fails only on an
 * internal error; an LLM failure is noted in explain and, the first of
 * the run, in an->llm_warning.  After a failed connection (HEAL_ERR_IO)
 * the LLM is not asked again.
 */
int heal_analyze_record(struct heal_analyzer *an, struct heal_json *rec,
			struct heal_buf *explain, struct heal_error *err);

#endif
