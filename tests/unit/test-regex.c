#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_config_build.h"
#include "heal_json.h"
#include "heal_regex.h"
#include "tap.h"
#include "textfix.h"

/* Whether subject could match pattern by what heal_regex_need reads of it. */
static bool need_met(const char *pattern, const char *subject)
{
	struct heal_regex_need need;
	bool met;

	heal_regex_need_init(&need, pattern);
	met = heal_regex_need_met(&need, subject, strlen(subject));
	heal_regex_need_release(&need);
	return met;
}

/* Whether pattern matches subject (compiled as the rules compile it). */
static bool matches(const char *pattern, const char *subject)
{
	struct heal_regex re;
	bool m;

	if (heal_regex_compile(&re, pattern, 0, NULL) < 0)
		return false;
	m = heal_regex_match(&re, subject, strlen(subject), 0) == 1;
	heal_regex_release(&re);
	return m;
}

#define MAX_SUBJECTS 4000

/*
 * heal's own rules' message patterns against the lines of the corpus's
 * real outputs (each line, and what follows each ": " in it): a subject
 * a pattern matches always meets its need.
 */
static void test_need_shipped(void)
{
	const char *corpus = getenv("HEAL_CORPUS") ? getenv("HEAL_CORPUS") : "/work/shared/corpus";
	static char *subjects[MAX_SUBJECTS];
	size_t nsub = 0, i, k, checked = 0, missed = 0, filtered = 0, npat = 0;
	DIR *d;
	struct dirent *de;

	if ((d = opendir(corpus)) != NULL) {
		while ((de = readdir(d)) != NULL && nsub < MAX_SUBJECTS) {
			char path[4096], *text, *line, *nl;
			size_t len;

			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s/output.txt", corpus, de->d_name);
			if (!(text = slurp(path, &len)))
				continue;
			for (line = text; *line && nsub < MAX_SUBJECTS; line = nl) {
				char *p;

				nl = strchr(line, '\n');
				nl = nl ? (*nl = '\0', nl + 1) : line + strlen(line);
				subjects[nsub++] = padded(line);
				for (p = line; (p = strstr(p, ": ")) && nsub < MAX_SUBJECTS; p += 2)
					subjects[nsub++] = padded(p + 2);
			}
			free(text);
		}
		closedir(d);
	}
	if (nsub == 0) {
		ok(1, "# SKIP no corpus at %s", corpus);
		return;
	}
	if ((d = opendir(HEAL_SOURCE_DATADIR "/rules")) == NULL) {
		ok(0, "heal's own rules");
		return;
	}
	while ((de = readdir(d)) != NULL) {
		char path[4096], *text;
		size_t len;
		struct heal_json *doc;
		const struct heal_json *rules;

		if (!strstr(de->d_name, ".json"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", HEAL_SOURCE_DATADIR "/rules", de->d_name);
		if (!(text = slurp(path, &len)))
			continue;
		doc = heal_json_parse(text, len, NULL, NULL);
		rules = heal_json_object_get(doc, "rules");
		for (i = 0; rules && i < rules->u.arr.n; i++) {
			const char *pat = heal_json_object_get_str(rules->u.arr.v[i], "message");
			struct heal_regex_need need;
			struct heal_regex re;

			if (!pat || heal_regex_compile(&re, pat, 0, NULL) < 0)
				continue;
			npat++;
			heal_regex_need_init(&need, pat);
			for (k = 0; k < nsub; k++) {
				bool met = heal_regex_need_met(&need, subjects[k], strlen(subjects[k]));

				filtered += !met;
				if (heal_regex_match(&re, subjects[k], strlen(subjects[k]), 0) != 1)
					continue;
				checked++;
				if (!met) {
					missed++;
					printf("# /%s/ matches '%s' but its need is not met\n", pat, subjects[k]);
				}
			}
			heal_regex_need_release(&need);
			heal_regex_release(&re);
		}
		heal_json_free(doc);
		free(text);
	}
	closedir(d);
	for (k = 0; k < nsub; k++)
		free(subjects[k]);
	ok(npat > 100, "heal's own rules' message patterns: %zu", npat);
	ok(checked > 100, "matched against %zu corpus lines: %zu matches", nsub, checked);
	is_int(missed, 0, "every subject a pattern matches meets its need");
	ok(filtered > checked, "and the needs turn away most subjects (%zu)", filtered);
}

static void test_need(void)
{
	static const struct { const char *pattern, *subject; bool met; } cases[] = {
		{ "undefined reference to ", "x.c:(.text+0x1): undefined reference to `f'", true },
		{ "undefined reference to ", "multiple definition of `f'", false },
		{ "ab?c", "ac", true },
		{ "ab*c", "ac", true },
		{ "ab{0,2}c", "ac", true },
		{ "ab{1,2}c", "abc", true },
		{ "ab{1,2}c", "ac", false },
		{ "ab+c", "abbc", true },
		{ "ab+c", "ac", false },
		{ "ab??c", "ac", true },
		{ "(?:foo|bar)baz", "barbaz", true },
		{ "(?:foo|bar)baz", "quxbaz", false },
		{ "(?:foo|)baz", "xbaz", true },
		{ "(?:foo|bar)?baz", "baz", true },
		{ "(?:fo+|bar)baz", "fobaz", true },
		{ "(?<n>\\w+) was not declared", "x was not declared", true },
		{ "(?<n>\\w+) was not declared", "x undeclared", false },
		{ "x(?=abc)", "xyz", true },
		{ "x(?!abc)y", "xy", true },
		{ "(?<=ab)c", "zc", true },
		{ "(?i)Permission Denied", "PERMISSION DENIED", true },
		{ "(?i)permission denied|EACCES", "eacces", true },
		{ "(?i)permission denied|EACCES", "refused", false },
		{ "a\\.b", "a.b", true },
		{ "a\\.b", "axb", false },
		{ "a\\\\b", "a\\b", true },
		{ "[abc]def", "zdef", true },
		{ "[]x]def", "def", true },
		{ "[^']+' def", "' def", true },
		{ "(?<n>a)\\k<n>z", "az", true },
		{ "(?'n'a)\\g{n}z", "az", true },
		{ "\\x41B", "B", true },
		{ "\\x{41}B", "B", true },
		{ "\\p{Lu}B", "B", true },
		{ "\\012x", "x", true },
		{ "\\bword\\b", "a word", true },
		{ "\\d+ errors?", "3 error", true },
		{ "\xe2\x80\x98x\xe2\x80\x99", "\xe2\x80\x98x\xe2\x80\x99", true },
		{ "\xe2\x80\x98x", "'x", false },
		{ "x\xe2\x80\x99?y", "x\xe2\x80y", true },
		/* what it does not read needs nothing */
		{ "(?m)foo", "bar", true },
		{ "(?x) f o o", "foo", true },
		{ "a(?i)B", "ab", true },
		{ "\\Qa.b\\E", "zzz", true },
		{ "a{foo", "zzz", true },
		{ "(a|b", "zzz", true },
		{ "a)b", "zzz", true },
		{ "(*UCP)abc", "zzz", true },
		{ "[[:alpha:]]x", "zzz", true },
		{ "(?#note)abc", "zzz", true },
		{ "(?(1)a|b)c", "zzz", true },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ok(need_met(cases[i].pattern, cases[i].subject) == cases[i].met,
		   "need of /%s/ %s met by '%s'", cases[i].pattern,
		   cases[i].met ? "is" : "is not", cases[i].subject);
		/* a subject the pattern matches always meets the need */
		if (matches(cases[i].pattern, cases[i].subject))
			ok(need_met(cases[i].pattern, cases[i].subject),
			   "and /%s/ matches it", cases[i].pattern);
	}
}

/*
 * heal_regex_match fails some tries before PCRE2 is called (an anchored
 * pattern's first byte, the shortest subject): every pattern, subject and
 * start gives what PCRE2 itself says, JIT-compiled or not.
 */
static void test_quick_reject(void)
{
	static const char *const pats[] = {
		"^Traceback", "^(?i)error", "(?i)^warning: x", "^(?<s>error|warning)\\[?",
		"^\\s*--> (\\d+)", "^[a-z]+:", "^(?:a|)b", "^$", "^x?", "error: ",
		"^E\\d{4}", "^(?:Error|error|ERROR)\\b", "^.{3}z", "^\\xe9t\\xe9",
		"^(?i)\\xe9", "^(?=ab)a", "^\\Qa.b\\E", "^(?:)", "^[^:\\s]+:\\d",
	};
	static const char *const subj[] = {
		"", "E", "e", "error", "ERROR: x", "Error", "warning: x", "WARNING: X",
		"Traceback (most", "traceback", "  --> 12", "--> 3", "b", "ab", "a.b",
		"x", "xyz", "abcz", "E0425", "e0425", "\xe9t\xe9", "\xc9", "\xe9",
		"src/a.c:3", ":3", "warning[E1]", "error[", " error: x", "pre error: x",
	};
	size_t i, j, k, bad = 0, tried = 0;

	for (i = 0; i < sizeof(pats) / sizeof(pats[0]); i++) {
		struct heal_regex re;
		pcre2_code *raw;
		pcre2_match_data *md;
		int e;
		PCRE2_SIZE off;

		if (heal_regex_compile(&re, pats[i], 0, NULL) < 0) {
			ok(0, "compile /%s/", pats[i]);
			continue;
		}
		raw = pcre2_compile((PCRE2_SPTR)pats[i], PCRE2_ZERO_TERMINATED, 0,
				    &e, &off, NULL);
		md = pcre2_match_data_create_from_pattern(raw, NULL);
		/* twice over: JIT-compiled after HEAL_REGEX_JIT_AFTER tries
		 * (the first pass makes more than that) */
		for (k = 0; k < 2; k++)
			for (j = 0; j < sizeof(subj) / sizeof(subj[0]); j++) {
				char *p = padded(subj[j]);
				size_t n = strlen(subj[j]), st;

				for (st = 0; st <= n; st++) {
					int want = pcre2_match(raw, (PCRE2_SPTR)p, n, st, 0,
							       md, NULL) > 0;
					int got = heal_regex_match(&re, p, n, st) == 1;

					tried++;
					if (want != got && bad++ < 5)
						fprintf(stderr, "# /%s/ on \"%s\" from %zu: %d, PCRE2 %d\n",
							pats[i], subj[j], st, got, want);
				}
				free(p);
			}
		pcre2_match_data_free(md);
		pcre2_code_free(raw);
		heal_regex_release(&re);
	}
	ok(bad == 0, "quick rejects agree with PCRE2 (%zu tries)", tried);
	{
		struct heal_regex re;

		heal_regex_compile(&re, "^(?i)error", 0, NULL);
		ok(re.first_known && re.minlen == 5, "an anchored pattern's first byte and length are known");
		heal_regex_release(&re);
		heal_regex_compile(&re, "error: ", 0, NULL);
		ok(!re.first_known, "an unanchored pattern's first byte is not used");
		heal_regex_release(&re);
	}
}

/* rewrite(pattern) is want (NULL: left as written). */
static void rewrite_is(const char *pattern, const char *want)
{
	char *got = heal_regex_chars(pattern);

	if (!want)
		ok(!got, "chars: '%s' is left as written (got '%s')", pattern,
		   got ? got : "");
	else
		ok(got && strcmp(got, want) == 0,
		   "chars: '%s' -> '%s' (got '%s')", pattern, want,
		   got ? got : "(nothing)");
	free(got);
}

/* The first group of pattern's match on subject is want. */
static void group1_is(const char *pattern, const char *subject,
		      const char *want)
{
	struct heal_regex re;
	const char *g;
	size_t n;

	if (heal_regex_compile(&re, pattern, 0, NULL) < 0) {
		ok(0, "chars: '%s' compiles", pattern);
		return;
	}
	ok(heal_regex_match(&re, subject, strlen(subject), 0) == 1 &&
		   heal_regex_group(&re, 1, &g, &n) && n == strlen(want) &&
		   memcmp(g, want, n) == 0,
	   "chars: '%s' on '%s' captures '%s'", pattern, subject, want);
	heal_regex_release(&re);
}

/* Multi-byte characters in classes and under quantifiers are characters. */
static void test_chars(void)
{
	rewrite_is("[‘'`]", "(?:['`]|‘)");
	rewrite_is("[^‘']+", "(?:(?!‘)[^'])+");
	rewrite_is("[’']", "(?:[']|’)");
	rewrite_is("[└├│─ ]+", "(?:[ ]|└|├|│|─)+");
	rewrite_is("[^•]", "(?:(?!•)[\\x00-\\xff])");
	rewrite_is("─+x─", "(?:─)+x─");
	rewrite_is("a‘?b{2}", "a(?:‘)?b{2}");
	rewrite_is("[‘^]", "(?:[\\^]|‘)");
	rewrite_is("[]‘]", "(?:[]]|‘)");
	rewrite_is("[\\]‘]", "(?:[\\]]|‘)");
	rewrite_is("[[:alpha:]«]", "(?:[[:alpha:]]|«)");
	rewrite_is("[a-z0-9_]+‘", NULL);
	rewrite_is("[─-╿]", NULL);
	rewrite_is("[a-‘]", NULL);
	rewrite_is("\\[‘+\\]", "\\[(?:‘)+\\]");
	rewrite_is("\\[‘\\]+", NULL);
	rewrite_is("\\Q[‘]\\E", NULL);
	rewrite_is("(?#[‘])x", NULL);
	rewrite_is("[‘", NULL);
	rewrite_is("\xe2\x80[x]", NULL); /* a cut character is a byte */

	/* gcc's quotes: the name between them, whole */
	group1_is("In function [‘'`]([^‘'`]+)[’']",
		  "In function ‘main’:", "main");
	group1_is("In function [‘'`]([^‘'`]+)[’']",
		  "In function 'main':", "main");
	/* a dash or an ellipsis inside is no quote */
	group1_is("^[‘'`]([^’']+)[’']", "‘a—b…c’ x", "a—b…c");
	group1_is("^((?:─)+|─+)$", "───", "───");
	group1_is("^([└├│─ ]+)x", "│ └─ x", "│ └─ ");
	group1_is("^[^•]+• (.*)$", "error • Undefined name • lib/a.dart:3:5",
		  "Undefined name • lib/a.dart:3:5");
	/* what does not compile rewritten reports the writer's offset (the
	 * rewrite's would be 7) */
	{
		struct heal_error err = HEAL_ERROR_INIT;
		struct heal_regex re;

		ok(heal_regex_compile(&re, "[‘](", 0, &err) < 0 &&
			   strstr(err.msg, "offset 6:"),
		   "chars: an error names the pattern's own offset (%s)",
		   err.msg);
		heal_regex_release(&re);
	}
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_regex re;
	const char *s, *g;
	size_t n, len;
	char *big;

	test_need();
	test_need_shipped();
	test_quick_reject();
	test_chars();

	ok(heal_regex_compile(&re, "^(?<file>[^:]+):(\\d+):", 0, &err) == 0,
	   "compile");
	is_int(re.ngroups, 2, "group count");
	is_int(heal_regex_group_number(&re, "file"), 1, "named group number");
	is_int(heal_regex_group_number(&re, "nope"), -1, "unknown group name");
	s = "src/a.c:12: error";
	ok(heal_regex_match(&re, s, strlen(s), 0) == 1, "match");
	ok(heal_regex_group(&re, 1, &g, &n) && n == 7 && memcmp(g, "src/a.c", 7) == 0,
	   "group 1");
	ok(heal_regex_group(&re, 2, &g, &n) && n == 2 && memcmp(g, "12", 2) == 0,
	   "group 2");
	ok(!heal_regex_group(&re, 3, &g, &n), "no group 3");
	ok(heal_regex_match(&re, "nothing", 7, 0) == 0, "no match");
	s = "\xff\xfe:3: x";
	ok(heal_regex_match(&re, s, strlen(s), 0) == 1,
	   "invalid UTF-8 subject matches without error");
	heal_regex_release(&re);

	/* the name table: every syntax PCRE2 accepts, in name order */
	ok(heal_regex_compile(&re, "(?<zeta>a)(b)(?P<alpha>c)(?'mid_1'd)\\(?<not>x\\)[(?<nor>]", 0,
			      &err) == 0, "compile named groups");
	{
		uint32_t num = 0;

		is_int(heal_regex_name_count(&re), 3, "three names, escaped and bracketed ones aside");
		is_str(heal_regex_name(&re, 0, &num), "alpha", "first name");
		is_int(num, 3, "its group");
		is_str(heal_regex_name(&re, 1, &num), "mid_1", "second name");
		is_int(num, 4, "its group");
		is_str(heal_regex_name(&re, 2, NULL), "zeta", "third name, no group asked");
		ok(heal_regex_name(&re, 3, &num) == NULL, "out of range");
	}
	heal_regex_release(&re);
	ok(heal_regex_compile(&re, "(a)(b)", 0, &err) == 0 && heal_regex_name_count(&re) == 0,
	   "no names");
	heal_regex_release(&re);

	ok(heal_regex_compile(&re, "a(b", 0, &err) == -1 &&
	   err.code == HEAL_ERR_INPUT, "bad pattern is HEAL_ERR_INPUT");
	contains(err.msg, "bad regular expression at offset 3", "bad pattern message");
	heal_regex_release(&re);

	ok(heal_regex_compile(&re, "ERROR", HEAL_RE_CASELESS, &err) == 0 &&
	   heal_regex_match(&re, "an error", 8, 0) == 1, "caseless");
	heal_regex_release(&re);

	/* catastrophic backtracking is bounded */
	ok(heal_regex_compile(&re, "^(a+)+$", 0, &err) == 0, "compile (a+)+$");
	len = 5000;
	big = malloc(len + 2);
	memset(big, 'a', len);
	big[len] = '!';
	big[len + 1] = '\0';
	ok(heal_regex_match(&re, big, len + 1, 0) == 0, "catastrophic pattern gives no match");
	ok(re.limit_hits == 1, "and counts a limit hit");
	free(big);
	heal_regex_release(&re);
	heal_regex_release(NULL);
	return tap_done();
}
