#!/usr/bin/env bats
# heal-fix: every safety rule of the safe writer, seen from the command line.
bats_require_minimum_version 1.5.0
load helpers/fix

setup() { fix_setup; mkdir src; printf 'int conut;\n' >src/a.c; }
teardown() { fix_teardown; }

status_of() { field "$1" 'r["status"]'; }
reason_of() { field "$1" 'r["reason"]'; }

@test "a path above the root is refused" {
	mkrec --edit ../x.c 0 0 'x' >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(status_of "$output")" refused
	[[ "$(reason_of "$output")" == *"outside the project root"* ]]
	[ ! -e ../x.c ]
}

@test "an absolute path inside the root is the same file" {
	mkrec --replace src/a.c conut count | sed "s|\"file\":\"src/a.c\"|\"file\":\"$PROJ/src/a.c\"|g" >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(field "$output" 'r["files"]')" '["src/a.c"]'
	grep -q count src/a.c
}

@test "a symlinked file is refused, its target untouched" {
	ln -s src/a.c l.c
	mkrec --replace l.c conut count >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(status_of "$output")" refused
	[[ "$(reason_of "$output")" == *"symbolic link"* ]]
	grep -q conut src/a.c
	[ -L l.c ]
}

@test "a hard-linked file is refused" {
	ln src/a.c h.c
	mkrec --replace h.c conut count >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	[[ "$(reason_of "$output")" == *"hard-linked"* ]]
	grep -q conut src/a.c
}

@test "a FIFO is refused (and heal-fix does not hang on it)" {
	mkfifo f.c
	mkrec --edit f.c 0 0 'x' --sha f.c "$(printf '' | sha256sum | cut -d' ' -f1)" >in
	run --separate-stderr timeout 10 heal-fix <in
	assert_failure 1
	[[ "$(reason_of "$output")" == *"regular file"* ]]
}

@test "a directory is refused" {
	mkdir d.c
	mkrec --edit d.c 0 0 'x' >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(status_of "$output")" refused
}

@test "a file over the size cap is refused" {
	truncate -s 17M big.c
	mkrec --edit big.c 0 0 'x' --sha big.c 0000000000000000000000000000000000000000000000000000000000000000 >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	[[ "$(reason_of "$output")" == *"size cap"* ]]
}

@test ".git and .heal are protected" {
	mkdir .git .heal
	printf '[core]\n' >.git/config
	printf 'x\n' >.heal/config.json
	mkrec --replace .git/config core CORE >in
	mkrec --replace .heal/config.json x y >>in
	run --separate-stderr heal-fix <in
	assert_failure 1
	[[ "$output" == *'"status":"refused","reason":"refusing '"'"'.git/config'"'"': a protected path"'* ]]
	[[ "$output" == *'.heal/config.json'"'"': a protected path'* ]]
	grep -q core .git/config
}

@test "--protect adds protected paths" {
	mkrec --replace src/a.c conut count >in
	run --separate-stderr heal-fix --protect src <in
	assert_failure 1
	[[ "$(reason_of "$output")" == *"protected"* ]]
	grep -q conut src/a.c
	run --separate-stderr heal-fix --protect ../elsewhere <in
	assert_failure 2
}

@test "a stale pre-image is refused and the file untouched" {
	mkrec --replace src/a.c conut count >in
	printf 'int conut; /* edited */\n' >src/a.c
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(status_of "$output")" refused
	[[ "$(reason_of "$output")" == *"stale"* ]]
	assert_equal "$(cat src/a.c)" 'int conut; /* edited */'
}

@test "the file's mode is kept" {
	chmod 0750 src/a.c
	mkrec --replace src/a.c conut count >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(stat -c %a src/a.c)" 750
}

@test "CRLF line ends and the missing final newline are kept" {
	printf 'int conut;\r\nint x;' >w.c
	mkrec --replace w.c 'int conut;' $'int count;\nint y;' >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(od -c w.c | head -3)" "$(printf 'int count;\r\nint y;\r\nint x;' | od -c | head -3)"
}

@test "a final newline is kept when an edit would drop it" {
	printf 'a\nb\n' >n.c
	mkrec --edit n.c 2 4 'c' >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(od -c n.c)" "$(printf 'a\nc\n' | od -c)"
}

@test "overlapping edits are refused" {
	mkrec --edit src/a.c 0 5 'x' --edit src/a.c 3 7 'y' >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	[[ "$(reason_of "$output")" == *"overlap"* ]]
	grep -q conut src/a.c
}

@test "a multi-file fix is all or nothing" {
	printf 'int b;\n' >src/b.c
	mkrec --replace src/a.c conut count --replace src/b.c 'int b' 'int B' \
		--sha src/b.c 1111111111111111111111111111111111111111111111111111111111111111 >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	grep -q conut src/a.c
	grep -q 'int b' src/b.c
}

# A multi-file fix whose second write fails puts the first back: tested with
# real fault injection (the second rename fails) in 804-hostile-fix-faults.

@test "a new file is created when the pre-image is the empty file" {
	mkrec --edit src/new.c 0 0 $'int n;\n' >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(cat src/new.c)" 'int n;'
	assert_equal "$(field "$output" 'r["diff"]')" "$(printf -- '--- /dev/null\n+++ b/src/new.c\n@@ -0,0 +1 @@\n+int n;')"
}

@test "mkdir and a file in it" {
	mkrec --mkdir gen/sub --edit gen/sub/x.h 0 0 $'#pragma once\n' >in
	run --separate-stderr heal-fix <in
	assert_success
	[ -d gen/sub ]
	grep -q pragma gen/sub/x.h
}

@test "chmod is done in-process and checked against the pre-image" {
	printf '#!/bin/sh\n' >run.sh
	mkrec --chmod run.sh 0755 >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(stat -c %a run.sh)" 755
	assert_equal "$(field "$output" 'r["files"]')" '["run.sh"]'
	mkrec --chmod run.sh 4755 >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(stat -c %a run.sh)" 755
}

@test "stale temporary files of a killed run are removed by the next run" {
	printf 'half' >src/.heal-tmp.1.1.deadbeef
	mkdir -p other .heal
	printf 'half' >other/.heal-tmp.1.2.deadbeef
	printf 'other\n' >.heal/tmpdirs
	mkrec --replace src/a.c conut count >in
	run --separate-stderr heal-fix <in
	assert_success
	no_temps
	[ ! -e .heal/tmpdirs ]
}

@test "no lock file and no temporary files are left after a run" {
	mkrec --replace src/a.c conut count >in
	run --separate-stderr heal-fix <in
	assert_success
	[ ! -e .heal/lock ]
	no_temps
}
