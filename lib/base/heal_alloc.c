#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"

static heal_oom_fn oom_handler;

void heal_alloc_set_oom_handler(heal_oom_fn fn)
{
	oom_handler = fn;
}

static void out_of_memory(size_t size)
{
	if (oom_handler)
		oom_handler(size);
	abort();
}

void *heal_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		out_of_memory(size);
	return p;
}

void *heal_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory(n * size);
	return p;
}

void *heal_realloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		out_of_memory(size);
	return q;
}

void *heal_reallocarray(void *p, size_t n, size_t elem)
{
	if (elem && n > SIZE_MAX / elem)
		out_of_memory(SIZE_MAX);
	return heal_realloc(p, n * elem);
}

char *heal_strdup(const char *s)
{
	return heal_strndup(s, strlen(s));
}

char *heal_strndup(const char *s, size_t len)
{
	char *p = heal_malloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void *heal_memdup(const void *p, size_t len)
{
	void *q = heal_malloc(len);

	if (len)
		memcpy(q, p, len);
	return q;
}
