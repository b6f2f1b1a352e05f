/*
 * heal_locale.h - translated tool output mapped back to the C locale.
 *
 * gcc, cpplib, GNU ld and bfd, make, bash and the C library print their
 * messages through gettext: in a French or German locale a log says
 * "erreur: « count » non déclaré" where the pattern files know
 * "error: ‘count’ undeclared".  This module reads the message catalogs
 * the machine has installed (LOCALEDIR/LANG/LC_MESSAGES/DOMAIN.mo:
 * heal_catalog.h), turns every translation into a matcher (its literal
 * runs, and a capture for each printf or gcc conversion: %s, %d, %qE,
 * %<...%>, %1$s ...), and rewrites a line that matches a translation into
 * the original C text with the captured arguments put back in their
 * places (positional arguments reordered).  Several translations may
 * match parts of one line ("ligne 3" from bash, "Aucun fichier ou dossier
 * de ce type" from the C library): each part is rewritten, the best match
 * (most literal bytes) first.
 *
 * Cost: nothing is read until a line asks for it.  The engine asks only
 * for lines no pattern claimed that hold a byte above 0x7f and a colon, or
 * one of the words of a language already seen (heal_locale_candidate).
 * The language is the one forced (heal_locale_new), else the first whose
 * catalogs' words for error, warning, line, ... occur in such a line, the
 * environment's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) tried first.  Its
 * catalogs are then loaded once; each translation is indexed by its
 * longest literal run, so a line is tried against the few translations
 * whose run it holds.
 *
 * Caps: HEAL_LOCALE_LINE_MAX bytes of a line are mapped (longer lines are
 * left alone), HEAL_LOCALE_LANGS languages loaded in a run, catalogs of at
 * most HEAL_CATALOG_MAX bytes.  A catalog that cannot be read is skipped;
 * heal_locale_warning says why.
 */
#ifndef HEAL_LOCALE_H
#define HEAL_LOCALE_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_buf.h"

#define HEAL_LOCALE_LINE_MAX 4096u
#define HEAL_LOCALE_LANGS 4
#define HEAL_LOCALE_DIR_DEFAULT "/usr/share/locale"

struct heal_locale;

/*
 * A mapper.  force: NULL to find the language (the environment first),
 * "C" (or "POSIX") for no mapping, else a language ("fr", "de_DE.UTF-8",
 * "pt_BR").  localedir: NULL for $HEAL_LOCALEDIR, else /usr/share/locale.
 * heal_locale_free when done.  Reads no file yet.
 */
struct heal_locale *heal_locale_new(const char *force, const char *localedir);
/* Accepts NULL. */
void heal_locale_free(struct heal_locale *l);

/* Whether mapping is on (not forced off with "C"). */
bool heal_locale_enabled(const struct heal_locale *l);

/*
 * Whether line may be a translated message: a byte above 0x7f and a colon,
 * or a word of a language seen (or forced, or the environment's).
 */
bool heal_locale_candidate(struct heal_locale *l, const char *line, size_t len);

/*
 * The offset in buf[start, end) of the first byte of a line that is a
 * candidate, or end.  For the engine's jump over lines no pattern needs.
 */
size_t heal_locale_scan(struct heal_locale *l, const char *buf, size_t start,
			size_t end);

/*
 * Map a line to the C locale.  1: out holds the C text (replaced) and
 * *lang the catalogs' language ("fr", "pt_BR"; borrowed from l); 0: no
 * translation matched.
 */
int heal_locale_map(struct heal_locale *l, const char *line, size_t len,
		    struct heal_buf *out, const char **lang);

/*
 * A message about a catalog that could not be read ("cannot read
 * '/usr/share/locale/fr/LC_MESSAGES/gcc-12.mo': ..."), once: NULL when
 * there is none (new) since the last call.
 */
const char *heal_locale_warning(struct heal_locale *l);

#endif
