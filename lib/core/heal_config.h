/*
 * heal_config.h - configuration: defaults, user file, project file,
 * environment, flags.
 *
 * Precedence, highest first: flags (heal_config_set with
 * HEAL_CONFIG_FLAG), environment, project file (.heal/config.json under
 * the root), user file ($XDG_CONFIG_HOME/heal/config.json, else
 * ~/.config/heal/config.json), built-in defaults.  Every value remembers
 * where it came from, for `heal --print-config`.
 *
 * Config files are one JSON object whose members are the keys below; an
 * unknown key or a value of the wrong type is an error naming the file
 * and the key.
 */
#ifndef HEAL_CONFIG_H
#define HEAL_CONFIG_H

#include <stdbool.h>

#include "heal_buf.h"
#include "heal_error.h"
#include "heal_root.h"

enum heal_config_key {
	HEAL_CFG_ENABLED,          /* bool: heal acts at all */
	HEAL_CFG_DRY_RUN,          /* bool: show diffs, change nothing */
	HEAL_CFG_MAX_ATTEMPTS,     /* int 1..100 */
	HEAL_CFG_INITIAL_DELAY,    /* seconds, 0..3600 */
	HEAL_CFG_BACKOFF,          /* multiplier, 1..10 */
	HEAL_CFG_MAX_DELAY,        /* seconds, 0..86400 */
	HEAL_CFG_TIMEOUT,          /* seconds per command run, 1..86400 */
	HEAL_CFG_MIN_CONFIDENCE,   /* 0..1 */
	HEAL_CFG_APPROVE,          /* never | risky | always */
	HEAL_CFG_APPROVE_TIMEOUT,  /* seconds to wait for an answer, 1..86400 */
	HEAL_CFG_ENV,              /* development | staging | production */
	HEAL_CFG_LOG_DIR,          /* directory of the changelog */
	HEAL_CFG_BACKUP,           /* bool: keep backups */
	HEAL_CFG_VERBOSE,          /* bool */
	HEAL_CFG_TEST,             /* string: the project's test command */
	HEAL_CFG_COUNT
};

enum heal_config_source {
	HEAL_CONFIG_DEFAULT,
	HEAL_CONFIG_USER_FILE,
	HEAL_CONFIG_PROJECT_FILE,
	HEAL_CONFIG_ENV,
	HEAL_CONFIG_FLAG,
};

struct heal_config_value {
	char *text;                     /* normalised value, owned */
	enum heal_config_source source;
	char *origin;                   /* file path or variable name, owned */
};

struct heal_config {
	struct heal_config_value v[HEAL_CFG_COUNT];
};

/* Caller-owned storage, filled with the defaults. */
void heal_config_init(struct heal_config *c);
void heal_config_release(struct heal_config *c);

/* The key's name in files and --print-config, e.g. "max_attempts". */
const char *heal_config_name(enum heal_config_key k);
/* Look a key up by name; -1 when unknown. */
int heal_config_lookup(const char *name);

/*
 * Set a key from text at a source; a value of a lower-precedence source
 * never replaces one of a higher.  Bad values: HEAL_ERR_USAGE naming the
 * key and origin.
 */
int heal_config_set(struct heal_config *c, enum heal_config_key k,
		    const char *value, enum heal_config_source src,
		    const char *origin, struct heal_error *err);

/* Read one JSON config file (missing file: nothing happens). */
int heal_config_load_file(struct heal_config *c, const char *path,
			  enum heal_config_source src, struct heal_error *err);
/*
 * Load the user file, the project file beneath root (may be NULL) and the
 * environment: HEAL_<KEY> for every key, and the seed system's
 * SELF_HEAL_ENABLED, SELF_HEAL_DRY_RUN, SELF_HEAL_MAX_ATTEMPTS,
 * SELF_HEAL_LOG_DIR, SELF_HEAL_VERBOSE, SELF_HEAL_BACKUP (a HEAL_ name
 * wins when both are set).
 */
int heal_config_load(struct heal_config *c, const struct heal_root *root,
		     struct heal_error *err);

bool heal_config_bool(const struct heal_config *c, enum heal_config_key k);
long heal_config_int(const struct heal_config *c, enum heal_config_key k);
double heal_config_double(const struct heal_config *c, enum heal_config_key k);
/* The value as text (never NULL; "" for an unset string). */
const char *heal_config_str(const struct heal_config *c,
			    enum heal_config_key k);

/* "key = value    (source)" lines, one per key. */
int heal_config_dump(const struct heal_config *c, struct heal_buf *out,
		     struct heal_error *err);

#endif
