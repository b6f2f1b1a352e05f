#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_regex.h"
#include "heal_regex_int.h"
#include "heal_text.h"

/*
 * Each thread's match context: the limits, and a JIT stack, which two
 * threads must not share (heal-detect matches on one thread and
 * classifies finished records on another).
 */
static _Thread_local pcre2_match_context *ctx;
static _Thread_local pcre2_jit_stack *stack;

static pcre2_match_context *match_ctx(void)
{
	if (!ctx) {
		ctx = pcre2_match_context_create(NULL);
		if (!ctx)
			return NULL;
		pcre2_set_match_limit(ctx, HEAL_REGEX_MATCH_LIMIT);
		pcre2_set_depth_limit(ctx, HEAL_REGEX_DEPTH_LIMIT);
		stack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
		if (stack)
			pcre2_jit_stack_assign(ctx, NULL, stack);
	}
	return ctx;
}

void heal_regex_thread_end(void)
{
	pcre2_match_context_free(ctx);
	pcre2_jit_stack_free(stack);
	ctx = NULL;
	stack = NULL;
}

/*
 * The bytes an anchored pattern's match can start with, from what PCRE2
 * worked out when it compiled it (a fixed first byte, in both cases when
 * it is a letter: a caseless one is not told apart; or its bitmap of
 * first bytes), and the shortest subject a match needs.
 */
static void first_bytes(struct heal_regex *re)
{
	uint32_t all = 0, type = 0, unit = 0, min = 0;
	const uint8_t *map = NULL;

	if (pcre2_pattern_info(re->code, PCRE2_INFO_MINLENGTH, &min) == 0)
		re->minlen = min;
	if (pcre2_pattern_info(re->code, PCRE2_INFO_ALLOPTIONS, &all) != 0 ||
	    !(all & PCRE2_ANCHORED) || (all & PCRE2_UTF) ||
	    pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTCODETYPE, &type) != 0)
		return;
	if (type == 1 &&
	    pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 &&
	    unit < 256) {
		memset(re->first, 0, sizeof(re->first));
		re->first[unit / 8] |= (uint8_t)(1u << (unit % 8));
		if ((unit | 0x20) >= 'a' && (unit | 0x20) <= 'z') {
			unit ^= 0x20;
			re->first[unit / 8] |= (uint8_t)(1u << (unit % 8));
		}
		re->first_known = true;
	} else if (type == 0 &&
		   pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTBITMAP, &map) == 0 &&
		   map) {
		memcpy(re->first, map, sizeof(re->first));
		re->first_known = true;
	}
}

int heal_regex_compile(struct heal_regex *re, const char *pattern,
		       unsigned flags, struct heal_error *err)
{
	uint32_t opts = 0;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	char *rw;
	int code;

	memset(re, 0, sizeof(*re));
	if (flags & HEAL_RE_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & HEAL_RE_ANCHORED)
		opts |= PCRE2_ANCHORED;
	/* multi-byte characters as characters (heal_regex_chars.c); the
	 * pattern as written when the rewrite does not compile, so an error
	 * names the writer's offset */
	rw = heal_regex_chars(pattern);
	if (rw) {
		re->code = pcre2_compile((PCRE2_SPTR)rw, PCRE2_ZERO_TERMINATED,
					 opts, &code, &off, NULL);
		free(rw);
	}
	if (!re->code)
		re->code = pcre2_compile((PCRE2_SPTR)pattern,
					 PCRE2_ZERO_TERMINATED, opts, &code,
					 &off, NULL);
	if (!re->code) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "bad regular expression at offset %zu: %s",
				      (size_t)off, (const char *)msg);
	}
	pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &re->ngroups);
	first_bytes(re);
	re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
	if (!re->md || !match_ctx()) {
		heal_regex_release(re);
		return heal_error_set(err, HEAL_ERR_NOMEM, "out of memory");
	}
	return 0;
}

void heal_regex_release(struct heal_regex *re)
{
	if (!re)
		return;
	pcre2_match_data_free(re->md);
	pcre2_code_free(re->code);
	re->md = NULL;
	re->code = NULL;
}

int heal_regex_match(struct heal_regex *re, const char *subject, size_t len,
		     size_t start)
{
	int rc;

	if (start > len || len - start < re->minlen)
		return 0;
	if (re->first_known && start < len &&
	    !(re->first[(unsigned char)subject[start] / 8] &
	      (1u << ((unsigned char)subject[start] % 8))))
		return 0;
	if (!re->jit_tried && ++re->matches >= HEAL_REGEX_JIT_AFTER) {
		re->jit_tried = true;
		re->jit = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
	}
	/* a JIT-compiled pattern goes straight to its code: pcre2_match's
	 * checks of the arguments cost as much as a failing try */
	rc = re->jit ? pcre2_jit_match(re->code, (PCRE2_SPTR)subject, len, start,
				       0, re->md, match_ctx())
		     : PCRE2_ERROR_JIT_BADOPTION;
	if (rc == PCRE2_ERROR_JIT_BADOPTION)
		rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, start, 0,
				 re->md, match_ctx());
	if (rc > 0) {
		re->subject = subject;
		return 1;
	}
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_JIT_STACKLIMIT)
		re->limit_hits++;
	return 0;
}

bool heal_regex_group(const struct heal_regex *re, uint32_t i,
		      const char **start, size_t *len)
{
	PCRE2_SIZE *ov;

	if (i > re->ngroups || !re->subject)
		return false;
	if (i >= pcre2_get_ovector_count(re->md))
		return false;
	ov = pcre2_get_ovector_pointer(re->md);
	if (ov[2 * i] == PCRE2_UNSET)
		return false;
	*start = re->subject + ov[2 * i];
	*len = ov[2 * i + 1] - ov[2 * i];
	return true;
}

int heal_regex_group_number(const struct heal_regex *re, const char *name)
{
	int n = pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name);

	return n < 0 ? -1 : n;
}

uint32_t heal_regex_name_count(const struct heal_regex *re)
{
	uint32_t n = 0;

	if (!re->code || pcre2_pattern_info(re->code, PCRE2_INFO_NAMECOUNT, &n) != 0)
		return 0;
	return n;
}

const char *heal_regex_name(const struct heal_regex *re, uint32_t i,
			    uint32_t *group)
{
	PCRE2_SPTR table;
	uint32_t size;
	const unsigned char *e;

	if (i >= heal_regex_name_count(re) ||
	    pcre2_pattern_info(re->code, PCRE2_INFO_NAMEENTRYSIZE, &size) != 0 ||
	    pcre2_pattern_info(re->code, PCRE2_INFO_NAMETABLE, &table) != 0)
		return NULL;
	/* each entry: the group number in two bytes, most significant first,
	 * then the name, NUL-terminated, padded to the entry size */
	e = (const unsigned char *)table + (size_t)i * size;
	if (group)
		*group = (uint32_t)e[0] << 8 | e[1];
	return (const char *)e + 2;
}

/* ---- what a match needs ------------------------------------------------- */

/* One of lit[0..n) must occur: offsets and lengths in the need's text. */
struct heal_regex_clause {
	size_t *off, *len;
	size_t n, cap;
};

/* A conjunction of clauses: what a part of a pattern needs. */
struct conj {
	struct heal_regex_clause *v;
	size_t n, cap;
};

#define NEED_MAX_DEPTH 32
#define NEED_MAX_CLAUSES 32
#define NEED_MAX_LITS 64

struct rx {
	const char *p;
	size_t i;
	int depth;
	bool bail;                  /* a construct this reading does not know */
	char *text;                 /* the literals, one after another */
	size_t tn, tcap;
};

static void clause_release(struct heal_regex_clause *c)
{
	free(c->off);
	free(c->len);
	memset(c, 0, sizeof(*c));
}

static void conj_release(struct conj *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		clause_release(&c->v[i]);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* Literal off/len (in rx->text) becomes one more choice of clause c. */
static void clause_add(struct heal_regex_clause *c, size_t off, size_t len)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 4;
		c->off = heal_reallocarray(c->off, c->cap, sizeof(*c->off));
		c->len = heal_reallocarray(c->len, c->cap, sizeof(*c->len));
	}
	c->off[c->n] = off;
	c->len[c->n++] = len;
}

/* Move clause c (emptied) into conj: dropped past the caps (asks less). */
static void conj_take(struct conj *j, struct heal_regex_clause *c)
{
	if (j->n >= NEED_MAX_CLAUSES || c->n == 0 || c->n > NEED_MAX_LITS) {
		clause_release(c);
		return;
	}
	if (j->n == j->cap) {
		j->cap = j->cap ? 2 * j->cap : 4;
		j->v = heal_reallocarray(j->v, j->cap, sizeof(*j->v));
	}
	j->v[j->n++] = *c;
	memset(c, 0, sizeof(*c));
}

static void conj_take_all(struct conj *dst, struct conj *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		conj_take(dst, &src->v[i]);
	free(src->v);
	memset(src, 0, sizeof(*src));
}

/* A literal run, rx->text[start..tn), ends: it becomes a clause of its own. */
static void flush_run(struct rx *rx, struct conj *out, size_t *start)
{
	struct heal_regex_clause c = { 0 };

	if (rx->tn > *start) {
		clause_add(&c, *start, rx->tn - *start);
		conj_take(out, &c);
	}
	*start = rx->tn;
}

static void text_add(struct rx *rx, char c)
{
	if (rx->tn == rx->tcap) {
		rx->tcap = rx->tcap ? 2 * rx->tcap : 64;
		rx->text = heal_realloc(rx->text, rx->tcap);
	}
	rx->text[rx->tn++] = c;
}

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* rx->i past the closer of a name or an argument ({...}, <...>, '...'). */
static void skip_to(struct rx *rx, char closer)
{
	const char *q = strchr(rx->p + rx->i, closer);

	if (!q)
		rx->bail = true;
	else
		rx->i = (size_t)(q - rx->p) + 1;
}

/* A quantifier at rx->i: 0 none, 1 at least once, 2 maybe never. */
static int quantifier(struct rx *rx)
{
	const char *p = rx->p;
	int q = 0;

	if (p[rx->i] == '?' || p[rx->i] == '*') {
		q = 2;
		rx->i++;
	} else if (p[rx->i] == '+') {
		q = 1;
		rx->i++;
	} else if (p[rx->i] == '{') {
		size_t j = rx->i + 1, d = 0;
		bool zero = true;

		for (; p[j] >= '0' && p[j] <= '9'; j++, d++)
			zero = zero && p[j] == '0';
		if (p[j] == ',')
			for (j++; p[j] >= '0' && p[j] <= '9'; j++)
				;
		if (!d || p[j] != '}') {
			/* a literal brace, or a form this reading does not know */
			rx->bail = true;
			return 0;
		}
		rx->i = j + 1;
		q = zero ? 2 : 1;
	}
	if (q && (p[rx->i] == '?' || p[rx->i] == '+'))
		rx->i++;                /* lazy or possessive */
	return q;
}

static void need_alt(struct rx *rx, struct conj *out);

/* A sequence, up to '|', ')' or the end. */
static void need_seq(struct rx *rx, struct conj *out)
{
	const char *p = rx->p;
	size_t run = rx->tn;        /* where the current literal run starts */

	while (!rx->bail && p[rx->i] && p[rx->i] != '|' && p[rx->i] != ')') {
		char c = p[rx->i];
		int lit = -1, q;

		if (c == '\\') {
			char e = p[rx->i + 1];

			if (!e || e == 'Q' || e == 'E') {
				rx->bail = true;
				break;
			}
			rx->i += 2;
			if (!is_alnum(e)) {
				lit = (unsigned char)e;
			} else if (strchr("xocgkpPN0123456789", e)) {
				if (p[rx->i] == '{')
					skip_to(rx, '}');
				else if (p[rx->i] == '<')
					skip_to(rx, '>');
				else if (p[rx->i] == '\'' && (e == 'g' || e == 'k'))
					skip_to(rx, '\'');
				else if (e == 'c' && p[rx->i])
					rx->i++;
				while (!rx->bail && is_alnum(p[rx->i]))
					rx->i++;
			}
		} else if (c == '[') {
			size_t j = rx->i + 1;

			if (p[j] == '^')
				j++;
			if (p[j] == ']')
				j++;
			while (p[j] && p[j] != ']') {
				if (p[j] == '[' || (p[j] == '\\' && !p[j + 1])) {
					rx->bail = true;
					break;
				}
				j += p[j] == '\\' ? 2 : 1;
			}
			if (rx->bail || !p[j]) {
				rx->bail = true;
				break;
			}
			rx->i = j + 1;
		} else if (c == '(') {
			struct conj g = { 0 };
			int kind = heal_regex_group_open(p, &rx->i);
			bool look = kind == 1;

			if (kind < 0)
				rx->bail = true;
			if (rx->bail || ++rx->depth > NEED_MAX_DEPTH) {
				rx->bail = true;
				break;
			}
			flush_run(rx, out, &run);
			need_alt(rx, &g);
			run = rx->tn;
			rx->depth--;
			if (rx->bail || p[rx->i] != ')') {
				rx->bail = true;
				conj_release(&g);
				break;
			}
			rx->i++;
			q = quantifier(rx);
			if (look || q == 2)
				conj_release(&g);
			else
				conj_take_all(out, &g);
			continue;
		} else if (c == '*' || c == '+' || c == '?' || c == '{') {
			rx->bail = true;    /* nothing to repeat, or a literal brace */
			break;
		} else {
			rx->i++;
			if (c != '.' && c != '^' && c != '$')
				lit = (unsigned char)c;
		}
		q = quantifier(rx);
		if (lit < 0 || q == 2) {
			flush_run(rx, out, &run);
			continue;
		}
		text_add(rx, (char)lit);
		if (q == 1)
			flush_run(rx, out, &run);
	}
	flush_run(rx, out, &run);
}

/* The clause of c whose shortest literal is longest (NULL when c is empty). */
static struct heal_regex_clause *best_clause(struct conj *c)
{
	struct heal_regex_clause *best = NULL;
	size_t i, k, bl = 0;

	for (i = 0; i < c->n; i++) {
		size_t m = (size_t)-1;

		for (k = 0; k < c->v[i].n; k++)
			if (c->v[i].len[k] < m)
				m = c->v[i].len[k];
		if (!best || m > bl) {
			best = &c->v[i];
			bl = m;
		}
	}
	return best;
}

/* Add the choices of c's best clause to any; false when c needs nothing. */
static bool add_best(struct heal_regex_clause *any, struct conj *c)
{
	struct heal_regex_clause *b = best_clause(c);
	size_t k;

	for (k = 0; b && k < b->n; k++)
		clause_add(any, b->off[k], b->len[k]);
	return b != NULL;
}

/* Alternatives, up to ')' or the end: one clause of their best ones. */
static void need_alt(struct rx *rx, struct conj *out)
{
	struct conj first = { 0 }, c = { 0 };
	struct heal_regex_clause any = { 0 };
	bool open = false;          /* an alternative that needs nothing */
	size_t nalt = 0;

	for (;;) {
		need_seq(rx, nalt ? &c : &first);
		if (rx->bail)
			break;
		if (nalt) {
			if (nalt == 1)
				open = !add_best(&any, &first) || open;
			open = !add_best(&any, &c) || open;
			conj_release(&c);
		}
		nalt++;
		if (rx->p[rx->i] != '|')
			break;
		rx->i++;
	}
	conj_release(&c);
	if (!rx->bail && nalt == 1)
		conj_take_all(out, &first);
	else if (!rx->bail && !open)
		conj_take(out, &any);
	conj_release(&first);
	clause_release(&any);
}

void heal_regex_need_init(struct heal_regex_need *need, const char *pattern)
{
	struct rx rx = { 0 };
	struct conj c = { 0 };
	size_t i;

	memset(need, 0, sizeof(*need));
	rx.p = pattern;
	if (strncmp(pattern, "(?i)", 4) == 0) {
		need->caseless = true;
		rx.i = 4;
	}
	need_alt(&rx, &c);
	if (rx.bail || pattern[rx.i]) {
		/* a construct not read, or an unbalanced ')': no need known */
		conj_release(&c);
		free(rx.text);
		return;
	}
	for (i = 0; need->caseless && i < rx.tn; i++)
		if (rx.text[i] >= 'A' && rx.text[i] <= 'Z')
			rx.text[i] = (char)(rx.text[i] - 'A' + 'a');
	need->v = c.v;
	need->n = c.n;
	need->text = rx.text;
}

void heal_regex_need_release(struct heal_regex_need *need)
{
	size_t i;

	if (!need)
		return;
	for (i = 0; i < need->n; i++)
		clause_release(&need->v[i]);
	free(need->v);
	free(need->text);
	memset(need, 0, sizeof(*need));
}

size_t heal_regex_need_clause(const struct heal_regex_need *need, size_t i)
{
	return i < need->n ? need->v[i].n : 0;
}

const char *heal_regex_need_literal(const struct heal_regex_need *need,
				    size_t i, size_t j, size_t *len)
{
	if (i >= need->n || j >= need->v[i].n)
		return NULL;
	*len = need->v[i].len[j];
	return need->text + need->v[i].off[j];
}

static char fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether s[0..n) holds lit[0..ln) (lit folded already when caseless). */
static bool holds(const char *s, size_t n, const char *lit, size_t ln, bool caseless)
{
	size_t i, k;

	if (!caseless)
		return heal_text_contains(s, n, lit, ln);
	for (i = 0; i + ln <= n; i++) {
		for (k = 0; k < ln && fold(s[i + k]) == lit[k]; k++)
			;
		if (k == ln)
			return true;
	}
	return false;
}

bool heal_regex_need_met(const struct heal_regex_need *need, const char *subject,
			 size_t len)
{
	size_t i, k;

	for (i = 0; i < need->n; i++) {
		const struct heal_regex_clause *c = &need->v[i];

		for (k = 0; k < c->n; k++)
			if (holds(subject, len, need->text + c->off[k], c->len[k],
				  need->caseless))
				break;
		if (k == c->n)
			return false;
	}
	return true;
}

int heal_regex_group_open(const char *p, size_t *i)
{
	size_t j = *i + 1;
	char k;

	if (p[j] != '?') {
		if (p[j] == '*')
			return -1;
		*i = j;
		return 0;
	}
	k = p[j + 1];
	if (k == ':' || k == '>' || k == '|') {
		*i = j + 2;
		return 0;
	}
	if (k == '=' || k == '!' ||
	    (k == '<' && (p[j + 2] == '=' || p[j + 2] == '!'))) {
		*i = j + (k == '<' ? 3 : 2);
		return 1;
	}
	if (k == '<' || (k == 'P' && p[j + 2] == '<') || k == '\'') {
		const char *q = strchr(p + j + 2 + (k == 'P'), k == '\'' ? '\'' : '>');

		if (!q)
			return -1;
		*i = (size_t)(q - p) + 1;
		return 0;
	}
	return -1;
}

