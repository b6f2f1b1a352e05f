#include <stdlib.h>
#include <string.h>

#include "heal_json.h"
#include "tap.h"
#include "heal_banned.h"

static char out[4096];

/* parse s, serialize it again; NULL on parse error (message in err) */
static const char *roundtrip(const char *s, size_t len,
			     const struct heal_json_limits *lim,
			     struct heal_error *err)
{
	struct heal_json *v = heal_json_parse(s, len, lim, err);
	struct heal_buf b;

	if (!v)
		return NULL;
	heal_buf_init(&b, 1 << 20);
	heal_json_serialize(&b, v, err);
	snprintf(out, sizeof(out), "%s", heal_buf_str(&b));
	heal_buf_release(&b);
	heal_json_free(v);
	return out;
}

#define RT(s) roundtrip(s, strlen(s), NULL, &err)

static const char *quote(const char *s, size_t len)
{
	struct heal_buf b;

	heal_buf_init(&b, 1 << 20);
	heal_json_quote(&b, s, len, NULL);
	snprintf(out, sizeof(out), "%s", heal_buf_str(&b));
	heal_buf_release(&b);
	return out;
}

/* A frozen document: the values of a heap parse, read-only, freed whole. */
static void test_frozen(void)
{
	static const char *const docs[] = {
		"{\"a\":[1,{\"b\":\"x\"}],\"c\":\"y\",\"d\":null,\"e\":true,\"f\":-1.5e3}",
		"[[],{},[[[\"deep\"]]],\"\\u00e9\\n\",0]",
		"\"just a string\"",
	};
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json_arena *arena;
	struct heal_json *heap, *frozen, *holder, *copy;
	struct heal_buf a, b;
	size_t i, k;
	char big[40000];
	bool same = true;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		heap = heal_json_parse(docs[i], strlen(docs[i]), NULL, &err);
		frozen = heal_json_parse_frozen(docs[i], strlen(docs[i]), NULL, &arena, &err);
		heal_buf_init(&a, 1 << 20);
		heal_buf_init(&b, 1 << 20);
		heal_json_serialize(&a, heap, NULL);
		heal_json_serialize(&b, frozen, NULL);
		same = same && frozen && frozen->frozen && strcmp(heal_buf_str(&a), heal_buf_str(&b)) == 0;
		heal_buf_release(&a);
		heal_buf_release(&b);
		heal_json_free(heap);
		heal_json_free(frozen);
		heal_json_arena_free(arena);
	}
	ok(same, "a frozen document holds what a heap parse does");

	/* more than a block of the arena, and an object that grows past it */
	k = (size_t)snprintf(big, sizeof(big), "{");
	for (i = 0; i < 2000; i++)
		k += (size_t)snprintf(big + k, sizeof(big) - k, "%s\"k%zu\":[%zu,\"v\"]",
				      i ? "," : "", i, i);
	k += (size_t)snprintf(big + k, sizeof(big) - k, "}");
	frozen = heal_json_parse_frozen(big, k, NULL, &arena, &err);
	heap = heal_json_parse(big, k, NULL, &err);
	heal_buf_init(&a, 1 << 20);
	heal_buf_init(&b, 1 << 20);
	heal_json_serialize(&a, heap, NULL);
	heal_json_serialize(&b, frozen, NULL);
	ok(frozen && frozen->u.obj.n == 2000 && strcmp(heal_buf_str(&a), heal_buf_str(&b)) == 0,
	   "a large frozen document (2000 members, several blocks)");
	heal_buf_release(&a);
	heal_buf_release(&b);
	heal_json_free(heap);

	/* a heap container borrows frozen values; a clone is a heap copy */
	holder = heal_json_new_object();
	heal_json_object_set(holder, "t", heal_json_object_get(frozen, "k7"));
	heal_json_object_set(holder, "t", heal_json_object_get(frozen, "k8"));
	copy = heal_json_clone(heal_json_object_get(frozen, "k9"));
	ok(!copy->frozen && copy->u.arr.n == 2, "a clone of a frozen value is a heap value");
	heal_json_array_append(copy, heal_json_new_int(3));
	heal_json_free(holder);
	heal_json_free(copy);
	ok(heal_json_object_get_str(heal_json_object_get(frozen, "k8")->u.arr.v[1], "x") == NULL &&
	   strcmp(heal_json_object_get(frozen, "k8")->u.arr.v[1]->u.str.s, "v") == 0,
	   "freeing a container that borrowed frozen values leaves them");
	heal_json_arena_free(arena);

	ok(heal_json_parse_frozen("{\"a\":[1,", 8, NULL, &arena, &err) == NULL && arena == NULL &&
	   err.code == HEAL_ERR_INPUT, "a frozen parse that fails: no document, no arena");
	heal_json_arena_free(NULL);
	ok(1, "heal_json_arena_free accepts NULL");
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json_limits lim;
	struct heal_json *v, *o;
	int64_t i;
	double d;
	char *deep;
	size_t k;

	/* round trips: order, unknown members and number text kept */
	is_str(RT("{\"b\":1,\"a\":[true,false,null],\"z\":{\"x\":\"y\"}}"),
	       "{\"b\":1,\"a\":[true,false,null],\"z\":{\"x\":\"y\"}}",
	       "member order and nesting round-trip");
	is_str(RT("  {\"n\": 1.50e+3 , \"m\" : -0}  \n"), "{\"n\":1.50e+3,\"m\":-0}",
	       "number text is kept exactly, white space dropped");
	is_str(RT("{\"a\":1,\"a\":2}"), "{\"a\":1,\"a\":2}",
	       "duplicate keys pass through");
	v = heal_json_parse("{\"a\":1,\"a\":2}", 13, NULL, &err);
	ok(heal_json_object_get_int(v, "a", 0, 10, &i) == 1 && i == 2,
	   "duplicate keys: the last one wins on look-up");
	heal_json_free(v);

	/* escapes */
	is_str(RT("[\"q\\\"b\\\\s\\/n\\n t\\t\\u0001\\u007f\"]"),
	       "[\"q\\\"b\\\\s/n\\n t\\t\\u0001\\u007f\"]", "escapes re-encoded");
	is_str(RT("[\"\\u00e9\\u20ac\\ud83d\\ude00\"]"), "[\"é€😀\"]",
	       "unicode escapes and surrogate pairs decode to UTF-8");
	is_str(RT("[\"\\u2028\\u2029\"]"), "[\"\\u2028\\u2029\"]",
	       "line and paragraph separators stay escaped");
	is_str(quote("a\0b", 3), "\"a\\u0000b\"", "NUL is escaped");
	is_str(quote("\x1b[31mred", 8), "\"\\u001b[31mred\"", "ESC is escaped");
	is_str(quote("\xff\xfe", 2), "\"\\ufffd\\ufffd\"",
	       "invalid bytes become U+FFFD");
	is_str(quote("\xc0\xaf", 2), "\"\\ufffd\\ufffd\"",
	       "overlong encoding is replaced");
	is_str(quote("\xed\xa0\x80", 3), "\"\\ufffd\\ufffd\\ufffd\"",
	       "encoded surrogate is replaced");
	is_str(quote("ok \xe2\x82", 5), "\"ok \\ufffd\\ufffd\"",
	       "truncated sequence is replaced");
	is_str(quote("\xc3\xa9", 2), "\"é\"", "valid UTF-8 copied");

	/* invalid JSON */
	ok(RT("{\"a\":}") == NULL && err.code == HEAL_ERR_INPUT,
	   "syntax error is HEAL_ERR_INPUT");
	contains(err.msg, "invalid JSON", "syntax error message");
	contains(err.msg, "byte ", "syntax error names the byte offset");
	ok(RT("{\"a\":1} x") == NULL, "trailing garbage is an error");
	ok(RT("{\"a\":1}{\"b\":2}") == NULL, "two values are an error");
	ok(RT("") == NULL && err.code == HEAL_ERR_INPUT, "empty input is an error");
	ok(RT("{\"a\":1") == NULL, "truncated object is an error");
	ok(RT("[\"\xff\"]") == NULL && err.code == HEAL_ERR_INPUT,
	   "invalid UTF-8 inside a string is rejected on input");
	ok(RT("[01]") == NULL, "leading zero rejected");
	ok(RT("[NaN]") == NULL, "NaN rejected");

	/* numbers range-checked */
	ok(RT("[9223372036854775807]") != NULL, "largest int64 accepted");
	ok(RT("[9223372036854775808]") == NULL && err.code == HEAL_ERR_INPUT,
	   "integer past int64 rejected");
	contains(err.msg, "out of range", "range message");
	ok(RT("[-9223372036854775809]") == NULL, "integer below int64 rejected");
	ok(RT("[1e308]") != NULL, "large finite double accepted");
	ok(RT("[1e309]") == NULL && err.code == HEAL_ERR_INPUT,
	   "double overflow rejected");
	heal_json_limits_default(&lim);
	lim.max_number = 8;
	ok(roundtrip("[123456789]", 11, &lim, &err) == NULL &&
	   err.code == HEAL_ERR_LIMIT, "number length cap");

	/* depth cap */
	k = 1000000;
	deep = malloc(2 * k);
	memset(deep, '[', k);
	memset(deep + k, ']', k);
	ok(roundtrip(deep, 2 * k, NULL, &err) == NULL &&
	   err.code == HEAL_ERR_LIMIT, "10^6 nested arrays rejected at the cap");
	contains(err.msg, "nesting deeper than 64", "depth message");
	ok(roundtrip(deep + k - 64, 128, NULL, &err) != NULL,
	   "exactly 64 levels accepted");
	ok(roundtrip(deep + k - 65, 130, NULL, &err) == NULL,
	   "65 levels rejected");
	lim.max_number = 64;
	lim.max_depth = 3;
	ok(roundtrip("{\"a\":{\"b\":[1]}}", 15, &lim, &err) != NULL,
	   "configured depth 3 accepts 3");
	ok(roundtrip("{\"a\":{\"b\":[[1]]}}", 17, &lim, &err) == NULL,
	   "configured depth 3 rejects 4");
	free(deep);

	/* string and member caps */
	heal_json_limits_default(&lim);
	lim.max_string = 4;
	ok(roundtrip("[\"abcd\"]", 8, &lim, &err) != NULL, "string at cap");
	ok(roundtrip("[\"abcde\"]", 9, &lim, &err) == NULL &&
	   err.code == HEAL_ERR_LIMIT, "string over cap");
	ok(roundtrip("{\"abcde\":1}", 11, &lim, &err) == NULL,
	   "key over cap");
	heal_json_limits_default(&lim);
	lim.max_members = 2;
	ok(roundtrip("[1,2]", 5, &lim, &err) != NULL, "members at cap");
	ok(roundtrip("[1,2,3]", 7, &lim, &err) == NULL &&
	   err.code == HEAL_ERR_LIMIT, "array members over cap");
	ok(roundtrip("{\"a\":1,\"b\":2,\"c\":3}", 19, &lim, &err) == NULL,
	   "object members over cap");

	/* building and editing */
	o = heal_json_new_object();
	heal_json_object_set_str(o, "s", "x");
	heal_json_object_set_int(o, "i", -42);
	heal_json_object_set(o, "d", heal_json_new_double(0.1));
	heal_json_object_set_bool(o, "b", true);
	heal_json_object_set_str(o, "s", "y");
	heal_json_object_set(o, "inf", heal_json_new_double(1.0 / 0.0));
	{
		struct heal_buf b;
		struct heal_json *c = heal_json_clone(o);

		heal_buf_init(&b, 4096);
		heal_json_serialize(&b, c, &err);
		is_str(heal_buf_str(&b),
		       "{\"s\":\"y\",\"i\":-42,\"d\":0.1,\"b\":true,\"inf\":null}",
		       "set replaces in place; clone is deep; inf is null");
		heal_buf_release(&b);
		heal_json_free(c);
	}
	ok(heal_json_object_get_int(o, "i", -100, 100, &i) == 1 && i == -42,
	   "get_int in range");
	is_int(heal_json_object_get_int(o, "i", 0, 100, &i), -1,
	       "get_int out of range");
	is_int(heal_json_object_get_int(o, "s", 0, 100, &i), -1,
	       "get_int on a string");
	is_int(heal_json_object_get_int(o, "nope", 0, 100, &i), 0,
	       "get_int absent");
	ok(heal_json_object_get_double(o, "d", &d) == 1 && d == 0.1,
	   "get_double");
	ok(heal_json_object_remove(o, "s") && !heal_json_object_get(o, "s"),
	   "remove");
	ok(!heal_json_object_remove(o, "s"), "remove absent");
	heal_json_object_set(o, "nul", heal_json_new_stringn("a\0b", 3));
	ok(heal_json_object_get_str(o, "nul") == NULL,
	   "get_str refuses strings holding NUL");
	heal_json_free(o);
	heal_json_free(NULL);
	ok(1, "free accepts NULL");
	test_frozen();
	return tap_done();
}
