#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_json_int.h"
#include "heal_json_pack.h"

#define MAGIC "HEALJPK4"
#define MAGIC_LEN 8
/* written as a native u32: a pack of the other byte order reads as none */
#define ORDER 0x01020304u
#define HEAD_LEN (MAGIC_LEN + 8)
#ifndef MAP_POPULATE
#define MAP_POPULATE 0
#endif
/* packs are small (heal's own data); this caps what a damaged one asks */
#define PACK_MAX ((size_t)64 << 20)

/* An entry: fourteen u32s (the source's modification time, seconds and
 * nanoseconds, E_MTIME_NS past 999999999 when none was recorded). */
enum {
	E_NAME_OFF, E_NAME_LEN, E_SRC_LEN, E_HASH_LO, E_HASH_HI, E_TREE_OFF,
	E_TREE_LEN, E_VALUES, E_ITEMS, E_MEMBERS, E_CHUNKS, E_MTIME_LO,
	E_MTIME_HI, E_MTIME_NS, E_COUNT
};
#define NO_MTIME UINT32_MAX
#define ENTRY_LEN (E_COUNT * 4)

/* The 128-bit product of a and b, folded to 64 bits (wyhash's "mum"). */
static inline uint64_t mum(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/* One multiplication a 16 bytes, after wyhash: a pattern file's bytes are
 * hashed at every start, so this is a tenth of a byte-wise hash's cost. */
uint64_t heal_json_pack_hash(const void *data, size_t len)
{
	static const uint64_t k0 = 0xa0761d6478bd642full,
			      k1 = 0xe7037ed1a0b428dbull,
			      k2 = 0x8ebc6af09c88c6e3ull;
	const unsigned char *p = data;
	uint64_t h = k0 ^ (uint64_t)len, a, b;
	size_t i;

	for (i = 0; i + 16 <= len; i += 16) {
		memcpy(&a, p + i, 8);
		memcpy(&b, p + i + 8, 8);
		h = mum(a ^ k1, b ^ h);
	}
	a = b = 0;
	if (len - i > 8) {
		memcpy(&a, p + i, 8);
		memcpy(&b, p + i + 8, len - i - 8);
	} else {
		memcpy(&a, p + i, len - i);
	}
	return mum(mum(a ^ k1, b ^ h) ^ k2, (uint64_t)len ^ k1);
}

/* ---- writing ------------------------------------------------------------ */

struct counts {
	uint64_t values, items, members, chunks;
};

static void put32(struct heal_buf *b, uint32_t v)
{
	heal_buf_put(b, &v, 4);
}

/* A text and a NUL after it: the document read back points at it. */
static void put_text(struct heal_buf *b, const char *s, size_t len)
{
	put32(b, (uint32_t)len);
	heal_buf_put(b, s, len);
	heal_buf_put(b, "", 1);
}

static void encode(struct heal_buf *b, struct counts *c,
		   const struct heal_json *v)
{
	unsigned char t = (unsigned char)v->type;
	size_t i;

	heal_buf_put(b, &t, 1);
	c->values++;
	switch (v->type) {
	case HEAL_JSON_NUMBER:
	case HEAL_JSON_STRING:
		put_text(b, v->u.str.s, v->u.str.len);
		break;
	case HEAL_JSON_ARRAY:
		put32(b, (uint32_t)v->u.arr.n);
		c->items += v->u.arr.n;
		c->chunks++;
		for (i = 0; i < v->u.arr.n; i++)
			encode(b, c, v->u.arr.v[i]);
		break;
	case HEAL_JSON_OBJECT:
		put32(b, (uint32_t)v->u.obj.n);
		c->members += v->u.obj.n;
		c->chunks++;
		for (i = 0; i < v->u.obj.n; i++) {
			put_text(b, v->u.obj.m[i].key, v->u.obj.m[i].keylen);
			encode(b, c, v->u.obj.m[i].val);
		}
		break;
	default:
		break;
	}
}

void heal_json_pack_writer_init(struct heal_json_pack_writer *w)
{
	heal_buf_init(&w->index, UINT32_MAX);
	heal_buf_init(&w->names, UINT32_MAX);
	heal_buf_init(&w->trees, UINT32_MAX);
	w->n = 0;
}

void heal_json_pack_writer_release(struct heal_json_pack_writer *w)
{
	heal_buf_release(&w->index);
	heal_buf_release(&w->names);
	heal_buf_release(&w->trees);
	w->n = 0;
}

int heal_json_pack_writer_add(struct heal_json_pack_writer *w, const char *name,
			      const char *data, size_t len,
			      const struct timespec *mtime,
			      const struct heal_json *doc,
			      struct heal_error *err)
{
	struct counts c = { 0 };
	size_t start = w->trees.len, nlen = strlen(name);
	uint64_t hash = heal_json_pack_hash(data, len);
	uint32_t e[E_COUNT];

	encode(&w->trees, &c, doc);
	if (len > UINT32_MAX || w->trees.len >= PACK_MAX / 2 ||
	    w->names.len + nlen >= PACK_MAX / 4 || c.values > UINT32_MAX) {
		w->trees.len = start;
		return heal_error_set(err, HEAL_ERR_LIMIT,
				      "%s: too large for a pack", name);
	}
	e[E_NAME_OFF] = (uint32_t)w->names.len;
	e[E_NAME_LEN] = (uint32_t)nlen;
	e[E_SRC_LEN] = (uint32_t)len;
	e[E_HASH_LO] = (uint32_t)hash;
	e[E_HASH_HI] = (uint32_t)(hash >> 32);
	e[E_TREE_OFF] = (uint32_t)start;
	e[E_TREE_LEN] = (uint32_t)(w->trees.len - start);
	e[E_VALUES] = (uint32_t)c.values;
	e[E_ITEMS] = (uint32_t)c.items;
	e[E_MEMBERS] = (uint32_t)c.members;
	e[E_CHUNKS] = (uint32_t)c.chunks;
	e[E_MTIME_LO] = e[E_MTIME_HI] = 0;
	e[E_MTIME_NS] = NO_MTIME;
	if (mtime && mtime->tv_nsec >= 0 && mtime->tv_nsec < 1000000000) {
		e[E_MTIME_LO] = (uint32_t)(uint64_t)mtime->tv_sec;
		e[E_MTIME_HI] = (uint32_t)((uint64_t)mtime->tv_sec >> 32);
		e[E_MTIME_NS] = (uint32_t)mtime->tv_nsec;
	}
	heal_buf_put(&w->names, name, nlen);
	heal_buf_put(&w->index, e, sizeof(e));
	w->n++;
	return 0;
}

int heal_json_pack_writer_finish(struct heal_json_pack_writer *w,
				 struct heal_buf *out, struct heal_error *err)
{
	uint32_t head[2] = { ORDER, w->n };
	size_t names = HEAD_LEN + w->index.len, trees = names + w->names.len;
	size_t i;

	/* offsets in the entries become offsets in the file */
	for (i = 0; i < w->n; i++) {
		uint32_t *e = (uint32_t *)(void *)(w->index.data +
						   i * ENTRY_LEN);

		e[E_NAME_OFF] += (uint32_t)names;
		e[E_TREE_OFF] += (uint32_t)trees;
	}
	if (heal_buf_add(out, MAGIC, MAGIC_LEN, err) < 0 ||
	    heal_buf_add(out, head, sizeof(head), err) < 0 ||
	    heal_buf_add(out, w->index.data, w->index.len, err) < 0 ||
	    heal_buf_add(out, w->names.data, w->names.len, err) < 0 ||
	    heal_buf_add(out, w->trees.data, w->trees.len, err) < 0)
		return -1;
	return 0;
}

/* ---- reading ------------------------------------------------------------ */

/*
 * Where the documents a pack gives are read back to: one mapping, made at
 * the first get, large enough for every entry's tree at once.  A start
 * reads back every pattern file's (some 600 KB of values): in an arena a
 * document, each block was malloc'd and then faulted in a page at a time,
 * a third of heal-detect's start-up page faults; in one mapping, advised
 * as a huge page where the kernel has them, it is one fault.
 */
struct pack_room {
	char *base;                   /* the mapping, or NULL (none yet, or
					 it failed: documents get arenas) */
	size_t map_len;
	size_t used, len;             /* of base's usable part */
	bool tried;
};

struct heal_json_pack {
	char *data;
	size_t len;
	uint32_t n;
	bool mapped;                  /* data is the file's mapping */
	size_t need;                  /* every entry's tree read back */
	struct pack_room *room;
};

/* The arena room entry e's tree takes read back: at most what its values
 * and their arrays take, each padded (the texts stay in the pack); 0 when
 * its counts are past what its tree can hold, a damaged entry's (a tree
 * holds at least a byte a value and an item, five a member: a key's
 * length and NUL), which must not make a large arena. */
static size_t entry_need(const uint32_t *e)
{
	const size_t a = HEAL_JSON_ARENA_ALIGN;

	if (e[E_VALUES] > e[E_TREE_LEN] || e[E_ITEMS] > e[E_TREE_LEN] ||
	    e[E_MEMBERS] > e[E_TREE_LEN] / 5 || e[E_CHUNKS] > e[E_TREE_LEN])
		return 0;
	return (size_t)e[E_VALUES] * sizeof(struct heal_json) +
	       (size_t)e[E_ITEMS] * sizeof(struct heal_json *) +
	       (size_t)e[E_MEMBERS] * sizeof(struct heal_json_member) +
	       (size_t)e[E_CHUNKS] * (a - 1);
}

#define HUGE_PAGE ((size_t)2 << 20)

/* The room's mapping, len bytes (a huge page's multiple, aligned to one,
 * when len is at least a quarter of one: the kernel backs an aligned,
 * advised range with huge pages where it can, and faults in small pages
 * where it cannot). */
static void room_map(struct pack_room *r, size_t len)
{
	size_t map_len = len, lead = 0;
	char *m;

	r->tried = true;
	if (len >= HUGE_PAGE / 4)
		map_len = (len + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE +
			  HUGE_PAGE;
	m = mmap(NULL, map_len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return;
	if (map_len != len) {
		/* keep the aligned huge pages, unmap the rest around them */
		lead = (size_t)-(uintptr_t)m & (HUGE_PAGE - 1);
		if (lead)
			munmap(m, lead);
		map_len -= HUGE_PAGE;
		munmap(m + lead + map_len, HUGE_PAGE - lead);
		m += lead;
#ifdef MADV_HUGEPAGE
		madvise(m, map_len, MADV_HUGEPAGE);
#endif
	}
	r->base = m;
	r->map_len = map_len;
	r->len = len;
}

/* n bytes of the room, or NULL (take an arena). */
static char *room_take(struct pack_room *r, size_t need, size_t n)
{
	char *m;

	if (!r->tried)
		room_map(r, need);
	if (!r->base || r->len - r->used < n)
		return NULL;
	m = r->base + r->used;
	r->used += (n + HEAL_JSON_ARENA_ALIGN - 1) & ~(HEAL_JSON_ARENA_ALIGN - 1);
	if (r->used > r->len)
		r->used = r->len;
	return m;
}

static void data_free(char *data, size_t len, bool mapped)
{
	if (mapped)
		munmap(data, len);
	else
		free(data);
}

/* A pack of data[0..len), which it takes (freed or unmapped with it), or
 * NULL (data freed). */
static struct heal_json_pack *pack_take(char *data, size_t len, bool mapped)
{
	struct heal_json_pack *p;
	uint32_t head[2];
	size_t i;

	if (len < HEAD_LEN || len > PACK_MAX ||
	    memcmp(data, MAGIC, MAGIC_LEN) != 0)
		goto bad;
	memcpy(head, data + MAGIC_LEN, sizeof(head));
	if (head[0] != ORDER || head[1] > (len - HEAD_LEN) / ENTRY_LEN)
		goto bad;
	/* every name and tree inside the file: get need not check again */
	for (i = 0; i < head[1]; i++) {
		uint32_t e[E_COUNT];

		memcpy(e, data + HEAD_LEN + i * ENTRY_LEN, sizeof(e));
		if (e[E_NAME_OFF] > len ||
		    e[E_NAME_LEN] > len - e[E_NAME_OFF] ||
		    e[E_TREE_OFF] > len || e[E_TREE_LEN] > len - e[E_TREE_OFF])
			goto bad;
	}
	p = heal_malloc(sizeof(*p));
	p->data = data;
	p->len = len;
	p->n = head[1];
	p->mapped = mapped;
	p->need = 0;
	for (i = 0; i < head[1]; i++) {
		uint32_t e[E_COUNT];

		memcpy(e, data + HEAD_LEN + i * ENTRY_LEN, sizeof(e));
		if (entry_need(e) <= PACK_MAX)
			p->need += entry_need(e) + HEAL_JSON_ARENA_ALIGN;
	}
	if (p->need > PACK_MAX)
		p->need = PACK_MAX;
	p->room = heal_calloc(1, sizeof(*p->room));
	return p;
bad:
	data_free(data, len, mapped);
	return NULL;
}

struct heal_json_pack *heal_json_pack_from(const char *data, size_t len)
{
	char *copy = heal_malloc(len ? len : 1);

	if (len)
		memcpy(copy, data, len);
	return pack_take(copy, len, false);
}

struct heal_json_pack *heal_json_pack_open(const char *path)
{
	struct stat st;
	char *data;
	size_t got = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < HEAD_LEN || (uint64_t)st.st_size > PACK_MAX) {
		close(fd);
		return NULL;
	}
	/*
	 * Mapped, its pages at once: a start reads most of it, and on a VM a
	 * page fault (of a buffer read() fills) costs tens of microseconds,
	 * a hundred of them a start.  The pack is replaced by a rename, never
	 * rewritten in place.
	 */
	data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE,
		    fd, 0);
	if (data != MAP_FAILED) {
		close(fd);
		return pack_take(data, (size_t)st.st_size, true);
	}
	data = heal_malloc((size_t)st.st_size);
	while (got < (size_t)st.st_size) {
		n = read(fd, data + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got != (size_t)st.st_size) {
		free(data);
		return NULL;
	}
	return pack_take(data, got, false);
}

void heal_json_pack_free(struct heal_json_pack *p)
{
	if (!p)
		return;
	data_free(p->data, p->len, p->mapped);
	if (p->room->base)
		munmap(p->room->base, p->room->map_len);
	free(p->room);
	free(p);
}

/* A tree being read back: its bytes and the arena room its values take. */
struct reader {
	const unsigned char *p, *end;
	char *m, *mend;
};

static bool get32(struct reader *r, uint32_t *v)
{
	if (r->end - r->p < 4)
		return false;
	memcpy(v, r->p, 4);
	r->p += 4;
	return true;
}

static void *room(struct reader *r, size_t n)
{
	size_t pad = (size_t)-(uintptr_t)r->m & (HEAL_JSON_ARENA_ALIGN - 1);
	char *m;

	if ((size_t)(r->mend - r->m) < pad ||
	    (size_t)(r->mend - r->m) - pad < n)
		return NULL;
	m = r->m + pad;
	r->m = m + n;
	return m;
}

/* A text of the tree: its length and where its bytes are (a NUL after
 * them). */
static bool get_text(struct reader *r, const unsigned char **s, uint32_t *len)
{
	if (!get32(r, len) || (size_t)(r->end - r->p) <= *len || r->p[*len])
		return false;
	*s = r->p;
	r->p += *len + 1;
	return true;
}

static struct heal_json *read_value(struct reader *r, unsigned depth)
{
	struct heal_json *v;
	const unsigned char *s;
	uint32_t n, i;
	unsigned char t;

	if (r->p >= r->end || *r->p > HEAL_JSON_OBJECT)
		return NULL;
	t = *r->p++;
	switch ((enum heal_json_type)t) {
	case HEAL_JSON_NUMBER:
	case HEAL_JSON_STRING:
		if (!get_text(r, &s, &n) || !(v = room(r, sizeof(*v))))
			return NULL;
		memset(v, 0, sizeof(*v));
		v->type = (enum heal_json_type)t;
		/* read-only, as every value of a frozen document */
		v->u.str.s = (char *)(uintptr_t)s;
		v->u.str.len = n;
		break;
	case HEAL_JSON_ARRAY:
		if (depth >= HEAL_JSON_DEPTH_DEFAULT || !get32(r, &n) ||
		    n > (size_t)(r->end - r->p) || !(v = room(r, sizeof(*v))))
			return NULL;
		memset(v, 0, sizeof(*v));
		v->type = HEAL_JSON_ARRAY;
		if (n && !(v->u.arr.v = room(r, n * sizeof(*v->u.arr.v))))
			return NULL;
		for (i = 0; i < n; i++)
			if (!(v->u.arr.v[i] = read_value(r, depth + 1)))
				return NULL;
		v->u.arr.n = v->u.arr.cap = n;
		break;
	case HEAL_JSON_OBJECT:
		if (depth >= HEAL_JSON_DEPTH_DEFAULT || !get32(r, &n) ||
		    n > (size_t)(r->end - r->p) || !(v = room(r, sizeof(*v))))
			return NULL;
		memset(v, 0, sizeof(*v));
		v->type = HEAL_JSON_OBJECT;
		if (n && !(v->u.obj.m = room(r, n * sizeof(*v->u.obj.m))))
			return NULL;
		for (i = 0; i < n; i++) {
			struct heal_json_member *m = &v->u.obj.m[i];
			uint32_t klen;

			if (!get_text(r, &s, &klen))
				return NULL;
			m->key = (char *)(uintptr_t)s;
			m->keylen = klen;
			if (!(m->val = read_value(r, depth + 1)))
				return NULL;
		}
		v->u.obj.n = v->u.obj.cap = n;
		break;
	default:
		if (!(v = room(r, sizeof(*v))))
			return NULL;
		memset(v, 0, sizeof(*v));
		v->type = (enum heal_json_type)t;
		break;
	}
	v->frozen = true;
	return v;
}

/* The entry named name of a source of len bytes, in e; false when p has
 * none. */
static bool find_entry(const struct heal_json_pack *p, const char *name,
		       size_t len, uint32_t *e)
{
	size_t nlen = strlen(name), i;

	if (!p)
		return false;
	for (i = 0; i < p->n; i++) {
		memcpy(e, p->data + HEAD_LEN + i * ENTRY_LEN, ENTRY_LEN);
		if (e[E_NAME_LEN] == nlen && e[E_SRC_LEN] == len &&
		    memcmp(p->data + e[E_NAME_OFF], name, nlen) == 0)
			return true;
	}
	return false;
}

/* Entry e's tree read back (its arena then *arena), or NULL. */
static struct heal_json *read_tree(const struct heal_json_pack *p,
				   const uint32_t *e,
				   struct heal_json_arena **arena)
{
	size_t need = entry_need(e), used;
	struct reader r;
	struct heal_json *v;
	bool in_room;

	*arena = NULL;
	if (!need)
		return NULL;
	*arena = heal_json_arena_new();
	/* in the pack's room when it has it, an arena block of the
	 * document's own else */
	used = p->room->used;
	in_room = (r.m = room_take(p->room, p->need, need)) != NULL;
	if (!in_room)
		r.m = heal_json_arena_block(*arena, need);
	r.mend = r.m + need;
	r.p = (const unsigned char *)p->data + e[E_TREE_OFF];
	r.end = r.p + e[E_TREE_LEN];
	v = read_value(&r, 0);
	if (!v || r.p != r.end) {
		if (in_room)
			p->room->used = used;
		heal_json_arena_free(*arena);
		*arena = NULL;
		return NULL;
	}
	return v;
}

struct heal_json *heal_json_pack_get(const struct heal_json_pack *p,
				     const char *name, const char *data,
				     size_t len, struct heal_json_arena **arena)
{
	uint32_t e[E_COUNT];
	uint64_t hash;

	*arena = NULL;
	if (!find_entry(p, name, len, e))
		return NULL;
	hash = heal_json_pack_hash(data, len);
	if (e[E_HASH_LO] != (uint32_t)hash ||
	    e[E_HASH_HI] != (uint32_t)(hash >> 32))
		return NULL;
	return read_tree(p, e, arena);
}

struct heal_json *heal_json_pack_get_unread(const struct heal_json_pack *p,
					    const char *name, size_t len,
					    const struct timespec *mtime,
					    struct heal_json_arena **arena)
{
	uint32_t e[E_COUNT];

	*arena = NULL;
	if (!mtime || !find_entry(p, name, len, e) ||
	    e[E_MTIME_NS] == NO_MTIME ||
	    e[E_MTIME_NS] != (uint64_t)mtime->tv_nsec ||
	    e[E_MTIME_LO] != (uint32_t)(uint64_t)mtime->tv_sec ||
	    e[E_MTIME_HI] != (uint32_t)((uint64_t)mtime->tv_sec >> 32))
		return NULL;
	return read_tree(p, e, arena);
}
