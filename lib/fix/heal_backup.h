/*
 * heal_backup.h - backup sets: .heal/backups/SESSION.tar.gz.
 *
 * Before the first change of a session, every file the session will touch
 * is archived (ustar + gzip, written by heal_tar.c, read back with
 * libarchive) with a manifest.  The archive's
 * first member is MANIFEST, then one member "files/PATH" per file that
 * existed, in manifest order.  The manifest is text, one item a line:
 *
 *   heal-backup 1
 *   session SESSION
 *   file SHA256 MODE SIZE PATH       (MODE: 4 octal digits, at most 0777)
 *   absent PATH                      (the session created PATH)
 *
 * A later run of the same session adds the files it will touch that the
 * set does not hold yet (files already saved keep their first state).
 *
 * Restoring (rollback) reads and verifies the whole set before it writes
 * anything: only regular members, named exactly as the manifest says, with
 * the size and SHA-256 it gives; paths canonical and inside the root; no
 * links, no "..", no absolute names; a truncated or corrupt archive is
 * refused.  Then every file is written through heal_safefile (atomic,
 * confined, mode restored) and every "absent" file is removed.
 */
#ifndef HEAL_BACKUP_H
#define HEAL_BACKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_buf.h"
#include "heal_error.h"
#include "heal_safefile.h"
#include "heal_sha256.h"

#define HEAL_BACKUP_DIR ".heal/backups"
#define HEAL_BACKUP_MAX_TOTAL ((size_t)1 << 30)   /* bytes of all files */
#define HEAL_BACKUP_MAX_FILES 100000
#define HEAL_BACKUP_MANIFEST_MAX ((size_t)16 << 20)
#define HEAL_SESSION_MAX 128

struct heal_backup_entry {
	char *path;                     /* canonical root-relative, owned */
	bool exists;
	unsigned mode;
	size_t size;
	char sha256[HEAL_SHA256_HEX];
	char *data;                     /* contents once loaded, owned */
};

struct heal_backup_manifest {
	char *session;                  /* owned */
	struct heal_backup_entry *v;
	size_t n;
};

/* Whether s is a session id: 1-128 of [A-Za-z0-9._-], not starting '.'. */
bool heal_backup_session_ok(const char *s);

/*
 * Parse a manifest (strict: every line as above, ending in "\n", no
 * duplicate paths, at most HEAL_BACKUP_MAX_FILES entries).  On success m
 * is filled (release with heal_backup_manifest_release); on failure
 * HEAL_ERR_INPUT naming the line, and m is empty.
 */
int heal_backup_manifest_parse(const char *data, size_t len,
			       struct heal_backup_manifest *m,
			       struct heal_error *err);
void heal_backup_manifest_release(struct heal_backup_manifest *m);
/* Append the manifest text to out. */
int heal_backup_manifest_format(const struct heal_backup_manifest *m,
				struct heal_buf *out, struct heal_error *err);

/* The archive path of a session, root-relative; owned by the caller. */
char *heal_backup_path(const char *session);

/*
 * Make sure the session's set holds every one of paths[0..n) (canonical
 * root-relative; absent files are recorded as absent).  Each file is read
 * with heal_safefile_load's checks; one that fails them fails the call and
 * nothing is written.  Hold the project lock.
 */
int heal_backup_save(struct heal_safefile *sf, const char *session,
		     const char *const *paths, size_t n,
		     struct heal_error *err);

/*
 * Read and verify a session's set into m (entries with data).
 * HEAL_ERR_REFUSED for a tampered, truncated or corrupt set.
 */
int heal_backup_load(struct heal_safefile *sf, const char *session,
		     struct heal_backup_manifest *m, struct heal_error *err);

/*
 * Roll the project back to the set: verify it whole, check every target
 * can be written, then write.  *restored (may be NULL) counts the files
 * written or removed.  Hold the project lock.
 */
int heal_backup_restore(struct heal_safefile *sf, const char *session,
			size_t *restored, struct heal_error *err);

#endif
