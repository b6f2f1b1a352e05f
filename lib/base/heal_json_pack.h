/*
 * heal_json_pack.h - JSON documents parsed ahead of time.
 *
 * A pack holds data files that a tool loads whole at every start (heal's
 * own pattern files), each parsed once at build time and stored as a
 * binary tree that reads back into a frozen document (heal_json.h) about
 * ten times faster than yajl parses the text.  It is a cache, never a
 * source: an entry is used only when the file it was made from has the
 * same name, length and 64-bit hash as the bytes the caller has just read,
 * so a file edited since the build is parsed as usual, and a pack that is
 * missing, of another build, cut short or damaged is as no pack at all.
 * An entry may also record its file's modification time: a caller whose
 * stat() of the file gives the same length and time takes the entry
 * without reading the file (heal_json_pack_get_unread), as make and
 * Python's .pyc files trust a time.  The writer records only a time some
 * seconds older than the pack: an edit after the pack gives a later time
 * whatever the clock's granularity, as git's "racily clean" rule.
 *
 * The file: "HEALJPK4", a build stamp, the entry count, the entries
 * (name, length, hash and modification time of the source, where its
 * tree is and how much arena it takes), then the trees.  Trees hold
 * values in prefix order: a type byte, then for a number or a string its
 * length (u32), bytes and a NUL, for an array its item count and items,
 * for an object its member count and members, each a key (length, bytes
 * and a NUL) and a value.  The document read back keeps its texts where
 * they are in the pack.  Integers are little-endian.
 */
#ifndef HEAL_JSON_PACK_H
#define HEAL_JSON_PACK_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "heal_buf.h"
#include "heal_error.h"
#include "heal_json.h"

/* A 64-bit hash of data[0..len): for telling a file changed, not for
 * security. */
uint64_t heal_json_pack_hash(const void *data, size_t len);

/* ---- writing (at build time) ------------------------------------------- */

struct heal_json_pack_writer {
	struct heal_buf index; /* the entries */
	struct heal_buf names; /* their names */
	struct heal_buf trees; /* their trees */
	uint32_t n;
};

void heal_json_pack_writer_init(struct heal_json_pack_writer *w);
void heal_json_pack_writer_release(struct heal_json_pack_writer *w);
/* Add doc, parsed from data[0..len), under name (a file name without
 * directory), with its file's modification time when mtime is not NULL
 * (the caller leaves out a time too recent to tell a later edit by).  -1
 * and err when the pack would pass its caps (4 GiB). */
int heal_json_pack_writer_add(struct heal_json_pack_writer *w, const char *name,
			      const char *data, size_t len,
			      const struct timespec *mtime,
			      const struct heal_json *doc,
			      struct heal_error *err);
/* The whole pack, appended to out. */
int heal_json_pack_writer_finish(struct heal_json_pack_writer *w,
				 struct heal_buf *out, struct heal_error *err);

/* ---- reading ------------------------------------------------------------ */

struct heal_json_pack;

/*
 * The pack at path, read whole, or NULL when there is none or it is not a
 * pack of this build (a cache: no error).  The caller owns it
 * (heal_json_pack_free).
 */
struct heal_json_pack *heal_json_pack_open(const char *path);
/* The pack in data[0..len) (copied), or NULL; for tests and fuzzing. */
struct heal_json_pack *heal_json_pack_from(const char *data, size_t len);
void heal_json_pack_free(struct heal_json_pack *p);

/*
 * The document stored under name when data[0..len) is the file it was
 * made from: a frozen document (heal_json_parse_frozen's) whose arena is
 * then *arena, the caller's.  Its strings and keys are the pack's own
 * bytes, and its values are in p's room (one mapping for every entry's
 * tree, taken at the first get; an entry got again gets an arena block):
 * p must outlive it, and gets on one pack are not for two threads at
 * once.  NULL, and *arena NULL, when p is NULL, has no such entry, the
 * entry was made from other bytes, or its tree does not read back whole.
 */
struct heal_json *heal_json_pack_get(const struct heal_json_pack *p,
				     const char *name, const char *data,
				     size_t len,
				     struct heal_json_arena **arena);

/*
 * The same without the file's bytes: the document stored under name when
 * its entry recorded a source of len bytes modified at *mtime (the file's
 * stat()), NULL and *arena NULL otherwise (read the file and call
 * heal_json_pack_get).
 */
struct heal_json *heal_json_pack_get_unread(const struct heal_json_pack *p,
					    const char *name, size_t len,
					    const struct timespec *mtime,
					    struct heal_json_arena **arena);

#endif
