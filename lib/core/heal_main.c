#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <malloc.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_config_build.h"
#include "heal_main.h"

static const char *progname = "heal";

const char heal_main_exit_help[] =
	"Exit status:\n"
	"  0  success: nothing found, or everything asked was done\n"
	"  1  findings: errors found, a fix not applied, not healed\n"
	"  2  usage: bad command line or configuration\n"
	"  3  bad input: an invalid record or input over a cap (also when\n"
	"     bad lines were skipped to keep going, after the good ones)\n"
	"  4  I/O or system error\n"
	"  5  internal error or out of memory\n"
	"  6  busy: another heal run holds the project lock\n";

int heal_main_skipped(int status)
{
	return status == HEAL_EXIT_OK || status == HEAL_EXIT_FINDINGS
	       ? HEAL_EXIT_DATAERR : status;
}

static void oom(size_t size)
{
	/* no allocation from here on */
	static const char m[] = ": out of memory\n";

	if (write(2, progname, strlen(progname)) < 0 ||
	    write(2, m, sizeof(m) - 1) < 0) {
		/* nothing more can be done */
	}
	(void)size;
	_exit(HEAL_EXIT_SOFTWARE);
}

void heal_main_init(const char *name)
{
	struct stat st;
	int fd;

	for (fd = 0; fd < 3; fd++) {
		if (fstat(fd, &st) < 0 && errno == EBADF) {
			int n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);

			if (n < 0)
				_exit(HEAL_EXIT_IOERR);
			if (n != fd)
				_exit(HEAL_EXIT_IOERR);
		}
	}
	signal(SIGPIPE, SIG_DFL);
	if (name) {
		const char *slash = strrchr(name, '/');

		progname = slash ? slash + 1 : name;
	}
	heal_alloc_set_oom_handler(oom);
	/*
	 * A block of 256 KiB or more always comes from mmap(): zero, and
	 * touched only where used.  With glibc's default, the threshold rises
	 * to the size of the first such block freed (heal-validate's input
	 * buffer), and the megabyte buffers a detection then callocs come
	 * from the heap and are cleared whole: 50 page faults per run.
	 */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	setlocale(LC_ALL, "C");
}

const char *heal_main_progname(void)
{
	return progname;
}

void heal_main_msg(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void heal_main_report(const struct heal_error *err)
{
	heal_main_msg("%s", err->msg[0] ? err->msg
					 : heal_error_code_name(err->code));
}

enum heal_exit heal_main_exit_for(enum heal_err code)
{
	switch (code) {
	case HEAL_OK: return HEAL_EXIT_OK;
	case HEAL_ERR_USAGE: return HEAL_EXIT_USAGE;
	case HEAL_ERR_INPUT:
	case HEAL_ERR_LIMIT: return HEAL_EXIT_DATAERR;
	case HEAL_ERR_IO: return HEAL_EXIT_IOERR;
	case HEAL_ERR_REFUSED:
	case HEAL_ERR_STALE: return HEAL_EXIT_FINDINGS;
	case HEAL_ERR_BUSY: return HEAL_EXIT_BUSY;
	case HEAL_ERR_NOMEM:
	case HEAL_ERR_INTERNAL: return HEAL_EXIT_SOFTWARE;
	}
	return HEAL_EXIT_SOFTWARE;
}

int heal_main_fail(const struct heal_error *err)
{
	heal_main_report(err);
	return heal_main_exit_for(err->code);
}

int heal_main_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", progname);
	return HEAL_EXIT_USAGE;
}

void heal_main_version(void)
{
	printf("%s (heal) %s\n", progname, HEAL_VERSION);
}

int heal_main_finish(int status)
{
	int bad = ferror(stdout);

	if (fclose(stdout) != 0 || bad) {
		/* a closed pipe is the reader's choice, not an error of ours */
		if (errno == EPIPE)
			return status;
		/* the failed write was reported already: one message */
		if (status == HEAL_EXIT_IOERR && bad)
			return status;
		heal_main_msg("cannot write output: %s",
			      strerror(errno ? errno : EIO));
		return HEAL_EXIT_IOERR;
	}
	return status;
}

int heal_main_number(const char *s, double lo, double hi, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return (errno || end == s || *end || !isfinite(*out) || *out < lo ||
		*out > hi) ? -1 : 0;
}

int heal_main_fd(const char *s, int *fd)
{
	double d;
	int flags;

	if (heal_main_number(s, 3, 1023, &d) < 0 || d != (int)d ||
	    (flags = fcntl((int)d, F_GETFD)) < 0 ||
	    fcntl((int)d, F_SETFD, flags | FD_CLOEXEC) < 0)
		return -1;
	*fd = (int)d;
	return 0;
}
