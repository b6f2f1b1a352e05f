/*
 * A fuzz target's temporary directory: made once under $TMPDIR (or /tmp)
 * and removed, with what the target wrote in it, when the fuzzer exits.
 */
#ifndef FUZZDIR_H
#define FUZZDIR_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char fuzz_dir[256];

static int fuzz_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

static void fuzz_dir_remove(void)
{
	if (fuzz_dir[0])
		nftw(fuzz_dir, fuzz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
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
