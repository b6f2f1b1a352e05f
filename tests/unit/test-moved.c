/*
 * test-moved.c - errors taken back through the applied fixes' diffs
 * (lib/validate/heal_moved.c): a line of the file after the fixes to the
 * line it was, and a re-run's error that is an old one moved.
 */
#include <stdlib.h>
#include <string.h>

#include "heal_moved.h"
#include "tap.h"

static struct heal_json *parse(const char *s)
{
	struct heal_json *j = heal_json_parse(s, strlen(s), NULL, NULL);

	if (!j)
		printf("# cannot parse %s\n", s);
	return j;
}

int main(void)
{
	/* line 3 replaced, two lines added after line 6, one removed at 10 */
	struct heal_json *f = parse(
		"{\"status\":\"applied\",\"files\":[\"m.c\"],\"diff\":\"--- a/m.c\\n+++ b/m.c\\n"
		"@@ -2,3 +2,3 @@\\n a\\n-b\\n+B\\n c\\n"
		"@@ -6,1 +6,3 @@\\n f\\n+g1\\n+g2\\n"
		"@@ -10,2 +12,1 @@\\n-j\\n k\\n\","
		"\"error\":{\"id\":\"e1\",\"file\":\"m.c\",\"line\":3,\"message\":\"called object type 'float' is not a function\",\"count\":2}}");
	struct heal_json *g = parse(
		"{\"status\":\"skipped\",\"files\":[],\"error\":{\"id\":\"e2\",\"file\":\"m.c\",\"line\":9,"
		"\"message\":\"use of undeclared identifier '_' [-Wx]\"}}");
	struct heal_json *fx[2];
	struct heal_json *after[3];
	bool app[2] = { true, false };

	fx[0] = f;
	fx[1] = g;
	ok(heal_moved_line(f, "m.c", 1) == 1, "a line before every hunk stays");
	ok(heal_moved_line(f, "m.c", 3) == 3, "a replaced line is the line it replaced");
	ok(heal_moved_line(f, "m.c", 7) == 6 && heal_moved_line(f, "m.c", 8) == 6,
	   "an added line is the line before it");
	ok(heal_moved_line(f, "m.c", 9) == 7, "a line after added lines moves up");
	ok(heal_moved_line(f, "m.c", 12) == 11, "a line after a removed one moves down");
	ok(heal_moved_line(f, "m.c", 20) == 19, "past the last hunk: its shift");
	ok(heal_moved_line(f, "other.c", 9) == 9, "another file: the same line");
	ok(heal_moved_count_before((const struct heal_json *const *)fx, 2, "m.c", 3,
				   "called object type 'float' is not a function") == 2,
	   "the records' errors at a line, with their counts");

	/* the re-run: the second of the two errors at line 3, and '_' at 11 */
	after[0] = parse("{\"file\":\"m.c\",\"line\":3,\"message\":\"called object type 'float' is not a function\"}");
	after[1] = parse("{\"file\":\"m.c\",\"line\":11,\"message\":\"use of undeclared identifier '_' [-Wy]\"}");
	after[2] = parse("{\"file\":\"m.c\",\"line\":11,\"message\":\"expected ';' after expression\"}");
	ok(heal_moved_known((const struct heal_json *const *)fx, app, 2, after, 3, after[0]),
	   "one of two errors left at a changed line is known");
	ok(!heal_moved_still((const struct heal_json *const *)fx, app, 2, after, 3,
			     heal_json_object_get(f, "error")),
	   "and the fix's error is not still there: it was twice, it is once");
	ok(heal_moved_known((const struct heal_json *const *)fx, app, 2, after, 3, after[1]),
	   "an error that moved down two lines with the added ones is known ([-W] aside)");
	ok(!heal_moved_known((const struct heal_json *const *)fx, app, 2, after, 3, after[2]),
	   "a message no record had there is new");
	heal_json_free(after[0]);
	after[0] = parse("{\"file\":\"m.c\",\"line\":3,\"message\":\"called object type 'float' is not a function\",\"count\":2}");
	ok(heal_moved_still((const struct heal_json *const *)fx, app, 2, after, 3,
			    heal_json_object_get(f, "error")),
	   "as many times as before: still there");
	heal_json_free(after[1]);
	after[1] = parse("{\"file\":\"m.c\",\"line\":3,\"message\":\"called object type 'float' is not a function\"}");
	ok(!heal_moved_known((const struct heal_json *const *)fx, app, 2, after, 2, after[1]),
	   "more times than before: not known");
	heal_json_free(after[0]);
	heal_json_free(after[1]);
	heal_json_free(after[2]);
	heal_json_free(f);
	heal_json_free(g);
	return tap_done();
}
