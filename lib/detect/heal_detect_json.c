/*
 * The built-in decoders: tools that print their diagnostics as JSON (gcc
 * -fdiagnostics-format=json, shellcheck -f json/json1, terraform validate
 * -json and the -json machine stream, ansible's json callback and its
 * "FAILED! => {...}" result lines).  Each JSON diagnostic becomes a
 * record through the same path as a matched line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_detect.h"
#include "heal_detect_int.h"
#include "heal_record.h"

static void put(struct rec *r, enum heal_pfield f, const char *s)
{
	if (!s || r->f[f])
		return;
	heal_detect_rec_sets(r, f, s);
}

static void put_int(struct rec *r, enum heal_pfield f, const struct heal_json *o,
		    const char *key)
{
	int64_t v;
	char b[32];

	if (r->f[f] || heal_json_object_get_int(o, key, 1, HEAL_RECORD_POS_MAX, &v) != 1)
		return;
	snprintf(b, sizeof(b), "%lld", (long long)v);
	heal_detect_rec_sets(r, f, b);
}

static void raw_json(struct rec *r, const char *text, size_t len)
{
	if (len > HEAL_DETECT_RAW_MAX)
		len = HEAL_DETECT_RAW_MAX;
	heal_buf_put(&r->raw, text, len);
}

/* msg's first line is the message, the rest the detail. */
static void put_message(struct rec *r, const char *msg)
{
	const char *nl;

	if (!msg)
		return;
	nl = strchr(msg, '\n');
	if (!r->f[HEAL_PF_MESSAGE])
		heal_detect_rec_set(r, HEAL_PF_MESSAGE, msg,
				    nl ? (size_t)(nl - msg) : strlen(msg));
	if (nl) {
		const char *p = nl + 1;

		while (*p) {
			const char *e = strchr(p, '\n');
			size_t n = e ? (size_t)(e - p) : strlen(p);

			while (n && (*p == ' ' || *p == '\t')) {
				p++;
				n--;
			}
			if (n) {
				if (r->detail.len)
					heal_buf_putc(&r->detail, ' ');
				heal_buf_put(&r->detail, p, n);
			}
			if (!e)
				break;
			p = e + 1;
		}
	}
}

/* "The error appears to be in 'FILE': line N, column M" inside a message
 * (before Ansible 2.8: "appears to have been in"). */
static void ansible_location(struct rec *r, const char *msg)
{
	static const char *const keys[] = {
		"The error appears to be in '",
		"The error appears to have been in '",
	};
	const char *p = NULL, *q;
	long long line = 0, col = 0;
	char b[32];
	size_t i;

	for (i = 0; msg && !p && i < sizeof(keys) / sizeof(keys[0]); i++)
		if ((p = strstr(msg, keys[i])))
			p += strlen(keys[i]);
	if (!p)
		return;
	q = strchr(p, '\'');
	if (!q)
		return;
	heal_detect_rec_set(r, HEAL_PF_FILE, p, (size_t)(q - p));
	if (sscanf(q, "': line %lld, column %lld", &line, &col) >= 1 && line > 0) {
		snprintf(b, sizeof(b), "%lld", line);
		heal_detect_rec_sets(r, HEAL_PF_LINE, b);
		if (col > 0) {
			snprintf(b, sizeof(b), "%lld", col);
			heal_detect_rec_sets(r, HEAL_PF_COLUMN, b);
		}
	}
}

static const char *str(const struct heal_json *o, const char *k)
{
	return heal_json_object_get_str(o, k);
}

static struct heal_json *fixit_from(const char *file, const struct heal_json *start,
				    const struct heal_json *end, const char *text,
				    const char *unit, const char *colkey)
{
	struct heal_json *f = heal_json_new_object();
	int64_t v;

	if (file)
		heal_json_object_set_str(f, "file", file);
	if (heal_json_object_get_int(start, "line", 1, HEAL_RECORD_POS_MAX, &v) == 1)
		heal_json_object_set_int(f, "line", v);
	if (heal_json_object_get_int(start, colkey, 1, HEAL_RECORD_POS_MAX, &v) == 1)
		heal_json_object_set_int(f, "column", v);
	if (heal_json_object_get_int(end, "line", 1, HEAL_RECORD_POS_MAX, &v) == 1)
		heal_json_object_set_int(f, "end_line", v);
	if (heal_json_object_get_int(end, colkey, 1, HEAL_RECORD_POS_MAX, &v) == 1)
		heal_json_object_set_int(f, "end_column", v);
	heal_json_object_set_str(f, "text", text ? text : "");
	heal_json_object_set_str(f, "unit", unit);
	return f;
}

/* gcc -fdiagnostics-format=json: an array of diagnostics on one line. */
static int gcc_json(struct heal_detect *d, const struct heal_pattern_matcher *m,
		    const struct heal_json *doc, const char *text, size_t len,
		    struct heal_error *err)
{
	size_t i, k;

	if (doc->type != HEAL_JSON_ARRAY)
		return 0;
	for (i = 0; i < doc->u.arr.n; i++) {
		const struct heal_json *g = doc->u.arr.v[i], *locs, *caret = NULL,
				       *finish = NULL, *kids, *fix;
		const char *kind = str(g, "kind"), *opt = str(g, "option");
		struct rec *r;

		if (g->type != HEAL_JSON_OBJECT || !kind || strcmp(kind, "note") == 0)
			continue;
		r = heal_detect_rec_new(d, m);
		r->pipe_style = true;
		r->cols_bytes = true;
		put(r, HEAL_PF_SEVERITY, kind);
		put(r, HEAL_PF_MESSAGE, str(g, "message"));
		if (opt) {
			if (strncmp(opt, "-Werror=", 8) == 0) {
				char b[256];

				snprintf(b, sizeof(b), "-W%s", opt + 8);
				put(r, HEAL_PF_CODE, b);
			} else {
				put(r, HEAL_PF_CODE, opt);
			}
		}
		locs = heal_json_object_get(g, "locations");
		if (locs && locs->type == HEAL_JSON_ARRAY && locs->u.arr.n) {
			caret = heal_json_object_get(locs->u.arr.v[0], "caret");
			finish = heal_json_object_get(locs->u.arr.v[0], "finish");
		}
		if (caret) {
			put(r, HEAL_PF_FILE, str(caret, "file"));
			put_int(r, HEAL_PF_LINE, caret, "line");
			put_int(r, HEAL_PF_COLUMN, caret, "byte-column");
			put_int(r, HEAL_PF_COLUMN, caret, "column");
		}
		kids = heal_json_object_get(g, "children");
		if (kids && kids->type == HEAL_JSON_ARRAY)
			for (k = 0; k < kids->u.arr.n && k < 64; k++) {
				const struct heal_json *c = kids->u.arr.v[k], *cl, *cc = NULL;
				struct heal_json *n = heal_json_new_object();
				int64_t v;

				cl = heal_json_object_get(c, "locations");
				if (cl && cl->type == HEAL_JSON_ARRAY && cl->u.arr.n)
					cc = heal_json_object_get(cl->u.arr.v[0], "caret");
				if (cc && str(cc, "file"))
					heal_json_object_set_str(n, "file", str(cc, "file"));
				if (cc && heal_json_object_get_int(cc, "line", 1, HEAL_RECORD_POS_MAX, &v) == 1)
					heal_json_object_set_int(n, "line", v);
				if (cc && heal_json_object_get_int(cc, "byte-column", 1, HEAL_RECORD_POS_MAX, &v) == 1)
					heal_json_object_set_int(n, "column", v);
				heal_json_object_set_str(n, "message",
							 str(c, "message") ? str(c, "message") : "");
				if (!r->notes)
					r->notes = heal_json_new_array();
				heal_json_array_append(r->notes, n);
			}
		fix = heal_json_object_get(g, "fixits");
		if (fix && fix->type == HEAL_JSON_ARRAY)
			for (k = 0; k < fix->u.arr.n && k < 256; k++) {
				const struct heal_json *f = fix->u.arr.v[k];
				const struct heal_json *s = heal_json_object_get(f, "start");
				const struct heal_json *e = heal_json_object_get(f, "next");

				if (!r->fixits)
					r->fixits = heal_json_new_array();
				heal_json_array_append(r->fixits,
					fixit_from(s ? str(s, "file") : NULL, s, e,
						   str(f, "string"), "byte",
						   heal_json_object_get(s, "byte-column") ?
						   "byte-column" : "column"));
			}
		(void)finish;
		raw_json(r, text, len);
		if (heal_detect_finish_rec(d, r, err) < 0)
			return -1;
	}
	return 1;
}

static int shellcheck_json(struct heal_detect *d,
			   const struct heal_pattern_matcher *m,
			   const struct heal_json *doc, struct heal_error *err)
{
	const struct heal_json *list = doc;
	const char *unit = "display";
	size_t i, k;

	if (doc->type == HEAL_JSON_OBJECT) {
		list = heal_json_object_get(doc, "comments");
		unit = "char";
	}
	if (!list || list->type != HEAL_JSON_ARRAY)
		return 0;
	for (i = 0; i < list->u.arr.n; i++) {
		const struct heal_json *c = list->u.arr.v[i], *fix, *reps;
		struct rec *r;
		int64_t code;
		char b[32];

		if (c->type != HEAL_JSON_OBJECT || !str(c, "file"))
			continue;
		r = heal_detect_rec_new(d, m);
		put(r, HEAL_PF_FILE, str(c, "file"));
		put_int(r, HEAL_PF_LINE, c, "line");
		put_int(r, HEAL_PF_COLUMN, c, "column");
		put_int(r, HEAL_PF_END_LINE, c, "endLine");
		put_int(r, HEAL_PF_END_COLUMN, c, "endColumn");
		put(r, HEAL_PF_SEVERITY, str(c, "level"));
		put(r, HEAL_PF_MESSAGE, str(c, "message"));
		if (heal_json_object_get_int(c, "code", 0, 99999, &code) == 1) {
			snprintf(b, sizeof(b), "SC%lld", (long long)code);
			put(r, HEAL_PF_CODE, b);
		}
		fix = heal_json_object_get(c, "fix");
		reps = fix ? heal_json_object_get(fix, "replacements") : NULL;
		if (reps && reps->type == HEAL_JSON_ARRAY)
			for (k = 0; k < reps->u.arr.n && k < 256; k++) {
				const struct heal_json *x = reps->u.arr.v[k];
				struct heal_json *f = heal_json_new_object();
				int64_t v;

				heal_json_object_set_str(f, "file", str(c, "file"));
				if (heal_json_object_get_int(x, "line", 1, HEAL_RECORD_POS_MAX, &v) == 1)
					heal_json_object_set_int(f, "line", v);
				if (heal_json_object_get_int(x, "column", 1, HEAL_RECORD_POS_MAX, &v) == 1)
					heal_json_object_set_int(f, "column", v);
				if (heal_json_object_get_int(x, "endLine", 1, HEAL_RECORD_POS_MAX, &v) == 1)
					heal_json_object_set_int(f, "end_line", v);
				if (heal_json_object_get_int(x, "endColumn", 1, HEAL_RECORD_POS_MAX, &v) == 1)
					heal_json_object_set_int(f, "end_column", v);
				heal_json_object_set_str(f, "text", str(x, "replacement") ?
							 str(x, "replacement") : "");
				heal_json_object_set_str(f, "unit", unit);
				if (str(x, "insertionPoint"))
					heal_json_object_set_str(f, "insertion_point",
								 str(x, "insertionPoint"));
				if (!r->fixits)
					r->fixits = heal_json_new_array();
				heal_json_array_append(r->fixits, f);
			}
		/* columns: json1 counts a tab as one character, json as 8 */
		r->unit_set = true;
		r->unit = strcmp(unit, "char") == 0 ? HEAL_UNIT_CHAR : HEAL_UNIT_DISPLAY;
		raw_json(r, str(c, "message") ? str(c, "message") : "",
			 str(c, "message") ? strlen(str(c, "message")) : 0);
		if (heal_detect_finish_rec(d, r, err) < 0)
			return -1;
	}
	return 1;
}

static int tf_diag(struct heal_detect *d, const struct heal_pattern_matcher *m,
		   const struct heal_json *g, struct heal_error *err)
{
	const struct heal_json *range = heal_json_object_get(g, "range"), *st;
	struct rec *r;

	if (!g || g->type != HEAL_JSON_OBJECT || !str(g, "summary"))
		return 0;
	r = heal_detect_rec_new(d, m);
	put(r, HEAL_PF_SEVERITY, str(g, "severity"));
	put(r, HEAL_PF_MESSAGE, str(g, "summary"));
	if (str(g, "detail"))
		heal_buf_puts(&r->detail, str(g, "detail"));
	if (range) {
		put(r, HEAL_PF_FILE, str(range, "filename"));
		st = heal_json_object_get(range, "start");
		if (st) {
			put_int(r, HEAL_PF_LINE, st, "line");
			put_int(r, HEAL_PF_COLUMN, st, "column");
		}
		st = heal_json_object_get(range, "end");
		if (st) {
			put_int(r, HEAL_PF_END_LINE, st, "line");
			put_int(r, HEAL_PF_END_COLUMN, st, "column");
		}
	}
	heal_buf_putf(&r->raw, "%s: %s", str(g, "severity") ? str(g, "severity") : "error",
		      str(g, "summary"));
	if (str(g, "detail")) {
		heal_buf_putc(&r->raw, '\n');
		heal_buf_puts(&r->raw, str(g, "detail"));
	}
	return heal_detect_finish_rec(d, r, err) < 0 ? -1 : 1;
}

static int terraform_json(struct heal_detect *d,
			  const struct heal_pattern_matcher *m,
			  const struct heal_json *doc, struct heal_error *err)
{
	const struct heal_json *list;
	size_t i;

	if (doc->type != HEAL_JSON_OBJECT)
		return 0;
	list = heal_json_object_get(doc, "diagnostics");
	if (list && list->type == HEAL_JSON_ARRAY) {
		for (i = 0; i < list->u.arr.n; i++)
			if (tf_diag(d, m, list->u.arr.v[i], err) < 0)
				return -1;
		return 1;
	}
	/* the -json machine stream: one {"type":"diagnostic",...} per line */
	if (str(doc, "type") && strcmp(str(doc, "type"), "diagnostic") == 0)
		return tf_diag(d, m, heal_json_object_get(doc, "diagnostic"), err);
	return 0;
}

/* One ansible task result that failed. */
static int ansible_result(struct heal_detect *d, const struct heal_pattern_matcher *m,
			  const struct heal_json *res, const char *task,
			  const char *path, const char *raw, size_t rawlen,
			  struct heal_error *err)
{
	const struct heal_json *results = heal_json_object_get(res, "results");
	const char *msg = str(res, "msg");
	struct rec *r;

	if (!msg && results && results->type == HEAL_JSON_ARRAY) {
		size_t i;

		for (i = 0; i < results->u.arr.n; i++)
			if (heal_json_object_get_bool(results->u.arr.v[i], "failed") &&
			    str(results->u.arr.v[i], "msg")) {
				res = results->u.arr.v[i];
				msg = str(res, "msg");
				break;
			}
	}
	/* a task that could not run at all (include_tasks of a missing
	 * file) says why in "reason", not "msg" */
	if (!msg)
		msg = str(res, "reason");
	r = heal_detect_rec_new(d, m);
	if (path) {
		const char *colon = strrchr(path, ':');

		if (colon && colon[1] >= '0' && colon[1] <= '9') {
			heal_detect_rec_set(r, HEAL_PF_FILE, path,
					    (size_t)(colon - path));
			heal_detect_rec_sets(r, HEAL_PF_LINE, colon + 1);
		} else {
			heal_detect_rec_sets(r, HEAL_PF_FILE, path);
		}
	}
	ansible_location(r, msg);
	/* the command and shell modules say only "non-zero return code":
	 * the command's own last word on stderr is the message */
	if (msg && strcmp(msg, "non-zero return code") == 0 && str(res, "stderr")) {
		const char *e = str(res, "stderr"), *end = e + strlen(e), *b;

		while (end > e && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t' ||
				   end[-1] == '\r'))
			end--;
		for (b = end; b > e && b[-1] != '\n'; b--)
			;
		while (b < end && (*b == ' ' || *b == '\t'))
			b++;
		if (b < end)
			heal_detect_rec_set(r, HEAL_PF_MESSAGE, b, (size_t)(end - b));
		heal_buf_puts(&r->detail, msg);
	}
	put_message(r, msg ? msg : "task failed");
	put(r, HEAL_PF_FUNCTION, task);
	if (str(res, "stderr") && *str(res, "stderr")) {
		if (r->detail.len)
			heal_buf_putc(&r->detail, ' ');
		heal_buf_puts(&r->detail, str(res, "stderr"));
	} else if (str(res, "module_stderr") && *str(res, "module_stderr")) {
		if (r->detail.len)
			heal_buf_putc(&r->detail, ' ');
		heal_buf_puts(&r->detail, str(res, "module_stderr"));
	}
	raw_json(r, raw, rawlen);
	return heal_detect_finish_rec(d, r, err) < 0 ? -1 : 1;
}

static int ansible_json(struct heal_detect *d, const struct heal_pattern_matcher *m,
			const struct heal_json *doc, struct heal_error *err)
{
	const struct heal_json *plays = heal_json_object_get(doc, "plays");
	size_t i, j, k;

	if (!plays || plays->type != HEAL_JSON_ARRAY)
		return 0;
	for (i = 0; i < plays->u.arr.n; i++) {
		const struct heal_json *tasks = heal_json_object_get(plays->u.arr.v[i], "tasks");

		if (!tasks || tasks->type != HEAL_JSON_ARRAY)
			continue;
		for (j = 0; j < tasks->u.arr.n; j++) {
			const struct heal_json *t = tasks->u.arr.v[j];
			const struct heal_json *task = heal_json_object_get(t, "task");
			const struct heal_json *hosts = heal_json_object_get(t, "hosts");

			if (!hosts || hosts->type != HEAL_JSON_OBJECT)
				continue;
			for (k = 0; k < hosts->u.obj.n; k++) {
				const struct heal_json *res = hosts->u.obj.m[k].val;
				const char *msg;

				if (!heal_json_object_get_bool(res, "failed") &&
				    !heal_json_object_get_bool(res, "unreachable"))
					continue;
				msg = str(res, "msg");
				if (ansible_result(d, m, res, task ? str(task, "name") : NULL,
						   task ? str(task, "path") : NULL,
						   msg ? msg : "", msg ? strlen(msg) : 0,
						   err) < 0)
					return -1;
			}
		}
	}
	return 1;
}

int heal_detect_decode(struct heal_detect *d,
		       const struct heal_pattern_matcher *m,
		       const char *text, size_t len, struct heal_error *err)
{
	struct heal_json *doc;
	struct heal_json_limits lim;
	struct heal_error perr = HEAL_ERROR_INIT;
	int rc = 0;

	heal_json_limits_default(&lim);
	doc = heal_json_parse(text, len, &lim, &perr);
	if (!doc)
		return 0;
	if (strcmp(m->decode, "gcc-json") == 0)
		rc = gcc_json(d, m, doc, text, len, err);
	else if (strcmp(m->decode, "shellcheck-json") == 0)
		rc = shellcheck_json(d, m, doc, err);
	else if (strcmp(m->decode, "terraform-json") == 0)
		rc = terraform_json(d, m, doc, err);
	else if (strcmp(m->decode, "ansible-json") == 0)
		rc = ansible_json(d, m, doc, err);
	else if (strcmp(m->decode, "ansible-fatal") == 0 &&
		 doc->type == HEAL_JSON_OBJECT)
		rc = ansible_result(d, m, doc, NULL, NULL, text, len, err);
	heal_json_free(doc);
	return rc;
}
