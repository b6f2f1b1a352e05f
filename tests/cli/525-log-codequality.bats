#!/usr/bin/env bats
# heal-log --format codequality: GitLab's Code Quality report (a JSON array
# of Code Climate issues).

bats_require_minimum_version 1.5.0
load log-helpers

# Check a report against what GitLab requires of every issue.
cq_check() {
	python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d, list)
for i in d:
    assert set(i) >= {"description", "check_name", "fingerprint", "severity", "location"}, i
    assert all(isinstance(i[k], str) and i[k] for k in ("description", "check_name", "fingerprint"))
    assert i["severity"] in ("info", "minor", "major", "critical", "blocker"), i
    assert isinstance(i["location"]["path"], str) and not i["location"]["path"].startswith("/")
    assert isinstance(i["location"]["lines"]["begin"], int) and i["location"]["lines"]["begin"] >= 1
assert len({i["fingerprint"] for i in d}) == len(d), "fingerprints are unique"
PY
}

@test "codequality: one issue per located error, GitLab's required fields" {
	{
		error_rec 00000000000000aa
		error_rec 00000000000000ab src/b.c 7
		fix_rec 00000000000000ab dry-run
		printf '%s\n' '{"v":1,"kind":"error","tool":"make","severity":"warning","message":"no file"}'
		printf '%s\n' '{"v":1,"kind":"error","tool":"sh","severity":"note","file":"run.sh","message":"n1"}'
		printf '%s\n' '{"v":1,"kind":"error","tool":"sh","severity":"note","file":"run.sh","message":"n2"}'
	} >in
	run -1 heal-log --no-log --format codequality in
	printf '%s\n' "$output" >out.json
	run cq_check out.json
	assert_success
	python3 - <<'PY'
import json
d = json.load(open("out.json"))
assert len(d) == 4, d
a, b, n1, n2 = d
assert a["fingerprint"] == "00000000000000aa" and a["check_name"] == "gcc/-Wfoo"
assert a["location"] == {"path": "src/a.c", "lines": {"begin": 2}}
assert a["severity"] == "major"
assert a["description"] == "x undeclared (heal: open: rename x to y)", a["description"]
assert b["location"]["lines"]["begin"] == 7
assert "fix proposed (dry run)" in b["description"]
assert n1["severity"] == "info" and n1["location"]["lines"]["begin"] == 1
assert len(n1["fingerprint"]) == 64 and n1["fingerprint"] != n2["fingerprint"]
PY
}

@test "codequality: a healed error is minor and the status says so; exit 0" {
	validation_rec 00000000000000aa passed true false >in
	run heal-log --no-log --format codequality in
	assert_success
	assert_output --partial '"severity":"minor"'
	assert_output --partial 'fixed and validated'
}

@test "codequality: no records, an empty array" {
	run heal-log --no-log --format codequality </dev/null
	assert_success
	assert_output --regexp '^\[[[:space:]]*\]$'
}

@test "codequality: hostile text stays valid JSON" {
	error_rec 00000000000000aa 'src/we\"ird\\x.c' |
		sed 's/"x undeclared"/"bad\\r\\n\\u0000\\u001b[2J \\"q\\" \\ud800"/' >in
	run -1 heal-log --no-log --format codequality in
	printf '%s\n' "$output" >out.json
	run cq_check out.json
	assert_success
}
