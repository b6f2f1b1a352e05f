#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "heal_lock.h"

int heal_lock_wait_from_env(double *wait, struct heal_error *err)
{
	const char *s = getenv("HEAL_LOCK_TIMEOUT");
	char *end;
	double v;

	*wait = HEAL_LOCK_WAIT_DEFAULT;
	if (!s || !*s)
		return 0;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v) || v < 0 || v > 86400)
		return heal_error_set(err, HEAL_ERR_USAGE,
				      "HEAL_LOCK_TIMEOUT must be a number of seconds from 0 to 86400");
	*wait = v;
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Whether fd is still the file the lock path names. */
static bool still_linked(struct heal_lock *l, int fd)
{
	struct heal_error ignore = HEAL_ERROR_INIT;
	struct stat a, b;
	int cur = heal_safefile_open_state(l->sf, HEAL_LOCK_PATH,
					   O_RDONLY | O_NONBLOCK, 0, &ignore);
	bool same;

	if (cur < 0)
		return false;
	same = fstat(fd, &a) == 0 && fstat(cur, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
	close(cur);
	return same;
}

static long holder(int fd)
{
	char buf[32];
	ssize_t k = pread(fd, buf, sizeof(buf) - 1, 0);
	char *end;
	long pid;

	if (k <= 0)
		return 0;
	buf[k] = '\0';
	pid = strtol(buf, &end, 10);
	return (pid > 0 && (*end == '\n' || *end == '\0')) ? pid : 0;
}

int heal_lock_acquire(struct heal_lock *l, struct heal_safefile *sf,
		      double wait, struct heal_error *err)
{
	double deadline = now() + wait;

	l->sf = sf;
	l->fd = -1;
	for (;;) {
		int fd = heal_safefile_open_state(sf, HEAL_LOCK_PATH,
						  O_RDWR | O_CREAT, 0644, err);
		long pid;

		if (fd < 0)
			return -1;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			char buf[32];
			int n;

			if (!still_linked(l, fd)) {
				close(fd);
				continue;
			}
			n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
			if (ftruncate(fd, 0) < 0 ||
			    pwrite(fd, buf, (size_t)n, 0) != n) {
				/* the pid is for messages only */
			}
			l->fd = fd;
			return 0;
		}
		if (errno != EWOULDBLOCK && errno != EINTR) {
			int e = errno;

			close(fd);
			return heal_error_sys(err, e, "cannot lock '%s'",
					      HEAL_LOCK_PATH);
		}
		pid = holder(fd);
		close(fd);
		if (now() >= deadline) {
			if (pid)
				return heal_error_set(err, HEAL_ERR_BUSY,
						      "the project is locked by another heal run (pid %ld, %s); waited %.1f s",
						      pid, HEAL_LOCK_PATH, wait);
			return heal_error_set(err, HEAL_ERR_BUSY,
					      "the project is locked by another heal run (%s); waited %.1f s",
					      HEAL_LOCK_PATH, wait);
		}
		usleep(20000);
	}
}

void heal_lock_release(struct heal_lock *l)
{
	struct heal_error ignore = HEAL_ERROR_INIT;

	if (!l || l->fd < 0)
		return;
	/* unlink while still holding the lock: waiters re-check the name */
	heal_safefile_unlink_state(l->sf, HEAL_LOCK_PATH, &ignore);
	flock(l->fd, LOCK_UN);
	close(l->fd);
	l->fd = -1;
}
