#include <stdlib.h>

#include "heal_buf.h"
#include "tap.h"

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_buf b;
	char *s;
	size_t n;

	heal_buf_init(&b, 10);
	is_str(heal_buf_str(&b), "", "empty buffer is an empty string");
	is_int(heal_buf_adds(&b, "hello", &err), 0, "append within cap");
	is_int(heal_buf_addf(&b, &err, "%d%s", 12, "34"), 0, "addf within cap");
	is_str(heal_buf_str(&b), "hello1234", "contents");
	is_int(heal_buf_adds(&b, "xy", &err), -1, "append past cap fails");
	is_int(err.code, HEAL_ERR_LIMIT, "cap error is HEAL_ERR_LIMIT");
	is_str(heal_buf_str(&b), "hello1234", "failed append leaves contents");
	is_int(heal_buf_addc(&b, '!', &err), 0, "append up to exactly the cap");
	is_int(b.len, 10, "length at cap");
	is_int(heal_buf_addf(&b, &err, "%s", "z"), -1, "addf past cap fails");
	heal_buf_truncate(&b, 5);
	is_str(heal_buf_str(&b), "hello", "truncate");
	s = heal_buf_detach(&b, &n);
	is_str(s, "hello", "detach hands over contents");
	is_int(n, 5, "detach length");
	is_int(b.len, 0, "buffer empty after detach");
	free(s);
	heal_buf_release(&b);
	heal_buf_release(NULL);
	ok(1, "release accepts NULL");

	/* puts cannot fail: past the cap they stop, and say so */
	heal_buf_init(&b, 8);
	heal_buf_puts(&b, "abc");
	heal_buf_putf(&b, "%d", 42);
	ok(!heal_buf_truncated(&b), "puts within the cap do not truncate");
	heal_buf_puts(&b, "toolong");
	ok(heal_buf_truncated(&b), "a put past the cap marks the buffer truncated");
	is_str(heal_buf_str(&b), "abc42", "the piece that did not fit is not appended");
	heal_buf_putc(&b, 'x');
	is_str(heal_buf_str(&b), "abc42", "nothing is appended after a cut (no holes)");
	heal_buf_reset(&b);
	ok(!heal_buf_truncated(&b), "reset clears truncated");
	heal_buf_release(&b);
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	for (n = 0; n < 10000; n++)
		heal_buf_puts(&b, "0123456789");
	ok(b.len == 100000 && !heal_buf_truncated(&b), "an unbounded buffer grows");
	heal_buf_release(&b);

	/* reserve: room at once, never past the maximum, contents kept */
	heal_buf_init(&b, 100);
	heal_buf_puts(&b, "ab");
	heal_buf_reserve(&b, 50);
	ok(b.cap > 50 && b.len == 2, "reserve makes room and keeps the length");
	is_str(heal_buf_str(&b), "ab", "reserve keeps the contents");
	heal_buf_reserve(&b, 1000);
	ok(b.cap <= 101, "reserve stops at the maximum (%zu)", b.cap);
	heal_buf_reserve(&b, 1);
	ok(b.cap > 50 && b.len == 2, "a smaller reserve changes nothing");
	heal_buf_release(&b);
	return tap_done();
}
