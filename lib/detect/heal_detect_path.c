/*
 * Paths: a path the output printed, made root-relative (against make's
 * directory when it printed one) or kept as printed when outside the
 * root; the file of a record, found when the output named none (the
 * matcher's default files, the ansible playbook that names a failed task);
 * make's directory stack; source lines read beneath the root, for columns
 * in bytes and for the record's id.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_detect.h"
#include "heal_detect_int.h"
#include "heal_safefile.h"
#include "heal_lang.h"
#include "heal_record.h"
#include "heal_root.h"
#include "heal_text.h"

#define LOCATE_FILES 128
#define LOCATE_FILE_MAX (1u << 20)

static bool exists_rel(struct heal_detect *d, const char *rel);

/*
 * A Windows path ("C:\\a\\proj\\src\\x.c", "C:/msys64/..."), which names
 * nothing on this machine: the project's file it ends with, when its last
 * two or more components name one beneath the root (a log of a Windows
 * build of the project), as a root-relative path in *out (1); else 0.
 */
static int drive_path(struct heal_detect *d, const char *path, size_t len,
		      char **out)
{
	char buf[HEAL_RECORD_PATH_MAX + 1], *p;
	size_t i;

	if (len < 4 || len > HEAL_RECORD_PATH_MAX ||
	    !((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')) ||
	    path[1] != ':' || (path[2] != '\\' && path[2] != '/'))
		return 0;
	for (i = 0; i < len; i++)
		buf[i] = path[i] == '\\' ? '/' : path[i];
	buf[len] = '\0';
	/* from the longest suffix: after each separator but the last */
	for (p = buf + 3; (p = strchr(p, '/')) != NULL;) {
		p++;
		if (!strchr(p, '/'))
			break;
		if (heal_safefile_canonical(p) && exists_rel(d, p)) {
			*out = heal_strdup(p);
			return 1;
		}
	}
	return 0;
}

/*
 * The record form of a printed path: root-relative when inside (1), the
 * printed path when outside (0), NULL when unusable (-1).
 */
/* Whether path[0, len) begins with a URL's scheme and "://". */
static bool url(const char *path, size_t len)
{
	size_t i = 0;

	if (!len || !isalpha((unsigned char)path[0]))
		return false;
	while (i < len && i < 32 && (isalnum((unsigned char)path[i]) ||
				     path[i] == '+' || path[i] == '-' || path[i] == '.'))
		i++;
	return i >= 2 && i + 3 <= len && memcmp(path + i, "://", 3) == 0;
}

int heal_detect_record_path(struct heal_detect *d, const char *cwd,
			    bool cwd_outside, const char *path, char **out)
{
	size_t len = strlen(path);
	enum heal_rel rel;

	*out = NULL;
	while (len && (path[len - 1] == ' ' || path[len - 1] == '\t'))
		len--;
	if (!heal_record_path_ok(path, len))
		return -1;
	if (url(path, len)) {
		/* a module's URL (Deno's "https://deno.land/std/x.ts"):
		 * never a path beneath the root, kept as printed */
		*out = heal_strndup(path, len);
		return 0;
	}
	if (len > 2 && path[1] == ':' && (path[2] == '\\' || path[2] == '/')) {
		/* a Windows drive's: never a path beneath the root as printed */
		if (drive_path(d, path, len, out) == 1)
			return 1;
		*out = heal_strndup(path, len);
		return 0;
	}
	if (cwd_outside && path[0] != '/') {
		struct heal_buf b;

		heal_buf_init(&b, HEAL_RECORD_PATH_MAX);
		if (heal_buf_addf(&b, NULL, "%s/%.*s", cwd, (int)len, path) < 0) {
			heal_buf_release(&b);
			*out = heal_strndup(path, len);
			return 0;
		}
		*out = heal_buf_detach(&b, NULL);
		return 0;
	}
	rel = heal_root_relpath(d->opt.root, cwd, path, len, out);
	if (rel == HEAL_REL_INSIDE)
		return 1;
	if (rel == HEAL_REL_INVALID)
		return -1;
	*out = heal_strndup(path, len);
	return 0;
}

/* The key of rel's first n bytes (a directory's with its "/"). */
static uint64_t missing_key(const char *rel, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)rel[i]) * 1099511628211ull;
	return h ? h : 1;
}

static uint64_t *missing_slot(struct heal_detect *d, uint64_t key);
static void missing_add(struct heal_detect *d, uint64_t *slot, uint64_t key);

/* The keys under which a file's answer is kept in the set of paths: one
 * for there, one for not (a dense log names its few files at every
 * record, and a system call a record costs more than the record's
 * matching). */
#define EXISTS_YES 0x5bd1e9955bd1e995ull
#define EXISTS_NO 0xc2b2ae3d27d4eb4full

static bool exists_rel(struct heal_detect *d, const char *rel)
{
	struct stat st;
	uint64_t k, *yes, *no;
	bool there;

	k = missing_key(rel, strlen(rel));
	yes = missing_slot(d, k ^ EXISTS_YES);
	if (*yes)
		return true;
	no = missing_slot(d, k ^ EXISTS_NO);
	if (*no)
		return false;
	there = fstatat(d->opt.root->fd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (there)
		missing_add(d, yes, k ^ EXISTS_YES);
	else
		missing_add(d, no, k ^ EXISTS_NO);
	return there;
}

bool heal_detect_exists(struct heal_detect *d, const char *rel)
{
	return heal_safefile_canonical(rel) && exists_rel(d, rel);
}

/* The slot of a key in the set of paths that could not be read and
 * directories that are not there: holding it when it is there, else the
 * empty slot it would go in. */
static uint64_t *missing_slot(struct heal_detect *d, uint64_t key)
{
	size_t i = (size_t)(key >> 40) & (HEAL_DETECT_MISSING - 1);

	while (d->src_missing[i] && d->src_missing[i] != key)
		i = (i + 1) & (HEAL_DETECT_MISSING - 1);
	return &d->src_missing[i];
}

static void missing_add(struct heal_detect *d, uint64_t *slot, uint64_t key)
{
	if (!*slot && d->nsrc_missing < HEAL_DETECT_MISSING / 4 * 3) {
		*slot = key;
		d->nsrc_missing++;
	}
}

/* Whether a directory rel is in is known not to be there. */
static bool dir_missing(struct heal_detect *d, const char *rel)
{
	const char *p;

	for (p = strchr(rel, '/'); p; p = strchr(p + 1, '/'))
		if (*missing_slot(d, missing_key(rel, (size_t)(p - rel) + 1)))
			return true;
	return false;
}

/*
 * rel could not be read: the first of its directories that is not there
 * joins the set, and the files of a log from another machine cost one
 * system call a directory, not one a file.  The directories that are
 * there join it too (under another key), each looked at once.
 */
static void dir_check(struct heal_detect *d, const char *rel)
{
	const char *p;
	struct stat st;

	/* only a path beneath the root: its directories are looked at
	 * without resolving links */
	if (!heal_safefile_canonical(rel))
		return;
	for (p = strchr(rel, '/'); p; p = strchr(p + 1, '/')) {
		char dir[HEAL_RECORD_PATH_MAX];
		size_t n = (size_t)(p - rel);
		uint64_t key;

		if (n == 0 || n >= sizeof(dir))
			return;
		/* a directory seen there (its key with a byte no path has) */
		key = missing_key(rel, n + 1) * 1099511628211ull;
		if (*missing_slot(d, key))
			continue;
		memcpy(dir, rel, n);
		dir[n] = '\0';
		if (fstatat(d->opt.root->fd, dir, &st, AT_SYMLINK_NOFOLLOW) == 0) {
			if (!S_ISDIR(st.st_mode))
				return;
			missing_add(d, missing_slot(d, key), key);
			continue;
		}
		if (errno != ENOENT && errno != ENOTDIR)
			return;
		key = missing_key(rel, n + 1);
		missing_add(d, missing_slot(d, key), key);
		return;
	}
}

/*
 * The text of line n of a root-relative file, from a one-file cache.  A
 * file that could not be read is not tried again in the run (a build
 * writing a source file after printing an error in it is not a case).
 */
bool heal_detect_source_line(struct heal_detect *d, const char *rel, int64_t n,
			     const char **s, size_t *len)
{
	const char *p, *end, *nl;
	int64_t i;

	if (!d->src_path || strcmp(d->src_path, rel) != 0) {
		struct heal_error e = HEAL_ERROR_INIT;
		uint64_t key = missing_key(rel, strlen(rel)), *slot = missing_slot(d, key);
		bool known = *slot || dir_missing(d, rel);

		free(d->src_path);
		d->src_path = heal_strdup(rel);
		heal_buf_reset(&d->src);
		d->src_ok = !known &&
			    heal_root_read_file(d->opt.root, rel,
						HEAL_DETECT_SOURCE_FILE_MAX,
						&d->src, &e) == 0;
		if (!d->src_ok && !known) {
			missing_add(d, slot, key);
			dir_check(d, rel);
		}
	}
	if (!d->src_ok || n < 1)
		return false;
	p = d->src.data ? d->src.data : "";
	end = p + d->src.len;
	for (i = 1; i < n; i++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return false;
		p = nl + 1;
	}
	if (p >= end)
		return false;
	nl = memchr(p, '\n', (size_t)(end - p));
	*s = p;
	*len = nl ? (size_t)(nl - p) : (size_t)(end - p);
	if (*len && p[*len - 1] == '\r')
		(*len)--;
	return true;
}

size_t heal_detect_convert_col(struct heal_detect *d, const char *rel, int64_t line,
			       int64_t col, enum heal_punit unit)
{
	const char *s;
	size_t n;

	if (unit == HEAL_UNIT_BYTE || !rel || line < 1 || col < 1)
		return (size_t)col;
	if (!heal_detect_source_line(d, rel, line, &s, &n))
		return (size_t)col;
	if (unit == HEAL_UNIT_DISPLAY)
		return heal_text_display_to_byte(s, n, (size_t)col,
						 HEAL_TEXT_TABSTOP);
	return heal_text_char_to_byte(s, n, (size_t)col);
}

static bool yaml_file(const char *f)
{
	const struct heal_lang *l = heal_lang_of_name(f, NULL);

	return l && l->id == HEAL_LANG_YAML;
}

/* The line of "name: NAME" (a task's or a play's, quoted or not) in the
 * root-relative file rel, or 0. */
static int64_t name_line(struct heal_detect *d, const char *rel, const char *name,
			 size_t nl)
{
	struct heal_buf content;
	const char *p, *end;
	int64_t ln = 0, at = 0;

	heal_buf_init(&content, LOCATE_FILE_MAX);
	if (heal_root_read_file(d->opt.root, rel, LOCATE_FILE_MAX, &content, NULL) == 0) {
		p = content.data ? content.data : "";
		end = p + content.len;
		while (p < end && !at) {
			const char *e = memchr(p, '\n', (size_t)(end - p));
			const char *q = p, *qe;

			e = e ? e : end;
			ln++;
			while (q < e && (*q == ' ' || *q == '-' || *q == '\t'))
				q++;
			qe = e;
			while (qe > q && (qe[-1] == ' ' || qe[-1] == '\r'))
				qe--;
			if ((size_t)(qe - q) > 5 && memcmp(q, "name:", 5) == 0) {
				q += 5;
				while (q < qe && *q == ' ')
					q++;
				if (qe - q >= 2 && (*q == '"' || *q == '\'') && qe[-1] == *q) {
					q++;
					qe--;
				}
				if ((size_t)(qe - q) == nl && memcmp(q, name, nl) == 0)
					at = ln;
			}
			p = e + 1;
		}
	}
	heal_buf_release(&content);
	return at;
}

/* Find "name: NAME" in the project's playbooks: the task or play that
 * failed when ansible printed no file.  The playbooks the command names
 * come first (two playbooks of a directory may share a task's name). */
static bool locate_name(struct heal_detect *d, const char *cwd, const char *name,
			char **file, int64_t *line)
{
	static const char *const dirs[] = { "", "playbooks/", NULL };
	size_t nl = strlen(name), k, seen = 0;
	bool hit = false;

	if (!nl || nl > 512)
		return false;
	for (k = 1; k < d->opt.ncommand && !hit; k++) {
		const char *a = d->opt.command[k];
		char *rel = NULL;
		int64_t at;

		if (!yaml_file(a) ||
		    heal_detect_record_path(d, cwd, false, a, &rel) != 1) {
			free(rel);
			continue;
		}
		if ((at = name_line(d, rel, name, nl)) > 0) {
			*file = rel;
			*line = at;
			return true;
		}
		free(rel);
	}
	for (k = 0; dirs[k] && !hit; k++) {
		struct heal_buf dp;
		int fd;
		DIR *dir;
		struct dirent *de;

		heal_buf_init(&dp, HEAL_RECORD_PATH_MAX);
		if (cwd && *cwd && strcmp(cwd, ".") != 0)
			heal_buf_putf(&dp, "%s/", cwd);
		heal_buf_puts(&dp, dirs[k]);
		if (heal_buf_truncated(&dp)) {
			heal_buf_release(&dp);
			continue;
		}
		fd = heal_root_openat(d->opt.root, dp.len ? heal_buf_str(&dp) : ".",
				      O_RDONLY | O_DIRECTORY, 0, NULL);
		if (fd < 0 || !(dir = fdopendir(fd))) {
			if (fd >= 0)
				close(fd);
			heal_buf_release(&dp);
			continue;
		}
		while (!hit && (de = readdir(dir)) && seen < LOCATE_FILES) {
			struct heal_buf fp;
			int64_t at;

			if (!yaml_file(de->d_name))
				continue;
			seen++;
			heal_buf_init(&fp, HEAL_RECORD_PATH_MAX);
			heal_buf_put(&fp, dp.data ? dp.data : "", dp.len);
			heal_buf_puts(&fp, de->d_name);
			if (!heal_buf_truncated(&fp) &&
			    (at = name_line(d, heal_buf_str(&fp), name, nl)) > 0) {
				hit = true;
				*line = at;
				*file = heal_buf_detach(&fp, NULL);
			}
			heal_buf_release(&fp);
		}
		closedir(dir);
		heal_buf_release(&dp);
	}
	return hit;
}

/*
 * A JVM stack frame names its file without a directory ("App.java"); its
 * class ("com.acme.App", the function field) gives the package's, under
 * one of the build tools' source roots.  The root-relative path of the
 * first of those that exists, or NULL.
 */
static char *jvm_file(struct heal_detect *d, const char *cls, const char *name)
{
	static const char *const roots[] = {
		"", "src/", "src/main/java/", "src/test/java/", "src/main/kotlin/",
		"src/test/kotlin/", "src/main/scala/", "src/test/scala/",
		"app/src/main/java/", "app/src/test/java/", NULL,
	};
	const char *last = strrchr(cls, '.'), *p;
	struct heal_buf b;
	size_t k;

	if (strchr(name, '/') || strlen(cls) > 1024)
		return NULL;
	/* a class name: identifiers joined by dots, no path */
	for (p = cls; *p; p++)
		if (!(*p == '.' || *p == '_' || *p == '$' || (*p >= '0' && *p <= '9') ||
		      ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')) ||
		    (*p == '.' && (p == cls || p[1] == '.' || !p[1])))
			return NULL;
	heal_buf_init(&b, HEAL_RECORD_PATH_MAX);
	for (k = 0; roots[k]; k++) {
		heal_buf_reset(&b);
		heal_buf_puts(&b, roots[k]);
		for (p = cls; last && p < last; p++)
			heal_buf_putc(&b, *p == '.' ? '/' : *p);
		if (last)
			heal_buf_putc(&b, '/');
		heal_buf_puts(&b, name);
		if (!heal_buf_truncated(&b) && exists_rel(d, heal_buf_str(&b))) {
			char *out = heal_buf_detach(&b, NULL);

			return out;
		}
	}
	heal_buf_release(&b);
	return NULL;
}

/*
 * A Python module's dotted name (pylint 1.x's "Module pkg.mod") as its
 * file: pkg/mod.py, or pkg/mod/__init__.py, beneath the root, src/ or lib/;
 * else the argument of the command (--command) that names mod.py; else
 * pkg/mod.py.  NULL when mod is no dotted name.
 */
static char *pymodule_file(struct heal_detect *d, const char *mod)
{
	static const char *const roots[] = { "", "src/", "lib/", NULL };
	static const char *const ends[] = { ".py", "/__init__.py", NULL };
	const char *p, *last = strrchr(mod, '.');
	struct heal_buf b;
	size_t k, e, i, n = strlen(mod);

	if (n == 0 || n > 1024)
		return NULL;
	for (p = mod; *p; p++)
		if (!(*p == '.' || *p == '_' || (*p >= '0' && *p <= '9') ||
		      ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')) ||
		    (*p == '.' && (p == mod || p[1] == '.' || !p[1])))
			return NULL;
	heal_buf_init(&b, HEAL_RECORD_PATH_MAX);
	for (k = 0; roots[k]; k++) {
		for (e = 0; ends[e]; e++) {
			heal_buf_reset(&b);
			heal_buf_puts(&b, roots[k]);
			for (p = mod; *p; p++)
				heal_buf_putc(&b, *p == '.' ? '/' : *p);
			heal_buf_puts(&b, ends[e]);
			if (!heal_buf_truncated(&b) && exists_rel(d, heal_buf_str(&b)))
				return heal_buf_detach(&b, NULL);
		}
	}
	/* the file pylint was given: "pylint examples/basics.py" names
	 * the module "basics" */
	last = last ? last + 1 : mod;
	for (i = 1; i < d->opt.ncommand; i++) {
		const char *a = d->opt.command[i], *base = strrchr(a, '/');
		size_t bl;

		base = base ? base + 1 : a;
		bl = strlen(base);
		if (bl == strlen(last) + 3 && strncmp(base, last, bl - 3) == 0 &&
		    strcmp(base + bl - 3, ".py") == 0) {
			heal_buf_release(&b);
			return heal_strdup(a);
		}
	}
	heal_buf_reset(&b);
	for (p = mod; *p; p++)
		heal_buf_putc(&b, *p == '.' ? '/' : *p);
	heal_buf_puts(&b, ".py");
	return heal_buf_detach(&b, NULL);
}

/*
 * The file of record r as the record gives it: its captured file, else
 * the first of the matcher's default files that exists (else its last),
 * else for a "locate" matcher the playbook that names the failed task or
 * play, or the one on the command line.  *inside: 1 root-relative, 0
 * outside the root, -1 none (NULL returned).  Locating may set *line.
 */
char *heal_detect_rec_file(struct heal_detect *d, const struct rec *r,
			   int64_t *line, int *inside)
{
	const struct heal_pattern_matcher *m = r->m;
	char *file = NULL;
	size_t i;

	*inside = -1;
	if (r->f[HEAL_PF_FILE] && *r->f[HEAL_PF_FILE]) {
		const char *f = r->f[HEAL_PF_FILE];
		char *modf = NULL;

		if (m->family && strcmp(m->family, "pymodule") == 0 &&
		    (modf = pymodule_file(d, f)))
			f = modf;
		if (r->frame_file_rel) {
			/* frames in the project hold a root-relative path */
			file = heal_strdup(f);
			*inside = 1;
		} else {
			/* a pattern that reads any text before the file as the
			 * file's took a wrapper's marks ("│ web/a.ts(3,1)") */
			f += heal_detect_wrapper_len(f, strlen(f));
			*inside = heal_detect_record_path(d, heal_detect_rec_dir(r, f),
							  r->cwd_outside, f, &file);
		}
		free(modf);
	}
	if (!file && m->ndefault_file) {
		for (i = 0; i < m->ndefault_file && !file; i++) {
			char *cand = NULL;

			if (heal_detect_record_path(d, r->cwd, r->cwd_outside,
						    m->default_file[i], &cand) == 1 &&
			    (exists_rel(d, cand) || i + 1 == m->ndefault_file)) {
				file = cand;
				*inside = 1;
			} else {
				free(cand);
			}
		}
	}
	if (!file && m->locate) {
		const char *name = r->f[HEAL_PF_FUNCTION];

		if (name && locate_name(d, r->cwd, name, &file, line))
			*inside = 1;
		if (!file && d->opt.ncommand) {
			/* the playbook on the command line */
			for (i = d->opt.ncommand; i-- > 1;) {
				const char *a = d->opt.command[i];

				if (yaml_file(a)) {
					*inside = heal_detect_record_path(d, r->cwd,
									  r->cwd_outside, a,
									  &file);
					break;
				}
			}
		}
	}
	if (file && *inside == 1 && m->family && strcmp(m->family, "jvm") == 0 &&
	    r->f[HEAL_PF_FUNCTION] && !exists_rel(d, file)) {
		char *found = jvm_file(d, r->f[HEAL_PF_FUNCTION], file);

		if (found) {
			free(file);
			file = found;
		}
	}
	if (*inside == -1 && file) {
		free(file);
		file = NULL;
	}
	return file;
}

/* --- make's directory stack ----------------------------------------------- */

void heal_detect_dir_enter(struct heal_detect *d, const char *dir, size_t n,
			   bool set)
{
	struct make_dir *md;
	char *rel = NULL;
	const char *cwd;
	enum heal_rel k;

	/* a set directory replaces the one set before (helm lint's "==>
	 * Linting DIR" for each chart): relative to what was entered before
	 * that one */
	while (set && d->ndirs && d->dirs[d->ndirs - 1].set)
		heal_detect_dir_leave(d);
	cwd = d->ndirs ? d->dirs[d->ndirs - 1].path : NULL;
	if (d->ndirs == DIR_DEPTH || n == 0)
		return;
	md = &d->dirs[d->ndirs];
	k = heal_root_relpath(d->opt.root, cwd, dir, n, &rel);
	if (k == HEAL_REL_INSIDE) {
		md->path = rel;
		md->outside = false;
	} else if (k == HEAL_REL_OUTSIDE && dir[0] == '/') {
		md->path = heal_strndup(dir, n);
		md->outside = true;
	} else {
		return;
	}
	md->set = set;
	d->ndirs++;
}

void heal_detect_dir_leave(struct heal_detect *d)
{
	if (!d->ndirs)
		return;
	d->ndirs--;
	free(d->dirs[d->ndirs].path);
	d->dirs[d->ndirs].path = NULL;
}
