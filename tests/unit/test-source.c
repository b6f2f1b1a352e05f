#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_source.h"
#include "fsfix.h"
#include "tap.h"

static char dir[] = "/tmp/heal-source-XXXXXX";

struct walk {
	char seen[8][64];
	size_t n;
};

static bool visit(void *ctx, const char *path, const char *name)
{
	struct walk *w = ctx;

	(void)name;
	if (w->n < 8)
		snprintf(w->seen[w->n], sizeof(w->seen[0]), "%s", path);
	w->n++;
	return false;
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	const struct heal_source_file *first, *again;
	struct heal_sources s;
	struct heal_root root;
	struct walk w = { .n = 0 };
	char name[64];
	int i, ok_all = 1;

	if (!mkdtemp(dir))
		return 1;
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "%s/f%03d.c", dir, i);
		fs_put(name, "int x;\nint y;\n", 0644);
	}
	if (heal_root_open(&root, dir, &err) < 0)
		return 1;
	heal_sources_init(&s, &root);

	/* every file read stays valid until clear: nothing is evicted */
	first = heal_sources_get(&s, "f000.c", &err);
	ok(first && first->nlines == 2, "a file is read and indexed");
	for (i = 1; i < 200; i++) {
		snprintf(name, sizeof(name), "f%03d.c", i);
		if (!heal_sources_get(&s, name, &err))
			ok_all = 0;
	}
	ok(ok_all, "200 files read for one record");
	is_str(first->rel, "f000.c", "the first one is still whole after them");
	again = heal_sources_get(&s, "f000.c", &err);
	ok(again == first, "and comes from the cache");
	heal_sources_clear(&s);
	is_int(s.n, 0, "clear forgets them");

	/* the walk: sorted, hidden entries aside, subdirectories after */
	mkdir(fs_at(dir, "sub"), 0755);
	mkdir(fs_at(dir, ".hidden"), 0755);
	fs_put(fs_at(dir, "sub/z.c"), "z\n", 0644);
	fs_put(fs_at(dir, ".hidden/h.c"), "h\n", 0644);
	fs_put(fs_at(dir, ".dot"), "d\n", 0644);
	heal_source_walk(&s, 100, 8, visit, &w);
	is_int(w.n, 201, "the walk visits every visible file");
	is_str(w.seen[0], "f000.c", "in sorted order");

	heal_sources_release(&s);
	heal_root_close(&root);
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "%s/f%03d.c", dir, i);
		unlink(name);
	}
	unlink(fs_at(dir, "sub/z.c"));
	unlink(fs_at(dir, ".hidden/h.c"));
	unlink(fs_at(dir, ".dot"));
	rmdir(fs_at(dir, "sub"));
	rmdir(fs_at(dir, ".hidden"));
	rmdir(dir);
	return tap_done();
}
