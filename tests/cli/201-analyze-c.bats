#!/usr/bin/env bats
# heal-analyze on real gcc/clang diagnostics: the expected edit, and the fix compiles.

load analyze-helpers

GCC=(gcc -fdiagnostics-color=never -Wall -Werror -c -o /dev/null)
CLANG=(clang -fno-color-diagnostics -Wall -Werror -c -o /dev/null)

@test "c: did you mean (gcc, tab and UTF-8 before the name) replaces the identifier" {
	printf '#include <stdio.h>\nint main(void)\n{\n\tint count = 1; /* \xc3\xa9t\xc3\xa9 */\n\tprintf("%%d\\n", conut);\n\treturn 0;\n}\n' >m.c
	diagnose gcc undeclared "${GCC[@]}" m.c
	run first_edit
	assert_output 'm.c 80 85 "count"'
	assert_equal "$(fix_get 'r["analysis"]["rule"]')" c.did-you-mean
	apply_fix
	run "${GCC[@]}" m.c
	assert_success
}

@test "c: string as a type (CS50's, C++'s) is a char *, over gcc's 'did you mean stdin'" {
	printf '#include <stdio.h>\nstring greet(string who)\n{\n\treturn who; /* a string */\n}\nint main(void)\n{\n\tstring s = "string x";\n\tprintf("%%s\\n", greet(s));\n\treturn 0;\n}\n' >m.c
	diagnose gcc 'string' "${GCC[@]}" m.c
	assert_equal "$(fix_get 'r["analysis"]["rule"]')" c.string-type
	apply_fix
	run "${GCC[@]}" m.c
	assert_success
	grep -qx 'char \*greet(char \*who)' m.c
	grep -qx '	char \*s = "string x";' m.c
	grep -qx '	return who; /\* a string \*/' m.c
}

@test "c: did you mean (clang) a struct member" {
	printf 'struct p { int name; };\nint f(struct p *x) { return x->nmae; }\n' >m.c
	diagnose clang member "${CLANG[@]}" m.c
	assert_equal "$(fix_get 'r["fixes"][0]["edits"][0]["text"]')" name
	apply_fix
	run "${CLANG[@]}" m.c
	assert_success
}

@test "c: implicit declaration of a standard function adds the header from the table" {
	for fn in 'strlen("x")' 'isdigit(1)' 'sqrt(2.0)' 'getpid()' 'isatty(0)'; do
		printf '#include <stdio.h>\n\nint main(void)\n{\n    return (int)%s;\n}\n' "$fn" >m.c
		diagnose gcc implicit "${GCC[@]}" m.c
		apply_fix
		run "${GCC[@]}" m.c
		assert_success
	done
	grep -q '#include <unistd.h>' m.c
}

@test "c: missing include inserted after the existing includes, exact text" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    return (int)strlen("ab");\n}\n' >m.c
	diagnose gcc implicit "${GCC[@]}" m.c
	run first_edit
	assert_output 'm.c 19 19 "#include <string.h>\n"'
}

@test "c: types and macros get their header (size_t, bool, uint8_t, NULL, FILE, errno)" {
	for t in 'size_t x = 0; (void)x;' 'bool b = 1; (void)b;' 'uint8_t u = 1; (void)u;' \
		'void *p = NULL; (void)p;' 'FILE *f = 0; (void)f;' 'int e = errno; (void)e;' 'int m = INT_MAX; (void)m;'; do
		printf 'int main(void)\n{\n    %s\n    return 0;\n}\n' "$t" >m.c
		for cc in gcc clang; do
			cp m.c orig.c
			if [ $cc = gcc ]; then cmd=("${GCC[@]}"); else cmd=("${CLANG[@]}"); fi
			diagnose $cc "" "${cmd[@]}" m.c
			apply_fix
			run "${cmd[@]}" m.c
			assert_success
			cp orig.c m.c
		done
	done
}

@test "c: expected ';' before a token (gcc) inserts after the previous token" {
	printf 'int main(void)\n{\n    int v = 2 /* two */\n    return v - 2;\n}\n' >m.c
	diagnose gcc "expected" "${GCC[@]}" m.c
	run first_edit
	assert_output 'm.c 30 30 ";"'
	apply_fix
	run "${GCC[@]}" m.c
	assert_success
}

@test "c: expected ';' after expression (clang)" {
	printf 'int f(int);\nint main(void)\n{\n    f(1)\n    return 0;\n}\n' >m.c
	diagnose clang "expected" "${CLANG[@]}" m.c
	apply_fix
	run "${CLANG[@]}" m.c
	assert_success
}

@test "c: unbalanced ) and a missing } at end of input" {
	printf 'int main(int argc, char **argv)\n{\n    (void)argv;\n    if ((argc > 1) {\n        return 1;\n    }\n    return 0;\n}\n' >m.c
	diagnose gcc "expected ‘)’" "${GCC[@]}" m.c
	apply_fix
	run "${GCC[@]}" m.c
	assert_success
	printf 'int main(int argc, char **argv)\n{\n    (void)argv;\n    if (argc > 1) {\n        argc = 2;\n    return argc;\n}\n' >m.c
	diagnose gcc "end of input" "${GCC[@]}" m.c
	run first_edit
	assert_output 'm.c 88 88 "    }\n"'
	apply_fix
	run "${GCC[@]}" m.c
	assert_success
}

@test "c: -Werror unused variable and unused parameter" {
	printf 'int f(int x)\n{\n    int unused = 3;\n    return x;\n}\n' >m.c
	diagnose gcc unused "${GCC[@]}" m.c
	run first_edit
	assert_output 'm.c 15 35 ""'
	apply_fix
	run "${GCC[@]}" m.c
	assert_success
	printf 'int f(int x, int y)\n{\n    return x;\n}\n' >m.c
	diagnose gcc unused "${GCC[@]}" -Wextra m.c
	apply_fix
	run "${GCC[@]}" -Wextra m.c
	assert_success
	grep -q '(void)y;' m.c
}

@test "c: undeclared identifier with one close declared name (no compiler hint)" {
	printf 'int main(void)\n{\n    int total_sum = 0;\n    return totl_sum;\n}\n' >m.c
	diagnose clang undeclared "${CLANG[@]}" m.c
	apply_fix
	run "${CLANG[@]}" m.c
	assert_success
}

@test "c: implicit int, missing return, format conversion" {
	printf 'static x = 1;\nint main(void) { return x - 1; }\n' >m.c
	diagnose gcc "defaults to" "${GCC[@]}" -std=gnu89 -Wimplicit-int m.c
	apply_fix
	run "${GCC[@]}" -std=gnu89 -Wimplicit-int m.c
	assert_success
	printf 'static int f(int v)\n{\n    if (v)\n        return 1;\n}\nint main(void) { return f(0); }\n' >m.c
	diagnose clang "non-void" "${CLANG[@]}" m.c
	apply_fix
	run "${CLANG[@]}" m.c
	assert_success
	printf '#include <stdio.h>\nint main(void)\n{\n    long n = 5;\n    printf("n=%%5d\\n", n);\n    return 0;\n}\n' >m.c
	diagnose gcc format "${GCC[@]}" m.c
	apply_fix
	grep -q '%5ld' m.c
	run "${GCC[@]}" m.c
	assert_success
}

@test "c: a function used before its definition gets a prototype" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    printf("%%f\\n", half(3));\n    return 0;\n}\n\ndouble half(int n)\n{\n    return n / 2.0;\n}\n' >m.c
	diagnose gcc "conflicting types" gcc -fdiagnostics-color=never -Wall -c -o /dev/null m.c
	apply_fix
	run "${GCC[@]}" m.c
	assert_success
}

@test "c++: missing std:: and missing <vector>" {
	printf '#include <iostream>\nint main()\n{\n    cout << 1 << std::endl;\n    return 0;\n}\n' >m.cpp
	diagnose g++ "cout" g++ -fdiagnostics-color=never -c -o /dev/null m.cpp
	assert_equal "$(fix_get 'r["fixes"][0]["edits"][0]["text"]')" std::cout
	apply_fix
	run g++ -c -o /dev/null m.cpp
	assert_success
	printf '#include <string>\nint main()\n{\n    std::vector<int> v;\n    return (int)v.size();\n}\n' >m.cpp
	diagnose g++ "vector" g++ -fdiagnostics-color=never -c -o /dev/null m.cpp
	apply_fix
	run g++ -c -o /dev/null m.cpp
	assert_success
}

@test "c: a header typo and a header in another directory" {
	mkdir include
	printf '#define V 1\n' >util.h
	printf '#define W 2\n' >include/version.h
	printf '#include "utils.h"\nint v = V;\n' >m.c
	diagnose gcc "No such file" "${GCC[@]}" m.c
	apply_fix
	printf '#include "util.h"\n#include "version.h"\nint w = W;\n' >m.c
	diagnose clang "not found" "${CLANG[@]}" m.c
	apply_fix
	run "${CLANG[@]}" m.c
	assert_success
	grep -q '"include/version.h"' m.c
}

@test "c: records heal-analyze cannot help still get a category and rule null" {
	printf 'int f(int a, int b);\nint main(void) { return f(1); }\n' >m.c
	diagnose gcc "too few" "${GCC[@]}" m.c
	assert_equal "$(fix_get 'r["fixes"]')" "[]"
	assert_equal "$(fix_get 'r["analysis"]["rule"]')" null
	[ -n "$(fix_get 'r["analysis"]["category"]')" ]
}
