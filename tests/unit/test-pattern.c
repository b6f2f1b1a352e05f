#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_pattern.h"
#include "tap.h"

static int load(struct heal_pattern_set *s, const char *json,
		struct heal_error *err)
{
	return heal_pattern_load_buffer(s, "t.json", json, strlen(json), NULL, err);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

/*
 * len bytes of random text: letters of alpha, and one of the nlit
 * literals in whole, one time in every (where it fits).
 */
static void random_text(char *text, size_t len, const char *alpha,
			const char *const *lit, size_t nlit, unsigned every,
			unsigned *seed)
{
	size_t i;

	for (i = 0; i < len; i++) {
		const char *l;

		*seed = *seed * 1103515245u + 12345u;
		l = lit[(*seed >> 20) % nlit];
		if ((*seed >> 16) % every == 0 && len - i > strlen(l)) {
			memcpy(text + i, l, strlen(l));
			i += strlen(l) - 1;
			continue;
		}
		text[i] = alpha[(*seed >> 16) % strlen(alpha)];
	}
}

/* heal_prefilter_scan agrees with a naive search for lits (NULL-ended). */
static void prefilter_vs_naive(const char *const *lits, size_t m, bool anchored)
{
	static const char alpha[] = "erorRO: xyE";
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_pattern_set s;
	struct heal_buf json;
	char text[600];
	size_t first[sizeof(text) + 1];
	unsigned seed = 12345;
	int round, bad = 0, hits = 0;
	size_t nlit, k;

	heal_buf_init(&json, 4096);
	heal_buf_puts(&json, "{\"problemMatcher\":[{\"owner\":\"x\",\"literals\":[");
	for (nlit = 0; lits[nlit]; nlit++)
		heal_buf_putf(&json, "%s\"%s\"", nlit ? "," : "", lits[nlit]);
	heal_buf_puts(&json, "],\"pattern\":[{\"regexp\":\"a\"}]}]}");
	heal_pattern_set_init(&s);
	ok(load(&s, heal_buf_str(&json), &err) == 0 &&
	   heal_pattern_set_finish(&s, &err) == 0 && !s.pf.all,
	   "prefilter literals load");
	is_int(s.pf.m, m, "the shortest literal has %zu bytes", m);
	for (round = 0; round < 300 && !bad; round++) {
		size_t len = (size_t)round * 2, start, i;

		/* long literals only appear planted; every other round the
		 * text is random letters alone */
		if (round % 2)
			random_text(text, len, alpha, lits, nlit, 24, &seed);
		else
			for (i = 0; i < len; i++) {
				seed = seed * 1103515245u + 12345u;
				text[i] = alpha[(seed >> 16) % (sizeof(alpha) - 1)];
			}
		/* first[i]: where the first literal at or after i begins
		 * (len: none), found naively once a round */
		first[len] = len;
		for (i = len; i-- > 0;) {
			first[i] = first[i + 1];
			for (k = 0; k < nlit; k++)
				if (strlen(lits[k]) <= len - i &&
				    memcmp(text + i, lits[k], strlen(lits[k])) == 0) {
					first[i] = i;
					break;
				}
		}
		for (start = 0; start <= len; start++) {
			size_t want = first[start];

			if (heal_prefilter_scan(&s.pf, text, len, start) != want) {
				bad = 1;
				fprintf(stderr, "# round %d start %zu: want %zu\n",
					round, start, want);
				break;
			}
			hits += want < len;
		}
	}
	ok(!bad && hits > 1000, "prefilter agrees with a naive search (%d hits)", hits);
	if (anchored)
		ok(s.pf.maxoff > 0, "some literal is looked for by an anchor inside it (%zu)",
		   s.pf.maxoff);
	heal_pattern_set_release(&s);
	heal_buf_release(&json);
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_pattern_set s;
	const char *v;
	size_t n;
	char dir[] = "/tmp/heal-test-pattern-XXXXXX", path[256];

	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":[{\"owner\":\"x\",\"pattern\":[{\"regexp\":\"a(b\"}]}]}",
		&err) < 0, "bad regex refused");
	is_int(err.code, HEAL_ERR_USAGE, "bad regex is a usage error");
	contains(err.msg, "t.json: problemMatcher[0].pattern[0].regexp: bad regular expression",
		 "message names the file and the field");
	heal_pattern_set_release(&s);

	/* at most HEAL_PATTERN_MAX_FILES files a set: the next one is refused,
	 * named, and the set keeps what it had */
	{
		static const char one[] = "{\"problemMatcher\":[{\"owner\":\"x\","
					  "\"pattern\":[{\"regexp\":\"^boom$\"}]}]}";
		size_t k, loaded = 0;

		heal_pattern_set_init(&s);
		for (k = 0; k < HEAL_PATTERN_MAX_FILES; k++)
			loaded += heal_pattern_load_buffer(&s, "f.json", one, strlen(one),
							   NULL, &err) == 0;
		is_int((int)loaded, HEAL_PATTERN_MAX_FILES, "every file up to the cap loads");
		ok(heal_pattern_load_buffer(&s, "last.json", one, strlen(one), NULL, &err) < 0 &&
		   err.code == HEAL_ERR_USAGE && strstr(err.msg, "last.json") &&
		   strstr(err.msg, "last.json: more than 256 pattern files"),
		   "one file past the cap: a usage error naming it (%s)", err.msg);
		is_int((int)s.nfiles, HEAL_PATTERN_MAX_FILES, "the set keeps its files");
		heal_pattern_set_release(&s);
	}

	/* a continuation only first, or only right after an earlier one's line */
	{
		static const char *const bad[][2] = {
			{ "{\"regexp\":\"a\",\"after\":0}", "continuation[0].after: must name an earlier item" },
			{ "{\"regexp\":\"a\",\"after\":-1}", "continuation[0].after: must be an integer" },
			{ "\"b\",{\"regexp\":\"a\",\"after\":1}", "continuation[1].after: must name an earlier item" },
			{ "\"b\",{\"regexp\":\"a\",\"after\":0,\"first\":true}", "exclude each other" },
			{ "{\"regexp\":\"a\",\"first\":1}", "continuation[0].first: must be true or false" },
		};
		char json[512];
		size_t k;

		for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
			snprintf(json, sizeof(json), "{\"problemMatcher\":[{\"owner\":\"x\","
				 "\"literals\":[\"e\"],\"continuation\":[%s],"
				 "\"pattern\":[{\"regexp\":\"e\"}]}]}", bad[k][0]);
			heal_pattern_set_init(&s);
			ok(load(&s, json, &err) < 0, "continuation %zu refused", k);
			contains(err.msg, bad[k][1], "and said why (%zu)", k);
			heal_error_clear(&err);
			heal_pattern_set_release(&s);
		}
		heal_pattern_set_init(&s);
		ok(load(&s, "{\"problemMatcher\":[{\"owner\":\"x\",\"literals\":[\"e\"],"
			"\"continuation\":[\"^\\\\^\",{\"regexp\":\"x\",\"first\":true},"
			"{\"regexp\":\"y\",\"after\":0}],\"pattern\":[{\"regexp\":\"e\"}]}]}",
			&err) == 0, "first and after load: %s", err.msg);
		ok(s.n == 1 && s.m[0].ncont == 3 && s.m[0].cont_after[0] == HEAL_CONT_ANY &&
		   s.m[0].cont_after[1] == HEAL_CONT_FIRST && s.m[0].cont_after[2] == 0,
		   "and are kept");
		heal_pattern_set_release(&s);
	}

	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":[{\"owner\":\"x\",\"pattern\":[{\"file\":1}]}]}",
		&err) < 0, "missing regexp refused");
	contains(err.msg, "t.json: problemMatcher[0].pattern[0].regexp: missing",
		 "missing regexp named");
	heal_pattern_set_release(&s);

	/* past the groups: loads, as on GitHub (the field stays empty) */
	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":[{\"owner\":\"x\",\"pattern\":[{\"regexp\":\"(a)\",\"line\":5,\"message\":7}]}]}",
		&err) == 0, "group past the regexp's loads");
	heal_pattern_set_release(&s);

	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":[{\"owner\":\"x\",\"pattern\":[{\"regexp\":\"(a)\",\"line\":-1}]}]}",
		&err) < 0, "negative group refused");
	contains(err.msg, "pattern[0].line: must be a group", "group index checked");
	heal_pattern_set_release(&s);

	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":[{\"owner\":\"x\",\"pattern\":[{\"regexp\":\"(a)\",\"file\":\"nope\"}]}]}",
		&err) < 0, "unknown group name refused");
	contains(err.msg, "no group named 'nope'", "group name checked");
	heal_pattern_set_release(&s);

	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":[{\"owner\":\"x\",\"severty\":\"error\",\"pattern\":[{\"regexp\":\"a\"}]}]}",
		&err) < 0, "unknown member refused");
	contains(err.msg, "problemMatcher[0]: unknown member 'severty'", "typo named");
	heal_pattern_set_release(&s);

	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":[{\"owner\":\"x\",\"severity_map\":{\"E\":\"bad\"},\"pattern\":[{\"regexp\":\"a\"}]}]}",
		&err) < 0, "bad severity map refused");
	heal_pattern_set_release(&s);

	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\": [", &err) < 0, "invalid JSON refused");
	contains(err.msg, "t.json", "invalid JSON names the file");
	heal_pattern_set_release(&s);

	/* a GitHub Actions problem matcher, as it is */
	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":[{\"owner\":\"eslint-compact\",\"pattern\":[{"
		"\"regexp\":\"^(.+):\\\\sline\\\\s(\\\\d+),\\\\scol\\\\s(\\\\d+),\\\\s(Error|Warning|Info)\\\\s-\\\\s(.+)\\\\s\\\\((.+)\\\\)$\","
		"\"file\":1,\"line\":2,\"column\":3,\"severity\":4,\"message\":5,\"code\":6}]}]}",
		&err) == 0, "GitHub problem matcher loads");
	ok(heal_pattern_set_finish(&s, &err) == 0, "finish");
	is_int(s.n, 1, "one matcher");
	is_str(s.m[0].tool, "eslint-compact", "tool defaults to the owner");
	/* no literals given: those its regexp needs are derived ("line") */
	ok(!s.pf.all, "literals derived from the regexp: prefilter built");
	ok(s.m[0].nliterals == 1 && strcmp(s.m[0].literals[0], "line") == 0,
	   "the clause with the longest shortest literal: 'line'");
	{
		const char *text = "[12:00:01] INFO fine\na.js: line 3, col 7, Error - Bad (no-x)\n";

		ok(heal_prefilter_scan(&s.pf, text, strlen(text), 0) ==
		   (size_t)(strstr(text, "line") - text), "prefilter finds the derived literal");
	}
	ok(heal_pattern_re_match(&s.m[0].steps[0].re, "a.js: line 3, col 7, Error - Bad thing (no-x)", 45),
	   "matches");
	ok(heal_pattern_get(&s.m[0].steps[0].re, HEAL_PF_FILE, &v, &n) && n == 4 &&
	   memcmp(v, "a.js", 4) == 0, "file group");
	ok(heal_pattern_get(&s.m[0].steps[0].re, HEAL_PF_CODE, &v, &n) && n == 4 &&
	   memcmp(v, "no-x", 4) == 0, "code group");
	heal_pattern_set_release(&s);

	/* GitHub's eslint-stylish matcher: the file line needs nothing, the
	 * group's problem lines one of error, warning, info */
	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":[{\"owner\":\"eslint-stylish\",\"pattern\":["
		"{\"regexp\":\"^([^\\\\s].*)$\",\"file\":1},"
		"{\"regexp\":\"^\\\\s+(\\\\d+):(\\\\d+)\\\\s+(error|warning|info)\\\\s+(.*)\\\\s\\\\s+(.*)$\","
		"\"line\":1,\"column\":2,\"severity\":3,\"message\":4,\"code\":5,\"loop\":true}]}]}",
		&err) == 0, "eslint-stylish matcher loads");
	ok(heal_pattern_set_finish(&s, &err) == 0, "finish");
	ok(!s.pf.all && s.m[0].nliterals == 3, "file-stack group: its problem lines' literals");
	ok(heal_pattern_literal_hit(&s.m[0], "  3:7  warning  x  no-y", 23) &&
	   !heal_pattern_literal_hit(&s.m[0], "src/app.js", 10), "the head line is not a candidate");
	heal_pattern_set_release(&s);

	/* an optional first step: a line may start the matcher with either */
	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":[{\"owner\":\"o\",\"pattern\":["
		"{\"regexp\":\"^WARN (.*)$\",\"message\":1,\"optional\":true},"
		"{\"regexp\":\"^ERROR (.*)$\",\"message\":1}]}]}", &err) == 0, "optional step loads");
	ok(heal_pattern_set_finish(&s, &err) == 0, "finish");
	ok(!s.pf.all && s.m[0].nliterals == 2 &&
	   heal_pattern_literal_hit(&s.m[0], "WARN x", 6) &&
	   heal_pattern_literal_hit(&s.m[0], "ERROR x", 7), "both steps' literals");
	heal_pattern_set_release(&s);

	/* nothing to derive (no literal of 4 bytes, or caseless): every line */
	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":[{\"owner\":\"g\",\"pattern\":[{\"regexp\":\"^(.*):(\\\\d+):(.*)$\","
		"\"file\":1,\"line\":2,\"message\":3}]},"
		"{\"owner\":\"i\",\"pattern\":[{\"regexp\":\"(?i)fatal error: (.*)$\",\"message\":1}]}]}",
		&err) == 0, "generic matchers load");
	ok(heal_pattern_set_finish(&s, &err) == 0, "finish");
	ok(s.pf.all && s.m[0].nliterals == 0 && s.m[1].nliterals == 0,
	   "no usable literal: the prefilter passes every line");
	heal_pattern_set_release(&s);

	/* named groups fill fields without indexes; literals build the prefilter */
	heal_pattern_set_init(&s);
	ok(load(&s, "{\"heal\":1,\"tool\":\"t\",\"problemMatcher\":[{\"owner\":\"x\",\"literals\":[\"boom\",\"crash\"],"
		"\"pattern\":[{\"regexp\":\"^(?<file>[^:]+):(?<line>\\\\d+): boom\"}]}]}", &err) == 0,
	   "heal format loads");
	ok(heal_pattern_set_finish(&s, &err) == 0, "finish");
	ok(!s.pf.all, "prefilter built");
	{
		const char *text = "nothing here\nstill nothing\nx.c:3: boom\n";
		size_t hit = heal_prefilter_scan(&s.pf, text, strlen(text), 0);

		ok(hit == (size_t)(strstr(text, "boom") - text), "prefilter finds the literal");
		is_int(heal_prefilter_scan(&s.pf, "no match at all", 15, 0), 15,
		       "prefilter: no literal gives len");
		ok(heal_pattern_literal_hit(&s.m[0], "a crash", 7), "literal hit");
		ok(!heal_pattern_literal_hit(&s.m[0], "fine", 4), "literal miss");
	}
	ok(heal_pattern_re_match(&s.m[0].steps[0].re, "x.c:3: boom", 11) &&
	   heal_pattern_get(&s.m[0].steps[0].re, HEAL_PF_LINE, &v, &n) && n == 1 &&
	   *v == '3', "named group line");
	heal_pattern_set_release(&s);

	/* a directory: *.json directly in it, never a subdirectory */
	ok(mkdtemp(dir) != NULL, "temp dir");
	snprintf(path, sizeof(path), "%s/a.json", dir);
	write_file(path, "{\"problemMatcher\":[{\"owner\":\"a\",\"literals\":[\"zzz\"],\"pattern\":[{\"regexp\":\"zzz\"}]}]}");
	snprintf(path, sizeof(path), "%s/rules", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/rules/r.json", dir);
	write_file(path, "{\"rules\": \"not a pattern file\"}");
	heal_pattern_set_init(&s);
	ok(heal_pattern_load_path(&s, dir, NULL, &err) == 0, "directory loads (rules/ skipped)");
	is_int(s.n, 1, "one matcher from the directory");
	heal_pattern_set_release(&s);
	heal_pattern_set_init(&s);
	ok(heal_pattern_load_path(&s, dir, "other", &err) == 0 && s.n == 0,
	   "--tool keeps only that tool's matchers");
	heal_pattern_set_release(&s);
	unlink(path);
	snprintf(path, sizeof(path), "%s/rules", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/a.json", dir);
	unlink(path);
	rmdir(dir);

	heal_pattern_set_init(&s);
	ok(heal_pattern_load_file(&s, "/nonexistent/x.json", NULL, &err) < 0 &&
	   err.code == HEAL_ERR_USAGE, "missing file is a usage error");
	contains(err.msg, "cannot open '/nonexistent/x.json'", "missing file named");
	heal_pattern_set_release(&s);

	/* control characters in a member name, a role, a decoder never reach
	 * the message raw (found by fuzz-pattern) */
	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":[{\"o\\u001b[31mwner\":\"x\",\"pattern\":[{\"regexp\":\"a\"}]}]}",
		&err) < 0 && !strchr(err.msg, 0x1b), "ESC in a member name is escaped");
	contains(err.msg, "unknown member 'o\\x1b[31mwner'", "and shown as \\x1b");
	heal_pattern_set_release(&s);
	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":[{\"\x7fowner\":\"x\",\"pattern\":[{\"regexp\":\"a\"}]}]}",
		&err) < 0 && !strchr(err.msg, 0x7f), "DEL in a member name is escaped");
	heal_pattern_set_release(&s);
	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":[{\"owner\":\"x\",\"role\":\"\\r\\u009b2J\",\"pattern\":[{\"regexp\":\"a\"}]}]}",
		&err) < 0 && !strchr(err.msg, '\r') && !strstr(err.msg, "\xc2\x9b"),
	   "CR and a C1 control in a role are escaped");
	heal_pattern_set_release(&s);

	/*
	 * The prefilter against a naive search: literals of several lengths
	 * sharing bigrams and trigrams, in random text over a small alphabet
	 * (so full shifts, zero shifts, filter misses and near misses all
	 * happen), at every start offset; with a shortest literal of 5 and
	 * of 4 bytes (shifts by trigrams, the filter's four bytes reaching
	 * back to the window's start) and of 3 (shifts by bigrams).
	 */
	{
		static const char *const sets[][7] = {
			{ "error: ", "or: x", "ERROR", "rror ", "e: xy", "x ere", NULL },
			{ "error: ", "or: ", "ERROR", "rr x", "e: xy", "x ere", NULL },
			{ "error: ", "or:", "ERROR", "rror ", "e: xy", "x e", NULL },
		};
		/* long literals whose anchors (their rarest bytes in logs)
		 * lie inside them, up to 8 bytes in: a literal found may have
		 * one that starts before it and is anchored after it */
		static const char *const far[] = {
			"error error: yE", "rror error: x", "ERROR: Oxy", "or: Ory",
			"eeeeeeeerE: x", "xerror: yE", "error", NULL,
		};
		size_t k;

		for (k = 0; k < sizeof(sets) / sizeof(sets[0]); k++)
			prefilter_vs_naive(sets[k], 5 - k, false);
		prefilter_vs_naive(far, 5, true);
	}

	/*
	 * A line's literals as ids (what the scan keeps of a candidate line):
	 * the matchers they give are those of a full pass over the line, or
	 * the ids say "unknown" (more than four literals).
	 */
	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":["
		"{\"owner\":\"a\",\"literals\":[\"error: \",\"or: x\"],\"pattern\":[{\"regexp\":\"a\"}]},"
		"{\"owner\":\"b\",\"literals\":[\"ERROR\",\"rror \"],\"pattern\":[{\"regexp\":\"b\"}]},"
		"{\"owner\":\"c\",\"literals\":[\"e: xy\",\"x ere\"],\"pattern\":[{\"regexp\":\"c\"}]}]}",
		&err) == 0 && heal_pattern_set_finish(&s, &err) == 0, "three matchers' literals load");
	{
		static const char alpha[] = "erorRO: xyE";
		static const char *const lits[] = { "error: ", "or: x", "ERROR",
						    "rror ", "e: xy", "x ere" };
		uint64_t lb[4], want[4], got[4], ids;
		char text[256];
		unsigned seed = 777;
		int round, bad = 0, known = 0, unknown = 0, none = 0;

		is_int(heal_prefilter_ids(&s.pf, "nothing here", 12, 0, lb) == HEAL_PF_IDS_NONE, 1,
		       "a line without a literal: no ids");
		ids = heal_prefilter_ids(&s.pf, "ERROR or: x", 11, 0, lb);
		ok(ids != HEAL_PF_IDS_UNKNOWN && (ids >> 16 & 0xffff) != 0xffff &&
		   (ids >> 32) == 0xffffffffu, "\"ERROR or: x\": two literals, two ids");
		ok(heal_prefilter_ids(&s.pf, "error: xy ERROR rror x ere", 26, 0, lb) ==
		   HEAL_PF_IDS_UNKNOWN, "more than four literals: unknown");
		for (round = 0; round < 20000 && !bad; round++) {
			size_t len = (size_t)(round % 60) + 1;

			random_text(text, len, alpha, lits, 6, 8, &seed);
			memset(want, 0, sizeof(want));
			memset(got, 0, sizeof(got));
			heal_prefilter_matchers(&s.pf, text, len, lb, want);
			ids = heal_prefilter_ids(&s.pf, text, len, 0, lb);
			if (ids == HEAL_PF_IDS_UNKNOWN) {
				unknown++;
				continue;
			}
			none += ids == HEAL_PF_IDS_NONE;
			known++;
			heal_prefilter_ids_matchers(&s.pf, ids, got);
			if (memcmp(want, got, s.pf.mwords * sizeof(uint64_t)) != 0) {
				bad = 1;
				fprintf(stderr, "# round %d: %.*s\n", round, (int)len, text);
			}
		}
		ok(!bad && known > 1000 && unknown > 10 && none > 100,
		   "ids give the matchers a full pass gives (%d known, %d none, %d unknown)",
		   known, none, unknown);
	}
	heal_pattern_set_release(&s);

	/*
	 * A line whose literals only matchers that start nothing have (role
	 * "ignore") is weak: the engine jumps over it while nothing is open.
	 * A literal an ignore matcher shares with a record's is not.
	 */
	heal_pattern_set_init(&s);
	ok(load(&s, "{\"problemMatcher\":["
		"{\"owner\":\"sum\",\"role\":\"ignore\",\"literals\":[\"1 error\",\"shared: \"],\"pattern\":[{\"regexp\":\"^1 error$\"}]},"
		"{\"owner\":\"rec\",\"literals\":[\"error: \",\"shared: \"],\"pattern\":[{\"regexp\":\"error: (?<message>.*)\"}]}]}",
		&err) == 0 && heal_pattern_set_finish(&s, &err) == 0, "an ignore matcher and a record's load");
	{
		uint64_t lb[4];

		ok(heal_prefilter_ids_weak(&s.pf, heal_prefilter_ids(&s.pf, "1 error", 7, 0, lb)),
		   "an ignore matcher's literal alone: weak");
		ok(!heal_prefilter_ids_weak(&s.pf, heal_prefilter_ids(&s.pf, "1 error: x", 10, 0, lb)),
		   "with a record's literal: not weak");
		ok(!heal_prefilter_ids_weak(&s.pf, heal_prefilter_ids(&s.pf, "shared: x", 9, 0, lb)),
		   "a literal both have: not weak");
		ok(!heal_prefilter_ids_weak(&s.pf, HEAL_PF_IDS_UNKNOWN) &&
		   !heal_prefilter_ids_weak(&s.pf, HEAL_PF_IDS_NONE),
		   "unknown ids and none (a generic candidate): not weak");
	}
	heal_pattern_set_release(&s);

	/*
	 * A prefilter of words (a language's, heal_locale.c): the first word
	 * in a text is where a search for each word finds the first one.
	 */
	{
		static char *words[] = { "erreur", "\xc3\xa9t\xc3\xa9", "ligne", "\xc3\xa0 ",
					 "attention", "fichier", "d\303\251finie" };
		static const char alpha[] = "erligntaf\xc3\xa9\xa0 :";
		struct heal_prefilter wp;
		char text[128];
		unsigned seed = 99;
		int round, bad = 0, hits = 0;

		memset(&wp, 0, sizeof(wp));
		heal_prefilter_words(&wp, words, 0);
		is_int(heal_prefilter_scan(&wp, "erreur", 6, 0), 0, "no words: every offset passes");
		heal_prefilter_words(&wp, words, sizeof(words) / sizeof(words[0]));
		for (round = 0; round < 20000 && !bad; round++) {
			size_t len = (size_t)(round % 100) + 1, k, want = len;

			random_text(text, len, alpha, (const char *const *)words, 7, 16, &seed);
			for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
				const char *p = memmem(text, len, words[k], strlen(words[k]));

				if (p && (size_t)(p - text) < want)
					want = (size_t)(p - text);
			}
			hits += want < len;
			if (heal_prefilter_scan(&wp, text, len, 0) != want)
				bad = 1;
		}
		ok(!bad && hits > 1000, "words: the first found is the first of any (%d hits)", hits);
		heal_prefilter_release(&wp);
	}
	return tap_done();
}
