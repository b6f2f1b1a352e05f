/*
 * heal_report.h - reports on records for people and CI: text, SARIF 2.1.0,
 * GitHub Actions workflow commands, reviewdog rdjsonl, JUnit XML, a
 * Markdown summary and a GitLab Code Quality report.
 *
 * A report holds one finding per error (by error id): the error record
 * (from an error record, or embedded in a fix or validation record) and
 * what became of it (the fix status, the validation result).  Event
 * records are not findings.  Every text that came from input is escaped
 * for the format it goes into; control characters never reach the output
 * raw (see heal-log(1), REPORTS).
 */
#ifndef HEAL_REPORT_H
#define HEAL_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "heal_error.h"
#include "heal_json.h"
#include "heal_root.h"

/* Most findings one report keeps; later errors are counted as omitted. */
#define HEAL_REPORT_MAX 100000
/* Largest source file read to turn edit byte offsets into lines (rdjsonl). */
#define HEAL_REPORT_FILE_MAX (16u << 20)

enum heal_report_format {
	HEAL_REPORT_TEXT,
	HEAL_REPORT_SARIF,
	HEAL_REPORT_GITHUB,
	HEAL_REPORT_RDJSONL,
	HEAL_REPORT_JUNIT,
	HEAL_REPORT_MARKDOWN,
	HEAL_REPORT_CODEQUALITY,
};

/* The format named name: 0, or -1 when there is none. */
int heal_report_format_parse(const char *name, enum heal_report_format *out);

struct heal_report;

/*
 * A new, empty report owned by the caller (heal_report_free).  root (may
 * be NULL; borrowed, must outlive the report) is where source files are
 * read for rdjsonl suggestions.
 */
struct heal_report *heal_report_new(const struct heal_root *root);
/* Accepts NULL. */
void heal_report_free(struct heal_report *rep);

/* Take what the report needs from a record (copied; rec is borrowed). */
void heal_report_add(struct heal_report *rep, const struct heal_json *rec);

/* How many findings are not healed (no validation passed). */
size_t heal_report_unhealed(const struct heal_report *rep);

/* Write the report in a format to out; HEAL_ERR_IO when a write fails. */
int heal_report_write(const struct heal_report *rep,
		      enum heal_report_format fmt, FILE *out,
		      struct heal_error *err);

#endif
