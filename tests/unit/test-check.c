/*
 * The syntax checkers with the real tools: a good and a broken file per
 * checker, in place and as a candidate in a private copy of the project.
 * A case whose tool is not installed is skipped with the reason.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_check.h"
#include "heal_data.h"
#include "fsfix.h"
#include "tap.h"

extern char **environ;

static char dir[] = "/tmp/heal-test-check-XXXXXX";
static struct heal_root root;
static struct heal_pattern_set ps;

static void skip(const char *why)
{
	tap_n++;
	printf("ok %d # SKIP %s\n", tap_n, why);
}

static void write_file(const char *name, const char *text)
{
	fs_put(fs_at(dir, name), text, 0644);
}

static void mkdir_in(const char *name)
{
	mkdir(fs_at(dir, name), 0755);
}

static bool file_is(const char *name, const char *text)
{
	const char *got = fs_get(fs_at(dir, name));

	return got && strcmp(got, text) == 0;
}

static void opts(struct heal_check_opts *o, const char *file,
		 const char *const *cmd)
{
	heal_check_opts_init(o);
	o->root = &root;
	o->file = file;
	o->command = cmd;
	o->patterns = &ps;
	o->env = environ;
}

/*
 * Check file in place (data NULL), or data as if it were file, in a copy:
 * res, and the tool and status of each step as text.
 */
static const char *run(const char *file, const char *const *cmd,
		       const char *data, struct heal_check_result *res)
{
	static char text[HEAL_ERROR_MSG_MAX];
	struct heal_check_opts o;
	struct heal_error err = HEAL_ERROR_INIT;
	size_t i, n = 0;
	int r;

	opts(&o, file, cmd);
	text[0] = '\0';
	r = data ? heal_check_buffer(&o, data, strlen(data), res, &err)
		 : heal_check_file(&o, res, &err);
	if (r < 0) {
		snprintf(text, sizeof(text), "%s", err.msg);
		return text;
	}
	for (i = 0; i < res->nsteps; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s%s %s",
				      i ? ", " : "",
				      res->steps[i].tool ? res->steps[i].tool : "-",
				      heal_check_status_name(res->steps[i].status));
	return text;
}

static const char *check(const char *file, const char *const *cmd,
			 struct heal_check_result *res)
{
	return run(file, cmd, NULL, res);
}

static const char *check_buf(const char *file, const char *const *cmd,
			     const char *data, struct heal_check_result *res)
{
	return run(file, cmd, data, res);
}

/* Whether the failing step holds an error record at file:line. */
static bool error_at(const struct heal_check_result *r, const char *file,
		     long line)
{
	size_t i, k;

	for (i = 0; i < r->nsteps; i++)
		for (k = 0; k < r->steps[i].nerrors; k++) {
			const struct heal_json *e = r->steps[i].errors[k];
			const char *f = heal_json_object_get_str(e, "file");
			int64_t l = 0;

			heal_json_object_get_int(e, "line", 0, INT64_MAX, &l);
			if (f && strcmp(f, file) == 0 && l == line)
				return true;
		}
	return false;
}

static bool known_all(void *ctx, const struct heal_json *rec)
{
	(void)ctx;
	(void)rec;
	return true;
}

#define A(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void test_table(void)
{
	int id;
	bool all = true;

	for (id = HEAL_LANG_NONE + 1; id < HEAL_LANG_COUNT; id++) {
		const struct heal_lang *l = heal_lang_get((enum heal_lang_id)id);
		size_t i;

		for (i = 0; l && l->checkers[i]; i++)
			if (!heal_checker_get(l->checkers[i])) {
				printf("# %s: no checker '%s'\n", l->name, l->checkers[i]);
				all = false;
			}
	}
	ok(all, "every checker the language table names exists");
	ok(!heal_checker_get("nope") && !heal_checker_get(NULL), "an unknown checker");
	is_str(heal_check_status_name(HEAL_CHECK_UNAVAILABLE), "unavailable", "status names");
}

static void test_paths(void)
{
	struct heal_check_result r;

	is_str(check("../x.c", A("gcc", "-c", "x.c"), &r), "- skipped", "a path outside: skipped");
	is_str(r.steps[0].detail, "not a path inside the project root", "why");
	heal_check_result_release(&r);
	is_str(check("/etc/passwd", NULL, &r), "- skipped", "an absolute path: skipped");
	heal_check_result_release(&r);
	is_str(check("a/./b.py", NULL, &r), "- skipped", "a path not canonical: skipped");
	heal_check_result_release(&r);
	write_file("notes.txt", "hello\n");
	is_str(check("notes.txt", NULL, &r), "- skipped", "no checker for text");
	is_str(r.steps[0].detail, "no syntax checker for this kind of file", "why");
	ok(r.status == HEAL_CHECK_SKIPPED, "the verdict: skipped");
	heal_check_result_release(&r);
	write_file("Makefile", "all:\n\ttrue\n");
	is_str(check("Makefile", A("make"), &r), "make passed",
	       "a Makefile: make's parser (nothing of it runs: test_make)");
	heal_check_result_release(&r);
}

static void test_cc(void)
{
	struct heal_check_result r;
	const char *const cmd[] = { "cc", "-Iinc", "-DWANT=1", "-std=c99", "-c",
				    "main.c", NULL };

	if (!fs_have("cc")) {
		skip("cc is not installed");
		return;
	}
	mkdir_in("inc");
	write_file("inc/util.h", "int util(void);\n");
	write_file("good.c", "#include \"util.h\"\n#if !WANT\n#error flags lost\n#endif\nint f(void) { return util(); }\n");
	write_file("bad.c", "int f(void)\n{\n\treturn 1\n}\n");
	write_file("hdr.h", "int broken(\n");
	is_str(check("good.c", cmd, &r), "cc passed", "C: good, with the command's -I and -D");
	ok(r.status == HEAL_CHECK_PASSED, "the verdict: passed");
	heal_check_result_release(&r);
	is_str(check("bad.c", cmd, &r), "cc failed", "C: a missing ';' fails");
	ok(error_at(&r, "bad.c", 3), "its error record is read, at bad.c:3");
	contains(r.steps[0].detail, "error", "the detail is the output");
	heal_check_result_release(&r);
	{
		struct heal_check_opts o;
		struct heal_error err = HEAL_ERROR_INIT;

		opts(&o, "bad.c", cmd);
		o.known = known_all;
		heal_check_file(&o, &r, &err);
		is_str(heal_check_status_name(r.steps[0].status), "passed",
		       "errors the caller knew: passed");
		is_str(r.steps[0].detail, "no new error in this file", "why");
		heal_check_result_release(&r);
	}
	is_str(check("good.c", A("make"), &r), "- skipped", "under make the flags are unknown");
	is_str(r.steps[0].detail, "compiler flags unknown: the re-run checks this file", "why");
	is_str(r.steps[0].checker, "cc", "the cc checker said so");
	heal_check_result_release(&r);
	is_str(check("good.c", A("gcc", "-Iinc", "-DWANT", "good.c"), &r), "- skipped",
	       "the command compiles the file itself");
	is_str(r.steps[0].detail, "the re-run compiles this file", "why");
	heal_check_result_release(&r);
	is_str(check("hdr.h", cmd, &r), "- skipped", "a header is checked where it is included");
	heal_check_result_release(&r);
	if (fs_have("c++")) {
		write_file("good.cc", "#include <vector>\nint f() { std::vector<int> v; return (int)v.size(); }\n");
		is_str(check("good.cc", cmd, &r), "c++ passed", "C++ under a C compiler: c++");
		heal_check_result_release(&r);
	}
	if (fs_have("clang++")) {
		write_file("bad.cpp", "int f() { return 1 }\n");
		is_str(check("bad.cpp", A("clang-99", "-c", "x.c"), &r), "clang++ failed",
		       "C++ under clang-NN: clang++");
		ok(error_at(&r, "bad.cpp", 1), "clang's error read");
		heal_check_result_release(&r);
	}
	/* a name that starts with '-' is passed as ./-name */
	write_file("-x.c", "int x;\n");
	is_str(check("-x.c", cmd, &r), "cc passed", "a file named -x.c");
	heal_check_result_release(&r);
}

static void test_copy_cc(void)
{
	struct heal_check_result r;
	const char *const cmd[] = { "cc", "-Iinc", "-DWANT=1", "-c", "src/main.c", NULL };
	static const char orig[] = "#include \"local.h\"\n#include \"util.h\"\nint main(void) { return local() + util() }\n";
	static const char good[] = "#include \"local.h\"\n#include \"util.h\"\nint main(void) { return local() + util(); }\n";
	struct heal_check_copy *c;
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_check_opts o;
	char path[1024], *copy_dir;
	struct stat st;

	if (!fs_have("cc")) {
		skip("cc is not installed");
		return;
	}
	mkdir_in("src");
	mkdir_in("inc");
	write_file("inc/util.h", "int util(void);\n");
	write_file("src/local.h", "static inline int local(void) { return 0; }\n");
	write_file("src/main.c", orig);
	/* the command compiles this very file, but a candidate is checked */
	is_str(check_buf("src/main.c", cmd, good, &r), "cc passed",
	       "a candidate in a copy: the header beside the file and -Iinc resolve");
	heal_check_result_release(&r);
	is_str(check_buf("src/main.c", cmd, orig, &r), "cc failed", "the broken original, as a candidate: failed");
	ok(error_at(&r, "src/main.c", 3), "its error is at src/main.c:3, the original's path");
	heal_check_result_release(&r);
	ok(file_is("src/main.c", orig), "the project's file is untouched");
	is_str(check_buf("src/main.c", A("make"), good, &r), "cc failed",
	       "a candidate under make: the system's cc, without the flags: util.h is not found");
	ok(error_at(&r, "src/main.c", 2), "at its #include");
	heal_check_result_release(&r);
	is_str(check_buf("src/main.c", A("make"),
			 "#include \"local.h\"\nint main(void) { return local(); }\n", &r),
	       "cc passed", "the header beside the file resolves without flags");
	heal_check_result_release(&r);

	/* one copy, several candidates */
	c = heal_check_copy_new(&root, "src/main.c", &err);
	ok(c != NULL, "a copy: %s", err.msg);
	if (!c)
		return;
	copy_dir = strdup(heal_check_copy_dir(c));
	snprintf(path, sizeof(path), "%s/src/local.h", copy_dir);
	ok(lstat(path, &st) == 0 && S_ISLNK(st.st_mode), "a file beside it is a link");
	snprintf(path, sizeof(path), "%s/inc", copy_dir);
	ok(lstat(path, &st) == 0 && S_ISLNK(st.st_mode), "another directory is a link");
	snprintf(path, sizeof(path), "%s/src", copy_dir);
	ok(lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700,
	   "the file's directory is a private directory");
	ok(stat(copy_dir, &st) == 0 && (st.st_mode & 0777) == 0700, "the copy is private");
	opts(&o, "src/main.c", cmd);
	ok(heal_check_copy_write(c, orig, strlen(orig), &err) == 0, "write a candidate");
	snprintf(path, sizeof(path), "%s/src/main.c", copy_dir);
	ok(lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == (off_t)strlen(orig),
	   "the candidate is a file of its own");
	ok(heal_check_copy_run(c, &o, &r, &err) == 0 && r.status == HEAL_CHECK_FAILED,
	   "the first candidate fails");
	heal_check_result_release(&r);
	ok(heal_check_copy_write(c, good, strlen(good), &err) == 0 &&
	   heal_check_copy_run(c, &o, &r, &err) == 0 && r.status == HEAL_CHECK_PASSED,
	   "the second passes");
	heal_check_result_release(&r);
	opts(&o, "src/other.c", cmd);
	ok(heal_check_copy_run(c, &o, &r, &err) < 0 && err.code == HEAL_ERR_USAGE,
	   "a copy checks its own file only");
	heal_check_copy_free(c);
	ok(lstat(copy_dir, &st) < 0 && errno == ENOENT, "the copy is removed");
	ok(file_is("src/main.c", orig) && file_is("inc/util.h", "int util(void);\n"),
	   "and the project is as it was (nothing followed a link)");
	free(copy_dir);
	ok(heal_check_copy_new(&root, "../x.c", &err) == NULL && err.code == HEAL_ERR_USAGE,
	   "no copy of a path outside the root");
}

static void test_python(void)
{
	struct heal_check_result r;

	if (!fs_have("python3")) {
		skip("python3 is not installed");
		return;
	}
	write_file("good.py", "def f(x):\n    return x + 1\n");
	write_file("bad.py", "def f(x):\n    return x +\n");
	write_file("run", "#!/usr/bin/env python3\nif True\n    pass\n");
	is_str(check("good.py", NULL, &r), "python3 passed", "Python: good");
	heal_check_result_release(&r);
	is_str(check("bad.py", NULL, &r), "python3 failed", "Python: a syntax error fails");
	ok(error_at(&r, "bad.py", 2), "its SyntaxError record is read, at bad.py:2");
	heal_check_result_release(&r);
	is_str(check("run", NULL, &r), "python3 failed", "a script without suffix: its #! line says Python");
	heal_check_result_release(&r);
	ok(access(fs_at(dir, "__pycache__"), F_OK) < 0, "compile() writes no bytecode");
	is_str(check_buf("bad.py", NULL, "def f(x):\n    return x + 1\n", &r), "python3 passed",
	       "a candidate of bad.py in a copy: passed");
	heal_check_result_release(&r);
}

/* reveal(before, file, data, edge, line, msg): heal_check_revealed's
 * verdict (edge: the edit's last line), or with before
 * heal_check_revealed_before's (edge: its first); -1 when it could not
 * judge */
static int reveal(bool before, const char *file, const char *data, size_t edge, size_t line,
		  const char *msg)
{
	struct heal_check_opts o;
	struct heal_error err = HEAL_ERROR_INIT;
	bool r = false;
	int ran;

	opts(&o, file, NULL);
	ran = before ? heal_check_revealed_before(&o, NULL, "python", data, strlen(data), edge,
						  line, msg, &r, &err)
		     : heal_check_revealed(&o, NULL, "python", data, strlen(data), edge, line, msg,
					   &r, &err);
	return ran <= 0 ? -1 : r;
}

#define revealed(f, d, a, l, m) reveal(false, f, d, a, l, m)
#define revealed_before(f, d, a, l, m) reveal(true, f, d, a, l, m)

static void test_revealed(void)
{
	/* the first error of two fixed: the second shows, and is there alone */
	const char *two = "x = 1\nprint('a' + x)\nprint('b' +, x)\n";
	/* a dedent that leaves the next line of the block over-indented */
	const char *made = "if x:\na = 1\n    b = 2\n";
	/* an error on a line that goes on with a statement before it */
	const char *cont = "def f():\n    return 1\nelse:\n    pass\n";
	/* a second missing ':' in the same block as the first */
	const char *nest = "def f(x):\n    if x > 1:\n        y = 2\n"
			   "        print(y)\n    while y\n        y -= 1\n";
	/* an error the tokenizer's hid, before the edit */
	const char *before = "x = 1\ny = x amd 2\nprint('z', y)\n";
	/* a call the edit's line opened and the next line closes */
	const char *nest2 = "def f(x):\n    y = 1\n    g(x,\n      ))\n";

	ok(!heal_check_first_error_only("cc") && heal_check_first_error_only("python") &&
	   heal_check_first_error_only("sh") && !heal_check_first_error_only("shellcheck"),
	   "the checkers that stop at a file's first error: python, sh");
	if (!fs_have("python3")) {
		skip("python3 is not installed");
		return;
	}
	write_file("two.py", two);
	ok(revealed("two.py", two, 2, 3, "invalid syntax") == 1,
	   "an error past the edit, there without the lines before it: reached, not made");
	ok(revealed("two.py", two, 2, 3, "expected ':'") == 0,
	   "  another message at that line is not the same error");
	ok(revealed("two.py", two, 3, 3, "invalid syntax") == -1,
	   "  an error on the edit's own lines is the edit's");
	write_file("made.py", made);
	ok(revealed("made.py", made, 2, 3, "unexpected indent") == -1,
	   "no top-level statement between the edit and the error: cannot be shown");
	write_file("cont.py", cont);
	ok(revealed("cont.py", cont, 2, 3, "invalid syntax") == -1,
	   "a line that goes on with a statement before it ('else') is no start");
	/* inside the block the edit is in: the text from the next line of
	 * code on, under one "if 1:" per block around it */
	write_file("nest.py", nest);
	ok(revealed("nest.py", nest, 2, 5, "expected ':'") == 1,
	   "nested: the same error in the block past the edit: reached, not made");
	ok(revealed("nest.py", nest, 2, 5, "invalid syntax") == 0,
	   "  nested: another message is not the same error");
	ok(revealed("nest.py", nest, 2, 5, "unexpected indent") == -1,
	   "  nested: an indentation message is not judged so (the blocks decide it)");
	/* before the edit: the tokenizer's error (line 3) fixed, the
	 * parser's (line 2) shows */
	write_file("before.py", before);
	ok(revealed_before("before.py", before, 3, 2, "invalid syntax") == 1,
	   "before: an error before the edit, there without the lines from it on: reached");
	ok(revealed_before("before.py", before, 2, 2, "invalid syntax") == -1,
	   "  before: an error on the edit's first line is the edit's");
	ok(revealed_before("before.py", before, 3, 1, "invalid syntax") == 0,
	   "  before: not at that line without the edit's lines: the edit's");
	write_file("nest2.py", nest2);
	ok(revealed("nest2.py", nest2, 3, 4, "unmatched ')'") == -1,
	   "  nested: a line that closes a bracket an earlier line opened is no start");
	ok(fs_get(fs_at(dir, "two.py")) && file_is("two.py", two),
	   "the file itself is not touched (the check runs in a copy)");
}

/* heal_check_quiet_warning on an edit's old and new lines */
static bool qw(const char *checker, const char *message, const char *old, size_t oldn,
	       const char *new, size_t newn, bool in_edit)
{
	struct heal_check_edit e = { old, oldn, new, newn, in_edit, false, false };

	return heal_check_quiet_warning(checker, message, &e);
}

static void test_quiet(void)
{
	static const char old[] = "    scanf(\"%f\",&x,);\n";
	static const char new[] = "    scanf(\"%f\",&x);\n";

	ok(qw("cc", "unused variable 'a'", old, strlen(old), new, strlen(new), false),
	   "quiet: an unused variable the edit's lines do not name");
	ok(!qw("cc", "unused variable 'x'", old, strlen(old), "    scanf(\"%f\");\n", 16, false),
	   "quiet: not when the edit's lines name it (it may have dropped its use)");
	ok(!qw("cc", "unused variable 'x1'", "f(x1);\n", 7, "f();\n", 5, false),
	   "quiet: a name the old line held, as a word");
	ok(qw("cc", "unused variable 'x'", "\tint x,y,;\n", 11, "\tint x,y;\n", 10, false),
	   "quiet: an unused variable the edit's declaration names as often as before");
	ok(!qw("cc", "unused variable '_'", "\tf(x)_\n", 7, "\tf(x); int _;\n", 14, true),
	   "quiet: not a variable the edit declared (the warning points into its text)");
	ok(!qw("cc", "unused variable 'x'", "\ty = x + x;\n", 13, "\ty = x + ;\n", 11, false),
	   "quiet: not when the edit dropped a use of it");
	ok(qw("cc", "variable 'y3' is uninitialized when used here", "\tscanf(\"%f\",&y3,);\n", 19, "\tscanf(\"%f\",&y3);\n", 18, false),
	   "quiet: an uninitialized use elsewhere, the edit's lines write it as often");
	ok(qw("cc", "variable 'num' is uninitialized when used here", "\tif(num%i=0)\n", 13, "\tif(num%i==0)\n", 14, false),
	   "quiet: the edit's '==' is no write of the name");
	ok(qw("cc", "variable 'i' is uninitialized when used here", "\tfor(i=0;i=<N;i++)\n", 19,
	      "\tfor(i=0;i<=N;i++)\n", 19, false),
	   "quiet: 'i=<N' (a '<=' typed backwards) is no write the edit took away");
	ok(qw("cc", "variable 'i' used in loop condition not modified in loop body", "for(i=5;i=<1;i+1){\n", 19,
	      "for(i=5;i<=1;i+1){\n", 19, false),
	   "quiet: a for's loop analysis once its header parses, the edit's '<=' names no i");
	ok(!qw("cc", "variable 'i' used in loop condition not modified in loop body", "for(i=0;i<n;i++,){\n", 19,
	      "for(i=0;i<n;){\n", 15, false),
	   "quiet: not when the edit dropped the header's i++");
	ok(!qw("cc", "variable 'x' is uninitialized when used here", "\tscanf(\"%d\",&x);\n", 17, "\tscanf(\"%d\",x);\n", 16, false),
	   "quiet: not when the edit dropped an '&x' (a write for scanf)");
	ok(!qw("cc", "variable 'x' is uninitialized when used here", "\tf(y);\n", 7, "\tf(x);\n", 7, true),
	   "quiet: not when it points into the edit's new text (a name put there)");
	ok(!qw("cc", "variable 'x' is uninitialized when used here", "\tint x; x = 1;\n", 16, "\tint x; x == 1;\n", 17, false),
	   "quiet: an uninitialized use on the edit's lines is the edit's, however often they name it");
	ok(qw("cc", "unused variable 'x'", "f(x1);\n", 7, "f(x1)\n", 6, false),
	   "quiet: x is not a word of x1");
	ok(qw("cc", "variable \xe2\x80\x98n\xe2\x80\x99 set but not used", old, strlen(old), new, strlen(new), false),
	   "quiet: gcc's quote marks");
	ok(qw("cc", "non-void function does not return a value in all control paths", old, strlen(old), new, strlen(new), false),
	   "quiet: a missing return, the edit names no return");
	ok(!qw("cc", "non-void function does not return a value", "  return x;\n", 12, "  return\n", 9, false),
	   "quiet: not when the edit touched a return");
	ok(qw("cc", "non-void function does not return a value in all control paths",
	      "\treturn f(c[],1);\n", 17, "\treturn f(c,1);\n", 15, false),
	   "quiet: a missing return, the edit changed an argument of a return");
	ok(!qw("cc", "non-void function does not return a value", "\tif(x) y=1;\n", 12, "\tif(x) {y=1;\n", 13, false),
	   "quiet: not when the edit added a brace");
	ok(!qw("cc", "non-void function does not return a value", "\tretrun x;\n", 11, "\treturn x;\n", 11, false),
	   "quiet: not when the edit made a word a return (the word is changed whole)");
	ok(!qw("cc", "non-void function does not return a value", "\tx = 1; return x\n", 18, "\tx = 1; if (x) return x\n", 25, false),
	   "quiet: not when the edit added an if");
	ok(qw("cc", "using the result of an assignment as a condition without parentheses",
	      "   while(s[i]=\\0)\n", 18, "   while(s[i]='\\0')\n", 20, false) &&
	   qw("cc", "suggest parentheses around assignment used as truth value",
	      "   while(s[i]=\\0)\n", 18, "   while(s[i]='\\0')\n", 20, false),
	   "quiet: the author's assignment in a condition that did not parse (clang's, gcc's)");
	ok(!qw("cc", "using the result of an assignment as a condition without parentheses",
	       "\tif (x == 1)\n", 13, "\tif (x = 1)\n", 12, true),
	   "quiet: not an assignment the edit made");
	ok(qw("cc", "multi-character character constant", "\ta=int 'ch'-48;\n", 16, "\ta='ch'-48;\n", 12, false),
	   "quiet: a multi-character constant in a statement that did not parse, not in the edit's text");
	ok(!qw("cc", "multi-character character constant", "\tc=x;\n", 6, "\tc='xy';\n", 9, true),
	   "quiet: not one the edit wrote");
	ok(qw("cc", "overlapping comparisons always evaluate to false", "\tfor(i=0,i<n,i++)\n", 17, "\tfor(i=0;i<n;i++)\n", 17, false),
	   "quiet: overlapping comparisons elsewhere, the edit has no && or ||");
	ok(!qw("cc", "overlapping comparisons always evaluate to true", "if (a != 1 | a != 2)\n", 21, "if (a != 1 || a != 2)\n", 22, false),
	   "quiet: not when the edit wrote the ||");
	ok(qw("cc", "format specifies type 'char *' but the argument has type 'char'", "\tprintf(\"%s%s\",a[1]b[1]);\n", 25, "\tprintf(\"%s%s\",a[1],b[1]);\n", 26, false),
	   "quiet: an argument the format does not fit, not pointed at in the edit");
	ok(!qw("cc", "format specifies type 'int' but the argument has type 'char *'", old, strlen(old), new, strlen(new), true),
	   "quiet: not when it points into the edit's new text");
	ok(!qw("cc", "result of comparison against a string literal is unspecified", old, strlen(old), new, strlen(new), false),
	   "quiet: any other warning may be the edit's");
	{
		struct heal_check_edit e = { old, strlen(old), new, strlen(new), false, true, false };
		const char *m = "implicitly declaring library function 'pow' with type "
				"'double (double, double)'";

		ok(heal_check_quiet_warning("cc", m, &e),
		   "quiet: a first-use warning the original gave elsewhere (moved to the edit's line)");
		e.said_before = false;
		ok(!heal_check_quiet_warning("cc", m, &e),
		   "quiet: not a first-use warning the original never gave");
		m = "implicitly declaring library function 'malloc' with type 'void *(unsigned long)'";
		e.old = "int**G = int**malloc(n);\n";
		e.oldn = strlen(e.old);
		e.new = "int**G = (int**)malloc(n);\n";
		e.newn = strlen(e.new);
		ok(heal_check_quiet_warning("cc", m, &e),
		   "quiet: a first use at a call the line made before, outside the edit");
		e.in_edit = true;
		ok(!heal_check_quiet_warning("cc", m, &e), "quiet: not when it points into the edit");
		e.in_edit = false;
		e.old = "int x = malloc;\n";
		e.oldn = strlen(e.old);
		e.new = "int x = malloc();\n";
		e.newn = strlen(e.new);
		ok(!heal_check_quiet_warning("cc", m, &e), "quiet: not a call the edit made");
	}
	{
		const char *o = "    *p1->ptr=arr1;\n", *n = "    p1->ptr=arr1;\n";
		struct heal_check_edit e = { o, strlen(o), n, strlen(n), false, true, false };
		const char *m = "incompatible pointer types assigning to 'struct node *' from 'int *'";

		ok(heal_check_quiet_warning("cc", m, &e),
		   "quiet: a conversion the original gave the same way on another line");
		e.said_before = false;
		ok(!heal_check_quiet_warning("cc", m, &e), "quiet: not a conversion never said before");
		e.said_before = true;
		e.in_edit = true;
		ok(!heal_check_quiet_warning("cc", m, &e), "quiet: not when it points into the edit");
	}
	ok(qw("cc", "relational comparison result unused", "\tfor(i=0;i>=0,i<d;++i)\n", 24, "\tfor(int i=0;i>=0,i<d;++i)\n", 28, false),
	   "quiet: a comparison's unused result in a statement that did not type-check, not pointed at in the edit");
	ok(!qw("cc", "equality comparison result unused", "\tx = 1;\n", 8, "\tx == 1;\n", 9, true),
	   "quiet: not the comparison the edit made");
	ok(!qw("cc", "expression result unused", "\tstr=getchar();\n", 16, "\tstr; getchar();\n", 17, false),
	   "quiet: not a statement the edit's punctuator made, though the warning points before it");
	ok(!qw("cc", "expression result unused", "    return (f);\n", 16, "    (f);\n", 9, false),
	   "quiet: not a statement whose keyword the edit deleted");
	{
		const char *o = "    for (i=1;i<=n,i++)\n", *n = "    for (i=1;i<=n;i++)\n";
		struct heal_check_edit e = { o, strlen(o), n, strlen(n), false, false, false };
		const char *m = "non-void function does not return a value";

		ok(!heal_check_quiet_warning("cc", m, &e),
		   "quiet: not a missing return where the edit changed a statement of a 'for'");
		e.apart = true;
		ok(heal_check_quiet_warning("cc", m, &e),
		   "quiet: a missing return in another function than the edit's");
	}
	{
		/* an undeclared name replaced in one function, another that
		 * calls itself on every path further down */
		const char *o = "    printf(\"%s\\n\", s);\n", *n = "    printf(\"%s\\n\", str);\n";
		struct heal_check_edit e = { o, strlen(o), n, strlen(n), false, false, true };

		ok(heal_check_quiet_warning("cc", "all paths through this function will call itself", &e) &&
		   heal_check_quiet_warning("cc", "infinite recursion detected", &e),
		   "quiet: an infinite recursion (clang's, gcc's) in another function than the edit's");
		e.apart = false;
		ok(!heal_check_quiet_warning("cc", "all paths through this function will call itself", &e) &&
		   !heal_check_quiet_warning("cc", "infinite recursion detected", &e),
		   "quiet: not an infinite recursion in the edit's own function");
	}
	ok(!qw("python", "unused variable 'a'", old, strlen(old), new, strlen(new), false),
	   "quiet: a checker without the list");
	ok(!qw("cc", "unused variable ''", old, strlen(old), new, strlen(new), false),
	   "quiet: nothing named");
}

static void test_shell(void)
{
	struct heal_check_result r;
	bool sc = fs_have("shellcheck");

	if (!fs_have("bash") || !fs_have("sh")) {
		skip("bash or sh is not installed");
		return;
	}
	write_file("good.sh", "#!/bin/bash\nargs=(a b)\nfor a in ${args[@]}; do echo \"$a\"; done\n");
	write_file("bad.sh", "#!/bin/bash\nif true; then\n  echo x\n");
	write_file("posix.sh", "if true; then echo x; fi\n");
	is_str(check("good.sh", NULL, &r), sc ? "bash passed, shellcheck passed" : "bash passed, shellcheck unavailable",
	       "bash: good (a lint finding is not syntax)");
	if (sc)
		is_str(r.steps[1].detail, "no parse errors (its other findings are not syntax)", "why");
	heal_check_result_release(&r);
	is_str(check("bad.sh", NULL, &r), "bash failed", "bash: a missing fi fails, and shellcheck does not run");
	ok(r.status == HEAL_CHECK_FAILED, "the verdict: failed");
	heal_check_result_release(&r);
	is_str(check("posix.sh", NULL, &r), sc ? "sh passed, shellcheck passed" : "sh passed, shellcheck unavailable",
	       "a .sh without #!: sh");
	heal_check_result_release(&r);
	if (sc) {
		/* bash -n takes it, shellcheck's parser does not */
		write_file("sc.sh", "#!/bin/sh\necho $((1 + ))\n");
		is_str(check("sc.sh", NULL, &r), "sh passed, shellcheck failed",
		       "shellcheck: a parse error (SC1xxx) fails");
		ok(r.steps[1].nerrors > 0, "its record is read");
		heal_check_result_release(&r);
	} else {
		skip("shellcheck is not installed");
	}
}

static void test_make(void)
{
	struct heal_check_result r;
	char mark[4096];

	if (!fs_have("make")) {
		skip("make is not installed");
		return;
	}
	snprintf(mark, sizeof(mark), "%s", fs_at(dir, "ran"));
	write_file("good.mk", "X := 1\nall:\n\t@echo $(X)\n");
	write_file("bad.mk", "ifeq ($(X),1)\nall:\n\t@echo x\n");
	/* a $(shell ...) read with the makefile, a recipe make runs to remake
	 * an included file, and the default goal's recipe: none may run */
	write_file("runs.mk", "A := $(shell touch ran)\n-include gen.mk\n"
		   "gen.mk:\n\ttouch ran\nall:\n\ttouch ran\n");
	write_file("inc.mk", "include missing.mk\nall:\n\t@echo x\n");
	is_str(check("good.mk", NULL, &r), "make passed", "make: a good makefile");
	heal_check_result_release(&r);
	is_str(check("bad.mk", NULL, &r), "make failed", "make: a missing endif fails");
	ok(error_at(&r, "bad.mk", 4), "its record is read, at bad.mk:4 (the end of the file)");
	heal_check_result_release(&r);
	is_str(check("runs.mk", NULL, &r), "make passed", "make: a makefile that runs commands");
	ok(access(mark, F_OK) < 0, "and nothing of it ran (no $(shell), no recipe)");
	heal_check_result_release(&r);
	is_str(check("inc.mk", NULL, &r), "make unavailable",
	       "make: an included file a build would make first: no verdict on the syntax");
	heal_check_result_release(&r);
	is_str(check_buf("bad.mk", NULL, "ifeq ($(X),1)\nall:\n\t@echo x\nendif\n", &r),
	       "make passed", "a candidate of bad.mk in a copy: passed");
	heal_check_result_release(&r);
}

static void test_terraform(void)
{
	struct heal_check_result r;
	const char *const cmd[] = { "terraform", "-chdir=mod", "validate", NULL };

	if (!fs_have("terraform")) {
		skip("terraform is not installed");
		return;
	}
	setenv("CHECKPOINT_DISABLE", "1", 1);
	mkdir_in("mod");
	write_file("mod/vars.tf", "variable \"x\" {\n  default = \"a\"\n}\n");
	write_file("mod/main.tf", "resource \"terraform_data\" \"a\" {\n  input = var.x\n}\n");
	is_str(check("mod/main.tf", cmd, &r), "terraform passed", "terraform: good");
	heal_check_result_release(&r);
	is_str(check_buf("mod/main.tf", cmd,
			 "resource \"terraform_data\" \"a\" {\n  input = var.x\n}\n", &r),
	       "terraform passed", "a candidate: the module's other files are beside it in the copy");
	heal_check_result_release(&r);
	is_str(check_buf("mod/main.tf", cmd,
			 "resource \"terraform_data\" \"a\" {\n  inputs = var.x\n}\n", &r),
	       "terraform failed", "a candidate with an unsupported argument: failed");
	/* terraform names the file relative to -chdir, and heal-detect reads
	 * no -chdir: the record says main.tf, as the user's own run's does */
	ok(error_at(&r, "main.tf", 2), "its error record is read, at main.tf:2");
	heal_check_result_release(&r);
	mkdir_in("aws");
	write_file("aws/main.tf", "resource \"aws_instance\" \"a\" {\n  ami = \"x\"\n}\n");
	is_str(check("aws/main.tf", NULL, &r), "terraform unavailable",
	       "a module that needs terraform init: unavailable");
	heal_check_result_release(&r);
}

static void test_yaml(void)
{
	struct heal_check_result r;
	static const char play[] = "- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: say\n      ansible.builtin.debug:\n        msg: hi\n";

	if (!fs_have("python3")) {
		skip("python3 is not installed");
		return;
	}
	write_file("ci.yml", "on: push\njobs:\n  a:\n    runs-on: x\n");
	write_file("bad.yml", "a: b\n c: d\n");
	write_file("tags.yml", "pw: !vault |\n  abc\nref: !Ref x\n");
	is_str(check("ci.yml", NULL, &r), "python3 passed", "YAML outside ansible: parsed");
	if (r.steps[0].status == HEAL_CHECK_UNAVAILABLE) {
		skip("python3 has no yaml module");
		heal_check_result_release(&r);
		return;
	}
	heal_check_result_release(&r);
	is_str(check("bad.yml", NULL, &r), "python3 failed", "YAML: bad indentation fails");
	ok(error_at(&r, "bad.yml", 2), "its record (yamllint's format) is read, at bad.yml:2");
	ok(r.steps[0].nerrors && !strcmp(heal_json_object_get_str(r.steps[0].errors[0], "tool"),
					 "yamllint"), "tool yamllint");
	heal_check_result_release(&r);
	is_str(check("tags.yml", NULL, &r), "python3 passed", "tags are not constructed: !vault and !Ref parse");
	heal_check_result_release(&r);
	write_file("site.yml", play);
	if (!fs_have("ansible-playbook")) {
		skip("ansible-core is not installed");
		return;
	}
	is_str(check("site.yml", A("ansible-playbook", "-i", "localhost,", "site.yml"), &r),
	       "- skipped",
	       "a playbook in place that an ansible-playbook command runs: the re-run loads it, "
	       "and no YAML parse after it");
	heal_check_result_release(&r);
	is_str(check_buf("site.yml", A("ansible-playbook", "-i", "localhost,", "site.yml"),
			 "- hosts: localhost\n tasks: [\n", &r),
	       "ansible-playbook failed", "a broken candidate of the playbook: failed");
	heal_check_result_release(&r);
	ok(file_is("site.yml", play), "the playbook is untouched");
}

static void test_node(void)
{
	struct heal_check_result r;

	if (!fs_have("node")) {
		skip("node is not installed");
		return;
	}
	write_file("good.js", "function f(x) { return x + 1; }\n");
	write_file("bad.mjs", "function f(x) { return x + ; }\n");
	is_str(check("good.js", NULL, &r), "node passed", "node --check: good");
	heal_check_result_release(&r);
	is_str(check("bad.mjs", NULL, &r), "node failed", "node --check: a syntax error fails");
	heal_check_result_release(&r);
}

static void test_limits(void)
{
	struct heal_check_result r;
	struct heal_check_opts o;
	struct heal_error err = HEAL_ERROR_INIT;
	char empty[1100];
	const char *old = getenv("PATH");
	char *saved = old ? strdup(old) : NULL;

	if (!fs_have("python3")) {
		skip("python3 is not installed");
		return;
	}
	/* a checker that does not end: python3 reading a fifo nobody writes */
	ok(mkfifo(fs_at(dir, "hang.py"), 0600) == 0, "a fifo");
	opts(&o, "hang.py", NULL);
	o.timeout = 0.5;
	ok(heal_check_file(&o, &r, &err) == 0, "a check that hangs returns");
	ok(r.nsteps == 1 && r.steps[0].timed_out &&
	   r.steps[0].status == HEAL_CHECK_FAILED && r.steps[0].nerrors == 0,
	   "timed out: failed, no errors read");
	ok(r.steps[0].seconds < 30, "within its time limit (%.1f s)", r.steps[0].seconds);
	heal_check_result_release(&r);
	unlink(fs_at(dir, "hang.py"));

	/* a checker that is not installed */
	snprintf(empty, sizeof(empty), "%s", fs_at(dir, "empty-bin"));
	mkdir(empty, 0755);
	setenv("PATH", empty, 1);
	is_str(check("good.py", NULL, &r), "python3 unavailable", "python3 not in PATH: unavailable");
	ok(r.status == HEAL_CHECK_UNAVAILABLE, "the verdict: unavailable");
	heal_check_result_release(&r);
	if (saved)
		setenv("PATH", saved, 1);
	free(saved);
	rmdir(empty);
}

static void test_read_errors(void)
{
	struct heal_check_errors e = { NULL, 0 };
	struct heal_error err = HEAL_ERROR_INIT;
	static const char out[] = "good.c:1:5: error: expected ';' before '}' token\n";

	ok(heal_check_read_errors(&ps, &root, A("gcc", "-c", "good.c"), "test",
				  out, sizeof(out) - 1, &e, &err) == 0 && e.n == 1,
	   "a compiler's output: one record");
	if (e.n)
		is_str(heal_json_object_get_str(e.v[0], "tool"), "gcc", "gcc's");
	heal_check_errors_release(&e);
	ok(e.n == 0 && !e.v, "released");
}

static void test_shellcheck_all(void)
{
	static const char *const c1[] = { "shellcheck", "-i", "SC2086", "-s", "sh", "x.sh", NULL };
	static const char *const c2[] = { "/usr/bin/shellcheck", "--shell=bash", "x.sh", NULL };
	static const char *const c3[] = { "shellcheck", "-sdash", "--", "-s", NULL };
	static const char *const c4[] = { "shellcheckx", "-s", "zsh", NULL };
	static const char before[] = "#!/bin/bash\nunused=1\nfor a in $*; do\n  echo \"$a\"\ndone\n";
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json *f = NULL;
	const char *why = NULL;

	ok(heal_check_is_shellcheck(c1) && heal_check_is_shellcheck(c2) &&
	   !heal_check_is_shellcheck(c4) && !heal_check_is_shellcheck(NULL),
	   "shellcheck by its name, with or without a path");
	is_str(heal_check_shellcheck_shell(c1), "sh", "-s sh");
	is_str(heal_check_shellcheck_shell(c2), "bash", "--shell=bash");
	is_str(heal_check_shellcheck_shell(c3), "dash", "-sdash; a word after -- is no option");
	ok(heal_check_shellcheck_shell(c4) == NULL, "a dialect shellcheck does not know: none");
	if (!fs_have("shellcheck")) {
		skip("shellcheck is not installed");
		return;
	}
	/* "$*" makes SC2066: new; SC2034 moves a line down: not new */
	write_file("all.sh", "#!/bin/bash\n\nunused=1\nfor a in \"$*\"; do\n  echo \"$a\"\ndone\n");
	ok(heal_check_shellcheck_new(&root, "all.sh", NULL, before, strlen(before),
				     &f, &why, &err) == 1, "a new finding: %s", err.msg);
	is_str(heal_json_object_get_str(f, "code"), "SC2066", "its code");
	is_str(heal_json_object_get_str(f, "file"), "all.sh", "its file");
	heal_json_free(f);
	f = NULL;
	write_file("all.sh", "#!/bin/bash\n\nunused=1\nfor a in \"$@\"; do\n  echo \"$a\"\ndone\n");
	ok(heal_check_shellcheck_new(&root, "all.sh", "bash", before, strlen(before),
				     &f, &why, &err) == 0 && !f && !why,
	   "none: the fix's finding gone, the other one moved");
	ok(heal_check_shellcheck_new(&root, "../all.sh", NULL, before, strlen(before),
				     &f, &why, &err) == 0 && why, "a path outside the root: not judged");
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	char *pdir;

	heal_pattern_set_init(&ps);
	pdir = heal_data_path("patterns");
	ok(heal_pattern_load_dir(&ps, pdir, NULL, 0, &err) == 0 &&
	   heal_pattern_set_finish(&ps, &err) == 0, "patterns: %s", err.msg);
	free(pdir);
	ok(mkdtemp(dir) != NULL, "temp root");
	ok(heal_root_open(&root, dir, &err) == 0, "root");
	test_table();
	test_paths();
	test_cc();
	test_copy_cc();
	test_python();
	test_revealed();
	test_quiet();
	test_shell();
	test_shellcheck_all();
	test_make();
	test_terraform();
	test_yaml();
	test_node();
	test_limits();
	test_read_errors();
	heal_root_close(&root);
	heal_pattern_set_release(&ps);
	fs_rm_tree(dir);
	return tap_done();
}
