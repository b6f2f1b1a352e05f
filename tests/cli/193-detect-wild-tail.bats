#!/usr/bin/env bats
# heal-detect on layouts the held halves of the twenty-first to
# twenty-third gatherings showed missing (#16), each written by us in the
# layout the tool prints: bash's own errors without a line (an interactive
# shell, bash -c, a builtin), Ansible's ad-hoc results and a YAML result
# whose head ends at '=>', Terraform 0.11's nested multierror lists, a
# linter's lines inside a pytest plugin's failure section.

load 'helpers/detect-log'

@test "bash without a line: a builtin's, the test command's, an expansion's and the system's errors" {
	printf '%s\n' '$ [ foo = foo]' "bash: [: missing \`]'" '$ [ \$n -gt 3 ]' \
		'bash: [: abc: integer expression expected' 'bash: FOO: unbound variable' \
		'bash: ${x/: bad substitution' 'bash: cd: /nope: No such file or directory' \
		"bash: export: \`1x=2': not a valid identifier" 'bash: !x: event not found' \
		'bash: ((: 1 +: syntax error: operand expected (error token is "+")' \
		"bash: warning: here-document at line 3 delimited by end-of-file (wanted \`EOF')" \
		'bash: fork: retry: Resource temporarily unavailable' '[foo: command not found' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 11 ]
	rec_check "$T/rec.json" 0 tool=bash "message=[: missing \`]'" line=null
	rec_check "$T/rec.json" 1 code=test-expression category=value
	rec_check "$T/rec.json" 2 code=unbound-variable category=name 'message=FOO: unbound variable'
	rec_check "$T/rec.json" 3 code=bad-substitution
	rec_check "$T/rec.json" 4 code=no-such-file 'message=cd: /nope: No such file or directory'
	rec_check "$T/rec.json" 8 severity=warning
	rec_check "$T/rec.json" 10 tool=bash code=command-not-found 'message=[foo: command not found'
	# what a shell's prompt or a program prints with 'sh: ' in it is none
	printf '%s\n' 'bash: no job control in this shell' 'ssh: connect to host x port 22: Connection refused' \
		'fish: Unknown command: foo' 'bash: /home/u/.bashrc: line 3: progress' 'sh: usage: x' >"$T/in.log"
	detect
	! grep -q '"tool":"bash"' "$T/rec.json"
}

@test "ansible: an ad-hoc command's failed and unreachable hosts, a YAML result whose head ends at '=>'" {
	printf '%s\n' '# ansible -i hosts all -m ping' '10.0.0.1 | UNREACHABLE! => {' \
		'    "changed": false,' \
		'    "msg": "Failed to connect to the host via ssh: Permission denied (publickey).",' \
		'    "unreachable": true' '}' 'web-1.example.com | FAILED! => {' \
		'    "changed": false,' '    "msg": "Failed to find required executable pip"' '}' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=ansible category=permission \
		'message=Failed to connect to the host via ssh: Permission denied (publickey).'
	rec_check "$T/rec.json" 1 tool=ansible 'message=Failed to find required executable pip'
	printf '%s\n' 'fatal: [192.168.1.2]: FAILED! =>' '  msg: |-' \
		"    The conditional check 'x != 1' failed. The error was: error while evaluating conditional (x != 1): 'x' is undefined" \
		'' "    The error appears to be in '/home/u/play/tasks/setup.yml': line 2, column 3, but may" \
		'    be elsewhere in the file depending on the exact syntax problem.' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ansible file=/home/u/play/tasks/setup.yml line=2 category=name
}

@test "terraform 0.11: a nested multierror list's bullets, and bullets with an indented status line" {
	printf '%s\n' 'Error: Error applying plan:' '' '2 error(s) occurred:' '' \
		'* aws_instance.web[0]: 1 error(s) occurred:' '' \
		'* aws_instance.web.0: Error launching source instance: Unsupported: not supported.' '' \
		'        status code: 400, request id: ebc26be4' '' \
		'* aws_instance.web[1]: 1 error(s) occurred:' '' \
		'* aws_instance.web.1: Error launching source instance: Unsupported: not supported.' '' \
		'        status code: 400, request id: 805c6b76' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=terraform 'message=aws_instance.web.0: Error launching source instance: Unsupported: not supported.'
	rec_check "$T/rec.json" 1 'message=aws_instance.web.1: Error launching source instance: Unsupported: not supported.'
	printf '%s\n' 'Error applying plan:' '' '2 error(s) occurred:' '' \
		'* aws_launch_configuration.a: Error creating launch configuration: LimitExceeded: limit exceeded' \
		'    status code: 400, request id: [9365c7b4]' \
		'* aws_launch_configuration.b: Error creating launch configuration: LimitExceeded: limit exceeded' \
		'    status code: 400, request id: [933dcd11]' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 1 'message=aws_launch_configuration.b: Error creating launch configuration: LimitExceeded: limit exceeded'
}

@test "pytest: a linter plugin's lines inside its failure section are the linter's records" {
	printf '%s\n' '________________________________ FLAKE8-check ________________________________' \
		'$(BUILD_DIR)/tests/test_zipp.py:354:80: E501 line too long (80 > 79 characters)' \
		'src/zipp/__init__.py:35:1: F401 '"'"'os'"'"' imported but unused' '' \
		'________________________________ FLAKE8-check ________________________________' \
		'src/zipp/compat.py:7:80: E501 line too long (81 > 79 characters)' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=flake8 'file=$(BUILD_DIR)/tests/test_zipp.py' line=354 code=E501
	rec_check "$T/rec.json" 1 file=src/zipp/__init__.py code=F401
	rec_check "$T/rec.json" 2 file=src/zipp/compat.py line=7
}

@test "pytest: an exception's 'E' line pasted alone is a record when the log holds nothing else" {
	printf '%s\n' "E   ModuleNotFoundError: No module named 'requests'" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pytest code=ModuleNotFoundError category=dependency "message=No module named 'requests'"
	# beside another tool's error it is not one
	printf '%s\n' "E   ModuleNotFoundError: No module named 'requests'" \
		"src/a.c:3:1: error: unknown type name 'foo'" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=gcc
	# an 'E' line that is no exception's is not one
	printf '%s\n' 'E   assert 3 == 4' 'E    +  where 3 = add(1, 2)' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 0 ]
}

@test "a Markdown paste's strong text around a CI step's last error, given back by a start that failed, is a last resort's record" {
	printf '%s\n' '**Error: Dependencies lock file is not found** in /home/runner/work/app/app. Supported file patterns: package-lock.json,npm-shrinkwrap.json,yarn.lock' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=log \
		'message=Dependencies lock file is not found in /home/runner/work/app/app. Supported file patterns: package-lock.json,npm-shrinkwrap.json,yarn.lock'
}

@test "a Markdown paste's marks: strong text around a compiler's message, make's stars escaped" {
	printf '%s\n' "../../lib/pex-win32.c:121:23: **error: '_O_RDONLY' undeclared** (first use in this function); did you mean 'O_RDONLY'?" \
		'make[2]: **\* [Makefile:857: all] Error 2' 'make: **\* No rule to make target `foo'"'"', needed by `all'"'"'.  Stop.' \
		'int main(int argc, char **argv) { return **argv; }' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=gcc file=../../lib/pex-win32.c line=121 column=23 \
		"message='_O_RDONLY' undeclared (first use in this function); did you mean 'O_RDONLY'?" \
		"raw=../../lib/pex-win32.c:121:23: **error: '_O_RDONLY' undeclared** (first use in this function); did you mean 'O_RDONLY'?"
	rec_check "$T/rec.json" 1 tool=make file=Makefile line=857 'message=[Makefile:857: all] Error 2'
	rec_check "$T/rec.json" 2 tool=make "message=No rule to make target \`foo', needed by \`all'"
	# a C line's stars are no marks: nothing else starts a record
	printf '%s\n' 'static char **names = **argv;' 'x = a ** b;' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 0 ]
}

@test "a paste's elision ('...', '[...]') inside a tool's block is passed over; pylint 1.x's rows after it" {
	printf '%s\n' '$ pylint my_source.py' '************* Module my_source' '...' \
		"E: 24,15: Module 'pygrib' has no 'open' member (no-member)" '[...]' \
		"E: 26,16: Module 'pygrib' has no 'index' member (no-member)" '...' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=pylint line=24 code=no-member category=name
	rec_check "$T/rec.json" 1 tool=pylint line=26 "message=Module 'pygrib' has no 'index' member"
}

@test "python: an IDLE traceback pasted without indentation, its source line an expression" {
	printf '%s\n' ">>> 'Alice' + 42" 'Traceback (most recent call last):' 'File "<pyshell#0>", line 1, in <module>' \
		"'Alice' + 42" 'TypeError: can only concatenate str (not "int") to str' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=python 'file=<pyshell#0>' line=1 code=TypeError category=type
}

@test "webpack's TypeScript checkers: awesome-typescript-loader and fork-ts-checker, old and new" {
	printf '%s\n' 'ERROR in [at-loader] ./src/stores/HookStore.ts:29:24 ' \
		"    TS2339: Property 'response' does not exist on type 'Error'." '' \
		'ERROR in /app/src/a.ts(12,5):' "TS2322: Type 'string' is not assignable to type 'number'." '' \
		'WARNING in ./src/b.tsx:3:1' "TS6133: 'x' is declared but its value is never read." '    1 | import x from "x";' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=tsc file=src/stores/HookStore.ts line=29 column=24 code=TS2339
	rec_check "$T/rec.json" 1 file=/app/src/a.ts line=12 column=5 code=TS2322 severity=error
	rec_check "$T/rec.json" 2 file=src/b.tsx line=3 code=TS6133 severity=warning
}

@test "bitbake: a task's failure (its bare run-script failure only when no message came), a parse error, a missing provider; its summaries none" {
	printf '%s\n' 'NOTE: Executing Tasks' 'ERROR: busybox-1.36.1-r0 do_compile: oe_runmake failed' \
		"ERROR: busybox-1.36.1-r0 do_compile: Execution of '/b/tmp/work/x/temp/run.do_compile.12' failed with exit code 1" \
		'ERROR: Logfile of failure stored in: /b/tmp/work/x/temp/log.do_compile.12' \
		"ERROR: Task (/meta/recipes-core/busybox/busybox_1.36.1.bb:do_compile) failed with exit code '1'" \
		"ERROR: ParseError at /meta/recipes-x/foo/foo.bb:12: unparsed line: 'FOO = '" \
		"ERROR: Nothing PROVIDES 'libfoo'" 'Summary: There were 4 ERROR messages, returning a non-zero exit code.' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=bitbake 'message=busybox-1.36.1-r0 do_compile: oe_runmake failed'
	rec_check "$T/rec.json" 1 category=syntax file=/meta/recipes-x/foo/foo.bb line=12
	rec_check "$T/rec.json" 2 category=dependency "message=Nothing PROVIDES 'libfoo'"
	printf '%s\n' "ERROR: zlib-native-1.3-r0 do_fetch: Execution of '/b/tmp/work/z/temp/run.do_fetch.9' failed with exit code 1" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=bitbake "message=zlib-native-1.3-r0 do_fetch: Execution of '/b/tmp/work/z/temp/run.do_fetch.9' failed with exit code 1"
}

@test "openwrt: the package that failed to build, under its own make output" {
	printf '%s\n' "make[3]: Leaving directory '/home/u/openwrt/feeds/small8/hysteria'" \
		'time: package/feeds/small8/hysteria/compile#0.60#0.99#1.24' \
		'    ERROR: package/feeds/small8/hysteria failed to build.' \
		'make[2]: *** [package/Makefile:116: package/feeds/small8/hysteria/compile] Error 1' >"$T/in.log"
	detect
	rec_check "$T/rec.json" 0 tool=openwrt 'message=package/feeds/small8/hysteria failed to build.' file=null
}

@test "AddressSanitizer's first releases (no colon after its name), Jenkins' pipeline script error without its period" {
	printf '%s\n' '=================================================================' \
		'==9442== ERROR: AddressSanitizer heap-use-after-free on address 0x7f7ddab8c084 at pc 0x403c8c bp 0x7fff87fb82d0 sp 0x7fff87fb82c8' \
		'READ of size 4 at 0x7f7ddab8c084 thread T0' '    #0 0x403c8c in main example_UseAfterFree.cc:4' \
		'    #1 0x7f7ddabcac4d in __libc_start_main ??:0' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=sanitizer code=heap-use-after-free file=example_UseAfterFree.cc line=4
	printf '%s\n' 'org.codehaus.groovy.control.MultipleCompilationErrorsException: startup failed:' \
		'WorkflowScript: 27: Unknown stage section "parralel". Starting with version 0.5, steps in a stage must be in a ‘steps’ block. @ line 27, column 5' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=groovy file=WorkflowScript line=27 column=5
}

@test "sphinx: warnings at their place (a docstring's too, Sphinx 7.3's type), docutils' system messages, its own without a place" {
	printf '%s\n' 'Running Sphinx v7.2.6' \
		"WARNING: autodoc: failed to import module 'pyotp'; the following exception was raised:" "No module named 'pyotp'" \
		"WARNING: html_static_path entry '_static' does not exist" "docs/index.rst:12: WARNING: undefined label: 'intro'" \
		'/src/pkg/mod.py:docstring of pkg.mod.func:3: WARNING: Unexpected indentation.' \
		'docs/api.rst:7: (WARNING/2) Title underline too short.' \
		"docs/guide.md:40: WARNING: 'myst' cross-reference target not found: 'setup' [myst.xref_missing]" \
		'build finished with problems, 5 warnings.' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 6 ]
	rec_check "$T/rec.json" 0 tool=sphinx category=dependency file=null \
		"message=autodoc: failed to import module 'pyotp'; the following exception was raised:"
	rec_check "$T/rec.json" 2 file=docs/index.rst line=12 category=name severity=warning
	rec_check "$T/rec.json" 3 file=/src/pkg/mod.py line=3 category=syntax
	rec_check "$T/rec.json" 4 file=docs/api.rst line=7 'message=Title underline too short.'
	rec_check "$T/rec.json" 5 file=docs/guide.md code=myst.xref_missing
}

@test "MinGW's ld.exe (a path with slashes or backslashes), a section that will not fit beside its overflow" {
	printf '%s\n' 'c:/mingw/bin/../lib/gcc/x86_64-w64-mingw32/8.1.0/../../../../x86_64-w64-mingw32/bin/ld.exe: cannot find -lfoo' \
		'C:\mingw\bin\ld.exe: main.o:main.c:(.text+0x1e): undefined reference to `spectrum'"'"'' \
		'c:/pio/bin/ld.exe: .pio\build\env\firmware.elf section `.rodata'"'"' will not fit in region `FLASH'"'"'' \
		'c:/pio/bin/ld.exe: region `FLASH'"'"' overflowed by 4432 bytes' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 4 ]
	rec_check "$T/rec.json" 0 tool=ld category=dependency 'message=cannot find -lfoo'
	rec_check "$T/rec.json" 1 tool=ld file=main.c "message=undefined reference to \`spectrum'"
	rec_check "$T/rec.json" 2 tool=ld "message=.pio\\build\\env\\firmware.elf section \`.rodata' will not fit in region \`FLASH'"
}

@test "cmake's parser layout before 3.x's boxed one, ctest's failed tests pasted without their indentation" {
	printf '%s\n' 'CMake Error: Error in cmake code at' '/src/app/CMakeLists.txt:6:' \
		'Parse error.  Expected "(", got newline with text "' '".' '-- Configuring incomplete, errors occurred!' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=cmake category=syntax file=/src/app/CMakeLists.txt line=6 \
		'message=Parse error.  Expected "(", got newline with text "'
	printf '%s\n' '90% tests passed, 2 tests failed out of 20' '' 'The following tests FAILED:' \
		'8 - SocketServerTest.exitsOnFirstConnectionClosed (Failed)' '9 - SocketServerTest.receives (Failed)' \
		'Errors while running CTest' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 1 tool=ctest 'message=9 - SocketServerTest.receives (Failed)'
}

@test "keil's 8051 linker (the symbol its detail), TI's linker without a place" {
	printf '%s\n' '*** ERROR L104: MULTIPLE PUBLIC DEFINITIONS' 'SYMBOL: TIMER0_HANDLER' 'MODULE: main9.obj (MAIN9)' \
		'*** WARNING L16: UNCALLED SEGMENT, IGNORED FOR OVERLAY PROCESS' 'SEGMENT: ?PR?MAIN?MAIN9' \
		'*** ERROR L118: REFERENCE MADE TO ERRONEOUS EXTERNAL' 'SYMBOL: MAIN' 'MODULE: main9.obj (MAIN9)' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=keil code=L104 category=link 'detail=SYMBOL: TIMER0_HANDLER'
	rec_check "$T/rec.json" 1 severity=warning code=L16
	rec_check "$T/rec.json" 2 code=L118 'message=REFERENCE MADE TO ERRONEOUS EXTERNAL'
	printf '%s\n' '<Linking>' '' ' undefined first referenced' '  symbol       in file' ' --------- ----------------' \
		' myfunc    example.obj' '' 'error #10234-D: unresolved symbols remain' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ti code=10234-D category=link 'message=unresolved symbols remain'
}
