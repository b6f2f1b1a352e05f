/*
 * heal_act_cbody.c - brace-body: give a C clause (if, else, for, while)
 * the body its indentation shows.  A beginner's
 *
 *	if (n > 10);            for (i = 0; i < n; i++);
 *	    printf("big\n");    {
 *	                            ...
 *	                        }
 *
 * or two statements indented under an if without braces compile, and do
 * something else than the lines say (gcc's -Wmisleading-indentation,
 * clang's -Wempty-body), or meet an else that then has no if.  The
 * action drops the ';' that ends the clause and braces the lines indented
 * under it, in the file's brace style; it does nothing where the
 * indentation does not say more than the code (an empty loop followed by
 * a line at its own indentation, a body already braced).
 */
#include <string.h>

#include "heal_actions_int.h"
#include "heal_buf.h"
#include "heal_source.h"

/* The most lines a clause's header or body may span. */
#define BODY_MAX_LINES 200

static bool word_is(const char *s, size_t n, size_t p, const char *w)
{
	size_t wl = strlen(w);

	return p + wl <= n && memcmp(s + p, w, wl) == 0 &&
	       (p + wl == n || !heal_act_is_word((unsigned char)s[p + wl]));
}

/* The offset after the ')' that closes the '(' at open, or 0. */
static size_t close_paren(const char *s, size_t n, size_t open)
{
	size_t p = open, depth = 0, lines = 0;

	while (p < n) {
		char c = s[p];

		if (c == '\n' && ++lines > BODY_MAX_LINES)
			return 0;
		if (c == '"' || c == '\'') {
			for (p++; p < n && s[p] != c && s[p] != '\n'; p++)
				if (s[p] == '\\')
					p++;
		} else if (c == '/' && p + 1 < n && s[p + 1] == '*') {
			const char *e = p + 2 < n ? strstr(s + p + 2, "*/") : NULL;

			if (!e)
				return 0;
			p = (size_t)(e - s) + 1;
		} else if (c == '/' && p + 1 < n && s[p + 1] == '/') {
			while (p < n && s[p] != '\n')
				p++;
			continue;
		} else if (c == '(') {
			depth++;
		} else if (c == ')') {
			if (--depth == 0)
				return p + 1;
		} else if (c == '{' || c == '}') {
			return 0;
		}
		p++;
	}
	return 0;
}

/* The first non-blank offset of line k and its indentation in columns. */
static bool line_code(const struct heal_source_file *f, size_t k, size_t *code,
		      size_t *cols)
{
	size_t ls, ll, in;

	if (!heal_source_line(f, k, &ls, &ll))
		return false;
	in = heal_act_indent_len(f->data + ls, ll);
	if (in == ll)
		return false;
	*code = ls + in;
	*cols = heal_act_indent_cols(f->data + ls, ll);
	return true;
}

/* Whether the code at p is a clause keyword (after a '}' for "} else"). */
static const char *clause_at(const struct heal_source_file *f, size_t *p)
{
	static const char *const kws[] = { "if", "else", "for", "while" };
	const char *s = f->data;
	size_t i, q = *p;

	if (s[q] == '}') {
		q++;
		while (q < f->len && (s[q] == ' ' || s[q] == '\t'))
			q++;
	}
	for (i = 0; i < sizeof(kws) / sizeof(kws[0]); i++)
		if (word_is(s, f->len, q, kws[i])) {
			*p = q;
			return kws[i];
		}
	return NULL;
}

/*
 * Whether the file opens blocks on a line of their own ("{" alone) more
 * often than at a line's end; a function's brace at the margin does not
 * tell (K&R puts it alone too).
 */
static bool allman_style(const struct heal_source_file *f)
{
	size_t k, own = 0, end = 0, code, cols, ls, ll, e;

	for (k = 1; k <= f->nlines; k++) {
		if (!line_code(f, k, &code, &cols) || !heal_source_line(f, k, &ls, &ll))
			continue;
		e = heal_act_code_end(f->data + ls, ll, "//");
		if (!e || f->data[ls + e - 1] != '{')
			continue;
		if (ls + e - 1 == code)
			own += cols > 0;
		else
			end++;
	}
	return own > end;
}

/* The indentation (bytes) of line k. */
static void put_indent(struct heal_buf *b, const struct heal_source_file *f,
		       size_t k)
{
	size_t ls, ll;

	if (heal_source_line(f, k, &ls, &ll))
		heal_buf_put(b, f->data + ls, heal_act_indent_len(f->data + ls, ll));
}

int heal_act_brace_body(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = heal_act_target(a);
	const char *at = heal_act_arg_raw(a, "at");
	const char *s, *kw;
	size_t k, cl, code, cols, ccols, hdr_end, p, semi = 0, first, last;
	size_t bcols = 0, stmts = 0, n, ls, ll, e;
	bool empty = false, block = false, brace;
	struct heal_buf b;

	(void)err;
	if (!f || !heal_act_at_location(a, f) || a->line <= 0) {
		heal_act_why(a, "no line to read the clause from");
		return 0;
	}
	s = f->data;
	n = f->len;
	k = (size_t)a->line;
	if (!line_code(f, k, &code, &cols)) {
		heal_act_why(a, "line %zu is blank", k);
		return 0;
	}
	p = code;
	kw = clause_at(f, &p);
	if (at && strcmp(at, "else") == 0) {
		/* an else without its if: the if above it at its indentation */
		size_t ec = cols;

		if (!kw || strcmp(kw, "else") != 0) {
			heal_act_why(a, "line %zu does not start with else", k);
			return 0;
		}
		kw = NULL;
		while (--k >= 1) {
			if (!line_code(f, k, &code, &cols) || cols > ec)
				continue;
			p = code;
			if (cols < ec)
				break;
			if ((kw = clause_at(f, &p)) && strcmp(kw, "else") == 0 &&
			    !word_is(s, n, p + 4 + strspn(s + p + 4, " \t"), "if"))
				kw = NULL;
			if (kw && strcmp(kw, "else") != 0 && strcmp(kw, "if") != 0)
				kw = NULL;
			break;
		}
	} else if (!kw) {
		/* the statement misleadingly indented: the clause above it */
		size_t sc = cols;

		while (--k >= 1) {
			if (!line_code(f, k, &code, &cols) || cols >= sc)
				continue;
			p = code;
			kw = clause_at(f, &p);
			break;
		}
	}
	if (!kw || k < 1) {
		heal_act_why(a, "no if, else, for or while clause found");
		return 0;
	}
	cl = k;
	ccols = cols;
	if (strcmp(kw, "else") == 0) {
		p += 4;
		p += strspn(s + p, " \t");
		if (word_is(s, n, p, "if"))
			kw = "if";
	}
	if (strcmp(kw, "else") == 0) {
		hdr_end = p;
	} else {
		p += strlen(kw);
		p += strspn(s + p, " \t");
		if (p >= n || s[p] != '(' || !(hdr_end = close_paren(s, n, p))) {
			heal_act_why(a, "the %s's condition does not close", kw);
			return 0;
		}
	}
	p = hdr_end + strspn(s + hdr_end, " \t");
	if (p < n && s[p] == ';') {
		empty = true;
		semi = p;
		p++;
		p += strspn(s + p, " \t");
	}
	if (p < n && s[p] == '{') {
		if (!empty) {
			heal_act_why(a, "the %s's body is braced", kw);
			return 0;
		}
		/* if (c); { ... }: the block is the body */
		heal_act_emit(a, f, semi, semi + 1, "", 0);
		return 1;
	}
	if (p < n && s[p] != '\n' && s[p] != '\r' &&
	    !(p + 1 < n && s[p] == '/' && (s[p + 1] == '/' || s[p + 1] == '*'))) {
		heal_act_why(a, "the %s's body is on its line", kw);
		return 0;
	}
	/* the body: the lines after the header indented under the clause */
	first = heal_source_line_of(f, hdr_end) + 1;
	last = 0;
	for (k = first; k <= f->nlines && k < first + BODY_MAX_LINES; k++) {
		if (!line_code(f, k, &code, &cols))
			continue;
		if (cols <= ccols) {
			if (!last && empty && s[code] == '{')
				block = true;
			break;
		}
		if (!last) {
			bcols = cols;
			if (s[code] == '{')
				block = true;
		}
		if (cols <= bcols)
			stmts++;
		last = k;
	}
	brace = last && stmts >= 2 && !block;
	if (!empty && !brace) {
		heal_act_why(a, "the indentation under the %s says what the code does", kw);
		return 0;
	}
	if (empty && !brace) {
		if (!last && !block) {
			heal_act_why(a, "nothing is indented under the %s", kw);
			return 0;
		}
		/* the statement or block after the ';' becomes the body */
		heal_act_emit(a, f, semi, semi + 1, "", 0);
		return 1;
	}
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	if (allman_style(f)) {
		heal_buf_putc(&b, '\n');
		put_indent(&b, f, cl);
		heal_buf_putc(&b, '{');
	} else {
		heal_buf_puts(&b, " {");
	}
	heal_source_line(f, heal_source_line_of(f, hdr_end), &ls, &ll);
	e = ls + heal_act_code_end(s + ls, ll, "//");
	if (empty && e == semi + 1) {
		/* the brace takes the ';''s place */
		heal_act_emit(a, f, hdr_end, semi + 1, b.data, b.len);
	} else {
		if (empty)
			heal_act_emit(a, f, semi, semi + 1, "", 0);
		heal_act_emit(a, f, e, e, b.data, b.len);
	}
	heal_buf_reset(&b);
	heal_buf_putc(&b, '\n');
	put_indent(&b, f, cl);
	heal_buf_putc(&b, '}');
	heal_source_line(f, last, &ls, &ll);
	heal_act_emit(a, f, ls + ll, ls + ll, b.data, b.len);
	heal_buf_release(&b);
	return 1;
}
