/*
 * heal_moved.c - errors that moved with the fixes: a re-run's error,
 * taken back through the applied fixes' unified diffs to a line of the
 * file as it was, is compared with the errors the records had there.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_check.h"
#include "heal_diff.h"
#include "heal_moved.h"

size_t heal_moved_line(const struct heal_json *fix, const char *file, size_t line)
{
	return heal_diff_old_line(heal_json_object_get_str(fix, "diff"), file, line, NULL);
}

size_t heal_moved_back(const struct heal_json *const *fixes, const bool *applied,
		       size_t n, const char *file, size_t line)
{
	size_t i;

	for (i = n; i-- > 0;)
		if (applied[i])
			line = heal_moved_line(fixes[i], file, line);
	return line;
}

/* How many times record e says message at line `at` of file. */
static size_t says(const struct heal_json *e, const char *file, size_t at,
		   const char *message)
{
	const char *f = heal_json_object_get_str(e, "file");
	const char *m = heal_json_object_get_str(e, "message");
	int64_t l = 0, c = 1;

	if (!f || !m || strcmp(f, file) || !heal_check_same_message(m, message) ||
	    heal_json_object_get_int(e, "line", 1, INT64_MAX, &l) != 1 || (size_t)l != at)
		return 0;
	if (heal_json_object_get_int(e, "count", 1, INT64_MAX, &c) != 1)
		c = 1;
	return (size_t)c;
}

size_t heal_moved_count_before(const struct heal_json *const *fixes, size_t n,
			       const char *file, size_t at, const char *message)
{
	size_t i, k, count = 0;

	for (i = 0; i < n && message; i++) {
		const struct heal_json *e = heal_json_object_get(fixes[i], "error");
		const char *id = heal_json_object_get_str(e, "id");
		size_t c;

		if (!e || !(c = says(e, file, at, message)))
			continue;
		/* one error record, however many fixes carry it */
		for (k = 0; id && k < i; k++) {
			const char *x = heal_json_object_get_str(
				heal_json_object_get(fixes[k], "error"), "id");

			if (x && !strcmp(x, id))
				break;
		}
		if (!id || k == i)
			count += c;
	}
	return count;
}

size_t heal_moved_count_after(const struct heal_json *const *fixes, const bool *applied,
			      size_t n, struct heal_json *const *recs, size_t nrecs,
			      const char *file, size_t at, const char *message)
{
	size_t i, count = 0;

	for (i = 0; i < nrecs && message; i++) {
		const char *f = heal_json_object_get_str(recs[i], "file");
		int64_t l = 0;

		if (!f || strcmp(f, file) ||
		    heal_json_object_get_int(recs[i], "line", 1, INT64_MAX, &l) != 1 ||
		    heal_moved_back(fixes, applied, n, file, (size_t)l) != at)
			continue;
		count += says(recs[i], file, (size_t)l, message);
	}
	return count;
}

bool heal_moved_known(const struct heal_json *const *fixes, const bool *applied, size_t n,
		      struct heal_json *const *recs, size_t nrecs, const struct heal_json *r)
{
	const char *file = heal_json_object_get_str(r, "file");
	const char *msg = heal_json_object_get_str(r, "message");
	int64_t line = 0;
	size_t at, before;

	if (!file || !msg || heal_json_object_get_int(r, "line", 1, INT64_MAX, &line) != 1)
		return false;
	at = heal_moved_back(fixes, applied, n, file, (size_t)line);
	before = heal_moved_count_before(fixes, n, file, at, msg);
	return before > 0 &&
	       heal_moved_count_after(fixes, applied, n, recs, nrecs, file, at, msg) <= before;
}

bool heal_moved_still(const struct heal_json *const *fixes, const bool *applied, size_t n,
		      struct heal_json *const *recs, size_t nrecs, const struct heal_json *e)
{
	const char *file = heal_json_object_get_str(e, "file");
	const char *msg = heal_json_object_get_str(e, "message");
	int64_t line = 0;
	size_t before, now;

	if (!file || !msg || heal_json_object_get_int(e, "line", 1, INT64_MAX, &line) != 1)
		return false;
	before = heal_moved_count_before(fixes, n, file, (size_t)line, msg);
	now = heal_moved_count_after(fixes, applied, n, recs, nrecs, file, (size_t)line, msg);
	return now > 0 && now >= before;
}

bool heal_moved_same_id(struct heal_json *const *recs, size_t nrecs, const char *eid,
			const struct heal_json *const *fixes, const bool *applied, size_t n,
			const struct heal_json *e)
{
	const char *file = heal_json_object_get_str(e, "file");
	int64_t line = 0, at = 0;
	size_t i;

	for (i = 0; eid && i < nrecs; i++) {
		const char *x = heal_json_object_get_str(recs[i], "id");
		const char *xf = heal_json_object_get_str(recs[i], "file");

		if (!x || strcmp(x, eid) != 0)
			continue;
		if (!file || heal_json_object_get_int(e, "line", 1, INT64_MAX, &line) != 1 ||
		    !xf || strcmp(xf, file) != 0 ||
		    heal_json_object_get_int(recs[i], "line", 1, INT64_MAX, &at) != 1 ||
		    heal_moved_back(fixes, applied, n, file, (size_t)at) == (size_t)line)
			return true;
	}
	return false;
}
