#!/usr/bin/env bats
# Preprocessor, -Werror and syntax classes whose fix the file determines: an include
# guard that lost its #endif, an assignment of a call's result used as a
# condition (doubled parentheses keep its meaning), an unused label. Their
# undetermined neighbours (a nested #if, if (x = y), a label with a
# statement on its line) are left byte-identical.

load analyze-helpers

G="gcc -fdiagnostics-color=never -Wall -g"
C="clang -fno-color-diagnostics -Wall -g"

main_util() {
	printf '#include <stdio.h>\n#include "%s"\n\nint twice(int x) { return 2 * x; }\n\nint main(void)\n{\n    printf("%%d\\n", twice(2));\n    return 0;\n}\n' "$1" >main.c
}

@test "warnings: an include guard without its #endif, gcc and clang: #endif at the end of the header" {
	printf '#ifndef UTIL_H\n#define UTIL_H\n\nint twice(int x);\n\n' >util.h
	main_util util.h
	cp util.h orig
	{ cat orig; printf '#endif\n'; } >want
	heals_to want util.h $G -o app main.c
	cp orig util.h
	heals_to want util.h $C -o app main.c
}

@test "warnings: a guard under a comment block, in include/, the header without a final newline (kept so)" {
	mkdir include
	printf '/*\n * util.h - helpers\n */\n#ifndef INCLUDE_UTIL_H\n#define INCLUDE_UTIL_H\nint twice(int x);' >include/util.h
	main_util include/util.h
	{ cat include/util.h; printf '\n#endif'; } >want
	heals_to want include/util.h $G -o app main.c
}

@test "warnings: a guard around a nested #ifdef block is not closed: where the #endif goes is not known" {
	printf '#ifndef UTIL_H\n#define UTIL_H\n#ifdef __cplusplus\nextern "C" {\n#endif\nint twice(int x);\n#ifdef __cplusplus\n}\n' >util.h
	main_util util.h
	cp util.h orig
	run heal --yes --no-wait -- $G -o app main.c
	assert_failure
	cmp orig util.h
}

@test "warnings: an unterminated #if in a function is closed before the brace of its block; at the top level it is classified and left alone" {
	printf 'int main(void)\n{\n#if 1\n    return 0;\n}\n' >main.c
	run heal --yes --no-wait -- $G -o app main.c
	assert_success
	[ "$(cat main.c)" = "$(printf 'int main(void)\n{\n#if 1\n    return 0;\n#endif\n}')" ]
	printf '#if 1\nint main(void)\n{\n    return 0;\n}\n' >main.c
	cp main.c orig
	detected "unterminated" $G -o app main.c
	run fix_get 'r["analysis"]["root_cause"] + " " + str(len(r.get("fixes") or []))'
	assert_output "the conditional opened on main.c:1 is never closed with #endif 0"
	run heal --yes --no-wait -- $G -o app main.c
	assert_failure
	cmp orig main.c
}

@test "warnings: while (c = fgetc(f)) under -Werror, gcc and clang: doubled parentheses" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int c, n = 0;\n    FILE *f = stdin;\n    while (c = fgetc(f))\n        if (c == EOF) break; else n++;\n    printf("%%d\\n", n);\n    return 0;\n}\n' >main.c
	cp main.c orig
	sed 's/while (c = fgetc(f))/while ((c = fgetc(f)))/' orig >want
	heals_to want main.c $G -Werror -o app main.c
	cp orig main.c
	heals_to want main.c $C -Werror -o app main.c
}

@test "warnings: if (p = malloc(n * sizeof(*p))) in a tab-indented function under -Werror=parentheses" {
	printf '#include <stdlib.h>\n\nint *make(size_t n)\n{\n\tint *p;\n\tif (p = malloc(n * sizeof(*p)))\n\t\tp[0] = 1;\n\treturn p;\n}\n' >lib.c
	sed 's/if (p = malloc(n \* sizeof(\*p)))/if ((p = malloc(n * sizeof(*p))))/' lib.c >want
	heals_to want lib.c gcc -fdiagnostics-color=never -Werror=parentheses -Wall -c -o lib.o lib.c
}

@test "warnings: if (x = y) may be meant: left byte-identical (if (x = 5) is 234's)" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int x = 3, y = 5;\n    if (x = y)\n        puts("five");\n    return 0;\n}\n' >main.c
	cp main.c orig
	run heal --yes --no-wait -- $G -Werror -o app main.c
	assert_failure
	cmp orig main.c
}

@test "warnings: an unused label, gcc and clang under -Werror, with another function's goto of the same name" {
	printf '#include <stdio.h>\n\nstatic int f(int x)\n{\n    if (x < 0)\n        goto out;\n    x++;\nout:\n    return x;\n}\n\nint main(void)\n{\n    int rc = f(1);\n    puts("hi");\nout:\n    return rc - 2;\n}\n' >main.c
	cp main.c orig
	sed '16d' orig >want
	heals_to want main.c $G -Werror -o app main.c
	cp orig main.c
	heals_to want main.c $C -Werror -o app main.c
}

@test "warnings: an unused label with a statement on its line is left alone" {
	printf 'int main(void)\n{\n    int rc = 0;\ndone: rc++;\n    return rc - 1;\n}\n' >main.c
	cp main.c orig
	run heal --yes --no-wait -- $G -Werror -o app main.c
	assert_failure
	cmp orig main.c
}

@test "warnings: printf(msg) and fprintf(stderr, msg) under -Werror=format-security, gcc and clang: through \"%s\"" {
	printf '#include <stdio.h>\n\nint main(int argc, char **argv)\n{\n    const char *msg = argc > 1 ? argv[1] : "100%%";\n    printf(msg);\n    fprintf(stderr, msg);\n    return 0;\n}\n' >main.c
	cp main.c orig
	sed 's/printf(msg)/printf("%s", msg)/; s/fprintf(stderr, msg)/fprintf(stderr, "%s", msg)/' orig >want
	heals_to want main.c $G -Wformat -Werror=format-security -o app main.c
	cp orig main.c
	heals_to want main.c $C -Werror -o app main.c
	run ./app
	assert_output "100%100%"
}

@test "warnings: a non-literal format whose call holds a comma (printf(pick(a, b))) is left alone" {
	printf '#include <stdio.h>\n\nstatic const char *pick(const char *a, const char *b) { return a ? a : b; }\n\nint main(void)\n{\n    printf(pick("x", "y"));\n    return 0;\n}\n' >main.c
	cp main.c orig
	run heal --yes --no-wait -- $C -Werror -o app main.c
	assert_failure
	cmp orig main.c
}

@test "warnings: void main in C (-Werror) and C++ (always an error): int main" {
	printf '#include <stdio.h>\n\nvoid main(void)\n{\n    puts("hi");\n}\n' >main.c
	cp main.c main.cpp
	sed 's/^void main/int main/' main.c >want
	heals_to want main.c $G -Werror -o app main.c
	heals_to want main.cpp g++ -fdiagnostics-color=never -Wall -o app main.cpp
	run ./app
	assert_success
}

@test "warnings: void main with a bare return; in it: int main kept as progress, the return left; --atomic: byte-identical" {
	printf '#include <stdio.h>\n\nvoid main(int argc, char **argv)\n{\n    if (argc > 1)\n        return;\n    puts(argv[0]);\n}\n' >main.cpp
	cp main.cpp orig
	# g++ reports both errors at the start: int main removes one, adds none
	run heal --yes --no-wait -- g++ -fdiagnostics-color=never -Wall -o app main.cpp
	assert_failure
	sed 's/^void main/int main/' orig >want
	cmp want main.cpp
	[[ "$output" == *"left: main.cpp:6: return-statement with no value"* ]]
	cp orig main.cpp
	run heal --atomic --yes --no-wait -- g++ -fdiagnostics-color=never -Wall -o app main.cpp
	assert_failure
	cmp orig main.cpp
}

@test "warnings: C++ char * initialized with string literals under -Werror, g++ and clang++: const char *" {
	printf '#include <cstdio>\n\nint main()\n{\n    char *greeting = "hello";\n    static char *names[] = {"a", "b"};\n    std::puts(greeting);\n    std::puts(names[1]);\n    return 0;\n}\n' >main.cpp
	cp main.cpp orig
	sed 's/^    char \*greeting/    const char *greeting/; s/^    static char \*names/    static const char *names/' orig >want
	heals_to want main.cpp g++ -fdiagnostics-color=never -Wall -Werror -o app main.cpp
	cp orig main.cpp
	heals_to want main.cpp clang++ -fno-color-diagnostics -Wall -Werror -o app main.cpp
}

@test "warnings: a char * literal that the program writes through is left alone (const is rolled back)" {
	printf '#include <cstdio>\n\nint main()\n{\n    char *s = "hello";\n    s[0] = 0x48;\n    std::puts(s);\n    return 0;\n}\n' >main.cpp
	cp main.cpp orig
	run heal --yes --no-wait -- g++ -fdiagnostics-color=never -Wall -Werror -o app main.cpp
	assert_failure
	cmp orig main.cpp
}

@test "syntax: a ';' after a function header, gcc and clang (C), g++ and clang++ (a const member): the ';' goes" {
	printf '#include <stdio.h>\n\nstatic int twice(int x);\n{\n    return 2 * x;\n}\n\nint main(void)\n{\n    printf("%%d\\n", twice(2));\n    return 0;\n}\n' >main.c
	cp main.c orig
	sed 's/^static int twice(int x);$/static int twice(int x)/' orig >want
	heals_to want main.c $G -o app main.c
	cp orig main.c
	heals_to want main.c $C -o app main.c
	printf '#include <iostream>\n\nclass A {\npublic:\n    int get() const;\n};\n\nint A::get() const;\n{\n    return 4;\n}\n\nint main()\n{\n    std::cout << A().get() << std::endl;\n    return 0;\n}\n' >a.cpp
	cp a.cpp orig
	sed 's/^int A::get() const;$/int A::get() const/' orig >want
	heals_to want a.cpp g++ -fdiagnostics-color=never -Wall -o app a.cpp
	cp orig a.cpp
	heals_to want a.cpp clang++ -fno-color-diagnostics -Wall -o app a.cpp
}

@test "syntax: a stray block after a declaration that is not a function header is left alone" {
	printf 'int counter;\n{\n    counter = 1;\n}\n\nint main(void)\n{\n    return 0;\n}\n' >main.c
	cp main.c orig
	run heal --yes --no-wait -- $G -o app main.c
	assert_failure
	cmp orig main.c
}

@test "warnings: return 0; in a void function (clang's error, g++'s error, gcc under -Werror): return;" {
	printf '#include <stdio.h>\n\nstatic void show(int x)\n{\n    if (x < 0)\n        return -1;\n    printf("%%d\\n", x);\n}\n\nint main(void)\n{\n    show(1);\n    return 0;\n}\n' >main.c
	cp main.c main.cpp
	cp main.c orig
	sed 's/return -1;/return;/' orig >want
	heals_to want main.c $C -o app main.c
	cp orig main.c
	heals_to want main.c $G -Werror -o app main.c
	heals_to want main.cpp g++ -fdiagnostics-color=never -Wall -o app main.cpp
	# a name in parentheses is no call: return (f); -> return;
	printf 'static int f;\nstatic void rec(int x)\n{\n    if (x)\n        return (f);\n    f = x;\n}\n\nint main(void)\n{\n    rec(0);\n    return f;\n}\n' >main.c
	sed 's/return (f);/return;/' main.c >want
	heals_to want main.c $C -o app main.c
}

@test "warnings: a void function that returns a call's value is left alone (the call may matter)" {
	printf '#include <stdio.h>\n\nstatic void show(int x)\n{\n    return printf("%%d\\n", x);\n}\n\nint main(void)\n{\n    show(1);\n    return 0;\n}\n' >main.c
	cp main.c orig
	run heal --yes --no-wait -- $C -o app main.c
	assert_failure
	cmp orig main.c
}

@test "warnings: a void function that returns a call's value: the search (opt-in) drops the return and keeps the call" {
	printf '#include <stdio.h>\n\nstatic void show(int x)\n{\n    return printf("%%d\\n", x);\n}\n\nint main(void)\n{\n    show(1);\n    return 0;\n}\n' >main.c
	run env HEAL_SEARCH=1 heal --yes --no-wait -- $C -o app main.c
	assert_success
	grep -q '^ *printf("%d\\n", x);$' main.c
	! grep -q 'return printf' main.c || false
	run ./app
	assert_output 1
}
