/*
 * heal_archive.h - libarchive, loaded on first use.
 *
 * Reading compressed logs (heal_detect_input.c) and backup sets
 * (heal_backup.c) are the only users of libarchive, and most runs of most
 * tools need neither; linking it would make every start load and relocate
 * libarchive and the dozen libraries it needs (heal_dynlib.h).  Its users
 * call it through this table instead, with the library's own prototypes.
 */
#ifndef HEAL_ARCHIVE_H
#define HEAL_ARCHIVE_H

#include <archive.h>
#include <archive_entry.h>

#include "heal_error.h"

/* The functions heal uses, once: X(name). */
#define HEAL_ARCHIVE_FUNCTIONS(X) \
	X(archive_entry_filetype) \
	X(archive_entry_hardlink) \
	X(archive_entry_pathname) \
	X(archive_entry_size) \
	X(archive_entry_size_is_set) \
	X(archive_entry_symlink) \
	X(archive_error_string) \
	X(archive_format) \
	X(archive_read_data) \
	X(archive_read_free) \
	X(archive_read_new) \
	X(archive_read_next_header) \
	X(archive_read_open) \
	X(archive_read_open_memory) \
	X(archive_read_support_filter_all) \
	X(archive_read_support_filter_gzip) \
	X(archive_read_support_format_all) \
	X(archive_read_support_format_raw) \
	X(archive_read_support_format_tar) \
	X(archive_set_error)

#define HEAL_ARCHIVE_FIELD(name) __typeof__(name) *name;
struct heal_archive {
	HEAL_ARCHIVE_FUNCTIONS(HEAL_ARCHIVE_FIELD)
};
#undef HEAL_ARCHIVE_FIELD

/*
 * libarchive's functions, loaded (HEAL_LIBARCHIVE_SONAME) on the first
 * call; NULL with err set when the library or one of its functions is
 * missing.  The table is static and valid for the life of the process.
 */
const struct heal_archive *heal_archive_get(struct heal_error *err);

#endif
