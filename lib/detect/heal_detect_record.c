/*
 * Records: one being put together (struct rec) takes the captures of the
 * lines it matched, its notes, fix-its and stack frames; finishing it
 * works out what it says, a step each: the context it lacks, its
 * severity, message, code and hint, its location (heal_detect_path.c),
 * the tool and environment (which compiler, C or C++), byte columns and
 * its id (the fingerprint); the record goes on to heal_detect_fold.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_detect.h"
#include "heal_detect_int.h"
#include "heal_fingerprint.h"
#include "heal_lang.h"
#include "heal_record.h"
#include "heal_text.h"

/* What one record keeps of its notes, fix-its and stack frames. */
#define NOTES_MAX 64
#define FIXITS_MAX 256
#define FRAMES_MAX 256

/* --- small helpers -------------------------------------------------------- */

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

static void set_field(struct rec *r, enum heal_pfield f, const char *s,
		      size_t n, bool overwrite)
{
	char *p, *v;

	if (r->f[f] && !overwrite)
		return;
	v = heal_detect_rec_set(r, f, s, n);
	/* a NUL would cut the text short: make it a visible control
	 * character, which no path accepts */
	for (p = v; (p = memchr(p, '\0', (size_t)(v + n - p))); p++)
		*p = '\x1a';
}

/* A message's next piece (a line a terminal's width wrapped) after a
 * blank; a message is not made longer than MORE_MAX this way. */
#define MORE_MAX 4096u

static void message_more(struct rec *r, const char *s, size_t n)
{
	const char *m = r->f[HEAL_PF_MESSAGE];
	size_t ml = m ? strlen(m) : 0;
	struct heal_buf b;

	if (!n || ml + 1 + n > MORE_MAX)
		return;
	if (!ml) {
		set_field(r, HEAL_PF_MESSAGE, s, n, true);
		return;
	}
	heal_buf_init(&b, MORE_MAX + 1);
	heal_buf_put(&b, m, ml);
	heal_buf_putc(&b, ' ');
	heal_buf_put(&b, s, n);
	set_field(r, HEAL_PF_MESSAGE, b.data, b.len, true);
	heal_buf_release(&b);
}

/* The rest of a message a terminal's width cut (heal_detect.c's
 * wrapped_message): joined as printed, after a blank when the line
 * before ended in one. */
void heal_detect_message_wrapped(struct rec *r, bool blank, const char *s,
				 size_t n)
{
	const char *m = r->f[HEAL_PF_MESSAGE];
	size_t ml = m ? strlen(m) : 0;
	struct heal_buf b;

	if (!n || ml + 1 + n > MORE_MAX)
		return;
	heal_buf_init(&b, MORE_MAX + 1);
	heal_buf_put(&b, m ? m : "", ml);
	if (blank)
		heal_buf_putc(&b, ' ');
	heal_buf_put(&b, s, n);
	set_field(r, HEAL_PF_MESSAGE, b.data, b.len, true);
	heal_buf_release(&b);
}

static bool is_location(enum heal_pfield f)
{
	return f == HEAL_PF_FILE || f == HEAL_PF_LINE || f == HEAL_PF_COLUMN ||
	       f == HEAL_PF_END_LINE || f == HEAL_PF_END_COLUMN;
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
static int match_str(char *scratch, struct heal_regex *re, const char *s,
		     size_t n)
{
	if (n + 32 <= MSCRATCH) {
		memcpy(scratch, s, n);
		memset(scratch + n, 0, 32);
		s = scratch;
	}
	return heal_regex_match(re, s, n, 0);
}

static bool regex_find(char *scratch, struct heal_regex *re, const char *s,
		       size_t n, uint32_t g, char **out)
{
	const char *p;
	size_t len;

	if (!s || match_str(scratch, re, s, n) != 1)
		return false;
	if (!heal_regex_group(re, g, &p, &len) || len == 0)
		return false;
	*out = heal_strndup(p, len);
	return true;
}

/* --- a record being put together ------------------------------------------ */

void heal_detect_raw_line(struct heal_detect *d, struct rec *r)
{
	size_t before = r->raw.len;

	heal_detect_raw_add(r, d->raw_line ? d->raw_line : "", d->raw_len);
	if (r->raw.len - before < d->raw_len + (before > 0))
		heal_detect_warn(d, HEAL_DETECT_WARN_RAW,
				 "a record's raw text was cut at %u bytes",
				 (unsigned)HEAL_DETECT_RAW_MAX);
}

void heal_detect_raw_add(struct rec *r, const char *s, size_t n)
{
	r->nraw++;
	if (r->raw.len && r->raw.len + 1 + n > HEAL_DETECT_RAW_MAX)
		return;
	if (r->raw.len)
		heal_buf_putc(&r->raw, '\n');
	if (n > HEAL_DETECT_RAW_MAX - r->raw.len)
		n = HEAL_DETECT_RAW_MAX - r->raw.len;
	heal_buf_put(&r->raw, s, n);
}

void heal_detect_detail_add(struct rec *r, const char *s, size_t n)
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

/* --- notes, fix-its, frames ----------------------------------------------- */

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
		if (heal_detect_record_path(d, heal_detect_rec_dir(r, file),
					    r->cwd_outside, file, &rel) >= 0)
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
	char *out, *p;

	if (!heal_pattern_get(re, f, &s, &n))
		return NULL;
	out = heal_strndup(s, n);
	/* as set_field */
	for (p = out; (p = memchr(p, '\0', (size_t)(out + n - p))); p++)
		*p = '\x1a';
	return out;
}

/* n joins the array *arr (made when NULL) while it holds fewer than max. */
static void append_capped(struct heal_json **arr, struct heal_json *n, size_t max)
{
	if (!*arr)
		*arr = heal_json_new_array();
	if ((*arr)->u.arr.n < max)
		heal_json_array_append(*arr, n);
	else
		heal_json_free(n);
}

void heal_detect_attach_note(struct heal_detect *d, struct rec *r,
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
	append_capped(&r->notes, n, NOTES_MAX);
	for (i = 0; i < HEAL_PF_COUNT; i++)
		free(v[i]);
}

void heal_detect_attach_fixit(struct heal_detect *d, struct rec *r,
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
	append_capped(&r->fixits, n, FIXITS_MAX);
	for (i = 0; i < HEAL_PF_COUNT; i++)
		free(v[i]);
}

static void add_frame(struct heal_detect *d, struct rec *r,
		      const struct heal_pattern_re *re,
		      const struct heal_pattern_step *st)
{
	struct heal_json *fr;
	char *file = grab(re, HEAL_PF_FILE), *rel = NULL;
	char *line = grab(re, HEAL_PF_LINE), *fn = grab(re, HEAL_PF_FUNCTION);
	char *col = grab(re, HEAL_PF_COLUMN);
	int64_t v;
	int in;

	if (!r->stack)
		r->stack = heal_json_new_array();
	if (r->stack->u.arr.n >= FRAMES_MAX && r->m->innermost_first)
		return;		/* the innermost are kept: they came first */
	if (r->stack->u.arr.n >= FRAMES_MAX) {
		/* keep the innermost frames: drop the oldest */
		heal_json_free(r->stack->u.arr.v[0]);
		memmove(r->stack->u.arr.v, r->stack->u.arr.v + 1,
			(r->stack->u.arr.n - 1) * sizeof(*r->stack->u.arr.v));
		r->stack->u.arr.n--;
	}
	fr = heal_json_new_object();
	in = file && file[0] != '<' ?
	     heal_detect_record_path(d, heal_detect_rec_dir(r, file),
				     r->cwd_outside, file, &rel) : -1;
	if (in >= 0)
		heal_json_object_set_str(fr, "file", rel);
	else
		set_str_or_null(fr, "file", file);
	set_int_or_null(fr, "line", parse_u64(line, &v) ? v : 0);
	/* a frame's column only where the tool prints one */
	if (col && parse_u64(col, &v) && v > 0)
		heal_json_object_set_int(fr, "column", v);
	set_str_or_null(fr, "function", fn);
	heal_json_object_set_bool(fr, "in_project",
				  in == 1 && !heal_lang_library_path(rel));
	heal_json_array_append(r->stack, fr);
	r->bare_frame = st->locates && (!fn || !*fn);
	free(file);
	free(rel);
	free(line);
	free(col);
	free(fn);
}

/* Whether s[0..n) is a number (a column as printed). */
static bool digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/*
 * A column group whose text is not a number is a caret line's, from the
 * line's start: the column is where its first mark is (blanks before it
 * counted in the matcher's unit: a tab to the next stop of 8 in display
 * columns).  An end column group that is not a number is the marked range
 * (ShellCheck's ^---^): the end is the column plus its length.  text gets
 * the column as digits; false when there is none to give.
 */
static bool caret_column(const struct rec *r, enum heal_pfield f,
			 const char *s, size_t n, char *text, size_t size)
{
	size_t k = 0, col;
	uint64_t start;

	if (f == HEAL_PF_END_COLUMN) {
		if (!r->f[HEAL_PF_COLUMN] ||
		    !digits(r->f[HEAL_PF_COLUMN], strlen(r->f[HEAL_PF_COLUMN])) ||
		    strlen(r->f[HEAL_PF_COLUMN]) > 10)
			return false;
		start = strtoull(r->f[HEAL_PF_COLUMN], NULL, 10);
		snprintf(text, size, "%llu", (unsigned long long)(start + n));
		return true;
	}
	/* ifort draws the way to its caret with dashes ("-----^") */
	while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '-'))
		k++;
	if (k == n)
		return false;
	col = r->m->unit == HEAL_UNIT_DISPLAY
	      ? heal_text_byte_to_display(s, n, k + 1, HEAL_TEXT_TABSTOP) : k + 1;
	snprintf(text, size, "%zu", col);
	return true;
}

/* Apply a step's (or continuation's) captures to the record. */
void heal_detect_capture(struct heal_detect *d, struct rec *r,
			 const struct heal_pattern_re *re,
			 const struct heal_pattern_step *frame, bool cont)
{
	const char *s;
	char num[24];
	size_t n, f;

	if (frame)
		add_frame(d, r, re, frame);
	for (f = 0; f < HEAL_PF_COUNT; f++) {
		if (!heal_pattern_get(re, (enum heal_pfield)f, &s, &n))
			continue;
		if (f == HEAL_PF_DETAIL) {
			heal_detect_detail_add(r, s, n);
			continue;
		}
		if (f == HEAL_PF_MORE) {
			message_more(r, s, n);
			continue;
		}
		if (n == 0 && f != HEAL_PF_MESSAGE)
			continue;
		if ((f == HEAL_PF_COLUMN || f == HEAL_PF_END_COLUMN) &&
		    !digits(s, n)) {
			if (!caret_column(r, (enum heal_pfield)f, s, n, num, sizeof(num)))
				continue;
			s = num;
			n = strlen(num);
		}
		if (cont)
			set_field(r, (enum heal_pfield)f, s, n, f == HEAL_PF_SEVERITY);
		else
			set_field(r, (enum heal_pfield)f, s, n,
				  is_location((enum heal_pfield)f));
	}
}

/* --- compilers: gcc or clang, C or C++ ------------------------------------ */

static bool cpp_file(const char *f)
{
	const struct heal_lang *l = f ? heal_lang_of_name(f, NULL) : NULL;

	return l && l->id == HEAL_LANG_CXX;
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

/*
 * Words of a message only gcc prints: its curly quotes (‘x’, or their
 * UTF-8 bytes read as Windows-1252, "â€˜x"), "was not declared in this
 * scope", "No such file or directory" (clang: "file not found").  gcc 4.8
 * to 8 show a source line with bare carets as clang does.
 */
static bool gcc_words(const char *msg)
{
	return msg && (strstr(msg, "\xe2\x80\x98") ||
		       strstr(msg, "\xc3\xa2\xe2\x82\xac\xcb\x9c") ||
		       strstr(msg, "was not declared in this scope") ||
		       strstr(msg, "No such file or directory"));
}

/* gcc and clang print the same format: tell them apart, and C from C++. */
static void refine_compiler(struct heal_detect *d, struct rec *r,
			    const char **tool, const char **env, bool *display)
{
	const char *base = NULL, *t;
	bool cpp;

	/* another language's compiler in gcc's layout (main.swift) */
	if (heal_lang_foreign_compiler(r->f[HEAL_PF_FILE], tool, env)) {
		*display = false;
		return;
	}
	t = driver_tool(r->f[HEAL_PF_TOOL]);
	if (!t && d->opt.ncommand)
		t = driver_tool(d->opt.command[0]);
	if (!t && d->cc_style)
		t = d->cc_style;
	if (t)
		base = (strncmp(t, "clang", 5) == 0) ? "clang" : "gcc";
	if (r->pipe_style)
		base = "gcc";
	else if (r->caret_style && !gcc_words(r->f[HEAL_PF_MESSAGE]))
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


/* --- finishing a record --------------------------------------------------- */

/* What the steps of heal_detect_finish_rec worked out (in order) owns. */
static void fin_release(struct heal_detect_fin *x)
{
	free(x->file);
	free(x->code);
	free(x->hint);
	x->file = x->code = x->hint = NULL;
}

/*
 * The frame that locates a stack's record, its frames taken innermost
 * first: the first in a file beneath the root.  Else, when a frame is
 * inside the project, the first inside it or outside a library's
 * directories: a pasted report's paths are another machine's, and the
 * "/root/app/core/utils.py" that failed under the "app.py" that imported
 * it is the project's too (a library's sources may be named relative,
 * glibc's "raise.c").  Else, for a stack printed innermost first, its
 * first outside a library's directories, or with a file and a line; for
 * one printed outermost first NULL (the record keeps its innermost).
 */
static const struct heal_json *pick_frame(struct heal_detect *d,
					  const struct heal_json *stack,
					  bool innermost_first)
{
	const struct heal_json *app = NULL, *nonlib = NULL, *any = NULL;
	size_t n = stack->u.arr.n, k;
	bool some_inside = false;

	for (k = 0; k < n; k++) {
		const struct heal_json *f = stack->u.arr.v[innermost_first ? k : n - 1 - k];
		const char *file = heal_json_object_get_str(f, "file");
		bool inside = heal_json_object_get_bool(f, "in_project");
		bool lib = file && heal_lang_library_path(file);
		int64_t l;

		some_inside = some_inside || inside;
		if (!file || heal_json_object_get_int(f, "line", 1, HEAL_RECORD_POS_MAX, &l) != 1) {
			/* outermost first, a frame without a line still
			 * locates, inside the project */
			if (!innermost_first && inside && !app)
				app = f;
			continue;
		}
		if (inside && heal_detect_exists(d, file))
			return f;
		if (!app && (inside || !lib))
			app = f;
		if (!nonlib && !lib)
			nonlib = f;
		any = any ? any : f;
	}
	if (some_inside)
		return app;
	return innermost_first ? (nonlib ? nonlib : any) : NULL;
}

/*
 * The context a record lacks: the sticky context of its pattern file, and
 * the innermost stack frame inside the project as its location.
 */
static void fill_from_context(struct heal_detect *d, struct rec *r)
{
	const struct heal_pattern_matcher *m = r->m;
	size_t i;

	/* sticky context of this file fills what the record lacks */
	if (d->sticky && d->sticky[m->set_index].set)
		for (i = 0; i < HEAL_PF_COUNT; i++) {
			const char *v = d->sticky[m->set_index].f[i];

			if (!v)
				continue;
			/* a record's detail is its own buffer */
			if (i == HEAL_PF_DETAIL) {
				if (!r->detail.len)
					heal_detect_detail_add(r, v, strlen(v));
			} else if (!r->f[i]) {
				heal_detect_rec_sets(r, (enum heal_pfield)i, v);
			}
		}
	/* frames: the innermost frame inside the project is the location,
	 * or the innermost when it is where a syntax error is (a frame
	 * without a function, of a step that "locates") */
	if (r->stack && r->stack->u.arr.n) {
		const struct heal_json *pick = NULL;
		size_t k = r->stack->u.arr.n;

		if (r->bare_frame)
			pick = r->stack->u.arr.v[k - 1];
		if (!pick || m->innermost_first)
			pick = pick_frame(d, r->stack, m->innermost_first);
		if (pick) {
			int64_t l = 0;

			heal_detect_rec_sets(r, HEAL_PF_FILE,
					     heal_json_object_get_str(pick, "file"));
			if (heal_json_object_get_int(pick, "line", 1, HEAL_RECORD_POS_MAX, &l) == 1) {
				char b[32];

				snprintf(b, sizeof(b), "%lld", (long long)l);
				heal_detect_rec_sets(r, HEAL_PF_LINE, b);
				/* the frame's column, not a later frame's */
				if (heal_json_object_get_int(pick, "column", 1, HEAL_RECORD_POS_MAX, &l) == 1) {
					snprintf(b, sizeof(b), "%lld", (long long)l);
					heal_detect_rec_sets(r, HEAL_PF_COLUMN, b);
				} else if (pick != r->stack->u.arr.v[r->stack->u.arr.n - 1]) {
					/* a column captured since was another
					 * frame's line's */
					r->f[HEAL_PF_COLUMN] = NULL;
				}
			}
			r->frame_file_rel = heal_json_object_get_bool(pick, "in_project");
		}
	}
}

/*
 * The record's severity, one of error, warning and note: the word the
 * tool printed, through the matcher's map, else the matcher's own.  Words
 * of other languages (a localised compiler's) would be told apart here.
 */
static const char *severity_word(const struct heal_pattern_matcher *m,
				 struct rec *r)
{
	const char *sev;
	size_t i;

	if (r->f[HEAL_PF_SEVERITY]) {
		for (i = 0; i < m->nsev; i++)
			if (strcmp(r->f[HEAL_PF_SEVERITY], m->sev_from[i]) == 0) {
				heal_detect_rec_sets(r, HEAL_PF_SEVERITY, m->sev_to[i]);
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
	return sev;
}

/*
 * The code (with the matcher's prefix) and the message on one line
 * without the code it starts with.
 */
static void message_and_code(struct rec *r, struct heal_detect_fin *x)
{
	const struct heal_pattern_matcher *m = r->m;

	if (r->f[HEAL_PF_CODE] && *r->f[HEAL_PF_CODE]) {
		struct heal_buf cb;

		heal_buf_init(&cb, 4096);
		if (m->code_prefix)
			heal_buf_puts(&cb, m->code_prefix);
		heal_buf_puts(&cb, r->f[HEAL_PF_CODE]);
		x->code = heal_buf_detach(&cb, NULL);
	}
	if (!r->f[HEAL_PF_MESSAGE] && m->default_message)
		heal_detect_rec_sets(r, HEAL_PF_MESSAGE, m->default_message);
	if (!r->f[HEAL_PF_MESSAGE])
		heal_detect_rec_sets(r, HEAL_PF_MESSAGE, x->code ? x->code : "");
	one_line(r->f[HEAL_PF_MESSAGE]);
	if (x->code && r->f[HEAL_PF_MESSAGE]) {
		size_t cl = strlen(x->code);
		char *msg = r->f[HEAL_PF_MESSAGE];

		if (strncmp(msg, x->code, cl) == 0 && msg[cl] == ':' && msg[cl + 1] == ' ')
			memmove(msg, msg + cl + 2, strlen(msg + cl + 2) + 1);
	}
}

/* s[0..n) in scratch at *at with zeroed slack (see match_str), when it
 * fits; else s itself. */
static const char *subject(char *scratch, size_t *at, const char *s, size_t n)
{
	char *p = scratch + *at;

	if (!s || n + 32 > MSCRATCH - *at)
		return s;
	memcpy(p, s, n);
	memset(p + n, 0, 32);
	*at += n + 32;
	return p;
}

/*
 * The matcher's classification of the message or the code (category,
 * code, severity), and the hint.
 */
static void classify(char *scratch, struct rec *r, struct heal_detect_fin *x)
{
	const struct heal_pattern_matcher *m = r->m;
	const char *msg = r->f[HEAL_PF_MESSAGE];
	size_t mn = strlen(msg), cn = x->code ? strlen(x->code) : 0, at = 0;
	const char *ms, *cs;
	size_t i;

	/* copied once for all the tries, not once a try */
	ms = m->nclassify ? subject(scratch, &at, msg, mn) : msg;
	cs = m->nclassify ? subject(scratch, &at, x->code, cn) : x->code;
	for (i = 0; i < m->nclassify; i++) {
		const struct heal_pattern_classify *k = &m->classify[i];
		struct heal_regex *re = (struct heal_regex *)&k->re;

		if (heal_regex_match(re, ms, mn, 0) == 1 ||
		    (cs && heal_regex_match(re, cs, cn, 0) == 1)) {
			if (k->category)
				x->category = k->category;
			if (k->code && !x->code)
				x->code = heal_strdup(k->code);
			if (k->severity)
				x->sev = k->severity;
			break;
		}
	}
	if (m->hint) {
		if (!regex_find(scratch, m->hint, msg, mn, 1, &x->hint) &&
		    r->detail.len)
			regex_find(scratch, m->hint, r->detail.data, r->detail.len,
				   1, &x->hint);
	}
	if (!x->hint && r->f[HEAL_PF_HINT])
		x->hint = heal_strdup(r->f[HEAL_PF_HINT]);
}

/* The location: the file (heal_detect_path.c), its line and columns. */
static void location(struct heal_detect *d, struct rec *r,
		     struct heal_detect_fin *x)
{
	parse_u64(r->f[HEAL_PF_LINE], &x->line);
	x->file = heal_detect_rec_file(d, r, &x->line, &x->inside);
	x->outside = x->file && x->inside == 0;
	parse_u64(r->f[HEAL_PF_COLUMN], &x->col);
	parse_u64(r->f[HEAL_PF_END_LINE], &x->eline);
	parse_u64(r->f[HEAL_PF_END_COLUMN], &x->ecol);
	if (r->m->column_base == 0) {
		/* pylint's and black's 0-based columns: "0" is the first */
		if (r->f[HEAL_PF_COLUMN] && x->col >= 0 && x->col < INT32_MAX)
			x->col++;
		if (r->f[HEAL_PF_END_COLUMN] && x->ecol >= 0 && x->ecol < INT32_MAX)
			x->ecol++;
	}
}

/* The tool and environment (which compiler, C or C++) and the columns' unit. */
static void tool_and_unit(struct heal_detect *d, struct rec *r,
			  struct heal_detect_fin *x)
{
	const struct heal_pattern_matcher *m = r->m;

	if (m->family && streq(m->family, "gcc"))
		refine_compiler(d, r, &x->tool, &x->env, &x->display);
	else if (m->family && streq(m->family, "ld"))
		x->env = (cpp_file(x->file) ||
			  strstr(r->f[HEAL_PF_MESSAGE], "::") ||
			  strstr(r->f[HEAL_PF_MESSAGE], "std::")) ? "cpp" : "c";
	else if (m->family && streq(m->family, "c-file"))
		x->env = cpp_file(x->file) ? "cpp" : "c";
	if (m->family && streq(m->family, "gcc") && !x->display)
		x->unit = HEAL_UNIT_BYTE;
	if (r->unit_set)
		x->unit = r->unit;
	if (r->cols_bytes)
		x->unit = HEAL_UNIT_BYTE;
}

/*
 * Columns in bytes, and the source line the record's id reads (beneath
 * the root).
 */
static void columns_and_snippet(struct heal_detect *d,
				struct heal_detect_done *j)
{
	struct heal_detect_fin *x = &j->x;
	const char *snippet_s = NULL;
	size_t snippet_n = 0;

	if (x->file && x->inside == 1 && x->line > 0) {
		if (x->col > 0)
			x->col = (int64_t)heal_detect_convert_col(d, x->file, x->line, x->col,
								  x->unit);
		if (x->ecol > 0)
			x->ecol = (int64_t)heal_detect_convert_col(d, x->file,
								   x->eline > 0 ? x->eline : x->line,
								   x->ecol, x->unit);
		if (heal_detect_source_line(d, x->file, x->line, &snippet_s, &snippet_n))
			j->snippet = heal_strndup(snippet_s, snippet_n);
	}
}

void heal_detect_done_release(struct heal_detect_done *j)
{
	fin_release(&j->x);
	free(j->snippet);
	heal_detect_rec_free(j->r);
	j->r = NULL;
	j->snippet = NULL;
}

/*
 * The engine's side of finishing r: what the record's text needs of the
 * engine's state (the sticky context, make's directory, the files
 * beneath the root, the compiler seen so far), into j.
 */
static void prepare(struct heal_detect *d, struct rec *r,
		    struct heal_detect_done *j)
{
	const struct heal_pattern_matcher *m = r->m;
	struct heal_detect_fin *x = &j->x;

	memset(j, 0, sizeof(*j));
	j->r = r;
	x->tool = m->tool;
	x->env = m->env;
	x->category = m->category;
	x->display = m->unit == HEAL_UNIT_DISPLAY;
	x->unit = m->unit;
	x->inside = -1;
	fill_from_context(d, r);
	x->sev = severity_word(m, r);
	message_and_code(r, x);
	location(d, r, x);
	tool_and_unit(d, r, x);
	if (!r->generic && r->f[HEAL_PF_TOOL] && r->f[HEAL_PF_TOOL][0] &&
	    !(m->family && streq(m->family, "gcc"))) {
		/* the program the line names (sh-plain's "zsh: ..."); a login
		 * shell's "-bash" is bash */
		x->tool = r->f[HEAL_PF_TOOL] + (r->f[HEAL_PF_TOOL][0] == '-' &&
						r->f[HEAL_PF_TOOL][1]);
	} else if (r->generic) {
		/* the tool a "TOOL: " prefix named; the file's language */
		const struct heal_lang *l = NULL;

		if (x->file && x->inside == 1)
			l = heal_lang_of_name(x->file, NULL);

		if (r->f[HEAL_PF_TOOL])
			x->tool = r->f[HEAL_PF_TOOL];
		if (l)
			x->env = l->env;
	}
	columns_and_snippet(d, j);
}

int heal_detect_complete(struct heal_detect *d, struct heal_detect_done *j,
			 char *scratch, struct heal_error *err)
{
	const char *roots[3] = { d->opt.root->path, d->opt.root->real, NULL };
	struct heal_detect_fin *x = &j->x;
	struct rec *r = j->r;
	int rc = 0;

	classify(scratch, r, x);
	heal_fingerprint_memo(d->ids, x->tool, x->code, r->f[HEAL_PF_MESSAGE],
			      x->file, j->snippet, roots, x->id);
	/* "unless_seen": dropped when its tool already wrote a record from
	 * this input; "other": one of a matcher without "other" (a summary's
	 * rows do not drop each other, and a plain unless_seen summary after
	 * them goes) */
	if (!r->m->unless_seen ||
	    !heal_detect_source_seen(d, x->tool, !r->m->unless_other)) {
		heal_detect_source_note(d, x->tool, r->m->unless_other);
		rc = heal_detect_enqueue(d, r, x, err);
	}
	return rc;
}

int heal_detect_finish_rec(struct heal_detect *d, struct rec *r,
			   struct heal_error *err)
{
	struct heal_detect_done j;
	int rc;

	prepare(d, r, &j);
	if (d->ahead && heal_detect_reader_completes(d->ahead))
		return heal_detect_reader_push(d->ahead, &j, err);
	rc = heal_detect_complete(d, &j, d->mscratch, err);
	heal_detect_done_release(&j);
	return rc;
}
