/*
 * heal_detect_write.c - a record's text.  An error record (heal-records(5))
 * is written straight from what the engine worked out of it, as the one
 * line of NDJSON it goes out as: no tree of values is built for it and
 * freed again (on a log where every fifth line is an error that was a
 * third of the engine's time).  The members come in the order the schema
 * lists them; strings are quoted by heal_json_quote, the notes, fix-its
 * and frames (trees the matching built) by heal_json_serialize, so the
 * text is that of any heal tool writing the same values.
 */
#include <string.h>

#include "heal_detect_int.h"
#include "heal_json.h"
#include "heal_record.h"

/* The writer: out, and the first failure (the buffer's maximum). */
struct w {
	struct heal_buf *out;
	struct heal_error *err;
	int rc;
};

static void raw(struct w *w, const char *s, size_t n)
{
	if (w->rc == 0 && heal_buf_add(w->out, s, n, w->err) < 0)
		w->rc = -1;
}

#define LIT(w, s) raw(w, s, sizeof(s) - 1)

static void str(struct w *w, const char *s, size_t n)
{
	if (w->rc == 0 && heal_json_quote(w->out, s, n, w->err) < 0)
		w->rc = -1;
}

/* ,"key":"s" (a NULL s: null). */
#define STR(w, key, s) do { \
		LIT(w, ",\"" key "\":"); \
		if (s) \
			str(w, s, strlen(s)); \
		else \
			LIT(w, "null"); \
	} while (0)

static void num(struct w *w, int64_t v)
{
	char b[HEAL_JSON_INT_MAX];

	raw(w, b, heal_json_int_text(b, v));
}

/* ,"key":v for a position (1..HEAL_RECORD_POS_MAX), else null. */
#define POS(w, key, v) do { \
		LIT(w, ",\"" key "\":"); \
		if ((v) > 0 && (v) <= HEAL_RECORD_POS_MAX) \
			num(w, v); \
		else \
			LIT(w, "null"); \
	} while (0)

/* ,"key":tree (the tree the matching built). */
static void tree(struct w *w, const char *key_colon, size_t n,
		 const struct heal_json *v)
{
	raw(w, key_colon, n);
	if (w->rc == 0 && heal_json_serialize(w->out, v, w->err) < 0)
		w->rc = -1;
}

#define TREE(w, key, v) tree(w, ",\"" key "\":", sizeof(",\"" key "\":") - 1, v)

/* A double as heal_json_new_double writes it. */
static void dbl(struct w *w, double v)
{
	char b[HEAL_JSON_DOUBLE_MAX];
	size_t n = heal_json_double_text(b, v);

	if (n)
		raw(w, b, n);
	else
		LIT(w, "null");
}

int heal_detect_record_write(const struct heal_detect *d, const struct rec *r,
			     const struct heal_detect_fin *x, const char *id,
			     struct heal_buf *out, size_t *count_at,
			     struct heal_error *err)
{
	struct w w = { out, err, 0 };
	const char *source = d->source ? d->source : "<stdin>";
	size_t i;

	LIT(&w, "{\"v\":");
	num(&w, HEAL_SCHEMA_VERSION);
	LIT(&w, ",\"kind\":");
	str(&w, heal_record_kind_name(HEAL_KIND_ERROR),
	    strlen(heal_record_kind_name(HEAL_KIND_ERROR)));
	STR(&w, "id", id);
	STR(&w, "tool", x->tool);
	/* env is a string when present (heal-records(5)): a user matcher
	 * that names none gives a record without it, not a null */
	if (x->env)
		STR(&w, "env", x->env);
	STR(&w, "severity", x->sev);
	STR(&w, "category", x->category);
	STR(&w, "file", x->file);
	POS(&w, "line", x->line);
	POS(&w, "column", x->col);
	POS(&w, "end_line", x->eline);
	POS(&w, "end_column", x->ecol);
	STR(&w, "code", x->code);
	STR(&w, "message", r->f[HEAL_PF_MESSAGE]);
	if (x->hint)
		STR(&w, "hint", x->hint);
	if (r->detail.len) {
		LIT(&w, ",\"detail\":");
		str(&w, r->detail.data, r->detail.len);
	}
	LIT(&w, ",\"raw\":");
	str(&w, r->raw.data ? r->raw.data : "", r->raw.len);
	LIT(&w, ",\"count\":");
	*count_at = out->len;
	if (r->notes)
		TREE(&w, "notes", r->notes);
	if (r->fixits)
		TREE(&w, "fixits", r->fixits);
	if (r->stack)
		TREE(&w, "stack", r->stack);
	STR(&w, "source", source);
	if (d->opt.ncommand) {
		LIT(&w, ",\"command\":[");
		for (i = 0; i < d->opt.ncommand; i++) {
			if (i)
				LIT(&w, ",");
			str(&w, d->opt.command[i], strlen(d->opt.command[i]));
		}
		LIT(&w, "]");
	}
	if (r->truncated)
		LIT(&w, ",\"truncated\":true");
	if (r->locale)
		STR(&w, "locale", r->locale);
	if (r->charset)
		STR(&w, "charset", r->charset);
	if (x->outside)
		LIT(&w, ",\"outside_root\":true");
	if (r->generic) {
		LIT(&w, ",\"confidence\":");
		dbl(&w, HEAL_DETECT_GENERIC_CONFIDENCE);
	}
	LIT(&w, "}");
	if (w.rc < 0)
		return heal_error_prefix(err, "record too large to write");
	return 0;
}
