#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_lang.h"

#define L(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NONE ((const char *const[]){ NULL })

/*
 * Syntax for the repair search.  The repair lists are the tokens real
 * fixes insert or substitute (docs/repair-edits.md; share/repair/ counts
 * how often each fixes each message): closers and separators first.
 */
static const char *const c_keywords[] = {
	"auto", "break", "case", "char", "const", "continue", "default", "do",
	"double", "else", "enum", "extern", "float", "for", "goto", "if",
	"inline", "int", "long", "register", "restrict", "return", "short",
	"signed", "sizeof", "static", "struct", "switch", "typedef", "union",
	"unsigned", "void", "volatile", "while", "_Bool", "_Complex",
	"_Alignas", "_Alignof", "_Atomic", "_Generic", "_Noreturn",
	"_Static_assert", "_Thread_local", NULL
};
static const char *const c_punct[] = {
	"%:%:", "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=",
	"==", "!=", "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=",
	"##", "::", "[", "]", "(", ")", "{", "}", ".", "&", "*", "+", "-", "~",
	"!", "/", "%", "<", ">", "^", "|", "?", ":", ";", "=", ",", "#", NULL
};
static const char *const c_repair[] = {
	";", ")", "(", ",", "}", "{", "]", "[", "=", "==", ":", ".", "->",
	"&", "&&", "||", "|", "!", "<", ">", "<=", ">=", "!=", "+", "-", "*",
	"/", "%", "++", "--", "+=", "\"", "'", "else", "return", "break",
	"int", "char", "if", "while", "for", NULL
};
static const struct heal_lang_syntax c_syntax = {
	HEAL_LEX_C, c_keywords, c_punct, c_repair, "c", HEAL_KW_ANYWHERE, NULL, NULL
};
static const char *const cxx_keywords[] = {
	"auto", "bool", "break", "case", "catch", "char", "class", "const",
	"constexpr", "continue", "default", "delete", "do", "double", "else",
	"enum", "explicit", "extern", "false", "float", "for", "friend", "goto",
	"if", "inline", "int", "long", "mutable", "namespace", "new",
	"noexcept", "nullptr", "operator", "private", "protected", "public",
	"return", "short", "signed", "sizeof", "static", "struct", "switch",
	"template", "this", "throw", "true", "try", "typedef", "typename",
	"union", "unsigned", "using", "virtual", "void", "volatile", "while",
	NULL
};
static const char *const cxx_repair[] = {
	";", ")", "(", ",", "}", "{", "]", "[", "=", "==", ":", "::", ".",
	"->", "<<", ">>", "&", "&&", "||", "!", "<", ">", "<=", ">=", "!=",
	"+", "-", "*", "/", "++", "\"", "'", "else", "return", "break", "int",
	NULL
};
static const struct heal_lang_syntax cxx_syntax = {
	HEAL_LEX_C, cxx_keywords, c_punct, cxx_repair, "c", HEAL_KW_ANYWHERE, NULL, NULL
};
static const char *const py_keywords[] = {
	"False", "None", "True", "and", "as", "assert", "async", "await",
	"break", "class", "continue", "def", "del", "elif", "else", "except",
	"finally", "for", "from", "global", "if", "import", "in", "is",
	"lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
	"while", "with", "yield", NULL
};
static const char *const py_punct[] = {
	"**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>",
	"<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
	"@=", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "@", "=", "+",
	"-", "*", "/", "%", "&", "|", "^", "~", "<", ">", "!", NULL
};
static const char *const py_repair[] = {
	":", ")", "(", ",", "]", "[", "}", "{", "=", "==", ".", "\"", "'",
	"+", "-", "*", "in", "and", "or", "not", "pass", "else", NULL
};
static const char *const py_continues[] = {
	"else", "elif", "except", "finally", "case", NULL
};
static const struct heal_lang_syntax py_syntax = {
	HEAL_LEX_PYTHON, py_keywords, py_punct, py_repair, "python", HEAL_KW_ANYWHERE, NULL,
	py_continues
};
static const char *const sh_keywords[] = {
	"if", "then", "else", "elif", "fi", "for", "while", "until", "do",
	"done", "case", "esac", "in", "function", "select", "time", "[", "]",
	"[[", "]]", "{", "}", "!", NULL
};
static const char *const sh_punct[] = {
	"&>>", ";;&", "<<<", "<<-", "$((", "&&", "||", ";;", ";&", "|&", ">>",
	"<<", "<&", ">&", "&>", "<>", ">|", "$(", "${", "((", "))", ";", "&",
	"|", "<", ">", "(", ")", NULL
};
static const char *const sh_repair[] = {
	"fi", "done", "esac", "then", "do", ";", ";;", "\"", "'", "`", "}",
	"{", ")", "(", "]", "]]", "[", "in", "&&", "||", "|", "else", "$",
	NULL
};
static const char *const sh_continues[] = {
	"then", "else", "elif", "fi", "do", "done", "esac", "in", NULL
};
static const struct heal_lang_syntax sh_syntax = {
	HEAL_LEX_SHELL, sh_keywords, sh_punct, sh_repair, "shell", HEAL_KW_COMMAND, NULL,
	sh_continues
};
static const char *const generic_punct[] = {
	"==", "!=", "<=", ">=", "&&", "||", "=>", "->", ":=", "+=", "${",
	"$(", "{", "}", "[", "]", "(", ")", ",", ":", ";", "=", ".", "|", "&",
	"<", ">", "!", "+", "-", "*", "/", "%", "?", "@", "$", "\\", NULL
};
static const char *const make_repair[] = {
	":", ")", "(", "}", "{", "=", "$", "\\", "endif", "else", NULL
};
static const char *const make_keywords[] = {
	"ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "define",
	"endef", "include", "override", "export", "unexport", "vpath", NULL
};
static const struct heal_lang_syntax make_syntax = {
	HEAL_LEX_GENERIC, make_keywords, generic_punct, make_repair, NULL, HEAL_KW_LINE, NULL, NULL
};
static const char *const hcl_keywords[] = {
	"resource", "variable", "output", "module", "provider", "data",
	"locals", "terraform", "for", "in", "if", "true", "false", "null",
	NULL
};
static const char *const hcl_own_line[] = { "}", NULL };
static const char *const hcl_repair[] = {
	"}", "{", "=", "\"", "]", "[", ")", "(", ",", ":", NULL
};
static const struct heal_lang_syntax hcl_syntax = {
	HEAL_LEX_C, hcl_keywords, generic_punct, hcl_repair, NULL, HEAL_KW_ANYWHERE,
	hcl_own_line, NULL
};
static const char *const yaml_repair[] = {
	":", "-", "\"", "'", "]", "[", "}", "{", ",", NULL
};
static const struct heal_lang_syntax yaml_syntax = {
	HEAL_LEX_GENERIC, NONE, generic_punct, yaml_repair, NULL, HEAL_KW_ANYWHERE, NULL, NULL
};
static const char *const js_keywords[] = {
	"break", "case", "catch", "class", "const", "continue", "default",
	"delete", "do", "else", "export", "extends", "finally", "for",
	"function", "if", "import", "in", "instanceof", "let", "new", "return",
	"switch", "this", "throw", "try", "typeof", "var", "void", "while",
	"with", "yield", NULL
};
static const char *const js_repair[] = {
	";", ")", "(", ",", "}", "{", "]", "[", "=", "===", ":", ".", "\"",
	"'", "`", NULL
};
/* a line at the margin that goes on with the statement above it */
static const char *const js_continues[] = {
	"else", "catch", "finally", NULL
};
static const struct heal_lang_syntax js_syntax = {
	HEAL_LEX_C, js_keywords, generic_punct, js_repair, NULL, HEAL_KW_ANYWHERE, NULL,
	js_continues
};

/*
 * The stages of checking (heal_lang's stages), each an explicit list: an
 * error none names is of no known stage (a parser's message missing from
 * its list must not pass for a later stage's).  A YAML parser's errors
 * (libyaml's and PyYAML's scanner, parser and composer, as
 * ansible-playbook prints them) come before anything of a playbook is
 * built: its constructor's (a {{ }} mapping as a key), then ansible's
 * loading of the plays.
 */
static const char *const yaml_parse[] = {
	"did not find expected", "could not find expected", "mapping values are not allowed",
	"that cannot start any token", "expected <block end>", "expected <document start>",
	"expected ',' or", "block sequence entries are not allowed", "found unexpected end of stream",
	"found a tab character", "while parsing", "while scanning", "found unknown escape character",
	"found undefined alias", "found duplicate anchor", "expected a single document",
	"control characters are not allowed", "unacceptable character", "found unexpected ':'",
	"found undefined tag handle", "mapping keys are not allowed", NULL
};
static const char *const yaml_load[] = {
	"found unacceptable key", "could not determine a constructor", "expected a mapping node",
	"conflicting action statements", "is not a valid attribute for a",
	"couldn't resolve module/action", "no module/action detected in task",
	"A malformed block was encountered", "A playbook must be a list of plays",
	"the field 'hosts' is required", NULL
};
static const char *const *const yaml_stages[] = { yaml_parse, yaml_load, NULL };
/* HCL's parser, then Terraform's loading of the configuration (its
 * top-level blocks), then its references, the providers' schemas and the
 * values. */
static const char *const hcl_parse[] = {
	"Invalid multi-line string", "Unterminated template string",
	"Argument or block definition required", "Invalid expression",
	"Unclosed configuration block", "Invalid block definition", "Missing newline after",
	"Invalid character", "Missing item separator", "Extra characters after",
	"Invalid argument name", "Missing key/value separator", "Invalid single-argument block",
	"Missing close bracket", "Missing close parenthesis", "Missing attribute name",
	"Missing expression", "Unclosed template interpolation", NULL
};
static const char *const hcl_load[] = {
	"Unsupported block type", "Duplicate resource", "Duplicate variable", "Duplicate output",
	"Duplicate data resource", "Duplicate module call", "Duplicate local value",
	"Invalid variable name", "Missing name for", "Extraneous label", NULL
};
static const char *const hcl_refs[] = {
	"Reference to undeclared", "Undeclared", "Unsupported attribute", "Unsupported argument",
	"Missing required argument", "Invalid reference", "Unknown variable",
	"Call to unknown function", "Incorrect attribute value type", "Invalid value for",
	"Unsuitable value type", "Invalid index", "Missing resource instance key",
	"Invalid function argument", NULL
};
static const char *const *const hcl_stages[] = { hcl_parse, hcl_load, hcl_refs, NULL };

/*
 * The languages.  C++'s suffixes are GCC's own list (gcc(1), "-x
 * language"), with Boost's .ipp; a ".sh" script's "#!" line may say bash.
 */
static const struct heal_lang langs[] = {
	{ HEAL_LANG_C, "c", "c", L("gcc"), L(".c"), L(".h"), NONE, NONE,
	  false, "//", NULL, "/*", "*/", L("cc"),
	  &c_syntax, false, NONE, false, NULL, NULL, NULL, false },
	{ HEAL_LANG_CXX, "cpp", "cpp", L("c++", "cxx", "g++"),
	  L(".cc", ".cp", ".cxx", ".cpp", ".CPP", ".c++", ".C"),
	  L(".hh", ".H", ".hp", ".hxx", ".hpp", ".HPP", ".h++", ".tcc", ".ipp"),
	  NONE, L("c++"), false, "//", NULL, "/*", "*/", L("cc"),
	  &cxx_syntax, false, NONE, false, NULL, NULL, NULL, false },
	{ HEAL_LANG_PYTHON, "python", "python", L("py", "python3"),
	  L(".py", ".pyw", ".pyi"), NONE, NONE, NONE,
	  false, "#", NULL, NULL, NULL, L("python"),
	  &py_syntax, true, L("python"), false, NULL, NULL, NULL, false },
	{ HEAL_LANG_SH, "sh", "shell", L("shell", "posix-sh", "dash"), L(".sh"),
	  NONE, NONE, NONE, true, "#", NULL, NULL, NULL, L("sh", "shellcheck"),
	  &sh_syntax, false, L("sh", "dash", "bash"), true, "shellcheck-parse", NULL, NULL,
	  false },
	{ HEAL_LANG_BASH, "bash", "shell", NONE, L(".bash"), NONE,
	  L(".bashrc", ".bash_profile", ".bash_login", ".bash_logout"), NONE,
	  false, "#", NULL, NULL, NULL, L("sh", "shellcheck"),
	  &sh_syntax, false, L("sh", "dash", "bash"), true, "shellcheck-parse", NULL, NULL,
	  false },
	{ HEAL_LANG_MAKE, "make", "make", L("makefile", "gmake"), L(".mk", ".mak"),
	  NONE, L("Makefile", "makefile", "GNUmakefile"), NONE,
	  false, "#", NULL, NULL, NULL, L("make"),
	  &make_syntax, false, NONE, false, NULL, NULL, NULL, false },
	{ HEAL_LANG_TERRAFORM, "terraform", "terraform", L("hcl", "tf", "opentofu"),
	  L(".tf"), NONE, NONE, NONE, false, "#", "//", "/*", "*/",
	  L("terraform"),
	  &hcl_syntax, true, NONE, false, NULL, NULL, hcl_stages, false },
	{ HEAL_LANG_YAML, "yaml", "ansible", L("yml", "ansible"),
	  L(".yml", ".yaml"), NONE, NONE, NONE, false, "#", NULL, NULL, NULL,
	  L("ansible", "yaml"),
	  &yaml_syntax, true, L("ansible"), false, NULL, "ERROR! ", yaml_stages, true },
	{ HEAL_LANG_JAVASCRIPT, "javascript", "node", L("js", "node", "nodejs"),
	  L(".js", ".mjs", ".cjs"), NONE, NONE, NONE, false, "//", NULL, "/*",
	  "*/", L("node"),
	  &js_syntax, true, L("node"), false, NULL, NULL, NULL, false },
};

#define NLANGS (sizeof(langs) / sizeof(langs[0]))

/* The programs.  A version ("-12") is taken off before a name is looked up. */
static const struct heal_lang_program programs[] = {
	{ "gcc", HEAL_LANG_C, HEAL_ROLE_COMPILER, "gcc", true },
	{ "cc", HEAL_LANG_C, HEAL_ROLE_COMPILER, "gcc", false },
	{ "c89", HEAL_LANG_C, HEAL_ROLE_COMPILER, "gcc", false },
	{ "c99", HEAL_LANG_C, HEAL_ROLE_COMPILER, "gcc", false },
	{ "clang", HEAL_LANG_C, HEAL_ROLE_COMPILER, "clang", true },
	{ "g++", HEAL_LANG_CXX, HEAL_ROLE_COMPILER, "gcc", true },
	{ "c++", HEAL_LANG_CXX, HEAL_ROLE_COMPILER, "gcc", false },
	{ "clang++", HEAL_LANG_CXX, HEAL_ROLE_COMPILER, "clang", true },
	{ "python*", HEAL_LANG_PYTHON, HEAL_ROLE_INTERPRETER, NULL, false },
	{ "pypy*", HEAL_LANG_PYTHON, HEAL_ROLE_INTERPRETER, NULL, false },
	{ "pytest", HEAL_LANG_PYTHON, HEAL_ROLE_TOOL, NULL, false },
	{ "py.test", HEAL_LANG_PYTHON, HEAL_ROLE_TOOL, NULL, false },
	{ "pip*", HEAL_LANG_PYTHON, HEAL_ROLE_TOOL, NULL, false },
	{ "sh", HEAL_LANG_SH, HEAL_ROLE_INTERPRETER, NULL, false },
	{ "dash", HEAL_LANG_SH, HEAL_ROLE_INTERPRETER, NULL, false },
	{ "bash", HEAL_LANG_BASH, HEAL_ROLE_INTERPRETER, NULL, false },
	{ "shellcheck", HEAL_LANG_SH, HEAL_ROLE_CHECKER, NULL, false },
	{ "make", HEAL_LANG_MAKE, HEAL_ROLE_BUILD, NULL, false },
	{ "gmake", HEAL_LANG_MAKE, HEAL_ROLE_BUILD, NULL, false },
	{ "terraform", HEAL_LANG_TERRAFORM, HEAL_ROLE_TOOL, NULL, false },
	{ "tofu", HEAL_LANG_TERRAFORM, HEAL_ROLE_TOOL, NULL, false },
	{ "ansible-playbook", HEAL_LANG_YAML, HEAL_ROLE_TOOL, NULL, false },
	{ "ansible", HEAL_LANG_YAML, HEAL_ROLE_TOOL, NULL, false },
	{ "ansible-galaxy", HEAL_LANG_YAML, HEAL_ROLE_TOOL, NULL, false },
	{ "ansible-lint", HEAL_LANG_YAML, HEAL_ROLE_CHECKER, NULL, false },
	{ "yamllint", HEAL_LANG_YAML, HEAL_ROLE_CHECKER, NULL, false },
	{ "node", HEAL_LANG_JAVASCRIPT, HEAL_ROLE_INTERPRETER, NULL, false },
	{ "nodejs", HEAL_LANG_JAVASCRIPT, HEAL_ROLE_INTERPRETER, NULL, false },
	{ "npm", HEAL_LANG_JAVASCRIPT, HEAL_ROLE_TOOL, NULL, false },
	{ "npx", HEAL_LANG_JAVASCRIPT, HEAL_ROLE_TOOL, NULL, false },
};

#define NPROGRAMS (sizeof(programs) / sizeof(programs[0]))

/* A program name is at most this long (longer: unknown). */
#define PROGRAM_NAME_MAX 256
/* Bytes of a "#!" line looked at. */
#define SHEBANG_MAX 256

int heal_lang_stage(const struct heal_lang *l, const char *message, const char *detail)
{
	size_t s, i;

	for (s = 0; l && l->stages && l->stages[s]; s++)
		for (i = 0; l->stages[s][i]; i++)
			if ((message && strstr(message, l->stages[s][i])) ||
			    (detail && strstr(detail, l->stages[s][i])))
				return (int)s;
	return -1;
}

const struct heal_lang *heal_lang_get(enum heal_lang_id id)
{
	size_t i;

	for (i = 0; i < NLANGS; i++)
		if (langs[i].id == id)
			return &langs[i];
	return NULL;
}

static bool in_list(const char *const *list, const char *s, size_t n)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0)
			return true;
	return false;
}

const struct heal_lang *heal_lang_by_name(const char *name)
{
	size_t i, n = name ? strlen(name) : 0;

	if (!n)
		return NULL;
	for (i = 0; i < NLANGS; i++)
		if (strcmp(langs[i].name, name) == 0)
			return &langs[i];
	for (i = 0; i < NLANGS; i++)
		if (strcmp(langs[i].env, name) == 0 ||
		    in_list(langs[i].aliases, name, n))
			return &langs[i];
	return NULL;
}

static const char *base_of(const char *path, size_t n)
{
	const char *s = memrchr(path, '/', n);

	return s ? s + 1 : path;
}

/* The length of the longest suffix of list that ends base (0: none). */
static size_t suffix_hit(const char *const *list, const char *base, size_t n)
{
	size_t i, best = 0;

	for (i = 0; list[i]; i++) {
		size_t l = strlen(list[i]);

		if (l <= n && l > best && memcmp(base + n - l, list[i], l) == 0)
			best = l;
	}
	return best;
}

/* Whether a directory component of path (not its last) is in list. */
static bool dir_hit(const char *const *list, const char *path, const char *base)
{
	const char *p = path;

	while (p < base) {
		const char *e = memchr(p, '/', (size_t)(base - p));

		if (!e)
			break;
		if (e > p && in_list(list, p, (size_t)(e - p)))
			return true;
		p = e + 1;
	}
	return false;
}

/* By suffix (source, or a header's: *header), then, when names, by a
 * directory of its own and by whole name. */
static const struct heal_lang *lang_of(const char *path, bool names,
				       bool *header)
{
	const char *base;
	size_t i, n, best = 0;
	const struct heal_lang *hit = NULL;
	bool hdr = false;

	if (header)
		*header = false;
	if (!path || !*path)
		return NULL;
	base = base_of(path, strlen(path));
	n = strlen(base);
	/* a source suffix; then a directory of its own (/usr/include/c++/12/
	 * bits/stl_function.h is C++ whatever its suffix); then a header's
	 * suffix; then a whole name */
	for (i = 0; i < NLANGS; i++) {
		size_t l = suffix_hit(langs[i].suffixes, base, n);

		if (l > best) {
			best = l;
			hit = &langs[i];
		}
	}
	for (i = 0; names && !hit && i < NLANGS; i++)
		if (dir_hit(langs[i].dirs, path, base)) {
			hit = &langs[i];
			hdr = true;
		}
	for (i = 0; !hit && i < NLANGS; i++) {
		size_t l = suffix_hit(langs[i].headers, base, n);

		if (l > best) {
			best = l;
			hdr = true;
			hit = &langs[i];
		}
	}
	for (i = 0; names && !hit && i < NLANGS; i++)
		if (in_list(langs[i].file_names, base, n))
			hit = &langs[i];
	if (header)
		*header = hit && hdr;
	return hit;
}

const struct heal_lang *heal_lang_of_suffix(const char *path, bool *header)
{
	return lang_of(path, false, header);
}

const struct heal_lang *heal_lang_of_name(const char *path, bool *header)
{
	return lang_of(path, true, header);
}

/* The compilers of other languages that print gcc's layout. */
static const struct {
	const char *suffix, *tool, *env;
} foreign[] = {
	{ ".swift", "swiftc", "swift" },
	{ ".zig", "zig", "zig" },
	{ ".hs", "ghc", "haskell" },
	{ ".lhs", "ghc", "haskell" },
	{ ".kt", "kotlinc", "kotlin" },
	{ ".kts", "kotlinc", "kotlin" },
	{ ".nim", "nim", "nim" },
	{ ".vala", "valac", "vala" },
	{ ".cr", "crystal", "crystal" },
	{ ".odin", "odin", "odin" },
	{ ".gleam", "gleam", "gleam" },
	{ ".scala", "scalac", "scala" },
	{ ".dart", "dart", "dart" },
	{ ".sol", "solc", "solidity" },
	{ ".lean", "lean", "lean" },
	{ ".chpl", "chpl", "chapel" },
	{ ".adb", "gnat", "ada" },
	{ ".ads", "gnat", "ada" },
	{ ".cob", "cobc", "cobol" },
	{ ".cbl", "cobc", "cobol" },
	{ ".mojo", "mojo", "mojo" },
	{ ".c3", "c3c", "c3" },
	{ ".ha", "hare", "hare" },
	{ ".d", "gdc", "d" },
	{ ".di", "gdc", "d" },
	{ ".ino", "g++", "cpp" },
	{ ".pde", "g++", "cpp" },
	{ ".s", "as", "asm" },
	{ ".S", "as", "asm" },
	{ ".sx", "as", "asm" },
	{ ".asm", "as", "asm" },
};

bool heal_lang_foreign_compiler(const char *path, const char **tool,
				const char **env)
{
	size_t n = path ? strlen(path) : 0, i, k;

	for (i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++) {
		k = strlen(foreign[i].suffix);
		if (n > k && strcmp(path + n - k, foreign[i].suffix) == 0 &&
		    path[n - k - 1] != '/') {
			*tool = foreign[i].tool;
			*env = foreign[i].env;
			return true;
		}
	}
	return false;
}

bool heal_lang_library_path(const char *path)
{
	static const char *const dirs[] = {
		"site-packages/", "dist-packages/", "node_modules/",
		"/gems/", "/vendor/bundle/", "/lib/ruby/", "/.rvm/",
		"/.rbenv/", "/.cargo/registry/", "/rustc/", "/go/pkg/mod/",
		"/usr/lib/", "/usr/include/", "/usr/local/lib/",
		"/usr/share/", "/.pyenv/versions/", "/.m2/repository/",
		"/hostedtoolcache/", "/lib/python2.", "/lib/python3.",
		"/lib/std/", "/lib/zig/", "libraries/base/", "libraries/ghc-internal/",
		"\\site-packages\\", "\\node_modules\\",
	};
	size_t i;

	if (!path)
		return false;
	if (path[0] == '<' || strncmp(path, "internal/", 9) == 0 ||
	    strncmp(path, "node:", 5) == 0 || strncmp(path, "dart:", 5) == 0 ||
	    strncmp(path, "ext:", 4) == 0 ||
	    strcmp(path, "std.jsonnet") == 0)
		return true;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (strstr(path, dirs[i]))
			return true;
	return false;
}

bool heal_lang_top_level(const struct heal_lang *l, const char *line, size_t n)
{
	const char *const *w = l && l->syntax ? l->syntax->continues : NULL;
	size_t k = 0;

	if (!w || n == 0 || !(isalpha((unsigned char)line[0]) || line[0] == '_'))
		return false;
	while (k < n && (isalnum((unsigned char)line[k]) || line[k] == '_'))
		k++;
	for (; *w; w++)
		if (strlen(*w) == k && memcmp(*w, line, k) == 0)
			return false;
	return true;
}

const char *heal_lang_line_comment(const char *path, const char *dflt)
{
	const struct heal_lang *l = heal_lang_of_name(path, NULL);

	return l && l->line_comment ? l->line_comment : dflt;
}

/* Whether name (n bytes) is pattern: exact, or "x*" and x then digits and dots. */
static bool name_is(const char *pattern, const char *name, size_t n)
{
	size_t l = strlen(pattern), i;

	if (l && pattern[l - 1] == '*') {
		l--;
		if (n < l || memcmp(pattern, name, l) != 0)
			return false;
		for (i = l; i < n; i++)
			if (!((name[i] >= '0' && name[i] <= '9') || name[i] == '.'))
				return false;
		return true;
	}
	return n == l && memcmp(pattern, name, n) == 0;
}

static const struct heal_lang_program *program_named(const char *name, size_t n,
						     bool prefixed_only)
{
	size_t i;

	for (i = 0; i < NPROGRAMS; i++)
		if ((!prefixed_only || programs[i].prefixed) &&
		    name_is(programs[i].name, name, n))
			return &programs[i];
	return NULL;
}

const struct heal_lang_program *heal_lang_program(const char *argv0)
{
	const struct heal_lang_program *p;
	const char *b;
	size_t n, k;

	if (!argv0)
		return NULL;
	b = base_of(argv0, strlen(argv0));
	n = strlen(b);
	if (!n || n > PROGRAM_NAME_MAX)
		return NULL;
	/* a version: "-12", "-12.2" */
	for (k = n; k > 0 && ((b[k - 1] >= '0' && b[k - 1] <= '9') ||
			      b[k - 1] == '.'); k--)
		;
	if (k < n && k > 1 && b[k - 1] == '-' && b[k] >= '0' && b[k] <= '9')
		n = k - 1;
	if ((p = program_named(b, n, false)))
		return p;
	/* a cross compiler's target: arm-none-eabi-gcc */
	for (k = 1; k < n; k++)
		if (b[k - 1] == '-' &&
		    (p = program_named(b + k, n - k, true)))
			return p;
	return NULL;
}

const struct heal_lang *heal_lang_of_program(const char *argv0, bool *is_cxx)
{
	const struct heal_lang_program *p = heal_lang_program(argv0);

	if (is_cxx)
		*is_cxx = p && p->role == HEAL_ROLE_COMPILER &&
			  p->lang == HEAL_LANG_CXX;
	return p ? heal_lang_get(p->lang) : NULL;
}

bool heal_lang_is_compiler(const char *argv0, bool *is_cxx,
			   const char **family)
{
	const struct heal_lang_program *p = heal_lang_program(argv0);
	bool yes = p && p->role == HEAL_ROLE_COMPILER;

	if (is_cxx)
		*is_cxx = yes && p->lang == HEAL_LANG_CXX;
	if (family)
		*family = yes ? p->family : NULL;
	return yes;
}

/* The next word of s (up to e): *w and its length; NULL at the end. */
static const char *word(const char *s, const char *e, size_t *len)
{
	const char *w;

	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	if (s == e)
		return NULL;
	for (w = s; s < e && *s != ' ' && *s != '\t'; s++)
		;
	*len = (size_t)(s - w);
	return w;
}

const struct heal_lang *heal_lang_of_shebang(const char *line, size_t n)
{
	const struct heal_lang_program *p;
	const char *e, *w, *b, *nl;
	char name[PROGRAM_NAME_MAX + 1];
	size_t len;

	if (!line || n < 2 || line[0] != '#' || line[1] != '!')
		return NULL;
	if (n > SHEBANG_MAX)
		n = SHEBANG_MAX;
	nl = memchr(line, '\n', n);
	e = nl ? nl : line + n;
	if (e > line && e[-1] == '\r')
		e--;
	if (!(w = word(line + 2, e, &len)))
		return NULL;
	b = base_of(w, len);
	if ((size_t)(w + len - b) == 3 && memcmp(b, "env", 3) == 0) {
		/* env [-S] [-i] [NAME=VALUE]... PROGRAM */
		for (;;) {
			w = word(w + len, e, &len);
			if (!w)
				return NULL;
			if (w[0] != '-' && !memchr(w, '=', len))
				break;
		}
	}
	if (len > PROGRAM_NAME_MAX)
		return NULL;
	memcpy(name, w, len);
	name[len] = '\0';
	p = heal_lang_program(name);
	return p && p->role == HEAL_ROLE_INTERPRETER ? heal_lang_get(p->lang) : NULL;
}

/*
 * The first bytes of a regular file beneath the root into line (at most
 * size bytes; *n set).  One read: a longer "#!" line is cut, which is all
 * the caller looks at.
 */
static bool first_bytes(const struct heal_root *root, const char *file,
			char *line, size_t size, size_t *n)
{
	struct heal_error e = HEAL_ERROR_INIT;
	struct stat st;
	ssize_t k;
	int fd = heal_root_openat(root, file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK,
				  0, &e);

	if (fd < 0)
		return false;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return false;
	}
	do
		k = read(fd, line, size);
	while (k < 0 && errno == EINTR);
	close(fd);
	if (k < 0)
		return false;
	*n = (size_t)k;
	return true;
}

const struct heal_lang *heal_lang_of_path(const struct heal_root *root,
					  const char *file, bool *header)
{
	const struct heal_lang *l = heal_lang_of_name(file, header);
	char line[SHEBANG_MAX];
	size_t n = 0;

	if (l && !l->shebang_decides)
		return l;
	if (!root || !first_bytes(root, file, line, sizeof(line), &n) ||
	    n < 2 || line[0] != '#' || line[1] != '!')
		return l;
	/* a "#!" line decides, even for an interpreter heal does not know */
	if (header)
		*header = false;
	return heal_lang_of_shebang(line, n);
}
