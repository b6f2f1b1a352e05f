#!/usr/bin/env bats
# heal-log under hostile input and faults.

bats_require_minimum_version 1.5.0
load log-helpers
load helpers/as-user

@test "a full disk is an I/O error (4) naming the changelog" {
	run --separate-stderr heal-log --changelog /dev/full < <(error_rec 00000000000000aa)
	assert_failure 4
	[[ "$stderr" == "heal-log: cannot write '/dev/full': No space left on device" ]]
}

@test "a read-only .heal is an I/O error (4), nothing changed" {
	mkdir .heal && chmod 555 .heal
	error_rec 00000000000000aa >rec
	run --separate-stderr as_user heal-log rec
	assert_failure 4
	[[ "$stderr" == *"heal-log: "*".heal"*"Permission denied"* ]]
	chmod 755 .heal
	[ -z "$(ls -A .heal)" ]
}

@test "a closed pipe ends heal-log quietly" {
	error_rec @ID@ | with_ids 3000 >big
	run --separate-stderr bash -c 'heal-log big | head -n 1 >/dev/null'
	assert_success
	[ -z "$stderr" ]
}

@test "nesting past the depth cap and lines past the line cap are bad input" {
	python3 -c "print('{\"a\":' * 100000 + '1' + '}' * 100000)" >deep
	run --separate-stderr heal-log deep
	assert_failure 3
	[[ "$stderr" == *"deep:1: "*"nesting deeper than 64 levels"* ]]
	{ error_rec 00000000000000aa | sed "s/x undeclared/$(head -c 5000 /dev/zero | tr '\0' m)/"; error_rec 00000000000000ab; } >long
	run --separate-stderr env HEAL_MAX_LINE=4096 heal-log --keep-going long
	assert_failure 3
	[ "${#lines[@]}" -eq 1 ]
	[[ "$stderr" == *"long:1: record line longer than 4096 bytes"* ]]
}

@test "embedded records with wrong types give events with nulls, not a crash" {
	printf '%s\n' '{"v":1,"kind":"fix","error_id":"ab","fix_id":"f","status":"applied","error":{"id":5,"file":7,"line":"x","message":["m"],"analysis":"no","fixes":"no"}}' \
		'{"v":1,"kind":"validation","error_id":"ab","status":"passed","fix":{"error":[],"fix_id":3}}' >in
	run heal-log in
	assert_success
	python3 - <<'PY'
import json
a, b = [json.loads(l) for l in open('.heal/changelog.ndjson')]
assert a["event"] == "fix_applied" and a["incident"] == "ab" and a["file_path"] is None and a["line_number"] is None
assert a["error_message"] is None and a["rule"] is None and a["fix_id"] == "f"
assert b["event"] == "fix_validated" and b["fix_id"] is None
PY
}

@test "corrupt changelog lines are skipped by every reader and counted" {
	mkdir .heal
	{
		printf '\xff\xfe garbage\n'
		printf '{"v":1,"kind":"event","event":"error_detected","incident":5}\n'
		printf '{"v":1,"kind":"error","tool":"x","message":"not an event"}\n'
		printf '[1,2]\n\n'
		printf '%s\n' '{"v":1,"kind":"event","event":"error_detected","incident":"ok","run":"r"}'
		printf '\0\0\0\n'
	} >.heal/changelog.ndjson
	run heal-log --stats --json
	assert_success
	assert_output --partial '"total_incidents":1,'
	assert_output --partial '"events":1,"skipped_lines":5,'
	run heal-log --export
	assert_success
	python3 -S -c 'import json,sys; d=json.loads(sys.argv[1]); assert [i["incident"] for i in d["incidents"]] == ["ok"]' "$output"
}

@test "a run id with control characters is a usage error" {
	run env HEAL_RUN="$(printf 'a\nb')" heal-log </dev/null
	assert_failure 2
	run heal-log --run "$(head -c 200 /dev/zero | tr '\0' r)" </dev/null
	assert_failure 2
}

@test "an append waits for the lock another writer holds" {
	error_rec 00000000000000aa | heal-log >/dev/null
	python3 -c '
import fcntl, time, sys
f = open(".heal/changelog.ndjson", "a")
fcntl.flock(f, fcntl.LOCK_EX)
open("locked", "w").close()
time.sleep(1.5)
f.write("{\"v\":1,\"kind\":\"event\",\"event\":\"fix_failed\",\"incident\":\"held\"}\n")
f.flush()
' &
	while [ ! -e locked ]; do sleep 0.05; done
	error_rec 00000000000000ab | heal-log >/dev/null
	wait
	run python3 -S -c 'import json; print(" ".join(json.loads(l)["incident"] for l in open(".heal/changelog.ndjson")))'
	assert_output "00000000000000aa 00000000000000aa 00000000000000aa held 00000000000000ab 00000000000000ab 00000000000000ab"
}

@test "a symlinked learning.json is replaced, its target untouched" {
	mkdir .heal && echo keep >target && ln -s "$T/target" .heal/learning.json
	validation_rec 00000000000000aa passed true false | heal-log >/dev/null
	[ "$(cat target)" = keep ]
	[ ! -L .heal/learning.json ]
	[ "$(cat .heal/learning.json)" = '{"v":1,"rules":{"c.rename":{"passed":1,"failed":0}}}' ]
}

@test "--help and --version" {
	run heal-log --help
	assert_success
	assert_output --partial "--format FMT"
	assert_output --partial "Exit status:"
	run heal-log --version
	assert_success
	assert_output --regexp '^heal-log \(heal\) '
}
