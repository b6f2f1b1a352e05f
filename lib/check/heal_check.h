/*
 * heal_check.h - run a language's own syntax checker on one file.
 *
 * A check says of one file: passed, failed (with the error records read
 * from the checker's output by heal-detect's engine), unavailable (the
 * checker is not installed, or cannot judge here: terraform before
 * `terraform init`) or skipped (no checker for this kind of file, or none
 * that applies: a C file whose compiler flags are unknown).  Checkers
 * read, they never run the user's program:
 *
 *   cc          the command's compiler -fsyntax-only with its -I -D -U
 *               -std= -m -include -isystem -iquote flags; not a header,
 *               and in place not a file the command compiles itself
 *               (the re-run does); for a candidate under another
 *               command (make), cc or c++ without flags   (check_cc.c)
 *   python      python3 compile(), no bytecode written    (check_python.c)
 *   sh          bash -n or sh -n                          (check_shell.c)
 *   shellcheck  shellcheck -S error: only its parser's SC1xxx fail
 *                                                         (check_shell.c)
 *   terraform   terraform validate in the file's directory (check_terraform.c)
 *   ansible     ansible-playbook --syntax-check of the command's playbook
 *                                                         (check_ansible.c)
 *   yaml        a YAML parse (python3-yaml) of YAML no playbook command
 *               parses                                    (check_yaml.c)
 *   node        node --check                              (check_node.c)
 *   make        GNU make reading the makefile, no recipe run: -n, an
 *               empty goal of its own, SHELL=/bin/false   (check_make.c)
 *
 * The languages a checker serves, and the order of a language's checkers,
 * are the language table's (heal_lang.h, "checkers"), so that one place
 * holds what is known of a language: each runs after the one before it
 * did not fail (bash -n, then shellcheck).  Programs run through
 * heal_spawn: an argv, never a shell, in their own process group, with a
 * time limit; a run that outlives it fails (timed_out, no errors read).
 *
 * Two ways to check:
 *   heal_check_file     the file in the project, in place (heal-validate);
 *   heal_check_copy_*   a candidate's bytes in a private copy of the
 *                       project (the repair search): a temp directory that
 *                       mirrors the root, where the directories on the
 *                       file's path are real and every other entry is a
 *                       symbolic link to the original, and the file itself
 *                       is the candidate.  The checker's argv is the same
 *                       as in place, run in the copy: the command's
 *                       relative -I flags, a header beside the file, the
 *                       other .tf files of its module and its .terraform,
 *                       a playbook's roles all resolve as in the project;
 *                       the records' paths are root-relative as the
 *                       originals', so their errors compare.  Checkers
 *                       only read: nothing is written through the links.
 *   heal_check_buffer   one candidate, the copy made and removed around it.
 *
 * Comparing a candidate's errors with the original's: check the original
 * bytes in the same copy first.  An error in the candidate's own file
 * has the same id in place and in a copy while its line is unchanged;
 * an error in another file (a header) is read through a link the copy's
 * root does not follow, so its record has no source snippet and its id
 * differs from an in-place run's.
 *
 * Threads: a check blocks until its checkers end.  Several checks may
 * run at once in threads, each on its own copy, when the pattern set is
 * compiled whole first (heal_pattern_set_compile; a lazily loaded set
 * compiles a matcher on first use).
 */
#ifndef HEAL_CHECK_H
#define HEAL_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_buf.h"
#include "heal_error.h"
#include "heal_json.h"
#include "heal_lang.h"
#include "heal_pattern.h"
#include "heal_root.h"
#include "heal_spawn.h"

/* seconds a checker may run, by default */
#define HEAL_CHECK_TIMEOUT 120.0
/* bytes of a checker's output kept (and read for errors) */
#define HEAL_CHECK_OUTPUT_MAX HEAL_SPAWN_OUTPUT_DEFAULT
/* bytes of its output in a step's detail */
#define HEAL_CHECK_DETAIL_MAX 2000
/* steps (checker runs or skips) of one file */
#define HEAL_CHECK_STEPS_MAX 4

enum heal_check_status {
	HEAL_CHECK_PASSED,
	HEAL_CHECK_FAILED,
	HEAL_CHECK_UNAVAILABLE,
	HEAL_CHECK_SKIPPED,
};

/* "passed", "failed", "unavailable", "skipped" */
const char *heal_check_status_name(enum heal_check_status s);

/* Whether two diagnostics say the same, a trailing " [-Wflag]" aside
 * (gcc and clang name the flag only when it is on). */
bool heal_check_same_message(const char *a, const char *b);

/* ---- the checker interface ---------------------------------------------- */

/* What a checker is asked to judge. */
struct heal_check_target {
	const struct heal_lang *lang;     /* the file's language */
	bool header;                      /* its name is a header's (foo.h) */
	const char *file;                 /* root-relative, canonical */
	const char *arg;                  /* the file as an argument: "./-x.c"
					   * for a name that starts with '-' */
	const char *const *command;       /* the command whose errors the file
					   * was changed for, or NULL */
	bool copy;                        /* a candidate in a copy of the root */
};

/* An argv being built: each word borrowed (static, or the target's) or owned. */
struct heal_check_argv {
	const char **v;                   /* NULL-terminated */
	size_t n, cap;
	char **owned;
	size_t nowned;
};

void heal_check_argv_push(struct heal_check_argv *a, const char *word);
/* Push each word given, up to a NULL. */
void heal_check_argv_pushl(struct heal_check_argv *a, ...)
	__attribute__((sentinel));
/* Free what an argv owns, and the argv. */
void heal_check_argv_release(struct heal_check_argv *a);
/* Push a word the argv then owns (freed with it). */
void heal_check_argv_push_owned(struct heal_check_argv *a, char *word);

enum heal_check_plan {
	HEAL_CHECK_RUN,       /* argv is built: run it */
	HEAL_CHECK_SKIP,      /* the file is not checked, for *why: the file's
			       * checks end with a skipped step */
	HEAL_CHECK_PASS_ON,   /* this checker does not apply: the next may */
};

/* What makes a warning a checker leaves out of code after an error the
 * edit's (heal_check_quiet_warning): */
enum heal_check_quiet_test {
	/* the text the edit changed (old or new; a word it touched whole)
	 * holds what it is about */
	HEAL_QUIET_NAMED,
	/* it points into the edit's new text (a declaration the edit made:
	 * '_' -> 'int _;'), or they hold the name fewer times after the
	 * edit (a use dropped; the declaration the edit fixed, 'int x,y,;',
	 * names it as often): 'unused variable' */
	HEAL_QUIET_USES,
	/* it points into the edit's new text, or the lines write the name
	 * fewer times after the edit ('x = 1' made 'x == 1', '&x' dropped):
	 * 'uninitialized when used here', at a use anywhere */
	HEAL_QUIET_WRITES,
	/* the original gave the same message elsewhere (a warning given at
	 * a name's first use only, 'implicitly declaring library function
	 * 'pow'', moves to the edit's line once that line parses), or it
	 * points outside the edit's new text at a call the edit's lines made
	 * before too (the call parses now: 'int**malloc(' -> '(int**)malloc(') */
	HEAL_QUIET_FIRST_USE,
	/* it points into the edit's new text: an argument the format does
	 * not fit, an index past an array's end, which clang never checks in
	 * a statement that did not parse */
	HEAL_QUIET_AT,
	/* the original gave the same message (its types and names) on
	 * another line, and it points outside the edit's new text: the edit
	 * made its line like one the author wrote and the compiler let pass
	 * ('*p->next = q' made 'p->next = q' as on the line below) */
	HEAL_QUIET_SAID,
	/* it points outside the edit's new text and the edit inserted words
	 * only (a name, a keyword, a number: no operator or punctuator, and
	 * nothing deleted: 'return (f);' made '(f);' is the edit's), so every
	 * statement keeps the author's shape: a comparison whose result the
	 * author left unused ('for (x==2 && !=n;' given its 'x') */
	HEAL_QUIET_WORDS,
};

/*
 * A warning a checker leaves out of code after an error: its message
 * template ('*' any text; a quote mark matches any of ' \u2018 \u2019),
 * what it is about (NULL: the text of the template's first quoted '*',
 * the variable; else words apart by spaces, "return", "&& ||"), and the
 * test that makes it the edit's.
 */
struct heal_check_quiet {
	const char *message;
	const char *about;
	enum heal_check_quiet_test test;
};

struct heal_checker {
	const char *name;     /* as the language table names it */
	/* runs only when no checker before it ran on the file (a YAML parse
	 * when ansible-playbook did not parse it) */
	bool fallback;
	/* stops at a file's first syntax error (Python's compile(), sh -n):
	 * what it would say about the lines after it is never seen */
	bool first_error_only;
	/* warnings it leaves out of code after an error (clang skips its
	 * analysis-based warnings once a file has an error, and a scope's
	 * unused variables when the scope had one): NULL-terminated, or NULL */
	const struct heal_check_quiet *quiet_after_error;
	/*
	 * Build the argv for target t (argv[0] found in PATH, the file as
	 * t->arg, paths relative to the root, where the checker runs), or
	 * say why not (*why: static text).
	 */
	enum heal_check_plan (*plan)(const struct heal_check_target *t,
				     struct heal_check_argv *argv,
				     const char **why);
	/*
	 * The verdict on a run that started and did not exit 0 (NULL: it
	 * failed): FAILED, or PASSED / UNAVAILABLE with *detail (static
	 * text) when the exit status does not mean the file is wrong.
	 */
	enum heal_check_status (*verdict)(const struct heal_check_target *t,
					  const struct heal_spawn_result *res,
					  const char **detail);
	/*
	 * A consultant's (heal_lang's "consult"): the lines of its output
	 * (out[0..len)) that name a cause, appended to keep; lines[0..n)
	 * are the lines of the file the run's errors are on.
	 */
	void (*select)(const char *out, size_t len, const size_t *lines,
		       size_t n, struct heal_buf *keep);
};

/* The checker of a name ("cc", "shellcheck"), or NULL. */
const struct heal_checker *heal_checker_get(const char *name);

/* ---- running checks ----------------------------------------------------- */

struct heal_check_opts {
	const struct heal_root *root;     /* the project; borrowed */
	const char *file;                 /* root-relative path of the file;
					   * record input: refused (skipped)
					   * unless canonical and inside */
	const char *const *command;       /* or NULL */
	const char *cwd;                  /* root-relative directory the
					   * checkers run in (canonical, or
					   * the check is skipped); NULL: the
					   * root */
	double timeout;                   /* seconds per run; 0: none */
	char *const *env;                 /* NULL: heal_spawn's default */
	/* reading a failing checker's output (heal-detect's engine): a
	 * finished set, or, when NULL, load_patterns is called each time an
	 * output is to be read, to load the set once and keep it (both
	 * NULL: no errors are read) */
	const struct heal_pattern_set *patterns;
	int (*load_patterns)(void *ctx, const struct heal_pattern_set **ps,
			     struct heal_error *err);
	void *load_ctx;
	/*
	 * Optional: whether an error record read from a failing run was
	 * there before (heal-validate: an error a fix was for).  A failing
	 * run with errors, each known or in another file (terraform
	 * validate reports the whole directory), passes: "no new error in
	 * this file".
	 */
	bool (*known)(void *ctx, const struct heal_json *rec);
	void *known_ctx;
	/* read the output of a passing run too (its warnings: the repair
	 * search prefers a candidate that adds none) into the step's errors */
	bool read_passed;
};

/* Defaults: HEAL_CHECK_TIMEOUT, the rest zero. */
void heal_check_opts_init(struct heal_check_opts *o);

/* One checker run, or a skip. */
struct heal_check_step {
	const char *checker;              /* its name; NULL for a skip that
					   * no checker made */
	char *tool;                       /* argv[0] run; NULL when skipped */
	enum heal_check_status status;
	char *detail;                     /* why, or the start of its output */
	struct heal_json **errors;        /* error records read from a failing
					   * run's output (owned) */
	size_t nerrors;
	bool timed_out;
	double seconds;
};

struct heal_check_result {
	/* the file's verdict: failed when a step failed, else passed when
	 * one passed, else unavailable when one was, else skipped */
	enum heal_check_status status;
	struct heal_check_step steps[HEAL_CHECK_STEPS_MAX];
	size_t nsteps;
	/* reading an output failed (a pattern that does not compile): that
	 * step counts as failed, with no errors; the caller decides */
	struct heal_error detect_err;
};

void heal_check_result_release(struct heal_check_result *r);

/*
 * Check o->file in place, in the project.  res is always initialised
 * (release it).  0, or -1 on a system error (err set).
 */
int heal_check_file(const struct heal_check_opts *o,
		    struct heal_check_result *res, struct heal_error *err);

/* ---- candidates in a private copy --------------------------------------- */

struct heal_check_copy;

/*
 * A private copy of root (in $TMPDIR, else /tmp, mode 0700) for checking
 * candidates of file (root-relative, canonical): see the top of this
 * file.  The file's entry starts empty.  Directories of more than
 * HEAL_CHECK_COPY_ENTRIES_MAX entries are refused (HEAL_ERR_LIMIT).
 */
#define HEAL_CHECK_COPY_ENTRIES_MAX 10000
struct heal_check_copy *heal_check_copy_new(const struct heal_root *root,
					    const char *file,
					    struct heal_error *err);
/* Replace the candidate file's contents. */
int heal_check_copy_write(struct heal_check_copy *c, const void *data,
			  size_t len, struct heal_error *err);
/* The copy's root directory (absolute; owned by c). */
const char *heal_check_copy_dir(const struct heal_check_copy *c);
/*
 * Check the candidate as heal_check_file would check o->file (which must
 * be the copy's file; o->root is the project's): in the copy, with the
 * records' paths relative to it.
 */
int heal_check_copy_run(struct heal_check_copy *c,
			const struct heal_check_opts *o,
			struct heal_check_result *res, struct heal_error *err);
/* Remove the copy (never following a link); accepts NULL. */
void heal_check_copy_free(struct heal_check_copy *c);

/* Check data as if it were o->file: a copy made, checked, removed. */
int heal_check_buffer(const struct heal_check_opts *o, const void *data,
		      size_t len, struct heal_check_result *res,
		      struct heal_error *err);

/* ---- errors an edit let the checker reach (heal_check_reveal.c) -------- */

/* Whether the checker of that name stops at a file's first error. */
bool heal_check_first_error_only(const char *checker);

/* An edit, as heal_check_quiet_warning reads it. */
struct heal_check_edit {
	const char *old;         /* the edit's lines before it (oldn bytes) */
	size_t oldn;
	const char *new;         /* and after it (newn bytes) */
	size_t newn;
	bool in_edit;            /* the warning points into its new text */
	bool said_before;        /* the original had the same warning (its
				  * message) elsewhere */
	bool apart;              /* it is in another function than the edit,
				  * which changed no brace (a '}' in column 0
				  * between them) */
};

/*
 * Whether a warning (message) the checker gave on a file after edit e is
 * one it leaves out of code after an error (quiet_after_error) and that
 * its template's test (enum heal_check_quiet_test) does not make the
 * edit's: the edit made the error go and the checker now reads what it
 * skipped.  False for any other warning: that one may be the edit's.
 */
bool heal_check_quiet_warning(const char *checker, const char *message,
			      const struct heal_check_edit *e);

/*
 * Whether the error (line, message) that checker reported on data (the
 * contents of o->file after an edit whose last line is `after`) is one it
 * could not show before: the checker stops at a file's first error, line
 * is past `after`, and data with every line before the first top-level
 * statement past `after` (heal_lang_top_level, at most `line`) blanked
 * gives the same message at the same line -- the error is in the text
 * from there on, whatever comes before it.  Checked in copy when given
 * (its file's contents replaced), else in a copy made for it.  1 when it
 * was checked (*revealed says), 0 when it cannot be (another checker, no
 * such statement: *revealed false), -1 on a system error (err set).
 */
int heal_check_revealed(const struct heal_check_opts *o, struct heal_check_copy *copy,
			const char *checker, const char *data, size_t len, size_t after,
			size_t line, const char *message, bool *revealed,
			struct heal_error *err);

/*
 * The same for an error before the edit, whose first line is `first`: a
 * checker that reads a file in two passes (Python: the tokenizer's errors,
 * as an unterminated string, before the parser's) shows an earlier error
 * once a later one is fixed.  It is not the edit's when data with every
 * line from `first` on emptied gives the same message at the same line.
 */
int heal_check_revealed_before(const struct heal_check_opts *o, struct heal_check_copy *copy,
			       const char *checker, const char *data, size_t len, size_t first,
			       size_t line, const char *message, bool *revealed,
			       struct heal_error *err);

/* ---- reading a program's output ----------------------------------------- */

/* Error records (owned). */
struct heal_check_errors {
	struct heal_json **v;
	size_t n;
};

/*
 * Read the records in a program's output (data, len) with patterns ps
 * (heal-detect's engine): paths taken relative to root, argv stamped as
 * their command, source as their input's name; appended to out.  -1 with
 * err set when the engine fails (a lazily loaded pattern that does not
 * compile: HEAL_ERR_USAGE).
 */
int heal_check_read_errors(const struct heal_pattern_set *ps,
			   const struct heal_root *root,
			   const char *const *argv, const char *source,
			   const char *data, size_t len,
			   struct heal_check_errors *out, struct heal_error *err);
void heal_check_errors_release(struct heal_check_errors *e);

/* ---- a second opinion (heal_check_consult.c) ----------------------------- */

/*
 * Ask the consultant of o->file's language (heal_lang's "consult") where
 * the file's errors come from, in place: the lines of its output that
 * name a cause (a gcc-style "FILE:LINE:COL: level: message [CODE]" for
 * heal-detect) appended to out.  lines[0..n) are the lines of the file
 * the run's errors are on (a finding there is about the same statement).
 * 1 when some were, 0 when none (the language has no consultant, it is
 * not installed, it found nothing, the path is not the root's); -1 with
 * err set on an internal error.
 */
int heal_check_consult(const struct heal_check_opts *o, const size_t *lines,
		       size_t n, struct heal_buf *out, struct heal_error *err);

/* ---- every ShellCheck finding (check_shellcheck_all.c) ------------------ */

/* Whether argv runs shellcheck (argv[0] named so, with or without a path). */
bool heal_check_is_shellcheck(const char *const *argv);

/*
 * Fill argv (room for HEAL_CHECK_SHELLCHECK_ARGV entries) with
 * `shellcheck --norc -f json1 [-i CODE] [-s SHELL] -- FILE` (FILE as
 * ./FILE when it starts with '-'); returns the owned FILE argument, for
 * the caller to free after the run.
 */
#define HEAL_CHECK_SHELLCHECK_ARGV 12
char *heal_check_shellcheck_json1(const char **argv, const char *code,
				  const char *shell, const char *file);

/* The dialect a shellcheck argv names (-s X, -sX, --shell=X), or NULL. */
const char *heal_check_shellcheck_shell(const char *const *argv);

/*
 * Whether ShellCheck, asked for every code (shellcheck --norc -f json1
 * [-s shell] -- file, an argv, in the root), reports on file (root-
 * relative, canonical) a finding its former bytes before[0..len) (judged
 * in a private copy of the root) did not have: a code reported more often
 * now than then.  1 with *found one such finding (an error record: tool,
 * severity, file, line, column, code, message; owned by the caller);
 * 0 when there is none, or when shellcheck could not judge (*why, static
 * text: not installed, a bad exit, unreadable output); -1 with err set
 * when the copy cannot be made.
 */
int heal_check_shellcheck_new(const struct heal_root *root, const char *file,
			      const char *shell, const void *before, size_t len,
			      struct heal_json **found, const char **why,
			      struct heal_error *err);

/* The reason such a finding f gives ("shellcheck, asked for every code,
 * reports a new SC2086 at line 3: ..."), written into why (n bytes);
 * returns why. */
const char *heal_check_shellcheck_why(const struct heal_json *f, char *why, size_t n);

#endif
