/*
 * heal_data.h - where heal's data files (share/) are.
 *
 * In order: $HEAL_DATA_DIR; the source tree's share/ when the running
 * binary lives in the build tree it was built in (so tools work before
 * installation); the installed $datadir/heal.
 */
#ifndef HEAL_DATA_H
#define HEAL_DATA_H

#include <stdbool.h>

#include "heal_error.h"

/* The data directory; a static string valid for the life of the process. */
const char *heal_data_dir(void);

/*
 * Whether the data directory is heal's own (the installed one, or the
 * source tree's), not one $HEAL_DATA_DIR names.  heal's own pattern and
 * rule files are verified by its tests, so the tools may compile their
 * regular expressions on first use; files a user names are checked whole
 * at start-up.
 */
bool heal_data_dir_is_own(void);

/*
 * The path of a file or directory under the data directory, e.g.
 * heal_data_path("patterns").  Owned by the caller (free()).
 */
char *heal_data_path(const char *rel);

/*
 * The pack of the JSON files of heal_data_path(rel), parsed when heal was
 * built (heal_json_pack.h), e.g. heal_data_pack_path("patterns"): beside
 * them once installed, in the build tree's share/ before, in
 * $HEAL_DATA_DIR when it is set.  The file may not exist.  Owned by the
 * caller (free()).
 */
char *heal_data_pack_path(const char *rel);

#endif
