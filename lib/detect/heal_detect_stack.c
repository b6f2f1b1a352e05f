/*
 * The generic reader's file-stack groups (heal_detect_generic.h): the rows
 * below a file's name alone on a line, from tools heal has no pattern file
 * for.
 */
#include <string.h>

#include "heal_detect.h"
#include "heal_detect_int.h"
#include "heal_detect_generic.h"

/* --- a file-stack group --------------------------------------------------- */

/*
 * Linters that print a file's name on a line of its own and its problems
 * below it, one a row that starts with the location (eslint's and
 * stylelint's stylish, yamllint's standard, remark's vfile reporter,
 * ruff's grouped, rubocop's simple, textlint, vale):
 *
 *   HEAD:  PATH | PATH: | == PATH == | FILE: PATH
 *   ROW:   [SEV: | X: | CODE:] LINE[:COL][-ELINE[:ECOL]][:] [SEV | MARK]
 *          [CODE [[*]] | [RULE] | Dept/Rule:] MESSAGE [  RULE [SOURCE]]
 *
 * where the pattern files know the tool, they take the rows first.  A row
 * is taken only with a severity or a code (a location and prose are not
 * enough: a listing's "  12:30  done"), and only right below its head or
 * the group's row before; the head is a path's shape alone on its line.
 * The file need not exist: the two lines' shape says enough.
 */

/* The one-letter categories of pylint, rubocop, credo: E F W C R I. */
static const char *letter_severity(char c)
{
	return strchr("EFWCRI", c) && c
		       ? heal_detect_gen_code_severity((const char[]){ c, '0' }, 2)
		       : NULL;
}

/* "\u2716" heavy multiplication x, "\u2717" ballot x, "\u26a0" warning
 * sign, "\u00d7": the marks stylish reporters print for a severity. */
static size_t mark_len(const char *s, size_t n, const char **sev)
{
	static const struct {
		const char *m, *sev;
	} marks[] = {
		{ "\xe2\x9c\x96", "error" },
		{ "\xe2\x9c\x97", "error" },
		{ "\xc3\x97", "error" },
		{ "\xe2\x9a\xa0", "warning" },
	};
	size_t i, l;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		l = strlen(marks[i].m);
		if (n > l && memcmp(s, marks[i].m, l) == 0) {
			/* a variation selector after the sign */
			if (n > l + 3 && memcmp(s + l, "\xef\xb8\x8f", 3) == 0)
				l += 3;
			if (!blank(s[l]))
				return 0;
			*sev = marks[i].sev;
			return l;
		}
	}
	return 0;
}

/* Digits then blanks: i past them, 0 when there are none. */
static size_t num_at(const char *s, size_t n, size_t i, const char **at,
		     size_t *len)
{
	size_t k = heal_detect_gen_digits(s, n, i);

	if (!k)
		return 0;
	*at = s + i;
	*len = k;
	return i + k;
}

/* A rule's name: "Naming/MethodName", "Style/GuardClause" (rubocop's
 * departments) before a colon, its length, else 0. */
static size_t dept_rule_len(const char *s, size_t n)
{
	size_t i = 0;
	bool slash = false;

	if (!n || !upper(s[0]))
		return 0;
	while (i < n && (alpha(s[i]) || dig(s[i]) || s[i] == '/' || s[i] == '_')) {
		slash |= s[i] == '/';
		i++;
	}
	return slash && i + 1 < n && s[i] == ':' && blank(s[i + 1]) &&
			       s[i - 1] != '/'
		       ? i
		       : 0;
}

static bool parse_row(const char *s, size_t n, struct gen_row *r)
{
	size_t i = 0, k, w;

	memset(r, 0, sizeof(*r));
	while (i < n && blank(s[i]))
		i++;
	/* a severity, a category letter or a code before the location:
	 * looked up only when blanks and a digit follow its colon */
	if (i < n && !dig(s[i])) {
		size_t j;

		for (k = i; k < n && k - i < 12 && (alpha(s[k]) || dig(s[k]));
		     k++)
			;
		if (k == i || k + 1 >= n || s[k] != ':' || !blank(s[k + 1]))
			return false;
		for (j = k + 1; j < n && blank(s[j]); j++)
			;
		if (j >= n || !dig(s[j]))
			return false;
		if (heal_detect_gen_word_len(s + i, k - i) == k - i) {
			r->sev = k - i == 1 ? letter_severity(s[i])
					    : heal_detect_gen_severity(s + i, k - i);
		} else if (heal_detect_gen_code_len(s + i, k - i) == k - i) {
			r->code = s + i;
			r->ncode = k - i;
			r->sev = heal_detect_gen_code_severity(s + i, k - i);
		}
		if (!r->sev && !r->code)
			return false;
		r->prefixed = true;
		i = j;
	}
	/* LINE[:COL | , COL][-ELINE[:ECOL]][:] */
	if (!(k = num_at(s, n, i, &r->lno, &r->nlno)))
		return false;
	i = k;
	if (i + 1 < n && (s[i] == ':' || s[i] == ',')) {
		size_t j = i + 1;

		while (j < n && j - i < 6 && blank(s[j]))
			j++;
		if ((k = num_at(s, n, j, &r->col, &r->ncol)))
			i = k;
	}
	if (i + 1 < n && s[i] == '-' &&
	    (k = num_at(s, n, i + 1, &r->eline, &r->neline))) {
		i = k;
		if (i + 1 < n && s[i] == ':' &&
		    (k = num_at(s, n, i + 1, &r->ecol, &r->necol))) {
			i = k;
		} else if (r->col) {
			/* "3:5-9": the end's column on the same line */
			r->ecol = r->eline;
			r->necol = r->neline;
			r->eline = NULL;
			r->neline = 0;
		}
	}
	if (i < n && s[i] == ':')
		i++;
	if (i >= n || !blank(s[i]))
		return false;
	while (i < n && blank(s[i]))
		i++;
	/* a severity or its mark after the location */
	w = heal_detect_gen_word_len(s + i, n - i);
	if (w && i + w < n && blank(s[i + w]) && heal_detect_gen_severity(s + i, w)) {
		r->sev = heal_detect_gen_severity(s + i, w);
		i += w;
	} else if ((k = mark_len(s + i, n - i, &r->sev))) {
		i += k;
	}
	while (i < n && blank(s[i]))
		i++;
	/* a code first: ruff's "F401 [*] ", "[indentation] ", rubocop's
	 * "Naming/MethodName: " */
	if (!r->code && (k = heal_detect_gen_code_len(s + i, n - i)) && i + k < n &&
	    (blank(s[i + k]) || s[i + k] == ':')) {
		r->code = s + i;
		r->ncode = k;
		if (!r->sev)
			r->sev = heal_detect_gen_code_severity(s + i, k);
		i += k + (s[i + k] == ':');
		while (i < n && blank(s[i]))
			i++;
		if (n - i > 4 && memcmp(s + i, "[*] ", 4) == 0)
			i += 4;
	} else if (!r->code && i < n && s[i] == '[') {
		for (k = i + 1; k < n && (lower(s[k]) || dig(s[k]) || s[k] == '-' ||
					  s[k] == '_' || s[k] == '/');
		     k++)
			;
		if (k > i + 1 && k + 1 < n && s[k] == ']' && blank(s[k + 1])) {
			r->code = s + i + 1;
			r->ncode = k - i - 1;
			i = k + 1;
		}
	} else if (!r->code && (k = dept_rule_len(s + i, n - i))) {
		r->code = s + i;
		r->ncode = k;
		i += k + 1;
	}
	while (i < n && blank(s[i]))
		i++;
	while (n > i && blank(s[n - 1]))
		n--;
	/* the rule in a column of its own at the end ("  no-unused-vars",
	 * "  final-newline  remark-lint"): after the first wide gap */
	for (k = i; k + 1 < n; k++)
		if (blank(s[k]) && blank(s[k + 1]))
			break;
	if (k + 1 < n) {
		size_t t = k;

		while (t < n && blank(s[t]))
			t++;
		if (!r->code) {
			size_t e = t;

			while (e < n && !blank(s[e]))
				e++;
			r->code = s + t;
			r->ncode = e - t;
		}
		n = k;
	}
	r->msg = s + i;
	r->nmsg = n - i;
	if (!r->sev && r->code)
		r->sev = "error";
	return r->sev && r->nmsg >= 3 && (alpha(r->msg[0]) || r->msg[0] == '\'' ||
					  r->msg[0] == '"' || r->msg[0] == '`' ||
					  (unsigned char)r->msg[0] >= 0x80);
}

/* The path a group's head names (p[0, n): a line without its prefix), its
 * length at *path, else 0. */
static size_t parse_head(const char *p, size_t n, const char **path)
{
	size_t i;

	while (n && blank(*p)) {
		p++;
		n--;
	}
	while (n && blank(p[n - 1]))
		n--;
	if (n > 6 && memcmp(p, "== ", 3) == 0 && memcmp(p + n - 3, " ==", 3) == 0) {
		p += 3;
		n -= 6;
	} else if (n > 6 && memcmp(p, "FILE: ", 6) == 0) {
		p += 6;
		n -= 6;
	} else if (n > 1 && p[n - 1] == ':') {
		n--;
	}
	for (i = 0; i < n; i++)
		if (!path_char(p[i]))
			return 0;
	/* a name with a suffix that starts with a letter, or a directory, or
	 * a Makefile: not "done.", "v1.2", "Summary" */
	if (!heal_detect_gen_path_shape(p, n) || p[n - 1] == '.' || p[0] == '-')
		return 0;
	for (i = n; i > 0 && p[i - 1] != '/' && p[i - 1] != '.'; i--)
		;
	if (i > 0 && p[i - 1] == '.' && (i == n || !alpha(p[i])) &&
	    !memchr(p, '/', n))
		return 0;
	*path = p;
	return n;
}

/*
 * Whether a line can be a row at all, looked at in its first bytes only
 * (every candidate line comes here): after blanks and a quote's '>', a
 * digit or '(' (prefixed: a word, its colon, blanks, then a digit).
 */
static bool row_shape(const char *s, size_t n, bool prefixed)
{
	size_t i = 0, k;

	while (i < n && i < 16 && (blank(s[i]) || s[i] == '>'))
		i++;
	if (i >= n)
		return false;
	if (!prefixed && (dig(s[i]) || s[i] == '('))
		return true;
	for (k = i; k < n && k - i < 12 && (alpha(s[k]) || dig(s[k])); k++)
		;
	if (k == i || k + 2 >= n || s[k] != ':' || !blank(s[k + 1]))
		return false;
	for (k++; k < n && blank(s[k]); k++)
		;
	return k < n && dig(s[k]);
}

/* The marks of a wrapper before a line (a quoted paste's "> "), not the
 * blanks that indent a tool's row. */
static size_t unmark(const char *s, size_t n)
{
	size_t w = heal_detect_wrapper_len(s, n);

	return w ? heal_detect_marks_len(s, w) : 0;
}

int heal_detect_generic_row(struct heal_detect *d, const char *line,
			    size_t len, bool prefixed, struct heal_error *err)
{
	struct heal_detect_generic *g;
	struct gen_row row, prev;
	const char *head, *pv = d->prev + d->prev_off;
	size_t nhead, mk, npv = d->prev_len - d->prev_off;
	struct gen_fields o;

	if (d->opt.no_generic || d->rec || d->block.active ||
	    d->line_truncated || !row_shape(line, len, prefixed))
		return 0;
	/* a quoted paste's marks ("> "), not the tool's own blanks */
	mk = unmark(line, len);
	line += mk;
	len -= mk;
	g = heal_detect_gen_get(d);
	/* a line is looked at twice (before the patterns, then when none
	 * took it): parsed once */
	if (g->row_at != line || g->row_len != len) {
		g->row_at = line;
		g->row_len = len;
		g->row_ok = parse_row(line, len, &g->row);
	}
	if (!g->row_ok || (prefixed && !g->row.prefixed))
		return 0;
	row = g->row;
	mk = unmark(pv, npv);
	pv += mk;
	npv -= mk;
	nhead = parse_head(pv, npv, &head);
	if (nhead) {
		memcpy(g->head, head, nhead);
		g->nhead = nhead;
	} else if (!g->nhead || !d->prev_claimed ||
		   !parse_row(pv, npv, &prev)) {
		g->nhead = 0;
		return 0;
	}
	memset(&o, 0, sizeof(o));
	GEN_FIELD(&o, HEAL_PF_FILE, g->head, g->nhead);
	GEN_FIELD(&o, HEAL_PF_LINE, row.lno, row.nlno);
	GEN_FIELD(&o, HEAL_PF_COLUMN, row.col, row.ncol);
	GEN_FIELD(&o, HEAL_PF_END_LINE, row.eline, row.neline);
	GEN_FIELD(&o, HEAL_PF_END_COLUMN, row.ecol, row.necol);
	GEN_FIELD(&o, HEAL_PF_SEVERITY, row.sev, strlen(row.sev));
	GEN_FIELD(&o, HEAL_PF_CODE, row.code, row.ncode);
	GEN_FIELD(&o, HEAL_PF_MESSAGE, row.msg, row.nmsg);
	return heal_detect_gen_record(d, &o, err);
}
