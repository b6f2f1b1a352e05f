#!/usr/bin/env bats
# HOSTILE.md 1, 2, 3, 4, 5, 7: paths that try to leave the project root.
bats_require_minimum_version 1.5.0
load helpers/fix

setup() { fix_setup; mkdir src; printf 'int conut;\n' >src/a.c; }
teardown() { fix_teardown; rm -f "${EVIL:-/nonexistent}"; }

@test "1: a path above the root is refused; other records are still processed" {
	mkrec --id 01 --edit ../../etc/passwd 0 0 'x' --set outside_root true >in
	mkrec --id 02 --edit ../../etc/passwd 0 0 'x' >>in
	mkrec --id 03 --replace src/a.c conut count >>in
	before=$(sha /etc/passwd)
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(printf '%s\n' "$output" | grep -c '"status":"refused"')" 2
	[[ "$output" == *"the error's file lies outside the project root"* ]]
	[[ "$output" == *"'../../etc/passwd' lies outside the project root"* ]]
	assert_equal "$(printf '%s\n' "$output" | sed -n 3p | grep -c '"status":"applied"')" 1
	assert_equal "$(sha /etc/passwd)" "$before"
}

@test "2: an absolute path outside the root is never opened for writing" {
	command -v strace >/dev/null || skip "strace missing"
	mkrec --edit /etc/hosts 0 0 'x' --sha /etc/hosts "$(sha /etc/hosts)" >in
	before=$(sha /etc/hosts)
	ASAN_OPTIONS=detect_leaks=0 run --separate-stderr strace -f -qq -e trace=open,openat,openat2,creat,rename,renameat,renameat2,unlink,unlinkat -o trace heal-fix <in
	assert_failure 1
	[[ "$output" == *"'/etc/hosts' lies outside the project root"* ]]
	run grep -F '/etc/hosts' trace
	assert_failure
	assert_equal "$(sha /etc/hosts)" "$before"
}

@test "3: an absolute path inside the root is the same file, never double-rooted" {
	mkrec --replace src/a.c conut count | sed "s|\"src/a.c\"|\"$PROJ/src/a.c\"|g" >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(field "$output" 'r["files"]')" '["src/a.c"]'
	grep -q count src/a.c
	[ ! -e "$PROJ/$PROJ" ]
}

@test "4: a symlink inside the project pointing outside is refused (openat2 and the walk)" {
	ln -s /etc cfg
	before=$(sha /etc/hosts)
	mkrec --edit cfg/hosts 0 0 'evil ' --sha cfg/hosts "$before" >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	[[ "$(field "$output" 'r["reason"]')" == *"outside the project root"* ]]
	HEAL_NO_OPENAT2=1 run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" refused
	assert_equal "$(sha /etc/hosts)" "$before"
}

@test "5: a dangling symlink to outside that a fix would create is refused" {
	EVIL=$(mktemp -u /tmp/heal-evil.XXXXXX)
	ln -s "$EVIL" new.c
	mkrec --edit new.c 0 0 $'int x;\n' --sha new.c "$(printf '' | sha256sum | cut -d' ' -f1)" >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" refused
	[ ! -e "$EVIL" ]
	HEAL_NO_OPENAT2=1 run --separate-stderr heal-fix <in
	assert_failure 1
	[ ! -e "$EVIL" ]
}

@test "5b: mkdir through a dangling symlink to outside is refused" {
	EVIL=$(mktemp -u /tmp/heal-evil.XXXXXX)
	ln -s "$EVIL" gen
	mkrec --mkdir gen/sub >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	[ ! -e "$EVIL" ]
}

@test "7: a NUL byte inside a path never reaches open()" {
	mkrec --replace src/a.c conut count | sed 's|"file":"src/a.c","start"|"file":"src/a\\u0000.c","start"|' >in
	grep -q 'u0000' in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" refused
	[[ "$(field "$output" 'r["reason"]')" == *"NUL"* ]]
	grep -q conut src/a.c
}

@test "7b: control characters in a path are refused and escaped in messages" {
	mkrec --replace src/a.c conut count | sed 's|"file":"src/a.c","start"|"file":"src/a\\u001b[31m.c","start"|' >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" refused
	[[ "$(field "$output" 'r["reason"]')" == *'\x1b'* ]]
}
