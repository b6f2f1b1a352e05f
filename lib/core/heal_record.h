/*
 * heal_record.h - the record model, schema version 1.
 *
 * A record is a JSON object with "v": 1 and a "kind".  The schema is
 * documented in heal-records(5); this module checks the fields it defines
 * and leaves every other member alone, so unknown fields pass through.
 */
#ifndef HEAL_RECORD_H
#define HEAL_RECORD_H

#include <stdint.h>

#include <stdbool.h>

#include "heal_error.h"
#include "heal_json.h"

#define HEAL_SCHEMA_VERSION 1

enum heal_kind {
	HEAL_KIND_UNKNOWN = 0,
	HEAL_KIND_ERROR,
	HEAL_KIND_FIX,
	HEAL_KIND_VALIDATION,
	HEAL_KIND_EVENT,
};

/* Largest line, column or count a record may carry (positions start at 1). */
#define HEAL_RECORD_POS_MAX INT32_MAX

/* Longest path heal accepts in a record, in bytes. */
#define HEAL_RECORD_PATH_MAX 4096

/* A new record {"v":1,"kind":<kind>} owned by the caller. */
struct heal_json *heal_record_new(enum heal_kind kind);

/* The kind of a record (HEAL_KIND_UNKNOWN when missing or unknown). */
enum heal_kind heal_record_kind(const struct heal_json *rec);
const char *heal_record_kind_name(enum heal_kind kind);

/*
 * Check rec against schema v1: "v" is 1, "kind" is known, and every field
 * the schema defines for that kind that is present has the right type and
 * range (required fields must be present).  Fields the schema does not
 * define are not looked at.  On failure returns -1 with HEAL_ERR_INPUT and
 * a message naming the field, e.g. "field 'line' must be a positive
 * integer or null".
 */
int heal_record_check(const struct heal_json *rec, struct heal_error *err);

/*
 * Whether s is an acceptable record path: non-empty, at most
 * HEAL_RECORD_PATH_MAX bytes, no NUL, no control character (C0, DEL or
 * C1) and no bidi or separator format character (U+061C, U+200E-U+200F,
 * U+2028-U+202E, U+2066-U+2069), which could make a terminal show a
 * different path than the one named.  (Whether
 * it lies inside the project root is heal_safefile's question.)
 */
bool heal_record_path_ok(const char *s, size_t len);

/*
 * Whether c is one of the record's categories (heal-records(5)): syntax,
 * dependency, type, name, value, permission, configuration, network,
 * resource, link, test, runtime, style, unknown.
 */
bool heal_record_category_ok(const char *c);

/*
 * The candidate fix of an analyzed error record whose "id" is fix_id: an
 * object of its "fixes" array (borrowed from error), or NULL when fix_id
 * is NULL or no candidate has that id.
 */
const struct heal_json *heal_record_candidate(const struct heal_json *error,
					      const char *fix_id);

#endif
