/*
 * heal_stats.h - statistics, health and learning counts from changelog
 * events.
 *
 * Feed events in changelog order with heal_stats_add().  Counting:
 *   incidents       distinct non-null incident ids
 *   fixes applied   distinct attempts (run, incident, fix_id,
 *                   attempt_number) with fix_applied, or with a
 *                   fix_validated or fix_failed from a validation (a fix
 *                   that was validated was applied, even when the
 *                   fix_applied event was logged elsewhere)
 *   succeeded       fix_validated events; failed: fix_failed events
 *   success rate    succeeded / (succeeded + failed), in percent
 *   mean time to heal  over incidents with both: seconds from the first
 *                   error_detected to the first healing_complete after it
 *
 * Health is computed per run (events with the same "run").  An incident
 * is open at the end of a run unless its last event in the run is
 * fix_validated or healing_complete.  Each open incident weighs
 *   w = s / 10, doubled when s >= 8 (a critical issue)
 * with s its analysis_severity (1-10), or from its severity: error 5,
 * warning 3, note 1 (5 when unknown).  The score is 1 / (1 + sum of w):
 * 1 with nothing open, 0.667 for one error of severity 5, 0.385 for one
 * critical issue of severity 8.  The status, worst first: failing when
 * score < 0.3; critical when a critical issue is open; warning when
 * score < 0.6; good when score < 0.8; excellent otherwise.  The current
 * health is the last run's; the trend compares the first and the last of
 * the last N runs.
 *
 * Learning: per rule, "passed" counts fix_validated events and "failed"
 * counts fix_failed events from validations (a refused fix says nothing
 * about its rule).  They are kept in .heal/learning.json beneath the root
 * as {"v":1,"rules":{"RULE-ID":{"passed":N,"failed":M}}}, read by
 * heal-analyze.
 */
#ifndef HEAL_STATS_H
#define HEAL_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_buf.h"
#include "heal_changelog.h"
#include "heal_error.h"
#include "heal_json.h"
#include "heal_root.h"

#define HEAL_LEARNING_FILE ".heal/learning.json"
/* Largest learning.json read. */
#define HEAL_LEARNING_MAX (16u << 20)

enum heal_health {
	HEAL_HEALTH_EXCELLENT,
	HEAL_HEALTH_GOOD,
	HEAL_HEALTH_WARNING,
	HEAL_HEALTH_CRITICAL,
	HEAL_HEALTH_FAILING,
};

struct heal_stats;

/* A new, empty accumulator owned by the caller (heal_stats_free). */
struct heal_stats *heal_stats_new(void);
/* Accepts NULL. */
void heal_stats_free(struct heal_stats *s);

/* Count one event (borrowed).  Events that are not objects are ignored. */
void heal_stats_add(struct heal_stats *s, const struct heal_json *event);
/* Add the events of an array. */
void heal_stats_add_all(struct heal_stats *s, const struct heal_json *events);
/* Record how many changelog lines the reader skipped. */
void heal_stats_note_skipped(struct heal_stats *s, size_t skipped);

/* Read the whole changelog into s. */
int heal_stats_load(struct heal_stats *s, struct heal_changelog *cl,
		    struct heal_error *err);

/* The statistics as one JSON line, or as text for people; appended. */
int heal_stats_write_json(const struct heal_stats *s, struct heal_buf *out,
			  struct heal_error *err);
int heal_stats_write_text(const struct heal_stats *s, struct heal_buf *out,
			  struct heal_error *err);

/* The current health status (the last run's; excellent with no runs). */
enum heal_health heal_stats_health(const struct heal_stats *s, double *score);
const char *heal_health_name(enum heal_health h);

/* The health and its trend over the last runs (>= 1), appended. */
int heal_stats_write_health_json(const struct heal_stats *s, size_t runs,
				 struct heal_buf *out, struct heal_error *err);
int heal_stats_write_health_text(const struct heal_stats *s, size_t runs,
				 struct heal_buf *out, struct heal_error *err);

/* Whether s holds learning counts (a validation outcome with a rule). */
bool heal_stats_has_learning(const struct heal_stats *s);

/*
 * Append events (an array) to cl; when they hold learning counts, add them
 * to learning.json beneath root in the same hold of the changelog's lock
 * (a missing or unreadable learning.json is rebuilt from the whole
 * changelog instead).  learning.json is replaced atomically (a temporary
 * file in .heal, fsync, rename).
 */
int heal_stats_append(struct heal_changelog *cl, const struct heal_root *root,
		      const struct heal_json *events, struct heal_error *err);

/* Derive learning.json again from the whole changelog. */
int heal_stats_rebuild_learning(struct heal_changelog *cl,
				const struct heal_root *root,
				struct heal_error *err);

#endif
