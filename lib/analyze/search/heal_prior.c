/*
 * heal_prior.c - reading the repair priors and scoring edits with them.
 * The template rules are scripts/repairlib.py's template(), quoted() and
 * the *_keep() functions, written again here: a change to one is a change
 * to both (tests/unit/test-search.c pins the shared cases).
 */
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_data.h"
#include "heal_lang.h"
#include "heal_prior.h"

/* ---- loading ------------------------------------------------------------ */

int heal_prior_load(struct heal_prior *p, const char *name,
		    struct heal_error *err)
{
	struct heal_json_limits lim;
	struct heal_buf b;
	char rel[64], *path;
	int fd, rc = -1;

	memset(p, 0, sizeof(*p));
	p->keep = strcmp(name, "python") == 0 ? HEAL_KEEP_PYTHON :
		  strcmp(name, "shell") == 0 ? HEAL_KEEP_SHELL : HEAL_KEEP_C;
	snprintf(rel, sizeof(rel), "repair/%s.json", name);
	path = heal_data_path(rel);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = errno == ENOENT ? 0 : heal_error_sys(err, errno, "cannot open '%s'", path);
		free(path);
		return rc;
	}
	heal_buf_init(&b, HEAL_PRIOR_MAX_FILE);
	for (;;) {
		char block[65536];
		ssize_t k = read(fd, block, sizeof(block));

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			heal_error_sys(err, errno, "cannot read '%s'", path);
			goto out;
		}
		if (k == 0)
			break;
		if (heal_buf_add(&b, block, (size_t)k, NULL) < 0) {
			heal_error_set(err, HEAL_ERR_LIMIT, "'%s' is larger than %u bytes",
				       path, HEAL_PRIOR_MAX_FILE);
			goto out;
		}
	}
	heal_json_limits_default(&lim);
	p->doc = heal_json_parse_frozen(b.data ? b.data : "", b.len, &lim,
					&p->arena, err);
	if (!p->doc) {
		heal_error_prefix(err, "'%s'", path);
		goto out;
	}
	rc = 0;
out:
	close(fd);
	heal_buf_release(&b);
	free(path);
	return rc;
}

void heal_prior_release(struct heal_prior *p)
{
	if (!p)
		return;
	heal_json_arena_free(p->arena);
	memset(p, 0, sizeof(*p));
}

/* ---- templates ---------------------------------------------------------- */

static const char *const c_punct[] = {
	"%:%:", "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=",
	"==", "!=", "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=",
	"##", "<:", ":>", "<%", "%>", "%:", "[", "]", "(", ")", "{", "}", ".",
	"&", "*", "+", "-", "~", "!", "/", "%", "<", ">", "^", "|", "?", ":",
	";", "=", ",", "#", NULL
};
/* C's keywords that are not types: the ones a C message keeps */
static const char *const c_stmt_keywords[] = {
	"auto", "break", "case", "continue", "default", "do", "else", "extern",
	"for", "goto", "if", "inline", "register", "restrict", "return",
	"sizeof", "static", "switch", "typedef", "while", "_Alignas",
	"_Alignof", "_Atomic", "_Generic", "_Noreturn", "_Static_assert",
	"_Thread_local", "_Imaginary", NULL
};
static const char *const sh_kept[] = {
	"if", "then", "else", "elif", "fi", "for", "while", "until", "do",
	"done", "case", "esac", "in", "function", "select", "time", "&>>",
	";;&", "<<<", "<<-", "&&", "||", ";;", ";&", "|&", ">>", "<<", "<&",
	">&", "&>", "<>", ">|", "$((", "$(", "${", "((", "))", ";", "&", "|",
	"<", ">", "(", ")", "[", "]", "[[", "]]", "{", "}", "!", "\"", "'",
	"`", "\\n", "newline", "EOF", NULL
};

static bool listed(const char *const *l, const char *s, size_t n)
{
	size_t i;

	for (i = 0; l[i]; i++)
		if (strlen(l[i]) == n && memcmp(l[i], s, n) == 0)
			return true;
	return false;
}

static bool keeps(enum heal_prior_keep k, const char *s, size_t n)
{
	size_t i;

	switch (k) {
	case HEAL_KEEP_C:
		return listed(c_punct, s, n) || listed(c_stmt_keywords, s, n);
	case HEAL_KEEP_PYTHON:
		/* Python's keywords, as the language table has them */
		if (listed(heal_lang_get(HEAL_LANG_PYTHON)->syntax->keywords, s, n))
			return true;
		for (i = 0; i < n; i++)
			if (!strchr("()[]{}:;,.=<>!+-*/%&|^~@", s[i]) || !s[i])
				return false;
		return n > 0;
	case HEAL_KEEP_SHELL:
		return listed(sh_kept, s, n);
	}
	return false;
}

/* The message with curly quotes and `x' straightened, (aka '...') and a
 * trailing [-Wflag] dropped, blanks trimmed: what templates are read from. */
static char *normalise(const char *msg)
{
	struct heal_buf b;
	size_t i, n = strlen(msg), len;
	char *s;

	heal_buf_init(&b, n + 1);
	for (i = 0; i < n; i++) {
		if ((unsigned char)msg[i] == 0xe2 && i + 2 < n &&
		    (unsigned char)msg[i + 1] == 0x80 &&
		    ((unsigned char)msg[i + 2] == 0x98 || (unsigned char)msg[i + 2] == 0x99)) {
			heal_buf_putc(&b, '\'');
			i += 2;
		} else if (msg[i] == '`') {
			/* `x' -> 'x' when a ' closes it with no ` between */
			size_t e = i + 1;

			while (e < n && msg[e] != '\'' && msg[e] != '`')
				e++;
			heal_buf_putc(&b, e < n && msg[e] == '\'' ? '\'' : '`');
		} else if (!strncmp(msg + i, " (aka '", 7)) {
			size_t e = i + 7;

			while (e < n && msg[e] != '\'')
				e += msg[e] == '\\' && e + 1 < n ? 2 : 1;
			if (e + 1 < n && msg[e] == '\'' && msg[e + 1] == ')') {
				i = e + 1;
				continue;
			}
			heal_buf_putc(&b, msg[i]);
		} else {
			heal_buf_putc(&b, msg[i]);
		}
	}
	s = heal_buf_detach(&b, &len);
	/* a trailing [-Wflag] */
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n'))
		len--;
	if (len && s[len - 1] == ']') {
		char *o = memrchr(s, '[', len);

		if (o && o[1] == '-' && o[2] == 'W' && !memchr(o, ']', (size_t)(s + len - 1 - o))) {
			len = (size_t)(o - s);
			while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
				len--;
		}
	}
	s[len] = '\0';
	i = 0;
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	memmove(s, s + i, len - i + 1);
	return s;
}

/* End of a quoted part opened at s[i] ('), past its closing quote; 0: none. */
static size_t quote_end(const char *s, size_t i)
{
	for (i++; s[i]; i++) {
		if (s[i] == '\\' && s[i + 1])
			i++;
		else if (s[i] == '\'')
			return i + 1;
	}
	return 0;
}

static bool word_char(unsigned char c)
{
	return c == '_' || c >= 0x80 || (c >= '0' && c <= '9') ||
	       (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Text outside quotes, numbers written %d (repairlib's _NUM). */
static void put_numbered(struct heal_buf *b, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t p = i, e;
		bool prev_ok = i == 0 || (!word_char((unsigned char)s[i - 1]) && s[i - 1] != '%');

		if (prev_ok && s[p] == '-' && p + 1 < n && digit(s[p + 1]))
			p++;
		if (!prev_ok || p >= n || !digit(s[p])) {
			heal_buf_putc(b, s[i++]);
			continue;
		}
		for (e = p; e < n && digit(s[e]); e++)
			;
		if (e + 1 < n && s[e] == '.' && digit(s[e + 1])) {
			size_t f = e + 1;

			while (f < n && digit(s[f]))
				f++;
			if (f >= n || !word_char((unsigned char)s[f]))
				e = f;
		}
		if (e < n && word_char((unsigned char)s[e])) {
			/* a number running into a word is part of the word */
			while (i < e)
				heal_buf_putc(b, s[i++]);
			continue;
		}
		heal_buf_puts(b, "%d");
		i = e;
	}
}

char *heal_prior_template(const char *msg, enum heal_prior_keep keep)
{
	char *s = normalise(msg);
	struct heal_buf b;
	size_t i = 0, last = 0;

	heal_buf_init(&b, strlen(s) * 2 + 16);
	while (s[i]) {
		size_t e;

		if (s[i] != '\'' || !(e = quote_end(s, i))) {
			i++;
			continue;
		}
		put_numbered(&b, s + last, i - last);
		if (keeps(keep, s + i + 1, e - i - 2))
			heal_buf_put(&b, s + i, e - i);
		else
			heal_buf_puts(&b, "%s");
		i = last = e;
	}
	put_numbered(&b, s + last, i - last);
	free(s);
	return heal_buf_detach(&b, NULL);
}

size_t heal_prior_quoted(const char *msg, char **out, size_t max)
{
	char *s = normalise(msg);
	size_t i = 0, n = 0;

	while (s[i] && n < max) {
		size_t e;

		if (s[i] != '\'' || !(e = quote_end(s, i))) {
			i++;
			continue;
		}
		out[n++] = heal_strndup(s + i + 1, e - i - 2);
		i = e;
	}
	free(s);
	return n;
}

/* The family of a template: every quoted part a %s. */
static char *family_of(const char *t)
{
	struct heal_buf b;
	size_t i = 0;

	heal_buf_init(&b, strlen(t) + 16);
	while (t[i]) {
		size_t e;

		if (t[i] == '\'' && (e = quote_end(t, i))) {
			heal_buf_puts(&b, "%s");
			i = e;
		} else {
			heal_buf_putc(&b, t[i++]);
		}
	}
	return heal_buf_detach(&b, NULL);
}

/* ---- views and scores --------------------------------------------------- */

static const struct heal_json *edits_of(const struct heal_json *o, double *total)
{
	int64_t t = 0;

	*total = 0;
	if (!o || o->type != HEAL_JSON_OBJECT)
		return NULL;
	if (heal_json_object_get_int(o, "total", 0, INT64_MAX, &t) == 1)
		*total = (double)t;
	return heal_json_object_get(o, "edits");
}

void heal_prior_view_init(struct heal_prior_view *v, const struct heal_prior *p,
			  const char *tool, const char *msg)
{
	static const struct heal_prior none;   /* no table: all scores 0 */
	const struct heal_json *tools, *t = NULL;
	char *fam;
	size_t i;

	if (!p)
		p = &none;
	memset(v, 0, sizeof(*v));
	v->template = heal_prior_template(msg, p->keep);
	v->nquotes = heal_prior_quoted(msg, v->quotes, HEAL_PRIOR_QUOTES);
	for (i = 0; i < v->nquotes; i++)
		v->kept[i] = keeps(p->keep, v->quotes[i], strlen(v->quotes[i]));
	tools = p->doc ? heal_json_object_get(p->doc, "tools") : NULL;
	if (!tools || tools->type != HEAL_JSON_OBJECT || tools->u.obj.n == 0)
		return;
	if (tool)
		t = heal_json_object_get(tools, tool);
	if (!t)
		t = tools->u.obj.m[0].val;
	fam = family_of(v->template);
	v->tmpl = edits_of(heal_json_object_get(heal_json_object_get(t, "templates"),
						v->template), &v->tmpl_total);
	v->fam = edits_of(heal_json_object_get(heal_json_object_get(t, "families"), fam),
			  &v->fam_total);
	v->glob = edits_of(heal_json_object_get(t, "global"), &v->glob_total);
	free(fam);
}

void heal_prior_view_release(struct heal_prior_view *v)
{
	size_t i;

	if (!v)
		return;
	free(v->template);
	for (i = 0; i < v->nquotes; i++)
		free(v->quotes[i]);
	memset(v, 0, sizeof(*v));
}

static void put_tokens(struct heal_buf *out, const char *const *t, size_t n,
		       const struct heal_prior_view *v)
{
	size_t i, q;

	for (i = 0; i < n; i++) {
		if (i)
			heal_buf_putc(out, ' ');
		for (q = 0; v && q < v->nquotes; q++)
			if (v->kept[q] && strcmp(v->quotes[q], t[i]) == 0)
				break;
		if (v && q < v->nquotes)
			heal_buf_putf(out, "$q%zu", q + 1);
		else
			heal_buf_puts(out, t[i]);
	}
}

void heal_prior_kind(struct heal_buf *out, const char *op,
		     const char *const *old, size_t nold,
		     const char *const *new_, size_t nnew, const char *anchor,
		     const struct heal_prior_view *v)
{
	heal_buf_puts(out, op);
	heal_buf_putc(out, ':');
	if (!strcmp(op, "rep")) {
		put_tokens(out, old, nold, v);
		heal_buf_puts(out, " ~> ");
		put_tokens(out, new_, nnew, v);
	} else if (!strcmp(op, "ins")) {
		put_tokens(out, new_, nnew, v);
	} else if (!strcmp(op, "wrap") || !strcmp(op, "cins") || !strcmp(op, "indent")) {
		put_tokens(out, new_, nnew ? 1 : 0, v);
	} else if (!strcmp(op, "cdel")) {
		put_tokens(out, old, nold ? 1 : 0, v);
	} else {
		put_tokens(out, old, nold, v);
	}
	heal_buf_putc(out, '@');
	heal_buf_puts(out, anchor);
}

static double count(const struct heal_json *edits, const char *kind)
{
	const struct heal_json *c = edits ? heal_json_object_get(edits, kind) : NULL;
	int64_t n = 0;

	return c && heal_json_number_int(c, &n) == 0 && n > 0 ? (double)n : 0.0;
}

double heal_prior_score(const struct heal_prior_view *v, const char *kind,
			const char *abstract)
{
	/* backing off: a template's few cases lean on its family, a family's
	 * on the table; the weights are pseudo-counts */
	double g = count(v->glob, abstract);
	double pg = v->glob_total > 0 ? g / v->glob_total : 0.0;
	double f = count(v->fam, abstract);
	double pf = (f + 2.0 * pg) / (v->fam_total + 2.0);
	double t = count(v->tmpl, kind);

	return (t + 2.0 * pf) / (v->tmpl_total + 2.0);
}
