/*
 * heal-detect --format text: a record as one line (plus its notes), the
 * way a compiler prints a diagnostic, escaped for the terminal.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "heal_detect.h"
#include "heal_record.h"
#include "heal_text.h"

static void esc(struct heal_buf *out, const char *s)
{
	if (s)
		heal_text_escape(out, s, strlen(s), NULL);
}

static void pos(struct heal_buf *out, const struct heal_json *o)
{
	const char *file = heal_json_object_get_str(o, "file");
	int64_t v;

	if (!file)
		return;
	esc(out, file);
	if (heal_json_object_get_int(o, "line", 1, HEAL_RECORD_POS_MAX, &v) == 1) {
		heal_buf_putf(out, ":%" PRId64, v);
		if (heal_json_object_get_int(o, "column", 1, HEAL_RECORD_POS_MAX, &v) == 1)
			heal_buf_putf(out, ":%" PRId64, v);
	}
	heal_buf_puts(out, ": ");
}

void heal_detect_format_text(struct heal_buf *out, const struct heal_json *rec,
			     bool color)
{
	const char *sev = heal_json_object_get_str(rec, "severity");
	const char *code = heal_json_object_get_str(rec, "code");
	const char *tool = heal_json_object_get_str(rec, "tool");
	const struct heal_json *notes = heal_json_object_get(rec, "notes");
	const char *on = "", *off = color ? "\x1b[0m" : "";
	int64_t count = 1;
	size_t i;

	if (!sev)
		sev = "error";
	if (color)
		on = strcmp(sev, "error") == 0 ? "\x1b[1;31m" :
		     strcmp(sev, "warning") == 0 ? "\x1b[1;35m" : "\x1b[1;36m";
	if (color)
		heal_buf_puts(out, "\x1b[1m");
	pos(out, rec);
	if (color)
		heal_buf_puts(out, off);
	heal_buf_putf(out, "%s%s:%s ", on, sev, off);
	esc(out, heal_json_object_get_str(rec, "message"));
	if (code) {
		heal_buf_puts(out, " [");
		esc(out, code);
		heal_buf_putc(out, ']');
	}
	if (tool) {
		heal_buf_puts(out, " (");
		esc(out, tool);
		heal_buf_putc(out, ')');
	}
	if (heal_json_object_get_int(rec, "count", 1, INT64_MAX, &count) == 1 &&
	    count > 1)
		heal_buf_putf(out, " x%" PRId64, count);
	heal_buf_putc(out, '\n');
	if (notes && notes->type == HEAL_JSON_ARRAY)
		for (i = 0; i < notes->u.arr.n; i++) {
			heal_buf_puts(out, "  ");
			pos(out, notes->u.arr.v[i]);
			heal_buf_putf(out, "%snote:%s ", color ? "\x1b[1;36m" : "", off);
			esc(out, heal_json_object_get_str(notes->u.arr.v[i], "message"));
			heal_buf_putc(out, '\n');
		}
}
