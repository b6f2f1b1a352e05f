/*
 * heal_detect_generic.h - what the generic reader's two files share
 * (heal_detect_generic.c: a diagnostic's line; heal_detect_stack.c: a
 * file-stack group's rows): its state, and the words and shapes both
 * read.  Private to lib/detect.
 */
#ifndef HEAL_DETECT_GENERIC_H
#define HEAL_DETECT_GENERIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heal_detect_int.h"

#define GEN_LOOKUPS 1024
#define GEN_CACHE 4096 /* power of two, > GEN_LOOKUPS */
#define GEN_PATH_MAX 1024
#define GEN_TOOL_MAX 40

struct gen_row {
	const char *lno, *col, *eline, *ecol, *sev, *code, *msg;
	size_t nlno, ncol, neline, necol, ncode, nmsg;
	bool prefixed; /* a severity, a category or a code before LINE */
};

struct heal_detect_generic {
	struct heal_pattern_matcher m; /* what finish_rec reads: tool, unit */
	uint64_t key[GEN_CACHE];       /* 0: free */
	signed char ok[GEN_CACHE];     /* 1 a regular file, 0 not */
	size_t ncached;
	unsigned lookups; /* in this input */
	/* the file-stack group whose rows are being read: its head's path
	 * (while the last line was one of its rows) */
	char head[GEN_PATH_MAX + 1];
	size_t nhead;
	/* the last line read as a row, and what it was */
	const char *row_at;
	size_t row_len;
	bool row_ok;
	struct gen_row row;
};

static inline bool dig(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static inline bool upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static inline bool alpha(char c)
{
	return lower(c) || upper(c);
}

static inline bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A byte of a printed path: not blank, no quote, no separator of a
 * location ("a.c:3", "a.cs(3,5)", "[a.c:3]"). */
static const bool not_path[256] = {
	[0 ... ' '] = true, [':'] = true,    ['('] = true, [')'] = true,
	['['] = true,       [']'] = true,    ['"'] = true, ['\''] = true,
	['`'] = true,       ['<'] = true,    ['>'] = true, ['|'] = true,
	[','] = true,       [';'] = true,    ['='] = true, ['{'] = true,
	['}'] = true,       ['\x7f'] = true,
};

static inline bool path_char(char c)
{
	return !not_path[(unsigned char)c];
}

/* Whether p[0, n) can be a printed file name (a letter, and a '.' or '/',
 * or a name ending in "file"). */
bool heal_detect_gen_path_shape(const char *p, size_t n);
/* The severity (error, warning, note) a word names, any case, or NULL. */
const char *heal_detect_gen_severity(const char *s, size_t n);
/* The length of the word at s (letters; "fatal error" is one). */
size_t heal_detect_gen_word_len(const char *s, size_t n);
/* The number of digits at s[i] (at most ten). */
size_t heal_detect_gen_digits(const char *s, size_t n, size_t i);
/* The length of a code at s (E401, W0611, SC2086, MD013/line-length), 0
 * when there is none. */
size_t heal_detect_gen_code_len(const char *s, size_t n);
/* The severity a one-letter code's convention gives (pylint's), or NULL. */
const char *heal_detect_gen_code_severity(const char *c, size_t n);
/* The reader's state, made on first use. */
struct heal_detect_generic *heal_detect_gen_get(struct heal_detect *d);

/* A record's fields as the line has them: v[f] (NULL: none), n[f] bytes. */
struct gen_fields {
	const char *v[HEAL_PF_COUNT];
	size_t n[HEAL_PF_COUNT];
};

#define GEN_FIELD(o, f, s, len) \
	((o)->v[(f)] = (s), (o)->n[(f)] = (s) ? (len) : 0)

/* The generic reader's record of the current line (tool "generic" unless
 * fields say): 1, or -1 with err set. */
int heal_detect_gen_record(struct heal_detect *d, const struct gen_fields *o,
			   struct heal_error *err);

#endif
