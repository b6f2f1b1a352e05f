#include <stdio.h>
#include <string.h>

#include "heal_fingerprint.h"
#include "tap.h"

static void id(const char *tool, const char *code, const char *msg,
	       const char *file, const char *snip, const char *const *roots,
	       char out[HEAL_FINGERPRINT_HEX])
{
	heal_fingerprint(tool, code, msg, file, snip, roots, out);
}

int main(void)
{
	char a[HEAL_FINGERPRINT_HEX], b[HEAL_FINGERPRINT_HEX];
	const char *r1[] = { "/home/dev/proj", NULL };
	const char *r2[] = { "/srv/ci/build-42/proj", NULL };
	struct heal_buf n;
	const char *m;
	size_t i;

	id("gcc", NULL, "‘conut’ undeclared", "main.c", NULL, NULL, a);
	is_int(strlen(a), 16, "16 hex digits");
	for (i = 0; i < 16; i++)
		if (!((a[i] >= '0' && a[i] <= '9') || (a[i] >= 'a' && a[i] <= 'f')))
			break;
	is_int(i, 16, "lower-case hex");
	id("gcc", NULL, "'conut' undeclared", "main.c", NULL, NULL, b);
	is_str(a, b, "curly and straight quotes give one id");
	id("gcc", NULL, "‘conut’ undeclared", "main.c", NULL, NULL, b);
	is_str(a, b, "stable");
	id("gcc", NULL, "‘conut’ undeclared", "other.c", NULL, NULL, b);
	ok(strcmp(a, b) != 0, "another file, another id");
	id("clang", NULL, "‘conut’ undeclared", "main.c", NULL, NULL, b);
	ok(strcmp(a, b) != 0, "another tool, another id");
	id("gcc", "-Wx", "‘conut’ undeclared", "main.c", NULL, NULL, b);
	ok(strcmp(a, b) != 0, "another code, another id");
	id("gcc", NULL, "‘count’ undeclared", "main.c", NULL, NULL, b);
	ok(strcmp(a, b) != 0, "another name, another id");

	id("python", "ImportError", "cannot import name 'x' from 'm' (/home/dev/proj/m.py)",
	   "main.py", NULL, r1, a);
	id("python", "ImportError", "cannot import name 'x' from 'm' (/srv/ci/build-42/proj/m.py)",
	   "main.py", NULL, r2, b);
	is_str(a, b, "another absolute root prefix, same id");

	id("ld", NULL, "multiple definition of `c'; /tmp/ccgZuQ1K.o: first defined here",
	   "c.h", NULL, NULL, a);
	id("ld", NULL, "multiple definition of `c'; /tmp/ccAbCdEf.o: first defined here",
	   "c.h", NULL, NULL, b);
	is_str(a, b, "temporary object names normalised");
	id("x", NULL, "bad pointer 0x7ffd1234 after 12 tries", NULL, NULL, NULL, a);
	id("x", NULL, "bad pointer 0x55aa00ff after 3 tries", NULL, NULL, NULL, b);
	is_str(a, b, "numbers and addresses normalised");

	id("gcc", NULL, "unknown type name 'bool'", "main.c", "    bool verbose;", NULL, a);
	id("gcc", NULL, "unknown type name 'bool'", "main.c", "bool verbose;", NULL, b);
	is_str(a, b, "snippet white space ignored (the line moved and was re-indented)");
	id("gcc", NULL, "unknown type name 'bool'", "main.c", "bool dry_run;", NULL, b);
	ok(strcmp(a, b) != 0, "same message on another source line, another id");

	/* the memo gives what the plain call gives: repeats, texts that share
	 * a slot, and texts too long to keep */
	{
		struct heal_fingerprint_memo *memo = heal_fingerprint_memo_new();
		char msg[600], snip[64], file[32];
		size_t bad = 0, k;

		for (i = 0; i < 20000; i++) {
			k = (i * 7919) % 5003;
			snprintf(msg, sizeof(msg), "'v%zu' undeclared%s", k % 977,
				 k % 13 ? "" : " ...............................................................................................................................................................................................................................");
			snprintf(snip, sizeof(snip), "return v%zu + 1;", k % 31);
			snprintf(file, sizeof(file), "src/m%zu.c", k % 7);
			heal_fingerprint(k % 3 ? "gcc" : "clang", k % 5 ? NULL : "E1",
					 msg, file, k % 11 ? snip : NULL, r1, a);
			heal_fingerprint_memo(memo, k % 3 ? "gcc" : "clang",
					      k % 5 ? NULL : "E1", msg, file,
					      k % 11 ? snip : NULL, r1, b);
			bad += strcmp(a, b) != 0;
		}
		ok(bad == 0, "the memo's ids are the plain ones (%zu differ)", bad);
		heal_fingerprint_memo(memo, "x", NULL, NULL, NULL, NULL, NULL, b);
		id("x", NULL, NULL, NULL, NULL, NULL, a);
		is_str(a, b, "the memo's id of absent fields");
		heal_fingerprint_memo_free(memo);
	}

	heal_buf_init(&n, 4096);
	m = "a  “b”\t`c' 0x1F 42x";
	heal_fingerprint_normalise(&n, m, strlen(m), NULL);
	is_str(heal_buf_str(&n), "a 'b' 'c' 0xN Nx", "normal form");
	heal_buf_release(&n);
	return tap_done();
}
