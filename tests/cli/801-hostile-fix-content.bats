#!/usr/bin/env bats
# HOSTILE.md 9, 18, 19: CRLF, read-only files and directories, stale files.
# (19 during a run, after heal's own change: 306-fix-same-file.bats)
bats_require_minimum_version 1.5.0
load helpers/fix

setup() { fix_setup; mkdir src; printf 'int conut;\n' >src/a.c; }
teardown() { fix_teardown; }

@test "9: CRLF records and CRLF source files: no \\r in paths, line ends and final-newline state kept" {
	printf 'int conut;\r\nint y;\r\n' >src/w.c
	mkrec --replace src/w.c 'int conut;' $'int count;\nint z;' | sed 's/$/\r/' >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(field "$output" 'r["files"]')" '["src/w.c"]'
	assert_equal "$(od -c src/w.c)" "$(printf 'int count;\r\nint z;\r\nint y;\r\n' | od -c)"
	ls src | grep -qv $'\r'
}

@test "18: a read-only file is refused; permissions are never changed" {
	chmod 0444 src/a.c
	mkrec --replace src/a.c conut count >in
	run --separate-stderr as_user heal-fix <in
	assert_failure 1
	[[ "$(field "$output" 'r["reason"]')" == *"read-only"* ]]
	assert_equal "$(stat -c %a src/a.c)" 444
	grep -q conut src/a.c
}

@test "18: a file in a read-only directory is refused; permissions are never changed" {
	chmod 0555 src
	mkrec --replace src/a.c conut count >in
	run --separate-stderr as_user heal-fix <in
	assert_failure 1
	[[ "$(field "$output" 'r["reason"]')" == *"read-only"* ]]
	assert_equal "$(stat -c %a src)" 555
	grep -q conut src/a.c
}

@test "18: chmod of a read-only file is refused too" {
	chmod 0444 src/a.c
	mkrec --chmod src/a.c 0755 >in
	run --separate-stderr as_user heal-fix <in
	assert_failure 1
	assert_equal "$(stat -c %a src/a.c)" 444
}

@test "18: root may edit a file of mode 0444; the mode is kept" {
	[ "$(id -u)" -eq 0 ] || skip "only root may write a 0444 file"
	chmod 0444 src/a.c
	mkrec --replace src/a.c conut count >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(stat -c %a src/a.c)" 444
	grep -q count src/a.c
}

@test "19: a file edited between analysis and fix is refused as stale, untouched" {
	mkrec --replace src/a.c conut count >in
	printf 'int conut; // mine\n' >src/a.c
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" refused
	[[ "$(field "$output" 'r["reason"]')" == *stale* ]]
	assert_equal "$(cat src/a.c)" 'int conut; // mine'
	no_temps
}

@test "19: two fixes of one run to one file: heal's own change is rebased, not stale" {
	printf 'int a; int b;\n' >src/t.c
	{ mkrec --id 01 --replace src/t.c 'int a' 'int A'; mkrec --id 02 --replace src/t.c 'int b' 'long B'; } >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(printf '%s\n' "$output" | grep -c '"status":"applied"')" 2
	assert_equal "$(cat src/t.c)" 'int A; long B;'
}
