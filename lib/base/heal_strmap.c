#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_strmap.h"

void heal_strmap_init(struct heal_strmap *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->n = 0;
}

void heal_strmap_release(struct heal_strmap *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	heal_strmap_init(m);
}

static uint64_t hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static struct heal_strmap_slot *find(const struct heal_strmap *m,
				     const char *key, size_t len)
{
	size_t i;

	if (!m->cap)
		return NULL;
	for (i = (size_t)hash(key, len) & (m->cap - 1);;
	     i = (i + 1) & (m->cap - 1)) {
		struct heal_strmap_slot *s = &m->slots[i];

		if (!s->key)
			return s;
		if (s->len == len && memcmp(s->key, key, len) == 0)
			return s;
	}
}

static void grow(struct heal_strmap *m)
{
	struct heal_strmap_slot *old = m->slots;
	size_t oldcap = m->cap, i;

	m->cap = oldcap ? oldcap * 2 : 16;
	m->slots = heal_calloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < oldcap; i++)
		if (old[i].key)
			*find(m, old[i].key, old[i].len) = old[i];
	free(old);
}

bool heal_strmap_get(const struct heal_strmap *m, const char *key,
		     size_t len, size_t *val)
{
	const struct heal_strmap_slot *s = find(m, key, len);

	if (!s || !s->key)
		return false;
	if (val)
		*val = s->val;
	return true;
}

bool heal_strmap_put(struct heal_strmap *m, const char *key, size_t len,
		     size_t val, size_t *val_out)
{
	struct heal_strmap_slot *s;

	/* keep the load factor under 1/2 so probes stay short */
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	s = find(m, key, len);
	if (s->key) {
		if (val_out)
			*val_out = s->val;
		return false;
	}
	s->key = heal_strndup(key, len);
	s->len = len;
	s->val = val;
	m->n++;
	if (val_out)
		*val_out = val;
	return true;
}
