/* Fix-it conversions to byte ranges, on lines with tabs and multi-byte UTF-8. */
#include <stdlib.h>
#include <string.h>

#include "heal_fixit.h"
#include "tap.h"

/* line 2: TAB "int é = conut;" -- the tab is 1 byte / 8 display columns,
 * 'é' is 2 bytes / 1 character */
static const char src[] = "int main(void)\n\tint \xc3\xa9 = conut;\n}\n";

static size_t off_of(const char *needle)
{
	return (size_t)(strstr(src, needle) - src);
}

static struct heal_json *pj(const char *text)
{
	struct heal_json *j = heal_json_parse(text, strlen(text), NULL, NULL);

	return j ? j : heal_json_new_null();
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_fixit f;
	struct heal_json *j;
	size_t s, e, want = off_of("conut");
	const char *line;

	/* gcc/clang parseable: bytes, end exclusive; "conut" starts at byte 11 of line 2 */
	line = "fix-it:\"m.c\":{2:11-2:16}:\"count\"";
	ok(heal_fixit_parse_parseable(&f, line, strlen(line), &err) == 0, "parse a parseable fix-it");
	is_str(f.file, "m.c", "file");
	is_int(f.line, 2, "line");
	is_int(f.column, 11, "column");
	is_int(f.end_column, 16, "end column");
	is_str(f.text, "count", "text");
	ok(heal_fixit_resolve(&f, src, strlen(src), &s, &e, &err) == 0, "resolve");
	is_int(s, want, "byte start past a tab and a 2-byte character");
	is_int(e, want + 5, "byte end, exclusive");
	heal_fixit_release(&f);

	line = "fix-it:\"a \\\"q\\\".c\":{1:1-1:1}:\"#include <stdio.h>\\n\\t\\101\"";
	ok(heal_fixit_parse_parseable(&f, line, strlen(line), &err) == 0, "C escapes");
	is_str(f.file, "a \"q\".c", "escaped file name");
	is_str(f.text, "#include <stdio.h>\n\tA", "escaped text, octal included");
	heal_fixit_release(&f);
	line = "fix-it:\"m.c\":{2:11-2:16}";
	ok(heal_fixit_parse_parseable(&f, line, strlen(line), &err) < 0 &&
	   err.code == HEAL_ERR_INPUT, "truncated fix-it line is refused");

	/* gcc JSON: byte-column wins over the display column */
	j = pj("{\"start\":{\"file\":\"m.c\",\"line\":2,\"byte-column\":11,\"display-column\":17,\"column\":17},"
			    "\"next\":{\"file\":\"m.c\",\"line\":2,\"byte-column\":16,\"display-column\":22,\"column\":22},"
			    "\"string\":\"count\"}");
	ok(heal_fixit_from_gcc_json(&f, j, &err) == 0, "gcc JSON fix-it");
	ok(heal_fixit_resolve(&f, src, strlen(src), &s, &e, &err) == 0 && s == want && e == want + 5,
	   "gcc JSON resolves to the same bytes");
	heal_fixit_release(&f);
	heal_json_free(j);

	/* shellcheck json1: characters, a tab is one: "conut" is character 10 */
	j = pj("{\"line\":2,\"column\":10,\"endLine\":2,\"endColumn\":15,\"replacement\":\"count\"}");
	ok(j && heal_fixit_from_shellcheck(&f, "m.c", j, &err) == 0, "shellcheck replacement");
	ok(heal_fixit_resolve(&f, src, strlen(src), &s, &e, &err) == 0 && s == want && e == want + 5,
	   "shellcheck characters resolve to bytes");
	heal_fixit_release(&f);
	heal_json_free(j);

	/* a record fix-it in display columns (gcc's text rendering): "conut" at 17 */
	j = pj("{\"line\":2,\"column\":17,\"end_line\":2,\"end_column\":22,\"text\":\"count\",\"unit\":\"display\"}");
	ok(j && heal_fixit_from_record(&f, j, "m.c", &err) == 0, "record fix-it, display unit");
	ok(heal_fixit_resolve(&f, src, strlen(src), &s, &e, &err) == 0 && s == want && e == want + 5,
	   "display columns resolve to bytes");
	heal_fixit_release(&f);
	heal_json_free(j);

	/* python offsets are characters: 'é' counts one */
	ok(heal_fixit_offset(src, strlen(src), 2, 6, HEAL_UNIT_CHAR, &s, &err) == 0 &&
	   s == off_of("\xc3\xa9"), "char column 6 is the 2-byte character");
	ok(heal_fixit_offset(src, strlen(src), 2, 7, HEAL_UNIT_CHAR, &s, &err) == 0 &&
	   s == off_of("\xc3\xa9") + 2, "char column 7 follows it");
	ok(heal_fixit_offset(src, strlen(src), 2, 9, HEAL_UNIT_DISPLAY, &s, &err) == 0 &&
	   s == off_of("int \xc3"), "display column 9 is just after the tab");

	/* out of range */
	ok(heal_fixit_offset(src, strlen(src), 9, 1, HEAL_UNIT_BYTE, &s, &err) < 0, "line past the end");
	ok(heal_fixit_offset(src, strlen(src), 1, 40, HEAL_UNIT_BYTE, &s, &err) < 0, "column past the end");
	ok(heal_fixit_offset(src, strlen(src), 1, 15, HEAL_UNIT_BYTE, &s, &err) == 0 && s == 14,
	   "the column just past the line's end is allowed");
	ok(heal_fixit_offset(src, strlen(src), 4, 1, HEAL_UNIT_BYTE, &s, &err) == 0 && s == strlen(src),
	   "end of a file ending with a newline");

	/* a NUL in the file name (escaped or raw) would name another file */
	line = "fix-it:\"a.c\\000../x\":{1:1-1:1}:\"y\"";
	ok(heal_fixit_parse_parseable(&f, line, strlen(line), &err) < 0 &&
	   err.code == HEAL_ERR_INPUT, "an escaped NUL in the file name is refused");
	ok(heal_fixit_parse_parseable(&f, "fix-it:\"\0a.c\":{1:1-1:1}:\"y\"",
				      sizeof("fix-it:\"\0a.c\":{1:1-1:1}:\"y\"") - 1, &err) < 0,
	   "a raw NUL in the file name is refused");
	line = "fix-it:\"a.c\":{1:1-1:1}:\"\\000\"";
	ok(heal_fixit_parse_parseable(&f, line, strlen(line), &err) == 0 &&
	   f.text_len == 1 && f.text[0] == '\0', "a NUL in the text is kept, with its length");
	heal_fixit_release(&f);

	/* CRLF lines: the \r is not part of the line */
	ok(heal_fixit_offset("ab\r\ncd\r\n", 8, 1, 3, HEAL_UNIT_BYTE, &s, &err) == 0 && s == 2,
	   "CRLF: end of line 1 is before the CR");
	return tap_done();
}
