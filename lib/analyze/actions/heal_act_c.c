/*
 * heal_act_c.c - the actions that know C (and C++) source: add-include,
 * add-prototype, delete-declaration (with the plain assignments of an
 * unused variable), void-cast, add-return (the value the other returns
 * leave), format-spec and close-directive (an #if's missing #endif); and
 * where an #include goes and the token
 * before a location, for the insert action.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_actions_int.h"
#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_lang.h"
#include "heal_regex.h"
#include "heal_text.h"

/* The end of the previous token before off, skipping blanks and comments. */
size_t heal_act_c_prev_token_end(const struct heal_source_file *f, size_t off)
{
	size_t p = off, line = heal_source_line_of(f, off);

	for (;;) {
		size_t ls, ll, ce;

		heal_source_line(f, line, &ls, &ll);
		if (p > ls + ll)
			p = ls + ll;
		/* a "//" comment on this line ends its code */
		ce = ls + heal_act_code_end(f->data + ls, ll,
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
bool heal_act_c_include_last_token(struct heal_act *a,
				   const struct heal_source_file *f, size_t off,
				   const struct heal_source_file **hf, size_t *pos)
{
	struct heal_error e = HEAL_ERROR_INIT;
	size_t line = heal_source_line_of(f, off), ls, ll, i, q;
	const struct heal_source_file *h;
	char *name, *dir, *rel;

	if (!heal_source_line(f, line, &ls, &ll))
		return false;
	i = heal_act_indent_len(f->data + ls, ll);
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
	dir = heal_act_dir_of(f->rel);
	rel = heal_act_join(dir, name);
	h = heal_sources_get(a->src, rel, &e);
	free(name);
	free(dir);
	free(rel);
	if (!h || h->len == 0)
		return false;
	for (off = h->len;;) {
		off = heal_act_c_prev_token_end(h, off);
		line = heal_source_line_of(h, off);
		if (off == 0 || !heal_source_line(h, line, &ls, &ll))
			return false;
		i = heal_act_indent_len(h->data + ls, ll);
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
size_t heal_act_c_include_pos(const struct heal_source_file *f, bool *at_top)
{
	size_t line, ls, ll, pos = 0, depth = 0, guard_end = 0;
	bool in_comment = false, any = false;
	int guard = 0;

	for (line = 1; heal_source_line(f, line, &ls, &ll); line++) {
		const char *s = f->data + ls;
		size_t i = heal_act_indent_len(s, ll);
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

int heal_act_add_include(struct heal_act *a, struct heal_error *err)
{
	char *h = heal_act_arg(a, "header");
	const struct heal_source_file *f = heal_act_target(a);
	bool sys = heal_act_arg_bool(a, "system", true), top;
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
	pos = heal_act_c_include_pos(f, &top);
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	heal_buf_putf(&b, sys ? "#include <%s>\n" : "#include \"%s\"\n", h);
	if (top && heal_source_line(f, 1, &ls, &ll) && !heal_act_is_blank(f->data + ls, ll) &&
	    f->data[ls] != '#')
		heal_buf_putc(&b, '\n');
	heal_act_emit(a, f, pos, pos, b.data, b.len);
	heal_vars_set(a->vars, "header", h);
	heal_buf_release(&b);
	free(h);
	return 1;
}

/* C: a prototype for a function defined later in the file. */
int heal_act_add_prototype(struct heal_act *a, struct heal_error *err)
{
	char *name = heal_act_arg(a, "name");
	const struct heal_source_file *f = heal_act_target(a);
	struct heal_buf pat, proto;
	struct heal_regex re;
	const char *g;
	size_t gl, def_line, k, ls, ll, use_line = 0, pos;
	int r = 0;

	if (!name || !f || !heal_act_valid_name(name, NULL)) {
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
	heal_act_emit(a, f, pos, pos, proto.data, proto.len);
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
		if (!heal_act_is_blank(f->data + ls, ll)) {
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
int heal_act_delete_declaration(struct heal_act *a, struct heal_error *err)
{
	char *name = heal_act_arg(a, "name");
	const char *assignments = heal_act_arg_raw(a, "assignments");
	const struct heal_source_file *f = heal_act_target(a);
	struct heal_buf pat;
	struct heal_regex re;
	size_t ls, ll, lines[32];
	int r = 0, n = 0, i;

	if (!name || !f || !heal_act_valid_name(name, NULL) || !heal_act_loc_line(a, f, &ls, &ll)) {
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
	heal_act_emit(a, f, ls, ls + ll + heal_source_eol_len(f, (size_t)a->line), "", 0);
	for (i = 0; i < n; i++) {
		heal_source_line(f, lines[i], &ls, &ll);
		heal_act_emit(a, f, ls, ls + ll + heal_source_eol_len(f, lines[i]), "", 0);
	}
	r = 1;
out:
	heal_regex_release(&re);
	heal_buf_release(&pat);
	free(name);
	return r;
}

/* C: "(void)name;" at the top of the function body, or after the line. */
int heal_act_void_cast(struct heal_act *a, struct heal_error *err)
{
	char *name = heal_act_arg(a, "name");
	const char *where = heal_act_arg_raw(a, "where");
	const struct heal_source_file *f = heal_act_target(a);
	struct heal_buf b;
	size_t ls, ll, p, k, s2, l2;
	int r = 0;

	if (!name || !f || !heal_act_valid_name(name, NULL) || !heal_act_loc_line(a, f, &ls, &ll)) {
		free(name);
		return 0;
	}
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	if (where && strcmp(where, "after-line") == 0) {
		heal_buf_put(&b, f->data + ls, heal_act_indent_len(f->data + ls, ll));
		heal_buf_putf(&b, "(void)%s;\n", name);
		p = ls + ll + heal_source_eol_len(f, (size_t)a->line);
		heal_act_emit(a, f, p, p, b.data, b.len);
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
	while (heal_source_line(f, k, &s2, &l2) && heal_act_is_blank(f->data + s2, l2))
		k++;
	heal_buf_putc(&b, '\n');
	if (heal_source_line(f, k, &s2, &l2) && f->data[s2 + heal_act_indent_len(f->data + s2, l2)] != '}')
		heal_buf_put(&b, f->data + s2, heal_act_indent_len(f->data + s2, l2));
	else
		heal_buf_puts(&b, "    ");
	heal_buf_putf(&b, "(void)%s;", name);
	heal_act_emit(a, f, p + 1, p + 1, b.data, b.len);
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
	return heal_act_is_blank(s + i + 1, n - i - 1);
}

/*
 * A line that may open a function definition: a name in column 0, not a
 * label, not a statement (students write statements in column 0 too):
 * not ended by a ';' (a call, an assignment, a prototype), no keyword of
 * a statement first, no '=' or brace before its '('.
 */
static bool is_header(const char *s, size_t n)
{
	static const char *const stmt[] = { "if", "else", "while", "for", "do", "switch",
					    "case", "default", NULL };
	const char *paren;
	size_t w = 0, i, e = n;

	if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_') || is_label(s, n))
		return false;
	while (e > 0 && isspace((unsigned char)s[e - 1]))
		e--;
	if (s[e - 1] == ';')
		return false;
	while (w < n && (isalnum((unsigned char)s[w]) || s[w] == '_'))
		w++;
	for (i = 0; stmt[i]; i++)
		if (strlen(stmt[i]) == w && memcmp(s, stmt[i], w) == 0)
			return false;
	paren = memchr(s, '(', n);
	i = paren ? (size_t)(paren - s) : n; /* no '(': GNU style's type line */
	return !memchr(s, '=', i) && !memchr(s, '{', i) && !memchr(s, '}', i);
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
 * The bare "return;" of line [ls, ls + ll) at or after the location's
 * column: [*from, *to) spans "return" to its ';'.  False when there is none.
 */
static bool bare_return(struct heal_act *a, const struct heal_source_file *f, size_t ls,
			size_t ll, size_t *from, size_t *to)
{
	size_t off = ls, p, q;

	if (a->column < 1 || !heal_act_loc_offset(a, f, &off) || off < ls || off > ls + ll)
		off = ls;
	for (p = off; p + 6 <= ls + ll; p++) {
		if (memcmp(f->data + p, "return", 6) != 0 ||
		    (p > ls && (isalnum((unsigned char)f->data[p - 1]) || f->data[p - 1] == '_')))
			continue;
		q = p + 6;
		while (q < ls + ll && (f->data[q] == ' ' || f->data[q] == '\t'))
			q++;
		if (q < ls + ll && f->data[q] == ';') {
			*from = p;
			*to = q + 1;
			return true;
		}
	}
	return false;
}

/*
 * C: "return VALUE;" before the closing brace of a function, or a bare
 * "return;" at the location given a value: 0, NULL or false by the return
 * type, or with "only": "complement" (the end only) the value the other
 * returns leave (c_complement), and nothing when they leave none.
 */
int heal_act_add_return(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = heal_act_target(a);
	const char *only = heal_act_arg_raw(a, "only");
	size_t ls, ll, k, s2, l2, body = 0, rfrom = 0, rto = 0;
	const char *val = NULL;
	char kind = 0;
	bool stmt = false;
	struct heal_buf b;

	if (!f || !heal_act_loc_line(a, f, &ls, &ll))
		return 0;
	if (!only)
		stmt = bare_return(a, f, ls, ll, &rfrom, &rto);
	if (!stmt && (ll == 0 || f->data[ls] != '}')) {
		heal_act_why(a, "line %lld is not the closing brace of a function", (long long)a->line);
		return 0;
	}
	/* the function's header: the nearest line above (or, for a statement,
	 * at) the location that starts with a name in column 0 */
	for (k = (size_t)a->line - (stmt ? 0 : 1); k >= 1; k--) {
		heal_source_line(f, k, &s2, &l2);
		if (is_header(f->data + s2, l2))
			break;
	}
	if (k < 1)
		return 0;
	/* the body's own indentation: its first line after the opening brace */
	for (body = k + 1; body < (size_t)a->line; body++) {
		size_t s3, l3, i3;

		heal_source_line(f, body, &s3, &l3);
		i3 = heal_act_indent_len(f->data + s3, l3);
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
	if (stmt) {
		heal_buf_putf(&b, "return %s;", val);
		heal_act_emit(a, f, rfrom, rto, b.data, b.len);
		heal_vars_set(a->vars, "value", val);
		heal_buf_release(&b);
		return 1;
	}
	if (body && body != k && heal_source_line(f, body, &s2, &l2))
		heal_buf_put(&b, f->data + s2, heal_act_indent_len(f->data + s2, l2));
	else
		heal_buf_puts(&b, "    ");
	heal_buf_putf(&b, "return %s;\n", val);
	heal_act_emit(a, f, ls, ls, b.data, b.len);
	heal_vars_set(a->vars, "value", val);
	heal_buf_release(&b);
	return 1;
}

/* C: "%d" -> "%ld" at the location. */
int heal_act_format_spec(struct heal_act *a, struct heal_error *err)
{
	char *conv = heal_act_arg(a, "conversion");
	const struct heal_source_file *f = heal_act_target(a);
	size_t off, ls, ll, p, q, flags_end;
	struct heal_buf b;
	int r = 0;

	if (!conv || !f || !heal_act_loc_offset(a, f, &off) || !heal_act_loc_line(a, f, &ls, &ll))
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
	heal_act_emit(a, f, p, q, b.data, b.len);
	heal_vars_set(a->vars, "new", heal_buf_str(&b));
	heal_buf_release(&b);
	r = 1;
out:
	free(conv);
	return r;
}

/* The offset of the first byte at or after p in s[0..n) that is no blank. */
static size_t past_blanks(const char *s, size_t n, size_t p)
{
	while (p < n && (s[p] == ' ' || s[p] == '\t'))
		p++;
	return p;
}

/* Whether line (s, n) is a preprocessor directive d (if, endif, ...): the
 * word after '#' and blanks; "if" takes #if, #ifdef and #ifndef. */
static bool directive_is(const char *s, size_t n, const char *d)
{
	size_t p = heal_act_indent_len(s, n), k = strlen(d);

	if (p >= n || s[p] != '#')
		return false;
	p = past_blanks(s, n, p + 1);
	if (n - p < k || memcmp(s + p, d, k) != 0)
		return false;
	if (strcmp(d, "if") == 0)
		return true;
	return p + k == n || !heal_act_is_word((unsigned char)s[p + k]);
}

/*
 * The line after '#ifndef NAME' when the next code line is '#define NAME
 * value' (a default the build may override, as -DBUFSZ=1024), else 0.  A
 * define without a value is a guard: its #endif is at the end.
 */
static size_t default_define_end(const struct heal_source_file *f, size_t line,
				 const char *t, size_t n)
{
	size_t p = past_blanks(t, n, heal_act_indent_len(t, n) + 1), q, s, l, k;

	if (n - p < 6 || memcmp(t + p, "ifndef", 6) != 0)
		return 0;
	p = past_blanks(t, n, p + 6);
	for (q = p; q < n && heal_act_is_word((unsigned char)t[q]); q++)
		;
	if (q == p)
		return 0;
	for (k = line + 1; heal_source_line(f, k, &s, &l) && heal_act_is_blank(f->data + s, l); k++)
		;
	if (!heal_source_line(f, k, &s, &l) || !directive_is(f->data + s, l, "define"))
		return 0;
	{
		const char *d = f->data + s;
		/* directive_is() found "define" after the '#' */
		size_t i = past_blanks(d, l, past_blanks(d, l, heal_act_indent_len(d, l) + 1) + 6);

		if (l - i < q - p || memcmp(d + i, t + p, q - p) != 0 ||
		    (i + (q - p) < l && heal_act_is_word((unsigned char)d[i + (q - p)])))
			return 0;
		if (past_blanks(d, l, i + (q - p)) >= l)
			return 0;
	}
	return k + 1;
}

/*
 * close-directive: the #endif that an unterminated #if (#ifdef, #ifndef,
 * #else, #elif) on the error's line lacks, at the directive's
 * indentation.  Where it goes is known in two cases: before the first
 * line that closes a brace opened before the directive (the conditional
 * lines sit in that block: '#if DEBUG' and a printf inside a loop), and
 * after '#define NAME value' under '#ifndef NAME' (a default).  A
 * top-level conditional is otherwise left alone: its end is the author's
 * (a header's include guard is c.unterminated-include-guard's).  Strings,
 * characters and comments are skipped; a nested #if ... #endif pair is
 * passed over.
 */
int heal_act_close_directive(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = heal_act_target(a);
	size_t ls, ll, il, line, s, l, p, pos = SIZE_MAX;
	long depth = 0, nest = 0;
	bool comment = false;
	struct heal_buf b;

	(void)err;
	if (!f || !heal_act_loc_line(a, f, &ls, &ll))
		return 0;
	if (!directive_is(f->data + ls, ll, "if") && !directive_is(f->data + ls, ll, "else") &&
	    !directive_is(f->data + ls, ll, "elif")) {
		heal_act_why(a, "line %lld is no #if, #else or #elif", (long long)a->line);
		return 0;
	}
	il = heal_act_indent_len(f->data + ls, ll);
	line = default_define_end(f, (size_t)a->line, f->data + ls, ll);
	if (line > 0 && !heal_source_line(f, line, &pos, &l))
		pos = f->len;
	for (line = (size_t)a->line + 1; pos == SIZE_MAX && heal_source_line(f, line, &s, &l); line++) {
		const char *t = f->data + s;

		if (!comment && directive_is(t, l, "if")) {
			nest++;
			continue;
		}
		if (!comment && directive_is(t, l, "endif")) {
			if (nest-- == 0) {
				heal_act_why(a, "the conditional is closed on line %zu", line);
				return 0;
			}
			continue;
		}
		for (p = 0; p < l; p++) {
			if (comment) {
				if (t[p] == '*' && p + 1 < l && t[p + 1] == '/') {
					comment = false;
					p++;
				}
			} else if (t[p] == '/' && p + 1 < l && t[p + 1] == '*') {
				comment = true;
				p++;
			} else if (t[p] == '/' && p + 1 < l && t[p + 1] == '/') {
				break;
			} else if (t[p] == '"' || t[p] == '\'') {
				char q = t[p];

				for (p++; p < l && t[p] != q; p++)
					if (t[p] == '\\')
						p++;
			} else if (t[p] == '{') {
				depth++;
			} else if (t[p] == '}' && --depth < 0) {
				pos = s;
				break;
			}
		}
	}
	if (pos == SIZE_MAX) {
		heal_act_why(a, "where the #endif of line %lld goes is not known", (long long)a->line);
		return 0;
	}
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	if (pos == f->len && pos > 0 && f->data[pos - 1] != '\n')
		heal_buf_putc(&b, '\n');
	heal_buf_put(&b, f->data + ls, il);
	heal_buf_puts(&b, "#endif\n");
	heal_act_emit(a, f, pos, pos, b.data, b.len);
	heal_buf_release(&b);
	return 1;
}
