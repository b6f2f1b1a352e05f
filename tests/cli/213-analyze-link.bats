#!/usr/bin/env bats
# heal-analyze's linker rules, on real broken projects built with the real
# gcc, g++, clang and make, healed through the real pipeline; and the cases
# where the sources do not say which side is wrong, where no fix may come.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() { loop_setup; }
teardown() { loop_teardown; }

# the full pipeline of filters, then the build again
pipeline() {
	"$@" >build.out 2>&1 && return 1
	heal-detect --command "$(printf '%s\n' "$@" | "$PY" -S -c 'import json,sys; print(json.dumps(sys.stdin.read().split()))')" <build.out |
		heal-analyze | heal-fix --yes | heal-validate -- "$@" >pipe.out
	"$@"
}

log_project() {
	printf '#ifndef LOG_H\n#define LOG_H\nvoid log_message(const char *msg);\n#endif\n' >log.h
	printf '#include <stdio.h>\n#include "log.h"\n\nvoid %s(const char *msg)\n{\n    fprintf(stderr, "[log] %%s\\n", msg);\n}\n' "$1" >log.c
	printf '#include "log.h"\n\nint main(void)\n{\n    log_message("starting");\n    return 0;\n}\n' >main.c
}

@test "link: a definition misnamed against its header's declaration is renamed (gcc, abbreviation)" {
	log_project log_msg
	run --separate-stderr heal --yes --no-wait -- gcc -g -o app main.c log.c
	assert_success
	grep -q '^void log_message(const char \*msg)$' log.c
	run ./app
	assert_success
}

@test "link: the same through the filters with clang, without -g, and a case and underscore variant" {
	command -v clang >/dev/null || skip "no clang"
	log_project LogMessage
	pipeline clang -o app main.c log.c
	grep -q '^void log_message(' log.c
	log_project log__message
	pipeline clang -o app main.c log.c
	grep -q '^void log_message(' log.c
}

@test "link: no rename of a definition that something else calls, or when two names are as near" {
	log_project log_msg
	printf '#include "log.h"\nvoid log_msg(const char *msg);\nvoid other(void) { log_msg("x"); }\n' >other.c
	run proposed gcc -o app main.c log.c other.c
	assert_success
	[[ "$output" != *c.link-rename-definition* ]]
	log_project log_messag
	printf 'void log_messagf(const char *m) { (void)m; }\n' >other.c
	run proposed gcc -o app main.c log.c other.c
	assert_success
	[[ "$output" != *c.link-rename-definition* ]]
}

@test "link: calls of an undeclared misspelled function are renamed to the one near definition" {
	printf 'int compute_sum(int a, int b)\n{\n    return a + b;\n}\n' >util.c
	printf 'int compute_sum(int a, int b);\n' >util.h
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int s = computeSum(1, 2);\n    printf("%%d\\n", computeSum(s, 3));\n    return s == 3 ? 0 : 1;\n}\n' >main.c
	run --separate-stderr heal --yes --no-wait -- gcc -std=gnu89 -o app main.c util.c
	assert_success
	[ "$(grep -c 'compute_sum(' main.c)" -eq 2 ]
	run ./app
	assert_success
	assert_output 6
}

@test "link: no renamed calls when the called name is declared (its definition is what is missing)" {
	printf 'int compute_sum(int a, int b)\n{\n    return a + b;\n}\n' >util.c
	printf 'int computeSum(int a, int b);\n' >util.h
	printf '#include "util.h"\n\nint main(void)\n{\n    return computeSum(1, 2) == 3 ? 0 : 1;\n}\n' >main.c
	run proposed gcc -o app main.c util.c
	assert_success
	[[ "$output" != *c.link-rename-calls* ]]
}

text_project() {
	printf '#pragma once\n#include <string>\n\nstd::string shout(const std::string &s, int times = 1);\n' >text.h
	printf '#include <cctype>\n#include "text.h"\n\nstd::string shout(%s)\n{\n    std::string out;\n    for (int i = 0; i < times; i++)\n        for (char ch : s)\n            out += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));\n    return out + "!";\n}\n' "$1" >text.cpp
	printf '#include <iostream>\n#include "text.h"\n\nint main()\n{\n    std::string s = shout("hi");\n    std::cout << s << std::endl;\n    return s == "HI!" ? 0 : 1;\n}\n' >main.cpp
}

@test "link: a C++ definition whose parameter types differ from the header's declaration takes the declared types" {
	text_project 'std::string& s, int times'
	run --separate-stderr heal --yes --no-wait -- g++ -std=c++17 -o app main.cpp text.cpp
	assert_success
	grep -q '^std::string shout(const std::string &s, int times)$' text.cpp
	run ./app
	assert_success
}

@test "link: no C++ signature change when the parameter counts differ" {
	text_project 'std::string &s'
	sed -i 's/i < times/i < 1/' text.cpp
	run proposed g++ -std=c++17 -o app main.cpp text.cpp
	assert_success
	[[ "$output" != *cpp.link-match-declaration* ]]
}

make_project() {
	printf '#ifndef UTIL_H\n#define UTIL_H\nint twice(int x);\n#endif\n' >util.h
	printf '#include "util.h"\n\nint twice(int x)\n{\n    return 2 * x;\n}\n' >util.c
	printf '#include <stdio.h>\n#include "util.h"\n\nint main(void)\n{\n    int v = twice(21);\n    printf("%%d\\n", v);\n    return v == 42 ? 0 : 1;\n}\n' >main.c
}

@test "link: a defining file left out of the Makefile's object variable is added to it" {
	make_project
	printf 'CC = gcc\nOBJECTS = \\\n\tmain.o\n\napp: $(OBJECTS)\n\t$(CC) -o $@ $(OBJECTS)\n\n%%.o: %%.c util.h\n\t$(CC) -c $< -o $@\n' >Makefile
	run --separate-stderr heal --yes --no-wait -- make
	assert_success
	grep -q '^	main.o util.o$' Makefile
	run ./app
	assert_output 42
}

@test "link: the same for a rule's prerequisites and a recipe that lists the objects itself, and a source list" {
	make_project
	printf 'app: main.o\n\tgcc -o app main.o\n' >Makefile
	pipeline make
	grep -q '^app: main.o util.o$' Makefile
	grep -q '^	gcc -o app main.o util.o$' Makefile
	rm -f app *.o
	printf 'SRCS = main.c\napp: $(SRCS)\n\tgcc -o app $(SRCS)\n' >Makefile
	pipeline make
	grep -q '^SRCS = main.c util.c$' Makefile
}

@test "link: no object added when the Makefile lists it already or two files define the symbol" {
	make_project
	sed -i 's/^int twice/static int twice/' util.c
	printf 'OBJS = main.o util.o\napp: $(OBJS)\n\tgcc -o app $(OBJS)\n' >Makefile
	run proposed make
	assert_success
	[[ "$output" != *make.link-missing-object* ]]
	make_project
	cp util.c util_old.c
	printf 'OBJS = main.o\napp: $(OBJS)\n\tgcc -o app $(OBJS)\n' >Makefile
	run proposed make
	assert_success
	[[ "$output" != *make.link-missing-object* ]]
}

@test "link: a variable defined in a header becomes extern there, defined once in the .c named like it" {
	printf '#ifndef COUNTER_H\n#define COUNTER_H\n\nint counter = 0;\nint table[3] = {1, 2, 3};\n\nvoid bump(void);\n\n#endif\n' >counter.h
	printf '#include "counter.h"\n\nvoid bump(void)\n{\n    counter += table[1];\n}\n' >counter.c
	printf '#include <stdio.h>\n#include "counter.h"\n\nint main(void)\n{\n    bump();\n    printf("%%d\\n", counter);\n    return counter == 2 ? 0 : 1;\n}\n' >main.c
	run --separate-stderr heal --yes --no-wait -- gcc -g -o app main.c counter.c
	assert_success
	grep -q '^extern int counter;$' counter.h
	grep -q '^extern int table\[3\];$' counter.h
	grep -q '^int counter = 0;$' counter.c
	grep -q '^int table\[3\] = {1, 2, 3};$' counter.c
	run ./app
	assert_output 2
}

@test "link: a tentative definition in a header and a function defined in a header, through the filters" {
	printf '#pragma once\nint hits;\nint add(int a, int b) { return a + b; }\n' >stats.h
	printf '#include "stats.h"\nvoid hit(void) { hits = add(hits, 1); }\n' >a.c
	printf '#include "stats.h"\nvoid hit(void);\nint main(void) { hit(); return hits == 1 ? 0 : 1; }\n' >main.c
	pipeline gcc -g -o app main.c a.c
	grep -q '^extern int hits;$' stats.h
	grep -q '^static inline int add(int a, int b)' stats.h
	./app
}

@test "link: no fix for a function defined in two source files" {
	printf 'int twice(int x) { return 2 * x; }\n' >a.c
	printf 'int twice(int x) { return x + x; }\nint main(void) { return twice(1) - 2; }\n' >main.c
	run proposed gcc -g -o app main.c a.c
	assert_success
	[[ "$output" != *c.link-header-definition* ]]
	assert_equal "$output" ''
}
