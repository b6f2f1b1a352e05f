/*
 * heal_utf8.h - UTF-8 decoding used by every layer that inspects text.
 */
#ifndef HEAL_UTF8_H
#define HEAL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Length of the well-formed UTF-8 sequence at s[0..n) (1 to 4), storing
 * its code point in *cp when cp is not NULL; 0 when the bytes there are
 * not a well-formed sequence (stray continuation bytes, overlong forms,
 * surrogates, code points above U+10FFFF, truncated sequences).
 */
size_t heal_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Whether all of s[0..n) is well-formed UTF-8. */
bool heal_utf8_valid(const char *s, size_t n);

/* Encode cp (<= U+10FFFF, not a surrogate) into out[4]; returns bytes. */
size_t heal_utf8_encode(uint32_t cp, char out[4]);

#endif
