#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "heal_actions.h"
#include "heal_actions_int.h"
#include "heal_alloc.h"
#include "heal_cand.h"
#include "heal_fixit.h"
#include "heal_lang.h"
#include "heal_regex.h"
#include "heal_text.h"

/* Caps on what one action may look at or produce. */
#define ACT_MAX_OCCURRENCES 256
#define ACT_MAX_CANDIDATES 5000
#define ACT_FIND_MAX_DIRS 2000
#define ACT_FIND_MAX_DEPTH 8
#define ACT_HOLDS_MAX_FILES 1000

/* ---- small helpers ---------------------------------------------------- */


static const char *arg_raw(const struct heal_act *a, const char *key)
{
	return heal_json_object_get_str(a->args, key);
}

/* An argument expanded with the variables, or NULL (reason in a->why). */
static char *arg(struct heal_act *a, const char *key, const char *dflt)
{
	struct heal_error e = HEAL_ERROR_INIT;
	const char *t = arg_raw(a, key);
	char *s;

	if (!t)
		t = dflt;
	if (!t)
		return NULL;
	s = heal_tmpl_dup(a->vars, t, false, &e);
	if (!s)
		heal_act_why(a, "%s: %s", key, e.msg);
	return s;
}

static bool arg_bool(const struct heal_act *a, const char *key, bool dflt)
{
	const struct heal_json *v = heal_json_object_get(a->args, key);

	if (!v)
		return dflt;
	return v->type == HEAL_JSON_TRUE;
}

static bool is_word(int c)
{
	return isalnum(c) || c == '_';
}

static bool is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

static size_t indent_len(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* Indentation in columns, a tab advancing to the next multiple of 8. */
static size_t indent_cols(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ')
			c++;
		else if (s[i] == '\t')
			c += 8 - c % 8;
		else
			break;
	}
	return c;
}

static bool file_is_crlf(const struct heal_source_file *f)
{
	const char *nl = memchr(f->data, '\n', f->len);

	return nl && nl > f->data && nl[-1] == '\r';
}

/* Add an edit; "\n" in text becomes "\r\n" in a CRLF file. */
static void emit(struct heal_act *a, const struct heal_source_file *f,
		 size_t start, size_t end, const char *text, size_t len)
{
	struct heal_buf b;
	size_t i;

	if (!file_is_crlf(f) || !memchr(text, '\n', len)) {
		heal_cand_add_edit(a->fix, f->rel, start, end, text, len, f->sha256);
		return;
	}
	heal_buf_init(&b, 2 * len + 1);
	for (i = 0; i < len; i++) {
		if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
			heal_buf_putc(&b, '\r');
		heal_buf_putc(&b, text[i]);
	}
	heal_cand_add_edit(a->fix, f->rel, start, end, b.data ? b.data : "", b.len,
			  f->sha256);
	heal_buf_release(&b);
}

static const struct heal_source_file *get_file(struct heal_act *a,
					       const char *rel)
{
	struct heal_error e = HEAL_ERROR_INIT;
	const struct heal_source_file *f;

	if (!rel || !*rel) {
		heal_act_why(a, "the error names no file");
		return NULL;
	}
	f = heal_sources_get(a->src, rel, &e);
	if (!f)
		heal_act_why(a, "%s", e.msg);
	return f;
}

/* The file an action works on: args.file, else the record's file. */
static const struct heal_source_file *target(struct heal_act *a)
{
	const struct heal_source_file *f;
	char *rel;

	if (!arg_raw(a, "file"))
		return get_file(a, a->file);
	rel = arg(a, "file", NULL);
	if (!rel)
		return NULL;
	f = get_file(a, rel);
	free(rel);
	return f;
}

static bool at_location(const struct heal_act *a,
			const struct heal_source_file *f)
{
	return a->file && strcmp(a->file, f->rel) == 0 && a->line > 0;
}

/* The location line: its start and length. */
static bool loc_line(struct heal_act *a, const struct heal_source_file *f,
		     size_t *start, size_t *len)
{
	if (!at_location(a, f) ||
	    !heal_source_line(f, (size_t)a->line, start, len)) {
		heal_act_why(a, "the error has no line in '%s'", f->rel);
		return false;
	}
	return true;
}

static bool loc_offset(struct heal_act *a, const struct heal_source_file *f,
		       size_t *off)
{
	if (!at_location(a, f) || a->column < 1 ||
	    heal_fixit_offset(f->data, f->len, a->line, a->column,
			      HEAL_UNIT_BYTE, off, NULL) < 0) {
		heal_act_why(a, "the error has no usable column in '%s'", f->rel);
		return false;
	}
	return true;
}

/* Whether needle occurs at data[off] with word boundaries where needed. */
static bool occurs_at(const char *data, size_t len, size_t off,
		      const char *needle, size_t nl, bool word)
{
	if (off + nl > len || memcmp(data + off, needle, nl) != 0)
		return false;
	if (!word)
		return true;
	if (is_word((unsigned char)needle[0]) && off > 0 &&
	    is_word((unsigned char)data[off - 1]))
		return false;
	if (is_word((unsigned char)needle[nl - 1]) && off + nl < len &&
	    is_word((unsigned char)data[off + nl]))
		return false;
	return true;
}

/* Offsets of needle in data[from, to), at most max. */
static size_t find_all(const char *data, size_t from, size_t to,
		       const char *needle, bool word, size_t *out, size_t max)
{
	size_t nl = strlen(needle), n = 0, p = from;

	if (nl == 0)
		return 0;
	while (p + nl <= to && n < max) {
		const char *hit = memmem(data + p, to - p, needle, nl);

		if (!hit)
			break;
		p = (size_t)(hit - data);
		if (p + nl <= to && occurs_at(data, to, p, needle, nl, word))
			out[n++] = p;
		p++;
	}
	return n;
}

/* End of the code on a line: before a trailing comment and blanks. */
static size_t code_end(const char *s, size_t n, const char *comment)
{
	size_t i, cl = comment ? strlen(comment) : 0;
	char q = 0;

	for (i = 0; cl && i < n; i++) {
		if (q) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == q)
				q = 0;
			continue;
		}
		if (s[i] == '"' || s[i] == '\'') {
			q = s[i];
			continue;
		}
		if (n - i >= cl && memcmp(s + i, comment, cl) == 0) {
			if (comment[0] == '#' && i > 0 && s[i - 1] == '$')
				continue;
			n = i;
			break;
		}
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

/* ---- resolvers ---------------------------------------------------------- */

static char *project_path(struct heal_act *a, const char *p);

size_t heal_edit_distance(const char *a, size_t al, const char *b, size_t bl,
			  size_t cap)
{
	size_t *d0, *d1, *d2, i, j, r;

	if (al > bl + cap || bl > al + cap)
		return cap + 1;
	if (al > 256 || bl > 256)
		return cap + 1;
	d0 = heal_calloc(bl + 1, sizeof(size_t));
	d1 = heal_calloc(bl + 1, sizeof(size_t));
	d2 = heal_calloc(bl + 1, sizeof(size_t));
	for (j = 0; j <= bl; j++)
		d1[j] = j;
	for (i = 1; i <= al; i++) {
		size_t *t;

		d2[0] = i;
		for (j = 1; j <= bl; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = d1[j] + 1;

			if (d2[j - 1] + 1 < v)
				v = d2[j - 1] + 1;
			if (d1[j - 1] + cost < v)
				v = d1[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d0[j - 2] + 1 < v)
				v = d0[j - 2] + 1;
			d2[j] = v;
		}
		t = d0;
		d0 = d1;
		d1 = d2;
		d2 = t;
	}
	r = d1[bl];
	free(d0);
	free(d1);
	free(d2);
	return r > cap ? cap + 1 : r;
}

const char *heal_closest(const char *name, const char *const *cands,
			 size_t n, size_t max)
{
	size_t nl = strlen(name), best = (size_t)-1, i, nbest = 0;
	const char *win = NULL;

	if (max == 0)
		max = nl <= 4 ? 1 : nl <= 10 ? 2 : 3;
	for (i = 0; i < n; i++) {
		size_t d;

		if (strcmp(cands[i], name) == 0)
			continue;
		d = heal_edit_distance(name, nl, cands[i], strlen(cands[i]), max);
		if (d > max)
			continue;
		if (d < best) {
			best = d;
			win = cands[i];
			nbest = 1;
		} else if (d == best && strcmp(cands[i], win) != 0) {
			nbest++;
		}
	}
	if (win)
		return nbest == 1 ? win : NULL;
	/* a shortened or lengthened name: "conf" for "config", "web" for "webserver" */
	for (i = 0; i < n; i++) {
		size_t cl = strlen(cands[i]);
		size_t m = cl < nl ? cl : nl;

		if (m < 3 || cl == nl || strncmp(cands[i], name, m) != 0)
			continue;
		if (win && strcmp(win, cands[i]) != 0)
			return NULL;
		win = cands[i];
	}
	return win;
}

struct strset {
	char **v;
	size_t n;
};

static void set_add(struct strset *s, const char *p, size_t len)
{
	size_t i;

	if (s->n >= ACT_MAX_CANDIDATES || len == 0 || len > 255)
		return;
	for (i = 0; i < s->n; i++)
		if (strlen(s->v[i]) == len && memcmp(s->v[i], p, len) == 0)
			return;
	s->v = heal_reallocarray(s->v, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = heal_strndup(p, len);
}

static void set_free(struct strset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static const struct heal_json *table(const struct heal_act *a, const char *name)
{
	return name && a->table ? a->table(a->table_ctx, name) : NULL;
}

/* Whether table name surely lacks key (a look-up that need not parse it). */
static bool table_lacks(const struct heal_act *a, const char *name, const char *key)
{
	return name && key && a->table_lacks && a->table_lacks(a->table_ctx, name, key);
}

static void words_of(struct strset *s, const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t j;

		while (i < n && !(is_word((unsigned char)p[i])))
			i++;
		j = i;
		while (j < n && (is_word((unsigned char)p[j]) || p[j] == '.' ||
				 p[j] == '-'))
			j++;
		while (j > i && (p[j - 1] == '.' || p[j - 1] == '-'))
			j--;
		if (j > i && !isdigit((unsigned char)p[i]))
			set_add(s, p + i, j - i);
		i = j + 1;
	}
}

static void identifiers_of(struct strset *s, const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t j;

		if (!is_word((unsigned char)p[i]) ||
		    (i > 0 && is_word((unsigned char)p[i - 1]))) {
			i++;
			continue;
		}
		j = i;
		while (j < n && is_word((unsigned char)p[j]))
			j++;
		if (!isdigit((unsigned char)p[i]))
			set_add(s, p + i, j - i);
		i = j;
	}
}

static char *dir_of(const char *rel)
{
	const char *sl = rel ? strrchr(rel, '/') : NULL;

	return sl ? heal_strndup(rel, (size_t)(sl - rel)) : heal_strdup("");
}

static char *join(const char *dir, const char *name)
{
	struct heal_buf b;

	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	if (dir && *dir && strcmp(dir, ".") != 0)
		heal_buf_putf(&b, "%s/", dir);
	heal_buf_puts(&b, name);
	return heal_buf_detach(&b, NULL);
}

static void source_regex(struct heal_act *a, struct strset *s,
			 const struct heal_json *src)
{
	const struct heal_source_file *f;
	struct heal_error e = HEAL_ERROR_INIT;
	struct heal_regex re;
	char *pat = heal_tmpl_dup(a->vars, heal_json_object_get_str(src, "regex"),
				  true, &e);
	char *rel = NULL;
	size_t pos = 0;

	if (!pat)
		return;
	if (heal_json_object_get_str(src, "file")) {
		char *p = heal_tmpl_dup(a->vars, heal_json_object_get_str(src, "file"),
					false, &e);

		rel = project_path(a, p);
		free(p);
		if (!rel) {
			free(pat);
			return;
		}
	}
	f = get_file(a, rel ? rel : a->file);
	free(rel);
	if (!f || heal_regex_compile(&re, pat, 0, &e) < 0) {
		free(pat);
		return;
	}
	free(pat);
	while (pos <= f->len && heal_regex_match(&re, f->data, f->len, pos) == 1) {
		const char *g, *g0;
		size_t gl, g0l;
		uint32_t i;

		heal_regex_group(&re, 0, &g0, &g0l);
		for (i = 1; i <= re.ngroups; i++)
			if (heal_regex_group(&re, i, &g, &gl) && gl > 0) {
				set_add(s, g, gl);
				break;
			}
		pos = (size_t)(g0 - f->data) + (g0l ? g0l : 1);
		if (s->n >= ACT_MAX_CANDIDATES)
			break;
	}
	heal_regex_release(&re);
}

static void source_entries(struct heal_act *a, struct strset *s,
			   const struct heal_json *src)
{
	const char *type = heal_json_object_get_str(src, "type");
	const char *sraw = heal_json_object_get_str(src, "suffix");
	bool strip = heal_json_object_get_bool(src, "strip");
	char *dir = heal_tmpl_dup(a->vars, heal_json_object_get_str(src, "entries"),
				  false, NULL);
	/* a template too: the suffix of the name the error gave (.${ext}) */
	char *suffix = sraw ? heal_tmpl_dup(a->vars, sraw, false, NULL) : NULL;
	int want = !type || strcmp(type, "any") == 0 ? -1 :
		   strcmp(type, "dir") == 0 ? 1 : 0;
	char **names;
	ssize_t n, i;

	if (!dir || (sraw && !suffix)) {
		free(dir);
		free(suffix);
		return;
	}
	n = heal_source_list(a->src, dir, want, &names, NULL);
	free(dir);
	for (i = 0; i < n; i++) {
		size_t l = strlen(names[i]), sl = suffix ? strlen(suffix) : 0;

		if (names[i][0] == '.')
			continue;
		if (suffix && (l <= sl || strcmp(names[i] + l - sl, suffix) != 0))
			continue;
		set_add(s, names[i], strip ? l - sl : l);
	}
	if (n > 0)
		heal_source_list_free(names, (size_t)n);
	free(suffix);
}

static void collect(struct heal_act *a, struct strset *s,
		    const struct heal_json *src)
{
	const struct heal_json *t;
	size_t i;

	if (heal_json_object_get(src, "table")) {
		t = table(a, heal_json_object_get_str(src, "table"));
		if (t && t->type == HEAL_JSON_OBJECT)
			for (i = 0; i < t->u.obj.n; i++)
				set_add(s, t->u.obj.m[i].key, t->u.obj.m[i].keylen);
		if (t && t->type == HEAL_JSON_ARRAY)
			for (i = 0; i < t->u.arr.n; i++)
				if (t->u.arr.v[i]->type == HEAL_JSON_STRING)
					set_add(s, t->u.arr.v[i]->u.str.s,
						t->u.arr.v[i]->u.str.len);
	} else if (heal_json_object_get(src, "identifiers")) {
		const struct heal_source_file *f = get_file(a, a->file);

		if (f)
			identifiers_of(s, f->data, f->len);
	} else if (heal_json_object_get(src, "regex")) {
		source_regex(a, s, src);
	} else if (heal_json_object_get(src, "entries")) {
		source_entries(a, s, src);
	} else if (heal_json_object_get(src, "words")) {
		char *w = heal_tmpl_dup(a->vars,
					heal_json_object_get_str(src, "words"),
					false, NULL);

		if (w)
			words_of(s, w, strlen(w));
		free(w);
	}
}

/* Whether the array table t lists name. */
static bool table_lists(const struct heal_json *t, const char *name)
{
	size_t i;

	for (i = 0; t && t->type == HEAL_JSON_ARRAY && i < t->u.arr.n; i++)
		if (t->u.arr.v[i]->type == HEAL_JSON_STRING &&
		    strcmp(t->u.arr.v[i]->u.str.s, name) == 0)
			return true;
	return false;
}

/*
 * "sole": a name a tool suggested for name is taken only when no other
 * candidate (other than name itself, and not listed in the "skip" table)
 * is as close: gcc names one of x1 and x2 for x3, and either compiles.
 */
static int sole_closest(struct heal_act *a, const struct heal_json *spec,
			const char *name, const struct strset *s, const char *as)
{
	char *sole = heal_tmpl_dup(a->vars, heal_json_object_get_str(spec, "sole"),
				   false, NULL);
	const struct heal_json *skip = table(a, heal_json_object_get_str(spec, "skip"));
	size_t nl = strlen(name), d, i;

	if (!sole || !*sole) {
		free(sole);
		return 0;
	}
	d = heal_edit_distance(name, nl, sole, strlen(sole), nl + strlen(sole));
	/* std::cout for cout (self.n for n) qualifies the name; it is no
	 * other spelling.  A name of one or two bytes is one edit from every
	 * other short name: there the count says nothing */
	if (nl < 3)
		d = 0;
	else if (strlen(sole) > nl && strcmp(sole + strlen(sole) - nl, name) == 0 &&
	    strchr(":.", sole[strlen(sole) - nl - 1]))
		d = 0;
	for (i = 0; d > 0 && i < s->n; i++) {
		const char *c = s->v[i];

		if (strcmp(c, name) == 0 || strcmp(c, sole) == 0 || table_lists(skip, c))
			continue;
		if (heal_edit_distance(name, nl, c, strlen(c), d) <= d) {
			heal_act_why(a, "'%s' is as close to '%s' as '%s' is", c, name, sole);
			free(sole);
			return 0;
		}
	}
	heal_vars_set(a->vars, as, sole);
	free(sole);
	return 1;
}

static int resolve_closest(struct heal_act *a, const struct heal_json *spec,
			   const char *as)
{
	const struct heal_json *from = heal_json_object_get(spec, "from");
	struct heal_error e = HEAL_ERROR_INIT;
	const struct heal_json *unless;
	struct strset s = { 0 };
	int64_t max = 0;
	const char *win;
	char *name;
	size_t i;

	name = heal_tmpl_dup(a->vars, heal_json_object_get_str(spec, "name"),
			     false, &e);
	if (!name) {
		heal_act_why(a, "closest: %s", e.msg);
		return 0;
	}
	heal_json_object_get_int(spec, "max", 0, 10, &max);
	unless = table(a, heal_json_object_get_str(spec, "unless"));
	if (unless && unless->type == HEAL_JSON_OBJECT &&
	    heal_json_object_get(unless, name)) {
		/* a name the table knows is no typo of another one */
		heal_act_why(a, "'%s' is in table '%s'", name,
			     heal_json_object_get_str(spec, "unless"));
		free(name);
		return 0;
	}
	for (i = 0; from && i < from->u.arr.n; i++)
		collect(a, &s, from->u.arr.v[i]);
	if (heal_json_object_get_str(spec, "sole")) {
		int r = sole_closest(a, spec, name, &s, as);

		free(name);
		set_free(&s);
		return r;
	}
	win = heal_closest(name, (const char *const *)s.v, s.n, (size_t)max);
	if (win && max > 0 && heal_json_object_get_bool(spec, "exact") &&
	    heal_edit_distance(name, strlen(name), win, strlen(win),
			       (size_t)max) > (size_t)max)
		win = NULL; /* only a prefix of it: no shortened names */
	if (!win) {
		heal_act_why(a, "no single close match for '%s' among %zu names", name, s.n);
		free(name);
		set_free(&s);
		return 0;
	}
	heal_vars_set(a->vars, as, win);
	free(name);
	set_free(&s);
	return 1;
}

static int resolve_lookup(struct heal_act *a, const struct heal_json *spec,
			  const char *as)
{
	const char *tname = heal_json_object_get_str(spec, "table");
	char *key = heal_tmpl_dup(a->vars, heal_json_object_get_str(spec, "key"),
				  false, NULL);
	const struct heal_json *t = table_lacks(a, tname, key) ? NULL : table(a, tname), *v;

	if (!key || !t || t->type != HEAL_JSON_OBJECT ||
	    !(v = heal_json_object_get(t, key))) {
		heal_act_why(a, "'%s' is not in table '%s'", key ? key : "?", tname);
		free(key);
		return 0;
	}
	if (v->type == HEAL_JSON_ARRAY && v->u.arr.n > 0)
		v = v->u.arr.v[0];
	if (v->type != HEAL_JSON_STRING || !heal_json_string_is_cstr(v)) {
		free(key);
		return 0;
	}
	heal_vars_set(a->vars, as, v->u.str.s);
	free(key);
	return 1;
}

/* Replace each missing component of path (relative to base) by the closest. */
static int resolve_path(struct heal_act *a, const struct heal_json *spec,
			const char *as)
{
	char *path = heal_tmpl_dup(a->vars, heal_json_object_get_str(spec, "path"),
				   false, NULL);
	char *base = heal_json_object_get_str(spec, "base") ?
		     heal_tmpl_dup(a->vars, heal_json_object_get_str(spec, "base"),
				   false, NULL) : heal_strdup("");
	struct heal_buf out;
	char *cur = NULL;
	const char *p;
	bool changed = false, ok = true;

	if (!path || !base || !*path || path[0] == '/' || strstr(path, "..")) {
		free(path);
		free(base);
		heal_act_why(a, "path: not a relative path");
		return 0;
	}
	heal_buf_init(&out, HEAL_BUF_UNBOUNDED);
	cur = heal_strdup(base);
	for (p = path; *p && ok;) {
		const char *sl = strchr(p, '/');
		size_t cl = sl ? (size_t)(sl - p) : strlen(p);
		char *comp = heal_strndup(p, cl), *next = join(cur, comp);

		if (cl == 0 || strcmp(comp, ".") == 0) {
			/* keep as written */
		} else if (!heal_source_exists(a->src, next, NULL, NULL)) {
			char **names;
			ssize_t n = heal_source_list(a->src, cur, sl ? 1 : -1,
						     &names, NULL);
			const char *w = n > 0 ? heal_closest(comp,
					(const char *const *)names, (size_t)n, 0) : NULL;

			if (w) {
				free(comp);
				comp = heal_strdup(w);
				free(next);
				next = join(cur, comp);
				changed = true;
			} else {
				ok = false;
			}
			if (n > 0)
				heal_source_list_free(names, (size_t)n);
		}
		heal_buf_puts(&out, comp);
		if (sl)
			heal_buf_putc(&out, '/');
		free(cur);
		cur = next;
		free(comp);
		p = sl ? sl + 1 : p + cl;
	}
	if (ok && changed && heal_source_exists(a->src, cur, NULL, NULL))
		heal_vars_set(a->vars, as, heal_buf_str(&out));
	else
		heal_act_why(a, "no existing path close to '%s'", path);
	ok = ok && changed && heal_vars_get(a->vars, as);
	free(cur);
	free(path);
	free(base);
	heal_buf_release(&out);
	return ok ? 1 : 0;
}

struct find {
	const char *basename;
	char *found;
	size_t n;
};

static bool find_one(void *ctx, const char *path, const char *name)
{
	struct find *f = ctx;

	if (strcmp(name, f->basename) == 0) {
		f->n++;
		free(f->found);
		f->found = heal_strdup(path);
	}
	return false;
}

/* The one file named basename beneath the root, relative to from. */
static int resolve_find(struct heal_act *a, const struct heal_json *spec,
			const char *as)
{
	char *bn = heal_tmpl_dup(a->vars, heal_json_object_get_str(spec, "basename"),
				 false, NULL);
	char *from = heal_json_object_get_str(spec, "from") ?
		     heal_tmpl_dup(a->vars, heal_json_object_get_str(spec, "from"),
				   false, NULL) : dir_of(a->file);
	struct find f = { bn, NULL, 0 };
	int r = 0;

	if (!bn || !from || strchr(bn, '/')) {
		free(bn);
		free(from);
		return 0;
	}
	heal_source_walk(a->src, ACT_FIND_MAX_DIRS, ACT_FIND_MAX_DEPTH, find_one, &f);
	if (f.n == 1) {
		size_t fl = strlen(from);

		if (fl == 0 || strcmp(from, ".") == 0)
			r = 1, heal_vars_set(a->vars, as, f.found);
		else if (strncmp(f.found, from, fl) == 0 && f.found[fl] == '/')
			r = 1, heal_vars_set(a->vars, as, f.found + fl + 1);
	}
	if (!r)
		heal_act_why(a, "found %zu files named '%s' below '%s'", f.n, bn,
		    *from ? from : ".");
	free(f.found);
	free(bn);
	free(from);
	return r;
}

/* Whether c may be part of a token (a word, a number). */
static bool token_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z') || c == '_' || c == '.' || c >= 0x80;
}

struct holds {
	struct heal_act *a;
	const char *text;
	const struct heal_json *skip;     /* suffixes of files not searched */
	const struct heal_json *only;     /* else: the suffixes searched */
	char *found;
	size_t files, hits, seen;
};

/* Whether name ends in one of the strings of the array list. */
static bool ends_in_one(const struct heal_json *list, const char *name)
{
	size_t i, nl = strlen(name);

	for (i = 0; list && i < list->u.arr.n; i++) {
		const struct heal_json *x = list->u.arr.v[i];

		if (x->type == HEAL_JSON_STRING && x->u.str.len <= nl &&
		    memcmp(name + nl - x->u.str.len, x->u.str.s, x->u.str.len) == 0)
			return true;
	}
	return false;
}

static bool holds_one(void *ctx, const char *path, const char *name)
{
	struct holds *h = ctx;
	const struct heal_source_file *f;
	size_t tl = strlen(h->text), n = 0;
	const char *p;

	if (ends_in_one(h->skip, name) || (h->only && !ends_in_one(h->only, name)))
		return false;
	if (++h->seen > ACT_HOLDS_MAX_FILES)
		return true;
	f = heal_sources_get(h->a->src, path, NULL);
	if (!f || memchr(f->data, '\0', f->len))
		return false;
	for (p = f->data; (p = memmem(p, f->len - (size_t)(p - f->data), h->text, tl)); p += tl)
		if ((p == f->data || !token_byte((unsigned char)p[-1])) &&
		    !token_byte((unsigned char)p[tl]))
			n++;
	if (n) {
		h->files++;
		h->hits += n;
		free(h->found);
		h->found = heal_strdup(path);
	}
	return h->files > 1;
}

/*
 * The one file beneath the root that holds text once, as a whole token,
 * among the files whose names do not end in one of "except" (and end in
 * one of "only", when given); with "once" false, as often as it likes
 * (a type the header uses again).  With "from", the file must lie beneath that
 * directory and the variable is its path from there (an #include "x.h"
 * spelled from the including file's directory).  With "none" true the
 * other way round: no such file holds it (a type of the project that a
 * std name would shadow), and the variable is empty.
 */
static int resolve_holds(struct heal_act *a, const struct heal_json *spec,
			 const char *as)
{
	const struct heal_json *skip = heal_json_object_get(spec, "except");
	const struct heal_json *only = heal_json_object_get(spec, "only");
	char *text = heal_tmpl_dup(a->vars, heal_json_object_get_str(spec, "text"),
				   false, NULL);
	char *from = heal_json_object_get_str(spec, "from") ?
		     heal_tmpl_dup(a->vars, heal_json_object_get_str(spec, "from"),
				   false, NULL) : NULL;
	struct holds h = { a, text, NULL, NULL, NULL, 0, 0, 0 };
	const struct heal_json *o1 = heal_json_object_get(spec, "once");
	const struct heal_json *no = heal_json_object_get(spec, "none");
	bool once = !o1 || o1->type != HEAL_JSON_FALSE;
	bool none = no && no->type == HEAL_JSON_TRUE;
	int r = 0;

	if (!text || !*text || (heal_json_object_get_str(spec, "from") && !from)) {
		free(text);
		free(from);
		return 0;
	}
	h.skip = skip && skip->type == HEAL_JSON_ARRAY ? skip : NULL;
	h.only = only && only->type == HEAL_JSON_ARRAY ? only : NULL;
	heal_source_walk(a->src, ACT_FIND_MAX_DIRS, ACT_FIND_MAX_DEPTH, holds_one, &h);
	if (none) {
		/* a walk cut short may have missed the file that holds it */
		if (h.files == 0 && h.seen <= ACT_HOLDS_MAX_FILES)
			r = 1, heal_vars_set(a->vars, as, "");
		else
			heal_act_why(a, "'%s' is in %s", text,
				     h.found ? h.found : "a file not searched");
	} else if (h.files == 1 && (h.hits == 1 || !once) && h.seen <= ACT_HOLDS_MAX_FILES) {
		size_t fl = from ? strlen(from) : 0;

		if (!from || fl == 0 || strcmp(from, ".") == 0)
			r = 1, heal_vars_set(a->vars, as, h.found);
		else if (strncmp(h.found, from, fl) == 0 && h.found[fl] == '/')
			r = 1, heal_vars_set(a->vars, as, h.found + fl + 1);
		else
			heal_act_why(a, "'%s' holds '%s', but it is not below '%s'",
				     h.found, text, from);
	} else {
		heal_act_why(a, "'%s' is in %zu file%s (%zu time%s), not once in one",
			     text, h.files, h.files == 1 ? "" : "s", h.hits,
			     h.hits == 1 ? "" : "s");
	}
	free(h.found);
	free(text);
	free(from);
	return r;
}

/* text with each byte of "from" replaced by the one at its place in "to". */
static int resolve_translate(struct heal_act *a, const struct heal_json *spec,
			     const char *as)
{
	const char *from = heal_json_object_get_str(spec, "from");
	const char *to = heal_json_object_get_str(spec, "to");
	char *text = heal_tmpl_dup(a->vars, heal_json_object_get_str(spec, "text"),
				   false, NULL);
	char *p;
	int r = 0;

	if (text && from && to && strlen(from) == strlen(to)) {
		for (p = text; *p; p++) {
			const char *k = strchr(from, *p);

			if (k)
				*p = to[k - from];
		}
		heal_vars_set(a->vars, as, text);
		r = 1;
	}
	free(text);
	return r;
}

int heal_actions_resolve(struct heal_act *a, const char *kind,
			 const struct heal_json *spec, struct heal_error *err)
{
	const char *as = heal_json_object_get_str(spec, "as");

	if (!as)
		return heal_error_set(err, HEAL_ERR_INTERNAL, "resolver without 'as'");
	if (strcmp(kind, "lookup") == 0)
		return resolve_lookup(a, spec, as);
	if (strcmp(kind, "closest") == 0)
		return resolve_closest(a, spec, as);
	if (strcmp(kind, "path") == 0)
		return resolve_path(a, spec, as);
	if (strcmp(kind, "find") == 0)
		return resolve_find(a, spec, as);
	if (strcmp(kind, "holds") == 0)
		return resolve_holds(a, spec, as);
	if (strcmp(kind, "translate") == 0)
		return resolve_translate(a, spec, as);
	return heal_error_set(err, HEAL_ERR_INTERNAL, "unknown resolver '%s'", kind);
}

/* ---- actions: text edits ----------------------------------------------- */

static int act_none(struct heal_act *a, struct heal_error *err)
{
	heal_act_why(a, "the rule only classifies");
	return 0;
}

static int act_replace(struct heal_act *a, struct heal_error *err)
{
	char *old = arg(a, "old", NULL), *new = arg(a, "new", NULL);
	const char *scope = arg_raw(a, "scope");
	bool word = arg_bool(a, "word", true);
	const struct heal_source_file *f = NULL;
	size_t offs[ACT_MAX_OCCURRENCES], n = 0, i, ls, ll, off;
	int r = 0;

	if (!scope)
		scope = "location";
	if (!old || !new || !*old || strcmp(old, new) == 0 || !(f = target(a)))
		goto out;
	if (strcmp(scope, "location") == 0 && at_location(a, f) &&
	    a->column > 0 && loc_offset(a, f, &off) &&
	    occurs_at(f->data, f->len, off, old, strlen(old), word)) {
		offs[n++] = off;
	} else if ((strcmp(scope, "location") == 0 || strcmp(scope, "line") == 0) &&
		   at_location(a, f)) {
		if (heal_source_line(f, (size_t)a->line, &ls, &ll))
			n = find_all(f->data, ls, ls + ll, old, word, offs,
				     ACT_MAX_OCCURRENCES);
	} else if (strcmp(scope, "after") == 0 ||
		   (strcmp(scope, "file") != 0 && !at_location(a, f))) {
		ls = 0;
		if (at_location(a, f))
			heal_source_line(f, (size_t)a->line, &ls, &ll);
		n = find_all(f->data, ls, f->len, old, word, offs, 1);
	} else if (strcmp(scope, "file") == 0) {
		n = find_all(f->data, 0, f->len, old, word, offs,
			     ACT_MAX_OCCURRENCES);
	}
	if (n == 0) {
		heal_act_why(a, "'%s' not found (%s) in '%s'", old, scope, f->rel);
		goto out;
	}
	for (i = 0; i < n; i++)
		emit(a, f, offs[i], offs[i] + strlen(old), new, strlen(new));
	heal_vars_set(a->vars, "old", old);
	heal_vars_set(a->vars, "new", new);
	r = 1;
out:
	free(old);
	free(new);
	return r;
}

/* The end of the previous token before off, skipping blanks and comments. */
static size_t prev_token_end(const struct heal_source_file *f, size_t off)
{
	size_t p = off, line = heal_source_line_of(f, off);

	for (;;) {
		size_t ls, ll, ce;

		heal_source_line(f, line, &ls, &ll);
		if (p > ls + ll)
			p = ls + ll;
		/* a line comment ("//" in C) ends the code on its line */
		ce = ls + code_end(f->data + ls, ll,
				   heal_lang_line_comment(f->rel, "//"));
		if (p > ce)
			p = ce;
		while (p > ls && (f->data[p - 1] == ' ' || f->data[p - 1] == '\t'))
			p--;
		if (p >= ls + 2 && f->data[p - 1] == '/' && f->data[p - 2] == '*') {
			const char *open = NULL;
			size_t k;

			for (k = p - 2; k >= 1; k--)
				if (f->data[k - 1] == '/' && f->data[k] == '*') {
					open = f->data + k - 1;
					break;
				}
			if (open) {
				p = (size_t)(open - f->data);
				line = heal_source_line_of(f, p);
				continue;
			}
		}
		if (p > ls || line == 1)
			return p;
		line--;
		heal_source_line(f, line, &ls, &ll);
		p = ls + ll;
	}
}

/*
 * When the token before a missing ';' is an #include "x.h" line, the
 * declaration left open is the last one of x.h (a struct closed by "}"
 * at its end): the end of the header's last token outside preprocessor
 * lines, in *hf.  x.h is looked up next to f only.
 */
static bool include_last_token(struct heal_act *a,
			       const struct heal_source_file *f, size_t off,
			       const struct heal_source_file **hf, size_t *pos)
{
	struct heal_error e = HEAL_ERROR_INIT;
	size_t line = heal_source_line_of(f, off), ls, ll, i, q;
	const struct heal_source_file *h;
	char *name, *dir, *rel;

	if (!heal_source_line(f, line, &ls, &ll))
		return false;
	i = indent_len(f->data + ls, ll);
	if (i >= ll || f->data[ls + i] != '#')
		return false;
	for (i++; i < ll && (f->data[ls + i] == ' ' || f->data[ls + i] == '\t'); i++)
		;
	if (ll - i < 7 || memcmp(f->data + ls + i, "include", 7) != 0)
		return false;
	for (i += 7; i < ll && (f->data[ls + i] == ' ' || f->data[ls + i] == '\t'); i++)
		;
	if (i >= ll || f->data[ls + i] != '"')
		return false;
	for (q = ++i; q < ll && f->data[ls + q] != '"'; q++)
		;
	if (q >= ll || q == i)
		return false;
	name = heal_strndup(f->data + ls + i, q - i);
	dir = dir_of(f->rel);
	rel = join(dir, name);
	h = heal_sources_get(a->src, rel, &e);
	free(name);
	free(dir);
	free(rel);
	if (!h || h->len == 0)
		return false;
	for (off = h->len;;) {
		off = prev_token_end(h, off);
		line = heal_source_line_of(h, off);
		if (off == 0 || !heal_source_line(h, line, &ls, &ll))
			return false;
		i = indent_len(h->data + ls, ll);
		if (i >= ll || h->data[ls + i] != '#')
			break;
		if (line == 1)
			return false;
		off = ls;
	}
	*hf = h;
	*pos = off;
	return true;
}

/* Where to put a new #include: after the last one at the top. */
static size_t include_pos(const struct heal_source_file *f, bool *at_top)
{
	size_t line, ls, ll, pos = 0, depth = 0, guard_end = 0;
	bool in_comment = false, any = false;
	int guard = 0;

	for (line = 1; heal_source_line(f, line, &ls, &ll); line++) {
		const char *s = f->data + ls;
		size_t i = indent_len(s, ll);
		size_t next = ls + ll + heal_source_eol_len(f, line);

		if (in_comment) {
			if (memmem(s, ll, "*/", 2))
				in_comment = false;
			continue;
		}
		if (i == ll)
			continue;
		if (ll - i >= 2 && s[i] == '/' && s[i + 1] == '/')
			continue;
		if (ll - i >= 2 && s[i] == '/' && s[i + 1] == '*') {
			if (!memmem(s + i, ll - i, "*/", 2))
				in_comment = true;
			continue;
		}
		if (s[i] != '#')
			break;
		i++;
		while (i < ll && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (heal_text_starts_with(s + i, ll - i, "include")) {
			if (depth == 0 || (guard && depth == 1)) {
				pos = next;
				any = true;
			}
		} else if (heal_text_starts_with(s + i, ll - i, "if")) {
			if (guard == 0 && depth == 0 &&
			    heal_text_starts_with(s + i, ll - i, "ifndef"))
				guard = 1;
			depth++;
		} else if (heal_text_starts_with(s + i, ll - i, "endif")) {
			if (depth > 0)
				depth--;
		} else if (heal_text_starts_with(s + i, ll - i, "define") &&
			   guard == 1 && depth == 1 && guard_end == 0) {
			guard_end = next;
		} else if (guard == 1 && depth == 1 && guard_end == 0) {
			guard = 0;
		}
		if (guard == 1 && guard_end == 0 &&
		    !heal_text_starts_with(s + i, ll - i, "ifndef") &&
		    !heal_text_starts_with(s + i, ll - i, "define"))
			guard = 0;
	}
	if (!any && guard == 1 && guard_end)
		pos = guard_end;
	*at_top = !any && pos == 0;
	return pos;
}

/* Where to put a new import: after the top-level imports at the top. */
static size_t import_pos(const struct heal_source_file *f, bool *none)
{
	size_t line, ls, ll, pos = 0;
	bool doc = false, seen_code = false;

	*none = true;
	for (line = 1; heal_source_line(f, line, &ls, &ll); line++) {
		const char *s = f->data + ls;
		size_t next = ls + ll + heal_source_eol_len(f, line);

		if (doc) {
			if (memmem(s, ll, "\"\"\"", 3) || memmem(s, ll, "'''", 3)) {
				doc = false;
				if (*none)
					pos = next;
			}
			continue;
		}
		if (is_blank(s, ll))
			continue;
		if (s[0] == '#') {
			if (line <= 2 && *none && pos == ls)
				pos = next;
			continue;
		}
		if (!seen_code && (heal_text_starts_with(s, ll, "\"\"\"") ||
				   heal_text_starts_with(s, ll, "'''"))) {
			seen_code = true;
			if (ll < 6 || !(memmem(s + 3, ll - 3, "\"\"\"", 3) ||
					memmem(s + 3, ll - 3, "'''", 3)))
				doc = true;
			else
				pos = next;
			continue;
		}
		seen_code = true;
		if ((heal_text_starts_with(s, ll, "import ") ||
		     heal_text_starts_with(s, ll, "from ")) && !memchr(s, '(', ll)) {
			pos = next;
			*none = false;
			continue;
		}
		break;
	}
	return pos;
}

/* The start of the first body line of the block enclosing line n. */
static bool block_start(const struct heal_source_file *f, size_t n,
			size_t *pos, struct heal_buf *indent)
{
	size_t ls, ll, li, cols, k;

	if (!heal_source_line(f, n, &ls, &ll))
		return false;
	cols = indent_cols(f->data + ls, ll);
	for (k = n - 1; k >= 1; k--) {
		size_t s2, l2, e;

		heal_source_line(f, k, &s2, &l2);
		if (is_blank(f->data + s2, l2) || indent_cols(f->data + s2, l2) >= cols)
			continue;
		e = code_end(f->data + s2, l2,
			     heal_lang_line_comment(f->rel, "#"));
		if (e == 0 || f->data[s2 + e - 1] != ':')
			return false;
		/* the first non-blank line after the header */
		for (k = k + 1; heal_source_line(f, k, &s2, &l2); k++)
			if (!is_blank(f->data + s2, l2))
				break;
		li = indent_len(f->data + s2, l2);
		heal_buf_put(indent, f->data + s2, li);
		*pos = s2;
		return true;
	}
	return false;
}

/*
 * Set "step" to the file's indentation unit at line: what line's indentation
 * adds to the nearest line above it that is less indented (a tab, four
 * spaces...); four spaces when no line above says.
 */
static void indent_step(struct heal_act *a, const struct heal_source_file *f,
			size_t line)
{
	size_t ls, ll, s2, l2, in, i2, k;
	char step[64] = "    ";

	if (!heal_source_line(f, line, &ls, &ll))
		return;
	in = indent_len(f->data + ls, ll);
	for (k = line - 1; in > 0 && k >= 1; k--) {
		if (!heal_source_line(f, k, &s2, &l2) || is_blank(f->data + s2, l2))
			continue;
		i2 = indent_len(f->data + s2, l2);
		if (i2 < in) {
			if (memcmp(f->data + s2, f->data + ls, i2) == 0 && in - i2 < sizeof step) {
				memcpy(step, f->data + ls + i2, in - i2);
				step[in - i2] = '\0';
			}
			break;
		}
	}
	heal_vars_set(a->vars, "step", step);
}

static int act_insert(struct heal_act *a, struct heal_error *err)
{
	const char *at = arg_raw(a, "at");
	const struct heal_source_file *f = target(a);
	struct heal_buf ind;
	size_t pos = 0, ls = 0, ll = 0;
	char *text = NULL;
	bool flag = false;
	int r = 0;

	if (!at)
		at = "location";
	if (!f)
		return 0;
	heal_buf_init(&ind, HEAL_BUF_UNBOUNDED);
	if (at_location(a, f) && heal_source_line(f, (size_t)a->line, &ls, &ll))
		heal_buf_put(&ind, f->data + ls, indent_len(f->data + ls, ll));
	if (strcmp(at, "location") == 0) {
		if (!loc_offset(a, f, &pos))
			goto out;
	} else if (strcmp(at, "line-start") == 0) {
		if (!loc_line(a, f, &ls, &ll))
			goto out;
		pos = ls;
	} else if (strcmp(at, "line-end") == 0) {
		if (!loc_line(a, f, &ls, &ll))
			goto out;
		pos = ls + code_end(f->data + ls, ll, arg_raw(a, "comment") ?
				    arg_raw(a, "comment") :
				    heal_lang_line_comment(f->rel, NULL));
	} else if (strcmp(at, "after-previous-token") == 0) {
		if (!loc_line(a, f, &ls, &ll))
			goto out;
		if (a->column < 1 || !loc_offset(a, f, &pos))
			pos = ls + indent_len(f->data + ls, ll);
		pos = prev_token_end(f, pos);
		if (pos == 0) {
			heal_act_why(a, "no token before the location");
			goto out;
		}
		if (include_last_token(a, f, pos, &f, &pos))
			heal_buf_reset(&ind);
	} else if (strcmp(at, "file-start") == 0) {
		pos = 0;
	} else if (strcmp(at, "after-includes") == 0) {
		pos = include_pos(f, &flag);
	} else if (strcmp(at, "after-imports") == 0) {
		pos = import_pos(f, &flag);
	} else if (strcmp(at, "block-start") == 0) {
		heal_buf_reset(&ind);
		if (!at_location(a, f) ||
		    !block_start(f, (size_t)a->line, &pos, &ind)) {
			heal_act_why(a, "no enclosing block found");
			goto out;
		}
	} else {
		heal_act_why(a, "unknown insert position '%s'", at);
		goto out;
	}
	heal_vars_set(a->vars, "indent", heal_buf_str(&ind));
	if (at_location(a, f))
		indent_step(a, f, (size_t)a->line);
	text = arg(a, "text", NULL);
	if (!text)
		goto out;
	emit(a, f, pos, pos, text, strlen(text));
	r = 1;
out:
	heal_buf_release(&ind);
	free(text);
	return r;
}

static int act_delete_line(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = target(a);
	size_t ls, ll;

	if (!f || !loc_line(a, f, &ls, &ll))
		return 0;
	emit(a, f, ls, ls + ll + heal_source_eol_len(f, (size_t)a->line), "", 0);
	return 1;
}

/* Lines (first, n) that move with line first when it is re-indented. */
static size_t block_lines(const struct heal_source_file *f, size_t first,
			  size_t cols)
{
	size_t k, n = 1, ls, ll;

	for (k = first + 1; heal_source_line(f, k, &ls, &ll); k++) {
		if (is_blank(f->data + ls, ll))
			continue;
		if (indent_cols(f->data + ls, ll) < cols)
			break;
		n = k - first + 1;
	}
	return n;
}

static void shift_line(struct heal_act *a, const struct heal_source_file *f,
		       size_t line, long delta, const char *unit)
{
	size_t ls, ll, il, cols, want, i;
	struct heal_buf b;

	heal_source_line(f, line, &ls, &ll);
	if (is_blank(f->data + ls, ll))
		return;
	il = indent_len(f->data + ls, ll);
	cols = indent_cols(f->data + ls, ll);
	want = (long)cols + delta < 0 ? 0 : (size_t)((long)cols + delta);
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	if (unit && unit[0] == '\t') {
		for (i = 0; i < want / 8; i++)
			heal_buf_putc(&b, '\t');
		want %= 8;
	}
	for (i = 0; i < want; i++)
		heal_buf_putc(&b, ' ');
	if (b.len != il || memcmp(b.data ? b.data : "", f->data + ls, il) != 0)
		emit(a, f, ls, ls + il, b.data ? b.data : "", b.len);
	heal_buf_release(&b);
}

static int act_reindent(struct heal_act *a, struct heal_error *err)
{
	const char *to = arg_raw(a, "to");
	const struct heal_source_file *f = target(a);
	size_t ls, ll, cols, k, prev = 0, want = (size_t)-1, n, i;
	bool prev_opens = false;
	char unit[2] = " ";

	if (!to)
		to = "previous";
	if (!f || !loc_line(a, f, &ls, &ll))
		return 0;
	cols = indent_cols(f->data + ls, ll);
	if (ll > 0 && f->data[ls] == '\t')
		unit[0] = '\t';
	for (k = (size_t)a->line - 1; k >= 1; k--) {
		size_t s2, l2, e;

		heal_source_line(f, k, &s2, &l2);
		if (is_blank(f->data + s2, l2) || f->data[s2 + indent_len(f->data + s2, l2)] == '#')
			continue;
		if (!prev) {
			prev = k;
			e = code_end(f->data + s2, l2,
			     heal_lang_line_comment(f->rel, "#"));
			prev_opens = e > 0 && f->data[s2 + e - 1] == ':';
			if (strcmp(to, "previous") == 0) {
				want = indent_cols(f->data + s2, l2);
				/* the first line of a block goes one level deeper */
				if (prev_opens)
					want += 4;
				break;
			}
		}
		if (strcmp(to, "outer") == 0) {
			/* the enclosing levels: indents that open a block, and 0 */
			size_t c2 = indent_cols(f->data + s2, l2);
			size_t d = c2 > cols ? c2 - cols : cols - c2;
			size_t dw = want == (size_t)-1 ? (size_t)-1 :
				    want > cols ? want - cols : cols - want;

			if (c2 != cols && (d < dw || (d == dw && c2 < want)))
				want = c2;
		}
	}
	if (strcmp(to, "outer") == 0 && want == (size_t)-1)
		want = 0;
	if (want == (size_t)-1 || want == cols) {
		heal_act_why(a, "no indentation level to move line %lld to", (long long)a->line);
		return 0;
	}
	n = arg_bool(a, "block", true) ? block_lines(f, (size_t)a->line, cols) : 1;
	for (i = 0; i < n; i++)
		shift_line(a, f, (size_t)a->line + i, (long)want - (long)cols, unit);
	return heal_json_object_get(a->fix, "edits") ? 1 : 0;
}

/* make: recipe lines indented with spaces get a tab. */
/* Whether line s[0..n) is a make rule header: "target ...: prerequisites". */
static bool make_rule_line(const char *s, size_t n)
{
	static const char *const directives[] = {
		"ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "include",
		"-include", "sinclude", "define", "endef", "export", "unexport",
		"override", "vpath", NULL
	};
	size_t i, k;

	if (n == 0 || s[0] == ' ' || s[0] == '\t' || s[0] == '#')
		return false;
	for (k = 0; directives[k]; k++) {
		size_t dl = strlen(directives[k]);

		if (n >= dl && memcmp(s, directives[k], dl) == 0 &&
		    (n == dl || s[dl] == ' ' || s[dl] == '\t'))
			return false;
	}
	for (i = 0; i < n && s[i] != '=' && s[i] != '#'; i++)
		if (s[i] == ':')
			return !(i + 1 < n && s[i + 1] == '=') &&
			       !(i + 2 < n && s[i + 1] == ':' && s[i + 2] == '=');
	return false;
}

/* Lines from line k on indented with spaces (not blank): each gets a tab. */
static int tab_block(struct heal_act *a, const struct heal_source_file *f,
		     size_t k)
{
	size_t ls, ll;
	int n = 0;

	for (; heal_source_line(f, k, &ls, &ll); k++) {
		size_t il = indent_len(f->data + ls, ll);

		if (ll == 0 || f->data[ls] != ' ' || il == ll)
			break;
		emit(a, f, ls, ls + il, "\t", 1);
		n++;
	}
	return n;
}

/*
 * make: the recipe at the error's line starts with spaces.  With "all",
 * so do the recipes of the rules below it (an editor that expanded every
 * tab): make stops at the first, and fixing one at a time would only
 * reveal the next.  A recipe is the lines right under a rule header (and
 * its continued prerequisites); variable continuations, define blocks and
 * indented directives are left.
 */
static int act_tab_indent(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = target(a);
	size_t ls, ll, k;
	bool cont = false, def = false, pending = false;
	int n;

	if (!f || !loc_line(a, f, &ls, &ll))
		return 0;
	n = tab_block(a, f, (size_t)a->line);
	if (!n) {
		heal_act_why(a, "line %lld is not indented with spaces", (long long)a->line);
		return 0;
	}
	if (!arg_bool(a, "all", false))
		return 1;
	for (k = (size_t)a->line + (size_t)n;
	     n < ACT_MAX_OCCURRENCES && heal_source_line(f, k, &ls, &ll); k++) {
		const char *s = f->data + ls;
		bool header = !cont && !def && make_rule_line(s, ll), was;
		size_t il = indent_len(s, ll);

		if (il + 6 <= ll && memcmp(s + il, "define", 6) == 0 &&
		    (il + 6 == ll || s[il + 6] == ' ' || s[il + 6] == '\t'))
			def = true;
		else if (il + 5 <= ll && memcmp(s + il, "endef", 5) == 0)
			def = false;
		was = cont;
		cont = ll > 0 && s[ll - 1] == '\\';
		if (header && cont) {
			pending = true;         /* prerequisites continue */
		} else if (header || (pending && was && !cont)) {
			int m = tab_block(a, f, k + 1);

			pending = false;
			n += m;
			k += (size_t)m;
		}
	}
	return 1;
}

/* Python: leading tabs become spaces, one indentation unit each. */
static int act_space_indent(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = target(a);
	size_t ls, ll, k, unit = 0, i;

	if (!f)
		return 0;
	for (k = 1; heal_source_line(f, k, &ls, &ll); k++) {
		size_t il = indent_len(f->data + ls, ll);

		if (il > 0 && il < ll && !memchr(f->data + ls, '\t', il) &&
		    (unit == 0 || il < unit))
			unit = il;
	}
	if (unit == 0 || unit > 8)
		unit = 4;
	for (k = 1; heal_source_line(f, k, &ls, &ll); k++) {
		size_t il = indent_len(f->data + ls, ll), w = 0;
		struct heal_buf b;

		if (!memchr(f->data + ls, '\t', il))
			continue;
		for (i = 0; i < il; i++)
			w += f->data[ls + i] == '\t' ? unit : 1;
		heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
		for (i = 0; i < w; i++)
			heal_buf_putc(&b, ' ');
		emit(a, f, ls, ls + il, b.data ? b.data : "", b.len);
		heal_buf_release(&b);
	}
	if (!heal_json_object_get(a->fix, "edits")) {
		heal_act_why(a, "no line is indented with tabs");
		return 0;
	}
	return 1;
}

/* ---- actions: blocks --------------------------------------------------- */

static bool word_at(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && memcmp(s, w, k) == 0 && (n == k || !is_word((unsigned char)s[k]));
}

static bool ends_with_word(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && memcmp(s + n - k, w, k) == 0 &&
	       (n == k || !is_word((unsigned char)s[n - k - 1]));
}

/* The closer a line opens ("}", "fi", "done", "esac"), or NULL. */
static const char *opener_of(const char *s, size_t n, bool shell)
{
	size_t e = code_end(s, n, shell ? "#" : "//");

	if (e == 0)
		return NULL;
	if (s[e - 1] == '{')
		return "}";
	if (!shell)
		return NULL;
	if ((word_at(s, e, "if") || word_at(s, e, "elif")) && ends_with_word(s, e, "then"))
		return "fi";
	if ((word_at(s, e, "for") || word_at(s, e, "while") ||
	     word_at(s, e, "until") || word_at(s, e, "select")) &&
	    ends_with_word(s, e, "do"))
		return "done";
	if (word_at(s, e, "case") && ends_with_word(s, e, "in"))
		return "esac";
	return NULL;
}

static int act_close_block(struct heal_act *a, struct heal_error *err)
{
	const char *style = arg_raw(a, "style");
	bool shell = style && strcmp(style, "shell") == 0;
	const struct heal_source_file *f = target(a);
	size_t o, ls, ll;

	if (!f)
		return 0;
	for (o = 1; heal_source_line(f, o, &ls, &ll); o++) {
		const char *s = f->data + ls;
		size_t il = indent_len(s, ll), cols = indent_cols(s, ll);
		const char *closer = opener_of(s + il, ll - il, shell);
		size_t j, last = o, s2, l2;
		bool closed = false;

		if (!closer)
			continue;
		for (j = o + 1; heal_source_line(f, j, &s2, &l2); j++) {
			const char *t = f->data + s2;
			size_t i2 = indent_len(t, l2);

			if (is_blank(t, l2))
				continue;
			if (indent_cols(t, l2) > cols) {
				last = j;
				continue;
			}
			if (word_at(t + i2, l2 - i2, closer) ||
			    (closer[0] == '}' && t[i2] == '}')) {
				closed = true;
				break;
			}
			if (shell && indent_cols(t, l2) == cols &&
			    (word_at(t + i2, l2 - i2, "else") ||
			     word_at(t + i2, l2 - i2, "elif"))) {
				last = j;
				continue;
			}
			break;
		}
		if (!closed && last > o) {
			size_t p, pl;
			struct heal_buf b;

			heal_source_line(f, last, &p, &pl);
			heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
			heal_buf_put(&b, s, il);
			heal_buf_puts(&b, closer);
			heal_buf_putc(&b, '\n');
			p += pl + heal_source_eol_len(f, last);
			if (p == f->len && heal_source_eol_len(f, last) == 0) {
				heal_buf_reset(&b);
				heal_buf_putc(&b, '\n');
				heal_buf_put(&b, s, il);
				heal_buf_puts(&b, closer);
				heal_buf_putc(&b, '\n');
			}
			emit(a, f, p, p, b.data, b.len);
			heal_vars_set(a->vars, "closer", closer);
			heal_vars_set(a->vars, "opener_line", "");
			{
				char num[32];

				snprintf(num, sizeof(num), "%zu", o);
				heal_vars_set(a->vars, "opener_line", num);
			}
			heal_buf_release(&b);
			return 1;
		}
	}
	heal_act_why(a, "every block in '%s' is closed at its indentation", f->rel);
	return 0;
}

/* Shell: add "; then" / "; do" to the opener that lacks it. */
static int act_add_keyword(struct heal_act *a, struct heal_error *err)
{
	const char *kw = arg_raw(a, "keyword");
	char *pat = arg(a, "opener", NULL);
	const struct heal_source_file *f = target(a);
	struct heal_regex re;
	size_t ls, ll, cols, k;
	int r = 0;

	if (!f || !pat || !loc_line(a, f, &ls, &ll) ||
	    heal_regex_compile(&re, pat, 0, err) < 0) {
		free(pat);
		return 0;
	}
	cols = indent_cols(f->data + ls, ll);
	for (k = (size_t)a->line - 1; k >= 1; k--) {
		size_t s2, l2, e, s3, l3, j;

		heal_source_line(f, k, &s2, &l2);
		if (is_blank(f->data + s2, l2) || indent_cols(f->data + s2, l2) > cols)
			continue;
		if (heal_regex_match(&re, f->data + s2, l2, 0) != 1)
			continue;
		e = code_end(f->data + s2, l2,
			     heal_lang_line_comment(f->rel, "#"));
		if (ends_with_word(f->data + s2, e, kw) ||
		    memmem(f->data + s2, e, kw, strlen(kw)))
			break;
		for (j = k + 1; heal_source_line(f, j, &s3, &l3); j++)
			if (!is_blank(f->data + s3, l3))
				break;
		if (j < (size_t)a->line &&
		    word_at(f->data + s3 + indent_len(f->data + s3, l3),
			    l3 - indent_len(f->data + s3, l3), kw))
			break;
		{
			struct heal_buf b;

			heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
			heal_buf_putf(&b, "; %s", kw);
			emit(a, f, s2 + e, s2 + e, b.data, b.len);
			heal_buf_release(&b);
		}
		r = 1;
		break;
	}
	if (!r)
		heal_act_why(a, "no opener without '%s' above line %lld", kw, (long long)a->line);
	heal_regex_release(&re);
	free(pat);
	return r;
}

/* ---- actions: includes, imports, declarations -------------------------- */

static bool file_has(const struct heal_source_file *f, const char *pattern)
{
	struct heal_regex re;
	int m;

	if (heal_regex_compile(&re, pattern, 0, NULL) < 0)
		return false;
	m = heal_regex_match(&re, f->data, f->len, 0);
	heal_regex_release(&re);
	return m == 1;
}

static int act_add_include(struct heal_act *a, struct heal_error *err)
{
	char *h = arg(a, "header", NULL);
	const struct heal_source_file *f = target(a);
	bool sys = arg_bool(a, "system", true), top;
	struct heal_buf b, pat;
	size_t pos, ls, ll;

	if (!h || !f || !*h || strpbrk(h, "<>\"\n")) {
		free(h);
		return 0;
	}
	heal_buf_init(&pat, HEAL_BUF_UNBOUNDED);
	heal_buf_puts(&pat, "(?m)^\\s*#\\s*include\\s*[<\"]");
	{
		struct heal_vars v;

		heal_vars_init(&v);
		heal_vars_set(&v, "h", h);
		heal_tmpl_expand(&v, "${h}", true, &pat, NULL);
		heal_vars_release(&v);
	}
	heal_buf_puts(&pat, "[>\"]");
	if (file_has(f, heal_buf_str(&pat))) {
		heal_act_why(a, "'%s' already includes <%s>", f->rel, h);
		heal_buf_release(&pat);
		free(h);
		return 0;
	}
	heal_buf_release(&pat);
	pos = include_pos(f, &top);
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	heal_buf_putf(&b, sys ? "#include <%s>\n" : "#include \"%s\"\n", h);
	if (top && heal_source_line(f, 1, &ls, &ll) && !is_blank(f->data + ls, ll) &&
	    f->data[ls] != '#')
		heal_buf_putc(&b, '\n');
	emit(a, f, pos, pos, b.data, b.len);
	heal_vars_set(a->vars, "header", h);
	heal_buf_release(&b);
	free(h);
	return 1;
}

static bool valid_name(const char *s, const char *extra)
{
	if (!s || !*s || !(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	for (; *s; s++)
		if (!is_word((unsigned char)*s) && !(extra && strchr(extra, *s)))
			return false;
	return true;
}

static int act_add_import(struct heal_act *a, struct heal_error *err)
{
	char *mod = arg(a, "module", NULL), *name = arg_raw(a, "name") ?
		    arg(a, "name", NULL) : NULL;
	const struct heal_source_file *f = target(a);
	struct heal_buf b;
	size_t pos, ls, ll, line;
	bool none;
	int r = 0;

	if (!mod || !f || !valid_name(mod, ".") || (name && !valid_name(name, NULL)))
		goto out;
	pos = import_pos(f, &none);
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	if (name)
		heal_buf_putf(&b, "from %s import %s\n", mod, name);
	else
		heal_buf_putf(&b, "import %s\n", mod);
	if (memmem(f->data, f->len, b.data, b.len)) {
		heal_act_why(a, "'%s' already has '%.*s'", f->rel, (int)b.len - 1, b.data);
		heal_buf_release(&b);
		goto out;
	}
	line = heal_source_line_of(f, pos);
	if (none && pos < f->len && heal_source_line(f, line, &ls, &ll) &&
	    !is_blank(f->data + ls, ll)) {
		heal_buf_putc(&b, '\n');
		if (heal_text_starts_with(f->data + ls, ll, "def ") ||
		    heal_text_starts_with(f->data + ls, ll, "class ") ||
		    f->data[ls] == '@')
			heal_buf_putc(&b, '\n');
	}
	emit(a, f, pos, pos, b.data, b.len);
	heal_buf_release(&b);
	r = 1;
out:
	free(mod);
	free(name);
	return r;
}

/* C: a prototype for a function defined later in the file. */
static int act_add_prototype(struct heal_act *a, struct heal_error *err)
{
	char *name = arg(a, "name", NULL);
	const struct heal_source_file *f = target(a);
	struct heal_buf pat, proto;
	struct heal_regex re;
	const char *g;
	size_t gl, def_line, k, ls, ll, use_line = 0, pos;
	int r = 0;

	if (!name || !f || !valid_name(name, NULL)) {
		free(name);
		return 0;
	}
	heal_buf_init(&pat, HEAL_BUF_UNBOUNDED);
	heal_buf_init(&proto, HEAL_BUF_UNBOUNDED);
	heal_buf_putf(&pat,
		      "(?m)^(?![ \\t#/{}])[A-Za-z_][^;#\\n(]*\\b%s[ \\t]*\\([^;{)]*\\)",
		      name);
	if (heal_regex_compile(&re, heal_buf_str(&pat), 0, err) < 0 ||
	    heal_regex_match(&re, f->data, f->len, 0) != 1) {
		heal_act_why(a, "no definition of '%s' in '%s'", name, f->rel);
		goto out;
	}
	heal_regex_group(&re, 0, &g, &gl);
	def_line = heal_source_line_of(f, (size_t)(g - f->data));
	for (k = 0; k < gl; k++)
		if (g[k] == '\n' || g[k] == '\r' || g[k] == '\t')
			heal_buf_putc(&proto, ' ');
		else
			heal_buf_putc(&proto, g[k]);
	heal_buf_puts(&proto, ";\n\n");
	/* the first use before the definition, and the top-level item around it */
	heal_buf_reset(&pat);
	heal_buf_putf(&pat, "\\b%s[ \\t]*\\(", name);
	heal_regex_release(&re);
	if (heal_regex_compile(&re, heal_buf_str(&pat), 0, err) < 0)
		goto out;
	if (heal_regex_match(&re, f->data, f->len, 0) == 1) {
		heal_regex_group(&re, 0, &g, &gl);
		use_line = heal_source_line_of(f, (size_t)(g - f->data));
	}
	if (use_line == 0 || use_line >= def_line) {
		heal_act_why(a, "'%s' is not used before its definition", name);
		goto out;
	}
	for (k = use_line; k >= 1; k--) {
		heal_source_line(f, k, &ls, &ll);
		if (ll > 0 && (isalpha((unsigned char)f->data[ls]) || f->data[ls] == '_'))
			break;
	}
	if (k < 1) {
		heal_act_why(a, "no top-level declaration around line %zu", use_line);
		goto out;
	}
	pos = ls;
	emit(a, f, pos, pos, proto.data, proto.len);
	proto.data[proto.len - 3] = '\0';
	heal_vars_set(a->vars, "prototype", proto.data);
	r = 1;
out:
	heal_regex_release(&re);
	heal_buf_release(&pat);
	heal_buf_release(&proto);
	free(name);
	return r;
}

/*
 * The lines after the declaration of name on line decl, to the end of its
 * block, that name it: each must be a whole-line assignment to it without
 * side effects ("name = a * 2;", "name += k;", "name++;"), and not the
 * lone statement of an if, a loop or a label, so that deleting it changes
 * nothing else.  Their line numbers go to lines[] (at most max); the count,
 * or -1 (with a reason) when a line names it otherwise.
 */
static int plain_assignments(struct heal_act *a, const struct heal_source_file *f,
			     const char *name, size_t decl, size_t *lines, int max)
{
	struct heal_buf pat;
	struct heal_regex use, asg, side;
	size_t ls, ll, k, p, ps = 0, pl = 0, depth = 0;
	int n = 0, ok = -1;

	heal_buf_init(&pat, HEAL_BUF_UNBOUNDED);
	heal_buf_putf(&pat, "\\b%s\\b", name);
	if (heal_regex_compile(&use, heal_buf_str(&pat), 0, NULL) < 0)
		goto out0;
	heal_buf_reset(&pat);
	heal_buf_putf(&pat,
		      "^[ \\t]*(?:(?:\\+\\+|--)[ \\t]*%s|%s[ \\t]*(?:\\+\\+|--|(?:[-+*/%%&|^]|<<|>>)?=(?!=)[ \\t]*"
		      "(?<rhs>[^;]*)))[ \\t]*;[ \\t]*(?://.*|/\\*.*\\*/[ \\t]*)?$", name, name);
	if (heal_regex_compile(&asg, heal_buf_str(&pat), 0, NULL) < 0)
		goto out1;
	/* a call, an assignment, an increment or a volatile read */
	if (heal_regex_compile(&side, "[A-Za-z_]\\w*\\s*\\(|\\+\\+|--|(?<![=!<>])=(?!=)|->\\s*\\w+\\s*\\(",
			       0, NULL) < 0)
		goto out2;
	heal_source_line(f, decl, &ls, &ll);
	ps = ls;
	pl = ll;
	for (k = decl + 1; heal_source_line(f, k, &ls, &ll); k++) {
		const char *rhs;
		size_t rl, i;
		bool end = false;

		for (i = 0; i < ll; i++) {
			if (f->data[ls + i] == '{')
				depth++;
			else if (f->data[ls + i] == '}' && depth-- == 0) {
				end = true;
				break;
			}
		}
		p = end ? i : ll;
		if (heal_regex_match(&use, f->data + ls, p, 0) == 1) {
			size_t j = pl;

			while (j > 0 && (f->data[ps + j - 1] == ' ' || f->data[ps + j - 1] == '\t'))
				j--;
			if (heal_regex_match(&asg, f->data + ls, ll, 0) != 1 ||
			    (heal_regex_group(&asg, heal_regex_group_number(&asg, "rhs"), &rhs, &rl) &&
			     heal_regex_match(&side, rhs, rl, 0) == 1)) {
				heal_act_why(a, "line %zu uses '%s' otherwise than by a plain assignment", k, name);
				goto out3;
			}
			if (j > 0 && (f->data[ps + j - 1] == ')' || f->data[ps + j - 1] == ':' ||
				      (j >= 4 && memcmp(f->data + ps + j - 4, "else", 4) == 0) ||
				      (j >= 2 && memcmp(f->data + ps + j - 2, "do", 2) == 0))) {
				heal_act_why(a, "the assignment on line %zu is the lone statement of the line above", k);
				goto out3;
			}
			if (n == max) {
				heal_act_why(a, "'%s' is assigned on more than %d lines", name, max);
				goto out3;
			}
			lines[n++] = k;
		}
		if (end)
			break;
		if (!is_blank(f->data + ls, ll)) {
			ps = ls;
			pl = ll;
		}
	}
	ok = n;
out3:
	heal_regex_release(&side);
out2:
	heal_regex_release(&asg);
out1:
	heal_regex_release(&use);
out0:
	heal_buf_release(&pat);
	return ok;
}

/*
 * C: delete "TYPE name [= constant];" when it is the whole line; with
 * "assignments": "delete" also every plain assignment to name in its block
 * (a variable that is set but never used).
 */
static int act_delete_declaration(struct heal_act *a, struct heal_error *err)
{
	char *name = arg(a, "name", NULL);
	const char *assignments = arg_raw(a, "assignments");
	const struct heal_source_file *f = target(a);
	struct heal_buf pat;
	struct heal_regex re;
	size_t ls, ll, lines[32];
	int r = 0, n = 0, i;

	if (!name || !f || !valid_name(name, NULL) || !loc_line(a, f, &ls, &ll)) {
		free(name);
		return 0;
	}
	heal_buf_init(&pat, HEAL_BUF_UNBOUNDED);
	/* an initializer without calls, assignments or commas (no side effects) */
	heal_buf_putf(&pat,
		      "^[ \\t]*(?:(?:const|static|volatile|register|unsigned|signed|long|short|struct|enum|union)\\s+)*"
		      "[A-Za-z_]\\w*(?:\\s+|\\s*\\*+\\s*)%s\\s*(?:\\[[^\\]]*\\])?"
		      "\\s*(?:=\\s*[^;,()=]*)?;[ \\t]*(?://.*|/\\*.*\\*/[ \\t]*)?$", name);
	if (heal_regex_compile(&re, heal_buf_str(&pat), 0, err) < 0 ||
	    heal_regex_match(&re, f->data + ls, ll, 0) != 1) {
		heal_act_why(a, "line %lld is not a plain declaration of '%s' alone", (long long)a->line, name);
		goto out;
	}
	if (assignments && strcmp(assignments, "delete") == 0) {
		n = plain_assignments(a, f, name, (size_t)a->line, lines, (int)(sizeof lines / sizeof lines[0]));
		if (n < 0)
			goto out;
	}
	emit(a, f, ls, ls + ll + heal_source_eol_len(f, (size_t)a->line), "", 0);
	for (i = 0; i < n; i++) {
		heal_source_line(f, lines[i], &ls, &ll);
		emit(a, f, ls, ls + ll + heal_source_eol_len(f, lines[i]), "", 0);
	}
	r = 1;
out:
	heal_regex_release(&re);
	heal_buf_release(&pat);
	free(name);
	return r;
}

/* C: "(void)name;" at the top of the function body, or after the line. */
static int act_void_cast(struct heal_act *a, struct heal_error *err)
{
	char *name = arg(a, "name", NULL);
	const char *where = arg_raw(a, "where");
	const struct heal_source_file *f = target(a);
	struct heal_buf b;
	size_t ls, ll, p, k, s2, l2;
	int r = 0;

	if (!name || !f || !valid_name(name, NULL) || !loc_line(a, f, &ls, &ll)) {
		free(name);
		return 0;
	}
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	if (where && strcmp(where, "after-line") == 0) {
		heal_buf_put(&b, f->data + ls, indent_len(f->data + ls, ll));
		heal_buf_putf(&b, "(void)%s;\n", name);
		p = ls + ll + heal_source_eol_len(f, (size_t)a->line);
		emit(a, f, p, p, b.data, b.len);
		r = 1;
		goto out;
	}
	p = ls;
	while (p < f->len && f->data[p] != '{' && f->data[p] != ';')
		p++;
	if (p >= f->len || f->data[p] != '{') {
		heal_act_why(a, "no function body after line %lld", (long long)a->line);
		goto out;
	}
	k = heal_source_line_of(f, p) + 1;
	while (heal_source_line(f, k, &s2, &l2) && is_blank(f->data + s2, l2))
		k++;
	heal_buf_putc(&b, '\n');
	if (heal_source_line(f, k, &s2, &l2) && f->data[s2 + indent_len(f->data + s2, l2)] != '}')
		heal_buf_put(&b, f->data + s2, indent_len(f->data + s2, l2));
	else
		heal_buf_puts(&b, "    ");
	heal_buf_putf(&b, "(void)%s;", name);
	emit(a, f, p + 1, p + 1, b.data, b.len);
	r = 1;
out:
	heal_buf_release(&b);
	free(name);
	return r;
}

/*
 * The literal values the returns of a C function body [from, to) give:
 * *ints the set of 0, 1 and -1 seen (bits 1, 2, 4), *bools true and false
 * (bits 1, 2), nulls whether NULL or 0 is returned; other counts returns
 * of anything else (a variable, a call), n all of them.
 */
struct c_returns {
	unsigned ints, bools, n, other;
	bool nulls;
};

static void c_returns_scan(const char *s, size_t len, struct c_returns *r)
{
	struct heal_regex re;
	size_t pos = 0;

	memset(r, 0, sizeof *r);
	/* comments, strings and character constants are skipped whole */
	if (heal_regex_compile(&re, "(?s)//[^\\n]*|/\\*.*?\\*/|\"(?:[^\"\\\\\\n]|\\\\.)*\""
			       "|'(?:[^'\\\\\\n]|\\\\.)*'|\\breturn\\b\\s*([^;]*?)\\s*;", 0, NULL) < 0)
		return;
	while (pos < len && heal_regex_match(&re, s, len, pos) == 1) {
		const char *g, *v;
		size_t gl, vl;

		heal_regex_group(&re, 0, &g, &gl);
		pos = (size_t)(g - s) + (gl ? gl : 1);
		if (!heal_regex_group(&re, 1, &v, &vl))
			continue;
		while (vl >= 2 && *v == '(' && v[vl - 1] == ')') {
			v++;
			vl -= 2;
		}
		r->n++;
		if (vl == 1 && *v == '0') {
			r->ints |= 1;
			r->nulls = true;
		} else if (vl == 1 && *v == '1') {
			r->ints |= 2;
		} else if ((vl == 2 && memcmp(v, "-1", 2) == 0)) {
			r->ints |= 4;
		} else if (vl == 4 && memcmp(v, "NULL", 4) == 0) {
			r->nulls = true;
		} else if (vl == 4 && memcmp(v, "true", 4) == 0) {
			r->bools |= 1;
		} else if (vl == 5 && memcmp(v, "false", 5) == 0) {
			r->bools |= 2;
		} else {
			r->other++;
		}
	}
	heal_regex_release(&re);
}

/*
 * The value the path that falls off the end of a function most plausibly
 * stands for, when every other path returns a literal: the one case of
 * 1/-1 left (0), success after early error returns (-1 -> 0), failure after
 * a success (0 -> -1), the other truth value, NULL after pointers.  NULL
 * when the returns do not say.
 */
static const char *c_complement(char kind, const struct c_returns *r)
{
	if (r->n == 0)
		return NULL;
	if (kind == 'p')
		return r->nulls ? NULL : "NULL";
	if (kind == 'b') {
		if (r->other || r->ints)
			return NULL;
		return r->bools == 1 ? "false" : r->bools == 2 ? "true" : NULL;
	}
	if (r->other || r->bools)
		return NULL;
	if (!(r->ints & 1))
		return "0";
	return r->ints == 1 ? "-1" : NULL;
}

/* A goto label alone on its line ("out:"), which may start in column 0. */
static bool is_label(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_'))
		i++;
	if (i == 0 || i >= n || s[i] != ':' || (i + 1 < n && s[i + 1] == ':'))
		return false;
	return is_blank(s + i + 1, n - i - 1);
}

/* 'p' pointer, 'b' bool, 'i' a number, 0 unknown: the type before the '(' of line s. */
static char c_return_kind(const char *s, size_t len)
{
	const char *paren = memchr(s, '(', len);
	size_t n = paren ? (size_t)(paren - s) : len;
	struct heal_regex re;
	char kind = 0;

	if (memchr(s, '*', n))
		return 'p';
	if (heal_regex_compile(&re, "\\b(bool|_Bool)\\b", 0, NULL) == 0) {
		if (heal_regex_match(&re, s, n, 0) == 1)
			kind = 'b';
		heal_regex_release(&re);
	}
	if (!kind && heal_regex_compile(&re,
		"^(?:static\\s+|inline\\s+|extern\\s+)*(?:const\\s+)?(?:unsigned\\s+|signed\\s+)?"
		"(?:int|long|short|char|size_t|ssize_t|off_t|double|float|u?int(?:8|16|32|64)_t)\\b",
		0, NULL) == 0) {
		if (heal_regex_match(&re, s, n, 0) == 1)
			kind = 'i';
		heal_regex_release(&re);
	}
	return kind;
}

/*
 * C: "return VALUE;" before the closing brace of a function: 0, NULL or
 * false by the return type, or with "only": "complement" the value the
 * other returns leave (c_complement), and nothing when they leave none.
 */
static int act_add_return(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = target(a);
	const char *only = arg_raw(a, "only");
	size_t ls, ll, k, s2, l2, body = 0;
	const char *val = NULL;
	char kind = 0;
	struct heal_buf b;

	if (!f || !loc_line(a, f, &ls, &ll))
		return 0;
	if (ll == 0 || f->data[ls] != '}') {
		heal_act_why(a, "line %lld is not the closing brace of a function", (long long)a->line);
		return 0;
	}
	for (k = (size_t)a->line - 1; k >= 1; k--) {
		heal_source_line(f, k, &s2, &l2);
		if (l2 > 0 && (isalpha((unsigned char)f->data[s2]) || f->data[s2] == '_') &&
		    !is_label(f->data + s2, l2))
			break;
	}
	if (k < 1)
		return 0;
	/* the body's own indentation: its first line after the opening brace */
	for (body = k + 1; body < (size_t)a->line; body++) {
		size_t s3, l3, i3;

		heal_source_line(f, body, &s3, &l3);
		i3 = indent_len(f->data + s3, l3);
		if (i3 < l3 && f->data[s3 + i3] != '{')
			break;
	}
	if (body >= (size_t)a->line)
		body = 0;
	heal_source_line(f, k, &s2, &l2);
	kind = c_return_kind(f->data + s2, l2);
	if (!kind && k > 1) {
		/* GNU style: the type on a line of its own above the name */
		size_t s3, l3;

		heal_source_line(f, k - 1, &s3, &l3);
		if (l3 > 0 && !memchr(f->data + s3, '(', l3) && !memchr(f->data + s3, ';', l3) &&
		    !memchr(f->data + s3, '}', l3))
			kind = c_return_kind(f->data + s3, l3);
	}
	if (!kind) {
		heal_act_why(a, "the function's return type has no obvious neutral value");
		return 0;
	}
	if (only && strcmp(only, "complement") == 0) {
		struct c_returns r;

		c_returns_scan(f->data + s2, ls - s2, &r);
		val = c_complement(kind, &r);
		if (!val) {
			heal_act_why(a, "the function's other returns leave no one value for the end");
			return 0;
		}
	} else {
		val = kind == 'p' ? "NULL" : kind == 'b' ? "false" : "0";
	}
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	if (body && body != k && heal_source_line(f, body, &s2, &l2))
		heal_buf_put(&b, f->data + s2, indent_len(f->data + s2, l2));
	else
		heal_buf_puts(&b, "    ");
	heal_buf_putf(&b, "return %s;\n", val);
	emit(a, f, ls, ls, b.data, b.len);
	heal_vars_set(a->vars, "value", val);
	heal_buf_release(&b);
	return 1;
}

/* C: "%d" -> "%ld" at the location. */
static int act_format_spec(struct heal_act *a, struct heal_error *err)
{
	char *conv = arg(a, "conversion", NULL);
	const struct heal_source_file *f = target(a);
	size_t off, ls, ll, p, q, flags_end;
	struct heal_buf b;
	int r = 0;

	if (!conv || !f || !loc_offset(a, f, &off) || !loc_line(a, f, &ls, &ll))
		goto out;
	for (p = off + 1; p > ls && off + 1 - p < 16; p--)
		if (f->data[p - 1] == '%')
			break;
	if (p <= ls || f->data[p - 1] != '%') {
		heal_act_why(a, "no conversion at the location");
		goto out;
	}
	p--;
	q = p + 1;
	while (q < ls + ll && strchr("-+ #0123456789.*", f->data[q]))
		q++;
	flags_end = q;
	while (q < ls + ll && strchr("hlLqjzt", f->data[q]))
		q++;
	if (q >= ls + ll || !isalpha((unsigned char)f->data[q]))
		goto out;
	q++;
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	heal_buf_put(&b, f->data + p, flags_end - p);
	heal_buf_puts(&b, conv);
	emit(a, f, p, q, b.data, b.len);
	heal_vars_set(a->vars, "new", heal_buf_str(&b));
	heal_buf_release(&b);
	r = 1;
out:
	free(conv);
	return r;
}

/* ---- actions: shell and python helpers ---------------------------------- */

/* End of the shell expansion starting with '$' at s[i]. */
static size_t expansion_end(const char *s, size_t n, size_t i)
{
	size_t j = i + 1;

	if (j >= n)
		return i;
	if (s[j] == '{' || s[j] == '(') {
		char open = s[j], close = open == '{' ? '}' : ')';
		int depth = 0;

		for (; j < n; j++) {
			if (s[j] == open)
				depth++;
			else if (s[j] == close && --depth == 0)
				return j + 1;
		}
		return i;
	}
	if (strchr("@*#?$!-0123456789", s[j]))
		return j + 1;
	while (j < n && is_word((unsigned char)s[j]))
		j++;
	return j;
}

/* Whether s[i] is inside double or single quotes on its line. */
static bool quoted_at(const char *s, size_t i)
{
	size_t k;
	char q = 0;

	for (k = 0; k < i; k++) {
		if (s[k] == '\\' && q != '\'') {
			k++;
			continue;
		}
		if (q) {
			if (s[k] == q)
				q = 0;
		} else if (s[k] == '"' || s[k] == '\'') {
			q = s[k];
		}
	}
	return q != 0;
}

/*
 * A column from the raw output when the record has none: shellcheck's tty
 * format echoes the source line and puts "^--" under the column on the
 * next line (the caret line of the record's code, when the line has
 * several findings).  0 when raw holds no such pair for line s[0..ll).
 */
static size_t raw_caret_column(const struct heal_act *a, const char *s,
			       size_t ll)
{
	const char *raw = heal_json_object_get_str(a->rec, "raw"), *p, *nl, *c, *q;
	const char *code = heal_json_object_get_str(a->rec, "code");
	size_t k;

	if (!raw || ll == 0)
		return 0;
	for (p = raw; (p = strstr(p, "\n")) != NULL; p++) {
		const char *l = p + 1;

		while (*l == ' ' || *l == '\t')
			l++;
		nl = strchr(l, '\n');
		if (!nl || (size_t)(nl - l) != ll - indent_len(s, ll) ||
		    memcmp(l, s + indent_len(s, ll), (size_t)(nl - l)) != 0)
			continue;
		for (c = nl + 1, k = 0; c[k] == ' '; k++)
			;
		if (c[k] != '^')
			continue;
		/* several findings on one line: each has its own caret line,
		 * named by its code */
		for (q = c; code && *code; ) {
			const char *e = strchr(q, '\n'), *hit;
			size_t j;

			for (j = 0; q[j] == ' '; j++)
				;
			if (q[j] != '^')
				break;
			hit = strstr(q, code);
			if (hit && (!e || hit < e) && hit > q && hit[-1] == ' ' &&
			    hit[strlen(code)] == ' ') {
				c = q;
				k = j;
				break;
			}
			if (!e)
				break;
			q = e + 1;
		}
		/* both lines carry the same leading indentation of raw */
		k -= (size_t)(l - (p + 1));
		k += indent_len(s, ll);
		return k < ll ? k + 1 : 0;
	}
	return 0;
}

static int act_quote_expansion(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = target(a);
	size_t ls, ll, off, i, n = 0;
	const char *s;

	if (!f || !loc_line(a, f, &ls, &ll))
		return 0;
	s = f->data + ls;
	if (a->column < 1 && (off = raw_caret_column(a, s, ll)) > 0 &&
	    s[off - 1] == '$')
		off = ls + off - 1;
	else if (!(a->column > 0 && loc_offset(a, f, &off)))
		off = SIZE_MAX;
	if (off < ls + ll && f->data[off] == '$') {
		size_t e = expansion_end(s, ll, off - ls);

		if (e == off - ls || quoted_at(s, off - ls)) {
			heal_act_why(a, "the expansion at the location is quoted already");
			return 0;
		}
		emit(a, f, off, off, "\"", 1);
		emit(a, f, ls + e, ls + e, "\"", 1);
		return 1;
	}
	/* no column: every unquoted expansion inside [ ] or [[ ]] on the line */
	for (i = 0; i + 1 < ll; i++) {
		size_t j, close;

		if (s[i] != '[' || (i > 0 && s[i - 1] != ' ' && s[i - 1] != '\t' &&
				    s[i - 1] != '[' && s[i - 1] != ';' && s[i - 1] != '!'))
			continue;
		if (quoted_at(s, i))
			continue;
		for (close = i + 1; close < ll && s[close] != ']'; close++)
			;
		for (j = i + 1; j < close; j++) {
			size_t e;

			if (s[j] != '$' || quoted_at(s, j))
				continue;
			e = expansion_end(s, ll, j);
			if (e == j || e > close)
				continue;
			emit(a, f, ls + j, ls + j, "\"", 1);
			emit(a, f, ls + e, ls + e, "\"", 1);
			n++;
			j = e - 1;
		}
		i = close;
	}
	if (!n)
		heal_act_why(a, "no unquoted expansion in a test on line %lld", (long long)a->line);
	return n > 0;
}

/* Python: close the brackets a line leaves open, at its end. */
static int act_close_brackets(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = target(a);
	char stack[64];
	size_t ls, ll, i, depth = 0, e;
	char q = 0;
	struct heal_buf b;

	if (!f || !loc_line(a, f, &ls, &ll))
		return 0;
	for (i = 0; i < ll; i++) {
		char c = f->data[ls + i];

		if (q) {
			if (c == '\\')
				i++;
			else if (c == q)
				q = 0;
			continue;
		}
		if (c == '#')
			break;
		if (c == '"' || c == '\'')
			q = c;
		else if ((c == '(' || c == '[' || c == '{') && depth < sizeof(stack))
			stack[depth++] = c;
		else if ((c == ')' || c == ']' || c == '}') && depth > 0)
			depth--;
	}
	if (depth == 0 || q) {
		heal_act_why(a, "line %lld leaves no bracket open", (long long)a->line);
		return 0;
	}
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	while (depth > 0) {
		char c = stack[--depth];

		heal_buf_putc(&b, c == '(' ? ')' : c == '[' ? ']' : '}');
	}
	e = code_end(f->data + ls, ll, heal_lang_line_comment(f->rel, "#"));
	emit(a, f, ls + e, ls + e, b.data, b.len);
	heal_vars_set(a->vars, "closers", heal_buf_str(&b));
	heal_buf_release(&b);
	return 1;
}

/* Python: drop one name from "from X import a, b" on the location line. */
static int act_remove_import_name(struct heal_act *a, struct heal_error *err)
{
	char *name = arg(a, "name", NULL);
	const struct heal_source_file *f = target(a);
	size_t ls, ll, offs[2], n, s, e;
	const char *line;
	const char *imp;
	int r = 0;

	if (!name || !f || !valid_name(name, NULL) || !loc_line(a, f, &ls, &ll))
		goto out;
	line = f->data + ls;
	imp = memmem(line, ll, " import ", 8);
	if (!heal_text_starts_with(line + indent_len(line, ll), ll, "from ") || !imp ||
	    memchr(line, '(', ll)) {
		heal_act_why(a, "line %lld is not a one-line 'from ... import'", (long long)a->line);
		goto out;
	}
	n = find_all(f->data, ls + (size_t)(imp - line) + 8, ls + ll, name, true,
		     offs, 2);
	if (n != 1)
		goto out;
	s = offs[0];
	e = s + strlen(name);
	{
		size_t p = e;

		while (p < ls + ll && f->data[p] == ' ')
			p++;
		if (p < ls + ll && f->data[p] == ',') {
			p++;
			while (p < ls + ll && f->data[p] == ' ')
				p++;
			e = p;
		} else {
			size_t q = s;

			while (q > ls && f->data[q - 1] == ' ')
				q--;
			if (q > ls && f->data[q - 1] == ',') {
				s = q - 1;
			} else {
				/* the only name: the whole line goes */
				s = ls;
				e = ls + ll + heal_source_eol_len(f, (size_t)a->line);
			}
		}
	}
	/* still used elsewhere in the file? then removing it breaks that use */
	if (find_all(f->data, 0, f->len, name, true, offs, 2) > 1) {
		heal_act_why(a, "'%s' is used elsewhere in '%s'", name, f->rel);
		goto out;
	}
	emit(a, f, s, e, "", 0);
	r = 1;
out:
	free(name);
	return r;
}

/* ---- actions: regex replacement ------------------------------------------ */

static void add_replacement(struct heal_act *a, struct heal_regex *re,
			    const char *tmpl, struct heal_buf *out)
{
	const char *t;

	for (t = tmpl; *t; t++) {
		if (t[0] == '\\' && t[1] >= '0' && t[1] <= '9') {
			const char *g;
			size_t gl;

			if (heal_regex_group(re, (uint32_t)(t[1] - '0'), &g, &gl))
				heal_buf_put(out, g, gl);
			t++;
		} else if (t[0] == '\\' && t[1] == '\\') {
			heal_buf_putc(out, '\\');
			t++;
		} else if (t[0] == '$' && t[1] == '$') {
			heal_buf_putc(out, '$');
			t++;
		} else if (t[0] == '$' && t[1] == '{') {
			const char *end = strchr(t, '}');
			char name[65];
			const char *v;

			if (end && (size_t)(end - t - 2) < sizeof(name)) {
				memcpy(name, t + 2, (size_t)(end - t - 2));
				name[end - t - 2] = '\0';
				v = heal_vars_get(a->vars, name);
				if (v)
					heal_buf_puts(out, v);
				t = end;
			} else {
				heal_buf_putc(out, *t);
			}
		} else {
			heal_buf_putc(out, *t);
		}
	}
}

static int act_regex_replace(struct heal_act *a, struct heal_error *err)
{
	const char *scope = arg_raw(a, "scope"), *rep = arg_raw(a, "replace");
	bool all = arg_bool(a, "all", false);
	const struct heal_source_file *f = target(a);
	struct heal_error e = HEAL_ERROR_INIT;
	struct heal_regex re;
	size_t from = 0, to, ls, ll, pos;
	char *pat;
	int n = 0;

	if (!f || !rep)
		return 0;
	{
		/* "^" and "$" are line anchors: the subject is the whole file */
		struct heal_buf pb;

		heal_buf_init(&pb, HEAL_BUF_UNBOUNDED);
		heal_buf_puts(&pb, "(?m)");
		if (heal_tmpl_expand(a->vars, arg_raw(a, "pattern"), true, &pb, &e) < 0) {
			heal_act_why(a, "pattern: %s", e.msg);
			heal_buf_release(&pb);
			return 0;
		}
		pat = heal_buf_detach(&pb, NULL);
	}
	to = f->len;
	if (!scope || strcmp(scope, "line") == 0 || strcmp(scope, "before") == 0 ||
	    strcmp(scope, "after") == 0) {
		if (!loc_line(a, f, &ls, &ll)) {
			free(pat);
			return 0;
		}
		from = ls;
		to = ls + ll;
	}
	if (scope && strcmp(scope, "after") == 0) {
		/* the first match from the error's line on: the option of the
		 * task the error names, not a word of its name above it */
		to = f->len;
		all = false;
	}
	if (heal_regex_compile(&re, pat, 0, &e) < 0) {
		heal_act_why(a, "pattern: %s", e.msg);
		free(pat);
		return 0;
	}
	if (scope && strcmp(scope, "before") == 0) {
		/* the nearest match that starts above the error's line: the
		 * statement that encloses it (a loop header, a declaration) */
		size_t last = SIZE_MAX;

		for (pos = 0; pos < ls && heal_regex_match(&re, f->data, f->len, pos) == 1;) {
			const char *g;
			size_t gl;

			heal_regex_group(&re, 0, &g, &gl);
			if ((size_t)(g - f->data) >= ls)
				break;
			last = (size_t)(g - f->data);
			pos = last + 1;
		}
		from = last;
		to = f->len;
		all = false;
		if (last == SIZE_MAX) {
			heal_act_why(a, "the pattern does not match above line %lld of '%s'",
			    (long long)a->line, f->rel);
			heal_regex_release(&re);
			free(pat);
			return 0;
		}
	}
	pos = from;
	while (pos <= to && n < ACT_MAX_OCCURRENCES &&
	       heal_regex_match(&re, f->data, to, pos) == 1) {
		const char *g;
		size_t gl, s;
		struct heal_buf out;

		heal_regex_group(&re, 0, &g, &gl);
		s = (size_t)(g - f->data);
		heal_buf_init(&out, HEAL_BUF_UNBOUNDED);
		add_replacement(a, &re, rep, &out);
		if (out.len != gl || memcmp(out.data ? out.data : "", g, gl) != 0) {
			emit(a, f, s, s + gl, out.data ? out.data : "", out.len);
			n++;
		}
		heal_buf_release(&out);
		if (!all)
			break;
		pos = s + (gl ? gl : 1);
	}
	if (!n)
		heal_act_why(a, "the pattern does not match in '%s'", f->rel);
	heal_regex_release(&re);
	free(pat);
	return n > 0;
}

/* ---- actions: files, commands ------------------------------------------- */

/* A root-relative path from a value printed by a tool, or NULL. */
static char *project_path(struct heal_act *a, const char *p)
{
	char *rel = NULL;

	if (!p || !*p)
		return NULL;
	if (heal_root_relpath(a->src->root, NULL, p, strlen(p), &rel) != HEAL_REL_INSIDE) {
		heal_act_why(a, "'%s' is outside the project", p);
		return NULL;
	}
	if (strcmp(rel, ".") == 0 || strncmp(rel, ".heal", 5) == 0) {
		free(rel);
		return NULL;
	}
	return rel;
}

static int act_chmod(struct heal_act *a, struct heal_error *err)
{
	char *p = arg(a, "path", NULL), *rel = project_path(a, p);
	const struct heal_source_file *f;
	struct heal_json *list, *e;
	mode_t mode = 0, nm;
	bool dir = true;
	char m[16];

	free(p);
	if (!rel)
		return 0;
	if (!heal_source_exists(a->src, rel, &dir, &mode) || dir ||
	    !(f = get_file(a, rel))) {
		heal_act_why(a, "'%s' is not a regular file in the project", rel);
		free(rel);
		return 0;
	}
	nm = (mode & 07777) | ((mode & 0444) >> 2);
	if (nm == (mode & 07777)) {
		heal_act_why(a, "'%s' is executable already", rel);
		free(rel);
		return 0;
	}
	snprintf(m, sizeof(m), "%04o", (unsigned)nm);
	list = heal_json_new_array();
	e = heal_json_new_object();
	heal_json_object_set_str(e, "file", rel);
	heal_json_object_set_str(e, "mode", m);
	heal_json_object_set_str(e, "sha256", f->sha256);
	heal_json_array_append(list, e);
	heal_json_object_set(a->fix, "chmod", list);
	heal_vars_set(a->vars, "target", rel);
	heal_vars_set(a->vars, "mode", m);
	free(rel);
	return 1;
}

static int act_strip_cr(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = target(a);
	struct heal_buf b;
	size_t i;

	if (!f || !memmem(f->data, f->len, "\r\n", 2)) {
		heal_act_why(a, "the file has no CRLF line ends");
		return 0;
	}
	heal_buf_init(&b, f->len + 1);
	for (i = 0; i < f->len; i++)
		if (!(f->data[i] == '\r' && i + 1 < f->len && f->data[i + 1] == '\n'))
			heal_buf_putc(&b, f->data[i]);
	heal_cand_add_edit(a->fix, f->rel, 0, f->len, b.data, b.len, f->sha256);
	heal_buf_release(&b);
	return 1;
}

static int act_mkdir(struct heal_act *a, struct heal_error *err)
{
	char *p = arg(a, "path", NULL), *rel = project_path(a, p);
	struct heal_json *list;

	free(p);
	if (!rel)
		return 0;
	if (heal_source_exists(a->src, rel, NULL, NULL)) {
		heal_act_why(a, "'%s' exists", rel);
		free(rel);
		return 0;
	}
	list = heal_json_new_array();
	heal_json_array_append(list, heal_json_new_string(rel));
	heal_json_object_set(a->fix, "mkdir", list);
	heal_vars_set(a->vars, "target", rel);
	free(rel);
	return 1;
}

/* A value captured from a log that becomes one argument: a plain name. */
static bool safe_arg(const char *s)
{
	if (!s || !*s || *s == '-' || *s == '/' || strstr(s, ".."))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._+/=-", *s))
			return false;
	return true;
}

static void argv_to_var(struct heal_act *a, const struct heal_json *argv)
{
	struct heal_buf b;
	size_t i;

	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	for (i = 0; i < argv->u.arr.n; i++)
		heal_buf_putf(&b, "%s%s", i ? " " : "", argv->u.arr.v[i]->u.str.s);
	heal_vars_set(a->vars, "command", heal_buf_str(&b));
	heal_buf_release(&b);
}

static int act_command(struct heal_act *a, struct heal_error *err)
{
	const struct heal_json *args = heal_json_object_get(a->args, "argv");
	struct heal_json *argv;
	size_t i;

	if (!args || args->type != HEAL_JSON_ARRAY || args->u.arr.n == 0)
		return 0;
	argv = heal_json_new_array();
	for (i = 0; i < args->u.arr.n; i++) {
		const char *t = args->u.arr.v[i]->u.str.s;
		char *v = heal_tmpl_dup(a->vars, t, false, NULL);

		if (!v || (strstr(t, "${") && !safe_arg(v))) {
			heal_act_why(a, "argument %zu ('%s') is not a safe plain name", i, v ? v : t);
			free(v);
			heal_json_free(argv);
			return 0;
		}
		heal_json_array_append(argv, heal_json_new_string(v));
		free(v);
	}
	argv_to_var(a, argv);
	heal_json_object_set(a->fix, "command", argv);
	return 1;
}

static bool in_table(const struct heal_act *a, const char *tname, const char *key)
{
	const struct heal_json *t = table_lacks(a, tname, key) ? NULL : table(a, tname);
	size_t i;

	if (!t)
		return false;
	if (t->type == HEAL_JSON_OBJECT)
		return heal_json_object_get(t, key) != NULL;
	for (i = 0; t->type == HEAL_JSON_ARRAY && i < t->u.arr.n; i++)
		if (t->u.arr.v[i]->type == HEAL_JSON_STRING &&
		    strcmp(t->u.arr.v[i]->u.str.s, key) == 0)
			return true;
	return false;
}

/* Python: install the distribution that provides a missing module. */
static int act_install(struct heal_act *a, struct heal_error *err)
{
	char *mod = arg(a, "module", NULL), *dot, *local = NULL;
	const char *dist = NULL, *tname = arg_raw(a, "table");
	const char *stdlib = arg_raw(a, "stdlib");
	const struct heal_json *t;
	struct heal_json *argv;
	bool dir;
	size_t i;
	int r = 0;

	if (!mod || !valid_name(mod, ".")) {
		heal_act_why(a, "'%s' is not a module name", mod ? mod : "?");
		goto out;
	}
	if ((dot = strchr(mod, '.')))
		*dot = '\0';
	if (stdlib && in_table(a, stdlib, mod)) {
		heal_act_why(a, "'%s' is in the standard library", mod);
		goto out;
	}
	local = join("", mod);
	if (heal_source_exists(a->src, local, &dir, NULL)) {
		heal_act_why(a, "'%s' is a directory of the project", mod);
		goto out;
	}
	t = table(a, tname ? tname : "python-distributions");
	if (t && heal_json_object_get_str(t, mod))
		dist = heal_json_object_get_str(t, mod);
	if (!dist)
		dist = mod;
	if (!safe_arg(dist) || strchr(dist, '/') || strchr(dist, '=')) {
		heal_act_why(a, "'%s' is not a safe distribution name", dist);
		goto out;
	}
	argv = heal_json_new_array();
	for (i = 0; a->installer && a->installer[i]; i++)
		heal_json_array_append(argv, heal_json_new_string(a->installer[i]));
	if (!a->installer || !a->installer[0]) {
		heal_json_array_append(argv, heal_json_new_string("python3"));
		heal_json_array_append(argv, heal_json_new_string("-m"));
		heal_json_array_append(argv, heal_json_new_string("pip"));
		heal_json_array_append(argv, heal_json_new_string("install"));
	}
	heal_json_array_append(argv, heal_json_new_string(dist));
	argv_to_var(a, argv);
	heal_json_object_set(a->fix, "command", argv);
	heal_vars_set(a->vars, "dist", dist);
	r = 1;
out:
	free(local);
	free(mod);
	return r;
}

/* make: link a library: LDLIBS, or the link recipe itself. */
static int act_add_link_lib(struct heal_act *a, struct heal_error *err)
{
	static const char *const names[] = { "GNUmakefile", "makefile", "Makefile" };
	char *lib = arg(a, "lib", NULL);
	const struct heal_source_file *f = NULL;
	struct heal_buf flag, pat;
	struct heal_regex re;
	const char *g;
	size_t gl, i, ls, ll, k, last_var = 0;
	int r = 0;

	heal_buf_init(&flag, HEAL_BUF_UNBOUNDED);
	heal_buf_init(&pat, HEAL_BUF_UNBOUNDED);
	if (!lib || !valid_name(lib, "+-."))
		goto out;
	for (i = 0; i < 3 && !f; i++)
		if (heal_source_exists(a->src, names[i], NULL, NULL))
			f = get_file(a, names[i]);
	if (!f) {
		heal_act_why(a, "no Makefile in the project root");
		goto out;
	}
	heal_buf_putf(&flag, "-l%s", lib);
	if (find_all(f->data, 0, f->len, flag.data, true, &k, 1)) {
		heal_act_why(a, "the Makefile links %s already", flag.data);
		goto out;
	}
	if (heal_regex_compile(&re, "(?m)^LDLIBS[ \\t]*[:+?]?=[^\\n]*?(?=[ \\t]*\\r?$)", 0, err) == 0 &&
	    heal_regex_match(&re, f->data, f->len, 0) == 1) {
		heal_regex_group(&re, 0, &g, &gl);
		heal_buf_reset(&pat);
		heal_buf_putf(&pat, " %s", flag.data);
		emit(a, f, (size_t)(g - f->data) + gl, (size_t)(g - f->data) + gl,
		     pat.data, pat.len);
		heal_regex_release(&re);
		r = 1;
		goto out;
	}
	heal_regex_release(&re);
	/* a link recipe that ignores LDLIBS gets the flag itself */
	if (!memmem(f->data, f->len, "LDLIBS", 6) &&
	    heal_regex_compile(&re, "(?m)^\\t[^\\n]*-o[ \\t]+[^\\n]*?(?=[ \\t]*\\r?$)", 0, err) == 0) {
		if (heal_regex_match(&re, f->data, f->len, 0) == 1) {
			heal_regex_group(&re, 0, &g, &gl);
			if (!memmem(g, gl, " -c", 3)) {
				heal_buf_reset(&pat);
				heal_buf_putf(&pat, " %s", flag.data);
				emit(a, f, (size_t)(g - f->data) + gl,
				     (size_t)(g - f->data) + gl, pat.data, pat.len);
				r = 1;
			}
		}
		heal_regex_release(&re);
		if (r)
			goto out;
	}
	for (k = 1; heal_source_line(f, k, &ls, &ll); k++) {
		const char *s = f->data + ls;

		if (ll > 0 && s[0] == '\t')
			continue;
		if (memchr(s, '=', ll) && (isalpha((unsigned char)s[0]) || s[0] == '_') &&
		    !(memchr(s, ':', ll) && (const char *)memchr(s, ':', ll) <
		      (const char *)memchr(s, '=', ll) &&
		      ((const char *)memchr(s, ':', ll))[1] != '='))
			last_var = ls + ll + heal_source_eol_len(f, k);
		else if (memchr(s, ':', ll))
			break;
	}
	heal_buf_reset(&pat);
	heal_buf_putf(&pat, "LDLIBS += %s\n", flag.data);
	emit(a, f, last_var, last_var, pat.data, pat.len);
	r = 1;
out:
	if (r)
		heal_vars_set(a->vars, "flag", heal_buf_str(&flag));
	heal_buf_release(&flag);
	heal_buf_release(&pat);
	free(lib);
	return r;
}

/* ---- shared with the other action modules --------------------------------- */

void heal_act_why(struct heal_act *a, const char *fmt, ...)
{
	va_list ap;

	if (!a->why)
		return;
	heal_buf_reset(a->why);
	va_start(ap, fmt);
	heal_buf_vputf(a->why, fmt, ap);
	va_end(ap);
}

char *heal_act_arg(struct heal_act *a, const char *key)
{
	return arg(a, key, NULL);
}

const struct heal_source_file *heal_act_file(struct heal_act *a, const char *rel)
{
	return get_file(a, rel);
}

void heal_act_emit(struct heal_act *a, const struct heal_source_file *f,
		   size_t start, size_t end, const char *text, size_t len)
{
	emit(a, f, start, end, text, len);
}

/* ---- the table ------------------------------------------------------------ */

static const struct heal_action_def actions[] = {
	{ "none", act_none, { NULL }, { NULL } },
	{ "replace", act_replace, { "old", "new", NULL }, { "scope", "word", "file", NULL } },
	{ "insert", act_insert, { "text", NULL }, { "at", "file", "comment", NULL } },
	{ "delete-line", act_delete_line, { NULL }, { "file", NULL } },
	{ "reindent", act_reindent, { NULL }, { "to", "block", "file", NULL } },
	{ "tab-indent", act_tab_indent, { NULL }, { "file", "all", NULL } },
	{ "space-indent", act_space_indent, { NULL }, { "file", NULL } },
	{ "close-block", act_close_block, { NULL }, { "style", "file", NULL } },
	{ "add-keyword", act_add_keyword, { "keyword", "opener", NULL }, { "file", NULL } },
	{ "add-include", act_add_include, { "header", NULL }, { "system", "file", NULL } },
	{ "add-import", act_add_import, { "module", NULL }, { "name", "file", NULL } },
	{ "add-prototype", act_add_prototype, { "name", NULL }, { "file", NULL } },
	{ "delete-declaration", act_delete_declaration, { "name", NULL }, { "file", "assignments", NULL } },
	{ "void-cast", act_void_cast, { "name", NULL }, { "where", "file", NULL } },
	{ "add-return", act_add_return, { NULL }, { "file", "only", NULL } },
	{ "format-spec", act_format_spec, { "conversion", NULL }, { "file", NULL } },
	{ "quote-expansion", act_quote_expansion, { NULL }, { "file", NULL } },
	{ "close-brackets", act_close_brackets, { NULL }, { "file", NULL } },
	{ "remove-import-name", act_remove_import_name, { "name", NULL }, { "file", NULL } },
	{ "regex-replace", act_regex_replace, { "pattern", "replace", NULL }, { "scope", "all", "file", NULL } },
	{ "chmod", act_chmod, { "path", NULL }, { NULL } },
	{ "strip-cr", act_strip_cr, { NULL }, { "file", NULL } },
	{ "mkdir", act_mkdir, { "path", NULL }, { NULL } },
	{ "command", act_command, { "argv", NULL }, { NULL } },
	{ "install", act_install, { "module", NULL }, { "table", "stdlib", NULL } },
	{ "add-link-lib", act_add_link_lib, { "lib", NULL }, { NULL } },
	{ "link-near-definition", heal_act_link_near, { "name", "side", NULL }, { NULL } },
	{ "link-match-declaration", heal_act_link_match_decl, { "name", NULL }, { NULL } },
	{ "link-add-object", heal_act_link_add_object, { "name", NULL }, { NULL } },
	{ "link-one-definition", heal_act_link_one_definition, { "name", NULL }, { NULL } },
};

const struct heal_action_def *heal_actions_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strcmp(actions[i].name, name) == 0)
			return &actions[i];
	return NULL;
}

const char *heal_actions_names(void)
{
	return "none, replace, insert, delete-line, reindent, tab-indent, "
	       "space-indent, close-block, add-keyword, add-include, add-import, "
	       "add-prototype, delete-declaration, void-cast, add-return, "
	       "format-spec, quote-expansion, close-brackets, remove-import-name, "
	       "regex-replace, chmod, strip-cr, mkdir, command, install, add-link-lib, "
	       "link-near-definition, link-match-declaration, link-add-object, "
	       "link-one-definition";
}
