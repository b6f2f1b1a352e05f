#include <stdlib.h>
#include <string.h>

#include "heal_text.h"
#include "heal_utf8.h"
#include "tap.h"

static char out[256];

static const char *strip(const char *s)
{
	size_t n = heal_text_strip_ansi(s, strlen(s), out);

	out[n] = '\0';
	return out;
}

static const char *unlink_digits(const char *s)
{
	char in[256];
	size_t n = strlen(s);

	memcpy(in, s, n);
	n = heal_text_unlink_digits(in, n, in);
	memcpy(out, in, n);
	out[n] = '\0';
	return out;
}

int main(void)
{
	char *e;
	const char *l;

	{
		char a[80];

		memset(a, 'a', sizeof(a));
		is_int(heal_utf8_ascii_len(a, sizeof(a)), 80, "ascii_len: all ASCII");
		a[70] = '\xe9';
		is_int(heal_utf8_ascii_len(a, sizeof(a)), 70, "ascii_len: the first high byte (SSE2 and word steps)");
		a[3] = '\x80';
		is_int(heal_utf8_ascii_len(a, sizeof(a)), 3, "ascii_len: in the tail loop");
		is_int(heal_utf8_ascii_len(a, 0), 0, "ascii_len: empty");
		ok(!heal_utf8_valid(a, sizeof(a)), "valid: Latin-1 bytes are not UTF-8");
		ok(heal_utf8_valid("r\xc3\xa9" "f", 4), "valid: UTF-8 after ASCII");
	}
	e = heal_text_escape_dup("a\nb\x1b[2Jc\xff\x7f é\xc2\x85", 15);
	is_str(e, "a\\nb\\x1b[2Jc\\xff\\x7f é\\xc2\\x85",
	       "escape: controls, invalid bytes and C1 escaped, UTF-8 kept");
	free(e);

	is_str(strip("\x1b[1;31merror\x1b[0m: x"), "error: x", "CSI colour removed");
	is_str(strip("a\x1b]8;;http://x\x07link\x1b]8;;\x1b\\b"), "alinkb",
	       "OSC hyperlinks removed");
	is_str(strip("10%\r100% done"), "100% done", "carriage-return overwrite");
	is_str(strip("line\r"), "line\r", "trailing CR kept");
	/* a stray CR a message quotes from a file with Windows line ends */
	is_str(strip("x.sh: line 3: \r: command not found"),
	       "x.sh: line 3: \r: command not found", "stray CR before a colon kept");
	is_str(strip("token `fi\r'"), "token `fi\r'", "stray CR before a quote kept");
	is_str(strip("env: 'python3\r': No such file"), "env: 'python3\r': No such file",
	       "stray CR inside quotes kept");
	is_str(strip("50%\r 100%"), " 100%", "a redraw after a CR still overwrites");
	ok(heal_text_contains("warning: 0", 10, "ing: ", 5), "contains: inside");
	ok(heal_text_contains("abc", 3, "abc", 3), "contains: the whole");
	ok(!heal_text_contains("abc", 3, "abcd", 4), "contains: longer than the subject");
	ok(!heal_text_contains("aab", 3, "ab\0", 3), "contains: a NUL is a byte");
	ok(heal_text_contains("x", 1, "", 0), "contains: empty");
	ok(!heal_text_contains("--x->", 5, "-->", 3), "contains: a false start");
	{
		const char *w = "a: b: c";

		ok(heal_text_find(w, 7, ": ", 2) == w + 1, "find: the first place");
		ok(heal_text_find(w + 2, 5, ": ", 2) == w + 4, "find: from inside");
		ok(heal_text_find(w, 7, "", 0) == w, "find: empty at the start");
		ok(heal_text_find(w, 7, "c:", 2) == NULL, "find: none");
	}
	is_str(strip("plain"), "plain", "plain text untouched");
	is_str(strip("x\x1b(By"), "xy", "two-byte ESC sequence removed");
	is_str(strip("\x1b[1G   adds\x1b[K\x1b[77G1/3\x1b[2G\x1b[1G \xe2\x9c\x93 adds\x1b[K"),
	       " \xe2\x9c\x93 adds", "cursor to the first column: the text after overwrites (bats' redraw)");
	is_str(strip("a\x1b[Gb"), "ab", "ESC[G is the first column too; text before the first escape is kept");
	is_str(strip("> \x1b[0m\x1b[1G   adds\x1b[77G1/3\x1b[1G ok"), ">  ok",
	       "a paste's quote before the escapes stays");
	is_str(strip("ab\x1b[1G"), "ab", "the first column at the line's end overwrites nothing");
	is_str(strip("ab\x1b[5Gc"), "abc", "another column: dropped, the text kept");
	{
		char b[128];
		const char *in = "puppet : \xe2\x86\x90[1;31mError: x\xe2\x86\x90[0m \xe2\x86\x90 left \xe2\x86\x90[a";
		size_t n = strlen(in);

		memcpy(b, in, n);
		n = heal_text_strip_shown_escapes(b, n, b);
		b[n] = '\0';
		is_str(b, "puppet : Error: x \xe2\x86\x90 left ",
		       "shown escapes: a Windows console's arrow for ESC removed with its colour; an arrow alone kept");
	}

	l = "\tint x;";
	is_int(heal_text_display_to_byte(l, strlen(l), 9, 8), 2,
	       "display col 9 after a tab is byte 2");
	is_int(heal_text_display_to_byte(l, strlen(l), 13, 8), 6,
	       "display col 13 after a tab is byte 6");
	is_int(heal_text_byte_to_display(l, strlen(l), 2, 8), 9, "byte 2 is display 9");
	is_int(heal_text_display_to_byte(l, strlen(l), 1, 8), 1, "col 1 is col 1");
	l = "  x\t= \xc3\xa9t\xc3\xa9;";
	is_int(heal_text_display_to_byte(l, strlen(l), 11, 8), 7,
	       "display col past a mid-line tab and before UTF-8");
	is_int(heal_text_display_to_byte(l, strlen(l), 12, 8), 9,
	       "display col after a two-byte character");
	is_int(heal_text_char_to_byte(l, strlen(l), 8), 9, "char col counts a tab as one");
	is_int(heal_text_char_to_byte(l, strlen(l), 9), 10, "char col after UTF-8");
	is_int(heal_text_char_to_byte("ab", 2, 5), 5, "char col past the end");
	is_int(heal_text_display_to_byte("ab", 2, 5, 8), 5, "display col past the end");
	ok(heal_text_starts_with("error: x", 8, "error:"), "starts_with");
	ok(!heal_text_starts_with("err", 3, "error:"), "starts_with shorter");
	is_str(unlink_digits("a.c:[12](https://gitlab.com/x/-/jobs/3#L12):5: error"),
	       "a.c:12:5: error", "a log viewer's line number link is its number");
	is_str(unlink_digits("node/14.[2](https://github.com/o/r/actions/runs/4/jobs/8#step:3:2)1.[3](http://h/x)/x6"),
	       "node/14.21.3/x6", "two links, http and https");
	is_str(unlink_digits("[x](https://h/x) [1](ftp://h) [2](https://h/a b) [3](https://h"),
	       "[x](https://h/x) [1](ftp://h) [2](https://h/a b) [3](https://h",
	       "not digits, not http, a blank in the address, no ')': kept");
	is_str(unlink_digits("[7](https://h/#L7)"), "7", "the whole line");
	return tap_done();
}
