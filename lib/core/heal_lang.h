/*
 * heal_lang.h - what heal knows of each language, in one table.
 *
 * One row per language (environment): the file suffixes and whole file
 * names that say a file is written in it, the programs that belong to it
 * (compilers, interpreters named in "#!" lines, build tools, checkers, its
 * own tools) and what their names look like in the wild (gcc-12,
 * arm-none-eabi-gcc, python3.11), its comment syntax, the value of the
 * records' "env" member for its errors (heal-records(5)), and the syntax
 * checkers (lib/check) that judge one of its files, in the order they run.
 *
 * Detection (C or C++ from a file name or a compiler's name), analysis (a
 * project's C sources, a line's trailing comment) and validation (which
 * checker for a changed file, which command may be re-run) all ask here;
 * a new language is a new row (and, for its checker, a file in lib/check).
 *
 * Everything here is static data: no function allocates, and every
 * returned pointer points into the table.
 */
#ifndef HEAL_LANG_H
#define HEAL_LANG_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_root.h"

enum heal_lang_id {
	HEAL_LANG_NONE = 0,
	HEAL_LANG_C,
	HEAL_LANG_CXX,
	HEAL_LANG_PYTHON,
	HEAL_LANG_SH,           /* POSIX sh (dash) */
	HEAL_LANG_BASH,
	HEAL_LANG_MAKE,
	HEAL_LANG_TERRAFORM,    /* HCL */
	HEAL_LANG_YAML,         /* Ansible's playbooks and roles, any YAML */
	HEAL_LANG_JAVASCRIPT,
	HEAL_LANG_COUNT
};

/* What a program is to its language. */
enum heal_lang_role {
	HEAL_ROLE_COMPILER,     /* compiles its files: gcc, clang++ */
	HEAL_ROLE_INTERPRETER,  /* runs its scripts, named in "#!": python3, bash */
	HEAL_ROLE_BUILD,        /* make */
	HEAL_ROLE_CHECKER,      /* reads its files without running them: shellcheck */
	HEAL_ROLE_TOOL,         /* its own tools: terraform, ansible-playbook, pytest, pip */
};

struct heal_lang_program {
	/* the base name; a trailing '*' also takes digits and dots after
	 * the name ("python*": python3, python3.12) */
	const char *name;
	enum heal_lang_id lang;
	enum heal_lang_role role;
	/* compilers: whose diagnostics they print ("gcc" or "clang") */
	const char *family;
	/* may carry a cross-compiler's target prefix (arm-none-eabi-gcc) */
	bool prefixed;
};

/* How a language's text splits into tokens (the repair search's lexers). */
enum heal_lang_lexer {
	HEAL_LEX_GENERIC,       /* words, numbers, quoted strings, one-character
				 * punctuation; the line comment */
	HEAL_LEX_C,             /* C, C++, JavaScript, HCL: block and line
				 * comments, string and character literals,
				 * a directive's <header> */
	HEAL_LEX_PYTHON,        /* prefixed and triple-quoted strings, "#" */
	HEAL_LEX_SHELL,         /* words, $names, quote characters of their
				 * own, operators */
};

/*
 * A language's syntax as the repair search sees it: the tokens a small
 * edit may insert or put in another's place, and the table of learned
 * priors (share/repair/<priors>.json) that orders such edits.
 */
struct heal_lang_syntax {
	enum heal_lang_lexer lexer;
	const char *const *keywords;      /* words that are keywords */
	const char *const *punct;         /* punctuators and operators,
					   * longest first (the lexer takes
					   * the longest that matches) */
	const char *const *repair;        /* what an edit may insert or
					   * substitute: punctuators, closing
					   * keywords (fi, done, end) */
	const char *priors;               /* "c", "python", "shell", or NULL */
	/* where an inserted keyword goes: anywhere (C, Python), or it starts
	 * a line (make's directives) or a command (shell: on a line of its
	 * own at a line's end, after a ';' within one) */
	enum heal_lang_kw_place {
		HEAL_KW_ANYWHERE = 0,
		HEAL_KW_LINE,
		HEAL_KW_COMMAND,
	} kw_place;
	/* tokens that, inserted at a line's end, go on a line of their own
	 * (HCL's closing brace: a block ends on its own line) */
	const char *const *own_line;
	/* words that go on with a statement begun before them and cannot
	 * start one (Python's else, except; shell's then, fi, done): a line
	 * that starts with one is not a top-level statement's start */
	const char *const *continues;
};

struct heal_lang {
	enum heal_lang_id id;
	const char *name;                 /* "c", "cpp", "python", "sh", ... */
	const char *env;                  /* the records' "env" for its errors */
	const char *const *aliases;       /* other names heal_lang_by_name takes */
	const char *const *suffixes;      /* ".c": its sources */
	const char *const *headers;       /* ".h": files it includes, never
					   * compiled on their own */
	const char *const *file_names;    /* whole base names: "Makefile" */
	const char *const *dirs;          /* a directory in the path says it
					   * ("c++": libstdc++'s <iostream>) */
	bool shebang_decides;             /* a "#!" line overrides its suffix
					   * (a .sh script may be bash) */
	const char *line_comment;         /* "//", "#", or NULL */
	const char *line_comment2;        /* a second one (HCL: "//"), or NULL */
	const char *block_open, *block_close;  /* "/" "*" ... or NULL */
	/* the names of its syntax checkers (lib/check), in the order they
	 * run: a later one runs after an earlier one that did not fail */
	const char *const *checkers;
	const struct heal_lang_syntax *syntax;   /* never NULL */
	/* a syntax error anywhere in a file stops its program before its
	 * first statement runs (Python, JavaScript, an HCL configuration, a
	 * playbook; not the shell, which runs the lines before it): once a
	 * fix removes it, what the program does at run time shows for the
	 * first time */
	bool parsed_whole;
	/* the tools of the records its runner writes for the error that ends
	 * a run (Python's uncaught exception: "python"; node's: "node"; a
	 * playbook's failed task, which ends the play: "ansible"; a failed
	 * command of a script under set -e: "bash", "sh"), or NONE: once a
	 * fix removes that error, the run goes on past it */
	const char *const *run_stoppers;
	/* a failed command ends the run only under "set -e" (the shell) */
	bool stops_on_errexit;
	/* the checker (lib/check) whose parser names a syntax error's cause
	 * where the runner names only where it stopped (the shell's
	 * "unexpected token `done'" for an else if above: ShellCheck's
	 * SC1075), consulted on a file a run failed on; or NULL */
	const char *consult;
	/* how the error of a run that stopped before it began starts
	 * ("ERROR! ": ansible-playbook's, a playbook it could not load):
	 * once a fix removes it, an error of the next run that names no
	 * place is one the run never reached; or NULL */
	const char *load_stop;
	/* its checking in stages, earliest first, each the texts (found in an
	 * error record's message or detail) of the errors the stage reports,
	 * or NULL: an error of one stage, anywhere in the run, stops
	 * it before the next, so once the fixes remove the errors of a stage
	 * the next stage's show for the first time (a YAML parser's errors
	 * hide its constructor's and ansible's loading; HCL's parser's hide
	 * Terraform's loading, and its loading hides references) */
	const char *const *const *stages;
	/* its first stage's parser stops at a file's first error (a YAML
	 * parser; not HCL's, which reports them all): an error of that
	 * stage, of the same kind as one the fixes removed, past the lines
	 * they changed is one the parser never reached */
	bool first_stage_stops;
};

/* The stage (heal_lang's stages, from 0) of an error with this message and
 * detail (either may be NULL) in language l; -1 when l has none or the
 * error is of none. */
int heal_lang_stage(const struct heal_lang *l, const char *message, const char *detail);

/* The row of a language, or NULL for HEAL_LANG_NONE and unknown ids. */
const struct heal_lang *heal_lang_get(enum heal_lang_id id);

/* A language by its name, an alias or its records' env ("python", "c++",
 * "shell", "ansible", "hcl"); NULL when unknown. */
const struct heal_lang *heal_lang_by_name(const char *name);

/*
 * The language a path's name says, without reading the file: a source
 * suffix (".cpp"), a directory of its own ("c++": the suffixless headers
 * of libstdc++), a header's suffix (".hpp"), a whole base name
 * ("Makefile"), the first that says one.  NULL when the name says
 * nothing; a name whose language lets a "#!" line decide (".sh") is
 * reported too.  *header (may be NULL) is set for a header's suffix or
 * directory.
 */
const struct heal_lang *heal_lang_of_name(const char *path, bool *header);
/*
 * A compiler of another language that prints gcc's "FILE:LINE:COL: error:
 * message" layout, by its file's suffix (main.swift: swiftc, env swift):
 * true with its name and environment.  heal has none of its rules.
 */
bool heal_lang_foreign_compiler(const char *path, const char **tool,
				const char **env);
/*
 * Whether a printed path is installed third-party or system code, not a
 * project's own: a package manager's or the system's directories
 * (site-packages, node_modules, a gem's or a crate's, GHC's
 * libraries/base, Zig's lib/std, Jsonnet's std.jsonnet, Node's node:,
 * Deno's ext: and Dart's dart: modules, /usr/lib).  A stack is located at
 * a frame outside them where it has one.
 */
bool heal_lang_library_path(const char *path);

/* The same, by a source or header suffix alone (a project's own files). */
const struct heal_lang *heal_lang_of_suffix(const char *path, bool *header);

/*
 * The line comment ("//", "#") of the language path's name says, or dflt
 * when the name says none (or the language has no line comment).
 */
const char *heal_lang_line_comment(const char *path, const char *dflt);

/*
 * Whether a line (n bytes, without its newline) of a file of language l
 * starts a statement at the file's top level: not indented, its first
 * byte starts a name, its first word not one that goes on with a
 * statement begun before (l's syntax row's continues).  Only for a
 * language whose row lists such words (Python, shell); false otherwise.
 */
bool heal_lang_top_level(const struct heal_lang *l, const char *line, size_t n);

/*
 * The language of a "#!" line (line: its first bytes, n of them; not
 * NUL-terminated): the interpreter's base name, or for "#!/usr/bin/env
 * [-S] [NAME=VALUE]... PROGRAM" the program.  NULL when line is not a
 * "#!" line or names no interpreter heal knows.
 */
const struct heal_lang *heal_lang_of_shebang(const char *line, size_t n);

/*
 * The language of a file beneath root: its name first (heal_lang_of_name),
 * then, for a name that says nothing or lets the "#!" line decide, the
 * "#!" line of the file (read through heal_root_openat, regular files
 * only, one read).  root may be NULL: then the name alone decides.
 */
const struct heal_lang *heal_lang_of_path(const struct heal_root *root,
					  const char *file, bool *header);

/*
 * The program argv0 runs (a path or a base name), by its base name: the
 * row of heal_lang's program table, after a version suffix ("gcc-12",
 * "clang++-17") and, for compilers, a target prefix ("arm-none-eabi-gcc",
 * "x86_64-linux-gnu-g++-12") are taken off.  NULL when unknown
 * ("clang-format" is no compiler).
 */
const struct heal_lang_program *heal_lang_program(const char *argv0);

/*
 * The language of the program argv0 runs, or NULL.  *is_cxx (may be NULL)
 * is set when the program is a C++ compiler driver (g++, clang++, c++).
 */
const struct heal_lang *heal_lang_of_program(const char *argv0, bool *is_cxx);

/*
 * Whether argv0 runs a C or C++ compiler driver; *is_cxx (may be NULL) as
 * above, *family (may be NULL) "gcc" or "clang".
 */
bool heal_lang_is_compiler(const char *argv0, bool *is_cxx,
			   const char **family);

#endif
