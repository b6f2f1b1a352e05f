#include <stdlib.h>
#include <string.h>

#include "heal_regex.h"
#include "tap.h"
#include "heal_banned.h"

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_regex re;
	const char *s, *g;
	size_t n, len;
	char *big;

	ok(heal_regex_compile(&re, "^(?<file>[^:]+):(\\d+):", 0, &err) == 0,
	   "compile");
	is_int(re.ngroups, 2, "group count");
	is_int(heal_regex_group_number(&re, "file"), 1, "named group number");
	is_int(heal_regex_group_number(&re, "nope"), -1, "unknown group name");
	s = "src/a.c:12: error";
	ok(heal_regex_match(&re, s, strlen(s), 0) == 1, "match");
	ok(heal_regex_group(&re, 1, &g, &n) && n == 7 && memcmp(g, "src/a.c", 7) == 0,
	   "group 1");
	ok(heal_regex_group(&re, 2, &g, &n) && n == 2 && memcmp(g, "12", 2) == 0,
	   "group 2");
	ok(!heal_regex_group(&re, 3, &g, &n), "no group 3");
	ok(heal_regex_match(&re, "nothing", 7, 0) == 0, "no match");
	s = "\xff\xfe:3: x";
	ok(heal_regex_match(&re, s, strlen(s), 0) == 1,
	   "invalid UTF-8 subject matches without error");
	heal_regex_release(&re);

	/* the name table: every syntax PCRE2 accepts, in name order */
	ok(heal_regex_compile(&re, "(?<zeta>a)(b)(?P<alpha>c)(?'mid_1'd)\\(?<not>x\\)[(?<nor>]", 0,
			      &err) == 0, "compile named groups");
	{
		uint32_t num = 0;

		is_int(heal_regex_name_count(&re), 3, "three names, escaped and bracketed ones aside");
		is_str(heal_regex_name(&re, 0, &num), "alpha", "first name");
		is_int(num, 3, "its group");
		is_str(heal_regex_name(&re, 1, &num), "mid_1", "second name");
		is_int(num, 4, "its group");
		is_str(heal_regex_name(&re, 2, NULL), "zeta", "third name, no group asked");
		ok(heal_regex_name(&re, 3, &num) == NULL, "out of range");
	}
	heal_regex_release(&re);
	ok(heal_regex_compile(&re, "(a)(b)", 0, &err) == 0 && heal_regex_name_count(&re) == 0,
	   "no names");
	heal_regex_release(&re);

	ok(heal_regex_compile(&re, "a(b", 0, &err) == -1 &&
	   err.code == HEAL_ERR_INPUT, "bad pattern is HEAL_ERR_INPUT");
	contains(err.msg, "bad regular expression at offset 3", "bad pattern message");
	heal_regex_release(&re);

	ok(heal_regex_compile(&re, "ERROR", HEAL_RE_CASELESS, &err) == 0 &&
	   heal_regex_match(&re, "an error", 8, 0) == 1, "caseless");
	heal_regex_release(&re);

	/* catastrophic backtracking is bounded */
	ok(heal_regex_compile(&re, "^(a+)+$", 0, &err) == 0, "compile (a+)+$");
	len = 5000;
	big = malloc(len + 2);
	memset(big, 'a', len);
	big[len] = '!';
	big[len + 1] = '\0';
	ok(heal_regex_match(&re, big, len + 1, 0) == 0, "catastrophic pattern gives no match");
	ok(re.limit_hits == 1, "and counts a limit hit");
	free(big);
	heal_regex_release(&re);
	heal_regex_release(NULL);
	return tap_done();
}
