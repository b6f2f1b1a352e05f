#include <stdlib.h>
#include <string.h>

#include "heal_diff.h"
#include "heal_edit.h"
#include "tap.h"

static struct heal_buf out;

static const char *edit1(const char *old, size_t start, size_t end,
			 const char *text, int *rc)
{
	struct heal_edit e = { start, end, text, strlen(text) };
	struct heal_error err = HEAL_ERROR_INIT;

	heal_buf_reset(&out);
	*rc = heal_edit_apply(old, strlen(old), &e, 1, &out, NULL, &err);
	return heal_buf_str(&out);
}

static const char *diff(const char *a, const char *b)
{
	struct heal_error err = HEAL_ERROR_INIT;

	heal_buf_reset(&out);
	heal_diff_unified(&out, "f.c", "f.c", a, strlen(a), b, strlen(b), &err);
	return heal_buf_str(&out);
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	int rc;

	heal_buf_init(&out, 1 << 24);

	/* edits */
	is_str(edit1("int conut;\n", 4, 9, "count", &rc), "int count;\n", "replace");
	is_str(edit1("a\r\nb\r\n", 3, 4, "x\ny", &rc), "a\r\nx\r\ny\r\n",
	       "CRLF file: bare LF in the text becomes CRLF");
	is_str(edit1("a\nb\n", 2, 3, "x\r\ny", &rc), "a\nx\ny\n",
	       "LF file: CRLF in the text becomes LF");
	is_str(edit1("a\nb\n", 2, 4, "c", &rc), "a\nc\n",
	       "final newline kept when an edit removes it");
	is_str(edit1("a\r\nb\r\n", 3, 6, "c", &rc), "a\r\nc\r\n",
	       "final CRLF kept");
	is_str(edit1("a\nb", 2, 3, "c\n", &rc), "a\nc",
	       "no final newline stays without one");
	edit1("a\r\nb\r\n", 2, 3, "x", &rc);
	is_int(rc, -1, "an edit splitting CRLF is refused");
	edit1("abc", 2, 9, "x", &rc);
	is_int(rc, -1, "an edit past the end is refused");
	{
		struct heal_edit e[3] = {
			{ 6, 7, "Z", 1 }, { 0, 1, "A", 1 }, { 3, 3, "++", 2 },
		};
		struct heal_edit ov[2] = { { 0, 3, "", 0 }, { 2, 4, "", 0 } };

		heal_buf_reset(&out);
		rc = heal_edit_apply("abcdefg\n", 8, e, 3, &out, NULL, &err);
		is_str(heal_buf_str(&out), "Abc++defZ\n", "several edits in any order");
		heal_buf_reset(&out);
		rc = heal_edit_apply("abcdefg\n", 8, ov, 2, &out, NULL, &err);
		is_int(rc, -1, "overlapping edits are refused");
		is_int(out.len, 0, "and produce nothing");
		contains(err.msg, "overlap", "the message says overlap");
	}
	ok(heal_edit_is_crlf("a\r\nb\r\nc\n", 8), "mostly CRLF");
	ok(!heal_edit_is_crlf("a\nb\nc\r\n", 8), "mostly LF");

	/* diffs */
	is_str(diff("a\nb\nc\n", "a\nb\nc\n"), "", "identical: no diff");
	is_str(diff("a\nb\nc\n", "a\nB\nc\n"),
	       "--- a/f.c\n+++ b/f.c\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n",
	       "one changed line");
	is_str(diff("a\n", "a\nb\n"),
	       "--- a/f.c\n+++ b/f.c\n@@ -1 +1,2 @@\n a\n+b\n", "an added line");
	is_str(diff("a\nb", "a\nc"),
	       "--- a/f.c\n+++ b/f.c\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
	       "no newline at end of file");
	is_str(diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n",
		    "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\nY\n16\n"),
	       "--- a/f.c\n+++ b/f.c\n@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n"
	       "@@ -12,5 +12,5 @@\n 12\n 13\n 14\n-15\n+Y\n 16\n",
	       "two hunks");
	heal_buf_reset(&out);
	heal_diff_unified(&out, NULL, "n.c", "", 0, "x\n", 2, &err);
	is_str(heal_buf_str(&out), "--- /dev/null\n+++ b/n.c\n@@ -0,0 +1 @@\n+x\n",
	       "a new file");
	{
		/* many changes: past the D cap the result is still a valid diff */
		size_t n = 3000, i;
		char *a = malloc(n * 2 + 1), *b = malloc(n * 2 + 1);

		for (i = 0; i < n; i++) {
			a[2 * i] = 'a';
			b[2 * i] = (char)('b' + (i % 2));
			a[2 * i + 1] = b[2 * i + 1] = '\n';
		}
		a[2 * n] = b[2 * n] = '\0';
		heal_buf_reset(&out);
		rc = heal_diff_unified(&out, "f", "f", a, 2 * n, b, 2 * n, &err);
		is_int(rc, 0, "a large diff succeeds");
		contains(heal_buf_str(&out), "@@ -1,3000 +1,3000 @@", "one replaced block");
		free(a);
		free(b);
	}
	heal_buf_release(&out);
	/* reading a diff back: the old line of a new one */
	{
		const char *d = "--- a/x.lua\n+++ b/x.lua\n@@ -1,3 +1,3 @@\n a\n--- c\n+++ d\n b\n"
				"--- a/m.c\n+++ b/m.c\n@@ -4,2 +4,4 @@\n p\n+q1\n+q2\n r\n";
		bool added = false;

		ok(heal_diff_old_line(d, "x.lua", 2, &added) == 2 && added,
		   "old line: a changed line (a removed '-- c' and an added '++ d' are no headers)");
		ok(heal_diff_old_line(d, "m.c", 3, &added) == 3 && !added, "old line: before the hunk");
		ok(heal_diff_old_line(d, "m.c", 6, &added) == 4 && added,
		   "old line: an added line is the line before it");
		ok(heal_diff_old_line(d, "m.c", 9, &added) == 7 && !added,
		   "old line: past the hunk, moved by what it added");
		ok(heal_diff_old_line(d, "n.c", 9, NULL) == 9 && heal_diff_old_line(NULL, "m.c", 5, NULL) == 5,
		   "old line: another file, or no diff: the same line");
	}
	/* the old and new text of a line a diff replaced one for one */
	{
		const char *d = "--- a/x.lua\n+++ b/x.lua\n@@ -1,3 +1,3 @@\n a\n--- c\n+++ d\n b\n"
				"--- a/m.c\n+++ b/m.c\n@@ -4,3 +4,4 @@\n p\n-q\n+q1\n+q2\n r\n"
				"@@ -9,3 +10,3 @@\n s\n-t(x)\n+u(x)\n v\n";
		const char *o = NULL, *w = NULL;
		size_t ol = 0, wl = 0;

		ok(heal_diff_line_pair(d, "x.lua", 2, &o, &ol, &w, &wl) && ol == 4 &&
		   !memcmp(o, "-- c", 4) && wl == 4 && !memcmp(w, "++ d", 4),
		   "line pair: one line for one ('-- c' and '++ d' are no headers)");
		ok(heal_diff_line_pair(d, "m.c", 11, &o, &ol, &w, &wl) && ol == 4 &&
		   !memcmp(o, "t(x)", 4) && wl == 4 && !memcmp(w, "u(x)", 4),
		   "line pair: a later hunk, its lines moved by the first");
		ok(!heal_diff_line_pair(d, "m.c", 5, &o, &ol, &w, &wl) &&
		   !heal_diff_line_pair(d, "m.c", 4, &o, &ol, &w, &wl) &&
		   !heal_diff_line_pair(d, "n.c", 11, &o, &ol, &w, &wl) &&
		   !heal_diff_line_pair(NULL, "m.c", 11, &o, &ol, &w, &wl),
		   "line pair: none for two lines for one, an unchanged line, another file, no diff");
	}
	/* the last line a diff changed in a file, and what it added less removed */
	{
		const char *d = "--- a/x.lua\n+++ b/x.lua\n@@ -1,3 +1,3 @@\n a\n--- c\n+++ d\n b\n"
				"--- a/m.c\n+++ b/m.c\n@@ -4,2 +4,4 @@\n p\n+q1\n+q2\n r\n"
				"@@ -9,2 +11,1 @@\n s\n-t\n";
		long delta = 0;

		ok(heal_diff_last_line(d, "x.lua", &delta) == 2 && delta == 0,
		   "last line: a changed line ('-- c' and '++ d' are no headers), nothing moved");
		ok(heal_diff_last_line(d, "m.c", &delta) == 12 && delta == 1,
		   "last line: the second hunk's removal at new line 12, two added less one removed");
		ok(heal_diff_last_line(d, "n.c", &delta) == 0 && delta == 0 &&
		   heal_diff_last_line(NULL, "m.c", &delta) == 0, "last line: another file, or no diff: none");
		ok(heal_diff_last_text_line(d, "m.c", &delta) == 12 && delta == 1 &&
		   heal_diff_last_text_line(d, "x.lua", &delta) == 2,
		   "last text line: lines added or removed count as with heal_diff_last_line");
	}
	/* lines only indented anew are no change of the text */
	{
		const char *d = "--- a/p.py\n+++ b/p.py\n@@ -3,6 +3,6 @@\n def f(m):\n"
				"-     if m = 0:\n-          return 1\n-     else:\n-          return 2\n"
				"+    if m == 0:\n+         return 1\n+    else:\n+         return 2\n"
				" f(1)\n";
		const char *moved = "--- a/p.py\n+++ b/p.py\n@@ -7,3 +7,3 @@\n x\n"
				    "-    else:\n-        y\n+else:\n+    y\n z\n";
		const char *grown = "--- a/p.py\n+++ b/p.py\n@@ -7,2 +7,3 @@\n x\n"
				    "-    else:\n+else:\n+    pass\n";
		long delta = 0;

		ok(heal_diff_last_line(d, "p.py", &delta) == 7 && delta == 0,
		   "last line: a block moved left counts whole");
		ok(heal_diff_last_text_line(d, "p.py", &delta) == 4 && delta == 0,
		   "last text line: only the line whose text changed ('=' -> '==')");
		ok(heal_diff_last_text_line(moved, "p.py", &delta) == 0 && delta == 0,
		   "last text line: a clause and its body only moved: none");
		ok(heal_diff_last_text_line(grown, "p.py", &delta) == 9 && delta == 1,
		   "last text line: removed and added lines of different counts count whole");
	}
	return tap_done();
}
