/*
 * heal_store.h - the shared learning store: PostgreSQL, for a fleet of
 * runners and projects.
 *
 * HEAL_STORE (or heal-log --store) holds a libpq connection string
 * ("host=db dbname=heal user=runner sslmode=verify-full", a URI, or
 * "service=heal" with a service file); the password comes from it, from
 * PGPASSFILE or ~/.pgpass, never from heal.  libpq is loaded when a store
 * is first used (heal_dynlib.h): heal builds and runs without it, and
 * without HEAL_STORE nothing changes: the files in .heal/ are the state.
 *
 * With a store, every event heal-log appends to the local changelog is
 * also written to the store, keyed by project, in one transaction per
 * record's events:
 *
 *   heal_events(project, event_id, time, run, event, rule, body jsonb)
 *       primary key (project, event_id): event_id is the SHA-256 of the
 *       event's changelog line, so an event written twice (a retry, a
 *       sync) is stored once;
 *   heal_learning(project, rule, passed, failed)
 *       bumped in the same statement as the event is inserted, and only
 *       when it was (INSERT ... ON CONFLICT DO UPDATE SET passed =
 *       passed + 1: no read-modify-write, so parallel writers lose no
 *       update and nothing is counted twice);
 *   heal_guards(project, guard_id, body jsonb), the regression guards;
 *   heal_schema(version, applied), the migrations applied.
 *
 * Migrations are versioned and applied in order, under a transaction-level
 * advisory lock, by heal-log --store-init or on first use.  When the
 * server cannot be reached, or fails part way, heal-log warns and goes on
 * with the local files alone; heal-log --store-sync uploads the whole
 * local changelog and guard file later (idempotent).  The connection
 * string is never written to a record, a log line or an error message.
 */
#ifndef HEAL_STORE_H
#define HEAL_STORE_H

#include <stddef.h>

#include "heal_changelog.h"
#include "heal_error.h"
#include "heal_json.h"
#include "heal_root.h"
#include "heal_stats.h"

/* The schema version this heal writes. */
#define HEAL_STORE_SCHEMA 1
/* Longest project name. */
#define HEAL_STORE_PROJECT_MAX 256

struct heal_store;

/*
 * The connection string to use: opt when not NULL, else $HEAL_STORE, else
 * NULL (no store).  Borrowed.
 */
const char *heal_store_conninfo(const char *opt);

/*
 * The project key: given when not NULL, else $HEAL_PROJECT, else the base
 * name of the root's real path.  1 to HEAL_STORE_PROJECT_MAX bytes, no
 * control characters (HEAL_ERR_USAGE).  Owned by the caller.
 */
char *heal_store_project(const char *given, const struct heal_root *root,
			 struct heal_error *err);

/*
 * Connect (loading libpq when first needed) and bring the schema up to
 * HEAL_STORE_SCHEMA.  NULL with err set (HEAL_ERR_IO) when libpq is
 * missing or the server cannot be used; the message never holds the
 * connection string.  project is copied.
 */
struct heal_store *heal_store_open(const char *conninfo, const char *project,
				   struct heal_error *err);
/*
 * The store opt or $HEAL_STORE names (heal_store_conninfo), for the
 * project given or found (heal_store_project), opened.  NULL with err->code
 * HEAL_OK when none is configured; NULL with err set when it cannot be
 * used.
 */
struct heal_store *heal_store_from(const char *opt, const char *project,
				   const struct heal_root *root,
				   struct heal_error *err);

/* Disconnect; accepts NULL. */
void heal_store_free(struct heal_store *st);

/* The schema version of the store (after heal_store_open: the latest). */
int heal_store_version(struct heal_store *st, int *version,
		       struct heal_error *err);

/*
 * Write the events of the array (changelog events, as heal-log appends
 * them) in one transaction: each inserted once by its event id, learning
 * counts bumped for the validation outcomes that were new.  *added (may be
 * NULL) counts the events that were new.
 */
int heal_store_put_events(struct heal_store *st, const struct heal_json *events,
			  size_t *added, struct heal_error *err);

/* Write a regression guard (heal_guard.h) once by its id. */
int heal_store_put_guard(struct heal_store *st, const struct heal_json *guard,
			 struct heal_error *err);

/*
 * Upload the whole local changelog cl and the guard file beneath root
 * (idempotent).  *events and *guards (may be NULL) count what was new.
 */
int heal_store_sync(struct heal_store *st, struct heal_changelog *cl,
		    const struct heal_root *root, size_t *events,
		    size_t *guards, struct heal_error *err);

/*
 * The learning counts of every other project of the store, summed per
 * rule, as {"v":1,"rules":{"RULE":{"passed":N,"failed":M}}} and a newline,
 * appended to out: what heal-log --store-pull writes to
 * .heal/learning-fleet.json, which heal-analyze adds to the project's own
 * counts (the project's own are in its learning.json already).
 */
int heal_store_fleet_learning(struct heal_store *st, struct heal_buf *out,
			      struct heal_error *err);

/*
 * Feed the events of every project (all_projects) or of the store's
 * project alone into s, in time order, for --stats and --health across
 * projects.
 */
int heal_store_load_stats(struct heal_store *st, struct heal_stats *s,
			  bool all_projects, struct heal_error *err);

#endif
