/*
 * heal_logq.h - heal-log's questions to the changelog and the store:
 * export, statistics, health, learning rebuild, store set-up and sync.
 */
#ifndef HEAL_LOGQ_H
#define HEAL_LOGQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "heal_changelog.h"
#include "heal_error.h"
#include "heal_root.h"

enum heal_logq_mode {
	HEAL_LOGQ_EXPORT,
	HEAL_LOGQ_STATS,
	HEAL_LOGQ_HEALTH,
	HEAL_LOGQ_REBUILD,
	HEAL_LOGQ_STORE_INIT,
	HEAL_LOGQ_STORE_SYNC,
	HEAL_LOGQ_STORE_PULL,      /* the fleet's counts to learning-fleet.json */
};

struct heal_logq {
	enum heal_logq_mode mode;
	bool json;                 /* stats and health as JSON */
	size_t runs;               /* runs in the health trend */
	const char *store;         /* --store, or NULL ($HEAL_STORE) */
	const char *project;       /* --project, or NULL */
};

struct heal_logq_result {
	bool findings;             /* health is warning, critical or failing */
	size_t events, guards;     /* new in the store (sync) */
};

/*
 * Answer q from the changelog cl (opened for reading) beneath root, or
 * from the store: the store modes need one (HEAL_ERR_USAGE without), and
 * statistics and health read the store instead of cl when --store is
 * given (every project's events; with a project, that project's).  The
 * answer goes to out.
 */
int heal_logq_run(const struct heal_logq *q, struct heal_changelog *cl,
		  const struct heal_root *root, FILE *out,
		  struct heal_logq_result *res, struct heal_error *err);

#endif
