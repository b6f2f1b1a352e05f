/*
 * heal_pattern.h - pattern files: load, validate, compile, prefilter.
 *
 * A pattern file is JSON (heal-patterns(5)): a superset of the GitHub
 * Actions problem-matcher format, so a problem-matcher file loads as it
 * is.  Each file holds matchers; a matcher is a sequence of steps (one
 * regular expression per line, GitHub's multi-line "pattern" array) plus
 * what heal adds: the tool and environment, a role (a record, a note or
 * fix-it for the record before it, context for the record after it, a line
 * to ignore, make's directory changes), severity maps, continuation lines,
 * literals for the prefilter, and the name of a built-in decoder for tools
 * that print JSON.
 *
 * Patterns are compiled with heal_regex (PCRE2 byte mode, JIT, match
 * limits).  The prefilter is a multi-literal scan (Wu-Manber shift table)
 * built from every matcher's "literals": a line that contains none of them
 * cannot start a record, so most noise lines never run a pattern.  A
 * matcher without literals is tried on every line (the lines the scan
 * finds nothing in go to those matchers alone).
 *
 * Caps: a pattern file is at most HEAL_PATTERN_FILE_MAX bytes, a set holds
 * at most HEAL_PATTERN_MAX_MATCHERS matchers, a matcher at most
 * HEAL_PATTERN_MAX_STEPS steps.
 */
#ifndef HEAL_PATTERN_H
#define HEAL_PATTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heal_error.h"
#include "heal_json.h"
#include "heal_regex.h"
#include "heal_regex_gate.h"

#define HEAL_PATTERN_FILE_MAX (4u << 20)
#define HEAL_PATTERN_MAX_MATCHERS 1024
#define HEAL_PATTERN_MAX_STEPS 16
#define HEAL_PATTERN_MAX_FILES 256
#define HEAL_PATTERN_MAX_LITERALS 4096

/* What a step or continuation line can capture. */
enum heal_pfield {
	HEAL_PF_FILE,
	HEAL_PF_LINE,
	HEAL_PF_COLUMN,
	HEAL_PF_END_LINE,
	HEAL_PF_END_COLUMN,
	HEAL_PF_SEVERITY,
	HEAL_PF_CODE,
	HEAL_PF_MESSAGE,
	HEAL_PF_HINT,
	HEAL_PF_FUNCTION,
	HEAL_PF_TOOL,
	HEAL_PF_DETAIL,
	HEAL_PF_DIR,
	HEAL_PF_TEXT,
	HEAL_PF_MORE, /* appended to the message (a wrapped line) */
	HEAL_PF_COUNT
};

/* Name of a field as written in pattern files ("file", "endLine", ...). */
const char *heal_pattern_field_name(enum heal_pfield f);

enum heal_prole {
	HEAL_ROLE_RECORD,     /* the line(s) make a record */
	HEAL_ROLE_CONTEXT,    /* fields for the next record of the same file */
	HEAL_ROLE_NOTE,       /* a note of the open record */
	HEAL_ROLE_FIXIT,      /* a fix-it of the open record */
	HEAL_ROLE_IGNORE,     /* consumed; ends the open record */
	HEAL_ROLE_ENTER_DIR,  /* make entered "dir" */
	HEAL_ROLE_LEAVE_DIR,  /* make left "dir" */
	HEAL_ROLE_SET_DIR,    /* "dir" replaces the one set before */
};

enum heal_punit { HEAL_UNIT_BYTE, HEAL_UNIT_CHAR, HEAL_UNIT_DISPLAY };

/* One regular expression and the groups that fill fields (-1: none). */
struct heal_pattern_re {
	struct heal_regex re;
	int group[HEAL_PF_COUNT];
};

struct heal_pattern_step {
	struct heal_pattern_re re;
	bool loop;            /* may match again on the next line */
	bool collect;         /* a loop that adds to one record (else: one
				 record per line, GitHub's last-step loop) */
	bool optional;
	bool frame;           /* file/line/function go to the stack */
	bool locates;         /* a frame without a function, the innermost,
				 is the record's location (Python's line of
				 a syntax error) */
	struct heal_regex *skip;   /* lines allowed after this step */
};

struct heal_pattern_classify {
	struct heal_regex re;         /* matched against the message */
	char *category, *code, *severity;
};

struct heal_pattern_matcher {
	char *owner;
	char *tool, *env, *category;
	char *severity;               /* default severity */
	char *default_message;        /* of a record whose lines name none */
	char *family;                 /* built-in refinements ("gcc") */
	char *decode;                 /* built-in decoder name, or NULL */
	char *code_prefix;            /* prepended to a captured code */
	enum heal_prole role;
	enum heal_punit unit;
	unsigned column_base;         /* 0: the tool counts columns from 0 */
	bool sticky;                  /* context that lasts until replaced */
	bool attach_notes;            /* "note" severity attaches to the open record */
	bool unless_seen;             /* skipped when this tool already wrote a
					 record from the same input */
	bool unless_other;            /* "other": records of such matchers
					 do not count as written */
	bool alone;                   /* written only when no other record is */
	bool alone_last;              /* "last": nor an "alone" one */
	bool summary;                 /* its records do not drop an "alone"
					 one (make's "*** [all] Error 2") */
	bool relay;                   /* its literals, at a line's start, may
					 wrap another tool's line (npm's
					 "npm ERR! " before a compiler's) */
	bool locate;                  /* no file: look the task/play name up */
	bool innermost_first;         /* its stack frames come innermost first
					 (a sanitizer's #0, valgrind's "at") */
	bool block;                   /* JSON document over many lines */
	bool prev_line;               /* keep the unclaimed line before it */
	bool recipe_line;             /* a one-line record of it right before a
					 prev_line record is that one's line */
	bool last_resort;             /* tried only on a line nothing else
					 took, translated or not */
	unsigned expire;              /* context: lines it survives */
	unsigned cont_max;            /* continuation lines kept */
	unsigned max_lines;           /* lines a multi-line match may span */
	char **literals;
	size_t nliterals;
	uint32_t *lit_ids;            /* the literals' indexes in the prefilter */
	/* without literals: what a line its starting steps match holds
	 * (heal_regex_gate.h), NULL when not known */
	struct heal_regex_gate *gate;
	struct heal_pattern_step *steps;
	size_t nsteps;
	struct heal_pattern_re *cont; /* continuation lines */
	int *cont_after;              /* per continuation: HEAL_CONT_ANY, the
					 record's first only (HEAL_CONT_FIRST),
					 or only right after the line the one
					 of that index took */
	size_t ncont;
	struct heal_regex *end;       /* a line that ends the record, kept */
	struct heal_regex *strip;     /* removed from the start of every line */
	struct heal_regex *hint;      /* group 1 of a match in message/detail */
	/* what a line must hold for the second step to match it, when a
	 * start on the first step alone fails without it (the second step
	 * required, the first neither a loop nor with a skip): NULL when
	 * not known (heal_detect_try_start reads the next line with it) */
	struct heal_regex_need *next_need;
	char **sev_from, **sev_to;
	size_t nsev;
	struct heal_pattern_classify *classify;
	size_t nclassify;
	char **default_file;          /* first that exists in the cwd */
	size_t ndefault_file;
	/* catalogs (.mo base names, "gcc-*": any version) one of whose
	 * messages the record's message must be: a line that only says
	 * "error: ..." is gcc's when gcc can print that text */
	char **known;
	size_t nknown;
	int priority;
	size_t set_index;             /* the file it came from */
	size_t file_index;            /* its place in that file's problemMatcher */
	size_t index;                 /* position after sorting */
	/*
	 * Loaded lazily (HEAL_PATTERN_LAZY): compiled false, the steps,
	 * continuation, end, strip, hint and classify empty, and def, the
	 * matcher's object (in a document of the set), kept for
	 * heal_pattern_matcher_compile.
	 */
	bool compiled;
	const struct heal_json *def;
};

#define HEAL_CONT_ANY (-1)
#define HEAL_CONT_FIRST (-2)

/* Multi-literal prefilter. */
struct heal_prefilter {
	bool all;                     /* no scan: every line is a candidate
					 (no matcher has literals, or one
					 has a one-byte literal) */
	size_t m;                     /* shortest literal, at most 8 */
	bool wide;                    /* m >= 4: shift by trigrams */
	uint8_t *shift;               /* 65536 entries: by a window's last
					 bigram, its last trigram when wide */
	uint64_t *tri;                /* 65536 bits: a literal's bytes m-3..m-1
					 (m-4..m-1 when wide) */
	uint64_t *partial;             /* when wide, 65536 bits: the trigrams
					 whose shift is not the full one */
	uint32_t *bucket_start;       /* 4097 entries, into lits */
	uint32_t *lits;               /* literal indexes by a hash of their
					 bigram at m-2 */
	char **lit;
	size_t *litlen;
	uint8_t *aoff;                /* per literal when wide: where its
					 anchor starts, the m bytes of it the
					 scan looks for (its rarest in logs) */
	size_t maxoff;                /* the largest aoff */
	uint64_t *head;               /* per literal: its first 8 bytes (fewer:
					 zeros), as one load of them reads */
	uint64_t *hmask;              /* the bytes of head that count */
	size_t nlit;
	uint64_t *lit_matchers;       /* per literal, mwords words: the
					 matchers (by index) that have it */
	uint64_t *lit_start;          /* nlit bits: a matcher that may start
					 something while nothing is open has
					 the literal (not only "ignore" ones);
					 NULL: all */
	size_t mwords;
	/* the matchers without literals (mwords words), nfree of them: any
	 * line may start one, the scan finds the others' lines */
	uint64_t *free_matchers;
	size_t nfree;
	/* the lines those may start on, when each has a gate
	 * (heal_prefilter_gate.c); NULL: every line */
	struct heal_prefilter_gate *gate;
};

/* A byte trigram common in logs (b0 | b1 << 8 | b2 << 16) and log2 of its
 * count per million: heal_prefilter_grams.c, written by scripts/gen-grams,
 * sorted by g. */
struct heal_prefilter_gram {
	uint32_t g;
	uint8_t w;
};
extern const struct heal_prefilter_gram heal_prefilter_grams[];
extern const size_t heal_prefilter_ngrams;

struct heal_json_pack;
struct heal_pattern_strs;

struct heal_pattern_set {
	struct heal_pattern_matcher *m;
	size_t n, cap;
	char **files;                 /* file names, for messages */
	size_t nfiles;
	struct heal_json_arena **docs;  /* files loaded lazily, parsed (frozen) */
	size_t ndocs;
	struct heal_json_pack *pack;    /* the pack docs may point into */
	struct heal_pattern_strs *strs; /* the matchers' strings */
	struct heal_prefilter pf;
	bool compiled;
	bool has_last;                /* a matcher is last_resort */
	size_t *relays;               /* the matchers that relay */
	size_t nrelays;
};

void heal_pattern_set_init(struct heal_pattern_set *s);
void heal_pattern_set_release(struct heal_pattern_set *s);

/*
 * Load one pattern file (heal format or a GitHub problem-matcher file).
 * Errors name the file and the field, e.g.
 * "gcc.json: problemMatcher[1].pattern[0].regexp: bad regular expression
 * at offset 3: missing closing parenthesis" (HEAL_ERR_USAGE: a pattern
 * file is configuration).  When only_tool is not NULL, matchers of other
 * tools are not kept.
 */
int heal_pattern_load_file(struct heal_pattern_set *s, const char *path,
			   const char *only_tool, struct heal_error *err);
/* The same from memory; name is used in messages. */
int heal_pattern_load_buffer(struct heal_pattern_set *s, const char *name,
			     const char *data, size_t len,
			     const char *only_tool, struct heal_error *err);
/* How heal_pattern_load_dir treats the regular expressions of its files. */
enum {
	/*
	 * Load every matcher but the members that hold regular expressions,
	 * which heal_pattern_matcher_compile compiles when the matcher is
	 * first used: for heal's own pattern files, which its tests compile
	 * whole (heal_pattern_set_compile); a run uses a few of them.
	 */
	HEAL_PATTERN_LAZY = 1 << 0,
};

/*
 * Load every "*.json" file directly in dir (not its subdirectories), in
 * name order, with HEAL_PATTERN_* flags (0: every matcher compiled now).
 */
int heal_pattern_load_dir(struct heal_pattern_set *s, const char *dir,
			  const char *only_tool, unsigned flags,
			  struct heal_error *err);
/*
 * heal's own pattern files (heal_data_path("patterns")) as
 * heal_pattern_load_dir loads them, each read through the pack built with
 * them (heal_data_pack_path("patterns")) when the pack holds the file as
 * it is: the same set as without the pack, in a fraction of the time.
 */
int heal_pattern_load_own(struct heal_pattern_set *s, const char *only_tool,
			  unsigned flags, struct heal_error *err);
/* A file or a directory. */
int heal_pattern_load_path(struct heal_pattern_set *s, const char *path,
			   const char *only_tool, struct heal_error *err);

/*
 * Compile m, a matcher of s loaded with HEAL_PATTERN_LAZY (nothing to do
 * when it is compiled): the checks and the messages of a load without the
 * flag, e.g. "gcc.json: problemMatcher[1].pattern[0].regexp: bad regular
 * expression at offset 3: missing closing parenthesis" (HEAL_ERR_USAGE).
 * Until it succeeds, m must not be matched.
 */
int heal_pattern_matcher_compile(const struct heal_pattern_set *s,
				 struct heal_pattern_matcher *m,
				 struct heal_error *err);
/* Every matcher of s compiled: the first error, or 0. */
int heal_pattern_set_compile(struct heal_pattern_set *s,
			     struct heal_error *err);

/* Sort by priority and build the prefilter.  Call once after loading. */
int heal_pattern_set_finish(struct heal_pattern_set *s,
			    struct heal_error *err);
/* The prefilter of s's matchers' literals (heal_prefilter.c), built by
 * heal_pattern_set_finish. */
int heal_prefilter_build(struct heal_pattern_set *s, struct heal_error *err);

/*
 * A prefilter of its own over n words (borrowed: they must outlive it),
 * for heal_prefilter_scan; none (n == 0) passes every offset.
 */
void heal_prefilter_words(struct heal_prefilter *pf, char *const *words,
			  size_t n);
void heal_prefilter_release(struct heal_prefilter *pf);

/*
 * The pattern heal-detect compiles for a matcher's regexp: pattern, or
 * *copy (the caller's to free) when a file group takes a Windows drive
 * first (heal_pattern_regexp.c).
 */
const char *heal_pattern_drive_letters(const char *pattern, char **copy);
/*
 * The steps of a matcher's "pattern" member pat (one object, or an array
 * of them) in *v, how many (0: none); a lone object is held in *one.
 */
size_t heal_pattern_steps(const struct heal_json *pat,
			  const struct heal_json **one,
			  const struct heal_json *const **v);
/*
 * m->gate from its object o, for a matcher without literals (NULL when a
 * step that may start it needs nothing rare enough).
 */
void heal_pattern_derive_gate(struct heal_pattern_matcher *m,
			      const struct heal_json *o);

/*
 * pf's gate over the matchers without literals of s (pf->gate), when
 * each has one (heal_prefilter_gate.c).
 */
void heal_prefilter_gate_build(struct heal_prefilter *pf,
			       const struct heal_pattern_set *s);
void heal_prefilter_gate_free(struct heal_prefilter_gate *g);
/*
 * The start of the first line of buf[from, to) (from: a line's start)
 * that a matcher without literals may start on, or to.  clean: room for
 * a line of max_line bytes cleaned of its terminal escapes (a longer one
 * is a candidate).
 */
size_t heal_prefilter_gate_next(const struct heal_prefilter_gate *g,
				const char *buf, size_t from, size_t to,
				char *clean, size_t max_line);

/*
 * The offset in buf[0..len) of the first prefilter literal at or after
 * start, or len when there is none (always start when the prefilter is
 * disabled).
 */
size_t heal_prefilter_scan(const struct heal_prefilter *pf, const char *buf,
			   size_t len, size_t start);

/*
 * Set in bits (one per prefilter literal, (nlit + 63) / 64 words, cleared
 * by the caller) every literal that occurs in line.
 */
void heal_prefilter_line(const struct heal_prefilter *pf, const char *line,
			 size_t len, uint64_t *bits);
/*
 * Set in mbits (pf->mwords words, cleared by the caller) every matcher
 * (by index) that has a literal in line: the matchers to try, in index
 * order.  litbits: scratch of (nlit + 63) / 64 words.
 */
void heal_prefilter_matchers(const struct heal_prefilter *pf, const char *line,
			     size_t len, uint64_t *litbits, uint64_t *mbits);
/*
 * The literals in line as a short list, for a line found ahead of its
 * matching (heal_detect_scan.c): up to four literal ids of 16 bits, the
 * unused ones 0xffff (HEAL_PF_IDS_NONE: no literal), or
 * HEAL_PF_IDS_UNKNOWN when there are more; from: none begins before it.
 * litbits: scratch as above.
 */
#define HEAL_PF_IDS_NONE UINT64_MAX
#define HEAL_PF_IDS_UNKNOWN ((uint64_t)0)
uint64_t heal_prefilter_ids(const struct heal_prefilter *pf, const char *line,
			    size_t len, size_t from, uint64_t *litbits);
/* Set in mbits (as heal_prefilter_matchers) the matchers of ids' literals. */
/*
 * Whether a line with these literal ids can only be taken by matchers that
 * start nothing ("ignore": javac's "1 error", tsc's "Found 2 errors in 1
 * file"): looked at while something is open, jumped over while nothing is.
 * False for unknown ids and for none (a generic candidate).
 */
bool heal_prefilter_ids_weak(const struct heal_prefilter *pf, uint64_t ids);
void heal_prefilter_ids_matchers(const struct heal_prefilter *pf, uint64_t ids,
				 uint64_t *mbits);
/* With those bits: whether m may match (m has a literal in the line). */
bool heal_pattern_bits_hit(const struct heal_pattern_matcher *m,
			   const uint64_t *bits);

/* Whether line holds one of m's literals (true when m has none). */
bool heal_pattern_literal_hit(const struct heal_pattern_matcher *m,
			      const char *line, size_t len);

/*
 * Match re against line; on success copy nothing but make the groups
 * available through heal_pattern_get.
 */
bool heal_pattern_re_match(struct heal_pattern_re *re, const char *line,
			   size_t len);
/* Field f of the last match of re: true with its bytes, false if absent. */
bool heal_pattern_get(const struct heal_pattern_re *re, enum heal_pfield f,
		      const char **s, size_t *n);

#endif
