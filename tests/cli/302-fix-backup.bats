#!/usr/bin/env bats
# heal-fix: backup sets and --rollback.
bats_require_minimum_version 1.5.0
load helpers/fix

setup() {
	fix_setup
	mkdir src
	printf 'int conut;\r\nno final newline' >src/a.c
	chmod 0751 src/a.c
	printf 'int b;\n' >src/b.c
	chmod 0600 src/b.c
}
teardown() { fix_teardown; }

@test "a backup set with a manifest is written before the change" {
	sum=$(sha src/a.c)
	mkrec --replace src/a.c conut count --replace src/b.c 'int b' 'int B' >in
	run --separate-stderr heal-fix --session s1 <in
	assert_success
	assert_equal "$(field "$output" 'r["backup"]')" .heal/backups/s1.tar.gz
	assert_equal "$(tar tzf .heal/backups/s1.tar.gz | tr '\n' ' ')" "MANIFEST files/src/a.c files/src/b.c "
	tar xzf .heal/backups/s1.tar.gz -O MANIFEST >m
	assert_equal "$(sed -n 1,2p m)" "$(printf 'heal-backup 1\nsession s1')"
	grep -qx "file $sum 0751 28 src/a.c" m
}

@test "rollback restores byte-identical files and modes" {
	cp -p src/a.c a.orig
	cp -p src/b.c b.orig
	mkrec --replace src/a.c conut count --replace src/b.c 'int b' 'int B' >in
	run --separate-stderr heal-fix --session s1 <in
	assert_success
	chmod 0644 src/a.c
	run --separate-stderr heal-fix --rollback s1
	assert_success
	[[ "$stderr" == *"restored 2 files from session 's1'"* ]]
	cmp src/a.c a.orig
	cmp src/b.c b.orig
	assert_equal "$(stat -c %a src/a.c)" 751
	assert_equal "$(stat -c %a src/b.c)" 600
	[ ! -e .heal/lock ]
	no_temps
}

@test "rollback removes a file the session created" {
	mkrec --edit src/new.c 0 0 $'int n;\n' >in
	run --separate-stderr heal-fix --session s2 <in
	assert_success
	[ -e src/new.c ]
	run --separate-stderr heal-fix --rollback s2
	assert_success
	[ ! -e src/new.c ]
}

@test "runs sharing --session add to one set; a file keeps its first state" {
	cp src/a.c a.orig
	mkrec --replace src/a.c conut count >in
	run --separate-stderr heal-fix --session grp <in
	assert_success
	mkrec --replace src/a.c count Count --replace src/b.c 'int b' 'int B' >in2
	run --separate-stderr heal-fix --session grp <in2
	assert_success
	assert_equal "$(tar tzf .heal/backups/grp.tar.gz | wc -l)" 3
	run --separate-stderr heal-fix --rollback grp
	assert_success
	cmp src/a.c a.orig
	assert_equal "$(cat src/b.c)" 'int b;'
}

@test "rollback of an unknown session fails with a clear error" {
	run --separate-stderr heal-fix --rollback nosuch
	assert_failure 4
	[[ "$stderr" == *"nosuch"* ]]
}

@test "rollback refuses a set whose member differs from the manifest" {
	mkrec --replace src/a.c conut count >in
	run --separate-stderr heal-fix --session s3 <in
	assert_success
	mkdir t && (cd t && tar xzf ../.heal/backups/s3.tar.gz && printf 'evil' >files/src/a.c &&
		tar czf ../.heal/backups/s3.tar.gz MANIFEST files)
	cp src/a.c now
	run --separate-stderr heal-fix --rollback s3
	assert_failure 1
	[[ "$stderr" == *"refusing backup set 's3'"* ]]
	cmp src/a.c now
}

@test "the default session id looks like 20261122T131500Z-PID" {
	mkrec --replace src/a.c conut count >in
	run --separate-stderr heal-fix <in
	assert_success
	[[ "$(field "$output" 'r["session"]')" =~ ^[0-9]{8}T[0-9]{6}Z-[0-9]+$ ]]
}
