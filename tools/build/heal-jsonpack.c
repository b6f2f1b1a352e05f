/*
 * heal-jsonpack - a build step, not installed: parse JSON data files once
 * and write them as a pack (heal_json_pack.h) that the tools read back at
 * start-up instead of parsing the text.
 *
 * usage: heal-jsonpack OUT FILE|DIR...
 *
 * Each FILE is stored under its name without directory; a DIR stands for
 * its "*.json" files (not those of its subdirectories, none whose name
 * starts with a dot), in name order, as heal_pattern_load_dir reads them.  A FILE that is
 * not valid JSON is left out with a warning: the tools then parse it, and
 * report it, as without a pack.  A FILE's modification time is recorded
 * when it is at least RACY_SECONDS old (the tools then take its entry on
 * a stat() alone).  OUT is replaced whole (a temporary file renamed over
 * it).  Exit 0, or 1 when a FILE cannot be read or OUT
 * cannot be written.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_fd.h"
#include "heal_json_pack.h"

/* A modification time this recent is not recorded: an edit in the same
 * tick of the file system's clock could keep it (git's "racily clean"). */
#define RACY_SECONDS 2

/* The file's bytes in b, its status (taken before they are read) in st. */
static int read_file(const char *path, struct heal_buf *b, struct stat *st)
{
	char tmp[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (fstat(fd, st) < 0) {
		close(fd);
		return -1;
	}
	for (;;) {
		n = read(fd, tmp, sizeof(tmp));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		heal_buf_put(b, tmp, (size_t)n);
	}
	close(fd);
	return n < 0 ? -1 : 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory's "*.json" files, as heal_pattern_load_dir picks them, in
 * name order (paths owned by the caller), or NULL with *n 0. */
static char **dir_files(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	struct heal_buf p;

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (len < 6 || de->d_name[0] == '.' ||
		    strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		heal_buf_init(&p, HEAL_BUF_UNBOUNDED);
		heal_buf_putf(&p, "%s/%s", dir, de->d_name);
		v = heal_reallocarray(v, *n + 1, sizeof(char *));
		v[(*n)++] = heal_buf_detach(&p, NULL);
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(char *), cmp_str);
	return v;
}

static int add_file(struct heal_json_pack_writer *w, const char *path)
{
	struct heal_error err = { 0 };
	struct heal_json_arena *arena;
	struct heal_json *doc;
	struct heal_buf b;
	struct stat st;
	struct timespec now;
	const char *base = strrchr(path, '/');
	bool old;
	int rc = 0;

	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	if (read_file(path, &b, &st) < 0) {
		fprintf(stderr, "heal-jsonpack: cannot read '%s': %s\n", path,
			strerror(errno));
		rc = 1;
	} else if (!(doc = heal_json_parse_frozen(b.data ? b.data : "", b.len,
						  NULL, &arena, &err))) {
		fprintf(stderr, "heal-jsonpack: %s: %s (left out)\n", path,
			err.msg);
	} else {
		old = clock_gettime(CLOCK_REALTIME, &now) == 0 &&
		      (off_t)b.len == st.st_size &&
		      st.st_mtim.tv_sec <= now.tv_sec - RACY_SECONDS;
		if (heal_json_pack_writer_add(w, base ? base + 1 : path,
					      b.data ? b.data : "", b.len,
					      old ? &st.st_mtim : NULL, doc,
					      &err) < 0) {
			fprintf(stderr, "heal-jsonpack: %s\n", err.msg);
			rc = 1;
		}
		heal_json_arena_free(arena);
	}
	heal_buf_release(&b);
	return rc;
}

int main(int argc, char **argv)
{
	struct heal_json_pack_writer w;
	struct heal_error err = { 0 };
	struct heal_buf out, tmpname;
	int i, fd, rc = 0;

	if (argc < 2) {
		fputs("usage: heal-jsonpack OUT FILE|DIR...\n", stderr);
		return 2;
	}
	heal_json_pack_writer_init(&w);
	for (i = 2; i < argc && rc == 0; i++) {
		struct stat st;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			size_t n, k;
			char **v = dir_files(argv[i], &n);

			for (k = 0; k < n; k++) {
				if (rc == 0)
					rc = add_file(&w, v[k]);
				free(v[k]);
			}
			free(v);
		} else {
			rc = add_file(&w, argv[i]);
		}
	}
	heal_buf_init(&out, HEAL_BUF_UNBOUNDED);
	heal_buf_init(&tmpname, HEAL_BUF_UNBOUNDED);
	heal_buf_putf(&tmpname, "%s.tmp.%ld", argv[1], (long)getpid());
	if (rc == 0 && heal_json_pack_writer_finish(&w, &out, &err) < 0) {
		fprintf(stderr, "heal-jsonpack: %s\n", err.msg);
		rc = 1;
	}
	if (rc == 0) {
		fd = open(heal_buf_str(&tmpname),
			  O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd >= 0 && heal_fd_write_all(fd, out.data, out.len) < 0) {
			close(fd);
			fd = -1;
		}
		if (fd < 0 || close(fd) < 0 ||
		    rename(heal_buf_str(&tmpname), argv[1]) < 0) {
			fprintf(stderr,
				"heal-jsonpack: cannot write '%s': %s\n",
				argv[1], strerror(errno));
			unlink(heal_buf_str(&tmpname));
			rc = 1;
		}
	}
	heal_buf_release(&tmpname);
	heal_buf_release(&out);
	heal_json_pack_writer_release(&w);
	return rc;
}
