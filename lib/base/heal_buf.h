/*
 * heal_buf.h - a bounded, growable byte buffer.
 *
 * Every buffer has a maximum size fixed at init; an append that would pass
 * it fails with HEAL_ERR_LIMIT and leaves the buffer as it was.  The
 * contents are always NUL-terminated (the NUL is not counted in len), so
 * text can be used as a C string when it holds no NUL of its own.
 */
#ifndef HEAL_BUF_H
#define HEAL_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "heal_error.h"

struct heal_buf {
	char *data;     /* owned; NULL until the first append */
	size_t len;
	size_t cap;
	size_t max;     /* largest len allowed */
};

/* Caller-owned storage; max is the largest length the buffer may reach. */
void heal_buf_init(struct heal_buf *b, size_t max);
/* Free the contents; the buffer may be used again after heal_buf_init. */
void heal_buf_release(struct heal_buf *b);
/* Empty the buffer, keeping its allocation. */
void heal_buf_reset(struct heal_buf *b);

int heal_buf_add(struct heal_buf *b, const void *data, size_t len,
		 struct heal_error *err);
int heal_buf_addc(struct heal_buf *b, char c, struct heal_error *err);
int heal_buf_adds(struct heal_buf *b, const char *s, struct heal_error *err);
int heal_buf_addf(struct heal_buf *b, struct heal_error *err,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int heal_buf_vaddf(struct heal_buf *b, struct heal_error *err,
		   const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
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
