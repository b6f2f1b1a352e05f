/*
 * heal_gen_logic.c - whether a candidate that drops token m drops a
 * negation or a logical operator that has its operands: it compiles and
 * means otherwise ('if !done:' as 'if done:', 'a > 0 && b' as
 * 'a > 0 & b'), so the checker cannot tell it from a fix.
 */
#include <string.h>

#include "heal_gen_int.h"

/* Whether s (n bytes) is a negation or a logical operator. */
static bool logic_op(const char *s, size_t n)
{
	static const char *const ops[] = { "!", "&&", "||", "not", "and", "or", NULL };
	size_t k;

	for (k = 0; ops[k]; k++)
		if (strlen(ops[k]) == n && memcmp(ops[k], s, n) == 0)
			return true;
	return false;
}

/* Whether token m is one half of a '&&' or '||' a lexer without them
 * (Python's) split in two. */
static bool half_logic_op(const struct heal_tokens *t, const char *d, size_t m)
{
	const struct heal_tok *o = &t->v[m];
	char c = d[o->start];

	if (o->end - o->start != 1 || (c != '&' && c != '|'))
		return false;
	return (m > 0 && t->v[m - 1].end == o->start && t->v[m - 1].end - t->v[m - 1].start == 1 &&
		d[t->v[m - 1].start] == c) ||
	       (m + 1 < t->n && t->v[m + 1].start == o->end &&
		t->v[m + 1].end - t->v[m + 1].start == 1 && d[t->v[m + 1].start] == c);
}

/* Whether token k can begin an operand (a name, a literal, a bracket or
 * a unary sign that opens one). */
static bool operand_start(const struct heal_tokens *t, const char *d, size_t k)
{
	const struct heal_tok *o;
	char c;

	if (k >= t->n)
		return false;
	o = &t->v[k];
	if (heal_tok_is_code(o))
		return true;
	c = d[o->start];
	return o->kind == HEAL_TOK_PUNCT && o->end - o->start == 1 &&
	       (c == '(' || c == '[' || c == '!' || c == '-' || c == '*' || c == '&' || c == '~');
}

/* Whether token k can end an operand (a name, a literal, a closing bracket). */
static bool operand_end(const struct heal_tokens *t, const char *d, size_t k)
{
	const struct heal_tok *o = &t->v[k];
	char c = d[o->start];

	return heal_tok_is_code(o) ||
	       (o->kind == HEAL_TOK_PUNCT && o->end - o->start == 1 && (c == ')' || c == ']'));
}

/*
 * Whether the logical operator or negation at token m has its operands: a unary one an operand after it, a binary
 * one an operand on each side.  A dangling one ('a ||)', '! ;') holds no
 * meaning to lose.
 */
static bool logic_applies(const struct heal_tokens *t, const char *d, size_t m)
{
	const struct heal_tok *o = &t->v[m];
	size_t a = m, b = m + 1;

	if (o->end - o->start == 1 && d[o->start] == '!')
		return operand_start(t, d, m + 1);
	if (o->end - o->start == 3 && memcmp(d + o->start, "not", 3) == 0)
		return operand_start(t, d, m + 1);
	/* the two halves of a split '&&' are one operator */
	if (half_logic_op(t, d, m)) {
		if (m > 0 && t->v[m - 1].end == o->start && d[t->v[m - 1].start] == d[o->start])
			a = m - 1;
		else
			b = m + 2;
	}
	return a > 0 && operand_end(t, d, a - 1) && operand_start(t, d, b);
}

/* Whether the new tokens hold a negation or a logical operator. */
static bool keeps_logic(const char *const *nw, size_t nnew)
{
	size_t q;

	for (q = 0; q < nnew; q++)
		if (nw[q] && logic_op(nw[q], strlen(nw[q])))
			return true;
	return false;
}

bool heal_gen_drops_logic(const struct heal_tokens *t, const char *d, size_t m,
			  const char *const *nw, size_t nnew)
{
	const struct heal_tok *o = &t->v[m];

	return (logic_op(d + o->start, o->end - o->start) || half_logic_op(t, d, m)) &&
	       !keeps_logic(nw, nnew) && logic_applies(t, d, m);
}
