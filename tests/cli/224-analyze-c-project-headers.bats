#!/usr/bin/env bats
# A function, type, macro or global of the project used in a file that does
# not include the project's header that declares it: #include "x.h" when
# exactly one header in the file's directory (or below it) names it. Two
# headers naming it, or a header outside the file's directory, are no
# answer.

load analyze-helpers

G="gcc -fdiagnostics-color=never -Wall -g"
C="clang -fno-color-diagnostics -Wall -g"

mathx() {
	printf '#ifndef MATHX_H\n#define MATHX_H\nint square(int x);\n#endif\n' >mathx.h
	printf '#include "mathx.h"\nint square(int x) { return x * x; }\n' >mathx.c
	printf '#include <stdio.h>\n\nint main(void)\n{\n    printf("%%d\\n", square(3));\n    return 0;\n}\n' >main.c
}

@test "project headers: a function of the project under -Werror (gcc) and clang: #include \"mathx.h\"" {
	mathx
	cp main.c orig
	sed '1a #include "mathx.h"' orig >want
	heals_to want main.c $G -Werror -o app main.c mathx.c
	cp orig main.c
	heals_to want main.c $C -Werror -o app main.c mathx.c
	run ./app
	assert_output 9
}

@test "project headers: a typedef'd struct and a function in src/, the header beside them, gcc and clang" {
	mkdir src
	printf 'typedef struct { int w, h; } rect_t;\nint area(const rect_t *r);\n' >src/rect.h
	printf '#include "rect.h"\nint area(const rect_t *r) { return r->w * r->h; }\n' >src/rect.c
	printf '#include <stdio.h>\n\nint main(void)\n{\n    rect_t r = { 2, 3 };\n    printf("%%d\\n", area(&r));\n    return 0;\n}\n' >src/main.c
	cp src/main.c orig
	sed '1a #include "rect.h"' orig >want
	heals_to want src/main.c $G -o app src/main.c src/rect.c
	cp orig src/main.c
	heals_to want src/main.c $C -o app src/main.c src/rect.c
}

@test "project headers: a macro and a global (gcc's undeclared, clang's undeclared identifier)" {
	printf '#define MAX_ITEMS 4\nextern int verbose;\n' >config.h
	printf '#include "config.h"\nint verbose = 0;\n' >config.c
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int items[MAX_ITEMS] = {0};\n    if (verbose)\n        puts("v");\n    printf("%%d\\n", items[0]);\n    return 0;\n}\n' >main.c
	cp main.c orig
	sed '1a #include "config.h"' orig >want
	heals_to want main.c $G -o app main.c config.c
	cp orig main.c
	heals_to want main.c $C -o app main.c config.c
}

@test "project headers: a subdirectory header included with its path (lib/mathx.h)" {
	mkdir lib
	mathx
	mv mathx.h mathx.c lib/
	sed '1a #include "lib/mathx.h"' main.c >want
	detected "implicit declaration" $G -Werror -o app main.c lib/mathx.c
	run fix_get 'r["fixes"][0]["description"]'
	assert_output "add '#include \"lib/mathx.h\"' to main.c"
	heals_to want main.c $G -Werror -o app main.c lib/mathx.c
}

@test "project headers: two headers that name the function are no answer" {
	mathx
	printf 'int square(int x);\n' >other.h
	cp main.c orig
	run heal --yes --no-wait -- $G -Werror -o app main.c mathx.c
	assert_failure
	cmp orig main.c
}

@test "project headers: a header outside the file's directory (include/ with -Iinclude) is not guessed at" {
	mkdir include src
	printf 'int square(int x);\n' >include/mathx.h
	printf '#include "mathx.h"\nint square(int x) { return x * x; }\n' >src/mathx.c
	printf '#include <stdio.h>\n\nint main(void)\n{\n    printf("%%d\\n", square(3));\n    return 0;\n}\n' >src/main.c
	cp src/main.c orig
	run heal --yes --no-wait -- $G -Werror -Iinclude -o app src/main.c src/mathx.c
	assert_failure
	cmp orig src/main.c
}

@test "project headers: a misspelled local variable is not looked up in a header that happens to name it" {
	printf 'struct stats { int total; };\n' >stats.h
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int count = 2, sum = 0;\n    sum += cuont;\n    printf("%%d %%d\\n", count, sum);\n    return 0;\n}\n' >main.c
	sed 's/cuont/count/' main.c >want
	heals_to want main.c $C -o app main.c
}

@test "project headers: C++, a class of a .hpp used without it (g++'s not declared, clang++'s unknown type name)" {
	printf '#pragma once\n\nclass Widget {\npublic:\n    int size() const { return 3; }\n};\n' >widget.hpp
	printf '#include <iostream>\n\nint main()\n{\n    Widget w;\n    std::cout << w.size() << std::endl;\n    return 0;\n}\n' >main.cpp
	cp main.cpp orig
	sed '1a #include "widget.hpp"' orig >want
	heals_to want main.cpp g++ -fdiagnostics-color=never -Wall -o app main.cpp
	cp orig main.cpp
	heals_to want main.cpp clang++ -fno-color-diagnostics -Wall -o app main.cpp
	run ./app
	assert_output 3
}

@test "project headers: a struct of the project used by value without its header (gcc's storage size, clang's incomplete type)" {
	printf '#ifndef ITEM_H\n#define ITEM_H\nstruct item {\n    int id;\n    int qty;\n};\nint total(const struct item *it, int n);\n#endif\n' >item.h
	printf '#include "item.h"\nint total(const struct item *it, int n) { int t = 0; for (int i = 0; i < n; i++) t += it[i].qty; return t; }\n' >item.c
	printf '#include <stdio.h>\n\nint total(const struct item *it, int n);\n\nint main(void)\n{\n    struct item a = { 1, 2 };\n    printf("%%d\\n", total(&a, 1));\n    return 0;\n}\n' >main.c
	cp main.c orig
	sed '1a #include "item.h"' orig >want
	heals_to want main.c $G -o app main.c item.c
	cp orig main.c
	heals_to want main.c $C -o app main.c item.c
	run ./app
	assert_output 2
}
