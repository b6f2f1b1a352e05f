#include <stdio.h>
#include <string.h>

#include "heal_strmap.h"
#include "tap.h"

int main(void)
{
	struct heal_strmap m;
	char key[32];
	size_t v, i, bad = 0;

	heal_strmap_init(&m);
	ok(!heal_strmap_get(&m, "a", 1, &v), "empty map: no key");
	ok(heal_strmap_put(&m, "a", 1, 7, &v) && v == 7, "insert a");
	ok(!heal_strmap_put(&m, "a", 1, 9, &v) && v == 7,
	   "a second insert keeps the first value");
	ok(heal_strmap_put(&m, "a\0b", 3, 8, NULL), "keys may hold NUL");
	ok(heal_strmap_get(&m, "a\0b", 3, &v) && v == 8, "and are found");
	for (i = 0; i < 10000; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		heal_strmap_put(&m, key, strlen(key), i, NULL);
	}
	for (i = 0; i < 10000; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		if (!heal_strmap_get(&m, key, strlen(key), &v) || v != i)
			bad++;
	}
	is_int(bad, 0, "10000 keys survive growing");
	is_int(m.n, 10002, "count");
	heal_strmap_release(&m);
	heal_strmap_release(NULL);
	return tap_done();
}
