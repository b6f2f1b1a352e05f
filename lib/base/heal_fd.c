#include <errno.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "heal_fd.h"

int heal_fd_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t k = write(fd, p, len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0) {
			errno = EIO;
			return -1;
		}
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

int heal_fd_lock(int fd, int op, long wait_seconds)
{
	struct timespec ts = { 0, 1000000 };
	time_t start = time(NULL);

	while (flock(fd, op | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -1;
		if (time(NULL) - start > wait_seconds) {
			errno = EWOULDBLOCK;
			return -1;
		}
		nanosleep(&ts, NULL);
		/* back off so many waiters do not spin */
		if (ts.tv_nsec < 50000000)
			ts.tv_nsec *= 2;
	}
	return 0;
}
