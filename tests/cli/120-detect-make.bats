#!/usr/bin/env bats
# heal-detect on real GNU make output.

load 'helpers/detect'

setup() {
	T=$(mktemp -d)
	export LC_ALL=C.UTF-8 LANG=C.UTF-8
}

teardown() {
	rm -rf "$T"
}

@test "make: missing separator names the Makefile line" {
	printf 'all:\n        echo spaces\n' >"$T/Makefile"
	detect_in "$T" make
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=make env=make file=Makefile line=2 severity=error \
		category=syntax "message~=missing separator"
}

@test "make: No rule to make target" {
	printf 'app: main.o utils.o\n\tcc -o app main.o utils.o\nmain.o:\n\ttouch main.o\n' >"$T/Makefile"
	detect_in "$T" make --no-print-directory
	rec_check "$T/rec.json" 0 tool=make file=Makefile line=null severity=error category=dependency \
		"message=No rule to make target 'utils.o', needed by 'app'"
}

@test "make: recipe failure keeps the failing command's output" {
	printf 'dist:\n\tcp conf/app.conf dist/\n' >"$T/Makefile"
	detect_in "$T" make --no-print-directory
	rec_check "$T/rec.json" 0 tool=make file=Makefile line=2 severity=error \
		"message=[Makefile:2: dist] Error 1" "detail~=cp: cannot stat 'conf/app.conf'"
}

@test "make: compiler error then recipe failure, two records" {
	printf 'main.o: main.c\n\tgcc -fdiagnostics-color=never -c main.c -o main.o\n' >"$T/Makefile"
	printf 'int main(void)\n{\n    int v = 1\n    return v;\n}\n' >"$T/main.c"
	detect_in "$T" make --no-print-directory
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=gcc file=main.c line=4 column=5 severity=error
	rec_check "$T/rec.json" 1 tool=make file=Makefile line=2 "message=[Makefile:2: main.o] Error 1"
}

@test "make: a recipe's program that is not there, or not executable, is a record of its own (real make)" {
	printf 'all:\n\tnonexistent-cc-xyz -c a.c\n' >"$T/Makefile"
	detect_in "$T" make
	rec_check "$T/rec.json" 0 tool=make category=dependency "message=nonexistent-cc-xyz: No such file or directory"
	printf 'all:\n\t./gen.sh\n' >"$T/Makefile"
	printf 'echo hi\n' >"$T/gen.sh"
	chmod -x "$T/gen.sh"
	detect_in "$T" make
	rec_check "$T/rec.json" 0 tool=make category=permission "message=./gen.sh: Permission denied"
	# make 3.x's words
	printf 'make: arm-linux-gnueabihf-gcc: Command not found\n' >"$T/out.txt"
	(cd "$T" && heal-detect <out.txt >rec.json) || true
	rec_check "$T/rec.json" 0 tool=make "message=arm-linux-gnueabihf-gcc: Command not found"
}

@test "make: Entering/Leaving directory resolve nested paths" {
	mkdir "$T/lib"
	printf 'all:\n\t$(MAKE) -C lib\n' >"$T/Makefile"
	printf 'x.o: x.c\n\tgcc -fdiagnostics-color=never -c x.c\n' >"$T/lib/Makefile"
	printf 'int f(void) { retrun 1; }\n' >"$T/lib/x.c"
	detect_in "$T" make
	grep -q "Entering directory" "$T/out.txt"
	rec_check "$T/rec.json" 0 tool=gcc file=lib/x.c line=1 severity=error
	run $PY -c '
import json,sys
recs=[json.loads(l) for l in open(sys.argv[1])]
mk=[(r["file"],r["line"]) for r in recs if r["tool"]=="make"]
assert ("lib/Makefile",2) in mk and ("Makefile",2) in mk, mk' "$T/rec.json"
	assert_success
}

@test "make: builtin rule failure names the Makefile" {
	printf 'CFLAGS=-Wall -Werror -fdiagnostics-color=never\nall: u.o\n' >"$T/Makefile"
	printf 'int f(void) { int unused; return 0; }\n' >"$T/u.c"
	detect_in "$T" make --no-print-directory
	rec_check "$T/rec.json" 1 tool=make file=Makefile line=null "message=[<builtin>: u.o] Error 1"
}

@test "make: a clean build gives no records and exit 0" {
	printf 'all: error.o\nerror.o: error.c\n\tgcc -Werror -c error.c -o error.o\n' >"$T/Makefile"
	printf 'int error_fn(void) { return 0; }\n' >"$T/error.c"
	(cd "$T" && make >out.txt 2>&1)
	run heal-detect "$T/out.txt"
	assert_success
	assert_output ''
}

@test "make 3.81/3.82: a recipe failure without the Makefile's line, and a sub-make's" {
	printf "cp conf/app.conf dist/\ncp: cannot stat 'conf/app.conf': No such file or directory\nmake[1]: *** [dist] Error 1\nmake: *** [all] Error 2\n" >"$T/out.txt"
	heal-detect <"$T/out.txt" >"$T/rec.json" || true
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=make severity=error line=null "message=[dist] Error 1"
	rec_check "$T/rec.json" 1 tool=make "message=[all] Error 2"
}

@test "make: a coloured line the prefilter jumped over is the recipe failure's detail without its escapes" {
	printf 'all:\n\t@printf "\\033[31mFAIL\\033[0m tests/unit: 3 of 40\\n"; exit 1\n' >"$T/Makefile"
	detect_in "$T" make
	grep -q $'\033\\[31mFAIL' "$T/out.txt"
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=make 'detail=FAIL tests/unit: 3 of 40'
	[ -z "$(grep -F '\u001b' "$T/rec.json")" ]
}

@test "make: any make's name (mingw32-make, make.exe, gmake) before its messages" {
	printf '%s\n' "mingw32-make: *** No rule to make target 'all'.  Stop." \
		"make.exe[1]: *** [Makefile:3: obj/a.o] Error 1" \
		"gmake: *** No rule to make target 'install'.  Stop." >"$T/out.txt"
	(cd "$T" && heal-detect <out.txt >rec.json) || [ $? -eq 1 ]
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=make "message~=No rule to make target 'all'"
	rec_check "$T/rec.json" 1 tool=make file=Makefile line=3
	rec_check "$T/rec.json" 2 tool=make "message~=No rule to make target 'install'"
}

@test "make: an include of a file that is not there is the error, at the include's line (the 'No rule' after it is its consequence)" {
	# real: make 4.3 on "include magic.mk" with no magic.mk and no rule
	mkdir -p "$T/p/fs/aufs"
	printf 'obj-m := x.o\n\ninclude fs/aufs/magic.mk\n' >"$T/p/fs/aufs/Makefile"
	(cd "$T/p" && make -f fs/aufs/Makefile >"$T/out.txt" 2>&1) || true
	grep -q 'fs/aufs/Makefile:3: fs/aufs/magic.mk: No such file or directory' "$T/out.txt" ||
		skip "make printed another layout: $(head -1 "$T/out.txt")"
	(cd "$T/p" && heal-detect <"$T/out.txt" >"$T/rec.json") || [ $? -eq 1 ]
	rec_check "$T/rec.json" 0 tool=make file=fs/aufs/Makefile line=3 category=dependency \
		"message=fs/aufs/magic.mk: No such file or directory"
}
