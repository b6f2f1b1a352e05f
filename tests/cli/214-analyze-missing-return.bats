#!/usr/bin/env bats
# A non-void function that can fall off its end (gcc -Werror=return-type,
# clang -Werror): the value added is the one case the function's other
# returns leave, and nothing is applied when they leave none.  Real gcc and
# clang, the real pipeline.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() { loop_setup; }
teardown() { loop_teardown; }

# main.c: the function $1, and a main that exits 0 only when it returns right
project() {
	printf '#include <stdbool.h>\n#include <stddef.h>\n#include <stdio.h>\n\n%s\n\nint main(void)\n{\n    %s\n}\n' "$1" "$2" >main.c
}

@test "missing return: sign()'s 1 and -1 leave 0; heal applies it and the program is right (clang -Werror)" {
	command -v clang >/dev/null || skip "no clang"
	project $'static int sign(int v)\n{\n    if (v > 0)\n        return 1;\n    else if (v < 0)\n        return -1;\n}' \
		'return sign(-3) == -1 && sign(0) == 0 && sign(5) == 1 ? 0 : 1;'
	run --separate-stderr heal --yes --no-wait -- clang -Wall -Werror -o app main.c
	assert_success
	grep -q '^    return 0;$' main.c
	run ./app
	assert_success
}

@test "missing return: early error returns (-1) leave success (0); a lone 0 leaves -1 (gcc -Werror=return-type)" {
	project $'static int check(int v)\n{\n    if (v < 0)\n        return -1;\n    printf("ok %d\\n", v);\n}' \
		'return check(-1) == -1 && check(2) == 0 ? 0 : 1;'
	run --separate-stderr heal --yes --no-wait -- gcc -Werror=return-type -o app main.c
	assert_success
	run ./app
	assert_success
	project $'static int parse(const char *s)\n{\n    if (s[0] == \'y\')\n        return (0);\n}' \
		'return parse("y") == 0 && parse("n") == -1 ? 0 : 1;'
	run --separate-stderr heal --yes --no-wait -- gcc -Werror=return-type -o app main.c
	assert_success
	grep -q '^    return -1;$' main.c
	run ./app
	assert_success
}

@test "missing return: a bool that returns only false ends true; a pointer search ends NULL" {
	project $'static bool all_positive(const int *v, int n)\n{\n    for (int i = 0; i < n; i++)\n        if (v[i] <= 0)\n            return false;\n}' \
		'int a[] = {1, 2}, b[] = {1, -2};
    return all_positive(a, 2) && !all_positive(b, 2) ? 0 : 1;'
	run --separate-stderr heal --yes --no-wait -- gcc -Werror=return-type -o app main.c
	assert_success
	grep -q '^    return true;$' main.c
	run ./app
	assert_success
	project $'static const char *find(const char **v, int n, char c)\n{\n    for (int i = 0; i < n; i++)\n        if (v[i][0] == c)\n            return v[i];\n}' \
		"const char *v[] = {\"ab\", \"cd\"};
    return find(v, 2, 'c') == v[1] && find(v, 2, 'x') == NULL ? 0 : 1;"
	run --separate-stderr heal --yes --no-wait -- gcc -Werror=return-type -o app main.c
	assert_success
	grep -q '^    return NULL;$' main.c
	run ./app
	assert_success
}

@test "missing return: a return in a comment or a string does not count" {
	project $'static int sign(int v)\n{\n    /* return 0; was here */\n    if (v > 0)\n        return 1;\n    else if (v < 0) {\n        puts("return 0;");\n        return -1;\n    }\n}' \
		'return sign(0) == 0 ? 0 : 1;'
	run proposed gcc -Werror=return-type -o app main.c
	assert_success
	[[ "$output" == *"c.missing-return-complement return 0 at the end"* ]]
	# GNU style: the return type on its own line
	project $'static int\nsign (int v)\n{\n  if (v > 0)\n    return 1;\n  if (v < 0)\n    return -1;\n}' 'return sign(1) == 1 ? 0 : 1;'
	run proposed gcc -Werror=return-type -o app main.c
	assert_success
	[[ "$output" == *"c.missing-return-complement return 0 at the end"* ]]
	# a goto label in column 0 is not the function's header
	project $'static int load(int v)\n{\n    if (v < 0)\n        return -1;\n    if (v == 0)\n        goto out;\n    printf("%d\\n", v);\nout:\n    puts("done");\n}' 'return load(-1) == -1 && load(0) == 0 ? 0 : 1;'
	run --separate-stderr heal --yes --no-wait -- gcc -Werror=return-type -o app main.c
	assert_success
	run ./app
	assert_success
}

@test "missing return: returns of variables, or of both 0 and 1, leave no one value; nothing is applied" {
	project $'static int max(int a, int b)\n{\n    if (a > b)\n        return a;\n    else if (b > a)\n        return b;\n}' \
		'return max(1, 2) == 2 ? 0 : 1;'
	cp main.c before.c
	run proposed gcc -Werror=return-type -o app main.c
	assert_success
	[[ "$output" != *c.missing-return-complement* ]]
	[[ "$output" == *c.missing-return* ]]
	run --separate-stderr heal --no-wait -- gcc -Werror=return-type -o app main.c
	assert_failure
	cmp main.c before.c
	project $'static int has(int v)\n{\n    if (v == 1)\n        return 1;\n    if (v == 2)\n        return 0;\n}' \
		'return has(1) ? 0 : 1;'
	run proposed gcc -Werror=return-type -o app main.c
	assert_success
	[[ "$output" != *c.missing-return-complement* ]]
}

@test "return without a value: clang's error gets the type's neutral value at that return, under a header below statements in column 0" {
	command -v clang >/dev/null || skip "no clang"
	# the value is a guess (0.8) that the checker proves: the search on
	export HEAL_SEARCH=1
	# students write statements in column 0: the header is the line that can be one
	project $'static int half(int v)\n{\nint h;\nh = v / 2;\n    if (v < 0)\n        return;\nreturn  h;\n}\nstatic char *name(int v)\n{\n    if (v)\n        return;\n    return "x";\n}' \
		'return half(-2) == 0 && half(4) == 2 && name(1) == NULL ? 0 : 1;'
	run --separate-stderr heal --yes --no-wait -- clang -Wall -o app main.c
	assert_success
	grep -q '^        return 0;$' main.c
	grep -q '^        return NULL;$' main.c
	grep -q '^return  h;$' main.c
	run ./app
	assert_success
}

@test "return without a value: g++'s -fpermissive error too; a struct's return has no neutral value and the file is left as it was" {
	command -v g++ >/dev/null || skip "no g++"
	export HEAL_SEARCH=1
	printf 'int f(int x)\n{\n    if (x)\n        return;\n    return 1;\n}\nint main() { return f(1); }\n' >m.cc
	run --separate-stderr heal --yes --no-wait -- g++ -o app m.cc
	assert_success
	grep -q '^        return 0;$' m.cc
	command -v clang >/dev/null || skip "no clang"
	project $'struct p { int x; };\nstatic struct p mk(int v)\n{\n    if (v)\n        return;\n    return (struct p){ v };\n}' 'return mk(0).x;'
	cp main.c before.c
	run --separate-stderr heal --no-wait -- clang -o app main.c
	assert_failure
	cmp main.c before.c
}
