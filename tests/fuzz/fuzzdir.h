/*
 * A fuzz target's temporary directory: made once under $TMPDIR (or /tmp)
 * and removed, with what the target wrote in it, when the fuzzer exits.
 */
#ifndef FUZZDIR_H
#define FUZZDIR_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../unit/fsfix.h"

static char fuzz_dir[256];

static void fuzz_dir_remove(void)
{
	if (fuzz_dir[0])
		fs_rm_tree(fuzz_dir);
}

/* Make the directory heal-fuzz-NAME.XXXXXX and return its path, or abort. */
static const char *fuzz_dir_make(const char *name)
{
	const char *t = getenv("TMPDIR");

	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/heal-fuzz-%s.XXXXXX",
		 t && *t ? t : "/tmp", name);
	if (!mkdtemp(fuzz_dir))
		abort();
	atexit(fuzz_dir_remove);
	return fuzz_dir;
}

#endif
