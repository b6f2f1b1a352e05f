#include <string.h>

#include "heal_strv.h"
#include "tap.h"

int main(void)
{
	struct heal_strv s = { NULL, 0 };
	char buf[4] = "ab";

	heal_strv_add(&s, buf);
	buf[0] = 'x';
	ok(s.n == 1 && !strcmp(s.v[0], "ab") && !s.v[1], "add copies, and ends the list with NULL");
	heal_strv_add(&s, "cd");
	heal_strv_add(&s, "ab");
	ok(heal_strv_has(&s, "cd") && !heal_strv_has(&s, "xb"), "has");
	heal_strv_remove(&s, "ab");
	ok(s.n == 1 && !strcmp(s.v[0], "cd") && !s.v[1], "remove takes every copy");
	heal_strv_remove(&s, "none");
	ok(s.n == 1, "removing what is not there changes nothing");
	heal_strv_release(&s);
	ok(s.n == 0 && !s.v, "release empties");
	heal_strv_add(&s, "again");
	ok(s.n == 1, "usable after release");
	heal_strv_release(&s);
	return tap_done();
}
