#include <dlfcn.h>

#include "heal_dynlib.h"

void *heal_dynlib_open(const char *soname, struct heal_error *err)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (!h) {
		const char *why = dlerror();

		heal_error_set(err, HEAL_ERR_IO, "cannot load '%s': %s", soname,
			       why ? why : "unknown error");
	}
	return h;
}

void *heal_dynlib_sym(void *h, const char *soname, const char *name,
		      struct heal_error *err)
{
	void *p;

	dlerror();
	p = dlsym(h, name);
	if (!p)
		heal_error_set(err, HEAL_ERR_IO, "'%s' has no '%s'", soname, name);
	return p;
}
