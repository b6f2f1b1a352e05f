/*
 * cc: the compiler of the command, -fsyntax-only, with the command's
 * flags that change how the file parses.
 */
#include <string.h>

#include "heal_check_int.h"

/* Whether the command names file among its arguments. */
static bool names_file(const char *const *cmd, const char *file)
{
	size_t i;

	for (i = 1; cmd[i]; i++) {
		const char *a = cmd[i];

		if (a[0] == '.' && a[1] == '/')
			a += 2;
		if (strcmp(a, file) == 0)
			return true;
	}
	return false;
}

/*
 * A candidate (the repair search's, in a copy) is also compiled with -Wall:
 * an edit that compiles may still say something else than was meant ('f(1)'
 * made 'f,(1)', a comma operator), and the judge refuses one that adds a
 * warning the original did not have; the original is checked the same way.
 */
static void add_warnings(struct heal_check_argv *argv, const struct heal_check_target *t)
{
	if (t->copy)
		heal_check_argv_push(argv, "-Wall");
}

/* Flags of a compiler command that matter for parsing. */
static void add_compile_flags(struct heal_check_argv *argv,
			      const char *const *cmd)
{
	size_t i;

	for (i = 1; cmd[i]; i++) {
		const char *a = cmd[i];

		if (!strncmp(a, "-I", 2) || !strncmp(a, "-D", 2) ||
		    !strncmp(a, "-U", 2) || !strncmp(a, "-std=", 5) ||
		    !strncmp(a, "-m", 2)) {
			heal_check_argv_push(argv, a);
			if (a[2] == '\0' && a[1] != 'm' && cmd[i + 1])
				heal_check_argv_push(argv, cmd[++i]);
		} else if ((!strcmp(a, "-include") || !strcmp(a, "-isystem") ||
			    !strcmp(a, "-iquote")) && cmd[i + 1]) {
			heal_check_argv_push(argv, a);
			heal_check_argv_push(argv, cmd[++i]);
		}
	}
}

static enum heal_check_plan plan(const struct heal_check_target *t,
				 struct heal_check_argv *argv, const char **why)
{
	const char *const *cmd = t->command;
	const char *family = NULL;
	bool cxx = false, c = t->lang->id == HEAL_LANG_C;

	/* a header is checked where it is included */
	if (t->header)
		return HEAL_CHECK_PASS_ON;
	if (!cmd || !heal_lang_is_compiler(cmd[0], &cxx, &family)) {
		if (!t->copy) {
			*why = "compiler flags unknown: the re-run checks this file";
			return HEAL_CHECK_SKIP;
		}
		/* a candidate: the system's compiler, without the flags */
		heal_check_argv_pushl(argv, c ? "cc" : "c++", "-fsyntax-only", NULL);
		add_warnings(argv, t);
		heal_check_argv_push(argv, t->arg);
		return HEAL_CHECK_RUN;
	}
	if (!t->copy && names_file(cmd, t->file)) {
		/* the re-run compiles this very file: a check would repeat it */
		*why = "the re-run compiles this file";
		return HEAL_CHECK_SKIP;
	}
	heal_check_argv_pushl(argv, c || cxx ? cmd[0]
			      : strcmp(family, "clang") == 0 ? "clang++" : "c++",
			      "-fsyntax-only", NULL);
	add_warnings(argv, t);
	add_compile_flags(argv, cmd);
	heal_check_argv_push(argv, t->arg);
	return HEAL_CHECK_RUN;
}

/*
 * What clang leaves out after an error: its analysis-based warnings
 * (uninitialized uses, a missing return) in every function once the file
 * has an error, the unused variables of a scope that had one, and the
 * checks of a statement that did not parse (an argument the format does
 * not fit, an index past an array's end, a comparison whose result is
 * unused, a for loop's analysis); gcc's forms in the C locale
 * beside them.  And a conversion the author wrote elsewhere in the file
 * the same way, which a statement that now parses repeats.
 */
/* what the edit must not change for a missing return not to be its own:
 * a return, a brace, a statement that steers control */
#define CONTROL "return { } if else while for do switch case break continue goto"

static const struct heal_check_quiet quiet[] = {
	{ "unused variable '*'", NULL, HEAL_QUIET_USES },
	{ "unused parameter '*'", NULL, HEAL_QUIET_USES },
	{ "unused label '*'", NULL, HEAL_QUIET_USES },
	{ "variable '*' set but not used", NULL, HEAL_QUIET_USES },
	/* clang's -Wfor-loop-analysis on a for whose header did not parse:
	 * about the loop's body, not the comparison the edit fixed */
	{ "variable '*' used in loop condition not modified in loop body", NULL, HEAL_QUIET_USES },
	{ "variables '*' and '*' used in loop condition not modified in loop body", NULL, HEAL_QUIET_USES },
	{ "variable '*' is incremented both in the loop header and in the loop body", NULL, HEAL_QUIET_USES },
	{ "variable '*' is decremented both in the loop header and in the loop body", NULL, HEAL_QUIET_USES },
	{ "variable '*' is uninitialized when used *", NULL, HEAL_QUIET_WRITES },
	{ "variable '*' is used uninitialized whenever *", NULL, HEAL_QUIET_WRITES },
	{ "variable '*' may be uninitialized when used here", NULL, HEAL_QUIET_WRITES },
	{ "'*' is used uninitialized*", NULL, HEAL_QUIET_WRITES },
	{ "'*' may be used uninitialized*", NULL, HEAL_QUIET_WRITES },
	{ "non-void function does not return a value*", CONTROL, HEAL_QUIET_NAMED },
	{ "control may reach end of non-void function", CONTROL, HEAL_QUIET_NAMED },
	{ "control reaches end of non-void function", CONTROL, HEAL_QUIET_NAMED },
	/* clang's -Winfinite-recursion is analysis-based too; gcc 12's
	 * runs in its middle end, which an error never reaches: only in
	 * another function than the edit's */
	{ "all paths through this function will call itself", NULL, HEAL_QUIET_NAMED },
	{ "infinite recursion detected", NULL, HEAL_QUIET_NAMED },
	{ "overlapping comparisons always evaluate to *", "&& ||", HEAL_QUIET_NAMED },
	{ "format specifies type '*' but the argument has type *", NULL, HEAL_QUIET_AT },
	{ "format '*' expects argument of type '*', but argument * has type *", NULL, HEAL_QUIET_AT },
	{ "more '%' conversions than data arguments", NULL, HEAL_QUIET_AT },
	{ "too few arguments for format", NULL, HEAL_QUIET_AT },
	{ "format '*' expects a matching '*' argument", NULL, HEAL_QUIET_AT },
	/* a format the author wrote with a conversion the function does not
	 * take ('scanf("%.d")'), checked once its call parses */
	{ "invalid conversion specifier '*'", NULL, HEAL_QUIET_AT },
	{ "unknown conversion type character '*' in format", NULL, HEAL_QUIET_AT },
	{ "incomplete format specifier", NULL, HEAL_QUIET_AT },
	{ "conversion lacks type at end of format", NULL, HEAL_QUIET_AT },
	{ "data argument not used by format string", NULL, HEAL_QUIET_AT },
	{ "too many arguments for format", NULL, HEAL_QUIET_AT },
	/* an assignment the author wrote as a condition ('while(s[i]=\0)'):
	 * said once the statement parses, about the '=' the edit left */
	{ "using the result of an assignment as a condition without parentheses", NULL, HEAL_QUIET_AT },
	{ "suggest parentheses around assignment used as truth value", NULL, HEAL_QUIET_AT },
	/* an empty body the author wrote ('if(a<b);') in a statement the
	 * error's recovery skipped (up to its ';'): the edit's only when
	 * its own text is the ';' */
	{ "if statement has empty body", NULL, HEAL_QUIET_AT },
	{ "for loop has empty body", NULL, HEAL_QUIET_AT },
	{ "while loop has empty body", NULL, HEAL_QUIET_AT },
	{ "suggest braces around empty body in an '*' statement", NULL, HEAL_QUIET_AT },
	{ "multi-character character constant", NULL, HEAL_QUIET_AT },
	{ "character constant too long for its type", NULL, HEAL_QUIET_AT },
	{ "unknown escape sequence '*'", NULL, HEAL_QUIET_AT },
	{ "unknown escape sequence: '*'", NULL, HEAL_QUIET_AT },
	{ "overflow in expression; result is * with type *", NULL, HEAL_QUIET_AT },
	{ "integer overflow in expression*", NULL, HEAL_QUIET_AT },
	{ "array index * is past the end of the array *", NULL, HEAL_QUIET_AT },
	{ "array index * is before the beginning of the array", NULL, HEAL_QUIET_AT },
	{ "array subscript * is above array bounds of *", NULL, HEAL_QUIET_AT },
	{ "implicitly declaring library function '*' with type *", NULL, HEAL_QUIET_FIRST_USE },
	{ "implicit declaration of function '*' is invalid in C99", NULL, HEAL_QUIET_FIRST_USE },
	{ "call to undeclared library function '*' with type *", NULL, HEAL_QUIET_FIRST_USE },
	{ "incompatible implicit declaration of built-in function '*'", NULL, HEAL_QUIET_FIRST_USE },
	{ "relational comparison result unused", NULL, HEAL_QUIET_WORDS },
	{ "equality comparison result unused", NULL, HEAL_QUIET_WORDS },
	{ "inequality comparison result unused", NULL, HEAL_QUIET_WORDS },
	{ "expression result unused", NULL, HEAL_QUIET_WORDS },
	{ "left operand of comma operator has no effect", NULL, HEAL_QUIET_WORDS },
	{ "left-hand operand of comma expression has no effect", NULL, HEAL_QUIET_WORDS },
	{ "statement with no effect", NULL, HEAL_QUIET_WORDS },
	{ "value computed is not used", NULL, HEAL_QUIET_WORDS },
	{ "incompatible pointer types * '*' *", NULL, HEAL_QUIET_SAID },
	{ "incompatible integer to pointer conversion * '*' *", NULL, HEAL_QUIET_SAID },
	{ "incompatible pointer to integer conversion * '*' *", NULL, HEAL_QUIET_SAID },
	{ "assignment to '*' from '*' makes * without a cast", NULL, HEAL_QUIET_SAID },
	{ "assignment to '*' from incompatible pointer type '*'", NULL, HEAL_QUIET_SAID },
	{ NULL, NULL, HEAL_QUIET_NAMED },
};

const struct heal_checker heal_checker_cc = {
	.name = "cc",
	.plan = plan,
	.quiet_after_error = quiet,
};
