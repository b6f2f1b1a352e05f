#!/usr/bin/env bats
# heal-log --format: every report checked against its consumer's rules.

bats_require_minimum_version 1.5.0
load log-helpers

# src/a.c, an error in it whose fix edits "x" (bytes 4-5), a hostile error
# in an awkwardly named file, and an error without a file.
inputs() {
	mkdir -p src && printf 'int x;\nint y = x;\n' >src/a.c
	sha=$(sha256sum src/a.c | cut -c1-64)
	error_rec 00000000000000aa | sed "s/\"sha256\":\"00\"/\"sha256\":\"$sha\"/"
	error_rec 00000000000000ab 'src/we,ird:%f.c' 3 9 |
		sed 's/"x undeclared"/"bad\\r\\n::warning::x\\u001b[2J%0A <b>\&amp; [l](http:\/\/x) | \\u0007\\u0085"/'
	printf '%s\n' '{"v":1,"kind":"error","tool":"make","severity":"warning","message":"no file"}'
}

@test "sarif: valid against the SARIF 2.1.0 schema and GitHub's rules" {
	inputs >in
	run -1 heal-log --format sarif in
	printf '%s\n' "$output" >out.sarif
	run python3 "$HEAL_SRC/tests/cli/sarif-check.py" "$HEAL_SRC/tests/data/sarif-schema-2.1.0.json" out.sarif
	assert_success
	python3 - <<'PY'
import json
d = json.load(open("out.sarif"))
run = d["runs"][0]
assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["gcc/-Wfoo", "make/error"]
res = run["results"]
assert len(res) == 2 and run["properties"]["withoutLocation"] == 1
r = res[0]
assert r["ruleId"] == "gcc/-Wfoo" and r["level"] == "error"
assert r["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 5}
assert r["partialFingerprints"] == {"healId/v1": "00000000000000aa"}
ch = r["fixes"][0]["artifactChanges"][0]
assert ch["artifactLocation"]["uri"] == "src/a.c"
assert ch["replacements"] == [{"deletedRegion": {"byteOffset": 4, "byteLength": 1}, "insertedContent": {"text": "y"}}]
assert r["fixes"][0]["description"]["text"] == "rename x to y"
assert res[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/we%2Cird%3A%25f.c"
assert res[1]["message"]["text"].startswith("bad\r\n::warning::x\x1b[2J")
PY
}

@test "sarif: an empty report and a validated fix are valid too" {
	run heal-log --format sarif </dev/null
	assert_success
	printf '%s\n' "$output" >empty.sarif
	python3 "$HEAL_SRC/tests/cli/sarif-check.py" "$HEAL_SRC/tests/data/sarif-schema-2.1.0.json" empty.sarif
	validation_rec 00000000000000aa passed true false >in
	run heal-log --format sarif in
	assert_success
	printf '%s\n' "$output" >v.sarif
	python3 "$HEAL_SRC/tests/cli/sarif-check.py" "$HEAL_SRC/tests/data/sarif-schema-2.1.0.json" v.sarif
	assert_output --partial '"status":"fixed and validated"'
}

@test "github: workflow commands escaped as the runner parses them" {
	inputs >in
	run -1 heal-log --format github in
	assert_line --index 0 '::error file=src/a.c,line=2,col=5,title=gcc/-Wfoo::x undeclared (heal: open; fix: rename x to y)'
	assert_line --index 1 '::error file=src/we%2Cird%3A%25f.c,line=3,col=5,title=gcc/-Wfoo::bad%0D%0A::warning::x\x1b[2J%250A <b>&amp; [l](http://x) | \x07\xc2\x85 (heal: open; fix: rename x to y)'
	assert_line --index 2 '::warning title=make/error::no file (heal: open)'
	[ "${#lines[@]}" -eq 3 ]
	# parse as the runner does: one command per line, unescape, compare
	printf '%s\n' "$output" >out.txt
	python3 - <<'PY'
import re
lines = open("out.txt", "rb").read().split(b"\n")[:-1]
assert len(lines) == 3
for l in lines:
    assert not re.search(rb"[\x00-\x1f\x7f]", l), l
def unesc(s, prop):
    s = s.replace("%0D", "\r").replace("%0A", "\n")
    if prop:
        s = s.replace("%3A", ":").replace("%2C", ",")
    return s.replace("%25", "%")
m = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", lines[1].decode())
props = dict(p.split("=", 1) for p in m.group(2).split(","))
assert unesc(props["file"], True) == "src/we,ird:%f.c"
assert unesc(m.group(3), False).startswith("bad\r\n::warning::x\\x1b[2J%0A")
PY
}

@test "rdjsonl: one reviewdog diagnostic per line, with suggestions from the edits" {
	inputs >in
	run -1 heal-log --format rdjsonl in
	printf '%s\n' "$output" >out.jsonl
	python3 - <<'PY'
import json
ds = [json.loads(l) for l in open("out.jsonl")]
assert len(ds) == 3
for d in ds:
    assert isinstance(d["message"], str) and d["severity"] in ("ERROR", "WARNING", "INFO", "UNKNOWN_SEVERITY")
    assert d["source"]["name"] == "heal" and d["code"]["value"]
a, b, c = ds
assert a["location"] == {"path": "src/a.c", "range": {"start": {"line": 2, "column": 5}}}
# bytes 4-5 of "int x;\n..." are line 1, columns 5-6
assert a["suggestions"] == [{"range": {"start": {"line": 1, "column": 5}, "end": {"line": 1, "column": 6}}, "text": "y"}]
assert "suggestions" not in b          # no such file to read
assert "location" not in c and c["severity"] == "WARNING"
PY
}

@test "rdjsonl: no suggestion from a file changed since the edit was made" {
	inputs >in
	echo '/* changed */' >>src/a.c
	run -1 heal-log --format rdjsonl in
	refute_output --partial suggestions
}

@test "junit: well-formed XML, one testcase per error, validated fixes pass" {
	{ inputs; validation_rec 00000000000000ac passed true false; } >in
	run -1 heal-log --format junit in
	printf '%s\n' "$output" >out.xml
	python3 - <<'PY'
import xml.etree.ElementTree as ET
root = ET.parse("out.xml").getroot()
assert root.tag == "testsuites"
suite = root.find("testsuite")
cases = suite.findall("testcase")
assert len(cases) == 4 and suite.get("tests") == "4" and suite.get("failures") == "3"
assert root.get("tests") == "4" and root.get("failures") == "3"
assert cases[0].get("name") == "src/a.c:2:5: x undeclared" and cases[0].get("file") == "src/a.c"
f = cases[1].find("failure")
assert f.get("type") == "gcc/-Wfoo"
assert f.get("message").startswith("bad\\r\n::warning::x\\x1b[2J%0A <b>&amp; [l](http://x) | \\x07\\xc2\\x85")
assert cases[3].find("failure") is None and "fixed and validated" in cases[3].find("system-out").text
PY
}

@test "markdown: a summary table where input cannot make markup" {
	inputs >in
	run -1 heal-log --format markdown in
	assert_line --index 0 '### heal'
	assert_line --index 1 '3 errors: 0 fixed and validated, 3 not'
	assert_line --index 2 '| status | location | rule | message | fix |'
	assert_line --index 4 '| ❌ open | src\/a\.c\:2 | gcc\/\-Wfoo | x undeclared | rename x to y |'
	assert_line --index 5 '| ❌ open | src\/we\,ird\:\%f\.c\:3 | gcc\/\-Wfoo | bad\\r\\n\:\:warning\:\:x\\x1b\[2J\%0A \<b\>\&amp\; \[l\]\(http\:\/\/x\) \| \\x07\\xc2\\x85 | rename x to y |'
	[ "${#lines[@]}" -eq 7 ]
}

@test "text: a readable list; control characters escaped" {
	inputs >in
	run -1 heal-log --format text in
	assert_line --index 0 'src/a.c:2:5: error: x undeclared [gcc/-Wfoo]'
	assert_line --index 1 '  status: open'
	assert_line --index 3 '  fix: rename x to y'
	assert_line --index 5 'src/we,ird:%f.c:3:5: error: bad\r\n::warning::x\x1b[2J%0A <b>&amp; [l](http://x) | \x07\xc2\x85 [gcc/-Wfoo]'
	assert_line '3 errors: 0 fixed and validated, 3 not'
	printf '%s' "$output" >out.txt
	! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" out.txt || false
}

@test "text: fix outcomes from fix and validation records" {
	{
		fix_rec 00000000000000a1 refused | sed 's/"reason":null/"reason":"stale \\u001b"/'
		validation_rec 00000000000000a2 failed false true
		validation_rec 00000000000000a3 passed true false
		fix_rec 00000000000000a4 needs-approval
	} >in
	run -1 heal-log --format text in
	assert_line '  status: fix refused (stale \x1b)'
	assert_line '  status: fix failed validation, rolled back'
	assert_line '  status: fixed and validated'
	assert_line '  status: fix needs approval'
	assert_line '4 errors: 1 fixed and validated, 3 not'
}

@test "reports: exit 0 when every error is healed; the changelog is still written" {
	validation_rec 00000000000000aa passed true false >in
	run heal-log --format github in
	assert_success
	[ "$(wc -l <.heal/changelog.ndjson)" -eq 2 ]
}

@test "reports: an unknown format is a usage error" {
	run heal-log --format xml </dev/null
	assert_failure 2
	run heal-log --format sarif --stats
	assert_failure 2
}
