#!/usr/bin/env bats
# heal: progress.  On a terminal one status line is rewritten in place
# (what runs, for how long, attempt N of M, the wait before the next);
# off a terminal one line per phase and no control sequences; --verbose
# and HEAL_VERBOSE add each attempt's pipeline, fixes and timings.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() { loop_setup; unset HEAL_VERBOSE SELF_HEAL_VERBOSE; }
teardown() { loop_teardown; }

# a script that takes a while, then fails on a missing `fi` (heal fixes it)
slow_broken() { printf '#!/bin/bash\nsleep %s\nif true; then\n  echo %s\n' "$2" "$3" >"$1"; }

@test "on a terminal: one status line with the attempt and the seconds, cleared before the next line" {
	slow_broken s.sh 2 hi
	run "$PY" "$HEAL_SRC/tests/cli/pty-run.py" --timeout 60 -- heal --yes -- bash s.sh
	assert_success
	[[ "$output" == *$'\r\e[Kheal: [1 s] attempt 1 of 3: fixing, then re-running bash s.sh'* ]]
	[[ "$output" == *$'\r\e[Kheal: [2 s] attempt 1 of 3'* ]]
	[[ "$output" == *$'\r\e[Kheal: attempt 1: 1 fix applied'* ]]
}

# a helper that is not executable, and fails once it is: the fix fails
failing_fix() {
	printf '#!/bin/bash\nnosuchcmd_xyz\nexit 3\n' >helper.sh
	printf '#!/bin/bash\n./helper.sh\n' >run.sh
}

@test "on a terminal: the wait before the next attempt counts down" {
	failing_fix
	HEAL_INITIAL_DELAY=2 run "$PY" "$HEAL_SRC/tests/cli/pty-run.py" --timeout 60 -- heal --yes --max-attempts 3 -- bash run.sh
	assert_failure
	[[ "$output" == *$'\r\e[Kheal: [2 s] waiting before attempt 2 of 3'* ]]
	[[ "$output" == *$'\r\e[Kheal: [1 s] waiting before attempt 2 of 3'* ]]
}

@test "off a terminal: one line per phase, no control sequences" {
	slow_broken a.sh 0 a
	slow_broken b.sh 0 b
	printf 'bash a.sh && bash b.sh\n' >run.sh
	HEAL_INITIAL_DELAY=0.1 run --separate-stderr heal --yes -- bash run.sh
	assert_success
	[[ "$stderr" != *$'\r'* && "$stderr" != *$'\e'* ]]
	# a proven attempt is not counted: attempt 2 of 4, and no wait
	assert_equal "$(grep '^heal:' <<<"$stderr")" "heal: attempt 1: 1 fix applied, 1 passed, 0 failed
heal: attempt 2 of 4: the next errors, from the re-run that proved the fixes
heal: attempt 2: 1 fix applied, 1 passed, 0 failed
heal: healed: the command succeeds now (2 attempts, 2 fixes kept)"
	failing_fix
	HEAL_INITIAL_DELAY=0.1 run --separate-stderr heal --yes --max-attempts 2 -- bash run.sh
	assert_failure
	[[ "$stderr" != *$'\r'* && "$stderr" != *$'\e'* ]]
	[[ "$(grep '^heal:' <<<"$stderr")" == "heal: attempt 1: 1 fix applied, 0 passed, 1 failed (rolled back)
heal: waiting 0.1 s before attempt 2
heal: attempt 2 of 2: running the command again
"* ]]
}

@test "--verbose and HEAL_VERBOSE show the pipeline, each fix and validation, and the time" {
	slow_broken s.sh 0 hi
	cp s.sh orig.sh
	run --separate-stderr heal --yes --no-wait -- bash s.sh
	assert_success
	[[ "$stderr" != *"  fix s.sh"* ]]
	cp orig.sh s.sh
	HEAL_VERBOSE=1 run --separate-stderr heal --yes --no-wait -- bash s.sh
	assert_success
	[[ "$stderr" == *"heal: attempt 1 of 3: heal-detect --root "*" | heal-analyze "*" | heal-fix "*" | heal-validate "*" | heal-log "* ]]
	[[ "$stderr" == *"heal:   fix s.sh: close the block"*"(shell.unexpected-eof.1, confidence 0."*", risk medium): applied"* ]]
	[[ "$stderr" == *"heal:   validation s.sh: close the block"*": passed"* ]]
	[[ "$stderr" =~ "heal: attempt 1 took "[0-9]+\.[0-9]" s" ]]
	cp orig.sh s.sh
	run --separate-stderr heal -v --yes --no-wait -- bash s.sh
	[[ "$stderr" == *"heal:   fix s.sh: close the block"* ]]
	run --separate-stderr heal --print-config -v
	[[ "$output" =~ "verbose "+"= true "+"(command line: --verbose)" ]]
}
