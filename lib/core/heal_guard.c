#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_config_build.h"
#include "heal_fd.h"
#include "heal_guard.h"
#include "heal_record.h"
#include "heal_safefile.h"
#include "heal_sha256.h"

void heal_guards_init(struct heal_guards *g)
{
	memset(g, 0, sizeof(*g));
}

void heal_guards_release(struct heal_guards *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->n; i++)
		heal_json_free(g->v[i]);
	free(g->v);
	memset(g, 0, sizeof(*g));
}

/* A string with no NUL and no control character, 1 to max bytes. */
static bool plain_str(const struct heal_json *v, size_t max)
{
	size_t i;

	if (!v || v->type != HEAL_JSON_STRING || !heal_json_string_is_cstr(v) ||
	    v->u.str.len == 0 || v->u.str.len > max)
		return false;
	for (i = 0; i < v->u.str.len; i++) {
		unsigned char c = (unsigned char)v->u.str.s[i];

		if (c < 0x20 || c == 0x7f)
			return false;
	}
	return true;
}

static bool hex16(const char *s)
{
	size_t i;

	if (!s || strlen(s) != 16)
		return false;
	for (i = 0; i < 16; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static bool cwd_ok(const char *cwd)
{
	return cwd && (strcmp(cwd, ".") == 0 || heal_safefile_canonical(cwd));
}

static bool bad(struct heal_error *err, const char *why)
{
	if (err)
		heal_error_set(err, HEAL_ERR_INPUT, "not a regression guard: %s", why);
	return false;
}

bool heal_guard_valid(const struct heal_json *o, struct heal_error *err)
{
	const struct heal_json *cmd, *fixed;
	const char *kind;
	int64_t v;
	size_t i;

	if (!o || o->type != HEAL_JSON_OBJECT)
		return bad(err, "not an object");
	kind = heal_json_object_get_str(o, "kind");
	if (heal_json_object_get_int(o, "v", 1, 1, &v) != 1 || !kind ||
	    strcmp(kind, "guard") != 0)
		return bad(err, "'v' must be 1 and 'kind' \"guard\"");
	if (!hex16(heal_json_object_get_str(o, "id")))
		return bad(err, "'id' must be 16 hex digits");
	cmd = heal_json_object_get(o, "command");
	if (!cmd || cmd->type != HEAL_JSON_ARRAY || cmd->u.arr.n == 0 ||
	    cmd->u.arr.n > HEAL_GUARD_MAX_ARGS)
		return bad(err, "'command' must be a non-empty array of words");
	for (i = 0; i < cmd->u.arr.n; i++)
		if (!plain_str(cmd->u.arr.v[i], 4096))
			return bad(err, "a word of 'command' is empty or holds a control character");
	if (!cwd_ok(heal_json_object_get_str(o, "cwd")))
		return bad(err, "'cwd' must be \".\" or a relative path inside the root");
	fixed = heal_json_object_get(o, "fixed");
	if (!fixed || fixed->type != HEAL_JSON_ARRAY || fixed->u.arr.n == 0 ||
	    fixed->u.arr.n > HEAL_GUARD_MAX_FIXED)
		return bad(err, "'fixed' must be a non-empty array");
	for (i = 0; i < fixed->u.arr.n; i++)
		if (!hex16(heal_json_object_get_str(fixed->u.arr.v[i], "fingerprint")))
			return bad(err, "a 'fingerprint' of 'fixed' is not 16 hex digits");
	return true;
}

const char **heal_guard_argv(const struct heal_json *o)
{
	const struct heal_json *cmd = heal_json_object_get(o, "command");
	const char **argv = heal_calloc(cmd->u.arr.n + 1, sizeof(*argv));
	size_t i;

	for (i = 0; i < cmd->u.arr.n; i++)
		argv[i] = cmd->u.arr.v[i]->u.str.s;
	return argv;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* sha256 over command words, cwd and the sorted fingerprints: 16 hex. */
static void guard_id(const struct heal_json *cmd, const char *cwd,
		     const struct heal_json *fixed, char out[17])
{
	const char **fp = heal_calloc(fixed->u.arr.n + 1, sizeof(*fp));
	struct heal_sha256 c;
	unsigned char d[HEAL_SHA256_LEN];
	char hex[HEAL_SHA256_HEX];
	size_t i;

	heal_sha256_init(&c);
	for (i = 0; i < cmd->u.arr.n; i++)
		heal_sha256_update(&c, cmd->u.arr.v[i]->u.str.s,
				   cmd->u.arr.v[i]->u.str.len + 1);
	heal_sha256_update(&c, "\001", 1);
	heal_sha256_update(&c, cwd, strlen(cwd) + 1);
	for (i = 0; i < fixed->u.arr.n; i++)
		fp[i] = heal_json_object_get_str(fixed->u.arr.v[i], "fingerprint");
	qsort(fp, fixed->u.arr.n, sizeof(*fp), cmp_str);
	for (i = 0; i < fixed->u.arr.n; i++)
		heal_sha256_update(&c, fp[i], strlen(fp[i]) + 1);
	free(fp);
	heal_sha256_final(&c, d);
	heal_hex(d, HEAL_SHA256_LEN, hex);
	memcpy(out, hex, 16);
	out[16] = '\0';
}

void heal_guard_time(time_t t, char out[21])
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) || strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) != 20)
		memcpy(out, "1970-01-01T00:00:00Z", 21);
}

struct heal_json *heal_guard_new(const struct heal_json *command,
				 const char *cwd, const struct heal_json *fixed,
				 time_t now, const char *run)
{
	struct heal_json *g = heal_json_new_object();
	char id[17], when[21];

	heal_json_object_set_int(g, "v", 1);
	heal_json_object_set_str(g, "kind", "guard");
	heal_json_object_set_str(g, "id", "0000000000000000");
	heal_json_object_set(g, "command", heal_json_clone(command));
	heal_json_object_set_str(g, "cwd", cwd);
	heal_json_object_set(g, "fixed", heal_json_clone(fixed));
	heal_guard_time(now, when);
	heal_json_object_set_str(g, "date", when);
	heal_json_object_set_str(g, "heal_version", HEAL_VERSION);
	heal_json_object_set(g, "run", run ? heal_json_new_string(run)
					   : heal_json_new_null());
	if (!heal_guard_valid(g, NULL)) {
		heal_json_free(g);
		return NULL;
	}
	guard_id(command, cwd, fixed, id);
	heal_json_object_set_str(g, "id", id);
	return g;
}

/* Parse the lines of data into g (valid guards kept, others counted). */
static void parse_lines(struct heal_guards *g, const char *data, size_t len)
{
	const char *p = data, *end = data + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct heal_error ignore = HEAL_ERROR_INIT;
		struct heal_json *o;

		if (n == 0 || (n == 1 && *p == '\r')) {
			p += n + 1;
			continue;
		}
		o = n <= HEAL_GUARD_LINE_MAX ? heal_json_parse(p, n, NULL, &ignore) : NULL;
		if (!o || !heal_guard_valid(o, NULL) || g->n >= HEAL_GUARD_MAX) {
			heal_json_free(o);
			g->skipped++;
		} else {
			if (g->n == g->cap) {
				g->cap = g->cap ? 2 * g->cap : 16;
				g->v = heal_reallocarray(g->v, g->cap, sizeof(*g->v));
			}
			g->v[g->n++] = o;
		}
		p += n + 1;
	}
}

int heal_guards_load(struct heal_guards *g, const struct heal_root *root,
		     struct heal_error *err)
{
	struct heal_buf b;

	heal_buf_init(&b, HEAL_GUARD_MAX_FILE + 1);
	if (heal_root_read_file(root, HEAL_GUARD_FILE, HEAL_GUARD_MAX_FILE,
				&b, err) < 0) {
		heal_buf_release(&b);
		if (err->code == HEAL_ERR_IO && err->sys_errno == ENOENT) {
			heal_error_clear(err);
			return 0;
		}
		/* a link or a device in its place is bad input, not a finding */
		if (err->code == HEAL_ERR_REFUSED)
			err->code = HEAL_ERR_INPUT;
		return -1;
	}
	parse_lines(g, b.data ? b.data : "", b.len);
	heal_buf_release(&b);
	return 0;
}

/* Read the whole open file (under its lock) into b. */
static int read_fd(int fd, struct heal_buf *b, struct heal_error *err)
{
	char block[65536];
	off_t off = 0;

	for (;;) {
		ssize_t k = pread(fd, block, sizeof(block), off);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return heal_error_sys(err, errno, "cannot read '%s'",
					      HEAL_GUARD_FILE);
		if (k == 0)
			return 0;
		if ((size_t)off + (size_t)k > HEAL_GUARD_MAX_FILE)
			return heal_error_set(err, HEAL_ERR_LIMIT,
					      "'%s' is larger than %u bytes",
					      HEAL_GUARD_FILE, HEAL_GUARD_MAX_FILE);
		if (heal_buf_add(b, block, (size_t)k, err) < 0)
			return -1;
		off += k;
	}
}

int heal_guard_append(const struct heal_root *root, const struct heal_json *guard,
		      bool *added, struct heal_error *err)
{
	const char *id = heal_json_object_get_str(guard, "id");
	struct heal_safefile sf;
	struct heal_guards have;
	struct heal_buf b, line;
	struct stat st;
	size_t i;
	int fd, r = -1;

	if (added)
		*added = false;
	if (!heal_guard_valid(guard, err)) {
		err->code = HEAL_ERR_INTERNAL;
		return -1;
	}
	heal_safefile_init(&sf, root);
	fd = heal_safefile_open_state(&sf, HEAL_GUARD_FILE,
				      O_RDWR | O_APPEND | O_CREAT, 0644, err);
	heal_safefile_release(&sf);
	if (fd < 0)
		return -1;
	heal_guards_init(&have);
	heal_buf_init(&b, HEAL_GUARD_MAX_FILE + 1);
	heal_buf_init(&line, HEAL_GUARD_LINE_MAX + 1);
	if (heal_fd_lock(fd, LOCK_EX, HEAL_GUARD_LOCK_WAIT) < 0) {
		heal_error_sys(err, errno, "cannot lock '%s'", HEAL_GUARD_FILE);
		if (errno == EWOULDBLOCK || errno == EAGAIN || errno == ETIMEDOUT)
			err->code = HEAL_ERR_BUSY;
		goto out;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		heal_error_sys(err, errno ? errno : EINVAL, "cannot use '%s'",
			       HEAL_GUARD_FILE);
		goto out;
	}
	if (read_fd(fd, &b, err) < 0)
		goto out;
	parse_lines(&have, b.data ? b.data : "", b.len);
	for (i = 0; i < have.n; i++)
		if (strcmp(heal_json_object_get_str(have.v[i], "id"), id) == 0) {
			r = 0;
			goto out;
		}
	/* a line torn by a crash must not swallow the guard */
	if (b.len && b.data[b.len - 1] != '\n')
		heal_buf_putc(&line, '\n');
	if (heal_json_serialize(&line, guard, err) < 0 ||
	    heal_buf_addc(&line, '\n', err) < 0)
		goto out;
	if (heal_fd_write_all(fd, line.data, line.len) < 0 || fsync(fd) < 0) {
		heal_error_sys(err, errno, "cannot write '%s'", HEAL_GUARD_FILE);
		/* no partial guard stays behind */
		if (ftruncate(fd, (off_t)b.len) < 0) {
			/* the error reported stands */
		}
		goto out;
	}
	if (added)
		*added = true;
	r = 0;
out:
	heal_buf_release(&b);
	heal_buf_release(&line);
	heal_guards_release(&have);
	close(fd);
	return r;
}
