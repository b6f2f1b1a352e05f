/*
 * heal_fd.h - whole writes to file descriptors.
 */
#ifndef HEAL_FD_H
#define HEAL_FD_H

#include <stddef.h>

/*
 * Write all len bytes of p to fd, resuming after EINTR and short writes.
 * 0, or -1 with errno set (a write of 0 bytes is EIO).
 */
int heal_fd_write_all(int fd, const void *p, size_t len);

#endif
