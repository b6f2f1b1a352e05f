#!/usr/bin/env bats
# heal-detect on layouts the twenty-first gathering of pasted logs showed
# missing (#16), each written by us in the layout the tool prints:
# Ansible's YAML callback result glued to its task's banner (a terminal's
# copy joins a line that fills its width to the next) with blank lines in
# its message block; a path a terminal's width wrapped before its place;
# SwiftLint's emoji reporter; ruff's own fix-loop failures.

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

detect() {
	(cd "$T" && heal-detect <in.log >rec.json) || true
}

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
