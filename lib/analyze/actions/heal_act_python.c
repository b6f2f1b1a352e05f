/*
 * heal_act_python.c - the actions that know Python source: space-indent
 * (tabs to spaces), add-import, close-brackets, remove-import-name,
 * return-printed and add-final-return; and where an import goes, for the
 * insert action.
 */
#include <stdlib.h>
#include <string.h>

#include "heal_actions_int.h"
#include "heal_lang.h"
#include "heal_text.h"

/* Where to put a new import: after the top-level imports at the top. */
size_t heal_act_py_import_pos(const struct heal_source_file *f, bool *none)
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
		if (heal_act_is_blank(s, ll))
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

int heal_act_add_import(struct heal_act *a, struct heal_error *err)
{
	char *mod = heal_act_arg(a, "module"), *name = heal_act_arg_raw(a, "name") ?
		    heal_act_arg(a, "name") : NULL;
	const struct heal_source_file *f = heal_act_target(a);
	struct heal_buf b;
	size_t pos, ls, ll, line;
	bool none;
	int r = 0;

	if (!mod || !f || !heal_act_valid_name(mod, ".") || (name && !heal_act_valid_name(name, NULL)))
		goto out;
	pos = heal_act_py_import_pos(f, &none);
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
	    !heal_act_is_blank(f->data + ls, ll)) {
		heal_buf_putc(&b, '\n');
		if (heal_text_starts_with(f->data + ls, ll, "def ") ||
		    heal_text_starts_with(f->data + ls, ll, "class ") ||
		    f->data[ls] == '@')
			heal_buf_putc(&b, '\n');
	}
	heal_act_emit(a, f, pos, pos, b.data, b.len);
	heal_buf_release(&b);
	r = 1;
out:
	free(mod);
	free(name);
	return r;
}

/* The width of indentation s[0..n): a tab as unit blanks, or, with unit
 * 0, to the next multiple of 8 (as Python reads a tab). */
static size_t indent_width(const char *s, size_t n, size_t unit)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		w = s[i] != '\t' ? w + 1 : unit ? w + unit : (w / 8 + 1) * 8;
	return w;
}

/* The change in bracket depth over code s[0..n) (strings and a comment
 * skipped: a rough count, for telling a continuation line). */
static int bracket_change(const char *s, size_t n)
{
	size_t i;
	int d = 0;
	char q = 0;

	for (i = 0; i < n; i++) {
		if (q) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == q)
				q = 0;
		} else if (s[i] == '#') {
			break;
		} else if (s[i] == '"' || s[i] == '\'') {
			q = s[i];
		} else if (s[i] == '(' || s[i] == '[' || s[i] == '{') {
			d++;
		} else if (s[i] == ')' || s[i] == ']' || s[i] == '}') {
			d--;
		}
	}
	return d;
}

/* Whether s[0..n) ends its code with ':' (opens a block). */
static bool opens_block(const char *s, size_t n)
{
	size_t ce = heal_act_code_end(s, n, "#");

	while (ce > 0 && (s[ce - 1] == ' ' || s[ce - 1] == '\t'))
		ce--;
	return ce > 0 && s[ce - 1] == ':';
}

/* The width of the first line of code after line k (a tab as unit
 * blanks), or false when there is none. */
static bool next_code_width(const struct heal_source_file *f, size_t k,
			    size_t unit, size_t *w)
{
	size_t ls, ll;

	for (k++; heal_source_line(f, k, &ls, &ll); k++) {
		size_t il = heal_act_indent_len(f->data + ls, ll);

		if (il < ll && f->data[ls + il] != '#') {
			*w = indent_width(f->data + ls, il, unit);
			return true;
		}
	}
	return false;
}

/*
 * Whether code line k of f fits its place at width w: after a line that
 * opens a block (opens) deeper than it (prev), else at an open block's
 * level (levels[0..nlev)); and the next line of code not deeper unless k
 * opens a block itself.
 */
static bool indent_fits(const struct heal_source_file *f, size_t k, size_t w,
			const size_t *levels, size_t nlev, size_t prev, bool opens,
			size_t unit)
{
	size_t ls, ll, nw, i;

	if (opens ? w <= prev : w > prev)
		return false;
	if (!opens)
		for (i = nlev; i-- > 0;)
			if (levels[i] <= w) {
				if (levels[i] != w)
					return false;
				break;
			}
	if (heal_source_line(f, k, &ls, &ll) && !opens_block(f->data + ls, ll) &&
	    next_code_width(f, k, unit, &nw) && nw > w)
		return false;
	return true;
}

/*
 * Python: leading tabs become spaces.  A tab is one indentation unit (the
 * file's smallest indentation by blanks), unless that leaves the line out
 * of its block where a tab to the next multiple of 8 (Python's own
 * reading, and many editors') puts it in: deeper than a line above that
 * opens a block with ':', else at the level of an open block, and not
 * above the next line's unless it opens one itself.
 */
int heal_act_space_indent(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = heal_act_target(a);
	size_t ls, ll, k, unit = 0, i, levels[64], nlev = 1, prev = 0;
	bool opens = false;
	int depth = 0;

	(void)err;
	if (!f)
		return 0;
	for (k = 1; heal_source_line(f, k, &ls, &ll); k++) {
		size_t il = heal_act_indent_len(f->data + ls, ll);

		if (il > 0 && il < ll && !memchr(f->data + ls, '\t', il) &&
		    (unit == 0 || il < unit))
			unit = il;
	}
	if (unit == 0 || unit > 8)
		unit = 4;
	levels[0] = 0;
	for (k = 1; heal_source_line(f, k, &ls, &ll); k++) {
		const char *s = f->data + ls;
		size_t il = heal_act_indent_len(s, ll), w;
		bool tabs = memchr(s, '\t', il) != NULL, code = il < ll && s[il] != '#';
		struct heal_buf b;

		w = indent_width(s, il, unit);
		if (tabs && code && depth <= 0) {
			size_t w8 = indent_width(s, il, 0);

			if (!indent_fits(f, k, w, levels, nlev, prev, opens, unit) &&
			    w8 != w &&
			    indent_fits(f, k, w8, levels, nlev, prev, opens, unit))
				w = w8;
		}
		if (code && depth <= 0) {
			while (nlev > 1 && levels[nlev - 1] > w)
				nlev--;
			if (w > levels[nlev - 1] && nlev < sizeof(levels) / sizeof(levels[0]))
				levels[nlev++] = w;
			prev = w;
			opens = opens_block(s, ll);
		}
		if (code)
			depth += bracket_change(s + il, ll - il);
		if (depth < 0)
			depth = 0;
		if (!tabs)
			continue;
		heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
		for (i = 0; i < w; i++)
			heal_buf_putc(&b, ' ');
		heal_act_emit(a, f, ls, ls + il, b.data ? b.data : "", b.len);
		heal_buf_release(&b);
	}
	if (!heal_json_object_get(a->fix, "edits")) {
		heal_act_why(a, "no line is indented with tabs");
		return 0;
	}
	return 1;
}

/*
 * Close the brackets a line leaves open, at its end: before the ';' that
 * ends its statement when it has one (JavaScript's "f(1, 2;"; Python's
 * "print(a;" too), else after its code (Python's "print(a").
 */
int heal_act_close_brackets(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = heal_act_target(a);
	const char *lc;
	char stack[64];
	size_t ls, ll, i, depth = 0, e, lcn;
	char q = 0;
	struct heal_buf b;

	if (!f || !heal_act_loc_line(a, f, &ls, &ll))
		return 0;
	lc = heal_lang_line_comment(f->rel, "#");
	lcn = strlen(lc);
	for (i = 0; i < ll; i++) {
		char c = f->data[ls + i];

		if (q) {
			if (c == '\\')
				i++;
			else if (c == q)
				q = 0;
			continue;
		}
		if (lcn && ll - i >= lcn && memcmp(f->data + ls + i, lc, lcn) == 0)
			break;
		if (c == '"' || c == '\'' || c == '`')
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
	e = heal_act_code_end(f->data + ls, ll, lc);
	while (e > 0 && (f->data[ls + e - 1] == ' ' || f->data[ls + e - 1] == '\t'))
		e--;
	if (e > 0 && f->data[ls + e - 1] == ';')
		e--;
	heal_act_emit(a, f, ls + e, ls + e, b.data, b.len);
	heal_vars_set(a->vars, "closers", heal_buf_str(&b));
	heal_buf_release(&b);
	return 1;
}

/* Python: drop one name from "from X import a, b" on the location line. */
int heal_act_remove_import_name(struct heal_act *a, struct heal_error *err)
{
	char *name = heal_act_arg(a, "name");
	const struct heal_source_file *f = heal_act_target(a);
	size_t ls, ll, offs[2], n, s, e;
	const char *line;
	const char *imp;
	int r = 0;

	if (!name || !f || !heal_act_valid_name(name, NULL) || !heal_act_loc_line(a, f, &ls, &ll))
		goto out;
	line = f->data + ls;
	imp = memmem(line, ll, " import ", 8);
	if (!heal_text_starts_with(line + heal_act_indent_len(line, ll), ll, "from ") || !imp ||
	    memchr(line, '(', ll)) {
		heal_act_why(a, "line %lld is not a one-line 'from ... import'", (long long)a->line);
		goto out;
	}
	n = heal_act_find_all(f->data, ls + (size_t)(imp - line) + 8, ls + ll, name, true,
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
	if (heal_act_find_all(f->data, 0, f->len, name, true, offs, 2) > 1) {
		heal_act_why(a, "'%s' is used elsewhere in '%s'", name, f->rel);
		goto out;
	}
	heal_act_emit(a, f, s, e, "", 0);
	r = 1;
out:
	free(name);
	return r;
}

/* Whether line (s, n) starts, past its indentation, with keyword w. */
static bool starts_with_word(const char *s, size_t n, const char *w)
{
	size_t il = heal_act_indent_len(s, n), k = strlen(w);

	return n - il >= k && memcmp(s + il, w, k) == 0 &&
	       (n - il == k || !heal_act_is_word((unsigned char)s[il + k]));
}

/*
 * The one argument of the call 'print(...)' that line (s, n) is, past
 * its indentation: [*a, *b) of s, or false (more than one argument, a
 * keyword argument, or more on the line than the call and a comment).
 */
static bool print_argument(const char *s, size_t n, size_t *a, size_t *b)
{
	size_t p = heal_act_indent_len(s, n), depth = 0, e;

	if (n - p < 7 || memcmp(s + p, "print(", 6) != 0)
		return false;
	*a = p + 6;
	for (p = *a; p < n; p++) {
		char c = s[p];

		if (c == '"' || c == '\'') {
			char q = c;

			for (p++; p < n && s[p] != q; p++)
				if (s[p] == '\\')
					p++;
			if (p >= n)
				return false;
		} else if (c == '(' || c == '[' || c == '{') {
			depth++;
		} else if (c == ')' || c == ']' || c == '}') {
			if (depth == 0)
				break;
			depth--;
		} else if (depth == 0 && (c == ',' || c == '=' || c == '#')) {
			/* a second argument, a keyword argument (end=...), or
			 * a comparison, which a return would give as a bool */
			return false;
		}
	}
	if (p >= n || p == *a)
		return false;
	*b = p;
	for (e = p + 1; e < n && (s[e] == ' ' || s[e] == '\t'); e++)
		;
	return e == n || s[e] == '#';
}

/*
 * The function name()'s body in f: the def's indentation (*def_w), the
 * body's own (*body_w), its last line at that indentation (*last) and
 * its last line (*end); false, with the reason in a, when the file
 * defines it not once, or it returns, yields or defines a function itself.
 */
static bool py_body(struct heal_act *a, const struct heal_source_file *f, const char *name,
		    size_t *def_w, size_t *body_w, size_t *last, size_t *end)
{
	size_t line, ls, ll, k, s2, l2, found = 0, nl = strlen(name);

	for (line = 1; heal_source_line(f, line, &ls, &ll); line++) {
		const char *s = f->data + ls;
		size_t il = heal_act_indent_len(s, ll);

		if (!starts_with_word(s, ll, "def") || ll - il < 4 + nl ||
		    memcmp(s + il + 4, name, nl) != 0 || heal_act_is_word((unsigned char)s[il + 4 + nl]))
			continue;
		if (found++) {
			heal_act_why(a, "'%s' is defined more than once in '%s'", name, f->rel);
			return false;
		}
		*def_w = heal_act_indent_cols(s, ll);
		*body_w = 0;
		*last = *end = 0;
		for (k = line + 1; heal_source_line(f, k, &s2, &l2); k++) {
			const char *t = f->data + s2;
			size_t w;

			if (heal_act_is_blank(t, l2) || t[heal_act_indent_len(t, l2)] == '#')
				continue;
			w = heal_act_indent_cols(t, l2);
			if (w <= *def_w)
				break;
			if (!*body_w)
				*body_w = w;
			if (starts_with_word(t, l2, "return") || starts_with_word(t, l2, "yield") ||
			    memmem(t, l2, "yield ", 6) || starts_with_word(t, l2, "def")) {
				heal_act_why(a, "%s() returns, yields or defines a function itself", name);
				return false;
			}
			if (w == *body_w)
				*last = k;
			*end = k;
		}
	}
	if (!found || !*last) {
		heal_act_why(a, "no function '%s' in '%s'", name, f->rel);
		return false;
	}
	return true;
}

/*
 * return-printed {name}: the function name() whose caller uses its
 * value ends in print(x) and returns nothing: its last statement, that
 * print at the body's own indentation, returns x.  Not a function with a
 * return or a yield of its own anywhere in its body.
 */
int heal_act_return_printed(struct heal_act *a, struct heal_error *err)
{
	char *name = heal_act_arg(a, "name");
	const struct heal_source_file *f = heal_act_target(a);
	size_t s2, l2, def_w, body_w, last, end, pa, pb, p0;
	struct heal_buf b;
	int r = 0;

	(void)err;
	if (!name || !f || !py_body(a, f, name, &def_w, &body_w, &last, &end))
		goto out;
	if (end != last) {
		heal_act_why(a, "%s() does not end in a print of its own", name);
		goto out;
	}
	heal_source_line(f, last, &s2, &l2);
	if (!print_argument(f->data + s2, l2, &pa, &pb)) {
		heal_act_why(a, "%s() does not end in a print of one value", name);
		goto out;
	}
	p0 = heal_act_indent_len(f->data + s2, l2);
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	heal_buf_puts(&b, "return ");
	heal_buf_put(&b, f->data + s2 + pa, pb - pa);
	heal_act_emit(a, f, s2 + p0, s2 + pb + 1, b.data, b.len);
	heal_buf_release(&b);
	r = 1;
out:
	free(name);
	return r;
}

/*
 * add-final-return {name, value}: the function name(), which returns
 * nothing, returns value after its last line, at its body's indentation
 * (a method a chain calls on: return self).  Not a function with a
 * return or a yield of its own.
 */
int heal_act_add_final_return(struct heal_act *a, struct heal_error *err)
{
	char *name = heal_act_arg(a, "name"), *value = heal_act_arg(a, "value");
	const struct heal_source_file *f = heal_act_target(a);
	size_t s2, l2, def_w, body_w, last, end, i, at;
	struct heal_buf b;
	int r = 0;

	(void)err;
	if (!name || !value || !*value || !f ||
	    !py_body(a, f, name, &def_w, &body_w, &last, &end))
		goto out;
	heal_source_line(f, end, &s2, &l2);
	at = s2 + l2 + heal_source_eol_len(f, end);
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	if (at == s2 + l2)
		heal_buf_putc(&b, '\n');
	/* the body's own indentation, in the unit its first line uses */
	heal_source_line(f, last, &s2, &l2);
	for (i = 0; i < heal_act_indent_len(f->data + s2, l2); i++)
		heal_buf_putc(&b, f->data[s2 + i]);
	heal_buf_putf(&b, "return %s\n", value);
	heal_act_emit(a, f, at, at, b.data, b.len);
	heal_buf_release(&b);
	r = 1;
out:
	free(name);
	free(value);
	return r;
}
