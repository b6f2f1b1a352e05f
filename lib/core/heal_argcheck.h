/*
 * heal_argcheck.h - values from logs on their way into an argv, and the
 * command allow-list.
 *
 * A command is an argv; it is never joined into a string or given to a
 * shell.  Still, an argument is refused unless it is plainly data:
 *   - a word: 1..HEAL_ARG_MAX bytes, no control characters, no shell
 *     metacharacters or white space, no URL ("://");
 *   - a package name: a word of [A-Za-z0-9._-] starting with a letter or
 *     digit, optionally "==VERSION" ([A-Za-z0-9._+-]); so no "@", no "/",
 *     no leading "-", at most HEAL_ARG_PACKAGE_MAX bytes.
 *
 * The allow-list holds rules: a fixed argv prefix (program and
 * subcommands), the options allowed after it, and what may follow "--".
 * A command passes when one rule's prefix matches, every word up to "--"
 * is an allowed option, and every word after "--" is a valid positional
 * (so a value from a log can only ever be a positional, after "--").
 * Defaults: python3 -m pip install, npm install|i|ci, terraform
 * init|fmt|validate, ansible-galaxy [collection|role] install.  A program
 * added by name (--allow-command) may have any subcommand words and
 * options that pass the word check, and word positionals after "--".
 */
#ifndef HEAL_ARGCHECK_H
#define HEAL_ARGCHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_error.h"

#define HEAL_ARG_MAX 1024
#define HEAL_ARG_PACKAGE_MAX 214
#define HEAL_ARGV_MAX 64

enum heal_arg_kind {
	HEAL_ARG_NONE,      /* no positionals allowed */
	HEAL_ARG_WORD,
	HEAL_ARG_PACKAGE,
};

/*
 * Check one value.  HEAL_ERR_REFUSED with a message quoting it (escaped)
 * when it is not acceptable.  Options (leading "-") are refused here: use
 * heal_cmdpolicy_check for whole commands.
 */
int heal_argcheck_value(const char *s, enum heal_arg_kind kind,
			struct heal_error *err);

struct heal_cmdrule {
	char **prefix;               /* owned, NULL-terminated */
	char **options;              /* allowed options; NULL: any word */
	bool free_words;             /* non-option words allowed before -- */
	enum heal_arg_kind positional;
};

struct heal_cmdpolicy {
	struct heal_cmdrule *v;
	size_t n;
};

/* The default rules. */
void heal_cmdpolicy_init(struct heal_cmdpolicy *p);
void heal_cmdpolicy_release(struct heal_cmdpolicy *p);
/* Allow a program by bare name (no "/"); HEAL_ERR_USAGE when invalid. */
int heal_cmdpolicy_allow(struct heal_cmdpolicy *p, const char *prog,
			 struct heal_error *err);
/* 0 when argv[0..argc) is allowed, else HEAL_ERR_REFUSED and why. */
int heal_cmdpolicy_check(const struct heal_cmdpolicy *p,
			 const char *const *argv, size_t argc,
			 struct heal_error *err);

#endif
