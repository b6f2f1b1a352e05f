/*
 * heal_detect_recmem.c - a record's memory.  A record's captured fields
 * are copies in the record's own memory (chunks it keeps), and a record
 * the engine is done with goes back to the engine's pool with its chunks
 * and its raw text's buffer, for the next record: a dense build log makes
 * tens of thousands of records, and a dozen malloc/free pairs each cost
 * more than the rest of their finishing once a second thread completes
 * records (glibc's arenas then lock, and the frees write memory the other
 * processor read last).
 *
 * Records are made and given back on the engine's thread only.
 */
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_detect_int.h"

/* The first chunk of a record's memory, and the most a pooled record
 * keeps of its chunks and of its raw text's buffer. */
#define CHUNK_FIRST 1024u
#define KEEP_MAX (16u << 10)
/* The most records the pool keeps (the reader's ring holds 1024), and
 * the most memory they keep in all. */
#define POOL_MAX 1280u
#define POOL_BYTES (4u << 20)

struct rec_chunk {
	struct rec_chunk *next;
	size_t cap, used;
	char data[];
};

static char *rec_alloc(struct rec *r, size_t n)
{
	struct rec_chunk *c = r->mem;
	char *p;

	if (!c || c->cap - c->used < n) {
		size_t cap = c ? 2 * c->cap : CHUNK_FIRST;

		while (cap < n)
			cap *= 2;
		c = heal_malloc(sizeof(*c) + cap);
		c->cap = cap;
		c->used = 0;
		c->next = r->mem;
		r->mem = c;
	}
	p = c->data + c->used;
	c->used += n;
	return p;
}

char *heal_detect_rec_strndup(struct rec *r, const char *s, size_t n)
{
	char *p = rec_alloc(r, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *heal_detect_rec_set(struct rec *r, enum heal_pfield f, const char *s,
			  size_t n)
{
	char *p = r->f[f];

	if (p && n < r->fcap[f]) {
		/* fits where the old value is (s may be a part of it) */
		memmove(p, s, n);
		p[n] = '\0';
		return p;
	}
	/* a field rewritten ever longer (a loop's locations) doubles its
	 * room: what it takes stays within twice the longest value */
	r->fcap[f] = r->fcap[f] * 2 > n + 1 ? r->fcap[f] * 2 : n + 1;
	p = rec_alloc(r, r->fcap[f]);
	memcpy(p, s, n);
	p[n] = '\0';
	r->f[f] = p;
	return p;
}

char *heal_detect_rec_sets(struct rec *r, enum heal_pfield f, const char *s)
{
	return heal_detect_rec_set(r, f, s, strlen(s));
}

/* A record as heal_detect_rec_new leaves it, keeping its memory. */
/* The memory a pooled record keeps. */
static size_t rec_kept(const struct rec *r)
{
	return sizeof(*r) + (r->mem ? sizeof(*r->mem) + r->mem->cap : 0) +
	       r->raw.cap + r->detail.cap;
}

static void rec_clear(struct rec *r, struct heal_detect *d)
{
	struct rec_chunk *mem = r->mem;
	struct heal_buf raw = r->raw, detail = r->detail;

	memset(r, 0, sizeof(*r));
	r->d = d;
	r->mem = mem;
	if (mem)
		mem->used = 0;
	r->raw = raw;
	r->detail = detail;
	heal_buf_reset(&r->raw);
	heal_buf_reset(&r->detail);
	r->cont_k = -1;
}

struct rec *heal_detect_rec_new(struct heal_detect *d,
				const struct heal_pattern_matcher *m)
{
	struct rec *r = d->pool;
	const char *up;

	if (r) {
		d->pool = r->pool_next;
		d->npool--;
		d->pool_bytes -= rec_kept(r);
		rec_clear(r, d);
	} else {
		r = heal_calloc(1, sizeof(*r));
		r->d = d;
		r->cont_k = -1;
		heal_buf_init(&r->raw, HEAL_DETECT_RAW_MAX + 1);
		heal_buf_init(&r->detail, HEAL_DETECT_RAW_MAX);
	}
	r->m = m;
	r->relayed = d->relay_pass;
	r->off0 = d->view && d->raw_line && d->view >= d->raw_line &&
		  d->view <= d->raw_line + d->raw_len ?
		  (size_t)(d->view - d->raw_line) : SIZE_MAX;
	/* the wrapper of the line it starts on: an indented or quoted paste's,
	 * which its other lines lose first (heal_detect_unwrap) */
	if (d->view) {
		size_t w = heal_detect_wrapper_len(d->view, d->view_len);

		if (w && w <= HEAL_DETECT_WRAP_MAX) {
			memcpy(r->wrap, d->view, w);
			r->wrap_len = (unsigned char)w;
		}
	}
	/* a diagnostic with its source line and caret, at once */
	heal_buf_reserve(&r->raw, 512);
	if (d->ndirs) {
		r->cwd = heal_detect_rec_strndup(r, d->dirs[d->ndirs - 1].path,
						 strlen(d->dirs[d->ndirs - 1].path));
		r->cwd_outside = d->dirs[d->ndirs - 1].outside;
		r->cwd_set = d->dirs[d->ndirs - 1].set;
		up = r->cwd_set ? strrchr(r->cwd, '/') : NULL;
		if (up)
			r->cwd_up = heal_detect_rec_strndup(r, r->cwd,
							    (size_t)(up - r->cwd));
	}
	r->truncated = d->line_truncated;
	r->locale = d->line_locale;
	r->charset = d->line_charset;
	return r;
}

static void rec_destroy(struct rec *r)
{
	struct rec_chunk *c, *next;

	for (c = r->mem; c; c = next) {
		next = c->next;
		free(c);
	}
	heal_buf_release(&r->raw);
	heal_buf_release(&r->detail);
	free(r);
}

void heal_detect_rec_free(struct rec *r)
{
	struct heal_detect *d;
	struct rec_chunk *c, *next;

	if (!r)
		return;
	heal_json_free(r->notes);
	heal_json_free(r->fixits);
	heal_json_free(r->stack);
	r->notes = r->fixits = r->stack = NULL;
	d = r->d;
	if (!d || d->npool >= POOL_MAX) {
		rec_destroy(r);
		return;
	}
	/* keep the newest chunk (the largest) unless it is large; a large
	 * raw text's buffer goes too */
	c = r->mem;
	if (c) {
		for (c = c->next; c; c = next) {
			next = c->next;
			free(c);
		}
		r->mem->next = NULL;
		if (r->mem->cap > KEEP_MAX) {
			free(r->mem);
			r->mem = NULL;
		}
	}
	if (r->raw.cap > KEEP_MAX)
		heal_buf_release(&r->raw);
	if (r->detail.cap > KEEP_MAX)
		heal_buf_release(&r->detail);
	if (d->pool_bytes + rec_kept(r) > POOL_BYTES) {
		rec_destroy(r);
		return;
	}
	d->pool_bytes += rec_kept(r);
	r->pool_next = d->pool;
	d->pool = r;
	d->npool++;
}

void heal_detect_rec_pool_release(struct heal_detect *d)
{
	while (d->pool) {
		struct rec *r = d->pool;

		d->pool = r->pool_next;
		rec_destroy(r);
	}
	d->npool = d->pool_bytes = 0;
}

struct rec *heal_detect_rec_clone(struct heal_detect *d, const struct rec *r)
{
	struct rec *c = heal_detect_rec_new(d, r->m);
	size_t i;

	for (i = 0; i < HEAL_PF_COUNT; i++)
		if (r->f[i])
			heal_detect_rec_sets(c, (enum heal_pfield)i, r->f[i]);
	heal_buf_put(&c->raw, r->raw.data ? r->raw.data : "", r->raw.len);
	heal_buf_put(&c->detail, r->detail.data ? r->detail.data : "",
		     r->detail.len);
	c->notes = r->notes ? heal_json_clone(r->notes) : NULL;
	c->fixits = r->fixits ? heal_json_clone(r->fixits) : NULL;
	c->stack = r->stack ? heal_json_clone(r->stack) : NULL;
	c->cwd = r->cwd ? heal_detect_rec_strndup(c, r->cwd, strlen(r->cwd)) : NULL;
	c->cwd_outside = r->cwd_outside;
	c->cwd_set = r->cwd_set;
	c->cwd_up = r->cwd_up ? heal_detect_rec_strndup(c, r->cwd_up, strlen(r->cwd_up)) : NULL;
	c->truncated = r->truncated;
	c->locale = r->locale;
	c->charset = r->charset;
	c->pipe_style = r->pipe_style;
	c->caret_style = r->caret_style;
	c->bare_frame = r->bare_frame;
	return c;
}

const char *heal_detect_rec_dir(const struct rec *r, const char *file)
{
	const char *base, *f = file;
	size_t n;

	if (!r->cwd || !r->cwd_set || !f)
		return r->cwd;
	while (f[0] == '.' && f[1] == '/')
		f += 2;
	base = strrchr(r->cwd, '/');
	base = base ? base + 1 : r->cwd;
	n = strlen(base);
	if (n == 0 || strncmp(f, base, n) != 0 || f[n] != '/')
		return r->cwd;
	return r->cwd_up;
}
