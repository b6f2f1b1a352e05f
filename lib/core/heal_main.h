/*
 * heal_main.h - what every heal tool shares: start-up, messages, the exit
 * status table.
 *
 * This is the tool-side module of the library: it is the only one that
 * writes to stderr or ends the process, and only tools call it.
 */
#ifndef HEAL_MAIN_H
#define HEAL_MAIN_H

#include <stdbool.h>
#include <stdio.h>

#include "heal_error.h"

/*
 * The exit status of every heal tool (listed under EXIT STATUS in every
 * man page).  The driver `heal` exits with its command's own status.
 */
enum heal_exit {
	HEAL_EXIT_OK = 0,        /* success; nothing found; everything applied */
	HEAL_EXIT_FINDINGS = 1,  /* errors found, a fix not applied, not healed */
	HEAL_EXIT_USAGE = 2,     /* bad command line or configuration */
	HEAL_EXIT_DATAERR = 3,   /* bad input: invalid record, over a cap */
	HEAL_EXIT_IOERR = 4,     /* I/O or system error */
	HEAL_EXIT_SOFTWARE = 5,  /* out of memory, internal error */
	HEAL_EXIT_BUSY = 6,      /* the project is locked by another heal run */
};

/*
 * Start-up for every tool: make sure fds 0-2 are open (on /dev/null),
 * restore SIGPIPE's default action (a closed reader ends a pipeline
 * quietly), remember the program name for messages, install the
 * out-of-memory handler, have large blocks always mapped (never cleared
 * heap), and set the C locale for messages and numbers.
 */
void heal_main_init(const char *progname);

const char *heal_main_progname(void);

/* "<prog>: <message>\n" on stderr.  Input text must be escaped first. */
void heal_main_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print err's message with the program prefix. */
void heal_main_report(const struct heal_error *err);

/* The exit status for an error code. */
enum heal_exit heal_main_exit_for(enum heal_err code);

/* Print err and return its exit status. */
int heal_main_fail(const struct heal_error *err);

/* Usage error: print "<prog>: <msg>" and a hint to --help; returns 2. */
int heal_main_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "<prog> (heal) <version>" on stdout. */
void heal_main_version(void);

/*
 * Flush and close stdout; when that fails, report it and turn status into
 * HEAL_EXIT_IOERR.  Returns the status to exit with.
 */
int heal_main_finish(int status);

/*
 * The exit status of a run that skipped bad input lines (--keep-going):
 * after every good record was processed and written, a skipped line makes
 * it HEAL_EXIT_DATAERR, over OK and FINDINGS; worse statuses stay.
 */
int heal_main_skipped(int status);

/* An option's number: s whole, finite, from lo to hi, in *out; -1 when it
 * is not one. */
int heal_main_number(const char *s, double lo, double hi, double *out);

/* An option's file descriptor: s a whole number from 3 to 1023 that is
 * open, in *fd, made close-on-exec (the programs the tool starts, the
 * user's command among them, do not inherit it); -1 when it is not one. */
int heal_main_fd(const char *s, int *fd);

/* The EXIT STATUS text shared by every --help. */
extern const char heal_main_exit_help[];

#endif
