#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "heal_backup.h"
#include "fsfix.h"
#include "tap.h"

#define SHA "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static int parse(const char *s)
{
	struct heal_backup_manifest m;
	struct heal_error err = HEAL_ERROR_INIT;
	int r = heal_backup_manifest_parse(s, strlen(s), &m, &err);

	heal_backup_manifest_release(&m);
	return r;
}

static char dir[] = "/tmp/heal-backup-XXXXXX";

static const char *at(const char *rel)
{
	return fs_at(dir, rel);
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_backup_manifest m;
	struct heal_root root;
	struct heal_safefile sf;
	struct heal_buf b;
	const char *good = "heal-backup 1\nsession s1\nfile " SHA " 0644 0 src/a.c\nabsent new.c\n";
	size_t n;

	/* the manifest parser */
	is_int(parse(good), 0, "a good manifest");
	ok(heal_backup_manifest_parse(good, strlen(good), &m, &err) == 0 &&
	   m.n == 2 && m.v[0].exists && m.v[0].mode == 0644 && !m.v[1].exists,
	   "its entries");
	heal_buf_init(&b, 1 << 20);
	heal_backup_manifest_format(&m, &b, &err);
	is_str(heal_buf_str(&b), good, "format round-trips");
	heal_buf_release(&b);
	heal_backup_manifest_release(&m);
	is_int(parse("heal-backup 2\nsession s\n"), -1, "other version refused");
	is_int(parse("heal-backup 1\nsession s"), -1, "no final newline refused");
	is_int(parse("heal-backup 1\n"), -1, "no session refused");
	is_int(parse("heal-backup 1\nsession ../x\n"), -1, "bad session id refused");
	is_int(parse("heal-backup 1\nsession s\nfile " SHA " 0644 0 ../etc/passwd\n"), -1, "'..' refused");
	is_int(parse("heal-backup 1\nsession s\nfile " SHA " 0644 0 /etc/passwd\n"), -1, "absolute refused");
	is_int(parse("heal-backup 1\nsession s\nfile " SHA " 0644 0 a//b\n"), -1, "non-canonical refused");
	is_int(parse("heal-backup 1\nsession s\nfile " SHA " 4755 0 a\n"), -1, "set-id mode refused");
	is_int(parse("heal-backup 1\nsession s\nfile " SHA " 0644 01 a\n"), -1, "leading zero size refused");
	is_int(parse("heal-backup 1\nsession s\nfile " SHA " 0644 99999999999999999999999 a\n"), -1, "huge size refused");
	is_int(parse("heal-backup 1\nsession s\nfile XYZ 0644 0 a\n"), -1, "bad digest refused");
	is_int(parse("heal-backup 1\nsession s\nabsent a\nabsent a\n"), -1, "duplicate refused");
	is_int(parse("heal-backup 1\nsession s\nlink a b\n"), -1, "unknown item refused");
	is_int(parse("heal-backup 1\nsession s\nabsent a\x01\n"), -1, "control character refused");
	{
		/*
		 * 50,000 paths with a 300-byte common prefix and a duplicate
		 * at the end: found through a hash map, not 10^9 string
		 * comparisons of 300 bytes (a hostile backup set stalled a
		 * rollback), and the entries grow geometrically (one realloc
		 * per entry was quadratic under ASan and valgrind)
		 */
		struct heal_buf big;
		char prefix[301];
		size_t i;
		clock_t t0 = clock();
		int r;

		memset(prefix, 'p', 300);
		prefix[300] = '\0';
		heal_buf_init(&big, HEAL_BACKUP_MANIFEST_MAX);
		heal_buf_puts(&big, "heal-backup 1\nsession s\n");
		for (i = 0; i < 50000; i++)
			heal_buf_putf(&big, "absent %s/%zu\n", prefix, i);
		heal_buf_putf(&big, "absent %s/%zu\n", prefix, (size_t)7);
		r = heal_backup_manifest_parse(big.data, big.len, &m, &err);
		ok(r < 0 && strstr(err.msg, "line 50003: duplicate path") != NULL,
		   "a duplicate after 50,000 long paths: %s", err.msg);
		ok(clock() - t0 < 20 * CLOCKS_PER_SEC, "found in linear time");
		heal_buf_release(&big);
	}
	ok(heal_backup_session_ok("20261122T131500Z-42"), "session id");
	ok(!heal_backup_session_ok(".hidden") && !heal_backup_session_ok("a/b") &&
	   !heal_backup_session_ok(""), "bad session ids");

	/* save, load, restore */
	if (!mkdtemp(dir))
		return 1;
	mkdir(at("src"), 0755);
	fs_put(at("src/a.c"), "alpha\r\nno newline", 0751);
	fs_put(at("b.txt"), "", 0600);
	ok(heal_root_open(&root, dir, &err) == 0, "root");
	heal_safefile_init(&sf, &root);
	{
		const char *const files[] = { "src/a.c", "b.txt", "src/new.c" };

		is_int(heal_backup_save(&sf, "s1", files, 3, &err), 0, "save");
	}
	ok(access(at(".heal/backups/s1.tar.gz"), F_OK) == 0, "the archive exists");
	fs_put(at("src/a.c"), "changed\n", 0644);
	fs_put(at("b.txt"), "x", 0644);
	fs_put(at("src/new.c"), "created\n", 0644);
	{
		/* a second run of the session adds files, keeps first states */
		const char *const files[] = { "src/a.c" };

		fs_put(at("c.txt"), "c\n", 0644);
		is_int(heal_backup_save(&sf, "s1", files, 1, &err), 0, "save again");
	}
	ok(heal_backup_load(&sf, "s1", &m, &err) == 0 && m.n == 3, "load");
	heal_backup_manifest_release(&m);
	is_int(heal_backup_restore(&sf, "s1", &n, &err), 0, "restore");
	is_int(n, 3, "three files restored");
	is_str(fs_get(at("src/a.c")), "alpha\r\nno newline", "byte-identical");
	is_int(fs_mode(at("src/a.c")), 0751, "mode restored");
	is_str(fs_get(at("b.txt")), "", "empty file restored");
	is_int(fs_mode(at("b.txt")), 0600, "its mode");
	ok(access(at("src/new.c"), F_OK) != 0, "a file the session created is removed");

	/* truncated archive: refused, nothing written */
	fs_put(at("src/a.c"), "after\n", 0644);
	truncate(at(".heal/backups/s1.tar.gz"), 100);
	is_int(heal_backup_restore(&sf, "s1", &n, &err), -1, "truncated archive refused");
	is_int(err.code, HEAL_ERR_REFUSED, "as refused");
	is_str(fs_get(at("src/a.c")), "after\n", "nothing written");
	is_int(heal_backup_restore(&sf, "nope", &n, &err), -1, "a missing session fails");
	is_int(heal_backup_restore(&sf, "../x", &n, &err), -1, "a bad session id fails");
	heal_safefile_release(&sf);
	heal_root_close(&root);
	fs_rm_tree(dir);
	return tap_done();
}
