/*
 * GNU .mo catalogs: the header and tables are checked against the file's
 * size when the catalog is opened, every string once before the entries
 * are read (heal_catalog_verify), and a lookup checks the strings it
 * touches: a language only probed for a few words costs a few pages.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_catalog.h"
#include "heal_text.h"

static uint32_t word(const struct heal_catalog *c, size_t off)
{
	const unsigned char *p = c->data + off;

	if (c->swap)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		       (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[1] << 8 | p[0];
}

/* String descriptor k of the table at tab: false when out of bounds. */
static bool desc(const struct heal_catalog *c, uint32_t tab, size_t k,
		 uint32_t *len, uint32_t *off)
{
	*len = word(c, tab + 8 * k);
	*off = word(c, tab + 8 * k + 4);
	/* the string and its terminating NUL inside the file */
	return *off < c->size && *len < c->size - *off &&
	       c->data[*off + *len] == '\0';
}

static int check(struct heal_catalog *c, struct heal_error *err)
{
	uint32_t magic, rev;

	if (c->size < 28)
		return heal_error_set(err, HEAL_ERR_INPUT, "too short for a catalog (%zu bytes)",
				      c->size);
	magic = (uint32_t)c->data[0] | (uint32_t)c->data[1] << 8 |
		(uint32_t)c->data[2] << 16 | (uint32_t)c->data[3] << 24;
	if (magic == HEAL_CATALOG_MAGIC)
		c->swap = false;
	else if (magic == 0xde120495u)
		c->swap = true;
	else
		return heal_error_set(err, HEAL_ERR_INPUT, "not a message catalog (magic 0x%08x)",
				      magic);
	rev = word(c, 4);
	if (rev >> 16 > 1)
		return heal_error_set(err, HEAL_ERR_INPUT, "unknown catalog revision %u.%u",
				      rev >> 16, rev & 0xffff);
	c->n = word(c, 8);
	c->orig = word(c, 12);
	c->trans = word(c, 16);
	if (c->n > HEAL_CATALOG_MAX_STRINGS)
		return heal_error_set(err, HEAL_ERR_LIMIT, "%u strings, more than %u",
				      c->n, HEAL_CATALOG_MAX_STRINGS);
	if (c->orig > c->size || c->trans > c->size ||
	    (size_t)c->n * 8 > c->size - c->orig ||
	    (size_t)c->n * 8 > c->size - c->trans)
		return heal_error_set(err, HEAL_ERR_INPUT, "string tables past the end of the file");
	return 0;
}

int heal_catalog_verify(struct heal_catalog *c, struct heal_error *err)
{
	uint32_t len, off;
	size_t k;

	if (c->verified)
		return 0;
	for (k = 0; k < c->n; k++)
		if (!desc(c, c->orig, k, &len, &off) || !desc(c, c->trans, k, &len, &off))
			return heal_error_set(err, HEAL_ERR_INPUT,
					      "string %zu past the end of the file", k);
	c->verified = true;
	return 0;
}

int heal_catalog_parse(struct heal_catalog *c, const void *data, size_t len,
		       struct heal_error *err)
{
	unsigned char *p;

	memset(c, 0, sizeof(*c));
	if (len > HEAL_CATALOG_MAX)
		return heal_error_set(err, HEAL_ERR_LIMIT, "catalog of %zu bytes, more than %u",
				      len, HEAL_CATALOG_MAX);
	p = heal_malloc(len + 1);
	memcpy(p, data, len);
	c->data = p;
	c->size = len;
	if (check(c, err) < 0 || heal_catalog_verify(c, err) < 0) {
		heal_catalog_release(c);
		return -1;
	}
	return 0;
}

int heal_catalog_open(struct heal_catalog *c, const char *path,
		      struct heal_error *err)
{
	struct stat st;
	void *m;
	int fd;

	memset(c, 0, sizeof(*c));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		char *e = heal_text_escape_dup(path, strlen(path));
		int en = errno;

		if (fd >= 0)
			close(fd);
		heal_error_sys(err, en, "cannot read '%s'", e);
		free(e);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uint64_t)st.st_size > HEAL_CATALOG_MAX) {
		char *e = heal_text_escape_dup(path, strlen(path));

		close(fd);
		heal_error_set(err, HEAL_ERR_INPUT, "cannot read '%s': %s", e,
			       !S_ISREG(st.st_mode) ? "not a regular file" :
			       st.st_size <= 0 ? "empty" : "larger than the catalog cap");
		free(e);
		return -1;
	}
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED) {
		char *e = heal_text_escape_dup(path, strlen(path));

		heal_error_sys(err, errno, "cannot read '%s'", e);
		free(e);
		return -1;
	}
	c->data = m;
	c->size = (size_t)st.st_size;
	c->mapped = true;
	if (check(c, err) < 0) {
		char *e = heal_text_escape_dup(path, strlen(path));

		heal_error_prefix(err, "cannot read '%s'", e);
		free(e);
		heal_catalog_release(c);
		return -1;
	}
	return 0;
}

void heal_catalog_release(struct heal_catalog *c)
{
	if (!c || !c->data)
		return;
	if (c->mapped)
		munmap((void *)c->data, c->size);
	else
		free((void *)c->data);
	memset(c, 0, sizeof(*c));
}

size_t heal_catalog_count(const struct heal_catalog *c)
{
	return c->data ? c->n : 0;
}

bool heal_catalog_entry(const struct heal_catalog *c, size_t i,
			struct heal_catalog_entry *e)
{
	uint32_t len, off;
	const char *z;

	if (!c->data || !c->verified || i >= c->n)
		return false;
	desc(c, c->orig, i, &len, &off);
	if (len == 0)
		return false;                   /* the header */
	e->msgid = (const char *)c->data + off;
	z = memchr(e->msgid, '\0', len);
	e->plural = NULL;
	e->plural_len = 0;
	e->msgid_len = z ? (size_t)(z - e->msgid) : len;
	if (z) {
		e->plural = z + 1;
		e->plural_len = len - e->msgid_len - 1;
	}
	desc(c, c->trans, i, &len, &off);
	if (len == 0)
		return false;
	e->msgstr = (const char *)c->data + off;
	e->msgstr_len = len;
	return true;
}

bool heal_catalog_form(const struct heal_catalog_entry *e, size_t k,
		       const char **s, size_t *n)
{
	const char *p = e->msgstr, *end = e->msgstr + e->msgstr_len;

	for (;;) {
		const char *z = memchr(p, '\0', (size_t)(end - p));
		size_t l = z ? (size_t)(z - p) : (size_t)(end - p);

		if (k == 0) {
			*s = p;
			*n = l;
			return true;
		}
		if (!z)
			return false;
		p = z + 1;
		k--;
	}
}

const char *heal_catalog_lookup(const struct heal_catalog *c,
				const char *msgid, size_t *len)
{
	size_t lo = 0, hi = c->data ? c->n : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t l, off;
		int r;

		if (!desc(c, c->orig, mid, &l, &off))
			return NULL;
		r = strcmp(msgid, (const char *)c->data + off);
		if (r == 0) {
			const char *s;

			if (!desc(c, c->trans, mid, &l, &off) || l == 0)
				return NULL;
			s = (const char *)c->data + off;
			*len = strnlen(s, l);
			return s;
		}
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
