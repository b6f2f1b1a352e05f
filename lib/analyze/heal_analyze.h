/*
 * heal_analyze.h - analysis of one error record: category, root cause and
 * ranked candidate fixes from the record's fix-its, the rules and (when
 * configured) an LLM, with confidences adjusted by learned outcomes.
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
	/* A/B of variants (heal_learn.h): the auto-apply threshold (default
	 * HEAL_AB_THRESHOLD, heal-fix's) and the seed (default 0) */
	double ab_threshold;
	uint64_t seed;
};

#define HEAL_AB_THRESHOLD 0.85

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
 * Add "analysis" and "fixes" to the error record rec (replacing earlier
 * ones; every other member is kept as it is).  explain, when not NULL,
 * gets text saying why each candidate got its rank.  Fails only on an
 * internal error; an LLM failure is noted in explain and otherwise
 * ignored.
 */
int heal_analyze_record(struct heal_analyzer *an, struct heal_json *rec,
			struct heal_buf *explain, struct heal_error *err);

#endif
