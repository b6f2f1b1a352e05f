/*
 * heal_act_shell.c - the actions that know shell scripts: quote-expansion
 * (double quotes around an unquoted $expansion, at the column the record
 * or shellcheck's caret line gives, else in every test on the line).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_actions_int.h"
#include "heal_alloc.h"
#include "heal_buf.h"

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
	while (j < n && heal_act_is_word((unsigned char)s[j]))
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
		if (!nl || (size_t)(nl - l) != ll - heal_act_indent_len(s, ll) ||
		    memcmp(l, s + heal_act_indent_len(s, ll), (size_t)(nl - l)) != 0)
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
		k += heal_act_indent_len(s, ll);
		return k < ll ? k + 1 : 0;
	}
	return 0;
}

/* $* or ${name[*]}: every argument or element as one word. */
static bool star_expansion(const char *x, size_t n)
{
	size_t i;

	if (n == 2)
		return x[0] == '$' && x[1] == '*';
	if (n < 7 || x[0] != '$' || x[1] != '{' || memcmp(x + n - 4, "[*]}", 4) != 0)
		return false;
	for (i = 2; i < n - 4; i++)
		if (!heal_act_is_word((unsigned char)x[i]))
			return false;
	return i > 2;
}

int heal_act_quote_expansion(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = heal_act_target(a);
	size_t ls, ll, off, i, n = 0;
	const char *s;

	if (!f || !heal_act_loc_line(a, f, &ls, &ll))
		return 0;
	s = f->data + ls;
	if (a->column < 1 && (off = raw_caret_column(a, s, ll)) > 0 &&
	    s[off - 1] == '$')
		off = ls + off - 1;
	else if (!(a->column > 0 && heal_act_loc_offset(a, f, &off)))
		off = SIZE_MAX;
	if (off < ls + ll && f->data[off] == '$') {
		size_t e = expansion_end(s, ll, off - ls);

		if (e == off - ls || quoted_at(s, off - ls)) {
			heal_act_why(a, "the expansion at the location is quoted already");
			return 0;
		}
		if (star_expansion(s + (off - ls), e - (off - ls))) {
			/* "$*" is one word: the arguments as they were given
			 * are "$@" (SC2048; quoting it as "$*" is SC2066) */
			char *at = heal_strndup(s + (off - ls), e - (off - ls));
			char *star = strrchr(at, '*');
			struct heal_buf q;

			*star = '@';
			heal_buf_init(&q, HEAL_BUF_UNBOUNDED);
			heal_buf_putf(&q, "\"%s\"", at);
			heal_act_emit(a, f, off, ls + e, q.data, q.len);
			heal_buf_release(&q);
			free(at);
			return 1;
		}
		heal_act_emit(a, f, off, off, "\"", 1);
		heal_act_emit(a, f, ls + e, ls + e, "\"", 1);
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
			heal_act_emit(a, f, ls + j, ls + j, "\"", 1);
			heal_act_emit(a, f, ls + e, ls + e, "\"", 1);
			n++;
			j = e - 1;
		}
		i = close;
	}
	if (!n)
		heal_act_why(a, "no unquoted expansion in a test on line %lld", (long long)a->line);
	return n > 0;
}
