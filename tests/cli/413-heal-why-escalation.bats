#!/usr/bin/env bats
# heal: the summary says why nothing (more) happened and how to go on; the
# manual_intervention_required event in the changelog says what was run,
# how it ended, how many attempts, and every fix tried with its outcome.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() { loop_setup; unset HEAL_APPROVE_TIMEOUT HEAL_APPROVE; }
teardown() { loop_teardown; }

# the last manual_intervention_required event of the changelog
escalation() { "$PY" -S -c 'import json,sys
ev=[json.loads(l) for l in open(".heal/changelog.ndjson")]
print(json.dumps([e for e in ev if e["event"]=="manual_intervention_required"][-1]))'; }
broken() { printf '#!/bin/bash\nif true; then\n  echo %s\n' "$2" >"$1"; }

@test "the escalation event lists the command, its last status, the attempts and each fix tried" {
	# one error heal fixes (a missing include, kept over two attempts), one it cannot
	printf 'int main(void)\n{\n\tprintf("hi\\n");\n\treturn undefined_thing_xyz;\n}\n' >main.c
	run --separate-stderr heal --yes --no-wait -- gcc -Wall -o app main.c
	assert_failure 1
	ev=$(escalation)
	assert_equal "$(field "$ev" 'r["command"]')" '["gcc", "-Wall", "-o", "app", "main.c"]'
	assert_equal "$(field "$ev" 'r["exit_status"]')" 1
	assert_equal "$(field "$ev" 'r["attempts"]')" 2
	assert_equal "$(field "$ev" 'r["attempt_number"]')" 2
	assert_equal "$(field "$ev" 'sorted({t["outcome"] for t in r["tried"]})')" '["passed"]'
	assert_equal "$(field "$ev" 'r["tried"][0]["rule"]')" c.missing-include-function
	assert_equal "$(field "$ev" 'r["tried"][0]["file"]')" main.c
	assert_equal "$(field "$ev" 'r["tried"][0]["attempt"]')" 1
	# what nothing explains otherwise: the error heal has no fix for
	[[ "$stderr" == *"1 error has no fix heal knows (main.c: "*"undefined_thing_xyz"* ]]
	[[ "$(field "$ev" 'r["reason"]')" == *"no fix heal knows"* ]]
}

@test "heal-log keeps an escalation's members, checked and capped, and --export round-trips them" {
	"$PY" -S -c 'import json
print(json.dumps({"v":1,"kind":"event","event":"manual_intervention_required",
  "command":["make","-j2",7], "exit_status":"two", "attempts":3, "attempt":3,
  "tried":[{"fix_id":"c.1","outcome":"failed","reason":"x"*5000,"attempt":2,"evil":{"a":1}}, "not an object"],
  "message":"m"}))' >ev.ndjson
	run --separate-stderr heal-log <ev.ndjson
	assert_success
	ev=$(escalation)
	assert_equal "$(field "$ev" 'r["command"]')" '["make", "-j2"]'
	assert_equal "$(field "$ev" '"exit_status" in r')" false
	assert_equal "$(field "$ev" 'r["attempts"]')" 3
	assert_equal "$(field "$ev" 'r["attempt_number"]')" 3
	assert_equal "$(field "$ev" 'len(r["tried"])')" 1
	assert_equal "$(field "$ev" 'sorted(r["tried"][0])')" '["attempt", "fix_id", "outcome", "reason"]'
	assert_equal "$(field "$ev" 'len(r["tried"][0]["reason"])')" 1024
	heal-log --export >export.json
	"$PY" -S -c 'import json
for e in json.load(open("export.json"))["incidents"]: print(json.dumps(e))' >again.ndjson
	heal-log --changelog again.log <again.ndjson >/dev/null
	assert_equal "$(field "$(tail -n1 again.log)" '[r["command"], r["tried"], r["attempts"]]')" \
		"$(field "$ev" '[r["command"], r["tried"], r["attempts"]]')"
}

@test "no terminal: the summary says the fix waits for approval and how to give it" {
	broken s.sh hi
	run --separate-stderr heal --no-wait -- bash s.sh </dev/null
	assert_failure 2
	[[ "$stderr" == *"1 fix waits for approval (risk medium, approval policy 'risky')"*"no terminal"*"--yes"* ]]
	ev=$(escalation)
	assert_equal "$(field "$ev" 'r["tried"][0]["outcome"]')" needs-approval
	assert_equal "$(field "$ev" 'r["tried"][0]["rule"]')" shell.unexpected-eof
}

@test "below --min-confidence: the summary names the threshold and the best confidence" {
	cp -r "$HEAL_SRC/examples/c-make/." .
	run --separate-stderr heal --no-wait --min-confidence 0.99 -- make
	assert_failure 2
	[[ "$stderr" =~ "error"s?" ha"(s|ve)" only candidate fixes below --min-confidence 0.99 (the best is 0."[0-9]+")" ]]
	[[ "$stderr" == *"heal --min-confidence 0."* ]]
}

@test "declined or unanswered at the terminal: the summary says so" {
	broken s.sh hi
	run "$PY" "$HEAL_SRC/tests/cli/pty-run.py" --timeout 40 --on '[y/n/a/q]' n -- heal --no-wait -- bash s.sh
	assert_failure 2
	[[ "$output" == *"1 fix was declined at the question"* ]]
	HEAL_APPROVE_TIMEOUT=1 run "$PY" "$HEAL_SRC/tests/cli/pty-run.py" --timeout 40 -- heal --no-wait -- bash s.sh
	assert_failure 2
	[[ "$output" == *"1 fix waited for approval and nobody answered within 1 s"* ]]
}
