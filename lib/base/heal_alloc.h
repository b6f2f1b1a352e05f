/*
 * heal_alloc.h - allocation that cannot return NULL.
 *
 * Every size heal allocates is bounded by a documented cap before it is
 * requested, so running out of memory is a fault of the machine, not of the
 * input.  On failure these call the out-of-memory handler: by default
 * abort(); tools install heal_main's handler, which prints a message and
 * exits with HEAL_EXIT_SOFTWARE.  The library itself never exits.
 */
#ifndef HEAL_ALLOC_H
#define HEAL_ALLOC_H

#include <stddef.h>

typedef void (*heal_oom_fn)(size_t size);

/* Install the handler called when an allocation fails; NULL restores abort. */
void heal_alloc_set_oom_handler(heal_oom_fn fn);

/* Returned pointers are owned by the caller and released with free(). */
void *heal_malloc(size_t size);
void *heal_calloc(size_t n, size_t size);
void *heal_realloc(void *p, size_t size);
/* Grow an array of n elements of elem bytes, checking the multiplication. */
void *heal_reallocarray(void *p, size_t n, size_t elem);
char *heal_strdup(const char *s);
/* Copy len bytes and add a NUL. */
char *heal_strndup(const char *s, size_t len);
void *heal_memdup(const void *p, size_t len);

#endif
