#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_source.h"

void heal_sources_init(struct heal_sources *s, const struct heal_root *root)
{
	s->root = root;
	s->v = NULL;
	s->n = s->cap = 0;
	s->bytes = 0;
}

static void file_free(struct heal_source_file *f)
{
	if (!f)
		return;
	free(f->rel);
	free(f->data);
	free(f->starts);
	free(f);
}

void heal_sources_clear(struct heal_sources *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		file_free(s->v[i]);
	s->n = 0;
	s->bytes = 0;
}

void heal_sources_release(struct heal_sources *s)
{
	if (!s)
		return;
	heal_sources_clear(s);
	free(s->v);
	s->v = NULL;
	s->cap = 0;
}

static void index_lines(struct heal_source_file *f)
{
	size_t i, n = 1;

	for (i = 0; i < f->len; i++)
		if (f->data[i] == '\n' && i + 1 < f->len)
			n++;
	f->starts = heal_reallocarray(NULL, n, sizeof(*f->starts));
	f->starts[0] = 0;
	f->nlines = 1;
	for (i = 0; i < f->len; i++)
		if (f->data[i] == '\n' && i + 1 < f->len)
			f->starts[f->nlines++] = i + 1;
	if (f->len == 0)
		f->nlines = 0;
}

const struct heal_source_file *heal_sources_get(struct heal_sources *s,
						const char *rel,
						struct heal_error *err)
{
	struct heal_source_file *f;
	struct heal_buf b;
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i]->rel, rel) == 0)
			return s->v[i];
	heal_buf_init(&b, HEAL_SOURCE_MAX_FILE + 1);
	if (heal_root_read_file(s->root, rel, HEAL_SOURCE_MAX_FILE, &b, err) < 0) {
		heal_buf_release(&b);
		return NULL;
	}
	if (s->bytes + b.len > HEAL_SOURCE_MAX_BYTES) {
		heal_buf_release(&b);
		heal_error_set(err, HEAL_ERR_REFUSED,
			       "'%s': more than %u MiB of source read for one record",
			       rel, HEAL_SOURCE_MAX_BYTES >> 20);
		return NULL;
	}
	f = heal_calloc(1, sizeof(*f));
	f->rel = heal_strdup(rel);
	f->data = heal_buf_detach(&b, &f->len);
	heal_sha256_hex(f->data, f->len, f->sha256);
	index_lines(f);
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = heal_reallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n++] = f;
	s->bytes += f->len;
	return f;
}

bool heal_source_line(const struct heal_source_file *f, size_t n,
		      size_t *start, size_t *len)
{
	size_t a, b;

	if (n < 1 || n > f->nlines)
		return false;
	a = f->starts[n - 1];
	b = n < f->nlines ? f->starts[n] : f->len;
	if (b > a && f->data[b - 1] == '\n')
		b--;
	if (b > a && f->data[b - 1] == '\r')
		b--;
	*start = a;
	*len = b - a;
	return true;
}

size_t heal_source_eol_len(const struct heal_source_file *f, size_t n)
{
	size_t a, len, end;

	if (!heal_source_line(f, n, &a, &len))
		return 0;
	end = n < f->nlines ? f->starts[n] : f->len;
	return end - (a + len);
}

size_t heal_source_line_of(const struct heal_source_file *f, size_t off)
{
	size_t lo = 0, hi = f->nlines;

	if (f->nlines == 0)
		return 1;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

bool heal_source_exists(const struct heal_sources *s, const char *rel,
			bool *is_dir, mode_t *mode)
{
	struct stat st;
	int fd;

	fd = heal_root_openat(s->root, rel, O_PATH | O_NOFOLLOW, 0, NULL);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return false;
	}
	close(fd);
	if (S_ISLNK(st.st_mode))
		return false;
	if (is_dir)
		*is_dir = S_ISDIR(st.st_mode);
	if (mode)
		*mode = st.st_mode;
	return true;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

ssize_t heal_source_list(const struct heal_sources *s, const char *rel,
			 int want_dirs, char ***out, struct heal_error *err)
{
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	DIR *d;
	int fd;

	*out = NULL;
	if (!rel || !*rel)
		rel = ".";
	fd = heal_root_openat(s->root, rel, O_RDONLY | O_DIRECTORY, 0, err);
	if (fd < 0)
		return -1;
	d = fdopendir(fd);
	if (!d) {
		int e = errno;

		close(fd);
		return heal_error_sys(err, e, "cannot read directory '%s'", rel);
	}
	while ((de = readdir(d)) != NULL && n < HEAL_SOURCE_MAX_ENTRIES) {
		struct stat st;
		bool dir;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		dir = S_ISDIR(st.st_mode);
		if ((want_dirs == 1 && !dir) || (want_dirs == 0 && dir))
			continue;
		names = heal_reallocarray(names, n + 1, sizeof(*names));
		names[n++] = heal_strdup(de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	*out = names;
	return (ssize_t)n;
}

void heal_source_list_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

void heal_source_walk(const struct heal_sources *s, size_t max_dirs,
		      size_t max_depth, heal_source_visit_fn visit, void *ctx)
{
	char **queue = heal_reallocarray(NULL, 1, sizeof(*queue));
	size_t qn = 1, qi = 0, mark = 1, depth = 0;
	bool stop = false;

	queue[0] = heal_strdup("");
	while (!stop && qi < qn && qi < max_dirs && depth <= max_depth) {
		char **names;
		ssize_t n = heal_source_list(s, queue[qi], -1, &names, NULL);
		ssize_t i;

		for (i = 0; i < n && !stop; i++) {
			size_t dl = strlen(queue[qi]), nl = strlen(names[i]);
			char *p = heal_malloc(dl + nl + 2);
			bool dir = false;

			if (dl)
				memcpy(p, queue[qi], dl), p[dl++] = '/';
			memcpy(p + dl, names[i], nl + 1);
			if (names[i][0] == '.' || !heal_source_exists(s, p, &dir, NULL)) {
				free(p);
			} else if (dir) {
				queue = heal_reallocarray(queue, qn + 1, sizeof(*queue));
				queue[qn++] = p;
			} else {
				stop = visit(ctx, p, names[i]);
				free(p);
			}
		}
		if (n > 0)
			heal_source_list_free(names, (size_t)n);
		if (++qi == mark) {
			depth++;
			mark = qn;
		}
	}
	for (qi = 0; qi < qn; qi++)
		free(queue[qi]);
	free(queue);
}
