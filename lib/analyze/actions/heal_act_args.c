/*
 * heal_act_args.c - drop-arguments: a C call given more arguments than
 * its function takes loses the ones past the count the function's
 * declaration in the file gives ('invert(n/2, n, n)' for void
 * invert(int n): 'invert(n/2)').  The call is the one at the error's
 * column: gcc's column is the called name's, clang's the first argument
 * too many.
 */
#include <stdbool.h>
#include <string.h>

#include "heal_actions_int.h"

/* Most declarations of one name looked at. */
#define DECLS_MAX 8

/* The offset just past the string or character literal at s[p] (a quote),
 * or n when it does not close on its line. */
static size_t past_literal(const char *s, size_t n, size_t p)
{
	char q = s[p];

	for (p++; p < n && s[p] != '\n'; p++) {
		if (s[p] == '\\')
			p++;
		else if (s[p] == q)
			return p + 1;
	}
	return n;
}

/*
 * The argument list that opens at s[open] ('('): the offset of its ')'
 * (*close), how many arguments (*count: 0 for '()' or '(void)' when void
 * is true) and the offsets of its top-level commas (commas[0 .. cap)).
 * False when it does not close before a ';' or '{' at its own level, or
 * its text holds "..." (a variadic function).
 */
static bool arg_list(const char *s, size_t n, size_t open, bool void_empty, size_t *close,
		     size_t *count, size_t *commas, size_t cap)
{
	size_t p, depth = 0, nc = 0, first = SIZE_MAX, last = 0;

	for (p = open + 1; p < n; p++) {
		char c = s[p];

		if (c == '"' || c == '\'') {
			if (first == SIZE_MAX)
				first = p;
			p = past_literal(s, n, p) - 1;
			last = p;
			continue;
		}
		if (c == '/' && p + 1 < n && (s[p + 1] == '/' || s[p + 1] == '*'))
			return false;
		if (c == '(' || c == '[' || c == '{') {
			if (c == '{' && depth == 0)
				return false;
			depth++;
		} else if (c == ')' || c == ']' || c == '}') {
			if (depth == 0) {
				if (c != ')')
					return false;
				break;
			}
			depth--;
		} else if (c == ';' && depth == 0) {
			return false;
		} else if (c == ',' && depth == 0) {
			if (nc < cap)
				commas[nc] = p;
			nc++;
			continue;
		} else if (c == '.' && p + 2 < n && s[p + 1] == '.' && s[p + 2] == '.') {
			return false;
		}
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			if (first == SIZE_MAX)
				first = p;
			last = p;
		}
	}
	if (p >= n || nc > cap)
		return false;
	*close = p;
	if (first == SIZE_MAX)
		*count = 0;
	else if (void_empty && nc == 0 && last + 1 - first == 4 && memcmp(s + first, "void", 4) == 0)
		*count = 0;
	else
		*count = nc + 1;
	return true;
}

/* The word that ends just before s[p] (blanks skipped): its start in *w,
 * its length returned, 0 when there is none. */
static size_t word_before(const char *s, size_t p, size_t *w)
{
	size_t e;

	while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t'))
		p--;
	e = p;
	while (p > 0 && heal_act_is_word((unsigned char)s[p - 1]))
		p--;
	*w = p;
	return e - p;
}

/* Whether the word s[w .. w+k) is one that starts an expression, not a
 * declaration's type (return f(x); else g(y)). */
static bool expression_word(const char *s, size_t w, size_t k)
{
	static const char *const words[] = { "return", "else", "case", "sizeof", "do", "goto", NULL };
	size_t i;

	for (i = 0; words[i]; i++)
		if (strlen(words[i]) == k && memcmp(s + w, words[i], k) == 0)
			return true;
	return false;
}

/*
 * How many parameters the declarations and the definition of name
 * (s[name .. name+k)) in the file take: each place the name stands after
 * a type (a word or '*' before it) with its '(' after it.  False when
 * there is none, they disagree, or one is variadic.
 */
static bool declared_params(const char *s, size_t n, const char *name, size_t k, size_t *params)
{
	size_t p, found = 0, commas[64];

	*params = 0;
	for (p = 0; p + k < n; p++) {
		size_t q, w, wl, close, count;

		if (memcmp(s + p, name, k) != 0 || (p > 0 && heal_act_is_word((unsigned char)s[p - 1])) ||
		    heal_act_is_word((unsigned char)s[p + k]))
			continue;
		for (q = p + k; q < n && (s[q] == ' ' || s[q] == '\t'); q++)
			;
		if (q >= n || s[q] != '(')
			continue;
		wl = word_before(s, p, &w);
		if (!(wl > 0 && !expression_word(s, w, wl)) &&
		    !(p > 0 && s[p - 1] == '*'))
			continue;
		if (!arg_list(s, n, q, true, &close, &count, commas, 64))
			return false;
		if (found++ && count != *params)
			return false;
		*params = count;
		if (found == DECLS_MAX)
			break;
	}
	return found > 0;
}

/*
 * The cut that leaves the call whose '(' is s[open] with only the
 * arguments its function's declarations take: [*from, *to), or false
 * with the reason in a (why it could not be).
 */
static bool cut_of(struct heal_act *a, const struct heal_source_file *f, size_t open,
		   size_t *from, size_t *to)
{
	const char *s = f->data;
	size_t name, k, close, count, params = 0, commas[64];

	if (!(k = word_before(s, open, &name)) || expression_word(s, name, k)) {
		heal_act_why(a, "no call at the error's column");
		return false;
	}
	if (!arg_list(s, f->len, open, false, &close, &count, commas, 64) ||
	    !declared_params(s, f->len, s + name, k, &params)) {
		heal_act_why(a, "the function's parameters are not declared in '%s'", f->rel);
		return false;
	}
	if (count <= params) {
		heal_act_why(a, "the call has no argument past the function's %zu", params);
		return false;
	}
	/* from the comma after the last argument kept, or all of them */
	*from = params ? commas[params - 1] : open + 1;
	*to = close;
	return true;
}

int heal_act_drop_arguments(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = heal_act_target(a);
	const char *s;
	size_t off, open = SIZE_MAX, p, depth = 0, from, to;
	bool named = false;

	(void)err;
	if (!f || !heal_act_loc_offset(a, f, &off))
		return 0;
	s = f->data;
	/* gcc: the column is the called name's */
	for (p = off; p < f->len && heal_act_is_word((unsigned char)s[p]); p++)
		;
	if (p > off && (off == 0 || !heal_act_is_word((unsigned char)s[off - 1]))) {
		while (p < f->len && (s[p] == ' ' || s[p] == '\t'))
			p++;
		if (p < f->len && s[p] == '(') {
			if (cut_of(a, f, p, &from, &to)) {
				heal_act_emit(a, f, from, to, "", 0);
				return 1;
			}
			named = true;
		}
	}
	/* clang: the column is the first argument too many; its call's '('
	 * is the first one before it not closed on the way */
	for (p = off; open == SIZE_MAX && p > 0; p--) {
		char c = s[p - 1];

		if (c == ')' || c == ']')
			depth++;
		else if (c == '(' || c == '[') {
			if (depth == 0) {
				if (c == '(')
					open = p - 1;
				else
					break;
			} else {
				depth--;
			}
		} else if (c == ';' || c == '{' || c == '}' || c == '"' || c == '\'') {
			break;
		}
	}
	if (open == SIZE_MAX) {
		/* a call named at the column says why it is not cut */
		if (!named)
			heal_act_why(a, "no call at the error's column");
		return 0;
	}
	if (!cut_of(a, f, open, &from, &to))
		return 0;
	heal_act_emit(a, f, from, to, "", 0);
	return 1;
}
