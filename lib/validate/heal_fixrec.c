/*
 * heal_fixrec.c - what a fix record (heal-fix's output) says about the
 * fix it made: applied or not, its error and candidate, whether it can be
 * undone alone and made again, whether it made another fix's edits.
 */
#include <stdint.h>
#include <string.h>

#include "heal_fixrec.h"
#include "heal_record.h"

/* Whether the fix record says its candidate was applied. */
bool heal_fixrec_applied(const struct heal_json *fix)
{
	const char *st = heal_json_object_get_str(fix, "status");

	return st && strcmp(st, "applied") == 0;
}

/* The error record embedded in a fix record (borrowed), or NULL. */
const struct heal_json *heal_fixrec_error(const struct heal_json *fix)
{
	const struct heal_json *e = heal_json_object_get(fix, "error");

	return e && e->type == HEAL_JSON_OBJECT ? e : NULL;
}

/* The candidate a fix record applied (borrowed), or NULL. */
const struct heal_json *heal_fixrec_candidate(const struct heal_json *fix)
{
	return heal_record_candidate(heal_fixrec_error(fix),
				     heal_json_object_get_str(fix, "fix_id"));
}

/*
 * Whether a fix can be undone alone and made again: it changed files and
 * ran no command (a command's effect outlives a restore).
 */
bool heal_fixrec_replayable(const struct heal_json *fix)
{
	const struct heal_json *files = heal_json_object_get(fix, "files");
	const struct heal_json *c = heal_fixrec_candidate(fix);
	const struct heal_json *cmd = heal_json_object_get(c, "command");

	return heal_fixrec_applied(fix) && c && files && files->type == HEAL_JSON_ARRAY &&
	       files->u.arr.n > 0 && (!cmd || cmd->type == HEAL_JSON_NULL);
}

/* Whether an applied fix changes files (edits, chmods, directories). */
bool heal_fixrec_changes(const struct heal_json *fix)
{
	static const char *const keys[] = { "edits", "chmod", "mkdir" };
	const struct heal_json *c = heal_fixrec_candidate(fix);
	size_t i;

	for (i = 0; heal_fixrec_applied(fix) && c && i < 3; i++) {
		const struct heal_json *x = heal_json_object_get(c, keys[i]);

		if (x && x->type == HEAL_JSON_ARRAY && x->u.arr.n)
			return true;
	}
	return false;
}

/* Whether edit objects a and b say the same. */
static bool same_edit(const struct heal_json *a, const struct heal_json *b)
{
	static const char *const strs[] = { "file", "text", "sha256" };
	static const char *const ints[] = { "start", "end" };
	size_t i;

	for (i = 0; i < 3; i++) {
		const char *x = heal_json_object_get_str(a, strs[i]);
		const char *y = heal_json_object_get_str(b, strs[i]);

		if (!x || !y || strcmp(x, y) != 0)
			return false;
	}
	for (i = 0; i < 2; i++) {
		int64_t x, y;

		if (heal_json_object_get_int(a, ints[i], 0, INT64_MAX, &x) != 1 ||
		    heal_json_object_get_int(b, ints[i], 0, INT64_MAX, &y) != 1 ||
		    x != y)
			return false;
	}
	return true;
}

/*
 * Whether fix d is a duplicate of fix c: it changed no file itself
 * ("already applied by fix X"), and each of its edits is one of c's.
 */
bool heal_fixrec_duplicate_of(const struct heal_json *d, const struct heal_json *c)
{
	const struct heal_json *files = heal_json_object_get(d, "files");
	const struct heal_json *de = heal_json_object_get(heal_fixrec_candidate(d), "edits");
	const struct heal_json *ce = heal_json_object_get(heal_fixrec_candidate(c), "edits");
	size_t i, j;

	if (!heal_fixrec_applied(d) || !files || files->type != HEAL_JSON_ARRAY ||
	    files->u.arr.n || !de || de->type != HEAL_JSON_ARRAY ||
	    !de->u.arr.n || !ce || ce->type != HEAL_JSON_ARRAY)
		return false;
	for (i = 0; i < de->u.arr.n; i++) {
		for (j = 0; j < ce->u.arr.n; j++)
			if (same_edit(de->u.arr.v[i], ce->u.arr.v[j]))
				break;
		if (j == ce->u.arr.n)
			return false;
	}
	return true;
}

/* The error record of a fix, its one candidate to make again (owned). */
struct heal_json *heal_fixrec_replay_record(const struct heal_json *fix)
{
	struct heal_json *e = heal_json_clone(heal_fixrec_error(fix));
	struct heal_json *c = heal_json_clone(heal_fixrec_candidate(fix));
	struct heal_json *arr = heal_json_new_array();

	/* its command, if any, ran once: only its files are made again */
	heal_json_object_remove(c, "command");
	heal_json_object_set(c, "confidence", heal_json_new_double(1.0));
	heal_json_array_append(arr, c);
	heal_json_object_set(e, "fixes", arr);
	return e;
}
