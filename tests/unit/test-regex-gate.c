/*
 * heal_regex_gate: the runs of byte classes a pattern's every match
 * holds.  A subject the pattern matches always meets its gate: checked on
 * a table of constructs, and on every regexp of heal's own pattern files
 * against the lines of the detect tests' logs.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_config_build.h"
#include "heal_json.h"
#include "heal_regex.h"
#include "heal_regex_gate.h"
#include "tap.h"
#include "textfix.h"

/* Whether pattern matches subject. */
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

static bool gate_met(const char *pattern, const char *subject, bool *has)
{
	struct heal_regex_gate g;

	*has = heal_regex_gate_init(&g, pattern, 0);
	return heal_regex_gate_met(&g, subject, strlen(subject));
}

static void test_cases(void)
{
	static const struct { const char *pattern, *subject; bool met; } cases[] = {
		/* GitHub's published matchers' shapes */
		{ "^([^:]+):(\\d+):(\\d+):\\s+(.*)$", "a.c:3:4: x", true },
		{ "^([^:]+):(\\d+):(\\d+):\\s+(.*)$", "[12:00:05] INFO x", false },
		{ "^([^:]+):(\\d+):(\\d+):\\s+(.*)$", "12:00:05Z x", false },
		{ "^(.+)\\((\\d+),(\\d+)\\):\\s(.*)$", "a.ts(3,14): error", true },
		{ "^(.+)\\((\\d+),(\\d+)\\):\\s(.*)$", "a.ts(3): error", false },
		{ "^(.*?):(\\d+):(\\d*):?\\s+(.*)$", "a.py:3: E1", true },
		{ "^(.*?):(\\d+):(\\d*):?\\s+(.*)$", "a.py:x: E1", false },
		/* repeats, counts, optional parts */
		{ "\\d{4}-\\d{2}", "2024-05", true },
		{ "\\d{4}-\\d{2}", "024-05", false },
		{ "\\d{2,}x", "123x", true },
		{ "\\d{2,}x", "1x", false },
		{ "\\d{10}z", "12345678901z", true },
		{ "ab?c", "ac", true },
		{ "a(?:bc)?d", "ad", true },
		{ "a(?:bc)+d", "abcbcd", true },
		{ "a(?:bc)+d", "ad", false },
		{ "(?:ab){2}c", "ababc", true },
		{ "(?:ab){2}c", "abc", false },
		{ "x[0-9]+:[a-f]+y", "x12:abcy", true },
		/* alternation */
		{ "a(b|cd)e", "acde", true },
		{ "(foo|bar)+baz", "foobarbaz", true },
		{ "(foo|bar)+baz", "fooba", false },
		{ "(?:error|warning): ", "warning: x", true },
		{ "(?:error|warning): ", "note: x", false },
		{ "(?:x|)y:\\d", "y:1", true },
		/* zero-width parts break nothing */
		{ "x(?=abc)y", "xy", true },
		{ "\\bfoo:\\d\\b", "a foo:1 b", true },
		{ "^foo:\\d$", "foo:1", true },
		{ "a\\Kb:\\d", "ab:1", true },
		/* back-references break a run */
		{ "(a+):\\1:\\d", "aa:aa:1", true },
		{ "(?<n>a):\\k<n>:\\d", "a:a:1", true },
		/* escapes and classes */
		{ "\\x41:\\d", "A:1", true },
		{ "\\x{41}:\\d", "A:1", true },
		{ "\\t:\\d", "\t:1", true },
		{ "[\\]x]:\\d", "]:1", true },
		{ "[]x]:\\d", "]:1", true },
		{ "[^]x]:\\d", "a:1", true },
		{ "[\\d-]:\\d", "-:1", true },
		{ "[a\\-z]:\\d", "-:1", true },
		{ "\\S+:\\d", "a:1", true },
		{ "\\w\\W\\d", "a 1", true },
		{ "\\h\\d\\v?", "\t1", true },
		{ "\\N:\\d", "x:1", true },
		{ "a\\.b:\\d", "a.b:1", true },
		{ "a\\.b:\\d", "axb:1", false },
		/* case */
		{ "(?i)error: \\d", "ERROR: 1", true },
		{ "(?i)[^a]:\\d", "A:1", false },
		{ "(?i)[^a]:\\d", "b:1", true },
		/* named groups */
		{ "(?<file>[^:]+):(?P<line>\\d+):(?'col'\\d+)", "a:1:2", true },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool has, met = gate_met(cases[i].pattern, cases[i].subject, &has);

		ok(met == cases[i].met, "gate of /%s/ %s met by '%s'", cases[i].pattern,
		   cases[i].met ? "is" : "is not", cases[i].subject);
		if (!cases[i].met)
			ok(has, "and /%s/ has one", cases[i].pattern);
		if (matches(cases[i].pattern, cases[i].subject))
			ok(met, "and /%s/ matches it", cases[i].pattern);
	}
}

/* What the reading does not know, or needs too little, gives no gate. */
static void test_none(void)
{
	static const char *const none[] = {
		"(?m)foo:\\d", "a(?i)B:\\d", "(?-i)a:\\d", "\\Qa:1\\E", "a{foo", "(a|b",
		"a)b", "(*UCP)a:\\d", "[[:alpha:]]:\\d", "(?#c)a:\\d", "(?(1)a|b):\\d",
		"\\p{Lu}:\\d", "\\012:\\d", "\xe2\x80\x98x:\\d", "^(.*)$", "^\\s*$", "a|",
		"(?:a:1|)", "^([^\\s].*)$", "x*", "*a", "a**", "a{,3}b",
	};
	size_t i;

	for (i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		struct heal_regex_gate g;

		ok(!heal_regex_gate_init(&g, none[i], 8) && g.n == 0,
		   "/%s/: no gate", none[i]);
		ok(heal_regex_gate_met(&g, "zzz", 3), "and every subject meets none");
	}
}

/* The runs a rarity floor keeps. */
static void test_bits(void)
{
	struct heal_regex_gate g, h;
	bool has = heal_regex_gate_init(&g, "^([^:]+):(\\d+):(\\d+):\\s+(.*)$", 8);

	ok(has && g.n == 1 && g.bits > 20,
	   "the problem matcher's run is rare (%.1f bits)", g.bits);
	ok(!heal_regex_gate_init(&h, "^(\\S+)\\s+(.*)$", 8), "a blank between words is not");
	ok(heal_regex_gate_init(&h, "(?:error|warning|info)\\s+(.*)", 8) && h.n == 3,
	   "an alternation: one run a branch (%zu)", h.n);
	ok(heal_regex_gate_or(&g, &h) && g.n == 4 && heal_regex_gate_met(&g, "info x", 6) &&
	   heal_regex_gate_met(&g, "a:1:2: x", 8) && !heal_regex_gate_met(&g, "nothing", 7),
	   "two gates as one: either's runs");
}

#define MAX_SUBJECTS 300

struct subjects {
	char *v[MAX_SUBJECTS];
	size_t n;
};

/* The lines of the .log files in dir, every step-th. */
static void add_logs(struct subjects *s, const char *dir, size_t step)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t seen = 0;

	while (d && (de = readdir(d)) != NULL && s->n < MAX_SUBJECTS) {
		char path[8192], *text, *line, *nl;
		size_t n = strlen(de->d_name), len;

		if (n < 5 || strcmp(de->d_name + n - 4, ".log") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (!(text = slurp(path, &len)))
			continue;
		for (line = text; *line && s->n < MAX_SUBJECTS; line = nl) {
			nl = strchr(line, '\n');
			nl = nl ? (*nl = '\0', nl + 1) : line + strlen(line);
			if (seen++ % step == 0)
				s->v[s->n++] = padded(line);
		}
		free(text);
	}
	if (d)
		closedir(d);
}

static void subjects_free(struct subjects *s)
{
	while (s->n)
		free(s->v[--s->n]);
}

struct tally {
	size_t npat, gated, checked, missed, turned;
};

/* Each of pattern's gated matches of s's lines. */
static void check_set(const char *rx, const struct heal_regex_gate *g,
		      struct heal_regex *re, const struct subjects *s,
		      struct tally *t)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		size_t n = strlen(s->v[i]);
		bool m = heal_regex_match(re, s->v[i], n, 0) == 1, met;

		/* how many it turns away: on the first lines */
		if (!m && i >= 4)
			continue;
		met = heal_regex_gate_met(g, s->v[i], n);
		t->turned += !met;
		if (!m)
			continue;
		t->checked++;
		if (!met && t->missed++ < 10)
			printf("# /%s/ matches '%s' but its gate is not met\n",
			       rx, s->v[i]);
	}
}

/* Every "regexp" string member in j, gated and matched against a's and
 * b's lines. */
static void check(const struct heal_json *j, const struct subjects *a,
		  const struct subjects *b, struct tally *t)
{
	const char *rx;
	size_t i;

	if (!j)
		return;
	if (j->type == HEAL_JSON_ARRAY) {
		for (i = 0; i < j->u.arr.n; i++)
			check(j->u.arr.v[i], a, b, t);
		return;
	}
	if (j->type != HEAL_JSON_OBJECT)
		return;
	for (i = 0; i < j->u.obj.n; i++)
		check(j->u.obj.m[i].val, a, b, t);
	if ((rx = heal_json_object_get_str(j, "regexp")) != NULL) {
		struct heal_regex_gate g;
		struct heal_regex re;

		t->npat++;
		if (!heal_regex_gate_init(&g, rx, 0) ||
		    heal_regex_compile(&re, rx, 0, NULL) < 0)
			return;
		t->gated++;
		check_set(rx, &g, &re, a, t);
		check_set(rx, &g, &re, b, t);
		heal_regex_release(&re);
	}
}

/*
 * Every regexp of heal's own pattern files, against the lines of its
 * tool's detect tests (tests/data/detect/TOOL for TOOL.json) and a sample
 * of the others'.
 */
static void test_shipped(void)
{
	const char *logs = HEAL_SOURCE_DATADIR "/../tests/data/detect";
	struct subjects common = { .n = 0 }, own = { .n = 0 };
	struct tally t = { 0 };
	DIR *d, *ld;
	struct dirent *de;

	if ((ld = opendir(logs)) != NULL) {
		while ((de = readdir(ld)) != NULL && common.n < 60) {
			char path[4096];

			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", logs, de->d_name);
			add_logs(&common, path, 53);
		}
		closedir(ld);
	}
	if ((d = opendir(HEAL_SOURCE_DATADIR "/patterns")) == NULL) {
		ok(0, "heal's own pattern files");
		return;
	}
	while ((de = readdir(d)) != NULL) {
		char path[4096], *text;
		size_t len, n = strlen(de->d_name);
		struct heal_json *doc;

		if (n < 6 || strcmp(de->d_name + n - 5, ".json") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", HEAL_SOURCE_DATADIR "/patterns",
			 de->d_name);
		if (!(text = slurp(path, &len)))
			continue;
		doc = heal_json_parse(text, len, NULL, NULL);
		snprintf(path, sizeof(path), "%s/%.*s", logs, (int)(n - 5), de->d_name);
		add_logs(&own, path, 1);
		check(doc, &own, &common, &t);
		subjects_free(&own);
		heal_json_free(doc);
		free(text);
	}
	closedir(d);
	subjects_free(&common);
	ok(t.npat > 1000, "heal's own pattern files' regexps: %zu", t.npat);
	ok(t.gated > t.npat / 2, "most have a gate: %zu", t.gated);
	ok(t.checked > 5000, "their matches on their tools' lines and others': %zu", t.checked);
	is_int(t.missed, 0, "every line a regexp matches meets its gate");
	ok(t.turned > t.checked, "and the gates turn away most of the first 4 lines of each set (%zu)", t.turned);
}

int main(void)
{
	test_cases();
	test_none();
	test_bits();
	test_shipped();
	return tap_done();
}
