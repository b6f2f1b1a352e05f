#!/usr/bin/env bats
# A/B of fix variants: where one error has several fixes from rules that
# can prove themselves, heal-analyze ranks them by Thompson sampling over
# each rule's Beta posterior of proven outcomes; heal-log --stats shows
# each variant's trials, successes, posterior mean and the leader.
bats_require_minimum_version 1.5.0
load 'helpers/bats-libs'

A=c.missing-include-function
B=c.feature-test-macro

setup() {
	command -v gcc >/dev/null || skip "gcc not installed"
	PROJ=$(mktemp -d "${BATS_TMPDIR:-/tmp}/heal-ab.XXXXXX")
	cd "$PROJ" || return 1
	# a real gcc error that two rules fix two ways: #include <string.h>,
	# or a feature-test macro before the includes
	printf 'int main(int c, char **v)\n{\n    (void)c;\n    return (int)strlen(v[0]);\n}\n' >m.c
	gcc -c m.c 2>&1 | heal-detect --command '["gcc","-c","m.c"]' | head -1 >rec.ndjson
	mkdir .heal
}

teardown() { cd / && rm -rf "$PROJ"; }

learned() { printf '{"v":1,"rules":{"%s":{"passed":%d,"failed":%d},"%s":{"passed":%d,"failed":%d}}}\n' "$A" "$1" "$2" "$B" "$3" "$4" >.heal/learning.json; }
# the rule of the first fix (the analysis names it)
first() { heal-analyze "$@" <rec.ndjson | grep -o '"analysis":{[^}]*}' | grep -o '"rule":"[^"]*"' | cut -d'"' -f4; }
# how many of 20 seeds rank rule $1 first
wins() { local n=0 s; for s in $(seq 1 20); do [ "$(first --seed "$s" "${@:2}")" = "$1" ] && n=$((n + 1)); done; echo "$n"; }

@test "without outcomes the rules' own confidences rank the variants, as before" {
	run heal-analyze <rec.ndjson
	assert_success
	[[ "$output" == *"\"id\":\"$A.1\""*"\"id\":\"$B.2\""* ]]
	refute_output --partial '"variant"'
	[ "$(wins "$A")" -eq 20 ]
}

@test "the leader changes as outcomes arrive" {
	# A proved itself 30 times, B failed once: A nearly always first
	learned 30 0 0 1
	a=$(wins "$A")
	[ "$a" -ge 17 ]
	# then B proves itself 40 times and A fails twice: B leads
	learned 30 2 40 1
	b=$(wins "$B")
	[ "$b" -ge 12 ]
	# and a variant with no trials yet still gets tried now and then
	learned 3 0 0 0
	b=$(wins "$B")
	[ "$b" -ge 2 ] && [ "$b" -le 18 ]
}

@test "each variant says how it was drawn; --explain tells" {
	learned 3 0 0 0
	run heal-analyze --seed 7 <rec.ndjson
	assert_output --partial '"variant":{"selection":"thompson","draw":'
	assert_output --partial '"trials":3,"successes":3}'
	assert_output --partial '"trials":0,"successes":0}'
	run --separate-stderr heal-analyze --seed 7 --explain <rec.ndjson
	[[ "$stderr" == *"a variant: Thompson draw "*" from 3 passed, 0 failed"* ]]
}

@test "--seed makes a run reproducible; HEAL_SEED is its default; a bad seed is a usage error" {
	learned 3 0 0 0
	a=$(heal-analyze --seed 12345 <rec.ndjson)
	b=$(heal-analyze --seed 12345 <rec.ndjson)
	[ "$a" = "$b" ]
	c=$(HEAL_SEED=12345 heal-analyze <rec.ndjson)
	[ "$a" = "$c" ]
	# some seed among a few orders them the other way
	n=0
	for s in 1 2 3 4 5 6 7 8 9 10 11 12; do
		[ "$(heal-analyze --seed $s <rec.ndjson)" != "$a" ] && n=$((n + 1))
	done
	[ "$n" -ge 1 ]
	run heal-analyze --seed -1 <rec.ndjson
	assert_failure 2
	run heal-analyze --seed x <rec.ndjson
	assert_failure 2
	run heal-analyze --min-confidence 2 <rec.ndjson
	assert_failure 2
}

@test "a variant whose posterior mean is below the auto-apply threshold is never drawn ahead" {
	# B: 0.93 prior, 0 passed, 4 failed: mean 0.775 < 0.85
	learned 1 0 0 4
	[ "$(wins "$A")" -eq 20 ]
	run heal-analyze --seed 3 <rec.ndjson
	refute_output --partial '"variant"'
	# with a lower threshold (heal --min-confidence 0.7) it is a variant again
	[ "$(wins "$B" --min-confidence 0.7)" -ge 1 ]
}

@test "heal-log --stats: trials, successes, posterior mean and leader per variant" {
	ev() { printf '{"v":1,"kind":"event","event":"%s","time":"2026-01-01T00:00:%02dZ","incident":"%016x","run":"r","from":"validation","environment":"c","code":"-Wimplicit-function-declaration","rule":"%s","fix_id":"%s.1"}\n' "$1" "$2" "$2" "$3" "$3"; }
	{ ev fix_validated 1 "$A"; ev fix_validated 2 "$A"; ev fix_failed 3 "$B"; } >cl.ndjson
	run heal-log --stats --changelog cl.ndjson
	assert_line "  c:-Wimplicit-function-declaration: leader $A"
	assert_line "    $A: trials 2, successes 2, posterior mean 0.750"
	assert_line "    $B: trials 1, successes 0, posterior mean 0.333"
	# outcomes arrive: B proves itself four times, A fails twice
	{ for i in 4 5 6 7; do ev fix_validated $i "$B"; done; ev fix_failed 8 "$A"; ev fix_failed 9 "$A"; } >>cl.ndjson
	run heal-log --stats --json --changelog cl.ndjson
	assert_output --partial "\"variants\":{\"c:-Wimplicit-function-declaration\":{\"leader\":\"$B\",\"variants\":{\"$B\":{\"trials\":5,\"successes\":4,\"posterior_mean\":0.714},\"$A\":{\"trials\":4,\"successes\":2,\"posterior_mean\":0.5}}}}"
	# one rule alone on a class is no A/B
	ev fix_validated 10 other.rule | sed 's/-Wimplicit-function-declaration/E1/' >>cl.ndjson
	run heal-log --stats --json --changelog cl.ndjson
	refute_output --partial '"c:E1"'
}
