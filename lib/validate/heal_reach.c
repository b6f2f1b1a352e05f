/*
 * heal_reach.c - errors the fixes let a checker reach: Python's compile()
 * and sh -n stop at a file's first error, so once a fix removes it the
 * next error of the file shows for the first time.  It is no regression
 * when it is past every line the fixes changed and is there whatever
 * comes before it (heal_check_revealed).  A program's run goes the same
 * way (heal_reach_run): once a fix removes what stopped it, an error at a
 * line the fixes did not change, or on the renamed line but outside the
 * rename, was there all along.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_diff.h"
#include "heal_fixrec.h"
#include "heal_lang.h"
#include "heal_reach.h"

/* quoted names of a message looked at for a same-line error */
#define QUOTED_NAMES_MAX 4

/* The last line of file that the applied fixes among fixes[0..n) changed,
 * read from their diffs (with text, not the lines they only indented anew),
 * plus the lines each added or removed (a later fix
 * may move an earlier one's); SIZE_MAX when no diff of an applied fix shows
 * one (the whole file counts as changed). */
static size_t changed_until(const struct heal_json *const *fixes, size_t n,
			    const char *file, bool text)
{
	size_t last = 0, i;
	long moved = 0;

	for (i = 0; i < n; i++) {
		long delta = 0;
		size_t l;

		if (!heal_fixrec_applied(fixes[i]))
			continue;
		l = heal_diff_last_line(heal_json_object_get_str(fixes[i], "diff"), file, &delta);
		/* with text: the last line whose text changed, when one did (a
		 * fix that only indented lines anew keeps its last line) */
		if (text && l) {
			size_t tl = heal_diff_last_text_line(heal_json_object_get_str(fixes[i], "diff"),
							     file, &delta);

			l = tl ? tl : l;
		}
		if (l > last)
			last = l;
		/* a later fix's lines added or removed may move an earlier one's */
		moved += delta < 0 ? -delta : delta;
	}
	/* a fix that changed the file without a diff heal can read: the
	 * whole file counts as changed */
	return last ? last + (size_t)moved : SIZE_MAX;
}

/* The first line of file that the applied fixes among fixes[0..n)
 * changed; 0 when a fix shows none (it cannot be told). */
static size_t changed_from(const struct heal_json *const *fixes, size_t n, const char *file)
{
	size_t first = SIZE_MAX, i;

	for (i = 0; i < n; i++) {
		size_t l;

		if (!heal_fixrec_applied(fixes[i]))
			continue;
		l = heal_diff_first_line(heal_json_object_get_str(fixes[i], "diff"), file);
		if (!l)
			return 0;
		if (l < first)
			first = l;
	}
	return first == SIZE_MAX ? 0 : first;
}

/* Whether lines a fix only indented anew count as unchanged for error
 * rec: yes, unless its message is about indentation (a block moved is
 * what such an error is about). */
static bool text_only(const struct heal_json *rec)
{
	const char *m = heal_json_object_get_str(rec, "message");

	return m && !strstr(m, "indent");
}

/* Whether error rec in co->file (its present contents) is past line `after`
 * and one checker reaches only now (heal_check_revealed): 1 when checked
 * (*reached says), 0 when it cannot be, -1 on an error (err set). */
static int reach_check(const struct heal_check_opts *co, const char *checker,
		       size_t after, size_t first, const struct heal_json *rec, bool *reached,
		       struct heal_error *err)
{
	const char *msg = heal_json_object_get_str(rec, "message");
	struct heal_buf data;
	int64_t line;
	int r;

	*reached = false;
	if (after == SIZE_MAX || !msg || !heal_check_first_error_only(checker) ||
	    heal_json_object_get_int(rec, "line", 1, INT64_MAX, &line) != 1 ||
	    ((size_t)line <= after && (!first || (size_t)line >= first)))
		return 0;
	heal_buf_init(&data, HEAL_REACH_FILE_MAX);
	if (heal_root_read_file(co->root, co->file, HEAL_REACH_FILE_MAX, &data, err) < 0) {
		heal_buf_release(&data);
		return -1;
	}
	if ((size_t)line > after)
		r = heal_check_revealed(co, NULL, checker, data.data ? data.data : "", data.len,
					after, (size_t)line, msg, reached, err);
	else
		r = heal_check_revealed_before(co, NULL, checker, data.data ? data.data : "",
					       data.len, first, (size_t)line, msg, reached, err);
	heal_buf_release(&data);
	return r;
}

/* The checker of file's language that stops at a first error, or NULL. */
static const char *first_error_checker(const struct heal_root *root, const char *file)
{
	bool header = false;
	const struct heal_lang *l = heal_lang_of_path(root, file, &header);
	size_t i;

	for (i = 0; l && l->checkers && l->checkers[i]; i++)
		if (heal_check_first_error_only(l->checkers[i]))
			return l->checkers[i];
	return NULL;
}

bool heal_reach_record(const struct heal_check_opts *co, const struct heal_json *r,
		       const struct heal_json *const *fixes, size_t n)
{
	struct heal_error e = HEAL_ERROR_INIT;
	const char *checker = first_error_checker(co->root, co->file);
	bool reached = false;

	return checker &&
	       reach_check(co, checker, changed_until(fixes, n, co->file, text_only(r)),
			   changed_from(fixes, n, co->file), r, &reached, &e) > 0 &&
	       reached;
}

static bool stage_reached(const struct heal_root *root, const struct heal_json *r,
			  const struct heal_json *const *fixes, size_t n);

bool heal_reach_step(const struct heal_check_opts *co, const struct heal_check_step *s,
		     const struct heal_json *const *fixes, size_t n)
{
	struct heal_error e = HEAL_ERROR_INIT;
	size_t after[2], first, k;
	bool any = false;

	if (!s->nerrors)
		return false;
	after[0] = changed_until(fixes, n, co->file, false);
	after[1] = changed_until(fixes, n, co->file, true);
	first = changed_from(fixes, n, co->file);
	for (k = 0; k < s->nerrors; k++) {
		bool r = false;

		if (co->known && co->known(co->known_ctx, s->errors[k]))
			continue;
		if (stage_reached(co->root, s->errors[k], fixes, n)) {
			any = true;
			continue;
		}
		if (!heal_check_first_error_only(s->checker) ||
		    reach_check(co, s->checker, after[text_only(s->errors[k])], first, s->errors[k],
				&r, &e) <= 0 || !r)
			return false;
		any = true;
	}
	return any;
}

/* Whether a script's text sets errexit: "set -e" (in a cluster of
 * flags: "set -euo pipefail"), "set -o errexit", or "-e" on its "#!"
 * line. */
static bool sets_errexit(const char *s, size_t n)
{
	size_t i = 0;
	bool first = true;

	while (i < n) {
		const char *e = memchr(s + i, '\n', n - i);
		size_t end = e ? (size_t)(e - s) : n, k = i;

		if (first && end - i > 2 && s[i] == '#' && s[i + 1] == '!') {
			for (k = i + 2; k + 2 < end; k++)
				if (s[k] == ' ' && s[k + 1] == '-' && s[k + 2] == 'e')
					return true;
		}
		first = false;
		for (k = i; k < end && (s[k] == ' ' || s[k] == '\t'); k++)
			;
		if (end - k > 4 && memcmp(s + k, "set ", 4) == 0) {
			size_t j;

			for (j = k + 4; j < end && s[j] != ';' && s[j] != '#'; j++) {
				if (s[j] != '-' || (j > k + 4 && s[j - 1] != ' '))
					continue;
				if (j + 1 < end && s[j + 1] == 'o') {
					size_t w = j + 2;

					while (w < end && s[w] == ' ')
						w++;
					if (end - w >= 7 && memcmp(s + w, "errexit", 7) == 0)
						return true;
				}
				for (j++; j < end && s[j] != ' ' && s[j] != '-'; j++)
					if (s[j] == 'e')
						return true;
				j--;
			}
		}
		i = end + 1;
	}
	return false;
}

/* Whether applied fix f removed what stopped its program before the
 * error now seen could run: a syntax error of a file its language parses
 * whole before it runs, or the error that ended a run of its runner
 * (heal_lang's run_stoppers: the record its own, no test runner's, which
 * goes on to the next test; a script's failed command under set -e). */
static bool stop_fixed(const struct heal_root *root, const struct heal_json *f)
{
	const struct heal_json *e = heal_fixrec_error(f);
	const char *cat, *file, *tool;
	const struct heal_lang *l;
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_buf data;
	bool header = false, stops = false;
	size_t i;

	if (!heal_fixrec_applied(f) || !e)
		return false;
	cat = heal_json_object_get_str(e, "category");
	file = heal_json_object_get_str(e, "file");
	tool = heal_json_object_get_str(e, "tool");
	if (!cat || !file || !(l = heal_lang_of_path(root, file, &header)) || header)
		return false;
	/* a syntax error stops a program parsed whole before it starts, and
	 * a shell script where it is: the lines after it never ran */
	if (strcmp(cat, "syntax") == 0)
		return l->parsed_whole || l->stops_on_errexit;
	for (i = 0; tool && l->run_stoppers[i] && !stops; i++)
		stops = strcmp(tool, l->run_stoppers[i]) == 0;
	if (!stops || !l->stops_on_errexit)
		return stops;
	heal_buf_init(&data, HEAL_REACH_FILE_MAX);
	stops = heal_root_read_file(root, file, HEAL_REACH_FILE_MAX, &data, &err) == 0 &&
		sets_errexit(data.data ? data.data : "", data.len);
	heal_buf_release(&data);
	return stops;
}

/* Whether c may be part of a name (an ASCII letter, digit or '_'). */
static bool word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* The name error rec's message quotes ('x', "x", or node's "x is not
 * defined"), in *name (at most cap - 1 bytes); false when it names none. */
static bool quoted_name(const struct heal_json *rec, char *name, size_t cap)
{
	const char *m = heal_json_object_get_str(rec, "message"), *a, *b;

	if (!m)
		return false;
	a = strpbrk(m, "'\"");
	if (a && (b = strchr(a + 1, *a)) && b > a + 1) {
		a++;
	} else if ((b = strstr(m, " is not defined")) && b > m) {
		for (a = b; a > m && (word_byte(a[-1]) || a[-1] == '$');)
			a--;
	} else {
		return false;
	}
	if (a == b || (size_t)(b - a) >= cap)
		return false;
	memcpy(name, a, (size_t)(b - a));
	name[b - a] = '\0';
	return true;
}

/* Whether word w stands in s[0..n) as a whole word outside [from, to),
 * and nowhere inside it. */
static bool word_outside(const char *s, size_t n, const char *w, size_t from, size_t to)
{
	size_t wl = strlen(w), i;
	bool out = false;

	for (i = 0; i + wl <= n; i++) {
		if (memcmp(s + i, w, wl) != 0 ||
		    (i > 0 && word_byte(s[i - 1])) ||
		    (i + wl < n && word_byte(s[i + wl])))
			continue;
		if (i < to && i + wl > from)
			return false;
		out = true;
	}
	return out;
}

/* Whether word w stands in s[0..n) as a whole word inside [from, to). */
static bool word_inside(const char *s, size_t n, const char *w, size_t from, size_t to)
{
	size_t wl = strlen(w), i;

	for (i = from; i + wl <= n && i < to; i++)
		if (!memcmp(s + i, w, wl) && (i == 0 || !word_byte(s[i - 1])) &&
		    (i + wl >= n || !word_byte(s[i + wl])) && i + wl <= to)
			return true;
	return false;
}

/*
 * The name [a, b) judged against the line: *inside when the edit's new
 * text holds it, *out when it stands outside the edit before and after it.
 */
static void judge_name(const char *a, const char *b, const char *o, size_t ol, const char *w,
		       size_t wl, size_t pre, size_t suf, bool *inside, bool *out)
{
	char name[128];

	if (b <= a || (size_t)(b - a) >= sizeof(name))
		return;
	memcpy(name, a, (size_t)(b - a));
	name[b - a] = '\0';
	if (word_inside(w, wl, name, pre, wl - suf))
		*inside = true;
	if (word_outside(w, wl, name, pre, wl - suf) && word_outside(o, ol, name, pre, ol - suf))
		*out = true;
}

/*
 * The message's other names, quoted ("'dict' object has no attribute
 * 'containsKey'") or called ("list.count() takes exactly one argument"):
 * one of them on the line, outside the edit, before and after it, and
 * none of them in the edit's new text: the run got past the fix to the
 * rest of the line.
 */
static bool quoted_names_outside(const char *m, const char *o, size_t ol, const char *w,
				 size_t wl, size_t pre, size_t suf)
{
	const char *p = m, *c;
	bool out = false, inside = false;
	int k;

	for (k = 0; p && k < QUOTED_NAMES_MAX; k++) {
		const char *a = strpbrk(p, "'\""), *b;

		if (!a || !(b = strchr(a + 1, *a)))
			break;
		p = b + 1;
		judge_name(a + 1, b, o, ol, w, wl, pre, suf, &inside, &out);
	}
	for (p = m, k = 0; p && (c = strstr(p, "()")) && k < QUOTED_NAMES_MAX; p = c + 2, k++) {
		const char *a = c;

		while (a > m && (isalnum((unsigned char)a[-1]) || a[-1] == '_'))
			a--;
		judge_name(a, c, o, ol, w, wl, pre, suf, &inside, &out);
	}
	return out && !inside;
}

/*
 * Whether error rec, at the very line an applied fix of fixes[0..n)
 * changed to end a run (a run-stopping error of the same file and line,
 * no syntax error, that line the only one the fixes changed in it),
 * lies outside the fix's edit and was on the line before it: a second
 * misspelled name in 'pritn("hi", nmae)' shows only once 'print' runs.
 * Told by the record's column where it has one, else by the name its
 * message quotes.
 */
static bool same_line_reached(const struct heal_root *root, const struct heal_json *rec,
			      const char *file, size_t line, const struct heal_json *const *fixes,
			      size_t n)
{
	const char *o = NULL, *w = NULL;
	size_t ol = 0, wl = 0, pre = 0, suf = 0, i;
	bool own = false;
	int64_t col;
	char name[128];

	if (changed_from(fixes, n, file) != line || changed_until(fixes, n, file, false) != line)
		return false;
	for (i = 0; i < n && !own; i++) {
		const struct heal_json *e = heal_fixrec_error(fixes[i]);
		const char *ef = e ? heal_json_object_get_str(e, "file") : NULL;
		const char *ec = e ? heal_json_object_get_str(e, "category") : NULL;
		int64_t el;

		/* a syntax fix's line that fails to run is the fix's to prove */
		own = ef && strcmp(ef, file) == 0 && (!ec || strcmp(ec, "syntax") != 0) &&
		      heal_json_object_get_int(e, "line", 1, INT64_MAX, &el) == 1 &&
		      (size_t)el == line && stop_fixed(root, fixes[i]) &&
		      heal_diff_line_pair(heal_json_object_get_str(fixes[i], "diff"), file, line,
					  &o, &ol, &w, &wl);
	}
	if (!own)
		return false;
	while (pre < ol && pre < wl && o[pre] == w[pre])
		pre++;
	while (suf < ol - pre && suf < wl - pre && o[ol - 1 - suf] == w[wl - 1 - suf])
		suf++;
	if (heal_json_object_get_int(rec, "column", 1, INT64_MAX, &col) == 1)
		return (size_t)col - 1 < pre || (size_t)col - 1 >= wl - suf;
	if (quoted_name(rec, name, sizeof(name)) &&
	    word_outside(w, wl, name, pre, wl - suf) && word_outside(o, ol, name, pre, ol - suf))
		return true;
	return quoted_names_outside(heal_json_object_get_str(rec, "message"), o, ol, w, wl,
				    pre, suf);
}

/*
 * Whether error rec, which names no place, is one the run never reached:
 * an applied fix of fixes[0..n) removed an error of the same tool that
 * stopped the run before it began (heal_lang's load_stop: a playbook
 * ansible-playbook could not load), so nothing of the next run was seen.
 */
static bool unplaced_reached(const struct heal_root *root, const struct heal_json *rec,
			     const struct heal_json *const *fixes, size_t n)
{
	const char *tool = heal_json_object_get_str(rec, "tool");
	size_t i;

	for (i = 0; tool && i < n; i++) {
		const struct heal_json *e = heal_fixrec_error(fixes[i]);
		const char *ef, *et, *raw;
		const struct heal_lang *l;
		bool header = false;

		if (!heal_fixrec_applied(fixes[i]) || !e)
			continue;
		ef = heal_json_object_get_str(e, "file");
		et = heal_json_object_get_str(e, "tool");
		raw = heal_json_object_get_str(e, "raw");
		if (!ef || !et || !raw || strcmp(et, tool) != 0 ||
		    !(l = heal_lang_of_path(root, ef, &header)) || header || !l->load_stop)
			continue;
		while (*raw == ' ' || *raw == '\t' || *raw == '\n')
			raw++;
		if (strncmp(raw, l->load_stop, strlen(l->load_stop)) == 0)
			return true;
	}
	return false;
}

/*
 * The next line of a diff from *d on that it removes or adds ('-' or '+',
 * not a file's "---" or "+++" header): its sign in *sign, its text after
 * the sign in *text, *len bytes; *d moves past it.  false at the end.
 */
static bool diff_next(const char **d, char *sign, const char **text, size_t *len)
{
	while (**d) {
		const char *l = *d, *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) : strlen(l);

		*d = nl ? nl + 1 : l + n;
		if (n >= 2 && (l[0] == '-' || l[0] == '+') && l[1] != l[0]) {
			*sign = l[0];
			*text = l + 1;
			*len = n - 1;
			return true;
		}
	}
	return false;
}

/* Whether a diff of an applied fix among fixes[0..n) adds text, a line
 * it adds holding it (the path a fix wrote, which the next run cannot find). */
static bool text_added(const struct heal_json *const *fixes, size_t n, const char *text)
{
	size_t i, tl = strlen(text), len;
	const char *d, *t;
	char sign;

	for (i = 0; i < n && tl; i++) {
		if (!heal_fixrec_applied(fixes[i]) || !(d = heal_json_object_get_str(fixes[i], "diff")))
			continue;
		while (diff_next(&d, &sign, &t, &len))
			if (sign == '+' && len >= tl && memmem(t, len, text, tl))
				return true;
	}
	return false;
}

/*
 * Whether error rec, which names a file but no line, is one a run met
 * after the fixes let it go on: an applied fix removed the error that
 * ended a run of rec's tool in rec's file (heal_lang's run_stoppers: a
 * playbook's failed task ends the play), and rec quotes nothing a fix
 * wrote (its quoted text's last path component on no line a fix added).
 */
static bool unplaced_after_stop(const struct heal_root *root, const struct heal_json *rec,
				const char *file, const struct heal_json *const *fixes, size_t n)
{
	const char *tool = heal_json_object_get_str(rec, "tool"), *base;
	char name[256];
	size_t i;
	bool any = false;

	for (i = 0; tool && i < n && !any; i++) {
		const struct heal_json *e = heal_fixrec_error(fixes[i]);
		const char *ef = e ? heal_json_object_get_str(e, "file") : NULL;
		const char *et = e ? heal_json_object_get_str(e, "tool") : NULL;

		any = ef && et && strcmp(ef, file) == 0 && strcmp(et, tool) == 0 &&
		      stop_fixed(root, fixes[i]);
	}
	if (!any)
		return false;
	if (!quoted_name(rec, name, sizeof(name)))
		return true;
	base = strrchr(name, '/');
	return !text_added(fixes, n, base && base[1] ? base + 1 : name);
}

/* Whether a diff of an applied fix among fixes[0..n) took name away: a
 * whole word on a line it removes and on none it adds (a declaration
 * renamed or dropped makes errors where it is used). */
static bool name_removed(const struct heal_json *const *fixes, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *d = heal_json_object_get_str(fixes[i], "diff"), *t;
		bool gone = false, added = false;
		size_t len;
		char sign;

		if (!heal_fixrec_applied(fixes[i]) || !d)
			continue;
		while (diff_next(&d, &sign, &t, &len))
			if (word_outside(t, len, name, 0, 0)) {
				if (sign == '-')
					gone = true;
				else
					added = true;
			}
		if (gone && !added)
			return true;
	}
	return false;
}

/* Whether file is among the files an applied fix of fixes[0..n) changed. */
static bool changed_by_fixes(const struct heal_json *const *fixes, size_t n, const char *file)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct heal_json *files = heal_json_object_get(fixes[i], "files");

		if (!heal_fixrec_applied(fixes[i]))
			continue;
		/* a fix that names no files may have changed any */
		if (!files || files->type != HEAL_JSON_ARRAY ||
		    heal_json_array_has_str(files, file))
			return true;
	}
	return false;
}

/*
 * Whether error r is of a later stage of its language's checking
 * (heal_lang's stages) than every error the applied fixes among
 * fixes[0..n) removed in files of that language, which stopped the run
 * before r's stage began: at a place none of the fixes changed, and
 * naming nothing a fix took away.  A playbook's unhashable key once its
 * YAML parses; a reference Terraform checks once a top-level block's
 * type is mended.
 */
static bool stage_reached(const struct heal_root *root, const struct heal_json *r,
			  const struct heal_json *const *fixes, size_t n)
{
	const char *file = heal_json_object_get_str(r, "file");
	const struct heal_lang *l;
	bool header = false, any = false;
	size_t i, first, last;
	int64_t line;
	int sr;
	char name[128];

	if (!file || !(l = heal_lang_of_path(root, file, &header)) || header || !l->stages)
		return false;
	sr = heal_lang_stage(l, heal_json_object_get_str(r, "message"),
			     heal_json_object_get_str(r, "detail"));
	if (sr <= 0)
		return false;
	for (i = 0; i < n; i++) {
		const struct heal_json *e = heal_fixrec_error(fixes[i]);
		const char *ef;
		bool eh = false;
		int se;

		if (!heal_fixrec_applied(fixes[i]) || !e ||
		    !(ef = heal_json_object_get_str(e, "file")) ||
		    heal_lang_of_path(root, ef, &eh) != l)
			continue;
		se = heal_lang_stage(l, heal_json_object_get_str(e, "message"),
				     heal_json_object_get_str(e, "detail"));
		if (se < 0 || se >= sr)
			return false;
		any = true;
	}
	if (!any || (quoted_name(r, name, sizeof(name)) && name_removed(fixes, n, name)))
		return false;
	if (!changed_by_fixes(fixes, n, file))
		return true;
	if (heal_json_object_get_int(r, "line", 1, INT64_MAX, &line) != 1)
		return false;
	first = changed_from(fixes, n, file);
	last = changed_until(fixes, n, file, false);
	return last != SIZE_MAX && first && ((size_t)line < first || (size_t)line > last);
}

/* Whether two strings are both absent or equal. */
static bool same_text(const char *a, const char *b)
{
	return a ? b && strcmp(a, b) == 0 : !b;
}

/*
 * Whether error r, of its language's first stage whose parser stops at
 * a file's first error (heal_lang's first_stage_stops: YAML's), is past
 * every line the applied fixes among fixes[0..n) changed in its file, and
 * the same error (message and detail) as one they removed there: a
 * playbook's second value holding ': ' once the first is quoted, which
 * the parser never got to.  An error the fixes made is of another kind
 * (a quote left open runs to the end of the stream).
 */
static bool first_stage_past(const struct heal_root *root, const struct heal_json *r,
			     const struct heal_json *const *fixes, size_t n)
{
	const char *file = heal_json_object_get_str(r, "file");
	const char *m = heal_json_object_get_str(r, "message");
	const char *d = heal_json_object_get_str(r, "detail");
	const struct heal_lang *l;
	bool header = false, same = false;
	size_t i, last;
	int64_t line;

	if (!file || !(l = heal_lang_of_path(root, file, &header)) || header ||
	    !l->first_stage_stops || heal_lang_stage(l, m, d) != 0 ||
	    heal_json_object_get_int(r, "line", 1, INT64_MAX, &line) != 1)
		return false;
	for (i = 0; i < n && !same; i++) {
		const struct heal_json *e = heal_fixrec_error(fixes[i]);
		const char *ef;

		same = heal_fixrec_applied(fixes[i]) && e &&
		       (ef = heal_json_object_get_str(e, "file")) && strcmp(ef, file) == 0 &&
		       same_text(heal_json_object_get_str(e, "message"), m) &&
		       same_text(heal_json_object_get_str(e, "detail"), d);
	}
	last = changed_until(fixes, n, file, false);
	return same && last != SIZE_MAX && (size_t)line > last;
}

bool heal_reach_run(const struct heal_root *root, const struct heal_json *r,
		    const struct heal_json *const *fixes, size_t n)
{
	const char *cat = heal_json_object_get_str(r, "category");
	const char *file = heal_json_object_get_str(r, "file");
	size_t i, first, last;
	int64_t line;
	bool any = false;

	if (stage_reached(root, r, fixes, n) || first_stage_past(root, r, fixes, n))
		return true;
	if (!cat)
		return false;
	if (!file || heal_json_object_get_int(r, "line", 1, INT64_MAX, &line) != 1)
		return unplaced_reached(root, r, fixes, n) ||
		       (file && unplaced_after_stop(root, r, file, fixes, n));
	/* a syntax error the run reaches is there all along only in a script
	 * the shell reads as it runs it (a parser that reads the whole file
	 * saw it, or stopped first: heal_check_revealed's) */
	if (strcmp(cat, "syntax") == 0) {
		bool header = false;
		const struct heal_lang *l = heal_lang_of_path(root, file, &header);

		if (!l || header || !l->stops_on_errexit)
			return false;
	}
	for (i = 0; i < n && !any; i++)
		any = stop_fixed(root, fixes[i]);
	if (!any)
		return false;
	/* not on a line the fixes changed in its file (a fix's own text
	 * that fails at run time is the fix's) */
	first = changed_from(fixes, n, file);
	last = changed_until(fixes, n, file, false);
	if (last == SIZE_MAX)
		return false;
	if (!(first && (size_t)line >= first && (size_t)line <= last))
		return true;
	return same_line_reached(root, r, file, (size_t)line, fixes, n);
}
