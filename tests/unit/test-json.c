#include <stdlib.h>
#include <string.h>

#include "heal_json.h"
#include "tap.h"

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

/* The end heal_json_skip finds for the value at s[0], or -1. */
static long skip_end(const char *s, size_t max_depth)
{
	size_t off = 0;

	return heal_json_skip(s, strlen(s), &off, max_depth) < 0 ? -1 : (long)off;
}

static void test_skip(void)
{
	static const char *const whole[] = {
		"\"\"", "\"a\"", "\"q\\\"b\"", "\"\\\\\"", "\"\\\\\\\"\\\\\"", "\"]}{[\"",
		"{}", "[]", "{\"a\":[1,{\"b\":\"}\"}],\"c\":\"\\\\\"}",
		"[\"0123456789abcde\",\"0123456789abcdef\\\"0123456789\",[[[[]]]]]",
		"{\"k\": \"a string long enough to cross two or three blocks of sixteen\"}",
		"{\"k\":\"\\u005c\", \"l\":\"\\\\\\\\\\\\\"}",
	};
	size_t i, off;
	char deep[200];

	for (i = 0; i < sizeof(whole) / sizeof(whole[0]); i++) {
		struct heal_buf b;

		/* the value alone, and followed by more */
		is_int(skip_end(whole[i], 64), (long)strlen(whole[i]), "skip %s", whole[i]);
		heal_buf_init(&b, 1024);
		heal_buf_putf(&b, "%s , \"x\"]", whole[i]);
		is_int(skip_end(heal_buf_str(&b), 64), (long)strlen(whole[i]),
		       "skip %s, followed by more", whole[i]);
		heal_buf_release(&b);
	}
	is_int(skip_end("  12.5e3, 4", 64), 8, "a number: up to the delimiter, white space before it skipped");
	is_int(skip_end("true}", 64), 4, "a literal");
	is_int(skip_end("\"abc", 64), -1, "an unclosed string");
	is_int(skip_end("\"abc\\\"", 64), -1, "a string whose last quote is escaped");
	is_int(skip_end("[1,2", 64), -1, "an unclosed array");
	is_int(skip_end("[1,2}", 64), -1, "a bracket closed by a brace");
	is_int(skip_end("{\"a\":1]}", 64), -1, "a brace closed by a bracket");
	is_int(skip_end("[\\]", 64), -1, "a backslash outside a string");
	is_int(skip_end("", 64), -1, "nothing");
	is_int(skip_end(",", 64), -1, "no value");
	memset(deep, '[', 100);
	memset(deep + 100, ']', 99);
	deep[199] = '\0';
	is_int(skip_end(deep, 64), -1, "deeper than the cap");
	deep[99] = '0';
	deep[100] = ']';
	off = 99 - 10;
	is_int(heal_json_skip(deep, 199, &off, 10), 0, "a value within the cap");
	is_int((long)off, 110, "ends where its brackets close");
	off = 0;
	is_int(heal_json_skip_space(" \t\r\n x", 6, &off), 'x', "skip_space: the byte after the white space");
	is_int((long)off, 5, "and its offset");
	off = 0;
	is_int(heal_json_skip_space("  ", 2, &off), -1, "at the end: -1");
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json_limits lim;
	struct heal_json *v, *o;
	int64_t i;

	/* a caller may ask for no message: bad JSON is NULL, not a crash */
	ok(heal_json_parse("{\"a\":", 5, NULL, NULL) == NULL,
	   "bad JSON with no error to fill: NULL");
	ok(heal_json_parse("[1,}", 4, NULL, NULL) == NULL,
	   "a syntax error with no error to fill: NULL");
	double d;
	char *deep;
	size_t k;

	test_skip();

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
	{
		/* every ASCII byte at every place of words read eight at a
		 * time: the text reads back as it was (yajl's parser), and
		 * holds printable ASCII only (control bytes and DEL escaped) */
		char in[20];
		int c, at, bad = 0;

		for (c = 0; c < 0x80; c++)
			for (at = 0; at < 20; at++) {
				struct heal_json *back;
				const char *q, *p;

				memset(in, 'a', sizeof(in));
				in[at] = (char)c;
				q = quote(in, sizeof(in));
				back = heal_json_parse(q, strlen(q), NULL, NULL);
				for (p = q; *p && *p >= 0x20 && *p < 0x7f; p++)
					;
				if ((!back || back->type != HEAL_JSON_STRING ||
				     back->u.str.len != sizeof(in) ||
				     memcmp(back->u.str.s, in, sizeof(in)) != 0 || *p) && !bad++)
					printf("# byte 0x%02x at %d: %s\n", c, at, q);
				heal_json_free(back);
			}
		ok(bad == 0, "each ASCII byte at each place of a long string");
		is_str(quote("abcdefgh\xc3\xa9ijklmnop\x7f", 19),
		       "\"abcdefghéijklmnop\\u007f\"", "UTF-8 and DEL after whole words");
	}

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
	{
		static const int64_t iv[] = { 0, 7, -7, 10, 1234567890123LL,
					     INT64_MAX, INT64_MIN };
		static const char *const want[] = { "0", "7", "-7", "10",
			"1234567890123", "9223372036854775807",
			"-9223372036854775808" };
		struct heal_buf b;
		size_t j;

		heal_buf_init(&b, 64);
		for (j = 0; j < sizeof(iv) / sizeof(iv[0]); j++) {
			struct heal_json *n = heal_json_new_int(iv[j]);

			heal_buf_reset(&b);
			if (heal_json_serialize(&b, n, NULL) < 0)
				heal_buf_reset(&b);
			is_str(heal_buf_str(&b), want[j], "integer %s", want[j]);
			heal_json_free(n);
		}
		heal_buf_release(&b);
	}

	/* a string among an array's elements */
	{
		static const char text[] = "[\"a.c\", 3, \"b\\u0000c\", \"m.tf\"]";
		struct heal_json *a = heal_json_parse(text, sizeof(text) - 1, NULL, NULL);

		ok(a && heal_json_array_has_str(a, "a.c") && heal_json_array_has_str(a, "m.tf"),
		   "array_has_str: strings it holds");
		ok(a && !heal_json_array_has_str(a, "b") && !heal_json_array_has_str(a, "3") &&
		   !heal_json_array_has_str(a, NULL) && !heal_json_array_has_str(NULL, "a.c"),
		   "array_has_str: not a string cut at a NUL, a number, NULL");
		heal_json_free(a);
	}
	return tap_done();
}
