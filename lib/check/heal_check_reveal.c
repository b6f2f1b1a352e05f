/*
 * heal_check_reveal.c - an error an edit let a checker reach: a checker
 * that stops at a file's first error (Python's compile(), sh -n) never
 * read past it, so once an edit fixes that error, the next one in the
 * file shows for the first time.  It is not the edit's when it is in the
 * text past the edit whatever comes before that text: the file with the
 * lines before a top-level statement past the edit blanked gives it
 * again, at the same line, with the same message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_check_int.h"
#include "heal_lang.h"

bool heal_check_first_error_only(const char *checker)
{
	const struct heal_checker *ck = checker ? heal_checker_get(checker) : NULL;

	return ck && ck->first_error_only;
}

/* The length of the quote mark at s (' or UTF-8's \u2018 \u2019), else 0. */
static size_t quote_at(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (*s == '\'')
		return 1;
	if (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0x98 || u[2] == 0x99))
		return 3;
	return 0;
}

/*
 * Whether message m matches template t: '*' is any text, a quote mark any
 * quote mark, and the first quoted '*' gives *name (its text, *namen long).
 */
static bool quiet_match(const char *t, const char *m, const char **name,
			size_t *namen)
{
	while (*t) {
		size_t q;

		if (*t == '*') {
			for (;; m++) {
				if (quiet_match(t + 1, m, name, namen))
					return true;
				if (!*m)
					return false;
			}
		}
		if (*t != '\'') {
			if (*t++ != *m++)
				return false;
			continue;
		}
		if (!(q = quote_at(m)))
			return false;
		m += q;
		t++;
		if (t[0] == '*' && t[1] == '\'' && !*name) {
			const char *e = m;

			while (*e && !quote_at(e))
				e++;
			if (!*e || e == m)
				return false;
			*name = m;
			*namen = (size_t)(e - m);
			m = e + quote_at(e);
			t += 2;
		}
	}
	return !*m;
}

static bool ident_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_';
}

/* How many times s[0..n) holds w[0..wn) as a word of its own. */
static size_t count_word(const char *s, size_t n, const char *w, size_t wn)
{
	size_t i, c = 0;

	for (i = 0; wn && i + wn <= n; i++)
		if (memcmp(s + i, w, wn) == 0 && (i == 0 || !ident_char(s[i - 1])) &&
		    (i + wn == n || !ident_char(s[i + wn])))
			c++;
	return c;
}

static bool has_word(const char *s, size_t n, const char *w, size_t wn)
{
	return count_word(s, n, w, wn) > 0;
}

/* How many times s[0..n) calls the word w[0..wn): 'w (' . */
static size_t count_calls(const char *s, size_t n, const char *w, size_t wn)
{
	size_t i, c = 0;

	for (i = 0; wn && i + wn <= n; i++) {
		size_t a = i + wn;

		if (memcmp(s + i, w, wn) != 0 || (i > 0 && ident_char(s[i - 1])) ||
		    (a < n && ident_char(s[a])))
			continue;
		while (a < n && (s[a] == ' ' || s[a] == '\t'))
			a++;
		c += a < n && s[a] == '(';
	}
	return c;
}

/* Whether s[0..n) at i starts an assignment operator (not ==), ++ or --. */
static bool assigns_at(const char *s, size_t n, size_t i)
{
	static const char *const ops[] = {
		"<<=", ">>=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "++", "--",
	};
	size_t k;

	/* '=' that starts no expression after it ('i=<N', a '<=' typed
	 * backwards) is no write either */
	if (i < n && s[i] == '=')
		return i + 1 >= n || !strchr("=<>", s[i + 1]);
	for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
		if (i + strlen(ops[k]) <= n && !memcmp(s + i, ops[k], strlen(ops[k])))
			return true;
	return false;
}

/* How many times s[0..n) writes the word w[0..wn): assigns to it (x =,
 * x +=, x++, ++x) or takes its address (&x, for scanf). */
static size_t count_writes(const char *s, size_t n, const char *w, size_t wn)
{
	size_t i, c = 0;

	for (i = 0; wn && i + wn <= n; i++) {
		size_t a = i + wn, b = i;

		if (memcmp(s + i, w, wn) != 0 || (i > 0 && ident_char(s[i - 1])) ||
		    (a < n && ident_char(s[a])))
			continue;
		while (a < n && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		if (assigns_at(s, n, a) ||
		    (b > 0 && s[b - 1] == '&' && (b < 2 || s[b - 2] != '&')) ||
		    (b > 1 && ((s[b - 1] == '+' && s[b - 2] == '+') ||
			       (s[b - 1] == '-' && s[b - 2] == '-'))))
			c++;
	}
	return c;
}

/* A character class of words for changed_span: 1 identifier characters,
 * 2 operator characters (a '|' made '||' changed the operator), 0 other. */
static int word_class(char ch)
{
	if (ident_char(ch))
		return 1;
	return ch && strchr("&|=<>!+-*/%^~", ch) ? 2 : 0;
}

/* Whether a and b are of one word class (not 0). */
static bool same_word(char a, char b)
{
	return word_class(a) && word_class(a) == word_class(b);
}

/*
 * The text an edit changed: the bytes old[0..oldn) and new[0..newn) share
 * at their start (*pre) and end (*post), each stopped at a word's start
 * or end (a word the edit touched is changed text whole: 'retrun' made
 * 'return' changed the word 'return', '|' made '||' the operator '||').
 */
/* Whether the edit inserted words and blanks only (the common head and
 * tail aside, nothing of the old text changed). */
static bool words_only(const char *old, size_t oldn, const char *new, size_t newn)
{
	size_t pre = 0, post = 0, m = oldn < newn ? oldn : newn, i;

	while (pre < m && old[pre] == new[pre])
		pre++;
	while (post < m - pre && old[oldn - 1 - post] == new[newn - 1 - post])
		post++;
	for (i = pre; i + post < oldn; i++)
		if (old[i] != ' ' && old[i] != '\t')
			return false; /* a word gone may be a 'return' */
	for (i = pre; i + post < newn; i++)
		if (!ident_char(new[i]) && new[i] != ' ' && new[i] != '\t')
			return false;
	return true;
}

static void changed_span(const char *old, size_t oldn, const char *new,
			 size_t newn, size_t *pre, size_t *post)
{
	size_t a = 0, b = 0, m = oldn < newn ? oldn : newn;

	while (a < m && old[a] == new[a])
		a++;
	while (a > 0 && ((a < oldn && same_word(old[a - 1], old[a])) ||
			 (a < newn && same_word(old[a - 1], new[a]))))
		a--;
	while (b < m - a && old[oldn - 1 - b] == new[newn - 1 - b])
		b++;
	while (b > 0 && ((oldn - b > a && same_word(old[oldn - b], old[oldn - b - 1])) ||
			 (newn - b > a && same_word(old[oldn - b], new[newn - b - 1]))))
		b--;
	*pre = a;
	*post = b;
}

bool heal_check_quiet_warning(const char *checker, const char *message,
			      const struct heal_check_edit *e)
{
	const char *old = e->old, *new = e->new;
	size_t oldn = e->oldn, newn = e->newn;
	const struct heal_checker *ck = checker ? heal_checker_get(checker) : NULL;
	const struct heal_check_quiet *q;

	if (!ck || !ck->quiet_after_error || !message)
		return false;
	for (q = ck->quiet_after_error; q->message; q++) {
		const char *name = NULL;
		size_t namen = 0;

		if (!quiet_match(q->message, message, &name, &namen))
			continue;
		/* what the checker holds back in every function after an error,
		 * found in a function the edit did not touch */
		if (q->test == HEAL_QUIET_NAMED && e->apart)
			return true;
		if (q->test == HEAL_QUIET_AT)
			return !e->in_edit;
		if (q->test == HEAL_QUIET_SAID)
			return !e->in_edit && e->said_before;
		if (q->test == HEAL_QUIET_WORDS)
			return !e->in_edit && words_only(old, oldn, new, newn);
		if (q->test == HEAL_QUIET_FIRST_USE)
			return e->said_before ||
			       (!e->in_edit && name && namen &&
				count_calls(old, oldn, name, namen) > 0 &&
				count_calls(new, newn, name, namen) <= count_calls(old, oldn, name, namen));
		if (q->about) {
			/* words apart by spaces: none of them in the text the
			 * edit changed, on either side, and no statement end
			 * changed on lines that hold one ('return x;' made
			 * 'return'; '(c[],' made '(c,' in a return is not) */
			const char *w = q->about;
			size_t pre, post;
			bool semi;

			changed_span(old, oldn, new, newn, &pre, &post);
			semi = memchr(old + pre, ';', oldn - pre - post) ||
			       memchr(new + pre, ';', newn - pre - post);
			while (*w) {
				size_t n = strcspn(w, " ");

				if (has_word(old + pre, oldn - pre - post, w, n) ||
				    has_word(new + pre, newn - pre - post, w, n) ||
				    (semi && (has_word(old, oldn, w, n) ||
					      has_word(new, newn, w, n))))
					return false;
				w += n;
				w += *w == ' ';
			}
			return true;
		}
		if (!name || !namen)
			return false;
		if (q->test == HEAL_QUIET_USES)
			return !e->in_edit && count_word(new, newn, name, namen) >=
					      count_word(old, oldn, name, namen);
		if (q->test == HEAL_QUIET_WRITES)
			return !e->in_edit && count_writes(new, newn, name, namen) >=
					   count_writes(old, oldn, name, namen);
		return !has_word(old, oldn, name, namen) &&
		       !has_word(new, newn, name, namen);
	}
	return false;
}

/* The offset of the first line past `after`, at most `line`, that starts a
 * top-level statement of lang; false when there is none. */
static bool top_level_start(const struct heal_lang *lang, const char *data,
			    size_t len, size_t after, size_t line, size_t *start)
{
	size_t p = 0, l = 1;

	while (p < len && l <= line) {
		const char *nl = memchr(data + p, '\n', len - p);
		size_t e = nl ? (size_t)(nl - data) : len;

		if (l > after && heal_lang_top_level(lang, data + p, e - p)) {
			*start = p;
			return true;
		}
		if (!nl)
			break;
		p = e + 1;
		l++;
	}
	return false;
}

static bool reports(const struct heal_check_result *res, const char *checker,
		    size_t line, const char *message)
{
	size_t i, k;

	for (i = 0; i < res->nsteps; i++) {
		const struct heal_check_step *s = &res->steps[i];

		if (s->status != HEAL_CHECK_FAILED || !s->checker || strcmp(s->checker, checker) != 0)
			continue;
		for (k = 0; k < s->nerrors; k++) {
			const char *m = heal_json_object_get_str(s->errors[k], "message");
			int64_t el;

			if (heal_json_object_get_int(s->errors[k], "line", 1, INT64_MAX, &el) == 1 &&
			    (size_t)el == line && m && strcmp(m, message) == 0)
				return true;
		}
	}
	return false;
}

/* Python's messages about indentation: the blocks around a line decide
 * them, and a prefix that opens blocks of its own would too. */
static bool indentation_message(const char *m)
{
	return strstr(m, "indent") != NULL;
}

/* The width of a line's leading blanks (a tab to the next multiple of 8,
 * as Python counts) and whether the line holds code (not blank, not a
 * comment). */
static size_t indent_of(const char *s, size_t n, bool *code)
{
	size_t i, w = 0;

	for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		w = s[i] == '\t' ? (w / 8 + 1) * 8 : w + 1;
	*code = i < n && s[i] != '#' && s[i] != '\r';
	return w;
}

struct py_line {
	size_t off, len, width;
	bool code;
};

/*
 * Python, an error inside the block the edit is in: the text from the
 * first line of code past the edit (L0, not one that goes on with a
 * statement, as 'else') keeps its lines and bytes, and what comes before
 * it is empty lines but for one "if 1:" per block L0 is nested in, each at
 * its block's header's indentation, on the lines just before L0.  The
 * caller checks that file (returned, *outlen bytes); NULL when there is
 * no such prefix (too few lines before L0, no L0 up to `line`).
 */
static char *nested_prefix(const struct heal_lang *lang, const char *data, size_t len,
			   size_t after, size_t line, size_t *outlen)
{
	struct py_line *v = NULL;
	size_t n = 0, p = 0, l0 = 0, k, w, nh = 0;
	size_t hw[64];
	char *out = NULL;
	struct heal_buf b;

	while (p <= len) {
		const char *nl = memchr(data + p, '\n', len - p);
		size_t e = nl ? (size_t)(nl - data) : len;

		v = heal_reallocarray(v, n + 1, sizeof(*v));
		v[n].off = p;
		v[n].len = e - p;
		v[n].width = indent_of(data + p, e - p, &v[n].code);
		n++;
		if (!nl || n > line)
			break;
		p = e + 1;
	}
	/* L0: line numbers are 1-based, v[] 0-based */
	for (k = after; k < n && k + 1 <= line; k++) {
		const char *s = data + v[k].off + v[k].width;
		size_t rest = v[k].len - (size_t)(s - (data + v[k].off));

		if (!v[k].code || v[k].width == 0)
			continue;
		/* a line that goes on with a statement, or closes brackets
		 * a line before it opened */
		if (*s == ')' || *s == ']' || *s == '}' ||
		    !heal_lang_top_level(lang, s, rest))
			continue;
		l0 = k + 1;
		break;
	}
	if (!l0)
		goto out;
	/* the headers of the blocks around L0, innermost first */
	w = v[l0 - 1].width;
	for (k = l0 - 1; k-- > 0 && w > 0;)
		if (v[k].code && v[k].width < w) {
			if (nh == sizeof(hw) / sizeof(hw[0]))
				goto out;
			hw[nh++] = w = v[k].width;
		}
	if (w > 0 || nh == 0 || nh >= l0)
		goto out;
	/* lines 1 .. L0-1: empty, but the last nh: the headers, the
	 * outermost first */
	heal_buf_init(&b, len + l0 + nh * (hw[0] + 8) + 16);
	for (k = 1; k < l0; k++) {
		if (k + nh >= l0)
			heal_buf_putf(&b, "%*sif 1:", (int)hw[l0 - 1 - k], "");
		heal_buf_putc(&b, '\n');
	}
	heal_buf_put(&b, data + v[l0 - 1].off, len - v[l0 - 1].off);
	out = heal_buf_detach(&b, outlen);
out:
	free(v);
	return out;
}

static int check_blanked(const struct heal_check_opts *o, struct heal_check_copy *copy,
			 const char *checker, const char *buf, size_t len, size_t line,
			 const char *message, bool *revealed, struct heal_error *err)
{
	struct heal_check_opts blank_o;
	struct heal_check_result res;
	int r;

	blank_o = *o;
	blank_o.known = NULL;
	blank_o.known_ctx = NULL;
	blank_o.read_passed = false;
	memset(&res, 0, sizeof(res));
	if (copy) {
		r = heal_check_copy_write(copy, buf, len, err);
		if (r == 0)
			r = heal_check_copy_run(copy, &blank_o, &res, err);
	} else {
		r = heal_check_buffer(&blank_o, buf, len, &res, err);
	}
	if (r == 0)
		*revealed = reports(&res, checker, line, message);
	heal_check_result_release(&res);
	return r < 0 ? -1 : 1;
}

int heal_check_revealed(const struct heal_check_opts *o, struct heal_check_copy *copy,
			const char *checker, const char *data, size_t len, size_t after,
			size_t line, const char *message, bool *revealed,
			struct heal_error *err)
{
	const struct heal_lang *lang;
	size_t start = 0, k;
	bool header = false;
	char *buf;
	int r;

	*revealed = false;
	if (!heal_check_first_error_only(checker) || line <= after || !message || !o->file)
		return 0;
	lang = heal_lang_of_path(o->root, o->file, &header);
	if (!lang)
		return 0;
	if (!top_level_start(lang, data, len, after, line, &start)) {
		if (lang->id != HEAL_LANG_PYTHON || indentation_message(message))
			return 0;
		size_t blen = 0;

		buf = nested_prefix(lang, data, len, after, line, &blen);
		if (!buf)
			return 0;
		r = check_blanked(o, copy, checker, buf, blen, line, message, revealed, err);
		free(buf);
		return r;
	}
	buf = heal_malloc(len + 1);
	memcpy(buf, data, len);
	/* blanks keep every line where it was */
	for (k = 0; k < start; k++)
		if (buf[k] != '\n')
			buf[k] = ' ';
	r = check_blanked(o, copy, checker, buf, len, line, message, revealed, err);
	free(buf);
	return r;
}

int heal_check_revealed_before(const struct heal_check_opts *o, struct heal_check_copy *copy,
			       const char *checker, const char *data, size_t len, size_t first,
			       size_t line, const char *message, bool *revealed,
			       struct heal_error *err)
{
	size_t p = 0, l = 1, k;
	char *buf;
	int r;

	*revealed = false;
	if (!heal_check_first_error_only(checker) || line >= first || !message || !o->file)
		return 0;
	/* the offset of line `first` */
	while (p < len && l < first) {
		const char *nl = memchr(data + p, '\n', len - p);

		if (!nl)
			return 0;
		p = (size_t)(nl - data) + 1;
		l++;
	}
	buf = heal_malloc(len + 1);
	memcpy(buf, data, len);
	/* empty lines keep every line where it was */
	for (k = p; k < len; k++)
		if (buf[k] != '\n')
			buf[k] = ' ';
	r = check_blanked(o, copy, checker, buf, len, line, message, revealed, err);
	free(buf);
	return r;
}
