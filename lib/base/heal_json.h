/*
 * heal_json.h - JSON values: parse with caps, edit, serialize.
 *
 * Parsing is done on yajl's event parser (never yajl_tree_parse, whose
 * recursion has no depth limit).  Objects keep their members in input order
 * and keep every member, known or not, so a record passes through a tool
 * with the fields it did not know intact.  Numbers keep their exact source
 * text, so they round-trip unchanged; they are range-checked on parse.
 *
 * Serialization always produces valid UTF-8 JSON on one line:
 *   - '"' and '\\' are escaped; control characters U+0000..U+001F and
 *     U+007F become \b \f \n \r \t or \u00XX; U+2028/U+2029 become \u2028
 *     and \u2029;
 *   - every byte that is not part of a valid UTF-8 sequence (including
 *     overlong forms and surrogates) becomes \ufffd, the replacement
 *     character.
 */
#ifndef HEAL_JSON_H
#define HEAL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heal_buf.h"
#include "heal_error.h"

enum heal_json_type {
	HEAL_JSON_NULL,
	HEAL_JSON_FALSE,
	HEAL_JSON_TRUE,
	HEAL_JSON_NUMBER,
	HEAL_JSON_STRING,
	HEAL_JSON_ARRAY,
	HEAL_JSON_OBJECT,
};

struct heal_json;

struct heal_json_member {
	char *key;                 /* NUL-terminated, may hold NUL (keylen) */
	size_t keylen;
	struct heal_json *val;
};

struct heal_json {
	enum heal_json_type type;
	bool frozen;               /* of a frozen document: read-only */
	union {
		/* STRING, NUMBER: s is NUL-terminated and part of the value's
		 * own allocation (read or edit its bytes, never replace it;
		 * a frozen value's may be elsewhere: heal_json_pack.h) */
		struct { char *s; size_t len; } str;
		struct { struct heal_json **v; size_t n, cap; } arr;
		struct { struct heal_json_member *m; size_t n, cap; } obj;
	} u;
};

/* Caps applied by heal_json_parse; every one is documented in heal-records(5). */
struct heal_json_limits {
	size_t max_depth;          /* nesting of arrays and objects (64) */
	size_t max_string;         /* bytes in one string or key (1 MiB) */
	size_t max_number;         /* characters of one number (64) */
	size_t max_members;        /* members of one object, items of one array (100000) */
};

#define HEAL_JSON_DEPTH_DEFAULT 64
#define HEAL_JSON_STRING_DEFAULT (1u << 20)
#define HEAL_JSON_NUMBER_DEFAULT 64
#define HEAL_JSON_MEMBERS_DEFAULT 100000

void heal_json_limits_default(struct heal_json_limits *lim);

/*
 * Parse exactly one JSON value from data[0..len).  Surrounding white space
 * is allowed, anything else after the value is an error.  On success
 * returns the value (owned by the caller, heal_json_free) and on failure
 * NULL with err set to HEAL_ERR_INPUT or HEAL_ERR_LIMIT and a message that
 * names the problem and its byte offset.
 */
struct heal_json *heal_json_parse(const char *data, size_t len,
				  const struct heal_json_limits *lim,
				  struct heal_error *err);

/*
 * A frozen document: parsed as heal_json_parse does, into one arena that
 * holds all its values, keys and arrays.  Parsing makes an allocation per
 * 64 KiB instead of one or two per value, and heal_json_arena_free frees
 * the whole document in a few calls: for data files a tool loads whole
 * and keeps, read-only (pattern and rule files).
 *
 * Its values are read-only: heal_json_object_set, heal_json_array_append
 * and the functions that remove or take a member abort on one.  A frozen
 * value may be put in a heap container, which then borrows it:
 * heal_json_free does nothing to a frozen value, and the arena must
 * outlive every container that holds one.  heal_json_clone of a frozen
 * value is an ordinary one.  On success *arena is the caller's
 * (heal_json_arena_free); on failure it is NULL.
 */
struct heal_json_arena;

struct heal_json *heal_json_parse_frozen(const char *data, size_t len,
					 const struct heal_json_limits *lim,
					 struct heal_json_arena **arena,
					 struct heal_error *err);
/* Free a frozen document and every value of it.  Accepts NULL. */
void heal_json_arena_free(struct heal_json_arena *a);

/*
 * Skim: move *off past the JSON value that starts at data[*off] (white
 * space before it skipped too) without building it.  Structural only:
 * strings (escapes honoured) and brackets are followed, up to max_depth
 * levels, and brackets must pair; what is between them is not checked, so
 * a value skimmed here may still fail to parse.  0, or -1 when the value
 * is cut short, mis-nested or deeper.  For finding the parts of a large
 * document that a caller then parses one at a time.
 */
int heal_json_skip(const char *data, size_t len, size_t *off, size_t max_depth);
/* *off past white space; the byte there, or -1 at the end. */
int heal_json_skip_space(const char *data, size_t len, size_t *off);

/* Constructors: the result is owned by the caller (or by the container it
 * is added to).  Strings are copied. */
struct heal_json *heal_json_new_null(void);
struct heal_json *heal_json_new_bool(bool b);
struct heal_json *heal_json_new_int(int64_t i);
/* A finite double; non-finite values become null. */
struct heal_json *heal_json_new_double(double d);
struct heal_json *heal_json_new_string(const char *s);
struct heal_json *heal_json_new_stringn(const char *s, size_t len);
struct heal_json *heal_json_new_array(void);
struct heal_json *heal_json_new_object(void);
/* Deep copy. */
struct heal_json *heal_json_clone(const struct heal_json *v);
/* Frees v and everything it contains (but frozen values).  Accepts NULL. */
void heal_json_free(struct heal_json *v);

/* Containers take ownership of val. */
void heal_json_array_append(struct heal_json *arr, struct heal_json *val);
/*
 * Set obj[key] = val.  An existing member keeps its position and its old
 * value is freed; a new member is appended.
 */
void heal_json_object_set(struct heal_json *obj, const char *key,
			  struct heal_json *val);
/* Shorthands for heal_json_object_set with a new scalar. */
void heal_json_object_set_str(struct heal_json *obj, const char *key,
			      const char *s);
void heal_json_object_set_int(struct heal_json *obj, const char *key,
			      int64_t i);
void heal_json_object_set_bool(struct heal_json *obj, const char *key,
			       bool b);
/* Remove a member, freeing its value; returns whether it existed. */
bool heal_json_object_remove(struct heal_json *obj, const char *key);
/*
 * Remove a member and hand its value to the caller (NULL when absent).
 */
struct heal_json *heal_json_object_take(struct heal_json *obj,
					const char *key);

/* Look-ups return borrowed pointers, or NULL when absent or not an object.
 * With duplicate keys the last one wins. */
struct heal_json *heal_json_object_get(const struct heal_json *obj,
				       const char *key);
/* obj[key] when it is a string without NUL bytes, else NULL. */
const char *heal_json_object_get_str(const struct heal_json *obj,
				     const char *key);
/*
 * obj[key] as an integer in [min, max].  Returns 1 when present and valid,
 * 0 when absent or null, -1 when present but not an integer in range.
 */
int heal_json_object_get_int(const struct heal_json *obj, const char *key,
			     int64_t min, int64_t max, int64_t *out);
/* obj[key] as a number (integer or not): 1 ok, 0 absent/null, -1 bad. */
int heal_json_object_get_double(const struct heal_json *obj, const char *key,
				double *out);
/* obj[key] == true */
bool heal_json_object_get_bool(const struct heal_json *obj, const char *key);

/* A number value as int64 when it is an integer in range: 0 ok, -1 not. */
int heal_json_number_int(const struct heal_json *v, int64_t *out);
/* Whether a string value holds no NUL bytes (safe as a C string). */
bool heal_json_string_is_cstr(const struct heal_json *v);
/* Whether arr is an array with a string element equal to s (a C string
 * each); false for NULL, a non-array or a NULL s. */
bool heal_json_array_has_str(const struct heal_json *arr, const char *s);

/*
 * Append the compact one-line serialization of v to out.  Fails only when
 * out's maximum size is reached (HEAL_ERR_LIMIT).
 */
int heal_json_serialize(struct heal_buf *out, const struct heal_json *v,
			struct heal_error *err);
/* Bytes of the longest integer's text. */
#define HEAL_JSON_INT_MAX 24
/* Write i in decimal (as a number value holds it, no NUL): its length. */
size_t heal_json_int_text(char buf[HEAL_JSON_INT_MAX], int64_t i);
/* Bytes of a double's text, its NUL included. */
#define HEAL_JSON_DOUBLE_MAX 40
/* Write d as heal_json_new_double's number holds it (the shortest of %.15g
 * and %.17g that reads back as d), NUL-terminated: its length, 0 when d is
 * not finite (a JSON null). */
size_t heal_json_double_text(char buf[HEAL_JSON_DOUBLE_MAX], double d);
/* Append s[0..len) as a JSON string literal with heal's escaping rules. */
int heal_json_quote(struct heal_buf *out, const char *s, size_t len,
		    struct heal_error *err);

#endif
