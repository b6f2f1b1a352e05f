#include <stdbool.h>
#include <stddef.h>

#include "heal_archive.h"
#include "heal_config_build.h"
#include "heal_dynlib.h"

const struct heal_archive *heal_archive_get(struct heal_error *err)
{
	static struct heal_archive api;
	static bool loaded;
	struct heal_archive tmp;
	void *h;

	if (loaded)
		return &api;
	h = heal_dynlib_open(HEAL_LIBARCHIVE_SONAME, err);
	if (!h)
		return NULL;
#define HEAL_ARCHIVE_LOAD(name) \
	tmp.name = (__typeof__(tmp.name))heal_dynlib_sym(h, HEAL_LIBARCHIVE_SONAME, #name, err); \
	if (!tmp.name) \
		return NULL;
	HEAL_ARCHIVE_FUNCTIONS(HEAL_ARCHIVE_LOAD)
#undef HEAL_ARCHIVE_LOAD
	api = tmp;
	loaded = true;
	return &api;
}
