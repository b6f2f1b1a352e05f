/*
 * heal_regex.h - PCRE2 patterns with JIT and bounded matching.
 *
 * Patterns work on bytes (no UTF mode): any input, invalid UTF-8 and NUL
 * included, is matched without error, and a literal multi-byte character
 * in a pattern (a curly quote) matches its UTF-8 bytes.  "." and
 * one-byte classes match single bytes; a class with a multi-byte member,
 * or such a character under a quantifier, is rewritten to mean the
 * character (heal_regex_chars).  A pattern is JIT-compiled once it has
 * been matched HEAL_REGEX_JIT_AFTER times: a short log never pays for
 * compiling code it would run a few times, a long one runs at JIT speed.
 * Every
 * match runs under a match limit and a depth limit, so no subject costs
 * more than a bounded time, whatever the pattern (user pattern files
 * included).  A match that hits a limit counts as no match and is counted
 * in `limit_hits`.
 */
#ifndef HEAL_REGEX_H
#define HEAL_REGEX_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heal_error.h"

#define HEAL_REGEX_MATCH_LIMIT 200000u
#define HEAL_REGEX_JIT_AFTER 64u
#define HEAL_REGEX_DEPTH_LIMIT 5000u

enum {
	HEAL_RE_CASELESS = 1 << 0,
	HEAL_RE_ANCHORED = 1 << 1,
};

struct heal_regex {
	pcre2_code *code;
	pcre2_match_data *md;
	uint32_t ngroups;          /* capture groups, not counting group 0 */
	bool jit;                  /* JIT-compiled (tried once) */
	bool jit_tried;
	unsigned long matches;     /* matches attempted */
	unsigned long limit_hits;
	const char *subject;       /* of the last successful match */
	/* what an anchored pattern's match must start with (a bit per
	 * byte), and the shortest subject any match needs: a try that
	 * cannot match fails before PCRE2 is called */
	bool first_known;
	uint8_t first[32];
	uint32_t minlen;
};

/*
 * Compile pattern (NUL-terminated) with HEAL_RE_* flags.  On a bad
 * pattern returns -1 with HEAL_ERR_INPUT and "bad regular expression at
 * offset N: reason".
 */
int heal_regex_compile(struct heal_regex *re, const char *pattern,
		       unsigned flags, struct heal_error *err);
/*
 * pattern with its multi-byte UTF-8 characters made characters: a class
 * with one ("[‘'`]", "[^‘']") an alternation, one under a quantifier
 * ("─+") a group.  NULL when nothing needed it; else free() the result.
 */
char *heal_regex_chars(const char *pattern);

/* Free; accepts NULL and a regex that failed to compile. */
void heal_regex_release(struct heal_regex *re);

/*
 * Free the calling thread's match context and JIT stack (made on its first
 * match): a thread that matched calls it before it ends.
 */
void heal_regex_thread_end(void);

/*
 * Match against subject[0..len) from byte offset start.  1: matched (the
 * groups are available until the next match); 0: no match, or a limit was
 * hit.
 */
int heal_regex_match(struct heal_regex *re, const char *subject, size_t len,
		     size_t start);

/*
 * Group i of the last match (0 = the whole match): true and its start and
 * length when it took part in the match, false otherwise.
 */
bool heal_regex_group(const struct heal_regex *re, uint32_t i,
		      const char **start, size_t *len);

/* The number of the named group, or -1 when the pattern has no such name. */
int heal_regex_group_number(const struct heal_regex *re, const char *name);

/*
 * The named groups of a compiled pattern, from PCRE2's name table (so
 * every syntax PCRE2 accepts for a name counts, and nothing else does):
 * heal_regex_name_count gives how many, heal_regex_name the i-th (0-based,
 * in name order) and, when group is not NULL, its group number.  The name
 * is borrowed from the pattern, valid until heal_regex_release; NULL when
 * i is out of range.
 */
uint32_t heal_regex_name_count(const struct heal_regex *re);
const char *heal_regex_name(const struct heal_regex *re, uint32_t i,
			    uint32_t *group);

/*
 * What every match of a pattern must contain, found from its text without
 * compiling it: a list of clauses, each a few literals one of which the
 * subject must hold (ASCII case folded when the pattern starts with (?i)).
 * Found for the plain syntax rules use (literal bytes, escaped
 * punctuation, classes, groups, alternation, quantifiers, look-arounds);
 * a pattern with any other construct (inline options past a leading
 * (?i), \Q, verbs, conditionals, a brace that is not a quantifier) needs
 * nothing, and every subject may match.  For skipping the compilation of
 * a pattern a subject cannot match.
 */
struct heal_regex_need {
	struct heal_regex_clause *v;
	size_t n;
	char *text;                 /* the literals the clauses point into */
	bool caseless;
};

/* Fill need from pattern (compiled without flags).  Release it. */
void heal_regex_need_init(struct heal_regex_need *need, const char *pattern);
void heal_regex_need_release(struct heal_regex_need *need);
/*
 * The clauses of need one at a time: heal_regex_need_clause gives how many
 * literals clause i has (0 past the last), heal_regex_need_literal its
 * j-th (not terminated: *len bytes; NULL out of range).
 */
size_t heal_regex_need_clause(const struct heal_regex_need *need, size_t i);
const char *heal_regex_need_literal(const struct heal_regex_need *need,
				    size_t i, size_t j, size_t *len);
/* Whether subject[0..len) holds what need asks (false: it cannot match). */
bool heal_regex_need_met(const struct heal_regex_need *need, const char *subject,
			 size_t len);

#endif
