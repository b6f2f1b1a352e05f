#!/usr/bin/env bats
# heal-log: passthrough, events, the changelog under concurrency and crashes.

bats_require_minimum_version 1.5.0
load log-helpers

events() { # the event names of the changelog, space-separated
	python3 -S -c 'import json,sys; print(" ".join(json.loads(l)["event"] for l in open(sys.argv[1])))' "${1:-.heal/changelog.ndjson}"
}

@test "records pass through byte for byte, unknown fields and number text intact" {
	{
		error_rec 00000000000000aa | sed 's/"message"/"zz":{"deep":[1.50,-0.0,1e3,"\\u001b"]},"message"/'
		fix_rec 00000000000000aa applied
		validation_rec 00000000000000aa passed true false
		printf '%s\n' '{"v":1,"kind":"event","event":"manual_intervention_required","incident":"00000000000000aa","mine":{"a":[true,null]}}'
	} >in.ndjson
	run heal-log <in.ndjson
	assert_success
	printf '%s\n' "$output" >out.ndjson
	cmp in.ndjson out.ndjson
}

@test "an error record gives error_detected, analysis_complete, fix_generated" {
	error_rec 00000000000000aa src/a.c 7 9 | heal-log --run r1 >/dev/null
	run events
	assert_output "error_detected analysis_complete fix_generated"
	python3 - <<'PY'
import json
ev = [json.loads(l) for l in open('.heal/changelog.ndjson')]
e = ev[0]
assert list(e)[:6] == ["v", "kind", "event", "time", "incident", "run"], list(e)
assert e["incident"] == "00000000000000aa" and e["run"] == "r1"
assert e["environment"] == "c" and e["file_path"] == "src/a.c"
assert e["line_number"] == 7 and e["column"] == 5
assert e["error_type"] == "name" and e["code"] == "-Wfoo"
assert e["analysis_severity"] == 9 and e["severity"] == "error"
assert e["error_message"] == "x undeclared" and e["fix_reasoning"] == "a typo"
assert e["attempt_number"] == 1 and e["from"] == "error"
assert e["rule"] == "c.undeclared"
import re
assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", e["time"])
g = ev[2]
assert g["fix_id"] == "c.undeclared.1" and g["fix_description"] == "rename x to y"
assert g["rule"] == "c.rename"
PY
}

@test "fix statuses map to events; dry-run and skipped give none" {
	for s in applied failed refused needs-approval dry-run skipped; do
		fix_rec 00000000000000bb "$s"
	done | heal-log >/dev/null
	run events
	# the embedded error is logged once, before its first fix event
	assert_output "error_detected analysis_complete fix_generated fix_applied fix_failed fix_failed manual_intervention_required"
	python3 - <<'PY'
import json
e = [json.loads(l) for l in open('.heal/changelog.ndjson')][3]
assert e["rule"] == "c.rename", e["rule"]          # the applied candidate's rule
assert e["status"] == "applied" and e["session"] == "s1" and e["from"] == "fix"
PY
}

@test "validation records: passed, failed, rollback, healed" {
	{
		validation_rec 00000000000000cc passed true false
		validation_rec 00000000000000cc failed false true
		validation_rec 00000000000000cc skipped false false
	} | heal-log >/dev/null
	run events
	assert_output "fix_validated healing_complete fix_failed rollback_performed"
	python3 - <<'PY'
import json
ev = [json.loads(l) for l in open('.heal/changelog.ndjson')]
assert [e["validation_result"] for e in ev] == ["passed", "passed", "failed", "failed"]
assert all(e["from"] == "validation" and e["rule"] == "c.rename" for e in ev)
PY
}

@test "the rule falls back to the analysis rule; attempt comes from the record" {
	fix_rec 00000000000000dd failed | sed 's/"fix_id":"c.undeclared.1"/"fix_id":"other","attempt":3/' |
		heal-log >/dev/null
	python3 - <<'PY'
import json
e = [json.loads(l) for l in open('.heal/changelog.ndjson') if '"fix_failed"' in l][0]
assert e["rule"] == "c.undeclared" and e["attempt_number"] == 3 and e["fix_id"] == "other", e
PY
}

@test "event records are logged normalised; their own time and run are kept" {
	printf '%s\n' '{"v":1,"kind":"event","event":"manual_intervention_required","time":"2026-01-02T03:04:05Z","incident":"ab","run":"other","x":1,"line_number":"bad"}' \
		'{"v":1,"kind":"event","event":"healing_complete","time":"yesterday"}' | heal-log --run mine >/dev/null
	python3 - <<'PY'
import json
a, b = [json.loads(l) for l in open('.heal/changelog.ndjson')]
assert a["time"] == "2026-01-02T03:04:05Z" and a["run"] == "other" and a["from"] == "event"
assert "x" not in a and a["line_number"] is None and a["incident"] == "ab"
assert b["time"] != "yesterday" and b["run"] == "mine" and b["incident"] is None
PY
}

@test "a bad record: exit 3 with input and line; --keep-going skips it" {
	{ error_rec 00000000000000aa; echo 'not json'; echo '{"v":2,"kind":"error"}'; error_rec 00000000000000ab; } >in.ndjson
	run --separate-stderr heal-log in.ndjson
	assert_failure 3
	[[ "$stderr" == "heal-log: in.ndjson:2: "* ]]
	[ "${#lines[@]}" -eq 1 ]
	run --separate-stderr heal-log --keep-going in.ndjson
	assert_failure 3
	[ "${#lines[@]}" -eq 2 ]
	[[ "$stderr" == *"in.ndjson:2: "*"in.ndjson:3: unsupported schema version 2"* ]]
}

@test "HEAL_LOG_DIR and --changelog choose the changelog; --no-log writes none" {
	error_rec 00000000000000aa | HEAL_LOG_DIR=logs heal-log >/dev/null
	[ "$(wc -l <logs/changelog.ndjson)" -eq 3 ]
	[ ! -e .heal/changelog.ndjson ]
	error_rec 00000000000000aa | heal-log --changelog my.ndjson >/dev/null
	[ "$(wc -l <my.ndjson)" -eq 3 ]
	error_rec 00000000000000aa | heal-log --no-log >/dev/null
	[ ! -e .heal/changelog.ndjson ]
	mkdir p && error_rec 00000000000000aa | heal-log --root p >/dev/null
	[ "$(wc -l <p/.heal/changelog.ndjson)" -eq 3 ]
}

@test "the log directory also comes from SELF_HEAL_LOG_DIR and .heal/config.json" {
	error_rec 00000000000000aa | SELF_HEAL_LOG_DIR=seedlogs heal-log >/dev/null
	[ "$(wc -l <seedlogs/changelog.ndjson)" -eq 3 ]
	mkdir -p .heal && echo '{"log_dir":"cfglogs"}' >.heal/config.json
	error_rec 00000000000000aa | heal-log >/dev/null
	[ "$(wc -l <cfglogs/changelog.ndjson)" -eq 3 ]
	error_rec 00000000000000aa | HEAL_LOG_DIR=envlogs heal-log >/dev/null
	[ "$(wc -l <envlogs/changelog.ndjson)" -eq 3 ]
	run heal-log --stats --json
	assert_output --partial '"events":3,'
	[ ! -e .heal/changelog.ndjson ]
}

@test "a symlinked changelog is refused and its target untouched" {
	mkdir .heal && echo keep >target && ln -s "$T/target" .heal/changelog.ndjson
	run heal-log < <(error_rec 00000000000000aa)
	assert_failure
	[ "$(cat target)" = keep ]
}

@test "control characters cannot forge a changelog line" {
	error_rec 00000000000000aa | sed 's/"x undeclared"/"x\\n{\\"v\\":1,\\"kind\\":\\"event\\",\\"event\\":\\"healing_complete\\"}\\r\\u001b[2J\\u0000"/' |
		heal-log >/dev/null
	[ "$(wc -l <.heal/changelog.ndjson)" -eq 3 ]
	! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" .heal/changelog.ndjson || false
	run events
	assert_output "error_detected analysis_complete fix_generated"
}

@test "100 parallel writers lose and interleave nothing" {
	long=$(head -c 3000 /dev/zero | tr '\0' m)
	# 500 records, ids 1 to 500, five to each of in1 .. in100
	error_rec @ID@ | sed "s/x undeclared/$long/" | with_ids 500 |
		awk '{ print > ("in" int((NR - 1) / 5 + 1)) }'
	for i in $(seq 1 100); do
		heal-log --run "w$i" "in$i" >/dev/null &
	done
	wait
	json_lines .heal/changelog.ndjson
	python3 - <<'PY'
import json, collections
ev = [json.loads(l) for l in open('.heal/changelog.ndjson')]
assert len(ev) == 100 * 5 * 3, len(ev)
per = collections.Counter(e["run"] for e in ev)
assert len(per) == 100 and set(per.values()) == {15}
# one record's three events are appended in one write: they stay together
for k in range(0, len(ev), 3):
    assert [e["event"] for e in ev[k:k + 3]] == ["error_detected", "analysis_complete", "fix_generated"]
    assert len({e["incident"] for e in ev[k:k + 3]}) == 1
PY
}

@test "a write torn by a crash: readers skip it, the next append starts a fresh line" {
	long=$(head -c 6000 /dev/zero | tr '\0' m)
	error_rec 00000000000000aa >in
	for j in $(seq 1 20); do error_rec 00000000000000ab | sed "s/x undeclared/$long/"; done >big
	heal-log in >/dev/null
	# a file size limit cuts a write short, as a crash mid-append would
	run bash -c 'ulimit -f 64; exec heal-log big >/dev/null'
	assert_failure
	[ "$(tail -c 1 .heal/changelog.ndjson | od -An -c | tr -d ' ')" != '\n' ]
	json_lines .heal/changelog.ndjson last-may-tear
	heal-log in >/dev/null
	run json_lines .heal/changelog.ndjson
	assert_failure
	assert_output --partial "unparseable lines: ["
	tail -n 3 .heal/changelog.ndjson >last3 && json_lines last3
	run heal-log --export
	assert_success
	python3 -S -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["incidents"][-1]["incident"] == "00000000000000aa"' "$output"
}

@test "SIGKILL during appends: only the last line can be torn, and the next append starts fresh" {
	long=$(head -c 2000 /dev/zero | tr '\0' m)
	error_rec 0000000000000000 | sed "s/x undeclared/$long/" >one
	awk '{ for (j = 1; j <= 400; j++) { l = $0; sub(/"id":"0+"/, sprintf("\"id\":\"%016x\"", j), l); print l } }' one >big
	# each round checks only what the rounds before it have not: the
	# changelog from the start of the last line seen ($from), which may
	# be the one torn line a kill has left ($torn)
	from=0 torn=0
	for k in $(seq 1 25); do
		heal-log big >/dev/null &
		pid=$!
		sleep "0.0$((RANDOM % 9 + 1))"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		[ -s .heal/changelog.ndjson ] || continue
		run python3 - "$from" "$torn" <<'PY'
import json, sys
f = open('.heal/changelog.ndjson', 'rb')
f.seek(int(sys.argv[1]))
lines = f.read().split(b'\n')
tail = lines.pop()            # b'' when the file ends in a newline
bad = 0
for l in lines:
    try:
        json.loads(l)
    except ValueError:
        bad += 1
if bad > int(sys.argv[2]):
    sys.exit("a line other than the last is torn")
print(f.tell() - len(tail), int(tail != b''))
PY
		assert_success
		read -r from torn <<<"$output"
	done
	error_rec 00000000000000ff | heal-log >/dev/null
	tail -n 3 .heal/changelog.ndjson >last3
	json_lines last3
	# the export is one JSON document however much was torn (run would
	# hold tens of megabytes in a shell variable)
	heal-log --export >export.json
	python3 -S -c 'import json, sys; json.load(open(sys.argv[1]))' export.json
}

@test "export: one JSON document in the seed shape that round-trips" {
	{
		error_rec 00000000000000aa
		fix_rec 00000000000000aa applied
		validation_rec 00000000000000aa passed true false
	} | heal-log --run r1 >/dev/null
	heal-log --export >export.json
	python3 - <<'PY'
import json
d = json.load(open('export.json'))
assert set(d) == {"metadata", "incidents"} and set(d["metadata"]) == {"created", "version"}
lines = [l.rstrip('\n') for l in open('.heal/changelog.ndjson')]
assert d["metadata"]["created"] == json.loads(lines[0])["time"]
assert [json.dumps(i, ensure_ascii=False, separators=(',', ':')) for i in d["incidents"]] == lines
with open('events.ndjson', 'w') as f:
    for i in d["incidents"]:
        f.write(json.dumps(i) + "\n")
PY
	# the exported events, logged again, give the same changelog and export
	heal-log --changelog again.ndjson events.ndjson >/dev/null
	cmp .heal/changelog.ndjson again.ndjson
	heal-log --changelog again.ndjson --export | cmp - export.json
}

@test "export of a missing changelog is an empty document" {
	run heal-log --export
	assert_success
	python3 -S -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["incidents"] == []' "$output"
	[ ! -e .heal ]
}
