/*
 * fsfix.h - file fixtures for heal's C unit tests that work on a scratch
 * directory: fs_at() names a file in it, fs_put() writes one with a mode,
 * fs_get() reads one back, fs_mode() and fs_count_temps() look at them,
 * fs_rm_tree() removes the directory at the end; fs_have() says whether
 * a program a test needs is installed.
 */
#ifndef HEAL_FSFIX_H
#define HEAL_FSFIX_H

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* dir/rel in one of four rotating buffers (so a call may take several). */
__attribute__((unused))
static const char *fs_at(const char *dir, const char *rel)
{
	static char p[4][4200];
	static int i;

	i = (i + 1) % 4;
	snprintf(p[i], sizeof(p[i]), "%s/%s", dir, rel);
	return p[i];
}

/* Write s to path (created or truncated) with exactly mode; aborts on failure. */
__attribute__((unused))
static void fs_put(const char *path, const char *s, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0 || write(fd, s, strlen(s)) != (ssize_t)strlen(s))
		abort();
	close(fd);
	chmod(path, mode);
}

/* The first 8 KiB of path as a string, or NULL when it cannot be opened. */
__attribute__((unused))
static char *fs_get(const char *path)
{
	static char buf[8192];
	int fd = open(path, O_RDONLY);
	ssize_t k;

	if (fd < 0)
		return NULL;
	k = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[k < 0 ? 0 : k] = '\0';
	return buf;
}

/* Permission bits of path, or (mode_t)-1. */
__attribute__((unused))
static mode_t fs_mode(const char *path)
{
	struct stat st;

	return stat(path, &st) < 0 ? (mode_t)-1 : (st.st_mode & 07777);
}

/* How many heal temporary files (".heal-tmp.*") the directory holds. */
__attribute__((unused))
static int fs_count_temps(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	int n = 0;

	while (d && (de = readdir(d)))
		if (strncmp(de->d_name, ".heal-tmp.", 10) == 0)
			n++;
	if (d)
		closedir(d);
	return n;
}

static int fs_rm_one(const char *path, const struct stat *st, int flag,
		     struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

/* Remove path and everything below it, never following a link. */
__attribute__((unused))
static void fs_rm_tree(const char *path)
{
	nftw(path, fs_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Whether an executable named tool is in PATH. */
__attribute__((unused))
static bool fs_have(const char *tool)
{
	const char *path = getenv("PATH");
	char p[4096];

	while (path && *path) {
		size_t n = strcspn(path, ":");

		snprintf(p, sizeof(p), "%.*s/%s", (int)n, path, tool);
		if (access(p, X_OK) == 0)
			return true;
		path += n + (path[n] == ':');
	}
	return false;
}

#endif
