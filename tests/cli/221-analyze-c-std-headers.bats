#!/usr/bin/env bats
# Missing headers the corpus does not show: standard structs used without
# their header (struct timespec, struct tm), and the errors that follow a
# declaration the missing header broke (C++ std::unique_ptr<int> q = ...;
# then 'q' was not declared): those are consequences, not misspellings,
# and no close name may be put in their place.

load analyze-helpers

G="gcc -fdiagnostics-color=never -Wall -g"
C="clang -fno-color-diagnostics -Wall -g"

@test "headers: struct timespec fields and a variable without <time.h>, gcc and clang" {
	printf '#include <stdio.h>\n\nstruct span {\n    struct timespec start, end;\n};\n\nint main(void)\n{\n    struct timespec ts = { 1, 0 };\n    struct span s;\n    s.start = ts;\n    printf("%%ld\\n", (long)s.start.tv_sec);\n    return 0;\n}\n' >main.c
	cp main.c orig
	{ printf '#include <stdio.h>\n#include <time.h>\n'; tail -n +2 orig; } >want
	heals_to want main.c $G -o app main.c
	cp orig main.c
	heals_to want main.c $C -o app main.c
}

@test "headers: a const struct tm pointer dereferenced without <time.h> (gcc's invalid use of undefined type)" {
	printf '#include <stdio.h>\n\nstatic int year_of(const struct tm *t)\n{\n    return t->tm_year + 1900;\n}\n\nint main(void)\n{\n    printf("%%d\\n", year_of(NULL) > 0);\n    return 0;\n}\n' >main.c
	cp main.c orig
	detected "undefined type" $G -c -o app.o main.c
	run fix_get 'r["fixes"][0]["description"]'
	assert_output "add '#include <time.h>' to main.c"
	run heal --yes --no-wait -- $G -c -o app.o main.c
	assert_success
	{ printf '#include <stdio.h>\n#include <time.h>\n'; tail -n +2 orig; } >want
	cmp want main.c
}

@test "headers: a struct the file declares itself (struct timeval;) is not given a system header: whose it is is not known" {
	printf 'struct timeval;\n\nlong secs(const struct timeval *t)\n{\n    return (long)t->tv_sec;\n}\n' >main.c
	printf 'struct timeval { long tv_sec; };\n' >mytime.h
	cp main.c orig
	detected "undefined type" $G -c -o app.o main.c
	run fix_get 'len(r.get("fixes") or [])'
	assert_output 0
	run heal --yes --no-wait -- $G -c -o app.o main.c
	assert_failure
	cmp orig main.c
}

@test "headers: std::unique_ptr without <memory>: the include, and the variable it declares is not renamed" {
	printf '#include <iostream>\n\nint main()\n{\n    auto p = std::make_unique<int>(3);\n    std::unique_ptr<int> q = std::move(p);\n    std::cout << *q << std::endl;\n    return 0;\n}\n' >main.cpp
	cp main.cpp orig
	{ printf '#include <iostream>\n#include <memory>\n'; tail -n +2 orig; } >want
	detected "was not declared" g++ -fdiagnostics-color=never -Wall -o app main.cpp
	run fix_get 'len(r.get("fixes") or [])'
	assert_output 0
	heals_to want main.cpp g++ -fdiagnostics-color=never -Wall -o app main.cpp
	run ./app
	assert_output 3
	cp orig main.cpp
	heals_to want main.cpp clang++ -fno-color-diagnostics -Wall -o app main.cpp
}

@test "headers: std::map<std::string, int> m without <map>: g++ suggests 'tm' for m, which is not taken" {
	printf '#include <iostream>\n#include <string>\n\nint main()\n{\n    std::map<std::string, int> m;\n    m["a"] = 1;\n    std::cout << m.size() << std::endl;\n    return 0;\n}\n' >main.cpp
	cp main.cpp orig
	detected "did you mean" g++ -fdiagnostics-color=never -Wall -o app main.cpp
	run fix_get 'len(r.get("fixes") or [])'
	assert_output 0
	run heal --yes --no-wait -- g++ -fdiagnostics-color=never -Wall -o app main.cpp
	assert_success
	sed '/^#include <string>$/a #include <map>' orig >want
	cmp want main.cpp
}

@test "headers: a misspelled use of a declared variable is still renamed (the declaration guard names only the bad name)" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int total = 0;\n    for (int i = 0; i < 3; i++)\n        total += i;\n    printf("%%d\\n", totl);\n    return 0;\n}\n' >main.c
	sed 's/, totl)/, total)/' main.c >want
	heals_to want main.c $C -o app main.c
}

@test "headers: a struct member of type string without std:: (g++ suggests 'stdin'): std::string" {
	printf '#include <iostream>\n\nstruct Person {\n    string name;\n    int age;\n};\n\nint main()\n{\n    Person p{"ann", 3};\n    std::cout << p.name << std::endl;\n    return 0;\n}\n' >main.cpp
	sed 's/^    string name;/    std::string name;/' main.cpp >want
	detected "does not name a type" g++ -fdiagnostics-color=never -Wall -o app main.cpp
	run fix_get 'r["fixes"][0]["rule"]'
	assert_output cpp.std-type-not-named-suggestion
	heals_to want main.cpp g++ -fdiagnostics-color=never -Wall -o app main.cpp
	run ./app
	assert_output ann
}

@test "headers: g++'s suggestion of the project's own type (String) is kept: no std:: guess" {
	printf '#pragma once\nstruct String { const char *s; };\n' >str.h
	printf '#include <cstdio>\n#include "str.h"\n\nstruct Person {\n    string name;\n};\n\nint main()\n{\n    Person p{{"ann"}};\n    std::puts(p.name.s);\n    return 0;\n}\n' >main.cpp
	sed 's/^    string name;/    String name;/' main.cpp >want
	detected "does not name a type" g++ -fdiagnostics-color=never -Wall -o app main.cpp
	run fix_get '" ".join(f["rule"] for f in r["fixes"])'
	refute_output --partial cpp.std-type
	heals_to want main.cpp g++ -fdiagnostics-color=never -Wall -o app main.cpp
}

@test "headers: an unguarded header included twice (directly and through another header), gcc, clang, g++: #pragma once" {
	printf 'struct point {\n    int x, y;\n};\n\nstatic inline int px(struct point p) { return p.x; }\n' >point.h
	printf '#include "point.h"\n\nint norm1(struct point p);\n' >geo.h
	printf '#include "point.h"\n#include "geo.h"\n\nint norm1(struct point p) { return p.x + p.y; }\n\nint main(void)\n{\n    struct point p = { 1, 2 };\n    return norm1(p) - 3 + px(p) - 1;\n}\n' >main.c
	cp main.c main.cpp
	cp point.h orig
	{ printf '#pragma once\n'; cat orig; } >want
	heals_to want point.h $G -o app main.c
	cp orig point.h
	heals_to want point.h $C -o app main.c
	cp orig point.h
	heals_to want point.h g++ -fdiagnostics-color=never -Wall -o app main.cpp
}

@test "headers: a struct defined twice in one source file is not given a #pragma once" {
	printf 'struct point { int x; };\nstruct point { int x; };\n\nint main(void)\n{\n    return 0;\n}\n' >main.c
	cp main.c orig
	run heal --yes --no-wait -- $G -o app main.c
	assert_failure
	cmp orig main.c
}

@test "headers: strdup and M_PI under -std=c99 with their headers included, gcc and clang: _DEFAULT_SOURCE, not strcmp" {
	printf '#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n#include <math.h>\n\nint main(void)\n{\n    char *s = strdup("abc");\n    printf("%%s %%.2f\\n", s, M_PI);\n    free(s);\n    return 0;\n}\n' >main.c
	cp main.c orig
	{ printf '#define _DEFAULT_SOURCE\n'; cat orig; } >want
	heals_to want main.c $G -std=c99 -o app main.c
	cp orig main.c
	heals_to want main.c $C -std=c11 -o app main.c
	run ./app
	assert_output "abc 3.14"
}

@test "headers: a file that sets its own feature-test macro is not given another one" {
	printf '#define _POSIX_C_SOURCE 1\n#include <stdio.h>\n#include <string.h>\n\nint main(void)\n{\n    char *s = strdup("abc");\n    puts(s);\n    return 0;\n}\n' >main.c
	cp main.c orig
	run heal --yes --no-wait -- $G -std=c99 -Werror -o app main.c
	assert_failure
	cmp orig main.c
}
