/*
 * heal_learn.h - learning from outcomes: per-rule pass/fail counts kept by
 * heal-log in .heal/learning.json ({"v":1,"rules":{"ID":{"passed":N,
 * "failed":M}}}) adjust the confidence of the rules' fixes.
 *
 * A rule's confidence c is taken as the mean of a Beta prior worth
 * HEAL_LEARN_WEIGHT observations, Beta(c*W, (1-c)*W); after P passes and F
 * failures the posterior mean is (c*W + P) / (W + P + F).  A 0.9 rule
 * that fails twice drops to 0.82, below heal-fix's 0.85 threshold; one
 * that keeps passing rises towards 1.
 *
 * A missing file means no data.  An unreadable or malformed file is
 * ignored (the priors stand) and reported once, as a warning, by the tool:
 * learning only ever tunes ranking, so a bad file must not stop analysis.
 */
#ifndef HEAL_LEARN_H
#define HEAL_LEARN_H

#include <stdbool.h>
#include <stdint.h>

#include "heal_error.h"
#include "heal_json.h"
#include "heal_root.h"

#define HEAL_LEARN_FILE ".heal/learning.json"
/*
 * The counts of the other projects of a shared store, in the same shape,
 * written by heal-log --store-pull; added to the project's own.
 */
#define HEAL_LEARN_FLEET_FILE ".heal/learning-fleet.json"
#define HEAL_LEARN_MAX_FILE (4u << 20)
#define HEAL_LEARN_WEIGHT 20.0

struct heal_learn {
	struct heal_json *rules;    /* the "rules" object, or NULL */
	struct heal_json *fleet;    /* the fleet file's, or NULL */
};

void heal_learn_init(struct heal_learn *l);
/*
 * Read HEAL_LEARN_FILE beneath root, and HEAL_LEARN_FLEET_FILE when there
 * is one.  0 when read or missing; -1 with err set when one exists but
 * cannot be used (l then holds the data of the other).
 */
int heal_learn_load(struct heal_learn *l, const struct heal_root *root,
		    struct heal_error *err);
/* As heal_learn_load, from a file's text. */
int heal_learn_parse(struct heal_learn *l, const char *text, size_t len,
		     struct heal_error *err);
void heal_learn_release(struct heal_learn *l);

/* The counts for rule, the project's and the fleet's: true when any. */
bool heal_learn_counts(const struct heal_learn *l, const char *rule,
		       int64_t *passed, int64_t *failed);

/* The posterior mean confidence (see above). */
double heal_learn_posterior(double prior, int64_t passed, int64_t failed);

/*
 * A/B of fix variants.  When one error has several candidates from rules
 * (variants: "cd dir || exit" or "|| return", an #include or a prototype)
 * whose posterior means reach the auto-apply threshold and at least one
 * has recorded outcomes, they are ranked by Thompson sampling: each gets a
 * draw from its Beta posterior, Beta(c*W + P, (1-c)*W + F), and the
 * highest draw goes first.  A variant that does well is picked more often,
 * one with few trials still gets picked now and then.  A variant below
 * the threshold is never moved above one that reaches it: heal-fix would
 * not apply it without approval anyway.
 *
 * The random numbers come from a splitmix64 stream seeded with the seed
 * given (--seed, HEAL_SEED) mixed with the error's id, so a run is
 * reproducible: the same input, learning file and seed give the same
 * ranking.
 */
struct heal_learn_rng {
	uint64_t s;
};

/* Seed r from seed and the text key (the error id; may be NULL). */
void heal_learn_rng_seed(struct heal_learn_rng *r, uint64_t seed,
			 const char *key);
/* A uniform double in (0, 1). */
double heal_learn_rng_uniform(struct heal_learn_rng *r);
/* A draw from the Beta posterior of a variant (see above). */
double heal_learn_sample(struct heal_learn_rng *r, double prior,
			 int64_t passed, int64_t failed);

#endif
