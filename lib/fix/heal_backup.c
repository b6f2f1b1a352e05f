#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "heal_alloc.h"
#include "heal_archive.h"
#include "heal_backup.h"
#include "heal_tar.h"
#include "heal_strmap.h"
#include "heal_text.h"

#define MANIFEST_NAME "MANIFEST"
#define FILES_PREFIX "files/"

bool heal_backup_session_ok(const char *s)
{
	size_t i, n = s ? strlen(s) : 0;

	if (n == 0 || n > HEAL_SESSION_MAX || s[0] == '.')
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return false;
	}
	return true;
}

char *heal_backup_path(const char *session)
{
	struct heal_buf b;

	heal_buf_init(&b, 4096);
	heal_buf_putf(&b, "%s/%s.tar.gz", HEAL_BACKUP_DIR, session);
	return heal_buf_detach(&b, NULL);
}

void heal_backup_manifest_release(struct heal_backup_manifest *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->v[i].path);
		free(m->v[i].data);
	}
	free(m->v);
	free(m->session);
	memset(m, 0, sizeof(*m));
}

static struct heal_backup_entry *add_entry(struct heal_backup_manifest *m)
{
	struct heal_backup_entry *e;

	/* room doubles when n is 0 or a power of two: linear, not quadratic */
	if ((m->n & (m->n - 1)) == 0)
		m->v = heal_reallocarray(m->v, m->n ? m->n * 2 : 1,
					 sizeof(*m->v));
	e = &m->v[m->n++];
	memset(e, 0, sizeof(*e));
	return e;
}

static const struct heal_backup_entry *find(const struct heal_backup_manifest *m,
					    const char *path)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].path, path) == 0)
			return &m->v[i];
	return NULL;
}

static bool is_hex64(const char *s, size_t n)
{
	size_t i;

	if (n != 64)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* A decimal without sign or leading zeros, at most max. */
static bool parse_size(const char *s, size_t n, size_t max, size_t *out)
{
	size_t v = 0, i;

	if (n == 0 || n > 20 || (n > 1 && s[0] == '0'))
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (v > (max - (size_t)(s[i] - '0')) / 10)
			return false;
		v = v * 10 + (size_t)(s[i] - '0');
	}
	*out = v;
	return true;
}

static int bad_line(struct heal_backup_manifest *m, size_t lineno,
		    const char *why, struct heal_error *err)
{
	heal_backup_manifest_release(m);
	return heal_error_set(err, HEAL_ERR_INPUT,
			      "backup manifest line %zu: %s", lineno, why);
}

static bool path_ok(const char *p, size_t n)
{
	char *s = heal_strndup(p, n);
	bool ok = memchr(p, '\0', n) == NULL && heal_safefile_canonical(s);

	free(s);
	return ok;
}

/*
 * The lines of a manifest; seen holds the paths so far (a hash map: a
 * hostile manifest of 100,000 paths with long common prefixes must not
 * cost a quadratic number of comparisons).
 */
static int parse_lines(const char *p, const char *end,
		       struct heal_backup_manifest *m, struct heal_strmap *seen,
		       struct heal_error *err)
{
	size_t lineno = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *sp;
		size_t n;

		lineno++;
		if (!nl)
			return bad_line(m, lineno, "no line end", err);
		n = (size_t)(nl - p);
		if (lineno == 1) {
			if (n != 13 || memcmp(p, "heal-backup 1", 13) != 0)
				return bad_line(m, lineno,
						"not a heal backup manifest, version 1",
						err);
		} else if (lineno == 2) {
			if (n < 9 || memcmp(p, "session ", 8) != 0)
				return bad_line(m, lineno, "no session", err);
			m->session = heal_strndup(p + 8, n - 8);
			if (memchr(p + 8, '\0', n - 8) ||
			    !heal_backup_session_ok(m->session))
				return bad_line(m, lineno, "bad session id", err);
		} else if (n > 7 && memcmp(p, "absent ", 7) == 0) {
			struct heal_backup_entry *e;

			if (!path_ok(p + 7, n - 7))
				return bad_line(m, lineno, "bad path", err);
			e = add_entry(m);
			e->path = heal_strndup(p + 7, n - 7);
			heal_sha256_hex("", 0, e->sha256);
		} else if (n > 5 && memcmp(p, "file ", 5) == 0) {
			struct heal_backup_entry *e;
			const char *f = p + 5, *le = p + n;
			unsigned mode = 0;
			size_t size, i;

			/* SHA256 */
			sp = memchr(f, ' ', (size_t)(le - f));
			if (!sp || !is_hex64(f, (size_t)(sp - f)))
				return bad_line(m, lineno, "bad digest", err);
			f = sp + 1;
			/* MODE: exactly 4 octal digits, at most 0777 */
			if (le - f < 5 || f[4] != ' ' || f[0] != '0')
				return bad_line(m, lineno, "bad mode", err);
			for (i = 1; i < 4; i++) {
				if (f[i] < '0' || f[i] > '7')
					return bad_line(m, lineno, "bad mode",
							err);
				mode = mode * 8 + (unsigned)(f[i] - '0');
			}
			f += 5;
			sp = memchr(f, ' ', (size_t)(le - f));
			if (!sp || !parse_size(f, (size_t)(sp - f),
					       HEAL_BACKUP_MAX_TOTAL, &size))
				return bad_line(m, lineno, "bad size", err);
			f = sp + 1;
			if (!path_ok(f, (size_t)(le - f)))
				return bad_line(m, lineno, "bad path", err);
			e = add_entry(m);
			e->path = heal_strndup(f, (size_t)(le - f));
			e->exists = true;
			e->mode = mode;
			e->size = size;
			memcpy(e->sha256, p + 5, 64);
			e->sha256[64] = '\0';
		} else {
			return bad_line(m, lineno, "unknown item", err);
		}
		if (m->n > HEAL_BACKUP_MAX_FILES)
			return bad_line(m, lineno, "too many files", err);
		if (m->n > 0) {
			const char *path = m->v[m->n - 1].path;

			if (!heal_strmap_put(seen, path, strlen(path), m->n - 1,
					     NULL))
				return bad_line(m, lineno, "duplicate path",
						err);
		}
		p = nl + 1;
	}
	if (lineno < 2)
		return bad_line(m, lineno + 1, "truncated manifest", err);
	return 0;
}

int heal_backup_manifest_parse(const char *data, size_t len,
			       struct heal_backup_manifest *m,
			       struct heal_error *err)
{
	struct heal_strmap seen;
	int r;

	memset(m, 0, sizeof(*m));
	if (len > HEAL_BACKUP_MANIFEST_MAX)
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "backup manifest larger than %zu bytes",
				      HEAL_BACKUP_MANIFEST_MAX);
	heal_strmap_init(&seen);
	r = parse_lines(data, data + len, m, &seen, err);
	heal_strmap_release(&seen);
	return r;
}

int heal_backup_manifest_format(const struct heal_backup_manifest *m,
				struct heal_buf *out, struct heal_error *err)
{
	size_t i;

	if (heal_buf_addf(out, err, "heal-backup 1\nsession %s\n",
			  m->session) < 0)
		return -1;
	for (i = 0; i < m->n; i++) {
		const struct heal_backup_entry *e = &m->v[i];
		int r;

		if (e->exists)
			r = heal_buf_addf(out, err, "file %s %04o %zu %s\n",
					  e->sha256, e->mode, e->size, e->path);
		else
			r = heal_buf_addf(out, err, "absent %s\n", e->path);
		if (r < 0)
			return -1;
	}
	return 0;
}

/* Serialise m (entries with data) into a .tar.gz in out. */
static int build(const struct heal_backup_manifest *m, struct heal_buf *out,
		 struct heal_error *err)
{
	struct heal_tar_member *v = heal_calloc(m->n + 1, sizeof(*v));
	struct heal_buf text;
	char **names = heal_calloc(m->n + 1, sizeof(*names));
	size_t i, k = 0;
	int rc = -1;

	heal_buf_init(&text, HEAL_BACKUP_MANIFEST_MAX);
	if (heal_backup_manifest_format(m, &text, err) < 0)
		goto out;
	v[k++] = (struct heal_tar_member){ MANIFEST_NAME, text.data ? text.data : "", text.len, 0600 };
	for (i = 0; i < m->n; i++) {
		struct heal_buf name;

		if (!m->v[i].exists)
			continue;
		heal_buf_init(&name, 8192);
		if (heal_buf_addf(&name, err, FILES_PREFIX "%s", m->v[i].path) < 0) {
			heal_buf_release(&name);
			goto out;
		}
		names[k] = heal_buf_detach(&name, NULL);
		v[k] = (struct heal_tar_member){ names[k], m->v[i].data ? m->v[i].data : "",
						 m->v[i].size, m->v[i].mode };
		k++;
	}
	if (heal_tar_gz_write(v, k, (long long)time(NULL), out, err) < 0) {
		heal_error_prefix(err, "cannot write backup set");
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i <= m->n; i++)
		free(names[i]);
	free(names);
	free(v);
	heal_buf_release(&text);
	return rc;
}

static int tampered(const char *session, const char *why, const char *name,
		    struct heal_error *err)
{
	char *q = name ? heal_text_escape_dup(name, strlen(name)) : NULL;

	heal_error_set(err, HEAL_ERR_REFUSED,
		       "refusing backup set '%s': %s%s%s%s", session, why,
		       q ? " '" : "", q ? q : "", q ? "'" : "");
	free(q);
	return -1;
}

/* Read one member's data: exactly size bytes, then the end of it. */
static int read_member(const struct heal_archive *A, struct archive *a,
		       size_t size, char **out)
{
	char *buf = heal_malloc(size + 1);
	size_t got = 0;
	char extra;

	while (got < size) {
		la_ssize_t k = A->archive_read_data(a, buf + got, size - got);

		if (k <= 0) {
			free(buf);
			return -1;
		}
		got += (size_t)k;
	}
	if (A->archive_read_data(a, &extra, 1) != 0) {
		free(buf);
		return -1;
	}
	buf[size] = '\0';
	*out = buf;
	return 0;
}

int heal_backup_load(struct heal_safefile *sf, const char *session,
		     struct heal_backup_manifest *m, struct heal_error *err)
{
	const struct heal_archive *A = NULL;
	struct heal_buf raw;
	struct archive *a = NULL;
	struct archive_entry *ae;
	char *rel;
	size_t next = 0, total = 0;
	bool have_manifest = false;
	int r, rc = -1;

	memset(m, 0, sizeof(*m));
	if (!heal_backup_session_ok(session))
		return heal_error_set(err, HEAL_ERR_USAGE,
				      "bad session id (expected 1-128 of A-Z a-z 0-9 . _ -)");
	rel = heal_backup_path(session);
	heal_buf_init(&raw, HEAL_BACKUP_MAX_TOTAL);
	if (heal_root_read_file(sf->root, rel, HEAL_BACKUP_MAX_TOTAL, &raw,
				err) < 0)
		goto out;
	A = heal_archive_get(err);
	if (!A)
		goto out;
	a = A->archive_read_new();
	A->archive_read_support_filter_gzip(a);
	A->archive_read_support_format_tar(a);
	if (A->archive_read_open_memory(a, raw.data ? raw.data : "", raw.len) !=
	    ARCHIVE_OK) {
		tampered(session, "not a readable archive", NULL, err);
		goto out;
	}
	for (;;) {
		const char *name;
		char *data = NULL;
		la_int64_t size;

		r = A->archive_read_next_header(a, &ae);
		if (r == ARCHIVE_EOF)
			break;
		if (r != ARCHIVE_OK) {
			tampered(session, "corrupt or truncated archive", NULL,
				 err);
			goto out;
		}
		name = A->archive_entry_pathname(ae);
		if (!name) {
			tampered(session, "a member without a name", NULL, err);
			goto out;
		}
		if (A->archive_entry_filetype(ae) != AE_IFREG ||
		    A->archive_entry_hardlink(ae) || A->archive_entry_symlink(ae)) {
			tampered(session, "a member that is not a regular file",
				 name, err);
			goto out;
		}
		size = A->archive_entry_size(ae);
		if (!A->archive_entry_size_is_set(ae) || size < 0 ||
		    (uint64_t)size > HEAL_BACKUP_MAX_TOTAL - total) {
			tampered(session, "a member of bad size", name, err);
			goto out;
		}
		total += (size_t)size;
		if (!have_manifest) {
			if (strcmp(name, MANIFEST_NAME) != 0 ||
			    (size_t)size > HEAL_BACKUP_MANIFEST_MAX) {
				tampered(session, "no manifest first", name, err);
				goto out;
			}
			if (read_member(A, a, (size_t)size, &data) < 0) {
				tampered(session, "corrupt or truncated archive",
					 NULL, err);
				goto out;
			}
			r = heal_backup_manifest_parse(data, (size_t)size, m, err);
			free(data);
			if (r < 0) {
				char why[HEAL_ERROR_MSG_MAX];

				snprintf(why, sizeof(why), "%s", err->msg);
				tampered(session, why, NULL, err);
				goto out;
			}
			if (strcmp(m->session, session) != 0) {
				tampered(session, "the manifest names another session",
					 NULL, err);
				goto out;
			}
			have_manifest = true;
			continue;
		}
		/* members follow the manifest's existing files, in order */
		while (next < m->n && !m->v[next].exists)
			next++;
		if (next >= m->n ||
		    strncmp(name, FILES_PREFIX, strlen(FILES_PREFIX)) != 0 ||
		    strcmp(name + strlen(FILES_PREFIX), m->v[next].path) != 0) {
			tampered(session, "a member the manifest does not list",
				 name, err);
			goto out;
		}
		if ((size_t)size != m->v[next].size) {
			tampered(session, "a member whose size differs from the manifest",
				 name, err);
			goto out;
		}
		if (read_member(A, a, (size_t)size, &data) < 0) {
			tampered(session, "corrupt or truncated archive", NULL,
				 err);
			goto out;
		}
		{
			char sha[HEAL_SHA256_HEX];

			heal_sha256_hex(data, (size_t)size, sha);
			if (strcmp(sha, m->v[next].sha256) != 0) {
				free(data);
				tampered(session, "a member whose digest differs from the manifest",
					 name, err);
				goto out;
			}
		}
		m->v[next].data = data;
		next++;
	}
	if (!have_manifest) {
		tampered(session, "no manifest", NULL, err);
		goto out;
	}
	while (next < m->n && !m->v[next].exists)
		next++;
	if (next < m->n) {
		tampered(session, "a file the manifest lists is missing",
			 m->v[next].path, err);
		goto out;
	}
	rc = 0;
out:
	if (a)
		A->archive_read_free(a);
	if (rc < 0)
		heal_backup_manifest_release(m);
	heal_buf_release(&raw);
	free(rel);
	return rc;
}

int heal_backup_save(struct heal_safefile *sf, const char *session,
		     const char *const *paths, size_t n,
		     struct heal_error *err)
{
	struct heal_backup_manifest m;
	struct heal_buf out;
	char *rel = NULL;
	size_t i, added = 0, total = 0;
	int rc = -1;

	if (!heal_backup_session_ok(session))
		return heal_error_set(err, HEAL_ERR_USAGE,
				      "bad session id (expected 1-128 of A-Z a-z 0-9 . _ -)");
	rel = heal_backup_path(session);
	if (heal_safefile_mkdir(sf, HEAL_BACKUP_DIR, HEAL_SF_INTERNAL, err) < 0) {
		free(rel);
		return -1;
	}
	{
		struct heal_safefile_info info;

		if (heal_safefile_load(sf, rel, HEAL_SF_INTERNAL |
				       HEAL_SF_MISSING_OK, NULL, &info,
				       err) < 0) {
			free(rel);
			return -1;
		}
		if (info.exists) {
			if (heal_backup_load(sf, session, &m, err) < 0) {
				free(rel);
				return -1;
			}
		} else {
			memset(&m, 0, sizeof(m));
			m.session = heal_strdup(session);
		}
	}
	for (i = 0; i < m.n; i++)
		total += m.v[i].size;
	for (i = 0; i < n; i++) {
		struct heal_safefile_info info;
		struct heal_backup_entry *e;
		struct heal_buf data;

		if (find(&m, paths[i]))
			continue;
		heal_buf_init(&data, sf->max_size);
		if (heal_safefile_load(sf, paths[i], HEAL_SF_MISSING_OK, &data,
				       &info, err) < 0) {
			heal_buf_release(&data);
			goto out;
		}
		if (info.size > HEAL_BACKUP_MAX_TOTAL - total) {
			heal_buf_release(&data);
			heal_error_set(err, HEAL_ERR_LIMIT,
				       "backup set larger than %zu bytes",
				       HEAL_BACKUP_MAX_TOTAL);
			goto out;
		}
		total += info.size;
		e = add_entry(&m);
		e->path = heal_strdup(paths[i]);
		e->exists = info.exists;
		e->mode = info.mode & 0777;
		e->size = info.size;
		memcpy(e->sha256, info.sha256, sizeof(e->sha256));
		e->data = heal_buf_detach(&data, NULL);
		heal_buf_release(&data);
		added++;
	}
	if (added == 0) {
		rc = 0;
		goto out;
	}
	heal_buf_init(&out, HEAL_BACKUP_MAX_TOTAL + (HEAL_BACKUP_MAX_TOTAL >> 4));
	if (build(&m, &out, err) == 0 &&
	    heal_safefile_replace(sf, rel, out.data, out.len, NULL, 0600,
				  HEAL_SF_CREATE | HEAL_SF_INTERNAL, err) == 0)
		rc = 0;
	heal_buf_release(&out);
out:
	heal_backup_manifest_release(&m);
	free(rel);
	return rc;
}

/* The parent of a canonical path, or NULL at the top; owned. */
static char *parent(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? heal_strndup(path, (size_t)(s - path)) : NULL;
}

int heal_backup_restore(struct heal_safefile *sf, const char *session,
			size_t *restored, struct heal_error *err)
{
	struct heal_backup_manifest m;
	size_t i, done = 0;
	int rc = -1;

	if (restored)
		*restored = 0;
	if (heal_backup_load(sf, session, &m, err) < 0)
		return -1;
	/* every target must be writable before the first write */
	for (i = 0; i < m.n; i++) {
		struct heal_safefile_info info;
		struct heal_error e2 = HEAL_ERROR_INIT;
		char *dir = parent(m.v[i].path);

		if (heal_safefile_check_path(sf, m.v[i].path, 0, err) < 0) {
			free(dir);
			goto out;
		}
		if (heal_safefile_load(sf, m.v[i].path, HEAL_SF_MISSING_OK,
				       NULL, &info, &e2) < 0) {
			/* a directory the fix removed comes back below */
			if (e2.sys_errno != ENOENT || !dir) {
				*err = e2;
				free(dir);
				goto out;
			}
		}
		free(dir);
	}
	for (i = 0; i < m.n; i++) {
		const struct heal_backup_entry *e = &m.v[i];

		if (e->exists) {
			char *dir = parent(e->path);
			int r = dir ? heal_safefile_mkdir(sf, dir, 0, err) : 0;

			free(dir);
			if (r < 0 ||
			    heal_safefile_replace(sf, e->path, e->data, e->size,
						  NULL, (int)e->mode,
						  HEAL_SF_CREATE, err) < 0)
				goto out;
		} else if (heal_safefile_remove(sf, e->path, NULL, err) < 0) {
			goto out;
		}
		done++;
	}
	rc = 0;
out:
	if (restored)
		*restored = done;
	heal_backup_manifest_release(&m);
	return rc;
}
