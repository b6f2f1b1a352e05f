/*
 * heal_regex_gate.h - what every match of a pattern must contain, as runs
 * of byte classes.
 *
 * A pattern without a literal ("^([^:]+):(\\d+):(\\d+):\\s+(.*)$", a
 * GitHub problem matcher as published) still needs some bytes in a row: a
 * digit, a colon and a blank.  Its gate is a few such runs, one of which
 * every subject it matches holds: each run a sequence of positions, each
 * a set of bytes that may repeat ("\\d+" one position).  Found from the
 * pattern's text, in PCRE2's byte syntax (heal_regex.h): literals,
 * escapes, classes, groups, alternation, quantifiers, look-arounds and
 * anchors (zero-width); a pattern with another construct (inline options
 * past a leading (?i), \p, verbs, conditionals, a byte >= 0x80) has no
 * gate.  For skipping the lines a pattern cannot match without trying it.
 */
#ifndef HEAL_REGEX_GATE_H
#define HEAL_REGEX_GATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HEAL_GATE_MAXPOS 12         /* positions in a run */
#define HEAL_GATE_MAXRUNS 16        /* runs in a gate */

struct heal_gate_pos {
	uint64_t set[4];            /* the bytes it takes */
	bool rep;                   /* one or more of them */
	double bits;                /* how rare one of them is in a log */
};

struct heal_gate_run {
	size_t n;
	struct heal_gate_pos p[HEAL_GATE_MAXPOS];
};

struct heal_regex_gate {
	size_t n;                   /* 0: no gate (any subject may match) */
	struct heal_gate_run v[HEAL_GATE_MAXRUNS];
	double bits;                /* how rare a line holding one is in a
				       log, -log2 of its estimated chance */
};

/*
 * Fill g from pattern: false (g->n 0) when the pattern has a construct
 * this reading does not know, or needs nothing rarer than min_bits.
 */
bool heal_regex_gate_init(struct heal_regex_gate *g, const char *pattern,
			  double min_bits);
/* Add src's runs to dst (a subject then needs one of either's): false
 * when they do not fit (dst unchanged). */
bool heal_regex_gate_or(struct heal_regex_gate *dst,
			const struct heal_regex_gate *src);
/* Whether s[0..n) holds one of g's runs (a gate without runs: true). */
bool heal_regex_gate_met(const struct heal_regex_gate *g, const char *s,
			 size_t n);

#endif
