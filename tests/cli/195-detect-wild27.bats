#!/usr/bin/env bats
# heal-detect on layouts the dev half of the twenty-seventh gathering showed
# missing (#16), each written by us in the layout the tool prints.

load 'helpers/detect-log'

@test "a line the tool cut at the terminal's width ('...') is not joined to a rule of that width" {
	# pytest cuts a short summary line to 80 columns and ends it in "...";
	# the closing rule under it is as wide
	{
		printf '%s\n' '=========================== short test summary info ============================'
		printf '%s\n' 'FAILED test_example_short_test_summary_info.py::test_message - FAILURE: check...'
		printf '%s\n' '======================= 1 failed, 1 deselected in 0.55s ========================'
	} >"$T/in.log"
	[ "$(awk 'length($0) == 80' "$T/in.log" | wc -l)" -eq 3 ]
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pytest file=test_example_short_test_summary_info.py \
		'message=FAILURE: check...'
}

@test "binutils' programs on a file they cannot read or an option they do not know, as they print it" {
	command -v ar >/dev/null && command -v objcopy >/dev/null || skip "binutils is not installed"
	cd "$T"
	printf 'not an object\n' >notes.txt
	{
		ar rcs lib.a deps/murmurhash/MurmurHash3.o
		objcopy -O binary notes.txt out.bin
		nm notes.txt
		readelf -h missing.elf
		strip --no-such-option
		ld --no-such-option
	} >in.log 2>&1 || true
	detect
	run $PY -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    print(r["tool"], r["code"], r["category"], r["message"], sep="|")' "$T/rec.json"
	echo "$output"
	[ "${lines[0]}" = "binutils|ar|resource|deps/murmurhash/MurmurHash3.o: No such file or directory" ]
	[ "${lines[1]}" = "binutils|objcopy|value|notes.txt: file format not recognized" ]
	[ "${lines[2]}" = "binutils|nm|value|notes.txt: file format not recognized" ]
	[ "${lines[3]}" = "binutils|readelf|resource|'missing.elf': No such file" ]
	[ "${lines[4]}" = "binutils|strip|configuration|unrecognized option '--no-such-option'" ]
	[ "${lines[5]}" = "ld|None|configuration|unrecognized option '--no-such-option'" ]
	[ "${#lines[@]}" -eq 6 ]
}

@test "binutils: a program's other words, and a file named like one, are no records" {
	printf '%s\n' 'nm: a.o: no symbols' 'size: the size of things: 12 bytes' \
		'strings: No such file or directory here' 'arm-none-eabi-size build/app.elf' \
		'   text    data     bss     dec     hex filename' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 0 ]
}

@test "ld: an option gold or bfd does not know, and any message under an explicit error" {
	if command -v ld.gold >/dev/null; then
		(cd "$T" && { ld.gold -PIE; ld.gold -z undefs; } >gold.log 2>&1) || true
		cp "$T/gold.log" "$T/in.log"
		detect
		[ "$(rec_count "$T/rec.json")" -eq 2 ]
		rec_check "$T/rec.json" 0 tool=ld category=configuration 'message=-PIE: unknown option'
		rec_check "$T/rec.json" 1 tool=ld 'message=undefs: unknown -z option'
	fi
	printf '%s\n' '/usr/lib/gcc/x86_64-pc-linux-gnu/5.4.0/../../../../x86_64-pc-linux-gnu/bin/ld.gold: -PIE: unknown option' \
		'/usr/lib/gcc/x86_64-pc-linux-gnu/5.4.0/../../../../x86_64-pc-linux-gnu/bin/ld.gold: use the --help option for usage information' \
		'/usr/bin/ld: error: cannot open output file app: Is a directory' \
		'/usr/bin/ld.gold: fatal error: build/libfoo.so: mmap: failed' \
		'collect2: error: ld returned 1 exit status' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=ld 'message=-PIE: unknown option'
	rec_check "$T/rec.json" 1 tool=ld severity=error 'message=cannot open output file app: Is a directory'
	rec_check "$T/rec.json" 2 tool=ld severity=error 'message=build/libfoo.so: mmap: failed'
}

@test "zig test and zig build test: a failed test is a record at its trace's first frame outside lib/std" {
	# written in the layouts of zig 0.10 to 0.14 (Debian has no zig)
	cat >"$T/in.log" <<'LOG'
Test [1/2] test.failure... FAIL (TestUnexpectedResult)
/home/u/zig-linux-x86_64-0.10.1/lib/std/testing.zig:515:14: 0x22423f in expect (test)
    if (!ok) return error.TestUnexpectedResult;
             ^
/home/u/proj/test.zig:9:5: 0x224395 in test.failure (test)
    try expect(false);
    ^
1/3 test.add... OK
2/3 test.sub... FAIL (TestUnexpectedResult)
/home/u/.local/share/sdk/zig/master/lib/std/testing.zig:509:14: 0x2241c7 in expect (test)
    if (!ok) return error.TestUnexpectedResult;
             ^
/home/u/src/calc/sub.zig:86:5: 0x22467a in test.sub (test)
    try testing.expect(sub(10, 5) == 5 + 1);
    ^
3/3 test.divide... expected 3, found 4
FAIL (TestExpectedEqual)
/usr/lib/zig/std/testing.zig:84:17: 0x224a1b in expectEqual__anon_1012 (test)
                return error.TestExpectedEqual;
                ^
src/main.zig:20:5: 0x224b2c in test.divide (test)
    try std.testing.expectEqual(@as(i32, 3), div(8, 2));
    ^
1 passed; 0 skipped; 2 failed.
test
└─ run test 0/1 passed, 1 failed
error: 'main.test.oops' failed with error TestUnexpectedResult
error: while executing test 'main.test.oops', the following test command failed:
./.zig-cache/o/178c7f9c32f856400a1065693d5b5d73/test --cache-dir=./.zig-cache --seed=0xc25908be --listen=-
run test: error: 'test.oops' failed
LOG
	detect
	[ "$(rec_count "$T/rec.json")" -eq 5 ]
	rec_check "$T/rec.json" 0 tool=zig category=test file=/home/u/proj/test.zig line=9 column=5 \
		code=TestUnexpectedResult 'message=test.failure... FAIL (TestUnexpectedResult)'
	rec_check "$T/rec.json" 1 file=/home/u/src/calc/sub.zig line=86 'message=test.sub... FAIL (TestUnexpectedResult)'
	rec_check "$T/rec.json" 2 file=src/main.zig line=20 code=TestExpectedEqual 'message=test.divide... expected 3, found 4'
	rec_check "$T/rec.json" 3 file=null code=TestUnexpectedResult "message='main.test.oops' failed with error TestUnexpectedResult"
	rec_check "$T/rec.json" 4 file=null "message='test.oops' failed"
}

@test "jsonnet: static and runtime errors as jsonnet prints them, located outside std.jsonnet" {
	command -v jsonnet >/dev/null || skip "jsonnet is not installed"
	cd "$T"
	printf '{\n  a: x,\n}\n' >static.jsonnet
	printf 'local o = { assert self.n > 0 : "n must be positive", n: 0 };\n{\n  out: o.n,\n}\n' >assert.jsonnet
	printf 'std.assertEqual(1, 2)\n' >eq.jsonnet
	printf '{ a: 1 }.b\n' >field.jsonnet
	for f in static assert eq field; do jsonnet "$f.jsonnet" >/dev/null 2>>in.log || true; done
	detect
	[ "$(rec_count "$T/rec.json")" -eq 4 ]
	rec_check "$T/rec.json" 0 tool=jsonnet category=name file=static.jsonnet line=2 column=6 'message=Unknown variable: x'
	rec_check "$T/rec.json" 1 file=assert.jsonnet line=1 column=33 'message=n must be positive'
	rec_check "$T/rec.json" 2 file=eq.jsonnet line=1 column=1 'message=Assertion failed. 1 != 2'
	rec_check "$T/rec.json" 3 file=field.jsonnet line=1 category=name 'message~=ield does not exist: b'
}

@test "jsonnet: go-jsonnet's static error without its head, a range over lines, a frame in <std>" {
	printf '%s\n' 'lib/util.libsonnet:(3:5)-(4:6) Expected token OPERATOR but got "}"' \
		'RUNTIME ERROR: Field does not exist: foo' "$(printf '\t<std>:1:1-10\tfunction <anonymous>')" \
		"$(printf '\tapp.jsonnet:(2:1)-(3:9)\t$')" "$(printf '\tDuring evaluation\t')" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=jsonnet category=syntax file=lib/util.libsonnet line=3 column=5
	rec_check "$T/rec.json" 1 file=app.jsonnet line=2 column=1 category=name 'message=Field does not exist: foo'
}

@test "prettier: the errors on what it was given, as prettier 2 and 3 print them" {
	printf '%s\n' '[error] No parser could be inferred for file "src/notes.unknown".' \
		'[error] No parser could be inferred for file: src/other.xyz' \
		'[error] No files matching the pattern were found: "src/**/*.vue".' \
		'[error] no files here is not prettier' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=prettier category=configuration file=src/notes.unknown \
		'message=No parser could be inferred for file "src/notes.unknown".'
	rec_check "$T/rec.json" 1 file=src/other.xyz
	rec_check "$T/rec.json" 2 file=null 'message=No files matching the pattern were found: "src/**/*.vue".'
}

@test "flow before 0.60: 'Error: a.js:10', the source line, the message on the caret's line" {
	cat >"$T/in.log" <<'LOG'
Error: src/cart.js:10
 10: total(items[1]);
           ^^^^^^^^ number. This type is incompatible with the expected param type of
  4: function total(x: string) { }
                       ^^^^^^ string

Warning: src/util.js:7
  7: (days[day]: string);
      ^^^^^^^^^ Cannot cast `days[day]` to string because number [1] is incompatible with string [2].

Found 2 errors
Error: build.js:3
something else under it
LOG
	detect
	[ "$(grep -c '"tool":"flow"' "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=flow file=src/cart.js line=10 severity=error \
		'message=number. This type is incompatible with the expected param type of'
	rec_check "$T/rec.json" 1 file=src/util.js line=7 severity=warning \
		'message=Cannot cast `days[day]` to string because number [1] is incompatible with string [2].'
}

@test "purs: 'Error N of M:', its module, its place and message, the error's name from its documentation link" {
	cat >"$T/in.log" <<'LOG'
Compiling Main
Error 1 of 2:

  in module Main
  at src/Main.purs:12:9 - 12:16 (line 12, column 9 - line 12, column 16)

    Unknown value lenght


  See https://github.com/purescript/documentation/blob/master/errors/UnknownName.md for more information,
  or to contribute content related to this error.

Error 2 of 2:

  in module Main
  at src/Main.purs:20:3 - 20:10 (line 20, column 3 - line 20, column 10)

    Could not match type

      String

    with type

      Int


  See https://github.com/purescript/documentation/blob/master/errors/TypesDoNotUnify.md for more information,
  or to contribute content related to this error.

[error] Failed to build.
Error found:
at src/Other.purs:1:1 - 1:2 (no message after it)
LOG
	detect
	[ "$(grep -c '"tool":"purs"' "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=purs category=name code=UnknownName file=src/Main.purs line=12 column=9 \
		end_line=12 end_column=16 'message=Unknown value lenght'
	rec_check "$T/rec.json" 1 code=TypesDoNotUnify line=20 'message=Could not match type'
	# purs itself (its test suite's outputs) puts 'in module' and 'at' at
	# the line's start; before 0.12 the place was in words
	cat >"$T/in.log" <<'LOG'
Error found:
in module Main
at src/Main.purs:8:14 - 8:18 (line 8, column 14 - line 8, column 18)

  An infinite type was inferred for an expression:

    Array t0

See https://github.com/purescript/documentation/blob/master/errors/InfiniteType.md for more information,
or to contribute content related to this error.

Error found:
in module Data.Foo
at src/Data/Foo.purs line 5, column 7 - line 5, column 13

  Unknown value bar

See https://github.com/purescript/documentation/blob/master/errors/UnknownName.md for more information,
LOG
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=purs code=InfiniteType file=src/Main.purs line=8 column=14 end_line=8 \
		'message=An infinite type was inferred for an expression:'
	rec_check "$T/rec.json" 1 code=UnknownName file=src/Data/Foo.purs line=5 column=7 end_column=13 \
		'message=Unknown value bar'
}

@test "ghc: a message whose bullet a paste moved to the line's start" {
	printf '%s\n' '[1 of 1] Compiling Main ( solution.hs, solution.o )' 'solution.hs:11:56: error:' \
		"• Couldn't match type ‘Int’ with ‘Double’" 'Expected type: [Double] -> [(Double, Double)]' \
		'|' '11 | poly a b x = sum . zip a $ b' '| ^^^^^' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ghc file=solution.hs line=11 column=56 "message=Couldn't match type ‘Int’ with ‘Double’"
}

@test "GNU as: a message at no line of its input ('open CFI at the end of file')" {
	command -v as >/dev/null || skip "GNU as is not installed"
	cd "$T"
	printf '.cfi_startproc\n' >cfi.s
	{ printf '.cfi_startproc\n' | as -o /dev/null; as -o /dev/null cfi.s; } >in.log 2>&1 || true
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=as file=null line=null 'message=open CFI at the end of file; missing .cfi_endproc directive'
	rec_check "$T/rec.json" 1 tool=as file=cfi.s line=null
}

@test "ariadne: 'Error: message' (a code before it, 0.4's spaced place, the ASCII theme) over its place line" {
	cat >"$T/in.log" <<'LOG'
Error: Incompatible types
   ╭─[sample.tao:1:1]
   │
 1 │ def five = match () in {
   │                      ─┬
   │                       ╰── This is of type Nat
───╯
[E03] Error: Incompatible types
   ╭─[ sample.tao:1:12 ]
   │
 1 │ def five = match () in {
───╯
Warning: Unused binding
   ,-[lib/a.tao:4:5]
   |
 4 | let y = 2
---'
Error: no place follows this one
LOG
	detect
	[ "$(grep -c '"tool":"ariadne"' "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=ariadne severity=error file=sample.tao line=1 column=1 'message=Incompatible types'
	rec_check "$T/rec.json" 1 code=E03 column=12
	rec_check "$T/rec.json" 2 severity=warning file=lib/a.tao line=4 column=5 'message=Unused binding'
}

@test "python: a traceback as rich draws it, with its locals panels, located at the innermost frame" {
	$PY -c 'import rich.traceback' 2>/dev/null || skip "python3-rich is not installed"
	mkdir -p "$T/app"
	printf 'from rich.traceback import install\ninstall(show_locals=True)\n\ndef run(jobs):\n    n = len(jobs)\n    return jobs[0].name\n\nrun([])\n' >"$T/app/cli.py"
	(cd "$T" && COLUMNS=100 $PY app/cli.py) >"$T/in.log" 2>&1 || true
	grep -q '╭─.* Traceback (most recent call last) ─' "$T/in.log"
	grep -q ' locals ' "$T/in.log"
	(cd "$T" && heal-detect in.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=python code=IndexError file=app/cli.py line=6 'message=list index out of range'
}

@test "roc: Elm's layout in box lines (the file after the rule), and roc check's head with its place" {
	cat >"$T/in.log" <<'LOG'
── TYPE MISMATCH ───────────────────────────────────── examples/helloWorld.roc ─

This 2nd argument to isGt has an unexpected type:

8│      p = g > 1.1
                ^^^

────────────────────────────────────────────────────────────────────────────────
── ✗ type mismatch ─ /Users/k/roc_demo/repro.roc:9:15

The first argument being passed to this function has the wrong type.

Stdout.line!(home)?
             ^^^^

── 1 error and 0 warnings ───────────────────────────────────── repro.roc
LOG
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=roc code='TYPE MISMATCH' category=type file=examples/helloWorld.roc line=8 \
		'message=This 2nd argument to isGt has an unexpected type:'
	rec_check "$T/rec.json" 1 tool=roc severity=error file=/Users/k/roc_demo/repro.roc line=9 column=15 \
		'message=The first argument being passed to this function has the wrong type.'
}

@test "programs that crash: Python's logging, a C++ exception nobody caught, a missing shared library, Lua's errors" {
	command -v g++ >/dev/null || skip "g++ is not installed"
	cd "$T"
	$PY -c 'import logging; logging.basicConfig(); logging.error("could not open config file settings.ini"); logging.warning("only a warning")' 2>>in.log
	printf '#include <vector>\nint main() { std::vector<int> v(3); return v.at(5); }\n' >throw.cc
	g++ -o throw throw.cc
	# as a shell prints a child's abort
	bash -c './throw' >>in.log 2>&1 || true
	printf 'int foo(void) { return 1; }\n' >foo.c
	printf 'int foo(void);\nint main(void) { return foo(); }\n' >main.c
	gcc -shared -fPIC -o libfoo.so foo.c
	gcc -o app main.c -L. -lfoo
	rm libfoo.so
	./app >>in.log 2>&1 || true
	if command -v lua >/dev/null; then
		printf 'print("x")\nfoo()\n' >s.lua
		lua s.lua >/dev/null 2>>in.log || true
	fi
	detect
	cat in.log
	rec_check "$T/rec.json" 0 tool=python severity=error 'message=could not open config file settings.ini'
	rec_check "$T/rec.json" 1 tool=c++ code=std::out_of_range category=runtime 'message~=vector::_M_range_check'
	rec_check "$T/rec.json" 2 tool=ld.so code=libfoo.so category=dependency 'message~=cannot open shared object file'
	if command -v lua >/dev/null; then
		rec_check "$T/rec.json" 3 tool=lua file=s.lua line=2 category=name "message=attempt to call a nil value (global 'foo')"
		[ "$(rec_count "$T/rec.json")" -eq 4 ]
	else
		[ "$(rec_count "$T/rec.json")" -eq 3 ]
	fi
}

@test "programs that crash: .NET's, Dart's and Swift's uncaught errors, located outside their runtimes" {
	cat >"$T/in.log" <<'LOG'
Unhandled exception. System.NullReferenceException: Object reference not set to an instance of an object.
   at Demo.Program.Run(String[] args) in /home/u/demo/Program.cs:line 12
   at Demo.Program.Main(String[] args) in /home/u/demo/Program.cs:line 6
Unhandled Exception: System.IO.FileNotFoundException: Could not find file 'C:\app\settings.json'.
   at System.IO.FileStream.ValidateFileHandle(SafeFileHandle fileHandle)
   at Demo.Config.Load() in C:\src\Demo\Config.cs:line 20
Unhandled exception:
RangeError (index): Invalid value: Valid value range is empty: 0
#0      List.[] (dart:core-patch/growable_array.dart:264:36)
#1      main (file:///home/u/app/bin/app.dart:5:15)
#2      _delayEntrypointInvocation.<anonymous closure> (dart:isolate-patch/isolate_patch.dart:297:19)
Fatal error: Index out of range: file Sources/App/main.swift, line 12
Sources/App/Store.swift:40: Fatal error: Unexpectedly found nil while unwrapping an Optional value
LOG
	detect
	[ "$(rec_count "$T/rec.json")" -eq 5 ]
	rec_check "$T/rec.json" 0 tool=dotnet code=System.NullReferenceException category=value file=/home/u/demo/Program.cs line=12 \
		'message=Object reference not set to an instance of an object.'
	rec_check "$T/rec.json" 1 code=System.IO.FileNotFoundException category=resource 'file=C:\src\Demo\Config.cs' line=20
	rec_check "$T/rec.json" 2 tool=dart code=RangeError file=/home/u/app/bin/app.dart line=5 column=15
	rec_check "$T/rec.json" 3 tool=swift file=Sources/App/main.swift line=12 'message=Index out of range'
	rec_check "$T/rec.json" 4 tool=swift file=Sources/App/Store.swift line=40 category=value
}

@test "programs that crash: Go's runtime fatal error, a Haskell call stack, an OCaml backtrace" {
	cat >"$T/in.log" <<'LOG'
prog: Prelude.head: empty list
CallStack (from HasCallStack):
  error, called at libraries/base/GHC/List.hs:1646:3 in base:GHC.List
  errorEmptyList, called at libraries/base/GHC/List.hs:85:11 in base:GHC.List
  badHead, called at libraries/base/GHC/List.hs:81:28 in base:GHC.List
  head, called at app/Main.hs:5:15 in main:Main
Fatal error: exception Not_found
Raised at Stdlib__Map.Make.find in file "map.ml", line 141, characters 10-25
Called from Dune__exe__Main in file "bin/main.ml", line 3, characters 8-30
LOG
	if command -v go >/dev/null; then
		mkdir -p "$T/dl"
		printf 'package main\n\nfunc main() {\n\tc := make(chan int)\n\t<-c\n}\n' >"$T/dl/main.go"
		(cd "$T/dl" && HOME="$T" GOCACHE="$T/gocache" GOFLAGS=-mod=mod go run main.go) >>"$T/in.log" 2>&1 || true
	fi
	detect
	rec_check "$T/rec.json" 0 tool=ghc category=runtime file=app/Main.hs line=5 column=15 'message=Prelude.head: empty list'
	rec_check "$T/rec.json" 1 tool=ocaml code=Not_found category=name file=bin/main.ml line=3 column=8
	if command -v go >/dev/null; then
		rec_check "$T/rec.json" 2 tool=go category=runtime line=5 'message=all goroutines are asleep - deadlock!'
		[ "$(rec_count "$T/rec.json")" -eq 3 ]
	else
		[ "$(rec_count "$T/rec.json")" -eq 2 ]
	fi
}

@test "deno's uncaught errors, node's rejection with no Error, fish's script errors" {
	cat >"$T/in.log" <<'LOG'
error: Uncaught (in promise) TypeError: Cannot read properties of undefined (reading 'x')
    at file:///home/u/app/main.ts:3:9
    at eventLoopTick (ext:core/01_core.js:168:7)
error: Module not found "file:///home/u/app/utils.ts".
    at file:///home/u/app/main.ts:1:23
error: a plain error line with no stack under it
[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "boom".] {
  code: 'ERR_UNHANDLED_REJECTION'
}
fish: Unknown command: foo
build.fish (line 3): 
foo bar
^~^
LOG
	detect
	rec_check "$T/rec.json" 0 tool=deno category=type file=/home/u/app/main.ts line=3 column=9 \
		"message=Uncaught (in promise) TypeError: Cannot read properties of undefined (reading 'x')"
	rec_check "$T/rec.json" 1 tool=deno category=dependency line=1 column=23
	# the error line with no stack is no deno record (a last resort's, written
	# only when nothing else is)
	rec_check "$T/rec.json" 2 tool=node 'message="boom"'
	rec_check "$T/rec.json" 3 tool=fish code=command-not-found file=build.fish line=3 'message=Unknown command: foo'
	[ "$(rec_count "$T/rec.json")" -eq 4 ]
}

@test "test runners: bats and Test::More as they print failures" {
	cd "$T"
	printf '@test "adds" {\n  [ 1 -eq 1 ]\n}\n\n@test "subtracts" {\n  run echo 3\n  [ "$output" = 1 ]\n}\n' >m.bats
	bats m.bats >in.log 2>&1 || true
	if command -v prove >/dev/null; then
		mkdir -p t
		printf 'use Test::More tests => 2;\nis(1 + 1, 2, "adds");\nis(2 - 1, 3, "subtracts");\nok(0);\n' >t/math.t
		prove t/math.t >>in.log 2>&1 || true
	fi
	detect
	rec_check "$T/rec.json" 0 tool=bats category=test file=m.bats line=7 "message=subtracts \`[ \"\$output\" = 1 ]' failed"
	if command -v prove >/dev/null; then
		rec_check "$T/rec.json" 1 tool=perl category=test file=t/math.t line=3 "message=Failed test 'subtracts'"
		rec_check "$T/rec.json" 2 file=t/math.t line=4 'message=Failed test'
		[ "$(rec_count "$T/rec.json")" -eq 3 ]
	fi
}

@test "test runners: Unity, Check, Boost.Test, ExUnit and package:test failures as they print them" {
	cat >"$T/in.log" <<'LOG'
test/test_math.c:12:test_add:FAIL: Expected 5 Was 4
test/test_math.c:20:test_sub:PASS
test/test_math.c:30:test_div:FAIL
check_money.c:12:F:Core:test_money_create:0: Amount not set correctly on creation
/home/u/proj/test.cpp(12): error: in "suite/test_add": check add(2, 2) == 5 has failed [4 != 5]
  1) test adds numbers (MathTest)
     test/math_test.exs:5
     Assertion with == failed
     code:  assert Math.add(1, 2) == 4
     left:  3
     right: 4
00:01 +0 -1: adds numbers [E]
  Expected: <4>
    Actual: <3>

  package:matcher                 expect
  test/calc_test.dart 7:5         main.<fn>

00:01 +0 -1: Some tests failed.
LOG
	detect
	[ "$(rec_count "$T/rec.json")" -eq 6 ]
	rec_check "$T/rec.json" 0 tool=unity category=test file=test/test_math.c line=12 'message=Expected 5 Was 4'
	rec_check "$T/rec.json" 1 tool=unity line=30 'message=test failed'
	rec_check "$T/rec.json" 2 tool=check file=check_money.c line=12 'message=Amount not set correctly on creation'
	rec_check "$T/rec.json" 3 tool=boost.test category=test file=/home/u/proj/test.cpp line=12 \
		'message=check add(2, 2) == 5 has failed [4 != 5]'
	rec_check "$T/rec.json" 4 tool=exunit file=test/math_test.exs line=5 'message=Assertion with == failed'
	rec_check "$T/rec.json" 5 tool=dart file=test/calc_test.dart line=7 column=5 'message=Expected: <4>'
}

@test "yarn 4 and yarn without a terminal: its YN lines without the arrow" {
	printf '%s\n' 'YN0000: ┌ Resolution step' 'YN0001: │ Error: left-pad@npm:9.9.9: No candidates found' \
		'YN0000: └ Completed in 0s 123ms' 'YN0000: Failed with errors in 0s 125ms' \
		'ANYN0001: not yarn' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=yarn code=YN0001 'message=Error: left-pad@npm:9.9.9: No candidates found'
}

@test "sed and awk on a script they cannot read, as they print it" {
	cd "$T"
	printf 'p\nq q\n' >fix.sed
	printf '{ print $1 +\n}\n' >prog.awk
	{
		echo x | sed -e 's/a'
		echo x | sed -f fix.sed
		echo x | awk -f prog.awk
	} >in.log 2>&1 || true
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=sed category=syntax "message=unterminated \`s' command"
	rec_check "$T/rec.json" 1 tool=sed file=fix.sed line=2 'message=extra characters after command'
	rec_check "$T/rec.json" 2 file=prog.awk line=1 'message~=syntax error'
}

@test "compilers of other languages: Haxe, Dafny, Erlang, SWI-Prolog, Racket, Clojure, and gcc's layout named by the file" {
	cat >"$T/in.log" <<'LOG'
Main.hx:3: characters 5-10 : Unknown identifier : x
Main.hx:7: characters 1-4 : Warning : This typedef is deprecated
test.dfy(3,4): Error: assertion might not hold
src/app.erl:3:5: function foo/0 undefined
src/app.erl:9: Warning: variable 'X' is unused
ERROR: /app/x.pl:3:5: Syntax error: Operator expected
x.rkt:3:5: x: unbound identifier
  in: x
Syntax error compiling at (app/core.clj:3:5).
Unable to resolve symbol: x in this context
Main.lean:3:4: error: unknown identifier 'x'
foo.chpl:3: error: unresolved call 'f()'
main.adb:3:05: error: "x" is undefined
prog.cob:10: error: 'X' is not defined
LOG
	detect
	[ "$(rec_count "$T/rec.json")" -eq 12 ]
	rec_check "$T/rec.json" 0 tool=haxe category=name file=Main.hx line=3 column=5 'message=Unknown identifier : x'
	rec_check "$T/rec.json" 1 tool=haxe severity=warning line=7 'message=This typedef is deprecated'
	rec_check "$T/rec.json" 2 tool=dafny file=test.dfy line=3 column=4 'message=assertion might not hold'
	rec_check "$T/rec.json" 3 tool=erlc severity=error file=src/app.erl line=3 column=5 'message=function foo/0 undefined'
	rec_check "$T/rec.json" 4 tool=erlc severity=warning line=9
	rec_check "$T/rec.json" 5 tool=swipl file=/app/x.pl line=3 'message=Syntax error: Operator expected'
	rec_check "$T/rec.json" 6 tool=racket file=x.rkt line=3 column=5 'message=x: unbound identifier'
	rec_check "$T/rec.json" 7 tool=clojure category=name file=app/core.clj line=3 'message=Unable to resolve symbol: x in this context'
	rec_check "$T/rec.json" 8 tool=lean file=Main.lean line=3
	rec_check "$T/rec.json" 9 tool=chpl file=foo.chpl line=3
	rec_check "$T/rec.json" 10 tool=gnat file=main.adb line=3 column=5
	rec_check "$T/rec.json" 11 tool=cobc file=prog.cob line=10
}

@test "linters: pyre, svelte-check, dialyxir, PMD, CSpell as they print findings" {
	cat >"$T/in.log" <<'LOG'
app/models.py:12:4 Incompatible return type [7]: Expected `int` but got `str`.
Loading svelte-check in workspace: /app

/app/src/App.svelte:3:5
Error: Cannot find name 'foo'. (ts)
lib/app.ex:3:no_return Function foo/0 has no local return.
/app/src/Main.java:3:	UnusedLocalVariable:	Avoid unused local variables such as 'x'.
/app/README.md:3:5 - Unknown word (teh)
LOG
	detect
	[ "$(rec_count "$T/rec.json")" -eq 5 ]
	rec_check "$T/rec.json" 0 tool=pyre code=7 file=app/models.py line=12 column=4 \
		'message=Incompatible return type [7]: Expected `int` but got `str`.'
	rec_check "$T/rec.json" 1 tool=svelte-check code=ts file=/app/src/App.svelte line=3 column=5 "message=Cannot find name 'foo'."
	rec_check "$T/rec.json" 2 tool=dialyzer code=no_return file=lib/app.ex line=3 'message=Function foo/0 has no local return.'
	rec_check "$T/rec.json" 3 tool=pmd code=UnusedLocalVariable file=/app/src/Main.java line=3
	rec_check "$T/rec.json" 4 tool=cspell code=teh file=/app/README.md line=3 column=5 'message=Unknown word (teh)'
}

@test "configuration checkers: ssh's config, sshd -t, visudo, Caddy v2's directive errors" {
	cd "$T"
	if command -v ssh >/dev/null; then
		printf 'Host x\n  Foo bar\n' >ssh_config
		ssh -G -F ssh_config x >in.log 2>&1 || true
	else
		printf '%s\n' 'ssh_config: line 2: Bad configuration option: foo' 'ssh_config: terminating, 1 bad configuration options' >in.log
	fi
	printf '%s\n' '/etc/ssh/sshd_config line 12: Bad configuration option: Foo' \
		'>>> /etc/sudoers: syntax error near line 28 <<<' '/etc/sudoers.d/app:3:10: syntax error' \
		'Error: adapting config using caddyfile: Caddyfile:3: unrecognized directive: foo' '>>> not sudo <<<' >>in.log
	detect
	[ "$(rec_count "$T/rec.json")" -eq 5 ]
	rec_check "$T/rec.json" 0 tool=sshd category=configuration file=ssh_config line=2 'message=Bad configuration option: foo'
	rec_check "$T/rec.json" 1 tool=sshd file=/etc/ssh/sshd_config line=12
	rec_check "$T/rec.json" 2 tool=visudo file=/etc/sudoers line=28 'message=syntax error'
	rec_check "$T/rec.json" 3 tool=visudo file=/etc/sudoers.d/app line=3
	rec_check "$T/rec.json" 4 tool=caddy file=Caddyfile line=3 'message=unrecognized directive: foo'
}

@test "an Android build: aapt2's resource errors, R8's missing classes, Android Lint's text report" {
	cat >"$T/in.log" <<'LOG'
ERROR: /home/u/app/src/main/res/layout/activity_main.xml:12: AAPT: error: attribute android:foo not found.
ERROR: Missing classes detected while running R8. Please add the missing classes or apply additional keep rules that are generated in /home/u/app/build/outputs/mapping/release/missing_rules.txt.
ERROR: R8: Missing class com.google.errorprone.annotations.Immutable (referenced from: com.google.crypto.tink.Util)
/home/u/app/src/main/res/layout/x.xml:3: Error: Hardcoded string "Hello", should use @string resource [HardcodedText]
LOG
	detect
	[ "$(rec_count "$T/rec.json")" -eq 4 ]
	rec_check "$T/rec.json" 0 tool=aapt2 file=/home/u/app/src/main/res/layout/activity_main.xml line=12 \
		'message=attribute android:foo not found.'
	rec_check "$T/rec.json" 1 tool=R8 category=dependency 'message~=Missing classes detected while running R8'
	rec_check "$T/rec.json" 2 tool=R8 'message~=Missing class com.google.errorprone'
	rec_check "$T/rec.json" 3 tool=android-lint code=HardcodedText line=3
}

@test "a failed Flyway migration, and the Warning rows of kubectl describe's events" {
	cat >"$T/in.log" <<'LOG'
ERROR: Migration of schema "public" to version "2 - add users" failed! Changes successfully rolled back.
ERROR: Migration V2__add_users.sql failed
--------------------------------------
SQL State  : 42601
Error Code : 0
Message    : ERROR: syntax error at or near "SELEC"
  Position: 1
Location   : db/migration/V2__add_users.sql (/app/db/migration/V2__add_users.sql)
Line       : 3
Statement  : SELEC 1

Events:
  Type     Reason     Age                From               Message
  ----     ------     ----               ----               -------
  Normal   Scheduled  2m                 default-scheduler  Successfully assigned default/web-5d4f to node-1
  Warning  Failed     2m (x4 over 3m)    kubelet            Failed to pull image "nginx:1.99": not found
  Warning  BackOff    1m (x6 over 3m)    kubelet            Back-off restarting failed container
LOG
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=flyway file=db/migration/V2__add_users.sql line=3 'message=syntax error at or near "SELEC"'
	rec_check "$T/rec.json" 1 tool=kubectl code=Failed category=dependency 'message=Failed to pull image "nginx:1.99": not found'
	rec_check "$T/rec.json" 2 code=BackOff 'message=Back-off restarting failed container'
}

@test "Qt's build tools (qmake, moc, rcc, uic) and vcpkg's port failures (its own only alone)" {
	cat >"$T/in.log" <<'LOG'
Project ERROR: Unknown module(s) in QT: webkitwidgets
/home/u/app/mainwindow.h:12: Parse error at "Q_OBJECT"
error: building zlib:x64-linux failed with: BUILD_FAILED
RCC: Error in 'res.qrc': Cannot find file 'icons/x.png'
File 'form.ui' is not valid
Project WARNING: Please use CONFIG += c++17
LOG
	detect
	[ "$(rec_count "$T/rec.json")" -eq 5 ]
	rec_check "$T/rec.json" 0 tool=qmake category=dependency 'message=Unknown module(s) in QT: webkitwidgets'
	rec_check "$T/rec.json" 1 tool=moc file=/home/u/app/mainwindow.h line=12 'message=Parse error at "Q_OBJECT"'
	rec_check "$T/rec.json" 2 tool=rcc file=res.qrc "message=Cannot find file 'icons/x.png'"
	rec_check "$T/rec.json" 3 tool=uic file=form.ui
	rec_check "$T/rec.json" 4 tool=qmake severity=warning
	printf '%s\n' 'error: building zlib:x64-linux failed with: BUILD_FAILED' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=vcpkg code=BUILD_FAILED 'message=building zlib:x64-linux failed with: BUILD_FAILED'
}

@test "the Actions runner's own errors before any tool ran are records beside the tools'" {
	printf '%s\n' "Error: Unable to resolve action \`atlassian/gajira-login@2.0.0\`, unable to find version \`2.0.0\`" \
		"Error: Missing download info for actions/checkout@v5" \
		"Error: Can't find 'action.yml', 'action.yaml' or 'Dockerfile' under '/home/runner/work/app/app/.github/actions/build'. Did you forget to run actions/checkout before running your local action?" \
		"##[error]Input required and not supplied: token" \
		"src/a.c:3:1: error: expected ';' before '}' token" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 5 ]
	rec_check "$T/rec.json" 0 tool=github-actions category=dependency 'message~=Unable to resolve action `atlassian/gajira-login@2.0.0`'
	rec_check "$T/rec.json" 1 tool=github-actions 'message=Missing download info for actions/checkout@v5'
	rec_check "$T/rec.json" 2 tool=github-actions category=configuration "message~=Can't find 'action.yml'"
	rec_check "$T/rec.json" 3 tool=github-actions 'message=Input required and not supplied: token'
	rec_check "$T/rec.json" 4 tool=gcc
}

@test "pip: the dependency conflicts pip check and pip install list, one record each" {
	printf '%s\n' 'requests 2.31.0 has requirement urllib3<3,>=1.21.1, but you have urllib3 3.0.0.' \
		'flask 2.0.0 requires Werkzeug>=2.0, which is not installed.' \
		"ERROR: pip's dependency resolver does not currently take into account all the packages that are installed. This behaviour is the source of the following dependency conflicts." \
		'botocore 1.29.0 requires urllib3<1.27,>=1.25.4, but you have urllib3 2.0.2 which is incompatible.' \
		'No broken requirements.' >"$T/in.log"
	detect
	rec_check "$T/rec.json" 0 tool=pip category=dependency 'detail=requests 2.31.0' 'message=requests 2.31.0 has requirement urllib3<3,>=1.21.1, but you have urllib3 3.0.0.'
	rec_check "$T/rec.json" 1 'message=flask 2.0.0 requires Werkzeug>=2.0, which is not installed.'
	rec_check "$T/rec.json" 3 'message~=botocore 1.29.0 requires urllib3<1.27,>=1.25.4, but you have urllib3 2.0.2'
	[ "$(rec_count "$T/rec.json")" -eq 4 ]
}

@test "the Azure CLI's service errors, and a HashiCorp multierror right after 'Error: '" {
	printf '%s\n' "ERROR: (ResourceGroupNotFound) Resource group 'rg-app' could not be found." \
		'Code: ResourceGroupNotFound' "Message: Resource group 'rg-app' could not be found." \
		'Error: 1 error occurred:' \
		"	* creating EC2 Instance: InvalidAMIID.NotFound: The image id '[ami-123]' does not exist" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=az code=ResourceGroupNotFound category=name "message=Resource group 'rg-app' could not be found."
	rec_check "$T/rec.json" 1 tool=terraform "message=creating EC2 Instance: InvalidAMIID.NotFound: The image id '[ami-123]' does not exist"
}
