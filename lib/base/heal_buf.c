#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"

void heal_buf_init(struct heal_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->truncated = false;
}

void heal_buf_release(struct heal_buf *b)
{
	if (!b)
		return;
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void heal_buf_reset(struct heal_buf *b)
{
	b->len = 0;
	b->truncated = false;
	if (b->data)
		b->data[0] = '\0';
}

static int grow(struct heal_buf *b, size_t extra, struct heal_error *err)
{
	size_t need, cap;

	if (extra > b->max || b->len > b->max - extra)
		return heal_error_set(err, HEAL_ERR_LIMIT,
				      "buffer limit of %zu bytes exceeded",
				      b->max);
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > (size_t)-1 / 2 ? need : cap * 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	b->data = heal_realloc(b->data, cap);
	b->cap = cap;
	return 0;
}

void heal_buf_reserve(struct heal_buf *b, size_t n)
{
	if (n > b->max)
		n = b->max;
	if (n > b->len && n >= b->cap)
		(void)grow(b, n - b->len, NULL);
}

int heal_buf_add_grow(struct heal_buf *b, const void *data, size_t len,
		      struct heal_error *err)
{
	if (grow(b, len, err) < 0)
		return -1;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int heal_buf_adds(struct heal_buf *b, const char *s, struct heal_error *err)
{
	return heal_buf_add(b, s, strlen(s), err);
}

int heal_buf_vaddf(struct heal_buf *b, struct heal_error *err,
		   const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return heal_error_set(err, HEAL_ERR_INTERNAL, "bad format");
	if (grow(b, (size_t)n, err) < 0)
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int heal_buf_addf(struct heal_buf *b, struct heal_error *err,
		  const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = heal_buf_vaddf(b, err, fmt, ap);
	va_end(ap);
	return r;
}

void heal_buf_put(struct heal_buf *b, const void *data, size_t len)
{
	if (b->truncated || heal_buf_add(b, data, len, NULL) < 0)
		b->truncated = true;
}

void heal_buf_putc(struct heal_buf *b, char c)
{
	heal_buf_put(b, &c, 1);
}

void heal_buf_puts(struct heal_buf *b, const char *s)
{
	heal_buf_put(b, s, strlen(s));
}

void heal_buf_vputf(struct heal_buf *b, const char *fmt, va_list ap)
{
	if (b->truncated || heal_buf_vaddf(b, NULL, fmt, ap) < 0)
		b->truncated = true;
}

void heal_buf_putf(struct heal_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	heal_buf_vputf(b, fmt, ap);
	va_end(ap);
}

bool heal_buf_truncated(const struct heal_buf *b)
{
	return b->truncated;
}

void heal_buf_truncate(struct heal_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

const char *heal_buf_str(const struct heal_buf *b)
{
	return b->data ? b->data : "";
}

char *heal_buf_detach(struct heal_buf *b, size_t *len_out)
{
	char *p = b->data ? b->data : heal_strdup("");

	if (len_out)
		*len_out = b->len;
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->truncated = false;
	return p;
}
