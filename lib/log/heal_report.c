#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_config_build.h"
#include "heal_record.h"
#include "heal_report.h"
#include "heal_sha256.h"
#include "heal_strmap.h"
#include "heal_text.h"
#include "heal_utf8.h"

struct finding {
	struct heal_json *error;   /* the error record, owned; NULL if unseen */
	char *id;
	char *fix_status, *fix_id, *reason, *validation;
	bool healed, rolled_back;
	bool external;             /* its file lies outside the project root:
				    * error's "file" is "[external]/NAME" */
};

struct heal_report {
	const struct heal_root *root;
	struct heal_strmap map;
	struct finding *v;
	size_t n, cap;
	size_t omitted, anon;
};

static const char *const format_names[] = {
	[HEAL_REPORT_TEXT] = "text",
	[HEAL_REPORT_SARIF] = "sarif",
	[HEAL_REPORT_GITHUB] = "github",
	[HEAL_REPORT_RDJSONL] = "rdjsonl",
	[HEAL_REPORT_JUNIT] = "junit",
	[HEAL_REPORT_MARKDOWN] = "markdown",
	[HEAL_REPORT_CODEQUALITY] = "codequality",
};

int heal_report_format_parse(const char *name, enum heal_report_format *out)
{
	size_t i;

	for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (strcmp(name, format_names[i]) == 0) {
			*out = (enum heal_report_format)i;
			return 0;
		}
	return -1;
}

struct heal_report *heal_report_new(const struct heal_root *root)
{
	struct heal_report *rep = heal_calloc(1, sizeof(*rep));

	rep->root = root;
	heal_strmap_init(&rep->map);
	return rep;
}

void heal_report_free(struct heal_report *rep)
{
	size_t i;

	if (!rep)
		return;
	for (i = 0; i < rep->n; i++) {
		struct finding *f = &rep->v[i];

		heal_json_free(f->error);
		free(f->id);
		free(f->fix_status);
		free(f->fix_id);
		free(f->reason);
		free(f->validation);
	}
	free(rep->v);
	heal_strmap_release(&rep->map);
	free(rep);
}

/* ---- collecting ---- */

static const struct heal_json *obj(const struct heal_json *o, const char *k)
{
	const struct heal_json *v = o ? heal_json_object_get(o, k) : NULL;

	return v && v->type == HEAL_JSON_OBJECT ? v : NULL;
}

static const char *str(const struct heal_json *o, const char *k)
{
	return o ? heal_json_object_get_str(o, k) : NULL;
}

static void set_str(char **dst, const char *s)
{
	if (!s)
		return;
	free(*dst);
	*dst = heal_strdup(s);
}

static struct finding *finding(struct heal_report *rep, const char *id)
{
	char anon[32];
	size_t i;

	if (!id) {
		/* an error without an id is a finding of its own */
		snprintf(anon, sizeof(anon), "\x01%zu", rep->anon++);
		id = anon;
	}
	if (heal_strmap_get(&rep->map, id, strlen(id), &i))
		return &rep->v[i];
	if (rep->n >= HEAL_REPORT_MAX) {
		rep->omitted++;
		return NULL;
	}
	heal_strmap_put(&rep->map, id, strlen(id), rep->n, NULL);
	if (rep->n == rep->cap) {
		rep->cap = rep->cap ? rep->cap * 2 : 16;
		rep->v = heal_reallocarray(rep->v, rep->cap, sizeof(*rep->v));
	}
	memset(&rep->v[rep->n], 0, sizeof(rep->v[0]));
	if (id != anon)
		rep->v[rep->n].id = heal_strdup(id);
	return &rep->v[rep->n++];
}

/*
 * A path as a report shows it: root-relative when it lies inside the
 * project root; else NULL (outside, or not a path heal accepts).  Owned
 * by the caller.
 */
static char *project_path(const struct heal_report *rep, const char *file)
{
	char *rel = NULL;

	if (!file || !heal_record_path_ok(file, strlen(file)))
		return NULL;
	if (rep->root) {
		if (heal_root_relpath(rep->root, NULL, file, strlen(file), &rel) ==
		    HEAL_REL_INSIDE)
			return rel;
		return NULL;
	}
	/* no root to compare with: only a relative path that stays below */
	if (file[0] == '/' || strcmp(file, "..") == 0 || strncmp(file, "../", 3) == 0 ||
	    strstr(file, "/../"))
		return NULL;
	return heal_strdup(file);
}

/* Cut every occurrence of prefix (followed by '/') from s, or put repl. */
static void cut_prefix(struct heal_buf *b, const char *s, const char *prefix,
		       const char *repl)
{
	size_t n = prefix ? strlen(prefix) : 0;
	const char *p;

	if (n < 2) {
		heal_buf_puts(b, s);
		return;
	}
	while ((p = strstr(s, prefix))) {
		if (p[n] != '/') {
			/* a longer name that starts alike: keep it */
			heal_buf_put(b, s, (size_t)(p - s) + n);
			s = p + n;
			continue;
		}
		heal_buf_put(b, s, (size_t)(p - s));
		heal_buf_puts(b, repl);
		s = p + n + (repl[0] ? 0 : 1);
	}
	heal_buf_puts(b, s);
}

/*
 * What a report may show of where an error is: the file relative to the
 * project root, or, for a file outside it, "[external]/" and its name; in
 * the message and the raw output, the root's path is cut and the home
 * directory shown as ~.
 */
static void localize(const struct heal_report *rep, struct finding *f)
{
	static const char *const keys[] = { "message", "raw" };
	const char *file = str(f->error, "file");
	const char *home = getenv("HOME");
	char *rel;
	size_t i;

	f->external = false;
	if (file) {
		rel = project_path(rep, file);
		if (rel) {
			heal_json_object_set_str(f->error, "file", rel);
		} else {
			const char *base = strrchr(file, '/');
			struct heal_buf b;

			heal_buf_init(&b, HEAL_RECORD_PATH_MAX + 16);
			heal_buf_puts(&b, "[external]/");
			heal_buf_puts(&b, base && base[1] ? base + 1 : "unnamed");
			heal_json_object_set_str(f->error, "file", heal_buf_str(&b));
			heal_buf_release(&b);
			f->external = true;
		}
		free(rel);
	}
	for (i = 0; i < 2; i++) {
		const char *text = str(f->error, keys[i]);
		struct heal_buf a, b;

		if (!text)
			continue;
		heal_buf_init(&a, strlen(text) + 1);
		heal_buf_init(&b, strlen(text) + 1);
		cut_prefix(&a, text, rep->root ? rep->root->real : NULL, "");
		cut_prefix(&b, heal_buf_str(&a), rep->root ? rep->root->path : NULL, "");
		heal_buf_reset(&a);
		cut_prefix(&a, heal_buf_str(&b), home && strcmp(home, "/") ? home : NULL, "~");
		heal_json_object_set_str(f->error, keys[i], heal_buf_str(&a));
		heal_buf_release(&a);
		heal_buf_release(&b);
	}
}

static void take_error(const struct heal_report *rep, struct finding *f,
		       const struct heal_json *error, bool newer)
{
	if (!error || (f->error && !newer) || error->type != HEAL_JSON_OBJECT)
		return;
	heal_json_free(f->error);
	f->error = heal_json_clone(error);
	localize(rep, f);
}

void heal_report_add(struct heal_report *rep, const struct heal_json *rec)
{
	const struct heal_json *fix;
	struct finding *f;

	switch (heal_record_kind(rec)) {
	case HEAL_KIND_ERROR:
		if ((f = finding(rep, str(rec, "id"))))
			take_error(rep, f, rec, true);
		break;
	case HEAL_KIND_FIX:
		if (!(f = finding(rep, str(rec, "error_id"))))
			break;
		take_error(rep, f, obj(rec, "error"), false);
		set_str(&f->fix_status, str(rec, "status"));
		set_str(&f->fix_id, str(rec, "fix_id"));
		set_str(&f->reason, str(rec, "reason"));
		break;
	case HEAL_KIND_VALIDATION:
		if (!(f = finding(rep, str(rec, "error_id"))))
			break;
		fix = obj(rec, "fix");
		take_error(rep, f, obj(fix, "error"), false);
		set_str(&f->fix_status, str(fix, "status"));
		set_str(&f->fix_id, str(fix, "fix_id"));
		set_str(&f->fix_id, str(rec, "fix_id"));
		set_str(&f->validation, str(rec, "status"));
		f->healed = heal_json_object_get_bool(rec, "healed");
		f->rolled_back = heal_json_object_get_bool(rec, "rolled_back");
		break;
	default:
		break;
	}
}

static bool resolved(const struct finding *f)
{
	return f->validation && strcmp(f->validation, "passed") == 0;
}

size_t heal_report_unhealed(const struct heal_report *rep)
{
	size_t i, n = 0;

	for (i = 0; i < rep->n; i++)
		n += !resolved(&rep->v[i]);
	return n + rep->omitted;
}

/* ---- what a finding says ---- */

static const char *status_text(const struct finding *f)
{
	const char *s = f->fix_status;

	if (f->validation && strcmp(f->validation, "passed") == 0)
		return "fixed and validated";
	if (f->validation && strcmp(f->validation, "failed") == 0)
		return f->rolled_back ? "fix failed validation, rolled back"
				      : "fix failed validation";
	if (!s)
		return "open";
	if (strcmp(s, "applied") == 0)
		return "fix applied, not validated";
	if (strcmp(s, "needs-approval") == 0)
		return "fix needs approval";
	if (strcmp(s, "dry-run") == 0)
		return "fix proposed (dry run)";
	if (strcmp(s, "refused") == 0)
		return "fix refused";
	if (strcmp(s, "failed") == 0)
		return "fix failed";
	return "fix skipped";
}

static int64_t num(const struct heal_json *o, const char *k)
{
	int64_t v = 0;

	if (!o || heal_json_object_get_int(o, k, 1, INT32_MAX, &v) <= 0)
		return 0;
	return v;
}

static const char *message(const struct finding *f)
{
	const char *m = str(f->error, "message");

	return m ? m : "(no message)";
}

static const char *level(const struct finding *f)
{
	const char *s = str(f->error, "severity");

	return s && (strcmp(s, "warning") == 0 || strcmp(s, "note") == 0)
	       ? s : "error";
}

/* The rule id reports group by: TOOL/CODE, else TOOL/CATEGORY. */
static void rule_id(const struct finding *f, struct heal_buf *out)
{
	const char *tool = str(f->error, "tool");
	const char *code = str(f->error, "code");
	const char *cat = str(f->error, "category");

	heal_buf_reset(out);
	heal_buf_putf(out, "%s/%s", tool ? tool : "heal",
		      code ? code : cat ? cat : "error");
}

/* The candidate that was tried, else the best one. */
static const struct heal_json *candidate(const struct finding *f)
{
	const struct heal_json *fixes = f->error
		? heal_json_object_get(f->error, "fixes") : NULL;
	const struct heal_json *c = heal_record_candidate(f->error, f->fix_id);

	if (c)
		return c;
	if (!fixes || fixes->type != HEAL_JSON_ARRAY || !fixes->u.arr.n)
		return NULL;
	return fixes->u.arr.v[0]->type == HEAL_JSON_OBJECT
	       ? fixes->u.arr.v[0] : NULL;
}

/* An edit's fields when it is well formed. */
static bool edit_ok(const struct heal_json *e, const char **file,
		    int64_t *start, int64_t *end, const char **text)
{
	if (!e || e->type != HEAL_JSON_OBJECT)
		return false;
	*file = str(e, "file");
	*text = str(e, "text");
	return *file && *text && heal_record_path_ok(*file, strlen(*file)) &&
	       heal_json_object_get_int(e, "start", 0, INT64_MAX, start) > 0 &&
	       heal_json_object_get_int(e, "end", 0, INT64_MAX, end) > 0 &&
	       *start <= *end;
}

/* ---- output ---- */

struct out {
	FILE *f;
	struct heal_buf b;
	struct heal_buf tmp;
	int failed;
};

static void flush(struct out *o, bool force)
{
	if (o->b.len && (force || o->b.len > 65536)) {
		if (fwrite(o->b.data, 1, o->b.len, o->f) != o->b.len)
			o->failed = errno ? errno : EIO;
		heal_buf_reset(&o->b);
	}
}

static void adds(struct out *o, const char *s)
{
	heal_buf_puts(&o->b, s);
}

static void add_json(struct out *o, struct heal_json *v)
{
	heal_json_serialize(&o->b, v, NULL);
	heal_json_free(v);
}

/* Text for a terminal: controls and invalid UTF-8 escaped. */
static void add_text(struct out *o, const char *s)
{
	heal_text_escape(&o->b, s, strlen(s), NULL);
}

/* ---- text ---- */

static void location(struct heal_buf *b, const struct finding *f)
{
	const char *file = str(f->error, "file");
	int64_t line = num(f->error, "line"), col = num(f->error, "column");

	if (!file)
		return;
	heal_text_escape(b, file, strlen(file), NULL);
	if (line)
		heal_buf_putf(b, ":%" PRId64, line);
	if (line && col)
		heal_buf_putf(b, ":%" PRId64, col);
}

static void summary(struct heal_buf *b, const struct heal_report *rep)
{
	size_t i, fixed = 0;

	for (i = 0; i < rep->n; i++)
		fixed += resolved(&rep->v[i]);
	heal_buf_putf(b, "%zu error%s: %zu fixed and validated, %zu not",
		      rep->n, rep->n == 1 ? "" : "s", fixed, rep->n - fixed);
	if (rep->omitted)
		heal_buf_putf(b, " (%zu more omitted)", rep->omitted);
}

static void write_text(const struct heal_report *rep, struct out *o)
{
	size_t i;

	for (i = 0; i < rep->n; i++) {
		const struct finding *f = &rep->v[i];
		const struct heal_json *c = candidate(f);
		const struct heal_json *a = obj(f->error, "analysis");
		const char *s;

		heal_buf_reset(&o->tmp);
		location(&o->tmp, f);
		if (o->tmp.len) {
			heal_buf_put(&o->b, o->tmp.data, o->tmp.len);
			adds(o, ": ");
		}
		adds(o, level(f));
		adds(o, ": ");
		add_text(o, message(f));
		rule_id(f, &o->tmp);
		adds(o, " [");
		add_text(o, heal_buf_str(&o->tmp));
		adds(o, "]\n  status: ");
		adds(o, status_text(f));
		if (f->reason) {
			adds(o, " (");
			add_text(o, f->reason);
			adds(o, ")");
		}
		if ((s = str(a, "root_cause"))) {
			adds(o, "\n  cause: ");
			add_text(o, s);
		}
		if ((s = str(c, "description"))) {
			adds(o, "\n  fix: ");
			add_text(o, s);
		}
		if (f->id) {
			adds(o, "\n  id: ");
			add_text(o, f->id);
		}
		adds(o, "\n");
		flush(o, false);
	}
	summary(&o->b, rep);
	adds(o, "\n");
}

/* ---- SARIF ---- */

/* A URI reference for a path: relative stays relative, absolute is file://. */
static struct heal_json *uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct heal_buf b;
	struct heal_json *v;
	const unsigned char *p;

	heal_buf_init(&b, 3 * strlen(path) + 16);
	if (path[0] == '/')
		heal_buf_puts(&b, "file://");
	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			heal_buf_putc(&b, (char)*p);
		} else {
			heal_buf_putc(&b, '%');
			heal_buf_putc(&b, hex[*p >> 4]);
			heal_buf_putc(&b, hex[*p & 15]);
		}
	}
	v = heal_json_new_stringn(b.data ? b.data : "", b.len);
	heal_buf_release(&b);
	return v;
}

static struct heal_json *text_obj(const char *s)
{
	struct heal_json *m = heal_json_new_object();

	heal_json_object_set_str(m, "text", s);
	return m;
}

static const char *sarif_level(const struct finding *f)
{
	return strcmp(level(f), "error") == 0 ? "error" : level(f);
}

static struct heal_json *sarif_fixes(const struct heal_report *rep,
				     const struct finding *f)
{
	const struct heal_json *fixes = heal_json_object_get(f->error, "fixes");
	struct heal_json *arr = heal_json_new_array();
	size_t i, j, k;

	for (i = 0; fixes && fixes->type == HEAL_JSON_ARRAY &&
		    i < fixes->u.arr.n; i++) {
		const struct heal_json *c = fixes->u.arr.v[i];
		const struct heal_json *edits = heal_json_object_get(c, "edits");
		struct heal_json *changes = heal_json_new_array(), *fix;

		for (j = 0; edits && edits->type == HEAL_JSON_ARRAY &&
			    j < edits->u.arr.n; j++) {
			struct heal_json *ch = NULL, *rpl, *reg;
			const char *file, *text;
			int64_t start, end;
			char *rel;

			if (!edit_ok(edits->u.arr.v[j], &file, &start, &end, &text))
				continue;
			/* a change outside the project is not shown: its path
			 * would name the user's directories */
			rel = project_path(rep, file);
			if (!rel)
				continue;
			file = rel;
			/* one artifactChange per file, its replacements in order */
			for (k = 0; k < changes->u.arr.n; k++) {
				const struct heal_json *l = heal_json_object_get(
					changes->u.arr.v[k], "artifactLocation");

				if (strcmp(str(l, "heal-file"), file) == 0)
					ch = changes->u.arr.v[k];
			}
			if (!ch) {
				struct heal_json *loc = heal_json_new_object();

				heal_json_object_set(loc, "uri", uri(file));
				heal_json_object_set_str(loc, "heal-file", file);
				ch = heal_json_new_object();
				heal_json_object_set(ch, "artifactLocation", loc);
				heal_json_object_set(ch, "replacements",
						     heal_json_new_array());
				heal_json_array_append(changes, ch);
			}
			reg = heal_json_new_object();
			heal_json_object_set_int(reg, "byteOffset", start);
			heal_json_object_set_int(reg, "byteLength", end - start);
			rpl = heal_json_new_object();
			heal_json_object_set(rpl, "deletedRegion", reg);
			heal_json_object_set(rpl, "insertedContent",
					     text_obj(text));
			heal_json_array_append(heal_json_object_get(ch, "replacements"),
					       rpl);
			free(rel);
		}
		if (!changes->u.arr.n) {
			heal_json_free(changes);
			continue;
		}
		for (k = 0; k < changes->u.arr.n; k++)
			heal_json_object_remove(heal_json_object_get(
				changes->u.arr.v[k], "artifactLocation"),
				"heal-file");
		fix = heal_json_new_object();
		if (str(c, "description"))
			heal_json_object_set(fix, "description",
					     text_obj(str(c, "description")));
		heal_json_object_set(fix, "artifactChanges", changes);
		heal_json_array_append(arr, fix);
	}
	return arr;
}

static struct heal_json *sarif_result(const struct heal_report *rep,
				      const struct finding *f, const char *rid,
				      size_t rindex)
{
	struct heal_json *r = heal_json_new_object(), *loc, *phys, *art, *reg;
	struct heal_json *fixes, *props;
	const char *file = str(f->error, "file");
	int64_t line = num(f->error, "line"), col = num(f->error, "column");
	int64_t eline = num(f->error, "end_line");
	int64_t ecol = num(f->error, "end_column");
	struct heal_buf msg;

	heal_json_object_set_str(r, "ruleId", rid);
	heal_json_object_set_int(r, "ruleIndex", (int64_t)rindex);
	heal_json_object_set_str(r, "level", sarif_level(f));
	heal_buf_init(&msg, (size_t)1 << 24);
	heal_buf_puts(&msg, message(f));
	heal_buf_putf(&msg, " (heal: %s)", status_text(f));
	heal_json_object_set(r, "message", text_obj(heal_buf_str(&msg)));
	heal_buf_release(&msg);
	art = heal_json_new_object();
	if (f->external) {
		/* its name only, under a base that says what it is */
		heal_json_object_set(art, "uri", uri(file + strlen("[external]/")));
		heal_json_object_set_str(art, "uriBaseId", "EXTERNAL");
	} else {
		heal_json_object_set(art, "uri", uri(file));
	}
	phys = heal_json_new_object();
	heal_json_object_set(phys, "artifactLocation", art);
	if (line) {
		reg = heal_json_new_object();
		heal_json_object_set_int(reg, "startLine", line);
		if (col)
			heal_json_object_set_int(reg, "startColumn", col);
		if (eline >= line)
			heal_json_object_set_int(reg, "endLine", eline);
		/* an end column on the start line must lie after the start */
		if (col && ecol && ((eline && eline != line) || ecol > col))
			heal_json_object_set_int(reg, "endColumn", ecol);
		heal_json_object_set(phys, "region", reg);
	}
	loc = heal_json_new_object();
	heal_json_object_set(loc, "physicalLocation", phys);
	heal_json_object_set(r, "locations", heal_json_new_array());
	heal_json_array_append(heal_json_object_get(r, "locations"), loc);
	if (f->id) {
		struct heal_json *fp = heal_json_new_object();

		heal_json_object_set_str(fp, "healId/v1", f->id);
		heal_json_object_set(r, "partialFingerprints", fp);
	}
	fixes = sarif_fixes(rep, f);
	if (fixes->u.arr.n)
		heal_json_object_set(r, "fixes", fixes);
	else
		heal_json_free(fixes);
	props = heal_json_new_object();
	heal_json_object_set_str(props, "status", status_text(f));
	if (str(f->error, "category"))
		heal_json_object_set_str(props, "category",
					 str(f->error, "category"));
	if (str(obj(f->error, "analysis"), "root_cause"))
		heal_json_object_set_str(props, "rootCause",
					 str(obj(f->error, "analysis"), "root_cause"));
	heal_json_object_set(r, "properties", props);
	return r;
}

static void write_sarif(const struct heal_report *rep, struct out *o)
{
	struct heal_json *driver = heal_json_new_object(), *rules, *tool;
	struct heal_strmap idx;
	size_t *rindex = heal_reallocarray(NULL, rep->n + 1, sizeof(size_t));
	size_t i, nrules = 0, skipped = 0;
	bool first = true;

	heal_strmap_init(&idx);
	rules = heal_json_new_array();
	for (i = 0; i < rep->n; i++) {
		const struct finding *f = &rep->v[i];

		rule_id(f, &o->tmp);
		if (heal_strmap_put(&idx, o->tmp.data, o->tmp.len, nrules,
				    &rindex[i])) {
			struct heal_json *r = heal_json_new_object(), *cfg;
			const char *cat = str(f->error, "category");

			heal_json_object_set_str(r, "id", heal_buf_str(&o->tmp));
			heal_json_object_set(r, "shortDescription",
					     text_obj(heal_buf_str(&o->tmp)));
			cfg = heal_json_new_object();
			heal_json_object_set_str(cfg, "level", sarif_level(f));
			heal_json_object_set(r, "defaultConfiguration", cfg);
			if (cat) {
				struct heal_json *p = heal_json_new_object();
				struct heal_json *tags = heal_json_new_array();

				heal_json_array_append(tags,
						       heal_json_new_string(cat));
				heal_json_object_set(p, "tags", tags);
				heal_json_object_set(r, "properties", p);
			}
			heal_json_array_append(rules, r);
			nrules++;
		}
	}
	heal_strmap_release(&idx);
	heal_json_object_set_str(driver, "name", "heal");
	heal_json_object_set_str(driver, "version", HEAL_VERSION);
	heal_json_object_set(driver, "rules", rules);
	tool = heal_json_new_object();
	heal_json_object_set(tool, "driver", driver);
	adds(o, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
		"\"version\":\"2.1.0\",\"runs\":[{\"tool\":");
	add_json(o, tool);
	adds(o, ",\"originalUriBaseIds\":{\"EXTERNAL\":{\"description\":{\"text\":"
		"\"a file outside the project root, named without its directory\"}}}");
	adds(o, ",\"columnKind\":\"unicodeCodePoints\",\"results\":[");
	for (i = 0; i < rep->n; i++) {
		const struct finding *f = &rep->v[i];

		/* code scanning needs a location: errors without a file are left out */
		if (!str(f->error, "file")) {
			skipped++;
			continue;
		}
		rule_id(f, &o->tmp);
		if (!first)
			adds(o, ",");
		adds(o, "\n");
		first = false;
		add_json(o, sarif_result(rep, f, heal_buf_str(&o->tmp), rindex[i]));
		flush(o, false);
	}
	heal_buf_putf(&o->b, "\n],\"properties\":{\"withoutLocation\":%zu,"
		      "\"omitted\":%zu}}]}\n", skipped, rep->omitted);
	free(rindex);
}

/* ---- GitHub workflow commands ---- */

/* %, CR and LF as GitHub wants them; with prop, ':' and ',' too.  Other
 * controls and invalid UTF-8 are escaped as text (\xNN). */
static void gh_escape(struct heal_buf *b, const char *s, bool prop)
{
	size_t len = strlen(s), i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%')
			heal_buf_puts(b, "%25");
		else if (c == '\r')
			heal_buf_puts(b, "%0D");
		else if (c == '\n')
			heal_buf_puts(b, "%0A");
		else if (prop && c == ':')
			heal_buf_puts(b, "%3A");
		else if (prop && c == ',')
			heal_buf_puts(b, "%2C");
		else {
			size_t k = heal_utf8_decode((const unsigned char *)s + i,
						    len - i, NULL);

			heal_text_escape(b, s + i, k ? k : 1, NULL);
			i += k ? k : 1;
			continue;
		}
		i++;
	}
}

static void write_github(const struct heal_report *rep, struct out *o)
{
	size_t i;

	for (i = 0; i < rep->n; i++) {
		const struct finding *f = &rep->v[i];
		const struct heal_json *c = candidate(f);
		const char *file = str(f->error, "file");
		const char *lv = level(f);
		int64_t line = num(f->error, "line"), col = num(f->error, "column");
		int64_t eline = num(f->error, "end_line");
		int64_t ecol = num(f->error, "end_column");
		struct heal_buf msg;

		adds(o, "::");
		adds(o, strcmp(lv, "note") == 0 ? "notice" : lv);
		adds(o, " ");
		if (file) {
			adds(o, "file=");
			gh_escape(&o->b, file, true);
			adds(o, ",");
			if (line)
				heal_buf_putf(&o->b, "line=%" PRId64 ",", line);
			if (line && col)
				heal_buf_putf(&o->b, "col=%" PRId64 ",", col);
			if (line && eline >= line)
				heal_buf_putf(&o->b, "endLine=%" PRId64 ",",
					      eline);
			if (line && col && ecol)
				heal_buf_putf(&o->b, "endColumn=%" PRId64 ",",
					      ecol);
		}
		rule_id(f, &o->tmp);
		adds(o, "title=");
		gh_escape(&o->b, heal_buf_str(&o->tmp), true);
		adds(o, "::");
		heal_buf_init(&msg, (size_t)1 << 24);
		heal_buf_puts(&msg, message(f));
		heal_buf_putf(&msg, " (heal: %s", status_text(f));
		if (str(c, "description"))
			heal_buf_putf(&msg, "; fix: %s", str(c, "description"));
		heal_buf_puts(&msg, ")");
		gh_escape(&o->b, heal_buf_str(&msg), false);
		heal_buf_release(&msg);
		adds(o, "\n");
		flush(o, false);
	}
}

/* ---- reviewdog rdjsonl ---- */

static struct heal_json *position(int64_t line, int64_t col)
{
	struct heal_json *p = heal_json_new_object();

	heal_json_object_set_int(p, "line", line);
	if (col)
		heal_json_object_set_int(p, "column", col);
	return p;
}

static struct heal_json *range(int64_t l, int64_t c, int64_t el, int64_t ec)
{
	struct heal_json *r = heal_json_new_object();

	heal_json_object_set(r, "start", position(l, c));
	if (el)
		heal_json_object_set(r, "end", position(el, ec));
	return r;
}

/* Byte offset -> 1-based line and byte column in data[0..len). */
static void line_col(const char *data, size_t off, int64_t *line, int64_t *col)
{
	size_t i, bol = 0;

	*line = 1;
	for (i = 0; i < off; i++)
		if (data[i] == '\n') {
			(*line)++;
			bol = i + 1;
		}
	*col = (int64_t)(off - bol) + 1;
}

/* Suggestions from the candidate's edits of the finding's file, whose
 * offsets are turned into lines by reading the file as the edit saw it. */
static struct heal_json *suggestions(const struct heal_report *rep,
				     const struct finding *f)
{
	const struct heal_json *c = candidate(f);
	const struct heal_json *edits = c ? heal_json_object_get(c, "edits") : NULL;
	const char *file = str(f->error, "file");
	struct heal_json *arr = heal_json_new_array();
	struct heal_buf content;
	bool loaded = false, bad = false;
	size_t i;

	heal_buf_init(&content, HEAL_REPORT_FILE_MAX);
	for (i = 0; rep->root && file && edits && edits->type == HEAL_JSON_ARRAY &&
		    i < edits->u.arr.n && !bad; i++) {
		const char *efile, *text, *sha;
		int64_t start, end, l, col, el, ec;
		struct heal_json *s;
		char hex[HEAL_SHA256_HEX];

		if (!edit_ok(edits->u.arr.v[i], &efile, &start, &end, &text) ||
		    strcmp(efile, file) != 0)
			continue;
		if (!loaded) {
			struct heal_error err = HEAL_ERROR_INIT;

			loaded = true;
			if (heal_root_read_file(rep->root, file,
						HEAL_REPORT_FILE_MAX, &content,
						&err) < 0) {
				bad = true;
				break;
			}
			/* a file changed since the edit was computed is stale */
			sha = str(edits->u.arr.v[i], "sha256");
			heal_sha256_hex(content.data ? content.data : "",
					content.len, hex);
			if (sha && strcmp(sha, hex) != 0) {
				bad = true;
				break;
			}
		}
		if ((uint64_t)end > content.len)
			continue;
		line_col(content.data, (size_t)start, &l, &col);
		line_col(content.data, (size_t)end, &el, &ec);
		s = heal_json_new_object();
		heal_json_object_set(s, "range", range(l, col, el, ec));
		heal_json_object_set_str(s, "text", text);
		heal_json_array_append(arr, s);
	}
	heal_buf_release(&content);
	return arr;
}

static void write_rdjsonl(const struct heal_report *rep, struct out *o)
{
	size_t i;

	for (i = 0; i < rep->n; i++) {
		const struct finding *f = &rep->v[i];
		struct heal_json *d = heal_json_new_object(), *src, *code, *sg;
		const char *file = str(f->error, "file");
		const char *lv = level(f);
		int64_t line = num(f->error, "line");
		int64_t eline = num(f->error, "end_line");
		struct heal_buf msg;

		heal_buf_init(&msg, (size_t)1 << 24);
		heal_buf_puts(&msg, message(f));
		heal_buf_putf(&msg, " (heal: %s)", status_text(f));
		heal_json_object_set_str(d, "message", heal_buf_str(&msg));
		heal_buf_release(&msg);
		if (file) {
			struct heal_json *loc = heal_json_new_object();

			heal_json_object_set_str(loc, "path", file);
			if (line)
				heal_json_object_set(loc, "range",
					range(line, num(f->error, "column"),
					      eline >= line ? eline : 0,
					      num(f->error, "end_column")));
			heal_json_object_set(d, "location", loc);
		}
		heal_json_object_set_str(d, "severity",
					 strcmp(lv, "error") == 0 ? "ERROR"
					 : strcmp(lv, "warning") == 0 ? "WARNING"
					 : "INFO");
		src = heal_json_new_object();
		heal_json_object_set_str(src, "name", "heal");
		heal_json_object_set(d, "source", src);
		rule_id(f, &o->tmp);
		code = heal_json_new_object();
		heal_json_object_set_str(code, "value", heal_buf_str(&o->tmp));
		heal_json_object_set(d, "code", code);
		sg = suggestions(rep, f);
		if (sg->u.arr.n)
			heal_json_object_set(d, "suggestions", sg);
		else
			heal_json_free(sg);
		if (str(f->error, "raw"))
			heal_json_object_set_str(d, "original_output",
						 str(f->error, "raw"));
		add_json(o, d);
		adds(o, "\n");
		flush(o, false);
	}
}

/* ---- JUnit XML ---- */

/* XML 1.0 text or attribute content: markup escaped; characters XML cannot
 * carry (controls, U+FFFE/U+FFFF, invalid UTF-8) written as \xNN text. */
static void xml_escape(struct heal_buf *b, const char *s, bool attr)
{
	size_t len = strlen(s), i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t k;

		switch (c) {
		case '&': heal_buf_puts(b, "&amp;"); i++; continue;
		case '<': heal_buf_puts(b, "&lt;"); i++; continue;
		case '>': heal_buf_puts(b, "&gt;"); i++; continue;
		case '"': heal_buf_puts(b, "&quot;"); i++; continue;
		case '\'': heal_buf_puts(b, "&apos;"); i++; continue;
		case '\n':
			heal_buf_puts(b, attr ? "&#10;" : "\n");
			i++;
			continue;
		case '\t':
			heal_buf_puts(b, attr ? "&#9;" : "\t");
			i++;
			continue;
		default:
			break;
		}
		k = heal_utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (k && cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0) &&
		    cp != 0xfffe && cp != 0xffff) {
			heal_buf_put(b, s + i, k);
			i += k;
		} else if (k == 3) {
			heal_buf_putf(b, "\\u%04" PRIX32, cp);
			i += k;
		} else {
			heal_text_escape(b, s + i, k ? k : 1, NULL);
			i += k ? k : 1;
		}
	}
}

static void write_junit(const struct heal_report *rep, struct out *o)
{
	size_t i, failures = 0;

	for (i = 0; i < rep->n; i++)
		failures += !resolved(&rep->v[i]);
	heal_buf_putf(&o->b,
		      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		      "<testsuites name=\"heal\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n"
		      "  <testsuite name=\"heal\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
		      rep->n, failures, rep->n, failures);
	for (i = 0; i < rep->n; i++) {
		const struct finding *f = &rep->v[i];
		const struct heal_json *c = candidate(f);
		const char *tool = str(f->error, "tool");
		const char *file = str(f->error, "file");
		const char *raw = str(f->error, "raw");
		int64_t line = num(f->error, "line");

		adds(o, "    <testcase classname=\"");
		xml_escape(&o->b, tool ? tool : "heal", true);
		adds(o, "\" name=\"");
		heal_buf_reset(&o->tmp);
		location(&o->tmp, f);
		if (o->tmp.len)
			heal_buf_puts(&o->tmp, ": ");
		heal_buf_puts(&o->tmp, message(f));
		xml_escape(&o->b, heal_buf_str(&o->tmp), true);
		adds(o, "\"");
		if (file) {
			adds(o, " file=\"");
			xml_escape(&o->b, file, true);
			adds(o, "\"");
			if (line)
				heal_buf_putf(&o->b, " line=\"%" PRId64 "\"",
					      line);
		}
		adds(o, ">\n");
		rule_id(f, &o->tmp);
		if (resolved(f)) {
			adds(o, "      <system-out>");
		} else {
			adds(o, "      <failure type=\"");
			xml_escape(&o->b, heal_buf_str(&o->tmp), true);
			adds(o, "\" message=\"");
			xml_escape(&o->b, message(f), true);
			adds(o, "\">");
		}
		adds(o, "heal: ");
		adds(o, status_text(f));
		if (str(c, "description")) {
			adds(o, "\nfix: ");
			xml_escape(&o->b, str(c, "description"), false);
		}
		if (raw) {
			adds(o, "\n");
			xml_escape(&o->b, raw, false);
		}
		adds(o, resolved(f) ? "</system-out>\n" : "</failure>\n");
		adds(o, "    </testcase>\n");
		flush(o, false);
	}
	adds(o, "  </testsuite>\n</testsuites>\n");
}

/* ---- Markdown ---- */

/* A table cell: controls escaped as text, then every ASCII punctuation
 * character backslash-escaped, so no input makes markup, HTML or links. */
static void md_escape(struct heal_buf *b, const char *s)
{
	struct heal_buf t;
	size_t i;

	heal_buf_init(&t, (size_t)1 << 24);
	heal_text_escape(&t, s, strlen(s), NULL);
	for (i = 0; i < t.len; i++) {
		char c = t.data[i];

		if (strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) && c)
			heal_buf_putc(b, '\\');
		heal_buf_putc(b, c);
	}
	heal_buf_release(&t);
}

static void write_markdown(const struct heal_report *rep, struct out *o)
{
	size_t i;

	adds(o, "### heal\n\n");
	heal_buf_reset(&o->tmp);
	summary(&o->tmp, rep);
	heal_buf_put(&o->b, o->tmp.data, o->tmp.len);
	adds(o, "\n");
	if (rep->n)
		adds(o, "\n| status | location | rule | message | fix |\n"
			"| --- | --- | --- | --- | --- |\n");
	for (i = 0; i < rep->n; i++) {
		const struct finding *f = &rep->v[i];
		const struct heal_json *c = candidate(f);
		const char *file = str(f->error, "file");
		int64_t line = num(f->error, "line");

		adds(o, "| ");
		adds(o, resolved(f) ? "✅ " : "❌ ");
		adds(o, status_text(f));
		adds(o, " | ");
		heal_buf_reset(&o->tmp);
		if (file) {
			heal_buf_puts(&o->tmp, file);
			if (line)
				heal_buf_putf(&o->tmp, ":%" PRId64, line);
			md_escape(&o->b, heal_buf_str(&o->tmp));
		}
		adds(o, " | ");
		rule_id(f, &o->tmp);
		md_escape(&o->b, heal_buf_str(&o->tmp));
		adds(o, " | ");
		md_escape(&o->b, message(f));
		adds(o, " | ");
		if (str(c, "description"))
			md_escape(&o->b, str(c, "description"));
		adds(o, " |\n");
		flush(o, false);
	}
}

/* ---- GitLab Code Quality ---- */

/*
 * GitLab's severities: an error that is not healed is major (critical
 * when its analysis says so), a healed one and a warning minor, a note info.
 */
static const char *cq_severity(const struct finding *f)
{
	int64_t sev = num(obj(f->error, "analysis"), "severity");

	if (strcmp(level(f), "note") == 0)
		return "info";
	if (strcmp(level(f), "warning") == 0 || resolved(f))
		return "minor";
	return sev >= 9 ? "critical" : "major";
}

/*
 * A JSON array of Code Climate issues, as GitLab's codequality report
 * wants them: description, check_name, fingerprint (the error id, or a
 * hash of what identifies an error without one), severity, location.path
 * and location.lines.begin.  GitLab needs a path: errors without a file
 * are left out.
 */
static void write_codequality(const struct heal_report *rep, struct out *o)
{
	char hex[HEAL_SHA256_HEX];
	bool first = true;
	size_t i;

	adds(o, "[");
	for (i = 0; i < rep->n; i++) {
		const struct finding *f = &rep->v[i];
		const struct heal_json *c = candidate(f);
		const char *file = str(f->error, "file");
		struct heal_json *is, *loc, *lines, *cats;
		int64_t line = num(f->error, "line");

		if (!file)
			continue;
		is = heal_json_new_object();
		heal_json_object_set_str(is, "type", "issue");
		heal_buf_reset(&o->tmp);
		heal_buf_putf(&o->tmp, "%s (heal: %s", message(f),
			      status_text(f));
		if (str(c, "description"))
			heal_buf_putf(&o->tmp, ": %s", str(c, "description"));
		heal_buf_puts(&o->tmp, ")");
		heal_json_object_set_str(is, "description", heal_buf_str(&o->tmp));
		rule_id(f, &o->tmp);
		heal_json_object_set_str(is, "check_name", heal_buf_str(&o->tmp));
		if (f->id) {
			heal_json_object_set_str(is, "fingerprint", f->id);
		} else {
			heal_buf_putf(&o->tmp, "\n%s\n%" PRId64 "\n%s",
				      file, line, message(f));
			heal_sha256_hex(o->tmp.data, o->tmp.len, hex);
			heal_json_object_set_str(is, "fingerprint", hex);
		}
		heal_json_object_set_str(is, "severity", cq_severity(f));
		cats = heal_json_new_array();
		heal_json_array_append(cats, heal_json_new_string("Bug Risk"));
		heal_json_object_set(is, "categories", cats);
		loc = heal_json_new_object();
		heal_json_object_set_str(loc, "path", file);
		lines = heal_json_new_object();
		heal_json_object_set_int(lines, "begin", line ? line : 1);
		heal_json_object_set(loc, "lines", lines);
		heal_json_object_set(is, "location", loc);
		adds(o, first ? "\n" : ",\n");
		first = false;
		add_json(o, is);
		flush(o, false);
	}
	adds(o, "\n]\n");
}

int heal_report_write(const struct heal_report *rep,
		      enum heal_report_format fmt, FILE *f,
		      struct heal_error *err)
{
	struct out o = { .f = f };

	heal_buf_init(&o.b, (size_t)1 << 30);
	heal_buf_init(&o.tmp, (size_t)1 << 24);
	errno = 0;
	switch (fmt) {
	case HEAL_REPORT_TEXT: write_text(rep, &o); break;
	case HEAL_REPORT_SARIF: write_sarif(rep, &o); break;
	case HEAL_REPORT_GITHUB: write_github(rep, &o); break;
	case HEAL_REPORT_RDJSONL: write_rdjsonl(rep, &o); break;
	case HEAL_REPORT_JUNIT: write_junit(rep, &o); break;
	case HEAL_REPORT_MARKDOWN: write_markdown(rep, &o); break;
	case HEAL_REPORT_CODEQUALITY: write_codequality(rep, &o); break;
	}
	flush(&o, true);
	heal_buf_release(&o.b);
	heal_buf_release(&o.tmp);
	if (o.failed)
		return heal_error_sys(err, o.failed, "cannot write output");
	return 0;
}
