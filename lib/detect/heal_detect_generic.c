/*
 * The generic reader: a line no pattern file claimed becomes an error
 * record when it has a diagnostic's shape and names a file that exists
 * beneath the project root (or says all of a diagnostic without it).  It
 * catches the tools heal has no pattern file for (cppcheck's old default,
 * pyflakes, vulture, GNU as, Free Pascal, msgfmt, xmllint, a wrapper's
 * "lua: a.lua:3: ..."), as GNU's coding standards and most linters
 * print.  The shapes, at the start of the line
 * (after a CI prefix):
 *
 *   [TOOL: | [TOOL] ] PATH:LINE[:COL | .COL][-END][:] MESSAGE
 *   [TOOL: | [TOOL] ] PATH(LINE[,COL[,ELINE,ECOL]])[:] MESSAGE  MSVC, tsc, fpc
 *   [TOOL: ] PATH: line LINE[, col COL,|:] MESSAGE              mawk, jshint
 *   [PATH:LINE]: MESSAGE                                        cppcheck 1.x
 *
 * and the rows of a file-stack group below their file's name (rubocop's
 * simple format, ruff's grouped; see "a file-stack group" below).
 *
 * False positives cost more than misses, so a line is taken only when
 * every one of these holds:
 *   - PATH is a regular file beneath the root (heal_detect_record_path,
 *     then heal_root_openat: no "..", no absolute path elsewhere, no
 *     symlink out), LINE is at most two past its last line; or, when it
 *     is not (a pasted log), the line says it all: a column, a suffix
 *     on PATH, and a severity word with its colon or a code first;
 *   - MESSAGE reads like a diagnostic: it starts with a severity word
 *     (error, warning, note, info, fatal, hint, style, convention,
 *     refactor, performance, portability, deprecation: followed by ':',
 *     " - ", a code or "#N:", or in brackets), or with a code
 *     ([A-Z]+[0-9]+: E401, W0611, SC2086, [C0301], MD013/line-length) or
 *     a one-letter category ("C: ", credo's), or it is prose: lower-case
 *     words (or a quoted name then words), or capitalised words with a
 *     word of diagnosis ("unused", "undefined", "expected", "missing",
 *     ...), and not program text (no ';' '{' '}' at its end, no ' = ',
 *     '==', '->', '::', no keyword of a language first);
 *   - MESSAGE is not the text of that line of the file (grep -n, git grep,
 *     rg --vimgrep print exactly that), and not one of the context lines of
 *     tools heal knows (make's "recipe for target", gcc's "required from",
 *     "In function", a frame's "in NAME");
 *   - the line does not start with blanks (a tool's multi-line group: a
 *     traceback's body, an indented listing), and no record is open that
 *     could take it (a pattern's continuation lines stay its own).
 * A timestamp or an address has no path with a letter and a '.' or '/'
 * (or a name ending in "file": Makefile, Dockerfile) before a colon, a
 * time's colons come after digits: the engine's scan does not even stop
 * on them; a URL ("http://x:80/") is no PATH:LINE.
 *
 * Severity: the word when there is one (fatal -> error; info, hint,
 * remark -> note; style, convention, refactor, performance, portability,
 * deprecation -> warning), else a one-letter code's or category's
 * convention (pylint's and pycodestyle's: E and F error, W warning, C and
 * R warning, I and N note), else error.  A rule or code in brackets or
 * parentheses at the end ("[-Wunused]", "(standard:no-semi)") is the
 * record's code.  Records say "tool": "generic" (or the TOOL of the line's
 * prefix) and "confidence": 0.5 (heal-records(5)).
 *
 * Caps: a path is looked up (openat, fstat) at most GEN_LOOKUPS times per
 * input, each path once (a cache of GEN_CACHE entries); past the cap the
 * reader stops and says so once.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_detect.h"
#include "heal_detect_int.h"
#include "heal_detect_generic.h"
#include "heal_record.h"
#include "heal_root.h"


/* --- characters ----------------------------------------------------------- */

/*
 * Whether p[0, n) can be a printed file name: a letter in it, and a '.'
 * or '/' (a suffix, a directory) or a name ending in "file" (Makefile,
 * Dockerfile).  A time (10:00), a date, an address
 * (127.0.0.1:80, localhost:8080) fails.
 */
bool heal_detect_gen_path_shape(const char *p, size_t n)
{
	bool letter = false, sep = false, digit = false;
	size_t i;

	if (n == 0 || n > GEN_PATH_MAX)
		return false;
	for (i = 0; i < n; i++) {
		if (alpha(p[i]))
			letter = true;
		else if (p[i] == '.' || p[i] == '/' || p[i] == '\\')
			sep = true;
		else if (dig(p[i]))
			digit = true;
	}
	if (!letter)
		return false;
	if (sep)
		return true;
	/* a name without a suffix: Makefile, GNUmakefile, Dockerfile,
	 * Jenkinsfile, Gemfile, Vagrantfile ("2024-05-01T10", "Build" are
	 * not) */
	return !digit && n >= 4 && strncasecmp(p + n - 4, "file", 4) == 0;
}

/* --- the engine's scan ---------------------------------------------------- */

/*
 * The lines the prefilter would jump over are scanned for a colon after a
 * path-like word ("a.py:3", "a.sh: line 3"): one memchr pass, about 4% of
 * heal-detect's instructions on bench/detect's sparse log.  The "(LINE"
 * forms are not looked for there (a second pass for '(' cost as much
 * again): their lines are read when the engine looks at them anyway, as
 * it does every line holding a pattern's literal ("Error: ", "error CS",
 * "): error", "warning").
 */

/* A location's start right after a path: ":3", "(3", ": line 3". */
static bool loc_start(const char *q, const char *e)
{
	if (q + 1 >= e)
		return false;
	if (dig(q[1]))
		return true;
	return *q == ':' && e - q > 7 && memcmp(q + 1, " line ", 6) == 0 &&
	       dig(q[7]);
}

/* The line of a candidate at q (beneath b) when a path-like word ends
 * there, else NULL. */
static const char *scan_at(const char *b, const char *q, const char *e)
{
	const char *t;

	if (!loc_start(q, e) || q == b)
		return NULL;
	if (dig(q[-1])) {
		/* a path ends in a letter, or in digits after a letter of a
		 * name (".f90", "test1"): not a time's "T10:", "[10:" */
		for (t = q - 1; t > b && dig(t[-1]); t--)
			;
		if (t - b < 2 || !alpha(t[-1]) ||
		    !(alpha(t[-2]) || t[-2] == '.'))
			return NULL;
	}
	for (t = q; t > b && path_char(t[-1]) && q - t <= GEN_PATH_MAX; t--)
		;
	if (!heal_detect_gen_path_shape(t, (size_t)(q - t)))
		return NULL;
	while (t > b && t[-1] != '\n')
		t--;
	return t;
}

/*
 * The line of a file-stack group's row whose location or severity the
 * colon q ends ("  3:5  error ...", "C:  1:  5: ...", "Error: 2:1 ..."),
 * else NULL: blanks only before the location's digits, or a severity word
 * or a one-letter category first and blanks and a digit after its colon.
 */
static const char *row_at(const char *b, const char *q, const char *e)
{
	const char *t;

	if (q == b)
		return NULL;
	if (dig(q[-1])) {
		for (t = q - 1; t > b && dig(t[-1]) && q - t < 8; t--)
			;
	} else if (alpha(q[-1])) {
		const char *u = q + 1;

		while (u < e && u - q < 8 && blank(*u))
			u++;
		if (u == q + 1 || u >= e || !dig(*u))
			return NULL;
		for (t = q - 1; t > b && alpha(t[-1]) && q - t < 12; t--)
			;
		if (q - t > 1 && !heal_detect_gen_severity(t, (size_t)(q - t)))
			return NULL;
	} else {
		return NULL;
	}
	while (t > b && blank(t[-1]))
		t--;
	/* a quoted paste's "> " */
	while (t > b && (t[-1] == '>' || blank(t[-1])))
		t--;
	return t == b || t[-1] == '\n' ? t : NULL;
}

size_t heal_detect_generic_scan(const struct heal_detect *d, const char *buf,
				size_t start, size_t end)
{
	const char *b = buf + start, *e = buf + end, *p = b, *q, *t;

	if (d->opt.no_generic)
		return end;
	/* memchr is the fastest way past the bytes between colons */
	while (p < e && (q = memchr(p, ':', (size_t)(e - p)))) {
		if ((t = scan_at(b, q, e)) || (t = row_at(b, q, e)))
			return (size_t)(t - buf);
		p = q + 1;
	}
	return end;
}

/* --- a line --------------------------------------------------------------- */

/* Where a line's pieces are. */
struct gen_line {
	const char *tool, *path, *lno, *col, *eline, *ecol, *msg;
	size_t ntool, npath, nlno, ncol, neline, necol, nmsg;
	const char *sev; /* from a TOOL prefix that is a severity */
};

size_t heal_detect_gen_digits(const char *s, size_t n, size_t i)
{
	size_t k = i;

	while (k < n && k - i < 10 && dig(s[k]))
		k++;
	return k - i;
}

/* The severity a word names (n bytes at s, any case), or NULL. */
const char *heal_detect_gen_severity(const char *s, size_t n)
{
#define W(w, sev) { w, sizeof(w) - 1, sev }
	static const struct {
		const char *w;
		size_t n;
		const char *sev;
	} words[] = {
		W("fatal error", "error"),
		W("fatal", "error"),
		W("error", "error"),
		W("err", "error"),
		W("failure", "error"),
		W("warning", "warning"),
		W("warn", "warning"),
		W("style", "warning"),
		W("convention", "warning"),
		W("refactor", "warning"),
		W("performance", "warning"),
		W("portability", "warning"),
		W("caution", "warning"),
		W("deprecation", "warning"),
		W("deprecated", "warning"),
		W("note", "note"),
		W("info", "note"),
		W("information", "note"),
		W("hint", "note"),
		W("remark", "note"),
		W("notice", "note"),
		W("suggestion", "note"),
		/* other locales' words for the same (a localised tool) */
		W("erreur", "error"),
		W("Fehler", "error"),
		W("errore", "error"),
		W("fout", "error"),
		W("erro", "error"),
		W("ошибка", "error"),
		W("avertissement", "warning"),
		W("attention", "warning"),
		W("Warnung", "warning"),
		W("avviso", "warning"),
		W("waarschuwing", "warning"),
		W("aviso", "warning"),
		W("предупреждение", "warning"),
		W("remarque", "note"),
		W("Hinweis", "note"),
		W("nota", "note"),
	};
#undef W
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (words[i].n == n && strncasecmp(s, words[i].w, n) == 0)
			return words[i].sev;
	return NULL;
}

/* A word at s[0, n): its length (letters, and a space inside "fatal
 * error"). */
size_t heal_detect_gen_word_len(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && (alpha(s[k]) || (unsigned char)s[k] >= 0x80))
		k++;
	if (k == 5 && strncasecmp(s, "fatal", 5) == 0 && n > 11 &&
	    strncasecmp(s + 5, " error", 6) == 0 && !alpha(s[11]))
		k = 11;
	return k;
}

/*
 * The location after a path: p[0, n) starts right after the path.
 * Returns the length of the location and its separator, 0 when it is no
 * location.
 */
static size_t parse_loc(const char *p, size_t n, struct gen_line *g)
{
	size_t i = 0, k;

	if (n && p[0] == '(') {
		/* (LINE[,COL[,ELINE,ECOL]]) */
		i = 1;
		if (!(k = heal_detect_gen_digits(p, n, i)))
			return 0;
		g->lno = p + i;
		g->nlno = k;
		i += k;
		if (i < n && p[i] == ',') {
			/* nim prints "(3, 6)" */
			if (i + 1 < n && p[i + 1] == ' ')
				i++;
			if (!(k = heal_detect_gen_digits(p, n, i + 1)))
				return 0;
			g->col = p + i + 1;
			g->ncol = k;
			i += 1 + k;
			if (i < n && p[i] == ',') {
				size_t k2;

				if (!(k = heal_detect_gen_digits(p, n, i + 1)) ||
				    i + 1 + k >= n || p[i + 1 + k] != ',' ||
				    !(k2 = heal_detect_gen_digits(p, n, i + 2 + k)))
					return 0;
				g->eline = p + i + 1;
				g->neline = k;
				g->ecol = p + i + 2 + k;
				g->necol = k2;
				i += 2 + k + k2;
			}
		}
		if (i >= n || p[i] != ')')
			return 0;
		i++;
		if (i < n && p[i] == ':')
			i++;
		if (i >= n || !blank(p[i]))
			return 0;
		return i;
	}
	if (n > 7 && memcmp(p, ": line ", 7) == 0) {
		/* ": line LINE:" */
		if (!(k = heal_detect_gen_digits(p, n, 7)))
			return 0;
		g->lno = p + 7;
		g->nlno = k;
		i = 7 + k;
		/* jshint: ": line LINE, col COL, message" */
		if (n - i > 6 && memcmp(p + i, ", col ", 6) == 0 &&
		    (k = heal_detect_gen_digits(p, n, i + 6))) {
			g->col = p + i + 6;
			g->ncol = k;
			i += 6 + k;
			if (i + 1 >= n || p[i] != ',' || !blank(p[i + 1]))
				return 0;
			return i + 1;
		}
		if (i + 1 >= n || p[i] != ':' || !blank(p[i + 1]))
			return 0;
		return i + 1;
	}
	if (!n || p[0] != ':' || !(k = heal_detect_gen_digits(p, n, 1)))
		return 0;
	g->lno = p + 1;
	g->nlno = k;
	i = 1 + k;
	/* :COL or GNU's .COL */
	if (i + 1 < n && (p[i] == ':' || p[i] == '.') &&
	    (k = heal_detect_gen_digits(p, n, i + 1))) {
		g->col = p + i + 1;
		g->ncol = k;
		i += 1 + k;
		/* GNU's -ECOL or -ELINE.ECOL */
		if (i + 1 < n && p[i] == '-' && (k = heal_detect_gen_digits(p, n, i + 1))) {
			size_t k2;

			if (i + 1 + k < n && p[i + 1 + k] == '.' &&
			    (k2 = heal_detect_gen_digits(p, n, i + 2 + k))) {
				g->eline = p + i + 1;
				g->neline = k;
				g->ecol = p + i + 2 + k;
				g->necol = k2;
				i += 2 + k + k2;
			} else {
				g->ecol = p + i + 1;
				g->necol = k;
				i += 1 + k;
			}
		}
	}
	if (i < n && p[i] == ':')
		i++;
	else if (i + 2 < n && p[i] == ' ' && p[i + 1] == '-' && p[i + 2] == ' ')
		i += 2;
	/* a message after a blank: "a.c:3:foo" (grep without a blank) is not
	 * a diagnostic's shape */
	if (i >= n || !blank(p[i]))
		return 0;
	return i;
}

/* Whether the line has one of the shapes (g filled), the severity its
 * TOOL prefix names aside. */
static bool parse_line(const char *s, size_t n, struct gen_line *g)
{
	size_t i = 0, k, lo;

	memset(g, 0, sizeof(*g));
	if (!n || blank(s[0]))
		return false;
	/* TOOL: or [TOOL] before the path */
	if (s[0] == '[') {
		for (k = 1; k < n && k <= GEN_TOOL_MAX &&
			    (alpha(s[k]) || dig(s[k]) || s[k] == '-' ||
			     s[k] == '_' || s[k] == '.');
		     k++)
			;
		if (k > 1 && k < n && s[k] == ']' && k + 1 < n &&
		    s[k + 1] == ' ' && alpha(s[1])) {
			g->tool = s + 1;
			g->ntool = k - 1;
			i = k + 2;
		}
	} else if (alpha(s[0])) {
		for (k = 1; k < n && k <= GEN_TOOL_MAX &&
			    (alpha(s[k]) || dig(s[k]) || s[k] == '-' ||
			     s[k] == '_' || s[k] == '+');
		     k++)
			;
		if (k + 2 < n && s[k] == ':' && s[k + 1] == ' ' &&
		    !blank(s[k + 2])) {
			g->tool = s;
			g->ntool = k;
			i = k + 2;
		}
	}
	if (g->tool && (g->sev = heal_detect_gen_severity(g->tool, g->ntool)))
		g->tool = NULL;
	/* cppcheck 1.x: [PATH:LINE]: */
	if (i < n && s[i] == '[') {
		size_t j = i + 1;

		while (j < n && path_char(s[j]))
			j++;
		if (j > i + 1 && j < n && s[j] == ':' &&
		    (k = heal_detect_gen_digits(s, n, j + 1)) && j + 1 + k + 2 < n &&
		    s[j + 1 + k] == ']' && s[j + 2 + k] == ':' &&
		    blank(s[j + 3 + k])) {
			g->path = s + i + 1;
			g->npath = j - i - 1;
			g->lno = s + j + 1;
			g->nlno = k;
			i = j + 3 + k;
			goto message;
		}
		return false;
	}
	g->path = s + i;
	while (i < n && path_char(s[i]))
		i++;
	g->npath = (size_t)(s + i - g->path);
	if (i < n && s[i] == ':' && i + 1 < n && s[i + 1] == '\\' &&
	    g->npath == 1)
		return false; /* C:\...: a Windows path, never beneath */
	if (!heal_detect_gen_path_shape(g->path, g->npath))
		return false;
	lo = parse_loc(s + i, n - i, g);
	if (!lo)
		return false;
	i += lo;
message:
	while (i < n && blank(s[i]))
		i++;
	g->msg = s + i;
	g->nmsg = n - i;
	while (g->nmsg && blank(g->msg[g->nmsg - 1]))
		g->nmsg--;
	return g->nmsg >= 3;
}

/* --- the message ---------------------------------------------------------- */

struct gen_msg {
	const char *sev; /* error, warning, note */
	const char *code;
	size_t ncode;
	const char *text; /* the message without severity, code */
	size_t ntext;
	bool sure;        /* a severity word with its colon, or a code, first */
};

static bool starts(const char *s, size_t n, const char *w)
{
	size_t l = strlen(w);

	return n >= l && strncasecmp(s, w, l) == 0;
}

static bool contains(const char *s, size_t n, const char *w)
{
	return memmem(s, n, w, strlen(w)) != NULL;
}

/* A code: [A-Z]{1,8}-?[0-9]{1,6} (E401, W0611, SC2086, CS0103, DL3008). */
size_t heal_detect_gen_code_len(const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n && i < 8 && upper(s[i]))
		i++;
	if (i == 0)
		return 0;
	if (i < n && s[i] == '-')
		i++;
	k = heal_detect_gen_digits(s, n, i);
	if (k == 0 || k > 6)
		return 0;
	i += k;
	/* markdownlint's "MD013/line-length" */
	if (i + 1 < n && s[i] == '/' && lower(s[i + 1])) {
		i++;
		while (i < n &&
		       (lower(s[i]) || dig(s[i]) || s[i] == '-' || s[i] == '_'))
			i++;
	}
	if (i < n && (alpha(s[i]) || dig(s[i]) || s[i] == '_'))
		return 0;
	return i;
}

/* The severity a one-letter code's convention gives, or NULL. */
const char *heal_detect_gen_code_severity(const char *c, size_t n)
{
	if (n < 2 || upper(c[1]) || c[1] == '-')
		return NULL;
	switch (c[0]) {
	case 'E':
	case 'F':
		return "error";
	case 'W':
	case 'C':
	case 'R':
		return "warning";
	case 'I':
	case 'N':
		return "note";
	default:
		return NULL;
	}
}

/* Context lines of tools heal knows, and a traceback's frames. */
static bool context_text(const char *s, size_t n)
{
	static const char *const ctx[] = {
		"recipe for target",
		"required from",
		"required by",
		"in instantiation of",
		"instantiated from",
		"in function",
		"in member function",
		"in constructor",
		"in destructor",
		"in static member function",
		"at top level",
		"in file included from",
		"from ",
		"in expansion of macro",
		"in definition of macro",
		"*** ",
		"note: ",
		"previous definition",
		"in lambda function",
		"in substitution of",
		"inlined from",
		"within this context",
		"warning: ignoring old recipe",
		"warning: overriding recipe",
	};
	size_t i, k;

	for (i = 0; i < sizeof(ctx) / sizeof(ctx[0]); i++)
		if (starts(s, n, ctx[i]))
			return true;
	/* "in test_f", "in <module>": a frame, the line names no error */
	if (starts(s, n, "in ")) {
		for (k = 3; k < n && !blank(s[k]); k++)
			;
		if (k == n)
			return true;
	}
	return false;
}

/* Words that diagnose: a capitalised message needs one. */
static bool diagnosis_word(const char *s, size_t n)
{
	static const char *const w[] = {
		"error",       "warn",         "unused",       "undefined",
		"undeclared",  "unknown",      "invalid",      "missing",
		"expected",    "unexpected",   "not ",         "cannot",
		"can't",       "could not",    "couldn't",     "failed",
		"fail",        "deprecated",   "redefin",      "duplicate",
		"should",      "must",         "unreachable",  "syntax",
		"illegal",     "too many",     "too long",     "too few",
		"no such",     "never",        "unterminated", "mismatch",
		"unsupported", "unrecognized", "unrecognised", "incompatible",
		"not found",   "forbidden",    "disallowed",   "violat",
		"useless",     "redundant",    "shadow",       "ambiguous",
		"overflow",    "uninitiali",   "leak",         "null",
		"bad ",        "wrong",        "prefer",       "consider",
		"avoid",       "does not",     "doesn't",      "is not",
		"isn't",       "are not",      "unnecessary",  "needless",
		"superfluous", "no longer",    "instead",
	};
	char low[256];
	size_t i;

	/* "Missing", "Unused" as "missing", "unused" */
	if (n > sizeof(low))
		n = sizeof(low);
	for (i = 0; i < n; i++)
		low[i] = upper(s[i]) ? (char)(s[i] - 'A' + 'a') : s[i];
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (memmem(low, n, w[i], strlen(w[i])))
			return true;
	return false;
}

/* Whether text reads as program text rather than a diagnostic. */
static bool code_text(const char *s, size_t n)
{
	static const char *const kw[] = {
		"int",       "char",    "void",     "return",  "if",
		"else",      "for",     "while",    "def",     "import",
		"from",      "class",   "struct",   "static",  "const",
		"let",       "var",     "function", "public",  "private",
		"protected", "package", "fn",       "pub",     "elif",
		"fi",        "done",    "then",     "echo",    "export",
		"include",   "require", "except",   "raise",   "throw",
		"print",     "printf",  "sizeof",   "typedef", "extern",
		"unsigned",  "self",    "this",     "switch",  "goto",
		"async",     "await",   "yield",    "lambda",  "namespace",
		"template",  "using",   "func",     "defer",   "foreach",
		"enum",      "assert",  "catch",    "elsif",
	};
	static const char *const ops[] = {
		" = ", "==", "!=",  "->", "=>", "::", "&&", "||", "+=", "-=",
		"();", "){", ") {", "/*", "*/", "//", "<<", ">>", "${",
	};
	size_t i, k;
	char last = s[n - 1];

	/* a statement's or a block's end ("syntax error at or near {" is
	 * mawk's: a word of diagnosis says it is no code) */
	if ((last == ';' || last == '{' || last == '}' || last == '\\' ||
	     last == ',' || last == '(' || last == '[' || last == '=' ||
	     last == ':') &&
	    !diagnosis_word(s, n))
		return true;
	if (s[0] == '#' || s[0] == '@' || s[0] == '$' || s[0] == '{' ||
	    s[0] == '}' || s[0] == '<' || s[0] == '*' || s[0] == '/' ||
	    s[0] == '-' || s[0] == '+' || s[0] == '.' || s[0] == '&')
		return true;
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (contains(s, n, ops[i]))
			return true;
	k = heal_detect_gen_word_len(s, n);
	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (strlen(kw[i]) == k && memcmp(s, kw[i], k) == 0)
			break;
	if (i < sizeof(kw) / sizeof(kw[0])) {
		/* a keyword first: code when punctuation of code follows, or
		 * in a few words that diagnose nothing ("import os"; but
		 * "return type defaults to 'int'" is gcc's) */
		size_t words = 1;

		for (i = k; i < n; i++) {
			if (strchr("(){};=[", s[i]))
				return true;
			if (s[i] == ' ' && i + 1 < n && s[i + 1] != ' ')
				words++;
		}
		if (words <= 3 && !diagnosis_word(s, n))
			return true;
	}
	/* an identifier glued to '(' or '.' or '=' or '[' first: a call */
	while (k < n && (alpha(s[k]) || dig(s[k]) || s[k] == '_'))
		k++;
	return k < n &&
	       (s[k] == '(' || s[k] == '.' || s[k] == '=' || s[k] == '[');
}

/* Prose: words, mostly letters, a second word, lower-case first (or a
 * quoted name first, pyflakes' "'os' imported but unused"). */
static bool prose(const char *s, size_t n)
{
	size_t i = 0, letters = 0, spaces = 0;

	if (s[0] == '\'' || s[0] == '"' || s[0] == '`') {
		const char *q = memchr(s + 1, s[0] == '`' ? '\'' : s[0], n - 1);

		if (!q)
			q = s[0] == '`' ? memchr(s + 1, '`', n - 1) : NULL;
		if (!q || (size_t)(q - s) + 3 >= n || q[1] != ' ' ||
		    !lower(q[2]))
			return false;
		i = (size_t)(q - s) + 2;
	} else if (!alpha(s[0])) {
		return false;
	}
	for (; i < n; i++) {
		if (alpha(s[i]))
			letters++;
		else if (s[i] == ' ')
			spaces++;
	}
	if (!spaces || letters * 2 < n)
		return false;
	if (upper(s[0]) && !diagnosis_word(s, n))
		return false;
	return !code_text(s, n);
}

/*
 * Whether the message reads like a diagnostic (x filled): a severity word,
 * a code, or prose.  sev: a severity the line's prefix named.
 */
static bool read_message(const char *s, size_t n, const char *sev,
			 struct gen_msg *x)
{
	size_t k, w;
	bool strong = false;

	memset(x, 0, sizeof(*x));
	x->sev = sev;
	if (context_text(s, n))
		return false;
	/* [error], (error), (warning) */
	if (s[0] == '[' || s[0] == '(') {
		char close = s[0] == '[' ? ']' : ')';

		w = heal_detect_gen_word_len(s + 1, n - 1);
		if (w && 1 + w < n && s[1 + w] == close &&
		    heal_detect_gen_severity(s + 1, w)) {
			x->sev = heal_detect_gen_severity(s + 1, w);
			s += 2 + w;
			n -= 2 + w;
			strong = x->sure = true;
		} else if ((k = heal_detect_gen_code_len(s + 1, n - 1)) && 1 + k < n &&
			   s[1 + k] == close) {
			x->code = s + 1;
			x->ncode = k;
			if (!x->sev)
				x->sev = heal_detect_gen_code_severity(s + 1, k);
			s += 2 + k;
			n -= 2 + k;
			strong = x->sure = true;
		}
		while (n && (blank(*s) || *s == ':')) {
			s++;
			n--;
		}
	}
	/* error:, Warning:, error CS0103:, warning[E0001]: */
	w = heal_detect_gen_word_len(s, n);
	if (w && !strong && heal_detect_gen_severity(s, w)) {
		size_t j = w;
		bool upper_word = true, ok = false;

		for (k = 0; k < w; k++)
			if (lower(s[k]))
				upper_word = false;
		if (j < n && s[j] == ':') {
			ok = true;
			j++;
		} else if (j < n && s[j] == '[' &&
			   (k = heal_detect_gen_code_len(s + j + 1, n - j - 1)) &&
			   j + 1 + k < n && s[j + 1 + k] == ']') {
			x->code = s + j + 1;
			x->ncode = k;
			j += 2 + k;
			if (j < n && s[j] == ':')
				j++;
			ok = true;
		} else if (j + 2 < n && s[j] == ' ' && s[j + 1] == '#' &&
			   (k = heal_detect_gen_digits(s, n, j + 2)) && j + 2 + k < n &&
			   s[j + 2 + k] == ':') {
			/* Intel's "warning #177:" */
			x->code = s + j + 1;
			x->ncode = k + 1;
			j += 3 + k;
			ok = true;
		} else if (j < n && s[j] == ' ' &&
			   (k = heal_detect_gen_code_len(s + j + 1, n - j - 1)) &&
			   j + 1 + k < n &&
			   (s[j + 1 + k] == ':' || s[j + 1 + k] == ' ')) {
			x->code = s + j + 1;
			x->ncode = k;
			j += 1 + k + (s[j + 1 + k] == ':');
			ok = true;
		} else if (j + 2 < n && s[j] == ' ' && s[j + 1] == '-' &&
			   s[j + 2] == ' ') {
			ok = true; /* tflint's "Warning - message" */
			j += 2;
		} else if (upper_word && w > 1 && j < n && s[j] == ' ') {
			ok = true; /* ERROR something */
		}
		if (ok) {
			x->sev = heal_detect_gen_severity(s, w);
			/* "ERROR something" says less than "error: something" */
			x->sure = j > w;
			s += j;
			n -= j;
			strong = true;
		}
	}
	while (n && blank(*s)) {
		s++;
		n--;
	}
	/* credo's one-letter category: "C: Modules should have ..." */
	if (!x->code && !strong && n > 3 && upper(s[0]) && s[1] == ':' &&
	    s[2] == ' ') {
		static const char letters[] = "EFWCRIN";

		if (!x->sev && strchr(letters, s[0]))
			x->sev = heal_detect_gen_code_severity((const char[]){ s[0], '0' }, 2);
		s += 3;
		n -= 3;
		strong = true;
	}
	/* E401 multiple imports, W0611: unused import, SC2086 */
	if (!x->code && (k = heal_detect_gen_code_len(s, n)) && k < n &&
	    (s[k] == ':' || s[k] == ' ')) {
		size_t skip = k + (s[k] == ':');

		x->code = s;
		x->ncode = k;
		if (!x->sev)
			x->sev = heal_detect_gen_code_severity(s, k);
		s += skip;
		n -= skip;
		strong = x->sure = true;
		while (n && blank(*s)) {
			s++;
			n--;
		}
	}
	while (n && blank(s[n - 1]))
		n--;
	/* cpplint's confidence "[5]" after its category */
	if (n > 4 && s[n - 1] == ']' && dig(s[n - 2])) {
		size_t b = n - 2;

		while (b > 0 && dig(s[b - 1]))
			b--;
		if (b > 1 && s[b - 1] == '[' && s[b - 2] == ' ') {
			n = b - 2;
			while (n && blank(s[n - 1]))
				n--;
		}
	}
	/* a rule or code at the end: "[-Wunused-variable]",
	 * "[whitespace/braces]", "(terraform_unused)", "(standard:no-semi)" */
	if (!x->code && n > 4 && (s[n - 1] == ']' || s[n - 1] == ')')) {
		char open = s[n - 1] == ']' ? '[' : '(';
		size_t b = n - 1;
		bool sep = false;

		while (b > 0 && (alpha(s[b - 1]) || dig(s[b - 1]) ||
				 (s[b - 1] && strchr("_-./:", s[b - 1])))) {
			sep |= !alpha(s[b - 1]) && !dig(s[b - 1]);
			b--;
		}
		if (b > 1 && s[b - 1] == open && s[b - 2] == ' ' && b + 1 < n &&
		    (open == '[' ? alpha(s[b]) || s[b] == '-'
				 : lower(s[b]) && sep)) {
			x->code = s + b;
			x->ncode = n - 1 - b;
			n = b - 2;
			while (n && blank(s[n - 1]))
				n--;
		}
	}
	if (n < 2)
		return false;
	if (!strong && !prose(s, n))
		return false;
	if (strong && code_text(s, n) && !prose(s, n) && !x->code)
		return false; /* "error: int x;" in a listing */
	x->text = s;
	x->ntext = n;
	if (!x->sev)
		x->sev = "error";
	return true;
}

/* --- files ---------------------------------------------------------------- */

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* A regular file beneath the root (opened there, symlinks out refused). */
static bool regular_file(struct heal_detect *d, const char *rel)
{
	struct stat st;
	int fd = heal_root_openat(d->opt.root, rel, O_PATH, 0, NULL);
	bool ok;

	if (fd < 0)
		return false;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	close(fd);
	return ok;
}

/*
 * The root-relative path of a printed path that names a regular file
 * beneath the root (owned by the caller), else NULL; -1 in *capped when
 * the lookups' cap stopped it.
 */
static char *find_file(struct heal_detect *d, struct heal_detect_generic *g,
		       const char *cwd, bool cwd_outside, const char *path,
		       bool *capped)
{
	uint64_t key = fnv(fnv(0xcbf29ce484222325ULL, path, strlen(path)), "\0",
			   1);
	size_t slot;
	char *rel = NULL;
	bool ok;

	*capped = false;
	if (cwd)
		key = fnv(key, cwd, strlen(cwd));
	key |= 1;
	for (slot = key & (GEN_CACHE - 1); g->key[slot];
	     slot = (slot + 1) & (GEN_CACHE - 1))
		if (g->key[slot] == key) {
			if (!g->ok[slot])
				return NULL;
			break;
		}
	if (heal_detect_record_path(d, cwd, cwd_outside, path, &rel) != 1) {
		free(rel);
		return NULL;
	}
	if (g->key[slot] == key)
		return rel;
	if (g->lookups >= GEN_LOOKUPS) {
		*capped = true;
		free(rel);
		return NULL;
	}
	g->lookups++;
	ok = regular_file(d, rel);
	if (g->ncached + 1 < GEN_CACHE / 2) {
		g->key[slot] = key;
		g->ok[slot] = ok;
		g->ncached++;
	}
	if (!ok) {
		free(rel);
		return NULL;
	}
	return rel;
}

/*
 * Whether line n of a root-relative file rules the message out: the
 * message is that line's text or in it (grep -n, git grep, rg --vimgrep
 * print exactly that; a message that quotes the line is fine), or the
 * file has neither line n nor line n - 2.  A file too large to read is
 * judged on the message alone.
 */
static bool line_rules_out(struct heal_detect *d, const char *rel, int64_t n,
			   const char *msg, size_t nmsg)
{
	const char *s;
	size_t len;

	if (!heal_detect_source_line(d, rel, n, &s, &len)) {
		/* past the end: fine up to two lines past the last (an error
		 * at the end of the file; mawk counts the end's token further) */
		if (!d->src_ok || n <= 2)
			return false;
		return !heal_detect_source_line(d, rel, n - 2, &s, &len);
	}
	while (len && blank(*s)) {
		s++;
		len--;
	}
	while (len && blank(s[len - 1]))
		len--;
	if (len == 0)
		return false;
	return (nmsg == len || nmsg >= 8) && memmem(s, len, msg, nmsg) != NULL;
}

/* --- records -------------------------------------------------------------- */

struct heal_detect_generic *heal_detect_gen_get(struct heal_detect *d)
{
	struct heal_detect_generic *g = d->generic;

	if (!g) {
		g = heal_calloc(1, sizeof(*g));
		g->m.tool = (char *)"generic";
		g->m.role = HEAL_ROLE_RECORD;
		g->m.unit = HEAL_UNIT_CHAR;
		g->m.column_base = 1;
		g->m.compiled = true;
		g->m.set_index = d->ps->nfiles; /* no pattern file's context */
		d->generic = g;
	}
	return g;
}

void heal_detect_generic_free(struct heal_detect *d)
{
	free(d->generic);
	d->generic = NULL;
}

void heal_detect_generic_begin(struct heal_detect *d)
{
	if (d->generic)
		d->generic->lookups = 0;
}

/* Whether a path's last part has a suffix of one to eight letters and
 * digits, a letter among them ("src/a.c", "lib\\x.tsx", not "v1.2"). */
static bool has_suffix(const char *p, size_t n)
{
	size_t i = n, k;
	bool letter = false;

	while (i > 0 && p[i - 1] != '/' && p[i - 1] != '\\' && p[i - 1] != '.')
		i--;
	if (i < 2 || p[i - 1] != '.' || p[i - 2] == '/' || p[i - 2] == '\\')
		return false;
	if (n - i < 1 || n - i > 8)
		return false;
	for (k = i; k < n; k++) {
		if (alpha(p[k]))
			letter = true;
		else if (!dig(p[k]))
			return false;
	}
	return letter;
}

int heal_detect_generic_line(struct heal_detect *d, const char *line,
			     size_t len, struct heal_error *err)
{
	struct heal_detect_generic *g;
	struct gen_line gl;
	struct gen_msg x;
	struct gen_fields o;
	const char *cwd = d->ndirs ? d->dirs[d->ndirs - 1].path : NULL;
	bool outside = d->ndirs && d->dirs[d->ndirs - 1].outside, capped;
	char *path, *rel;
	int64_t lno;
	char *end;
	int rc;

	if (d->opt.no_generic || d->rec || d->block.active || d->line_truncated)
		return 0;
	if ((rc = heal_detect_generic_row(d, line, len, false, err)) != 0)
		return rc;
	if (!parse_line(line, len, &gl) ||
	    !read_message(gl.msg, gl.nmsg, gl.sev, &x))
		return 0;
	lno = strtoll(gl.lno, &end, 10);
	if (lno < 1 || lno > HEAL_RECORD_POS_MAX)
		return 0;
	g = heal_detect_gen_get(d);
	path = heal_strndup(gl.path, gl.npath);
	rel = find_file(d, g, cwd, outside, path, &capped);
	free(path);
	if (capped)
		heal_detect_warn(d, HEAL_DETECT_WARN_GENERIC,
				 "the generic reader looked up %u paths in this input "
				 "and stops there",
				 (unsigned)GEN_LOOKUPS);
	/* without its file (a log pasted, a build's other machine): only a
	 * line that says all of it, a column and a source's suffix, and a
	 * severity word with its colon or a code first */
	if (!rel && !(x.sure && gl.ncol && has_suffix(gl.path, gl.npath)))
		return 0;
	if (rel && line_rules_out(d, rel, lno, x.text, x.ntext)) {
		free(rel);
		return 0;
	}
	free(rel);
	memset(&o, 0, sizeof(o));
	GEN_FIELD(&o, HEAL_PF_FILE, gl.path, gl.npath);
	GEN_FIELD(&o, HEAL_PF_LINE, gl.lno, gl.nlno);
	GEN_FIELD(&o, HEAL_PF_COLUMN, gl.col, gl.ncol);
	GEN_FIELD(&o, HEAL_PF_END_LINE, gl.eline, gl.neline);
	GEN_FIELD(&o, HEAL_PF_END_COLUMN, gl.ecol, gl.necol);
	GEN_FIELD(&o, HEAL_PF_SEVERITY, x.sev, strlen(x.sev));
	GEN_FIELD(&o, HEAL_PF_CODE, x.code, x.ncode);
	GEN_FIELD(&o, HEAL_PF_MESSAGE, x.text, x.ntext);
	GEN_FIELD(&o, HEAL_PF_TOOL, gl.tool, gl.ntool);
	return heal_detect_gen_record(d, &o, err);
}

int heal_detect_gen_record(struct heal_detect *d, const struct gen_fields *o,
			   struct heal_error *err)
{
	struct rec *r = heal_detect_rec_new(d, &heal_detect_gen_get(d)->m);
	size_t f;

	r->generic = true;
	r->lines = 1;
	heal_detect_raw_line(d, r);
	for (f = 0; f < HEAL_PF_COUNT; f++)
		if (o->v[f])
			heal_detect_rec_set(r, (enum heal_pfield)f, o->v[f], o->n[f]);
	return heal_detect_finish_rec(d, r, err) < 0 ? -1 : 1;
}
