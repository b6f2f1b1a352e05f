#!/usr/bin/env bats
# make's "No rule to make target" for a misspelled source or header
# prerequisite (the corpus has the object form, utils.o): the one close
# file of the same suffix in the named directory, renamed as a whole word
# in the Makefile. Two equally close files are no answer.

load analyze-helpers

util_project() {
	printf 'int util(void);\nint main(void) { return util(); }\n' >main.c
	printf 'int util(void) { return 0; }\n' >util.c
}

@test "make classes: app: main.c utils.c with a \$^ recipe, util.c on disk" {
	util_project
	printf 'CC = gcc\nCFLAGS = -Wall -g\n\napp: main.c utils.c\n\t$(CC) $(CFLAGS) -o $@ $^\n' >Makefile
	sed 's/utils\.c/util.c/' Makefile >want
	heals_to want Makefile make --no-print-directory
	run ./app
	assert_success
}

@test "make classes: a misspelled source in a variable, in src/, named in the recipe too" {
	mkdir src
	printf 'int parse(void);\nint main(void) { return parse(); }\n' >src/main.c
	printf 'int parse(void) { return 0; }\n' >src/parser.c
	printf 'CC = gcc\nSRCS = src/main.c \\\n       src/parsr.c\n\napp: $(SRCS)\n\t$(CC) -o $@ src/main.c src/parsr.c\n' >Makefile
	sed 's/parsr/parser/g' Makefile >want
	heals_to want Makefile make --no-print-directory
}

@test "make classes: a misspelled header prerequisite (main.o: main.c confg.h), config.h on disk" {
	printf '#include "config.h"\nint main(void) { return VALUE; }\n' >main.c
	printf '#define VALUE 0\n' >config.h
	printf 'app: main.o\n\tgcc -o $@ main.o\n\nmain.o: main.c confg.h\n\tgcc -c -o $@ main.c\n' >Makefile
	sed 's/confg\.h/config.h/' Makefile >want
	heals_to want Makefile make --no-print-directory
}

@test "make classes: the rename is whole-word: myutils.c beside utils.c is not touched" {
	util_project
	printf 'int u2(void) { return 0; }\n' >myutils.c
	printf 'SRCS = main.c myutils.c utils.c\n\napp: $(SRCS)\n\tgcc -o $@ $(SRCS)\n' >Makefile
	printf 'SRCS = main.c myutils.c util.c\n\napp: $(SRCS)\n\tgcc -o $@ $(SRCS)\n' >want
	detected "No rule" make --no-print-directory
	run fix_get 'r["fixes"][0]["rule"]'
	assert_output make.no-rule-source
	heals_to want Makefile make --no-print-directory
}

@test "make classes: two files equally close (util.c, utila.c) are no answer: the Makefile is left alone" {
	util_project
	cp util.c utila.c
	printf 'app: main.c utils.c\n\tgcc -o $@ $^\n' >Makefile
	cp Makefile orig
	run heal --yes --no-wait -- make --no-print-directory
	assert_failure
	cmp orig Makefile
}

@test "make classes: a close file of another suffix (util.h for utils.c) is not taken" {
	printf 'int main(void) { return 0; }\n' >main.c
	printf '#define U 1\n' >util.h
	printf 'app: main.c utils.c\n\tgcc -o $@ $^\n' >Makefile
	cp Makefile orig
	run heal --yes --no-wait -- make --no-print-directory
	assert_failure
	cmp orig Makefile
}

@test "make classes: a recipe compiles utils.c, not a prerequisite (cc1: fatal error): detected, the one close file" {
	util_project
	printf 'CC = gcc\nCFLAGS = -Wall -g\n\napp: main.c\n\t$(CC) $(CFLAGS) -o $@ main.c utils.c\n' >Makefile
	make --no-print-directory >out 2>&1 || true
	run heal-detect <out
	assert_line --partial '"tool":"gcc","env":"c","severity":"error","category":"dependency","file":null,"line":null,"column":null,"end_line":null,"end_column":null,"code":null,"message":"utils.c: No such file or directory"'
	sed 's/utils\.c/util.c/' Makefile >want
	heals_to want Makefile make --no-print-directory
}

@test "make classes: clang's no such file or directory: 'src/utils.c' for a source list in a variable" {
	mkdir src
	printf 'int util(void);\nint main(void) { return util(); }\n' >src/main.c
	printf 'int util(void) { return 0; }\n' >src/util.c
	printf 'CC = clang\nSRCS = src/main.c src/utils.c\n\napp: src/main.c\n\t$(CC) -o $@ $(SRCS)\n' >Makefile
	sed 's/utils\.c/util.c/' Makefile >want
	heals_to want Makefile make --no-print-directory
}

@test "make classes: a missing source with no close file (cc1) is left alone" {
	printf 'int main(void) { return 0; }\n' >main.c
	printf 'app: main.c\n\tgcc -o $@ main.c parser.c\n' >Makefile
	cp Makefile orig
	run heal --yes --no-wait -- make --no-print-directory
	assert_failure
	cmp orig Makefile
}

@test "make classes: every recipe indented with spaces (an editor expanded the tabs): all of them get a tab in one fix" {
	printf 'int util(void);\nint main(void) { return util(); }\n' >main.c
	printf 'int util(void) { return 0; }\n' >util.c
	printf 'CC = gcc\nSRCS = main.c \\\n    util.c\n\ndefine HELP\n    usage: make\nendef\n\napp: main.o util.o\n    $(CC) -o $@ main.o util.o\n\n%%.o: %%.c\n        $(CC) -c $< -o $@\n\nclean:\n    rm -f app *.o\n' >Makefile
	printf 'CC = gcc\nSRCS = main.c \\\n    util.c\n\ndefine HELP\n    usage: make\nendef\n\napp: main.o util.o\n\t$(CC) -o $@ main.o util.o\n\n%%.o: %%.c\n\t$(CC) -c $< -o $@\n\nclean:\n\trm -f app *.o\n' >want
	heals_to want Makefile make --no-print-directory
	run ./app
	assert_success
}
