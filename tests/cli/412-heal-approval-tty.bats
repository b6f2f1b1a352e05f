#!/usr/bin/env bats
# heal: asking for approval on a real terminal (a pseudo-terminal), where
# the filters run in a process group of their own.  Each run is bounded by
# pty-run.py's --timeout: a run that hangs ends in status 124 and lists
# what is still running (a stopped heal-fix shows state T).
bats_require_minimum_version 1.5.0
load helpers/loop

setup() {
	loop_setup
	command -v bash >/dev/null || skip "bash missing"
	PTY=("$PY" "$HEAL_SRC/tests/cli/pty-run.py" --timeout 40)
	unset HEAL_APPROVE_TIMEOUT HEAL_APPROVE
}
teardown() { loop_teardown; }

# a script whose `if` has no `fi`: the fix (close the block) is medium risk
broken() { printf '#!/bin/bash\nif true; then\n  echo %s\n' "$2" >"$1"; }
# two of them, run by one command
two_broken() {
	broken a.sh a
	broken b.sh b
	printf 'bash a.sh; r=$?\nbash b.sh || r=1\nexit $r\n' >run.sh
}
prompts() { grep -o '\[y/n/a/q\]' <<<"$1" | wc -l; }

@test "on a terminal heal asks, shows the diff and the risk, and 'y' applies" {
	broken s.sh hi
	run "${PTY[@]}" --on '[y/n/a/q]' y -- heal --no-wait -- bash s.sh
	assert_success
	[[ "$output" == *"+fi"* ]]
	[[ "$output" == *"(risk medium)"* ]]
	[[ "$output" == *"heal: healed"* ]]
	assert_equal "$(tail -n1 s.sh)" fi
}

@test "'n' declines: nothing changes and heal ends" {
	broken s.sh hi
	cp s.sh orig.sh
	run "${PTY[@]}" --on '[y/n/a/q]' n -- heal --no-wait -- bash s.sh
	assert_failure 2
	cmp s.sh orig.sh
}

@test "nobody answers: the question times out to no and heal ends" {
	broken s.sh hi
	cp s.sh orig.sh
	HEAL_APPROVE_TIMEOUT=1 run "${PTY[@]}" -- heal --no-wait -- bash s.sh
	assert_failure 2
	[[ "$output" == *"no answer in 1 s: not applied"* ]]
	cmp s.sh orig.sh
}

@test "'a' approves this fix and every later one, across attempts" {
	two_broken
	run "${PTY[@]}" --on '[y/n/a/q]' a -- heal --no-wait -- bash run.sh
	assert_success
	assert_equal "$(prompts "$output")" 1
	assert_equal "$(tail -n1 a.sh)" fi
	assert_equal "$(tail -n1 b.sh)" fi
}

@test "an answer heal does not know is asked again" {
	broken s.sh hi
	run "${PTY[@]}" --on '[y/n/a/q]' maybe --on '[y/n/a/q]' y -- heal --no-wait -- bash s.sh
	assert_success
	[[ "$output" == *"a: apply this and all the rest"* ]]
}

@test "^C at the question interrupts heal: nothing is kept, exit 130" {
	broken s.sh hi
	cp s.sh orig.sh
	run "${PTY[@]}" --on '[y/n/a/q]' $'\003' -- heal --no-wait -- bash s.sh
	assert_failure 130
	cmp s.sh orig.sh
}

@test "heal in a background process group never asks and never stops" {
	broken s.sh hi
	cp s.sh orig.sh
	run "${PTY[@]}" --background -- heal --no-wait -- bash s.sh
	assert_failure 2
	[[ "$output" != *"[y/n/a/q]"* ]]
	cmp s.sh orig.sh
}

@test "--yes asks nothing" {
	broken s.sh hi
	run "${PTY[@]}" -- heal --yes --no-wait -- bash s.sh
	assert_success
	[[ "$output" != *"[y/n/a/q]"* ]]
}
