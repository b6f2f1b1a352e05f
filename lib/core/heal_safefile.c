#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_fd.h"
#include "heal_record.h"
#include "heal_safefile.h"
#include "heal_text.h"

static const char *const default_protect[] = { ".git", ".heal" };

void heal_safefile_init(struct heal_safefile *sf, const struct heal_root *root)
{
	size_t i;

	memset(sf, 0, sizeof(*sf));
	sf->root = root;
	sf->max_size = HEAL_SAFEFILE_MAX_DEFAULT;
	for (i = 0; i < sizeof(default_protect) / sizeof(default_protect[0]);
	     i++) {
		sf->protect = heal_reallocarray(sf->protect, sf->nprotect + 1,
						sizeof(char *));
		sf->protect[sf->nprotect++] = heal_strdup(default_protect[i]);
	}
}

void heal_safefile_release(struct heal_safefile *sf)
{
	size_t i;

	if (!sf)
		return;
	for (i = 0; i < sf->nprotect; i++)
		free(sf->protect[i]);
	for (i = 0; i < sf->nseen; i++)
		free(sf->seen[i]);
	for (i = 0; i < sf->nunsynced; i++)
		free(sf->unsynced[i]);
	free(sf->protect);
	free(sf->seen);
	free(sf->unsynced);
	free(sf->journal);
	memset(sf, 0, sizeof(*sf));
}

static int refuse(const char *rel, struct heal_error *err, const char *fmt,
		  const char *detail)
{
	char *q = heal_text_escape_dup(rel, strlen(rel));

	heal_error_set(err, HEAL_ERR_REFUSED, "refusing '%s': %s%s", q, fmt,
		       detail ? detail : "");
	free(q);
	return -1;
}

static int sys_fail(const char *what, const char *rel, int e,
		    struct heal_error *err)
{
	char *q = heal_text_escape_dup(rel, strlen(rel));

	if (e == EACCES || e == EPERM || e == EROFS)
		heal_error_set(err, HEAL_ERR_REFUSED,
			       "refusing '%s': cannot %s: %s", q, what,
			       strerror(e));
	else
		heal_error_sys(err, e, "cannot %s '%s'", what, q);
	free(q);
	return -1;
}

int heal_safefile_protect(struct heal_safefile *sf, const char *path,
			  struct heal_error *err)
{
	char *rel;

	if (heal_root_relpath(sf->root, NULL, path, strlen(path), &rel) !=
	    HEAL_REL_INSIDE) {
		char *q = heal_text_escape_dup(path, strlen(path));

		heal_error_set(err, HEAL_ERR_USAGE,
			       "protected path '%s' is not inside the project root",
			       q);
		free(q);
		return -1;
	}
	sf->protect = heal_reallocarray(sf->protect, sf->nprotect + 1,
					sizeof(char *));
	sf->protect[sf->nprotect++] = rel;
	return 0;
}

bool heal_safefile_is_protected(const struct heal_safefile *sf,
				const char *rel)
{
	const char *p;
	size_t i;

	for (i = 0; i < sf->nprotect; i++) {
		size_t k = strlen(sf->protect[i]);

		if (strcmp(sf->protect[i], ".") == 0)
			return true;
		if (strncmp(rel, sf->protect[i], k) == 0 &&
		    (rel[k] == '\0' || rel[k] == '/'))
			return true;
	}
	/* a nested repository's .git anywhere */
	for (p = rel; *p; ) {
		size_t k = strcspn(p, "/");

		if (k == 4 && memcmp(p, ".git", 4) == 0)
			return true;
		p += k;
		if (*p)
			p++;
	}
	return false;
}

void heal_safefile_set_journal(struct heal_safefile *sf, const char *rel)
{
	free(sf->journal);
	sf->journal = rel ? heal_strdup(rel) : NULL;
}

/* Canonical root-relative: no empty, ".", ".." components, not absolute. */
bool heal_safefile_canonical(const char *rel)
{
	const char *p = rel;

	if (!rel || !heal_record_path_ok(rel, strlen(rel)) || rel[0] == '/')
		return false;
	for (;;) {
		size_t k = strcspn(p, "/");

		if (k == 0 || (k == 1 && p[0] == '.') ||
		    (k == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		p += k;
		if (!*p)
			return true;
		p++;
	}
}

static const char *base_of(const char *rel)
{
	const char *s = strrchr(rel, '/');

	return s ? s + 1 : rel;
}

/* The parent directory of rel, "." at the top; owned by the caller. */
static char *dir_of(const char *rel)
{
	const char *s = strrchr(rel, '/');

	return s ? heal_strndup(rel, (size_t)(s - rel)) : heal_strdup(".");
}

int heal_safefile_check_path(const struct heal_safefile *sf, const char *rel,
			     unsigned flags, struct heal_error *err)
{
	if (!heal_safefile_canonical(rel))
		return refuse(rel ? rel : "", err,
			      "not a canonical project-relative path", NULL);
	if (strncmp(base_of(rel), HEAL_SAFEFILE_TMP_PREFIX,
		    strlen(HEAL_SAFEFILE_TMP_PREFIX)) == 0)
		return refuse(rel, err, "a heal temporary file", NULL);
	if (!(flags & HEAL_SF_INTERNAL) && heal_safefile_is_protected(sf, rel))
		return refuse(rel, err, "a protected path", NULL);
	return 0;
}

static int open_dir(struct heal_safefile *sf, const char *reldir,
		    struct heal_error *err)
{
	return heal_root_openat(sf->root, reldir, O_RDONLY | O_DIRECTORY, 0,
				err);
}

/* Checks every file to be read for editing or written must pass. */
static int check_file(struct heal_safefile *sf, int dirfd, const char *rel,
		      const struct stat *st, unsigned flags,
		      struct heal_error *err)
{
	char n[32];

	if (S_ISLNK(st->st_mode))
		return refuse(rel, err, "a symbolic link (heal edits no file through a link)",
			      NULL);
	if (!S_ISREG(st->st_mode))
		return refuse(rel, err, "not a regular file", NULL);
	if (st->st_nlink > 1) {
		snprintf(n, sizeof(n), " (%lu links)",
			 (unsigned long)st->st_nlink);
		return refuse(rel, err, "a hard-linked file", n);
	}
	if (!(flags & HEAL_SF_INTERNAL) &&
	    (unsigned long long)st->st_size > sf->max_size) {
		snprintf(n, sizeof(n), " (%zu bytes)", sf->max_size);
		return refuse(rel, err, "larger than the size cap", n);
	}
	if (st->st_mode & 07000)
		return refuse(rel, err, "a set-id or sticky file", NULL);
	/*
	 * Read-only means: this user may not write it, as the kernel decides
	 * (root may).  Either way the mode is kept and never changed.
	 */
	if (faccessat(dirfd, base_of(rel), W_OK, AT_EACCESS) != 0)
		return refuse(rel, err, "a read-only file", NULL);
	return 0;
}

static int check_dir(int dirfd, const char *rel, struct heal_error *err)
{
	struct stat st;
	char *d;

	if (fstat(dirfd, &st) < 0)
		return sys_fail("stat the directory of", rel, errno, err);
	if (faccessat(dirfd, ".", W_OK, AT_EACCESS) != 0) {
		d = dir_of(rel);
		refuse(rel, err, "its directory is read-only: ", d);
		free(d);
		return -1;
	}
	return 0;
}

/* 0 exists (st filled), 1 absent, -1 error. */
static int stat_at(int dirfd, const char *rel, struct stat *st,
		   struct heal_error *err)
{
	if (fstatat(dirfd, base_of(rel), st, AT_SYMLINK_NOFOLLOW) == 0)
		return 0;
	if (errno == ENOENT)
		return 1;
	return sys_fail("stat", rel, errno, err);
}

/* Open the file checked as st, making sure it is still that file. */
static int open_checked(int dirfd, const char *rel, const struct stat *st,
			struct heal_error *err)
{
	struct stat now;
	int fd = openat(dirfd, base_of(rel),
			O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		if (errno == ELOOP)
			return refuse(rel, err, "a symbolic link", NULL);
		return sys_fail("open", rel, errno, err);
	}
	if (fstat(fd, &now) < 0 || now.st_dev != st->st_dev ||
	    now.st_ino != st->st_ino || !S_ISREG(now.st_mode)) {
		close(fd);
		heal_error_set(err, HEAL_ERR_STALE,
			       "'%s' changed while it was being opened", rel);
		return -1;
	}
	return fd;
}

/* Read fd (at most max bytes) into out (may be NULL) and hash it. */
static int read_hash(int fd, const char *rel, size_t max, struct heal_buf *out,
		     char sha[HEAL_SHA256_HEX], struct heal_error *err)
{
	struct heal_sha256 c;
	unsigned char d[HEAL_SHA256_LEN];
	char block[65536];
	size_t total = 0;

	heal_sha256_init(&c);
	for (;;) {
		ssize_t k = read(fd, block, sizeof(block));

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return sys_fail("read", rel, errno, err);
		if (k == 0)
			break;
		total += (size_t)k;
		if (total > max)
			return refuse(rel, err, "larger than the size cap",
				      NULL);
		heal_sha256_update(&c, block, (size_t)k);
		if (out && heal_buf_add(out, block, (size_t)k, err) < 0)
			return -1;
	}
	heal_sha256_final(&c, d);
	heal_hex(d, sizeof(d), sha);
	return 0;
}

static int stale(const char *rel, struct heal_error *err)
{
	char *q = heal_text_escape_dup(rel, strlen(rel));

	heal_error_set(err, HEAL_ERR_STALE,
		       "'%s' changed since the fix was computed (pre-image digest differs)",
		       q);
	free(q);
	return -1;
}

int heal_safefile_load(struct heal_safefile *sf, const char *rel,
		       unsigned flags, struct heal_buf *out,
		       struct heal_safefile_info *info, struct heal_error *err)
{
	struct stat st;
	int dirfd, fd, r, rc = -1;
	size_t base = out ? out->len : 0;

	memset(info, 0, sizeof(*info));
	if (heal_safefile_check_path(sf, rel, flags, err) < 0)
		return -1;
	{
		char *d = dir_of(rel);

		dirfd = open_dir(sf, d, err);
		free(d);
	}
	if (dirfd < 0) {
		/* a missing directory: the file is absent too */
		if ((flags & HEAL_SF_MISSING_OK) && err &&
		    err->code == HEAL_ERR_IO && err->sys_errno == ENOENT) {
			heal_error_clear(err);
			heal_sha256_hex("", 0, info->sha256);
			return 0;
		}
		return -1;
	}
	r = stat_at(dirfd, rel, &st, err);
	if (r < 0)
		goto out;
	if (r == 1) {
		if (!(flags & (HEAL_SF_MISSING_OK | HEAL_SF_CREATE))) {
			sys_fail("open", rel, ENOENT, err);
			goto out;
		}
		if (check_dir(dirfd, rel, err) < 0)
			goto out;
		heal_sha256_hex("", 0, info->sha256);
		rc = 0;
		goto out;
	}
	if (check_file(sf, dirfd, rel, &st, flags, err) < 0 ||
	    check_dir(dirfd, rel, err) < 0)
		goto out;
	fd = open_checked(dirfd, rel, &st, err);
	if (fd < 0)
		goto out;
	if (read_hash(fd, rel, sf->max_size, out, info->sha256, err) == 0) {
		info->exists = true;
		info->mode = st.st_mode & 07777;
		info->size = out ? out->len - base : (size_t)st.st_size;
		rc = 0;
	}
	close(fd);
out:
	if (rc < 0 && out)
		heal_buf_truncate(out, base);
	close(dirfd);
	return rc;
}

static bool seen(struct heal_safefile *sf, const char *dir)
{
	size_t i;

	for (i = 0; i < sf->nseen; i++)
		if (strcmp(sf->seen[i], dir) == 0)
			return true;
	return false;
}

/* Journal a directory before its first temporary file, and clean it. */
static int prepare_dir(struct heal_safefile *sf, const char *dir,
		       struct heal_error *err)
{
	if (seen(sf, dir))
		return 0;
	if (sf->journal) {
		int fd = heal_safefile_open_state(sf, sf->journal,
						  O_WRONLY | O_APPEND | O_CREAT,
						  0644, err);
		struct heal_buf line;
		int bad;

		if (fd < 0)
			return -1;
		heal_buf_init(&line, HEAL_RECORD_PATH_MAX + 2);
		heal_buf_putf(&line, "%s\n", dir);
		bad = heal_fd_write_all(fd, line.data, line.len) < 0 || fsync(fd) < 0;
		heal_buf_release(&line);
		if (bad) {
			int e = errno;

			close(fd);
			return sys_fail("write", sf->journal, e, err);
		}
		if (close(fd) < 0)
			return sys_fail("write", sf->journal, errno, err);
	}
	if (heal_safefile_clean_dir(sf, dir, err) < 0)
		return -1;
	sf->seen = heal_reallocarray(sf->seen, sf->nseen + 1, sizeof(char *));
	sf->seen[sf->nseen++] = heal_strdup(dir);
	return 0;
}

int heal_safefile_clean_dir(struct heal_safefile *sf, const char *reldir,
			    struct heal_error *err)
{
	size_t plen = strlen(HEAL_SAFEFILE_TMP_PREFIX);
	struct dirent *de;
	DIR *d;
	int fd = open_dir(sf, reldir, err);

	if (fd < 0)
		return -1;
	d = fdopendir(fd);
	if (!d) {
		int e = errno;

		close(fd);
		return sys_fail("read directory", reldir, e, err);
	}
	while ((de = readdir(d)) != NULL) {
		struct stat st;

		if (strncmp(de->d_name, HEAL_SAFEFILE_TMP_PREFIX, plen) != 0)
			continue;
		if (fstatat(dirfd(d), de->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
			unlinkat(dirfd(d), de->d_name, 0);
	}
	closedir(d);
	return 0;
}

int heal_safefile_recover(struct heal_safefile *sf, struct heal_error *err)
{
	struct heal_buf b;
	struct heal_error ignore = HEAL_ERROR_INIT;
	const char *p, *end;
	int rc;

	if (!sf->journal)
		return 0;
	heal_buf_init(&b, 1u << 20);
	rc = heal_root_read_file(sf->root, sf->journal, 1u << 20, &b, err);
	if (rc < 0) {
		heal_buf_release(&b);
		if (err && err->sys_errno == ENOENT) {
			heal_error_clear(err);
			return 0;
		}
		return -1;
	}
	p = b.data ? b.data : "";
	end = p + b.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t k = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *dir = heal_strndup(p, k);

		/* a directory since removed, or a bad line, is nothing to clean */
		if (strcmp(dir, ".") == 0 || heal_safefile_canonical(dir))
			heal_safefile_clean_dir(sf, dir, &ignore);
		free(dir);
		p += k + 1;
	}
	heal_buf_release(&b);
	return heal_safefile_unlink_state(sf, sf->journal, err);
}

static int make_temp(struct heal_safefile *sf, int dirfd, char *name,
		     size_t size, const char *rel, struct heal_error *err)
{
	int tries;

	for (tries = 0; tries < 16; tries++) {
		unsigned int rnd = 0;
		int fd;

		if (getrandom(&rnd, sizeof(rnd), GRND_NONBLOCK) < 0)
			rnd = (unsigned int)sf->counter * 2654435761u;
		snprintf(name, size, "%s%ld.%lu.%08x", HEAL_SAFEFILE_TMP_PREFIX,
			 (long)getpid(), sf->counter++, rnd);
		fd = openat(dirfd, name,
			    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			    0600);
		if (fd >= 0)
			return fd;
		if (errno != EEXIST)
			return sys_fail("create a temporary file for", rel,
					errno, err);
	}
	return sys_fail("create a temporary file for", rel, EEXIST, err);
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

int heal_safefile_replace(struct heal_safefile *sf, const char *rel,
			  const char *data, size_t len, const char *expect_sha,
			  int mode, unsigned flags, struct heal_error *err)
{
	struct stat st, again;
	char sha[HEAL_SHA256_HEX], tmp[96];
	char *dir = NULL;
	int dirfd, fd = -1, tfd = -1, r, rc = -1;
	bool exists;

	if (heal_safefile_check_path(sf, rel, flags, err) < 0)
		return -1;
	if (!(flags & HEAL_SF_INTERNAL) && len > sf->max_size)
		return refuse(rel, err, "new contents larger than the size cap",
			      NULL);
	if (mode > 0777)
		return refuse(rel, err, "a mode with more than permission bits",
			      NULL);
	dir = dir_of(rel);
	dirfd = open_dir(sf, dir, err);
	if (dirfd < 0) {
		free(dir);
		return -1;
	}
	tmp[0] = '\0';
	r = stat_at(dirfd, rel, &st, err);
	if (r < 0)
		goto out;
	exists = r == 0;
	if (!exists) {
		if (!(flags & HEAL_SF_CREATE)) {
			sys_fail("open", rel, ENOENT, err);
			goto out;
		}
		heal_sha256_hex("", 0, sha);
		if (check_dir(dirfd, rel, err) < 0)
			goto out;
	} else {
		if (check_file(sf, dirfd, rel, &st, flags, err) < 0 ||
		    check_dir(dirfd, rel, err) < 0)
			goto out;
		fd = open_checked(dirfd, rel, &st, err);
		if (fd < 0 || read_hash(fd, rel,
					(flags & HEAL_SF_INTERNAL) ? SIZE_MAX
								   : sf->max_size,
					NULL, sha, err) < 0)
			goto out;
	}
	if (expect_sha && strcmp(expect_sha, sha) != 0) {
		stale(rel, err);
		goto out;
	}
	if (prepare_dir(sf, dir, err) < 0)
		goto out;
	tfd = make_temp(sf, dirfd, tmp, sizeof(tmp), rel, err);
	if (tfd < 0) {
		tmp[0] = '\0';
		goto out;
	}
	if (heal_fd_write_all(tfd, data, len) < 0) {
		sys_fail("write", rel, errno, err);
		goto out;
	}
	if (mode < 0)
		mode = exists ? (int)(st.st_mode & 0777) : 0644;
	if (fchmod(tfd, (mode_t)mode) < 0) {
		sys_fail("set the mode of", rel, errno, err);
		goto out;
	}
	/* as root, a new inode would otherwise change the file's owner */
	if (exists && geteuid() == 0 && fchown(tfd, st.st_uid, st.st_gid) < 0) {
		sys_fail("keep the owner of", rel, errno, err);
		goto out;
	}
	if (fsync(tfd) < 0) {
		sys_fail("write", rel, errno, err);
		goto out;
	}
	r = close(tfd);
	tfd = -1;
	if (r < 0) {
		sys_fail("write", rel, errno, err);
		goto out;
	}
	/* the last look before the rename: still the file that was hashed? */
	r = stat_at(dirfd, rel, &again, err);
	if (r < 0)
		goto out;
	if ((r == 0) != exists || (exists && !same_file(&st, &again))) {
		stale(rel, err);
		goto out;
	}
	if (exists)
		r = renameat(dirfd, tmp, dirfd, base_of(rel));
	else
		r = renameat2(dirfd, tmp, dirfd, base_of(rel), RENAME_NOREPLACE);
	if (r < 0) {
		if (errno == EEXIST)
			stale(rel, err);
		else
			sys_fail("replace", rel, errno, err);
		goto out;
	}
	tmp[0] = '\0';
	if (flags & HEAL_SF_DEFER_SYNC) {
		if (!heal_safefile_unsynced(sf, rel)) {
			sf->unsynced = heal_reallocarray(sf->unsynced,
							 sf->nunsynced + 1,
							 sizeof(char *));
			sf->unsynced[sf->nunsynced++] = dir;
			dir = NULL;
		}
	} else if (fsync(dirfd) < 0) {
		/* the rename is done; say the change may not be durable */
		sys_fail("sync the directory of", rel, errno, err);
		goto out;
	}
	rc = 0;
out:
	if (tfd >= 0)
		close(tfd);
	if (tmp[0])
		unlinkat(dirfd, tmp, 0);
	if (fd >= 0)
		close(fd);
	close(dirfd);
	free(dir);
	return rc;
}

bool heal_safefile_unsynced(const struct heal_safefile *sf, const char *rel)
{
	const char *s = strrchr(rel, '/');
	size_t k = s ? (size_t)(s - rel) : 1, i;

	if (!s)
		rel = ".";
	for (i = 0; i < sf->nunsynced; i++)
		if (strlen(sf->unsynced[i]) == k &&
		    memcmp(sf->unsynced[i], rel, k) == 0)
			return true;
	return false;
}

int heal_safefile_sync(struct heal_safefile *sf, struct heal_error *err)
{
	struct heal_error first = HEAL_ERROR_INIT;
	size_t i, kept = 0;

	for (i = 0; i < sf->nunsynced; i++) {
		struct heal_error e = HEAL_ERROR_INIT;
		char *d = sf->unsynced[i];
		int fd = open_dir(sf, d, &e);

		if (fd >= 0 && fsync(fd) < 0)
			sys_fail("sync the directory", d, errno, &e);
		if (fd >= 0)
			close(fd);
		if (e.code == HEAL_OK) {
			free(d);
			continue;
		}
		if (first.code == HEAL_OK)
			first = e;
		sf->unsynced[kept++] = d;
	}
	sf->nunsynced = kept;
	if (first.code == HEAL_OK)
		return 0;
	if (err)
		*err = first;
	return -1;
}

int heal_safefile_remove(struct heal_safefile *sf, const char *rel,
			 const char *expect_sha, struct heal_error *err)
{
	struct stat st;
	char sha[HEAL_SHA256_HEX], *dir;
	int dirfd, fd, r, rc = -1;

	if (heal_safefile_check_path(sf, rel, 0, err) < 0)
		return -1;
	dir = dir_of(rel);
	dirfd = open_dir(sf, dir, err);
	free(dir);
	if (dirfd < 0)
		return (err && err->sys_errno == ENOENT) ? 0 : -1;
	r = stat_at(dirfd, rel, &st, err);
	if (r != 0) {
		close(dirfd);
		return r > 0 ? 0 : -1;
	}
	if (check_file(sf, dirfd, rel, &st, 0, err) < 0 ||
	    check_dir(dirfd, rel, err) < 0)
		goto out;
	fd = open_checked(dirfd, rel, &st, err);
	if (fd < 0)
		goto out;
	r = read_hash(fd, rel, sf->max_size, NULL, sha, err);
	close(fd);
	if (r < 0)
		goto out;
	if (expect_sha && strcmp(expect_sha, sha) != 0) {
		stale(rel, err);
		goto out;
	}
	if (unlinkat(dirfd, base_of(rel), 0) < 0) {
		sys_fail("remove", rel, errno, err);
		goto out;
	}
	if (fsync(dirfd) < 0) {
		sys_fail("sync the directory of", rel, errno, err);
		goto out;
	}
	rc = 0;
out:
	close(dirfd);
	return rc;
}

int heal_safefile_chmod(struct heal_safefile *sf, const char *rel,
			unsigned mode, const char *expect_sha,
			struct heal_error *err)
{
	struct stat st;
	char sha[HEAL_SHA256_HEX], *dir;
	int dirfd, fd = -1, r, rc = -1;

	if (heal_safefile_check_path(sf, rel, 0, err) < 0)
		return -1;
	if (mode > 0777)
		return refuse(rel, err, "a mode with more than permission bits",
			      NULL);
	dir = dir_of(rel);
	dirfd = open_dir(sf, dir, err);
	free(dir);
	if (dirfd < 0)
		return -1;
	r = stat_at(dirfd, rel, &st, err);
	if (r > 0)
		sys_fail("open", rel, ENOENT, err);
	if (r != 0)
		goto out;
	if (check_file(sf, dirfd, rel, &st, 0, err) < 0)
		goto out;
	fd = open_checked(dirfd, rel, &st, err);
	if (fd < 0 || read_hash(fd, rel, sf->max_size, NULL, sha, err) < 0)
		goto out;
	if (expect_sha && strcmp(expect_sha, sha) != 0) {
		stale(rel, err);
		goto out;
	}
	if (fchmod(fd, (mode_t)mode) < 0 || fsync(fd) < 0) {
		sys_fail("change the mode of", rel, errno, err);
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	close(dirfd);
	return rc;
}

int heal_safefile_mkdir(struct heal_safefile *sf, const char *rel,
			unsigned flags, struct heal_error *err)
{
	const char *p = rel;
	char comp[256];
	int dfd;

	if (strcmp(rel, ".") == 0)
		return 0;
	if (heal_safefile_check_path(sf, rel, flags, err) < 0)
		return -1;
	dfd = open_dir(sf, ".", err);
	if (dfd < 0)
		return -1;
	for (;;) {
		size_t k = strcspn(p, "/");
		int next;

		if (k >= sizeof(comp)) {
			close(dfd);
			return refuse(rel, err, "a name too long", NULL);
		}
		memcpy(comp, p, k);
		comp[k] = '\0';
		if (mkdirat(dfd, comp, 0755) == 0) {
			if (fsync(dfd) < 0) {
				close(dfd);
				return sys_fail("create directory", rel, errno,
						err);
			}
		} else if (errno != EEXIST) {
			int e = errno;

			close(dfd);
			return sys_fail("create directory", rel, e, err);
		}
		next = openat(dfd, comp,
			      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		close(dfd);
		if (next < 0) {
			if (errno == ELOOP || errno == ENOTDIR)
				return refuse(rel, err,
					      "something other than a directory is in the way",
					      NULL);
			return sys_fail("open directory", rel, errno, err);
		}
		dfd = next;
		p += k;
		if (!*p)
			break;
		p++;
	}
	close(dfd);
	return 0;
}

static int state_path_ok(const char *rel, struct heal_error *err)
{
	if (!heal_safefile_canonical(rel) || strncmp(rel, ".heal/", 6) != 0)
		return refuse(rel ? rel : "", err, "not a heal state file",
			      NULL);
	return 0;
}

int heal_safefile_open_state(struct heal_safefile *sf, const char *rel,
			     int flags, mode_t mode, struct heal_error *err)
{
	char *dir;
	int dirfd, fd;

	if (state_path_ok(rel, err) < 0)
		return -1;
	dir = dir_of(rel);
	if ((flags & O_CREAT) &&
	    heal_safefile_mkdir(sf, dir, HEAL_SF_INTERNAL, err) < 0) {
		free(dir);
		return -1;
	}
	dirfd = open_dir(sf, dir, err);
	free(dir);
	if (dirfd < 0)
		return -1;
	fd = openat(dirfd, base_of(rel), flags | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0)
		sys_fail("open", rel, errno, err);
	close(dirfd);
	return fd;
}

int heal_safefile_unlink_state(struct heal_safefile *sf, const char *rel,
			       struct heal_error *err)
{
	char *dir;
	int dirfd;

	if (state_path_ok(rel, err) < 0)
		return -1;
	dir = dir_of(rel);
	dirfd = open_dir(sf, dir, err);
	free(dir);
	if (dirfd < 0)
		return (err && err->sys_errno == ENOENT) ? 0 : -1;
	if (unlinkat(dirfd, base_of(rel), 0) < 0 && errno != ENOENT) {
		int e = errno;

		close(dirfd);
		return sys_fail("remove", rel, e, err);
	}
	close(dirfd);
	return 0;
}
