/*
 * heal_resolve.c - the resolvers a rule runs before its action
 * (heal_actions_resolve): a table look-up, the closest name among
 * candidates gathered from tables, the file, a regex, a directory or
 * words, the closest existing path, the one file of a name, the one file
 * that holds a text, and a byte translation.  Also the edit distance and
 * closest-name search the linker's actions share.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "heal_actions_int.h"
#include "heal_alloc.h"
#include "heal_regex.h"

/* Caps on what one resolver may look at. */
#define ACT_MAX_CANDIDATES 5000
#define ACT_FIND_MAX_DIRS 2000
#define ACT_FIND_MAX_DEPTH 8
#define ACT_HOLDS_MAX_FILES 1000

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

static bool set_has(const struct strset *s, const char *p)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i], p) == 0)
			return true;
	return false;
}

static void set_free(struct strset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static void words_of(struct strset *s, const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t j;

		while (i < n && !(heal_act_is_word((unsigned char)p[i])))
			i++;
		j = i;
		while (j < n && (heal_act_is_word((unsigned char)p[j]) || p[j] == '.' ||
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

		if (!heal_act_is_word((unsigned char)p[i]) ||
		    (i > 0 && heal_act_is_word((unsigned char)p[i - 1]))) {
			i++;
			continue;
		}
		j = i;
		while (j < n && heal_act_is_word((unsigned char)p[j]))
			j++;
		if (!isdigit((unsigned char)p[i]))
			set_add(s, p + i, j - i);
		i = j;
	}
}

/* Group 1 (else the first group that took part) of each match of re in f. */
static void regex_names(struct strset *s, struct heal_regex *re,
			const struct heal_source_file *f)
{
	size_t pos = 0;

	while (pos <= f->len && heal_regex_match(re, f->data, f->len, pos) == 1) {
		const char *g, *g0;
		size_t gl, g0l;
		uint32_t i;

		heal_regex_group(re, 0, &g0, &g0l);
		for (i = 1; i <= re->ngroups; i++)
			if (heal_regex_group(re, i, &g, &gl) && gl > 0) {
				set_add(s, g, gl);
				break;
			}
		pos = (size_t)(g0 - f->data) + (g0l ? g0l : 1);
		if (s->n >= ACT_MAX_CANDIDATES)
			break;
	}
}

/*
 * {"regex": R, "file": F}: the names R finds in F (default the record's
 * file); with "suffix" instead, in each file of the record's file's
 * directory whose name ends so (a Terraform module's .tf files).
 */
static void source_regex(struct heal_act *a, struct strset *s,
			 const struct heal_json *src)
{
	const struct heal_source_file *f;
	struct heal_error e = HEAL_ERROR_INIT;
	struct heal_regex re;
	char *pat = heal_tmpl_dup(a->vars, heal_json_object_get_str(src, "regex"),
				  true, &e);
	const char *suffix = heal_json_object_get_str(src, "suffix");
	char *rel = NULL;

	if (!pat)
		return;
	if (heal_json_object_get_str(src, "file")) {
		char *p = heal_tmpl_dup(a->vars, heal_json_object_get_str(src, "file"),
					false, &e);

		rel = heal_act_project_path(a, p);
		free(p);
		if (!rel) {
			free(pat);
			return;
		}
	}
	if (heal_regex_compile(&re, pat, 0, &e) < 0) {
		free(pat);
		free(rel);
		return;
	}
	free(pat);
	if (suffix && a->file) {
		char *dir = heal_act_dir_of(a->file), **names;
		size_t sl = strlen(suffix);
		ssize_t n = heal_source_list(a->src, *dir ? dir : ".", 0, &names, NULL), i;

		for (i = 0; i < n && s->n < ACT_MAX_CANDIDATES; i++) {
			size_t l = strlen(names[i]);
			char *path;

			if (names[i][0] == '.' || l <= sl || strcmp(names[i] + l - sl, suffix) != 0)
				continue;
			path = heal_act_join(dir, names[i]);
			f = heal_act_file(a, path);
			free(path);
			if (f)
				regex_names(s, &re, f);
		}
		if (n > 0)
			heal_source_list_free(names, (size_t)n);
		free(dir);
	} else {
		f = heal_act_file(a, rel ? rel : a->file);
		if (f)
			regex_names(s, &re, f);
	}
	free(rel);
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
		t = heal_act_table(a, heal_json_object_get_str(src, "table"));
		if (t && t->type == HEAL_JSON_OBJECT)
			for (i = 0; i < t->u.obj.n; i++)
				set_add(s, t->u.obj.m[i].key, t->u.obj.m[i].keylen);
		if (t && t->type == HEAL_JSON_ARRAY)
			for (i = 0; i < t->u.arr.n; i++)
				if (t->u.arr.v[i]->type == HEAL_JSON_STRING)
					set_add(s, t->u.arr.v[i]->u.str.s,
						t->u.arr.v[i]->u.str.len);
	} else if (heal_json_object_get(src, "identifiers")) {
		const struct heal_source_file *f = heal_act_file(a, a->file);

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
	const struct heal_json *skip = heal_act_table(a, heal_json_object_get_str(spec, "skip"));
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

/* The one name of s that is name in other letter case ("flt_max" for
 * "FLT_MAX"), or NULL when none or two are. */
static const char *case_twin(const char *name, const struct strset *s)
{
	const char *win = NULL;
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcasecmp(s->v[i], name) == 0 && strcmp(s->v[i], name) != 0) {
			if (win && strcmp(win, s->v[i]) != 0)
				return NULL;
			win = s->v[i];
		}
	return win;
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
	unless = heal_act_table(a, heal_json_object_get_str(spec, "unless"));
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
	if (heal_json_object_get_bool(spec, "case"))
		win = case_twin(name, &s);
	else
		win = heal_closest(name, (const char *const *)s.v, s.n, (size_t)max);
	if (win && max > 0 && heal_json_object_get_bool(spec, "exact") &&
	    heal_edit_distance(name, strlen(name), win, strlen(win),
			       (size_t)max) > (size_t)max)
		win = NULL; /* only a prefix of it: no shortened names */
	if (!win && !heal_json_object_get_str(spec, "sole") &&
	    heal_json_object_get_bool(spec, "abbrev")) {
		/* "db" for "database": the one name it abbreviates */
		for (i = 0; i < s.n; i++)
			if (heal_act_abbreviates(name, s.v[i], 2)) {
				if (win) {
					win = NULL;
					break;
				}
				win = s.v[i];
			}
	}
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
	const struct heal_json *t = heal_act_table_lacks(a, tname, key) ? NULL : heal_act_table(a, tname), *v;

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
		char *comp = heal_strndup(p, cl), *next = heal_act_join(cur, comp);

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
				next = heal_act_join(cur, comp);
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
				   false, NULL) : heal_act_dir_of(a->file);
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

/*
 * The one text the sources give (closest's "from") that those of "except"
 * do not: a value declared once, read where it is used (a Terraform
 * variable's literal default); the one name used and not declared.  None,
 * or two different ones, give no answer.
 */
static int resolve_single(struct heal_act *a, const struct heal_json *spec,
			  const char *as)
{
	const struct heal_json *from = heal_json_object_get(spec, "from");
	const struct heal_json *except = heal_json_object_get(spec, "except");
	struct strset s = { 0 }, x = { 0 };
	const char *win = NULL;
	size_t i, n = 0;

	for (i = 0; from && i < from->u.arr.n; i++)
		collect(a, &s, from->u.arr.v[i]);
	for (i = 0; except && except->type == HEAL_JSON_ARRAY && i < except->u.arr.n; i++)
		collect(a, &x, except->u.arr.v[i]);
	for (i = 0; i < s.n; i++)
		if (!set_has(&x, s.v[i])) {
			win = s.v[i];
			n++;
		}
	if (x.n >= ACT_MAX_CANDIDATES || s.n >= ACT_MAX_CANDIDATES)
		n = 0; /* a set cut short cannot tell which text is the one */
	if (n == 1)
		heal_vars_set(a->vars, as, win);
	else
		heal_act_why(a, "single: %zu values found, not one", n);
	set_free(&s);
	set_free(&x);
	return n == 1;
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
	if (strcmp(kind, "single") == 0)
		return resolve_single(a, spec, as);
	return heal_error_set(err, HEAL_ERR_INTERNAL, "unknown resolver '%s'", kind);
}
