/*
 * make: GNU make reads the makefile and stops there.  Make has no
 * parse-only mode; this is one:
 *
 *   make --no-print-directory -n -f FILE SHELL=/bin/false
 *        --eval=.heal-parse-only: .heal-parse-only
 *
 * -n prints recipes instead of running them; the goal is an empty rule of
 * our own, so no recipe of the makefile is even expanded; SHELL=/bin/false
 * on the command line overrides the makefile's SHELL, so a $(shell ...)
 * expanded while reading, or a recipe make runs to remake an included
 * makefile (which -n does not stop), runs /bin/false and nothing else.
 * (A makefile that says 'override SHELL' runs its $(shell ...) calls as
 * the user's own make command does on every run.)
 *
 * The verdict: a makefile's own parse errors are "FILE:LINE: *** ...";
 * anything else make stops on (an included file that is missing or that
 * it could not remake, which a build makes first) says nothing about the
 * file's syntax: unavailable, not failed.
 */
#include <string.h>

#include "heal_check_int.h"

#define PARSE_GOAL ".heal-parse-only"

static enum heal_check_plan plan_make(const struct heal_check_target *t,
				      struct heal_check_argv *argv,
				      const char **why)
{
	(void)why;
	heal_check_argv_pushl(argv, "make", "--no-print-directory", "-n", "-f",
			      t->arg, "SHELL=/bin/false",
			      "--eval=" PARSE_GOAL ":", PARSE_GOAL, NULL);
	return HEAL_CHECK_RUN;
}

/* A line "FILE:LINE: *** ..." (make's error about a line of a makefile). */
static bool parse_error_line(const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);
	size_t i;

	if (!colon || colon == s)
		return false;
	i = (size_t)(colon - s) + 1;
	if (i >= n || s[i] < '0' || s[i] > '9')
		return false;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return n - i >= 6 && memcmp(s + i, ": *** ", 6) == 0;
}

static enum heal_check_status verdict_make(const struct heal_check_target *t,
					   const struct heal_spawn_result *res,
					   const char **detail)
{
	const char *p = res->out.data, *end = p ? p + res->out.len : NULL;

	(void)t;
	while (p && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (parse_error_line(p, n))
			return HEAL_CHECK_FAILED;
		p = nl ? nl + 1 : end;
	}
	*detail = "make stopped on something other than the makefile's syntax "
		  "(an included file a build makes first)";
	return HEAL_CHECK_UNAVAILABLE;
}

const struct heal_checker heal_checker_make = {
	.name = "make",
	.plan = plan_make,
	.verdict = verdict_make,
};
