/*
 * heal_tokens.c - the repair search's lexers: C-like, Python, shell and a
 * generic one (make, YAML).  The rules follow scripts/repairlib.py's
 * lexers, so that the classes of an edit here are the classes the priors
 * were counted in.
 */
#include <string.h>

#include "heal_alloc.h"
#include "heal_tokens.h"

void heal_tokens_init(struct heal_tokens *t)
{
	memset(t, 0, sizeof(*t));
}

void heal_tokens_release(struct heal_tokens *t)
{
	if (!t)
		return;
	free(t->v);
	memset(t, 0, sizeof(*t));
}

bool heal_tokens_in(const char *const *list, const char *word, size_t n)
{
	size_t i;

	for (i = 0; list && list[i]; i++)
		if (strlen(list[i]) == n && memcmp(list[i], word, n) == 0)
			return true;
	return false;
}

/* The lexer's state over one text. */
struct lexer {
	struct heal_tokens *t;
	const struct heal_lang *lang;
	const struct heal_lang_syntax *syn;
	const char *s;
	size_t len, pos, line;
};

static void emit(struct lexer *x, size_t start, size_t end,
		 enum heal_tok_kind kind)
{
	struct heal_tokens *t = x->t;
	struct heal_tok *k;
	size_t i;

	if (t->n >= HEAL_TOKENS_MAX) {
		x->pos = x->len;
		return;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->v = heal_reallocarray(t->v, t->cap, sizeof(*t->v));
	}
	k = &t->v[t->n++];
	k->start = start;
	k->end = end;
	k->line = x->line;
	k->kind = kind;
	/* a token that spans lines (a triple-quoted string) ends on a later one */
	for (i = start; i < end; i++)
		if (x->s[i] == '\n')
			x->line++;
	x->pos = end;
}

static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c >= 0x80;
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(unsigned char c)
{
	return is_alpha(c) || is_digit(c);
}

/* Skip blanks and newlines; false at the end. */
static bool skip_space(struct lexer *x)
{
	while (x->pos < x->len) {
		char c = x->s[x->pos];

		if (c == '\n') {
			x->line++;
			x->pos++;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' ||
			   c == '\v') {
			x->pos++;
		} else if (c == '\\' && x->pos + 1 < x->len &&
			   x->s[x->pos + 1] == '\n' &&
			   x->syn->lexer != HEAL_LEX_GENERIC) {
			x->pos += 2;
			x->line++;
		} else {
			return true;
		}
	}
	return false;
}

static bool starts(const struct lexer *x, const char *w)
{
	size_t n = strlen(w);

	return n && x->pos + n <= x->len && memcmp(x->s + x->pos, w, n) == 0;
}

/* Skip a line comment (to the line's end) or a block comment. */
static bool comment(struct lexer *x)
{
	const struct heal_lang *l = x->lang;

	if ((l->line_comment && starts(x, l->line_comment)) ||
	    (l->line_comment2 && starts(x, l->line_comment2))) {
		while (x->pos < x->len && x->s[x->pos] != '\n')
			x->pos++;
		return true;
	}
	if (l->block_open && starts(x, l->block_open)) {
		const char *e;

		x->pos += strlen(l->block_open);
		e = memmem(x->s + x->pos, x->len - x->pos, l->block_close,
			   strlen(l->block_close));
		while (x->pos < x->len &&
		       (!e || x->s + x->pos < e + strlen(l->block_close))) {
			if (x->s[x->pos] == '\n')
				x->line++;
			x->pos++;
		}
		return true;
	}
	return false;
}

/* The end of a quoted literal opened at p by q: past its closing quote,
 * or, unterminated, at its line's end. */
static size_t quoted_end(const struct lexer *x, size_t p, char q)
{
	for (p++; p < x->len && x->s[p] != '\n'; p++) {
		if (x->s[p] == '\\' && p + 1 < x->len && x->s[p + 1] != '\n')
			p++;
		else if (x->s[p] == q)
			return p + 1;
	}
	return p;
}

static size_t number_end(const struct lexer *x, size_t p)
{
	if (x->s[p] == '.')
		p++;
	while (p < x->len) {
		unsigned char c = (unsigned char)x->s[p];

		if ((c == '+' || c == '-') && strchr("eEpP", x->s[p - 1]))
			p++;
		else if (is_alnum(c) || c == '.')
			p++;
		else
			break;
	}
	return p;
}

/* The longest punctuator of the language at x->pos (0: none). */
static size_t punct_len(const struct lexer *x)
{
	const char *const *p = x->syn->punct;
	size_t i, best = 0;

	for (i = 0; p && p[i]; i++) {
		size_t n = strlen(p[i]);

		if (n > best && starts(x, p[i]))
			best = n;
	}
	return best;
}

static void word(struct lexer *x, size_t end, enum heal_tok_kind k)
{
	if (k == HEAL_TOK_ID &&
	    heal_tokens_in(x->syn->keywords, x->s + x->pos, end - x->pos))
		k = HEAL_TOK_KW;
	emit(x, x->pos, end, k);
}

/* One byte no rule reads, with the continuation bytes of its character. */
static void other(struct lexer *x)
{
	size_t e = x->pos + 1;

	while (e < x->len && ((unsigned char)x->s[e] & 0xc0) == 0x80)
		e++;
	emit(x, x->pos, e, HEAL_TOK_OTHER);
}

/* C, C++, JavaScript, HCL. */
static void lex_c(struct lexer *x)
{
	bool after_include = false;

	while (skip_space(x)) {
		const char *s = x->s;
		size_t p = x->pos, e, n;

		if (comment(x))
			continue;
		if (after_include && s[p] == '<') {
			after_include = false;
			for (e = p + 1; e < x->len && s[e] != '>' && s[e] != '\n'; e++)
				;
			emit(x, p, e < x->len && s[e] == '>' ? e + 1 : e, HEAL_TOK_HDR);
			continue;
		}
		after_include = false;
		e = p;
		if (s[e] == 'u' && e + 1 < x->len && s[e + 1] == '8')
			e += 2;
		else if (s[e] == 'u' || s[e] == 'U' || s[e] == 'L')
			e++;
		if (e < x->len && (s[e] == '"' || s[e] == '\'')) {
			emit(x, p, quoted_end(x, e, s[e]),
			     s[e] == '"' ? HEAL_TOK_STR : HEAL_TOK_CHR);
			continue;
		}
		if (is_digit((unsigned char)s[p]) ||
		    (s[p] == '.' && p + 1 < x->len && is_digit((unsigned char)s[p + 1]))) {
			emit(x, p, number_end(x, p), HEAL_TOK_NUM);
			continue;
		}
		if (is_alpha((unsigned char)s[p])) {
			for (e = p; e < x->len && is_alnum((unsigned char)s[e]); e++)
				;
			if (x->t->n && (e - p == 7 || e - p == 6) &&
			    (!memcmp(s + p, "include", 7) || !memcmp(s + p, "import", 6))) {
				const struct heal_tok *h = &x->t->v[x->t->n - 1];

				after_include = h->kind == HEAL_TOK_PUNCT &&
						h->line == x->line && s[h->start] == '#';
			}
			word(x, e, HEAL_TOK_ID);
			continue;
		}
		n = punct_len(x);
		if (n)
			emit(x, p, p + n, HEAL_TOK_PUNCT);
		else
			other(x);
	}
}

/* Python: strings with prefixes and triple quotes; no layout tokens. */
static void lex_python(struct lexer *x)
{
	while (skip_space(x)) {
		const char *s = x->s;
		size_t p = x->pos, e = p, n;

		if (comment(x))
			continue;
		while (e < x->len && e - p < 2 && strchr("rRbBuUfF", s[e]) && s[e])
			e++;
		if (e < x->len && (s[e] == '"' || s[e] == '\'') &&
		    (e == p || !is_alnum((unsigned char)s[e - 1]) || e - p <= 2)) {
			char q = s[e];

			if (e + 2 < x->len && s[e + 1] == q && s[e + 2] == q) {
				const char tq[4] = { q, q, q, 0 };
				const char *c = memmem(s + e + 3, x->len - e - 3, tq, 3);

				emit(x, p, c ? (size_t)(c - s) + 3 : x->len, HEAL_TOK_STR);
			} else {
				emit(x, p, quoted_end(x, e, q), HEAL_TOK_STR);
			}
			continue;
		}
		if (is_digit((unsigned char)s[p]) ||
		    (s[p] == '.' && p + 1 < x->len && is_digit((unsigned char)s[p + 1]))) {
			emit(x, p, number_end(x, p), HEAL_TOK_NUM);
			continue;
		}
		if (is_alpha((unsigned char)s[p])) {
			for (e = p; e < x->len && is_alnum((unsigned char)s[e]); e++)
				;
			word(x, e, HEAL_TOK_ID);
			continue;
		}
		n = punct_len(x);
		if (n)
			emit(x, p, p + n, HEAL_TOK_PUNCT);
		else
			other(x);
	}
}

static bool sh_special(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' ||
	       c == '&' || c == '|' || c == '<' || c == '>' || c == '(' ||
	       c == ')' || c == '\'' || c == '"' || c == '`' || c == '$' ||
	       c == '\\' || c == '#';
}

/* A quoted piece: the quote, the text inside as $str, the closing quote. */
static void sh_quoted(struct lexer *x, char q)
{
	size_t p = x->pos + 1, e;

	emit(x, x->pos, p, HEAL_TOK_PUNCT);
	for (e = p; e < x->len && x->s[e] != q; e++)
		if (x->s[e] == '\\' && q != '\'' && e + 1 < x->len)
			e++;
	if (e > x->len)
		e = x->len;
	if (e > p)
		emit(x, p, e, HEAL_TOK_STR);
	if (e < x->len)
		emit(x, e, e + 1, HEAL_TOK_PUNCT);
}

/* Shell: words, $names, quotes of their own, operators. */
static void lex_shell(struct lexer *x)
{
	while (skip_space(x)) {
		const char *s = x->s;
		size_t p = x->pos, e, n;
		bool word_start = p == 0 || strchr(" \t\n;&|()", s[p - 1]);

		if (s[p] == '#' && word_start) {
			while (x->pos < x->len && s[x->pos] != '\n')
				x->pos++;
			continue;
		}
		if (s[p] == '"' || s[p] == '\'' || s[p] == '`') {
			sh_quoted(x, s[p]);
			continue;
		}
		if (s[p] == '$' && p + 1 < x->len &&
		    (is_alpha((unsigned char)s[p + 1]) || strchr("@*#?$!0123456789-", s[p + 1]))) {
			e = p + 2;
			if (is_alpha((unsigned char)s[p + 1]))
				while (e < x->len && is_alnum((unsigned char)s[e]))
					e++;
			emit(x, p, e, HEAL_TOK_VAR);
			continue;
		}
		n = punct_len(x);
		if (n) {
			emit(x, p, p + n, HEAL_TOK_PUNCT);
			continue;
		}
		for (e = p; e < x->len && (!sh_special(s[e]) || (s[e] == '#' && e > p)); e++)
			if (s[e] == '\\' && e + 1 < x->len)
				e++;
		if (e == p && s[p] == '\\')
			e = p + 2 <= x->len ? p + 2 : x->len;
		if (e == p) {
			other(x);
			continue;
		}
		if (heal_tokens_in(x->syn->keywords, s + p, e - p))
			emit(x, p, e, HEAL_TOK_KW);
		else
			emit(x, p, e, HEAL_TOK_WORD);
	}
}

/* make, YAML: words, numbers, quoted strings, punctuation. */
static void lex_generic(struct lexer *x)
{
	while (skip_space(x)) {
		const char *s = x->s;
		size_t p = x->pos, e, n;

		if (comment(x))
			continue;
		if (s[p] == '"' || s[p] == '\'') {
			emit(x, p, quoted_end(x, p, s[p]), HEAL_TOK_STR);
			continue;
		}
		if (is_digit((unsigned char)s[p])) {
			emit(x, p, number_end(x, p), HEAL_TOK_NUM);
			continue;
		}
		if (is_alpha((unsigned char)s[p])) {
			for (e = p; e < x->len && (is_alnum((unsigned char)s[e]) ||
						   s[e] == '-' || s[e] == '.' || s[e] == '/');
			     e++)
				;
			word(x, e, HEAL_TOK_ID);
			continue;
		}
		n = punct_len(x);
		if (n)
			emit(x, p, p + n, HEAL_TOK_PUNCT);
		else
			other(x);
	}
}

void heal_tokens_lex(struct heal_tokens *t, const struct heal_lang *lang,
		     const char *data, size_t len)
{
	struct lexer x;

	t->n = 0;
	memset(&x, 0, sizeof(x));
	x.t = t;
	x.lang = lang;
	x.syn = lang->syntax;
	x.s = data;
	x.len = len;
	x.line = 1;
	switch (x.syn->lexer) {
	case HEAL_LEX_C: lex_c(&x); break;
	case HEAL_LEX_PYTHON: lex_python(&x); break;
	case HEAL_LEX_SHELL: lex_shell(&x); break;
	case HEAL_LEX_GENERIC: lex_generic(&x); break;
	}
}

const char *heal_tok_kind_name(enum heal_tok_kind k)
{
	switch (k) {
	case HEAL_TOK_PUNCT: return "punct";
	case HEAL_TOK_KW: return "kw";
	case HEAL_TOK_ID: return "$id";
	case HEAL_TOK_NUM: return "$num";
	case HEAL_TOK_STR: return "$str";
	case HEAL_TOK_CHR: return "$chr";
	case HEAL_TOK_HDR: return "$hdr";
	case HEAL_TOK_WORD: return "$word";
	case HEAL_TOK_VAR: return "$var";
	case HEAL_TOK_OTHER: break;
	}
	return "$other";
}

void heal_tok_class(const struct heal_tok *t, const char *data, char *out,
		    size_t outsz)
{
	if (t->kind == HEAL_TOK_PUNCT || t->kind == HEAL_TOK_KW)
		snprintf(out, outsz, "%.*s", (int)(t->end - t->start), data + t->start);
	else
		snprintf(out, outsz, "%s", heal_tok_kind_name(t->kind));
}

bool heal_tok_is_code(const struct heal_tok *t)
{
	return t->kind != HEAL_TOK_PUNCT && t->kind != HEAL_TOK_KW &&
	       t->kind != HEAL_TOK_OTHER;
}

size_t heal_tokens_at(const struct heal_tokens *t, size_t off)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->v[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
