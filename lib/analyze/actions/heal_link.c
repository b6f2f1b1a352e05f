/*
 * heal_link.c - actions for the linker's errors: an undefined reference to
 * a name the project defines under a near name or with another signature,
 * a defining file left out of the Makefile's object list, and a variable
 * or function defined in a header that several files include.
 *
 * Every action looks at the project's C and C++ sources beneath the root
 * (through heal_source), and proposes an edit only when the sources say
 * which side is wrong: the declaration in a header is the contract, a name
 * nothing else uses may be renamed, a list that holds the failing file's
 * object is the link list.  Anything less certain is no fix.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_actions_int.h"
#include "heal_alloc.h"
#include "heal_lang.h"
#include "heal_regex.h"

/* Caps on the walk over the project. */
#define LINK_MAX_FILES 500
#define LINK_MAX_DIRS 2000
#define LINK_MAX_DEPTH 8
#define LINK_MAX_DEFS 5000
#define LINK_MAX_EDITS 256

/* A return type and qualifiers before a function's name (optional). */
#define RE_PREFIX "(?:[A-Za-z_][\\w \\t*&:<>,]*?[ \\t*&:])"
/* A parameter list: no braces or semicolons, one level of parentheses. */
#define RE_PARAMS "(?<params>[^;{}()]*(?:\\([^()]*\\)[^;{}()]*)*)"

static const char *const c_keywords[] = {
	"if", "for", "while", "switch", "return", "sizeof", "do", "else",
	"case", "goto", "typedef", "struct", "union", "enum", NULL
};

static bool is_keyword(const char *s, size_t n)
{
	size_t i;

	for (i = 0; c_keywords[i]; i++)
		if (strlen(c_keywords[i]) == n && memcmp(c_keywords[i], s, n) == 0)
			return true;
	return false;
}

static const char *suffix_of(const char *rel)
{
	const char *dot = strrchr(rel, '.'), *sl = strrchr(rel, '/');

	return dot && (!sl || dot > sl) ? dot + 1 : "";
}

/* Whether rel is a C or C++ file by its suffix: a header, or a source. */
static bool c_family(const char *rel, bool header)
{
	bool h;
	const struct heal_lang *l = heal_lang_of_suffix(rel, &h);

	return l && (l->id == HEAL_LANG_C || l->id == HEAL_LANG_CXX) &&
	       h == header;
}

static bool is_header(const char *rel)
{
	return c_family(rel, true);
}

static bool is_source(const char *rel)
{
	return c_family(rel, false);
}

/* ---- the project's sources --------------------------------------------- */

struct files {
	char **v;
	size_t n;
};

static bool add_source(void *ctx, const char *path, const char *name)
{
	struct files *fs = ctx;

	(void)name;
	if (!is_header(path) && !is_source(path))
		return false;
	if (fs->n >= LINK_MAX_FILES)
		return true;
	fs->v = heal_reallocarray(fs->v, fs->n + 1, sizeof(*fs->v));
	fs->v[fs->n++] = heal_strdup(path);
	return false;
}

/* C and C++ files beneath the root, breadth first, hidden entries aside. */
static void list_sources(struct heal_act *a, struct files *fs)
{
	heal_source_walk(a->src, LINK_MAX_DIRS, LINK_MAX_DEPTH, add_source, fs);
}

static void files_free(struct files *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		free(fs->v[i]);
	free(fs->v);
}

/* A function definition or declaration found in a file. */
struct def {
	const char *file;           /* borrowed from struct files */
	char *name;
	size_t name_off, name_len;
	size_t par_off, par_len;
};

struct defs {
	struct def *v;
	size_t n;
};

static void defs_free(struct defs *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].name);
	free(d->v);
}

/*
 * Scan files (sources when want_headers is false, headers when true) for
 * function definitions (decl false: a body follows, at the start of a
 * line) or declarations (decl true: ';' follows, after a return type),
 * of name only when name is not NULL.
 */
static int scan(struct heal_act *a, const struct files *fs, bool want_headers,
		bool decl, const char *name, struct defs *out,
		struct heal_error *err)
{
	struct heal_regex re;
	char pat[1024];
	size_t i;

	snprintf(pat, sizeof(pat), decl ?
		 "(?m)^[ \\t]*(?!return\\b)(?!typedef\\b)" RE_PREFIX "(?<name>%s)[ \\t]*\\(" RE_PARAMS
		 "\\)[ \\t]*(?:const[ \\t]*)?;" :
		 "(?m)^(?![ \\t#/{}*])" RE_PREFIX "?(?<name>%s)[ \\t]*\\(" RE_PARAMS
		 "\\)[ \\t]*(?:const[ \\t]*)?(?:\\r?\\n[ \\t]*)?\\{",
		 name ? name : "[A-Za-z_]\\w*");
	if (heal_regex_compile(&re, pat, 0, err) < 0)
		return -1;
	for (i = 0; i < fs->n; i++) {
		const struct heal_source_file *f;
		size_t pos = 0;

		if (is_header(fs->v[i]) != want_headers)
			continue;
		f = heal_sources_get(a->src, fs->v[i], NULL);
		while (f && pos < f->len && out->n < LINK_MAX_DEFS &&
		       heal_regex_match(&re, f->data, f->len, pos) == 1) {
			const char *g0, *g, *p;
			size_t g0l, gl, pl;

			heal_regex_group(&re, 0, &g0, &g0l);
			heal_regex_group(&re, (uint32_t)heal_regex_group_number(&re, "name"), &g, &gl);
			heal_regex_group(&re, (uint32_t)heal_regex_group_number(&re, "params"), &p, &pl);
			pos = (size_t)(g0 - f->data) + (g0l ? g0l : 1);
			if (is_keyword(g, gl))
				continue;
			out->v = heal_reallocarray(out->v, out->n + 1, sizeof(*out->v));
			out->v[out->n++] = (struct def){
				.file = fs->v[i], .name = heal_strndup(g, gl),
				.name_off = (size_t)(g - f->data), .name_len = gl,
				.par_off = (size_t)(p - f->data), .par_len = pl,
			};
		}
	}
	heal_regex_release(&re);
	return 0;
}

/* Word occurrences of name in every file, up to max. */
static size_t uses(struct heal_act *a, const struct files *fs, const char *name,
		   size_t max)
{
	size_t i, n = 0, nl = strlen(name);

	for (i = 0; i < fs->n && n < max; i++) {
		const struct heal_source_file *f = heal_sources_get(a->src, fs->v[i], NULL);
		const char *p, *end;

		if (!f)
			continue;
		p = f->data;
		end = f->data + f->len;
		while (n < max && (p = memmem(p, (size_t)(end - p), name, nl))) {
			if ((p == f->data || !heal_act_is_word((unsigned char)p[-1])) &&
			    (p + nl == end || !heal_act_is_word((unsigned char)p[nl])))
				n++;
			p += nl;
		}
	}
	return n;
}

static size_t count_named(const struct defs *d, const char *name)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		n += strcmp(d->v[i].name, name) == 0;
	return n;
}

static const struct def *first_named(const struct defs *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].name, name) == 0)
			return &d->v[i];
	return NULL;
}

/* ---- near names ---------------------------------------------------------- */

/* a and b equal when case and underscores are ignored */
static bool same_loosely(const char *a, const char *b)
{
	for (;;) {
		while (*a == '_')
			a++;
		while (*b == '_')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		a++, b++;
	}
}

/*
 * The one name in d near name, by the strongest kind of nearness that
 * gives exactly one: case and underscores, then edit distance (as
 * heal_closest counts it), then abbreviation either way (a prefix
 * included).  NULL when none, or when several are as near.
 */
static const char *near_name(const struct defs *d, const char *name)
{
	const char **cands = NULL, *win = NULL;
	size_t i, k, n = 0, hits;

	for (i = 0; i < d->n; i++) {
		for (k = 0; k < n && strcmp(cands[k], d->v[i].name) != 0; k++)
			;
		if (k == n && strcmp(d->v[i].name, name) != 0) {
			cands = heal_reallocarray(cands, n + 1, sizeof(*cands));
			cands[n++] = d->v[i].name;
		}
	}
	for (i = hits = 0; i < n; i++)
		if (same_loosely(cands[i], name))
			hits++, win = cands[i];
	if (hits == 0 && n > 0) {
		/* the one at the smallest edit distance; a tie is no answer */
		size_t nl = strlen(name), max = nl <= 4 ? 1 : nl <= 10 ? 2 : 3, best = max + 1, ties = 0;

		for (i = 0; i < n; i++) {
			size_t dist = heal_edit_distance(name, nl, cands[i], strlen(cands[i]), max);

			if (dist < best)
				best = dist, ties = 1, win = cands[i];
			else if (dist == best)
				ties++;
		}
		if (best > max)
			win = NULL;
		else if (ties > 1)
			hits = 2;
	}
	if (hits == 0 && !win) {
		for (i = 0; i < n; i++)
			if (heal_act_abbreviates(cands[i], name, 3) ||
			    heal_act_abbreviates(name, cands[i], 3))
				hits++, win = cands[i];
	}
	if (hits > 1)
		win = NULL;
	free(cands);
	return win;
}

/* ---- link-near-definition ------------------------------------------------- */

static void set_oldnew(struct heal_act *a, const char *old, const char *new,
		       const char *file)
{
	heal_vars_set(a->vars, "old", old);
	heal_vars_set(a->vars, "new", new);
	heal_vars_set(a->vars, "target", file);
}

/* Count (emit false) or rename to win every call "name(" in the files. */
static int rename_calls(struct heal_act *a, const struct files *fs,
			const char *name, const char *win, bool emit,
			struct heal_error *err)
{
	struct heal_regex re;
	char pat[512];
	size_t i, n = 0;

	snprintf(pat, sizeof(pat), "\\b%s(?=[ \\t]*\\()", name);
	if (heal_regex_compile(&re, pat, 0, err) < 0)
		return -1;
	for (i = 0; i < fs->n; i++) {
		const struct heal_source_file *f = heal_sources_get(a->src, fs->v[i], NULL);
		size_t pos = 0;

		while (f && n < LINK_MAX_EDITS && heal_regex_match(&re, f->data, f->len, pos) == 1) {
			const char *g;
			size_t gl;

			heal_regex_group(&re, 0, &g, &gl);
			if (emit)
				heal_act_emit(a, f, (size_t)(g - f->data),
					      (size_t)(g - f->data) + gl, win, strlen(win));
			pos = (size_t)(g - f->data) + gl;
			n++;
		}
	}
	heal_regex_release(&re);
	return (int)n;
}

int heal_act_link_near(struct heal_act *a, struct heal_error *err)
{
	char *name = heal_act_arg(a, "name"), *side = heal_act_arg(a, "side");
	struct files fs = { 0 };
	struct defs defs = { 0 }, decls = { 0 }, hdecl = { 0 };
	const struct def *d;
	const char *win;
	int r = 0;

	if (!heal_act_valid_name(name, NULL) || !side)
		goto out;
	list_sources(a, &fs);
	if (scan(a, &fs, false, false, NULL, &defs, err) < 0 ||
	    scan(a, &fs, true, false, NULL, &defs, err) < 0 ||
	    scan(a, &fs, true, true, NULL, &hdecl, err) < 0 ||
	    scan(a, &fs, false, true, name, &decls, err) < 0) {
		r = -1;
		goto out;
	}
	if ((d = first_named(&defs, name))) {
		heal_act_why(a, "'%s' is defined in '%s'", name, d->file);
		goto out;
	}
	win = near_name(&defs, name);
	if (!win || count_named(&defs, win) != 1) {
		heal_act_why(a, "no single definition with a name near '%s'", name);
		goto out;
	}
	d = first_named(&defs, win);
	if (strcmp(side, "definition") == 0) {
		/* the header's declaration is the contract (for main, the C
		 * runtime's _start that calls it): the definition was
		 * misnamed, and nothing else names it */
		const struct heal_source_file *f = heal_act_file(a, d->file);
		bool entry = strcmp(name, "main") == 0;

		if ((!entry && !count_named(&hdecl, name)) || count_named(&hdecl, win) ||
		    uses(a, &fs, win, 2) != 1 || !f) {
			heal_act_why(a, "'%s' is not declared in a header, or '%s' is declared or used elsewhere",
				     name, win);
			goto out;
		}
		heal_act_emit(a, f, d->name_off, d->name_off + d->name_len, name, strlen(name));
		set_oldnew(a, win, name, d->file);
		r = 1;
	} else {
		/* nothing declares the called name: the calls were misspelled
		 * (they compiled through implicit declarations) */
		int n;

		if (count_named(&hdecl, name) || decls.n) {
			heal_act_why(a, "'%s' is declared: the definition is what is missing", name);
			goto out;
		}
		n = rename_calls(a, &fs, name, win, false, err);
		if (n < 0) {
			r = -1;
			goto out;
		}
		if (n == 0 || n >= LINK_MAX_EDITS ||
		    (size_t)n != uses(a, &fs, name, LINK_MAX_EDITS + 1)) {
			heal_act_why(a, "'%s' is used other than in calls", name);
			goto out;
		}
		rename_calls(a, &fs, name, win, true, err);
		set_oldnew(a, name, win, a->file ? a->file : "");
		r = 1;
	}
out:
	defs_free(&defs);
	defs_free(&decls);
	defs_free(&hdecl);
	files_free(&fs);
	free(name);
	free(side);
	return r;
}

/* ---- link-match-declaration ---------------------------------------------- */

/* s[0..n) with runs of blanks made one space and trimmed, into b. */
static void squeeze(struct heal_buf *b, const char *s, size_t n)
{
	size_t i;
	bool sp = false;

	heal_buf_reset(b);
	for (i = 0; i < n; i++) {
		if (isspace((unsigned char)s[i])) {
			sp = b->len > 0;
			continue;
		}
		if (sp)
			heal_buf_putc(b, ' ');
		sp = false;
		heal_buf_putc(b, s[i]);
	}
	heal_buf_putc(b, '\0');
	b->len--;
}

/* Split a parameter list at its top-level commas: up to max pieces. */
static size_t split_params(const char *s, size_t n, const char **start,
			   size_t *len, size_t max)
{
	size_t i, k = 0, from = 0;
	int depth = 0;

	for (i = 0; i <= n && k < max; i++) {
		if (i < n && (s[i] == '(' || s[i] == '<' || s[i] == '['))
			depth++;
		else if (i < n && (s[i] == ')' || s[i] == '>' || s[i] == ']'))
			depth--;
		else if (i == n || (s[i] == ',' && depth == 0)) {
			start[k] = s + from;
			len[k++] = i - from;
			from = i + 1;
		}
	}
	return k;
}

static const char *const type_words[] = {
	"void", "int", "char", "short", "long", "unsigned", "signed", "float",
	"double", "bool", "const", "volatile", "auto", "size_t", NULL
};

/*
 * A parameter (squeezed) cut into its type and its name: the name is the
 * trailing identifier after the type, unless it is a type word or the
 * parameter is one word.  A default value ("= 3") is dropped.
 */
static void param_parts(const char *p, size_t *type_len, const char **name,
			size_t *name_len)
{
	size_t n = strlen(p), e, b, k;
	const char *eq = strchr(p, '=');

	if (eq)
		n = (size_t)(eq - p);
	while (n > 0 && p[n - 1] == ' ')
		n--;
	e = n;
	b = e;
	while (b > 0 && heal_act_is_word((unsigned char)p[b - 1]))
		b--;
	*name = NULL;
	*name_len = 0;
	*type_len = n;
	if (b == e || b == 0 || isdigit((unsigned char)p[b]))
		return;
	for (k = 0; type_words[k]; k++)
		if (strlen(type_words[k]) == e - b && memcmp(type_words[k], p + b, e - b) == 0)
			return;
	*name = p + b;
	*name_len = e - b;
	while (b > 0 && p[b - 1] == ' ')
		b--;
	*type_len = b;
}

int heal_act_link_match_decl(struct heal_act *a, struct heal_error *err)
{
	char *name = heal_act_arg(a, "name");
	struct files fs = { 0 };
	struct defs defs = { 0 }, hdecl = { 0 };
	const struct heal_source_file *df, *hf;
	struct heal_buf dn, hn, out, dp, hp;
	const char *ds[32], *hs[32];
	size_t dl[32], hl[32], nd, nh, i;
	int r = 0;

	heal_buf_init(&dn, HEAL_BUF_UNBOUNDED);
	heal_buf_init(&hn, HEAL_BUF_UNBOUNDED);
	heal_buf_init(&out, HEAL_BUF_UNBOUNDED);
	heal_buf_init(&dp, HEAL_BUF_UNBOUNDED);
	heal_buf_init(&hp, HEAL_BUF_UNBOUNDED);
	if (!heal_act_valid_name(name, NULL))
		goto out;
	list_sources(a, &fs);
	if (scan(a, &fs, false, false, name, &defs, err) < 0 ||
	    scan(a, &fs, true, true, name, &hdecl, err) < 0) {
		r = -1;
		goto out;
	}
	if (defs.n != 1 || hdecl.n != 1) {
		heal_act_why(a, "%zu definitions and %zu header declarations of '%s' (one each wanted)",
			     defs.n, hdecl.n, name);
		goto out;
	}
	df = heal_act_file(a, defs.v[0].file);
	hf = heal_act_file(a, hdecl.v[0].file);
	if (!df || !hf)
		goto out;
	squeeze(&dn, df->data + defs.v[0].par_off, defs.v[0].par_len);
	squeeze(&hn, hf->data + hdecl.v[0].par_off, hdecl.v[0].par_len);
	nd = split_params(dn.data, dn.len, ds, dl, 32);
	nh = split_params(hn.data, hn.len, hs, hl, 32);
	if (strcmp(dn.data, hn.data) == 0 || nd != nh || nd == 32) {
		heal_act_why(a, "the definition of '%s' takes %zu parameters, its declaration %zu",
			     name, nd, nh);
		goto out;
	}
	/* each parameter: the declaration's type, the definition's name */
	for (i = 0; i < nd; i++) {
		const char *dnm, *hnm;
		size_t dtl, htl, dnl, hnl;

		squeeze(&dp, ds[i], dl[i]);
		squeeze(&hp, hs[i], hl[i]);
		param_parts(dp.data, &dtl, &dnm, &dnl);
		param_parts(hp.data, &htl, &hnm, &hnl);
		if (i)
			heal_buf_puts(&out, ", ");
		if (dtl == htl && memcmp(dp.data, hp.data, dtl) == 0) {
			heal_buf_put(&out, dp.data, dp.len);
			continue;
		}
		heal_buf_put(&out, hp.data, htl);
		if (dnm) {
			if (htl && hp.data[htl - 1] != '*' && hp.data[htl - 1] != '&')
				heal_buf_putc(&out, ' ');
			heal_buf_put(&out, dnm, dnl);
		}
	}
	heal_act_emit(a, df, defs.v[0].par_off, defs.v[0].par_off + defs.v[0].par_len,
		      out.data ? out.data : "", out.len);
	heal_vars_set(a->vars, "target", defs.v[0].file);
	heal_vars_set(a->vars, "old", dn.data);
	heal_vars_setn(a->vars, "new", out.data ? out.data : "", out.len);
	heal_vars_set(a->vars, "header", hdecl.v[0].file);
	r = 1;
out:
	heal_buf_release(&dn);
	heal_buf_release(&hn);
	heal_buf_release(&out);
	heal_buf_release(&dp);
	heal_buf_release(&hp);
	defs_free(&defs);
	defs_free(&hdecl);
	files_free(&fs);
	free(name);
	return r;
}

/* ---- link-add-object ----------------------------------------------------- */

/* Whether word (a path) is one of the blank-separated words of s[0..n). */
static bool has_word(const char *s, size_t n, const char *word)
{
	size_t wl = strlen(word), i = 0;

	while (i < n) {
		size_t j;

		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\\'))
			i++;
		j = i;
		while (j < n && s[j] != ' ' && s[j] != '\t')
			j++;
		if (j - i == wl && memcmp(s + i, word, wl) == 0)
			return true;
		i = j;
	}
	return false;
}

/* path with its suffix replaced by suf ("o", "c"): a new string */
static char *with_suffix(const char *path, const char *suf)
{
	const char *s = suffix_of(path);
	size_t stem = *s ? (size_t)(s - path) - 1 : strlen(path);
	char *p = heal_malloc(stem + strlen(suf) + 2);

	memcpy(p, path, stem);
	p[stem] = '.';
	memcpy(p + stem + 1, suf, strlen(suf) + 1);
	return p;
}

/* End of the logical line starting at line k (continuation lines joined). */
static size_t logical_end(const struct heal_source_file *f, size_t k, size_t *last)
{
	size_t ls, ll;

	while (heal_source_line(f, k, &ls, &ll)) {
		size_t e = ll;

		while (e > 0 && (f->data[ls + e - 1] == ' ' || f->data[ls + e - 1] == '\t'))
			e--;
		if (e == 0 || f->data[ls + e - 1] != '\\' || !heal_source_line(f, k + 1, &ls, &ll)) {
			heal_source_line(f, k, &ls, &ll);
			*last = k;
			return ls + e;
		}
		k++;
	}
	*last = k;
	return f->len;
}

/*
 * Append word to the first list in the Makefile that holds have (the
 * failing file's object or source): a variable's value, else the
 * prerequisites of a rule and the recipe lines that name have as well.
 */
static bool add_to_list(struct heal_act *a, const struct heal_source_file *f,
			const char *have, const char *word)
{
	size_t k, ls, ll, last, end, n = 0;
	char ins[1024];

	snprintf(ins, sizeof(ins), " %s", word);
	for (k = 1; heal_source_line(f, k, &ls, &ll); k = last + 1) {
		const char *s = f->data + ls, *eq = memchr(s, '=', ll), *colon = memchr(s, ':', ll);

		end = logical_end(f, k, &last);
		if (ll == 0 || s[0] == '\t' || s[0] == '#')
			continue;
		if (eq && (!colon || colon > eq || colon + 1 == eq) &&
		    has_word(eq + 1, end - (size_t)(eq + 1 - f->data), have)) {
			heal_act_emit(a, f, end, end, ins, strlen(ins));
			return true;
		}
		if (!eq && colon && colon[1] != ':' &&
		    has_word(colon + 1, end - (size_t)(colon + 1 - f->data), have)) {
			size_t rk, rs, rl;

			heal_act_emit(a, f, end, end, ins, strlen(ins));
			n++;
			/* a recipe that names the objects itself names the new one too */
			for (rk = last + 1; heal_source_line(f, rk, &rs, &rl) && rl > 0 &&
			     f->data[rs] == '\t'; rk++) {
				size_t o, e2;
				const char *hit = NULL, *p = f->data + rs;

				while ((p = memmem(p, rl - (size_t)(p - f->data - rs), have, strlen(have)))) {
					o = (size_t)(p - f->data);
					e2 = o + strlen(have);
					if ((o == rs || f->data[o - 1] == ' ' || f->data[o - 1] == '\t') &&
					    (e2 == rs + rl || f->data[e2] == ' ' || f->data[e2] == '\t')) {
						hit = p;
						break;
					}
					p++;
				}
				if (hit)
					heal_act_emit(a, f, (size_t)(hit - f->data) + strlen(have),
						      (size_t)(hit - f->data) + strlen(have), ins,
						      strlen(ins));
			}
			return true;
		}
	}
	return n > 0;
}

int heal_act_link_add_object(struct heal_act *a, struct heal_error *err)
{
	char *name = heal_act_arg(a, "name");
	struct files fs = { 0 };
	struct defs defs = { 0 };
	const struct heal_source_file *mk;
	char *obj = NULL, *have_o = NULL, *have_c = NULL;
	const char *def;
	int r = 0;

	if (!heal_act_valid_name(name, NULL) || !a->file || !is_source(a->file))
		goto out;
	list_sources(a, &fs);
	if (scan(a, &fs, false, false, name, &defs, err) < 0) {
		r = -1;
		goto out;
	}
	if (defs.n != 1 || strcmp(defs.v[0].file, a->file) == 0) {
		heal_act_why(a, "%zu files define '%s' (one other than '%s' wanted)", defs.n, name,
			     a->file);
		goto out;
	}
	def = defs.v[0].file;
	if (!(mk = heal_act_makefile(a)))
		goto out;
	have_o = with_suffix(a->file, "o");
	have_c = heal_strdup(a->file);
	obj = with_suffix(def, "o");
	if (has_word(mk->data, mk->len, obj) || has_word(mk->data, mk->len, def)) {
		heal_act_why(a, "the Makefile names '%s' already", obj);
		goto out;
	}
	if (add_to_list(a, mk, have_o, obj)) {
		heal_vars_set(a->vars, "new", obj);
	} else if (add_to_list(a, mk, have_c, def)) {
		heal_vars_set(a->vars, "new", def);
	} else {
		heal_act_why(a, "no list in the Makefile holds '%s' or '%s'", have_o, have_c);
		goto out;
	}
	heal_vars_set(a->vars, "target", def);
	r = 1;
out:
	free(obj);
	free(have_o);
	free(have_c);
	defs_free(&defs);
	files_free(&fs);
	free(name);
	return r;
}

/* ---- link-one-definition -------------------------------------------------- */

/* The line after the last #include of f's opening block (0 when none). */
static size_t after_includes(const struct heal_source_file *f)
{
	size_t k, ls, ll, pos = 0;

	for (k = 1; heal_source_line(f, k, &ls, &ll); k++) {
		const char *s = f->data + ls;

		if (ll >= 8 && memcmp(s, "#include", 8) == 0)
			pos = ls + ll + heal_source_eol_len(f, k);
		else if (ll > 0 && (isalpha((unsigned char)s[0]) || s[0] == '_'))
			break;
	}
	return pos;
}

/* The .c file that takes the one definition of header h's variable. */
static const char *home_of(struct heal_act *a, const struct files *fs, const char *h)
{
	const char *base = strrchr(h, '/') ? strrchr(h, '/') + 1 : h, *best = NULL;
	char *stem = with_suffix(h, "");
	size_t i, sl = strlen(stem) - 1;

	for (i = 0; i < fs->n; i++) {
		const struct heal_source_file *f;
		char inc[600];

		if (!is_source(fs->v[i]))
			continue;
		f = heal_sources_get(a->src, fs->v[i], NULL);
		/* #include "counter.h" or "dir/counter.h", not "mycounter.h" */
		snprintf(inc, sizeof(inc), "\"%s\"", base);
		if (!f || !memmem(f->data, f->len, inc, strlen(inc))) {
			inc[0] = '/';
			if (!f || !memmem(f->data, f->len, inc, strlen(inc)))
				continue;
		}
		/* the file named like the header, else the first by name */
		if (strncmp(fs->v[i], stem, sl) == 0 && fs->v[i][sl] == '.') {
			best = fs->v[i];
			break;
		}
		if (!best || strcmp(fs->v[i], best) < 0)
			best = fs->v[i];
	}
	free(stem);
	return best;
}

/* Insert "static inline " before the function definition d in f. */
static void make_inline(struct heal_act *a, const struct heal_source_file *f,
			const struct def *d)
{
	size_t k = heal_source_line_of(f, d->name_off), ls, ll;

	heal_source_line(f, k, &ls, &ll);
	/* "int\nadd(...)": the return type is on the line before */
	if (ls == d->name_off && k > 1)
		heal_source_line(f, k - 1, &ls, &ll);
	heal_act_emit(a, f, ls, ls, "static inline ", 14);
}

int heal_act_link_one_definition(struct heal_act *a, struct heal_error *err)
{
	char *name = heal_act_arg(a, "name");
	const struct heal_source_file *hf = NULL, *cf;
	struct files fs = { 0 };
	struct defs defs = { 0 };
	struct heal_regex re;
	struct heal_buf pat, text;
	const char *g, *home, *hrel = NULL;
	size_t ls = 0, ll = 0, gl, at, i, found = 0;
	bool compiled = false;
	int r = 0;

	heal_buf_init(&pat, HEAL_BUF_UNBOUNDED);
	heal_buf_init(&text, HEAL_BUF_UNBOUNDED);
	if (!heal_act_valid_name(name, NULL))
		goto out;
	list_sources(a, &fs);
	/* a function defined in a header: each includer gets its own copy */
	if (scan(a, &fs, true, false, name, &defs, err) < 0) {
		r = -1;
		goto out;
	}
	if (defs.n == 1) {
		const char *p;

		hf = heal_act_file(a, defs.v[0].file);
		if (!hf)
			goto out;
		heal_source_line(hf, heal_source_line_of(hf, defs.v[0].name_off), &ls, &ll);
		for (p = hf->data + ls; p < hf->data + defs.v[0].name_off; p++)
			if (strncmp(p, "static", 6) == 0 || strncmp(p, "inline", 6) == 0)
				break;
		if (p < hf->data + defs.v[0].name_off) {
			heal_act_why(a, "'%s' is static or inline in '%s' already", name, hf->rel);
			goto out;
		}
		make_inline(a, hf, &defs.v[0]);
		heal_vars_set(a->vars, "target", hf->rel);
		heal_vars_set(a->vars, "header", hf->rel);
		heal_vars_set(a->vars, "new", "static inline");
		heal_vars_set(a->vars, "value", ": each file that includes it gets its own copy");
		r = 1;
		goto out;
	}
	if (defs.n > 1) {
		heal_act_why(a, "%zu headers define '%s'", defs.n, name);
		goto out;
	}
	/* a variable: "TYPE name[N] = init;" alone on its line, in the header
	 * ld names, else in the one header that has such a line */
	heal_buf_putf(&pat,
		      "(?m)^[ \\t]*(?!(?:static|extern|typedef)\\b)(?<decl>[A-Za-z_][\\w \\t*]*?[ \\t*]%s(?:[ \\t]*\\[[^\\]\\n]*\\])*)[ \\t]*(?:=[^;\\n]*)?;[ \\t]*\\r?$",
		      name);
	if (heal_regex_compile(&re, heal_buf_str(&pat), 0, err) < 0) {
		r = -1;
		goto out;
	}
	compiled = true;
	if (a->file && is_header(a->file) && a->line > 0) {
		hf = heal_act_file(a, a->file);
		if (!hf || !heal_source_line(hf, (size_t)a->line, &ls, &ll) ||
		    heal_regex_match(&re, hf->data + ls, ll, 0) != 1)
			hf = NULL;
		else
			found = 1;
	}
	for (i = 0; !found && i < fs.n; i++) {
		const struct heal_source_file *f;

		if (!is_header(fs.v[i]) || !(f = heal_sources_get(a->src, fs.v[i], NULL)) ||
		    heal_regex_match(&re, f->data, f->len, 0) != 1)
			continue;
		hrel = fs.v[i];
		found++;
		for (; i + 1 < fs.n; i++)
			if (is_header(fs.v[i + 1]) &&
			    (f = heal_sources_get(a->src, fs.v[i + 1], NULL)) &&
			    heal_regex_match(&re, f->data, f->len, 0) == 1)
				found++;
	}
	if (found == 1 && hrel) {
		hf = heal_act_file(a, hrel);
		if (hf && heal_regex_match(&re, hf->data, hf->len, 0) == 1) {
			heal_regex_group(&re, 0, &g, &gl);
			heal_source_line(hf, heal_source_line_of(hf, (size_t)(g - hf->data)), &ls, &ll);
			heal_regex_match(&re, hf->data + ls, ll, 0);
		} else {
			hf = NULL;
		}
	}
	if (found != 1 || !hf) {
		heal_act_why(a, "%zu headers define the variable '%s' alone on a line", found, name);
		goto out;
	}
	heal_regex_group(&re, (uint32_t)heal_regex_group_number(&re, "decl"), &g, &gl);
	home = home_of(a, &fs, hf->rel);
	if (!home || !(cf = heal_act_file(a, home))) {
		heal_act_why(a, "no source file includes '%s'", hf->rel);
		goto out;
	}
	/* the header declares it; one source file defines it, as it was */
	heal_buf_puts(&text, "extern ");
	heal_buf_put(&text, g, gl);
	heal_buf_putc(&text, ';');
	while (ll > 0 && (hf->data[ls + ll - 1] == '\r' || hf->data[ls + ll - 1] == ' ' ||
			  hf->data[ls + ll - 1] == '\t'))
		ll--;
	heal_act_emit(a, hf, (size_t)(g - hf->data), ls + ll, text.data, text.len);
	heal_buf_reset(&text);
	at = after_includes(cf);
	heal_buf_puts(&text, at ? "\n" : "");
	heal_buf_put(&text, g, ls + ll - (size_t)(g - hf->data));
	heal_buf_puts(&text, at ? "\n" : "\n\n");
	heal_act_emit(a, cf, at, at, text.data, text.len);
	heal_vars_set(a->vars, "target", home);
	heal_vars_set(a->vars, "header", hf->rel);
	heal_vars_set(a->vars, "new", "extern");
	heal_buf_reset(&text);
	heal_buf_putf(&text, " and define it once in %s", home);
	heal_vars_set(a->vars, "value", heal_buf_str(&text));
	r = 1;
out:
	if (compiled)
		heal_regex_release(&re);
	heal_buf_release(&pat);
	heal_buf_release(&text);
	defs_free(&defs);
	files_free(&fs);
	free(name);
	return r;
}
