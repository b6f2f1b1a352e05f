#include <string.h>
#include <time.h>

#include "heal_logger.h"
#include "heal_stats.h"

/* The store failed: say why, once, and go on with the local files. */
static void store_down(struct heal_logger *lg, struct heal_error *e,
		       struct heal_error *warn)
{
	heal_error_set(warn, e->code, "%s; the events stay in .heal: "
		       "heal-log --store-sync uploads them later", e->msg);
	heal_store_free(lg->store);
	lg->store = NULL;
}

void heal_logger_init(struct heal_logger *lg, struct heal_changelog *cl,
		      const struct heal_root *root, const char *run,
		      const char *store, const char *project,
		      struct heal_error *warn)
{
	struct heal_error e = HEAL_ERROR_INIT;

	memset(lg, 0, sizeof(*lg));
	lg->cl = cl;
	lg->root = root;
	lg->run = run;
	lg->guards = heal_guardlog_new();
	heal_strmap_init(&lg->seen);
	if (cl && !(lg->store = heal_store_from(store, project, root, &e)) && e.code)
		store_down(lg, &e, warn);
}

void heal_logger_release(struct heal_logger *lg)
{
	if (!lg)
		return;
	heal_store_free(lg->store);
	heal_guardlog_free(lg->guards);
	heal_strmap_release(&lg->seen);
	memset(lg, 0, sizeof(*lg));
}

int heal_logger_record(struct heal_logger *lg, const struct heal_json *rec,
		       struct heal_error *err, struct heal_error *warn)
{
	struct heal_json *events = heal_json_new_array();
	struct heal_error e = HEAL_ERROR_INIT;
	int r = 0;

	heal_guardlog_add(lg->guards, rec);
	heal_changelog_events(rec, lg->run, time(NULL), events, &lg->seen);
	if (lg->cl) {
		r = heal_stats_append(lg->cl, lg->root, events, err);
		if (r == 0 && lg->store &&
		    heal_store_put_events(lg->store, events, NULL, &e) < 0)
			store_down(lg, &e, warn);
	}
	heal_json_free(events);
	return r;
}

int heal_logger_finish(struct heal_logger *lg, struct heal_error *err,
		       struct heal_error *warn)
{
	struct heal_json *guards = heal_json_new_array();
	struct heal_error e = HEAL_ERROR_INIT;
	size_t i;
	int r = 0;

	if (lg->cl)
		r = heal_guardlog_flush(lg->guards, lg->cl, lg->root, lg->run,
					time(NULL), NULL, guards, err);
	for (i = 0; lg->store && i < guards->u.arr.n; i++)
		if (heal_store_put_guard(lg->store, guards->u.arr.v[i], &e) < 0)
			store_down(lg, &e, warn);
	heal_json_free(guards);
	return r;
}
