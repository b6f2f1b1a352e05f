/*
 * The linker's actions (heal_link.c) on scratch projects: a call or a
 * definition renamed to the near name the other side uses, a definition's
 * parameters made the declaration's, an object added to the Makefile's
 * list, a definition in a header made one; and for each, a project where
 * the sources do not say which side is wrong, so nothing is proposed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actfix.h"
#include "tap.h"

#define NEAR_CALLS "{\"name\":\"prnt_msg\",\"side\":\"calls\"}"
#define NEAR_DEF "{\"name\":\"print_msg\",\"side\":\"definition\"}"

static void test_near(void)
{
	static const struct act_case calls[] = {
		{ "a misspelt call: renamed to the one near definition", NULL,
		  "link-near-definition", NEAR_CALLS, "main.c", 3, 0,
		  "main.c@18-26:print_msg", "new=print_msg" },
		{ "a name that is defined", NULL, "link-near-definition",
		  "{\"name\":\"main\",\"side\":\"calls\"}", "main.c", 3, 0,
		  "!'main' is defined in 'main.c'", NULL },
	};
	static const struct act_case declared[] = {
		{ "a call a header declares: the definition is missing", NULL,
		  "link-near-definition", NEAR_CALLS, "main.c", 3, 0,
		  "!'prnt_msg' is declared: the definition is what is missing", NULL },
	};
	/* the header is the contract: the definition is renamed */
	static const struct act_case definition[] = {
		{ "a misspelt definition: renamed to the header's name", NULL,
		  "link-near-definition", NEAR_DEF, "main.c", 4, 0,
		  "util.c@24-32:print_msg", "target=util.c" },
	};
	static const struct act_case two[] = {
		{ "two definitions as near: no rename", NULL, "link-near-definition", NEAR_DEF,
		  "main.c", 4, 0, "!no single definition with a name near 'print_msg'", NULL },
	};

	act_put("main.c", "int main(void)\n{\n\tprnt_msg();\n\treturn 0;\n}\n");
	act_put("util.c", "#include <stdio.h>\n\nvoid print_msg(void)\n{\n\tputs(\"hi\");\n}\n");
	ACT_CHECK(calls);
	act_put("util.h", "void prnt_msg(void);\n");
	ACT_CHECK(declared);

	act_put("util.h", "void print_msg(void);\n");
	act_put("util.c", "#include \"util.h\"\n\nvoid prnt_msg(void)\n{\n}\n");
	act_put("main.c", "#include \"util.h\"\nint main(void)\n{\n\tprint_msg();\n\treturn 0;\n}\n");
	ACT_CHECK(definition);
	act_put("util.c", "void prnt_msg(void)\n{\n}\nvoid print_msh(void)\n{\n}\n");
	ACT_CHECK(two);
	act_remove("util.h");
	act_remove("util.c");
	act_remove("main.c");
}

static void test_match_decl(void)
{
	static const struct act_case types[] = {
		{ "other types: the header's types, its own names", NULL,
		  "link-match-declaration", "{\"name\":\"add\"}", "add.c", 2, 0,
		  "add.c@25-39:int a, int b", "header=add.h" },
	};
	static const struct act_case names[] = {
		{ "only the names differ: the text is the same again", NULL,
		  "link-match-declaration", "{\"name\":\"add\"}", "add.c", 2, 0,
		  "add.c@25-37:int x, int y", NULL },
	};
	static const struct act_case more[] = {
		{ "a parameter more: no type to change", NULL, "link-match-declaration",
		  "{\"name\":\"add\"}", "add.c", 2, 0,
		  "!the definition of 'add' takes 3 parameters, its declaration 2", NULL },
	};

	act_put("add.h", "int add(int a, int b);\n");
	act_put("add.c", "#include \"add.h\"\nint add(long a, long b)\n{\n\treturn a + b;\n}\n");
	ACT_CHECK(types);
	act_put("add.c", "#include \"add.h\"\nint add(int x, int y)\n{\n\treturn x + y;\n}\n");
	ACT_CHECK(names);
	act_put("add.c", "#include \"add.h\"\nint add(int a, int b, int c)\n{\n\treturn a;\n}\n");
	ACT_CHECK(more);
	act_remove("add.h");
	act_remove("add.c");
}

static void test_add_object(void)
{
	static const struct {
		const char *makefile;
		struct act_case c;
	} cases[] = {
		{ "OBJS = main.o\n\napp: $(OBJS)\n\tcc -o app $(OBJS)\n",
		  { "a defining file left out: its object joins the list", NULL,
		    "link-add-object", "{\"name\":\"helper\"}", "main.c", 4, 0,
		    "Makefile@13-13: helper.o", "new=helper.o" } },
		{ "app: main.c\n\tcc -o app main.c\n",
		  { "a rule that lists sources: the prerequisites and the recipe", NULL,
		    "link-add-object", "{\"name\":\"helper\"}", "main.c", 4, 0,
		    "Makefile@11-11: helper.c | Makefile@29-29: helper.c", "new=helper.c" } },
		{ "OBJS = helper.o main.o\napp: $(OBJS)\n",
		  { "a Makefile that names it", NULL, "link-add-object", "{\"name\":\"helper\"}",
		    "main.c", 4, 0, "!the Makefile names 'helper.o' already", NULL } },
		{ "app: main.o\n\tcc -o app main.o util.o\n",
		  { "a Makefile without a list that holds the failing file", NULL,
		    "link-add-object", "{\"name\":\"helper\"}", "lib.c", 4, 0,
		    "!no list in the Makefile holds 'lib.o' or 'lib.c'", NULL } },
		{ NULL,
		  { "no Makefile", NULL, "link-add-object", "{\"name\":\"helper\"}", "main.c", 4, 0,
		    "!no Makefile in the project root", NULL } },
	};
	size_t i;

	act_put("main.c", "int helper(void);\nint main(void)\n{\n\treturn helper();\n}\n");
	act_put("lib.c", "int helper(void);\nint lib(void)\n{\n\treturn helper();\n}\n");
	act_put("helper.c", "int helper(void)\n{\n\treturn 1;\n}\n");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (cases[i].makefile)
			act_put("Makefile", cases[i].makefile);
		else
			act_remove("Makefile");
		act_check(&cases[i].c, 1);
	}
	act_remove("main.c");
	act_remove("lib.c");
	act_remove("helper.c");
}

static void test_one_definition(void)
{
	static const struct act_case function[] = {
		{ "a function defined in a header becomes static inline", NULL,
		  "link-one-definition", "{\"name\":\"twice\"}", "twice.h", 1, 0,
		  "twice.h@0-0:static inline ", "new=static inline" },
	};
	static const struct act_case fstatic[] = {
		{ "one that is static", NULL, "link-one-definition", "{\"name\":\"twice\"}",
		  "twice.h", 1, 0, "!'twice' is static or inline in 'twice.h' already", NULL },
	};
	static const struct act_case variable[] = {
		{ "a variable: declared there, defined once in the file named like it", NULL,
		  "link-one-definition", "{\"name\":\"counter\"}", "counter.h", 1, 0,
		  "counter.c@21-21:\\nint counter = 0;\\n | counter.h@0-16:extern int counter;",
		  "target=counter.c" },
	};
	static const struct act_case vstatic[] = {
		{ "a static variable", NULL, "link-one-definition", "{\"name\":\"counter\"}",
		  "counter.h", 1, 0, "!0 headers define the variable 'counter' alone on a line",
		  NULL },
	};

	act_put("twice.h", "int twice(int x)\n{\n\treturn 2 * x;\n}\n");
	ACT_CHECK(function);
	act_put("twice.h", "static int twice(int x)\n{\n\treturn 2 * x;\n}\n");
	ACT_CHECK(fstatic);
	act_remove("twice.h");

	act_put("counter.h", "int counter = 0;\n");
	act_put("main.c", "#include \"counter.h\"\nint main(void) { return counter; }\n");
	act_put("counter.c", "#include \"counter.h\"\nvoid inc(void) { counter++; }\n");
	ACT_CHECK(variable);
	act_put("counter.h", "static int counter = 0;\n");
	ACT_CHECK(vstatic);
	act_remove("counter.h");
	act_remove("counter.c");
	act_remove("main.c");
}

int main(void)
{
	act_open();
	test_near();
	test_match_decl();
	test_add_object();
	test_one_definition();
	act_close();
	return tap_done();
}
