#!/usr/bin/env bats
# heal end to end on GNU make's own messages, with the suites'
# HEAL_SEARCH=0 (the rules alone): each test is a small project of ours
# whose Makefile has one mistake that a message of make's catalog (or the
# linker's, for a recipe that links what it should compile) reports; make
# must succeed after heal, the Makefile's line read as its author meant it.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() {
	loop_setup
	command -v make >/dev/null || skip "make is not installed"
}
teardown() { loop_teardown; }

heals() { # heal --yes --no-wait -- make succeeds
	run --separate-stderr heal --yes --no-wait -- make </dev/null
	echo "$stderr"
	assert_success
}

@test "a target misspelt where it is needed; a variable reference left open" {
	printf 'all: a.txt sumary.txt\n\na.txt:\n\techo a >a.txt\n\nsummary.txt: a.txt\n\twc -l <a.txt >summary.txt\n' >Makefile
	heals
	grep -qx 'all: a.txt summary.txt' Makefile
	[ -f summary.txt ]
	printf 'FLAGS = -n\nall:\n\techo $(FLAGS ok >out.txt\n' >Makefile
	heals
	grep -qxF "$(printf '\techo $(FLAGS) ok >out.txt')" Makefile
	# a function's call left open is not a variable's
	printf 'all:\n\techo $(wildcard *.c >out.txt\n' >Makefile
	cp Makefile before
	run --separate-stderr heal --yes --no-wait -- make </dev/null
	assert_failure
	cmp Makefile before
}

@test "an inline comment's blanks in a directory variable; an object rule without -c" {
	command -v gcc >/dev/null || skip "gcc is not installed"
	printf 'int two(void) { return 2; }\n' >two.c
	printf 'int two(void);\nint main(void) { return two() - 2; }\n' >main.c
	printf 'OUT = build   # objects here\n\nall: $(OUT)/main.o $(OUT)/two.o\n\tcc -o app $^\n\n$(OUT)/%%.o: %%.c\n\tmkdir -p $(OUT)\n\tcc -c $< -o $@\n' >Makefile
	heals
	[ "$(sed -n 1,2p Makefile)" = "$(printf '# objects here\nOUT = build')" ]
	rm -rf build app
	printf 'app: main.o two.o\n\t$(CC) -o app main.o two.o\n\n%%.o: %%.c\n\t$(CC) $(CFLAGS) $< -o $@\n' >Makefile
	heals
	grep -qxF "$(printf '\t$(CC) $(CFLAGS) -c $< -o $@')" Makefile
	./app
}

@test "link commands: libraries before the objects, \$< for all the objects, a misspelt variable; a self-referring variable; a misspelt command in a recipe" {
	command -v gcc >/dev/null || skip "gcc is not installed"
	# gcc's driver links --as-needed (a library before the objects gives
	# nothing); the CC the suites may run with (clang) would link it
	printf '#include <math.h>\n#include <stdio.h>\nint two(void);\nint main(void) { volatile double x = 4.0; printf("%%f\\n", sqrt(x) * two()); return 0; }\n' >main.c
	printf 'int two(void) { return 2; }\n' >two.c
	printf 'CC = gcc\nLDLIBS = -lm\nOBJS = main.o two.o\napp: $(OBJS)\n\t$(CC) $(LDLIBS) -o app $(OBJS)\n' >Makefile
	heals
	grep -qxF "$(printf '\t$(CC) -o app $(OBJS) $(LDLIBS)')" Makefile
	rm -f app ./*.o
	printf 'CC = gcc\nLDLIBS = -lm\napp: main.o two.o\n\t$(CC) -o app $< $(LDLIBS)\n' >Makefile
	heals
	grep -qxF "$(printf '\t$(CC) -o app $^ $(LDLIBS)')" Makefile
	rm -f app ./*.o
	printf 'CC = gcc\nLDLIBS = -lm\napp: main.o two.o\n\t$(CC) -o app main.o two.o $(LDLIB)\n' >Makefile
	heals
	grep -qxF "$(printf '\t$(CC) -o app main.o two.o $(LDLIBS)')" Makefile
	rm -f app ./*.o
	printf 'CC = gcc\nCFLAGS = $(CFLAGS) -O2\nLDLIBS = -lm\napp: main.o two.o\n\t$(CC) -o app main.o two.o $(LDLIBS)\n' >Makefile
	heals
	grep -qxF 'CFLAGS += -O2' Makefile
	printf 'all:\n\tehco built\n' >Makefile
	heals
	grep -qxF "$(printf '\techo built')" Makefile
}

@test "a header prerequisite that does not exist and that nothing makes goes from its rule, never renamed to the target that needs it" {
	command -v gcc >/dev/null || skip "gcc is not installed"
	printf 'int main(void) { return 0; }\n' >main.c
	printf 'all: main\nmain: main.o\n\tgcc -o main main.o\n%%.o: %%.c\n\tgcc -c $< -o $@\nmain.o: main.c main.h\n' >Makefile
	heals
	grep -qx 'main.o: main.c' Makefile
	[ -x main ]
	# a header the source includes is needed: dropping it cannot heal
	printf '#include "util.h"\nint main(void) { return 0; }\n' >main.c
	rm -f main main.o
	printf 'all: main\nmain: main.o\n\tgcc -o main main.o\nmain.o: main.c util.h\n\tgcc -c main.c\n' >Makefile
	cp Makefile before
	run --separate-stderr heal --yes --no-wait -- make </dev/null
	assert_failure
	cmp Makefile before
}

@test "a library named as people say it (-lmath) or one typo from a common one (-lpthred) links by its file's name" {
	command -v gcc >/dev/null || skip "gcc is not installed"
	printf '#include <math.h>\nint main(int c, char **v) { (void)v; return (int)sqrt((double)c * 0.0); }\n' >main.c
	printf 'LDLIBS = -lmath\nall: main\nmain: main.c\n\tgcc -o main main.c $(LDLIBS)\n' >Makefile
	heals
	grep -qx 'LDLIBS = -lm' Makefile
	rm -f main
	printf 'all: main\nmain: main.c\n\tgcc -o main main.c -lm -lpthred\n' >Makefile
	heals
	grep -qxF "$(printf '\tgcc -o main main.c -lm -lpthread')" Makefile
}
