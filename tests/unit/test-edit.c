/*
 * Rebasing edits of one fix onto a file other fixes of the run have
 * already edited (heal_edit_rebase), and the lengths heal_edit_apply
 * reports for it.
 */
#include <stdlib.h>
#include <string.h>

#include "heal_edit.h"
#include "tap.h"

/* A file as one run edits it, fix after fix. */
struct run {
	struct heal_buf cur;
	struct heal_edit_done done[64];
	size_t ndone;
};

static void run_init(struct run *r, const char *orig)
{
	struct heal_error err = HEAL_ERROR_INIT;

	memset(r, 0, sizeof(*r));
	heal_buf_init(&r->cur, 1 << 20);
	if (heal_buf_add(&r->cur, orig, strlen(orig), &err) < 0)
		abort();
}

/*
 * Apply one fix's edits (offsets into the original file): rebase each,
 * then apply them to the current contents.  Returns the rebase result of
 * the first edit that did not rebase, or HEAL_EDIT_REBASED; *which as
 * heal_edit_rebase sets it.
 */
static enum heal_edit_rebase fix(struct run *r, const struct heal_edit *in,
				 size_t n, size_t tag, size_t *which)
{
	struct heal_edit moved[16];
	size_t lens[16], i;
	struct heal_buf next;
	struct heal_error err = HEAL_ERROR_INIT;
	enum heal_edit_rebase k;

	for (i = 0; i < n; i++) {
		moved[i] = in[i];
		k = heal_edit_rebase(r->done, r->ndone, r->cur.data, r->cur.len,
				     &moved[i], which);
		if (k != HEAL_EDIT_REBASED)
			return k;
	}
	heal_buf_init(&next, 1 << 20);
	if (heal_edit_apply(r->cur.data, r->cur.len, moved, n, &next, lens,
			    &err) < 0) {
		heal_buf_release(&next);
		return HEAL_EDIT_CONFLICT;
	}
	for (i = 0; i < n; i++) {
		struct heal_edit_done *d = &r->done[r->ndone++];

		d->start = in[i].start;
		d->end = in[i].end;
		d->newlen = lens[i];
		d->text = in[i].text;
		d->len = in[i].len;
		d->tag = tag;
	}
	heal_buf_release(&r->cur);
	r->cur = next;
	return HEAL_EDIT_REBASED;
}

static struct heal_edit ed(size_t start, size_t end, const char *text)
{
	struct heal_edit e = { start, end, text, strlen(text) };

	return e;
}

/* Property: two fixes applied in turn equal all their edits at once. */
static void random_runs(void)
{
	static const char *const texts[] = { "", "x", "yy\n", "zzz", "\n" };
	char orig[200];
	size_t round, bad = 0;

	srand(7);
	for (round = 0; round < 2000; round++) {
		struct heal_edit all[12];
		size_t n = 0, pos = 0, i, which;
		struct heal_buf once;
		struct heal_error err = HEAL_ERROR_INIT;
		struct run r;
		int fails = 0;

		for (i = 0; i + 1 < sizeof(orig); i++)
			orig[i] = (rand() % 5 == 0) ? '\n' : (char)('a' + rand() % 26);
		orig[sizeof(orig) - 1] = '\0';
		/* disjoint non-empty ranges with gaps, so nothing touches */
		while (n < 12) {
			size_t gap = 1 + (size_t)rand() % 20, len = 1 + (size_t)rand() % 6;

			if (pos + gap + len >= sizeof(orig) - 2)
				break;
			all[n++] = ed(pos + gap, pos + gap + len, texts[rand() % 5]);
			pos += gap + len;
		}
		heal_buf_init(&once, 1 << 20);
		heal_edit_apply(orig, strlen(orig), all, n, &once, NULL, &err);
		run_init(&r, orig);
		/* fix 1 takes the odd edits, fix 2 the even ones */
		{
			struct heal_edit a[12], b[12];
			size_t na = 0, nb = 0;

			for (i = 0; i < n; i++) {
				if (i % 2)
					a[na++] = all[i];
				else
					b[nb++] = all[i];
			}
			fails += fix(&r, a, na, 1, &which) != HEAL_EDIT_REBASED;
			fails += fix(&r, b, nb, 2, &which) != HEAL_EDIT_REBASED;
		}
		if (fails || r.cur.len != once.len ||
		    memcmp(r.cur.data, once.data, once.len) != 0)
			bad++;
		heal_buf_release(&once);
		heal_buf_release(&r.cur);
	}
	is_int(bad, 0, "2000 random runs: two fixes in turn equal one fix with all edits");
}

int main(void)
{
	/* 0         1         2         3
	 * 0123456789012345678901234567890 */
	const char *src = "#include <stdio.h>\nint main(void)\n{\n\treturn totl;\n}\n";
	struct heal_edit_done d[2];
	struct heal_edit e;
	size_t which = 99;
	struct run r;

	/* the mapping itself: shifted by the length change of edits before */
	d[0] = (struct heal_edit_done){ 19, 19, 20, "#include <string.h>\n", 20, 0 };
	e = ed(44, 48, "total");
	is_int(heal_edit_rebase(d, 1, NULL, 0, &e, &which), HEAL_EDIT_REBASED,
	       "an edit after an applied insert rebases");
	is_int(e.start, 64, "start shifted by the inserted length");
	is_int(e.end, 68, "end shifted by the inserted length");
	d[1] = (struct heal_edit_done){ 0, 8, 2, "#i", 2, 1 };
	e = ed(44, 48, "total");
	heal_edit_rebase(d, 2, NULL, 0, &e, &which);
	is_int(e.start, 58, "a shrinking edit before shifts back (44 + 20 - 6)");
	e = ed(10, 12, "Q");
	d[0] = (struct heal_edit_done){ 30, 34, 9, "123456789", 9, 0 };
	heal_edit_rebase(d, 1, NULL, 0, &e, &which);
	ok(e.start == 10 && e.end == 12, "an applied edit after it does not move it");

	/* duplicates and conflicts */
	d[0] = (struct heal_edit_done){ 44, 48, 5, "total", 5, 3 };
	e = ed(44, 48, "total");
	is_int(heal_edit_rebase(d, 1, NULL, 0, &e, &which), HEAL_EDIT_DUPLICATE,
	       "the same range and text is a duplicate");
	is_int(which, 0, "naming the applied edit");
	e = ed(44, 48, "totals");
	is_int(heal_edit_rebase(d, 1, NULL, 0, &e, &which), HEAL_EDIT_CONFLICT,
	       "the same range with other text conflicts");
	e = ed(46, 50, "x");
	is_int(heal_edit_rebase(d, 1, NULL, 0, &e, &which), HEAL_EDIT_CONFLICT,
	       "an overlapping range conflicts");
	is_int(e.start, 46, "and is left as it was");
	e = ed(40, 60, "x");
	is_int(heal_edit_rebase(d, 1, NULL, 0, &e, &which), HEAL_EDIT_CONFLICT,
	       "a range covering an applied one conflicts");
	e = ed(48, 50, "x");
	is_int(heal_edit_rebase(d, 1, NULL, 0, &e, &which), HEAL_EDIT_REBASED,
	       "ranges meeting end to start do not conflict");
	is_int(e.start, 49, "and the later one moves by the change (+1)");
	e = ed(40, 44, "x");
	is_int(heal_edit_rebase(d, 1, NULL, 0, &e, &which), HEAL_EDIT_REBASED,
	       "a range ending where an applied one starts does not move");
	is_int(e.end, 44, "end kept");
	e = ed(46, 46, "x");
	is_int(heal_edit_rebase(d, 1, NULL, 0, &e, &which), HEAL_EDIT_CONFLICT,
	       "an insert inside an applied range conflicts");
	e = ed(48, 48, "x");
	is_int(heal_edit_rebase(d, 1, NULL, 0, &e, &which), HEAL_EDIT_CONFLICT,
	       "an insert at the end of an applied range is ambiguous");
	e = ed(44, 44, "x");
	is_int(heal_edit_rebase(d, 1, NULL, 0, &e, &which), HEAL_EDIT_CONFLICT,
	       "an insert at the start of an applied range is ambiguous");
	d[0] = (struct heal_edit_done){ 19, 19, 20, "#include <string.h>\n", 20, 0 };
	e = ed(19, 23, "");
	is_int(heal_edit_rebase(d, 1, NULL, 0, &e, &which), HEAL_EDIT_CONFLICT,
	       "a range starting at an applied insert is ambiguous");
	e = ed(10, 19, "");
	is_int(heal_edit_rebase(d, 1, NULL, 0, &e, &which), HEAL_EDIT_CONFLICT,
	       "a range ending at an applied insert is ambiguous");
	e = ed(19, 19, "x");
	is_int(heal_edit_rebase(d, 1, NULL, 0, &e, &which), HEAL_EDIT_CONFLICT,
	       "another insert at the same spot, not a whole line, conflicts");

	/* whole lines at one line start stack in run order */
	run_init(&r, src);
	{
		struct heal_edit a = ed(19, 19, "#include <string.h>\n");
		struct heal_edit b = ed(19, 19, "#include <stdlib.h>\n");
		struct heal_edit c = ed(44, 48, "total");

		is_int(fix(&r, &a, 1, 0, &which), HEAL_EDIT_REBASED, "fix 1: an include");
		is_int(fix(&r, &a, 1, 1, &which), HEAL_EDIT_DUPLICATE,
		       "the same include again is a duplicate");
		is_int(fix(&r, &b, 1, 2, &which), HEAL_EDIT_REBASED,
		       "another include at the same line start stacks");
		is_int(fix(&r, &c, 1, 3, &which), HEAL_EDIT_REBASED,
		       "an edit below both rebases");
		is_str(heal_buf_str(&r.cur),
		       "#include <stdio.h>\n#include <string.h>\n#include <stdlib.h>\nint main(void)\n{\n\treturn total;\n}\n",
		       "the file has all three, in run order");
		heal_buf_release(&r.cur);
	}
	run_init(&r, "ab\ncd\n");
	{
		struct heal_edit a = ed(1, 1, "X\n"), b = ed(1, 1, "Y\n");

		is_int(fix(&r, &a, 1, 0, &which), HEAL_EDIT_REBASED, "a line inserted mid-line");
		is_int(fix(&r, &b, 1, 1, &which), HEAL_EDIT_CONFLICT,
		       "a second one at that spot conflicts: not a line start");
		heal_buf_release(&r.cur);
	}

	/* CRLF: the applied text grew by its line-end conversion */
	run_init(&r, "a\r\nb\r\nc\r\n");
	{
		struct heal_edit a = ed(3, 3, "x\n"), b = ed(6, 7, "C");

		fix(&r, &a, 1, 0, &which);
		is_int(r.done[0].newlen, 3, "heal_edit_apply reports the converted length");
		is_int(fix(&r, &b, 1, 1, &which), HEAL_EDIT_REBASED, "a later edit rebases");
		is_str(heal_buf_str(&r.cur), "a\r\nx\r\nb\r\nC\r\n", "by the converted length");
		heal_buf_release(&r.cur);
	}

	/* a whole-file replacement keeps its own line ends (strip-cr) */
	run_init(&r, "a\r\nb\r\n");
	{
		struct heal_edit a = ed(0, 6, "a\nb\n");

		is_int(fix(&r, &a, 1, 0, &which), HEAL_EDIT_REBASED, "the whole file replaced");
		is_str(heal_buf_str(&r.cur), "a\nb\n", "with LF line ends, as given");
		heal_buf_release(&r.cur);
	}
	run_init(&r, "a\nb");
	{
		struct heal_edit a = ed(0, 3, "a\nb\n");

		fix(&r, &a, 1, 0, &which);
		is_str(heal_buf_str(&r.cur), "a\nb\n", "and with its final newline");
		heal_buf_release(&r.cur);
	}

	random_runs();
	return tap_done();
}
