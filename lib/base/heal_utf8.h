/*
 * heal_utf8.h - UTF-8 decoding used by every layer that inspects text.
 */
#ifndef HEAL_UTF8_H
#define HEAL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/*
 * Length of the well-formed UTF-8 sequence at s[0..n) (1 to 4), storing
 * its code point in *cp when cp is not NULL; 0 when the bytes there are
 * not a well-formed sequence (stray continuation bytes, overlong forms,
 * surrogates, code points above U+10FFFF, truncated sequences).
 */
size_t heal_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/*
 * The length of the run of ASCII bytes (below 0x80) that s[0..n) begins
 * with: n when all of it is ASCII.  Sixteen bytes a step where the
 * machine has SSE2.  Inline: the engine's scans call it once a line.
 */
static inline size_t heal_utf8_ascii_len(const char *s, size_t n)
{
	size_t i = 0;

#ifdef __SSE2__
	while (i + 32 <= n) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 16));

		if (_mm_movemask_epi8(_mm_or_si128(a, b)))
			break;
		i += 32;
	}
#endif
	while (i + 8 <= n) {
		uint64_t x;

		memcpy(&x, s + i, 8);
		if (x & 0x8080808080808080ull)
			break;
		i += 8;
	}
	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

/* Whether all of s[0..n) is well-formed UTF-8. */
bool heal_utf8_valid(const char *s, size_t n);

/* Encode cp (<= U+10FFFF, not a surrogate) into out[4]; returns bytes. */
size_t heal_utf8_encode(uint32_t cp, char out[4]);

#endif
