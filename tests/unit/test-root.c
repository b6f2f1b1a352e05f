#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsfix.h"
#include "heal_root.h"
#include "tap.h"

static struct heal_root root;

static const char *rel(const char *cwd, const char *p, int *kind)
{
	static char keep[4096];
	char *out;

	*kind = heal_root_relpath(&root, cwd, p, strlen(p), &out);
	if (!out)
		return "(none)";
	snprintf(keep, sizeof(keep), "%s", out);
	free(out);
	return keep;
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	char dir[] = "/tmp/heal-root-XXXXXX";
	char outside[] = "/tmp/heal-out-XXXXXX";
	char path[4200];
	struct heal_buf b;
	int k, fd, pass;

	if (!mkdtemp(dir) || !mkdtemp(outside))
		return 1;
	snprintf(path, sizeof(path), "%s/src", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/src/a.c", dir);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	if (fd < 0 || write(fd, "int x;\n", 7) != 7)
		return 1;
	close(fd);
	snprintf(path, sizeof(path), "%s/secret", outside);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	close(fd);
	snprintf(path, sizeof(path), "%s/cfg", dir);
	if (symlink(outside, path) < 0)
		return 1;
	snprintf(path, sizeof(path), "%s/inlink.c", dir);
	if (symlink("src/a.c", path) < 0)
		return 1;
	snprintf(path, sizeof(path), "%s/fifo", dir);
	mkfifo(path, 0644);

	ok(heal_root_open(&root, dir, &err) == 0, "open root");

	is_str(rel(NULL, "src/a.c", &k), "src/a.c", "relative path");
	is_int(k, HEAL_REL_INSIDE, "relative path is inside");
	is_str(rel(NULL, "./src//./a.c", &k), "src/a.c", "dots and slashes normalised");
	snprintf(path, sizeof(path), "%s/src/a.c", dir);
	is_str(rel(NULL, path, &k), "src/a.c", "absolute path inside loses the root prefix");
	is_str(rel("src", "a.c", &k), "src/a.c", "relative to a subdirectory");
	is_str(rel("src", "../src/a.c", &k), "src/a.c", "climbing back in is inside");
	rel(NULL, "../../etc/passwd", &k);
	is_int(k, HEAL_REL_OUTSIDE, "../ escaping is outside");
	rel("src", "../../x", &k);
	is_int(k, HEAL_REL_OUTSIDE, "escaping from a subdirectory is outside");
	rel(NULL, "/etc/hosts", &k);
	is_int(k, HEAL_REL_OUTSIDE, "absolute path elsewhere is outside");
	snprintf(path, sizeof(path), "%sx/a.c", dir);
	rel(NULL, path, &k);
	is_int(k, HEAL_REL_OUTSIDE, "sibling directory sharing a prefix is outside");
	{
		char *o;

		k = heal_root_relpath(&root, NULL, "a\0b.c", 5, &o);
		ok(k == HEAL_REL_INVALID && o == NULL, "NUL in a path is invalid");
	}
	rel(NULL, "a\nb", &k);
	is_int(k, HEAL_REL_INVALID, "newline in a path is invalid");
	rel(NULL, "", &k);
	is_int(k, HEAL_REL_INVALID, "empty path is invalid");

	for (pass = 0; pass < 2; pass++) {
		const char *how = pass ? "walk" : "default";
		bool walk = pass || !heal_root_have_openat2();

		if (pass)
			setenv("HEAL_NO_OPENAT2", "1", 1);
		heal_buf_init(&b, 1 << 20);
		ok(heal_root_read_file(&root, "src/a.c", 100, &b, &err) == 0 &&
		   b.len == 7, "%s: read a file beneath the root", how);
		heal_buf_release(&b);
		heal_buf_init(&b, 1 << 20);
		ok(heal_root_read_file(&root, "src/a.c", 3, &b, &err) == -1 &&
		   err.code == HEAL_ERR_REFUSED, "%s: size cap", how);
		ok(heal_root_openat(&root, "cfg/secret", O_RDONLY, 0, &err) < 0 &&
		   err.code == HEAL_ERR_REFUSED, "%s: symlink leading out refused", how);
		contains(err.msg, "outside the project root", "%s: refusal message", how);
		ok(heal_root_openat(&root, "../x", O_RDONLY, 0, &err) < 0 &&
		   err.code == HEAL_ERR_REFUSED, "%s: .. refused", how);
		ok(heal_root_openat(&root, "/etc/hosts", O_RDONLY, 0, &err) < 0 &&
		   err.code == HEAL_ERR_REFUSED, "%s: absolute refused", how);
		ok(heal_root_read_file(&root, "fifo", 100, &b, &err) == -1 &&
		   err.code == HEAL_ERR_REFUSED, "%s: FIFO refused without blocking", how);
		ok(heal_root_openat(&root, "missing.c", O_RDONLY, 0, &err) < 0 &&
		   err.code == HEAL_ERR_IO && err.sys_errno == ENOENT,
		   "%s: missing file is an I/O error with ENOENT", how);
		heal_buf_release(&b);
		/* openat2 may follow an inside link; the walk refuses every link */
		fd = heal_root_openat(&root, "inlink.c", O_RDONLY, 0, &err);
		ok(walk ? fd < 0 : fd >= 0, "%s: symlink staying inside: %s", how,
		   walk ? "refused by the walk" : "followed by openat2");
		if (fd >= 0)
			close(fd);
	}
	heal_root_close(&root);
	heal_root_close(NULL);
	fs_rm_tree(dir);
	fs_rm_tree(outside);
	return tap_done();
}
