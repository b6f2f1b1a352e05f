/*
 * heal_logger.h - what heal-log does with each record it passes through:
 * its events appended to the changelog (and learning.json), to the shared
 * store when there is one (heal_store.h), and the regression guards of the
 * commands that healed (heal_guardlog.h) written at the end.
 *
 * The local files come first and always: a store that cannot be reached
 * or fails part way is dropped for the rest of the run with a warning (the
 * caller prints it), and heal-log --store-sync uploads the events later.
 */
#ifndef HEAL_LOGGER_H
#define HEAL_LOGGER_H

#include <stdbool.h>

#include "heal_changelog.h"
#include "heal_error.h"
#include "heal_guardlog.h"
#include "heal_json.h"
#include "heal_root.h"
#include "heal_store.h"
#include "heal_strmap.h"

struct heal_logger {
	struct heal_changelog *cl;     /* borrowed; NULL: log nothing */
	const struct heal_root *root;  /* borrowed */
	const char *run;               /* borrowed */
	struct heal_store *store;      /* owned, or NULL */
	struct heal_guardlog *guards;  /* owned */
	struct heal_strmap seen;       /* error ids already logged */
};

/*
 * Set up over cl (opened for appending, or NULL with --no-log).  store
 * and project: heal_store_from's; a store that cannot be opened leaves
 * *warn set and the logger without one.
 */
void heal_logger_init(struct heal_logger *lg, struct heal_changelog *cl,
		      const struct heal_root *root, const char *run,
		      const char *store, const char *project,
		      struct heal_error *warn);
void heal_logger_release(struct heal_logger *lg);

/* Log one checked record (borrowed).  A store failure sets *warn only. */
int heal_logger_record(struct heal_logger *lg, const struct heal_json *rec,
		       struct heal_error *err, struct heal_error *warn);

/* Write the regression guards (to the store too). */
int heal_logger_finish(struct heal_logger *lg, struct heal_error *err,
		       struct heal_error *warn);

#endif
