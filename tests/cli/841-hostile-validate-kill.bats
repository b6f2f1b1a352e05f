#!/usr/bin/env bats
# HOSTILE.md 15 for heal-validate: SIGKILL at random moments while it rolls
# back a failed fix of 20 files.  HEAL_KILL_ITERATIONS sets the rounds (200
# or more for the full check; fewer by default).
bats_require_minimum_version 1.5.0
load helpers/fix

setup() { fix_setup; }
teardown() { fix_teardown; }

@test "15: heal-validate killed during its rollback: every file old or new, the set intact; the next run converges" {
	twenty_files_fixed
	mixed=0
	for round in $(seq "${HEAL_KILL_ITERATIONS:-25}"); do
		# the tests fail, so the fix is rolled back
		heal-validate --no-syntax-check --test false -- true <fixed.ndjson >/dev/null 2>&1 &
		pid=$!
		# a run takes about 0.4 s here, the rollback its last part
		sleep "0.$(( 1 + RANDOM % 5 ))$(( RANDOM % 10 ))"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		old_or_new
		[ "$n_old" -gt 0 ] && [ "$n_old" -lt 20 ] && mixed=$((mixed + 1))
		assert_equal "$(sha .heal/backups/s.tar.gz)" "$set_sha"
		for i in $(seq 20); do cp fixed.$i src/f$i.c; done
	done
	# rounds killed in the middle of the rollback (some files restored)
	echo "# $mixed rounds killed mid-rollback" >&3
	# the next run rolls back everything and cleans up
	run --separate-stderr heal-validate --no-syntax-check --test false -- true <fixed.ndjson
	assert_failure 1
	[[ "$output" == *'"rolled_back":true'* ]]
	for i in $(seq 20); do assert_equal "$(sha src/f$i.c)" "$(cat old.$i)"; done
	no_temps
	[ ! -e .heal/lock ]
}
