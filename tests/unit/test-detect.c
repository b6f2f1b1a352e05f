#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_buf.h"
#include "heal_data.h"
#include "heal_detect.h"
#include "heal_detect_int.h"
#include "heal_json.h"
#include "heal_pattern.h"
#include "heal_root.h"
#include "tap.h"

#define MAXREC 64

struct sink {
	struct heal_json *r[MAXREC];
	size_t n;
};

static int collect(void *ctx, struct heal_json *rec, struct heal_error *err)
{
	struct sink *s = ctx;

	(void)err;
	if (s->n < MAXREC)
		s->r[s->n++] = rec;
	else
		heal_json_free(rec);
	return 0;
}

static void sink_clear(struct sink *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		heal_json_free(s->r[i]);
	s->n = 0;
}

/* heal's own patterns loaded eagerly (ps) and lazily (lazy_ps) */
static struct heal_pattern_set ps, lazy_ps;
static struct heal_root root;
static unsigned runs, lazy_differs;

static int detect(const struct heal_pattern_set *set, struct sink *s,
		  const char *text, size_t len, bool one_byte_feeds,
		  struct heal_error *err)
{
	struct heal_detect_options o = { 0 };
	struct heal_detect *d;
	size_t i;
	int rc;

	sink_clear(s);
	o.patterns = set;
	o.root = &root;
	o.emit = collect;
	o.emit_ctx = s;
	o.max_line = 4096;
	d = heal_detect_new(&o);
	rc = heal_detect_begin(d, "<test>", err);
	if (one_byte_feeds)
		for (i = 0; rc == 0 && i < len; i++)
			rc = heal_detect_feed(d, text + i, 1, err);
	else if (rc == 0)
		rc = heal_detect_feed(d, text, len, err);
	if (rc == 0)
		rc = heal_detect_finish(d, err);
	heal_detect_free(d);
	return rc;
}

static char *serialize_all(const struct sink *s)
{
	struct heal_buf b;
	size_t i;

	heal_buf_init(&b, 64u << 20);
	for (i = 0; i < s->n; i++) {
		heal_json_serialize(&b, s->r[i], NULL);
		heal_buf_putc(&b, '\n');
	}
	return heal_buf_detach(&b, NULL);
}

/* Every input goes through the lazily loaded patterns too: the same records. */
static void run(struct sink *s, const char *text, size_t len, bool one_byte_feeds)
{
	struct heal_error err = HEAL_ERROR_INIT;
	char *lazy, *eager;

	detect(&lazy_ps, s, text, len, one_byte_feeds, &err);
	lazy = serialize_all(s);
	detect(&ps, s, text, len, one_byte_feeds, &err);
	eager = serialize_all(s);
	runs++;
	if (strcmp(lazy, eager) != 0) {
		lazy_differs++;
		fprintf(stderr, "# lazy:  %s# eager: %s", lazy, eager);
	}
	free(lazy);
	free(eager);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
}

/* A matcher that does not compile, loaded lazily: an error when first used. */
static void test_lazy_error(const char *dir)
{
	static const char bad[] =
		"{\"problemMatcher\":[{\"owner\":\"boom\",\"literals\":[\"BOOM\"],"
		"\"pattern\":[{\"regexp\":\"BOOM((\"}]}]}\n";
	struct heal_error err = HEAL_ERROR_INIT, eager = HEAL_ERROR_INIT;
	struct heal_pattern_set set;
	struct sink s = { { 0 }, 0 };
	char pdir[512], path[600];

	snprintf(pdir, sizeof(pdir), "%s/patterns", dir);
	mkdir(pdir, 0755);
	write_file(pdir, "bad.json", bad);
	snprintf(path, sizeof(path), "%s/bad.json", pdir);
	heal_pattern_set_init(&set);
	ok(heal_pattern_load_dir(&set, pdir, NULL, 0, &eager) < 0 &&
	   eager.code == HEAL_ERR_USAGE, "eagerly, a bad regex fails the load");
	contains(eager.msg, "bad.json: problemMatcher[0].pattern[0].regexp: bad regular expression",
		 "named by file and field");
	heal_pattern_set_release(&set);
	heal_pattern_set_init(&set);
	ok(heal_pattern_load_dir(&set, pdir, NULL, HEAL_PATTERN_LAZY, &err) == 0 &&
	   heal_pattern_set_finish(&set, &err) == 0, "lazily, the load succeeds");
	ok(detect(&set, &s, "all well\n", 9, false, &err) == 0 && s.n == 0,
	   "a line the matcher's literals do not start: no error");
	ok(detect(&set, &s, "BOOM here\n", 10, false, &err) < 0 && err.code == HEAL_ERR_USAGE,
	   "a line that may start it: detection fails");
	is_str(err.msg, eager.msg, "with the message of the eager load");
	ok(detect(&set, &s, "BOOM here\n", 10, true, &err) < 0 && strcmp(err.msg, eager.msg) == 0,
	   "and again the next time");
	ok(heal_pattern_set_compile(&set, &err) < 0 && strcmp(err.msg, eager.msg) == 0,
	   "heal_pattern_set_compile reports it too");
	heal_pattern_set_release(&set);
	sink_clear(&s);
	unlink(path);
	rmdir(pdir);
}

static const char *S(const struct heal_json *r, const char *k)
{
	const char *v = heal_json_object_get_str(r, k);

	return v ? v : "(null)";
}

static long long I(const struct heal_json *r, const char *k)
{
	int64_t v = -1;

	heal_json_object_get_int(r, k, 0, INT64_MAX, &v);
	return (long long)v;
}

/* heal_detect_scan.c: the candidate lines of a run, as line starts */
static void test_scan(void)
{
	static const char t[] =
		"noise\n"                                 /* 0 */
		"src/a.c:1:2: error: x\n"                 /* 6 */
		"more noise, error budget\n"              /* 28 */
		"foo.py:3: bar\n"                         /* 53 */
		"q src/b.c:4:1: error: late literal\n";   /* 67 */
	struct heal_detect_options o = { 0 };
	struct heal_detect_cands c = { 0 };
	struct heal_detect_colour col = { 0 };
	struct heal_detect *d;

	o.patterns = &ps;
	o.root = &root;
	d = heal_detect_new(&o);
	heal_detect_scan_run(d, t, sizeof(t) - 1, 1000, 1000, &col, &c);
	ok(c.n == 3 && c.v[0] == 1006 && c.v[1] == 1053 && c.v[2] == 1067,
	   "a literal's line and a generic line are candidates, by their starts (%zu)", c.n);
	ok(c.n == 3 && c.lits[0] != HEAL_PF_IDS_UNKNOWN && c.lits[0] != HEAL_PF_IDS_NONE &&
	   c.lits[2] != HEAL_PF_IDS_UNKNOWN && c.lits[2] != HEAL_PF_IDS_NONE,
	   "the candidates' literals are found");
	{
		/* the ids of "error: " in the last line are those of the line */
		/* sized by the set: the default pattern files grow */
		uint64_t *mb = calloc(ps.pf.mwords, sizeof(uint64_t));
		uint64_t *want = calloc(ps.pf.mwords, sizeof(uint64_t));
		uint64_t *lb = calloc(ps.pf.nlit / 64 + 1, sizeof(uint64_t));
		const char *last = t + 67;

		heal_prefilter_ids_matchers(&ps.pf, c.lits[2], mb);
		heal_prefilter_matchers(&ps.pf, last, strlen(last), lb, want);
		ok(memcmp(mb, want, ps.pf.mwords * sizeof(uint64_t)) == 0,
		   "a line's ids give the matchers its own pass gives");
		free(mb);
		free(want);
		free(lb);
	}
	heal_detect_cands_reset(&c);
	{
		/* a coloured line whose literal the escapes split is a
		 * candidate (the engine finds its literals when it cleans
		 * it); one whose cleaned text holds none is not */
		static const char u[] =
			"noise \x1b[1mbold\x1b[0m\n"
			"\x1b[1ma.c:1:2: err\x1b[0mor: \x1b[31mboom\x1b[0m\n"
			"plain\n";

		heal_detect_scan_run(d, u, sizeof(u) - 1, 0, 0, &col, &c);
		ok(c.n == 1 && c.v[0] == 19,
		   "a coloured line is a candidate when cleaned it holds a literal (%zu)", c.n);
		heal_detect_cands_release(&c);
	}
	{
		/* a stream whose coloured lines never hold a split literal
		 * stops being cleaned and scanned after 256 of them */
		static const char tick[] = "\x1b[32mok\x1b[0m test passed\n";
		static const char split[] = "\x1b[1mbuild err\x1b[0mor: boom\n";
		size_t i, tl = sizeof(tick) - 1, n = 300 * tl + sizeof(split) - 1;
		char *v = malloc(n + 1);

		free(col.clean);
		memset(&col, 0, sizeof(col));
		for (i = 0; i < 300; i++)
			memcpy(v + i * tl, tick, tl);
		memcpy(v + 300 * tl, split, sizeof(split));
		heal_detect_scan_run(d, v, n, 0, 0, &col, &c);
		ok(c.n == 0 && col.checks == 256,
		   "after 256 coloured lines without a split literal, no more are cleaned (%zu, %zu)",
		   c.n, col.checks);
		heal_detect_cands_release(&c);
		free(col.clean);
		memset(&col, 0, sizeof(col));
		heal_detect_scan_run(d, v + 300 * tl, sizeof(split) - 1, 0, 0, &col, &c);
		ok(c.n == 1, "the same line first is a candidate");
		heal_detect_cands_release(&c);
		free(col.clean);
		memset(&col, 0, sizeof(col));
		free(v);
	}
	/* a run that begins inside a line: its first line is line0's */
	heal_detect_scan_run(d, t + 10, sizeof(t) - 11, 1010, 1006, &col, &c);
	ok(c.n == 3 && c.v[0] == 1006, "the first line's start is line0");
	ok(c.lits[0] == HEAL_PF_IDS_UNKNOWN, "a line begun before the run: its literals unknown");
	heal_detect_cands_reset(&c);
	heal_detect_scan_run(d, t, 6, 0, 0, &col, &c);
	is_int(c.n, 0, "noise only: none");
	heal_detect_cands_release(&c);
	free(col.clean);

	/* the reader stopped while it waits in read() on a pipe whose writer
	 * lives on (the engine failed): no hang */
	{
		int p[2];
		struct heal_detect_reader *r;
		struct heal_detect_block *b;

		ok(pipe(p) == 0, "pipe");
		ok(write(p[1], "src/a.c:1:2: error: x\n", 22) == 22, "a line");
		r = heal_detect_reader_new(d, p[0], NULL, 0, 0, 0);
		ok(r != NULL, "a reader thread");
		b = heal_detect_reader_next(r);
		ok(b->len == 22 && b->cand.n == 1 && b->cand.v[0] == 0 && !b->eof,
		   "its first block: the line, a candidate");
		heal_detect_reader_done(r);
		heal_detect_reader_free(r);
		ok(1, "stopped in read()");
		close(p[0]);
		close(p[1]);
	}
	heal_detect_free(d);
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct sink s = { { 0 }, 0 };
	char dir[] = "/tmp/heal-test-detect-XXXXXX", *pdir;
	const struct heal_json *a;
	char *big;
	size_t i;

	heal_pattern_set_init(&ps);
	pdir = heal_data_path("patterns");
	ok(heal_pattern_load_dir(&ps, pdir, NULL, 0, &err) == 0, "default patterns load: %s", err.msg);
	heal_pattern_set_init(&lazy_ps);
	ok(heal_pattern_load_dir(&lazy_ps, pdir, NULL, HEAL_PATTERN_LAZY, &err) == 0,
	   "and lazily: %s", err.msg);
	free(pdir);
	ok(heal_pattern_set_finish(&ps, &err) == 0, "finish");
	ok(heal_pattern_set_finish(&lazy_ps, &err) == 0, "finish the lazy set");
	is_int(lazy_ps.n, ps.n, "the same matchers");
	{
		struct heal_pattern_set all;

		heal_pattern_set_init(&all);
		pdir = heal_data_path("patterns");
		ok(heal_pattern_load_dir(&all, pdir, NULL, HEAL_PATTERN_LAZY, &err) == 0 &&
		   heal_pattern_set_compile(&all, &err) == 0,
		   "every one of heal's own matchers compiles: %s", err.msg);
		free(pdir);
		heal_pattern_set_release(&all);
	}
	ok(ps.n > 20, "many matchers");
	{
		/* a Latin-1 line: converted before matching, byte by byte too */
		static const char l1[] = "src/a.c:3:5: error: \xabx\xbb r\xe9" "f\xe9" "rence\n";
		int k;

		for (k = 0; k < 2; k++) {
			run(&s, l1, sizeof(l1) - 1, k == 1);
			ok(s.n == 1 && strcmp(S(s.r[0], "charset"), "ISO-8859-1") == 0 &&
			   strcmp(S(s.r[0], "raw"), "src/a.c:3:5: error: «x» référence") == 0,
			   "a Latin-1 line is converted (%s feeds)", k ? "one-byte" : "whole");
		}
		static const char u8[] = "src/a.c:3:5: error: «x» référence\n";

		run(&s, u8, sizeof(u8) - 1, false);
		ok(s.n == 1 && !heal_json_object_get(s.r[0], "charset"),
		   "a UTF-8 line is not converted");
		ok(heal_detect_charset_check("ISO-8859-15", &err) == 0, "iconv knows ISO-8859-15");
		ok(heal_detect_charset_check("no-such-charset", &err) < 0 &&
		   err.code == HEAL_ERR_USAGE, "an unknown charset is a usage error");
		heal_error_clear(&err);
	}
	ok(!ps.pf.all, "the default patterns all have literals");
	ok(mkdtemp(dir) != NULL, "temp root");
	write_file(dir, "main.c", "int main(void)\n{\n\tint x = y;\n}\n");
	ok(heal_root_open(&root, dir, &err) == 0, "root");
	test_scan();

	/* gcc: context, error, source lines, note, fix-it: one record */
	{
		static const char t[] =
			"main.c: In function \xe2\x80\x98main\xe2\x80\x99:\n"
			"main.c:3:17: error: \xe2\x80\x98y\xe2\x80\x99 undeclared (first use in this function)\n"
			"    3 |         int x = y;\n"
			"      |                 ^\n"
			"fix-it:\"main.c\":{3:10-3:11}:\"z\"\n"
			"main.c:3:17: note: each undeclared identifier is reported only once\n"
			"cc1: all warnings being treated as errors\n";

		run(&s, t, sizeof(t) - 1, false);
		is_int(s.n, 1, "gcc: one record");
		a = s.r[0];
		is_str(S(a, "tool"), "gcc", "gcc: tool");
		is_str(S(a, "file"), "main.c", "gcc: file");
		is_int(I(a, "line"), 3, "gcc: line");
		is_int(I(a, "column"), 10, "gcc: display column 17 is byte 10 (a tab)");
		is_str(S(a, "severity"), "error", "gcc: severity");
		is_str(S(a, "category"), "name", "gcc: category");
		ok(heal_json_object_get(a, "notes") &&
		   heal_json_object_get(a, "notes")->u.arr.n == 1, "gcc: note attached");
		ok(heal_json_object_get(a, "fixits") &&
		   heal_json_object_get(a, "fixits")->u.arr.n == 1, "gcc: fix-it attached");
		is_str(S(heal_json_object_get(a, "fixits")->u.arr.v[0], "text"), "z", "fix-it text");
		contains(S(a, "raw"), "In function", "context kept in raw");
		is_int(strlen(S(a, "id")), 16, "id");
		/* the same bytes one at a time give the same record */
		{
			char id[17];

			memcpy(id, S(a, "id"), 17);
			run(&s, t, sizeof(t) - 1, true);
			is_int(s.n, 1, "byte-at-a-time: one record");
			is_str(S(s.r[0], "id"), id, "byte-at-a-time: same id");
		}
	}

	/* duplicates: one record with a count */
	{
		static const char t[] =
			"a.c:1:1: error: boom\n"
			"a.c:1:1: error: boom\n"
			"a.c:1:1: error: boom\n";

		run(&s, t, sizeof(t) - 1, false);
		is_int(s.n, 1, "duplicates: one record");
		is_int(I(s.r[0], "count"), 3, "duplicates: count 3");
	}

	/* python: the innermost frame inside the project */
	{
		char t[1024];

		snprintf(t, sizeof(t),
			 "Traceback (most recent call last):\n"
			 "  File \"%s/main.py\", line 9, in <module>\n"
			 "    run()\n"
			 "  File \"%s/main.py\", line 4, in run\n"
			 "    json.loads(x)\n"
			 "  File \"/usr/lib/python3.11/json/__init__.py\", line 346, in loads\n"
			 "    return _default_decoder.decode(s)\n"
			 "NameError: name 'x' is not defined. Did you mean: 'y'?\n", dir, dir);
		run(&s, t, strlen(t), false);
		is_int(s.n, 1, "python: one record");
		a = s.r[0];
		is_str(S(a, "file"), "main.py", "python: innermost in-project frame");
		is_int(I(a, "line"), 4, "python: its line");
		is_str(S(a, "code"), "NameError", "python: code");
		is_str(S(a, "message"), "name 'x' is not defined. Did you mean: 'y'?", "python: message");
		is_str(S(a, "hint"), "y", "python: hint");
		ok(heal_json_object_get(a, "stack") &&
		   heal_json_object_get(a, "stack")->u.arr.n == 3, "python: three frames");
		ok(!heal_json_object_get_bool(heal_json_object_get(a, "stack")->u.arr.v[2], "in_project"),
		   "python: library frame not in the project");
	}

	/* make: directory tracking */
	{
		char t[1024];

		snprintf(t, sizeof(t),
			 "make[1]: Entering directory '%s/sub'\n"
			 "x.c:2:1: error: expected ';'\n"
			 "make[1]: *** [Makefile:4: x.o] Error 1\n"
			 "make[1]: Leaving directory '%s/sub'\n"
			 "make: *** [Makefile:7: all] Error 2\n", dir, dir);
		run(&s, t, strlen(t), false);
		is_int(s.n, 3, "make: three records");
		if (s.n == 3) {
			is_str(S(s.r[0], "file"), "sub/x.c", "make: compiler path under the entered dir");
			is_str(S(s.r[1], "file"), "sub/Makefile", "make: sub-make's Makefile");
			is_str(S(s.r[2], "file"), "Makefile", "make: top Makefile after leaving");
			is_str(S(s.r[2], "tool"), "make", "make: tool");
		}
	}

	/* clean logs */
	{
		static const char t[] =
			"gcc -Wall -Werror -c error.c -o error.o\n"
			"gcc -o app main.o error.o\n"
			"Build finished: 0 errors, 0 warnings\n"
			"warning: 0\n"
			"test_errors.py::test_error_handling PASSED\n"
			"All 12 tests passed, no error found\n";

		run(&s, t, sizeof(t) - 1, false);
		is_int(s.n, 0, "clean log: no records");
	}

	/* ANSI colours, CRLF, NUL and invalid UTF-8 */
	{
		static const char t[] =
			"\x1b[01m\x1b[Kb.c:1:2:\x1b[m\x1b[K \x1b[01;31m\x1b[Kerror: \x1b[m\x1b[Kbad \xff\xfe thing\r\n"
			"garbage \0\0 line\n";

		run(&s, t, sizeof(t) - 1, false);
		is_int(s.n, 1, "colour: one record");
		if (s.n) {
			is_str(S(s.r[0], "file"), "b.c", "colour stripped from file");
			is_int(I(s.r[0], "column"), 2, "colour: column");
			ok(!strchr(S(s.r[0], "raw"), '\x1b'), "colour removed from raw");
			ok(!strchr(S(s.r[0], "message"), '\r'), "no CR in the message");
		}
	}

	/* a long line is truncated for matching and the record says so */
	big = malloc(20000);
	memcpy(big, "c.c:1:1: error: long ", 21);
	for (i = 21; i < 19999; i++)
		big[i] = 'a';
	big[19999] = '\n';
	run(&s, big, 20000, false);
	is_int(s.n, 1, "long line: one record");
	if (s.n)
		ok(heal_json_object_get_bool(s.r[0], "truncated"), "long line: truncated");
	run(&s, big, 20000, true);
	is_int(s.n, 1, "long line, byte at a time: one record");
	free(big);

	/* outside the root */
	{
		static const char t[] = "../../etc/passwd:1:1: error: x\n/etc/hosts:3:1: error: y\n";

		run(&s, t, sizeof(t) - 1, false);
		is_int(s.n, 2, "outside: two records");
		if (s.n == 2) {
			ok(heal_json_object_get_bool(s.r[0], "outside_root"), "../ is outside");
			is_str(S(s.r[1], "file"), "/etc/hosts", "absolute outside kept");
		}
	}

	/* absolute inside and relative: the same id */
	{
		char t[1024];
		char id[17] = "";

		snprintf(t, sizeof(t), "%s/main.c:3:2: error: q\n", dir);
		run(&s, t, strlen(t), false);
		if (s.n)
			memcpy(id, S(s.r[0], "id"), 17);
		run(&s, "main.c:3:2: error: q\n", 21, false);
		ok(s.n == 1 && strcmp(S(s.r[0], "file"), "main.c") == 0, "relative file");
		is_str(S(s.r[0], "id"), id, "absolute-inside and relative: one id");
	}

	ok(runs > 10 && lazy_differs == 0,
	   "lazily loaded patterns gave the same records on every input (%u of %u differ)",
	   lazy_differs, runs);
	sink_clear(&s);
	test_lazy_error(dir);
	heal_root_close(&root);
	{
		char p[512];

		snprintf(p, sizeof(p), "%s/main.c", dir);
		unlink(p);
		rmdir(dir);
	}
	heal_pattern_set_release(&ps);
	heal_pattern_set_release(&lazy_ps);
	return tap_done();
}
