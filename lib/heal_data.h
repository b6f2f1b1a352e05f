/*
 * heal_data.h - where heal's data files (share/) are.
 *
 * In order: $HEAL_DATA_DIR; the source tree's share/ when the running
 * binary lives in the build tree it was built in (so tools work before
 * installation); the installed $datadir/heal.
 */
#ifndef HEAL_DATA_H
#define HEAL_DATA_H

#include "heal_error.h"

/* The data directory; a static string valid for the life of the process. */
const char *heal_data_dir(void);

/*
 * The path of a file or directory under the data directory, e.g.
 * heal_data_path("patterns").  Owned by the caller (free()).
 */
char *heal_data_path(const char *rel);

#endif
