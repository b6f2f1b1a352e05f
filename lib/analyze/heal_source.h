/*
 * heal_source.h - source files read for analysis, beneath the project root.
 *
 * A small cache of files read through heal_root_read_file (so never outside
 * the root, never larger than the cap), each with its SHA-256 and an index
 * of line starts.  Directory listings and existence checks go through the
 * root as well.  Nothing here writes.
 */
#ifndef HEAL_SOURCE_H
#define HEAL_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "heal_error.h"
#include "heal_root.h"
#include "heal_sha256.h"

/*
 * Largest source file heal-analyze reads, and most bytes of files read
 * between two heal_sources_clear (one record's analysis).
 */
#define HEAL_SOURCE_MAX_FILE (4u << 20)
#define HEAL_SOURCE_MAX_BYTES (128u << 20)
/* Most entries returned by heal_source_list. */
#define HEAL_SOURCE_MAX_ENTRIES 4096

struct heal_source_file {
	char *rel;               /* root-relative path */
	char *data;              /* contents, NUL-terminated (NUL not counted) */
	size_t len;
	char sha256[HEAL_SHA256_HEX];
	size_t *starts;          /* byte offset of each line start */
	size_t nlines;
};

struct heal_sources {
	const struct heal_root *root;
	struct heal_source_file **v;
	size_t n, cap;
	size_t bytes;            /* of the files held */
};

void heal_sources_init(struct heal_sources *s, const struct heal_root *root);
/* Forget every cached file (their pointers become invalid). */
void heal_sources_clear(struct heal_sources *s);
void heal_sources_release(struct heal_sources *s);

/*
 * The file at rel (root-relative), read on first use.  The result is
 * borrowed from the cache, valid until heal_sources_clear (nothing is
 * evicted before).  NULL with err set when it cannot be read (outside the
 * root, missing, too large) or the files held would exceed
 * HEAL_SOURCE_MAX_BYTES.
 */
const struct heal_source_file *heal_sources_get(struct heal_sources *s,
						const char *rel,
						struct heal_error *err);

/*
 * Line n (1-based) of f: its start offset and length without the line end
 * ("\n" or "\r\n").  false when the file has no such line.
 */
bool heal_source_line(const struct heal_source_file *f, size_t n,
		      size_t *start, size_t *len);
/* The 1-based line holding byte offset off. */
size_t heal_source_line_of(const struct heal_source_file *f, size_t off);
/* Length of the line end ("\r\n" 2, "\n" 1, none 0) of line n. */
size_t heal_source_eol_len(const struct heal_source_file *f, size_t n);

/*
 * Whether rel exists beneath the root (symlinks leaving it count as
 * missing).  *is_dir and *mode (may be NULL) describe it.
 */
bool heal_source_exists(const struct heal_sources *s, const char *rel,
			bool *is_dir, mode_t *mode);

/*
 * The names in directory rel ("" or "." for the root), sorted, without
 * "." and "..", at most HEAL_SOURCE_MAX_ENTRIES.  want_dirs: 1 only
 * directories, 0 only other entries, -1 all.  Returns the count, and the
 * array in *out (owned by the caller: heal_source_list_free); -1 with err
 * set when the directory cannot be read.
 */
ssize_t heal_source_list(const struct heal_sources *s, const char *rel,
			 int want_dirs, char ***out, struct heal_error *err);
void heal_source_list_free(char **names, size_t n);

/*
 * Visit the files beneath the root breadth first, names in sorted order,
 * hidden entries (a name starting with '.') and symlinks leaving the root
 * aside, reading at most max_dirs directories and max_depth levels below
 * the root.  visit gets each file's root-relative path (valid during the
 * call) and its name; it returns true to stop the walk.
 */
typedef bool (*heal_source_visit_fn)(void *ctx, const char *path,
				     const char *name);
void heal_source_walk(const struct heal_sources *s, size_t max_dirs,
		      size_t max_depth, heal_source_visit_fn visit, void *ctx);

#endif
