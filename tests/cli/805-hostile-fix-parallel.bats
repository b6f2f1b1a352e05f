#!/usr/bin/env bats
# HOSTILE.md 20: two heal-fix runs on one project at once, 100 times.
bats_require_minimum_version 1.5.0
load helpers/fix

setup() { fix_setup; }
teardown() { fix_teardown; }

@test "20: one waits or fails cleanly; the file has exactly one applied fix; no lock left" {
	for i in $(seq 100); do
		printf 'int x;\n' >a.c
		mkrec --edit a.c 0 0 '/* fixed */ ' >in
		heal-fix <in >o1 2>e1 &
		heal-fix <in >o2 2>e2 &
		wait
		assert_equal "$(cat a.c)" '/* fixed */ int x;'
		assert_equal "$(cat o1 o2 | grep -c '"status":"applied"')" 1
		[ ! -e .heal/lock ]
		no_temps
	done
}
