#!/usr/bin/env bats
# heal-validate: re-run, compare fingerprints, regressions, tests, rollback.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() {
	loop_setup
	printf '#include <stdio.h>\nint main(void)\n{\n\tint count = 2;\n\tprintf("%%d\\n", conut);\n\treturn 0;\n}\n' >main.c
	CMD='["gcc","-Wall","-o","app","main.c"]'
}
teardown() { loop_teardown; }

# detect | analyze | fix for the gcc build, into fixed.ndjson
fix_it() {
	gcc -Wall -o app main.c 2>&1 | heal-detect --command "$CMD" | heal-analyze | heal-fix "$@" >fixed.ndjson || true
}

# an analyzed record with one hand-made candidate replacing OLD by NEW in main.c
hand_record() {
	"$PY" - "$1" "$2" "$3" <<'PYEOF'
import hashlib, json, sys
old, new, eid = sys.argv[1], sys.argv[2], sys.argv[3]
data = open("main.c", "rb").read()
k = data.index(old.encode())
rec = {"v": 1, "kind": "error", "id": eid, "tool": "gcc", "file": "main.c",
       "line": 5, "message": "'conut' undeclared", "command": ["gcc", "-Wall", "-o", "app", "main.c"],
       "x-unknown": {"keep": [1, 2.50]},
       "fixes": [{"id": "t.1", "description": "test", "confidence": 0.9, "risk": "low",
                  "source": "rule", "rule": "t",
                  "edits": [{"file": "main.c", "start": k, "end": k + len(old.encode()), "text": new,
                             "sha256": hashlib.sha256(data).hexdigest()}]}]}
print(json.dumps(rec))
PYEOF
}

@test "a fix whose error is gone passes and the command is healed" {
	fix_it
	run --separate-stderr heal-validate <fixed.ndjson
	assert_success
	v=$(printf '%s\n' "$output" | applied_validation)
	assert_equal "$(field "$v" 'r["status"]')" passed
	assert_equal "$(field "$v" 'r["healed"]')" true
	assert_equal "$(field "$v" 'r["rolled_back"]')" false
	assert_equal "$(field "$v" 'r["fix"]["status"]')" applied
	assert_equal "$(field "$v" '[c["name"] for c in r["checks"]]')" '["syntax", "re-run"]'
	# gcc's own re-run compiles main.c: a syntax check would repeat it
	assert_equal "$(field "$v" 'r["checks"][0]["status"]')" skipped
	assert_equal "$(field "$v" 'r["checks"][0]["detail"]')" "the re-run compiles this file"
	assert_equal "$(field "$v" 'r["checks"][1]["exit_status"]')" 0
	# the fix record comes first, then its validation
	assert_equal "$(printf '%s\n' "$output" | head -1 | "$PY" -S -c 'import json,sys; print(json.load(sys.stdin)["kind"])')" fix
	./app | grep -qx 2
}

@test "a fix that leaves its error in place fails and is rolled back byte for byte" {
	cp main.c orig.c
	hand_record 'conut' 'cnt' 0123456789abcdef | heal-fix >fixed.ndjson
	grep -q cnt main.c
	# the error record's id must match what the re-run reports: use detect's id
	id=$(gcc -Wall -o app orig.c 2>&1 | sed 's/orig\.c/main.c/g' | heal-detect | kind error | head -1 | "$PY" -S -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	[ -n "$id" ]
	run --separate-stderr heal-validate -- gcc -Wall -o app main.c <fixed.ndjson
	assert_failure 1
	v=$(printf '%s\n' "$output" | applied_validation)
	assert_equal "$(field "$v" 'r["status"]')" failed
	assert_equal "$(field "$v" 'r["rolled_back"]')" true
	assert_equal "$(sha main.c)" "$(sha orig.c)"
}

@test "a regression in the changed file fails even when the target error is gone" {
	cp main.c orig.c
	# fixes conut, and breaks the next line
	hand_record $'conut);\n\treturn 0;' $'count);\n\treturn zero;' 0123456789abcdef | heal-fix >fixed.ndjson
	# the re-run's comparison alone (the syntax check would catch it first)
	run --separate-stderr heal-validate --no-syntax-check -- gcc -Wall -o app main.c <fixed.ndjson
	assert_failure 1
	v=$(printf '%s\n' "$output" | applied_validation)
	assert_equal "$(field "$v" 'r["status"]')" failed
	[[ "$(field "$v" 'r["reason"]')" == "a new error appeared: "*zero* ]]
	assert_equal "$(field "$v" 'len(r["new_errors"])')" 1
	assert_equal "$(field "$v" 'r["new_errors"][0]["file"]')" main.c
	assert_equal "$(field "$v" 'r["rolled_back"]')" true
	assert_equal "$(sha main.c)" "$(sha orig.c)"
}

@test "a failing --test fails the fix and rolls it back" {
	cp main.c orig.c
	fix_it
	run --separate-stderr heal-validate --test '["sh","-c","exit 3"]' <fixed.ndjson
	assert_failure 1
	v=$(printf '%s\n' "$output" | applied_validation)
	assert_equal "$(field "$v" 'r["status"]')" failed
	assert_equal "$(field "$v" 'r["reason"]')" "the tests failed"
	assert_equal "$(field "$v" 'r["healed"]')" false
	assert_equal "$(field "$v" '[c["exit_status"] for c in r["checks"] if c["name"]=="test"]')" '[3]'
	assert_equal "$(sha main.c)" "$(sha orig.c)"
}

@test "--run-fd: the command's last run on the files it leaves, for heal; none after a rollback" {
	# a fix that stays: the re-run's status and output, whole
	printf '#include <stdio.h>\nint main(void)\n{\n\tint count = 2;\n\tprintf("%%d\\n", conut);\n\treturn nope;\n}\n' >main.c
	cp main.c orig0.c
	fix_it
	run --separate-stderr heal-validate --run-fd 3 -- gcc -Wall -o app main.c <fixed.ndjson 3>run.out
	assert_failure 1
	head -1 run.out | grep -Eqx 'heal-run 1 1 1 0 [0-9]+'
	grep -q 'nope. undeclared' run.out
	! grep -q conut run.out || false
	assert_equal "$(tail -n +2 run.out | wc -c)" "$(head -1 run.out | cut -d' ' -f6)"
	# the command does not inherit the descriptor
	cp orig0.c main.c
	fix_it
	heal-validate --run-fd 3 -- sh -c '{ true >&3; } 2>/dev/null && echo fd3-open; gcc -Wall -o app main.c' <fixed.ndjson 3>run.out >/dev/null || true
	grep -q 'nope. undeclared' run.out
	! grep -q fd3-open run.out || false
	# a fix rolled back: the files are not as the re-run saw them, nothing
	cp main.c orig.c
	hand_record 'count)' 'cnt)' 0123456789abcdef | heal-fix >fixed.ndjson
	run --separate-stderr heal-validate --run-fd 3 -- gcc -Wall -o app main.c <fixed.ndjson 3>run.out
	assert_failure 1
	assert_equal "$(sha main.c)" "$(sha orig.c)"
	[ ! -s run.out ]
	# only an open descriptor above 2
	run heal-validate --run-fd 9 -- true </dev/null
	assert_failure 2
	run heal-validate --run-fd 1 -- true </dev/null
	assert_failure 2
	run heal-validate --run-fd x -- true </dev/null
	assert_failure 2
}

@test "a passing --test keeps the fix" {
	fix_it
	run --separate-stderr heal-validate --test './app' <fixed.ndjson
	assert_success
	grep -q 'count);' main.c
}

@test "a syntax check failure fails the fix (python compile, no bytecode written)" {
	printf 'def f():\n    return valu\n\nvalue = 1\nprint(f())\n' >m.py
	cp m.py orig.py
	script_fix m.py valu value\( python "name 'valu' is not defined" python3 m.py
	run --separate-stderr heal-validate <fixed.ndjson
	assert_failure 1
	v=$(printf '%s\n' "$output" | applied_validation)
	assert_equal "$(field "$v" 'r["checks"][0]["name"]')" syntax
	assert_equal "$(field "$v" 'r["checks"][0]["status"]')" failed
	assert_equal "$(field "$v" 'r["reason"]')" "syntax check of 'm.py' failed"
	assert_equal "$(sha m.py)" "$(sha orig.py)"
	[ ! -e __pycache__ ]
}

@test "a script without an extension is checked by its shebang's shell (bash -n)" {
	printf '#!/usr/bin/env bash\necho "$HOM"\n' >run
	cp run orig
	script_fix run '$HOM' '$(HOME' bash "HOM: unbound variable" bash run
	run --separate-stderr heal-validate <fixed.ndjson
	assert_failure 1
	v=$(printf '%s\n' "$output" | applied_validation)
	assert_equal "$(field "$v" 'r["checks"][0]["name"]')" syntax
	assert_equal "$(field "$v" 'r["checks"][0]["status"]')" failed
	assert_equal "$(sha run)" "$(sha orig)"
}

@test "without a command to re-run, an applied fix is skipped, not rolled back" {
	hand_record 'conut' 'count' 0123456789abcdef | "$PY" -S -c 'import json,sys; r=json.load(sys.stdin); del r["command"]; print(json.dumps(r))' | heal-fix >fixed.ndjson
	run --separate-stderr heal-validate <fixed.ndjson
	assert_failure 1
	v=$(printf '%s\n' "$output" | applied_validation)
	assert_equal "$(field "$v" 'r["status"]')" skipped
	assert_equal "$(field "$v" 'r["reason"]')" "no command to re-run: give one after --"
	assert_equal "$(field "$v" 'r["rolled_back"]')" false
	grep -q 'count);' main.c
}

@test "a re-run over the timeout fails and is rolled back" {
	cp main.c orig.c
	fix_it
	run --separate-stderr heal-validate --timeout 0.5 -- sleep 30 <fixed.ndjson
	assert_failure 1
	v=$(printf '%s\n' "$output" | applied_validation)
	assert_equal "$(field "$v" 'r["reason"]')" "the re-run timed out"
	assert_equal "$(sha main.c)" "$(sha orig.c)"
}

@test "fixes that were not applied get skipped validations, nothing re-run" {
	hand_record 'conut' 'count' 0123456789abcdef | heal-fix --dry-run >fixed.ndjson
	run --separate-stderr heal-validate -- sh -c 'echo ran >ran.txt' <fixed.ndjson
	assert_failure 1
	v=$(printf '%s\n' "$output" | kind validation)
	assert_equal "$(field "$v" 'r["status"]')" skipped
	assert_equal "$(field "$v" 'r["reason"]')" "the fix was not applied (dry-run)"
	[ ! -e ran.txt ]
}

@test "unknown fields survive: other records pass through, fix records come out whole" {
	hand_record 'conut' 'count' 0123456789abcdef | heal-fix >fixed.ndjson
	"$PY" -S -c 'import json,sys
r=json.loads(open("fixed.ndjson").readline()); r["zz-top"]={"a":[1.50,None]}
print(json.dumps(r, separators=(",",":"), ensure_ascii=False))' >in.ndjson
	printf '%s\n' '{"v":1,"kind":"event","event":"error_detected","extra":{"k":[1,2.0e3]}}' >>in.ndjson
	run --separate-stderr heal-validate <in.ndjson
	assert_success
	assert_equal "$(printf '%s\n' "$output" | sed -n 1p)" '{"v":1,"kind":"event","event":"error_detected","extra":{"k":[1,2.0e3]}}'
	assert_equal "$(printf '%s\n' "$output" | sed -n 2p)" "$(head -1 in.ndjson)"
	v=$(printf '%s\n' "$output" | applied_validation)
	assert_equal "$(field "$v" 'r["fix"]["zz-top"]')" '{"a": [1.5, null]}'
	assert_equal "$(field "$v" 'r["fix"]["error"]["x-unknown"]')" '{"keep": [1, 2.5]}'
}

@test "no input: nothing to validate, exit 0" {
	run heal-validate </dev/null
	assert_success
	assert_output ''
}

@test "bad input is exit 3 naming the line; --keep-going skips it" {
	printf '{"v":1,"kind":"fix","error_id":"ab","status":"bogus"}\n' >bad.ndjson
	run --separate-stderr heal-validate <bad.ndjson
	assert_failure 3
	[[ "$stderr" == "heal-validate: <stdin>:1: field 'status' must be one of"* ]]
	run --separate-stderr heal-validate --keep-going <bad.ndjson
	assert_failure 3
	[[ "$stderr" == *"<stdin>:1:"* ]]
}

@test "--help, --version, usage errors" {
	run heal-validate --help
	assert_success
	assert_output --partial 'Usage: heal-validate'
	assert_output --partial 'Exit status:'
	run heal-validate --version
	assert_output --regexp '^heal-validate \(heal\) [0-9]'
	run heal-validate --bogus
	assert_failure 2
	run heal-validate --timeout 0
	assert_failure 2
	run heal-validate --test '[1]'
	assert_failure 2
}
