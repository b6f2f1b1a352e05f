/*
 * heal_pattern_regexp.c - a matcher's regular expressions as heal-detect
 * compiles them (a Windows path's drive before a file group), and the
 * gate of a matcher without literals (heal_regex_gate.h), which the
 * prefilter's scan runs (heal_prefilter_gate.c).
 */
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_pattern.h"

/*
 * A file group written as most are, starting with a class that excludes
 * the colon ("(?<file>[^:\\s][^:]*", "(?<file>[^\\s:\\[]"), cannot read a
 * Windows path's drive ("C:\\src\\a.c:3:1: error:" of MinGW, MSYS2 and
 * MSVC, Maven's "/D:/src/A.java"): such a group takes an optional drive
 * first.  Returns the pattern
 * to compile (pattern itself, or *copy, the caller's to free).
 */
const char *heal_pattern_drive_letters(const char *pattern, char **copy)
{
	static const char head[] = "(?<file>[^";
	/* the drive, after a slash too (Maven's "/D:/src/A.java:[9,30]") */
	static const char drive[] = "(?:/?[A-Za-z]:(?=[\\\\/]))?";
	const size_t skip = sizeof("(?<file>") - 1;
	const char *at, *c;
	bool colon = false;
	size_t n;

	*copy = NULL;
	if (!(at = strstr(pattern, head)))
		return pattern;
	/* the class must exclude the colon: "[^:\\s]", "[^\\s:\\[]" */
	for (c = at + sizeof(head) - 1; *c && *c != ']'; c++) {
		if (*c == ':')
			colon = true;
		else if (*c == '\\' && c[1])
			c++;
	}
	if (!colon)
		return pattern;
	n = strlen(pattern);
	*copy = heal_malloc(n + sizeof(drive));
	memcpy(*copy, pattern, (size_t)(at - pattern) + skip);
	memcpy(*copy + (at - pattern) + skip, drive, sizeof(drive) - 1);
	memcpy(*copy + (at - pattern) + skip + sizeof(drive) - 1, at + skip,
	       n - (size_t)(at - pattern) - skip + 1);
	return *copy;
}

size_t heal_pattern_steps(const struct heal_json *pat,
			  const struct heal_json **one,
			  const struct heal_json *const **v)
{
	if (pat && pat->type == HEAL_JSON_OBJECT) {
		*one = pat;
		*v = one;
		return 1;
	}
	if (pat && pat->type == HEAL_JSON_ARRAY && pat->u.arr.n) {
		*v = (const struct heal_json *const *)pat->u.arr.v;
		return pat->u.arr.n;
	}
	return 0;
}

/* The least rarity of a gate worth its scan (heal_regex_gate.h): a line
 * holding a run of it one in 256 or rarer. */
#define GATE_MIN_BITS 8.0

/* The gate of step's regexp as it is compiled (heal_pattern_drive_letters). */
static bool step_gate(const struct heal_json *step, struct heal_regex_gate *g)
{
	const struct heal_json *rx = step && step->type == HEAL_JSON_OBJECT ?
		heal_json_object_get(step, "regexp") : NULL;
	char *copy;
	bool ok;

	if (!rx || rx->type != HEAL_JSON_STRING || !heal_json_string_is_cstr(rx))
		return false;
	ok = heal_regex_gate_init(g, heal_pattern_drive_letters(rx->u.str.s, &copy),
				  GATE_MIN_BITS);
	free(copy);
	return ok;
}

/*
 * A matcher without literals, even derived ones, gets a gate
 * (heal_prefilter_gate.c): the runs one of which each step that may start
 * it needs, as derive_literals takes them (a file-stack group's head
 * without one: its second step's, the head matched on the line before).
 * None when a step needs nothing rare enough.
 */
void heal_pattern_derive_gate(struct heal_pattern_matcher *m,
			      const struct heal_json *o)
{
	const struct heal_json *pat = heal_json_object_get(o, "pattern");
	const struct heal_json *const *v;
	struct heal_regex_gate *g, *h;
	size_t nv, i;
	bool ok = true, group;

	if ((nv = heal_pattern_steps(pat, &pat, &v)) == 0)
		return;
	g = heal_calloc(1, sizeof(*g));
	h = heal_malloc(sizeof(*h));
	for (i = 0; i < nv && ok; i++) {
		const struct heal_json *opt = v[i]->type == HEAL_JSON_OBJECT ?
			heal_json_object_get(v[i], "optional") : NULL;

		ok = i == 0 ? step_gate(v[i], g) :
		     step_gate(v[i], h) && heal_regex_gate_or(g, h);
		if (!opt || opt->type != HEAL_JSON_TRUE)
			break;
	}
	group = nv >= 2 && i == 0 && m->role == HEAL_ROLE_RECORD && !m->decode;
	if (group && ok)
		ok = step_gate(v[1], h) && heal_regex_gate_or(g, h);
	else if (group && !ok)
		ok = step_gate(v[1], g);
	if (ok)
		m->gate = g;
	else
		free(g);
	free(h);
}
