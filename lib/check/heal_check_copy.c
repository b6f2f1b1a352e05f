/*
 * A private copy of the project for checking candidates of one file: the
 * directories on the file's path are real, every other entry a symbolic
 * link to the original, the file itself the candidate (heal_check.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_check_int.h"
#include "heal_record.h"
#include "heal_safefile.h"

/* Directory levels removed (the copy is as deep as a record's path). */
#define REMOVE_DEPTH_MAX 256

struct heal_check_copy {
	char *dir;                /* the copy's root (absolute) */
	char *file;               /* root-relative */
	int file_dirfd;           /* the candidate's directory in the copy */
	const char *base;         /* its name there (in file) */
	struct heal_root root;    /* opened on dir */
	bool root_open;
};

/*
 * A link in dst for every entry of src (an open directory of the project
 * at the absolute path srcpath) except skip.
 */
static int link_entries(int src, const char *srcpath, int dst, const char *skip,
			struct heal_error *err)
{
	struct heal_buf target;
	struct dirent *de;
	size_t n = 0;
	int fd = dup(src), r = 0;
	DIR *d;

	if (fd < 0 || !(d = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return heal_error_sys(err, errno, "cannot read '%s'", srcpath);
	}
	heal_buf_init(&target, HEAL_BUF_UNBOUNDED);
	while ((errno = 0, de = readdir(d))) {
		const char *name = de->d_name;

		if (!strcmp(name, ".") || !strcmp(name, "..") ||
		    (skip && !strcmp(name, skip)))
			continue;
		if (++n > HEAL_CHECK_COPY_ENTRIES_MAX) {
			r = heal_error_set(err, HEAL_ERR_LIMIT,
					   "'%s' has more than %d entries to link",
					   srcpath, HEAL_CHECK_COPY_ENTRIES_MAX);
			break;
		}
		heal_buf_reset(&target);
		heal_buf_putf(&target, "%s/%s", srcpath, name);
		if (symlinkat(heal_buf_str(&target), dst, name) < 0) {
			r = heal_error_sys(err, errno, "cannot link '%s'", name);
			break;
		}
	}
	if (!r && errno)
		r = heal_error_sys(err, errno, "cannot read '%s'", srcpath);
	heal_buf_release(&target);
	closedir(d);
	return r;
}

/* Remove name in dfd: a file or link, or a directory and what it holds. */
static void remove_at(int dfd, const char *name, int depth)
{
	struct dirent *de;
	DIR *d;
	int fd;

	if (unlinkat(dfd, name, 0) == 0 || errno == ENOENT)
		return;
	if (depth > REMOVE_DEPTH_MAX)
		return;
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	if (!(d = fdopendir(fd))) {
		close(fd);
		return;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			remove_at(fd, de->d_name, depth + 1);
	closedir(d);
	unlinkat(dfd, name, AT_REMOVEDIR);
}

void heal_check_copy_free(struct heal_check_copy *c)
{
	if (!c)
		return;
	if (c->file_dirfd >= 0)
		close(c->file_dirfd);
	if (c->root_open)
		heal_root_close(&c->root);
	if (c->dir)
		remove_at(AT_FDCWD, c->dir, 0);
	free(c->dir);
	free(c->file);
	free(c);
}

/* Build the copy's directories along c->file, linking the rest. */
static int build(struct heal_check_copy *c, const struct heal_root *root,
		 struct heal_error *err)
{
	struct heal_buf srcpath, rel;
	char *work = heal_strdup(c->file), *comp = work;
	int src, dst, fd, r = -1;

	heal_buf_init(&srcpath, HEAL_BUF_UNBOUNDED);
	heal_buf_init(&rel, HEAL_BUF_UNBOUNDED);
	heal_buf_puts(&srcpath, root->path);
	src = heal_root_openat(root, ".", O_RDONLY | O_DIRECTORY, 0, err);
	dst = open(c->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dst < 0)
		heal_error_sys(err, errno, "cannot open '%s'", c->dir);
	while (src >= 0 && dst >= 0) {
		char *slash = strchr(comp, '/');

		if (slash)
			*slash = '\0';
		if (link_entries(src, heal_buf_str(&srcpath), dst, comp, err) < 0)
			break;
		if (!slash) {
			fd = openat(dst, comp, O_WRONLY | O_CREAT | O_EXCL |
				    O_NOFOLLOW | O_CLOEXEC, 0600);
			if (fd < 0) {
				heal_error_sys(err, errno, "cannot create '%s'", comp);
				break;
			}
			close(fd);
			c->base = c->file + (comp - work);
			c->file_dirfd = dst;
			dst = -1;
			r = 0;
			break;
		}
		heal_buf_puts(&rel, comp);
		heal_buf_putf(&srcpath, "/%s", comp);
		close(src);
		src = heal_root_openat(root, heal_buf_str(&rel),
				       O_RDONLY | O_DIRECTORY, 0, err);
		if (src < 0)
			break;
		if (mkdirat(dst, comp, 0700) < 0 ||
		    (fd = openat(dst, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
				 O_CLOEXEC)) < 0) {
			heal_error_sys(err, errno, "cannot create '%s'", comp);
			break;
		}
		close(dst);
		dst = fd;
		heal_buf_putc(&rel, '/');
		comp = slash + 1;
	}
	if (src >= 0)
		close(src);
	if (dst >= 0)
		close(dst);
	heal_buf_release(&srcpath);
	heal_buf_release(&rel);
	free(work);
	return r;
}

struct heal_check_copy *heal_check_copy_new(const struct heal_root *root,
					    const char *file,
					    struct heal_error *err)
{
	struct heal_check_copy *c;
	const char *tmp = getenv("TMPDIR");
	size_t n;

	if (!heal_safefile_canonical(file)) {
		heal_error_set(err, HEAL_ERR_USAGE,
			       "not a path inside the project root");
		return NULL;
	}
	if (!tmp || tmp[0] != '/')
		tmp = "/tmp";
	c = heal_calloc(1, sizeof(*c));
	c->file_dirfd = -1;
	c->file = heal_strdup(file);
	n = strlen(tmp) + sizeof("/heal-check-XXXXXX");
	c->dir = heal_malloc(n);
	snprintf(c->dir, n, "%s/heal-check-XXXXXX", tmp);
	if (!mkdtemp(c->dir)) {
		heal_error_sys(err, errno, "cannot create a directory in '%s'", tmp);
		free(c->dir);
		c->dir = NULL;
		heal_check_copy_free(c);
		return NULL;
	}
	if (build(c, root, err) < 0 ||
	    heal_root_open(&c->root, c->dir, err) < 0) {
		heal_check_copy_free(c);
		return NULL;
	}
	c->root_open = true;
	return c;
}

const char *heal_check_copy_dir(const struct heal_check_copy *c)
{
	return c->dir;
}

int heal_check_copy_write(struct heal_check_copy *c, const void *data,
			  size_t len, struct heal_error *err)
{
	const char *p = data;
	int fd = openat(c->file_dirfd, c->base,
			O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return heal_error_sys(err, errno, "cannot write the copy of '%s'",
				      c->file);
	while (len) {
		ssize_t k = write(fd, p, len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			close(fd);
			return heal_error_sys(err, k < 0 ? errno : EIO,
					      "cannot write the copy of '%s'",
					      c->file);
		}
		p += k;
		len -= (size_t)k;
	}
	if (close(fd) < 0)
		return heal_error_sys(err, errno, "cannot write the copy of '%s'",
				      c->file);
	return 0;
}

int heal_check_copy_run(struct heal_check_copy *c,
			const struct heal_check_opts *o,
			struct heal_check_result *res, struct heal_error *err)
{
	if (!o->file || strcmp(o->file, c->file) != 0) {
		memset(res, 0, sizeof(*res));
		return heal_error_set(err, HEAL_ERR_USAGE,
				      "the copy is of another file");
	}
	return heal_check_at(o, &c->root, true, res, err);
}

int heal_check_buffer(const struct heal_check_opts *o, const void *data,
		      size_t len, struct heal_check_result *res,
		      struct heal_error *err)
{
	struct heal_check_copy *c = heal_check_copy_new(o->root, o->file, err);
	int r;

	memset(res, 0, sizeof(*res));
	if (!c)
		return -1;
	r = heal_check_copy_write(c, data, len, err);
	if (r == 0)
		r = heal_check_copy_run(c, o, res, err);
	heal_check_copy_free(c);
	return r;
}
