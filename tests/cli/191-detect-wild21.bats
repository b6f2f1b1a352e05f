#!/usr/bin/env bats
# heal-detect on layouts the twenty-first gathering of pasted logs showed
# missing (#16), each written by us in the layout the tool prints:
# Ansible's YAML callback result glued to its task's banner (a terminal's
# copy joins a line that fills its width to the next) with blank lines in
# its message block; a path a terminal's width wrapped before its place;
# the rest of a line MSBuild's console width wrapped; SwiftLint's emoji
# reporter; ruff's own fix-loop failures; cmd.exe's own errors; mocha;
# logfmt records (terragrunt); a cut Error List row; conan.

load 'helpers/detect-log'

@test "ansible yaml callback: a result glued to its banner, blank lines in its message, the place under them" {
	printf '%s\n' 'TASK [web : copy the site] ********************************fatal: [web1]: FAILED! => ' \
		'  msg: |-' \
		"    The task includes an option with an undefined variable. The error was: 'site_root' is undefined" \
		'  ' \
		"    The error appears to be in '/srv/play/roles/web/tasks/main.yml': line 12, column 3, but may" \
		'    be elsewhere in the file depending on the exact syntax problem.' \
		'  ' \
		'    The offending line appears to be:' \
		'' \
		'PLAY RECAP *********************************************************************' \
		'web1                       : ok=2    changed=0    unreachable=0    failed=1' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ansible file=/srv/play/roles/web/tasks/main.yml line=12 column=3 \
		category=name "message=The task includes an option with an undefined variable. The error was: 'site_root' is undefined"
	# a banner alone, then the result on its own line, as before
	printf '%s\n' 'TASK [web : copy the site] ****' 'fatal: [web1]: FAILED! => changed=false' \
		"  msg: 'Could not find or access ''files/site.conf'''" '' 'PLAY RECAP ****' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ansible category=dependency
}

@test "a place a terminal's width wrapped off its path: one line, as the tool printed it" {
	p=/home/user/projects/emulator-suite/source/src/qt/machines/pc8801/MainWindow.cpp
	printf '%s\n' "$p" ":229:27: error: 'menu_Emu' was not declared in this scope" \
		'    menuMachine->addAction(menu_Emu->menuAction());' \
		'                           ^~~~~~~~' \
		'C:\Users\builder\source\repos\VeryLongSolutionName\VeryLongProject\src\main.cpp' \
		"(12): error C2065: 'undeclared_thing': undeclared identifier" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=g++ "file=$p" line=229 column=27 \
		"message='menu_Emu' was not declared in this scope"
	rec_check "$T/rec.json" 1 'file=C:\Users\builder\source\repos\VeryLongSolutionName\VeryLongProject\src\main.cpp' \
		line=12 code=C2065
	jq -e '.raw | startswith("/home/user/projects/emulator-suite/source/src/qt/machines/pc8801/MainWindow.cpp:229:27: error")' \
		<(sed -n 1p "$T/rec.json")
	# a short line, a line ending in a blank, a word that is no path: not joined
	for before in 'src/a.c' "$p " 'the build of the whole emulator suite failed with these errors'; do
		printf '%s\n' "$before" ":229:27: error: 'x' was not declared in this scope" >"$T/in.log"
		detect
		! grep -q '"line":229' "$T/rec.json"
	done
}

@test "swiftlint's emoji reporter: violations under their file, and under Other without one" {
	printf '%s\n' 'Other' '⛔️ Colons should be next to the identifier when specifying a type (colon)' \
		'Sources/App/View.swift' '⛔️ Line 12: Line should be 120 characters or less: currently 131 characters (line_length)' \
		'⚠️ Line 30: Variable name should be between 3 and 40 characters long: '"'x'"' (identifier_name)' \
		'Sources/App/Model.swift' '⚠️ Line 4: Lines should not have trailing whitespace (trailing_whitespace)' \
		'Done linting! Found 4 violations, 1 serious in 2 files.' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 4 ]
	rec_check "$T/rec.json" 0 tool=swiftlint file=null severity=error code=colon
	rec_check "$T/rec.json" 1 file=Sources/App/View.swift line=12 severity=error code=line_length \
		'message=Line should be 120 characters or less: currently 131 characters'
	rec_check "$T/rec.json" 2 file=Sources/App/View.swift line=30 severity=warning code=identifier_name
	rec_check "$T/rec.json" 3 file=Sources/App/Model.swift line=4 code=trailing_whitespace
}

@test "ruff: its fix loop's own failure, the file and rule it names below" {
	printf '%s\n' 'error: Fix introduced a syntax error. Reverting all changes.' '' \
		'This indicates a bug in Ruff. If you could open an issue at:' '' \
		'    https://github.com/astral-sh/ruff/issues/new?title=%5BFix%20error%5D' '' \
		'...quoting the contents of `src/tc003_2.py`, the rule codes TC003, along with the `pyproject.toml` settings and executed command, we'"'"'d be very appreciative!' \
		'' 'src/tc003_2.py:2:34: SIM911 Use `x.items()` instead of `zip(x.keys(), x.values())`' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=ruff file=src/tc003_2.py code=TC003 category=runtime \
		'message=Fix introduced a syntax error. Reverting all changes.'
	rec_check "$T/rec.json" 1 file=src/tc003_2.py line=2 code=SIM911
	printf '%s\n' 'error: Autofix introduced a syntax error. Reverting all changes.' >"$T/in.log"
	detect
	rec_check "$T/rec.json" 0 tool=ruff file=null
}

@test "cmd.exe's own errors: a token it did not expect, a path it cannot find" {
	printf '%s\n' '> C:\src> mingw32-make CC=gcc' '> -Wpedantic was unexpected at this time.' \
		'\Microsoft was unexpected at this time.' 'The system cannot find the path specified.' \
		'The syntax of the command is incorrect.' 'it was unexpected at this time of day, they said' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 4 ]
	rec_check "$T/rec.json" 0 tool=cmd category=syntax 'message=-Wpedantic was unexpected at this time.'
	rec_check "$T/rec.json" 1 'message=\Microsoft was unexpected at this time.'
	rec_check "$T/rec.json" 2 category=dependency
	rec_check "$T/rec.json" 3 category=syntax
}

@test "mocha: a failed test's error over its diff, at its first frame outside node_modules" {
	printf '%s\n' '  34 passing (1s)' '  1 failing' '' '  1) GET /brackets should answer:' \
		'      Uncaught AssertionError: expected 404 to equal 200' '      + expected - actual' '' \
		'      -404' '      +200' '      ' '      at agent.get.end (test/bracketsTest.js:44:29)' \
		'      at Test.Request.callback (node_modules/superagent/lib/node/index.js:631:3)' '' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=mocha category=test file=test/bracketsTest.js line=44 column=29 \
		'message=AssertionError: expected 404 to equal 200'
}

@test "logfmt: a program's lines inside msg=\"...\" (terragrunt, logrus) are read as the program printed them" {
	printf '%s\n' 'time="2024-01-01T10:00:00Z" level=info msg="Executing hook: before_hook"' \
		'time="2024-01-01T10:00:02Z" level=debug binary=terraform msg="Error: Unsupported argument"' \
		'time="2024-01-01T10:00:02Z" level=debug binary=terraform' \
		'time="2024-01-01T10:00:02Z" level=debug binary=terraform msg="  on main.tf line 3, in resource \"aws_s3_bucket\" \"b\":"' \
		'time="2024-01-01T10:00:02Z" level=debug binary=terraform msg="   3:   acl2 = \"private\""' \
		'time="2024-01-01T10:00:02Z" level=debug binary=terraform' \
		'time="2024-01-01T10:00:02Z" level=debug binary=terraform msg="An argument named \"acl2\" is not expected here."' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=terraform file=main.tf line=3 'message=Unsupported argument' \
		'detail=An argument named "acl2" is not expected here.'
	# a shell's assignments are no logfmt record; a record at level error
	# is the program's own error (ci.json's logfmt-error), whole
	printf '%s\n' 'level=3 msg="x: error: y" gcc a.c' 'level=error msg="Module ignored"' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=log 'message=Module ignored' 'raw=level=error msg="Module ignored"'
}

@test "Visual Studio's Error List: a row cut after its message; a linker's code is a link error" {
	printf 'Ошибка\tLNK2001\tнеразрешенный внешний символ ""public: __cdecl VK::Client::Client(class std::basic_string<char,\n\nError\tLNK2019\tunresolved external symbol _main referenced in function "int __cdecl invoke_main(void)"\tapp\tC:\\src\\app\\MSVCRTD.lib(exe_main.obj)\t1\t\n' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 code=LNK2001 category=link file=null
	rec_check "$T/rec.json" 1 code=LNK2019 category=link line=1
}

@test "conan: a recipe's failed method at its line, with the exception; a missing binary" {
	printf '%s\n' '[2021-12-06T10:56:06.356Z] make: *** [all] Error 2' \
		'[2021-12-06T10:56:06.356Z] ERROR: conanfile.py (my_module/6.1.0): Error in build() method, line 41' \
		'[2021-12-06T10:56:06.356Z] 	super().build()' \
		"[2021-12-06T10:56:06.356Z] 	ConanException: Error 2 while executing cmake --build '/w/build' '--' '-j2'" \
		'ERROR: libiconv/1.16@user/testing: Error in build() method, line 123' '	autotools.make()' \
		'	ConanException: Error 127 while executing make -j2' \
		"ERROR: Missing prebuilt package for 'zlib/1.2.13'" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 4 ]
	rec_check "$T/rec.json" 1 tool=conan file=conanfile.py line=41 'message=Error in build() method, line 41' \
		"detail=ConanException: Error 2 while executing cmake --build '/w/build' '--' '-j2'"
	rec_check "$T/rec.json" 2 tool=conan file=null line=123
	rec_check "$T/rec.json" 3 tool=conan category=dependency "message=Missing prebuilt package for 'zlib/1.2.13'"
}

@test "conan 2: the packages a recipe's validate() refused, a record a row" {
	printf '%s\n' '======== Installing packages ========' 'ERROR: There are invalid packages:' \
		"libiconv/1.17: Invalid: 'settings.compiler' value not defined" \
		"glib/2.78.0: Invalid: 'settings.compiler' value not defined" \
		'CMake Error at conan_provider.cmake:386 (message):' "  Conan install failed='6'" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=conan category=configuration detail=libiconv/1.17 \
		"message=libiconv/1.17: Invalid: 'settings.compiler' value not defined"
	rec_check "$T/rec.json" 1 tool=conan detail=glib/2.78.0
	rec_check "$T/rec.json" 2 tool=cmake
}

@test "a line MSBuild's console width wrapped: the rest under it, indented, completes the record" {
	p='C:\src\app\very\long\path\to\the\project\source\module\file_with_a_long_name.c'
	printf '%s\n' "         $p(239): er" \
		"       ror C2059: syntax error: '{' [C:\src\app\build\app.vcxproj]" \
		'  Build started 1/2/2024 10:00:00 AM and it ran for a long time with nothing to report' \
		'  at all: nothing of this is an error, only words that fill a whole line of a terminal' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=cl "file=$p" line=239 code=C2059 \
		"message=syntax error: '{'"
	jq -e '.raw | contains("(239): er\n       ror C2059")' <(sed -n 1p "$T/rec.json")
	# a line a pattern takes is never joined to the one before
	printf '%s\n' '  gcc -Wall -Wextra -O2 -c src/a_module_with_a_long_name.c -o build/a_module.o src/a' \
		'src/a.c:3:1: error: expected identifier' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=gcc file=src/a.c line=3
}

@test "conda: a package that fails to link, its post-link script's failure" {
	printf '%s\n' '2019-01-17T00:34:08.7432693Z Executing transaction: ...working... failed' \
		"2019-01-17T00:34:08.7436317Z ERROR conda.core.link:_execute(502): An error occurred while installing package 'defaults::gcc-4.8.5-7'." \
		'2019-01-17T00:34:08.7436642Z LinkError: post-link script failed for package defaults::gcc-4.8.5-7' \
		'2019-01-17T00:34:08.7436877Z running your command again with `-v` will provide additional information' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=conda code=LinkError category=resource \
		'message=post-link script failed for package defaults::gcc-4.8.5-7'
}
