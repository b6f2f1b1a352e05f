#!/usr/bin/env bats
# heal-fix: the project lock.
bats_require_minimum_version 1.5.0
load helpers/fix

setup() { fix_setup; printf 'int conut;\n' >a.c; }
teardown() { fix_teardown; }

@test "a held lock: bounded wait, then exit 6 with a clear error, nothing changed" {
	mkdir .heal
	mkrec --replace a.c conut count >in
	flock .heal/lock sleep 5 &
	sleep 0.3
	start=$(date +%s%N)
	HEAL_LOCK_TIMEOUT=0.5 run --separate-stderr heal-fix <in
	end=$(date +%s%N)
	kill %1 2>/dev/null || true
	wait || true
	assert_failure 6
	[[ "$stderr" == *"locked by another heal run"* ]]
	assert_equal "$(field "$output" 'r["status"]')" failed
	grep -q conut a.c
	[ $(( (end - start) / 1000000 )) -lt 4000 ]
}

@test "the lock is released: a waiting run proceeds" {
	mkdir .heal
	mkrec --replace a.c conut count >in
	flock .heal/lock sleep 0.5 &
	sleep 0.1
	run --separate-stderr heal-fix <in
	wait
	assert_success
	grep -q count a.c
}

@test "--dry-run takes no lock and leaves no lock file" {
	mkrec --replace a.c conut count >in
	run --separate-stderr heal-fix --dry-run <in
	assert_success
	[ ! -e .heal ]
}

@test "a run with nothing to apply creates no .heal" {
	mkrec --cand x 0.1 low --replace a.c conut count >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	[ ! -e .heal ]
}

@test "rollback takes the lock too" {
	mkrec --replace a.c conut count >in
	run --separate-stderr heal-fix --session s <in
	assert_success
	flock .heal/lock sleep 5 &
	sleep 0.3
	HEAL_LOCK_TIMEOUT=0.3 run --separate-stderr heal-fix --rollback s
	kill %1 2>/dev/null || true
	wait || true
	assert_failure 6
	grep -q count a.c
}

@test "a bad HEAL_LOCK_TIMEOUT is a usage error" {
	HEAL_LOCK_TIMEOUT=soon run heal-fix </dev/null
	assert_failure 2
}
