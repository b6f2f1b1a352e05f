/*
 * textfix.h - the unit tests' text fixtures: a whole file read into
 * memory, and a subject copied with room after it for PCRE2's JIT.
 */
#ifndef HEAL_TEXTFIX_H
#define HEAL_TEXTFIX_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A whole file, NUL-terminated, or NULL. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, k;

	if (!f)
		return NULL;
	do {
		if (n + 4096 + 1 > cap) {
			cap = 2 * cap + 8192;
			buf = realloc(buf, cap);
		}
		k = fread(buf + n, 1, 4096, f);
		n += k;
	} while (k > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*
 * A copy of s with 64 zero bytes after it: PCRE2's JIT reads the subject
 * 16 bytes at a time, past its end within the page, which valgrind (the
 * unit tests run under it in CI) reports on a block of the exact size.
 */
static char *padded(const char *s)
{
	size_t n = strlen(s);
	char *p = calloc(n + 64, 1);

	if (p)
		memcpy(p, s, n);
	return p;
}

#endif
