/*
 * heal_error.h - the one error value of the heal library.
 *
 * Library functions never print and never exit.  A function that can fail
 * takes a `struct heal_error *` last and returns a negative value (or NULL)
 * after filling it with heal_error_set().  The message is complete text in
 * heal's style: lower case, no full stop, subjects quoted, control
 * characters from input already escaped.  Tools turn the code into an exit
 * status with heal_main_exit_for() and print the message.
 */
#ifndef HEAL_ERROR_H
#define HEAL_ERROR_H

#include <stdarg.h>
#include <stddef.h>

enum heal_err {
	HEAL_OK = 0,
	HEAL_ERR_USAGE,     /* bad option, argument or configuration value */
	HEAL_ERR_INPUT,     /* malformed or out-of-range input data */
	HEAL_ERR_LIMIT,     /* input exceeded a documented cap (bad input) */
	HEAL_ERR_IO,        /* a system call failed: open, read, write, ... */
	HEAL_ERR_NOMEM,     /* out of memory */
	HEAL_ERR_REFUSED,   /* a safety rule refused the operation */
	HEAL_ERR_STALE,     /* a file changed since an edit was computed */
	HEAL_ERR_BUSY,      /* another heal run holds the project lock */
	HEAL_ERR_INTERNAL,  /* a bug: an invariant did not hold */
};

#define HEAL_ERROR_MSG_MAX 1024

struct heal_error {
	enum heal_err code;
	int sys_errno;                   /* errno of a failed system call, or 0 */
	char msg[HEAL_ERROR_MSG_MAX];
};

#define HEAL_ERROR_INIT { HEAL_OK, 0, "" }

/* Reset to HEAL_OK with an empty message.  Accepts NULL. */
void heal_error_clear(struct heal_error *err);

/*
 * Fill err (which may be NULL) with a code and a printf-style message;
 * always returns -1 so callers can `return heal_error_set(...)`.
 */
int heal_error_set(struct heal_error *err, enum heal_err code,
		   const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* As heal_error_set, appending ": strerror(errnum)" and keeping errnum. */
int heal_error_sys(struct heal_error *err, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Prefix the existing message with "prefix: " (for example an input name
 * and line number).  Returns -1.
 */
int heal_error_prefix(struct heal_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A short stable name for a code, e.g. "bad input". */
const char *heal_error_code_name(enum heal_err code);

#endif
