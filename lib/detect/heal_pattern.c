/*
 * Pattern files (heal_pattern.h): reading and checking them (heal's own
 * format and GitHub problem matchers), compiling a matcher's regular
 * expressions (when a line first may start it, for a lazy set).  The
 * prefilter over the literals every matcher needs is heal_prefilter.c.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_data.h"
#include "heal_json.h"
#include "heal_json_pack.h"
#include "heal_pattern.h"
#include "heal_record.h"
#include "heal_text.h"

static const char *const field_names[HEAL_PF_COUNT] = {
	"file", "line", "column", "endLine", "endColumn", "severity", "code",
	"message", "hint", "function", "tool", "detail", "dir", "text",
	"more",
};

const char *heal_pattern_field_name(enum heal_pfield f)
{
	return (unsigned)f < HEAL_PF_COUNT ? field_names[f] : "?";
}

void heal_pattern_set_init(struct heal_pattern_set *s)
{
	memset(s, 0, sizeof(*s));
}

/*
 * The matchers' strings (owner, tool, literals, ...): copied into blocks
 * the set owns and frees whole, not one allocation each (start-up copies
 * about five thousand of them from heal's own files).
 */
struct heal_pattern_strs {
	struct heal_pattern_strs *next;
	size_t used, size;
	char mem[];
};

#define STRS_BLOCK 16384

static char *set_strdup(struct heal_pattern_set *s, const char *str)
{
	struct heal_pattern_strs *b = s->strs;
	size_t n = strlen(str) + 1, size;
	char *p;

	if (!b || b->size - b->used < n) {
		size = n > STRS_BLOCK ? n : STRS_BLOCK;
		b = heal_malloc(sizeof(*b) + size);
		b->next = s->strs;
		b->used = 0;
		b->size = size;
		s->strs = b;
	}
	p = b->mem + b->used;
	memcpy(p, str, n);
	b->used += n;
	return p;
}

static void free_strv(char **v, size_t n)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void regex_free(struct heal_regex *re)
{
	if (!re)
		return;
	heal_regex_release(re);
	free(re);
}

/* What compile_matcher makes, released and cleared. */
static void matcher_release_compiled(struct heal_pattern_matcher *m)
{
	size_t i;

	for (i = 0; i < m->nsteps; i++) {
		heal_regex_release(&m->steps[i].re.re);
		regex_free(m->steps[i].skip);
	}
	free(m->steps);
	for (i = 0; i < m->ncont; i++)
		heal_regex_release(&m->cont[i].re);
	free(m->cont);
	free(m->cont_after);
	m->cont_after = NULL;
	regex_free(m->end);
	regex_free(m->strip);
	regex_free(m->hint);
	if (m->next_need) {
		heal_regex_need_release(m->next_need);
		free(m->next_need);
		m->next_need = NULL;
	}
	for (i = 0; i < m->nclassify; i++) {
		heal_regex_release(&m->classify[i].re);
		free(m->classify[i].category);
		free(m->classify[i].code);
		free(m->classify[i].severity);
	}
	free(m->classify);
	m->steps = NULL;
	m->cont = NULL;
	m->classify = NULL;
	m->end = m->strip = m->hint = NULL;
	m->nsteps = m->ncont = m->nclassify = 0;
	m->compiled = false;
}

/* The strings are the set's (set_strdup); the arrays of them are not. */
static void matcher_release(struct heal_pattern_matcher *m)
{
	free(m->literals);
	free(m->lit_ids);
	free(m->gate);
	matcher_release_compiled(m);
	free(m->sev_from);
	free(m->sev_to);
	free(m->default_file);
	free(m->known);
}

void heal_pattern_set_release(struct heal_pattern_set *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n; i++)
		matcher_release(&s->m[i]);
	free(s->m);
	free_strv(s->files, s->nfiles);
	for (i = 0; i < s->ndocs; i++)
		heal_json_arena_free(s->docs[i]);
	free(s->docs);
	heal_json_pack_free(s->pack);
	while (s->strs) {
		struct heal_pattern_strs *next = s->strs->next;

		free(s->strs);
		s->strs = next;
	}
	free(s->relays);
	heal_prefilter_release(&s->pf);
	memset(s, 0, sizeof(*s));
}

/* --- loading ------------------------------------------------------------ */

struct loader {
	struct heal_pattern_set *set; /* the set loaded (NULL: a compile) */
	const char *name;          /* file name, escaped */
	struct heal_error *err;
	char path[256];            /* field path for messages */
	/* the object last looked into, and a bit of each of its keys
	 * (member) */
	const struct heal_json *mobj;
	uint64_t mkeys;
};

/* A bit of a key, by its length and its first and last bytes. */
static inline uint64_t key_bit(const char *k, size_t len)
{
	unsigned h = len ? (unsigned char)k[0] * 7u + (unsigned char)k[len - 1] : 0;

	return (uint64_t)1 << ((h + (unsigned)len * 13u) & 63);
}

/*
 * Member key of object o, or NULL.  A matcher is asked for some forty
 * keys and has a few: the bits of the last object's keys answer most
 * of the absent ones without a search (they were a quarter of the
 * start-up).  The loader's objects do not change while it runs.
 */
static inline const struct heal_json *member(struct loader *L,
					      const struct heal_json *o,
					      const char *key)
{
	size_t i;

	if (!o || o->type != HEAL_JSON_OBJECT)
		return NULL;
	if (o != L->mobj) {
		L->mobj = o;
		L->mkeys = 0;
		for (i = 0; i < o->u.obj.n; i++)
			L->mkeys |= key_bit(o->u.obj.m[i].key, o->u.obj.m[i].keylen);
	}
	if (!(L->mkeys & key_bit(key, strlen(key))))
		return NULL;
	return heal_json_object_get(o, key);
}

__attribute__((format(printf, 3, 4)))
static int fail(struct loader *L, const char *field, const char *fmt, ...)
{
	char msg[HEAL_ERROR_MSG_MAX / 2];
	struct heal_buf raw;
	char *esc;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* member names, roles and decoders come from the file: escape them */
	heal_buf_init(&raw, (size_t)-2);
	/* a file's own error ("more than 256 pattern files") has no field */
	if (!L->path[0] && !(field && *field))
		heal_buf_putf(&raw, "%s: %s", L->name, msg);
	else
		heal_buf_putf(&raw, "%s: %s%s%s: %s", L->name, L->path,
			      field && *field ? "." : "", field ? field : "", msg);
	esc = heal_text_escape_dup(raw.data ? raw.data : "", raw.len);
	heal_buf_release(&raw);
	heal_error_set(L->err, HEAL_ERR_USAGE, "%s", esc);
	free(esc);
	return -1;
}

/* L->path = "problemMatcher[i]", once a matcher at every start: without
 * snprintf's cost */
static void path_index(struct loader *L, size_t i)
{
	static const char head[] = "problemMatcher[";
	char num[24], *q = num + sizeof(num);

	*--q = '\0';
	*--q = ']';
	do {
		*--q = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	memcpy(L->path, head, sizeof(head) - 1);
	memcpy(L->path + sizeof(head) - 1, q, (size_t)(num + sizeof(num) - q));
}

/* The string member key of o in *str, NULL when it is absent or null;
 * -1 when it is no string. */
static int string_member(struct loader *L, const struct heal_json *o,
			 const char *key, const char **str)
{
	const struct heal_json *v = member(L, o, key);

	*str = NULL;
	if (!v || v->type == HEAL_JSON_NULL)
		return 0;
	if (v->type != HEAL_JSON_STRING || !heal_json_string_is_cstr(v))
		return fail(L, key, "must be a string");
	*str = v->u.str.s;
	return 0;
}

/* A string member: a copy the caller frees, or (kept) the set's copy, for
 * a matcher's field. */
static int get_copy(struct loader *L, const struct heal_json *o,
		    const char *key, bool kept, char **out)
{
	const char *str;

	*out = NULL;
	if (string_member(L, o, key, &str) < 0)
		return -1;
	if (str)
		*out = kept ? set_strdup(L->set, str) : heal_strdup(str);
	return 0;
}

static int get_string(struct loader *L, const struct heal_json *o,
		      const char *key, char **out)
{
	return get_copy(L, o, key, false, out);
}

static int get_kept(struct loader *L, const struct heal_json *o,
		    const char *key, char **out)
{
	return get_copy(L, o, key, true, out);
}

static int get_bool(struct loader *L, const struct heal_json *o,
		    const char *key, bool *out)
{
	const struct heal_json *v = member(L, o, key);

	if (!v || v->type == HEAL_JSON_NULL)
		return 0;
	if (v->type != HEAL_JSON_TRUE && v->type != HEAL_JSON_FALSE)
		return fail(L, key, "must be true or false");
	*out = v->type == HEAL_JSON_TRUE;
	return 0;
}

/* A member that is a boolean, or the one word that sets *b and *w both:
 * "unless_seen": "other" (only the records of matchers without "other"
 * count: a summary that lists each failure), "alone": "last". */
static int get_bool_or_word(struct loader *L, const struct heal_json *o,
			    const char *key, const char *word, bool *b, bool *w)
{
	const struct heal_json *v = member(L, o, key);

	if (v && v->type == HEAL_JSON_STRING) {
		if (strcmp(v->u.str.s, word) != 0)
			return fail(L, key, "must be true, false or \"%s\"", word);
		*b = *w = true;
		return 0;
	}
	return get_bool(L, o, key, b);
}

static int get_uint(struct loader *L, const struct heal_json *o,
		    const char *key, int64_t min, int64_t max, int64_t *out)
{
	const struct heal_json *j = member(L, o, key);
	int64_t i;

	if (!j || j->type == HEAL_JSON_NULL)
		return 0;
	if (heal_json_number_int(j, &i) < 0 || i < min || i > max)
		return fail(L, key, "must be an integer from %lld to %lld",
			    (long long)min, (long long)max);
	*out = i;
	return 0;
}

static int get_strv(struct loader *L, const struct heal_json *o,
		    const char *key, size_t maxn, char ***out, size_t *n)
{
	const struct heal_json *v = member(L, o, key);
	size_t i;

	*out = NULL;
	*n = 0;
	if (!v || v->type == HEAL_JSON_NULL)
		return 0;
	if (v->type != HEAL_JSON_ARRAY)
		return fail(L, key, "must be an array of strings");
	if (v->u.arr.n > maxn)
		return fail(L, key, "more than %zu items", maxn);
	if (v->u.arr.n == 0)   /* as if absent: nothing to keep */
		return 0;
	*out = heal_calloc(v->u.arr.n + 1, sizeof(char *));
	for (i = 0; i < v->u.arr.n; i++) {
		const struct heal_json *e = v->u.arr.v[i];

		if (e->type != HEAL_JSON_STRING || !heal_json_string_is_cstr(e) ||
		    e->u.str.len == 0)
			return fail(L, key, "item %zu must be a non-empty string", i);
		(*out)[i] = set_strdup(L->set, e->u.str.s);
		(*n)++;
	}
	return 0;
}

static int compile(struct loader *L, const char *field, const char *pattern,
		   struct heal_regex *re)
{
	struct heal_error e = HEAL_ERROR_INIT;
	char *copy;
	int rc;

	rc = heal_regex_compile(re, heal_pattern_drive_letters(pattern, &copy), 0, &e);
	free(copy);
	if (rc < 0)
		return fail(L, field, "%s", e.msg);
	return 0;
}

static int compile_opt(struct loader *L, const struct heal_json *o,
		       const char *key, struct heal_regex **out)
{
	char *pat;
	int r;

	*out = NULL;
	if (get_string(L, o, key, &pat) < 0)
		return -1;
	if (!pat)
		return 0;
	*out = heal_calloc(1, sizeof(**out));
	r = compile(L, key, pat, *out);
	free(pat);
	return r;
}

/* A regexp and its field groups (indexes or group names). */
static int load_re(struct loader *L, const struct heal_json *o,
		   struct heal_pattern_re *pr)
{
	const struct heal_json *rx = member(L, o, "regexp");
	size_t f;

	for (f = 0; f < HEAL_PF_COUNT; f++)
		pr->group[f] = -1;
	if (!rx || rx->type != HEAL_JSON_STRING || !heal_json_string_is_cstr(rx) ||
	    rx->u.str.len == 0)
		return fail(L, "regexp", "missing or not a non-empty string");
	if (compile(L, "regexp", rx->u.str.s, &pr->re) < 0)
		return -1;
	for (f = 0; f < HEAL_PF_COUNT; f++) {
		const struct heal_json *v = member(L, o, field_names[f]);
		int64_t g;

		if (!v || v->type == HEAL_JSON_NULL)
			goto byname;
		if (v->type == HEAL_JSON_STRING && heal_json_string_is_cstr(v)) {
			int n = heal_regex_group_number(&pr->re, v->u.str.s);

			if (n < 0)
				return fail(L, field_names[f],
					    "no group named '%s' in regexp",
					    v->u.str.s);
			pr->group[f] = n;
			continue;
		}
		if (heal_json_number_int(v, &g) < 0 || g < 0 || g > 1000)
			return fail(L, field_names[f],
				    "must be a group of regexp (0 to %u) or its name",
				    (unsigned)pr->re.ngroups);
		if (g > (int64_t)pr->re.ngroups) {
			/* past the groups: loads, as on GitHub, where the
			 * field is then empty; a message is then the whole
			 * match rather than nothing */
			pr->group[f] = f == HEAL_PF_MESSAGE ? 0 : -1;
			continue;
		}
		pr->group[f] = (int)g;
		continue;
byname:
		/* a named group with the field's name fills it by default */
		pr->group[f] = heal_regex_group_number(&pr->re, field_names[f]);
		if (pr->group[f] < 0 && f == HEAL_PF_END_LINE)
			pr->group[f] = heal_regex_group_number(&pr->re, "end_line");
		if (pr->group[f] < 0 && f == HEAL_PF_END_COLUMN)
			pr->group[f] = heal_regex_group_number(&pr->re, "end_column");
	}
	return 0;
}

static bool key_known(const char *k, const char *const *known)
{
	/* the first byte first: most keys differ there (start-up reads
	 * every member of every default pattern file) */
	for (; *known; known++)
		if (k[0] == (*known)[0] && strcmp(k, *known) == 0)
			return true;
	return false;
}

static int check_keys(struct loader *L, const struct heal_json *o,
		      const char *const *known, bool fields)
{
	size_t i, f;

	for (i = 0; i < o->u.obj.n; i++) {
		const char *k = o->u.obj.m[i].key;

		/* a step's members are fields but for its regexp */
		if (fields) {
			for (f = 0; f < HEAL_PF_COUNT; f++)
				if (k[0] == field_names[f][0] &&
				    strcmp(k, field_names[f]) == 0)
					break;
			if (f < HEAL_PF_COUNT)
				continue;
		}
		if (key_known(k, known))
			continue;
		return fail(L, NULL, "unknown member '%s'", k);
	}
	return 0;
}

/* The known members, the most common first (key_known looks at them in
 * order, for every member of every default pattern file at each start). */
static const char *const step_keys[] = {
	"regexp", "skip", "optional", "loop", "collect", "frame", "locates",
	"fromPath", "kind", NULL,
};

static const char *const matcher_keys[] = {
	"owner", "literals", "pattern", "category", "comment", "tool", "classify",
	"continuation", "severity_map", "continuation_max", "priority", "unit",
	"env", "role", "family", "severity", "max_lines", "hint", "last_resort",
	"column_base", "alone", "summary", "innermost_first", "unless_seen",
	"recipe_line",
	"decode", "attach_notes", "locate", "code_prefix", "end", "default_file",
	"sticky", "relay", "default_message", "prev_line", "expire", "block",
	"strip", "known",
	/* VS Code / GitHub members heal does not use */
	"fileLocation", "source", "applyTo", "background", "base", "label",
	NULL,
};

static const char *const top_keys[] = {
	"heal", "tool", "env", "problemMatcher", "comment", "$schema", NULL,
};

static bool valid_severity(const char *s)
{
	return strcmp(s, "error") == 0 || strcmp(s, "warning") == 0 ||
	       strcmp(s, "note") == 0;
}

/* GitHub writes "notice"; heal says "note". */
static char *norm_severity(char *s)
{
	if (s && (strcmp(s, "notice") == 0 || strcmp(s, "info") == 0)) {
		free(s);
		return heal_strdup("note");
	}
	return s;
}

static int load_steps(struct loader *L, struct heal_pattern_matcher *m,
		      const struct heal_json *pat)
{
	size_t i, base = strlen(L->path);

	if (pat && pat->type == HEAL_JSON_OBJECT) {
		/* a single pattern object is accepted for an array of one */
		m->steps = heal_calloc(1, sizeof(*m->steps));
		m->nsteps = 1;
		if (check_keys(L, pat, step_keys, true) < 0 ||
		    load_re(L, pat, &m->steps[0].re) < 0)
			return -1;
		return 0;
	}
	if (!pat || pat->type != HEAL_JSON_ARRAY || pat->u.arr.n == 0)
		return fail(L, "pattern", "missing or not a non-empty array");
	if (pat->u.arr.n > HEAL_PATTERN_MAX_STEPS)
		return fail(L, "pattern", "more than %d lines",
			    HEAL_PATTERN_MAX_STEPS);
	m->steps = heal_calloc(pat->u.arr.n, sizeof(*m->steps));
	for (i = 0; i < pat->u.arr.n; i++) {
		const struct heal_json *o = pat->u.arr.v[i];
		struct heal_pattern_step *st = &m->steps[i];

		m->nsteps = i + 1;
		snprintf(L->path + base, sizeof(L->path) - base,
			 ".pattern[%zu]", i);
		if (o->type != HEAL_JSON_OBJECT)
			return fail(L, NULL, "must be an object");
		if (check_keys(L, o, step_keys, true) < 0 ||
		    load_re(L, o, &st->re) < 0 ||
		    get_bool(L, o, "loop", &st->loop) < 0 ||
		    get_bool(L, o, "collect", &st->collect) < 0 ||
		    get_bool(L, o, "optional", &st->optional) < 0 ||
		    get_bool(L, o, "frame", &st->frame) < 0 ||
		    get_bool(L, o, "locates", &st->locates) < 0 ||
		    compile_opt(L, o, "skip", &st->skip) < 0)
			return -1;
		if (st->collect)
			st->loop = true;
	}
	L->path[base] = '\0';
	return 0;
}

static int load_cont(struct loader *L, struct heal_pattern_matcher *m,
		     const struct heal_json *c)
{
	size_t i, base = strlen(L->path);
	static const char *const cont_keys[] = { "regexp", "first", "after", NULL };

	if (!c || c->type == HEAL_JSON_NULL)
		return 0;
	if (c->type != HEAL_JSON_ARRAY)
		return fail(L, "continuation", "must be an array");
	if (c->u.arr.n > HEAL_PATTERN_MAX_STEPS * 2)
		return fail(L, "continuation", "too many items");
	m->cont = heal_calloc(c->u.arr.n + 1, sizeof(*m->cont));
	m->cont_after = heal_calloc(c->u.arr.n + 1, sizeof(*m->cont_after));
	for (i = 0; i < c->u.arr.n; i++) {
		const struct heal_json *o = c->u.arr.v[i];
		size_t f;
		bool first = false;
		int64_t after = -1;

		m->cont_after[i] = HEAL_CONT_ANY;
		snprintf(L->path + base, sizeof(L->path) - base,
			 ".continuation[%zu]", i);
		if (o->type == HEAL_JSON_STRING) {
			for (f = 0; f < HEAL_PF_COUNT; f++)
				m->cont[i].group[f] = -1;
			if (!heal_json_string_is_cstr(o) ||
			    compile(L, NULL, o->u.str.s, &m->cont[i].re) < 0)
				return -1;
			m->ncont = i + 1;
			continue;
		}
		if (o->type != HEAL_JSON_OBJECT)
			return fail(L, NULL, "must be a string or an object");
		m->ncont = i + 1;
		if (check_keys(L, o, cont_keys, true) < 0 ||
		    load_re(L, o, &m->cont[i]) < 0 ||
		    get_bool(L, o, "first", &first) < 0 ||
		    get_uint(L, o, "after", 0, HEAL_PATTERN_MAX_STEPS * 2, &after) < 0)
			return -1;
		if (first && after >= 0)
			return fail(L, NULL, "\"first\" and \"after\" exclude each other");
		if (after >= (int64_t)i)
			return fail(L, "after", "must name an earlier item");
		m->cont_after[i] = first ? HEAL_CONT_FIRST :
				   after >= 0 ? (int)after : HEAL_CONT_ANY;
	}
	L->path[base] = '\0';
	return 0;
}

static int load_sevmap(struct loader *L, struct heal_pattern_matcher *m,
		       const struct heal_json *o)
{
	size_t i;

	if (!o || o->type == HEAL_JSON_NULL)
		return 0;
	if (o->type != HEAL_JSON_OBJECT)
		return fail(L, "severity_map", "must be an object");
	if (o->u.obj.n > 64)
		return fail(L, "severity_map", "more than 64 members");
	m->sev_from = heal_calloc(o->u.obj.n + 1, sizeof(char *));
	m->sev_to = heal_calloc(o->u.obj.n + 1, sizeof(char *));
	for (i = 0; i < o->u.obj.n; i++) {
		const struct heal_json *v = o->u.obj.m[i].val;

		if (v->type != HEAL_JSON_STRING || !heal_json_string_is_cstr(v) ||
		    !(valid_severity(v->u.str.s) ||
		      strcmp(v->u.str.s, "notice") == 0))
			return fail(L, "severity_map",
				    "'%s' must map to error, warning or note",
				    o->u.obj.m[i].key);
		m->sev_from[i] = set_strdup(L->set, o->u.obj.m[i].key);
		m->sev_to[i] = strcmp(v->u.str.s, "notice") == 0
				       ? set_strdup(L->set, "note")
				       : set_strdup(L->set, v->u.str.s);
		m->nsev = i + 1;
	}
	return 0;
}

static int load_classify(struct loader *L, struct heal_pattern_matcher *m,
			 const struct heal_json *c)
{
	static const char *const keys[] = { "regexp", "category", "code",
					    "severity", NULL };
	size_t i, base = strlen(L->path);

	if (!c || c->type == HEAL_JSON_NULL)
		return 0;
	if (c->type != HEAL_JSON_ARRAY || c->u.arr.n > 256)
		return fail(L, "classify", "must be an array of at most 256 objects");
	m->classify = heal_calloc(c->u.arr.n + 1, sizeof(*m->classify));
	for (i = 0; i < c->u.arr.n; i++) {
		const struct heal_json *o = c->u.arr.v[i];
		struct heal_pattern_classify *k = &m->classify[i];
		const char *rx;

		snprintf(L->path + base, sizeof(L->path) - base,
			 ".classify[%zu]", i);
		if (o->type != HEAL_JSON_OBJECT)
			return fail(L, NULL, "must be an object");
		if (check_keys(L, o, keys, false) < 0)
			return -1;
		rx = heal_json_object_get_str(o, "regexp");
		if (!rx || !*rx)
			return fail(L, "regexp", "missing or not a non-empty string");
		if (compile(L, "regexp", rx, &k->re) < 0)
			return -1;
		m->nclassify = i + 1;
		if (get_string(L, o, "category", &k->category) < 0 ||
		    get_string(L, o, "code", &k->code) < 0 ||
		    get_string(L, o, "severity", &k->severity) < 0)
			return -1;
		if (k->category && !heal_record_category_ok(k->category))
			return fail(L, "category", "unknown category '%s' (heal-records(5))",
				    k->category);
		k->severity = norm_severity(k->severity);
		if (k->severity && !valid_severity(k->severity))
			return fail(L, "severity", "must be error, warning or note");
	}
	L->path[base] = '\0';
	return 0;
}

static int parse_role(struct loader *L, const char *s, enum heal_prole *out)
{
	static const struct { const char *n; enum heal_prole r; } roles[] = {
		{ "record", HEAL_ROLE_RECORD }, { "context", HEAL_ROLE_CONTEXT },
		{ "note", HEAL_ROLE_NOTE }, { "fixit", HEAL_ROLE_FIXIT },
		{ "ignore", HEAL_ROLE_IGNORE },
		{ "enter_dir", HEAL_ROLE_ENTER_DIR },
		{ "leave_dir", HEAL_ROLE_LEAVE_DIR },
		{ "set_dir", HEAL_ROLE_SET_DIR },
	};
	size_t i;

	*out = HEAL_ROLE_RECORD;
	if (!s)
		return 0;
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(s, roles[i].n) == 0) {
			*out = roles[i].r;
			return 0;
		}
	return fail(L, "role", "unknown role '%s'", s);
}

static const char *const decoders[] = {
	"gcc-json", "shellcheck-json", "terraform-json", "ansible-json",
	"ansible-fatal", NULL,
};

/*
 * The members of a matcher that hold regular expressions, compiled: "end",
 * "strip", "hint", "classify", "continuation" and the steps ("pattern").
 * For a matcher loaded lazily, when it is first used.
 */
/*
 * m->next_need: what the second step's regexp needs (as it is compiled,
 * heal_pattern_drive_letters), when a start on the first step alone is
 * given back if the next line is no second step: that step required,
 * the first neither a loop nor with a skip, the match allowed two lines,
 * no line before it taken.
 */
static void next_need(struct heal_pattern_matcher *m,
		      const struct heal_json *pat)
{
	const struct heal_json *rx;
	struct heal_regex_need *need;
	char *copy;

	if (m->nsteps < 2 || !pat || pat->type != HEAL_JSON_ARRAY ||
	    pat->u.arr.n < 2 || m->steps[1].optional || m->steps[0].loop ||
	    m->steps[0].skip || m->max_lines < 2 || m->prev_line ||
	    m->role != HEAL_ROLE_RECORD || m->decode || m->block)
		return;
	rx = pat->u.arr.v[1]->type == HEAL_JSON_OBJECT ?
	     heal_json_object_get(pat->u.arr.v[1], "regexp") : NULL;
	if (!rx || rx->type != HEAL_JSON_STRING || !heal_json_string_is_cstr(rx))
		return;
	need = heal_malloc(sizeof(*need));
	heal_regex_need_init(need, heal_pattern_drive_letters(rx->u.str.s, &copy));
	free(copy);
	if (!heal_regex_need_clause(need, 0)) {
		heal_regex_need_release(need);
		free(need);
		return;
	}
	m->next_need = need;
}

static int compile_matcher(struct loader *L, struct heal_pattern_matcher *m,
			   const struct heal_json *o)
{
	if (compile_opt(L, o, "end", &m->end) < 0 ||
	    compile_opt(L, o, "strip", &m->strip) < 0 ||
	    compile_opt(L, o, "hint", &m->hint) < 0 ||
	    load_classify(L, m, member(L, o, "classify")) < 0 ||
	    load_cont(L, m, member(L, o, "continuation")) < 0)
		return -1;
	if (m->hint && m->hint->ngroups < 1)
		return fail(L, "hint", "needs a capture group");
	if (load_steps(L, m, member(L, o, "pattern")) < 0)
		return -1;
	next_need(m, member(L, o, "pattern"));
	return 0;
}

/* The shortest literal a derived clause may have: shorter ones would slow
 * the prefilter's scan of every line (heal_pattern.h) */
#define DERIVED_MIN 4

/*
 * The literals of a clause of re's need whose shortest literal is the
 * longest (at least DERIVED_MIN bytes), added to v; false when re needs
 * no such clause (or is caseless: the prefilter is not).
 */
static bool add_need(const struct heal_json *step, struct heal_buf *lits,
		     size_t *n)
{
	const struct heal_json *rx = step && step->type == HEAL_JSON_OBJECT ?
		heal_json_object_get(step, "regexp") : NULL;
	struct heal_regex_need need;
	size_t i, j, best = SIZE_MAX, bestmin = 0;
	bool ok = false;

	if (!rx || rx->type != HEAL_JSON_STRING || !heal_json_string_is_cstr(rx))
		return false;
	heal_regex_need_init(&need, rx->u.str.s);
	for (i = 0; !need.caseless && heal_regex_need_clause(&need, i); i++) {
		size_t min = SIZE_MAX, len;

		for (j = 0; j < heal_regex_need_clause(&need, i); j++) {
			const char *l = heal_regex_need_literal(&need, i, j, &len);

			if (memchr(l, '\0', len))
				len = 0;
			if (len < min)
				min = len;
		}
		if (min >= DERIVED_MIN && min > bestmin &&
		    heal_regex_need_clause(&need, i) <= 64) {
			best = i;
			bestmin = min;
		}
	}
	if (best != SIZE_MAX) {
		for (j = 0; j < heal_regex_need_clause(&need, best); j++) {
			size_t len;
			const char *l = heal_regex_need_literal(&need, best, j, &len);

			heal_buf_put(lits, l, len);
			heal_buf_put(lits, "", 1);
			(*n)++;
		}
		ok = true;
	}
	heal_regex_need_release(&need);
	return ok;
}

/*
 * A matcher without literals (a GitHub problem matcher as published) gets
 * those the regular expressions of its starting steps need
 * (heal_regex_need): a line starts it when the first step matches it (or
 * a later one, past optional steps), or the second where a file-stack
 * group's file line was the line before; each of those steps gives the
 * literals of one clause it needs, and a line must hold one of them all.
 * When the first step needs none but the group's second does, as for a
 * file name on a line of its own, the second's are the matcher's: its
 * head is matched on the line before (heal-patterns(5)).  A step without
 * a usable clause leaves the matcher without literals (every line a
 * candidate).
 */
static void derive_literals(struct heal_pattern_set *s,
			    struct heal_pattern_matcher *m,
			    const struct heal_json *o)
{
	const struct heal_json *pat = heal_json_object_get(o, "pattern");
	const struct heal_json *const *v;
	struct heal_buf lits;
	size_t nv, i, n = 0;
	bool ok = true, group;

	if ((nv = heal_pattern_steps(pat, &pat, &v)) == 0)
		return;
	heal_buf_init(&lits, 64 * 1024);
	for (i = 0; i < nv && ok; i++) {
		const struct heal_json *opt = v[i]->type == HEAL_JSON_OBJECT ?
			heal_json_object_get(v[i], "optional") : NULL;

		ok = add_need(v[i], &lits, &n);
		if (!opt || opt->type != HEAL_JSON_TRUE)
			break;
	}
	group = nv >= 2 && i == 0 && m->role == HEAL_ROLE_RECORD && !m->decode;
	if (group && ok)
		ok = add_need(v[1], &lits, &n);
	else if (group && !ok && v[0]->type == HEAL_JSON_OBJECT) {
		/* the head line has no literal: the group's lines do */
		heal_buf_reset(&lits);
		n = 0;
		ok = add_need(v[1], &lits, &n);
	}
	if (ok && n && !heal_buf_truncated(&lits)) {
		const char *p = heal_buf_str(&lits);

		m->literals = heal_calloc(n, sizeof(char *));
		for (i = 0; i < n; i++) {
			m->literals[i] = set_strdup(s, p);
			p += strlen(p) + 1;
		}
		m->nliterals = n;
	}
	heal_buf_release(&lits);
}

/*
 * A matcher from its object o: the members that hold no regular
 * expression, then, with compile, compile_matcher's.
 */
static int load_matcher(struct loader *L, struct heal_pattern_matcher *m,
			const struct heal_json *o, const char *dtool,
			const char *denv, bool compile)
{
	char *s = NULL;
	int64_t v;

	m->priority = 100;
	m->expire = 0;
	m->cont_max = 8;
	m->max_lines = 200;
	if (o->type != HEAL_JSON_OBJECT)
		return fail(L, NULL, "must be an object");
	if (check_keys(L, o, matcher_keys, false) < 0 ||
	    get_kept(L, o, "owner", &m->owner) < 0 ||
	    get_kept(L, o, "tool", &m->tool) < 0 ||
	    get_kept(L, o, "env", &m->env) < 0 ||
	    get_kept(L, o, "category", &m->category) < 0 ||
	    get_kept(L, o, "severity", &m->severity) < 0 ||
	    get_kept(L, o, "default_message", &m->default_message) < 0 ||
	    get_kept(L, o, "family", &m->family) < 0 ||
	    get_kept(L, o, "decode", &m->decode) < 0 ||
	    get_kept(L, o, "code_prefix", &m->code_prefix) < 0 ||
	    get_bool(L, o, "sticky", &m->sticky) < 0 ||
	    get_bool(L, o, "attach_notes", &m->attach_notes) < 0 ||
	    get_bool_or_word(L, o, "unless_seen", "other", &m->unless_seen,
			     &m->unless_other) < 0 ||
	    get_bool_or_word(L, o, "alone", "last", &m->alone, &m->alone_last) < 0 ||
	    get_bool(L, o, "summary", &m->summary) < 0 ||
	    get_bool(L, o, "relay", &m->relay) < 0 ||
	    get_bool(L, o, "last_resort", &m->last_resort) < 0 ||
	    get_bool(L, o, "locate", &m->locate) < 0 ||
	    get_bool(L, o, "innermost_first", &m->innermost_first) < 0 ||
	    get_bool(L, o, "block", &m->block) < 0 ||
	    get_bool(L, o, "prev_line", &m->prev_line) < 0 ||
	    get_bool(L, o, "recipe_line", &m->recipe_line) < 0 ||
	    get_strv(L, o, "literals", 256, &m->literals, &m->nliterals) < 0 ||
	    get_strv(L, o, "default_file", 16, &m->default_file,
		     &m->ndefault_file) < 0 ||
	    get_strv(L, o, "known", 8, &m->known, &m->nknown) < 0 ||
	    load_sevmap(L, m, member(L, o, "severity_map")) < 0)
		return -1;
	if (m->severity && (strcmp(m->severity, "notice") == 0 ||
			    strcmp(m->severity, "info") == 0))
		m->severity = set_strdup(L->set, "note");
	if (m->severity && !valid_severity(m->severity))
		return fail(L, "severity", "must be error, warning or note");
	if (m->category && !heal_record_category_ok(m->category))
		return fail(L, "category", "unknown category '%s' (heal-records(5))",
			    m->category);
	if (get_string(L, o, "role", &s) < 0)
		return -1;
	if (parse_role(L, s, &m->role) < 0) {
		free(s);
		return -1;
	}
	free(s);
	if (get_string(L, o, "unit", &s) < 0)
		return -1;
	if (s && strcmp(s, "byte") == 0)
		m->unit = HEAL_UNIT_BYTE;
	else if (s && strcmp(s, "char") == 0)
		m->unit = HEAL_UNIT_CHAR;
	else if (s && strcmp(s, "display") == 0)
		m->unit = HEAL_UNIT_DISPLAY;
	else if (s) {
		free(s);
		return fail(L, "unit", "must be byte, char or display");
	}
	free(s);
	if (m->decode && !key_known(m->decode, decoders))
		return fail(L, "decode", "unknown decoder '%s'", m->decode);
	if (get_uint(L, o, "column_base", 0, 1, &v) < 0)
		return -1;
	m->column_base = member(L, o, "column_base") ? (unsigned)v : 1;
	if (get_uint(L, o, "priority", -1000, 1000, &v) < 0)
		return -1;
	if (member(L, o, "priority"))
		m->priority = (int)v;
	else if (m->role == HEAL_ROLE_IGNORE)
		m->priority = 10;
	if (get_uint(L, o, "expire", 0, 1000, &v) < 0)
		return -1;
	if (member(L, o, "expire"))
		m->expire = (unsigned)v;
	if (get_uint(L, o, "continuation_max", 0, 1000, &v) < 0)
		return -1;
	if (member(L, o, "continuation_max"))
		m->cont_max = (unsigned)v;
	if (get_uint(L, o, "max_lines", 1, 100000, &v) < 0)
		return -1;
	if (member(L, o, "max_lines"))
		m->max_lines = (unsigned)v;
	if (!m->tool && dtool)
		m->tool = set_strdup(L->set, dtool);
	else if (!m->tool)
		m->tool = set_strdup(L->set, m->owner ? m->owner : "unknown");
	if (!m->env && denv)
		m->env = set_strdup(L->set, denv);
	if (m->nliterals == 0)
		derive_literals(L->set, m, o);
	if (m->nliterals == 0)
		heal_pattern_derive_gate(m, o);
	if (!compile)
		return 0;
	m->compiled = true;
	return compile_matcher(L, m, o);
}

/* Load doc, read from the file name, whose arena (taken) it lives in. */
static int load_doc(struct heal_pattern_set *s, const char *name,
		    const struct heal_json *doc, struct heal_json_arena *arena,
		    const char *only_tool, bool lazy, struct heal_error *err)
{
	struct loader L = { 0 };
	const struct heal_json *pm;
	const char *dtool, *denv;
	char *ename = heal_text_escape_dup(name, strlen(name));
	size_t i;
	int rc = -1;

	L.set = s;
	L.name = ename;
	L.err = err;
	if (s->nfiles >= HEAL_PATTERN_MAX_FILES) {
		fail(&L, NULL, "more than %d pattern files", HEAL_PATTERN_MAX_FILES);
		goto out;
	}
	if (lazy) {
		/* the matchers keep their objects: the set keeps the document */
		s->docs = heal_reallocarray(s->docs, s->ndocs + 1, sizeof(*s->docs));
		s->docs[s->ndocs++] = arena;
		arena = NULL;
	}
	if (doc->type != HEAL_JSON_OBJECT) {
		fail(&L, NULL, "must be a JSON object with \"problemMatcher\"");
		goto out;
	}
	if (check_keys(&L, doc, top_keys, false) < 0)
		goto out;
	pm = member(&L, doc, "problemMatcher");
	if (!pm || pm->type != HEAL_JSON_ARRAY) {
		fail(&L, "problemMatcher", "missing or not an array");
		goto out;
	}
	dtool = heal_json_object_get_str(doc, "tool");
	denv = heal_json_object_get_str(doc, "env");
	for (i = 0; i < pm->u.arr.n; i++) {
		struct heal_pattern_matcher m = { 0 };

		path_index(&L, i);
		if (s->n >= HEAL_PATTERN_MAX_MATCHERS) {
			fail(&L, NULL, "more than %d matchers in all",
			     HEAL_PATTERN_MAX_MATCHERS);
			goto out;
		}
		if (load_matcher(&L, &m, pm->u.arr.v[i], dtool, denv, !lazy) < 0) {
			matcher_release(&m);
			goto out;
		}
		if (only_tool && strcmp(m.tool, only_tool) != 0 &&
		    !(m.family && strcmp(m.family, only_tool) == 0)) {
			matcher_release(&m);
			continue;
		}
		if (!m.compiled)
			m.def = pm->u.arr.v[i];
		m.set_index = s->nfiles;
		m.file_index = i;
		/* room for every matcher a set may hold, at once: past
		 * malloc's mmap threshold the pages no matcher uses are never
		 * touched, and the array is never copied */
		if (s->n == s->cap) {
			s->cap = HEAL_PATTERN_MAX_MATCHERS;
			s->m = heal_reallocarray(s->m, s->cap, sizeof(*s->m));
		}
		if (m.last_resort)
			s->has_last = true;
		s->m[s->n++] = m;
	}
	s->files = heal_reallocarray(s->files, s->nfiles + 1, sizeof(char *));
	s->files[s->nfiles++] = heal_strdup(name);
	rc = 0;
out:
	heal_json_arena_free(arena);
	free(ename);
	return rc;
}

/* Load name's bytes data[0..len): the pack's document of them when it has
 * it, else parsed. */
static int load_buffer(struct heal_pattern_set *s, const char *name,
		       const char *data, size_t len, const char *only_tool,
		       bool lazy, const struct heal_json_pack *pack,
		       struct heal_error *err)
{
	const char *base = strrchr(name, '/');
	struct heal_json_arena *arena;
	const struct heal_json *doc;
	char *ename;

	doc = heal_json_pack_get(pack, base ? base + 1 : name, data, len,
				 &arena);
	if (!doc)
		doc = heal_json_parse_frozen(data, len, NULL, &arena, err);
	if (!doc) {
		ename = heal_text_escape_dup(name, strlen(name));
		err->code = HEAL_ERR_USAGE;
		heal_error_prefix(err, "%s", ename);
		free(ename);
		return -1;
	}
	return load_doc(s, name, doc, arena, only_tool, lazy, err);
}

int heal_pattern_load_buffer(struct heal_pattern_set *s, const char *name,
			     const char *data, size_t len,
			     const char *only_tool, struct heal_error *err)
{
	return load_buffer(s, name, data, len, only_tool, false, NULL, err);
}

/*
 * Read the file at path into b (emptied first): one read of its size when
 * it is a regular file, so a directory's files reuse one buffer and are
 * copied once.
 */
static int read_pattern_file(const char *path, struct heal_buf *b,
			     struct heal_error *err)
{
	char *e;
	struct stat st;
	ssize_t n;
	int fd, saved;

	b->len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		e = heal_text_escape_dup(path, strlen(path));
		heal_error_sys(err, errno, "cannot open '%s'", e);
		err->code = HEAL_ERR_USAGE;
		free(e);
		return -1;
	}
	/* room for the whole file and one byte more, to see it end (b's
	 * maximum is HEAL_PATTERN_FILE_MAX + 1) */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size <= HEAL_PATTERN_FILE_MAX)
		heal_buf_reserve(b, (size_t)st.st_size + 1);
	for (;;) {
		if (!b->data || b->cap - b->len <= 1)
			heal_buf_reserve(b, b->len + 65536);
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		b->len += (size_t)n;
		b->data[b->len] = '\0';
		if (b->len > HEAL_PATTERN_FILE_MAX) {
			e = heal_text_escape_dup(path, strlen(path));
			heal_error_set(err, HEAL_ERR_USAGE,
				       "%s: larger than %u bytes", e,
				       HEAL_PATTERN_FILE_MAX);
			free(e);
			close(fd);
			return -1;
		}
	}
	saved = errno;
	close(fd);
	if (n < 0) {
		e = heal_text_escape_dup(path, strlen(path));
		heal_error_sys(err, saved, "cannot read '%s'", e);
		free(e);
		return -1;
	}
	return 0;
}

static int load_file(struct heal_pattern_set *s, const char *path,
		     const char *only_tool, bool lazy,
		     const struct heal_json_pack *pack, struct heal_buf *b,
		     struct heal_error *err)
{
	if (read_pattern_file(path, b, err) < 0)
		return -1;
	return load_buffer(s, path, b->data ? b->data : "", b->len, only_tool,
			   lazy, pack, err);
}

int heal_pattern_load_file(struct heal_pattern_set *s, const char *path,
			   const char *only_tool, struct heal_error *err)
{
	struct heal_buf b;
	int rc;

	heal_buf_init(&b, HEAL_PATTERN_FILE_MAX + 1);
	rc = load_file(s, path, only_tool, false, NULL, &b, err);
	heal_buf_release(&b);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_dir(struct heal_pattern_set *s, const char *dir,
		    const char *only_tool, unsigned flags,
		    const struct heal_json_pack *pack, struct heal_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct heal_buf text;
	char **names = NULL;
	size_t n = 0, i;
	int rc = 0;

	if (!d) {
		char *e = heal_text_escape_dup(dir, strlen(dir));

		heal_error_sys(err, errno, "cannot open '%s'", e);
		err->code = HEAL_ERR_USAGE;
		free(e);
		return -1;
	}
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (len < 6 || de->d_name[0] == '.' ||
		    strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		if (n >= HEAL_PATTERN_MAX_FILES)
			break;
		names = heal_reallocarray(names, n + 1, sizeof(char *));
		names[n++] = heal_strdup(de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(char *), cmp_str);
	heal_buf_init(&text, HEAL_PATTERN_FILE_MAX + 1);
	for (i = 0; i < n && rc == 0; i++) {
		struct heal_buf p;
		struct stat st;

		heal_buf_init(&p, 8192);
		if (heal_buf_addf(&p, err, "%s/%s", dir, names[i]) < 0) {
			rc = -1;
		} else if (stat(heal_buf_str(&p), &st) == 0 && S_ISREG(st.st_mode)) {
			/* the pack's document unread when the file's length
			 * and time are those it was made from */
			struct heal_json_arena *arena;
			const struct heal_json *doc = heal_json_pack_get_unread(
				pack, names[i], (size_t)st.st_size, &st.st_mtim,
				&arena);

			rc = doc ? load_doc(s, heal_buf_str(&p), doc, arena,
					    only_tool, flags & HEAL_PATTERN_LAZY,
					    err)
				 : load_file(s, heal_buf_str(&p), only_tool,
					     flags & HEAL_PATTERN_LAZY, pack,
					     &text, err);
		}
		heal_buf_release(&p);
	}
	heal_buf_release(&text);
	free_strv(names, n);
	return rc;
}

int heal_pattern_load_dir(struct heal_pattern_set *s, const char *dir,
			  const char *only_tool, unsigned flags,
			  struct heal_error *err)
{
	return load_dir(s, dir, only_tool, flags, NULL, err);
}

int heal_pattern_load_own(struct heal_pattern_set *s, const char *only_tool,
			  unsigned flags, struct heal_error *err)
{
	char *dir = heal_data_path("patterns");
	char *path;
	int rc;

	/* the documents read from it point into it: the set keeps it */
	if (!s->pack) {
		path = heal_data_pack_path("patterns");
		s->pack = heal_json_pack_open(path);
		free(path);
	}
	rc = load_dir(s, dir, only_tool, flags, s->pack, err);
	free(dir);
	return rc;
}

int heal_pattern_load_path(struct heal_pattern_set *s, const char *path,
			   const char *only_tool, struct heal_error *err)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return heal_pattern_load_dir(s, path, only_tool, 0, err);
	return heal_pattern_load_file(s, path, only_tool, err);
}

int heal_pattern_matcher_compile(const struct heal_pattern_set *s,
				 struct heal_pattern_matcher *m,
				 struct heal_error *err)
{
	struct loader L = { 0 };
	const char *file = m->set_index < s->nfiles ? s->files[m->set_index] : "?";
	char *ename;
	int rc;

	if (m->compiled)
		return 0;
	ename = heal_text_escape_dup(file, strlen(file));
	L.name = ename;
	L.err = err;
	snprintf(L.path, sizeof(L.path), "problemMatcher[%zu]", m->file_index);
	rc = compile_matcher(&L, m, m->def);
	free(ename);
	if (rc < 0) {
		/* as it was: a second use fails the same way */
		matcher_release_compiled(m);
		return -1;
	}
	m->compiled = true;
	m->def = NULL;
	return 0;
}

int heal_pattern_set_compile(struct heal_pattern_set *s, struct heal_error *err)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (heal_pattern_matcher_compile(s, &s->m[i], err) < 0)
			return -1;
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The matchers by priority, in load order within one: their keys
 * (priority, then index) are sorted, not the matchers themselves (a
 * merge sort of the large structs was a tenth of the start-up).
 */
static void sort_matchers(struct heal_pattern_set *s)
{
	uint64_t *key;
	struct heal_pattern_matcher tmp;
	size_t i, j, k;
	bool in_order = true;

	if (s->n < 2)
		return;
	key = heal_calloc(s->n, sizeof(*key));
	for (i = 0; i < s->n; i++) {
		/* int to an order-keeping unsigned: flip the sign bit */
		uint32_t p = (uint32_t)s->m[i].priority ^ 0x80000000u;

		key[i] = (uint64_t)p << 32 | (uint32_t)i;
		in_order = in_order && (i == 0 || key[i - 1] < key[i]);
	}
	if (!in_order) {
		qsort(key, s->n, sizeof(*key), cmp_u64);
		/* m[i] = old m[key[i]], cycle by cycle in place; a placed
		 * entry's key gets its own index */
		for (i = 0; i < s->n; i++) {
			if ((uint32_t)key[i] == i)
				continue;
			tmp = s->m[i];
			for (j = i; (k = (uint32_t)key[j]) != i; j = k) {
				s->m[j] = s->m[k];
				key[j] = j;
			}
			s->m[j] = tmp;
			key[j] = j;
		}
	}
	free(key);
}

int heal_pattern_set_finish(struct heal_pattern_set *s,
			    struct heal_error *err)
{
	size_t i;

	sort_matchers(s);
	free(s->relays);
	s->relays = NULL;
	s->nrelays = 0;
	for (i = 0; i < s->n; i++) {
		s->m[i].index = i;
		if (s->m[i].relay && s->m[i].nliterals) {
			s->relays = heal_reallocarray(s->relays, s->nrelays + 1,
						      sizeof(*s->relays));
			s->relays[s->nrelays++] = i;
		}
	}
	s->compiled = true;
	return heal_prefilter_build(s, err);
}

bool heal_pattern_literal_hit(const struct heal_pattern_matcher *m,
			      const char *line, size_t len)
{
	size_t i;

	if (m->nliterals == 0)
		return true;
	for (i = 0; i < m->nliterals; i++)
		if (memmem(line, len, m->literals[i], strlen(m->literals[i])))
			return true;
	return false;
}

bool heal_pattern_re_match(struct heal_pattern_re *re, const char *line,
			   size_t len)
{
	return heal_regex_match(&re->re, line, len, 0) == 1;
}

bool heal_pattern_get(const struct heal_pattern_re *re, enum heal_pfield f,
		      const char **s, size_t *n)
{
	if (re->group[f] < 0)
		return false;
	return heal_regex_group(&re->re, (uint32_t)re->group[f], s, n);
}
