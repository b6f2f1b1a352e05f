#!/usr/bin/env bats
# heal-validate: credit per fix (leave-one-out), progress kept, tests per fix.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() {
	command -v gcc >/dev/null || skip "gcc is not installed"
	loop_setup
}
teardown() { loop_teardown; }

# the validation records as "FIX_ID STATUS ROLLED_BACK [TESTS]", input order
verdicts() { "$PY" -S -c 'import json,sys
for l in sys.stdin:
    r=json.loads(l)
    if r.get("kind")=="validation" and r["fix"].get("status")=="applied":
        print(r["fix_id"], r["status"], str(r["rolled_back"]).lower(), r.get("tests", "-"))'; }

@test "a fix whose error another fix removed is undone and not counted" {
	# strdup and strlen without <string.h>: the include declares both, so
	# _DEFAULT_SOURCE for strdup (chosen by skipping the include for it)
	# does nothing and must not be kept or credited
	printf '#include <stdio.h>\n\nint main(void)\n{\n\tchar *s = strdup("hi");\n\tprintf("%%s %%zu\\n", s, strlen(s));\n\treturn 0;\n}\n' >m.c
	gcc -Werror -c m.c >build.out 2>&1 && skip "this gcc accepts implicit declarations"
	heal-detect --command '["gcc","-Werror","-c","m.c"]' <build.out | heal-analyze >an.ndjson
	id=$("$PY" -S -c 'import json,sys
for l in open("an.ndjson"):
    r=json.loads(l)
    if "strdup" in r["message"] and any(f["id"].startswith("c.feature-test-macro") for f in r.get("fixes",[])): print(r["id"]); break')
	[ -n "$id" ] || skip "no feature-test-macro candidate for strdup"
	heal-fix --yes --skip "$id/c.missing-include-function.1" <an.ndjson >fixed.ndjson
	grep -q '_DEFAULT_SOURCE' m.c
	run --separate-stderr heal-validate -- gcc -Werror -c m.c <fixed.ndjson
	assert_success
	! grep -q '_DEFAULT_SOURCE' m.c || false
	grep -q '#include <string.h>' m.c
	gcc -Werror -c m.c
	v=$(printf '%s\n' "$output" | kind validation | "$PY" -S -c 'import json,sys
for l in sys.stdin:
    r=json.loads(l)
    if r["fix_id"].startswith("c.feature-test-macro"): print(l.rstrip())')
	assert_equal "$(field "$v" 'r["status"]')" skipped
	assert_equal "$(field "$v" 'r["rolled_back"]')" true
	assert_equal "$(field "$v" '[c["status"] for c in r["checks"] if c["name"]=="credit"][0]')" failed
	# the include fixes are credited: without them their errors come back
	n=$(printf '%s\n' "$output" | kind validation | "$PY" -S -c 'import json,sys
print(sum(1 for l in sys.stdin if json.loads(l)["status"]=="passed" and any(c["name"]=="credit" and c["status"]=="passed" for c in json.loads(l)["checks"])))')
	[ "$n" -ge 1 ]
	# learning counts only what a fix caused
	printf '%s\n' "$output" | heal-log --changelog log.ndjson >/dev/null
	! grep -q 'feature-test-macro' .heal/learning.json || false
}

# analyzed records of the two missing semicolons, b.c's candidate spoilt
two_semicolons() {
	printf 'int a(void)\n{\n\treturn 1\n}\n' >a.c
	printf 'int b(void)\n{\n\treturn 2\n}\n' >b.c
	cp a.c a.orig; cp b.c b.orig
	gcc -fsyntax-only a.c b.c 2>&1 | heal-detect --command '["gcc","-fsyntax-only","a.c","b.c"]' |
		heal-analyze >an.ndjson || true
	"$PY" - "$1" <<'PYEOF'
import json, sys
out = []
for l in open("an.ndjson"):
    r = json.loads(l)
    if r.get("file") == "b.c" and sys.argv[1]:
        r["fixes"][0]["edits"][0]["text"] = sys.argv[1]
    out.append(json.dumps(r))
open("an.ndjson", "w").write("\n".join(out) + "\n")
PYEOF
}

@test "a passing fix stays when another fails; --atomic undoes both" {
	two_semicolons '; @'
	heal-fix <an.ndjson >fixed.ndjson || true
	[ "$(grep -c '"status":"applied"' fixed.ndjson)" -eq 2 ] || skip "no rule fixed both missing semicolons"
	run --separate-stderr heal-validate -- gcc -fsyntax-only a.c b.c <fixed.ndjson
	assert_failure 1
	assert_equal "$(printf '%s\n' "$output" | verdicts)" "c.expected-semicolon.1 passed false -
c.expected-semicolon.1 failed true -"
	grep -q 'return 1;' a.c
	cmp b.c b.orig
	v=$(printf '%s\n' "$output" | kind validation | head -n 1)
	assert_equal "$(field "$v" 'r["partial"]')" true
	assert_equal "$(field "$v" 'r["healed"]')" false

	# all or nothing
	cp a.orig a.c
	heal-fix <an.ndjson >fixed.ndjson || true
	run --separate-stderr heal-validate --atomic -- gcc -fsyntax-only a.c b.c <fixed.ndjson
	assert_failure 1
	assert_equal "$(printf '%s\n' "$output" | verdicts)" "c.expected-semicolon.1 passed true -
c.expected-semicolon.1 failed true -"
	cmp a.c a.orig
	cmp b.c b.orig
}

@test "failing tests do not fail every fix; they are unproven and undone" {
	two_semicolons ''
	heal-fix <an.ndjson >fixed.ndjson || true
	[ "$(grep -c '"status":"applied"' fixed.ndjson)" -eq 2 ] || skip "no rule fixed both missing semicolons"
	run --separate-stderr heal-validate --test '["sh","-c","exit 3"]' -- gcc -fsyntax-only a.c b.c <fixed.ndjson
	assert_failure 1
	assert_equal "$(printf '%s\n' "$output" | verdicts)" "c.expected-semicolon.1 unproven true failed
c.expected-semicolon.1 unproven true failed"
	cmp a.c a.orig
	cmp b.c b.orig
}

@test "fixes whose tests never ran are not passed, and stay as progress" {
	printf 'int a(void)\n{\n\treturn 1\n}\n' >a.c
	printf 'int c(void)\n{\n\treturn undeclared_thing;\n}\n' >c.c
	cmd='["gcc","-fsyntax-only","a.c","c.c"]'
	gcc -fsyntax-only a.c c.c 2>&1 | heal-detect --command "$cmd" | heal-analyze | heal-fix >fixed.ndjson || true
	[ "$(grep -c '"status":"applied"' fixed.ndjson)" -eq 1 ] || skip "expected one fix, for a.c"
	run --separate-stderr heal-validate --test '["sh","-c","exit 0"]' -- gcc -fsyntax-only a.c c.c <fixed.ndjson
	assert_failure 1
	v=$(printf '%s\n' "$output" | applied_validation)
	assert_equal "$(field "$v" 'r["status"]')" unproven
	assert_equal "$(field "$v" 'r["tests"]')" not-run
	assert_equal "$(field "$v" 'r["rolled_back"]')" false
	grep -q 'return 1;' a.c
}

@test "failing tests are blamed on the fix without which they pass; the other fix is proven" {
	printf 'int a(void)\n{\n\treturn 1\n}\n' >a.c
	printf 'int b(void)\n{\n\tint unused_v;\n\treturn 2;\n}\n' >b.c
	cp b.c b.orig
	cmd='["gcc","-Wall","-fsyntax-only","a.c","b.c"]'
	gcc -Wall -fsyntax-only a.c b.c 2>&1 | heal-detect --command "$cmd" | heal-analyze >an.ndjson || true
	# b.c's warning gets a fix that removes it, which the build does not
	# need and the tests reject
	"$PY" - <<'PYEOF'
import hashlib, json
data = open("b.c", "rb").read()
k = data.index(b"int unused_v;")
out = []
for l in open("an.ndjson"):
    r = json.loads(l)
    if r.get("file") == "b.c":
        if "unused_v" not in r.get("message", ""):
            continue
        r["severity"] = "error"
        r["fixes"] = [{"id": "t.1", "confidence": 0.9, "risk": "low", "source": "rule",
            "edits": [{"file": "b.c", "start": k, "end": k + len("int unused_v;"), "text": "/*BAD*/",
                       "sha256": hashlib.sha256(data).hexdigest()}]}]
    out.append(json.dumps(r))
open("an.ndjson", "w").write("\n".join(out) + "\n")
PYEOF
	heal-fix <an.ndjson >fixed.ndjson || true
	[ "$(grep -c '"status":"applied"' fixed.ndjson)" -eq 2 ] || skip "no rule fixed the missing semicolon"
	run --separate-stderr heal-validate --test '["sh","-c","! grep -q BAD b.c"]' -- gcc -Wall -fsyntax-only a.c b.c <fixed.ndjson
	assert_failure 1
	assert_equal "$(printf '%s\n' "$output" | verdicts)" "c.expected-semicolon.1 passed false passed
t.1 failed true failed"
	grep -q 'return 1;' a.c
	cmp b.c b.orig
}
