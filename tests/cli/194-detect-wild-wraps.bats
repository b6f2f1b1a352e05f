#!/usr/bin/env bats
# heal-detect on layouts the dev half of the twenty-fifth gathering and the
# held half of the twenty-fourth showed missing (#16), each written by us in
# the layout the tool prints: a message a console's width cut over lines,
# ctest -V's test numbers, a quote without its blank, a journal's month in
# CJK, Python's interpreter errors and its TypeErrors without their
# traceback, Visual Studio's Error List rows of another compiler, checkov
# 1.0, Keil's L51 and ARM's armlink, GNU as's messages, TI's old linker, the
# Pawn compiler, ld's truncated relocations and unreadable archives.

load 'helpers/detect-log'

@test "a message MSBuild's console width cut over three lines is one message; the lines after it are not" {
	# a console 80 columns wide (fold): each record's first two lines are cut
	{
		printf '%s\n' "C:\\work\\app\\src\\very\\long\\directory\\name\\config.h(13): fatal error C1083: Cannot open include file: 'cstdint': No such file or directory (compiling source file ..\\src\\main.cc) [C:\\work\\app\\build\\app.vcxproj]" | fold -w 80
		printf '%s\n' '  util.cc'
		printf '%s\n' "C:\\work\\app\\src\\very\\long\\directory\\name\\memory.h(21): fatal error C1083: Cannot open include file: 'memory': No such file or directory [C:\\work\\app\\build\\app.vcxproj]" | fold -w 80
		printf '%s\n' 'Build FAILED.'
	} >"$T/in.log"
	[ "$(awk 'length($0) == 80' "$T/in.log" | wc -l)" -eq 4 ]
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=cl line=13 code=C1083 \
		"message=Cannot open include file: 'cstdint': No such file or directory (compiling source file ..\\src\\main.cc) [C:\\work\\app\\build\\app.vcxproj]"
	rec_check "$T/rec.json" 1 line=21 \
		"message=Cannot open include file: 'memory': No such file or directory [C:\\work\\app\\build\\app.vcxproj]"
	# raw: the lines as printed
	run $PY -S -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["raw"].count("\n"))' "$T/rec.json"
	[ "$output" = 2 ]
}

@test "a long message followed by a shorter line of its own is not joined without a width seen cut" {
	# a gcc line of 90 columns, then a line that is no piece of it
	printf '%s\n' "src/parser/expression_evaluator.c:120:17: error: 'token_count' undeclared (first use here)" \
		'compilation of expression_evaluator.c failed' >"$T/in.log"
	detect
	rec_check "$T/rec.json" 0 "message='token_count' undeclared (first use here)"
	# two lines of one width under a record, then a line no pattern takes:
	# not joined when the record's line is not that wide
	printf '%s\n' 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' \
		'src/a.c:3:1: error: expected declaration specifiers or an ellipsis before ‘x’ token' \
		'next line of the build' >"$T/in.log"
	detect
	rec_check "$T/rec.json" 0 "message=expected declaration specifiers or an ellipsis before ‘x’ token"
}

@test "ctest -V: the test number before each line of a test's output" {
	printf '%s\n' '3: Test command: /build/tests/rng_test' '3: Test timeout computed to be: 1500' \
		"3: /usr/include/c++/12/bits/random.tcc:336:8: runtime error: unsigned integer overflow: 1812533378 * 6364136223846793005 cannot be represented in type 'unsigned long'" \
		'3: SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior /usr/include/c++/12/bits/random.tcc:336:8 in' \
		'12: /src/app/main.c:9:12: runtime error: signed integer overflow: 2147483647 + 1 cannot be represented in type '"'int'" \
		'1/1 Test #3: rng_test .........................***Failed    0.02 sec' >"$T/in.log"
	detect
	[ "$(grep -c '"tool":"sanitizer"' "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=sanitizer file=/usr/include/c++/12/bits/random.tcc line=336 \
		'message~=unsigned integer overflow'
	rec_check "$T/rec.json" 1 file=/src/app/main.c line=9
}

@test "a Markdown quote without its blank ('>sh: ...') is read as its line; lld's '>>>' lines are lld's" {
	printf '%s\n' '>$ pio run' '>sh: /root/.platformio/packages/toolchain-atmelavr/bin/avr-g++: No such file or directory' \
		'>scons: *** [.pio/build/uno/src/main.o] Error 127' >"$T/in.log"
	detect
	rec_check "$T/rec.json" 0 tool=sh 'message~=avr-g++: No such file or directory'
	printf '%s\n' 'ld.lld: error: undefined symbol: foo()' '>>> referenced by main.cpp:48' \
		'>>>               main.o:(main)' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ld 'message~=undefined symbol: foo()'
}

@test "a journal whose months are CJK ('10月 06', '1월  6'): the syslog prefix goes" {
	printf '%s\n' '10月 06 17:31:11 web1 nginx[1099]: nginx: [emerg] unknown directive "listn" in /etc/nginx/conf.d/a.conf:3' \
		'1월  6 09:02:44 web1 nginx[822]: nginx: [emerg] invalid number of arguments in "root" directive in /etc/nginx/nginx.conf:58' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=nginx file=/etc/nginx/conf.d/a.conf line=3 'message~=unknown directive "listn"'
	rec_check "$T/rec.json" 1 file=/etc/nginx/nginx.conf line=58
}

@test "python's interpreter errors before any code runs: -m without the module, a script that is not there" {
	printf '%s\n' '/usr/bin/python3: No module named app.run' \
		"python3: can't open file '/srv/app/manage.py': [Errno 2] No such file or directory" \
		"C:\\Python311\\python.exe: Error while finding module specification for 'pkg.cli' (ModuleNotFoundError: No module named 'pkg')" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=python category=dependency 'message=No module named app.run'
	rec_check "$T/rec.json" 1 category=resource file=/srv/app/manage.py
	rec_check "$T/rec.json" 2 category=dependency 'message~=Error while finding module specification'
}

@test "a Python TypeError without its traceback, by CPython's own templates; JavaScript's TypeErrors are not Python's" {
	printf '%s\n' '    total -= 1' "TypeError: unsupported operand type(s) for -=: 'Retry' and 'int'" \
		"TypeError: can only concatenate str (not \"int\") to str" \
		"TypeError: 'NoneType' object is not subscriptable" \
		'TypeError: fetch() takes 1 positional argument but 2 were given' \
		"TypeError: __init__() got an unexpected keyword argument 'timeout'" \
		"TypeError: unhashable type: 'list'" 'TypeError: string indices must be integers' \
		'TypeError: Object of type datetime is not JSON serializable' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 8 ]
	rec_check "$T/rec.json" 0 tool=python code=TypeError category=type \
		"message=unsupported operand type(s) for -=: 'Retry' and 'int'"
	rec_check "$T/rec.json" 7 'message=Object of type datetime is not JSON serializable'
	printf '%s\n' "TypeError: Cannot read properties of undefined (reading 'map')" \
		'TypeError: this.props.onChange is not a function' 'TypeError: x is not iterable' >"$T/in.log"
	detect
	! grep -q '"tool":"python"' "$T/rec.json"
}

@test "Visual Studio's Error List: a row of another compiler (ifort) with an empty code column" {
	printf 'Severity\tCode\tDescription\tProject\tFile\tLine\tSuppression State\n' >"$T/in.log"
	printf 'Error\t\terror #6404: This name does not have a type, and must have an explicit type.   [IERR]\t\tC:\\src\\prog\\main.f90\t121\t\n' >>"$T/in.log"
	printf 'Error\tC2065\t'"'"'x'"'"': undeclared identifier\tapp\tC:\\src\\app\\main.cpp\t9\t\n' >>"$T/in.log"
	# a message's own blanks are no column's end where tabs part them
	printf 'Error\t\terror #7002: Error in opening the compiled module file.  Check INCLUDE paths.   [SUBS]\t\tC:\\src\\prog\\main.f90\t39\t\n' >>"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 'file=C:\src\prog\main.f90' line=121 code=null \
		'message=error #6404: This name does not have a type, and must have an explicit type.   [IERR]'
	rec_check "$T/rec.json" 1 code=C2065 line=9 category=name
	rec_check "$T/rec.json" 2 line=39 'message=error #7002: Error in opening the compiled module file.  Check INCLUDE paths.   [SUBS]'
}

@test "ifort: the name in brackets stays in the message; the dashes before the caret count to its column" {
	printf 'calc.f90(3): error #6404: This name does not have a type, and must have an explicit type.   [X]\n      y = x + 1\n----------^\n' >"$T/in.log"
	detect
	rec_check "$T/rec.json" 0 tool=ifort file=calc.f90 line=3 column=11 code=6404 detail=X \
		'message=This name does not have a type, and must have an explicit type.   [X]'
}

@test "checkov 1.0's checks without an id; Keil L51's numbered warnings without the L" {
	printf '%s\n' 'Passed checks: 1, Failed checks: 1, Skipped checks: 0' '' \
		'Check: "Ensure the S3 bucket has access logging enabled"' '	PASSED for resource: aws_s3_bucket.b' \
		'	File: /main.tf:1-9' '' 'Check: "S3 Bucket has an ACL defined which allows public access."' \
		'	FAILED for resource: aws_s3_bucket.b' '	File: /main.tf:1-9' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=checkov file=main.tf line=1 end_line=9 code=null \
		'message=S3 Bucket has an ACL defined which allows public access.'
	printf '%s\n' '*** WARNING 1: UNRESOLVED EXTERNAL SYMBOL' '    SYMBOL:  _PUTCHAR' '    MODULE:  MAIN.OBJ (MAIN)' '' \
		'*** ERROR L104: MULTIPLE PUBLIC DEFINITIONS' '    SYMBOL:  COUNT' '    MODULE:  B.OBJ (B)' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=keil severity=warning code=1 'message=UNRESOLVED EXTERNAL SYMBOL' 'detail~=_PUTCHAR'
	rec_check "$T/rec.json" 1 severity=error code=L104
}

@test "the API server's RBAC refusal relayed by another client's words is a record; kubectl's own stays kubectl's" {
	printf '%s\n' 'Wait to: 1 reconcile, 0 delete, 0 noop' \
		'Pod watching error: pods is forbidden: User "dev@example.com" cannot list resource "pods" in API group "" at the cluster scope' \
		'Error from server (Forbidden): secrets "db" is forbidden: User "ci" cannot get resource "secrets" in API group "" in the namespace "prod"' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=kubernetes category=permission \
		'message=pods is forbidden: User "dev@example.com" cannot list resource "pods" in API group "" at the cluster scope'
	rec_check "$T/rec.json" 1 tool=kubectl category=permission
}

@test "GNU as's messages under 'Assembler messages:', with and without a place" {
	printf '%s\n' '{standard input}: Assembler messages:' \
		"{standard input}:12: Error: junk at end of line, first unrecognized character is \`,'" \
		"{standard input}:14: Error: no such instruction: \`frob %eax'" 'make: *** [x.o] Error 1' \
		'Assembler messages:' "Fatal error: can't create obj/deck.o: No such file or directory" \
		"makefile:12: recipe for target 'obj/deck.o' failed" >"$T/in.log"
	detect
	[ "$(grep -c '"tool":"as"' "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=as file=null line=12 category=syntax 'message~=junk at end of line'
	rec_check "$T/rec.json" 3 tool=as file=null line=null category=resource \
		"message=can't create obj/deck.o: No such file or directory"
}

@test "armlink's errors with and without the image, TI's old linker, the Pawn compiler" {
	printf '%s\n' 'linking...' 'APP\APP.axf: Error: L6200E: Symbol rx_len multiply defined (by gpio.o and main.o).' \
		'.\Objects\Project.axf: Error: L6218E: Undefined symbol init_uart (referred from main.o).' \
		'Error: L6406E: No space in execution regions with .ANY selector matching main.o(.bss).' \
		'Finished: 0 information, 0 warning and 3 error messages.' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=armlink 'file=APP\APP.axf' code=L6200E category=link \
		'message=Symbol rx_len multiply defined (by gpio.o and main.o)'
	rec_check "$T/rec.json" 2 file=null code=L6406E
	printf '%s\n' '<Linking>' '>>   error: symbol _BIOS_init is defined multiple times:' \
		'            C:\proj\cfg\app_x64Pcfg.o64P and C:\proj\Debug\appcfg.obj' \
		'>>   warning: entry point other than _c_int00 specified' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=ti severity=error 'message=symbol _BIOS_init is defined multiple times' 'detail~=appcfg.obj'
	rec_check "$T/rec.json" 1 severity=warning
	printf '%s\n' 'C:\srv\gamemodes\gm.pwn(19194) : error 021: symbol already defined: "strtok"' \
		'C:\srv\gamemodes\gm.pwn(20651 -- 20652) : warning 202: number of arguments does not match definition' \
		'gm.pwn(3) : fatal error 100: cannot read from file: "a_samp"' '' '2 Errors.' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=pawncc line=19194 code=021 category=name 'message=symbol already defined: "strtok"'
	rec_check "$T/rec.json" 1 severity=warning line=20651 end_line=20652
	rec_check "$T/rec.json" 2 code=100 category=dependency
}

@test "ld: a relocation truncated to fit, an archive or object it cannot read" {
	printf '%s\n' "./src/host.o: In function \`main':" \
		"host.c:(.text+0x280): relocation truncated to fit: R_X86_64_PC32 against symbol \`Mailbox' defined in COMMON section in ./src/host.o" \
		'C:\work\lib\libvpx.a: error adding symbols: File format not recognized' \
		'/usr/bin/ld: obj/a.o: file not recognized: file format not recognized' \
		'collect2: error: ld returned 1 exit status' >"$T/in.log"
	detect
	[ "$(grep -c '"tool":"ld"' "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=ld file=host.c category=link 'message~=relocation truncated to fit: R_X86_64_PC32'
	rec_check "$T/rec.json" 1 'file=C:\work\lib\libvpx.a' 'message=error adding symbols: File format not recognized'
	rec_check "$T/rec.json" 2 file=obj/a.o
}

@test "maturin's failure over anyhow's 'Caused by:' chain: the causes the message, the manifest and TOML's place" {
	printf '%s\n' '💥 maturin failed' '  Caused by: pyproject.toml at /src/pkg/pyproject.toml is invalid' \
		'  Caused by: TOML parse error at line 11, column 17' '   |' '11 | license-files = ["LICENSE"]' \
		'   |                 ^^^^^^^^^^^' 'make: *** [build] Error 1' >"$T/in.log"
	detect
	rec_check "$T/rec.json" 0 tool=maturin file=/src/pkg/pyproject.toml line=11 column=17 category=syntax \
		'message=pyproject.toml at /src/pkg/pyproject.toml is invalid TOML parse error at line 11, column 17'
	printf '%s\n' 'ðŸ’¥ maturin failed' '  Caused by: pyproject.toml is invalid' \
		"  Caused by: Couldn't find pyproject.toml at /project/pyproject.toml" \
		'  Caused by: No such file or directory (os error 2)' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=maturin file=pyproject.toml category=resource \
		"message~=Couldn't find pyproject.toml at /project/pyproject.toml No such file"
}

@test "pylint 1.x: a module's dotted name is its file (pkg/mod.py, a package's __init__.py, the file the command names)" {
	mkdir -p "$T/pkg/sub"
	: >"$T/pkg/__init__.py"
	: >"$T/pkg/sub/__init__.py"
	: >"$T/pkg/sub/mod.py"
	{
		printf '************* Module pkg.sub.mod\nC:  1, 0: Missing module docstring (missing-docstring)\n'
		printf '************* Module pkg\nW: 3, 4: Unused import os (unused-import)\n'
		printf '************* Module basics\nC:  9, 0: Invalid argument name "x" (invalid-name)\n'
		printf '************* Module other.thing\nE: 2, 0: Undefined variable '"'"'y'"'"' (undefined-variable)\n'
	} >"$T/in.log"
	(cd "$T" && heal-detect --command '["pylint","examples/basics.py","pkg"]' <in.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 4 ]
	rec_check "$T/rec.json" 0 tool=pylint file=pkg/sub/mod.py line=1 code=missing-docstring
	rec_check "$T/rec.json" 1 file=pkg/__init__.py line=3 code=unused-import
	rec_check "$T/rec.json" 2 file=examples/basics.py line=9 code=invalid-name
	rec_check "$T/rec.json" 3 file=other/thing.py line=2 severity=error
}

@test "a line MSBuild's console cut between two words: the piece that begins with the blank joins the one with the place" {
	{
		printf 'c:\\program files (x86)\\microsoft visual studio\\2017\\professional\\vc\\tools\\msvc\\14.10.25017\\include\\crtdefs.h(10): fatal\n'
		printf " error C1083: Cannot open include file: 'corecrt.h': No such file or directory (compiling source file ..\\\\src\\\\a.cc) [C:\\\\b\\\\x.vcxproj]\n"
		# no place above: the line is read alone
		printf 'The build stopped with the following messages, which are printed here whole\n'
		printf " error C1083: Cannot open include file: 'b.h': No such file or directory\n"
	} >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=cl line=10 code=C1083 severity=error \
		'file~=\include\crtdefs.h' "message~=Cannot open include file: 'corecrt.h'"
	rec_check "$T/rec.json" 1 code=C1083 file=null "message~=Cannot open include file: 'b.h'"
}

@test "a console's rows pasted without their line ends (each line padded to the width) are the lines they were; a wrapped one stays whole" {
	long="src/app/main.c:3:5: error: 'counter' undeclared (first use in this function); did you mean 'count'? and the message goes on past the width"
	[ "${#long}" -gt 120 ]
	{
		printf '%-120s' '$ make' 'gcc -Wall -c src/app/main.c -o main.o' 'src/app/main.c: In function '"'"'main'"'"':'
		# the long line fills its first row and goes on in the next
		printf '%-240s' "$long"
		printf '%-120s' 'make: *** [Makefile:4: main.o] Error 1'
		printf '\n'
	} >"$T/in.log"
	[ "$(wc -l <"$T/in.log")" -eq 1 ]
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=gcc file=src/app/main.c line=3 column=5 \
		"message='counter' undeclared (first use in this function); did you mean 'count'? and the message goes on past the width"
	rec_check "$T/rec.json" 1 tool=make
	# a long line of words whose blanks fall anywhere is one line
	printf '%s\n' "src/a.c:1:1: error: expected ';'$(printf ' %.0s' {1..70})x$(printf ' %.0s' {1..100})y$(printf ' %.0s' {1..100})z" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 file=src/a.c line=1
	run $PY -S -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["message"][-1])' "$T/rec.json"
	[ "$output" = z ]
}

@test "colours a Windows console showed as text (its arrow for ESC) are not part of the line" {
	printf 'src\\main.c:3:5: \xe2\x86\x90[01;31m\xe2\x86\x90[Kerror: \xe2\x86\x90[m\xe2\x86\x90[K%s\n' \
		"'x' undeclared (first use in this function)" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=gcc 'file=src\main.c' line=3 column=5 \
		"message='x' undeclared (first use in this function)" \
		"raw=src\\main.c:3:5: error: 'x' undeclared (first use in this function)"
}

@test "PowerShell 5's view of a native program's error: its name as typed, ' : ', then the program's own line" {
	printf '%s\n' "gcc : main.c:3:5: error: 'x' undeclared (first use in this function)" 'At line:1 char:1' \
		'+ gcc main.c' '+ ~~~~~~~~~~' \
		'    + CategoryInfo          : NotSpecified: (main.c:3:5: err...this function):String) [], RemoteException' \
		'    + FullyQualifiedErrorId : NativeCommandError' ' ' \
		"main.c:4:1: error: expected ';' before '}' token" \
		'helm : Error: INSTALLATION FAILED: unable to build kubernetes objects from release manifest' \
		'At line:1 char:1' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=gcc file=main.c line=3 column=5 "message='x' undeclared (first use in this function)"
	rec_check "$T/rec.json" 1 tool=gcc line=4
	rec_check "$T/rec.json" 2 tool=helm 'message=INSTALLATION FAILED: unable to build kubernetes objects from release manifest'
	# a line of words with ' : ' in it is no program's
	printf '%s\n' 'Note : the build uses 4 jobs' 'Summary : 3 passed' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 0 ]
}
