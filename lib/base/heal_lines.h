/*
 * heal_lines.h - split a byte stream into lines with flat memory.
 *
 * Reads in large blocks and finds line ends with memchr.  A line longer
 * than max_line is returned once, cut to max_line bytes with `truncated`
 * set, and the rest of it is skipped without being buffered, so memory
 * stays at max_line plus one block whatever the input.  A trailing "\r"
 * (CRLF line end) is removed and reported in `crlf`.  NUL bytes and invalid
 * UTF-8 are returned as they are.  A last line without "\n" is returned.
 */
#ifndef HEAL_LINES_H
#define HEAL_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "heal_error.h"

/* Read up to n bytes: bytes read, 0 at end of input, -1 with errno set. */
typedef ssize_t (*heal_read_fn)(void *ctx, void *buf, size_t n);

struct heal_line {
	const char *data;     /* borrowed: valid until the next call */
	size_t len;
	uint64_t lineno;      /* 1-based */
	bool truncated;       /* the input line was longer than max_line */
	bool crlf;            /* the line ended in "\r\n" */
};

struct heal_lines {
	heal_read_fn read;
	void *ctx;
	int fd;               /* for heal_lines_init_fd */
	char *buf;
	size_t cap, start, end, scanned;
	size_t max_line;
	uint64_t lineno;
	bool eof;
	bool skipping;        /* inside the unreturned tail of a long line */
	bool drop_pending;    /* the last line returned must be dropped */
	size_t drop_to;
};

#define HEAL_LINES_BLOCK (64u * 1024)

/* Caller-owned storage.  max_line >= 1. */
void heal_lines_init(struct heal_lines *r, heal_read_fn fn, void *ctx,
		     size_t max_line);
/* Read from a file descriptor (not closed by heal_lines_release). */
void heal_lines_init_fd(struct heal_lines *r, int fd, size_t max_line);
void heal_lines_release(struct heal_lines *r);

/* 1: a line is in *out; 0: end of input; -1: read error (err set). */
int heal_lines_next(struct heal_lines *r, struct heal_line *out,
		    struct heal_error *err);

#endif
