#!/usr/bin/env bats
# heal-detect on package resolvers' conclusions and on compilers' coded
# errors printed without their origin (#16): poetry's PubGrub "version
# solving failed", composer's unresolvable requirements, bundler's failed
# installs, vite's unresolved import (at the importing file), MSVC link's
# and csc's "error CODE: message" with no file before it, GNU ld's "more
# undefined references ... follow". Each case is written from the tool's
# documented layout; nothing runs the tools.

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

detect() {
	(cd "$T" && heal-detect <x.log >rec.json) || true
}

@test "poetry: the solver's conclusion is the record, with or without its indentation; a cause line over it is the message" {
	printf '%s\n' 'Updating dependencies' 'Resolving dependencies... (0.4s)' '' \
		'  SolverProblemError' '' \
		'  Because app depends on both flask (^3.0) and werkzeug (<2.0), version solving failed.' '' \
		'  at /usr/lib/python3/dist-packages/poetry/puzzle/solver.py:241 in _solve' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=poetry env=python category=dependency file=null \
		"message=Because app depends on both flask (^3.0) and werkzeug (<2.0), version solving failed."
	printf '%s\n' '[SolverProblemError]' 'Because lib (1.0) depends on attrs (<19), lib is forbidden.' \
		'So, because app depends on lib (1.0), version solving failed.' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	# two lines: the cause is the message, the conclusion its detail
	rec_check "$T/rec.json" 0 tool=poetry "message=Because lib (1.0) depends on attrs (<19), lib is forbidden." \
		"detail=So, because app depends on lib (1.0), version solving failed."
}

@test "composer and bundler: an install that cannot go on is one record (composer: its problem's row)" {
	printf '%s\n' 'Loading composer repositories with package information' \
		'Your requirements could not be resolved to an installable set of packages.' '' \
		'  Problem 1' '    - Root composer.json requires acme/lib ^9.0, found acme/lib[1.0.0] but it does not match the constraint.' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=composer env=php category=dependency \
		"message=Root composer.json requires acme/lib ^9.0, found acme/lib[1.0.0] but it does not match the constraint."
	printf '%s\n' 'Installing pg 1.5.4 with native extensions' \
		'Gem::Ext::BuildError: ERROR: Failed to build gem native extension.' '' \
		'    current directory: /usr/share/gems/gems/pg-1.5.4/ext' \
		'An error occurred while installing pg (1.5.4), and Bundler cannot continue.' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=bundler env=ruby "message=Failed to build gem native extension."
	rec_check "$T/rec.json" 1 tool=bundler \
		"message=An error occurred while installing pg (1.5.4), and Bundler cannot continue."
}

@test "vite: an import Rollup cannot resolve is at the importing file" {
	mkdir -p "$T/src"
	: >"$T/src/main.ts"
	printf '%s\n' 'vite v5.2.0 building for production...' 'transforming...' \
		"error during build:" \
		"[vite]: Rollup failed to resolve import \"left-pad\" from \"$T/src/main.ts\"." \
		'This is most likely unintended because it can break your application at runtime.' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=vite env=node category=dependency file=src/main.ts \
		"message~=Rollup failed to resolve import \"left-pad\""
}

@test "link and csc: coded errors without their origin; ld's 'more undefined references'" {
	printf '%s\n' 'error LNK2019: unresolved external symbol WinMain referenced in function "int __cdecl invoke_main(void)"' \
		'error CS0246: The type or namespace name '"'"'Widget'"'"' could not be found (are you missing a using directive or an assembly reference?)' \
		'warning CS0168: The variable '"'"'e'"'"' is declared but never used' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=link code=LNK2019 file=null severity=error \
		"message~=unresolved external symbol WinMain"
	rec_check "$T/rec.json" 1 tool=dotnet code=CS0246 file=null severity=error
	rec_check "$T/rec.json" 2 tool=dotnet code=CS0168 severity=warning
	printf '%s\n' '/usr/bin/ld: obj/block.o: in function `read_block'"'"':' \
		'/src/os/block.c:111:(.text+0x243): undefined reference to `__stack_chk_fail'"'"'' \
		'/usr/bin/ld: obj/block.o:/src/os/block.c:181: more undefined references to `__stack_chk_fail'"'"' follow' \
		'collect2: error: ld returned 1 exit status' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 1 tool=ld file=/src/os/block.c line=181 \
		"message=more undefined references to \`__stack_chk_fail' follow"
}

@test "pytest-mypy: mypy's rows under the file's section rule; pytest's own sections stay pytest's" {
	printf '%s\n' '=================================== FAILURES ===================================' \
		'____________________________ pkg/models.py ____________________________' \
		'31: error: Incompatible types in assignment (expression has type "None", variable has type "int")  [assignment]' \
		'___________________________ pkg/views.py ___________________________' \
		'12: error: Name "reqeust" is not defined  [name-defined]' \
		'_________________________________ test_add _________________________________' \
		'' '    def test_add():' '>       assert 1 + 1 == 3' 'E       assert (1 + 1) == 3' '' \
		'tests/test_a.py:2: AssertionError' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=mypy file=pkg/models.py line=31 code=assignment \
		"message~=Incompatible types in assignment"
	rec_check "$T/rec.json" 1 tool=mypy file=pkg/views.py line=12 code=name-defined
	rec_check "$T/rec.json" 2 tool=pytest file=tests/test_a.py line=2
}

@test "an error annotation no pattern takes is a record; a step's end and a tool's line behind the mark are not" {
	printf '%s\n' '2024-06-21T07:53:29.1627489Z Running [golangci-lint run --out-format=github-actions] ...' \
		'2024-06-21T07:53:30.6448589Z ##[error]Error return value of `conn.Close` is not checked (errcheck)' \
		'2024-06-21T07:53:30.6452862Z ##[error]src/a.c:3:4: error: '"'"'x'"'"' undeclared (first use in this function)' \
		'2024-06-21T07:53:30.7000000Z ##[warning]Node.js 16 actions are deprecated.' \
		'2024-06-21T07:53:31.0000000Z ##[error]Process completed with exit code 1.' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=annotation file=null severity=error \
		"message=Error return value of \`conn.Close\` is not checked (errcheck)"
	rec_check "$T/rec.json" 1 tool=gcc file=src/a.c line=3
}
