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
	bool minor;                      /* a warning or note, not an error */
};

/*
 * What this run did to one file.  Fixes computed against the file as it
 * was before the run (base_sha) are rebased through done[], the edits
 * applied since, in the offsets of that file.
 */
struct runfile {
	char *file;
	char disk_sha[HEAL_SHA256_HEX];  /* what heal expects on disk */
	char base_sha[HEAL_SHA256_HEX];  /* the file done[]'s offsets refer to */
	char cur_sha[HEAL_SHA256_HEX];   /* the contents now (dry run: would be) */
	bool exists;                     /* dry run: as it would be */
	unsigned mode;                   /* dry run: as it would be */
	struct heal_buf cur;             /* dry run: the contents as they would be */
	struct heal_edit_done *done;     /* texts owned */
	size_t ndone;
};

/* A fix this run applied, as messages name it. */
struct runfix {
	char error_id[HEAL_SHA256_HEX];
	char *fix_id;
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
	struct runfile *rf;
	size_t nrf;
	struct runfix *rfix;
	size_t nrfix;
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
		heal_buf_putf(&b, "%s-%ld", buf, (long)getpid());
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

static void runfile_forget(struct runfile *r)
{
	size_t i;

	for (i = 0; i < r->ndone; i++)
		free((char *)r->done[i].text);
	free(r->done);
	r->done = NULL;
	r->ndone = 0;
}

void heal_fix_free(struct heal_fix *f)
{
	size_t i;

	if (!f)
		return;
	heal_fix_end(f);
	for (i = 0; i < f->nplans; i++)
		plan_release(&f->plans[i]);
	for (i = 0; i < f->nrf; i++) {
		runfile_forget(&f->rf[i]);
		heal_buf_release(&f->rf[i].cur);
		free(f->rf[i].file);
	}
	for (i = 0; i < f->nrfix; i++)
		free(f->rfix[i].fix_id);
	free(f->rf);
	free(f->rfix);
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
	heal_buf_vputf(&b, fmt, ap);
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
	v = heal_json_object_get(rec, "severity");
	p->minor = heal_json_string_is_cstr(v) && strcmp(v->u.str.s, "error") != 0;
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

/*
 * Errors first: while some error of the run has a fix to apply, warnings
 * and notes wait.  A warning is often a consequence of an error (an
 * "unused variable" whose use is misspelled), and fixing both at once
 * breaks what the error's fix repairs.  Runs where only warnings stop the
 * command (shellcheck) fix the warnings.
 */
static void errors_first(struct heal_fix *f)
{
	bool errors = false;
	size_t i;

	for (i = 0; i < f->nplans; i++)
		if (!f->plans[i].status && !f->plans[i].minor)
			errors = true;
	if (!errors)
		return;
	for (i = 0; i < f->nplans; i++)
		if (!f->plans[i].status && f->plans[i].minor)
			decide(&f->plans[i], "skipped",
			       "a warning waits while errors are fixed first");
}

/* One fix a file (one_per_file): a plan that changes a file an earlier
 * plan changes waits. */
static void one_per_file(struct heal_fix *f)
{
	size_t i, j, k, m;

	if (!f->o.one_per_file)
		return;
	for (i = 0; i < f->nplans; i++) {
		struct plan *p = &f->plans[i];
		bool taken = false;

		if (p->status)
			continue;
		for (j = 0; j < i && !taken; j++) {
			if (f->plans[j].status)
				continue;
			for (k = 0; k < p->nfiles && !taken; k++)
				for (m = 0; m < f->plans[j].nfiles && !taken; m++)
					taken = strcmp(p->files[k], f->plans[j].files[m]) == 0;
		}
		if (taken)
			decide(p, "skipped", "one fix a file this round: another of its "
			       "fixes goes first");
	}
}

int heal_fix_begin(struct heal_fix *f, struct heal_error *err)
{
	const char **files = NULL;
	size_t nfiles = 0, i, j;
	bool writes = false;
	int rc = 0;

	f->begun = true;
	errors_first(f);
	one_per_file(f);
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
	if (f->lock.fd >= 0) {
		heal_safefile_sync(&f->sf, &ignore);
		heal_safefile_recover(&f->sf, &ignore);
	}
	heal_lock_release(&f->lock);
}

/* A fix record whose change may not survive a crash: say so. */
static void mark_unsynced(struct heal_fix *f, struct heal_json *rec,
			  const struct heal_error *why)
{
	const char *status = heal_json_object_get_str(rec, "status");
	const struct heal_json *files = heal_json_object_get(rec, "files");
	struct heal_buf b;
	size_t i;

	if (heal_record_kind(rec) != HEAL_KIND_FIX || !status ||
	    strcmp(status, "applied") != 0 || !files ||
	    files->type != HEAL_JSON_ARRAY)
		return;
	for (i = 0; i < files->u.arr.n; i++)
		if (heal_json_string_is_cstr(files->u.arr.v[i]) &&
		    heal_safefile_unsynced(&f->sf, files->u.arr.v[i]->u.str.s))
			break;
	if (i == files->u.arr.n)
		return;
	heal_buf_init(&b, HEAL_ERROR_MSG_MAX * 2);
	heal_buf_putf(&b, "%s: the change is made but may not survive a crash; undo it with heal-fix --rollback %s",
		      why->msg, f->session);
	heal_json_object_set_str(rec, "status", "failed");
	heal_json_object_set_str(rec, "reason", heal_buf_str(&b));
	heal_buf_release(&b);
	f->not_applied++;
}

int heal_fix_finish(struct heal_fix *f, struct heal_json *const *recs,
		    size_t n, struct heal_error *err)
{
	struct heal_error e = HEAL_ERROR_INIT;
	size_t i;
	int rc = 0;

	if (f->lock.fd >= 0 && heal_safefile_sync(&f->sf, &e) < 0) {
		for (i = 0; i < n; i++)
			if (recs[i])
				mark_unsynced(f, recs[i], &e);
		f->io_failed++;
		if (err)
			*err = e;
		rc = -1;
	}
	heal_fix_end(f);
	return rc;
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
	char sha[HEAL_SHA256_HEX];      /* now (dry run: as it would be) */
	char new_sha[HEAL_SHA256_HEX];
	struct heal_buf old, new;
	bool edited, written, chmodded;
	unsigned new_mode;
	bool rebased;                   /* edits were against r's base */
	struct heal_edit *given;        /* the edits applied, offsets as given */
	size_t *lens;                   /* the bytes each one's text took */
	size_t n;
};

static struct runfile *find_runfile(struct heal_fix *f, const char *file)
{
	size_t i;

	for (i = 0; i < f->nrf; i++)
		if (strcmp(f->rf[i].file, file) == 0)
			return &f->rf[i];
	return NULL;
}

/* Note an applied (or, under dry_run, shown) fix: later fixes rebase on it. */
static void commit(struct heal_fix *f, const struct plan *p, struct change *ch)
{
	size_t tag = f->nrfix, i, k;

	f->rfix = heal_reallocarray(f->rfix, f->nrfix + 1, sizeof(*f->rfix));
	memcpy(f->rfix[tag].error_id, p->error_id, sizeof(p->error_id));
	f->rfix[tag].fix_id = heal_strdup(p->fix_id ? p->fix_id : "(no id)");
	f->nrfix++;
	for (i = 0; i < p->nfiles; i++) {
		struct change *c = &ch[i];
		struct runfile *r;

		if (!c->edited && !c->chmodded)
			continue;
		r = find_runfile(f, c->file);
		if (!r) {
			f->rf = heal_reallocarray(f->rf, f->nrf + 1, sizeof(*f->rf));
			r = &f->rf[f->nrf++];
			memset(r, 0, sizeof(*r));
			r->file = heal_strdup(c->file);
			memcpy(r->disk_sha, c->sha, sizeof(c->sha));
			memcpy(r->base_sha, c->sha, sizeof(c->sha));
			heal_buf_init(&r->cur, f->sf.max_size);
		}
		if (c->edited && !c->rebased) {
			/* computed against the file as it was just now */
			runfile_forget(r);
			memcpy(r->base_sha, c->sha, sizeof(c->sha));
		}
		r->done = heal_reallocarray(r->done, r->ndone + c->n,
					    sizeof(*r->done));
		for (k = 0; k < c->n; k++) {
			struct heal_edit_done *d = &r->done[r->ndone++];

			d->start = c->given[k].start;
			d->end = c->given[k].end;
			d->newlen = c->lens[k];
			d->text = heal_strndup(c->given[k].text, c->given[k].len);
			d->len = c->given[k].len;
			d->tag = tag;
		}
		memcpy(r->cur_sha, c->new_sha, sizeof(c->new_sha));
		r->exists = c->exists || c->edited;
		r->mode = c->chmodded ? c->new_mode : c->exists ? c->mode : 0644;
		if (f->o.dry_run) {
			heal_buf_reset(&r->cur);
			heal_buf_put(&r->cur, c->new.data ? c->new.data : "",
				     c->new.len);
		} else {
			memcpy(r->disk_sha, c->new_sha, sizeof(c->new_sha));
		}
	}
}

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
			heal_buf_putc(b, ' ');
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
	struct heal_buf diff, why, detail, note;
	struct heal_error e = HEAL_ERROR_INIT;
	struct heal_json *out = NULL;
	const char *status = "failed";
	const struct runfix *dup_by = NULL;
	struct runfile *r;
	size_t i, j, nedited = 0, nch;

	heal_buf_init(&diff, DIFF_MAX);
	heal_buf_init(&why, 8192);
	heal_buf_init(&note, 1024);
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
		r = find_runfile(f, c->file);
		if (!r)
			continue;
		/* only heal's own changes of this run are rebased */
		if (strcmp(c->sha, r->disk_sha) != 0) {
			char *q = heal_text_escape_dup(c->file, strlen(c->file));

			heal_error_set(&e, HEAL_ERR_STALE,
				       "stale: '%s' changed outside heal during this run (digest differs from what heal wrote)",
				       q);
			free(q);
			goto refuse;
		}
		if (f->o.dry_run) {
			heal_buf_reset(&c->old);
			if (heal_buf_add(&c->old, r->cur.data ? r->cur.data : "",
					 r->cur.len, &e) < 0)
				goto fail;
			memcpy(c->sha, r->cur_sha, sizeof(c->sha));
			c->exists = r->exists;
			c->mode = r->mode;
		}
	}
	/* edits: the pre-image, then the new contents and the diff */
	for (i = 0; i < p->nfiles; i++) {
		struct change *c = &ch[i];
		struct heal_edit *moved;
		bool rebase, plain = true;
		int rc;

		r = find_runfile(f, c->file);
		rebase = r && r->ndone > 0;
		for (j = 0; j < p->nedits; j++) {
			if (strcmp(p->edits[j].file, c->file) != 0)
				continue;
			if (strcmp(p->edits[j].sha, c->sha) != 0)
				plain = false;
			if (!r || strcmp(p->edits[j].sha, r->base_sha) != 0)
				rebase = false;
		}
		if (!rebase && !plain) {
			heal_error_set(&e, HEAL_ERR_STALE,
				       "stale: '%s' changed since the fix was computed (pre-image digest differs)",
				       c->file);
			goto refuse;
		}
		c->rebased = rebase;
		c->given = heal_calloc(p->nedits ? p->nedits : 1, sizeof(*c->given));
		c->lens = heal_calloc(p->nedits ? p->nedits : 1, sizeof(*c->lens));
		moved = heal_calloc(p->nedits ? p->nedits : 1, sizeof(*moved));
		for (j = 0; j < p->nedits; j++) {
			struct heal_edit m = p->edits[j].e;
			size_t which = 0;
			const struct runfix *by;

			if (strcmp(p->edits[j].file, c->file) != 0)
				continue;
			switch (rebase ? heal_edit_rebase(r->done, r->ndone,
							  c->old.data ? c->old.data : "",
							  c->old.len, &m, &which)
				       : HEAL_EDIT_REBASED) {
			case HEAL_EDIT_DUPLICATE:
				if (!dup_by)
					dup_by = &f->rfix[r->done[which].tag];
				continue;
			case HEAL_EDIT_CONFLICT:
				by = &f->rfix[r->done[which].tag];
				heal_error_set(&e, HEAL_ERR_REFUSED,
					       "conflicts with fix %s of error %s applied in this run: its edits and this one overlap or meet at one spot in '%s'",
					       by->fix_id, by->error_id, c->file);
				free(moved);
				goto refuse;
			case HEAL_EDIT_REBASED:
				break;
			}
			c->given[c->n] = p->edits[j].e;
			moved[c->n++] = m;
		}
		if (!c->n) {
			heal_buf_put(&c->new, c->old.data ? c->old.data : "",
				     c->old.len);
			free(moved);
		} else {
			rc = heal_edit_apply(c->old.data ? c->old.data : "",
					     c->old.len, moved, c->n, &c->new,
					     c->lens, &e);
			free(moved);
			if (rc < 0) {
				heal_error_prefix(&e, "'%s'", c->file);
				goto refuse;
			}
			c->edited = true;
			nedited++;
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

		r = find_runfile(f, c->file);
		/* a file this run edited: the digest from before the edits */
		if (!c->exists || (strcmp(p->chmods[j].sha, c->sha) != 0 &&
				   !(r && strcmp(p->chmods[j].sha, r->base_sha) == 0))) {
			heal_error_set(&e, HEAL_ERR_STALE,
				       "stale: '%s' changed since the fix was computed (pre-image digest differs)",
				       c->file);
			goto refuse;
		}
		heal_buf_putf(&diff, "chmod %04o -> %04o %s\n", c->mode,
			      p->chmods[j].mode, c->file);
		c->chmodded = true;
		c->new_mode = p->chmods[j].mode;
	}
	if (dup_by) {
		heal_buf_putf(&note, "%salready applied by fix %s of error %s in this run",
			      nedited || p->nchmods || p->nmkdirs || p->argc
			      ? "partly " : "", dup_by->fix_id, dup_by->error_id);
		if (!nedited && !p->nchmods && !p->nmkdirs && !p->argc) {
			/* nothing left to do: no change, no approval */
			status = f->o.dry_run ? "dry-run" : "applied";
			goto done;
		}
	}
	if (p->argc) {
		heal_buf_puts(&diff, "$ ");
		render_argv(p, &diff);
		heal_buf_putc(&diff, '\n');
	}
	if (f->o.dry_run) {
		status = "dry-run";
		commit(f, p, ch);
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
		heal_buf_putf(&detail, "apply fix '%s' (risk %s) for error %s?",
			      p->fix_id ? p->fix_id : "?", p->risk ? p->risk : "unknown",
			      p->error_id);
		if (f->o.ask)
			a = f->o.ask(f->o.ask_ctx, detail.data, diff.data);
		heal_buf_release(&detail);
		if (a == HEAL_ANSWER_NO) {
			status = "skipped";
			heal_buf_puts(&why, "approval declined");
			goto done;
		}
		if (a != HEAL_ANSWER_YES) {
			status = "needs-approval";
			heal_buf_putf(&why, "approval required (risk %s) and %s",
				      p->risk ? p->risk : "unknown",
				      a == HEAL_ANSWER_TIMEOUT
				      ? "no answer in time" : "no terminal to ask on");
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
		/* the directory is synced once, by heal_fix_finish */
		if (heal_safefile_replace(&f->sf, c->file, c->new.data ? c->new.data : "",
					  c->new.len, c->sha, -1,
					  HEAL_SF_DEFER_SYNC |
					  (c->exists ? 0 : HEAL_SF_CREATE), &e) < 0) {
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
			heal_buf_puts(&why, "command ");
			heal_spawn_describe(&res, &why);
			if (tl) {
				heal_buf_puts(&why, ": ");
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
	commit(f, p, ch);
	goto done;
refuse:
	status = "refused";
	heal_buf_puts(&why, e.msg);
	heal_buf_reset(&diff);
	goto done;
fail:
	status = "failed";
	if (e.code == HEAL_ERR_REFUSED || e.code == HEAL_ERR_STALE)
		status = "refused";
	else
		f->io_failed++;
	heal_buf_reset(&why);
	heal_buf_puts(&why, e.msg);
done:
	nch = p->nfiles;
	if (dup_by && (strcmp(status, "applied") == 0 ||
		       strcmp(status, "dry-run") == 0)) {
		/* a file whose every edit was a duplicate is not changed */
		size_t kept = 0;

		for (i = 0; i < nch; i++) {
			if (ch[i].edited || ch[i].chmodded)
				p->files[kept++] = p->files[i];
			else
				free(p->files[i]);
		}
		p->nfiles = kept;
	}
	out = record(f, p, rec, status, heal_buf_str(why.len ? &why : &note),
		     heal_buf_str(&diff), strcmp(status, "applied") == 0);
	for (i = 0; i < nch; i++) {
		heal_buf_release(&ch[i].old);
		heal_buf_release(&ch[i].new);
		free(ch[i].given);
		free(ch[i].lens);
	}
	free(ch);
	heal_buf_release(&diff);
	heal_buf_release(&why);
	heal_buf_release(&note);
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
