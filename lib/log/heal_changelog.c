#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_changelog.h"
#include "heal_config_build.h"
#include "heal_fd.h"
#include "heal_lines.h"
#include "heal_record.h"
#include "heal_text.h"

/* The members of a changelog line after v and kind, in order. */
enum field {
	F_EVENT, F_TIME, F_INCIDENT, F_RUN, F_FROM, F_ENV, F_FILE, F_LINE,
	F_COLUMN, F_ETYPE, F_CODE, F_SEV, F_ASEV, F_MSG, F_RULE, F_FIXID,
	F_FIXDESC, F_FIXWHY, F_STATUS, F_REASON, F_VALID, F_SESSION, F_BACKUP,
	F_ATTEMPT, NFIELDS
};

enum ftype { T_STR, T_POS, T_SEV10, T_ATTEMPT, T_TIME };

static const struct {
	const char *name;
	enum ftype type;
} fields[NFIELDS] = {
	[F_EVENT] = { "event", T_STR },
	[F_TIME] = { "time", T_TIME },
	[F_INCIDENT] = { "incident", T_STR },
	[F_RUN] = { "run", T_STR },
	[F_FROM] = { "from", T_STR },
	[F_ENV] = { "environment", T_STR },
	[F_FILE] = { "file_path", T_STR },
	[F_LINE] = { "line_number", T_POS },
	[F_COLUMN] = { "column", T_POS },
	[F_ETYPE] = { "error_type", T_STR },
	[F_CODE] = { "code", T_STR },
	[F_SEV] = { "severity", T_STR },
	[F_ASEV] = { "analysis_severity", T_SEV10 },
	[F_MSG] = { "error_message", T_STR },
	[F_RULE] = { "rule", T_STR },
	[F_FIXID] = { "fix_id", T_STR },
	[F_FIXDESC] = { "fix_description", T_STR },
	[F_FIXWHY] = { "fix_reasoning", T_STR },
	[F_STATUS] = { "status", T_STR },
	[F_REASON] = { "reason", T_STR },
	[F_VALID] = { "validation_result", T_STR },
	[F_SESSION] = { "session", T_STR },
	[F_BACKUP] = { "backup", T_STR },
	[F_ATTEMPT] = { "attempt_number", T_ATTEMPT },
};

/* ---- time ---- */

void heal_changelog_time(time_t t, char out[21])
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) ||
	    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) != 20)
		memcpy(out, "1970-01-01T00:00:00Z", 21);
}

static bool digits(const char *s, size_t n, int *out)
{
	size_t i;
	int v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

int heal_changelog_parse_time(const char *s, time_t *out)
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0;
	struct tm tm;
	const char *p;
	time_t t;

	if (!s || strlen(s) < 20 || !digits(s, 4, &y) || s[4] != '-' ||
	    !digits(s + 5, 2, &mo) || s[7] != '-' || !digits(s + 8, 2, &d) ||
	    (s[10] != 'T' && s[10] != 't') || !digits(s + 11, 2, &h) ||
	    s[13] != ':' || !digits(s + 14, 2, &mi) || s[16] != ':' ||
	    !digits(s + 17, 2, &sec))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60)
		return -1;
	p = s + 19;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '+' ? 1 : -1;
		if (!digits(p + 1, 2, &oh) || p[3] != ':' ||
		    !digits(p + 4, 2, &om) || oh > 23 || om > 59)
			return -1;
		p += 6;
	} else {
		return -1;
	}
	if (*p)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	if (t == (time_t)-1)
		return -1;
	*out = t - sign * (oh * 3600 + om * 60);
	return 0;
}

/* ---- run ids ---- */

static bool run_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > HEAL_CHANGELOG_RUN_MAX)
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

char *heal_changelog_run_id(const char *given, time_t now,
			    struct heal_error *err)
{
	const char *env = getenv("HEAL_RUN");
	const char *id = given ? given : (env && *env ? env : NULL);
	struct tm tm;
	char buf[64];

	if (id) {
		if (!run_ok(id)) {
			heal_error_set(err, HEAL_ERR_USAGE,
				       "%s must be 1 to %d bytes without control characters",
				       given ? "a run id" : "HEAL_RUN",
				       HEAL_CHANGELOG_RUN_MAX);
			return NULL;
		}
		return heal_strdup(id);
	}
	if (!gmtime_r(&now, &tm))
		memset(&tm, 0, sizeof(tm));
	snprintf(buf, sizeof(buf), "%04d%02d%02dT%02d%02d%02dZ-%ld",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, (long)getpid());
	return heal_strdup(buf);
}

/* ---- events ---- */

/* A text field, cut to the field cap without splitting a UTF-8 sequence. */
static struct heal_json *capped_string_at(const struct heal_json *v,
					  size_t max)
{
	size_t n = v->u.str.len;

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)v->u.str.s[n] & 0xc0) == 0x80)
			n--;
	}
	return heal_json_new_stringn(v->u.str.s, n);
}

static struct heal_json *capped_string(const struct heal_json *v)
{
	return capped_string_at(v, HEAL_CHANGELOG_FIELD_MAX);
}

struct defaults {
	const char *time;
	const char *run;
	const char *from;
};

/* One event object from vals (borrowed, NULL for absent), checked by type. */
static struct heal_json *make_event(const struct heal_json *vals[NFIELDS],
				    const struct defaults *d)
{
	struct heal_json *ev = heal_record_new(HEAL_KIND_EVENT);
	size_t i;

	for (i = 0; i < NFIELDS; i++) {
		const struct heal_json *v = vals[i];
		struct heal_json *out = NULL;
		int64_t n;
		time_t t;

		switch (fields[i].type) {
		case T_STR:
			if (v && v->type == HEAL_JSON_STRING)
				out = capped_string(v);
			else if (i == F_RUN)
				out = heal_json_new_string(d->run);
			else if (i == F_FROM)
				out = heal_json_new_string(d->from);
			break;
		case T_TIME:
			if (v && heal_json_string_is_cstr(v) &&
			    v->u.str.len < 64 &&
			    heal_changelog_parse_time(v->u.str.s, &t) == 0)
				out = heal_json_clone(v);
			else
				out = heal_json_new_string(d->time);
			break;
		case T_POS:
			if (v && heal_json_number_int(v, &n) == 0 && n >= 1 &&
			    n <= INT32_MAX)
				out = heal_json_new_int(n);
			break;
		case T_SEV10:
			if (v && heal_json_number_int(v, &n) == 0 && n >= 1 &&
			    n <= 10)
				out = heal_json_new_int(n);
			break;
		case T_ATTEMPT:
			if (v && heal_json_number_int(v, &n) == 0 && n >= 1 &&
			    n <= INT32_MAX)
				out = heal_json_new_int(n);
			else
				out = heal_json_new_int(1);
			break;
		}
		heal_json_object_set(ev, fields[i].name,
				     out ? out : heal_json_new_null());
	}
	return ev;
}

static const struct heal_json *get_obj(const struct heal_json *o,
				       const char *key)
{
	const struct heal_json *v = o ? heal_json_object_get(o, key) : NULL;

	return v && v->type == HEAL_JSON_OBJECT ? v : NULL;
}

static const struct heal_json *get(const struct heal_json *o,
				   const char *key)
{
	return o && o->type == HEAL_JSON_OBJECT ? heal_json_object_get(o, key)
						: NULL;
}

/* Fill the members that come from the error record and its analysis. */
static void from_error(const struct heal_json *vals[NFIELDS],
		       const struct heal_json *error,
		       const struct heal_json *cand)
{
	const struct heal_json *analysis = get_obj(error, "analysis");
	const struct heal_json *v;

	vals[F_INCIDENT] = get(error, "id");
	vals[F_ENV] = get(error, "env");
	vals[F_FILE] = get(error, "file");
	vals[F_LINE] = get(error, "line");
	vals[F_COLUMN] = get(error, "column");
	v = get(analysis, "category");
	vals[F_ETYPE] = v && v->type == HEAL_JSON_STRING
			? v : get(error, "category");
	vals[F_CODE] = get(error, "code");
	vals[F_SEV] = get(error, "severity");
	vals[F_ASEV] = get(analysis, "severity");
	vals[F_MSG] = get(error, "message");
	v = get(cand, "rule");
	vals[F_RULE] = v && v->type == HEAL_JSON_STRING
		       ? v : get(analysis, "rule");
	if (cand) {
		vals[F_FIXID] = get(cand, "id");
		vals[F_FIXDESC] = get(cand, "description");
	}
	vals[F_FIXWHY] = get(analysis, "root_cause");
}

/* The attempt number: the first record in the chain that has one. */
static const struct heal_json *attempt_of(const struct heal_json *a,
					  const struct heal_json *b,
					  const struct heal_json *c)
{
	const struct heal_json *v;
	int64_t n;

	if ((v = get(a, "attempt")) && heal_json_number_int(v, &n) == 0)
		return v;
	if ((v = get(b, "attempt")) && heal_json_number_int(v, &n) == 0)
		return v;
	return get(c, "attempt");
}

static void add(struct heal_json *events, const char *name,
		const struct heal_json *vals[NFIELDS],
		const struct defaults *d, size_t *n)
{
	struct heal_json *ev = heal_json_new_string(name);

	vals[F_EVENT] = ev;
	heal_json_array_append(events, make_event(vals, d));
	vals[F_EVENT] = NULL;
	heal_json_free(ev);
	(*n)++;
}

static bool str_is(const struct heal_json *v, const char *s)
{
	return v && v->type == HEAL_JSON_STRING && heal_json_string_is_cstr(v) &&
	       strcmp(v->u.str.s, s) == 0;
}

/* Note id in seen; true when it was not there yet. */
static bool first_sight(struct heal_strmap *seen, const struct heal_json *rec)
{
	const struct heal_json *id = get(rec, "id");

	if (!seen || !id || !heal_json_string_is_cstr(id))
		return true;
	return heal_strmap_put(seen, id->u.str.s, id->u.str.len, 1, NULL);
}

/* A string member of o, capped; NULL when absent or not a string. */
static struct heal_json *capped_member(const struct heal_json *o,
				       const char *key, size_t max)
{
	const struct heal_json *v = get(o, key);

	return v && v->type == HEAL_JSON_STRING ? capped_string_at(v, max) : NULL;
}

/* An integer member of o within lo..hi; NULL otherwise. */
static struct heal_json *int_member(const struct heal_json *o, const char *key,
				    int64_t lo, int64_t hi)
{
	const struct heal_json *v = get(o, key);
	int64_t n;

	if (!v || heal_json_number_int(v, &n) < 0 || n < lo || n > hi)
		return NULL;
	return heal_json_new_int(n);
}

static void set_if(struct heal_json *ev, const char *key, struct heal_json *v)
{
	if (v)
		heal_json_object_set(ev, key, v);
}

/*
 * What an escalation (heal's manual_intervention_required) says beyond the
 * common members: the command, its last exit status, the attempts, and
 * every fix tried with its outcome.  Types checked, sizes capped, unknown
 * members dropped.
 */
static void add_escalation(struct heal_json *ev, const struct heal_json *rec)
{
	static const char *const tried_str[] = {
		"error_id", "fix_id", "rule", "description", "file", "outcome",
		"reason", NULL,
	};
	const struct heal_json *cmd = get(rec, "command");
	const struct heal_json *tried = get(rec, "tried");
	size_t i, j;

	if (cmd && cmd->type == HEAL_JSON_ARRAY) {
		struct heal_json *a = heal_json_new_array();

		for (i = 0; i < cmd->u.arr.n && i < HEAL_CHANGELOG_LIST_MAX; i++)
			if (cmd->u.arr.v[i]->type == HEAL_JSON_STRING)
				heal_json_array_append(a, capped_string_at(cmd->u.arr.v[i],
								   HEAL_CHANGELOG_ITEM_MAX));
		heal_json_object_set(ev, "command", a);
	}
	set_if(ev, "exit_status", int_member(rec, "exit_status", -1, 1023));
	set_if(ev, "attempts", int_member(rec, "attempts", 0, INT32_MAX));
	if (tried && tried->type == HEAL_JSON_ARRAY) {
		struct heal_json *a = heal_json_new_array();

		for (i = 0; i < tried->u.arr.n && i < HEAL_CHANGELOG_LIST_MAX; i++) {
			const struct heal_json *t = tried->u.arr.v[i];
			struct heal_json *o;

			if (t->type != HEAL_JSON_OBJECT)
				continue;
			o = heal_json_new_object();
			for (j = 0; tried_str[j]; j++)
				set_if(o, tried_str[j], capped_member(t, tried_str[j],
								     HEAL_CHANGELOG_ITEM_MAX));
			set_if(o, "attempt", int_member(t, "attempt", 1, INT32_MAX));
			heal_json_array_append(a, o);
		}
		heal_json_object_set(ev, "tried", a);
	}
	set_if(ev, "message", capped_member(rec, "message",
					    HEAL_CHANGELOG_FIELD_MAX));
}

size_t heal_changelog_events(const struct heal_json *rec, const char *run,
			     time_t now, struct heal_json *events,
			     struct heal_strmap *seen)
{
	const struct heal_json *vals[NFIELDS] = { NULL };
	const struct heal_json *fix, *error, *fixes, *status, *v;
	struct heal_json *ev;
	struct defaults d;
	char tbuf[21];
	size_t n = 0, i;

	heal_changelog_time(now, tbuf);
	d.time = tbuf;
	d.run = run;
	d.from = heal_record_kind_name(heal_record_kind(rec));
	switch (heal_record_kind(rec)) {
	case HEAL_KIND_ERROR:
		(void)first_sight(seen, rec);
		fixes = get(rec, "fixes");
		from_error(vals, rec, NULL);
		vals[F_ATTEMPT] = get(rec, "attempt");
		add(events, "error_detected", vals, &d, &n);
		if (get_obj(rec, "analysis"))
			add(events, "analysis_complete", vals, &d, &n);
		if (fixes && fixes->type == HEAL_JSON_ARRAY && fixes->u.arr.n) {
			const struct heal_json *best = fixes->u.arr.v[0];

			from_error(vals, rec,
				   best->type == HEAL_JSON_OBJECT ? best : NULL);
			add(events, "fix_generated", vals, &d, &n);
		}
		break;
	case HEAL_KIND_FIX:
		error = get_obj(rec, "error");
		if (error && seen && first_sight(seen, error))
			n += heal_changelog_events(error, run, now, events, NULL);
		v = get(rec, "fix_id");
		from_error(vals, error,
			   heal_record_candidate(error, v && heal_json_string_is_cstr(v)
						 ? v->u.str.s : NULL));
		vals[F_INCIDENT] = get(rec, "error_id");
		vals[F_FIXID] = v;
		status = get(rec, "status");
		vals[F_STATUS] = status;
		vals[F_REASON] = get(rec, "reason");
		vals[F_SESSION] = get(rec, "session");
		vals[F_BACKUP] = get(rec, "backup");
		vals[F_ATTEMPT] = attempt_of(rec, error, NULL);
		if (str_is(status, "applied"))
			add(events, "fix_applied", vals, &d, &n);
		else if (str_is(status, "failed") || str_is(status, "refused"))
			add(events, "fix_failed", vals, &d, &n);
		else if (str_is(status, "needs-approval"))
			add(events, "manual_intervention_required", vals, &d,
			    &n);
		break;
	case HEAL_KIND_VALIDATION:
		fix = get_obj(rec, "fix");
		error = get_obj(fix, "error");
		v = get(rec, "fix_id");
		if (!v || v->type != HEAL_JSON_STRING)
			v = get(fix, "fix_id");
		from_error(vals, error,
			   heal_record_candidate(error, v && heal_json_string_is_cstr(v)
						 ? v->u.str.s : NULL));
		vals[F_INCIDENT] = get(rec, "error_id");
		vals[F_FIXID] = v;
		status = get(rec, "status");
		vals[F_STATUS] = get(fix, "status");
		vals[F_VALID] = status;
		vals[F_REASON] = get(rec, "reason");
		if (!vals[F_REASON] || vals[F_REASON]->type != HEAL_JSON_STRING)
			vals[F_REASON] = get(fix, "reason");
		vals[F_SESSION] = get(fix, "session");
		vals[F_BACKUP] = get(fix, "backup");
		vals[F_ATTEMPT] = attempt_of(rec, fix, error);
		if (str_is(status, "passed"))
			add(events, "fix_validated", vals, &d, &n);
		else if (str_is(status, "failed"))
			add(events, "fix_failed", vals, &d, &n);
		if (heal_json_object_get_bool(rec, "rolled_back"))
			add(events, "rollback_performed", vals, &d, &n);
		if (heal_json_object_get_bool(rec, "healed"))
			add(events, "healing_complete", vals, &d, &n);
		else if (heal_json_object_get_bool(rec, "partial") &&
			 !heal_json_object_get_bool(rec, "rolled_back") &&
			 (str_is(status, "passed") || str_is(status, "unproven")))
			add(events, "healing_partial", vals, &d, &n);
		break;
	case HEAL_KIND_EVENT:
		d.from = "event";
		for (i = 0; i < NFIELDS; i++)
			vals[i] = get(rec, fields[i].name);
		if (!vals[F_ATTEMPT])
			vals[F_ATTEMPT] = get(rec, "attempt");
		ev = make_event(vals, &d);
		add_escalation(ev, rec);
		heal_json_array_append(events, ev);
		n++;
		break;
	case HEAL_KIND_UNKNOWN:
		break;
	}
	return n;
}

/* ---- the file ---- */

int heal_changelog_open(struct heal_changelog *cl, const struct heal_root *root,
			const char *file, const char *dir,
			enum heal_changelog_mode mode, struct heal_error *err)
{
	int flags = mode == HEAL_CHANGELOG_APPEND
		    ? O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC
		    : O_RDONLY | O_CLOEXEC;
	char *path = NULL;
	int e;

	cl->fd = -1;
	cl->name = NULL;
	cl->locked = 0;
	if (!file && dir && *dir) {
		size_t n = strlen(dir) + sizeof(HEAL_CHANGELOG_FILE) + 1;

		path = heal_malloc(n);
		snprintf(path, n, "%s/%s", dir, HEAL_CHANGELOG_FILE);
		if (mode == HEAL_CHANGELOG_APPEND && mkdir(dir, 0755) < 0 &&
		    errno != EEXIST) {
			char *q = heal_text_escape_dup(dir, strlen(dir));

			heal_error_sys(err, errno, "cannot create '%s'", q);
			free(q);
			free(path);
			return -1;
		}
		file = path;
	}
	if (file) {
		cl->name = heal_text_escape_dup(file, strlen(file));
		cl->fd = open(file, flags, 0644);
		e = errno;
		free(path);
		if (cl->fd >= 0)
			return 0;
		if (e == ENOENT && mode == HEAL_CHANGELOG_READ)
			return 0;
		heal_error_sys(err, e, "cannot open '%s'", cl->name);
		return -1;
	}
	cl->name = heal_strdup(HEAL_CHANGELOG_DIR "/" HEAL_CHANGELOG_FILE);
	if (mode == HEAL_CHANGELOG_APPEND &&
	    mkdirat(root->fd, HEAL_CHANGELOG_DIR, 0755) < 0 && errno != EEXIST)
		return heal_error_sys(err, errno, "cannot create '%s'",
				      HEAL_CHANGELOG_DIR);
	cl->fd = heal_root_openat(root, cl->name, flags | O_NOFOLLOW, 0644,
				  err);
	if (cl->fd < 0 && mode == HEAL_CHANGELOG_READ &&
	    err->sys_errno == ENOENT) {
		heal_error_clear(err);
		return 0;
	}
	return cl->fd < 0 ? -1 : 0;
}

void heal_changelog_close(struct heal_changelog *cl)
{
	if (!cl)
		return;
	if (cl->fd >= 0)
		close(cl->fd);
	cl->fd = -1;
	free(cl->name);
	cl->name = NULL;
	cl->locked = 0;
}

int heal_changelog_lock(struct heal_changelog *cl, bool exclusive,
			struct heal_error *err)
{
	if (cl->fd < 0 || cl->locked++ > 0)
		return 0;
	if (heal_fd_lock(cl->fd, exclusive ? LOCK_EX : LOCK_SH,
			 HEAL_CHANGELOG_LOCK_WAIT) < 0) {
		cl->locked = 0;
		if (errno == EWOULDBLOCK)
			return heal_error_set(err, HEAL_ERR_BUSY,
					      "'%s' is locked by another process",
					      cl->name);
		return heal_error_sys(err, errno, "cannot lock '%s'", cl->name);
	}
	return 0;
}

void heal_changelog_unlock(struct heal_changelog *cl)
{
	if (cl->fd < 0 || cl->locked == 0)
		return;
	if (--cl->locked == 0)
		flock(cl->fd, LOCK_UN);
}

static int write_all(struct heal_changelog *cl, const char *p, size_t len,
		     struct heal_error *err)
{
	while (len) {
		ssize_t k = write(cl->fd, p, len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return heal_error_sys(err, k < 0 ? errno : EIO,
					      "cannot write '%s'", cl->name);
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

int heal_changelog_append(struct heal_changelog *cl, const char *data,
			  size_t len, struct heal_error *err)
{
	struct stat st;
	int r = -1;
	char last;

	if (cl->fd < 0)
		return heal_error_set(err, HEAL_ERR_INTERNAL,
				      "changelog not open for appending");
	if (len == 0)
		return 0;
	if (heal_changelog_lock(cl, true, err) < 0)
		return -1;
	if (fstat(cl->fd, &st) < 0) {
		heal_error_sys(err, errno, "cannot stat '%s'", cl->name);
		goto out;
	}
	/* a line torn by a crash must not swallow the next event */
	if (st.st_size > 0) {
		ssize_t k = pread(cl->fd, &last, 1, st.st_size - 1);

		if (k != 1) {
			heal_error_sys(err, k < 0 ? errno : EIO,
				       "cannot read '%s'", cl->name);
			goto out;
		}
		if (last != '\n' && write_all(cl, "\n", 1, err) < 0)
			goto undo;
	}
	r = write_all(cl, data, len, err);
undo:
	/*
	 * A write that failed part way (a full disk) leaves no partial
	 * events: back to the size before, while the lock is still held.
	 * Best effort: the error already reported stands either way.
	 */
	if (r < 0 && S_ISREG(st.st_mode) && ftruncate(cl->fd, st.st_size) < 0) {
		/* nothing more can be done */
	}
out:
	heal_changelog_unlock(cl);
	return r;
}

int heal_changelog_append_events(struct heal_changelog *cl,
				 const struct heal_json *events,
				 struct heal_error *err)
{
	struct heal_buf b;
	size_t i;
	int r = 0;

	if (!events || events->type != HEAL_JSON_ARRAY || !events->u.arr.n)
		return 0;
	heal_buf_init(&b, (size_t)1 << 30);
	for (i = 0; i < events->u.arr.n && r == 0; i++)
		if (heal_json_serialize(&b, events->u.arr.v[i], err) < 0 ||
		    heal_buf_addc(&b, '\n', err) < 0)
			r = -1;
	if (r == 0)
		r = heal_changelog_append(cl, b.data, b.len, err);
	heal_buf_release(&b);
	return r;
}

/* ---- reading ---- */

struct preader {
	int fd;
	off_t off, end;
};

static ssize_t pread_fn(void *ctx, void *buf, size_t n)
{
	struct preader *p = ctx;
	ssize_t k;

	if (p->off >= p->end)
		return 0;
	if ((off_t)n > p->end - p->off)
		n = (size_t)(p->end - p->off);
	do
		k = pread(p->fd, buf, n, p->off);
	while (k < 0 && errno == EINTR);
	if (k > 0)
		p->off += k;
	return k;
}

int heal_changelog_read(struct heal_changelog *cl, heal_changelog_fn fn,
			void *ctx, size_t *skipped, struct heal_error *err)
{
	struct heal_json_limits lim;
	struct heal_lines lines;
	struct heal_line line;
	struct preader pr;
	struct stat st;
	size_t bad = 0;
	int r = 0, k;

	if (skipped)
		*skipped = 0;
	if (cl->fd < 0)
		return 0;
	if (heal_changelog_lock(cl, false, err) < 0)
		return -1;
	if (fstat(cl->fd, &st) < 0) {
		heal_changelog_unlock(cl);
		return heal_error_sys(err, errno, "cannot stat '%s'", cl->name);
	}
	pr.fd = cl->fd;
	pr.off = 0;
	pr.end = st.st_size;
	heal_json_limits_default(&lim);
	heal_lines_init(&lines, pread_fn, &pr, HEAL_CHANGELOG_LINE_MAX);
	while ((k = heal_lines_next(&lines, &line, err)) > 0) {
		struct heal_error perr = HEAL_ERROR_INIT;
		struct heal_json *v;
		size_t i;

		for (i = 0; i < line.len && (line.data[i] == ' ' ||
					     line.data[i] == '\t'); i++)
			;
		if (i == line.len)
			continue;
		v = line.truncated ? NULL
				   : heal_json_parse(line.data, line.len, &lim,
						     &perr);
		if (!v || heal_record_check(v, &perr) < 0 ||
		    heal_record_kind(v) != HEAL_KIND_EVENT) {
			heal_json_free(v);
			bad++;
			continue;
		}
		r = fn(ctx, v, err);
		heal_json_free(v);
		if (r < 0)
			break;
	}
	if (k < 0) {
		heal_error_prefix(err, "%s", cl->name);
		r = -1;
	}
	heal_lines_release(&lines);
	heal_changelog_unlock(cl);
	if (skipped)
		*skipped = bad;
	return r;
}

struct export_ctx {
	FILE *out;
	struct heal_buf b;
	size_t n;
};

static int export_header(struct export_ctx *x, const char *created,
			 struct heal_error *err)
{
	heal_buf_reset(&x->b);
	if (heal_buf_adds(&x->b, "{\"metadata\":{\"created\":", err) < 0 ||
	    heal_json_quote(&x->b, created, strlen(created), err) < 0 ||
	    heal_buf_adds(&x->b, ",\"version\":\"" HEAL_VERSION "\"},"
			  "\"incidents\":[", err) < 0)
		return -1;
	if (fwrite(x->b.data, 1, x->b.len, x->out) != x->b.len)
		return heal_error_sys(err, errno ? errno : EIO,
				      "cannot write output");
	return 0;
}

static int export_one(void *ctx, const struct heal_json *ev,
		      struct heal_error *err)
{
	struct export_ctx *x = ctx;
	const char *t = heal_json_object_get_str(ev, "time");
	char now[21];

	if (!t) {
		heal_changelog_time(time(NULL), now);
		t = now;
	}
	if (x->n == 0 && export_header(x, t, err) < 0)
		return -1;
	heal_buf_reset(&x->b);
	if (heal_buf_adds(&x->b, x->n ? ",\n" : "\n", err) < 0 ||
	    heal_json_serialize(&x->b, ev, err) < 0)
		return -1;
	if (fwrite(x->b.data, 1, x->b.len, x->out) != x->b.len)
		return heal_error_sys(err, errno ? errno : EIO,
				      "cannot write output");
	x->n++;
	return 0;
}

int heal_changelog_export(struct heal_changelog *cl, FILE *out,
			  size_t *skipped, struct heal_error *err)
{
	struct export_ctx x = { .out = out, .n = 0 };
	char now[21];
	int r;

	heal_buf_init(&x.b, (size_t)1 << 30);
	r = heal_changelog_read(cl, export_one, &x, skipped, err);
	if (r == 0 && x.n == 0) {
		heal_changelog_time(time(NULL), now);
		r = export_header(&x, now, err);
	}
	heal_buf_release(&x.b);
	if (r < 0)
		return -1;
	if (fputs(x.n ? "\n]}\n" : "]}\n", out) < 0)
		return heal_error_sys(err, errno ? errno : EIO,
				      "cannot write output");
	return 0;
}
