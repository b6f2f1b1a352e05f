/*
 * heal_hash.h - a fast 64-bit hash of bytes, for keys that live in one
 * process only (a table's slots, a memo's): eight bytes a step.  Not for
 * anything stored or compared across runs (heal_sha256.h is).
 */
#ifndef HEAL_HASH_H
#define HEAL_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The hash of s[0..n), continuing h (a seed, or an earlier part's hash). */
static inline uint64_t heal_hash_bytes(const char *s, size_t n, uint64_t h)
{
	uint64_t w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x9E3779B97F4A7C15ull;
		h ^= h >> 29;
	}
	w = n;
	while (n--)
		w = w << 8 | (unsigned char)s[n];
	h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
	return h ^ (h >> 31);
}

#endif
