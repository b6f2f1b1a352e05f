#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/openat2.h>

#include "heal_alloc.h"
#include "heal_record.h"
#include "heal_root.h"
#include "heal_text.h"

static int openat2_state;   /* 0 unknown, 1 works, -1 missing */

bool heal_root_have_openat2(void)
{
	if (getenv("HEAL_NO_OPENAT2"))
		return false;
	if (openat2_state == 0) {
		struct open_how how = { .flags = O_PATH | O_CLOEXEC };
		long fd = syscall(SYS_openat2, AT_FDCWD, "/", &how, sizeof(how));

		openat2_state = fd >= 0 ? 1 : -1;
		if (fd >= 0)
			close((int)fd);
	}
	return openat2_state > 0;
}

/* Normalise an absolute or relative path lexically into out (max size). */
static bool normalise(const char *in, size_t len, char *out, size_t size,
		      bool *climbed)
{
	size_t o = 0, i = 0;
	bool abs = len && in[0] == '/';

	*climbed = false;
	if (abs)
		out[o++] = '/';
	while (i < len) {
		size_t j = i;

		while (j < len && in[j] != '/')
			j++;
		if (j == i || (j - i == 1 && in[i] == '.')) {
			/* empty or "." */
		} else if (j - i == 2 && in[i] == '.' && in[i + 1] == '.') {
			size_t base = abs ? 1 : 0;

			if (o > base) {
				while (o > base && out[o - 1] != '/')
					o--;
				if (o > base)
					o--;
			} else if (abs) {
				/* "/.." is "/" */
			} else {
				*climbed = true;
				return true;
			}
		} else {
			if (o > (abs ? 1u : 0u)) {
				if (o + 1 >= size)
					return false;
				out[o++] = '/';
			}
			if (o + (j - i) >= size)
				return false;
			memcpy(out + o, in + i, j - i);
			o += j - i;
		}
		i = j + 1;
	}
	out[o] = '\0';
	return true;
}

static char *norm_dup(const char *s)
{
	char tmp[PATH_MAX];
	bool climbed;

	if (!normalise(s, strlen(s), tmp, sizeof(tmp), &climbed))
		return heal_strdup(s);
	return heal_strdup(tmp);
}

int heal_root_open(struct heal_root *r, const char *dir,
		   struct heal_error *err)
{
	char cwd[PATH_MAX];
	char *q;

	memset(r, 0, sizeof(*r));
	r->fd = -1;
	if (!dir)
		dir = ".";
	r->fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (r->fd < 0) {
		q = heal_text_escape_dup(dir, strlen(dir));
		heal_error_sys(err, errno, "cannot open project root '%s'", q);
		free(q);
		return -1;
	}
	r->real = realpath(dir, NULL);
	if (!r->real) {
		q = heal_text_escape_dup(dir, strlen(dir));
		heal_error_sys(err, errno, "cannot resolve project root '%s'", q);
		free(q);
		heal_root_close(r);
		return -1;
	}
	if (dir[0] == '/') {
		r->path = norm_dup(dir);
	} else if (getcwd(cwd, sizeof(cwd))) {
		struct heal_buf b;

		heal_buf_init(&b, 2 * PATH_MAX);
		heal_buf_putf(&b, "%s/%s", cwd, dir);
		r->path = norm_dup(heal_buf_str(&b));
		heal_buf_release(&b);
	} else {
		r->path = heal_strdup(r->real);
	}
	return 0;
}

void heal_root_close(struct heal_root *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	free(r->path);
	free(r->real);
	r->path = r->real = NULL;
}

/* If abs starts with dir + "/" (or equals dir), return the rest, else NULL. */
static const char *strip_prefix(const char *abs, const char *dir)
{
	size_t k = strlen(dir);

	if (k == 1 && dir[0] == '/')
		return abs + 1;
	if (strncmp(abs, dir, k) != 0)
		return NULL;
	if (abs[k] == '\0')
		return abs + k;
	if (abs[k] == '/')
		return abs + k + 1;
	return NULL;
}

enum heal_rel heal_root_relpath(const struct heal_root *r, const char *cwd,
				const char *path, size_t len, char **out)
{
	char joined[PATH_MAX], norm[PATH_MAX];
	const char *rest = NULL;
	bool climbed;

	*out = NULL;
	if (!heal_record_path_ok(path, len))
		return HEAL_REL_INVALID;
	if (path[0] == '/') {
		if (len >= sizeof(joined))
			return HEAL_REL_INVALID;
		memcpy(joined, path, len);
		joined[len] = '\0';
	} else {
		/* cwd "/" path (path holds no NUL: heal_record_path_ok) */
		size_t cl;

		if (!cwd || !*cwd || strcmp(cwd, ".") == 0)
			cwd = NULL;
		cl = cwd ? strlen(cwd) + 1 : 0;
		if (cl + len >= sizeof(joined))
			return HEAL_REL_INVALID;
		if (cwd) {
			memcpy(joined, cwd, cl - 1);
			joined[cl - 1] = '/';
		}
		memcpy(joined + cl, path, len);
		joined[cl + len] = '\0';
	}
	if (!normalise(joined, strlen(joined), norm, sizeof(norm), &climbed))
		return HEAL_REL_INVALID;
	if (climbed)
		return HEAL_REL_OUTSIDE;
	if (norm[0] != '/') {
		rest = norm;
	} else {
		rest = strip_prefix(norm, r->path);
		if (!rest)
			rest = strip_prefix(norm, r->real);
		if (!rest)
			return HEAL_REL_OUTSIDE;
	}
	*out = heal_strdup(*rest ? rest : ".");
	return HEAL_REL_INSIDE;
}

static int refuse(const char *rel, const char *why, struct heal_error *err)
{
	char *q = heal_text_escape_dup(rel, strlen(rel));

	heal_error_set(err, HEAL_ERR_REFUSED, "refusing '%s': %s", q, why);
	free(q);
	return -1;
}

static int fail_open(const char *rel, int e, struct heal_error *err)
{
	char *q;

	if (e == EXDEV || e == ELOOP)
		return refuse(rel, "it leads outside the project root", err);
	q = heal_text_escape_dup(rel, strlen(rel));
	heal_error_sys(err, e, "cannot open '%s'", q);
	free(q);
	return -1;
}

/* Component-by-component walk for kernels without openat2. */
static int walk_open(int rootfd, const char *rel, int flags, mode_t mode)
{
	char comp[NAME_MAX + 1];
	const char *p = rel;
	int dir = dup(rootfd);

	if (dir < 0)
		return -1;
	for (;;) {
		const char *slash = strchr(p, '/');
		size_t k = slash ? (size_t)(slash - p) : strlen(p);
		int next;

		if (k > NAME_MAX) {
			close(dir);
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(comp, p, k);
		comp[k] = '\0';
		if (!slash) {
			struct stat st;
			int e;

			next = openat(dir, comp, flags | O_NOFOLLOW | O_CLOEXEC,
				      mode);
			e = errno;
			/* O_DIRECTORY on a symlink gives ENOTDIR: report a link */
			if (next < 0 && e == ENOTDIR &&
			    fstatat(dir, comp, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(st.st_mode))
				e = ELOOP;
			close(dir);
			errno = e;
			return next;
		}
		if (k == 0 || strcmp(comp, ".") == 0) {
			p = slash + 1;
			continue;
		}
		next = openat(dir, comp,
			      O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0) {
			struct stat st;
			int e = errno;

			/* a symlinked directory gives ENOTDIR: report a link */
			if (e == ENOTDIR &&
			    fstatat(dir, comp, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(st.st_mode))
				e = ELOOP;
			close(dir);
			errno = e;
			return -1;
		}
		close(dir);
		dir = next;
		p = slash + 1;
	}
}

int heal_root_openat(const struct heal_root *r, const char *rel, int flags,
		     mode_t mode, struct heal_error *err)
{
	const char *p;
	int fd;

	if (!rel || !heal_record_path_ok(rel, strlen(rel)))
		return refuse(rel ? rel : "", "not a valid path", err);
	if (rel[0] == '/')
		return refuse(rel, "an absolute path", err);
	for (p = rel; *p; ) {
		size_t k = strcspn(p, "/");

		if (k == 2 && p[0] == '.' && p[1] == '.')
			return refuse(rel, "it leads outside the project root",
				      err);
		p += k;
		if (*p)
			p++;
	}
	if (heal_root_have_openat2()) {
		struct open_how how = {
			.flags = (unsigned long long)(flags | O_CLOEXEC),
			.mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0,
			.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
		};

		do
			fd = (int)syscall(SYS_openat2, r->fd, rel, &how,
					  sizeof(how));
		while (fd < 0 && errno == EINTR);
	} else {
		fd = walk_open(r->fd, rel, flags, mode);
	}
	if (fd < 0)
		return fail_open(rel, errno, err);
	return fd;
}

int heal_root_read_file(const struct heal_root *r, const char *rel,
			size_t max, struct heal_buf *out,
			struct heal_error *err)
{
	struct stat st;
	char block[65536];
	size_t total = 0;
	int fd = heal_root_openat(r, rel, O_RDONLY | O_NOFOLLOW | O_NONBLOCK,
				  0, err);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0) {
		int e = errno;

		close(fd);
		return heal_error_sys(err, e, "cannot stat '%s'", rel);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return refuse(rel, "not a regular file", err);
	}
	if ((size_t)st.st_size > max) {
		close(fd);
		return refuse(rel, "file larger than the size cap", err);
	}
	for (;;) {
		ssize_t k = read(fd, block, sizeof(block));

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			int e = errno;

			close(fd);
			return heal_error_sys(err, e, "cannot read '%s'", rel);
		}
		if (k == 0)
			break;
		total += (size_t)k;
		if (total > max) {
			close(fd);
			return refuse(rel, "file larger than the size cap", err);
		}
		if (heal_buf_add(out, block, (size_t)k, err) < 0) {
			close(fd);
			return -1;
		}
	}
	close(fd);
	return 0;
}
