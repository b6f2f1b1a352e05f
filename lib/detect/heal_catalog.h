/*
 * heal_catalog.h - a reader of GNU gettext message catalogs (.mo files).
 *
 * The binary format (GNU gettext manual, "The Format of GNU MO Files"):
 * a header of 32-bit words in the writer's byte order (magic 0x950412de
 * read either way round), the number of strings N, and two tables of N
 * (length, offset) pairs, the original strings sorted and their
 * translations.  An original with a plural holds "msgid\0msgid_plural",
 * its translation "form0\0form1\0...".  The entry of the empty msgid is
 * the catalog's header (charset, plural forms), not a message.
 *
 * A catalog is untrusted input: the file is at most HEAL_CATALOG_MAX
 * bytes and HEAL_CATALOG_MAX_STRINGS strings; its header and tables are
 * checked against the file's size when it is opened, every string before
 * the entries are read (heal_catalog_verify) and by a lookup the strings
 * it touches, so a hostile or truncated file is refused with a reason and
 * never read out of bounds.
 */
#ifndef HEAL_CATALOG_H
#define HEAL_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heal_error.h"

#define HEAL_CATALOG_MAX (64u << 20)
#define HEAL_CATALOG_MAX_STRINGS (1u << 20)
#define HEAL_CATALOG_MAGIC 0x950412deu

struct heal_catalog {
	const unsigned char *data;    /* the file's bytes */
	size_t size;
	bool mapped;                  /* data is mmap'ed (else heap, owned) */
	bool swap;                    /* written in the other byte order */
	bool verified;                /* every string checked */
	uint32_t n;                   /* strings, the header entry included */
	uint32_t orig, trans;         /* offsets of the two tables */
};

/* One message: the original (and its plural) and the translated forms. */
struct heal_catalog_entry {
	const char *msgid;
	size_t msgid_len;
	const char *plural;           /* NULL without msgid_plural */
	size_t plural_len;
	const char *msgstr;           /* the forms, separated by NUL bytes */
	size_t msgstr_len;            /* all forms with their separators */
};

/*
 * Open a catalog from the file path (mapped, not copied; its strings not
 * checked yet: heal_catalog_verify).  -1 with err set ("cannot read 'p':
 * ...") when it cannot be read or is not a valid catalog.
 * heal_catalog_release when done.
 */
int heal_catalog_open(struct heal_catalog *c, const char *path,
		      struct heal_error *err);
/* Read a catalog from memory (copied).  As heal_catalog_open. */
int heal_catalog_parse(struct heal_catalog *c, const void *data, size_t len,
		       struct heal_error *err);
/*
 * Check every string against the file's size (heal_catalog_parse does it
 * itself).  -1 with err set ("string 5 past the end of the file") when
 * one is out; heal_catalog_entry reads nothing until this succeeded.
 */
int heal_catalog_verify(struct heal_catalog *c, struct heal_error *err);
/* Accepts a zeroed or released catalog. */
void heal_catalog_release(struct heal_catalog *c);

/* Strings in the catalog (the header entry included). */
size_t heal_catalog_count(const struct heal_catalog *c);
/*
 * Entry i (< count): false for the header entry (empty msgid), for an
 * entry without a translation, and before heal_catalog_verify.  The
 * pointers borrow from c.
 */
bool heal_catalog_entry(const struct heal_catalog *c, size_t i,
			struct heal_catalog_entry *e);
/*
 * Translated form k of e (0: singular): false when there is no such
 * form.  *s borrows from the catalog; it is not NUL-terminated at *n.
 */
bool heal_catalog_form(const struct heal_catalog_entry *e, size_t k,
		       const char **s, size_t *n);
/*
 * The translation of msgid (its first form) by binary search in the
 * sorted originals; NULL when absent.  Borrows from c.
 */
const char *heal_catalog_lookup(const struct heal_catalog *c,
				const char *msgid, size_t *len);

#endif
