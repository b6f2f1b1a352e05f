#include <string.h>

#include "heal_logq.h"
#include "heal_safefile.h"
#include "heal_stats.h"
#include "heal_store.h"

static int stats(const struct heal_logq *q, struct heal_changelog *cl,
		 struct heal_store *store, FILE *out,
		 struct heal_logq_result *res, struct heal_error *err)
{
	struct heal_stats *s = heal_stats_new();
	struct heal_buf b;
	int r;

	heal_buf_init(&b, (size_t)1 << 30);
	r = store ? heal_store_load_stats(store, s, !q->project, err)
		  : heal_stats_load(s, cl, err);
	if (r == 0 && q->mode == HEAL_LOGQ_STATS)
		r = q->json ? heal_stats_write_json(s, &b, err)
			    : heal_stats_write_text(s, &b, err);
	if (r == 0 && q->mode == HEAL_LOGQ_HEALTH) {
		r = q->json ? heal_stats_write_health_json(s, q->runs, &b, err)
			    : heal_stats_write_health_text(s, q->runs, &b, err);
		res->findings = heal_stats_health(s, NULL) >= HEAL_HEALTH_WARNING;
	}
	if (r == 0)
		fwrite(b.data ? b.data : "", 1, b.len, out);
	heal_buf_release(&b);
	heal_stats_free(s);
	return r;
}

/* The fleet's learning counts, written atomically beside learning.json. */
static int pull(struct heal_store *store, const struct heal_root *root,
		struct heal_error *err)
{
	struct heal_safefile sf;
	struct heal_buf b;
	int r;

	heal_buf_init(&b, (size_t)1 << 30);
	r = heal_store_fleet_learning(store, &b, err);
	heal_safefile_init(&sf, root);
	sf.max_size = (size_t)1 << 30;
	if (r == 0)
		r = heal_safefile_mkdir(&sf, ".heal", HEAL_SF_INTERNAL, err);
	if (r == 0)
		r = heal_safefile_replace(&sf, ".heal/learning-fleet.json", b.data,
					  b.len, NULL, 0644,
					  HEAL_SF_CREATE | HEAL_SF_INTERNAL, err);
	heal_safefile_release(&sf);
	heal_buf_release(&b);
	return r;
}

int heal_logq_run(const struct heal_logq *q, struct heal_changelog *cl,
		  const struct heal_root *root, FILE *out,
		  struct heal_logq_result *res, struct heal_error *err)
{
	struct heal_store *store = NULL;
	int r = 0;

	memset(res, 0, sizeof(*res));
	if (q->mode == HEAL_LOGQ_EXPORT)
		return heal_changelog_export(cl, out, NULL, err);
	if (q->mode == HEAL_LOGQ_REBUILD)
		return heal_stats_rebuild_learning(cl, root, err);
	if (q->mode >= HEAL_LOGQ_STORE_INIT || q->store) {
		store = heal_store_from(q->store, q->project, root, err);
		if (!store)
			return err->code ? -1 : heal_error_set(err, HEAL_ERR_USAGE,
				"no store: give --store or set HEAL_STORE");
	}
	if (q->mode == HEAL_LOGQ_STORE_SYNC)
		r = heal_store_sync(store, cl, root, &res->events, &res->guards, err);
	else if (q->mode == HEAL_LOGQ_STORE_PULL)
		r = pull(store, root, err);
	else if (q->mode == HEAL_LOGQ_STATS || q->mode == HEAL_LOGQ_HEALTH)
		r = stats(q, cl, store, out, res, err);
	heal_store_free(store);
	return r;
}
