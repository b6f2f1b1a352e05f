/*
 * heal_rules_int.h - the rule set's internals, shared by its three files:
 * heal_rules_load.c (read and check rule files, the id map, the tables),
 * heal_rules_skim.c (the lazy skim of heal's own files, and the parts
 * it defers until a record needs them) and heal_rules_match.c (a record
 * against the rules: resolvers, actions, the verdict, --explain).  Not
 * part of the library's interface: heal_rules.h is.
 */
#ifndef HEAL_RULES_INT_H
#define HEAL_RULES_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_error.h"
#include "heal_json.h"
#include "heal_regex.h"
#include "heal_rules.h"
#include "heal_strmap.h"
#include "heal_strv.h"

struct heal_action_def;

struct rule {
	char *id;
	const char *src;            /* file the rule came from, escaped (rs->files) */
	size_t line;                /* line of its id in that file */
	const struct heal_json *def;  /* the rule object, in a frozen document of rs */
	const struct heal_json *tools, *envs;  /* its "tool" and "env" lists, or NULL */
	const struct heal_action_def *action;
	struct heal_regex message, code, detail, context;
	bool has_code, has_detail, has_context;
	bool compiled;              /* its regexes compiled, its templates checked */
	/* what a message must hold to match, read from a lazy rule's pattern */
	struct heal_regex_need need;
	double confidence;
	int severity;
	/*
	 * A rule of a file skimmed with HEAL_RULES_LAZY that is not loaded
	 * yet has no def: its file, its place in the file's rules, its offset
	 * and the JSON text of its tool and env members (NULL when absent).
	 */
	struct rfile *file;
	size_t index, off;
	const char *tool, *env, *id_text;  /* id_text: its id, not terminated */
	size_t tool_len, env_len, id_len;
};

/*
 * A file of heal's own loaded with HEAL_RULES_LAZY: skimmed at load for
 * where its rules and tables are and which tools and environments each
 * rule serves, and parsed a part at a time when a record first needs one.
 */
struct rfile {
	const char *name;           /* escaped (rs->files) */
	char *text;
	size_t len;
	size_t rules_off, rules_len;     /* its "rules" array */
	const struct heal_json *rules;   /* parsed, once one of them is used */
	size_t mark, mark_line;     /* an offset and its line, for line numbers */
};

/* A table of a skimmed file, parsed when it is first looked up. */
struct ptable {
	const char *name;           /* in f->text, not terminated */
	size_t name_len;
	struct rfile *f;
	size_t off, len;
	bool done;
};

struct heal_rules {
	struct rule *v;
	size_t n, cap;
	char **files;               /* names of the files loaded, escaped */
	size_t nfiles;
	struct heal_strmap ids;     /* rule id -> index in v */
	struct heal_json_arena **docs;  /* the files, parsed (frozen) */
	size_t ndocs;
	struct heal_json *tables;   /* borrows the tables of docs */
	const char *const *installer;
	struct heal_strv installer_own;   /* heal_rules_installer_from_env's */
	struct rfile **rfiles;      /* the files skimmed */
	size_t nrfiles;
	struct ptable *ptables;     /* their tables, in file order */
	size_t nptables;
	struct heal_error lazy_err; /* a table that did not parse on look-up */
};

/* What checking a rule needs to know of where it came from. */
struct loader {
	const char *name;           /* escaped file name */
	const char *text;           /* the file, NULL once it is loaded */
	size_t len;
	struct rule *r;             /* being checked */
	size_t index;
	char **names;               /* variables the rule may use */
	size_t nnames;
	size_t mark, mark_line;     /* where the last id was found, its line */
};

/* The resolver members of a rule, in the order they run. */
extern const char *const heal_rules_resolver_kinds[];

/* ---- heal_rules_load.c ---------------------------------------------------- */

/* The number of newlines in p[0..n). */
size_t heal_rules_count_newlines(const char *p, size_t n);

/* Free what a loader gathered (the variable names), not the loader. */
void heal_rules_loader_release(struct loader *ld);

/*
 * Check the rule def (of a document rs keeps) into r, the set's rule at
 * slot, and unless lazy compile it.  -1 with err "FILE:LINE: rule 'ID':
 * field 'F': reason", r released.
 */
int heal_rules_load_rule(struct heal_rules *rs, struct loader *ld,
			 const struct heal_json *def, bool lazy, struct rule *r,
			 size_t slot, struct heal_error *err);

/*
 * Compile a loaded rule's regular expressions and check its templates
 * against the variables their groups set: what a lazy load deferred.
 */
int heal_rules_rule_compile(struct rule *r, struct heal_error *err);

/* Append r to the set's rules (a copy: the set owns what r holds). */
void heal_rules_push(struct heal_rules *rs, const struct rule *r);

/* The table v (borrowed) joins the set's name: extends or replaces it. */
void heal_rules_add_table(struct heal_rules *rs, const char *name,
			  struct heal_json *v);

/* ---- heal_rules_skim.c ---------------------------------------------------- */

/*
 * Skim the file text (which the set then owns) named name: true when its
 * rules and tables joined the set, pending; false (the set unchanged) when
 * it must be loaded whole.
 */
bool heal_rules_skim_file(struct heal_rules *rs, const char *name, char *text,
			  size_t len);

/*
 * Load the pending rule r of a skimmed file (r->def NULL), its file's
 * rules parsed on the first: the checks an eager load makes of it.
 */
int heal_rules_load_pending(struct heal_rules *rs, struct rule *r,
			    struct heal_error *err);

/*
 * Parse the pending tables named name into the set's, in file order; the
 * first error is kept in rs->lazy_err.
 */
void heal_rules_load_pending_tables(struct heal_rules *rs, const char *name);

/* Whether a skimmed tool or env member (JSON text, or NULL) lists s. */
bool heal_rules_span_lists(const char *p, size_t n, const char *s);

/* heal_act.table and heal_act.table_lacks; ctx is the rule set. */
const struct heal_json *heal_rules_table(void *ctx, const char *name);
bool heal_rules_table_lacks(void *ctx, const char *name, const char *key);

#endif
