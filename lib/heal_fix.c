#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_argcheck.h"
#include "heal_backup.h"
#include "heal_diff.h"
#include "heal_edit.h"
#include "heal_fix.h"
#include "heal_lock.h"
#include "heal_record.h"
#include "heal_root.h"
#include "heal_safefile.h"
#include "heal_spawn.h"
#include "heal_text.h"
#include "heal_banned.h"

#define DIFF_MAX ((size_t)8 << 20)

struct fedit {
	char *file;
	struct heal_edit e;
	const char *sha;
};

struct fchmod {
	char *file;
	unsigned mode;
	const char *sha;
};

struct plan {
	char error_id[HEAL_SHA256_HEX];
	const char *fix_id;              /* borrowed from the record */
	const char *risk;
	const char *status;              /* set when decided at plan time */
	char *reason;
	struct fedit *edits;
	size_t nedits;
	struct fchmod *chmods;
	size_t nchmods;
	char **mkdirs;
	size_t nmkdirs;
	const char **argv;               /* strings borrowed */
	size_t argc;
	char **files;                    /* distinct files written */
	size_t nfiles;
};

struct heal_fix {
	struct heal_fix_opts o;
	struct heal_root root;
	struct heal_safefile sf;
	struct heal_cmdpolicy policy;
	struct heal_lock lock;
	char *session;
	struct plan *plans;
	size_t nplans;
	bool begun;
	struct heal_error begin_err;
	bool backed_up;
	size_t not_applied, io_failed;
};

void heal_fix_opts_init(struct heal_fix_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->min_confidence = HEAL_FIX_MIN_CONFIDENCE;
	o->approve = HEAL_APPROVE_RISKY;
	o->command_timeout = HEAL_FIX_COMMAND_TIMEOUT;
	o->lock_wait = 10.0;
}

static char *new_session(void)
{
	char buf[64];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y%m%dT%H%M%SZ", &tm);
	{
		struct heal_buf b;

		heal_buf_init(&b, 128);
		heal_buf_addf(&b, NULL, "%s-%ld", buf, (long)getpid());
		return heal_buf_detach(&b, NULL);
	}
}

struct heal_fix *heal_fix_new(const struct heal_fix_opts *o,
			      struct heal_error *err)
{
	struct heal_fix *f = heal_calloc(1, sizeof(*f));
	size_t i;

	f->o = *o;
	f->lock.fd = -1;
	heal_cmdpolicy_init(&f->policy);
	if (heal_root_open(&f->root, o->root, err) < 0) {
		heal_cmdpolicy_release(&f->policy);
		free(f);
		return NULL;
	}
	heal_safefile_init(&f->sf, &f->root);
	heal_safefile_set_journal(&f->sf, HEAL_SAFEFILE_JOURNAL);
	for (i = 0; i < o->nprotect; i++)
		if (heal_safefile_protect(&f->sf, o->protect[i], err) < 0)
			goto fail;
	for (i = 0; i < o->nallow; i++)
		if (heal_cmdpolicy_allow(&f->policy, o->allow[i], err) < 0)
			goto fail;
	if (o->session && !heal_backup_session_ok(o->session)) {
		heal_error_set(err, HEAL_ERR_USAGE,
			       "bad session id (expected 1-128 of A-Z a-z 0-9 . _ -, not starting with '.')");
		goto fail;
	}
	f->session = o->session ? heal_strdup(o->session) : new_session();
	return f;
fail:
	heal_fix_free(f);
	return NULL;
}

static void plan_release(struct plan *p)
{
	size_t i;

	for (i = 0; i < p->nedits; i++)
		free(p->edits[i].file);
	for (i = 0; i < p->nchmods; i++)
		free(p->chmods[i].file);
	for (i = 0; i < p->nmkdirs; i++)
		free(p->mkdirs[i]);
	for (i = 0; i < p->nfiles; i++)
		free(p->files[i]);
	free(p->edits);
	free(p->chmods);
	free(p->mkdirs);
	free(p->files);
	free((void *)p->argv);
	free(p->reason);
	memset(p, 0, sizeof(*p));
}

void heal_fix_free(struct heal_fix *f)
{
	size_t i;

	if (!f)
		return;
	heal_fix_end(f);
	for (i = 0; i < f->nplans; i++)
		plan_release(&f->plans[i]);
	free(f->plans);
	free(f->session);
	heal_cmdpolicy_release(&f->policy);
	heal_safefile_release(&f->sf);
	heal_root_close(&f->root);
	free(f);
}

const char *heal_fix_session(const struct heal_fix *f)
{
	return f->session;
}

static void decide(struct plan *p, const char *status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void decide(struct plan *p, const char *status, const char *fmt, ...)
{
	struct heal_buf b;
	va_list ap;

	p->status = status;
	heal_buf_init(&b, HEAL_ERROR_MSG_MAX);
	va_start(ap, fmt);
	heal_buf_vaddf(&b, NULL, fmt, ap);
	va_end(ap);
	free(p->reason);
	p->reason = heal_buf_detach(&b, NULL);
}

static bool is_sha(const char *s)
{
	size_t i;

	if (!s || strlen(s) != 64)
		return false;
	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* A record path to a canonical root-relative one, or a refusal. */
static char *resolve(struct heal_fix *f, struct plan *p, const char *path)
{
	char *rel = NULL, *q;
	enum heal_rel r;
	struct heal_error e = HEAL_ERROR_INIT;

	if (!path) {
		decide(p, "refused", "a path in the fix is not a string without NUL bytes");
		return NULL;
	}
	r = heal_root_relpath(&f->root, NULL, path, strlen(path), &rel);
	if (r != HEAL_REL_INSIDE) {
		q = heal_text_escape_dup(path, strlen(path));
		decide(p, "refused", r == HEAL_REL_OUTSIDE
		       ? "'%s' lies outside the project root"
		       : "'%s' is not a valid path", q);
		free(q);
		return NULL;
	}
	if (heal_safefile_check_path(&f->sf, rel, 0, &e) < 0) {
		decide(p, "refused", "%s", e.msg);
		free(rel);
		return NULL;
	}
	return rel;
}

static void add_file(struct plan *p, const char *rel)
{
	size_t i;

	for (i = 0; i < p->nfiles; i++)
		if (strcmp(p->files[i], rel) == 0)
			return;
	p->files = heal_reallocarray(p->files, p->nfiles + 1, sizeof(char *));
	p->files[p->nfiles++] = heal_strdup(rel);
}

/* Whether candidate id of error eid is on the skip list. */
static bool skipped(const struct heal_fix *f, const char *eid, const char *id)
{
	size_t i, k;

	if (!id)
		return false;
	for (i = 0; i < f->o.nskip; i++) {
		const char *s = f->o.skip[i];
		const char *slash = strchr(s, '/');

		if (!slash) {
			if (strcmp(s, id) == 0)
				return true;
			continue;
		}
		k = (size_t)(slash - s);
		if (eid && strlen(eid) == k && strncmp(s, eid, k) == 0 &&
		    strcmp(slash + 1, id) == 0)
			return true;
	}
	return false;
}

/* The candidate to apply, or NULL with the plan decided. */
static const struct heal_json *choose(struct heal_fix *f, struct plan *p,
				      const struct heal_json *rec)
{
	const struct heal_json *fixes = heal_json_object_get(rec, "fixes");
	size_t i;

	if (!fixes || fixes->type != HEAL_JSON_ARRAY || fixes->u.arr.n == 0) {
		decide(p, "skipped", "the error has no candidate fixes");
		return NULL;
	}
	for (i = 0; i < fixes->u.arr.n; i++) {
		const struct heal_json *c = fixes->u.arr.v[i];
		const char *id = heal_json_object_get_str(c, "id");
		double conf = 0;

		if (c->type != HEAL_JSON_OBJECT ||
		    skipped(f, heal_json_object_get_str(rec, "id"), id))
			continue;
		if (f->o.fix_id) {
			if (id && strcmp(id, f->o.fix_id) == 0)
				return c;
			continue;
		}
		if (heal_json_object_get_double(c, "confidence", &conf) == 1 &&
		    conf >= f->o.min_confidence)
			return c;
	}
	if (f->o.fix_id) {
		char *q = heal_text_escape_dup(f->o.fix_id, strlen(f->o.fix_id));

		decide(p, "skipped", "no candidate fix with id '%s'", q);
		free(q);
	} else {
		decide(p, "skipped",
		       "no candidate fix with confidence >= %.2f",
		       f->o.min_confidence);
	}
	return NULL;
}

static bool parse_edits(struct heal_fix *f, struct plan *p,
			const struct heal_json *arr)
{
	size_t i;

	if (arr->type != HEAL_JSON_ARRAY) {
		decide(p, "refused", "'edits' is not an array");
		return false;
	}
	p->edits = heal_calloc(arr->u.arr.n ? arr->u.arr.n : 1,
			       sizeof(*p->edits));
	for (i = 0; i < arr->u.arr.n; i++) {
		const struct heal_json *e = arr->u.arr.v[i];
		const struct heal_json *text = heal_json_object_get(e, "text");
		struct fedit *fe = &p->edits[p->nedits];
		int64_t start, end;

		if (e->type != HEAL_JSON_OBJECT ||
		    heal_json_object_get_int(e, "start", 0, INT64_MAX, &start) != 1 ||
		    heal_json_object_get_int(e, "end", 0, INT64_MAX, &end) != 1 ||
		    start > end || !text || !heal_json_string_is_cstr(text) ||
		    !is_sha(heal_json_object_get_str(e, "sha256"))) {
			decide(p, "refused",
			       "edit %zu needs file, start <= end, text (no NUL) and a sha256",
			       i + 1);
			return false;
		}
		fe->file = resolve(f, p, heal_json_object_get_str(e, "file"));
		if (!fe->file)
			return false;
		p->nedits++;
		fe->e.start = (size_t)start;
		fe->e.end = (size_t)end;
		fe->e.text = text->u.str.s;
		fe->e.len = text->u.str.len;
		fe->sha = heal_json_object_get_str(e, "sha256");
		add_file(p, fe->file);
	}
	return true;
}

static bool parse_mode(const char *s, unsigned *out)
{
	size_t n = s ? strlen(s) : 0, i;
	unsigned v = 0;

	if (n < 3 || n > 4)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '7')
			return false;
		v = v * 8 + (unsigned)(s[i] - '0');
	}
	*out = v;
	return v <= 0777;
}

static bool parse_chmods(struct heal_fix *f, struct plan *p,
			 const struct heal_json *arr)
{
	size_t i;

	if (arr->type != HEAL_JSON_ARRAY) {
		decide(p, "refused", "'chmod' is not an array");
		return false;
	}
	p->chmods = heal_calloc(arr->u.arr.n ? arr->u.arr.n : 1,
				sizeof(*p->chmods));
	for (i = 0; i < arr->u.arr.n; i++) {
		const struct heal_json *c = arr->u.arr.v[i];
		struct fchmod *fc = &p->chmods[p->nchmods];

		if (c->type != HEAL_JSON_OBJECT ||
		    !parse_mode(heal_json_object_get_str(c, "mode"), &fc->mode) ||
		    !is_sha(heal_json_object_get_str(c, "sha256"))) {
			decide(p, "refused",
			       "chmod %zu needs file, an octal mode of at most 0777 and a sha256",
			       i + 1);
			return false;
		}
		fc->file = resolve(f, p, heal_json_object_get_str(c, "file"));
		if (!fc->file)
			return false;
		p->nchmods++;
		fc->sha = heal_json_object_get_str(c, "sha256");
		add_file(p, fc->file);
	}
	return true;
}

static bool parse_mkdirs(struct heal_fix *f, struct plan *p,
			 const struct heal_json *arr)
{
	size_t i;

	if (arr->type != HEAL_JSON_ARRAY) {
		decide(p, "refused", "'mkdir' is not an array");
		return false;
	}
	p->mkdirs = heal_calloc(arr->u.arr.n ? arr->u.arr.n : 1,
				sizeof(char *));
	for (i = 0; i < arr->u.arr.n; i++) {
		const struct heal_json *d = arr->u.arr.v[i];
		char *rel = resolve(f, p, heal_json_string_is_cstr(d)
				    ? d->u.str.s : NULL);

		if (!rel)
			return false;
		p->mkdirs[p->nmkdirs++] = rel;
	}
	return true;
}

static bool parse_command(struct heal_fix *f, struct plan *p,
			  const struct heal_json *arr)
{
	struct heal_error e = HEAL_ERROR_INIT;
	size_t i;

	if (arr->type != HEAL_JSON_ARRAY || arr->u.arr.n == 0 ||
	    arr->u.arr.n > HEAL_ARGV_MAX) {
		decide(p, "refused", "'command' is not a non-empty argv array");
		return false;
	}
	p->argv = heal_calloc(arr->u.arr.n + 1, sizeof(char *));
	for (i = 0; i < arr->u.arr.n; i++) {
		if (!heal_json_string_is_cstr(arr->u.arr.v[i])) {
			decide(p, "refused",
			       "'command' must hold strings without NUL bytes");
			return false;
		}
		p->argv[i] = arr->u.arr.v[i]->u.str.s;
	}
	p->argc = arr->u.arr.n;
	if (heal_cmdpolicy_check(&f->policy, p->argv, p->argc, &e) < 0) {
		decide(p, "refused", "%s", e.msg);
		return false;
	}
	return true;
}

static void error_id(const struct heal_json *rec, char out[HEAL_SHA256_HEX])
{
	const char *id = heal_json_object_get_str(rec, "id");
	struct heal_buf b;

	if (id && strlen(id) < HEAL_SHA256_HEX) {
		memcpy(out, id, strlen(id) + 1);
		return;
	}
	/* no id: a fingerprint of the record itself */
	heal_buf_init(&b, SIZE_MAX / 2);
	heal_json_serialize(&b, rec, NULL);
	heal_sha256_hex(b.data ? b.data : "", b.len, out);
	out[16] = '\0';
	heal_buf_release(&b);
}

size_t heal_fix_plan(struct heal_fix *f, const struct heal_json *rec)
{
	const struct heal_json *c, *v;
	struct plan *p;
	size_t i;

	f->plans = heal_reallocarray(f->plans, f->nplans + 1,
				     sizeof(*f->plans));
	p = &f->plans[f->nplans];
	memset(p, 0, sizeof(*p));
	error_id(rec, p->error_id);
	if (heal_json_object_get_bool(rec, "outside_root")) {
		decide(p, "refused", "the error's file lies outside the project root");
		return f->nplans++;
	}
	c = choose(f, p, rec);
	if (!c)
		return f->nplans++;
	p->fix_id = heal_json_object_get_str(c, "id");
	p->risk = heal_json_object_get_str(c, "risk");
	if ((v = heal_json_object_get(c, "mkdir")) && !parse_mkdirs(f, p, v))
		return f->nplans++;
	if ((v = heal_json_object_get(c, "edits")) && !parse_edits(f, p, v))
		return f->nplans++;
	if ((v = heal_json_object_get(c, "chmod")) && !parse_chmods(f, p, v))
		return f->nplans++;
	if ((v = heal_json_object_get(c, "command")) && v->type != HEAL_JSON_NULL &&
	    !parse_command(f, p, v))
		return f->nplans++;
	if (!p->nedits && !p->nchmods && !p->nmkdirs && !p->argc) {
		decide(p, "skipped", "the chosen fix has nothing to do");
		return f->nplans++;
	}
	/* every file must be editable now; a refused one refuses the fix */
	for (i = 0; i < p->nfiles; i++) {
		struct heal_safefile_info info;
		struct heal_error e = HEAL_ERROR_INIT;

		if (heal_safefile_load(&f->sf, p->files[i], HEAL_SF_MISSING_OK,
				       NULL, &info, &e) < 0 &&
		    !(e.code == HEAL_ERR_IO && e.sys_errno == ENOENT &&
		      p->nmkdirs)) {
			decide(p, e.code == HEAL_ERR_IO ? "failed" : "refused",
			       "%s", e.msg);
			return f->nplans++;
		}
	}
	return f->nplans++;
}

int heal_fix_begin(struct heal_fix *f, struct heal_error *err)
{
	const char **files = NULL;
	size_t nfiles = 0, i, j;
	bool writes = false;
	int rc = 0;

	f->begun = true;
	if (f->o.dry_run)
		return 0;
	for (i = 0; i < f->nplans; i++) {
		struct plan *p = &f->plans[i];

		if (p->status)
			continue;
		writes = true;
		for (j = 0; j < p->nfiles; j++) {
			files = heal_reallocarray(files, nfiles + 1, sizeof(char *));
			files[nfiles++] = p->files[j];
		}
	}
	if (!writes)
		return 0;
	if (heal_lock_acquire(&f->lock, &f->sf, f->o.lock_wait, err) < 0 ||
	    heal_safefile_recover(&f->sf, err) < 0 ||
	    (nfiles && heal_backup_save(&f->sf, f->session, files, nfiles,
					err) < 0)) {
		f->begin_err = *err;
		heal_lock_release(&f->lock);
		rc = -1;
	} else {
		f->backed_up = nfiles > 0;
	}
	free(files);
	return rc;
}

void heal_fix_end(struct heal_fix *f)
{
	struct heal_error ignore = HEAL_ERROR_INIT;

	/* every temporary file is gone by now: drop the journal */
	if (f->lock.fd >= 0)
		heal_safefile_recover(&f->sf, &ignore);
	heal_lock_release(&f->lock);
}

enum heal_err heal_fix_outcome(const struct heal_fix *f)
{
	if (f->begin_err.code == HEAL_ERR_BUSY)
		return HEAL_ERR_BUSY;
	if (f->io_failed || f->begin_err.code != HEAL_OK)
		return f->begin_err.code != HEAL_OK ? f->begin_err.code
						    : HEAL_ERR_IO;
	return f->not_applied ? HEAL_ERR_REFUSED : HEAL_OK;
}

/* One file of a fix, as it is and as it will be. */
struct change {
	const char *file;
	bool exists;
	unsigned mode;
	char sha[HEAL_SHA256_HEX];      /* now */
	char new_sha[HEAL_SHA256_HEX];
	struct heal_buf old, new;
	bool edited, written;
};

static struct heal_json *record(struct heal_fix *f, const struct plan *p,
				struct heal_json *rec, const char *status,
				const char *reason, const char *diff,
				bool applied)
{
	struct heal_json *out = heal_record_new(HEAL_KIND_FIX);
	struct heal_json *files = heal_json_new_array();
	size_t i;

	heal_json_object_set_str(out, "error_id", p->error_id);
	heal_json_object_set(out, "fix_id", p->fix_id
			     ? heal_json_new_string(p->fix_id) : heal_json_new_null());
	heal_json_object_set_str(out, "status", status);
	heal_json_object_set(out, "reason", reason && *reason
			     ? heal_json_new_string(reason) : heal_json_new_null());
	heal_json_object_set(out, "session", applied
			     ? heal_json_new_string(f->session) : heal_json_new_null());
	if (applied && p->nfiles) {
		char *b = heal_backup_path(f->session);

		heal_json_object_set_str(out, "backup", b);
		free(b);
	} else {
		heal_json_object_set(out, "backup", heal_json_new_null());
	}
	heal_json_object_set(out, "diff", diff && *diff
			     ? heal_json_new_string(diff) : heal_json_new_null());
	if (applied || strcmp(status, "dry-run") == 0)
		for (i = 0; i < p->nfiles; i++)
			heal_json_array_append(files,
					       heal_json_new_string(p->files[i]));
	heal_json_object_set(out, "files", files);
	heal_json_object_set(out, "error", rec);
	if (strcmp(status, "applied") != 0 && strcmp(status, "dry-run") != 0)
		f->not_applied++;
	return out;
}

static void render_argv(const struct plan *p, struct heal_buf *b)
{
	size_t i;

	for (i = 0; i < p->argc; i++) {
		if (i)
			heal_buf_addc(b, ' ', NULL);
		heal_text_escape(b, p->argv[i], strlen(p->argv[i]), NULL);
	}
}

/* Whether a file now has the given digest. */
static bool has_digest(struct heal_fix *f, const char *file, const char *sha)
{
	struct heal_safefile_info info;
	struct heal_error ignore = HEAL_ERROR_INIT;

	return heal_safefile_load(&f->sf, file, HEAL_SF_MISSING_OK, NULL,
				  &info, &ignore) == 0 &&
	       strcmp(info.sha256, sha) == 0;
}

/* Put back the files of a fix already written; best effort. */
static void undo(struct heal_fix *f, struct change *ch, size_t n)
{
	struct heal_error ignore = HEAL_ERROR_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!ch[i].written)
			continue;
		if (!ch[i].exists)
			heal_safefile_remove(&f->sf, ch[i].file, ch[i].new_sha,
					     &ignore);
		else
			heal_safefile_replace(&f->sf, ch[i].file, ch[i].old.data
					      ? ch[i].old.data : "", ch[i].old.len,
					      ch[i].new_sha, (int)ch[i].mode, 0,
					      &ignore);
	}
}

static struct change *find_change(struct change *ch, size_t n, const char *file)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(ch[i].file, file) == 0)
			return &ch[i];
	return NULL;
}

static struct heal_json *apply(struct heal_fix *f, struct plan *p,
			       struct heal_json *rec)
{
	struct change *ch = heal_calloc(p->nfiles ? p->nfiles : 1, sizeof(*ch));
	struct heal_buf diff, why, detail;
	struct heal_error e = HEAL_ERROR_INIT;
	struct heal_json *out = NULL;
	const char *status = "failed";
	size_t i, j;

	heal_buf_init(&diff, DIFF_MAX);
	heal_buf_init(&why, 8192);
	for (i = 0; i < p->nfiles; i++) {
		struct change *c = &ch[i];
		struct heal_safefile_info info;

		c->file = p->files[i];
		heal_buf_init(&c->old, f->sf.max_size);
		heal_buf_init(&c->new, f->sf.max_size);
		if (heal_safefile_load(&f->sf, c->file, HEAL_SF_MISSING_OK,
				       &c->old, &info, &e) < 0) {
			/* a directory the fix creates: the file is new */
			if (!(e.code == HEAL_ERR_IO && e.sys_errno == ENOENT &&
			      p->nmkdirs))
				goto refuse;
			heal_error_clear(&e);
			heal_sha256_hex("", 0, info.sha256);
			info.exists = false;
			info.mode = 0;
		}
		c->exists = info.exists;
		c->mode = info.mode & 0777;
		memcpy(c->sha, info.sha256, sizeof(c->sha));
	}
	/* edits: the pre-image, then the new contents and the diff */
	for (i = 0; i < p->nfiles; i++) {
		struct change *c = &ch[i];
		struct heal_edit *ed = NULL;
		size_t n = 0;
		int r;

		for (j = 0; j < p->nedits; j++) {
			if (strcmp(p->edits[j].file, c->file) != 0)
				continue;
			if (strcmp(p->edits[j].sha, c->sha) != 0) {
				free(ed);
				heal_error_set(&e, HEAL_ERR_STALE,
					       "stale: '%s' changed since the fix was computed (pre-image digest differs)",
					       c->file);
				goto refuse;
			}
			ed = heal_reallocarray(ed, n + 1, sizeof(*ed));
			ed[n++] = p->edits[j].e;
		}
		if (!n) {
			heal_buf_add(&c->new, c->old.data ? c->old.data : "",
				     c->old.len, NULL);
		} else {
			r = heal_edit_apply(c->old.data ? c->old.data : "",
					    c->old.len, ed, n, &c->new, &e);
			free(ed);
			if (r < 0) {
				heal_error_prefix(&e, "'%s'", c->file);
				goto refuse;
			}
			c->edited = true;
		}
		heal_sha256_hex(c->new.data ? c->new.data : "", c->new.len,
				c->new_sha);
		if (c->edited && heal_diff_unified(&diff, c->exists ? c->file : NULL,
						   c->file, c->old.data ? c->old.data : "",
						   c->old.len, c->new.data ? c->new.data : "",
						   c->new.len, &e) < 0)
			goto fail;
	}
	for (j = 0; j < p->nchmods; j++) {
		struct change *c = find_change(ch, p->nfiles, p->chmods[j].file);

		if (!c->exists || strcmp(p->chmods[j].sha, c->sha) != 0) {
			heal_error_set(&e, HEAL_ERR_STALE,
				       "stale: '%s' changed since the fix was computed (pre-image digest differs)",
				       c->file);
			goto refuse;
		}
		heal_buf_addf(&diff, NULL, "chmod %04o -> %04o %s\n", c->mode,
			      p->chmods[j].mode, c->file);
	}
	if (p->argc) {
		heal_buf_adds(&diff, "$ ", NULL);
		render_argv(p, &diff);
		heal_buf_addc(&diff, '\n', NULL);
	}
	if (f->o.dry_run) {
		status = "dry-run";
		goto done;
	}
	if (f->begin_err.code != HEAL_OK) {
		e = f->begin_err;
		goto fail;
	}
	if (heal_approve_needed(heal_approve_effective(f->o.approve, f->o.env),
				p->risk) && !f->o.yes) {
		enum heal_answer a = HEAL_ANSWER_NO_TTY;

		heal_buf_init(&detail, 1024);
		heal_buf_addf(&detail, NULL, "apply fix '%s' (risk %s) for error %s?",
			      p->fix_id ? p->fix_id : "?", p->risk ? p->risk : "unknown",
			      p->error_id);
		if (f->o.ask)
			a = f->o.ask(f->o.ask_ctx, detail.data, diff.data);
		heal_buf_release(&detail);
		if (a == HEAL_ANSWER_NO) {
			status = "skipped";
			heal_buf_adds(&why, "approval declined", NULL);
			goto done;
		}
		if (a != HEAL_ANSWER_YES) {
			status = "needs-approval";
			heal_buf_addf(&why, NULL, "approval required (risk %s) and no terminal to ask on",
				      p->risk ? p->risk : "unknown");
			goto done;
		}
	}
	/* write: directories, files (all or nothing), modes, command */
	for (i = 0; i < p->nmkdirs; i++)
		if (heal_safefile_mkdir(&f->sf, p->mkdirs[i], 0, &e) < 0)
			goto fail;
	for (i = 0; i < p->nfiles; i++) {
		struct change *c = &ch[i];

		if (!c->edited)
			continue;
		if (heal_safefile_replace(&f->sf, c->file, c->new.data ? c->new.data : "",
					  c->new.len, c->sha, -1,
					  c->exists ? 0 : HEAL_SF_CREATE, &e) < 0) {
			/* a failure after the rename (syncing the directory)
			 * leaves the new file: put it back with the others */
			c->written = has_digest(f, c->file, c->new_sha);
			undo(f, ch, p->nfiles);
			goto fail;
		}
		c->written = true;
	}
	for (j = 0; j < p->nchmods; j++) {
		struct change *c = find_change(ch, p->nfiles, p->chmods[j].file);

		if (heal_safefile_chmod(&f->sf, c->file, p->chmods[j].mode,
					c->new_sha, &e) < 0) {
			struct heal_error ignore = HEAL_ERROR_INIT;
			size_t k;

			for (k = 0; k < j; k++) {
				struct change *d = find_change(ch, p->nfiles,
							       p->chmods[k].file);

				heal_safefile_chmod(&f->sf, d->file, d->mode,
						    d->new_sha, &ignore);
			}
			undo(f, ch, p->nfiles);
			goto fail;
		}
	}
	if (p->argc) {
		struct heal_spawn_opts so;
		struct heal_spawn_result res;

		heal_spawn_opts_init(&so);
		so.argv = p->argv;
		so.cwd = f->root.real;
		so.timeout = f->o.command_timeout;
		if (heal_spawn_run(&so, &res, &e) < 0) {
			heal_spawn_result_release(&res);
			undo(f, ch, p->nfiles);
			goto fail;
		}
		if (!res.exited || res.status != 0) {
			const char *tail = res.err.data ? res.err.data : "";
			size_t tl = res.err.len;

			if (tl > 400) {
				tail += tl - 400;
				tl = 400;
			}
			heal_buf_adds(&why, "command ", NULL);
			heal_spawn_describe(&res, &why);
			if (tl) {
				heal_buf_adds(&why, ": ", NULL);
				heal_text_escape(&why, tail, tl, NULL);
			}
			heal_spawn_result_release(&res);
			undo(f, ch, p->nfiles);
			status = "failed";
			goto done;
		}
		heal_spawn_result_release(&res);
	}
	status = "applied";
	goto done;
refuse:
	status = "refused";
	heal_buf_adds(&why, e.msg, NULL);
	heal_buf_reset(&diff);
	goto done;
fail:
	status = "failed";
	if (e.code == HEAL_ERR_REFUSED || e.code == HEAL_ERR_STALE)
		status = "refused";
	else
		f->io_failed++;
	heal_buf_reset(&why);
	heal_buf_adds(&why, e.msg, NULL);
done:
	out = record(f, p, rec, status, heal_buf_str(&why), heal_buf_str(&diff),
		     strcmp(status, "applied") == 0);
	for (i = 0; i < p->nfiles; i++) {
		heal_buf_release(&ch[i].old);
		heal_buf_release(&ch[i].new);
	}
	free(ch);
	heal_buf_release(&diff);
	heal_buf_release(&why);
	return out;
}

struct heal_json *heal_fix_apply(struct heal_fix *f, size_t idx,
				 struct heal_json *rec)
{
	struct plan *p = &f->plans[idx];
	struct heal_json *out;

	if (p->status) {
		if (strcmp(p->status, "failed") == 0)
			f->io_failed++;
		out = record(f, p, rec, p->status, p->reason, NULL, false);
	} else {
		out = apply(f, p, rec);
	}
	plan_release(p);
	return out;
}

int heal_fix_rollback(struct heal_fix *f, const char *session,
		      size_t *restored, struct heal_error *err)
{
	int rc;

	if (heal_lock_acquire(&f->lock, &f->sf, f->o.lock_wait, err) < 0)
		return -1;
	rc = heal_safefile_recover(&f->sf, err);
	if (rc == 0)
		rc = heal_backup_restore(&f->sf, session, restored, err);
	heal_lock_release(&f->lock);
	return rc;
}
