/*
 * heal_locale_int.h - the state of heal_locale.c (catalogs, languages,
 * templates) shared with heal_locale_match.c (matching a line against the
 * templates, rewriting it).  Not part of the library's interface.
 */
#ifndef HEAL_LOCALE_INT_H
#define HEAL_LOCALE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heal_catalog.h"
#include "heal_locale.h"
#include "heal_pattern.h"

#define NKEYS 36
#define KEY_M 32            /* gcc's and glibc's %m: strerror (errno) */
#define KEY_E 33            /* ld's %E: the BFD error */
#define KEY_P 34            /* ld's %P: the program's name */
#define MAXCAT 24
#define MAXLANGS 256
#define MAXWORDS 96
#define NBUCKET 65536
#define ITERS 16
#define BUDGET 4000
#define LINE_STEPS 200000L  /* matching steps a line and language */
#define MAXCAND 512
#define DETECT_TRIES 20000  /* candidate lines tried on languages not yet seen */
#define WORK (HEAL_LOCALE_LINE_MAX * 2)

enum { IT_LIT, IT_CONV, IT_QOPEN, IT_QCLOSE, IT_APOS };
enum { CL_TEXT, CL_INT, CL_HEX, CL_CHAR, CL_FLOAT };
enum dkind { DK_GCC, DK_LD, DK_PLAIN };

struct item {
	uint8_t kind, cls, key;
	bool quoted;
	uint32_t off, len;            /* IT_LIT: bytes in the pool */
};

struct tmpl {
	uint32_t s, ns;               /* the translation's items */
	uint32_t id, nid;             /* the msgid's items */
	uint32_t anchor, nanchor;     /* pool bytes every match holds */
	uint32_t next;                /* bucket chain: index + 1 */
	uint32_t stamp;
	uint8_t dk;
	uint8_t prio;                 /* a severity word or the like */
	uint8_t cat;                  /* the catalog it comes from */
	bool whole;                   /* plain text, no fragment: matched only
					 as a whole message (after a ": ") */
};

struct lang {
	char name[32];
	bool opened, loaded;
	struct heal_catalog cat[MAXCAT];
	uint8_t dk[MAXCAT];
	char dom[MAXCAT][12];          /* gcc, cpplib, ld, make, ... */
	char file[MAXCAT][32];         /* gcc-12, ld, ... */
	bool catbad[MAXCAT];           /* could not be opened */
	size_t ncat;
	char *words[MAXWORDS];
	size_t nwords;
	struct heal_prefilter wpf;    /* the words, searched at once */
	size_t wpf_n;                 /* the words wpf was built of */
	struct item *items;
	size_t nitems, citems;
	char *pool;
	size_t npool, cpool;
	struct tmpl *t;
	size_t nt, ct;
	uint32_t *bucket;
	char oq[16], cq[16];          /* gcc's quotes in this language */
	uint8_t last_cat;             /* the catalog that matched last */
};

struct heal_locale {
	bool off, forced, discovered, envdone;
	char *dir;
	char force_name[64];
	struct lang *langs[MAXLANGS];
	size_t nlangs;
	struct lang *active[HEAL_LOCALE_LANGS];
	size_t nactive;
	struct lang *wl[8];           /* languages whose words are looked for */
	size_t nwl;
	unsigned detect_left;
	unsigned spare_loads;         /* languages loaded to be tried, not kept */
	uint32_t stamp;
	long line_left;               /* steps left for the line (LINE_STEPS) */
	char warn[600];
	bool warn_new, warned;
	char in[WORK], a[WORK], b[WORK];
	unsigned char ma[WORK], mb[WORK];
};

static inline bool alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '_';
}

static inline bool digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}


size_t hloc_quote_at(const char *s, size_t i, size_t n);
size_t hloc_quote_before(const char *s, size_t i);
bool hloc_soft_space(const char *lit, size_t j, size_t n);
size_t hloc_norm_spaces(const char *s, size_t n, char *out, size_t cap);
bool hloc_foreign(const char *s, size_t n);
uint32_t hloc_hash4(const char *p);
void hloc_words_init(struct heal_locale *l);
size_t hloc_word_score(const struct lang *g, const char *s, size_t n);
bool hloc_has_word(struct lang *g, const char *s, size_t n);
void hloc_lang_probe(struct heal_locale *l, struct lang *g);
/* g's catalogs read into its tables (probed first) */
void hloc_lang_load(struct heal_locale *l, struct lang *g);
void hloc_activate(struct heal_locale *l, struct lang *g);
bool hloc_is_active(const struct heal_locale *l, const struct lang *g);
void hloc_discover(struct heal_locale *l);

#endif
