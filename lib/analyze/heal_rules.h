/*
 * heal_rules.h - fix rules: data files that match error records and name an
 * action that computes a fix.
 *
 * Rule files are JSON (heal-rules(5)): {"v":1, "tables":{...},
 * "rules":[...]}.  Every file under share/rules/ is loaded, in
 * name order, and then any file the user adds; rules keep that order,
 * which breaks ties between candidates of equal confidence.  A bad file (a
 * regular expression that does not compile, a missing or mistyped field,
 * an unknown action or variable) is refused at load time with a message
 * "FILE:LINE: rule 'ID': field 'F': reason" (with HEAL_RULES_LAZY, the
 * errors of a rule or a table when it is first used).
 */
#ifndef HEAL_RULES_H
#define HEAL_RULES_H

#include <stddef.h>

#include "heal_buf.h"
#include "heal_cand.h"
#include "heal_error.h"
#include "heal_json.h"
#include "heal_source.h"

/* Caps: rule files are data a user may write. */
#define HEAL_RULES_MAX_FILE (8u << 20)
#define HEAL_RULES_MAX_RULES 10000

struct heal_rules;

/* A new, empty rule set, owned by the caller (heal_rules_free). */
struct heal_rules *heal_rules_new(void);
void heal_rules_free(struct heal_rules *rs);

/* How heal_rules_load treats the rules' regular expressions. */
enum {
	/*
	 * For heal's own rule files, which its tests compile whole
	 * (heal_rules_compile): most runs use a few of their rules.  A file
	 * is skimmed at load (where its rules and tables are, each rule's
	 * tool and env); a rule is parsed and checked when a record of its
	 * tool and environment first reaches it (heal_rules_apply), and its
	 * regular expressions compiled and its templates checked against
	 * the variables their groups set once a record's message holds the
	 * literals its message pattern needs (heal_regex_need); a table is
	 * parsed on its first look-up.  A file the skim does not vouch for
	 * is parsed whole, its rules compiled when first used.
	 */
	HEAL_RULES_LAZY = 1 << 0,
};

/*
 * Load a rule file, or every *.json file in a directory (sorted by name),
 * with HEAL_RULES_* flags (0: every check now).  HEAL_ERR_INPUT for a bad
 * file, HEAL_ERR_IO when it cannot be read.
 */
int heal_rules_load(struct heal_rules *rs, const char *path, unsigned flags,
		    struct heal_error *err);

/*
 * Compile every rule loaded with HEAL_RULES_LAZY that is not yet: the
 * checks a load without it makes, with its messages (HEAL_ERR_INPUT).
 */
int heal_rules_compile(struct heal_rules *rs, struct heal_error *err);

size_t heal_rules_count(const struct heal_rules *rs);

/* The argv prefix used by the "install" action (NULL-terminated, borrowed). */
void heal_rules_set_installer(struct heal_rules *rs, const char *const *argv);
/* That prefix from HEAL_PYTHON_INSTALLER, split on blanks (configuration,
 * not log text; at most 16 words), when it is set and not empty. */
void heal_rules_installer_from_env(struct heal_rules *rs);

/* What the first matching rule says about an error. */
struct heal_rule_verdict {
	char *rule;          /* id of the rule, or NULL when none matched */
	char *category;
	char *root_cause;
	int severity;
};

void heal_rule_verdict_release(struct heal_rule_verdict *v);

/*
 * Match every rule against rec (an error record whose file, when present,
 * is root-relative in file_rel, or NULL) and add a candidate for each rule
 * whose action applies.  The verdict comes from the first rule that
 * produced a candidate, else from the first rule that matched.  explain,
 * when not NULL, gets a line per rule that matched.  Fails when an action
 * fails, or (HEAL_ERR_INPUT) when a rule loaded with HEAL_RULES_LAZY does
 * not compile.
 */
int heal_rules_apply(struct heal_rules *rs, struct heal_sources *src,
		     const struct heal_json *rec, const char *file_rel,
		     struct heal_cands *out, struct heal_rule_verdict *verdict,
		     struct heal_buf *explain, struct heal_error *err);

#endif
