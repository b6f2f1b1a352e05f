/*
 * heal_root.h - the project root, and confinement of paths beneath it.
 *
 * Every path that comes from untrusted input (a log, a record) is turned
 * into a root-relative path by heal_root_relpath() and opened only through
 * heal_root_openat(), which resolves it beneath the root with
 * openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS), or, on kernels without
 * openat2, walks it one component at a time with O_NOFOLLOW.  Neither ever
 * leaves the root: "..", absolute paths and symlinks that point outside
 * are refused.
 */
#ifndef HEAL_ROOT_H
#define HEAL_ROOT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "heal_buf.h"
#include "heal_error.h"

struct heal_root {
	int fd;              /* O_PATH|O_DIRECTORY descriptor of the root */
	char *path;          /* absolute path as given, normalised */
	char *real;          /* realpath() of the root */
};

/* Open dir as the root (NULL: the current directory). */
int heal_root_open(struct heal_root *r, const char *dir,
		   struct heal_error *err);
/* Close the root; accepts NULL and a root that was never opened. */
void heal_root_close(struct heal_root *r);

enum heal_rel {
	HEAL_REL_INSIDE = 1,    /* *out holds the root-relative path */
	HEAL_REL_OUTSIDE = 0,   /* the path lies outside the root */
	HEAL_REL_INVALID = -1,  /* empty, NUL or control characters, too long */
};

/*
 * Lexically normalise a path printed by a tool into a root-relative path:
 * "." components and repeated slashes go, "a/.." collapses, an absolute
 * path under the root (as given or as its realpath) loses that prefix.  A
 * relative path is taken relative to cwd, a root-relative directory (NULL
 * or "" for the root itself; e.g. the directory make entered).  A path
 * that climbs out with ".." or is absolute elsewhere is OUTSIDE.  When
 * INSIDE, *out is a new string owned by the caller ("." for the root
 * itself); otherwise *out is NULL.  Symlinks are not looked at: the open
 * functions below refuse links that leave the root.
 */
enum heal_rel heal_root_relpath(const struct heal_root *r, const char *cwd,
				const char *path, size_t len, char **out);

/*
 * open(2) a root-relative path beneath the root with flags and mode
 * (O_CLOEXEC is added; O_NOFOLLOW applies to the last component when
 * flags has O_NOFOLLOW).  Returns an fd, or -1 with err set:
 * HEAL_ERR_REFUSED for a path that would leave the root (EXDEV, ELOOP,
 * "..", absolute), HEAL_ERR_IO for other failures (errno in sys_errno).
 */
int heal_root_openat(const struct heal_root *r, const char *rel, int flags,
		     mode_t mode, struct heal_error *err);

/*
 * Read a root-relative regular file of at most max bytes into out
 * (appended).  Not a regular file, or larger than max: HEAL_ERR_REFUSED.
 */
int heal_root_read_file(const struct heal_root *r, const char *rel,
			size_t max, struct heal_buf *out,
			struct heal_error *err);

/*
 * Whether openat2 is used (false: the O_NOFOLLOW walk, which refuses every
 * symlink).  HEAL_NO_OPENAT2 set in the environment forces the walk.
 */
bool heal_root_have_openat2(void);

#endif
