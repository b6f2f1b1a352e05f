#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "heal_alloc.h"
#include "heal_json.h"
#include "heal_json_int.h"
#include "heal_utf8.h"

void heal_json_limits_default(struct heal_json_limits *lim)
{
	lim->max_depth = HEAL_JSON_DEPTH_DEFAULT;
	lim->max_string = HEAL_JSON_STRING_DEFAULT;
	lim->max_number = HEAL_JSON_NUMBER_DEFAULT;
	lim->max_members = HEAL_JSON_MEMBERS_DEFAULT;
}

/* ---- frozen documents ---------------------------------------------------- */

/*
 * The values, keys and arrays of a frozen document, bump-allocated from
 * blocks of ARENA_BLOCK bytes (a larger request gets a block of its own).
 * Values and arrays start ARENA_ALIGN-aligned, keys anywhere.
 */
#define ARENA_BLOCK ((size_t)64 << 10)
#define ARENA_ALIGN HEAL_JSON_ARENA_ALIGN

_Static_assert(_Alignof(struct heal_json_member) <= _Alignof(struct heal_json) &&
	       _Alignof(struct heal_json *) <= _Alignof(struct heal_json),
	       "arena alignment");

struct arena_block {
	struct arena_block *next;
	/* then the memory, from a malloc()-aligned offset */
};

struct heal_json_arena {
	struct arena_block *blocks;
	char *p, *end;                /* free room in blocks */
	char *last;                   /* the last allocation, for arena_grow */
};

#define BLOCK_HEAD ((sizeof(struct arena_block) + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1))

static void *arena_alloc_align(struct heal_json_arena *a, size_t n, size_t align)
{
	struct arena_block *b;
	size_t room = a->p ? (size_t)(a->end - a->p) : 0;
	size_t pad = a->p ? (size_t)-(uintptr_t)a->p & (align - 1) : 0, size;
	char *m;

	if (room < pad || room - pad < n) {
		size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		b = heal_malloc(BLOCK_HEAD + size);
		b->next = a->blocks;
		a->blocks = b;
		m = (char *)b + BLOCK_HEAD;
		if (size != ARENA_BLOCK) {
			/* a block of its own: the current one keeps its room */
			a->last = NULL;
			return m;
		}
		a->p = m;
		a->end = m + size;
		pad = 0;
	}
	m = a->p + pad;
	a->p = m + n;
	a->last = m;
	return m;
}

static void *arena_alloc(struct heal_json_arena *a, size_t n)
{
	return arena_alloc_align(a, n, ARENA_ALIGN);
}

/* An array of oldn bytes grown to n: in place when it was the last one. */
static void *arena_grow(struct heal_json_arena *a, void *old, size_t oldn,
			size_t n)
{
	char *m;

	if (old && old == a->last && (size_t)(a->end - (char *)old) >= n) {
		a->p = (char *)old + n;
		return old;
	}
	m = arena_alloc(a, n);
	if (oldn)
		memcpy(m, old, oldn);
	return m;
}

struct heal_json_arena *heal_json_arena_new(void)
{
	return heal_calloc(1, sizeof(struct heal_json_arena));
}

void *heal_json_arena_block(struct heal_json_arena *a, size_t n)
{
	struct arena_block *b = heal_malloc(BLOCK_HEAD + (n ? n : 1));

	b->next = a->blocks;
	a->blocks = b;
	return (char *)b + BLOCK_HEAD;
}

void heal_json_arena_free(struct heal_json_arena *a)
{
	struct arena_block *b, *next;

	if (!a)
		return;
	for (b = a->blocks; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

/* A change to a frozen value is a bug of heal's, not of its input. */
static void check_thawed(const struct heal_json *v)
{
	if (v && v->frozen)
		abort();
}

/* ---- construction ------------------------------------------------------ */

static struct heal_json *new_value(enum heal_json_type t)
{
	struct heal_json *v = heal_calloc(1, sizeof(*v));

	v->type = t;
	return v;
}

struct heal_json *heal_json_new_null(void)
{
	return new_value(HEAL_JSON_NULL);
}

struct heal_json *heal_json_new_bool(bool b)
{
	return new_value(b ? HEAL_JSON_TRUE : HEAL_JSON_FALSE);
}

/*
 * A string or a number and its bytes in one allocation: a parsed document
 * is mostly strings, and the allocator is most of the cost of a parse.
 * Nothing replaces u.str.s of a value, so heal_json_free frees just v.
 */
/* A string or number value in v, its bytes right after it (one block). */
static struct heal_json *fill_text(struct heal_json *v, enum heal_json_type t,
				   const char *s, size_t len)
{
	memset(v, 0, sizeof(*v));
	v->type = t;
	v->u.str.s = (char *)(v + 1);
	memcpy(v->u.str.s, s, len);
	v->u.str.s[len] = '\0';
	v->u.str.len = len;
	return v;
}

static struct heal_json *new_text(enum heal_json_type t, const char *s,
				  size_t len)
{
	return fill_text(heal_malloc(sizeof(struct heal_json) + len + 1), t, s, len);
}

static struct heal_json *new_number_text(const char *s, size_t len)
{
	return new_text(HEAL_JSON_NUMBER, s, len);
}

size_t heal_json_int_text(char buf[HEAL_JSON_INT_MAX], int64_t i)
{
	char tmp[HEAL_JSON_INT_MAX], *p = tmp + sizeof(tmp);
	/* the magnitude as unsigned: -INT64_MIN does not fit an int64_t */
	uint64_t u = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;
	size_t n;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (i < 0)
		*--p = '-';
	n = (size_t)(tmp + sizeof(tmp) - p);
	memcpy(buf, p, n);
	return n;
}

struct heal_json *heal_json_new_int(int64_t i)
{
	char tmp[HEAL_JSON_INT_MAX];

	return new_number_text(tmp, heal_json_int_text(tmp, i));
}

size_t heal_json_double_text(char buf[HEAL_JSON_DOUBLE_MAX], double d)
{
	int n;

	if (!isfinite(d))
		return 0;
	n = snprintf(buf, HEAL_JSON_DOUBLE_MAX, "%.15g", d);
	if (strtod(buf, NULL) != d)
		n = snprintf(buf, HEAL_JSON_DOUBLE_MAX, "%.17g", d);
	return (size_t)n;
}

struct heal_json *heal_json_new_double(double d)
{
	char tmp[HEAL_JSON_DOUBLE_MAX];
	size_t n = heal_json_double_text(tmp, d);

	return n ? new_number_text(tmp, n) : heal_json_new_null();
}

struct heal_json *heal_json_new_stringn(const char *s, size_t len)
{
	return new_text(HEAL_JSON_STRING, s, len);
}

struct heal_json *heal_json_new_string(const char *s)
{
	return heal_json_new_stringn(s, strlen(s));
}

struct heal_json *heal_json_new_array(void)
{
	return new_value(HEAL_JSON_ARRAY);
}

struct heal_json *heal_json_new_object(void)
{
	return new_value(HEAL_JSON_OBJECT);
}

void heal_json_free(struct heal_json *v)
{
	size_t i;

	if (!v || v->frozen)
		return;
	switch (v->type) {
	case HEAL_JSON_ARRAY:
		for (i = 0; i < v->u.arr.n; i++)
			heal_json_free(v->u.arr.v[i]);
		free(v->u.arr.v);
		break;
	case HEAL_JSON_OBJECT:
		for (i = 0; i < v->u.obj.n; i++) {
			free(v->u.obj.m[i].key);
			heal_json_free(v->u.obj.m[i].val);
		}
		free(v->u.obj.m);
		break;
	default:
		break;
	}
	free(v);
}

void heal_json_array_append(struct heal_json *arr, struct heal_json *val)
{
	check_thawed(arr);
	if (arr->u.arr.n == arr->u.arr.cap) {
		arr->u.arr.cap = arr->u.arr.cap ? arr->u.arr.cap * 2 : 4;
		arr->u.arr.v = heal_reallocarray(arr->u.arr.v, arr->u.arr.cap,
						 sizeof(*arr->u.arr.v));
	}
	arr->u.arr.v[arr->u.arr.n++] = val;
}

/* Append a member whose key (NUL-terminated, keylen bytes) obj takes. */
static void object_append_owned(struct heal_json *obj, char *key,
				size_t keylen, struct heal_json *val)
{
	struct heal_json_member *m;

	check_thawed(obj);
	if (obj->u.obj.n == obj->u.obj.cap) {
		obj->u.obj.cap = obj->u.obj.cap ? obj->u.obj.cap * 2 : 8;
		obj->u.obj.m = heal_reallocarray(obj->u.obj.m, obj->u.obj.cap,
						 sizeof(*obj->u.obj.m));
	}
	m = &obj->u.obj.m[obj->u.obj.n++];
	m->key = key;
	m->keylen = keylen;
	m->val = val;
}

static void object_append(struct heal_json *obj, const char *key,
			  size_t keylen, struct heal_json *val)
{
	object_append_owned(obj, heal_strndup(key, keylen), keylen, val);
}

static struct heal_json_member *find_member(const struct heal_json *obj,
					    const char *key)
{
	size_t klen, i;

	if (!obj || obj->type != HEAL_JSON_OBJECT)
		return NULL;
	klen = strlen(key);
	for (i = obj->u.obj.n; i-- > 0;) {
		struct heal_json_member *m = &obj->u.obj.m[i];

		/* the first byte first: no call for most members */
		if (m->keylen == klen && m->key[0] == key[0] &&
		    memcmp(m->key, key, klen) == 0)
			return m;
	}
	return NULL;
}

void heal_json_object_set(struct heal_json *obj, const char *key,
			  struct heal_json *val)
{
	struct heal_json_member *m = find_member(obj, key);

	check_thawed(obj);
	if (m) {
		heal_json_free(m->val);
		m->val = val;
		return;
	}
	object_append(obj, key, strlen(key), val);
}

void heal_json_object_set_str(struct heal_json *obj, const char *key,
			      const char *s)
{
	heal_json_object_set(obj, key, s ? heal_json_new_string(s)
					 : heal_json_new_null());
}

void heal_json_object_set_int(struct heal_json *obj, const char *key,
			      int64_t i)
{
	heal_json_object_set(obj, key, heal_json_new_int(i));
}

void heal_json_object_set_bool(struct heal_json *obj, const char *key,
			       bool b)
{
	heal_json_object_set(obj, key, heal_json_new_bool(b));
}

struct heal_json *heal_json_object_take(struct heal_json *obj,
					const char *key)
{
	struct heal_json_member *m = find_member(obj, key);
	struct heal_json *val;
	size_t i;

	if (!m)
		return NULL;
	check_thawed(obj);
	val = m->val;
	free(m->key);
	i = (size_t)(m - obj->u.obj.m);
	memmove(m, m + 1, (obj->u.obj.n - i - 1) * sizeof(*m));
	obj->u.obj.n--;
	return val;
}

bool heal_json_object_remove(struct heal_json *obj, const char *key)
{
	struct heal_json_member *m = find_member(obj, key);

	if (!m)
		return false;
	heal_json_free(heal_json_object_take(obj, key));
	return true;
}

struct heal_json *heal_json_clone(const struct heal_json *v)
{
	struct heal_json *c;
	size_t i;

	if (!v)
		return NULL;
	switch (v->type) {
	case HEAL_JSON_STRING:
		return heal_json_new_stringn(v->u.str.s, v->u.str.len);
	case HEAL_JSON_NUMBER:
		return new_number_text(v->u.str.s, v->u.str.len);
	case HEAL_JSON_ARRAY:
		c = heal_json_new_array();
		for (i = 0; i < v->u.arr.n; i++)
			heal_json_array_append(c, heal_json_clone(v->u.arr.v[i]));
		return c;
	case HEAL_JSON_OBJECT:
		c = heal_json_new_object();
		for (i = 0; i < v->u.obj.n; i++)
			object_append(c, v->u.obj.m[i].key, v->u.obj.m[i].keylen,
				      heal_json_clone(v->u.obj.m[i].val));
		return c;
	default:
		return new_value(v->type);
	}
}

/* ---- look-ups ---------------------------------------------------------- */

struct heal_json *heal_json_object_get(const struct heal_json *obj,
				       const char *key)
{
	struct heal_json_member *m = find_member(obj, key);

	return m ? m->val : NULL;
}

bool heal_json_string_is_cstr(const struct heal_json *v)
{
	return v && v->type == HEAL_JSON_STRING &&
	       memchr(v->u.str.s, '\0', v->u.str.len) == NULL;
}

bool heal_json_array_has_str(const struct heal_json *arr, const char *s)
{
	size_t i;

	if (!arr || arr->type != HEAL_JSON_ARRAY || !s)
		return false;
	for (i = 0; i < arr->u.arr.n; i++)
		if (heal_json_string_is_cstr(arr->u.arr.v[i]) &&
		    strcmp(arr->u.arr.v[i]->u.str.s, s) == 0)
			return true;
	return false;
}

const char *heal_json_object_get_str(const struct heal_json *obj,
				     const char *key)
{
	struct heal_json *v = heal_json_object_get(obj, key);

	return heal_json_string_is_cstr(v) ? v->u.str.s : NULL;
}

int heal_json_number_int(const struct heal_json *v, int64_t *out)
{
	char *end;
	long long ll;

	if (!v || v->type != HEAL_JSON_NUMBER)
		return -1;
	if (strpbrk(v->u.str.s, ".eE")) {
		/* 3.0 or 1e2 are integers too, when exact */
		double d = strtod(v->u.str.s, NULL);

		if (!isfinite(d) || d != floor(d) || d < -9.2e18 || d > 9.2e18)
			return -1;
		*out = (int64_t)d;
		return 0;
	}
	errno = 0;
	ll = strtoll(v->u.str.s, &end, 10);
	if (errno || *end)
		return -1;
	*out = ll;
	return 0;
}

int heal_json_object_get_int(const struct heal_json *obj, const char *key,
			     int64_t min, int64_t max, int64_t *out)
{
	struct heal_json *v = heal_json_object_get(obj, key);
	int64_t i;

	if (!v || v->type == HEAL_JSON_NULL)
		return 0;
	if (heal_json_number_int(v, &i) < 0 || i < min || i > max)
		return -1;
	*out = i;
	return 1;
}

int heal_json_object_get_double(const struct heal_json *obj, const char *key,
				double *out)
{
	struct heal_json *v = heal_json_object_get(obj, key);

	if (!v || v->type == HEAL_JSON_NULL)
		return 0;
	if (v->type != HEAL_JSON_NUMBER)
		return -1;
	*out = strtod(v->u.str.s, NULL);
	return isfinite(*out) ? 1 : -1;
}

bool heal_json_object_get_bool(const struct heal_json *obj, const char *key)
{
	struct heal_json *v = heal_json_object_get(obj, key);

	return v && v->type == HEAL_JSON_TRUE;
}

/* ---- parsing ----------------------------------------------------------- */

struct parse_ctx {
	const struct heal_json_limits *lim;
	struct heal_error *err;
	struct heal_json_arena *arena;  /* a frozen document's, or NULL */
	struct heal_json *root;
	struct heal_json **stack;     /* open containers, max_depth of them */
	size_t depth;
	char *key;                    /* pending object key */
	size_t keylen;
};

/* A value of the document: from the arena (frozen) or the heap. */
static struct heal_json *parsed_value(struct parse_ctx *c,
				      enum heal_json_type t)
{
	struct heal_json *v;

	if (!c->arena)
		return new_value(t);
	v = arena_alloc(c->arena, sizeof(*v));
	memset(v, 0, sizeof(*v));
	v->type = t;
	v->frozen = true;
	return v;
}

static struct heal_json *parsed_text(struct parse_ctx *c,
				     enum heal_json_type t, const char *s,
				     size_t len)
{
	struct heal_json *v;

	if (!c->arena)
		return new_text(t, s, len);
	v = fill_text(arena_alloc(c->arena, sizeof(*v) + len + 1), t, s, len);
	v->frozen = true;
	return v;
}

/* Room for one more item or member of top, a container of the arena. */
static void arena_room(struct heal_json_arena *a, struct heal_json *top)
{
	size_t *cap = top->type == HEAL_JSON_ARRAY ? &top->u.arr.cap : &top->u.obj.cap;
	size_t n = top->type == HEAL_JSON_ARRAY ? top->u.arr.n : top->u.obj.n;
	size_t elem = top->type == HEAL_JSON_ARRAY ? sizeof(*top->u.arr.v)
						   : sizeof(*top->u.obj.m);
	size_t ncap;
	void **mem = top->type == HEAL_JSON_ARRAY ? (void **)&top->u.arr.v
						  : (void **)&top->u.obj.m;

	if (n < *cap)
		return;
	ncap = *cap ? *cap * 2 : top->type == HEAL_JSON_ARRAY ? 4 : 8;
	*mem = arena_grow(a, *mem, n * elem, ncap * elem);
	*cap = ncap;
}

static int add_value(struct parse_ctx *c, struct heal_json *v)
{
	struct heal_json *top;

	if (c->depth == 0) {
		c->root = v;
		return 1;
	}
	top = c->stack[c->depth - 1];
	if (top->type == HEAL_JSON_ARRAY) {
		if (top->u.arr.n >= c->lim->max_members)
			goto too_many;
		if (!c->arena) {
			heal_json_array_append(top, v);
			return 1;
		}
		arena_room(c->arena, top);
		top->u.arr.v[top->u.arr.n++] = v;
	} else {
		if (top->u.obj.n >= c->lim->max_members)
			goto too_many;
		if (!c->arena) {
			object_append_owned(top, c->key, c->keylen, v);
		} else {
			struct heal_json_member *m;

			arena_room(c->arena, top);
			m = &top->u.obj.m[top->u.obj.n++];
			m->key = c->key;
			m->keylen = c->keylen;
			m->val = v;
		}
		c->key = NULL;
	}
	return 1;
too_many:
	heal_json_free(v);
	heal_error_set(c->err, HEAL_ERR_LIMIT,
		       "more than %zu members in one array or object",
		       c->lim->max_members);
	return 0;
}

static int cb_null(void *ctx)
{
	return add_value(ctx, parsed_value(ctx, HEAL_JSON_NULL));
}

static int cb_boolean(void *ctx, int b)
{
	return add_value(ctx, parsed_value(ctx, b ? HEAL_JSON_TRUE : HEAL_JSON_FALSE));
}

static int check_number(struct parse_ctx *c, const char *s, size_t len)
{
	char tmp[512];

	if (len > c->lim->max_number || len >= sizeof(tmp))
		return heal_error_set(c->err, HEAL_ERR_LIMIT,
				      "number longer than %zu characters",
				      c->lim->max_number);
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	if (!strpbrk(tmp, ".eE")) {
		errno = 0;
		(void)strtoll(tmp, NULL, 10);
		if (errno == ERANGE)
			return heal_error_set(c->err, HEAL_ERR_INPUT,
					      "integer %s out of range", tmp);
	} else if (!isfinite(strtod(tmp, NULL))) {
		return heal_error_set(c->err, HEAL_ERR_INPUT,
				      "number %s out of range", tmp);
	}
	return 0;
}

static int cb_number(void *ctx, const char *s, size_t len)
{
	struct parse_ctx *c = ctx;

	if (check_number(c, s, len) < 0)
		return 0;
	return add_value(c, parsed_text(c, HEAL_JSON_NUMBER, s, len));
}

static int check_string(struct parse_ctx *c, size_t len)
{
	if (len > c->lim->max_string) {
		heal_error_set(c->err, HEAL_ERR_LIMIT,
			       "string longer than %zu bytes",
			       c->lim->max_string);
		return 0;
	}
	return 1;
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
	struct parse_ctx *c = ctx;

	if (!check_string(c, len))
		return 0;
	return add_value(c, parsed_text(c, HEAL_JSON_STRING, (const char *)s, len));
}

static int cb_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct parse_ctx *c = ctx;

	if (!check_string(c, len))
		return 0;
	if (!c->arena) {
		free(c->key);
		c->key = heal_strndup((const char *)s, len);
	} else {
		c->key = arena_alloc_align(c->arena, len + 1, 1);
		memcpy(c->key, s, len);
		c->key[len] = '\0';
	}
	c->keylen = len;
	return 1;
}

static int open_container(struct parse_ctx *c, enum heal_json_type t)
{
	struct heal_json *v;

	if (c->depth >= c->lim->max_depth) {
		heal_error_set(c->err, HEAL_ERR_LIMIT,
			       "nesting deeper than %zu levels",
			       c->lim->max_depth);
		return 0;
	}
	v = parsed_value(c, t);
	if (!add_value(c, v))
		return 0;
	c->stack[c->depth++] = v;
	return 1;
}

static int cb_start_map(void *ctx)
{
	return open_container(ctx, HEAL_JSON_OBJECT);
}

static int cb_start_array(void *ctx)
{
	return open_container(ctx, HEAL_JSON_ARRAY);
}

static int cb_end(void *ctx)
{
	struct parse_ctx *c = ctx;

	c->depth--;
	return 1;
}

static const yajl_callbacks callbacks = {
	.yajl_null = cb_null,
	.yajl_boolean = cb_boolean,
	.yajl_number = cb_number,
	.yajl_string = cb_string,
	.yajl_start_map = cb_start_map,
	.yajl_map_key = cb_map_key,
	.yajl_end_map = cb_end,
	.yajl_start_array = cb_start_array,
	.yajl_end_array = cb_end,
};

/* yajl's own message, flattened to one line. */
static void yajl_message(yajl_handle h, const char *data, size_t len,
			 struct heal_error *err)
{
	unsigned char *m = yajl_get_error(h, 0, (const unsigned char *)data,
					  len);
	char *p;

	if (!err) {
		/* a caller that asked for no message */
		if (m)
			yajl_free_error(h, m);
		return;
	}
	heal_error_set(err, HEAL_ERR_INPUT, "invalid JSON: %s",
		       m ? (const char *)m : "parse error");
	for (p = err->msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	while (p > err->msg && p[-1] == ' ')
		*--p = '\0';
	if (m)
		yajl_free_error(h, m);
}

static struct heal_json *parse(const char *data, size_t len,
			       const struct heal_json_limits *lim,
			       struct heal_json_arena *arena,
			       struct heal_error *err)
{
	struct heal_json_limits dflt;
	struct parse_ctx c = { 0 };
	yajl_handle h;
	yajl_status st;
	size_t consumed;

	if (!lim) {
		heal_json_limits_default(&dflt);
		lim = &dflt;
	}
	c.lim = lim;
	c.err = err;
	c.arena = arena;
	c.stack = heal_calloc(lim->max_depth + 1, sizeof(*c.stack));
	h = yajl_alloc(&callbacks, NULL, &c);
	if (!h) {
		free(c.stack);
		heal_error_set(err, HEAL_ERR_NOMEM, "out of memory");
		return NULL;
	}
	st = yajl_parse(h, (const unsigned char *)data, len);
	consumed = yajl_get_bytes_consumed(h);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(h);
	if (st == yajl_status_ok && !c.root) {
		heal_error_set(err, HEAL_ERR_INPUT, "invalid JSON: no value");
		st = yajl_status_error;
	} else if (st == yajl_status_error) {
		yajl_message(h, data, len, err);
		heal_error_prefix(err, "byte %zu", consumed + 1);
		/* keep the offset after the reason: "invalid JSON: ... at byte N" */
	} else if (st == yajl_status_client_canceled) {
		heal_error_prefix(err, "byte %zu", consumed + 1);
	}
	yajl_free(h);
	if (!arena)
		free(c.key);
	free(c.stack);
	if (st != yajl_status_ok) {
		heal_json_free(c.root);
		return NULL;
	}
	return c.root;
}

int heal_json_skip_space(const char *data, size_t len, size_t *off)
{
	size_t i = *off;

	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' ||
			   data[i] == '\r'))
		i++;
	*off = i;
	return i < len ? (unsigned char)data[i] : -1;
}

/*
 * The structural bytes of a skim: a quote, a backslash and the brackets.
 * A mask of those among data[i..i+16) (SSE2), or of the one at i.
 */
#if defined(__SSE2__)
#include <emmintrin.h>
#define SKIP_STRIDE 16

static unsigned skip_mask(const char *data, size_t i)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(data + i));
	__m128i m = _mm_or_si128(
		_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
			     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
		_mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('{')),
				     _mm_cmpeq_epi8(v, _mm_set1_epi8('}'))),
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('[')),
				     _mm_cmpeq_epi8(v, _mm_set1_epi8(']')))));

	return (unsigned)_mm_movemask_epi8(m);
}
#else
#define SKIP_STRIDE 1

static unsigned skip_mask(const char *data, size_t i)
{
	return data[i] && strchr("\"\\{}[]", data[i]) ? 1u : 0u;
}
#endif

int heal_json_skip(const char *data, size_t len, size_t *off, size_t max_depth)
{
	char stack[HEAL_JSON_DEPTH_DEFAULT];
	size_t i = *off, depth = 0, esc_end = 0, base;
	bool in_str = false;
	int c = heal_json_skip_space(data, len, &i);

	if (max_depth > sizeof(stack))
		max_depth = sizeof(stack);
	if (c < 0)
		return -1;
	if (c != '"' && c != '{' && c != '[') {
		/* a number or a literal: up to the next delimiter */
		size_t s = i;

		while (i < len && !strchr(",]}: \t\r\n\"{[", data[i]))
			i++;
		if (i == s)
			return -1;
		*off = i;
		return 0;
	}
	for (base = i; base < len; base += SKIP_STRIDE) {
		unsigned m;

		if (base + SKIP_STRIDE <= len) {
			m = skip_mask(data, base);
		} else {
			/* the tail, a byte at a time */
			size_t k;

			for (m = 0, k = base; k < len; k++)
				if (data[k] && strchr("\"\\{}[]", data[k]))
					m |= 1u << (k - base);
		}
		while (m) {
			size_t k = base + (size_t)__builtin_ctz(m);

			m &= m - 1;
			if (k < esc_end)
				continue;       /* the byte after a backslash */
			c = (unsigned char)data[k];
			if (in_str) {
				if (c == '\\')
					esc_end = k + 2;
				else if (c == '"') {
					in_str = false;
					if (!depth) {
						*off = k + 1;
						return 0;
					}
				}
				continue;
			}
			if (c == '"') {
				in_str = true;
			} else if (c == '{' || c == '[') {
				if (depth == max_depth)
					return -1;
				stack[depth++] = c == '{' ? '}' : ']';
			} else if (c == '}' || c == ']') {
				if (!depth || stack[depth - 1] != c)
					return -1;
				if (--depth == 0) {
					*off = k + 1;
					return 0;
				}
			} else {
				return -1;      /* a backslash outside a string */
			}
		}
	}
	return -1;
}

struct heal_json *heal_json_parse(const char *data, size_t len,
				  const struct heal_json_limits *lim,
				  struct heal_error *err)
{
	return parse(data, len, lim, NULL, err);
}

struct heal_json *heal_json_parse_frozen(const char *data, size_t len,
					 const struct heal_json_limits *lim,
					 struct heal_json_arena **arena,
					 struct heal_error *err)
{
	struct heal_json_arena *a = heal_json_arena_new();
	struct heal_json *v = parse(data, len, lim, a, err);

	if (!v) {
		heal_json_arena_free(a);
		a = NULL;
	}
	*arena = a;
	return v;
}

/* ---- serialization ----------------------------------------------------- */

/* The bytes a JSON string holds as they are: printable ASCII but '"' and
 * the backslash (the rest is escaped or checked as UTF-8). */
static const unsigned char json_plain[256] = {
	[0x20 ... 0x21] = 1, [0x23 ... 0x5b] = 1, [0x5d ... 0x7e] = 1,
};

/*
 * Whether the eight bytes at p may hold one that is not plain: a control
 * byte, '"', the backslash, DEL or a byte of UTF-8 (never a false "no";
 * a "yes" sends them through the table).
 */
static inline bool word_special(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101ull, highs = ones * 0x80;
	uint64_t w;

	/* a byte below 0x20, or a zero byte of w ^ c, sets the high bit of
	 * the first such byte in w - 0x20.., (w ^ c) - 0x01.. (no borrow
	 * reaches it from below); a byte of UTF-8 has it set already */
	memcpy(&w, p, 8);
	return (((w - ones * 0x20) | ((w ^ ones * '"') - ones) |
		 ((w ^ ones * '\\') - ones) | ((w ^ ones * 0x7f) - ones) | w) &
		highs) != 0;
}

int heal_json_quote(struct heal_buf *out, const char *s, size_t len,
		    struct heal_error *err)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run;
	char esc[8];

	if (heal_buf_addc(out, '"', err) < 0)
		return -1;
	while (i < len) {
		/* copy the longest run of bytes that need no escaping: eight
		 * at a time while a word holds none that does */
		run = i;
		while (len - run >= 8 && !word_special(p + run))
			run += 8;
		while (run < len && json_plain[p[run]])
			run++;
		if (run > i && heal_buf_add(out, s + i, run - i, err) < 0)
			return -1;
		i = run;
		if (i >= len)
			break;
		if (p[i] < 0x80) {
			const char *e = NULL;

			switch (p[i]) {
			case '"': e = "\\\""; break;
			case '\\': e = "\\\\"; break;
			case '\n': e = "\\n"; break;
			case '\r': e = "\\r"; break;
			case '\t': e = "\\t"; break;
			case '\b': e = "\\b"; break;
			case '\f': e = "\\f"; break;
			default:
				esc[0] = '\\';
				esc[1] = 'u';
				esc[2] = '0';
				esc[3] = '0';
				esc[4] = hex[p[i] >> 4];
				esc[5] = hex[p[i] & 15];
				esc[6] = '\0';
				e = esc;
			}
			if (heal_buf_adds(out, e, err) < 0)
				return -1;
			i++;
		} else {
			uint32_t cp;
			size_t k = heal_utf8_decode(p + i, len - i, &cp);

			if (!k) {
				if (heal_buf_adds(out, "\\ufffd", err) < 0)
					return -1;
				i++;
			} else if (cp == 0x2028 || cp == 0x2029) {
				if (heal_buf_adds(out, cp == 0x2028 ? "\\u2028"
						  : "\\u2029", err) < 0)
					return -1;
				i += k;
			} else {
				if (heal_buf_add(out, s + i, k, err) < 0)
					return -1;
				i += k;
			}
		}
	}
	return heal_buf_addc(out, '"', err);
}

int heal_json_serialize(struct heal_buf *out, const struct heal_json *v,
			struct heal_error *err)
{
	size_t i;

	switch (v->type) {
	case HEAL_JSON_NULL:
		return heal_buf_adds(out, "null", err);
	case HEAL_JSON_FALSE:
		return heal_buf_adds(out, "false", err);
	case HEAL_JSON_TRUE:
		return heal_buf_adds(out, "true", err);
	case HEAL_JSON_NUMBER:
		return heal_buf_add(out, v->u.str.s, v->u.str.len, err);
	case HEAL_JSON_STRING:
		return heal_json_quote(out, v->u.str.s, v->u.str.len, err);
	case HEAL_JSON_ARRAY:
		if (heal_buf_addc(out, '[', err) < 0)
			return -1;
		for (i = 0; i < v->u.arr.n; i++) {
			if (i && heal_buf_addc(out, ',', err) < 0)
				return -1;
			if (heal_json_serialize(out, v->u.arr.v[i], err) < 0)
				return -1;
		}
		return heal_buf_addc(out, ']', err);
	case HEAL_JSON_OBJECT:
		if (heal_buf_addc(out, '{', err) < 0)
			return -1;
		for (i = 0; i < v->u.obj.n; i++) {
			const struct heal_json_member *m = &v->u.obj.m[i];

			if (i && heal_buf_addc(out, ',', err) < 0)
				return -1;
			if (heal_json_quote(out, m->key, m->keylen, err) < 0 ||
			    heal_buf_addc(out, ':', err) < 0 ||
			    heal_json_serialize(out, m->val, err) < 0)
				return -1;
		}
		return heal_buf_addc(out, '}', err);
	}
	return heal_error_set(err, HEAL_ERR_INTERNAL, "bad JSON value type");
}
