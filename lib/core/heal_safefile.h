/*
 * heal_safefile.h - the one place that writes project files.
 *
 * Every write goes through here, beneath a heal_root:
 *   - paths are root-relative and opened beneath the root (heal_root:
 *     openat2 RESOLVE_BENEATH, or the O_NOFOLLOW walk); the file itself is
 *     looked at with AT_SYMLINK_NOFOLLOW in a directory opened beneath the
 *     root, so its last component is never followed;
 *   - protected paths are never written: by default ".git" and ".heal" at
 *     the root and any component named ".git";
 *   - only regular files, at most max_size bytes;
 *   - symbolic links are refused, never followed: a link may point
 *     anywhere, and editing its target would change a file the record did
 *     not name.  Hard-linked files (st_nlink > 1) are refused: replacing
 *     one name would silently split it from the others, and editing the
 *     inode in place cannot be atomic.  Read-only files and directories
 *     (no write bit), and set-id or sticky files, are refused, so heal
 *     never changes permissions to get its way;
 *   - a replacement is atomic: a temporary file ".heal-tmp.*" in the same
 *     directory, written, given the old file's mode (and owner when
 *     running as root), fsync'ed, renamed over the old name, then the
 *     directory fsync'ed (or, with HEAL_SF_DEFER_SYNC, noted, and synced
 *     once by heal_safefile_sync: after a crash before that the file is
 *     still whole, old or new, only the rename may be lost).  A failed
 *     step removes the temporary file and leaves the old file as it was;
 *   - a pre-image check: given the SHA-256 the caller expects, a file
 *     that no longer has it is refused as stale (HEAL_ERR_STALE), untouched,
 *     and the file is checked again (same inode, size and time) just
 *     before the rename;
 *   - temporary files left by a killed run are removed the next time:
 *     before a directory gets its first temporary file its name is
 *     appended (and fsync'ed) to a journal, and heal_safefile_recover()
 *     cleans every directory the journal lists.  Every directory is also
 *     cleaned the first time a process writes in it.
 *
 * Callers must hold the project lock (heal_lock) while writing, so that
 * no other heal run has temporary files in flight.
 */
#ifndef HEAL_SAFEFILE_H
#define HEAL_SAFEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "heal_buf.h"
#include "heal_error.h"
#include "heal_root.h"
#include "heal_sha256.h"

#define HEAL_SAFEFILE_MAX_DEFAULT (16u << 20)
#define HEAL_SAFEFILE_TMP_PREFIX ".heal-tmp."
#define HEAL_SAFEFILE_JOURNAL ".heal/tmpdirs"

struct heal_safefile {
	const struct heal_root *root;   /* borrowed */
	char **protect;                 /* root-relative, owned */
	size_t nprotect;
	size_t max_size;
	char *journal;                  /* root-relative, or NULL: none */
	char **seen;                    /* directories cleaned and journalled */
	size_t nseen;
	char **unsynced;                /* directories renamed in, not fsync'ed */
	size_t nunsynced;
	unsigned long counter;
};

/* Flags for the functions below. */
enum {
	HEAL_SF_CREATE = 1 << 0,     /* the file may be absent: create it */
	HEAL_SF_INTERNAL = 1 << 1,   /* heal's own state: protected paths ok */
	HEAL_SF_MISSING_OK = 1 << 2, /* heal_safefile_load: absent is empty */
	HEAL_SF_DEFER_SYNC = 1 << 3, /* heal_safefile_replace: the directory
					is fsync'ed by heal_safefile_sync */
};

/* What heal_safefile_load found. */
struct heal_safefile_info {
	bool exists;
	mode_t mode;                    /* permission bits, 0 when absent */
	size_t size;
	char sha256[HEAL_SHA256_HEX];   /* of the contents ("" file if absent) */
};

/*
 * Caller-owned storage over a borrowed root (which must outlive it), with
 * the default protected paths, max_size HEAL_SAFEFILE_MAX_DEFAULT and no
 * journal.
 */
void heal_safefile_init(struct heal_safefile *sf, const struct heal_root *root);
void heal_safefile_release(struct heal_safefile *sf);

/*
 * Protect a path (a file, or a directory and everything below it) given
 * relative to the root or absolute inside it.  A path outside the root is
 * HEAL_ERR_USAGE.
 */
int heal_safefile_protect(struct heal_safefile *sf, const char *path,
			  struct heal_error *err);
/*
 * Whether rel is a canonical root-relative path: valid (heal_record_path_ok),
 * not absolute, no empty, "." or ".." component.
 */
bool heal_safefile_canonical(const char *rel);

/* Whether a canonical root-relative path is protected. */
bool heal_safefile_is_protected(const struct heal_safefile *sf,
				const char *rel);

/* Use a journal of temporary-file directories (HEAL_SAFEFILE_JOURNAL). */
void heal_safefile_set_journal(struct heal_safefile *sf, const char *rel);

/*
 * Remove the temporary files a killed run left in the directories the
 * journal lists, then remove the journal.  Hold the project lock.
 */
int heal_safefile_recover(struct heal_safefile *sf, struct heal_error *err);

/* Remove ".heal-tmp.*" regular files in a root-relative directory. */
int heal_safefile_clean_dir(struct heal_safefile *sf, const char *reldir,
			    struct heal_error *err);

/*
 * Check that a canonical root-relative path may be written (valid,
 * not protected unless HEAL_SF_INTERNAL, not a temporary-file name).
 * HEAL_ERR_REFUSED otherwise.  Does not touch the file system.
 */
int heal_safefile_check_path(const struct heal_safefile *sf, const char *rel,
			     unsigned flags, struct heal_error *err);

/*
 * Read a file that is to be edited, applying every check a write would
 * (path, link, type, hard links, size cap, read-only), and append its
 * contents to out.  With HEAL_SF_MISSING_OK an absent file (or one whose
 * directory is missing) is info->exists == false and empty.
 */
int heal_safefile_load(struct heal_safefile *sf, const char *rel,
		       unsigned flags, struct heal_buf *out,
		       struct heal_safefile_info *info, struct heal_error *err);

/*
 * Atomically replace (or, with HEAL_SF_CREATE, create) rel with
 * data[0..len).  expect_sha: the SHA-256 (hex) the current file must have,
 * or NULL for no check; an absent file "has" the digest of no bytes.
 * mode: the permission bits to give it, or -1 to keep the old file's
 * (0644 for a new file).  Nothing is changed on failure.
 */
int heal_safefile_replace(struct heal_safefile *sf, const char *rel,
			  const char *data, size_t len, const char *expect_sha,
			  int mode, unsigned flags, struct heal_error *err);

/*
 * fsync every directory a replacement with HEAL_SF_DEFER_SYNC renamed a
 * file in, once each.  A directory that fails stays listed (see
 * heal_safefile_unsynced) and the first failure is returned; the others
 * are still tried.
 */
int heal_safefile_sync(struct heal_safefile *sf, struct heal_error *err);

/* Whether the directory of rel awaits heal_safefile_sync (or failed it). */
bool heal_safefile_unsynced(const struct heal_safefile *sf, const char *rel);

/*
 * Remove rel (a regular file, all the checks above) when its digest is
 * expect_sha (NULL: any).  An absent file is success.
 */
int heal_safefile_remove(struct heal_safefile *sf, const char *rel,
			 const char *expect_sha, struct heal_error *err);

/*
 * chmod in-process: mode holds permission bits only (at most 0777), the
 * file must pass the checks and have digest expect_sha (NULL: any).
 */
int heal_safefile_chmod(struct heal_safefile *sf, const char *rel,
			unsigned mode, const char *expect_sha,
			struct heal_error *err);

/*
 * Create a directory and its missing parents (mode 0755, then umask)
 * beneath the root.  Existing directories are fine; anything else in the
 * way (a file, a link) is refused.
 */
int heal_safefile_mkdir(struct heal_safefile *sf, const char *rel,
			unsigned flags, struct heal_error *err);

/*
 * Open one of heal's own state files beneath the root (flags as open(2),
 * O_NOFOLLOW and O_CLOEXEC added), creating missing parent directories.
 * Only paths under ".heal/" are accepted.  Returns the fd (the caller
 * closes it) or -1.  Used by heal_lock for .heal/lock.
 */
int heal_safefile_open_state(struct heal_safefile *sf, const char *rel,
			     int flags, mode_t mode, struct heal_error *err);

/* Unlink one of heal's own state files under ".heal/"; absent is fine. */
int heal_safefile_unlink_state(struct heal_safefile *sf, const char *rel,
			       struct heal_error *err);

#endif
