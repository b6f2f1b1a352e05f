#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_detect.h"
#include "heal_detect_int.h"
#include "heal_fingerprint.h"
#include "heal_lang.h"
#include "heal_record.h"
#include "heal_text.h"

/*
 * Ids already written: SEEN_BUCKETS buckets of SEEN_WAYS 64-bit id prefixes
 * (one cache line each, 512 KB in all).  A bucket keeps its most recent
 * ids; a full one forgets its oldest, so the set never fills up.
 */
#define SEEN_WAYS 8u
#define SEEN_BUCKETS (1u << 13)
#define SEEN_FILES_CAP 4096
#define LOCATE_FILES 128
#define LOCATE_FILE_MAX (1u << 20)

/* --- small helpers ------------------------------------------------------- */

static char *dupn(const char *s, size_t n)
{
	return heal_strndup(s, n);
}

static bool streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static bool parse_u64(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (!s || !*s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 1 || v > HEAL_RECORD_POS_MAX)
		return false;
	*out = v;
	return true;
}

static void set_field(char **slot, const char *s, size_t n, bool overwrite)
{
	char *p;

	if (*slot && !overwrite)
		return;
	free(*slot);
	*slot = dupn(s, n);
	/* a NUL would cut the text short: make it a visible control
	 * character, which no path accepts */
	for (p = *slot; (p = memchr(p, '\0', (size_t)(*slot + n - p))); p++)
		*p = '\x1a';
}

static bool is_location(enum heal_pfield f)
{
	return f == HEAL_PF_FILE || f == HEAL_PF_LINE || f == HEAL_PF_COLUMN ||
	       f == HEAL_PF_END_LINE || f == HEAL_PF_END_COLUMN;
}

static void raw_add(struct rec *r, const char *s, size_t n)
{
	if (r->raw.len && r->raw.len + 1 + n > HEAL_DETECT_RAW_MAX)
		return;
	if (r->raw.len)
		heal_buf_putc(&r->raw, '\n');
	if (n > HEAL_DETECT_RAW_MAX - r->raw.len)
		n = HEAL_DETECT_RAW_MAX - r->raw.len;
	heal_buf_put(&r->raw, s, n);
}

static void detail_add(struct rec *r, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (!n)
		return;
	if (r->detail.len)
		heal_buf_putc(&r->detail, ' ');
	heal_buf_put(&r->detail, s, n);
}

struct rec *heal_detect_rec_new(struct heal_detect *d,
				const struct heal_pattern_matcher *m)
{
	struct rec *r = heal_calloc(1, sizeof(*r));

	r->m = m;
	heal_buf_init(&r->raw, HEAL_DETECT_RAW_MAX + 1);
	heal_buf_init(&r->detail, HEAL_DETECT_RAW_MAX);
	if (d->ndirs) {
		r->cwd = heal_strdup(d->dirs[d->ndirs - 1].path);
		r->cwd_outside = d->dirs[d->ndirs - 1].outside;
	}
	r->truncated = d->line_truncated;
	return r;
}

void heal_detect_rec_free(struct rec *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < HEAL_PF_COUNT; i++)
		free(r->f[i]);
	heal_buf_release(&r->raw);
	heal_buf_release(&r->detail);
	heal_json_free(r->notes);
	heal_json_free(r->fixits);
	heal_json_free(r->stack);
	free(r->cwd);
	free(r);
}

static struct rec *rec_clone(const struct rec *r)
{
	struct rec *c = heal_calloc(1, sizeof(*c));
	size_t i;

	c->m = r->m;
	for (i = 0; i < HEAL_PF_COUNT; i++)
		c->f[i] = r->f[i] ? heal_strdup(r->f[i]) : NULL;
	heal_buf_init(&c->raw, HEAL_DETECT_RAW_MAX + 1);
	heal_buf_init(&c->detail, HEAL_DETECT_RAW_MAX);
	heal_buf_put(&c->raw, r->raw.data ? r->raw.data : "", r->raw.len);
	heal_buf_put(&c->detail, r->detail.data ? r->detail.data : "",
		     r->detail.len);
	c->notes = r->notes ? heal_json_clone(r->notes) : NULL;
	c->fixits = r->fixits ? heal_json_clone(r->fixits) : NULL;
	c->stack = r->stack ? heal_json_clone(r->stack) : NULL;
	c->cwd = r->cwd ? heal_strdup(r->cwd) : NULL;
	c->cwd_outside = r->cwd_outside;
	c->truncated = r->truncated;
	c->pipe_style = r->pipe_style;
	c->caret_style = r->caret_style;
	return c;
}

/* --- paths ---------------------------------------------------------------- */

/*
 * The record form of a printed path: root-relative when inside (1), the
 * printed path when outside (0), NULL when unusable (-1).
 */
static int record_path(struct heal_detect *d, const char *cwd, bool cwd_outside,
		       const char *path, char **out)
{
	size_t len = strlen(path);
	enum heal_rel rel;

	*out = NULL;
	while (len && (path[len - 1] == ' ' || path[len - 1] == '\t'))
		len--;
	if (!heal_record_path_ok(path, len))
		return -1;
	if (cwd_outside && path[0] != '/') {
		struct heal_buf b;

		heal_buf_init(&b, HEAL_RECORD_PATH_MAX);
		if (heal_buf_addf(&b, NULL, "%s/%.*s", cwd, (int)len, path) < 0) {
			heal_buf_release(&b);
			*out = dupn(path, len);
			return 0;
		}
		*out = heal_buf_detach(&b, NULL);
		return 0;
	}
	rel = heal_root_relpath(d->opt.root, cwd, path, len, out);
	if (rel == HEAL_REL_INSIDE)
		return 1;
	if (rel == HEAL_REL_INVALID)
		return -1;
	*out = dupn(path, len);
	return 0;
}

static bool exists_rel(struct heal_detect *d, const char *rel)
{
	struct stat st;

	return fstatat(d->opt.root->fd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* The text of line n of a root-relative file, from a one-file cache. */
static bool source_line(struct heal_detect *d, const char *rel, int64_t n,
			const char **s, size_t *len)
{
	const char *p, *end, *nl;
	int64_t i;

	if (!d->src_path || strcmp(d->src_path, rel) != 0) {
		struct heal_error e = HEAL_ERROR_INIT;

		free(d->src_path);
		d->src_path = heal_strdup(rel);
		heal_buf_reset(&d->src);
		d->src_ok = heal_root_read_file(d->opt.root, rel,
						HEAL_DETECT_SOURCE_FILE_MAX,
						&d->src, &e) == 0;
	}
	if (!d->src_ok || n < 1)
		return false;
	p = d->src.data ? d->src.data : "";
	end = p + d->src.len;
	for (i = 1; i < n; i++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return false;
		p = nl + 1;
	}
	if (p >= end)
		return false;
	nl = memchr(p, '\n', (size_t)(end - p));
	*s = p;
	*len = nl ? (size_t)(nl - p) : (size_t)(end - p);
	if (*len && p[*len - 1] == '\r')
		(*len)--;
	return true;
}

/* --- the output queue and duplicates ------------------------------------ */

static uint64_t hash_bytes(const char *s, size_t n, uint64_t h)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

/* Insert key (never 0) into an open-addressing table; true if it was new. */
static bool table_add(uint64_t *t, size_t cap, size_t *n, uint64_t key,
		      bool *found)
{
	size_t i = (size_t)(key * 0x9E3779B97F4A7C15ull >> 32) & (cap - 1);

	if (!key)
		key = 1;
	*found = false;
	for (;;) {
		if (t[i] == key) {
			*found = true;
			return false;
		}
		if (t[i] == 0)
			break;
		i = (i + 1) & (cap - 1);
	}
	if (*n >= cap / 4 * 3)
		return false;
	t[i] = key;
	(*n)++;
	return true;
}

/* A tool that wrote a record from the current input. */
static uint64_t source_tool_key(const struct heal_detect *d, const char *tool)
{
	const char *src = d->source ? d->source : "";

	return hash_bytes(src, strlen(src) + 1,
			  hash_bytes(tool, strlen(tool) + 1, 1469598103934665603ull));
}

static uint64_t id_key(const char *id)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < 16 && id[i]; i++)
		v = v << 4 | (uint64_t)(id[i] <= '9' ? id[i] - '0' : id[i] - 'a' + 10);
	return v ? v : 1;
}

static int emit_one(struct heal_detect *d, struct heal_json *rec,
		    struct heal_error *err)
{
	d->nemitted++;
	return d->opt.emit(d->opt.emit_ctx, rec, err);
}

static uint64_t *seen_bucket(const struct heal_detect *d, uint64_t key)
{
	size_t b = (size_t)(key * 0x9E3779B97F4A7C15ull >> 40) & (SEEN_BUCKETS - 1);

	return d->seen + b * SEEN_WAYS;
}

/* Whether id (as id_key) was written. */
static bool seen_has(const struct heal_detect *d, uint64_t key)
{
	const uint64_t *b = seen_bucket(d, key);
	size_t i;

	for (i = 0; i < SEEN_WAYS; i++)
		if (b[i] == key)
			return true;
	return false;
}

/* Remember key (not in the set), first in its bucket; the last one goes. */
static void seen_add(struct heal_detect *d, uint64_t key)
{
	uint64_t *b = seen_bucket(d, key);

	memmove(b + 1, b, (SEEN_WAYS - 1) * sizeof(*b));
	b[0] = key;
}

static int queue_pop(struct heal_detect *d, struct heal_error *err)
{
	struct queued q = d->q[d->qhead];
	uint64_t key = id_key(q.id);

	d->qhead = (d->qhead + 1) % HEAL_DETECT_QUEUE;
	d->qn--;
	/* a queued id is never in the set: enqueue drops those */
	if (!seen_has(d, key))
		seen_add(d, key);
	return emit_one(d, q.rec, err);
}

/* Whether a and b (records with one id) say the same thing: the same
 * message and detail, byte for byte. */
static bool same_text(const struct heal_json *a, const struct heal_json *b)
{
	static const char *const keys[] = { "message", "detail", NULL };
	size_t k;

	for (k = 0; keys[k]; k++) {
		const char *x = heal_json_object_get_str(a, keys[k]);
		const char *y = heal_json_object_get_str(b, keys[k]);

		if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0))
			return false;
	}
	return true;
}

static int enqueue(struct heal_detect *d, struct heal_json *rec,
		   const char *id, struct heal_error *err)
{
	size_t i;
	bool found = false;
	size_t k;
	char alt[HEAL_FINGERPRINT_HEX];
	int tries = 0;

again:
	for (i = 0; i < d->qn; i++) {
		struct queued *q = &d->q[(d->qhead + i) % HEAL_DETECT_QUEUE];

		if (strcmp(q->id, id) == 0 && !same_text(q->rec, rec) &&
		    tries < 4) {
			/* the fingerprint normalises numbers and leaves the
			 * detail out: "[Makefile:2: all] Error 2" of a make
			 * is not the "Error 3" of its sub-make, nor two
			 * terraform errors of one title with other details
			 * the same error.  Give it an id of its own. */
			heal_fingerprint(id, heal_json_object_get_str(rec, "message"),
					 heal_json_object_get_str(rec, "detail"),
					 NULL, NULL, NULL, alt);
			heal_json_object_set_str(rec, "id", alt);
			id = alt;
			tries++;
			goto again;
		}
		if (strcmp(q->id, id) == 0) {
			int64_t c = 1;

			heal_json_object_get_int(q->rec, "count", 1, INT64_MAX, &c);
			if (c < HEAL_RECORD_POS_MAX)
				c++;
			heal_json_object_set_int(q->rec, "count", c);
			heal_json_free(rec);
			return 0;
		}
	}
	/* already written: dropped, the record out there is not recounted */
	found = seen_has(d, id_key(id));
	if (found && !d->opt.follow) {
		heal_json_free(rec);
		return 0;
	}
	if (d->opt.follow) {
		/* a repeated error in a followed log is shown again, counted */
		uint64_t key = id_key(id);

		for (k = 0; k < d->nfollow; k++)
			if (d->follow_ids[k] == key)
				break;
		if (k < d->nfollow) {
			d->follow_counts[k]++;
			heal_json_object_set_int(rec, "count",
						 (int64_t)d->follow_counts[k]);
		} else if (d->nfollow < SEEN_FILES_CAP) {
			d->follow_ids[d->nfollow] = key;
			d->follow_counts[d->nfollow++] = 1;
		}
		return emit_one(d, rec, err);
	}
	if (d->qn == HEAL_DETECT_QUEUE && queue_pop(d, err) < 0) {
		heal_json_free(rec);
		return -1;
	}
	i = (d->qhead + d->qn) % HEAL_DETECT_QUEUE;
	d->q[i].rec = rec;
	memcpy(d->q[i].id, id, sizeof(d->q[i].id));
	d->qn++;
	return 0;
}

/* --- finishing a record -------------------------------------------------- */

static bool cpp_file(const char *f)
{
	const struct heal_lang *l = f ? heal_lang_of_name(f, NULL) : NULL;

	return l && l->id == HEAL_LANG_CXX;
}

static bool yaml_file(const char *f)
{
	const struct heal_lang *l = heal_lang_of_name(f, NULL);

	return l && l->id == HEAL_LANG_YAML;
}

static const char *driver_tool(const char *name)
{
	const char *family;
	bool cxx;

	if (!name || !heal_lang_is_compiler(name, &cxx, &family))
		return NULL;
	if (strcmp(family, "clang") == 0)
		return cxx ? "clang++" : "clang";
	return cxx ? "g++" : "gcc";
}

/* gcc and clang print the same format: tell them apart, and C from C++. */
static void refine_compiler(struct heal_detect *d, struct rec *r,
			    const char **tool, const char **env, bool *display)
{
	const char *base = NULL, *t;
	bool cpp;

	t = driver_tool(r->f[HEAL_PF_TOOL]);
	if (!t && d->opt.ncommand)
		t = driver_tool(d->opt.command[0]);
	if (!t && d->cc_style)
		t = d->cc_style;
	if (t)
		base = (strncmp(t, "clang", 5) == 0) ? "clang" : "gcc";
	if (r->pipe_style)
		base = "gcc";
	else if (r->caret_style)
		base = "clang";
	else if (!base && r->f[HEAL_PF_MESSAGE] &&
		 strstr(r->f[HEAL_PF_MESSAGE], "\xe2\x80\x98"))
		base = "gcc";
	if (!base)
		base = "gcc";
	if (r->pipe_style || r->caret_style)
		d->cc_style = base;
	cpp = (t && (streq(t, "g++") || streq(t, "clang++"))) ||
	      cpp_file(r->f[HEAL_PF_FILE]);
	if (streq(base, "clang"))
		*tool = cpp ? "clang++" : "clang";
	else
		*tool = cpp ? "g++" : "gcc";
	*env = cpp ? "cpp" : "c";
	*display = streq(base, "gcc");
}

/* Find "name: NAME" in the project's playbooks: the task or play that
 * failed when ansible printed no file. */
static bool locate_name(struct heal_detect *d, const char *cwd, const char *name,
			char **file, int64_t *line)
{
	static const char *const dirs[] = { "", "playbooks/", NULL };
	size_t nl = strlen(name), k, seen = 0;
	bool hit = false;

	if (!nl || nl > 512)
		return false;
	for (k = 0; dirs[k] && !hit; k++) {
		struct heal_buf dp;
		int fd;
		DIR *dir;
		struct dirent *de;

		heal_buf_init(&dp, HEAL_RECORD_PATH_MAX);
		if (cwd && *cwd && strcmp(cwd, ".") != 0)
			heal_buf_putf(&dp, "%s/", cwd);
		heal_buf_puts(&dp, dirs[k]);
		if (heal_buf_truncated(&dp)) {
			heal_buf_release(&dp);
			continue;
		}
		fd = heal_root_openat(d->opt.root, dp.len ? heal_buf_str(&dp) : ".",
				      O_RDONLY | O_DIRECTORY, 0, NULL);
		if (fd < 0 || !(dir = fdopendir(fd))) {
			if (fd >= 0)
				close(fd);
			heal_buf_release(&dp);
			continue;
		}
		while (!hit && (de = readdir(dir)) && seen < LOCATE_FILES) {
			struct heal_buf fp, content;
			const char *p, *end;
			int64_t ln = 0;

			if (!yaml_file(de->d_name))
				continue;
			seen++;
			heal_buf_init(&fp, HEAL_RECORD_PATH_MAX);
			heal_buf_put(&fp, dp.data ? dp.data : "", dp.len);
			heal_buf_puts(&fp, de->d_name);
			heal_buf_init(&content, LOCATE_FILE_MAX);
			if (!heal_buf_truncated(&fp) &&
			    heal_root_read_file(d->opt.root, heal_buf_str(&fp),
						LOCATE_FILE_MAX, &content, NULL) == 0) {
				p = content.data ? content.data : "";
				end = p + content.len;
				while (p < end && !hit) {
					const char *e = memchr(p, '\n', (size_t)(end - p));
					const char *q = p, *qe;

					e = e ? e : end;
					ln++;
					while (q < e && (*q == ' ' || *q == '-' || *q == '\t'))
						q++;
					qe = e;
					while (qe > q && (qe[-1] == ' ' || qe[-1] == '\r'))
						qe--;
					if ((size_t)(qe - q) > 5 && memcmp(q, "name:", 5) == 0) {
						q += 5;
						while (q < qe && *q == ' ')
							q++;
						if (qe - q >= 2 && (*q == '"' || *q == '\'') &&
						    qe[-1] == *q) {
							q++;
							qe--;
						}
						if ((size_t)(qe - q) == nl && memcmp(q, name, nl) == 0) {
							hit = true;
							*line = ln;
						}
					}
					p = e + 1;
				}
			}
			if (hit)
				*file = heal_buf_detach(&fp, NULL);
			heal_buf_release(&fp);
			heal_buf_release(&content);
		}
		closedir(dir);
		heal_buf_release(&dp);
	}
	return hit;
}

static size_t convert_col(struct heal_detect *d, const char *rel, int64_t line,
			  int64_t col, enum heal_punit unit)
{
	const char *s;
	size_t n;

	if (unit == HEAL_UNIT_BYTE || !rel || line < 1 || col < 1)
		return (size_t)col;
	if (!source_line(d, rel, line, &s, &n))
		return (size_t)col;
	if (unit == HEAL_UNIT_DISPLAY)
		return heal_text_display_to_byte(s, n, (size_t)col,
						 HEAL_TEXT_TABSTOP);
	return heal_text_char_to_byte(s, n, (size_t)col);
}

static void one_line(char *s)
{
	for (; s && *s; s++)
		if (*s == '\n' || *s == '\r' || *s == '\t')
			*s = ' ';
}

static void set_int_or_null(struct heal_json *o, const char *k, int64_t v)
{
	if (v > 0 && v <= HEAL_RECORD_POS_MAX)
		heal_json_object_set_int(o, k, v);
	else
		heal_json_object_set(o, k, heal_json_new_null());
}

static void set_str_or_null(struct heal_json *o, const char *k, const char *v)
{
	if (v)
		heal_json_object_set_str(o, k, v);
	else
		heal_json_object_set(o, k, heal_json_new_null());
}

/*
 * Match a heap string: copied first into a zeroed buffer with slack, as
 * the JIT's wide loads may look (harmlessly) past the end of a subject.
 */
static int match_str(struct heal_detect *d, struct heal_regex *re,
		     const char *s, size_t n)
{
	if (n + 32 <= MSCRATCH) {
		memcpy(d->mscratch, s, n);
		memset(d->mscratch + n, 0, 32);
		s = d->mscratch;
	}
	return heal_regex_match(re, s, n, 0);
}

static bool regex_find(struct heal_detect *d, struct heal_regex *re,
		       const char *s, size_t n, uint32_t g, char **out)
{
	const char *p;
	size_t len;

	if (!s || match_str(d, re, s, n) != 1)
		return false;
	if (!heal_regex_group(re, g, &p, &len) || len == 0)
		return false;
	*out = dupn(p, len);
	return true;
}

int heal_detect_finish_rec(struct heal_detect *d, struct rec *r,
			   struct heal_error *err)
{
	const struct heal_pattern_matcher *m = r->m;
	const char *tool = m->tool, *env = m->env, *sev, *category = m->category;
	char *file = NULL, *code = NULL, *hint = NULL, id[HEAL_FINGERPRINT_HEX];
	const char *roots[3] = { d->opt.root->path, d->opt.root->real, NULL };
	const char *snippet_s = NULL;
	char *snippet = NULL;
	size_t snippet_n = 0, i;
	int64_t line = 0, col = 0, eline = 0, ecol = 0;
	bool display = m->unit == HEAL_UNIT_DISPLAY, outside = false;
	enum heal_punit unit = m->unit;
	struct heal_json *o;
	int inside = -1, rc;

	/* sticky context of this file fills what the record lacks */
	if (d->sticky && d->sticky[m->set_index].set)
		for (i = 0; i < HEAL_PF_COUNT; i++)
			if (!r->f[i] && d->sticky[m->set_index].f[i])
				r->f[i] = heal_strdup(d->sticky[m->set_index].f[i]);
	/* frames: the innermost frame inside the project is the location */
	if (r->stack && r->stack->u.arr.n) {
		const struct heal_json *pick = NULL;
		size_t k;

		for (k = r->stack->u.arr.n; k-- > 0;)
			if (heal_json_object_get_bool(r->stack->u.arr.v[k], "in_project")) {
				pick = r->stack->u.arr.v[k];
				break;
			}
		if (pick) {
			int64_t l = 0;

			free(r->f[HEAL_PF_FILE]);
			r->f[HEAL_PF_FILE] = heal_strdup(heal_json_object_get_str(pick, "file"));
			if (heal_json_object_get_int(pick, "line", 1, HEAL_RECORD_POS_MAX, &l) == 1) {
				char b[32];

				snprintf(b, sizeof(b), "%lld", (long long)l);
				free(r->f[HEAL_PF_LINE]);
				r->f[HEAL_PF_LINE] = heal_strdup(b);
			}
			r->frame_file_rel = true;
		}
	}
	if (r->f[HEAL_PF_SEVERITY]) {
		for (i = 0; i < m->nsev; i++)
			if (strcmp(r->f[HEAL_PF_SEVERITY], m->sev_from[i]) == 0) {
				free(r->f[HEAL_PF_SEVERITY]);
				r->f[HEAL_PF_SEVERITY] = heal_strdup(m->sev_to[i]);
				break;
			}
	}
	sev = r->f[HEAL_PF_SEVERITY] ? r->f[HEAL_PF_SEVERITY]
	      : m->severity ? m->severity : "error";
	if (streq(sev, "notice") || streq(sev, "info"))
		sev = "note";
	if (!streq(sev, "error") && !streq(sev, "warning") && !streq(sev, "note")) {
		/* an unmapped word: lower-case forms of the three, else error */
		if (strncasecmp(sev, "warn", 4) == 0)
			sev = "warning";
		else if (strncasecmp(sev, "note", 4) == 0 ||
			 strncasecmp(sev, "info", 4) == 0)
			sev = "note";
		else
			sev = "error";
	}
	if (r->f[HEAL_PF_CODE] && *r->f[HEAL_PF_CODE]) {
		struct heal_buf cb;

		heal_buf_init(&cb, 4096);
		if (m->code_prefix)
			heal_buf_puts(&cb, m->code_prefix);
		heal_buf_puts(&cb, r->f[HEAL_PF_CODE]);
		code = heal_buf_detach(&cb, NULL);
	}
	if (!r->f[HEAL_PF_MESSAGE])
		r->f[HEAL_PF_MESSAGE] = heal_strdup(code ? code : "");
	one_line(r->f[HEAL_PF_MESSAGE]);
	if (code && r->f[HEAL_PF_MESSAGE]) {
		size_t cl = strlen(code);
		char *msg = r->f[HEAL_PF_MESSAGE];

		if (strncmp(msg, code, cl) == 0 && msg[cl] == ':' && msg[cl + 1] == ' ')
			memmove(msg, msg + cl + 2, strlen(msg + cl + 2) + 1);
	}
	for (i = 0; i < m->nclassify; i++) {
		const struct heal_pattern_classify *k = &m->classify[i];
		const char *msg = r->f[HEAL_PF_MESSAGE];

		if (match_str(d, (struct heal_regex *)&k->re, msg, strlen(msg)) == 1 ||
		    (code && match_str(d, (struct heal_regex *)&k->re, code,
				       strlen(code)) == 1)) {
			if (k->category)
				category = k->category;
			if (k->code && !code)
				code = heal_strdup(k->code);
			if (k->severity)
				sev = k->severity;
			break;
		}
	}
	if (m->hint) {
		if (!regex_find(d, m->hint, r->f[HEAL_PF_MESSAGE],
				strlen(r->f[HEAL_PF_MESSAGE]), 1, &hint) &&
		    r->detail.len)
			regex_find(d, m->hint, r->detail.data, r->detail.len, 1, &hint);
	}
	if (!hint && r->f[HEAL_PF_HINT])
		hint = heal_strdup(r->f[HEAL_PF_HINT]);
	/* location */
	if (r->f[HEAL_PF_FILE] && *r->f[HEAL_PF_FILE]) {
		if (r->frame_file_rel) {
			/* frames in the project hold a root-relative path */
			file = heal_strdup(r->f[HEAL_PF_FILE]);
			inside = 1;
		} else {
			inside = record_path(d, r->cwd, r->cwd_outside,
					     r->f[HEAL_PF_FILE], &file);
		}
	}
	if (!file && m->ndefault_file) {
		for (i = 0; i < m->ndefault_file && !file; i++) {
			char *cand = NULL;

			if (record_path(d, r->cwd, r->cwd_outside, m->default_file[i],
					&cand) == 1 && (exists_rel(d, cand) ||
							i + 1 == m->ndefault_file)) {
				file = cand;
				inside = 1;
			} else {
				free(cand);
			}
		}
	}
	parse_u64(r->f[HEAL_PF_LINE], &line);
	if (!file && m->locate) {
		const char *name = r->f[HEAL_PF_FUNCTION];

		if (name && locate_name(d, r->cwd, name, &file, &line))
			inside = 1;
		if (!file && d->opt.ncommand) {
			/* the playbook on the command line */
			for (i = d->opt.ncommand; i-- > 1;) {
				const char *a = d->opt.command[i];

				if (yaml_file(a)) {
					inside = record_path(d, r->cwd, r->cwd_outside, a,
							     &file);
					break;
				}
			}
		}
	}
	if (inside == -1 && file) {
		free(file);
		file = NULL;
	}
	outside = file && inside == 0;
	parse_u64(r->f[HEAL_PF_COLUMN], &col);
	parse_u64(r->f[HEAL_PF_END_LINE], &eline);
	parse_u64(r->f[HEAL_PF_END_COLUMN], &ecol);
	if (m->family && streq(m->family, "gcc"))
		refine_compiler(d, r, &tool, &env, &display);
	else if (m->family && streq(m->family, "ld"))
		env = (cpp_file(file) ||
		       strstr(r->f[HEAL_PF_MESSAGE], "::") ||
		       strstr(r->f[HEAL_PF_MESSAGE], "std::")) ? "cpp" : "c";
	if (m->family && streq(m->family, "gcc") && !display)
		unit = HEAL_UNIT_BYTE;
	if (r->unit_set)
		unit = r->unit;
	if (r->cols_bytes)
		unit = HEAL_UNIT_BYTE;
	if (file && inside == 1 && line > 0) {
		if (col > 0)
			col = (int64_t)convert_col(d, file, line, col, unit);
		if (ecol > 0)
			ecol = (int64_t)convert_col(d, file, eline > 0 ? eline : line,
						    ecol, unit);
		if (source_line(d, file, line, &snippet_s, &snippet_n))
			snippet = dupn(snippet_s, snippet_n);
	}
	heal_fingerprint(tool, code, r->f[HEAL_PF_MESSAGE], file, snippet, roots, id);
	free(snippet);
	if (m->unless_seen) {
		uint64_t key = source_tool_key(d, tool);
		size_t j = (size_t)(key * 0x9E3779B97F4A7C15ull >> 32) &
			   (SEEN_FILES_CAP - 1);
		bool seen = false;

		while (d->seen_files[j]) {
			if (d->seen_files[j] == key) {
				seen = true;
				break;
			}
			j = (j + 1) & (SEEN_FILES_CAP - 1);
		}
		if (seen) {
			free(file);
			free(code);
			free(hint);
			heal_detect_rec_free(r);
			return 0;
		}
	}
	{
		bool found;
		uint64_t key = source_tool_key(d, tool);

		table_add(d->seen_files, SEEN_FILES_CAP, &d->nseen_files, key,
			  &found);
	}

	o = heal_record_new(HEAL_KIND_ERROR);
	heal_json_object_set_str(o, "id", id);
	heal_json_object_set_str(o, "tool", tool);
	/* env is a string when present (heal-records(5)): a user matcher
	 * that names none gives a record without it, not a null */
	if (env)
		heal_json_object_set_str(o, "env", env);
	heal_json_object_set_str(o, "severity", sev);
	set_str_or_null(o, "category", category);
	set_str_or_null(o, "file", file);
	set_int_or_null(o, "line", line);
	set_int_or_null(o, "column", col);
	set_int_or_null(o, "end_line", eline);
	set_int_or_null(o, "end_column", ecol);
	set_str_or_null(o, "code", code);
	heal_json_object_set_str(o, "message", r->f[HEAL_PF_MESSAGE]);
	if (hint)
		heal_json_object_set_str(o, "hint", hint);
	if (r->detail.len)
		heal_json_object_set(o, "detail",
				     heal_json_new_stringn(r->detail.data, r->detail.len));
	heal_json_object_set(o, "raw",
			     heal_json_new_stringn(r->raw.data ? r->raw.data : "",
						   r->raw.len));
	heal_json_object_set_int(o, "count", 1);
	if (r->notes) {
		heal_json_object_set(o, "notes", r->notes);
		r->notes = NULL;
	}
	if (r->fixits) {
		heal_json_object_set(o, "fixits", r->fixits);
		r->fixits = NULL;
	}
	if (r->stack) {
		heal_json_object_set(o, "stack", r->stack);
		r->stack = NULL;
	}
	heal_json_object_set_str(o, "source", d->source ? d->source : "<stdin>");
	if (d->opt.ncommand) {
		struct heal_json *a = heal_json_new_array();

		for (i = 0; i < d->opt.ncommand; i++)
			heal_json_array_append(a, heal_json_new_string(d->opt.command[i]));
		heal_json_object_set(o, "command", a);
	}
	if (r->truncated)
		heal_json_object_set_bool(o, "truncated", true);
	if (outside)
		heal_json_object_set_bool(o, "outside_root", true);
	free(file);
	free(code);
	free(hint);
	heal_detect_rec_free(r);
	rc = enqueue(d, o, id, err);
	return rc;
}

/* --- notes, fix-its, frames ---------------------------------------------- */

/* Undo the C escapes of a parseable fix-it string. */
static char *unescape_c(const char *s, size_t n)
{
	struct heal_buf b;
	size_t i;

	heal_buf_init(&b, n + 1);
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\\' && i + 1 < n) {
			char e = s[++i];

			if (e >= '0' && e <= '7') {
				unsigned v = 0, k;

				for (k = 0; k < 3 && i < n && s[i] >= '0' && s[i] <= '7'; k++)
					v = v * 8 + (unsigned)(s[i++] - '0');
				i--;
				c = (char)v;
			} else if (e == 'n') {
				c = '\n';
			} else if (e == 't') {
				c = '\t';
			} else if (e == 'r') {
				c = '\r';
			} else {
				c = e;
			}
		}
		heal_buf_putc(&b, c);
	}
	return heal_buf_detach(&b, NULL);
}

static void add_pos(struct heal_detect *d, struct rec *r, struct heal_json *o,
		    const char *file, const char *line, const char *col,
		    const char *eline, const char *ecol)
{
	char *rel = NULL;
	int64_t v;

	if (file) {
		if (record_path(d, r->cwd, r->cwd_outside, file, &rel) >= 0)
			heal_json_object_set_str(o, "file", rel);
		free(rel);
	}
	if (parse_u64(line, &v))
		heal_json_object_set_int(o, "line", v);
	if (parse_u64(col, &v))
		heal_json_object_set_int(o, "column", v);
	if (parse_u64(eline, &v))
		heal_json_object_set_int(o, "end_line", v);
	if (parse_u64(ecol, &v))
		heal_json_object_set_int(o, "end_column", v);
}

static char *grab(const struct heal_pattern_re *re, enum heal_pfield f)
{
	const char *s;
	size_t n;

	char *out = NULL;

	if (!heal_pattern_get(re, f, &s, &n))
		return NULL;
	set_field(&out, s, n, true);
	return out;
}

static void attach_note(struct heal_detect *d, struct rec *r,
			const struct heal_pattern_re *re)
{
	struct heal_json *n = heal_json_new_object();
	char *v[HEAL_PF_COUNT];
	size_t i;

	for (i = 0; i < HEAL_PF_COUNT; i++)
		v[i] = grab(re, (enum heal_pfield)i);
	add_pos(d, r, n, v[HEAL_PF_FILE], v[HEAL_PF_LINE], v[HEAL_PF_COLUMN],
		NULL, NULL);
	heal_json_object_set_str(n, "message", v[HEAL_PF_MESSAGE] ? v[HEAL_PF_MESSAGE] : "");
	if (!r->notes)
		r->notes = heal_json_new_array();
	if (r->notes->u.arr.n < 64)
		heal_json_array_append(r->notes, n);
	else
		heal_json_free(n);
	for (i = 0; i < HEAL_PF_COUNT; i++)
		free(v[i]);
}

static void attach_fixit(struct heal_detect *d, struct rec *r,
			 const struct heal_pattern_re *re, enum heal_punit unit)
{
	struct heal_json *n = heal_json_new_object();
	char *v[HEAL_PF_COUNT];
	const char *s;
	size_t i, len;
	char *text;

	for (i = 0; i < HEAL_PF_COUNT; i++)
		v[i] = grab(re, (enum heal_pfield)i);
	add_pos(d, r, n, v[HEAL_PF_FILE], v[HEAL_PF_LINE], v[HEAL_PF_COLUMN],
		v[HEAL_PF_END_LINE], v[HEAL_PF_END_COLUMN]);
	if (heal_pattern_get(re, HEAL_PF_TEXT, &s, &len))
		text = unescape_c(s, len);
	else
		text = heal_strdup("");
	heal_json_object_set(n, "text", heal_json_new_string(text));
	free(text);
	heal_json_object_set_str(n, "unit", unit == HEAL_UNIT_DISPLAY ? "display"
				 : unit == HEAL_UNIT_CHAR ? "char" : "byte");
	if (!r->fixits)
		r->fixits = heal_json_new_array();
	if (r->fixits->u.arr.n < 256)
		heal_json_array_append(r->fixits, n);
	else
		heal_json_free(n);
	for (i = 0; i < HEAL_PF_COUNT; i++)
		free(v[i]);
}

static void add_frame(struct heal_detect *d, struct rec *r,
		      const struct heal_pattern_re *re)
{
	struct heal_json *fr;
	char *file = grab(re, HEAL_PF_FILE), *rel = NULL;
	char *line = grab(re, HEAL_PF_LINE), *fn = grab(re, HEAL_PF_FUNCTION);
	int64_t v;
	int in;

	if (!r->stack)
		r->stack = heal_json_new_array();
	if (r->stack->u.arr.n >= 256) {
		/* keep the innermost frames: drop the oldest */
		heal_json_free(r->stack->u.arr.v[0]);
		memmove(r->stack->u.arr.v, r->stack->u.arr.v + 1,
			(r->stack->u.arr.n - 1) * sizeof(*r->stack->u.arr.v));
		r->stack->u.arr.n--;
	}
	fr = heal_json_new_object();
	in = file && file[0] != '<' ? record_path(d, r->cwd, r->cwd_outside, file, &rel)
				    : -1;
	if (in >= 0)
		heal_json_object_set_str(fr, "file", rel);
	else
		set_str_or_null(fr, "file", file);
	set_int_or_null(fr, "line", parse_u64(line, &v) ? v : 0);
	set_str_or_null(fr, "function", fn);
	heal_json_object_set_bool(fr, "in_project",
				  in == 1 && !strstr(rel, "site-packages/") &&
				  !strstr(rel, "dist-packages/"));
	heal_json_array_append(r->stack, fr);
	free(file);
	free(rel);
	free(line);
	free(fn);
}

/* Apply a step's (or continuation's) captures to the record. */
static void capture(struct heal_detect *d, struct rec *r,
		    const struct heal_pattern_re *re, bool frame, bool cont)
{
	const char *s;
	size_t n, f;

	if (frame)
		add_frame(d, r, re);
	for (f = 0; f < HEAL_PF_COUNT; f++) {
		if (!heal_pattern_get(re, (enum heal_pfield)f, &s, &n))
			continue;
		if (f == HEAL_PF_DETAIL) {
			detail_add(r, s, n);
			continue;
		}
		if (n == 0 && f != HEAL_PF_MESSAGE)
			continue;
		if (cont)
			set_field(&r->f[f], s, n, f == HEAL_PF_SEVERITY);
		else
			set_field(&r->f[f], s, n, is_location((enum heal_pfield)f));
	}
}

/* --- context -------------------------------------------------------------- */

static void ctx_clear(struct pending_ctx *c)
{
	size_t i;

	for (i = 0; i < HEAL_PF_COUNT; i++) {
		free(c->f[i]);
		c->f[i] = NULL;
	}
	heal_buf_reset(&c->raw);
	c->set = false;
	c->age = 0;
}

static void sticky_set(struct heal_detect *d, const struct heal_pattern_matcher *m,
		       const struct heal_pattern_re *re)
{
	struct sticky_ctx *s;
	const char *v;
	size_t i, n;

	if (!d->sticky)
		d->sticky = heal_calloc(d->ps->nfiles + 1, sizeof(*d->sticky));
	s = &d->sticky[m->set_index];
	/* a new task or play forgets the location of the last one */
	if (heal_pattern_get(re, HEAL_PF_FUNCTION, &v, &n))
		for (i = 0; i < HEAL_PF_COUNT; i++) {
			free(s->f[i]);
			s->f[i] = NULL;
		}
	for (i = 0; i < HEAL_PF_COUNT; i++)
		if (heal_pattern_get(re, (enum heal_pfield)i, &v, &n) && n) {
			free(s->f[i]);
			s->f[i] = dupn(v, n);
		}
	s->set = true;
}

static void ctx_add(struct heal_detect *d, const struct heal_pattern_matcher *m,
		    const struct heal_pattern_re *re, const char *line, size_t len)
{
	struct pending_ctx *c = &d->ctx;
	const char *v;
	size_t i, n;

	if (m->sticky) {
		sticky_set(d, m, re);
		return;
	}
	if (c->set && c->set_index != m->set_index)
		ctx_clear(c);
	c->set = true;
	c->set_index = m->set_index;
	c->age = 0;
	c->expire = m->expire;
	for (i = 0; i < HEAL_PF_COUNT; i++)
		if (heal_pattern_get(re, (enum heal_pfield)i, &v, &n) && n) {
			free(c->f[i]);
			c->f[i] = dupn(v, n);
		}
	if (c->raw.len + len + 1 < HEAL_DETECT_RAW_MAX / 2) {
		if (c->raw.len)
			heal_buf_putc(&c->raw, '\n');
		heal_buf_put(&c->raw, line, len);
	}
}

/* A new record takes the pending context of its pattern file. */
static void ctx_apply(struct heal_detect *d, struct rec *r)
{
	struct pending_ctx *c = &d->ctx;
	size_t i;

	if (!c->set || c->set_index != r->m->set_index)
		return;
	for (i = 0; i < HEAL_PF_COUNT; i++)
		if (c->f[i] && !r->f[i] && i != HEAL_PF_FILE && i != HEAL_PF_LINE &&
		    i != HEAL_PF_COLUMN && i != HEAL_PF_TEXT)
			r->f[i] = heal_strdup(c->f[i]);
	if (c->raw.len)
		raw_add(r, c->raw.data, c->raw.len);
	ctx_clear(c);
}

/* --- records: open, steps, continuation ---------------------------------- */

static int close_rec(struct heal_detect *d, struct heal_error *err)
{
	struct rec *r = d->rec;

	d->rec = NULL;
	if (!r)
		return 0;
	if (r->emitted_each || (r->in_steps && r->step < r->m->nsteps)) {
		/* a loop that already wrote its records, or an unfinished
		 * multi-line match: nothing more to write */
		size_t k;
		bool rest_optional = true;

		for (k = r->step; k < r->m->nsteps; k++)
			if (!r->m->steps[k].optional)
				rest_optional = false;
		if (r->emitted_each || !rest_optional) {
			heal_detect_rec_free(r);
			return 0;
		}
	}
	return heal_detect_finish_rec(d, r, err);
}

/* Where the matcher's view of a line starts (after its "strip"). */
static size_t strip_off(const struct heal_pattern_matcher *m, const char *line,
			size_t len)
{
	const char *s;
	size_t n;

	if (!m->strip || heal_regex_match(m->strip, line, len, 0) != 1 ||
	    !heal_regex_group(m->strip, 0, &s, &n) || s != line)
		return 0;
	return n;
}

/* Patterns see at most the first HEAL_DETECT_MATCH_MAX bytes of a line. */
static bool re_match(struct heal_pattern_re *re, const char *s, size_t n)
{
	return heal_pattern_re_match(re, s, n > HEAL_DETECT_MATCH_MAX ?
					    HEAL_DETECT_MATCH_MAX : n);
}

/* A last-step loop of GitHub's kind: one record per matching line. */
static int emit_each(struct heal_detect *d, struct rec *r,
		     struct heal_pattern_step *st, const char *line, size_t len,
		     struct heal_error *err)
{
	struct rec *c = rec_clone(r);

	capture(d, c, &st->re, st->frame, false);
	heal_buf_reset(&c->raw);
	raw_add(c, r->raw.data ? r->raw.data : "", r->raw.len);
	raw_add(c, line, len);
	r->emitted_each = true;
	return heal_detect_finish_rec(d, c, err);
}

/* The record's matcher is a JSON block: start collecting. */
static void block_start(struct heal_detect *d, const struct heal_pattern_matcher *m,
			const char *line, size_t len);

/*
 * The line continues a multi-line match.  1: consumed; 0: not, the record
 * is complete or abandoned and the line must be looked at afresh.
 */
static int steps_line(struct heal_detect *d, const char *line, size_t len,
		      struct heal_error *err)
{
	struct rec *r = d->rec;
	const struct heal_pattern_matcher *m = r->m;
	struct heal_pattern_step *steps = m->steps;
	size_t off = strip_off(m, line, len), k;
	const char *v = line + off;
	size_t vn = len - off;

	if (++r->lines > m->max_lines) {
		heal_detect_rec_free(r);
		d->rec = NULL;
		return 0;
	}
	for (k = r->step; k < m->nsteps; k++) {
		if (re_match(&steps[k].re, v, vn)) {
			raw_add(r, line, len);
			if (steps[k].loop && !steps[k].collect && k + 1 == m->nsteps) {
				r->step = k + 1;
				return emit_each(d, r, &steps[k], line, len, err) < 0 ? -1 : 1;
			}
			capture(d, r, &steps[k].re, steps[k].frame, false);
			r->step = k + 1;
			if (r->step == m->nsteps && !steps[k].loop) {
				r->in_steps = false;
				r->ncont = 0;
			}
			return 1;
		}
		if (!steps[k].optional)
			break;
	}
	if (r->step > 0) {
		struct heal_pattern_step *prev = &steps[r->step - 1];

		if (prev->loop && re_match(&prev->re, v, vn)) {
			raw_add(r, line, len);
			if (!prev->collect && r->step == m->nsteps)
				return emit_each(d, r, prev, line, len, err) < 0 ? -1 : 1;
			capture(d, r, &prev->re, prev->frame, false);
			return 1;
		}
		if (prev->skip && heal_regex_match(prev->skip, v, vn, 0) == 1) {
			raw_add(r, line, len);
			return 1;
		}
	}
	/* the pattern ends here: complete when what is left is optional */
	for (k = r->step; k < m->nsteps; k++)
		if (!steps[k].optional)
			break;
	if (k < m->nsteps || r->emitted_each) {
		heal_detect_rec_free(r);
		d->rec = NULL;
		return 0;
	}
	r->in_steps = false;
	r->ncont = 0;
	return 0;
}

static void note_style(struct rec *r, const char *line, size_t len)
{
	size_t i = 0;
	bool caret = false;

	while (i < len && line[i] == ' ')
		i++;
	while (i < len && line[i] >= '0' && line[i] <= '9')
		i++;
	if (i + 1 < len && line[i] == ' ' && line[i + 1] == '|') {
		r->pipe_style = true;
		return;
	}
	if (i < len && line[i] == '|') {
		r->pipe_style = true;
		return;
	}
	for (i = 0; i < len; i++) {
		if (line[i] == '^')
			caret = true;
		else if (line[i] != ' ' && line[i] != '~' && line[i] != '\t')
			return;
	}
	if (caret)
		r->caret_style = true;
}

/* The open record may take the line as a continuation.  1: taken. */
static int cont_line(struct heal_detect *d, const char *line, size_t len)
{
	struct rec *r = d->rec;
	const struct heal_pattern_matcher *m = r->m;
	size_t off = strip_off(m, line, len), k;
	const char *v = line + off;
	size_t vn = len - off;

	if (m->end && heal_regex_match(m->end, v, vn, 0) == 1) {
		raw_add(r, line, len);
		return 2;
	}
	if (r->ncont >= m->cont_max)
		return 0;
	for (k = 0; k < m->ncont; k++)
		if (re_match(&m->cont[k], v, vn)) {
			raw_add(r, line, len);
			capture(d, r, &m->cont[k], false, true);
			r->ncont++;
			if (m->family && streq(m->family, "gcc"))
				note_style(r, v, vn);
			return 1;
		}
	return 0;
}

static void dir_enter(struct heal_detect *d, const char *dir, size_t n)
{
	struct make_dir *md;
	char *rel = NULL;
	const char *cwd = d->ndirs ? d->dirs[d->ndirs - 1].path : NULL;
	enum heal_rel k;

	if (d->ndirs == DIR_DEPTH)
		return;
	md = &d->dirs[d->ndirs];
	k = heal_root_relpath(d->opt.root, cwd, dir, n, &rel);
	if (k == HEAL_REL_INSIDE) {
		md->path = rel;
		md->outside = false;
	} else if (k == HEAL_REL_OUTSIDE && dir[0] == '/') {
		md->path = dupn(dir, n);
		md->outside = true;
	} else {
		return;
	}
	d->ndirs++;
}

static void dir_leave(struct heal_detect *d)
{
	if (!d->ndirs)
		return;
	d->ndirs--;
	free(d->dirs[d->ndirs].path);
	d->dirs[d->ndirs].path = NULL;
}

static bool severity_is_note(const struct heal_pattern_matcher *m,
			     const struct heal_pattern_re *re)
{
	const char *s;
	size_t n, i;

	if (!heal_pattern_get(re, HEAL_PF_SEVERITY, &s, &n))
		return m->severity && streq(m->severity, "note");
	for (i = 0; i < m->nsev; i++)
		if (strlen(m->sev_from[i]) == n && memcmp(m->sev_from[i], s, n) == 0)
			return streq(m->sev_to[i], "note");
	return n == 4 && memcmp(s, "note", 4) == 0;
}

/*
 * Try every matcher on a line that may start something.  1: handled;
 * 0: no matcher took it; -1: error.
 */
static int try_start(struct heal_detect *d, const char *line, size_t len,
		     struct heal_error *err)
{
	const struct heal_pattern_set *ps = d->ps;
	size_t i, k;
	bool bits = !ps->pf.all;

	if (bits) {
		/* one pass finds every literal in the line */
		memset(d->litbits, 0, d->nlitwords * sizeof(uint64_t));
		heal_prefilter_line(&ps->pf, line, len, d->litbits);
	}
	for (i = 0; i < ps->n; i++) {
		struct heal_pattern_matcher *m = &ps->m[i];
		size_t off;
		const char *v;
		size_t vn;
		struct rec *r;

		if (bits ? !heal_pattern_bits_hit(m, d->litbits)
			 : !heal_pattern_literal_hit(m, line, len))
			continue;
		/* a matcher loaded lazily is compiled when a line may start it */
		if (!m->compiled && heal_pattern_matcher_compile(ps, m, err) < 0)
			return -1;
		off = strip_off(m, line, len);
		v = line + off;
		vn = len - off;
		for (k = 0; k < m->nsteps; k++) {
			if (re_match(&m->steps[k].re, v, vn))
				break;
			if (!m->steps[k].optional) {
				k = m->nsteps;
				break;
			}
		}
		if (k == m->nsteps)
			continue;
		if (m->block) {
			/* a JSON document: its "{" is the line before */
			if (!(d->prev_len >= 1 && d->prev[0] == '{' &&
			      (d->prev_len == 1 || d->prev[1] == ' ' ||
			       d->prev[1] == '\r')))
				continue;
			if (close_rec(d, err) < 0)
				return -1;
			block_start(d, m, line, len);
			return 1;
		}
		if (m->decode) {
			int rc;
			const char *s = v;
			size_t n = vn;

			if (heal_pattern_get(&m->steps[k].re, HEAL_PF_TEXT, &s, &n)) {
				/* decode just the captured text */
			}
			if (close_rec(d, err) < 0)
				return -1;
			rc = heal_detect_decode(d, m, s, n, err);
			if (rc < 0)
				return -1;
			if (rc == 0)
				continue;
			return 1;
		}
		switch (m->role) {
		case HEAL_ROLE_IGNORE:
			if (close_rec(d, err) < 0)
				return -1;
			return 1;
		case HEAL_ROLE_ENTER_DIR:
		case HEAL_ROLE_LEAVE_DIR: {
			const char *s;
			size_t n;

			if (close_rec(d, err) < 0)
				return -1;
			if (m->role == HEAL_ROLE_LEAVE_DIR)
				dir_leave(d);
			else if (heal_pattern_get(&m->steps[k].re, HEAL_PF_DIR, &s, &n))
				dir_enter(d, s, n);
			return 1;
		}
		case HEAL_ROLE_CONTEXT:
			ctx_add(d, m, &m->steps[k].re, line, len);
			return 1;
		case HEAL_ROLE_NOTE:
		case HEAL_ROLE_FIXIT:
			if (d->rec && !d->rec->in_steps &&
			    d->rec->m->set_index == m->set_index) {
				if (d->ctx.set && d->ctx.set_index == m->set_index) {
					raw_add(d->rec, d->ctx.raw.data ? d->ctx.raw.data : "",
						d->ctx.raw.len);
					ctx_clear(&d->ctx);
				}
				raw_add(d->rec, line, len);
				if (m->role == HEAL_ROLE_NOTE)
					attach_note(d, d->rec, &m->steps[k].re);
				else
					attach_fixit(d, d->rec, &m->steps[k].re, m->unit);
				d->rec->ncont = 0;
			}
			return 1;
		case HEAL_ROLE_RECORD:
			break;
		}
		if (m->attach_notes && severity_is_note(m, &m->steps[k].re)) {
			struct rec *o = d->rec;

			if (o && !o->in_steps && o->m->set_index == m->set_index) {
				if (d->ctx.set && d->ctx.set_index == m->set_index) {
					raw_add(o, d->ctx.raw.data ? d->ctx.raw.data : "",
						d->ctx.raw.len);
					ctx_clear(&d->ctx);
				}
				raw_add(o, line, len);
				attach_note(d, o, &m->steps[k].re);
				o->ncont = 0;
			} else {
				ctx_clear(&d->ctx);
			}
			return 1;
		}
		if (close_rec(d, err) < 0)
			return -1;
		r = heal_detect_rec_new(d, m);
		d->rec = r;
		ctx_apply(d, r);
		if (m->prev_line && !d->prev_claimed && d->prev_len) {
			raw_add(r, d->prev, d->prev_len);
			detail_add(r, d->prev, d->prev_len);
		}
		raw_add(r, line, len);
		r->lines = 1;
		if (m->steps[k].loop && !m->steps[k].collect && k + 1 == m->nsteps) {
			r->in_steps = true;
			r->step = k + 1;
			return emit_each(d, r, &m->steps[k], line, len, err) < 0 ? -1 : 1;
		}
		capture(d, r, &m->steps[k].re, m->steps[k].frame, false);
		r->step = k + 1;
		r->in_steps = r->step < m->nsteps || m->steps[k].loop;
		return 1;
	}
	return 0;
}

/* --- JSON blocks ------------------------------------------------------------ */

static void block_scan(struct json_block *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (b->in_string) {
			if (b->escape)
				b->escape = false;
			else if (c == '\\')
				b->escape = true;
			else if (c == '"')
				b->in_string = false;
		} else if (c == '"') {
			b->in_string = true;
		} else if (c == '{' || c == '[') {
			b->depth++;
		} else if (c == '}' || c == ']') {
			b->depth--;
		}
	}
}

static void block_start(struct heal_detect *d, const struct heal_pattern_matcher *m,
			const char *line, size_t len)
{
	struct json_block *b = &d->block;

	b->active = true;
	b->m = m;
	heal_buf_init(&b->buf, HEAL_DETECT_BLOCK_MAX);
	b->depth = 0;
	b->in_string = b->escape = false;
	heal_buf_put(&b->buf, "{\n", 2);
	block_scan(b, "{", 1);
	heal_buf_put(&b->buf, line, len);
	heal_buf_putc(&b->buf, '\n');
	block_scan(b, line, len);
}

static int block_line(struct heal_detect *d, const char *line, size_t len,
		      struct heal_error *err)
{
	struct json_block *b = &d->block;
	int rc = 0;

	if (heal_buf_add(&b->buf, line, len, NULL) < 0 ||
	    heal_buf_addc(&b->buf, '\n', NULL) < 0) {
		/* over the cap: not decoded */
		b->active = false;
		heal_buf_release(&b->buf);
		return 0;
	}
	block_scan(b, line, len);
	if (b->depth > 0)
		return 0;
	b->active = false;
	rc = heal_detect_decode(d, b->m, b->buf.data, b->buf.len, err);
	heal_buf_release(&b->buf);
	return rc < 0 ? -1 : 0;
}

/* --- lines ----------------------------------------------------------------- */

static void prev_set(struct heal_detect *d, const char *line, size_t len,
		     bool claimed)
{
	if (len > PREV_MAX_INT)
		len = PREV_MAX_INT;
	memcpy(d->prev, line, len);
	d->prev_len = len;
	d->prev_claimed = claimed;
}

static bool idle(const struct heal_detect *d)
{
	return !d->rec && !d->ctx.set && !d->block.active;
}

static int process_line(struct heal_detect *d, const char *line, size_t len,
			bool truncated, struct heal_error *err)
{
	int rc;

	if (len && line[len - 1] == '\r')
		len--;
	if (memchr(line, '\x1b', len) || memchr(line, '\r', len)) {
		memcpy(d->clean, line, len);
		len = heal_text_strip_ansi(d->clean, len, d->clean);
		line = d->clean;
	}
	d->line_truncated = truncated || len > HEAL_DETECT_MATCH_MAX;
	if (d->line_truncated && d->rec)
		d->rec->truncated = true;
	if (d->block.active) {
		rc = block_line(d, line, len, err);
		prev_set(d, line, len, true);
		return rc;
	}
	if (d->rec && d->rec->in_steps) {
		rc = steps_line(d, line, len, err);
		if (rc != 0) {
			prev_set(d, line, len, true);
			return rc < 0 ? -1 : 0;
		}
	}
	rc = try_start(d, line, len, err);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		prev_set(d, line, len, true);
		return 0;
	}
	if (d->rec && !d->rec->in_steps) {
		rc = cont_line(d, line, len);
		if (rc == 2) {
			prev_set(d, line, len, true);
			return close_rec(d, err);
		}
		if (rc == 1) {
			prev_set(d, line, len, true);
			return 0;
		}
		if (close_rec(d, err) < 0)
			return -1;
	}
	if (d->ctx.set && ++d->ctx.age > d->ctx.expire)
		ctx_clear(&d->ctx);
	prev_set(d, line, len, false);
	return 0;
}

/*
 * Split buf[start, end) into lines.  While nothing is open, jump to the
 * next line that holds a prefilter literal.  at_eof: the last partial line
 * is a line.
 */
static int drain(struct heal_detect *d, bool at_eof, struct heal_error *err)
{
	const struct heal_prefilter *pf = &d->ps->pf;

	while (d->start < d->end) {
		char *p = d->buf + d->start, *nl;
		size_t avail = d->end - d->start;

		if (d->skipping) {
			nl = memchr(p, '\n', avail);
			if (!nl) {
				d->start = d->end;
				break;
			}
			d->start += (size_t)(nl - p) + 1;
			d->skipping = false;
			continue;
		}
		if (!pf->all && idle(d)) {
			size_t hit = heal_prefilter_scan(pf, d->buf, d->end, d->start);
			size_t ls;
			char *lnl;

			if (hit == d->end) {
				/* nothing here: drop complete lines, keep the tail
				 * (a literal may end in bytes still to come) */
				lnl = memrchr(p, '\n', avail);
				if (!lnl)
					goto partial;
				ls = (size_t)(lnl - d->buf) + 1;
			} else {
				lnl = hit > d->start ? memrchr(p, '\n', hit - d->start) : NULL;
				ls = lnl ? (size_t)(lnl - d->buf) + 1 : d->start;
			}
			if (ls > d->start) {
				/* remember the last line skipped */
				char *e = d->buf + ls - 1;
				char *b = ls - 1 > d->start ?
					  memrchr(p, '\n', (size_t)(e - p)) : NULL;
				const char *bs = b ? b + 1 : p;
				size_t bl = (size_t)(e - bs);

				if (bl && bs[bl - 1] == '\r')
					bl--;
				prev_set(d, bs, bl, false);
				d->start = ls;
				continue;
			}
		}
		nl = memchr(p, '\n', avail < d->max_line + 1 ? avail : d->max_line + 1);
		if (nl) {
			if (process_line(d, p, (size_t)(nl - p), false, err) < 0)
				return -1;
			d->start += (size_t)(nl - p) + 1;
			continue;
		}
partial:
		if (avail > d->max_line) {
			if (process_line(d, p, d->max_line, true, err) < 0)
				return -1;
			d->start += d->max_line;
			d->skipping = true;
			continue;
		}
		if (at_eof) {
			if (process_line(d, p, avail, false, err) < 0)
				return -1;
			d->start = d->end;
		}
		break;
	}
	return 0;
}

static void compact(struct heal_detect *d)
{
	if (d->start == d->end) {
		d->start = d->end = 0;
		return;
	}
	if (d->start > 0) {
		memmove(d->buf, d->buf + d->start, d->end - d->start);
		d->end -= d->start;
		d->start = 0;
	}
}

/* --- public ---------------------------------------------------------------- */

struct heal_detect *heal_detect_new(const struct heal_detect_options *opt)
{
	struct heal_detect *d = heal_calloc(1, sizeof(*d));

	d->opt = *opt;
	d->ps = opt->patterns;
	d->max_line = opt->max_line ? opt->max_line : HEAL_DETECT_MAX_LINE_DEFAULT;
	d->cap = d->max_line + 2 * HEAL_LINES_BLOCK_INT;
	/* calloc: the JIT may read (not use) bytes past a subject */
	d->buf = heal_calloc(1, d->cap);
	d->clean = heal_calloc(1, d->max_line + 1);
	d->mscratch = heal_calloc(1, MSCRATCH);
	d->nlitwords = d->ps->pf.nlit / 64 + 1;
	d->litbits = heal_calloc(d->nlitwords, sizeof(uint64_t));
	heal_buf_init(&d->ctx.raw, HEAL_DETECT_RAW_MAX);
	heal_buf_init(&d->src, HEAL_DETECT_SOURCE_FILE_MAX);
	d->seen = heal_calloc((size_t)SEEN_BUCKETS * SEEN_WAYS, sizeof(uint64_t));
	d->seen_files = heal_calloc(SEEN_FILES_CAP, sizeof(uint64_t));
	return d;
}

void heal_detect_free(struct heal_detect *d)
{
	size_t i, k;

	if (!d)
		return;
	heal_detect_rec_free(d->rec);
	ctx_clear(&d->ctx);
	heal_buf_release(&d->ctx.raw);
	if (d->sticky) {
		for (i = 0; i <= d->ps->nfiles; i++)
			for (k = 0; k < HEAL_PF_COUNT; k++)
				free(d->sticky[i].f[k]);
		free(d->sticky);
	}
	if (d->block.active)
		heal_buf_release(&d->block.buf);
	while (d->ndirs)
		dir_leave(d);
	for (i = 0; i < d->qn; i++)
		heal_json_free(d->q[(d->qhead + i) % HEAL_DETECT_QUEUE].rec);
	free(d->src_path);
	heal_buf_release(&d->src);
	free(d->seen);
	free(d->seen_files);
	free(d->buf);
	free(d->clean);
	free(d->mscratch);
	free(d->litbits);
	free(d->source);
	free(d);
}

int heal_detect_close_open(struct heal_detect *d, bool end,
			   struct heal_error *err)
{
	if (d->rec && d->rec->in_steps) {
		size_t k;

		for (k = d->rec->step; k < d->rec->m->nsteps; k++)
			if (!d->rec->m->steps[k].optional)
				break;
		if (k == d->rec->m->nsteps)
			d->rec->in_steps = false;
		else if (!end)
			return 0;
	}
	return close_rec(d, err);
}

int heal_detect_flush(struct heal_detect *d, struct heal_error *err)
{
	return heal_detect_close_open(d, false, err);
}

int heal_detect_begin(struct heal_detect *d, const char *source,
		      struct heal_error *err)
{
	if (heal_detect_end(d, err) < 0)
		return -1;
	free(d->source);
	d->source = heal_strdup(source ? source : "<stdin>");
	return 0;
}

int heal_detect_end(struct heal_detect *d, struct heal_error *err)
{
	if (drain(d, true, err) < 0)
		return -1;
	d->start = d->end = 0;
	d->skipping = false;
	if (d->block.active) {
		d->block.active = false;
		heal_buf_release(&d->block.buf);
	}
	if (heal_detect_close_open(d, true, err) < 0)
		return -1;
	ctx_clear(&d->ctx);
	while (d->ndirs)
		dir_leave(d);
	d->prev_len = 0;
	return 0;
}

int heal_detect_feed(struct heal_detect *d, const char *data, size_t len,
		     struct heal_error *err)
{
	while (len) {
		size_t room, n;

		compact(d);
		room = d->cap - d->end;
		n = len < room ? len : room;
		memcpy(d->buf + d->end, data, n);
		d->end += n;
		data += n;
		len -= n;
		if (drain(d, false, err) < 0)
			return -1;
	}
	return 0;
}

int heal_detect_finish(struct heal_detect *d, struct heal_error *err)
{
	if (heal_detect_end(d, err) < 0)
		return -1;
	while (d->qn)
		if (queue_pop(d, err) < 0)
			return -1;
	return 0;
}

int heal_detect_read_more(struct heal_detect *d, int fd, const char *source,
			  struct heal_error *err)
{
	for (;;) {
		ssize_t n;

		compact(d);
		n = read(fd, d->buf + d->end, d->cap - d->end);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			char *e = heal_text_escape_dup(source, strlen(source));

			heal_error_sys(err, errno, "cannot read '%s'", e);
			free(e);
			return -1;
		}
		if (n == 0)
			return 0;
		d->end += (size_t)n;
		if (drain(d, false, err) < 0)
			return -1;
	}
}

int heal_detect_read_fd(struct heal_detect *d, int fd, const char *source,
			struct heal_error *err)
{
	if (heal_detect_begin(d, source, err) < 0 ||
	    heal_detect_read_more(d, fd, source, err) < 0)
		return -1;
	return heal_detect_end(d, err);
}

uint64_t heal_detect_records(const struct heal_detect *d)
{
	return d->nemitted;
}
