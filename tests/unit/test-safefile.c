#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_safefile.h"
#include "fsfix.h"
#include "tap.h"

static char dir[] = "/tmp/heal-safefile-XXXXXX";

static const char *at(const char *rel)
{
	return fs_at(dir, rel);
}
static char outside[] = "/tmp/heal-safeout-XXXXXX";

static const char *sha_of(const char *s)
{
	static char h[HEAL_SHA256_HEX];

	heal_sha256_hex(s, strlen(s), h);
	return h;
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_root root;
	struct heal_safefile sf;
	struct heal_safefile_info info;
	struct heal_buf b;
	char sha[HEAL_SHA256_HEX];
	int r;

	if (!mkdtemp(dir) || !mkdtemp(outside))
		return 1;
	mkdir(at("src"), 0755);
	mkdir(at(".git"), 0755);
	mkdir(at("sub"), 0755);
	mkdir(at("sub/.git"), 0755);
	fs_put(at("src/a.c"), "int x;\n", 0640);
	fs_put(at(".git/config"), "[core]\n", 0644);
	fs_put(at("sub/.git/HEAD"), "ref\n", 0644);
	{
		char p[4200];

		snprintf(p, sizeof(p), "%s/secret", outside);
		fs_put(p, "secret\n", 0644);
		if (symlink(outside, at("cfg")) < 0 ||
		    symlink("src/a.c", at("link.c")) < 0 ||
		    symlink("/tmp/heal-evil-does-not-exist", at("new.c")) < 0 ||
		    link(at("src/a.c"), at("src/hard.c")) < 0)
			return 1;
	}
	fs_put(at("big.c"), "0123456789abcdef", 0644);
	fs_put(at("ro.c"), "ro\n", 0444);
	mkdir(at("rodir"), 0755);
	fs_put(at("rodir/f.c"), "f\n", 0644);
	chmod(at("rodir"), 0555);
	mkfifo(at("fifo"), 0644);

	ok(heal_root_open(&root, dir, &err) == 0, "open root");
	heal_safefile_init(&sf, &root);

	/* the hard link is removed again for the replace tests */
	r = heal_safefile_replace(&sf, "src/a.c", "int y;\n", 7, NULL, -1, 0, &err);
	is_int(r, -1, "a hard-linked file is refused");
	is_int(err.code, HEAL_ERR_REFUSED, "refused, not an I/O error");
	contains(err.msg, "hard-linked", "the message says hard-linked");
	unlink(at("src/hard.c"));

	heal_sha256_hex("int x;\n", 7, sha);
	r = heal_safefile_replace(&sf, "src/a.c", "int y;\n", 7, sha, -1, 0, &err);
	is_int(r, 0, "replace with the right pre-image");
	is_str(fs_get(at("src/a.c")), "int y;\n", "new contents");
	is_int(fs_mode(at("src/a.c")), 0640, "mode kept");
	is_int(fs_count_temps(at("src")), 0, "no temporary file left");

	r = heal_safefile_replace(&sf, "src/a.c", "int z;\n", 7, sha, -1, 0, &err);
	is_int(r, -1, "stale pre-image refused");
	is_int(err.code, HEAL_ERR_STALE, "as stale");
	is_str(fs_get(at("src/a.c")), "int y;\n", "stale file untouched");

	r = heal_safefile_replace(&sf, "link.c", "x", 1, NULL, -1, 0, &err);
	is_int(err.code, HEAL_ERR_REFUSED, "a symlink is refused");
	contains(err.msg, "symbolic link", "says symbolic link");
	is_str(fs_get(at("src/a.c")), "int y;\n", "its target untouched");

	r = heal_safefile_replace(&sf, "new.c", "x", 1, NULL, -1, HEAL_SF_CREATE, &err);
	is_int(r, -1, "creating over a dangling symlink is refused");
	ok(access("/tmp/heal-evil-does-not-exist", F_OK) != 0, "its target was not created");

	r = heal_safefile_replace(&sf, "cfg/secret", "x", 1, NULL, -1, 0, &err);
	is_int(err.code, HEAL_ERR_REFUSED, "a path through a symlink out of the root is refused");
	{
		char p[4200];

		snprintf(p, sizeof(p), "%s/secret", outside);
		is_str(fs_get(p), "secret\n", "the outside file is untouched");
	}
	r = heal_safefile_replace(&sf, "../x", "x", 1, NULL, -1, HEAL_SF_CREATE, &err);
	is_int(err.code, HEAL_ERR_REFUSED, "'..' refused");
	r = heal_safefile_replace(&sf, "/etc/hosts", "x", 1, NULL, -1, 0, &err);
	is_int(err.code, HEAL_ERR_REFUSED, "absolute path refused");
	r = heal_safefile_replace(&sf, "src/./a.c", "x", 1, NULL, -1, 0, &err);
	is_int(err.code, HEAL_ERR_REFUSED, "non-canonical path refused");

	r = heal_safefile_replace(&sf, ".git/config", "x", 1, NULL, -1, 0, &err);
	is_int(err.code, HEAL_ERR_REFUSED, ".git is protected");
	contains(err.msg, "protected", "says protected");
	r = heal_safefile_replace(&sf, "sub/.git/HEAD", "x", 1, NULL, -1, 0, &err);
	is_int(err.code, HEAL_ERR_REFUSED, "a nested .git is protected");
	r = heal_safefile_replace(&sf, ".heal/x", "x", 1, NULL, -1, HEAL_SF_CREATE, &err);
	is_int(err.code, HEAL_ERR_REFUSED, ".heal is protected");
	ok(heal_safefile_protect(&sf, "src", &err) == 0, "protect src");
	r = heal_safefile_replace(&sf, "src/a.c", "x", 1, NULL, -1, 0, &err);
	is_int(err.code, HEAL_ERR_REFUSED, "a configured protected path is refused");
	ok(heal_safefile_protect(&sf, "../elsewhere", &err) < 0, "protecting outside the root is a usage error");
	heal_safefile_release(&sf);
	heal_safefile_init(&sf, &root);

	r = heal_safefile_replace(&sf, "fifo", "x", 1, NULL, -1, 0, &err);
	is_int(err.code, HEAL_ERR_REFUSED, "a FIFO is refused");
	contains(err.msg, "regular", "says not a regular file");
	sf.max_size = 8;
	r = heal_safefile_replace(&sf, "big.c", "x", 1, NULL, -1, 0, &err);
	is_int(err.code, HEAL_ERR_REFUSED, "a file over the size cap is refused");
	r = heal_safefile_replace(&sf, "src/a.c", "0123456789", 10, NULL, -1, 0, &err);
	is_int(err.code, HEAL_ERR_REFUSED, "new contents over the size cap are refused");
	sf.max_size = HEAL_SAFEFILE_MAX_DEFAULT;

	r = heal_safefile_replace(&sf, "ro.c", "x", 1, NULL, -1, 0, &err);
	if (geteuid() != 0) {
		is_int(err.code, HEAL_ERR_REFUSED, "a read-only file is refused");
		is_int(fs_mode(at("ro.c")), 0444, "its mode is unchanged");
		is_str(fs_get(at("ro.c")), "ro\n", "its contents are unchanged");
	} else {
		/* the kernel lets root write it: not read-only to root */
		is_int(r, 0, "root may replace a file of mode 0444");
		is_int(fs_mode(at("ro.c")), 0444, "its mode is kept");
		is_str(fs_get(at("ro.c")), "x", "its contents are replaced");
	}
	r = heal_safefile_replace(&sf, "rodir/f.c", "x", 1, NULL, -1, 0, &err);
	is_int(err.code, HEAL_ERR_REFUSED, "a file in a read-only directory is refused");
	is_int(fs_mode(at("rodir")), 0555, "the directory's mode is unchanged");

	r = heal_safefile_replace(&sf, "src/n.c", "new\n", 4, NULL, -1, 0, &err);
	is_int(r, -1, "no create without HEAL_SF_CREATE");
	r = heal_safefile_replace(&sf, "src/n.c", "new\n", 4, sha_of(""), -1,
				  HEAL_SF_CREATE, &err);
	is_int(r, 0, "create a file");
	is_str(fs_get(at("src/n.c")), "new\n", "created contents");
	is_int(fs_mode(at("src/n.c")), 0644, "created mode 0644");
	r = heal_safefile_replace(&sf, "src/n2.c", "x", 1, sha_of("other"), -1,
				  HEAL_SF_CREATE, &err);
	is_int(err.code, HEAL_ERR_STALE, "create with a non-empty pre-image is stale");

	heal_buf_init(&b, 1 << 20);
	r = heal_safefile_load(&sf, "src/a.c", 0, &b, &info, &err);
	is_int(r, 0, "load");
	is_str(heal_buf_str(&b), "int y;\n", "load contents");
	is_str(info.sha256, sha_of("int y;\n"), "load digest");
	is_int(info.mode, 0640, "load mode");
	heal_buf_release(&b);
	r = heal_safefile_load(&sf, "src/none.c", HEAL_SF_MISSING_OK, NULL, &info, &err);
	ok(r == 0 && !info.exists, "load of a missing file with MISSING_OK");

	r = heal_safefile_chmod(&sf, "src/a.c", 0750, sha_of("int y;\n"), &err);
	is_int(r, 0, "chmod in-process");
	is_int(fs_mode(at("src/a.c")), 0750, "chmod result");
	r = heal_safefile_chmod(&sf, "src/a.c", 04755, NULL, &err);
	is_int(err.code, HEAL_ERR_REFUSED, "set-id modes refused");
	r = heal_safefile_chmod(&sf, "src/a.c", 0700, sha, &err);
	is_int(err.code, HEAL_ERR_STALE, "chmod with a stale digest refused");
	is_int(fs_mode(at("src/a.c")), 0750, "mode unchanged");

	r = heal_safefile_mkdir(&sf, "x/y/z", 0, &err);
	is_int(r, 0, "mkdir -p beneath the root");
	ok(access(at("x/y/z"), F_OK) == 0, "directories exist");
	is_int(heal_safefile_mkdir(&sf, "x/y/z", 0, &err), 0, "mkdir of an existing directory");
	r = heal_safefile_mkdir(&sf, "cfg/new", 0, &err);
	is_int(err.code, HEAL_ERR_REFUSED, "mkdir through a symlink refused");
	{
		char p[4200];

		snprintf(p, sizeof(p), "%s/new", outside);
		ok(access(p, F_OK) != 0, "nothing created outside");
	}
	r = heal_safefile_mkdir(&sf, "src/a.c/x", 0, &err);
	is_int(err.code, HEAL_ERR_REFUSED, "mkdir through a file refused");

	/* a killed run's temporary files */
	fs_put(at("src/.heal-tmp.99.1.deadbeef"), "half", 0600);
	fs_put(at("x/.heal-tmp.99.2.deadbeef"), "half", 0600);
	heal_safefile_release(&sf);
	heal_safefile_init(&sf, &root);
	heal_safefile_set_journal(&sf, HEAL_SAFEFILE_JOURNAL);
	r = heal_safefile_replace(&sf, "src/a.c", "int w;\n", 7, NULL, -1, 0, &err);
	is_int(r, 0, "replace with a journal");
	is_int(fs_count_temps(at("src")), 0, "a stale temporary file in the written directory is removed");
	ok(access(at(".heal/tmpdirs"), F_OK) == 0, "the journal exists");
	{
		/* as if a run died after journalling x */
		int fd = open(at(".heal/tmpdirs"), O_WRONLY | O_APPEND);

		if (fd < 0 || write(fd, "x\n", 2) != 2)
			abort();
		close(fd);
	}
	is_int(heal_safefile_recover(&sf, &err), 0, "recover");
	is_int(fs_count_temps(at("x")), 0, "a journalled directory is cleaned");
	ok(access(at(".heal/tmpdirs"), F_OK) != 0, "the journal is removed");
	r = heal_safefile_replace(&sf, ".heal-tmp.x", "x", 1, NULL, -1, HEAL_SF_CREATE, &err);
	is_int(err.code, HEAL_ERR_REFUSED, "a temporary-file name is never a target");

	r = heal_safefile_open_state(&sf, "src/a.c", O_RDONLY, 0, &err);
	is_int(r, -1, "open_state only under .heal/");
	heal_safefile_release(&sf);
	heal_root_close(&root);
	chmod(at("rodir"), 0755);
	fs_rm_tree(dir);
	fs_rm_tree(outside);
	return tap_done();
}
