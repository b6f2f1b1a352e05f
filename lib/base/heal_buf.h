/*
 * heal_buf.h - a bounded, growable byte buffer.
 *
 * Every buffer has a maximum size fixed at init (HEAL_BUF_UNBOUNDED for
 * one whose contents are bounded by what they are built from).  The
 * contents are always NUL-terminated (the NUL is not counted in len), so
 * text can be used as a C string when it holds no NUL of its own.
 *
 * Two ways to append, and no third:
 *   heal_buf_add*  fail with HEAL_ERR_LIMIT when the maximum would be
 *                  passed, leaving the buffer as it was; the compiler makes
 *                  every caller look at the result.
 *   heal_buf_put*  cannot fail.  When the maximum would be passed they
 *                  append nothing, now or later, and mark the buffer
 *                  truncated (heal_buf_truncated()): text that is cut is
 *                  cut at a piece's boundary, never with holes.  On an
 *                  unbounded buffer that never happens.
 */
#ifndef HEAL_BUF_H
#define HEAL_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "heal_error.h"

struct heal_buf {
	char *data;     /* owned; NULL until the first append */
	size_t len;
	size_t cap;
	size_t max;     /* largest len allowed */
	bool truncated; /* a put did not fit: nothing was appended since */
};

/* The maximum of a buffer whose size its sources bound. */
#define HEAL_BUF_UNBOUNDED ((size_t)-1 / 4)

/* Caller-owned storage; max is the largest length the buffer may reach. */
void heal_buf_init(struct heal_buf *b, size_t max);
/* Free the contents; the buffer may be used again after heal_buf_init. */
void heal_buf_release(struct heal_buf *b);
/* Empty the buffer (and clear truncated), keeping its allocation. */
void heal_buf_reset(struct heal_buf *b);
/* Allocate room for n bytes (at most the maximum) at once, where the
 * length to come is known or likely: no growth step by step from 64. */
void heal_buf_reserve(struct heal_buf *b, size_t n);

/* heal_buf_add's path when the bytes do not fit the allocation. */
__attribute__((warn_unused_result))
int heal_buf_add_grow(struct heal_buf *b, const void *data, size_t len,
		      struct heal_error *err);

/* Inline: the JSON writer appends a few bytes at a time, and nearly every
 * append fits (cap never passes max + 1, so fitting is within max). */
__attribute__((warn_unused_result))
static inline int heal_buf_add(struct heal_buf *b, const void *data,
			       size_t len, struct heal_error *err)
{
	if (b->cap - b->len > len) {
		if (len)
			memcpy(b->data + b->len, data, len);
		b->len += len;
		b->data[b->len] = '\0';
		return 0;
	}
	return heal_buf_add_grow(b, data, len, err);
}

__attribute__((warn_unused_result))
static inline int heal_buf_addc(struct heal_buf *b, char c,
				struct heal_error *err)
{
	if (b->cap - b->len > 1) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return 0;
	}
	return heal_buf_add_grow(b, &c, 1, err);
}
__attribute__((warn_unused_result))
int heal_buf_adds(struct heal_buf *b, const char *s, struct heal_error *err);
__attribute__((warn_unused_result))
int heal_buf_addf(struct heal_buf *b, struct heal_error *err,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));
__attribute__((warn_unused_result))
int heal_buf_vaddf(struct heal_buf *b, struct heal_error *err,
		   const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
/* Appends that cannot fail (see the top of this file). */
void heal_buf_put(struct heal_buf *b, const void *data, size_t len);
void heal_buf_putc(struct heal_buf *b, char c);
void heal_buf_puts(struct heal_buf *b, const char *s);
void heal_buf_putf(struct heal_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void heal_buf_vputf(struct heal_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Whether a put did not fit since the buffer was initialised or reset. */
bool heal_buf_truncated(const struct heal_buf *b);

/* Shorten to len (len <= b->len). */
void heal_buf_truncate(struct heal_buf *b, size_t len);

/* The contents as a C string ("" when empty); owned by the buffer. */
const char *heal_buf_str(const struct heal_buf *b);

/*
 * Hand the contents to the caller (free() them) and reset the buffer.
 * Never NULL: an empty buffer yields "".  *len_out may be NULL.
 */
char *heal_buf_detach(struct heal_buf *b, size_t *len_out);

#endif
