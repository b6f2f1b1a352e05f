#!/usr/bin/env bats
# heal-detect on real gcc, g++, clang, clang++ and ld output.

load 'helpers/detect'

setup() {
	T=$(mktemp -d)
	export LC_ALL=C.UTF-8 LANG=C.UTF-8
}

teardown() {
	rm -rf "$T"
}

@test "gcc: undeclared identifier, did-you-mean, notes belong to the error" {
	printf '#include <stdio.h>\nint main(void)\n{\n    int count = 3;\n    printf("%%d\\n", conut);\n    return 0;\n}\n' >"$T/main.c"
	detect_in "$T" gcc -fdiagnostics-color=never -Wall -c main.c
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 1 tool=gcc file=main.c line=4 column=9 severity=warning code=-Wunused-variable
	rec_check "$T/rec.json" 0 tool=gcc env=c file=main.c line=5 column=20 severity=error \
		code=null category=name hint=count \
		"message=‘conut’ undeclared (first use in this function); did you mean ‘count’?"
	rec_check "$T/rec.json" 0 raw~="In function ‘main’" raw~="^~~~~"
	$PY -S -c 'import json,sys; r=json.loads(open(sys.argv[1]).readline()); assert len(r["notes"])==1 and r["notes"][0]["line"]==5, r' "$T/rec.json"
}

@test "gcc: -Werror warning is an error with its -W code; cc1 line is not a record" {
	printf 'int f(void)\n{\n    int unused = 2;\n    return 0;\n}\n' >"$T/a.c"
	detect_in "$T" gcc -fdiagnostics-color=never -Wall -Werror -c a.c
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=gcc file=a.c line=3 column=9 severity=error \
		code=-Wunused-variable category=style "message=unused variable ‘unused’"
}

@test "gcc: display columns after tabs become byte columns" {
	printf 'int main(void)\n{\n\t\tint x = y;\n\treturn x;\n}\n' >"$T/t.c"
	detect_in "$T" gcc -fdiagnostics-color=never -c t.c
	grep -q 't.c:3:25:' "$T/out.txt"
	rec_check "$T/rec.json" 0 file=t.c line=3 column=11 severity=error
}

@test "gcc: a file is read for its columns next to files and directories that are not there" {
	# heal-detect remembers the directories it found missing (a log from
	# another machine costs a system call a directory, not a file): the
	# files beside a missing file, and in a directory beside a missing
	# one, are still read
	mkdir -p "$T/src" "$T/a/b"
	printf 'int main(void)\n{\n\t\tint x = y;\n\treturn x;\n}\n' >"$T/src/t.c"
	cp "$T/src/t.c" "$T/a/b/t.c"
	(cd "$T" && gcc -fdiagnostics-color=never -c src/t.c >one.txt 2>&1) || true
	grep -q 'src/t.c:3:25:' "$T/one.txt"
	for p in src/gone.c gone/deep/t.c a/c/t.c a/b/gone.c src/t.c a/b/t.c; do
		sed "s#src/t\.c#$p#g" "$T/one.txt"
	done >"$T/out.txt"
	(cd "$T" && heal-detect <out.txt >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 6 ]
	for i in 0 1 2 3; do
		rec_check "$T/rec.json" $i line=3 column=25
	done
	rec_check "$T/rec.json" 4 file=src/t.c line=3 column=11
	rec_check "$T/rec.json" 5 file=a/b/t.c line=3 column=11
}

@test "gcc: -fdiagnostics-parseable-fixits become fixits with a unit" {
	printf 'struct p { int name; };\nint main(void)\n{\n    struct p v;\n    v.nmae = 1;\n    return v.name;\n}\n' >"$T/f.c"
	detect_in "$T" gcc -fdiagnostics-color=never -fdiagnostics-parseable-fixits -c f.c
	rec_check "$T/rec.json" 0 file=f.c line=5 column=7 hint=name
	$PY -c '
import json,sys
r=json.loads(open(sys.argv[1]).readline())
f=r["fixits"][0]
assert (f["file"],f["line"],f["column"],f["end_line"],f["end_column"],f["text"],f["unit"])==("f.c",5,7,5,11,"name","byte"), f' "$T/rec.json"
}

@test "gcc: error in a header included from two files is one record, counted" {
	mkdir -p "$T/include" "$T/src"
	printf 'struct point { int x; }\nint dist(int a);\n' >"$T/include/p.h"
	printf '#include "p.h"\nint main(void) { return 0; }\n' >"$T/src/main.c"
	printf '#include "p.h"\nint g(void) { return 1; }\n' >"$T/src/g.c"
	detect_in "$T" gcc -fdiagnostics-color=never -Iinclude -c src/main.c src/g.c
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 file=include/p.h line=2 column=1 count=2 severity=error
	rec_check "$T/rec.json" 0 raw~="In file included from src/main.c:1"
}

@test "gcc: missing header is a fatal error with severity error" {
	printf '#include "nothere.h"\nint main(void) { return 0; }\n' >"$T/m.c"
	detect_in "$T" gcc -fdiagnostics-color=never -c m.c
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 file=m.c line=1 column=10 severity=error category=dependency \
		"message=nothere.h: No such file or directory"
}

@test "gcc: ASCII quotes under LC_ALL=C" {
	printf 'int main(void)\n{\n    return missing;\n}\n' >"$T/q.c"
	detect_in "$T" env LC_ALL=C LANG=C gcc -fdiagnostics-color=never -c q.c
	rec_check "$T/rec.json" 0 file=q.c line=3 column=12 "message~='missing' undeclared"
}

@test "gcc: -fdiagnostics-format=json" {
	printf 'int main(void)\n{\n    int u;\n    return y;\n}\n' >"$T/j.c"
	detect_in "$T" gcc -fdiagnostics-format=json -Wall -c j.c
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=gcc file=j.c line=4 column=12 severity=error "message~=undeclared"
	rec_check "$T/rec.json" 1 tool=gcc file=j.c line=3 column=9 severity=warning code=-Wunused-variable
}

@test "g++: C++ file gives tool g++ and env cpp" {
	printf '#include <string>\nint main()\n{\n    std::vector<int> v;\n    return 0;\n}\n' >"$T/main.cpp"
	detect_in "$T" g++ -fdiagnostics-color=never -c main.cpp
	rec_check "$T/rec.json" 0 tool=g++ env=cpp file=main.cpp line=4 column=10 severity=error \
		"message=‘vector’ is not a member of ‘std’"
}

@test "clang: byte columns, notes, tool clang" {
	printf '#include <stdio.h>\nint main(void)\n{\n\tint verbose = 1;\n\tprintf("x\\n")\n\treturn 0;\n}\n' >"$T/main.c"
	detect_in "$T" clang -fno-color-diagnostics -Wall -c main.c
	rec_check "$T/rec.json" 0 tool=clang env=c file=main.c line=5 column=15 severity=error \
		"message=expected ';' after expression" category=syntax
}

@test "clang: -Werror warning keeps the -W code" {
	printf 'int main(void)\n{\n    printf("x");\n    return 0;\n}\n' >"$T/main.c"
	detect_in "$T" clang -fno-color-diagnostics -Werror -c main.c
	rec_check "$T/rec.json" 0 tool=clang file=main.c line=3 column=5 severity=error \
		code=-Wimplicit-function-declaration
	$PY -S -c 'import json,sys; r=json.loads(open(sys.argv[1]).readline()); assert len(r["notes"])==1, r' "$T/rec.json"
}

@test "clang++: did-you-mean hint from an out-of-line definition" {
	printf 'struct C { void reset(); };\nvoid C::rest() {}\n' >"$T/c.cpp"
	detect_in "$T" clang++ -fno-color-diagnostics -c c.cpp
	rec_check "$T/rec.json" 0 tool=clang++ env=cpp file=c.cpp line=2 column=9 severity=error hint=reset
}

@test "ld: undefined reference; collect2 is not a record" {
	printf 'void helper(void);\nint main(void)\n{\n    helper();\n    return 0;\n}\n' >"$T/main.c"
	detect_in "$T" gcc -fdiagnostics-color=never -g -o app main.c
	grep -q collect2 "$T/out.txt"
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ld file=main.c line=4 column=null severity=error category=link \
		"message=undefined reference to \`helper'"
}

@test "ld: a symbol of a library not on the command line: the library and 'DSO missing' are the detail" {
	printf '#include <math.h>\ndouble helper(double x) { return cos(x); }\n' >"$T/a.c"
	printf '#include <math.h>\n#include <stdio.h>\ndouble helper(double);\nint main(int argc, char **argv)\n{\n    (void)argv;\n    printf("%%f\\n", sin((double)argc) + helper(2.0));\n    return 0;\n}\n' >"$T/main.c"
	(cd "$T" && gcc -shared -fPIC -o liba.so a.c -lm)
	detect_in "$T" gcc -fdiagnostics-color=never -o app main.c -L. -la
	grep -q "DSO missing from command line" "$T/out.txt" || skip "this linker adds the DSO (--copy-dt-needed-entries)"
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ld category=link "message~=undefined reference to symbol 'sin" \
		"detail~=libm.so" "detail~=error adding symbols: DSO missing from command line"
}

@test "ld: multiple definition names the header" {
	printf 'int counter = 0;\n' >"$T/c.h"
	printf '#include "c.h"\nint main(void) { return counter; }\n' >"$T/main.c"
	printf '#include "c.h"\nint get(void) { return counter; }\n' >"$T/c.c"
	detect_in "$T" gcc -fdiagnostics-color=never -g -o app main.c c.c
	rec_check "$T/rec.json" 0 tool=ld file=c.h line=1 severity=error "message~=multiple definition of \`counter'"
}

@test "ld: without debug information the object is the file; one symbol defined in three objects is two errors" {
	printf 'int total;\nint main(void) { return total; }\n' >"$T/main.c"
	printf 'int total = 1;\n' >"$T/a.c"
	printf 'int total = 2;\n' >"$T/b.c"
	(cd "$T" && gcc -c main.c a.c b.c)
	detect_in "$T" gcc -o app main.o a.o b.o
	grep -q "b.o:(.data+0x0): multiple definition of \`total'" "$T/out.txt"
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=ld file=a.o line=null count=1 category=link "message~=multiple definition of \`total'"
	rec_check "$T/rec.json" 1 tool=ld file=b.o line=null count=1 category=link "message~=multiple definition of \`total'"
}

@test "a successful build whose names contain error gives no records" {
	printf 'int error_count(void) { return 0; }\n' >"$T/error.c"
	printf 'int error_count(void);\nint main(void) { return error_count(); }\n' >"$T/main.c"
	detect_in "$T" gcc -fdiagnostics-color=never -Wall -Werror -o app-error main.c error.c
	[ ! -s "$T/out.txt" ] || cat "$T/out.txt"
	printf 'gcc -Wall -Werror -o app-error main.c error.c\nBuild finished: 0 errors, 0 warnings\nwarning: 0\n' >>"$T/out.txt"
	run heal-detect "$T/out.txt"
	assert_success
	assert_output ''
}

# raw holds the record's own lines: the source and caret lines a compiler
# prints under its message, not the lines of the build after them
raw_is() {
	$PY - "$@" <<'PYEOF'
import json, sys
path, idx, want = sys.argv[1], int(sys.argv[2]), sys.argv[3]
r = [json.loads(l) for l in open(path) if l.strip()][idx]
got = r["raw"].count("\n") + 1
if got != int(want):
    sys.exit("raw has %d lines, want %s:\n%s" % (got, want, r["raw"]))
PYEOF
}

@test "raw: a diagnostic's source, caret and fix-it lines, not the make lines after them" {
	printf 'int main(void)\n{\n\tint x = 1\n\treturn x;\n}\n' >"$T/a.c"
	echo_after() { printf 'cc -c b.c -o b.o\ncc -c c.c -o c.o\nmake[1]: Leaving directory /src\n'; }
	for cc in gcc clang; do
		command -v $cc >/dev/null || continue
		(cd "$T" && { $cc -fdiagnostics-color=never -c a.c 2>&1; echo_after; } >out.txt) || true
		(cd "$T" && heal-detect <out.txt >rec.json) || true
		rec_check "$T/rec.json" 0 file=a.c severity=error
		[[ "$(cat "$T/rec.json")" != *'cc -c b.c'* ]]
		[[ "$(cat "$T/rec.json")" != *'Leaving directory'* ]]
	done
	# clang's layout: the source line, the caret, the fix-it's text
	printf 'a.c:3:11: error: expected %s after expression\n\tint x = 1\n\t         ^\n\t         ;\ncc -c b.c -o b.o\n' "';'" |
		heal-detect >"$T/rec.json" || true
	raw_is "$T/rec.json" 0 4
	# gcc before 9: the source line and the caret, no gutter
	printf "a.c:3:2: error: 'y' undeclared (first use in this function)\n  y = 1;\n  ^\nmake: *** [all] Error 1\n" |
		heal-detect >"$T/rec.json" || true
	raw_is "$T/rec.json" 0 3
	# no source shown (-fno-diagnostics-show-caret): one line of whatever
	# follows may be one, no more
	printf "a.c:3:2: error: 'y' undeclared\ncc -c b.c -o b.o\ncc -c c.c -o c.o\ncc -c d.c -o d.o\n" |
		heal-detect >"$T/rec.json" || true
	raw_is "$T/rec.json" 0 2
}

@test "a link failure: the linker's records, and the driver's 'ld returned 1' only when the linker wrote none" {
	printf 'int helper(void);\nint main(void) { return helper(); }\n' >"$T/main.c"
	detect_in "$T" gcc -o "$T/app" "$T/main.c"
	grep -q 'ld returned 1 exit status' "$T/out.txt"
	[ "$(rec_count "$T/rec.json")" -ge 1 ]
	[ -z "$(grep 'ld returned' "$T/rec.json")" ]
	rec_check "$T/rec.json" 0 tool=ld 'message~=helper'
	# the driver's line alone (the linker's went elsewhere): a record
	grep 'ld returned' "$T/out.txt" >"$T/alone.txt"
	(cd "$T" && heal-detect alone.txt >alone.json) || [ $? -eq 1 ]
	[ "$(rec_count "$T/alone.json")" -eq 1 ]
	rec_check "$T/alone.json" 0 tool=ld category=link 'message=ld returned 1 exit status'
	printf 'clang: error: linker command failed with exit code 1 (use -v to see invocation)\n' >"$T/clang.txt"
	(cd "$T" && heal-detect clang.txt >clang.json) || [ $? -eq 1 ]
	rec_check "$T/clang.json" 0 tool=ld category=link 'message~=linker command failed with exit code 1'
}

@test "the compiler proper's own errors and warnings about options (cc1, cc1plus)" {
	printf 'int x;\n' >"$T/x.c"
	cp "$T/x.c" "$T/x.cpp"
	detect_in "$T" gcc -Werror=nosuch -c x.c -o /dev/null
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=gcc severity=error category=configuration "message~=no option"
	detect_in "$T" g++ -Wstrict-prototypes -c x.cpp -o /dev/null
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=g++ severity=warning category=configuration "message~=valid for C/ObjC but not for C++"
}

@test "another language's compiler in gcc's layout is that compiler, not gcc" {
	printf '%s\n' "main.swift:3:5: error: cannot find 'x' in scope" \
		"src/main.zig:3:5: error: use of undeclared identifier 'x'" \
		"Foo.kt:3:5: error: unresolved reference: x" \
		"src/a.c:3:5: error: 'x' undeclared (first use in this function)" >"$T/out.txt"
	(cd "$T" && heal-detect out.txt >rec.json) || [ $? -eq 1 ]
	[ "$(rec_count "$T/rec.json")" -eq 4 ]
	rec_check "$T/rec.json" 0 tool=swiftc env=swift file=main.swift line=3
	rec_check "$T/rec.json" 1 tool=zig env=zig file=src/main.zig
	rec_check "$T/rec.json" 2 tool=kotlinc env=kotlin file=Foo.kt
	rec_check "$T/rec.json" 3 tool=gcc env=c file=src/a.c
}

@test "clang: the source ranges of -fdiagnostics-print-source-range-info before the severity" {
	printf 'int f(int *p, float x) { return p + x; }\n' >"$T/r.c"
	if command -v clang >/dev/null; then
		detect_in "$T" clang -fno-color-diagnostics -fdiagnostics-print-source-range-info -c r.c
		grep -q '^r.c:1:[0-9]*:{1:[0-9]*-1:[0-9]*}{' "$T/out.txt"
	else
		# clang 14's output for it (the test runs it where clang is installed)
		printf '%s\n' "r.c:1:35:{1:33-1:34}{1:37-1:38}: error: invalid operands to binary expression ('int *' and 'float')" \
			'int f(int *p, float x) { return p + x; }' '                                 ~ ^ ~' >"$T/out.txt"
		(cd "$T" && heal-detect <out.txt >rec.json) || true
	fi
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=clang file=r.c line=1 column=35 severity=error \
		"message=invalid operands to binary expression ('int *' and 'float')"
}

@test "gcc: an internal compiler error at a source line keeps its words; the driver's is the driver's" {
	# gcc 9-13's layout (the crash cannot be had on demand)
	printf 'int f(void) { return 0; }\n' >"$T/int.c"
	printf '%s\n' 'during RTL pass: sched2' "int.c: In function 'f':" \
		'int.c:1:25: internal compiler error: in move_insn, at haifa-sched.c:5471' \
		'    1 | int f(void) { return 0; }' '      |                         ^' \
		'0x7a4b2c move_insn' '	../../src/gcc/haifa-sched.c:5471' \
		'Please submit a full bug report, with preprocessed source (by using -freport-bug).' \
		'g++: internal compiler error: Killed (program cc1plus)' >"$T/out.txt"
	(cd "$T" && heal-detect <out.txt >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=gcc file=int.c line=1 column=25 severity=error \
		"message=internal compiler error: in move_insn, at haifa-sched.c:5471" raw~="1 | int f"
	rec_check "$T/rec.json" 1 tool=g++ file=null severity=error category=resource
}

@test "gcc: a diagnostic quoted without its file (a manual's excerpt) is gcc's at its gutter's line" {
	printf '#include <stdio.h>\nint n(const char *s)\n{\n  puts(s);\n  return strlen (s);\n}\n' >"$T/q.c"
	(cd "$T" && gcc -fdiagnostics-color=never -c q.c >out.txt 2>&1) || true
	grep -q "implicit declaration of function" "$T/out.txt" || skip "gcc printed something else"
	# the excerpt as gcc's manual and release notes quote it: the file cut off
	sed -n '/error\|warning/,$p' "$T/out.txt" | sed 's/^q\.c:[0-9]*:[0-9]*: //' | grep -v "In function" >"$T/x.log"
	grep -q '^[a-z ]*: implicit declaration of function' "$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	# one record a diagnostic gcc printed (gcc 12 adds the built-in's mismatch)
	[ "$(rec_count "$T/rec.json")" -eq "$(grep -c '^\(error\|warning\): ' "$T/x.log")" ]
	rec_check "$T/rec.json" 0 tool=gcc file=null line=5 code=-Wimplicit-function-declaration \
		"message~=implicit declaration of function"
	# a bare "error: " line with no gutter under it is nobody's
	printf '%s\n' 'error: something went wrong' 'later output' >"$T/y.log"
	(cd "$T" && heal-detect <y.log >rec2.json) || true
	[ "$(rec_count "$T/rec2.json")" -eq 0 ]
}

@test "clang: a message wrapped at the terminal's width after a long place is joined; the source line is not" {
	command -v clang >/dev/null || skip "clang not installed"
	local d=some/rather/long/directory/path/for/the/sources
	mkdir -p "$T/$d"
	printf 'int main(void)\n{\n      return undeclared_identifier_here + 1;\n}\n' >"$T/$d/prog.c"
	# clang sets -fmessage-length to a terminal's width; 50 columns
	# put the message on lines of its own under the place
	(cd "$T" && clang -fno-color-diagnostics -fmessage-length=50 -fsyntax-only "$d/prog.c" >out.txt 2>&1) || true
	grep -q 'error: $' "$T/out.txt" || skip "clang wrapped otherwise"
	(cd "$T" && heal-detect <out.txt >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=clang "file=$d/prog.c" line=3 column=14 severity=error \
		"message=use of undeclared identifier 'undeclared_identifier_here'" category=name
}

@test "ld: a cross toolchain's or a path's ld with a message no list names is an error; its context lines are not" {
	printf '%s\n' 'Invoking: Cross ARM GNU C++ Linker' \
		'arm-none-eabi/bin/ld: region m_text overflowed with text and data' \
		'c:/nxp/tools/arm-none-eabi/bin/ld.exe: section .data LMA overlaps section .text' \
		"/usr/bin/ld: main.o: in function \`main':" '/usr/bin/ld: mode elf_x86_64' \
		'collect2: error: ld returned 1 exit status' >"$T/out.txt"
	(cd "$T" && heal-detect <out.txt >rec.json) || [ $? -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ld severity=error "message=region m_text overflowed with text and data"
	rec_check "$T/rec.json" 1 tool=ld "message=section .data LMA overlaps section .text"
	run grep -c 'in function\|mode elf' "$T/rec.json"
	[ "$output" = 0 ]
}

@test "gcc: a diagnostic pasted without its place (or in Arduino's status) is gcc's when gcc's catalogs hold its message; another tool's is not" {
	ls /usr/share/locale/*/LC_MESSAGES/gcc-*.mo >/dev/null 2>&1 || skip "no gcc message catalogs (gcc-12-locales)"
	printf '%s\n' "error: stray ‘\\357’ in program" "error: stray ‘\\274’in program" \
		"error: expected ';' before '}' token" "error: ‘count’ was not declared in this scope" \
		'error: the requested operation requires elevation' \
		'error: could not compile `foo` due to previous error' \
		"Compilation error: 'Serail' was not declared in this scope" 'Compilation error: exit status 1' >"$T/out.txt"
	(cd "$T" && heal-detect <out.txt >rec.json) || [ $? -eq 1 ]
	rec_check "$T/rec.json" 0 tool=gcc file=null "message=stray ‘\\357’ in program"
	rec_check "$T/rec.json" 1 tool=gcc "message=stray ‘\\274’in program"
	rec_check "$T/rec.json" 2 tool=gcc "message=expected ';' before '}' token"
	rec_check "$T/rec.json" 3 tool=gcc "message=‘count’ was not declared in this scope"
	# Arduino IDE 2's status line of the first error
	rec_check "$T/rec.json" 4 tool=gcc category=name "message='Serail' was not declared in this scope"
	run grep -c '"tool":"gcc"' "$T/rec.json"
	[ "$output" = 5 ]
	# without the catalogs nothing is known: no gcc record
	mkdir "$T/nolocale"
	(cd "$T" && HEAL_LOCALEDIR="$T/nolocale" heal-detect <out.txt >rec2.json) || true
	run grep -c '"tool":"gcc"' "$T/rec2.json"
	[ "$output" = 0 ]
}

@test "gcc, clang: a missing header pasted without its place is the compiler's, the header its code" {
	printf '%s\n' 'fatal error: Python.h: No such file or directory' "fatal error: 'openssl/ssl.h' file not found" \
		'fatal error: no input files' >"$T/out.txt"
	(cd "$T" && HEAL_LOCALEDIR="$T/nolocale" heal-detect <out.txt >rec.json) || true
	rec_check "$T/rec.json" 0 tool=gcc code=Python.h category=dependency
	rec_check "$T/rec.json" 1 tool=clang code=openssl/ssl.h category=dependency
	run grep -c '"code":"Python.h"\|"code":"openssl/ssl.h"' "$T/rec.json"
	[ "$output" = 2 ]
}

@test "gcc: the known messages come from the catalog given, with gcc's quotes and fields" {
	command -v msgfmt >/dev/null || skip "no msgfmt (gettext)"
	mkdir -p "$T/loc/xx/LC_MESSAGES"
	printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "widget %%qs frobbed twice"\nmsgstr "x"\n\nmsgid "expected %%<;%%>"\nmsgstr "y"\n\nmsgid "%%s %%s %%p %%d"\nmsgstr "z"\n' >"$T/loc/gcc-99.po"
	msgfmt -o "$T/loc/xx/LC_MESSAGES/gcc-99.mo" "$T/loc/gcc-99.po"
	printf '%s\n' "error: widget 'w1' frobbed twice" "error: widget w1 frobbed twice" \
		"error: expected ‘;’ before numeric constant" 'error: any four words here' >"$T/out.txt"
	(cd "$T" && HEAL_LOCALEDIR="$T/loc" heal-detect <out.txt >rec.json) || true
	run grep -c '"tool":"gcc"' "$T/rec.json"
	[ "$output" = 2 ]
	rec_check "$T/rec.json" 0 tool=gcc "message=widget 'w1' frobbed twice"
	rec_check "$T/rec.json" 1 tool=gcc "message=expected ‘;’ before numeric constant"
}
