/*
 * heal_lock.h - the project lock: flock(2) on .heal/lock.
 *
 * Two heal runs that change one project never interleave.  The lock is
 * taken with a bounded wait (polling LOCK_NB), then fails with
 * HEAL_ERR_BUSY naming the holder's pid when it is known.  The lock file
 * is removed on release, so no lock is left behind; a waiter that locked
 * a file someone removed meanwhile sees that (the name no longer leads to
 * its inode) and tries again.  A run that is killed leaves the file, which
 * holds no lock: the kernel drops flocks with the process.
 */
#ifndef HEAL_LOCK_H
#define HEAL_LOCK_H

#include "heal_error.h"
#include "heal_safefile.h"

#define HEAL_LOCK_PATH ".heal/lock"
#define HEAL_LOCK_WAIT_DEFAULT 10.0

struct heal_lock {
	struct heal_safefile *sf;   /* borrowed */
	int fd;                     /* -1 when not held */
};

/*
 * Take the lock, waiting at most wait seconds (0: try once).  sf must
 * outlive the lock.  HEAL_ERR_BUSY when another run holds it.
 */
int heal_lock_acquire(struct heal_lock *l, struct heal_safefile *sf,
		      double wait, struct heal_error *err);
/* Release (remove the file, then unlock); accepts a lock never taken. */
void heal_lock_release(struct heal_lock *l);

/*
 * The wait in seconds from HEAL_LOCK_TIMEOUT, or HEAL_LOCK_WAIT_DEFAULT.
 * A bad value is HEAL_ERR_USAGE.
 */
int heal_lock_wait_from_env(double *wait, struct heal_error *err);

#endif
