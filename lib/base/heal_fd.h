/*
 * heal_fd.h - whole writes to file descriptors, and waiting for a lock.
 */
#ifndef HEAL_FD_H
#define HEAL_FD_H

#include <stddef.h>

/*
 * Write all len bytes of p to fd, resuming after EINTR and short writes.
 * 0, or -1 with errno set (a write of 0 bytes is EIO).
 */
int heal_fd_write_all(int fd, const void *p, size_t len);

/*
 * flock(fd, op) (LOCK_SH or LOCK_EX), waiting at most wait_seconds for
 * another holder, polling with a backoff from 1 to 64 ms.  0, or -1 with
 * errno set: EWOULDBLOCK when the wait ran out.
 */
int heal_fd_lock(int fd, int op, long wait_seconds);

#endif
