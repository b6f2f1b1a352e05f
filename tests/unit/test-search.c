/*
 * test-search.c - the repair search's parts without a checker: message
 * templates (the same as scripts/repairlib.py's), the lexers, and the
 * candidate generator per language (what it proposes, how the priors
 * order it, that an edit deleting code is marked).
 */
#include <stdlib.h>
#include <string.h>

#include "heal_gen.h"
#include "heal_prior.h"
#include "heal_tokens.h"
#include "tap.h"

static void template_is(const char *msg, enum heal_prior_keep k, const char *want)
{
	char *t = heal_prior_template(msg, k);

	if (!ok(strcmp(t, want) == 0, "template of \"%s\"", msg))
		printf("#   got \"%s\", want \"%s\"\n", t, want);
	free(t);
}

static void test_templates(void)
{
	char *q[HEAL_PRIOR_QUOTES];
	size_t n, i;

	/* each case checked against repairlib.template() */
	template_is("expected ';' after expression", HEAL_KEEP_C,
		    "expected ';' after expression");
	template_is("use of undeclared identifier 'foo'; did you mean 'fo'?", HEAL_KEEP_C,
		    "use of undeclared identifier %s; did you mean %s?");
	template_is("too few arguments to function call, expected 2, have 1", HEAL_KEEP_C,
		    "too few arguments to function call, expected %d, have %d");
	template_is("\xe2\x80\x98x\xe2\x80\x99 undeclared (first use in this function)",
		    HEAL_KEEP_C, "%s undeclared (first use in this function)");
	template_is("unused variable 'x' [-Wunused-variable]", HEAL_KEEP_C,
		    "unused variable %s");
	template_is("incompatible pointer types passing 'int *' to parameter of type "
		    "'char *' (aka 'char *') at 3.5x", HEAL_KEEP_C,
		    "incompatible pointer types passing %s to parameter of type %s at %d.5x");
	template_is("expected 'while' in do/while loop", HEAL_KEEP_C,
		    "expected 'while' in do/while loop");
	template_is("unknown type name 'x2'; line -12 12abc", HEAL_KEEP_C,
		    "unknown type name %s; line %d 12abc");
	template_is("expected ':'", HEAL_KEEP_PYTHON, "expected ':'");
	template_is("syntax error near unexpected token `fi'", HEAL_KEEP_SHELL,
		    "syntax error near unexpected token 'fi'");
	n = heal_prior_quoted("use of undeclared identifier 'foo'; did you mean 'fo'?", q,
			      HEAL_PRIOR_QUOTES);
	ok(n == 2 && !strcmp(q[0], "foo") && !strcmp(q[1], "fo"), "quoted parts in order");
	for (i = 0; i < n; i++)
		free(q[i]);
}

static void lex_is(enum heal_lang_id id, const char *src, const char *want)
{
	const struct heal_lang *l = heal_lang_get(id);
	struct heal_tokens t;
	struct heal_buf b;
	char c[64];
	size_t i;

	heal_buf_init(&b, 1024);
	heal_tokens_init(&t);
	heal_tokens_lex(&t, l, src, strlen(src));
	for (i = 0; i < t.n; i++) {
		heal_tok_class(&t.v[i], src, c, sizeof(c));
		heal_buf_putf(&b, "%s%s", i ? " " : "", c);
	}
	if (!ok(strcmp(heal_buf_str(&b), want) == 0, "%s tokens: %s", l->name, want))
		printf("#   got \"%s\"\n#  want \"%s\"\n", heal_buf_str(&b), want);
	heal_buf_release(&b);
	heal_tokens_release(&t);
}

static void test_lexers(void)
{
	lex_is(HEAL_LANG_C, "#include <stdio.h>\nint x = 5 /* c */; // d\nputs(\"hi);\n",
	       "# $id $hdr int $id = $num ; $id ( $str");
	lex_is(HEAL_LANG_CXX, "std::cout << 'a' << 1.5e-3;", "$id :: $id << $chr << $num ;");
	lex_is(HEAL_LANG_PYTHON, "if x == 1: # c\n    s = r'''a\nb''' + f\"{x}\"\n",
	       "if $id == $num : $id = $str + $str");
	lex_is(HEAL_LANG_BASH, "if [ \"$x\" = y ]; then echo $HOME; fi # c\n",
	       "if [ \" $str \" $word $word ] ; then $word $var ; fi");
	lex_is(HEAL_LANG_TERRAFORM, "resource \"a\" \"b\" {\n  n = 1 # c\n}\n",
	       "resource $str $str { $id = $num }");
	lex_is(HEAL_LANG_YAML, "- name: x\n  k: [1, 'a']\n",
	       "- $id : $id $id : [ $num , $str ]");
}

/* The candidates for an error in src at (line, col). */
static void gen(struct heal_gen *g, enum heal_lang_id id, const char *src, size_t line,
		size_t col, const char *msg, const struct heal_prior_view *pv)
{
	struct heal_gen_site s;

	memset(&s, 0, sizeof(s));
	s.lang = heal_lang_get(id);
	s.data = src;
	s.len = strlen(src);
	s.line = line;
	s.caret = heal_gen_offset(src, s.len, line, col);
	s.message = msg;
	s.prior = pv;
	heal_gen_run(g, &s);
}

/* The place (from 0) of the candidate that makes src want, or -1. */
static long find(const struct heal_gen *g, const char *src, const char *want)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		size_t n;
		char *r = heal_gen_apply(&g->v[i], src, strlen(src), &n);
		bool hit = strcmp(r, want) == 0;

		free(r);
		if (hit)
			return (long)i;
	}
	return -1;
}

static void proposes(enum heal_lang_id id, const char *src, size_t line, size_t col,
		     const char *msg, const char *want, const char *kind)
{
	struct heal_gen g;
	long i;

	heal_gen_init(&g);
	gen(&g, id, src, line, col, msg, NULL);
	i = find(&g, src, want);
	if (ok(i >= 0, "%s: '%s' proposes the fix", heal_lang_get(id)->name, msg))
		ok(strcmp(g.v[i].kind, kind) == 0 && !g.v[i].loses_code,
		   "  named %s (got %s), keeps the code", kind, g.v[i].kind);
	else
		ok(0, "  named %s", kind);
	heal_gen_release(&g);
}

/* How many candidates of kind (whose text holds has, when given) the
 * generator proposes for the error. */
static size_t count_kind(enum heal_lang_id id, const char *src, size_t line, size_t col,
			 const char *msg, const char *kind, const char *has)
{
	struct heal_gen g;
	size_t i, n = 0;

	heal_gen_init(&g);
	gen(&g, id, src, line, col, msg, NULL);
	for (i = 0; i < g.n; i++)
		n += strcmp(g.v[i].kind, kind) == 0 && (!has || strstr(g.v[i].text, has));
	heal_gen_release(&g);
	return n;
}

static void test_generator(void)
{
	struct heal_gen g;
	size_t i;
	bool seen_lose = false;

	proposes(HEAL_LANG_C, "int main(void)\n{\n\tint x = 5\n\treturn x;\n}\n", 3, 11,
		 "expected ';' at end of declaration",
		 "int main(void)\n{\n\tint x = 5;\n\treturn x;\n}\n", "ins:;@caret");
	proposes(HEAL_LANG_C, "int f(int a)\n{\n\tif (a > 1 {\n\t\treturn 1;\n\t}\n\treturn 0;\n}\n",
		 3, 12, "expected ')'",
		 "int f(int a)\n{\n\tif (a > 1) {\n\t\treturn 1;\n\t}\n\treturn 0;\n}\n",
		 "ins:)@caret");
	proposes(HEAL_LANG_C, "int f(int count)\n{\n\treturn cuont;\n}\n", 3, 9,
		 "use of undeclared identifier 'cuont'",
		 "int f(int count)\n{\n\treturn count;\n}\n", "rep:$id ~> $id.near@caret");
	proposes(HEAL_LANG_C, "#include <stdio.h>\nint main(void)\n{\n\tputs(\"hi);\n}\n", 4, 7,
		 "missing terminating '\"' character",
		 "#include <stdio.h>\nint main(void)\n{\n\tputs(\"hi\");\n}\n", "cins:\"@caret");
	proposes(HEAL_LANG_CXX, "int main()\n{\n\tint a[3] = {1, 2, 3;\n\treturn a[0];\n}\n",
		 3, 21, "expected '}'",
		 "int main()\n{\n\tint a[3] = {1, 2, 3};\n\treturn a[0];\n}\n", "ins:}@caret");
	proposes(HEAL_LANG_PYTHON, "def f(x):\n    if x == 1\n        return 2\n", 2, 14,
		 "expected ':'", "def f(x):\n    if x == 1:\n        return 2\n", "ins::@caret");
	proposes(HEAL_LANG_PYTHON, "print('a' 'b', x y)\n", 1, 17,
		 "invalid syntax. Perhaps you forgot a comma?",
		 "print('a' 'b', x, y)\n", "ins:,@caret");
	proposes(HEAL_LANG_PYTHON, "if x:\n    y = 1\nelis x > 2:\n    y = 2\n", 3, 6,
		 "invalid syntax", "if x:\n    y = 1\nelif x > 2:\n    y = 2\n",
		 "rep:$id ~> $id.kw@caret-1");
	proposes(HEAL_LANG_C, "int f(int a)\n{\n\tretrun a;\n}\n", 3, 2,
		 "use of undeclared identifier 'retrun'", "int f(int a)\n{\n\treturn a;\n}\n",
		 "rep:$id ~> $id.kw@caret");
	proposes(HEAL_LANG_BASH, "if true; then\n  echo hi\n", 3, 0,
		 "syntax error: unexpected end of file",
		 "if true; then\n  echo hi\nfi\n", "ins:fi@caret");
	proposes(HEAL_LANG_TERRAFORM, "variable \"a\" {\n  default = 1\n\n", 4, 0,
		 "Unclosed configuration block",
		 "variable \"a\" {\n  default = 1\n}\n\n", "ins:}@caret");
	proposes(HEAL_LANG_TERRAFORM, "variable \"a\" {\n  default \"x\"\n}\n", 2, 0,
		 "Unsupported block type",
		 "variable \"a\" {\n  default = \"x\"\n}\n", "ins:=@caret+1");
	proposes(HEAL_LANG_MAKE, "ifeq ($(CC),cc)\nall:\n\t@echo hi\n", 4, 0,
		 "missing 'endif'", "ifeq ($(CC),cc)\nall:\n\t@echo hi\nendif\n", "ins:endif@caret");
	proposes(HEAL_LANG_YAML, "- hosts: all\n  tasks: [a, b\n", 2, 15,
		 "did not find expected ',' or ']'",
		 "- hosts: all\n  tasks: [a, b]\n", "ins:]@caret");

	/* Python: a clause indented past its header moves to it with its
	 * body and the clauses after it; a block deeper than the line before
	 * moves whole */
	proposes(HEAL_LANG_PYTHON, "if c > b:\n    x = 1\n    else:\n        x = 2\ny = x\n", 3, 5,
		 "invalid syntax", "if c > b:\n    x = 1\nelse:\n    x = 2\ny = x\n",
		 "indent:clause@line");
	proposes(HEAL_LANG_PYTHON,
		 "for x in t:\n    if a:\n        b = 1\n        elif c:\n            b = 2\n\n"
		 "        else:\n            b = 3\nprint(b)\n", 4, 9, "invalid syntax",
		 "for x in t:\n    if a:\n        b = 1\n    elif c:\n        b = 2\n\n"
		 "    else:\n        b = 3\nprint(b)\n", "indent:clause@line");
	proposes(HEAL_LANG_PYTHON, "def f(m):\n    m = 1\n     if m:\n          return 1\n     return 2\nf(1)\n",
		 3, 0, "unexpected indent",
		 "def f(m):\n    m = 1\n    if m:\n         return 1\n    return 2\nf(1)\n",
		 "indent:block@line");
	proposes(HEAL_LANG_PYTHON,
		 "x = 1\nif x > 0:\nprint(x)\nelse:\ny = 2\nprint(y)\n\nprint(3)\n", 3, 0,
		 "expected an indented block after 'if' statement on line 2",
		 "x = 1\nif x > 0:\n    print(x)\nelse:\n    y = 2\n    print(y)\n\nprint(3)\n",
		 "indent:bodies@line");
	{
		/* an 'else' deeper than its body, no header for it: nothing of
		 * the kind */
		const char *src = "x = 1\n    else:\n        y = 2\n";

		heal_gen_init(&g);
		gen(&g, HEAL_LANG_PYTHON, src, 2, 5, "invalid syntax", NULL);
		for (i = 0; i < g.n; i++)
			if (!strcmp(g.v[i].kind, "indent:clause@line"))
				break;
		ok(i == g.n, "python: a clause without a header it can go on with is not moved");
		heal_gen_release(&g);
	}
	/* the token the message says was meant instead: each on the line,
	 * and all of them outside brackets at once */
	proposes(HEAL_LANG_PYTHON, "if a=-1 or b=-1 or f(k=1):\n    pass\n", 1, 5,
		 "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
		 "if a==-1 or b==-1 or f(k=1):\n    pass\n", "rep:= ~> ==@caret*2");
	proposes(HEAL_LANG_PYTHON, "if a=1 or b=2 or c=3 or f(k=1):\n    pass\n", 1, 5,
		 "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
		 "if a==1 or b==2 or c==3 or f(k=1):\n    pass\n", "rep:= ~> ==@caret*3");
	{
		const char *src = "x = f(a=1)\nif a=-1 or b=-1:\n    pass\n";

		heal_gen_init(&g);
		gen(&g, HEAL_LANG_PYTHON, src, 2, 5,
		    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", NULL);
		ok(find(&g, src, "x = f(a=1)\nif a==-1 or b=-1:\n    pass\n") == 0,
		   "python: 'instead of': the token at the caret replaced first");
		heal_gen_release(&g);
	}
	/* slips: a prompt pasted, a digit for the letter it looks like in a
	 * name the file uses, an escape outside its string, a string's
	 * opening quote left out */
	proposes(HEAL_LANG_PYTHON, "x = 1\n>>> y = x\n", 2, 1, "invalid syntax", "x = 1\ny = x\n",
		 "del:prompt@bol");
	proposes(HEAL_LANG_PYTHON, "lst = []\nfor i in x:\n    1st.append(i)\n", 3, 5,
		 "invalid decimal literal", "lst = []\nfor i in x:\n    lst.append(i)\n",
		 "rep:$num ~> $id.file@line");
	proposes(HEAL_LANG_C, "int main(void)\n{\n\tint lst = 1;\n\treturn 1st;\n}\n", 4, 9,
		 "invalid suffix 'st' on integer constant",
		 "int main(void)\n{\n\tint lst = 1;\n\treturn lst;\n}\n", "rep:$num ~> $id.file@line");
	proposes(HEAL_LANG_PYTHON, "print(\\n'sum: ',s)\n", 1, 8,
		 "unexpected character after line continuation character",
		 "print('\\nsum: ',s)\n", "mv:esc@caret");
	proposes(HEAL_LANG_PYTHON, "print(\"sum: \"\\n, s)\n", 1, 14,
		 "unexpected character after line continuation character",
		 "print(\"sum: \\n\", s)\n", "mv:esc@caret");
	{
		const char *src = "x = 1\nprint(Sum: \",s)\n";

		heal_gen_init(&g);
		gen(&g, HEAL_LANG_PYTHON, src, 2, 12, "unterminated string literal (detected at line 2)",
		    NULL);
		ok(find(&g, src, "x = 1\nprint(\"Sum: \",s)\n") == 0,
		   "python: a string's opening quote left out: put at the argument's start first");
		heal_gen_release(&g);
	}
	proposes(HEAL_LANG_PYTHON, "if a:\n    b = 1\nelse if c:\n    b = 2\n", 3, 6, "expected ':'",
		 "if a:\n    b = 1\nelif c:\n    b = 2\n", "rep:else if ~> elif@bol");
	proposes(HEAL_LANG_PYTHON, "if a:\n    b = 1\nelse c > 1:\n    b = 2\n", 3, 6, "expected ':'",
		 "if a:\n    b = 1\nelif c > 1:\n    b = 2\n", "rep:else ~> elif@bol");
	proposes(HEAL_LANG_PYTHON, "if x not in m:[int(y)]:\n    pass\n", 1, 23, "invalid syntax",
		 "if x not in m[int(y)]:\n    pass\n", "del::@line");
	proposes(HEAL_LANG_PYTHON, "for i in r:\n    print(*, end='')\n", 2, 12, "invalid syntax",
		 "for i in r:\n    print('*', end='')\n", "wrap:'@caret");
	proposes(HEAL_LANG_PYTHON, "s = 1\nprint('no, s)\n", 2, 7,
		 "unterminated string literal (detected at line 2)", "s = 1\nprint('no', s)\n",
		 "ins:$q@arg");
	proposes(HEAL_LANG_PYTHON, "1st = [1]\nprint(1st)\n", 1, 1, "invalid decimal literal",
		 "lst = [1]\nprint(lst)\n", "rep:$num ~> $id@all");
	proposes(HEAL_LANG_PYTHON, "first = 1\nsecond = 1first\n", 2, 10, "invalid decimal literal",
		 "first = 1\nsecond = first\n", "del:$num@line");
	/* operands side by side at several gaps of the call: a separator at
	 * each, in one edit */
	{
		const char *src = "F = 1\nprint(\"t f\" F \"is\" round(C,2) \"deg\")\n";
		struct heal_gen_site st;

		memset(&st, 0, sizeof(st));
		st.lang = heal_lang_get(HEAL_LANG_PYTHON);
		st.data = src;
		st.len = strlen(src);
		st.line = 2;
		st.caret = 12;
		st.caret_end = 21;
		st.message = "invalid syntax. Perhaps you forgot a comma?";
		heal_gen_init(&g);
		heal_gen_run(&g, &st);
		ok(find(&g, src, "F = 1\nprint(\"t f\", F, \"is\", round(C,2), \"deg\")\n") == 0,
		   "juxtaposed operands at four gaps of a call: ',' at each, first");
		heal_gen_release(&g);
	}
	/* a break the compiler says is in no loop: its statement deleted
	 * loses no code; not when it is an if's body (the if would take
	 * the next statement) */
	{
		static const char *const src[] = {
			"int f(int c)\n{\n\tc++; break;\n\treturn c;\n}\n",
			"int f(int c)\n{\n\tif (c) break;\n\treturn c;\n}\n",
		};
		static const char *const want[] = {
			"int f(int c)\n{\n\tc++; \n\treturn c;\n}\n",
			"int f(int c)\n{\n\tif (c) \n\treturn c;\n}\n",
		};
		static const size_t col[] = { 7, 9 };
		static const char doc[] =
			"{\"tools\":{\"clang\":{\"global\":{\"total\":1,\"edits\":{}},"
			"\"templates\":{\"'break' statement not in loop or switch statement\":"
			"{\"total\":4,\"edits\":{\"del:break ;@caret\":3,"
			"\"rep:break ~> return@caret\":1}}}}}}";
		struct heal_json_limits lim;
		struct heal_error err = HEAL_ERROR_INIT;
		struct heal_prior p;
		struct heal_prior_view v;

		memset(&p, 0, sizeof(p));
		heal_json_limits_default(&lim);
		p.doc = heal_json_parse(doc, strlen(doc), &lim, &err);
		p.keep = HEAL_KEEP_C;
		heal_prior_view_init(&v, &p, "clang", "'break' statement not in loop or switch statement");
		for (i = 0; i < 2; i++) {
			long k;

			heal_gen_init(&g);
			gen(&g, HEAL_LANG_C, src[i], 3, col[i],
			    "'break' statement not in loop or switch statement", &v);
			k = find(&g, src[i], want[i]);
			ok(k >= 0 && g.v[k].loses_code == (i == 1),
			   "c: a break in no loop deleted with its ';' %s", i ? "loses code as an if's body"
									  : "loses no code");
			heal_gen_release(&g);
		}
		heal_prior_view_release(&v);
		heal_json_free(p.doc);
	}
	proposes(HEAL_LANG_C, "int f(int k)\n{\n\tif (k > 0)\n\t\tk--;\n\telseif (k < 0)\n\t\tk++;\n\treturn k;\n}\n",
		 5, 16, "expected ';' after expression",
		 "int f(int k)\n{\n\tif (k > 0)\n\t\tk--;\n\telse if (k < 0)\n\t\tk++;\n\treturn k;\n}\n",
		 "rep:$id ~> kw kw@line");
	/* one word split in two: a call ('size of('), a keyword, a name of the file */
	proposes(HEAL_LANG_C, "void *f(void)\n{\n\treturn malloc(size of(int));\n}\n",
		 3, 16, "use of undeclared identifier 'size'",
		 "void *f(void)\n{\n\treturn malloc(sizeof(int));\n}\n",
		 "rep:$id $id ~> $id.joined@caret");
	proposes(HEAL_LANG_C, "int f(int total)\n{\n\tretu rn total;\n}\n",
		 3, 2, "use of undeclared identifier 'retu'",
		 "int f(int total)\n{\n\treturn total;\n}\n",
		 "rep:$id $id ~> $id.joined@caret");
	proposes(HEAL_LANG_C, "int check_prime(int n);\nint f(int a, int b)\n{\n\treturn check prime(a) && check prime(b);\n}\n",
		 4, 9, "'check' undeclared (first use in this function)",
		 "int check_prime(int n);\nint f(int a, int b)\n{\n\treturn check_prime(a) && check_prime(b);\n}\n",
		 "rep:$id $id ~> $id_$id@caret");
	proposes(HEAL_LANG_PYTHON, "total = 0\nprint(tot al)\n", 2, 7, "invalid syntax. Perhaps you forgot a comma?",
		 "total = 0\nprint(total)\n", "rep:$id $id ~> $id.joined@caret");
	/* a letter that looks like a digit, undeclared: the digit; another
	 * letter where a character is wanted: the character */
	proposes(HEAL_LANG_C, "int f(void)\n{\n\tint i;\n\tfor (i = o; i < 4; i++)\n\t\t;\n\treturn i;\n}\n",
		 4, 11, "use of undeclared identifier 'o'",
		 "int f(void)\n{\n\tint i;\n\tfor (i = 0; i < 4; i++)\n\t\t;\n\treturn i;\n}\n",
		 "rep:$id ~> $num@caret");
	proposes(HEAL_LANG_C, "int f(void)\n{\n\tint n = a;\n\treturn n;\n}\n",
		 3, 10, "use of undeclared identifier 'a'",
		 "int f(void)\n{\n\tint n = 'a';\n\treturn n;\n}\n", "wrap:'@caret");
	/* a format's conversion left outside its string */
	proposes(HEAL_LANG_C, "void f(double v)\n{\n\tprintf(\"%f\" %d, v, (int)v);\n}\n",
		 3, 15, "use of undeclared identifier 'd'",
		 "void f(double v)\n{\n\tprintf(\"%f %d\", v, (int)v);\n}\n", "mv:fmt@caret");
	/* prose where code stands: a format's argument that is text ending
	 * in a variable, a line that is a sentence */
	proposes(HEAL_LANG_C, "void f(int b)\n{\n\tprintf(\"%d\",The largest is b);\n}\n",
		 3, 14, "use of undeclared identifier 'The'",
		 "void f(int b)\n{\n\tprintf(\"The largest is %d\",b);\n}\n", "prose-format:$str@caret-2");
	proposes(HEAL_LANG_C, "int main(void)\n{\n\tFill this area with your code.\n\treturn 0;\n}\n",
		 3, 2, "use of undeclared identifier 'Fill'",
		 "int main(void)\n{\n\t// Fill this area with your code.\n\treturn 0;\n}\n", "prose-comment:$id@caret");
	proposes(HEAL_LANG_C, "int f(int a)\n{\n\tand if (a == 0)\n\t\treturn 1;\n\treturn 0;\n}\n",
		 3, 2, "use of undeclared identifier 'and'",
		 "int f(int a)\n{\n\tif (a == 0)\n\t\treturn 1;\n\treturn 0;\n}\n", "del-stray:$id@caret");
	{
		/* a statement's ';' ends it: code meant, no prose */
		struct heal_gen pg;

		heal_gen_init(&pg);
		gen(&pg, HEAL_LANG_C, "int main(void)\n{\n\tprint hello world;\n\treturn 0;\n}\n",
		    3, 2, "use of undeclared identifier 'print'", NULL);
		for (i = 0; i < pg.n; i++)
			if (pg.v[i].kind && strncmp(pg.v[i].kind, "prose-", 6) == 0)
				break;
		ok(i == pg.n, "no prose edit of a line a ';' ends");
		heal_gen_release(&pg);
	}
	/* an undeclared name declared with its literal's type */
	proposes(HEAL_LANG_C, "int main(void)\n{\n\ts = \"abc\";\n\treturn s[0];\n}\n",
		 3, 2, "use of undeclared identifier 's'",
		 "int main(void)\n{\n\tchar *s = \"abc\";\n\treturn s[0];\n}\n",
		 "ins:$type.literal@caret");
	proposes(HEAL_LANG_C, "int main(void)\n{\n\tint n = 2; r = 2.5e1;\n\treturn r > n;\n}\n",
		 3, 13, "use of undeclared identifier 'r'",
		 "int main(void)\n{\n\tint n = 2; double r = 2.5e1;\n\treturn r > n;\n}\n",
		 "ins:$type.literal@caret");
	/* an 'else' no 'if' takes, before an 'if': the word goes, the code stays */
	proposes(HEAL_LANG_C, "int f(int a)\n{\n\tif (a > 1)\n\t\ta--;\n\telse a++;\n\telse if (a < 0)\n\t\ta = 0;\n\treturn a;\n}\n",
		 6, 2, "expected expression",
		 "int f(int a)\n{\n\tif (a > 1)\n\t\ta--;\n\telse a++;\n\tif (a < 0)\n\t\ta = 0;\n\treturn a;\n}\n",
		 "del:else@caret");
	proposes(HEAL_LANG_C, "int f(int d)\n{\n\tfor(i=0;i<d;++i)\n\t\td--;\n\treturn d;\n}\n",
		 3, 6, "use of undeclared identifier 'i'",
		 "int f(int d)\n{\n\tfor(int i=0;i<d;++i)\n\t\td--;\n\treturn d;\n}\n", "ins:int@for");
	/* a for with one clause is a while; never an if, which drops the loop */
	{
		const char *src = "void f(int i, int n)\n{\n\tfor(i != n){\n\t\ti++;\n\t}\n}\n";
		struct heal_gen fg;
		long at;

		heal_gen_init(&fg);
		gen(&fg, HEAL_LANG_C, src, 3, 10, "expected ';' in 'for' statement specifier", NULL);
		at = find(&fg, src, "void f(int i, int n)\n{\n\twhile(i != n){\n\t\ti++;\n\t}\n}\n");
		ok(at >= 0 && !fg.v[at].loses_code, "a for of one clause made a while keeps the loop");
		at = find(&fg, src, "void f(int i, int n)\n{\n\tif(i != n){\n\t\ti++;\n\t}\n}\n");
		ok(at < 0 || fg.v[at].loses_code, "a for of one clause made an if drops the loop");
		heal_gen_release(&fg);
	}
	/* a negation dropped or '&&' made '&' still compiles and means otherwise */
	{
		const char *src = "done = False\nif !done:\n    print(1)\n";
		const char *src2 = "a = 1\nif a > 0 && a < 2:\n    print(1)\n";
		struct heal_gen ng;
		long at;

		heal_gen_init(&ng);
		gen(&ng, HEAL_LANG_PYTHON, src, 2, 4, "invalid syntax", NULL);
		at = find(&ng, src, "done = False\nif done:\n    print(1)\n");
		ok(at < 0 || ng.v[at].loses_code, "a '!' dropped inverts the condition: refused");
		heal_gen_release(&ng);
		heal_gen_init(&ng);
		gen(&ng, HEAL_LANG_PYTHON, src2, 2, 11, "invalid syntax", NULL);
		at = find(&ng, src2, "a = 1\nif a > 0 & a < 2:\n    print(1)\n");
		ok(at < 0 || ng.v[at].loses_code, "'&&' made '&' is a bitwise and: refused");
		heal_gen_release(&ng);
		/* a dangling one holds no meaning: 'if(a||)' loses its '||' */
		{
			const char *src3 = "int f(int a)\n{\n\tif(a!=0||)\n\t\treturn 1;\n\treturn 0;\n}\n";

			heal_gen_init(&ng);
			gen(&ng, HEAL_LANG_C, src3, 3, 12, "expected expression", NULL);
			at = find(&ng, src3, "int f(int a)\n{\n\tif(a!=0)\n\t\treturn 1;\n\treturn 0;\n}\n");
			ok(at >= 0 && !ng.v[at].loses_code, "a dangling '||' goes");
			heal_gen_release(&ng);
		}
	}
	/* a type put before a call makes a declaration that calls nothing */
	{
		const char *src = "void f(int &x);\nint main() {\n    f(3);\n    return 0;\n}\n";
		struct heal_gen dg;
		long at;

		heal_gen_init(&dg);
		gen(&dg, HEAL_LANG_CXX, src, 3, 7, "cannot bind non-const lvalue reference of type 'int&' to an rvalue of type 'int'", NULL);
		at = find(&dg, src, "void f(int &x);\nint main() { int\n    f(3);\n    return 0;\n}\n");
		ok(at >= 0 && dg.v[at].loses_code, "'f(3);' made 'int f(3);' declares instead of calling: refused");
		heal_gen_release(&dg);
	}
	/* a '*' before a string literal takes its first character: silencing */
	{
		const char *src = "int f(char c)\n{\n\tswitch (c) {\n\tcase \"n\": return 1;\n\t}\n\treturn 0;\n}\n";
		struct heal_gen dg;
		long at;

		heal_gen_init(&dg);
		gen(&dg, HEAL_LANG_C, src, 4, 7, "integer constant expression must have integer type, not 'char[2]'", NULL);
		at = find(&dg, src, "int f(char c)\n{\n\tswitch (c) {\n\tcase* \"n\": return 1;\n\t}\n\treturn 0;\n}\n");
		ok(at >= 0 && dg.v[at].loses_code, "'case \"n\"' made 'case* \"n\"' silences the compiler: refused");
		heal_gen_release(&dg);
	}
	/* a parameter a call left out, by its name, where the caller has it */
	proposes(HEAL_LANG_C, "int find(int *arr, int n, int x)\n{\n\treturn arr[n] + x;\n}\nint main(void)\n{\n\tint arr[3] = {0}, n = 2, x = 1;\n\treturn find(arr, x);\n}\n",
		 8, 20, "too few arguments to function call, expected 3, have 2",
		 "int find(int *arr, int n, int x)\n{\n\treturn arr[n] + x;\n}\nint main(void)\n{\n\tint arr[3] = {0}, n = 2, x = 1;\n\treturn find(arr, n, x);\n}\n",
		 "ins:$id.param@call");
	proposes(HEAL_LANG_C, "int find(int *arr, int n, int x)\n{\n\treturn arr[n] + x;\n}\nint main(void)\n{\n\tint arr[3] = {0}, n = 2, x = 1;\n\treturn find(arr, x);\n}\n",
		 8, 9, "too few arguments to function 'find'",
		 "int find(int *arr, int n, int x)\n{\n\treturn arr[n] + x;\n}\nint main(void)\n{\n\tint arr[3] = {0}, n = 2, x = 1;\n\treturn find(arr, n, x);\n}\n",
		 "ins:$id.param@call");
	ok(count_kind(HEAL_LANG_C, "int find(int *arr, int n, int x)\n{\n\treturn arr[n] + x;\n}\nint main(void)\n{\n\tint arr[3] = {0}, x = 1;\n\treturn find(arr, x);\n}\n",
		      8, 20, "too few arguments to function call, expected 3, have 2", "ins:$id.param@call", "n") == 0,
	   "a missing parameter's name the caller does not have is not put in");
	/* a call's quote in the wrong place: moved where an argument starts */
	proposes(HEAL_LANG_C, "int printf(const char *, ...);\nvoid f(int a)\n{\n\tprintf (%d\", a\");\n}\n",
		 4, 10, "expected expression",
		 "int printf(const char *, ...);\nvoid f(int a)\n{\n\tprintf (\"%d\", a);\n}\n",
		 "mv:\"@caret+2");
	/* not where it would shadow a declared name, nor Python's '%' */
	ok(count_kind(HEAL_LANG_C, "int f(int i)\n{\n\t{\n\t\tfor(i=0;i<2;i+)\n\t\t\t;\n\t}\n\treturn i;\n}\n",
		      4, 7, "expected expression", "ins:int@for", NULL) == 0,
	   "a for's counter the message does not call undeclared is not declared");
	ok(count_kind(HEAL_LANG_PYTHON, "x = 1\nprint(\"%d\" % x y)\n", 2, 16, "invalid syntax",
		      "mv:fmt@caret", NULL) == 0,
	   "Python: a string's modulo is formatting, not text left outside its quotes");
	ok(count_kind(HEAL_LANG_PYTHON, "def f(a, b):\n    return g(a b(1))\n", 2, 16,
		      "invalid syntax. Perhaps you forgot a comma?", "rep:$id $id ~> $id.joined@caret", NULL) == 0,
	   "Python: two names are not joined because a '(' follows (compile() knows no names)");
	/* a call's arguments written as its parameters are declared */
	proposes(HEAL_LANG_C, "void scan(int a[][4], int n);\nvoid f(int a[][4], int n)\n{\n\tscan(a[][4],n);\n}\n",
		 4, 9, "expected expression",
		 "void scan(int a[][4], int n);\nvoid f(int a[][4], int n)\n{\n\tscan(a,n);\n}\n",
		 "rep:$type $id[] ~> $id@call");
	proposes(HEAL_LANG_C, "void rev(char *s, int n);\nvoid f(char *str, int n)\n{\n\trev(char str[], int n);\n}\n",
		 4, 6, "expected expression",
		 "void rev(char *s, int n);\nvoid f(char *str, int n)\n{\n\trev(str, n);\n}\n",
		 "rep:$type $id[] ~> $id@call");
	ok(count_kind(HEAL_LANG_C, "int f(int a[][4], int n)\n{\n\treturn n\n}\n", 1, 8, "expected expression",
		      "rep:$type $id[] ~> $id@call", NULL) == 0,
	   "a definition's parameters are not a call's arguments");
	/* a quote too many or too few on a line of C, where no string goes
	 * on to the next: each deleted, or one opened at the argument */
	proposes(HEAL_LANG_C, "void f(float a)\n{\n\tprintf(\"%f\",a\");\n}\n",
		 3, 15, "expected ')'",
		 "void f(float a)\n{\n\tprintf(\"%f\",a);\n}\n",
		 "cdel:\"@caret");
	proposes(HEAL_LANG_C,
		 "void f(int x)\n{\n\tprintf(\"(%d\") is %d\",x,x);\n}\n", 3,
		 22, "missing terminating '\"' character",
		 "void f(int x)\n{\n\tprintf(\"(%d) is %d\",x,x);\n}\n",
		 "cdel:\"@line");
	proposes(HEAL_LANG_C, "void f(int *a)\n{\n\tscanf(%d\",a);\n}\n", 3, 8,
		 "expected expression",
		 "void f(int *a)\n{\n\tscanf(\"%d\",a);\n}\n", "cins:\"@arg");
	{
		static const char *const src =
			"void f(char c)\n{\n\tif (c == '\"')\n\t\treturn;\n}\n";

		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, src, 3, 6, "expected expression", NULL);
		for (i = 0; i < g.n && strncmp(g.v[i].kind, "cdel:\"", 6) != 0;
		     i++)
			;
		ok(i == g.n,
		   "c: a character literal's '\"' is no quote too many");
		heal_gen_release(&g);
	}
	/* escapes outside a string: dropped, one made a ','; a comment begun
	 * with backslashes */
	proposes(HEAL_LANG_C,
		 "int f(int *a, int *b, int i)\n{\n\tif (a[i]\\n > b[i]\\n )\n\t\treturn 1;\n\treturn 0;\n}\n",
		 3, 10, "expected ')'",
		 "int f(int *a, int *b, int i)\n{\n\tif (a[i] > b[i] )\n\t\treturn 1;\n\treturn 0;\n}\n",
		 "del:esc@line");
	proposes(HEAL_LANG_C,
		 "void f(void)\n{\n\tprintf(\"%d %d\",INT_MIN\\nCHAR_MIN);\n}\n",
		 3, 25, "expected ')'",
		 "void f(void)\n{\n\tprintf(\"%d %d\",INT_MIN,CHAR_MIN);\n}\n",
		 "rep:esc ~> ,@caret");
	proposes(HEAL_LANG_C,
		 "int main(void)\n{\n\tint x;\\\\the count\n\treturn 0;\n}\n",
		 3, 8, "expected expression",
		 "int main(void)\n{\n\tint x;//the count\n\treturn 0;\n}\n",
		 "rep:\\\\ ~> //@line");
	proposes(HEAL_LANG_C,
		 "int main(void)\n{\n\tint x; \\* the count *\\\n\treturn 0;\n}\n",
		 3, 9, "expected expression",
		 "int main(void)\n{\n\tint x; /* the count */\n\treturn 0;\n}\n",
		 "rep:\\* ~> /*@line");
	/* '!<' is '>=' */
	proposes(HEAL_LANG_C,
		 "int f(int j)\n{\n\tfor (; j!<0; j--)\n\t\t;\n\treturn j;\n}\n",
		 3, 10, "expected ';' in 'for' statement specifier",
		 "int f(int j)\n{\n\tfor (; j>=0; j--)\n\t\t;\n\treturn j;\n}\n",
		 "rep:!< ~> >=@caret");
	/* a name declared again in one scope without an initializer: deleting
	 * it loses no code; with an initializer it does */
	{
		static const char *const src[] = {
			"void f(void)\n{\n\tint k, i;\n\tint k, l = 2;\n}\n",
			"void f(void)\n{\n\tint k, i;\n\tint k = 1, l = 2;\n}\n",
			"void f(void)\n{\n\tint k, i;\n\tint l = 2, k;\n}\n",
		};
		static const size_t col[] = { 6, 6, 13 };
		static const bool loses[] = { false, true, false };
		size_t w;

		for (w = 0; w < 3; w++) {
			heal_gen_init(&g);
			gen(&g, HEAL_LANG_C, src[w], 4, col[w],
			    "redefinition of 'k'", NULL);
			for (i = 0; i < g.n &&
				    strcmp(g.v[i].kind, "del:$id@caret") != 0;
			     i++)
				;
			ok(i < g.n && g.v[i].loses_code == loses[w],
			   "c: the name a redefinition is about, deleted, %s code (%zu)",
			   loses[w] ? "loses" : "loses no", w);
			heal_gen_release(&g);
		}
	}
	/* an operator typed backwards; a comparison's left operand left out
	 * after '&&' or a for's ';' */
	proposes(HEAL_LANG_C, "int f(int n)\n{\n\tint i;\n\tfor (i = 0; i =< n; i++)\n\t\t;\n\treturn i;\n}\n",
		 4, 17, "expected expression",
		 "int f(int n)\n{\n\tint i;\n\tfor (i = 0; i <= n; i++)\n\t\t;\n\treturn i;\n}\n",
		 "swap:op@caret");
	proposes(HEAL_LANG_C, "int f(int k)\n{\n\tint j;\n\tfor (j = 0; <k; j++)\n\t\t;\n\treturn j;\n}\n",
		 4, 14, "expected expression",
		 "int f(int k)\n{\n\tint j;\n\tfor (j = 0; j<k; j++)\n\t\t;\n\treturn j;\n}\n",
		 "ins:$id.left@caret");
	proposes(HEAL_LANG_C, "int f(int x, int n)\n{\n\treturn x > 2 && != n;\n}\n", 3, 19,
		 "expected expression", "int f(int x, int n)\n{\n\treturn x > 2 && x!= n;\n}\n",
		 "ins:$id.left@caret");
	/* a keyword typed wrong inside a line: those an edit may put there */
	proposes(HEAL_LANG_PYTHON, "x = a == b amd c\n", 1, 12, "invalid syntax", "x = a == b and c\n",
		 "rep:$id ~> $id.kw@caret");
	/* an opener the message says was never closed: its partner at the
	 * end of its line, before the ':' that ends it */
	{
		static const char *const src[] = { "print ( 'Bye', name\n", "if (a > b:\n    pass\n" };
		static const char *const want[] = { "print ( 'Bye', name)\n", "if (a > b):\n    pass\n" };
		static const size_t col[] = { 7, 4 };

		for (i = 0; i < 2; i++) {
			heal_gen_init(&g);
			gen(&g, HEAL_LANG_PYTHON, src[i], 1, col[i], "'(' was never closed", NULL);
			ok(find(&g, src[i], want[i]) == 0,
			   "python: '(' was never closed: ')' at the end of its line first (%zu)", i);
			heal_gen_release(&g);
		}
	}

	/* two operands side by side in the range the tool underlined: the
	 * operator the range joins its operands with first, then ',' */
	{
		const char *src = "print(s+\" # \"+j\" # \"+t)\n";
		struct heal_gen_site st;
		long plus, comma;

		memset(&st, 0, sizeof(st));
		st.lang = heal_lang_get(HEAL_LANG_PYTHON);
		st.data = src;
		st.len = strlen(src);
		st.line = 1;
		st.caret = 6;
		st.caret_end = strlen(src) - 2;
		st.message = "invalid syntax. Perhaps you forgot a comma?";
		heal_gen_init(&g);
		heal_gen_run(&g, &st);
		plus = find(&g, src, "print(s+\" # \"+j+\" # \"+t)\n");
		comma = find(&g, src, "print(s+\" # \"+j,\" # \"+t)\n");
		ok(plus == 0, "juxtaposed operands: the range's own '+' is the first edit (%ld)", plus);
		ok(comma == 1, "  then ',' (%ld)", comma);
		heal_gen_release(&g);
	}

	/* a call's argument that is text, not code: quoted, and first */
	{
		static const struct {
			enum heal_lang_id id;
			const char *src, *want;
			size_t col;
		} q[] = {
			{ HEAL_LANG_C, "int main(void)\n{\n\tprintf(%s,ch);\n}\n",
			  "int main(void)\n{\n\tprintf(\"%s\",ch);\n}\n", 9 },
			{ HEAL_LANG_C, "int main(void)\n{\n\tscanf(%d %d,&n,&m);\n}\n",
			  "int main(void)\n{\n\tscanf(\"%d %d\",&n,&m);\n}\n", 8 },
			{ HEAL_LANG_C, "int main(void)\n{\n\tprintf(\\n);\n}\n",
			  "int main(void)\n{\n\tprintf(\"\\n\");\n}\n", 9 },
			{ HEAL_LANG_C, "int main(void)\n{\n\tprintf(\"%f\",the area is (1,2));\n}\n",
			  "int main(void)\n{\n\tprintf(\"%f\",\"the area is (1,2)\");\n}\n", 18 },
			{ HEAL_LANG_PYTHON, "x = input(how old are you?)\n",
			  "x = input(\"how old are you?\")\n", 11 },
		};
		static const struct {
			enum heal_lang_id id;
			const char *src;
			size_t col;
		} no[] = {
			{ HEAL_LANG_C, "int main(void)\n{\n\tprintf(x);\n}\n", 9 },
			{ HEAL_LANG_C, "int main(void)\n{\n\tf(a, b c);\n\tb = c;\n}\n", 9 },
			{ HEAL_LANG_C, "int main(void)\n{\n\tx = a b;\n}\n", 6 },
			{ HEAL_LANG_C, "int main(void)\n{\n\tprintf(%s /* c */ x);\n}\n", 9 },
			{ HEAL_LANG_SH, "echo $(a b)\n", 8 },
		};
		size_t k;

		for (k = 0; k < sizeof(q) / sizeof(q[0]); k++) {
			long at;

			heal_gen_init(&g);
			gen(&g, q[k].id, q[k].src, q[k].id == HEAL_LANG_PYTHON ? 1 : 3, q[k].col,
			    "expected expression", NULL);
			at = find(&g, q[k].src, q[k].want);
			ok(at == 0 && strncmp(g.v[at].kind, "quote:", 6) == 0,
			   "unquoted argument %zu: quoted, the first edit (%ld)", k, at);
			heal_gen_release(&g);
		}
		for (k = 0; k < sizeof(no) / sizeof(no[0]); k++) {
			bool quoted = false;

			heal_gen_init(&g);
			gen(&g, no[k].id, no[k].src, no[k].id == HEAL_LANG_SH ? 1 : 3, no[k].col,
			    "expected expression", NULL);
			for (i = 0; i < g.n; i++)
				quoted |= strncmp(g.v[i].kind, "quote:", 6) == 0;
			ok(!quoted, "not quoted %zu: an expression, a name's neighbour, "
			   "no call, a comment, shell", k);
			heal_gen_release(&g);
		}
	}

	/* the same mistake again along the line: every like operator at the
	 * same depth replaced at once, right after the single edit */
	{
		const char *src = "int main(void)\n{\n\tif(a=1&&a=21&&a=31) f(a,g(b,c),d);\n}\n";
		const char *all = "int main(void)\n{\n\tif(a==1&&a==21&&a==31) f(a,g(b,c),d);\n}\n";
		const char *loop = "int main(void)\n{\n\tfor(i=0,i<n,i++) f(a,g(b,c),d);\n}\n";
		long one, every;

		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, src, 3, 11, "expression is not assignable", NULL);
		every = find(&g, src, all);
		one = find(&g, src, "int main(void)\n{\n\tif(a=1&&a==21&&a=31) f(a,g(b,c),d);\n}\n");
		ok(every >= 0 && one >= 0 && every > one && strstr(g.v[every].kind, "*3") &&
		   g.v[every].score == g.v[one].score,
		   "repeated: each '=' a '==' (%ld after the single edit %ld, kind *3)", every, one);
		heal_gen_release(&g);
		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, loop, 3, 9, "expected ';' in 'for' statement specifier", NULL);
		ok(find(&g, loop, "int main(void)\n{\n\tfor(i=0;i<n;i++) f(a,g(b,c),d);\n}\n") >= 0,
		   "repeated: each ',' of the for's parentheses a ';'");
		ok(find(&g, loop, "int main(void)\n{\n\tfor(i=0;i<n;i++) f(a;g(b;c);d);\n}\n") < 0 &&
		   find(&g, loop, "int main(void)\n{\n\tfor(i=0;i<n;i++) f(a;g(b,c);d);\n}\n") < 0,
		   "repeated: never the ',' of another bracket or depth");
		heal_gen_release(&g);
	}

	/* a separator missing before each binary operator of a list: the
	 * insertion before every like operator after an operand, never before
	 * the unary one that starts it */
	{
		const char *src = "void f(float *a, float *b, float *c)\n{\n\tscanf(\"%f%f%f\",&a1 &b1 &c1);\n}\n";
		const char *all = "void f(float *a, float *b, float *c)\n{\n\tscanf(\"%f%f%f\",&a1, &b1, &c1);\n}\n";
		long every;

		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, src, 3, 20, "invalid operands to binary expression ('float *' and 'float')", NULL);
		every = find(&g, src, all);
		ok(every >= 0 && strstr(g.v[every].kind, "*2"), "inserted along: a ',' before each binary '&' (%ld)", every);
		ok(find(&g, src, "void f(float *a, float *b, float *c)\n{\n\tscanf(\"%f%f%f\",,&a1, &b1, &c1);\n}\n") < 0,
		   "inserted along: not before the first, unary '&'");
		heal_gen_release(&g);
	}

	/* a name the message quotes renamed at every use on the line, tried
	 * just before the single rename; a bracket pair of the wrong kind
	 * replaced together, right after the single bracket */
	{
		const char *src = "int main(void)\n{\n\tint j, n;\n\tfor(j=0;i<n;++i) n--;\n}\n";
		const char *all = "int main(void)\n{\n\tint j, n;\n\tfor(j=0;j<n;++j) n--;\n}\n";
		const char *br = "int f(int *arr, int i)\n{\n\treturn arr[i]>=arr(i-1);\n}\n";
		long every, one;

		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, src, 4, 9, "use of undeclared identifier 'i'", NULL);
		every = find(&g, src, all);
		one = find(&g, src, "int main(void)\n{\n\tint j, n;\n\tfor(j=0;j<n;++i) n--;\n}\n");
		ok(every >= 0 && one >= 0 && every < one && strstr(g.v[every].kind, "*2"),
		   "repeated: each use of the undeclared 'i' renamed (%ld, before the single %ld)",
		   every, one);
		heal_gen_release(&g);
		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, "int main(void)\n{\n\tint j, n;\n\tfor(j=0;i<n;++i) n--;\n}\n",
		    4, 12, "use of undeclared identifier 'n2'", NULL);
		ok(find(&g, src, "int main(void)\n{\n\tint j, n;\n\tfor(j=0;i<j;++i) j--;\n}\n") < 0,
		   "repeated: never a name the message does not quote");
		heal_gen_release(&g);
		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, br, 3, 20,
		    "called object type 'int *' is not a function or function pointer", NULL);
		ok(find(&g, br, "int f(int *arr, int i)\n{\n\treturn arr[i]>=arr[i-1];\n}\n") >= 0,
		   "repeated: a bracket pair of the wrong kind, both brackets");
		ok(find(&g, br, "int f(int *arr, int i)\n{\n\treturn arr[i]>=arr[i-1);\n}\n") >= 0,
		   "  and the single bracket, which the checker refuses");
		heal_gen_release(&g);
	}

	/* a call's text with its quotes meant inside: one literal, first */
	{
		static const struct {
			const char *line, *want;
			size_t col;
		} q[] = {
			{ "\tprintf(\"let's \"\\C\\\"\");\n", "\tprintf(\"let's \\\"C\\\"\");\n", 17 },
			{ "\tprintf(\"\\n a \" new line \".\");\n",
			  "\tprintf(\"\\n a \\\" new line \\\".\");\n", 17 },
			{ "\tprintf(\"a line.\"\\n);\n", "\tprintf(\"a line.\\n\");\n", 18 },
			{ "\tprintf(\\'a\\' is \\\"a\\\".);\n", "\tprintf(\"\\'a\\' is \\\"a\\\".\");\n", 9 },
			{ "\tprintf(\"%d \\* %d\", a,\"b\", c);\n", NULL, 12 },
			{ "\tprintf(\"%d\\n\", x);\n", NULL, 12 },
		};
		size_t k;

		for (k = 0; k < sizeof(q) / sizeof(q[0]); k++) {
			char src[256], want[256];
			long at;

			snprintf(src, sizeof(src), "int main(void)\n{\n%s}\n", q[k].line);
			heal_gen_init(&g);
			gen(&g, HEAL_LANG_C, src, 3, q[k].col, "expected ')'", NULL);
			for (at = 0; at < (long)g.n && strncmp(g.v[at].kind, "requote:", 8); at++)
				;
			if (q[k].want) {
				snprintf(want, sizeof(want), "int main(void)\n{\n%s}\n", q[k].want);
				ok(find(&g, src, want) == 0 && at == 0,
				   "requote: %.*s is one literal, tried first", (int)strlen(q[k].line) - 1,
				   q[k].line);
			} else {
				ok(at == (long)g.n, "requote: not %.*s (no end of a call after it, or one "
				   "literal already)", (int)strlen(q[k].line) - 1, q[k].line);
			}
			heal_gen_release(&g);
		}
	}

	/* a character constant without its quotes, or empty: first */
	{
		static const struct {
			const char *line, *want;
			size_t col;
		} q[] = {
			{ "\tprintf(\"%c\",*);\n", "\tprintf(\"%c\",'*');\n", 14 },
			{ "\twhile(s[i]!=\\0) i++;\n", "\twhile(s[i]!='\\0') i++;\n", 15 },
			{ "\tif(s[j]!=\\n) j++;\n", "\tif(s[j]!='\\n') j++;\n", 12 },
			{ "\tif(s[j]=='') j++;\n", "\tif(s[j]==' ') j++;\n", 12 },
			{ "\tx = a*(b);\n", NULL, 7 },
			{ "\tx = \\name;\n", NULL, 7 },
		};
		size_t k;

		for (k = 0; k < sizeof(q) / sizeof(q[0]); k++) {
			char src[256], want[256];
			long at;

			snprintf(src, sizeof(src), "int main(void)\n{\n%s}\n", q[k].line);
			heal_gen_init(&g);
			gen(&g, HEAL_LANG_C, src, 3, q[k].col, "expected expression", NULL);
			for (at = 0; at < (long)g.n && strncmp(g.v[at].kind, "chr:", 4); at++)
				;
			if (q[k].want) {
				snprintf(want, sizeof(want), "int main(void)\n{\n%s}\n", q[k].want);
				ok(find(&g, src, want) == 0 && at == 0, "chr: %.*s gets its quotes, first",
				   (int)strlen(q[k].line) - 1, q[k].line);
			} else {
				ok(at == (long)g.n, "chr: not %.*s", (int)strlen(q[k].line) - 1, q[k].line);
			}
			heal_gen_release(&g);
		}
	}

	/* a number glued to a name: the product, first, when the message
	 * names a suffix; an else whose if lost its body to a ';' */
	{
		const char *src = "int f(int i, int x)\n{\n\treturn i-2x;\n}\n";
		const char *els = "int f(int a, int b)\n{\n\tif (a > b);\n\t\ta = b;\n\telse\n\t\tb = a;\n\treturn a;\n}\n";
		long at;

		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, src, 3, 11, "invalid suffix 'x' on integer constant", NULL);
		ok(find(&g, src, "int f(int i, int x)\n{\n\treturn i-2*x;\n}\n") == 0,
		   "glued: '2x' is '2*x', first");
		heal_gen_release(&g);
		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, "int f(int x)\n{\n\treturn 0x1f + 10UL;\n}\n", 3, 9,
		    "invalid suffix 'x' on integer constant", NULL);
		ok(g.n == 0 || strncmp(g.v[0].kind, "cins:", 5) != 0, "glued: never a hex or a suffix");
		heal_gen_release(&g);
		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, els, 5, 2, "expected expression", NULL);
		at = find(&g, els, "int f(int a, int b)\n{\n\tif (a > b)\n\t\ta = b;\n\telse\n\t\tb = a;\n\treturn a;\n}\n");
		ok(at == 0 && !g.v[0].loses_code,
		   "else without if: the ';' that took the if's body goes, first, and loses no code");
		heal_gen_release(&g);
		{
			const char *two = "int f(int a, int b)\n{\n\tif (a > b)\n\t\ta = b; b++;\n\telse\n\t\tb = a;\n\treturn a;\n}\n";
			const char *chain = "int f(int a, int b)\n{\n\tif (a > b)\n\t\ta = b;\n\telse b = a; a++;\n\telse\n\t\tb = a;\n\treturn a;\n}\n";

			heal_gen_init(&g);
			gen(&g, HEAL_LANG_C, two, 5, 2, "expected expression", NULL);
			ok(find(&g, two, "int f(int a, int b)\n{\n\tif (a > b) {\n\t\ta = b; b++;\n\t} else\n\t\tb = a;\n\treturn a;\n}\n") == 0 &&
			   !g.v[0].loses_code,
			   "else without if: an if's two statements get braces, first, and lose no code");
			heal_gen_release(&g);
			heal_gen_init(&g);
			gen(&g, HEAL_LANG_C, chain, 6, 2, "expected expression", NULL);
			ok(g.n == 0 || g.v[0].text[0] != ' ' || g.v[0].text[1] != '{',
			   "else without if: no braces across an else that had its if");
			heal_gen_release(&g);
		}
		{
			const char *ifx = "int f(int x)\n{\n\tif x > 2 {\n\t\treturn 1;\n\t}\n\treturn 0;\n}\n";
			const char *wh = "int f(int x)\n{\n\twhile x > 0\n\t\tx--;\n\treturn x;\n}\n";
			const char *body = "int f(int x)\n{\n\tif x > 2 return 1;\n\treturn 0;\n}\n";

			heal_gen_init(&g);
			gen(&g, HEAL_LANG_C, ifx, 3, 5, "expected '(' after 'if'", NULL);
			ok(find(&g, ifx, "int f(int x)\n{\n\tif (x > 2) {\n\t\treturn 1;\n\t}\n\treturn 0;\n}\n") == 0,
			   "head: an if's condition without parentheses gets them up to its '{', first");
			heal_gen_release(&g);
			heal_gen_init(&g);
			gen(&g, HEAL_LANG_C, wh, 3, 8, "expected '(' before 'x'", NULL);
			ok(find(&g, wh, "int f(int x)\n{\n\twhile (x > 0)\n\t\tx--;\n\treturn x;\n}\n") == 0,
			   "head: a while's condition that ends its line (gcc's message)");
			heal_gen_release(&g);
			heal_gen_init(&g);
			gen(&g, HEAL_LANG_C, body, 3, 5, "expected '(' after 'if'", NULL);
			{
				size_t q, wrapped = 0;

				for (q = 0; q < g.n; q++)
					wrapped += g.v[q].text[0] == '(' && strlen(g.v[q].text) > 2 &&
						   g.v[q].text[strlen(g.v[q].text) - 1] == ')';
				ok(wrapped == 0,
				   "head: not when the body shares the line (where the condition ends is a guess)");
			}
			heal_gen_release(&g);
		}
		{
			/* the head's parentheses closed after the first operand:
			 * clang's caret after the '&&', gcc's at it */
			const char *two = "int f(int y)\n{\n\tif (y > 2) && (y < 9) {\n\t\treturn 1;\n\t}\n\treturn 0;\n}\n";
			const char *want = "int f(int y)\n{\n\tif ((y > 2) && (y < 9)) {\n\t\treturn 1;\n\t}\n\treturn 0;\n}\n";

			heal_gen_init(&g);
			gen(&g, HEAL_LANG_C, two, 3, 16, "expected identifier", NULL);
			ok(find(&g, two, want) == 0, "head: '(a) && (b)' wrapped whole, first (caret after '&&')");
			heal_gen_release(&g);
			heal_gen_init(&g);
			gen(&g, HEAL_LANG_C, two, 3, 13, "expected expression before '&&' token", NULL);
			ok(find(&g, two, want) == 0, "head: '(a) && (b)' wrapped whole, first (caret at '&&')");
			heal_gen_release(&g);
		}
	}

	/* a stray letter glued after a ')' where the ';' was meant is no code;
	 * an 'if' with nothing to govern goes; an empty subscript gets 0 */
	{
		const char *src = "int f(int x)\n{\n\tf(x)_\n\treturn x;\n}\n";
		const char *named = "int f(int x)\n{\n\tf(x)x\n\treturn x;\n}\n";
		const char *ifs = "void f(int n)\n{\n\tif\n}\n";
		const char *ifok = "void f(int n)\n{\n\tif (n)\n\t\tn++;\n}\n";
		const char *sub = "int g(int *p);\nint f(void)\n{\n\tint a[4];\n\treturn g(&a[]);\n}\n";
		long at;

		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, src, 3, 6, "expected ';' after expression", NULL);
		at = find(&g, src, "int f(int x)\n{\n\tf(x);\n\treturn x;\n}\n");
		ok(at >= 0 && !g.v[at].loses_code, "stray: 'f(x)_' -> 'f(x);' loses no code");
		heal_gen_release(&g);
		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, named, 3, 6, "expected ';' after expression", NULL);
		at = find(&g, named, "int f(int x)\n{\n\tf(x);\n\treturn x;\n}\n");
		ok(at < 0 || g.v[at].loses_code, "stray: a name the file uses is code");
		heal_gen_release(&g);
		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, ifs, 4, 1, "expected '(' after 'if'", NULL);
		at = find(&g, ifs, "void f(int n)\n{\n\t\n}\n");
		ok(at >= 0 && !g.v[at].loses_code, "an 'if' before its block's '}' governs nothing");
		heal_gen_release(&g);
		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, ifok, 3, 2, "expected expression", NULL);
		at = find(&g, ifok, "void f(int n)\n{\n\t (n)\n\t\tn++;\n}\n");
		if (at < 0)
			at = find(&g, ifok, "void f(int n)\n{\n\t(n)\n\t\tn++;\n}\n");
		ok(at >= 0 && g.v[at].loses_code, "an 'if' with a condition and body is code");
		heal_gen_release(&g);
		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, sub, 5, 14, "expected expression", NULL);
		at = find(&g, sub, "int g(int *p);\nint f(void)\n{\n\tint a[4];\n\treturn g(&a[0]);\n}\n");
		ok(at >= 0 && g.v[at].score >= HEAL_GEN_EARLY, "empty subscript: '&a[]' -> '&a[0]', early");
		heal_gen_release(&g);
	}

	/* a ';' between a ')' and its '{' cuts a head from its body: refused */
	{
		const char *src = "int f(void)\n{\n\treturn 1;\nint main(void) {\n\treturn f();\n}\n";
		long at;

		heal_gen_init(&g);
		gen(&g, HEAL_LANG_C, src, 4, 16, "function definition is not allowed here", NULL);
		at = find(&g, src, "int f(void)\n{\n\treturn 1;\nint main(void); {\n\treturn f();\n}\n");
		if (at < 0)
			at = find(&g, src, "int f(void)\n{\n\treturn 1;\nint main(void);{\n\treturn f();\n}\n");
		ok(at < 0 || g.v[at].loses_code, "'int main(void);{' loses code (%ld)", at);
		heal_gen_release(&g);
	}

	/* a keyword in a name's place only where a statement starts: 'x = fro'
	 * keeps its name */
	heal_gen_init(&g);
	gen(&g, HEAL_LANG_PYTHON, "x = fro\n", 1, 5, "invalid syntax", NULL);
	ok(find(&g, "x = fro\n", "x = for\n") < 0, "a name inside a statement is not made a keyword");
	heal_gen_release(&g);

	/* deleting code is proposed only to be refused: marked */
	heal_gen_init(&g);
	gen(&g, HEAL_LANG_C, "int f(void)\n{\n\tint x = 5 foo;\n\treturn x;\n}\n", 3, 12,
	    "expected ';' at end of declaration", NULL);
	for (i = 0; i < g.n; i++) {
		if (g.v[i].loses_code)
			seen_lose = true;
	}
	ok(seen_lose, "an edit that deletes a name is marked");
	i = (size_t)find(&g, "int f(void)\n{\n\tint x = 5 foo;\n\treturn x;\n}\n",
			 "int f(void)\n{\n\tint x = 5 ;\n\treturn x;\n}\n");
	ok(i < g.n && g.v[i].loses_code, "  deleting 'foo' is one of them");
	heal_gen_release(&g);

	/* the token a message names comes first, where the error has no
	 * column too: make's caret is only the line's start */
	heal_gen_init(&g);
	gen(&g, HEAL_LANG_MAKE, "all: $(addprefix x,a b\n\t@echo hi\n", 1, 0,
	    "unterminated call to function 'addprefix': missing ')'", NULL);
	ok(g.n > 0 && strcmp(g.v[0].text, ")") == 0, "make: the named ')' is the first edit");
	i = (size_t)find(&g, "all: $(addprefix x,a b\n\t@echo hi\n", "all: $(addprefix x,a b)\n\t@echo hi\n");
	ok(i < 4, "  and at the line's end among the first few (%zu)", i);
	heal_gen_release(&g);

	/* make: a directive turned into a rule, or joined to the line before,
	 * or a keyword in a name's place, loses code */
	{
		const char *mk = "ifdef A\nX = 1\nelse\nX = 2\nelse\nX = 3\nendif\n";
		size_t a, b;

		heal_gen_init(&g);
		gen(&g, HEAL_LANG_MAKE, mk, 5, 0, "only one 'else' per conditional", NULL);
		a = (size_t)find(&g, mk, "ifdef A\nX = 1\nelse\nX = 2\nelse:\nX = 3\nendif\n");
		b = (size_t)find(&g, mk, "ifdef A\nX = 1\nelse\nX = 2\\\nelse\nX = 3\nendif\n");
		ok(a < g.n && g.v[a].loses_code, "make: 'else:' is marked");
		ok(b < g.n && g.v[b].loses_code, "make: a '\\' joining 'else' to the line before is marked");
		heal_gen_release(&g);
		heal_gen_init(&g);
		gen(&g, HEAL_LANG_MAKE, "define F\necho x\n", 1, 0, "missing 'endef', unterminated 'define'", NULL);
		ok(find(&g, "define F\necho x\n", "define F\nendef x\n") < 0,
		   "make: a keyword the message names never replaces a word");
		heal_gen_release(&g);
	}
}

static void test_priors(void)
{
	static const char doc[] =
		"{\"tools\":{\"clang\":{"
		"\"global\":{\"total\":10,\"edits\":{\"ins:;@caret\":4,\"ins:$q1@caret\":3,"
		"\"ins:)@caret-1\":3}},"
		"\"families\":{\"expected %s\":{\"total\":5,\"edits\":{\"ins:$q1@caret\":5}}},"
		"\"templates\":{\"expected ')'\":{\"total\":3,\"edits\":{\"ins:)@caret-1\":3}}}}}}";
	struct heal_json_limits lim;
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_prior p;
	struct heal_prior_view v;
	struct heal_gen g;
	const char *src = "int f(int a)\n{\n\treturn g(a;\n}\n";
	long i;

	memset(&p, 0, sizeof(p));
	heal_json_limits_default(&lim);
	p.doc = heal_json_parse(doc, strlen(doc), &lim, &err);
	p.keep = HEAL_KEEP_C;
	ok(p.doc != NULL, "a table parses");
	heal_prior_view_init(&v, &p, "clang", "expected ')'");
	ok(v.tmpl && v.fam && v.glob, "the view finds the template, its family, the table");
	ok(heal_prior_score(&v, "ins:)@caret-1", "ins:$q1@caret-1") >
	   heal_prior_score(&v, "ins:;@caret", "ins:;@caret"),
	   "the template's own kind scores above a global one");
	ok(heal_prior_score(&v, "ins:)@caret", "ins:$q1@caret") >
	   heal_prior_score(&v, "ins:;@caret", "ins:;@caret"),
	   "the family's kind ($q1: the quoted token) scores above a global one");
	heal_gen_init(&g);
	gen(&g, HEAL_LANG_C, src, 3, 12, "expected ')'", &v);
	i = find(&g, src, "int f(int a)\n{\n\treturn g(a);\n}\n");
	ok(g.n > 0 && i >= 0 && i <= 1, "the prior puts the fix first or second (at %ld of %zu)",
	   i, g.n);
	heal_gen_release(&g);
	heal_prior_view_release(&v);
	heal_json_free(p.doc);
}

int main(void)
{
	test_templates();
	test_lexers();
	test_generator();
	test_priors();
	return tap_done();
}
