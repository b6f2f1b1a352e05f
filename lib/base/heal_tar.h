/*
 * heal_tar.h - write a gzip-compressed POSIX tar archive of regular files,
 * in memory.  heal's backup sets are written with it: loading libarchive
 * (and the dozen libraries it links) cost every heal-fix run about 2 ms,
 * for a format this small.  Reading archives stays libarchive's job.
 */
#ifndef HEAL_TAR_H
#define HEAL_TAR_H

#include <stddef.h>

#include "heal_buf.h"
#include "heal_error.h"

/* One regular file of the archive: its name, mode bits (0777) and bytes. */
struct heal_tar_member {
	const char *name;
	const char *data;
	size_t len;
	unsigned mode;
};

/*
 * Append to out a .tar.gz of the n members, in order: ustar headers
 * (owner 0, the given mtime), a pax extended header for a name ustar cannot
 * hold, the end-of-archive blocks, compressed by zlib with a gzip wrapper.
 * -1 with HEAL_ERR_LIMIT when out's cap is reached, HEAL_ERR_NOMEM, or
 * HEAL_ERR_INTERNAL when zlib fails.
 */
int heal_tar_gz_write(const struct heal_tar_member *v, size_t n,
		      long long mtime, struct heal_buf *out,
		      struct heal_error *err);

#endif
