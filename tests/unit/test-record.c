#include <string.h>

#include "heal_record.h"
#include "tap.h"

static struct heal_error err;

static int check(const char *s)
{
	struct heal_json *v = heal_json_parse(s, strlen(s), NULL, &err);
	int r;

	if (!v)
		return -2;
	r = heal_record_check(v, &err);
	heal_json_free(v);
	return r;
}

#define E "{\"v\":1,\"kind\":\"error\",\"tool\":\"gcc\",\"message\":\"m\""

int main(void)
{
	struct heal_json *r;

	is_int(check(E "}"), 0, "minimal error record");
	is_int(check(E ",\"id\":\"0123abcd\",\"file\":\"src/a.c\",\"line\":3,\"column\":null,"
		     "\"severity\":\"warning\",\"code\":\"-Wunused\",\"x-extra\":[1]}"), 0,
	       "full error record with an unknown field");
	is_int(check("{\"kind\":\"error\"}"), -1, "missing v");
	contains(err.msg, "no schema version", "missing v message");
	is_int(check("{\"v\":2,\"kind\":\"error\"}"), -1, "future schema version");
	contains(err.msg, "unsupported schema version 2", "version message");
	is_int(check("{\"v\":\"1\",\"kind\":\"error\"}"), -1, "v as string");
	is_int(check("{\"v\":1}"), -1, "missing kind");
	is_int(check("{\"v\":1,\"kind\":\"bogus\"}"), -1, "unknown kind");
	contains(err.msg, "'kind' must be one of", "kind message");
	is_int(check("{\"v\":1,\"kind\":\"error\",\"message\":\"m\"}"), -1, "missing tool");
	contains(err.msg, "error record has no 'tool'", "required field message");
	is_int(check(E ",\"line\":0}"), -1, "line 0");
	contains(err.msg, "field 'line' must be an integer from 1 to 2147483647 or null", "line message");
	is_int(check(E ",\"line\":-4}"), -1, "negative line");
	is_int(check(E ",\"line\":2147483648}"), -1, "line past int32");
	is_int(check(E ",\"line\":\"3\"}"), -1, "line as string");
	is_int(check(E ",\"line\":3.5}"), -1, "fractional line");
	is_int(check(E ",\"line\":3.0}"), 0, "line 3.0 is the integer 3");
	is_int(check(E ",\"severity\":\"fatal\"}"), -1, "unknown severity");
	contains(err.msg, "one of error, warning, note", "enum message lists values");
	is_int(check(E ",\"file\":\"a\\u0000b.c\"}"), -1, "NUL inside a path");
	is_int(check(E ",\"file\":\"a\\nb.c\"}"), -1, "newline inside a path");
	is_int(check(E ",\"file\":\"\"}"), -1, "empty path");
	is_int(check(E ",\"file\":null}"), 0, "null path");
	is_int(check(E ",\"id\":\"XYZ\"}"), -1, "id not hex");
	is_int(check(E ",\"command\":[\"make\",1]}"), -1, "command with a number");
	is_int(check(E ",\"count\":0}"), -1, "count 0");
	is_int(check("{\"v\":1,\"kind\":\"fix\",\"error_id\":\"ab\",\"status\":\"applied\"}"), 0,
	       "fix record");
	is_int(check("{\"v\":1,\"kind\":\"fix\",\"error_id\":\"ab\",\"status\":\"done\"}"), -1,
	       "fix record with a bad status");
	is_int(check("{\"v\":1,\"kind\":\"validation\",\"error_id\":\"ab\",\"status\":\"passed\",\"healed\":true}"), 0,
	       "validation record");
	is_int(check("{\"v\":1,\"kind\":\"event\",\"event\":\"fix_applied\"}"), 0,
	       "event record");
	is_int(check("{\"v\":1,\"kind\":\"event\"}"), -1, "event without its type");

	r = heal_record_new(HEAL_KIND_VALIDATION);
	is_int(heal_record_kind(r), HEAL_KIND_VALIDATION, "heal_record_new sets kind");
	is_str(heal_record_kind_name(heal_record_kind(r)), "validation", "kind name");
	heal_json_free(r);
	ok(heal_record_path_ok("src/a.c", 7), "plain path ok");
	ok(!heal_record_path_ok("a\x1b.c", 4), "escape in path refused");
	ok(!heal_record_path_ok("a\x7f.c", 4), "DEL in path refused");
	ok(!heal_record_path_ok("a\xc2\x80.c", 5), "C1 U+0080 in path refused");
	ok(!heal_record_path_ok("a\xc2\x9b" "31m.c", 8), "C1 CSI U+009B in path refused");
	ok(!heal_record_path_ok("a\xc2\x9f", 3), "C1 U+009F at the end refused");
	ok(heal_record_path_ok("a\xc2\xa0.c", 5), "U+00A0 (not C1) accepted");
	ok(heal_record_path_ok("caf\xc3\xa9.c", 7), "U+00E9 accepted");
	ok(!heal_record_path_ok("a\xe2\x80\xae" "c.exe", 8), "U+202E RLO refused");
	ok(!heal_record_path_ok("a\xe2\x80\xaa.c", 6), "U+202A LRE refused");
	ok(!heal_record_path_ok("a\xe2\x81\xa6.c", 6), "U+2066 LRI refused");
	ok(!heal_record_path_ok("a\xe2\x81\xa9.c", 6), "U+2069 PDI refused");
	ok(!heal_record_path_ok("a\xe2\x80\x8f.c", 6), "U+200F RLM refused");
	ok(!heal_record_path_ok("a\xe2\x80\xa8.c", 6), "U+2028 refused");
	ok(!heal_record_path_ok("a\xd8\x9c.c", 5), "U+061C ALM refused");
	ok(heal_record_path_ok("a\xe2\x80\x94.c", 6), "U+2014 em dash accepted");
	ok(heal_record_path_ok("a\xe2\x81\xb0.c", 6), "U+2070 accepted");
	ok(heal_record_path_ok("a\xc2", 2), "a truncated C2 at the end is not a C1");
	return tap_done();
}
