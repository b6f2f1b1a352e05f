/*
 * The actions and resolvers, each driven through heal_actions_find() (or
 * heal_actions_resolve()) on a scratch project: for every family the
 * exact edits an action makes (offsets and text) and a case where it does
 * not apply (the reason), the resolvers' unique, tied and too-far answers,
 * and CRLF files keeping their line ends.  The linker's actions are in
 * test-link.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actfix.h"
#include "tap.h"

/* ---- the table ----------------------------------------------------------- */

static void test_table(void)
{
	const struct heal_action_def *d;
	char names[2048], *p, *next;
	int missing = 0, n = 0;

	d = heal_actions_find("add-include");
	ok(d && strcmp(d->name, "add-include") == 0, "an action is found by name");
	is_str(d ? d->required[0] : NULL, "header", "with the arguments it requires");
	ok(heal_actions_find("no-such-action") == NULL, "an unknown name is not found");
	ok(heal_actions_find(NULL) == NULL, "nor is no name");
	/* every name the message lists is an action, and the list is whole */
	snprintf(names, sizeof(names), "%s", heal_actions_names());
	for (p = names; p && *p; p = next) {
		next = strstr(p, ", ");
		if (next) {
			*next = '\0';
			next += 2;
		}
		n++;
		if (!heal_actions_find(p)) {
			missing++;
			printf("# not an action: '%s'\n", p);
		}
	}
	is_int(missing, 0, "every listed name is an action");
	is_int(n, 40, "and the list names all 40");
}

/* ---- resolvers ------------------------------------------------------------- */

static void test_edit_distance(void)
{
	const char *const cands[] = { "length", "width", "height" };
	const char *const tie[] = { "bat", "hat" };
	const char *const longer[] = { "config", "cfg" };

	is_int(heal_edit_distance("abc", 3, "acb", 3, 3), 1, "a transposition is one edit");
	is_int(heal_edit_distance("kitten", 6, "sitting", 7, 5), 3, "kitten/sitting: 3");
	is_int(heal_edit_distance("a", 1, "abcdef", 6, 2), 3, "capped at cap + 1");
	is_str(heal_closest("lenght", cands, 3, 0), "length", "closest: the unique nearest");
	ok(heal_closest("cat", tie, 2, 0) == NULL, "closest: a tie is no answer");
	ok(heal_closest("zzzzzz", cands, 3, 0) == NULL, "closest: nothing near enough");
	is_str(heal_closest("conf", longer, 2, 0), "config",
	       "closest: a shortened name, as a prefix");
}

static void test_resolve_closest(void)
{
	static const struct act_case cases[] = {
		{ "among words", NULL, "resolve:closest",
		  "{\"name\":\"lenght\",\"as\":\"w\",\"from\":[{\"words\":\"length width height\"}]}",
		  NULL, 0, 0, "", "w=length" },
		{ "two names as near", NULL, "resolve:closest",
		  "{\"name\":\"cat\",\"as\":\"w\",\"from\":[{\"words\":\"bat hat\"}]}",
		  NULL, 0, 0, "!no single close match for 'cat' among 2 names", "w=" },
		{ "too far", NULL, "resolve:closest",
		  "{\"name\":\"qqqqqqqq\",\"as\":\"w\",\"from\":[{\"words\":\"length width\"}]}",
		  NULL, 0, 0, "!no single close match for 'qqqqqqqq' among 2 names", NULL },
		{ "a name the 'unless' table knows", NULL, "resolve:closest",
		  "{\"name\":\"pritnf\",\"as\":\"w\",\"unless\":\"known\",\"from\":[{\"table\":\"funcs\"}]}",
		  NULL, 0, 0, "!'pritnf' is in table 'known'", NULL },
		{ "among a table's items", NULL, "resolve:closest",
		  "{\"name\":\"prinft\",\"as\":\"w\",\"from\":[{\"table\":\"funcs\"}]}",
		  NULL, 0, 0, "", "w=printf" },
		{ "among the file's identifiers", NULL, "resolve:closest",
		  "{\"name\":\"totl\",\"as\":\"w\",\"from\":[{\"identifiers\":true}]}",
		  "ids.c", 1, 0, "", "w=total" },
		/* sole: the tool's suggestion only when nothing else is as near */
		{ "sole: nothing as near", "hint=counter", "resolve:closest",
		  "{\"name\":\"countr\",\"as\":\"w\",\"sole\":\"${hint}\",\"from\":[{\"identifiers\":true}]}",
		  "ids.c", 1, 0, "", "w=counter" },
		{ "sole: another name as near", "hint=counted", "resolve:closest",
		  "{\"name\":\"counte\",\"as\":\"w\",\"sole\":\"${hint}\",\"from\":[{\"identifiers\":true}]}",
		  "ids.c", 1, 0, "!'counter' is as close to 'counte' as 'counted' is", NULL },
		{ "abbrev: the one name it abbreviates", NULL, "resolve:closest",
		  "{\"name\":\"db\",\"as\":\"w\",\"abbrev\":true,\"from\":[{\"words\":\"database app\"}]}",
		  NULL, 0, 0, "", "w=database" },
		{ "abbrev: two it abbreviates", NULL, "resolve:closest",
		  "{\"name\":\"db\",\"as\":\"w\",\"abbrev\":true,\"from\":[{\"words\":\"database debug\"}]}",
		  NULL, 0, 0, "!no single close match for 'db' among 2 names", NULL },
		{ "abbrev off: no answer", NULL, "resolve:closest",
		  "{\"name\":\"db\",\"as\":\"w\",\"from\":[{\"words\":\"database app\"}]}",
		  NULL, 0, 0, "!no single close match for 'db' among 2 names", NULL },
		{ "regex over the directory's files of a suffix", NULL, "resolve:closest",
		  "{\"name\":\"regoin\",\"as\":\"w\",\"from\":[{\"regex\":\"variable \\\"(\\\\w+)\\\"\",\"suffix\":\".tf\"}]}",
		  "tf/main.tf", 1, 0, "", "w=region" },
		{ "a key of the table", "fn=printf", "resolve:lookup",
		  "{\"table\":\"headers\",\"key\":\"${fn}\",\"as\":\"h\"}",
		  NULL, 0, 0, "", "h=stdio.h" },
		{ "an array value: its first item", NULL, "resolve:lookup",
		  "{\"table\":\"headers\",\"key\":\"malloc\",\"as\":\"h\"}",
		  NULL, 0, 0, "", "h=stdlib.h" },
		{ "a missing key", NULL, "resolve:lookup",
		  "{\"table\":\"headers\",\"key\":\"nosuch\",\"as\":\"h\"}",
		  NULL, 0, 0, "!'nosuch' is not in table 'headers'", NULL },
		{ "bytes mapped", "name=my-var.x", "resolve:translate",
		  "{\"text\":\"${name}\",\"from\":\"-.\",\"to\":\"__\",\"as\":\"t\"}",
		  NULL, 0, 0, "", "t=my_var_x" },
	};

	act_table("known", "{\"pritnf\":1}");
	act_table("funcs", "[\"printf\",\"puts\"]");
	act_table("headers", "{\"printf\":\"stdio.h\",\"malloc\":[\"stdlib.h\",\"malloc.h\"]}");
	act_put("ids.c", "int counter;\nint counted;\nint total;\n");
	act_put("tf/main.tf", "output \"r\" {\n  value = var.regoin\n}\n");
	act_put("tf/variables.tf", "variable \"region\" {}\n");
	act_put("tf/notes.txt", "variable \"regain\" {}\n");
	ACT_CHECK(cases);
}

static void test_resolve_paths(void)
{
	static const struct act_case cases[] = {
		{ "a misspelt directory", NULL, "resolve:path",
		  "{\"path\":\"scr/main.c\",\"as\":\"p\"}", NULL, 0, 0, "", "p=src/main.c" },
		{ "a misspelt file", NULL, "resolve:path",
		  "{\"path\":\"src/mian.c\",\"as\":\"p\"}", NULL, 0, 0, "", "p=src/main.c" },
		{ "one that climbs out", NULL, "resolve:path",
		  "{\"path\":\"../etc/passwd\",\"as\":\"p\"}", NULL, 0, 0,
		  "!path: not a relative path", NULL },
		{ "nothing close", NULL, "resolve:path",
		  "{\"path\":\"src/zzzzzzzz.c\",\"as\":\"p\"}", NULL, 0, 0,
		  "!no existing path close to 'src/zzzzzzzz.c'", NULL },
		{ "the one file of that name", NULL, "resolve:find",
		  "{\"basename\":\"util.h\",\"from\":\"\",\"as\":\"p\"}", "src/main.c", 1, 0,
		  "", "p=inc/util.h" },
		{ "the token in one file (not 'pointer')", NULL, "resolve:holds",
		  "{\"text\":\"point\",\"as\":\"p\"}", NULL, 0, 0, "", "p=lib/deep/shape.h" },
		{ "the path from a directory", NULL, "resolve:holds",
		  "{\"text\":\"point\",\"from\":\"lib\",\"as\":\"p\"}", NULL, 0, 0, "",
		  "p=deep/shape.h" },
		{ "a token in several files", NULL, "resolve:holds",
		  "{\"text\":\"int\",\"as\":\"p\"}", NULL, 0, 0,
		  "!'int' is in 2 files (4 times), not once in one", NULL },
		{ "none: a project file holds it", NULL, "resolve:holds",
		  "{\"text\":\"point\",\"none\":true,\"as\":\"p\"}", NULL, 0, 0,
		  "!'point' is in lib/deep/shape.h", NULL },
		{ "none: no file holds it", NULL, "resolve:holds",
		  "{\"text\":\"vector\",\"none\":true,\"as\":\"p\"}", NULL, 0, 0, "", "p=" },
	};
	struct heal_error err = HEAL_ERROR_INIT;

	act_put("src/main.c", "int main(void) { return 0; }\n");
	act_put("inc/util.h", "int util;\n");
	act_put("lib/deep/shape.h", "struct point { int x; };\n");
	act_put("lib/other.h", "struct pointer;\n");
	ACT_CHECK(cases);

	act_put("src/util.h", "int util2;\n");
	is_int(act_resolve("find", "{\"basename\":\"util.h\",\"from\":\"\",\"as\":\"p\"}",
			   "src/main.c", 1), 0, "find: two of that name");
	is_str(act_why_str(), "found 2 files named 'util.h' below '.'", "the reason");
	act_remove("src/util.h");

	is_int(heal_actions_resolve(NULL, "lookup", NULL, &err), -1, "a resolver without 'as'");
	contains(err.msg, "without 'as'", "is an internal error");
}

/* ---- language-neutral edits ---------------------------------------------- */

static void test_replace_insert(void)
{
	static const struct act_case cases[] = {
		{ "never a fix", NULL, "none", NULL, "a.c", 1, 1, "!the rule only classifies", NULL },
		{ "at the column", NULL, "replace", "{\"old\":\"mian\",\"new\":\"main\"}",
		  "a.c", 1, 5, "a.c@4-8:main", "old=mian" },
		{ "on the line: whole words, not in mian2", NULL, "replace",
		  "{\"old\":\"mian\",\"new\":\"main\",\"scope\":\"line\"}", "a.c", 1, 0,
		  "a.c@4-8:main", NULL },
		{ "in the file, not words", NULL, "replace",
		  "{\"old\":\"mian\",\"new\":\"main\",\"word\":false,\"scope\":\"file\"}",
		  "a.c", 1, 0, "a.c@4-8:main | a.c@24-28:main", NULL },
		{ "old not found", NULL, "replace", "{\"old\":\"nothere\",\"new\":\"x\"}",
		  "a.c", 1, 5, "!'nothere' not found (location) in 'a.c'", NULL },
		{ "a record without a file", NULL, "replace", "{\"old\":\"x\",\"new\":\"y\"}",
		  NULL, 0, 0, "!the error names no file", NULL },

		{ "after the previous token: right after '1' above", NULL, "insert",
		  "{\"text\":\";\",\"at\":\"after-previous-token\"}", "b.c", 4, 1, "b.c@29-29:;", NULL },
		{ "at the line start", NULL, "insert",
		  "{\"text\":\"// ${indent}x\\n\",\"at\":\"line-start\"}", "b.c", 3, 0,
		  "b.c@20-20:// x\\n", NULL },
		{ "at the line end, after its code", NULL, "insert",
		  "{\"text\":\";\",\"at\":\"line-end\",\"comment\":\"//\"}", "b.c", 3, 0,
		  "b.c@29-29:;", NULL },
		{ "after the includes", NULL, "insert",
		  "{\"text\":\"#include <string.h>\\n\",\"at\":\"after-includes\"}", "b.c", 3, 0,
		  "b.c@19-19:#include <string.h>\\n", NULL },
		{ "an unknown position", NULL, "insert", "{\"text\":\"x\",\"at\":\"sideways\"}",
		  "b.c", 3, 0, "!unknown insert position 'sideways'", NULL },
		{ "at the location without a column", NULL, "insert", "{\"text\":\"x\"}",
		  "b.c", 3, 0, "!the error has no usable column in 'b.c'", NULL },
		/* a missing ';' after a struct in a header the file includes */
		{ "after an #include: in the header, after its brace", NULL, "insert",
		  "{\"text\":\";\",\"at\":\"after-previous-token\"}", "p.c", 2, 1, "p.h@20-20:;", NULL },
		{ "at the start of the block, with its indentation", NULL, "insert",
		  "{\"text\":\"${indent}global y\\n\",\"at\":\"block-start\"}", "c.py", 3, 0,
		  "c.py@19-19:        global y\\n", NULL },
		{ "one indentation step deeper", NULL, "insert",
		  "{\"text\":\"${indent}${step}pass\\n\",\"at\":\"line-start\"}", "c.py", 3, 0,
		  "c.py@19-19:            pass\\n", "step=    " },
	};

	act_put("a.c", "int mian(void) { return mian2; }\n");
	act_put("b.c", "#include <stdio.h>\n\nint x = 1\nint y;\n");
	act_put("p.h", "struct p {\n\tint x;\n}\n");
	act_put("p.c", "#include \"p.h\"\nint f(void);\n");
	act_put("c.py", "def f():\n    if x:\n        y = 1\n    z = 2\n");
	ACT_CHECK(cases);
}

static void test_lines_blocks(void)
{
	static const struct act_case lines[] = {
		{ "the line and its newline", NULL, "delete-line", NULL, "d.txt", 2, 0,
		  "d.txt@4-8:", NULL },
		{ "past the end", NULL, "delete-line", NULL, "d.txt", 9, 0,
		  "!the error has no line in 'd.txt'", NULL },
		{ "the first line of a block goes deeper, with the lines after it", NULL,
		  "reindent", NULL, "e.py", 2, 0, "e.py@9-9:     | e.py@15-15:    ", NULL },
		{ "to the previous line's indentation", NULL, "reindent",
		  "{\"to\":\"previous\",\"block\":false}", "f.py", 3, 0, "f.py@19-27:    ", NULL },
		{ "to the enclosing level", NULL, "reindent", "{\"to\":\"outer\"}", "f.py", 3, 0,
		  "f.py@19-27:    ", NULL },
		{ "between two levels a statement stays in its block", NULL, "reindent",
		  "{\"to\":\"outer\",\"block\":false}", "i.py", 4, 0, "i.py@34-36:    ", NULL },
		{ "between two levels a clause goes to its header's", NULL, "reindent",
		  "{\"to\":\"outer\",\"block\":false}", "i.py", 8, 0, "i.py@74-76:", NULL },
		{ "already in line", NULL, "reindent", NULL, "g.py", 2, 0,
		  "!no indentation level to move line 2 to", NULL },
		{ "the whole file without CRs", NULL, "strip-cr", NULL, "h.txt", 1, 0,
		  "h.txt@0-6:a\\nb\\n", NULL },
		{ "no CRLF", NULL, "strip-cr", NULL, "d.txt", 1, 0,
		  "!the file has no CRLF line ends", NULL },
	};
	static const struct act_case blocks[] = {
		{ "a brace where the block ends", NULL, "close-block", NULL, "g.c", 2, 0,
		  "g.c@28-28:}\\n", "opener_line=1" },
		{ "shell: fi after the indented body", NULL, "close-block", "{\"style\":\"shell\"}",
		  "g.sh", 4, 0, "g.sh@23-23:fi\\n", "closer=fi" },
		{ "every block closed", NULL, "close-block", "{\"style\":\"shell\"}", "i.sh", 3, 0,
		  "!every block in 'i.sh' is closed at its indentation", NULL },
		{ "#endif before the brace that closes the #if's block", NULL, "close-directive",
		  NULL, "k.c", 3, 0, "k.c@53-53:  #endif\\n", NULL },
		{ "a top-level conditional's end is not known, past strings, comments and a nested pair",
		  NULL, "close-directive", NULL, "l.c", 1, 0,
		  "!where the #endif of line 1 goes is not known", NULL },
		{ "after a default's #define under its #ifndef", NULL, "close-directive", NULL,
		  "n.c", 1, 0, "n.c@32-32:#endif\\n", NULL },
		{ "a guard's #define has no value: not known", NULL, "close-directive", NULL,
		  "o.h", 1, 0, "!where the #endif of line 1 goes is not known", NULL },
		{ "a conditional closed later is not unterminated", NULL, "close-directive", NULL,
		  "m.c", 1, 0, "!the conditional is closed on line 3", NULL },
		{ "no directive on the line", NULL, "close-directive", NULL, "g.c", 2, 0,
		  "!line 2 is no #if, #else or #elif", NULL },
		{ "at the end of the opener", NULL, "add-keyword",
		  "{\"keyword\":\"then\",\"opener\":\"^\\\\s*if\\\\b\"}", "h.sh", 3, 0,
		  "h.sh@11-11:; then", NULL },
		{ "the opener has it", NULL, "add-keyword",
		  "{\"keyword\":\"then\",\"opener\":\"^\\\\s*if\\\\b\"}", "i.sh", 3, 0,
		  "!no opener without 'then' above line 3", NULL },
		{ "groups in the replacement", NULL, "regex-replace",
		  "{\"pattern\":\"(\\\\w+)\\\\.has_key\\\\((\\\\w+)\\\\)\",\"replace\":\"\\\\2 in \\\\1\"}",
		  "r.py", 1, 0, "r.py@3-15:k in d", NULL },
		{ "before: the loop header's name, once", "v=j", "regex-replace",
		  "{\"pattern\":\"\\\\bi\\\\b\",\"replace\":\"${v}\",\"scope\":\"before\"}",
		  "r.py", 4, 0, "r.py@30-31:j", NULL },
		{ "all in the file", NULL, "regex-replace",
		  "{\"pattern\":\"\\\\bi\\\\b\",\"replace\":\"j\",\"scope\":\"file\",\"all\":true}",
		  "r.py", 4, 0, "r.py@30-31:j | r.py@53-54:j", NULL },
		{ "through: the nearest match that starts on the error's line too", NULL,
		  "regex-replace",
		  "{\"pattern\":\"(int[^;\\\\n]*[ ,])s(?=[ \\\\t]*[,;])\",\"replace\":\"\\\\1s = 0\",\"scope\":\"through\"}",
		  "tt.c", 1, 0, "tt.c@0-5:int s = 0", NULL },
		{ "no match", NULL, "regex-replace", "{\"pattern\":\"nomatch\",\"replace\":\"x\"}",
		  "r.py", 1, 0, "!the pattern does not match in 'r.py'", NULL },
	};

	act_put("d.txt", "one\ntwo\nthree\n");
	act_put("e.py", "def f():\nx = 1\ny = 2\n");
	act_put("f.py", "def f():\n    x = 1\n        y = 2\n");
	act_put("g.py", "x = 1\ny = 2\n");
	act_put("i.py", "def f(x):\n    if x:\n        x = 1\n  return x\nif 1:\n    if 2:\n        pass\n  else:\n    pass\n");
	act_put("h.txt", "a\r\nb\r\n");
	ACT_CHECK(lines);

	act_put("g.c", "int f(void) {\n    return 0;\n");
	act_put("g.sh", "if true; then\n  echo a\n\necho b\n");
	act_put("i.sh", "if [ -f x ]; then\n  echo y\nfi\n");
	act_put("h.sh", "if [ -f x ]\n  echo y\nfi\n");
	act_put("r.py", "if d.has_key(k):\n    pass\nfor i in range(n):\n    use(i)\n");
	act_put("tt.c", "int s, t;\nt = s + 1;\n");
	act_put("k.c", "int f(int r) {\n  for (;;) {\n  #if X\n    r++; /* } */\n  }\n  return r;\n}\n");
	act_put("l.c", "#ifdef A\n#if B\nint b;\n#endif\nchar *s = \"}\"; // }\n/* }\n} */\nint c;");
	act_put("m.c", "#if A\nint a;\n#endif\n");
	act_put("n.c", "#ifndef BUFSZ\n\n#define BUFSZ 64\nint main(void) { return 0; }\n");
	act_put("o.h", "#ifndef O_H\n#define O_H\nint o(void);\n");
	ACT_CHECK(blocks);
}

/* "\n" in an action's text becomes "\r\n" in a CRLF file. */
static void test_crlf(void)
{
	static const struct act_case cases[] = {
		{ "the line end follows the file", NULL, "insert",
		  "{\"text\":\"int y;\\n\",\"at\":\"line-start\"}", "w.c", 2, 0,
		  "w.c@8-8:int y;\\r\\n", NULL },
		{ "into a CRLF file: CRLF too", NULL, "add-include", "{\"header\":\"stdio.h\"}",
		  "w.c", 2, 0, "w.c@0-0:#include <stdio.h>\\r\\n\\r\\n", NULL },
		{ "LF when the first line has LF", NULL, "insert",
		  "{\"text\":\"z\\n\",\"at\":\"line-start\"}", "x.c", 2, 0, "x.c@7-7:z\\n", NULL },
	};

	act_put("w.c", "int x;\r\nint main(void) { return 0; }\r\n");
	act_put("x.c", "int x;\nint y;\r\n");
	ACT_CHECK(cases);
}

/* ---- C ---------------------------------------------------------------------- */

static void test_c(void)
{
	static const struct act_case cases[] = {
		{ "after the last include", NULL, "add-include", "{\"header\":\"stdio.h\"}",
		  "m.c", 3, 18, "m.c@20-20:#include <stdio.h>\\n", "header=stdio.h" },
		{ "already there", NULL, "add-include", "{\"header\":\"stdlib.h\"}", "m.c", 3, 18,
		  "!'m.c' already includes <stdlib.h>", NULL },
		{ "at the top, in quotes, a blank line before the code", NULL, "add-include",
		  "{\"header\":\"util.h\",\"system\":false}", "n.c", 1, 0,
		  "n.c@0-0:#include \"util.h\"\\n\\n", NULL },
		{ "inside a header's guard", NULL, "add-include", "{\"header\":\"stddef.h\"}",
		  "n.h", 3, 0, "n.h@24-24:#include <stddef.h>\\n", NULL },
		{ "above the first use's function", NULL, "add-prototype", "{\"name\":\"twice\"}",
		  "o.c", 3, 9, "o.c@0-0:int twice(int x);\\n\\n", "prototype=int twice(int x)" },
		{ "not used before its definition", NULL, "add-prototype", "{\"name\":\"main\"}",
		  "o.c", 3, 9, "!'main' is not used before its definition", NULL },
		{ "the declaration and its assignment", NULL, "delete-declaration",
		  "{\"name\":\"unused\",\"assignments\":\"delete\"}", "q.c", 3, 6,
		  "q.c@17-34: | q.c@48-61:", NULL },
		{ "an initializer with a call", NULL, "delete-declaration", "{\"name\":\"n\"}",
		  "q.c", 4, 6, "!line 4 is not a plain declaration of 'n' alone", NULL },
		{ "an assignment that is an if's statement", NULL, "delete-declaration",
		  "{\"name\":\"k\",\"assignments\":\"delete\"}", "r.c", 3, 6,
		  "!the assignment on line 5 is the lone statement of the line above", NULL },
		{ "at the top of the body", NULL, "void-cast", "{\"name\":\"x\"}", "s.c", 1, 11,
		  "s.c@14-14:\\n\\t(void)x;", NULL },
		{ "after the line, with its indentation", NULL, "void-cast",
		  "{\"name\":\"x\",\"where\":\"after-line\"}", "s.c", 3, 0,
		  "s.c@26-26:\\t(void)x;\\n", NULL },
		{ "a declaration", NULL, "void-cast", "{\"name\":\"x\"}", "t.h", 1, 11,
		  "!no function body after line 1", NULL },
		{ "the neutral value before the closing brace", NULL, "add-return", NULL,
		  "t.c", 5, 1, "t.c@35-35:\\treturn 0;\\n", "value=0" },
		{ "the complement of 0 is -1", NULL, "add-return", "{\"only\":\"complement\"}",
		  "u.c", 5, 1, "u.c@35-35:\\treturn -1;\\n", "value=-1" },
		{ "a pointer that is NULL already", NULL, "add-return", "{\"only\":\"complement\"}",
		  "v.c", 5, 1, "!the function's other returns leave no one value for the end", NULL },
		{ "not at a brace", NULL, "add-return", NULL, "t.c", 4, 1,
		  "!line 4 is not the closing brace of a function", NULL },
		{ "the conversion, its flags kept", NULL, "format-spec", "{\"conversion\":\"ld\"}",
		  "w.c", 2, 26, "w.c@33-36:%5ld", "new=%5ld" },
		{ "no conversion at the column", NULL, "format-spec", "{\"conversion\":\"ld\"}",
		  "w.c", 2, 5, "!no conversion at the location", NULL },
		{ "brace-body: the ';' that ends an if", NULL, "brace-body", NULL,
		  "bb.c", 3, 0, "bb.c@26-27:", NULL },
		{ "brace-body: two statements under an if, K&R", NULL, "brace-body", NULL,
		  "bc.c", 2, 0, "bc.c@26-26: { | bc.c@40-40:\\n\\t}", NULL },
		{ "brace-body: from the statement clang names", NULL, "brace-body", NULL,
		  "bc.c", 4, 0, "bc.c@26-26: { | bc.c@40-40:\\n\\t}", NULL },
		{ "brace-body: the if of an else without one", NULL, "brace-body",
		  "{\"at\":\"else\"}", "bd.c", 6, 0, "bd.c@26-26: { | bd.c@40-40:\\n\\t}", NULL },
		{ "brace-body: a braced body", NULL, "brace-body", NULL, "be.c", 3, 0,
		  "!the if's body is braced", NULL },
		{ "brace-body: one statement under it says what it does", NULL, "brace-body", NULL,
		  "be.c", 7, 0, "!the indentation under the while says what the code does", NULL },
		{ "list-item: a play's keys at the margin, a second document left alone", NULL,
		  "list-item", NULL, "la.yml", 2, 1,
		  "la.yml@4-47:- hosts: all\\n  tasks:\\n\\n    - debug: msg=hi\\n  # done", NULL },
		{ "list-item: keys indented already", NULL, "list-item", NULL, "lb.yml", 1, 3,
		  "lb.yml@0-2:- ", NULL },
		{ "list-item: a list already", NULL, "list-item", NULL, "lc.yml", 1, 1,
		  "!line 1 is a list item already", NULL },
		{ "list-item: no key", NULL, "list-item", NULL, "ld.yml", 1, 1,
		  "!line 2 is no mapping key", NULL },
		{ "merge-block: the second's body into the first, strings and comments skipped", NULL,
		  "merge-block", "{\"line\":\"2\"}", "mb.tf", 5, 0,
		  "mb.tf@43-43:    y = \"}\" # }\\n    /* { */\\n | mb.tf@47-93:", NULL },
		{ "merge-block: a heredoc's braces", NULL,
		  "merge-block", "{\"line\":\"1\"}", "mh.tf", 4, 0,
		  "mh.tf@17-17:  t = <<-EOT\\n    }\\n    EOT\\n | mh.tf@19-57:", NULL },
		{ "merge-block: one inside the other", NULL, "merge-block", "{\"line\":\"1\"}",
		  "mb.tf", 5, 0, "!the blocks overlap", NULL },
		{ "merge-block: a closing brace after code", NULL, "merge-block", "{\"line\":\"1\"}",
		  "mc.tf", 4, 0, "!a block's closing brace is not alone on its line", NULL },
		{ "merge-block: a line that opens no block", NULL, "merge-block", "{\"line\":\"3\"}",
		  "mb.tf", 5, 0, "!line 5 or line 3 opens no block", NULL },
		{ "wrap-block: nested two blanks further in", NULL, "wrap-block",
		  "{\"name\":\"terraform\"}", "wb.tf", 1, 0,
		  "wb.tf@0-33:terraform {\\n  backend \"local\" {\\n    path = \"x\"\\n\\n  }\\n}", NULL },
		{ "wrap-block: no block", NULL, "wrap-block", "{\"name\":\"terraform\"}", "wb.tf", 2, 0,
		  "!line 2 opens no block that ends in a brace alone on its line", NULL },
		{ "string-list: items at the commas, trimmed", NULL, "string-list", NULL, "sl.tf", 1, 0,
		  "sl.tf@12-23:[\"a\", \"b c\"]", NULL },
		{ "string-list: at the semicolons; a comment after it", NULL, "string-list", NULL, "sl.tf", 2, 0,
		  "sl.tf@34-39:[\"x\", \"y\"]", NULL },
		{ "string-list: a string alone is a list of one", NULL, "string-list", NULL, "sl.tf", 3, 0,
		  "sl.tf@57-61:[\"eu\"]", NULL },
		{ "string-list: a template is no plain string", NULL, "string-list", NULL, "sl.tf", 4, 0,
		  "!the line's value is no plain string", NULL },
		{ "drop-arguments: at the called name (gcc), past the declared two", NULL,
		  "drop-arguments", NULL, "da.c", 4, 9, "da.c@58-67:", NULL },
		{ "drop-arguments: at the first argument too many (clang), nested calls kept whole",
		  NULL, "drop-arguments", NULL, "da.c", 4, 21, "da.c@58-67:", NULL },
		{ "drop-arguments: a call with no argument too many", NULL, "drop-arguments", NULL,
		  "da.c", 4, 32, "!the call has no argument past the function's 2", NULL },
		{ "drop-arguments: (void) takes none", NULL, "drop-arguments", NULL, "dc.c", 2, 25,
		  "dc.c@39-40:", NULL },
		{ "drop-arguments: a variadic function is left", NULL, "drop-arguments", NULL,
		  "db.c", 2, 25, "!the function's parameters are not declared in 'db.c'", NULL },
	};

	act_put("m.c", "#include <stdlib.h>\n\nint main(void) { printf(\"x\"); return 0; }\n");
	act_put("n.c", "int main(void) { return 0; }\n");
	act_put("n.h", "#ifndef N_H\n#define N_H\nint n(void);\n#endif\n");
	act_put("o.c", "int main(void)\n{\n\treturn twice(2);\n}\n\n"
		"int twice(int x)\n{\n\treturn 2 * x;\n}\n");
	act_put("q.c", "int main(void)\n{\n\tint unused = 3;\n\tint n = f();\n"
		"\tunused = 4;\n\treturn n;\n}\n");
	act_put("r.c", "int main(void)\n{\n\tint k = 0;\n\tif (g())\n\t\tk = 1;\n\treturn 0;\n}\n");
	act_put("s.c", "int f(int x)\n{\n\treturn 0;\n}\n");
	act_put("t.h", "int f(int x);\n");
	act_put("t.c", "int f(int x)\n{\n\tif (x)\n\t\treturn 1;\n}\n");
	act_put("u.c", "int f(int x)\n{\n\tif (x)\n\t\treturn 0;\n}\n");
	act_put("v.c", "char *f(int x)\n{\n\tif (x)\n\t\treturn NULL;\n}\n");
	act_put("w.c", "long v;\nint main(void) { printf(\"%5d\\n\", v); }\n");
	act_put("mb.tf", "resource \"r\" \"a\" {\n  lifecycle {\n    x = 1\n  }\n  lifecycle {\n"
		"    y = \"}\" # }\n    /* { */\n  }\n}\n");
	act_put("mh.tf", "locals {\n  a = 1\n}\nlocals {\n  t = <<-EOT\n    }\n    EOT\n}\n");
	act_put("wb.tf", "backend \"local\" {\n  path = \"x\"\n\n}\n\nlocals {}\n");
	act_put("sl.tf", "  default = \" a , b c,\"\n  zones = \"x;y\" # two\n  region = \"eu\"\n  t = \"${x},y\"\n");
	act_put("mc.tf", "locals {\n  a = 1\n}\nlocals {\n  b = 2 }\n");
	act_put("bb.c", "int f(int n)\n{\n\tif (n > 5);\n\t\tn++;\n\treturn n;\n}\n");
	act_put("bc.c", "int f(int n) {\n\tif (n > 5)\n\t\tn++;\n\t\tn--;\n\treturn n;\n}\n");
	act_put("bd.c", "int f(int n)\n{\n\tif (n > 5)\n\t\tn++;\n\t\tn--;\n\telse\n"
		"\t\tn = 0;\n\treturn n;\n}\n");
	act_put("be.c", "int f(int n)\n{\n\tif (n > 5) {\n\t\tn++;\n\t}\n"
		"\twhile (n > 0)\n\t\tn--;\n\treturn n;\n}\n");
	act_put("la.yml", "---\nhosts: all\ntasks:\n\n  - debug: msg=hi\n# done\n---\nother: 1\n");
	act_put("lb.yml", "  name: x\n  hosts: all\n");
	act_put("lc.yml", "- hosts: all\n");
	act_put("ld.yml", "# c\njust text\n");
	act_put("da.c", "int add(int a, int b);\nint main(void)\n{\n"
		"\treturn add(1, (2), f(3, 4)) + add(1, 2);\n}\n"
		"int add(int a, int b) { return a + b; }\n");
	act_put("db.c", "int v(int a, ...);\nint main(void) { return v(1, 2, 3); }\n");
	act_put("dc.c", "int z(void);\nint main(void) { return z(1); }\n");
	ACT_CHECK(cases);
}

/* ---- Python, shell, make ------------------------------------------------------ */

static void test_python(void)
{
	static const struct act_case cases[] = {
		{ "a tab becomes the file's unit", NULL, "space-indent", NULL, "a.py", 2, 0,
		  "a.py@9-10:    ", NULL },
		{ "a tab as Python reads it (8) where one unit leaves the line out of "
		  "its block", NULL, "space-indent", NULL, "uc.py", 3, 0,
		  "uc.py@20-21:        ", NULL },
		{ "no tabs", NULL, "space-indent", NULL, "b.py", 2, 0,
		  "!no line is indented with tabs", NULL },
		{ "after the imports", NULL, "add-import", "{\"module\":\"os\"}", "c.py", 4, 7,
		  "c.py@34-34:import os\\n", NULL },
		{ "already imported", NULL, "add-import", "{\"module\":\"sys\"}", "c.py", 4, 7,
		  "!'c.py' already has 'import sys'", NULL },
		{ "a name, no imports yet: two blank lines before a def", NULL, "add-import",
		  "{\"module\":\"os\",\"name\":\"path\"}", "b.py", 2, 12,
		  "b.py@0-0:from os import path\\n\\n\\n", NULL },
		{ "before the comment, innermost first", NULL, "close-brackets", NULL,
		  "d.py", 1, 0, "d.py@14-14:])", "closers=])" },
		{ "balanced", NULL, "close-brackets", NULL, "d.py", 2, 0,
		  "!line 2 leaves no bracket open", NULL },
		{ "the name and its comma", NULL, "remove-import-name", "{\"name\":\"path\"}",
		  "e.py", 1, 0, "e.py@15-21:", NULL },
		{ "used elsewhere", NULL, "remove-import-name", "{\"name\":\"sep\"}", "e.py", 1, 0,
		  "!'sep' is used elsewhere in 'e.py'", NULL },
		{ "the only name: the whole line", NULL, "remove-import-name", "{\"name\":\"path\"}",
		  "f.py", 1, 0, "f.py@0-20:", NULL },
		{ "look-alikes: a string in typographic quotes keeps its text; fullwidth "
		  "punctuation; the comment as written", NULL, "ascii-lookalikes", NULL,
		  "ua.py", 1, 0, "ua.py@6-9:\" | ua.py@15-18:\" | ua.py@18-21:, | ua.py@25-28:)", NULL },
		{ "look-alikes: text in an ASCII string is the string's", NULL,
		  "ascii-lookalikes", NULL, "ub.py", 1, 0, "ub.py@12-15:- | ub.py@15-17: ", NULL },
		{ "look-alikes: a zero-width space is dropped", NULL,
		  "ascii-lookalikes", NULL, "ub.py", 2, 0, "ub.py@24-27:", NULL },
		{ "return-printed: the function's last print returns its value, a comment kept",
		  NULL, "return-printed", "{\"name\":\"t\"}", "rp.py", 1, 0,
		  "rp.py@57-65:return s", NULL },
		{ "return-printed: a print of two values is no value", NULL, "return-printed",
		  "{\"name\":\"u\"}", "rp.py", 1, 0, "!u() does not end in a print of one value",
		  NULL },
		{ "return-printed: a function that returns already", NULL, "return-printed",
		  "{\"name\":\"v\"}", "rp.py", 1, 0,
		  "!v() returns, yields or defines a function itself", NULL },
		{ "add-final-return: after the body's last line, at its indentation", NULL,
		  "add-final-return", "{\"name\":\"u\",\"value\":\"self\"}", "rp.py", 1, 0,
		  "rp.py@103-103:    return self\\n", NULL },
		{ "add-final-return: a function that returns already", NULL, "add-final-return",
		  "{\"name\":\"v\",\"value\":\"self\"}", "rp.py", 1, 0,
		  "!v() returns, yields or defines a function itself", NULL },
		{ "look-alikes: none", NULL, "ascii-lookalikes", NULL, "f.py", 2, 0,
		  "!line 2 holds no look-alike of an ASCII character outside its strings and comments",
		  NULL },
	};

	act_put("a.py", "def f():\n\tx = 1\n    y = 2\n");
	act_put("b.py", "def f():\n    return path.join('a')\n");
	act_put("c.py", "#!/usr/bin/env python3\nimport sys\n\nprint(os.getcwd())\n");
	act_put("d.py", "x = f(a, [1, 2  # more\ny = 3\n");
	act_put("e.py", "from os import path, sep\nprint(sep)\n");
	act_put("f.py", "from os import path\nx = 1\n");
	act_put("uc.py", "def f(x):\n    if x:\n\treturn 1\n    return 0\n");
	act_put("ua.py", "print(\u201cIt\u2019s\u201d\uff0cname\uff09  # \u201cok\u201d\n");
	act_put("ub.py", "x = \"a\u2013b\" \u2013\u00a01\ny = 2\u200b\n");
	act_put("rp.py", "def t(xs):\n    s = 0\n    for x in xs:\n        s += x\n    print(s)  # sum\n\n"
		"def u():\n    print('a', 'b')\n\ndef v(n):\n    if n:\n        return 1\n    print(n)\n");
	ACT_CHECK(cases);
}

static void test_shell(void)
{
	static const struct act_case cases[] = {
		{ "no column: the unquoted one in the tests", NULL, "quote-expansion", NULL,
		  "q.sh", 1, 0, "q.sh@5-5:\" | q.sh@7-7:\"", NULL },
		{ "at the column", NULL, "quote-expansion", NULL, "q.sh", 2, 8,
		  "q.sh@43-43:\" | q.sh@45-45:\"", NULL },
		{ "quoted already", NULL, "quote-expansion", NULL, "q.sh", 1, 21,
		  "!the expansion at the location is quoted already", NULL },
		{ "nothing to quote", NULL, "quote-expansion", NULL, "r.sh", 1, 0,
		  "!no unquoted expansion in a test on line 1", NULL },
	};

	act_put("q.sh", "if [ $x = 1 ] && [ \"$y\" = 2 ]; then\n  echo $x\nfi\n");
	act_put("r.sh", "echo hello\n");
	ACT_CHECK(cases);

	/* shellcheck's tty format: the caret under the echoed line */
	act_put("s.sh", "cp $src $dst\n");
	act_rec_text = "{\"v\":1,\"kind\":\"error\",\"code\":\"SC2086\",\"raw\":"
		       "\"In s.sh line 1:\\ncp $src $dst\\n        ^--^ SC2086 (info): Double quote\\n\"}";
	is_int(act_run("quote-expansion", NULL, "s.sh", 1, 0), 1,
	       "quote-expansion at shellcheck's caret");
	is_str(act_edits(), "s.sh@8-8:\" | s.sh@12-12:\"", "around $dst");
	act_rec_text = NULL;
}

static void test_make(void)
{
	static const struct act_case cases[] = {
		{ "the spaces become a tab", NULL, "tab-indent", NULL, "Makefile", 4, 0,
		  "Makefile@22-26:\\t", NULL },
		{ "all: every recipe below", NULL, "tab-indent", "{\"all\":true}", "Makefile", 4, 0,
		  "Makefile@22-26:\\t | Makefile@51-53:\\t", NULL },
		{ "not spaces", NULL, "tab-indent", NULL, "Makefile", 3, 0,
		  "!line 3 is not indented with spaces", NULL },
	};
	static const struct act_case links[] = {
		{ "to LDLIBS", NULL, "add-link-lib", "{\"lib\":\"m\"}", "main.c", 0, 0,
		  "Makefile@20-20: -lm", "flag=-lm" },
		{ "linked already", NULL, "add-link-lib", "{\"lib\":\"z\"}", "main.c", 0, 0,
		  "!the Makefile links -lz already", NULL },
	};

	act_put("Makefile", "all: app\n\napp: main.o\n    cc -o app main.o\n\nclean:\n  rm -f app\n");
	ACT_CHECK(cases);

	act_put("Makefile", "CC = cc\nLDLIBS = -lz\napp: main.o\n\t$(CC) -o app main.o $(LDLIBS)\n");
	ACT_CHECK(links);
	act_put("Makefile", "app: main.o\n\tcc -o app main.o\n");
	is_int(act_run("add-link-lib", "{\"lib\":\"m\"}", "main.c", 0, 0), 1,
	       "add-link-lib: a recipe without LDLIBS");
	is_str(act_edits(), "Makefile@29-29: -lm", "on the link line");
	act_put("Makefile", "CC = cc\nCFLAGS = -O2\n\napp: main.o\n");
	is_int(act_run("add-link-lib", "{\"lib\":\"m\"}", "main.c", 0, 0), 1,
	       "add-link-lib: no LDLIBS, no link recipe");
	is_str(act_edits(), "Makefile@21-21:LDLIBS += -lm\\n", "after the last variable");
	act_remove("Makefile");
	is_int(act_run("add-link-lib", "{\"lib\":\"m\"}", "main.c", 0, 0), 0,
	       "add-link-lib: no Makefile");
	is_str(act_why_str(), "no Makefile in the project root", "the reason");
}

/* ---- system ------------------------------------------------------------------- */

static void test_system(void)
{
	static const char *const installer[] = { "pip3", "install", "--user", NULL };
	static const struct act_case cases[] = {
		{ "executable already", NULL, "chmod", "{\"path\":\"x.sh\"}", NULL, 0, 0,
		  "!'x.sh' is executable already", NULL },
		{ "outside the project", NULL, "chmod", "{\"path\":\"/etc/passwd\"}", NULL, 0, 0,
		  "!'/etc/passwd' is outside the project", NULL },
		{ "exists", NULL, "mkdir", "{\"path\":\"x.sh\"}", NULL, 0, 0, "!'x.sh' exists", NULL },
		{ "a captured value that is no plain name", "target=a;rm -rf /", "command",
		  "{\"argv\":[\"make\",\"${target}\"]}", NULL, 0, 0,
		  "!argument 1 ('a;rm -rf /') is not a safe plain name", NULL },
		{ "a standard module", NULL, "install",
		  "{\"module\":\"os.path\",\"stdlib\":\"stdlib\"}", NULL, 0, 0,
		  "!'os' is in the standard library", NULL },
		{ "a package of the project", NULL, "install", "{\"module\":\"mine\"}",
		  NULL, 0, 0, "!'mine' is a directory of the project", NULL },
	};
	char want[256];

	act_put_mode("run.sh", "#!/bin/sh\necho hi\n", 0644);
	act_put_mode("x.sh", "#!/bin/sh\n", 0700);
	act_put("mine/__init__.py", "");
	act_table("python-distributions", "{\"yaml\":\"PyYAML\"}");
	act_table("stdlib", "[\"os\",\"sys\"]");
	ACT_CHECK(cases);

	is_int(act_run("chmod", "{\"path\":\"./run.sh\"}", NULL, 0, 0), 1, "chmod");
	snprintf(want, sizeof(want), "[{\"file\":\"run.sh\",\"mode\":\"0755\",\"sha256\":\"%s\"}]",
		 heal_sources_get(&act_src, "run.sh", NULL)->sha256);
	is_str(act_member("chmod"), want, "the execute bits where read is");

	is_int(act_run("mkdir", "{\"path\":\"out/logs\"}", NULL, 0, 0), 1, "mkdir");
	is_str(act_member("mkdir"), "[\"out/logs\"]", "the directory");

	act_var("target", "all");
	is_int(act_run("command", "{\"argv\":[\"make\",\"${target}\"]}", NULL, 0, 0), 1, "command");
	is_str(act_member("command"), "[\"make\",\"all\"]", "the argv");
	is_str(act_got("command"), "make all", "and its text");

	is_int(act_run("install", "{\"module\":\"yaml.constructor\",\"stdlib\":\"stdlib\"}",
		       NULL, 0, 0), 1, "install");
	is_str(act_member("command"), "[\"python3\",\"-m\",\"pip\",\"install\",\"PyYAML\"]",
	       "the distribution of the top-level module");
	act_installer = installer;
	is_int(act_run("install", "{\"module\":\"requests\"}", NULL, 0, 0), 1,
	       "install with a configured installer");
	is_str(act_member("command"), "[\"pip3\",\"install\",\"--user\",\"requests\"]",
	       "its argv, then the module");
	act_installer = NULL;
}

int main(void)
{
	act_open();
	test_table();
	test_edit_distance();
	test_resolve_closest();
	test_resolve_paths();
	test_replace_insert();
	test_lines_blocks();
	test_crlf();
	test_c();
	test_python();
	test_shell();
	test_make();
	test_system();
	act_close();
	return tap_done();
}
