#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_config_build.h"
#include "heal_fd.h"
#include "heal_json.h"
#include "heal_lines.h"
#include "heal_mcp.h"
#include "heal_spawn.h"
#include "heal_text.h"

extern char **environ;

static const char *const protocols[] = {
	"2025-06-18", "2025-03-26", "2024-11-05", NULL,
};

/* What a tool's standard output holds. */
enum shape { SHAPE_RECORDS, SHAPE_DOCUMENT, SHAPE_TEXT };

struct tool {
	const char *name, *title, *description;
	bool read_only;         /* else destructive: it changes files */
	const char *schema;     /* its inputSchema, JSON */
	struct heal_json *(*call)(struct heal_mcp *m, const struct heal_json *args);
};

/*
 * The published schemas are also what arguments are checked against
 * (check_args), so the two cannot drift apart.  The properties several
 * tools share are written once.
 */
#define P_ARGV(name, min, desc) \
	"\"" name "\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}," \
	min "\"maxItems\":4096,\"description\":\"" desc "\"}"
#define P_RECORDS(desc) \
	"\"records\":{\"type\":\"array\",\"items\":{\"type\":\"object\"},\"description\":\"" desc "\"}"
#define P_BOOL(name, desc) \
	"\"" name "\":{\"type\":\"boolean\",\"default\":false,\"description\":\"" desc "\"}"
#define P_APPROVAL(apply_desc) \
	P_BOOL("apply", apply_desc) "," \
	"\"approve\":{\"type\":\"string\",\"enum\":[\"never\",\"risky\",\"always\"],\"description\":\"which fixes need approval (default: risky)\"}," \
	P_BOOL("yes", "approve every fix that needs approval")
#define SCHEMA(props, required) \
	"{\"type\":\"object\",\"properties\":{" props "}," required \
	"\"additionalProperties\":false}"

/*
 * Every tool's structuredContent (from 2025-06-18): the program's exit
 * status, and its records (detect, analyze, fix, heal) or its document
 * (health, changelog).
 */
static const char output_schema[] =
	"{\"type\":\"object\",\"properties\":{"
	"\"exit_status\":{\"type\":\"integer\",\"description\":\"the heal program's exit status\"},"
	"\"records\":{\"type\":\"array\",\"items\":{\"type\":\"object\"},"
	"\"description\":\"heal records (heal-records(5)), one per error\"},"
	"\"document\":{\"type\":\"object\",\"description\":\"the health or changelog document\"}},"
	"\"required\":[\"exit_status\"]}";

static struct heal_json *call_detect(struct heal_mcp *, const struct heal_json *);
static struct heal_json *call_analyze(struct heal_mcp *, const struct heal_json *);
static struct heal_json *call_fix(struct heal_mcp *, const struct heal_json *);
static struct heal_json *call_heal(struct heal_mcp *, const struct heal_json *);
static struct heal_json *call_health(struct heal_mcp *, const struct heal_json *);
static struct heal_json *call_changelog(struct heal_mcp *, const struct heal_json *);

static const struct tool tools[] = {
	{ "detect", "Detect errors",
	  "Turn the raw output of a build, script or deployment into heal error "
	  "records (heal-detect). Returns one JSON record per distinct error.",
	  true,
	  SCHEMA("\"text\":{\"type\":\"string\",\"description\":\"the output, stdout and stderr merged\"},"
		 "\"tool\":{\"type\":\"string\",\"description\":\"only this tool's patterns: gcc, make, python, shell, ansible, terraform, ...\"},"
		 P_ARGV("command", "", "the argv that printed the text"),
		 "\"required\":[\"text\"],"),
	  call_detect },
	{ "analyze", "Analyze errors",
	  "Add a root cause, a category and ranked candidate fixes to error "
	  "records (heal-analyze), or to the errors detected in raw output. "
	  "Give records or text.",
	  true,
	  SCHEMA(P_RECORDS("error records, as detect returns them") ","
		 "\"text\":{\"type\":\"string\",\"description\":\"raw output: detected first\"}",
		 ""),
	  call_analyze },
	{ "fix", "Fix errors",
	  "Apply the best candidate fix of each analyzed record (heal-fix). "
	  "A dry run that changes nothing and returns the diffs, unless apply "
	  "is true; fixes that need approval are applied only with yes.",
	  false,
	  SCHEMA(P_RECORDS("analyzed records, as analyze returns them") ","
		 P_APPROVAL("change files (default: dry run)") ","
		 "\"fix_id\":{\"type\":\"string\",\"description\":\"apply the candidate with this id\"}",
		 "\"required\":[\"records\"],"),
	  call_fix },
	{ "heal", "Heal a command",
	  "Run a command (an argv, never a shell string) in the project root "
	  "through heal's loop: detect, analyze, fix, validate, retry. A dry "
	  "run that shows the diffs unless apply is true; fixes that need "
	  "approval are applied only with yes.",
	  false,
	  SCHEMA(P_ARGV("command", "\"minItems\":1,", "the argv, e.g. [\\\"make\\\"]") ","
		 P_APPROVAL("apply and validate fixes (default: dry run)") ","
		 "\"max_attempts\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":100,\"description\":\"attempts before giving up (default 3)\"},"
		 P_ARGV("test", "\"minItems\":1,", "the project's tests, an argv, which must pass too") ","
		 P_BOOL("wait", "keep heal's backoff delays between attempts (default: none)"),
		 "\"required\":[\"command\"],"),
	  call_heal },
	{ "health", "Project health",
	  "The project's health score, status and trend from heal's changelog "
	  "(heal-log --health --json).",
	  true,
	  SCHEMA("\"runs\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000000,\"description\":\"runs in the trend (default 5)\"}",
		 ""),
	  call_health },
	{ "changelog", "Changelog",
	  "heal's audit changelog of the project as one JSON document "
	  "(heal-log --export).",
	  true,
	  SCHEMA("", ""),
	  call_changelog },
};

#define NTOOLS (sizeof(tools) / sizeof(tools[0]))

struct heal_mcp {
	struct heal_mcp_opts o;
	char *bindir, *root;
	char *protocol;                 /* agreed at initialize */
	char **env;
	struct heal_json *schemas[NTOOLS];
};

void heal_mcp_opts_init(struct heal_mcp_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout = HEAL_MCP_TIMEOUT_DEFAULT;
	o->max_message = HEAL_MCP_MESSAGE_DEFAULT;
	o->max_output = HEAL_MCP_OUTPUT_DEFAULT;
}

struct heal_mcp *heal_mcp_new(const struct heal_mcp_opts *o)
{
	struct heal_mcp *m = heal_calloc(1, sizeof(*m));
	const char **allow;
	struct heal_error err = HEAL_ERROR_INIT;
	size_t i, n;

	m->o = *o;
	m->bindir = o->bindir ? heal_strdup(o->bindir) : NULL;
	m->root = heal_strdup(o->root ? o->root : ".");
	/* heal's own settings (HEAL_LOG_DIR, HEAL_ENV, ...) reach the tools */
	for (n = 0; heal_spawn_env_allow_default[n]; n++)
		;
	allow = heal_calloc(n + 3, sizeof(*allow));
	for (i = 0; i < n; i++)
		allow[i] = heal_spawn_env_allow_default[i];
	allow[n] = "HEAL_*";
	allow[n + 1] = "SELF_HEAL_*";
	m->env = heal_spawn_env_build(o->environ ? o->environ : environ,
				      allow, NULL);
	free(allow);
	for (i = 0; i < NTOOLS; i++)
		m->schemas[i] = heal_json_parse(tools[i].schema,
						strlen(tools[i].schema), NULL, &err);
	return m;
}

void heal_mcp_free(struct heal_mcp *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < NTOOLS; i++)
		heal_json_free(m->schemas[i]);
	heal_spawn_env_free(m->env);
	free(m->bindir);
	free(m->root);
	free(m->protocol);
	free(m);
}

const char *heal_mcp_protocol(const struct heal_mcp *m)
{
	return m->protocol;
}

char *heal_mcp_find_bindir(void)
{
	char exe[PATH_MAX], *slash, *probe;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t len;
	bool ok;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash || slash == exe)
		return NULL;
	*slash = '\0';
	len = strlen(exe);
	probe = heal_malloc(len + sizeof("/heal-detect"));
	memcpy(probe, exe, len);
	memcpy(probe + len, "/heal-detect", sizeof("/heal-detect"));
	ok = access(probe, X_OK) == 0;
	free(probe);
	return ok ? heal_strdup(exe) : NULL;
}

/* ---- responses ---- */

/* Newer protocol revisions add fields older clients do not expect. */
static bool proto_at_least(const struct heal_mcp *m, const char *v)
{
	return strcmp(m->protocol ? m->protocol : protocols[0], v) >= 0;
}

static int emit(struct heal_buf *out, const struct heal_json *id,
		const char *key, struct heal_json *val, struct heal_error *err)
{
	struct heal_json *msg = heal_json_new_object();
	size_t mark = out->len;
	int r;

	heal_json_object_set_str(msg, "jsonrpc", "2.0");
	heal_json_object_set(msg, "id", id ? heal_json_clone(id)
					  : heal_json_new_null());
	heal_json_object_set(msg, key, val);
	r = heal_json_serialize(out, msg, err);
	if (r == 0)
		r = heal_buf_addc(out, '\n', err);
	if (r < 0)
		heal_buf_truncate(out, mark);
	heal_json_free(msg);
	return r;
}

static int respond_error(struct heal_buf *out, const struct heal_json *id,
			 int code, const char *message, struct heal_json *data,
			 struct heal_error *err)
{
	struct heal_json *e = heal_json_new_object();

	heal_json_object_set_int(e, "code", code);
	heal_json_object_set_str(e, "message", message);
	if (data)
		heal_json_object_set(e, "data", data);
	return emit(out, id, "error", e, err);
}

static int respond(struct heal_buf *out, const struct heal_json *id,
		   struct heal_json *result, struct heal_error *err)
{
	struct heal_error e2 = HEAL_ERROR_INIT;
	char msg[128];

	if (emit(out, id, "result", result, &e2) == 0)
		return 0;
	snprintf(msg, sizeof(msg), "the result is over the %zu-byte cap",
		 out->max);
	return respond_error(out, id, HEAL_MCP_INTERNAL_ERROR, msg, NULL, err);
}

/* ---- argument checking against the published schemas ---- */

static bool number_value(const struct heal_json *v, double *d)
{
	char *end;

	if (v->type != HEAL_JSON_NUMBER)
		return false;
	*d = strtod(v->u.str.s, &end);
	return *end == '\0';
}

/* "'name' what" into msg; returns -1. */
static int bad(struct heal_buf *msg, const char *what, const char *name)
{
	heal_buf_putf(msg, "'%s' %s", name, what);
	return -1;
}

static int check_value(const struct heal_json *schema,
		       const struct heal_json *v, const char *name,
		       struct heal_buf *msg)
{
	const char *type = heal_json_object_get_str(schema, "type");
	const struct heal_json *en = heal_json_object_get(schema, "enum");
	int64_t lo, hi, i64;
	double d;
	size_t i;

	if (!type)
		return 0;
	if (strcmp(type, "string") == 0) {
		if (v->type != HEAL_JSON_STRING)
			goto type;
		if (!heal_json_string_is_cstr(v))
			return bad(msg, "holds a NUL byte", name);
		if (en) {
			for (i = 0; i < en->u.arr.n; i++)
				if (strcmp(en->u.arr.v[i]->u.str.s, v->u.str.s) == 0)
					return 0;
			return bad(msg, "is not one of the allowed values", name);
		}
		return 0;
	}
	if (strcmp(type, "boolean") == 0) {
		if (v->type == HEAL_JSON_TRUE || v->type == HEAL_JSON_FALSE)
			return 0;
		goto type;
	}
	if (strcmp(type, "object") == 0) {
		if (v->type == HEAL_JSON_OBJECT)
			return 0;
		goto type;
	}
	if (strcmp(type, "integer") == 0) {
		if (heal_json_number_int(v, &i64) < 0)
			goto type;
		if ((heal_json_object_get_int(schema, "minimum", INT64_MIN, INT64_MAX, &lo) == 1 && i64 < lo) ||
		    (heal_json_object_get_int(schema, "maximum", INT64_MIN, INT64_MAX, &hi) == 1 && i64 > hi))
			return bad(msg, "is out of range", name);
		return 0;
	}
	if (strcmp(type, "number") == 0) {
		if (number_value(v, &d))
			return 0;
		goto type;
	}
	if (strcmp(type, "array") == 0) {
		const struct heal_json *items = heal_json_object_get(schema, "items");

		if (v->type != HEAL_JSON_ARRAY)
			goto type;
		if ((heal_json_object_get_int(schema, "minItems", 0, INT64_MAX, &lo) == 1 && v->u.arr.n < (uint64_t)lo) ||
		    (heal_json_object_get_int(schema, "maxItems", 0, INT64_MAX, &hi) == 1 && v->u.arr.n > (uint64_t)hi))
			return bad(msg, "has too few or too many items", name);
		for (i = 0; items && i < v->u.arr.n; i++)
			if (check_value(items, v->u.arr.v[i], name, msg) < 0)
				return -1;
		return 0;
	}
	return 0;
type:
	heal_buf_putf(msg, "'%s' must be of type %s", name, type);
	return -1;
}

/* args: the "arguments" object or NULL.  -1 with msg set when invalid. */
static int check_args(const struct heal_json *schema,
		      const struct heal_json *args, struct heal_buf *msg)
{
	const struct heal_json *props = heal_json_object_get(schema, "properties");
	const struct heal_json *req = heal_json_object_get(schema, "required");
	size_t i;

	if (args && args->type != HEAL_JSON_OBJECT)
		return bad(msg, "must be an object", "arguments");
	for (i = 0; args && i < args->u.obj.n; i++) {
		const struct heal_json_member *mb = &args->u.obj.m[i];
		const struct heal_json *ps = heal_json_object_get(props, mb->key);

		if (!ps || strlen(mb->key) != mb->keylen) {
			heal_buf_puts(msg, "unknown argument '");
			heal_text_escape(msg, mb->key, mb->keylen, NULL);
			heal_buf_puts(msg, "'");
			return -1;
		}
		if (check_value(ps, mb->val, mb->key, msg) < 0)
			return -1;
	}
	for (i = 0; req && i < req->u.arr.n; i++)
		if (!heal_json_object_get(args, req->u.arr.v[i]->u.str.s))
			return bad(msg, "is missing", req->u.arr.v[i]->u.str.s);
	return 0;
}

/* ---- running the heal tools ---- */

/* A memory file holding data, positioned at its start: a child's stdin. */
static int input_fd(const char *data, size_t len, struct heal_error *err)
{
	int fd = memfd_create("heal-mcp-input", MFD_CLOEXEC);
	size_t off = 0;

	if (fd < 0)
		return heal_error_sys(err, errno, "cannot create an input file");
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			heal_error_sys(err, errno, "cannot write an input file");
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	if (lseek(fd, 0, SEEK_SET) < 0) {
		heal_error_sys(err, errno, "cannot rewind an input file");
		close(fd);
		return -1;
	}
	return fd;
}

/* The argv under construction: argv[0] is the heal binary. */
struct argv {
	const char **v;
	size_t n, cap;
	char *prog;
};

static void argv_init(struct argv *a, const struct heal_mcp *m,
		      const char *name)
{
	memset(a, 0, sizeof(*a));
	if (m->bindir) {
		size_t k = strlen(m->bindir), l = strlen(name);

		a->prog = heal_malloc(k + l + 2);
		memcpy(a->prog, m->bindir, k);
		a->prog[k] = '/';
		memcpy(a->prog + k + 1, name, l + 1);
	} else {
		a->prog = heal_strdup(name);
	}
	a->cap = 16;
	a->v = heal_calloc(a->cap, sizeof(*a->v));
	a->v[a->n++] = a->prog;
}

static void argv_add(struct argv *a, const char *s)
{
	if (a->n + 2 > a->cap) {
		a->cap *= 2;
		a->v = heal_reallocarray(a->v, a->cap, sizeof(*a->v));
	}
	a->v[a->n++] = s;
	a->v[a->n] = NULL;
}

static void argv_release(struct argv *a)
{
	free(a->v);
	free(a->prog);
}

static void spawn_opts(const struct heal_mcp *m, struct heal_spawn_opts *o,
		       const struct argv *a, int in)
{
	heal_spawn_opts_init(o);
	o->argv = a->v;
	o->cwd = m->root;
	o->env = m->env;
	o->timeout = m->o.timeout;
	o->max_output = m->o.max_output;
	o->stdin_fd = in;
}

static int spawn(const struct heal_mcp *m, const struct heal_spawn_opts *o,
		 struct heal_spawn_result *res, struct heal_error *err)
{
	return m->o.spawn ? m->o.spawn(o, res, err) : heal_spawn_run(o, res, err);
}

/* apply, approve and yes, which fix and heal share, as options */
static void add_approval(struct argv *a, const struct heal_json *args)
{
	const char *approve = heal_json_object_get_str(args, "approve");

	if (!heal_json_object_get_bool(args, "apply"))
		argv_add(a, "--dry-run");
	if (approve) {
		argv_add(a, "--approve");
		argv_add(a, approve);
	}
	/* approval is the client's to give, never ours */
	if (heal_json_object_get_bool(args, "yes"))
		argv_add(a, "--yes");
}

/* An argv argument (a JSON array) as one option value: never split. */
static void add_json_option(struct argv *a, const char *opt,
			    const struct heal_json *v, struct heal_buf *b)
{
	heal_json_serialize(b, v, NULL);
	argv_add(a, opt);
	argv_add(a, heal_buf_str(b));
}

/* --NAME=N for an integer argument within [lo, hi]; num holds the text. */
static void add_int_option(struct argv *a, const struct heal_json *args,
			   const char *key, const char *opt, int64_t lo,
			   int64_t hi, char *num, size_t size)
{
	int64_t n;

	if (heal_json_object_get_int(args, key, lo, hi, &n) == 1) {
		snprintf(num, size, "--%s=%lld", opt, (long long)n);
		argv_add(a, num);
	}
}

static void add_text(struct heal_json *content, const char *s, size_t len)
{
	struct heal_json *t = heal_json_new_object();

	heal_json_object_set_str(t, "type", "text");
	heal_json_object_set(t, "text", heal_json_new_stringn(s, len));
	heal_json_array_append(content, t);
}

/* stdout as an array of records, or NULL when a line is not an object. */
static struct heal_json *parse_records(const struct heal_buf *b)
{
	struct heal_json *arr = heal_json_new_array(), *v;
	const char *p = b->data ? b->data : "", *end = p + b->len, *nl;
	struct heal_error err = HEAL_ERROR_INIT;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (nl == p)
			continue;
		v = heal_json_parse(p, (size_t)(nl - p), NULL, &err);
		if (!v || v->type != HEAL_JSON_OBJECT) {
			heal_json_free(v);
			heal_json_free(arr);
			return NULL;
		}
		heal_json_array_append(arr, v);
	}
	return arr;
}

/*
 * A tools/call result from a finished child.  Exit statuses up to ok_max
 * are results (1 means findings); a higher one, a signal or a timeout
 * makes it an isError result carrying the child's stderr.
 */
static struct heal_json *tool_result(const struct heal_mcp *m,
				     const char *name,
				     const struct heal_spawn_result *res,
				     int ok_max, enum shape shape)
{
	struct heal_json *r = heal_json_new_object();
	struct heal_json *content = heal_json_new_array(), *sc, *v;
	bool failed = !res->exited || res->timed_out || res->status > ok_max;
	struct heal_error perr = HEAL_ERROR_INIT;
	struct heal_buf d;

	heal_buf_init(&d, 4096);
	if (failed) {
		heal_buf_putf(&d, "%s ", name);
		heal_spawn_describe(res, &d);
		if (res->err.len)
			heal_buf_puts(&d, ":\n");
		add_text(content, d.data, d.len);
		if (res->err.len)
			add_text(content, res->err.data, res->err.len);
	} else {
		if (res->out.len)
			add_text(content, res->out.data, res->out.len);
		else
			add_text(content, "", 0);
		if (res->err.len)
			add_text(content, res->err.data, res->err.len);
	}
	if (res->out_truncated || res->err_truncated) {
		heal_buf_reset(&d);
		heal_buf_putf(&d, "output truncated at %zu bytes",
			      m->o.max_output);
		add_text(content, d.data, d.len);
	}
	heal_buf_release(&d);
	heal_json_object_set(r, "content", content);
	if (!failed && proto_at_least(m, "2025-06-18")) {
		sc = heal_json_new_object();
		heal_json_object_set_int(sc, "exit_status", res->status);
		if (shape == SHAPE_DOCUMENT) {
			v = heal_json_parse(res->out.data ? res->out.data : "",
					    res->out.len, NULL, &perr);
			if (v)
				heal_json_object_set(sc, "document", v);
		} else if (!res->out_truncated &&
			   (v = parse_records(&res->out)) != NULL) {
			heal_json_object_set(sc, "records", v);
		}
		heal_json_object_set(r, "structuredContent", sc);
	}
	heal_json_object_set_bool(r, "isError", failed);
	return r;
}

/* A tool that could not be run at all. */
static struct heal_json *tool_error(const char *name, const char *why)
{
	struct heal_json *r = heal_json_new_object();
	struct heal_json *content = heal_json_new_array();
	struct heal_buf d;

	heal_buf_init(&d, 4096);
	heal_buf_putf(&d, "%s: %s", name, why);
	add_text(content, d.data, d.len);
	heal_buf_release(&d);
	heal_json_object_set(r, "content", content);
	heal_json_object_set_bool(r, "isError", true);
	return r;
}

/* Run a single heal binary with data on its stdin (data may be NULL). */
static struct heal_json *run_one(struct heal_mcp *m, struct argv *a,
				 const char *data, size_t len, int ok_max,
				 enum shape shape)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_spawn_opts o;
	struct heal_spawn_result res;
	struct heal_json *r;
	int in = -1;

	if (data && (in = input_fd(data, len, &err)) < 0)
		return tool_error(a->v[0], err.msg);
	spawn_opts(m, &o, a, in);
	if (spawn(m, &o, &res, &err) < 0)
		r = tool_error(a->v[0], err.msg);
	else
		r = tool_result(m, strrchr(a->v[0], '/') ? strrchr(a->v[0], '/') + 1
							  : a->v[0], &res, ok_max, shape);
	heal_spawn_result_release(&res);
	if (in >= 0)
		close(in);
	return r;
}

/* records (an array of objects) as NDJSON; -1 when over the cap. */
static int records_ndjson(const struct heal_json *recs, struct heal_buf *b)
{
	size_t i;

	for (i = 0; i < recs->u.arr.n; i++)
		if (heal_json_serialize(b, recs->u.arr.v[i], NULL) < 0 ||
		    heal_buf_addc(b, '\n', NULL) < 0)
			return -1;
	return 0;
}

static struct heal_json *call_detect(struct heal_mcp *m,
				     const struct heal_json *args)
{
	const struct heal_json *text = heal_json_object_get(args, "text");
	const struct heal_json *cmd = heal_json_object_get(args, "command");
	const char *tool = heal_json_object_get_str(args, "tool");
	struct heal_buf cj;
	struct argv a;
	struct heal_json *r;

	heal_buf_init(&cj, m->o.max_message + 1024);
	argv_init(&a, m, "heal-detect");
	argv_add(&a, "--format=ndjson");
	if (tool) {
		argv_add(&a, "--tool");
		argv_add(&a, tool);
	}
	if (cmd)
		add_json_option(&a, "--command", cmd, &cj);
	r = run_one(m, &a, text->u.str.s, text->u.str.len, 1, SHAPE_RECORDS);
	argv_release(&a);
	heal_buf_release(&cj);
	return r;
}

static struct heal_json *call_analyze(struct heal_mcp *m,
				      const struct heal_json *args)
{
	const struct heal_json *recs = heal_json_object_get(args, "records");
	const struct heal_json *text = heal_json_object_get(args, "text");
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_spawn_opts so;
	struct heal_spawn_result res;
	struct argv a;
	struct heal_buf in;
	struct heal_json *r = NULL;
	int fd;

	if (!recs == !text)
		return NULL;
	heal_buf_init(&in, m->o.max_message * 2);
	if (recs && records_ndjson(recs, &in) < 0)
		r = tool_error("heal-analyze", "the records are too large");
	if (text) {
		/*
		 * Raw text is detected first, in its own run rather than in a
		 * pipeline: the records are whole before analysis starts.
		 */
		argv_init(&a, m, "heal-detect");
		argv_add(&a, "--format=ndjson");
		if ((fd = input_fd(text->u.str.s, text->u.str.len, &err)) < 0) {
			r = tool_error("heal-detect", err.msg);
		} else {
			spawn_opts(m, &so, &a, fd);
			if (spawn(m, &so, &res, &err) < 0)
				r = tool_error("heal-detect", err.msg);
			else if (!res.exited || res.status > 1 || res.out_truncated)
				r = tool_result(m, "heal-detect", &res, 1,
						SHAPE_RECORDS);
			else if (heal_buf_add(&in, res.out.data ? res.out.data : "",
					      res.out.len, NULL) < 0)
				r = tool_error("heal-detect", "the records are too large");
			heal_spawn_result_release(&res);
			close(fd);
		}
		argv_release(&a);
	}
	if (!r) {
		argv_init(&a, m, "heal-analyze");
		argv_add(&a, "--no-llm");
		r = run_one(m, &a, heal_buf_str(&in), in.len, 1, SHAPE_RECORDS);
		argv_release(&a);
	}
	heal_buf_release(&in);
	return r;
}

static struct heal_json *call_fix(struct heal_mcp *m,
				  const struct heal_json *args)
{
	const struct heal_json *recs = heal_json_object_get(args, "records");
	const char *fix_id = heal_json_object_get_str(args, "fix_id");
	struct heal_buf in;
	struct argv a;
	struct heal_json *r;

	argv_init(&a, m, "heal-fix");
	add_approval(&a, args);
	if (fix_id) {
		argv_add(&a, "--fix-id");
		argv_add(&a, fix_id);
	}
	heal_buf_init(&in, m->o.max_message * 2);
	if (records_ndjson(recs, &in) < 0)
		r = tool_error("heal-fix", "the records are too large");
	else
		r = run_one(m, &a, heal_buf_str(&in), in.len, 1, SHAPE_RECORDS);
	heal_buf_release(&in);
	argv_release(&a);
	return r;
}

static struct heal_json *call_heal(struct heal_mcp *m,
				   const struct heal_json *args)
{
	const struct heal_json *cmd = heal_json_object_get(args, "command");
	const struct heal_json *test = heal_json_object_get(args, "test");
	char num[32];
	struct heal_buf tj;
	struct argv a;
	struct heal_json *r;
	size_t i;

	heal_buf_init(&tj, m->o.max_message + 1024);
	argv_init(&a, m, "heal");
	add_approval(&a, args);
	add_int_option(&a, args, "max_attempts", "max-attempts", 1, 100, num,
		       sizeof(num));
	/* an argv as a JSON array: heal never splits it with a shell */
	if (test)
		add_json_option(&a, "--test", test, &tj);
	/* an agent is waiting for the answer: no backoff unless asked */
	if (!heal_json_object_get_bool(args, "wait"))
		argv_add(&a, "--no-wait");
	argv_add(&a, "--");
	for (i = 0; i < cmd->u.arr.n; i++)
		argv_add(&a, cmd->u.arr.v[i]->u.str.s);
	/* heal exits with its command's status: any exit is a result */
	r = run_one(m, &a, NULL, 0, 255, SHAPE_TEXT);
	argv_release(&a);
	heal_buf_release(&tj);
	return r;
}

static struct heal_json *call_log(struct heal_mcp *m,
				  const struct heal_json *args, bool health)
{
	char num[32];
	struct argv a;
	struct heal_json *r;

	argv_init(&a, m, "heal-log");
	if (health) {
		argv_add(&a, "--health");
		argv_add(&a, "--json");
		add_int_option(&a, args, "runs", "runs", 1, 1000000, num,
			       sizeof(num));
	} else {
		argv_add(&a, "--export");
	}
	/* --health exits 1 for a warning or worse: a result, not a failure */
	r = run_one(m, &a, NULL, 0, 1, SHAPE_DOCUMENT);
	argv_release(&a);
	return r;
}

static struct heal_json *call_health(struct heal_mcp *m,
				     const struct heal_json *args)
{
	return call_log(m, args, true);
}

static struct heal_json *call_changelog(struct heal_mcp *m,
					const struct heal_json *args)
{
	return call_log(m, args, false);
}

/* ---- methods ---- */

static int do_initialize(struct heal_mcp *m, const struct heal_json *id,
			 const struct heal_json *params, struct heal_buf *out,
			 struct heal_error *err)
{
	const char *want = heal_json_object_get_str(params, "protocolVersion");
	const char *agreed = HEAL_MCP_PROTOCOL_LATEST;
	struct heal_json *r, *caps, *t, *info;
	size_t i;

	if (!want)
		return respond_error(out, id, HEAL_MCP_INVALID_PARAMS,
				     "'protocolVersion' must be a string",
				     NULL, err);
	for (i = 0; protocols[i]; i++)
		if (strcmp(protocols[i], want) == 0)
			agreed = protocols[i];
	free(m->protocol);
	m->protocol = heal_strdup(agreed);
	r = heal_json_new_object();
	heal_json_object_set_str(r, "protocolVersion", agreed);
	caps = heal_json_new_object();
	t = heal_json_new_object();
	heal_json_object_set_bool(t, "listChanged", false);
	heal_json_object_set(caps, "tools", t);
	heal_json_object_set(r, "capabilities", caps);
	info = heal_json_new_object();
	heal_json_object_set_str(info, "name", "heal-mcp");
	if (proto_at_least(m, "2025-06-18"))
		heal_json_object_set_str(info, "title", "heal");
	heal_json_object_set_str(info, "version", HEAL_VERSION);
	heal_json_object_set(r, "serverInfo", info);
	heal_json_object_set_str(r, "instructions",
		"heal turns build, script and deployment errors into validated "
		"fixes. Typical flow: detect (raw output to error records), "
		"analyze (ranked candidate fixes), fix (a dry run unless "
		"apply is true), or heal to run a command through the whole "
		"loop. Commands are argv arrays; nothing runs through a shell.");
	return respond(out, id, r, err);
}

static int do_tools_list(struct heal_mcp *m, const struct heal_json *id,
			 struct heal_buf *out, struct heal_error *err)
{
	struct heal_json *r = heal_json_new_object();
	struct heal_json *list = heal_json_new_array(), *t, *ann;
	size_t i;

	for (i = 0; i < NTOOLS; i++) {
		t = heal_json_new_object();
		heal_json_object_set_str(t, "name", tools[i].name);
		if (proto_at_least(m, "2025-06-18"))
			heal_json_object_set_str(t, "title", tools[i].title);
		heal_json_object_set_str(t, "description", tools[i].description);
		heal_json_object_set(t, "inputSchema",
				     heal_json_clone(m->schemas[i]));
		if (proto_at_least(m, "2025-06-18"))
			heal_json_object_set(t, "outputSchema",
					     heal_json_parse(output_schema,
							     strlen(output_schema),
							     NULL, NULL));
		if (proto_at_least(m, "2025-03-26")) {
			ann = heal_json_new_object();
			heal_json_object_set_bool(ann, "readOnlyHint", tools[i].read_only);
			/* fix and heal with apply change files and run
			 * commands: heal runs the caller's command, fix the
			 * allow-listed ones (package installers among them),
			 * which may reach beyond the machine */
			if (!tools[i].read_only) {
				heal_json_object_set_bool(ann, "destructiveHint", true);
				heal_json_object_set_bool(ann, "idempotentHint", false);
			}
			heal_json_object_set_bool(ann, "openWorldHint", !tools[i].read_only);
			heal_json_object_set(t, "annotations", ann);
		}
		heal_json_array_append(list, t);
	}
	heal_json_object_set(r, "tools", list);
	return respond(out, id, r, err);
}

static int do_tools_call(struct heal_mcp *m, const struct heal_json *id,
			 const struct heal_json *params, struct heal_buf *out,
			 struct heal_error *err)
{
	const char *name = heal_json_object_get_str(params, "name");
	const struct heal_json *args = heal_json_object_get(params, "arguments");
	struct heal_json *r = NULL;
	struct heal_buf msg;
	size_t i;
	int k;

	if (!name)
		return respond_error(out, id, HEAL_MCP_INVALID_PARAMS,
				     "'name' must be a string", NULL, err);
	for (i = 0; i < NTOOLS; i++)
		if (strcmp(tools[i].name, name) == 0)
			break;
	heal_buf_init(&msg, 4096);
	if (i == NTOOLS) {
		heal_buf_puts(&msg, "unknown tool '");
		heal_text_escape(&msg, name, strlen(name), NULL);
		heal_buf_puts(&msg, "'");
	} else if (args && args->type == HEAL_JSON_NULL) {
		args = NULL;
	}
	/* a malformed request is a protocol error ... */
	if (i == NTOOLS || (args && args->type != HEAL_JSON_OBJECT)) {
		if (i < NTOOLS)
			heal_buf_puts(&msg, "'arguments' must be an object");
		k = respond_error(out, id, HEAL_MCP_INVALID_PARAMS,
				  heal_buf_str(&msg), NULL, err);
		heal_buf_release(&msg);
		return k;
	}
	/* ... arguments that break the tool's schema are the tool's answer,
	 * which the model reads and can correct */
	if (check_args(m->schemas[i], args, &msg) < 0) {
		r = tool_error(tools[i].name, heal_buf_str(&msg));
		heal_buf_release(&msg);
		return respond(out, id, r, err);
	}
	heal_buf_release(&msg);
	r = tools[i].call(m, args);
	if (!r)
		r = tool_error(tools[i].name, "give either 'records' or 'text'");
	return respond(out, id, r, err);
}

static bool valid_id(const struct heal_json *id)
{
	return id->type == HEAL_JSON_STRING || heal_json_number_int(id, &(int64_t){ 0 }) == 0;
}

int heal_mcp_handle(struct heal_mcp *m, const char *msg, size_t len,
		    bool oversized, struct heal_buf *out,
		    struct heal_error *err)
{
	struct heal_json_limits lim;
	struct heal_error perr = HEAL_ERROR_INIT;
	struct heal_json *req, *id = NULL, *params, *data;
	const char *method, *jv;
	char text[HEAL_ERROR_MSG_MAX + 64];
	int r;

	if (oversized) {
		data = heal_json_new_object();
		heal_json_object_set_int(data, "max_bytes", (int64_t)m->o.max_message);
		snprintf(text, sizeof(text),
			 "Invalid Request: the message is over the %zu-byte cap",
			 m->o.max_message);
		return respond_error(out, NULL, HEAL_MCP_INVALID_REQUEST, text,
				     data, err);
	}
	heal_json_limits_default(&lim);
	lim.max_string = m->o.max_message;
	req = heal_json_parse(msg, len, &lim, &perr);
	if (!req) {
		snprintf(text, sizeof(text), "Parse error: %s", perr.msg);
		return respond_error(out, NULL, HEAL_MCP_PARSE_ERROR, text, NULL, err);
	}
	if (req->type == HEAL_JSON_ARRAY) {
		heal_json_free(req);
		return respond_error(out, NULL, HEAL_MCP_INVALID_REQUEST,
				     "Invalid Request: batches are not supported; send one message per line",
				     NULL, err);
	}
	if (req->type != HEAL_JSON_OBJECT) {
		heal_json_free(req);
		return respond_error(out, NULL, HEAL_MCP_INVALID_REQUEST,
				     "Invalid Request: a message is a JSON object",
				     NULL, err);
	}
	id = heal_json_object_get(req, "id");
	method = heal_json_object_get_str(req, "method");
	jv = heal_json_object_get_str(req, "jsonrpc");
	params = heal_json_object_get(req, "params");
	if (id && !valid_id(id)) {
		r = respond_error(out, NULL, HEAL_MCP_INVALID_REQUEST,
				  "Invalid Request: 'id' must be a string or an integer",
				  NULL, err);
	} else if (!jv || strcmp(jv, "2.0") != 0) {
		r = respond_error(out, id, HEAL_MCP_INVALID_REQUEST,
				  "Invalid Request: 'jsonrpc' must be \"2.0\"", NULL, err);
	} else if (!heal_json_object_get(req, "method")) {
		/* a response to a request we never send: nothing to say */
		r = heal_json_object_get(req, "result") || heal_json_object_get(req, "error")
		    ? 0
		    : respond_error(out, id, HEAL_MCP_INVALID_REQUEST,
				    "Invalid Request: no 'method'", NULL, err);
	} else if (!method) {
		r = respond_error(out, id, HEAL_MCP_INVALID_REQUEST,
				  "Invalid Request: 'method' must be a string", NULL, err);
	} else if (!id) {
		r = 0;    /* notifications: initialized, cancelled, ... */
	} else if (params && params->type != HEAL_JSON_OBJECT) {
		r = respond_error(out, id, HEAL_MCP_INVALID_PARAMS,
				  "Invalid params: 'params' must be an object", NULL, err);
	} else if (strcmp(method, "initialize") == 0) {
		r = do_initialize(m, id, params, out, err);
	} else if (strcmp(method, "ping") == 0) {
		r = respond(out, id, heal_json_new_object(), err);
	} else if (strcmp(method, "tools/list") == 0) {
		r = do_tools_list(m, id, out, err);
	} else if (strcmp(method, "tools/call") == 0) {
		r = do_tools_call(m, id, params, out, err);
	} else {
		struct heal_buf b;

		heal_buf_init(&b, 4096);
		heal_buf_puts(&b, "Method not found: '");
		heal_text_escape(&b, method, strlen(method), NULL);
		heal_buf_puts(&b, "'");
		r = respond_error(out, id, HEAL_MCP_METHOD_NOT_FOUND,
				  heal_buf_str(&b), NULL, err);
		heal_buf_release(&b);
	}
	heal_json_free(req);
	return r;
}

int heal_mcp_serve(struct heal_mcp *m, int in_fd, int out_fd,
		   struct heal_error *err)
{
	struct heal_lines lines;
	struct heal_line line;
	struct heal_buf out;
	int k, r = 0;

	heal_lines_init_fd(&lines, in_fd, m->o.max_message);
	/* room for both captured streams, escaped, twice (text and records) */
	heal_buf_init(&out, 16 * m->o.max_output + m->o.max_message + (1u << 20));
	while ((k = heal_lines_next(&lines, &line, err)) > 0) {
		size_t n = line.len;

		while (n > 0 && (line.data[n - 1] == ' ' || line.data[n - 1] == '\t'))
			n--;
		if (n == 0 && !line.truncated)
			continue;
		heal_buf_reset(&out);
		if (heal_mcp_handle(m, line.data, line.len, line.truncated,
				    &out, err) < 0) {
			r = -1;
			break;
		}
		if (heal_fd_write_all(out_fd, out.data ? out.data : "", out.len) < 0) {
			r = heal_error_sys(err, errno, "cannot write a response");
			break;
		}
	}
	if (k < 0)
		r = -1;
	heal_buf_release(&out);
	heal_lines_release(&lines);
	return r;
}
