#include <stdbool.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_config_build.h"
#include "heal_dynlib.h"
#include "heal_guard.h"
#include "heal_sha256.h"
#include "heal_store.h"
#include "heal_text.h"

/*
 * libpq, opened when a store is first used.  Its ABI has been stable for
 * decades; the few types used here are declared by hand so heal builds
 * without libpq's headers.
 */
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef unsigned int Oid;

enum { PG_CONNECTION_OK = 0 };
enum { PG_COMMAND_OK = 1, PG_TUPLES_OK = 2 };

struct pq_api {
	PGconn *(*connectdb)(const char *conninfo);
	int (*status)(const PGconn *conn);
	char *(*error_message)(const PGconn *conn);
	void (*finish)(PGconn *conn);
	PGresult *(*exec)(PGconn *conn, const char *query);
	PGresult *(*exec_params)(PGconn *conn, const char *command, int nparams,
				 const Oid *types, const char *const *values,
				 const int *lengths, const int *formats,
				 int result_format);
	int (*result_status)(const PGresult *res);
	char *(*result_error_message)(const PGresult *res);
	void (*clear)(PGresult *res);
	int (*ntuples)(const PGresult *res);
	char *(*getvalue)(const PGresult *res, int row, int col);
	int (*getisnull)(const PGresult *res, int row, int col);
};


/* A number PostgreSQL printed (a count, a version); 0 when it is not one. */
static long pq_int(const char *v)
{
	char *end;
	long n;

	if (!v)
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	return errno || end == v ? 0 : n;
}

static const struct pq_api *pq_api(struct heal_error *err)
{
	static struct pq_api api;
	static bool loaded;
	struct pq_api t;
	void *h;

	if (loaded)
		return &api;
	h = heal_dynlib_open(HEAL_LIBPQ_SONAME, err);
	if (!h)
		return NULL;
#define SYM(field, name) \
	if (!(*(void **)&t.field = heal_dynlib_sym(h, HEAL_LIBPQ_SONAME, name, err))) \
		return NULL
	SYM(connectdb, "PQconnectdb");
	SYM(status, "PQstatus");
	SYM(error_message, "PQerrorMessage");
	SYM(finish, "PQfinish");
	SYM(exec, "PQexec");
	SYM(exec_params, "PQexecParams");
	SYM(result_status, "PQresultStatus");
	SYM(result_error_message, "PQresultErrorMessage");
	SYM(clear, "PQclear");
	SYM(ntuples, "PQntuples");
	SYM(getvalue, "PQgetvalue");
	SYM(getisnull, "PQgetisnull");
#undef SYM
	api = t;
	loaded = true;
	return &api;
}

struct heal_store {
	const struct pq_api *pq;
	PGconn *conn;
	char *project;
};

/* libpq's message, on one line, escaped: it never holds the password. */
static int pq_fail(struct heal_error *err, const char *what, const char *msg)
{
	size_t n = msg ? strlen(msg) : 0;
	char *q;

	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	q = heal_text_escape_dup(msg ? msg : "", n);
	heal_error_set(err, HEAL_ERR_IO, "store: %s: %s", what, q);
	free(q);
	return -1;
}

/* Run sql (no parameters) expecting ok; -1 with err set. */
static int exec_ok(struct heal_store *st, const char *sql, const char *what,
		   struct heal_error *err)
{
	PGresult *r = st->pq->exec(st->conn, sql);
	int s = r ? st->pq->result_status(r) : -1;
	int rc = 0;

	if (s != PG_COMMAND_OK && s != PG_TUPLES_OK)
		rc = pq_fail(err, what, r ? st->pq->result_error_message(r)
				     : st->pq->error_message(st->conn));
	if (r)
		st->pq->clear(r);
	return rc;
}

static PGresult *exec_params(struct heal_store *st, const char *sql, int n,
			     const char *const *vals, const char *what,
			     struct heal_error *err)
{
	PGresult *r = st->pq->exec_params(st->conn, sql, n, NULL, vals, NULL,
					  NULL, 0);
	int s = r ? st->pq->result_status(r) : -1;

	if (s != PG_COMMAND_OK && s != PG_TUPLES_OK) {
		pq_fail(err, what, r ? st->pq->result_error_message(r)
			: st->pq->error_message(st->conn));
		if (r)
			st->pq->clear(r);
		return NULL;
	}
	return r;
}

static void rollback(struct heal_store *st)
{
	PGresult *r = st->pq->exec(st->conn, "ROLLBACK");

	if (r)
		st->pq->clear(r);
}

/* ---- migrations ---- */

/* Migration N+1 is migrations[N]; never edit one that shipped. */
static const char *const migrations[] = {
	/* 1 */
	"CREATE TABLE heal_events ("
	" project text NOT NULL, event_id text NOT NULL, time text,"
	" run text, event text NOT NULL, rule text, body text NOT NULL,"
	" stored timestamptz NOT NULL DEFAULT now(),"
	" PRIMARY KEY (project, event_id));"
	"CREATE INDEX heal_events_time ON heal_events (time);"
	"CREATE TABLE heal_learning ("
	" project text NOT NULL, rule text NOT NULL,"
	" passed bigint NOT NULL DEFAULT 0, failed bigint NOT NULL DEFAULT 0,"
	" PRIMARY KEY (project, rule));"
	"CREATE TABLE heal_guards ("
	" project text NOT NULL, guard_id text NOT NULL, body text NOT NULL,"
	" stored timestamptz NOT NULL DEFAULT now(),"
	" PRIMARY KEY (project, guard_id));",
};

#define NMIGRATIONS (sizeof(migrations) / sizeof(migrations[0]))

int heal_store_version(struct heal_store *st, int *version,
		       struct heal_error *err)
{
	PGresult *r = exec_params(st, "SELECT coalesce(max(version), 0) FROM heal_schema",
				  0, NULL, "cannot read the schema version", err);

	if (!r)
		return -1;
	*version = pq_int(st->pq->getvalue(r, 0, 0));
	st->pq->clear(r);
	return 0;
}

static int migrate(struct heal_store *st, struct heal_error *err)
{
	char num[32];
	const char *v[1] = { num };
	PGresult *r;
	size_t i;
	int cur;

	/* one writer at a time: the lock holds until COMMIT or ROLLBACK */
	if (exec_ok(st, "BEGIN; SELECT pg_advisory_xact_lock(1751474540);"
		    "CREATE TABLE IF NOT EXISTS heal_schema ("
		    " version integer PRIMARY KEY,"
		    " applied timestamptz NOT NULL DEFAULT now())",
		    "cannot lock the schema", err) < 0)
		goto fail;
	if (heal_store_version(st, &cur, err) < 0)
		goto fail;
	if (cur > HEAL_STORE_SCHEMA) {
		heal_error_set(err, HEAL_ERR_IO,
			       "store: schema version %d is newer than this heal's %d",
			       cur, HEAL_STORE_SCHEMA);
		goto fail;
	}
	for (i = (size_t)cur; i < NMIGRATIONS; i++) {
		if (exec_ok(st, migrations[i], "cannot migrate the schema", err) < 0)
			goto fail;
		snprintf(num, sizeof(num), "%zu", i + 1);
		r = exec_params(st, "INSERT INTO heal_schema (version) VALUES ($1::integer)",
				1, v, "cannot record the migration", err);
		if (!r)
			goto fail;
		st->pq->clear(r);
	}
	return exec_ok(st, "COMMIT", "cannot commit the migration", err);
fail:
	rollback(st);
	return -1;
}

/* ---- connection ---- */

const char *heal_store_conninfo(const char *opt)
{
	const char *e = getenv("HEAL_STORE");

	if (opt && *opt)
		return opt;
	return e && *e ? e : NULL;
}

char *heal_store_project(const char *given, const struct heal_root *root,
			 struct heal_error *err)
{
	const char *p = given ? given : getenv("HEAL_PROJECT");
	const char *slash;
	size_t i, n;

	if (!p || !*p) {
		p = root->real ? root->real : root->path;
		slash = strrchr(p, '/');
		if (slash && slash[1])
			p = slash + 1;
	}
	n = strlen(p);
	for (i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
			break;
	if (n == 0 || n > HEAL_STORE_PROJECT_MAX || i < n) {
		heal_error_set(err, HEAL_ERR_USAGE,
			       "the project name must be 1 to %d bytes without control characters",
			       HEAL_STORE_PROJECT_MAX);
		return NULL;
	}
	return heal_strdup(p);
}

struct heal_store *heal_store_open(const char *conninfo, const char *project,
				   struct heal_error *err)
{
	const struct pq_api *pq = pq_api(err);
	struct heal_store *st;

	if (!pq) {
		heal_error_prefix(err, "store: libpq is not installed");
		return NULL;
	}
	st = heal_calloc(1, sizeof(*st));
	st->pq = pq;
	st->project = heal_strdup(project);
	/* an unreachable host must not stall every heal-log of a CI job:
	 * 10 s unless the user chose (connect_timeout in the string wins) */
	setenv("PGCONNECT_TIMEOUT", "10", 0);
	st->conn = pq->connectdb(conninfo);
	if (!st->conn || pq->status(st->conn) != PG_CONNECTION_OK) {
		pq_fail(err, "cannot connect", st->conn ? pq->error_message(st->conn)
			: "out of memory");
		heal_store_free(st);
		return NULL;
	}
	/* quiet NOTICEs; a stuck server must not hang a CI job forever */
	if (exec_ok(st, "SET client_min_messages = warning;"
		    "SET statement_timeout = '60s'", "cannot set up the session",
		    err) < 0 || migrate(st, err) < 0) {
		heal_store_free(st);
		return NULL;
	}
	return st;
}

struct heal_store *heal_store_from(const char *opt, const char *project,
				   const struct heal_root *root,
				   struct heal_error *err)
{
	const char *conninfo = heal_store_conninfo(opt);
	struct heal_store *st;
	char *p;

	heal_error_clear(err);
	if (!conninfo)
		return NULL;
	p = heal_store_project(project, root, err);
	if (!p)
		return NULL;
	st = heal_store_open(conninfo, p, err);
	free(p);
	return st;
}

void heal_store_free(struct heal_store *st)
{
	if (!st)
		return;
	if (st->conn)
		st->pq->finish(st->conn);
	free(st->project);
	free(st);
}

/* ---- writes ---- */

/* One event, in the caller's transaction. */
static int put_event(struct heal_store *st, const struct heal_json *ev,
		     size_t *added, struct heal_error *err)
{
	static const char sql[] =
		"WITH ins AS ("
		" INSERT INTO heal_events (project, event_id, time, run, event, rule, body)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7)"
		" ON CONFLICT DO NOTHING RETURNING rule)"
		" , bump AS ("
		" INSERT INTO heal_learning (project, rule, passed, failed)"
		" SELECT $1, rule, $8::bigint, $9::bigint FROM ins"
		"  WHERE rule IS NOT NULL AND $8::bigint + $9::bigint > 0"
		" ON CONFLICT (project, rule) DO UPDATE SET"
		"  passed = heal_learning.passed + EXCLUDED.passed,"
		"  failed = heal_learning.failed + EXCLUDED.failed)"
		" SELECT count(*) FROM ins";
	const char *name = heal_json_object_get_str(ev, "event");
	const char *from = heal_json_object_get_str(ev, "from");
	const char *rule = heal_json_object_get_str(ev, "rule");
	bool ok = name && strcmp(name, "fix_validated") == 0;
	bool bad = name && strcmp(name, "fix_failed") == 0 && from &&
		   strcmp(from, "validation") == 0;
	char id[HEAL_SHA256_HEX];
	const char *v[9];
	struct heal_buf line;
	PGresult *r;
	int rc = 0;

	if (!name)
		return 0;
	heal_buf_init(&line, HEAL_CHANGELOG_LINE_MAX);
	if (heal_json_serialize(&line, ev, err) < 0) {
		heal_buf_release(&line);
		return -1;
	}
	heal_sha256_hex(line.data, line.len, id);
	v[0] = st->project;
	v[1] = id;
	v[2] = heal_json_object_get_str(ev, "time");
	v[3] = heal_json_object_get_str(ev, "run");
	v[4] = name;
	v[5] = rule;
	v[6] = heal_buf_str(&line);
	v[7] = ok ? "1" : "0";
	v[8] = bad ? "1" : "0";
	r = exec_params(st, sql, 9, v, "cannot store an event", err);
	if (!r)
		rc = -1;
	else {
		if (added)
			*added += (size_t)pq_int(st->pq->getvalue(r, 0, 0));
		st->pq->clear(r);
	}
	heal_buf_release(&line);
	return rc;
}

int heal_store_put_events(struct heal_store *st, const struct heal_json *events,
			  size_t *added, struct heal_error *err)
{
	size_t i;

	if (!events || events->type != HEAL_JSON_ARRAY || !events->u.arr.n)
		return 0;
	if (exec_ok(st, "BEGIN", "cannot begin", err) < 0)
		return -1;
	for (i = 0; i < events->u.arr.n; i++)
		if (put_event(st, events->u.arr.v[i], added, err) < 0) {
			rollback(st);
			return -1;
		}
	return exec_ok(st, "COMMIT", "cannot commit the events", err);
}

int heal_store_put_guard(struct heal_store *st, const struct heal_json *guard,
			 struct heal_error *err)
{
	struct heal_buf b;
	const char *v[3];
	PGresult *r;
	int rc = 0;

	heal_buf_init(&b, HEAL_GUARD_LINE_MAX);
	if (heal_json_serialize(&b, guard, err) < 0) {
		heal_buf_release(&b);
		return -1;
	}
	v[0] = st->project;
	v[1] = heal_json_object_get_str(guard, "id");
	v[2] = heal_buf_str(&b);
	r = exec_params(st, "INSERT INTO heal_guards (project, guard_id, body)"
			" VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", 3, v,
			"cannot store a guard", err);
	if (!r)
		rc = -1;
	else
		st->pq->clear(r);
	heal_buf_release(&b);
	return rc;
}

/* ---- sync ---- */

struct batch {
	struct heal_store *st;
	struct heal_json *events;
	size_t added;
};

static int flush_batch(struct batch *b, struct heal_error *err)
{
	int r = heal_store_put_events(b->st, b->events, &b->added, err);

	heal_json_free(b->events);
	b->events = heal_json_new_array();
	return r;
}

static int sync_one(void *ctx, const struct heal_json *ev, struct heal_error *err)
{
	struct batch *b = ctx;

	heal_json_array_append(b->events, heal_json_clone(ev));
	/* a transaction per thousand events: a long log is not one huge one */
	return b->events->u.arr.n >= 1000 ? flush_batch(b, err) : 0;
}

int heal_store_sync(struct heal_store *st, struct heal_changelog *cl,
		    const struct heal_root *root, size_t *events,
		    size_t *guards, struct heal_error *err)
{
	struct batch b = { st, heal_json_new_array(), 0 };
	struct heal_guards g;
	size_t i, before;
	int r;

	r = heal_changelog_read(cl, sync_one, &b, NULL, err);
	if (r == 0)
		r = flush_batch(&b, err);
	heal_json_free(b.events);
	if (events)
		*events = b.added;
	if (r < 0)
		return -1;
	heal_guards_init(&g);
	if (heal_guards_load(&g, root, err) < 0)
		return -1;
	for (i = 0; r == 0 && i < g.n; i++) {
		PGresult *q;
		const char *v[2] = { st->project, heal_json_object_get_str(g.v[i], "id") };

		q = exec_params(st, "SELECT count(*) FROM heal_guards WHERE project = $1"
				" AND guard_id = $2", 2, v, "cannot read the guards", err);
		if (!q) {
			r = -1;
			break;
		}
		before = (size_t)pq_int(st->pq->getvalue(q, 0, 0));
		st->pq->clear(q);
		r = heal_store_put_guard(st, g.v[i], err);
		if (r == 0 && !before && guards)
			(*guards)++;
	}
	heal_guards_release(&g);
	return r;
}

/* ---- the fleet's learning ---- */

int heal_store_fleet_learning(struct heal_store *st, struct heal_buf *out,
			      struct heal_error *err)
{
	const char *v[1] = { st->project };
	struct heal_json *doc, *rules;
	PGresult *r;
	int i, n, rc;

	r = exec_params(st, "SELECT rule, sum(passed), sum(failed) FROM heal_learning"
			" WHERE project <> $1 GROUP BY rule ORDER BY rule", 1, v,
			"cannot read the learning counts", err);
	if (!r)
		return -1;
	doc = heal_json_new_object();
	rules = heal_json_new_object();
	heal_json_object_set_int(doc, "v", 1);
	n = st->pq->ntuples(r);
	for (i = 0; i < n; i++) {
		struct heal_json *c = heal_json_new_object();

		heal_json_object_set_int(c, "passed", strtoll(st->pq->getvalue(r, i, 1), NULL, 10));
		heal_json_object_set_int(c, "failed", strtoll(st->pq->getvalue(r, i, 2), NULL, 10));
		heal_json_object_set(rules, st->pq->getvalue(r, i, 0), c);
	}
	st->pq->clear(r);
	heal_json_object_set(doc, "rules", rules);
	rc = heal_json_serialize(out, doc, err);
	heal_json_free(doc);
	return rc < 0 ? -1 : heal_buf_addc(out, '\n', err);
}

/* ---- statistics across projects ---- */

int heal_store_load_stats(struct heal_store *st, struct heal_stats *s,
			  bool all_projects, struct heal_error *err)
{
	const char *v[1] = { st->project };
	PGresult *r;
	size_t skipped = 0;
	int i, n;

	r = exec_params(st, all_projects
			? "SELECT body FROM heal_events ORDER BY time, project, stored"
			: "SELECT body FROM heal_events WHERE project = $1"
			  " ORDER BY time, stored", all_projects ? 0 : 1,
			all_projects ? NULL : v, "cannot read the events", err);
	if (!r)
		return -1;
	n = st->pq->ntuples(r);
	for (i = 0; i < n; i++) {
		const char *body = st->pq->getvalue(r, i, 0);
		struct heal_error e = HEAL_ERROR_INIT;
		struct heal_json *ev = heal_json_parse(body, strlen(body), NULL, &e);

		if (!ev) {
			skipped++;
			continue;
		}
		heal_stats_add(s, ev);
		heal_json_free(ev);
	}
	st->pq->clear(r);
	heal_stats_note_skipped(s, skipped);
	return 0;
}
