#include <stdlib.h>
#include <string.h>

#include "heal_lines.h"
#include "tap.h"

/* a reader over a fixed string, giving at most `chunk` bytes per call */
struct src { const char *s; size_t len, pos, chunk; size_t fill; };

static ssize_t src_read(void *ctx, void *buf, size_t n)
{
	struct src *s = ctx;
	size_t k = s->len - s->pos;

	if (k > n)
		k = n;
	if (s->chunk && k > s->chunk)
		k = s->chunk;
	memcpy(buf, s->s + s->pos, k);
	s->pos += k;
	return (ssize_t)k;
}

/* an endless-looking line of `fill` bytes of 'a' then "\nend\n" */
static ssize_t big_read(void *ctx, void *buf, size_t n)
{
	struct src *s = ctx;
	size_t k;

	if (s->fill) {
		k = n < s->fill ? n : s->fill;
		memset(buf, 'a', k);
		s->fill -= k;
		return (ssize_t)k;
	}
	return src_read(ctx, buf, n);
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_lines r;
	struct heal_line l;
	struct src s = { "one\r\ntwo\n\nthree", 0, 0, 3, 0 };
	struct src b = { "\nend\n", 5, 0, 0, 0 };
	size_t chunks[] = { 1, 2, 7, 0 };
	int i;

	for (i = 0; i < 4; i++) {
		s.len = strlen(s.s);
		s.pos = 0;
		s.chunk = chunks[i];
		heal_lines_init(&r, src_read, &s, 100);
		ok(heal_lines_next(&r, &l, &err) == 1 && l.len == 3 &&
		   memcmp(l.data, "one", 3) == 0 && l.crlf && l.lineno == 1,
		   "chunk %zu: CRLF line, CR removed", chunks[i]);
		ok(heal_lines_next(&r, &l, &err) == 1 && l.len == 3 && !l.crlf,
		   "chunk %zu: LF line", chunks[i]);
		ok(heal_lines_next(&r, &l, &err) == 1 && l.len == 0 &&
		   l.lineno == 3, "chunk %zu: empty line", chunks[i]);
		ok(heal_lines_next(&r, &l, &err) == 1 && l.len == 5 &&
		   memcmp(l.data, "three", 5) == 0, "chunk %zu: last line without newline",
		   chunks[i]);
		is_int(heal_lines_next(&r, &l, &err), 0, "chunk %zu: end", chunks[i]);
		heal_lines_release(&r);
	}

	/* NUL bytes survive */
	s.s = "a\0b\nc";
	s.len = 5;
	s.pos = 0;
	s.chunk = 0;
	heal_lines_init(&r, src_read, &s, 100);
	ok(heal_lines_next(&r, &l, &err) == 1 && l.len == 3 && l.data[1] == '\0',
	   "NUL inside a line is kept");
	heal_lines_release(&r);

	/* over-long lines: truncated once, rest skipped, flat memory */
	b.fill = 10u * 1024 * 1024;
	heal_lines_init(&r, big_read, &b, 1000);
	ok(heal_lines_next(&r, &l, &err) == 1 && l.truncated && l.len == 1000,
	   "10 MiB line returned truncated to the cap");
	ok(r.cap <= 1000 + HEAL_LINES_BLOCK, "buffer stays at cap plus one block");
	ok(heal_lines_next(&r, &l, &err) == 1 && !l.truncated && l.len == 3 &&
	   memcmp(l.data, "end", 3) == 0 && l.lineno == 2,
	   "next line after the long one is intact");
	is_int(heal_lines_next(&r, &l, &err), 0, "end after long line");
	heal_lines_release(&r);

	/* a long last line with no newline at all */
	b.fill = 5000;
	b.s = "";
	b.len = 0;
	b.pos = 0;
	heal_lines_init(&r, big_read, &b, 100);
	ok(heal_lines_next(&r, &l, &err) == 1 && l.truncated && l.len == 100,
	   "unterminated long line truncated");
	is_int(heal_lines_next(&r, &l, &err), 0, "then end of input");
	heal_lines_release(&r);

	/* line exactly at the cap is not truncated */
	s.s = "abcde\nx\n";
	s.len = 8;
	s.pos = 0;
	heal_lines_init(&r, src_read, &s, 5);
	ok(heal_lines_next(&r, &l, &err) == 1 && !l.truncated && l.len == 5,
	   "line of exactly max_line bytes kept whole");
	heal_lines_release(&r);
	return tap_done();
}
