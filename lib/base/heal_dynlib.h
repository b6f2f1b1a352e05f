/*
 * heal_dynlib.h - shared libraries loaded when first needed.
 *
 * libarchive (a dozen libraries with it: ICU, libxml2, the compressors)
 * and libcurl (three dozen) cost milliseconds of dynamic loading and
 * relocation at every start of a tool that links them, while most runs
 * never call them: a plain-text log needs no decompressor, an analysis
 * without HEAL_LLM_URL no HTTP.  Their users open them with dlopen() on
 * first use instead, through a table of function pointers that the
 * library's own header types (see heal_archive.h and heal_llm.c).
 */
#ifndef HEAL_DYNLIB_H
#define HEAL_DYNLIB_H

#include "heal_error.h"

/*
 * dlopen(soname) with every symbol bound now.  NULL with HEAL_ERR_IO
 * "cannot load 'SONAME': REASON" when it cannot be loaded.  The handle is
 * never closed: the library stays for the life of the process.
 */
void *heal_dynlib_open(const char *soname, struct heal_error *err);

/*
 * The address of name in the library h opened as soname, or NULL with
 * HEAL_ERR_IO "'SONAME' has no 'NAME'".
 */
void *heal_dynlib_sym(void *h, const char *soname, const char *name,
		      struct heal_error *err);

#endif
