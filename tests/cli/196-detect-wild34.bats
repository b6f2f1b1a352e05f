#!/usr/bin/env bats
# heal-detect on layouts the dev half of the thirty-fourth gathering (other
# languages' compilers and runtimes, embedded and systems builds) showed
# missing (#16), each written by us in the layout the tool prints.

load 'helpers/detect-log'

# the records of rec.json as "tool|file|line|severity|message" lines
rows() {
	rec_rows tool file line severity message
}

@test "nimble's '... ' before the compiler's lines is a prefix, from its second such line" {
	printf '%s\n' '  Verifying dependencies for lofreq@3.0.0' \
		'        ... Hint: algorithm [Processing]' \
		'        ... src/pileup/algorithm.nim(140, 16) Error: type mismatch: got <Processor, int64>' \
		'        ... but expected one of:' \
		'        ... proc beginRead(self: Processor; start: int): void' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "nim|src/pileup/algorithm.nim|140|error|type mismatch: got <Processor, int64>" ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "a Java trace's one '... 1 more' line stays the trace's" {
	printf '%s\n' 'Exception in thread "main" java.lang.IllegalStateException: no config' \
		'	at com.acme.App.load(App.java:11)' \
		'Caused by: java.io.FileNotFoundException: config.yml (No such file or directory)' \
		'	at com.acme.App.load(App.java:9)' \
		'	... 1 more' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	$PY -c 'import json,sys; r=json.loads(open(sys.argv[1]).readline()); assert r["raw"].endswith("\t... 1 more"), r["raw"]' "$T/rec.json"
}

@test "julia 1.11: a Suggestion line between the error and its stack, a top-level frame without its module" {
	printf '%s\n' 'ERROR: LoadError: UndefVarError: `T` not defined in `ChainRules`' \
		'Suggestion: check for spelling errors or missing imports.' \
		'Stacktrace:' \
		'  [1] top-level scope' \
		'    @ ~/.julia/packages/ChainRules/14CDN/src/rulesets/utils.jl:33' \
		'  [2] include(mapexpr::Function, mod::Module, _path::String)' \
		'    @ Base ./Base.jl:310' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "julia|~/.julia/packages/ChainRules/14CDN/src/rulesets/utils.jl|33|error|\`T\` not defined in \`ChainRules\`" ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "Dart's front end on a package's file named by its URI" {
	printf '%s\n' 'Compiler message:' \
		"file:///home/k/.pub-cache/hosted/pub.dev/rxdart-0.16.7/lib/src/observable.dart:1826:57: Error: The method 'retype' isn't defined for the class 'Stream<T>'." \
		"Try correcting the name to the name of an existing method, or defining a method named 'retype'." >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "dart|/home/k/.pub-cache/hosted/pub.dev/rxdart-0.16.7/lib/src/observable.dart|1826|error|The method 'retype' isn't defined for the class 'Stream<T>'." ]
}

@test "a Lua error from a program that embeds Lua: one of Lua's own messages, or any over its traceback" {
	printf '%s\n' " .\\core\\slk/frontend.lua:8: attempt to index a nil value (local 'temp')" \
		'stack traceback:' \
		"        .\\core\\slk/frontend.lua:8: in upvalue 'update_obj'" \
		'        [C]: in ?' \
		'' \
		'lua/plugins/cfg.lua:12: module telescope not found:' \
		'stack traceback:' \
		'	[C]: in function require' \
		'' \
		'docs/api.lua:3: this line is a sentence, not an error' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "lua|.\\core\\slk/frontend.lua|8|error|attempt to index a nil value (local 'temp')" ]
	[ "${lines[1]}" = "lua|lua/plugins/cfg.lua|12|error|module telescope not found:" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "Elixir's warnings before 1.15 over their place, after mix test's dots too" {
	printf '%s\n' 'Compiling 3 files (.ex)' \
		'warning: variable "err" is unused (if the variable is not meant to be used, prefix it with an underscore)' \
		'  lib/foo.ex:12: Foo.bar/1' \
		'' \
		'.....warning: function baz/0 is unused' \
		'  lib/foo.ex:20' \
		'' \
		'warning: this is prose about lib/foo.ex' \
		'and not a place' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = 'elixirc|lib/foo.ex|12|warning|variable "err" is unused (if the variable is not meant to be used, prefix it with an underscore)' ]
	[ "${lines[1]}" = "elixirc|lib/foo.ex|20|warning|function baz/0 is unused" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "cmake's 'CMake Error:' alone over its indented message (its first line; the rest its detail)" {
	printf '%s\n' '-- Check for working C compiler using: Ninja' 'CMake Error:' \
		'  The detected version of Ninja () is less than the version of Ninja required' \
		'  by CMake (1.3).' '' '' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "cmake|None|None|error|The detected version of Ninja () is less than the version of Ninja required" ]
	[ "${#lines[@]}" -eq 1 ]
	rec_check "$T/rec.json" 0 'detail=by CMake (1.3).' category=dependency
}

@test "libtool's errors and warnings (2.4's level, 2.2's templates), not the commands it runs" {
	printf '%s\n' "libtool --mode=link --tag=CC cc -o libunibilium.la unibilium.lo" \
		"libtool:   error: cannot find the library '' or unhandled argument '/usr/lib'" \
		'libtool: link: gcc -shared -fPIC .libs/foo.o -o .libs/libfoo.so.0' \
		"libtool: link: cannot find the library \`libbar.la' or unhandled argument \`libbar.la'" \
		"libtool: warning: '/usr/lib/libz.la' seems to be moved" >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "libtool|None|None|error|cannot find the library '' or unhandled argument '/usr/lib'" ]
	[ "${lines[1]}" = "libtool|None|None|error|cannot find the library \`libbar.la' or unhandled argument \`libbar.la'" ]
	[ "${lines[2]}" = "libtool|None|None|warning|'/usr/lib/libz.la' seems to be moved" ]
	[ "${#lines[@]}" -eq 3 ]
}

@test "QEMU's user-mode emulator on a program of another architecture" {
	printf '%s\n' "qemu-arm: Could not open '/lib/ld-linux.so.3': No such file or directory" \
		'qemu: uncaught target signal 11 (Segmentation fault) - core dumped' \
		'qemu-system-x86_64 -m 512 -hda disk.img' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "qemu|None|None|error|Could not open '/lib/ld-linux.so.3': No such file or directory" ]
	[ "${lines[1]}" = "qemu|None|None|error|uncaught target signal 11 (Segmentation fault) - core dumped" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "a Markdown fence a paste put inside a multi-line report is passed over (rspec)" {
	printf '%s\n' 'Failures:' '' '  1) Job::Retrieve.zip_file should eq "~"' \
		'     Failure/Error: it { should eq "~" }' '' '```' \
		'   expected: "~"' '        got: "+"' '' '   (compared using ==)' \
		" # ./spec/lib/job/retrieve_spec.rb:25:in \`block (3 levels) in <top (required)>'" \
		'```' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = 'rspec|spec/lib/job/retrieve_spec.rb|25|error|expected: "~"' ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "surefire's Results before 2.19: each failed test, the first on the head's line" {
	printf '%s\n' 'Results :' '' \
		'Failed tests:   pica(de.gwdg.marc.cli.ClassificationTest): expected:<...t,percent(..)' \
		'  formatRow(de.gwdg.marc.cli.utils.CollocationTest): expected:<lcsh;udc[.]32%(..)' '' \
		'Tests in error: ' '  testLoad(com.acme.LoaderTests): NullPointer' '' \
		'Tests run: 1015, Failures: 2, Errors: 1, Skipped: 0' '' \
		'  configure(com.acme.Setup): not a test row' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=maven category=test 'detail=pica(de.gwdg.marc.cli.ClassificationTest)' 'message=expected:<...t,percent(..)'
	rec_check "$T/rec.json" 1 'detail=formatRow(de.gwdg.marc.cli.utils.CollocationTest)'
	rec_check "$T/rec.json" 2 'detail=testLoad(com.acme.LoaderTests)' message=NullPointer
}

@test "a browser test runner's stack frame names the spec by its URL (karma, cypress)" {
	printf '%s\n' "Error: Expected undefined to equal 'Angular: Getting Started'." \
		'    at stack (http://localhost:9876/base/node_modules/jasmine-core/lib/jasmine-core/jasmine.js?73bc53d3:2338:17)' \
		'    at UserContext.<anonymous> (http://localhost:9876/_karma_webpack_/webpack:/src/app/app.component.spec.ts:151:23)' \
		'' \
		"     AssertionError: Timed out retrying: Expected to find content: 'Search results' but never did." \
		'      at Context.eval (http://localhost:9000/__cypress/tests?p=src/spec/search.spec.js:47:29)' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]%%|error|*}" = "node|src/app/app.component.spec.ts|151" ]
	[ "${lines[1]%%|error|*}" = "node|src/spec/search.spec.js|47" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "ExUnit: the failure's line is its stacktrace's first frame in a test file, else the test's" {
	printf '%s\n' '  1) test adds (MathTest)' '     test/math_test.exs:5' '     Assertion with == failed' \
		'     code:  assert 1 + 1 == 3' '     left:  2' '     right: 3' '     stacktrace:' \
		'       test/math_test.exs:6: (test)' '' \
		'  2) test boom (MathTest)' '     test/math_test.exs:9' '     ** (RuntimeError) boom' \
		'     stacktrace:' '       lib/math.ex:3: Math.boom/0' '       (ex_unit) lib/ex_unit/capture_io.ex:146: ExUnit.CaptureIO.do_capture_io/2' \
		'       test/math_test.exs:10: (test)' '' \
		'  3) test cut (MathTest)' '     test/math_test.exs:14' '     Assertion with == failed' '' \
		'3 tests, 3 failures' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "exunit|test/math_test.exs|6|error|Assertion with == failed" ]
	[ "${lines[1]}" = "exunit|test/math_test.exs|10|error|** (RuntimeError) boom" ]
	[ "${lines[2]}" = "exunit|test/math_test.exs|14|error|Assertion with == failed" ]
	[ "${#lines[@]}" -eq 3 ]
}

@test "clang-tidy's relay of the compiler's own diagnostic gets the compiler's fix (heal-analyze's C rules)" {
	printf '#include <stdio.h>\nint main(void)\n{\n\tchar *s = "abc";\n\tprintf("%%d\\n", (int)strlen(s));\n\treturn 0;\n}\n' >"$T/m.c"
	printf '%s\n' '1 warning generated.' \
		"$T/m.c:5:22: warning: implicitly declaring library function 'strlen' with type 'unsigned long (const char *)' [clang-diagnostic-implicit-function-declaration]" \
		'        printf("%d\n", (int)strlen(s));' \
		'                            ^' \
		"$T/m.c:5:22: note: include the header <string.h> or explicitly provide a declaration for 'strlen'" >"$T/in.log"
	(cd "$T" && heal-detect <in.log | heal-analyze >an.json) || true
	run $PY -c '
import json, sys
r = json.loads(open(sys.argv[1]).readline())
print(r["tool"], r["code"], r["fixes"][0]["rule"] if r.get("fixes") else None, sep="|")' "$T/an.json"
	echo "$output"
	[ "$output" = "clang-tidy|clang-diagnostic-implicit-function-declaration|c.missing-include-function" ]
}

@test "test runners' reports pasted without their indentation keep their places" {
	# a forum or an issue's text outside a code block loses the blanks at
	# each line's start
	printf '%s\n' \
		'1) Calc#add returns the sum' 'Failure/Error: expect(calc.add(1, 1)).to eq(3)' '' \
		'expected: 3' 'got: 2' '' '(compared using ==)' \
		"# ./spec/calc_spec.rb:5:in \`block (3 levels) in <top (required)>'" '' \
		'======================================================================' \
		'ERROR: test_div (test_math.TestMath.test_div)' \
		'----------------------------------------------------------------------' \
		'Traceback (most recent call last):' 'File "/p/test_math.py", line 9, in test_div' '1/0' \
		'ZeroDivisionError: division by zero' '' \
		'--- FAIL: TestDiv (0.00s)' 'panic: runtime error: integer divide by zero [recovered]' \
		'panic: runtime error: integer divide by zero' '' 'goroutine 7 [running]:' \
		'testing.tRunner.func1.2({0x5b1a40, 0x6b4f10})' '/usr/local/go/src/testing/testing.go:1545 +0x238' \
		'example.com/m.TestDiv(0xc000007ba0)' '/p/math_test.go:15 +0x1d' '' \
		'CalcTest > testAdd() FAILED' 'org.opentest4j.AssertionFailedError: expected: <3> but was: <2>' \
		'at app//org.junit.jupiter.api.AssertionUtils.fail(AssertionUtils.java:151)' \
		'at app//CalcTest.testAdd(CalcTest.java:10)' '' \
		'FAIL  src/sum.test.js' '● adds 1 + 2 to equal 3' '' \
		'expect(received).toBe(expected) // Object.is equality' '' 'Expected: 4' 'Received: 3' '' \
		"2 | test('adds 1 + 2 to equal 3', () => {" '> 3 |   expect(sum(1, 2)).toBe(4);' \
		'|                     ^' '4 | });' '' 'at Object.<anonymous> (src/sum.test.js:3:21)' '' \
		'1) Error:' 'TestMath#test_div:' 'ZeroDivisionError: divided by 0' \
		"test/test_math.rb:10:in \`/'" "test/test_math.rb:10:in \`test_div'" '' \
		'/p/test.cpp:12: FAILED:' 'REQUIRE( Factorial(0) == 1 )' 'with expansion:' '0 == 1' '' \
		'✗ addition using bc' '(in test file test/test.bats, line 4)' "\`[ \"\$result\" -eq 5 ]' failed" >"$T/in.log"
	detect
	run rows
	echo "$output"
	for ((i = 0; i < ${#lines[@]}; i++)); do
		lines[i]=${lines[i]%%|error|*}
	done
	[ "${lines[0]}" = "rspec|spec/calc_spec.rb|5" ]
	[ "${lines[1]}" = "python|/p/test_math.py|9" ]
	[ "${lines[2]}" = "go|/p/math_test.go|15" ]
	[ "${lines[3]}" = "gradle|CalcTest.java|10" ]
	[ "${lines[4]}" = "jest|src/sum.test.js|3" ]
	[ "${lines[5]}" = "minitest|test/test_math.rb|10" ]
	[ "${lines[6]}" = "catch2|/p/test.cpp|12" ]
	[ "${lines[7]}" = "bats|test/test.bats|4" ]
	[ "${#lines[@]}" -eq 8 ]
}

@test "go: a panic's frame without its offset and testify's report, pasted without their tabs" {
	printf '%s\n' 'panic: runtime error: invalid memory address or nil pointer dereference' \
		'[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x480fdb]' '' \
		'goroutine 1 [running]:' 'main.last(...)' '/src/app/main.go:11' 'main.main()' \
		'/src/app/main.go:19 +0x1b' 'exit status 2' '' \
		'=== RUN   TestAdd' 'calc_test.go:12: ' 'Error Trace:	/home/u/calc/calc_test.go:12' \
		'Error:      	Not equal: ' 'expected: 3' 'actual  : 4' 'Test:       	TestAdd' \
		'--- FAIL: TestAdd (0.00s)' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]%%|error|*}" = "go|/src/app/main.go|11" ]
	[ "${lines[1]}" = "go|/home/u/calc/calc_test.go|12|error|Not equal:" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "valgrind's report without its column, pasted without its frames' blanks" {
	printf '%s\n' 'Invalid write of size 4' 'at 0x109169: f (vg.c:4)' 'by 0x1091AD: main (vg.c:9)' \
		"Address 0x4a42068 is 0 bytes after a block of size 40 alloc'd" \
		'at 0x48417B4: malloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)' \
		'by 0x10918F: main (vg.c:6)' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "valgrind|vg.c|4|error|Invalid write of size 4" ]
	[ "${#lines[@]}" -eq 1 ]
}
