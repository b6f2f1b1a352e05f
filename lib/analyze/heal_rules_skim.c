/*
 * The lazy skim of heal's own rule files (HEAL_RULES_LAZY): at load, a
 * pass over the text that finds where the tables and the rules are and
 * each rule's id, tool and env, without parsing the rest; then, as
 * matching asks, a rule's part parsed and checked (heal_rules_load.c)
 * when a record of its tool and environment first reaches it, and a
 * table parsed on its first look-up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_json.h"
#include "heal_rules.h"
#include "heal_rules_int.h"
#include "heal_strmap.h"

/* ---- skimming ------------------------------------------------------------ */

/*
 * Skimming a file of heal's own (HEAL_RULES_LAZY) finds, without parsing
 * it, where its tables and rules are and each rule's tool and env members.
 * Anything it does not expect (an escape in a key, a rule that is not an
 * object, a tool that is not a plain string or array of them, a repeated
 * member) makes the file load whole instead, so its errors come as they
 * would; what skimming does not check (numbers, literals, UTF-8) a part's
 * parse does when the part is first used.
 */

/* The string at text[*off] (a key or a value) without escapes: its body. */
static bool skim_plain_string(const char *text, size_t len, size_t *off,
			      const char **s, size_t *n)
{
	size_t i = *off, j;

	if (heal_json_skip_space(text, len, &i) != '"')
		return false;
	/* keys and tool names are short: a byte at a time */
	for (j = i + 1; j < len && text[j] != '"'; j++)
		if (text[j] == '\\')
			return false;
	if (j >= len)
		return false;
	*s = text + i + 1;
	*n = j - i - 1;
	*off = j + 1;
	return true;
}

/* A tool or env member's value: a plain string or an array of them. */
static bool skim_strlist(const char *text, size_t len, size_t off, size_t end)
{
	const char *s;
	size_t n;
	int c = heal_json_skip_space(text, len, &off);

	if (c == '"')
		return skim_plain_string(text, len, &off, &s, &n);
	if (c != '[')
		return false;
	off++;
	if (heal_json_skip_space(text, len, &off) == ']')
		return off + 1 == end;
	for (;;) {
		if (!skim_plain_string(text, len, &off, &s, &n))
			return false;
		c = heal_json_skip_space(text, len, &off);
		off++;
		if (c == ']')
			return off == end;
		if (c != ',')
			return false;
	}
}

/*
 * The members of the object at text[*off]: fn is called with each key
 * (plain) and the offset of its value, and sets *ve to the value's end (0
 * when it leaves that to the skim); false from fn, or a key with an
 * escape, stops the skim.
 */
static bool skim_object(const char *text, size_t len, size_t *off,
			bool (*fn)(void *ctx, const char *key, size_t klen,
				   size_t vs, size_t *ve),
			void *ctx)
{
	size_t i = *off;
	int c;

	if (heal_json_skip_space(text, len, &i) != '{')
		return false;
	i++;
	if (heal_json_skip_space(text, len, &i) == '}') {
		*off = i + 1;
		return true;
	}
	for (;;) {
		const char *key;
		size_t klen, vs;

		if (!skim_plain_string(text, len, &i, &key, &klen) ||
		    heal_json_skip_space(text, len, &i) != ':')
			return false;
		i++;
		heal_json_skip_space(text, len, &i);
		vs = i;
		i = 0;
		if (!fn(ctx, key, klen, vs, &i))
			return false;
		if (!i) {
			i = vs;
			if (heal_json_skip(text, len, &i, HEAL_JSON_DEPTH_DEFAULT - 2) < 0)
				return false;
		}
		c = heal_json_skip_space(text, len, &i);
		i++;
		if (c == '}')
			break;
		if (c != ',')
			return false;
	}
	*off = i;
	return true;
}

static bool key_is(const char *key, size_t klen, const char *name)
{
	return klen == strlen(name) && memcmp(key, name, klen) == 0;
}

struct skim {
	struct rfile *f;
	struct rule *rules;         /* the file's rules, pending */
	size_t nrules, caprules;
	struct ptable *tables;
	size_t ntables, captables;
	bool seen_v, seen_rules, seen_tables;
	struct rule *r;             /* the rule being skimmed */
};

static bool skim_rule_member(void *ctx, const char *key, size_t klen, size_t vs, size_t *end)
{
	struct skim *sk = ctx;
	const char *text = sk->f->text;
	size_t ve = vs;

	if (key_is(key, klen, "id")) {
		size_t i = vs;
		const char *id;
		size_t n;

		/* a plain string, once: the set knows every id at load */
		if (sk->r->id_text || !skim_plain_string(text, sk->f->len, &i, &id, &n) || !n)
			return false;
		sk->r->id_text = id;
		sk->r->id_len = n;
		*end = i;
		return true;
	}
	if (!key_is(key, klen, "tool") && !key_is(key, klen, "env"))
		return true;
	if (heal_json_skip(text, sk->f->len, &ve, HEAL_JSON_DEPTH_DEFAULT - 2) < 0)
		return false;
	*end = ve;

	if (key_is(key, klen, "tool")) {
		if (sk->r->tool || !skim_strlist(text, sk->f->len, vs, ve))
			return false;
		sk->r->tool = text + vs;
		sk->r->tool_len = ve - vs;
	} else if (key_is(key, klen, "env")) {
		if (sk->r->env || !skim_strlist(text, sk->f->len, vs, ve))
			return false;
		sk->r->env = text + vs;
		sk->r->env_len = ve - vs;
	}
	return true;
}

static bool skim_table(void *ctx, const char *key, size_t klen, size_t vs, size_t *end)
{
	struct skim *sk = ctx;
	struct ptable *t;
	char c = sk->f->text[vs];
	size_t ve = vs;

	if ((c != '{' && c != '[') ||
	    heal_json_skip(sk->f->text, sk->f->len, &ve, HEAL_JSON_DEPTH_DEFAULT - 2) < 0)
		return false;
	*end = ve;
	if (sk->ntables == sk->captables) {
		sk->captables = sk->captables ? 2 * sk->captables : 16;
		sk->tables = heal_reallocarray(sk->tables, sk->captables,
					       sizeof(*sk->tables));
	}
	t = &sk->tables[sk->ntables++];
	memset(t, 0, sizeof(*t));
	t->name = key;
	t->name_len = klen;
	t->f = sk->f;
	t->off = vs;
	t->len = ve - vs;
	return true;
}

/* The rules array at vs: *ve is set to its end. */
static bool skim_rules(struct skim *sk, size_t vs, size_t *ve)
{
	const char *text = sk->f->text;
	size_t len = sk->f->len, i = vs + 1;
	int c;

	sk->f->rules_off = vs;
	if (heal_json_skip_space(text, len, &i) == ']') {
		*ve = i + 1;
		sk->f->rules_len = *ve - vs;
		return true;
	}
	for (;;) {
		struct rule *r;

		if (heal_json_skip_space(text, len, &i) != '{' || sk->nrules >= HEAL_RULES_MAX_RULES)
			return false;
		/* doubled, not one more each rule: a rule is some hundred
		 * bytes, and a file's rules grown one at a time were copied
		 * over and over (quadratic; under ASan, whose realloc always
		 * moves, a fifth of heal-analyze's start-up) */
		if (sk->nrules == sk->caprules) {
			sk->caprules = sk->caprules ? 2 * sk->caprules : 32;
			sk->rules = heal_reallocarray(sk->rules, sk->caprules,
						      sizeof(*sk->rules));
		}
		r = &sk->rules[sk->nrules];
		memset(r, 0, sizeof(*r));
		r->file = sk->f;
		r->index = sk->nrules++;
		r->off = i;
		r->src = sk->f->name;
		sk->r = r;
		if (!skim_object(text, len, &i, skim_rule_member, sk) || !r->id_text)
			return false;
		c = heal_json_skip_space(text, len, &i);
		i++;
		if (c == ']') {
			*ve = i;
			sk->f->rules_len = i - vs;
			return true;
		}
		if (c != ',')
			return false;
	}
}

static bool skim_top(void *ctx, const char *key, size_t klen, size_t vs, size_t *ve)
{
	struct skim *sk = ctx;
	const char *text = sk->f->text;

	if (key_is(key, klen, "v")) {
		size_t i = vs;

		if (sk->seen_v || heal_json_skip(text, sk->f->len, &i, 1) < 0 ||
		    i - vs != 1 || text[vs] != '1')
			return false;
		sk->seen_v = true;
		*ve = i;
	} else if (key_is(key, klen, "tables")) {
		size_t i = vs;

		if (sk->seen_tables || !skim_object(text, sk->f->len, &i, skim_table, sk))
			return false;
		sk->seen_tables = true;
		*ve = i;
	} else if (key_is(key, klen, "rules")) {
		if (sk->seen_rules || text[vs] != '[' || !skim_rules(sk, vs, ve))
			return false;
		sk->seen_rules = true;
	}
	return true;
}

/*
 * Skim the file text (which the set then owns) named name: true when its
 * rules and tables joined the set, pending; false (the set unchanged) when
 * it must be loaded whole.
 */
bool heal_rules_skim_file(struct heal_rules *rs, const char *name, char *text,
			  size_t len)
{
	struct rfile *f = heal_calloc(1, sizeof(*f));
	struct skim sk = { 0 };
	size_t i = 0, k;
	bool ok;

	f->name = name;
	f->text = text;
	f->len = len;
	f->mark_line = 1;
	sk.f = f;
	ok = skim_object(text, len, &i, skim_top, &sk) &&
	     heal_json_skip_space(text, len, &i) < 0 && sk.seen_v &&
	     rs->n + sk.nrules <= HEAL_RULES_MAX_RULES;
	/* an id seen before, in an earlier file or here: loaded whole, it says so */
	for (k = 0; ok && k < sk.nrules; k++) {
		const struct rule *r = &sk.rules[k];
		size_t j;

		ok = !heal_strmap_get(&rs->ids, r->id_text, r->id_len, NULL);
		for (j = 0; ok && j < k; j++)
			ok = sk.rules[j].id_len != r->id_len ||
			     memcmp(sk.rules[j].id_text, r->id_text, r->id_len) != 0;
	}
	if (ok) {
		rs->rfiles = heal_reallocarray(rs->rfiles, rs->nrfiles + 1, sizeof(*rs->rfiles));
		rs->rfiles[rs->nrfiles++] = f;
		for (k = 0; k < sk.nrules; k++) {
			heal_strmap_put(&rs->ids, sk.rules[k].id_text, sk.rules[k].id_len,
					rs->n, NULL);
			heal_rules_push(rs, &sk.rules[k]);
		}
		rs->ptables = heal_reallocarray(rs->ptables, rs->nptables + sk.ntables,
						sizeof(*rs->ptables));
		if (sk.ntables)
			memcpy(rs->ptables + rs->nptables, sk.tables,
			       sk.ntables * sizeof(*sk.tables));
		rs->nptables += sk.ntables;
	} else {
		free(f);
	}
	free(sk.rules);
	free(sk.tables);
	return ok;
}

/* The line of offset off in a skimmed file (counted on from its mark). */
static size_t line_at(struct rfile *f, size_t off)
{
	if (off < f->mark) {
		f->mark = 0;
		f->mark_line = 1;
	}
	if (off > f->len)
		off = f->len;
	f->mark_line += heal_rules_count_newlines(f->text + f->mark, off - f->mark);
	f->mark = off;
	return f->mark_line;
}

/*
 * Parse text[off..off+len) of a skimmed file into a frozen document the
 * set keeps; a parse error is "FILE:LINE: reason", as for a whole file.
 */
static const struct heal_json *parse_part(struct heal_rules *rs, struct rfile *f,
					  size_t off, size_t len, struct heal_error *err)
{
	struct heal_json_limits lim;
	struct heal_json_arena *arena = NULL;
	const struct heal_json *doc;
	unsigned long long at = 0;
	char *rest = NULL;

	heal_json_limits_default(&lim);
	doc = heal_json_parse_frozen(f->text + off, len, &lim, &arena, err);
	if (doc) {
		rs->docs = heal_reallocarray(rs->docs, rs->ndocs + 1, sizeof(*rs->docs));
		rs->docs[rs->ndocs++] = arena;
		return doc;
	}
	if (strncmp(err->msg, "byte ", 5) == 0)
		at = strtoull(err->msg + 5, &rest, 10);
	if (at && rest && rest[0] == ':') {
		char msg[HEAL_ERROR_MSG_MAX];

		snprintf(msg, sizeof(msg), "%s", rest + 2);
		heal_error_set(err, HEAL_ERR_INPUT, "%s:%zu: %s", f->name,
			       line_at(f, off + (size_t)at - 1), msg);
	} else {
		heal_error_prefix(err, "%s", f->name);
	}
	err->code = HEAL_ERR_INPUT;
	return NULL;
}

/*
 * Parse the tables named name of the skimmed files that are not yet, in
 * file order, into the set's: a look-up then sees what an eager load
 * makes of them.  The first error is kept in rs->lazy_err.
 */
void heal_rules_load_pending_tables(struct heal_rules *rs, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < rs->nptables; i++) {
		struct ptable *t = &rs->ptables[i];
		const struct heal_json *v;
		struct heal_error e = HEAL_ERROR_INIT;

		if (t->done || t->name_len != n || memcmp(t->name, name, n) != 0)
			continue;
		t->done = true;
		v = parse_part(rs, t->f, t->off, t->len, &e);
		if (!v) {
			if (!rs->lazy_err.code)
				rs->lazy_err = e;
			continue;
		}
		heal_rules_add_table(rs, name, (struct heal_json *)v);
	}
}

/* ---- what matching asks of skimmed files ---------------------------------- */

/*
 * Load the pending rule r of a skimmed file, its file's rules parsed on
 * the first: the checks an eager load makes of it, with its messages.
 */
int heal_rules_load_pending(struct heal_rules *rs, struct rule *r,
			    struct heal_error *err)
{
	struct rfile *f = r->file;
	struct loader ld = { 0 };
	int rc;

	if (!f->rules) {
		f->rules = parse_part(rs, f, f->rules_off, f->rules_len, err);
		if (!f->rules)
			return -1;
	}
	if (f->rules->type != HEAL_JSON_ARRAY || r->index >= f->rules->u.arr.n)
		return heal_error_set(err, HEAL_ERR_INPUT, "%s: field 'rules': unreadable",
				      f->name);
	ld.name = f->name;
	ld.text = f->text;
	ld.len = f->len;
	ld.index = r->index;
	ld.mark = r->off;
	ld.mark_line = line_at(f, r->off);
	rc = heal_rules_load_rule(rs, &ld, f->rules->u.arr.v[r->index], true, r,
				  (size_t)(r - rs->v), err);
	heal_rules_loader_release(&ld);
	if (rc < 0)
		r->def = NULL;          /* still pending: the next use fails the same way */
	return rc;
}

/* Whether a skimmed tool or env member (JSON text, or NULL) lists s. */
bool heal_rules_span_lists(const char *p, size_t n, const char *s)
{
	const char *end, *q;
	size_t sl;

	if (!p)
		return true;
	end = p + n;
	if (!s)
		return false;
	sl = strlen(s);
	while (p < end && (p = memchr(p, '"', (size_t)(end - p))) != NULL) {
		p++;
		q = memchr(p, '"', (size_t)(end - p));
		if (!q)
			break;
		if ((size_t)(q - p) == sl && memcmp(p, s, sl) == 0)
			return true;
		p = q + 1;
	}
	return false;
}

/* The table of that name (heal_act.table). */
const struct heal_json *heal_rules_table(void *ctx, const char *name)
{
	struct heal_rules *rs = ctx;

	heal_rules_load_pending_tables(rs, name);
	return heal_json_object_get(rs->tables, name);
}

/*
 * heal_act.table_lacks: true when the table is not parsed yet and no
 * skimmed definition of it holds key as a string.  A definition without a
 * backslash writes every string as it reads, so one that does not hold
 * "key" (quotes included) has no such member or item.
 */
bool heal_rules_table_lacks(void *ctx, const char *name, const char *key)
{
	struct heal_rules *rs = ctx;
	size_t i, n = strlen(name), kl = strlen(key);
	bool pending = false;
	struct heal_buf q;
	const char *k;

	if (heal_json_object_get(rs->tables, name))
		return false;
	for (k = key; *k; k++)
		if (*k == '"' || *k == '\\' || (unsigned char)*k < 0x20)
			return false;
	heal_buf_init(&q, kl + 3);
	heal_buf_putc(&q, '"');
	heal_buf_put(&q, key, kl);
	heal_buf_putc(&q, '"');
	for (i = 0; i < rs->nptables; i++) {
		const struct ptable *t = &rs->ptables[i];
		const char *span = t->f->text + t->off;

		if (t->done || t->name_len != n || memcmp(t->name, name, n) != 0)
			continue;
		if (memchr(span, '\\', t->len) || memmem(span, t->len, q.data, q.len)) {
			pending = false;
			break;
		}
		pending = true;
	}
	heal_buf_release(&q);
	return pending;
}
