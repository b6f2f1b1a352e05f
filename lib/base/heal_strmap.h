/*
 * heal_strmap.h - a map from byte-string keys to indices.
 *
 * Used to find a record, a rule or an incident by its id in linear time:
 * the values are indices into an array the caller keeps.  Keys are copied;
 * they may hold any bytes.  Open addressing with FNV-1a hashing.
 */
#ifndef HEAL_STRMAP_H
#define HEAL_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct heal_strmap_slot {
	char *key;       /* owned; NULL: an empty slot */
	size_t len;
	size_t val;
};

struct heal_strmap {
	struct heal_strmap_slot *slots;
	size_t cap;      /* a power of two, or 0 */
	size_t n;
};

/* Caller-owned storage. */
void heal_strmap_init(struct heal_strmap *m);
/* Free the keys and the table; the map may be used again after init. */
void heal_strmap_release(struct heal_strmap *m);

/* Look key up: true and *val when present. */
bool heal_strmap_get(const struct heal_strmap *m, const char *key,
		     size_t len, size_t *val);
/*
 * Insert key with val unless it is present.  Returns true when it was
 * inserted, false when it was there already (*val_out then holds the
 * existing value).  val_out may be NULL.
 */
bool heal_strmap_put(struct heal_strmap *m, const char *key, size_t len,
		     size_t val, size_t *val_out);

#endif
