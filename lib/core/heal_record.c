#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "heal_record.h"

static const char *const kind_names[] = {
	[HEAL_KIND_UNKNOWN] = NULL,
	[HEAL_KIND_ERROR] = "error",
	[HEAL_KIND_FIX] = "fix",
	[HEAL_KIND_VALIDATION] = "validation",
	[HEAL_KIND_EVENT] = "event",
};

struct heal_json *heal_record_new(enum heal_kind kind)
{
	struct heal_json *r = heal_json_new_object();

	heal_json_object_set_int(r, "v", HEAL_SCHEMA_VERSION);
	heal_json_object_set_str(r, "kind", kind_names[kind]);
	return r;
}

const char *heal_record_kind_name(enum heal_kind kind)
{
	return kind > HEAL_KIND_UNKNOWN && kind <= HEAL_KIND_EVENT
	       ? kind_names[kind] : "unknown";
}

enum heal_kind heal_record_kind(const struct heal_json *rec)
{
	const char *k = heal_json_object_get_str(rec, "kind");
	int i;

	if (!k)
		return HEAL_KIND_UNKNOWN;
	for (i = HEAL_KIND_ERROR; i <= HEAL_KIND_EVENT; i++)
		if (strcmp(k, kind_names[i]) == 0)
			return (enum heal_kind)i;
	return HEAL_KIND_UNKNOWN;
}

bool heal_record_category_ok(const char *c)
{
	static const char *const known[] = {
		"syntax", "dependency", "type", "name", "value", "permission",
		"configuration", "network", "resource", "link", "test", "runtime",
		"style", "unknown", NULL
	};
	size_t i;

	for (i = 0; c && known[i]; i++)
		if (strcmp(c, known[i]) == 0)
			return true;
	return false;
}

/*
 * Whether the UTF-8 sequence at p (n bytes left) starts with a character
 * that changes how a terminal shows the text around it: C1 controls
 * (U+0080-U+009F, CSI among them), the bidi embeddings, overrides and
 * isolates and the implicit marks (U+061C, U+200E-U+200F, U+202A-U+202E,
 * U+2066-U+2069), and the line and paragraph separators U+2028-U+2029.
 */
static bool format_char(const unsigned char *p, size_t n)
{
	if (n >= 2 && p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
		return true;
	if (n >= 2 && p[0] == 0xd8 && p[1] == 0x9c)
		return true;
	if (n >= 3 && p[0] == 0xe2 && p[1] == 0x80)
		return p[2] == 0x8e || p[2] == 0x8f ||
		       (p[2] >= 0xa8 && p[2] <= 0xae);
	if (n >= 3 && p[0] == 0xe2 && p[1] == 0x81)
		return p[2] >= 0xa6 && p[2] <= 0xa9;
	return false;
}

bool heal_record_path_ok(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	if (len == 0 || len > HEAL_RECORD_PATH_MAX)
		return false;
	for (i = 0; i < len; i++) {
		if (u[i] < 0x20 || u[i] == 0x7f)
			return false;
		if (u[i] >= 0xc2 && format_char(u + i, len - i))
			return false;
	}
	return true;
}

enum ftype {
	F_STR,          /* string */
	F_STR_NULL,     /* string or null */
	F_PATH_NULL,    /* path string (heal_record_path_ok) or null */
	F_POS_NULL,     /* integer >= 1 or null */
	F_COUNT,        /* integer >= 1 */
	F_INT,          /* any integer */
	F_BOOL,
	F_ARRAY,
	F_OBJECT,
	F_STRARRAY,     /* array of strings */
	F_HEX,          /* 1..64 lower-case hex digits */
	F_ENUM,         /* one of the strings in `values` */
};

struct field_rule {
	enum heal_kind kind;
	const char *name;
	enum ftype type;
	bool required;
	const char *const *values;
};

static const char *const severities[] = { "error", "warning", "note", NULL };
static const char *const fix_statuses[] = {
	"applied", "dry-run", "skipped", "refused", "needs-approval", "failed",
	NULL,
};
static const char *const validation_statuses[] = {
	"passed", "failed", "skipped", NULL,
};

static const struct field_rule rules[] = {
	{ HEAL_KIND_ERROR, "id", F_HEX, false, NULL },
	{ HEAL_KIND_ERROR, "tool", F_STR, true, NULL },
	{ HEAL_KIND_ERROR, "env", F_STR, false, NULL },
	{ HEAL_KIND_ERROR, "severity", F_ENUM, false, severities },
	{ HEAL_KIND_ERROR, "category", F_STR_NULL, false, NULL },
	{ HEAL_KIND_ERROR, "file", F_PATH_NULL, false, NULL },
	{ HEAL_KIND_ERROR, "line", F_POS_NULL, false, NULL },
	{ HEAL_KIND_ERROR, "column", F_POS_NULL, false, NULL },
	{ HEAL_KIND_ERROR, "end_line", F_POS_NULL, false, NULL },
	{ HEAL_KIND_ERROR, "end_column", F_POS_NULL, false, NULL },
	{ HEAL_KIND_ERROR, "code", F_STR_NULL, false, NULL },
	{ HEAL_KIND_ERROR, "message", F_STR, true, NULL },
	{ HEAL_KIND_ERROR, "raw", F_STR, false, NULL },
	{ HEAL_KIND_ERROR, "count", F_COUNT, false, NULL },
	{ HEAL_KIND_ERROR, "stack", F_ARRAY, false, NULL },
	{ HEAL_KIND_ERROR, "fixits", F_ARRAY, false, NULL },
	{ HEAL_KIND_ERROR, "notes", F_ARRAY, false, NULL },
	{ HEAL_KIND_ERROR, "source", F_STR, false, NULL },
	{ HEAL_KIND_ERROR, "command", F_STRARRAY, false, NULL },
	{ HEAL_KIND_ERROR, "truncated", F_BOOL, false, NULL },
	{ HEAL_KIND_ERROR, "outside_root", F_BOOL, false, NULL },
	{ HEAL_KIND_ERROR, "analysis", F_OBJECT, false, NULL },
	{ HEAL_KIND_ERROR, "fixes", F_ARRAY, false, NULL },
	{ HEAL_KIND_FIX, "error_id", F_HEX, true, NULL },
	{ HEAL_KIND_FIX, "fix_id", F_STR_NULL, false, NULL },
	{ HEAL_KIND_FIX, "status", F_ENUM, true, fix_statuses },
	{ HEAL_KIND_FIX, "reason", F_STR_NULL, false, NULL },
	{ HEAL_KIND_FIX, "session", F_STR_NULL, false, NULL },
	{ HEAL_KIND_FIX, "backup", F_STR_NULL, false, NULL },
	{ HEAL_KIND_FIX, "diff", F_STR_NULL, false, NULL },
	{ HEAL_KIND_FIX, "files", F_STRARRAY, false, NULL },
	{ HEAL_KIND_FIX, "error", F_OBJECT, false, NULL },
	{ HEAL_KIND_VALIDATION, "error_id", F_HEX, true, NULL },
	{ HEAL_KIND_VALIDATION, "fix_id", F_STR_NULL, false, NULL },
	{ HEAL_KIND_VALIDATION, "status", F_ENUM, true, validation_statuses },
	{ HEAL_KIND_VALIDATION, "healed", F_BOOL, false, NULL },
	{ HEAL_KIND_VALIDATION, "rolled_back", F_BOOL, false, NULL },
	{ HEAL_KIND_VALIDATION, "checks", F_ARRAY, false, NULL },
	{ HEAL_KIND_VALIDATION, "fix", F_OBJECT, false, NULL },
	{ HEAL_KIND_EVENT, "event", F_STR, true, NULL },
	{ HEAL_KIND_EVENT, "time", F_STR, false, NULL },
	{ HEAL_KIND_EVENT, "incident", F_STR_NULL, false, NULL },
};

static const char *type_text(enum ftype t)
{
	switch (t) {
	case F_STR: return "a string";
	case F_STR_NULL: return "a string or null";
	case F_PATH_NULL: return "a path (no control characters, at most 4096 bytes) or null";
	case F_POS_NULL: return "an integer from 1 to 2147483647 or null";
	case F_COUNT: return "an integer from 1 to 2147483647";
	case F_INT: return "an integer";
	case F_BOOL: return "true or false";
	case F_ARRAY: return "an array";
	case F_OBJECT: return "an object";
	case F_STRARRAY: return "an array of strings";
	case F_HEX: return "a string of 1 to 64 lower-case hex digits";
	case F_ENUM: return "one of";
	}
	return "valid";
}

static bool is_hex(const struct heal_json *v)
{
	size_t i;

	if (v->type != HEAL_JSON_STRING || v->u.str.len == 0 ||
	    v->u.str.len > 64)
		return false;
	for (i = 0; i < v->u.str.len; i++) {
		char c = v->u.str.s[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return false;
	}
	return true;
}

static bool check_type(const struct heal_json *v, const struct field_rule *r)
{
	int64_t i;
	size_t k;

	switch (r->type) {
	case F_STR:
		return v->type == HEAL_JSON_STRING;
	case F_STR_NULL:
		return v->type == HEAL_JSON_STRING || v->type == HEAL_JSON_NULL;
	case F_PATH_NULL:
		return v->type == HEAL_JSON_NULL ||
		       (v->type == HEAL_JSON_STRING &&
			heal_record_path_ok(v->u.str.s, v->u.str.len));
	case F_POS_NULL:
		if (v->type == HEAL_JSON_NULL)
			return true;
		return heal_json_number_int(v, &i) == 0 && i >= 1 &&
		       i <= HEAL_RECORD_POS_MAX;
	case F_COUNT:
		return heal_json_number_int(v, &i) == 0 && i >= 1 &&
		       i <= HEAL_RECORD_POS_MAX;
	case F_INT:
		return heal_json_number_int(v, &i) == 0;
	case F_BOOL:
		return v->type == HEAL_JSON_TRUE || v->type == HEAL_JSON_FALSE;
	case F_ARRAY:
		return v->type == HEAL_JSON_ARRAY;
	case F_OBJECT:
		return v->type == HEAL_JSON_OBJECT;
	case F_STRARRAY:
		if (v->type != HEAL_JSON_ARRAY)
			return false;
		for (k = 0; k < v->u.arr.n; k++)
			if (!heal_json_string_is_cstr(v->u.arr.v[k]))
				return false;
		return true;
	case F_HEX:
		return is_hex(v);
	case F_ENUM:
		if (!heal_json_string_is_cstr(v))
			return false;
		for (k = 0; r->values[k]; k++)
			if (strcmp(v->u.str.s, r->values[k]) == 0)
				return true;
		return false;
	}
	return false;
}

static int type_error(const struct field_rule *r, struct heal_error *err)
{
	char list[256] = "";
	size_t k, n = 0;

	if (r->type != F_ENUM)
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "field '%s' must be %s", r->name,
				      type_text(r->type));
	for (k = 0; r->values[k] && n < sizeof(list); k++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s",
				      k ? ", " : "", r->values[k]);
	return heal_error_set(err, HEAL_ERR_INPUT,
			      "field '%s' must be one of %s", r->name, list);
}

int heal_record_check(const struct heal_json *rec, struct heal_error *err)
{
	const struct heal_json *v;
	enum heal_kind kind;
	int64_t ver;
	size_t i;
	int r;

	if (!rec || rec->type != HEAL_JSON_OBJECT)
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "a record must be a JSON object");
	r = heal_json_object_get_int(rec, "v", INT64_MIN, INT64_MAX, &ver);
	if (r == 0)
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "record has no schema version 'v'");
	if (r < 0)
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "field 'v' must be an integer");
	if (ver != HEAL_SCHEMA_VERSION)
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "unsupported schema version %lld (this heal reads %d)",
				      (long long)ver, HEAL_SCHEMA_VERSION);
	v = heal_json_object_get(rec, "kind");
	if (!v)
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "record has no 'kind'");
	kind = heal_record_kind(rec);
	if (kind == HEAL_KIND_UNKNOWN)
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "field 'kind' must be one of error, fix, validation, event");
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		const struct field_rule *fr = &rules[i];

		if (fr->kind != kind)
			continue;
		v = heal_json_object_get(rec, fr->name);
		if (!v) {
			if (fr->required)
				return heal_error_set(err, HEAL_ERR_INPUT,
						      "%s record has no '%s'",
						      kind_names[kind], fr->name);
			continue;
		}
		if (!check_type(v, fr))
			return type_error(fr, err);
	}
	return 0;
}

const struct heal_json *heal_record_candidate(const struct heal_json *error,
					      const char *fix_id)
{
	const struct heal_json *fixes = heal_json_object_get(error, "fixes");
	size_t i;

	if (!fix_id || !fixes || fixes->type != HEAL_JSON_ARRAY)
		return NULL;
	for (i = 0; i < fixes->u.arr.n; i++) {
		const struct heal_json *c = fixes->u.arr.v[i];
		const char *id = heal_json_object_get_str(c, "id");

		if (c->type == HEAL_JSON_OBJECT && id && strcmp(id, fix_id) == 0)
			return c;
	}
	return NULL;
}
