/*
 * heal_gen_call.c - candidates a C call calls for: its arguments written
 * as the function's parameters are declared ('scan(a[][10], n)'), or one
 * of its parameters left out where the caller has a name of the
 * parameter's ('find(arr, x)' for find(int arr[], int n, int x)).  Tried
 * first; the checker judges each like any other edit.
 */
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_gen_int.h"

/* Whether token i is a word of a C type ('int', 'unsigned', 'struct'). */
static bool type_word(const struct site *x, size_t i)
{
	static const char *const w[] = { "int", "char", "float", "double", "long", "short",
					 "unsigned", "signed", "const", "void", "struct",
					 "_Bool", "bool", NULL };

	return heal_gen_tok_in(x, i, w);
}

/*
 * C: a call whose arguments are written as its parameters are declared
 * ('scan(a[][10], n)', 'reverse(char s[], int n)'): each argument's type
 * words (and a struct's tag) and, where one is empty, its '[...]'
 * groups dropped: 'scan(a, n)', 'reverse(s, n)'.  The caret in the call,
 * the call a statement's or an expression's (a name before its '(', no
 * type before the name).
 */
static void call_as_declared(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t open = NONE_IDX, close, i, depth = 0, a;
	bool changed = false;
	struct heal_buf b;

	if (x->s->lang->syntax->lexer != HEAL_LEX_C || x->first == NONE_IDX || x->k > x->last)
		return;
	for (i = x->k; i-- > x->first;) {
		if (heal_gen_punct_is(x, i, ')'))
			depth++;
		else if (heal_gen_punct_is(x, i, '(') && depth-- == 0) {
			open = i;
			break;
		}
	}
	if (open == NONE_IDX || open == 0 || t->v[open - 1].kind != HEAL_TOK_ID ||
	    (open >= 2 && (type_word(x, open - 2) || t->v[open - 2].kind == HEAL_TOK_ID)))
		return;
	for (close = open + 1, depth = 0; close <= x->last; close++) {
		if (heal_gen_punct_is(x, close, '(') || heal_gen_punct_is(x, close, '['))
			depth++;
		else if (heal_gen_punct_is(x, close, ')') && depth-- == 0)
			break;
		else if (heal_gen_punct_is(x, close, ']'))
			depth--;
	}
	if (close > x->last || close <= x->k)
		return;
	heal_buf_init(&b, 64);
	heal_buf_putc(&b, '(');
	for (a = open + 1; a < close;) {
		size_t e = a, k, name;
		bool empty = false;

		for (depth = 0; e < close; e++) {
			if (heal_gen_punct_is(x, e, '(') || heal_gen_punct_is(x, e, '['))
				depth++;
			else if (heal_gen_punct_is(x, e, ')') || heal_gen_punct_is(x, e, ']'))
				depth--;
			else if (!depth && heal_gen_punct_is(x, e, ','))
				break;
			if (heal_gen_punct_is(x, e, '[') && heal_gen_punct_is(x, e + 1, ']'))
				empty = true;
		}
		/* [a, e): one argument */
		for (name = a; name < e && type_word(x, name); name++)
			if (heal_gen_tok_is(x, name, "struct") && name + 1 < e)
				name++;
		while (name < e && heal_gen_punct_is(x, name, '*') && name > a)
			name++;
		changed |= name > a;
		if (name < e) {
			k = e;
			if (empty && t->v[name].kind == HEAL_TOK_ID && heal_gen_punct_is(x, name + 1, '[')) {
				k = name + 1;
				changed = true;
			}
			if (a > open + 1) /* the ',' and the blanks after it */
				heal_buf_put(&b, d + t->v[a - 1].start, t->v[a].start - t->v[a - 1].start);
			heal_buf_put(&b, d + t->v[name].start, t->v[k - 1].end - t->v[name].start);
		}
		a = e < close ? e + 1 : e;
	}
	heal_buf_putc(&b, ')');
	if (changed)
		heal_gen_add_text(g, x, t->v[open].start, t->v[close].end, b.data, b.len,
				  "rep:$type $id[] ~> $id@call");
	heal_buf_release(&b);
}

/* The token after the one that closes the '(' or '[' at i, or t->n. */
static size_t past_group(const struct site *x, size_t i)
{
	size_t depth = 0;

	for (; i < x->t->n; i++) {
		if (heal_gen_punct_is(x, i, '(') || heal_gen_punct_is(x, i, '['))
			depth++;
		else if ((heal_gen_punct_is(x, i, ')') || heal_gen_punct_is(x, i, ']')) && --depth == 0)
			return i + 1;
	}
	return x->t->n;
}

/* Most parameters read of a definition. */
#define CALL_PARAMS 16

/*
 * The names of the parameters of the definition of the function named by
 * token f (a name the file defines at brace depth 0: 'f (...) {'): into
 * names (token indexes, the last name of each parameter before a '['),
 * their count, or 0 when the file defines no such function.
 */
static size_t param_names(const struct site *x, size_t f, size_t *names)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t i, depth = 0, n = 0, np, flen = t->v[f].end - t->v[f].start;

	for (i = 0; i + 1 < t->n; i++) {
		if (heal_gen_punct_is(x, i, '{'))
			depth++;
		else if (heal_gen_punct_is(x, i, '}') && depth)
			depth--;
		if (depth || i == f || t->v[i].kind != HEAL_TOK_ID ||
		    t->v[i].end - t->v[i].start != flen ||
		    memcmp(d + t->v[i].start, d + t->v[f].start, flen) != 0 ||
		    !heal_gen_punct_is(x, i + 1, '('))
			continue;
		n = past_group(x, i + 1);
		if (n < t->n && heal_gen_punct_is(x, n, '{'))
			break;
	}
	if (i + 1 >= t->n)
		return 0;
	np = 0;
	for (i = i + 2; i < n - 1 && np < CALL_PARAMS;) {
		size_t e = i, last = NONE_IDX;

		while (e < n - 1 && !heal_gen_punct_is(x, e, ',')) {
			if (heal_gen_punct_is(x, e, '[') || heal_gen_punct_is(x, e, '(')) {
				e = past_group(x, e);
				continue;
			}
			if (t->v[e].kind == HEAL_TOK_ID)
				last = e;
			e++;
		}
		if (last == NONE_IDX)
			return 0; /* 'void', or a parameter without a name */
		names[np++] = last;
		i = e + 1;
	}
	return np;
}

/* Whether the name of token p is a name of the caller's before token end:
 * from the header of the function whose body holds end (the last '{'
 * opened at the file's level before it) to end. */
static bool in_caller(const struct site *x, size_t p, size_t end)
{
	const struct heal_tokens *t = x->t;
	size_t i, depth = 0, body = NONE_IDX, n = t->v[p].end - t->v[p].start;

	for (i = 0; i < end; i++) {
		if (heal_gen_punct_is(x, i, '{') && depth++ == 0)
			body = i;
		else if (heal_gen_punct_is(x, i, '}') && depth)
			depth--;
	}
	if (body == NONE_IDX || depth == 0)
		return false;
	/* the header: back to the ';' or '}' before it */
	for (i = body; i > 0 && !heal_gen_punct_is(x, i - 1, ';') && !heal_gen_punct_is(x, i - 1, '}');)
		i--;
	for (; i < end; i++)
		if (t->v[i].kind == HEAL_TOK_ID && t->v[i].end - t->v[i].start == n &&
		    !memcmp(x->s->data + t->v[i].start, x->s->data + t->v[p].start, n))
			return true;
	return false;
}

/*
 * C: a call with one argument too few ("too few arguments to function
 * call", gcc's "too few arguments to function 'f'") to a function the
 * file defines: the parameter left out, by its name, where the caller has
 * that name; each place it may go, the one that leaves the most arguments
 * under parameters of their own name first, the last place on a tie
 * ('find(arr, x)' -> 'find(arr, n, x)').
 */
static void missing_argument(struct heal_gen *g, struct site *x)
{
	const struct heal_tokens *t = x->t;
	const char *d = x->s->data;
	size_t open = NONE_IDX, close, i, np, m = 0, names[CALL_PARAMS], args[CALL_PARAMS + 1];
	size_t order[CALL_PARAMS], fit[CALL_PARAMS], no = 0, k, j;
	bool space = false;

	if (x->s->lang->syntax->lexer != HEAL_LEX_C || !x->s->message ||
	    !strstr(x->s->message, "too few arguments") || x->k >= t->n)
		return;
	if (heal_gen_punct_is(x, x->k, ')')) {
		size_t depth = 0;

		for (i = x->k + 1; i-- > 0;) {
			if (heal_gen_punct_is(x, i, ')'))
				depth++;
			else if (heal_gen_punct_is(x, i, '(') && --depth == 0)
				break;
		}
		open = i;
	} else if (t->v[x->k].kind == HEAL_TOK_ID && heal_gen_punct_is(x, x->k + 1, '(')) {
		open = x->k + 1;
	}
	if (open == NONE_IDX || open == (size_t)-1 || open == 0 || t->v[open - 1].kind != HEAL_TOK_ID)
		return;
	close = past_group(x, open) - 1;
	if (close >= t->n || (np = param_names(x, open - 1, names)) == 0)
		return;
	/* the call's arguments: the first token of each */
	if (close > open + 1)
		for (i = open + 1, args[m++] = i; i < close && m <= CALL_PARAMS;) {
			if (heal_gen_punct_is(x, i, '(') || heal_gen_punct_is(x, i, '[')) {
				i = past_group(x, i);
			} else if (heal_gen_punct_is(x, i, ',')) {
				space |= t->v[i + 1].start > t->v[i].end;
				args[m++] = ++i;
			} else {
				i++;
			}
		}
	if (m + 1 != np)
		return;
	for (k = 0; k < np; k++) {
		size_t f = 0;

		if (!in_caller(x, names[k], open) ||
		    (t->v[names[k]].end - t->v[names[k]].start == t->v[open - 1].end - t->v[open - 1].start &&
		     !memcmp(d + t->v[names[k]].start, d + t->v[open - 1].start,
			     t->v[open - 1].end - t->v[open - 1].start)))
			continue;
		/* arguments under a parameter of their own name once the name
		 * goes in at k */
		for (j = 0; j < m; j++) {
			size_t q = names[j < k ? j : j + 1], a = args[j];

			f += t->v[a].kind == HEAL_TOK_ID && t->v[a].end - t->v[a].start ==
			     t->v[q].end - t->v[q].start &&
			     !memcmp(d + t->v[a].start, d + t->v[q].start, t->v[a].end - t->v[a].start);
		}
		for (j = no; j > 0 && (fit[j - 1] < f || (fit[j - 1] == f && order[j - 1] < k)); j--) {
			fit[j] = fit[j - 1];
			order[j] = order[j - 1];
		}
		fit[j] = f;
		order[j] = k;
		no++;
	}
	for (j = 0; j < no; j++) {
		const struct heal_tok *nm = &t->v[names[order[j]]];
		struct heal_buf b;
		size_t at;

		k = order[j];
		heal_buf_init(&b, 64);
		if (m == 0) {
			at = t->v[close].start;
			heal_buf_put(&b, d + nm->start, nm->end - nm->start);
		} else if (k < m) {
			at = t->v[args[k]].start;
			heal_buf_put(&b, d + nm->start, nm->end - nm->start);
			heal_buf_puts(&b, space ? ", " : ",");
		} else {
			at = t->v[close - 1].end;
			heal_buf_puts(&b, space ? ", " : ",");
			heal_buf_put(&b, d + nm->start, nm->end - nm->start);
		}
		heal_gen_add_text(g, x, at, at, b.data, b.len, "ins:$id.param@call");
		heal_buf_release(&b);
	}
}

void heal_gen_calls(struct heal_gen *g, struct site *x)
{
	call_as_declared(g, x);
	missing_argument(g, x);
}
