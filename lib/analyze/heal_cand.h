/*
 * heal_cand.h - candidate fixes, built by the fix-it converter, the rules
 * and the LLM client, and ranked by heal-analyze.
 *
 * A candidate holds the fix object it will become in a record's "fixes"
 * (heal-records(5)): edits, command, chmod or mkdir, plus description,
 * risk, verify and rollback.  The ranking fields (confidence, source, id)
 * are written into it by heal_cands_finish().
 */
#ifndef HEAL_CAND_H
#define HEAL_CAND_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_buf.h"
#include "heal_json.h"

enum heal_cand_source {
	HEAL_CAND_FIXIT,
	HEAL_CAND_RULE,
	HEAL_CAND_LLM,
	HEAL_CAND_SEARCH,        /* the repair search (heal_search.h) */
};

struct heal_cand {
	struct heal_json *fix;   /* owned */
	char *rule;              /* rule id, or NULL */
	enum heal_cand_source source;
	double prior;            /* confidence the producer gave */
	double confidence;       /* after learning */
	bool learned;            /* confidence was changed by outcomes */
	size_t order;            /* production order: the last tie-breaker */
	bool variant;            /* ranked by its Thompson draw (heal_learn.h) */
	double draw;             /* that draw */
	int64_t passed, failed;  /* the outcomes recorded for its rule */
	bool failed_here;        /* a fix of its rule (or source) for this
				  * error failed in this run (--skip): not
				  * taken on trust (heal_search.h) */
	char *why;               /* explanation for --explain, owned */
};

struct heal_cands {
	struct heal_cand *v;
	size_t n, cap;
};

void heal_cands_init(struct heal_cands *c);
void heal_cands_release(struct heal_cands *c);

/*
 * Add fix (ownership taken) from source with confidence conf; rule may be
 * NULL.  Returns the new candidate (valid until the next add).
 */
struct heal_cand *heal_cands_add(struct heal_cands *c, struct heal_json *fix,
				 enum heal_cand_source source,
				 const char *rule, double conf);

const char *heal_cand_source_name(enum heal_cand_source s);

/* A new fix object {"description":desc} owned by the caller. */
struct heal_json *heal_cand_new(const char *description);
/*
 * Append an edit {file,start,end,text,sha256} to fix's "edits" (created
 * when missing), keeping the edits ordered by start.
 */
void heal_cand_add_edit(struct heal_json *fix, const char *file, size_t start,
		       size_t end, const char *text, size_t text_len,
		       const char *sha256);

/*
 * Drop candidates whose action (edits, command, chmod, mkdir) repeats a
 * better one, sort best first (confidence, then source: fixit, rule, llm,
 * then production order), and write "id", "confidence", "source" and
 * "rule" into each fix.  Deterministic for the same input.
 */
void heal_cands_finish(struct heal_cands *c);

/*
 * Thompson sampling of variants (heal_learn.h): after the usual order, the
 * candidates marked variant are put in the places they hold among
 * themselves by their draw, highest first; the others keep theirs.
 * Called by heal_cands_finish before the ids are written.
 */
void heal_cands_order_variants(struct heal_cands *c);

/* Round a confidence to 3 decimals, as written in records. */
double heal_cand_round(double x);

#endif
